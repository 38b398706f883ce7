/**
 * The reconciliation layer: rules, findings with evidence, the reconcile run, its JSON form,
 * and expectations (rules as tests). Imports core, domain and measures.
 */
export {
  type Evidence,
  type Finding,
  type Measure,
  type MeasureValue,
  type Severity,
  type Threshold,
  amountMeasure,
  compareFindings,
  documentEvidence,
  maxSeverity,
  measureOf,
  numberMeasure,
  operationEvidence,
  percentMeasure,
  planEvidence,
  reportedEvidence,
  severities,
  severityRank,
  showMeasureValue,
  showMoney,
  showPercent,
  showUnits,
  transactionEvidence,
} from './Finding.js'
export * as Param from './Param.js'
export {
  type AnyRule,
  type FindingDraft,
  type ParamsOf,
  type ReconcileInput,
  type Rule,
  type RuleSpec,
  completeFinding,
  defineRule,
  isRuleId,
} from './Rule.js'
export {
  type ParameterProblem,
  type ReconcileError,
  type ReconcileOptions,
  type ReconcileResult,
  type RuleRun,
  reconcile,
  renderError,
  renderProblem,
  resolveParameters,
  settingsInForce,
} from './Reconcile.js'
export {
  type FindingJson,
  type ReconcileOutput,
  type ReconcileOutputJson,
  FindingCodec,
  ReconcileOutputCodec,
  findingToJson,
  toJson,
} from './Json.js'
export {
  type ExpectationFields,
  type ExpectationResult,
  assertExpectations,
  checkExpectations,
  describeExpectation,
  expectFinding,
  expectNoFinding,
  findingMatches,
  renderResult,
  summarize,
} from './Expectations.js'
export * as Rules from './rules/index.js'
export { builtInRules } from './rules/index.js'
