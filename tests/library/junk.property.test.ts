/**
 * Junk at the public boundary: every entry point that takes data (values a JavaScript caller or
 * untyped JSON may get wrong) is fed arbitrary values (fast-check's `anything`: numbers, strings,
 * arrays, nested objects, null, undefined) and must return a value (an `Either`, mostly a Left
 * with a typed error), never throw. Then junk in one field of an otherwise well-formed value: a
 * JavaScript number where a quantity belongs must give the typed error naming that field.
 * The `unsafe*` constructors are the documented exceptions (they throw on a malformed literal).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AccountName,
  Amount,
  Apply,
  Books,
  Commodity,
  decodeDocument,
  Entity,
  importDocument,
  importJson,
  Ledger,
  LocalDate,
  loadText,
  memoryFileSystem,
  Operation,
  Param,
  Period,
  Quantity,
  Rate,
  Search,
  SourceSpan,
} from '../../src/index.js'

const junk = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true })
const rub = Commodity.unsafeSymbol('RUB')
const cash = AccountName.unsafeFromString('assets:cash')
const opening = AccountName.unsafeFromString('equity:opening')
const kirov = Entity.unsafeName('kirov')
const books = (() => {
  const made = Books.empty([{ name: kirov, citations: [] }])
  if (E.isLeft(made)) throw new Error('books')
  return made.right
})()
const context = { span: SourceSpan.synthetic('junk') }

/** Entry points taking one value; each must return, for any value, without throwing. */
const entryPoints: ReadonlyArray<readonly [string, (value: unknown) => unknown]> = [
  ['Ledger.post', (value) => Ledger.post(value as never)(Ledger.empty())],
  ['Ledger.postAll', (value) => Ledger.postAll([value as never])(Ledger.empty())],
  ['Ledger.declareCommodity', (value) => Ledger.declareCommodity(value as never)(Ledger.empty())],
  [
    'Ledger.declareCommodity span',
    (value) => Ledger.declareCommodity(Commodity.money(rub), value as never)(Ledger.empty()),
  ],
  ['Ledger.declareAccount', (value) => Ledger.declareAccount(value as never)(Ledger.empty())],
  ['Ledger.declareEntity', (value) => Ledger.declareEntity(value as never)(Ledger.empty())],
  ['Books.postTransaction', (value) => Books.postTransaction(value as never)(books)],
  ['Apply.apply', (value) => Apply.apply(value as never, context)(books)],
  [
    'Apply.apply context',
    (value) =>
      Apply.apply(
        {
          _tag: 'PayWages',
          date: LocalDate.unsafeFromString('1936-03-05'),
          entity: kirov,
          amount: Quantity.unsafeFromString('1.00'),
        },
        value as never,
      )(books),
  ],
  ['Apply.applyAll', (value) => Apply.applyAll(value as never)(books)],
  ['Apply.applyAll item', (value) => Apply.applyAll([value as never])(books)],
  ['Books.empty', (value) => Books.empty(value as never)],
  ['Books.empty options', (value) => Books.empty([], value as never)],
  ['Operation.decodeOperation', (value) => Operation.decodeOperation(value)],
  ['Quantity.fromString', (value) => Quantity.fromString(value as never)],
  ['Rate.fractionFromString', (value) => Rate.fractionFromString(value as never)],
  ['Rate.percentPointsFromString', (value) => Rate.percentPointsFromString(value as never)],
  ['LocalDate.fromString', (value) => LocalDate.fromString(value as never)],
  ['AccountName.fromString', (value) => AccountName.fromString(value as never)],
  ['Entity.nameFromString', (value) => Entity.nameFromString(value as never)],
  ['Commodity.symbolFromString', (value) => Commodity.symbolFromString(value as never)],
  ['Period.fromString', (value) => Period.fromString(value as never)],
  ['Search.parseSearch', (value) => Search.parseSearch(value as never)],
  ['loadText', (value) => loadText('junk.journal', value as never, { fileSystem: memoryFileSystem(new Map()) })],
  ['importDocument', (value) => importDocument(value)],
  ['decodeDocument', (value) => decodeDocument(value)],
  ['importJson', (value) => importJson(value as never)],
  ['Param.percent.decode', (value) => Param.percent.decode(value)],
]

const isEither = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  ((value as E.Either<unknown, unknown>)._tag === 'Left' || (value as E.Either<unknown, unknown>)._tag === 'Right')

describe('junk at the public boundary', () => {
  for (const [name, call] of entryPoints) {
    it(`${name} returns an Either for any value, never throws`, () => {
      fc.assert(
        fc.property(junk, (value) => {
          expect(isEither(call(value))).toBe(true)
        }),
        { numRuns: 200 },
      )
    })
  }
})

describe('a wrong kind in one field is a typed, located error', () => {
  const good = {
    date: LocalDate.unsafeFromString('1936-01-05'),
    description: 'Opening',
    postings: [
      { account: cash, money: Amount.make(Quantity.unsafeFromInteger(10), rub) },
      { account: opening, money: Amount.make(Quantity.unsafeFromInteger(-10), rub) },
    ],
  }

  it('Ledger.post accepts the well-formed input', () => {
    expect(E.isRight(Ledger.post(good)(Ledger.empty()))).toBe(true)
  })

  it('a JavaScript number where a quantity belongs: InvalidTransactionInput naming the path, the ledger unchanged', () => {
    const ledger = Ledger.empty()
    const bad = {
      ...good,
      postings: [good.postings[0], { account: opening, money: { quantity: -10, commodity: rub } }],
    }
    const result = Ledger.post(bad as never)(ledger)
    expect(result).toEqual(
      E.left({
        _tag: 'InvalidTransactionInput',
        span: SourceSpan.synthetic('api'),
        path: 'postings.1.money.quantity',
        expected: 'a Quantity (Quantity.fromString)',
        actual: 'a number',
      }),
    )
    expect(E.isLeft(result) && Ledger.renderPostingError(result.left)).toBe(
      'transaction input is not well-formed: postings.1.money.quantity should be a Quantity (Quantity.fromString), not a number',
    )
    expect(Ledger.transactions(ledger)).toHaveLength(0)
  })

  it('any junk in any one field of a posting is refused with that field’s path, or accepted when it is a valid value', () => {
    const fields = [
      'account',
      'money',
      'goods',
      'cost',
      'estimated',
      'status',
      'virtual',
      'tags',
      'citations',
      'span',
    ] as const
    fc.assert(
      fc.property(fc.constantFrom(...fields), junk, (field, value) => {
        const posting = { ...good.postings[0], [field]: value }
        const result = Ledger.post({ ...good, postings: [posting, good.postings[1]] } as never)(Ledger.empty())
        expect(isEither(result)).toBe(true)
        if (E.isLeft(result) && result.left._tag === 'InvalidTransactionInput')
          expect(result.left.path.startsWith(`postings.0.${field}`)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('declarations: a number for a symbol is InvalidDeclarationInput', () => {
    const result = Ledger.declareCommodity({ symbol: 5, kind: 'money', style: Commodity.defaultStyle } as never)(
      Ledger.empty(),
    )
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'InvalidDeclarationInput',
      declaration: 'commodity',
      path: 'symbol',
      actual: 'a number',
    })
    expect(E.isLeft(result) && Ledger.renderPostingError(result.left)).toBe(
      'commodity declaration is not well-formed: symbol should be a non-empty string, not a number',
    )
  })
})
