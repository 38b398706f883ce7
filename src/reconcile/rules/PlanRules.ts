/**
 * R4 plan-fulfilment triangulation; R5 WIP growth against the output plan.
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Commodity, type Entity, type LocalDate, Period, Quantity, Rate } from '../../core/index.js'
import type { Books } from '../../domain/Books.js'
import { Flows, Fulfilment, Plans, Ratio } from '../../measures/index.js'
import { type PercentReading, percentReadingOf } from '../Figures.js'
import {
  amountMeasure,
  type Evidence,
  numberMeasure,
  percentMeasure,
  planEvidence,
  reportedEvidence,
  showMoney,
  showPercent,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, type ReconcileInput, unsafeDefineRule } from '../Rule.js'
import {
  entitiesOf,
  evidenceTail,
  hundred,
  hundredPercent,
  reportedFor,
  reportedPercent,
  transactionsEvidence,
} from './common.js'
import { hedgedTriangulation, needsIntervals } from './HedgedFulfilment.js'

const pointReading = (percent: Rate.PercentPoints | undefined): PercentReading | undefined =>
  percent === undefined ? undefined : { _tag: 'Exact', percent }

const samePeriod = (a: Period.Period, b: Period.Period): boolean =>
  a.start === b.start && a.endExclusive === b.endExclusive

/** Distinct periods of the entity's output plans that began by `asOf`. */
const planPeriods = (
  books: Books,
  entity: Entity.EntityName,
  asOf: LocalDate.LocalDate,
): ReadonlyArray<Period.Period> => {
  const periods: Period.Period[] = []
  for (const line of Plans.planLines(books, entity, 'OutputPlan')) {
    if (line.period.start > asOf || periods.some((period) => samePeriod(period, line.period))) continue
    periods.push(line.period)
  }
  return periods
}

/**
 * A percentage as the exact fraction `numerator / denominator` (denominator > 0): a reported figure over 1, or 100 ·
 * part / whole; none when `whole` is not positive.
 */
interface ExactPercent {
  readonly numerator: Quantity.Quantity
  readonly denominator: Quantity.Quantity
}

const exactPercent = (
  figure: Quantity.Quantity | undefined,
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
): ExactPercent | undefined =>
  figure !== undefined
    ? { numerator: figure, denominator: Quantity.unsafeFromInteger(1) }
    : Quantity.sign(whole) > 0
      ? { numerator: Quantity.multiply(part, hundred), denominator: whole }
      : undefined

/**
 * Rule R4 (`plan-fulfilment-triangulation`): critical when reported plan fulfilment exceeds realized fulfilment by more
 * than `gap` percentage points (default 5), or reaches 100 percent while realized stays below it.
 */
export const planFulfilmentTriangulation = unsafeDefineRule({
  id: 'plan-fulfilment-triangulation',
  title: 'Plan fulfilment: reported vs physical vs realized',
  description:
    'For each output-plan period, sets three measures of fulfilment against the plan amount: reported ' +
    '(the `plan-fulfilment` reported figure, else sales recognized at plan price + WIP growth), ' +
    'physical (units that reached finished goods at the plan price per unit, or the reported ' +
    '`plan-fulfilment:physical`) and realized (demands finally accepted and paid; for aggregate books ' +
    'sales less the growth of receivables; or the reported `plan-fulfilment:realized`). Critical when ' +
    'reported − realized > `gap` percentage points, or reported ≥ 100 % while realized < 100 %. ' +
    'Reports the add-on (reported − physical) × plan. Checked only where a `plan-fulfilment` figure is ' +
    'reported for the period (none reported: silent).',
  motivation:
    'domain.md Q15, D24, M9 (fn 61: TsGIA SPb F. P-960, Op.7, D.388, 14): 114 % reported, ≈100 % by ' +
    'volume, < 100 % by realized sales.',
  parameters: { gap: Param.percent },
  defaults: { gap: Rate.percentPoints(Quantity.unsafeFromInteger(5)) },
  evaluate: (input: ReconcileInput, { gap }) => {
    const { books, asOf, index } = input
    const drafts: FindingDraft[] = []
    for (const entity of entitiesOf(books)) {
      for (const period of planPeriods(books, entity, asOf)) {
        const reportedFigure = reportedFor(input, entity, 'plan-fulfilment', period)
        // Without a reported fulfilment there is no claim to set against the books: the rule is
        // silent rather than test a figure it computed itself (which honest WIP growth raises).
        if (reportedFigure === undefined) continue
        const whole = Fulfilment.planFulfilment(books, entity, period, asOf, undefined, index)
        const unitCommodities =
          whole.basis === 'units'
            ? [...new Set(whole.plans.filter((plan) => plan.units !== undefined).map((plan) => plan.commodity))]
            : []
        const variants =
          unitCommodities.length > 1
            ? unitCommodities.map((commodity) =>
                Fulfilment.planFulfilment(books, entity, period, asOf, commodity, index),
              )
            : [whole]
        for (const measured of variants) {
          const realizedFigure0 = reportedFor(input, entity, 'plan-fulfilment:realized', period)
          const reportedReading =
            percentReadingOf(reportedFigure) ?? pointReading(O.toUndefined(measured.ratios.reportedGross))
          const realizedReading =
            percentReadingOf(realizedFigure0) ??
            (measured.basis === 'money' && !measured.realized.computable
              ? { _tag: 'NotComputable' as const, missing: 'realized sales' }
              : pointReading(O.toUndefined(measured.ratios.realized)))
          if (needsIntervals(reportedReading, realizedReading)) {
            // Hedged figures ("below 100 %") or no sales in the books: the interval path, with a verdict.
            if (reportedReading === undefined || realizedReading === undefined) continue
            const physicalFigure0 = reportedFor(input, entity, 'plan-fulfilment:physical', period)
            const draft = hedgedTriangulation({
              books,
              entity,
              period,
              asOf,
              measured,
              gap,
              reported: reportedReading,
              realized: realizedReading,
              figures: [
                { figure: reportedFigure, what: 'reported plan fulfilment' },
                { figure: physicalFigure0, what: 'reported physical fulfilment' },
                { figure: realizedFigure0, what: 'reported realized fulfilment' },
              ],
            })
            if (draft !== undefined) drafts.push(draft)
            continue
          }
          const reported = reportedPercent(reportedFigure) ?? O.toUndefined(measured.ratios.reportedGross)
          const physicalFigure = reportedFor(input, entity, 'plan-fulfilment:physical', period)
          const physical = reportedPercent(physicalFigure) ?? O.toUndefined(measured.ratios.physical)
          const realizedFigure = reportedFor(input, entity, 'plan-fulfilment:realized', period)
          const realized = reportedPercent(realizedFigure) ?? O.toUndefined(measured.ratios.realized)
          const reportedExact = exactPercent(
            reportedPercent(reportedFigure),
            measured.reportedGross.money,
            measured.basis === 'money' ? measured.planAmount : Quantity.zero,
          )
          const realizedExact =
            measured.basis === 'units'
              ? exactPercent(reportedPercent(realizedFigure), measured.acceptedUnits, measured.planUnits)
              : exactPercent(reportedPercent(realizedFigure), measured.realized.money, measured.planAmount)
          if (
            reported === undefined ||
            realized === undefined ||
            reportedExact === undefined ||
            realizedExact === undefined
          )
            continue
          const difference = Rate.percentPoints(Quantity.subtract(reported, realized))
          // Both tests on the exact fractions (cross-multiplied, denominators positive), not on the rounded percentages
          // shown.
          const overGap =
            Quantity.compare(
              Quantity.subtract(
                Quantity.multiply(reportedExact.numerator, realizedExact.denominator),
                Quantity.multiply(realizedExact.numerator, reportedExact.denominator),
              ),
              Quantity.multiply(gap, Quantity.multiply(reportedExact.denominator, realizedExact.denominator)),
            ) > 0
          const hundredButShort =
            Quantity.compare(reportedExact.numerator, Quantity.multiply(hundred, reportedExact.denominator)) >= 0 &&
            Quantity.compare(realizedExact.numerator, Quantity.multiply(hundred, realizedExact.denominator)) < 0
          if (!overGap && !hundredButShort) continue
          const addOn =
            physical === undefined
              ? undefined
              : Ratio.percentOfValue(measured.planAmount, Rate.percentPoints(Quantity.subtract(reported, physical)))
          const evidence: Evidence[] = [
            ...measured.plans.map((plan) => planEvidence(books, plan.plan.line, plan.plan.revision, books.currency)),
            ...(reportedFigure !== undefined
              ? [reportedEvidence(reportedFigure, `reported plan fulfilment ${showPercent(reported)}`)]
              : []),
            ...(physicalFigure !== undefined && physical !== undefined
              ? [reportedEvidence(physicalFigure, `reported physical fulfilment ${showPercent(physical)}`)]
              : []),
            ...(realizedFigure !== undefined
              ? [reportedEvidence(realizedFigure, `reported realized fulfilment ${showPercent(realized)}`)]
              : []),
            ...transactionsEvidence(evidenceTail(measured)),
          ]
          const claim = `${entity} reported ${showPercent(reported)} plan fulfilment`
          drafts.push({
            severity: 'critical',
            entity,
            period,
            date: Period.lastDay(period) < asOf ? Period.lastDay(period) : asOf,
            documents: measured.realized.demands.map((demand) => demand.id),
            ...(measured.basis === 'units'
              ? unitGapOf(measured)
              : addOn !== undefined
                ? { moneyGap: { quantity: roundMoney(addOn), commodity: books.currency } }
                : {}),
            measures: [
              percentMeasure('reported', reported),
              ...(physical !== undefined ? [percentMeasure('physical', physical)] : []),
              percentMeasure('realized', realized),
              percentMeasure('gap', difference),
              ...(measured.basis === 'units'
                ? [
                    numberMeasure('plan:units', measured.planUnits),
                    numberMeasure('accepted:units', measured.acceptedUnits),
                  ]
                : [amountMeasure('plan', measured.planAmount, books.currency)]),
              amountMeasure('realized-sales', measured.realized.money, books.currency),
              amountMeasure('sales-recognized', measured.reportedGross.salesRecognized, books.currency),
              amountMeasure('wip-growth', measured.reportedGross.wipGrowth, books.currency),
              ...(addOn !== undefined && measured.basis === 'money'
                ? [amountMeasure('add-on', roundMoney(addOn), books.currency)]
                : []),
            ],
            threshold: overGap
              ? { text: `reported − realized > ${showPercent(gap)} points`, value: { _tag: 'Percent', percent: gap } }
              : {
                  text: 'reported ≥ 100 % while realized < 100 %',
                  value: { _tag: 'Percent', percent: hundredPercent },
                },
            evidence,
            estimated: measured.estimated,
            message:
              measured.basis === 'units'
                ? `${claim} for ${period.label}, but only ${Quantity.toString(measured.acceptedUnits)} of ` +
                  `${Quantity.toString(measured.planUnits)} planned units were finally accepted (` +
                  `${showPercent(realized)})` +
                  `${physical !== undefined ? `; physical output ${showPercent(physical)}` : ''}.`
                : `${claim} for ${period.label}, but realized sales reach ${showPercent(realized)}` +
                  `${realizedFigure === undefined ? ' (computed: demands accepted and paid)' : ''} of the plan ` +
                  `of ${showMoney(measured.planAmount, books.currency)}` +
                  `${physical !== undefined ? ` (physical output ${showPercent(physical)})` : ''}.`,
          })
        }
      }
    }
    return drafts
  },
})

/** For a plan in units of one commodity: the planned units not finally accepted. */
const unitGapOf = (
  measured: Fulfilment.PlanFulfilment,
): { readonly unitGap?: { readonly quantity: Quantity.Quantity; readonly commodity: Commodity.CommoditySymbol } } => {
  const commodities = [...new Set(measured.plans.map((plan) => plan.commodity))]
  const [commodity] = commodities
  if (commodities.length !== 1 || commodity === undefined) return {}
  return { unitGap: { quantity: Quantity.subtract(measured.planUnits, measured.acceptedUnits), commodity } }
}

const roundMoney = (value: Quantity.Quantity): Quantity.Quantity =>
  Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(value)

/** Planned output (money) for one quarter: quarterly lines, else a quarter of the annual line. */
const plannedForQuarter = (
  books: Books,
  entity: Entity.EntityName,
  quarter: Period.Period,
  asOf: LocalDate.LocalDate,
): Quantity.Quantity | undefined => {
  const lines = Plans.planLines(books, entity, 'OutputPlan')
  const quarterly = lines.filter(
    (line) => line.period.start === quarter.start && line.period.endExclusive === quarter.endExclusive,
  )
  const values = (
    quarterly.length > 0
      ? quarterly
      : lines.filter(
          (line) =>
            Period.contains(line.period, quarter.start) && Period.contains(line.period, Period.lastDay(quarter)),
        )
  )
    .map((line) => Plans.valueKnownOn(line, asOf))
    .filter((value): value is Plans.PlanValue => value !== undefined)
  if (values.length === 0) return undefined
  const total = Quantity.sumAll(values.map((value) => value.revision.amount))
  if (quarterly.length > 0) return total
  // An annual (or longer) plan spread evenly: equal quarters, so its growth is zero.
  return O.getOrElse(() => total)(
    Ratio.ratio(total, Quantity.unsafeFromInteger(4), { scaleDigits: 2, mode: 'halfEven' }),
  )
}

/**
 * Rule R5 (`wip-growth-vs-plan`): flags runs of completed quarters whose WIP growth exceeds planned-output growth by
 * more than `gap` percentage points (default 10), warn from `consecutive` quarters (default 2) and critical from
 * `criticalRun` (default 4).
 */
export const wipGrowthVsPlan = unsafeDefineRule({
  id: 'wip-growth-vs-plan',
  title: 'Work in progress growing out of step with the output plan',
  description:
    'Per completed quarter (up to `quarters` back from the as-of date): WIP growth g_wip = ΔWIP / WIP ' +
    'of the previous quarter end; planned-output growth g_out = Δplanned output / previous planned ' +
    'output (zero for a flat or annual plan; a quarter with no output plan in force cannot breach). A ' +
    'quarter breaches when g_wip − g_out > `gap` points; a run of ≥ `consecutive` breaching quarters ' +
    'is warn, of ≥ `criticalRun` critical.',
  motivation:
    'domain.md Q8, M2 (fn 52: "growing systematically from quarter to quarter", "not in any ' +
    'correspondence to the production plan").',
  parameters: { gap: Param.percent, consecutive: Param.count, criticalRun: Param.count, quarters: Param.count },
  defaults: { gap: Rate.percentPoints(Quantity.unsafeFromInteger(10)), consecutive: 2, criticalRun: 4, quarters: 8 },
  evaluate: ({ books, asOf, index: ledgerIndex }, { gap, consecutive, criticalRun, quarters }) => {
    const drafts: FindingDraft[] = []
    for (const entity of entitiesOf(books)) {
      // Quarters ending on or before asOf, the last `quarters` of them, plus the one before for the base.
      const series: Array<{ quarter: Period.Period; wip: Flows.Flow; planned: Quantity.Quantity | undefined }> = []
      let cursor = Period.unsafeContaining('quarter', asOf)
      if (Period.lastDay(cursor) > asOf) cursor = Period.unsafeContaining('quarter', Flows.dayBefore(cursor.start))
      for (let index = 0; index <= quarters && cursor.start > '0001-12-31'; index++) {
        series.unshift({
          quarter: cursor,
          wip: Flows.balanceOn(books, entity, ['wip', 'rejected'], Period.lastDay(cursor), ledgerIndex),
          planned: plannedForQuarter(books, entity, cursor, asOf),
        })
        cursor = Period.unsafeContaining('quarter', Flows.dayBefore(cursor.start))
      }
      let run: Array<{
        quarter: Period.Period
        growth: Rate.PercentPoints
        planGrowth: Rate.PercentPoints
        wip: Flows.Flow
      }> = []
      const runs: Array<typeof run> = []
      for (let index = 1; index < series.length; index++) {
        const previous = series[index - 1] as (typeof series)[number]
        const current = series[index] as (typeof series)[number]
        const growth =
          Quantity.sign(previous.wip.money) > 0
            ? Ratio.percentOf(Quantity.subtract(current.wip.money, previous.wip.money), previous.wip.money)
            : O.none
        const planned =
          previous.planned !== undefined && current.planned !== undefined && Quantity.sign(previous.planned) > 0
            ? { change: Quantity.subtract(current.planned, previous.planned), base: previous.planned }
            : undefined
        const planGrowth =
          planned !== undefined
            ? O.getOrElse(() => Rate.percentPoints(Quantity.zero))(Ratio.percentOf(planned.change, planned.base))
            : Rate.percentPoints(Quantity.zero)
        // g_wip − g_out > gap compared exactly, not on the rounded percentages: with ΔW / W and ΔP / P,
        // 100 · (ΔW · P − ΔP · W) > gap · W · P (W, P > 0; no plan growth: ΔP = 0, P = 1).
        const planChange = planned?.change ?? Quantity.zero
        const planBase = planned?.base ?? Quantity.unsafeFromInteger(1)
        const breaches =
          O.getOrElse((): -1 | 0 | 1 => -1)(
            Ratio.comparePercent(
              Quantity.subtract(
                Quantity.multiply(Quantity.subtract(current.wip.money, previous.wip.money), planBase),
                Quantity.multiply(planChange, previous.wip.money),
              ),
              Quantity.multiply(previous.wip.money, planBase),
              gap,
            ),
          ) > 0
        // A quarter with no output plan in force has nothing to be out of step with: it cannot breach
        // (its planned growth is not taken as zero).
        if (O.isSome(growth) && breaches && current.planned !== undefined) {
          run.push({ quarter: current.quarter, growth: growth.value, planGrowth, wip: current.wip })
        } else {
          if (run.length > 0) runs.push(run)
          run = []
        }
      }
      if (run.length > 0) runs.push(run)
      for (const breach of runs) {
        if (breach.length < consecutive || breach.length === 0) continue
        const first = breach[0] as (typeof breach)[number]
        const last = breach[breach.length - 1] as (typeof breach)[number]
        const base = series.find((item) => item.quarter.endExclusive === first.quarter.start)
        const severity = breach.length >= criticalRun ? 'critical' : 'warn'
        const growthTotal =
          base !== undefined && Quantity.sign(base.wip.money) > 0
            ? Ratio.percentOf(Quantity.subtract(last.wip.money, base.wip.money), base.wip.money)
            : O.none
        drafts.push({
          severity,
          entity,
          period: {
            start: first.quarter.start,
            endExclusive: last.quarter.endExclusive,
            label: `${first.quarter.start}..${last.quarter.endExclusive}`,
          },
          date: Period.lastDay(last.quarter),
          accounts: breach.flatMap((item) => item.wip.accounts),
          ...(base !== undefined
            ? { moneyGap: { quantity: Quantity.subtract(last.wip.money, base.wip.money), commodity: books.currency } }
            : {}),
          measures: [
            numberMeasure('quarters', Quantity.unsafeFromInteger(breach.length)),
            ...(base !== undefined ? [amountMeasure('wip:start', base.wip.money, books.currency)] : []),
            amountMeasure('wip:end', last.wip.money, books.currency),
            ...(O.isSome(growthTotal) ? [percentMeasure('growth', growthTotal.value)] : []),
            ...breach.map((item) => percentMeasure(`growth:${item.quarter.label}`, item.growth)),
            ...breach.map((item) => percentMeasure(`plan-growth:${item.quarter.label}`, item.planGrowth)),
          ],
          threshold: {
            text:
              `WIP growth − planned-output growth > ${showPercent(gap)} points for ≥ ${consecutive} consecutive ` +
              `quarters`,
            value: { _tag: 'Percent', percent: gap },
          },
          evidence: transactionsEvidence([
            ...(base !== undefined ? evidenceTail(base.wip) : []),
            ...breach.flatMap((item) => evidenceTail(item.wip)),
          ]),
          estimated: breach.some((item) => item.wip.estimated) || base?.wip.estimated === true,
          message:
            `${entity}'s work in progress grew faster than planned output for ${breach.length} consecutive ` +
            `quarters (${first.quarter.label} to ${last.quarter.label}), to ` +
            `${showMoney(last.wip.money, books.currency)}` +
            `${O.isSome(growthTotal) ? ` (+${showPercent(growthTotal.value)})` : ''}.`,
        })
      }
    }
    return drafts
  },
})
