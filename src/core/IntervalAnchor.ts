/**
 * hledger 1.25's report intervals with a custom start day: `every Tue` (weekly from a weekday),
 * `every 3rd day of week`, `every 15th day [of month]` (monthly from a day of the month), `every
 * 2nd Thursday [of month]` (monthly from the 1st to 4th weekday of the month), `every 11/05`, `every Nov 5th`
 * (yearly from a day of the year). Each is a sequence of boundaries; a report's first period starts
 * on the last boundary on or before its start.
 *
 * The boundaries follow hledger 1.25 where its calendar arithmetic is peculiar: a day of the month
 * past the month's end is the month's last day (`every 31st day` starts on 2024-02-29); the Nth
 * weekday counts on from the month's first such weekday, so a missing 5th Monday is the next
 * month's first (2023-11's is 2023-12-04); a day of the year counts on from the month's first day
 * (`every 02/29` in 2023 is 2023-03-01), and later boundaries are a year apart.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as LocalDate from './LocalDate.js'

/** Where the periods of a custom-start interval begin. Weekdays: 1 is Monday, 7 Sunday. */
export type Anchor =
  | { readonly _tag: 'weekday'; readonly weekday: number }
  | { readonly _tag: 'dayOfMonth'; readonly day: number }
  | { readonly _tag: 'weekdayOfMonth'; readonly nth: number; readonly weekday: number }
  | { readonly _tag: 'dayOfYear'; readonly month: number; readonly day: number }

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const

/** 1 (Monday) … 7 (Sunday), or 0 for a word that names no weekday. */
const weekdayNumber = (word: string): number => {
  const short = WEEKDAYS.indexOf(word as (typeof WEEKDAYS)[number])
  return short >= 0 ? short + 1 : WEEKDAY_NAMES.indexOf(word as (typeof WEEKDAY_NAMES)[number]) + 1
}
/** 1 (January) … 12 for a month's name or its three letters (lower case), or 0. */
export const monthNumber = (word: string): number => {
  const short = MONTHS.indexOf(word as (typeof MONTHS)[number])
  return short >= 0 ? short + 1 : MONTH_NAMES.indexOf(word as (typeof MONTH_NAMES)[number]) + 1
}

/** The days of a month in a leap year: a day of the year past it (`02/30`, `04/31`) is refused, as hledger does. */
const daysInLeapMonth = (month: number): number => LocalDate.daysInMonth(2000, month)

/** `1st`, `2nd`, `3rd`, `4th`, … `31st` → the number; anything else → 0. */
const ordinal = (word: string): number => {
  const match = /^(\d{1,2})(st|nd|rd|th)$/u.exec(word)
  if (match === null) return 0
  const value = Number(match[1])
  const suffix = match[2]
  const expected = value % 100 >= 11 && value % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th')
  return suffix === expected ? value : 0
}

/**
 * Why the words after `every` name an interval hledger reads but this does not build: a 5th weekday
 * of the month, which some months lack (hledger 1.25 steps such sequences differently in reports and
 * in forecasts, and neither is reproduced here). Undefined for anything else.
 */
export const refusal = (text: string): string | undefined => {
  const [first = '', second = ''] = text.split(' ')
  return ordinal(first) === 5 && weekdayNumber(second) > 0
    ? `a 5th ${second} of the month is not built (some months have none); the 1st to 4th are`
    : undefined
}

/**
 * Reads the words after `every` as a custom-start interval (lower case, single spaces), with the
 * rest of the text (`from …`, `in …`); undefined when they are not one.
 */
export const read = (text: string): { readonly anchor: Anchor; readonly rest: string } | undefined => {
  const words = text.split(' ')
  const [first = '', second = '', third = '', fourth = ''] = words
  const rest = (count: number) => words.slice(count).join(' ')
  const weekday = weekdayNumber(first)
  if (weekday > 0) return { anchor: { _tag: 'weekday', weekday }, rest: rest(1) }
  const nth = ordinal(first)
  if (nth > 0) {
    if (second === 'day' && third === 'of' && fourth === 'week')
      return nth <= 7 ? { anchor: { _tag: 'weekday', weekday: nth }, rest: rest(4) } : undefined
    // `of …` after the day names its unit: `of week` (above) or `of month`, nothing else.
    if (third === 'of' && fourth !== 'month') return undefined
    const ofMonth = third === 'of'
    if (second === 'day') {
      if (nth > 31) return undefined
      return { anchor: { _tag: 'dayOfMonth', day: nth }, rest: rest(ofMonth ? 4 : 2) }
    }
    const named = weekdayNumber(second)
    if (named > 0 && nth <= 4) {
      return { anchor: { _tag: 'weekdayOfMonth', nth, weekday: named }, rest: rest(ofMonth ? 4 : 2) }
    }
    const month = monthNumber(second)
    if (month > 0 && nth <= daysInLeapMonth(month))
      return { anchor: { _tag: 'dayOfYear', month, day: nth }, rest: rest(2) }
    return undefined
  }
  const month = monthNumber(first)
  const dayOfNamed = ordinal(second)
  if (month > 0 && dayOfNamed > 0 && dayOfNamed <= daysInLeapMonth(month))
    return { anchor: { _tag: 'dayOfYear', month, day: dayOfNamed }, rest: rest(2) }
  const numeric = /^(\d{1,2})[/-](\d{1,2})$/u.exec(first)
  if (numeric !== null) {
    const monthOf = Number(numeric[1])
    const day = Number(numeric[2])
    if (monthOf >= 1 && monthOf <= 12 && day >= 1 && day <= daysInLeapMonth(monthOf))
      return { anchor: { _tag: 'dayOfYear', month: monthOf, day }, rest: rest(1) }
  }
  return undefined
}

const fromDays = (days: number): LocalDate.LocalDate | undefined => {
  const result = LocalDate.fromDayNumber(days)
  return E.isRight(result) ? result.right : undefined
}
const firstOfMonth = (index: number): number => {
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const date = LocalDate.fromParts(year, month, 1)
  return E.isRight(date) ? LocalDate.toDayNumber(date.right) : Number.NaN
}
const monthIndex = (date: LocalDate.LocalDate): number => LocalDate.year(date) * 12 + LocalDate.month(date) - 1

/** The boundary of a monthly anchor in month `index` (year × 12 + month − 1), as a day number. */
const monthBoundary = (anchor: Anchor, index: number): number => {
  const first = firstOfMonth(index)
  if (anchor._tag === 'dayOfMonth') {
    const year = Math.floor(index / 12)
    const month = (index % 12) + 1
    return first + Math.min(anchor.day, LocalDate.daysInMonth(year, month)) - 1
  }
  if (anchor._tag === 'weekdayOfMonth') {
    // Day numbers count from a Monday (0001-01-01), so the weekday of day n is n mod 7 (0 = Monday).
    const firstWeekday = first + ((anchor.weekday - 1 - (first % 7) + 7) % 7)
    return firstWeekday + 7 * (anchor.nth - 1)
  }
  return Number.NaN
}

/** The boundary of a yearly anchor in `year`: the month's first day plus the day less one. */
const yearBoundary = (anchor: { readonly month: number; readonly day: number }, year: number): number =>
  firstOfMonth(year * 12 + anchor.month - 1) + anchor.day - 1

/**
 * The boundary a sequence starting from `date` begins with: the last one on or before it, except a
 * Nth weekday of a month that spills into the next (see above); undefined before the calendar.
 */
export const onOrBefore = (anchor: Anchor, date: LocalDate.LocalDate): LocalDate.LocalDate | undefined => {
  const day = LocalDate.toDayNumber(date)
  switch (anchor._tag) {
    case 'weekday':
      return fromDays(day - (((day % 7) - (anchor.weekday - 1) + 7) % 7))
    // The month's (or year's) boundary if it is not after the date, else the previous one's, which
    // hledger takes even when a missing Nth weekday puts it after the date too (2024-11-01 → 11-04).
    case 'dayOfMonth':
    case 'weekdayOfMonth': {
      const index = monthIndex(date)
      const boundary =
        monthBoundary(anchor, index) <= day ? monthBoundary(anchor, index) : monthBoundary(anchor, index - 1)
      return fromDays(boundary)
    }
    case 'dayOfYear': {
      const year = LocalDate.year(date)
      return fromDays(yearBoundary(anchor, year) <= day ? yearBoundary(anchor, year) : yearBoundary(anchor, year - 1))
    }
  }
}

/**
 * The boundaries of a period sequence that starts at the last boundary on or before `date`: the
 * k-th (k = 0 is that first one), undefined past the calendar. As hledger 1.25 steps them: weeks 7
 * days apart; a day of the month as the first boundary's day k months on, clipped to each month's
 * end (from 2023-11-30 the next are 12-30, 01-30, 02-29, 03-30: the sequence depends on where it
 * starts); the Nth weekday found again in each month; a day of the year k years on, clipped.
 */
export const sequence = (
  anchor: Anchor,
  date: LocalDate.LocalDate,
): ((k: number) => LocalDate.LocalDate | undefined) => {
  const first = onOrBefore(anchor, date)
  if (first === undefined) return () => undefined
  const firstDay = LocalDate.toDayNumber(first)
  switch (anchor._tag) {
    case 'weekday':
      return (k) => fromDays(firstDay + 7 * k)
    case 'dayOfMonth':
    case 'dayOfYear': {
      const months = anchor._tag === 'dayOfMonth' ? 1 : 12
      const base = monthIndex(first)
      const day = LocalDate.day(first)
      return (k) => {
        const index = base + months * k
        const year = Math.floor(index / 12)
        const month = (index % 12) + 1
        if (year > 9999) return undefined
        const result = LocalDate.fromParts(year, month, Math.min(day, LocalDate.daysInMonth(year, month)))
        return E.isRight(result) ? result.right : undefined
      }
    }
    case 'weekdayOfMonth': {
      // The month whose Nth weekday is the first boundary (it may lie in the next month).
      let base = monthIndex(first) - 1
      while (monthBoundary(anchor, base) !== firstDay) base++
      return (k) => fromDays(monthBoundary(anchor, base + k))
    }
  }
}
