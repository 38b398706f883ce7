/**
 * Running rules: parameter resolution (defaults ← journal settings ← run overrides), the
 * reconcile run itself, its typed errors and their renderer.
 */
import * as E from 'fp-ts/lib/Either.js'
import { LocalDate, Quantity, SourceSpan } from '../core/index.js'
import { yearMax } from '../core/limits.js'
import type { RuleSetting, StatementValue } from '../domain/Statements.js'
import { indexOf } from '../measures/Flows.js'
import { compareFindings, type Finding, type Severity, severityRank } from './Finding.js'
import { checkParameterInput, checkReconcileInput } from './Guard.js'
import type { AnyRule, ReconcileInput } from './Rule.js'

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** A problem with one parameter setting or override. */
export type ParameterProblem =
  | {
      readonly _tag: 'UnknownRule'
      readonly rule: string
      readonly source: 'setting' | 'override'
      readonly span?: SourceSpan.SourceSpan
    }
  | {
      readonly _tag: 'UnknownParameter'
      readonly rule: string
      readonly name: string
      readonly known: ReadonlyArray<string>
      readonly source: 'setting' | 'override'
      readonly span?: SourceSpan.SourceSpan
    }
  | {
      readonly _tag: 'InvalidParameterValue'
      readonly rule: string
      readonly name: string
      readonly value: string
      readonly expected: string
      readonly source: 'setting' | 'override'
      readonly span?: SourceSpan.SourceSpan
    }
  | { readonly _tag: 'MalformedOverride'; readonly key: string }

/** Why a reconcile run could not start: duplicate rule ids, an unknown rule selected, invalid parameters. */
export type ReconcileError =
  | { readonly _tag: 'DuplicateRuleId'; readonly rule: string }
  | { readonly _tag: 'UnknownRuleSelected'; readonly rule: string; readonly known: ReadonlyArray<string> }
  | { readonly _tag: 'InvalidParameters'; readonly problems: ReadonlyArray<ParameterProblem> }
  /** The rules judge by the year, quarter and month of `asOf`; the year 9999 has no end inside the calendar. */
  | { readonly _tag: 'AsOfOutOfRange'; readonly asOf: LocalDate.LocalDate }
  /**
   * An argument of the wrong kind (a JavaScript caller, or a value built from untyped data): `path` names it
   * (`input.asOf`, `rules.2.evaluate`, `options.only`), `expected` what belongs there, `actual` the kind found.
   */
  | {
      readonly _tag: 'InvalidReconcileInput'
      readonly path: string
      readonly expected: string
      readonly actual: string
    }

const showValue = (value: StatementValue | string): string => {
  if (typeof value === 'string') return value
  switch (value._tag) {
    case 'Amount':
      return `${Quantity.toString(value.amount.quantity)} ${value.amount.commodity}`
    case 'Percent':
      return `${Quantity.toString(value.percent)}%`
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

const where = (span: SourceSpan.SourceSpan | undefined): string =>
  span === undefined ? '' : `${SourceSpan.show(span)}: `

/** Renders one parameter problem as a sentence (with its location, when it has one). */
export const renderProblem = (problem: ParameterProblem): string => {
  switch (problem._tag) {
    case 'UnknownRule':
      return (
        `${where(problem.span)}no rule named ${problem.rule} (in a ` +
        `${problem.source === 'setting' ? 'param directive' : '--param override'})`
      )
    case 'UnknownParameter':
      return (
        `${where(problem.span)}rule ${problem.rule} has no parameter ${problem.name}` +
        `${problem.known.length > 0 ? `; it has ${problem.known.join(', ')}` : '; it takes no parameters'}`
      )
    case 'InvalidParameterValue':
      return (
        `${where(problem.span)}${problem.rule}.${problem.name} must be ${problem.expected}, not ` +
        `${JSON.stringify(problem.value)}`
      )
    case 'MalformedOverride':
      return `--param ${JSON.stringify(problem.key)} must name RULE.PARAMETER`
  }
}

/** Renders a reconcile error; parameter problems one per line. */
export const renderError = (error: ReconcileError): string => {
  switch (error._tag) {
    case 'DuplicateRuleId':
      return `two rules share the id ${error.rule}`
    case 'UnknownRuleSelected':
      return `no rule named ${error.rule}; known rules: ${error.known.join(', ')}`
    case 'InvalidParameters':
      return error.problems.map(renderProblem).join('\n')
    case 'InvalidReconcileInput':
      return `reconcile input is not well-formed: ${error.path} should be ${error.expected}, not ${error.actual}`
    case 'AsOfOutOfRange':
      return (
        `the rules cannot judge as of ${error.asOf}: they read the year, quarter and month of that date, ` +
        `and the year 9999 ends past the last date of the calendar; choose an as-of date before 9999-01-01 ` +
        `(--as-of)`
      )
  }
}

// -------------------------------------------------------------------------------------
// parameters
// -------------------------------------------------------------------------------------

/**
 * The settings in force on `asOf`: per rule and name, the last setting dated on or before `asOf` (undated settings
 * count as earliest; ties keep journal order).
 */
export const settingsInForce = (
  settings: ReadonlyArray<RuleSetting>,
  asOf: LocalDate.LocalDate,
): ReadonlyArray<RuleSetting> => {
  const chosen = new Map<string, RuleSetting>()
  const ordered = settings
    .map((setting, index) => ({ setting, index }))
    .filter(({ setting }) => setting.date === undefined || setting.date <= asOf)
    .sort((a, b) => {
      const left = a.setting.date ?? ''
      const right = b.setting.date ?? ''
      return left < right ? -1 : left > right ? 1 : a.index - b.index
    })
  for (const { setting } of ordered) chosen.set(`${setting.rule}\u0000${setting.name}`, setting)
  return [...chosen.values()]
}

/**
 * The parameters of each rule: defaults, then the journal settings in force on `asOf`, then the
 * overrides (`rule.name` → text). Every problem is reported, not only the first. Arguments of the
 * wrong kind are `InvalidReconcileInput`.
 */
export const resolveParameters = (
  rules: ReadonlyArray<AnyRule>,
  settings: ReadonlyArray<RuleSetting>,
  asOf: LocalDate.LocalDate,
  overrides: ReadonlyMap<string, string> = new Map(),
): E.Either<ReconcileError, ReadonlyMap<string, unknown>> => {
  const invalid = checkParameterInput(rules, settings, asOf, overrides)
  if (invalid !== undefined) return E.left({ _tag: 'InvalidReconcileInput', ...invalid })
  const byId = new Map<string, AnyRule>()
  for (const rule of rules) {
    if (byId.has(rule.id)) return E.left({ _tag: 'DuplicateRuleId', rule: rule.id })
    byId.set(rule.id, rule)
  }
  const values = new Map<string, Record<string, unknown>>()
  for (const rule of rules) values.set(rule.id, { ...(rule.defaults as Record<string, unknown>) })
  const problems: ParameterProblem[] = []
  const assign = (
    ruleId: string,
    name: string,
    raw: StatementValue | string,
    source: 'setting' | 'override',
    span: SourceSpan.SourceSpan | undefined,
  ): void => {
    const rule = byId.get(ruleId)
    const at = span !== undefined ? { span } : {}
    if (rule === undefined) {
      problems.push({ _tag: 'UnknownRule', rule: ruleId, source, ...at })
      return
    }
    const field = Object.hasOwn(rule.fields, name) ? rule.fields[name] : undefined
    if (field === undefined) {
      problems.push({
        _tag: 'UnknownParameter',
        rule: ruleId,
        name,
        known: Object.keys(rule.fields).sort(),
        source,
        ...at,
      })
      return
    }
    const decoded = field.decode(raw)
    if (E.isLeft(decoded)) {
      problems.push({
        _tag: 'InvalidParameterValue',
        rule: ruleId,
        name,
        value: showValue(raw),
        expected: field.name,
        source,
        ...at,
      })
      return
    }
    ;(values.get(ruleId) as Record<string, unknown>)[name] = decoded.right
  }
  for (const setting of settingsInForce(settings, asOf))
    assign(setting.rule, setting.name, setting.value, 'setting', setting.span)
  for (const [key, text] of [...overrides.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const dot = key.lastIndexOf('.')
    if (dot <= 0 || dot === key.length - 1) {
      problems.push({ _tag: 'MalformedOverride', key })
      continue
    }
    assign(key.slice(0, dot), key.slice(dot + 1), text, 'override', undefined)
  }
  if (problems.length > 0) return E.left({ _tag: 'InvalidParameters', problems })
  return E.right(values)
}

// -------------------------------------------------------------------------------------
// running
// -------------------------------------------------------------------------------------

/** Options of a reconcile run: which rules, parameter overrides, the lowest severity kept. */
export interface ReconcileOptions {
  /** Run only these rule ids (all when omitted). */
  readonly only?: ReadonlyArray<string>
  /** `rule.name` → value text (e.g. from `--param rule.name=value`); override journal settings. */
  readonly overrides?: ReadonlyMap<string, string>
  /** Drop findings below this severity. */
  readonly minSeverity?: Severity
}

/** One rule as it ran: its id, title, the parameters used and how many findings it made. */
export interface RuleRun {
  readonly id: string
  readonly title: string
  /** The parameters used, encoded (decimals and dates as strings). */
  readonly parameters: Readonly<Record<string, string>>
  readonly findings: number
}

/** The result of a reconcile run: the as-of date, the rules that ran, and the findings, most serious first. */
export interface ReconcileResult {
  readonly asOf: LocalDate.LocalDate
  readonly rules: ReadonlyArray<RuleRun>
  /** Sorted by severity (critical first), rule id, entity, date, first evidence line. */
  readonly findings: ReadonlyArray<Finding>
}

/**
 * Runs the rules (all, or `options.only`) over the input; every rule runs, every finding is kept (above `minSeverity`).
 * Arguments of the wrong kind (JavaScript callers: books that are not books, a non-date `asOf`, rules without an
 * `evaluate`, options that are not an object) are the `InvalidReconcileInput` error naming the path, checked once per
 * call before any rule runs.
 *
 * @example
 * ```ts
 * const journal = 'entity kirov\nentity abtu\n\n1936-06-10 demand PD-36-114  kirov -> abtu  3,800,000.00 RUB\n'
 * const loaded = loadText('books.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * const { books, reported, settings } = loaded.right
 * const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') }, builtInRules)
 * if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
 * // result.right.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.documents.join(',')}`)
 * //   → ['demand-without-shipment critical PD-36-114']
 * // result.right.rules.length → builtInRules.length (every rule ran)
 * ```
 */
export const reconcile = (
  input: ReconcileInput,
  rules: ReadonlyArray<AnyRule>,
  options: ReconcileOptions = {},
): E.Either<ReconcileError, ReconcileResult> => {
  const invalid = checkReconcileInput(input, rules, options)
  if (invalid !== undefined) return E.left({ _tag: 'InvalidReconcileInput', ...invalid })
  const known = rules.map((rule) => rule.id).sort()
  for (const id of options.only ?? []) {
    if (!known.includes(id)) return E.left({ _tag: 'UnknownRuleSelected', rule: id, known })
  }
  if (LocalDate.year(input.asOf) >= yearMax) return E.left({ _tag: 'AsOfOutOfRange', asOf: input.asOf })
  const resolved = resolveParameters(rules, input.settings, input.asOf, options.overrides)
  if (E.isLeft(resolved)) return resolved
  const selected = options.only === undefined ? rules : rules.filter((rule) => (options.only ?? []).includes(rule.id))
  const minimum = severityRank(options.minSeverity ?? 'info')
  const findings: Finding[] = []
  const runs: RuleRun[] = []
  // One index per run, shared by every rule's measures; it dies with the run.
  const run: ReconcileInput =
    input.index !== undefined && input.index.books === input.books ? input : { ...input, index: indexOf(input.books) }
  for (const rule of [...selected].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const parameters = resolved.right.get(rule.id)
    const found = rule.evaluate(run, parameters).filter((finding) => severityRank(finding.severity) >= minimum)
    findings.push(...found)
    runs.push({
      id: rule.id,
      title: rule.title,
      parameters: rule.parameters.encode(parameters),
      findings: found.length,
    })
  }
  return E.right({ asOf: input.asOf, rules: runs, findings: findings.sort(compareFindings) })
}
