/**
 * The data behind the report's charts, computed from measures/: exact quantities with their
 * labels, one series per chart. Charts turn these into approximate numbers for drawing and
 * into exact text for the table beside each chart; nothing here rounds or converts.
 *
 * Every series is a plain pass over the books per quarter or per plan line, so a report costs a
 * few passes over the ledger per quarter of its span (each measure is O(N)).
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Commodity, type Entity, Ledger, type LocalDate, Period, Quantity } from '../core/index.js'
import type { Books, PlanLine, Stage } from '../domain/Books.js'
import type { ReportedFigure } from '../domain/Statements.js'
import { Ageing, Flows, Fulfilment, Payroll, Physical, Plans, Ratio, WorkingCapital } from '../measures/index.js'

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
  readonly parts: ReadonlyArray<{ readonly category: WorkingCapital.WorkingCapitalCategory; readonly actual: Quantity.Quantity; readonly estimated: boolean }>
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

export type FulfilmentSource = 'reported' | 'measured'

export interface FulfilmentValue {
  readonly percent: Quantity.Quantity
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
  readonly categories: ReadonlyArray<{ readonly category: string; readonly amount: Quantity.Quantity; readonly estimated: boolean }>
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

const samePeriod = (a: Period.Period, b: Period.Period): boolean => a.start === b.start && a.endExclusive === b.endExclusive

/** The entities with books or plans, sorted. */
const entitiesOf = (books: Books): ReadonlyArray<Entity.EntityName> => {
  const names = new Set<Entity.EntityName>(Flows.entities(books))
  for (const line of books.plans.values()) names.add(line.entity)
  return [...names].sort()
}

/** The last day of `period` that the as-of date has reached. */
const lastSeen = (period: Period.Period, asOf: LocalDate.LocalDate): LocalDate.LocalDate => {
  const last = Period.lastDay(period)
  return last < asOf ? last : asOf
}

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

const isQuarter = (period: Period.Period): boolean => samePeriod(period, Period.containing('quarter', period.start))

// -------------------------------------------------------------------------------------
// work in progress and the output plan
// -------------------------------------------------------------------------------------

const four = Quantity.fromInteger(4)
const spreadRounding: Quantity.Rounding = { scaleDigits: 2, mode: 'halfEven' }

/** A quarter's plan for a commodity: its own line, else a quarter of the annual (or longer) line covering it. */
const quarterPlan = (
  lines: ReadonlyArray<PlanLine>,
  quarter: Period.Period,
  asOf: LocalDate.LocalDate,
): { readonly units?: Quantity.Quantity; readonly amount?: Quantity.Quantity; readonly spread: boolean; readonly estimated: boolean } | undefined => {
  const own = lines.find((line) => samePeriod(line.period, quarter))
  const covering = own ?? lines.find((line) => Period.contains(line.period, quarter.start) && Period.contains(line.period, Period.lastDay(quarter)) && isYear(line.period))
  if (covering === undefined) return undefined
  const value = Plans.valueKnownOn(covering, asOf)
  if (value === undefined) return undefined
  const share = (quantity: Quantity.Quantity): Quantity.Quantity => (own !== undefined ? quantity : O.getOrElse(() => quantity)(Ratio.ratio(quantity, four, spreadRounding)))
  return {
    ...(value.revision.units !== undefined ? { units: share(value.revision.units) } : {}),
    ...(Quantity.isZero(value.revision.amount) ? {} : { amount: share(value.revision.amount) }),
    spread: own === undefined,
    estimated: Plans.revisionEstimated(value.revision),
  }
}

const isYear = (period: Period.Period): boolean => samePeriod(period, Period.containing('year', period.start))

const wipSeries = (input: ChartInput, quarters: ReadonlyArray<Period.Period>): WipSeries => {
  const { books, asOf } = input
  const wip: WipPoint[] = []
  const output: OutputPoint[] = []
  for (const entity of entitiesOf(books)) {
    const points = quarters.map((quarter) => {
      const on = lastSeen(quarter, asOf)
      const balance = Flows.balanceOn(books, entity, ['wip', 'rejected'], on)
      return { entity, quarter: quarter.label, on, wip: balance.money, estimated: balance.estimated, touched: balance.transactions.length > 0 }
    })
    if (points.some((point) => point.touched)) wip.push(...points.map(({ touched: _touched, ...point }) => point))
    const plans = Plans.planLines(books, entity, 'OutputPlan')
    const commodities = new Set<Commodity.CommoditySymbol>(plans.map((line) => line.item.commodity))
    const produced = quarters.map((quarter) => Physical.unitsReaching(books, { entity, stage: 'finished', range: { begin: quarter.start, end: quarter.endExclusive } }))
    for (const reached of produced) for (const commodity of reached.units.keys()) commodities.add(commodity)
    for (const commodity of [...commodities].sort()) {
      const lines = plans.filter((line) => line.item.commodity === commodity)
      quarters.forEach((quarter, index) => {
        const plan = quarterPlan(lines, quarter, asOf)
        const reached = produced[index]
        output.push({
          entity,
          quarter: quarter.label,
          commodity,
          ...(plan?.units !== undefined ? { plannedUnits: plan.units } : {}),
          ...(plan?.amount !== undefined ? { plannedAmount: plan.amount } : {}),
          spread: plan?.spread ?? false,
          producedUnits: reached?.units.get(commodity) ?? Quantity.zero,
          estimated: (plan?.estimated ?? false) || (reached?.estimated === true && reached.units.has(commodity)),
        })
      })
    }
  }
  return { wip, output }
}

// -------------------------------------------------------------------------------------
// working capital against its norm
// -------------------------------------------------------------------------------------

const workingCapitalBars = (input: ChartInput): ReadonlyArray<WorkingCapitalBar> => {
  const { books, asOf } = input
  const bars: WorkingCapitalBar[] = []
  for (const entity of entitiesOf(books)) {
    for (const line of Plans.planLines(books, entity, 'WorkingCapitalNorm')) {
      if (line.period.start > asOf) continue
      const on = Plans.evaluationDate(line, asOf)
      const measured = WorkingCapital.workingCapital(books, entity, on, asOf)
      const comparison = measured.norms.find((norm) => norm.category === line.item.category && norm.plan.line === line)
      if (comparison === undefined) continue
      const covered = WorkingCapital.normCovers[line.item.category]
      bars.push({
        entity,
        label: `${line.period.label} ${line.item.category}`,
        on,
        parts: measured.categories.filter((part) => covered.includes(part.category) && !Quantity.isZero(part.actual)).map((part) => ({ category: part.category, actual: part.actual, estimated: part.flow.estimated })),
        actual: comparison.actual,
        norm: comparison.norm,
        excess: comparison.excess,
        estimated: comparison.estimated,
      })
    }
  }
  return bars
}

// -------------------------------------------------------------------------------------
// money book against physical book, per goods commodity
// -------------------------------------------------------------------------------------

const divergencePoints = (input: ChartInput, quarters: ReadonlyArray<Period.Period>): ReadonlyArray<DivergencePoint> => {
  const { books, asOf } = input
  const points: DivergencePoint[] = []
  for (const entity of entitiesOf(books)) {
    const reaching = (stage: Stage) => quarters.map((quarter) => Physical.unitsReaching(books, { entity, stage, range: { begin: quarter.start, end: Flows.dayAfter(lastSeen(quarter, asOf)) } }))
    const recorded = reaching('finished')
    const provisional = reaching('provisionallyAccepted')
    const final = reaching('finallyAccepted')
    const demands = [...books.demands.values()].filter((demand) => demand.seller === entity && demand.units !== undefined)
    const commodities = new Set<Commodity.CommoditySymbol>()
    for (const flows of [recorded, provisional, final]) for (const reached of flows) for (const commodity of reached.units.keys()) commodities.add(commodity)
    for (const demand of demands) if (demand.units !== undefined) commodities.add(demand.units.commodity)
    for (const commodity of [...commodities].sort()) {
      let totals = { recorded: Quantity.zero, invoiced: Quantity.zero, provisional: Quantity.zero, final: Quantity.zero }
      let estimated = { recorded: false, provisional: false, final: false }
      // unitsReaching flags a whole quarter as estimated; count it only where this commodity moved.
      const approximate = (flows: ReadonlyArray<Physical.UnitsReached>, index: number): boolean => flows[index]?.estimated === true && flows[index]?.units.has(commodity) === true
      quarters.forEach((quarter, index) => {
        const on = lastSeen(quarter, asOf)
        const invoiced = Quantity.sumAll(
          demands.filter((demand) => demand.units?.commodity === commodity && demand.date >= quarter.start && demand.date <= on).map((demand) => demand.units?.quantity ?? Quantity.zero),
        )
        const units = (flows: ReadonlyArray<Physical.UnitsReached>): Quantity.Quantity => flows[index]?.units.get(commodity) ?? Quantity.zero
        totals = {
          recorded: Quantity.add(totals.recorded, units(recorded)),
          invoiced: Quantity.add(totals.invoiced, invoiced),
          provisional: Quantity.add(totals.provisional, units(provisional)),
          final: Quantity.add(totals.final, units(final)),
        }
        estimated = {
          recorded: estimated.recorded || approximate(recorded, index),
          provisional: estimated.provisional || approximate(provisional, index),
          final: estimated.final || approximate(final, index),
        }
        points.push({ entity, commodity, quarter: quarter.label, on, ...totals, estimated })
      })
    }
  }
  return points
}

// -------------------------------------------------------------------------------------
// plan fulfilment three ways
// -------------------------------------------------------------------------------------

/**
 * The reported figure for exactly `period`, else the last one inside it: the same reading of
 * reported figures as the plan-fulfilment rule's, so the chart and the finding agree.
 */
const reportedPercent = (input: ChartInput, entity: Entity.EntityName, metrics: ReadonlyArray<string>, period: Period.Period): Quantity.Quantity | undefined => {
  for (const metric of metrics) {
    const figures = input.reported
      .filter((figure) => figure.entity === entity && figure.metric === metric && figure.period.start <= input.asOf)
      .sort((a, b) => (a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : a.span.line - b.span.line))
    const exact = figures.filter((figure) => samePeriod(figure.period, period))
    const within = figures.filter((figure) => figure.period.start >= period.start && figure.period.endExclusive <= period.endExclusive)
    const figure = exact[exact.length - 1] ?? within[within.length - 1]
    if (figure?.value._tag === 'Percent') return figure.value.percent
    if (figure?.value._tag === 'Number') return figure.value.value
  }
  return undefined
}

const fulfilmentBars = (input: ChartInput): ReadonlyArray<FulfilmentBar> => {
  const { books, asOf } = input
  const bars: FulfilmentBar[] = []
  for (const entity of entitiesOf(books)) {
    const periods: Period.Period[] = []
    for (const line of Plans.planLines(books, entity, 'OutputPlan')) {
      if (line.period.start <= asOf && !periods.some((period) => samePeriod(period, line.period))) periods.push(line.period)
    }
    // A year before its quarters: by start, then the longer period first.
    periods.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.endExclusive > b.endExclusive ? -1 : a.endExclusive < b.endExclusive ? 1 : 0))
    for (const period of periods) {
      const whole = Fulfilment.planFulfilment(books, entity, period, asOf)
      const commodities = whole.basis === 'units' ? [...new Set(whole.plans.filter((plan) => plan.units !== undefined).map((plan) => plan.commodity))] : []
      const variants = commodities.length > 0 ? commodities.map((commodity) => Fulfilment.planFulfilment(books, entity, period, asOf, commodity)) : [whole]
      for (const measured of variants) {
        const commodity = whole.basis === 'units' ? measured.plans[0]?.commodity : undefined
        const metrics = (name: string): ReadonlyArray<string> => (commodity !== undefined ? [`${name}:${commodity}`, name] : [name])
        const pick = (name: string, fallback: O.Option<Quantity.Quantity>): FulfilmentValue | undefined => {
          const reported = reportedPercent(input, entity, metrics(name), period)
          if (reported !== undefined) return { percent: reported, source: 'reported' }
          return O.isSome(fallback) ? { percent: fallback.value, source: 'measured' } : undefined
        }
        const reported = pick('plan-fulfilment', measured.ratios.reportedGross)
        const physical = pick('plan-fulfilment:physical', measured.ratios.physical)
        const realized = pick('plan-fulfilment:realized', measured.ratios.realized)
        if (reported === undefined && physical === undefined && realized === undefined) continue
        bars.push({
          entity,
          period: period.label,
          ...(commodity !== undefined ? { commodity } : {}),
          basis: measured.basis,
          ...(reported !== undefined ? { reported } : {}),
          ...(physical !== undefined ? { physical } : {}),
          ...(realized !== undefined ? { realized } : {}),
          estimated: measured.estimated,
        })
      }
    }
  }
  return bars
}

// -------------------------------------------------------------------------------------
// payroll against the wage fund
// -------------------------------------------------------------------------------------

const isTotalLabel = (label: string): boolean => label.toLowerCase() === 'total' || label.toLowerCase() === 'all'

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
      const totals = values.filter((value) => value.line.item._tag === 'WageFund' && isTotalLabel(value.line.item.staffCategory))
      const funds = totals.length > 0 ? totals : values
      const fund = Quantity.sumAll(funds.map((value) => value.revision.amount))
      const actual = Payroll.payroll(books, entity, { begin: period.start, end: Flows.dayAfter(lastSeen(period, asOf)) })
      bars.push({
        entity,
        period: period.label,
        categories: actual.categories.map((category) => ({ category: category.category, amount: category.amount, estimated: category.estimated })),
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

const ageingBars = (input: ChartInput): ReadonlyArray<AgeingBar> => {
  const { books, asOf } = input
  const bars: AgeingBar[] = []
  for (const entity of entitiesOf(books)) {
    const receivables = Ageing.ageing(books, 'receivable', asOf, entity)
    if (receivables.items.length > 0) {
      for (const bucket of receivables.buckets) bars.push({ entity, kind: 'receivable', bucket: bucket.bucket, commodity: books.currency, amount: bucket.amount, count: bucket.count })
    }
    const layers = Physical.stageAgeing(books, { stage: 'provisionallyAccepted', on: asOf, entity })
    for (const commodity of [...new Set(layers.map((layer) => layer.commodity))].sort()) {
      const mine = layers.filter((layer) => layer.commodity === commodity)
      for (const bucket of Ageing.ageBuckets) {
        const inBucket = mine.filter((layer) => Ageing.bucketOf(layer.ageDays) === bucket)
        bars.push({ entity, kind: 'provisionalAcceptance', bucket, commodity, amount: Quantity.sumAll(inBucket.map((layer) => layer.units)), count: inBucket.length })
      }
    }
  }
  return bars
}

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
