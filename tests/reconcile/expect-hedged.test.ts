/**
 * A hedged expectation matches an interval-valued measure by containment: expected `<100%`
 * matches measured `<100%` (and `<90%` lies inside `<100%`), expected `~53,765,000.00 RUB`
 * matches the exact 53,765,000; a measured interval reaching outside the expected one fails.
 */
import { describe, expect, it } from 'vitest'
import { Amount, Entity, Interval, LocalDate, Quantity, SourceSpan } from '../../src/core/index.js'
import type { Expectation, Figure } from '../../src/domain/Statements.js'
import { checkExpectations } from '../../src/reconcile/Expectations.js'
import type { Finding, MeasureValue } from '../../src/reconcile/Finding.js'

const q = (text: string) => Quantity.unsafeFromString(text)
const right = <A>(either: { _tag: 'Left' } | { _tag: 'Right'; right: A }): A => {
  if (either._tag === 'Left') throw new Error('left')
  return either.right
}

const finding = (value: MeasureValue): Finding =>
  ({
    rule: 'r',
    entity: 'kirov',
    date: LocalDate.unsafeFromString('1936-12-31'),
    severity: 'critical',
    documents: [],
    lots: [],
    measures: [{ key: 'm', value }],
  }) as unknown as Finding

const expectation = (figure: Figure): Expectation => ({
  negated: false,
  rule: 'r',
  entity: Entity.unsafeName('kirov'),
  measures: [{ key: 'm', value: { _tag: 'Figure', figure } }],
  citations: [],
  span: SourceSpan.synthetic('t'),
})

const percent = (interval: Interval.Interval, written: string): Figure => ({
  interval,
  unit: { _tag: 'Percent' },
  written,
})
const passes = (value: MeasureValue, figure: Figure): boolean =>
  checkExpectations([finding(value)], [expectation(figure)])[0]?.passed === true

describe('hedged expectations by containment', () => {
  const below100 = Interval.below(q('100'), false)
  it('expected <100% matches measured <100% and <90%', () => {
    expect(passes({ _tag: 'Interval', written: '<100%', interval: below100 }, percent(below100, '<100%'))).toBe(true)
    expect(
      passes(
        { _tag: 'Interval', written: '<90%', interval: Interval.below(q('90'), false) },
        percent(below100, '<100%'),
      ),
    ).toBe(true)
  })
  it('fails when the measured interval is not contained', () => {
    expect(
      passes(
        { _tag: 'Interval', written: '<=100%', interval: Interval.below(q('100'), true) },
        percent(below100, '<100%'),
      ),
    ).toBe(false)
    expect(
      passes(
        { _tag: 'Interval', written: '<120%', interval: Interval.below(q('120'), false) },
        percent(below100, '<100%'),
      ),
    ).toBe(false)
    expect(
      passes(
        { _tag: 'Interval', written: '>6,000,000.00 RUB', interval: Interval.above(q('6000000'), false) },
        percent(Interval.above(q('0'), false), '>0%'),
      ),
    ).toBe(false)
  })
  it('expected ~53,765,000.00 RUB matches the exact measured 53,765,000 and not 60,000,000', () => {
    const approx: Figure = {
      interval: right(Interval.approximate(q('53765000'), q('0.05'))),
      unit: { _tag: 'Amount', commodity: 'RUB' as Amount.Amount['commodity'], bracketed: false },
      written: '~53,765,000.00 RUB',
    }
    const amount = (text: string): MeasureValue => ({
      _tag: 'Amount',
      amount: Amount.make(q(text), 'RUB' as Amount.Amount['commodity']),
    })
    expect(passes(amount('53765000'), approx)).toBe(true)
    expect(passes(amount('60000000'), approx)).toBe(false)
  })
  it('Interval.within: open and closed ends, unbounded and unknown', () => {
    expect(Interval.within(Interval.exact(q('5')), right(Interval.range(q('5'), q('6'))))).toBe(true)
    expect(Interval.within(Interval.above(q('5'), true), Interval.above(q('5'), false))).toBe(false)
    expect(Interval.within(Interval.above(q('5'), false), Interval.above(q('5'), true))).toBe(true)
    expect(Interval.within(Interval.unknown, below100)).toBe(false)
    expect(Interval.within(below100, Interval.unknown)).toBe(true)
  })
})
