/**
 * Character-level scanning of journal text: dates, periods, numbers, amounts, commodity symbols,
 * account names, comments and tags, and the generic argument tokens of operations and expectations.
 *
 * The lexer works by index over the whole file text with `charCodeAt`; it never splits the file
 * into lines and allocates strings only for the tokens it returns. Every loop advances an index
 * bounded by the current line's end, so scanning is linear in the input. There are no regular
 * expressions.
 *
 * Convention: a scanning method returns its value and sets `pos` just past what it consumed, or
 * returns `null` after recording an error in `error` (the first error of a block wins), or, for
 * the `try…` methods, returns `undefined` when the text does not have that shape at all.
 */
import { hedgedBracketEnd } from './Uncertain.js'
import {
  accountNameLengthMax,
  commoditySymbolLengthMax,
  quantityDigitsMax,
  yearMax,
  yearMin,
} from './limits.js'
import type { ParseError } from './ParseError.js'
import type {
  AmountStyle,
  AmountSyntax,
  ArgToken,
  CommentMarker,
  CommentSyntax,
  CommoditySide,
  DecimalMark,
  PeriodKind,
  PeriodSyntax,
  Span,
  Tag,
} from './Syntax.js'

// -------------------------------------------------------------------------------------
// character classes
// -------------------------------------------------------------------------------------

/** The character code of a tab. */
export const CODE_TAB = 9
/** The character code of a line feed. */
export const CODE_LF = 10
/** The character code of a carriage return. */
export const CODE_CR = 13
/** The character code of a space. */
export const CODE_SPACE = 32
const CODE_QUOTE = 34 // "
const CODE_HASH = 35 // #
const CODE_PERCENT = 37 // %
const CODE_LPAREN = 40 // (
const CODE_RPAREN = 41 // )
const CODE_STAR = 42 // *
const CODE_PLUS = 43 // +
const CODE_COMMA = 44 // ,
const CODE_MINUS = 45 // -
const CODE_DOT = 46 // .
const CODE_SLASH = 47 // /
const CODE_0 = 48
const CODE_9 = 57
const CODE_COLON = 58 // :
const CODE_SEMICOLON = 59 // ;
const CODE_EQUALS = 61 // =
const CODE_GREATER = 62 // >
const CODE_AT = 64 // @
const CODE_LBRACKET = 91 // [
const CODE_RBRACKET = 93 // ]
const CODE_LBRACE = 123 // {
const CODE_RBRACE = 125 // }
const CODE_TILDE = 126 // ~
const CODE_BANG = 33 // !
const CODE_NBSP = 0xa0
const CODE_THIN_SPACE = 0x2009
const CODE_NARROW_NBSP = 0x202f

/** True for the character codes of the ASCII digits `0`–`9`. */
export const isDigit = (code: number): boolean => code >= CODE_0 && code <= CODE_9

/** Space or tab: the only characters that separate tokens on a line. */
export const isBlank = (code: number): boolean => code === CODE_SPACE || code === CODE_TAB

const isDecimalMarkCode = (code: number): boolean => code === CODE_DOT || code === CODE_COMMA

/** Characters accepted as digit-group marks: `.` `,` space, no-break, thin and narrow no-break spaces. */
const isGroupMarkCode = (code: number, spacesAllowed: boolean): boolean =>
  code === CODE_DOT ||
  code === CODE_COMMA ||
  (spacesAllowed && (code === CODE_SPACE || code === CODE_NBSP || code === CODE_THIN_SPACE || code === CODE_NARROW_NBSP))

const isUnicodeSpace = (code: number): boolean =>
  code <= CODE_SPACE ||
  code === CODE_NBSP ||
  (code >= 0x2000 && code <= 0x200b) ||
  code === CODE_NARROW_NBSP ||
  code === 0x205f ||
  code === 0x3000 ||
  code === 0xfeff

/**
 * Whether a character may appear in an unquoted commodity symbol. Excluded: whitespace and control
 * characters, digits unless `digitsAllowed`, and `- + . , @ * ; " { } [ ] ( ) = ~ %` (hledger's
 * list plus the characters our extensions give meaning to).
 */
const isBareSymbolCode = (code: number, digitsAllowed: boolean): boolean => {
  if (isUnicodeSpace(code) || code === 0x7f) return false
  if (isDigit(code)) return digitsAllowed
  switch (code) {
    case CODE_MINUS:
    case CODE_PLUS:
    case CODE_DOT:
    case CODE_COMMA:
    case CODE_AT:
    case CODE_STAR:
    case CODE_SEMICOLON:
    case CODE_QUOTE:
    case CODE_LBRACE:
    case CODE_RBRACE:
    case CODE_LBRACKET:
    case CODE_RBRACKET:
    case CODE_LPAREN:
    case CODE_RPAREN:
    case CODE_EQUALS:
    case CODE_TILDE:
    case CODE_PERCENT:
      return false
    default:
      return true
  }
}

/**
 * Whether `symbol` can be written without quotes on the given side of a number. Left-side symbols
 * may not contain digits (`$10` must not read as the symbol `$10`); right-side symbols may, after
 * their first character (`4 T28`).
 */
export const isBareCommoditySymbol = (symbol: string, side: CommoditySide): boolean => {
  if (symbol.length === 0) return false
  if (isDigit(symbol.charCodeAt(0))) return false
  for (let index = 0; index < symbol.length; index += 1) {
    if (!isBareSymbolCode(symbol.charCodeAt(index), side === 'right')) return false
  }
  return true
}

// -------------------------------------------------------------------------------------
// calendar
// -------------------------------------------------------------------------------------

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Days in a month of the proleptic Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value))

const pad4 = (value: number): string => String(value).padStart(4, '0')

/** `YYYY-MM-DD` of valid components. */
export const showDate = (year: number, month: number, day: number): string => `${pad4(year)}-${pad2(month)}-${pad2(day)}`

/** The canonical date after `date` (which must be canonical and valid). */
export const nextDay = (date: string): string => {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  if (day < daysInMonth(year, month)) return showDate(year, month, day + 1)
  if (month < 12) return showDate(year, month + 1, 1)
  return showDate(year + 1, 1, 1)
}

// -------------------------------------------------------------------------------------
// tags
// -------------------------------------------------------------------------------------

const EMPTY: ReadonlyArray<never> = Object.freeze([])

const isSpaceChar = (code: number): boolean => code === CODE_SPACE || code === CODE_TAB

/**
 * The `name:value` tags of a comment, by hledger's rules: a tag name is the last word before a
 * colon; its value runs to the next comma or the end of the line and is trimmed. Exception: the
 * values of `source:`, `derived:` and `reason:` run to the end of the line, because archival
 * references, formulas and reasons contain commas.
 */
export const parseTags = (text: string): ReadonlyArray<Tag> => {
  let colon = text.indexOf(':')
  if (colon === -1) return EMPTY
  const tags: Tag[] = []
  let from = 0
  while (colon !== -1) {
    let nameStart = colon
    while (nameStart > from && !isSpaceChar(text.charCodeAt(nameStart - 1))) nameStart -= 1
    if (nameStart === colon) {
      from = colon + 1
      colon = text.indexOf(':', from)
      continue
    }
    const name = text.slice(nameStart, colon)
    if (name === 'source' || name === 'derived' || name === 'reason') {
      tags.push({ name, value: text.slice(colon + 1).trim() })
      break
    }
    const comma = text.indexOf(',', colon + 1)
    const valueEnd = comma === -1 ? text.length : comma
    tags.push({ name, value: text.slice(colon + 1, valueEnd).trim() })
    if (comma === -1) break
    from = comma + 1
    colon = text.indexOf(':', from)
  }
  return tags
}

// -------------------------------------------------------------------------------------
// lexer state
// -------------------------------------------------------------------------------------

/** What a `commodity` directive declared about how its numbers are written. */
export interface NumberStyle {
  readonly decimalMark: DecimalMark | null
  readonly digitGroupMark: string | null
}

/** A number as written, before its marks are interpreted. */
interface RawNumber {
  readonly start: number
  readonly end: number
  /** Offsets of digit groups, as [start0, end0, start1, end1, ...]. */
  readonly groups: ReadonlyArray<number>
  /** The separator codes between consecutive groups. */
  readonly separators: ReadonlyArray<number>
  /** A decimal mark written with no digit after it (`100.`), or -1. */
  readonly trailingMark: number
  /** A decimal mark written with no digit before it (`.5`), or -1. */
  readonly leadingMark: number
}

interface ResolvedNumber {
  readonly quantity: string
  readonly decimalMark: DecimalMark | null
  readonly digitGroupMark: string | null
  readonly digitGroupSizes: ReadonlyArray<number>
  readonly decimalDigits: number
}

const SIZES_THREE: ReadonlyArray<number> = Object.freeze([3])

/** Collapses least-significant-first group sizes so the last one repeats (`[3, 3, 3]` → `[3]`). */
const collapseSizes = (sizes: number[]): ReadonlyArray<number> => {
  while (sizes.length > 1 && sizes[sizes.length - 1] === sizes[sizes.length - 2]) sizes.pop()
  return sizes.length === 1 && sizes[0] === 3 ? SIZES_THREE : sizes
}

const stripLeadingZeros = (digits: string): string => {
  let index = 0
  while (index < digits.length - 1 && digits.charCodeAt(index) === CODE_0) index += 1
  return index === 0 ? digits : digits.slice(index)
}

/** Whether a normalized quantity is zero (only `0` digits, any decimal point ignored). */
const isZero = (quantity: string): boolean => {
  for (let index = 0; index < quantity.length; index += 1) {
    const code = quantity.charCodeAt(index)
    if (code !== CODE_0 && code !== CODE_DOT) return false
  }
  return true
}

/** Distributes `Omit` over a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** A parse error before its span is attached. */
export type ErrorFacts = DistributiveOmit<ParseError, 'span'>

/**
 * The scanning state over one file's text. `Parser` extends it with the line-structure rules.
 * Internal to the journal layer: only `parse` is public.
 */
export class Lexer {
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

  /**
   * True while reading a `commodity`/`format` sample: it declares a style, so it is not checked
   * against earlier declarations (which still settle an ambiguous mark, as in hledger).
   */
  protected declaringStyle = false

  private readonly accountNames = new Map<string, string>()
  /** An interned account name by a hash of its characters (the first name seen with that hash). */
  private readonly accountsByHash = new Map<number, string>()
  private readonly symbols = new Map<string, string>()
  private lastSymbol: string | null = null
  private lastDate: string | null = null
  private lastStyle: AmountStyle | null = null

  constructor(
    protected readonly file: string,
    protected readonly text: string,
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
  protected scanDate(start: number, end: number, yearlessAllowed: boolean, defaultYear: number | null = null): string | null {
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
    if (year < yearMin || year > yearMax) return this.fail(start, { _tag: 'InvalidDate', text: this.text.slice(start, index), reason: 'year' })
    if (month < 1 || month > 12) return this.fail(start, { _tag: 'InvalidDate', text: this.text.slice(start, index), reason: 'month' })
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
      if (year < yearMin || year >= yearMax) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      return make('year', showDate(year, 1, 1), showDate(year + 1, 1, 1))
    }
    const separator = text.charCodeAt(index)
    if (separator !== CODE_MINUS && separator !== CODE_SLASH && separator !== CODE_DOT) return undefined
    let range = this.indexOfCode(CODE_DOT, start, tokenEnd)
    while (range !== -1 && text.charCodeAt(range + 1) !== CODE_DOT) range = this.indexOfCode(CODE_DOT, range + 1, tokenEnd)
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
      if (quarter < 1 || quarter > 4) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'quarter' })
      if (year < yearMin || year > yearMax) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      const month = (quarter - 1) * 3 + 1
      return make('quarter', showDate(year, month, 1), month === 10 ? showDate(year + 1, 1, 1) : showDate(year, month + 3, 1))
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
      if (year < yearMin || year > yearMax) return this.fail(start, { _tag: 'InvalidPeriod', text: token(), reason: 'syntax' })
      return make('month', showDate(year, month, 1), month === 12 ? showDate(year + 1, 1, 1) : showDate(year, month + 1, 1))
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

  // -----------------------------------------------------------------------------------
  // numbers and amounts
  // -----------------------------------------------------------------------------------

  /**
   * The digits and marks of a number at `start`, uninterpreted (hledger's `rawnumberp`). Space-like
   * group marks are accepted only when `spacesAllowed` and only between digits. Returns undefined
   * when no number starts here.
   */
  private scanRawNumber(start: number, end: number, spacesAllowed: boolean): RawNumber | null | undefined {
    const text = this.text
    let index = start
    let leadingMark = -1
    const first = index < end ? text.charCodeAt(index) : -1
    if (isDecimalMarkCode(first) && index + 1 < end && isDigit(text.charCodeAt(index + 1))) {
      leadingMark = first
      index += 1
    }
    const groupStart = index
    while (index < end && isDigit(text.charCodeAt(index))) index += 1
    if (index === groupStart) return undefined
    const groups: number[] = [groupStart, index]
    const separators: number[] = []
    let digitCount = index - groupStart
    let trailingMark = -1
    if (leadingMark === -1) {
      while (index + 1 < end) {
        const code = text.charCodeAt(index)
        if (!isGroupMarkCode(code, spacesAllowed) || !isDigit(text.charCodeAt(index + 1))) break
        separators.push(code)
        const nextStart = index + 1
        index = nextStart
        while (index < end && isDigit(text.charCodeAt(index))) index += 1
        groups.push(nextStart, index)
        digitCount += index - nextStart
      }
      if (index < end && isDecimalMarkCode(text.charCodeAt(index))) {
        trailingMark = text.charCodeAt(index)
        index += 1
      }
    }
    if (digitCount > quantityDigitsMax) {
      return this.fail(start, {
        _tag: 'AmountTooLong',
        text: this.wordAt(start, end),
        digitCount,
        digitCountMax: quantityDigitsMax,
      })
    }
    return { start, end: index, groups, separators, trailingMark, leadingMark }
  }

  /** The style declared for a commodity's numbers, or by `decimal-mark`, if any. */
  private declaredStyle(commodity: string): NumberStyle | null {
    const style = commodity === '' ? undefined : this.commodityStyles.get(commodity)
    if (style !== undefined) return style
    return this.decimalMark === null ? null : { decimalMark: this.decimalMark, digitGroupMark: null }
  }

  /**
   * Interprets a raw number's marks (hledger's `disambiguateNumber`): with several marks, the last
   * one differing from the others is the decimal mark; a single `.` or `,` between digit groups is
   * ambiguous and is read with the declared style of `commodity` (or of `decimal-mark`): it is a
   * decimal mark when it equals the declared decimal mark, or differs from the declared group
   * mark, or when nothing is declared. A number that contradicts a declared decimal mark is an error.
   */
  private resolveNumber(raw: RawNumber, commodity: string, amountStart: number, amountEnd: number): ResolvedNumber | null {
    const text = this.text
    const { groups, separators } = raw
    const count = separators.length
    const declared = this.declaredStyle(commodity)
    const bad = (reason: 'badNumber' | 'decimalMarkMismatch'): null =>
      this.fail(amountStart, { _tag: 'InvalidAmount', text: text.slice(amountStart, amountEnd), reason })
    let integerGroups: number // how many groups form the integer part
    let decimalMarkCode = -1
    let groupMarkCode = -1
    if (raw.leadingMark !== -1) {
      decimalMarkCode = raw.leadingMark
      integerGroups = 0
    } else if (count === 0) {
      decimalMarkCode = raw.trailingMark
      integerGroups = 1
    } else {
      const firstMark = separators[0] as number
      for (let index = 1; index < count - 1; index += 1) if (separators[index] !== firstMark) return bad('badNumber')
      const lastMark = separators[count - 1] as number
      if (count >= 2 && lastMark !== firstMark) {
        if (!isDecimalMarkCode(lastMark) || raw.trailingMark !== -1) return bad('badNumber')
        groupMarkCode = firstMark
        decimalMarkCode = lastMark
        integerGroups = count
      } else if (count === 1 && isDecimalMarkCode(firstMark) && raw.trailingMark === -1) {
        const mark = String.fromCharCode(firstMark)
        const isDecimal =
          declared === null
            ? true
            : declared.decimalMark !== null
              ? mark === declared.decimalMark
              : declared.digitGroupMark !== null
                ? mark !== declared.digitGroupMark
                : true
        if (isDecimal) {
          decimalMarkCode = firstMark
          integerGroups = 1
        } else {
          groupMarkCode = firstMark
          integerGroups = 2
        }
      } else {
        if (raw.trailingMark === firstMark) return bad('badNumber')
        groupMarkCode = firstMark
        decimalMarkCode = raw.trailingMark
        integerGroups = count + 1
      }
    }
    const decimalMark: DecimalMark | null = decimalMarkCode === -1 ? null : decimalMarkCode === CODE_DOT ? '.' : ','
    const digitGroupMark = groupMarkCode === -1 ? null : String.fromCharCode(groupMarkCode)
    if (declared !== null && declared.decimalMark !== null && !this.declaringStyle) {
      if ((decimalMark !== null && decimalMark !== declared.decimalMark) || digitGroupMark === declared.decimalMark) {
        return bad('decimalMarkMismatch')
      }
    }
    let integer: string
    if (integerGroups === 0) integer = '0'
    else if (integerGroups === 1) integer = text.slice(groups[0], groups[1])
    else {
      integer = ''
      for (let index = 0; index < integerGroups; index += 1) integer += text.slice(groups[2 * index], groups[2 * index + 1])
    }
    const fraction =
      decimalMarkCode !== -1 && integerGroups * 2 < groups.length
        ? text.slice(groups[integerGroups * 2], groups[integerGroups * 2 + 1])
        : ''
    let digitGroupSizes: ReadonlyArray<number> = EMPTY
    if (groupMarkCode !== -1) {
      const sizes: number[] = []
      for (let index = integerGroups - 1; index >= 1; index -= 1) sizes.push((groups[2 * index + 1] as number) - (groups[2 * index] as number))
      digitGroupSizes = collapseSizes(sizes)
    }
    const stripped = stripLeadingZeros(integer)
    // Fast path: `123.45` as written is already normalized; one slice of the source suffices.
    const quantity =
      fraction === ''
        ? stripped
        : decimalMarkCode === CODE_DOT && integerGroups === 1 && stripped === integer
          ? text.slice(groups[0], groups[3])
          : `${stripped}.${fraction}`
    return { quantity, decimalMark, digitGroupMark, digitGroupSizes, decimalDigits: fraction.length }
  }

  /**
   * A commodity symbol at `start`: `"quoted"` or bare (see `isBareCommoditySymbol`). Returns
   * undefined when no symbol starts here.
   */
  protected scanSymbol(start: number, end: number, digitsAllowed: boolean): string | null | undefined {
    const text = this.text
    let symbol: string
    if (start < end && text.charCodeAt(start) === CODE_QUOTE) {
      const close = this.indexOfCode(CODE_QUOTE, start + 1, end)
      if (close === -1) {
        return this.fail(start, { _tag: 'BadCommodity', text: text.slice(start, end), reason: 'unterminatedQuote' })
      }
      if (close === start + 1) return this.fail(start, { _tag: 'BadCommodity', text: '""', reason: 'emptySymbol' })
      symbol = this.internSymbol(start + 1, close)
      this.pos = close + 1
    } else {
      if (start >= end || isDigit(text.charCodeAt(start))) return undefined
      let index = start
      while (index < end && isBareSymbolCode(text.charCodeAt(index), digitsAllowed)) index += 1
      if (index === start) return undefined
      symbol = this.internSymbol(start, index)
      this.pos = index
    }
    if (symbol.length > commoditySymbolLengthMax) {
      return this.fail(start, { _tag: 'BadCommodity', text: symbol, reason: 'symbolTooLong' })
    }
    return symbol
  }

  /** The symbol written at `[start, end)`, interned: the last one read costs no string at all. */
  private internSymbol(start: number, end: number): string {
    const last = this.lastSymbol
    if (last !== null && last.length === end - start && this.text.startsWith(last, start)) return last
    const text = this.text.slice(start, end)
    let symbol = this.symbols.get(text)
    if (symbol === undefined) {
      symbol = text
      this.symbols.set(symbol, symbol)
    }
    this.lastSymbol = symbol
    return symbol
  }

  /** Whether an argument-mode amount may take `symbol` (starting at `start`) as its right-side commodity. */
  private isArgumentCommodity(start: number, symbol: string): boolean {
    if (this.text.charCodeAt(start) === CODE_QUOTE) return true
    if (this.declaredCommodities.has(symbol)) return true
    const first = symbol.charAt(0)
    return first === first.toUpperCase() || first.toLowerCase() === first.toUpperCase()
  }

  private style(
    side: CommoditySide,
    spaced: boolean,
    signBeforeSymbol: boolean,
    number: ResolvedNumber,
  ): AmountStyle {
    const last = this.lastStyle
    if (
      last !== null &&
      last.side === side &&
      last.spaced === spaced &&
      last.signBeforeSymbol === signBeforeSymbol &&
      last.decimalMark === number.decimalMark &&
      last.digitGroupMark === number.digitGroupMark &&
      last.decimalDigits === number.decimalDigits &&
      last.digitGroupSizes === number.digitGroupSizes
    ) {
      return last
    }
    const style: AmountStyle = {
      side,
      spaced,
      signBeforeSymbol,
      decimalMark: number.decimalMark,
      digitGroupMark: number.digitGroupMark,
      digitGroupSizes: number.digitGroupSizes,
      decimalDigits: number.decimalDigits,
    }
    this.lastStyle = style
    return style
  }

  /**
   * An amount at `start`: `[~][-|+]NUMBER[ ]SYMBOL`, `[~][-|+]SYMBOL[ ][-|+]NUMBER`, or a bare
   * number. In `argument` mode (operation and expectation lines) space-like digit-group marks are not
   * accepted, and a right-side symbol must follow the number directly or after one space and be
   * quoted, declared, or not start with a lower-case letter (so `basis 360 days` stays two words).
   */
  protected scanAmount(start: number, end: number, argument: boolean): AmountSyntax | null {
    const text = this.text
    let index = start
    let estimated = false
    if (index < end && text.charCodeAt(index) === CODE_TILDE) {
      estimated = true
      index += 1
    }
    let negative = false
    let signFirst = false
    let code = index < end ? text.charCodeAt(index) : -1
    if (code === CODE_MINUS || code === CODE_PLUS) {
      negative = code === CODE_MINUS
      signFirst = true
      index += 1
      code = index < end ? text.charCodeAt(index) : -1
    }
    let commodity = ''
    let side: CommoditySide = 'none'
    let spaced = false
    let signBeforeSymbol = false
    const missingNumber = (): null =>
      this.fail(start, { _tag: 'InvalidAmount', text: this.wordAt(start, end), reason: 'missingNumber' })
    if (!isDigit(code) && !(isDecimalMarkCode(code) && index + 1 < end && isDigit(text.charCodeAt(index + 1)))) {
      const symbol = this.scanSymbol(index, end, false)
      if (symbol === null) return null
      if (symbol === undefined) return missingNumber()
      commodity = symbol
      side = 'left'
      const afterSymbol = this.pos
      index = this.skipBlanks(afterSymbol, end)
      spaced = index > afterSymbol
      code = index < end ? text.charCodeAt(index) : -1
      if (!signFirst && (code === CODE_MINUS || code === CODE_PLUS)) {
        negative = code === CODE_MINUS
        index += 1
      } else {
        signBeforeSymbol = signFirst
      }
    }
    const raw = this.scanRawNumber(index, end, !argument)
    if (raw === null) return null
    if (raw === undefined) return missingNumber()
    index = raw.end
    if (side === 'none') {
      const symbolStart = argument ? (index < end && text.charCodeAt(index) === CODE_SPACE ? index + 1 : index) : this.skipBlanks(index, end)
      if (symbolStart < end) {
        const symbolCode = text.charCodeAt(symbolStart)
        if (symbolCode === CODE_QUOTE || (!isDigit(symbolCode) && isBareSymbolCode(symbolCode, true))) {
          const symbol = this.scanSymbol(symbolStart, end, true)
          if (symbol === null) return null
          if (symbol !== undefined && (!argument || symbolStart === index || this.isArgumentCommodity(symbolStart, symbol))) {
            commodity = symbol
            side = 'right'
            spaced = symbolStart > index
            index = this.pos
          }
        }
      }
    } else if (!argument) {
      const next = this.skipBlanks(index, end)
      if (next < end) {
        const nextCode = text.charCodeAt(next)
        if (nextCode === CODE_QUOTE || (!isDigit(nextCode) && isBareSymbolCode(nextCode, true))) {
          return this.fail(start, { _tag: 'InvalidAmount', text: text.slice(start, this.wordEndAt(next, end)), reason: 'twoCommodities' })
        }
      }
    }
    const number = this.resolveNumber(raw, commodity, start, index)
    if (number === null) return null
    this.pos = index
    const isNegative = negative && !isZero(number.quantity)
    const quantity = isNegative ? `-${number.quantity}` : number.quantity
    return {
      quantity,
      commodity,
      estimated,
      // Sign placement is display style only for a minus sign that is kept.
      style: this.style(side, spaced, signBeforeSymbol && isNegative, number),
      span: this.spanAt(start),
    }
  }

  /**
   * A bracketed goods quantity `[ [~]AMOUNT ]` with `[` at `start`; the amount must name a
   * commodity.
   */
  protected scanBracketed(start: number, end: number): AmountSyntax | null {
    const inner = this.skipBlanks(start + 1, end)
    const close = this.indexOfCode(CODE_RBRACKET, inner, end)
    const innerEnd = close === -1 ? end : close
    // The brackets delimit the quantity, so it reads as in a posting even among arguments.
    const amount = this.scanAmount(inner, innerEnd, false)
    if (amount === null) return null
    const after = this.skipBlanks(this.pos, end)
    if (close === -1) {
      return this.fail(start, { _tag: 'InvalidAmount', text: this.text.slice(start, this.trimEnd(start, end)), reason: 'unclosedBracket' })
    }
    if (after !== close) {
      return this.fail(after, { _tag: 'InvalidAmount', text: this.text.slice(start, close + 1), reason: 'trailingText' })
    }
    if (amount.commodity === '') {
      return this.fail(start, { _tag: 'InvalidAmount', text: this.text.slice(start, close + 1), reason: 'missingCommodity' })
    }
    this.pos = close + 1
    return amount
  }

  // -----------------------------------------------------------------------------------
  // account names
  // -----------------------------------------------------------------------------------

  /**
   * An account name at `start`: any characters up to two spaces, a tab, ` ;` or the end; single
   * spaces inside are part of the name. Names are interned, so each distinct name is one string.
   */
  protected scanAccount(start: number, end: number): string | null {
    const text = this.text
    let index = start
    let hash = 0
    while (index < end) {
      const code = text.charCodeAt(index)
      if (code === CODE_TAB) break
      if (code === CODE_SPACE) {
        const next = index + 1 < end ? text.charCodeAt(index + 1) : CODE_SPACE
        if (next === CODE_SPACE || next === CODE_TAB || next === CODE_SEMICOLON) break
      } else if (code < CODE_SPACE || code === 0x7f) {
        return this.fail(index, { _tag: 'InvalidAccountName', text: text.slice(start, index), reason: 'controlCharacter' })
      }
      hash = (Math.imul(hash, 31) + code) | 0
      index += 1
    }
    if (index === start) return this.fail(start, { _tag: 'InvalidAccountName', text: '', reason: 'empty' })
    if (index - start > accountNameLengthMax) {
      return this.fail(start, { _tag: 'InvalidAccountName', text: text.slice(start, index), reason: 'tooLong' })
    }
    this.pos = index
    // A name seen before is found by its hash and compared in place, without a new string.
    const known = this.accountsByHash.get(hash)
    if (known !== undefined && known.length === index - start && text.startsWith(known, start)) return known
    const name = text.slice(start, index)
    let interned = this.accountNames.get(name)
    if (interned === undefined) {
      interned = name
      this.accountNames.set(name, name)
    }
    if (known === undefined) this.accountsByHash.set(hash, interned)
    return interned
  }

  /**
   * Reports `MissingAmountSeparator` when an account name (at `start`) ends with a single space
   * and an amount that carries a commodity, a sign, a decimal mark or a `~` (`assets:cash 10 RUB`).
   * Plain integers stay part of names (`expenses:tax 2023`), and so does any tail with a colon.
   */
  protected checkAmountSeparator(start: number, account: string): boolean {
    const end = start + account.length
    let space = account.indexOf(' ')
    while (space !== -1) {
      const candidate = start + space + 1
      // An amount needs a digit: when none follows, no later space can start one either.
      let digit = candidate
      while (digit < end && !isDigit(this.text.charCodeAt(digit))) digit += 1
      if (digit === end) return true
      // A colon after the space means more account segments follow (`credit card:T28`).
      if (this.indexOfCode(CODE_COLON, candidate, end) !== -1) {
        space = account.indexOf(' ', space + 1)
        continue
      }
      const saved = this.error
      const savedPos = this.pos
      const amount = this.scanAmount(candidate, end, false)
      const consumed = this.pos
      this.error = saved
      this.pos = savedPos
      if (
        amount !== null &&
        consumed === end &&
        (amount.commodity !== '' || amount.estimated || amount.quantity.startsWith('-') || amount.style.decimalMark !== null)
      ) {
        this.fail(candidate, { _tag: 'MissingAmountSeparator', account: account.slice(0, space), amountText: account.slice(space + 1) })
        return false
      }
      space = account.indexOf(' ', space + 1)
    }
    return true
  }

  // -----------------------------------------------------------------------------------
  // generic argument tokens
  // -----------------------------------------------------------------------------------

  /**
   * Tokens from `start` to `end` or to a `;` comment (a `;` at the start of a token). Sets `pos` to
   * the comment's `;` or to `end`.
   */
  protected scanArgs(start: number, end: number): ArgToken[] | null {
    const text = this.text
    const tokens: ArgToken[] = []
    let index = this.skipBlanks(start, end)
    while (index < end) {
      const code = text.charCodeAt(index)
      if (code === CODE_SEMICOLON) break
      const token = this.scanArg(index, end, code)
      if (token === null) return null
      tokens.push(token)
      if (!this.isTokenEnd(this.pos, end)) {
        const tokenEnd = this.wordEndAt(this.pos, end)
        return this.fail(this.pos, { _tag: 'UnexpectedText', text: text.slice(this.pos, tokenEnd) })
      }
      index = this.skipBlanks(this.pos, end)
    }
    this.pos = index
    return tokens
  }

  private scanArg(start: number, end: number, code: number): ArgToken | null {
    const text = this.text
    const next = start + 1 < end ? text.charCodeAt(start + 1) : -1
    if (code === CODE_QUOTE) {
      const close = this.indexOfCode(CODE_QUOTE, start + 1, end)
      if (close === -1) return this.fail(start, { _tag: 'UnterminatedString' })
      this.pos = close + 1
      return { _tag: 'String', value: text.slice(start + 1, close), span: this.spanAt(start) }
    }
    if (code === CODE_LBRACKET) {
      const hedged = hedgedBracketEnd(text, start, end)
      if (hedged !== undefined) {
        // `[>0 T28]`, `[400..500 T26]`, `[? T28]`: a hedged goods figure, read by journal/Uncertain.ts.
        this.pos = hedged
        return { _tag: 'Word', text: text.slice(start, hedged), span: this.spanAt(start) }
      }
      const amount = this.scanBracketed(start, end)
      if (amount === null) return null
      return { _tag: 'Amount', amount, bracketed: true, span: amount.span }
    }
    if (code === CODE_MINUS && next === CODE_GREATER && this.isTokenEnd(start + 2, end)) {
      this.pos = start + 2
      return { _tag: 'Arrow', span: this.spanAt(start) }
    }
    if (code === CODE_AT && this.isTokenEnd(start + 1, end)) {
      this.pos = start + 1
      return { _tag: 'At', span: this.spanAt(start) }
    }
    if (isDigit(code)) {
      const saved = this.error
      const period = this.tryScanPeriod(start, end, false)
      if (period === null) {
        // A broken date or period (`1936-02-30`, `1936-Q5`) is an error; other shapes are words.
        if (this.isDateShaped(start, this.wordEndAt(start, end))) return null
        this.error = saved
      } else if (period !== undefined) {
        return period.kind === 'date'
          ? { _tag: 'Date', date: period.start, span: period.span }
          : { _tag: 'Period', period, span: period.span }
      }
    }
    if (isDigit(code) || ((code === CODE_MINUS || code === CODE_PLUS) && isDigit(next))) {
      const tokenEnd = this.wordEndAt(start, end)
      if (text.charCodeAt(tokenEnd - 1) === CODE_PERCENT) {
        const percent = this.tryScanPercent(start, tokenEnd - 1)
        if (percent !== undefined) return percent
      }
    }
    if (this.startsAmount(start, end, code, next)) {
      const saved = this.error
      const amount = this.scanAmount(start, end, true)
      if (amount !== null && this.isTokenEnd(this.pos, end)) {
        return { _tag: 'Amount', amount, bracketed: false, span: amount.span }
      }
      if (amount === null && this.error !== null && this.error._tag === 'AmountTooLong') return null
      // Not an amount after all (`36-114`, `10x,`): read it as a word.
      this.error = saved
    }
    const tokenEnd = this.wordEndAt(start, end)
    this.pos = tokenEnd
    return { _tag: 'Word', text: text.slice(start, tokenEnd), span: this.spanAt(start) }
  }

  /** Whether `[start, end)` holds only digits, date separators and `Q`: a date or period, maybe broken. */
  private isDateShaped(start: number, end: number): boolean {
    for (let index = start; index < end; index += 1) {
      const code = this.text.charCodeAt(index)
      if (!isDigit(code) && code !== CODE_MINUS && code !== CODE_SLASH && code !== CODE_DOT && code !== 81 && code !== 113) return false
    }
    return true
  }

  /** Whether an argument token at `start` should be read as an amount. */
  private startsAmount(start: number, end: number, code: number, next: number): boolean {
    if (isDigit(code) || code === CODE_TILDE) return true
    if (isDecimalMarkCode(code)) return isDigit(next)
    if (code === CODE_MINUS || code === CODE_PLUS) {
      if (isDigit(next) || (isDecimalMarkCode(next) && start + 2 < end && isDigit(this.text.charCodeAt(start + 2)))) return true
      return next !== -1 && this.isCurrencySign(next)
    }
    return this.isCurrencySign(code)
  }

  /** A non-letter symbol character (`$`, `€`, `₽`, `£`) that may start a left-side amount in arguments. */
  private isCurrencySign(code: number): boolean {
    if (!isBareSymbolCode(code, false) || code < 128) return code === 36 /* $ */
    const character = String.fromCharCode(code)
    return character.toLowerCase() === character.toUpperCase() && code !== CODE_HASH && code !== CODE_COLON && code !== CODE_SLASH && code !== CODE_BANG
  }

  /** `8%`, `9.5%`, `-2%` with `%` at `percentOffset`; undefined when the token is not that shape. */
  private tryScanPercent(start: number, percentOffset: number): ArgToken | undefined {
    const saved = this.error
    const signCode = this.text.charCodeAt(start)
    const signed = signCode === CODE_MINUS || signCode === CODE_PLUS
    const raw = this.scanRawNumber(signed ? start + 1 : start, percentOffset, false)
    if (raw === null || raw === undefined || raw.end !== percentOffset) {
      this.error = saved
      return undefined
    }
    const number = this.resolveNumber(raw, '', start, percentOffset)
    if (number === null) {
      this.error = saved
      return undefined
    }
    this.pos = percentOffset + 1
    return {
      _tag: 'Percent',
      quantity: signCode === CODE_MINUS && !isZero(number.quantity) ? `-${number.quantity}` : number.quantity,
      style: this.style('none', false, false, number),
      span: this.spanAt(start),
    }
  }
}

/** Equal-length aliases used by the parser for the characters it dispatches on. */
export const codes = {
  quote: CODE_QUOTE,
  hash: CODE_HASH,
  lparen: CODE_LPAREN,
  rparen: CODE_RPAREN,
  star: CODE_STAR,
  minus: CODE_MINUS,
  dot: CODE_DOT,
  slash: CODE_SLASH,
  colon: CODE_COLON,
  semicolon: CODE_SEMICOLON,
  equals: CODE_EQUALS,
  at: CODE_AT,
  lbracket: CODE_LBRACKET,
  lbrace: CODE_LBRACE,
  tilde: CODE_TILDE,
  bang: CODE_BANG,
  pipe: 124,
  comma: CODE_COMMA,
} as const
