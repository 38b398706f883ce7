import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Quantity, Rate } from '../../src/core/index.js'
import {
  annuityFactor,
  annuityPayment,
  dayCountDays,
  discount,
  power,
  proportion,
  simpleInterest,
} from '../../src/domain/Arithmetic.js'
import { d, q } from './fixtures.js'

const kopecks = { scaleDigits: 2, mode: 'halfUp' } as const

describe('discount', () => {
  it('D = F·d·t/360, proceeds = F − D', () => {
    expect(discount(q('1800000.00'), Rate.unsafeFraction('0.08'), 89, 360, kopecks)).toEqual({
      discount: q('35600'),
      proceeds: q('1764400'),
    })
  })
  it('rounds once, with the stated mode', () => {
    // 1234.57 × 0.08 × 91 / 360 = 24.96574…
    expect(discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 360, kopecks).discount).toEqual(q('24.97'))
    expect(
      discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 360, { scaleDigits: 2, mode: 'down' }).discount,
    ).toEqual(q('24.96'))
    expect(discount(q('1234.57'), Rate.unsafeFraction('0.08'), 91, 365, kopecks).discount).toEqual(q('24.62'))
  })
  it('discount + proceeds = face, for any face, rate, days and mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 2000n }),
        fc.integer({ min: 1, max: 720 }),
        fc.constantFrom(...Quantity.roundingModes),
        (face, rateBasisPoints, days, mode) => {
          const result = discount(
            Quantity.unsafeFromBigInt(face, 2),
            Rate.fraction(Quantity.unsafeFromBigInt(rateBasisPoints, 4)),
            days,
            360,
            {
              scaleDigits: 2,
              mode,
            },
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
    expect(power(q('1.09'), 10)).toEqual(Quantity.unsafeFromBigInt(109n ** 10n, 20))
    expect(power(q('1.5'), 0)).toEqual(q('1'))
  })
  it('D21: 9 % for 10 years → factor 0.1558, 155,820.09 a year per million', () => {
    expect(annuityFactor(Rate.unsafeFraction('0.09'), 10, { scaleDigits: 4, mode: 'halfEven' })).toEqual(q('0.1558'))
    const payment = annuityPayment(q('1000000.00'), Rate.unsafeFraction('0.09'), 10, {
      scaleDigits: 2,
      mode: 'halfEven',
    })
    expect(payment).toEqual(q('155820.09'))
    expect(Quantity.multiply(payment, Quantity.unsafeFromInteger(10))).toEqual(q('1558200.9'))
  })
  it('zero rate is principal / n', () => {
    expect(annuityPayment(q('1000.00'), Rate.unsafeFraction('0'), 3, kopecks)).toEqual(q('333.33'))
  })
  it('monthly schedules stay bounded (120 periods)', () => {
    expect(annuityPayment(q('1000000.00'), Rate.unsafeFraction('0.0075'), 120, kopecks)).toEqual(q('12667.58'))
  })
})

it('proportion releases everything without rounding residue', () => {
  expect(proportion(q('1000.00'), q('3'), q('3'), kopecks)).toEqual(q('1000'))
  expect(proportion(q('1000.00'), q('1'), q('3'), kopecks)).toEqual(q('333.33'))
})
