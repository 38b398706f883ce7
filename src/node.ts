/**
 * The Node entry point of shadow-ledger: the file-system port on `node:fs`, for `loadFile`.
 *
 * ```ts
 * import { loadFile } from 'shadow-ledger'
 * import { nodeFileSystem } from 'shadow-ledger/node'
 *
 * const loaded = loadFile('ledgers/kirov/kirov.journal', { fileSystem: nodeFileSystem, root: 'ledgers/kirov' })
 * ```
 *
 * @packageDocumentation
 */

/**
 * The interchange layer: the table schema (docs/SCHEMA.md), CSV and SQL writers, hledger/ledger/beancount exports, the
 * CSV-rules import.
 */
export * as Interchange from './interchange/index.js'
export type { AppendError, Appended, AppendOptions } from './load/Append.js'
export { appendTransactions, renderAppendError } from './load/Append.js'
export { nodeFileSystem } from './load/NodeFileSystem.js'
