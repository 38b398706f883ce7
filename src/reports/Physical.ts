/**
 * The physical book by entity, goods commodity and stage: units held at the last day of each
 * column, stage by stage (materials, WIP, finished, shipped, provisionally accepted, finally
 * accepted, rejected, scrapped). The boundary stages that keep every transaction conserving units
 * (`external`: where production and receipts enter; `consumed`; count differences) are in the
 * data, not in the table. Stages come from the account roles (`Books.stageOf` through
 * `measures/Physical.goodsPostings`). One pass over the transactions.
 */
import * as t from 'io-ts'
import type { Commodity, Entity, Quantity } from '../core/index.js'
import type { Stage } from '../domain/Books.js'
import { Physical } from '../measures/index.js'
import {
  type Accumulated,
  accumulate,
  anyNonZero,
  compareText,
  cumulative,
  DecimalJson,
  decimals,
  eachInColumns,
  headJson,
  type ReportColumn,
  type ReportInputs,
  type ReportOptions,
  reportColumns,
  reportHead,
  zeros,
} from './Common.js'
import { amount, type Grid, gridBuilder, gridRenderers, keyColumn, text, textColumn, valueColumns } from './Grid.js'

/** The stages a unit passes through, in order; then the boundary stages. */
export const stageOrder: ReadonlyArray<Stage> = [
  'materials',
  'wip',
  'finished',
  'shipped',
  'provisionallyAccepted',
  'finallyAccepted',
  'rejected',
  'scrapped',
  'external',
  'consumed',
  'countDifference',
]

/**
 * The stages that stand for goods entering or leaving the books (external, consumed, count difference), left out of the
 * physical table.
 */
export const boundaryStages: ReadonlyArray<Stage> = ['external', 'consumed', 'countDifference']

/** The label the physical report prints for each stage. */
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

/**
 * One entity, goods commodity and stage of the physical book, with the exact units held at the last day of each column.
 */
export interface PhysicalRow {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly stage: Stage
  /** Units held at the last day of each column. */
  readonly values: ReadonlyArray<Quantity.Quantity>
  readonly estimated: boolean
}

/** The physical report data: exact units held by entity, goods commodity and stage at the last day of each column. */
export interface PhysicalReport {
  readonly kind: 'physical'
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
  /** Sorted by entity, commodity, stage order; rows that are zero in every column are left out. */
  readonly rows: ReadonlyArray<PhysicalRow>
}

interface Slot extends Accumulated {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly stage: Stage
}

/**
 * Builds the physical report: exact units per entity, commodity and stage, including opening holdings before the first
 * column.
 */
export const build = (inputs: ReportInputs, options: ReportOptions): PhysicalReport => {
  const columns = reportColumns(inputs, options)
  const slots = new Map<string, Slot>()
  const memo = new Map()
  // Before the first column: part of the opening holdings.
  eachInColumns(inputs.ledger, columns, 0, (transaction, column) => {
    for (const posting of Physical.goodsPostings(inputs.books, transaction, memo)) {
      if (options.entity !== undefined && posting.entity !== options.entity) continue
      const create = (): Slot => ({
        entity: posting.entity,
        commodity: posting.commodity,
        stage: posting.stage,
        values: zeros(columns.length),
        estimated: false,
      })
      accumulate(
        slots,
        `${posting.entity}\u0000${posting.commodity}\u0000${posting.stage}`,
        create,
        column,
        posting.quantity,
        posting.estimated,
      )
    }
  })
  const rows = [...slots.values()]
    .map((slot) => ({
      entity: slot.entity,
      commodity: slot.commodity,
      stage: slot.stage,
      values: cumulative(slot.values),
      estimated: slot.estimated,
    }))
    .filter((row) => anyNonZero(row.values))
    .sort(
      (a, b) =>
        compareText(a.entity, b.entity) ||
        compareText(a.commodity, b.commodity) ||
        stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage),
    )
  return { kind: 'physical', options, columns, rows }
}

/** Units held in `stage` for each column (zero when the stage holds none). */
export const stageValues = (
  report: PhysicalReport,
  entity: Entity.EntityName,
  commodity: Commodity.CommoditySymbol,
  stage: Stage,
): ReadonlyArray<Quantity.Quantity> =>
  report.rows.find((row) => row.entity === entity && row.commodity === commodity && row.stage === stage)?.values ??
  zeros(report.columns.length)

/**
 * The physical report as a grid, one row per entity, commodity and stage (boundary stages left out), exact units per
 * column.
 */
export const toGrid = (report: PhysicalReport): Grid => {
  const grid = gridBuilder()
  let previous = ''
  for (const row of report.rows) {
    if (boundaryStages.includes(row.stage)) continue
    const group = `${row.entity}\u0000${row.commodity}`
    if (group !== previous) grid.section()
    previous = group
    grid.push([
      text(row.entity),
      text(row.commodity),
      text(stageLabel[row.stage]),
      ...row.values.map((value) => amount(value, row.commodity, row.estimated)),
    ])
  }
  return grid.grid([
    keyColumn('entity'),
    keyColumn('commodity'),
    textColumn('stage'),
    ...valueColumns(report.columns, 'lastDay'),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

/** The JSON form: units held per column, decimals as strings, boundary stages included. */
export const PhysicalJson = t.readonly(
  t.type({
    ...headJson('physical'),
    rows: t.readonlyArray(
      t.readonly(
        t.type({
          entity: t.string,
          commodity: t.string,
          stage: t.string,
          values: t.readonlyArray(DecimalJson),
          estimated: t.boolean,
        }),
      ),
    ),
  }),
)
/** The JSON form of the physical report; decimals are exact strings, one per column. */
export type PhysicalJson = t.TypeOf<typeof PhysicalJson>

/** The physical report as JSON, every quantity an exact decimal string. */
export const toJson = (report: PhysicalReport): PhysicalJson => ({
  ...reportHead(report),
  rows: report.rows.map((row) => ({
    entity: row.entity,
    commodity: row.commodity,
    stage: row.stage,
    values: decimals(row.values),
    estimated: row.estimated,
  })),
})
