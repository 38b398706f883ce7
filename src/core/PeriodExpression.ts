/**
 * hledger's period expressions and smart dates (as hledger 1.25 reads them), and report
 * intervals: what `-p/--period`, `-b/-e` and the `date:` query accept, and how a report span is
 * cut into columns.
 *
 * Smart dates: `2024`, `2024-03`, `2024/3/5`, `2024.03.05`, `20240305`, `202403`, `2024Q1`, `q1`,
 * `3/5` (this year), `5` (day of this month), `march`/`mar` (this year), `today`, `yesterday`,
 * `tomorrow`, `last|this|next day|week|month|quarter|year`, `N units ago`, `N units ahead`,
 * `in N units`. Each names a span (a day, a month, …); a start is the span's first day and an end
 * (exclusive) is the span's first day too, so `to 2024` ends before 2024-01-01.
 *
 * Period expressions: `[INTERVAL] [from|since] DATE [to|until|..] DATE`, `[INTERVAL] [in] DATE`,
 * with either date left out (`from 2024-03`, `to 2024-09`, `2024-01..`). Intervals: `daily`,
 * `weekly`, `monthly`, `quarterly`, `yearly`, `biweekly`, `fortnightly`, `bimonthly`,
 * `every day|week|month|quarter|year`, `every N days|weeks|months|quarters|years`.
 *
 * Relative words need the date the report is made on: `today` is a parameter (the CLI passes the
 * real date, tests a fixed one); without it they are an error. The custom-start intervals
 * (`every Tue`, `every 15th day of month`, `every 2nd Thursday`, `every 11/05`) are in IntervalAnchor.ts.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as IntervalAnchor from './IntervalAnchor.js'
import * as LocalDate from './LocalDate.js'
import { notText } from './Untyped.js'

/** A calendar unit of a report interval. */
export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year'

/**
 * A report interval: every `count` units, starting on the unit's natural boundary (weeks on Monday),
 * or, with an `anchor` (`every Tue`, `every 15th day`), on the anchor's days (count 1).
 */
export interface ReportInterval {
  readonly unit: Unit
  readonly count: number
  readonly anchor?: IntervalAnchor.Anchor
}

/** A date span `[start, end)`; either side may be open. */
export interface Span {
  readonly start?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
}

/** A parsed period expression: its dates and its report interval, if it names one. */
export interface PeriodSpec extends Span {
  readonly interval?: ReportInterval
}

/** Why a period expression or smart date could not be read. */
export interface PeriodExpressionError {
  readonly _tag: 'InvalidPeriodExpression'
  readonly text: string
  readonly reason: string
}

/** One column of a multi-period report: `[start, end)` and its hledger label. */
export interface Column {
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  readonly label: string
}

/** `today` as given: undefined, or a valid date (a JavaScript caller may pass anything). */
const isToday = (today: unknown): boolean =>
  today === undefined || (typeof today === 'string' && E.isRight(LocalDate.fromString(today)))

const fail = (text: string, reason: string): E.Either<PeriodExpressionError, never> =>
  E.left({ _tag: 'InvalidPeriodExpression', text, reason })

const dateOf = (year: number, month: number, day: number): LocalDate.LocalDate | undefined => {
  const result = LocalDate.fromParts(year, month, day)
  return E.isRight(result) ? result.right : undefined
}
const plusDays = (date: LocalDate.LocalDate, days: number): LocalDate.LocalDate | undefined => {
  const result = LocalDate.addDays(days)(date)
  return E.isRight(result) ? result.right : undefined
}

/** Monday is 0 (0001-01-01, day 0, was a Monday in the proleptic Gregorian calendar). */
export const weekday = (date: LocalDate.LocalDate): number => LocalDate.toDayNumber(date) % 7

/** The first day of the unit (Monday for a week) containing `date`. */
export const startOfUnit = (unit: Unit, date: LocalDate.LocalDate): LocalDate.LocalDate => {
  const year = LocalDate.year(date)
  const month = LocalDate.month(date)
  const start =
    unit === 'day'
      ? date
      : unit === 'week'
        ? plusDays(date, -weekday(date))
        : unit === 'month'
          ? dateOf(year, month, 1)
          : unit === 'quarter'
            ? dateOf(year, (LocalDate.quarter(date) - 1) * 3 + 1, 1)
            : dateOf(year, 1, 1)
  // Only a week can start before 0001-01-01, and that day is a Monday.
  return start ?? date
}

/** `date` moved by `count` units (months keep the day, which is always the 1st here). */
export const addUnits = (unit: Unit, count: number, date: LocalDate.LocalDate): LocalDate.LocalDate | undefined => {
  if (unit === 'day') return plusDays(date, count)
  if (unit === 'week') return plusDays(date, 7 * count)
  const months = unit === 'month' ? count : unit === 'quarter' ? 3 * count : 12 * count
  const index = LocalDate.year(date) * 12 + (LocalDate.month(date) - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return dateOf(year, month, Math.min(LocalDate.day(date), LocalDate.daysInMonth(year, month)))
}

/** The unit containing `date` moved by `offset` units, as a span. */
const unitSpan = (unit: Unit, date: LocalDate.LocalDate, offset: number): Required<Span> | undefined => {
  const start = addUnits(unit, offset, startOfUnit(unit, date))
  const end = start === undefined ? undefined : addUnits(unit, 1, start)
  return start === undefined || end === undefined ? undefined : { start, end }
}

const monthNumber = IntervalAnchor.monthNumber

const unitOf = (word: string): Unit | undefined => {
  const singular = word.endsWith('s') ? word.slice(0, -1) : word
  return singular === 'day' ||
    singular === 'week' ||
    singular === 'month' ||
    singular === 'quarter' ||
    singular === 'year'
    ? singular
    : undefined
}

const needsToday = (text: string): E.Either<PeriodExpressionError, never> =>
  fail(text, 'a relative date needs the date of today, which was not given')

/**
 * Reads one smart date as the span it names (`2024-03` is March 2024, `last week` the week
 * before today's).
 *
 * @example
 * ```ts
 * const march = PeriodExpression.smartSpan('2024-03', undefined)
 * // march → E.right({ start: '2024-03-01', end: '2024-04-01' })
 * const lastMonth = PeriodExpression.smartSpan('last month', LocalDate.unsafeFromString('2024-05-15'))
 * // lastMonth → E.right({ start: '2024-04-01', end: '2024-05-01' })
 * ```
 */
export const smartSpan = (
  raw: string,
  today: LocalDate.LocalDate | undefined,
): E.Either<PeriodExpressionError, Required<Span>> => {
  if (typeof raw !== 'string') return fail(notText(raw), 'not text')
  if (!isToday(today)) return fail(raw, 'the date of today is not a date')
  const text = raw.trim().toLowerCase()
  const span = (value: Required<Span> | undefined): E.Either<PeriodExpressionError, Required<Span>> =>
    value === undefined ? fail(raw, 'not a date of the calendar (years 1–9999)') : E.right(value)
  const day = (year: number, month: number, dayOfMonth: number) => {
    const start = dateOf(year, month, dayOfMonth)
    return span(start === undefined ? undefined : unitSpan('day', start, 0))
  }
  const month = (year: number, value: number) => {
    const start = dateOf(year, value, 1)
    return span(start === undefined ? undefined : unitSpan('month', start, 0))
  }
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(text)
  if (match !== null) return day(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{4})(\d{2})(\d{2})$/u.exec(text)
  if (match !== null) return day(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{4})[-/.](\d{1,2})$/u.exec(text) ?? /^(\d{4})(\d{2})$/u.exec(text)
  if (match !== null) return month(Number(match[1]), Number(match[2]))
  match = /^(\d{4})$/u.exec(text)
  if (match !== null) {
    const start = dateOf(Number(match[1]), 1, 1)
    return span(start === undefined ? undefined : unitSpan('year', start, 0))
  }
  match = /^(\d{4})?-?q([1-4])$/u.exec(text)
  if (match !== null) {
    if (match[1] === undefined && today === undefined) return needsToday(raw)
    const year = match[1] !== undefined ? Number(match[1]) : LocalDate.year(today as LocalDate.LocalDate)
    const start = dateOf(year, (Number(match[2]) - 1) * 3 + 1, 1)
    return span(start === undefined ? undefined : unitSpan('quarter', start, 0))
  }
  match = /^(\d{1,2})[-/.](\d{1,2})$/u.exec(text)
  if (match !== null) {
    if (today === undefined) return needsToday(raw)
    return day(LocalDate.year(today), Number(match[1]), Number(match[2]))
  }
  match = /^(\d{1,2})$/u.exec(text)
  if (match !== null) {
    if (today === undefined) return needsToday(raw)
    return day(LocalDate.year(today), LocalDate.month(today), Number(match[1]))
  }
  if (monthNumber(text) > 0) {
    if (today === undefined) return needsToday(raw)
    return month(LocalDate.year(today), monthNumber(text))
  }
  const offsets: Readonly<Record<string, number>> = { yesterday: -1, today: 0, tomorrow: 1 }
  const dayOffset = offsets[text]
  if (dayOffset !== undefined) {
    if (today === undefined) return needsToday(raw)
    return span(unitSpan('day', today, dayOffset))
  }
  match = /^(last|this|next) ?(day|week|month|quarter|year)$/u.exec(text)
  if (match !== null) {
    if (today === undefined) return needsToday(raw)
    const offset = match[1] === 'last' ? -1 : match[1] === 'this' ? 0 : 1
    return span(unitSpan(match[2] as Unit, today, offset))
  }
  match = /^(\d+) +(\w+) +(ago|ahead)$/u.exec(text) ?? /^in +(\d+) +(\w+)()$/u.exec(text)
  if (match !== null && unitOf(match[2] as string) !== undefined) {
    if (today === undefined) return needsToday(raw)
    const count = Number(match[1])
    return span(unitSpan(unitOf(match[2] as string) as Unit, today, match[3] === 'ago' ? -count : count))
  }
  return fail(raw, 'not a date hledger reads (2024, 2024-03, 2024-03-05, 2024Q1, last month, …)')
}

/** The start of a smart date's span: what `-b`, `-e`, `from` and `to` take. */
export const smartDate = (
  text: string,
  today: LocalDate.LocalDate | undefined,
): E.Either<PeriodExpressionError, LocalDate.LocalDate> =>
  E.map((span: Required<Span>) => span.start)(smartSpan(text, today))

const INTERVAL_WORDS: Readonly<Record<string, ReportInterval>> = {
  daily: { unit: 'day', count: 1 },
  weekly: { unit: 'week', count: 1 },
  monthly: { unit: 'month', count: 1 },
  quarterly: { unit: 'quarter', count: 1 },
  yearly: { unit: 'year', count: 1 },
  annually: { unit: 'year', count: 1 },
  biweekly: { unit: 'week', count: 2 },
  fortnightly: { unit: 'week', count: 2 },
  bimonthly: { unit: 'month', count: 2 },
}

/** Reads a leading report interval; returns it and the rest of the text. */
const readInterval = (
  text: string,
): E.Either<PeriodExpressionError, { readonly interval?: ReportInterval; readonly rest: string }> => {
  const word = /^([a-z]+)\b\s*(.*)$/su.exec(text)
  if (word === null) return E.right({ rest: text })
  const named = INTERVAL_WORDS[word[1] as string]
  if (named !== undefined) return E.right({ interval: named, rest: word[2] as string })
  if (word[1] !== 'every') return E.right({ rest: text })
  const rest = word[2] as string
  const refused = IntervalAnchor.refusal(rest)
  if (refused !== undefined) return fail(text, refused)
  const anchored = IntervalAnchor.read(rest)
  if (anchored !== undefined) {
    const { anchor } = anchored
    const unit: Unit = anchor._tag === 'weekday' ? 'week' : anchor._tag === 'dayOfYear' ? 'year' : 'month'
    return E.right({ interval: { unit, count: 1, anchor }, rest: anchored.rest })
  }
  const every = /^(?:(\d+) +)?(days?|weeks?|months?|quarters?|years?)\b\s*(.*)$/su.exec(rest)
  if (every === null || (every[1] === undefined && (every[2] as string).endsWith('s')))
    return fail(
      text,
      'expected `every [N] day(s)|week(s)|month(s)|quarter(s)|year(s)`, `every WEEKDAY`, ' +
        '`every Nth day [of week|month]`, `every Nth WEEKDAY [of month]`, `every MM/DD` or `every MONTH Nth`',
    )
  const count = every[1] === undefined ? 1 : Number(every[1])
  if (count < 1 || count > 10_000) return fail(text, 'the interval count must be from 1 to 10000')
  return E.right({ interval: { unit: unitOf(every[2] as string) as Unit, count }, rest: every[3] as string })
}

/**
 * hledger's looser ranges, when the text is not one date: two dates separated by a hyphen
 * (`2024/1/1-2024/4/1`, `2024-01-15-` for an open end). Two dates separated by a space, which
 * hledger's manual shows, hledger 1.25 refuses, and so does this.
 */
const looseRange = (text: string, today: LocalDate.LocalDate | undefined): readonly [string, string, string] | null => {
  if (E.isRight(smartSpan(text, today))) return null
  const reads = (side: string) => E.isRight(smartDate(side, today))
  for (let index = text.indexOf('-'); index >= 0; index = text.indexOf('-', index + 1)) {
    const from = text.slice(0, index).trim()
    const to = text.slice(index + 1).trim()
    if ((from !== '' || to !== '') && (from === '' || reads(from)) && (to === '' || reads(to))) return [text, from, to]
  }
  return null
}

/**
 * Reads a period expression, as `-p/--period` and `date:` take it.
 *
 * @example
 * ```ts
 * const spec = PeriodExpression.parse('monthly from 2024-03 to 2024-09', undefined)
 * // spec → E.right({ start: '2024-03-01', end: '2024-09-01', interval: { unit: 'month', count: 1 } })
 * ```
 */
export const parse = (
  raw: string,
  today: LocalDate.LocalDate | undefined,
): E.Either<PeriodExpressionError, PeriodSpec> => {
  if (typeof raw !== 'string') return fail(notText(raw), 'not text')
  if (!isToday(today)) return fail(raw, 'the date of today is not a date')
  const text = raw.trim().toLowerCase().replace(/\s+/gu, ' ')
  if (text === '') return fail(raw, 'an empty period expression')
  const head = readInterval(text)
  if (E.isLeft(head)) return head
  const interval = head.right.interval
  const withInterval = (span: Span): PeriodSpec => (interval === undefined ? span : { ...span, interval })
  let rest = head.right.rest.trim()
  if (rest === '') return E.right(withInterval({}))
  const located = (result: E.Either<PeriodExpressionError, LocalDate.LocalDate>) =>
    E.mapLeft((error: PeriodExpressionError) => ({ ...error, text: raw }))(result)
  // `in DATE`, or a lone DATE: the span it names. `in N units` is a relative date.
  const inWord = /^in (.*)$/su.exec(rest)
  if (inWord !== null && !/^\d+ \w+$/u.test(inWord[1] as string)) rest = (inWord[1] as string).trim()
  const range =
    /^(?:(?:from|since) +)?(.*?) *(?:\.\.|\bto\b|(?<=\d)to(?=\d)|\buntil\b) *(.*)$/su.exec(rest) ??
    (/^(?:from|since) +(.*)$/su.exec(rest) !== null ? [rest, rest.replace(/^(?:from|since) +/u, ''), ''] : null) ??
    looseRange(rest, today)
  if (range === null) {
    const span = smartSpan(rest, today)
    if (E.isLeft(span)) return E.left({ ...span.left, text: raw })
    return E.right(withInterval(span.right))
  }
  const [, from = '', to = ''] = range
  if (from === '' && to === '') return fail(raw, 'a range needs a start or an end date')
  const start = from === '' ? E.right(undefined) : located(smartDate(from, today))
  if (E.isLeft(start)) return start
  const end = to === '' ? E.right(undefined) : located(smartDate(to, today))
  if (E.isLeft(end)) return end
  if (start.right !== undefined && end.right !== undefined && end.right < start.right)
    return fail(raw, `the end ${end.right} is before the start ${start.right}`)
  return E.right(
    withInterval({
      ...(start.right !== undefined ? { start: start.right } : {}),
      ...(end.right !== undefined ? { end: end.right } : {}),
    }),
  )
}

/** The intersection of two spans (an open side takes the other's). */
export const intersect = (self: Span, that: Span): Span => {
  const start =
    self.start === undefined
      ? that.start
      : that.start === undefined
        ? self.start
        : LocalDate.max(self.start, that.start)
  const end = self.end === undefined ? that.end : that.end === undefined ? self.end : LocalDate.min(self.end, that.end)
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) }
}

/** ISO 8601 week number of the week starting on the Monday `monday`. */
const isoWeek = (monday: LocalDate.LocalDate): number => {
  const thursday = plusDays(monday, 3) ?? monday
  const january1 = dateOf(LocalDate.year(thursday), 1, 1) ?? thursday
  return Math.floor(LocalDate.daysBetween(january1, thursday) / 7) + 1
}

/**
 * How hledger labels a column: `2024`, `2024Q1`, `2024-03`, `2024-03-05`, `2024-01-01W01` for a
 * calendar year, quarter, month, day or week, otherwise `START..LAST` (the last day included).
 */
export const label = (start: LocalDate.LocalDate, end: LocalDate.LocalDate): string => {
  const is = (unit: Unit) => startOfUnit(unit, start) === start && addUnits(unit, 1, start) === end
  if (is('year')) return start.slice(0, 4)
  if (is('quarter')) return `${start.slice(0, 4)}Q${LocalDate.quarter(start)}`
  if (is('month')) return start.slice(0, 7)
  if (is('day')) return start
  if (is('week')) return `${start}W${String(isoWeek(start)).padStart(2, '0')}`
  return `${start}..${plusDays(end, -1) ?? end}`
}

/** The first day of the interval's period holding `date`: the unit's start, or the anchor's day on or before it. */
export const periodStart = (interval: ReportInterval, date: LocalDate.LocalDate): LocalDate.LocalDate | undefined => {
  // A public function: arguments of another kind give no start rather than a TypeError.
  if (typeof interval !== 'object' || interval === null || !UNITS.has(interval.unit)) return undefined
  if (typeof date !== 'string' || E.isLeft(LocalDate.fromString(date))) return undefined
  if (interval.anchor === undefined) return startOfUnit(interval.unit, date)
  return typeof interval.anchor === 'object' && interval.anchor !== null
    ? IntervalAnchor.onOrBefore(interval.anchor, date)
    : undefined
}
const UNITS: ReadonlySet<unknown> = new Set(['day', 'week', 'month', 'quarter', 'year'])

/** Columns allowed in one report (a daily report over 30 years). */
export const columnsMax = 11_000

/**
 * Cuts `[start, end)` into report columns, as hledger does: the start moves back to the
 * interval's natural boundary (Monday for weeks) and the end forward, so every column is whole.
 * Without an interval, one column. An empty span has no columns; more than `columnsMax` is an
 * error.
 *
 * @example
 * ```ts
 * const columns = PeriodExpression.columns({ unit: 'quarter', count: 1 }, LocalDate.unsafeFromString('2024-05-05'),
 * LocalDate.unsafeFromString('2024-06-01'))
 * // columns → E.right([{ start: '2024-04-01', end: '2024-07-01', label: '2024Q2' }])
 * ```
 */
export const columns = (
  interval: ReportInterval | undefined,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
): E.Either<PeriodExpressionError, ReadonlyArray<Column>> => {
  if (end <= start) return E.right([])
  if (interval === undefined) return E.right([{ start, end, label: label(start, end) }])
  const result: Column[] = []
  const { anchor } = interval
  const first = periodStart(interval, start)
  if (first === undefined) return fail(`${start}..${end}`, 'the first period would start before 0001-01-01')
  const boundary = anchor !== undefined ? IntervalAnchor.sequence(anchor, start) : undefined
  let cursor: LocalDate.LocalDate = first
  while (cursor < end) {
    if (result.length >= columnsMax)
      return fail(
        `${start}..${end}`,
        `more than ${columnsMax} report columns; choose a longer interval or a shorter period`,
      )
    const next: LocalDate.LocalDate | undefined =
      boundary !== undefined ? boundary(result.length + 1) : addUnits(interval.unit, interval.count, cursor)
    if (next === undefined) return fail(`${start}..${end}`, 'the last column would end after 9999-12-31')
    result.push({ start: cursor, end: next, label: label(cursor, next) })
    cursor = next
  }
  return E.right(result)
}

/** Renders an error as one line. */
export const renderError = (error: PeriodExpressionError): string =>
  `${JSON.stringify(error.text)} is not a period expression: ${error.reason}`
