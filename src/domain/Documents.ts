/**
 * Document identifiers and the documents of the books (demands, shipments, lots, claims, contracts, loans, bills,
 * cheques, bonuses, counts) with their lifecycles.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AccountName, Amount, Commodity, Entity, LocalDate, Quantity, Rate } from '../core/index.js'
import { notText } from '../core/Untyped.js'
import type { FundingSource } from './Parameters.js'

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
  typeof text === 'string' && text.length <= idLengthMax && ID_PATTERN.test(text)
    ? E.right(text as DocumentId)
    : E.left({ _tag: 'InvalidId', text: typeof text === 'string' ? text : notText(text) })

/** Checks and brands a label (one account segment, at most 100 characters), or returns `InvalidId`. */
export const labelFromString = (text: string): E.Either<IdError, Label> =>
  typeof text === 'string' && text.length <= idLengthMax && ID_PATTERN.test(text)
    ? E.right(text as Label)
    : E.left({ _tag: 'InvalidId', text: typeof text === 'string' ? text : notText(text) })

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
 * A payment demand (платёжное требование) presented by a seller to a buyer: amount, goods,
 * shipments,
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
  readonly documentsCredit?: {
    readonly bank: Entity.EntityName
    readonly date: LocalDate.LocalDate
    readonly amount: Money
    readonly repaid: Money
  }
  /** The refused remainder and what became of it, once decided with a refusal. */
  readonly remainder?: {
    readonly amount: Money
    readonly units?: Quantity.Quantity
    readonly disposition: RemainderDisposition
  }
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
  readonly rate: Rate.Fraction
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
  /** The annual discount rate as a fraction (0.08 = 8 %). */
  readonly rate: Rate.Fraction
  readonly days: number
  readonly basis: number
  readonly rounding: Quantity.Rounding
  readonly discount: Money
  readonly proceeds: Money
  readonly proceedsAccount: AccountName.AccountName
}

/**
 * A bill of exchange: drawer, drawee, payee and holder, face value, maturity, acceptance, endorsements, discounts and
 * status.
 */
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
  readonly endorsements: ReadonlyArray<{
    readonly date: LocalDate.LocalDate
    readonly from: Entity.EntityName
    readonly to: Entity.EntityName
  }>
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

/**
 * A stock count of one commodity in one account: the book and counted quantities, their difference, and its value in
 * money.
 */
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
