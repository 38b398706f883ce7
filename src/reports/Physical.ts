/**
 * The physical book by entity, goods commodity and stage: units held at the last day of each
 * column, stage by stage (materials, WIP, finished, shipped, provisionally accepted, finally
 * accepted, rejected, scrapped). The boundary stages that keep every transaction conserving units
 * (`external`: where production and receipts enter; `consumed`; count differences) are in the
 * data, not in the table. Stages come from the account roles (`Books.stageOf` through
 * `measures/Physical.goodsPostings`). One pass over the transactions.
 */
import * as t from 'io-ts'
import { type Commodity, type Entity, Ledger, Quantity } from '../core/index.js'
import type { Stage } from '../domain/Books.js'
import { Physical } from '../measures/index.js'
import {
  addAt,
  amount,
  type Cell,
  columnIndex,
  columnJson,
  compareText,
  cumulative,
  decimal,
  DecimalJson,
  type Grid,
  headJson,
  lookupOf,
  optionsJson,
  renderGridCsv,
  renderGridTable,
  type ReportColumn,
  reportColumns,
  type ReportInputs,
  type ReportOptions,
  text,
  zeros,
} from './Common.js'

/** The stages a unit passes through, in order; then the boundary stages. */
export const stageOrder: ReadonlyArray<Stage> = ['materials', 'wip', 'finished', 'shipped', 'provisionallyAccepted', 'finallyAccepted', 'rejected', 'scrapped', 'external', 'consumed', 'countDifference']

export const boundaryStages: ReadonlyArray<Stage> = ['external', 'consumed', 'countDifference']

export const stageLabel: Readonly<Record<Stage, string>> = {
  materials: 'materials',
  wip: 'work in progress',
  finished: 'finished',
  shipped: 'shipped',
  provisionallyAccepted: 'provisionally accepted',
  finallyAccepted: 'finally accepted',
  rejected: 'rejected',
  scrapped: 'scrapped',
  external: 'entered from outside',
  consumed: 'consumed',
  countDifference: 'count differences',
}

export interface PhysicalRow {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly stage: Stage
  /** Units held at the last day of each column. */
  readonly values: ReadonlyArray<Quantity.Quantity>
  readonly estimated: boolean
}

export interface PhysicalReport {
  readonly kind: 'physical'
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
  /** Sorted by entity, commodity, stage order; rows that are zero in every column are left out. */
  readonly rows: ReadonlyArray<PhysicalRow>
}

export const build = (inputs: ReportInputs, options: ReportOptions): PhysicalReport => {
  const columns = reportColumns(inputs, options)
  const count = columns.length
  const first = columns[0]
  const slots = new Map<string, { entity: Entity.EntityName; commodity: Commodity.CommoditySymbol; stage: Stage; flows: Quantity.Quantity[]; estimated: boolean }>()
  const memo = new Map()
  for (const transaction of Ledger.transactions(inputs.ledger)) {
    let column = columnIndex(columns, transaction.date)
    if (column < 0) {
      if (first === undefined || transaction.date >= first.start) continue
      column = 0 // before the first column: part of the opening holdings
    }
    for (const posting of Physical.goodsPostings(inputs.books, transaction, memo)) {
      if (options.entity !== undefined && posting.entity !== options.entity) continue
      const key = `${posting.entity}\u0000${posting.commodity}\u0000${posting.stage}`
      let slot = slots.get(key)
      if (slot === undefined) {
        slot = { entity: posting.entity, commodity: posting.commodity, stage: posting.stage, flows: zeros(count), estimated: false }
        slots.set(key, slot)
      }
      addAt(slot.flows, column, posting.quantity)
      if (posting.estimated) slot.estimated = true
    }
  }
  const rows = [...slots.values()]
    .map((slot) => ({ entity: slot.entity, commodity: slot.commodity, stage: slot.stage, values: cumulative(slot.flows), estimated: slot.estimated }))
    .filter((row) => row.values.some((value) => !Quantity.isZero(value)))
    .sort((a, b) => compareText(a.entity, b.entity) || compareText(a.commodity, b.commodity) || stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage))
  return { kind: 'physical', options, columns, rows }
}

/** Units held in `stage` for each column (zero when the stage holds none). */
export const stageValues = (report: PhysicalReport, entity: Entity.EntityName, commodity: Commodity.CommoditySymbol, stage: Stage): ReadonlyArray<Quantity.Quantity> =>
  report.rows.find((row) => row.entity === entity && row.commodity === commodity && row.stage === stage)?.values ?? zeros(report.columns.length)

export const toGrid = (report: PhysicalReport): Grid => {
  const rows: Cell[][] = []
  const separators: number[] = []
  let previous = ''
  for (const row of report.rows) {
    if (boundaryStages.includes(row.stage)) continue
    const group = `${row.entity}\u0000${row.commodity}`
    if (rows.length > 0 && group !== previous) separators.push(rows.length)
    previous = group
    rows.push([text(row.entity), text(row.commodity), text(stageLabel[row.stage]), ...row.values.map((value) => amount(value, row.commodity, row.estimated))])
  }
  return {
    columns: [
      { header: 'entity', align: 'left', key: true },
      { header: 'commodity', align: 'left', key: true },
      { header: 'stage', align: 'left' },
      ...report.columns.map((column) => ({ header: column.lastDay, align: 'right' as const })),
    ],
    rows,
    separatorBefore: separators,
  }
}

export const renderTable = (report: PhysicalReport, ledger: Ledger.Ledger): string => renderGridTable(toGrid(report), lookupOf(ledger))

export const renderCsv = (report: PhysicalReport): string => renderGridCsv(toGrid(report))

/** The JSON form: units held per column, decimals as strings, boundary stages included. */
export const PhysicalJson = t.readonly(
  t.type({
    ...headJson('physical'),
    rows: t.readonlyArray(t.readonly(t.type({ entity: t.string, commodity: t.string, stage: t.string, values: t.readonlyArray(DecimalJson), estimated: t.boolean }))),
  }),
)
export type PhysicalJson = t.TypeOf<typeof PhysicalJson>

export const toJson = (report: PhysicalReport): PhysicalJson => ({
  version: 1,
  kind: 'physical',
  options: optionsJson(report.options),
  columns: report.columns.map(columnJson),
  rows: report.rows.map((row) => ({ entity: row.entity, commodity: row.commodity, stage: row.stage, values: row.values.map(decimal), estimated: row.estimated })),
})
