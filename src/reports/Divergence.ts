/**
 * Divergence between the two books, per entity, goods commodity and column period: what the
 * physical book shows (units recorded as produced, i.e. reaching finished goods; shipped;
 * provisionally and finally accepted; rejected — `measures/Physical.unitsReaching`) against what
 * the money book shows (payment demands for the commodity: units invoiced, money recognized at
 * plan price, money realized), and the gaps:
 *
 * - units: recorded as produced − finally accepted;
 * - money: recognized − realized;
 * - units that exist only in the money book (invoiced on a demand beyond the units of the
 *   shipments it names) and their value at plan cost: the planned cost per unit of the contract
 *   version in force; else the output plan's value per unit for the commodity and date; else
 *   the demand's unit price (its plan price).
 *
 * Realized, per commodity, follows `measures/Fulfilment.realizedSales`: payments received on
 * demands decided in the period whose goods were finally accepted (a demand's commodity is that
 * of its units, else of its lot). Aggregate books (no demands) have money figures of zero here:
 * their sales postings do not say which goods they are for.
 */
import * as t from 'io-ts'
import { type Commodity, type Entity, Ledger, type LocalDate, Quantity } from '../core/index.js'
import type { PaymentDemand, Stage } from '../domain/Books.js'
import { Physical, Plans } from '../measures/index.js'
import {
  approximateNumber,
  columnIndex,
  compareText,
  DecimalJson,
  decimal,
  headJson,
  NullableDecimalJson,
  optionalDecimal,
  type ReportColumn,
  type ReportInputs,
  type ReportOptions,
  reportColumns,
  reportEntities,
  reportHead,
} from './Common.js'
import {
  amount,
  type Cell,
  commodityColumn,
  empty,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  text,
  textColumn,
  valueColumns,
} from './Grid.js'

/** The physical book's measures: units entering a stage in the period. */
export type PhysicalMeasure = 'produced' | 'shipped' | 'provisionallyAccepted' | 'finallyAccepted' | 'rejected'

/**
 * One column of the divergence between the books for one goods commodity: exact units in the physical book, exact money
 * in the money book, and the gaps between them.
 */
export interface DivergencePoint {
  // physical book (units entering each stage in the period)
  readonly produced: Quantity.Quantity
  readonly shipped: Quantity.Quantity
  readonly provisionallyAccepted: Quantity.Quantity
  readonly finallyAccepted: Quantity.Quantity
  readonly rejected: Quantity.Quantity
  // money book
  readonly invoicedUnits: Quantity.Quantity
  readonly recognized: Quantity.Quantity
  readonly realized: Quantity.Quantity
  // gaps
  /** produced − finally accepted. */
  readonly unitGap: Quantity.Quantity
  /** recognized − realized. */
  readonly moneyGap: Quantity.Quantity
  /** Units invoiced beyond the units of the shipments the demands name. */
  readonly moneyOnlyUnits: Quantity.Quantity
  /** Their value at plan cost; undefined when neither a plan nor the demand gives a unit value. */
  readonly moneyOnlyValue?: Quantity.Quantity
  /** Per physical measure: an estimated posting of this commodity counted in it. */
  readonly estimatedUnits: Readonly<Record<PhysicalMeasure, boolean>>
  /** Any physical measure is estimated. */
  readonly estimated: boolean
}

/** The divergence of one entity and goods commodity, one point per column. */
export interface DivergenceRow {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  /** One per column. */
  readonly points: ReadonlyArray<DivergencePoint>
}

/** The divergence report data: money book against physical book per entity and goods commodity, exact and unrounded. */
export interface DivergenceReport {
  readonly kind: 'divergence'
  readonly options: ReportOptions
  readonly currency: Commodity.CommoditySymbol
  readonly columns: ReadonlyArray<ReportColumn>
  /** Sorted by entity, commodity. */
  readonly rows: ReadonlyArray<DivergenceRow>
}

const physicalStages: ReadonlyArray<readonly [Stage, PhysicalMeasure]> = [
  ['finished', 'produced'],
  ['shipped', 'shipped'],
  ['provisionallyAccepted', 'provisionallyAccepted'],
  ['finallyAccepted', 'finallyAccepted'],
  ['rejected', 'rejected'],
]

/** The goods commodity a demand is for: of its units, else of its lot. */
export const demandCommodity = (inputs: ReportInputs, demand: PaymentDemand): Commodity.CommoditySymbol | undefined =>
  demand.units?.commodity ?? (demand.lot !== undefined ? inputs.books.lots.get(demand.lot)?.commodity : undefined)

const finallyAccepted = (inputs: ReportInputs, demand: PaymentDemand): boolean => {
  if (demand.lot === undefined) return true
  const lot = inputs.books.lots.get(demand.lot)
  return lot === undefined || Quantity.sign(lot.final) > 0
}

/**
 * The output plan's value per unit of `commodity` for a plan period containing `on`, if the plan gives money and units.
 */
const planUnitValue = (
  inputs: ReportInputs,
  entity: Entity.EntityName,
  commodity: Commodity.CommoditySymbol,
  on: LocalDate.LocalDate,
): Quantity.Quantity | undefined => {
  const lines = Plans.linesCovering(
    Plans.planLines(inputs.books, entity, 'OutputPlan').filter((line) => line.item.commodity === commodity),
    on,
  )
  for (const line of [...lines].reverse()) {
    const value = Plans.valueKnownOn(line, on)
    const units = value?.revision.units
    if (
      value === undefined ||
      units === undefined ||
      Quantity.sign(units) <= 0 ||
      Quantity.sign(value.revision.amount) <= 0
    )
      continue
    const divided = Quantity.divide(units, { scaleDigits: 2, mode: 'halfEven' })(value.revision.amount)
    if (divided._tag === 'Right') return divided.right
  }
  return undefined
}

/**
 * The planned cost per unit of the contract version in force on the demand's date (the demand's contract, else its
 * lot's).
 */
const contractPlannedCost = (inputs: ReportInputs, demand: PaymentDemand): Quantity.Quantity | undefined => {
  const id = demand.contract ?? (demand.lot !== undefined ? inputs.books.lots.get(demand.lot)?.contract : undefined)
  const contract = id === undefined ? undefined : inputs.books.contracts.get(id)
  const versions = (contract?.versions ?? []).filter((version) => version.date <= demand.date)
  return versions[versions.length - 1]?.plannedCost
}

/** The goods commodities each entity's books move, hold, invoice or plan. */
const goodsCommodities = (inputs: ReportInputs): Map<Entity.EntityName, Set<Commodity.CommoditySymbol>> => {
  const result = new Map<Entity.EntityName, Set<Commodity.CommoditySymbol>>()
  const add = (entity: Entity.EntityName, commodity: Commodity.CommoditySymbol): void => {
    const set = result.get(entity) ?? new Set()
    set.add(commodity)
    result.set(entity, set)
  }
  const memo = new Map()
  for (const transaction of Ledger.transactions(inputs.ledger))
    for (const posting of Physical.goodsPostings(inputs.books, transaction, memo))
      add(posting.entity, posting.commodity)
  for (const demand of inputs.books.demands.values()) {
    const commodity = demandCommodity(inputs, demand)
    if (commodity !== undefined) add(demand.seller, commodity)
  }
  for (const line of inputs.books.plans.values())
    if (line.item._tag === 'OutputPlan') add(line.entity, line.item.commodity)
  return result
}

type Mutable = { -readonly [K in keyof DivergencePoint]: DivergencePoint[K] } & {
  estimatedUnits: Record<PhysicalMeasure, boolean>
}

const zeroPoint = (): Mutable => ({
  produced: Quantity.zero,
  shipped: Quantity.zero,
  provisionallyAccepted: Quantity.zero,
  finallyAccepted: Quantity.zero,
  rejected: Quantity.zero,
  invoicedUnits: Quantity.zero,
  recognized: Quantity.zero,
  realized: Quantity.zero,
  unitGap: Quantity.zero,
  moneyGap: Quantity.zero,
  moneyOnlyUnits: Quantity.zero,
  estimatedUnits: {
    produced: false,
    shipped: false,
    provisionallyAccepted: false,
    finallyAccepted: false,
    rejected: false,
  },
  estimated: false,
})

/**
 * The rows of `entities` over `columns` (consecutive, sorted): one per entity and goods
 * commodity, one point per column. The report's columns, or any others (the HTML report's
 * chart reads quarters up to its as-of date).
 */
export const divergenceRows = (
  inputs: ReportInputs,
  columns: ReadonlyArray<ReportColumn>,
  entities: ReadonlyArray<Entity.EntityName>,
): ReadonlyArray<DivergenceRow> => {
  const commodities = goodsCommodities(inputs)
  const rows: DivergenceRow[] = []
  for (const entity of entities) {
    const goods = [...(commodities.get(entity) ?? [])]
      .filter((commodity) => Ledger.commodityKind(inputs.ledger, commodity) !== 'money')
      .sort()
    if (goods.length === 0) continue
    const points = new Map(goods.map((commodity) => [commodity, columns.map(zeroPoint)]))
    columns.forEach((column, index) => {
      for (const [stage, field] of physicalStages) {
        const reached = Physical.unitsReaching(inputs.books, {
          entity,
          stage,
          range: { begin: column.start, end: column.endExclusive },
        })
        for (const [commodity, units] of reached.units) {
          const point = points.get(commodity)?.[index]
          if (point === undefined) continue
          point[field] = Quantity.add(point[field], units)
          if (reached.estimatedCommodities.has(commodity)) {
            point.estimatedUnits[field] = true
            point.estimated = true
          }
        }
      }
    })
    const demands = [...inputs.books.demands.values()]
      .filter((demand) => demand.seller === entity)
      .sort((a, b) => compareText(a.id, b.id))
    for (const demand of demands) {
      const commodity = demandCommodity(inputs, demand)
      if (commodity === undefined) continue
      const series = points.get(commodity)
      if (series === undefined) continue
      const presented = series[columnIndex(columns, demand.date)]
      if (presented !== undefined) {
        presented.recognized = Quantity.add(presented.recognized, demand.amount)
        const invoiced = demand.units?.quantity ?? Quantity.zero
        presented.invoicedUnits = Quantity.add(presented.invoicedUnits, invoiced)
        const shipped = Quantity.sumAll(
          demand.shipments.flatMap((id) => {
            const shipment = inputs.books.shipments.get(id)
            return shipment === undefined ? [] : [shipment.goods.quantity]
          }),
        )
        const only = Quantity.max(Quantity.zero, Quantity.subtract(invoiced, shipped))
        if (Quantity.sign(only) > 0) {
          presented.moneyOnlyUnits = Quantity.add(presented.moneyOnlyUnits, only)
          const unitValue =
            contractPlannedCost(inputs, demand) ??
            planUnitValue(inputs, entity, commodity, demand.date) ??
            demand.unitPrice
          if (unitValue !== undefined)
            presented.moneyOnlyValue = Quantity.add(
              presented.moneyOnlyValue ?? Quantity.zero,
              Quantity.multiply(only, unitValue),
            )
        }
      }
      const decided = series[columnIndex(columns, demand.decision?.date ?? demand.date)]
      if (decided !== undefined && finallyAccepted(inputs, demand) && Quantity.sign(demand.paid) > 0)
        decided.realized = Quantity.add(decided.realized, demand.paid)
    }
    for (const commodity of goods) {
      const series = (points.get(commodity) ?? []).map(
        (point): DivergencePoint => ({
          ...point,
          unitGap: Quantity.subtract(point.produced, point.finallyAccepted),
          moneyGap: Quantity.subtract(point.recognized, point.realized),
        }),
      )
      rows.push({ entity, commodity, points: series })
    }
  }
  return rows
}

/** Builds the divergence report, one point per column and row per entity and goods commodity. */
export const build = (inputs: ReportInputs, options: ReportOptions): DivergenceReport => {
  const columns = reportColumns(inputs, options)
  return {
    kind: 'divergence',
    options,
    currency: inputs.books.currency,
    columns,
    rows: divergenceRows(inputs, columns, reportEntities(inputs, options)),
  }
}

// -------------------------------------------------------------------------------------
// chart-ready series
// -------------------------------------------------------------------------------------

/**
 * One chart-ready divergence row (one per entity, commodity, period and measure): an approximate number for plotting
 * and the exact decimal as text.
 */
export interface DivergenceSeriesRow {
  readonly entity: string
  readonly commodity: string
  readonly period: string
  readonly book: 'physical' | 'money'
  /** `produced`, `finallyAccepted`, … for the physical book; `recognized`, `realized` for the money book. */
  readonly measure: string
  /** Units (physical) or money (money book). */
  readonly value: number
  readonly exact: string
}

/**
 * Money book against physical book per commodity over time: one row per entity, commodity, period and measure (for a
 * faceted line chart).
 */
export const moneyVsPhysical = (report: DivergenceReport): ReadonlyArray<DivergenceSeriesRow> =>
  report.rows.flatMap((row) =>
    row.points.flatMap((point, index) => {
      const period = report.columns[index]?.label ?? ''
      const entry = (book: 'physical' | 'money', measure: string, value: Quantity.Quantity): DivergenceSeriesRow => ({
        entity: row.entity,
        commodity: row.commodity,
        period,
        book,
        measure,
        value: approximateNumber(value),
        exact: decimal(value),
      })
      return [
        entry('physical', 'produced', point.produced),
        entry('physical', 'finallyAccepted', point.finallyAccepted),
        entry('money', 'recognized', point.recognized),
        entry('money', 'realized', point.realized),
      ]
    }),
  )

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

type Line = readonly [
  label: string,
  book: 'physical' | 'money' | 'gap',
  unit: 'units' | 'money',
  value: (point: DivergencePoint) => Quantity.Quantity | undefined,
  estimated: (point: DivergencePoint) => boolean,
]

const physicalLine = (label: string, measure: PhysicalMeasure): Line => [
  label,
  'physical',
  'units',
  (point) => point[measure],
  (point) => point.estimatedUnits[measure],
]
const exact = (): boolean => false
/** The gaps that do not follow from one physical measure carry the point's flag. */
const anyEstimated = (point: DivergencePoint): boolean => point.estimated

const lines: ReadonlyArray<Line> = [
  physicalLine('recorded as produced', 'produced'),
  physicalLine('shipped', 'shipped'),
  physicalLine('provisionally accepted', 'provisionallyAccepted'),
  physicalLine('finally accepted', 'finallyAccepted'),
  physicalLine('rejected', 'rejected'),
  ['units invoiced', 'money', 'units', (point) => point.invoicedUnits, exact],
  ['recognized', 'money', 'money', (point) => point.recognized, exact],
  ['realized', 'money', 'money', (point) => point.realized, exact],
  [
    'produced − finally accepted',
    'gap',
    'units',
    (point) => point.unitGap,
    (point) => point.estimatedUnits.produced || point.estimatedUnits.finallyAccepted,
  ],
  ['recognized − realized', 'gap', 'money', (point) => point.moneyGap, anyEstimated],
  ['units only in the money book', 'gap', 'units', (point) => point.moneyOnlyUnits, anyEstimated],
  ['their value at plan cost', 'gap', 'money', (point) => point.moneyOnlyValue, anyEstimated],
]

/**
 * The divergence report as a grid: per entity and commodity, one line per measure of either book with its exact units
 * or money per column.
 */
export const toGrid = (report: DivergenceReport): Grid => {
  const grid = gridBuilder()
  for (const row of report.rows) {
    grid.section()
    for (const [label, book, unit, value, estimated] of lines) {
      const commodity = unit === 'units' ? row.commodity : report.currency
      const cells = row.points.map((point): Cell => {
        const quantity = value(point)
        return quantity === undefined ? empty : amount(quantity, commodity, estimated(point))
      })
      grid.push([text(row.entity), text(row.commodity), text(book), text(label), text(commodity), ...cells])
    }
  }
  return grid.grid([
    keyColumn('entity'),
    keyColumn('goods'),
    keyColumn('book'),
    textColumn('line'),
    commodityColumn,
    ...valueColumns(report.columns, 'label'),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

const PointJson = t.readonly(
  t.type({
    produced: DecimalJson,
    shipped: DecimalJson,
    provisionallyAccepted: DecimalJson,
    finallyAccepted: DecimalJson,
    rejected: DecimalJson,
    invoicedUnits: DecimalJson,
    recognized: DecimalJson,
    realized: DecimalJson,
    unitGap: DecimalJson,
    moneyGap: DecimalJson,
    moneyOnlyUnits: DecimalJson,
    moneyOnlyValue: NullableDecimalJson,
    estimated: t.boolean,
  }),
)

/**
 * The JSON form: per entity and commodity, one point per column; decimals are strings (units or money in `currency`).
 */
export const DivergenceJson = t.readonly(
  t.type({
    ...headJson('divergence'),
    currency: t.string,
    rows: t.readonlyArray(
      t.readonly(t.type({ entity: t.string, commodity: t.string, points: t.readonlyArray(PointJson) })),
    ),
  }),
)
/** The JSON form of the divergence report; decimals are exact strings. */
export type DivergenceJson = t.TypeOf<typeof DivergenceJson>

/** The divergence report as JSON, every quantity an exact decimal string. */
export const toJson = (report: DivergenceReport): DivergenceJson => ({
  ...reportHead(report),
  currency: report.currency,
  rows: report.rows.map((row) => ({
    entity: row.entity,
    commodity: row.commodity,
    points: row.points.map((point) => ({
      produced: decimal(point.produced),
      shipped: decimal(point.shipped),
      provisionallyAccepted: decimal(point.provisionallyAccepted),
      finallyAccepted: decimal(point.finallyAccepted),
      rejected: decimal(point.rejected),
      invoicedUnits: decimal(point.invoicedUnits),
      recognized: decimal(point.recognized),
      realized: decimal(point.realized),
      unitGap: decimal(point.unitGap),
      moneyGap: decimal(point.moneyGap),
      moneyOnlyUnits: decimal(point.moneyOnlyUnits),
      moneyOnlyValue: optionalDecimal(point.moneyOnlyValue),
      estimated: point.estimated,
    })),
  })),
})
