/**
 * Why an operation was rejected: a tagged union of facts (never prose), each tag naming the rule
 * that was broken, and one exhaustive renderer. A rejected operation changes nothing.
 */
import { type AccountName, type Commodity, type Entity, type LocalDate, Quantity, Rate } from '../core/index.js'
import type { DocumentId, DocumentKind, Label, PaymentClass } from './Books.js'
import type { OperationTag } from './Operation.js'

type Q = Quantity.Quantity

/**
 * Why an operation was rejected: a tagged union of facts (the rule broken and the figures involved),
 * rendered to a sentence by `renderDomainError`.
 */
export type DomainError =
  | { readonly _tag: 'InvalidOperation'; readonly operation: string; readonly reason: string }
  | { readonly _tag: 'UnknownEntity'; readonly entity: Entity.EntityName }
  | { readonly _tag: 'SamePartyOnBothSides'; readonly entity: Entity.EntityName; readonly operation: OperationTag }
  | {
      readonly _tag: 'InvalidAmount'
      readonly field: string
      readonly value: Q
      readonly reason: 'notPositive' | 'negative' | 'subKopeck'
    }
  | { readonly _tag: 'InvalidRate'; readonly rate: Rate.Fraction }
  | { readonly _tag: 'InvalidTerm'; readonly field: string; readonly value: number }
  | { readonly _tag: 'DateOutOfRange'; readonly date: LocalDate.LocalDate; readonly what: string }
  | { readonly _tag: 'UnknownDocument'; readonly id: DocumentId; readonly expected: DocumentKind }
  | {
      readonly _tag: 'DocumentKindMismatch'
      readonly id: DocumentId
      readonly expected: DocumentKind
      readonly actual: DocumentKind
    }
  | {
      readonly _tag: 'DuplicateDocument'
      readonly id: DocumentId
      readonly existing: DocumentKind
      readonly existingAt?: string
    }
  | {
      readonly _tag: 'DocumentInTerminalState'
      readonly id: DocumentId
      readonly kind: DocumentKind
      readonly status: string
      readonly operation: OperationTag
    }
  | {
      readonly _tag: 'DateBeforeDocument'
      readonly id: DocumentId
      readonly documentDate: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'InsufficientStock'
      readonly account: AccountName.AccountName
      readonly commodity: Commodity.CommoditySymbol
      readonly available: Q
      readonly requested: Q
    }
  | { readonly _tag: 'NotAPhysicalAccount'; readonly account: AccountName.AccountName }
  | {
      readonly _tag: 'AccountNotOfEntity'
      readonly account: AccountName.AccountName
      readonly entity: Entity.EntityName
    }
  | {
      readonly _tag: 'CommodityMismatch'
      readonly id: DocumentId
      readonly expected: Commodity.CommoditySymbol
      readonly actual: Commodity.CommoditySymbol
    }
  | {
      readonly _tag: 'DemandAmountMismatch'
      readonly id: DocumentId
      readonly amount: Q
      readonly units: Q
      readonly unitPrice: Q
    }
  | { readonly _tag: 'ShipmentAlreadyInvoiced'; readonly shipment: DocumentId; readonly demand: DocumentId }
  | {
      readonly _tag: 'PartyMismatch'
      readonly id: DocumentId
      readonly role: 'seller' | 'buyer' | 'holder' | 'drawee' | 'entity'
      readonly expected: Entity.EntityName
      readonly actual: Entity.EntityName
    }
  | { readonly _tag: 'DemandAlreadyDecided'; readonly demand: DocumentId; readonly decidedOn: LocalDate.LocalDate }
  | { readonly _tag: 'DemandNotDecided'; readonly demand: DocumentId }
  | {
      readonly _tag: 'AcceptancePeriodLapsed'
      readonly demand: DocumentId
      readonly deadline: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'AcceptancePeriodNotLapsed'
      readonly demand: DocumentId
      readonly deadline: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'PartialAcceptanceExceedsOpen'
      readonly demand: DocumentId
      readonly open: Q
      readonly accepted: Q
    }
  | {
      readonly _tag: 'PartialAcceptanceNotPartial'
      readonly demand: DocumentId
      readonly open: Q
      readonly accepted: Q
    }
  | {
      readonly _tag: 'RefusedAmountMismatch'
      readonly demand: DocumentId
      readonly amount: Q
      readonly accepted: Q
      readonly refused: Q
    }
  | { readonly _tag: 'UnitsExceedDemand'; readonly demand: DocumentId; readonly demanded: Q; readonly accepted: Q }
  | {
      readonly _tag: 'PaymentExceedsAccepted'
      readonly demand: DocumentId
      readonly accepted: Q
      readonly paid: Q
      readonly requested: Q
    }
  | { readonly _tag: 'DocumentsAlreadyCredited'; readonly demand: DocumentId; readonly bank: Entity.EntityName }
  | { readonly _tag: 'CreditExceedsDemand'; readonly demand: DocumentId; readonly amount: Q; readonly requested: Q }
  | { readonly _tag: 'NoOpenRemainder'; readonly demand: DocumentId }
  | { readonly _tag: 'SerialCountMismatch'; readonly units: Q; readonly serials: number }
  | {
      readonly _tag: 'UnitAlreadyAccepted'
      readonly lot: DocumentId
      readonly serial: Label
      readonly stage: 'provisional' | 'final' | 'rejected'
    }
  | { readonly _tag: 'UnitNotProvisionallyAccepted'; readonly lot: DocumentId; readonly serial: Label }
  | { readonly _tag: 'ExceedsProvisionallyAccepted'; readonly lot: DocumentId; readonly open: Q; readonly requested: Q }
  | { readonly _tag: 'ClaimAlreadyAnswered'; readonly claim: DocumentId; readonly answeredOn: LocalDate.LocalDate }
  | {
      readonly _tag: 'AccrualNotAfterLastAccrual'
      readonly loan: DocumentId
      readonly accruedTo: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'RepaymentExceedsOutstanding'
      readonly loan: DocumentId
      readonly part: 'principal' | 'interest'
      readonly outstanding: Q
      readonly requested: Q
    }
  | {
      readonly _tag: 'RefinanceBelowOutstanding'
      readonly loan: DocumentId
      readonly outstanding: Q
      readonly principal: Q
    }
  | { readonly _tag: 'BillAlreadyAccepted'; readonly bill: DocumentId; readonly by: Entity.EntityName }
  | {
      readonly _tag: 'BillAlreadyDiscounted'
      readonly bill: DocumentId
      readonly date: LocalDate.LocalDate
      readonly bank: Entity.EntityName
    }
  | {
      readonly _tag: 'BillNotMature'
      readonly bill: DocumentId
      readonly maturity: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'DiscountNotBeforeMaturity'
      readonly bill: DocumentId
      readonly maturity: LocalDate.LocalDate
      readonly date: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'DiscountNotBelowFace'
      readonly bill: DocumentId
      readonly face: Quantity.Quantity
      readonly discount: Quantity.Quantity
      readonly rate: Rate.Fraction
      readonly days: number
    }
  | {
      readonly _tag: 'MaturityNotAfterIssue'
      readonly id: DocumentId
      readonly date: LocalDate.LocalDate
      readonly maturity: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'FrozenAccountDebit'
      readonly entity: Entity.EntityName
      readonly account: AccountName.AccountName
      readonly paymentClass: PaymentClass
      readonly permitted: ReadonlyArray<PaymentClass>
      readonly frozenSince: LocalDate.LocalDate
    }
  | {
      readonly _tag: 'AccountAlreadyFrozen'
      readonly account: AccountName.AccountName
      readonly since: LocalDate.LocalDate
    }
  | { readonly _tag: 'AccountNotFrozen'; readonly account: AccountName.AccountName }
  | {
      readonly _tag: 'WagesPaymentExceedsPayable'
      readonly entity: Entity.EntityName
      readonly payable: Q
      readonly requested: Q
    }

/** The `_tag` of a domain error: `UnknownEntity`, `InvalidAmount`, `InsufficientStock`, … . */
export type DomainErrorTag = DomainError['_tag']

/** Every `DomainError` tag, once. */
export const domainErrorTags = [
  'InvalidOperation',
  'UnknownEntity',
  'SamePartyOnBothSides',
  'InvalidAmount',
  'InvalidRate',
  'InvalidTerm',
  'DateOutOfRange',
  'UnknownDocument',
  'DocumentKindMismatch',
  'DuplicateDocument',
  'DocumentInTerminalState',
  'DateBeforeDocument',
  'InsufficientStock',
  'NotAPhysicalAccount',
  'AccountNotOfEntity',
  'CommodityMismatch',
  'DemandAmountMismatch',
  'ShipmentAlreadyInvoiced',
  'PartyMismatch',
  'DemandAlreadyDecided',
  'DemandNotDecided',
  'AcceptancePeriodLapsed',
  'AcceptancePeriodNotLapsed',
  'PartialAcceptanceExceedsOpen',
  'PartialAcceptanceNotPartial',
  'RefusedAmountMismatch',
  'UnitsExceedDemand',
  'PaymentExceedsAccepted',
  'DocumentsAlreadyCredited',
  'CreditExceedsDemand',
  'NoOpenRemainder',
  'SerialCountMismatch',
  'UnitAlreadyAccepted',
  'UnitNotProvisionallyAccepted',
  'ExceedsProvisionallyAccepted',
  'ClaimAlreadyAnswered',
  'AccrualNotAfterLastAccrual',
  'RepaymentExceedsOutstanding',
  'RefinanceBelowOutstanding',
  'BillAlreadyAccepted',
  'BillAlreadyDiscounted',
  'BillNotMature',
  'DiscountNotBeforeMaturity',
  'DiscountNotBelowFace',
  'MaturityNotAfterIssue',
  'FrozenAccountDebit',
  'AccountAlreadyFrozen',
  'AccountNotFrozen',
  'WagesPaymentExceedsPayable',
] as const satisfies ReadonlyArray<DomainErrorTag>

// Compile-time check that `domainErrorTags` names every tag of the union.
type UnlistedDomainError = Exclude<DomainErrorTag, (typeof domainErrorTags)[number]>
const _everyDomainErrorTagListed: [UnlistedDomainError] extends [never] ? true : UnlistedDomainError = true
void _everyDomainErrorTagListed

const s = Quantity.toString

/** Renders a domain error as one sentence. Exhaustive: a new tag without a case does not compile. */
export const renderDomainError = (error: DomainError): string => {
  switch (error._tag) {
    case 'InvalidOperation':
      return `${error.operation} is not a well-formed operation: ${error.reason}`
    case 'UnknownEntity':
      return `entity ${error.entity} is not declared`
    case 'SamePartyOnBothSides':
      return `${error.operation}: ${error.entity} cannot be on both sides`
    case 'InvalidAmount':
      return (
        `${error.field} is ${s(error.value)}; it must be ` +
        (error.reason === 'subKopeck'
          ? 'a whole number of kopecks (at most 2 decimals)'
          : error.reason === 'negative'
            ? 'zero or more'
            : 'greater than zero')
      )
    case 'InvalidRate':
      return `rate ${s(error.rate)} must be zero or more`
    case 'InvalidTerm':
      return `${error.field} is ${error.value}; it must be a positive whole number`
    case 'DateOutOfRange':
      return `the ${error.what} computed from ${error.date} falls after the year 9999`
    case 'UnknownDocument':
      return `no ${error.expected} ${error.id}`
    case 'DocumentKindMismatch':
      return `${error.id} is a ${error.actual}, not a ${error.expected}`
    case 'DuplicateDocument':
      return (
        `document ${error.id} already exists (a ${error.existing}` +
        `${error.existingAt !== undefined ? `, entered at ${error.existingAt}` : ''}); only the same ` +
        `document entered again, entry for entry, is recorded as a duplicate`
      )
    case 'DocumentInTerminalState':
      return `${error.kind} ${error.id} is ${error.status}; ${error.operation} is not allowed`
    case 'DateBeforeDocument':
      return `${error.date} is before ${error.id}'s date ${error.documentDate}`
    case 'InsufficientStock':
      return `${error.account} holds ${s(error.available)} ${error.commodity}; ${s(error.requested)} requested`
    case 'NotAPhysicalAccount':
      return `${error.account} does not hold goods in any stage`
    case 'AccountNotOfEntity':
      return `${error.account} is not in ${error.entity}'s books`
    case 'CommodityMismatch':
      return `${error.id} is in ${error.expected}, not ${error.actual}`
    case 'DemandAmountMismatch':
      return `demand ${error.id}: ${s(error.units)} units × ${s(error.unitPrice)} ≠ amount ${s(error.amount)}`
    case 'ShipmentAlreadyInvoiced':
      return `shipment ${error.shipment} is already invoiced by demand ${error.demand}`
    case 'PartyMismatch':
      return `${error.id}: the ${error.role} is ${error.expected}, not ${error.actual}`
    case 'DemandAlreadyDecided':
      return `demand ${error.demand} was already accepted or refused on ${error.decidedOn}`
    case 'DemandNotDecided':
      return `demand ${error.demand} has not been accepted or refused yet`
    case 'AcceptancePeriodLapsed':
      return (
        `demand ${error.demand}: the acceptance period ended on ${error.deadline}; on ${error.date} it ` +
        `counts as silently accepted`
      )
    case 'AcceptancePeriodNotLapsed':
      return (
        `demand ${error.demand}: the acceptance period runs until ${error.deadline}; it has not lapsed on ` +
        `${error.date}`
      )
    case 'PartialAcceptanceExceedsOpen':
      return `demand ${error.demand}: accepting ${s(error.accepted)} exceeds the open ${s(error.open)}`
    case 'PartialAcceptanceNotPartial':
      return (
        `demand ${error.demand}: a partial acceptance of ${s(error.accepted)} of ${s(error.open)} must be ` +
        `more than zero and less than the whole`
      )
    case 'RefusedAmountMismatch':
      return (
        `demand ${error.demand}: ${s(error.accepted)} accepted and ${s(error.refused)} refused do not add ` +
        `up to the demand's ${s(error.amount)}`
      )
    case 'UnitsExceedDemand':
      return `demand ${error.demand}: ${s(error.accepted)} units accepted of ${s(error.demanded)} demanded`
    case 'PaymentExceedsAccepted':
      return (
        `demand ${error.demand}: paying ${s(error.requested)} exceeds the accepted ${s(error.accepted)} ` +
        `less ${s(error.paid)} already paid`
      )
    case 'DocumentsAlreadyCredited':
      return `demand ${error.demand} already carries a credit on documents from ${error.bank}`
    case 'CreditExceedsDemand':
      return `demand ${error.demand}: credit of ${s(error.requested)} exceeds the demand's ${s(error.amount)}`
    case 'NoOpenRemainder':
      return `demand ${error.demand} has no open refused remainder`
    case 'SerialCountMismatch':
      return `${error.serials} serial numbers given for ${s(error.units)} units`
    case 'UnitAlreadyAccepted':
      return (
        `lot ${error.lot}: unit ${error.serial} is already ` +
        (error.stage === 'final'
          ? 'finally accepted'
          : error.stage === 'rejected'
            ? 'rejected'
            : 'provisionally accepted')
      )
    case 'UnitNotProvisionallyAccepted':
      return `lot ${error.lot}: unit ${error.serial} was not provisionally accepted`
    case 'ExceedsProvisionallyAccepted':
      return (
        `lot ${error.lot}: ${s(error.requested)} units requested, ${s(error.open)} provisionally accepted ` +
        `and not yet decided`
      )
    case 'ClaimAlreadyAnswered':
      return `claim ${error.claim} was already answered on ${error.answeredOn}`
    case 'AccrualNotAfterLastAccrual':
      return `loan ${error.loan}: interest is accrued to ${error.accruedTo}; ${error.date} is not later`
    case 'RepaymentExceedsOutstanding':
      return (
        `loan ${error.loan}: repaying ${s(error.requested)} of ${error.part} exceeds the outstanding ` +
        `${s(error.outstanding)}`
      )
    case 'RefinanceBelowOutstanding':
      return `loan ${error.loan}: new principal ${s(error.principal)} is below the outstanding ${s(error.outstanding)}`
    case 'BillAlreadyAccepted':
      return `bill ${error.bill} was already accepted by ${error.by}`
    case 'BillAlreadyDiscounted':
      return `bill ${error.bill} was already discounted on ${error.date} at ${error.bank}`
    case 'BillNotMature':
      return `bill ${error.bill} matures on ${error.maturity}, after ${error.date}`
    case 'DiscountNotBeforeMaturity':
      return `bill ${error.bill} matures on ${error.maturity}; it cannot be discounted on ${error.date}`
    case 'DiscountNotBelowFace':
      return (
        `bill ${error.bill}: a discount of ${Quantity.toString(error.discount)} at ` +
        `${Quantity.toString(Rate.toPercentPoints(error.rate))} % for ${error.days} days is not below ` +
        `the face value ${Quantity.toString(error.face)}; the proceeds would not be positive`
      )
    case 'MaturityNotAfterIssue':
      return `${error.id}: maturity ${error.maturity} is not after ${error.date}`
    case 'FrozenAccountDebit':
      return (
        `${error.account} of ${error.entity} is frozen since ${error.frozenSince}; a ${error.paymentClass} ` +
        `payment is not among the permitted (${error.permitted.join(', ') || 'none'})`
      )
    case 'AccountAlreadyFrozen':
      return `${error.account} is already frozen since ${error.since}`
    case 'AccountNotFrozen':
      return `${error.account} is not frozen`
    case 'WagesPaymentExceedsPayable':
      return `${error.entity}: paying ${s(error.requested)} of wages exceeds the ${s(error.payable)} payable`
  }
}
