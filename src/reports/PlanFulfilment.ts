/**
 * Plan fulfilment three ways (`measures/Fulfilment`, domain.md M9): reported gross output (sales
 * recognized at plan price + WIP growth), physical output (units reaching finished goods), and
 * realized sales (finally accepted and paid; for plans in units only, units finally accepted),
 * on a money basis when the plan has a money amount and on a units basis otherwise (one line per
 * commodity: units of different goods are never summed). Beside the measures, the figures the
 * sources *state* (`reported … plan-fulfilment…`) for the same entity and period.
 *
 * Lines are per output-plan period: every plan period overlapping the range, or with `--period`,
 * the plan periods of that length.
 */
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Commodity, type Entity, type LocalDate, Period, Quantity, type Rate } from '../core/index.js'
import type { Books } from '../domain/Books.js'
import { Fulfilment, Plans } from '../measures/index.js'
import {
  approximateNumber,
  compareText,
  DecimalJson,
  dateSpan,
  decimal,
  NullableDecimalJson,
  OptionsJson,
  optionalDecimal,
  optionsJson,
  overlapsRange,
  type ReportInputs,
  type ReportOptions,
  readingDate,
  reportEntities,
  samePeriod,
} from './Common.js'
import {
  amount,
  type Cell,
  empty,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  percent,
  text,
  textColumn,
} from './Grid.js'

/** A figure the sources state, with where it is written. */
export interface StatedFigure {
  readonly metric: string
  /** Which of the three measures it speaks for. */
  readonly measure: 'reported' | 'physical' | 'realized'
  readonly percent: Quantity.Quantity
  readonly estimated: boolean
  readonly file: string
  readonly line: number
  readonly citations: ReadonlyArray<string>
}

/**
 * One plan-fulfilment line of an entity and plan period: the plan, the exact reported gross, physical and realized
 * figures, and their percentages of the plan with two decimals (absent without a plan).
 */
export interface FulfilmentLine {
  /** The planned commodity (units basis), or undefined for all of the entity's output (money basis). */
  readonly commodity?: Commodity.CommoditySymbol
  readonly basis: 'money' | 'units'
  readonly planAmount: Quantity.Quantity
  /**
   * Planned units of the one commodity (undefined for a money-basis line over several goods: units are never summed).
   */
  readonly planUnits?: Quantity.Quantity
  /** Sales recognized at plan price + WIP growth (the entity's, whatever the basis). */
  readonly reportedGross: Quantity.Quantity
  /** Units of the one commodity that reached finished goods (undefined as for `planUnits`). */
  readonly physicalUnits?: Quantity.Quantity
  /** Their value at the plan's price per unit, when the plan gives one. */
  readonly physicalMoney?: Quantity.Quantity
  readonly realizedMoney: Quantity.Quantity
  readonly acceptedUnits: Quantity.Quantity
  readonly percents: {
    readonly reported?: Rate.PercentPoints
    readonly physical?: Rate.PercentPoints
    readonly realized?: Rate.PercentPoints
  }
  readonly estimated: boolean
}

/**
 * The plan fulfilment of one entity and plan period as of a date: its measured lines and the figures the journal
 * states.
 */
export interface FulfilmentGroup {
  readonly entity: Entity.EntityName
  readonly period: Period.Period
  readonly asOf: LocalDate.LocalDate
  readonly lines: ReadonlyArray<FulfilmentLine>
  readonly stated: ReadonlyArray<StatedFigure>
}

/** The plan-fulfilment report data: one group per entity and output-plan period in range. */
export interface PlanFulfilmentReport {
  readonly kind: 'plan-fulfilment'
  readonly options: ReportOptions
  readonly currency: Commodity.CommoditySymbol
  readonly groups: ReadonlyArray<FulfilmentGroup>
}

const optional = <A>(value: O.Option<A>): A | undefined => (O.isSome(value) ? value.value : undefined)

const lineOf = (
  measured: Fulfilment.PlanFulfilment,
  commodity: Commodity.CommoditySymbol | undefined,
): FulfilmentLine => {
  // A line for all of the entity's output speaks of units only when it plans one commodity.
  const planned = [...new Set(measured.plans.map((plan) => plan.commodity))]
  const single = commodity ?? (planned.length === 1 ? planned[0] : undefined)
  const physicalUnits = single === undefined ? undefined : (measured.physical.units.get(single) ?? Quantity.zero)
  const planUnits =
    single === undefined
      ? undefined
      : Quantity.sumAll(
          measured.plans.filter((plan) => plan.commodity === single).map((plan) => plan.units ?? Quantity.zero),
        )
  const reported = optional(measured.ratios.reportedGross)
  const physical = optional(measured.ratios.physical)
  const realized = optional(measured.ratios.realized)
  return {
    ...(commodity !== undefined ? { commodity } : {}),
    basis: measured.basis,
    planAmount: measured.planAmount,
    ...(planUnits !== undefined ? { planUnits } : {}),
    reportedGross: measured.reportedGross.money,
    ...(physicalUnits !== undefined ? { physicalUnits } : {}),
    ...(measured.physical.valued ? { physicalMoney: measured.physical.money } : {}),
    realizedMoney: measured.realized.money,
    acceptedUnits: measured.acceptedUnits,
    percents: {
      ...(reported !== undefined ? { reported } : {}),
      ...(physical !== undefined ? { physical } : {}),
      ...(realized !== undefined ? { realized } : {}),
    },
    estimated: measured.estimated,
  }
}

const measureOfMetric = (metric: string): StatedFigure['measure'] | undefined => {
  if (metric !== 'plan-fulfilment' && !metric.startsWith('plan-fulfilment:')) return undefined
  const parts = metric.split(':')
  return parts.includes('physical') ? 'physical' : parts.includes('realized') ? 'realized' : 'reported'
}

const periodLength = (period: Period.Period): 'year' | 'quarter' | 'month' | undefined => {
  for (const granularity of ['year', 'quarter', 'month'] as const)
    if (samePeriod(Period.within(granularity, period.start), period)) return granularity
  return undefined
}

/**
 * The measured lines of one plan period with data up to `asOf`: one for all of the entity's
 * output on a money basis, one per planned commodity on a units basis.
 */
export const fulfilmentLines = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
): ReadonlyArray<FulfilmentLine> => {
  const whole = Fulfilment.planFulfilment(books, entity, period, asOf)
  if (whole.basis === 'money') return [lineOf(whole, undefined)]
  const commodities = [...new Set(whole.plans.map((plan) => plan.commodity))].sort()
  return commodities.map((commodity) =>
    lineOf(Fulfilment.planFulfilment(books, entity, period, asOf, commodity), commodity),
  )
}

/**
 * Builds the plan-fulfilment report for every output-plan period of each entity that overlaps the range (and matches
 * the column granularity, when one is given).
 */
export const build = (inputs: ReportInputs, options: ReportOptions): PlanFulfilmentReport => {
  const span = dateSpan(inputs)
  const groups: FulfilmentGroup[] = []
  for (const entity of reportEntities(inputs, options)) {
    const periods: Period.Period[] = []
    for (const line of Plans.planLines(inputs.books, entity, 'OutputPlan')) {
      const period = line.period
      if (periods.some((seen) => samePeriod(seen, period)) || !overlapsRange(period, options)) continue
      if (options.period !== undefined && periodLength(period) !== options.period) continue
      periods.push(period)
    }
    for (const period of periods) {
      const asOf = readingDate(span, period)
      const lines = fulfilmentLines(inputs.books, entity, period, asOf)
      const stated = inputs.reported
        .filter(
          (figure) =>
            figure.entity === entity &&
            samePeriod(figure.period, period) &&
            measureOfMetric(figure.metric) !== undefined,
        )
        .flatMap((figure): StatedFigure[] => {
          const value =
            figure.value._tag === 'Percent'
              ? figure.value.percent
              : figure.value._tag === 'Number'
                ? figure.value.value
                : undefined
          const measure = measureOfMetric(figure.metric)
          if (value === undefined || measure === undefined) return []
          return [
            {
              metric: figure.metric,
              measure,
              percent: value,
              estimated: figure.estimated,
              file: figure.span.file,
              line: figure.span.line,
              citations: figure.citations.map((citation) => citation.text),
            },
          ]
        })
        .sort((a, b) => compareText(a.metric, b.metric) || a.line - b.line)
      groups.push({ entity, period, asOf, lines, stated })
    }
  }
  groups.sort(
    (a, b) =>
      compareText(a.entity, b.entity) ||
      compareText(a.period.start, b.period.start) ||
      compareText(b.period.endExclusive, a.period.endExclusive),
  )
  return { kind: 'plan-fulfilment', options, currency: inputs.books.currency, groups }
}

// -------------------------------------------------------------------------------------
// chart-ready series
// -------------------------------------------------------------------------------------

/**
 * One chart-ready plan-fulfilment row (one per entity, period, line and measure): an approximate percent for plotting
 * and the exact decimal as text.
 */
export interface FulfilmentSeriesRow {
  readonly entity: string
  readonly period: string
  /** The commodity, `all`, or the stated metric. */
  readonly line: string
  readonly measure: 'reported' | 'physical' | 'realized'
  readonly source: 'measured' | 'stated'
  readonly percent: number
  readonly exact: string
  readonly estimated: boolean
}

/**
 * Plan fulfilment three ways, measured and stated, one row per entity, period, line and measure (for a grouped bar
 * chart).
 */
export const planFulfilmentThreeWays = (report: PlanFulfilmentReport): ReadonlyArray<FulfilmentSeriesRow> =>
  report.groups.flatMap((group) => [
    ...group.lines.flatMap((line) =>
      (['reported', 'physical', 'realized'] as const).flatMap((measure) => {
        const value = line.percents[measure]
        return value === undefined
          ? []
          : [
              {
                entity: group.entity,
                period: group.period.label,
                line: line.commodity ?? 'all',
                measure,
                source: 'measured' as const,
                percent: approximateNumber(value),
                exact: decimal(value),
                estimated: line.estimated,
              },
            ]
      }),
    ),
    ...group.stated.map((figure) => ({
      entity: group.entity,
      period: group.period.label,
      line: figure.metric,
      measure: figure.measure,
      source: 'stated' as const,
      percent: approximateNumber(figure.percent),
      exact: decimal(figure.percent),
      estimated: figure.estimated,
    })),
  ])

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

/** The plan-fulfilment report as a grid, one row per line with its exact plan, figures and percentages. */
export const toGrid = (report: PlanFulfilmentReport): Grid => {
  const currency = report.currency
  const grid = gridBuilder()
  for (const group of report.groups) {
    grid.section()
    for (const line of group.lines) {
      const units = (quantity: Quantity.Quantity | undefined): Cell =>
        line.commodity !== undefined && quantity !== undefined
          ? amount(quantity, line.commodity, line.estimated)
          : empty
      const money = line.basis === 'money'
      grid.push([
        text(group.entity),
        text(group.period.label),
        text(line.commodity ?? 'all'),
        text(line.basis),
        money ? amount(line.planAmount, currency, line.estimated) : units(line.planUnits),
        money ? amount(line.reportedGross, currency, line.estimated) : empty,
        percent(line.percents.reported, line.estimated),
        money
          ? line.physicalMoney !== undefined
            ? amount(line.physicalMoney, currency, line.estimated)
            : empty
          : units(line.physicalUnits),
        percent(line.percents.physical, line.estimated),
        money ? amount(line.realizedMoney, currency, line.estimated) : units(line.acceptedUnits),
        percent(line.percents.realized, line.estimated),
      ])
    }
    for (const figure of group.stated) {
      const stated = (measure: StatedFigure['measure']): Cell =>
        figure.measure === measure ? percent(figure.percent, figure.estimated) : empty
      grid.push([
        text(group.entity),
        text(group.period.label),
        text(`stated: ${figure.metric}`),
        text('stated'),
        empty,
        empty,
        stated('reported'),
        empty,
        stated('physical'),
        empty,
        stated('realized'),
      ])
    }
  }
  const right = (header: string) => ({ header, align: 'right' as const })
  return grid.grid([
    keyColumn('entity'),
    keyColumn('period'),
    textColumn('line'),
    textColumn('basis'),
    ...['plan', 'reported', 'reported %', 'physical', 'physical %', 'realized', 'realized %'].map(right),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

const LineJson = t.readonly(
  t.type({
    commodity: t.union([t.string, t.null]),
    basis: t.union([t.literal('money'), t.literal('units')]),
    planAmount: DecimalJson,
    planUnits: NullableDecimalJson,
    reportedGross: DecimalJson,
    physicalUnits: NullableDecimalJson,
    physicalMoney: NullableDecimalJson,
    realizedMoney: DecimalJson,
    acceptedUnits: DecimalJson,
    percents: t.readonly(
      t.type({ reported: NullableDecimalJson, physical: NullableDecimalJson, realized: NullableDecimalJson }),
    ),
    estimated: t.boolean,
  }),
)

const StatedJson = t.readonly(
  t.type({
    metric: t.string,
    measure: t.union([t.literal('reported'), t.literal('physical'), t.literal('realized')]),
    percent: DecimalJson,
    estimated: t.boolean,
    file: t.string,
    line: t.number,
    citations: t.readonlyArray(t.string),
  }),
)

/** The JSON form; decimals are strings, percentages with two decimals, null where not measurable. */
export const PlanFulfilmentJson = t.readonly(
  t.type({
    version: t.literal(1),
    kind: t.literal('plan-fulfilment'),
    options: OptionsJson,
    currency: t.string,
    groups: t.readonlyArray(
      t.readonly(
        t.type({
          entity: t.string,
          period: t.readonly(t.type({ label: t.string, start: t.string, endExclusive: t.string })),
          asOf: t.string,
          lines: t.readonlyArray(LineJson),
          stated: t.readonlyArray(StatedJson),
        }),
      ),
    ),
  }),
)
/** The JSON form of the plan-fulfilment report; decimals are exact strings. */
export type PlanFulfilmentJson = t.TypeOf<typeof PlanFulfilmentJson>

/** The plan-fulfilment report as JSON (version 1), every quantity an exact decimal string. */
export const toJson = (report: PlanFulfilmentReport): PlanFulfilmentJson => ({
  version: 1,
  kind: 'plan-fulfilment',
  options: optionsJson(report.options),
  currency: report.currency,
  groups: report.groups.map((group) => ({
    entity: group.entity,
    period: { label: group.period.label, start: group.period.start, endExclusive: group.period.endExclusive },
    asOf: group.asOf,
    lines: group.lines.map((line) => ({
      commodity: line.commodity ?? null,
      basis: line.basis,
      planAmount: decimal(line.planAmount),
      planUnits: optionalDecimal(line.planUnits),
      reportedGross: decimal(line.reportedGross),
      physicalUnits: optionalDecimal(line.physicalUnits),
      physicalMoney: optionalDecimal(line.physicalMoney),
      realizedMoney: decimal(line.realizedMoney),
      acceptedUnits: decimal(line.acceptedUnits),
      percents: {
        reported: optionalDecimal(line.percents.reported),
        physical: optionalDecimal(line.percents.physical),
        realized: optionalDecimal(line.percents.realized),
      },
      estimated: line.estimated,
    })),
    stated: group.stated.map((figure) => ({
      ...figure,
      percent: decimal(figure.percent),
      citations: [...figure.citations],
    })),
  })),
})
