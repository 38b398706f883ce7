/**
 * The physical book: goods quantities by entity, commodity and stage (via `stageOf`), the units
 * that reached a stage in a range, and FIFO ageing of the units still held in a stage.
 */
import {
  type AccountName,
  type Commodity,
  type Entity,
  Ledger,
  LocalDate,
  Period,
  Quantity,
  type Transaction,
} from '../core/index.js'
import { type Books, type Stage, stageOf } from '../domain/Books.js'
import { type DateRange, goodsPositions, inRange, type LedgerIndex, through } from './Flows.js'

/** One line of the physical book: the units of a commodity an entity holds in one stage account, exact. */
export interface StageRow {
  readonly entity: Entity.EntityName
  readonly commodity: Commodity.CommoditySymbol
  readonly stage: Stage
  readonly account: AccountName.AccountName
  readonly quantity: Quantity.Quantity
}

interface GoodsPosting {
  readonly entity: Entity.EntityName
  readonly stage: Stage
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  readonly quantity: Quantity.Quantity
  readonly estimated: boolean
}

/** The goods postings of a transaction with their entity and stage (postings outside any stage are left out). */
export const goodsPostings = (
  books: Books,
  transaction: Transaction.Transaction,
  memo: Map<AccountName.AccountName, Stage | undefined> = new Map(),
): ReadonlyArray<GoodsPosting> => {
  const result: GoodsPosting[] = []
  for (const posting of transaction.postings) {
    if (posting.goods === undefined) continue
    let stage = memo.get(posting.account)
    if (!memo.has(posting.account)) {
      stage = stageOf(books, posting.account)
      memo.set(posting.account, stage)
    }
    const entity = Ledger.entityOf(books.ledger.declarations, posting.account)
    if (stage === undefined || entity === undefined) continue
    result.push({
      entity,
      stage,
      account: posting.account,
      commodity: posting.goods.commodity,
      quantity: posting.goods.quantity,
      estimated: posting.estimated,
    })
  }
  return result
}

/** Orders values by the given text fields, the first that differs deciding (code-point order). */
const byFields =
  <T>(...fields: ReadonlyArray<keyof T>) =>
  (a: T, b: T): number => {
    for (const field of fields) {
      const left = a[field] as string
      const right = b[field] as string
      if (left !== right) return left < right ? -1 : 1
    }
    return 0
  }

const compareRows = byFields<StageRow>('entity', 'commodity', 'stage', 'account')

/** Non-zero goods balances per entity, commodity, stage and account at the end of `on` (all time if omitted). */
export const physicalBook = (
  books: Books,
  options: { readonly on?: LocalDate.LocalDate; readonly entity?: Entity.EntityName } = {},
): ReadonlyArray<StageRow> => {
  const range: DateRange = options.on === undefined ? {} : through(options.on)
  const memo = new Map<AccountName.AccountName, Stage | undefined>()
  const rows = new Map<
    string,
    {
      entity: Entity.EntityName
      commodity: Commodity.CommoditySymbol
      stage: Stage
      account: AccountName.AccountName
      quantity: Quantity.Quantity
    }
  >()
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (!inRange(range, transaction.date)) continue
    for (const posting of goodsPostings(books, transaction, memo)) {
      if (options.entity !== undefined && posting.entity !== options.entity) continue
      const key = `${posting.account}\u0000${posting.commodity}`
      const row = rows.get(key)
      if (row === undefined)
        rows.set(key, {
          entity: posting.entity,
          commodity: posting.commodity,
          stage: posting.stage,
          account: posting.account,
          quantity: posting.quantity,
        })
      else row.quantity = Quantity.add(row.quantity, posting.quantity)
    }
  }
  return [...rows.values()].filter((row) => !Quantity.isZero(row.quantity)).sort(compareRows)
}

/** Stages a unit passes through, in order; a move "forward" is one to a later stage. */
const stageOrder: Readonly<Record<Stage, number>> = {
  external: 0,
  materials: 1,
  wip: 2,
  rejected: 3,
  finished: 4,
  shipped: 5,
  provisionallyAccepted: 6,
  finallyAccepted: 7,
  scrapped: 8,
  consumed: 8,
  countDifference: -1,
}

/**
 * The exact units per commodity that reached a stage in a range, with the contributing transactions and which
 * commodities are estimated.
 */
export interface UnitsReached {
  readonly units: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /**
   * The commodities whose units are estimated: a posting of that commodity that counted is
   * approximate (a transaction marked `~` as a whole marks each of its postings). Other
   * commodities moved in the same range or transaction do not make them so.
   */
  readonly estimatedCommodities: ReadonlySet<Commodity.CommoditySymbol>
  /** Some of the units are estimated (of any commodity): for a caller that uses the result as a whole. */
  readonly estimated: boolean
}

/**
 * Units that entered `stage` in `entity`'s books within `range`, per commodity: the positive
 * goods postings into accounts of that stage, except returns from a later stage and count
 * adjustments. A one-legged aggregate posting (`kirov:assets:finished  [101 T28]`) counts.
 * Whether a commodity's units are estimated is per commodity (`estimatedCommodities`).
 */
export const unitsReaching = (
  books: Books,
  query: { readonly entity: Entity.EntityName; readonly stage: Stage; readonly range: DateRange },
  index?: LedgerIndex,
): UnitsReached => {
  if (index !== undefined && index.books === books) return reachingFromArrivals(index, query)
  const memo = new Map<AccountName.AccountName, Stage | undefined>()
  const units = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const transactions: Transaction.Transaction[] = []
  const estimatedCommodities = new Set<Commodity.CommoditySymbol>()
  // each account's stage and entity, found once
  const owners = new Map<AccountName.AccountName, Entity.EntityName | undefined>()
  const postings: StagedPosting[] = []
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (!inRange(query.range, transaction.date)) continue
    stagedPostings(books, transaction, query.entity, memo, owners, postings)
    let touched = false
    for (const posting of postings) {
      if (posting.stage !== query.stage || !arrives(postings, posting)) continue
      const previous = units.get(posting.commodity)
      units.set(posting.commodity, previous === undefined ? posting.quantity : Quantity.add(previous, posting.quantity))
      touched = true
      if (posting.estimated) estimatedCommodities.add(posting.commodity)
    }
    if (touched) transactions.push(transaction)
  }
  return { units, transactions, estimatedCommodities, estimated: estimatedCommodities.size > 0 }
}

/** A goods posting of one entity to an account with a stage. */
interface StagedPosting {
  readonly stage: Stage
  readonly commodity: Commodity.CommoditySymbol
  readonly quantity: Quantity.Quantity
  readonly estimated: boolean
}

/** Fills `out` with the goods postings of `entity` with a stage in `transaction` (as `goodsPostings` gives them). */
const stagedPostings = (
  books: Books,
  transaction: Transaction.Transaction,
  entity: Entity.EntityName,
  stages: Map<AccountName.AccountName, Stage | undefined>,
  owners: Map<AccountName.AccountName, Entity.EntityName | undefined>,
  out: StagedPosting[],
): void => {
  out.length = 0
  for (const posting of transaction.postings) {
    if (posting.goods === undefined) continue
    let stage = stages.get(posting.account)
    if (!stages.has(posting.account)) {
      stage = stageOf(books, posting.account)
      stages.set(posting.account, stage)
    }
    let owner = owners.get(posting.account)
    if (owner === undefined && !owners.has(posting.account)) {
      owner = Ledger.entityOf(books.ledger.declarations, posting.account)
      owners.set(posting.account, owner)
    }
    if (stage === undefined || owner === undefined || owner !== entity) continue
    out.push({
      stage,
      commodity: posting.goods.commodity,
      quantity: posting.goods.quantity,
      estimated: posting.estimated,
    })
  }
}

/**
 * True when `posting` (one of `postings`) brings units into its stage: positive, and not a return
 * from a later stage or a count adjustment (every source of its commodity one).
 */
const arrives = (postings: ReadonlyArray<StagedPosting>, posting: StagedPosting): boolean => {
  if (Quantity.sign(posting.quantity) <= 0) return false
  const target = stageOrder[posting.stage]
  let sources = 0
  let allReturns = true
  for (const other of postings) {
    if (other.commodity !== posting.commodity || Quantity.sign(other.quantity) >= 0) continue
    sources++
    if (!(other.stage === 'countDifference' || stageOrder[other.stage] > target)) allReturns = false
  }
  return !(sources > 0 && allReturns)
}

/** Per stage: the transactions (positions, ascending) that brought units into it, and the postings that did. */
type Arrivals = Map<Stage, { readonly positions: number[]; readonly postings: StagedPosting[][] }>

/** The arrivals of `entity`'s goods in every stage, found in one pass over its goods transactions (once per run). */
const arrivalsOf = (index: LedgerIndex, entity: Entity.EntityName): Arrivals =>
  index.memo(`arrivals\u0000${entity}`, () => {
    const { books } = index
    const stages = index.memo('stageOfAccount', () => new Map<AccountName.AccountName, Stage | undefined>())
    const owners = index.memo('ownerOfAccount', () => new Map<AccountName.AccountName, Entity.EntityName | undefined>())
    const arrivals: Arrivals = new Map()
    const postings: StagedPosting[] = []
    for (const position of goodsPositions(index, entity)) {
      stagedPostings(books, index.transactions[position] as Transaction.Transaction, entity, stages, owners, postings)
      for (const posting of postings) {
        if (!arrives(postings, posting)) continue
        let stage = arrivals.get(posting.stage)
        if (stage === undefined) {
          stage = { positions: [], postings: [] }
          arrivals.set(posting.stage, stage)
        }
        const last = stage.positions.length - 1
        if (stage.positions[last] === position) (stage.postings[last] as StagedPosting[]).push(posting)
        else {
          stage.positions.push(position)
          stage.postings.push([posting])
        }
      }
    }
    return arrivals
  })

/** The first element of `positions` (ascending, dates sorted) dated on or after `date`, by binary search. */
const firstOnOrAfter = (index: LedgerIndex, positions: ReadonlyArray<number>, date: LocalDate.LocalDate): number => {
  let low = 0
  let high = positions.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((index.transactions[positions[middle] as number] as Transaction.Transaction).date < date) low = middle + 1
    else high = middle
  }
  return low
}

/** `unitsReaching` read off the entity's arrivals: only the transactions that brought units into the stage. */
const reachingFromArrivals = (
  index: LedgerIndex,
  query: { readonly entity: Entity.EntityName; readonly stage: Stage; readonly range: DateRange },
): UnitsReached => {
  const units = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const transactions: Transaction.Transaction[] = []
  const estimatedCommodities = new Set<Commodity.CommoditySymbol>()
  const arrivals = arrivalsOf(index, query.entity).get(query.stage)
  if (arrivals !== undefined) {
    const { begin, end } = query.range
    // with dates in posting order, the range's elements are found by binary search; else every one is tested
    const from = index.sorted && begin !== undefined ? firstOnOrAfter(index, arrivals.positions, begin) : 0
    const to =
      index.sorted && end !== undefined ? firstOnOrAfter(index, arrivals.positions, end) : arrivals.positions.length
    for (let at = from; at < to; at++) {
      const transaction = index.transactions[arrivals.positions[at] as number] as Transaction.Transaction
      if (!inRange(query.range, transaction.date)) continue
      for (const posting of arrivals.postings[at] as StagedPosting[]) {
        const previous = units.get(posting.commodity)
        units.set(
          posting.commodity,
          previous === undefined ? posting.quantity : Quantity.add(previous, posting.quantity),
        )
        if (posting.estimated) estimatedCommodities.add(posting.commodity)
      }
      transactions.push(transaction)
    }
  }
  return { units, transactions, estimatedCommodities, estimated: estimatedCommodities.size > 0 }
}

/**
 * Of `transactions` (those that brought units into finished goods), the units per commodity that
 * are an opening stock brought forward, not output: in a transaction dated on `periodStart` or
 * tagged `opening`, units entering finished goods of `entity` from outside the books (the goods
 * origin) alone.
 */
export const unitsBroughtForward = (
  books: Books,
  entity: Entity.EntityName,
  transactions: ReadonlyArray<Transaction.Transaction>,
  periodStart: LocalDate.LocalDate,
): ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity> => {
  const units = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const memo = new Map<AccountName.AccountName, Stage | undefined>()
  for (const transaction of transactions) {
    if (transaction.date !== periodStart && !transaction.tags.some((tag) => tag.name === 'opening')) continue
    const postings = goodsPostings(books, transaction, memo).filter((posting) => posting.entity === entity)
    for (const posting of postings) {
      if (posting.stage !== 'finished' || Quantity.sign(posting.quantity) <= 0) continue
      const sources = postings.filter(
        (other) => other.commodity === posting.commodity && Quantity.sign(other.quantity) < 0,
      )
      if (sources.length === 0 || !sources.every((other) => other.stage === 'external')) continue
      units.set(posting.commodity, Quantity.add(units.get(posting.commodity) ?? Quantity.zero, posting.quantity))
    }
  }
  return units
}

/** One FIFO layer of units still held in a stage on a date. */
export interface AgedUnits {
  readonly entity: Entity.EntityName
  readonly account: AccountName.AccountName
  readonly commodity: Commodity.CommoditySymbol
  /** The date the units entered the account. */
  readonly since: LocalDate.LocalDate
  readonly units: Quantity.Quantity
  readonly ageDays: number
  readonly transaction: Transaction.Transaction
}

/** Units held in accounts of `stage` at the end of `on`, by the date they entered (first in, first out). */
export const stageAgeing = (
  books: Books,
  query: { readonly stage: Stage; readonly on: LocalDate.LocalDate; readonly entity?: Entity.EntityName },
  index?: LedgerIndex,
): ReadonlyArray<AgedUnits> => {
  if (index === undefined || index.books !== books)
    return ageStages(books, [query.stage], query.on, query.entity, new Map()).get(query.stage) ?? []
  const all = stagesAgeing(books, [query.stage], query.on, index).get(query.stage) ?? []
  return query.entity === undefined ? all : all.filter((layer) => layer.entity === query.entity)
}

/**
 * `stageAgeing` of every entity for each of `stages` on `on`, with the run's `index`: each stage
 * and date aged once for the whole run, the stages not aged yet in one pass over the ledger.
 */
export const stagesAgeing = (
  books: Books,
  stages: ReadonlyArray<Stage>,
  on: LocalDate.LocalDate,
  index: LedgerIndex,
): ReadonlyMap<Stage, ReadonlyArray<AgedUnits>> => {
  const done = index.memo('stageAgeing', () => new Map<string, ReadonlyArray<AgedUnits>>())
  const key = (stage: Stage): string => `${stage}\u0000${on}`
  const missing = [...new Set(stages)].filter((stage) => !done.has(key(stage)))
  if (missing.length > 0) {
    const stageMemo = index.memo('stageOfAccount', () => new Map<AccountName.AccountName, Stage | undefined>())
    const aged = ageStages(books, missing, on, undefined, stageMemo)
    for (const stage of missing) done.set(key(stage), aged.get(stage) ?? [])
  }
  const result = new Map<Stage, ReadonlyArray<AgedUnits>>()
  for (const stage of stages) result.set(stage, done.get(key(stage)) ?? [])
  return result
}

/** FIFO layers still held on `on` in accounts of each of `stages` (of `entity` when given), in one pass. */
const ageStages = (
  books: Books,
  stages: ReadonlyArray<Stage>,
  on: LocalDate.LocalDate,
  entity: Entity.EntityName | undefined,
  memo: Map<AccountName.AccountName, Stage | undefined>,
): ReadonlyMap<Stage, AgedUnits[]> => {
  type Layer = {
    since: LocalDate.LocalDate
    units: Quantity.Quantity
    transaction: Transaction.Transaction
    entity: Entity.EntityName
    account: AccountName.AccountName
    commodity: Commodity.CommoditySymbol
  }
  // per stage asked for: the queues by account and commodity, in the order a scan meets them
  const layersByStage = new Map<Stage, Map<string, Layer[]>>()
  for (const stage of stages) layersByStage.set(stage, new Map())
  const range = through(on)
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (!inRange(range, transaction.date)) continue
    for (const posting of transaction.postings) {
      if (posting.goods === undefined) continue
      let stage = memo.get(posting.account)
      if (!memo.has(posting.account)) {
        stage = stageOf(books, posting.account)
        memo.set(posting.account, stage)
      }
      if (stage === undefined) continue
      const layers = layersByStage.get(stage)
      if (layers === undefined) continue
      const owner = Ledger.entityOf(books.ledger.declarations, posting.account)
      if (owner === undefined || (entity !== undefined && owner !== entity)) continue
      const commodity = posting.goods.commodity
      const quantity = posting.goods.quantity
      const key = `${posting.account}\u0000${commodity}`
      let queue = layers.get(key)
      if (queue === undefined) {
        queue = []
        layers.set(key, queue)
      }
      if (Quantity.sign(quantity) > 0) {
        queue.push({
          since: transaction.date,
          units: quantity,
          transaction,
          entity: owner,
          account: posting.account,
          commodity,
        })
        continue
      }
      let remaining = Quantity.negate(quantity)
      while (Quantity.sign(remaining) > 0 && queue.length > 0) {
        const head = queue[0] as Layer
        if (Quantity.compare(head.units, remaining) <= 0) {
          remaining = Quantity.subtract(remaining, head.units)
          queue.shift()
        } else {
          head.units = Quantity.subtract(head.units, remaining)
          remaining = Quantity.zero
        }
      }
    }
  }
  const byStage = new Map<Stage, AgedUnits[]>()
  for (const [stage, layers] of layersByStage) {
    const result: AgedUnits[] = []
    for (const queue of layers.values()) {
      for (const layer of queue) {
        if (Quantity.sign(layer.units) <= 0) continue
        result.push({ ...layer, ageDays: LocalDate.daysBetween(layer.since, on) })
      }
    }
    byStage.set(stage, result.sort(compareLayers))
  }
  return byStage
}

const compareLayers = byFields<AgedUnits>('since', 'account', 'commodity')

/**
 * `unitsReaching` for a reconcile run: with the run's `index`, a range is cut at quarter starts and
 * each whole quarter is measured once per entity and stage for the whole run, then the pieces are
 * joined in date order (units summed, first-seen order of commodities and posting order of the
 * transactions kept), so measuring many overlapping periods reads each transaction a few times,
 * not once per period. Without an index (or with an open range) it is `unitsReaching`.
 */
export const unitsReachingIndexed = (
  books: Books,
  query: { readonly entity: Entity.EntityName; readonly stage: Stage; readonly range: DateRange },
  index?: LedgerIndex,
): UnitsReached => {
  const { begin, end } = query.range
  if (
    index === undefined ||
    index.books !== books ||
    !index.sorted ||
    begin === undefined ||
    end === undefined ||
    begin >= end
  )
    return unitsReaching(books, query, index)
  const parts: UnitsReached[] = []
  let from = begin
  while (from < end) {
    // The last quarter of the calendar (9999-Q4) has no end inside it: the rest of the range is one part.
    const quarter = Period.within('quarter', from)
    const to = quarter !== undefined && quarter.endExclusive < end ? quarter.endExclusive : end
    const whole = quarter !== undefined && from === quarter.start && to === quarter.endExclusive
    const range = { begin: from, end: to }
    parts.push(
      whole
        ? index.memo(`unitsReaching\u0000${query.entity}\u0000${query.stage}\u0000${from}`, () =>
            unitsReaching(books, { ...query, range }, index),
          )
        : unitsReaching(books, { ...query, range }, index),
    )
    from = to
  }
  if (parts.length === 1) return parts[0] as UnitsReached
  const units = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const estimatedCommodities = new Set<Commodity.CommoditySymbol>()
  const transactions: Transaction.Transaction[] = []
  for (const part of parts) {
    for (const [commodity, quantity] of part.units) {
      const previous = units.get(commodity)
      units.set(commodity, previous === undefined ? quantity : Quantity.add(previous, quantity))
    }
    for (const commodity of part.estimatedCommodities) estimatedCommodities.add(commodity)
    for (const transaction of part.transactions) transactions.push(transaction)
  }
  return { units, transactions, estimatedCommodities, estimated: parts.some((part) => part.estimated) }
}
