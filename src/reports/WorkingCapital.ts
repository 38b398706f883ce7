/**
 * Working capital by category against its norm, and how it is financed (`measures/WorkingCapital`),
 * per entity, read at the last day of each column. Entities without circulating assets or norms
 * are left out unless asked for by name.
 */
import * as O from 'fp-ts/lib/Option.js'
import * as t from 'io-ts'
import { type Commodity, type Entity, type LocalDate, type Period, Quantity } from '../core/index.js'
import type { Books, NormCategory } from '../domain/Books.js'
import { Ratio, WorkingCapital } from '../measures/index.js'
import {
  approximateNumber,
  DecimalJson,
  decimal,
  NullableDecimalJson,
  optionalDecimal,
  perEntityJson,
  perEntityToJson,
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
  empty,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  percent,
  text,
  textColumn,
  valueColumns,
} from './Grid.js'

/**
 * One norm category of an entity on a date: the exact norm, actual and excess money, and the excess as a percentage of
 * the norm with two decimals.
 */
export interface NormLine {
  readonly category: NormCategory
  /** The period of the norm's plan line. */
  readonly period: Period.Period
  readonly norm: Quantity.Quantity
  readonly actual: Quantity.Quantity
  readonly excess: Quantity.Quantity
  /** excess / norm in percent, two decimals; undefined for a zero norm. */
  readonly excessPercent?: Quantity.Quantity
  readonly estimated: boolean
}

/**
 * The working capital of one entity on one date: exact money per category and in total, the norms, and the financing.
 */
export interface WorkingCapitalPoint {
  readonly on: LocalDate.LocalDate
  readonly categories: ReadonlyArray<{
    readonly category: WorkingCapital.WorkingCapitalCategory
    readonly actual: Quantity.Quantity
    readonly estimated: boolean
  }>
  readonly total: Quantity.Quantity
  readonly norms: ReadonlyArray<NormLine>
  readonly financing: WorkingCapital.Financing
  readonly estimated: boolean
}

/** The working capital of one entity, one point per column. */
export interface WorkingCapitalEntity {
  readonly entity: Entity.EntityName
  /** One per column. */
  readonly points: ReadonlyArray<WorkingCapitalPoint>
}

/** The working-capital report data: per entity, one point per column read at its last day, in the books currency. */
export interface WorkingCapitalReport {
  readonly kind: 'working-capital'
  readonly options: ReportOptions
  readonly currency: Commodity.CommoditySymbol
  readonly columns: ReadonlyArray<ReportColumn>
  readonly entities: ReadonlyArray<WorkingCapitalEntity>
}

/** One point: the measure at `on`, with the norms in force on `on` as known on `knownOn` (default: that day). */
export const pointOf = (
  books: Books,
  entity: Entity.EntityName,
  on: LocalDate.LocalDate,
  knownOn: LocalDate.LocalDate = on,
): WorkingCapitalPoint => {
  const capital = WorkingCapital.workingCapital(books, entity, on, knownOn)
  return {
    on,
    categories: capital.categories.map((item) => ({
      category: item.category,
      actual: item.actual,
      estimated: item.flow.estimated,
    })),
    total: capital.total,
    norms: capital.norms.map((norm) => {
      const ratio = Ratio.percentOf(norm.excess, norm.norm)
      return {
        category: norm.category,
        period: norm.plan.line.period,
        norm: norm.norm,
        actual: norm.actual,
        excess: norm.excess,
        ...(O.isSome(ratio) ? { excessPercent: ratio.value } : {}),
        estimated: norm.estimated,
      }
    }),
    financing: capital.financing,
    estimated: capital.estimated,
  }
}

/**
 * Builds the working-capital report, leaving out entities without circulating assets or norms unless one is asked for
 * by name.
 */
export const build = (inputs: ReportInputs, options: ReportOptions): WorkingCapitalReport => {
  const columns = reportColumns(inputs, options)
  const entities = reportEntities(inputs, options)
    .map((entity) => ({ entity, points: columns.map((column) => pointOf(inputs.books, entity, column.lastDay)) }))
    .filter(
      (item) =>
        options.entity !== undefined ||
        item.points.some((point) => !Quantity.isZero(point.total) || point.norms.length > 0),
    )
  return { kind: 'working-capital', options, currency: inputs.books.currency, columns, entities }
}

// -------------------------------------------------------------------------------------
// chart-ready series
// -------------------------------------------------------------------------------------

/**
 * One chart-ready working-capital row per entity, date and norm category: actual and norm money as approximate numbers,
 * with their exact decimals as text.
 */
export interface NormSeriesRow {
  readonly entity: string
  readonly on: string
  readonly category: string
  readonly actual: number
  readonly norm: number | null
  readonly actualExact: string
  readonly normExact: string | null
  readonly estimated: boolean
}

/**
 * Working capital against its norm by category, one row per entity, date and norm category
 * (the measured categories a norm covers are summed), for a bar-and-rule chart. `actual` and
 * `norm` are numbers for plotting; the `…Exact` fields are the exact decimals.
 */
export const workingCapitalAgainstNorm = (report: WorkingCapitalReport): ReadonlyArray<NormSeriesRow> =>
  report.entities.flatMap((item) =>
    item.points.flatMap(
      (point): ReadonlyArray<NormSeriesRow> =>
        point.norms.length > 0
          ? point.norms.map((norm) => ({
              entity: item.entity,
              on: point.on,
              category: norm.category,
              actual: approximateNumber(norm.actual),
              norm: approximateNumber(norm.norm),
              actualExact: decimal(norm.actual),
              normExact: decimal(norm.norm),
              estimated: norm.estimated,
            }))
          : [
              {
                entity: item.entity,
                on: point.on,
                category: 'total',
                actual: approximateNumber(point.total),
                norm: null,
                actualExact: decimal(point.total),
                normExact: null,
                estimated: point.estimated,
              },
            ],
    ),
  )

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

const financingLines: ReadonlyArray<readonly [keyof WorkingCapital.Financing, string]> = [
  ['bankCredit', 'Gosbank credit'],
  ['savingsBankCredit', 'savings-bank credit'],
  ['payables', 'payables'],
  ['ownAndOther', 'own funds and other'],
]

/**
 * The working-capital report as a grid: per entity, exact money by category, against the norms, and by source of
 * financing, per column.
 */
export const toGrid = (report: WorkingCapitalReport): Grid => {
  const currency = report.currency
  const grid = gridBuilder()
  for (const item of report.entities) {
    const line = (section: string, label: string, cells: ReadonlyArray<Cell>): void =>
      grid.push([text(item.entity), text(section), text(label), text(currency), ...cells])
    grid.section()
    for (const category of WorkingCapital.workingCapitalCategories) {
      const values = item.points.map((point) => point.categories.find((entry) => entry.category === category))
      if (values.every((value) => value === undefined || Quantity.isZero(value.actual))) continue
      line(
        'by category',
        category,
        values.map((value) => amount(value?.actual ?? Quantity.zero, currency, value?.estimated ?? false)),
      )
    }
    line(
      'by category',
      'total',
      item.points.map((point) => amount(point.total, currency, point.estimated)),
    )
    const normCategories = [...new Set(item.points.flatMap((point) => point.norms.map((norm) => norm.category)))]
    for (const category of normCategories) {
      const norms = item.points.map((point) => point.norms.find((norm) => norm.category === category))
      const normLine = (label: string, value: (norm: NormLine) => Quantity.Quantity): void =>
        line(
          `norm (${category})`,
          label,
          norms.map((norm) => (norm === undefined ? empty : amount(value(norm), currency, norm.estimated))),
        )
      grid.section()
      normLine('norm', (norm) => norm.norm)
      normLine('actual', (norm) => norm.actual)
      normLine('excess', (norm) => norm.excess)
      line(
        `norm (${category})`,
        'excess % of norm',
        norms.map((norm) => percent(norm?.excessPercent, norm?.estimated ?? false)),
      )
    }
    grid.section()
    for (const [key, label] of financingLines)
      line(
        'financed by',
        label,
        item.points.map((point) => amount(point.financing[key], currency, point.estimated)),
      )
  }
  return grid.grid([
    keyColumn('entity'),
    keyColumn('section'),
    textColumn('line'),
    commodityColumn,
    ...valueColumns(report.columns, 'lastDay'),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

const PointJson = t.readonly(
  t.type({
    on: t.string,
    categories: t.readonlyArray(t.readonly(t.type({ category: t.string, actual: DecimalJson, estimated: t.boolean }))),
    total: DecimalJson,
    norms: t.readonlyArray(
      t.readonly(
        t.type({
          category: t.string,
          norm: DecimalJson,
          actual: DecimalJson,
          excess: DecimalJson,
          excessPercent: NullableDecimalJson,
          estimated: t.boolean,
        }),
      ),
    ),
    financing: t.readonly(
      t.type({
        bankCredit: DecimalJson,
        savingsBankCredit: DecimalJson,
        payables: DecimalJson,
        ownAndOther: DecimalJson,
      }),
    ),
    estimated: t.boolean,
  }),
)

/** The JSON form; decimals are strings, one point per column. */
export const WorkingCapitalJson = perEntityJson('working-capital', PointJson)
/** The JSON form of the working-capital report; decimals are exact strings. */
export type WorkingCapitalJson = t.TypeOf<typeof WorkingCapitalJson>

/** The working-capital report as JSON, every quantity an exact decimal string and null for an undefined percentage. */
export const toJson = (report: WorkingCapitalReport): WorkingCapitalJson =>
  perEntityToJson(report, (point) => ({
    on: point.on,
    categories: point.categories.map((category) => ({
      category: category.category,
      actual: decimal(category.actual),
      estimated: category.estimated,
    })),
    total: decimal(point.total),
    norms: point.norms.map((norm) => ({
      category: norm.category,
      norm: decimal(norm.norm),
      actual: decimal(norm.actual),
      excess: decimal(norm.excess),
      excessPercent: optionalDecimal(norm.excessPercent),
      estimated: norm.estimated,
    })),
    financing: {
      bankCredit: decimal(point.financing.bankCredit),
      savingsBankCredit: decimal(point.financing.savingsBankCredit),
      payables: decimal(point.financing.payables),
      ownAndOther: decimal(point.financing.ownAndOther),
    },
    estimated: point.estimated,
  }))
