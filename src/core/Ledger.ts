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
import * as Commodity from './Commodity.js'
import type { Entity } from './Entity.js'
import { current, newStore, runningBalances } from './ledger/Commit.js'
import {
  checkAccountDeclaration,
  checkCommodity,
  checkEntity,
  checkSpan,
  checkTransactionInput,
  type InputProblem,
  spanOfInput,
} from './ledger/Guard.js'
import {
  type AccountDeclaration,
  type Book,
  type DeclarationError,
  type Declarations,
  internal,
  type Ledger,
  type PostingError,
  view,
} from './ledger/Model.js'
import { postUnchecked } from './ledger/Post.js'
import * as Quantity from './Quantity.js'
import * as SourceSpan from './SourceSpan.js'
import type { Transaction, TransactionInput } from './Transaction.js'
import { kindOf } from './Untyped.js'

export {
  type AccountDeclaration,
  accountType,
  type Book,
  type DeclarationError,
  type Declarations,
  declarationErrorTags,
  entityOf,
  type Ledger,
  type PostingError,
  postingErrorTags,
  withinEntity,
} from './ledger/Model.js'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Options of `empty`: the root names that imply account types; whether posted transactions are kept. */
export interface EmptyOptions {
  readonly rootNames?: ReadonlyMap<string, AccountName.AccountType>
  /**
   * False for a running-only ledger: posting checks and balances every transaction and updates the
   * running balances as usual, but keeps no transaction, so memory grows with the accounts, not the
   * journal. `transactions` is then empty, and so is everything computed from it (registers, dated
   * or per-entity balances); only the newest view may be read or posted to. For the whole-journal
   * balance (`ownRunningBalances`, `runningBalance`). Default true.
   */
  readonly keepTransactions?: boolean
}

/**
 * An empty ledger. Options of the wrong kind (a JavaScript caller: `null`, `rootNames` that is not a Map,
 * `keepTransactions` that is not a boolean) count as not given.
 *
 * @example
 * ```ts
 * const ledger = Ledger.empty()
 * // ledger.size → 0, Ledger.transactions(ledger) → []
 * ```
 */
export const empty = (options: EmptyOptions = {}): Ledger => {
  const given: EmptyOptions = typeof options === 'object' && options !== null ? options : {}
  return view({
    declarations: {
      commodities: new Map(),
      accounts: new Map(),
      entities: new Map(),
      rootNames: given.rootNames instanceof Map ? given.rootNames : AccountName.defaultRootNames,
    },
    size: 0,
    store: newStore(typeof given.keepTransactions === 'boolean' ? given.keepTransactions : true),
  })
}

// -------------------------------------------------------------------------------------
// declarations
// -------------------------------------------------------------------------------------

const invalidDeclaration = (
  declaration: 'commodity' | 'account' | 'entity',
  found: InputProblem,
  input: unknown,
): E.Either<DeclarationError, never> =>
  E.left({ _tag: 'InvalidDeclarationInput', span: spanOfInput(input), declaration, ...found })

const withDeclarations = (ledger: Ledger, declarations: Declarations): Ledger => {
  const { store, size } = internal(ledger)
  return view({ declarations, size, store })
}

/** Declares a commodity (money or goods, its unit and display style). */
export const declareCommodity =
  (commodity: Commodity.Commodity, span: SourceSpan.SourceSpan = SourceSpan.synthetic('api')) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const invalid = checkCommodity(commodity) ?? checkSpan(span)
    if (invalid !== undefined) return invalidDeclaration('commodity', invalid, { span })
    const { declarations, store } = internal(ledger)
    const used = store.usedKinds.get(commodity.symbol)
    if (used !== undefined && used !== commodity.kind) {
      return E.left({
        _tag: 'CommodityKindConflict',
        span,
        commodity: commodity.symbol,
        known: used,
        used: commodity.kind,
      })
    }
    const existing = declarations.commodities.get(commodity.symbol)
    if (existing !== undefined && existing.kind !== commodity.kind) {
      return E.left({
        _tag: 'CommodityKindConflict',
        span,
        commodity: commodity.symbol,
        known: existing.kind,
        used: commodity.kind,
      })
    }
    const commodities = new Map(declarations.commodities)
    commodities.set(commodity.symbol, commodity)
    return E.right(withDeclarations(ledger, { ...declarations, commodities }))
  }

/** Declares an account, optionally with its type. Re-declaring merges tags; a different type is an error. */
export const declareAccount =
  (declaration: AccountDeclaration) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const invalid = checkAccountDeclaration(declaration)
    if (invalid !== undefined) return invalidDeclaration('account', invalid, declaration)
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
 * // Ledger.withinEntity(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash'))
 * //   → 'assets:cash'
 * // declaring it twice: pipe(ledger, E.flatMap(Ledger.declareEntity({ name: kirov, citations: [] })))
 * //   → E.left({ _tag: 'DuplicateEntity', … })
 * ```
 */
export const declareEntity =
  (entity: Entity) =>
  (ledger: Ledger): E.Either<DeclarationError, Ledger> => {
    const invalid = checkEntity(entity)
    if (invalid !== undefined) return invalidDeclaration('entity', invalid, entity)
    const { declarations, size } = internal(ledger)
    const span = entity.span ?? SourceSpan.synthetic('api')
    const existing = declarations.entities.get(entity.name)
    if (existing !== undefined) {
      return E.left({
        _tag: 'DuplicateEntity',
        span,
        entity: entity.name,
        ...(existing.span !== undefined ? { first: existing.span } : {}),
      })
    }
    if (size > 0) return E.left({ _tag: 'EntityAfterPostings', span, entity: entity.name })
    const entities = new Map(declarations.entities)
    entities.set(entity.name, entity)
    return E.right(withDeclarations(ledger, { ...declarations, entities }))
  }

/** The kind of a commodity: declared, else as first used, else undefined. */
export const commodityKind = (ledger: Ledger, symbol: Commodity.CommoditySymbol): Commodity.CommodityKind | undefined =>
  internal(ledger).declarations.commodities.get(symbol)?.kind ?? current(ledger).usedKinds.get(symbol)

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
 *       {
 *         account: AccountName.unsafeFromString('assets:cash'),
 *         money: Amount.make(Quantity.unsafeFromInteger(10), rub),
 *       },
 *       { account: AccountName.unsafeFromString('equity:opening') }, // elided: receives -10 RUB
 *     ],
 *   }),
 * )
 * // E.isRight(posted) → true,
 * // Amount.showMixed(
 * //   Ledger.runningBalance(posted.right, AccountName.unsafeFromString('equity:opening'), 'money', false),
 * // )
 * //   → '-10 RUB'
 *
 * const unbalanced = pipe(
 *   Ledger.empty(),
 *   Ledger.post({
 *     date: LocalDate.unsafeFromString('1936-01-05'),
 *     description: 'Typo',
 *     postings: [
 *       {
 *         account: AccountName.unsafeFromString('assets:cash'),
 *         money: Amount.make(Quantity.unsafeFromInteger(10), rub),
 *       },
 *       {
 *         account: AccountName.unsafeFromString('equity:opening'),
 *         money: Amount.make(Quantity.unsafeFromInteger(-9), rub),
 *       },
 *     ],
 *   }),
 * )
 * // unbalanced.left._tag → 'UnbalancedTransaction' (and nothing was posted)
 * ```
 */
export const post =
  (input: TransactionInput) =>
  (ledger: Ledger): E.Either<PostingError, Ledger> => {
    const invalid = checkTransactionInput(input)
    if (invalid !== undefined) return E.left({ _tag: 'InvalidTransactionInput', span: spanOfInput(input), ...invalid })
    return postUnchecked(input)(ledger)
  }

/**
 * Posts many transactions in order, stopping at the first error (later balances would be
 * meaningless). Returns the error with the index of the transaction that failed (index 0,
 * `InvalidTransactionInput`, when `inputs` is not iterable).
 */
export const postAll =
  (inputs: Iterable<TransactionInput>) =>
  (ledger: Ledger): E.Either<{ readonly error: PostingError; readonly index: number }, Ledger> => {
    if (typeof (inputs as { readonly [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] !== 'function')
      return E.left({
        error: {
          _tag: 'InvalidTransactionInput',
          span: SourceSpan.synthetic('api'),
          path: '',
          expected: 'a list of transactions',
          actual: kindOf(inputs),
        },
        index: 0,
      })
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

/** How many postings the ledger's transactions hold, O(1) (also for a running-only ledger). */
export const postingCount = (ledger: Ledger): number => current(ledger).postings

/** The transactions of this view, in posting order. O(1) for the newest view. */
export const transactions = (ledger: Ledger): ReadonlyArray<Transaction> => {
  const { store, size } = internal(ledger)
  if (!store.keep) return current(ledger).transactions
  return size === store.count ? store.transactions : store.transactions.slice(0, size)
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
export const runningBalance = (
  ledger: Ledger,
  account: AccountName.AccountName,
  book: Book,
  inclusive: boolean,
): Amount.MixedAmount => runningBalances(current(ledger), account, book, inclusive)

/**
 * Every account's own running (all-time) balance in one book, for the accounts with a posting in
 * that book (the balances `Query.ownBalances` sums without a date range or entity, in another
 * order). Copies, O(accounts × commodities).
 */
export const ownRunningBalances = (
  ledger: Ledger,
  book: Book,
): ReadonlyMap<AccountName.AccountName, Amount.MixedAmount> => {
  const result = new Map<AccountName.AccountName, Amount.MixedAmount>()
  for (const [account, state] of current(ledger).accounts) {
    const own = state.own[book]
    if (own.size > 0) result.set(account, new Map(own))
  }
  return result
}

/** The running money total per commodity; always zero (the paired assertion checks it). */
export const moneyTotals = (ledger: Ledger): Amount.MixedAmount => current(ledger).totals

/**
 * How many transactions balance only through costs, an implicit conversion or virtual postings (their money book does
 * not sum to zero per commodity).
 */
export const exchangedTransactions = (ledger: Ledger): number => current(ledger).counters.exchangedTransactions

/** The commodity record a `commodity` directive (or `declareCommodity`) gave, if any. */
export const declaredCommodity = (ledger: Ledger, symbol: Commodity.CommoditySymbol): Commodity.Commodity | undefined =>
  internal(ledger).declarations.commodities.get(symbol)

/** The commodity record for a symbol: declared, or a default for its first use. */
export const commodity = (ledger: Ledger, symbol: Commodity.CommoditySymbol): Commodity.Commodity => {
  const declared = internal(ledger).declarations.commodities.get(symbol)
  if (declared !== undefined) return declared
  return current(ledger).usedKinds.get(symbol) === 'goods'
    ? Commodity.goods(symbol, undefined)
    : Commodity.money(symbol)
}

/** Renders a posting error as a sentence (without the location). */
export const renderPostingError = (error: PostingError | DeclarationError): string => {
  switch (error._tag) {
    case 'InvalidTransactionInput':
      return `transaction input is not well-formed: ${error.path} should be ${error.expected}, not ${error.actual}`
    case 'InvalidDeclarationInput':
      return (
        `${error.declaration} declaration is not well-formed: ${error.path} should be ${error.expected}, ` +
        `not ${error.actual}`
      )
    case 'TooManyPostings':
      return `transaction has ${error.count} postings; at most ${error.countMax} are allowed`
    case 'MultipleElidedAmounts':
      return (
        `transaction has ${error.elided.length} postings without an amount (lines ` +
        `${error.elided.map((span) => span.line).join(', ')}); at most one may be left for the engine to infer`
      )
    case 'CommodityKindConflict':
      return (
        `commodity ${error.commodity} is ${error.known === 'money' ? 'money' : 'goods'} here but used as ` +
        `${error.used === 'money' ? 'a money amount' : 'a goods quantity'}`
      )
    case 'UnbalancedTransaction':
      return (
        `transaction does not balance: the money postings sum to ` +
        `${error.residual.map(Amount.showExact).join(', ')}, not zero`
      )
    case 'BalanceAssertionFailed':
      return (
        `balance assertion failed for ${error.account}${error.inclusive ? ' (with subaccounts)' : ''}: ` +
        `asserted ${Quantity.toString(error.asserted)} ${error.commodity}, but the balance is ` +
        `${Quantity.toString(error.actual)} ${error.commodity} (difference ` +
        `${Quantity.toString(Quantity.subtract(error.actual, error.asserted))})`
      )
    case 'BalanceAssertionOtherCommodity':
      return (
        `balance assertion (==) failed for ${error.account}: it asserts only ${error.commodity}, but the ` +
        `balance also holds ${Amount.showExact(error.other)}`
      )
    case 'DuplicateCommodity':
      return (
        `commodity ${error.commodity} is declared twice` +
        `${error.first !== undefined ? ` (first at ${SourceSpan.show(error.first)})` : ''}`
      )
    case 'DuplicateEntity':
      return (
        `entity ${error.entity} is declared twice` +
        `${error.first !== undefined ? ` (first at ${SourceSpan.show(error.first)})` : ''}`
      )
    case 'EntityAfterPostings':
      return (
        `entity ${error.entity} is declared after transactions were posted; declare entities before the ` +
        `first transaction`
      )
    case 'AccountTypeConflict':
      return `account ${error.account} is declared as ${error.declared} and again as ${error.other}`
  }
}
