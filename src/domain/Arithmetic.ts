/**
 * The formulas of the domain, stated, not implied. All arithmetic goes through core `Quantity`
 * (exact); every result that must be a money amount is rounded once, at the end, with the
 * caller's `Rounding` (`{ scaleDigits: 2, mode }` for kopecks). No function here has a default
 * rounding mode.
 */
import * as E from 'fp-ts/lib/Either.js'
import { LocalDate, Quantity, type Rate } from '../core/index.js'
import type { DayCount } from './Books.js'

const q = Quantity.unsafeFromInteger

// -------------------------------------------------------------------------------------
// bank discount
// -------------------------------------------------------------------------------------

/** The result of a bank discount: the discount, rounded once, and the proceeds, exactly face minus discount. */
export interface DiscountResult {
  /** D = round(face × rate × days / basis). */
  readonly discount: Quantity.Quantity
  /** face − D, exactly (so discount + proceeds = face). */
  readonly proceeds: Quantity.Quantity
}

/**
 * Bank discount of a bill (domain.md §3.10): D = F · d · t / basis, rounded once with `rounding`;
 * proceeds = F − D. `rate` is an annual fraction (0.08 = 8 %), `days` the days from the discount
 * date to maturity, `basis` the day basis (360 by convention). Throws (programmer error) when
 * `basis` is not a positive integer.
 */
export const discount = (
  face: Quantity.Quantity,
  rate: Rate.Fraction,
  days: number,
  basis: number,
  rounding: Quantity.Rounding,
): DiscountResult => {
  if (!Number.isSafeInteger(basis) || basis <= 0)
    throw new Error(`discount basis must be a positive integer, got ${basis}`)
  const numerator = Quantity.multiply(Quantity.multiply(face, rate), q(days))
  const divided = Quantity.divide(q(basis), rounding)(numerator)
  if (E.isLeft(divided)) throw new Error('unreachable: basis is positive')
  return { discount: divided.right, proceeds: Quantity.subtract(face, divided.right) }
}

// -------------------------------------------------------------------------------------
// day counts and simple interest
// -------------------------------------------------------------------------------------

/** The day basis of a day count (360 or 365). */
export const basisOf = (dayCount: DayCount): number => (dayCount === 'actual/365' ? 365 : 360)

/**
 * Days from `start` to `end` under a day count: actual days, or for `30/360` the 30/360 US
 * (bond basis) rule: D1 = min(D1, 30); D2 = 30 if D2 = 31 and D1 = 30.
 */
export const dayCountDays = (dayCount: DayCount, start: LocalDate.LocalDate, end: LocalDate.LocalDate): number => {
  if (dayCount !== '30/360') return LocalDate.daysBetween(start, end)
  const d1 = Math.min(LocalDate.day(start), 30)
  const d2 = LocalDate.day(end) === 31 && d1 === 30 ? 30 : LocalDate.day(end)
  return (
    (LocalDate.year(end) - LocalDate.year(start)) * 360 +
    (LocalDate.month(end) - LocalDate.month(start)) * 30 +
    (d2 - d1)
  )
}

/**
 * Simple interest: round(principal × rate × days / basis) for the days from `start` to `end` (excluded) under
 * `dayCount`.
 */
export const simpleInterest = (
  principal: Quantity.Quantity,
  rate: Rate.Fraction,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
  dayCount: DayCount,
  rounding: Quantity.Rounding,
): Quantity.Quantity => {
  const days = dayCountDays(dayCount, start, end)
  const divided = Quantity.divide(
    q(basisOf(dayCount)),
    rounding,
  )(Quantity.multiply(Quantity.multiply(principal, rate), q(days)))
  if (E.isLeft(divided)) throw new Error('unreachable: basis is positive')
  return divided.right
}

// -------------------------------------------------------------------------------------
// annuity
// -------------------------------------------------------------------------------------

/**
 * Fraction digits kept by `power` between multiplications once the exact product would exceed
 * them (half-even). At 50 digits the error is below 10^-45 of the result, far below a kopeck.
 */
export const powerScaleDigits = 50

/**
 * `base^exponent` for a non-negative integer exponent, by repeated squaring on exact quantities;
 * intermediate results are rounded half-even to `powerScaleDigits` fraction digits (stated above),
 * so the cost stays bounded for long schedules. Quantity has no power; this is it. Throws
 * (programmer error) when `exponent` is not a non-negative integer.
 */
export const power = (base: Quantity.Quantity, exponent: number): Quantity.Quantity => {
  if (!Number.isSafeInteger(exponent) || exponent < 0)
    throw new Error(`power needs a non-negative integer exponent, got ${exponent}`)
  const keep = Quantity.round({ scaleDigits: powerScaleDigits, mode: 'halfEven' })
  let result = q(1)
  let square = base
  let remaining = exponent
  while (remaining > 0) {
    if (remaining % 2 === 1) result = keep(Quantity.multiply(result, square))
    remaining = Math.floor(remaining / 2)
    if (remaining > 0) square = keep(Quantity.multiply(square, square))
  }
  return result
}

/**
 * The level payment per period of an annuity: principal × r / (1 − (1 + r)^−n)
 * = principal × r × (1 + r)^n / ((1 + r)^n − 1), with r the rate per period and n the number of
 * periods; for r = 0 it is principal / n. Rounded once with `rounding`.
 *
 * Example (domain.md D21): 1,000,000.00 at 9 % a year for 10 years → 155,820.09 a year.
 * Throws (programmer error) when `periods` is not a positive integer, or when (1 + r)^n = 1 for a
 * non-zero rate (r = −2 with n even).
 */
export const annuityPayment = (
  principal: Quantity.Quantity,
  ratePerPeriod: Rate.Fraction,
  periods: number,
  rounding: Quantity.Rounding,
): Quantity.Quantity => {
  if (!Number.isSafeInteger(periods) || periods <= 0)
    throw new Error(`annuity needs a positive number of periods, got ${periods}`)
  if (Quantity.isZero(ratePerPeriod)) {
    const even = Quantity.divide(q(periods), rounding)(principal)
    if (E.isLeft(even)) throw new Error('unreachable: periods is positive')
    return even.right
  }
  const growth = power(Quantity.add(q(1), ratePerPeriod), periods)
  const numerator = Quantity.multiply(Quantity.multiply(principal, ratePerPeriod), growth)
  const result = Quantity.divide(Quantity.subtract(growth, q(1)), rounding)(numerator)
  if (E.isLeft(result)) throw new Error('annuity: (1 + r)^n = 1 for a non-zero rate (rate must be > -1 and not 0)')
  return result.right
}

/**
 * The annuity payment factor r / (1 − (1 + r)^−n), rounded with `rounding` (D21: 0.1558 at 9 %, 10 periods, 4
 * digits).
 */
export const annuityFactor = (
  ratePerPeriod: Rate.Fraction,
  periods: number,
  rounding: Quantity.Rounding,
): Quantity.Quantity => annuityPayment(q(1), ratePerPeriod, periods, rounding)

/**
 * `amount × part / whole`, rounded: the share of a cost that moves with `part` of `whole` units.
 * When `part` equals `whole` the whole amount is returned unrounded, so releasing everything
 * never leaves a rounding residue. Throws (programmer error) when `whole` is zero.
 */
export const proportion = (
  amount: Quantity.Quantity,
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
  rounding: Quantity.Rounding,
): Quantity.Quantity => {
  if (Quantity.equals(part, whole)) return amount
  const result = Quantity.divide(whole, rounding)(Quantity.multiply(amount, part))
  if (E.isLeft(result)) throw new Error('proportion of a zero whole')
  return result.right
}
