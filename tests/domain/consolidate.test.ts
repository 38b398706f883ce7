import { describe, expect, it } from 'vitest'
import { Amount, Quantity, Rate } from '../../src/core/index.js'
import { consolidate, consolidatedBalance } from '../../src/domain/Consolidate.js'
import { abtu, d, goods, gosbank, id, kirov, lines, producing, q, run } from './fixtures.js'

const scenario = () =>
  run(
    producing(),
    {
      _tag: 'Ship',
      date: d('1936-06-01'),
      id: id('S1'),
      entity: kirov,
      buyer: abtu,
      goods: goods('10'),
      cost: q('3000000.00'),
      lot: id('L1'),
    },
    {
      _tag: 'PresentDemand',
      date: d('1936-06-10'),
      id: id('PD'),
      seller: kirov,
      buyer: abtu,
      amount: q('3800000.00'),
      shipments: [id('S1')],
    },
    { _tag: 'CreditOnDocuments', date: d('1936-06-11'), demand: id('PD'), bank: gosbank, amount: q('3000000.00') },
    {
      _tag: 'DrawLoan',
      date: d('1936-06-11'),
      id: id('GB-K'),
      lender: gosbank,
      borrower: kirov,
      loanKind: 'gosbankShortTerm',
      purpose: 'rework',
      collateral: { lots: [id('L1')], contracts: [] },
      principal: q('500000.00'),
      rate: Rate.unsafeFraction('0.06'),
      termMonths: 6,
      scheme: 'simple',
      dayCount: 'actual/360',
    },
    {
      _tag: 'DrawLoan',
      date: d('1936-06-11'),
      id: id('GB-A'),
      lender: gosbank,
      borrower: abtu,
      loanKind: 'gosbankShortTerm',
      purpose: 'pay revised price',
      collateral: { lots: [id('L1')], contracts: [] },
      principal: q('700000.00'),
      rate: Rate.unsafeFraction('0.06'),
      termMonths: 6,
      scheme: 'simple',
      dayCount: 'actual/360',
    },
  )

const total = (balances: ReadonlyMap<unknown, Amount.MixedAmount>): string => {
  let sum: Amount.MixedAmount = Amount.emptyMixed
  for (const balance of balances.values()) sum = Amount.addMixed(sum, balance)
  return Amount.showMixed(sum)
}

describe('consolidate', () => {
  it('eliminates the legs between group members and stays balanced', () => {
    const books = scenario()
    const group = consolidate(books, [kirov, abtu, gosbank], { book: 'money' })
    expect(total(group.balances)).toBe('0')
    expect(total(group.eliminated)).toBe('0')
    // Receivable / payable and both loans are inside the group: gone.
    expect(group.balances.get('assets:receivables' as never)).toBeUndefined()
    expect(group.balances.get('assets:loans:GB-K' as never)).toBeUndefined()
    expect(Amount.showMixed(consolidatedBalance(group, 'income' as never))).toBe('-3800000 RUB')
  })
  it('a group of one keeps its inter-entity legs; both sides borrowing against one lot appear in the ledger', () => {
    const books = scenario()
    const plant = consolidate(books, [kirov], { book: 'money' })
    expect(Amount.showMixed(plant.balances.get('assets:receivables' as never) ?? Amount.emptyMixed)).toBe('3800000 RUB')
    expect(plant.eliminated.size).toBe(0)
    expect(books.lots.get(id('L1'))?.loans).toEqual(['GB-K', 'GB-A'])
    const exposure = [...books.loans.values()]
      .filter((loan) => loan.collateral.lots.includes(id('L1')))
      .reduce((sum, loan) => Quantity.add(sum, loan.principal), Quantity.zero)
    expect(Quantity.toString(exposure)).toBe('1200000')
    expect(lines(undefined)).toEqual([])
  })
})
