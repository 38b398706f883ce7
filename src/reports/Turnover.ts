/**
 * Turnover of working capital per entity and column period (`measures/Turnover`): realized sales,
 * average working capital (opening and quarter ends), turnover (sales / average, four decimals)
 * and its length in days (360-day year). A period without realized sales has no turnover.
 */
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Commodity, type Entity, Quantity } from '../core/index.js'
import { Turnover } from '../measures/index.js'
import {
  DecimalJson,
  decimal,
  NullableDecimalJson,
  optionalDecimal,
  perEntityJson,
  perEntityToJson,
  periodOf,
  type ReportColumn,
  type ReportInputs,
  type ReportOptions,
  reportColumns,
  reportEntities,
} from './Common.js'
import {
  amount,
  type Cell,
  commodityColumn,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  number,
  text,
  textColumn,
  valueColumns,
} from './Grid.js'

/**
 * The turnover of one entity in one column: exact realized sales and average working capital, turnover with four
 * decimals and days with two decimals (absent when undefined).
 */
export interface TurnoverPoint {
  readonly realizedSales: Quantity.Quantity
  readonly averageWorkingCapital: Quantity.Quantity
  readonly turnover?: Quantity.Quantity
  readonly days?: Quantity.Quantity
  readonly estimated: boolean
}

/** The turnover report data: one point per entity and column, in the books currency. */
export interface TurnoverReport {
  readonly kind: 'turnover'
  readonly options: ReportOptions
  readonly currency: Commodity.CommoditySymbol
  readonly columns: ReadonlyArray<ReportColumn>
  readonly entities: ReadonlyArray<{
    readonly entity: Entity.EntityName
    readonly points: ReadonlyArray<TurnoverPoint>
  }>
}

/** Builds the turnover report, measuring each entity over each column period as of its last day. */
export const build = (inputs: ReportInputs, options: ReportOptions): TurnoverReport => {
  const columns = reportColumns(inputs, options)
  const entities = reportEntities(inputs, options)
    .map((entity) => ({
      entity,
      points: columns.map((column): TurnoverPoint => {
        const measured = Turnover.turnover(inputs.books, entity, periodOf(column), column.lastDay)
        return {
          realizedSales: measured.realizedSales,
          averageWorkingCapital: measured.averageWorkingCapital,
          ...(O.isSome(measured.turnover) ? { turnover: measured.turnover.value } : {}),
          ...(O.isSome(measured.days) ? { days: measured.days.value } : {}),
          estimated: measured.estimated,
        }
      }),
    }))
    .filter(
      (item) =>
        options.entity !== undefined ||
        item.points.some(
          (point) => !Quantity.isZero(point.averageWorkingCapital) || !Quantity.isZero(point.realizedSales),
        ),
    )
  return { kind: 'turnover', options, currency: inputs.books.currency, columns, entities }
}

/**
 * The turnover report as a grid: per entity, realized sales, average working capital, turnover in times and in days,
 * per column.
 */
export const toGrid = (report: TurnoverReport): Grid => {
  const grid = gridBuilder()
  for (const item of report.entities) {
    grid.section()
    const line = (label: string, commodity: string, cells: ReadonlyArray<Cell>): void =>
      grid.push([text(item.entity), text(label), text(commodity), ...cells])
    line(
      'realized sales',
      report.currency,
      item.points.map((point) => amount(point.realizedSales, report.currency, point.estimated)),
    )
    line(
      'average working capital',
      report.currency,
      item.points.map((point) => amount(point.averageWorkingCapital, report.currency, point.estimated)),
    )
    line(
      'turnover (times)',
      '',
      item.points.map((point) => number(point.turnover, point.estimated)),
    )
    line(
      'turnover (days)',
      '',
      item.points.map((point) => number(point.days, point.estimated)),
    )
  }
  return grid.grid([keyColumn('entity'), textColumn('line'), commodityColumn, ...valueColumns(report.columns, 'label')])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

/** The JSON form; decimals are strings; `turnover` and `days` are null without realized sales. */
export const TurnoverJson = perEntityJson(
  'turnover',
  t.readonly(
    t.type({
      realizedSales: DecimalJson,
      averageWorkingCapital: DecimalJson,
      turnover: NullableDecimalJson,
      days: NullableDecimalJson,
      estimated: t.boolean,
    }),
  ),
)
/** The JSON form of the turnover report; decimals are exact strings, null when undefined. */
export type TurnoverJson = t.TypeOf<typeof TurnoverJson>

/** The turnover report as JSON, every quantity a decimal string and null for a turnover or days that is undefined. */
export const toJson = (report: TurnoverReport): TurnoverJson =>
  perEntityToJson(report, (point) => ({
    realizedSales: decimal(point.realizedSales),
    averageWorkingCapital: decimal(point.averageWorkingCapital),
    turnover: optionalDecimal(point.turnover),
    days: optionalDecimal(point.days),
    estimated: point.estimated,
  }))
