/**
 * `export --format csv|parquet|sqlite|duckdb|hledger|beancount|ledger` (the table schema of
 * docs/SCHEMA.md and other tools' journals) and `import csv FILE --rules RULES`.
 * Every file goes through the write port (`context.writeFileSystem`): text files with
 * `writeFileAtomic`, a CSV directory with `writeDirectory`, and what DuckDB or sqlite3 write
 * (parquet directories, .duckdb and .sqlite files) into a temporary path that is flushed and
 * renamed into place when complete (load/NewPath.ts; an existing path is never overwritten).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as CsvRules from '../interchange/CsvRules.js'
import * as Journals from '../interchange/Journals.js'
import * as Schema from '../interchange/Schema.js'
import * as Tabular from '../interchange/Tabular.js'
import { appendTransactions, renderAppendError } from '../load/Append.js'
import type * as Diagnostic from '../load/Diagnostic.js'
import { type Loaded, loadText } from '../load/Load.js'
import { newFileBy, writeDirectory } from '../load/NewPath.js'
import { renderWriteError, type WriteError, writeFileAtomic } from '../load/WriteFileSystem.js'
import { builtInRules } from '../reconcile/index.js'
import { type Context, exitCodes, UsageError } from './common.js'
import { fill, loadDuckDb, sqlString } from './duckdb.js'
import { runRules } from './reconcile.js'

/** Every format `export` writes. */
export const exportFormats = ['json', 'csv', 'parquet', 'sqlite', 'duckdb', 'hledger', 'beancount', 'ledger'] as const
export type ExportFormat = (typeof exportFormats)[number]

export interface ExportFlags {
  readonly format: ExportFormat
  readonly out?: string
  readonly table?: string
  readonly partition?: string
  readonly findings?: boolean
}

/** The schema's tables over the loaded books, with the built-in rules' findings unless `findings` is false. */
export const tablesOf = (loaded: Loaded, withFindings: boolean): ReadonlyArray<Schema.Table> => {
  const result = withFindings ? runRules(loaded, builtInRules, {}) : undefined
  return Schema.tables({
    books: loaded.books,
    reported: loaded.reported,
    findings: result !== undefined && E.isRight(result) ? result.right.findings : [],
  })
}

/** Reports a failed write (exit 3); true when it succeeded. */
export const reportWrite = (context: Context, out: string, written: E.Either<WriteError, void>): boolean => {
  if (E.isRight(written)) return true
  context.io.stderr(`error: ${renderWriteError(out, written.left)}\n`)
  context.exitCode = exitCodes.io
  return false
}

/** Writes `text` to standard output, or atomically to `out`. */
export const writeText = (context: Context, out: string | undefined, text: string): void => {
  if (out === undefined) context.io.stdout(text)
  else reportWrite(context, out, writeFileAtomic(context.writeFileSystem, out, text))
}

const partitionable = (table: Schema.Table, columns: ReadonlyArray<string>): boolean =>
  columns.every((name) =>
    table.columns.some((column) => column.name === name || (name === 'year' && column.name === 'date')),
  )

export const exportTablesCommand = async (context: Context, loaded: Loaded, flags: ExportFlags): Promise<void> => {
  const format = flags.format
  if (format === 'hledger' || format === 'ledger' || format === 'beancount') {
    writeText(context, flags.out, Journals.journalText(loaded.ledger, format, loaded.books.currency))
    return
  }
  const tables = tablesOf(loaded, flags.findings !== false)
  if (format === 'csv') {
    if (flags.out === undefined) {
      const name = flags.table ?? 'postings'
      const table = tables.find((candidate) => candidate.name === name)
      if (table === undefined)
        throw new UsageError(`--table: no table ${JSON.stringify(name)} (tables: ${Schema.tableNames.join(', ')})`)
      for (const chunk of Tabular.csvChunks(table)) context.io.stdout(chunk)
      return
    }
    const written = await writeDirectory(context.writeFileSystem, flags.out, (directory) => {
      for (const table of tables)
        for (const chunk of Tabular.csvChunks(table)) {
          const done = directory.write(`${table.name}.csv`, chunk)
          if (E.isLeft(done)) return done
        }
      return E.right(undefined)
    })
    reportWrite(context, flags.out, written)
    return
  }
  if (format === 'sqlite') {
    const script = [...Tabular.sqlChunks(tables, 'sqlite')].join('')
    if (flags.out === undefined || flags.out.endsWith('.sql')) {
      writeText(context, flags.out, script)
      return
    }
    const out = flags.out
    const written = await newFileBy(context.writeFileSystem, out, async (file) => {
      const done = spawnSync('sqlite3', [file], { input: script, encoding: 'utf8', maxBuffer: 1 << 30 })
      if (done.error !== undefined || done.status !== 0)
        throw new UsageError(
          `sqlite3 could not build ${out} (${done.error?.message ?? done.stderr.trim()}); write the script ` +
            `instead with --out FILE.sql`,
        )
    })
    reportWrite(context, out, written)
    return
  }
  const duck = await loadDuckDb()
  if (typeof duck === 'string') {
    context.io.stderr(`error: ${duck}\n`)
    context.exitCode = exitCodes.usage
    return
  }
  if (flags.out === undefined)
    throw new UsageError(
      `--format ${format} needs --out (${format === 'parquet' ? 'a new directory' : 'a new .duckdb file'})`,
    )
  const partition =
    flags.partition
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '') ?? []
  for (const name of partition)
    if (!['entity', 'year', 'book', 'account_type', 'commodity'].includes(name))
      throw new UsageError(
        `--partition: ${name} is not a partition column (entity, year, book, account_type, commodity)`,
      )
  if (partition.length > 0 && format !== 'parquet') throw new UsageError('--partition applies to --format parquet')
  const instance = await duck.DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const out = flags.out
  try {
    if (format === 'duckdb') {
      const written = await newFileBy(context.writeFileSystem, out, async (file) => {
        await connection.run(`ATTACH ${sqlString(file)} AS books`)
        await fill(duck, connection, tables, 'books')
        await connection.run('DETACH books')
      })
      reportWrite(context, out, written)
      return
    }
    const written = await writeDirectory(context.writeFileSystem, out, async (directory) => {
      const target = directory.path
      await fill(duck, connection, tables)
      for (const table of tables) {
        // Parquet has no 128-bit integer: the scaled integers travel as DECIMAL(38,0), exactly.
        const hugeints = table.columns
          .filter((column) => column.type === 'hugeint')
          .map((column) => `${column.name}::DECIMAL(38,0) AS ${column.name}`)
        const replace = hugeints.length > 0 ? ` REPLACE (${hugeints.join(', ')})` : ''
        const year = partition.includes('year') && partitionable(table, partition) ? ', year(date) AS year' : ''
        const select = `SELECT *${replace}${year} FROM ${table.name}`
        // An empty table written with partitions would leave no file at all: it is written whole.
        const rows =
          partition.length > 0
            ? Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table.name}`)).getRows()[0]?.[0] ?? 0)
            : 0
        if (partition.length > 0 && partitionable(table, partition) && rows > 0) {
          await connection.run(
            `COPY (${select}) TO ${sqlString(join(target, table.name))} ` +
              `(FORMAT parquet, PARTITION_BY (${partition.join(', ')}))`,
          )
        } else {
          await connection.run(
            `COPY (${select}) TO ${sqlString(join(target, `${table.name}.parquet`))} (FORMAT parquet)`,
          )
        }
      }
      return E.right(undefined)
    })
    reportWrite(context, out, written)
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

// -------------------------------------------------------------------------------------
// import csv
// -------------------------------------------------------------------------------------

export interface ImportCsvFlags {
  readonly rules?: string
  readonly print?: boolean
  readonly append?: string
  /** With --print: check the rows against this journal (its declarations, balances, documents) without writing. */
  readonly journal?: string
  /** With --print: write the journal text to this file (atomically) instead of standard output. */
  readonly out?: string
}

const readOrFail = (context: Context, path: string): string | undefined => {
  const text = context.fileSystem().readText(path)
  if (E.isRight(text)) return text.right
  context.io.stderr(
    `error: ${text.left._tag === 'FileNotFound' ? `file not found: ${path}` : `cannot read ${path}`} ` +
      `(${text.left._tag})\n`,
  )
  context.exitCode = exitCodes.io
  return undefined
}

/**
 * `import csv FILE --rules RULES [--print | --append JOURNAL]`: nothing is written unless every row converts and the
 * result loads.
 */
export const importCsvCommand = async (context: Context, csvFile: string, flags: ImportCsvFlags): Promise<void> => {
  const rulesFile = flags.rules ?? `${csvFile}.rules`
  const rulesText = readOrFail(context, rulesFile)
  if (rulesText === undefined) return
  const csvText = readOrFail(context, csvFile)
  if (csvText === undefined) return
  const fail = (error: CsvRules.RulesError): void => {
    context.io.stderr(`${CsvRules.renderRulesError(error)}\n`)
    context.exitCode = exitCodes.data
  }
  const rules = CsvRules.parseRules(rulesFile, rulesText)
  if (E.isLeft(rules)) return fail(rules.left)
  const converted = await CsvRules.convert(rules.right, csvFile, csvText)
  if (E.isLeft(converted)) {
    if (converted.left._tag === 'CsvParserUnavailable') {
      context.io.stderr(`error: ${converted.left.message}\n`)
      context.exitCode = exitCodes.usage
      return
    }
    return fail(converted.left)
  }
  const { text, rowOfLine } = converted.right
  // A diagnostic in the converted text points at the CSV row it came from.
  const atRow = (diagnostics: ReadonlyArray<Diagnostic.Diagnostic>, name: string, offset: number): string =>
    diagnostics
      .map((diagnostic) => {
        const span = diagnostic.span
        if (span === undefined || span.file !== name) return `error: ${diagnostic.message} (${diagnostic.tag})`
        const row = rowOfLine(span.line - offset)
        return (
          `${csvFile}:${row ?? '?'}:1: ${diagnostic.severity}: ${diagnostic.message} (${diagnostic.tag})\n   ` +
          ` journal text: ${text.split('\n')[span.line - offset - 1] ?? ''}`
        )
      })
      .join('\n')
  const target = flags.append ?? flags.journal
  if (target !== undefined) {
    const appended = appendTransactions(target, text, {
      entriesName: `${csvFile}.journal`,
      fileSystem: context.fileSystem(),
      writeFileSystem: context.writeFileSystem,
      dryRun: flags.append === undefined,
    })
    if (E.isLeft(appended)) {
      const error = appended.left
      context.io.stderr(
        error._tag === 'AppendRejected'
          ? `${atRow(
              error.failure.diagnostics.filter((d) => d.severity === 'error'),
              `${csvFile}.journal`,
              0,
            )}\n${renderAppendError(error)}\n`
          : `error: ${renderAppendError(error)}\n`,
      )
      context.exitCode = error._tag === 'AppendRejected' ? exitCodes.data : exitCodes.io
      return
    }
    if (appended.right.lockLeft !== undefined)
      context.io.stderr(
        `warning: could not remove the lock ${appended.right.lockLeft}; the next writer takes it over\n`,
      )
    if (flags.append === undefined) {
      writeText(context, flags.out, text)
      return
    }
    if (appended.right.lockLeft !== undefined)
      context.io.stderr(
        `warning: could not remove the lock ${appended.right.lockLeft}; the next writer takes it over\n`,
      )
    context.io.stdout(
      `appended ${converted.right.rows.length} entr${converted.right.rows.length === 1 ? 'y' : 'ies'} to ` +
        `${flags.append} (from line ${appended.right.firstLine})\n`,
    )
    return
  }
  // Checked on its own (it may refer to declarations in a journal it will be appended to: use --append for that).
  const checked = loadText(`${csvFile}.journal`, text, { fileSystem: context.fileSystem() })
  if (E.isLeft(checked)) {
    context.io.stderr(
      `${atRow(
        checked.left.diagnostics.filter((d) => d.severity === 'error'),
        `${csvFile}.journal`,
        0,
      )}\n`,
    )
    context.exitCode = exitCodes.data
    return
  }
  writeText(context, flags.out, text)
}

/** Reads the entries for `add`: a file, or `-` for standard input. */
export const readEntries = (context: Context, source: string): string | undefined => {
  if (source !== '-') return readOrFail(context, source)
  try {
    return readFileSync(0, 'utf8')
  } catch (error) {
    context.io.stderr(`error: cannot read standard input (${(error as { code?: string }).code ?? String(error)})\n`)
    context.exitCode = exitCodes.io
    return undefined
  }
}
