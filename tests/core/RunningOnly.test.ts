/**
 * The running-only ledger (`Ledger.empty({ keepTransactions: false })`, `LoadOptions.keepTransactions`):
 * it posts, checks and balances exactly as the usual ledger, keeps the same running balances, and
 * keeps no transaction. Checked on random books against the usual ledger, and on the repository's
 * journals through the loader and the balance report.
 */

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Amount from '../../src/core/Amount.js'
import * as Ledger from '../../src/core/Ledger.js'
import * as Quantity from '../../src/core/Quantity.js'
import type { TransactionInput } from '../../src/core/Transaction.js'
import * as Load from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import * as Balance from '../../src/reports/Balance.js'
import { journalsUnder } from '../helpers/journals.js'
import { amount, posting, transaction } from './fixtures.js'

const accounts = [
  'assets:bank:sber',
  'assets:bank:vtb',
  'assets:cash',
  'expenses:wages',
  'income:sales',
  'liabilities:loans:gosbank',
]

const show = (balances: ReadonlyMap<string, Amount.MixedAmount>) =>
  [...balances].map(([name, mixed]) => `${name}=${Amount.entries(mixed).map(Amount.showExact).join(',')}`).sort()

/** A transaction of random money postings: balanced, unbalanced, elided, some with assertions. */
const arbitraryTransaction: fc.Arbitrary<TransactionInput> = fc
  .record({
    legs: fc.array(
      fc.record({ account: fc.constantFrom(...accounts), cents: fc.integer({ min: -10_000_000, max: 10_000_000 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    shape: fc.constantFrom('balanced', 'elided', 'unbalanced', 'asserted'),
    asserted: fc.integer({ min: -1000, max: 1000 }),
  })
  .map(({ legs, shape, asserted }) => {
    const text = (cents: number) =>
      Quantity.toString(
        Quantity.unsafeFromString(
          `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`,
        ),
      )
    const postings = legs.map((leg) => posting(leg.account, text(leg.cents)))
    const sum = legs.reduce((total, leg) => total + leg.cents, 0)
    if (shape === 'elided') postings.push(posting('equity:opening'))
    if (shape === 'balanced') postings.push(posting('equity:opening', text(-sum)))
    if (shape === 'asserted')
      postings.push(
        posting('equity:opening', text(-sum), {
          assertion: { amount: amount(text(asserted)), inclusive: false, sole: false },
        }),
      )
    return transaction('1936-01-02', postings)
  })

describe('a running-only ledger', () => {
  it('posts every transaction as the usual ledger does: same results, errors, running balances and totals, no transactions kept', () => {
    fc.assert(
      fc.property(fc.array(arbitraryTransaction, { maxLength: 30 }), (inputs) => {
        let kept = Ledger.empty()
        let running = Ledger.empty({ keepTransactions: false })
        for (const input of inputs) {
          const a = Ledger.post(input)(kept)
          const b = Ledger.post(input)(running)
          expect(E.isRight(b)).toBe(E.isRight(a))
          if (E.isLeft(a) && E.isLeft(b)) expect(b.left).toEqual(a.left)
          if (E.isRight(a) && E.isRight(b)) {
            kept = a.right
            running = b.right
          }
        }
        expect(running.size).toBe(kept.size)
        expect(Ledger.transactions(running)).toEqual([])
        const postings = Ledger.transactions(kept).reduce((total, posted) => total + posted.postings.length, 0)
        expect(Ledger.postingCount(kept)).toBe(postings)
        expect(Ledger.postingCount(running)).toBe(postings)
        for (const book of ['money', 'goods'] as const)
          expect(show(Ledger.ownRunningBalances(running, book))).toEqual(show(Ledger.ownRunningBalances(kept, book)))
        for (const name of [...accounts, 'assets', 'assets:bank', 'liabilities']) {
          const key = name as Parameters<typeof Ledger.runningBalance>[1]
          expect(Amount.entries(Ledger.runningBalance(running, key, 'money', true))).toEqual(
            Amount.entries(Ledger.runningBalance(kept, key, 'money', true)),
          )
        }
        expect(Amount.entries(Ledger.moneyTotals(running))).toEqual(Amount.entries(Ledger.moneyTotals(kept)))
      }),
      { numRuns: 200 },
    )
  })

  it('refuses an older view: it has no transactions to replay', () => {
    const first = Ledger.post(transaction('1936-01-02', [posting('assets:cash', '10.00'), posting('income:sales')]))(
      Ledger.empty({ keepTransactions: false }),
    )
    if (E.isLeft(first)) throw new Error('posting failed')
    const second = Ledger.post(transaction('1936-01-03', [posting('assets:cash', '5.00'), posting('income:sales')]))(
      first.right,
    )
    expect(E.isRight(second)).toBe(true)
    expect(() =>
      Ledger.post(transaction('1936-01-04', [posting('assets:cash', '1.00'), posting('income:sales')]))(first.right),
    ).toThrow(/running-only/u)
  })
})

describe('loading without keeping transactions', () => {
  const files = journalsUnder('ledgers')
  it('finds journals to compare', () => expect(files.length).toBeGreaterThan(5))
  it.each(files)('%s: same load result and the same whole-journal balance report', (file) => {
    const kept = Load.loadFile(file, { fileSystem: nodeFileSystem })
    const running = Load.loadFile(file, { fileSystem: nodeFileSystem, keepTransactions: false })
    expect(E.isRight(running)).toBe(E.isRight(kept))
    if (E.isLeft(kept) || E.isLeft(running)) {
      if (E.isLeft(kept) && E.isLeft(running)) expect(running.left.diagnostics).toEqual(kept.left.diagnostics)
      return
    }
    expect(Ledger.transactions(running.right.ledger)).toEqual([])
    expect(running.right.ledger.size).toBe(kept.right.ledger.size)
    expect(Ledger.postingCount(running.right.ledger)).toBe(
      Ledger.transactions(kept.right.ledger).reduce((total, posted) => total + posted.postings.length, 0),
    )
    for (const book of ['money', 'goods'] as const) {
      for (const mode of ['flat', 'tree'] as const) {
        const a = Balance.build(kept.right.ledger, { book, mode })
        const b = Balance.build(running.right.ledger, { book, mode })
        expect(Balance.renderTable(running.right.ledger, b, mode)).toBe(Balance.renderTable(kept.right.ledger, a, mode))
      }
    }
  })
})
