/**
 * Chart-ready series: small, flat rows (one per mark) for vega-lite, each with a `number` for
 * plotting and the exact decimal beside it as a string. Built from the measures, like the
 * reports; the other report modules export the series that follow from their own data
 * (`WorkingCapital.workingCapitalAgainstNorm`, `Divergence.moneyVsPhysical`,
 * `PlanFulfilment.planFulfilmentThreeWays`, `Ageing.ageingBuckets`). A quarter's work in progress,
 * output and plan are read as the HTML report's chart reads them (`ChartData.quarterOutput`,
 * `ChartData.quarterPlan`).
 */
import { type Entity, type LocalDate, Period, Quantity } from '../core/index.js'
import { Flows, Payroll, Plans } from '../measures/index.js'
import { quarterOutput, quarterPlan } from './ChartData.js'
import {
  approximateNumber,
  dateSpan,
  decimal,
  isTotalLabel,
  overlapsRange,
  type ReportInputs,
  type ReportOptions,
  readingDate,
  reportEntities,
} from './Common.js'

/**
 * One chart-ready work-in-progress row per entity and quarter: an approximate money number for plotting and the exact
 * decimal as text.
 */
export interface WipRow {
  readonly entity: string
  readonly quarter: string
  /** The quarter's last day (or the last date of the books, for a quarter still running). */
  readonly on: string
  readonly wip: number
  readonly wipExact: string
  readonly estimated: boolean
}

/**
 * One chart-ready output row per entity, quarter and commodity: planned and produced units as approximate numbers, with
 * their exact decimals as text.
 */
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

const quarters = (
  inputs: ReportInputs,
  options: ReportOptions,
): { readonly periods: ReadonlyArray<Period.Period>; readonly last: LocalDate.LocalDate } | undefined => {
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
export const wipByQuarter = (
  inputs: ReportInputs,
  options: ReportOptions = {},
): { readonly wip: ReadonlyArray<WipRow>; readonly output: ReadonlyArray<OutputRow> } => {
  const range = quarters(inputs, options)
  if (range === undefined) return { wip: [], output: [] }
  const wip: WipRow[] = []
  const output: OutputRow[] = []
  for (const entity of reportEntities(inputs, options)) {
    const plans = Plans.planLines(inputs.books, entity, 'OutputPlan')
    const planned = [...new Set(plans.map((line) => line.item.commodity))]
    const entityWip: WipRow[] = []
    const entityOutput: OutputRow[] = []
    for (const quarter of range.periods) {
      const { on, wip: balance, produced } = quarterOutput(inputs.books, entity, quarter, range.last)
      entityWip.push({
        entity,
        quarter: quarter.label,
        on,
        wip: approximateNumber(balance.money),
        wipExact: decimal(balance.money),
        estimated: balance.estimated,
      })
      // The quarter's own plan lines in units, as known at its end.
      const plannedUnits = new Map(
        planned.flatMap((commodity) => {
          const value = quarterPlan(
            plans.filter((line) => line.item.commodity === commodity),
            quarter,
            Period.lastDay(quarter),
            false,
          )
          return value?.units === undefined
            ? []
            : [[commodity, { units: value.units, estimated: value.estimated }] as const]
        }),
      )
      for (const commodity of [...new Set([...plannedUnits.keys(), ...produced.units.keys()])].sort()) {
        const plan = plannedUnits.get(commodity)
        const made = produced.units.get(commodity) ?? Quantity.zero
        entityOutput.push({
          entity,
          quarter: quarter.label,
          commodity,
          planned: plan === undefined ? null : approximateNumber(plan.units),
          plannedExact: plan === undefined ? null : decimal(plan.units),
          produced: approximateNumber(made),
          producedExact: decimal(made),
          estimated: produced.estimatedCommodities.has(commodity) || (plan?.estimated ?? false),
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

/**
 * One chart-ready payroll row per entity, period and staff category: the wage fund and payroll as approximate numbers,
 * with exact decimals and the overrun as text.
 */
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
      if (!overlapsRange(line.period, options)) continue
      const asOf = readingDate(span, line.period)
      const value = Plans.valueKnownOn(line, asOf)
      if (value === undefined) continue
      const payroll = Payroll.payroll(inputs.books, entity, { begin: line.period.start, end: Flows.dayAfter(asOf) })
      const label = line.item.staffCategory as string
      const actual = isTotalLabel(label)
        ? payroll.total
        : (payroll.categories.find((item) => item.category === label)?.amount ?? Quantity.zero)
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
