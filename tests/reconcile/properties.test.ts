/**
 * Properties: honest books yield no warn or critical finding; planting a rule's mechanism makes
 * it fire with the planted amount. Amounts are generated as integers of kopecks, never floats.
 */

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { AccountName, LocalDate, Quantity } from '../../src/core/index.js'
import type { AnyRule } from '../../src/reconcile/index.js'
import {
  builtInRules,
  type Finding,
  measureOf,
  ReconcileOutputCodec,
  Rules,
  reconcile,
  toJson,
} from '../../src/reconcile/index.js'
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
  sym,
} from './fixtures.js'

const RUNS = 25

const money = (kopecks: bigint): string => Quantity.unsafeToFixed(Quantity.unsafeFromBigInt(kopecks, 2), 2)
const dayOf = (offset: number): string => {
  const result = LocalDate.addDays(offset)(d('1936-01-02'))
  if (E.isLeft(result)) throw new Error('date')
  return result.right
}

const run = (
  books: BooksBuilder,
  rules: ReadonlyArray<AnyRule> = builtInRules,
  extra: Parameters<typeof input>[2] = {},
): ReadonlyArray<Finding> => {
  const result = reconcile(input(books.books, '1936-12-31', extra), rules)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

const only = (rule: AnyRule, books: BooksBuilder, extra: Parameters<typeof input>[2] = {}) =>
  run(books, [rule], extra).filter((finding) => finding.rule === rule.id)

const sale = fc.record({ units: fc.integer({ min: 1, max: 20 }), price: fc.bigInt({ min: 100n, max: 50_000_000n }) })

/** Honest books: every demand shipped and accepted in full and paid; wages within the fund; counts equal to the book; working capital within the norm. */
const honest = (
  sales: ReadonlyArray<{ readonly units: number; readonly price: bigint }>,
  wages: bigint,
  materials: number,
): BooksBuilder => {
  const total = sales.reduce((sum, item) => sum + BigInt(item.units) * item.price, 0n)
  const b = new BooksBuilder()
    .setPlan('1936-01-01', 'kirov', { _tag: 'WorkingCapitalNorm', category: 'total' }, '1936', '1000000000000.00')
    .setPlan('1936-01-01', 'kirov', { _tag: 'WageFund', staffCategory: label('total') }, '1936', money(wages + 1n))
    .setPlan(
      '1936-01-01',
      'kirov',
      { _tag: 'OutputPlan', commodity: sym('T28') },
      '1936',
      money(total),
      String(sales.reduce((sum, item) => sum + item.units, 0)),
    )
  sales.forEach((item, index) => honestSale(b, index + 1, dayOf(index * 3), String(item.units), money(item.price)))
  b.op({
    _tag: 'AccrueWages',
    date: d('1936-06-30'),
    entity: e('kirov'),
    staffCategory: label('workers'),
    amount: q(money(wages)),
    chargeTo: 'wages',
  })
  b.op({
    _tag: 'ReceiveMaterials',
    date: d('1936-07-01'),
    entity: e('kirov'),
    goods: goods(String(materials), 'steel'),
    cost: q(money(BigInt(materials) * 100n)),
  })
  b.op({
    _tag: 'PhysicalCount',
    date: d('1936-12-31'),
    id: id('CT-1'),
    entity: e('kirov'),
    account: AccountName.unsafeFromString('kirov:assets:materials'),
    commodity: sym('steel'),
    counted: q(String(materials)),
    unitValue: q('1.00'),
  })
  return b
}

const honestArbitrary = fc.record({
  sales: fc.array(sale, { minLength: 1, maxLength: 12 }),
  wages: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
  materials: fc.integer({ min: 1, max: 1000 }),
})

const gapOf = (finding: Finding | undefined): string | undefined =>
  finding?.moneyGap !== undefined ? Quantity.toString(finding.moneyGap.quantity) : undefined

describe('properties', () => {
  it('honest books yield no warn or critical finding', () => {
    fc.assert(
      fc.property(honestArbitrary, ({ sales, wages, materials }) => {
        const findings = run(honest(sales, wages, materials))
        expect(findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.message)).toEqual([])
      }),
      { numRuns: RUNS },
    )
  })

  it('R3: invoicing units never shipped fires with units × price', () => {
    fc.assert(
      fc.property(
        honestArbitrary,
        fc.integer({ min: 1, max: 50 }),
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        ({ sales, wages, materials }, units, price) => {
          const b = honest(sales, wages, materials)
          b.op({
            _tag: 'PresentDemand',
            date: d('1936-11-30'),
            id: id(`PD-${sales.length + 1}`),
            seller: e('kirov'),
            buyer: e('abtu'),
            amount: q(money(BigInt(units) * price)),
            units: goods(String(units)),
            unitPrice: q(money(price)),
            shipments: [],
          })
          const findings = only(Rules.demandWithoutShipment, b)
          expect(findings.map(gapOf)).toEqual([Quantity.toString(Quantity.unsafeFromBigInt(BigInt(units) * price, 2))])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('R1: working capital planted above its norm fires with the excess', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100n, max: 10_000_000_000n }),
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        (norm, excess) => {
          const b = new BooksBuilder().setPlan(
            '1936-12-31',
            'kirov',
            { _tag: 'WorkingCapitalNorm', category: 'total' },
            '1936',
            money(norm),
          )
          b.tx('1936-06-01', 'stocks', [
            { account: 'kirov:assets:materials', money: money(norm + excess) },
            { account: 'kirov:liabilities:gosbank:short-term', money: `-${money(norm + excess)}` },
          ])
          expect(only(Rules.workingCapitalAboveNorm, b).map(gapOf)).toEqual([
            Quantity.toString(Quantity.unsafeFromBigInt(excess, 2)),
          ])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('R6: payroll planted above the wage fund fires with the overrun', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 100n, max: 10_000_000_000n }),
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        (fund, overrun) => {
          const b = new BooksBuilder().setPlan(
            '1936-01-01',
            'kirov',
            { _tag: 'WageFund', staffCategory: label('total') },
            '1936',
            money(fund),
          )
          b.tx('1936-12-31', 'payroll', [
            { account: 'kirov:expenses:wages', money: money(fund + overrun) },
            { account: 'kirov:liabilities:wages', money: `-${money(fund + overrun)}` },
          ])
          expect(only(Rules.wageFundOverrun, b).map(gapOf)).toEqual([
            Quantity.toString(Quantity.unsafeFromBigInt(overrun, 2)),
          ])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('R12: a diverted remainder fires with the diverted amount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 2n, max: 10_000_000_000n }),
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        (accepted, remainder) => {
          const b = new BooksBuilder()
            .op({
              _tag: 'PresentDemand',
              date: d('1936-06-10'),
              id: id('PD-1'),
              seller: e('kirov'),
              buyer: e('abtu'),
              amount: q(money(accepted + remainder)),
            })
            .op({
              _tag: 'AcceptDemand',
              date: d('1936-06-11'),
              demand: id('PD-1'),
              acceptance: {
                _tag: 'Partial',
                accepted: q(money(accepted)),
                refusal: { ground: 'defective', text: 'defective' },
              },
            })
            .op({
              _tag: 'DivertRemainder',
              date: d('1936-06-20'),
              demand: id('PD-1'),
              instrument: 'bill',
              instrumentId: id('B-1'),
              payee: e('procurer'),
              maturity: d('1936-09-18'),
            })
          const findings = only(Rules.partialAcceptanceRemainder, b)
          const diverted = findings[0] === undefined ? undefined : measureOf(findings[0], 'diverted')
          expect(diverted?._tag === 'Amount' && Quantity.toString(diverted.amount.quantity)).toBe(
            Quantity.toString(Quantity.unsafeFromBigInt(remainder, 2)),
          )
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('R17: a count short of the book fires with the missing units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (book, rawShort) => {
        const short = Math.min(Math.max(rawShort, Math.floor(book / 200) + 1), book - 1) // above the 0.5 % tolerance
        const b = new BooksBuilder()
          .op({
            _tag: 'ReceiveMaterials',
            date: d('1936-07-01'),
            entity: e('kirov'),
            goods: goods(String(book), 'steel'),
            cost: q('100.00'),
          })
          .op({
            _tag: 'PhysicalCount',
            date: d('1936-12-31'),
            id: id('CT-1'),
            entity: e('kirov'),
            account: AccountName.unsafeFromString('kirov:assets:materials'),
            commodity: sym('steel'),
            counted: q(String(book - short)),
            unitValue: q('1.00'),
          })
        const findings = only(Rules.countVsBook, b)
        expect(
          findings.map((finding) => finding.unitGap !== undefined && Quantity.toString(finding.unitGap.quantity)),
        ).toEqual([String(-short)])
      }),
      { numRuns: RUNS },
    )
  })

  it('R9: units produced but not finally accepted fire against a reported 0 % rejection', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 100 }), (produced, acceptedShare) => {
        const accepted = Math.floor((produced * Math.min(acceptedShare, 70)) / 100)
        const b = new BooksBuilder()
        b.tx('1936-06-30', 'produced', [
          { account: 'kirov:assets:finished', goods: [String(produced), 'T28'] },
          { account: 'kirov:assets:wip', goods: [`-${produced}`, 'T28'] },
        ])
        if (accepted > 0)
          b.tx('1936-09-30', 'accepted', [
            { account: 'kirov:expenses:cost-of-sales', goods: [String(accepted), 'T28'] },
            { account: 'kirov:assets:finished', goods: [`-${accepted}`, 'T28'] },
          ])
        const figures = [reported(b, '1936', 'kirov', 'rejection-rate', percent('0'))]
        const findings = only(Rules.rejectionRatePlausibility, b, { reported: figures })
        expect(
          findings.map((finding) => finding.unitGap !== undefined && Quantity.toString(finding.unitGap.quantity)),
        ).toEqual([String(produced - accepted)])
      }),
      { numRuns: RUNS },
    )
  })

  it('R11: loans on one lot above its value fire with the excess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.bigInt({ min: 100n, max: 1_000_000_000n }),
        fc.bigInt({ min: 1n, max: 1_000_000_000n }),
        (lotUnits, price, excess) => {
          const value = BigInt(lotUnits) * price
          const b = new BooksBuilder()
            .op({
              _tag: 'SignContract',
              date: d('1936-01-05'),
              id: id('C-1'),
              seller: e('kirov'),
              buyer: e('abtu'),
              unitPrice: q(money(price)),
              plannedCost: q(money(price)),
              description: 'T-28',
              commodity: sym('T28'),
            })
            .op({
              _tag: 'LaunchWip',
              date: d('1936-01-10'),
              entity: e('kirov'),
              goods: goods(String(lotUnits)),
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
              purpose: 'p',
              collateral: { lots: [id('L-1')], contracts: [] },
              principal: q(money(value)),
              ...loanTerms,
            })
            .op({
              _tag: 'DrawLoan',
              date: d('1936-03-01'),
              id: id('LN-2'),
              lender: e('gosbank'),
              borrower: e('abtu'),
              loanKind: 'gosbankShortTerm',
              purpose: 'p',
              collateral: { lots: [id('L-1')], contracts: [] },
              principal: q(money(excess)),
              ...loanTerms,
            })
          const findings = only(Rules.sameOutputPledged, b).filter((finding) => finding.severity === 'critical')
          expect(findings.map(gapOf)).toEqual([Quantity.toString(Quantity.unsafeFromBigInt(excess, 2))])
        },
      ),
      { numRuns: RUNS },
    )
  })
})

describe('robustness', () => {
  const roles = [
    'assets:materials',
    'assets:wip',
    'assets:wip:rejected',
    'assets:finished',
    'assets:provisional',
    'assets:shipped',
    'assets:receivables',
    'assets:receivables:diverted',
    'assets:bank:current',
    'liabilities:gosbank:short-term',
    'liabilities:bills',
    'expenses:wages',
    'expenses:wages:bonus',
    'expenses:cost-of-sales',
    'income:sales',
  ]
  const row = fc.record({
    role: fc.constantFrom(...roles),
    entity: fc.constantFrom('kirov', 'abtu'),
    kopecks: fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n }),
    units: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
    day: fc.integer({ min: 0, max: 700 }),
  })
  it('any aggregate books reconcile without throwing, and the output validates against its codec', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: 0, max: 200 }), (rows, rate) => {
        const b = new BooksBuilder()
          .setPlan('1936-01-01', 'kirov', { _tag: 'WorkingCapitalNorm', category: 'wip' }, '1936', '1000.00')
          .setPlan('1936-01-01', 'kirov', { _tag: 'WageFund', staffCategory: label('total') }, '1936', '1000.00')
          .setPlan('1936-01-01', 'kirov', { _tag: 'OutputPlan', commodity: sym('T28') }, '1936', '1000.00', '10')
        for (const item of rows) {
          const amount = money(item.kopecks)
          const negated = money(-item.kopecks)
          b.tx(dayOf(item.day - 300), 'random', [
            {
              account: `${item.entity}:${item.role}`,
              money: amount,
              ...(item.units !== undefined ? { goods: [String(item.units), 'T28'] as const } : {}),
              tags: { fund: 'wage-fund' },
            },
            { account: `${item.entity}:equity:fund`, money: negated },
          ])
        }
        const figures = [
          reported(b, '1936', 'kirov', 'rejection-rate', percent(String(rate))),
          reported(b, '1936', 'kirov', 'plan-fulfilment', percent(String(rate))),
        ]
        const result = reconcile(input(b.books, '1936-12-31', { reported: figures }), builtInRules)
        expect(E.isRight(result)).toBe(true)
        if (E.isRight(result)) {
          const json = JSON.parse(JSON.stringify(toJson(result.right)))
          expect(E.isRight(ReconcileOutputCodec.decode(json))).toBe(true)
        }
      }),
      { numRuns: RUNS },
    )
  })
})
