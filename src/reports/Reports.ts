/**
 * The analytical reports by kind: for each, its data builder, its three renderers and the codec
 * of its JSON form, behind one uniform interface (for the command line and for tools that list
 * the reports). The data builders are the reusable part; see each module.
 */
import type * as t from 'io-ts'
import type { Ledger } from '../core/index.js'
import * as Ageing from './Ageing.js'
import * as BalanceSheet from './BalanceSheet.js'
import type { ReportInputs, ReportOptions } from './Common.js'
import * as Divergence from './Divergence.js'
import * as IncomeStatement from './IncomeStatement.js'
import * as Physical from './Physical.js'
import * as PlanFulfilment from './PlanFulfilment.js'
import * as Restatement from './Restatement.js'
import * as Sources from './Sources.js'
import * as TrialBalance from './TrialBalance.js'
import * as Turnover from './Turnover.js'
import * as WorkingCapital from './WorkingCapital.js'

/** The names of the reports the CLI can produce. */
export type ReportKind =
  | 'trial-balance'
  | 'balance-sheet'
  | 'income-statement'
  | 'working-capital'
  | 'turnover'
  | 'plan-fulfilment'
  | 'physical'
  | 'ageing'
  | 'divergence'
  | 'sources'
  | 'restatement'

/**
 * What every report module provides: a description, its builder, its table, CSV and JSON renderers, and the io-ts codec
 * of its JSON.
 */
export interface ReportModule<R> {
  readonly description: string
  readonly build: (inputs: ReportInputs, options: ReportOptions & { readonly root?: string }) => R
  readonly renderTable: (report: R, ledger: Ledger.Ledger) => string
  readonly renderCsv: (report: R) => string
  readonly toJson: (report: R) => unknown
  readonly codec: t.Mixed
}

const entry = <R>(value: ReportModule<R>): ReportModule<unknown> => value as unknown as ReportModule<unknown>

/** Every report module by kind. */
export const reports: Readonly<Record<ReportKind, ReportModule<unknown>>> = {
  'trial-balance': entry({
    description: 'both books, per entity and consolidated; money sums to zero',
    ...TrialBalance,
    codec: TrialBalance.TrialBalanceJson,
  }),
  'balance-sheet': entry({
    description: 'assets, liabilities and equity per entity',
    ...BalanceSheet,
    codec: BalanceSheet.BalanceSheetJson,
  }),
  'income-statement': entry({
    description: 'income, expenses and the net result per entity',
    ...IncomeStatement,
    codec: IncomeStatement.IncomeStatementJson,
  }),
  'working-capital': entry({
    description: 'working capital by category against its norm, and its financing',
    ...WorkingCapital,
    codec: WorkingCapital.WorkingCapitalJson,
  }),
  turnover: entry({
    description: 'realized sales / average working capital, and days',
    ...Turnover,
    codec: Turnover.TurnoverJson,
  }),
  'plan-fulfilment': entry({
    description: 'plan fulfilment three ways: reported, physical, realized',
    ...PlanFulfilment,
    codec: PlanFulfilment.PlanFulfilmentJson,
  }),
  physical: entry({
    description: 'the physical book by goods commodity and stage',
    ...Physical,
    codec: Physical.PhysicalJson,
  }),
  ageing: entry({
    description: 'open items in 0–30 / 31–60 / 61–90 / 90+ day buckets',
    ...Ageing,
    codec: Ageing.AgeingJson,
  }),
  divergence: entry({
    description: 'money book against physical book per goods commodity, and the gaps',
    ...Divergence,
    codec: Divergence.DivergenceJson,
  }),
  sources: entry({
    description: 'which figures rest on which archival file; estimated and unsourced figures',
    ...Sources,
    codec: Sources.SourcesJson,
  }),
  restatement: entry({
    description:
      'reported vs found: each restated measure and each account changed by `view: found` transactions, ' +
      'with both sources',
    ...Restatement,
    codec: Restatement.RestatementJson,
  }),
}

/** The report kinds, in the order of the report table. */
export const reportKinds = Object.keys(reports) as ReadonlyArray<ReportKind>

/** True when `text` names a report kind. */
export const isReportKind = (text: string): text is ReportKind =>
  typeof text === 'string' && Object.hasOwn(reports, text)

/** The output formats of a report: an aligned text table, CSV or JSON. */
export type OutputFormat = 'table' | 'csv' | 'json'

/** Builds a report and renders it; text ends with a newline. */
export const render = (
  kind: ReportKind,
  inputs: ReportInputs,
  options: ReportOptions & { readonly root?: string },
  output: OutputFormat,
): string => {
  const entry = reports[kind]
  const report = entry.build(inputs, options)
  if (output === 'json') return `${JSON.stringify(entry.toJson(report), null, 2)}\n`
  if (output === 'csv') return entry.renderCsv(report)
  return `${entry.renderTable(report, inputs.ledger)}\n`
}
