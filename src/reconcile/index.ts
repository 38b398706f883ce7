/**
 * The reconciliation layer: rules, findings with evidence, the reconcile run, its JSON form,
 * and expectations (rules as tests). Imports core, domain and measures.
 */

export {
  assertExpectations,
  checkExpectations,
  describeExpectation,
  type ExpectationFieldError,
  type ExpectationFields,
  type ExpectationResult,
  expectFinding,
  expectNoFinding,
  findingMatches,
  renderExpectationFieldError,
  renderResult,
  summarize,
  unsafeExpectFinding,
  unsafeExpectNoFinding,
} from './Expectations.js'
export {
  amountMeasure,
  compareFindings,
  documentEvidence,
  type Evidence,
  type Finding,
  type Measure,
  type MeasureValue,
  maxSeverity,
  measureOf,
  numberMeasure,
  operationEvidence,
  percentMeasure,
  planEvidence,
  reportedEvidence,
  type Severity,
  severities,
  severityRank,
  showMeasureValue,
  showMoney,
  showPercent,
  showUnits,
  type Threshold,
  transactionEvidence,
} from './Finding.js'
export {
  FindingCodec,
  type FindingJson,
  findingToJson,
  type ReconcileOutput,
  ReconcileOutputCodec,
  type ReconcileOutputJson,
  toJson,
} from './Json.js'
export * as Param from './Param.js'
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
  type AnyRule,
  completeFinding,
  defineRule,
  type FindingDraft,
  isRuleId,
  type ParamsOf,
  type ReconcileInput,
  type Rule,
  type RuleDefinitionError,
  type RuleSpec,
  renderRuleDefinitionError,
  ruleDefinitionErrorTags,
  unsafeDefineRule,
} from './Rule.js'
export * as Rules from './rules/index.js'
export { builtInRules } from './rules/index.js'
