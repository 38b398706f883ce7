/**
 * What the elaborator keeps of hledger's periodic transaction rules (`~`) and auto posting rules (`=`): beside the
 * books, for journal/Forecast.ts.
 */
import type { PostingInput } from '../core/Posting.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type { TransactionInput } from '../core/Transaction.js'
import type { ParseError } from './ParseError.js'
import type * as Search from './Search.js'
import type * as Syntax from './Syntax.js'

/** A periodic transaction rule: its recurrence and the transaction it makes (dated on each occurrence). */
export interface PeriodicRule {
  readonly periodText: string
  /** Null for a form not generated here; `refusal` is then the error `--forecast` reports. */
  readonly recurrence: Syntax.RecurrenceSyntax | null
  readonly refusal?: ParseError
  /** The transaction, with a placeholder date. */
  readonly input: TransactionInput
  readonly span: SourceSpan
}

/** One posting of an auto posting rule: `*N [SYMBOL]` (a multiplier), an amount, or none (inferred). */
export interface AutoRulePosting {
  readonly input: PostingInput
  readonly multiplier: boolean
  /** The amount names no commodity: a multiplier then keeps the matched posting's. */
  readonly bare: boolean
}

/** An auto posting rule: the query its matched postings answer, the postings it adds after each. */
export interface AutoRule {
  readonly query: string
  /** Null for a query that does not read; `refusal` is then the error `--auto` reports. */
  readonly search: Search.Search | null
  readonly refusal?: ParseError
  readonly postings: ReadonlyArray<AutoRulePosting>
  readonly span: SourceSpan
}
