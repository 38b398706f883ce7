/**
 * Rates carry their unit in the type. The `@ts-expect-error` lines are checked by `npm run
 * typecheck` (tsconfig includes tests/): if a plain quantity, or a rate in the other unit, ever
 * became acceptable where a `Fraction` or `PercentPoints` is expected, the directive itself would
 * be an error and the typecheck would fail. The run-time tests check the two conversions.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Quantity, Rate } from '../../src/core/index.js'
import { discount, simpleInterest } from '../../src/domain/Arithmetic.js'
import type { Operation } from '../../src/domain/Operation.js'
import { Ratio } from '../../src/measures/index.js'
import { percentMeasure, showPercent } from '../../src/reconcile/Finding.js'
import * as Param from '../../src/reconcile/Param.js'

const q = Quantity.unsafeFromString
const kopecks: Quantity.Rounding = { scaleDigits: 2, mode: 'halfEven' }

describe('rate units in the types', () => {
  const eightPercent = Rate.unsafeFraction('0.08')
  const eightPoints = Rate.unsafePercentPoints('8')

  it('an operation rate is a Fraction: a plain quantity or percent points do not compile', () => {
    const discounted = discount(q('1000.00'), eightPercent, 90, 360, kopecks)
    expect(E.isRight(discounted) && Quantity.toString(discounted.right.discount)).toBe('20')
    // @ts-expect-error a plain quantity is not a fraction
    discount(q('1000.00'), q('0.08'), 90, 360, kopecks)
    // @ts-expect-error percent points are not a fraction (8 would be 800 %)
    discount(q('1000.00'), eightPoints, 90, 360, kopecks)
    // @ts-expect-error percent points are not a fraction
    simpleInterest(q('1000.00'), eightPoints, '1936-01-01' as never, '1936-04-01' as never, 'actual/360', kopecks)
    const bill = (rate: Rate.Fraction): Operation => ({
      _tag: 'DiscountBill',
      date: '1936-02-01' as never,
      bill: 'B-1' as never,
      bank: 'gosbank' as never,
      rate,
    })
    expect(bill(eightPercent)._tag).toBe('DiscountBill')
    const wrong: Operation = {
      _tag: 'DiscountBill',
      date: '1936-02-01' as never,
      bill: 'B-1' as never,
      bank: 'gosbank' as never,
      // @ts-expect-error an operation's rate must be a fraction, not percent points
      rate: eightPoints,
    }
    expect(wrong._tag).toBe('DiscountBill')
  })

  it('a rule percentage is PercentPoints: a plain quantity or a fraction does not compile', () => {
    expect(showPercent(eightPoints)).toBe('8.00 %')
    // @ts-expect-error a fraction is not percent points (0.08 would show as 0.08 %)
    showPercent(eightPercent)
    // @ts-expect-error a plain quantity is not percent points
    percentMeasure('gap', q('8'))
    // @ts-expect-error a fraction is not percent points
    Ratio.comparePercent(q('1'), q('3'), eightPercent)
    // @ts-expect-error a fraction is not percent points
    Ratio.percentOfValue(q('100'), eightPercent)
    const decoded = Param.percent.decode('8%')
    // @ts-expect-error a rule's percent parameter decodes to percent points, not a fraction
    const asFraction: E.Either<unknown, Rate.Fraction> = decoded
    expect(E.isRight(asFraction)).toBe(true)
    // Both read as quantities: every Quantity function accepts them.
    expect(Quantity.compare(eightPoints, eightPercent)).toBe(1)
  })

  it('converts only through the named functions, exactly', () => {
    expect(Quantity.toScaledString(Rate.toFraction(eightPoints))).toBe('0.08')
    expect(Quantity.toString(Rate.toPercentPoints(Rate.unsafeFraction('0.085')))).toBe('8.5')
    expect(Quantity.toString(Rate.toFraction(Rate.unsafePercentPoints('12.8')))).toBe('0.128')
    expect(Quantity.toString(Rate.toPercentPoints(Rate.unsafeFraction('3')))).toBe('300')
    expect(Quantity.toString(Ratio.percentOfValue(q('1000.00'), Rate.unsafePercentPoints('0.5')))).toBe('5')
    expect(E.isLeft(Rate.fractionFromString('8%'))).toBe(true)
    expect(E.isLeft(Rate.percentPointsFromString('1e2'))).toBe(true)
  })

  it('round-trips: toFraction ∘ toPercentPoints = id, and toPercentPoints is × 100', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 12 }),
        (units, scale) => {
          const f = Rate.fraction(Quantity.unsafeFromBigInt(units, scale))
          const points = Rate.toPercentPoints(f)
          expect(Quantity.equals(points, Quantity.multiply(f, Quantity.unsafeFromInteger(100)))).toBe(true)
          expect(Quantity.equals(Rate.toFraction(points), f)).toBe(true)
        },
      ),
    )
  })
})
