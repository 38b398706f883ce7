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
import { AccountName, Commodity, Entity, LocalDate, Period, Quantity } from '../core/index.js'
import {
  type DayCount,
  dayCounts,
  documentIdFromString,
  type DocumentId,
  type InterestScheme,
  type Label,
  labelFromString,
  type LoanKind,
  loanKinds,
  type NormCategory,
  normCategories,
  type PaymentClass,
  paymentClasses,
  type RefusalGround,
  refusalGrounds,
} from './Books.js'
import { type FundingSource, fundingSources } from './Parameters.js'

// -------------------------------------------------------------------------------------
// scalar codecs
// -------------------------------------------------------------------------------------

const fromParser = <A>(name: string, parse: (text: string) => E.Either<unknown, A>, is: (u: unknown) => u is A, show: (a: A) => string = String) =>
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
export const QuantityCodec = fromParser<Quantity.Quantity>('Quantity', Quantity.fromString, Quantity.isQuantity, Quantity.toString)
export const LocalDateCodec = fromParser<LocalDate.LocalDate>('LocalDate', LocalDate.fromString, (u): u is LocalDate.LocalDate => typeof u === 'string' && E.isRight(LocalDate.fromString(u)))
export const EntityNameCodec = fromParser<Entity.EntityName>('EntityName', Entity.nameFromString, (u): u is Entity.EntityName => typeof u === 'string' && E.isRight(Entity.nameFromString(u)))
export const DocumentIdCodec = fromParser<DocumentId>('DocumentId', documentIdFromString, (u): u is DocumentId => typeof u === 'string' && E.isRight(documentIdFromString(u)))
export const LabelCodec = fromParser<Label>('Label', labelFromString, (u): u is Label => typeof u === 'string' && E.isRight(labelFromString(u)))
export const CommoditySymbolCodec = fromParser<Commodity.CommoditySymbol>('CommoditySymbol', Commodity.symbolFromString, (u): u is Commodity.CommoditySymbol => typeof u === 'string' && E.isRight(Commodity.symbolFromString(u)))
export const AccountNameCodec = fromParser<AccountName.AccountName>('AccountName', AccountName.fromString, (u): u is AccountName.AccountName => typeof u === 'string' && E.isRight(AccountName.fromString(u)))
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
    (u, context) => (typeof u === 'string' && (values as ReadonlyArray<string>).includes(u) ? t.success(u as A) : t.failure(u, context)),
    (a) => a,
  )

/** A whole number (day and month counts; JSON number). Plain `number`, so programmatic callers need no brand. */
export const IntegerCodec = new t.Type<number, number, unknown>(
  'Integer',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, context) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, context)),
  (n) => n,
)

export const RefusalGroundCodec = keyed<RefusalGround>(refusalGrounds, 'RefusalGround')
export const FundingSourceCodec = keyed<FundingSource>(fundingSources, 'FundingSource')
export const PaymentClassCodec = keyed<PaymentClass>(paymentClasses, 'PaymentClass')
export const LoanKindCodec = keyed<LoanKind>(loanKinds, 'LoanKind')
export const DayCountCodec = keyed<DayCount>(dayCounts, 'DayCount')
export const InterestSchemeCodec = keyed<InterestScheme>(['simple', 'annuity'], 'InterestScheme')
export const NormCategoryCodec = keyed<NormCategory>(normCategories, 'NormCategory')

/** A quantity of goods: `{ "commodity": "T28", "quantity": "10" }`. */
export const GoodsCodec = t.readonly(t.type({ commodity: CommoditySymbolCodec, quantity: QuantityCodec }))

export const RefusalCodec = t.readonly(t.type({ ground: RefusalGroundCodec, text: t.string }))

export const PlanItemCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('WorkingCapitalNorm'), category: NormCategoryCodec })),
  t.readonly(t.type({ _tag: t.literal('WageFund'), staffCategory: LabelCodec })),
  t.readonly(t.type({ _tag: t.literal('OutputPlan'), commodity: CommoditySymbolCodec })),
  t.readonly(t.type({ _tag: t.literal('CreditLimit'), lender: EntityNameCodec, loanKind: LoanKindCodec })),
])

const op = <Tag extends string, R extends t.Props, O extends t.Props>(tag: Tag, required: R, optional: O) =>
  t.readonly(t.intersection([t.type({ _tag: t.literal(tag), date: LocalDateCodec, ...required }), t.partial(optional)]), tag)

const SettlesCodec = t.keyof({ debt: null, expense: null })

// -------------------------------------------------------------------------------------
// operation codecs
// -------------------------------------------------------------------------------------

/** Plans, norms, limits: memo only, effective-dated, versioned by revision. */
export const SetPlanCodec = op('SetPlan', { entity: EntityNameCodec, item: PlanItemCodec, period: PeriodCodec, amount: QuantityCodec }, { units: QuantityCodec })

/** Materials received from a supplier (payable). */
export const ReceiveMaterialsCodec = op('ReceiveMaterials', { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec }, { supplier: t.string })

/** Units put into production (enter the physical book in WIP). */
export const LaunchWipCodec = op('LaunchWip', { entity: EntityNameCodec, goods: GoodsCodec }, { lot: DocumentIdCodec, contract: DocumentIdCodec })

export const IssueMaterialsCodec = op('IssueMaterials', { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec }, { lot: DocumentIdCodec })

export const AccrueWagesCodec = op(
  'AccrueWages',
  { entity: EntityNameCodec, staffCategory: LabelCodec, amount: QuantityCodec, chargeTo: t.keyof({ wip: null, overhead: null, wages: null }) },
  { lot: DocumentIdCodec },
)

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

export const PayWagesCodec = op('PayWages', { entity: EntityNameCodec, amount: QuantityCodec }, {})

export const CompleteWipCodec = op('CompleteWip', { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec }, { lot: DocumentIdCodec, consumed: t.readonlyArray(GoodsCodec) })

export const OtkRejectCodec = op(
  'OtkReject',
  { entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec, disposition: t.keyof({ scrap: null, rework: null }) },
  { lot: DocumentIdCodec },
)

export const ShipCodec = op('Ship', { id: DocumentIdCodec, entity: EntityNameCodec, goods: GoodsCodec, cost: QuantityCodec }, { buyer: EntityNameCodec, lot: DocumentIdCodec })

export const PresentDemandCodec = op(
  'PresentDemand',
  { id: DocumentIdCodec, seller: EntityNameCodec, buyer: EntityNameCodec, amount: QuantityCodec },
  { units: GoodsCodec, unitPrice: QuantityCodec, shipments: t.readonlyArray(DocumentIdCodec), lot: DocumentIdCodec, contract: DocumentIdCodec },
)

export const CreditOnDocumentsCodec = op('CreditOnDocuments', { demand: DocumentIdCodec, bank: EntityNameCodec, amount: QuantityCodec }, {})

export const AcceptanceCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('Full') })),
  t.readonly(t.intersection([t.type({ _tag: t.literal('Partial'), accepted: QuantityCodec, refusal: RefusalCodec }), t.partial({ acceptedUnits: QuantityCodec, refused: QuantityCodec })])),
])

export const AcceptDemandCodec = op('AcceptDemand', { demand: DocumentIdCodec, acceptance: AcceptanceCodec }, {})

export const RefuseDemandCodec = op('RefuseDemand', { demand: DocumentIdCodec, refusal: RefusalCodec }, {})

/** Silent acceptance: the acceptance period lapsed without a refusal. */
export const LapseAcceptanceCodec = op('LapseAcceptance', { demand: DocumentIdCodec }, {})

export const PayDemandCodec = op('PayDemand', { demand: DocumentIdCodec, amount: QuantityCodec }, {})

/** A refused remainder reversed with its reasoned refusal; optionally the goods come back. */
export const ReverseRemainderCodec = op('ReverseRemainder', { demand: DocumentIdCodec }, { returnGoods: t.boolean })

/** A refused remainder turned into a bill or cheque in favour of a third party (M5). */
export const DivertRemainderCodec = op(
  'DivertRemainder',
  { demand: DocumentIdCodec, instrument: t.keyof({ bill: null, cheque: null }), instrumentId: DocumentIdCodec, payee: EntityNameCodec },
  { maturity: LocalDateCodec },
)

export const ProvisionalAcceptanceCodec = op(
  'ProvisionalAcceptance',
  { id: DocumentIdCodec, seller: EntityNameCodec, buyer: EntityNameCodec, lot: DocumentIdCodec, goods: GoodsCodec, cost: QuantityCodec },
  { serials: t.readonlyArray(LabelCodec) },
)

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

export const RecordClaimCodec = op(
  'RecordClaim',
  { id: DocumentIdCodec, seller: EntityNameCodec, buyer: EntityNameCodec, defect: t.string, district: t.keyof({ inner: null, remote: null }) },
  { lot: DocumentIdCodec, units: QuantityCodec, serials: t.readonlyArray(LabelCodec) },
)

/** The supplier's representative answered the claim (arrived). */
export const AnswerClaimCodec = op('AnswerClaim', { claim: DocumentIdCodec }, {})

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

export const SignContractCodec = op(
  'SignContract',
  { id: DocumentIdCodec, seller: EntityNameCodec, buyer: EntityNameCodec, unitPrice: QuantityCodec, plannedCost: QuantityCodec, description: t.string },
  { commodity: CommoditySymbolCodec, units: QuantityCodec },
)

export const ReviseSpecificationCodec = op(
  'ReviseSpecification',
  { contract: DocumentIdCodec, unitPrice: QuantityCodec, plannedCost: QuantityCodec, description: t.string },
  { units: QuantityCodec },
)

const CollateralCodec = t.readonly(t.type({ lots: t.readonlyArray(DocumentIdCodec), contracts: t.readonlyArray(DocumentIdCodec) }))

const TermsProps = {
  rate: QuantityCodec,
  termMonths: IntegerCodec,
  scheme: InterestSchemeCodec,
  dayCount: DayCountCodec,
}

export const DrawLoanCodec = op(
  'DrawLoan',
  { id: DocumentIdCodec, lender: EntityNameCodec, borrower: EntityNameCodec, loanKind: LoanKindCodec, purpose: t.string, collateral: CollateralCodec, principal: QuantityCodec, ...TermsProps },
  {},
)

/** Accrues interest on the outstanding principal from the loan's `accruedTo` up to (excluding) `date`. */
export const AccrueInterestCodec = op('AccrueInterest', { loan: DocumentIdCodec }, {})

export const RepayLoanCodec = op('RepayLoan', { loan: DocumentIdCodec, principal: QuantityCodec, interest: QuantityCodec }, {})

/** Replaces a loan by a new one from the same lender; `principal` ≥ the old loan's outstanding principal + interest, any excess is paid out. */
export const RefinanceLoanCodec = op(
  'RefinanceLoan',
  { loan: DocumentIdCodec, newLoan: DocumentIdCodec, principal: QuantityCodec, ...TermsProps },
  { purpose: t.string, collateral: CollateralCodec },
)

export const DrawBillCodec = op(
  'DrawBill',
  { id: DocumentIdCodec, drawer: EntityNameCodec, payee: EntityNameCodec, face: QuantityCodec, maturity: LocalDateCodec, settles: SettlesCodec },
  { drawee: EntityNameCodec },
)

export const AcceptBillCodec = op('AcceptBill', { bill: DocumentIdCodec, by: EntityNameCodec }, {})

export const EndorseBillCodec = op('EndorseBill', { bill: DocumentIdCodec, from: EntityNameCodec, to: EntityNameCodec, settles: SettlesCodec }, {})

/**
 * Discount D = face × rate × days / basis (days = maturity − date), rounded by the `moneyRounding` parameter; proceeds = face − D.
 * `holder`, when given, must be the bill's holder; without it the current holder discounts.
 */
export const DiscountBillCodec = op(
  'DiscountBill',
  { bill: DocumentIdCodec, bank: EntityNameCodec, rate: QuantityCodec },
  { holder: EntityNameCodec, basis: IntegerCodec, proceedsAccount: AccountNameCodec },
)

export const RedeemBillCodec = op('RedeemBill', { bill: DocumentIdCodec }, {})

export const ProtestBillCodec = op('ProtestBill', { bill: DocumentIdCodec }, {})

export const FreezeAccountCodec = op('FreezeAccount', { entity: EntityNameCodec, permitted: t.readonlyArray(PaymentClassCodec), authority: t.string }, { account: AccountNameCodec })

export const UnfreezeAccountCodec = op('UnfreezeAccount', { entity: EntityNameCodec, authority: t.string }, { account: AccountNameCodec })

export const PhysicalCountCodec = op(
  'PhysicalCount',
  { id: DocumentIdCodec, entity: EntityNameCodec, account: AccountNameCodec, commodity: CommoditySymbolCodec, counted: QuantityCodec, unitValue: QuantityCodec },
  {},
)

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

export type Goods = t.TypeOf<typeof GoodsCodec>
export type PlanItemInput = t.TypeOf<typeof PlanItemCodec>
export type Acceptance = t.TypeOf<typeof AcceptanceCodec>
export type SetPlan = t.TypeOf<typeof SetPlanCodec>
export type ReceiveMaterials = t.TypeOf<typeof ReceiveMaterialsCodec>
export type LaunchWip = t.TypeOf<typeof LaunchWipCodec>
export type IssueMaterials = t.TypeOf<typeof IssueMaterialsCodec>
export type AccrueWages = t.TypeOf<typeof AccrueWagesCodec>
export type AccrueBonus = t.TypeOf<typeof AccrueBonusCodec>
export type PayWages = t.TypeOf<typeof PayWagesCodec>
export type CompleteWip = t.TypeOf<typeof CompleteWipCodec>
export type OtkReject = t.TypeOf<typeof OtkRejectCodec>
export type Ship = t.TypeOf<typeof ShipCodec>
export type PresentDemand = t.TypeOf<typeof PresentDemandCodec>
export type CreditOnDocuments = t.TypeOf<typeof CreditOnDocumentsCodec>
export type AcceptDemand = t.TypeOf<typeof AcceptDemandCodec>
export type RefuseDemand = t.TypeOf<typeof RefuseDemandCodec>
export type LapseAcceptance = t.TypeOf<typeof LapseAcceptanceCodec>
export type PayDemand = t.TypeOf<typeof PayDemandCodec>
export type ReverseRemainder = t.TypeOf<typeof ReverseRemainderCodec>
export type DivertRemainder = t.TypeOf<typeof DivertRemainderCodec>
export type ProvisionalAcceptance = t.TypeOf<typeof ProvisionalAcceptanceCodec>
export type FinalAcceptance = t.TypeOf<typeof FinalAcceptanceCodec>
export type RecordClaim = t.TypeOf<typeof RecordClaimCodec>
export type AnswerClaim = t.TypeOf<typeof AnswerClaimCodec>
export type Rework = t.TypeOf<typeof ReworkCodec>
export type SignContract = t.TypeOf<typeof SignContractCodec>
export type ReviseSpecification = t.TypeOf<typeof ReviseSpecificationCodec>
export type DrawLoan = t.TypeOf<typeof DrawLoanCodec>
export type AccrueInterest = t.TypeOf<typeof AccrueInterestCodec>
export type RepayLoan = t.TypeOf<typeof RepayLoanCodec>
export type RefinanceLoan = t.TypeOf<typeof RefinanceLoanCodec>
export type DrawBill = t.TypeOf<typeof DrawBillCodec>
export type AcceptBill = t.TypeOf<typeof AcceptBillCodec>
export type EndorseBill = t.TypeOf<typeof EndorseBillCodec>
export type DiscountBill = t.TypeOf<typeof DiscountBillCodec>
export type RedeemBill = t.TypeOf<typeof RedeemBillCodec>
export type ProtestBill = t.TypeOf<typeof ProtestBillCodec>
export type FreezeAccount = t.TypeOf<typeof FreezeAccountCodec>
export type UnfreezeAccount = t.TypeOf<typeof UnfreezeAccountCodec>
export type PhysicalCount = t.TypeOf<typeof PhysicalCountCodec>

/** Every domain operation, discriminated by `_tag`. */
export type Operation = t.TypeOf<typeof OperationCodec>
export type OperationTag = Operation['_tag']

/** The JSON form of an operation (decimals as strings). */
export type OperationJson = t.OutputOf<typeof OperationCodec>

/** Decodes an operation from its JSON form. */
export const decodeOperation = (json: unknown): t.Validation<Operation> => OperationCodec.decode(json)

/** Encodes an operation to its JSON form. */
export const encodeOperation = (operation: Operation): OperationJson => OperationCodec.encode(operation)
