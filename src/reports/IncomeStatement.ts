/**
 * The income statement per entity: income and expenses of each column's period, and the net result. Account types
 * come from the ledger (declared, or inferred from the root
 * name); the shared machinery and the sign conventions are in `FinancialStatement.ts`.
 */
import type * as t from 'io-ts'
import * as Statement from './FinancialStatement.js'

/** The income statement report data: exact income, expenses and net result per entity for each column period. */
export type IncomeStatementReport = Statement.StatementReport<'income-statement'>

const statement = Statement.statementModule('income-statement')

export const { build, toGrid, renderTable, renderCsv, toJson } = statement

/** The JSON form; decimals are strings, one per column. */
export const IncomeStatementJson = statement.codec
/** The JSON form of the income statement; decimals are exact strings, one per column. */
export type IncomeStatementJson = t.TypeOf<typeof IncomeStatementJson>
