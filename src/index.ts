/**
 * The public library API of shadow-ledger: named exports only.
 *
 * Everything here runs in Node and in a browser bundle (no `node:*` imports); the Node file
 * system port is in `shadow-ledger/node`.
 */
export { AccountName, Amount, Citation, Commodity, Entity, Ledger, LocalDate, Period, Posting, Quantity, Query, SourceSpan, Transaction, limits } from './core/index.js'
export { elaborate } from './journal/Elaborate.js'
export { parse } from './journal/Parse.js'
export { format } from './journal/Format.js'
export { print } from './journal/Print.js'
export { loadFile, loadText, renderFailure } from './load/Load.js'
export type { Loaded, LoadFailure, LoadOptions } from './load/Load.js'
export { memoryFileSystem } from './load/FileSystem.js'
export type { FileSystem, IoError } from './load/FileSystem.js'
export { render as renderDiagnostic } from './load/Diagnostic.js'
export type { Diagnostic, LoadError } from './load/Diagnostic.js'
