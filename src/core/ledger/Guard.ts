/**
 * Run-time guards of the ledger's public entry points. TypeScript callers cannot pass a value of
 * the wrong kind, but JavaScript callers and values built from untyped data can: a number where a
 * quantity belongs, a missing account, a string where postings belong. `post`, `postAll` and the
 * `declare*` functions check the kind of every field first and return a located
 * `InvalidTransactionInput` / `InvalidDeclarationInput` error naming the path, instead of failing
 * later with a `TypeError`. The checks are of kinds only (cheap: one pass over the fields); the
 * contents (balance, declarations) are the ledger's own checks.
 */
import * as LocalDate from '../LocalDate.js'
import * as Quantity from '../Quantity.js'
import * as SourceSpan from '../SourceSpan.js'

/** Where the bad field is (`postings.1.money.quantity`), what it should be, and the kind found. */
export interface InputProblem {
  readonly path: string
  readonly expected: string
  readonly actual: string
}

/** A problem found below the top: its path is built on the way back up, so a well-formed input allocates nothing. */
interface Found {
  readonly keys: Array<string | number>
  readonly expected: string
  readonly value: unknown
}

type Check = (value: unknown) => Found | undefined

/** `a number`, `undefined`, `null`, `an array`, `a string "x"` (truncated), for messages. */
export const kindOf = (value: unknown): string => {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string')
    return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'object') return Quantity.isQuantity(value) ? 'a quantity' : 'an object'
  return `a ${typeof value}`
}

const found = (expected: string, value: unknown): Found => ({ keys: [], expected, value })

const within = (key: string | number, inner: Found | undefined): Found | undefined => {
  if (inner !== undefined) inner.keys.push(key)
  return inner
}

const toProblem = (inner: Found | undefined, prefix?: string): InputProblem | undefined =>
  inner === undefined
    ? undefined
    : {
        path: [...(prefix === undefined ? [] : [prefix]), ...inner.keys.reverse()].join('.'),
        expected: inner.expected,
        actual: kindOf(inner.value),
      }

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const string: Check = (value) => (typeof value === 'string' ? undefined : found('a string', value))
const aString: Check = (value) => (typeof value === 'string' ? undefined : found('a string', value))

const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : found('a non-empty string', value)
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : found('a boolean', value))
const integer: Check = (value) => (Number.isInteger(value) ? undefined : found('an integer', value))
const date: Check = (value) =>
  typeof value === 'string' && LocalDate.fromString(value)._tag === 'Right'
    ? undefined
    : found('a date (YYYY-MM-DD)', value)
const quantity: Check = (value) =>
  Quantity.isQuantity(value) ? undefined : found('a Quantity (Quantity.fromString)', value)
const oneOf =
  (values: ReadonlyArray<string>): Check =>
  (value) =>
    typeof value === 'string' && values.includes(value) ? undefined : found(`one of ${values.join(', ')}`, value)

const record = (required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check => {
  const requiredEntries = Object.entries(required)
  const optionalChecks = new Map(Object.entries(optional))
  return (value) => {
    if (!isRecord(value)) return found('an object', value)
    for (const [key, check] of requiredEntries) {
      const inner = check(value[key])
      if (inner !== undefined) return within(key, inner)
    }
    // Over the fields present (usually few), not over every optional one.
    for (const key in value) {
      const check = optionalChecks.get(key)
      const field = value[key]
      if (check === undefined || field === undefined) continue
      const inner = check(field)
      if (inner !== undefined) return within(key, inner)
    }
    return undefined
  }
}

const array =
  (item: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return found('an array', value)
    for (let index = 0; index < value.length; index++) {
      const inner = item(value[index])
      if (inner !== undefined) return within(index, inner)
    }
    return undefined
  }

// A commodity is a string; the empty one is an amount without commodity, as hledger writes `5`.
const amount = record({ quantity, commodity: aString })
const span = record({ file: string, line: integer, column: integer })
const tag = record({ name: string, value: string })
const citation = record({ text: string })
const statuses = ['unmarked', 'pending', 'cleared']

const posting = record(
  { account: nonEmptyString },
  {
    money: amount,
    goods: amount,
    cost: amount,
    estimated: boolean,
    status: oneOf(statuses),
    virtual: oneOf(['unbalanced', 'balanced']),
    assertion: record({ amount, inclusive: boolean, sole: boolean }, { span }),
    citations: array(citation),
    tags: array(tag),
    comment: string,
    span,
  },
)

const transaction = record(
  { date, description: string, postings: array(posting) },
  {
    date2: date,
    code: string,
    comment: string,
    status: oneOf(statuses),
    tags: array(tag),
    citations: array(citation),
    estimated: boolean,
    span,
    origin: record({ operation: string }, { document: string }),
  },
)

const commodity = record(
  { symbol: nonEmptyString, kind: oneOf(['money', 'goods']), style: record({}) },
  { unit: string },
)
const accountDeclaration = record(
  { name: nonEmptyString, tags: array(tag), citations: array(citation) },
  { type: string, span },
)
const entity = record({ name: nonEmptyString, citations: array(citation) }, { title: string, sector: string, span })

/** The first field of a transaction input of the wrong kind, if any. */
export const checkTransactionInput = (input: unknown): InputProblem | undefined => toProblem(transaction(input))

/** The input's span when it has a well-formed one, else the synthetic `<api>` span. */
export const spanOfInput = (input: unknown): SourceSpan.SourceSpan =>
  isRecord(input) && span(input.span) === undefined
    ? (input.span as SourceSpan.SourceSpan)
    : SourceSpan.synthetic('api')

/** The first field of a commodity declaration of the wrong kind, if any. */
export const checkCommodity: (input: unknown) => InputProblem | undefined = (input) => toProblem(commodity(input))

/** The first field of an account declaration of the wrong kind, if any. */
export const checkAccountDeclaration = (input: unknown): InputProblem | undefined =>
  toProblem(accountDeclaration(input))

/** The first field of an entity of the wrong kind, if any. */
export const checkEntity = (input: unknown): InputProblem | undefined => toProblem(entity(input))

/** Whether a span argument is well-formed (a JavaScript caller may pass anything). */
export const checkSpan = (input: unknown): InputProblem | undefined => toProblem(span(input), 'span')
