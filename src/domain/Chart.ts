/**
 * The chart of account roles: which account plays which role for an entity, and the physical stage of goods it holds.
 */
import { AccountName, type Entity } from '../core/index.js'

// -------------------------------------------------------------------------------------
// chart of account roles
// -------------------------------------------------------------------------------------

/** The part an account plays in an entity's books (domain.md §5.1, plus the counterpart roles of buyers and banks). */
export type Role =
  // physical stages of the seller's goods
  | 'materials'
  | 'wip'
  | 'rejected'
  | 'finished'
  | 'shipped'
  | 'provisional'
  | 'scrapped'
  | 'materialsConsumed'
  | 'goodsOrigin'
  | 'countDifference'
  // money assets
  | 'rework'
  | 'receivables'
  | 'divertedReceivables'
  | 'billsReceivable'
  | 'current'
  | 'cash'
  /** Circulating assets whose composition the sources do not give (working capital, category `other`). */
  | 'otherCirculating'
  // liabilities and funds
  | 'gosbankShortTerm'
  | 'gosbankDocuments'
  | 'savingsBankLoans'
  | 'billsPayable'
  | 'payables'
  | 'wagesPayable'
  | 'directorFund'
  // income and expenses
  | 'sales'
  | 'costOfSales'
  | 'wages'
  | 'bonus'
  | 'overhead'
  | 'interest'
  | 'otherIncome'
  // the buyer's side of a payment demand
  | 'inTransit'
  | 'received'
  // the bank's side of a loan or a discount
  | 'loansIssued'
  | 'deposits'
  | 'interestIncome'

/** Default account of each role, below the entity prefix (`kirov:` + suffix). */
export const defaultRoleSuffix: Readonly<Record<Role, string>> = {
  materials: 'assets:materials',
  wip: 'assets:wip',
  rejected: 'assets:wip:rejected',
  finished: 'assets:finished',
  shipped: 'assets:shipped',
  provisional: 'assets:provisional',
  scrapped: 'expenses:overhead:scrap',
  materialsConsumed: 'expenses:materials-consumed',
  goodsOrigin: 'equity:goods-origin',
  countDifference: 'expenses:overhead:count-differences',
  rework: 'assets:rework',
  receivables: 'assets:receivables',
  divertedReceivables: 'assets:receivables:diverted',
  billsReceivable: 'assets:bills',
  current: 'assets:bank:current',
  cash: 'assets:cash',
  otherCirculating: 'assets:circulating-other',
  gosbankShortTerm: 'liabilities:gosbank:short-term',
  gosbankDocuments: 'liabilities:gosbank:documents',
  savingsBankLoans: 'liabilities:savings-bank',
  billsPayable: 'liabilities:bills',
  payables: 'liabilities:payables',
  wagesPayable: 'liabilities:wages',
  directorFund: 'equity:director-fund',
  sales: 'income:sales',
  costOfSales: 'expenses:cost-of-sales',
  wages: 'expenses:wages',
  bonus: 'expenses:wages:bonus',
  overhead: 'expenses:overhead',
  interest: 'expenses:interest',
  otherIncome: 'income:other',
  inTransit: 'assets:in-transit',
  received: 'assets:received',
  loansIssued: 'assets:loans',
  deposits: 'liabilities:deposits',
  interestIncome: 'income:interest',
}

/** Every account role, in the order of `defaultRoleSuffix`. */
export const roles: ReadonlyArray<Role> = Object.keys(defaultRoleSuffix) as ReadonlyArray<Role>

/**
 * Where a unit of goods is. Units move materials → wip → finished → shipped → provisionallyAccepted
 * → finallyAccepted, or to rejected / scrapped; `external` is the boundary they enter through
 * (supplier receipts, launched production) and `countDifference` absorbs count surpluses and
 * shortages, so that every transaction conserves units per commodity and entity.
 */
export type Stage =
  | 'external'
  | 'materials'
  | 'wip'
  | 'rejected'
  | 'finished'
  | 'shipped'
  | 'provisionallyAccepted'
  | 'finallyAccepted'
  | 'scrapped'
  | 'consumed'
  | 'countDifference'

const stageByRole: Partial<Record<Role, Stage>> = {
  goodsOrigin: 'external',
  materials: 'materials',
  wip: 'wip',
  rejected: 'rejected',
  finished: 'finished',
  shipped: 'shipped',
  provisional: 'provisionallyAccepted',
  costOfSales: 'finallyAccepted',
  scrapped: 'scrapped',
  materialsConsumed: 'consumed',
  rework: 'consumed',
  countDifference: 'countDifference',
}

/** The physical stage an account of this role holds goods in, if it holds goods. */
export const stageOfRole = (role: Role): Stage | undefined => stageByRole[role]

/** Per-entity overrides of role accounts; anything not overridden is `entity:` + `defaultRoleSuffix[role]`. */
export interface Chart {
  readonly overrides: ReadonlyMap<Entity.EntityName, ReadonlyMap<Role, AccountName.AccountName>>
}

/** The chart with no overrides: every role's account is `entity:` + `defaultRoleSuffix[role]`. */
export const defaultChart: Chart = { overrides: new Map() }

/** The account playing `role` in `entity`'s books. */
export const accountFor = (chart: Chart, entity: Entity.EntityName, role: Role): AccountName.AccountName =>
  chart.overrides.get(entity)?.get(role) ?? (`${entity}:${defaultRoleSuffix[role]}` as AccountName.AccountName)

/**
 * The role of an account of `entity`: the role whose account is the longest one containing it
 * (a lot sub-account `kirov:assets:finished:L-36-1` plays `finished`), or undefined.
 */
export const roleOf = (chart: Chart, entity: Entity.EntityName, account: AccountName.AccountName): Role | undefined => {
  let best: Role | undefined
  let bestLength = -1
  for (const role of roles) {
    const candidate = accountFor(chart, entity, role)
    if (candidate.length > bestLength && AccountName.isWithin(account, candidate)) {
      best = role
      bestLength = candidate.length
    }
  }
  return best
}

/** The physical stage of goods held in `account`, derived from its role. */
