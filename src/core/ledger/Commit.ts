/**
 * Posting into the ledger's store: checking and balancing a transaction, then committing it to the running balances.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from '../AccountName.js'
import * as Amount from '../Amount.js'
import type * as Commodity from '../Commodity.js'
import type { EntityName } from '../Entity.js'
import { postingsPerTransactionMax } from '../limits.js'
import * as Posting from '../Posting.js'
import * as Quantity from '../Quantity.js'
import * as SourceSpan from '../SourceSpan.js'
import type { Transaction, TransactionInput } from '../Transaction.js'
import {
  type AccountState,
  type Book,
  type Declarations,
  entityOf,
  internal,
  type Ledger,
  type PostingError,
  type Store,
} from './Model.js'

export const newStore = (keep = true): Store => ({
  transactions: [],
  keep,
  count: 0,
  postings: 0,
  accounts: new Map(),
  usedKinds: new Map(),
  totals: new Map(),
  exchanged: new Map(),
  counters: { exchangedTransactions: 0 },
})

/**
 * A private copy of the store holding only the first `size` transactions. O(N). A running-only
 * store cannot be forked (it has no transactions to replay): reading or posting to an older view
 * of a running-only ledger is a programming error.
 */
export const fork = (source: Store, size: number): Store => {
  if (!source.keep)
    throw new Error('a running-only ledger keeps no transactions: only its newest view can be read or posted to')
  const store = newStore()
  for (let index = 0; index < size; index++) commit(store, source.transactions[index] as Transaction)
  return store
}

/** The store of a view, forked if the view is older than the store. */
export const current = (ledger: Ledger): Store => {
  const { store, size } = internal(ledger)
  return size === store.count ? store : fork(store, size)
}

// -------------------------------------------------------------------------------------
// posting
// -------------------------------------------------------------------------------------

export const emptyBalances: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity> = new Map()

export const stateOf = (store: Store, account: AccountName.AccountName): AccountState | undefined =>
  store.accounts.get(account)

/** The running balance of one account in one book, own or with its subtree, for one commodity. */
export const runningQuantity = (
  store: Store,
  account: AccountName.AccountName,
  book: Book,
  inclusive: boolean,
  commodity: Commodity.CommoditySymbol,
): Quantity.Quantity => {
  const state = stateOf(store, account)
  if (state === undefined) return Quantity.zero
  return (inclusive ? state.subtree : state.own)[book].get(commodity) ?? Quantity.zero
}

export const runningBalances = (
  store: Store,
  account: AccountName.AccountName,
  book: Book,
  inclusive: boolean,
): ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity> => {
  const state = stateOf(store, account)
  if (state === undefined) return emptyBalances
  return (inclusive ? state.subtree : state.own)[book]
}

export const kindOf = (
  declarations: Declarations,
  store: Store,
  pending: ReadonlyMap<Commodity.CommoditySymbol, Commodity.CommodityKind>,
  symbol: Commodity.CommoditySymbol,
) => declarations.commodities.get(symbol)?.kind ?? store.usedKinds.get(symbol) ?? pending.get(symbol)

/** Deltas a transaction makes before it is committed, to evaluate assertions inside it. */
export class Overlay {
  private readonly deltas = new Map<string, Quantity.Quantity>()
  private static key(account: string, book: Book, inclusive: boolean, commodity: string): string {
    return `${book}\u0000${inclusive ? 1 : 0}\u0000${account}\u0000${commodity}`
  }
  add(account: AccountName.AccountName, book: Book, amount: Amount.Amount): void {
    this.bump(Overlay.key(account, book, false, amount.commodity), amount.quantity)
    this.bump(Overlay.key(account, book, true, amount.commodity), amount.quantity)
    for (const ancestor of AccountName.ancestors(account))
      this.bump(Overlay.key(ancestor, book, true, amount.commodity), amount.quantity)
  }
  get(
    account: AccountName.AccountName,
    book: Book,
    inclusive: boolean,
    commodity: Commodity.CommoditySymbol,
  ): Quantity.Quantity {
    return this.deltas.get(Overlay.key(account, book, inclusive, commodity)) ?? Quantity.zero
  }
  commodities(
    account: AccountName.AccountName,
    book: Book,
    inclusive: boolean,
  ): ReadonlyArray<Commodity.CommoditySymbol> {
    const prefix = `${book}\u0000${inclusive ? 1 : 0}\u0000${account}\u0000`
    const result: Commodity.CommoditySymbol[] = []
    for (const key of this.deltas.keys())
      if (key.startsWith(prefix)) result.push(key.slice(prefix.length) as Commodity.CommoditySymbol)
    return result
  }
  private bump(key: string, quantity: Quantity.Quantity): void {
    const previous = this.deltas.get(key)
    this.deltas.set(key, previous === undefined ? quantity : Quantity.add(previous, quantity))
  }
}

export const spanOf = (input: TransactionInput): SourceSpan.SourceSpan => input.span ?? SourceSpan.synthetic('api')

/**
 * Checks a transaction against the ledger and computes its posted form, without writing.
 * Returns the postings and the commodity kinds first used by it.
 */
export const prepare = (
  declarations: Declarations,
  store: Store,
  input: TransactionInput,
  index: number,
): E.Either<
  PostingError,
  {
    readonly transaction: Transaction
    readonly newKinds: ReadonlyMap<Commodity.CommoditySymbol, Commodity.CommodityKind>
  }
> => {
  const span = spanOf(input)
  const inputs = input.postings
  if (inputs.length > postingsPerTransactionMax) {
    return E.left({ _tag: 'TooManyPostings', span, count: inputs.length, countMax: postingsPerTransactionMax })
  }
  // 1. At most one elided amount among the real postings, and one among the balanced virtual
  //    ones (hledger balances each group on its own; `(a)` postings are in neither).
  const groupOf = (posting: Posting.PostingInput): number =>
    posting.virtual === undefined ? 0 : posting.virtual === 'balanced' ? 1 : -1
  const elidedIndexes = [-1, -1]
  let elidedSpans: SourceSpan.SourceSpan[] | undefined
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    const group = groupOf(posting)
    if (group >= 0 && Posting.isElided(posting)) {
      const first = elidedIndexes[group] as number
      if (first < 0) elidedIndexes[group] = position
      else {
        elidedSpans ??= [inputs[first]?.span ?? span]
        elidedSpans.push(posting.span ?? span)
      }
    }
  }
  if (elidedSpans !== undefined) return E.left({ _tag: 'MultipleElidedAmounts', span, elided: elidedSpans })

  // 2. Commodity kinds: money amounts must be money commodities, goods quantities goods.
  const newKinds = new Map<Commodity.CommoditySymbol, Commodity.CommodityKind>()
  const checkKind = (
    symbol: Commodity.CommoditySymbol,
    used: Commodity.CommodityKind,
    at: SourceSpan.SourceSpan,
  ): PostingError | undefined => {
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
  const residuals = [
    new Map<Commodity.CommoditySymbol, Quantity.Quantity>(),
    new Map<Commodity.CommoditySymbol, Quantity.Quantity>(),
  ]
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
        if (!newKinds.has(amount.commodity) && kindOf(declarations, store, newKinds, amount.commodity) === undefined)
          newKinds.set(amount.commodity, 'money')
      }
    }
    moneyOf[position] = money
    origins[position] = origin
    if (money !== undefined) {
      const residual = residuals[groupOf(posting)]
      const weight = posting.cost ?? money
      if (residual !== undefined) Amount.accumulate(residual, weight.commodity, weight.quantity)
      overlay?.add(posting.account, 'money', money)
    }
    if (posting.goods !== undefined) overlay?.add(posting.account, 'goods', posting.goods)
  }
  const nonZeros = residuals.map((residual) => Amount.entries(residual))
  for (let group = 0; group < 2; group++) {
    const nonZero = nonZeros[group] as ReadonlyArray<Amount.Amount>
    if ((elidedIndexes[group] as number) >= 0 || nonZero.length === 0) continue
    if (isImplicitConversion(inputs, nonZero, (posting) => groupOf(posting) === group)) {
      nonZeros[group] = []
      continue
    }
    return E.left({ _tag: 'UnbalancedTransaction', span, residual: nonZero })
  }

  // 4. Build the posted postings; the elided one takes the negated residual, one posting per commodity.
  const transactionEstimated = input.estimated === true
  const anyEstimated = transactionEstimated || inputs.some((posting) => posting.estimated === true)
  const postings: Posting.Posting[] = []
  const build = (
    posting: Posting.PostingInput,
    money: Amount.Amount | undefined,
    origin: Posting.Posting['origin'],
  ): Posting.Posting =>
    makePosting(
      posting,
      entityOf(declarations, posting.account),
      money,
      transactionEstimated || posting.estimated === true || (origin === 'elided' && anyEstimated),
      origin,
    )
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    const group = groupOf(posting)
    if (group >= 0 && position === elidedIndexes[group]) {
      const nonZero = nonZeros[group] as ReadonlyArray<Amount.Amount>
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
      const symbols = new Set<Commodity.CommoditySymbol>(
        runningBalances(store, posting.account, book, assertion.inclusive).keys(),
      )
      for (const symbol of seen.commodities(posting.account, book, assertion.inclusive)) symbols.add(symbol)
      for (const symbol of [...symbols].sort()) {
        if (symbol === assertion.amount.commodity) continue
        const other = Quantity.add(
          runningQuantity(store, posting.account, book, assertion.inclusive, symbol),
          seen.get(posting.account, book, assertion.inclusive, symbol),
        )
        if (!Quantity.isZero(other)) {
          return E.left({
            _tag: 'BalanceAssertionOtherCommodity',
            span: at,
            account: posting.account,
            commodity: assertion.amount.commodity,
            other: Amount.make(other, symbol),
          })
        }
      }
    }
  }

  return E.right({ transaction: makeTransaction(input, index, postings, anyEstimated, span), newKinds })
}

/**
 * hledger's implicit conversion: a group of postings without costs whose amounts are in exactly
 * two commodities, summing to opposite signs, balances (one commodity was exchanged for the other).
 */
const isImplicitConversion = (
  inputs: ReadonlyArray<Posting.PostingInput>,
  nonZero: ReadonlyArray<Amount.Amount>,
  inGroup: (posting: Posting.PostingInput) => boolean,
): boolean => {
  if (nonZero.length !== 2) return false
  const [first, second] = nonZero as readonly [Amount.Amount, Amount.Amount]
  if (Quantity.sign(first.quantity) === Quantity.sign(second.quantity)) return false
  for (const posting of inputs) {
    if (!inGroup(posting) || posting.money === undefined) continue
    if (posting.cost !== undefined) return false
    if (posting.money.commodity !== first.commodity && posting.money.commodity !== second.commodity) return false
  }
  return true
}

/**
 * A posted posting. The common one (no entity, goods, assertion or comment) is built without spreading, with the same
 * fields in the same order.
 */
export const makePosting = (
  posting: Posting.PostingInput,
  entity: EntityName | undefined,
  money: Amount.Amount | undefined,
  estimated: boolean,
  origin: Posting.Posting['origin'],
): Posting.Posting => {
  const { account, span } = posting
  if (
    entity === undefined &&
    posting.goods === undefined &&
    posting.assertion === undefined &&
    posting.comment === undefined &&
    posting.virtual === undefined &&
    posting.cost === undefined &&
    span !== undefined
  ) {
    const status = posting.status ?? 'unmarked'
    const citations = posting.citations ?? Posting.emptyCitations
    const tags = posting.tags ?? Posting.emptyTags
    return money !== undefined
      ? { account, money, estimated, origin, status, citations, tags, span }
      : { account, estimated, origin, status, citations, tags, span }
  }
  return {
    account,
    ...(entity !== undefined ? { entity } : {}),
    ...(money !== undefined ? { money } : {}),
    ...(posting.goods !== undefined ? { goods: posting.goods } : {}),
    estimated,
    origin,
    status: posting.status ?? 'unmarked',
    ...(posting.virtual !== undefined ? { virtual: posting.virtual } : {}),
    ...(posting.cost !== undefined ? { cost: posting.cost } : {}),
    ...(posting.assertion !== undefined ? { assertion: posting.assertion } : {}),
    citations: posting.citations ?? Posting.emptyCitations,
    tags: posting.tags ?? Posting.emptyTags,
    ...(posting.comment !== undefined ? { comment: posting.comment } : {}),
    ...(span !== undefined ? { span } : {}),
  }
}

/**
 * A posted transaction. The common one (no second date, code, comment or origin) is built without spreading, fields in
 * the same order.
 */
export const makeTransaction = (
  input: TransactionInput,
  index: number,
  postings: ReadonlyArray<Posting.Posting>,
  estimated: boolean,
  span: SourceSpan.SourceSpan,
): Transaction => {
  const status = input.status ?? 'unmarked'
  const tags = input.tags ?? Posting.emptyTags
  const citations = input.citations ?? Posting.emptyCitations
  const { date, description } = input
  if (
    input.date2 === undefined &&
    input.code === undefined &&
    input.comment === undefined &&
    input.origin === undefined
  ) {
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
export const prepareSimple = (
  declarations: Declarations,
  store: Store,
  input: TransactionInput,
  index: number,
): Transaction | undefined => {
  const shape = simpleShape(declarations, store, input)
  if (shape === undefined) return undefined
  const { commodity, total, elidedIndex, anyEstimated } = shape
  const inputs = input.postings
  const count = inputs.length
  const balanced = Quantity.isZero(total)
  const transactionEstimated = input.estimated === true
  const span = spanOf(input)
  const postings: Posting.Posting[] = new Array(count)
  for (let position = 0; position < count; position++) {
    const posting = inputs[position] as Posting.PostingInput
    const entity = entityOf(declarations, posting.account)
    if (position === elidedIndex) {
      const money = balanced ? undefined : Amount.make(Quantity.negate(total), commodity)
      postings[position] = makePosting(
        posting,
        entity,
        money,
        transactionEstimated || posting.estimated === true || anyEstimated,
        'elided',
      )
    } else
      postings[position] = makePosting(
        posting,
        entity,
        posting.money,
        transactionEstimated || posting.estimated === true,
        'written',
      )
  }
  return makeTransaction(input, index, postings, anyEstimated, span)
}

/** What `prepareSimple` needs to know of a common transaction; undefined when it is not one (or is not valid). */
const simpleShape = (
  declarations: Declarations,
  store: Store,
  input: TransactionInput,
):
  | {
      readonly commodity: Commodity.CommoditySymbol
      readonly total: Quantity.Quantity
      readonly elidedIndex: number
      readonly anyEstimated: boolean
    }
  | undefined => {
  const inputs = input.postings
  const count = inputs.length
  if (count === 0 || count > postingsPerTransactionMax) return undefined
  let elidedIndex = -1
  let commodity: Commodity.CommoditySymbol | undefined
  let total = Quantity.zero
  let anyEstimated = input.estimated === true
  for (let position = 0; position < count; position++) {
    const posting = inputs[position] as Posting.PostingInput
    if (
      posting.goods !== undefined ||
      posting.assertion !== undefined ||
      posting.virtual !== undefined ||
      posting.cost !== undefined
    )
      return undefined
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
  if (elidedIndex < 0 && !Quantity.isZero(total)) return undefined
  return { commodity, total, elidedIndex, anyEstimated }
}

/**
 * `commit(store, prepareSimple(...))` for a running-only store, without building the posted
 * transaction it would not keep: the same checks, the same balances. False (nothing written) when
 * the transaction is not the common one.
 */
export const commitSimpleRunning = (declarations: Declarations, store: Store, input: TransactionInput): boolean => {
  const shape = simpleShape(declarations, store, input)
  if (shape === undefined) return false
  const { commodity, total, elidedIndex } = shape
  const inputs = input.postings
  for (let position = 0; position < inputs.length; position++) {
    const posting = inputs[position] as Posting.PostingInput
    if (position === elidedIndex) {
      if (Quantity.isZero(total)) continue
      const quantity = Quantity.negate(total)
      applyQuantity(store, posting.account, 'money', commodity, quantity)
      Amount.accumulate(store.totals, commodity, quantity)
    } else {
      const money = posting.money as Amount.Amount
      applyQuantity(store, posting.account, 'money', commodity, money.quantity)
      Amount.accumulate(store.totals, commodity, money.quantity)
    }
  }
  if (!store.usedKinds.has(commodity)) store.usedKinds.set(commodity, 'money')
  store.count++
  store.postings += inputs.length
  return true
}

export const newAccountState = (): AccountState => ({
  own: { money: new Map(), goods: new Map() },
  subtree: { money: new Map(), goods: new Map() },
  parent: undefined,
})

export const touch = (store: Store, account: AccountName.AccountName): AccountState => {
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
export const apply = (store: Store, account: AccountName.AccountName, book: Book, amount: Amount.Amount): void =>
  applyQuantity(store, account, book, amount.commodity, amount.quantity)

const applyQuantity = (
  store: Store,
  account: AccountName.AccountName,
  book: Book,
  commodity: Commodity.CommoditySymbol,
  quantity: Quantity.Quantity,
): void => {
  const state = touch(store, account)
  Amount.accumulate(state.own[book], commodity, quantity)
  for (let cursor: AccountState | undefined = state; cursor !== undefined; cursor = cursor.parent) {
    Amount.accumulate(cursor.subtree[book], commodity, quantity)
  }
}

/** Whether a posted transaction balances only through costs, virtual postings or an implicit conversion. */
const isExchange = (transaction: Transaction): boolean => {
  let first: Commodity.CommoditySymbol | undefined
  let several = false
  for (const posting of transaction.postings) {
    if (posting.virtual !== undefined || posting.cost !== undefined) return true
    if (posting.money === undefined) continue
    if (first === undefined) first = posting.money.commodity
    else if (posting.money.commodity !== first) several = true
  }
  if (!several) return false
  const residual = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  for (const posting of transaction.postings)
    if (posting.money !== undefined) Amount.accumulate(residual, posting.money.commodity, posting.money.quantity)
  return Amount.entries(residual).length > 0
}

/** Writes a checked transaction into the store. O(postings × depth). */
export const commit = (store: Store, transaction: Transaction): void => {
  if (isExchange(transaction)) {
    store.counters.exchangedTransactions += 1
    for (const posting of transaction.postings)
      if (posting.money !== undefined)
        Amount.accumulate(store.exchanged, posting.money.commodity, posting.money.quantity)
  }
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
  if (store.keep) store.transactions.push(transaction)
  store.count++
  store.postings += transaction.postings.length
}
