/** Measures on aggregate books (plain transactions) and on document-level books (operations). */
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import { Quantity, Rate } from '../../src/core/index.js'
import {
  Ageing,
  Exposure,
  Flows,
  Fulfilment,
  Payroll,
  Physical,
  Ratio,
  Turnover,
  WorkingCapital,
} from '../../src/measures/index.js'
import { BooksBuilder, d, e, goods, honestSale, id, label, loanTerms, period, q, sym } from '../reconcile/fixtures.js'

const s = Quantity.toString

describe('flows and balances by role', () => {
  it('keeps sub-roles apart: wip excludes rejected, wages excludes bonus', () => {
    const b = new BooksBuilder().tx('1936-03-31', 'aggregate', [
      { account: 'kirov:assets:wip', money: '100.00' },
      { account: 'kirov:assets:wip:rejected', money: '5.00' },
      { account: 'kirov:expenses:wages', money: '40.00' },
      { account: 'kirov:expenses:wages:bonus', money: '2.00' },
      { account: 'kirov:assets:bank:current', money: '-147.00' },
    ])
    expect(s(Flows.balanceOn(b.books, e('kirov'), ['wip'], d('1936-12-31')).money)).toBe('100')
    expect(s(Flows.balanceOn(b.books, e('kirov'), ['wip', 'rejected'], d('1936-12-31')).money)).toBe('105')
    expect(
      s(
        Flows.flow(b.books, {
          entity: e('kirov'),
          roles: ['wages'],
          range: { begin: d('1936-01-01'), end: d('1937-01-01') },
        }).money,
      ),
    ).toBe('40')
    expect(s(Flows.balanceOn(b.books, e('kirov'), ['wip'], d('1936-03-30')).money)).toBe('0')
  })
})

describe('physical book', () => {
  it('holds units by stage and counts units reaching finished goods (not returns or counts)', () => {
    const b = honestSale(new BooksBuilder(), 1, '1936-03-02', '5', '100.00')
      .op({ _tag: 'LaunchWip', date: d('1936-04-01'), entity: e('kirov'), goods: goods('3') })
      .op({ _tag: 'CompleteWip', date: d('1936-04-02'), entity: e('kirov'), goods: goods('2'), cost: q('0') })
    const rows = Physical.physicalBook(b.books, { entity: e('kirov') }).map((row) => [row.stage, s(row.quantity)])
    expect(rows).toEqual([
      ['external', '-8'],
      ['finallyAccepted', '5'],
      ['finished', '2'],
      ['wip', '1'],
    ])
    const reached = Physical.unitsReaching(b.books, { entity: e('kirov'), stage: 'finished', range: {} })
    expect(s(reached.units.get(sym('T28')) ?? Quantity.zero)).toBe('7')
  })

  it('flags estimated units per commodity: an estimated transaction of one commodity leaves the others exact', () => {
    const b = new BooksBuilder()
      .tx('1936-12-31', 'tanks recorded as produced', [
        { account: 'kirov:assets:finished', goods: ['101', 'T28'] },
        { account: 'kirov:equity:goods-origin', goods: ['-101', 'T28'] },
      ])
      .tx(
        '1936-12-31',
        'about 250 artillery systems recorded as produced',
        [
          { account: 'kirov:assets:finished', goods: ['250', 'ART'] },
          { account: 'kirov:equity:goods-origin', goods: ['-250', 'ART'] },
        ],
        { estimated: true },
      )
    const reached = Physical.unitsReaching(b.books, { entity: e('kirov'), stage: 'finished', range: {} })
    expect([...reached.units.keys()].sort()).toEqual(['ART', 'T28'])
    expect([...reached.estimatedCommodities]).toEqual(['ART'])
    expect(reached.estimated).toBe(true)
  })
})

describe('working capital', () => {
  it('works with a total norm alone and splits financing', () => {
    const b = new BooksBuilder()
      .setPlan('1936-12-31', 'kirov', { _tag: 'WorkingCapitalNorm', category: 'total' }, '1936', '100.00')
      .tx('1936-06-01', 'stock', [
        { account: 'kirov:assets:materials', money: '150.00' },
        { account: 'kirov:liabilities:gosbank:short-term', money: '-30.00' },
        { account: 'kirov:liabilities:payables', money: '-20.00' },
        { account: 'kirov:equity:fund', money: '-100.00' },
      ])
    const capital = WorkingCapital.workingCapital(b.books, e('kirov'), d('1936-12-31'))
    expect([
      s(capital.total),
      s(capital.financing.bankCredit),
      s(capital.financing.payables),
      s(capital.financing.ownAndOther),
    ]).toEqual(['150', '30', '20', '100'])
    expect(capital.norms.map((norm) => [norm.category, s(norm.excess)])).toEqual([['total', '50']])
  })
})

describe('plan fulfilment and turnover', () => {
  it('measures reported, physical and realized fulfilment of a fully realized plan at 100 %', () => {
    const b = honestSale(
      new BooksBuilder().setPlan(
        '1936-01-01',
        'kirov',
        { _tag: 'OutputPlan', commodity: sym('T28') },
        '1936',
        '500.00',
        '5',
      ),
      1,
      '1936-03-02',
      '5',
      '100.00',
    )
    const measured = Fulfilment.planFulfilment(b.books, e('kirov'), period('1936'), d('1936-12-31'))
    expect(
      [measured.ratios.reportedGross, measured.ratios.physical, measured.ratios.realized].map((ratio) =>
        O.isSome(ratio) ? s(ratio.value) : 'none',
      ),
    ).toEqual(['100', '100', '100'])
    expect(measured.realized.method).toBe('demands')
  })
  it('computes turnover in days on a 360-day year', () => {
    const b = new BooksBuilder()
      .tx('1935-12-31', 'stock', [
        { account: 'kirov:assets:materials', money: '100.00' },
        { account: 'kirov:equity:fund', money: '-100.00' },
      ])
      .tx('1936-06-30', 'sales', [
        { account: 'kirov:assets:receivables', money: '400.00' },
        { account: 'kirov:income:sales', money: '-400.00' },
      ])
      .tx('1936-06-30', 'paid', [
        { account: 'kirov:assets:bank:current', money: '400.00' },
        { account: 'kirov:assets:receivables', money: '-400.00' },
      ])
      .tx('1936-06-30', 'spent', [
        { account: 'kirov:expenses:overhead', money: '400.00' },
        { account: 'kirov:assets:bank:current', money: '-400.00' },
      ])
    const measured = Turnover.turnover(b.books, e('kirov'), period('1936'), d('1936-12-31'))
    expect([
      s(measured.realizedSales),
      s(measured.averageWorkingCapital),
      O.isSome(measured.turnover) ? s(measured.turnover.value) : '',
      O.isSome(measured.days) ? s(measured.days.value) : '',
    ]).toEqual(['400', '100', '4', '90'])
  })
})

describe('payroll, ageing, exposure, ratios', () => {
  it('groups payroll by staff category, including wages charged to WIP', () => {
    const b = new BooksBuilder()
      .op({
        _tag: 'AccrueWages',
        date: d('1936-02-01'),
        entity: e('kirov'),
        staffCategory: label('workers'),
        amount: q('70.00'),
        chargeTo: 'wip',
      })
      .op({
        _tag: 'AccrueWages',
        date: d('1936-02-01'),
        entity: e('kirov'),
        staffCategory: label('ITR'),
        amount: q('30.00'),
        chargeTo: 'wages',
      })
    const measured = Payroll.payroll(b.books, e('kirov'), {})
    expect([s(measured.total), ...measured.categories.map((item) => `${item.category}=${s(item.amount)}`)]).toEqual([
      '100',
      'ITR=30',
      'workers=70',
    ])
  })
  it('ages open demands and loans into 0–30 / 31–60 / 61–90 / 90+ buckets', () => {
    const b = new BooksBuilder()
      .op({
        _tag: 'PresentDemand',
        date: d('1936-01-15'),
        id: id('PD-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q('10.00'),
      })
      .op({
        _tag: 'PresentDemand',
        date: d('1936-03-15'),
        id: id('PD-2'),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q('20.00'),
      })
      .op({
        _tag: 'DrawLoan',
        date: d('1936-03-01'),
        id: id('LN-1'),
        lender: e('gosbank'),
        borrower: e('kirov'),
        loanKind: 'gosbankShortTerm',
        purpose: 'p',
        collateral: { lots: [], contracts: [] },
        principal: q('50.00'),
        ...loanTerms,
      })
    const receivables = Ageing.ageing(b.books, 'receivable', d('1936-04-01'))
    expect(receivables.buckets.map((bucket) => `${bucket.bucket}:${s(bucket.amount)}`)).toEqual([
      '0-30:20',
      '31-60:0',
      '61-90:10',
      '90+:0',
    ])
    expect(Ageing.ageing(b.books, 'loan', d('1936-04-01')).items.map((item) => [item.document, item.bucket])).toEqual([
      ['LN-1', '31-60'],
    ])
  })
  it('sums exposure on a contract from both sides', () => {
    const b = new BooksBuilder()
      .op({
        _tag: 'SignContract',
        date: d('1936-01-05'),
        id: id('C-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        unitPrice: q('10.00'),
        plannedCost: q('8.00'),
        description: 'x',
        units: q('10'),
      })
      .op({
        _tag: 'DrawLoan',
        date: d('1936-02-01'),
        id: id('LN-1'),
        lender: e('gosbank'),
        borrower: e('kirov'),
        loanKind: 'gosbankShortTerm',
        purpose: 'p',
        collateral: { lots: [], contracts: [id('C-1')] },
        principal: q('60.00'),
        ...loanTerms,
      })
      .op({
        _tag: 'DrawLoan',
        date: d('1936-02-02'),
        id: id('LN-2'),
        lender: e('gosbank'),
        borrower: e('abtu'),
        loanKind: 'gosbankShortTerm',
        purpose: 'p',
        collateral: { lots: [], contracts: [id('C-1')] },
        principal: q('70.00'),
        ...loanTerms,
      })
    const measured = Exposure.exposure(b.books, id('C-1'), d('1936-12-31'))
    expect(measured?.loans.map((item) => item.side)).toEqual(['seller', 'buyer'])
    expect(measured !== undefined && O.isSome(measured.coverage) ? s(measured.coverage.value) : '').toBe('1.3')
  })
  it('compares percentages exactly and rounds only for display', () => {
    expect(
      O.getOrElse(() => Quantity.zero)(Ratio.percentOf(q('53765000'), q('91372000'))) &&
        s(O.getOrElse(() => Quantity.zero)(Ratio.percentOf(q('53765000'), q('91372000')))),
    ).toBe('58.84')
    expect(Ratio.comparePercent(q('1'), q('3'), Rate.unsafePercentPoints('33.33'))).toEqual(O.some(1))
    expect(Ratio.percentOf(q('1'), Quantity.zero)).toEqual(O.none)
  })
})
