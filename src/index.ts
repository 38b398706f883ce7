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
 * Named exports only: values and types by name, namespaces by name (`export * as Quantity`),
 * never a bare `export *`.
 *
 * Semantic versioning: everything exported here and from `shadow-ledger/node` is the public API
 * (pinned by tests/library/api-surface.test.ts); anything reached by a deep import is not.
 *
 * @packageDocumentation
 */

// -------------------------------------------------------------------------------------
// core: exact quantities, commodities, accounts, dates, citations, the ledger and its queries
// -------------------------------------------------------------------------------------

/** Hierarchical account names (`kirov:assets:wip`) and account types. */
export * as AccountName from './core/AccountName.js'
/** An amount: a quantity of one commodity; mixed amounts (balances) of several. */
export * as Amount from './core/Amount.js'
/** Structured archival citations: archive, fond, opis, delo, folio, and the verbatim text. */
export * as Citation from './core/Citation.js'
/** Commodities: money or goods (with a unit), and their display styles. */
export * as Commodity from './core/Commodity.js'
/** Entities: whose books an account belongs to (the plant, a buyer, Gosbank). */
export * as Entity from './core/Entity.js'
/**
 * Exact intervals of quantities (hedged figures: bounds, ranges, approximate, unknown) and verdicts against thresholds.
 */
export * as Interval from './core/Interval.js'
/** The ledger: declarations, posted transactions, running balances of the money and goods books; `post` is atomic. */
export * as Ledger from './core/Ledger.js'
/** Calendar dates without a zone (`YYYY-MM-DD`), branded. */
export * as LocalDate from './core/LocalDate.js'
/** The named limits every input is checked against (digits per amount, postings per transaction, …). */
export * as limits from './core/limits.js'
/** Half-open date ranges and the period labels a journal writes (`1936`, `1936-Q2`, `1936-03`). */
export * as Period from './core/Period.js'
/** hledger's period expressions and smart dates (`-p`, `-b`/`-e`, `date:`), and report columns. */
export * as PeriodExpression from './core/PeriodExpression.js'
/** Postings: one line of a transaction, with money, goods, or both. */
export * as Posting from './core/Posting.js'
/** Exact decimal quantities: parse, add, multiply, divide and round with a named mode. */
export * as Quantity from './core/Quantity.js'
/** Queries over a ledger: balances, the trial balance, the register, per book, entity and date range. */
export * as Query from './core/Query.js'
/**
 * Rates with their unit in the type: `Fraction` (0.08 = 8 %, an operation's rate) and `PercentPoints` (8 = 8 %, a
 * rule's percentage), converted only by name.
 */
export * as Rate from './core/Rate.js'
/** Where something was written: file, line, column. */
export * as SourceSpan from './core/SourceSpan.js'
/** Transactions: dated, balanced sets of postings with provenance. */
export * as Transaction from './core/Transaction.js'

// -------------------------------------------------------------------------------------
// domain: books, operations and their typed constructors, documents, plans, consolidation
// -------------------------------------------------------------------------------------

/**
 * Applying operations to books: `Apply.apply(operation, context)(books)` checks the operation,
 * posts its one balanced transaction and records the documents it touches, atomically.
 *
 * ```ts
 * const kirov = Entity.unsafeName('kirov')
 * const books = pipe(
 *   Books.empty([{ name: kirov, citations: [] }]),
 *   E.flatMap(Apply.apply(
 *     {
 *       _tag: 'LaunchWip',
 *       date: LocalDate.unsafeFromString('1936-01-10'),
 *       entity: kirov,
 *       goods: { commodity: Commodity.unsafeSymbol('T28'), quantity: Quantity.unsafeFromInteger(12) },
 *     },
 *     { span: SourceSpan.synthetic('api') },
 *   )),
 * )
 * ```
 */
export * as Apply from './domain/Apply.js'
/**
 * The domain's stated arithmetic: bill discount, simple interest, annuities, proportions, each with a named rounding.
 */
export * as Arithmetic from './domain/Arithmetic.js'
/** Books: the ledger plus documents, plans, settlement accounts, the chart of roles and the history of operations. */
export * as Books from './domain/Books.js'
export type { BuildError, BuildErrorTag } from './domain/BuildError.js'
export { buildErrorTags, isDomainError, isPostingError, renderBuildError } from './domain/BuildError.js'
/** Consolidated views of several entities, with inter-entity legs eliminated. */
export * as Consolidate from './domain/Consolidate.js'
/** Why an operation was rejected: a tagged union of facts, and its renderer. */
export * as DomainError from './domain/DomainError.js'
/** The domain operations (payment demands, shipments, bills, loans, work in progress, …) and their io-ts codecs. */
export * as Operation from './domain/Operation.js'
/** Effective-dated parameters of the domain rules (rounding, acceptance periods, the credit reform). */
export * as Parameters from './domain/Parameters.js'
export type {
  Assumption,
  Expectation,
  ExpectedMeasure,
  Figure,
  FigureUnit,
  Provenance,
  ReportedFigure,
  RuleSetting,
  StatementValue,
} from './domain/Statements.js'
/** The reported and the found view of a ledger's statements (restatements). */
export * as Views from './domain/Views.js'

// -------------------------------------------------------------------------------------
// journal: parse, elaborate, print, format; the JSON interchange document
// -------------------------------------------------------------------------------------

export type { Difference, DiffOptions } from './journal/Diff.js'
export {
  booksEqual,
  diffBooks,
  diffDocuments,
  diffJson,
  diffLedgers,
  documentsEqual,
  ledgersEqual,
} from './journal/Diff.js'
export type { Elaborated, ElaborateError, ElaborateWarning } from './journal/Elaborate.js'
export { elaborate, elaborateErrorTags, elaborateWarningTags } from './journal/Elaborate.js'
export { format } from './journal/Format.js'
export type { ParseError, ParseErrorTag, ParseOptions, ParseResult } from './journal/index.js'
export { parse, parseErrorTags, renderParseError, renderParseErrors } from './journal/index.js'
export type {
  DocumentSource,
  Entry,
  LedgerDocument,
  LedgerDocumentJson,
  OperationEntry,
  TransactionEntry,
} from './journal/Json.js'
export { documentVersion, exportDocument, LedgerDocumentCodec, toDocument } from './journal/Json.js'
export type { OperationError, OperationErrorTag } from './journal/OperationError.js'
export { operationErrorTags } from './journal/OperationError.js'
export type { PlanError } from './journal/Plans.js'
export { planErrorTags } from './journal/Plans.js'
export { print, transactionText } from './journal/Print.js'
/**
 * hledger's query language (`acct:`, `desc:`, `date:`, `amt:`, `not:` …) as a posting test; pass `where` to `Query`
 * functions.
 */
export * as Search from './journal/Search.js'
export type { StatementError } from './journal/Statements.js'
export { statementErrorTags } from './journal/Statements.js'

// -------------------------------------------------------------------------------------
// load: journals from text or files (through the injectable file-system port), JSON import
// -------------------------------------------------------------------------------------

export type { Diagnostic, DiagnosticTag, Layer as DiagnosticLayer, LoadError, StrictError } from './load/Diagnostic.js'
export {
  isError as isErrorDiagnostic,
  layers as diagnosticLayers,
  loadErrorTags,
  ofBuildError as diagnosticOfBuildError,
  ofDeclarationError as diagnosticOfDeclarationError,
  ofDomainError as diagnosticOfDomainError,
  ofElaborateError as diagnosticOfElaborateError,
  ofLoadError as diagnosticOfLoadError,
  ofOperationError as diagnosticOfOperationError,
  ofParseError as diagnosticOfParseError,
  ofPlanError as diagnosticOfPlanError,
  ofPostingError as diagnosticOfPostingError,
  ofStatementError as diagnosticOfStatementError,
  ofStrictError as diagnosticOfStrictError,
  render as renderDiagnostic,
  strictErrorTags,
} from './load/Diagnostic.js'
export type { FileSystem, IoError } from './load/FileSystem.js'
export { memoryFileSystem } from './load/FileSystem.js'
export type { DocumentIssue, ImportError, Imported, ImportOptions } from './load/Import.js'
export { decodeDocument, fromDocument, importDocument, importJson, renderImportError } from './load/Import.js'
export type { Loaded, LoadFailure, LoadOptions } from './load/Load.js'
export { loadFile, loadText, renderFailure } from './load/Load.js'

// -------------------------------------------------------------------------------------
// measures: pure queries over books
// -------------------------------------------------------------------------------------

/** Ageing of documents and instruments in buckets. */
export * as Ageing from './measures/Ageing.js'
/** Credit exposure against collateral lots and contracts. */
export * as Exposure from './measures/Exposure.js'
/** Balances and flows by account role, entity and period. */
export * as Flows from './measures/Flows.js'
/** Plan fulfilment three ways: reported gross output, physical output, realized sales. */
export * as Fulfilment from './measures/Fulfilment.js'
/** Payroll by staff category against the wage fund. */
export * as Payroll from './measures/Payroll.js'
/** The physical book: units by commodity and stage, and their ageing. */
export * as Physical from './measures/Physical.js'
/** Plan values in force on a date, and the lines covering it. */
export * as Plans from './measures/Plans.js'
/** Ratios and percentages with their stated roundings. */
export * as Ratio from './measures/Ratio.js'
/** Turnover of working capital in days. */
export * as Turnover from './measures/Turnover.js'
/** Working capital by category against its norm, and how it is financed. */
export * as WorkingCapital from './measures/WorkingCapital.js'

// -------------------------------------------------------------------------------------
// reconcile: rules (built-in and your own), findings, expectations, the findings' JSON
// -------------------------------------------------------------------------------------

export type {
  AnyRule,
  Evidence,
  ExpectationFieldError,
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
  RuleDefinitionError,
  RuleRun,
  RuleSpec,
  Severity,
  Threshold,
} from './reconcile/index.js'
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
  percentMeasure,
  planEvidence,
  ReconcileOutputCodec,
  reconcile,
  renderError as renderReconcileError,
  renderExpectationFieldError,
  renderProblem as renderParameterProblem,
  renderResult as renderExpectationResult,
  renderRuleDefinitionError,
  reportedEvidence,
  resolveParameters,
  ruleDefinitionErrorTags,
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
  unsafeDefineRule,
  unsafeExpectFinding,
  unsafeExpectNoFinding,
} from './reconcile/index.js'
/** Typed rule parameters: codecs for percentages, money, counts, dates, words. */
export * as Param from './reconcile/Param.js'
/** The built-in reconciliation rules, one export per rule (all of them: `builtInRules`). */
export * as Rules from './reconcile/rules/index.js'

// -------------------------------------------------------------------------------------
// reports: report data and renderers
// -------------------------------------------------------------------------------------

/** The balance report: build it from a ledger, render it as a table, CSV or JSON. */
export * as BalanceReport from './reports/Balance.js'
/** CSV cells and rows, with spreadsheet formulas neutralized. */
export * as Csv from './reports/Csv.js'
/** Every analytical report by kind (trial balance … sources): build its data, render it as a table, CSV or JSON. */
export * as Reports from './reports/Reports.js'
/**
 * Chart-ready series (work in progress by quarter, payroll against the wage fund, …) with exact values beside the
 * plotted ones.
 */
export * as ReportSeries from './reports/Series.js'
/** Plain-text tables with aligned columns. */
export * as Table from './reports/Table.js'

// -------------------------------------------------------------------------------------
// simulate: seeded regions with planted mechanisms, the auditor, rule scoring
// -------------------------------------------------------------------------------------

/**
 * The scenario simulator (`Simulate.simulate(options)` yields journal text, truth records and auditor entries) and rule
 * scoring against planted truth (`Simulate.score`, `Simulate.sweep`).
 */
export * as Simulate from './simulate/index.js'
