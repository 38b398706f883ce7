/**
 * The data in and out commands, registered into the command table: `export` (every format),
 * `import` (the JSON document, or `import csv`), `query` and `add`. Each loads its module lazily.
 */
import { type Command, Option } from 'commander'
import { type Context, journalFile, outputOption, UsageError } from './common.js'

/** Registers `export`, `import`, `query` and `add` (the command table's `Register` shape). */
export const registerExchangeCommands = (program: Command, context: Context): void => {
  program
    .command('export')
    .description(
      'write the ledger: json (the interchange document); csv, parquet, sqlite, duckdb (the table ' +
        'schema, docs/SCHEMA.md); hledger, beancount, ledger journals',
    )
    .argument('[FILE]', 'journal file')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['json', 'csv', 'parquet', 'sqlite', 'duckdb', 'hledger', 'beancount', 'ledger'])
        .default('json'),
    )
    .option(
      '-o, --out <PATH>',
      'where to write (json, journals, sqlite FILE.sql: a file, replaced atomically; csv, parquet: a ' +
        'new directory; duckdb, sqlite: a new file); default stdout',
    )
    .option('--table <NAME>', 'csv to stdout: the table to write (default postings)')
    .option('--partition <COLUMNS>', 'parquet: hive partitions, e.g. entity,year')
    .option('--no-findings', 'leave out the findings and evidence tables (no rules run)')
    .action(async (file: string | undefined, flags: import('./exchange.js').ExportFlags, command: Command) => {
      const loaded = context.load(journalFile(command, file, context.io.env))
      if (loaded === undefined) return
      if (flags.format === 'json') {
        const { exportCommand } = await import('./interchange.js')
        exportCommand(context, loaded, flags.out)
        return
      }
      const { exportTablesCommand } = await import('./exchange.js')
      await exportTablesCommand(context, loaded, flags)
    })

  program
    .command('import')
    .description(
      'load a JSON interchange document (as written by export) and summarize it; or `import csv FILE ' +
        '--rules RULES` (docs/IMPORT.md)',
    )
    .argument('<FILE>', 'JSON document, or `csv`')
    .argument('[CSV]', 'with `csv`: the CSV file')
    .option('--print', 'print the elaborated transactions instead of a summary (csv: the journal text)')
    .option('--rules <RULES>', 'csv: the rules file (default CSV.rules)')
    .option('--append <JOURNAL>', 'csv: append the rows to this journal, checked against it, atomically')
    .option('--journal <JOURNAL>', 'csv with --print: check the rows against this journal without writing')
    .option('-o, --out <FILE>', 'with --print: write the journal text to FILE (atomically) instead of stdout')
    .action(
      async (
        file: string,
        csv: string | undefined,
        flags: { readonly print?: boolean } & import('./exchange.js').ImportCsvFlags,
      ) => {
        if (file === 'csv') {
          if (csv === undefined) throw new UsageError('import csv: give the CSV file (import csv FILE --rules RULES)')
          if (flags.out !== undefined && flags.print !== true) throw new UsageError('import: --out needs --print')
          const { importCsvCommand } = await import('./exchange.js')
          await importCsvCommand(context, csv, flags)
          return
        }
        const { importCommand } = await import('./interchange.js')
        if (flags.out !== undefined && flags.print !== true) throw new UsageError('import: --out needs --print')
        importCommand(context, file, flags.print === true, flags.out)
      },
    )

  program
    .command('query')
    .description(
      'SQL over the books in an embedded DuckDB (tables of docs/SCHEMA.md); FILE is a journal, a parquet ' +
        'export directory or a .duckdb export',
    )
    .argument('<SQL>', 'the query')
    .argument('[FILE]', 'journal file')
    .addOption(outputOption())
    .option('--no-findings', 'do not run the rules (the findings and evidence tables stay empty)')
    .action(async (sql: string, file: string | undefined, flags: import('./query.js').QueryFlags, command: Command) => {
      const { queryCommand } = await import('./query.js')
      await queryCommand(context, sql, journalFile(command, file, context.io.env), flags)
    })

  program
    .command('add')
    .description(
      'append entries to a journal: checked against the whole journal, locked, atomic; refused with ' +
        'located errors, journal unchanged',
    )
    .argument('<JOURNAL>', 'journal file')
    .argument('[ENTRIES]', 'a file of entries in journal syntax, or - for standard input', '-')
    .option('--lock-timeout <MS>', 'how long to wait for another writer (default 10000)')
    .action(async (journal: string, entries: string, flags: { readonly lockTimeout?: string }) => {
      const { addCommand } = await import('./add.js')
      addCommand(context, journal, entries, flags)
    })
}
