/**
 * Equality and differences of books, ledgers and interchange documents, compared through the
 * JSON document (`exportDocument`): two values are equal when their documents are the same JSON,
 * decimals compared as written (`"10.00"` and `"10"` differ: the scale is part of the value a
 * document carries). `ignoreSpans` leaves out source positions (books built from different files
 * or in code). Linear in the size of the documents.
 */
import type * as Ledger from '../core/Ledger.js'
import * as Books from '../domain/Books.js'
import { type DocumentSource, exportDocument, type LedgerDocumentJson } from './Json.js'

/**
 * One difference: where (`entries.3.transaction.postings.0.money.quantity`) and the two values there (`undefined` when
 * absent).
 */
export interface Difference {
  readonly path: string
  readonly left: unknown
  readonly right: unknown
}

/** How to compare: leave out `span` fields; report at most `limit` differences (default 100). */
export interface DiffOptions {
  readonly ignoreSpans?: boolean
  readonly limit?: number
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The differences between two JSON values, depth first, in key order of `left` then the keys only `right` has. */
export const diffJson = (left: unknown, right: unknown, options: DiffOptions = {}): ReadonlyArray<Difference> => {
  const limit = options.limit ?? 100
  const found: Difference[] = []
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (found.length >= limit) return
    if (Array.isArray(a) && Array.isArray(b)) {
      const length = Math.max(a.length, b.length)
      for (let index = 0; index < length; index++)
        walk(a[index], b[index], path === '' ? String(index) : `${path}.${index}`)
      return
    }
    if (isRecord(a) && isRecord(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))]
      for (const key of keys) {
        if (options.ignoreSpans === true && key === 'span') continue
        walk(a[key], b[key], path === '' ? key : `${path}.${key}`)
      }
      return
    }
    if (a !== b) found.push({ path, left: a, right: b })
  }
  walk(JSON.parse(JSON.stringify(left ?? null)) as unknown, JSON.parse(JSON.stringify(right ?? null)) as unknown, '')
  return found
}

const asDocument = (value: DocumentSource | LedgerDocumentJson): LedgerDocumentJson =>
  'books' in value ? exportDocument(value) : value

/** The differences between two interchange documents (or the loaded journals they export). */
export const diffDocuments = (
  left: DocumentSource | LedgerDocumentJson,
  right: DocumentSource | LedgerDocumentJson,
  options: DiffOptions = {},
): ReadonlyArray<Difference> => diffJson(asDocument(left), asDocument(right), options)

/** True when two documents (or loaded journals) are the same document. */
export const documentsEqual = (
  left: DocumentSource | LedgerDocumentJson,
  right: DocumentSource | LedgerDocumentJson,
  options: DiffOptions = {},
): boolean => diffDocuments(left, right, { ...options, limit: 1 }).length === 0

const source = (books: Books.Books): DocumentSource => ({ books, reported: [], settings: [], expectations: [] })

/**
 * The differences between two books: declarations, transactions, operations (with their documents' history), in posting
 * order.
 */
export const diffBooks = (
  left: Books.Books,
  right: Books.Books,
  options: DiffOptions = {},
): ReadonlyArray<Difference> => diffDocuments(source(left), source(right), options)

/** True when two books hold the same declarations, transactions and operations. */
export const booksEqual = (left: Books.Books, right: Books.Books, options: DiffOptions = {}): boolean =>
  diffBooks(left, right, { ...options, limit: 1 }).length === 0

/** The differences between two ledgers: declarations and posted transactions. */
export const diffLedgers = (
  left: Ledger.Ledger,
  right: Ledger.Ledger,
  options: DiffOptions = {},
): ReadonlyArray<Difference> => diffBooks(Books.fromLedger(left), Books.fromLedger(right), options)

/** True when two ledgers hold the same declarations and posted transactions. */
export const ledgersEqual = (left: Ledger.Ledger, right: Ledger.Ledger, options: DiffOptions = {}): boolean =>
  diffLedgers(left, right, { ...options, limit: 1 }).length === 0
