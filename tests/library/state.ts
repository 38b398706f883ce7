/**
 * What a round trip must preserve, as plain comparable data: both trial balances, every
 * document, plan and settlement account, the history of operations with its provenance, and the
 * statements. Quantities compare by their exact value (`1.50` and `1.5` are the same amount).
 */
import { Books, Quantity, Query } from '../../src/index.js'

/** Quantities become their shortest exact string, maps become entry lists, object keys are sorted. */
export const canonical = (value: unknown): unknown => {
  if (Quantity.isQuantity(value)) return `#${Quantity.toString(value)}`
  if (Array.isArray(value)) return value.map(canonical)
  // A period is its dates; a label written in code (`rest of 1937`) travels as `START..END`.
  if (typeof value === 'object' && value !== null && 'start' in value && 'endExclusive' in value && 'label' in value) {
    return `${String(value.start)}..${String(value.endExclusive)}`
  }
  if (
    value instanceof Map ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as ReadonlyMap<unknown, unknown>).entries === 'function' &&
      'size' in value)
  ) {
    return [...(value as ReadonlyMap<unknown, unknown>).entries()].map(([key, item]) => [
      canonical(key),
      canonical(item),
    ])
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) result[key] = canonical(item)
    }
    return result
  }
  return value
}

interface Source {
  readonly books: Books.Books
  readonly reported: ReadonlyArray<unknown>
  readonly settings: ReadonlyArray<unknown>
  readonly expectations: ReadonlyArray<unknown>
}

/** The state a round trip must keep. */
export const stateOf = (source: Source) => {
  const { books } = source
  return canonical({
    money: Query.trialBalance(books.ledger, { book: 'money' }),
    goods: Query.trialBalance(books.ledger, { book: 'goods' }),
    documents: books.documents,
    plans: books.plans,
    settlementAccounts: books.settlementAccounts,
    history: Books.history(books),
    transactions: books.ledger.size,
    currency: books.currency,
    reported: source.reported,
    settings: source.settings,
    expectations: source.expectations,
  })
}
