/**
 * What rules need to read hedged figures: a statement value as an exact interval (the `~`
 * tolerance applied), the figure as written for findings, verdicts against thresholds, and the
 * normalized source of a citation (for source conflicts).
 */
import * as E from 'fp-ts/lib/Either.js'
import { type Citation, Interval, LocalDate, Quantity, Rate } from '../core/index.js'
import type { FigureUnit, ReportedFigure, StatementValue } from '../domain/Statements.js'
import {
  intervalMeasure,
  type Measure,
  notComputableMeasure,
  percentMeasure,
  showMoney,
  showPercent,
  showUnits,
} from './Finding.js'

/** The default tolerance of a `~` figure, in percent: `~X` is X·(1 ± 5 %). */
export const defaultTolerancePercent: Rate.PercentPoints = Rate.percentPoints(Quantity.unsafeFromInteger(5))

/** A figure read for comparison: its interval, what it counts, and how the source wrote it. */
export interface Reading {
  readonly interval: Interval.Interval
  readonly unit: FigureUnit
  readonly written: string
}

const around = (
  point: Quantity.Quantity,
  estimated: boolean,
  tolerancePercent: Rate.PercentPoints,
): Interval.Interval => {
  if (!estimated) return Interval.exact(point)
  const interval = Interval.approximate(point, Rate.toFraction(Rate.percentPoints(Quantity.abs(tolerancePercent))))
  return E.isRight(interval) ? interval.right : Interval.exact(point)
}

/**
 * A figure as its source wrote it, for messages: `~6,000,000.00 RUB`, `[101 T28]` as `101 T28`, `12.8 %`,
 * `> 6,000,000.00 RUB`.
 */
export const writtenOf = (value: StatementValue): string => {
  switch (value._tag) {
    case 'Amount': {
      const shown =
        Quantity.scaleOf(value.amount.quantity) > 0 || /^[A-Z]{3}$/u.test(value.amount.commodity)
          ? showMoney(value.amount.quantity, value.amount.commodity)
          : showUnits(value.amount.quantity, value.amount.commodity)
      return value.estimated ? `~${shown}` : shown
    }
    case 'Percent':
      return `${value.estimated ? '~' : ''}${showPercent(value.percent)}`
    case 'Number':
      return Quantity.toString(value.value)
    case 'Date':
      return value.date
    case 'Word':
      return value.word
    case 'Figure':
      return value.figure.written
  }
}

/**
 * A statement value as an interval with its unit, `~` read as ± `tolerancePercent` %; undefined
 * for words (they are compared as text).
 */
export const readingOf = (
  value: StatementValue,
  tolerancePercent: Rate.PercentPoints = defaultTolerancePercent,
): Reading | undefined => {
  const written = writtenOf(value)
  switch (value._tag) {
    case 'Amount':
      return {
        interval: around(value.amount.quantity, value.estimated, tolerancePercent),
        unit: { _tag: 'Amount', commodity: value.amount.commodity, bracketed: false },
        written,
      }
    case 'Percent':
      return { interval: around(value.percent, value.estimated, tolerancePercent), unit: { _tag: 'Percent' }, written }
    case 'Number':
      return { interval: Interval.exact(value.value), unit: { _tag: 'Number' }, written }
    case 'Date':
      return {
        interval: Interval.exact(Quantity.unsafeFromInteger(LocalDate.toDayNumber(value.date))),
        unit: { _tag: 'Date' },
        written,
      }
    case 'Figure':
      return { interval: value.figure.interval, unit: value.figure.unit, written }
    case 'Word':
      return undefined
  }
}

/** Whether two readings count the same thing (money or goods of one commodity, percent, number, date). */
export const sameUnit = (a: FigureUnit, b: FigureUnit): boolean =>
  a._tag === b._tag && (a._tag !== 'Amount' || (b._tag === 'Amount' && a.commodity === b.commodity))

/** A distance between readings in their unit, for people: `100 T26`, `3.00 %`, `59 days`. */
export const showGap = (gap: Quantity.Quantity, unit: FigureUnit): string => {
  switch (unit._tag) {
    case 'Amount':
      return Quantity.scaleOf(gap) > 0 || /^[A-Z]{3}$/u.test(unit.commodity)
        ? showMoney(gap, unit.commodity)
        : showUnits(gap, unit.commodity)
    case 'Percent':
      return `${showPercent(Rate.percentPoints(gap))} points`
    case 'Number':
      return Quantity.toString(gap)
    case 'Date':
      return `${Quantity.toString(gap)} days`
  }
}

// -------------------------------------------------------------------------------------
// sources
// -------------------------------------------------------------------------------------

/**
 * The normalized source of a citation. An archival reference is keyed by archive (case and dots
 * ignored), fond (without its `P-` series letter), opis, delo and folio, so that `TsGIA SPb.
 * F.P-960, Op.7, D.5, 4`, `TsGIA SPB F. P-960, Op. 7, D. 5, 4` and `TsGIA SPb F. 960, Op.7, D.5,
 * l. 4` are one source, while TsGA and TsGIA, or two folios of one file (two speakers), stay
 * different. Free text is keyed by its words, case and punctuation ignored.
 */
export const sourceKey = (citation: Citation.Citation): string => {
  if (citation.delo === undefined)
    return `text|${citation.text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()}`
  const archive = (citation.archive ?? '').toLowerCase().replace(/\./gu, '').replace(/\s+/gu, ' ').trim()
  const fond = (citation.fond ?? '').replace(/^[PpРр]-/u, '')
  const folio = (citation.folio ?? '').toLowerCase().replace(/^l+\.\s*/u, '')
  return `archive|${archive}|${fond}|${citation.opis ?? ''}|${citation.delo}|${folio}`
}

/**
 * The normalized sources of a reported figure: its citations' keys, or (without citations) a source of its own line.
 */
export const sourcesOf = (figure: ReportedFigure): ReadonlySet<string> =>
  figure.citations.length === 0
    ? new Set([`line|${figure.span.file}|${figure.span.line}`])
    : new Set(figure.citations.map(sourceKey))

// -------------------------------------------------------------------------------------
// percentages read by rules
// -------------------------------------------------------------------------------------

/**
 * A percentage a rule reads (a reported figure, or a measure computed from the books): exact, hedged
 * (a bound, range or `~`, with the interval it allows), or not computable (the books lack the
 * input; never read as zero).
 */
export type PercentReading =
  | { readonly _tag: 'Exact'; readonly percent: Rate.PercentPoints }
  | { readonly _tag: 'Hedged'; readonly reading: Reading }
  | { readonly _tag: 'NotComputable'; readonly missing: string }

/**
 * A reported percentage figure as a reading; undefined when the figure is not a percentage (or a number read as one).
 */
export const percentReadingOf = (
  figure: ReportedFigure | undefined,
  tolerancePercent: Rate.PercentPoints = defaultTolerancePercent,
): PercentReading | undefined => {
  if (figure === undefined) return undefined
  const reading = readingOf(figure.value, tolerancePercent)
  if (reading === undefined || (reading.unit._tag !== 'Percent' && reading.unit._tag !== 'Number')) return undefined
  if (reading.interval.kind === 'exact') {
    const point = Interval.pointOf(reading.interval)
    if (point !== undefined) return { _tag: 'Exact', percent: Rate.percentPoints(point) }
  }
  return { _tag: 'Hedged', reading }
}

/** The verdict of `reading OP threshold`: exact readings are certain or never, not-computable ones undecidable. */
export const percentVerdict = (
  reading: PercentReading,
  comparison: Interval.Comparison,
  threshold: Quantity.Quantity,
): Interval.Verdict => {
  switch (reading._tag) {
    case 'Exact':
      return Interval.holds(reading.percent, comparison, threshold) ? 'certain' : 'never'
    case 'Hedged':
      return Interval.verdict(reading.reading.interval, comparison, threshold)
    case 'NotComputable':
      return 'undecidable'
  }
}

/** The reading as a finding's measure: a percentage, the hedged figure as written, or "not computable: no …". */
export const percentReadingMeasure = (key: string, reading: PercentReading): Measure => {
  switch (reading._tag) {
    case 'Exact':
      return percentMeasure(key, reading.percent)
    case 'Hedged':
      return intervalMeasure(key, reading.reading.written, reading.reading.interval)
    case 'NotComputable':
      return notComputableMeasure(key, reading.missing)
  }
}

/** The reading for a sentence: `58.84 %`, `<100%`, `not computable (no realized sales)`. */
export const showPercentReading = (reading: PercentReading): string => {
  switch (reading._tag) {
    case 'Exact':
      return showPercent(reading.percent)
    case 'Hedged':
      return reading.reading.written
    case 'NotComputable':
      return `not computable (no ${reading.missing})`
  }
}
