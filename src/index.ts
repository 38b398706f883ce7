/**
 * The public library API of shadow-ledger: named exports only.
 *
 * Everything here runs in Node and in a browser bundle (no `node:*` imports); the Node file
 * system port is in `shadow-ledger/node`. Every fallible function returns an fp-ts `Either`
 * with a typed error; there is no global state.
 *
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import { loadText, memoryFileSystem, Query } from 'shadow-ledger'
 *
 * const text = '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n'
 * const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
 * if (E.isRight(loaded)) console.log(Query.trialBalance(loaded.right.ledger, { book: 'money' }).rows)
 * ```
 *
 * Semantic versioning: everything exported here and from `shadow-ledger/node` is the public API
 * (pinned by tests/library/api-surface.test.ts); anything reached by a deep import is not.
 *
 * @packageDocumentation
 */

// -------------------------------------------------------------------------------------
// core: exact quantities, commodities, accounts, dates, citations, the ledger and its queries
// -------------------------------------------------------------------------------------

export { AccountName, Amount, Citation, Commodity, Entity, Ledger, LocalDate, Period, Posting, Quantity, Query, SourceSpan, Transaction, limits } from './core/index.js'

// -------------------------------------------------------------------------------------
// domain: books, operations and their typed constructors, documents, plans, consolidation
// -------------------------------------------------------------------------------------

export { Apply, Arithmetic, Books, Consolidate, DomainError, Operation, Parameters } from './domain/index.js'
export type { ExpectedMeasure, Expectation, ReportedFigure, RuleSetting, StatementValue } from './domain/Statements.js'

// -------------------------------------------------------------------------------------
// journal: parse, elaborate, print, format; the JSON interchange document
// -------------------------------------------------------------------------------------

export { parse, renderParseError, renderParseErrors } from './journal/index.js'
export type { ParseError, ParseOptions, ParseResult } from './journal/index.js'
export { elaborate } from './journal/Elaborate.js'
export type { Elaborated } from './journal/Elaborate.js'
export { format } from './journal/Format.js'
export { print, transactionText } from './journal/Print.js'
export { documentVersion, exportDocument, LedgerDocumentCodec, toDocument } from './journal/Json.js'
export type { DocumentSource, Entry, LedgerDocument, LedgerDocumentJson, OperationEntry, TransactionEntry } from './journal/Json.js'

// -------------------------------------------------------------------------------------
// load: journals from text or files (through the injectable file-system port), JSON import
// -------------------------------------------------------------------------------------

export { loadFile, loadText, renderFailure } from './load/Load.js'
export type { Loaded, LoadFailure, LoadOptions } from './load/Load.js'
export { memoryFileSystem } from './load/FileSystem.js'
export type { FileSystem, IoError } from './load/FileSystem.js'
export { render as renderDiagnostic } from './load/Diagnostic.js'
export type { Diagnostic, LoadError } from './load/Diagnostic.js'
export { decodeDocument, fromDocument, importDocument, importJson, renderImportError } from './load/Import.js'
export type { DocumentIssue, Imported, ImportError, ImportOptions } from './load/Import.js'

// -------------------------------------------------------------------------------------
// measures: pure queries over books
// -------------------------------------------------------------------------------------

export { Ageing, Exposure, Flows, Fulfilment, Payroll, Physical, Plans, Ratio, Turnover, WorkingCapital } from './measures/index.js'

// -------------------------------------------------------------------------------------
// reconcile: rules (built-in and your own), findings, expectations, the findings' JSON
// -------------------------------------------------------------------------------------

export {
  amountMeasure,
  assertExpectations,
  builtInRules,
  checkExpectations,
  compareFindings,
  completeFinding,
  defineRule,
  describeExpectation,
  documentEvidence,
  expectFinding,
  expectNoFinding,
  FindingCodec,
  findingMatches,
  findingToJson,
  isRuleId,
  maxSeverity,
  measureOf,
  numberMeasure,
  operationEvidence,
  Param,
  percentMeasure,
  planEvidence,
  reconcile,
  ReconcileOutputCodec,
  renderError as renderReconcileError,
  renderProblem as renderParameterProblem,
  renderResult as renderExpectationResult,
  reportedEvidence,
  resolveParameters,
  Rules,
  settingsInForce,
  severities,
  severityRank,
  showMeasureValue,
  showMoney,
  showPercent,
  showUnits,
  summarize as summarizeExpectations,
  toJson as findingsToJson,
  transactionEvidence,
} from './reconcile/index.js'
export type {
  AnyRule,
  Evidence,
  ExpectationFields,
  ExpectationResult,
  Finding,
  FindingDraft,
  FindingJson,
  Measure,
  MeasureValue,
  ParameterProblem,
  ParamsOf,
  ReconcileError,
  ReconcileInput,
  ReconcileOptions,
  ReconcileOutput,
  ReconcileOutputJson,
  ReconcileResult,
  Rule,
  RuleRun,
  RuleSpec,
  Severity,
  Threshold,
} from './reconcile/index.js'

// -------------------------------------------------------------------------------------
// reports: report data and renderers
// -------------------------------------------------------------------------------------

import * as BalanceReport from './reports/Balance.js'
import * as Csv from './reports/Csv.js'
import * as Table from './reports/Table.js'

export {
  /** The balance report: build it from a ledger, render it as a table, CSV or JSON. */
  BalanceReport,
  /** CSV cells and rows, with spreadsheet formulas neutralized. */
  Csv,
  /** Plain-text tables with aligned columns. */
  Table,
}
