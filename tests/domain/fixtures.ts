/** Shared fixtures for the domain tests: five entities, helpers to apply operations and show postings. */
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { Commodity, Entity, LocalDate, Quantity, SourceSpan, type Transaction } from '../../src/core/index.js'
import { type ApplyContext, apply, type Expansion, expand } from '../../src/domain/Apply.js'
import * as Books from '../../src/domain/Books.js'
import type { DomainError } from '../../src/domain/DomainError.js'
import type { Operation } from '../../src/domain/Operation.js'

// Quantities are equal when numerically equal (1.5 = 1.50), whatever their representation.
expect.addEqualityTesters([
  (a: unknown, b: unknown) => (Quantity.isQuantity(a) && Quantity.isQuantity(b) ? Quantity.equals(a, b) : undefined),
])

export const q = Quantity.unsafeFromString
export const d = LocalDate.unsafeFromString
export const id = Books.unsafeDocumentId
export const label = Books.unsafeLabel
export const sym = Commodity.unsafeSymbol
export const ent = Entity.unsafeName

export const kirov = ent('kirov')
export const abtu = ent('abtu')
export const gosbank = ent('gosbank')
export const sberkassa = ent('sberkassa')
export const procurer = ent('procurer')
export const T28 = sym('T28')
export const STEEL = sym('steel')

export const goods = (quantity: string, commodity = T28) => ({ commodity, quantity: q(quantity) })

export const context: ApplyContext = {
  span: SourceSpan.make('test.journal', 1, 1),
  citations: [{ text: 'TsGIA SPb. F.P-960, Op.7, D.2, 37' }],
}

export const emptyBooks = (options: Books.BooksOptions = {}): Books.Books => {
  const result = Books.empty(
    [
      { name: kirov, sector: 'state', citations: [] },
      { name: abtu, sector: 'military', citations: [] },
      { name: gosbank, sector: 'bank', citations: [] },
      { name: sberkassa, sector: 'bank', citations: [] },
      { name: procurer, sector: 'person', citations: [] },
    ],
    options,
  )
  if (E.isLeft(result)) throw new Error('fixture')
  return result.right
}

/** Applies operations, throwing (test failure) on the first error. */
export const run = (books: Books.Books, ...operations: ReadonlyArray<Operation>): Books.Books =>
  operations.reduce((current, operation, index) => {
    const next = apply(operation, context)(current)
    if (E.isLeft(next)) throw new Error(`operation ${index} (${operation._tag}) failed: ${JSON.stringify(next.left)}`)
    return next.right
  }, books)

export const expansion = (books: Books.Books, operation: Operation): Expansion => {
  const result = expand(operation, context)(books)
  if (E.isLeft(result)) throw new Error(`${operation._tag} failed: ${JSON.stringify(result.left)}`)
  return result.right
}

/** The error of an operation that must fail. */
export const failure = (books: Books.Books, operation: Operation): DomainError['_tag'] | string => {
  const result = apply(operation, context)(books)
  if (E.isRight(result)) throw new Error(`${operation._tag} unexpectedly succeeded`)
  return result.left._tag
}

export const errorOf = (books: Books.Books, operation: Operation) => {
  const result = apply(operation, context)(books)
  if (E.isRight(result)) throw new Error(`${operation._tag} unexpectedly succeeded`)
  return result.left
}

/** Postings as `account money [goods] <counterparty`, for exact comparisons. */
export const lines = (transaction: Transaction.TransactionInput | undefined): ReadonlyArray<string> =>
  (transaction?.postings ?? []).map((posting) => {
    const parts: string[] = [posting.account]
    if (posting.money !== undefined) parts.push(Quantity.toString(posting.money.quantity))
    if (posting.goods !== undefined)
      parts.push(`[${Quantity.toString(posting.goods.quantity)} ${posting.goods.commodity}]`)
    const counterparty = posting.tags?.find((tag) => tag.name === 'counterparty')
    if (counterparty !== undefined) parts.push(`<${counterparty.value}`)
    return parts.join(' ')
  })

/** Books with 10 T28 in finished goods of lot L1 (launched, completed), 100 t steel in stock, and contract C1. */
export const producing = (): Books.Books =>
  run(
    emptyBooks(),
    {
      _tag: 'ReceiveMaterials',
      date: d('1936-01-05'),
      entity: kirov,
      goods: goods('100', STEEL),
      cost: q('500000.00'),
    },
    {
      _tag: 'SignContract',
      date: d('1936-01-06'),
      id: id('C1'),
      seller: kirov,
      buyer: abtu,
      unitPrice: q('380000.00'),
      plannedCost: q('300000.00'),
      description: 'T-28, 1936 order',
      commodity: T28,
    },
    { _tag: 'LaunchWip', date: d('1936-01-10'), entity: kirov, goods: goods('12'), lot: id('L1'), contract: id('C1') },
    {
      _tag: 'IssueMaterials',
      date: d('1936-01-11'),
      entity: kirov,
      goods: goods('60', STEEL),
      cost: q('300000.00'),
      lot: id('L1'),
    },
    {
      _tag: 'CompleteWip',
      date: d('1936-05-30'),
      entity: kirov,
      goods: goods('10'),
      cost: q('3000000.00'),
      lot: id('L1'),
    },
  )
