/** Journal syntax of shipments. */
import type * as Entity from '../../core/Entity.js'
import type * as Quantity from '../../core/Quantity.js'
import type { DocumentId } from '../../domain/Books.js'
import { type Form, lotOption, value } from './Reader.js'

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `ship ID SELLER [-> BUYER] GOODS cost MONEY [lot LOT]` */
  ship: (r) => {
    const id = r.id('shipment id')
    const entity = r.entity('seller')
    let buyer: Entity.EntityName | undefined
    if (!r.failed && r.peek()?._tag === 'Arrow') {
      r.take()
      buyer = r.entity('buyer')
    }
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
    if (r.failed || id === undefined || entity === undefined || goods === undefined || cost === undefined)
      return undefined
    return {
      _tag: 'Ship',
      date: r.on,
      id,
      entity,
      goods,
      cost,
      ...(buyer !== undefined ? { buyer } : {}),
      ...(lot !== undefined ? { lot } : {}),
    }
  },
}
