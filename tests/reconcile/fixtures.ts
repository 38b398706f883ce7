/**
 * Builders for reconciliation tests: books built with the domain layer's `apply` (operations)
 * and `postTransaction` (plain, aggregate transactions), each step given its own journal line so
 * that evidence can be checked. Quantities come from strings, never floats.
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  AccountName,
  Amount,
  Commodity,
  Entity,
  LocalDate,
  Period,
  Quantity,
  SourceSpan,
} from '../../src/core/index.js'
import type { PostingInput } from '../../src/core/Posting.js'
import * as Rate from '../../src/core/Rate.js'
import { apply } from '../../src/domain/Apply.js'
import { type Books, empty, postTransaction, unsafeDocumentId, unsafeLabel } from '../../src/domain/Books.js'
import type { Operation } from '../../src/domain/Operation.js'
import type { Expectation, ReportedFigure, RuleSetting, StatementValue } from '../../src/domain/Statements.js'
import type { ReconcileInput } from '../../src/reconcile/index.js'

export const q = Quantity.unsafeFromString
export const d = LocalDate.unsafeFromString
export const e = Entity.unsafeName
export const id = unsafeDocumentId
export const label = unsafeLabel
export const sym = Commodity.unsafeSymbol
export const RUB = sym('RUB')
export const T28 = sym('T28')
export const goods = (quantity: string, commodity = 'T28') => ({ commodity: sym(commodity), quantity: q(quantity) })
export const rub = (quantity: string): Amount.Amount => Amount.make(q(quantity), RUB)
export const period = (text: string): Period.Period => {
  const result = Period.fromString(text)
  if (E.isLeft(result)) throw new Error(`bad period ${text}`)
  return result.right
}

export const FILE = 'test.journal'

export const defaultEntities: ReadonlyArray<Entity.Entity> = [
  { name: e('kirov'), sector: 'state', citations: [] },
  { name: e('abtu'), sector: 'military', citations: [] },
  { name: e('gosbank'), sector: 'bank', citations: [] },
  { name: e('sberkassa'), sector: 'bank', citations: [] },
  { name: e('procurer'), sector: 'person', citations: [] },
]

/** A small imperative builder (tests only): each step is one journal line, in order. */
export class BooksBuilder {
  books: Books
  line = 0
  constructor(entities: ReadonlyArray<Entity.Entity> = defaultEntities) {
    const created = empty(entities)
    if (E.isLeft(created)) throw new Error(JSON.stringify(created.left))
    this.books = created.right
  }
  private span(): SourceSpan.SourceSpan {
    this.line += 1
    return SourceSpan.make(FILE, this.line, 1)
  }
  /** Applies an operation; throws with the domain error if it is rejected. */
  op(operation: Operation, options: { readonly estimated?: boolean; readonly citation?: string } = {}): this {
    const result = apply(operation, {
      span: this.span(),
      ...(options.estimated === true ? { estimated: true } : {}),
      ...(options.citation !== undefined ? { citations: [{ text: options.citation }] } : {}),
    })(this.books)
    if (E.isLeft(result)) throw new Error(`${operation._tag} rejected: ${JSON.stringify(result.left)}`)
    this.books = result.right
    return this
  }
  /** Posts a plain transaction: `[account, money?, goods?, tags?]` rows. */
  tx(
    date: string,
    description: string,
    rows: ReadonlyArray<{
      readonly account: string
      readonly money?: string
      readonly goods?: readonly [string, string]
      readonly tags?: Readonly<Record<string, string>>
    }>,
    options: { readonly estimated?: boolean; readonly citation?: string } = {},
  ): this {
    const postings: PostingInput[] = rows.map((row) => ({
      account: AccountName.unsafeFromString(row.account),
      ...(row.money !== undefined ? { money: rub(row.money) } : {}),
      ...(row.goods !== undefined ? { goods: Amount.make(q(row.goods[0]), sym(row.goods[1])) } : {}),
      ...(row.tags !== undefined ? { tags: Object.entries(row.tags).map(([name, value]) => ({ name, value })) } : {}),
    }))
    const result = postTransaction({
      date: d(date),
      description,
      postings,
      span: this.span(),
      ...(options.estimated === true ? { estimated: true } : {}),
      ...(options.citation !== undefined ? { citations: [{ text: options.citation }] } : {}),
    })(this.books)
    if (E.isLeft(result)) throw new Error(`transaction rejected: ${JSON.stringify(result.left)}`)
    this.books = result.right
    return this
  }
  setPlan(
    date: string,
    entity: string,
    item: Extract<Operation, { _tag: 'SetPlan' }>['item'],
    periodText: string,
    amount: string,
    units?: string,
    options: { readonly estimated?: boolean; readonly citation?: string } = {},
  ): this {
    return this.op(
      {
        _tag: 'SetPlan',
        date: d(date),
        entity: e(entity),
        item,
        period: period(periodText),
        amount: q(amount),
        ...(units !== undefined ? { units: q(units) } : {}),
      },
      options,
    )
  }
  nextSpan(): SourceSpan.SourceSpan {
    return this.span()
  }
}

export const reported = (
  builder: BooksBuilder,
  periodText: string,
  entity: string,
  metric: string,
  value: StatementValue,
  citation?: string,
): ReportedFigure => ({
  period: period(periodText),
  entity: e(entity),
  metric,
  value,
  estimated: 'estimated' in value ? value.estimated : false,
  citations: citation !== undefined ? [{ text: citation }] : [],
  span: builder.nextSpan(),
})

export const percent = (text: string, estimated = false): StatementValue => ({
  _tag: 'Percent',
  percent: Rate.unsafePercentPoints(text),
  estimated,
})
export const units = (text: string, commodity = 'T28'): StatementValue => ({
  _tag: 'Amount',
  amount: Amount.make(q(text), sym(commodity)),
  estimated: false,
})

export const input = (
  books: Books,
  asOf: string,
  extra: { readonly reported?: ReadonlyArray<ReportedFigure>; readonly settings?: ReadonlyArray<RuleSetting> } = {},
): ReconcileInput => ({
  books,
  reported: extra.reported ?? [],
  settings: extra.settings ?? [],
  asOf: d(asOf),
})

export const setting = (rule: string, name: string, value: StatementValue, date?: string): RuleSetting => ({
  ...(date !== undefined ? { date: d(date) } : {}),
  rule,
  name,
  value,
  span: SourceSpan.make('settings.journal', 1, 1),
})

export type { Expectation }

/** An honest sale: launch, complete, ship, present a demand naming the shipment, accept in full, pay. */
export const honestSale = (
  b: BooksBuilder,
  n: number,
  date: string,
  units: string,
  price: string,
  options: { readonly cost?: string } = {},
): BooksBuilder => {
  const amount = Quantity.toString(Quantity.multiply(q(units), q(price)))
  const cost = options.cost ?? '0'
  return b
    .op({ _tag: 'LaunchWip', date: d(date), entity: e('kirov'), goods: goods(units) })
    .op({ _tag: 'CompleteWip', date: d(date), entity: e('kirov'), goods: goods(units), cost: q(cost) })
    .op({
      _tag: 'Ship',
      date: d(date),
      id: id(`SH-${n}`),
      entity: e('kirov'),
      goods: goods(units),
      cost: q(cost),
      buyer: e('abtu'),
    })
    .op({
      _tag: 'PresentDemand',
      date: d(date),
      id: id(`PD-${n}`),
      seller: e('kirov'),
      buyer: e('abtu'),
      amount: q(amount),
      units: goods(units),
      unitPrice: q(price),
      shipments: [id(`SH-${n}`)],
    })
    .op({ _tag: 'AcceptDemand', date: d(date), demand: id(`PD-${n}`), acceptance: { _tag: 'Full' } })
    .op({ _tag: 'PayDemand', date: d(date), demand: id(`PD-${n}`), amount: q(amount) })
}

export const loanTerms = {
  rate: Rate.unsafeFraction('0.04'),
  termMonths: 12 as never,
  scheme: 'simple' as const,
  dayCount: 'actual/360' as const,
}
