/**
 * Rules: an id, a title, a description, typed parameters with defaults, and `evaluate`.
 *
 * A rule is written with `defineRule`: it declares its parameters as `Param` codecs, gives their
 * defaults, and returns finding drafts; `defineRule` stamps the rule id, orders and de-duplicates
 * evidence, documents and accounts, and marks a finding estimated when any evidence is.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { AccountName, Amount, Entity, LocalDate, Period } from '../core/index.js'
import { isRecord, kindOf } from '../core/Untyped.js'
import type { Books, DocumentId } from '../domain/Books.js'
import type { ReportedFigure, RuleSetting } from '../domain/Statements.js'
import type { LedgerIndex } from '../measures/Flows.js'
import {
  type Evidence,
  type Finding,
  type Measure,
  normalizeEvidence,
  type Severity,
  type Threshold,
} from './Finding.js'
import type { Param } from './Param.js'

/** What every rule reads. */
export interface ReconcileInput {
  readonly books: Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly asOf: LocalDate.LocalDate
  /**
   * The measures' index of `books` for this run (`reconcile` makes one when it is missing or of
   * other books): rules pass it to the measures, which then share running sums and results
   * instead of each scanning the whole ledger.
   */
  readonly index?: LedgerIndex
}

/** A finding as a rule writes it; `defineRule` fills in the rule id and normalizes the rest. */
export interface FindingDraft {
  readonly severity: Severity
  readonly entity?: Entity.EntityName
  readonly period?: Period.Period
  readonly date: LocalDate.LocalDate
  readonly accounts?: ReadonlyArray<AccountName.AccountName>
  readonly documents?: ReadonlyArray<DocumentId>
  readonly lots?: ReadonlyArray<DocumentId>
  readonly moneyGap?: Amount.Amount
  readonly unitGap?: Amount.Amount
  readonly measures?: ReadonlyArray<Measure>
  readonly threshold: Threshold
  readonly evidence?: ReadonlyArray<Evidence>
  /** Set when an input is approximate but has no evidence item saying so. */
  readonly estimated?: boolean
  /** On hedged inputs: whether the condition holds over the whole interval (`certain`) or part of it (`possible`). */
  readonly verdict?: 'certain' | 'possible'
  readonly message: string
}

/** The parameter record a set of `Param` codecs describes. */
// biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
export type ParamsOf<Props extends Readonly<Record<string, Param<any>>>> = {
  readonly [K in keyof Props]: t.TypeOf<Props[K]>
}

/** A reconciliation rule: id, title, description, typed parameters with defaults, and `evaluate`. */
export interface Rule<P> {
  /** Kebab-case (`working-capital-above-norm`). */
  readonly id: string
  readonly title: string
  /** What it detects and the formula, in a few sentences. */
  readonly description: string
  /** The evidence that motivates it (domain.md references). */
  readonly motivation: string
  /** One codec per parameter. */
  // biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
  readonly fields: Readonly<Record<string, Param<any>>>
  /** The codec of the whole parameter record (encodes decimals and dates as strings). */
  readonly parameters: t.Type<P, Readonly<Record<string, string>>, unknown>
  /** The parameters used when the journal sets none. */
  readonly defaults: P
  /**
   * Runs the rule over the input with the resolved parameters and returns its findings (empty when it finds nothing).
   */
  evaluate(input: ReconcileInput, parameters: P): ReadonlyArray<Finding>
}

/** A rule of any parameter type (rules are kept in heterogeneous lists). */
// biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
export type AnyRule = Rule<any>

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/u

/** True for a kebab-case rule id (false for anything that is not a string). */
export const isRuleId = (text: string): boolean => typeof text === 'string' && RULE_ID.test(text)

const uniqueSorted = <A extends string>(values: ReadonlyArray<A> | undefined): ReadonlyArray<A> =>
  [...new Set(values ?? [])].sort()

/** Turns a draft into a finding of rule `rule`. */
export const completeFinding = (rule: string, draft: FindingDraft): Finding => {
  const evidence = normalizeEvidence(draft.evidence ?? [])
  return {
    rule,
    severity: draft.severity,
    ...(draft.entity !== undefined ? { entity: draft.entity } : {}),
    ...(draft.period !== undefined ? { period: draft.period } : {}),
    date: draft.date,
    accounts: uniqueSorted(draft.accounts),
    documents: uniqueSorted(draft.documents),
    lots: uniqueSorted(draft.lots),
    ...(draft.moneyGap !== undefined ? { moneyGap: draft.moneyGap } : {}),
    ...(draft.unitGap !== undefined ? { unitGap: draft.unitGap } : {}),
    measures: draft.measures ?? [],
    threshold: draft.threshold,
    evidence,
    estimated: draft.estimated === true || evidence.some((item) => item.estimated),
    ...(draft.verdict !== undefined ? { verdict: draft.verdict } : {}),
    message: draft.message,
  }
}

/** What `defineRule` takes: the rule without the plumbing (ids checked, findings completed for you). */
// biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
export interface RuleSpec<Props extends Readonly<Record<string, Param<any>>>> {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly motivation?: string
  readonly parameters: Props
  readonly defaults: ParamsOf<Props>
  readonly evaluate: (input: ReconcileInput, parameters: ParamsOf<Props>) => ReadonlyArray<FindingDraft>
}

/** Why `defineRule` refused a spec: an id not in kebab-case, a default its codec refuses, a field of another kind. */
export type RuleDefinitionError =
  | { readonly _tag: 'InvalidRuleId'; readonly id: string }
  | {
      readonly _tag: 'InvalidRuleDefault'
      readonly rule: string
      readonly parameter: string
      readonly expected: string
    }
  | { readonly _tag: 'InvalidRuleSpec'; readonly path: string; readonly expected: string; readonly actual: string }

/** Every `RuleDefinitionError` tag, once. */
export const ruleDefinitionErrorTags = [
  'InvalidRuleId',
  'InvalidRuleDefault',
  'InvalidRuleSpec',
] as const satisfies ReadonlyArray<RuleDefinitionError['_tag']>

/** A `RuleDefinitionError` as a sentence. */
export const renderRuleDefinitionError = (error: RuleDefinitionError): string => {
  switch (error._tag) {
    case 'InvalidRuleId':
      return `rule id must be kebab-case: ${JSON.stringify(error.id)}`
    case 'InvalidRuleDefault':
      return `rule ${error.rule}: default of ${error.parameter} is not ${error.expected}`
    case 'InvalidRuleSpec':
      return `rule spec is not well-formed: ${error.path} should be ${error.expected}, not ${error.actual}`
  }
}

const specProblem = (spec: unknown): RuleDefinitionError | undefined => {
  const problem = (path: string, expected: string, value: unknown): RuleDefinitionError => ({
    _tag: 'InvalidRuleSpec',
    path,
    expected,
    actual: kindOf(value),
  })
  if (!isRecord(spec)) return problem('spec', 'an object', spec)
  if (typeof spec.id !== 'string') return problem('id', 'a string', spec.id)
  for (const key of ['title', 'description'] as const)
    if (typeof spec[key] !== 'string') return problem(key, 'a string', spec[key])
  if (spec.motivation !== undefined && typeof spec.motivation !== 'string')
    return problem('motivation', 'a string', spec.motivation)
  if (!isRecord(spec.parameters)) return problem('parameters', 'an object of Param codecs', spec.parameters)
  for (const [name, field] of Object.entries(spec.parameters))
    if (!(field instanceof t.Type)) return problem(`parameters.${name}`, 'a Param codec', field)
  if (!isRecord(spec.defaults)) return problem('defaults', 'an object', spec.defaults)
  if (typeof spec.evaluate !== 'function') return problem('evaluate', 'a function', spec.evaluate)
  return undefined
}

/**
 * Defines a rule: the spec checked (`InvalidRuleId` for an id that is not kebab-case, `InvalidRuleDefault` for a
 * default its parameter's codec refuses, `InvalidRuleSpec` for a field of the wrong kind), then the rule.
 * `unsafeDefineRule` is the same but throws, for rules written as literals in code (the built-in rules are).
 *
 * @example
 * ```ts
 * const bigCashPayment = unsafeDefineRule({
 *   id: 'big-cash-payment',
 *   title: 'Cash payment above a limit',
 *   description: 'Flags every payment out of an account named `cash` above `limit` (money).',
 *   parameters: { limit: Param.money },
 *   defaults: { limit: Quantity.unsafeFromString('1000.00') },
 *   evaluate: ({ books, asOf }, { limit }) =>
 *     Ledger.transactions(books.ledger)
 *       .filter((transaction) => transaction.date <= asOf)
 *       .flatMap((transaction) =>
 *         transaction.postings.flatMap((posting) =>
 *           posting.money !== undefined &&
 *           AccountName.leaf(posting.account) === 'cash' &&
 *           Quantity.compare(Quantity.negate(posting.money.quantity), limit) > 0
 *             ? [
 *                 {
 *                   severity: 'warn' as const,
 *                   date: transaction.date,
 *                   accounts: [posting.account],
 *                   moneyGap: Amount.negate(posting.money),
 *                   threshold: { text: `payment above ${Quantity.toString(limit)}` },
 *                   evidence: [transactionEvidence(transaction)],
 *                   message:
 *                     `${Amount.showExact(Amount.negate(posting.money))} paid out of ` +
 *                     `${posting.account} on ${transaction.date}.`,
 *                 },
 *               ]
 *             : [],
 *         ),
 *       ),
 * })
 * const journal =
 *   '2024-01-01 Opening\n    assets:cash  5000 RUB\n    equity:opening\n\n' +
 *   '2024-01-02 Bonus\n    expenses:bonus  1500 RUB\n    assets:cash\n'
 * const loaded = loadText('books.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * const { books, reported, settings } = loaded.right
 * const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('2024-12-31') }, [
 *   bigCashPayment,
 * ])
 * // result.right.findings.map((finding) => finding.message) → ['1500 RUB paid out of assets:cash on 2024-01-02.']
 * // a journal line `param big-cash-payment.limit 2,000.00 RUB` (or the override below) raises the limit:
 * // reconcile(input, [bigCashPayment], { overrides: new Map([['big-cash-payment.limit', '2000.00']]) })
 * // → no findings
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
export const defineRule = <Props extends Readonly<Record<string, Param<any>>>>(
  spec: RuleSpec<Props>,
): E.Either<RuleDefinitionError, Rule<ParamsOf<Props>>> => {
  const malformed = specProblem(spec)
  if (malformed !== undefined) return E.left(malformed)
  if (!isRuleId(spec.id)) return E.left({ _tag: 'InvalidRuleId', id: spec.id })
  const codec = t.type(spec.parameters as unknown as t.Props) as unknown as t.Type<
    ParamsOf<Props>,
    Readonly<Record<string, string>>,
    unknown
  >
  for (const [name, field] of Object.entries(spec.parameters)) {
    if (!field.is((spec.defaults as Readonly<Record<string, unknown>>)[name]))
      return E.left({ _tag: 'InvalidRuleDefault', rule: spec.id, parameter: name, expected: field.name })
  }
  return E.right({
    id: spec.id,
    title: spec.title,
    description: spec.description,
    motivation: spec.motivation ?? '',
    fields: spec.parameters,
    parameters: codec,
    defaults: spec.defaults,
    evaluate: (input, parameters) => spec.evaluate(input, parameters).map((draft) => completeFinding(spec.id, draft)),
  })
}

/** Like `defineRule`, but throws on a spec it refuses. For rules written as literals in code. */
// biome-ignore lint/suspicious/noExplicitAny: rules of different parameter types share one list (an existential type)
export const unsafeDefineRule = <Props extends Readonly<Record<string, Param<any>>>>(
  spec: RuleSpec<Props>,
): Rule<ParamsOf<Props>> => {
  const defined = defineRule(spec)
  if (E.isLeft(defined)) throw new Error(renderRuleDefinitionError(defined.left))
  return defined.right
}
