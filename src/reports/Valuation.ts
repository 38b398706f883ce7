/**
 * Market valuation with `P` prices, as hledger 1.25's `-V` and `-X COMM` do: an amount of A is
 * converted on a valuation date with A's latest price in B on or before that date; failing that,
 * the inverse of B's latest price in A; failing that, the shortest chain of forward prices, then
 * the shortest chain of any prices. With `-V` the target B is the commodity of A's latest price
 * on or before the date. Amounts with no price are left as they are. On one day, the price
 * declared last wins.
 *
 * Products of exact quantities are exact; a reverse price is a division, rounded half-even to
 * `quotientScale` fraction digits. A converted amount is marked `inexact`, so that displays round
 * it (half-even) to the commodity's display precision, as hledger shows a value.
 */
import * as Amount from '../core/Amount.js'
import type { CommoditySymbol } from '../core/Commodity.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Quantity from '../core/Quantity.js'

/** One market price: on `date`, one unit of `from` is worth `rate` of `to` (`P DATE FROM RATE TO`). */
export interface Price {
  readonly date: LocalDate.LocalDate
  readonly from: CommoditySymbol
  readonly to: CommoditySymbol
  readonly rate: Quantity.Quantity
}

/** The prices, indexed: per commodity, its prices in date order (the file order kept within a day). */
export interface PriceDb {
  readonly byFrom: ReadonlyMap<CommoditySymbol, ReadonlyArray<Price>>
  readonly byTo: ReadonlyMap<CommoditySymbol, ReadonlyArray<Price>>
  readonly lastDate?: LocalDate.LocalDate
}

/** What to value in: each commodity's own price commodity (`-V`) or one commodity (`-X COMM`). */
export type Target = { readonly _tag: 'default' } | { readonly _tag: 'commodity'; readonly commodity: CommoditySymbol }

/** Fraction digits a division keeps before display rounds it. */
export const quotientScale = 20

/** A valued mixed amount, and whether any part of it was converted (then displays round it). */
export interface Valued {
  readonly amount: Amount.MixedAmount
  readonly inexact: boolean
}

/** Indexes prices given in file order. */
export const database = (prices: ReadonlyArray<Price>): PriceDb => {
  const byFrom = new Map<CommoditySymbol, Price[]>()
  const byTo = new Map<CommoditySymbol, Price[]>()
  let lastDate: LocalDate.LocalDate | undefined
  const sorted = prices
    .map((price, index) => ({ price, index }))
    .sort((a, b) => (a.price.date < b.price.date ? -1 : a.price.date > b.price.date ? 1 : a.index - b.index))
  for (const { price } of sorted) {
    if (price.from === price.to) continue
    const from = byFrom.get(price.from) ?? []
    from.push(price)
    byFrom.set(price.from, from)
    const to = byTo.get(price.to) ?? []
    to.push(price)
    byTo.set(price.to, to)
    lastDate = price.date
  }
  return lastDate === undefined ? { byFrom, byTo } : { byFrom, byTo, lastDate }
}

/** The last price of `list` (in date order) on or before `date` that `accept` takes. */
const latest = (
  list: ReadonlyArray<Price> | undefined,
  date: LocalDate.LocalDate | undefined,
  accept: (price: Price) => boolean,
): Price | undefined => {
  if (list === undefined) return undefined
  for (let index = list.length - 1; index >= 0; index--) {
    const price = list[index] as Price
    if ((date === undefined || price.date <= date) && accept(price)) return price
  }
  return undefined
}

/** A rate and whether it was divided to get it. */
interface Rate {
  readonly rate: Quantity.Quantity
  readonly inexact: boolean
}

const inverse = (rate: Quantity.Quantity): Rate | undefined => {
  const result = Quantity.divide(rate, { scaleDigits: quotientScale, mode: 'halfEven' })(Quantity.unsafeFromInteger(1))
  return result._tag === 'Right' ? { rate: result.right, inexact: true } : undefined
}

/**
 * The commodities one step from `from`, each with its rate on `date`: forward prices, and reverse ones when `reverse`.
 */
const neighbours = (db: PriceDb, from: CommoditySymbol, date: LocalDate.LocalDate, reverse: boolean) => {
  const steps = new Map<CommoditySymbol, Rate>()
  for (const price of db.byFrom.get(from) ?? [])
    if (price.date <= date) steps.set(price.to, { rate: price.rate, inexact: false })
  if (reverse)
    for (const price of db.byTo.get(from) ?? []) {
      if (price.date > date || steps.has(price.from)) continue
      const rate = latest(db.byTo.get(from), date, (other) => other.from === price.from)
      const inverted = rate === undefined ? undefined : inverse(rate.rate)
      if (inverted !== undefined) steps.set(price.from, inverted)
    }
  return steps
}

/** The shortest chain of prices from `from` to `to` on `date` (breadth first), multiplied out. */
const chain = (
  db: PriceDb,
  from: CommoditySymbol,
  to: CommoditySymbol,
  date: LocalDate.LocalDate,
  reverse: boolean,
): Rate | undefined => {
  const reached = new Map<CommoditySymbol, Rate>([[from, { rate: Quantity.unsafeFromInteger(1), inexact: false }]])
  let frontier: CommoditySymbol[] = [from]
  while (frontier.length > 0 && reached.size <= 1000) {
    const next: CommoditySymbol[] = []
    for (const commodity of frontier) {
      const here = reached.get(commodity) as Rate
      for (const [step, rate] of neighbours(db, commodity, date, reverse)) {
        if (reached.has(step)) continue
        const combined = { rate: Quantity.multiply(here.rate, rate.rate), inexact: here.inexact || rate.inexact }
        if (step === to) return combined
        reached.set(step, combined)
        next.push(step)
      }
    }
    frontier = next
  }
  return undefined
}

/** The rate of `from` in `to` on `date`: direct, reverse, forward chain, any chain. */
export const rate = (
  db: PriceDb,
  from: CommoditySymbol,
  to: CommoditySymbol,
  date: LocalDate.LocalDate,
): Rate | undefined => {
  if (from === to) return { rate: Quantity.unsafeFromInteger(1), inexact: false }
  const direct = latest(db.byFrom.get(from), date, (price) => price.to === to)
  if (direct !== undefined) return { rate: direct.rate, inexact: false }
  const reverse = latest(db.byFrom.get(to), date, (price) => price.to === from)
  if (reverse !== undefined) return inverse(reverse.rate)
  return chain(db, from, to, date, false) ?? chain(db, from, to, date, true)
}

/**
 * `-V`'s target for `from`: the commodity of its latest price on or before `date` (hledger 1.25
 * converts nothing when the only prices come later, which the differential test confirms).
 */
export const defaultTarget = (
  db: PriceDb,
  from: CommoditySymbol,
  date: LocalDate.LocalDate,
): CommoditySymbol | undefined => latest(db.byFrom.get(from), date, () => true)?.to

/**
 * A mixed amount valued on `date`: with a price `P 2024-01-15 USD 90.5 RUB`, 10 USD valued on
 * 2024-02-01 with the default target is 905 RUB, marked `inexact` (shown at RUB's precision).
 */
export const value = (db: PriceDb, amount: Amount.MixedAmount, date: LocalDate.LocalDate, target: Target): Valued => {
  const result = new Map<CommoditySymbol, Quantity.Quantity>()
  let inexact = false
  for (const [commodity, quantity] of amount) {
    const to = target._tag === 'commodity' ? target.commodity : defaultTarget(db, commodity, date)
    const found = to === undefined ? undefined : rate(db, commodity, to, date)
    if (to === undefined || found === undefined) {
      Amount.accumulate(result, commodity, quantity)
      continue
    }
    // hledger shows a value at the commodity's display precision: a converted amount is marked for rounding.
    inexact = true
    Amount.accumulate(result, to, Quantity.multiply(quantity, found.rate))
  }
  return { amount: result, inexact }
}
