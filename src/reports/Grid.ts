/**
 * The grid the analytical reports render through: one model of cells (text, exact amounts,
 * percentages, numbers, each maybe estimated) for the aligned text table (`Table.ts`, commodities
 * in the ledger's declared style, repeated keys blanked) and for CSV (`Csv.ts`, exact decimals).
 * A report builds its grid with `gridBuilder` and gets both renderers from `gridRenderers`.
 */
import { Commodity, Ledger, Quantity } from '../core/index.js'
import type { ReportColumn } from './Common.js'
import * as Csv from './Csv.js'
import * as Table from './Table.js'

/**
 * One cell of a report grid: text, an exact amount of a commodity, a percentage, a plain number, or empty; numeric
 * cells may be marked estimated.
 */
export type Cell =
  | { readonly _tag: 'Text'; readonly text: string }
  | {
      readonly _tag: 'Amount'
      readonly quantity: Quantity.Quantity
      readonly commodity: Commodity.CommoditySymbol
      readonly estimated?: boolean
    }
  | { readonly _tag: 'Percent'; readonly percent: Quantity.Quantity; readonly estimated?: boolean }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity; readonly estimated?: boolean }
  | { readonly _tag: 'Empty' }

/** A text cell. */
export const text = (value: string): Cell => ({ _tag: 'Text', text: value })
/** The empty cell. */
export const empty: Cell = { _tag: 'Empty' }
/** An exact amount cell in a commodity, maybe estimated. */
export const amount = (quantity: Quantity.Quantity, commodity: Commodity.CommoditySymbol, estimated = false): Cell => ({
  _tag: 'Amount',
  quantity,
  commodity,
  estimated,
})
/** A percentage cell holding the exact value, or the empty cell when there is none. */
export const percent = (value: Quantity.Quantity | undefined, estimated = false): Cell =>
  value === undefined ? empty : { _tag: 'Percent', percent: value, estimated }
/** A plain number cell holding the exact value, or the empty cell when there is none. */
export const number = (value: Quantity.Quantity | undefined, estimated = false): Cell =>
  value === undefined ? empty : { _tag: 'Number', value, estimated }

/** One column of a report grid: its header, its alignment, and whether it is a key, CSV-only or table-only column. */
export interface GridColumn {
  readonly header: string
  readonly align: Table.Alignment
  /** A key column: in the table, a value equal to the one above is left blank. */
  readonly key?: boolean
  /** Only in CSV (the table shows it inside the amounts, e.g. the commodity). */
  readonly csvOnly?: boolean
  /** Only in the table. */
  readonly tableOnly?: boolean
}

/** A report grid: its columns, its rows of cells, and the rows that get a rule above them in the table. */
export interface Grid {
  readonly columns: ReadonlyArray<GridColumn>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  /** Row indexes that get a rule above them in the table (totals, new sections). */
  readonly separatorBefore?: ReadonlyArray<number>
}

/** A key column (left-aligned; a value equal to the one above is blanked in the table). */
export const keyColumn = (header: string): GridColumn => ({ header, align: 'left', key: true })
/** A plain left-aligned column. */
export const textColumn = (header: string): GridColumn => ({ header, align: 'left' })
/** The commodity of a row: in CSV its own column; in the table it is shown inside the amounts. */
export const commodityColumn: GridColumn = { header: 'commodity', align: 'left', csvOnly: true }

/** One right-aligned column per report column, headed by its label (flows) or its last day (balances). */
export const valueColumns = (
  columns: ReadonlyArray<ReportColumn>,
  header: 'label' | 'lastDay',
): ReadonlyArray<GridColumn> => columns.map((column) => ({ header: column[header], align: 'right' }))

/** Builds a grid row by row; `section()` puts a rule above the next row, if any (never above the first). */
export const gridBuilder = (): {
  readonly push: (row: ReadonlyArray<Cell>) => void
  readonly section: () => void
  readonly grid: (columns: ReadonlyArray<GridColumn>) => Grid
} => {
  const rows: Array<ReadonlyArray<Cell>> = []
  const separators: number[] = []
  return {
    push: (row) => {
      rows.push(row)
    },
    section: () => {
      if (rows.length > 0 && separators[separators.length - 1] !== rows.length) separators.push(rows.length)
    },
    grid: (columns) => ({ columns, rows, separatorBefore: separators.filter((index) => index < rows.length) }),
  }
}

/** How the table shows commodities: the ledger's declared style (`1,000.00 RUB`, `101 T28`). */
export type CommodityLookup = (symbol: Commodity.CommoditySymbol) => Commodity.Commodity

/** The commodity lookup of a ledger: each symbol with its declared display style. */
export const lookupOf =
  (ledger: Ledger.Ledger): CommodityLookup =>
  (symbol) =>
    Ledger.commodity(ledger, symbol)

const groupedNumber: Commodity.DisplayStyle = {
  side: 'right',
  spaced: true,
  decimalMark: '.',
  groupMark: ',',
  precision: 0,
}

const approximate = (estimated: boolean | undefined, value: string): string =>
  estimated === true ? `~${value}` : value

/**
 * A cell as table text in the commodity display style, never rounded (more digits when the exact value has them), with
 * a tilde on an estimated non-zero value.
 */
export const showCell = (cell: Cell, lookup: CommodityLookup): string => {
  switch (cell._tag) {
    case 'Text':
      return cell.text
    case 'Empty':
      return ''
    case 'Amount':
      // An estimate of nothing is still nothing: zeros are shown without `~` (the JSON keeps the flag).
      return approximate(
        cell.estimated === true && !Quantity.isZero(cell.quantity),
        Commodity.format(cell.quantity, lookup(cell.commodity)),
      )
    case 'Percent':
      return approximate(
        cell.estimated,
        `${Commodity.formatNumber(cell.percent, { ...groupedNumber, precision: 2 })} %`,
      )
    case 'Number':
      return approximate(
        cell.estimated === true && !Quantity.isZero(cell.value),
        Commodity.formatNumber(cell.value, groupedNumber),
      )
  }
}

/** An aligned text table; repeated key values are blanked, `n/a` marks an empty numeric cell. */
export const renderGridTable = (grid: Grid, lookup: CommodityLookup): string => {
  const shown = grid.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.csvOnly !== true)
  const separators = new Set(grid.separatorBefore ?? [])
  const rows = grid.rows.map((row, rowIndex) => {
    const previous = rowIndex > 0 && !separators.has(rowIndex) ? grid.rows[rowIndex - 1] : undefined
    let keysSame = previous !== undefined
    return shown.map(({ column, index }) => {
      const cell = row[index] ?? empty
      const value = showCell(cell, lookup)
      if (column.key === true) {
        const above = previous === undefined ? undefined : showCell(previous[index] ?? empty, lookup)
        keysSame = keysSame && above === value
        return keysSame ? '' : value
      }
      return cell._tag === 'Empty' && column.align === 'right' ? 'n/a' : value
    })
  })
  return Table.render(
    shown.map(({ column }) => ({ header: column.header, align: column.align })),
    rows,
    { separatorBefore: grid.separatorBefore ?? [] },
  )
}

const csvCell = (cell: Cell): string => {
  switch (cell._tag) {
    case 'Text':
      return Csv.textCell(cell.text)
    case 'Empty':
      return ''
    case 'Amount':
      return Csv.numberCell(Quantity.toString(cell.quantity))
    case 'Percent':
      return Csv.numberCell(Quantity.toString(cell.percent))
    case 'Number':
      return Csv.numberCell(Quantity.toString(cell.value))
  }
}

/** CSV: exact decimals, every text cell neutralized; one header row. */
export const renderGridCsv = (grid: Grid): string => {
  const shown = grid.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.tableOnly !== true)
  return Csv.render(
    shown.map(({ column }) => column.header),
    grid.rows.map((row) => shown.map(({ index }) => csvCell(row[index] ?? empty))),
  )
}

/** The table and CSV renderers of a report that renders through one grid. */
export const gridRenderers = <R>(
  toGrid: (report: R) => Grid,
): {
  readonly renderTable: (report: R, ledger: Ledger.Ledger) => string
  readonly renderCsv: (report: R) => string
} => ({
  renderTable: (report, ledger) => renderGridTable(toGrid(report), lookupOf(ledger)),
  renderCsv: (report) => renderGridCsv(toGrid(report)),
})
