/**
 * The domain layer: books (ledger + documents + plans + parameters), operations with their
 * codecs, errors, the expansion into core transactions, arithmetic, consolidation.
 * Imports only core, fp-ts and io-ts.
 */

export * as Apply from './Apply.js'
export * as Arithmetic from './Arithmetic.js'
export * as Books from './Books.js'
export * as Consolidate from './Consolidate.js'
export * as DomainError from './DomainError.js'
export * as Operation from './Operation.js'
export * as Parameters from './Parameters.js'
