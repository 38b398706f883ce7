/**
 * Turnover of working capital per entity and column period (`measures/Turnover`): realized sales,
 * average working capital (opening and quarter ends), turnover (sales / average, four decimals)
 * and its length in days (360-day year). A period without realized sales has no turnover.
 */
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Commodity, type Entity, type Ledger, Quantity } from '../core/index.js'
import { Turnover } from '../measures/index.js'
import {
  amount,
  type Cell,
  columnJson,
  decimal,
  DecimalJson,
  type Grid,
  headJson,
  lookupOf,
  NullableDecimalJson,
  number,
  optionalDecimal,
  optionsJson,
  periodOf,
  renderGridCsv,
  renderGridTable,
  type ReportColumn,
  reportColumns,
  reportEntities,
  type ReportInputs,
  type ReportOptions,
  text,
} from './Common.js'

export interface TurnoverPoint {
  readonly realizedSales: Quantity.Quantity
  readonly averageWorkingCapital: Quantity.Quantity
  readonly turnover?: Quantity.Quantity
  readonly days?: Quantity.Quantity
  readonly estimated: boolean
}

export interface TurnoverReport {
  readonly kind: 'turnover'
  readonly options: ReportOptions
  readonly currency: Commodity.CommoditySymbol
  readonly columns: ReadonlyArray<ReportColumn>
  readonly entities: ReadonlyArray<{ readonly entity: Entity.EntityName; readonly points: ReadonlyArray<TurnoverPoint> }>
}

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
    .filter((item) => options.entity !== undefined || item.points.some((point) => !Quantity.isZero(point.averageWorkingCapital) || !Quantity.isZero(point.realizedSales)))
  return { kind: 'turnover', options, currency: inputs.books.currency, columns, entities }
}

export const toGrid = (report: TurnoverReport): Grid => {
  const rows: Cell[][] = []
  const separators: number[] = []
  for (const item of report.entities) {
    if (rows.length > 0) separators.push(rows.length)
    const line = (label: string, commodity: string, cells: ReadonlyArray<Cell>): void => {
      rows.push([text(item.entity), text(label), text(commodity), ...cells])
    }
    line('realized sales', report.currency, item.points.map((point) => amount(point.realizedSales, report.currency, point.estimated)))
    line('average working capital', report.currency, item.points.map((point) => amount(point.averageWorkingCapital, report.currency, point.estimated)))
    line('turnover (times)', '', item.points.map((point) => number(point.turnover, point.estimated)))
    line('turnover (days)', '', item.points.map((point) => number(point.days, point.estimated)))
  }
  return {
    columns: [
      { header: 'entity', align: 'left', key: true },
      { header: 'line', align: 'left' },
      { header: 'commodity', align: 'left', csvOnly: true },
      ...report.columns.map((column) => ({ header: column.label, align: 'right' as const })),
    ],
    rows,
    separatorBefore: separators,
  }
}

export const renderTable = (report: TurnoverReport, ledger: Ledger.Ledger): string => renderGridTable(toGrid(report), lookupOf(ledger))

export const renderCsv = (report: TurnoverReport): string => renderGridCsv(toGrid(report))

/** The JSON form; decimals are strings; `turnover` and `days` are null without realized sales. */
export const TurnoverJson = t.readonly(
  t.type({
    ...headJson('turnover'),
    currency: t.string,
    entities: t.readonlyArray(
      t.readonly(
        t.type({
          entity: t.string,
          points: t.readonlyArray(
            t.readonly(t.type({ realizedSales: DecimalJson, averageWorkingCapital: DecimalJson, turnover: NullableDecimalJson, days: NullableDecimalJson, estimated: t.boolean })),
          ),
        }),
      ),
    ),
  }),
)
export type TurnoverJson = t.TypeOf<typeof TurnoverJson>

export const toJson = (report: TurnoverReport): TurnoverJson => ({
  version: 1,
  kind: 'turnover',
  options: optionsJson(report.options),
  columns: report.columns.map(columnJson),
  currency: report.currency,
  entities: report.entities.map((item) => ({
    entity: item.entity,
    points: item.points.map((point) => ({
      realizedSales: decimal(point.realizedSales),
      averageWorkingCapital: decimal(point.averageWorkingCapital),
      turnover: optionalDecimal(point.turnover),
      days: optionalDecimal(point.days),
      estimated: point.estimated,
    })),
  })),
})
