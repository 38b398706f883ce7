/**
 * The balance sheet per entity: assets, liabilities and equity (with the result not yet closed) at the last day of each column. Account types come from the ledger (declared, or inferred from the root
 * name); the shared machinery and the sign conventions are in `FinancialStatement.ts`.
 */
import type * as t from 'io-ts'
import type { Ledger } from '../core/index.js'
import type { ReportInputs, ReportOptions } from './Common.js'
import * as Statement from './FinancialStatement.js'

export type BalanceSheetReport = Statement.StatementReport<'balance-sheet'>

export const build = (inputs: ReportInputs, options: ReportOptions): BalanceSheetReport => Statement.buildStatement('balance-sheet', inputs, options)

export const toGrid = (report: BalanceSheetReport) => Statement.toGrid(report)

export const renderTable = (report: BalanceSheetReport, ledger: Ledger.Ledger): string => Statement.renderTable(report, ledger)

export const renderCsv = (report: BalanceSheetReport): string => Statement.renderCsv(report)

/** The JSON form; decimals are strings, one per column. */
export const BalanceSheetJson = Statement.statementJsonCodec('balance-sheet')
export type BalanceSheetJson = t.TypeOf<typeof BalanceSheetJson>

export const toJson = (report: BalanceSheetReport): BalanceSheetJson => Statement.statementJson(report)
