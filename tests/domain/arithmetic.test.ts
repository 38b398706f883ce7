import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Quantity, Rate } from '../../src/core/index.js'
import {
  annuityFactor,
  annuityPayment,
  dayCountDays,
  discount,
  power,
  proportion,
  renderArithmeticError,
  simpleInterest,
} from '../../src/domain/Arithmetic.js'
import { d, q } from './fixtures.js'

const kopecks = { scaleDigits: 2, mode: 'halfUp' } as const

/** The right of a result the test expects to succeed. */
const right = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected a result, got ${JSON.stringify(result.left)}`)
  return result.right
}

describe('discount', () => {
  it('D = F·d·t/360, proceeds = F − D', () => {
    expect(discount(q('1800000.00'), Rate.unsafeFraction('0.08'), 89, 360, kopecks)).toEqual(
      E.right({
        discount: q('35600'),
        proceeds: q('1764400'),
      }),
    )
  })
  it('rounds once, with the stated mode', () => {
    // 1234.57 × 0.08 × 91 / 360 = 24.96574…
    expect(right(discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 360, kopecks)).discount).toEqual(q('24.97'))
    expect(
      right(discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 360, { scaleDigits: 2, mode: 'down' })).discount,
    ).toEqual(q('24.96'))
    expect(right(discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 365, kopecks)).discount).toEqual(q('24.62'))
  })
  it('discount + proceeds = face, for any face, rate, days and mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 2000n }),
        fc.integer({ min: 1, max: 720 }),
        fc.constantFrom(...Quantity.roundingModes),
        (face, rateBasisPoints, days, mode) => {
          const result = right(
            discount(
              Quantity.unsafeFromBigInt(face, 2),
              Rate.fraction(Quantity.unsafeFromBigInt(rateBasisPoints, 4)),
              days,
              360,
              { scaleDigits: 2, mode },
            ),
          )
          expect(
            Quantity.equals(Quantity.add(result.discount, result.proceeds), Quantity.unsafeFromBigInt(face, 2)),
          ).toBe(true)
          expect(Quantity.scaleOf(result.discount)).toBeLessThanOrEqual(2)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('interest', () => {
  it('simple interest on actual/360, actual/365 and 30/360', () => {
    expect(
      simpleInterest(
        q('1000000.00'),
        Rate.unsafeFraction('0.06'),
        d('1936-01-01'),
        d('1936-04-01'),
        'actual/360',
        kopecks,
      ),
    ).toEqual(q('15166.67'))
    expect(
      simpleInterest(
        q('1000000.00'),
        Rate.unsafeFraction('0.06'),
        d('1936-01-01'),
        d('1936-04-01'),
        'actual/365',
        kopecks,
      ),
    ).toEqual(q('14958.90'))
    expect(
      simpleInterest(q('1000000.00'), Rate.unsafeFraction('0.06'), d('1936-01-01'), d('1936-04-01'), '30/360', kopecks),
    ).toEqual(q('15000'))
  })
  it('30/360 day count', () => {
    expect(dayCountDays('30/360', d('1936-01-31'), d('1936-03-31'))).toBe(60)
    expect(dayCountDays('30/360', d('1936-02-28'), d('1936-03-31'))).toBe(33)
    expect(dayCountDays('actual/360', d('1936-02-28'), d('1936-03-01'))).toBe(2)
  })
})

describe('annuity', () => {
  it('power is exact while it fits 50 fraction digits', () => {
    expect(power(q('1.09'), 10)).toEqual(E.right(Quantity.unsafeFromBigInt(109n ** 10n, 20)))
    expect(power(q('1.5'), 0)).toEqual(E.right(q('1')))
  })
  it('D21: 9 % for 10 years → factor 0.1558, 155,820.09 a year per million', () => {
    expect(annuityFactor(Rate.unsafeFraction('0.09'), 10, { scaleDigits: 4, mode: 'halfEven' })).toEqual(
      E.right(q('0.1558')),
    )
    const payment = right(
      annuityPayment(q('1000000.00'), Rate.unsafeFraction('0.09'), 10, { scaleDigits: 2, mode: 'halfEven' }),
    )
    expect(payment).toEqual(q('155820.09'))
    expect(Quantity.multiply(payment, Quantity.unsafeFromInteger(10))).toEqual(q('1558200.9'))
  })
  it('zero rate is principal / n', () => {
    expect(annuityPayment(q('1000.00'), Rate.unsafeFraction('0'), 3, kopecks)).toEqual(E.right(q('333.33')))
  })
  it('monthly schedules stay bounded (120 periods)', () => {
    expect(annuityPayment(q('1000000.00'), Rate.unsafeFraction('0.0075'), 120, kopecks)).toEqual(E.right(q('12667.58')))
  })
})

it('proportion releases everything without rounding residue', () => {
  expect(proportion(q('1000.00'), q('3'), q('3'), kopecks)).toEqual(E.right(q('1000')))
  expect(proportion(q('1000.00'), q('1'), q('3'), kopecks)).toEqual(E.right(q('333.33')))
})

describe('arguments outside a formula’s domain are an ArithmeticError, never a throw', () => {
  const rate = Rate.unsafeFraction('0.08')
  it('discount: a basis that is not a positive integer, days that are not an integer', () => {
    for (const basis of [0, -360, 360.5, Number.NaN])
      expect(discount(q('100.00'), rate, 30, basis, kopecks)).toEqual(
        E.left({ _tag: 'InvalidDayCount', argument: 'basis', value: basis }),
      )
    expect(discount(q('100.00'), rate, 1.5, 360, kopecks)).toEqual(
      E.left({ _tag: 'InvalidDayCount', argument: 'days', value: 1.5 }),
    )
  })
  it('power, annuities: exponents and periods of the wrong sign or not integers', () => {
    expect(power(q('2'), -1)).toEqual(E.left({ _tag: 'InvalidPeriods', argument: 'exponent', value: -1 }))
    for (const periods of [0, -2, 2.5, Number.POSITIVE_INFINITY])
      expect(annuityPayment(q('100.00'), rate, periods, kopecks)).toEqual(
        E.left({ _tag: 'InvalidPeriods', argument: 'periods', value: periods }),
      )
    expect(annuityFactor(rate, 0, kopecks)).toMatchObject(E.left({ _tag: 'InvalidPeriods' }))
  })
  it('an annuity with (1 + r)^n = 1 for a non-zero rate, a proportion of a zero whole', () => {
    const minusTwo = Rate.unsafeFraction('-2')
    expect(annuityPayment(q('100.00'), minusTwo, 2, kopecks)).toEqual(
      E.left({ _tag: 'DegenerateAnnuity', rate: minusTwo, periods: 2 }),
    )
    expect(proportion(q('100.00'), q('1'), q('0'), kopecks)).toEqual(E.left({ _tag: 'ZeroWhole' }))
    expect(renderArithmeticError({ _tag: 'ZeroWhole' })).toBe('the proportion of a zero whole is undefined')
  })
})
