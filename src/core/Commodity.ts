/**
 * Commodities: money (`RUB`) or goods with a unit (`T28`, unit `tank`; `shell`).
 *
 * How a commodity is displayed (precision, digit groups, symbol side) is a `DisplayStyle`, kept
 * apart from the quantities themselves, as hledger keeps `AmountStyle` apart from `Quantity`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { commoditySymbolLengthMax } from './limits.js'
import * as Quantity from './Quantity.js'
import { notText } from './Untyped.js'

declare const CommoditySymbolBrand: unique symbol
/**
 * A checked commodity symbol (`RUB`, `T28`, or the empty symbol), branded so only `symbolFromString`
 * (or `unsafeSymbol`) can make one.
 */
export type CommoditySymbol = string & { readonly [CommoditySymbolBrand]: 'CommoditySymbol' }

/** Whether a commodity is money (kept in the money book) or goods (kept in the physical book). */
export type CommodityKind = 'money' | 'goods'

/**
 * How a commodity's quantities are written: symbol side and spacing, decimal and group marks, fraction
 * digits; display only, it never changes a value.
 */
export interface DisplayStyle {
  readonly side: 'left' | 'right'
  readonly spaced: boolean
  readonly decimalMark: '.' | ','
  /** The digit-group mark, or undefined for none. */
  readonly groupMark?: ',' | '.' | ' ' | '\u00a0' | "'" | '_'
  /** Fraction digits shown; quantities with more are shown in full (never silently rounded). */
  readonly precision: number
}

/** A declared commodity: its symbol, whether it is money or goods, the unit of goods, and its display style. */
export interface Commodity {
  readonly symbol: CommoditySymbol
  readonly kind: CommodityKind
  /** For goods: what one unit is (`tank`, `shell`, `tonne`). */
  readonly unit?: string
  readonly style: DisplayStyle
}

/** Why a text is not a commodity symbol: too long, or it holds a control character, a quote or `;`. */
export type CommodityError = {
  readonly _tag: 'InvalidCommoditySymbol'
  readonly text: string
  readonly reason: 'tooLong' | 'badCharacter'
}

/**
 * Checks and brands a symbol: any text without control characters, quotes or `;`. The empty
 * symbol is the commodity of amounts written without one (`10`), as in hledger; goods need a
 * real symbol, which the elaborator checks.
 */
export const symbolFromString = (text: string): E.Either<CommodityError, CommoditySymbol> => {
  if (typeof text !== 'string')
    return E.left({ _tag: 'InvalidCommoditySymbol', text: notText(text), reason: 'badCharacter' })
  if (text.length > commoditySymbolLengthMax) return E.left({ _tag: 'InvalidCommoditySymbol', text, reason: 'tooLong' })
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 32 || code === 34 || code === 59 || code === 127)
      return E.left({ _tag: 'InvalidCommoditySymbol', text, reason: 'badCharacter' })
  }
  return E.right(text as CommoditySymbol)
}

/**
 * Brands a commodity symbol and throws if it is invalid; for fixtures, tests and literals only (use
 * `symbolFromString` on input).
 */
export const unsafeSymbol = (text: string): CommoditySymbol => {
  const result = symbolFromString(text)
  if (E.isLeft(result)) throw new Error(`not a commodity symbol: ${JSON.stringify(text)}`)
  return result.right
}

/**
 * Whether a symbol must be quoted when written after a number: it starts with a digit or holds spaces or journal
 * punctuation.
 */
export const needsQuotes = (symbol: CommoditySymbol): boolean => /^\d|[\s\-+.,@=*;"(){}[\]~/]/u.test(symbol)

/** The empty symbol: amounts written without a commodity. */
export const noSymbol = '' as CommoditySymbol

/**
 * The default display style: symbol on the right after a space, `.` as the decimal mark, no grouping,
 * no fixed fraction digits.
 */
export const defaultStyle: DisplayStyle = { side: 'right', spaced: true, decimalMark: '.', precision: 0 }

/** Declares a money commodity; its style defaults to `defaultStyle` with 2 fraction digits. */
export const money = (symbol: CommoditySymbol, style: DisplayStyle = { ...defaultStyle, precision: 2 }): Commodity => ({
  symbol,
  kind: 'money',
  style,
})

/** Declares a goods commodity with an optional unit (`tank`); its style defaults to `defaultStyle` (whole units). */
export const goods = (
  symbol: CommoditySymbol,
  unit: string | undefined,
  style: DisplayStyle = defaultStyle,
): Commodity => (unit === undefined ? { symbol, kind: 'goods', style } : { symbol, kind: 'goods', unit, style })

const groupDigits = (integer: string, mark: string): string => {
  let result = ''
  for (let index = 0; index < integer.length; index++) {
    if (index > 0 && (integer.length - index) % 3 === 0) result += mark
    result += integer[index]
  }
  return result
}

/**
 * Formats a quantity with a style: at least `precision` fraction digits, more when the exact
 * value has more (display never rounds).
 */
export const formatNumber = (quantity: Quantity.Quantity, style: DisplayStyle): string => {
  // A precision that is not a whole number of digits (a style built by hand) counts as none; a quantity with more
  // fraction digits than toFixed writes (over 1,000, from repeated products) prints exactly, unpadded.
  const precision = Number.isSafeInteger(style.precision) && style.precision > 0 ? style.precision : 0
  const fixed = E.getOrElse(() => Quantity.toString(quantity))(
    Quantity.toFixed(quantity, Math.max(precision, Quantity.scaleOf(quantity))),
  )
  const negative = fixed.startsWith('-')
  const body = negative ? fixed.slice(1) : fixed
  const point = body.indexOf('.')
  const integer = point < 0 ? body : body.slice(0, point)
  const fraction = point < 0 ? '' : body.slice(point + 1)
  const grouped = style.groupMark !== undefined ? groupDigits(integer, style.groupMark) : integer
  return `${negative ? '-' : ''}${grouped}${fraction.length > 0 ? style.decimalMark + fraction : ''}`
}

/** Formats `quantity symbol` (or `symbol quantity`) with the commodity's style. */
export const format = (quantity: Quantity.Quantity, commodity: Pick<Commodity, 'symbol' | 'style'>): string => {
  const number = formatNumber(quantity, commodity.style)
  const symbol = needsQuotes(commodity.symbol) ? `"${commodity.symbol}"` : commodity.symbol
  if (commodity.symbol.length === 0) return number
  const gap = commodity.style.spaced ? ' ' : ''
  if (commodity.style.side === 'left') {
    return number.startsWith('-') ? `-${symbol}${gap}${number.slice(1)}` : `${symbol}${gap}${number}`
  }
  return `${number}${gap}${symbol}`
}
