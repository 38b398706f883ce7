/**
 * The shared machinery of the balance sheet and the income statement: an entity's money-book
 * accounts grouped by their type (declared, or inferred from the root name:
 * `Ledger.accountType`), one value per column, in natural signs (assets and expenses debit
 * positive; liabilities, equity and income credit positive).
 *
 * - Balance sheet: balances at each column's last day (everything before it counts, whatever
 *   `begin` says), with the income and expenses not yet closed shown as one equity line, so that
 *   assets = liabilities + equity whenever the entity's own books balance; any difference (a
 *   plain transaction between entities that does not balance within each) is shown, not hidden.
 * - Income statement: the income and expenses of each column's period, and the net result.
 *
 * Without declared entities, the whole ledger is one statement. One pass over the transactions.
 */
import * as t from 'io-ts'
import { type AccountName, type Commodity, type Entity, Ledger, Quantity } from '../core/index.js'
import type { Posting } from '../core/Posting.js'
import type { Transaction } from '../core/Transaction.js'
import {
  type Accumulated,
  accumulate,
  anyNonZero,
  type CommodityValues,
  commodityTotals,
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
  reportEntities,
  reportHead,
  sumByCommodity,
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

/** The financial statements built here: the balance sheet and the income statement. */
export type StatementKind = 'balance-sheet' | 'income-statement'

/** The account type a statement group collects, or unclassified for accounts of no known type. */
export type GroupType = AccountName.AccountType | 'unclassified'

/** One account and commodity of a statement with its exact value per column, in natural sign. */
export interface StatementLine {
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  /** One per column, in natural sign. */
  readonly values: ReadonlyArray<Quantity.Quantity>
  readonly estimated: boolean
}

/** The lines of one account type in a statement, with their exact totals per commodity and column. */
export interface StatementGroup {
  readonly type: GroupType
  readonly lines: ReadonlyArray<StatementLine>
  readonly totals: ReadonlyArray<{
    readonly commodity: Commodity.CommoditySymbol
    readonly values: ReadonlyArray<Quantity.Quantity>
  }>
}

/**
 * Summary lines. Balance sheet: `assets`, `liabilities`, `equity`, `unclosed-result` (income −
 * expenses not closed to equity), `liabilities-and-equity`, `difference` (assets − liabilities
 * and equity; zero when the entity's books balance). Income statement: `income`, `expenses`,
 * `net-result`.
 */
export type SummaryKey =
  | 'assets'
  | 'liabilities'
  | 'equity'
  | 'unclosed-result'
  | 'liabilities-and-equity'
  | 'difference'
  | 'income'
  | 'expenses'
  | 'net-result'

/** One summary line of a statement (a total or the difference) for one commodity, exact per column. */
export interface SummaryLine {
  readonly key: SummaryKey
  readonly commodity: Commodity.CommoditySymbol
  readonly values: ReadonlyArray<Quantity.Quantity>
}

/** The statement of one entity (or of the whole ledger): its groups and summary lines. */
export interface EntityStatement {
  /** Undefined when the ledger declares no entities (the whole ledger). */
  readonly entity?: Entity.EntityName
  readonly groups: ReadonlyArray<StatementGroup>
  readonly summary: ReadonlyArray<SummaryLine>
}

/**
 * The data of a balance sheet or income statement: one exact, unrounded statement per entity over the report columns.
 */
export interface StatementReport<K extends StatementKind = StatementKind> {
  readonly kind: K
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
  readonly statements: ReadonlyArray<EntityStatement>
}

const groupOrder: Readonly<Record<StatementKind, ReadonlyArray<GroupType>>> = {
  'balance-sheet': ['asset', 'liability', 'equity', 'unclassified'],
  'income-statement': ['income', 'expense'],
}

/** Natural sign: credit-normal types are negated. */
const natural = (type: GroupType, value: Quantity.Quantity): Quantity.Quantity =>
  type === 'liability' || type === 'equity' || type === 'income' ? Quantity.negate(value) : value

interface Slot extends Accumulated {
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  readonly type: GroupType
  /** Debit-positive flows per column; index `count` holds what came before the first column. */
  readonly values: Quantity.Quantity[]
}

/**
 * What the hledger-named commands (`balancesheet`, `incomestatement`, `cashflow`: reports/CompoundBalance.ts)
 * change in a statement: which group each account falls in (undefined leaves it out), which groups
 * are kept, a posting filter (the query language), virtual postings left out, and one statement
 * over all entities instead of one per entity. Without a scope, the statement is `report
 * balance-sheet`'s or `report income-statement`'s.
 */
export interface StatementScope {
  readonly classify?: (account: AccountName.AccountName) => GroupType | undefined
  readonly groups?: ReadonlyArray<GroupType>
  readonly where?: (transaction: Transaction, posting: Posting) => boolean
  readonly real?: boolean
  /** One statement over every entity's books (with `options.entity`, over that entity's only). */
  readonly combined?: boolean
}

/** Builds a balance sheet or income statement per entity over the report columns, summing exactly. */
export const buildStatement = <K extends StatementKind>(
  kind: K,
  inputs: ReportInputs,
  options: ReportOptions,
  scope: StatementScope = {},
): StatementReport<K> => {
  const columns = reportColumns(inputs, options)
  const count = columns.length
  const declarations = inputs.ledger.declarations
  const combined = scope.combined === true
  const hasEntities = declarations.entities.size > 0 && !combined
  const onlyEntity = combined ? options.entity : undefined
  const wanted: ReadonlyArray<Entity.EntityName | undefined> = hasEntities
    ? reportEntities(inputs, options)
    : [undefined]
  const slots = new Map<Entity.EntityName | undefined, Map<string, Slot>>(wanted.map((entity) => [entity, new Map()]))
  const typeMemo = new Map<AccountName.AccountName, GroupType | undefined>()
  const classify =
    scope.classify ??
    ((account: AccountName.AccountName) => Ledger.accountType(declarations, account) ?? 'unclassified')
  const typeOf = (account: AccountName.AccountName): GroupType | undefined => {
    if (typeMemo.has(account)) return typeMemo.get(account)
    const type = classify(account)
    typeMemo.set(account, type)
    return type
  }
  // Before the first column, balances still count on a balance sheet (in the opening slot).
  eachInColumns(inputs.ledger, columns, kind === 'balance-sheet' ? count : undefined, (transaction, column) => {
    for (const posting of transaction.postings) {
      const money = posting.money
      if (money === undefined || Ledger.commodityKind(inputs.ledger, money.commodity) === 'goods') continue
      if (scope.real === true && posting.virtual !== undefined) continue
      if (scope.where !== undefined && !scope.where(transaction, posting)) continue
      if (onlyEntity !== undefined && (posting.entity ?? Ledger.entityOf(declarations, posting.account)) !== onlyEntity)
        continue
      const type = typeOf(posting.account)
      if (type === undefined) continue
      const target = slots.get(
        hasEntities ? (posting.entity ?? Ledger.entityOf(declarations, posting.account)) : undefined,
      )
      if (target === undefined) continue
      const create = (): Slot => ({
        account: posting.account,
        commodity: money.commodity,
        type,
        values: zeros(count + 1),
        estimated: false,
      })
      accumulate(
        target,
        `${posting.account}\u0000${money.commodity}`,
        create,
        column,
        money.quantity,
        posting.estimated,
      )
    }
  })
  const statements = wanted.map((entity): EntityStatement => {
    const all = [...(slots.get(entity)?.values() ?? [])].sort(
      (a, b) => compareText(a.account, b.account) || compareText(a.commodity, b.commodity),
    )
    // Debit-positive values per column: balances (with the opening) or the period's flows.
    const valuesOf = (slot: Slot): ReadonlyArray<Quantity.Quantity> => {
      const flows = slot.values.slice(0, count)
      if (kind !== 'balance-sheet') return flows
      const opening = slot.values[count] ?? Quantity.zero
      return cumulative(flows).map((value) => Quantity.add(value, opening))
    }
    const groups = (scope.groups ?? groupOrder[kind]).flatMap((type): StatementGroup[] => {
      const lines = all
        .filter((slot) => slot.type === type)
        .map((slot) => ({
          account: slot.account,
          commodity: slot.commodity,
          values: valuesOf(slot).map((value) => natural(type, value)),
          estimated: slot.estimated,
        }))
        .filter((line) => anyNonZero(line.values))
      return lines.length === 0 ? [] : [{ type, lines, totals: commodityTotals(lines, count) }]
    })
    const debitTotals = (types: ReadonlyArray<GroupType>) =>
      sumByCommodity(
        all
          .filter((slot) => types.includes(slot.type))
          .map((slot) => ({ commodity: slot.commodity, values: valuesOf(slot) })),
        count,
      )
    const commodities = [...new Set(all.map((slot) => slot.commodity))].sort()
    const at = (
      totals: Map<Commodity.CommoditySymbol, Quantity.Quantity[]>,
      commodity: Commodity.CommoditySymbol,
    ): ReadonlyArray<Quantity.Quantity> => totals.get(commodity) ?? zeros(count)
    const summary: SummaryLine[] = []
    const push = (
      key: SummaryKey,
      commodity: Commodity.CommoditySymbol,
      values: ReadonlyArray<Quantity.Quantity>,
      always = true,
    ): void => {
      if (always || anyNonZero(values)) summary.push({ key, commodity, values })
    }
    const negated = (values: ReadonlyArray<Quantity.Quantity>) => values.map(Quantity.negate)
    if (kind === 'balance-sheet') {
      const assets = debitTotals(['asset'])
      const liabilities = debitTotals(['liability'])
      const equity = debitTotals(['equity'])
      const result = debitTotals(['income', 'expense'])
      const unclassified = debitTotals(['unclassified'])
      for (const commodity of commodities) {
        const claims = at(liabilities, commodity).map((value, index) =>
          Quantity.add(
            Quantity.add(value, at(equity, commodity)[index] ?? Quantity.zero),
            at(result, commodity)[index] ?? Quantity.zero,
          ),
        )
        push('assets', commodity, at(assets, commodity))
        push('liabilities', commodity, negated(at(liabilities, commodity)))
        push('equity', commodity, negated(at(equity, commodity)))
        push('unclosed-result', commodity, negated(at(result, commodity)), false)
        push('liabilities-and-equity', commodity, negated(claims))
        push(
          'difference',
          commodity,
          at(assets, commodity).map((value, index) =>
            Quantity.add(
              Quantity.add(value, claims[index] ?? Quantity.zero),
              at(unclassified, commodity)[index] ?? Quantity.zero,
            ),
          ),
          false,
        )
      }
    } else {
      const income = debitTotals(['income'])
      const expenses = debitTotals(['expense'])
      for (const commodity of commodities) {
        if (!income.has(commodity) && !expenses.has(commodity)) continue
        push('income', commodity, negated(at(income, commodity)))
        push('expenses', commodity, at(expenses, commodity))
        push(
          'net-result',
          commodity,
          at(income, commodity).map((value, index) =>
            Quantity.negate(Quantity.add(value, at(expenses, commodity)[index] ?? Quantity.zero)),
          ),
        )
      }
    }
    return { ...(entity !== undefined ? { entity } : {}), groups, summary }
  })
  return { kind, options, columns, statements }
}

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

const groupLabel: Readonly<Record<GroupType, string>> = {
  asset: 'assets',
  liability: 'liabilities',
  equity: 'equity',
  income: 'income',
  expense: 'expenses',
  unclassified: 'unclassified',
}

/** The label the statement table prints for each summary line. */
export const summaryLabel: Readonly<Record<SummaryKey, string>> = {
  assets: 'total assets',
  liabilities: 'total liabilities',
  equity: 'total equity',
  'unclosed-result': 'result not yet closed (in equity)',
  'liabilities-and-equity': 'total liabilities and equity',
  difference: 'difference (books of this entity do not balance)',
  income: 'total income',
  expenses: 'total expenses',
  'net-result': 'net result',
}

/**
 * A statement report as a grid: per entity, each group with its accounts and totals, then the summary lines, exact per
 * column.
 */
export const toGrid = (report: StatementReport): Grid => {
  const grid = gridBuilder()
  for (const statement of report.statements) {
    const entity = statement.entity ?? 'all'
    const line = (section: string, label: string, { commodity, values }: CommodityValues, estimated = false): void =>
      grid.push([
        text(entity),
        text(section),
        text(label),
        text(commodity),
        ...values.map((value) => amount(value, commodity, estimated)),
      ])
    for (const group of statement.groups) {
      grid.section()
      for (const item of group.lines) line(groupLabel[group.type], item.account, item, item.estimated)
      for (const total of group.totals) line(groupLabel[group.type], `total ${groupLabel[group.type]}`, total)
    }
    if (statement.summary.length > 0) grid.section()
    for (const item of statement.summary) line('summary', summaryLabel[item.key], item)
  }
  const header = report.kind === 'balance-sheet' ? 'lastDay' : 'label'
  return grid.grid([
    keyColumn('entity'),
    keyColumn('section'),
    textColumn('account'),
    commodityColumn,
    ...valueColumns(report.columns, header),
  ])
}

export const { renderTable, renderCsv } = gridRenderers(toGrid)

const ValuesJson = t.readonlyArray(DecimalJson)

/** The io-ts codec of a statement report of one kind in JSON; decimals are exact strings, one per column. */
export const statementJsonCodec = <K extends StatementKind>(kind: K) =>
  t.readonly(
    t.type({
      ...headJson(kind),
      statements: t.readonlyArray(
        t.readonly(
          t.type({
            entity: t.union([t.string, t.null]),
            groups: t.readonlyArray(
              t.readonly(
                t.type({
                  type: t.string,
                  lines: t.readonlyArray(
                    t.readonly(
                      t.type({ account: t.string, commodity: t.string, values: ValuesJson, estimated: t.boolean }),
                    ),
                  ),
                  totals: t.readonlyArray(t.readonly(t.type({ commodity: t.string, values: ValuesJson }))),
                }),
              ),
            ),
            summary: t.readonlyArray(t.readonly(t.type({ key: t.string, commodity: t.string, values: ValuesJson }))),
          }),
        ),
      ),
    }),
  )

/** A statement report as JSON, every value an exact decimal string. */
export const statementJson = <K extends StatementKind>(
  report: StatementReport<K>,
): t.TypeOf<ReturnType<typeof statementJsonCodec<K>>> => ({
  ...reportHead(report),
  statements: report.statements.map((statement) => ({
    entity: statement.entity ?? null,
    groups: statement.groups.map((group) => ({
      type: group.type,
      lines: group.lines.map((line) => ({
        account: line.account,
        commodity: line.commodity,
        values: decimals(line.values),
        estimated: line.estimated,
      })),
      totals: group.totals.map((total) => ({ commodity: total.commodity, values: decimals(total.values) })),
    })),
    summary: statement.summary.map((line) => ({
      key: line.key,
      commodity: line.commodity,
      values: decimals(line.values),
    })),
  })),
})

/** The report module of one kind of statement (what `BalanceSheet.ts` and `IncomeStatement.ts` export). */
export const statementModule = <K extends StatementKind>(kind: K) => ({
  build: (inputs: ReportInputs, options: ReportOptions): StatementReport<K> => buildStatement(kind, inputs, options),
  toGrid: (report: StatementReport<K>): Grid => toGrid(report),
  renderTable: (report: StatementReport<K>, ledger: Ledger.Ledger): string => renderTable(report, ledger),
  renderCsv: (report: StatementReport<K>): string => renderCsv(report),
  codec: statementJsonCodec(kind),
  toJson: (report: StatementReport<K>) => statementJson(report),
})
