/** Payroll and funds: wages accrued and paid, bonuses with their funding source. */
import { Quantity } from '../../core/index.js'
import type * as Op from '../Operation.js'
import { requireAt } from '../Parameters.js'
import { type Check, type Draft, debit, entity, first, fresh, gt, type Handlers, money, optionalLot } from './Draft.js'

const accrueWages = (d: Draft, op: Op.AccrueWages): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => money('amount', op.amount),
    () => optionalLot(d, op.lot, op.entity),
  )
  if (error !== undefined) return error
  const tags = [{ name: 'staff-category', value: op.staffCategory }]
  const target =
    op.chargeTo === 'wip'
      ? d.account(op.entity, 'wip', op.lot)
      : op.chargeTo === 'overhead'
        ? d.account(op.entity, 'overhead')
        : d.account(op.entity, 'wages', op.staffCategory)
  d.dr(target, op.amount, { tags })
  d.cr(d.account(op.entity, 'wagesPayable'), op.amount, { tags })
  return undefined
}

const accrueBonus = (d: Draft, op: Op.AccrueBonus): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => fresh(d, op.id),
    () => money('amount', op.amount),
  )
  if (error !== undefined) return error
  const permitted = requireAt(d.books.parameters.bonusFunding, op.date, 'bonusFunding')
  if (!permitted.includes(op.fundingSource))
    d.note({ _tag: 'BonusFundingOutsideRule', bonus: op.id, source: op.fundingSource, permitted })
  d.primary = op.id
  d.put({
    kind: 'Bonus',
    id: op.id,
    date: op.date,
    events: [],
    entity: op.entity,
    amount: op.amount,
    staffCategory: op.staffCategory,
    basis: op.basis,
    fundingSource: op.fundingSource,
    approvedBy: op.approvedBy,
    ...(op.decree !== undefined ? { decree: op.decree } : {}),
    permittedSources: permitted,
  })
  const tags = [
    { name: 'staff-category', value: op.staffCategory },
    { name: 'funding-source', value: op.fundingSource },
  ]
  d.dr(d.account(op.entity, op.fundingSource === 'wageFund' ? 'bonus' : 'directorFund'), op.amount, { tags })
  d.cr(d.account(op.entity, 'wagesPayable'), op.amount, { tags })
  return undefined
}

const payWages = (d: Draft, op: Op.PayWages): Check => {
  const payableAccount = d.account(op.entity, 'wagesPayable')
  const error = first(
    () => entity(d, op.entity),
    () => money('amount', op.amount),
    () => {
      const payable = Quantity.negate(d.moneyBalance(payableAccount))
      return gt(op.amount, payable)
        ? { _tag: 'WagesPaymentExceedsPayable', entity: op.entity, payable, requested: op.amount }
        : undefined
    },
    () => debit(d, op.entity, 'wages'),
  )
  if (error !== undefined) return error
  const cash = d.account(op.entity, 'cash')
  d.dr(cash, op.amount)
  d.cr(d.account(op.entity, 'current'), op.amount)
  d.dr(payableAccount, op.amount)
  d.cr(cash, op.amount)
  return undefined
}

/**
 * The checks and the source account shared by the operations that take units out of a lot's
 * work in progress (completion, OTK rejection): the entity, a positive quantity, a cost in
 * kopecks, the lot if named, and enough units in stock.
 */

/** The operations of this instrument, by tag. */
export const handlers = {
  AccrueWages: accrueWages,
  AccrueBonus: accrueBonus,
  PayWages: payWages,
} as const satisfies Handlers
