/**
 * hledger's compound balance reports under hledger's names: `balancesheet` (assets and
 * liabilities at the end of the period, and their net), `incomestatement` (revenues and expenses
 * of the period, and the net), `cashflow` (the change of the cash accounts in the period).
 *
 * The figures come from the financial statement machinery of `report balance-sheet` and `report
 * income-statement` (`FinancialStatement.buildStatement`, one statement per section), with hledger
 * 1.25's account classification (`HledgerAccounts.ts`) in place of ours, the query language as a
 * posting filter, and one statement over every entity. Only the money book is read: goods
 * quantities (`[4 T28]`) are not in these reports. Rows are ordered as hledger orders them
 * (declaration order); `--tree` shows parents with their subtotals, a parent with one subaccount
 * and no balance of its own folded into it (`liabilities:card`), as hledger does.
 *
 * Columns: one for the whole period (hledger's default). The data and the renderers take any
 * number of columns, so multi-period reports (`-M/-Q/-Y`) only need `columns` to hold more than
 * one (`CompoundOptions.period`).
 */
import type * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import type * as Entity from '../core/Entity.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'
import type { Granularity, ReportColumn, ReportInputs } from './Common.js'
import { buildStatement, type GroupType, type StatementKind } from './FinancialStatement.js'
import { type Classification, classification, declarationOrder } from './HledgerAccounts.js'

/** The three compound reports, by hledger's command names. */
export type CompoundKind = 'balancesheet' | 'balancesheetequity' | 'incomestatement' | 'cashflow'

/** Options of a compound report: dates, entity, the posting filter, tree or flat, depth. */
export interface CompoundOptions {
  /** First date included (default: the first transaction's date). */
  readonly begin?: LocalDate.LocalDate
  /** First date excluded (default: the day after the last transaction's date). */
  readonly end?: LocalDate.LocalDate
  /** Only this entity's books. */
  readonly entity?: Entity.EntityName
  /** One column per period of this length (`-M`/`-Q`/`-Y`, or `-p` with such an interval, on the command line). */
  readonly period?: Granularity
  readonly where?: (transaction: Transaction, posting: Posting) => boolean
  readonly real?: boolean
  readonly tree?: boolean
  readonly depth?: number
}

/**
 * One shown account: its full name, the name and indent a tree shows, its amounts per column (non-zero, by commodity).
 */
export interface CompoundRow {
  readonly account: AccountName.AccountName
  /** Tree mode: the name below the nearest shown parent; flat mode: the full name. */
  readonly name: string
  /** Tree mode: how many shown parents it has; flat mode: 0. */
  readonly indent: number
  readonly values: ReadonlyArray<ReadonlyArray<Amount.Amount>>
}

/** One section (`Assets`, `Liabilities`, `Revenues`, `Expenses`, `Cash flows`) with its rows and total per column. */
export interface CompoundSection {
  readonly title: string
  readonly rows: ReadonlyArray<CompoundRow>
  readonly totals: ReadonlyArray<ReadonlyArray<Amount.Amount>>
  /** No row is shown: hledger prints no total at all (a total of shown rows that cancel out is `0`). */
  readonly empty: boolean
}

/** A compound report: title, columns, sections, and the net of the sections (absent for cashflow). */
export interface CompoundReport {
  readonly kind: CompoundKind
  readonly title: string
  readonly columns: ReadonlyArray<ReportColumn>
  /** Column headers as hledger prints them (`2024-02-04` on a balance sheet, `Jan`, `2024Q1`, `A..B`). */
  readonly labels: ReadonlyArray<string>
  readonly sections: ReadonlyArray<CompoundSection>
  readonly net?: ReadonlyArray<ReadonlyArray<Amount.Amount>>
  /** Every section is empty: hledger prints no net amount. */
  readonly netEmpty?: boolean
}

interface SectionSpec {
  readonly title: string
  readonly test: keyof Classification
  readonly group: GroupType
  /** Whether the section adds to the net (assets, revenues) or takes from it (liabilities, expenses). */
  readonly adds: boolean
}

const specs: Readonly<
  Record<
    CompoundKind,
    {
      readonly title: string
      readonly statement: StatementKind
      readonly sections: ReadonlyArray<SectionSpec>
      readonly net: boolean
    }
  >
> = {
  balancesheet: {
    title: 'Balance Sheet',
    statement: 'balance-sheet',
    sections: [
      { title: 'Assets', test: 'assets', group: 'asset', adds: true },
      { title: 'Liabilities', test: 'liabilities', group: 'liability', adds: false },
    ],
    net: true,
  },
  balancesheetequity: {
    title: 'Balance Sheet With Equity',
    statement: 'balance-sheet',
    sections: [
      { title: 'Assets', test: 'assets', group: 'asset', adds: true },
      { title: 'Liabilities', test: 'liabilities', group: 'liability', adds: false },
      { title: 'Equity', test: 'equity', group: 'equity', adds: false },
    ],
    net: true,
  },
  incomestatement: {
    title: 'Income Statement',
    statement: 'income-statement',
    sections: [
      { title: 'Revenues', test: 'revenues', group: 'income', adds: true },
      { title: 'Expenses', test: 'expenses', group: 'expense', adds: false },
    ],
    net: true,
  },
  cashflow: {
    title: 'Cashflow Statement',
    // A change over the period, like the income statement; the group only sets the sign (debit positive).
    statement: 'income-statement',
    sections: [{ title: 'Cash flows', test: 'cash', group: 'asset', adds: true }],
    net: false,
  },
}

// -------------------------------------------------------------------------------------
// dates as hledger shows them
// -------------------------------------------------------------------------------------

const shift = (date: LocalDate.LocalDate, days: number): LocalDate.LocalDate => {
  const moved = LocalDate.addDays(days)(date)
  return moved._tag === 'Right' ? moved.right : date
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The ISO week number of a Monday (day 0, 0001-01-01, is a Monday). */
const isoWeek = (monday: LocalDate.LocalDate): number => {
  const thursday = shift(monday, 3)
  const january = LocalDate.unsafeFromString(`${String(LocalDate.year(thursday)).padStart(4, '0')}-01-01`)
  return Math.floor(LocalDate.daysBetween(january, thursday) / 7) + 1
}

/**
 * A period as hledger's `showDateSpan` writes it: a day, `2024-01-01W01`, `2024-01`, `2024Q1`, `2024`, or `A..B` (both
 * included).
 */
export const showSpan = (
  start: LocalDate.LocalDate,
  endExclusive: LocalDate.LocalDate,
  monthAbbrev = false,
): string => {
  const last = shift(endExclusive, -1)
  const days = LocalDate.daysBetween(start, endExclusive)
  const year = LocalDate.year(start)
  const month = LocalDate.month(start)
  if (days === 1) return start
  if (days === 7 && LocalDate.toDayNumber(start) % 7 === 0) return `${start}W${String(isoWeek(start)).padStart(2, '0')}`
  if (LocalDate.day(start) === 1 && LocalDate.day(endExclusive) === 1) {
    const months = (LocalDate.year(endExclusive) - year) * 12 + LocalDate.month(endExclusive) - month
    if (months === 1) return monthAbbrev ? (monthNames[month - 1] ?? '') : start.slice(0, 7)
    if (months === 3 && month % 3 === 1) return `${year}Q${(month + 2) / 3}`
    if (months === 12 && month === 1) return String(year)
  }
  return `${start}..${last}`
}

// -------------------------------------------------------------------------------------
// data
// -------------------------------------------------------------------------------------

type Values = ReadonlyArray<Map<Commodity.CommoditySymbol, Quantity.Quantity>>

const emptyValues = (count: number): Array<Map<Commodity.CommoditySymbol, Quantity.Quantity>> =>
  Array.from({ length: count }, () => new Map())

const addInto = (target: Values, source: Values): void => {
  source.forEach((column, index) => {
    const into = target[index]
    if (into !== undefined) for (const [commodity, quantity] of column) Amount.accumulate(into, commodity, quantity)
  })
}

const amountsOf = (column: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>): ReadonlyArray<Amount.Amount> =>
  Amount.entries(column).filter((amount) => !Quantity.isZero(amount.quantity))

const isZero = (values: Values): boolean => values.every((column) => amountsOf(column).length === 0)

const truncated = (account: string, depth: number | undefined): string =>
  depth === undefined ? account : account.split(':').slice(0, depth).join(':')

/** The shown rows of one section from each account's own values: flat (clipped at the depth) or a tree. */
const sectionRows = (
  own: ReadonlyMap<string, Values>,
  count: number,
  options: CompoundOptions,
  order: (a: string, b: string) => number,
): CompoundRow[] => {
  const row = (account: string, name: string, indent: number, values: Values): CompoundRow => ({
    account: account as AccountName.AccountName,
    name,
    indent,
    values: values.map(amountsOf),
  })
  if (options.tree !== true) {
    const clipped = new Map<string, Values>()
    for (const [account, values] of own) {
      const name = truncated(account, options.depth)
      const target = clipped.get(name) ?? emptyValues(count)
      addInto(target, values)
      clipped.set(name, target)
    }
    return [...clipped.keys()]
      .sort(order)
      .filter((account) => !isZero(clipped.get(account) ?? []))
      .map((account) => row(account, account, 0, clipped.get(account) ?? []))
  }
  // Tree: every account and its parents (down to the depth), with inclusive and own values.
  const inclusive = new Map<string, Values>()
  const ownAt = new Map<string, Values>()
  for (const [account, values] of own) {
    const name = truncated(account, options.depth)
    const segments = name.split(':')
    for (let level = 1; level <= segments.length; level++) {
      const prefix = segments.slice(0, level).join(':')
      const target = inclusive.get(prefix) ?? emptyValues(count)
      addInto(target, values)
      inclusive.set(prefix, target)
    }
    const target = ownAt.get(name) ?? emptyValues(count)
    addInto(target, values)
    ownAt.set(name, target)
  }
  const children = new Map<string, number>()
  for (const account of inclusive.keys()) {
    const colon = account.lastIndexOf(':')
    if (colon > 0) children.set(account.slice(0, colon), (children.get(account.slice(0, colon)) ?? 0) + 1)
  }
  // As hledger: shown when its own balance is not zero, or when it heads two or more subaccounts.
  const shown = (account: string): boolean => !isZero(ownAt.get(account) ?? []) || (children.get(account) ?? 0) > 1
  const rows: CompoundRow[] = []
  for (const account of [...inclusive.keys()].sort(order)) {
    if (!shown(account)) continue
    const segments = account.split(':')
    let indent = 0
    let parentLength = 0
    for (let level = 1; level < segments.length; level++) {
      if (!shown(segments.slice(0, level).join(':'))) continue
      indent++
      parentLength = level
    }
    rows.push(row(account, segments.slice(parentLength).join(':'), indent, inclusive.get(account) ?? []))
  }
  return rows
}

/** The span a compound report covers: the options' dates, else the first and last transaction dates. */
const reportSpan = (
  ledger: Ledger.Ledger,
  options: CompoundOptions,
): { readonly begin: LocalDate.LocalDate; readonly end: LocalDate.LocalDate } | undefined => {
  let first: LocalDate.LocalDate | undefined
  let last: LocalDate.LocalDate | undefined
  if (options.begin === undefined || options.end === undefined) {
    for (const transaction of Ledger.transactions(ledger)) {
      if (first === undefined || transaction.date < first) first = transaction.date
      if (last === undefined || transaction.date > last) last = transaction.date
    }
  }
  const begin = options.begin ?? first
  const end = options.end ?? (last === undefined ? undefined : shift(last, 1))
  return begin === undefined || end === undefined || begin >= end ? undefined : { begin, end }
}

const noDate = LocalDate.unsafeFromString('1970-01-01')

/** Builds a compound report (hledger's `balancesheet`, `incomestatement`, `cashflow`) with exact sums. */
export const build = (inputs: ReportInputs, kind: CompoundKind, options: CompoundOptions): CompoundReport => {
  const spec = specs[kind]
  const declarations = inputs.ledger.declarations
  const classes = classification(declarations)
  const order = declarationOrder(declarations)
  const span = reportSpan(inputs.ledger, options)
  let columns: ReadonlyArray<ReportColumn> = []
  const sections = spec.sections.map((section): CompoundSection => {
    const test = classes[section.test]
    const statement = buildStatement(
      spec.statement,
      inputs,
      {
        // Without a span (no transactions, or begin not before end) an empty range gives no columns.
        begin: span?.begin ?? noDate,
        end: span?.end ?? noDate,
        ...(options.entity !== undefined ? { entity: options.entity } : {}),
        ...(options.period !== undefined ? { period: options.period } : {}),
      },
      {
        classify: (account) => (test(account) ? section.group : undefined),
        groups: [section.group],
        combined: true,
        ...(options.where !== undefined ? { where: options.where } : {}),
        ...(options.real === true ? { real: true } : {}),
      },
    )
    columns = statement.columns
    const count = columns.length
    const own = new Map<string, Values>()
    for (const line of statement.statements[0]?.groups[0]?.lines ?? []) {
      const values = own.get(line.account) ?? emptyValues(count)
      line.values.forEach((quantity, index) => {
        const column = values[index]
        if (column !== undefined) Amount.accumulate(column, line.commodity, quantity)
      })
      own.set(line.account, values)
    }
    const total = emptyValues(count)
    for (const values of own.values()) addInto(total, values)
    const rows = sectionRows(own, count, options, order)
    return { title: section.title, rows, totals: total.map(amountsOf), empty: rows.length === 0 }
  })
  const first = columns[0]
  const lastColumn = columns[columns.length - 1]
  const balances = kind === 'balancesheet' || kind === 'balancesheetequity'
  // No span: hledger writes an empty date (`Balance Sheet `, `Income Statement ..`), and for a
  // journal without transactions (and no -b/-e) one empty column.
  const noSpan = balances ? '' : '..'
  const labels =
    first === undefined
      ? Ledger.transactions(inputs.ledger).length === 0 && options.begin === undefined && options.end === undefined
        ? [noSpan]
        : []
      : columns.map((column) => (balances ? column.lastDay : showSpan(column.start, column.endExclusive, true)))
  const dates =
    first === undefined || lastColumn === undefined
      ? ` ${noSpan}`
      : balances
        ? ` ${columns.length > 1 ? `${first.lastDay}..` : ''}${lastColumn.lastDay}`
        : ` ${showSpan(first.start, lastColumn.endExclusive)}`
  const report = { kind, title: `${spec.title}${dates}`, columns, labels, sections }
  if (!spec.net) return report
  const net = emptyValues(columns.length)
  spec.sections.forEach((section, index) => {
    const totals = sections[index]?.totals ?? []
    totals.forEach((amounts, column) => {
      const into = net[column]
      if (into === undefined) return
      for (const amount of amounts)
        Amount.accumulate(into, amount.commodity, section.adds ? amount.quantity : Quantity.negate(amount.quantity))
    })
  })
  return { ...report, net: net.map(amountsOf), netEmpty: sections.every((section) => section.empty) }
}

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

/** Amounts as hledger writes them in one cell: each commodity in its display style, `, ` between. */
export const showAmounts = (ledger: Ledger.Ledger, amounts: ReadonlyArray<Amount.Amount>): string =>
  amounts.map((amount) => Commodity.format(amount.quantity, Ledger.commodity(ledger, amount.commodity))).join(', ')

/** One line of the report: a label, the cells per column, and what kind of line it is. */
interface Line {
  readonly kind: 'title' | 'row' | 'total' | 'net'
  readonly label: string
  readonly account?: string
  readonly cells: ReadonlyArray<ReadonlyArray<Amount.Amount>>
  /** A total or net with nothing under it: no amount at all (not `0`). */
  readonly empty?: boolean
}

const linesOf = (report: CompoundReport, tree: boolean): Line[] => {
  const lines: Line[] = []
  for (const section of report.sections) {
    lines.push({ kind: 'title', label: section.title, cells: [] })
    for (const row of section.rows)
      lines.push({
        kind: 'row',
        label: tree ? `${'  '.repeat(row.indent)}${row.name}` : row.account,
        account: row.account,
        cells: row.values,
      })
    lines.push({ kind: 'total', label: 'total', cells: section.totals, empty: section.empty })
  }
  if (report.net !== undefined)
    lines.push({ kind: 'net', label: 'Net:', cells: report.net, empty: report.netEmpty === true })
  return lines
}

const width = (text: string): number => [...text].length
const padRight = (text: string, size: number): string => text + ' '.repeat(Math.max(0, size - width(text)))
const padLeft = (text: string, size: number): string => ' '.repeat(Math.max(0, size - width(text))) + text

/** The text layout of hledger 1.25: a title, then a table ruled with `||`, `==` and `--`. */
export const renderText = (ledger: Ledger.Ledger, report: CompoundReport, tree = false): string => {
  const lines = linesOf(report, tree)
  const cell = (line: Line, index: number): string => {
    const amounts = line.cells[index] ?? []
    if (amounts.length === 0) return line.empty === true ? '' : '0'
    return showAmounts(ledger, amounts)
  }
  const labelWidth = Math.max(0, ...lines.map((line) => width(line.label)))
  const widths = report.labels.map((label, index) =>
    Math.max(width(label), ...lines.filter((line) => line.kind !== 'title').map((line) => width(cell(line, index)))),
  )
  const row = (label: string, cells: ReadonlyArray<string>): string =>
    ` ${padRight(label, labelWidth)} || ${cells.map((text, index) => padLeft(text, widths[index] ?? 0)).join('  ')} `
  const amountsWidth = widths.reduce((sum, size) => sum + size, 0) + 2 * Math.max(0, widths.length - 1) + 2
  const rule = (character: '=' | '-'): string =>
    `${character.repeat(labelWidth + 2)}++${character.repeat(amountsWidth)}`
  const blank = report.labels.map(() => '')
  // Without columns (an empty span) hledger leaves the header row blank, not even its `||`.
  const out: string[] = [report.title, '', report.labels.length === 0 ? '' : row('', report.labels)]
  report.sections.forEach((section, index) => {
    out.push(rule('='), row(section.title, blank), rule('-'))
    for (const item of section.rows) {
      const line: Line = { kind: 'row', label: '', cells: item.values }
      out.push(
        row(
          tree ? `${'  '.repeat(item.indent)}${item.name}` : item.account,
          blank.map((_, i) => cell(line, i)),
        ),
      )
    }
    out.push(rule('-'))
    const total: Line = { kind: 'total', label: '', cells: section.totals, empty: section.empty }
    out.push(
      row(
        '',
        blank.map((_, i) => cell(total, i)),
      ),
    )
    if (index === report.sections.length - 1 && report.net !== undefined) {
      const net: Line = { kind: 'net', label: '', cells: report.net, empty: report.netEmpty === true }
      out.push(
        rule('='),
        row(
          'Net:',
          blank.map((_, i) => cell(net, i)),
        ),
      )
    }
  })
  return `${out.join('\n')}\n`
}

/** A text cell of hledger-style CSV: always quoted; a cell a spreadsheet would run as a formula gets a leading `'`. */
const csvText = (text: string): string => `"${(/^[=+\-@\t\r]/u.test(text) ? `'${text}` : text).replace(/"/gu, '""')}"`
const csvAmount = (text: string): string => `"${text.replace(/"/gu, '""')}"`

/**
 * hledger 1.25's CSV: the title row, `Account` and the column headers, then per section its title,
 * its accounts (full names) and `total`, then `Net:`. As hledger does, a total that is zero in a
 * one-column report has no amount cell at all (`"total"`); in several columns a zero cell is `0`.
 */
export const renderCsv = (ledger: Ledger.Ledger, report: CompoundReport): string => {
  const count = report.labels.length
  const rows: string[] = [
    [csvText(report.title), ...report.labels.map(() => '""')].join(','),
    [csvText('Account'), ...report.labels.map(csvText)].join(','),
  ]
  for (const line of linesOf(report, false)) {
    if (line.kind === 'title') {
      rows.push([csvText(line.label), ...report.labels.map(() => '""')].join(','))
      continue
    }
    const cells = Array.from({ length: count }, (_, index) => line.cells[index] ?? [])
    if (line.empty === true) {
      rows.push(csvText(line.label))
      continue
    }
    rows.push(
      [
        csvText(line.account ?? line.label),
        ...cells.map((amounts) => csvAmount(amounts.length === 0 ? '0' : showAmounts(ledger, amounts))),
      ].join(','),
    )
  }
  return `${rows.join('\n')}\n`
}

/** Escapes text for HTML content and attribute values. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (character) => `&#${character.codePointAt(0)};`)

/** An HTML table laid out as hledger's `-O html` (every text escaped), without hledger's style sheet link. */
export const renderHtml = (ledger: Ledger.Ledger, report: CompoundReport, tree = false): string => {
  const span = report.labels.length + 1
  const out: string[] = [
    '<style>\ntd { padding:0 0.5em; }\ntd:nth-child(1) { white-space:nowrap; }\ntr:nth-child(even) ' +
      'td { background-color:#eee; }\n</style>',
    '<table>',
    `<tr><th colspan="${span}" style="text-align:left"><h2>${escapeHtml(report.title)}</h2></th></tr>`,
    `<tr><th></th>${report.labels.map((label) => `<th>${escapeHtml(label)}</th>`).join('')}</tr>`,
  ]
  const amounts = (cells: ReadonlyArray<ReadonlyArray<Amount.Amount>>, tag: 'td' | 'th', zero: string) =>
    report.labels
      .map((_, index) => {
        const text = (cells[index] ?? []).length === 0 ? zero : showAmounts(ledger, cells[index] ?? [])
        const classes = `amount${tag === 'th' ? ' coltotal' : ''}`
        return `<${tag} class="${classes}" style="text-align:right">${escapeHtml(text)}</${tag}>`
      })
      .join('')
  for (const line of linesOf(report, tree)) {
    if (line.kind === 'title') {
      out.push(`<tr><td colspan="${span}">&nbsp;</td></tr>`)
      out.push(`<tr><th colspan="${span}" style="text-align:left">${escapeHtml(line.label)}</th></tr>`)
    } else if (line.kind === 'row') {
      out.push(
        `<tr><td class="account" style="text-align:left">${escapeHtml(line.label)}</td>` +
          `${amounts(line.cells, 'td', '0')}</tr>`,
      )
    } else {
      if (line.kind === 'net') out.push(`<tr><td colspan="${span}">&nbsp;</td></tr>`)
      out.push(
        `<tr><th style="text-align:left">${escapeHtml(line.label)}</th>` +
          `${line.empty === true ? '' : amounts(line.cells, 'th', '0')}</tr>`,
      )
    }
  }
  // Without a net line, hledger ends the table with a spacer row.
  if (report.net === undefined) out.push(`<tr><td colspan="${span}">&nbsp;</td></tr>`)
  out.push('</table>')
  return `${out.join('')}\n`
}

const amountsJson = (amounts: ReadonlyArray<Amount.Amount>) =>
  amounts.map((amount) => ({ commodity: amount.commodity, quantity: Quantity.toString(amount.quantity) }))

/** The JSON form (version 1, our own shape, not hledger's): exact decimal strings, one list of amounts per column. */
export const toJson = (report: CompoundReport) => ({
  version: 1 as const,
  kind: report.kind,
  title: report.title,
  /** The column headers as printed (a journal without transactions has one empty column and no dates). */
  labels: report.labels,
  columns: report.columns.map((column, index) => ({
    label: report.labels[index] ?? column.label,
    start: column.start,
    end: column.endExclusive,
  })),
  sections: report.sections.map((section) => ({
    title: section.title,
    rows: section.rows.map((row) => ({ account: row.account, values: row.values.map(amountsJson) })),
    /** Null when no row is shown (hledger prints no total). */
    totals: section.empty ? null : section.totals.map(amountsJson),
  })),
  ...(report.net !== undefined ? { net: report.netEmpty === true ? null : report.net.map(amountsJson) } : {}),
})
