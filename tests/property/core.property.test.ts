/**
 * Laws of the core, checked with fast-check. Quantities are generated from bigints and digit
 * strings, never from floats.
 */
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as AccountName from '../../src/core/AccountName.js'
import * as Amount from '../../src/core/Amount.js'
import * as Ledger from '../../src/core/Ledger.js'
import type { PostingInput } from '../../src/core/Posting.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as Query from '../../src/core/Query.js'
import type { TransactionInput } from '../../src/core/Transaction.js'
import { account, amount, date } from '../core/fixtures.js'

const RUNS = 1_000

/** A decimal literal from a bigint of units and a scale: `fromUnits(-12345n, 2)` is "-123.45". */
const literal = (units: bigint, scale: number): string => {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const body = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  return negative ? `-${body}` : body
}

const bigDigits = (digits: number) => fc.bigInt({ min: -(10n ** BigInt(digits)) + 1n, max: 10n ** BigInt(digits) - 1n })

const accountNames = [
  'assets:cash',
  'assets:bank:current',
  'assets:wip',
  'liabilities:wages',
  'equity:fund',
  'income:sales',
  'expenses:wages',
  'expenses:wages:bonus',
].map(account)
const commodities = ['RUB', 'USD']

/** A balanced transaction: random postings, then one posting per commodity that closes it, or an elided one. */
const balancedTransaction: fc.Arbitrary<TransactionInput> = fc
  .record({
    lines: fc.array(
      fc.record({
        account: fc.constantFrom(...accountNames),
        units: bigDigits(14),
        scale: fc.integer({ min: 0, max: 3 }),
        commodity: fc.constantFrom(...commodities),
        goods: fc.option(fc.bigInt({ min: -50n, max: 50n }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    closer: fc.constantFrom(...accountNames),
    elide: fc.boolean(),
  })
  .map(({ lines, closer, elide }) => {
    const postings: PostingInput[] = lines.map((line) => ({
      account: line.account,
      money: amount(literal(line.units, line.scale), line.commodity),
      ...(line.goods !== undefined ? { goods: amount(line.goods.toString(), 'T28') } : {}),
    }))
    if (elide) postings.push({ account: closer })
    else {
      const sums = new Map<string, Quantity.Quantity>()
      for (const line of lines)
        sums.set(
          line.commodity,
          Quantity.add(
            sums.get(line.commodity) ?? Quantity.zero,
            Quantity.unsafeFromString(literal(line.units, line.scale)),
          ),
        )
      for (const [commodity, total] of sums)
        postings.push({ account: closer, money: amount(Quantity.toString(Quantity.negate(total)), commodity) })
    }
    return { date: date('1936-01-01'), description: 'generated', postings }
  })

const snapshot = (ledger: Ledger.Ledger): string =>
  Ledger.accounts(ledger)
    .map(
      (name) =>
        `${name}|${Amount.showMixed(Ledger.runningBalance(ledger, name, 'money', true))}|${Amount.showMixed(Ledger.runningBalance(ledger, name, 'goods', true))}`,
    )
    .join('\n')

describe('core laws', () => {
  it('any sequence of balanced transactions keeps every money commodity at zero', () => {
    fc.assert(
      fc.property(fc.array(balancedTransaction, { maxLength: 15 }), (transactions) => {
        const posted = Ledger.postAll(transactions)(Ledger.empty())
        expect(E.isRight(posted)).toBe(true)
        if (E.isRight(posted)) {
          expect(Amount.isMixedZero(Ledger.moneyTotals(posted.right))).toBe(true)
          expect(Query.trialBalance(posted.right, { book: 'money' }).totals).toEqual([])
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('a rejected transaction leaves every balance, money and units, unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(balancedTransaction, { maxLength: 8 }),
        balancedTransaction,
        fc.bigInt({ min: 1n, max: 10n ** 20n }),
        (history, victim, skew) => {
          const ledger = Ledger.postAll(history)(Ledger.empty())
          if (E.isLeft(ledger)) return false
          // Unbalance the victim: drop its elided posting and skew the first amount.
          const [first, ...rest] = victim.postings.filter((posting) => posting.money !== undefined)
          if (first === undefined || first.money === undefined) return true
          // Only the postings in the first one's commodity: two commodities of opposite signs would
          // balance as an implicit conversion (as in hledger).
          const same = rest.filter((posting) => posting.money?.commodity === first.money?.commodity)
          const unbalanced: TransactionInput = {
            ...victim,
            postings: [
              {
                ...first,
                money: Amount.make(
                  Quantity.add(first.money.quantity, Quantity.unsafeFromBigInt(skew, 2)),
                  first.money.commodity,
                ),
              },
              ...same,
            ],
          }
          const before = snapshot(ledger.right)
          const result = Ledger.post(unbalanced)(ledger.right)
          expect(E.isLeft(result)).toBe(true)
          expect(snapshot(ledger.right)).toBe(before)
          expect(ledger.right.size).toBe(history.length)
          return true
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('the subtree balance of an account is its own balance plus its children’s subtree balances', () => {
    fc.assert(
      fc.property(fc.array(balancedTransaction, { maxLength: 10 }), (transactions) => {
        const posted = Ledger.postAll(transactions)(Ledger.empty())
        if (E.isLeft(posted)) return false
        const ledger = posted.right
        const names = Ledger.accounts(ledger)
        for (const name of names) {
          for (const book of ['money', 'goods'] as const) {
            let expected = Ledger.runningBalance(ledger, name, book, false)
            for (const child of names.filter((other) => AccountName.parent(other) === name))
              expected = Amount.addMixed(expected, Ledger.runningBalance(ledger, child, book, true))
            expect(Amount.showMixed(Ledger.runningBalance(ledger, name, book, true))).toBe(Amount.showMixed(expected))
          }
        }
        return true
      }),
      { numRuns: RUNS },
    )
  })

  const exactSum = (sum: (a: string, b: string) => string) =>
    fc.property(bigDigits(45), bigDigits(45), fc.integer({ min: 0, max: 6 }), (a, b, scale) => {
      const expected = literal(a + b, scale)
      return Quantity.equals(
        Quantity.unsafeFromString(sum(literal(a, scale), literal(b, scale))),
        Quantity.unsafeFromString(expected),
      )
    })

  it('Quantity addition is exact for operands of 40+ digits (checked against bigint arithmetic)', () => {
    fc.assert(
      exactSum((a, b) => Quantity.toString(Quantity.add(Quantity.unsafeFromString(a), Quantity.unsafeFromString(b)))),
      { numRuns: RUNS },
    )
  })

  it('the same law fails with decimal.js at its default precision of 20 digits (the test can fail)', () => {
    const defaultDecimal = Decimal.clone()
    const result = fc.check(
      exactSum((a, b) => new defaultDecimal(a).plus(b).toFixed()),
      { numRuns: RUNS },
    )
    expect(result.failed).toBe(true)
  })

  it('addition is commutative and associative, and negation is its inverse', () => {
    fc.assert(
      fc.property(bigDigits(30), bigDigits(30), bigDigits(30), fc.integer({ min: 0, max: 8 }), (a, b, c, scale) => {
        const [x, y, z] = [a, b, c].map((units) => Quantity.unsafeFromBigInt(units, scale)) as [
          Quantity.Quantity,
          Quantity.Quantity,
          Quantity.Quantity,
        ]
        expect(Quantity.equals(Quantity.add(x, y), Quantity.add(y, x))).toBe(true)
        expect(Quantity.equals(Quantity.add(Quantity.add(x, y), z), Quantity.add(x, Quantity.add(y, z)))).toBe(true)
        expect(Quantity.isZero(Quantity.add(x, Quantity.negate(x)))).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })
})
