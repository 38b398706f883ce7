/**
 * Calendar dates without a time zone, in the proleptic Gregorian calendar.
 *
 * A `LocalDate` is a branded `YYYY-MM-DD` string, so lexical order is date order and the value
 * prints as itself. No JavaScript `Date` is used: day arithmetic goes through a day number
 * (days since 0001-01-01), which is exact for years 1–9999.
 */
import * as E from 'fp-ts/lib/Either.js'
import { yearMax, yearMin } from './limits.js'
import { notText } from './Untyped.js'

declare const LocalDateBrand: unique symbol
/**
 * A calendar date without a time zone, a branded `YYYY-MM-DD` string (so string order is date order);
 * make one with `fromString` or `fromParts`.
 */
export type LocalDate = string & { readonly [LocalDateBrand]: 'LocalDate' }

/**
 * Why a text or day number is not a date: bad syntax, a month outside 1–12, a day outside its month,
 * or a year outside 1–9999.
 */
export type LocalDateError = {
  readonly _tag: 'InvalidDate'
  readonly text: string
  readonly reason: 'syntax' | 'month' | 'day' | 'year'
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** True for Gregorian leap years: divisible by 4, except centuries not divisible by 400. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** The number of days in a month (1–12) of a year, 29 for February in leap years; 0 for a month outside 1–12. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : (monthDays[month - 1] ?? 0)

/** Builds a date from its parts, checking the calendar. */
export const fromParts = (year: number, month: number, day: number): E.Either<LocalDateError, LocalDate> => {
  if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number')
    return E.left({
      _tag: 'InvalidDate',
      text: notText([year, month, day].find((part) => typeof part !== 'number')),
      reason: 'syntax',
    })
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  if (!Number.isInteger(year) || year < yearMin || year > yearMax)
    return E.left({ _tag: 'InvalidDate', text, reason: 'year' })
  if (!Number.isInteger(month) || month < 1 || month > 12) return E.left({ _tag: 'InvalidDate', text, reason: 'month' })
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month))
    return E.left({ _tag: 'InvalidDate', text, reason: 'day' })
  return E.right(text as LocalDate)
}

const digitsAt = (text: string, start: number, end: number): number => {
  let value = 0
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code < 48 || code > 57) return -1
    value = value * 10 + (code - 48)
  }
  return end > start ? value : -1
}

/** Parses a strict `YYYY-MM-DD`. */
export const fromString = (text: string): E.Either<LocalDateError, LocalDate> => {
  if (typeof text !== 'string') return E.left({ _tag: 'InvalidDate', text: notText(text), reason: 'syntax' })
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-')
    return E.left({ _tag: 'InvalidDate', text, reason: 'syntax' })
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 7)
  const day = digitsAt(text, 8, 10)
  if (year < 0 || month < 0 || day < 0) return E.left({ _tag: 'InvalidDate', text, reason: 'syntax' })
  return fromParts(year, month, day)
}

/** For fixtures and tests only: throws on a bad date. */
export const unsafeFromString = (text: string): LocalDate => {
  const result = fromString(text)
  if (E.isLeft(result)) throw new Error(`not a date: ${text}`)
  return result.right
}

/** The year of a date (1–9999). */
export const year = (self: LocalDate): number => digitsAt(self, 0, 4)
/** The month of a date (1–12). */
export const month = (self: LocalDate): number => digitsAt(self, 5, 7)
/** The day of the month of a date (1–31). */
export const day = (self: LocalDate): number => digitsAt(self, 8, 10)

/** Days since 0001-01-01 (which is day 0). */
export const toDayNumber = (self: LocalDate): number => {
  const y = year(self) - 1
  const m = month(self)
  let days = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)
  for (let index = 1; index < m; index++) days += daysInMonth(y + 1, index)
  return days + day(self) - 1
}

/** The inverse of `toDayNumber`. */
export const fromDayNumber = (dayNumber: number): E.Either<LocalDateError, LocalDate> => {
  if (!Number.isInteger(dayNumber) || dayNumber < 0)
    return E.left({
      _tag: 'InvalidDate',
      text: typeof dayNumber === 'number' ? String(dayNumber) : notText(dayNumber),
      reason: 'year',
    })
  // 146097 days in 400 years.
  let remaining = dayNumber
  let y = 1 + 400 * Math.floor(remaining / 146_097)
  remaining %= 146_097
  for (;;) {
    const length = isLeapYear(y) ? 366 : 365
    if (remaining < length) break
    remaining -= length
    y++
  }
  let m = 1
  for (;;) {
    const length = daysInMonth(y, m)
    if (remaining < length) break
    remaining -= length
    m++
  }
  return fromParts(y, m, remaining + 1)
}

/** `self` moved by `days` (may be negative). */
export const addDays =
  (days: number) =>
  (self: LocalDate): E.Either<LocalDateError, LocalDate> =>
    fromDayNumber(toDayNumber(self) + days)

/** Whole days from `start` to `end` (negative if `end` is earlier). */
export const daysBetween = (start: LocalDate, end: LocalDate): number => toDayNumber(end) - toDayNumber(start)

/** Orders two dates: -1 when `self` is earlier, 0 when equal, 1 when later. */
export const compare = (self: LocalDate, that: LocalDate): -1 | 0 | 1 => (self < that ? -1 : self > that ? 1 : 0)

/** The earlier of two dates. */
export const min = (self: LocalDate, that: LocalDate): LocalDate => (self <= that ? self : that)
/** The later of two dates. */
export const max = (self: LocalDate, that: LocalDate): LocalDate => (self >= that ? self : that)

/** 1–4. */
export const quarter = (self: LocalDate): number => Math.floor((month(self) - 1) / 3) + 1
