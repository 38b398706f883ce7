/**
 * Production: materials received and issued, work in progress launched, completed and rejected by the factory
 * inspection (OTK).
 */
import type { AccountName, Amount } from '../../core/index.js'
import type { Lot } from '../Books.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import {
  add,
  type Check,
  type Draft,
  entity,
  find,
  first,
  goods,
  type Handlers,
  isError,
  lotOf,
  moneyOrZero,
  optionalLot,
  positive,
  stock,
  zero,
} from './Draft.js'

const receiveMaterials = (d: Draft, op: Op.ReceiveMaterials): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
  )
  if (error !== undefined) return error
  const units = goods(op.goods)
  d.dr(d.account(op.entity, 'materials'), op.cost, { goods: units })
  d.cr(d.account(op.entity, 'payables'), op.cost)
  d.cr(d.account(op.entity, 'goodsOrigin'), zero, { goods: units })
  return undefined
}

const launchWip = (d: Draft, op: Op.LaunchWip): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => {
      if (op.contract === undefined) return undefined
      const contract = find(d, op.contract, 'Contract')
      return isError(contract) ? contract : undefined
    },
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) {
    const existing = d.document(op.lot)
    if (existing !== undefined) {
      const lot = lotOf(d, op.lot, op.entity, op.goods.commodity)
      if (isError(lot)) return lot
      d.put({ ...lot, launched: add(lot.launched, op.goods.quantity) })
    } else {
      d.put<Lot>({
        kind: 'Lot',
        id: op.lot,
        date: op.date,
        events: [],
        entity: op.entity,
        commodity: op.goods.commodity,
        ...(op.contract !== undefined ? { contract: op.contract } : {}),
        launched: op.goods.quantity,
        provisional: zero,
        final: zero,
        rejected: zero,
        serials: new Map(),
        reworkCost: zero,
        claims: [],
        loans: [],
      })
    }
    d.primary = op.lot
  }
  const units = goods(op.goods)
  d.dr(d.account(op.entity, 'wip', op.lot), zero, { goods: units })
  d.cr(d.account(op.entity, 'goodsOrigin'), zero, { goods: units })
  return undefined
}

const issueMaterials = (d: Draft, op: Op.IssueMaterials): Check => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'materials')
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) d.primary = op.lot
  d.move(d.account(op.entity, 'wip', op.lot), from, op.cost, units)
  return undefined
}

const outOfWip = (
  d: Draft,
  op: Op.CompleteWip | Op.OtkReject,
): { readonly units: Amount.Amount; readonly from: AccountName.AccountName } | DomainError => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'wip', op.lot)
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity, op.goods.commodity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) d.primary = op.lot
  return { units, from }
}

const completeWip = (d: Draft, op: Op.CompleteWip): Check => {
  const source = outOfWip(d, op)
  if ('_tag' in source) return source
  const { units, from } = source
  d.move(d.account(op.entity, 'finished', op.lot), from, op.cost, units)
  for (const consumed of op.consumed ?? []) {
    const material = goods(consumed)
    const consumedError = first(
      () => positive('consumed.quantity', consumed.quantity),
      () => stock(d, from, material),
    )
    if (consumedError !== undefined) return consumedError
    d.move(d.account(op.entity, 'materialsConsumed'), from, zero, material)
  }
  return undefined
}

const otkReject = (d: Draft, op: Op.OtkReject): Check => {
  const source = outOfWip(d, op)
  if ('_tag' in source) return source
  const { units, from } = source
  d.move(
    op.disposition === 'scrap' ? d.account(op.entity, 'scrapped') : d.account(op.entity, 'rejected', op.lot),
    from,
    op.cost,
    units,
  )
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  ReceiveMaterials: receiveMaterials,
  LaunchWip: launchWip,
  IssueMaterials: issueMaterials,
  CompleteWip: completeWip,
  OtkReject: otkReject,
} as const satisfies Handlers
