/**
 * Exact decimal quantities: money amounts and goods counts.
 *
 * This is the only module that imports decimal.js, and all arithmetic on money and goods lives
 * here. Two representations sit behind one opaque type:
 *
 * - a fast path, `{ units, scale }` meaning `units × 10^-scale`, where `units` is a safe integer.
 *   JavaScript numbers add, subtract and multiply integers exactly while the true result stays
 *   within ±(2^53 − 1); every operation checks that bound and falls back when it is passed;
 * - a slow path, a decimal.js value from a private clone with a precision of 1,000 significant
 *   digits. decimal.js rounds *every* result to its precision (20 by default), so we never use
 *   the global constructor or `Decimal.set`.
 *
 * Invariants: values are immutable; only the journal's literal syntax is accepted (optional
 * `-`, digits, optional `.` and digits: no exponents, hex, `_`, spaces); written quantities are
 * capped at `quantityDigitsMax` digits, so sums of any realistic journal stay far below the
 * precision; every rounding names its scale and mode, and nothing rounds implicitly.
 *
 * Equality is numeric: `1.5` equals `1.50`. `toString` gives the shortest exact form.
 */
import { Decimal } from 'decimal.js'
import * as E from 'fp-ts/lib/Either.js'
import { quantityDigitsMax, quantityScaleMax } from './limits.js'
import { notText } from './Untyped.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

declare const QuantityBrand: unique symbol

/** An exact decimal number. Build one with `fromString`, `fromBigInt` or `fromInteger`. */
export interface Quantity {
  readonly [QuantityBrand]: 'Quantity'
}

/** How a division or a rounding resolves the digits it drops. */
export type RoundingMode = 'halfEven' | 'halfUp' | 'halfDown' | 'down' | 'up' | 'floor' | 'ceiling'

/**
 * Every rounding mode, for listing and for checking user input: halfEven, halfUp, halfDown, down
 * (towards zero), up (away from zero), floor, ceiling.
 */
export const roundingModes: ReadonlyArray<RoundingMode> = [
  'halfEven',
  'halfUp',
  'halfDown',
  'down',
  'up',
  'floor',
  'ceiling',
]

/** A rounding is always explicit: the number of fraction digits kept and how the rest is resolved. */
export interface Rounding {
  readonly scaleDigits: number
  readonly mode: RoundingMode
}

/**
 * Why a quantity could not be made or computed: a text that is not a literal, too many digits or
 * fraction digits, or a division by zero.
 */
export type QuantityError =
  | { readonly _tag: 'InvalidQuantity'; readonly text: string }
  | { readonly _tag: 'QuantityTooLong'; readonly text: string; readonly digits: number; readonly digitsMax: number }
  | { readonly _tag: 'QuantityScaleTooLarge'; readonly text: string; readonly scale: number; readonly scaleMax: number }
  | { readonly _tag: 'DivisionByZero' }
  /** A scale (fraction digits) that is not an integer from 0 to `scaleMax` (1,000). */
  | { readonly _tag: 'InvalidScale'; readonly scale: number; readonly scaleMax: number }
  /** `fromInteger` of a number that is not a safe integer. */
  | { readonly _tag: 'NotASafeInteger'; readonly value: number }
  /** `toFixed` that would drop non-zero digits: round first, with a named mode. */
  | { readonly _tag: 'WouldDropDigits'; readonly text: string; readonly scaleDigits: number }

const Exact = Decimal.clone({
  precision: 1_000,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 9e15,
  minE: -9e15,
})
type Exact = InstanceType<typeof Exact>

interface Small {
  readonly units: number
  readonly scale: number
}

type Repr = Small | Exact

const decimalRounding: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  halfEven: Decimal.ROUND_HALF_EVEN,
  halfUp: Decimal.ROUND_HALF_UP,
  halfDown: Decimal.ROUND_HALF_DOWN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  floor: Decimal.ROUND_FLOOR,
  ceiling: Decimal.ROUND_CEIL,
}

const POW10: ReadonlyArray<number> = Array.from({ length: 16 }, (_, index) => 10 ** index)

const isSmall = (repr: Repr): repr is Small => typeof (repr as Small).units === 'number'
const repr = (quantity: Quantity): Repr => quantity as unknown as Repr
const wrap = (value: Repr): Quantity => value as unknown as Quantity

/**
 * The fast-path value. A class only so that a quantity prints as a number where JavaScript
 * converts it to text: `${quantity}`, `String(quantity)` and `JSON.stringify` give its exact value
 * at its own scale (`"10000.00"` for a quantity parsed from `10000.00`), never `[object Object]`.
 */
class SmallValue implements Small {
  constructor(
    readonly units: number,
    readonly scale: number,
  ) {}
  toString(): string {
    return toScaledString(wrap(this))
  }
  toJSON(): string {
    return toScaledString(wrap(this))
  }
}

const small = (units: number, scale: number): Quantity => wrap(new SmallValue(units === 0 ? 0 : units, scale))

/**
 * Memory only (V8): once a number field of an object layout has held a number that is not a
 * small integer (beyond ±2^30), V8 keeps that field boxed in every object of the layout, one heap
 * number per quantity. Running balances pass that bound, so every `Small` would carry a box. A
 * field that has held a non-number is generic instead: small integers inline, only the rare
 * large value boxed. This object, never used, makes both fields of the layout generic first.
 */
const genericLayout: unknown = new SmallValue(null as unknown as number, null as unknown as number)
void genericLayout

const toExact = (value: Repr): Exact => {
  if (!isSmall(value)) return value
  return value.scale === 0 ? new Exact(value.units) : new Exact(`${value.units}e-${value.scale}`)
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Zero. */
export const zero: Quantity = small(0, 0)

/**
 * Parses the journal's literal syntax: `-?[0-9]+(\.[0-9]+)?`. Anything else (exponents, hex,
 * `_`, `+`, spaces, digit-group marks) is `InvalidQuantity`; more than `quantityDigitsMax`
 * digits is `QuantityTooLong`.
 *
 * @example
 * ```ts
 * const parsed = Quantity.fromString('1234.50')
 * // E.isRight(parsed) → true, Quantity.toString(parsed.right) → '1234.5'
 * // Quantity.fromString('1e3') → E.left({ _tag: 'InvalidQuantity', text: '1e3' })
 * // Quantity.fromString('1,000') → E.left({ _tag: 'InvalidQuantity', text: '1,000' })
 * ```
 */
export const fromString = (text: string): E.Either<QuantityError, Quantity> => {
  if (typeof text !== 'string') return E.left({ _tag: 'InvalidQuantity', text: notText(text) })
  const length = text.length
  let index = 0
  let negative = false
  if (length > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true
    index = 1
  }
  let units = 0
  let digits = 0
  let scale = 0
  let seenPoint = false
  for (; index < length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 48 && code <= 57) {
      digits++
      if (seenPoint) scale++
      units = units * 10 + (code - 48)
    } else if (code === 46 /* . */ && !seenPoint && digits > 0) {
      seenPoint = true
    } else {
      return E.left({ _tag: 'InvalidQuantity', text })
    }
  }
  if (digits === 0 || (seenPoint && scale === 0)) return E.left({ _tag: 'InvalidQuantity', text })
  if (digits > quantityDigitsMax) return E.left({ _tag: 'QuantityTooLong', text, digits, digitsMax: quantityDigitsMax })
  if (scale > quantityScaleMax)
    return E.left({ _tag: 'QuantityScaleTooLarge', text, scale, scaleMax: quantityScaleMax })
  // 15 digits always fit a safe integer exactly; longer literals take the exact slow path.
  if (digits <= 15) return E.right(small(negative ? -units : units, scale))
  return E.right(wrap(new Exact(text)))
}

/** Like `fromString`, but throws on bad input. For fixtures and tests only. */
export const unsafeFromString = (text: string): Quantity => {
  const result = fromString(text)
  if (E.isLeft(result)) throw new Error(`not a quantity literal: ${JSON.stringify(text)}`)
  return result.right
}

/** The largest scale `fromBigInt`, `toFixed` and a `Rounding` accept (fraction digits). */
const scaleLimit = 1_000

const isScale = (scale: number): boolean => Number.isInteger(scale) && scale >= 0 && scale <= scaleLimit

const invalidScale = (scale: number): QuantityError => ({ _tag: 'InvalidScale', scale, scaleMax: scaleLimit })

/** `units × 10^-scale` for any integer scale (callers check it). */
const ofUnits = (units: bigint, scale: number): Quantity => {
  const asNumber = Number(units)
  if (Number.isSafeInteger(asNumber) && BigInt(asNumber) === units && scale < POW10.length)
    return small(asNumber, scale)
  return wrap(new Exact(`${units}e-${scale}`))
}

/**
 * `units × 10^-scale`, exactly. `fromBigInt(123456n, 2)` is 1234.56. `InvalidScale` when `scale` is not an integer
 * from 0 to 1,000; `InvalidQuantity` when `units` is not a bigint (a JavaScript caller).
 */
export const fromBigInt = (units: bigint, scale: number): E.Either<QuantityError, Quantity> => {
  if (typeof units !== 'bigint') return E.left({ _tag: 'InvalidQuantity', text: notText(units) })
  if (!isScale(scale)) return E.left(invalidScale(scale))
  return E.right(ofUnits(units, scale))
}

/** Like `fromBigInt`, but throws on a scale outside 0–1,000. For literals in code and tests. */
export const unsafeFromBigInt = (units: bigint, scale: number): Quantity => {
  const result = fromBigInt(units, scale)
  if (E.isLeft(result)) throw new Error(`fromBigInt: ${renderError(result.left)}`)
  return result.right
}

/** A whole number; `NotASafeInteger` when `value` is not a safe integer (a fraction, NaN, ±Infinity, above 2^53). */
export const fromInteger = (value: number): E.Either<QuantityError, Quantity> =>
  Number.isSafeInteger(value) ? E.right(small(value, 0)) : E.left({ _tag: 'NotASafeInteger', value })

/**
 * Like `fromInteger`, but throws when `value` is not a safe integer. For literals and values that are integers by
 * construction (counts, day numbers).
 */
export const unsafeFromInteger = (value: number): Quantity => {
  if (!Number.isSafeInteger(value)) throw new Error(`fromInteger needs a safe integer, got ${value}`)
  return small(value, 0)
}

/** A rounding's scale as used: an integer from 0 to 1,000 (truncated toward zero and clamped; NaN is 0). */
const roundingScale = (scale: number): number =>
  isScale(scale) ? scale : Number.isNaN(scale) ? 0 : Math.min(scaleLimit, Math.max(0, Math.trunc(scale)))

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/** Aligns two fast-path values to one scale, or returns undefined when that would overflow. */
const align = (self: Small, that: Small): readonly [number, number, number] | undefined => {
  if (self.scale === that.scale) return [self.units, that.units, self.scale]
  if (self.scale < that.scale) {
    const factor = POW10[that.scale - self.scale]
    if (factor === undefined) return undefined
    const scaled = self.units * factor
    return Number.isSafeInteger(scaled) ? [scaled, that.units, that.scale] : undefined
  }
  const factor = POW10[self.scale - that.scale]
  if (factor === undefined) return undefined
  const scaled = that.units * factor
  return Number.isSafeInteger(scaled) ? [self.units, scaled, self.scale] : undefined
}

const sum = (self: Quantity, that: Quantity): Quantity => {
  const a = repr(self)
  const b = repr(that)
  if (isSmall(a) && isSmall(b)) {
    if (a.scale === b.scale) {
      const result = a.units + b.units
      if (Number.isSafeInteger(result)) return small(result, a.scale)
    }
    const aligned = align(a, b)
    if (aligned !== undefined) {
      const result = aligned[0] + aligned[1]
      if (Number.isSafeInteger(result)) return small(result, aligned[2])
    }
  }
  return normalize(toExact(a).plus(toExact(b)))
}

/** Brings a slow-path value back to the fast path when it fits, so later sums stay fast. */
const normalize = (value: Exact): Quantity => {
  const scale = value.decimalPlaces()
  if (scale < POW10.length) {
    const units = value.times(POW10[scale] as number)
    if (units.abs().lte(Number.MAX_SAFE_INTEGER)) return small(units.toNumber(), scale)
  }
  return wrap(value)
}

/**
 * `self + that`, exactly. Data-last (`add(that)(self)`) or direct (`add(self, that)`).
 *
 * @example
 * ```ts
 * const a = Quantity.unsafeFromString('0.1')
 * const b = Quantity.unsafeFromString('0.2')
 * // Quantity.toString(Quantity.add(a, b)) → '0.3' (exact: no binary floating point)
 * // Quantity.toString(pipe(a, Quantity.add(b))) → '0.3' (data-last, for pipe)
 * ```
 */
export function add(that: Quantity): (self: Quantity) => Quantity
export function add(self: Quantity, that: Quantity): Quantity
export function add(first: Quantity, second?: Quantity): Quantity | ((self: Quantity) => Quantity) {
  if (second === undefined) return (self: Quantity) => sum(self, first)
  return sum(first, second)
}

/** `self − that`, exactly. */
export function subtract(that: Quantity): (self: Quantity) => Quantity
export function subtract(self: Quantity, that: Quantity): Quantity
export function subtract(first: Quantity, second?: Quantity): Quantity | ((self: Quantity) => Quantity) {
  if (second === undefined) return (self: Quantity) => sum(self, negate(first))
  return sum(first, negate(second))
}

/** `−self`. */
export const negate = (self: Quantity): Quantity => {
  const value = repr(self)
  if (isSmall(value)) return small(-value.units, value.scale)
  return wrap(value.negated())
}

/** `|self|`. */
export const abs = (self: Quantity): Quantity => (sign(self) < 0 ? negate(self) : self)

/** `self × that`, exactly (the scale of the result is the sum of the scales). */
export function multiply(that: Quantity): (self: Quantity) => Quantity
export function multiply(self: Quantity, that: Quantity): Quantity
export function multiply(first: Quantity, second?: Quantity): Quantity | ((self: Quantity) => Quantity) {
  if (second === undefined) return (self: Quantity) => product(self, first)
  return product(first, second)
}

const product = (self: Quantity, that: Quantity): Quantity => {
  const a = repr(self)
  const b = repr(that)
  if (isSmall(a) && isSmall(b)) {
    const units = a.units * b.units
    const scale = a.scale + b.scale
    if (Number.isSafeInteger(units) && scale < POW10.length) return small(units, scale)
  }
  return normalize(toExact(a).times(toExact(b)))
}

/**
 * `self ÷ that`, rounded to `rounding.scaleDigits` fraction digits with `rounding.mode` (a scale outside 0–1,000 is
 * truncated and clamped, as in `round`); `DivisionByZero` for a zero divisor.
 * The quotient is first computed to 1,000 significant digits; since written quantities have at
 * most `quantityDigitsMax` digits, a quotient of two of them cannot have a false tie at that
 * depth, so the second rounding is the exact one.
 *
 * @example
 * ```ts
 * const third = pipe(
 *   Quantity.unsafeFromInteger(10),
 *   Quantity.divide(Quantity.unsafeFromInteger(3), { scaleDigits: 2, mode: 'halfEven' }),
 * )
 * // E.isRight(third) → true, Quantity.toString(third.right) → '3.33'
 * const byZero = pipe(
 *   Quantity.unsafeFromInteger(10),
 *   Quantity.divide(Quantity.zero, { scaleDigits: 2, mode: 'halfEven' }),
 * )
 * // byZero → E.left({ _tag: 'DivisionByZero' })
 * ```
 */
export const divide =
  (that: Quantity, rounding: Rounding) =>
  (self: Quantity): E.Either<QuantityError, Quantity> => {
    if (isZero(that)) return E.left({ _tag: 'DivisionByZero' })
    const scaleDigits = roundingScale(rounding.scaleDigits)
    const quotient = repr(
      normalize(
        toExact(repr(self))
          .dividedBy(toExact(repr(that)))
          .toDecimalPlaces(scaleDigits, decimalRounding[rounding.mode]),
      ),
    )
    return E.right(isSmall(quotient) ? atScale(quotient, scaleDigits) : wrap(quotient))
  }

/**
 * Rounds to `scaleDigits` fraction digits with the named mode. A `scaleDigits` that is not an integer from 0 to 1,000
 * is truncated toward zero and clamped to that range (NaN is 0), so rounding never throws.
 *
 * @example
 * ```ts
 * const half = Quantity.unsafeFromString('2.5')
 * // Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfEven' })(half)) → '2'
 * // Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfUp' })(half)) → '3'
 * // Quantity.toString(Quantity.round({ scaleDigits: 1, mode: 'floor' })(Quantity.unsafeFromString('-1.25')))
 * //   → '-1.3'
 * ```
 */
export const round =
  (rounding: Rounding) =>
  (self: Quantity): Quantity => {
    const scaleDigits = roundingScale(rounding.scaleDigits)
    const value = repr(self)
    if (isSmall(value) && value.scale <= scaleDigits) return atScale(value, scaleDigits)
    const rounded = repr(normalize(toExact(value).toDecimalPlaces(scaleDigits, decimalRounding[rounding.mode])))
    return isSmall(rounded) ? atScale(rounded, scaleDigits) : wrap(rounded)
  }

/**
 * The same value written with `scaleDigits` fraction digits (a rounding's result has the scale it names), when the
 * units stay safe.
 */
const atScale = (value: Small, scaleDigits: number): Quantity => {
  if (value.scale === scaleDigits) return wrap(value)
  const factor = POW10[scaleDigits - value.scale]
  const units = factor === undefined ? Number.NaN : value.units * factor
  return Number.isSafeInteger(units) ? small(units, scaleDigits) : wrap(value)
}

// -------------------------------------------------------------------------------------
// comparisons and guards
// -------------------------------------------------------------------------------------

/** −1, 0 or 1. */
export const sign = (self: Quantity): -1 | 0 | 1 => {
  const value = repr(self)
  if (isSmall(value)) return value.units > 0 ? 1 : value.units < 0 ? -1 : 0
  const result = value.comparedTo(0)
  return result > 0 ? 1 : result < 0 ? -1 : 0
}

/** True when the quantity is numerically zero (`0`, `0.00` and `-0` alike). */
export const isZero = (self: Quantity): boolean => sign(self) === 0

/** −1, 0 or 1: the numeric order of `self` and `that`. */
export const compare = (self: Quantity, that: Quantity): -1 | 0 | 1 => {
  const a = repr(self)
  const b = repr(that)
  if (isSmall(a) && isSmall(b)) {
    const aligned = align(a, b)
    if (aligned !== undefined) return aligned[0] < aligned[1] ? -1 : aligned[0] > aligned[1] ? 1 : 0
  }
  const result = toExact(a).comparedTo(toExact(b))
  return result < 0 ? -1 : result > 0 ? 1 : 0
}

/** Numeric equality: `1.5` equals `1.50`. */
export const equals = (self: Quantity, that: Quantity): boolean => compare(self, that) === 0

/** True when `value` was made by this module. */
export const isQuantity = (value: unknown): value is Quantity =>
  typeof value === 'object' &&
  value !== null &&
  ((typeof (value as Small).units === 'number' && typeof (value as Small).scale === 'number') || value instanceof Exact)

// -------------------------------------------------------------------------------------
// conversions
// -------------------------------------------------------------------------------------

/** Number of fraction digits in the shortest exact form (`1.50` has 1). */
export const scaleOf = (self: Quantity): number => {
  const text = toString(self)
  const point = text.indexOf('.')
  return point < 0 ? 0 : text.length - point - 1
}

/** The shortest exact form: `-1234.5`, `0`, `12`. Never an exponent. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the module's namespace (`Quantity.toString`) is the public name
export const toString = (self: Quantity): string => {
  const value = repr(self)
  if (!isSmall(value)) return value.toFixed()
  if (value.scale === 0) return String(value.units)
  const negative = value.units < 0
  let digits = String(negative ? -value.units : value.units)
  if (digits.length <= value.scale) digits = '0'.repeat(value.scale - digits.length + 1) + digits
  const integer = digits.slice(0, digits.length - value.scale)
  let fraction = digits.slice(digits.length - value.scale)
  let end = fraction.length
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--
  fraction = fraction.slice(0, end)
  const body = fraction.length > 0 ? `${integer}.${fraction}` : integer
  return negative ? `-${body}` : body
}

/**
 * The exact value at its own scale, trailing zeros kept: `10000.00` parsed stays `"10000.00"`, a
 * sum has the larger scale of its terms, a rounding the scale it names. What `${quantity}` and
 * `JSON.stringify(quantity)` print, and how the JSON document writes amounts. Never an exponent.
 *
 * @example
 * ```ts
 * const wages = Quantity.unsafeFromString('10000.00')
 * // Quantity.toScaledString(wages) → '10000.00', `${wages}` → '10000.00', Quantity.toString(wages) → '10000'
 * ```
 */
export const toScaledString = (self: Quantity): string => {
  const value = repr(self)
  if (!isSmall(value) || value.scale === 0) return toString(self)
  const negative = value.units < 0
  let digits = String(negative ? -value.units : value.units)
  if (digits.length <= value.scale) digits = '0'.repeat(value.scale - digits.length + 1) + digits
  const body = `${digits.slice(0, digits.length - value.scale)}.${digits.slice(digits.length - value.scale)}`
  return negative ? `-${body}` : body
}

/**
 * The exact value with exactly `scaleDigits` fraction digits, padding with zeros. `WouldDropDigits` if that would
 * drop a non-zero digit (round first, with a named mode); `InvalidScale` for a `scaleDigits` outside 0–1,000.
 */
export const toFixed = (self: Quantity, scaleDigits: number): E.Either<QuantityError, string> => {
  if (!isScale(scaleDigits)) return E.left(invalidScale(scaleDigits))
  const text = toString(self)
  const point = text.indexOf('.')
  const fraction = point < 0 ? 0 : text.length - point - 1
  if (fraction > scaleDigits) return E.left({ _tag: 'WouldDropDigits', text, scaleDigits })
  if (fraction === scaleDigits) return E.right(text)
  return E.right(point < 0 ? `${text}.${'0'.repeat(scaleDigits)}` : text + '0'.repeat(scaleDigits - fraction))
}

/** Like `toFixed`, but throws where it returns an error. For values whose scale the caller controls. */
export const unsafeToFixed = (self: Quantity, scaleDigits: number): string => {
  const result = toFixed(self, scaleDigits)
  if (E.isLeft(result)) throw new Error(`toFixed(${scaleDigits}): ${renderError(result.left)}`)
  return result.right
}

/**
 * The exact value as `units × 10^-scale` with bigint units (`1234.5` → `{ units: 12345n, scale: 1 }`).
 */
export const toBigInt = (self: Quantity): { readonly units: bigint; readonly scale: number } => {
  const text = toString(self)
  const point = text.indexOf('.')
  if (point < 0) return { units: BigInt(text), scale: 0 }
  return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 }
}

/**
 * `self × 10^places`, exactly: the decimal point moved right (`places > 0`) or left
 * (`places < 0`); `movePoint(8, -2)` is 0.08. For unit conversions (percent points and fractions).
 * `places` is truncated toward zero and clamped to ±1,000 (NaN is 0).
 */
export const movePoint = (self: Quantity, places: number): Quantity => {
  const { units, scale } = toBigInt(self)
  const by = Number.isNaN(places) ? 0 : Math.min(scaleLimit, Math.max(-scaleLimit, Math.trunc(places)))
  const shifted = scale - by
  return shifted >= 0 ? ofUnits(units, shifted) : ofUnits(units * 10n ** BigInt(-shifted), 0)
}

/**
 * A lossy JavaScript number, for chart coordinates and statistics only (never for money
 * arithmetic). The name says what it does.
 */
export const toApproximateNumber = (self: Quantity): number => {
  const value = repr(self)
  if (isSmall(value)) return value.units / (POW10[value.scale] ?? 10 ** value.scale)
  return value.toNumber()
}

/** Sum of many quantities. */
export const sumAll = (quantities: Iterable<Quantity>): Quantity => {
  let total = zero
  for (const quantity of quantities) total = sum(total, quantity)
  return total
}

/** The larger of two. */
export const max = (self: Quantity, that: Quantity): Quantity => (compare(self, that) >= 0 ? self : that)

/** The smaller of two. */
export const min = (self: Quantity, that: Quantity): Quantity => (compare(self, that) <= 0 ? self : that)

/** Renders a `QuantityError` as a sentence. */
export const renderError = (error: QuantityError): string => {
  switch (error._tag) {
    case 'InvalidQuantity':
      return `${JSON.stringify(error.text)} is not a number (expected digits with an optional '.' and fraction)`
    case 'QuantityTooLong':
      return (
        `${JSON.stringify(error.text.slice(0, 80))} has ${error.digits} digits; at most ` +
        `${error.digitsMax} are allowed`
      )
    case 'QuantityScaleTooLarge':
      return (
        `${JSON.stringify(error.text.slice(0, 80))} has ${error.scale} fraction digits; at most ` +
        `${error.scaleMax} are allowed`
      )
    case 'DivisionByZero':
      return 'division by zero'
    case 'InvalidScale':
      return `${error.scale} is not a scale (an integer from 0 to ${error.scaleMax} fraction digits)`
    case 'NotASafeInteger':
      return `${error.value} is not a safe integer`
    case 'WouldDropDigits':
      return `${error.text} has more than ${error.scaleDigits} fraction digits; round it first, with a named mode`
  }
}
