/**
 * The draft every instrument writes into while an operation is applied: the postings, document
 * states and notes of one operation, and the precondition checks the instruments share.
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
  type Rate,
  type SourceSpan,
  type Transaction,
} from '../../core/index.js'
import {
  accountFor,
  type Books,
  type Document,
  type DocumentId,
  type DocumentKind,
  type DomainNote,
  internal,
  isTerminal,
  type Lot,
  type Money,
  type PaymentClass,
  type PlanLine,
  type Role,
  type SettlementAccount,
  statusOf,
} from '../Books.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import { requireAt } from '../Parameters.js'

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
  /**
   * True when a figure of the operation is approximate (written `~`); carried into its postings, plan revisions and
   * history.
   */
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
export const isError = (value: object): value is DomainError => '_tag' in value

export interface LegOptions {
  readonly goods?: Amount.Amount
  readonly counterparty?: Entity.EntityName
  readonly tags?: ReadonlyArray<Posting.Tag>
}

export class Draft {
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
    this.leg(
      account,
      Quantity.negate(money),
      options.goods === undefined ? options : { ...options, goods: Amount.negate(options.goods) },
    )
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
      if (posting.account === account && posting.goods?.commodity === commodity)
        result = Quantity.add(result, posting.goods.quantity)
    }
    return result
  }
  /** Money balance of `account` (own), including this draft's postings. */
  moneyBalance(account: AccountName.AccountName): Quantity.Quantity {
    let result = Amount.quantityOf(
      Ledger.runningBalance(this.books.ledger, account, 'money', false),
      this.books.currency,
    )
    for (const posting of this.postings) {
      if (posting.account === account && posting.money !== undefined)
        result = Quantity.add(result, posting.money.quantity)
    }
    return result
  }

  document(id: DocumentId): Document | undefined {
    return this.documents.get(id) ?? this.books.documents.get(id)
  }
  /** Records a document's new state, stamping this operation in its events. */
  put<D extends Document>(next: D): D {
    const previous = this.document(next.id)
    const events =
      previous === undefined
        ? [this.index]
        : previous.events[previous.events.length - 1] === this.index
          ? previous.events
          : [...previous.events, this.index]
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

export type Check = DomainError | undefined

export const first = (...checks: ReadonlyArray<() => Check>): Check => {
  for (const check of checks) {
    const error = check()
    if (error !== undefined) return error
  }
  return undefined
}

export const entity = (d: Draft, name: Entity.EntityName): Check =>
  d.books.ledger.declarations.entities.has(name) ? undefined : { _tag: 'UnknownEntity', entity: name }

export const distinct = (d: Draft, a: Entity.EntityName, b: Entity.EntityName): Check =>
  a === b ? { _tag: 'SamePartyOnBothSides', entity: a, operation: d.operation._tag } : undefined

export const parties = (d: Draft, a: Entity.EntityName, b: Entity.EntityName): Check =>
  first(
    () => entity(d, a),
    () => entity(d, b),
    () => distinct(d, a, b),
  )

export const twoDigits = (value: Quantity.Quantity): boolean => Quantity.scaleOf(value) <= 2

/** A money amount > 0 with at most 2 decimals. */
export const money = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) <= 0
    ? { _tag: 'InvalidAmount', field, value, reason: 'notPositive' }
    : twoDigits(value)
      ? undefined
      : { _tag: 'InvalidAmount', field, value, reason: 'subKopeck' }

/** A money amount ≥ 0 with at most 2 decimals. */
export const moneyOrZero = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) < 0
    ? { _tag: 'InvalidAmount', field, value, reason: 'negative' }
    : twoDigits(value)
      ? undefined
      : { _tag: 'InvalidAmount', field, value, reason: 'subKopeck' }

export const positive = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) > 0 ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'notPositive' }

export const nonNegative = (field: string, value: Quantity.Quantity): Check =>
  Quantity.sign(value) >= 0 ? undefined : { _tag: 'InvalidAmount', field, value, reason: 'negative' }

export const rate = (value: Rate.Fraction): Check =>
  Quantity.sign(value) >= 0 ? undefined : { _tag: 'InvalidRate', rate: value }

export const term = (field: string, value: number): Check =>
  Number.isSafeInteger(value) && value > 0 ? undefined : { _tag: 'InvalidTerm', field, value }

export const fresh = (d: Draft, id: DocumentId): Check => {
  const existing = d.document(id)
  if (existing === undefined) return undefined
  // name the line of the first entry too, not only the second
  const created = existing.events[0] === undefined ? undefined : internal(d.books).store.history[existing.events[0]]
  return {
    _tag: 'DuplicateDocument',
    id,
    existing: existing.kind,
    ...(created !== undefined ? { existingAt: `${created.span.file}:${created.span.line}` } : {}),
  }
}

export type Of<K extends DocumentKind> = Extract<Document, { readonly kind: K }>

/** The document `id` of kind `kind`, or the error. */
export const find = <K extends DocumentKind>(d: Draft, id: DocumentId, kind: K): Of<K> | DomainError => {
  const found = d.document(id)
  if (found === undefined) return { _tag: 'UnknownDocument', id, expected: kind }
  if (found.kind !== kind) return { _tag: 'DocumentKindMismatch', id, expected: kind, actual: found.kind }
  return found as Of<K>
}

/** Like `find`, and the document must accept operations (not terminal, not dated after the operation). */
export const live = <K extends DocumentKind>(d: Draft, id: DocumentId, kind: K): Of<K> | DomainError => {
  const found = find(d, id, kind)
  if (isError(found)) return found
  if (isTerminal(found))
    return { _tag: 'DocumentInTerminalState', id, kind, status: statusOf(found), operation: d.operation._tag }
  if (d.date < found.date) return { _tag: 'DateBeforeDocument', id, documentDate: found.date, date: d.date }
  return found
}

export const stock = (d: Draft, account: AccountName.AccountName, goods: Amount.Amount): Check => {
  const available = d.available(account, goods.commodity)
  return Quantity.compare(available, goods.quantity) < 0
    ? { _tag: 'InsufficientStock', account, commodity: goods.commodity, available, requested: goods.quantity }
    : undefined
}

/** A debit of `account` (default: the entity's current account) for a payment of `paymentClass`. */
export const debit = (
  d: Draft,
  owner: Entity.EntityName,
  paymentClass: PaymentClass,
  account: AccountName.AccountName = d.account(owner, 'current'),
): Check => {
  const status = d.settlementAccounts.get(account) ?? d.books.settlementAccounts.get(account)
  if (status === undefined || status.status !== 'Frozen' || status.permitted.includes(paymentClass)) return undefined
  if (d.context.frozenDebits === 'record') {
    d.note({ _tag: 'FrozenAccountDebitRecorded', entity: owner, account, paymentClass, permitted: status.permitted })
    return undefined
  }
  return {
    _tag: 'FrozenAccountDebit',
    entity: owner,
    account,
    paymentClass,
    permitted: status.permitted,
    frozenSince: status.since,
  }
}

/** The lot `id` of `owner` (and of `commodity` if given). */
export const lotOf = (
  d: Draft,
  id: DocumentId,
  owner: Entity.EntityName,
  commodity?: Commodity.CommoditySymbol,
): Lot | DomainError => {
  const lot = find(d, id, 'Lot')
  if (isError(lot)) return lot
  if (lot.entity !== owner) return { _tag: 'PartyMismatch', id, role: 'entity', expected: lot.entity, actual: owner }
  if (commodity !== undefined && lot.commodity !== commodity)
    return { _tag: 'CommodityMismatch', id, expected: lot.commodity, actual: commodity }
  return lot
}

/** Checks an optional lot; returns the error or undefined. */
export const optionalLot = (
  d: Draft,
  id: DocumentId | undefined,
  owner: Entity.EntityName,
  commodity?: Commodity.CommoditySymbol,
): Check => {
  if (id === undefined) return undefined
  const lot = lotOf(d, id, owner, commodity)
  return isError(lot) ? lot : undefined
}

export const goods = (value: Op.Goods): Amount.Amount => Amount.make(value.quantity, value.commodity)

export const isStateParty = (d: Draft, name: Entity.EntityName): boolean => {
  const sector = d.books.ledger.declarations.entities.get(name)?.sector
  return sector === 'state' || sector === 'bank' || sector === 'military'
}

export const billNote = (d: Draft, id: DocumentId, a: Entity.EntityName, b: Entity.EntityName): void => {
  const cutoff = requireAt(d.books.parameters.creditReformCutoff, d.date, 'creditReformCutoff')
  if (d.date >= cutoff && isStateParty(d, a) && isStateParty(d, b))
    d.note({ _tag: 'BillBetweenStateParties', bill: id, cutoff })
}

/** `date` plus whole months (the day clipped to the month's length), or undefined past the calendar (year 9999). */
export const addMonths = (date: LocalDate.LocalDate, months: number): LocalDate.LocalDate | undefined => {
  const total = LocalDate.year(date) * 12 + (LocalDate.month(date) - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const day = Math.min(LocalDate.day(date), LocalDate.daysInMonth(year, month))
  const result = LocalDate.fromParts(year, month, day)
  return E.isRight(result) ? result.right : undefined
}

/** A typed error when a date computed from an operation (a maturity, a deadline) leaves the calendar. */
export const inCalendar = (date: LocalDate.LocalDate, later: LocalDate.LocalDate | undefined, what: string): Check =>
  later === undefined ? { _tag: 'DateOutOfRange', date, what } : undefined

export const zero = Quantity.zero
export const add = Quantity.add
export const sub = Quantity.subtract
export const lt = (a: Quantity.Quantity, b: Quantity.Quantity): boolean => Quantity.compare(a, b) < 0
export const gt = (a: Quantity.Quantity, b: Quantity.Quantity): boolean => Quantity.compare(a, b) > 0

/** Applies one operation of tag `T` to a draft: undefined on success, the error otherwise. */
export type Handler<T extends Op.Operation['_tag']> = (
  d: Draft,
  op: Extract<Op.Operation, { readonly _tag: T }>,
) => Check

/** Some instrument's handlers, by operation tag. */
export type Handlers = { readonly [T in Op.Operation['_tag']]?: Handler<T> }
