/**
 * `appendTransactions(path, entries)`: adds journal entries (transactions, operations, any
 * directives) to the end of a journal, safely.
 *
 * 1. Takes the lock `PATH.lock` (concurrent appenders wait their turn; a lock left by a dead
 *    process is taken over).
 * 2. Reads the journal and loads it with the new entries after it: balances, balance
 *    assertions and the state of every document are checked as the loader checks them. Any
 *    error refuses the append, located in the new entries (`<entries>:LINE:COLUMN`) or in the
 *    journal; the file is unchanged.
 * 3. Writes the journal and the entries atomically with `writeFileAtomic` (temporary file, fsync,
 *    rename) through the write port: killed or failing at any step, the file holds the old text or
 *    the old text and every new entry, never part of one. The lock and the write go through
 *    `options.writeFileSystem` (default Node's `fs`), where tests inject faults.
 */
import * as E from 'fp-ts/lib/Either.js'
import { type Diagnostic, fromIoError, ofLoadError } from './Diagnostic.js'
import type { FileSystem } from './FileSystem.js'
import { type LoadFailure, loadText } from './Load.js'
import { lockFile } from './Lock.js'
import { nodeFileSystem } from './NodeFileSystem.js'
import { nodeWriteFileSystem } from './NodeWriteFileSystem.js'
import { renderWriteError, type WriteError, type WriteFileSystem, writeFileAtomic } from './WriteFileSystem.js'

/**
 * Options of `appendTransactions`: the entries' name in diagnostics, the lock timeout, the read and write ports, a dry
 * run.
 */
export interface AppendOptions {
  /** The name the new entries' diagnostics carry (default `<entries>`). */
  readonly entriesName?: string
  /** How long to wait for another appender's lock (default 10 s). */
  readonly lockTimeoutMs?: number
  /** The port the journal is read through (default `nodeFileSystem`). */
  readonly fileSystem?: FileSystem
  /** The port the lock and the new journal are written through (default `nodeWriteFileSystem`). */
  readonly writeFileSystem?: WriteFileSystem
  /** Check only: take the lock and load the journal with the entries, but write nothing. */
  readonly dryRun?: boolean
}

/**
 * Why an append was refused: the entries do not load with the journal, the lock stayed taken, the
 * lock or the write failed (`error`; the journal is unchanged unless it is `DirectoryNotFlushed`), or
 * there was nothing to append.
 */
export type AppendError =
  | { readonly _tag: 'AppendRejected'; readonly failure: LoadFailure }
  | { readonly _tag: 'JournalLocked'; readonly path: string; readonly timeoutMs: number }
  | { readonly _tag: 'AppendWriteFailed'; readonly path: string; readonly error: WriteError }
  | { readonly _tag: 'NothingToAppend' }

/** A done append: the journal, where the new entries start, its new line count, and a lock left behind. */
export interface Appended {
  readonly path: string
  /** Set when the lock file could not be removed afterwards (a later appender takes it over: its holder is gone). */
  readonly lockLeft?: string
  /** The journal's new line count; the entries start at `firstLine`. */
  readonly firstLine: number
  readonly lines: number
}

const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0))

/** Moves diagnostics that fall in the appended text to the entries' own name and lines. */
const relocate = (failure: LoadFailure, path: string, offset: number, name: string, entries: string): LoadFailure => {
  const diagnostics: Diagnostic[] = failure.diagnostics.map((diagnostic) => {
    const span = diagnostic.span
    if (span === undefined || span.file !== path || span.line <= offset) return diagnostic
    return {
      ...diagnostic,
      span: { ...span, file: name, line: span.line - offset, endLine: Math.max(span.endLine - offset, 1) },
    }
  })
  const sources = new Map(failure.sources)
  sources.set(name, entries)
  return { diagnostics, sources }
}

/**
 * Appends journal text to the journal at `path` after checking it against the whole journal.
 *
 * ```ts
 * const result = appendTransactions(
 *   'books.journal',
 *   '1936-03-20 * Four tanks\n    kirov:assets:finished  [4 T28]\n    kirov:assets:wip  [-4 T28]\n',
 * )
 * if (E.isLeft(result)) console.error(renderAppendError(result.left))
 * ```
 */
export const appendTransactions = (
  path: string,
  entries: string | ReadonlyArray<string>,
  options: AppendOptions = {},
): E.Either<AppendError, Appended> => {
  const text =
    typeof entries === 'string'
      ? entries
      : entries.map((entry) => (entry.endsWith('\n') ? entry : `${entry}\n`)).join('\n')
  if (text.trim() === '') return E.left({ _tag: 'NothingToAppend' })
  const fileSystem = options.fileSystem ?? nodeFileSystem
  const writeFileSystem = options.writeFileSystem ?? nodeWriteFileSystem
  const timeoutMs = options.lockTimeoutMs ?? 10000
  const locked = lockFile(writeFileSystem, path, timeoutMs)
  if (E.isLeft(locked))
    return E.left({ _tag: 'AppendWriteFailed', path, error: { _tag: 'WriteFailed', ...locked.left } })
  const release = locked.right
  if (release === undefined) return E.left({ _tag: 'JournalLocked', path, timeoutMs })
  let released = false
  const unlock = (): boolean => {
    released = true
    return E.isRight(release())
  }
  try {
    const original = fileSystem.readText(path)
    if (E.isLeft(original))
      return E.left({
        _tag: 'AppendRejected',
        failure: { diagnostics: [ofLoadError(fromIoError(original.left))], sources: new Map() },
      })
    const base = original.right === '' || original.right.endsWith('\n') ? original.right : `${original.right}\n`
    const separated = base === '' ? base : `${base}\n`
    const entriesText = text.endsWith('\n') ? text : `${text}\n`
    const combined = `${separated}${entriesText}`
    const offset = lineCount(separated)
    const loaded = loadText(path, combined, { fileSystem })
    if (E.isLeft(loaded))
      return E.left({
        _tag: 'AppendRejected',
        failure: relocate(loaded.left, path, offset, options.entriesName ?? '<entries>', entriesText),
      })
    if (options.dryRun !== true) {
      const written = writeFileAtomic(writeFileSystem, path, combined)
      if (E.isLeft(written)) return E.left({ _tag: 'AppendWriteFailed', path, error: written.left })
    }
    const lockLeft = unlock() ? {} : { lockLeft: `${path}.lock` }
    return E.right({ path, firstLine: offset + 1, lines: lineCount(combined), ...lockLeft })
  } finally {
    if (!released) release()
  }
}

/** A one-line sentence for the errors that carry no diagnostics (render `AppendRejected` with `renderFailure`). */
export const renderAppendError = (error: AppendError): string => {
  switch (error._tag) {
    case 'AppendRejected':
      return (
        `the entries were refused (${error.failure.diagnostics.length} ` +
        `problem${error.failure.diagnostics.length === 1 ? '' : 's'}); the journal is unchanged`
      )
    case 'JournalLocked':
      return (
        `${error.path} is locked by another writer (waited ${error.timeoutMs} ms; ${error.path}.lock); the ` +
        `journal is unchanged`
      )
    case 'AppendWriteFailed':
      return renderWriteError(error.path, error.error)
    case 'NothingToAppend':
      return 'no entries to append'
  }
}
