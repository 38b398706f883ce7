/**
 * Half-open date ranges `[start, endExclusive)`, and the period labels a journal may write:
 * `1936`, `1936-Q2`, `1936-03`, `1936-12-31`, `1936-01-01..1937-01-01`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as LocalDate from './LocalDate.js'
import { notText } from './Untyped.js'

/** A half-open date range `[start, endExclusive)` with the label it was written as (`1936`, `1936-Q2`, `1936-03`). */
export interface Period {
  readonly start: LocalDate.LocalDate
  readonly endExclusive: LocalDate.LocalDate
  /** How it was written, or a canonical label. */
  readonly label: string
}

/**
 * Why a text or set of parts is not a period: an unknown label, a quarter or month out of range, or a
 * range that does not end after it starts.
 */
export type PeriodError = { readonly _tag: 'InvalidPeriod'; readonly text: string }

const invalid = (text: string): E.Either<PeriodError, never> => E.left({ _tag: 'InvalidPeriod', text })

const unsafe = (result: E.Either<unknown, LocalDate.LocalDate>): LocalDate.LocalDate | undefined =>
  E.isRight(result) ? result.right : undefined

const make = (
  start: LocalDate.LocalDate | undefined,
  endExclusive: LocalDate.LocalDate | undefined,
  label: string,
  text: string,
) =>
  start !== undefined && endExclusive !== undefined && start < endExclusive
    ? E.right<PeriodError, Period>({ start, endExclusive, label })
    : invalid(text)

/**
 * The calendar year as a period (`1936` covers 1936-01-01 up to 1937-01-01), or an error for a year outside 1–9998.
 */
export const ofYear = (year: number): E.Either<PeriodError, Period> =>
  typeof year !== 'number'
    ? invalid(notText(year))
    : make(
        unsafe(LocalDate.fromParts(year, 1, 1)),
        unsafe(LocalDate.fromParts(year + 1, 1, 1)),
        String(year),
        String(year),
      )

/** A calendar quarter (1–4) of a year as a period labelled `1936-Q2`, or an error for a quarter out of range. */
export const ofQuarter = (year: number, quarter: number): E.Either<PeriodError, Period> => {
  if (typeof year !== 'number' || typeof quarter !== 'number')
    return invalid(notText(typeof year !== 'number' ? year : quarter))
  const text = `${year}-Q${quarter}`
  if (quarter < 1 || quarter > 4) return invalid(text)
  const start = unsafe(LocalDate.fromParts(year, (quarter - 1) * 3 + 1, 1))
  const end =
    quarter === 4 ? unsafe(LocalDate.fromParts(year + 1, 1, 1)) : unsafe(LocalDate.fromParts(year, quarter * 3 + 1, 1))
  return make(start, end, text, text)
}

/** A calendar month (1–12) of a year as a period labelled `1936-03`, or an error for a month out of range. */
export const ofMonth = (year: number, month: number): E.Either<PeriodError, Period> => {
  if (typeof year !== 'number' || typeof month !== 'number')
    return invalid(notText(typeof year !== 'number' ? year : month))
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
  if (month < 1 || month > 12) return invalid(text)
  const start = unsafe(LocalDate.fromParts(year, month, 1))
  const end =
    month === 12 ? unsafe(LocalDate.fromParts(year + 1, 1, 1)) : unsafe(LocalDate.fromParts(year, month + 1, 1))
  return make(start, end, text, text)
}

/** A single day as a period labelled with the date, or an error for 9999-12-31 (which has no following day). */
export const ofDay = (date: LocalDate.LocalDate): E.Either<PeriodError, Period> =>
  make(date, unsafe(LocalDate.addDays(1)(date)), date, date)

/**
 * The period that contains `date`, at the given granularity, or undefined in the last year, quarter or
 * month of the calendar (year 9999), which has no end inside it.
 */
export const within = (granularity: 'year' | 'quarter' | 'month', date: LocalDate.LocalDate): Period | undefined => {
  const result =
    granularity === 'year'
      ? ofYear(LocalDate.year(date))
      : granularity === 'quarter'
        ? ofQuarter(LocalDate.year(date), LocalDate.quarter(date))
        : ofMonth(LocalDate.year(date), LocalDate.month(date))
  return E.isRight(result) ? result.right : undefined
}

/**
 * The period that contains `date`, at the given granularity, like `within`, but throws in the last one of the calendar
 * (year 9999, which has no end inside it). For dates known to be earlier (`reconcile` refuses an as-of date in 9999).
 */
export const unsafeContaining = (granularity: 'year' | 'quarter' | 'month', date: LocalDate.LocalDate): Period => {
  const result = within(granularity, date)
  if (result === undefined) throw new Error(`no ${granularity} period for ${date}`)
  return result
}

const isDigits = (text: string): boolean =>
  text.length > 0 && [...text].every((character) => character >= '0' && character <= '9')

/** Parses a period label. */
export const fromString = (text: string): E.Either<PeriodError, Period> => {
  if (typeof text !== 'string') return invalid(notText(text))
  const range = text.indexOf('..')
  if (range > 0) {
    const start = LocalDate.fromString(text.slice(0, range))
    const end = LocalDate.fromString(text.slice(range + 2))
    if (E.isLeft(start) || E.isLeft(end)) return invalid(text)
    return make(start.right, end.right, text, text)
  }
  if (text.length === 4 && isDigits(text)) return ofYear(Number(text))
  if (text.length === 7 && isDigits(text.slice(0, 4)) && text[4] === '-') {
    const rest = text.slice(5)
    if (rest[0] === 'Q' && isDigits(rest.slice(1))) return ofQuarter(Number(text.slice(0, 4)), Number(rest.slice(1)))
    if (isDigits(rest)) return ofMonth(Number(text.slice(0, 4)), Number(rest))
    return invalid(text)
  }
  const date = LocalDate.fromString(text)
  if (E.isRight(date)) return ofDay(date.right)
  return invalid(text)
}

/** True when the date lies in the period: on or after `start` and before `endExclusive`. */
export const contains = (self: Period, date: LocalDate.LocalDate): boolean =>
  date >= self.start && date < self.endExclusive

/**
 * The last day inside the period: the day before `endExclusive`. Every period the constructors make has one; a
 * malformed value built by hand without one (an end that is not a date, or the first day of the calendar) gives its
 * `start`.
 */
export const lastDay = (self: Period): LocalDate.LocalDate => {
  const result = LocalDate.addDays(-1)(self.endExclusive)
  return E.isRight(result) ? result.right : self.start
}

/** True when the two periods share at least one day. */
export const overlaps = (self: Period, that: Period): boolean =>
  self.start < that.endExclusive && that.start < self.endExclusive

/**
 * Consecutive periods of one granularity covering `[start, endExclusive)`. In year 9999, where the
 * calendar period has no end, the last one is the rest of the range, labelled `start..end`.
 */
export const split = (
  granularity: 'year' | 'quarter' | 'month',
  start: LocalDate.LocalDate,
  endExclusive: LocalDate.LocalDate,
): ReadonlyArray<Period> => {
  const periods: Period[] = []
  let cursor = start
  while (cursor < endExclusive) {
    const period = within(granularity, cursor)
    if (period === undefined) {
      periods.push({ start: cursor, endExclusive, label: `${cursor}..${endExclusive}` })
      break
    }
    periods.push(period)
    cursor = period.endExclusive
  }
  return periods
}
