/**
 * The books: the core `Ledger` (money book and physical book of every entity) plus the domain
 * state that the ledger alone cannot hold: documents and their lifecycles, plans/norms/limits,
 * settlement-account status, the chart of account roles, dated rule parameters, and the history
 * of applied operations with their provenance.
 *
 * Everything here is read-only. Collections are `ReadonlyMap`s keyed by branded ids; they are
 * persistent views of an append-only store (see `Store.ts`): applying an operation costs
 * O(size of the operation), and every `Books` value keeps meaning what it meant.
 *
 * Reading guide for rule writers:
 * - `books.demands.get(id)` → amount, accepted / refused, grounds, remainder disposition, payments.
 * - `books.loans` → lender, borrower, collateral lots and contracts (both sides of M4/R11).
 * - `books.bills` → drawer, drawee, payee, holder, endorsements, discount events, proceeds account.
 * - `books.lots` → units provisionally / finally accepted, rejected, per serial.
 * - `history(books)` → every applied operation with its span, citations, ledger transaction index
 *   and `notes` (rule breaches recorded but not rejected: findings, not failures).
 * - `accountFor(books.chart, entity, role)` and `roleOf` / `stageOf` → which account plays which role.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  AccountName,
  type Amount,
  type Citation,
  Commodity,
  type Entity,
  Ledger,
  type LocalDate,
  type Period,
  type Quantity,
  type SourceSpan,
} from '../core/index.js'
import type { Operation } from './Operation.js'
import { defaultParameters, type FundingSource, type Parameters } from './Parameters.js'
import { newStore, type StoreState, TableView, table } from './Store.js'

// -------------------------------------------------------------------------------------
// identifiers
// -------------------------------------------------------------------------------------

declare const DocumentIdBrand: unique symbol
/** The number of a document (payment demand, shipment note, lot, bill, loan, …). One id space for all kinds. */
export type DocumentId = string & { readonly [DocumentIdBrand]: 'DocumentId' }

declare const LabelBrand: unique symbol
/** A user-chosen name: a staff category (`ITR`), a unit serial (`T28-0412`), a norm category. */
export type Label = string & { readonly [LabelBrand]: 'Label' }

/**
 * Ids and labels are one account segment (a lot id becomes a sub-account): a letter or digit,
 * then letters, digits, `-`, `_`, `.`, `/`, `#`; at most 100 characters.
 */
const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\-_./#]*$/u
/** The most characters a document id or label may have (100). */
export const idLengthMax = 100

/**
 * Why a text is not a document id or label: empty, over 100 characters, or not one account segment (a
 * letter or digit, then letters, digits, `-`, `_`, `.`, `/`, `#`).
 */
export type IdError = { readonly _tag: 'InvalidId'; readonly text: string }

/** Checks and brands a document id (one account segment, at most 100 characters), or returns `InvalidId`. */
export const documentIdFromString = (text: string): E.Either<IdError, DocumentId> =>
  text.length <= idLengthMax && ID_PATTERN.test(text) ? E.right(text as DocumentId) : E.left({ _tag: 'InvalidId', text })

/** Checks and brands a label (one account segment, at most 100 characters), or returns `InvalidId`. */
export const labelFromString = (text: string): E.Either<IdError, Label> =>
  text.length <= idLengthMax && ID_PATTERN.test(text) ? E.right(text as Label) : E.left({ _tag: 'InvalidId', text })

/** For fixtures and tests only. */
export const unsafeDocumentId = (text: string): DocumentId => {
  const result = documentIdFromString(text)
  if (E.isLeft(result)) throw new Error(`not a document id: ${JSON.stringify(text)}`)
  return result.right
}

/** For fixtures and tests only. */
export const unsafeLabel = (text: string): Label => {
  const result = labelFromString(text)
  if (E.isLeft(result)) throw new Error(`not a label: ${JSON.stringify(text)}`)
  return result.right
}

/** A money quantity in the books' currency (`books.currency`), exact, at most 2 fraction digits. */
export type Money = Quantity.Quantity

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
export const stageOf = (books: Books, account: AccountName.AccountName): Stage | undefined => {
  const entity = Ledger.entityOf(books.ledger.declarations, account)
  if (entity === undefined) return undefined
  const role = roleOf(books.chart, entity, account)
  return role === undefined ? undefined : stageOfRole(role)
}

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

interface DocumentBase {
  readonly id: DocumentId
  /** The date of the document itself (issue, presentation, drawing). */
  readonly date: LocalDate.LocalDate
  /** Indices (into `history(books)`) of the operations that created or changed this document, in order. */
  readonly events: ReadonlyArray<number>
}

/** Enumerated grounds for refusing a payment demand (domain.md §3.2; later-practice list). */
export type RefusalGround =
  // full-refusal grounds
  | 'unorderedGoods'
  | 'wrongAddress'
  | 'earlyShipment'
  | 'noAgreedPrice'
  | 'notShipped'
  | 'alreadyPaid'
  // partial-refusal grounds
  | 'priceOverstated'
  | 'quantityAboveContract'
  | 'unorderedMixedWithOrdered'
  | 'arithmeticError'
  | 'partialPrepayment'
  | 'mixedShippedUnshipped'
  | 'defective'
  | 'nonStandard'
  | 'other'

/** Every refusal ground: the full-refusal grounds first, then the partial-refusal ones. */
export const refusalGrounds: ReadonlyArray<RefusalGround> = [
  'unorderedGoods',
  'wrongAddress',
  'earlyShipment',
  'noAgreedPrice',
  'notShipped',
  'alreadyPaid',
  'priceOverstated',
  'quantityAboveContract',
  'unorderedMixedWithOrdered',
  'arithmeticError',
  'partialPrepayment',
  'mixedShippedUnshipped',
  'defective',
  'nonStandard',
  'other',
]

/** Why a payment demand was refused: an enumerated ground and the refusal's own words. */
export interface Refusal {
  readonly ground: RefusalGround
  /** Free text as written in the refusal ("defective transmissions"). */
  readonly text: string
}

/** What became of a refused remainder (domain.md §5.3 item 4: every remainder ends in a terminal state). */
export type RemainderDisposition =
  | { readonly _tag: 'Open' }
  | { readonly _tag: 'Reversed'; readonly date: LocalDate.LocalDate; readonly returnedUnits?: Quantity.Quantity }
  | {
      readonly _tag: 'Diverted'
      readonly date: LocalDate.LocalDate
      readonly instrument: 'bill' | 'cheque'
      readonly instrumentId: DocumentId
      readonly payee: Entity.EntityName
    }

/**
 * How a buyer decided on a payment demand: accepted in full, in part, refused, or silent (accepted by
 * lapse of the acceptance period).
 */
export type DecisionKind = 'Full' | 'Partial' | 'Refused' | 'Silent'

/**
 * A buyer's decision on a payment demand: its kind and date, the money (and units) accepted, the money
 * refused, and the refusal if any.
 */
export interface DemandDecision {
  readonly _tag: DecisionKind
  readonly date: LocalDate.LocalDate
  readonly accepted: Money
  readonly acceptedUnits?: Quantity.Quantity
  /** `accepted + refused = amount` (invariant). */
  readonly refused: Money
  readonly refusal?: Refusal
}

/**
 * A payment demand (платёжное требование) presented by a seller to a buyer: amount, goods, shipments,
 * acceptance deadline, decision, payments, documents credit and refused remainder.
 */
export interface PaymentDemand extends DocumentBase {
  readonly kind: 'PaymentDemand'
  readonly seller: Entity.EntityName
  readonly buyer: Entity.EntityName
  /** The presented amount (at plan price). */
  readonly amount: Money
  /** The goods invoiced, if stated. */
  readonly units?: Amount.Amount
  readonly unitPrice?: Money
  /** `services` when the demand bills services (repair, rework) with nothing to ship; goods otherwise. */
  readonly bills?: 'services'
  /** Shipment documents the demand refers to; empty means "presented without shipment" (R3). */
  readonly shipments: ReadonlyArray<DocumentId>
  readonly lot?: DocumentId
  readonly contract?: DocumentId
  /** Last day the buyer may accept or refuse; afterwards silence is acceptance. */
  readonly acceptanceDeadline: LocalDate.LocalDate
  readonly status: 'Presented' | 'Decided' | 'Closed'
  readonly decision?: DemandDecision
  readonly paid: Money
  /** Gosbank credit on documents in transit (§3.2), repaid out of payments. */
  readonly documentsCredit?: { readonly bank: Entity.EntityName; readonly date: LocalDate.LocalDate; readonly amount: Money; readonly repaid: Money }
  /** The refused remainder and what became of it, once decided with a refusal. */
  readonly remainder?: { readonly amount: Money; readonly units?: Quantity.Quantity; readonly disposition: RemainderDisposition }
}

/**
 * A shipment of goods by a seller: the goods and their cost, the account they sit in while shipped,
 * its status, and the units and cost not yet released or returned.
 */
export interface Shipment extends DocumentBase {
  readonly kind: 'Shipment'
  readonly seller: Entity.EntityName
  readonly buyer?: Entity.EntityName
  readonly goods: Amount.Amount
  readonly cost: Money
  readonly lot?: DocumentId
  /** The account the units sit in while shipped. */
  readonly account: AccountName.AccountName
  readonly status: 'Shipped' | 'Invoiced' | 'Released' | 'Returned'
  readonly demand?: DocumentId
  /** Units and cost still in `account` (not yet released to cost of sales or returned). */
  readonly remainingUnits: Quantity.Quantity
  readonly remainingCost: Money
}

/** Where one serial-numbered unit of a lot stands in military acceptance. */
export type UnitAcceptance = 'provisional' | 'final' | 'rejected'

/**
 * A production lot of one commodity: units launched, provisionally and finally accepted, rejected,
 * per-serial acceptance, rework cost, claims and the loans it secures.
 */
export interface Lot extends DocumentBase {
  readonly kind: 'Lot'
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly contract?: DocumentId
  readonly launched: Quantity.Quantity
  readonly provisional: Quantity.Quantity
  readonly final: Quantity.Quantity
  readonly rejected: Quantity.Quantity
  readonly serials: ReadonlyMap<Label, UnitAcceptance>
  readonly reworkCost: Money
  readonly claims: ReadonlyArray<DocumentId>
  readonly loans: ReadonlyArray<DocumentId>
}

/**
 * A military acceptance certificate for units of a lot: provisional, final or rejected, with the
 * goods, their cost and the serials.
 */
export interface AcceptanceCertificate extends DocumentBase {
  readonly kind: 'AcceptanceCertificate'
  readonly stage: 'provisional' | 'final' | 'rejected'
  readonly seller: Entity.EntityName
  /** The acceptor (military representative's directorate). */
  readonly buyer: Entity.EntityName
  readonly lot: DocumentId
  readonly goods: Amount.Amount
  readonly cost: Money
  readonly serials: ReadonlyArray<Label>
}

/** Where a buyer is, which sets the claim response period: `inner` or `remote` (parameter `claimResponseDays`). */
export type District = 'inner' | 'remote'

/**
 * A buyer's quality claim against a seller: the units and serials, the defect, the response deadline,
 * its status and the reworks that answered it.
 */
export interface Claim extends DocumentBase {
  readonly kind: 'Claim'
  readonly seller: Entity.EntityName
  readonly buyer: Entity.EntityName
  readonly lot?: DocumentId
  readonly units?: Quantity.Quantity
  readonly serials: ReadonlyArray<Label>
  readonly defect: string
  readonly district: District
  /** Presentation date + 12 / 25 days (parameter `claimResponseDays`). */
  readonly responseDeadline: LocalDate.LocalDate
  readonly status: 'Open' | 'Answered' | 'Closed'
  readonly answeredOn?: LocalDate.LocalDate
  readonly reworks: ReadonlyArray<DocumentId>
}

/**
 * Rework of defective goods by an entity, optionally for a claim or lot: the materials and wages spent
 * and their total (money).
 */
export interface Rework extends DocumentBase {
  readonly kind: 'Rework'
  readonly entity: Entity.EntityName
  readonly claim?: DocumentId
  readonly lot?: DocumentId
  readonly materials?: { readonly goods: Amount.Amount; readonly cost: Money }
  readonly wages: Money
  readonly total: Money
}

/** One version of a contract's specification: unit price, planned cost, units and description, from its date. */
export interface ContractVersion {
  readonly version: number
  readonly date: LocalDate.LocalDate
  readonly unitPrice: Money
  readonly plannedCost: Money
  readonly units?: Quantity.Quantity
  readonly description: string
}

/**
 * A supply contract between a seller and a buyer, with its specification versions (the last is
 * current) and the loans it secures.
 */
export interface Contract extends DocumentBase {
  readonly kind: 'Contract'
  readonly seller: Entity.EntityName
  readonly buyer: Entity.EntityName
  readonly commodity?: Commodity.CommoditySymbol
  /** Version 1 first; the last is current. */
  readonly versions: ReadonlyArray<ContractVersion>
  readonly loans: ReadonlyArray<DocumentId>
}

/** Which lender programme a loan falls under: Gosbank short-term credit or a savings-bank loan. */
export type LoanKind = 'gosbankShortTerm' | 'savingsBank'
/** Every loan kind. */
export const loanKinds: ReadonlyArray<LoanKind> = ['gosbankShortTerm', 'savingsBank']

/** Day-count conventions: days between dates / basis. `30/360` counts each month as 30 days. */
export type DayCount = 'actual/360' | 'actual/365' | '30/360'
/** Every day-count convention. */
export const dayCounts: ReadonlyArray<DayCount> = ['actual/360', 'actual/365', '30/360']

/** How a loan's interest is computed: simple interest on the outstanding principal, or an annuity. */
export type InterestScheme = 'simple' | 'annuity'

/**
 * A loan from a lender to a borrower: kind, purpose, collateral, principal, annual rate, term, scheme
 * and day count, and its outstanding principal and interest.
 */
export interface Loan extends DocumentBase {
  readonly kind: 'Loan'
  readonly lender: Entity.EntityName
  readonly borrower: Entity.EntityName
  readonly loanKind: LoanKind
  readonly purpose: string
  readonly collateral: { readonly lots: ReadonlyArray<DocumentId>; readonly contracts: ReadonlyArray<DocumentId> }
  readonly principal: Money
  /** Annual rate as a fraction (0.09 = 9 %). */
  readonly rate: Quantity.Quantity
  readonly termMonths: number
  readonly maturity: LocalDate.LocalDate
  readonly scheme: InterestScheme
  readonly dayCount: DayCount
  readonly outstandingPrincipal: Money
  readonly outstandingInterest: Money
  readonly interestAccrued: Money
  readonly interestPaid: Money
  /** Interest has been accrued up to (excluding) this date. */
  readonly accruedTo: LocalDate.LocalDate
  readonly status: 'Active' | 'Repaid' | 'Refinanced'
  readonly refinances?: DocumentId
  readonly refinancedBy?: DocumentId
}

/**
 * One discounting of a bill at a bank: the rate, days and basis, the rounding applied, and the
 * discount and proceeds in money.
 */
export interface DiscountEvent {
  readonly date: LocalDate.LocalDate
  /** The discounting bank (becomes the holder). */
  readonly bank: Entity.EntityName
  /** Who discounted it (the holder before). */
  readonly holder: Entity.EntityName
  readonly rate: Quantity.Quantity
  readonly days: number
  readonly basis: number
  readonly rounding: Quantity.Rounding
  readonly discount: Money
  readonly proceeds: Money
  readonly proceedsAccount: AccountName.AccountName
}

/** A bill of exchange: drawer, drawee, payee and holder, face value, maturity, acceptance, endorsements, discounts and status. */
export interface Bill extends DocumentBase {
  readonly kind: 'Bill'
  /** Who draws (for a simple bill: the maker, who promises to pay). */
  readonly drawer: Entity.EntityName
  /** Who is ordered to pay; equals the drawer for a simple bill. */
  readonly drawee: Entity.EntityName
  readonly payee: Entity.EntityName
  readonly face: Money
  readonly maturity: LocalDate.LocalDate
  readonly holder: Entity.EntityName
  readonly acceptedBy?: { readonly entity: Entity.EntityName; readonly date: LocalDate.LocalDate }
  readonly endorsements: ReadonlyArray<{ readonly date: LocalDate.LocalDate; readonly from: Entity.EntityName; readonly to: Entity.EntityName }>
  readonly discounts: ReadonlyArray<DiscountEvent>
  /** The payment demand whose refused remainder this bill diverts (M5). */
  readonly origin?: DocumentId
  readonly status: 'Circulating' | 'Redeemed' | 'Protested'
  readonly settledOn?: LocalDate.LocalDate
}

/** A cheque from a drawer to a payee, optionally diverting a refused demand remainder. */
export interface Cheque extends DocumentBase {
  readonly kind: 'Cheque'
  readonly drawer: Entity.EntityName
  readonly payee: Entity.EntityName
  readonly amount: Money
  readonly origin?: DocumentId
}

/**
 * A bonus paid by an entity to a staff category: amount, basis, funding source, approval, decree, and
 * the funding sources permitted on its date.
 */
export interface Bonus extends DocumentBase {
  readonly kind: 'Bonus'
  readonly entity: Entity.EntityName
  readonly amount: Money
  readonly staffCategory: Label
  readonly basis: { readonly description: string; readonly claimedSaving?: Quantity.Quantity }
  readonly fundingSource: FundingSource
  readonly approvedBy: string
  readonly decree?: { readonly number: string; readonly date: LocalDate.LocalDate }
  /** The funding sources the rule in force permitted on the bonus date. */
  readonly permittedSources: ReadonlyArray<FundingSource>
}

/** A stock count of one commodity in one account: the book and counted quantities, their difference, and its value in money. */
export interface PhysicalCount extends DocumentBase {
  readonly kind: 'PhysicalCount'
  readonly entity: Entity.EntityName
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  readonly bookQuantity: Quantity.Quantity
  readonly counted: Quantity.Quantity
  /** counted − book (negative: shortage). */
  readonly difference: Quantity.Quantity
  readonly unitValue: Money
  /** |difference| × unitValue, rounded; signed like `difference`. */
  readonly valueDifference: Money
}

/** Any document the books keep, discriminated by `kind`. */
export type Document =
  | PaymentDemand
  | Shipment
  | Lot
  | AcceptanceCertificate
  | Claim
  | Rework
  | Contract
  | Loan
  | Bill
  | Cheque
  | Bonus
  | PhysicalCount

/** The `kind` of a document: `PaymentDemand`, `Shipment`, `Lot`, … . */
export type DocumentKind = Document['kind']

/** True when no further operation may change the document. */
export const isTerminal = (document: Document): boolean => {
  switch (document.kind) {
    case 'PaymentDemand':
      return document.status === 'Closed'
    case 'Shipment':
      return document.status === 'Released' || document.status === 'Returned'
    case 'Claim':
      return document.status === 'Closed'
    case 'Loan':
      return document.status !== 'Active'
    case 'Bill':
      return document.status !== 'Circulating'
    case 'Lot':
    case 'Contract':
      return false
    case 'AcceptanceCertificate':
    case 'Rework':
    case 'Cheque':
    case 'Bonus':
    case 'PhysicalCount':
      return true
  }
}

/** The lifecycle status of a document, for messages and reports. */
export const statusOf = (document: Document): string => {
  switch (document.kind) {
    case 'PaymentDemand':
    case 'Shipment':
    case 'Claim':
    case 'Loan':
    case 'Bill':
      return document.status
    case 'Lot':
    case 'Contract':
      return 'Open'
    case 'AcceptanceCertificate':
    case 'Rework':
    case 'Cheque':
    case 'Bonus':
    case 'PhysicalCount':
      return 'Recorded'
  }
}

// -------------------------------------------------------------------------------------
// settlement accounts, plans, history
// -------------------------------------------------------------------------------------

/** Classes of payment out of a settlement account (M7, R15–R16); the priority order is configuration. */
export type PaymentClass = 'wages' | 'budget' | 'bankLoan' | 'supplier' | 'bill' | 'overhead' | 'other'
/** Every payment class. */
export const paymentClasses: ReadonlyArray<PaymentClass> = ['wages', 'budget', 'bankLoan', 'supplier', 'bill', 'overhead', 'other']

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

/** One dated value of a plan line: money amount, optional units, whether it is approximate, and the operation that set it. */
export interface PlanRevision {
  /** The date the value was set (effective from). */
  readonly date: LocalDate.LocalDate
  readonly amount: Money
  readonly units?: Quantity.Quantity
  readonly operation: number
  /** True when the figure is approximate (written `~`). */
  readonly estimated: boolean
}

/** A plan, norm or limit for one entity, item and period, with its dated revisions (the last one ≤ a date is in force). */
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
  | { readonly _tag: 'BonusFundingOutsideRule'; readonly bonus: DocumentId; readonly source: FundingSource; readonly permitted: ReadonlyArray<FundingSource> }
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
  /** The same document entered again, entry for entry; `first` is the history index of the operation that created it. */
  | { readonly _tag: 'DuplicateDocumentRecorded'; readonly id: DocumentId; readonly kind: DocumentKind; readonly first: number }

/** One applied operation, with its provenance. */
export interface AppliedOperation {
  /** Position in `history(books)`, 0-based. */
  readonly index: number
  readonly operation: Operation
  readonly span: SourceSpan.SourceSpan
  readonly citations: ReadonlyArray<Citation.Citation>
  /** True when a figure of the operation is approximate. */
  readonly estimated: boolean
  /** Index of the ledger transaction it posted, if it posted one (memo-only operations do not). */
  readonly transaction?: number
  readonly documents: ReadonlyArray<DocumentId>
  readonly notes: ReadonlyArray<DomainNote>
}

// -------------------------------------------------------------------------------------
// books
// -------------------------------------------------------------------------------------

declare const BooksBrand: unique symbol

/**
 * The books: the ledger plus every document by kind, settlement-account statuses, plans, the chart of
 * roles, dated parameters and the operation count; a persistent, read-only view.
 */
export interface Books {
  readonly [BooksBrand]: 'Books'
  readonly ledger: Ledger.Ledger
  /** The money commodity of every domain amount (default `RUB`). */
  readonly currency: Commodity.CommoditySymbol
  readonly chart: Chart
  readonly parameters: Parameters
  /** Number of operations applied. */
  readonly size: number
  /** Every document of every kind. */
  readonly documents: ReadonlyMap<DocumentId, Document>
  readonly demands: ReadonlyMap<DocumentId, PaymentDemand>
  readonly shipments: ReadonlyMap<DocumentId, Shipment>
  readonly lots: ReadonlyMap<DocumentId, Lot>
  readonly certificates: ReadonlyMap<DocumentId, AcceptanceCertificate>
  readonly claims: ReadonlyMap<DocumentId, Claim>
  readonly reworks: ReadonlyMap<DocumentId, Rework>
  readonly contracts: ReadonlyMap<DocumentId, Contract>
  readonly loans: ReadonlyMap<DocumentId, Loan>
  readonly bills: ReadonlyMap<DocumentId, Bill>
  readonly cheques: ReadonlyMap<DocumentId, Cheque>
  readonly bonuses: ReadonlyMap<DocumentId, Bonus>
  readonly counts: ReadonlyMap<DocumentId, PhysicalCount>
  /** Status of settlement accounts that were ever frozen (absent = active). */
  readonly settlementAccounts: ReadonlyMap<AccountName.AccountName, SettlementAccount>
  /** Plans, norms and limits by `planKey`. */
  readonly plans: ReadonlyMap<string, PlanLine>
}

/** @internal the table names of the store, one per collection. */
export const tableNames = {
  documents: 'documents',
  demands: 'demands',
  shipments: 'shipments',
  lots: 'lots',
  certificates: 'certificates',
  claims: 'claims',
  reworks: 'reworks',
  contracts: 'contracts',
  loans: 'loans',
  bills: 'bills',
  cheques: 'cheques',
  bonuses: 'bonuses',
  counts: 'counts',
  settlementAccounts: 'settlementAccounts',
  plans: 'plans',
} as const

/** @internal the table of each document kind. */
export const tableOfKind: Readonly<Record<DocumentKind, keyof typeof tableNames>> = {
  PaymentDemand: 'demands',
  Shipment: 'shipments',
  Lot: 'lots',
  AcceptanceCertificate: 'certificates',
  Claim: 'claims',
  Rework: 'reworks',
  Contract: 'contracts',
  Loan: 'loans',
  Bill: 'bills',
  Cheque: 'cheques',
  Bonus: 'bonuses',
  PhysicalCount: 'counts',
}

/** @internal */
export interface BooksInternal {
  readonly ledger: Ledger.Ledger
  readonly currency: Commodity.CommoditySymbol
  readonly chart: Chart
  readonly parameters: Parameters
  readonly size: number
  readonly store: StoreState<AppliedOperation>
}

const view = <K, V>(store: StoreState<AppliedOperation>, name: string, version: number): ReadonlyMap<K, V> =>
  new TableView<K, V>(table<K, V>(store, name), version)

/** @internal builds the public view of a store at a version. O(number of tables). */
export const makeBooks = (value: BooksInternal): Books => {
  const { store, size } = value
  const books = {
    ...value,
    documents: view(store, tableNames.documents, size),
    demands: view(store, tableNames.demands, size),
    shipments: view(store, tableNames.shipments, size),
    lots: view(store, tableNames.lots, size),
    certificates: view(store, tableNames.certificates, size),
    claims: view(store, tableNames.claims, size),
    reworks: view(store, tableNames.reworks, size),
    contracts: view(store, tableNames.contracts, size),
    loans: view(store, tableNames.loans, size),
    bills: view(store, tableNames.bills, size),
    cheques: view(store, tableNames.cheques, size),
    bonuses: view(store, tableNames.bonuses, size),
    counts: view(store, tableNames.counts, size),
    settlementAccounts: view(store, tableNames.settlementAccounts, size),
    plans: view(store, tableNames.plans, size),
  }
  return books as unknown as Books
}

/** @internal */
export const internal = (books: Books): BooksInternal => books as unknown as BooksInternal

/**
 * Options for new books: the money commodity (default `RUB`), the chart of roles (default
 * `defaultChart`) and the parameters (default `defaultParameters`).
 */
export interface BooksOptions {
  readonly currency?: Commodity.CommoditySymbol
  readonly chart?: Chart
  readonly parameters?: Parameters
}

/**
 * Books over an existing ledger (entities must already be declared on it: core requires
 * entities before the first posting).
 */
export const fromLedger = (ledger: Ledger.Ledger, options: BooksOptions = {}): Books =>
  makeBooks({
    ledger,
    currency: options.currency ?? Commodity.unsafeSymbol('RUB'),
    chart: options.chart ?? defaultChart,
    parameters: options.parameters ?? defaultParameters,
    size: 0,
    store: newStore(),
  })

/**
 * Empty books for the given entities; declares the currency as a money commodity. Fails with the
 * `DeclarationError` when an entity is declared twice.
 *
 * @example
 * ```ts
 * const kirov = { name: Entity.unsafeName('kirov'), citations: [] }
 * const books = Books.empty([kirov])
 * // E.isRight(books) → true, books.right.currency → 'RUB', books.right.size → 0
 * // Books.empty([kirov, kirov]) → E.left({ _tag: 'DuplicateEntity', … })
 * ```
 */
export const empty = (entities: ReadonlyArray<Entity.Entity>, options: BooksOptions = {}): E.Either<Ledger.DeclarationError, Books> => {
  const currency = options.currency ?? Commodity.unsafeSymbol('RUB')
  let ledger = Ledger.empty()
  const declared = Ledger.declareCommodity(Commodity.money(currency, { side: 'right', spaced: true, decimalMark: '.', groupMark: ',', precision: 2 }))(ledger)
  if (E.isLeft(declared)) return declared
  ledger = declared.right
  for (const entity of entities) {
    const next = Ledger.declareEntity(entity)(ledger)
    if (E.isLeft(next)) return next
    ledger = next.right
  }
  return E.right(fromLedger(ledger, { ...options, currency }))
}

/** The applied operations of this view, in order. O(1) for the newest view. */
export const history = (books: Books): ReadonlyArray<AppliedOperation> => {
  const { store, size } = internal(books)
  return size === store.history.length ? store.history : store.history.slice(0, size)
}

/**
 * Posts a plain transaction (one written as postings, not as an operation) to the books'
 * ledger. Atomic, O(its postings); the domain state is unchanged.
 */
export const postTransaction =
  (input: import('../core/Transaction.js').TransactionInput) =>
  (books: Books): E.Either<Ledger.PostingError, Books> => {
    const posted = Ledger.post(input)(books.ledger)
    if (E.isLeft(posted)) return posted
    return E.right(makeBooks({ ...internal(books), ledger: posted.right }))
  }

/** The document and its kind, or undefined. */
export const documentOf = (books: Books, id: DocumentId): Document | undefined => books.documents.get(id)

/** The settlement-account status of `account` (active unless ever frozen). */
export const settlementStatus = (books: Books, account: AccountName.AccountName): 'Active' | 'Frozen' =>
  books.settlementAccounts.get(account)?.status ?? 'Active'

/** Every loan whose collateral names `lot` or `contract` (R11 exposure), both lenders' and borrowers' sides. */
export const loansAgainst = (books: Books, collateral: DocumentId): ReadonlyArray<Loan> => {
  const result: Loan[] = []
  for (const loan of books.loans.values()) {
    if (loan.collateral.lots.includes(collateral) || loan.collateral.contracts.includes(collateral)) result.push(loan)
  }
  return result
}
