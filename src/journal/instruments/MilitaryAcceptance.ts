/** Journal syntax of military acceptance: provisional and final acceptance, claims, answers, rework. */
import * as Quantity from '../../core/Quantity.js'
import type { DocumentId, Label } from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import { choices, type Form, flag, lotOption, type Reader, text, value } from './Reader.js'

const finalForm = (r: Reader, outcome: 'accepted' | 'rejected'): Op.Operation | undefined => {
  const id = r.id('certificate id')
  const parties = r.parties('seller', 'buyer')
  const goods = r.goods('goods')
  let lot: DocumentId | undefined
  let cost: Quantity.Quantity | undefined
  let reworkCost: Quantity.Quantity | undefined
  let serials: ReadonlyArray<Label> | undefined
  r.options({
    lot: lotOption(r, (v) => (lot = v)),
    cost: value(
      r,
      (x) => x.money('cost'),
      (v) => (cost = v),
    ),
    serials: value(
      r,
      (x) => x.list('serial numbers', (y) => y.label('serial number')),
      (v: ReadonlyArray<Label>) => (serials = v),
    ),
    ...(outcome === 'accepted'
      ? {
          'rework-cost': value(
            r,
            (x) => x.money('rework cost'),
            (v) => (reworkCost = v),
          ),
        }
      : {}),
  })
  r.need(lot, 'lot LOT')
  r.need(cost, `cost (an amount in ${r.context.currency})`)
  if (
    r.failed ||
    id === undefined ||
    parties === undefined ||
    goods === undefined ||
    lot === undefined ||
    cost === undefined
  )
    return undefined
  return {
    _tag: 'FinalAcceptance',
    date: r.on,
    id,
    seller: parties[0],
    buyer: parties[1],
    lot,
    goods,
    cost,
    outcome,
    ...(serials !== undefined ? { serials } : {}),
    ...(reworkCost !== undefined ? { reworkCost } : {}),
  }
}

/** The options of a contract version: `planned-cost MONEY`, a quoted description. */

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `provisional-accept ID SELLER -> BUYER GOODS lot LOT cost MONEY [serials S…]` */
  'provisional-accept': (r) => {
    const id = r.id('certificate id')
    const parties = r.parties('seller', 'buyer')
    const goods = r.goods('goods')
    let lot: DocumentId | undefined
    let cost: Quantity.Quantity | undefined
    let serials: ReadonlyArray<Label> | undefined
    r.options({
      lot: lotOption(r, (v) => (lot = v)),
      cost: value(
        r,
        (x) => x.money('cost'),
        (v) => (cost = v),
      ),
      serials: value(
        r,
        (x) => x.list('serial numbers', (y) => y.label('serial number')),
        (v: ReadonlyArray<Label>) => (serials = v),
      ),
    })
    r.need(lot, 'lot LOT')
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (
      r.failed ||
      id === undefined ||
      parties === undefined ||
      goods === undefined ||
      lot === undefined ||
      cost === undefined
    )
      return undefined
    return {
      _tag: 'ProvisionalAcceptance',
      date: r.on,
      id,
      seller: parties[0],
      buyer: parties[1],
      lot,
      goods,
      cost,
      ...(serials !== undefined ? { serials } : {}),
    }
  },

  /** `final-accept ID SELLER -> BUYER GOODS lot LOT cost MONEY [rework-cost MONEY] [serials S…]` */
  'final-accept': (r) => finalForm(r, 'accepted'),

  /** `final-reject ID SELLER -> BUYER GOODS lot LOT cost MONEY [serials S…]` */
  'final-reject': (r) => finalForm(r, 'rejected'),

  /** `claim ID BUYER -> SELLER [GOODS|UNITS] [lot LOT] [serials S…] inner|remote "DEFECT"` */
  claim: (r) => {
    const id = r.id('claim id')
    const parties = r.parties('buyer', 'seller')
    const units = !r.failed && !r.done && r.peek()?._tag === 'Amount' ? r.units('units') : undefined
    let lot: DocumentId | undefined
    let serials: ReadonlyArray<Label> | undefined
    let district: 'inner' | 'remote' | undefined
    let defect: string | undefined
    const defectOption = text(r, 'defect', (v) => (defect = v))
    r.options({
      lot: lotOption(r, (v) => (lot = v)),
      serials: value(
        r,
        (x) => x.list('serial numbers', (y) => y.label('serial number')),
        (v: ReadonlyArray<Label>) => (serials = v),
      ),
      ...choices(
        r,
        'district',
        { inner: 'inner', remote: 'remote' },
        () => district,
        (v) => (district = v),
      ),
      defect: defectOption,
      '"': defectOption,
    })
    r.need(district, 'inner or remote (the military district)')
    r.need(defect, '"DEFECT" (what is wrong)')
    if (r.failed || id === undefined || parties === undefined || district === undefined || defect === undefined)
      return undefined
    return {
      _tag: 'RecordClaim',
      date: r.on,
      id,
      buyer: parties[0],
      seller: parties[1],
      defect,
      district,
      ...(lot !== undefined ? { lot } : {}),
      ...(units !== undefined ? { units } : {}),
      ...(serials !== undefined ? { serials } : {}),
    }
  },

  /** `answer CLAIM` */
  answer: (r) => {
    const claim = r.id('claim id')
    r.options({})
    if (r.failed || claim === undefined) return undefined
    return { _tag: 'AnswerClaim', date: r.on, claim }
  },

  /** `rework ID ENTITY wages MONEY [materials GOODS MONEY] [claim CLAIM] [lot LOT] [closes]` */
  rework: (r) => {
    const id = r.id('rework id')
    const entity = r.entity('entity')
    let wages: Quantity.Quantity | undefined
    let materials: { readonly goods: Op.Goods; readonly cost: Quantity.Quantity } | undefined
    let claim: DocumentId | undefined
    let lot: DocumentId | undefined
    let closesClaim = false
    r.options({
      wages: value(
        r,
        (x) => x.money('wages'),
        (v) => (wages = v),
      ),
      materials: value(
        r,
        (x) => {
          const goods = x.goods('materials')
          const cost = x.money('materials cost')
          return goods !== undefined && cost !== undefined ? { goods, cost } : undefined
        },
        (v) => (materials = v),
      ),
      claim: value(
        r,
        (x) => x.id('claim'),
        (v) => (claim = v),
      ),
      lot: lotOption(r, (v) => (lot = v)),
      closes: flag(() => (closesClaim = true)),
    })
    if (r.failed || id === undefined || entity === undefined) return undefined
    if (wages === undefined && materials === undefined) return r.missing(`wages MONEY or materials GOODS MONEY`)
    return {
      _tag: 'Rework',
      date: r.on,
      id,
      entity,
      wages: wages ?? Quantity.zero,
      ...(claim !== undefined ? { claim } : {}),
      ...(lot !== undefined ? { lot } : {}),
      ...(materials !== undefined ? { materials } : {}),
      ...(closesClaim ? { closesClaim } : {}),
    }
  },
}
