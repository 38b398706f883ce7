/**
 * Postings: one line of a transaction.
 *
 * A posting may carry a money amount, a goods quantity, or both, recorded independently: the
 * money book balances per transaction, the physical book moves between accounts and stages and
 * is checked against counts. Divergence between the two books is data, not an error.
 */
import type { AccountName } from './AccountName.js'
import type { Amount } from './Amount.js'
import type { Citation } from './Citation.js'
import type { EntityName } from './Entity.js'
import type { SourceSpan } from './SourceSpan.js'

/** A posting's or transaction's clearing status: unmarked, pending (`!`) or cleared (`*`). */
export type Status = 'unmarked' | 'pending' | 'cleared'

/** A `name:value` tag from a comment; the value is empty for a bare `name:`. */
export interface Tag {
  readonly name: string
  readonly value: string
}

/** `= A` (own balance), `=* A` (with subaccounts), `==` (and no other commodity). */
export interface BalanceAssertion {
  readonly amount: Amount
  readonly inclusive: boolean
  readonly sole: boolean
  readonly span?: SourceSpan
}

/** hledger's virtual postings: `(a)` is outside any balancing, `[a]` balances with the other `[…]` postings. */
export type VirtualKind = 'unbalanced' | 'balanced'

/** A posting as written: at most one per transaction has no money, no goods and no assertion (the elided one). */
export interface PostingInput {
  readonly account: AccountName
  readonly money?: Amount
  readonly goods?: Amount
  readonly estimated?: boolean
  readonly status?: Status
  /** Absent for a real posting. */
  readonly virtual?: VirtualKind
  /**
   * What the money amount cost in total (`@`/`@@`), same sign as the amount; the transaction balances with it in place
   * of the amount.
   */
  readonly cost?: Amount
  /** A check, or with no `money`, a balance assignment that sets the money amount. */
  readonly assertion?: BalanceAssertion
  readonly citations?: ReadonlyArray<Citation>
  readonly tags?: ReadonlyArray<Tag>
  readonly comment?: string
  readonly span?: SourceSpan
}

/** A posted posting: money is explicit or was inferred (elided amount, balance assignment). */
export interface Posting {
  readonly account: AccountName
  readonly entity?: EntityName
  readonly money?: Amount
  readonly goods?: Amount
  /** True when the figure is approximate (written `~`, tagged `estimated:`, or inferred from one). */
  readonly estimated: boolean
  /** How the money amount got here. */
  readonly origin: 'written' | 'elided' | 'assigned'
  readonly status: Status
  /** Absent for a real posting (the books proper); virtual postings are left out of reports with `--real`. */
  readonly virtual?: VirtualKind
  /** The total cost of the money amount, when one was written. */
  readonly cost?: Amount
  readonly assertion?: BalanceAssertion
  readonly citations: ReadonlyArray<Citation>
  readonly tags: ReadonlyArray<Tag>
  readonly comment?: string
  readonly span?: SourceSpan
}

/** A shared, frozen empty tag list. */
export const emptyTags: ReadonlyArray<Tag> = Object.freeze([])
/** A shared, frozen empty citation list. */
export const emptyCitations: ReadonlyArray<Citation> = Object.freeze([])

/** True when the posting as written leaves its money amount for the engine to infer. */
export const isElided = (self: PostingInput): boolean =>
  self.money === undefined && self.goods === undefined && self.assertion === undefined

/** The value of the first tag with this name, or undefined when there is none. */
export const tagValue = (tags: ReadonlyArray<Tag>, name: string): string | undefined => {
  for (const tag of tags) if (tag.name === name) return tag.value
  return undefined
}

/** True when a tag with this name is present (whatever its value). */
export const hasTag = (tags: ReadonlyArray<Tag>, name: string): boolean => tags.some((tag) => tag.name === name)
