/**
 * The income statement per entity: income and expenses of each column's period, and the net result. Account types come from the ledger (declared, or inferred from the root
 * name); the shared machinery and the sign conventions are in `FinancialStatement.ts`.
 */
import type * as t from 'io-ts'
import type { Ledger } from '../core/index.js'
import type { ReportInputs, ReportOptions } from './Common.js'
import * as Statement from './FinancialStatement.js'

export type IncomeStatementReport = Statement.StatementReport<'income-statement'>

export const build = (inputs: ReportInputs, options: ReportOptions): IncomeStatementReport => Statement.buildStatement('income-statement', inputs, options)

export const toGrid = (report: IncomeStatementReport) => Statement.toGrid(report)

export const renderTable = (report: IncomeStatementReport, ledger: Ledger.Ledger): string => Statement.renderTable(report, ledger)

export const renderCsv = (report: IncomeStatementReport): string => Statement.renderCsv(report)

/** The JSON form; decimals are strings, one per column. */
export const IncomeStatementJson = Statement.statementJsonCodec('income-statement')
export type IncomeStatementJson = t.TypeOf<typeof IncomeStatementJson>

export const toJson = (report: IncomeStatementReport): IncomeStatementJson => Statement.statementJson(report)
