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

type Check = (value: unknown, path: string) => InputProblem | undefined

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

const problem = (path: string, expected: string, value: unknown): InputProblem => ({
  path,
  expected,
  actual: kindOf(value),
})

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const join = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`)

const string: Check = (value, path) => (typeof value === 'string' ? undefined : problem(path, 'a string', value))
const nonEmptyString: Check = (value, path) =>
  typeof value === 'string' && value.length > 0 ? undefined : problem(path, 'a non-empty string', value)
const boolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : problem(path, 'a boolean', value))
const date: Check = (value, path) =>
  typeof value === 'string' && LocalDate.fromString(value)._tag === 'Right'
    ? undefined
    : problem(path, 'a date (YYYY-MM-DD)', value)
const quantity: Check = (value, path) =>
  Quantity.isQuantity(value) ? undefined : problem(path, 'a Quantity (Quantity.fromString)', value)
const oneOf =
  (values: ReadonlyArray<string>): Check =>
  (value, path) =>
    typeof value === 'string' && values.includes(value)
      ? undefined
      : problem(path, `one of ${values.join(', ')}`, value)

const record =
  (required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check =>
  (value, path) => {
    if (!isRecord(value)) return problem(path, 'an object', value)
    for (const key in required) {
      const found = (required[key] as Check)(value[key], join(path, key))
      if (found !== undefined) return found
    }
    for (const key in optional) {
      const field = value[key]
      if (field === undefined) continue
      const found = (optional[key] as Check)(field, join(path, key))
      if (found !== undefined) return found
    }
    return undefined
  }

const array =
  (item: Check): Check =>
  (value, path) => {
    if (!Array.isArray(value)) return problem(path, 'an array', value)
    for (let index = 0; index < value.length; index++) {
      const found = item(value[index], join(path, index))
      if (found !== undefined) return found
    }
    return undefined
  }

const amount = record({ quantity, commodity: nonEmptyString })
const span = record({
  file: string,
  line: (value, path) => (Number.isInteger(value) ? undefined : problem(path, 'an integer', value)),
  column: (value, path) => (Number.isInteger(value) ? undefined : problem(path, 'an integer', value)),
})
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

/** The first field of a transaction input of the wrong kind, if any. */
export const checkTransactionInput = (input: unknown): InputProblem | undefined => transaction(input, '')

/** The input's span when it has a well-formed one, else the synthetic `<api>` span. */
export const spanOfInput = (input: unknown): SourceSpan.SourceSpan =>
  isRecord(input) && span(input.span, 'span') === undefined
    ? (input.span as SourceSpan.SourceSpan)
    : SourceSpan.synthetic('api')

/** The first field of a commodity declaration of the wrong kind, if any. */
export const checkCommodity: (input: unknown) => InputProblem | undefined = (input) =>
  record({ symbol: nonEmptyString, kind: oneOf(['money', 'goods']), style: record({}) }, { unit: string })(input, '')

/** The first field of an account declaration of the wrong kind, if any. */
export const checkAccountDeclaration = (input: unknown): InputProblem | undefined =>
  record({ name: nonEmptyString, tags: array(tag), citations: array(citation) }, { type: string, span })(input, '')

/** The first field of an entity of the wrong kind, if any. */
export const checkEntity = (input: unknown): InputProblem | undefined =>
  record({ name: nonEmptyString, citations: array(citation) }, { title: string, sector: string, span })(input, '')

/** Whether a span argument is well-formed (a JavaScript caller may pass anything). */
export const checkSpan = (input: unknown): InputProblem | undefined => span(input, 'span')
