/**
 * Transactions: a dated, balanced set of postings with provenance.
 */
import type { Citation } from './Citation.js'
import type { LocalDate } from './LocalDate.js'
import type { Posting, PostingInput, Status, Tag } from './Posting.js'
import type { SourceSpan } from './SourceSpan.js'

/** Which domain operation produced a transaction, if any (for `print` and evidence). */
export interface Origin {
  readonly operation: string
  readonly document?: string
}

interface TransactionFields {
  readonly date: LocalDate
  /** The secondary (effective) date, `DATE=DATE2`. */
  readonly date2?: LocalDate
  readonly code?: string
  readonly description: string
  readonly comment?: string
  readonly origin?: Origin
}

/**
 * A transaction as written or built in code, before posting: postings may leave one money amount to be
 * inferred, status and tags are optional.
 */
export interface TransactionInput extends TransactionFields {
  readonly status?: Status
  readonly postings: ReadonlyArray<PostingInput>
  readonly tags?: ReadonlyArray<Tag>
  readonly citations?: ReadonlyArray<Citation>
  readonly estimated?: boolean
  readonly span?: SourceSpan
}

/**
 * A posted transaction: balanced, every posting's money explicit or inferred, with its position in the
 * ledger and where it was written.
 */
export interface Transaction extends TransactionFields {
  /** Position in the ledger, 0-based, in posting order. */
  readonly index: number
  readonly status: Status
  readonly postings: ReadonlyArray<Posting>
  readonly tags: ReadonlyArray<Tag>
  readonly citations: ReadonlyArray<Citation>
  readonly estimated: boolean
  readonly span: SourceSpan
}
