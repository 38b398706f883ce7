/**
 * The scanning state over one file's text and its position-level scans: lines, spans, errors, blanks, comments, dates,
 * periods, words.
 */

import { yearMax, yearMin } from '../limits.js'
import type { ParseError } from '../ParseError.js'
import type {
  AmountStyle,
  CommentMarker,
  CommentSyntax,
  DecimalMark,
  PeriodKind,
  PeriodSyntax,
  Span,
} from '../Syntax.js'
import {
  CODE_0,
  CODE_DOT,
  CODE_MINUS,
  CODE_SEMICOLON,
  CODE_SLASH,
  daysInMonth,
  type ErrorFacts,
  isBlank,
  isDigit,
  type NumberStyle,
  nextDay,
  parseTags,
  showDate,
} from './Chars.js'
import type { Alias } from './Scope.js'

/** The scanning state over one file's text; `Lexer` adds numbers, amounts, accounts and arguments. */
export class Scanner {
  /** Offset of the current line's first character. */
  protected lineStart = 0
  /** Offset just past the current line's content (before `\r\n` or `\n`). */
  protected lineEnd = 0
  /** Offset of the next line's first character (past the line break). */
  protected nextLineStart = 0
  /** 1-based number of the current line. */
  protected lineNumber = 0
  /** Scanning position, always within the current line. */
  protected pos = 0
  /** The first error met in the current block, if any. */
  protected error: ParseError | null = null

  /** State set by directives as the file is read. */
  protected decimalMark: DecimalMark | null = null
  protected readonly commodityStyles = new Map<string, NumberStyle>()
  protected readonly declaredCommodities = new Set<string>()
  protected year: number | null = null
  /** `alias` directives in force, oldest first; `apply account` prefixes, outermost first (lex/Scope.ts). */
  protected aliases: Alias[] = []
  protected accountPrefixes: string[] = []
  /** The `D` directive's commodity, given to amounts written without one. */
  protected defaultCommodity: string | null = null

  /**
   * True while reading a `commodity`/`format` sample: it declares a style, so it is not checked
   * against earlier declarations (which still settle an ambiguous mark, as in hledger).
   */
  protected declaringStyle = false

  protected readonly accountNames = new Map<string, string>()
  /** An interned account name by a hash of its characters (the first name seen with that hash). */
  protected readonly accountsByHash = new Map<number, string>()
  protected readonly symbols = new Map<string, string>()
  protected lastSymbol: string | null = null
  protected lastDate: string | null = null
  protected lastStyle: AmountStyle | null = null

  /** `name` as the one interned string for that account name. */
  protected internAccount(name: string): string {
    const known = this.accountNames.get(name)
    if (known !== undefined) return known
    this.accountNames.set(name, name)
    return name
  }

  constructor(
    protected readonly file: string,
    /**
     * The text being read: the whole file, or (reading in pieces, `ParseEachOptions.more`) the current window of it.
     */
    protected text: string,
  ) {}

  // -----------------------------------------------------------------------------------
  // positions and errors
  // -----------------------------------------------------------------------------------

  /** The span of one character offset on the current line. */
  protected spanAt(offset: number): Span {
    return { file: this.file, line: this.lineNumber, column: offset - this.lineStart + 1, endLine: this.lineNumber }
  }

  /** Records an error at `offset` of the current line (if none is recorded yet) and returns null. */
  protected fail(offset: number, facts: ErrorFacts): null {
    if (this.error === null) this.error = { ...facts, span: this.spanAt(offset) } as ParseError
    return null
  }

  /** The text from `start` to the next blank (or `end`). */
  protected wordAt(start: number, end: number): string {
    let index = start
    while (index < end && !isBlank(this.text.charCodeAt(index))) index += 1
    return this.text.slice(start, index)
  }

  protected skipBlanks(start: number, end: number): number {
    let index = start
    while (index < end && isBlank(this.text.charCodeAt(index))) index += 1
    return index
  }

  /** End of `[start, end)` with trailing blanks removed. */
  protected trimEnd(start: number, end: number): number {
    let index = end
    while (index > start && isBlank(this.text.charCodeAt(index - 1))) index -= 1
    return index
  }

  // -----------------------------------------------------------------------------------
  // comments
  // -----------------------------------------------------------------------------------

  /** A comment whose marker is at `markerOffset` and which runs to `end`. */
  protected comment(markerOffset: number, end: number, marker: CommentMarker): CommentSyntax {
    const text = this.text.slice(markerOffset + 1, this.trimEnd(markerOffset + 1, end))
    return { span: this.spanAt(markerOffset), marker, text, tags: parseTags(text) }
  }

  /**
   * An optional same-line comment at `start` (after blanks) to `end`; any other text there is an
   * `UnexpectedText` error. Returns the comment, `undefined` when there is none, or null on error.
   */
  protected trailingComment(start: number, end: number): CommentSyntax | null | undefined {
    const index = this.skipBlanks(start, end)
    if (index >= end) return undefined
    if (this.text.charCodeAt(index) === CODE_SEMICOLON) return this.comment(index, end, ';')
    return this.fail(index, { _tag: 'UnexpectedText', text: this.text.slice(index, this.trimEnd(index, end)) })
  }

  // -----------------------------------------------------------------------------------
  // dates and periods
  // -----------------------------------------------------------------------------------

  /**
   * A date at `start`: `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD` (one-digit months and days
   * allowed, the same separator twice), or, when `yearlessAllowed`, `MM-DD` completed with
   * `defaultYear` (or, when that is null, the `Y` directive's year). Returns the canonical date.
   * The caller checks what follows the date.
   */
  protected scanDate(
    start: number,
    end: number,
    yearlessAllowed: boolean,
    defaultYear: number | null = null,
  ): string | null {
    const text = this.text
    let index = start
    let first = 0
    while (index < end && isDigit(text.charCodeAt(index)) && index - start < 5) {
      first = first * 10 + text.charCodeAt(index) - CODE_0
      index += 1
    }
    const firstLength = index - start
    const separator = index < end ? text.charCodeAt(index) : -1
    const tokenText = (): string => this.wordAt(start, end)
    if (firstLength === 0 || (separator !== CODE_MINUS && separator !== CODE_SLASH && separator !== CODE_DOT)) {
      return this.fail(start, { _tag: 'InvalidDate', text: tokenText(), reason: 'syntax' })
    }
    index += 1
    const secondStart = index
    let second = 0
    while (index < end && isDigit(text.charCodeAt(index)) && index - secondStart < 3) {
      second = second * 10 + text.charCodeAt(index) - CODE_0
      index += 1
    }
    const secondLength = index - secondStart
    if (secondLength === 0 || secondLength > 2) {
      return this.fail(start, { _tag: 'InvalidDate', text: tokenText(), reason: 'syntax' })
    }
    let year: number
    let month: number
    let day: number
    if (index + 1 < end && text.charCodeAt(index) === separator && isDigit(text.charCodeAt(index + 1))) {
      index += 1
      const thirdStart = index
      day = 0
      while (index < end && isDigit(text.charCodeAt(index)) && index - thirdStart < 3) {
        day = day * 10 + text.charCodeAt(index) - CODE_0
        index += 1
      }
      if (firstLength !== 4 || index - thirdStart > 2) {
        return this.fail(start, { _tag: 'InvalidDate', text: tokenText(), reason: 'syntax' })
      }
      year = first
      month = second
    } else {
      if (firstLength > 2) return this.fail(start, { _tag: 'InvalidDate', text: tokenText(), reason: 'syntax' })
      if (!yearlessAllowed) return this.fail(start, { _tag: 'InvalidDate', text: tokenText(), reason: 'syntax' })
      const impliedYear = defaultYear ?? this.year
      if (impliedYear === null) {
        return this.fail(start, {
          _tag: 'NotSupported',
          feature: 'year-less dates without a year directive',
          name: this.text.slice(start, index),
        })
      }
      year = impliedYear
      month = first
      day = second
    }
    if (year < yearMin || year > yearMax)
      return this.fail(start, { _tag: 'InvalidDate', text: this.text.slice(start, index), reason: 'year' })
    if (month < 1 || month > 12)
      return this.fail(start, { _tag: 'InvalidDate', text: this.text.slice(start, index), reason: 'month' })
    if (day < 1 || day > daysInMonth(year, month)) {
      return this.fail(start, { _tag: 'InvalidDate', text: this.text.slice(start, index), reason: 'day' })
    }
    this.pos = index
    // The common case, already canonical: the same date as the last one read (a sorted journal
    // repeats each date) costs no string, another one slice.
    if (index - start === 10 && separator === CODE_MINUS) {
      const last = this.lastDate
      if (last !== null && text.startsWith(last, start)) return last
      const date = text.slice(start, index)
      this.lastDate = date
      return date
    }
    return showDate(year, month, day)
  }

  /** The offset of `code` in `[start, end)`, or -1 (a bounded `indexOf`: never looks past the line). */
  protected indexOfCode(code: number, start: number, end: number): number {
    for (let index = start; index < end; index += 1) if (this.text.charCodeAt(index) === code) return index
    return -1
  }

  /** Whether a blank or the end follows `index`: the end of a token. */
  protected isTokenEnd(index: number, end: number): boolean {
    return index >= end || isBlank(this.text.charCodeAt(index))
  }

  /**
   * A period token at `start` ending at a blank or `end`: `YYYY` (when `bareYearAllowed`),
   * `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD` or `DATE..DATE`. Returns undefined (no error) when the
   * token does not start with four digits and a separator (or, for a bare year, is not four digits).
   */
  protected tryScanPeriod(start: number, end: number, bareYearAllowed: boolean): PeriodSyntax | null | undefined {
    const text = this.text
    const tokenEnd = this.wordEndAt(start, end)
    const token = (): string => text.slice(start, tokenEnd)
    let index = start
    let year = 0
    while (index < tokenEnd && isDigit(text.charCodeAt(index)) && index - start < 5) {
      year = year * 10 + text.charCodeAt(index) - CODE_0
      index += 1
    }
    if (index - start !== 4) return undefined
    const span = this.spanAt(start)
    const make = (kind: PeriodKind, periodStart: string, endExclusive: string): PeriodSyntax => {
      this.pos = tokenEnd
      return { kind, start: periodStart, endExclusive, span }
    }
    if (index === tokenEnd) {
      if (!bareYearAllowed) return undefined
      if (year < yearMin || year >= yearMax)
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      return make('year', showDate(year, 1, 1), showDate(year + 1, 1, 1))
    }
    const separator = text.charCodeAt(index)
    if (separator !== CODE_MINUS && separator !== CODE_SLASH && separator !== CODE_DOT) return undefined
    let range = this.indexOfCode(CODE_DOT, start, tokenEnd)
    while (range !== -1 && text.charCodeAt(range + 1) !== CODE_DOT)
      range = this.indexOfCode(CODE_DOT, range + 1, tokenEnd)
    if (range !== -1 && range + 1 < tokenEnd) {
      const from = this.scanDate(start, range, false)
      if (from === null || this.pos !== range) {
        this.error = null
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      }
      const to = this.scanDate(range + 2, tokenEnd, false)
      if (to === null || this.pos !== tokenEnd) {
        this.error = null
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      }
      if (to <= from) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'emptyRange' })
      return make('range', from, to)
    }
    const next = index + 1 < tokenEnd ? text.charCodeAt(index + 1) : -1
    if (separator === CODE_MINUS && (next === 81 || next === 113)) {
      // 'Q' or 'q'
      const quarter = index + 3 === tokenEnd ? text.charCodeAt(index + 2) - CODE_0 : -1
      if (quarter < 1 || quarter > 4)
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'quarter' })
      if (year < yearMin || year > yearMax)
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      const month = (quarter - 1) * 3 + 1
      return make(
        'quarter',
        showDate(year, month, 1),
        month === 10 ? showDate(year + 1, 1, 1) : showDate(year, month + 3, 1),
      )
    }
    // YYYY-MM or a full date.
    let month = 0
    let monthIndex = index + 1
    while (monthIndex < tokenEnd && isDigit(text.charCodeAt(monthIndex)) && monthIndex - index <= 2) {
      month = month * 10 + text.charCodeAt(monthIndex) - CODE_0
      monthIndex += 1
    }
    if (monthIndex === tokenEnd && monthIndex - index - 1 >= 1 && monthIndex - index - 1 <= 2) {
      if (month < 1 || month > 12) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'month' })
      if (year < yearMin || year > yearMax)
        return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      return make(
        'month',
        showDate(year, month, 1),
        month === 12 ? showDate(year + 1, 1, 1) : showDate(year, month + 1, 1),
      )
    }
    const date = this.scanDate(start, tokenEnd, false)
    if (date === null) return null
    if (this.pos !== tokenEnd) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
    return make('date', date, nextDay(date))
  }

  /** The offset of the next blank at or after `start` (or `end`). */
  protected wordEndAt(start: number, end: number): number {
    let index = start
    while (index < end && !isBlank(this.text.charCodeAt(index))) index += 1
    return index
  }
}
