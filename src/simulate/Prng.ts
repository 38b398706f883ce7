/**
 * The simulator's own seeded generator (sfc32 over a splitmix32-expanded seed): the same seed
 * gives the same region on every machine. No `Math.random`. Values drawn here are counts,
 * dates and ratios in integer permille; money is made from them by `core/Quantity`.
 */
export interface Prng {
  /** A uniform integer in [0, 2^32). */
  readonly next: () => number
}

const splitmix32 = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A generator for `seed` and a stream label (one stream per enterprise, independent of the others). */
export const make = (seed: number, stream = 0): Prng => {
  const expand = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0)
  let a = expand()
  let b = expand()
  let c = expand()
  let d = expand()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i += 1) next()
  return { next }
}

/** An integer in [min, max] (inclusive). */
export const int = (prng: Prng, min: number, max: number): number => min + (prng.next() % (max - min + 1))

/** True with probability `permille` / 1000. */
export const chance = (prng: Prng, permille: number): boolean => prng.next() % 1000 < permille

/** One element of a non-empty array. */
export const pick = <A>(prng: Prng, items: ReadonlyArray<A>): A => items[prng.next() % items.length] as A
