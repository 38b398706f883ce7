import { type Command, Option } from 'commander'
import * as Print from '../journal/Print.js'
import * as Provenance from '../journal/Provenance.js'
import * as Diagnostic from '../load/Diagnostic.js'
import { type BalanceFlags, balanceCommand, registerCommand, summary } from './books.js'
import {
  type Context,
  exitCodes,
  fileAndQuery,
  journalFile,
  outputOption,
  parseDate,
  parseDepth,
  UsageError,
} from './common.js'
import { registerExchangeCommands } from './exchangeCommands.js'
import { reportLedger } from './forecast.js'
import { hledgerCommands } from './hledger.js'
import { commandLine, withMultiPeriodOptions, withPeriodOptions } from './periodOptions.js'
import { registerSimulateCommands } from './simulate.js'

/** Registers one command on `program`, its actions running in `context`. */
export type Register = (program: Command, context: Context) => void

const checkCmd: Register = (program, context) => {
  program
    .command('check')
    .description('load a journal, report every error with its location, and summarize it')
    .argument('[FILE]', 'journal file')
    .option(
      '--strict-provenance',
      'refuse a figure line without a provenance class (source:, derived:, assumption:), as `param ' +
        'journal.strict-provenance yes` does',
    )
    .action((file: string | undefined, flags: { readonly strictProvenance?: boolean }, command: Command) => {
      // The summary needs counts, not the transactions: a running-only ledger.
      const loaded = context.load(journalFile(command, file, context.io.env), { keepTransactions: false })
      if (loaded === undefined) return
      if (flags.strictProvenance === true) {
        const { elaborated } = loaded
        const errors = Provenance.provenanceErrors(
          { ...elaborated.provenance, strict: true },
          elaborated.assumptions,
        ).map(Diagnostic.ofElaborateError)
        if (errors.length > 0) {
          context.printDiagnostics(errors, loaded.sources)
          context.exitCode = exitCodes.data
          return
        }
      }
      context.io.stdout(`ok: ${summary(loaded)}\n`)
    })
}

/**
 * hledger's `--forecast` and `--auto`, on `balance`, `register` and `print`.
 */
const forecastOption = [
  '--forecast [PERIOD]',
  'add the transactions the periodic rules (~) make, after the last transaction to 180 days after ' +
    'today, or in PERIOD (--forecast=PERIOD, as hledger)',
] as const
const autoOption = ['--auto', 'apply the auto posting rules (=) to every transaction'] as const

/**
 * The options `balance` and `register` share: dates and periods (`-p`, smart `-b/-e`), entity,
 * book, virtual postings and output. (The commands under hledger's names take `withBookFilters`.)
 */
const withPeriodBookFilters = (command: Command): Command =>
  withPeriodOptions(command)
    .option('--entity <E>', 'only the books of this entity')
    .option('--units', 'the physical book (goods quantities) instead of money')
    .option('-R, --real', 'leave out virtual postings, (a) and [a]')
    .option(...forecastOption)
    .option(...autoOption)
    .addOption(outputOption())

const balanceCmd: Register = (program, context) => {
  const balance = program
    .command('balance')
    .alias('bal')
    .description('account balances: each account’s own balance (--flat, the default) or subtotals (--tree)')
    .argument(
      '[ARGS...]',
      'the journal file (unless -f or LEDGER_FILE gives it), then query terms (acct:, desc:, payee:, ' +
        'note:, tag:, date:, amt:, cur:, status:, real:, depth:, not:, plain words)',
    )
    .option('--flat', 'each account’s own balance (default)')
    .option('--tree', 'accounts as a tree with subtotals')
    .option('--depth <N>', 'show accounts to this depth, summing deeper ones into them', parseDepth)
  withMultiPeriodOptions(withPeriodBookFilters(balance)).action(
    (args: string[], flags: BalanceFlags, command: Command) => {
      const [file, query] = fileAndQuery(command, args, context)
      balanceCommand(context, file, flags, query, commandLine(command))
    },
  )
}

const registerCmd: Register = (program, context) => {
  const register = program
    .command('register')
    .alias('reg')
    .description(
      'postings with a running total, optionally only those matching the query (plain words are ' +
        'case-insensitive account patterns, as before)',
    )
    .argument('[ARGS...]', 'the journal file (unless -f or LEDGER_FILE gives it), then query terms')
  withPeriodBookFilters(register).action((args: string[], flags: BalanceFlags, command: Command) => {
    const [file, query] = fileAndQuery(command, args, context)
    registerCommand(context, file, query, flags, commandLine(command))
  })
}

const printCmd: Register = (program, context) => {
  program
    .command('print')
    .description('the elaborated transactions (operations expanded, elided amounts filled in) in canonical syntax')
    .argument('[FILE]', 'journal file')
    .option(...forecastOption)
    .option(...autoOption)
    .action((file: string | undefined, flags: { forecast?: string | true; auto?: boolean }, command: Command) => {
      const loaded = context.load(journalFile(command, file, context.io.env))
      if (loaded === undefined) return
      const ledger = reportLedger(context, loaded, flags)
      if (ledger !== undefined) context.io.stdout(Print.print(ledger))
    })
}

const fmtCmd: Register = (program, context) => {
  program
    .command('fmt')
    .description('rewrite a journal in canonical layout, keeping every comment, blank line, tag and directive (atomic)')
    .argument('<FILE>', 'journal file')
    .option('--check', 'do not write; exit 1 if the file is not formatted')
    .action(async (file: string, flags: { readonly check?: boolean }) => {
      const { formatCommand } = await import('./fmt.js')
      context.exitCode = formatCommand(context.io, context.writeFileSystem, file, flags.check === true)
    })
}

const reconcileCmd: Register = (program, context) => {
  program
    .command('reconcile')
    .description('run the reconciliation rules and print the findings: where, when, by how much, on which evidence')
    .argument('[FILE]', 'journal file')
    .option('--rule <ID...>', 'run only these rules')
    .addOption(
      new Option('--min-severity <S>', 'drop findings below this severity').choices(['info', 'warn', 'critical']),
    )
    .option('--param <RULE.NAME=VALUE...>', 'set a rule parameter for this run (overrides the journal)')
    .option('--rules <MODULE...>', 'load user rules from ES modules exporting `rules`')
    .option('--as-of <DATE>', 'the date the rules judge at (default: the last date in the books)', parseDate('--as-of'))
    .addOption(outputOption())
    .action(async (file: string | undefined, flags: import('./reconcile.js').ReconcileFlags, command: Command) => {
      const { reconcileCommand } = await import('./reconcile.js')
      await reconcileCommand(context, journalFile(command, file, context.io.env), flags)
    })
}

const testCmd: Register = (program, context) => {
  program
    .command('test')
    .description('check the expectations written in journals (rules as tests); ends with "N passed, M failed"')
    .argument('[PATHS...]', 'journal files or directories (default: ledgers)')
    .option('--verbose', 'list passing expectations too')
    .option('--rules <MODULE...>', 'load user rules from ES modules exporting `rules`')
    .action(
      async (
        paths: ReadonlyArray<string>,
        flags: { readonly verbose?: boolean; readonly rules?: ReadonlyArray<string> },
      ) => {
        const { testCommand } = await import('./reconcile.js')
        await testCommand(context, paths.length > 0 ? paths : ['ledgers'], flags)
      },
    )
}

const reportCmd: Register = (program, context) => {
  program
    .command('report')
    .description(
      'reports: html (findings and charts in one self-contained page, written to --out DIR), chart (one ' +
        'chart as SVG); trial-balance, balance-sheet, income-statement, working-capital, turnover, ' +
        'plan-fulfilment, physical, ageing, divergence, sources, restatement, assumptions (each with the ' +
        'findings that change without it), provenance (figure lines per class and citation) (table, CSV or JSON)',
    )
    .argument(
      '<KIND>',
      'html | chart | trial-balance | balance-sheet | income-statement | working-capital | turnover | ' +
        'plan-fulfilment | physical | ageing | divergence | sources | restatement | assumptions | provenance',
    )
    .argument(
      '[ARGS...]',
      'html: FILE; chart: CHART FILE (CHART: wip, working-capital, divergence, plan-fulfilment, payroll, ' +
        'ageing); the others: FILE',
    )
    .option('-o, --out <PATH>', 'html: the directory to write index.html to; chart: the .svg file (default: stdout)')
    .option(
      '--as-of <DATE>',
      'the date the books are read on (default: the last date in the books)',
      parseDate('--as-of'),
    )
    .addOption(
      new Option('--period <P>', 'analytical reports: one column per period').choices(['month', 'quarter', 'year']),
    )
    .option('--entity <E>', 'analytical reports: only the books of this entity')
    .option('-b, --begin <DATE>', 'analytical reports: first date included', parseDate('--begin'))
    .option('-e, --end <DATE>', 'analytical reports: first date excluded', parseDate('--end'))
    .addOption(outputOption())
    .action(
      async (
        kind: string,
        args: ReadonlyArray<string>,
        flags: import('./html.js').ReportFlags & import('./report.js').AnalyticalReportFlags,
        command: Command,
      ) => {
        const globalFile = (command.optsWithGlobals() as { file?: string }).file
        if (kind === 'html' || kind === 'chart') {
          const { reportCommand } = await import('./html.js')
          await reportCommand(context, kind, args, flags, globalFile)
          return
        }
        if (kind === 'assumptions' || kind === 'provenance') {
          const target = args[0] ?? globalFile
          if (target === undefined || args.length > 1) throw new UsageError(`report ${kind}: one journal FILE expected`)
          const { assumptionsCommand, provenanceCommand } = await import('./assumptions.js')
          ;(kind === 'assumptions' ? assumptionsCommand : provenanceCommand)(context, target, flags.output ?? 'table')
          return
        }
        // The analytical reports (trial balance, working capital, plan fulfilment, …).
        const { analyticalReportCommand } = await import('./report.js')
        analyticalReportCommand(context, kind, args, flags, globalFile)
        if (kind === 'sources' && (flags.output ?? 'table') === 'table' && context.exitCode === exitCodes.ok) {
          // The provenance classes of the figure lines follow the sources table.
          const { provenanceCommand } = await import('./assumptions.js')
          context.io.stdout('\nprovenance classes of the figure lines:\n')
          provenanceCommand(context, args[0] ?? globalFile ?? '', 'table')
        }
      },
    )
}

const startCmd: Register = (program, context) => {
  program
    .command('start')
    .description(
      'the main job: reconcile the Kirov Plant ledger and print its findings, ranked, with amounts and sources',
    )
    .action(async () => {
      const { startCommand } = await import('./reconcile.js')
      startCommand(context)
    })
}

const serveCmd: Register = (program, context) => {
  program
    .command('serve')
    .description('the local web app: findings, accounts, charts and sources in a browser, live as the journal changes')
    .argument('[FILE]', 'journal file (default: the Kirov ledger)')
    .option('-p, --port <N>', 'port (0 picks a free one)', '5177')
    .option('--host <HOST>', 'address to listen on', '127.0.0.1')
    .action(async (file: string | undefined, flags: import('./serve.js').ServeFlags, command: Command) => {
      const { serveCommand } = await import('./serve.js')
      await serveCommand(context, file ?? (command.optsWithGlobals() as { file?: string }).file, flags)
    })
}

/** Every command, in the order `--help` lists them. */
export const commands: ReadonlyArray<Register> = [
  checkCmd,
  balanceCmd,
  registerCmd,
  ...hledgerCommands,
  printCmd,
  fmtCmd,
  registerExchangeCommands,
  reconcileCmd,
  testCmd,
  reportCmd,
  startCmd,
  serveCmd,
  registerSimulateCommands,
]
