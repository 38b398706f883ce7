/**
 * The data behind the report's charts: exact quantities with their labels, one series per chart.
 * Charts turn these into approximate numbers for drawing and into exact text for the table beside
 * each chart; nothing here rounds or converts.
 *
 * Where a chart shows what a text report measures, it is built with that report's builder, so
 * one definition serves both: working capital against its norm (`WorkingCapital.pointOf`), the
 * two books per goods commodity (`Divergence.divergenceRows`), plan fulfilment
 * (`PlanFulfilment.fulfilmentLines`, with reported figures read as the plan-fulfilment rule reads
 * them), ageing (`Ageing.pointOn`, `Ageing.bucketEntries`). Work in progress by quarter shares its
 * quarter (`quarterOutput`, `quarterPlan`) with `Series.wipByQuarter`.
 *
 * Every series is a plain pass over the books per quarter or per plan line, so a report costs a
 * few passes over the ledger per quarter of its span (each measure is O(N)).
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Commodity, type Entity, Ledger, type LocalDate, Period, Quantity, type Rate } from '../core/index.js'
import type { Books, PlanLine } from '../domain/Books.js'
import type { ReportedFigure } from '../domain/Statements.js'
import { type Ageing, Flows, Payroll, Physical, Plans, Ratio, WorkingCapital } from '../measures/index.js'
import { entitiesOf, reportedFor, reportedPercent } from '../reconcile/rules/common.js'
import * as AgeingReport from './Ageing.js'
import { compareText, isTotalLabel, lastSeen, type ReportColumn, type ReportInputs, samePeriod } from './Common.js'
import * as Divergence from './Divergence.js'
import * as PlanFulfilment from './PlanFulfilment.js'
import * as WorkingCapitalReport from './WorkingCapital.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the charts are computed from: the books, the reported figures and the date they are read on. */
export interface ChartInput {
  readonly books: Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly asOf: LocalDate.LocalDate
}

/** Work in progress at a quarter's end (money book). */
export interface WipPoint {
  readonly entity: Entity.EntityName
  readonly quarter: string
  /** The quarter's last day, or the as-of date for a quarter still running. */
  readonly on: LocalDate.LocalDate
  readonly wip: Quantity.Quantity
  readonly estimated: boolean
}

/** Planned and recorded output of one commodity in one quarter. */
export interface OutputPoint {
  readonly entity: Entity.EntityName
  readonly quarter: string
  readonly commodity: Commodity.CommoditySymbol
  /** Planned units: the quarter's own plan line, else a quarter of the annual line (`spread`). */
  readonly plannedUnits?: Quantity.Quantity
  /** Planned money amount, on the same terms. */
  readonly plannedAmount?: Quantity.Quantity
  readonly spread: boolean
  /** Units that reached finished goods in the quarter ("recorded as produced"). */
  readonly producedUnits: Quantity.Quantity
  readonly estimated: boolean
}

/**
 * The data of the work-in-progress chart: exact work in progress per entity and quarter, and planned against recorded
 * output.
 */
export interface WipSeries {
  readonly wip: ReadonlyArray<WipPoint>
  readonly output: ReadonlyArray<OutputPoint>
}

/** One norm line compared with the working capital it covers, by category. */
export interface WorkingCapitalBar {
  readonly entity: Entity.EntityName
  /** `1936 total`: the norm's period and norm category. */
  readonly label: string
  readonly on: LocalDate.LocalDate
  readonly parts: ReadonlyArray<{
    readonly category: WorkingCapital.WorkingCapitalCategory
    readonly actual: Quantity.Quantity
    readonly estimated: boolean
  }>
  readonly actual: Quantity.Quantity
  readonly norm: Quantity.Quantity
  readonly excess: Quantity.Quantity
  readonly estimated: boolean
}

/** Cumulative units of one commodity at a quarter's end: what the books record against what was accepted. */
export interface DivergencePoint {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly quarter: string
  readonly on: LocalDate.LocalDate
  /** Units that reached finished goods (what output and the money book count). */
  readonly recorded: Quantity.Quantity
  /** Units on payment demands presented (what the money book invoices). */
  readonly invoiced: Quantity.Quantity
  readonly provisional: Quantity.Quantity
  readonly final: Quantity.Quantity
  /** Per series: whether an approximate posting of this commodity contributed so far. */
  readonly estimated: { readonly recorded: boolean; readonly provisional: boolean; readonly final: boolean }
}

/** Where a plan-fulfilment percentage comes from: a figure the journal reports, or one measured in the books. */
export type FulfilmentSource = 'reported' | 'measured'

/** A plan-fulfilment percentage, exact as given or measured, with its source. */
export interface FulfilmentValue {
  readonly percent: Rate.PercentPoints
  readonly source: FulfilmentSource
}

/** Plan fulfilment three ways for one plan period (and commodity, for plans in units). */
export interface FulfilmentBar {
  readonly entity: Entity.EntityName
  readonly period: string
  readonly commodity?: Commodity.CommoditySymbol
  readonly basis: 'money' | 'units'
  readonly reported?: FulfilmentValue
  readonly physical?: FulfilmentValue
  readonly realized?: FulfilmentValue
  readonly estimated: boolean
}

/** Payroll of one wage-fund period by staff category, against the fund. */
export interface PayrollBar {
  readonly entity: Entity.EntityName
  readonly period: string
  readonly categories: ReadonlyArray<{
    readonly category: string
    readonly amount: Quantity.Quantity
    readonly estimated: boolean
  }>
  readonly payroll: Quantity.Quantity
  readonly fund: Quantity.Quantity
  readonly overrun: Quantity.Quantity
  readonly estimated: boolean
}

/** Open items in one age bucket: receivables in money, provisional acceptances in units per commodity. */
export interface AgeingBar {
  readonly entity: Entity.EntityName
  readonly kind: 'receivable' | 'provisionalAcceptance'
  readonly bucket: Ageing.AgeBucket
  /** The books' currency for receivables, the goods commodity for provisional acceptances. */
  readonly commodity: Commodity.CommoditySymbol
  readonly amount: Quantity.Quantity
  readonly count: number
}

/** The exact data behind every chart of the report, unrounded, for one currency and as-of date. */
export interface ChartData {
  readonly currency: Commodity.CommoditySymbol
  readonly asOf: LocalDate.LocalDate
  readonly quarters: ReadonlyArray<Period.Period>
  readonly wip: WipSeries
  readonly workingCapital: ReadonlyArray<WorkingCapitalBar>
  readonly divergence: ReadonlyArray<DivergencePoint>
  readonly fulfilment: ReadonlyArray<FulfilmentBar>
  readonly payroll: ReadonlyArray<PayrollBar>
  readonly ageing: ReadonlyArray<AgeingBar>
}

// -------------------------------------------------------------------------------------
// span
// -------------------------------------------------------------------------------------

/** The chart input as the report builders take it. */
const reportInputs = (input: ChartInput): ReportInputs => ({
  ledger: input.books.ledger,
  books: input.books,
  reported: input.reported,
})

const isQuarter = (period: Period.Period): boolean => samePeriod(Period.within('quarter', period.start), period)

const isYear = (period: Period.Period): boolean => samePeriod(Period.within('year', period.start), period)

/**
 * The quarters from the first transaction (or the first quarterly plan) to the as-of date.
 * Reported figures alone do not open the span: a figure for 1934 with no books for 1935 would
 * draw a year of empty quarters.
 */
export const quartersOf = (books: Books, asOf: LocalDate.LocalDate): ReadonlyArray<Period.Period> => {
  let first: LocalDate.LocalDate | undefined
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (first === undefined || transaction.date < first) first = transaction.date
  }
  for (const line of books.plans.values()) {
    if (line.item._tag !== 'OutputPlan' || !isQuarter(line.period)) continue
    if (first === undefined || line.period.start < first) first = line.period.start
  }
  if (first === undefined || first > asOf) return []
  return Period.split('quarter', first, Flows.dayAfter(asOf))
}

// -------------------------------------------------------------------------------------
// work in progress and the output plan (shared with Series.wipByQuarter)
// -------------------------------------------------------------------------------------

/** One entity's quarter: work in progress and what was recorded as produced. */
export interface QuarterOutput {
  /** The quarter's last day, or `last` for a quarter still running on it. */
  readonly on: LocalDate.LocalDate
  /** Work in progress (money book, roles `wip` and `rejected`) at the end of `on`. */
  readonly wip: Flows.Flow
  /** Units that reached finished goods in the quarter, per commodity. */
  readonly produced: Physical.UnitsReached
}

/** Work in progress at the quarter's last day reached by `last`, and the units recorded as produced in the quarter. */
export const quarterOutput = (
  books: Books,
  entity: Entity.EntityName,
  quarter: Period.Period,
  last: LocalDate.LocalDate,
): QuarterOutput => {
  const on = lastSeen(quarter, last)
  return {
    on,
    wip: Flows.balanceOn(books, entity, ['wip', 'rejected'], on),
    produced: Physical.unitsReaching(books, {
      entity,
      stage: 'finished',
      range: { begin: quarter.start, end: quarter.endExclusive },
    }),
  }
}

/** A quarter's planned output of one commodity. */
export interface QuarterPlan {
  readonly units?: Quantity.Quantity
  /** The money amount, when not zero. */
  readonly amount?: Quantity.Quantity
  /** A quarter of an annual line (no line of the quarter's own). */
  readonly spread: boolean
  readonly estimated: boolean
}

const four = Quantity.unsafeFromInteger(4)
const spreadRounding: Quantity.Rounding = { scaleDigits: 2, mode: 'halfEven' }

/**
 * A quarter's plan from one commodity's plan `lines`: the quarter's own line, else with `spread`
 * a quarter of the annual line covering it; the value as known on `knownOn`.
 */
export const quarterPlan = (
  lines: ReadonlyArray<PlanLine>,
  quarter: Period.Period,
  knownOn: LocalDate.LocalDate,
  spread: boolean,
): QuarterPlan | undefined => {
  const own = lines.find((line) => samePeriod(line.period, quarter))
  const covering =
    own ??
    (spread
      ? lines.find(
          (line) =>
            Period.contains(line.period, quarter.start) &&
            Period.contains(line.period, Period.lastDay(quarter)) &&
            isYear(line.period),
        )
      : undefined)
  if (covering === undefined) return undefined
  const value = Plans.valueKnownOn(covering, knownOn)
  if (value === undefined) return undefined
  const share = (quantity: Quantity.Quantity): Quantity.Quantity =>
    own !== undefined ? quantity : O.getOrElse(() => quantity)(Ratio.ratio(quantity, four, spreadRounding))
  return {
    ...(value.revision.units !== undefined ? { units: share(value.revision.units) } : {}),
    ...(Quantity.isZero(value.revision.amount) ? {} : { amount: share(value.revision.amount) }),
    spread: own === undefined,
    estimated: Plans.revisionEstimated(value.revision),
  }
}

const wipSeries = (input: ChartInput, quarters: ReadonlyArray<Period.Period>): WipSeries => {
  const { books, asOf } = input
  const wip: WipPoint[] = []
  const output: OutputPoint[] = []
  for (const entity of entitiesOf(books)) {
    const seen = quarters.map((quarter) => ({ quarter, ...quarterOutput(books, entity, quarter, asOf) }))
    if (seen.some((item) => item.wip.transactions.length > 0)) {
      for (const item of seen)
        wip.push({
          entity,
          quarter: item.quarter.label,
          on: item.on,
          wip: item.wip.money,
          estimated: item.wip.estimated,
        })
    }
    const plans = Plans.planLines(books, entity, 'OutputPlan')
    const commodities = new Set<Commodity.CommoditySymbol>(plans.map((line) => line.item.commodity))
    for (const item of seen) for (const commodity of item.produced.units.keys()) commodities.add(commodity)
    for (const commodity of [...commodities].sort()) {
      const lines = plans.filter((line) => line.item.commodity === commodity)
      quarters.forEach((quarter, index) => {
        const plan = quarterPlan(lines, quarter, asOf, true)
        const produced = seen[index]?.produced
        output.push({
          entity,
          quarter: quarter.label,
          commodity,
          ...(plan?.units !== undefined ? { plannedUnits: plan.units } : {}),
          ...(plan?.amount !== undefined ? { plannedAmount: plan.amount } : {}),
          spread: plan?.spread ?? false,
          producedUnits: produced?.units.get(commodity) ?? Quantity.zero,
          estimated: (plan?.estimated ?? false) || produced?.estimatedCommodities.has(commodity) === true,
        })
      })
    }
  }
  return { wip, output }
}

// -------------------------------------------------------------------------------------
// working capital against its norm
// -------------------------------------------------------------------------------------

/**
 * One bar per norm line, on the date it is judged (its last day, or the as-of date), the norm as known on the as-of
 * date.
 */
const workingCapitalBars = (input: ChartInput): ReadonlyArray<WorkingCapitalBar> => {
  const { books, asOf } = input
  const bars: WorkingCapitalBar[] = []
  for (const entity of entitiesOf(books)) {
    for (const line of Plans.planLines(books, entity, 'WorkingCapitalNorm')) {
      if (line.period.start > asOf) continue
      const on = Plans.evaluationDate(line, asOf)
      const point = WorkingCapitalReport.pointOf(books, entity, on, asOf)
      const norm = point.norms.find(
        (item) => item.category === line.item.category && samePeriod(item.period, line.period),
      )
      if (norm === undefined) continue
      const covered = WorkingCapital.normCovers[line.item.category]
      bars.push({
        entity,
        label: `${line.period.label} ${line.item.category}`,
        on,
        parts: point.categories.filter((part) => covered.includes(part.category) && !Quantity.isZero(part.actual)),
        actual: norm.actual,
        norm: norm.norm,
        excess: norm.excess,
        estimated: norm.estimated,
      })
    }
  }
  return bars
}

// -------------------------------------------------------------------------------------
// money book against physical book, per goods commodity
// -------------------------------------------------------------------------------------

/** The divergence report's rows over the quarters up to the as-of date, summed up quarter by quarter. */
const divergencePoints = (
  input: ChartInput,
  quarters: ReadonlyArray<Period.Period>,
): ReadonlyArray<DivergencePoint> => {
  const { books, asOf } = input
  const columns = quarters.map((quarter): ReportColumn => {
    const on = lastSeen(quarter, asOf)
    return { label: quarter.label, start: quarter.start, endExclusive: Flows.dayAfter(on), lastDay: on }
  })
  const demands = [...books.demands.values()]
  // The commodities drawn: those that reached a stage the chart shows, or that a demand invoices in units.
  const drawn = (row: Divergence.DivergenceRow): boolean =>
    row.points.some(
      (point) =>
        !Quantity.isZero(point.produced) ||
        !Quantity.isZero(point.provisionallyAccepted) ||
        !Quantity.isZero(point.finallyAccepted),
    ) || demands.some((demand) => demand.seller === row.entity && demand.units?.commodity === row.commodity)
  const points: DivergencePoint[] = []
  for (const row of Divergence.divergenceRows(reportInputs(input), columns, entitiesOf(books)).filter(drawn)) {
    let totals = { recorded: Quantity.zero, invoiced: Quantity.zero, provisional: Quantity.zero, final: Quantity.zero }
    let estimated = { recorded: false, provisional: false, final: false }
    row.points.forEach((point, index) => {
      totals = {
        recorded: Quantity.add(totals.recorded, point.produced),
        invoiced: Quantity.add(totals.invoiced, point.invoicedUnits),
        provisional: Quantity.add(totals.provisional, point.provisionallyAccepted),
        final: Quantity.add(totals.final, point.finallyAccepted),
      }
      estimated = {
        recorded: estimated.recorded || point.estimatedUnits.produced,
        provisional: estimated.provisional || point.estimatedUnits.provisionallyAccepted,
        final: estimated.final || point.estimatedUnits.finallyAccepted,
      }
      const column = columns[index] as ReportColumn
      points.push({
        entity: row.entity,
        commodity: row.commodity,
        quarter: column.label,
        on: column.lastDay,
        ...totals,
        estimated,
      })
    })
  }
  return points
}

// -------------------------------------------------------------------------------------
// plan fulfilment three ways
// -------------------------------------------------------------------------------------

const fulfilmentBars = (input: ChartInput): ReadonlyArray<FulfilmentBar> => {
  const { books, asOf } = input
  const bars: FulfilmentBar[] = []
  for (const entity of entitiesOf(books)) {
    const periods: Period.Period[] = []
    for (const line of Plans.planLines(books, entity, 'OutputPlan')) {
      if (line.period.start <= asOf && !periods.some((period) => samePeriod(period, line.period)))
        periods.push(line.period)
    }
    // A year before its quarters: by start, then the longer period first.
    periods.sort((a, b) => compareText(a.start, b.start) || compareText(b.endExclusive, a.endExclusive))
    for (const period of periods) {
      for (const line of PlanFulfilment.fulfilmentLines(books, entity, period, asOf)) {
        // A reported figure (for the commodity, else for the entity) stands for the measure, as in the plan-fulfilment
        // rule.
        const metrics = (name: string): ReadonlyArray<string> =>
          line.commodity !== undefined ? [`${name}:${line.commodity}`, name] : [name]
        const pick = (name: string, measured: Rate.PercentPoints | undefined): FulfilmentValue | undefined => {
          for (const metric of metrics(name)) {
            const stated = reportedPercent(reportedFor(input, entity, metric, period))
            if (stated !== undefined) return { percent: stated, source: 'reported' }
          }
          return measured !== undefined ? { percent: measured, source: 'measured' } : undefined
        }
        const reported = pick('plan-fulfilment', line.percents.reported)
        const physical = pick('plan-fulfilment:physical', line.percents.physical)
        const realized = pick('plan-fulfilment:realized', line.percents.realized)
        if (reported === undefined && physical === undefined && realized === undefined) continue
        bars.push({
          entity,
          period: period.label,
          ...(line.commodity !== undefined ? { commodity: line.commodity } : {}),
          basis: line.basis,
          ...(reported !== undefined ? { reported } : {}),
          ...(physical !== undefined ? { physical } : {}),
          ...(realized !== undefined ? { realized } : {}),
          estimated: line.estimated,
        })
      }
    }
  }
  return bars
}

// -------------------------------------------------------------------------------------
// payroll against the wage fund
// -------------------------------------------------------------------------------------

const payrollBars = (input: ChartInput): ReadonlyArray<PayrollBar> => {
  const { books, asOf } = input
  const bars: PayrollBar[] = []
  for (const entity of entitiesOf(books)) {
    const lines = Plans.planLines(books, entity, 'WageFund').filter((line) => line.period.start <= asOf)
    const periods: Period.Period[] = []
    for (const line of lines) if (!periods.some((period) => samePeriod(period, line.period))) periods.push(line.period)
    for (const period of periods) {
      const values = lines
        .filter((line) => samePeriod(line.period, period))
        .map((line) => Plans.valueKnownOn(line, asOf))
        .filter((value): value is Plans.PlanValue => value !== undefined)
      const totals = values.filter(
        (value) => value.line.item._tag === 'WageFund' && isTotalLabel(value.line.item.staffCategory),
      )
      const funds = totals.length > 0 ? totals : values
      const fund = Quantity.sumAll(funds.map((value) => value.revision.amount))
      const actual = Payroll.payroll(books, entity, {
        begin: period.start,
        end: Flows.dayAfter(lastSeen(period, asOf)),
      })
      bars.push({
        entity,
        period: period.label,
        categories: actual.categories.map((category) => ({
          category: category.category,
          amount: category.amount,
          estimated: category.estimated,
        })),
        payroll: actual.total,
        fund,
        overrun: Quantity.subtract(actual.total, fund),
        estimated: actual.estimated || funds.some((value) => Plans.revisionEstimated(value.revision)),
      })
    }
  }
  return bars
}

// -------------------------------------------------------------------------------------
// ageing
// -------------------------------------------------------------------------------------

const charted = (
  entry: AgeingReport.BucketEntry,
): entry is AgeingReport.BucketEntry & { readonly kind: AgeingBar['kind'] } =>
  entry.kind === 'receivable' || entry.kind === 'provisionalAcceptance'

/** Receivables and provisional acceptances on the as-of date, by entity (then as the ageing report orders them). */
const ageingBars = (input: ChartInput): ReadonlyArray<AgeingBar> =>
  AgeingReport.bucketEntries([AgeingReport.pointOn(reportInputs(input), input.asOf)])
    .filter(charted)
    .sort((a, b) => compareText(a.entity, b.entity))
    .map((entry) => ({
      entity: entry.entity,
      kind: entry.kind,
      bucket: entry.bucket,
      commodity: entry.commodity,
      amount: entry.amount,
      count: entry.count,
    }))

// -------------------------------------------------------------------------------------
// all of it
// -------------------------------------------------------------------------------------

/** The data of every chart of the report. */
export const build = (input: ChartInput): ChartData => {
  const quarters = quartersOf(input.books, input.asOf)
  return {
    currency: input.books.currency,
    asOf: input.asOf,
    quarters,
    wip: wipSeries(input, quarters),
    workingCapital: workingCapitalBars(input),
    divergence: divergencePoints(input, quarters),
    fulfilment: fulfilmentBars(input),
    payroll: payrollBars(input),
    ageing: ageingBars(input),
  }
}
