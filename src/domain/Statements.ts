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
import type {
  Amount,
  Citation,
  Commodity,
  Entity,
  Interval,
  LocalDate,
  Period,
  Quantity,
  Rate,
  SourceSpan,
} from '../core/index.js'

/** What a hedged figure counts: money or goods of a commodity, a percentage, or a plain number. */
export type FigureUnit =
  | { readonly _tag: 'Amount'; readonly commodity: Commodity.CommoditySymbol; readonly bracketed: boolean }
  | { readonly _tag: 'Percent' }
  | { readonly _tag: 'Number' }
  /** A date range (`1937-01-01..1937-03-31`): the interval holds day numbers (LocalDate.toDayNumber). */
  | { readonly _tag: 'Date' }

/**
 * A hedged figure as a source gives it: `>6,000,000.00 RUB`, `<100%`, `[400..500 T26]`, `? RUB`.
 * `interval` holds every value it allows (exact bounds); `written` is the text as written, shown
 * in findings instead of any point the source lacks.
 */
export interface Figure {
  readonly interval: Interval.Interval
  readonly unit: FigureUnit
  readonly written: string
}

/** A value written in a statement: a money amount or goods quantity, a percentage, a date, a word. */
export type StatementValue =
  | { readonly _tag: 'Amount'; readonly amount: Amount.Amount; readonly estimated: boolean }
  /** A percentage in percent points (`12.8` = 12.8 %). */
  | { readonly _tag: 'Percent'; readonly percent: Rate.PercentPoints; readonly estimated: boolean }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity }
  | { readonly _tag: 'Date'; readonly date: LocalDate.LocalDate }
  | { readonly _tag: 'Word'; readonly word: string }
  /** A bound, a range or an unknown (`>X`, `<=X`, `A..B`, `?`), in money, goods or percent. */
  | { readonly _tag: 'Figure'; readonly figure: Figure }

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
  /**
   * `found` for a `restate` line: in the found view only, where it replaces the reported figures of the same entity,
   * metric and period.
   */
  readonly view?: 'found'
  /** The `reason:` of a restatement. */
  readonly reason?: string
  /** The line's provenance class (`; source:`, `; derived:`, `; assumption:`), when it has one. */
  readonly provenance?: Provenance
}

/** Where a figure line's value comes from: a source, arithmetic on sourced figures, or a numbered assumption. */
export type Provenance =
  | { readonly _tag: 'source' }
  | { readonly _tag: 'derived'; readonly formula: string }
  | { readonly _tag: 'assumption'; readonly id: string }

/** `assumption ID "TEXT"`: a numbered assumption and what it stands in for. */
export interface Assumption {
  readonly id: string
  readonly text: string
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
