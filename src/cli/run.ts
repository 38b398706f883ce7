/**
 * The commands, built with commander. `run(argv, io)` returns the exit code instead of exiting,
 * so tests drive the CLI in-process.
 */
import cliProgress from 'cli-progress'
import { Command, CommanderError, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import pc from 'picocolors'
import * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import * as Entity from '../core/Entity.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import * as Query from '../core/Query.js'
import type { View } from '../domain/Views.js'
import * as Print from '../journal/Print.js'
import * as Provenance from '../journal/Provenance.js'
import * as Diagnostic from '../load/Diagnostic.js'
import * as Load from '../load/Load.js'
import { nodeFileSystem } from '../load/NodeFileSystem.js'
import * as Balance from '../reports/Balance.js'
import * as Csv from '../reports/Csv.js'
import * as Table from '../reports/Table.js'

export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly isTerminal: boolean
  readonly cwd: string
}

export const exitCodes = { ok: 0, data: 1, usage: 2, io: 3 } as const

/** A usage problem found after commander parsed the arguments (a bad date, an unknown entity). */
export class UsageError extends Error {}

const ioTags = new Set(['FileNotFound', 'FileUnreadable', 'NotAFile'])

/** The default ledger `npm start` works on. */
export const defaultLedger = 'ledgers/examples/plant.journal'

export interface Context {
  readonly io: Io
  /** Loads a journal, printing diagnostics; undefined (with the exit code set) on failure. */
  readonly load: (file: string) => Load.Loaded | undefined
  exitCode: number
  /** `--root DIR`: includes must stay inside this directory (untrusted journals). */
  root?: string
  /** `--view reported|found`: which view of the books to read (default found). */
  view?: View
}

const colour = (io: Io) => (io.isTerminal ? pc : pc.createColors(false))

const renderDiagnostic = (io: Io, diagnostic: Diagnostic.Diagnostic, sources: ReadonlyMap<string, string>): string => {
  const text = Diagnostic.render(diagnostic, sources)
  const paint = colour(io)
  return text.replace(`${diagnostic.severity}:`, diagnostic.severity === 'error' ? paint.red(paint.bold('error:')) : paint.yellow('warning:'))
}

/** How long a load runs before the progress bar shows (shorter loads never show one). */
const progressAfterMs = 1000

/**
 * A progress bar on stderr for a long load: only when stderr is a terminal, and only once the
 * load has taken `progressAfterMs`. `stop` clears it (the output stays clean).
 */
const progressBar = (io: Io): { readonly onProgress: (done: number, total: number) => void; readonly stop: () => void } | undefined => {
  if (!io.isTerminal) return undefined
  const started = Date.now()
  let bar: cliProgress.SingleBar | undefined
  const mib = (bytes: number): string => (bytes / 1048576).toFixed(0)
  // cli-progress writes to a stream; this one writes through the Io port.
  const stream = {
    isTTY: true,
    write: (text: string): boolean => {
      io.stderr(text)
      return true
    },
  } as unknown as NodeJS.WritableStream
  return {
    onProgress: (done, total) => {
      if (bar === undefined) {
        if (Date.now() - started < progressAfterMs || done >= total) return
        bar = new cliProgress.SingleBar(
          { stream, format: 'loading [{bar}] {percentage}% | {doneMiB}/{totalMiB} MiB | {eta_formatted} left', clearOnComplete: true, hideCursor: true, barsize: 30 },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, done, { doneMiB: mib(done), totalMiB: mib(total) })
        return
      }
      bar.setTotal(total)
      bar.update(done, { doneMiB: mib(done), totalMiB: mib(total) })
    },
    stop: () => bar?.stop(),
  }
}

const makeContext = (io: Io): Context => {
  const context: Context = {
    io,
    exitCode: exitCodes.ok,
    load: (file) => {
      const progress = progressBar(io)
      let result: ReturnType<typeof Load.loadFile>
      try {
        result = Load.loadFile(file, {
          fileSystem: nodeFileSystem,
          ...(context.root !== undefined ? { root: context.root } : {}),
          ...(context.view !== undefined ? { view: context.view } : {}),
          ...(progress !== undefined ? { onProgress: progress.onProgress } : {}),
        })
      } finally {
        progress?.stop()
      }
      if (E.isLeft(result)) {
        io.stderr(`${result.left.diagnostics.map((diagnostic) => renderDiagnostic(io, diagnostic, result.left.sources)).join('\n\n')}\n`)
        const errors = result.left.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
        context.exitCode = errors.length > 0 && errors.every((diagnostic) => ioTags.has(diagnostic.tag)) ? exitCodes.io : exitCodes.data
        return undefined
      }
      for (const warning of result.right.warnings) io.stderr(`${renderDiagnostic(io, warning, result.right.sources)}\n`)
      return result.right
    },
  }
  return context
}

const parseDate = (flag: string) => (value: string): LocalDate.LocalDate => {
  const date = LocalDate.fromString(value)
  if (E.isLeft(date)) throw new UsageError(`${flag}: ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`)
  return date.right
}

const parseDepth = (value: string): number => {
  if (!/^[1-9]\d{0,2}$/u.test(value)) throw new UsageError(`--depth: ${JSON.stringify(value)} is not a positive whole number`)
  return Number(value)
}

const outputOption = () => new Option('-O, --output <format>', 'output format').choices(['table', 'csv', 'json']).default('table')

/** The journal file: the positional argument, or `-f FILE` as hledger users type it. */
const journalFile = (command: Command, positional: string | undefined): string => {
  const file = positional ?? (command.optsWithGlobals() as { file?: string }).file
  if (file === undefined) throw new UsageError('no journal file given (pass FILE or -f FILE)')
  return file
}

const entityFilter = (ledger: Ledger.Ledger, name: string | undefined): Entity.EntityName | undefined => {
  if (name === undefined) return undefined
  const entity = Entity.nameFromString(name)
  if (E.isLeft(entity) || !ledger.declarations.entities.has(entity.right)) {
    throw new UsageError(`--entity: no entity ${JSON.stringify(name)} is declared (declared: ${[...ledger.declarations.entities.keys()].join(', ') || 'none'})`)
  }
  return entity.right
}

const summary = (loaded: Load.Loaded): string => {
  const transactions = Ledger.transactions(loaded.ledger)
  let postings = 0
  for (const transaction of transactions) postings += transaction.postings.length
  const accounts = Ledger.accounts(loaded.ledger).length
  return `${transactions.length} transactions, ${postings} postings, ${accounts} accounts, ${loaded.sources.size} file${loaded.sources.size === 1 ? '' : 's'}`
}

interface BalanceFlags {
  readonly flat?: boolean
  readonly tree?: boolean
  readonly depth?: number
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
  readonly entity?: string
  readonly units?: boolean
  readonly output: 'table' | 'csv' | 'json'
}

const balanceCommand = (context: Context, file: string, flags: BalanceFlags): void => {
  const loaded = context.load(file)
  if (loaded === undefined) return
  const entity = entityFilter(loaded.ledger, flags.entity)
  const mode = flags.tree === true ? 'tree' : 'flat'
  const report = Balance.build(loaded.ledger, {
    book: flags.units === true ? 'goods' : 'money',
    mode,
    ...(flags.depth !== undefined ? { depth: flags.depth } : {}),
    ...(flags.begin !== undefined ? { begin: flags.begin } : {}),
    ...(flags.end !== undefined ? { end: flags.end } : {}),
    ...(entity !== undefined ? { entity } : {}),
  })
  if (flags.output === 'csv') context.io.stdout(Balance.renderCsv(report))
  else if (flags.output === 'json') context.io.stdout(`${JSON.stringify(Balance.toJson(report), null, 2)}\n`)
  else context.io.stdout(`${Balance.renderTable(loaded.ledger, report, mode)}\n`)
}

const registerCommand = (context: Context, file: string, pattern: string | undefined, flags: BalanceFlags): void => {
  const loaded = context.load(file)
  if (loaded === undefined) return
  let matcher: RegExp | undefined
  if (pattern !== undefined) {
    try {
      matcher = new RegExp(pattern, 'iu')
    } catch {
      throw new UsageError(`PATTERN: ${JSON.stringify(pattern)} is not a valid regular expression`)
    }
  }
  const entity = entityFilter(loaded.ledger, flags.entity)
  const book = flags.units === true ? 'goods' : 'money'
  const rows = Query.register(loaded.ledger, {
    book,
    ...(flags.begin !== undefined ? { begin: flags.begin } : {}),
    ...(flags.end !== undefined ? { end: flags.end } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(matcher !== undefined ? { accountMatches: (account: AccountName.AccountName) => (matcher as RegExp).test(account) } : {}),
  })
  const show = (amount: Amount.Amount) => Commodity.format(amount.quantity, Ledger.commodity(loaded.ledger, amount.commodity))
  const running = (mixed: Amount.MixedAmount) => Amount.entries(mixed).map(show).join(', ') || '0'
  if (flags.output === 'csv') {
    context.io.stdout(
      Csv.render(
        ['date', 'description', 'account', 'commodity', 'amount', 'file', 'line'],
        rows.map((row) => [row.transaction.date, Csv.textCell(row.transaction.description), Csv.textCell(row.posting.account), Csv.textCell(row.amount.commodity), Csv.numberCell(Amount.showExact(row.amount).split(' ')[0] ?? ''), Csv.textCell(row.transaction.span.file), String(row.posting.span?.line ?? row.transaction.span.line)]),
      ),
    )
    return
  }
  if (flags.output === 'json') {
    const json = rows.map((row) => ({ date: row.transaction.date, description: row.transaction.description, account: row.posting.account, commodity: row.amount.commodity, amount: Amount.showExact(row.amount).split(' ')[0], file: row.transaction.span.file, line: row.posting.span?.line ?? row.transaction.span.line }))
    context.io.stdout(`${JSON.stringify({ version: 1, rows: json }, null, 2)}\n`)
    return
  }
  const table = rows.map((row, index) => {
    const previous = rows[index - 1]
    const first = previous === undefined || previous.transaction !== row.transaction
    return [first ? row.transaction.date : '', first ? row.transaction.description : '', row.posting.account, show(row.amount), running(row.running)]
  })
  context.io.stdout(
    `${Table.render(
      [
        { header: 'date', align: 'left' },
        { header: 'description', align: 'left' },
        { header: 'account', align: 'left' },
        { header: 'amount', align: 'right' },
        { header: 'running', align: 'right' },
      ],
      table,
    )}\n`,
  )
}

export const buildProgram = (context: Context): Command => {
  const program = new Command()
  program
    .name('shadow-ledger')
    .description('An exact double-entry shadow ledger: money books and physical books side by side, reconciled with evidence.')
    .version('0.1.0')
    .option('-f, --file <FILE>', 'the journal file (as hledger users type it)')
    .option('--root <DIR>', 'confine includes to this directory (for journals you do not trust)')
    .addOption(new Option('--view <VIEW>', 'read the books as the plant reported them or as found (restatements and `view: found` transactions); default found').choices(['reported', 'found']))
    .showHelpAfterError(false)
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .exitOverride()
    .hook('preAction', () => {
      const root = (program.opts() as { root?: string }).root
      if (root !== undefined) context.root = root
      const view = (program.opts() as { view?: View }).view
      if (view !== undefined) context.view = view
    })

  program
    .command('check')
    .description('load a journal, report every error with its location, and summarize it')
    .argument('[FILE]', 'journal file')
    .option('--strict-provenance', 'refuse a figure line without a provenance class (source:, derived:, assumption:), as `param journal.strict-provenance yes` does')
    .action((file: string | undefined, flags: { readonly strictProvenance?: boolean }, command: Command) => {
      const loaded = context.load(journalFile(command, file))
      if (loaded === undefined) return
      if (flags.strictProvenance === true) {
        const { elaborated } = loaded
        const errors = Provenance.provenanceErrors({ ...elaborated.provenance, strict: true }, elaborated.assumptions).map(Diagnostic.ofElaborateError)
        if (errors.length > 0) {
          context.io.stderr(`${errors.map((diagnostic) => renderDiagnostic(context.io, diagnostic, loaded.sources)).join('\n\n')}\n`)
          context.exitCode = exitCodes.data
          return
        }
      }
      context.io.stdout(`ok: ${summary(loaded)}\n`)
    })

  program
    .command('balance')
    .alias('bal')
    .description('account balances: each account’s own balance (--flat, the default) or subtotals (--tree)')
    .argument('[FILE]', 'journal file')
    .option('--flat', 'each account’s own balance (default)')
    .option('--tree', 'accounts as a tree with subtotals')
    .option('--depth <N>', 'show accounts to this depth, summing deeper ones into them', parseDepth)
    .option('-b, --begin <DATE>', 'first date included', parseDate('--begin'))
    .option('-e, --end <DATE>', 'first date excluded', parseDate('--end'))
    .option('--entity <E>', 'only the books of this entity')
    .option('--units', 'the physical book (goods quantities) instead of money')
    .addOption(outputOption())
    .action((file: string | undefined, flags: BalanceFlags, command: Command) => balanceCommand(context, journalFile(command, file), flags))

  program
    .command('register')
    .alias('reg')
    .description('postings with a running total, optionally only accounts matching PATTERN (a case-insensitive regular expression)')
    .argument('[FILE]', 'journal file')
    .argument('[PATTERN]', 'account pattern')
    .option('-b, --begin <DATE>', 'first date included', parseDate('--begin'))
    .option('-e, --end <DATE>', 'first date excluded', parseDate('--end'))
    .option('--entity <E>', 'only the books of this entity')
    .option('--units', 'the physical book (goods quantities) instead of money')
    .addOption(outputOption())
    .action((file: string | undefined, pattern: string | undefined, flags: BalanceFlags, command: Command) => {
      // With -f, the first positional is the pattern.
      const globalFile = (command.optsWithGlobals() as { file?: string }).file
      if (globalFile !== undefined && pattern === undefined) registerCommand(context, globalFile, file, flags)
      else registerCommand(context, journalFile(command, file), pattern, flags)
    })

  program
    .command('print')
    .description('the elaborated transactions (operations expanded, elided amounts filled in) in canonical syntax')
    .argument('[FILE]', 'journal file')
    .action((file: string | undefined, _flags: unknown, command: Command) => {
      const loaded = context.load(journalFile(command, file))
      if (loaded !== undefined) context.io.stdout(Print.print(loaded.ledger))
    })

  program
    .command('fmt')
    .description('rewrite a journal in canonical layout, keeping every comment, blank line, tag and directive (atomic)')
    .argument('<FILE>', 'journal file')
    .option('--check', 'do not write; exit 1 if the file is not formatted')
    .action(async (file: string, flags: { readonly check?: boolean }) => {
      const { formatCommand } = await import('./fmt.js')
      context.exitCode = formatCommand(context.io, file, flags.check === true)
    })

  program
    .command('export')
    .description('write the ledger as the versioned JSON interchange document (declarations, transactions, operations, statements)')
    .argument('[FILE]', 'journal file')
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .action(async (file: string | undefined, _flags: unknown, command: Command) => {
      const loaded = context.load(journalFile(command, file))
      if (loaded === undefined) return
      const { exportCommand } = await import('./interchange.js')
      exportCommand(context, loaded)
    })

  program
    .command('import')
    .description('load a JSON interchange document (as written by export) and summarize it')
    .argument('<FILE>', 'JSON document')
    .option('--print', 'print the elaborated transactions instead of a summary')
    .action(async (file: string, flags: { readonly print?: boolean }) => {
      const { importCommand } = await import('./interchange.js')
      importCommand(context, file, flags.print === true)
    })

  program
    .command('reconcile')
    .description('run the reconciliation rules and print the findings: where, when, by how much, on which evidence')
    .argument('[FILE]', 'journal file')
    .option('--rule <ID...>', 'run only these rules')
    .addOption(new Option('--min-severity <S>', 'drop findings below this severity').choices(['info', 'warn', 'critical']))
    .option('--param <RULE.NAME=VALUE...>', 'set a rule parameter for this run (overrides the journal)')
    .option('--rules <MODULE...>', 'load user rules from ES modules exporting `rules`')
    .option('--as-of <DATE>', 'the date the rules judge at (default: the last date in the books)', parseDate('--as-of'))
    .addOption(outputOption())
    .action(async (file: string | undefined, flags: import('./reconcile.js').ReconcileFlags, command: Command) => {
      const { reconcileCommand } = await import('./reconcile.js')
      await reconcileCommand(context, journalFile(command, file), flags)
    })

  program
    .command('test')
    .description('check the expectations written in journals (rules as tests); ends with "N passed, M failed"')
    .argument('[PATHS...]', 'journal files or directories (default: ledgers)')
    .option('--verbose', 'list passing expectations too')
    .option('--rules <MODULE...>', 'load user rules from ES modules exporting `rules`')
    .action(async (paths: ReadonlyArray<string>, flags: { readonly verbose?: boolean; readonly rules?: ReadonlyArray<string> }) => {
      const { testCommand } = await import('./reconcile.js')
      await testCommand(context, paths.length > 0 ? paths : ['ledgers'], flags)
    })

  program
    .command('report')
    .description('reports: html (findings and charts in one self-contained page, written to --out DIR), chart (one chart as SVG); trial-balance, balance-sheet, income-statement, working-capital, turnover, plan-fulfilment, physical, ageing, divergence, sources, restatement, assumptions (each with the findings that change without it), provenance (figure lines per class and citation) (table, CSV or JSON)')
    .argument('<KIND>', 'html | chart | trial-balance | balance-sheet | income-statement | working-capital | turnover | plan-fulfilment | physical | ageing | divergence | sources | restatement | assumptions | provenance')
    .argument('[ARGS...]', 'html: FILE; chart: CHART FILE (CHART: wip, working-capital, divergence, plan-fulfilment, payroll, ageing); the others: FILE')
    .option('-o, --out <PATH>', 'html: the directory to write index.html to; chart: the .svg file (default: stdout)')
    .option('--as-of <DATE>', 'the date the books are read on (default: the last date in the books)', parseDate('--as-of'))
    .addOption(new Option('--period <P>', 'analytical reports: one column per period').choices(['month', 'quarter', 'year']))
    .option('--entity <E>', 'analytical reports: only the books of this entity')
    .option('-b, --begin <DATE>', 'analytical reports: first date included', parseDate('--begin'))
    .option('-e, --end <DATE>', 'analytical reports: first date excluded', parseDate('--end'))
    .addOption(outputOption())
    .action(async (kind: string, args: ReadonlyArray<string>, flags: import('./html.js').ReportFlags & import('./report.js').AnalyticalReportFlags, command: Command) => {
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
    })

  program
    .command('start')
    .description('the main job: reconcile the Kirov Plant ledger and print its findings, ranked, with amounts and sources')
    .action(async () => {
      const { startCommand } = await import('./reconcile.js')
      startCommand(context)
    })

  return program
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export const run = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const context = makeContext(io)
  const program = buildProgram(context)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return context.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return exitCodes.ok
      return exitCodes.usage
    }
    if (error instanceof UsageError) {
      io.stderr(`${colour(io).red(colour(io).bold('error:'))} ${error.message}\n`)
      return exitCodes.usage
    }
    // A bug, not bad input: say so plainly, with the stack for the report.
    io.stderr(`internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 70
  }
}
