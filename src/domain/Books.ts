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
import { type AccountName, type Citation, Commodity, type Entity, Ledger, SourceSpan } from '../core/index.js'
import { type Chart, defaultChart, roleOf, type Stage, stageOfRole } from './Chart.js'
import type {
  AcceptanceCertificate,
  Bill,
  Bonus,
  Cheque,
  Claim,
  Contract,
  Document,
  DocumentId,
  DocumentKind,
  Loan,
  Lot,
  PaymentDemand,
  PhysicalCount,
  Rework,
  Shipment,
} from './Documents.js'
import type { Operation } from './Operation.js'
import { defaultParameters, type Parameters } from './Parameters.js'
import type { DomainNote, PlanLine, SettlementAccount } from './Registers.js'
import { newStore, type StoreState, TableView, table } from './Store.js'

export * from './Chart.js'
export * from './Documents.js'
export * from './Registers.js'

/** The physical stage of goods held in `account`, derived from its role. */
export const stageOf = (books: Books, account: AccountName.AccountName): Stage | undefined => {
  const entity = Ledger.entityOf(books.ledger.declarations, account)
  if (entity === undefined) return undefined
  const role = roleOf(books.chart, entity, account)
  return role === undefined ? undefined : stageOfRole(role)
}

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

/**
 * True for books made by this library (`Books.empty`, `Books.fromLedger`, a load or an import), for run-time guards
 * against JavaScript callers: a kind check, in constant time.
 */
export const isBooks = (value: unknown): value is Books =>
  typeof value === 'object' &&
  value !== null &&
  (value as { readonly documents?: unknown }).documents instanceof TableView &&
  typeof (value as { readonly ledger?: unknown }).ledger === 'object' &&
  (value as { readonly ledger?: unknown }).ledger !== null

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
 * @internal the same books over a newer ledger (one the books' ledger was posted to). The table
 * views depend on the store and its version only, so they are kept: what `makeBooks` with the new
 * ledger gives, without making them again.
 */
export const withLedger = (books: Books, ledger: Ledger.Ledger): Books => ({ ...books, ledger })

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
export const empty = (
  entities: ReadonlyArray<Entity.Entity>,
  options: BooksOptions = {},
): E.Either<Ledger.DeclarationError, Books> => {
  if (!Array.isArray(entities))
    return E.left({
      _tag: 'InvalidDeclarationInput',
      span: SourceSpan.synthetic('api'),
      declaration: 'entity',
      path: 'entities',
      expected: 'an array of entities',
      actual: entities === null ? 'null' : `a ${typeof entities}`,
    })
  if (typeof options !== 'object' || options === null)
    return E.left({
      _tag: 'InvalidDeclarationInput',
      span: SourceSpan.synthetic('api'),
      declaration: 'commodity',
      path: 'options',
      expected: 'an object',
      actual: options === null ? 'null' : `a ${typeof options}`,
    })
  const currency = options.currency ?? Commodity.unsafeSymbol('RUB')
  let ledger = Ledger.empty()
  const declared = Ledger.declareCommodity(
    Commodity.money(currency, { side: 'right', spaced: true, decimalMark: '.', groupMark: ',', precision: 2 }),
  )(ledger)
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
    return E.right(withLedger(books, posted.right))
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
