/**
 * R9 rejection-rate plausibility: the rejection rate a plant reported, set against the final acceptance its physical
 * book records.
 */
import * as O from 'fp-ts/lib/Option.js'
import { Amount, type Commodity, type Entity, type LocalDate, Period, Quantity } from '../../core/index.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import { Flows, Physical, Ratio } from '../../measures/index.js'
import {
  amountMeasure,
  type Evidence,
  numberMeasure,
  percentMeasure,
  reportedEvidence,
  showPercent,
  showUnits,
} from '../Finding.js'
import * as Param from '../Param.js'
import { defineRule, type FindingDraft, type ReconcileInput } from '../Rule.js'
import { entitiesOf, reportedFigures, transactionsEvidence } from './common.js'

/** One case of R9: a reported rejection rate of a period, set against one goods commodity (or all units). */
interface RejectionCase {
  readonly period: Period.Period
  readonly commodity?: Commodity.CommoditySymbol
  readonly figure?: ReportedFigure
}

/** What R9 counts for one case (units), with the evidence and whether any input was approximate. */
interface RejectionCounts {
  readonly presented: Quantity.Quantity
  readonly rejected: Quantity.Quantity
  readonly accepted: Quantity.Quantity
  readonly pending: Quantity.Quantity
  readonly evidence: ReadonlyArray<Evidence>
  readonly estimated: boolean
  /** The commodities that reached finished goods (names the unit gap when the case has no commodity). */
  readonly produced: ReadonlyArray<Commodity.CommoditySymbol>
}

/** An implausible reported rate: the reported (inspection) rate, the implied final rate and the units behind it. */
interface RejectionGap {
  readonly inspection: Quantity.Quantity
  readonly finalRate: Quantity.Quantity
  readonly difference: Quantity.Quantity
  readonly notAccepted: Quantity.Quantity
}

/** The range of a period up to the as-of date. */
const rangeUpTo = (period: Period.Period, asOf: LocalDate.LocalDate) => ({
  begin: period.start,
  end: period.endExclusive <= Flows.dayAfter(asOf) ? period.endExclusive : Flows.dayAfter(asOf),
})

/**
 * Gather: the entity's reported `rejection-rate[:COMMODITY]` figures as cases. A rate reported for the whole plant is
 * set against each goods commodity on its own: units of different commodities (tanks, artillery systems) are never
 * summed. Without a reported rate there is nothing to set the books against: no case is invented.
 */
const rejectionCases = (input: ReconcileInput, entity: Entity.EntityName): ReadonlyArray<RejectionCase> =>
  input.reported
    .filter(
      (figure) =>
        figure.entity === entity &&
        (figure.metric === 'rejection-rate' || figure.metric.startsWith('rejection-rate:')) &&
        figure.period.start <= input.asOf,
    )
    .flatMap((figure): ReadonlyArray<RejectionCase> => {
      const suffix = figure.metric.slice('rejection-rate'.length)
      if (suffix.startsWith(':'))
        return [{ period: figure.period, commodity: suffix.slice(1) as Commodity.CommoditySymbol, figure }]
      const range = rangeUpTo(figure.period, input.asOf)
      const produced = [
        ...Physical.unitsReachingIndexed(input.books, { entity, stage: 'finished', range }, input.index).units.keys(),
      ].sort()
      return produced.length === 0
        ? [{ period: figure.period, figure }]
        : produced.map((commodity) => ({ period: figure.period, commodity, figure }))
    })

/**
 * Measure: units presented (reached finished goods in the period, less an opening stock brought forward; else the
 * reported output), rejected at inspection, finally accepted by the as-of date, and pending (still inside their
 * acceptance period: held in finished goods, shipped or provisionally accepted for at most `pendingDays`).
 */
const countRejection = (
  input: ReconcileInput,
  entity: Entity.EntityName,
  item: RejectionCase,
  pendingLayers: ReadonlyArray<Physical.AgedUnits>,
): RejectionCounts => {
  const { books, asOf } = input
  const range = rangeUpTo(item.period, asOf)
  const reached = Physical.unitsReachingIndexed(books, { entity, stage: 'finished', range }, input.index)
  const rejectedFlow = Physical.unitsReachingIndexed(books, { entity, stage: 'rejected', range }, input.index)
  const accepted = Physical.unitsReachingIndexed(
    books,
    { entity, stage: 'finallyAccepted', range: { begin: item.period.start, end: Flows.dayAfter(asOf) } },
    input.index,
  )
  const pick = (units: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>): Quantity.Quantity =>
    item.commodity !== undefined ? (units.get(item.commodity) ?? Quantity.zero) : Quantity.sumAll(units.values())
  // An opening stock brought into finished goods is not output of the period.
  const broughtForward = Physical.unitsBroughtForward(books, entity, reached.transactions, item.period.start)
  const pending = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  for (const layer of pendingLayers)
    if (layer.since >= range.begin)
      pending.set(layer.commodity, Quantity.add(pending.get(layer.commodity) ?? Quantity.zero, layer.units))
  let presented = Quantity.subtract(Quantity.add(pick(reached.units), pick(rejectedFlow.units)), pick(broughtForward))
  const evidence: Evidence[] = [
    ...transactionsEvidence([...reached.transactions, ...rejectedFlow.transactions, ...accepted.transactions]),
  ]
  let estimated = reached.estimated || rejectedFlow.estimated || accepted.estimated
  if (Quantity.isZero(presented)) {
    const outputFigures = reportedFigures(
      input,
      entity,
      item.commodity !== undefined ? `output:${item.commodity}` : 'output',
    ).filter((figure) => Period.overlaps(figure.period, item.period))
    const output = outputFigures[outputFigures.length - 1]
    if (output !== undefined && output.value._tag === 'Amount') {
      presented = output.value.amount.quantity
      evidence.push(
        reportedEvidence(
          output,
          `reported output ${showUnits(output.value.amount.quantity, output.value.amount.commodity)}`,
        ),
      )
      estimated = estimated || output.estimated
    } else if (output !== undefined && output.value._tag === 'Number') {
      presented = output.value.value
      evidence.push(reportedEvidence(output, `reported output ${Quantity.toString(output.value.value)}`))
    }
  }
  return {
    presented,
    rejected: pick(rejectedFlow.units),
    accepted: pick(accepted.units),
    pending: pick(pending),
    evidence,
    estimated,
    produced: [...reached.units.keys()],
  }
}

/**
 * Judge: r_final = 1 − accepted / (presented − rejected − pending), computed; implausible when
 * r_final − r_reported is more than `gap` points (none when nothing is left to judge or no rate was
 * reported as a number).
 */
const judgeRejection = (
  { presented, rejected, accepted, pending }: RejectionCounts,
  figure: ReportedFigure | undefined,
  gap: Quantity.Quantity,
): RejectionGap | undefined => {
  const base = Quantity.subtract(Quantity.subtract(presented, rejected), pending)
  if (Quantity.sign(base) <= 0) return undefined
  const inspection =
    figure !== undefined && (figure.value._tag === 'Percent' || figure.value._tag === 'Number')
      ? figure.value._tag === 'Percent'
        ? figure.value.percent
        : figure.value.value
      : undefined
  if (inspection === undefined) return undefined
  const notAccepted = Quantity.subtract(base, Quantity.min(accepted, base))
  const finalRate = O.getOrElse(() => Quantity.zero)(Ratio.percentOf(notAccepted, base))
  const difference = Quantity.subtract(finalRate, inspection)
  if (Quantity.compare(difference, gap) <= 0) return undefined
  return { inspection, finalRate, difference, notAccepted }
}

/** Explain: the finding for an implausible rate, with the counts as measures and the reported rate as evidence. */
const rejectionDraft = (
  { asOf }: ReconcileInput,
  entity: Entity.EntityName,
  item: RejectionCase,
  { presented, rejected, accepted, pending, evidence, estimated, produced }: RejectionCounts,
  { inspection, finalRate, difference, notAccepted }: RejectionGap,
  gap: Quantity.Quantity,
): FindingDraft => {
  const commodity = item.commodity ?? produced[0]
  return {
    severity: 'critical',
    entity,
    period: item.period,
    date: Period.lastDay(item.period) < asOf ? Period.lastDay(item.period) : asOf,
    ...(commodity !== undefined ? { unitGap: Amount.make(notAccepted, commodity) } : {}),
    measures: [
      percentMeasure('reported', inspection),
      percentMeasure('implied', finalRate),
      percentMeasure('gap', difference),
      ...(commodity !== undefined
        ? [
            amountMeasure('presented', presented, commodity),
            amountMeasure('rejected', rejected, commodity),
            amountMeasure('accepted', accepted, commodity),
            ...(Quantity.sign(pending) > 0 ? [amountMeasure('pending', pending, commodity)] : []),
          ]
        : [
            numberMeasure('presented', presented),
            numberMeasure('rejected', rejected),
            numberMeasure('accepted', accepted),
            ...(Quantity.sign(pending) > 0 ? [numberMeasure('pending', pending)] : []),
          ]),
    ],
    threshold: {
      text: `implied final rejection − inspection rejection > ${showPercent(gap)} points`,
      value: { _tag: 'Percent', percent: gap },
    },
    evidence: [
      ...evidence,
      ...(item.figure !== undefined
        ? [reportedEvidence(item.figure, `reported rejection rate ${showPercent(inspection)}`)]
        : []),
    ],
    estimated: estimated || item.figure?.estimated === true,
    message:
      `${entity}${commodity !== undefined ? ` (${commodity})` : ''}: ${Quantity.toString(presented)} ` +
      `units recorded as produced in ${item.period.label}, ${Quantity.toString(accepted)} finally ` +
      `accepted by ${asOf}` +
      (Quantity.sign(pending) > 0
        ? ` (${Quantity.toString(pending)} still inside their acceptance period, left out)`
        : '') +
      `; implied final rejection (computed) ${showPercent(finalRate)} against a reported rate of ` +
      `${showPercent(inspection)} (${showPercent(difference)} points apart).`,
  }
}

/**
 * Rule R9 (`rejection-rate-plausibility`): flags as critical a final rejection rate that exceeds the inspection
 * rejection rate by more than `gap` percentage points (default 20), compared exactly.
 */
export const rejectionRatePlausibility = defineRule({
  id: 'rejection-rate-plausibility',
  title: 'Reported rejection rate implausible against final acceptance',
  description:
    'For each reported `rejection-rate[:COMMODITY]` figure (none reported: silent): units presented = ' +
    'units that reached finished goods in the period, less an opening stock brought forward (else the ' +
    'reported `output[:COMMODITY]` figure); rejected at inspection = units moved to `rejected`; ' +
    'pending = units still held in finished goods, shipped or provisionally accepted for at most ' +
    '`pendingDays` (default 90) on the as-of date, left out; finally accepted = units that reached ' +
    "final acceptance (or a buyer's acceptance) by the as-of date. r_final = 1 − accepted / (presented " +
    '− rejected − pending), computed. r_final − r_reported > `gap` points → critical.',
  motivation:
    'domain.md Q20–Q21, D8, D10, I9 (fn 65: 101 T-28 "recorded as produced", 0 finally accepted; fn ' +
    '70: Kirov 12.8 % average rejection) → gap 87.2 points.',
  parameters: { gap: Param.percent, pendingDays: Param.count },
  defaults: { gap: Quantity.fromInteger(20), pendingDays: 90 },
  evaluate: (input, { gap, pendingDays }) =>
    entitiesOf(input.books).flatMap((entity) => {
      const cases = rejectionCases(input, entity)
      if (cases.length === 0) return []
      // Units still inside their acceptance period on the as-of date (held in finished goods,
      // shipped or provisionally accepted for at most `pendingDays`) are neither accepted nor rejected yet.
      const pendingLayers = (['finished', 'shipped', 'provisionallyAccepted'] as const).flatMap((stage) =>
        Physical.stageAgeing(input.books, { stage, on: input.asOf, entity }).filter(
          (layer) => layer.ageDays <= pendingDays,
        ),
      )
      return cases.flatMap((item) => {
        const counts = countRejection(input, entity, item, pendingLayers)
        const judged = judgeRejection(counts, item.figure, gap)
        return judged === undefined ? [] : [rejectionDraft(input, entity, item, counts, judged, gap)]
      })
    }),
})
