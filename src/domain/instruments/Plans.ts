/** Plans, norms and physical counts: plan lines and stocktakes. */
import { Amount, Ledger, Quantity } from '../../core/index.js'
import { planKey, roleOf, stageOfRole } from '../Books.js'
import type * as Op from '../Operation.js'
import { type Check, type Draft, entity, first, fresh, type Handlers, moneyOrZero, nonNegative, sub } from './Draft.js'

const setPlan = (d: Draft, op: Op.SetPlan): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => (op.item._tag === 'CreditLimit' ? entity(d, op.item.lender) : undefined),
    () => moneyOrZero('amount', op.amount),
    () => (op.units !== undefined ? nonNegative('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  const key = planKey(op.entity, op.item, op.period)
  const existing = d.plans.get(key) ?? d.books.plans.get(key)
  const revision = {
    date: op.date,
    amount: op.amount,
    ...(op.units !== undefined ? { units: op.units } : {}),
    operation: d.index,
    estimated: d.context.estimated === true,
  }
  d.plans.set(key, {
    entity: op.entity,
    item: op.item,
    period: op.period,
    revisions: [...(existing?.revisions ?? []), revision],
  })
  return undefined
}

const physicalCount = (d: Draft, op: Op.PhysicalCount): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => fresh(d, op.id),
    () => nonNegative('counted', op.counted),
    () => nonNegative('unitValue', op.unitValue),
    () =>
      Ledger.entityOf(d.books.ledger.declarations, op.account) !== op.entity
        ? { _tag: 'AccountNotOfEntity', account: op.account, entity: op.entity }
        : undefined,
    () => {
      const role = roleOf(d.books.chart, op.entity, op.account)
      const stage = role === undefined ? undefined : stageOfRole(role)
      return stage === undefined || stage === 'external' || stage === 'countDifference'
        ? { _tag: 'NotAPhysicalAccount', account: op.account }
        : undefined
    },
  )
  if (error !== undefined) return error
  const book = d.available(op.account, op.commodity)
  const difference = sub(op.counted, book)
  const magnitude = Quantity.round(d.rounding)(Quantity.multiply(Quantity.abs(difference), op.unitValue))
  const value = Quantity.sign(difference) < 0 ? Quantity.negate(magnitude) : magnitude
  d.primary = op.id
  d.put({
    kind: 'PhysicalCount',
    id: op.id,
    date: op.date,
    events: [],
    entity: op.entity,
    account: op.account,
    commodity: op.commodity,
    bookQuantity: book,
    counted: op.counted,
    difference,
    unitValue: op.unitValue,
    valueDifference: value,
  })
  if (!Quantity.isZero(difference)) {
    const moved = Amount.make(difference, op.commodity)
    d.leg(op.account, value, { goods: moved })
    d.leg(d.account(op.entity, 'countDifference'), Quantity.negate(value), { goods: Amount.negate(moved) })
  }
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  SetPlan: setPlan,
  PhysicalCount: physicalCount,
} as const satisfies Handlers
