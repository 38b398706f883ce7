/** Journal syntax of contracts and their specifications. */
import * as E from 'fp-ts/lib/Either.js'
import * as Commodity from '../../core/Commodity.js'
import type * as Quantity from '../../core/Quantity.js'
import { type Form, type Options, type Reader, type Token, text, value } from './Reader.js'

const specification = (r: Reader, extra: Options = {}) => {
  let plannedCost: Quantity.Quantity | undefined
  let description = ''
  const descriptionOption = text(r, 'description', (v) => (description = v))
  r.options({
    'planned-cost': value(
      r,
      (x) => x.money('planned cost'),
      (v) => (plannedCost = v),
    ),
    description: descriptionOption,
    '"': descriptionOption,
    ...extra,
  })
  return { plannedCost: () => plannedCost, description: () => description }
}

/** The terms of a loan: rate, term, scheme, day count, purpose, collateral. */

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `contract ID SELLER -> BUYER [UNITS] COMMODITY @ PRICE planned-cost MONEY ["DESCRIPTION"]` */
  contract: (r) => {
    const id = r.id('contract id')
    const parties = r.parties('seller', 'buyer')
    let commodity: Commodity.CommoditySymbol | undefined
    let units: Quantity.Quantity | undefined
    if (!r.failed && r.atGoods()) {
      const goods = r.goods('units')
      commodity = goods?.commodity
      units = goods?.quantity
    } else if (!r.failed && r.peek()?._tag === 'Word') {
      const token = r.take() as Extract<Token, { readonly _tag: 'Word' }>
      const symbol = Commodity.symbolFromString(token.text)
      if (E.isLeft(symbol) || token.text === r.context.currency)
        return r.invalid(token, 'commodity', 'a goods commodity')
      commodity = symbol.right
    }
    let unitPrice: Quantity.Quantity | undefined
    if (!r.failed && r.peek()?._tag === 'At') {
      r.take()
      unitPrice = r.money('unit price')
    }
    const spec = specification(r)
    r.need(unitPrice, `@ UNIT-PRICE (an amount in ${r.context.currency})`)
    r.need(spec.plannedCost(), 'planned-cost MONEY')
    const plannedCost = spec.plannedCost()
    if (r.failed || id === undefined || parties === undefined || unitPrice === undefined || plannedCost === undefined)
      return undefined
    return {
      _tag: 'SignContract',
      date: r.on,
      id,
      seller: parties[0],
      buyer: parties[1],
      unitPrice,
      plannedCost,
      description: spec.description(),
      ...(commodity !== undefined ? { commodity } : {}),
      ...(units !== undefined ? { units } : {}),
    }
  },

  /** `revise CONTRACT @ PRICE planned-cost MONEY [units N] ["DESCRIPTION"]` */
  revise: (r) => {
    const contract = r.id('contract id')
    let unitPrice: Quantity.Quantity | undefined
    if (!r.failed) {
      const at = r.peek()
      if (at === undefined) return r.missing(`@ UNIT-PRICE (an amount in ${r.context.currency})`)
      if (at._tag !== 'At') return r.invalid(at, 'unit price', `@ UNIT-PRICE (an amount in ${r.context.currency})`)
      r.take()
      unitPrice = r.money('unit price')
    }
    let units: Quantity.Quantity | undefined
    const spec = specification(r, {
      units: value(
        r,
        (x) => x.units('units'),
        (v) => (units = v),
      ),
    })
    r.need(spec.plannedCost(), 'planned-cost MONEY')
    const plannedCost = spec.plannedCost()
    if (r.failed || contract === undefined || unitPrice === undefined || plannedCost === undefined) return undefined
    return {
      _tag: 'ReviseSpecification',
      date: r.on,
      contract,
      unitPrice,
      plannedCost,
      description: spec.description(),
      ...(units !== undefined ? { units } : {}),
    }
  },
}
