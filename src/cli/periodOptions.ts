/**
 * hledger's report options on the command line: `-p/--period`, `-b/-e` (smart dates),
 * `-D/-W/-M/-Q/-Y`, `--today`, and for `balance` the multi-period flags (`-T`, `-A`,
 * `--cumulative`, `-H`, `-E`, `--invert`, `-S`, `-V`, `-X COMM`). As in hledger, among the
 * options that set a start, an end or an interval the right-most one wins (`-p 2024 -b 2024-03`
 * starts in March; `-b 2024-03 -p 2024` takes all of 2024).
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import { UsageError } from './common.js'

/** The raw values commander collects for these options. */
export interface PeriodFlags {
  readonly begin?: string
  readonly end?: string
  readonly period?: string
  readonly today?: string
  readonly daily?: boolean
  readonly weekly?: boolean
  readonly monthly?: boolean
  readonly quarterly?: boolean
  readonly yearly?: boolean
}

/** The multi-period flags of `balance`. */
export interface MultiPeriodFlags {
  readonly rowTotal?: boolean
  readonly average?: boolean
  readonly cumulative?: boolean
  readonly historical?: boolean
  readonly empty?: boolean
  readonly invert?: boolean
  readonly sortAmount?: boolean
  readonly market?: boolean
  readonly exchange?: string
  /** `--value=then|end|now|DATE[,COMM]`. */
  readonly value?: string
}

/** Adds the date and interval options (both `balance` and `register`). */
export const withPeriodOptions = (command: Command): Command =>
  command
    .option('-b, --begin <DATE>', 'first date included (a smart date: 2024-03-05, 2024-03, 2024, last month, …)')
    .option('-e, --end <DATE>', 'first date excluded (a smart date)')
    .option(
      '-p, --period <EXPR>',
      'a period expression: 2024, 2024Q1, 2024-03, from 2024-03 to 2024-09, monthly in 2024, last month, …',
    )
    .option('-D, --daily', 'one column per day')
    .option('-W, --weekly', 'one column per week (weeks start on Monday)')
    .option('-M, --monthly', 'one column per month')
    .option('-Q, --quarterly', 'one column per quarter')
    .option('-Y, --yearly', 'one column per year')
    .option('--today <DATE>', 'the date relative dates (last month, yesterday) count from (default: the real date)')

/** When a valued report values: each posting's date, each column's end, or one date for every column. */
export type ValueWhen =
  | { readonly _tag: 'then' }
  | { readonly _tag: 'end' }
  | { readonly _tag: 'date'; readonly date: LocalDate.LocalDate }

/**
 * Reads `--value=WHEN[,COMM]` as hledger 1.25 does: `then`, `end`, `now` (today, or `--today`), or a
 * date (a smart date: 2024-03, last month); `cost` is refused (costs are not a valuation here).
 */
export const parseValue = (
  text: string,
  today: LocalDate.LocalDate,
): { readonly when: ValueWhen; readonly commodity?: string } => {
  const comma = text.indexOf(',')
  const word = (comma === -1 ? text : text.slice(0, comma)).trim()
  const commodity = comma === -1 ? undefined : text.slice(comma + 1).trim()
  if (commodity === '') throw new UsageError(`--value: ${JSON.stringify(text)} names no commodity after the comma`)
  const withCommodity = commodity !== undefined ? { commodity } : {}
  const lower = word.toLowerCase()
  if (lower === 'then' || lower === 't') return { when: { _tag: 'then' }, ...withCommodity }
  if (lower === 'end' || lower === 'e') return { when: { _tag: 'end' }, ...withCommodity }
  if (lower === 'now' || lower === 'n') return { when: { _tag: 'date', date: today }, ...withCommodity }
  if (lower === 'cost' || lower === 'c')
    throw new UsageError('--value=cost is not built (costs convert in -B/--cost, which is not built either)')
  const date = PeriodExpression.smartDate(word, today)
  if (E.isLeft(date))
    throw new UsageError(
      `--value: ${JSON.stringify(word)} is not then, end, now or a date (${PeriodExpression.renderError(date.left)})`,
    )
  return { when: { _tag: 'date', date: date.right }, ...withCommodity }
}

/** Adds the multi-period flags of `balance`. */
export const withMultiPeriodOptions = (command: Command): Command =>
  command
    .option('-T, --row-total', 'a total column (balance changes only, as in hledger)')
    .option('-A, --average', 'an average column')
    .option('--cumulative', 'each column the total since the report start')
    .option('-H, --historical', 'each column the ending balance, including what came before the report start')
    .option('-E, --empty', 'show accounts whose amounts are zero')
    .option('--invert', 'flip the sign of every amount')
    .option('-S, --sort-amount', 'sort rows by amount, largest first')
    .option('-V, --market', 'value in each commodity’s price commodity (P directives) at each period’s end')
    .option('-X, --exchange <COMM>', 'value in COMM (P directives, reversed or chained) at each period’s end')
    .option(
      '--value <WHEN[,COMM]>',
      'value at: then (each posting’s date), end (each period’s end, as -V), now (--today) or a date; in COMM if given',
    )

/** True when any flag asks for more than the plain one-column balance. */
export const wantsMultiPeriod = (flags: PeriodFlags & MultiPeriodFlags): boolean =>
  flags.period !== undefined ||
  flags.daily === true ||
  flags.weekly === true ||
  flags.monthly === true ||
  flags.quarterly === true ||
  flags.yearly === true ||
  flags.rowTotal === true ||
  flags.average === true ||
  flags.cumulative === true ||
  flags.historical === true ||
  flags.empty === true ||
  flags.invert === true ||
  flags.sortAmount === true ||
  flags.market === true ||
  flags.exchange !== undefined ||
  flags.value !== undefined

/**
 * The one "today" of a command: `--today`, else the date the CLI's port injects (tests), else the
 * local date. Relative dates (`last month`), `--value=now` and the forecast window all read it.
 */
export const todayOf = (flags: PeriodFlags, injected?: () => string): LocalDate.LocalDate => {
  if (flags.today !== undefined) {
    const given = LocalDate.fromString(flags.today)
    if (E.isLeft(given)) throw new UsageError(`--today: ${JSON.stringify(flags.today)} is not a date (YYYY-MM-DD)`)
    return given.right
  }
  const fromPort = injected?.()
  if (fromPort !== undefined) {
    const given = LocalDate.fromString(fromPort)
    if (E.isRight(given)) return given.right
  }
  const now = new Date()
  const year = String(now.getFullYear()).padStart(4, '0')
  const month = String(now.getMonth() + 1).padStart(2, '0')
  const day = String(now.getDate()).padStart(2, '0')
  return LocalDate.unsafeFromString(`${year}-${month}-${day}`)
}

const intervalFlags: ReadonlyArray<readonly [string, string, PeriodExpression.Unit]> = [
  ['-D', '--daily', 'day'],
  ['-W', '--weekly', 'week'],
  ['-M', '--monthly', 'month'],
  ['-Q', '--quarterly', 'quarter'],
  ['-Y', '--yearly', 'year'],
]

/** The short options of `balance` and `register` that take a value (the rest of a bundle is that value). */
const shortWithValue = new Set(['b', 'e', 'p', 'X', 'O', 'f'])

/** Where an option last appears in the arguments: `--long`, `--long=V`, `-s`, or inside a bundle (`-MH`, `-Mp2024`). */
const lastPosition = (args: ReadonlyArray<string>, short: string, long: string): number => {
  let found = -1
  const letter = short.slice(1)
  args.forEach((arg, index) => {
    if (arg === long || arg.startsWith(`${long}=`)) found = index
    else if (arg.startsWith('-') && !arg.startsWith('--'))
      // Within a bundle, the letters' order counts too: a fraction of the argument's index.
      [...arg.slice(1)].every((character, position) => {
        if (character === letter) found = index + (position + 1) / 1000
        return !shortWithValue.has(character)
      })
  })
  return found
}

/** The report span and interval the options ask for (the right-most option wins, side by side). */
export const resolvePeriod = (
  flags: PeriodFlags,
  args: ReadonlyArray<string>,
  today: LocalDate.LocalDate,
): { readonly span: PeriodExpression.Span; readonly interval?: PeriodExpression.ReportInterval } => {
  const smart = (flag: string, text: string): LocalDate.LocalDate => {
    const date = PeriodExpression.smartDate(text, today)
    if (E.isLeft(date)) throw new UsageError(`${flag}: ${PeriodExpression.renderError(date.left)}`)
    return date.right
  }
  let period: PeriodExpression.PeriodSpec = {}
  if (flags.period !== undefined) {
    const parsed = PeriodExpression.parse(flags.period, today)
    if (E.isLeft(parsed)) throw new UsageError(`--period: ${PeriodExpression.renderError(parsed.left)}`)
    period = parsed.right
  }
  const at = {
    period: lastPosition(args, '-p', '--period'),
    begin: lastPosition(args, '-b', '--begin'),
    end: lastPosition(args, '-e', '--end'),
  }
  const begin = flags.begin !== undefined ? smart('--begin', flags.begin) : undefined
  const end = flags.end !== undefined ? smart('--end', flags.end) : undefined
  const start =
    begin !== undefined && (flags.period === undefined || at.begin > at.period) ? begin : (period.start ?? begin)
  const stop = end !== undefined && (flags.period === undefined || at.end > at.period) ? end : (period.end ?? end)
  if (start !== undefined && stop !== undefined && stop < start)
    throw new UsageError(`the report ends (${stop}) before it starts (${start})`)
  // The interval: the right-most of -p's and the -D/-W/-M/-Q/-Y flags.
  let interval = period.interval
  let position = period.interval === undefined ? -2 : at.period
  for (const [short, long, unit] of intervalFlags) {
    const key = long.slice(2) as keyof PeriodFlags
    if (flags[key] !== true) continue
    const where = lastPosition(args, short, long)
    if (where >= position) {
      interval = { unit, count: 1 }
      position = where
    }
  }
  return {
    span: { ...(start !== undefined ? { start } : {}), ...(stop !== undefined ? { end: stop } : {}) },
    ...(interval !== undefined ? { interval } : {}),
  }
}

/** The arguments of the whole command line, for `resolvePeriod`'s right-most rule. */
export const commandLine = (command: Command): ReadonlyArray<string> => {
  let root: Command = command
  while (root.parent !== null) root = root.parent
  return (root as Command & { readonly rawArgs?: ReadonlyArray<string> }).rawArgs ?? []
}
