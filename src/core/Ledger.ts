/**
 * The ledger: declared commodities, accounts and entities, the posted transactions, and running
 * balances of both books (money and goods), per account and per account subtree.
 *
 * Scale. Posting must not copy: `[...transactions, t]` per post is quadratic. A `Ledger` value
 * is a read-only view `{ store, size }` of an append-only store. `post` on the newest view
 * validates the transaction, then appends it and updates the balances of the accounts it
 * touches (and their ancestors): O(postings × depth). Posting to an older view (one that has
 * been posted to since) first forks the store, O(N), so every `Ledger` value keeps meaning
 * exactly what it meant: values are persistent, the common linear use is cheap.
 *
 * Atomicity. Every check runs before anything is written; a rejected transaction returns a
 * typed error and the store is untouched.
 *
 * Order. Balance assertions and assignments are evaluated against the running balance in
 * posting order. The journal loader posts in date order, then file order (a stable sort), which
 * is hledger's rule; programmatic users who post out of date order get "as posted" semantics.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from './AccountName.js'
import * as Amount from './Amount.js'
import type { Citation } from './Citation.js'
import * as Commodity from './Commodity.js'
import type { Entity, EntityName } from './Entity.js'
import { postingsPerTransactionMax } from './limits.js'
import * as Posting from './Posting.js'
import * as Quantity from './Quantity.js'
import * as SourceSpan from './SourceSpan.js'
import type { Transaction, TransactionInput } from './Transaction.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Which of the two books a balance is read from: `money` (amounts in money commodities) or `goods` (quantities of goods). */
export type Book = 'money' | 'goods'

/** A declared account: its name, its type if one was declared, its tags and citations, and where it was declared. */
export interface AccountDeclaration {
  readonly name: AccountName.AccountName
  readonly type?: AccountName.AccountType
  readonly tags: ReadonlyArray<Posting.Tag>
  readonly citations: ReadonlyArray<Citation>
  readonly span?: SourceSpan.SourceSpan
}

/** What a ledger has declared: commodities, accounts and entities by name, and the root names that imply account types. */
export interface Declarations {
  readonly commodities: ReadonlyMap<Commodity.CommoditySymbol, Commodity.Commodity>
  readonly accounts: ReadonlyMap<AccountName.AccountName, AccountDeclaration>
  readonly entities: ReadonlyMap<EntityName, Entity>
  /** Root names that imply an account type when none is declared. */
  readonly rootNames: ReadonlyMap<string, AccountName.AccountType>
}

type Balances = Map<Commodity.CommoditySymbol, Quantity.Quantity>

interface AccountState {
  readonly own: { readonly money: Balances; readonly goods: Balances }
  readonly subtree: { readonly money: Balances; readonly goods: Balances }
  /** The state of the parent account (set when the account is first touched). */
  parent: AccountState | undefined
}

interface Store {
  readonly transactions: Transaction[]
  readonly accounts: Map<AccountName.AccountName, AccountState>
  /** The kind each commodity was first used as, for undeclared commodities. */
  readonly usedKinds: Map<Commodity.CommoditySymbol, Commodity.CommodityKind>
  /** Running total of the money book per commodity; stays zero (asserted after every post). */
  readonly totals: Balances
}

declare const LedgerBrand: unique symbol

/**
 * A persistent, read-only view of the posted transactions, their declarations and running balances;
 * make one with `empty` and extend it with `post`.
 */
export interface Ledger {
  readonly [LedgerBrand]: 'Ledger'
  readonly declarations: Declarations
  /** Number of transactions this view holds. */
  readonly size: number
}

interface LedgerInternal {
  readonly declarations: Declarations
  readonly size: number
  readonly store: Store
}

const internal = (ledger: Ledger): LedgerInternal => ledger as unknown as LedgerInternal
const view = (value: LedgerInternal): Ledger => value as unknown as Ledger

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** Listed in precedence order: when several apply, `post` reports the first. */
export type PostingError =
  | { readonly _tag: 'TooManyPostings'; readonly span: SourceSpan.SourceSpan; readonly count: number; readonly countMax: number }
  | { readonly _tag: 'MultipleElidedAmounts'; readonly span: SourceSpan.SourceSpan; readonly elided: ReadonlyArray<SourceSpan.SourceSpan> }
  | {
      readonly _tag: 'CommodityKindConflict'
      readonly span: SourceSpan.SourceSpan
      readonly commodity: Commodity.CommoditySymbol
      readonly known: Commodity.CommodityKind
      readonly used: Commodity.CommodityKind
    }
  | { readonly _tag: 'UnbalancedTransaction'; readonly span: SourceSpan.SourceSpan; readonly residual: ReadonlyArray<Amount.Amount> }
  | {
      readonly _tag: 'BalanceAssertionFailed'
      readonly span: SourceSpan.SourceSpan
      readonly account: AccountName.AccountName
      readonly commodity: Commodity.CommoditySymbol
      readonly asserted: Quantity.Quantity
      readonly actual: Quantity.Quantity
      readonly inclusive: boolean
      readonly sole: boolean
    }
  | {
      readonly _tag: 'BalanceAssertionOtherCommodity'
      readonly span: SourceSpan.SourceSpan
      readonly account: AccountName.AccountName
      readonly commodity: Commodity.CommoditySymbol
      readonly other: Amount.Amount
    }

/** Every `PostingError` tag, in precedence order. */
export const postingErrorTags = ['TooManyPostings', 'MultipleElidedAmounts', 'CommodityKindConflict', 'UnbalancedTransaction', 'BalanceAssertionFailed', 'BalanceAssertionOtherCommodity'] as const satisfies ReadonlyArray<PostingError['_tag']>

/**
 * Why a declaration was rejected: a duplicate commodity or entity, a commodity kind or account type
 * conflict, or an entity declared after postings.
 */
export type DeclarationError =
  | { readonly _tag: 'DuplicateCommodity'; readonly span: SourceSpan.SourceSpan; readonly commodity: Commodity.CommoditySymbol; readonly first?: SourceSpan.SourceSpan }
  | { readonly _tag: 'CommodityKindConflict'; readonly span: SourceSpan.SourceSpan; readonly commodity: Commodity.CommoditySymbol; readonly known: Commodity.CommodityKind; readonly used: Commodity.CommodityKind }
  | { readonly _tag: 'DuplicateEntity'; readonly span: SourceSpan.SourceSpan; readonly entity: EntityName; readonly first?: SourceSpan.SourceSpan }
  | { readonly _tag: 'EntityAfterPostings'; readonly span: SourceSpan.SourceSpan; readonly entity: EntityName }
  | { readonly _tag: 'AccountTypeConflict'; readonly span: SourceSpan.SourceSpan; readonly account: AccountName.AccountName; readonly declared: AccountName.AccountType; readonly other: AccountName.AccountType }

/** Every `DeclarationError` tag, once. */
export const declarationErrorTags = [
  'DuplicateCommodity',
  'CommodityKindConflict',
  'DuplicateEntity',
  'EntityAfterPostings',
  'AccountTypeConflict',
] as const satisfies ReadonlyArray<DeclarationError['_tag']>

// Compile-time check that `declarationErrorTags` names every tag of the union.
type UnlistedDeclarationError = Exclude<DeclarationError['_tag'], (typeof declarationErrorTags)[number]>
const _everyDeclarationErrorTagListed: [UnlistedDeclarationError] extends [never] ? true : UnlistedDeclarationError = true
void _everyDeclarationErrorTagListed

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const newStore = (): Store => ({ transactions: [], accounts: new Map(), usedKinds: new Map(), totals: new Map() })

/**
 * An empty ledger.
 *
 * @example
 * ```ts
 * const ledger = Ledger.empty()
 * // ledger.size → 0, Ledger.transactions(ledger) → []
 * ```
 */
export const empty = (options: { readonly rootNames?: ReadonlyMap<string, AccountName.AccountType> } = {}): Ledger =>
  view({
    declarations: {
      commodities: new Map(),
      accounts: new Map(),
      entities: new Map(),
      rootNames: options.rootNames ?? AccountName.defaultRootNames,
    },
    size: 0,
    store: newStore(),
  })

/** A private copy of the store holding only the first `size` transactions. O(N). */
const fork = (source: Store, size: number): Store => {
  const store = newStore()
  for (let index = 0; index < size; index++) commit(store, source.transactions[index] as Transaction)
  return store
}

/** The store of a view, forked if the view is older than the store. */
const current = (ledger: Ledger): Store => {
  const { store, size } = internal(ledger)
  return size === store.transactions.length ? store : fork(store, size)
}

// -------------------------------------------------------------------------------------
// declarations
// -------------------------------------------------------------------------------------

const withDeclarations = (ledger: Ledger, declarations: Declarations): Ledger => {
  const { store, size } = internal(ledger)
  return view({ declarations, size, store })
}

/** Declares a commodity (money or goods, its unit and display style). */
export const declareCommodity =
  (commodity: Commodity.Commodity, span: SourceSpan.SourceSpan = SourceSpan.synthetic('api')) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const { declarations, store } = internal(ledger)
    const used = store.usedKinds.get(commodity.symbol)
    if (used !== undefined && used !== commodity.kind) {
      return E.left({ _tag: 'CommodityKindConflict', span, commodity: commodity.symbol, known: used, used: commodity.kind })
    }
    const existing = declarations.commodities.get(commodity.symbol)
    if (existing !== undefined && existing.kind !== commodity.kind) {
      return E.left({ _tag: 'CommodityKindConflict', span, commodity: commodity.symbol, known: existing.kind, used: commodity.kind })
    }
    const commodities = new Map(declarations.commodities)
    commodities.set(commodity.symbol, commodity)
    return E.right(withDeclarations(ledger, { ...declarations, commodities }))
  }

/** Declares an account, optionally with its type. Re-declaring merges tags; a different type is an error. */
export const declareAccount =
  (declaration: AccountDeclaration) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const { declarations } = internal(ledger)
    const existing = declarations.accounts.get(declaration.name)
    if (existing?.type !== undefined && declaration.type !== undefined && existing.type !== declaration.type) {
      return E.left({
        _tag: 'AccountTypeConflict',
        span: declaration.span ?? SourceSpan.synthetic('api'),
        account: declaration.name,
        declared: existing.type,
        other: declaration.type,
      })
    }
    const accounts = new Map(declarations.accounts)
    const type = declaration.type ?? existing?.type
    accounts.set(declaration.name, {
      ...declaration,
      ...(type !== undefined ? { type } : {}),
      tags: existing === undefined ? declaration.tags : [...existing.tags, ...declaration.tags],
    })
    return E.right(withDeclarations(ledger, { ...declarations, accounts }))
  }

/**
 * Declares an entity. Entities must be declared before any posting, because they decide which
 * books every posted account belongs to.
 *
 * @example
 * ```ts
 * const kirov = Entity.unsafeName('kirov')
 * const ledger = pipe(Ledger.empty(), Ledger.declareEntity({ name: kirov, citations: [] }))
 * // E.isRight(ledger) → true
 * // Ledger.entityOf(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')) → 'kirov'
 * // Ledger.withinEntity(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')) → 'assets:cash'
 * // declaring it twice: pipe(ledger, E.flatMap(Ledger.declareEntity({ name: kirov, citations: [] }))) → E.left({ _tag: 'DuplicateEntity', … })
 * ```
 */
export const declareEntity =
  (entity: Entity) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const { declarations, size } = internal(ledger)
    const span = entity.span ?? SourceSpan.synthetic('api')
    const existing = declarations.entities.get(entity.name)
    if (existing !== undefined) {
      return E.left({ _tag: 'DuplicateEntity', span, entity: entity.name, ...(existing.span !== undefined ? { first: existing.span } : {}) })
    }
    if (size > 0) return E.left({ _tag: 'EntityAfterPostings', span, entity: entity.name })
    const entities = new Map(declarations.entities)
    entities.set(entity.name, entity)
    return E.right(withDeclarations(ledger, { ...declarations, entities }))
  }

// -------------------------------------------------------------------------------------
// account facts
// -------------------------------------------------------------------------------------

/** The entity whose books hold `account`, if its first segment is a declared entity. */
export const entityOf = (declarations: Declarations, account: AccountName.AccountName): EntityName | undefined => {
  if (declarations.entities.size === 0) return undefined
  const colon = account.indexOf(':')
  const first = (colon < 0 ? account : account.slice(0, colon)) as EntityName
  return declarations.entities.has(first) ? first : undefined
}

/** The account name below its entity prefix (`kirov:assets:wip` → `assets:wip`). */
export const withinEntity = (declarations: Declarations, account: AccountName.AccountName): AccountName.AccountName => {
  const entity = entityOf(declarations, account)
  if (entity === undefined || account.length === entity.length) return account
  return account.slice(entity.length + 1) as AccountName.AccountName
}

/**
 * The type of an account: declared on it or on its nearest declared ancestor, else inferred
 * from its root segment (below the entity prefix) through `rootNames`.
 */
export const accountType = (declarations: Declarations, account: AccountName.AccountName): AccountName.AccountType | undefined => {
  let cursor: AccountName.AccountName | undefined = account
  while (cursor !== undefined) {
    const declared = declarations.accounts.get(cursor)?.type
    if (declared !== undefined) return declared
    cursor = AccountName.parent(cursor)
  }
  const local = withinEntity(declarations, account)
  const colon = local.indexOf(':')
  const root = (colon < 0 ? local : local.slice(0, colon)).toLowerCase()
  return declarations.rootNames.get(root)
}

/** The kind of a commodity: declared, else as first used, else undefined. */
export const commodityKind = (ledger: Ledger, symbol: Commodity.CommoditySymbol): Commodity.CommodityKind | undefined =>
  internal(ledger).declarations.commodities.get(symbol)?.kind ?? current(ledger).usedKinds.get(symbol)

// -------------------------------------------------------------------------------------
// posting
// -------------------------------------------------------------------------------------

const emptyBalances: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity> = new Map()

const stateOf = (store: Store, account: AccountName.AccountName): AccountState | undefined => store.accounts.get(account)

/** The running balance of one account in one book, own or with its subtree, for one commodity. */
const runningQuantity = (store: Store, account: AccountName.AccountName, book: Book, inclusive: boolean, commodity: Commodity.CommoditySymbol): Quantity.Quantity => {
  const state = stateOf(store, account)
  if (state === undefined) return Quantity.zero
  return (inclusive ? state.subtree : state.own)[book].get(commodity) ?? Quantity.zero
}

const runningBalances = (store: Store, account: AccountName.AccountName, book: Book, inclusive: boolean): ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity> => {
  const state = stateOf(store, account)
  if (state === undefined) return emptyBalances
  return (inclusive ? state.subtree : state.own)[book]
}

const kindOf = (declarations: Declarations, store: Store, pending: ReadonlyMap<Commodity.CommoditySymbol, Commodity.CommodityKind>, symbol: Commodity.CommoditySymbol) =>
  declarations.commodities.get(symbol)?.kind ?? store.usedKinds.get(symbol) ?? pending.get(symbol)

/** Deltas a transaction makes before it is committed, to evaluate assertions inside it. */
class Overlay {
  private readonly deltas = new Map<string, Quantity.Quantity>()
  private static key(account: string, book: Book, inclusive: boolean, commodity: string): string {
    return `${book}\u0000${inclusive ? 1 : 0}\u0000${account}\u0000${commodity}`
  }
  add(account: AccountName.AccountName, book: Book, amount: Amount.Amount): void {
    this.bump(Overlay.key(account, book, false, amount.commodity), amount.quantity)
    this.bump(Overlay.key(account, book, true, amount.commodity), amount.quantity)
    for (const ancestor of AccountName.ancestors(account)) this.bump(Overlay.key(ancestor, book, true, amount.commodity), amount.quantity)
  }
  get(account: AccountName.AccountName, book: Book, inclusive: boolean, commodity: Commodity.CommoditySymbol): Quantity.Quantity {
    return this.deltas.get(Overlay.key(account, book, inclusive, commodity)) ?? Quantity.zero
  }
  commodities(account: AccountName.AccountName, book: Book, inclusive: boolean): ReadonlyArray<Commodity.CommoditySymbol> {
    const prefix = `${book}\u0000${inclusive ? 1 : 0}\u0000${account}\u0000`
    const result: Commodity.CommoditySymbol[] = []
    for (const key of this.deltas.keys()) if (key.startsWith(prefix)) result.push(key.slice(prefix.length) as Commodity.CommoditySymbol)
    return result
  }
  private bump(key: string, quantity: Quantity.Quantity): void {
    const previous = this.deltas.get(key)
    this.deltas.set(key, previous === undefined ? quantity : Quantity.add(previous, quantity))
  }
}

const spanOf = (input: TransactionInput): SourceSpan.SourceSpan => input.span ?? SourceSpan.synthetic('api')

/**
 * Checks a transaction against the ledger and computes its posted form, without writing.
 * Returns the postings and the commodity kinds first used by it.
 */
const prepare = (
  declarations: Declarations,
  store: Store,
  input: TransactionInput,
  index: number,
): E.Either<PostingError, { readonly transaction: Transaction; readonly newKinds: ReadonlyMap<Commodity.CommoditySymbol, Commodity.CommodityKind> }> => {
  const span = spanOf(input)
  const inputs = input.postings
  if (inputs.length > postingsPerTransactionMax) {
    return E.left({ _tag: 'TooManyPostings', span, count: inputs.length, countMax: postingsPerTransactionMax })
  }
  // 1. At most one elided amount.
  let elidedIndex = -1
  let elidedSpans: SourceSpan.SourceSpan[] | undefined
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    if (Posting.isElided(posting)) {
      if (elidedIndex < 0) elidedIndex = position
      else {
        elidedSpans ??= [inputs[elidedIndex]?.span ?? span]
        elidedSpans.push(posting.span ?? span)
      }
    }
  }
  if (elidedSpans !== undefined) return E.left({ _tag: 'MultipleElidedAmounts', span, elided: elidedSpans })

  // 2. Commodity kinds: money amounts must be money commodities, goods quantities goods.
  const newKinds = new Map<Commodity.CommoditySymbol, Commodity.CommodityKind>()
  const checkKind = (symbol: Commodity.CommoditySymbol, used: Commodity.CommodityKind, at: SourceSpan.SourceSpan): PostingError | undefined => {
    const known = kindOf(declarations, store, newKinds, symbol)
    if (known === undefined) {
      newKinds.set(symbol, used)
      return undefined
    }
    return known === used ? undefined : { _tag: 'CommodityKindConflict', span: at, commodity: symbol, known, used }
  }
  for (const posting of inputs) {
    const at = posting.span ?? span
    const moneyError = posting.money !== undefined ? checkKind(posting.money.commodity, 'money', at) : undefined
    if (moneyError !== undefined) return E.left(moneyError)
    const goodsError = posting.goods !== undefined ? checkKind(posting.goods.commodity, 'goods', at) : undefined
    if (goodsError !== undefined) return E.left(goodsError)
  }

  // 3. Balance assignments (in posting order, against the running balance), then the residual.
  const hasAssertions = inputs.some((posting) => posting.assertion !== undefined)
  const overlay = hasAssertions ? new Overlay() : undefined
  const moneyOf: Array<Amount.Amount | undefined> = new Array(inputs.length)
  const origins: Array<Posting.Posting['origin']> = new Array(inputs.length)
  const residual = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    let money = posting.money
    let origin: Posting.Posting['origin'] = 'written'
    if (money === undefined && posting.goods === undefined && posting.assertion !== undefined) {
      const { amount, inclusive } = posting.assertion
      const kind = kindOf(declarations, store, newKinds, amount.commodity) ?? 'money'
      if (kind === 'money') {
        const before = Quantity.add(
          runningQuantity(store, posting.account, 'money', inclusive, amount.commodity),
          overlay?.get(posting.account, 'money', inclusive, amount.commodity) ?? Quantity.zero,
        )
        money = Amount.make(Quantity.subtract(amount.quantity, before), amount.commodity)
        origin = 'assigned'
        if (!newKinds.has(amount.commodity) && kindOf(declarations, store, newKinds, amount.commodity) === undefined) newKinds.set(amount.commodity, 'money')
      }
    }
    moneyOf[position] = money
    origins[position] = origin
    if (money !== undefined) {
      Amount.accumulate(residual, money.commodity, money.quantity)
      overlay?.add(posting.account, 'money', money)
    }
    if (posting.goods !== undefined) overlay?.add(posting.account, 'goods', posting.goods)
  }
  const nonZero = Amount.entries(residual)
  if (elidedIndex < 0 && nonZero.length > 0) return E.left({ _tag: 'UnbalancedTransaction', span, residual: nonZero })

  // 4. Build the posted postings; the elided one takes the negated residual, one posting per commodity.
  const transactionEstimated = input.estimated === true
  const anyEstimated = transactionEstimated || inputs.some((posting) => posting.estimated === true)
  const postings: Posting.Posting[] = []
  const build = (posting: Posting.PostingInput, money: Amount.Amount | undefined, origin: Posting.Posting['origin']): Posting.Posting =>
    makePosting(posting, entityOf(declarations, posting.account), money, transactionEstimated || posting.estimated === true || (origin === 'elided' && anyEstimated), origin)
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    if (position === elidedIndex) {
      if (nonZero.length === 0) postings.push(build(posting, undefined, 'elided'))
      for (const amount of nonZero) {
        const money = Amount.negate(amount)
        postings.push(build(posting, money, 'elided'))
      }
    } else postings.push(build(posting, moneyOf[position], origins[position] ?? 'written'))
  }

  // 5. Balance assertions, against the running balance including this whole transaction's
  //    earlier postings (hledger checks each assertion after its own posting).
  const seen = new Overlay()
  for (const posting of hasAssertions ? postings : []) {
    if (posting.money !== undefined) seen.add(posting.account, 'money', posting.money)
    if (posting.goods !== undefined) seen.add(posting.account, 'goods', posting.goods)
    const assertion = posting.assertion
    if (assertion === undefined) continue
    const book: Book = kindOf(declarations, store, newKinds, assertion.amount.commodity) === 'goods' ? 'goods' : 'money'
    const at = assertion.span ?? posting.span ?? span
    const actual = Quantity.add(
      runningQuantity(store, posting.account, book, assertion.inclusive, assertion.amount.commodity),
      seen.get(posting.account, book, assertion.inclusive, assertion.amount.commodity),
    )
    if (!Quantity.equals(actual, assertion.amount.quantity)) {
      return E.left({
        _tag: 'BalanceAssertionFailed',
        span: at,
        account: posting.account,
        commodity: assertion.amount.commodity,
        asserted: assertion.amount.quantity,
        actual,
        inclusive: assertion.inclusive,
        sole: assertion.sole,
      })
    }
    if (assertion.sole) {
      const symbols = new Set<Commodity.CommoditySymbol>(runningBalances(store, posting.account, book, assertion.inclusive).keys())
      for (const symbol of seen.commodities(posting.account, book, assertion.inclusive)) symbols.add(symbol)
      for (const symbol of [...symbols].sort()) {
        if (symbol === assertion.amount.commodity) continue
        const other = Quantity.add(runningQuantity(store, posting.account, book, assertion.inclusive, symbol), seen.get(posting.account, book, assertion.inclusive, symbol))
        if (!Quantity.isZero(other)) {
          return E.left({ _tag: 'BalanceAssertionOtherCommodity', span: at, account: posting.account, commodity: assertion.amount.commodity, other: Amount.make(other, symbol) })
        }
      }
    }
  }

  return E.right({ transaction: makeTransaction(input, index, postings, anyEstimated, span), newKinds })
}

/** A posted posting. The common one (no entity, goods, assertion or comment) is built without spreading, with the same fields in the same order. */
const makePosting = (
  posting: Posting.PostingInput,
  entity: EntityName | undefined,
  money: Amount.Amount | undefined,
  estimated: boolean,
  origin: Posting.Posting['origin'],
): Posting.Posting => {
  const { account, span } = posting
  if (entity === undefined && posting.goods === undefined && posting.assertion === undefined && posting.comment === undefined && span !== undefined) {
    const status = posting.status ?? 'unmarked'
    const citations = posting.citations ?? Posting.emptyCitations
    const tags = posting.tags ?? Posting.emptyTags
    return money !== undefined ? { account, money, estimated, origin, status, citations, tags, span } : { account, estimated, origin, status, citations, tags, span }
  }
  return {
    account,
    ...(entity !== undefined ? { entity } : {}),
    ...(money !== undefined ? { money } : {}),
    ...(posting.goods !== undefined ? { goods: posting.goods } : {}),
    estimated,
    origin,
    status: posting.status ?? 'unmarked',
    ...(posting.assertion !== undefined ? { assertion: posting.assertion } : {}),
    citations: posting.citations ?? Posting.emptyCitations,
    tags: posting.tags ?? Posting.emptyTags,
    ...(posting.comment !== undefined ? { comment: posting.comment } : {}),
    ...(span !== undefined ? { span } : {}),
  }
}

/** A posted transaction. The common one (no second date, code, comment or origin) is built without spreading, fields in the same order. */
const makeTransaction = (input: TransactionInput, index: number, postings: ReadonlyArray<Posting.Posting>, estimated: boolean, span: SourceSpan.SourceSpan): Transaction => {
  const status = input.status ?? 'unmarked'
  const tags = input.tags ?? Posting.emptyTags
  const citations = input.citations ?? Posting.emptyCitations
  const { date, description } = input
  if (input.date2 === undefined && input.code === undefined && input.comment === undefined && input.origin === undefined) {
    return { index, date, status, description, postings, tags, citations, estimated, span }
  }
  return {
    index,
    date,
    ...(input.date2 !== undefined ? { date2: input.date2 } : {}),
    status,
    ...(input.code !== undefined ? { code: input.code } : {}),
    description,
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
    ...(input.origin !== undefined ? { origin: input.origin } : {}),
    postings,
    tags,
    citations,
    estimated,
    span,
  }
}

/**
 * The common transaction, checked and posted without the general machinery: every posting has a
 * money amount of one commodity already known as money, except at most one elided posting; no
 * goods, no assertions. Returns undefined whenever the general `prepare` must decide, which
 * includes every error, so errors and their precedence are the general path's.
 */
const prepareSimple = (declarations: Declarations, store: Store, input: TransactionInput, index: number): Transaction | undefined => {
  const inputs = input.postings
  const count = inputs.length
  if (count === 0 || count > postingsPerTransactionMax) return undefined
  let elidedIndex = -1
  let commodity: Commodity.CommoditySymbol | undefined
  let total = Quantity.zero
  let anyEstimated = input.estimated === true
  for (let position = 0; position < count; position++) {
    const posting = inputs[position] as Posting.PostingInput
    if (posting.goods !== undefined || posting.assertion !== undefined) return undefined
    if (posting.estimated === true) anyEstimated = true
    const money = posting.money
    if (money === undefined) {
      if (elidedIndex >= 0) return undefined
      elidedIndex = position
      continue
    }
    if (commodity === undefined) commodity = money.commodity
    else if (money.commodity !== commodity) return undefined
    total = Quantity.add(total, money.quantity)
  }
  if (commodity === undefined) return undefined
  if ((declarations.commodities.get(commodity)?.kind ?? store.usedKinds.get(commodity)) !== 'money') return undefined
  const balanced = Quantity.isZero(total)
  if (elidedIndex < 0 && !balanced) return undefined
  const transactionEstimated = input.estimated === true
  const span = spanOf(input)
  const postings: Posting.Posting[] = new Array(count)
  for (let position = 0; position < count; position++) {
    const posting = inputs[position] as Posting.PostingInput
    const entity = entityOf(declarations, posting.account)
    if (position === elidedIndex) {
      const money = balanced ? undefined : Amount.make(Quantity.negate(total), commodity)
      postings[position] = makePosting(posting, entity, money, transactionEstimated || posting.estimated === true || anyEstimated, 'elided')
    } else postings[position] = makePosting(posting, entity, posting.money, transactionEstimated || posting.estimated === true, 'written')
  }
  return makeTransaction(input, index, postings, anyEstimated, span)
}

const newAccountState = (): AccountState => ({ own: { money: new Map(), goods: new Map() }, subtree: { money: new Map(), goods: new Map() }, parent: undefined })

const touch = (store: Store, account: AccountName.AccountName): AccountState => {
  let state = store.accounts.get(account)
  if (state === undefined) {
    state = newAccountState()
    store.accounts.set(account, state)
    // Make every ancestor known, so subtree balances exist for parents with no own postings.
    const parent = AccountName.parent(account)
    if (parent !== undefined) state.parent = touch(store, parent)
  }
  return state
}

/** Adds an amount to an account's own balance and to the subtree balances of it and its ancestors. */
const apply = (store: Store, account: AccountName.AccountName, book: Book, amount: Amount.Amount): void => {
  const state = touch(store, account)
  Amount.accumulate(state.own[book], amount.commodity, amount.quantity)
  for (let cursor: AccountState | undefined = state; cursor !== undefined; cursor = cursor.parent) {
    Amount.accumulate(cursor.subtree[book], amount.commodity, amount.quantity)
  }
}

/** Writes a checked transaction into the store. O(postings × depth). */
const commit = (store: Store, transaction: Transaction): void => {
  for (const posting of transaction.postings) {
    if (posting.money !== undefined) {
      apply(store, posting.account, 'money', posting.money)
      Amount.accumulate(store.totals, posting.money.commodity, posting.money.quantity)
      if (!store.usedKinds.has(posting.money.commodity)) store.usedKinds.set(posting.money.commodity, 'money')
    }
    if (posting.goods !== undefined) {
      apply(store, posting.account, 'goods', posting.goods)
      if (!store.usedKinds.has(posting.goods.commodity)) store.usedKinds.set(posting.goods.commodity, 'goods')
    }
  }
  store.transactions.push(transaction)
}

/**
 * Posts one transaction. Money must balance exactly per money commodity; at most one posting may
 * omit its money amount and receives the residual (one posting per commodity). Goods quantities
 * move in the physical book and are not part of the money balance. On error nothing changes.
 *
 * Data-last: `pipe(ledger, post(a), E.flatMap(post(b)))`.
 *
 * @example
 * ```ts
 * const rub = Commodity.unsafeSymbol('RUB')
 * const posted = pipe(
 *   Ledger.empty(),
 *   Ledger.post({
 *     date: LocalDate.unsafeFromString('1936-01-05'),
 *     description: 'Opening',
 *     postings: [
 *       { account: AccountName.unsafeFromString('assets:cash'), money: Amount.make(Quantity.fromInteger(10), rub) },
 *       { account: AccountName.unsafeFromString('equity:opening') }, // elided: receives -10 RUB
 *     ],
 *   }),
 * )
 * // E.isRight(posted) → true, Amount.showMixed(Ledger.runningBalance(posted.right, AccountName.unsafeFromString('equity:opening'), 'money', false)) → '-10 RUB'
 *
 * const unbalanced = pipe(
 *   Ledger.empty(),
 *   Ledger.post({
 *     date: LocalDate.unsafeFromString('1936-01-05'),
 *     description: 'Typo',
 *     postings: [
 *       { account: AccountName.unsafeFromString('assets:cash'), money: Amount.make(Quantity.fromInteger(10), rub) },
 *       { account: AccountName.unsafeFromString('equity:opening'), money: Amount.make(Quantity.fromInteger(-9), rub) },
 *     ],
 *   }),
 * )
 * // unbalanced.left._tag → 'UnbalancedTransaction' (and nothing was posted)
 * ```
 */
export const post =
  (input: TransactionInput) =>
  (ledger: Ledger): E.Either<PostingError, Ledger> => {
    const { declarations, size, store: shared } = internal(ledger)
    const store = size === shared.transactions.length ? shared : fork(shared, size)
    const simple = prepareSimple(declarations, store, input, size)
    if (simple !== undefined) commit(store, simple)
    else {
      const prepared = prepare(declarations, store, input, size)
      if (E.isLeft(prepared)) return prepared
      commit(store, prepared.right.transaction)
    }
    // Paired with the balance check in `prepare`: the money book must still sum to zero.
    for (const quantity of store.totals.values()) {
      if (!Quantity.isZero(quantity)) throw new Error('assertion failed: the money book no longer sums to zero after a post')
    }
    return E.right(view({ declarations, size: size + 1, store }))
  }

/**
 * Posts many transactions in order, stopping at the first error (later balances would be
 * meaningless). Returns the error with the index of the transaction that failed.
 */
export const postAll =
  (inputs: Iterable<TransactionInput>) =>
  (ledger: Ledger): E.Either<{ readonly error: PostingError; readonly index: number }, Ledger> => {
    let result = ledger
    let index = 0
    for (const input of inputs) {
      const next = post(input)(result)
      if (E.isLeft(next)) return E.left({ error: next.left, index })
      result = next.right
      index++
    }
    return E.right(result)
  }

// -------------------------------------------------------------------------------------
// read access
// -------------------------------------------------------------------------------------

/** The transactions of this view, in posting order. O(1) for the newest view. */
export const transactions = (ledger: Ledger): ReadonlyArray<Transaction> => {
  const { store, size } = internal(ledger)
  return size === store.transactions.length ? store.transactions : store.transactions.slice(0, size)
}

/** Every account that has a posting or is declared, and all their ancestors, sorted. */
export const accounts = (ledger: Ledger): ReadonlyArray<AccountName.AccountName> => {
  const names = new Set<AccountName.AccountName>(current(ledger).accounts.keys())
  for (const name of internal(ledger).declarations.accounts.keys()) {
    names.add(name)
    for (const ancestor of AccountName.ancestors(name)) names.add(ancestor)
  }
  return [...names].sort()
}

/** The running (all-time) balance of an account in one book: own, or with its subtree. O(1). */
export const runningBalance = (ledger: Ledger, account: AccountName.AccountName, book: Book, inclusive: boolean): Amount.MixedAmount =>
  runningBalances(current(ledger), account, book, inclusive)

/**
 * Every account's own running (all-time) balance in one book, for the accounts with a posting in
 * that book (the balances `Query.ownBalances` sums without a date range or entity, in another
 * order). Copies, O(accounts × commodities).
 */
export const ownRunningBalances = (ledger: Ledger, book: Book): ReadonlyMap<AccountName.AccountName, Amount.MixedAmount> => {
  const result = new Map<AccountName.AccountName, Amount.MixedAmount>()
  for (const [account, state] of current(ledger).accounts) {
    const own = state.own[book]
    if (own.size > 0) result.set(account, new Map(own))
  }
  return result
}

/** The running money total per commodity; always zero (the paired assertion checks it). */
export const moneyTotals = (ledger: Ledger): Amount.MixedAmount => current(ledger).totals

/** The commodity record for a symbol: declared, or a default for its first use. */
export const commodity = (ledger: Ledger, symbol: Commodity.CommoditySymbol): Commodity.Commodity => {
  const declared = internal(ledger).declarations.commodities.get(symbol)
  if (declared !== undefined) return declared
  return current(ledger).usedKinds.get(symbol) === 'goods' ? Commodity.goods(symbol, undefined) : Commodity.money(symbol)
}

/** Renders a posting error as a sentence (without the location). */
export const renderPostingError = (error: PostingError | DeclarationError): string => {
  switch (error._tag) {
    case 'TooManyPostings':
      return `transaction has ${error.count} postings; at most ${error.countMax} are allowed`
    case 'MultipleElidedAmounts':
      return `transaction has ${error.elided.length} postings without an amount (lines ${error.elided.map((span) => span.line).join(', ')}); at most one may be left for the engine to infer`
    case 'CommodityKindConflict':
      return `commodity ${error.commodity} is ${error.known === 'money' ? 'money' : 'goods'} here but used as ${error.used === 'money' ? 'a money amount' : 'a goods quantity'}`
    case 'UnbalancedTransaction':
      return `transaction does not balance: the money postings sum to ${error.residual.map(Amount.showExact).join(', ')}, not zero`
    case 'BalanceAssertionFailed':
      return `balance assertion failed for ${error.account}${error.inclusive ? ' (with subaccounts)' : ''}: asserted ${Quantity.toString(error.asserted)} ${error.commodity}, but the balance is ${Quantity.toString(error.actual)} ${error.commodity} (difference ${Quantity.toString(Quantity.subtract(error.actual, error.asserted))})`
    case 'BalanceAssertionOtherCommodity':
      return `balance assertion (==) failed for ${error.account}: it asserts only ${error.commodity}, but the balance also holds ${Amount.showExact(error.other)}`
    case 'DuplicateCommodity':
      return `commodity ${error.commodity} is declared twice${error.first !== undefined ? ` (first at ${SourceSpan.show(error.first)})` : ''}`
    case 'DuplicateEntity':
      return `entity ${error.entity} is declared twice${error.first !== undefined ? ` (first at ${SourceSpan.show(error.first)})` : ''}`
    case 'EntityAfterPostings':
      return `entity ${error.entity} is declared after transactions were posted; declare entities before the first transaction`
    case 'AccountTypeConflict':
      return `account ${error.account} is declared as ${error.declared} and again as ${error.other}`
  }
}
