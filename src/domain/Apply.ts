/**
 * Applying operations to books.
 *
 * `expand(operation, context)(books)` checks the operation's preconditions against the books and
 * computes its effects without writing anything: at most one balanced core `TransactionInput`
 * (every entity's legs balance on their own; goods move between stage accounts on the same
 * postings and are conserved per commodity and entity), the new states of the documents it
 * touches, and the rule breaches it records as notes.
 *
 * `apply(operation, context)(books)` expands, posts the transaction with core `Ledger.post`, and
 * appends the document states: atomic (on any error the books are unchanged; an operation posts
 * a single transaction, and documents are written only after it was posted), O(size of the
 * operation) on the newest view, deterministic.
 *
 * Inter-entity legs (a seller's receivable and the buyer's payable, a bank's loan and the
 * borrower's liability, the two sides of a payment) carry the tag `counterparty: <entity>`;
 * `Consolidate.ts` eliminates them.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  type AccountName,
  Amount,
  type Citation,
  type Commodity,
  type Entity,
  Ledger,
  LocalDate,
  type Posting,
  Quantity,
  type SourceSpan,
  type Transaction,
} from '../core/index.js'
import { discount, proportion, simpleInterest } from './Arithmetic.js'
import {
  accountFor,
  type AppliedOperation,
  type Bill,
  type Books,
  type Claim,
  type Contract,
  type Document,
  type DocumentId,
  type DocumentKind,
  type DomainNote,
  internal,
  isTerminal,
  type Label,
  type Loan,
  type Lot,
  makeBooks,
  type Money,
  type PaymentClass,
  type PaymentDemand,
  type PlanLine,
  planKey,
  type Refusal,
  type Role,
  roleOf,
  type SettlementAccount,
  type Shipment,
  stageOfRole,
  statusOf,
  tableNames,
  tableOfKind,
  type UnitAcceptance,
} from './Books.js'
import type { DomainError } from './DomainError.js'
import type * as Op from './Operation.js'
import { acceptanceDeadline, requireAt, savingsBankProgrammeActive } from './Parameters.js'
import { fork, table, write } from './Store.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where and how an operation is applied: its source span, citations, transaction description, what to
 * do with a debit on a frozen account, and whether its figures are estimates.
 */
export interface ApplyContext {
  /** Where the operation was written. */
  readonly span: SourceSpan.SourceSpan
  readonly citations?: ReadonlyArray<Citation.Citation>
  /** The transaction description; defaults to `<operation> <document>`. */
  readonly description?: string
  /**
   * A debit on a frozen settlement account outside its permitted payment classes: `reject` it
   * with `FrozenAccountDebit` (the default), or `record` it and add a `FrozenAccountDebitRecorded`
   * note (to load historical books in which it happened).
   */
  readonly frozenDebits?: 'reject' | 'record'
  /** True when a figure of the operation is approximate (written `~`); carried into its postings, plan revisions and history. */
  readonly estimated?: boolean
}

/**
 * What an operation would do, computed by `expand` without writing: the transaction to post (if any),
 * the new document, settlement-account and plan states, and the notes it records.
 */
export interface Expansion {
  /** The balanced transaction to post, or undefined for memo-only operations. */
  readonly transaction?: Transaction.TransactionInput
  /** New states of the documents created or changed. */
  readonly documents: ReadonlyArray<Document>
  readonly settlementAccounts: ReadonlyArray<SettlementAccount>
  readonly plans: ReadonlyArray<PlanLine>
  readonly notes: ReadonlyArray<DomainNote>
}

/** The tag naming the other entity of an inter-entity leg. */
export const counterpartyTag = 'counterparty'

// -------------------------------------------------------------------------------------
// draft: the effects of one operation, built privately
// -------------------------------------------------------------------------------------

/** Documents never carry `_tag`; errors always do. */
const isError = (value: object): value is DomainError => '_tag' in value

interface LegOptions {
  readonly goods?: Amount.Amount
  readonly counterparty?: Entity.EntityName
  readonly tags?: ReadonlyArray<Posting.Tag>
}

class Draft {
  readonly postings: Posting.PostingInput[] = []
  readonly documents = new Map<DocumentId, Document>()
  readonly settlementAccounts = new Map<AccountName.AccountName, SettlementAccount>()
  readonly plans = new Map<string, PlanLine>()
  readonly notes: DomainNote[] = []
  primary: DocumentId | undefined
  constructor(
    readonly books: Books,
    readonly operation: Op.Operation,
    readonly context: ApplyContext,
  ) {}

  get index(): number {
    return this.books.size
  }
  get date(): LocalDate.LocalDate {
    return this.operation.date
  }
  get rounding(): Quantity.Rounding {
    return requireAt(this.books.parameters.moneyRounding, this.date, 'moneyRounding')
  }

  account(entity: Entity.EntityName, role: Role, sub?: string): AccountName.AccountName {
    const base = accountFor(this.books.chart, entity, role)
    return (sub === undefined ? base : `${base}:${sub}`) as AccountName.AccountName
  }

  /** One posting: `money` signed (debit positive), `goods` signed likewise. Zero money is omitted. */
  leg(account: AccountName.AccountName, money: Money, options: LegOptions = {}): void {
    const hasMoney = !Quantity.isZero(money)
    if (!hasMoney && options.goods === undefined) return
    const tags: Posting.Tag[] = [...(options.tags ?? [])]
    if (options.counterparty !== undefined) tags.push({ name: counterpartyTag, value: options.counterparty })
    this.postings.push({
      account,
      ...(hasMoney ? { money: Amount.make(money, this.books.currency) } : {}),
      ...(options.goods !== undefined ? { goods: options.goods } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    })
  }
  dr(account: AccountName.AccountName, money: Money, options: LegOptions = {}): void {
    this.leg(account, money, options)
  }
  cr(account: AccountName.AccountName, money: Money, options: LegOptions = {}): void {
    this.leg(account, Quantity.negate(money), options.goods === undefined ? options : { ...options, goods: Amount.negate(options.goods) })
  }
  /** A goods-only move of `goods` from `from` to `to`, with its cost. */
  move(to: AccountName.AccountName, from: AccountName.AccountName, cost: Money, goods: Amount.Amount): void {
    this.dr(to, cost, { goods })
    this.cr(from, cost, { goods })
  }

  /** Units of `commodity` in `account` (own balance), including this draft's postings. */
  available(account: AccountName.AccountName, commodity: Commodity.CommoditySymbol): Quantity.Quantity {
    let result = Amount.quantityOf(Ledger.runningBalance(this.books.ledger, account, 'goods', false), commodity)
    for (const posting of this.postings) {
      if (posting.account === account && posting.goods?.commodity === commodity) result = Quantity.add(result, posting.goods.quantity)
    }
    return result
  }
  /** Money balance of `account` (own), including this draft's postings. */
  moneyBalance(account: AccountName.AccountName): Quantity.Quantity {
    let result = Amount.quantityOf(Ledger.runningBalance(this.books.ledger, account, 'money', false), this.books.currency)
    for (const posting of this.postings) {
      if (posting.account === account && posting.money !== undefined) result = Quantity.add(result, posting.money.quantity)
    }
    return result
  }

  document(id: DocumentId): Document | undefined {
    return this.documents.get(id) ?? this.books.documents.get(id)
  }
  /** Records a document's new state, stamping this operation in its events. */
  put<D extends Document>(next: D): D {
    const previous = this.document(next.id)
    const events = previous === undefined ? [this.index] : previous.events[previous.events.length - 1] === this.index ? previous.events : [...previous.events, this.index]
    const stamped = { ...next, events }
    this.documents.set(next.id, stamped)
    return stamped
  }
  note(note: DomainNote): void {
    this.notes.push(note)
  }
}

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

type Check = DomainError | undefined

const first = (...checks: ReadonlyArray<() => Check>): Check => {
  for (const check of checks) {
    const error = check()
    if (error !== undefined) return error
  }
  return undefined
}

const entity = (d: Draft, name: Entity.EntityName): Check =>
  d.books.ledger.declarations.entities.has(name) ? undefined : { _tag: 'UnknownEntity', entity: name }

const distinct = (d: Draft, a: Entity.EntityName, b: Entity.EntityName): Check =>
  a === b ? { _tag: 'SamePartyOnBothSides', entity: a, operation: d.operation._tag } : undefined

const parties = (d: Draft, a: Entity.EntityName, b: Entity.EntityName): Check => first(() => entity(d, a), () => entity(d, b), () => distinct(d, a, b))

const twoDigits = (value: Quantity.Quantity): boolean => Quantity.scaleOf(value) <= 2

/** A money amount > 0 with at most 2 decimals. */
const money = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) <= 0 ? { _tag: 'InvalidAmount', field, value, reason: 'notPositive' } : twoDigits(value) ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'subKopeck' }

/** A money amount ≥ 0 with at most 2 decimals. */
const moneyOrZero = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) < 0 ? { _tag: 'InvalidAmount', field, value, reason: 'negative' } : twoDigits(value) ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'subKopeck' }

const positive = (field: string, value: Quantity.Quantity): Check => (Quantity.sign(value) > 0 ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'notPositive' })

const nonNegative = (field: string, value: Quantity.Quantity): Check => (Quantity.sign(value) >= 0 ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'negative' })

const rate = (value: Quantity.Quantity): Check => (Quantity.sign(value) >= 0 ? undefined : { _tag: 'InvalidRate', rate: value })

const term = (field: string, value: number): Check => (Number.isSafeInteger(value) && value > 0 ? undefined : { _tag: 'InvalidTerm', field, value })

const fresh = (d: Draft, id: DocumentId): Check => {
  const existing = d.document(id)
  if (existing === undefined) return undefined
  // name the line of the first entry too, not only the second
  const created = existing.events[0] === undefined ? undefined : internal(d.books).store.history[existing.events[0]]
  return { _tag: 'DuplicateDocument', id, existing: existing.kind, ...(created !== undefined ? { existingAt: `${created.span.file}:${created.span.line}` } : {}) }
}

type Of<K extends DocumentKind> = Extract<Document, { readonly kind: K }>

/** The document `id` of kind `kind`, or the error. */
const find = <K extends DocumentKind>(d: Draft, id: DocumentId, kind: K): Of<K> | DomainError => {
  const found = d.document(id)
  if (found === undefined) return { _tag: 'UnknownDocument', id, expected: kind }
  if (found.kind !== kind) return { _tag: 'DocumentKindMismatch', id, expected: kind, actual: found.kind }
  return found as Of<K>
}

/** Like `find`, and the document must accept operations (not terminal, not dated after the operation). */
const live = <K extends DocumentKind>(d: Draft, id: DocumentId, kind: K): Of<K> | DomainError => {
  const found = find(d, id, kind)
  if (isError(found)) return found
  if (isTerminal(found)) return { _tag: 'DocumentInTerminalState', id, kind, status: statusOf(found), operation: d.operation._tag }
  if (d.date < found.date) return { _tag: 'DateBeforeDocument', id, documentDate: found.date, date: d.date }
  return found
}

const stock = (d: Draft, account: AccountName.AccountName, goods: Amount.Amount): Check => {
  const available = d.available(account, goods.commodity)
  return Quantity.compare(available, goods.quantity) < 0 ? { _tag: 'InsufficientStock', account, commodity: goods.commodity, available, requested: goods.quantity } : undefined
}

/** A debit of `account` (default: the entity's current account) for a payment of `paymentClass`. */
const debit = (d: Draft, owner: Entity.EntityName, paymentClass: PaymentClass, account: AccountName.AccountName = d.account(owner, 'current')): Check => {
  const status = d.settlementAccounts.get(account) ?? d.books.settlementAccounts.get(account)
  if (status === undefined || status.status !== 'Frozen' || status.permitted.includes(paymentClass)) return undefined
  if (d.context.frozenDebits === 'record') {
    d.note({ _tag: 'FrozenAccountDebitRecorded', entity: owner, account, paymentClass, permitted: status.permitted })
    return undefined
  }
  return { _tag: 'FrozenAccountDebit', entity: owner, account, paymentClass, permitted: status.permitted, frozenSince: status.since }
}

/** The lot `id` of `owner` (and of `commodity` if given). */
const lotOf = (d: Draft, id: DocumentId, owner: Entity.EntityName, commodity?: Commodity.CommoditySymbol): Lot | DomainError => {
  const lot = find(d, id, 'Lot')
  if (isError(lot)) return lot
  if (lot.entity !== owner) return { _tag: 'PartyMismatch', id, role: 'entity', expected: lot.entity, actual: owner }
  if (commodity !== undefined && lot.commodity !== commodity) return { _tag: 'CommodityMismatch', id, expected: lot.commodity, actual: commodity }
  return lot
}

/** Checks an optional lot; returns the error or undefined. */
const optionalLot = (d: Draft, id: DocumentId | undefined, owner: Entity.EntityName, commodity?: Commodity.CommoditySymbol): Check => {
  if (id === undefined) return undefined
  const lot = lotOf(d, id, owner, commodity)
  return isError(lot) ? lot : undefined
}

const goods = (value: Op.Goods): Amount.Amount => Amount.make(value.quantity, value.commodity)

const isStateParty = (d: Draft, name: Entity.EntityName): boolean => {
  const sector = d.books.ledger.declarations.entities.get(name)?.sector
  return sector === 'state' || sector === 'bank' || sector === 'military'
}

const billNote = (d: Draft, id: DocumentId, a: Entity.EntityName, b: Entity.EntityName): void => {
  const cutoff = requireAt(d.books.parameters.creditReformCutoff, d.date, 'creditReformCutoff')
  if (d.date >= cutoff && isStateParty(d, a) && isStateParty(d, b)) d.note({ _tag: 'BillBetweenStateParties', bill: id, cutoff })
}

/** `date` plus whole months (the day clipped to the month's length), or undefined past the calendar (year 9999). */
const addMonths = (date: LocalDate.LocalDate, months: number): LocalDate.LocalDate | undefined => {
  const total = LocalDate.year(date) * 12 + (LocalDate.month(date) - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const day = Math.min(LocalDate.day(date), LocalDate.daysInMonth(year, month))
  const result = LocalDate.fromParts(year, month, day)
  return E.isRight(result) ? result.right : undefined
}

/** A typed error when a date computed from an operation (a maturity, a deadline) leaves the calendar. */
const inCalendar = (date: LocalDate.LocalDate, later: LocalDate.LocalDate | undefined, what: string): Check =>
  later === undefined ? { _tag: 'DateOutOfRange', date, what } : undefined

const zero = Quantity.zero
const add = Quantity.add
const sub = Quantity.subtract
const lt = (a: Quantity.Quantity, b: Quantity.Quantity): boolean => Quantity.compare(a, b) < 0
const gt = (a: Quantity.Quantity, b: Quantity.Quantity): boolean => Quantity.compare(a, b) > 0

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

const setPlan = (d: Draft, op: Op.SetPlan): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => (op.item._tag === 'CreditLimit' ? entity(d, op.item.lender) : undefined),
    () => moneyOrZero('amount', op.amount),
    () => (op.units !== undefined ? nonNegative('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  const key = planKey(op.entity, op.item, op.period)
  const existing = d.plans.get(key) ?? d.books.plans.get(key)
  const revision = { date: op.date, amount: op.amount, ...(op.units !== undefined ? { units: op.units } : {}), operation: d.index, estimated: d.context.estimated === true }
  d.plans.set(key, { entity: op.entity, item: op.item, period: op.period, revisions: [...(existing?.revisions ?? []), revision] })
  return undefined
}

const receiveMaterials = (d: Draft, op: Op.ReceiveMaterials): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
  )
  if (error !== undefined) return error
  const units = goods(op.goods)
  d.dr(d.account(op.entity, 'materials'), op.cost, { goods: units })
  d.cr(d.account(op.entity, 'payables'), op.cost)
  d.cr(d.account(op.entity, 'goodsOrigin'), zero, { goods: units })
  return undefined
}

const launchWip = (d: Draft, op: Op.LaunchWip): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => {
      if (op.contract === undefined) return undefined
      const contract = find(d, op.contract, 'Contract')
      return isError(contract) ? contract : undefined
    },
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) {
    const existing = d.document(op.lot)
    if (existing !== undefined) {
      const lot = lotOf(d, op.lot, op.entity, op.goods.commodity)
      if (isError(lot)) return lot
      d.put({ ...lot, launched: add(lot.launched, op.goods.quantity) })
    } else {
      d.put<Lot>({
        kind: 'Lot',
        id: op.lot,
        date: op.date,
        events: [],
        entity: op.entity,
        commodity: op.goods.commodity,
        ...(op.contract !== undefined ? { contract: op.contract } : {}),
        launched: op.goods.quantity,
        provisional: zero,
        final: zero,
        rejected: zero,
        serials: new Map(),
        reworkCost: zero,
        claims: [],
        loans: [],
      })
    }
    d.primary = op.lot
  }
  const units = goods(op.goods)
  d.dr(d.account(op.entity, 'wip', op.lot), zero, { goods: units })
  d.cr(d.account(op.entity, 'goodsOrigin'), zero, { goods: units })
  return undefined
}

const issueMaterials = (d: Draft, op: Op.IssueMaterials): Check => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'materials')
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) d.primary = op.lot
  d.move(d.account(op.entity, 'wip', op.lot), from, op.cost, units)
  return undefined
}

const accrueWages = (d: Draft, op: Op.AccrueWages): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => money('amount', op.amount),
    () => optionalLot(d, op.lot, op.entity),
  )
  if (error !== undefined) return error
  const tags = [{ name: 'staff-category', value: op.staffCategory }]
  const target = op.chargeTo === 'wip' ? d.account(op.entity, 'wip', op.lot) : op.chargeTo === 'overhead' ? d.account(op.entity, 'overhead') : d.account(op.entity, 'wages', op.staffCategory)
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
  if (!permitted.includes(op.fundingSource)) d.note({ _tag: 'BonusFundingOutsideRule', bonus: op.id, source: op.fundingSource, permitted })
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
      return gt(op.amount, payable) ? { _tag: 'WagesPaymentExceedsPayable', entity: op.entity, payable, requested: op.amount } : undefined
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
const outOfWip = (d: Draft, op: Op.CompleteWip | Op.OtkReject): { readonly units: Amount.Amount; readonly from: AccountName.AccountName } | DomainError => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'wip', op.lot)
  const error = first(
    () => entity(d, op.entity),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity, op.goods.commodity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) d.primary = op.lot
  return { units, from }
}

const completeWip = (d: Draft, op: Op.CompleteWip): Check => {
  const source = outOfWip(d, op)
  if ('_tag' in source) return source
  const { units, from } = source
  d.move(d.account(op.entity, 'finished', op.lot), from, op.cost, units)
  for (const consumed of op.consumed ?? []) {
    const material = goods(consumed)
    const consumedError = first(
      () => positive('consumed.quantity', consumed.quantity),
      () => stock(d, from, material),
    )
    if (consumedError !== undefined) return consumedError
    d.move(d.account(op.entity, 'materialsConsumed'), from, zero, material)
  }
  return undefined
}

const otkReject = (d: Draft, op: Op.OtkReject): Check => {
  const source = outOfWip(d, op)
  if ('_tag' in source) return source
  const { units, from } = source
  d.move(op.disposition === 'scrap' ? d.account(op.entity, 'scrapped') : d.account(op.entity, 'rejected', op.lot), from, op.cost, units)
  return undefined
}

const ship = (d: Draft, op: Op.Ship): Check => {
  const units = goods(op.goods)
  const from = d.account(op.entity, 'finished', op.lot)
  const to = d.account(op.entity, 'shipped', op.lot)
  const error = first(
    () => entity(d, op.entity),
    () => (op.buyer !== undefined ? parties(d, op.entity, op.buyer) : undefined),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => optionalLot(d, op.lot, op.entity, op.goods.commodity),
    () => stock(d, from, units),
  )
  if (error !== undefined) return error
  d.primary = op.id
  d.put<Shipment>({
    kind: 'Shipment',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.entity,
    ...(op.buyer !== undefined ? { buyer: op.buyer } : {}),
    goods: units,
    cost: op.cost,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    account: to,
    status: 'Shipped',
    remainingUnits: op.goods.quantity,
    remainingCost: op.cost,
  })
  d.move(to, from, op.cost, units)
  return undefined
}

const presentDemand = (d: Draft, op: Op.PresentDemand): Check => {
  const shipments = op.shipments ?? []
  // The same demand entered twice in the register (same id, parties, amount and date, naming no
  // other shipment) is recorded, not refused: its entries are posted again and a note kept, so
  // that `duplicate-documents` can find it. A different document under a used id is refused.
  const existing = d.document(op.id)
  if (existing?.kind === 'PaymentDemand' && isRepeatOf(existing, op)) {
    const refused = parties(d, op.seller, op.buyer)
    if (refused !== undefined) return refused
    d.primary = op.id
    d.note({ _tag: 'DuplicateDocumentRecorded', id: op.id, kind: 'PaymentDemand', first: existing.events[0] ?? 0 })
    d.dr(d.account(op.seller, 'receivables'), op.amount, { counterparty: op.buyer })
    d.cr(d.account(op.seller, 'sales'), op.amount)
    d.dr(d.account(op.buyer, 'inTransit'), op.amount)
    d.cr(d.account(op.buyer, 'payables'), op.amount, { counterparty: op.seller })
    return undefined
  }
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => money('amount', op.amount),
    () => (op.units !== undefined ? positive('units.quantity', op.units.quantity) : undefined),
    () => (op.unitPrice !== undefined ? moneyOrZero('unitPrice', op.unitPrice) : undefined),
    () =>
      op.units !== undefined && op.unitPrice !== undefined && !Quantity.equals(Quantity.multiply(op.units.quantity, op.unitPrice), op.amount)
        ? { _tag: 'DemandAmountMismatch', id: op.id, amount: op.amount, units: op.units.quantity, unitPrice: op.unitPrice }
        : undefined,
    () => (op.lot !== undefined ? optionalLot(d, op.lot, op.seller, op.units?.commodity) : undefined),
    () => {
      if (op.contract === undefined) return undefined
      const contract = find(d, op.contract, 'Contract')
      if (isError(contract)) return contract
      if (contract.seller !== op.seller) return { _tag: 'PartyMismatch', id: op.contract, role: 'seller', expected: contract.seller, actual: op.seller }
      if (contract.buyer !== op.buyer) return { _tag: 'PartyMismatch', id: op.contract, role: 'buyer', expected: contract.buyer, actual: op.buyer }
      return undefined
    },
  )
  if (error !== undefined) return error
  for (const id of shipments) {
    const shipment = find(d, id, 'Shipment')
    if (isError(shipment)) return shipment
    if (shipment.demand !== undefined) return { _tag: 'ShipmentAlreadyInvoiced', shipment: id, demand: shipment.demand }
    if (isTerminal(shipment)) return { _tag: 'DocumentInTerminalState', id, kind: 'Shipment', status: shipment.status, operation: op._tag }
    if (shipment.seller !== op.seller) return { _tag: 'PartyMismatch', id, role: 'seller', expected: shipment.seller, actual: op.seller }
    if (shipment.buyer !== undefined && shipment.buyer !== op.buyer) return { _tag: 'PartyMismatch', id, role: 'buyer', expected: shipment.buyer, actual: op.buyer }
    if (op.units !== undefined && shipment.goods.commodity !== op.units.commodity) return { _tag: 'CommodityMismatch', id, expected: shipment.goods.commodity, actual: op.units.commodity }
    d.put({ ...shipment, status: 'Invoiced', demand: op.id })
  }
  if (shipments.length === 0 && op.bills !== 'services') d.note({ _tag: 'DemandWithoutShipment', demand: op.id })
  d.primary = op.id
  d.put<PaymentDemand>({
    kind: 'PaymentDemand',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    amount: op.amount,
    ...(op.units !== undefined ? { units: goods(op.units) } : {}),
    ...(op.unitPrice !== undefined ? { unitPrice: op.unitPrice } : {}),
    ...(op.bills === 'services' ? { bills: 'services' as const } : {}),
    shipments,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(op.contract !== undefined ? { contract: op.contract } : {}),
    acceptanceDeadline: acceptanceDeadline(d.books.parameters, op.date),
    status: 'Presented',
    paid: zero,
  })
  d.dr(d.account(op.seller, 'receivables'), op.amount, { counterparty: op.buyer })
  d.cr(d.account(op.seller, 'sales'), op.amount)
  d.dr(d.account(op.buyer, 'inTransit'), op.amount)
  d.cr(d.account(op.buyer, 'payables'), op.amount, { counterparty: op.seller })
  return undefined
}

/** True when `op` repeats the demand `existing` entry for entry: same parties, amount, date, units, price, shipments, lot, contract and kind. */
const isRepeatOf = (existing: PaymentDemand, op: Op.PresentDemand): boolean =>
  existing.seller === op.seller &&
  existing.buyer === op.buyer &&
  existing.date === op.date &&
  Quantity.equals(existing.amount, op.amount) &&
  (existing.units === undefined ? op.units === undefined : op.units !== undefined && existing.units.commodity === op.units.commodity && Quantity.equals(existing.units.quantity, op.units.quantity)) &&
  (existing.unitPrice === undefined ? op.unitPrice === undefined : op.unitPrice !== undefined && Quantity.equals(existing.unitPrice, op.unitPrice)) &&
  existing.shipments.join('\u0000') === (op.shipments ?? []).join('\u0000') &&
  existing.lot === op.lot &&
  existing.contract === op.contract &&
  (existing.bills ?? 'goods') === (op.bills ?? 'goods')

const creditOnDocuments = (d: Draft, op: Op.CreditOnDocuments): Check => {
  const demand = live(d, op.demand, 'PaymentDemand')
  if (isError(demand)) return demand
  const error = first(
    () => parties(d, op.bank, demand.seller),
    () => money('amount', op.amount),
    () => (demand.documentsCredit !== undefined ? { _tag: 'DocumentsAlreadyCredited', demand: op.demand, bank: demand.documentsCredit.bank } : undefined),
    () => (gt(op.amount, demand.amount) ? { _tag: 'CreditExceedsDemand', demand: op.demand, amount: demand.amount, requested: op.amount } : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.demand
  d.put({ ...demand, documentsCredit: { bank: op.bank, date: op.date, amount: op.amount, repaid: zero } })
  d.dr(d.account(demand.seller, 'current'), op.amount, { counterparty: op.bank })
  d.cr(d.account(demand.seller, 'gosbankDocuments'), op.amount, { counterparty: op.bank })
  d.dr(d.account(op.bank, 'loansIssued'), op.amount, { counterparty: demand.seller })
  d.cr(d.account(op.bank, 'deposits'), op.amount, { counterparty: demand.seller })
  return undefined
}

/** A demand whose payments and remainder are settled is closed. */
const settle = (demand: PaymentDemand): PaymentDemand => {
  if (demand.status !== 'Decided' || demand.decision === undefined) return demand
  const remainderOpen = demand.remainder !== undefined && demand.remainder.disposition._tag === 'Open'
  return Quantity.equals(demand.paid, demand.decision.accepted) && !remainderOpen ? { ...demand, status: 'Closed' } : demand
}

/** Releases `units` (all remaining when undefined) from the demand's shipments to cost of sales, first shipment first. */
const release = (d: Draft, demand: PaymentDemand, units: Quantity.Quantity | undefined): void => {
  let remaining = units
  for (const id of demand.shipments) {
    if (remaining !== undefined && Quantity.sign(remaining) <= 0) break
    const shipment = d.document(id)
    if (shipment === undefined || shipment.kind !== 'Shipment' || Quantity.isZero(shipment.remainingUnits)) continue
    const take = remaining === undefined ? shipment.remainingUnits : Quantity.min(remaining, shipment.remainingUnits)
    const cost = proportion(shipment.remainingCost, take, shipment.remainingUnits, d.rounding)
    d.move(d.account(demand.seller, 'costOfSales'), shipment.account, cost, Amount.make(take, shipment.goods.commodity))
    const left = sub(shipment.remainingUnits, take)
    d.put({ ...shipment, remainingUnits: left, remainingCost: sub(shipment.remainingCost, cost), status: Quantity.isZero(left) ? 'Released' : shipment.status })
    if (remaining !== undefined) remaining = sub(remaining, take)
  }
}

const decide = (
  d: Draft,
  id: DocumentId,
  kind: 'Full' | 'Partial' | 'Refused' | 'Silent',
  accepted: (demand: PaymentDemand) => Quantity.Quantity,
  acceptedUnits: Quantity.Quantity | undefined,
  refusal: Refusal | undefined,
  statedRefused?: Quantity.Quantity,
): Check => {
  const found = live(d, id, 'PaymentDemand')
  if (isError(found)) return found
  const demand = found
  if (demand.status !== 'Presented') return { _tag: 'DemandAlreadyDecided', demand: id, decidedOn: demand.decision?.date ?? demand.date }
  if (kind === 'Silent' && d.date <= demand.acceptanceDeadline) return { _tag: 'AcceptancePeriodNotLapsed', demand: id, deadline: demand.acceptanceDeadline, date: d.date }
  if (kind !== 'Silent' && d.date > demand.acceptanceDeadline) return { _tag: 'AcceptancePeriodLapsed', demand: id, deadline: demand.acceptanceDeadline, date: d.date }
  const amount = accepted(demand)
  if (kind === 'Partial') {
    const error = first(
      () => money('accepted', amount),
      () => (gt(amount, demand.amount) ? { _tag: 'PartialAcceptanceExceedsOpen', demand: id, open: demand.amount, accepted: amount } : undefined),
      () => (Quantity.equals(amount, demand.amount) ? { _tag: 'PartialAcceptanceNotPartial', demand: id, open: demand.amount, accepted: amount } : undefined),
      () =>
        statedRefused !== undefined && !Quantity.equals(statedRefused, sub(demand.amount, amount))
          ? { _tag: 'RefusedAmountMismatch', demand: id, amount: demand.amount, accepted: amount, refused: statedRefused }
          : undefined,
      () => (acceptedUnits !== undefined ? nonNegative('acceptedUnits', acceptedUnits) : undefined),
      () =>
        acceptedUnits !== undefined && demand.units !== undefined && gt(acceptedUnits, demand.units.quantity)
          ? { _tag: 'UnitsExceedDemand', demand: id, demanded: demand.units.quantity, accepted: acceptedUnits }
          : undefined,
    )
    if (error !== undefined) return error
  }
  const refused = sub(demand.amount, amount)
  const unitsAccepted = kind === 'Full' || kind === 'Silent' ? demand.units?.quantity : kind === 'Refused' ? (demand.units !== undefined ? zero : undefined) : acceptedUnits
  d.primary = id
  const decided: PaymentDemand = {
    ...demand,
    status: 'Decided',
    decision: {
      _tag: kind,
      date: d.date,
      accepted: amount,
      ...(unitsAccepted !== undefined ? { acceptedUnits: unitsAccepted } : {}),
      refused,
      ...(refusal !== undefined ? { refusal } : {}),
    },
    ...(Quantity.isZero(refused)
      ? {}
      : {
          remainder: {
            amount: refused,
            ...(demand.units !== undefined && unitsAccepted !== undefined ? { units: sub(demand.units.quantity, unitsAccepted) } : {}),
            disposition: { _tag: 'Open' as const },
          },
        }),
  }
  d.put(settle(decided))
  if (kind === 'Full' || kind === 'Silent') release(d, demand, undefined)
  else if (kind === 'Partial' && acceptedUnits !== undefined && Quantity.sign(acceptedUnits) > 0) release(d, demand, acceptedUnits)
  d.dr(d.account(demand.buyer, 'received'), amount)
  d.cr(d.account(demand.buyer, 'inTransit'), amount)
  return undefined
}

const acceptDemand = (d: Draft, op: Op.AcceptDemand): Check =>
  op.acceptance._tag === 'Full'
    ? decide(d, op.demand, 'Full', (demand) => demand.amount, undefined, undefined)
    : decide(d, op.demand, 'Partial', () => (op.acceptance as Extract<Op.Acceptance, { _tag: 'Partial' }>).accepted, op.acceptance.acceptedUnits, op.acceptance.refusal, op.acceptance.refused)

const refuseDemand = (d: Draft, op: Op.RefuseDemand): Check => decide(d, op.demand, 'Refused', () => zero, undefined, op.refusal)

const lapseAcceptance = (d: Draft, op: Op.LapseAcceptance): Check => decide(d, op.demand, 'Silent', (demand) => demand.amount, undefined, undefined)

/** The demand must be decided (accepted or refused) and not closed. */
const decided = (d: Draft, id: DocumentId): PaymentDemand | DomainError => {
  const demand = live(d, id, 'PaymentDemand')
  if (isError(demand)) return demand
  if (demand.status !== 'Decided' || demand.decision === undefined) return { _tag: 'DemandNotDecided', demand: id }
  return demand
}

const payDemand = (d: Draft, op: Op.PayDemand): Check => {
  const demand = decided(d, op.demand)
  if (isError(demand)) return demand
  const accepted = demand.decision?.accepted ?? zero
  const error = first(
    () => money('amount', op.amount),
    () => (gt(add(demand.paid, op.amount), accepted) ? { _tag: 'PaymentExceedsAccepted', demand: op.demand, accepted, paid: demand.paid, requested: op.amount } : undefined),
    () => debit(d, demand.buyer, 'supplier'),
  )
  if (error !== undefined) return error
  const credit = demand.documentsCredit
  const repay = credit === undefined ? zero : Quantity.min(sub(credit.amount, credit.repaid), op.amount)
  if (credit !== undefined && Quantity.sign(repay) > 0) {
    const repayError = debit(d, demand.seller, 'bankLoan')
    if (repayError !== undefined) return repayError
  }
  d.primary = op.demand
  d.put(
    settle({
      ...demand,
      paid: add(demand.paid, op.amount),
      ...(credit !== undefined ? { documentsCredit: { ...credit, repaid: add(credit.repaid, repay) } } : {}),
    }),
  )
  d.dr(d.account(demand.buyer, 'payables'), op.amount, { counterparty: demand.seller })
  d.cr(d.account(demand.buyer, 'current'), op.amount, { counterparty: demand.seller })
  d.dr(d.account(demand.seller, 'current'), op.amount, { counterparty: demand.buyer })
  d.cr(d.account(demand.seller, 'receivables'), op.amount, { counterparty: demand.buyer })
  if (credit !== undefined && Quantity.sign(repay) > 0) {
    d.dr(d.account(demand.seller, 'gosbankDocuments'), repay, { counterparty: credit.bank })
    d.cr(d.account(demand.seller, 'current'), repay, { counterparty: credit.bank })
    d.dr(d.account(credit.bank, 'deposits'), repay, { counterparty: demand.seller })
    d.cr(d.account(credit.bank, 'loansIssued'), repay, { counterparty: demand.seller })
  }
  return undefined
}

const openRemainder = (d: Draft, id: DocumentId): { readonly demand: PaymentDemand; readonly amount: Money } | DomainError => {
  const demand = decided(d, id)
  if (isError(demand)) return demand
  if (demand.remainder === undefined || demand.remainder.disposition._tag !== 'Open') return { _tag: 'NoOpenRemainder', demand: id }
  return { demand, amount: demand.remainder.amount }
}

/** Both sides write off the refused remainder from the open claim: seller's receivable, buyer's payable. */
const closeRemainderLegs = (d: Draft, demand: PaymentDemand, amount: Money, sellerDebit: AccountName.AccountName): void => {
  d.dr(sellerDebit, amount)
  d.cr(d.account(demand.seller, 'receivables'), amount, { counterparty: demand.buyer })
  d.dr(d.account(demand.buyer, 'payables'), amount, { counterparty: demand.seller })
  d.cr(d.account(demand.buyer, 'inTransit'), amount)
}

const reverseRemainder = (d: Draft, op: Op.ReverseRemainder): Check => {
  const open = openRemainder(d, op.demand)
  if ('_tag' in open) return open
  const { demand, amount } = open
  d.primary = op.demand
  closeRemainderLegs(d, demand, amount, d.account(demand.seller, 'sales'))
  let returned = zero
  if (op.returnGoods === true) {
    for (const id of demand.shipments) {
      const shipment = d.document(id)
      if (shipment === undefined || shipment.kind !== 'Shipment' || Quantity.isZero(shipment.remainingUnits)) continue
      d.move(d.account(demand.seller, 'finished', shipment.lot), shipment.account, shipment.remainingCost, Amount.make(shipment.remainingUnits, shipment.goods.commodity))
      returned = add(returned, shipment.remainingUnits)
      d.put({ ...shipment, remainingUnits: zero, remainingCost: zero, status: 'Returned' })
    }
  }
  const current = d.document(op.demand) as PaymentDemand
  const remainder = current.remainder ?? { amount }
  d.put(
    settle({
      ...current,
      remainder: { ...remainder, disposition: { _tag: 'Reversed', date: op.date, ...(op.returnGoods === true ? { returnedUnits: returned } : {}) } },
    }),
  )
  return undefined
}

const divertRemainder = (d: Draft, op: Op.DivertRemainder): Check => {
  const open = openRemainder(d, op.demand)
  if ('_tag' in open) return open
  const { demand, amount } = open
  const error = first(
    () => parties(d, demand.seller, op.payee),
    () => fresh(d, op.instrumentId),
    () => (op.instrument === 'bill' && (op.maturity === undefined || op.maturity <= op.date) ? { _tag: 'MaturityNotAfterIssue', id: op.instrumentId, date: op.date, maturity: op.maturity ?? op.date } : undefined),
    () => (op.instrument === 'cheque' ? debit(d, demand.seller, 'other') : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.demand
  closeRemainderLegs(d, demand, amount, d.account(demand.seller, 'divertedReceivables'))
  d.dr(d.account(demand.seller, 'overhead'), amount)
  if (op.instrument === 'bill' && op.maturity !== undefined) {
    d.cr(d.account(demand.seller, 'billsPayable'), amount, { counterparty: op.payee })
    d.dr(d.account(op.payee, 'billsReceivable'), amount, { counterparty: demand.seller })
    billNote(d, op.instrumentId, demand.seller, op.payee)
    d.put<Bill>({
      kind: 'Bill',
      id: op.instrumentId,
      date: op.date,
      events: [],
      drawer: demand.seller,
      drawee: demand.seller,
      payee: op.payee,
      face: amount,
      maturity: op.maturity,
      holder: op.payee,
      endorsements: [],
      discounts: [],
      origin: op.demand,
      status: 'Circulating',
    })
  } else {
    d.cr(d.account(demand.seller, 'current'), amount, { counterparty: op.payee })
    d.dr(d.account(op.payee, 'current'), amount, { counterparty: demand.seller })
    d.put({ kind: 'Cheque', id: op.instrumentId, date: op.date, events: [], drawer: demand.seller, payee: op.payee, amount, origin: op.demand })
  }
  d.cr(d.account(op.payee, 'otherIncome'), amount)
  const current = d.document(op.demand) as PaymentDemand
  const remainder = current.remainder ?? { amount }
  d.put(settle({ ...current, remainder: { ...remainder, disposition: { _tag: 'Diverted', date: op.date, instrument: op.instrument, instrumentId: op.instrumentId, payee: op.payee } } }))
  return undefined
}

/** Checks serial numbers against a lot and returns the lot's new serial map, or the error. */
const serialsFor = (
  lot: Lot,
  units: Quantity.Quantity,
  serials: ReadonlyArray<Label> | undefined,
  expected: UnitAcceptance | undefined,
  next: UnitAcceptance,
): ReadonlyMap<Label, UnitAcceptance> | DomainError => {
  if (serials === undefined) return lot.serials
  if (!Quantity.equals(units, Quantity.fromInteger(serials.length))) return { _tag: 'SerialCountMismatch', units, serials: serials.length }
  const result = new Map(lot.serials)
  for (const serial of serials) {
    const state = result.get(serial)
    if (expected === undefined) {
      if (state !== undefined) return { _tag: 'UnitAlreadyAccepted', lot: lot.id, serial, stage: state }
    } else if (state === undefined) return { _tag: 'UnitNotProvisionallyAccepted', lot: lot.id, serial }
    else if (state !== expected) return { _tag: 'UnitAlreadyAccepted', lot: lot.id, serial, stage: state }
    result.set(serial, next)
  }
  return result
}

const provisionalAcceptance = (d: Draft, op: Op.ProvisionalAcceptance): Check => {
  const units = goods(op.goods)
  const from = d.account(op.seller, 'finished', op.lot)
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
  )
  if (error !== undefined) return error
  const lot = lotOf(d, op.lot, op.seller, op.goods.commodity)
  if (isError(lot)) return lot
  const serials = serialsFor(lot, op.goods.quantity, op.serials, undefined, 'provisional')
  if ('_tag' in serials) return serials as DomainError
  const stockError = stock(d, from, units)
  if (stockError !== undefined) return stockError
  d.primary = op.id
  d.put({ ...lot, provisional: add(lot.provisional, op.goods.quantity), serials })
  d.put({ kind: 'AcceptanceCertificate', id: op.id, date: op.date, events: [], stage: 'provisional', seller: op.seller, buyer: op.buyer, lot: op.lot, goods: units, cost: op.cost, serials: op.serials ?? [] })
  d.move(d.account(op.seller, 'provisional', op.lot), from, op.cost, units)
  return undefined
}

const finalAcceptance = (d: Draft, op: Op.FinalAcceptance): Check => {
  const units = goods(op.goods)
  const from = d.account(op.seller, 'provisional', op.lot)
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => (op.reworkCost !== undefined ? moneyOrZero('reworkCost', op.reworkCost) : undefined),
  )
  if (error !== undefined) return error
  const lot = lotOf(d, op.lot, op.seller, op.goods.commodity)
  if (isError(lot)) return lot
  const open = sub(sub(lot.provisional, lot.final), lot.rejected)
  if (gt(op.goods.quantity, open)) return { _tag: 'ExceedsProvisionallyAccepted', lot: op.lot, open, requested: op.goods.quantity }
  const stage = op.outcome === 'accepted' ? 'final' : 'rejected'
  const serials = serialsFor(lot, op.goods.quantity, op.serials, 'provisional', stage)
  if ('_tag' in serials) return serials as DomainError
  const stockError = stock(d, from, units)
  if (stockError !== undefined) return stockError
  d.primary = op.id
  d.put({
    ...lot,
    ...(op.outcome === 'accepted' ? { final: add(lot.final, op.goods.quantity) } : { rejected: add(lot.rejected, op.goods.quantity) }),
    serials,
  })
  d.put({ kind: 'AcceptanceCertificate', id: op.id, date: op.date, events: [], stage, seller: op.seller, buyer: op.buyer, lot: op.lot, goods: units, cost: op.cost, serials: op.serials ?? [] })
  if (op.outcome === 'accepted') {
    d.move(d.account(op.seller, 'costOfSales'), from, op.cost, units)
    if (op.reworkCost !== undefined && Quantity.sign(op.reworkCost) > 0) {
      d.dr(d.account(op.seller, 'costOfSales'), op.reworkCost)
      d.cr(d.account(op.seller, 'rework', op.lot), op.reworkCost)
    }
  } else d.move(d.account(op.seller, 'rejected', op.lot), from, op.cost, units)
  return undefined
}

const recordClaim = (d: Draft, op: Op.RecordClaim): Check => {
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
    () => (op.units !== undefined && op.serials !== undefined && !Quantity.equals(op.units, Quantity.fromInteger(op.serials.length)) ? { _tag: 'SerialCountMismatch', units: op.units, serials: op.serials.length } : undefined),
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) {
    const lot = lotOf(d, op.lot, op.seller)
    if (isError(lot)) return lot
    d.put({ ...lot, claims: [...lot.claims, op.id] })
  }
  const days = requireAt(d.books.parameters.claimResponseDays, op.date, 'claimResponseDays')[op.district]
  const deadline = LocalDate.addDays(days)(op.date)
  if (E.isLeft(deadline)) return { _tag: 'DateOutOfRange', date: op.date, what: 'claim response deadline' }
  d.primary = op.id
  d.put<Claim>({
    kind: 'Claim',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(op.units !== undefined ? { units: op.units } : {}),
    serials: op.serials ?? [],
    defect: op.defect,
    district: op.district,
    responseDeadline: deadline.right,
    status: 'Open',
    reworks: [],
  })
  return undefined
}

const answerClaim = (d: Draft, op: Op.AnswerClaim): Check => {
  const claim = live(d, op.claim, 'Claim')
  if (isError(claim)) return claim
  if (claim.answeredOn !== undefined) return { _tag: 'ClaimAlreadyAnswered', claim: op.claim, answeredOn: claim.answeredOn }
  d.primary = op.claim
  d.put({ ...claim, status: 'Answered', answeredOn: op.date })
  return undefined
}

const rework = (d: Draft, op: Op.Rework): Check => {
  const materials = op.materials
  const total = materials === undefined ? op.wages : add(op.wages, materials.cost)
  const error = first(
    () => entity(d, op.entity),
    () => fresh(d, op.id),
    () => moneyOrZero('wages', op.wages),
    () => (materials !== undefined ? first(() => positive('materials.goods.quantity', materials.goods.quantity), () => moneyOrZero('materials.cost', materials.cost)) : undefined),
    () => (Quantity.isZero(total) && materials === undefined ? { _tag: 'InvalidAmount', field: 'wages', value: op.wages, reason: 'notPositive' } : undefined),
    () => optionalLot(d, op.lot, op.entity),
    () => (materials !== undefined ? stock(d, d.account(op.entity, 'materials'), goods(materials.goods)) : undefined),
  )
  if (error !== undefined) return error
  if (op.claim !== undefined) {
    const claim = live(d, op.claim, 'Claim')
    if (isError(claim)) return claim
    if (claim.seller !== op.entity) return { _tag: 'PartyMismatch', id: op.claim, role: 'seller', expected: claim.seller, actual: op.entity }
    d.put({ ...claim, reworks: [...claim.reworks, op.id], ...(op.closesClaim === true ? { status: 'Closed' as const } : {}) })
  }
  if (op.lot !== undefined) {
    const lot = d.document(op.lot) as Lot
    d.put({ ...lot, reworkCost: add(lot.reworkCost, total) })
  }
  d.primary = op.id
  d.put({
    kind: 'Rework',
    id: op.id,
    date: op.date,
    events: [],
    entity: op.entity,
    ...(op.claim !== undefined ? { claim: op.claim } : {}),
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(materials !== undefined ? { materials: { goods: goods(materials.goods), cost: materials.cost } } : {}),
    wages: op.wages,
    total,
  })
  const target = d.account(op.entity, 'rework', op.lot)
  if (materials !== undefined) d.move(target, d.account(op.entity, 'materials'), materials.cost, goods(materials.goods))
  d.dr(target, op.wages)
  d.cr(d.account(op.entity, 'wagesPayable'), op.wages)
  return undefined
}

const signContract = (d: Draft, op: Op.SignContract): Check => {
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => moneyOrZero('unitPrice', op.unitPrice),
    () => moneyOrZero('plannedCost', op.plannedCost),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.id
  d.put<Contract>({
    kind: 'Contract',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    ...(op.commodity !== undefined ? { commodity: op.commodity } : {}),
    versions: [{ version: 1, date: op.date, unitPrice: op.unitPrice, plannedCost: op.plannedCost, ...(op.units !== undefined ? { units: op.units } : {}), description: op.description }],
    loans: [],
  })
  return undefined
}

const reviseSpecification = (d: Draft, op: Op.ReviseSpecification): Check => {
  const contract = live(d, op.contract, 'Contract')
  if (isError(contract)) return contract
  const last = contract.versions[contract.versions.length - 1]
  const error = first(
    () => (last !== undefined && op.date < last.date ? { _tag: 'DateBeforeDocument', id: op.contract, documentDate: last.date, date: op.date } : undefined),
    () => moneyOrZero('unitPrice', op.unitPrice),
    () => moneyOrZero('plannedCost', op.plannedCost),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  const units = op.units ?? last?.units
  d.primary = op.contract
  d.put({
    ...contract,
    versions: [
      ...contract.versions,
      // A revision that does not restate the units keeps those of the version it revises.
      { version: contract.versions.length + 1, date: op.date, unitPrice: op.unitPrice, plannedCost: op.plannedCost, ...(units !== undefined ? { units } : {}), description: op.description },
    ],
  })
  return undefined
}

const liabilityRole = (loan: { readonly loanKind: Loan['loanKind'] }): Role => (loan.loanKind === 'savingsBank' ? 'savingsBankLoans' : 'gosbankShortTerm')

interface Terms {
  readonly rate: Quantity.Quantity
  readonly termMonths: number
  readonly scheme: Loan['scheme']
  readonly dayCount: Loan['dayCount']
}

/** Loan terms are at most 100 years (`termMonthsMax`), so maturities stay within the calendar. */
export const termMonthsMax = 1200

const termsError = (terms: Terms): Check =>
  first(
    () => rate(terms.rate),
    () => term('termMonths', terms.termMonths),
    () => (terms.termMonths > termMonthsMax ? { _tag: 'InvalidTerm', field: 'termMonths', value: terms.termMonths } : undefined),
  )

/** Links a new loan to its collateral documents (both sides of R11 exposure). */
const pledge = (d: Draft, loanId: DocumentId, collateral: Loan['collateral']): Check => {
  for (const id of collateral.lots) {
    const lot = find(d, id, 'Lot')
    if (isError(lot)) return lot
    d.put({ ...lot, loans: [...lot.loans, loanId] })
  }
  for (const id of collateral.contracts) {
    const contract = find(d, id, 'Contract')
    if (isError(contract)) return contract
    d.put({ ...contract, loans: [...contract.loans, loanId] })
  }
  return undefined
}

const newLoan = (d: Draft, fields: Omit<Loan, 'kind' | 'events' | 'maturity' | 'outstandingPrincipal' | 'outstandingInterest' | 'interestAccrued' | 'interestPaid' | 'accruedTo' | 'status'>): Loan => {
  if (fields.loanKind === 'savingsBank' && !savingsBankProgrammeActive(d.books.parameters, fields.date)) d.note({ _tag: 'SavingsBankLoanOutsideProgramme', loan: fields.id, date: fields.date })
  return d.put<Loan>({
    ...fields,
    kind: 'Loan',
    events: [],
    // Checked by `inCalendar` before every call: a maturity within the calendar.
    maturity: addMonths(fields.date, fields.termMonths) ?? fields.date,
    outstandingPrincipal: fields.principal,
    outstandingInterest: zero,
    interestAccrued: zero,
    interestPaid: zero,
    accruedTo: fields.date,
    status: 'Active',
  })
}

const drawLoan = (d: Draft, op: Op.DrawLoan): Check => {
  const error = first(
    () => parties(d, op.lender, op.borrower),
    () => fresh(d, op.id),
    () => money('principal', op.principal),
    () => termsError(op),
    () => inCalendar(op.date, addMonths(op.date, op.termMonths), 'maturity'),
    () => pledge(d, op.id, op.collateral),
  )
  if (error !== undefined) return error
  d.primary = op.id
  const loan = newLoan(d, {
    id: op.id,
    date: op.date,
    lender: op.lender,
    borrower: op.borrower,
    loanKind: op.loanKind,
    purpose: op.purpose,
    collateral: op.collateral,
    principal: op.principal,
    rate: op.rate,
    termMonths: op.termMonths,
    scheme: op.scheme,
    dayCount: op.dayCount,
  })
  d.dr(d.account(op.borrower, 'current'), op.principal, { counterparty: op.lender })
  d.cr(d.account(op.borrower, liabilityRole(loan), op.id), op.principal, { counterparty: op.lender })
  d.dr(d.account(op.lender, 'loansIssued', op.id), op.principal, { counterparty: op.borrower })
  d.cr(d.account(op.lender, 'deposits'), op.principal, { counterparty: op.borrower })
  return undefined
}

const accrueInterest = (d: Draft, op: Op.AccrueInterest): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  if (op.date <= loan.accruedTo) return { _tag: 'AccrualNotAfterLastAccrual', loan: op.loan, accruedTo: loan.accruedTo, date: op.date }
  const interest = simpleInterest(loan.outstandingPrincipal, loan.rate, loan.accruedTo, op.date, loan.dayCount, d.rounding)
  d.primary = op.loan
  d.put({ ...loan, accruedTo: op.date, outstandingInterest: add(loan.outstandingInterest, interest), interestAccrued: add(loan.interestAccrued, interest) })
  d.dr(d.account(loan.borrower, 'interest'), interest)
  d.cr(d.account(loan.borrower, liabilityRole(loan), `${op.loan}:interest`), interest, { counterparty: loan.lender })
  d.dr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), interest, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'interestIncome'), interest)
  return undefined
}

const repayLoan = (d: Draft, op: Op.RepayLoan): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  const total = add(op.principal, op.interest)
  const error = first(
    () => moneyOrZero('principal', op.principal),
    () => moneyOrZero('interest', op.interest),
    () => (Quantity.isZero(total) ? { _tag: 'InvalidAmount', field: 'principal', value: op.principal, reason: 'notPositive' } : undefined),
    () => (gt(op.principal, loan.outstandingPrincipal) ? { _tag: 'RepaymentExceedsOutstanding', loan: op.loan, part: 'principal', outstanding: loan.outstandingPrincipal, requested: op.principal } : undefined),
    () => (gt(op.interest, loan.outstandingInterest) ? { _tag: 'RepaymentExceedsOutstanding', loan: op.loan, part: 'interest', outstanding: loan.outstandingInterest, requested: op.interest } : undefined),
    () => debit(d, loan.borrower, 'bankLoan'),
  )
  if (error !== undefined) return error
  const principal = sub(loan.outstandingPrincipal, op.principal)
  const interest = sub(loan.outstandingInterest, op.interest)
  d.primary = op.loan
  d.put({
    ...loan,
    outstandingPrincipal: principal,
    outstandingInterest: interest,
    interestPaid: add(loan.interestPaid, op.interest),
    status: Quantity.isZero(principal) && Quantity.isZero(interest) ? 'Repaid' : 'Active',
  })
  const role = liabilityRole(loan)
  d.dr(d.account(loan.borrower, role, op.loan), op.principal, { counterparty: loan.lender })
  d.dr(d.account(loan.borrower, role, `${op.loan}:interest`), op.interest, { counterparty: loan.lender })
  d.cr(d.account(loan.borrower, 'current'), total, { counterparty: loan.lender })
  d.dr(d.account(loan.lender, 'deposits'), total, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'loansIssued', op.loan), op.principal, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), op.interest, { counterparty: loan.borrower })
  return undefined
}

const refinanceLoan = (d: Draft, op: Op.RefinanceLoan): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  const outstanding = add(loan.outstandingPrincipal, loan.outstandingInterest)
  const collateral = op.collateral ?? loan.collateral
  const error = first(
    () => fresh(d, op.newLoan),
    () => money('principal', op.principal),
    () => termsError(op),
    () => inCalendar(op.date, addMonths(op.date, op.termMonths), 'maturity'),
    () => (lt(op.principal, outstanding) ? { _tag: 'RefinanceBelowOutstanding', loan: op.loan, outstanding, principal: op.principal } : undefined),
    () => pledge(d, op.newLoan, collateral),
  )
  if (error !== undefined) return error
  const extra = sub(op.principal, outstanding)
  d.primary = op.newLoan
  d.put({ ...loan, outstandingPrincipal: zero, outstandingInterest: zero, status: 'Refinanced', refinancedBy: op.newLoan })
  const next = newLoan(d, {
    id: op.newLoan,
    date: op.date,
    lender: loan.lender,
    borrower: loan.borrower,
    loanKind: loan.loanKind,
    purpose: op.purpose ?? loan.purpose,
    collateral,
    principal: op.principal,
    rate: op.rate,
    termMonths: op.termMonths,
    scheme: op.scheme,
    dayCount: op.dayCount,
    refinances: op.loan,
  })
  const role = liabilityRole(loan)
  const borrowerSide = { counterparty: loan.lender }
  const lenderSide = { counterparty: loan.borrower }
  d.dr(d.account(loan.borrower, role, op.loan), loan.outstandingPrincipal, borrowerSide)
  d.dr(d.account(loan.borrower, role, `${op.loan}:interest`), loan.outstandingInterest, borrowerSide)
  d.dr(d.account(loan.borrower, 'current'), extra, borrowerSide)
  d.cr(d.account(loan.borrower, liabilityRole(next), op.newLoan), op.principal, borrowerSide)
  d.dr(d.account(loan.lender, 'loansIssued', op.newLoan), op.principal, lenderSide)
  d.cr(d.account(loan.lender, 'loansIssued', op.loan), loan.outstandingPrincipal, lenderSide)
  d.cr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), loan.outstandingInterest, lenderSide)
  d.cr(d.account(loan.lender, 'deposits'), extra, lenderSide)
  return undefined
}

/** The legs of handing over a bill worth `face` from `from` to `to`, in settlement of a debt or as an expense. */
const billTransfer = (d: Draft, from: Entity.EntityName, to: Entity.EntityName, face: Money, settles: 'debt' | 'expense', fromAccount: AccountName.AccountName): void => {
  d.dr(settles === 'debt' ? d.account(from, 'payables') : d.account(from, 'overhead'), face, settles === 'debt' ? { counterparty: to } : {})
  d.cr(fromAccount, face, { counterparty: to })
  d.dr(d.account(to, 'billsReceivable'), face, { counterparty: from })
  d.cr(settles === 'debt' ? d.account(to, 'receivables') : d.account(to, 'otherIncome'), face, settles === 'debt' ? { counterparty: from } : {})
}

const drawBill = (d: Draft, op: Op.DrawBill): Check => {
  const drawee = op.drawee ?? op.drawer
  const error = first(
    () => parties(d, op.drawer, op.payee),
    () => entity(d, drawee),
    () => fresh(d, op.id),
    () => money('face', op.face),
    () => (op.maturity <= op.date ? { _tag: 'MaturityNotAfterIssue', id: op.id, date: op.date, maturity: op.maturity } : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.id
  billNote(d, op.id, op.drawer, op.payee)
  d.put<Bill>({
    kind: 'Bill',
    id: op.id,
    date: op.date,
    events: [],
    drawer: op.drawer,
    drawee,
    payee: op.payee,
    face: op.face,
    maturity: op.maturity,
    holder: op.payee,
    endorsements: [],
    discounts: [],
    status: 'Circulating',
  })
  billTransfer(d, op.drawer, op.payee, op.face, op.settles, d.account(op.drawer, 'billsPayable'))
  return undefined
}

const acceptBill = (d: Draft, op: Op.AcceptBill): Check => {
  const bill = live(d, op.bill, 'Bill')
  if (isError(bill)) return bill
  if (bill.acceptedBy !== undefined) return { _tag: 'BillAlreadyAccepted', bill: op.bill, by: bill.acceptedBy.entity }
  if (bill.drawee !== op.by) return { _tag: 'PartyMismatch', id: op.bill, role: 'drawee', expected: bill.drawee, actual: op.by }
  d.primary = op.bill
  d.put({ ...bill, acceptedBy: { entity: op.by, date: op.date } })
  return undefined
}

const holderOf = (d: Draft, id: DocumentId, claimed: Entity.EntityName): Bill | DomainError => {
  const bill = live(d, id, 'Bill')
  if (isError(bill)) return bill
  if (bill.holder !== claimed) return { _tag: 'PartyMismatch', id, role: 'holder', expected: bill.holder, actual: claimed }
  return bill
}

const endorseBill = (d: Draft, op: Op.EndorseBill): Check => {
  const bill = holderOf(d, op.bill, op.from)
  if (isError(bill)) return bill
  const error = parties(d, op.from, op.to)
  if (error !== undefined) return error
  d.primary = op.bill
  billNote(d, op.bill, op.from, op.to)
  d.put({ ...bill, holder: op.to, endorsements: [...bill.endorsements, { date: op.date, from: op.from, to: op.to }] })
  billTransfer(d, op.from, op.to, bill.face, op.settles, d.account(op.from, 'billsReceivable'))
  return undefined
}

const discountBill = (d: Draft, op: Op.DiscountBill): Check => {
  const bill = op.holder === undefined ? live(d, op.bill, 'Bill') : holderOf(d, op.bill, op.holder)
  if (isError(bill)) return bill
  const holder = op.holder ?? bill.holder
  const basis = op.basis ?? requireAt(d.books.parameters.discountBasis, op.date, 'discountBasis')
  const proceedsAccount = op.proceedsAccount ?? d.account(holder, 'current')
  const days = LocalDate.daysBetween(op.date, bill.maturity)
  const previous = bill.discounts[0]
  const error = first(
    () => parties(d, holder, op.bank),
    () => (previous !== undefined ? { _tag: 'BillAlreadyDiscounted', bill: op.bill, date: previous.date, bank: previous.bank } : undefined),
    () => rate(op.rate),
    () => term('basis', basis),
    () => (days <= 0 ? { _tag: 'DiscountNotBeforeMaturity', bill: op.bill, maturity: bill.maturity, date: op.date } : undefined),
    () => (Ledger.entityOf(d.books.ledger.declarations, proceedsAccount) !== holder ? { _tag: 'AccountNotOfEntity', account: proceedsAccount, entity: holder } : undefined),
  )
  if (error !== undefined) return error
  const rounding = d.rounding
  const result = discount(bill.face, op.rate, days, basis, rounding)
  if (Quantity.compare(result.discount, bill.face) >= 0) return { _tag: 'DiscountNotBelowFace', bill: op.bill, face: bill.face, discount: result.discount, rate: op.rate, days }
  d.primary = op.bill
  d.put({
    ...bill,
    holder: op.bank,
    endorsements: [...bill.endorsements, { date: op.date, from: holder, to: op.bank }],
    discounts: [
      ...bill.discounts,
      { date: op.date, bank: op.bank, holder, rate: op.rate, days, basis, rounding, discount: result.discount, proceeds: result.proceeds, proceedsAccount },
    ],
  })
  d.dr(proceedsAccount, result.proceeds, { counterparty: op.bank })
  d.dr(d.account(holder, 'interest'), result.discount)
  d.cr(d.account(holder, 'billsReceivable'), bill.face, { counterparty: op.bank })
  d.dr(d.account(op.bank, 'billsReceivable'), bill.face, { counterparty: holder })
  d.cr(d.account(op.bank, 'deposits'), result.proceeds, { counterparty: holder })
  d.cr(d.account(op.bank, 'interestIncome'), result.discount)
  return undefined
}

const matured = (d: Draft, id: DocumentId): Bill | DomainError => {
  const bill = live(d, id, 'Bill')
  if (isError(bill)) return bill
  if (d.date < bill.maturity) return { _tag: 'BillNotMature', bill: id, maturity: bill.maturity, date: d.date }
  return bill
}

const redeemBill = (d: Draft, op: Op.RedeemBill): Check => {
  const bill = matured(d, op.bill)
  if (isError(bill)) return bill
  const error = debit(d, bill.drawer, 'bill')
  if (error !== undefined) return error
  d.primary = op.bill
  d.put({ ...bill, status: 'Redeemed', settledOn: op.date })
  d.dr(d.account(bill.drawer, 'billsPayable'), bill.face, { counterparty: bill.holder })
  d.cr(d.account(bill.drawer, 'current'), bill.face, { counterparty: bill.holder })
  d.dr(d.account(bill.holder, 'current'), bill.face, { counterparty: bill.drawer })
  d.cr(d.account(bill.holder, 'billsReceivable'), bill.face, { counterparty: bill.drawer })
  return undefined
}

const protestBill = (d: Draft, op: Op.ProtestBill): Check => {
  const bill = matured(d, op.bill)
  if (isError(bill)) return bill
  d.primary = op.bill
  d.put({ ...bill, status: 'Protested', settledOn: op.date })
  return undefined
}

const ownAccount = (d: Draft, owner: Entity.EntityName, account: AccountName.AccountName | undefined): AccountName.AccountName | DomainError => {
  const resolved = account ?? d.account(owner, 'current')
  return Ledger.entityOf(d.books.ledger.declarations, resolved) === owner ? resolved : { _tag: 'AccountNotOfEntity', account: resolved, entity: owner }
}

const freezeAccount = (d: Draft, op: Op.FreezeAccount): Check => {
  const error = entity(d, op.entity)
  if (error !== undefined) return error
  const account = ownAccount(d, op.entity, op.account)
  if (typeof account !== 'string') return account
  const existing = d.books.settlementAccounts.get(account)
  if (existing?.status === 'Frozen') return { _tag: 'AccountAlreadyFrozen', account, since: existing.since }
  const change = { date: op.date, status: 'Frozen' as const, permitted: op.permitted, authority: op.authority, operation: d.index }
  d.settlementAccounts.set(account, { entity: op.entity, account, status: 'Frozen', permitted: op.permitted, since: op.date, history: [...(existing?.history ?? []), change] })
  return undefined
}

const unfreezeAccount = (d: Draft, op: Op.UnfreezeAccount): Check => {
  const error = entity(d, op.entity)
  if (error !== undefined) return error
  const account = ownAccount(d, op.entity, op.account)
  if (typeof account !== 'string') return account
  const existing = d.books.settlementAccounts.get(account)
  if (existing === undefined || existing.status !== 'Frozen') return { _tag: 'AccountNotFrozen', account }
  const change = { date: op.date, status: 'Active' as const, permitted: [], authority: op.authority, operation: d.index }
  d.settlementAccounts.set(account, { ...existing, status: 'Active', permitted: [], since: op.date, history: [...existing.history, change] })
  return undefined
}

const physicalCount = (d: Draft, op: Op.PhysicalCount): Check => {
  const error = first(
    () => entity(d, op.entity),
    () => fresh(d, op.id),
    () => nonNegative('counted', op.counted),
    () => nonNegative('unitValue', op.unitValue),
    () => (Ledger.entityOf(d.books.ledger.declarations, op.account) !== op.entity ? { _tag: 'AccountNotOfEntity', account: op.account, entity: op.entity } : undefined),
    () => {
      const role = roleOf(d.books.chart, op.entity, op.account)
      const stage = role === undefined ? undefined : stageOfRole(role)
      return stage === undefined || stage === 'external' || stage === 'countDifference' ? { _tag: 'NotAPhysicalAccount', account: op.account } : undefined
    },
  )
  if (error !== undefined) return error
  const book = d.available(op.account, op.commodity)
  const difference = sub(op.counted, book)
  const magnitude = Quantity.round(d.rounding)(Quantity.multiply(Quantity.abs(difference), op.unitValue))
  const value = Quantity.sign(difference) < 0 ? Quantity.negate(magnitude) : magnitude
  d.primary = op.id
  d.put({ kind: 'PhysicalCount', id: op.id, date: op.date, events: [], entity: op.entity, account: op.account, commodity: op.commodity, bookQuantity: book, counted: op.counted, difference, unitValue: op.unitValue, valueDifference: value })
  if (!Quantity.isZero(difference)) {
    const moved = Amount.make(difference, op.commodity)
    d.leg(op.account, value, { goods: moved })
    d.leg(d.account(op.entity, 'countDifference'), Quantity.negate(value), { goods: Amount.negate(moved) })
  }
  return undefined
}

const run = (d: Draft, op: Op.Operation): Check => {
  switch (op._tag) {
    case 'SetPlan':
      return setPlan(d, op)
    case 'ReceiveMaterials':
      return receiveMaterials(d, op)
    case 'LaunchWip':
      return launchWip(d, op)
    case 'IssueMaterials':
      return issueMaterials(d, op)
    case 'AccrueWages':
      return accrueWages(d, op)
    case 'AccrueBonus':
      return accrueBonus(d, op)
    case 'PayWages':
      return payWages(d, op)
    case 'CompleteWip':
      return completeWip(d, op)
    case 'OtkReject':
      return otkReject(d, op)
    case 'Ship':
      return ship(d, op)
    case 'PresentDemand':
      return presentDemand(d, op)
    case 'CreditOnDocuments':
      return creditOnDocuments(d, op)
    case 'AcceptDemand':
      return acceptDemand(d, op)
    case 'RefuseDemand':
      return refuseDemand(d, op)
    case 'LapseAcceptance':
      return lapseAcceptance(d, op)
    case 'PayDemand':
      return payDemand(d, op)
    case 'ReverseRemainder':
      return reverseRemainder(d, op)
    case 'DivertRemainder':
      return divertRemainder(d, op)
    case 'ProvisionalAcceptance':
      return provisionalAcceptance(d, op)
    case 'FinalAcceptance':
      return finalAcceptance(d, op)
    case 'RecordClaim':
      return recordClaim(d, op)
    case 'AnswerClaim':
      return answerClaim(d, op)
    case 'Rework':
      return rework(d, op)
    case 'SignContract':
      return signContract(d, op)
    case 'ReviseSpecification':
      return reviseSpecification(d, op)
    case 'DrawLoan':
      return drawLoan(d, op)
    case 'AccrueInterest':
      return accrueInterest(d, op)
    case 'RepayLoan':
      return repayLoan(d, op)
    case 'RefinanceLoan':
      return refinanceLoan(d, op)
    case 'DrawBill':
      return drawBill(d, op)
    case 'AcceptBill':
      return acceptBill(d, op)
    case 'EndorseBill':
      return endorseBill(d, op)
    case 'DiscountBill':
      return discountBill(d, op)
    case 'RedeemBill':
      return redeemBill(d, op)
    case 'ProtestBill':
      return protestBill(d, op)
    case 'FreezeAccount':
      return freezeAccount(d, op)
    case 'UnfreezeAccount':
      return unfreezeAccount(d, op)
    case 'PhysicalCount':
      return physicalCount(d, op)
  }
}

// -------------------------------------------------------------------------------------
// expand and apply
// -------------------------------------------------------------------------------------

/** Checks the operation against the books and computes its effects, writing nothing. */
export const expand =
  (operation: Op.Operation, context: ApplyContext) =>
  (books: Books): E.Either<DomainError, Expansion> => {
    const d = new Draft(books, operation, context)
    const error = run(d, operation)
    if (error !== undefined) return E.left(error)
    const document = d.primary
    const transaction: Transaction.TransactionInput | undefined =
      d.postings.length === 0
        ? undefined
        : {
            date: operation.date,
            ...(document !== undefined ? { code: document } : {}),
            description: context.description ?? (document !== undefined ? `${operation._tag} ${document}` : operation._tag),
            origin: { operation: operation._tag, ...(document !== undefined ? { document } : {}) },
            postings: d.postings,
            citations: context.citations ?? [],
            ...(context.estimated === true ? { estimated: true } : {}),
            span: context.span,
          }
    return E.right({
      ...(transaction !== undefined ? { transaction } : {}),
      documents: [...d.documents.values()],
      settlementAccounts: [...d.settlementAccounts.values()],
      plans: [...d.plans.values()],
      notes: d.notes,
    })
  }

/**
 * Applies one operation: expands it, posts its transaction, records the documents and the
 * history entry. Atomic: on error the books are unchanged. Data-last:
 * `pipe(books, apply(a, ctx), E.flatMap(apply(b, ctx)))`.
 *
 * @example
 * ```ts
 * const kirov = Entity.unsafeName('kirov')
 * const launch: Operation.Operation = {
 *   _tag: 'LaunchWip',
 *   date: LocalDate.unsafeFromString('1936-01-10'),
 *   entity: kirov,
 *   goods: { commodity: Commodity.unsafeSymbol('T28'), quantity: Quantity.fromInteger(12) },
 * }
 * const books = pipe(Books.empty([{ name: kirov, citations: [] }]), E.flatMap(Apply.apply(launch, { span: SourceSpan.synthetic('api') })))
 * if (E.isLeft(books)) throw new Error(JSON.stringify(books.left))
 * // Query.trialBalance(books.right.ledger, { book: 'goods' }).rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)
 * //   → ['kirov:assets:wip 12 T28', 'kirov:equity:goods-origin -12 T28']
 * // Books.history(books.right).length → 1
 * // an operation for an undeclared entity changes nothing:
 * // Apply.apply({ ...launch, entity: Entity.unsafeName('izhora') }, { span: SourceSpan.synthetic('api') })(books.right) → E.left({ _tag: 'UnknownEntity', entity: 'izhora' })
 * ```
 */
export const apply =
  (operation: Op.Operation, context: ApplyContext) =>
  (books: Books): E.Either<DomainError | Ledger.PostingError, Books> => {
    const expanded = expand(operation, context)(books)
    if (E.isLeft(expanded)) return expanded
    const expansion = expanded.right
    let ledger = books.ledger
    if (expansion.transaction !== undefined) {
      const posted = Ledger.post(expansion.transaction)(ledger)
      if (E.isLeft(posted)) return posted
      ledger = posted.right
    }
    const state = internal(books)
    const store = state.size === state.store.head ? state.store : fork(state.store, state.size)
    const version = state.size + 1
    for (const document of expansion.documents) {
      write(table(store, tableNames.documents), document.id, document, version)
      write(table(store, tableNames[tableOfKind[document.kind]]), document.id, document, version)
    }
    for (const account of expansion.settlementAccounts) write(table(store, tableNames.settlementAccounts), account.account, account, version)
    for (const line of expansion.plans) write(table(store, tableNames.plans), planKey(line.entity, line.item, line.period), line, version)
    const touched: DocumentId[] = expansion.documents.map((document) => document.id)
    const entry: AppliedOperation = {
      index: state.size,
      operation,
      span: context.span,
      citations: context.citations ?? [],
      estimated: context.estimated === true,
      ...(expansion.transaction !== undefined ? { transaction: ledger.size - 1 } : {}),
      documents: touched,
      notes: expansion.notes,
    }
    store.history.push(entry)
    store.head = version
    return E.right(makeBooks({ ...state, ledger, size: version, store }))
  }

/** Applies operations in order, stopping at the first error, which comes with the index of the failed operation. */
export const applyAll =
  (operations: Iterable<{ readonly operation: Op.Operation; readonly context: ApplyContext }>) =>
  (books: Books): E.Either<{ readonly error: DomainError | Ledger.PostingError; readonly index: number }, Books> => {
    let result = books
    let index = 0
    for (const { operation, context } of operations) {
      const next = apply(operation, context)(result)
      if (E.isLeft(next)) return E.left({ error: next.left, index })
      result = next.right
      index++
    }
    return E.right(result)
  }
