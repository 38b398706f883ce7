/**
 * What the CLI's modules share: the I/O port, exit codes, usage errors, the command context, and argument parsers.
 * Imports nothing of the CLI.
 */
import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import * as Entity from '../core/Entity.js'
import type * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { View } from '../domain/Views.js'
import type * as Diagnostic from '../load/Diagnostic.js'
import type * as Load from '../load/Load.js'
import type { WriteFileSystem } from '../load/WriteFileSystem.js'

/** The I/O port the CLI writes through (tests pass their own). */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly isTerminal: boolean
  readonly cwd: string
  /** Every file a command writes goes through this port (default: Node's `fs`; tests inject faults). */
  readonly writeFileSystem?: WriteFileSystem
}

/** Exit codes: 0 ok, 1 bad data, 2 bad usage, 3 unreadable files. */
export const exitCodes = { ok: 0, data: 1, usage: 2, io: 3 } as const

/** A usage problem found after commander parsed the arguments (a bad date, an unknown entity). */
export class UsageError extends Error {}

/** The default ledger `npm start` works on. */
export const defaultLedger = 'ledgers/examples/plant.journal'

/** What a command runs in: the I/O port, the journal loader, the exit code it sets. */
export interface Context {
  readonly io: Io
  /** Loads a journal, printing diagnostics; undefined (with the exit code set) on failure. */
  readonly load: (file: string, options?: { readonly keepTransactions?: boolean }) => Load.Loaded | undefined
  exitCode: number
  /**
   * The port every write goes through: use `writeFileAtomic(context.writeFileSystem, …)`
   * (src/load/WriteFileSystem.ts).
   */
  readonly writeFileSystem: WriteFileSystem
  /** `--encoding LABEL`: read journals in this encoding instead of strict UTF-8. */
  encoding?: string
  /** `--root DIR`: includes must stay inside this directory (untrusted journals). */
  root?: string
  /** `--strict`: accounts and commodities must be declared. */
  strict?: boolean
  /** `--view reported|found`: which view of the books to read (default found). */
  view?: View
  /** Prints located diagnostics to stderr, as the loader does. */
  readonly printDiagnostics: (
    diagnostics: ReadonlyArray<Diagnostic.Diagnostic>,
    sources: ReadonlyMap<string, string>,
  ) => void
}

export const parseDate =
  (flag: string) =>
  (value: string): LocalDate.LocalDate => {
    const date = LocalDate.fromString(value)
    if (E.isLeft(date)) throw new UsageError(`${flag}: ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`)
    return date.right
  }

export const parseDepth = (value: string): number => {
  if (!/^[1-9]\d{0,2}$/u.test(value))
    throw new UsageError(`--depth: ${JSON.stringify(value)} is not a positive whole number`)
  return Number(value)
}

export const outputOption = () =>
  new Option('-O, --output <format>', 'output format').choices(['table', 'csv', 'json']).default('table')

/** The journal file: the positional argument, or `-f FILE` as hledger users type it. */
export const journalFile = (command: Command, positional: string | undefined): string => {
  const file = positional ?? (command.optsWithGlobals() as { file?: string }).file
  if (file === undefined) throw new UsageError('no journal file given (pass FILE or -f FILE)')
  return file
}

export const entityFilter = (ledger: Ledger.Ledger, name: string | undefined): Entity.EntityName | undefined => {
  if (name === undefined) return undefined
  const entity = Entity.nameFromString(name)
  if (E.isLeft(entity) || !ledger.declarations.entities.has(entity.right)) {
    throw new UsageError(
      `--entity: no entity ${JSON.stringify(name)} is declared (declared: ` +
        `${[...ledger.declarations.entities.keys()].join(', ') || 'none'})`,
    )
  }
  return entity.right
}
