/** One positive and one negative case per built-in rule, on books built with domain operations. */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { AccountName, Quantity } from '../../src/core/index.js'
import type { AnyRule, ReconcileInput } from '../../src/reconcile/index.js'
import { builtInRules, type Finding, measureOf, Rules, reconcile } from '../../src/reconcile/index.js'
import {
  BooksBuilder,
  d,
  e,
  goods,
  honestSale,
  id,
  input,
  label,
  loanTerms,
  percent,
  q,
  reported,
  setting,
  sym,
  units,
} from './fixtures.js'

const evaluate = (
  rule: AnyRule,
  value: ReconcileInput,
  overrides: ReadonlyMap<string, string> = new Map(),
): ReadonlyArray<Finding> => {
  const result = reconcile(value, builtInRules, { only: [rule.id], overrides })
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

const measure = (finding: Finding | undefined, key: string): string | undefined => {
  const value = finding === undefined ? undefined : measureOf(finding, key)
  if (value === undefined) return undefined
  return value._tag === 'Amount'
    ? `${Quantity.toString(value.amount.quantity)} ${value.amount.commodity}`
    : value._tag === 'Percent'
      ? Quantity.toString(value.percent)
      : value._tag === 'Number'
        ? Quantity.toString(value.value)
        : value._tag === 'Interval'
          ? value.written
          : `not computable: no ${value.missing}`
}

const account = AccountName.unsafeFromString

describe('working-capital-above-norm (R1)', () => {
  it('is silent when working capital is within the norm', () => {
    const b = new BooksBuilder().setPlan(
      '1936-01-01',
      'kirov',
      { _tag: 'WorkingCapitalNorm', category: 'total' },
      '1936',
      '1000.00',
    )
    b.tx('1936-05-01', 'materials', [
      { account: 'kirov:assets:materials', money: '900.00' },
      { account: 'kirov:liabilities:payables', money: '-900.00' },
    ])
    expect(evaluate(Rules.workingCapitalAboveNorm, input(b.books, '1936-12-31'))).toEqual([])
  })
  it('grades by ratio: 5 % info, 10 % warn, per category norm', () => {
    const b = new BooksBuilder().setPlan(
      '1936-01-01',
      'kirov',
      { _tag: 'WorkingCapitalNorm', category: 'materials' },
      '1936',
      '1000.00',
    )
    b.tx('1936-05-01', 'materials', [
      { account: 'kirov:assets:materials', money: '1050.00' },
      { account: 'kirov:liabilities:payables', money: '-1050.00' },
    ])
    const info = evaluate(Rules.workingCapitalAboveNorm, input(b.books, '1936-12-31'))
    expect(info.map((finding) => [finding.severity, measure(finding, 'excess'), measure(finding, 'ratio')])).toEqual([
      ['info', '50 RUB', '5'],
    ])
    b.tx('1936-06-01', 'materials', [
      { account: 'kirov:assets:materials', money: '50.00' },
      { account: 'kirov:liabilities:payables', money: '-50.00' },
    ])
    expect(
      evaluate(Rules.workingCapitalAboveNorm, input(b.books, '1936-12-31')).map((finding) => finding.severity),
    ).toEqual(['warn'])
  })
  it('takes thresholds from dated journal settings and run overrides', () => {
    const b = new BooksBuilder().setPlan(
      '1936-01-01',
      'kirov',
      { _tag: 'WorkingCapitalNorm', category: 'total' },
      '1936',
      '1000.00',
    )
    b.tx('1936-05-01', 'materials', [
      { account: 'kirov:assets:materials', money: '1200.00' },
      { account: 'kirov:liabilities:payables', money: '-1200.00' },
    ])
    const settings = [
      setting('working-capital-above-norm', 'criticalAt', percent('15'), '1936-01-01'),
      setting('working-capital-above-norm', 'criticalAt', percent('90'), '1937-06-01'),
    ]
    expect(evaluate(Rules.workingCapitalAboveNorm, input(b.books, '1936-12-31', { settings }))[0]?.severity).toBe(
      'critical',
    )
    expect(
      evaluate(
        Rules.workingCapitalAboveNorm,
        input(b.books, '1936-12-31', { settings }),
        new Map([['working-capital-above-norm.criticalAt', '25%']]),
      )[0]?.severity,
    ).toBe('warn')
  })
})

describe('turnover-decline (R2)', () => {
  const books = (secondYearSales: string) => {
    const b = new BooksBuilder()
    b.tx('1935-01-01', 'stock', [
      { account: 'kirov:assets:materials', money: '1000.00' },
      { account: 'kirov:liabilities:payables', money: '-1000.00' },
    ])
    b.tx('1935-06-30', 'sales', [
      { account: 'kirov:assets:bank:current', money: '4000.00' },
      { account: 'kirov:income:sales', money: '-4000.00' },
    ])
    b.tx('1935-07-01', 'spent', [
      { account: 'kirov:expenses:overhead', money: '4000.00' },
      { account: 'kirov:assets:bank:current', money: '-4000.00' },
    ])
    b.tx('1936-06-30', 'sales', [
      { account: 'kirov:assets:bank:current', money: secondYearSales },
      { account: 'kirov:income:sales', money: `-${secondYearSales}` },
    ])
    b.tx('1936-07-01', 'spent', [
      { account: 'kirov:expenses:overhead', money: secondYearSales },
      { account: 'kirov:assets:bank:current', money: `-${secondYearSales}` },
    ])
    return b.books
  }
  it('warns when days of turnover rise by more than 15 %', () => {
    const findings = evaluate(Rules.turnoverDecline, input(books('2000.00'), '1936-12-31'))
    expect(
      findings.map((finding) => [finding.severity, measure(finding, 'days'), measure(finding, 'days:prior')]),
    ).toEqual([['warn', '252', '144']])
  })
  it('is silent when turnover holds', () => {
    expect(evaluate(Rules.turnoverDecline, input(books('4000.00'), '1936-12-31'))).toEqual([])
  })
})

describe('demand-without-shipment (R3)', () => {
  it('is silent for a demand matched by its shipment', () => {
    const b = honestSale(new BooksBuilder(), 1, '1936-03-02', '5', '100000.00')
    expect(evaluate(Rules.demandWithoutShipment, input(b.books, '1936-12-31'))).toEqual([])
  })
  it('finds units invoiced but never shipped, valued at the unit price, and the documents credit drawn on them', () => {
    const b = new BooksBuilder()
      .op({ _tag: 'LaunchWip', date: d('1936-03-01'), entity: e('kirov'), goods: goods('5') })
      .op({ _tag: 'CompleteWip', date: d('1936-03-01'), entity: e('kirov'), goods: goods('5'), cost: q('0') })
      .op({
        _tag: 'Ship',
        date: d('1936-03-02'),
        id: id('SH-1'),
        entity: e('kirov'),
        goods: goods('3'),
        cost: q('0'),
        buyer: e('abtu'),
      })
      .op({
        _tag: 'PresentDemand',
        date: d('1936-03-02'),
        id: id('PD-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q('500000.00'),
        units: goods('5'),
        unitPrice: q('100000.00'),
        shipments: [id('SH-1')],
      })
      .op({
        _tag: 'CreditOnDocuments',
        date: d('1936-03-02'),
        demand: id('PD-1'),
        bank: e('gosbank'),
        amount: q('300000.00'),
      })
      .op({
        _tag: 'PresentDemand',
        date: d('1936-03-03'),
        id: id('PD-2'),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q('70000.00'),
      })
    const findings = evaluate(Rules.demandWithoutShipment, input(b.books, '1936-12-31'))
    expect(
      findings.map((finding) => [
        finding.documents[0],
        finding.severity,
        finding.moneyGap && Quantity.toString(finding.moneyGap.quantity),
        finding.unitGap && Quantity.toString(finding.unitGap.quantity),
      ]),
    ).toEqual([
      ['PD-1', 'critical', '200000', '2'],
      ['PD-2', 'critical', '70000', undefined],
    ])
    expect(measure(findings[0], 'documents-credit')).toBe('300000 RUB')
    expect(findings[0]?.evidence.map((item) => item.line)).toEqual([3, 4, 5])
  })
})

describe('plan-fulfilment-triangulation (R4)', () => {
  const books = () => {
    const b = new BooksBuilder().setPlan(
      '1936-01-01',
      'kirov',
      { _tag: 'OutputPlan', commodity: sym('T28') },
      '1936',
      '500000.00',
      '5',
    )
    return honestSale(b, 1, '1936-03-02', '5', '100000.00')
  }
  it('is silent when reported, physical and realized fulfilment agree', () => {
    const b = books()
    const figures = [reported(b, '1936', 'kirov', 'plan-fulfilment', percent('100'))]
    expect(evaluate(Rules.planFulfilmentTriangulation, input(b.books, '1936-12-31', { reported: figures }))).toEqual([])
  })
  it('is critical when reported fulfilment exceeds realized by more than 5 points', () => {
    const b = books()
    const figures = [reported(b, '1936', 'kirov', 'plan-fulfilment', percent('107'))]
    const findings = evaluate(Rules.planFulfilmentTriangulation, input(b.books, '1936-12-31', { reported: figures }))
    expect(
      findings.map((finding) => [finding.severity, measure(finding, 'gap'), measure(finding, 'realized')]),
    ).toEqual([['critical', '7', '100']])
  })
})

describe('wip-growth-vs-plan (R5)', () => {
  it('is silent for a WIP balance that stays flat', () => {
    const b = new BooksBuilder()
    for (const date of ['1936-03-31', '1936-06-30', '1936-09-30', '1936-12-31'])
      b.tx(date, 'wip', [
        { account: 'kirov:assets:wip', money: '0' },
        { account: 'kirov:assets:bank:current', money: '0' },
      ])
    b.tx('1936-01-10', 'wip', [
      { account: 'kirov:assets:wip', money: '100.00' },
      { account: 'kirov:assets:bank:current', money: '-100.00' },
    ])
    expect(evaluate(Rules.wipGrowthVsPlan, input(b.books, '1936-12-31'))).toEqual([])
  })
})

describe('wage-fund-overrun (R6)', () => {
  const books = (itr: string) => {
    const b = new BooksBuilder()
      .setPlan('1936-01-01', 'kirov', { _tag: 'WageFund', staffCategory: label('total') }, '1936', '10000.00')
      .setPlan('1936-01-01', 'kirov', { _tag: 'WageFund', staffCategory: label('ITR') }, '1936', '2000.00')
      .op({
        _tag: 'AccrueWages',
        date: d('1936-02-01'),
        entity: e('kirov'),
        staffCategory: label('workers'),
        amount: q('7000.00'),
        chargeTo: 'wip',
      })
      .op({
        _tag: 'AccrueWages',
        date: d('1936-02-01'),
        entity: e('kirov'),
        staffCategory: label('ITR'),
        amount: q(itr),
        chargeTo: 'wages',
      })
    return b.books
  }
  it('is silent within the fund', () => {
    expect(evaluate(Rules.wageFundOverrun, input(books('2000.00'), '1936-12-31'))).toEqual([])
  })
  it('finds the category overrun (ITR, critical) and the total overrun (warn)', () => {
    const findings = evaluate(Rules.wageFundOverrun, input(books('3500.00'), '1936-12-31'))
    expect(
      findings.map((finding) => [finding.severity, measure(finding, 'overrun'), measure(finding, 'ratio')]),
    ).toEqual([
      ['critical', '1500 RUB', '75'],
      ['warn', '500 RUB', '5'],
    ])
  })
})

describe('bonus-funding (R7)', () => {
  const bonus = (source: 'wageFund' | 'directorFund', approvedBy: string) =>
    new BooksBuilder().op({
      _tag: 'AccrueBonus',
      date: d('1936-05-13'),
      id: id('BON-1'),
      entity: e('kirov'),
      amount: q('25000.00'),
      staffCategory: label('apparatus'),
      basis: { description: 'claimed 25 % saving', claimedSaving: q('0.25') },
      fundingSource: source,
      approvedBy,
    })
  it('is silent for a bonus from the permitted fund approved by NKTP', () => {
    expect(evaluate(Rules.bonusFunding, input(bonus('directorFund', 'NKTP').books, '1936-12-31'))).toEqual([])
  })
  it('is critical for a wage-fund bonus after the 19 Apr 1936 rule, and flags the missing approval', () => {
    const findings = evaluate(Rules.bonusFunding, input(bonus('wageFund', 'director').books, '1936-12-31'))
    expect(findings.map((finding) => [finding.severity, finding.documents[0], measure(finding, 'bonus')])).toEqual([
      ['critical', 'BON-1', '25000 RUB'],
    ])
    expect(findings[0]?.message).toContain('not NKTP')
  })
  it('checks plain bonus postings tagged with their fund', () => {
    const b = new BooksBuilder().tx('1936-06-01', 'bonus by decree', [
      { account: 'kirov:expenses:wages:bonus', money: '900.00', tags: { fund: 'wage-fund' } },
      { account: 'kirov:liabilities:wages', money: '-900.00' },
    ])
    expect(
      evaluate(Rules.bonusFunding, input(b.books, '1936-12-31'), new Map([['bonus-funding.requiredApprover', '']])).map(
        (finding) => finding.severity,
      ),
    ).toEqual(['critical'])
  })
})

describe('bonus-rate (R8)', () => {
  it('is critical when the applied rate exceeds the authorized one, silent when equal', () => {
    const b = new BooksBuilder()
    const high = [
      reported(b, '1936', 'kirov', 'bonus-rate:applied:OTK', percent('50')),
      reported(b, '1936', 'kirov', 'bonus-rate:authorized:OTK', percent('20')),
    ]
    expect(
      evaluate(Rules.bonusRate, input(b.books, '1936-12-31', { reported: high })).map((finding) => [
        finding.severity,
        measure(finding, 'gap'),
      ]),
    ).toEqual([['critical', '30']])
    const equal = [
      reported(b, '1936', 'kirov', 'bonus-rate:applied:OTK', percent('20')),
      reported(b, '1936', 'kirov', 'bonus-rate:authorized:OTK', percent('20')),
    ]
    expect(evaluate(Rules.bonusRate, input(b.books, '1936-12-31', { reported: equal }))).toEqual([])
  })
})

describe('rejection-rate-plausibility (R9)', () => {
  it('is silent when every unit produced was finally accepted', () => {
    const b = honestSale(new BooksBuilder(), 1, '1936-03-02', '10', '1000.00')
    const figures = [reported(b, '1936', 'kirov', 'rejection-rate', percent('0'))]
    expect(evaluate(Rules.rejectionRatePlausibility, input(b.books, '1936-12-31', { reported: figures }))).toEqual([])
  })
  it('uses the reported output when the books hold no unit movements', () => {
    const b = new BooksBuilder()
    const figures = [
      reported(b, '1936', 'kirov', 'rejection-rate:T28', percent('12.8')),
      reported(b, '1936', 'kirov', 'output:T28', units('101')),
    ]
    const findings = evaluate(Rules.rejectionRatePlausibility, input(b.books, '1937-05-31', { reported: figures }))
    expect(
      findings.map((finding) => [finding.severity, measure(finding, 'gap'), measure(finding, 'presented')]),
    ).toEqual([['critical', '87.2', '101 T28']])
  })
})

describe('provisional-acceptance-ageing (R10)', () => {
  const books = (final: boolean) => {
    const b = new BooksBuilder()
      .op({ _tag: 'LaunchWip', date: d('1936-01-10'), entity: e('kirov'), goods: goods('10'), lot: id('L-1') })
      .op({
        _tag: 'CompleteWip',
        date: d('1936-02-01'),
        entity: e('kirov'),
        goods: goods('10'),
        cost: q('0'),
        lot: id('L-1'),
      })
      .op({
        _tag: 'ProvisionalAcceptance',
        date: d('1936-03-01'),
        id: id('PA-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        lot: id('L-1'),
        goods: goods('10'),
        cost: q('0'),
      })
      .op({
        _tag: 'RecordClaim',
        date: d('1936-04-01'),
        id: id('CL-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        defect: 'transmission',
        district: 'inner',
        lot: id('L-1'),
      })
    if (final) {
      b.op({ _tag: 'AnswerClaim', date: d('1936-04-05'), claim: id('CL-1') })
      b.op({
        _tag: 'FinalAcceptance',
        date: d('1936-04-20'),
        id: id('FA-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        lot: id('L-1'),
        goods: goods('10'),
        cost: q('0'),
        outcome: 'accepted',
      })
    }
    return b.books
  }
  it('is silent when units were finally accepted and the claim answered in time', () => {
    expect(evaluate(Rules.provisionalAcceptanceAgeing, input(books(true), '1936-12-31'))).toEqual([])
  })
  it('warns for units provisionally accepted over 90 days and for a claim past its deadline', () => {
    const findings = evaluate(Rules.provisionalAcceptanceAgeing, input(books(false), '1936-12-31'))
    expect(
      findings.map((finding) => [
        finding.severity,
        finding.documents[0] ?? finding.accounts[0],
        finding.unitGap && Quantity.toString(finding.unitGap.quantity),
      ]),
    ).toEqual([
      ['warn', 'CL-1', undefined],
      ['warn', 'kirov:assets:provisional:L-1', '10'],
    ])
    expect(findings[1]?.lots).toEqual(['L-1'])
  })
})

describe('same-output-pledged (R11)', () => {
  const books = (buyerLoan: string) =>
    new BooksBuilder()
      .op({
        _tag: 'SignContract',
        date: d('1936-01-05'),
        id: id('C-1'),
        seller: e('kirov'),
        buyer: e('abtu'),
        unitPrice: q('1000.00'),
        plannedCost: q('800.00'),
        description: 'T-28',
        commodity: sym('T28'),
        units: q('10'),
      })
      .op({
        _tag: 'LaunchWip',
        date: d('1936-01-10'),
        entity: e('kirov'),
        goods: goods('10'),
        lot: id('L-1'),
        contract: id('C-1'),
      })
      .op({
        _tag: 'DrawLoan',
        date: d('1936-02-01'),
        id: id('LN-1'),
        lender: e('gosbank'),
        borrower: e('kirov'),
        loanKind: 'gosbankShortTerm',
        purpose: 'rework',
        collateral: { lots: [id('L-1')], contracts: [] },
        principal: q('6000.00'),
        ...loanTerms,
      })
      .op({
        _tag: 'DrawLoan',
        date: d('1936-03-01'),
        id: id('LN-2'),
        lender: e('gosbank'),
        borrower: e('abtu'),
        loanKind: 'gosbankShortTerm',
        purpose: 'revised price',
        collateral: { lots: [id('L-1')], contracts: [] },
        principal: q(buyerLoan),
        ...loanTerms,
      })
  it('is silent while the loans stay within the lot value', () => {
    expect(evaluate(Rules.sameOutputPledged, input(books('3000.00').books, '1936-12-31'))).toEqual([])
  })
  it('is critical when seller and buyer loans on one lot exceed its value', () => {
    const findings = evaluate(Rules.sameOutputPledged, input(books('7000.00').books, '1936-12-31'))
    expect(
      findings.map((finding) => [
        finding.severity,
        finding.lots[0],
        measure(finding, 'coverage'),
        finding.moneyGap && Quantity.toString(finding.moneyGap.quantity),
      ]),
    ).toEqual([['critical', 'L-1', '1.3', '3000']])
    expect(measure(findings[0], 'exposure:buyer')).toBe('7000 RUB')
  })
})

describe('partial-acceptance-remainder (R12)', () => {
  const books = (divert: boolean) => {
    const b = new BooksBuilder().op({
      _tag: 'PresentDemand',
      date: d('1936-06-10'),
      id: id('PD-36-114'),
      seller: e('kirov'),
      buyer: e('abtu'),
      amount: q('3800000.00'),
    })
    b.op({
      _tag: 'AcceptDemand',
      date: d('1936-06-11'),
      demand: id('PD-36-114'),
      acceptance: {
        _tag: 'Partial',
        accepted: q('2000000.00'),
        refusal: { ground: 'defective', text: 'defective transmissions' },
      },
    })
    if (divert)
      b.op({
        _tag: 'DivertRemainder',
        date: d('1936-06-20'),
        demand: id('PD-36-114'),
        instrument: 'bill',
        instrumentId: id('B-36-07'),
        payee: e('procurer'),
        maturity: d('1936-09-18'),
      })
    else b.op({ _tag: 'ReverseRemainder', date: d('1936-06-20'), demand: id('PD-36-114') })
    return b.books
  }
  it('is silent when the remainder is reversed with its reasoned refusal', () => {
    expect(evaluate(Rules.partialAcceptanceRemainder, input(books(false), '1936-12-31'))).toEqual([])
  })
  it('is critical when the remainder is diverted as a bill to a third party', () => {
    const findings = evaluate(Rules.partialAcceptanceRemainder, input(books(true), '1936-12-31'))
    expect(findings.map((finding) => [finding.severity, finding.documents, measure(finding, 'diverted')])).toEqual([
      ['critical', ['B-36-07', 'PD-36-114'], '1800000 RUB'],
    ])
  })
})

describe('bill-between-state-parties (R13)', () => {
  const books = () =>
    new BooksBuilder().op({
      _tag: 'DrawBill',
      date: d('1936-06-20'),
      id: id('B-1'),
      drawer: e('kirov'),
      payee: e('abtu'),
      face: q('1800000.00'),
      maturity: d('1936-09-18'),
      settles: 'expense',
    }).books
  it('is critical for a bill between two state-sector parties after the cut-off', () => {
    expect(
      evaluate(Rules.billBetweenStateParties, input(books(), '1936-12-31')).map((finding) => [
        finding.severity,
        finding.documents[0],
      ]),
    ).toEqual([['critical', 'B-1']])
  })
  it('is silent when the cut-off (a dated parameter) is later than the bill', () => {
    expect(
      evaluate(
        Rules.billBetweenStateParties,
        input(books(), '1936-12-31', {
          settings: [setting('bill-between-state-parties', 'cutoff', { _tag: 'Date', date: d('1937-01-01') })],
        }),
      ),
    ).toEqual([])
  })
})

describe('count-vs-book (R17)', () => {
  const books = (counted: string) =>
    new BooksBuilder()
      .op({ _tag: 'LaunchWip', date: d('1936-01-10'), entity: e('kirov'), goods: goods('10') })
      .op({ _tag: 'CompleteWip', date: d('1936-02-01'), entity: e('kirov'), goods: goods('10'), cost: q('0') })
      .op({
        _tag: 'PhysicalCount',
        date: d('1936-12-31'),
        id: id('CT-1'),
        entity: e('kirov'),
        account: account('kirov:assets:finished'),
        commodity: sym('T28'),
        counted: q(counted),
        unitValue: q('1000.00'),
      }).books
  it('is silent when the count equals the book', () => {
    expect(evaluate(Rules.countVsBook, input(books('10'), '1936-12-31'))).toEqual([])
  })
  it('warns for a shortage and is critical when nothing is found', () => {
    expect(
      evaluate(Rules.countVsBook, input(books('8'), '1936-12-31')).map((finding) => [
        finding.severity,
        finding.moneyGap && Quantity.toString(finding.moneyGap.quantity),
      ]),
    ).toEqual([['warn', '-2000']])
    expect(evaluate(Rules.countVsBook, input(books('0'), '1936-12-31')).map((finding) => finding.severity)).toEqual([
      'critical',
    ])
  })
})

describe('generic checks', () => {
  it('finds duplicates under different numbers and gaps in a numbered sequence', () => {
    const b = new BooksBuilder()
    for (const n of [1, 2, 5])
      b.op({
        _tag: 'PresentDemand',
        date: d('1936-06-10'),
        id: id(`PD-${n}`),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q(n === 5 ? '10.00' : '99.00'),
      })
    expect(
      evaluate(Rules.duplicateDocuments, input(b.books, '1936-12-31')).map((finding) => finding.documents),
    ).toEqual([['PD-1', 'PD-2']])
    expect(
      evaluate(Rules.documentNumberGaps, input(b.books, '1936-12-31')).map((finding) => [
        measure(finding, 'missing'),
        finding.message.includes('PD-3, PD-4'),
      ]),
    ).toEqual([['2', true]])
  })
  it('is silent for distinct, consecutive documents', () => {
    const b = new BooksBuilder()
    for (const n of [1, 2, 3])
      b.op({
        _tag: 'PresentDemand',
        date: d(`1936-06-1${n}`),
        id: id(`PD-${n}`),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q('99.00'),
      })
    expect(evaluate(Rules.duplicateDocuments, input(b.books, '1936-12-31'))).toEqual([])
    expect(evaluate(Rules.documentNumberGaps, input(b.books, '1936-12-31'))).toEqual([])
  })
  it('Benford: needs 300 amounts, flags a uniform digit distribution, passes a Benford one', () => {
    const post = (amounts: ReadonlyArray<string>) => {
      const b = new BooksBuilder()
      b.tx('1936-01-01', 'bonuses', [
        ...amounts.map((amount) => ({ account: 'kirov:expenses:wages:bonus', money: amount })),
        { account: 'kirov:liabilities:wages', money: `-${Quantity.toString(Quantity.sumAll(amounts.map(q)))}` },
      ])
      return b.books
    }
    const uniform = Array.from({ length: 360 }, (_, index) => `${(index % 9) + 1}00.00`)
    const findings = evaluate(Rules.benfordFirstDigit, input(post(uniform), '1936-12-31'))
    expect(findings.map((finding) => [finding.severity, measure(finding, 'n')])).toEqual([['warn', '360']])
    expect(evaluate(Rules.benfordFirstDigit, input(post(uniform.slice(0, 299)), '1936-12-31'))).toEqual([])
    const benford = Array.from({ length: 1000 }, (_, index) =>
      Quantity.toString(
        Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(q((10 ** (1 + (index + 0.5) / 1000)).toFixed(6))),
      ),
    )
    expect(evaluate(Rules.benfordFirstDigit, input(post(benford), '1936-12-31'))).toEqual([])
  })
})
