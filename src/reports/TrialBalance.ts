/**
 * The trial balance of both books, per entity and consolidated: every account's own balance per
 * commodity, in one column per period (the postings of that period) or one column for the whole
 * range. In each column the money book of the consolidated view sums to zero (every posted
 * transaction balances); an entity's own books sum to zero when every transaction balances
 * within each entity, which domain operations do.
 *
 * Consolidated: the books of all entities as one (accounts named below their entity prefix),
 * with the legs between entities eliminated (`Consolidate.counterpartyOf`), plus any accounts
 * outside every entity as they are. One pass over the transactions.
 */
import * as t from 'io-ts'
import { type AccountName, type Commodity, type Entity, Ledger, Quantity } from '../core/index.js'
import { counterpartyOf } from '../domain/Consolidate.js'
import {
  type Accumulated,
  accumulate,
  anyNonZero,
  type CommodityValues,
  commodityTotals,
  compareText,
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
import {
  amount,
  commodityColumn,
  type Grid,
  gridBuilder,
  gridRenderers,
  keyColumn,
  text,
  textColumn,
  valueColumns,
} from './Grid.js'

/** The book a trial balance section shows: money or goods. */
export type Book = Ledger.Book

/** Whose books a section shows. */
export type Scope =
  | { readonly _tag: 'Entity'; readonly entity: Entity.EntityName }
  /** Accounts outside every declared entity (all accounts when none is declared). */
  | { readonly _tag: 'Unassigned' }
  | { readonly _tag: 'Consolidated'; readonly group: ReadonlyArray<Entity.EntityName> }

/** One account and commodity of a trial balance with its exact own balance per column, debit positive. */
export interface TrialBalanceRow {
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  /** One per column: the sum of the account's own postings in that column's period (debit positive). */
  readonly values: ReadonlyArray<Quantity.Quantity>
  readonly estimated: boolean
}

/**
 * One book of a trial balance section: its rows, its exact totals per commodity and column, and whether the money book
 * balances to zero.
 */
export interface BookSection {
  readonly book: Book
  readonly rows: ReadonlyArray<TrialBalanceRow>
  /** Per commodity, per column. */
  readonly totals: ReadonlyArray<CommodityValues>
  /** Money book only: every total of every column is zero. */
  readonly balanced: boolean
}

/** The trial balance of one scope (an entity, the unassigned accounts, or the consolidation), money and goods books. */
export interface TrialBalanceSection {
  readonly scope: Scope
  readonly money: BookSection
  readonly goods: BookSection
  /** Consolidated only: the inter-entity legs removed, by account below the entity prefix. */
  readonly eliminated: ReadonlyArray<TrialBalanceRow>
}

/**
 * The trial balance report data: one section per entity, plus unassigned accounts and the consolidation, exact per
 * column.
 */
export interface TrialBalanceReport {
  readonly kind: 'trial-balance'
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
  readonly sections: ReadonlyArray<TrialBalanceSection>
}

type Cells = Map<
  string,
  { readonly account: AccountName.AccountName; readonly commodity: Commodity.CommoditySymbol } & Accumulated
>

interface Accumulator {
  readonly money: Cells
  readonly goods: Cells
  readonly eliminated: Cells
}

const newAccumulator = (): Accumulator => ({ money: new Map(), goods: new Map(), eliminated: new Map() })

const rowsOf = (cells: Cells): ReadonlyArray<TrialBalanceRow> =>
  [...cells.values()]
    .filter((cell) => anyNonZero(cell.values))
    .sort((a, b) => compareText(a.account, b.account) || compareText(a.commodity, b.commodity))
    .map((cell) => ({
      account: cell.account,
      commodity: cell.commodity,
      values: cell.values,
      estimated: cell.estimated,
    }))

const bookSection = (book: Book, cells: Cells, count: number): BookSection => {
  const rows = rowsOf(cells)
  const totals = commodityTotals(rows, count)
  return {
    book,
    rows,
    totals,
    balanced: book === 'money' && totals.every((total) => total.values.every(Quantity.isZero)),
  }
}

/**
 * Builds the trial balance of both books per entity and consolidated in one pass over the transactions, summing
 * exactly.
 */
export const build = (inputs: ReportInputs, options: ReportOptions): TrialBalanceReport => {
  const columns = reportColumns(inputs, options)
  const count = columns.length
  const declarations = inputs.ledger.declarations
  const entities = [...declarations.entities.keys()].sort()
  const group = new Set(entities)
  const perEntity = new Map<Entity.EntityName, Accumulator>()
  const unassigned = newAccumulator()
  const consolidated = newAccumulator()
  eachInColumns(inputs.ledger, columns, undefined, (transaction, column) => {
    for (const posting of transaction.postings) {
      const entity = posting.entity ?? Ledger.entityOf(declarations, posting.account)
      if (options.entity !== undefined && entity !== options.entity) continue
      let own = unassigned
      if (entity !== undefined) {
        own = perEntity.get(entity) ?? newAccumulator()
        perEntity.set(entity, own)
      }
      const counterparty = counterpartyOf(posting)
      const eliminated = entity !== undefined && counterparty !== undefined && group.has(counterparty)
      const local = entity === undefined ? posting.account : Ledger.withinEntity(declarations, posting.account)
      for (const book of ['money', 'goods'] as const) {
        const value = book === 'money' ? posting.money : posting.goods
        if (value === undefined) continue
        const add = (cells: Cells, account: AccountName.AccountName): void =>
          accumulate(
            cells,
            `${account}\u0000${value.commodity}`,
            () => ({ account, commodity: value.commodity, values: zeros(count), estimated: false }),
            column,
            value.quantity,
            posting.estimated,
          )
        add(own[book], posting.account)
        add(eliminated ? consolidated.eliminated : consolidated[book], local)
      }
    }
  })
  const section = (scope: Scope, accumulator: Accumulator): TrialBalanceSection => ({
    scope,
    money: bookSection('money', accumulator.money, count),
    goods: bookSection('goods', accumulator.goods, count),
    eliminated: scope._tag === 'Consolidated' ? rowsOf(accumulator.eliminated) : [],
  })
  const sections: TrialBalanceSection[] = []
  const shownEntities = options.entity !== undefined ? [options.entity] : entities
  for (const entity of shownEntities)
    sections.push(section({ _tag: 'Entity', entity }, perEntity.get(entity) ?? newAccumulator()))
  if (options.entity === undefined) {
    if (entities.length === 0 || unassigned.money.size > 0 || unassigned.goods.size > 0)
      sections.push(section({ _tag: 'Unassigned' }, unassigned))
    if (entities.length > 0) sections.push(section({ _tag: 'Consolidated', group: entities }, consolidated))
  }
  return { kind: 'trial-balance', options, columns, sections }
}

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

/** The label of a trial balance scope: the entity name, (no entity), or consolidated. */
export const scopeLabel = (scope: Scope): string =>
  scope._tag === 'Entity' ? scope.entity : scope._tag === 'Unassigned' ? '(no entity)' : 'consolidated'

/** The grid behind the table and the CSV: scope, book, account, commodity, one value per column. */
export const toGrid = (report: TrialBalanceReport): Grid => {
  const grid = gridBuilder()
  const line = (
    scope: string,
    book: string,
    account: string,
    { commodity, values }: CommodityValues,
    estimated: boolean,
  ): void =>
    grid.push([
      text(scope),
      text(book),
      text(account),
      text(commodity),
      ...values.map((value) => amount(value, commodity, estimated)),
    ])
  for (const section of report.sections) {
    const scope = scopeLabel(section.scope)
    for (const book of [section.money, section.goods]) {
      if (book.rows.length === 0) continue
      grid.section()
      for (const row of book.rows) line(scope, book.book, row.account, row, row.estimated)
      grid.section()
      for (const total of book.totals) line(scope, book.book, 'total', total, false)
    }
    if (section.eliminated.length > 0) {
      grid.section()
      for (const row of section.eliminated) line(scope, 'eliminated', row.account, row, row.estimated)
    }
  }
  return grid.grid([
    keyColumn('scope'),
    keyColumn('book'),
    textColumn('account'),
    commodityColumn,
    ...valueColumns(report.columns, 'label'),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

const RowJson = t.readonly(
  t.type({ account: t.string, commodity: t.string, values: t.readonlyArray(DecimalJson), estimated: t.boolean }),
)
const BookJson = t.readonly(
  t.type({
    rows: t.readonlyArray(RowJson),
    totals: t.readonlyArray(t.readonly(t.type({ commodity: t.string, values: t.readonlyArray(DecimalJson) }))),
    balanced: t.boolean,
  }),
)

/** The JSON form of a trial balance; decimals are strings, one per column. */
export const TrialBalanceJson = t.readonly(
  t.type({
    ...headJson('trial-balance'),
    sections: t.readonlyArray(
      t.readonly(
        t.type({
          scope: t.union([t.literal('entity'), t.literal('unassigned'), t.literal('consolidated')]),
          entity: t.union([t.string, t.null]),
          money: BookJson,
          goods: BookJson,
          eliminated: t.readonlyArray(RowJson),
        }),
      ),
    ),
  }),
)
/** The JSON form of the trial balance; decimals are exact strings, one per column. */
export type TrialBalanceJson = t.TypeOf<typeof TrialBalanceJson>

const rowJson = (row: TrialBalanceRow) => ({
  account: row.account,
  commodity: row.commodity,
  values: decimals(row.values),
  estimated: row.estimated,
})
const bookJson = (book: BookSection) => ({
  rows: book.rows.map(rowJson),
  totals: book.totals.map((total) => ({ commodity: total.commodity, values: decimals(total.values) })),
  balanced: book.balanced,
})

/** The trial balance as JSON, every value an exact decimal string. */
export const toJson = (report: TrialBalanceReport): TrialBalanceJson => ({
  ...reportHead(report),
  sections: report.sections.map((section) => ({
    scope:
      section.scope._tag === 'Entity' ? 'entity' : section.scope._tag === 'Unassigned' ? 'unassigned' : 'consolidated',
    entity: section.scope._tag === 'Entity' ? section.scope.entity : null,
    money: bookJson(section.money),
    goods: bookJson(section.goods),
    eliminated: section.eliminated.map(rowJson),
  })),
})
