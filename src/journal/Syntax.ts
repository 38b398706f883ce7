/**
 * The concrete syntax tree (CST) of a journal file.
 *
 * The parser (`Parse.ts`) turns text into these nodes; the formatter (`Format.ts`) turns them back
 * into text; the elaborator (written separately) turns them into core values. The tree is
 * *concrete*: every line of the file is accounted for by some node (blank lines and comments
 * included), every node carries a `Span`, and every token keeps enough of its written form (display
 * style, raw word text) for the formatter to reproduce the file in canonical layout without losing
 * anything a reader or the elaborator could use.
 *
 * Invariants:
 * - Quantities are normalized decimal strings: an optional `-`, one or more ASCII digits without
 *   superfluous leading zeros, and optionally `.` followed by one or more digits. Nothing else (no
 *   digit-group marks, no `+`, no exponent, no `-0`). They are never converted to `number`.
 * - Dates are canonical `YYYY-MM-DD` strings of valid proleptic Gregorian dates.
 * - Commodity symbols are stored unquoted; the formatter quotes them when needed.
 * - All fields are readonly; arrays are `ReadonlyArray`.
 *
 * This module has no dependencies: the journal layer must not need core to describe syntax.
 */
import type * as IntervalAnchor from '../core/IntervalAnchor.js'

// -------------------------------------------------------------------------------------
// model: positions
// -------------------------------------------------------------------------------------

/**
 * Where a node or token was written: the file name given to `parse`, the 1-based line and column
 * of its first character (columns count UTF-16 code units; a tab is one column), and the last line
 * it spans. Structurally identical to core's `SourceSpan`.
 */
export interface Span {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine: number
}

// -------------------------------------------------------------------------------------
// model: amounts
// -------------------------------------------------------------------------------------

/** The character written between the integer and the fraction digits. */
export type DecimalMark = '.' | ','

/** Where the commodity symbol was written relative to the number (`none`: no symbol). */
export type CommoditySide = 'left' | 'right' | 'none'

/**
 * How an amount was displayed, so that the formatter can write it the same way (hledger's
 * `AmountStyle`). Display only: it never changes the quantity.
 */
export interface AmountStyle {
  readonly side: CommoditySide
  /** Whether whitespace separated the symbol from the number (`10 RUB` vs `10RUB`). */
  readonly spaced: boolean
  /** For left-side symbols, whether the minus sign came before the symbol (`-$10`) or after (`$-10`). */
  readonly signBeforeSymbol: boolean
  /** The decimal mark written, or null when the number had none (`10`). `100.` has one and no decimals. */
  readonly decimalMark: DecimalMark | null
  /** The digit-group mark written (`,` `.` space or a Unicode space), or null. */
  readonly digitGroupMark: string | null
  /**
   * Digit-group sizes from the least significant group, the last size repeating
   * (`1,000,000` → [3]; `12,34,56,789` → [3, 2]). Empty when no group mark was written.
   */
  readonly digitGroupSizes: ReadonlyArray<number>
  /** Digits written after the decimal mark. */
  readonly decimalDigits: number
}

/**
 * A written amount: a money amount (`3,200,000.00 RUB`) or a goods quantity (`4 T28`, the inside
 * of `[4 T28]`). Which of the two it is depends on where it was written, not on this value.
 */
export interface AmountSyntax {
  /** Normalized decimal string (see the module invariants). */
  readonly quantity: string
  /** The commodity symbol, unquoted; `''` when none was written. */
  readonly commodity: string
  /** True when the amount was written with a leading `~` (an estimate). */
  readonly estimated: boolean
  /** The `D` directive's commodity, when none was written (display and `fmt` keep `commodity` as written). */
  readonly implied?: string
  readonly style: AmountStyle
  readonly span: Span
}

// -------------------------------------------------------------------------------------
// model: comments and tags
// -------------------------------------------------------------------------------------

/** A `name:value` tag found in a comment (hledger rules; `source:` runs to the end of the line). */
export interface Tag {
  readonly name: string
  readonly value: string
}

/** The character that opened a comment. Same-line and indented comments always use `;`. */
export type CommentMarker = ';' | '#' | '*'

/** One comment: the text after its marker (trailing whitespace removed) and the tags in it. */
export interface CommentSyntax {
  readonly span: Span
  readonly marker: CommentMarker
  readonly text: string
  readonly tags: ReadonlyArray<Tag>
}

// -------------------------------------------------------------------------------------
// model: periods and generic argument tokens
// -------------------------------------------------------------------------------------

/** The written form of a period. */
export type PeriodKind = 'year' | 'quarter' | 'month' | 'date' | 'range'

/**
 * A period: `1936`, `1936-Q2`, `1936-03`, `1936-12-31` (one day) or `1936-01-01..1937-01-01`.
 * Always a half-open interval of canonical dates `[start, endExclusive)`.
 */
export interface PeriodSyntax {
  readonly kind: PeriodKind
  readonly start: string
  readonly endExclusive: string
  readonly span: Span
}

/**
 * One whitespace-separated token of an operation or expectation line, classified generically. The
 * elaborator gives tokens their meaning by position; the parser only recognizes their shape.
 */
export type ArgToken =
  | { readonly _tag: 'Word'; readonly text: string; readonly span: Span }
  | { readonly _tag: 'String'; readonly value: string; readonly span: Span }
  | { readonly _tag: 'Amount'; readonly amount: AmountSyntax; readonly bracketed: boolean; readonly span: Span }
  | { readonly _tag: 'Percent'; readonly quantity: string; readonly style: AmountStyle; readonly span: Span }
  | { readonly _tag: 'Date'; readonly date: string; readonly span: Span }
  | { readonly _tag: 'Period'; readonly period: PeriodSyntax; readonly span: Span }
  | { readonly _tag: 'Arrow'; readonly span: Span }
  | { readonly _tag: 'At'; readonly span: Span }

// -------------------------------------------------------------------------------------
// model: sub-lines of directives and operations
// -------------------------------------------------------------------------------------

/** An indented line under a directive or operation. */
export type SubLine =
  /** `    ; text` */
  | { readonly _tag: 'SubComment'; readonly span: Span; readonly comment: CommentSyntax }
  /** `    key: value  ; comment` (the key is one word ending in `:`). */
  | {
      readonly _tag: 'KeyValue'
      readonly span: Span
      readonly key: string
      readonly value: string
      readonly comment: CommentSyntax | null
    }
  /** `    format 1,000.00 RUB` under a `commodity` directive. */
  | {
      readonly _tag: 'Format'
      readonly span: Span
      readonly amount: AmountSyntax
      readonly comment: CommentSyntax | null
    }
  /** Any other indented line, kept as written (trimmed). */
  | { readonly _tag: 'Raw'; readonly span: Span; readonly text: string; readonly comment: CommentSyntax | null }

// -------------------------------------------------------------------------------------
// model: transactions
// -------------------------------------------------------------------------------------

/** Cleared (`*`), pending (`!`) or unmarked (`''`). */
export type Status = '' | '*' | '!'

/** Balance assertion operators: `=` single commodity, `==` sole commodity, `*` includes subaccounts. */
export type BalanceOperator = '=' | '==' | '=*' | '==*'

/** `= AMOUNT` after a posting's amount; on a posting with no money amount it is an assignment. */
export interface BalanceSyntax {
  readonly operator: BalanceOperator
  readonly amount: AmountSyntax
  readonly span: Span
}

/** hledger's posting kinds: `(a)` unbalanced virtual, `[a]` balanced virtual. Absent: a real posting. */
export type VirtualKind = 'unbalanced' | 'balanced'

/** A cost after an amount: `@ UNIT` (per unit) or `@@ TOTAL` (for the whole amount). */
export interface CostSyntax {
  readonly operator: '@' | '@@'
  readonly amount: AmountSyntax
  readonly span: Span
}

/**
 * A posting line. `amount` is the money amount, `goods` the bracketed goods quantity. A posting
 * with neither is the elided (balancing) posting; a posting with only `goods` carries no money.
 */
export interface PostingSyntax {
  readonly _tag: 'Posting'
  readonly span: Span
  readonly status: Status
  readonly account: string
  readonly amount: AmountSyntax | null
  readonly goods: AmountSyntax | null
  readonly balance: BalanceSyntax | null
  /** The account after `apply account` and `alias` (lex/Scope.ts), when that differs from `account` as written. */
  readonly resolved?: string
  /** `(a)` or `[a]` (hledger's virtual postings); absent for a real posting. */
  readonly virtual?: VirtualKind
  /** `@ UNIT` or `@@ TOTAL` after the amount; absent when none was written. */
  readonly cost?: CostSyntax
  /** Lot annotations after the amount as written (`{1.10 USD} [2024-01-01]`): read as hledger does, and ignored. */
  readonly lot?: string
  /** In an auto posting rule, an amount written `*N`: the matched posting's amount times N. */
  readonly multiplier?: true
  /** The `; comment` on the posting's own line. */
  readonly comment: CommentSyntax | null
  /** Indented `; comment` lines after the posting (before the next posting). */
  readonly comments: ReadonlyArray<CommentSyntax>
}

/** `DATE[=DATE2] [*|!] [(CODE)] DESCRIPTION [; comment]` with its postings. */
export interface TransactionSyntax {
  readonly _tag: 'Transaction'
  readonly span: Span
  readonly date: string
  readonly date2: string | null
  readonly status: Status
  readonly code: string | null
  /** The whole description as written (trimmed); `payee | note` is split into the next two fields. */
  readonly description: string
  readonly payee: string
  readonly note: string | null
  readonly comment: CommentSyntax | null
  /** Indented `; comment` lines before the first posting. */
  readonly comments: ReadonlyArray<CommentSyntax>
  readonly postings: ReadonlyArray<PostingSyntax>
}

/** The interval of a periodic transaction rule; `once` for a rule without one (`~ 2024-03-15`). */
export type RecurrenceUnit = 'once' | 'day' | 'week' | 'month' | 'quarter' | 'year'

/**
 * A periodic rule's period expression, read (`journal/Recurrence.ts`): every `every` units, within `[start, end)` where
 * given.
 */
export interface RecurrenceSyntax {
  readonly unit: RecurrenceUnit
  readonly every: number
  /** First date included (YYYY-MM-DD), or null: the forecast window's start. */
  readonly start: string | null
  /** First date excluded, or null: the forecast window's end. */
  readonly end: string | null
  /** A custom start day (`every Tue`, `every 15th day of month`): the dates are its boundaries. */
  readonly anchor?: IntervalAnchor.Anchor
}

/**
 * `~ PERIOD  [DESCRIPTION]` with postings (hledger's periodic transaction rule). `transaction` holds
 * the description and postings; its `date` is empty. Used only with `--forecast`.
 */
export interface PeriodicTransactionSyntax {
  readonly _tag: 'PeriodicTransaction'
  readonly span: Span
  /** The period expression as written (after `~`, before the two spaces). */
  readonly periodText: string
  /**
   * Null for a form hledger reads but this engine does not generate (`every 2nd Monday`): `--forecast` refuses it,
   * naming it.
   */
  readonly recurrence: RecurrenceSyntax | null
  /** Where the period expression that is not generated here was written (when `recurrence` is null). */
  readonly unsupported?: { readonly span: Span }
  readonly transaction: TransactionSyntax
}

/**
 * `= QUERY` with postings (hledger's auto posting rule). `transaction` holds the postings (its date
 * and description are empty); a posting amount written `*N` is a multiplier (`multiplier: true`).
 * Used only with `--auto`.
 */
export interface AutoPostingRuleSyntax {
  readonly _tag: 'AutoPostingRule'
  readonly span: Span
  /** The query as written after `=`. */
  readonly query: string
  /**
   * Why the query does not read, and where, if it does not: `--auto` refuses the rule then (hledger reads the journal
   * without `--auto`).
   */
  readonly queryError?: { readonly reason: string; readonly span: Span }
  readonly transaction: TransactionSyntax
}

/** `DATE KEYWORD ARGS...` with no postings (shadow extension 7). */
export interface OperationSyntax {
  readonly _tag: 'Operation'
  readonly span: Span
  readonly date: string
  readonly date2: string | null
  readonly keyword: string
  readonly args: ReadonlyArray<ArgToken>
  readonly comment: CommentSyntax | null
  readonly subLines: ReadonlyArray<SubLine>
}

// -------------------------------------------------------------------------------------
// model: directives
// -------------------------------------------------------------------------------------

interface DirectiveBase {
  readonly span: Span
  /** The `; comment` on the directive's own line. */
  readonly comment: CommentSyntax | null
  /** Indented lines under the directive. */
  readonly subLines: ReadonlyArray<SubLine>
}

/** `account NAME  [; type: A, ...]` */
export interface AccountDirective extends DirectiveBase {
  readonly _tag: 'AccountDirective'
  readonly account: string
  /** The account after `apply account` and `alias`, when that differs from `account` as written. */
  readonly resolved?: string
}

/**
 * The directives that change how later lines read: `alias`, `end aliases`, `apply account`, `end apply account`, `D`.
 */
export type ScopeKeyword = 'alias' | 'end aliases' | 'apply account' | 'end apply account' | 'D'

/** One of hledger's scoping directives; the parser applies it to what follows (lex/Scope.ts). */
export interface ScopeDirective extends DirectiveBase {
  readonly _tag: 'ScopeDirective'
  readonly keyword: ScopeKeyword
  /** The argument as written (trimmed; empty for the `end` forms). */
  readonly argument: string
}

/** `commodity SYMBOL` (with an optional indented `format`) or the one-line `commodity 1,000.00 RUB`. */
export interface CommodityDirective extends DirectiveBase {
  readonly _tag: 'CommodityDirective'
  readonly commodity: string
  /** The sample amount of the one-line form, or null for `commodity SYMBOL`. */
  readonly sample: AmountSyntax | null
}

/** `decimal-mark ,` or `decimal-mark .` */
export interface DecimalMarkDirective extends DirectiveBase {
  readonly _tag: 'DecimalMarkDirective'
  readonly mark: DecimalMark
}

/** `P DATE COMMODITY AMOUNT` (a market price; kept, not used for valuation by the parser). */
export interface PriceDirective extends DirectiveBase {
  readonly _tag: 'PriceDirective'
  readonly date: string
  /** A time of day written after the date (`12:30:00`), kept for display; prices are per day. */
  readonly time?: string
  readonly commodity: string
  readonly amount: AmountSyntax
}

/** `payee NAME` */
export interface PayeeDirective extends DirectiveBase {
  readonly _tag: 'PayeeDirective'
  readonly payee: string
}

/** `include PATH`; the loader resolves the path relative to this file. */
export interface IncludeDirective extends DirectiveBase {
  readonly _tag: 'IncludeDirective'
  readonly path: string
}

/** `Y 1936` or `year 1936`: the year of later year-less dates. */
export interface YearDirective extends DirectiveBase {
  readonly _tag: 'YearDirective'
  readonly keyword: 'Y' | 'year'
  readonly year: number
}

/** `entity NAME` with optional `key: value` sub-lines (shadow extension 3). */
export interface EntityDirective extends DirectiveBase {
  readonly _tag: 'EntityDirective'
  readonly entity: string
}

/** Which kind of target a `PlanDirective` sets. */
export type PlanKeyword = 'norm' | 'plan' | 'limit'

/** `norm|plan|limit PERIOD ENTITY CATEGORY AMOUNT` (shadow extension 4). */
export interface PlanDirective extends DirectiveBase {
  readonly _tag: 'PlanDirective'
  readonly keyword: PlanKeyword
  readonly period: PeriodSyntax
  readonly entity: string
  readonly category: string
  readonly amount: AmountSyntax
  /** True when the amount was written in brackets (`[101 T28]`), i.e. explicitly as goods. */
  readonly bracketed: boolean
}

/**
 * `reported PERIOD ENTITY METRIC VALUE...`: a figure as the archival record reports it (what an
 * enterprise or an inspector said: `114%`, `[101 T28]`, `~145,137,000.00 RUB`, `306`), for the
 * rules to set against what the books show. The value tokens are read like operation arguments.
 */
export interface ReportedDirective extends DirectiveBase {
  readonly _tag: 'ReportedDirective'
  readonly period: PeriodSyntax
  readonly entity: string
  readonly metric: string
  readonly value: ReadonlyArray<ArgToken>
  /**
   * True for `restate …`: a correction in the found view that replaces the reported figures of the same entity,
   * metric and period there.
   */
  readonly restate?: boolean
}

/** `assumption ID "TEXT"`: a numbered assumption, referred to by `; assumption: ID` tags on figure lines. */
export interface AssumptionDirective extends DirectiveBase {
  readonly _tag: 'AssumptionDirective'
  readonly id: string
  readonly text: string
}

/** `count DATE ACCOUNT  QUANTITY` (shadow extension 5). */
export interface CountDirective extends DirectiveBase {
  readonly _tag: 'CountDirective'
  readonly date: string
  readonly account: string
  readonly quantity: AmountSyntax
  readonly bracketed: boolean
}

/** `param [DATE] RULE-ID.NAME VALUE...` (shadow extension 6). */
export interface ParamDirective extends DirectiveBase {
  readonly _tag: 'ParamDirective'
  readonly date: string | null
  readonly rule: string
  readonly name: string
  readonly value: ReadonlyArray<ArgToken>
}

/** `expect [no] RULE-ID ARGS...` (shadow extension 8). */
export interface ExpectationDirective extends DirectiveBase {
  readonly _tag: 'ExpectationDirective'
  readonly negated: boolean
  readonly rule: string
  readonly args: ReadonlyArray<ArgToken>
}

// -------------------------------------------------------------------------------------
// model: layout nodes and the node union
// -------------------------------------------------------------------------------------

/** An empty or whitespace-only line at top level. */
export interface BlankLine {
  readonly _tag: 'BlankLine'
  readonly span: Span
}

/** A top-level comment line (`;`, `#` or `*` at column 1, or an indented `;` line after a blank). */
export interface CommentLine {
  readonly _tag: 'CommentLine'
  readonly span: Span
  readonly indented: boolean
  readonly comment: CommentSyntax
}

/** A `comment` … `end comment` block; the lines between are kept verbatim (trailing whitespace removed). */
export interface CommentBlock {
  readonly _tag: 'CommentBlock'
  readonly span: Span
  readonly lines: ReadonlyArray<string>
}

/** Every top-level node, in file order. */
export type Node =
  | BlankLine
  | CommentLine
  | CommentBlock
  | TransactionSyntax
  | PeriodicTransactionSyntax
  | AutoPostingRuleSyntax
  | OperationSyntax
  | AccountDirective
  | CommodityDirective
  | DecimalMarkDirective
  | PriceDirective
  | PayeeDirective
  | IncludeDirective
  | YearDirective
  | ScopeDirective
  | EntityDirective
  | PlanDirective
  | ReportedDirective
  | CountDirective
  | ParamDirective
  | ExpectationDirective
  | AssumptionDirective

/** The `_tag`s of `Node`, in declaration order. */
export const nodeTags = [
  'BlankLine',
  'CommentLine',
  'CommentBlock',
  'Transaction',
  'PeriodicTransaction',
  'AutoPostingRule',
  'Operation',
  'AccountDirective',
  'CommodityDirective',
  'DecimalMarkDirective',
  'PriceDirective',
  'PayeeDirective',
  'IncludeDirective',
  'YearDirective',
  'ScopeDirective',
  'EntityDirective',
  'PlanDirective',
  'ReportedDirective',
  'CountDirective',
  'ParamDirective',
  'ExpectationDirective',
  'AssumptionDirective',
] as const satisfies ReadonlyArray<Node['_tag']>

// -------------------------------------------------------------------------------------
// operations keywords
// -------------------------------------------------------------------------------------

/**
 * The first words that make a dated line an operation (when no posting follows it). Pass another
 * set in `ParseOptions.operationKeywords` to configure it.
 */
export const OPERATION_KEYWORDS: ReadonlySet<string> = new Set([
  // plans, norms and limits dated as revisions, and dated physical counts (undated `plan`,
  // `norm`, `limit` and `count` at the start of a line stay directives)
  'plan',
  'norm',
  'limit',
  'count',
  // production
  'receive',
  'launch',
  'issue',
  'wages',
  'bonus',
  'pay-wages',
  'complete',
  'otk-reject',
  'ship',
  // payment demands (acceptance form of payment)
  'demand',
  'credit-documents',
  'accept',
  'refuse',
  'lapse',
  'pay',
  'reverse',
  'divert',
  // military acceptance, claims, rework, contracts
  'provisional-accept',
  'final-accept',
  'final-reject',
  'claim',
  'answer',
  'rework',
  'contract',
  'revise',
  // credit
  'loan',
  'interest',
  'repay',
  'refinance',
  'bill',
  // settlement accounts
  'freeze',
  'unfreeze',
])
