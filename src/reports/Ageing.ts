/**
 * Ageing of open items in the buckets 0–30 / 31–60 / 61–90 / 90+ days (`measures/Ageing`):
 * receivables, payment demands awaiting a decision, provisional acceptances (units, per goods
 * commodity: FIFO layers of `measures/Physical.stageAgeing`), bills in circulation and active
 * loans, read at the last day of each column. Every item is kept, with its document or account.
 */
import * as t from 'io-ts'
import { type AccountName, type Commodity, type Entity, type Ledger, type LocalDate, Quantity } from '../core/index.js'
import { Ageing, Physical } from '../measures/index.js'
import {
  approximateNumber,
  compareText,
  DecimalJson,
  decimal,
  decimals,
  headJson,
  type ReportColumn,
  type ReportInputs,
  type ReportOptions,
  reportColumns,
  reportHead,
} from './Common.js'
import {
  amount,
  commodityColumn,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  number,
  text,
  textColumn,
} from './Grid.js'

/** The kinds of open item in the order the ageing report lists them. */
export const agedKinds: ReadonlyArray<Ageing.AgedKind> = [
  'receivable',
  'paymentDemand',
  'provisionalAcceptance',
  'bill',
  'loan',
]

/** The label the ageing table prints for each kind of open item. */
export const kindLabel: Readonly<Record<Ageing.AgedKind, string>> = {
  receivable: 'receivables',
  paymentDemand: 'payment demands awaiting decision',
  provisionalAcceptance: 'provisional acceptances',
  bill: 'bills in circulation',
  loan: 'loans',
}

/**
 * One open item of the ageing report: its kind, entity, date, age in whole days, bucket and exact outstanding money or
 * units.
 */
export interface AgedEntry {
  readonly kind: Ageing.AgedKind
  readonly entity: Entity.EntityName
  /** The currency for money items, the goods commodity for provisional acceptances. */
  readonly commodity: Commodity.CommoditySymbol
  readonly date: LocalDate.LocalDate
  readonly ageDays: number
  readonly bucket: Ageing.AgeBucket
  readonly amount: Quantity.Quantity
  readonly document?: string
  readonly account?: AccountName.AccountName
}

/**
 * The open items of one kind, entity and commodity summed exactly per ageing bucket and in total, with their counts.
 */
export interface AgeingRow {
  readonly kind: Ageing.AgedKind
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  /** In the order of `Ageing.ageBuckets`. */
  readonly buckets: ReadonlyArray<Quantity.Quantity>
  /** Items per bucket, in the same order. */
  readonly counts: ReadonlyArray<number>
  readonly total: Quantity.Quantity
  readonly count: number
}

/** The ageing on one date: summed rows and every open item. */
export interface AgeingPoint {
  readonly on: LocalDate.LocalDate
  /** Sorted by kind (in `agedKinds` order), entity, commodity. */
  readonly rows: ReadonlyArray<AgeingRow>
  /** Sorted by kind, entity, date, document or account. */
  readonly items: ReadonlyArray<AgedEntry>
}

/** The ageing report data: the ageing read at the last day of each column, exact and unrounded. */
export interface AgeingReport {
  readonly kind: 'ageing'
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
  /** One per column. */
  readonly points: ReadonlyArray<AgeingPoint>
}

const entriesOn = (
  inputs: ReportInputs,
  on: LocalDate.LocalDate,
  entity: Entity.EntityName | undefined,
): ReadonlyArray<AgedEntry> => {
  const entries: AgedEntry[] = []
  for (const kind of agedKinds) {
    if (kind === 'provisionalAcceptance') {
      for (const layer of Physical.stageAgeing(inputs.books, {
        stage: 'provisionallyAccepted',
        on,
        ...(entity !== undefined ? { entity } : {}),
      })) {
        entries.push({
          kind,
          entity: layer.entity,
          commodity: layer.commodity,
          date: layer.since,
          ageDays: layer.ageDays,
          bucket: Ageing.bucketOf(layer.ageDays),
          amount: layer.units,
          account: layer.account,
        })
      }
      continue
    }
    for (const item of Ageing.ageing(inputs.books, kind, on, entity).items) {
      entries.push({
        kind,
        entity: item.entity,
        commodity: inputs.books.currency,
        date: item.date,
        ageDays: item.ageDays,
        bucket: item.bucket,
        amount: item.amount,
        ...(item.document !== undefined ? { document: item.document } : {}),
        ...(item.account !== undefined ? { account: item.account } : {}),
      })
    }
  }
  return entries.sort(
    (a, b) =>
      agedKinds.indexOf(a.kind) - agedKinds.indexOf(b.kind) ||
      compareText(a.entity, b.entity) ||
      compareText(a.date, b.date) ||
      compareText(a.document ?? a.account ?? '', b.document ?? b.account ?? '') ||
      compareText(a.commodity, b.commodity),
  )
}

const rowsOf = (entries: ReadonlyArray<AgedEntry>): ReadonlyArray<AgeingRow> => {
  const rows = new Map<
    string,
    {
      kind: Ageing.AgedKind
      entity: Entity.EntityName
      commodity: Commodity.CommoditySymbol
      buckets: Quantity.Quantity[]
      counts: number[]
      count: number
    }
  >()
  for (const entry of entries) {
    const key = `${entry.kind}\u0000${entry.entity}\u0000${entry.commodity}`
    let row = rows.get(key)
    if (row === undefined) {
      row = {
        kind: entry.kind,
        entity: entry.entity,
        commodity: entry.commodity,
        buckets: Ageing.ageBuckets.map(() => Quantity.zero),
        counts: Ageing.ageBuckets.map(() => 0),
        count: 0,
      }
      rows.set(key, row)
    }
    const index = Ageing.ageBuckets.indexOf(entry.bucket)
    row.buckets[index] = Quantity.add(row.buckets[index] ?? Quantity.zero, entry.amount)
    row.counts[index] = (row.counts[index] ?? 0) + 1
    row.count++
  }
  return [...rows.values()]
    .sort(
      (a, b) =>
        agedKinds.indexOf(a.kind) - agedKinds.indexOf(b.kind) ||
        compareText(a.entity, b.entity) ||
        compareText(a.commodity, b.commodity),
    )
    .map((row) => ({ ...row, total: Quantity.sumAll(row.buckets) }))
}

/** The open items on `on` (of one entity, or of all), itemized and summed by kind, entity and commodity. */
export const pointOn = (inputs: ReportInputs, on: LocalDate.LocalDate, entity?: Entity.EntityName): AgeingPoint => {
  const items = entriesOn(inputs, on, entity)
  return { on, rows: rowsOf(items), items }
}

/** Builds the ageing report, one point per column read at its last day. */
export const build = (inputs: ReportInputs, options: ReportOptions): AgeingReport => {
  const columns = reportColumns(inputs, options)
  return {
    kind: 'ageing',
    options,
    columns,
    points: columns.map((column) => pointOn(inputs, column.lastDay, options.entity)),
  }
}

// -------------------------------------------------------------------------------------
// chart-ready series
// -------------------------------------------------------------------------------------

/** The open items of one bucket: exact, for the ageing series and the ageing chart of the HTML report. */
export interface BucketEntry {
  readonly on: LocalDate.LocalDate
  readonly kind: Ageing.AgedKind
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly bucket: Ageing.AgeBucket
  readonly amount: Quantity.Quantity
  readonly count: number
}

/** One entry per date, kind, entity, commodity and bucket (every bucket, zeros included). */
export const bucketEntries = (points: ReadonlyArray<AgeingPoint>): ReadonlyArray<BucketEntry> =>
  points.flatMap((point) =>
    point.rows.flatMap((row) =>
      Ageing.ageBuckets.map((bucket, index) => ({
        on: point.on,
        kind: row.kind,
        entity: row.entity,
        commodity: row.commodity,
        bucket,
        amount: row.buckets[index] ?? Quantity.zero,
        count: row.counts[index] ?? 0,
      })),
    ),
  )

/**
 * One chart-ready ageing row (one per date, kind, entity, commodity and bucket): an approximate number for plotting and
 * the exact decimal as text.
 */
export interface AgeingSeriesRow {
  readonly on: string
  readonly kind: Ageing.AgedKind
  readonly entity: string
  readonly commodity: string
  readonly bucket: Ageing.AgeBucket
  readonly amount: number
  readonly exact: string
}

/** One row per date, kind, entity, commodity and bucket (every bucket, zeros included), for a stacked bar chart. */
export const ageingBuckets = (report: AgeingReport): ReadonlyArray<AgeingSeriesRow> =>
  bucketEntries(report.points).map((entry) => ({
    on: entry.on,
    kind: entry.kind,
    entity: entry.entity,
    commodity: entry.commodity,
    bucket: entry.bucket,
    amount: approximateNumber(entry.amount),
    exact: decimal(entry.amount),
  }))

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

/**
 * The ageing report as a grid: one row per date, kind, entity and commodity with the exact amount per bucket, the total
 * and the item count.
 */
export const toGrid = (report: AgeingReport): Grid => {
  const grid = gridBuilder()
  for (const point of report.points) {
    grid.section()
    for (const row of point.rows) {
      grid.push([
        text(point.on),
        text(kindLabel[row.kind]),
        text(row.entity),
        text(row.commodity),
        ...row.buckets.map((value) => amount(value, row.commodity)),
        amount(row.total, row.commodity),
        number(Quantity.unsafeFromInteger(row.count)),
      ])
    }
  }
  const right = (header: string) => ({ header, align: 'right' as const })
  return grid.grid([
    keyColumn('as of'),
    textColumn('kind'),
    textColumn('entity'),
    commodityColumn,
    ...Ageing.ageBuckets.map(right),
    right('total'),
    right('items'),
  ])
}

const renderers = gridRenderers(toGrid)

/** The ageing report as an aligned text table, or a one-line notice when no items are open. */
export const renderTable = (report: AgeingReport, ledger: Ledger.Ledger): string => {
  if (report.points.every((point) => point.rows.length === 0))
    return (
      `no open items` +
      `${report.points.length > 0 ? ` (as of ${report.points.map((point) => point.on).join(', ')})` : ''}`
    )
  return renderers.renderTable(report, ledger)
}

export const { renderCsv } = renderers

const kindCodec = t.union([
  t.literal('receivable'),
  t.literal('paymentDemand'),
  t.literal('provisionalAcceptance'),
  t.literal('bill'),
  t.literal('loan'),
])

/** The JSON form; decimals are strings; buckets in the order `0-30`, `31-60`, `61-90`, `90+`. */
export const AgeingJson = t.readonly(
  t.type({
    ...headJson('ageing'),
    buckets: t.readonlyArray(t.string),
    points: t.readonlyArray(
      t.readonly(
        t.type({
          on: t.string,
          rows: t.readonlyArray(
            t.readonly(
              t.type({
                kind: kindCodec,
                entity: t.string,
                commodity: t.string,
                buckets: t.readonlyArray(DecimalJson),
                total: DecimalJson,
                count: t.number,
              }),
            ),
          ),
          items: t.readonlyArray(
            t.readonly(
              t.type({
                kind: kindCodec,
                entity: t.string,
                commodity: t.string,
                date: t.string,
                ageDays: t.number,
                bucket: t.string,
                amount: DecimalJson,
                document: t.union([t.string, t.null]),
                account: t.union([t.string, t.null]),
              }),
            ),
          ),
        }),
      ),
    ),
  }),
)
/** The JSON form of the ageing report; decimals are exact strings. */
export type AgeingJson = t.TypeOf<typeof AgeingJson>

/** The ageing report as JSON, every amount an exact decimal string. */
export const toJson = (report: AgeingReport): AgeingJson => ({
  ...reportHead(report),
  buckets: [...Ageing.ageBuckets],
  points: report.points.map((point) => ({
    on: point.on,
    rows: point.rows.map((row) => ({
      kind: row.kind,
      entity: row.entity,
      commodity: row.commodity,
      buckets: decimals(row.buckets),
      total: decimal(row.total),
      count: row.count,
    })),
    items: point.items.map((item) => ({
      kind: item.kind,
      entity: item.entity,
      commodity: item.commodity,
      date: item.date,
      ageDays: item.ageDays,
      bucket: item.bucket,
      amount: decimal(item.amount),
      document: item.document ?? null,
      account: item.account ?? null,
    })),
  })),
})
