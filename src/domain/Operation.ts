/**
 * Domain operations: the typed inputs of `apply`, one variant per operation of domain.md §5.2,
 * and their io-ts codecs. Each type is derived from its codec, so the JSON form and the type
 * cannot drift apart. In JSON, decimals (money, units, rates) are strings in the journal's
 * literal syntax (`"380000.00"`, `"0.08"`), never numbers; dates are `YYYY-MM-DD`; periods are
 * labels (`1936`, `1936-Q2`); day and month counts are integers.
 *
 * Rates are annual fractions (`"0.09"` = 9 %).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { AccountName, Commodity, Entity, LocalDate, Period, Quantity, Rate } from '../core/index.js'
import {
  type DayCount,
  type DocumentId,
  dayCounts,
  documentIdFromString,
  type InterestScheme,
  type Label,
  type LoanKind,
  labelFromString,
  loanKinds,
  type RefusalGround,
  refusalGrounds,
} from './Documents.js'
import { type FundingSource, fundingSources } from './Parameters.js'
import { type NormCategory, normCategories, type PaymentClass, paymentClasses } from './Registers.js'

// -------------------------------------------------------------------------------------
// scalar codecs
// -------------------------------------------------------------------------------------

const fromParser = <A>(
  name: string,
  parse: (text: string) => E.Either<unknown, A>,
  is: (u: unknown) => u is A,
  show: (a: A) => string = String,
) =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, context) =>
      pipe(
        t.string.validate(u, context),
        E.flatMap((text) =>
          pipe(
            parse(text),
            E.match(
              () => t.failure<A>(u, context, `${JSON.stringify(text)} is not a valid ${name}`),
              (value) => t.success(value),
            ),
          ),
        ),
      ),
    show,
  )

/** A decimal in the journal's literal syntax, as a string. */
export const QuantityCodec = fromParser<Quantity.Quantity>(
  'Quantity',
  Quantity.fromString,
  Quantity.isQuantity,
  Quantity.toScaledString,
)
/** A rate as a fraction of one (`"0.08"` = 8 %), as a string in the journal's literal syntax. */
export const FractionCodec = fromParser<Rate.Fraction>(
  'Fraction',
  Rate.fractionFromString,
  (u): u is Rate.Fraction => Quantity.isQuantity(u),
  Quantity.toScaledString,
)
/** A percentage in percent points (`"12.8"` = 12.8 %), as a string in the journal's literal syntax. */
export const PercentPointsCodec = fromParser<Rate.PercentPoints>(
  'PercentPoints',
  Rate.percentPointsFromString,
  (u): u is Rate.PercentPoints => Quantity.isQuantity(u),
  Quantity.toScaledString,
)
/** A date as a strict `YYYY-MM-DD` string. */
export const LocalDateCodec = fromParser<LocalDate.LocalDate>(
  'LocalDate',
  LocalDate.fromString,
  (u): u is LocalDate.LocalDate => typeof u === 'string' && E.isRight(LocalDate.fromString(u)),
)
/** An entity name as a string (one account segment). */
export const EntityNameCodec = fromParser<Entity.EntityName>(
  'EntityName',
  Entity.nameFromString,
  (u): u is Entity.EntityName => typeof u === 'string' && E.isRight(Entity.nameFromString(u)),
)
/** A document id as a string (one account segment, at most 100 characters). */
export const DocumentIdCodec = fromParser<DocumentId>(
  'DocumentId',
  documentIdFromString,
  (u): u is DocumentId => typeof u === 'string' && E.isRight(documentIdFromString(u)),
)
/** A label (staff category, unit serial) as a string (one account segment, at most 100 characters). */
export const LabelCodec = fromParser<Label>(
  'Label',
  labelFromString,
  (u): u is Label => typeof u === 'string' && E.isRight(labelFromString(u)),
)
/** A commodity symbol as a string. */
export const CommoditySymbolCodec = fromParser<Commodity.CommoditySymbol>(
  'CommoditySymbol',
  Commodity.symbolFromString,
  (u): u is Commodity.CommoditySymbol => typeof u === 'string' && E.isRight(Commodity.symbolFromString(u)),
)
/** An account name as a string (`kirov:assets:bank:current`). */
export const AccountNameCodec = fromParser<AccountName.AccountName>(
  'AccountName',
  AccountName.fromString,
  (u): u is AccountName.AccountName => typeof u === 'string' && E.isRight(AccountName.fromString(u)),
)
/** A period as its label string (`1936`, `1936-Q2`, `1936-03`, `1936-01-01..1937-01-01`); encodes back to the label. */
export const PeriodCodec = new t.Type<Period.Period, string, unknown>(
  'Period',
  (u): u is Period.Period => typeof u === 'object' && u !== null && 'start' in u && 'endExclusive' in u && 'label' in u,
  (u, context) =>
    pipe(
      t.string.validate(u, context),
      E.flatMap((text) =>
        pipe(
          Period.fromString(text),
          E.match(
            () => t.failure<Period.Period>(u, context, `${JSON.stringify(text)} is not a period`),
            (period) => t.success(period),
          ),
        ),
      ),
    ),
  (period) => period.label,
)

const keyed = <A extends string>(values: ReadonlyArray<A>, name: string): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => typeof u === 'string' && (values as ReadonlyArray<string>).includes(u),
    (u, context) =>
      typeof u === 'string' && (values as ReadonlyArray<string>).includes(u)
        ? t.success(u as A)
        : t.failure(u, context),
    (a) => a,
  )

/** A whole number (day and month counts; JSON number). Plain `number`, so programmatic callers need no brand. */
export const IntegerCodec = new t.Type<number, number, unknown>(
  'Integer',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, context) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, context)),
  (n) => n,
)

/** A refusal ground, one of `refusalGrounds` (`notShipped`, `defective`, …). */
export const RefusalGroundCodec = keyed<RefusalGround>(refusalGrounds, 'RefusalGround')
/** A bonus funding source, one of `fundingSources` (`wageFund`, `directorFund`). */
export const FundingSourceCodec = keyed<FundingSource>(fundingSources, 'FundingSource')
/** A payment class, one of `paymentClasses` (`wages`, `budget`, `bankLoan`, …). */
export const PaymentClassCodec = keyed<PaymentClass>(paymentClasses, 'PaymentClass')
/** A loan kind, one of `loanKinds` (`gosbankShortTerm`, `savingsBank`). */
export const LoanKindCodec = keyed<LoanKind>(loanKinds, 'LoanKind')
/** A day-count convention, one of `dayCounts` (`actual/360`, `actual/365`, `30/360`). */
export const DayCountCodec = keyed<DayCount>(dayCounts, 'DayCount')
/** An interest scheme: `simple` or `annuity`. */
export const InterestSchemeCodec = keyed<InterestScheme>(['simple', 'annuity'], 'InterestScheme')
/** A working-capital norm category, one of `normCategories` (`materials`, `wip`, `finished`, `shipped`, `total`). */
export const NormCategoryCodec = keyed<NormCategory>(normCategories, 'NormCategory')

/** A quantity of goods: `{ "commodity": "T28", "quantity": "10" }`. */
export const GoodsCodec = t.readonly(t.type({ commodity: CommoditySymbolCodec, quantity: QuantityCodec }))

/** A refusal: `{ "ground": "defective", "text": "defective transmissions" }`. */
export const RefusalCodec = t.readonly(t.type({ ground: RefusalGroundCodec, text: t.string }))

/**
 * What a plan line is for, by `_tag`: `WorkingCapitalNorm` (category), `WageFund` (staffCategory),
 * `OutputPlan` (commodity) or `CreditLimit` (lender, loanKind).
 */
export const PlanItemCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('WorkingCapitalNorm'), category: NormCategoryCodec })),
  t.readonly(t.type({ _tag: t.literal('WageFund'), staffCategory: LabelCodec })),
  t.readonly(t.type({ _tag: t.literal('OutputPlan'), commodity: CommoditySymbolCodec })),
  t.readonly(t.type({ _tag: t.literal('CreditLimit'), lender: EntityNameCodec, loanKind: LoanKindCodec })),
])

const op = <Tag extends string, R extends t.Props, O extends t.Props>(tag: Tag, required: R, optional: O) =>
  t.readonly(
    t.intersection([t.type({ _tag: t.literal(tag), date: LocalDateCodec, ...required }), t.partial(optional)]),
    tag,
  )

const SettlesCodec = t.keyof({ debt: null, expense: null })

// -------------------------------------------------------------------------------------
// operation codecs
// -------------------------------------------------------------------------------------

/** Plans, norms, limits: memo only, effective-dated, versioned by revision. */
export const SetPlanCodec = op(
  'SetPlan',
  { entity: EntityNameCodec, item: PlanItemCodec, period: PeriodCodec, amount: QuantityCodec },
  { units: QuantityCodec },
)

/** Materials received from a supplier (payable). */
export const ReceiveMaterialsCodec = op(
  'ReceiveMaterials',
  { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec },
  { supplier: t.string },
)

/** Units put into production (enter the physical book in WIP). */
export const LaunchWipCodec = op(
  'LaunchWip',
  { entity: EntityNameCodec, goods: GoodsCodec },
  { lot: DocumentIdCodec, contract: DocumentIdCodec },
)

/** Materials issued from stock into work in progress (of a lot), at a money cost. */
export const IssueMaterialsCodec = op(
  'IssueMaterials',
  { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec },
  { lot: DocumentIdCodec },
)

/** Wages accrued for a staff category, charged to work in progress, overhead or wages, payable to staff. */
export const AccrueWagesCodec = op(
  'AccrueWages',
  {
    entity: EntityNameCodec,
    staffCategory: LabelCodec,
    amount: QuantityCodec,
    chargeTo: t.keyof({ wip: null, overhead: null, wages: null }),
  },
  { lot: DocumentIdCodec },
)

/**
 * A bonus accrued for a staff category from the wage fund or the director's fund, with its basis,
 * approver and decree (a new Bonus document).
 */
export const AccrueBonusCodec = op(
  'AccrueBonus',
  {
    id: DocumentIdCodec,
    entity: EntityNameCodec,
    amount: QuantityCodec,
    staffCategory: LabelCodec,
    basis: t.readonly(t.intersection([t.type({ description: t.string }), t.partial({ claimedSaving: QuantityCodec })])),
    fundingSource: FundingSourceCodec,
    approvedBy: t.string,
  },
  { decree: t.readonly(t.type({ number: t.string, date: LocalDateCodec })) },
)

/** Wages paid in cash drawn from the current account, up to the wages payable. */
export const PayWagesCodec = op('PayWages', { entity: EntityNameCodec, amount: QuantityCodec }, {})

/**
 * Units passed by OTK (technical control) from work in progress to finished goods at a money cost,
 * optionally with the materials consumed.
 */
export const CompleteWipCodec = op(
  'CompleteWip',
  { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec },
  { lot: DocumentIdCodec, consumed: t.readonlyArray(GoodsCodec) },
)

/** Units rejected by OTK from work in progress, scrapped or put aside for rework, at a money cost. */
export const OtkRejectCodec = op(
  'OtkReject',
  {
    entity: EntityNameCodec,
    goods: GoodsCodec,
    cost: QuantityCodec,
    disposition: t.keyof({ scrap: null, rework: null }),
  },
  { lot: DocumentIdCodec },
)

/** Finished units shipped, optionally to a buyer and from a lot (a new Shipment document). */
export const ShipCodec = op(
  'Ship',
  { id: DocumentIdCodec, entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec },
  { buyer: EntityNameCodec, lot: DocumentIdCodec },
)

/**
 * A payment demand presented by a seller to a buyer for an amount, optionally for units at a unit
 * price, shipments, a lot and a contract (a new PaymentDemand document).
 */
export const PresentDemandCodec = op(
  'PresentDemand',
  { id: DocumentIdCodec, seller: EntityNameCodec, buyer: EntityNameCodec, amount: QuantityCodec },
  {
    units: GoodsCodec,
    unitPrice: QuantityCodec,
    shipments: t.readonlyArray(DocumentIdCodec),
    lot: DocumentIdCodec,
    contract: DocumentIdCodec,
    bills: t.union([t.literal('goods'), t.literal('services')]),
  },
)

/** Gosbank credit to the seller against a payment demand in transit, repaid out of the demand's payments. */
export const CreditOnDocumentsCodec = op(
  'CreditOnDocuments',
  { demand: DocumentIdCodec, bank: EntityNameCodec, amount: QuantityCodec },
  {},
)

/**
 * A buyer's acceptance: `Full`, or `Partial` with the accepted amount (and units), the refusal and
 * optionally the refused amount.
 */
export const AcceptanceCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('Full') })),
  t.readonly(
    t.intersection([
      t.type({ _tag: t.literal('Partial'), accepted: QuantityCodec, refusal: RefusalCodec }),
      t.partial({ acceptedUnits: QuantityCodec, refused: QuantityCodec }),
    ]),
  ),
])

/** A buyer accepts a payment demand in full or in part, within the acceptance period. */
export const AcceptDemandCodec = op('AcceptDemand', { demand: DocumentIdCodec, acceptance: AcceptanceCodec }, {})

/** A buyer refuses a payment demand outright, with a ground and its words. */
export const RefuseDemandCodec = op('RefuseDemand', { demand: DocumentIdCodec, refusal: RefusalCodec }, {})

/** Silent acceptance: the acceptance period lapsed without a refusal. */
export const LapseAcceptanceCodec = op('LapseAcceptance', { demand: DocumentIdCodec }, {})

/** A buyer pays (part of) the accepted amount of a payment demand; any credit on documents is repaid first. */
export const PayDemandCodec = op('PayDemand', { demand: DocumentIdCodec, amount: QuantityCodec }, {})

/** A refused remainder reversed with its reasoned refusal; optionally the goods come back. */
export const ReverseRemainderCodec = op('ReverseRemainder', { demand: DocumentIdCodec }, { returnGoods: t.boolean })

/** A refused remainder turned into a bill or cheque in favour of a third party (M5). */
export const DivertRemainderCodec = op(
  'DivertRemainder',
  {
    demand: DocumentIdCodec,
    instrument: t.keyof({ bill: null, cheque: null }),
    instrumentId: DocumentIdCodec,
    payee: EntityNameCodec,
  },
  { maturity: LocalDateCodec },
)

/**
 * Units of a lot provisionally accepted by the military acceptor (a new AcceptanceCertificate), optionally by serial.
 */
export const ProvisionalAcceptanceCodec = op(
  'ProvisionalAcceptance',
  {
    id: DocumentIdCodec,
    seller: EntityNameCodec,
    buyer: EntityNameCodec,
    lot: DocumentIdCodec,
    goods: GoodsCodec,
    cost: QuantityCodec,
  },
  { serials: t.readonlyArray(LabelCodec) },
)

/**
 * Provisionally accepted units of a lot finally accepted or rejected (a new AcceptanceCertificate),
 * optionally by serial and with a rework cost.
 */
export const FinalAcceptanceCodec = op(
  'FinalAcceptance',
  {
    id: DocumentIdCodec,
    seller: EntityNameCodec,
    buyer: EntityNameCodec,
    lot: DocumentIdCodec,
    goods: GoodsCodec,
    cost: QuantityCodec,
    outcome: t.keyof({ accepted: null, rejected: null }),
  },
  { serials: t.readonlyArray(LabelCodec), reworkCost: QuantityCodec },
)

/**
 * A buyer's quality claim against a seller, with the defect and district that sets the response
 * deadline (a new Claim document).
 */
export const RecordClaimCodec = op(
  'RecordClaim',
  {
    id: DocumentIdCodec,
    seller: EntityNameCodec,
    buyer: EntityNameCodec,
    defect: t.string,
    district: t.keyof({ inner: null, remote: null }),
  },
  { lot: DocumentIdCodec, units: QuantityCodec, serials: t.readonlyArray(LabelCodec) },
)

/** The supplier's representative answered the claim (arrived). */
export const AnswerClaimCodec = op('AnswerClaim', { claim: DocumentIdCodec }, {})

/**
 * Rework of defective goods: wages and optionally materials, optionally answering a claim and closing
 * it (a new Rework document).
 */
export const ReworkCodec = op(
  'Rework',
  { id: DocumentIdCodec, entity: EntityNameCodec, wages: QuantityCodec },
  {
    claim: DocumentIdCodec,
    lot: DocumentIdCodec,
    materials: t.readonly(t.type({ goods: GoodsCodec, cost: QuantityCodec })),
    closesClaim: t.boolean,
  },
)

/**
 * A supply contract signed between a seller and a buyer: unit price, planned cost and description (a
 * new Contract document, version 1).
 */
export const SignContractCodec = op(
  'SignContract',
  {
    id: DocumentIdCodec,
    seller: EntityNameCodec,
    buyer: EntityNameCodec,
    unitPrice: QuantityCodec,
    plannedCost: QuantityCodec,
    description: t.string,
  },
  { commodity: CommoditySymbolCodec, units: QuantityCodec },
)

/** A new version of a contract's specification: unit price, planned cost, description and optionally units. */
export const ReviseSpecificationCodec = op(
  'ReviseSpecification',
  { contract: DocumentIdCodec, unitPrice: QuantityCodec, plannedCost: QuantityCodec, description: t.string },
  { units: QuantityCodec },
)

const CollateralCodec = t.readonly(
  t.type({ lots: t.readonlyArray(DocumentIdCodec), contracts: t.readonlyArray(DocumentIdCodec) }),
)

const TermsProps = {
  rate: FractionCodec,
  termMonths: IntegerCodec,
  scheme: InterestSchemeCodec,
  dayCount: DayCountCodec,
}

/**
 * A loan drawn from a lender by a borrower: kind, purpose, collateral, principal, annual rate, term in
 * months, scheme and day count (a new Loan document).
 */
export const DrawLoanCodec = op(
  'DrawLoan',
  {
    id: DocumentIdCodec,
    lender: EntityNameCodec,
    borrower: EntityNameCodec,
    loanKind: LoanKindCodec,
    purpose: t.string,
    collateral: CollateralCodec,
    principal: QuantityCodec,
    ...TermsProps,
  },
  {},
)

/** Accrues interest on the outstanding principal from the loan's `accruedTo` up to (excluding) `date`. */
export const AccrueInterestCodec = op('AccrueInterest', { loan: DocumentIdCodec }, {})

/** A repayment of a loan's principal and interest (either may be zero, not both), each up to what is outstanding. */
export const RepayLoanCodec = op(
  'RepayLoan',
  { loan: DocumentIdCodec, principal: QuantityCodec, interest: QuantityCodec },
  {},
)

/**
 * Replaces a loan by a new one from the same lender; `principal` ≥ the old loan's outstanding principal + interest,
 * any excess is paid out.
 */
export const RefinanceLoanCodec = op(
  'RefinanceLoan',
  { loan: DocumentIdCodec, newLoan: DocumentIdCodec, principal: QuantityCodec, ...TermsProps },
  { purpose: t.string, collateral: CollateralCodec },
)

/** A bill of exchange drawn by a drawer to a payee, settling a debt or an expense (a new Bill document). */
export const DrawBillCodec = op(
  'DrawBill',
  {
    id: DocumentIdCodec,
    drawer: EntityNameCodec,
    payee: EntityNameCodec,
    face: QuantityCodec,
    maturity: LocalDateCodec,
    settles: SettlesCodec,
  },
  { drawee: EntityNameCodec },
)

/** A bill accepted by its drawee. */
export const AcceptBillCodec = op('AcceptBill', { bill: DocumentIdCodec, by: EntityNameCodec }, {})

/** A bill endorsed by its holder to another party, settling a debt or an expense. */
export const EndorseBillCodec = op(
  'EndorseBill',
  { bill: DocumentIdCodec, from: EntityNameCodec, to: EntityNameCodec, settles: SettlesCodec },
  {},
)

/**
 * Discount D = face × rate × days / basis (days = maturity − date), rounded by the `moneyRounding` parameter;
 * proceeds = face − D.
 * `holder`, when given, must be the bill's holder; without it the current holder discounts.
 */
export const DiscountBillCodec = op(
  'DiscountBill',
  { bill: DocumentIdCodec, bank: EntityNameCodec, rate: FractionCodec },
  { holder: EntityNameCodec, basis: IntegerCodec, proceedsAccount: AccountNameCodec },
)

/** A bill paid by its drawer at or after maturity. */
export const RedeemBillCodec = op('RedeemBill', { bill: DocumentIdCodec }, {})

/** A bill protested (dishonoured) at or after maturity; memo only. */
export const ProtestBillCodec = op('ProtestBill', { bill: DocumentIdCodec }, {})

/**
 * A settlement account frozen by an authority, with the payment classes still permitted (default: the current account).
 */
export const FreezeAccountCodec = op(
  'FreezeAccount',
  { entity: EntityNameCodec, permitted: t.readonlyArray(PaymentClassCodec), authority: t.string },
  { account: AccountNameCodec },
)

/** A frozen settlement account made active again by an authority. */
export const UnfreezeAccountCodec = op(
  'UnfreezeAccount',
  { entity: EntityNameCodec, authority: t.string },
  { account: AccountNameCodec },
)

/**
 * A stock count of one commodity in one account, at a unit value: the difference from the book is
 * posted against count differences (a new PhysicalCount document).
 */
export const PhysicalCountCodec = op(
  'PhysicalCount',
  {
    id: DocumentIdCodec,
    entity: EntityNameCodec,
    account: AccountNameCodec,
    commodity: CommoditySymbolCodec,
    counted: QuantityCodec,
    unitValue: QuantityCodec,
  },
  {},
)

/**
 * The codec of every operation, a union discriminated by `_tag`: decodes the JSON form (decimals as
 * strings) and encodes back to it.
 */
export const OperationCodec = t.union([
  SetPlanCodec,
  ReceiveMaterialsCodec,
  LaunchWipCodec,
  IssueMaterialsCodec,
  AccrueWagesCodec,
  AccrueBonusCodec,
  PayWagesCodec,
  CompleteWipCodec,
  OtkRejectCodec,
  ShipCodec,
  PresentDemandCodec,
  CreditOnDocumentsCodec,
  AcceptDemandCodec,
  RefuseDemandCodec,
  LapseAcceptanceCodec,
  PayDemandCodec,
  ReverseRemainderCodec,
  DivertRemainderCodec,
  ProvisionalAcceptanceCodec,
  FinalAcceptanceCodec,
  RecordClaimCodec,
  AnswerClaimCodec,
  ReworkCodec,
  SignContractCodec,
  ReviseSpecificationCodec,
  DrawLoanCodec,
  AccrueInterestCodec,
  RepayLoanCodec,
  RefinanceLoanCodec,
  DrawBillCodec,
  AcceptBillCodec,
  EndorseBillCodec,
  DiscountBillCodec,
  RedeemBillCodec,
  ProtestBillCodec,
  FreezeAccountCodec,
  UnfreezeAccountCodec,
  PhysicalCountCodec,
])

// -------------------------------------------------------------------------------------
// types
// -------------------------------------------------------------------------------------

/** A quantity of goods: a goods commodity and an exact quantity. */
export type Goods = t.TypeOf<typeof GoodsCodec>
/** What a `SetPlan` is for (norm, wage fund, output plan or credit limit), as decoded. */
export type PlanItemInput = t.TypeOf<typeof PlanItemCodec>
/** A buyer's acceptance of a demand: full, or partial with the accepted amount and the refusal. */
export type Acceptance = t.TypeOf<typeof AcceptanceCodec>
/** Sets or revises a plan, norm or credit limit for an entity and period (memo only, effective from its date). */
export type SetPlan = t.TypeOf<typeof SetPlanCodec>
/** Materials received from a supplier at a money cost, payable. */
export type ReceiveMaterials = t.TypeOf<typeof ReceiveMaterialsCodec>
/** Units put into production: they enter the physical book in work in progress, optionally for a lot and contract. */
export type LaunchWip = t.TypeOf<typeof LaunchWipCodec>
/** Materials issued from stock into work in progress, at a money cost. */
export type IssueMaterials = t.TypeOf<typeof IssueMaterialsCodec>
/** Wages accrued for a staff category, charged to work in progress, overhead or wages. */
export type AccrueWages = t.TypeOf<typeof AccrueWagesCodec>
/** A bonus accrued for a staff category from the wage fund or the director's fund. */
export type AccrueBonus = t.TypeOf<typeof AccrueBonusCodec>
/** Wages paid in cash, up to the wages payable. */
export type PayWages = t.TypeOf<typeof PayWagesCodec>
/** Units passed by OTK from work in progress to finished goods, at a money cost. */
export type CompleteWip = t.TypeOf<typeof CompleteWipCodec>
/** Units rejected by OTK from work in progress, scrapped or put aside for rework. */
export type OtkReject = t.TypeOf<typeof OtkRejectCodec>
/** Finished units shipped (a new Shipment). */
export type Ship = t.TypeOf<typeof ShipCodec>
/** A payment demand presented by a seller to a buyer (a new PaymentDemand). */
export type PresentDemand = t.TypeOf<typeof PresentDemandCodec>
/** Gosbank credit to the seller against a payment demand in transit. */
export type CreditOnDocuments = t.TypeOf<typeof CreditOnDocumentsCodec>
/** A buyer's full or partial acceptance of a payment demand. */
export type AcceptDemand = t.TypeOf<typeof AcceptDemandCodec>
/** A buyer's outright refusal of a payment demand. */
export type RefuseDemand = t.TypeOf<typeof RefuseDemandCodec>
/** Silent acceptance: the acceptance period of a payment demand lapsed without a refusal. */
export type LapseAcceptance = t.TypeOf<typeof LapseAcceptanceCodec>
/** A buyer's payment of (part of) the accepted amount of a payment demand. */
export type PayDemand = t.TypeOf<typeof PayDemandCodec>
/** A refused remainder of a payment demand reversed, optionally with the goods returned. */
export type ReverseRemainder = t.TypeOf<typeof ReverseRemainderCodec>
/** A refused remainder of a payment demand diverted into a bill or cheque to a third party (M5). */
export type DivertRemainder = t.TypeOf<typeof DivertRemainderCodec>
/** Units of a lot provisionally accepted by the military acceptor. */
export type ProvisionalAcceptance = t.TypeOf<typeof ProvisionalAcceptanceCodec>
/** Provisionally accepted units of a lot finally accepted or rejected. */
export type FinalAcceptance = t.TypeOf<typeof FinalAcceptanceCodec>
/** A buyer's quality claim against a seller (a new Claim). */
export type RecordClaim = t.TypeOf<typeof RecordClaimCodec>
/** A claim answered by the supplier's representative (memo only). */
export type AnswerClaim = t.TypeOf<typeof AnswerClaimCodec>
/** Rework of defective goods, optionally answering and closing a claim (a new Rework). */
export type Rework = t.TypeOf<typeof ReworkCodec>
/** A supply contract signed (a new Contract, version 1). */
export type SignContract = t.TypeOf<typeof SignContractCodec>
/** A new specification version of a contract. */
export type ReviseSpecification = t.TypeOf<typeof ReviseSpecificationCodec>
/** A loan drawn by a borrower from a lender (a new Loan). */
export type DrawLoan = t.TypeOf<typeof DrawLoanCodec>
/** Interest accrued on a loan's outstanding principal up to (excluding) the operation's date. */
export type AccrueInterest = t.TypeOf<typeof AccrueInterestCodec>
/** A repayment of a loan's principal and interest. */
export type RepayLoan = t.TypeOf<typeof RepayLoanCodec>
/** A loan replaced by a new one from the same lender; any excess over what was outstanding is paid out. */
export type RefinanceLoan = t.TypeOf<typeof RefinanceLoanCodec>
/** A bill of exchange drawn (a new Bill). */
export type DrawBill = t.TypeOf<typeof DrawBillCodec>
/** A bill accepted by its drawee (memo only). */
export type AcceptBill = t.TypeOf<typeof AcceptBillCodec>
/** A bill endorsed by its holder to another party. */
export type EndorseBill = t.TypeOf<typeof EndorseBillCodec>
/**
 * A bill discounted at a bank: discount = face × rate × days / basis, rounded by `moneyRounding`; proceeds = face −
 * discount.
 */
export type DiscountBill = t.TypeOf<typeof DiscountBillCodec>
/** A bill redeemed by its drawer at or after maturity. */
export type RedeemBill = t.TypeOf<typeof RedeemBillCodec>
/** A bill protested at or after maturity (memo only). */
export type ProtestBill = t.TypeOf<typeof ProtestBillCodec>
/** A settlement account frozen, with the payment classes still permitted. */
export type FreezeAccount = t.TypeOf<typeof FreezeAccountCodec>
/** A frozen settlement account made active again. */
export type UnfreezeAccount = t.TypeOf<typeof UnfreezeAccountCodec>
/** A stock count of one commodity in one account, valued at a unit value (a new PhysicalCount). */
export type PhysicalCount = t.TypeOf<typeof PhysicalCountCodec>

/** Every domain operation, discriminated by `_tag`. */
export type Operation = t.TypeOf<typeof OperationCodec>
/** The `_tag` of an operation: `SetPlan`, `ReceiveMaterials`, `LaunchWip`, … . */
export type OperationTag = Operation['_tag']

/** The JSON form of an operation (decimals as strings). */
export type OperationJson = t.OutputOf<typeof OperationCodec>

/**
 * Decodes an operation from its JSON form (decimals and dates as strings): the operation, or the
 * io-ts validation errors on the left.
 *
 * @example
 * ```ts
 * const decoded = Operation.decodeOperation({
 *   _tag: 'PayWages',
 *   date: '1936-03-05',
 *   entity: 'kirov',
 *   amount: '600.00',
 * })
 * // E.isRight(decoded) → true; decoded.right._tag → 'PayWages'
 * // Operation.encodeOperation(decoded.right)
 * //   → { _tag: 'PayWages', date: '1936-03-05', entity: 'kirov', amount: '600.00' } (the scale is kept)
 * // decimals are strings in JSON: a number is rejected
 * // E.isLeft(Operation.decodeOperation({ _tag: 'PayWages', date: '1936-03-05', entity: 'kirov', amount: 600 }))
 * //   → true
 * ```
 */
export const decodeOperation = (json: unknown): t.Validation<Operation> => OperationCodec.decode(json)

/** Encodes an operation to its JSON form. */
export const encodeOperation = (operation: Operation): OperationJson => OperationCodec.encode(operation)
