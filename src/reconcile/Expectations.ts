/**
 * Rules as tests: `expect [no] RULE [ENTITY] [DATE|PERIOD] [DOCUMENT] [severity S] [KEY VALUE]…
 * [within TOL]` checked against the findings of a run (semantics of `domain/Statements.ts`).
 *
 * - A positive expectation passes when some finding of the rule matches every stated field; a
 *   negated one passes when none does.
 * - Entity and severity must be equal; the finding's date must lie in the stated period; the
 *   document must be among the finding's documents or lots.
 * - A measure matches when the finding has a measure of that key (`gap` also matches the money
 *   or unit gap) of the same kind: amounts in the same commodity within the tolerance (default
 *   exact, 0); percentages within the tolerance in percentage points, or, without a tolerance,
 *   equal at the precision written (`58.8%` matches 58.84 %); numbers likewise.
 * - `within` takes an amount (absolute, same commodity), a percentage (percentage points for
 *   percentages; relative to the expected value for amounts) or a number (absolute).
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  Amount,
  Entity as EntityModule,
  Interval,
  LocalDate,
  Period,
  Quantity,
  Rate,
  SourceSpan,
} from '../core/index.js'
import { kindOf } from '../core/Untyped.js'
import type { Expectation, ExpectedMeasure, FigureUnit, StatementValue } from '../domain/Statements.js'
import { Ratio } from '../measures/index.js'
import { type Finding, type MeasureValue, showMeasureValue, showMoney } from './Finding.js'

/** The outcome of one expectation: passed or not, what was expected, what was found, and where it was written. */
export interface ExpectationResult {
  readonly expectation: Expectation
  readonly passed: boolean
  /** What the expectation asks, as text. */
  readonly expected: string
  /** What the findings show, as text. */
  readonly actual: string
  readonly span: SourceSpan.SourceSpan
  /** The findings that matched every stated field. */
  readonly matched: ReadonlyArray<Finding>
}

const showStatement = (value: StatementValue): string => {
  switch (value._tag) {
    case 'Amount':
      return showMoney(value.amount.quantity, value.amount.commodity)
    case 'Percent':
      return `${Quantity.toString(value.percent)} %`
    case 'Number':
      return Quantity.toString(value.value)
    case 'Date':
      return value.date
    case 'Word':
      return value.word
    case 'Figure':
      return value.figure.written
  }
}

/** The expectation as one line of text. */
export const describeExpectation = (expectation: Expectation): string =>
  [
    expectation.negated ? 'no' : undefined,
    expectation.rule,
    expectation.entity,
    expectation.period?.label,
    expectation.document,
    expectation.severity !== undefined ? `severity ${expectation.severity}` : undefined,
    ...expectation.measures.map((measure) => `${measure.key} ${showStatement(measure.value)}`),
    expectation.tolerance !== undefined ? `within ${showStatement(expectation.tolerance)}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join(' ')

const withinAbsolute = (
  actual: Quantity.Quantity,
  expected: Quantity.Quantity,
  tolerance: Quantity.Quantity,
): boolean => Quantity.compare(Quantity.abs(Quantity.subtract(actual, expected)), Quantity.abs(tolerance)) <= 0

/** Equal at the precision `expected` is written with (half-up). */
const equalAsWritten = (actual: Quantity.Quantity, expected: Quantity.Quantity): boolean =>
  Quantity.equals(Quantity.round({ scaleDigits: Quantity.scaleOf(expected), mode: 'halfUp' })(actual), expected)

const measureValue = (
  finding: Finding,
  key: string,
  commodity?: Amount.Amount['commodity'],
): MeasureValue | undefined => {
  const found = finding.measures.find((measure) => measure.key === key)
  if (found !== undefined) return found.value
  if (key !== 'gap') return undefined
  if (finding.moneyGap !== undefined && (commodity === undefined || finding.moneyGap.commodity === commodity))
    return { _tag: 'Amount', amount: finding.moneyGap }
  if (finding.unitGap !== undefined && (commodity === undefined || finding.unitGap.commodity === commodity))
    return { _tag: 'Amount', amount: finding.unitGap }
  return undefined
}

/**
 * Whether a hedged measure as written (`<100%`, `>6,000,000.00 RUB`, `[400..500 T26]`) is in the unit of an expected
 * figure.
 */
const intervalUnitMatches = (written: string, unit: FigureUnit): boolean => {
  const text = written.trim().replace(/\]$/u, '').trim()
  switch (unit._tag) {
    case 'Percent':
      return text.endsWith('%')
    case 'Amount':
      return text.split(/\s+/u).at(-1) === unit.commodity
    case 'Number':
      return !text.endsWith('%') && !/[A-Za-z]/u.test(text)
    case 'Date':
      return false
  }
}

const measureMatches = (
  finding: Finding,
  expected: ExpectedMeasure,
  tolerance: StatementValue | undefined,
): boolean => {
  const want = expected.value
  const actual = measureValue(
    finding,
    expected.key,
    want._tag === 'Amount'
      ? want.amount.commodity
      : want._tag === 'Figure' && want.figure.unit._tag === 'Amount'
        ? want.figure.unit.commodity
        : undefined,
  )
  if (actual === undefined) return false
  switch (want._tag) {
    case 'Amount': {
      if (actual._tag !== 'Amount' || actual.amount.commodity !== want.amount.commodity) return false
      if (tolerance === undefined) return Quantity.equals(actual.amount.quantity, want.amount.quantity)
      if (tolerance._tag === 'Amount')
        return (
          tolerance.amount.commodity === want.amount.commodity &&
          withinAbsolute(actual.amount.quantity, want.amount.quantity, tolerance.amount.quantity)
        )
      if (tolerance._tag === 'Percent')
        return withinAbsolute(
          actual.amount.quantity,
          want.amount.quantity,
          Ratio.percentOfValue(want.amount.quantity, tolerance.percent),
        )
      if (tolerance._tag === 'Number')
        return withinAbsolute(actual.amount.quantity, want.amount.quantity, tolerance.value)
      return false
    }
    case 'Percent': {
      if (actual._tag !== 'Percent') return false
      if (tolerance === undefined) return equalAsWritten(actual.percent, want.percent)
      if (tolerance._tag === 'Percent') return withinAbsolute(actual.percent, want.percent, tolerance.percent)
      if (tolerance._tag === 'Number') return withinAbsolute(actual.percent, want.percent, tolerance.value)
      return false
    }
    case 'Number': {
      const value =
        actual._tag === 'Number' ? actual.value : actual._tag === 'Amount' ? actual.amount.quantity : undefined
      if (value === undefined) return false
      if (tolerance === undefined) return equalAsWritten(value, want.value)
      if (tolerance._tag === 'Number') return withinAbsolute(value, want.value, tolerance.value)
      if (tolerance._tag === 'Percent')
        return withinAbsolute(value, want.value, Ratio.percentOfValue(want.value, tolerance.percent))
      return false
    }
    case 'Figure': {
      // A hedged expectation (`gap >0 T26`, `ratio <100%`) passes when the measured value lies in
      // it; a hedged measured value (`realized <100%`) when its whole interval lies in it.
      const unit = want.figure.unit
      if (actual._tag === 'Interval')
        return intervalUnitMatches(actual.written, unit) && Interval.within(actual.interval, want.figure.interval)
      const value =
        unit._tag === 'Amount'
          ? actual._tag === 'Amount' && actual.amount.commodity === unit.commodity
            ? actual.amount.quantity
            : undefined
          : unit._tag === 'Percent'
            ? actual._tag === 'Percent'
              ? actual.percent
              : undefined
            : actual._tag === 'Number'
              ? actual.value
              : undefined
      return value !== undefined && Interval.contains(want.figure.interval, value)
    }
    case 'Date':
    case 'Word':
      return false
  }
}

/** True when `finding` matches every field `expectation` states (its negation is not considered). */
export const findingMatches = (expectation: Expectation, finding: Finding): boolean =>
  finding.rule === expectation.rule &&
  (expectation.entity === undefined || finding.entity === expectation.entity) &&
  (expectation.period === undefined || Period.contains(expectation.period, finding.date)) &&
  (expectation.document === undefined ||
    (finding.documents as ReadonlyArray<string>).includes(expectation.document) ||
    (finding.lots as ReadonlyArray<string>).includes(expectation.document)) &&
  (expectation.severity === undefined || finding.severity === expectation.severity) &&
  expectation.measures.every((measure) => measureMatches(finding, measure, expectation.tolerance))

/** A finding in one line: `kirov 1936-12-31 critical excess 53,765,000.00 RUB`. */
const describeFinding = (finding: Finding, keys: ReadonlyArray<string>): string => {
  const measures = keys.flatMap((key) => {
    const value = measureValue(finding, key)
    return value === undefined ? [`${key} (none)`] : [`${key} ${showMeasureValue(value)}`]
  })
  return [
    finding.entity,
    finding.date,
    finding.severity,
    ...(finding.documents.length > 0 ? [finding.documents.join(',')] : []),
    ...measures,
  ]
    .filter((part): part is string => part !== undefined)
    .join(' ')
}

/**
 * Checks each expectation against the findings; results in the order of the expectations.
 *
 * @example
 * ```ts
 * // `books`, `reported`, `settings` loaded from the journal of the `reconcile` example (a demand without a shipment)
 * const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') }, builtInRules)
 * if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
 * const results = checkExpectations(result.right.findings, [
 *   unsafeExpectFinding('demand-without-shipment', { entity: 'kirov', period: '1936-Q2', document: 'PD-36-114' }),
 *   unsafeExpectFinding('duplicate-documents', {}, true),
 * ])
 * // results.map((item) => item.passed) → [true, true]
 * // summarizeExpectations(results) → '2 passed, 0 failed'
 * ```
 */
export const checkExpectations = (
  findings: ReadonlyArray<Finding>,
  expectations: ReadonlyArray<Expectation>,
): ReadonlyArray<ExpectationResult> =>
  expectations.map((expectation) => {
    const matched = findings.filter((finding) => findingMatches(expectation, finding))
    const ofRule = findings.filter((finding) => finding.rule === expectation.rule)
    const keys = expectation.measures.map((measure) => measure.key)
    const expected = describeExpectation(expectation)
    if (expectation.negated) {
      return {
        expectation,
        passed: matched.length === 0,
        expected,
        actual:
          matched.length === 0
            ? `no matching finding (${ofRule.length} of ${expectation.rule} in all)`
            : matched.map((finding) => describeFinding(finding, keys)).join('; '),
        span: expectation.span,
        matched,
      }
    }
    return {
      expectation,
      passed: matched.length > 0,
      expected,
      actual:
        matched.length > 0
          ? describeFinding(matched[0] as Finding, keys)
          : ofRule.length === 0
            ? `no finding of ${expectation.rule}`
            : ofRule.map((finding) => describeFinding(finding, keys)).join('; '),
      span: expectation.span,
      matched,
    }
  })

/** `file:line: PASS|FAIL expect …` and, on failure, the actual findings. */
export const renderResult = (result: ExpectationResult): string =>
  result.passed
    ? `${SourceSpan.show(result.span)}: PASS expect ${result.expected}`
    : `${SourceSpan.show(result.span)}: FAIL expect ${result.expected}\n    actual: ${result.actual}`

/** Summary line: `41 passed, 0 failed`. */
export const summarize = (results: ReadonlyArray<ExpectationResult>): string => {
  const passed = results.filter((result) => result.passed).length
  return `${passed} passed, ${results.length - passed} failed`
}

// -------------------------------------------------------------------------------------
// for TypeScript users and test runners
// -------------------------------------------------------------------------------------

/** The fields of an expectation written in TypeScript (`expectFinding`), as strings. */
export interface ExpectationFields {
  readonly entity?: string
  /** A period label (`1936`, `1936-Q4`, `1936-12-31`). */
  readonly period?: string
  readonly document?: string
  readonly severity?: 'info' | 'warn' | 'critical'
  /** Key → `"53765000.00 RUB"`, `"58.84%"` or `"87.2"`. */
  readonly measures?: Readonly<Record<string, string>>
  /** `"1000.00 RUB"`, `"0.5%"` or `"1"`. */
  readonly within?: string
}

/** Why `expectFinding` refused its fields: which one, what was written, what belongs there. */
export interface ExpectationFieldError {
  readonly _tag: 'InvalidExpectationField'
  /** `rule`, `fields`, `entity`, `period`, `document`, `severity`, `measures.KEY` or `within`. */
  readonly field: string
  readonly value: string
  readonly expected: string
}

/** An `ExpectationFieldError` as a sentence. */
export const renderExpectationFieldError = (error: ExpectationFieldError): string =>
  `expectation field ${error.field}: ${error.value} is not ${error.expected}`

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : kindOf(value))

const fieldError = (field: string, value: unknown, expected: string): E.Either<ExpectationFieldError, never> =>
  E.left({ _tag: 'InvalidExpectationField', field, value: shown(value), expected })

const valueExpected = 'an amount ("1000.00 RUB"), a percentage ("58.8%"), a number or a date'

const parseStatementValue = (field: string, text: unknown): E.Either<ExpectationFieldError, StatementValue> => {
  if (typeof text !== 'string') return fieldError(field, text, valueExpected)
  const trimmed = text.trim()
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/u.exec(trimmed)
  if (percent !== null) {
    const points = Rate.percentPointsFromString(percent[1] as string)
    return E.isRight(points)
      ? E.right({ _tag: 'Percent', percent: points.right, estimated: false })
      : fieldError(field, text, valueExpected)
  }
  const amount = /^(-?[\d,]+(?:\.\d+)?)\s+(\S+)$/u.exec(trimmed)
  if (amount !== null) {
    const quantity = Quantity.fromString((amount[1] as string).replace(/,/gu, ''))
    return E.isRight(quantity)
      ? E.right({
          _tag: 'Amount',
          amount: Amount.make(quantity.right, amount[2] as string as Amount.Amount['commodity']),
          estimated: false,
        })
      : fieldError(field, text, valueExpected)
  }
  if (/^\d{4}-\d{2}-\d{2}$/u.test(trimmed)) {
    const date = LocalDate.fromString(trimmed)
    return E.isRight(date) ? E.right({ _tag: 'Date', date: date.right }) : fieldError(field, text, 'a valid date')
  }
  const number = Quantity.fromString(trimmed.replace(/,/gu, ''))
  if (number._tag === 'Right') return E.right({ _tag: 'Number', value: number.right })
  return E.right({ _tag: 'Word', word: trimmed })
}

const severityNames: ReadonlyArray<string> = ['info', 'warn', 'critical']

/**
 * Builds an expectation in code (for tests written in TypeScript), or says which field is malformed
 * (`InvalidExpectationField`: a period, entity or value that does not parse, a field of the wrong kind).
 * `unsafeExpectFinding` is the same but throws, for expectations written as literals in a test.
 *
 * ```ts
 * unsafeExpectFinding('working-capital-above-norm', {
 *   entity: 'kirov',
 *   period: '1936',
 *   severity: 'critical',
 *   measures: { excess: '53765000.00 RUB' },
 * })
 * ```
 */
export const expectFinding = (
  rule: string,
  fields: ExpectationFields = {},
  negated = false,
): E.Either<ExpectationFieldError, Expectation> => {
  if (typeof rule !== 'string') return fieldError('rule', rule, 'a rule id')
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    return fieldError('fields', fields, 'an object of expectation fields')
  const period = fields.period === undefined ? undefined : Period.fromString(fields.period)
  if (period !== undefined && E.isLeft(period)) return fieldError('period', fields.period, 'a period label')
  const entity = fields.entity === undefined ? undefined : EntityModule.nameFromString(fields.entity)
  if (entity !== undefined && E.isLeft(entity)) return fieldError('entity', fields.entity, 'an entity name')
  if (fields.document !== undefined && typeof fields.document !== 'string')
    return fieldError('document', fields.document, 'a document id')
  if (fields.severity !== undefined && !severityNames.includes(fields.severity))
    return fieldError('severity', fields.severity, 'info, warn or critical')
  const written = fields.measures ?? {}
  if (typeof written !== 'object' || written === null || Array.isArray(written))
    return fieldError('measures', written, 'an object of measure values')
  const measures: ExpectedMeasure[] = []
  for (const [key, text] of Object.entries(written)) {
    const value = parseStatementValue(`measures.${key}`, text)
    if (E.isLeft(value)) return value
    measures.push({ key, value: value.right })
  }
  const tolerance = fields.within === undefined ? undefined : parseStatementValue('within', fields.within)
  if (tolerance !== undefined && E.isLeft(tolerance)) return tolerance
  return E.right({
    negated,
    rule,
    ...(entity !== undefined ? { entity: entity.right } : {}),
    ...(period !== undefined ? { period: period.right } : {}),
    ...(fields.document !== undefined ? { document: fields.document } : {}),
    ...(fields.severity !== undefined ? { severity: fields.severity } : {}),
    measures,
    ...(tolerance !== undefined ? { tolerance: tolerance.right } : {}),
    citations: [],
    span: SourceSpan.synthetic('expectation'),
  })
}

/** `expect no RULE …` in code: `expectFinding` negated. */
export const expectNoFinding = (
  rule: string,
  fields: ExpectationFields = {},
): E.Either<ExpectationFieldError, Expectation> => expectFinding(rule, fields, true)

/** Like `expectFinding`, but throws on a malformed field. For expectations written as literals in a test. */
export const unsafeExpectFinding = (rule: string, fields: ExpectationFields = {}, negated = false): Expectation => {
  const made = expectFinding(rule, fields, negated)
  if (E.isLeft(made)) throw new Error(renderExpectationFieldError(made.left))
  return made.right
}

/** Like `expectNoFinding`, but throws on a malformed field. */
export const unsafeExpectNoFinding = (rule: string, fields: ExpectationFields = {}): Expectation =>
  unsafeExpectFinding(rule, fields, true)

/**
 * For test runners (vitest, node:test): checks the expectations and throws an `Error` listing
 * every failure when any fails, so `assertExpectations(result.findings, [...])` reads as one
 * assertion. Returns the results when all pass.
 */
export const assertExpectations = (
  findings: ReadonlyArray<Finding>,
  expectations: ReadonlyArray<Expectation>,
): ReadonlyArray<ExpectationResult> => {
  const results = checkExpectations(findings, expectations)
  const failed = results.filter((result) => !result.passed)
  if (failed.length > 0) throw new Error(`${summarize(results)}\n${failed.map(renderResult).join('\n')}`)
  return results
}
