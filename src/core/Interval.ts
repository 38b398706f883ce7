/**
 * Exact intervals of quantities: what a hedged figure ("more than 6 million", "below 100 %",
 * "400–500", "about 250", "not given") stands for.
 *
 * An interval has a lower and an upper end, each a Quantity that is open or closed, or absent
 * (unbounded on that side), and a kind that says how the source put it: `exact` (one point),
 * `approximate` (`~X`, a point with a tolerance), `bound` (one side unbounded), `range` (`A..B`) or
 * `unknown` (the figure exists but no source gives it; it is not zero and not "anything": rules
 * cannot decide on it). All arithmetic goes through Quantity; nothing here is floating point.
 *
 * Arithmetic contains every point result: for a in A and b in B, a + b lies in add(A, B), and so on
 * (tests/core/Interval.property.test.ts). A comparison with a threshold gives a verdict: `certain`
 * (holds at every point), `possible` (holds at some point but not all), `never` (holds at no
 * point), or `undecidable` (an input is unknown).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Quantity from './Quantity.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How the source gave a figure. */
export type Kind = 'exact' | 'approximate' | 'bound' | 'range' | 'unknown'

/** One end of an interval: its value and whether the value itself belongs to the interval. */
export interface End {
  readonly value: Quantity.Quantity
  readonly closed: boolean
}

/** An interval; `low`/`high` absent means unbounded on that side. An `unknown` interval has neither. */
export interface Interval {
  readonly kind: Kind
  readonly low?: End
  readonly high?: End
  /** The point an approximate figure was written as (`~250` → 250), for display. */
  readonly center?: Quantity.Quantity
}

/** How a verdict came out: the condition holds at every point, at some, at none, or cannot be decided. */
export type Verdict = 'certain' | 'possible' | 'never' | 'undecidable'

/** A comparison of a figure with a threshold. */
export type Comparison = '<' | '<=' | '>' | '>='

/** Why an interval could not be made or divided. */
export type IntervalError =
  | { readonly _tag: 'EmptyInterval'; readonly low: string; readonly high: string }
  | { readonly _tag: 'DenominatorNotPositive' }
  | { readonly _tag: 'NegativeTolerance' }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const closedEnd = (value: Quantity.Quantity): End => ({ value, closed: true })

/** The interval holding one point. */
export const exact = (value: Quantity.Quantity): Interval => ({
  kind: 'exact',
  low: closedEnd(value),
  high: closedEnd(value),
})

/** A figure that exists but that no source gives. */
export const unknown: Interval = { kind: 'unknown' }

/** `~X`: the closed interval X·(1 − t) .. X·(1 + t) for a tolerance t ≥ 0 (0.05 for 5 %). */
export const approximate = (
  center: Quantity.Quantity,
  tolerance: Quantity.Quantity,
): E.Either<IntervalError, Interval> => {
  if (Quantity.sign(tolerance) < 0) return E.left({ _tag: 'NegativeTolerance' })
  const spread = Quantity.abs(Quantity.multiply(center, tolerance))
  return E.right({
    kind: 'approximate',
    low: closedEnd(Quantity.subtract(center, spread)),
    high: closedEnd(Quantity.add(center, spread)),
    center,
  })
}

/** `>X` (strict) or `>=X`. */
export const above = (value: Quantity.Quantity, inclusive: boolean): Interval => ({
  kind: 'bound',
  low: { value, closed: inclusive },
})

/** `<X` (strict) or `<=X`. */
export const below = (value: Quantity.Quantity, inclusive: boolean): Interval => ({
  kind: 'bound',
  high: { value, closed: inclusive },
})

/** `A..B`, both ends included; fails when B < A. */
export const range = (low: Quantity.Quantity, high: Quantity.Quantity): E.Either<IntervalError, Interval> =>
  Quantity.compare(low, high) > 0
    ? E.left({ _tag: 'EmptyInterval', low: Quantity.toString(low), high: Quantity.toString(high) })
    : E.right({ kind: 'range', low: closedEnd(low), high: closedEnd(high) })

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** Whether the figure is unknown. */
export const isUnknown = (self: Interval): boolean => self.kind === 'unknown'

/** Whether `value` lies in the interval (false for an unknown interval: nothing is known to lie in it). */
export const contains = (self: Interval, value: Quantity.Quantity): boolean => {
  if (self.kind === 'unknown') return false
  if (self.low !== undefined) {
    const c = Quantity.compare(value, self.low.value)
    if (c < 0 || (c === 0 && !self.low.closed)) return false
  }
  if (self.high !== undefined) {
    const c = Quantity.compare(value, self.high.value)
    if (c > 0 || (c === 0 && !self.high.closed)) return false
  }
  return true
}

/**
 * Whether every point of `inner` lies in `outer` (containment). An unknown `outer` allows
 * anything; an unknown `inner` lies only in an unknown or unbounded `outer` (nothing is known of it).
 */
export const within = (inner: Interval, outer: Interval): boolean => {
  if (outer.kind === 'unknown') return true
  if (inner.kind === 'unknown') return outer.low === undefined && outer.high === undefined
  if (outer.low !== undefined) {
    if (inner.low === undefined) return false
    const c = Quantity.compare(inner.low.value, outer.low.value)
    if (c < 0 || (c === 0 && inner.low.closed && !outer.low.closed)) return false
  }
  if (outer.high !== undefined) {
    if (inner.high === undefined) return false
    const c = Quantity.compare(inner.high.value, outer.high.value)
    if (c > 0 || (c === 0 && inner.high.closed && !outer.high.closed)) return false
  }
  return true
}

/** The one point of an exact interval. */
export const pointOf = (self: Interval): Quantity.Quantity | undefined =>
  self.low !== undefined &&
  self.high !== undefined &&
  self.low.closed &&
  self.high.closed &&
  Quantity.equals(self.low.value, self.high.value)
    ? self.low.value
    : undefined

// -------------------------------------------------------------------------------------
// arithmetic
// -------------------------------------------------------------------------------------

const combinedKind = (a: Kind, b: Kind): Kind => {
  if (a === 'unknown' || b === 'unknown') return 'unknown'
  if (a === 'exact' && b === 'exact') return 'exact'
  if (a === 'bound' || b === 'bound') return 'bound'
  if (a === 'range' || b === 'range') return 'range'
  return 'approximate'
}

const addEnds = (a: End | undefined, b: End | undefined): End | undefined =>
  a === undefined || b === undefined
    ? undefined
    : { value: Quantity.add(a.value, b.value), closed: a.closed && b.closed }

const withKind = (kind: Kind, low: End | undefined, high: End | undefined, center?: Quantity.Quantity): Interval => {
  if (kind === 'unknown') return unknown
  if (kind === 'bound' && low !== undefined && high !== undefined) kind = 'range'
  return {
    kind,
    ...(low !== undefined ? { low } : {}),
    ...(high !== undefined ? { high } : {}),
    ...(center !== undefined && kind === 'approximate' ? { center } : {}),
  }
}

/** Every a + b. */
export const add = (a: Interval, b: Interval): Interval => {
  const kind = combinedKind(a.kind, b.kind)
  const center =
    a.center !== undefined || b.center !== undefined
      ? Quantity.add(a.center ?? pointOf(a) ?? Quantity.zero, b.center ?? pointOf(b) ?? Quantity.zero)
      : undefined
  return withKind(kind, addEnds(a.low, b.low), addEnds(a.high, b.high), center)
}

/** Every −a. */
export const negate = (a: Interval): Interval => {
  const flip = (end: End | undefined): End | undefined =>
    end === undefined ? undefined : { value: Quantity.negate(end.value), closed: end.closed }
  return withKind(a.kind, flip(a.high), flip(a.low), a.center !== undefined ? Quantity.negate(a.center) : undefined)
}

/** Every a − b. */
export const subtract = (a: Interval, b: Interval): Interval => add(a, negate(b))

/** Every a · k, for a non-negative exact scalar k. */
export const scale = (a: Interval, k: Quantity.Quantity): E.Either<IntervalError, Interval> => {
  if (Quantity.sign(k) < 0) return E.left({ _tag: 'DenominatorNotPositive' })
  if (a.kind === 'unknown') return E.right(unknown)
  if (Quantity.isZero(k)) return E.right(exact(Quantity.zero))
  const times = (end: End | undefined): End | undefined =>
    end === undefined ? undefined : { value: Quantity.multiply(end.value, k), closed: end.closed }
  return E.right(
    withKind(a.kind, times(a.low), times(a.high), a.center !== undefined ? Quantity.multiply(a.center, k) : undefined),
  )
}

/** An end value on the extended line: a quantity, or ±∞. */
type Extended =
  | { readonly _tag: 'Finite'; readonly value: Quantity.Quantity; readonly closed: boolean }
  | { readonly _tag: 'Infinite'; readonly sign: 1 | -1 }

const lowExtended = (end: End | undefined): Extended =>
  end === undefined ? { _tag: 'Infinite', sign: -1 } : { _tag: 'Finite', value: end.value, closed: end.closed }
const highExtended = (end: End | undefined): Extended =>
  end === undefined ? { _tag: 'Infinite', sign: 1 } : { _tag: 'Finite', value: end.value, closed: end.closed }

/**
 * The quotients x / y at a corner (y > 0), as candidate ends: more than one when the limit is not a single value (∞ /
 * ∞).
 */
const cornerQuotients = (x: Extended, y: Extended, scaleDigits: number): ReadonlyArray<Extended> => {
  if (x._tag === 'Infinite' && y._tag === 'Infinite') return [{ _tag: 'Finite', value: Quantity.zero, closed: true }, x]
  if (x._tag === 'Infinite') return [x]
  if (y._tag === 'Infinite') return [{ _tag: 'Finite', value: Quantity.zero, closed: true }]
  const down = Quantity.divide(y.value, { scaleDigits, mode: 'floor' })(x.value)
  const up = Quantity.divide(y.value, { scaleDigits, mode: 'ceiling' })(x.value)
  if (E.isLeft(down) || E.isLeft(up)) return []
  const closed = x.closed && y.closed
  if (Quantity.equals(down.right, up.right)) return [{ _tag: 'Finite', value: down.right, closed }]
  // Rounded: the true quotient lies strictly between the two; both are safe closed ends.
  return [
    { _tag: 'Finite', value: down.right, closed: true },
    { _tag: 'Finite', value: up.right, closed: true },
  ]
}

const compareExtended = (a: Extended, b: Extended): number => {
  if (a._tag === 'Infinite' && b._tag === 'Infinite') return a.sign - b.sign
  if (a._tag === 'Infinite') return a.sign
  if (b._tag === 'Infinite') return -b.sign
  return Quantity.compare(a.value, b.value)
}

/**
 * Every a / b for a denominator interval lying above zero, with quotients rounded outwards to
 * `scaleDigits` digits (the low end down, the high end up), so the result contains every point
 * quotient.
 */
export const ratio = (a: Interval, b: Interval, scaleDigits: number): E.Either<IntervalError, Interval> => {
  if (a.kind === 'unknown' || b.kind === 'unknown') return E.right(unknown)
  if (b.low === undefined || Quantity.sign(b.low.value) < 0 || (Quantity.isZero(b.low.value) && b.low.closed))
    return E.left({ _tag: 'DenominatorNotPositive' })
  const xs = [lowExtended(a.low), highExtended(a.high)]
  const ys = [lowExtended(b.low), highExtended(b.high)]
  // The low denominator end may be an open zero: x / (0, …) tends to ±∞ (or stays 0 for x = 0).
  const candidates: Extended[] = []
  for (const x of xs)
    for (const y of ys) {
      if (y._tag === 'Finite' && Quantity.isZero(y.value)) {
        const s = x._tag === 'Infinite' ? x.sign : Quantity.sign(x.value)
        candidates.push(
          s === 0 ? { _tag: 'Finite', value: Quantity.zero, closed: true } : { _tag: 'Infinite', sign: s > 0 ? 1 : -1 },
        )
        continue
      }
      candidates.push(...cornerQuotients(x, y, scaleDigits))
    }
  if (candidates.length === 0) return E.left({ _tag: 'DenominatorNotPositive' })
  // Lowest candidate (an open end loses to a closed one at the same value), and highest.
  let low = candidates[0] as Extended
  let high = candidates[0] as Extended
  for (const candidate of candidates) {
    const cl = compareExtended(candidate, low)
    if (cl < 0 || (cl === 0 && candidate._tag === 'Finite' && candidate.closed)) low = candidate
    const ch = compareExtended(candidate, high)
    if (ch > 0 || (ch === 0 && candidate._tag === 'Finite' && candidate.closed)) high = candidate
  }
  const toEnd = (end: Extended): End | undefined =>
    end._tag === 'Infinite' ? undefined : { value: end.value, closed: end.closed }
  return E.right(withKind(combinedKind(a.kind, b.kind), toEnd(low), toEnd(high)))
}

// -------------------------------------------------------------------------------------
// verdicts
// -------------------------------------------------------------------------------------

/** Whether the comparison `value OP threshold` holds for one point. */
export const holds = (value: Quantity.Quantity, comparison: Comparison, threshold: Quantity.Quantity): boolean => {
  const c = Quantity.compare(value, threshold)
  switch (comparison) {
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
  }
}

/** Whether every point of the interval is at least (`>=`) / more than (`>`) the threshold. */
const allAbove = (self: Interval, threshold: Quantity.Quantity, strict: boolean): boolean => {
  if (self.low === undefined) return false
  const c = Quantity.compare(self.low.value, threshold)
  return strict ? c > 0 || (c === 0 && !self.low.closed) : c >= 0
}

/** Whether some point of the interval is at least / more than the threshold. */
const someAbove = (self: Interval, threshold: Quantity.Quantity, strict: boolean): boolean => {
  if (self.high === undefined) return true
  const c = Quantity.compare(self.high.value, threshold)
  return strict ? c > 0 : c > 0 || (c === 0 && self.high.closed)
}

/**
 * The verdict of `figure OP threshold`: certain when it holds for every point of the interval,
 * possible when for some, never when for none, undecidable when the figure is unknown.
 */
export const verdict = (self: Interval, comparison: Comparison, threshold: Quantity.Quantity): Verdict => {
  if (self.kind === 'unknown') return 'undecidable'
  if (comparison === '<' || comparison === '<=')
    return verdict(negate(self), comparison === '<' ? '>' : '>=', Quantity.negate(threshold))
  const strict = comparison === '>'
  if (allAbove(self, threshold, strict)) return 'certain'
  return someAbove(self, threshold, strict) ? 'possible' : 'never'
}

/** True for a verdict under which a rule reports (certain or possible). */
export const mayHold = (verdict: Verdict): boolean => verdict === 'certain' || verdict === 'possible'

/**
 * Whether the two intervals share no point (two unknowns, or an unknown and anything, are not disjoint: nothing is
 * known).
 */
export const disjoint = (a: Interval, b: Interval): boolean => {
  if (a.kind === 'unknown' || b.kind === 'unknown') return false
  const separated = (left: Interval, right: Interval): boolean => {
    if (left.high === undefined || right.low === undefined) return false
    const c = Quantity.compare(left.high.value, right.low.value)
    return c < 0 || (c === 0 && !(left.high.closed && right.low.closed))
  }
  return separated(a, b) || separated(b, a)
}

/** The distance between two disjoint intervals (zero when they meet or overlap, or an input is unknown). */
export const gap = (a: Interval, b: Interval): Quantity.Quantity => {
  if (!disjoint(a, b)) return Quantity.zero
  const between = (left: Interval, right: Interval): Quantity.Quantity | undefined =>
    left.high !== undefined && right.low !== undefined && Quantity.compare(left.high.value, right.low.value) <= 0
      ? Quantity.subtract(right.low.value, left.high.value)
      : undefined
  return between(a, b) ?? between(b, a) ?? Quantity.zero
}

// -------------------------------------------------------------------------------------
// display
// -------------------------------------------------------------------------------------

/**
 * The interval in the journal's own notation, each quantity rendered by `show`: `5`, `~250`,
 * `> 6000000`, `<= 10`, `400..500`, `(0..1]` for a range with an open end, `?`.
 */
export const show = (
  self: Interval,
  showQuantity: (quantity: Quantity.Quantity) => string = Quantity.toString,
): string => {
  if (self.kind === 'unknown') return '?'
  const point = pointOf(self)
  if (point !== undefined) return showQuantity(point)
  if (self.kind === 'approximate' && self.center !== undefined) return `~${showQuantity(self.center)}`
  const { low, high } = self
  if (low === undefined && high === undefined) return '?'
  if (high === undefined && low !== undefined) return `${low.closed ? '>=' : '>'} ${showQuantity(low.value)}`
  if (low === undefined && high !== undefined) return `${high.closed ? '<=' : '<'} ${showQuantity(high.value)}`
  const l = low as End
  const h = high as End
  const body = `${showQuantity(l.value)}..${showQuantity(h.value)}`
  return l.closed && h.closed ? body : `${l.closed ? '[' : '('}${body}${h.closed ? ']' : ')'}`
}

/** Renders an interval error as a sentence. */
export const renderError = (error: IntervalError): string => {
  switch (error._tag) {
    case 'EmptyInterval':
      return `the range ${error.low}..${error.high} is empty (write the lower end first)`
    case 'DenominatorNotPositive':
      return 'a ratio needs a denominator above zero'
    case 'NegativeTolerance':
      return 'an approximation tolerance cannot be negative'
  }
}
