/**
 * The examples in the public API's doc comments and in the README's Library section, run as
 * written (imports from the entry points), so the documentation cannot drift from the code.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { describe, expect, it } from 'vitest'
import {
  Apply,
  Books,
  builtInRules,
  Commodity,
  Entity,
  exportDocument,
  importDocument,
  LocalDate,
  loadFile,
  loadText,
  memoryFileSystem,
  Quantity,
  Query,
  reconcile,
  renderImportError,
  SourceSpan,
} from '../../src/index.js'
import { nodeFileSystem } from '../../src/node.js'

describe('documented examples', () => {
  it('the happy path (README, src/index.ts): load text, read the trial balance', () => {
    const text = '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n'
    const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
    expect(
      E.isRight(loaded) &&
        Query.trialBalance(loaded.right.ledger, { book: 'money' }).rows.map((row) => [
          row.account,
          Quantity.toString(row.amount.quantity),
        ]),
    ).toEqual([
      ['assets:cash', '10'],
      ['equity:opening', '-10'],
    ])
  })

  it('from files, with includes confined to a root (src/node.ts)', () => {
    const loaded = loadFile('ledgers/kirov/kirov.journal', { fileSystem: nodeFileSystem, root: 'ledgers/kirov' })
    expect(E.isRight(loaded)).toBe(true)
    const escaped = loadText('ledgers/kirov/x.journal', 'include ../../package.json\n', {
      fileSystem: nodeFileSystem,
      root: 'ledgers/kirov',
    })
    expect(E.isLeft(escaped) && escaped.left.diagnostics.map((diagnostic) => diagnostic.tag)).toEqual([
      'IncludeOutsideRoot',
    ])
  })

  it('builds books programmatically with the typed operation constructors (Apply)', () => {
    const kirov = Entity.unsafeName('kirov')
    const books = pipe(
      Books.empty([{ name: kirov, citations: [] }]),
      E.flatMap(
        Apply.apply(
          {
            _tag: 'LaunchWip',
            date: LocalDate.unsafeFromString('1936-01-10'),
            entity: kirov,
            goods: { commodity: Commodity.unsafeSymbol('T28'), quantity: Quantity.unsafeFromInteger(12) },
          },
          { span: SourceSpan.synthetic('api') },
        ),
      ),
    )
    if (E.isLeft(books)) throw new Error(JSON.stringify(books.left))
    expect(
      Query.trialBalance(books.right.ledger, { book: 'goods' }).rows.map(
        (row) => `${row.account} ${Quantity.toString(row.amount.quantity)}`,
      ),
    ).toEqual(['kirov:assets:wip 12', 'kirov:equity:goods-origin -12'])
    expect(Books.history(books.right)).toHaveLength(1)
  })

  it('runs the built-in rules over loaded books', () => {
    const loaded = loadFile('ledgers/kirov/kirov.journal', { fileSystem: nodeFileSystem })
    if (E.isLeft(loaded)) throw new Error('load failed')
    const { books, reported, settings } = loaded.right
    const result = reconcile(
      { books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') },
      builtInRules,
    )
    expect(E.isRight(result) && result.right.findings.length).toBeGreaterThan(0)
  })

  it('exports and imports the JSON document (exportDocument, importDocument)', () => {
    const loaded = loadFile('ledgers/examples/plant.journal', { fileSystem: nodeFileSystem })
    if (E.isLeft(loaded)) throw new Error('load failed')
    const imported = importDocument(JSON.parse(JSON.stringify(exportDocument(loaded.right))))
    if (E.isLeft(imported)) throw new Error(renderImportError(imported.left))
    expect(Query.trialBalance(imported.right.ledger, { book: 'goods' })).toEqual(
      Query.trialBalance(loaded.right.ledger, { book: 'goods' }),
    )
  })
})
