/**
 * An amount is a quantity of one commodity. It means nothing else: a bare `Quantity` is named
 * for what it is (a rate, a ratio).
 */
import * as Quantity from './Quantity.js'
import type { CommoditySymbol } from './Commodity.js'

export interface Amount {
  readonly quantity: Quantity.Quantity
  readonly commodity: CommoditySymbol
}

export const make = (quantity: Quantity.Quantity, commodity: CommoditySymbol): Amount => ({ quantity, commodity })

export const negate = (self: Amount): Amount => ({ quantity: Quantity.negate(self.quantity), commodity: self.commodity })

export const isZero = (self: Amount): boolean => Quantity.isZero(self.quantity)

export const equals = (self: Amount, that: Amount): boolean =>
  self.commodity === that.commodity && Quantity.equals(self.quantity, that.quantity)

/** `1234.5 RUB`: exact, no grouping, for messages and CSV. */
export const showExact = (self: Amount): string => `${Quantity.toString(self.quantity)} ${self.commodity}`

/**
 * A multi-commodity sum, such as a balance: commodity → quantity. Zero entries are dropped by
 * `entries`. Mutable only inside the functions that build one.
 */
export type MixedAmount = ReadonlyMap<CommoditySymbol, Quantity.Quantity>

export const emptyMixed: MixedAmount = new Map()

/** Adds an amount into a mutable map in place (for accumulators). */
export const accumulate = (target: Map<CommoditySymbol, Quantity.Quantity>, commodity: CommoditySymbol, quantity: Quantity.Quantity): void => {
  const previous = target.get(commodity)
  target.set(commodity, previous === undefined ? quantity : Quantity.add(previous, quantity))
}

/** The non-zero entries, sorted by commodity symbol. */
export const entries = (self: MixedAmount): ReadonlyArray<Amount> =>
  [...self.entries()]
    .filter(([, quantity]) => !Quantity.isZero(quantity))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([commodity, quantity]) => ({ commodity, quantity }))

export const quantityOf = (self: MixedAmount, commodity: CommoditySymbol): Quantity.Quantity => self.get(commodity) ?? Quantity.zero

export const isMixedZero = (self: MixedAmount): boolean => {
  for (const quantity of self.values()) if (!Quantity.isZero(quantity)) return false
  return true
}

export const addMixed = (self: MixedAmount, that: MixedAmount): MixedAmount => {
  const result = new Map(self)
  for (const [commodity, quantity] of that) accumulate(result, commodity, quantity)
  return result
}

export const showMixed = (self: MixedAmount): string => {
  const list = entries(self)
  return list.length === 0 ? '0' : list.map(showExact).join(', ')
}
