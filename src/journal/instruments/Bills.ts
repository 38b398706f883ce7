/** Journal syntax of bills of exchange: `bill ID draw|accept|endorse|discount|redeem|protest …`. */
import type * as AccountName from '../../core/AccountName.js'
import type * as Entity from '../../core/Entity.js'
import type * as LocalDate from '../../core/LocalDate.js'
import type * as Rate from '../../core/Rate.js'
import type { DocumentId } from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import { choices, type Form, keyOf, type Reader, show, value } from './Reader.js'

export type BillForm = (r: Reader, bill: DocumentId) => Op.Operation | undefined

export const settlesChoice = (
  r: Reader,
  current: () => 'debt' | 'expense' | undefined,
  set: (value: 'debt' | 'expense') => void,
) => choices(r, 'settles', { debt: 'debt', expense: 'expense' }, current, set)

export const billForms: Readonly<Record<string, BillForm>> = {
  /** `bill ID draw DRAWER -> PAYEE MONEY maturity DATE [drawee ENTITY] [debt|expense]` */
  draw: (r, id) => {
    const parties = r.parties('drawer', 'payee')
    const face = r.money('face value')
    let maturity: LocalDate.LocalDate | undefined
    let drawee: Entity.EntityName | undefined
    let settles: 'debt' | 'expense' | undefined
    r.options({
      maturity: value(
        r,
        (x) => x.date('maturity'),
        (v) => (maturity = v),
      ),
      drawee: value(
        r,
        (x) => x.entity('drawee'),
        (v) => (drawee = v),
      ),
      ...settlesChoice(
        r,
        () => settles,
        (v) => (settles = v),
      ),
    })
    r.need(maturity, 'maturity DATE')
    if (r.failed || parties === undefined || face === undefined || maturity === undefined) return undefined
    return {
      _tag: 'DrawBill',
      date: r.on,
      id,
      drawer: parties[0],
      payee: parties[1],
      face,
      maturity,
      settles: settles ?? 'debt',
      ...(drawee !== undefined ? { drawee } : {}),
    }
  },
  /** `bill ID accept [by] ENTITY` */
  accept: (r, bill) => {
    if (r.at('by')) r.take()
    const by = r.entity('drawee')
    r.options({})
    if (r.failed || by === undefined) return undefined
    return { _tag: 'AcceptBill', date: r.on, bill, by }
  },
  /** `bill ID endorse FROM -> TO [debt|expense]` */
  endorse: (r, bill) => {
    const parties = r.parties('holder', 'endorsee')
    let settles: 'debt' | 'expense' | undefined
    r.options(
      settlesChoice(
        r,
        () => settles,
        (v) => (settles = v),
      ),
    )
    if (r.failed || parties === undefined) return undefined
    return { _tag: 'EndorseBill', date: r.on, bill, from: parties[0], to: parties[1], settles: settles ?? 'debt' }
  },
  /**
   * `bill ID discount [HOLDER] at BANK rate R% [basis DAYS] [proceeds-to
   * ACCOUNT]` (without a holder, the bill's current holder discounts)
   */
  discount: (r, bill) => {
    let holder: Entity.EntityName | undefined
    if (!r.failed && !r.done && !r.at('at')) holder = r.entity('holder')
    let bank: Entity.EntityName | undefined
    let rate: Rate.Fraction | undefined
    let basis: number | undefined
    let proceedsAccount: AccountName.AccountName | undefined
    const proceedsOption = value(
      r,
      (x) => x.entityAccount('proceeds account')?.account,
      (v) => (proceedsAccount = v),
    )
    r.options({
      at: value(
        r,
        (x) => x.entity('bank'),
        (v) => (bank = v),
      ),
      rate: value(
        r,
        (x) => x.rate('rate'),
        (v) => (rate = v),
      ),
      basis: value(
        r,
        (x) => x.integer('basis', 'a whole number of days (360, 365)'),
        (v) => (basis = v),
      ),
      'proceeds-to': proceedsOption,
      proceeds: proceedsOption,
    })
    r.need(bank, 'at BANK')
    r.need(rate, 'rate PERCENT (e.g. rate 8%)')
    if (r.failed || bank === undefined || rate === undefined) return undefined
    return {
      _tag: 'DiscountBill',
      date: r.on,
      bill,
      bank,
      rate,
      ...(holder !== undefined ? { holder } : {}),
      ...(basis !== undefined ? { basis } : {}),
      ...(proceedsAccount !== undefined ? { proceedsAccount } : {}),
    }
  },
  /** `bill ID redeem` */
  redeem: (r, bill) => {
    r.options({})
    return r.failed ? undefined : { _tag: 'RedeemBill', date: r.on, bill }
  },
  /** `bill ID protest` */
  protest: (r, bill) => {
    r.options({})
    return r.failed ? undefined : { _tag: 'ProtestBill', date: r.on, bill }
  },
}

/** The keywords with a journal form, in the order of docs/OPERATIONS.md. */

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `bill ID draw|accept|endorse|discount|redeem|protest …` */
  bill: (r) => {
    const bill = r.id('bill id')
    if (r.failed || bill === undefined) return undefined
    const actionToken = r.peek()
    if (actionToken === undefined) return r.missing(`action (${Object.keys(billForms).join(', ')})`)
    const action = keyOf(actionToken)
    const form = action !== undefined && Object.hasOwn(billForms, action) ? billForms[action] : undefined
    if (form === undefined)
      return r.fail({
        _tag: 'UnknownOperationForm',
        span: actionToken.span,
        keyword: r.keyword,
        form: show(actionToken),
        known: Object.keys(billForms),
      })
    r.take()
    return form(r, bill)
  },
}
