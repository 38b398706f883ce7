/**
 * The core layer: exact quantities, commodities, accounts, dates, citations, postings,
 * transactions, the ledger and its queries. Imports only fp-ts and decimal.js.
 */

export * as AccountName from './AccountName.js'
export * as Amount from './Amount.js'
export * as Citation from './Citation.js'
export * as Commodity from './Commodity.js'
export * as Entity from './Entity.js'
export * as Interval from './Interval.js'
export * as Ledger from './Ledger.js'
export * as LocalDate from './LocalDate.js'
export * as limits from './limits.js'
export * as Period from './Period.js'
export * as Posting from './Posting.js'
export * as Quantity from './Quantity.js'
export * as Query from './Query.js'
export * as Rate from './Rate.js'
export * as SourceSpan from './SourceSpan.js'
export * as Transaction from './Transaction.js'
