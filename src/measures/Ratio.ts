/**
 * Ratios and percentages, exactly: every division names its rounding, and threshold tests
 * compare by cross-multiplication, so a rounded display never decides a severity.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { Quantity, Rate } from '../core/index.js'

/** Percentages are shown with two decimals, rounded half-even. */
export const percentRounding: Quantity.Rounding = { scaleDigits: 2, mode: 'halfEven' }

/** Ratios (turnover, coverage) are kept with four decimals, rounded half-even. */
export const ratioRounding: Quantity.Rounding = { scaleDigits: 4, mode: 'halfEven' }

const hundred = Quantity.unsafeFromInteger(100)

/** `part / whole`, rounded; none when `whole` is zero. */
export const ratio = (
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
  rounding: Quantity.Rounding,
): O.Option<Quantity.Quantity> => {
  const result = Quantity.divide(whole, rounding)(part)
  return E.isLeft(result) ? O.none : O.some(result.right)
}

/** `100 · part / whole`, rounded; none when `whole` is zero. */
export const percentOf = (
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
  rounding: Quantity.Rounding = percentRounding,
): O.Option<Rate.PercentPoints> => O.map(Rate.percentPoints)(ratio(Quantity.multiply(part, hundred), whole, rounding))

/**
 * The exact order of `100 · part / whole` against `percent` (−1, 0, 1), for a positive `whole`;
 * none when `whole` is not positive.
 */
export const comparePercent = (
  part: Quantity.Quantity,
  whole: Quantity.Quantity,
  percent: Rate.PercentPoints,
): O.Option<-1 | 0 | 1> =>
  Quantity.sign(whole) <= 0
    ? O.none
    : O.some(Quantity.compare(Quantity.multiply(part, hundred), Quantity.multiply(percent, whole)))

/** `value × percent / 100`, exactly. */
export const percentOfValue = (value: Quantity.Quantity, percent: Rate.PercentPoints): Quantity.Quantity =>
  Quantity.multiply(value, Rate.toFraction(percent))
