/**
 * Findings: what a rule found, where, by how much, against which threshold, and on what
 * evidence. A finding is data; `message` is one plain sentence for people.
 */
import {
  type AccountName,
  Amount,
  type Citation,
  Commodity,
  type Entity,
  type Interval,
  LocalDate,
  type Period,
  Quantity,
  type Rate,
  type SourceSpan,
  type Transaction,
} from '../core/index.js'
import {
  type AppliedOperation,
  type Books,
  type DocumentId,
  history,
  type PlanLine,
  type PlanRevision,
} from '../domain/Books.js'
import type { ReportedFigure } from '../domain/Statements.js'
import { Plans } from '../measures/index.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How serious a finding is. */
export type Severity = 'info' | 'warn' | 'critical'
/** Every severity, least serious first. */
export const severities: ReadonlyArray<Severity> = ['info', 'warn', 'critical']

/** 0 for info, 1 for warn, 2 for critical. */
export const severityRank = (severity: Severity): number => (severity === 'critical' ? 2 : severity === 'warn' ? 1 : 0)

/** The more serious of two severities. */
export const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) >= severityRank(b) ? a : b)

/**
 * A measured value: a money amount or goods quantity, a percentage (two decimals), a plain number, or a count of days.
 */
export type MeasureValue =
  | { readonly _tag: 'Amount'; readonly amount: Amount.Amount }
  /** A percentage in percent points (`12.80` = 12.80 %). */
  | { readonly _tag: 'Percent'; readonly percent: Rate.PercentPoints }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity }
  /** A hedged figure as its source wrote it (`< 100 %`, `> 6,000,000.00 RUB`), with the interval it allows. */
  | { readonly _tag: 'Interval'; readonly written: string; readonly interval: Interval.Interval }
  /** A measure whose input is absent from the books: `not computable: no realized sales`, never zero. */
  | { readonly _tag: 'NotComputable'; readonly missing: string }

/** A named value a finding measured (`excess`, `ratio`, `units`). */
export interface Measure {
  readonly key: string
  readonly value: MeasureValue
}

/** The threshold a finding crossed: a sentence (`ratio ≥ 50.00 %`) and the limit as a value. */
export interface Threshold {
  readonly text: string
  readonly value?: MeasureValue
}

/** One piece of evidence: where it was written, its archival citations, and what it shows. */
export interface Evidence {
  readonly file: string
  readonly line: number
  readonly endLine: number
  readonly citations: ReadonlyArray<Citation.Citation>
  readonly what: string
  /** True when the figure it shows is approximate. */
  readonly estimated: boolean
}

/**
 * What a rule found: severity, where and when, the gap in money and units, measures, the threshold crossed, and the
 * evidence.
 */
export interface Finding {
  readonly rule: string
  readonly severity: Severity
  readonly entity?: Entity.EntityName
  readonly period?: Period.Period
  /** The date the finding is about (as-of date, document date, or the period's last day). */
  readonly date: LocalDate.LocalDate
  readonly accounts: ReadonlyArray<AccountName.AccountName>
  readonly documents: ReadonlyArray<DocumentId>
  readonly lots: ReadonlyArray<DocumentId>
  readonly moneyGap?: Amount.Amount
  readonly unitGap?: Amount.Amount
  readonly measures: ReadonlyArray<Measure>
  readonly threshold: Threshold
  readonly evidence: ReadonlyArray<Evidence>
  /** True when any input figure is approximate. */
  readonly estimated: boolean
  /**
   * For a finding on hedged figures: `certain` when its condition holds over the whole interval of
   * every input, `possible` when only over part of it. Absent when the inputs are exact.
   */
  readonly verdict?: 'certain' | 'possible'
  readonly message: string
}

// -------------------------------------------------------------------------------------
// measure constructors
// -------------------------------------------------------------------------------------

/** A measure holding a money amount or goods quantity. */
export const amountMeasure = (
  key: string,
  quantity: Quantity.Quantity,
  commodity: Commodity.CommoditySymbol,
): Measure => ({
  key,
  value: { _tag: 'Amount', amount: Amount.make(quantity, commodity) },
})
/** A measure holding a percentage. */
export const percentMeasure = (key: string, percent: Rate.PercentPoints): Measure => ({
  key,
  value: { _tag: 'Percent', percent },
})
/** A measure holding a plain number. */
export const numberMeasure = (key: string, value: Quantity.Quantity): Measure => ({
  key,
  value: { _tag: 'Number', value },
})

/** The measure named `key`, if any. */
export const measureOf = (finding: Finding, key: string): MeasureValue | undefined =>
  finding.measures.find((measure) => measure.key === key)?.value

// -------------------------------------------------------------------------------------
// display
// -------------------------------------------------------------------------------------

const grouped: Commodity.DisplayStyle = { side: 'right', spaced: true, decimalMark: '.', groupMark: ',', precision: 2 }
const groupedUnits: Commodity.DisplayStyle = { ...grouped, precision: 0 }

/** `53,765,000.00 RUB` (exact; never rounds away digits). */
export const showMoney = (quantity: Quantity.Quantity, commodity: Commodity.CommoditySymbol): string =>
  Commodity.format(quantity, { symbol: commodity, style: grouped })

/** `101 T28`. */
export const showUnits = (quantity: Quantity.Quantity, commodity: Commodity.CommoditySymbol): string =>
  Commodity.format(quantity, { symbol: commodity, style: groupedUnits })

/** `58.84 %`. */
export const showPercent = (percent: Rate.PercentPoints): string =>
  `${Commodity.formatNumber(percent, { ...grouped, precision: 2 })} %`

/**
 * Whether a symbol names money for display: ISO codes of currencies a ledger of this period
 * uses, or a currency sign. Display only; the books know each commodity's kind.
 */
const moneySymbol = /^(RUB|SUR|USD|EUR|GBP|CHF|FRF|DEM|JPY|CNY)$|^[$€£₽¥]/u
const isMoneySymbol = (symbol: string): boolean => moneySymbol.test(symbol)

/** A measured value for people: `53,765,000.00 RUB`, `58.84 %`, `101`. */
export const showMeasureValue = (value: MeasureValue): string => {
  switch (value._tag) {
    case 'Amount':
      return isMoneySymbol(value.amount.commodity) || Quantity.scaleOf(value.amount.quantity) > 0
        ? showMoney(value.amount.quantity, value.amount.commodity)
        : showUnits(value.amount.quantity, value.amount.commodity)
    case 'Percent':
      return showPercent(value.percent)
    case 'Number':
      return Quantity.toString(value.value)
    case 'Interval':
      return value.written
    case 'NotComputable':
      return `not computable: no ${value.missing}`
  }
}

/** A measure holding a hedged figure as written. */
export const intervalMeasure = (key: string, written: string, interval: Interval.Interval): Measure => ({
  key,
  value: { _tag: 'Interval', written, interval },
})
/** A measure that cannot be computed because an input is absent from the books. */
export const notComputableMeasure = (key: string, missing: string): Measure => ({
  key,
  value: { _tag: 'NotComputable', missing },
})

// -------------------------------------------------------------------------------------
// evidence
// -------------------------------------------------------------------------------------

const fromSpan = (
  span: SourceSpan.SourceSpan,
  citations: ReadonlyArray<Citation.Citation>,
  what: string,
  estimated: boolean,
): Evidence => ({
  file: span.file,
  line: span.line,
  endLine: span.endLine,
  citations,
  what,
  estimated,
})

/** Citations of a transaction and of its postings, de-duplicated by text. */
const transactionCitations = (transaction: Transaction.Transaction): ReadonlyArray<Citation.Citation> => {
  const seen = new Map<string, Citation.Citation>()
  for (const citation of transaction.citations) seen.set(citation.text, citation)
  for (const posting of transaction.postings)
    for (const citation of posting.citations) if (!seen.has(citation.text)) seen.set(citation.text, citation)
  return [...seen.values()]
}

/** Evidence from a ledger transaction. */
export const transactionEvidence = (
  transaction: Transaction.Transaction,
  what: string = transaction.description,
): Evidence =>
  fromSpan(transaction.span, transactionCitations(transaction), `${transaction.date} ${what}`, transaction.estimated)

/** Evidence from an applied operation (by its index in `history(books)`). */
export const operationEvidence = (books: Books, index: number, what: string): Evidence | undefined => {
  const applied: AppliedOperation | undefined = history(books)[index]
  if (applied === undefined) return undefined
  return fromSpan(applied.span, applied.citations, what, applied.estimated)
}

/** Evidence from the operations that created or changed a document. */
export const documentEvidence = (
  books: Books,
  document: { readonly id: DocumentId; readonly kind: string; readonly events: ReadonlyArray<number> },
  what?: string,
): ReadonlyArray<Evidence> =>
  document.events.flatMap((index) => {
    const applied = history(books)[index]
    if (applied === undefined) return []
    return [
      fromSpan(
        applied.span,
        applied.citations,
        what ?? `${document.kind} ${document.id}: ${applied.operation._tag}`,
        applied.estimated,
      ),
    ]
  })

/** Evidence from a plan line's revision. */
export const planEvidence = (
  books: Books,
  line: PlanLine,
  revision: PlanRevision,
  commodity: Commodity.CommoditySymbol,
): Evidence => {
  const what =
    `${line.item._tag} ${line.period.label} (${line.entity}): ${showMoney(revision.amount, commodity)} ` +
    `set ${revision.date}`
  const estimated = Plans.revisionEstimated(revision)
  const applied = history(books)[revision.operation]
  if (applied === undefined) return { file: '<plan>', line: 0, endLine: 0, citations: [], what, estimated }
  return fromSpan(applied.span, applied.citations, what, estimated)
}

/** Evidence from a reported figure. */
export const reportedEvidence = (figure: ReportedFigure, what: string): Evidence =>
  fromSpan(figure.span, figure.citations, what, figure.estimated)

/** Orders evidence by file and line and keeps one item per source line (items without a line are kept per text). */
export const normalizeEvidence = (evidence: ReadonlyArray<Evidence>): ReadonlyArray<Evidence> => {
  const seen = new Set<string>()
  const result: Evidence[] = []
  for (const item of evidence) {
    const key = item.line > 0 ? `${item.file}\u0000${item.line}` : `${item.file}\u0000${item.line}\u0000${item.what}`
    if (seen.has(key)) continue
    seen.add(key)
    result.push(item)
  }
  return result.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0),
  )
}

// -------------------------------------------------------------------------------------
// order
// -------------------------------------------------------------------------------------

const text = (a: string | undefined, b: string | undefined): number =>
  (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0

/** Severity descending, then rule id, entity, date, first evidence (file, line), first document, message. */
export const compareFindings = (a: Finding, b: Finding): number => {
  const severity = severityRank(b.severity) - severityRank(a.severity)
  if (severity !== 0) return severity
  const first = a.evidence[0]
  const second = b.evidence[0]
  return (
    text(a.rule, b.rule) ||
    text(a.entity, b.entity) ||
    LocalDate.compare(a.date, b.date) ||
    text(first?.file, second?.file) ||
    (first?.line ?? 0) - (second?.line ?? 0) ||
    text(a.documents[0], b.documents[0]) ||
    text(a.lots[0], b.lots[0]) ||
    text(a.message, b.message)
  )
}
