/**
 * The simulator's money: exact `Quantity` values in rubles, made from integer kopecks and scaled
 * by integer permille, always rounded to kopecks half up. Written through the journal printer.
 */
import type * as Commodity from '../core/Commodity.js'
import * as Quantity from '../core/Quantity.js'

export type Money = Quantity.Quantity
export const RUB = 'RUB' as Commodity.CommoditySymbol
const kopecks: Quantity.Rounding = { scaleDigits: 2, mode: 'halfUp' }

export const zero: Money = Quantity.zero
export const rubles = (whole: number): Money => Quantity.unsafeFromInteger(whole)
export const ofKopecks = (units: number): Money => Quantity.unsafeFromBigInt(BigInt(units), 2)
export const add = (a: Money, b: Money): Money => Quantity.add(a, b)
export const sub = (a: Money, b: Money): Money => Quantity.subtract(a, b)
export const times = (a: Money, count: number): Money => Quantity.multiply(a, Quantity.unsafeFromInteger(count))
/** a × permille / 1000, rounded to kopecks half up. */
export const permille = (a: Money, factor: number): Money =>
  Quantity.round(kopecks)(Quantity.multiply(a, Quantity.unsafeFromBigInt(BigInt(factor), 3)))
/** a / count, rounded to kopecks half up. */
export const share = (a: Money, count: number): Money => {
  const result = Quantity.divide(Quantity.unsafeFromInteger(count), kopecks)(a)
  if (result._tag === 'Left') throw new Error('share: division by zero')
  return result.right
}
export const isPositive = (a: Money): boolean => Quantity.sign(a) > 0
export const compare = Quantity.compare
/**
 * `~4,947.66 RUB`: kopecks always written and digit groups added to the printer's form, because on
 * an operation line an ungrouped `4947.66` reads as a period and a grouped `10,225` as a decimal comma.
 */
export const text = (a: Money, estimated = false): string => {
  const fixed = Quantity.unsafeToFixed(Quantity.round(kopecks)(a), 2)
  const negative = fixed.startsWith('-')
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.') as [string, string]
  return `${estimated ? '~' : ''}${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/gu, ',')}.${fraction} ${RUB}`
}
export const exact = (a: Money): string => Quantity.toString(a)
/** A percentage with two decimals, as `12.34`, of a / b (b > 0). */
export const percentOf = (a: Money, b: Money): string => {
  const result = Quantity.divide(b, { scaleDigits: 4, mode: 'halfUp' })(
    Quantity.multiply(a, Quantity.unsafeFromInteger(100)),
  )
  return result._tag === 'Left' ? '0' : Quantity.unsafeToFixed(Quantity.round(kopecks)(result.right), 2)
}
