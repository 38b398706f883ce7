/**
 * The formulas of the domain, stated, not implied. All arithmetic goes through core `Quantity`
 * (exact); every result that must be a money amount is rounded once, at the end, with the
 * caller's `Rounding` (`{ scaleDigits: 2, mode }` for kopecks). No function here has a default
 * rounding mode. Arguments outside a formula's domain (a day basis or period count that is not a positive integer,
 * a zero whole) are an `ArithmeticError`, never a throw.
 */
import * as E from 'fp-ts/lib/Either.js'
import { LocalDate, Quantity, type Rate } from '../core/index.js'
import type { DayCount } from './Books.js'

const q = Quantity.unsafeFromInteger

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** An argument outside the formula's domain. */
export type ArithmeticError =
  /** A day basis (360, 365) or a day count that is not a safe integer, or a basis that is not positive. */
  | { readonly _tag: 'InvalidDayCount'; readonly argument: 'basis' | 'days'; readonly value: number }
  /** An exponent or a number of periods that is not a safe integer of the right sign. */
  | { readonly _tag: 'InvalidPeriods'; readonly argument: 'exponent' | 'periods'; readonly value: number }
  /** `proportion` of a zero whole. */
  | { readonly _tag: 'ZeroWhole' }
  /** An annuity whose growth factor (1 + r)^n is 1 for a non-zero rate (r = −2, n even): no level payment exists. */
  | { readonly _tag: 'DegenerateAnnuity'; readonly rate: Quantity.Quantity; readonly periods: number }

/** Every `ArithmeticError` tag, once. */
export const arithmeticErrorTags = [
  'InvalidDayCount',
  'InvalidPeriods',
  'ZeroWhole',
  'DegenerateAnnuity',
] as const satisfies ReadonlyArray<ArithmeticError['_tag']>

/** An `ArithmeticError` as a sentence. */
export const renderArithmeticError = (error: ArithmeticError): string => {
  switch (error._tag) {
    case 'InvalidDayCount':
      return error.argument === 'basis'
        ? `the day basis must be a positive integer, not ${error.value}`
        : `the number of days must be an integer, not ${error.value}`
    case 'InvalidPeriods':
      return error.argument === 'exponent'
        ? `the exponent must be a non-negative integer, not ${error.value}`
        : `the number of periods must be a positive integer, not ${error.value}`
    case 'ZeroWhole':
      return 'the proportion of a zero whole is undefined'
    case 'DegenerateAnnuity':
      return (
        `no level payment exists at ${Quantity.toString(error.rate)} per period over ${error.periods} periods: ` +
        '(1 + r)^n = 1 (the rate must be above −1)'
      )
  }
}

/** The right of a division by a divisor known to be non-zero. */
const known = (result: E.Either<Quantity.QuantityError, Quantity.Quantity>): Quantity.Quantity =>
  E.isRight(result) ? result.right : Quantity.zero

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
 * date to maturity, `basis` the day basis (360 by convention). `InvalidDayCount` when `basis` is
 * not a positive integer or `days` not an integer.
 */
export const discount = (
  face: Quantity.Quantity,
  rate: Rate.Fraction,
  days: number,
  basis: number,
  rounding: Quantity.Rounding,
): E.Either<ArithmeticError, DiscountResult> => {
  if (!Number.isSafeInteger(basis) || basis <= 0)
    return E.left({ _tag: 'InvalidDayCount', argument: 'basis', value: basis })
  if (!Number.isSafeInteger(days)) return E.left({ _tag: 'InvalidDayCount', argument: 'days', value: days })
  const numerator = Quantity.multiply(Quantity.multiply(face, rate), q(days))
  const divided = known(Quantity.divide(q(basis), rounding)(numerator))
  return E.right({ discount: divided, proceeds: Quantity.subtract(face, divided) })
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
  return known(
    Quantity.divide(q(basisOf(dayCount)), rounding)(Quantity.multiply(Quantity.multiply(principal, rate), q(days))),
  )
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
 * so the cost stays bounded for long schedules. Quantity has no power; this is it.
 * `InvalidPeriods` when `exponent` is not a non-negative integer.
 */
export const power = (base: Quantity.Quantity, exponent: number): E.Either<ArithmeticError, Quantity.Quantity> => {
  if (!Number.isSafeInteger(exponent) || exponent < 0)
    return E.left({ _tag: 'InvalidPeriods', argument: 'exponent', value: exponent })
  return E.right(powerOf(base, exponent))
}

const powerOf = (base: Quantity.Quantity, exponent: number): Quantity.Quantity => {
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
 * `InvalidPeriods` when `periods` is not a positive integer; `DegenerateAnnuity` when (1 + r)^n = 1
 * for a non-zero rate (r = −2 with n even).
 */
export const annuityPayment = (
  principal: Quantity.Quantity,
  ratePerPeriod: Rate.Fraction,
  periods: number,
  rounding: Quantity.Rounding,
): E.Either<ArithmeticError, Quantity.Quantity> => {
  if (!Number.isSafeInteger(periods) || periods <= 0)
    return E.left({ _tag: 'InvalidPeriods', argument: 'periods', value: periods })
  if (Quantity.isZero(ratePerPeriod)) return E.right(known(Quantity.divide(q(periods), rounding)(principal)))
  const growth = powerOf(Quantity.add(q(1), ratePerPeriod), periods)
  const numerator = Quantity.multiply(Quantity.multiply(principal, ratePerPeriod), growth)
  const result = Quantity.divide(Quantity.subtract(growth, q(1)), rounding)(numerator)
  return E.isRight(result) ? result : E.left({ _tag: 'DegenerateAnnuity', rate: ratePerPeriod, periods })
}

/**
 * The annuity payment factor r / (1 − (1 + r)^−n), rounded with `rounding` (D21: 0.1558 at 9 %, 10 periods, 4
 * digits).
 */
export const annuityFactor = (
  ratePerPeriod: Rate.Fraction,
  periods: number,
  rounding: Quantity.Rounding,
): E.Either<ArithmeticError, Quantity.Quantity> => annuityPayment(q(1), ratePerPeriod, periods, rounding)

/**
 * `amount × part / whole`, rounded: the share of a cost that moves with `part` of `whole` units.
 * When `part` equals `whole` the whole amount is returned unrounded, so releasing everything
 * never leaves a rounding residue. `ZeroWhole` when `whole` is zero (and `part` is not).
 */
export const proportion = (
  amount: Quantity.Quantity,
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
  rounding: Quantity.Rounding,
): E.Either<ArithmeticError, Quantity.Quantity> => {
  if (Quantity.equals(part, whole)) return E.right(amount)
  const result = Quantity.divide(whole, rounding)(Quantity.multiply(amount, part))
  return E.isRight(result) ? result : E.left({ _tag: 'ZeroWhole' })
}
