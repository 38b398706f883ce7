/**
 * Rates and percentages with their unit in the type: a `Fraction` (0.08 = 8 %) or
 * `PercentPoints` (8 = 8 %).
 *
 * Both are exact quantities with a compile-time brand, so every `Quantity` function reads them,
 * but a plain quantity is neither, and one cannot be passed where the other is expected:
 *
 * - an operation's rate (a bill's discount rate, a loan's annual rate, the savings-bank programme's
 *   rate) is a `Fraction`; the journal writes it as `8%` and the reader converts it;
 * - a rule's percentage parameter, a measured or stated percentage, and a tolerance in percent are
 *   `PercentPoints`.
 *
 * Labelling a quantity (`fraction`, `percentPoints`) and converting between the two
 * (`toPercentPoints`, `toFraction`, both exact: a shift of the decimal point) are the only ways
 * to make one. The brand exists only in the types; at run time both are ordinary quantities.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as Quantity from './Quantity.js'

declare const FractionBrand: unique symbol
declare const PercentPointsBrand: unique symbol

/** A rate as a fraction of one: `0.08` is 8 %. */
export type Fraction = Quantity.Quantity & { readonly [FractionBrand]: 'Fraction' }

/** A percentage in percent points: `8` is 8 %. */
export type PercentPoints = Quantity.Quantity & { readonly [PercentPointsBrand]: 'PercentPoints' }

/** Labels a quantity as a fraction of one (`0.08` = 8 %). */
export const fraction = (value: Quantity.Quantity): Fraction => value as Fraction

/** Labels a quantity as percent points (`8` = 8 %). */
export const percentPoints = (value: Quantity.Quantity): PercentPoints => value as PercentPoints

/** A fraction from the journal's literal syntax (`"0.08"`). */
export const fractionFromString = (text: string): E.Either<Quantity.QuantityError, Fraction> =>
  pipe(Quantity.fromString(text), E.map(fraction))

/** Percent points from the journal's literal syntax (`"8"`, `"12.8"`). */
export const percentPointsFromString = (text: string): E.Either<Quantity.QuantityError, PercentPoints> =>
  pipe(Quantity.fromString(text), E.map(percentPoints))

/** A fraction from a literal; throws on a malformed literal (for tests and constants). */
export const unsafeFraction = (text: string): Fraction => fraction(Quantity.unsafeFromString(text))

/** Percent points from a literal; throws on a malformed literal (for tests and constants). */
export const unsafePercentPoints = (text: string): PercentPoints => percentPoints(Quantity.unsafeFromString(text))

/** `0.08` → `8`, exactly. */
export const toPercentPoints = (value: Fraction): PercentPoints => percentPoints(Quantity.movePoint(value, 2))

/** `8` → `0.08`, exactly. */
export const toFraction = (value: PercentPoints): Fraction => fraction(Quantity.movePoint(value, -2))
