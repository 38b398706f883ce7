/**
 * Typed rule parameters. Each parameter is an io-ts codec that decodes a journal value (a
 * `StatementValue` from `param RULE.NAME VALUE`) or a command-line string (`--param
 * rule.name=value`), and encodes to a string (for JSON output and echoing). A rule's parameter
 * record is `t.type` of these, so it has one codec too.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { LocalDate, Quantity, Rate } from '../core/index.js'
import type { StatementValue } from '../domain/Statements.js'

/** A parameter codec: decodes `StatementValue | string`, encodes to a string. */
export type Param<A> = t.Type<A, string, unknown>

const isStatementValue = (u: unknown): u is StatementValue =>
  typeof u === 'object' && u !== null && typeof (u as { readonly _tag?: unknown })._tag === 'string'

const make = <A>(
  name: string,
  is: (u: unknown) => u is A,
  parse: (u: unknown) => A | undefined,
  encode: (a: A) => string,
): Param<A> =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, context) => {
      const value = parse(u)
      return value === undefined ? t.failure(u, context, `expected ${name}`) : t.success(value)
    },
    encode,
  )

const parseDecimal = (text: string): Quantity.Quantity | undefined => {
  const result = Quantity.fromString(text.trim().replace(/,/gu, ''))
  return E.isRight(result) ? result.right : undefined
}

/** A percentage in percent points (`10` means 10 %): from a journal `10%` or number, or the strings `"10%"`, `"10"`. */
export const percent: Param<Rate.PercentPoints> = make(
  'a percentage',
  (u): u is Rate.PercentPoints => Quantity.isQuantity(u),
  (u) => {
    if (typeof u === 'string') {
      const value = parseDecimal(u.trim().replace(/\s*%$/u, ''))
      return value === undefined ? undefined : Rate.percentPoints(value)
    }
    if (!isStatementValue(u)) return undefined
    if (u._tag === 'Percent') return u.percent
    if (u._tag === 'Number') return Rate.percentPoints(u.value)
    return undefined
  },
  (a) => `${Quantity.toString(a)}%`,
)

/** A decimal number (ratios such as a coverage of 1.0): from a journal number or a string. */
export const decimal: Param<Quantity.Quantity> = make(
  'a decimal number',
  Quantity.isQuantity,
  (u) => {
    if (typeof u === 'string') return parseDecimal(u)
    if (isStatementValue(u) && u._tag === 'Number') return u.value
    return undefined
  },
  Quantity.toString,
)

/**
 * A money amount in the books' currency: a journal amount (its commodity is not checked here), a number, or
 * `"500000.00"` / `"500000.00 RUB"`.
 */
export const money: Param<Quantity.Quantity> = make(
  'a money amount',
  Quantity.isQuantity,
  (u) => {
    if (typeof u === 'string') return parseDecimal(u.trim().replace(/\s+[^\d\s.,-][^\s]*$/u, ''))
    if (!isStatementValue(u)) return undefined
    if (u._tag === 'Amount') return u.amount.quantity
    if (u._tag === 'Number') return u.value
    return undefined
  },
  Quantity.toString,
)

/** A whole number ≥ 0 (days, a sample size). */
export const count: Param<number> = make(
  'a whole number',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u) => {
    const quantity =
      typeof u === 'string' ? parseDecimal(u) : isStatementValue(u) && u._tag === 'Number' ? u.value : undefined
    if (quantity === undefined || Quantity.sign(quantity) < 0 || Quantity.scaleOf(quantity) > 0) return undefined
    const value = Number(Quantity.toString(quantity))
    return Number.isSafeInteger(value) ? value : undefined
  },
  String,
)

/** A date `YYYY-MM-DD`. */
export const date: Param<LocalDate.LocalDate> = make(
  'a date (YYYY-MM-DD)',
  (u): u is LocalDate.LocalDate => typeof u === 'string' && E.isRight(LocalDate.fromString(u)),
  (u) => {
    const text =
      typeof u === 'string'
        ? u.trim()
        : isStatementValue(u) && u._tag === 'Date'
          ? u.date
          : isStatementValue(u) && u._tag === 'Word'
            ? u.word
            : undefined
    if (text === undefined) return undefined
    const result = LocalDate.fromString(text)
    return E.isRight(result) ? result.right : undefined
  },
  String,
)

/** A date, or `auto` (the empty string) for "from the books' dated parameters". */
export const optionalDate: Param<LocalDate.LocalDate | ''> = make(
  'a date (YYYY-MM-DD) or auto',
  (u): u is LocalDate.LocalDate | '' => u === '' || (typeof u === 'string' && E.isRight(LocalDate.fromString(u))),
  (u) => {
    const text =
      typeof u === 'string'
        ? u.trim()
        : isStatementValue(u) && u._tag === 'Date'
          ? u.date
          : isStatementValue(u) && u._tag === 'Word'
            ? u.word
            : undefined
    if (text === undefined) return undefined
    if (text === 'auto' || text === '') return ''
    const result = LocalDate.fromString(text)
    return E.isRight(result) ? result.right : undefined
  },
  (a) => (a === '' ? 'auto' : a),
)

/** A word (free text, e.g. an approving authority); the empty string means "not set". */
export const word: Param<string> = make(
  'a word',
  (u): u is string => typeof u === 'string',
  (u) => (typeof u === 'string' ? u.trim() : isStatementValue(u) && u._tag === 'Word' ? u.word : undefined),
  (a) => a,
)

/** A comma-separated list of words (`bonus,rework,receivables`). */
export const words: Param<ReadonlyArray<string>> = make(
  'a comma-separated list',
  (u): u is ReadonlyArray<string> => Array.isArray(u) && u.every((item) => typeof item === 'string'),
  (u) => {
    const text = typeof u === 'string' ? u : isStatementValue(u) && u._tag === 'Word' ? u.word : undefined
    if (text === undefined) return undefined
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0)
  },
  (a) => a.join(','),
)

/** `true`/`false` (also `yes`/`no`). */
export const boolean: Param<boolean> = make(
  'true or false',
  (u): u is boolean => typeof u === 'boolean',
  (u) => {
    const text =
      typeof u === 'string'
        ? u.trim().toLowerCase()
        : isStatementValue(u) && u._tag === 'Word'
          ? u.word.toLowerCase()
          : undefined
    return text === 'true' || text === 'yes' ? true : text === 'false' || text === 'no' ? false : undefined
  },
  (a) => (a ? 'true' : 'false'),
)
