/**
 * The JSON interchange document: round trips of the example and Kirov ledgers, decimals as
 * strings, spans and citations kept, and typed errors (with document paths) for bad input.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  exportDocument,
  type Imported,
  importDocument,
  importJson,
  type Loaded,
  loadFile,
  memoryFileSystem,
  renderImportError,
} from '../../src/index.js'
import { nodeFileSystem } from '../../src/node.js'
import { stateOf } from './state.js'

const load = (path: string): Loaded => {
  const loaded = loadFile(path, { fileSystem: nodeFileSystem })
  if (E.isLeft(loaded)) throw new Error(loaded.left.diagnostics.map((diagnostic) => diagnostic.message).join('\n'))
  return loaded.right
}

const roundTrip = (loaded: Loaded | Imported): Imported => {
  const imported = importDocument(JSON.parse(JSON.stringify(exportDocument(loaded))))
  if (E.isLeft(imported)) throw new Error(renderImportError(imported.left))
  return imported.right
}

/** Every JSON number in a value, with its path. */
const numbersIn = (value: unknown, path = ''): ReadonlyArray<string> => {
  if (typeof value === 'number') return [path]
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}.${index}`))
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`))
  return []
}

describe('JSON interchange', () => {
  for (const path of ['ledgers/examples/plant.journal', 'ledgers/kirov/kirov.journal']) {
    it(`round-trips ${path}: balances, documents, plans, history and statements are the same`, () => {
      const loaded = load(path)
      const imported = roundTrip(loaded)
      expect(stateOf(imported)).toEqual(stateOf(loaded))
      // A second export is identical to the first: nothing is lost or invented on the way.
      expect(exportDocument(imported)).toEqual(exportDocument(loaded))
    })
  }

  it('writes decimals as strings: the only JSON numbers are span positions and day or month counts', () => {
    const json = exportDocument(load('ledgers/kirov/kirov.journal'))
    const numbers = numbersIn(json).filter(
      (path) => !/\.(line|column|endLine|precision|termMonths)$|^\.version$/u.test(path),
    )
    expect(numbers).toEqual([])
    expect(JSON.stringify(json)).toContain('"quantity":"117000000.00"')
  })

  it('keeps spans and parsed citations on transactions and operations', () => {
    const json = exportDocument(load('ledgers/kirov/kirov.journal'))
    const citations = json.entries.flatMap((entry) =>
      'transaction' in entry ? entry.transaction.citations : entry.citations,
    )
    const citation = citations.find((candidate) => candidate.delo !== undefined)
    expect(citation).toMatchObject({
      archive: expect.any(String),
      fond: expect.any(String),
      opis: expect.any(String),
      delo: expect.any(String),
    })
    for (const entry of json.entries) {
      const span = 'transaction' in entry ? entry.transaction.span : entry.span
      expect(span.file).toMatch(/ledgers\/kirov\/[a-z0-9-]+\.journal$/u)
      expect(span.line).toBeGreaterThan(0)
    }
    expect(json.reported?.[0]?.span.file).toMatch(/\.journal$/u)
  })

  it('re-infers elided amounts and balance assignments, and refuses a document whose inferred amount differs', () => {
    const text = [
      '1936-01-01 Opening',
      '    assets:cash  10.50 RUB',
      '    equity:opening',
      '',
      '1936-01-02 Set',
      '    assets:cash  = 20 RUB',
      '    equity:opening',
      '',
    ].join('\n')
    const file = new Map([['a.journal', text]])
    const loaded = loadFile('a.journal', { fileSystem: memoryFileSystem(file) })
    if (E.isLeft(loaded)) throw new Error('load failed')
    const json = exportDocument(loaded.right)
    const origins = json.entries.flatMap((entry) =>
      'transaction' in entry ? entry.transaction.postings.map((posting) => posting.origin) : [],
    )
    expect(origins).toEqual(['written', 'elided', 'assigned', 'elided'])
    const imported = roundTrip(loaded.right)
    expect(stateOf(imported)).toEqual(stateOf(loaded.right))
    const tampered = JSON.parse(JSON.stringify(json)) as {
      entries: Array<{ transaction: { postings: Array<{ money: { quantity: string } }> } }>
    }
    const elided = tampered.entries[0]?.transaction.postings[1]
    if (elided !== undefined) elided.money.quantity = '-11'
    const result = importDocument(tampered)
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'InferredAmountMismatch',
      path: 'entries.0.transaction.postings.1',
    })
  })

  it('reports typed errors: bad JSON, another version, a bad field with its path, an unbalanced transaction', () => {
    expect(E.isLeft(importJson('{ not json')) && importJson('{ not json')).toMatchObject({
      left: { _tag: 'InvalidJson' },
    })
    const version = importDocument({ version: 2, declarations: {}, entries: [] })
    expect(E.isLeft(version) && version.left).toMatchObject({ _tag: 'UnsupportedVersion', version: 2, supported: 1 })

    const base = JSON.parse(JSON.stringify(exportDocument(load('ledgers/examples/plant.journal')))) as {
      entries: Array<{ transaction: { date: string; postings: Array<{ money?: { quantity: unknown } }> } }>
    }
    const badDate = structuredClone(base)
    if (badDate.entries[1] !== undefined) badDate.entries[1].transaction.date = '1936-02-30'
    const dateResult = importDocument(badDate)
    expect(E.isLeft(dateResult) && dateResult.left).toMatchObject({
      _tag: 'InvalidDocument',
      issues: [{ path: 'entries.1.transaction.date' }],
    })

    const numberAmount = structuredClone(base)
    const posting = numberAmount.entries[1]?.transaction.postings[0]
    if (posting?.money !== undefined) posting.money.quantity = 1200000
    const numberResult = importDocument(numberAmount)
    expect(E.isLeft(numberResult) && numberResult.left).toMatchObject({
      _tag: 'InvalidDocument',
      issues: [{ path: 'entries.1.transaction.postings.0.money.quantity' }],
    })

    const unbalanced = structuredClone(base)
    const first = unbalanced.entries[3]?.transaction.postings[0]
    if (first?.money !== undefined) first.money.quantity = '1'
    const unbalancedResult = importDocument(unbalanced)
    expect(E.isLeft(unbalancedResult) && unbalancedResult.left).toMatchObject({
      _tag: 'TransactionRejected',
      path: 'entries.3.transaction',
      error: { _tag: 'UnbalancedTransaction' },
    })
    expect(E.isLeft(unbalancedResult) && renderImportError(unbalancedResult.left)).toMatch(
      /^entries\.3\.transaction: transaction does not balance/u,
    )
  })
})
