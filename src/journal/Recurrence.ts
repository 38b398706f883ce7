/**
 * hledger's period expressions as periodic transaction rules write them (`~ monthly from 2024-01
 * to 2024-06`), and the dates such a rule falls on within a forecast window. The grammar is
 * hledger 1.25's, from its manual: an optional interval (`daily`, `weekly`, `monthly`,
 * `quarterly`, `yearly`, `biweekly`, `fortnightly`, `bimonthly`, `every day|week|…`,
 * `every N days|weeks|months|quarters|years`), then optional bounds (`from DATE`, `to DATE`,
 * `DATE..DATE`, `in PERIOD` or a bare PERIOD). A rule without an interval occurs once, on the
 * first day of its period. The custom-day intervals (`every 2nd Monday`, `every 15th day of
 * month`, `every 11/05`) fall on their anchor's days (core/IntervalAnchor.ts). Relative dates are
 * refused by name rather than misread.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as IntervalAnchor from '../core/IntervalAnchor.js'
import * as LocalDate from '../core/LocalDate.js'
import type { RecurrenceSyntax, RecurrenceUnit } from './Syntax.js'

/**
 * Why a period expression could not be used: bad syntax, a start off its interval's boundary, or a form not supported.
 */
export type RecurrenceError =
  | { readonly _tag: 'Syntax'; readonly reason: string }
  | { readonly _tag: 'NotOnBoundary'; readonly date: string; readonly unit: RecurrenceUnit }
  | { readonly _tag: 'NotSupported'; readonly form: string }

// Maps, not objects: a word like `constructor` must not find a prototype member.
const simpleIntervals: ReadonlyMap<string, readonly [RecurrenceUnit, number]> = new Map(
  Object.entries({
    daily: ['day', 1],
    weekly: ['week', 1],
    monthly: ['month', 1],
    quarterly: ['quarter', 1],
    yearly: ['year', 1],
    biweekly: ['week', 2],
    fortnightly: ['week', 2],
    bimonthly: ['month', 2],
  } as Record<string, readonly [RecurrenceUnit, number]>),
)

const unitWords: ReadonlyMap<string, RecurrenceUnit> = new Map(
  Object.entries({
    day: 'day',
    days: 'day',
    week: 'week',
    weeks: 'week',
    month: 'month',
    months: 'month',
    quarter: 'quarter',
    quarters: 'quarter',
    year: 'year',
    years: 'year',
  } as Record<string, RecurrenceUnit>),
)

/** hledger's relative and partial date words (smart dates): `NotSupported` here, named. */
const relativeWords = new RegExp(
  '^(?:today|yesterday|tomorrow|last|this|next|ago|ahead|days?|weeks?|months?|quarters?|years?|q[1-4]|' +
    'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|' +
    'nov(?:ember)?|dec(?:ember)?)$',
  'u',
)

const pad = (value: number, width: number): string => String(value).padStart(width, '0')
const show = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`

/**
 * A date or period token (`2024-01-15`, `2024/01`, `2024.01.15`, `2024`, `2024Q1`, `202401`) → [start, end exclusive].
 */
const periodOf = (token: string): readonly [string, string] | undefined => {
  const valid = (year: number, month: number, day: number): boolean =>
    month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.daysInMonth(year, month) && year >= 1
  const nextMonth = (year: number, month: number): string =>
    month === 12 ? show(year + 1, 1, 1) : show(year, month + 1, 1)
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(token) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(token)
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    if (!valid(year, month, day)) return undefined
    const start = show(year, month, day)
    return [start, fromDayNumber(dayNumber(start) + 1) ?? start]
  }
  match = /^(\d{4})[-/.](\d{1,2})$/u.exec(token) ?? /^(\d{4})(\d{2})$/u.exec(token)
  if (match !== null) {
    const [year, month] = [Number(match[1]), Number(match[2])]
    if (!valid(year, month, 1)) return undefined
    return [show(year, month, 1), nextMonth(year, month)]
  }
  match = /^(\d{4})-?[qQ]([1-4])$/u.exec(token)
  if (match !== null) {
    const [year, quarter] = [Number(match[1]), Number(match[2])]
    const month = (quarter - 1) * 3 + 1
    return [show(year, month, 1), quarter === 4 ? show(year + 1, 1, 1) : show(year, month + 3, 1)]
  }
  match = /^(\d{4})$/u.exec(token)
  if (match !== null) {
    const year = Number(match[1])
    return year >= 1 ? [show(year, 1, 1), show(year + 1, 1, 1)] : undefined
  }
  return undefined
}

/**
 * Reads a period expression (the text after `~`, up to the two spaces before the description):
 * `monthly from 2024-01 to 2024-06` is every month from 2024-01-01, before 2024-06-01;
 * `every 2nd Monday` is `NotSupported`, named (tests/journal/forecast.test.ts has the cases).
 */
export const parseRecurrence = (text: string): E.Either<RecurrenceError, RecurrenceSyntax> => {
  const parsed = parseExpression(text)
  if (E.isLeft(parsed)) return parsed
  const { unit, start } = parsed.right
  if (unit === 'once' && start === null) return E.left({ _tag: 'Syntax', reason: 'expected an interval or a date' })
  // A custom start day needs no boundary: the rule falls on the anchor's days from its start (as hledger's).
  const anchored = parsed.right.anchor !== undefined
  if (start !== null && unit !== 'once' && unit !== 'day' && !anchored && alignDown(start, unit) !== start)
    return E.left({ _tag: 'NotOnBoundary', date: start, unit })
  return parsed
}

const parseExpression = (text: string): E.Either<RecurrenceError, RecurrenceSyntax> => {
  // `..` and a `-` between two dates are `to`, as in hledger.
  const words = text
    .trim()
    .toLowerCase()
    .replace(/\.\./gu, ' to ')
    .split(/\s+/u)
    .filter((word) => word !== '')
  let index = 0
  let unit: RecurrenceUnit = 'once'
  let every = 1
  const word = (): string | undefined => words[index]
  const simple = simpleIntervals.get(word() ?? '')
  if (simple !== undefined) {
    ;[unit, every] = simple
    index += 1
  } else if (word() === 'every') {
    index += 1
    if (IntervalAnchor.refusal(words.slice(index).join(' ')) !== undefined)
      return E.left({ _tag: 'NotSupported', form: text.trim() })
    const anchored = IntervalAnchor.read(words.slice(index).join(' '))
    if (anchored !== undefined) {
      const rest = anchored.rest === '' ? 0 : anchored.rest.split(' ').length
      const { anchor } = anchored
      const anchoredUnit = anchor._tag === 'weekday' ? 'week' : anchor._tag === 'dayOfYear' ? 'year' : 'month'
      return bounds(text, words, words.length - rest, anchoredUnit, 1, anchor)
    }
    const count = /^[1-9]\d{0,3}$/u.test(word() ?? '') ? Number(word()) : undefined
    if (count !== undefined) index += 1
    const named = unitWords.get(word() ?? '')
    if (named === undefined) return E.left({ _tag: 'NotSupported', form: text.trim() })
    unit = named
    every = count ?? 1
    index += 1
  }
  return bounds(text, words, index, unit, every, undefined)
}

/** The bounds after the interval (`from …`, `to …`, `in …`, a period, two dates). */
const bounds = (
  text: string,
  words: ReadonlyArray<string>,
  from: number,
  unit: RecurrenceUnit,
  every: number,
  anchor: IntervalAnchor.Anchor | undefined,
): E.Either<RecurrenceError, RecurrenceSyntax> => {
  let index = from
  let start: string | null = null
  let end: string | null = null
  const period = (token: string | undefined): readonly [string, string] | RecurrenceError => {
    if (token === undefined) return { _tag: 'Syntax', reason: 'a date is missing' }
    const found = periodOf(token)
    if (found !== undefined) return found
    if (/^\d/u.test(token))
      return { _tag: 'Syntax', reason: `${JSON.stringify(token)} is not a date (YYYY-MM-DD, YYYY-MM, YYYY or YYYYQn)` }
    // A relative date is hledger's, not built here; any other word is a description after one space.
    return relativeWords.test(token)
      ? { _tag: 'NotSupported', form: text.trim() }
      : {
          _tag: 'Syntax',
          reason:
            `${JSON.stringify(token)} is not part of a period expression: ` +
            'two spaces end the period before a description',
        }
  }
  const isLeft = (value: readonly [string, string] | RecurrenceError): value is RecurrenceError => !Array.isArray(value)
  while (index < words.length) {
    const current = words[index] as string
    if (current === 'from') {
      const found = period(words[index + 1])
      if (isLeft(found)) return E.left(found)
      start = found[0]
      index += 2
    } else if (current === 'to') {
      const found = period(words[index + 1])
      if (isLeft(found)) return E.left(found)
      end = found[0]
      index += 2
    } else if (current === 'in') {
      const found = period(words[index + 1])
      if (isLeft(found)) return E.left(found)
      ;[start, end] = found
      index += 2
    } else {
      // `2024-01 2024-03` (two dates) or `2024-01-2024-03` (a dash between them) or one period.
      const dashed = /^(\d{8}|\d{6}|\d{4}(?:[-/.]\d{1,2}){0,2})-(\d{8}|\d{6}|\d{4}(?:[-/.]\d{1,2}){0,2})$/u.exec(
        current,
      )
      if (dashed !== null) {
        const from = period(dashed[1])
        const to = period(dashed[2])
        if (isLeft(from)) return E.left(from)
        if (isLeft(to)) return E.left(to)
        start = from[0]
        end = to[0]
        index += 1
        continue
      }
      const found = period(current)
      if (isLeft(found)) return E.left(found)
      if (start === null && words[index + 1] !== undefined && /^\d/u.test(words[index + 1] as string)) {
        const to = period(words[index + 1])
        if (isLeft(to)) return E.left(to)
        start = found[0]
        end = to[0]
        index += 2
        continue
      }
      if (start !== null) {
        end = found[0]
      } else {
        ;[start, end] = found
      }
      index += 1
    }
  }
  // An end at or before the start is an empty span, as in hledger: the rule falls on no date.
  return E.right({ unit, every, start, end, ...(anchor !== undefined ? { anchor } : {}) })
}

const dayNumber = (date: string): number => LocalDate.toDayNumber(date as LocalDate.LocalDate)
const fromDayNumber = (day: number): string | undefined => E.getOrElseW(() => undefined)(LocalDate.fromDayNumber(day))

/** The first day of the `unit` holding `date` (a Monday for weeks). */
const alignDown = (date: string, unit: RecurrenceUnit): string => {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  switch (unit) {
    case 'once':
    case 'day':
      return date
    case 'week': {
      const day = dayNumber(date)
      // Day number 0 is 0001-01-01, a Monday.
      const weekday = day % 7
      return fromDayNumber(day - weekday) ?? date
    }
    case 'month':
      return show(year, month, 1)
    case 'quarter':
      return show(year, Math.floor((month - 1) / 3) * 3 + 1, 1)
    case 'year':
      return show(year, 1, 1)
  }
}

/** `date` moved by `count` of `unit` (from a first day of month, quarter or year, as the rules' boundaries are). */
const step = (date: string, unit: RecurrenceUnit, count: number): string | undefined => {
  switch (unit) {
    case 'once':
      return undefined
    case 'day':
      return fromDayNumber(dayNumber(date) + count)
    case 'week':
      return fromDayNumber(dayNumber(date) + 7 * count)
    case 'month':
    case 'quarter':
    case 'year': {
      const months = unit === 'month' ? count : unit === 'quarter' ? 3 * count : 12 * count
      const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months
      const year = Math.floor(total / 12)
      return year > 9999 ? undefined : show(year, (total % 12) + 1, 1)
    }
  }
}

/**
 * The dates a rule falls on within `[windowStart, windowEnd)`, as hledger generates them: the
 * rule's own bounds, where it has none, are the window's; the start is moved back to its
 * interval's boundary (a Monday, a first of month, quarter or year), and every boundary from there,
 * `every` intervals apart, that lies inside both the rule's bounds and the window is one date.
 * A monthly rule without bounds in the window 2024-01-16..2024-04-01 falls on 2024-02-01 and
 * 2024-03-01.
 */
export const occurrences = (rule: RecurrenceSyntax, windowStart: string, windowEnd: string): ReadonlyArray<string> => {
  const start = rule.start ?? windowStart
  const end = rule.end ?? windowEnd
  const inside = (date: string): boolean => date >= windowStart && date < windowEnd && date < end
  if (rule.unit === 'once') return inside(start) ? [start] : []
  const dates: string[] = []
  if (rule.anchor !== undefined) {
    // As hledger 1.25: the rule's span (an open side taken from the window), if not empty, is cut from
    // the anchor's last day on or before its start, and every cut inside the window is a date, even one
    // before the rule's own start (`every 15th day from 2024-01-20` falls on 2024-01-15).
    if (start >= end) return []
    const boundary = IntervalAnchor.sequence(rule.anchor, start as LocalDate.LocalDate)
    for (let k = 0; k <= 100_000; k++) {
      const date = boundary(k)
      if (date === undefined || date >= end || date >= windowEnd) break
      if (inside(date)) dates.push(date)
    }
    return dates
  }
  const first = alignDown(start, rule.unit)
  for (let count = 0; ; count += rule.every) {
    const date = step(first, rule.unit, count)
    if (date === undefined || date >= end || date >= windowEnd) break
    if (inside(date) && date >= start) dates.push(date)
    if (dates.length > 100_000) break
  }
  return dates
}

/** A period expression's error, in words. */
export const renderRecurrenceError = (error: RecurrenceError): string => {
  switch (error._tag) {
    case 'Syntax':
      return error.reason
    case 'NotOnBoundary':
      return (
        `${error.date} is not the first day of a ` +
        `${error.unit}${error.unit === 'week' ? ' (a Monday)' : ''}, where this interval must start`
      )
    case 'NotSupported':
      return `the form ${JSON.stringify(error.form)}`
  }
}

/**
 * A `--forecast=PERIOD` argument (no interval): its start and end, either possibly open.
 * `2024`, `2024-01..2024-07`, `from 2024-03`, `..2024-06`, `2024-01..`, `2024-01-2024-04`.
 */
export const parseWindow = (
  text: string,
): E.Either<RecurrenceError, { readonly start: string | null; readonly end: string | null }> => {
  const trimmed = text.trim()
  const expression = trimmed.startsWith('..')
    ? `to ${trimmed.slice(2)}`
    : trimmed.endsWith('..')
      ? `from ${trimmed.slice(0, -2)}`
      : trimmed
  const parsed = parseExpression(expression)
  if (E.isLeft(parsed)) return parsed
  if (parsed.right.unit !== 'once')
    return E.left({ _tag: 'Syntax', reason: 'a forecast period has no interval (each rule has its own)' })
  return E.right({ start: parsed.right.start, end: parsed.right.end })
}
