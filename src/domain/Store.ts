/**
 * The persistent store behind `Books` (domain-private; not re-exported from `domain/index.ts`).
 *
 * Same scheme as the core ledger: a `Books` value is a read-only view `{ store, version }` of an
 * append-only store. Every table keeps, per key, the list of values it had, each stamped with
 * the version (number of applied operations) that wrote it; a view at version `v` sees, per key,
 * the last value stamped `≤ v`. Applying an operation to the newest view appends one stamp per
 * changed document: O(size of the operation). Applying to an older view (one that has been
 * applied to since) first forks the store, O(N), so every `Books` value keeps meaning exactly
 * what it meant.
 */

interface Stamped<V> {
  readonly at: number
  readonly value: V
}

/**
 * One table of the store: per key, every value it had with the version that wrote it, and the version
 * at which each key first appeared.
 */
export interface Table<K, V> {
  readonly entries: Map<K, Array<Stamped<V>>>
  /** The version at which each key first appeared, ascending (keys are never removed). */
  readonly addedAt: number[]
}

/** The append-only store behind `Books`: its newest version, its tables by name, and the history entries. */
export interface StoreState<H> {
  head: number
  readonly tables: Map<string, Table<unknown, unknown>>
  readonly history: H[]
}

/** A new empty store at version 0. */
export const newStore = <H>(): StoreState<H> => ({ head: 0, tables: new Map(), history: [] })

const newTable = <K, V>(): Table<K, V> => ({ entries: new Map(), addedAt: [] })

/** The table of this name in the store, created empty on first use (the store is mutated). */
export const table = <K, V>(store: StoreState<unknown>, name: string): Table<K, V> => {
  let found = store.tables.get(name)
  if (found === undefined) {
    found = newTable()
    store.tables.set(name, found)
  }
  return found as Table<K, V>
}

const visible = <V>(stamps: ReadonlyArray<Stamped<V>>, version: number): V | undefined => {
  for (let index = stamps.length - 1; index >= 0; index--) {
    const stamp = stamps[index] as Stamped<V>
    if (stamp.at <= version) return stamp.value
  }
  return undefined
}

/** Number of elements of an ascending array that are `≤ limit`. */
const countUpTo = (sorted: ReadonlyArray<number>, limit: number): number => {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as number) <= limit) low = middle + 1
    else high = middle
  }
  return low
}

/** A read-only map over one table as of one version. O(1) to make; `get` is O(changes of that key). */
export class TableView<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly source: Table<K, V>,
    private readonly version: number,
  ) {}
  get(key: K): V | undefined {
    const stamps = this.source.entries.get(key)
    return stamps === undefined ? undefined : visible(stamps, this.version)
  }
  has(key: K): boolean {
    return this.get(key) !== undefined
  }
  get size(): number {
    return countUpTo(this.source.addedAt, this.version)
  }
  *entries(): MapIterator<[K, V]> {
    for (const [key, stamps] of this.source.entries) {
      const value = visible(stamps, this.version)
      if (value !== undefined) yield [key, value]
    }
  }
  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }
}

/** A private copy of the store holding only what version `version` sees. O(N). */
export const fork = <H>(source: StoreState<H>, version: number): StoreState<H> => {
  const store = newStore<H>()
  store.head = version
  for (const [name, sourceTable] of source.tables) {
    const target = newTable<unknown, unknown>()
    for (const [key, stamps] of sourceTable.entries) {
      const kept = stamps.filter((stamp) => stamp.at <= version)
      if (kept.length > 0) {
        target.entries.set(key, kept)
        target.addedAt.push((kept[0] as Stamped<unknown>).at)
      }
    }
    target.addedAt.sort((a, b) => a - b)
    store.tables.set(name, target)
  }
  for (let index = 0; index < version; index++) store.history.push(source.history[index] as H)
  return store
}

/** Writes one value for `key` at `version` (the store's new head). Caller guarantees `version > head`. */
export const write = <K, V>(target: Table<K, V>, key: K, value: V, version: number): void => {
  const stamps = target.entries.get(key)
  if (stamps === undefined) {
    target.entries.set(key, [{ at: version, value }])
    target.addedAt.push(version)
  } else {
    const last = stamps[stamps.length - 1]
    if (last !== undefined && last.at === version) stamps[stamps.length - 1] = { at: version, value }
    else stamps.push({ at: version, value })
  }
}
