/**
 * Plan fulfilment three ways (domain.md M9, Q15), each against the output plan:
 *
 * - reported gross output: sales recognized at plan price in the period + growth of WIP;
 * - physical output: units that reached `finished`, valued at the plan's price per unit;
 * - realized sales: demands finally accepted and paid (document-level books), or, for aggregate
 *   books without payment demands, sales recognized less the growth of receivables.
 */
import * as O from 'fp-ts/lib/Option.js'
import {
  type Commodity,
  type Entity,
  type LocalDate,
  type Period,
  Quantity,
  type Rate,
  type Transaction,
} from '../core/index.js'
import type { Books, PaymentDemand } from '../domain/Books.js'
import {
  balanceOn,
  dayAfter,
  dayBefore,
  flow,
  type Latest,
  type LedgerIndex,
  latestOfUnion,
  mergeFlows,
} from './Flows.js'
import { unitsReachingIndexed } from './Physical.js'
import { type PlanValue, planLines, revisionEstimated, valueKnownOn } from './Plans.js'
import { percentOf } from './Ratio.js'

/**
 * Realized sales money for a period (exact, in the books currency), with the demands and transactions counted and the
 * method used (document-level demands or aggregate).
 */
export interface RealizedSales {
  readonly money: Quantity.Quantity
  /** Demands (document-level) that contributed. */
  readonly demands: ReadonlyArray<PaymentDemand>
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The last of `transactions` (see `Flow.latest`), read without listing them all. */
  readonly latest?: Latest
  readonly method: 'demands' | 'aggregate'
  readonly estimated: boolean
  /**
   * False when the books hold no input for it: aggregate books with no sales posted in the period
   * and no change in receivables. Then `money` is zero only for want of data, and the measure is
   * "not computable: no realized sales", never 0 %.
   */
  readonly computable: boolean
}

/**
 * True when a demand's goods have passed the acceptance that applies to them: military final
 * acceptance for a lot sold to a military buyer or put through military acceptance (a
 * certificate on the lot); a civilian buyer's acceptance of the demand otherwise (or when it
 * names no lot).
 */
const finallyAccepted = (books: Books, demand: PaymentDemand, certifiedLots: ReadonlySet<string>): boolean => {
  if (demand.lot === undefined) return true
  const lot = books.lots.get(demand.lot)
  if (lot === undefined) return true
  const military = books.ledger.declarations.entities.get(demand.buyer)?.sector === 'military'
  return !(military || certifiedLots.has(demand.lot)) || Quantity.sign(lot.final) > 0
}

/** The lots with a military acceptance certificate (provisional, final or rejection). */
const certifiedLotsOf = (books: Books): ReadonlySet<string> =>
  new Set([...books.certificates.values()].map((certificate) => certificate.lot))

/**
 * Realized sales of `entity` in `[period.start, min(period end, asOf)]`: payments received on
 * demands decided in that range whose goods were finally accepted; for books without demands,
 * sales recognized less the growth of receivables.
 */
export const realizedSales = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
  index?: LedgerIndex,
): RealizedSales => {
  const last = dayBefore(period.endExclusive) < asOf ? dayBefore(period.endExclusive) : asOf
  const sellerDemands = (): ReadonlyArray<PaymentDemand> =>
    [...books.demands.values()].filter((demand) => demand.seller === entity)
  // with the run's index, the entity's demands are listed once
  const demands =
    index !== undefined && index.books === books
      ? index.memo(`demandsOf\u0000${entity}`, sellerDemands)
      : sellerDemands()
  if (demands.length > 0) {
    const certifiedLots =
      index !== undefined && index.books === books
        ? index.memo('certifiedLots', () => certifiedLotsOf(books))
        : certifiedLotsOf(books)
    const used: PaymentDemand[] = []
    let money = Quantity.zero
    for (const demand of demands) {
      const decided = demand.decision?.date ?? demand.date
      if (decided < period.start || decided > last) continue
      if (!finallyAccepted(books, demand, certifiedLots) || Quantity.sign(demand.paid) <= 0) continue
      money = Quantity.add(money, demand.paid)
      used.push(demand)
    }
    used.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return { money, demands: used, transactions: [], method: 'demands', estimated: false, computable: true }
  }
  const sales = flow(
    books,
    {
      entity,
      roles: ['sales'],
      range: { begin: period.start, end: period.endExclusive <= asOf ? period.endExclusive : dayAfter(asOf) },
    },
    index,
  )
  const opening = balanceOn(books, entity, ['receivables', 'divertedReceivables'], dayBefore(period.start), index)
  const closing = balanceOn(books, entity, ['receivables', 'divertedReceivables'], last, index)
  const growth = Quantity.subtract(closing.money, opening.money)
  const recognized = Quantity.negate(sales.money)
  // The merged transactions are listed only when asked for.
  let merged: ReadonlyArray<Transaction.Transaction> | undefined
  return {
    money: Quantity.subtract(recognized, growth),
    demands: [],
    get transactions(): ReadonlyArray<Transaction.Transaction> {
      merged ??= mergeFlows([sales, opening, closing]).transactions
      return merged
    },
    latest: (count, test) => latestOfUnion([sales, opening, closing], count, test),
    method: 'aggregate',
    estimated: sales.estimated || opening.estimated || closing.estimated,
    computable: latestOfUnion([sales], 1).length > 0 || !Quantity.isZero(growth),
  }
}

/**
 * One output plan line for a commodity: its planned money amount, its planned units when given, and the plan revision
 * known on the as-of date.
 */
export interface OutputPlanValue {
  readonly commodity: Commodity.CommoditySymbol
  readonly amount: Quantity.Quantity
  readonly units?: Quantity.Quantity
  readonly plan: PlanValue
}

/**
 * Plan fulfilment of one entity and period three ways (reported gross, physical, realized), each as an Option
 * percentage of the plan with two decimals, half-even.
 */
export interface PlanFulfilment {
  readonly entity: Entity.EntityName
  readonly period: Period.Period
  readonly plans: ReadonlyArray<OutputPlanValue>
  readonly planAmount: Quantity.Quantity
  /**
   * `money` when the plan has a money amount; `units` when it is planned in units only (then
   * physical and realized fulfilment count units: reaching finished goods, and finally accepted).
   */
  readonly basis: 'money' | 'units'
  /** Planned units (plans in units only), summed over their commodities. */
  readonly planUnits: Quantity.Quantity
  /** Units finally accepted in the period up to the as-of date (plans in units only). */
  readonly acceptedUnits: Quantity.Quantity
  /** Sales recognized at plan price + WIP growth. */
  readonly reportedGross: {
    readonly money: Quantity.Quantity
    readonly salesRecognized: Quantity.Quantity
    readonly wipGrowth: Quantity.Quantity
  }
  /**
   * Units that reached `finished`, and their value at the plan's price per unit (only commodities planned in units).
   */
  readonly physical: {
    readonly units: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>
    readonly money: Quantity.Quantity
    readonly valued: boolean
  }
  readonly realized: RealizedSales
  /** Percentages of the plan amount, two decimals; none without a plan. */
  readonly ratios: {
    readonly reportedGross: O.Option<Rate.PercentPoints>
    readonly physical: O.Option<Rate.PercentPoints>
    readonly realized: O.Option<Rate.PercentPoints>
  }
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The last of `transactions` (see `Flow.latest`), read without listing them all. */
  readonly latest?: Latest
  readonly estimated: boolean
}

/** Output plans of `entity` whose period equals `period` (same start and end). */
export const outputPlans = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
): ReadonlyArray<OutputPlanValue> => {
  const result: OutputPlanValue[] = []
  for (const line of planLines(books, entity, 'OutputPlan')) {
    if (line.period.start !== period.start || line.period.endExclusive !== period.endExclusive) continue
    const plan = valueKnownOn(line, asOf)
    if (plan === undefined) continue
    result.push({
      commodity: line.item.commodity,
      amount: plan.revision.amount,
      ...(plan.revision.units !== undefined ? { units: plan.revision.units } : {}),
      plan,
    })
  }
  return result.sort((a, b) => (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0))
}

/**
 * Plan fulfilment of `entity` for `period`, with data up to `asOf`; with `commodity`, of that
 * commodity's plan alone (units of different commodities are never summed). With the run's
 * `index`, computed once per entity, period, as-of date and commodity.
 */
export const planFulfilment = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
  commodity?: Commodity.CommoditySymbol,
  index?: LedgerIndex,
): PlanFulfilment => {
  if (index === undefined || index.books !== books)
    return measurePlanFulfilment(books, entity, period, asOf, commodity, undefined)
  const key =
    `planFulfilment\u0000${entity}\u0000${period.start}\u0000${period.endExclusive}\u0000` +
    `${period.label}\u0000${asOf}\u0000${commodity ?? ''}`
  return index.memo(key, () => measurePlanFulfilment(books, entity, period, asOf, commodity, index))
}

const measurePlanFulfilment = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
  commodity: Commodity.CommoditySymbol | undefined,
  index: LedgerIndex | undefined,
): PlanFulfilment => {
  const plans = outputPlans(books, entity, period, asOf).filter(
    (plan) => commodity === undefined || plan.commodity === commodity,
  )
  const planAmount = Quantity.sumAll(plans.map((plan) => plan.amount))
  const endExclusive = period.endExclusive <= asOf ? period.endExclusive : dayAfter(asOf)
  const last = dayBefore(endExclusive)
  const sales = flow(books, { entity, roles: ['sales'], range: { begin: period.start, end: endExclusive } }, index)
  const wipOpen = balanceOn(books, entity, ['wip', 'rejected'], dayBefore(period.start), index)
  const wipClose = balanceOn(books, entity, ['wip', 'rejected'], last, index)
  const salesRecognized = Quantity.negate(sales.money)
  const wipGrowth = Quantity.subtract(wipClose.money, wipOpen.money)
  const reached = unitsReachingIndexed(
    books,
    { entity, stage: 'finished', range: { begin: period.start, end: endExclusive } },
    index,
  )
  let physicalMoney = Quantity.zero
  let valued = false
  for (const plan of plans) {
    if (plan.units === undefined || Quantity.isZero(plan.units)) continue
    const units = reached.units.get(plan.commodity) ?? Quantity.zero
    const value = Quantity.divide(plan.units, { scaleDigits: 2, mode: 'halfEven' })(
      Quantity.multiply(units, plan.amount),
    )
    if (value._tag === 'Right') {
      physicalMoney = Quantity.add(physicalMoney, value.right)
      valued = true
    }
  }
  const realized = realizedSales(books, entity, period, asOf, index)
  const reportedMoney = Quantity.add(salesRecognized, wipGrowth)
  const flows = [sales, wipOpen, wipClose]
  // Plans in units only: fulfilment is counted in units of the planned commodities.
  const unitPlans = plans.filter(
    (plan) => Quantity.isZero(plan.amount) && plan.units !== undefined && Quantity.sign(plan.units) > 0,
  )
  const basis: 'money' | 'units' = Quantity.sign(planAmount) <= 0 && unitPlans.length > 0 ? 'units' : 'money'
  const planUnits = Quantity.sumAll(unitPlans.map((plan) => plan.units ?? Quantity.zero))
  const accepted = unitsReachingIndexed(
    books,
    { entity, stage: 'finallyAccepted', range: { begin: period.start, end: dayAfter(asOf) } },
    index,
  )
  const plannedCommodities = new Set(unitPlans.map((plan) => plan.commodity))
  const sumPlanned = (units: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>): Quantity.Quantity =>
    Quantity.sumAll(
      [...units.entries()].filter(([commodity]) => plannedCommodities.has(commodity)).map(([, quantity]) => quantity),
    )
  const reachedUnits = sumPlanned(reached.units)
  const acceptedUnits = sumPlanned(accepted.units)
  // The contributing transactions are listed only when asked for.
  let listed: ReadonlyArray<Transaction.Transaction> | undefined
  const list = (): ReadonlyArray<Transaction.Transaction> => {
    const transactions = new Map<number, Transaction.Transaction>()
    const contributing = [
      ...mergeFlows(flows).transactions,
      ...reached.transactions,
      ...realized.transactions,
      ...(basis === 'units' ? accepted.transactions : []),
    ]
    for (const transaction of contributing) transactions.set(transaction.index, transaction)
    return [...transactions.values()].sort((a, b) => a.index - b.index)
  }
  const ratio = (money: Quantity.Quantity, ok: boolean): O.Option<Rate.PercentPoints> =>
    ok && Quantity.sign(planAmount) > 0 ? percentOf(money, planAmount) : O.none
  const ratios =
    basis === 'units'
      ? {
          reportedGross: O.none,
          physical: percentOf(reachedUnits, planUnits),
          realized: percentOf(acceptedUnits, planUnits),
        }
      : {
          reportedGross: ratio(reportedMoney, true),
          physical: ratio(physicalMoney, valued),
          realized: ratio(realized.money, true),
        }
  return {
    entity,
    period,
    plans,
    planAmount,
    basis,
    planUnits,
    acceptedUnits,
    reportedGross: { money: reportedMoney, salesRecognized, wipGrowth },
    physical: { units: reached.units, money: physicalMoney, valued },
    realized,
    ratios,
    get transactions(): ReadonlyArray<Transaction.Transaction> {
      listed ??= list()
      return listed
    },
    latest: (count, test) =>
      latestOfUnion(
        [...flows, reached.transactions, realized, ...(basis === 'units' ? [accepted.transactions] : [])],
        count,
        test,
      ),
    estimated:
      flows.some((item) => item.estimated) ||
      reached.estimated ||
      realized.estimated ||
      (basis === 'units' && accepted.estimated) ||
      plans.some((plan) => revisionEstimated(plan.plan.revision)),
  }
}
