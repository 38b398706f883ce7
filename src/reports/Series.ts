/**
 * Chart-ready series: small, flat rows (one per mark) for vega-lite, each with a `number` for
 * plotting and the exact decimal beside it as a string. Built from the measures, like the
 * reports; the other report modules export the series that follow from their own data
 * (`WorkingCapital.workingCapitalAgainstNorm`, `Divergence.moneyVsPhysical`,
 * `PlanFulfilment.planFulfilmentThreeWays`, `Ageing.ageingBuckets`).
 */
import { type Commodity, type Entity, LocalDate, Period, Quantity } from '../core/index.js'
import { Flows, Payroll, Physical, Plans } from '../measures/index.js'
import { approximateNumber, dateSpan, decimal, reportEntities, type ReportInputs, type ReportOptions } from './Common.js'

export interface WipRow {
  readonly entity: string
  readonly quarter: string
  /** The quarter's last day (or the last date of the books, for a quarter still running). */
  readonly on: string
  readonly wip: number
  readonly wipExact: string
  readonly estimated: boolean
}

export interface OutputRow {
  readonly entity: string
  readonly quarter: string
  readonly commodity: string
  /** Units planned for exactly this quarter, when a quarterly plan line exists. */
  readonly planned: number | null
  readonly plannedExact: string | null
  /** Units recorded as produced (reaching finished goods) in the quarter. */
  readonly produced: number
  readonly producedExact: string
  readonly estimated: boolean
}

const quarters = (inputs: ReportInputs, options: ReportOptions): { readonly periods: ReadonlyArray<Period.Period>; readonly last: LocalDate.LocalDate } | undefined => {
  const span = dateSpan(inputs)
  const start = options.begin ?? span?.first
  const last = options.end !== undefined ? Flows.dayBefore(options.end) : span?.last
  if (start === undefined || last === undefined || start > last) return undefined
  return { periods: Period.split('quarter', start, Flows.dayAfter(last)), last }
}

/**
 * Work in progress (money, roles `wip` and `rejected`) at each quarter's end, and the output plan
 * per quarter beside the units recorded as produced: the two series of the "WIP growing against a
 * flat output plan" chart (domain.md M2, Q8).
 */
export const wipByQuarter = (inputs: ReportInputs, options: ReportOptions = {}): { readonly wip: ReadonlyArray<WipRow>; readonly output: ReadonlyArray<OutputRow> } => {
  const range = quarters(inputs, options)
  if (range === undefined) return { wip: [], output: [] }
  const wip: WipRow[] = []
  const output: OutputRow[] = []
  for (const entity of reportEntities(inputs, options)) {
    const plans = Plans.planLines(inputs.books, entity, 'OutputPlan')
    const entityWip: WipRow[] = []
    const entityOutput: OutputRow[] = []
    for (const quarter of range.periods) {
      const end = Period.lastDay(quarter)
      const on = end < range.last ? end : range.last
      const balance = Flows.balanceOn(inputs.books, entity, ['wip', 'rejected'], on)
      entityWip.push({ entity, quarter: quarter.label, on, wip: approximateNumber(balance.money), wipExact: decimal(balance.money), estimated: balance.estimated })
      const reached = Physical.unitsReaching(inputs.books, { entity, stage: 'finished', range: { begin: quarter.start, end: quarter.endExclusive } })
      const planned = new Map<Commodity.CommoditySymbol, { units: Quantity.Quantity; estimated: boolean }>()
      for (const line of plans) {
        if (line.period.start !== quarter.start || line.period.endExclusive !== quarter.endExclusive) continue
        const value = Plans.valueKnownOn(line, end)
        if (value?.revision.units !== undefined) planned.set(line.item.commodity, { units: value.revision.units, estimated: value.revision.estimated })
      }
      for (const commodity of [...new Set([...planned.keys(), ...reached.units.keys()])].sort()) {
        const plan = planned.get(commodity)
        const produced = reached.units.get(commodity) ?? Quantity.zero
        entityOutput.push({
          entity,
          quarter: quarter.label,
          commodity,
          planned: plan === undefined ? null : approximateNumber(plan.units),
          plannedExact: plan === undefined ? null : decimal(plan.units),
          produced: approximateNumber(produced),
          producedExact: decimal(produced),
          estimated: reached.estimated || (plan?.estimated ?? false),
        })
      }
    }
    // Entities with no work in progress and no output are left out unless asked for.
    if (options.entity !== undefined || entityWip.some((row) => row.wip !== 0) || entityOutput.length > 0) {
      wip.push(...entityWip)
      output.push(...entityOutput)
    }
  }
  return { wip, output }
}

export interface PayrollRow {
  readonly entity: string
  readonly period: string
  /** `total`, or a staff category with its own fund line. */
  readonly category: string
  readonly fund: number
  readonly payroll: number
  readonly fundExact: string
  readonly payrollExact: string
  /** payroll − fund. */
  readonly overrunExact: string
  readonly estimated: boolean
}

const isTotalLabel = (label: string): boolean => label.toLowerCase() === 'total' || label.toLowerCase() === 'all'

/**
 * Payroll against the wage fund, per entity, wage-fund period and staff category (a fund line
 * labelled `total` or `all` against the whole payroll; a category line against that category):
 * the postings to the `wages` and `bonus` accounts (`measures/Payroll`) in the period.
 */
export const payrollAgainstFund = (inputs: ReportInputs, options: ReportOptions = {}): ReadonlyArray<PayrollRow> => {
  const rows: PayrollRow[] = []
  const span = dateSpan(inputs)
  for (const entity of reportEntities(inputs, options) as ReadonlyArray<Entity.EntityName>) {
    for (const line of Plans.planLines(inputs.books, entity, 'WageFund')) {
      if (options.begin !== undefined && line.period.endExclusive <= options.begin) continue
      if (options.end !== undefined && line.period.start >= options.end) continue
      const last = Period.lastDay(line.period)
      const asOf = span !== undefined && span.last < last ? LocalDate.max(span.last, line.period.start) : last
      const value = Plans.valueKnownOn(line, asOf)
      if (value === undefined) continue
      const payroll = Payroll.payroll(inputs.books, entity, { begin: line.period.start, end: Flows.dayAfter(asOf) })
      const label = line.item.staffCategory as string
      const actual = isTotalLabel(label) ? payroll.total : (payroll.categories.find((item) => item.category === label)?.amount ?? Quantity.zero)
      rows.push({
        entity,
        period: line.period.label,
        category: isTotalLabel(label) ? 'total' : label,
        fund: approximateNumber(value.revision.amount),
        payroll: approximateNumber(actual),
        fundExact: decimal(value.revision.amount),
        payrollExact: decimal(actual),
        overrunExact: decimal(Quantity.subtract(actual, value.revision.amount)),
        estimated: value.revision.estimated || payroll.estimated,
      })
    }
  }
  return rows
}
