/**
 * Working capital (circulating funds) by category against its norm, and how it is financed
 * (domain.md M8, §3.3): own funds cover the norm, above-norm stocks are financed by Gosbank
 * credit and payables.
 */
import { type Entity, type LocalDate, Quantity, type Transaction } from '../core/index.js'
import type { Books, NormCategory, Role } from '../domain/Books.js'
import { balanceOn, type Flow, type Latest, type LedgerIndex, latestOfUnion, mergeFlows } from './Flows.js'
import { linesCovering, type PlanValue, planLines, revisionEstimated, valueKnownOn } from './Plans.js'

/** The categories of circulating assets measured. */
export type WorkingCapitalCategory =
  | 'materials'
  | 'wip'
  | 'finished'
  | 'provisional'
  | 'shipped'
  | 'receivables'
  | 'cash'
  | 'other'

/** Every measured category of circulating assets, in display order. */
export const workingCapitalCategories: ReadonlyArray<WorkingCapitalCategory> = [
  'materials',
  'wip',
  'finished',
  'provisional',
  'shipped',
  'receivables',
  'cash',
  'other',
]

/** The roles whose balances make up each category. */
export const categoryRoles: Readonly<Record<WorkingCapitalCategory, ReadonlyArray<Role>>> = {
  materials: ['materials'],
  wip: ['wip', 'rejected'],
  finished: ['finished'],
  provisional: ['provisional'],
  shipped: ['shipped'],
  receivables: ['receivables', 'divertedReceivables', 'billsReceivable'],
  cash: ['current', 'cash'],
  other: ['rework', 'otherCirculating'],
}

/** The measured categories a norm category covers (`total` covers all). */
export const normCovers: Readonly<Record<NormCategory, ReadonlyArray<WorkingCapitalCategory>>> = {
  materials: ['materials'],
  wip: ['wip'],
  finished: ['finished'],
  shipped: ['shipped', 'provisional'],
  total: workingCapitalCategories,
}

/**
 * The exact balance of one working-capital category on a date (debit-positive money), with the flow it was read from.
 */
export interface CategoryBalance {
  readonly category: WorkingCapitalCategory
  readonly actual: Quantity.Quantity
  readonly flow: Flow
}

/**
 * One norm category against its norm in force: the norm, the exact actual balance and the excess over the norm, in
 * money.
 */
export interface NormComparison {
  readonly category: NormCategory
  readonly norm: Quantity.Quantity
  readonly actual: Quantity.Quantity
  /** actual − norm (negative when below norm). */
  readonly excess: Quantity.Quantity
  readonly plan: PlanValue
  readonly estimated: boolean
}

/**
 * How the working capital is financed on a date: bank credit, savings-bank credit, payables and the remainder for own
 * funds, exact money.
 */
export interface Financing {
  /** Gosbank short-term credit and credit on documents in transit (credit balances, positive). */
  readonly bankCredit: Quantity.Quantity
  readonly savingsBankCredit: Quantity.Quantity
  /** Payables, wages payable, bills payable. */
  readonly payables: Quantity.Quantity
  /** total − bank credit − savings-bank credit − payables: what own funds (and anything unrecorded) finance. */
  readonly ownAndOther: Quantity.Quantity
}

/**
 * The working capital of one entity on a date: exact money balances per category and in total, compared with the norms
 * in force, and how it is financed.
 */
export interface WorkingCapital {
  readonly entity: Entity.EntityName
  readonly on: LocalDate.LocalDate
  readonly categories: ReadonlyArray<CategoryBalance>
  readonly total: Quantity.Quantity
  /** One comparison per norm category with a norm in force (a `total` norm works alone). */
  readonly norms: ReadonlyArray<NormComparison>
  readonly financing: Financing
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The last of `transactions` (see `Flow.latest`), read without listing them all. */
  readonly latest?: Latest
  readonly estimated: boolean
}

const creditBalance = (
  books: Books,
  entity: Entity.EntityName,
  roles: ReadonlyArray<Role>,
  on: LocalDate.LocalDate,
  index: LedgerIndex | undefined,
): Flow => balanceOn(books, entity, roles, on, index)

/**
 * Working capital of `entity` at the end of `on`, with the norms whose period contains `on`
 * (value as known on `asOf`, default `on`). With the run's `index`, computed once per entity and dates.
 */
export const workingCapital = (
  books: Books,
  entity: Entity.EntityName,
  on: LocalDate.LocalDate,
  asOf: LocalDate.LocalDate = on,
  index?: LedgerIndex,
): WorkingCapital => {
  if (index !== undefined && index.books === books)
    return index.memo(`workingCapital\u0000${entity}\u0000${on}\u0000${asOf}`, () =>
      measureWorkingCapital(books, entity, on, asOf, index),
    )
  return measureWorkingCapital(books, entity, on, asOf, undefined)
}

const measureWorkingCapital = (
  books: Books,
  entity: Entity.EntityName,
  on: LocalDate.LocalDate,
  asOf: LocalDate.LocalDate,
  index: LedgerIndex | undefined,
): WorkingCapital => {
  const categories = workingCapitalCategories.map((category) => {
    const result = balanceOn(books, entity, categoryRoles[category], on, index)
    return { category, actual: result.money, flow: result }
  })
  const total = Quantity.sumAll(categories.map((item) => item.actual))
  const norms: NormComparison[] = []
  for (const line of linesCovering(planLines(books, entity, 'WorkingCapitalNorm'), on)) {
    const plan = valueKnownOn(line, asOf)
    if (plan === undefined) continue
    const covered = normCovers[line.item.category]
    const actual = Quantity.sumAll(
      categories.filter((item) => covered.includes(item.category)).map((item) => item.actual),
    )
    const estimated =
      revisionEstimated(plan.revision) ||
      categories.some((item) => covered.includes(item.category) && item.flow.estimated)
    norms.push({
      category: line.item.category,
      norm: plan.revision.amount,
      actual,
      excess: Quantity.subtract(actual, plan.revision.amount),
      plan,
      estimated,
    })
  }
  norms.sort((a, b) =>
    a.category === 'total'
      ? 1
      : b.category === 'total'
        ? -1
        : a.category < b.category
          ? -1
          : a.category > b.category
            ? 1
            : 0,
  )
  const bank = creditBalance(books, entity, ['gosbankShortTerm', 'gosbankDocuments'], on, index)
  const savings = creditBalance(books, entity, ['savingsBankLoans'], on, index)
  const payables = creditBalance(books, entity, ['payables', 'wagesPayable', 'billsPayable'], on, index)
  const bankCredit = Quantity.negate(bank.money)
  const savingsBankCredit = Quantity.negate(savings.money)
  const payablesTotal = Quantity.negate(payables.money)
  // The merged transactions are listed only when asked for.
  let merged: ReturnType<typeof mergeFlows> | undefined
  const mergedFlows = (): ReturnType<typeof mergeFlows> => {
    merged ??= mergeFlows(categories.map((item) => item.flow))
    return merged
  }
  return {
    entity,
    on,
    categories,
    total,
    norms,
    financing: {
      bankCredit,
      savingsBankCredit,
      payables: payablesTotal,
      ownAndOther: Quantity.subtract(
        Quantity.subtract(Quantity.subtract(total, bankCredit), savingsBankCredit),
        payablesTotal,
      ),
    },
    get transactions(): ReadonlyArray<Transaction.Transaction> {
      return mergedFlows().transactions
    },
    latest: (count, test) =>
      latestOfUnion(
        categories.map((item) => item.flow),
        count,
        test,
      ),
    estimated: categories.some((item) => item.flow.estimated),
  }
}
