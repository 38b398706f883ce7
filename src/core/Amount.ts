/**
 * An amount is a quantity of one commodity. It means nothing else: a bare `Quantity` is named
 * for what it is (a rate, a ratio).
 */

import type { CommoditySymbol } from './Commodity.js'
import * as Quantity from './Quantity.js'

/** A quantity of one commodity, exact (no rounding is ever applied here). */
export interface Amount {
  readonly quantity: Quantity.Quantity
  readonly commodity: CommoditySymbol
}

/**
 * Makes an amount from a quantity and a commodity symbol.
 *
 * @example
 * ```ts
 * const rent = Amount.make(Quantity.unsafeFromString('1234.50'), Commodity.unsafeSymbol('RUB'))
 * // Amount.showExact(rent) → '1234.5 RUB', Amount.showExact(Amount.negate(rent)) → '-1234.5 RUB'
 * ```
 */
export const make = (quantity: Quantity.Quantity, commodity: CommoditySymbol): Amount => ({ quantity, commodity })

/** The amount with its sign flipped, in the same commodity. */
export const negate = (self: Amount): Amount => ({
  quantity: Quantity.negate(self.quantity),
  commodity: self.commodity,
})

/** True when the amount's quantity is zero, whatever its commodity. */
export const isZero = (self: Amount): boolean => Quantity.isZero(self.quantity)

/** True when both amounts have the same commodity and numerically equal quantities (`1.0` equals `1`). */
export const equals = (self: Amount, that: Amount): boolean =>
  self.commodity === that.commodity && Quantity.equals(self.quantity, that.quantity)

/** `1234.5 RUB`: exact, no grouping, for messages and CSV. */
export const showExact = (self: Amount): string => `${Quantity.toString(self.quantity)} ${self.commodity}`

/**
 * A multi-commodity sum, such as a balance: commodity → quantity. Zero entries are dropped by
 * `entries`. Mutable only inside the functions that build one.
 */
export type MixedAmount = ReadonlyMap<CommoditySymbol, Quantity.Quantity>

/** The mixed amount with no commodities: the zero balance. */
export const emptyMixed: MixedAmount = new Map()

/** Adds an amount into a mutable map in place (for accumulators). */
export const accumulate = (
  target: Map<CommoditySymbol, Quantity.Quantity>,
  commodity: CommoditySymbol,
  quantity: Quantity.Quantity,
): void => {
  const previous = target.get(commodity)
  target.set(commodity, previous === undefined ? quantity : Quantity.add(previous, quantity))
}

/** The non-zero entries, sorted by commodity symbol. */
export const entries = (self: MixedAmount): ReadonlyArray<Amount> =>
  [...self.entries()]
    .filter(([, quantity]) => !Quantity.isZero(quantity))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([commodity, quantity]) => ({ commodity, quantity }))

/** The quantity of one commodity in a mixed amount, zero when the commodity is absent. */
export const quantityOf = (self: MixedAmount, commodity: CommoditySymbol): Quantity.Quantity =>
  self.get(commodity) ?? Quantity.zero

/** True when every commodity in the mixed amount has a zero quantity (including when there are none). */
export const isMixedZero = (self: MixedAmount): boolean => {
  for (const quantity of self.values()) if (!Quantity.isZero(quantity)) return false
  return true
}

/** The sum of two mixed amounts, commodity by commodity, as a new map (neither input is changed). */
export const addMixed = (self: MixedAmount, that: MixedAmount): MixedAmount => {
  const result = new Map(self)
  for (const [commodity, quantity] of that) accumulate(result, commodity, quantity)
  return result
}

/** The non-zero entries as `1234.5 RUB, 12 T28`, sorted by commodity, exact and ungrouped; `0` when there are none. */
export const showMixed = (self: MixedAmount): string => {
  const list = entries(self)
  return list.length === 0 ? '0' : list.map(showExact).join(', ')
}
