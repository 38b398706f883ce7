/** Journal syntax of payment demands and acceptance. */
import type * as LocalDate from '../../core/LocalDate.js'
import * as Quantity from '../../core/Quantity.js'
import type { DocumentId, RefusalGround } from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import { type Form, flag, groundNames, kebab, lotOption, refusalGround, type Token, text, value } from './Reader.js'

/** What a payment demand bills: goods (the default) or services (repair, rework: nothing to ship). */
const billsNames = new Map([
  ['goods', 'goods' as const],
  ['services', 'services' as const],
])

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `demand ID SELLER -> BUYER (GOODS @ PRICE [MONEY] | MONEY [GOODS]) [shipments S…] [lot LOT] [contract C]` */
  demand: (r) => {
    const id = r.id('demand id')
    const parties = r.parties('seller', 'buyer')
    let units: Op.Goods | undefined
    let unitPrice: Quantity.Quantity | undefined
    let amount: Quantity.Quantity | undefined
    if (!r.failed && r.atGoods()) {
      units = r.goods('units')
      if (!r.failed && r.peek()?._tag === 'At') {
        r.take()
        unitPrice = r.money('unit price')
      }
      if (!r.failed && r.peek()?._tag === 'Amount') amount = r.money('amount')
    } else if (!r.failed) {
      amount = r.money('amount (or GOODS @ PRICE)')
      if (!r.failed && r.atGoods()) units = r.goods('units')
    }
    let shipments: ReadonlyArray<DocumentId> | undefined
    let lot: DocumentId | undefined
    let bills: 'goods' | 'services' | undefined
    let contract: DocumentId | undefined
    const shipmentsOption = value(
      r,
      (x) => x.list('shipment ids', (y) => y.id('shipment id')),
      (v: ReadonlyArray<DocumentId>) => (shipments = v),
    )
    r.options({
      shipments: shipmentsOption,
      shipment: shipmentsOption,
      lot: lotOption(r, (v) => (lot = v)),
      contract: value(
        r,
        (x) => x.id('contract'),
        (v) => (contract = v),
      ),
      for: value(
        r,
        (x) => x.choice('what the demand bills (goods or services)', billsNames),
        (v) => (bills = v),
      ),
    })
    if (amount === undefined && units !== undefined && unitPrice !== undefined)
      amount = Quantity.multiply(units.quantity, unitPrice)
    r.need(amount, `amount (an amount in ${r.context.currency}, or GOODS @ PRICE)`)
    if (r.failed || id === undefined || parties === undefined || amount === undefined) return undefined
    return {
      _tag: 'PresentDemand',
      date: r.on,
      id,
      seller: parties[0],
      buyer: parties[1],
      amount,
      ...(units !== undefined ? { units } : {}),
      ...(unitPrice !== undefined ? { unitPrice } : {}),
      ...(shipments !== undefined ? { shipments } : {}),
      ...(lot !== undefined ? { lot } : {}),
      ...(contract !== undefined ? { contract } : {}),
      ...(bills === 'services' ? { bills } : {}),
    }
  },

  /** `credit-documents DEMAND BANK MONEY` */
  'credit-documents': (r) => {
    const demand = r.id('demand id')
    const bank = r.entity('bank')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || demand === undefined || bank === undefined || amount === undefined) return undefined
    return { _tag: 'CreditOnDocuments', date: r.on, demand, bank, amount }
  },

  /** `accept DEMAND [full]` | `accept DEMAND partial MONEY [GOODS] [refuse MONEY] ground GROUND ["TEXT"]` */
  accept: (r) => {
    const demand = r.id('demand id')
    if (r.failed || demand === undefined) return undefined
    if (r.done || r.at('full')) {
      if (!r.done) r.take()
      r.options({})
      return r.failed ? undefined : { _tag: 'AcceptDemand', date: r.on, demand, acceptance: { _tag: 'Full' } }
    }
    if (!r.at('partial')) {
      const token = r.peek() as Token
      return r.invalid(token, 'acceptance', '"full" or "partial"')
    }
    r.take()
    const accepted = r.money('accepted amount')
    const acceptedUnits = !r.failed && r.atGoods() ? r.goods('accepted units')?.quantity : undefined
    let refused: Quantity.Quantity | undefined
    let ground: RefusalGround | undefined
    let reason = ''
    const reasonOption = text(r, 'refusal text', (v) => (reason = v))
    r.options({
      refuse: value(
        r,
        (x) => x.money('refused amount'),
        (v) => (refused = v),
      ),
      ground: value(r, refusalGround, (v) => (ground = v)),
      '"': reasonOption,
      reason: reasonOption,
    })
    r.need(ground, `ground GROUND (${[...groundNames.keys()].filter((name) => name === kebab(name)).join(', ')})`)
    if (r.failed || accepted === undefined || ground === undefined) return undefined
    return {
      _tag: 'AcceptDemand',
      date: r.on,
      demand,
      acceptance: {
        _tag: 'Partial',
        accepted,
        refusal: { ground, text: reason },
        ...(acceptedUnits !== undefined ? { acceptedUnits } : {}),
        ...(refused !== undefined ? { refused } : {}),
      },
    }
  },

  /** `refuse DEMAND ground GROUND ["TEXT"]` */
  refuse: (r) => {
    const demand = r.id('demand id')
    let ground: RefusalGround | undefined
    let reason = ''
    const reasonOption = text(r, 'refusal text', (v) => (reason = v))
    r.options({ ground: value(r, refusalGround, (v) => (ground = v)), '"': reasonOption, reason: reasonOption })
    r.need(ground, `ground GROUND (${[...groundNames.keys()].filter((name) => name === kebab(name)).join(', ')})`)
    if (r.failed || demand === undefined || ground === undefined) return undefined
    return { _tag: 'RefuseDemand', date: r.on, demand, refusal: { ground, text: reason } }
  },

  /** `lapse DEMAND` */
  lapse: (r) => {
    const demand = r.id('demand id')
    r.options({})
    if (r.failed || demand === undefined) return undefined
    return { _tag: 'LapseAcceptance', date: r.on, demand }
  },

  /** `pay DEMAND MONEY` */
  pay: (r) => {
    const demand = r.id('demand id')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || demand === undefined || amount === undefined) return undefined
    return { _tag: 'PayDemand', date: r.on, demand, amount }
  },

  /** `reverse DEMAND [return-goods]` */
  reverse: (r) => {
    const demand = r.id('demand id')
    let returnGoods = false
    r.options({ 'return-goods': flag(() => (returnGoods = true)) })
    if (r.failed || demand === undefined) return undefined
    return { _tag: 'ReverseRemainder', date: r.on, demand, ...(returnGoods ? { returnGoods } : {}) }
  },

  /** `divert DEMAND bill ID -> PAYEE maturity DATE` | `divert DEMAND cheque ID -> PAYEE` */
  divert: (r) => {
    const demand = r.id('demand id')
    const instrument = r.choice(
      'instrument',
      new Map([
        ['bill', 'bill' as const],
        ['cheque', 'cheque' as const],
      ]),
    )
    const instrumentId = r.id(`${instrument ?? 'instrument'} id`)
    if (!r.failed) r.arrow()
    const payee = r.entity('payee')
    let maturity: LocalDate.LocalDate | undefined
    r.options(
      instrument === 'bill'
        ? {
            maturity: value(
              r,
              (x) => x.date('maturity'),
              (v) => (maturity = v),
            ),
          }
        : {},
    )
    if (instrument === 'bill') r.need(maturity, 'maturity DATE')
    if (
      r.failed ||
      demand === undefined ||
      instrument === undefined ||
      instrumentId === undefined ||
      payee === undefined
    )
      return undefined
    return {
      _tag: 'DivertRemainder',
      date: r.on,
      demand,
      instrument,
      instrumentId,
      payee,
      ...(maturity !== undefined ? { maturity } : {}),
    }
  },
}
