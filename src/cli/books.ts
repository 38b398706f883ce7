/** The commands on the books themselves: check, balance, register, print. */
import * as E from 'fp-ts/lib/Either.js'
import * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import * as Query from '../core/Query.js'
import type { Transaction } from '../core/Transaction.js'
import * as Search from '../journal/Search.js'
import type * as Load from '../load/Load.js'
import * as Balance from '../reports/Balance.js'
import * as Csv from '../reports/Csv.js'
import * as MultiBalance from '../reports/MultiBalance.js'
import * as RegisterSummary from '../reports/RegisterSummary.js'
import * as Table from '../reports/Table.js'
import { type Context, entityFilter, UsageError } from './common.js'
import { type RuleFlags, reportLedger, wantsRules } from './forecast.js'
import { multiBalanceCommand } from './multiBalance.js'
import { parallelLedger } from './parallelBalance.js'
import { type MultiPeriodFlags, type PeriodFlags, resolvePeriod, todayOf, wantsMultiPeriod } from './periodOptions.js'

/** `--forecast`/`--auto` with the report's resolved span (smart dates and `-p` read already). */
export const ruleFlags = (
  flags: BalanceFlags,
  begin: LocalDate.LocalDate | undefined,
  end: LocalDate.LocalDate | undefined,
  today?: LocalDate.LocalDate,
): RuleFlags => ({
  ...(today !== undefined ? { today } : {}),
  ...(flags.forecast !== undefined ? { forecast: flags.forecast } : {}),
  ...(flags.auto === true ? { auto: true } : {}),
  ...(begin !== undefined ? { begin } : {}),
  ...(end !== undefined ? { end } : {}),
})

export const summary = (loaded: Load.Loaded): string => {
  const accounts = Ledger.accounts(loaded.ledger).length
  return (
    `${loaded.ledger.size} transactions, ${Ledger.postingCount(loaded.ledger)} postings, ${accounts} ` +
    `accounts, ${loaded.sources.size} file${loaded.sources.size === 1 ? '' : 's'}`
  )
}

/** The query words of a command line, or a usage error naming the bad term. */
export const searchOf = (words: ReadonlyArray<string>, today?: LocalDate.LocalDate): Search.Search => {
  const search = Search.parseSearch(words, today !== undefined ? { today } : {})
  if (search._tag === 'Left') throw new UsageError(Search.renderSearchError(search.left))
  return search.right
}

/** A posting's account as hledger's register shows it: `(a)` and `[a]` for virtual postings. */
const postingAccount = (posting: Posting): string =>
  posting.virtual === 'unbalanced'
    ? `(${posting.account})`
    : posting.virtual === 'balanced'
      ? `[${posting.account}]`
      : posting.account

export interface BalanceFlags extends PeriodFlags, MultiPeriodFlags {
  readonly flat?: boolean
  readonly tree?: boolean
  readonly depth?: number
  readonly entity?: string
  readonly units?: boolean
  readonly real?: boolean
  /** `--forecast` (true) or `--forecast=PERIOD`; `--auto` (cli/forecast.ts). */
  readonly forecast?: string | true
  readonly auto?: boolean
  readonly output: 'table' | 'csv' | 'json'
}

export const balanceCommand = (
  context: Context,
  file: string,
  flags: BalanceFlags,
  query: ReadonlyArray<string> = [],
  commandLine: ReadonlyArray<string> = [],
): void => {
  const today = todayOf(flags, context.io.today)
  const period = resolvePeriod(flags, commandLine, today)
  if (wantsMultiPeriod(flags)) {
    const search = searchOf(query, today)
    const span = PeriodExpression.intersect(period.span, search.dateSpan ?? {})
    multiBalanceCommand(context, file, flags, search, period, today, ruleFlags(flags, span.start, span.end, today))
    return
  }
  const begin = period.span.start
  const end = period.span.end
  // The whole-journal balance reads only the running balances: the ledger need not keep its transactions.
  const runningOnly =
    begin === undefined &&
    end === undefined &&
    flags.entity === undefined &&
    flags.real !== true &&
    !wantsRules(ruleFlags(flags, undefined, undefined)) &&
    query.length === 0
  // On a large file, two threads (src/load/Parallel.ts); undefined: the usual load.
  const parallel = runningOnly ? parallelLedger(context, file) : undefined
  const loaded = parallel === undefined ? context.load(file, runningOnly ? { keepTransactions: false } : {}) : undefined
  if (parallel === undefined && loaded === undefined) return
  const ledger =
    parallel ?? (loaded !== undefined ? reportLedger(context, loaded, ruleFlags(flags, begin, end, today)) : undefined)
  if (ledger === undefined) return
  const search = searchOf(query, today)
  const depth = flags.depth ?? search.depth
  const entity = entityFilter(ledger, flags.entity)
  const mode = flags.tree === true ? 'tree' : 'flat'
  const report = Balance.build(ledger, {
    book: flags.units === true ? 'goods' : 'money',
    mode,
    ...(depth !== undefined ? { depth } : {}),
    ...(search.terms.length > 0
      ? { where: (transaction: Transaction, posting: Posting) => Search.matches(search, transaction, posting) }
      : {}),
    ...(begin !== undefined ? { begin } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(flags.real === true ? { real: true } : {}),
  })
  if (flags.output === 'csv') context.io.stdout(Balance.renderCsv(report))
  else if (flags.output === 'json') context.io.stdout(`${JSON.stringify(Balance.toJson(report), null, 2)}\n`)
  else context.io.stdout(`${Balance.renderTable(ledger, report, mode)}\n`)
}

/** `register` with a report interval: one row per period, account and commodity (hledger's `register -M`). */
const printSummary = (
  context: Context,
  output: string | undefined,
  rows: ReadonlyArray<RegisterSummary.SummaryRow>,
  show: (amount: Amount.Amount) => string,
  running: (mixed: Amount.MixedAmount) => string,
): void => {
  // One definition of the fields, for CSV and JSON alike.
  const fields = (row: RegisterSummary.SummaryRow) => ({
    period: row.period.label,
    start: row.period.start,
    end: row.period.end,
    account: row.account,
    commodity: row.amount.commodity,
    amount: Quantity.toString(row.amount.quantity),
  })
  if (output === 'csv') {
    const header = ['period', 'start', 'end', 'account', 'commodity', 'amount'] as const
    const text = new Set(['account', 'commodity'])
    const cell = (name: string, value: string) =>
      name === 'amount' ? Csv.numberCell(value) : text.has(name) ? Csv.textCell(value) : value
    context.io.stdout(
      Csv.render(
        [...header],
        rows.map((row) => {
          const record = fields(row)
          return header.map((name) => cell(name, record[name]))
        }),
      ),
    )
    return
  }
  if (output === 'json') {
    context.io.stdout(`${JSON.stringify({ version: 1, periods: rows.map(fields) }, null, 2)}\n`)
    return
  }
  const table = rows.map((row) => [
    row.first ? row.period.label : '',
    row.account,
    show(row.amount),
    running(row.running),
  ])
  context.io.stdout(
    `${Table.render(
      [
        { header: 'period', align: 'left' },
        { header: 'account', align: 'left' },
        { header: 'amount', align: 'right' },
        { header: 'running', align: 'right' },
      ],
      table,
    )}\n`,
  )
}

export const registerCommand = (
  context: Context,
  file: string,
  query: ReadonlyArray<string>,
  flags: BalanceFlags,
  commandLine: ReadonlyArray<string> = [],
): void => {
  const today = todayOf(flags, context.io.today)
  const period = resolvePeriod(flags, commandLine, today)
  const search = searchOf(query, today)
  const given = PeriodExpression.intersect(period.span, search.dateSpan ?? {})
  const interval = period.interval
  const filter = interval === undefined ? search : Search.withoutDateSpan(search)
  const loaded = context.load(file)
  if (loaded === undefined) return
  const ledger = reportLedger(context, loaded, ruleFlags(flags, given.start, given.end, today))
  if (ledger === undefined) return
  // With an interval, the multi-period balance's columns: whole periods, open ends from the journal (as hledger's).
  let periods: ReadonlyArray<PeriodExpression.Column> = []
  if (interval !== undefined) {
    const columns = MultiBalance.reportColumns(ledger, { span: given, interval })
    if (E.isLeft(columns)) throw new UsageError(`register: ${PeriodExpression.renderError(columns.left)}`)
    periods = columns.right
  }
  const { begin, end } =
    interval === undefined
      ? { begin: given.start, end: given.end }
      : { begin: periods[0]?.start ?? given.start, end: periods.at(-1)?.end ?? given.start }
  const entity = entityFilter(ledger, flags.entity)
  const book = flags.units === true ? 'goods' : 'money'
  const rows = Query.register(ledger, {
    book,
    ...(begin !== undefined ? { begin } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(flags.real === true ? { real: true } : {}),
    ...(filter.terms.length > 0
      ? { where: (transaction: Transaction, posting: Posting) => Search.matches(filter, transaction, posting) }
      : {}),
  })
  const show = (amount: Amount.Amount) => Commodity.format(amount.quantity, Ledger.commodity(ledger, amount.commodity))
  const running = (mixed: Amount.MixedAmount) => Amount.entries(mixed).map(show).join(', ') || '0'
  if (interval !== undefined) {
    printSummary(context, flags.output, RegisterSummary.summarise(rows, periods), show, running)
    return
  }
  if (flags.output === 'csv') {
    context.io.stdout(
      Csv.render(
        ['date', 'description', 'account', 'commodity', 'amount', 'file', 'line'],
        rows.map((row) => [
          row.transaction.date,
          Csv.textCell(row.transaction.description),
          Csv.textCell(postingAccount(row.posting)),
          Csv.textCell(row.amount.commodity),
          Csv.numberCell(Amount.showExact(row.amount).split(' ')[0] ?? ''),
          Csv.textCell(row.transaction.span.file),
          String(row.posting.span?.line ?? row.transaction.span.line),
        ]),
      ),
    )
    return
  }
  if (flags.output === 'json') {
    const json = rows.map((row) => ({
      date: row.transaction.date,
      description: row.transaction.description,
      account: postingAccount(row.posting),
      commodity: row.amount.commodity,
      amount: Amount.showExact(row.amount).split(' ')[0],
      file: row.transaction.span.file,
      line: row.posting.span?.line ?? row.transaction.span.line,
    }))
    context.io.stdout(`${JSON.stringify({ version: 1, rows: json }, null, 2)}\n`)
    return
  }
  const table = rows.map((row, index) => {
    const previous = rows[index - 1]
    const first = previous === undefined || previous.transaction !== row.transaction
    return [
      first ? row.transaction.date : '',
      first ? row.transaction.description : '',
      postingAccount(row.posting),
      show(row.amount),
      running(row.running),
    ]
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
