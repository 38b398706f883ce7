/** Shipments: finished goods sent to a buyer. */
import type { Shipment } from '../Books.js'
import type * as Op from '../Operation.js'
import {
  type Check,
  type Draft,
  entity,
  first,
  fresh,
  goods,
  type Handlers,
  moneyOrZero,
  optionalLot,
  parties,
  positive,
  stock,
} from './Draft.js'

const ship = (d: Draft, op: Op.Ship): Check => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'finished', op.lot)
  const to = d.account(op.entity, 'shipped', op.lot)
  const error = first(
    () => entity(d, op.entity),
    () => (op.buyer !== undefined ? parties(d, op.entity, op.buyer) : undefined),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity, op.goods.commodity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  d.primary = op.id
  d.put<Shipment>({
    kind: 'Shipment',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.entity,
    ...(op.buyer !== undefined ? { buyer: op.buyer } : {}),
    goods: units,
    cost: op.cost,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    account: to,
    status: 'Shipped',
    remainingUnits: op.goods.quantity,
    remainingCost: op.cost,
  })
  d.move(to, from, op.cost, units)
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  Ship: ship,
} as const satisfies Handlers
