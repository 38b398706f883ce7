/**
 * Plan-fulfilment triangulation (R4) when a figure is hedged or a measure is not computable: the
 * interval form of the two tests of `plan-fulfilment-triangulation` (reported − realized > gap
 * points; reported ≥ 100 % while realized < 100 %), each with a verdict. The exact case stays in
 * PlanRules.ts; this is the path the rule takes when the sources give "below 100 %" or the books
 * hold no sales.
 */
import { type Entity, Interval, type LocalDate, Period, type Rate } from '../../core/index.js'
import type { Books } from '../../domain/Books.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import type { Fulfilment } from '../../measures/index.js'
import { type PercentReading, percentReadingMeasure, percentVerdict, showPercentReading } from '../Figures.js'
import { amountMeasure, type Evidence, planEvidence, reportedEvidence, showMoney, showPercent } from '../Finding.js'
import type { FindingDraft } from '../Rule.js'
import { hundred, hundredPercent } from './common.js'

/** Both conditions hold: certain when both are certain, never when either never is. */
const both = (a: Interval.Verdict, b: Interval.Verdict): Interval.Verdict =>
  a === 'never' || b === 'never'
    ? 'never'
    : a === 'undecidable' || b === 'undecidable'
      ? 'undecidable'
      : a === 'certain' && b === 'certain'
        ? 'certain'
        : 'possible'

/** Either condition holds. */
const either = (a: Interval.Verdict, b: Interval.Verdict): Interval.Verdict =>
  a === 'certain' || b === 'certain'
    ? 'certain'
    : a === 'possible' || b === 'possible'
      ? 'possible'
      : a === 'undecidable' || b === 'undecidable'
        ? 'undecidable'
        : 'never'

const intervalOf = (reading: PercentReading): Interval.Interval =>
  reading._tag === 'Exact'
    ? Interval.exact(reading.percent)
    : reading._tag === 'Hedged'
      ? reading.reading.interval
      : Interval.unknown

/** Whether the triangulation must take the interval path: a hedged input, or realized not computable. */
export const needsIntervals = (reported: PercentReading | undefined, realized: PercentReading | undefined): boolean =>
  reported?._tag === 'Hedged' ||
  realized?._tag === 'Hedged' ||
  realized?._tag === 'NotComputable' ||
  reported?._tag === 'NotComputable'

/** The finding of the interval path, or undefined when neither test may hold (or neither can be decided). */
export const hedgedTriangulation = (input: {
  readonly books: Books
  readonly entity: Entity.EntityName
  readonly period: Period.Period
  readonly asOf: LocalDate.LocalDate
  readonly measured: Fulfilment.PlanFulfilment
  readonly gap: Rate.PercentPoints
  readonly reported: PercentReading
  readonly realized: PercentReading
  readonly figures: ReadonlyArray<{ readonly figure: ReportedFigure | undefined; readonly what: string }>
}): FindingDraft | undefined => {
  const { books, entity, period, asOf, measured, gap, reported, realized } = input
  const overGap =
    reported._tag === 'NotComputable' || realized._tag === 'NotComputable'
      ? 'undecidable'
      : Interval.verdict(Interval.subtract(intervalOf(reported), intervalOf(realized)), '>', gap)
  const hundredButShort = both(percentVerdict(reported, '>=', hundred), percentVerdict(realized, '<', hundred))
  const verdict = either(overGap, hundredButShort)
  // Undecidable (an input is not computable) or never: the sources do not support a finding.
  if (verdict !== 'certain' && verdict !== 'possible') return undefined
  const byGap = overGap === verdict
  const evidence: Evidence[] = [
    ...measured.plans.map((plan) => planEvidence(books, plan.plan.line, plan.plan.revision, books.currency)),
    ...input.figures.flatMap(({ figure, what }) => (figure !== undefined ? [reportedEvidence(figure, what)] : [])),
  ]
  return {
    severity: 'critical',
    entity,
    period,
    date: Period.lastDay(period) < asOf ? Period.lastDay(period) : asOf,
    verdict,
    measures: [
      percentReadingMeasure('reported', reported),
      percentReadingMeasure('realized', realized),
      ...(measured.basis === 'money' ? [amountMeasure('plan', measured.planAmount, books.currency)] : []),
    ],
    threshold: byGap
      ? { text: `reported − realized > ${showPercent(gap)} points`, value: { _tag: 'Percent', percent: gap } }
      : { text: 'reported ≥ 100 % while realized < 100 %', value: { _tag: 'Percent', percent: hundredPercent } },
    evidence,
    estimated: measured.estimated,
    message:
      `${entity} reported ${showPercentReading(reported)} plan fulfilment for ${period.label}, but ` +
      `realized sales were ${showPercentReading(realized)}` +
      `${measured.basis === 'money' ? ` of the plan of ${showMoney(measured.planAmount, books.currency)}` : ''}` +
      ` (${verdict}: ` +
      `${byGap ? `more than ${showPercent(gap)} points apart` : 'at least 100 % reported, below 100 % realized'}` +
      `).`,
  }
}
