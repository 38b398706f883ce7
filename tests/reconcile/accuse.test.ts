/**
 * Rules that accuse only what the books show (issue 17): one regression test per defect, each on
 * small hand-computed books. Every test failed before its fix.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Quantity } from '../../src/core/index.js'
import { loadText, memoryFileSystem } from '../../src/index.js'
import { type Finding, measureOf } from '../../src/reconcile/index.js'
import { declarations, findingsOf } from './journal.js'

const of = (findings: ReadonlyArray<Finding>, rule: string): ReadonlyArray<Finding> =>
  findings.filter((finding) => finding.rule === rule)
const text = (finding: Finding | undefined, key: string): string | undefined => {
  const value = finding === undefined ? undefined : measureOf(finding, key)
  if (value === undefined) return undefined
  return value._tag === 'Amount'
    ? `${Quantity.toString(value.amount.quantity)} ${value.amount.commodity}`
    : value._tag === 'Percent'
      ? `${Quantity.toString(value.percent)}%`
      : value._tag === 'Number'
        ? Quantity.toString(value.value)
        : value._tag === 'Interval'
          ? value.written
          : `not computable: no ${value.missing}`
}

const civilianSale = `
plan     1936  kirov  output:T28     3,800,000.00 RUB
plan     1936  kirov  output:T28     [10 T28]
1936-01-06 launch    kirov  10 T28  lot L-1
1936-03-31 wages     kirov  workers  3,000,000.00 RUB  charge wip  lot L-1
1936-06-30 complete  kirov  10 T28  cost 3,000,000.00 RUB  lot L-1
1936-07-01 ship      S-1  kirov -> lentorg  10 T28  cost 3,000,000.00 RUB  lot L-1
1936-07-02 demand    PD-1  kirov -> lentorg  10 T28 @ 380,000.00 RUB  shipments S-1  lot L-1
1936-07-05 accept    PD-1
1936-07-10 pay       PD-1  3,800,000.00 RUB
`

describe('1. plan-fulfilment-triangulation', () => {
  it('counts a demand accepted and paid by a civilian buyer as realized (no military acceptance applies)', () => {
    expect(of(findingsOf(civilianSale, '1936-12-31'), 'plan-fulfilment-triangulation')).toEqual([])
  })
  it('says "reported" only of a reported figure: with none reported it is silent, never passing a computed figure off as the plant\'s', () => {
    // realized 0 %: the demand is presented but never paid
    const unpaid = civilianSale.replace('1936-07-10 pay       PD-1  3,800,000.00 RUB\n', '')
    expect(of(findingsOf(unpaid, '1936-12-31'), 'plan-fulfilment-triangulation')).toEqual([])
    const reported = of(
      findingsOf(`${unpaid}\nreported 1936  kirov  plan-fulfilment  100%\n`, '1936-12-31'),
      'plan-fulfilment-triangulation',
    )[0]
    expect(text(reported, 'reported')).toBe('100%')
    expect(reported?.message).toMatch(/reported 100\.00 %/u)
    expect(reported?.message).toMatch(/realized sales reach 0\.00 % \(computed/u)
  })
})

const militaryLot = `
1936-01-06 launch    kirov  10 T28  lot L-1
1936-03-31 wages     kirov  workers  3,000,000.00 RUB  charge wip  lot L-1
1936-06-30 complete  kirov  10 T28  cost 3,000,000.00 RUB  lot L-1
`

describe('2. rejection-rate-plausibility', () => {
  it('invents no case when no rejection rate is reported', () => {
    // ten tanks completed, none accepted yet: nothing reported, nothing to set against
    expect(of(findingsOf(militaryLot, '1936-12-31'), 'rejection-rate-plausibility')).toEqual([])
  })
  it('does not count an opening stock as produced', () => {
    const opening = `
reported 1936  kirov  rejection-rate:T28  5%
1936-01-01 * Opening stock of finished tanks
    kirov:assets:finished           3,000,000.00 RUB  [10 T28]
    kirov:equity:goods-origin                         [-10 T28]
    kirov:equity:own-working-capital
`
    expect(of(findingsOf(opening, '1936-12-31'), 'rejection-rate-plausibility')).toEqual([])
  })
  it('does not count goods still inside their acceptance period as rejected', () => {
    const young = `reported 1936  kirov  rejection-rate:T28  5%\n${militaryLot.replace('1936-06-30 complete', '1936-12-01 complete')}`
    expect(of(findingsOf(young, '1936-12-31'), 'rejection-rate-plausibility')).toEqual([])
  })
  it('still finds units recorded as produced long ago and never accepted, and labels only the reported rate "reported"', () => {
    const [finding] = of(
      findingsOf(`reported 1936  kirov  rejection-rate:T28  5%\n${militaryLot}`, '1936-12-31'),
      'rejection-rate-plausibility',
    )
    expect(finding?.severity).toBe('critical')
    expect(text(finding, 'reported')).toBe('5%')
    expect(text(finding, 'implied')).toBe('100%')
  })
})

describe('3. duplicate-documents', () => {
  const twice = `
1936-06-01 ship    S-1   kirov -> lentorg  0 T28  cost 0.00 RUB
1936-06-10 demand  PD-1  kirov -> lentorg  1,000.00 RUB
1936-06-10 demand  PD-1  kirov -> lentorg  1,000.00 RUB
`.replace('1936-06-01 ship    S-1   kirov -> lentorg  0 T28  cost 0.00 RUB\n', '')
  it('records the same demand entered twice and finds it, citing both lines', () => {
    const findings = of(findingsOf(twice, '1936-12-31'), 'duplicate-documents')
    expect(findings).toHaveLength(1)
    const lines = findings[0]?.evidence.map((evidence) => evidence.line)
    expect(lines?.length).toBe(2)
    expect(new Set(lines).size).toBe(2)
    expect(findings[0]?.message).toMatch(/PD-1/u)
  })
  it('still refuses a different document under a number already used', () => {
    const loaded = loadText(
      't.journal',
      `${declarations}\n1936-06-10 demand PD-1 kirov -> lentorg 1,000.00 RUB\n1936-06-11 demand PD-1 kirov -> lentorg 2,000.00 RUB\n`,
      { fileSystem: memoryFileSystem(new Map()) },
    )
    expect(E.isLeft(loaded) ? loaded.left.diagnostics.map((diagnostic) => diagnostic.tag) : []).toContain(
      'DuplicateDocument',
    )
  })
})

describe('4. working-capital-above-norm', () => {
  // norms: materials 100,000, wip 100,000 (total 200,000 computed, or 200,000 written);
  // actual: materials 150,000 (50 % over), wip 110,000 (10 % over): total 260,000, 30 % over.
  const books = (withTotal: boolean): string => `
norm 1936 kirov working-capital:materials 100,000.00 RUB
norm 1936 kirov working-capital:wip 100,000.00 RUB
${withTotal ? 'norm 1936 kirov working-capital 200,000.00 RUB\n' : ''}
1936-01-01 * Opening balances
    kirov:assets:materials   150,000.00 RUB
    kirov:assets:wip         110,000.00 RUB
    kirov:equity:own-working-capital
`
  it('judges the total against the total norm, and a category at 50 % of a plant 30 % over is a warn, not a critical', () => {
    for (const withTotal of [false, true]) {
      const findings = of(findingsOf(books(withTotal), '1936-12-31'), 'working-capital-above-norm')
      expect(findings.map((finding) => finding.severity)).not.toContain('critical')
      const total = findings.find((finding) => finding.message.includes('(total)'))
      expect(total?.severity).toBe('warn')
      expect(text(total, 'excess')).toBe('60000 RUB')
      expect(text(total, 'ratio')).toBe('30%')
    }
  })
  it('shows a category under its norm as under, not as excess', () => {
    const under = books(false).replace('110,000.00 RUB', '60,000.00 RUB').replace('150,000.00 RUB', '200,000.00 RUB')
    const findings = of(findingsOf(under, '1936-12-31'), 'working-capital-above-norm')
    const total = findings.find((finding) => finding.message.includes('(total)'))
    expect(text(total, 'under:wip')).toBe('40000 RUB')
    expect(text(total, 'excess:materials')).toBe('100000 RUB')
    expect(findings.some((finding) => finding.message.includes('(wip)'))).toBe(false)
  })
})

describe('5. partial-acceptance-remainder', () => {
  it('reports an unreasoned refusal even when the remainder was diverted', () => {
    const journal = `
1936-06-10 demand  PD-1  kirov -> abtu  1,000.00 RUB
1936-06-12 accept  PD-1  partial 600.00 RUB  refuse 400.00 RUB  ground defective
1936-06-20 divert  PD-1  bill B-1 -> procurer-x  maturity 1936-09-18
`
    const findings = of(findingsOf(journal, '1936-06-30'), 'partial-acceptance-remainder')
    expect(findings.map((finding) => finding.threshold.text).sort()).toEqual([
      'refusal without a stated reason',
      'remainder diverted to an instrument',
    ])
  })
})

describe('6. demand-without-shipment', () => {
  it('reports the part of the documents credit that rests on the unshipped goods', () => {
    const journal = `
1936-01-06 launch    kirov  10 T28  lot L-1
1936-06-30 complete  kirov  10 T28  cost 3,000,000.00 RUB  lot L-1
1936-07-01 ship      S-1  kirov -> abtu  4 T28  cost 1,200,000.00 RUB  lot L-1
1936-07-02 demand    PD-1  kirov -> abtu  10 T28 @ 380,000.00 RUB  shipments S-1
1936-07-03 credit-documents  PD-1  gosbank  3,000,000.00 RUB
`
    const [finding] = of(findingsOf(journal, '1936-07-31'), 'demand-without-shipment')
    expect(text(finding, 'documents-credit')).toBe('3000000 RUB')
    // 6 of 10 units unshipped: 3,000,000 × 6 / 10
    expect(text(finding, 'documents-credit:unshipped')).toBe('1800000 RUB')
    expect(finding?.message).toMatch(/1,800,000\.00 RUB of it rests on the unshipped goods/u)
  })
})

describe('7. bill-between-state-parties', () => {
  it('is critical when a state plant draws a bill to a person whose discount proceeds land in a savings-bank account', () => {
    const journal = `
1936-06-10 demand  PD-1  kirov -> abtu  1,000.00 RUB
1936-06-12 accept  PD-1  partial 600.00 RUB  refuse 400.00 RUB  ground defective  "defective transmissions"
1936-06-20 divert  PD-1  bill B-1 -> procurer-x  maturity 1936-09-18
1936-06-21 bill    B-1  discount at sberkassa  rate 8%  basis 360  proceeds-to procurer-x:assets:savings
`
    const [finding] = of(findingsOf(journal, '1936-06-30'), 'bill-between-state-parties')
    expect(finding?.severity).toBe('critical')
    expect(finding?.message).toMatch(/proceeds/u)
  })
  it("stays info for a bill to a person paid into the holder's own account", () => {
    const journal = `
1936-06-10 demand  PD-1  kirov -> abtu  1,000.00 RUB
1936-06-12 accept  PD-1  partial 600.00 RUB  refuse 400.00 RUB  ground defective  "defective transmissions"
1936-06-20 divert  PD-1  bill B-1 -> procurer-x  maturity 1936-09-18
`
    const [finding] = of(findingsOf(journal, '1936-06-30'), 'bill-between-state-parties')
    expect(finding?.severity).toBe('info')
  })
})

describe('8. count-vs-book', () => {
  it('cites the book entries the balance rests on, not only the count line', () => {
    const journal = `
1936-01-06 launch    kirov  10 T28  lot L-1
1936-06-30 complete  kirov  10 T28  cost 3,000,000.00 RUB  lot L-1
1936-12-31 count CNT-1 kirov:assets:finished:L-1  8 T28  @ 300,000.00 RUB
`
    const [finding] = of(findingsOf(journal, '1936-12-31'), 'count-vs-book')
    const lines = finding?.evidence.map((evidence) => evidence.line) ?? []
    const at = (fragment: string): number =>
      `${declarations}\n${journal}`.split('\n').findIndex((line) => line.includes(fragment)) + 1
    expect(lines).toContain(at('count CNT-1'))
    expect(lines).toContain(at('complete  kirov'))
  })
})

describe('9. demand-without-shipment and services', () => {
  it('does not judge a demand for services (repair, rework) as unshipped goods', () => {
    const journal = '1936-06-10 demand  PD-1  kirov -> abtu  50,000.00 RUB  for services\n'
    expect(of(findingsOf(journal, '1936-06-30'), 'demand-without-shipment')).toEqual([])
    const goods = '1936-06-10 demand  PD-1  kirov -> abtu  50,000.00 RUB\n'
    expect(of(findingsOf(goods, '1936-06-30'), 'demand-without-shipment').map((finding) => finding.severity)).toEqual([
      'critical',
    ])
  })
})

describe('10. bill discount at or above face value', () => {
  const bill = (rate: string): string => `
1936-06-10 demand  PD-1  kirov -> abtu  1,000.00 RUB
1936-06-12 accept  PD-1  partial 600.00 RUB  refuse 400.00 RUB  ground defective  "defective"
1936-06-20 divert  PD-1  bill B-1 -> procurer-x  maturity 1936-09-18
1936-06-21 bill    B-1  discount at sberkassa  rate ${rate}  basis 360
`
  it('is refused with a typed, located error', () => {
    const loaded = loadText('t.journal', `${declarations}\n${bill('800%')}`, {
      fileSystem: memoryFileSystem(new Map()),
    })
    expect(E.isLeft(loaded)).toBe(true)
    if (E.isLeft(loaded)) {
      const [diagnostic] = loaded.left.diagnostics
      expect(diagnostic?.tag).toBe('DiscountNotBelowFace')
      expect(diagnostic?.span?.line).toBe(
        `${declarations}\n${bill('800%')}`.split('\n').findIndex((line) => line.includes('discount at sberkassa')) + 1,
      )
    }
  })
  it('accepts an ordinary discount', () => {
    expect(() => findingsOf(bill('8%'), '1936-06-30')).not.toThrow()
  })
})

describe('wip-growth-vs-plan without an output plan', () => {
  it('is silent: a missing plan is not a flat plan', () => {
    const journal = `
1936-01-01 * Opening work in progress
    kirov:assets:wip   100,000.00 RUB
    kirov:equity:own-working-capital
1936-04-15 * Work in progress grows
    kirov:assets:wip   50,000.00 RUB
    kirov:liabilities:payables
1936-07-15 * Work in progress grows
    kirov:assets:wip   50,000.00 RUB
    kirov:liabilities:payables
1936-10-15 * Work in progress grows
    kirov:assets:wip   50,000.00 RUB
    kirov:liabilities:payables
`
    expect(of(findingsOf(journal, '1936-12-31'), 'wip-growth-vs-plan')).toEqual([])
    const planned = of(
      findingsOf(`plan 1936 kirov output:T28 1,000,000.00 RUB\n${journal}`, '1936-12-31'),
      'wip-growth-vs-plan',
    )
    expect(planned.map((finding) => finding.severity)).toEqual(['warn'])
  })
})
