/** Settlement accounts and their status, plan lines and their revisions, and the notes operations record. */
import type { AccountName, Commodity, Entity, LocalDate, Period, Quantity } from '../core/index.js'
import type { DocumentId, DocumentKind, Label, LoanKind, Money } from './Documents.js'
import type { FundingSource } from './Parameters.js'
// -------------------------------------------------------------------------------------
// settlement accounts, plans, history
// -------------------------------------------------------------------------------------

/** Classes of payment out of a settlement account (M7, R15–R16); the priority order is configuration. */
export type PaymentClass = 'wages' | 'budget' | 'bankLoan' | 'supplier' | 'bill' | 'overhead' | 'other'
/** Every payment class. */
export const paymentClasses: ReadonlyArray<PaymentClass> = [
  'wages',
  'budget',
  'bankLoan',
  'supplier',
  'bill',
  'overhead',
  'other',
]

/**
 * One freeze or unfreeze of a settlement account: date, new status, the payment classes still
 * permitted, the authority, and the operation index.
 */
export interface AccountStatusChange {
  readonly date: LocalDate.LocalDate
  readonly status: 'Active' | 'Frozen'
  readonly permitted: ReadonlyArray<PaymentClass>
  readonly authority: string
  readonly operation: number
}

/**
 * The status of a settlement account that was ever frozen: active or frozen since a date, the
 * permitted classes, and its history of changes.
 */
export interface SettlementAccount {
  readonly entity: Entity.EntityName
  readonly account: AccountName.AccountName
  readonly status: 'Active' | 'Frozen'
  /** While frozen: the classes of debit still allowed. */
  readonly permitted: ReadonlyArray<PaymentClass>
  readonly since: LocalDate.LocalDate
  readonly history: ReadonlyArray<AccountStatusChange>
}

/** Categories of working capital a norm can be set for (M8). */
export type NormCategory = 'materials' | 'wip' | 'finished' | 'shipped' | 'total'
/** Every working-capital norm category. */
export const normCategories: ReadonlyArray<NormCategory> = ['materials', 'wip', 'finished', 'shipped', 'total']

/**
 * What a plan line is for: a working-capital norm by category, a wage fund by staff category, an
 * output plan by commodity, or a credit limit by lender and loan kind.
 */
export type PlanItem =
  | { readonly _tag: 'WorkingCapitalNorm'; readonly category: NormCategory }
  | { readonly _tag: 'WageFund'; readonly staffCategory: Label }
  | { readonly _tag: 'OutputPlan'; readonly commodity: Commodity.CommoditySymbol }
  | { readonly _tag: 'CreditLimit'; readonly lender: Entity.EntityName; readonly loanKind: LoanKind }

/**
 * One dated value of a plan line: money amount, optional units, whether it is approximate, and the operation that set
 * it.
 */
export interface PlanRevision {
  /** The date the value was set (effective from). */
  readonly date: LocalDate.LocalDate
  readonly amount: Money
  readonly units?: Quantity.Quantity
  readonly operation: number
  /** True when the figure is approximate (written `~`). */
  readonly estimated: boolean
}

/**
 * A plan, norm or limit for one entity, item and period, with its dated revisions (the last one ≤ a date is in
 * force).
 */
export interface PlanLine {
  readonly entity: Entity.EntityName
  readonly item: PlanItem
  readonly period: Period.Period
  readonly revisions: ReadonlyArray<PlanRevision>
}

/** The key of a plan line in `books.plans`: `entity|item|detail|period`. */
export const planKey = (entity: Entity.EntityName, item: PlanItem, period: Period.Period): string => {
  const detail =
    item._tag === 'WorkingCapitalNorm'
      ? item.category
      : item._tag === 'WageFund'
        ? item.staffCategory
        : item._tag === 'OutputPlan'
          ? item.commodity
          : `${item.lender}/${item.loanKind}`
  return `${entity}|${item._tag}|${detail}|${period.start}..${period.endExclusive}`
}

/** The revision of a plan line in force on `on`, if any. */
export const planValueAt = (line: PlanLine, on: LocalDate.LocalDate): PlanRevision | undefined => {
  let found: PlanRevision | undefined
  for (const revision of line.revisions) if (revision.date <= on) found = revision
  return found
}

/**
 * A rule breach an operation knowingly records instead of rejecting (a finding for `reconcile/`,
 * with the operation's evidence): the books must be able to hold what happened.
 */
export type DomainNote =
  | {
      readonly _tag: 'BonusFundingOutsideRule'
      readonly bonus: DocumentId
      readonly source: FundingSource
      readonly permitted: ReadonlyArray<FundingSource>
    }
  | { readonly _tag: 'BillBetweenStateParties'; readonly bill: DocumentId; readonly cutoff: LocalDate.LocalDate }
  | { readonly _tag: 'SavingsBankLoanOutsideProgramme'; readonly loan: DocumentId; readonly date: LocalDate.LocalDate }
  | {
      readonly _tag: 'FrozenAccountDebitRecorded'
      readonly entity: Entity.EntityName
      readonly account: AccountName.AccountName
      readonly paymentClass: PaymentClass
      readonly permitted: ReadonlyArray<PaymentClass>
    }
  | { readonly _tag: 'DemandWithoutShipment'; readonly demand: DocumentId }
  /**
   * The same document entered again, entry for entry; `first` is the history index of the operation that created it.
   */
  | {
      readonly _tag: 'DuplicateDocumentRecorded'
      readonly id: DocumentId
      readonly kind: DocumentKind
      readonly first: number
    }
