/**
 * The multi-period balance report, as hledger 1.25's `balance -D/-W/-M/-Q/-Y`: one column per
 * period, each cell the change in the period (default), the running total from the report start
 * (`cumulative`) or the ending balance including everything before (`historical`, `-H`), with an
 * optional row total and average, zero rows hidden unless `empty`, signs flipped by `invert`,
 * rows sorted by amount (`sortAmount`), and valuation at each column's last day (`-V`, `-X`).
 *
 * The report span is hledger's: the requested start and end, or the journal's first and last
 * transaction (with valuation, the last price too), widened to whole intervals
 * (`reportColumns`). Data first; the renderers (text, CSV, JSON) are below. Amounts are exact;
 * only cells that went through a division (an average, a reverse price) round, half-even, to the
 * commodity's display precision when shown.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import * as Quantity from '../core/Quantity.js'
import * as Query from '../core/Query.js'
import * as Csv from './Csv.js'
import * as Table from './Table.js'
import * as Valuation from './Valuation.js'

/** What a cell shows: the change in its period, the total since the report start, or the ending balance. */
export type Accumulation = 'change' | 'cumulative' | 'historical'

/** Options of the multi-period balance report; the filter's `begin`/`end` are not read (the columns say the span). */
export interface MultiBalanceOptions extends Omit<Query.Filter, 'begin' | 'end'> {
  readonly columns: ReadonlyArray<PeriodExpression.Column>
  readonly mode: 'flat' | 'tree'
  readonly depth?: number
  readonly accumulation: Accumulation
  readonly rowTotal?: boolean
  readonly average?: boolean
  readonly empty?: boolean
  readonly invert?: boolean
  readonly sortAmount?: boolean
  /**
   * Value each column on its date (one per column): `-V`, `-X COMM`, `--value=end|now|DATE`; or, with
   * `atPostingDate` (`--value=then`), each posting on its own date before it is summed (`dates` unread).
   */
  readonly valuation?: {
    readonly db: Valuation.PriceDb
    readonly target: Valuation.Target
    readonly dates: ReadonlyArray<LocalDate.LocalDate>
    readonly atPostingDate?: boolean
    /** Every column valued on one date (`--value=now|DATE`): a cumulative report is summed, then valued once. */
    readonly oneDate?: boolean
  }
}

/** One cell: an exact mixed amount, and whether it went through a division (then shown rounded). */
export interface Cell {
  readonly amount: Amount.MixedAmount
  readonly inexact: boolean
}

/** One account: its cells per column, and its row total and average when asked. */
export interface MultiBalanceRow {
  readonly account: AccountName.AccountName
  /** Tree mode: nesting level from 0. Flat mode: 0. */
  readonly level: number
  readonly cells: ReadonlyArray<Cell>
  readonly total?: Cell
  readonly average?: Cell
}

/** The report: its columns, rows, and the column totals (of the rows shown). */
export interface MultiBalanceReport {
  readonly book: Ledger.Book
  readonly columns: ReadonlyArray<PeriodExpression.Column>
  readonly accumulation: Accumulation
  readonly valued: boolean
  readonly rows: ReadonlyArray<MultiBalanceRow>
  readonly totals: Omit<MultiBalanceRow, 'account' | 'level'>
}

type Mutable = Map<Commodity.CommoditySymbol, Quantity.Quantity>

const addInto = (target: Mutable, amount: Amount.MixedAmount, negate = false): void => {
  for (const [commodity, quantity] of amount)
    Amount.accumulate(target, commodity, negate ? Quantity.negate(quantity) : quantity)
}

/**
 * The columns of a report: the requested span, its open sides closed by the journal's first and
 * last transaction (as in hledger, whatever the query matches; for a valued report the last price
 * too), cut by the interval.
 */
export const reportColumns = (
  ledger: Ledger.Ledger,
  request: {
    readonly span: PeriodExpression.Span
    readonly interval?: PeriodExpression.ReportInterval
    readonly lastPriceDate?: LocalDate.LocalDate
  },
): E.Either<PeriodExpression.PeriodExpressionError, ReadonlyArray<PeriodExpression.Column>> => {
  let first: LocalDate.LocalDate | undefined
  let last: LocalDate.LocalDate | undefined
  if (request.span.start === undefined || request.span.end === undefined)
    for (const transaction of Ledger.transactions(ledger)) {
      if (first === undefined || transaction.date < first) first = transaction.date
      if (last === undefined || transaction.date > last) last = transaction.date
    }
  if (last !== undefined && request.lastPriceDate !== undefined && request.lastPriceDate > last)
    last = request.lastPriceDate
  const start = request.span.start ?? first
  const lastPlusOne = last === undefined ? undefined : LocalDate.addDays(1)(last)
  const end = request.span.end ?? (lastPlusOne !== undefined && E.isRight(lastPlusOne) ? lastPlusOne.right : undefined)
  if (start === undefined || end === undefined) return E.right([])
  return PeriodExpression.columns(request.interval, start, end)
}

/** The index of the column holding `date`, or -1 before the first, `columns.length` from the end on. */
export const columnOf = (columns: ReadonlyArray<PeriodExpression.Column>, date: string): number => {
  const firstColumn = columns[0]
  if (firstColumn === undefined || date < firstColumn.start) return -1
  let low = 0
  let high = columns.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((columns[middle] as PeriodExpression.Column).start <= date) low = middle
    else high = middle - 1
  }
  return date < (columns[low] as PeriodExpression.Column).end ? low : columns.length
}

/**
 * Descending by amount, as hledger 1.25 orders mixed amounts: by quantity, commodity by commodity
 * in symbol order over both amounts' commodities, an absent commodity counting as zero.
 */
const byAmountDescending = (a: Amount.MixedAmount, b: Amount.MixedAmount): number => {
  const commodities = [...new Set([...a.keys(), ...b.keys()])].sort()
  for (const commodity of commodities) {
    const order = Quantity.compare(Amount.quantityOf(a, commodity), Amount.quantityOf(b, commodity))
    if (order !== 0) return -order
  }
  return 0
}

/** Whether a cell shows as zero: every quantity zero, or, for an inexact cell, zero at display precision. */
export const looksZero = (ledger: Ledger.Ledger, cell: Cell): boolean =>
  Amount.entries(cell.amount).every((amount) => Quantity.isZero(shownQuantity(ledger, cell, amount)))

/** The quantity as displayed: exact, or rounded half-even to the commodity's precision when the cell is inexact. */
export const shownQuantity = (ledger: Ledger.Ledger, cell: Cell, amount: Amount.Amount): Quantity.Quantity =>
  cell.inexact
    ? Quantity.round({ scaleDigits: displayPrecision(ledger, amount.commodity), mode: 'halfEven' })(amount.quantity)
    : amount.quantity

/** Memo of `observe` per ledger (a pure function of the ledger and the prices `build` saw). */
const observedScales = new WeakMap<Ledger.Ledger, ReadonlyMap<string, number>>()

/**
 * The precision a value is shown at, as hledger 1.25 chooses it: a declared commodity's format;
 * otherwise the most decimals any posting amount of that commodity was written with (so
 * `-9897.275685 RUB` shows six places); a commodity no posting uses keeps its default style.
 */
export const displayPrecision = (ledger: Ledger.Ledger, commodity: Commodity.CommoditySymbol): number => {
  const declared = Ledger.declaredCommodity(ledger, commodity)
  if (declared !== undefined) return declared.style.precision
  const scales = observedScales.get(ledger) ?? observe(ledger, undefined)
  return scales.get(commodity) ?? Ledger.commodity(ledger, commodity).style.precision
}

/** The most decimals written per commodity, in posting amounts and (hledger counts them too) `P` prices. */
const observe = (ledger: Ledger.Ledger, prices: Valuation.PriceDb | undefined): ReadonlyMap<string, number> => {
  const found = new Map<string, number>()
  const see = (commodity: string, quantity: Quantity.Quantity): void => {
    // The decimals as written (`50.00` counts two), not the shortest exact form.
    const text = Quantity.toScaledString(quantity)
    const point = text.indexOf('.')
    const scale = point < 0 ? 0 : text.length - point - 1
    if (scale > (found.get(commodity) ?? -1)) found.set(commodity, scale)
  }
  for (const transaction of Ledger.transactions(ledger))
    for (const posting of transaction.postings)
      if (posting.money !== undefined) see(posting.money.commodity, posting.money.quantity)
  if (prices !== undefined)
    for (const list of prices.byFrom.values()) for (const price of list) see(price.to, price.rate)
  observedScales.set(ledger, found)
  return found
}

const sumCells = (cells: ReadonlyArray<Cell>): Cell => {
  const sum: Mutable = new Map()
  for (const cell of cells) addInto(sum, cell.amount)
  return { amount: sum, inexact: cells.some((cell) => cell.inexact) }
}

const averageOf = (cells: ReadonlyArray<Cell>): Cell => {
  const sum = sumCells(cells)
  const result: Mutable = new Map()
  for (const [commodity, quantity] of sum.amount) {
    const divided = Quantity.divide(Quantity.unsafeFromInteger(cells.length), {
      scaleDigits: Valuation.quotientScale,
      mode: 'halfEven',
    })(quantity)
    if (E.isRight(divided)) result.set(commodity, divided.right)
  }
  return { amount: result, inexact: true }
}

/** Builds the report; `ledger` gives the commodities' display precision (for what looks zero once rounded). */
export const build = (ledger: Ledger.Ledger, options: MultiBalanceOptions): MultiBalanceReport => {
  const { columns } = options
  const count = columns.length
  observe(ledger, options.valuation?.db)
  const name = (account: AccountName.AccountName) =>
    options.depth !== undefined ? AccountName.truncate(account, options.depth) : account
  // Pass over the postings: each account's balance before the span and its change per column.
  const before = new Map<AccountName.AccountName, Mutable>()
  const changes = new Map<AccountName.AccountName, Mutable[]>()
  const seen = new Set<AccountName.AccountName>()
  const atPosting = options.valuation?.atPostingDate === true ? options.valuation : undefined
  // `--value=then`: whether any posting was converted (then every cell shows at display precision).
  let convertedAtPosting = false
  for (const transaction of Ledger.transactions(ledger)) {
    const index = columnOf(columns, transaction.date)
    if (index >= count) continue
    for (const posting of transaction.postings) {
      const amount = Query.amountIn(posting, options.book)
      if (amount === undefined) continue
      if (options.real === true && posting.virtual !== undefined) continue
      if (options.entity !== undefined && posting.entity !== options.entity) continue
      if (options.account !== undefined && !AccountName.isWithin(posting.account, options.account)) continue
      if (options.where !== undefined && !options.where(transaction, posting)) continue
      const account = name(posting.account)
      seen.add(account)
      const quantity = options.invert === true ? Quantity.negate(amount.quantity) : amount.quantity
      let target: Mutable
      if (index < 0) {
        target = before.get(account) ?? new Map()
        before.set(account, target)
      } else {
        let row = changes.get(account)
        if (row === undefined) {
          row = Array.from({ length: count }, () => new Map())
          changes.set(account, row)
        }
        target = row[index] as Mutable
      }
      if (atPosting === undefined) Amount.accumulate(target, amount.commodity, quantity)
      else {
        const valued = Valuation.value(
          atPosting.db,
          new Map([[amount.commodity, quantity]]),
          transaction.date,
          atPosting.target,
        )
        convertedAtPosting ||= valued.inexact
        addInto(target, valued.amount)
      }
    }
  }
  // Each account's exact cells (own balances; tree mode adds them into every ancestor).
  const exact = new Map<AccountName.AccountName, Mutable[]>()
  const cellsOf = (account: AccountName.AccountName): Mutable[] => {
    let row = exact.get(account)
    if (row === undefined) {
      row = Array.from({ length: count }, () => new Map())
      exact.set(account, row)
    }
    return row
  }
  const valuation = options.valuation
  // As hledger 1.25 does, a valued cumulative report values each period's change at its end, sums
  // those values, and values the sum again at the column's end (so `-V` may convert twice along a
  // chain of price commodities); a historical one values the ending balance at each period's end.
  const runningAfterValuation =
    valuation !== undefined &&
    atPosting === undefined &&
    valuation.oneDate !== true &&
    options.accumulation === 'cumulative'
  for (const account of seen) {
    const targets = options.mode === 'tree' ? [account, ...AccountName.ancestors(account)] : [account]
    const change = changes.get(account)
    const running: Mutable = new Map()
    if (options.accumulation === 'historical') addInto(running, before.get(account) ?? new Map())
    for (let index = 0; index < count; index++) {
      const delta = change?.[index] ?? new Map()
      const accumulate = options.accumulation !== 'change' && !runningAfterValuation
      if (accumulate) addInto(running, delta)
      const value: Amount.MixedAmount = accumulate ? running : delta
      for (const target of targets) addInto(cellsOf(target)[index] as Mutable, value)
    }
  }
  const cellAt = (amount: Amount.MixedAmount, index: number): Cell => {
    if (valuation === undefined) return { amount, inexact: false }
    if (atPosting !== undefined) return { amount, inexact: convertedAtPosting }
    const date = valuation.dates[index]
    if (date === undefined) return { amount, inexact: false }
    return Valuation.value(valuation.db, amount, date, valuation.target)
  }
  const valuedRunning = (changesOf: ReadonlyArray<Amount.MixedAmount>): ReadonlyArray<Cell> => {
    let sum: Amount.MixedAmount = Amount.emptyMixed
    let inexact = false
    return changesOf.map((change, index) => {
      const valued = cellAt(change, index)
      sum = Amount.addMixed(sum, valued.amount)
      const again = cellAt(sum, index)
      inexact ||= valued.inexact || again.inexact
      return { amount: again.amount, inexact }
    })
  }
  const rowOf = (account: AccountName.AccountName, level: number): MultiBalanceRow => {
    const raw = exact.get(account) ?? []
    const cells = runningAfterValuation ? valuedRunning(raw) : raw.map(cellAt)
    const total = options.rowTotal === true && options.accumulation === 'change' ? { total: sumCells(cells) } : {}
    const average = options.average === true && count > 0 ? { average: averageOf(cells) } : {}
    return { account, level, cells, ...total, ...average }
  }
  const key = (row: MultiBalanceRow): Amount.MixedAmount =>
    options.accumulation === 'change' ? sumCells(row.cells).amount : (row.cells.at(-1)?.amount ?? Amount.emptyMixed)
  const visible = (row: MultiBalanceRow): boolean =>
    options.empty === true || row.cells.some((cell) => !looksZero(ledger, cell))
  const alphabetical = (a: AccountName.AccountName, b: AccountName.AccountName) => (a < b ? -1 : a > b ? 1 : 0)
  let rows: MultiBalanceRow[]
  if (options.mode === 'flat') {
    rows = [...exact.keys()]
      .sort(alphabetical)
      .map((account) => rowOf(account, 0))
      .filter(visible)
    if (options.sortAmount === true)
      rows.sort((a, b) => byAmountDescending(key(a), key(b)) || alphabetical(a.account, b.account))
  } else {
    // Every account of a subtree with a row shown heads it, even when its own cells are zero.
    const shown = new Set<AccountName.AccountName>()
    for (const account of exact.keys()) {
      if (!visible(rowOf(account, 0))) continue
      shown.add(account)
      for (const ancestor of AccountName.ancestors(account)) shown.add(ancestor)
    }
    const children = new Map<string, AccountName.AccountName[]>()
    for (const account of shown) {
      const parent = AccountName.parent(account) ?? ''
      const list = children.get(parent) ?? []
      list.push(account)
      children.set(parent, list)
    }
    rows = []
    const walk = (parent: string, level: number): void => {
      const list = (children.get(parent) ?? []).map((account) => rowOf(account, level))
      list.sort((a, b) =>
        options.sortAmount === true
          ? byAmountDescending(key(a), key(b)) || alphabetical(a.account, b.account)
          : alphabetical(a.account, b.account),
      )
      for (const row of list) {
        rows.push(row)
        walk(row.account, level + 1)
      }
    }
    walk('', 0)
  }
  // The column totals: of the rows shown (the top level in tree mode), as hledger sums them.
  const top = rows.filter((row) => row.level === 0)
  const totalCells = Array.from({ length: count }, (_, index) => sumCells(top.map((row) => row.cells[index] as Cell)))
  const totals = {
    cells: totalCells,
    ...(options.rowTotal === true && options.accumulation === 'change' ? { total: sumCells(totalCells) } : {}),
    ...(options.average === true && count > 0 ? { average: averageOf(totalCells) } : {}),
  }
  return {
    book: options.book,
    columns,
    accumulation: options.accumulation,
    valued: valuation !== undefined,
    rows,
    totals,
  }
}

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

/** A cell as text: each commodity formatted with its style (rounded if inexact), `0` when none. */
export const cellText = (ledger: Ledger.Ledger, cell: Cell): string => {
  const parts = Amount.entries(cell.amount)
    .map((amount) => ({ amount, quantity: shownQuantity(ledger, cell, amount) }))
    .filter(({ quantity }) => !Quantity.isZero(quantity))
    .map(({ amount, quantity }) => Commodity.format(quantity, Ledger.commodity(ledger, amount.commodity)))
  return parts.length === 0 ? '0' : parts.join(', ')
}

const extras = (report: MultiBalanceReport): string[] => [
  ...(report.totals.total !== undefined ? ['total'] : []),
  ...(report.totals.average !== undefined ? ['average'] : []),
]
const rowCells = (row: Omit<MultiBalanceRow, 'account' | 'level'>): ReadonlyArray<Cell> => [
  ...row.cells,
  ...(row.total !== undefined ? [row.total] : []),
  ...(row.average !== undefined ? [row.average] : []),
]

/** The title hledger prints above the table. */
export const title = (report: MultiBalanceReport): string => {
  const first = report.columns[0]
  const last = report.columns.at(-1)
  const span =
    first === undefined || last === undefined
      ? ''
      : ` in ${first.start}..${E.getOrElse(() => last.end)(LocalDate.addDays(-1)(last.end))}`
  const kind =
    report.accumulation === 'change'
      ? 'Balance changes'
      : report.accumulation === 'cumulative'
        ? 'Ending balances (cumulative)'
        : 'Ending balances (historical)'
  return `${kind}${span}${report.valued ? ', valued at period ends' : ''}:`
}

/** An aligned text table: the account, one column per period (and total, average); a totals line. */
export const renderTable = (ledger: Ledger.Ledger, report: MultiBalanceReport, mode: 'flat' | 'tree'): string => {
  const lines = report.rows.map((row) => [
    mode === 'tree'
      ? `${'  '.repeat(row.level)}${row.level === 0 ? row.account : AccountName.leaf(row.account)}`
      : row.account,
    ...rowCells(row).map((cell) => cellText(ledger, cell)),
  ])
  const totals = ['', ...rowCells(report.totals).map((cell) => cellText(ledger, cell))]
  const headers = [...report.columns.map((column) => column.label), ...extras(report)]
  return `${title(report)}\n\n${Table.render(
    [{ header: 'account', align: 'left' }, ...headers.map((header) => ({ header, align: 'right' as const }))],
    [...lines, totals],
    { separatorBefore: [lines.length] },
  )}`
}

const commoditiesOf = (ledger: Ledger.Ledger, cells: ReadonlyArray<Cell>): ReadonlyArray<Commodity.CommoditySymbol> => {
  const found = new Set<Commodity.CommoditySymbol>()
  for (const cell of cells)
    for (const amount of Amount.entries(cell.amount))
      if (!Quantity.isZero(shownQuantity(ledger, cell, amount))) found.add(amount.commodity)
  return [...found].sort()
}

const quantityIn = (ledger: Ledger.Ledger, cell: Cell, commodity: Commodity.CommoditySymbol): string => {
  const quantity = cell.amount.get(commodity)
  if (quantity === undefined) return '0'
  return Quantity.toString(shownQuantity(ledger, cell, { commodity, quantity }))
}

/**
 * `account,commodity,PERIOD…[,total][,average]`: one row per account and commodity, plain numbers
 * (exact; rounded to the display precision only where a division made them inexact).
 */
export const renderCsv = (
  ledger: Ledger.Ledger,
  report: MultiBalanceReport,
  headers: ReadonlyArray<string> = report.columns.map((column) => column.label),
): string =>
  Csv.render(
    ['account', 'commodity', ...headers, ...extras(report)],
    report.rows.flatMap((row) => {
      const cells = rowCells(row)
      const commodities = commoditiesOf(ledger, cells)
      // A row of zeros (shown with `empty`) keeps one line, with no commodity.
      if (commodities.length === 0) return [[Csv.textCell(row.account), '', ...cells.map(() => '0')]]
      return commodities.map((commodity) => [
        Csv.textCell(row.account),
        Csv.textCell(commodity),
        ...cells.map((cell) => Csv.numberCell(quantityIn(ledger, cell, commodity))),
      ])
    }),
  )

const cellJson = (ledger: Ledger.Ledger, cell: Cell) =>
  commoditiesOf(ledger, [cell]).map((commodity) => ({ commodity, amount: quantityIn(ledger, cell, commodity) }))

/** The report as JSON (version 1): columns with their dates, rows with their cells; decimals are strings. */
export const toJson = (ledger: Ledger.Ledger, report: MultiBalanceReport) => {
  const extra = (row: Omit<MultiBalanceRow, 'account' | 'level'>) => ({
    ...(row.total !== undefined ? { total: cellJson(ledger, row.total) } : {}),
    ...(row.average !== undefined ? { average: cellJson(ledger, row.average) } : {}),
  })
  return {
    version: 1 as const,
    book: report.book,
    accumulation: report.accumulation,
    valued: report.valued,
    columns: report.columns.map((column) => ({ label: column.label, start: column.start, end: column.end })),
    rows: report.rows.map((row) => ({
      account: row.account,
      level: row.level,
      cells: row.cells.map((cell) => cellJson(ledger, cell)),
      ...extra(row),
    })),
    totals: { cells: report.totals.cells.map((cell) => cellJson(ledger, cell)), ...extra(report.totals) },
  }
}
