/**
 * What the CLI's modules share: the I/O port, exit codes, usage errors, the command context, and argument parsers.
 * Imports nothing of the CLI.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import * as Entity from '../core/Entity.js'
import type * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { View } from '../domain/Views.js'
import type * as Diagnostic from '../load/Diagnostic.js'
import type { FileSystem } from '../load/FileSystem.js'
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
  /** Every file a command reads goes through this port (default: Node's `fs` in `--encoding`; tests pass memory). */
  readonly fileSystem?: FileSystem
  /** Standard input, whole (for `-f -`); absent: standard input cannot be read. */
  readonly readStdin?: () => string
  /** The environment (`LEDGER_FILE`); absent: empty. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Today's date, YYYY-MM-DD (the default end of `--forecast`); absent: the clock. Tests inject it. */
  readonly today?: () => string
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
  /** The port journals and other inputs are read through (`Io.fileSystem`, or Node's `fs` reading `--encoding`). */
  readonly fileSystem: () => FileSystem
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

/** `-O txt|csv|json|html` of the commands under hledger's names (`table` is accepted for `txt`). */
export const hledgerOutputOption = () =>
  new Option('-O, --output <format>', 'output format').choices(['txt', 'table', 'csv', 'json', 'html']).default('txt')

/** The output formats of the commands under hledger's names. */
export type HledgerOutput = 'txt' | 'table' | 'csv' | 'json' | 'html'

/**
 * The options `balance`, `register` and the commands under hledger's names share: dates, entity,
 * book (`--units`, unless the command reads the money book only), virtual postings and output.
 */
export const withBookFilters = (
  command: Command,
  {
    output = outputOption(),
    units = true,
    smartDates = false,
  }: {
    readonly output?: Option
    readonly units?: boolean
    /** -b/-e keep the text as written, for `resolvePeriod` to read as smart dates (2024-02, last month). */
    readonly smartDates?: boolean
  } = {},
): Command => {
  if (smartDates)
    command
      .option('-b, --begin <DATE>', 'first date included (a smart date: 2024-03-05, 2024-03, 2024, last month, …)')
      .option('-e, --end <DATE>', 'first date excluded (a smart date)')
  else
    command
      .option('-b, --begin <DATE>', 'first date included', parseDate('--begin'))
      .option('-e, --end <DATE>', 'first date excluded', parseDate('--end'))
  command.option('--entity <E>', 'only the books of this entity')
  if (units) command.option('--units', 'the physical book (goods quantities) instead of money')
  return command.option('-R, --real', 'leave out virtual postings, (a) and [a]').addOption(output)
}

/**
 * With -f every positional is a query term; otherwise the first is the file. With `LEDGER_FILE`
 * set and no -f, the first positional is the file only if it names one (or is `-`); else every
 * positional is a query term on `LEDGER_FILE`'s journal, as in hledger.
 */
export const fileAndQuery = (
  command: Command,
  args: ReadonlyArray<string>,
  context: Context,
): readonly [string, ReadonlyArray<string>] => {
  const globalFile = (command.optsWithGlobals() as { file?: string }).file
  if (globalFile !== undefined) return [globalFile, args]
  const fromEnv = ledgerFileFromEnv(context.io.env)
  const first = args[0]
  if (fromEnv !== undefined && (first === undefined || (first !== '-' && !isFile(resolve(context.io.cwd, first)))))
    return [fromEnv, args]
  return [journalFile(command, first, context.io.env), args.slice(1)]
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** `LEDGER_FILE` from the environment, as hledger reads it when no file is given (`~/` is the home directory). */
export const ledgerFileFromEnv = (
  env: Readonly<Record<string, string | undefined>> | undefined,
): string | undefined => {
  const file = env?.['LEDGER_FILE']
  if (file === undefined || file.trim() === '') return undefined
  const home = env?.['HOME']
  return file.startsWith('~/') && home !== undefined ? `${home}${file.slice(1)}` : file
}

/**
 * The journal file: the positional argument, or `-f FILE` as hledger users type it (`-f -`: standard input), or
 * `LEDGER_FILE`.
 */
export const journalFile = (
  command: Command,
  positional: string | undefined,
  env?: Readonly<Record<string, string | undefined>>,
): string => {
  const file = positional ?? (command.optsWithGlobals() as { file?: string }).file ?? ledgerFileFromEnv(env)
  if (file === undefined) throw new UsageError('no journal file given (pass FILE or -f FILE, or set LEDGER_FILE)')
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
