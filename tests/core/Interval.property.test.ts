import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Interval from '../../src/core/Interval.js'
import * as Quantity from '../../src/core/Quantity.js'

const q = Quantity.unsafeFromString
const fromCents = (cents: bigint): Quantity.Quantity => Quantity.unsafeFromBigInt(cents, 2)

const cents = fc.bigInt({ min: -10_000_000n, max: 10_000_000n })
const quantity = cents.map(fromCents)
const positive = fc.bigInt({ min: 1n, max: 10_000_000n }).map(fromCents)

/** An interval of any kind but unknown, with one point of it. */
const intervalWithPoint: fc.Arbitrary<{ readonly interval: Interval.Interval; readonly point: Quantity.Quantity }> =
  fc.oneof(
    quantity.map((point) => ({ interval: Interval.exact(point), point })),
    fc.tuple(quantity, fc.integer({ min: 0, max: 100 })).map(([center, t]) => {
      const interval = (Interval.approximate(center, fromCents(BigInt(t))) as E.Right<Interval.Interval>).right
      return { interval, point: center }
    }),
    fc
      .tuple(
        quantity,
        cents.filter((c) => c >= 0n),
        fc.boolean(),
      )
      .map(([low, above, inclusive]) => {
        const point = Quantity.add(low, fromCents(above === 0n && !inclusive ? 1n : above))
        return { interval: Interval.above(low, inclusive), point }
      }),
    fc
      .tuple(
        quantity,
        cents.filter((c) => c >= 0n),
        fc.boolean(),
      )
      .map(([high, below, inclusive]) => {
        const point = Quantity.subtract(high, fromCents(below === 0n && !inclusive ? 1n : below))
        return { interval: Interval.below(high, inclusive), point }
      }),
    fc
      .tuple(
        quantity,
        cents.filter((c) => c >= 0n),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([low, width, at]) => {
        const high = Quantity.add(low, fromCents(width))
        const point = Quantity.add(low, fromCents(BigInt(Math.floor(Number(width) * at))))
        return { interval: (Interval.range(low, high) as E.Right<Interval.Interval>).right, point }
      }),
  )

const comparisons: ReadonlyArray<Interval.Comparison> = ['<', '<=', '>', '>=']

describe('Interval arithmetic contains every point result', () => {
  it('a + b and a − b', () => {
    fc.assert(
      fc.property(intervalWithPoint, intervalWithPoint, (a, b) => {
        expect(Interval.contains(a.interval, a.point)).toBe(true)
        expect(Interval.contains(Interval.add(a.interval, b.interval), Quantity.add(a.point, b.point))).toBe(true)
        expect(Interval.contains(Interval.subtract(a.interval, b.interval), Quantity.subtract(a.point, b.point))).toBe(
          true,
        )
      }),
    )
  })

  it('a · k for k ≥ 0', () => {
    fc.assert(
      fc.property(intervalWithPoint, cents.filter((c) => c >= 0n).map(fromCents), (a, k) => {
        const scaled = Interval.scale(a.interval, k)
        expect(E.isRight(scaled) && Interval.contains(scaled.right, Quantity.multiply(a.point, k))).toBe(true)
      }),
    )
  })

  it('a / b for b above zero, rounded outwards', () => {
    fc.assert(
      fc.property(intervalWithPoint, fc.tuple(positive, positive), (a, [lowDenominator, width]) => {
        const denominator = (
          Interval.range(lowDenominator, Quantity.add(lowDenominator, width)) as E.Right<Interval.Interval>
        ).right
        const quotient = Interval.ratio(a.interval, denominator, 4)
        expect(E.isRight(quotient)).toBe(true)
        if (E.isLeft(quotient)) return
        for (const d of [lowDenominator, Quantity.add(lowDenominator, width)]) {
          const exactFloor = Quantity.divide(d, { scaleDigits: 4, mode: 'floor' })(a.point)
          const exactCeiling = Quantity.divide(d, { scaleDigits: 4, mode: 'ceiling' })(a.point)
          // The true quotient lies between its floor and ceiling; both lie in the result when it is bounded there.
          if (E.isRight(exactFloor) && E.isRight(exactCeiling)) {
            const lowOk =
              quotient.right.low === undefined || Quantity.compare(quotient.right.low.value, exactFloor.right) <= 0
            const highOk =
              quotient.right.high === undefined || Quantity.compare(quotient.right.high.value, exactCeiling.right) >= 0
            expect(lowOk && highOk).toBe(true)
          }
        }
      }),
    )
  })

  it('refuses a denominator that reaches zero or below', () => {
    expect(Interval.ratio(Interval.exact(q('1')), Interval.below(q('5'), true), 2)).toEqual(
      E.left({ _tag: 'DenominatorNotPositive' }),
    )
    expect(
      Interval.ratio(Interval.exact(q('1')), (Interval.range(q('0'), q('5')) as E.Right<Interval.Interval>).right, 2),
    ).toEqual(E.left({ _tag: 'DenominatorNotPositive' }))
  })
})

describe('Interval verdicts', () => {
  it('certain ⇒ the comparison holds at the point; never ⇒ it fails there; possible ⇔ neither bound decides', () => {
    fc.assert(
      fc.property(intervalWithPoint, fc.constantFrom(...comparisons), quantity, (a, comparison, threshold) => {
        const verdict = Interval.verdict(a.interval, comparison, threshold)
        const atPoint = Interval.holds(a.point, comparison, threshold)
        if (verdict === 'certain') expect(atPoint).toBe(true)
        if (verdict === 'never') expect(atPoint).toBe(false)
        expect(verdict).not.toBe('undecidable')
      }),
    )
  })

  it('on an exact figure the verdict is the comparison itself, never "possible"', () => {
    fc.assert(
      fc.property(quantity, fc.constantFrom(...comparisons), quantity, (point, comparison, threshold) => {
        expect(Interval.verdict(Interval.exact(point), comparison, threshold)).toBe(
          Interval.holds(point, comparison, threshold) ? 'certain' : 'never',
        )
      }),
    )
  })

  it('the paper: realized sales "< 100 %" are certainly below 100 %; "~100 %" only possibly; "> 6 million" is certainly above 6 million', () => {
    expect(Interval.verdict(Interval.below(q('100'), false), '<', q('100'))).toBe('certain')
    const about = (Interval.approximate(q('100'), q('0.05')) as E.Right<Interval.Interval>).right
    expect(Interval.verdict(about, '<', q('100'))).toBe('possible')
    expect(Interval.verdict(Interval.above(q('6000000'), false), '>', q('6000000'))).toBe('certain')
    expect(Interval.verdict(Interval.above(q('6000000'), true), '>', q('6000000'))).toBe('possible')
    expect(Interval.verdict(Interval.below(q('400000'), false), '>=', q('900000'))).toBe('never')
  })
})

describe('unknown is not zero', () => {
  it('an unknown figure decides nothing, contains nothing, and spreads through arithmetic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...comparisons), quantity, intervalWithPoint, (comparison, threshold, other) => {
        expect(Interval.verdict(Interval.unknown, comparison, threshold)).toBe('undecidable')
        expect(Interval.contains(Interval.unknown, threshold)).toBe(false)
        expect(Interval.add(Interval.unknown, other.interval).kind).toBe('unknown')
        expect(Interval.disjoint(Interval.unknown, other.interval)).toBe(false)
      }),
    )
  })

  it('zero is an exact figure with verdicts of its own', () => {
    expect(Interval.verdict(Interval.exact(Quantity.zero), '<', q('100'))).toBe('certain')
    expect(Interval.verdict(Interval.unknown, '<', q('100'))).toBe('undecidable')
    expect(Interval.show(Interval.exact(Quantity.zero))).toBe('0')
    expect(Interval.show(Interval.unknown)).toBe('?')
  })
})

describe('Interval display and distance', () => {
  it('shows each kind as written', () => {
    expect(Interval.show(Interval.above(q('6000000'), false))).toBe('> 6000000')
    expect(Interval.show(Interval.below(q('10'), true))).toBe('<= 10')
    expect(Interval.show((Interval.range(q('400'), q('500')) as E.Right<Interval.Interval>).right)).toBe('400..500')
    expect(Interval.show((Interval.approximate(q('250'), q('0.05')) as E.Right<Interval.Interval>).right)).toBe('~250')
  })

  it('measures the gap between disjoint intervals only', () => {
    const a = (Interval.range(q('400'), q('500')) as E.Right<Interval.Interval>).right
    expect(Interval.disjoint(a, Interval.exact(q('600')))).toBe(true)
    expect(Quantity.toString(Interval.gap(a, Interval.exact(q('600'))))).toBe('100')
    expect(Interval.disjoint(a, Interval.exact(q('450')))).toBe(false)
    expect(Interval.disjoint(Interval.below(q('5'), false), Interval.exact(q('5')))).toBe(true)
    expect(Interval.disjoint(Interval.below(q('5'), true), Interval.exact(q('5')))).toBe(false)
  })
})
