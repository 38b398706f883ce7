/**
 * The balance sheet per entity: assets, liabilities and equity (with the result not yet closed) at the last day of
 * each column. Account types come from the ledger (declared, or inferred from the root
 * name); the shared machinery and the sign conventions are in `FinancialStatement.ts`.
 */
import type * as t from 'io-ts'
import * as Statement from './FinancialStatement.js'

/** The balance sheet report data: exact assets, liabilities and equity per entity at the last day of each column. */
export type BalanceSheetReport = Statement.StatementReport<'balance-sheet'>

const statement = Statement.statementModule('balance-sheet')

export const { build, toGrid, renderTable, renderCsv, toJson } = statement

/** The JSON form; decimals are strings, one per column. */
export const BalanceSheetJson = statement.codec
/** The JSON form of the balance sheet; decimals are exact strings, one per column. */
export type BalanceSheetJson = t.TypeOf<typeof BalanceSheetJson>
