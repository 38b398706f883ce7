/**
 * Hedged figures in statement values (`reported`, `restate`, `param`, `expect`): the sources'
 * "more than", "below", "between" and "not given", read into exact intervals.
 *
 * | form        | money                   | goods             | percent       |
 * |-------------|-------------------------|-------------------|---------------|
 * | lower bound | `>6,000,000.00 RUB`, `>=` | `[>0 T28]`      | `>100%`       |
 * | upper bound | `<400,000.00 RUB`, `<=` | `[<10 T29]`       | `<100%`       |
 * | range       | `1,000..2,000 RUB`      | `[400..500 T26]`  | `6.3%..7.1%`  |
 * | unknown     | `? RUB`                 | `[? T28]`         | `?%`          |
 *
 * A date range `1937-01-01..1937-04-01` (end exclusive, as periods are written) is a date figure.
 * Exact and `~` approximate values keep their existing token shapes (`Amount`, `Percent`); the
 * tolerance of `~` is applied where the figure is compared (reconcile/Figures.ts). Numbers are
 * plain (`1234.5`) or grouped by commas in threes (`6,000,000.00`), with an optional `-`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Commodity from '../core/Commodity.js'
import * as Interval from '../core/Interval.js'
import * as LocalDate from '../core/LocalDate.js'
import * as Quantity from '../core/Quantity.js'
import type { FigureUnit, StatementValue } from '../domain/Statements.js'
import type * as Syntax from './Syntax.js'

const numberPattern = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`
const boundPattern = new RegExp(`^(>=|<=|>|<)(${numberPattern})$`, 'u')
const rangePattern = new RegExp(String.raw`^(${numberPattern})\.\.(${numberPattern})$`, 'u')
const percentBound = new RegExp(`^(>=|<=|>|<)(${numberPattern})%$`, 'u')
const percentRange = new RegExp(String.raw`^(${numberPattern})%\.\.(${numberPattern})%$`, 'u')

const quantityOf = (text: string): Quantity.Quantity | undefined => {
  const result = Quantity.fromString(text.replace(/,/gu, ''))
  return E.isRight(result) ? result.right : undefined
}

/** The interval of a bare hedged number (`>6,000,000.00`, `400..500`, `?`), without its unit. */
const intervalOf = (text: string): Interval.Interval | undefined => {
  if (text === '?') return Interval.unknown
  const bound = boundPattern.exec(text)
  if (bound !== null) {
    const value = quantityOf(bound[2] as string)
    if (value === undefined) return undefined
    const operator = bound[1] as string
    return operator.startsWith('>')
      ? Interval.above(value, operator === '>=')
      : Interval.below(value, operator === '<=')
  }
  const range = rangePattern.exec(text)
  if (range !== null) {
    const low = quantityOf(range[1] as string)
    const high = quantityOf(range[2] as string)
    if (low === undefined || high === undefined) return undefined
    const interval = Interval.range(low, high)
    return E.isRight(interval) ? interval.right : undefined
  }
  return undefined
}

const percentIntervalOf = (text: string): Interval.Interval | undefined => {
  if (text === '?%') return Interval.unknown
  const bound = percentBound.exec(text)
  if (bound !== null) return intervalOf(`${bound[1] as string}${bound[2] as string}`)
  const range = percentRange.exec(text)
  if (range !== null) return intervalOf(`${range[1] as string}..${range[2] as string}`)
  return undefined
}

const figure = (interval: Interval.Interval, unit: FigureUnit, written: string): StatementValue => ({
  _tag: 'Figure',
  figure: { interval, unit, written },
})

const symbolOf = (text: string): Commodity.CommoditySymbol | undefined => {
  const symbol = Commodity.symbolFromString(text)
  return E.isRight(symbol) && text !== '' ? symbol.right : undefined
}

/**
 * Where a hedged goods figure that starts at `start` (a `[`) ends (just after its `]`), or
 * undefined when the bracket holds an ordinary goods quantity (`[101 T28]`, `[~250 ART]`).
 */
export const hedgedBracketEnd = (text: string, start: number, end: number): number | undefined => {
  const close = text.indexOf(']', start + 1)
  if (close === -1 || close >= end) return undefined
  const inner = text.slice(start + 1, close).trim()
  const first = inner.charAt(0)
  if (first !== '>' && first !== '<' && first !== '?' && !/^\S*\.\./u.test(inner)) return undefined
  return close + 1
}

/** A bracketed hedged goods figure (`[>0 T28]`, `[400..500 T26]`, `[? T28]`). */
const bracketed = (text: string): StatementValue | undefined => {
  const match = /^\[\s*(\S+)\s+(\S+)\s*\]$/u.exec(text)
  if (match === null) return undefined
  const interval = intervalOf(match[1] as string)
  const commodity = symbolOf(match[2] as string)
  if (interval === undefined || commodity === undefined) return undefined
  return figure(interval, { _tag: 'Amount', commodity, bracketed: true }, `${match[1] as string} ${match[2] as string}`)
}

/**
 * `1937-01-01..1937-04-01`, `1937-Q1` or `1937-01` as a reported value: a date in that period (a range's end exclusive,
 * as in periods).
 */
const dateRange = (period: Syntax.PeriodSyntax): StatementValue | undefined => {
  const start = LocalDate.fromString(period.start)
  const end = LocalDate.fromString(period.endExclusive)
  if (E.isLeft(start) || E.isLeft(end)) return undefined
  const interval = Interval.range(
    Quantity.unsafeFromInteger(LocalDate.toDayNumber(start.right)),
    Quantity.unsafeFromInteger(LocalDate.toDayNumber(end.right) - 1),
  )
  const written =
    period.kind === 'month'
      ? period.start.slice(0, 7)
      : period.kind === 'quarter'
        ? `${period.start.slice(0, 4)}-Q${Math.floor((Number(period.start.slice(5, 7)) - 1) / 3) + 1}`
        : period.kind === 'year'
          ? period.start.slice(0, 4)
          : `${period.start}..${period.endExclusive}`
  return E.isRight(interval) ? figure(interval.right, { _tag: 'Date' }, written) : undefined
}

/**
 * Whether a word has the shape of a hedged figure (a bracket, a leading `>`/`<`, `?`, or `..`
 * between digits) so that, when it does not read as one, it is an error rather than a word.
 */
export const looksHedged = (tokens: ReadonlyArray<Syntax.ArgToken>): boolean => {
  const [first] = tokens
  if (first === undefined || first._tag !== 'Word') return false
  return /^\[|^[<>]=?[-\d]|^\?%?$|\d%?\.\.-?\d/u.test(first.text)
}

/**
 * A hedged value written as one or two tokens: `>6,000,000.00 RUB`, `? RUB`, `1,000..2,000 RUB`,
 * `<100%`, `6.3%..7.1%`, `?%`, `[400..500 T26]`, or a bare hedged number (`>5`, `?`). Undefined
 * when the tokens are not such a value (the caller then reads them as before).
 */
export const hedgedValue = (tokens: ReadonlyArray<Syntax.ArgToken>): StatementValue | undefined => {
  const [first, second, ...rest] = tokens
  if (first !== undefined && first._tag === 'Period' && second === undefined) return dateRange(first.period)
  if (first === undefined || first._tag !== 'Word' || rest.length > 0) return undefined
  if (second === undefined) {
    if (first.text.startsWith('[')) return bracketed(first.text)
    const percent = percentIntervalOf(first.text)
    if (percent !== undefined) return figure(percent, { _tag: 'Percent' }, first.text)
    const number = intervalOf(first.text)
    return number !== undefined ? figure(number, { _tag: 'Number' }, first.text) : undefined
  }
  if (second._tag !== 'Word') return undefined
  const interval = intervalOf(first.text)
  const commodity = symbolOf(second.text)
  if (interval === undefined || commodity === undefined) return undefined
  return figure(interval, { _tag: 'Amount', commodity, bracketed: false }, `${first.text} ${second.text}`)
}
