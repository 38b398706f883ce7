/** Equality and diff of books, ledgers and documents (issue 18). */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  booksEqual,
  diffBooks,
  diffDocuments,
  diffJson,
  diffLedgers,
  documentsEqual,
  exportDocument,
  importDocument,
  ledgersEqual,
  loadText,
  memoryFileSystem,
} from '../../src/index.js'

const load = (name: string, text: string) => {
  const loaded = loadText(name, text, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error('load')
  return loaded.right
}
const journal = (amount: string) => `2024-01-01 Opening\n    assets:cash  ${amount} RUB\n    equity:opening\n`

describe('equals and diff', () => {
  it('finds the one amount that differs, by path, and nothing between a document and its round trip', () => {
    const a = load('a.journal', journal('10.00'))
    const b = load('a.journal', journal('12.00'))
    expect(diffBooks(a.books, b.books)).toEqual([
      { path: 'entries.0.transaction.postings.0.money.quantity', left: '10.00', right: '12.00' },
      { path: 'entries.0.transaction.postings.1.money.quantity', left: '-10.00', right: '-12.00' },
    ])
    expect(booksEqual(a.books, b.books)).toBe(false)
    expect(ledgersEqual(a.ledger, a.ledger)).toBe(true)
    expect(diffLedgers(a.ledger, b.ledger)).toHaveLength(2)
    const imported = importDocument(JSON.parse(JSON.stringify(exportDocument(a))))
    if (E.isLeft(imported)) throw new Error('import')
    expect(documentsEqual(a, imported.right)).toBe(true)
  })

  it('ignores source positions on request', () => {
    const a = load('a.journal', journal('10.00'))
    const b = load('b.journal', `\n${journal('10.00')}`)
    expect(diffDocuments(a, b).map((difference) => difference.path)).toContain('entries.0.transaction.span.file')
    expect(documentsEqual(a, b, { ignoreSpans: true })).toBe(true)
  })

  it('diffJson reports missing keys and array elements as undefined, and stops at the limit', () => {
    expect(diffJson({ a: [1, 2] }, { a: [1], b: true })).toEqual([
      { path: 'a.1', left: 2, right: undefined },
      { path: 'b', left: undefined, right: true },
    ])
    expect(diffJson([1, 2, 3], [4, 5, 6], { limit: 2 })).toHaveLength(2)
  })
})
