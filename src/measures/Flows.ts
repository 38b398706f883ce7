/**
 * Balances and flows of the money book by account role, entity and date range.
 *
 * Every account of an entity plays at most one role (`roleOf`: the longest role account that
 * contains it), so `wip` does not include `rejected` (`assets:wip:rejected`) and `wages` does not
 * include `bonus` (`expenses:wages:bonus`): ask for both roles when both are meant.
 *
 * These queries read the core ledger only, so they work the same on books built by domain
 * operations and on aggregate books where a historian posted one plain transaction per figure
 * ("payroll 1936: 117,000,000 RUB" to the `wages` account). Each is one pass over the
 * transactions, O(N); given a `LedgerIndex` of the same books (one per reconcile run), a flow
 * reads only the transactions of its roles within its range, and a balance reads running sums.
 */
import {
  type AccountName,
  type Amount,
  type Entity,
  Ledger,
  LocalDate,
  Quantity,
  type Transaction,
} from '../core/index.js'
import { type Books, type Role, roleOf } from '../domain/Books.js'

/** A half-open date range `[begin, end)`; a missing bound is open. */
export interface DateRange {
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
}

/** The range of everything up to and including `on`. */
export const through = (on: LocalDate.LocalDate): DateRange => ({ end: dayAfter(on) })

/** The day after `on` (dates near year 9999 saturate at `on`). */
export const dayAfter = (on: LocalDate.LocalDate): LocalDate.LocalDate => {
  const next = LocalDate.addDays(1)(on)
  return next._tag === 'Right' ? next.right : on
}

/** The day before `on` (saturating at 0001-01-01). */
export const dayBefore = (on: LocalDate.LocalDate): LocalDate.LocalDate => {
  const previous = LocalDate.addDays(-1)(on)
  return previous._tag === 'Right' ? previous.right : on
}

/**
 * True when `date` falls within the half-open `range` (from `begin` inclusive to `end` exclusive; a missing bound is
 * open).
 */
export const inRange = (range: DateRange, date: LocalDate.LocalDate): boolean =>
  (range.begin === undefined || date >= range.begin) && (range.end === undefined || date < range.end)

/** Where an account sits in the chart: its entity and role, when it has them. */
export interface AccountPlace {
  readonly entity: Entity.EntityName
  readonly role: Role | undefined
}

/** A per-call memo of `roleOf` for the accounts of one books value (no state survives the call). */
export const placeResolver = (books: Books): ((account: AccountName.AccountName) => AccountPlace | undefined) => {
  const memo = new Map<AccountName.AccountName, AccountPlace | undefined>()
  return (account) => {
    const known = memo.get(account)
    if (known !== undefined || memo.has(account)) return known
    const entity = Ledger.entityOf(books.ledger.declarations, account)
    const place = entity === undefined ? undefined : { entity, role: roleOf(books.chart, entity, account) }
    memo.set(account, place)
    return place
  }
}

/** A sum of postings: money in the books' currency, goods per commodity, and the transactions that contributed. */
export interface Flow {
  /** Debit-positive sum of the money postings in `books.currency`. */
  readonly money: Quantity.Quantity
  /** Debit-positive sum of the goods postings, per commodity. */
  readonly goods: Amount.MixedAmount
  /** The contributing transactions, in posting order. */
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The accounts that contributed, sorted. */
  readonly accounts: ReadonlyArray<AccountName.AccountName>
  /** True when any contributing posting is approximate. */
  readonly estimated: boolean
  /**
   * When present, `latest(count, test)` equals `transactions.filter(test).slice(-count)` and `transactions` is strictly
   * ascending by index (read without listing them all).
   */
  readonly latest?: Latest
}

/** The last `count` transactions (in posting order) of a list strictly ascending by index that pass `test`. */
export type Latest = (
  count: number,
  test?: (transaction: Transaction.Transaction) => boolean,
) => ReadonlyArray<Transaction.Transaction>

/** A list of contributing transactions, with its `latest` reader when it has one. */
export interface TransactionSource {
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  readonly latest?: Latest
}

/**
 * The last `count` (passing `test`) of `source`'s transactions de-duplicated by index and sorted
 * by index: with its `latest` reader, read without listing them all.
 */
export const latestOf = (
  source: TransactionSource | ReadonlyArray<Transaction.Transaction>,
  count: number,
  test?: (transaction: Transaction.Transaction) => boolean,
): ReadonlyArray<Transaction.Transaction> => {
  if (!Array.isArray(source)) {
    const latest = (source as TransactionSource).latest
    if (latest !== undefined) return latest(count, test)
  }
  const list: ReadonlyArray<Transaction.Transaction> = Array.isArray(source)
    ? (source as ReadonlyArray<Transaction.Transaction>)
    : (source as TransactionSource).transactions
  if (ascendingByIndex(list)) {
    const found: Transaction.Transaction[] = []
    for (let at = list.length - 1; at >= 0 && found.length < count; at--) {
      const transaction = list[at] as Transaction.Transaction
      if (test === undefined || test(transaction)) found.push(transaction)
    }
    return found.reverse()
  }
  const byIndex = new Map<number, Transaction.Transaction>()
  for (const transaction of list) byIndex.set(transaction.index, transaction)
  const sorted = [...byIndex.values()].sort((a, b) => a.index - b.index)
  return (test === undefined ? sorted : sorted.filter(test)).slice(-count)
}

/** `latestOf` the union (de-duplicated by index, sorted by index) of `sources`. */
export const latestOfUnion = (
  sources: ReadonlyArray<TransactionSource | ReadonlyArray<Transaction.Transaction>>,
  count: number,
  test?: (transaction: Transaction.Transaction) => boolean,
): ReadonlyArray<Transaction.Transaction> => {
  const byIndex = new Map<number, Transaction.Transaction>()
  for (const source of sources)
    for (const transaction of latestOf(source, count, test))
      if (!byIndex.has(transaction.index)) byIndex.set(transaction.index, transaction)
  return [...byIndex.values()].sort((a, b) => a.index - b.index).slice(-count)
}

/**
 * What a flow sums: the postings of one entity to accounts playing one of the given roles within a date range,
 * optionally filtered per posting.
 */
export interface FlowQuery {
  readonly entity: Entity.EntityName
  readonly roles: ReadonlyArray<Role>
  readonly range: DateRange
  /** Only postings that pass this test (e.g. a tag filter). */
  readonly posting?: (
    posting: Transaction.Transaction['postings'][number],
    transaction: Transaction.Transaction,
  ) => boolean
}

/** Adds one transaction's postings to `query`'s roles into a flow under construction; true when any counted. */
interface FlowSum {
  money: Quantity.Quantity
  readonly goods: Map<Amount.Amount['commodity'], Quantity.Quantity>
  readonly transactions: Transaction.Transaction[]
  readonly accounts: Set<AccountName.AccountName>
  estimated: boolean
}

const addTransaction = (
  books: Books,
  query: FlowQuery,
  resolve: (account: AccountName.AccountName) => AccountPlace | undefined,
  sum: FlowSum,
  transaction: Transaction.Transaction,
): void => {
  let touched = false
  for (const posting of transaction.postings) {
    const place = resolve(posting.account)
    if (
      place === undefined ||
      place.entity !== query.entity ||
      place.role === undefined ||
      !query.roles.includes(place.role)
    )
      continue
    if (query.posting !== undefined && !query.posting(posting, transaction)) continue
    let counted = false
    if (posting.money !== undefined && posting.money.commodity === books.currency) {
      sum.money = Quantity.add(sum.money, posting.money.quantity)
      counted = true
    }
    if (posting.goods !== undefined) {
      const previous = sum.goods.get(posting.goods.commodity)
      sum.goods.set(
        posting.goods.commodity,
        previous === undefined ? posting.goods.quantity : Quantity.add(previous, posting.goods.quantity),
      )
      counted = true
    }
    if (!counted) continue
    touched = true
    sum.accounts.add(posting.account)
    if (posting.estimated) sum.estimated = true
  }
  if (touched) sum.transactions.push(transaction)
}

/** The postings to accounts of `entity` playing one of `roles`, within `range`. */
export const flow = (books: Books, query: FlowQuery, index?: LedgerIndex): Flow => {
  const indexed = index !== undefined && index.books === books ? index : undefined
  if (indexed !== undefined && query.posting === undefined && query.range.begin === undefined && indexed.sorted)
    return balanceFromSeries(indexed, query)
  const resolve = indexed !== undefined ? indexed.place : placeResolver(books)
  const sum: FlowSum = {
    money: Quantity.zero,
    goods: new Map(),
    transactions: [],
    accounts: new Set(),
    estimated: false,
  }
  if (indexed === undefined) {
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (!inRange(query.range, transaction.date)) continue
      addTransaction(books, query, resolve, sum, transaction)
    }
  } else {
    // Only the transactions with a counted posting to one of the roles (in posting order), within the range.
    const positions = mergePositions(query.roles.map((role) => seriesOf(indexed, query.entity, role).positions))
    const [from, to] = indexed.sorted ? bounds(indexed, positions, query.range) : [0, positions.length]
    for (let at = from; at < to; at++) {
      const transaction = indexed.transactions[positions[at] as number] as Transaction.Transaction
      if (!inRange(query.range, transaction.date)) continue
      addTransaction(books, query, resolve, sum, transaction)
    }
  }
  const result = {
    money: sum.money,
    goods: sum.goods,
    transactions: sum.transactions,
    accounts: [...sum.accounts].sort(),
    estimated: sum.estimated,
  }
  return indexed?.ordered ? { ...result, latest: (count, test) => latestOf(sum.transactions, count, test) } : result
}

/** The balance of `roles` in `entity`'s books at the end of `on` (debit-positive). */
export const balanceOn = (
  books: Books,
  entity: Entity.EntityName,
  roles: ReadonlyArray<Role>,
  on: LocalDate.LocalDate,
  index?: LedgerIndex,
): Flow => {
  if (index === undefined || index.books !== books) return flow(books, { entity, roles, range: through(on) })
  const key = `balanceOn\u0000${entity}\u0000${roles.join(',')}\u0000${on}`
  return index.memo(key, () => flow(books, { entity, roles, range: through(on) }, index))
}

// -------------------------------------------------------------------------------------
// the ledger index of one reconcile run
// -------------------------------------------------------------------------------------

/** The counted postings of one entity and role: the transactions (positions in posting order) and running sums. */
interface RoleSeries {
  readonly positions: number[]
  /** Money after each element (sum from the first). */
  readonly money: Quantity.Quantity[]
  /** First element with an estimated counted posting (MAX_SAFE_INTEGER when none). */
  estimatedFrom: number
  /** Each account, with the element of its first counted posting (in that order: elements ascending). */
  readonly accounts: Map<AccountName.AccountName, number>
  /**
   * Per commodity: the element and posting of its first goods posting, and the goods after each element from there on.
   */
  readonly goods: Map<
    Amount.Amount['commodity'],
    { readonly first: number; readonly posting: number; readonly after: Quantity.Quantity[] }
  >
}

/**
 * What the measures of one reconcile run share about one books value: where each account sits,
 * per entity and role the transactions that touch it with running sums, the transactions with
 * goods of each entity, and a memo of measure results. Built lazily, never changes the books,
 * and dies with the run (no global state). Measures given an index of other books ignore it.
 */
export interface LedgerIndex {
  readonly books: Books
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** True when the transactions' dates never decrease in posting order (ranges are then found by binary search). */
  readonly sorted: boolean
  /** True when every transaction's index is its position (lists in posting order are then ascending by index). */
  readonly ordered: boolean
  readonly place: (account: AccountName.AccountName) => AccountPlace | undefined
  /** The value memoized under `key` in this run, computed once. */
  memo<A>(key: string, compute: () => A): A
  /** @internal per `entity\u0000role`, built on first use */
  series: Map<string, RoleSeries> | undefined
  /** @internal positions of the transactions with a goods posting to an account of each entity */
  goodsPositions: Map<Entity.EntityName, number[]> | undefined
}

/** A fresh index over `books` (cheap: everything is built when first asked for). */
export const indexOf = (books: Books): LedgerIndex => {
  const transactions = Ledger.transactions(books.ledger)
  let sorted = true
  for (let at = 1; at < transactions.length && sorted; at++)
    sorted =
      (transactions[at - 1] as Transaction.Transaction).date <= (transactions[at] as Transaction.Transaction).date
  let ordered = true
  for (let at = 0; at < transactions.length && ordered; at++)
    ordered = (transactions[at] as Transaction.Transaction).index === at
  const memo = new Map<string, unknown>()
  return {
    books,
    transactions,
    sorted,
    ordered,
    place: placeResolver(books),
    memo<A>(key: string, compute: () => A): A {
      if (memo.has(key)) return memo.get(key) as A
      const value = compute()
      memo.set(key, value)
      return value
    },
    series: undefined,
    goodsPositions: undefined,
  }
}

const emptySeries = (): RoleSeries => ({
  positions: [],
  money: [],
  estimatedFrom: Number.MAX_SAFE_INTEGER,
  accounts: new Map(),
  goods: new Map(),
})

/** Builds every entity's role series in one pass (on first use). */
const seriesOf = (index: LedgerIndex, entity: Entity.EntityName, role: Role): RoleSeries => {
  if (index.series === undefined) {
    const { books } = index
    const all = new Map<string, RoleSeries>()
    // each account's series (null: no role), found once: one lookup per posting
    const byAccount = new Map<AccountName.AccountName, RoleSeries | null>()
    const transactions = index.transactions
    for (let position = 0; position < transactions.length; position++) {
      const postings = (transactions[position] as Transaction.Transaction).postings
      for (let at = 0; at < postings.length; at++) {
        const posting = postings[at] as Transaction.Transaction['postings'][number]
        const money =
          posting.money !== undefined && posting.money.commodity === books.currency ? posting.money.quantity : undefined
        if (money === undefined && posting.goods === undefined) continue
        let series = byAccount.get(posting.account)
        if (series === null) continue
        let first = false
        if (series === undefined) {
          const place = index.place(posting.account)
          if (place === undefined || place.role === undefined) {
            byAccount.set(posting.account, null)
            continue
          }
          const key = `${place.entity}\u0000${place.role}`
          series = all.get(key)
          if (series === undefined) {
            series = emptySeries()
            all.set(key, series)
          }
          byAccount.set(posting.account, series)
          first = true
        }
        let element = series.positions.length - 1
        if (series.positions[element] !== position) {
          // a new element: running sums carried forward from the previous one
          series.positions.push(position)
          series.money.push(series.money[element] ?? Quantity.zero)
          if (series.goods.size > 0)
            for (const goods of series.goods.values())
              goods.after.push(goods.after[goods.after.length - 1] as Quantity.Quantity)
          element++
        }
        if (money !== undefined) series.money[element] = Quantity.add(series.money[element] as Quantity.Quantity, money)
        if (posting.goods !== undefined) {
          const goods = series.goods.get(posting.goods.commodity)
          if (goods === undefined)
            series.goods.set(posting.goods.commodity, { first: element, posting: at, after: [posting.goods.quantity] })
          else
            goods.after[goods.after.length - 1] = Quantity.add(
              goods.after[goods.after.length - 1] as Quantity.Quantity,
              posting.goods.quantity,
            )
        }
        // the account's first counted posting (an account belongs to one series)
        if (first) series.accounts.set(posting.account, element)
        if (posting.estimated && series.estimatedFrom > element) series.estimatedFrom = element
      }
    }
    index.series = all
  }
  return index.series.get(`${entity}\u0000${role}`) ?? emptySeries()
}

/** The positions (ascending) of the transactions with a goods posting to an account of `entity`. */
export const goodsPositions = (index: LedgerIndex, entity: Entity.EntityName): ReadonlyArray<number> => {
  if (index.goodsPositions === undefined) {
    const all = new Map<Entity.EntityName, number[]>()
    for (let position = 0; position < index.transactions.length; position++) {
      for (const posting of (index.transactions[position] as Transaction.Transaction).postings) {
        if (posting.goods === undefined) continue
        const owner = Ledger.entityOf(index.books.ledger.declarations, posting.account)
        if (owner === undefined) continue
        let list = all.get(owner)
        if (list === undefined) {
          list = []
          all.set(owner, list)
        }
        if (list[list.length - 1] !== position) list.push(position)
      }
    }
    index.goodsPositions = all
  }
  return index.goodsPositions.get(entity) ?? []
}

/**
 * The transactions within `range`, in posting order, among those at `positions` (all when
 * omitted): what a scan of the whole ledger filtered by date would visit, and nothing else
 * that could count.
 */
export const transactionsIn = (
  books: Books,
  range: DateRange,
  index?: LedgerIndex,
  positions?: ReadonlyArray<number>,
): ReadonlyArray<Transaction.Transaction> => {
  if (index === undefined || index.books !== books)
    return Ledger.transactions(books.ledger).filter((transaction) => inRange(range, transaction.date))
  const result: Transaction.Transaction[] = []
  if (positions === undefined) {
    // every transaction: the range found by binary search over the transactions themselves
    const all = index.transactions
    const [from, to] = index.sorted ? transactionBounds(all, range) : [0, all.length]
    for (let at = from; at < to; at++) {
      const transaction = all[at] as Transaction.Transaction
      if (inRange(range, transaction.date)) result.push(transaction)
    }
    return result
  }
  const [from, to] = index.sorted ? bounds(index, positions, range) : [0, positions.length]
  for (let at = from; at < to; at++) {
    const transaction = index.transactions[positions[at] as number] as Transaction.Transaction
    if (inRange(range, transaction.date)) result.push(transaction)
  }
  return result
}

/**
 * First transaction at or after `begin` and first at or after `end`, by binary search over dates (transactions sorted
 * by date).
 */
const transactionBounds = (
  transactions: ReadonlyArray<Transaction.Transaction>,
  range: DateRange,
): readonly [number, number] => {
  const firstFrom = (date: LocalDate.LocalDate | undefined, fallback: number): number => {
    if (date === undefined) return fallback
    let low = 0
    let high = transactions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((transactions[middle] as Transaction.Transaction).date < date) low = middle + 1
      else high = middle
    }
    return low
  }
  return [firstFrom(range.begin, 0), firstFrom(range.end, transactions.length)]
}

/** First element at or after `begin` and first element at or after `end`, by binary search over dates. */
const bounds = (index: LedgerIndex, positions: ReadonlyArray<number>, range: DateRange): readonly [number, number] => {
  const firstFrom = (date: LocalDate.LocalDate | undefined, fallback: number): number => {
    if (date === undefined) return fallback
    let low = 0
    let high = positions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((index.transactions[positions[middle] as number] as Transaction.Transaction).date < date) low = middle + 1
      else high = middle
    }
    return low
  }
  return [firstFrom(range.begin, 0), firstFrom(range.end, positions.length)]
}

/** Ascending union of ascending position lists. */
const mergePositions = (lists: ReadonlyArray<ReadonlyArray<number>>): ReadonlyArray<number> => {
  const nonEmpty = lists.filter((list) => list.length > 0)
  if (nonEmpty.length === 0) return []
  if (nonEmpty.length === 1) return nonEmpty[0] as ReadonlyArray<number>
  const result: number[] = []
  const cursors = nonEmpty.map(() => 0)
  for (;;) {
    let next = Number.POSITIVE_INFINITY
    for (let list = 0; list < nonEmpty.length; list++) {
      const value = (nonEmpty[list] as ReadonlyArray<number>)[cursors[list] as number]
      if (value !== undefined && value < next) next = value
    }
    if (next === Number.POSITIVE_INFINITY) return result
    result.push(next)
    for (let list = 0; list < nonEmpty.length; list++)
      if ((nonEmpty[list] as ReadonlyArray<number>)[cursors[list] as number] === next)
        cursors[list] = (cursors[list] as number) + 1
  }
}

/**
 * A flow from the start of the books to `query.range.end`, read off the running sums (dates sorted, no posting filter).
 */
const balanceFromSeries = (index: LedgerIndex, query: FlowQuery): Flow => {
  const roles = [...new Set(query.roles)]
  const parts = roles.map((role) => {
    const series = seriesOf(index, query.entity, role)
    const [, count] = bounds(index, series.positions, {
      ...(query.range.end !== undefined ? { end: query.range.end } : {}),
    })
    return { series, count }
  })
  let money = Quantity.zero
  const firsts: Array<{
    commodity: Amount.Amount['commodity']
    position: number
    posting: number
    quantity: Quantity.Quantity
  }> = []
  const accounts = new Set<AccountName.AccountName>()
  let estimated = false
  for (const { series, count } of parts) {
    if (count === 0) continue
    money = Quantity.add(money, series.money[count - 1] as Quantity.Quantity)
    if (series.estimatedFrom < count) estimated = true
    // accounts in the order of their first counted posting (elements ascending): stop at the cut
    for (const [account, element] of series.accounts) {
      if (element >= count) break
      accounts.add(account)
    }
    for (const [commodity, goods] of series.goods) {
      if (goods.first >= count) continue
      firsts.push({
        commodity,
        position: series.positions[goods.first] as number,
        posting: goods.posting,
        quantity: goods.after[count - 1 - goods.first] as Quantity.Quantity,
      })
    }
  }
  // goods in the order a scan meets each commodity first (posting order, then posting within the transaction)
  firsts.sort((a, b) => a.position - b.position || a.posting - b.posting)
  const goods = new Map<Amount.Amount['commodity'], Quantity.Quantity>()
  for (const item of firsts) {
    const previous = goods.get(item.commodity)
    goods.set(item.commodity, previous === undefined ? item.quantity : Quantity.add(previous, item.quantity))
  }
  // The contributing transactions are listed only when asked for (most balances are used for their sums).
  let transactions: ReadonlyArray<Transaction.Transaction> | undefined
  const list = (): ReadonlyArray<Transaction.Transaction> => {
    const positions = mergePositions(
      parts.map(({ series, count }) =>
        count === series.positions.length ? series.positions : series.positions.slice(0, count),
      ),
    )
    const result: Transaction.Transaction[] = new Array(positions.length)
    for (let at = 0; at < positions.length; at++)
      result[at] = index.transactions[positions[at] as number] as Transaction.Transaction
    return result
  }
  // The last transactions of the merged list, read backwards from each series' cut (no listing).
  const latest = (
    count: number,
    test?: (transaction: Transaction.Transaction) => boolean,
  ): ReadonlyArray<Transaction.Transaction> => {
    if (transactions !== undefined) return latestOf(transactions, count, test)
    const lists = parts.map(({ series }) => series.positions)
    const cursors = parts.map(({ count: cut }) => cut - 1)
    const found: Transaction.Transaction[] = []
    while (found.length < count) {
      let next = -1
      for (let at = 0; at < lists.length; at++) {
        const cursor = cursors[at] as number
        if (cursor >= 0) {
          const position = (lists[at] as number[])[cursor] as number
          if (position > next) next = position
        }
      }
      if (next < 0) break
      for (let at = 0; at < lists.length; at++) {
        const cursor = cursors[at] as number
        if (cursor >= 0 && (lists[at] as number[])[cursor] === next) cursors[at] = cursor - 1
      }
      const transaction = index.transactions[next] as Transaction.Transaction
      if (test === undefined || test(transaction)) found.push(transaction)
    }
    return found.reverse()
  }
  const result = {
    money,
    goods,
    get transactions(): ReadonlyArray<Transaction.Transaction> {
      transactions ??= list()
      return transactions
    },
    accounts: [...accounts].sort(),
    estimated,
    ...(index.ordered ? { latest } : {}),
  }
  return result
}

/** True when the indexes strictly increase (a list in posting order without repeats). */
export const ascendingByIndex = (transactions: ReadonlyArray<Transaction.Transaction>): boolean => {
  for (let at = 1; at < transactions.length; at++)
    if ((transactions[at - 1] as Transaction.Transaction).index >= (transactions[at] as Transaction.Transaction).index)
      return false
  return true
}

/** Ascending union by index of lists strictly ascending by index (merged in pairs: O(n log k)). */
export const mergeByIndex = (
  lists: ReadonlyArray<ReadonlyArray<Transaction.Transaction>>,
): ReadonlyArray<Transaction.Transaction> => {
  let round = lists.filter((list) => list.length > 0)
  if (round.length === 0) return []
  if (round.length === 1) return [...(round[0] as ReadonlyArray<Transaction.Transaction>)]
  while (round.length > 1) {
    const next: Array<ReadonlyArray<Transaction.Transaction>> = []
    for (let at = 0; at < round.length; at += 2)
      next.push(
        at + 1 < round.length
          ? mergeTwo(
              round[at] as ReadonlyArray<Transaction.Transaction>,
              round[at + 1] as ReadonlyArray<Transaction.Transaction>,
            )
          : (round[at] as ReadonlyArray<Transaction.Transaction>),
      )
    round = next
  }
  return round[0] as ReadonlyArray<Transaction.Transaction>
}

const mergeTwo = (
  left: ReadonlyArray<Transaction.Transaction>,
  right: ReadonlyArray<Transaction.Transaction>,
): ReadonlyArray<Transaction.Transaction> => {
  // one list a prefix of the other (balances of the same roles on two dates): the longer one is the union
  let same = 0
  const shorter = Math.min(left.length, right.length)
  while (same < shorter && left[same] === right[same]) same++
  if (same === shorter) return left.length >= right.length ? left : right
  const result: Transaction.Transaction[] = left.slice(0, same)
  let a = same
  let b = same
  while (a < left.length && b < right.length) {
    const x = left[a] as Transaction.Transaction
    const y = right[b] as Transaction.Transaction
    if (x.index < y.index) {
      result.push(x)
      a++
    } else if (y.index < x.index) {
      result.push(y)
      b++
    } else {
      result.push(x)
      a++
      b++
    }
  }
  while (a < left.length) result.push(left[a++] as Transaction.Transaction)
  while (b < right.length) result.push(right[b++] as Transaction.Transaction)
  return result
}

/** The entities declared in the books' ledger, sorted. */
export const entities = (books: Books): ReadonlyArray<Entity.EntityName> =>
  [...books.ledger.declarations.entities.keys()].sort()

/** Merges flows (transactions de-duplicated by index, kept in posting order). */
export const mergeFlows = (flows: ReadonlyArray<Flow>): Pick<Flow, 'transactions' | 'accounts' | 'estimated'> => {
  if (flows.every((item) => ascendingByIndex(item.transactions))) {
    // lists in posting order (as `flow` makes them): merged in one pass
    const accounts = new Set<AccountName.AccountName>()
    for (const item of flows) for (const account of item.accounts) accounts.add(account)
    return {
      transactions: mergeByIndex(flows.map((item) => item.transactions)),
      accounts: [...accounts].sort(),
      estimated: flows.some((item) => item.estimated),
    }
  }
  const byIndex = new Map<number, Transaction.Transaction>()
  const accounts = new Set<AccountName.AccountName>()
  let estimated = false
  for (const item of flows) {
    for (const transaction of item.transactions) byIndex.set(transaction.index, transaction)
    for (const account of item.accounts) accounts.add(account)
    if (item.estimated) estimated = true
  }
  return {
    transactions: [...byIndex.values()].sort((a, b) => a.index - b.index),
    accounts: [...accounts].sort(),
    estimated,
  }
}
