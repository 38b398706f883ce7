/**
 * Statements a journal makes about the books rather than in them:
 *
 * - reported figures: what an enterprise or an inspector *said* (114 % plan fulfilment, a
 *   12.8 % rejection rate, 101 tanks recorded as produced), with their sources, so that rules
 *   can set them against what the books show;
 * - rule settings: parameters of reconciliation rules, set per journal and optionally dated;
 * - expectations: what a rule must find (or must not find) in this ledger, so that a ledger is
 *   its own test.
 *
 * The journal layer writes them; the reconciliation layer reads them. They live here, below
 * both, so that neither has to import the other.
 */
import type { Amount, Citation, Entity, LocalDate, Period, Quantity, SourceSpan } from '../core/index.js'

/** A value written in a statement: a money amount or goods quantity, a percentage, a date, a word. */
export type StatementValue =
  | { readonly _tag: 'Amount'; readonly amount: Amount.Amount; readonly estimated: boolean }
  | { readonly _tag: 'Percent'; readonly percent: Quantity.Quantity; readonly estimated: boolean }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity }
  | { readonly _tag: 'Date'; readonly date: LocalDate.LocalDate }
  | { readonly _tag: 'Word'; readonly word: string }

/**
 * `reported PERIOD ENTITY METRIC VALUE  ; source: …` — a figure as reported in the archival
 * record. `metric` is a colon path naming what was reported (`plan-fulfilment`,
 * `rejection-rate`, `output:T28`, `payroll`, `working-capital`).
 */
export interface ReportedFigure {
  readonly period: Period.Period
  readonly entity: Entity.EntityName
  readonly metric: string
  readonly value: StatementValue
  readonly estimated: boolean
  readonly citations: ReadonlyArray<Citation.Citation>
  readonly span: SourceSpan.SourceSpan
}

/** `param [DATE] RULE-ID.NAME VALUE` — a rule parameter set by the journal, from `date` on. */
export interface RuleSetting {
  readonly date?: LocalDate.LocalDate
  readonly rule: string
  readonly name: string
  readonly value: StatementValue
  readonly span: SourceSpan.SourceSpan
}

/** What an expectation says a finding must measure: a named amount or ratio, with a tolerance. */
export interface ExpectedMeasure {
  /** The measure's key in the finding (`excess`, `overrun`, `gap`, `ratio`, `diverted`, …). */
  readonly key: string
  readonly value: StatementValue
}

/**
 * `expect [no] RULE-ID [ENTITY] [DATE|PERIOD] [DOCUMENT] [severity S] [KEY VALUE]… [within TOL]`.
 * A positive expectation passes when some finding of the rule matches every stated field; a
 * negated one (`expect no …`) passes when none matches.
 */
export interface Expectation {
  readonly negated: boolean
  readonly rule: string
  readonly entity?: Entity.EntityName
  /** The finding's date must lie in this period (a single date is a one-day period). */
  readonly period?: Period.Period
  readonly document?: string
  readonly severity?: 'info' | 'warn' | 'critical'
  readonly measures: ReadonlyArray<ExpectedMeasure>
  /** Tolerance for amounts (absolute, in the amount's commodity) or ratios (percentage points). */
  readonly tolerance?: StatementValue
  readonly citations: ReadonlyArray<Citation.Citation>
  readonly span: SourceSpan.SourceSpan
}
