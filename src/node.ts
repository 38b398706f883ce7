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
 * An archival transcription in another encoding: `nodeFileSystemWith({ encoding: 'windows-1251' })`.
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
export type { NodeFileSystemOptions } from './load/NodeFileSystem.js'
export { nodeFileSystem, nodeFileSystemWith } from './load/NodeFileSystem.js'
