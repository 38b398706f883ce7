/**
 * Rule scoring against planted truth: each finding is matched to a planted record (same entity,
 * overlapping period, money gap within the tolerance of the planted amount where the record
 * states one); per rule true and false positives, misses, precision, recall and F1; findings on
 * honest enterprise-years; mechanisms the books cannot show, said so; trivial baselines that warn
 * when the simulator leaks its truth into names or amounts; and sweeps of one parameter.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import * as Quantity from '../core/Quantity.js'
import {
  type AnyRule,
  builtInRules,
  type Finding,
  type ReconcileInput,
  reconcile,
  renderError,
  type Severity,
  severityRank,
} from '../reconcile/index.js'
import type { Truth, TruthRecord } from './Truth.js'

export interface ScoreOptions {
  readonly rules?: ReadonlyArray<AnyRule>
  readonly overrides?: ReadonlyMap<string, string>
  /** Findings below this severity are not accusations (default warn). */
  readonly minSeverity?: Severity
  /** Relative tolerance on amounts, as a decimal string (default the truth's `amountTolerance`). */
  readonly tolerance?: string
  readonly only?: ReadonlyArray<string>
}

/** A ratio in permille (integer), or undefined when its denominator is zero. */
export type Permille = number | undefined

export interface RuleScore {
  readonly rule: string
  readonly planted: number
  readonly truePositives: number
  readonly falsePositives: number
  /**
   * Of the false positives: on enterprise-years with nothing planted and no decoy, and on decoys (the rest fell on a
   * mechanism the rule is not meant for).
   */
  readonly onHonest: number
  readonly onDecoys: number
  readonly misses: number
  readonly precision: Permille
  readonly recall: Permille
  readonly f1: Permille
}

export interface MechanismScore {
  readonly kind: string
  readonly mechanism: string
  readonly planted: number
  readonly caught: number
  readonly undetectable: number
  readonly rules: ReadonlyArray<string>
  readonly recall: Permille
  readonly bestRuleF1: Permille
}

export interface BaselineScore {
  readonly baseline: string
  readonly kind: string
  readonly pattern: string
  readonly f1: Permille
}

export interface ScoreReport {
  readonly asOf: string
  readonly tolerance: string
  readonly minSeverity: Severity
  readonly rules: ReadonlyArray<RuleScore>
  readonly mechanisms: ReadonlyArray<MechanismScore>
  readonly honestFindings: ReadonlyArray<{
    readonly rule: string
    readonly severity: Severity
    readonly entity: string
    readonly date: string
    readonly message: string
  }>
  readonly baselines: ReadonlyArray<BaselineScore>
  readonly leakWarnings: ReadonlyArray<string>
}

const ratio = (numerator: number, denominator: number): Permille =>
  denominator === 0 ? undefined : Math.round((numerator * 1000) / denominator)
const f1Of = (tp: number, fp: number, fn: number): Permille => ratio(2 * tp, 2 * tp + fp + fn)
export const showPermille = (value: Permille): string => (value === undefined ? '–' : (value / 1000).toFixed(3))

const overlaps = (finding: Finding, record: TruthRecord): boolean => {
  const start = finding.period?.start ?? finding.date
  const end = finding.period?.endExclusive ?? finding.date
  return (
    start < record.period.endExclusive && (end > record.period.start || (end === start && start >= record.period.start))
  )
}

const amountWithin = (finding: Finding, expected: string | undefined, tolerance: Quantity.Quantity): boolean => {
  if (expected === undefined || finding.moneyGap === undefined) return true
  const planted = Quantity.unsafeFromString(expected)
  const difference = Quantity.abs(Quantity.subtract(Quantity.abs(finding.moneyGap.quantity), planted))
  return Quantity.compare(difference, Quantity.multiply(Quantity.abs(planted), tolerance)) <= 0
}

const yearOf = (date: string): string => date.slice(0, 4)

/** Scores the findings of one reconcile run against the truth. */
export const scoreFindings = (
  findings: ReadonlyArray<Finding>,
  ruleIds: ReadonlyArray<string>,
  truth: Truth,
  options: { readonly tolerance?: string; readonly minSeverity?: Severity; readonly asOf: string },
): ScoreReport => {
  const minSeverity = options.minSeverity ?? 'warn'
  const toleranceText = options.tolerance ?? truth.amountTolerance
  const tolerance = Quantity.unsafeFromString(toleranceText)
  const accusing = findings.filter((finding) => severityRank(finding.severity) >= severityRank(minSeverity))
  const byEntity = new Map<string, TruthRecord[]>()
  for (const record of truth.records) {
    const list = byEntity.get(record.entity) ?? []
    list.push(record)
    byEntity.set(record.entity, list)
  }
  const caught = new Map<string, Set<string>>() // record id → rules that caught it
  const counts = new Map<string, { tp: number; fp: number; onHonest: number; onDecoys: number }>()
  for (const id of ruleIds) counts.set(id, { tp: 0, fp: 0, onHonest: 0, onDecoys: 0 })
  const honestFindings: Array<ScoreReport['honestFindings'][number]> = []
  const matchedPairs = new Set<string>()
  for (const finding of accusing) {
    const count = counts.get(finding.rule) ?? { tp: 0, fp: 0, onHonest: 0, onDecoys: 0 }
    counts.set(finding.rule, count)
    const records = (finding.entity !== undefined ? byEntity.get(finding.entity) : undefined) ?? []
    const overlapping = records.filter((record) => overlaps(finding, record))
    const match = overlapping.find(
      (record) =>
        !record.decoy &&
        record.expected.some((e) => e.rule === finding.rule && amountWithin(finding, e.amount, tolerance)),
    )
    if (match !== undefined) {
      const key = `${match.id}\u0000${finding.rule}`
      if (!matchedPairs.has(key)) {
        matchedPairs.add(key)
        count.tp += 1
      }
      const rules = caught.get(match.id) ?? new Set<string>()
      rules.add(finding.rule)
      caught.set(match.id, rules)
      continue
    }
    count.fp += 1
    // Honest enterprise-years: nothing planted there (a decoy is honest activity, counted apart).
    if (overlapping.every((record) => record.decoy)) {
      if (overlapping.length === 0) count.onHonest += 1
      else count.onDecoys += 1
      honestFindings.push({
        rule: finding.rule,
        severity: finding.severity,
        entity: finding.entity ?? '',
        date: finding.date,
        message: finding.message,
      })
    }
  }
  const planted = truth.records.filter((record) => !record.decoy)
  const rules: RuleScore[] = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, count]) => {
      const expecting = planted.filter((record) => record.expected.some((e) => e.rule === rule)).length
      const misses = expecting - count.tp
      return {
        rule,
        planted: expecting,
        truePositives: count.tp,
        falsePositives: count.fp,
        onHonest: count.onHonest,
        onDecoys: count.onDecoys,
        misses,
        precision: ratio(count.tp, count.tp + count.fp),
        recall: ratio(count.tp, expecting),
        f1: expecting === 0 && count.tp + count.fp === 0 ? undefined : f1Of(count.tp, count.fp, misses),
      }
    })
  const kinds = [...new Set(planted.map((record) => record.kind))].sort()
  const mechanisms: MechanismScore[] = kinds.map((kind) => {
    const ofKind = planted.filter((record) => record.kind === kind)
    const expectedRules = [...new Set(ofKind.flatMap((record) => record.expected.map((e) => e.rule)))].sort()
    const caughtCount = ofKind.filter((record) => (caught.get(record.id)?.size ?? 0) > 0).length
    const detectable = ofKind.filter((record) => record.detectable).length
    const best = expectedRules
      .map((rule) => {
        const score = rules.find((r) => r.rule === rule)
        const tp = ofKind.filter((record) => caught.get(record.id)?.has(rule) === true).length
        return f1Of(tp, score?.falsePositives ?? 0, ofKind.length - tp) ?? 0
      })
      .reduce((a, b) => Math.max(a, b), 0)
    return {
      kind,
      mechanism: ofKind[0]?.mechanism ?? '',
      planted: ofKind.length,
      caught: caughtCount,
      undetectable: ofKind.length - detectable,
      rules: expectedRules,
      recall: ratio(caughtCount, detectable),
      bestRuleF1: best,
    }
  })
  return {
    asOf: options.asOf,
    tolerance: toleranceText,
    minSeverity,
    rules,
    mechanisms,
    honestFindings,
    baselines: [],
    leakWarnings: [],
  }
}

/** Runs the rules and scores them; with the ledger, also the leak baselines. */
export const score = (
  input: ReconcileInput,
  truth: Truth,
  options: ScoreOptions = {},
): E.Either<string, ScoreReport> => {
  const rules = options.rules ?? builtInRules
  const result = reconcile(input, rules, {
    ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
    ...(options.only !== undefined ? { only: options.only } : {}),
  })
  if (E.isLeft(result)) return E.left(renderError(result.left))
  const ids = options.only ?? rules.map((rule) => rule.id)
  const report = scoreFindings(result.right.findings, ids, truth, { ...options, asOf: result.right.asOf })
  const baselines = leakBaselines(input.books.ledger, truth)
  const leakWarnings = baselines
    .filter((baseline) => (baseline.f1 ?? 0) >= 500)
    .flatMap((baseline) => {
      const mechanism = report.mechanisms.find((m) => m.kind === baseline.kind)
      const real = mechanism?.bestRuleF1 ?? 0
      return (baseline.f1 ?? 0) >= real - 100
        ? [
            `${baseline.baseline} "${baseline.pattern}" finds ${baseline.kind} with F1 ` +
              `${showPermille(baseline.f1)} against the best rule's ${showPermille(real)}: the simulator may ` +
              `leak the truth into the books`,
          ]
        : []
    })
  return E.right({ ...report, baselines, leakWarnings })
}

/**
 * Trivial baselines, judged per (entity, year) against each planted kind, each at its best
 * pattern: an entity-name token, an account name (ids masked), a single-amount threshold.
 */
export const leakBaselines = (ledger: Ledger.Ledger, truth: Truth): ReadonlyArray<BaselineScore> => {
  const units = new Set<string>()
  const byAccount = new Map<string, Set<string>>()
  const maxAmount = new Map<string, Quantity.Quantity>()
  for (const transaction of Ledger.transactions(ledger)) {
    for (const posting of transaction.postings) {
      if (posting.entity === undefined || !posting.entity.startsWith('plant-')) continue
      const unit = `${posting.entity}\u0000${yearOf(transaction.date)}`
      units.add(unit)
      const masked = posting.account
        .split(':')
        .slice(1)
        .map((segment) => (/\d/u.test(segment) ? '*' : segment))
        .join(':')
      const set = byAccount.get(masked) ?? new Set<string>()
      set.add(unit)
      byAccount.set(masked, set)
      if (posting.money !== undefined) {
        const size = Quantity.abs(posting.money.quantity)
        const previous = maxAmount.get(unit)
        if (previous === undefined || Quantity.compare(size, previous) > 0) maxAmount.set(unit, size)
      }
    }
  }
  const kinds = [...new Set(truth.records.filter((r) => !r.decoy).map((r) => r.kind))].sort()
  const results: BaselineScore[] = []
  const f1For = (flagged: ReadonlySet<string>, positives: ReadonlySet<string>): Permille => {
    let tp = 0
    for (const unit of flagged) if (positives.has(unit)) tp += 1
    return f1Of(tp, flagged.size - tp, positives.size - tp)
  }
  for (const kind of kinds) {
    const positives = new Set(
      truth.records.filter((r) => !r.decoy && r.kind === kind).map((r) => `${r.entity}\u0000${r.period.label}`),
    )
    // Entity-name tokens: the last digit and the last two digits of the number.
    let best: BaselineScore = { baseline: 'entity-name', kind, pattern: '', f1: 0 }
    for (const width of [1, 2]) {
      const groups = new Map<string, Set<string>>()
      for (const unit of units) {
        const token = (unit.split('\u0000')[0] as string).slice(-width)
        const set = groups.get(token) ?? new Set<string>()
        set.add(unit)
        groups.set(token, set)
      }
      for (const [token, flagged] of groups) {
        const f1 = f1For(flagged, positives)
        if ((f1 ?? 0) > (best.f1 ?? 0)) best = { baseline: 'entity-name', kind, pattern: `*${token}`, f1 }
      }
    }
    results.push(best)
    let bestAccount: BaselineScore = { baseline: 'account-name', kind, pattern: '', f1: 0 }
    for (const [account, flagged] of byAccount) {
      const f1 = f1For(flagged, positives)
      if ((f1 ?? 0) > (bestAccount.f1 ?? 0)) bestAccount = { baseline: 'account-name', kind, pattern: account, f1 }
    }
    results.push(bestAccount)
    // Single-amount threshold: flag every enterprise-year whose largest posting reaches T.
    const sorted = [...maxAmount.entries()].sort(([, a], [, b]) => Quantity.compare(b, a))
    let bestAmount: BaselineScore = { baseline: 'amount-threshold', kind, pattern: '', f1: 0 }
    let tp = 0
    sorted.forEach(([unit, amount], index) => {
      if (positives.has(unit)) tp += 1
      const f1 = f1Of(tp, index + 1 - tp, positives.size - tp)
      if ((f1 ?? 0) > (bestAmount.f1 ?? 0))
        bestAmount = {
          baseline: 'amount-threshold',
          kind,
          pattern: `largest posting ≥ ${Quantity.toString(amount)}`,
          f1,
        }
    })
    results.push(bestAmount)
  }
  return results
}

export interface SweepSpec {
  readonly rule: string
  readonly parameter: string
  readonly values: ReadonlyArray<string>
}

/** `RULE.PARAM=FROM..TO:STEP` (decimals; at most 1,000 steps). */
export const parseSweep = (text: string): E.Either<string, SweepSpec> => {
  if (typeof text !== 'string') return E.left('a sweep must be text (rule.parameter=from..to:step)')
  const match = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/u.exec(text)
  if (match === null)
    return E.left(
      `--sweep ${JSON.stringify(text)}: write RULE.PARAM=FROM..TO:STEP, e.g. working-capital-above-norm.warnAt=0..50:5`,
    )
  const [, rule, parameter, fromText, toText, stepText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const step = Quantity.unsafeFromString(stepText)
  const to = Quantity.unsafeFromString(toText)
  if (Quantity.sign(step) <= 0) return E.left(`--sweep ${text}: the step must be above 0`)
  const values: string[] = []
  for (
    let value = Quantity.unsafeFromString(fromText);
    Quantity.compare(value, to) <= 0;
    value = Quantity.add(value, step)
  ) {
    values.push(Quantity.toString(value))
    if (values.length > 1000) return E.left(`--sweep ${text}: more than 1,000 steps`)
  }
  return E.right({ rule, parameter, values })
}

export interface SweepRow {
  readonly value: string
  readonly score: RuleScore
}

/** Precision and recall of one rule across the values of one parameter. */
export const sweep = (
  input: ReconcileInput,
  truth: Truth,
  spec: SweepSpec,
  options: ScoreOptions = {},
): E.Either<string, ReadonlyArray<SweepRow>> => {
  const rows: SweepRow[] = []
  for (const value of spec.values) {
    const overrides = new Map(options.overrides ?? [])
    overrides.set(`${spec.rule}.${spec.parameter}`, value)
    const result = reconcile(input, options.rules ?? builtInRules, { overrides, only: [spec.rule] })
    if (E.isLeft(result)) return E.left(renderError(result.left))
    const report = scoreFindings(result.right.findings, [spec.rule], truth, { ...options, asOf: result.right.asOf })
    const ruleScore = report.rules.find((r) => r.rule === spec.rule)
    if (ruleScore !== undefined) rows.push({ value, score: ruleScore })
  }
  return E.right(rows)
}
