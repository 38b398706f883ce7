/** Character classes, the calendar, tags and number-style helpers shared by the lexer and the parser. */
import type { ParseError } from '../ParseError.js'
import type { CommoditySide, DecimalMark, Tag } from '../Syntax.js'

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
export const CODE_QUOTE = 34 // "
export const CODE_HASH = 35 // #
export const CODE_PERCENT = 37 // %
export const CODE_LPAREN = 40 // (
export const CODE_RPAREN = 41 // )
export const CODE_STAR = 42 // *
export const CODE_PLUS = 43 // +
export const CODE_COMMA = 44 // ,
export const CODE_MINUS = 45 // -
export const CODE_DOT = 46 // .
export const CODE_SLASH = 47 // /
export const CODE_0 = 48
export const CODE_9 = 57
export const CODE_COLON = 58 // :
export const CODE_SEMICOLON = 59 // ;
export const CODE_EQUALS = 61 // =
export const CODE_GREATER = 62 // >
export const CODE_AT = 64 // @
export const CODE_LBRACKET = 91 // [
export const CODE_RBRACKET = 93 // ]
export const CODE_LBRACE = 123 // {
export const CODE_RBRACE = 125 // }
export const CODE_TILDE = 126 // ~
export const CODE_BANG = 33 // !
export const CODE_NBSP = 0xa0
export const CODE_THIN_SPACE = 0x2009
export const CODE_NARROW_NBSP = 0x202f

/** True for the character codes of the ASCII digits `0`–`9`. */
export const isDigit = (code: number): boolean => code >= CODE_0 && code <= CODE_9

/** Space or tab: the only characters that separate tokens on a line. */
export const isBlank = (code: number): boolean => code === CODE_SPACE || code === CODE_TAB

export const isDecimalMarkCode = (code: number): boolean => code === CODE_DOT || code === CODE_COMMA

/** Characters accepted as digit-group marks: `.` `,` space, no-break, thin and narrow no-break spaces. */
export const isGroupMarkCode = (code: number, spacesAllowed: boolean): boolean =>
  code === CODE_DOT ||
  code === CODE_COMMA ||
  (spacesAllowed &&
    (code === CODE_SPACE || code === CODE_NBSP || code === CODE_THIN_SPACE || code === CODE_NARROW_NBSP))

export const isUnicodeSpace = (code: number): boolean =>
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
export const isBareSymbolCode = (code: number, digitsAllowed: boolean): boolean => {
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

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Days in a month of the proleptic Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

export const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value))

export const pad4 = (value: number): string => String(value).padStart(4, '0')

/** `YYYY-MM-DD` of valid components. */
export const showDate = (year: number, month: number, day: number): string =>
  `${pad4(year)}-${pad2(month)}-${pad2(day)}`

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

export const EMPTY: ReadonlyArray<never> = Object.freeze([])

export const isSpaceChar = (code: number): boolean => code === CODE_SPACE || code === CODE_TAB

/**
 * The `name:value` tags of a comment, by hledger's rules: a tag name is the last word before a
 * colon; its value runs to the next comma or the end of the line and is trimmed. Exception: the
 * values of `source:`, `derived:` and `reason:` run to the end of the line, because archival
 * references, formulas and reasons contain commas; `assumption:` takes a list (`assumption: A2,
 * A6` gives one `assumption` tag per id, up to an item that holds a colon).
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
    let comma = text.indexOf(',', colon + 1)
    const valueEnd = comma === -1 ? text.length : comma
    tags.push({ name, value: text.slice(colon + 1, valueEnd).trim() })
    if (name === 'assumption') {
      // A list: `assumption: A2, A6` names both; each comma-separated item without a colon is
      // one more `assumption` tag (an item with a colon starts the next tag).
      while (comma !== -1) {
        const next = text.indexOf(',', comma + 1)
        const item = text.slice(comma + 1, next === -1 ? text.length : next)
        if (item.includes(':')) break
        if (item.trim() !== '') tags.push({ name, value: item.trim() })
        comma = next
      }
    }
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
export interface RawNumber {
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

export interface ResolvedNumber {
  readonly quantity: string
  readonly decimalMark: DecimalMark | null
  readonly digitGroupMark: string | null
  readonly digitGroupSizes: ReadonlyArray<number>
  readonly decimalDigits: number
}

export const SIZES_THREE: ReadonlyArray<number> = Object.freeze([3])

/** Collapses least-significant-first group sizes so the last one repeats (`[3, 3, 3]` → `[3]`). */
export const collapseSizes = (sizes: number[]): ReadonlyArray<number> => {
  while (sizes.length > 1 && sizes[sizes.length - 1] === sizes[sizes.length - 2]) sizes.pop()
  return sizes.length === 1 && sizes[0] === 3 ? SIZES_THREE : sizes
}

export const stripLeadingZeros = (digits: string): string => {
  let index = 0
  while (index < digits.length - 1 && digits.charCodeAt(index) === CODE_0) index += 1
  return index === 0 ? digits : digits.slice(index)
}

/** Whether a normalized quantity is zero (only `0` digits, any decimal point ignored). */
export const isZero = (quantity: string): boolean => {
  for (let index = 0; index < quantity.length; index += 1) {
    const code = quantity.charCodeAt(index)
    if (code !== CODE_0 && code !== CODE_DOT) return false
  }
  return true
}

/** Distributes `Omit` over a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** A parse error before its span is attached. */
export type ErrorFacts = DistributiveOmit<ParseError, 'span'>

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
  rbrace: CODE_RBRACE,
  rbracket: CODE_RBRACKET,
  tilde: CODE_TILDE,
  bang: CODE_BANG,
  pipe: 124,
  comma: CODE_COMMA,
} as const
