/**
 * Journal syntax of production: materials received and issued, work in progress launched, completed, rejected by the
 * OTK.
 */
import type * as Quantity from '../../core/Quantity.js'
import type { DocumentId } from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import { choices, type Form, lotOption, text, value } from './Reader.js'

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `receive ENTITY GOODS cost MONEY [from SUPPLIER]` */
  receive: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let supplier: string | undefined
    r.options({
      cost: value(
        r,
        (x) => x.money('cost'),
        (v) => (cost = v),
      ),
      from: text(r, 'supplier', (v) => (supplier = v)),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return {
      _tag: 'ReceiveMaterials',
      date: r.on,
      entity,
      goods,
      cost,
      ...(supplier !== undefined ? { supplier } : {}),
    }
  },

  /** `launch ENTITY GOODS [lot LOT] [contract CONTRACT]` */
  launch: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let lot: DocumentId | undefined
    let contract: DocumentId | undefined
    r.options({
      lot: lotOption(r, (v) => (lot = v)),
      contract: value(
        r,
        (x) => x.id('contract'),
        (v) => (contract = v),
      ),
    })
    if (r.failed || entity === undefined || goods === undefined) return undefined
    return {
      _tag: 'LaunchWip',
      date: r.on,
      entity,
      goods,
      ...(lot !== undefined ? { lot } : {}),
      ...(contract !== undefined ? { contract } : {}),
    }
  },

  /** `issue ENTITY GOODS cost MONEY [lot LOT]` */
  issue: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    r.options({
      cost: value(
        r,
        (x) => x.money('cost'),
        (v) => (cost = v),
      ),
      lot: lotOption(r, (v) => (lot = v)),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return { _tag: 'IssueMaterials', date: r.on, entity, goods, cost, ...(lot !== undefined ? { lot } : {}) }
  },

  /** `complete ENTITY GOODS cost MONEY [lot LOT] [consumed GOODS…]` */
  complete: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    let consumed: ReadonlyArray<Op.Goods> | undefined
    r.options({
      cost: value(
        r,
        (x) => x.money('cost'),
        (v) => (cost = v),
      ),
      lot: lotOption(r, (v) => (lot = v)),
      consumed: value(
        r,
        (x) => {
          const list: Op.Goods[] = []
          do {
            const item = x.goods('consumed')
            if (item === undefined) return undefined
            list.push(item)
          } while (x.atGoods())
          return list
        },
        (v) => (consumed = v),
      ),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return {
      _tag: 'CompleteWip',
      date: r.on,
      entity,
      goods,
      cost,
      ...(lot !== undefined ? { lot } : {}),
      ...(consumed !== undefined ? { consumed } : {}),
    }
  },

  /** `otk-reject ENTITY GOODS cost MONEY scrap|rework [lot LOT]` */
  'otk-reject': (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    let disposition: Op.OtkReject['disposition'] | undefined
    r.options({
      cost: value(
        r,
        (x) => x.money('cost'),
        (v) => (cost = v),
      ),
      lot: lotOption(r, (v) => (lot = v)),
      ...choices(
        r,
        'disposition',
        { scrap: 'scrap', rework: 'rework' },
        () => disposition,
        (v) => (disposition = v),
      ),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    r.need(disposition, 'scrap or rework')
    if (r.failed || entity === undefined || goods === undefined || cost === undefined || disposition === undefined)
      return undefined
    return { _tag: 'OtkReject', date: r.on, entity, goods, cost, disposition, ...(lot !== undefined ? { lot } : {}) }
  },
}
