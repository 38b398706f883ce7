/**
 * The commands hledger users type daily, under hledger's names: `accounts`, `payees`,
 * `commodities`, `prices`, `stats`, `balancesheet` (`bs`), `incomestatement` (`is`), `cashflow`
 * (`cf`). Each takes the journal file (unless `-f` or LEDGER_FILE gives it), then hledger query
 * terms, the book filter options `balance` takes, and `-O txt|csv|json|html`.
 */
import { isAbsolute, resolve } from 'node:path'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'
import * as Search from '../journal/Search.js'
import type * as Load from '../load/Load.js'
import type { Granularity } from '../reports/Common.js'
import type * as Compound from '../reports/CompoundBalance.js'
import type * as Lists from '../reports/Lists.js'
import { searchOf } from './books.js'
import {
  type Context,
  entityFilter,
  fileAndQuery,
  type HledgerOutput,
  hledgerOutputOption,
  parseDate,
  parseDepth,
  UsageError,
  withBookFilters,
} from './common.js'
import { commandLine, type PeriodFlags, resolvePeriod, todayOf } from './periodOptions.js'

/** Registers one command on `program`, its actions running in `context`. */
type Register = (program: Command, context: Context) => void

interface Flags {
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
  readonly entity?: string
  readonly real?: boolean
  readonly output: HledgerOutput
  readonly tree?: boolean
  readonly flat?: boolean
  readonly depth?: number
  readonly declared?: boolean
  readonly used?: boolean
}

const queryHelp =
  'the journal file (unless -f or LEDGER_FILE gives it), then query terms (acct:, desc:, payee:, ' +
  'note:, tag:, date:, amt:, cur:, status:, real:, depth:, not:, plain words)'

/** The posting filter of the query terms, the dates (unless `dates` is false), the entity and `--real`. */
const filterOf = (
  loaded: Load.Loaded,
  search: Search.Search,
  flags: Flags,
  dates = true,
): ((transaction: Transaction, posting: Posting) => boolean) => {
  const entity = entityFilter(loaded.ledger, flags.entity)
  const { declarations } = loaded.ledger
  return (transaction, posting) =>
    (!dates || flags.begin === undefined || transaction.date >= flags.begin) &&
    (!dates || flags.end === undefined || transaction.date < flags.end) &&
    (flags.real !== true || posting.virtual === undefined) &&
    (entity === undefined || (posting.entity ?? Ledger.entityOf(declarations, posting.account)) === entity) &&
    (search.terms.length === 0 || Search.matches(search, transaction, posting))
}

/** The report's span: `-b/-e` narrowed by the query's `date:` terms, as hledger does. */
const spanOf = (
  flags: Flags,
  search: Search.Search,
): readonly [LocalDate.LocalDate | undefined, LocalDate.LocalDate | undefined] => {
  const queryStart = search.dateSpan?.start
  const queryEnd = search.dateSpan?.end
  const begin =
    queryStart === undefined || (flags.begin !== undefined && flags.begin > queryStart) ? flags.begin : queryStart
  const end = queryEnd === undefined || (flags.end !== undefined && flags.end < queryEnd) ? flags.end : queryEnd
  return [begin, end]
}

/**
 * The transaction filter of `payees` and `stats`: the query at transaction level (as hledger), the dates, the entity.
 */
const transactionFilterOf = (
  loaded: Load.Loaded,
  search: Search.Search,
  flags: Flags,
): ((transaction: Transaction) => boolean) => {
  const entity = entityFilter(loaded.ledger, flags.entity)
  const { declarations } = loaded.ledger
  return (transaction) =>
    (flags.begin === undefined || transaction.date >= flags.begin) &&
    (flags.end === undefined || transaction.date < flags.end) &&
    // -R: as hledger's real: at transaction level, a transaction with a real posting.
    (flags.real !== true || transaction.postings.some((posting) => posting.virtual === undefined)) &&
    (entity === undefined ||
      transaction.postings.some(
        (posting) => (posting.entity ?? Ledger.entityOf(declarations, posting.account)) === entity,
      )) &&
    (search.terms.length === 0 || Search.matchesTransaction(search, transaction))
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (character) => `&#${character.codePointAt(0)};`)

const csvCell = (text: string): string => `"${(/^[=+\-@\t\r]/u.test(text) ? `'${text}` : text).replace(/"/gu, '""')}"`

const plurals: Readonly<Record<string, string>> = { account: 'accounts', payee: 'payees', commodity: 'commodities' }

/** Prints a list (one value per line, as hledger does) in the asked format; JSON is `{ version: 1, accounts: […] }`. */
const printList = (
  context: Context,
  output: HledgerOutput,
  header: string,
  values: ReadonlyArray<string>,
  text: ReadonlyArray<string> = values,
): void => {
  if (output === 'csv') context.io.stdout(`${[header, ...values].map(csvCell).join('\n')}\n`)
  else if (output === 'json')
    context.io.stdout(`${JSON.stringify({ version: 1, [plurals[header] ?? header]: values }, null, 2)}\n`)
  else if (output === 'html')
    context.io.stdout(
      `<table><tr><th>${escapeHtml(header)}</th></tr>` +
        `${values.map((value) => `<tr><td>${escapeHtml(value)}</td></tr>`).join('')}</table>\n`,
    )
  else context.io.stdout(text.map((line) => `${line}\n`).join(''))
}

/** The listing reports, loaded when a listing command runs. */
const lists = () => import('../reports/Lists.js')

/** The `P` directives of a loaded journal, as the listing commands read them. */
const pricesOf = (loaded: Load.Loaded): ReadonlyArray<Lists.PriceLine> =>
  loaded.elaborated.prices.flatMap((directive): Lists.PriceLine[] => {
    const date = LocalDate.fromString(directive.date)
    const price = Quantity.fromString(directive.amount.quantity)
    if (E.isLeft(date) || E.isLeft(price)) return []
    return [
      {
        date: date.right,
        commodity: directive.commodity,
        price: price.right,
        priceCommodity: directive.amount.implied ?? directive.amount.commodity,
        decimals: directive.amount.style.decimalDigits,
      },
    ]
  })

const accountsCmd: Register = (program, context) => {
  const command = program
    .command('accounts')
    .description('account names, declared and used, in declaration order (hledger’s accounts)')
    .argument('[ARGS...]', queryHelp)
    .option('--declared', 'only accounts declared by account directives')
    .option('--used', 'only accounts used by postings')
    .option('--flat', 'full names, one per line (default)')
    .option('--tree', 'indented as a tree, with every parent')
    .option('--depth <N>', 'clip names to this depth', parseDepth)
  withBookFilters(command, { output: hledgerOutputOption(), units: false }).action(
    async (args: string[], flags: Flags, self: Command) => {
      const Lists = await lists()
      const [file, query] = fileAndQuery(self, args, context)
      const loaded = context.load(file)
      if (loaded === undefined) return
      const search = searchOf(query)
      const depth = flags.depth ?? search.depth
      const lines = Lists.accounts(loaded.ledger, {
        ...(flags.tree === true ? { tree: true } : {}),
        ...(depth !== undefined ? { depth } : {}),
        ...(flags.declared === true ? { declared: true } : {}),
        ...(flags.used === true ? { used: true } : {}),
        where: filterOf(loaded, search, flags),
        matchesName: (account) => Search.matchesAccountName(search, account as Posting['account']),
        matchesAccountTerms: (account) =>
          Search.matchesAccountName(
            { terms: search.terms.filter((term) => term.kind === 'acct') },
            account as Posting['account'],
          ),
      })
      const text = lines.map((line) => (flags.tree === true ? `${'  '.repeat(line.indent)}${line.name}` : line.account))
      printList(
        context,
        flags.output,
        'account',
        lines.map((line) => line.account),
        text,
      )
    },
  )
}

const payeesCmd: Register = (program, context) => {
  const command = program
    .command('payees')
    .description('the payees of the transactions (the description before `|`), sorted (hledger’s payees)')
    .argument('[ARGS...]', queryHelp)
    .option('--declared', 'only payees declared by payee directives')
    .option('--used', 'only payees of transactions')
  withBookFilters(command, { output: hledgerOutputOption(), units: false }).action(
    async (args: string[], flags: Flags, self: Command) => {
      const Lists = await lists()
      const [file, query] = fileAndQuery(self, args, context)
      const loaded = context.load(file)
      if (loaded === undefined) return
      const search = searchOf(query)
      const only =
        flags.declared === true && flags.used !== true
          ? 'declared'
          : flags.used === true && flags.declared !== true
            ? 'used'
            : undefined
      printList(
        context,
        flags.output,
        'payee',
        Lists.payees(loaded.ledger, {
          matches: transactionFilterOf(loaded, search, flags),
          declared: loaded.elaborated.payees
            .map((directive) => directive.payee)
            // -b/-e (one date term), -R and --entity are query terms as hledger combines them.
            .filter((payee) =>
              Search.matchesPayeeName(search, payee, {
                dates: flags.begin !== undefined || flags.end !== undefined,
                others: (flags.real === true ? 1 : 0) + (flags.entity !== undefined ? 1 : 0),
              }),
            ),
          ...(only !== undefined ? { only } : {}),
        }),
      )
    },
  )
}

const commoditiesCmd: Register = (program, context) => {
  program
    .command('commodities')
    .description('the commodities declared or used in amounts, sorted (hledger’s commodities)')
    .argument('[FILE]', 'the journal file (unless -f or LEDGER_FILE gives it)')
    .addOption(hledgerOutputOption())
    .action(async (file: string | undefined, flags: Flags, self: Command) => {
      const Lists = await lists()
      const [journal, rest] = fileAndQuery(self, file === undefined ? [] : [file], context)
      if (rest.length > 0) throw new UsageError('commodities: no query terms are taken (as in hledger 1.25)')
      const loaded = context.load(journal)
      if (loaded === undefined) return
      printList(context, flags.output, 'commodity', Lists.commodities(loaded.ledger, pricesOf(loaded)))
    })
}

const pricesCmd: Register = (program, context) => {
  program
    .command('prices')
    .description('the market prices (P directives) in date order (hledger’s prices)')
    .argument('[ARGS...]', 'the journal file (unless -f or LEDGER_FILE gives it), then commodity symbols to list')
    .option('-b, --begin <DATE>', 'first date included', parseDate('--begin'))
    .option('-e, --end <DATE>', 'first date excluded', parseDate('--end'))
    .addOption(hledgerOutputOption())
    .action(async (args: string[], flags: Flags, self: Command) => {
      const Lists = await lists()
      const [file, symbols] = fileAndQuery(self, args, context)
      const loaded = context.load(file)
      if (loaded === undefined) return
      const wanted = new Set(symbols.map((symbol) => symbol.replace(/^cur:/u, '')))
      const prices = Lists.sortedPrices(
        pricesOf(loaded),
        (price) =>
          (wanted.size === 0 || wanted.has(price.commodity)) &&
          (flags.begin === undefined || price.date >= flags.begin) &&
          (flags.end === undefined || price.date < flags.end),
      )
      if (flags.output === 'csv' || flags.output === 'json' || flags.output === 'html') {
        const rows = prices.map((price) => ({
          date: price.date,
          commodity: price.commodity,
          price: Quantity.toString(price.price),
          priceCommodity: price.priceCommodity,
        }))
        if (flags.output === 'json') context.io.stdout(`${JSON.stringify({ version: 1, prices: rows }, null, 2)}\n`)
        else if (flags.output === 'csv')
          context.io.stdout(
            `${[
              'date,commodity,price,price_commodity',
              ...rows.map((row) =>
                [row.date, csvCell(row.commodity), row.price, csvCell(row.priceCommodity)].join(','),
              ),
            ].join('\n')}\n`,
          )
        else
          context.io.stdout(
            `<table><tr><th>date</th><th>commodity</th><th>price</th></tr>${prices
              .map((price) => {
                const shown = Lists.showPrice(loaded.ledger, price).split(' ').slice(3).join(' ')
                return (
                  `<tr><td>${price.date}</td><td>${escapeHtml(price.commodity)}</td>` +
                  `<td>${escapeHtml(shown)}</td></tr>`
                )
              })
              .join('')}</table>\n`,
          )
        return
      }
      context.io.stdout(prices.map((price) => `${Lists.showPrice(loaded.ledger, price)}\n`).join(''))
    })
}

/** Today in UTC, for `stats`' "days ago" (the only figure that depends on the day it runs). */
const today = (): LocalDate.LocalDate => LocalDate.unsafeFromString(new Date().toISOString().slice(0, 10))

const statsCmd: Register = (program, context) => {
  const command = program
    .command('stats')
    .description(
      'figures about the journal: span, transactions, payees, accounts, commodities, prices (hledger’s stats)',
    )
    .argument('[ARGS...]', queryHelp)
  withBookFilters(command, { output: hledgerOutputOption(), units: false }).action(
    async (args: string[], flags: Flags, self: Command) => {
      const Lists = await lists()
      const [file, query] = fileAndQuery(self, args, context)
      const loaded = context.load(file)
      if (loaded === undefined) return
      const now = today()
      const search = searchOf(query)
      const [begin, end] = spanOf(flags, search)
      const value = Lists.stats(loaded.ledger, {
        ...(begin !== undefined ? { begin } : {}),
        ...(end !== undefined ? { end } : {}),
        where: filterOf(loaded, search, flags),
        files: [...loaded.sources.keys()].map((name) => (isAbsolute(name) ? name : resolve(context.io.cwd, name))),
        prices: pricesOf(loaded),
        today: now,
      })
      const lines = Lists.statsLines(value, now)
      if (flags.output === 'json') context.io.stdout(`${JSON.stringify({ version: 1, ...value }, null, 2)}\n`)
      else if (flags.output === 'csv')
        context.io.stdout(
          `${['"name","value"', ...lines.map(([label, text]) => `${csvCell(label)},${csvCell(text)}`)].join('\n')}\n`,
        )
      else if (flags.output === 'html')
        context.io.stdout(
          `<table>${lines
            .map(([label, text]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(text)}</td></tr>`)
            .join('')}</table>\n`,
        )
      else context.io.stdout(Lists.renderStats(lines))
    },
  )
}

/** The columns hledger's bs, is and cf can have here: one per month, quarter or year. */
const compoundGranularity: Readonly<Record<string, Granularity>> = { month: 'month', quarter: 'quarter', year: 'year' }

/**
 * The span and columns of bs, is and cf: -b/-e, -p and -M/-Q/-Y as `balance` resolves them (the right-most wins),
 * within the query's `date:` terms.
 */
const compoundSpan = (
  flags: Flags,
  search: Search.Search,
  self: Command,
  injectedToday?: () => string,
): readonly [LocalDate.LocalDate | undefined, LocalDate.LocalDate | undefined, Granularity | undefined] => {
  const periodFlags = flags as Flags & PeriodFlags
  const { span, interval } = resolvePeriod(periodFlags, commandLine(self), todayOf(periodFlags, injectedToday))
  const granularity =
    interval === undefined || interval.anchor !== undefined ? undefined : compoundGranularity[interval.unit]
  if (interval !== undefined && (granularity === undefined || interval.count !== 1)) {
    const length =
      interval.anchor !== undefined
        ? `a ${interval.unit} from a custom day`
        : interval.count === 1
          ? `one ${interval.unit}`
          : `${interval.count} ${interval.unit}s`
    throw new UsageError(
      `${self.name()}: columns of ${length} are not built for this report (one per month, quarter or year: -M, -Q, -Y)`,
    )
  }
  const { begin: _begin, end: _end, ...rest } = flags
  const [begin, end] = spanOf(
    {
      ...rest,
      ...(span.start !== undefined ? { begin: span.start } : {}),
      ...(span.end !== undefined ? { end: span.end } : {}),
    },
    search,
  )
  return [begin, end, granularity]
}

const compoundCmd =
  (kind: Compound.CompoundKind, alias: string, description: string): Register =>
  (program, context) => {
    const command = program
      .command(kind)
      .alias(alias)
      .description(description)
      .argument('[ARGS...]', queryHelp)
      .option('--flat', 'full account names (default)')
      .option('--tree', 'accounts as a tree with subtotals')
      .option('--depth <N>', 'show accounts to this depth, summing deeper ones into them', parseDepth)
      .option('-p, --period <EXPR>', 'a period expression: 2024, 2024Q1, from 2024-03 to 2024-09, monthly in 2024, …')
      .option('-D, --daily', 'one column per day (not built for this report: refused)')
      .option('-W, --weekly', 'one column per week (not built for this report: refused)')
      .option('-M, --monthly', 'one column per month')
      .option('-Q, --quarterly', 'one column per quarter')
      .option('-Y, --yearly', 'one column per year')
      .option('--today <DATE>', 'the date relative dates (last month, yesterday) count from (default: the real date)')
    withBookFilters(command, { output: hledgerOutputOption(), units: false, smartDates: true }).action(
      async (args: string[], flags: Flags, self: Command) => {
        const Compound = await import('../reports/CompoundBalance.js')
        const [file, query] = fileAndQuery(self, args, context)
        const loaded = context.load(file)
        if (loaded === undefined) return
        const search = searchOf(query)
        const depth = flags.depth ?? search.depth
        const entity = entityFilter(loaded.ledger, flags.entity)
        const tree = flags.tree === true
        const [begin, end, period] = compoundSpan(flags, search, self, context.io.today)
        const filter = Search.withoutDateSpan(search)
        const report = Compound.build(loaded, kind, {
          ...(period !== undefined ? { period } : {}),
          ...(begin !== undefined ? { begin } : {}),
          ...(end !== undefined ? { end } : {}),
          ...(entity !== undefined ? { entity } : {}),
          ...(depth !== undefined ? { depth } : {}),
          ...(tree ? { tree: true } : {}),
          ...(flags.real === true ? { real: true } : {}),
          // The dates (-b/-e and `date:` terms) are the report's columns, not a filter: a balance sheet
          // counts what came before them, as hledger's does.
          ...(filter.terms.length > 0
            ? { where: (transaction: Transaction, posting: Posting) => Search.matches(filter, transaction, posting) }
            : {}),
        })
        const output = flags.output
        if (output === 'csv') context.io.stdout(Compound.renderCsv(loaded.ledger, report))
        else if (output === 'json') context.io.stdout(`${JSON.stringify(Compound.toJson(report), null, 2)}\n`)
        else if (output === 'html') context.io.stdout(Compound.renderHtml(loaded.ledger, report, tree))
        else context.io.stdout(Compound.renderText(loaded.ledger, report, tree))
      },
    )
  }

/** The commands under hledger's names, in the order `--help` lists them. */
export const hledgerCommands: ReadonlyArray<Register> = [
  accountsCmd,
  payeesCmd,
  commoditiesCmd,
  pricesCmd,
  statsCmd,
  compoundCmd(
    'balancesheet',
    'bs',
    'assets and liabilities at the end of the period, and their net (hledger’s balancesheet; money book)',
  ),
  compoundCmd(
    'balancesheetequity',
    'bse',
    'assets, liabilities and equity at the end of the period, and their net (hledger’s balancesheetequity; money book)',
  ),
  compoundCmd(
    'incomestatement',
    'is',
    'revenues and expenses of the period, and their net (hledger’s incomestatement; money book)',
  ),
  compoundCmd('cashflow', 'cf', 'the change of the cash accounts in the period (hledger’s cashflow; money book)'),
]
