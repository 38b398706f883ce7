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
 *   expectFinding('demand-without-shipment', { entity: 'kirov', period: '1936-Q2', document: 'PD-36-114' }),
 *   expectFinding('duplicate-documents', {}, true),
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

const parseStatementValue = (text: string): StatementValue => {
  const trimmed = text.trim()
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/u.exec(trimmed)
  if (percent !== null)
    return { _tag: 'Percent', percent: Rate.unsafePercentPoints(percent[1] as string), estimated: false }
  const amount = /^(-?[\d,]+(?:\.\d+)?)\s+(\S+)$/u.exec(trimmed)
  if (amount !== null) {
    return {
      _tag: 'Amount',
      amount: Amount.make(
        Quantity.unsafeFromString((amount[1] as string).replace(/,/gu, '')),
        amount[2] as string as Amount.Amount['commodity'],
      ),
      estimated: false,
    }
  }
  if (/^\d{4}-\d{2}-\d{2}$/u.test(trimmed)) return { _tag: 'Date', date: LocalDate.unsafeFromString(trimmed) }
  const number = Quantity.fromString(trimmed.replace(/,/gu, ''))
  if (number._tag === 'Right') return { _tag: 'Number', value: number.right }
  return { _tag: 'Word', word: trimmed }
}

/**
 * Builds an expectation in code (for tests written in TypeScript). Throws (programmer error) on
 * a malformed period, entity or value.
 *
 * ```ts
 * expectFinding('working-capital-above-norm', {
 *   entity: 'kirov',
 *   period: '1936',
 *   severity: 'critical',
 *   measures: { excess: '53765000.00 RUB' },
 * })
 * ```
 */
export const expectFinding = (rule: string, fields: ExpectationFields = {}, negated = false): Expectation => {
  const period = fields.period === undefined ? undefined : Period.fromString(fields.period)
  if (period !== undefined && period._tag === 'Left') throw new Error(`not a period: ${fields.period}`)
  return {
    negated,
    rule,
    ...(fields.entity !== undefined ? { entity: EntityModule.unsafeName(fields.entity) } : {}),
    ...(period !== undefined && period._tag === 'Right' ? { period: period.right } : {}),
    ...(fields.document !== undefined ? { document: fields.document } : {}),
    ...(fields.severity !== undefined ? { severity: fields.severity } : {}),
    measures: Object.entries(fields.measures ?? {}).map(([key, value]) => ({ key, value: parseStatementValue(value) })),
    ...(fields.within !== undefined ? { tolerance: parseStatementValue(fields.within) } : {}),
    citations: [],
    span: SourceSpan.synthetic('expectation'),
  }
}

/** `expect no RULE …` in code. */
export const expectNoFinding = (rule: string, fields: ExpectationFields = {}): Expectation =>
  expectFinding(rule, fields, true)

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
