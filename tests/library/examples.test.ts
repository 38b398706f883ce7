/**
 * The runnable examples in examples/, each exercised here: the user rule's own vitest file runs
 * inside this suite, the CSV script builds a ledger from its table, and the validation service
 * answers for a good, a bad and a hostile journal.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ledgerFromCsv, renderError } from '../../examples/csv-to-ledger/build.js'
import { handle, validateJournal } from '../../examples/validate-service/validate.js'
import { Entity, importDocument, loadText, memoryFileSystem, Quantity, Query } from '../../src/index.js'

const EXAMPLES = resolve(import.meta.dirname, '../../examples')

describe('examples/user-rule (its own rule.test.ts)', async () => {
  await import('../../examples/user-rule/rule.test.js')
})

describe('examples/csv-to-ledger', () => {
  const csv = readFileSync(resolve(EXAMPLES, 'csv-to-ledger/figures.csv'), 'utf8')

  it('builds books from the table: one transaction per row, in date order, each citing its source', () => {
    const result = ledgerFromCsv(csv)
    if (E.isLeft(result)) throw new Error(renderError('figures.csv', result.left))
    const { books } = result.right
    expect(books.ledger.size).toBe(6)
    const money = Query.trialBalance(books.ledger, { book: 'money', entity: Entity.unsafeName('kirov') })
    const wages = money.rows.find((row) => row.account === 'kirov:expenses:wages')
    expect(wages !== undefined && Quantity.toString(wages.amount.quantity)).toBe('111000000')
    const goods = Query.trialBalance(books.ledger, { book: 'goods' })
    expect(
      goods.rows.map((row) => `${row.account} ${Quantity.toString(row.amount.quantity)} ${row.amount.commodity}`),
    ).toEqual([
      'abtu:assets:equipment 1 T28',
      'abtu:liabilities:payables -1 T28',
      'kirov:assets:provisional 101 T28',
      'kirov:equity:goods-origin -101 T28',
    ])
  })

  it('parses quoted sources with commas into structured citations, and keeps the CSV line as the span', () => {
    const result = ledgerFromCsv(csv)
    if (E.isLeft(result)) throw new Error('failed')
    const payroll = result.right.document.entries
      .map((entry) => ('transaction' in entry ? entry.transaction : undefined))
      .find((transaction) => transaction?.description.startsWith('Payroll'))
    expect(payroll?.citations).toEqual([
      {
        text: 'TsGIA SPb. F.P-960, Op.7, D.2, 37',
        archive: 'TsGIA SPb',
        fond: 'P-960',
        opis: '7',
        delo: '2',
        folio: '37',
      },
    ])
    expect(payroll?.span).toEqual({ file: 'figures.csv', line: 4, column: 1, endLine: 4 })
    const wip = result.right.document.entries
      .map((entry) => ('transaction' in entry ? entry.transaction : undefined))
      .find((transaction) => transaction?.description.startsWith('Working capital'))
    expect(wip?.description).toBe('Working capital at the norm, "approximately"')
    expect(wip?.estimated).toBe(true)
  })

  it('prints a journal that loads back to the same balances, and a JSON document that imports', () => {
    const result = ledgerFromCsv(csv)
    if (E.isLeft(result)) throw new Error('failed')
    const reloaded = loadText('figures.journal', result.right.journal, { fileSystem: memoryFileSystem(new Map()) })
    const imported = importDocument(JSON.parse(JSON.stringify(result.right.document)))
    if (E.isLeft(reloaded) || E.isLeft(imported))
      throw new Error('the printed journal or the JSON document did not load')
    for (const other of [reloaded.right, imported.right]) {
      for (const book of ['money', 'goods'] as const) {
        expect(
          Query.trialBalance(other.ledger, { book }).rows.map((row) => [
            row.account,
            Quantity.toString(row.amount.quantity),
          ]),
        ).toEqual(
          Query.trialBalance(result.right.books.ledger, { book }).rows.map((row) => [
            row.account,
            Quantity.toString(row.amount.quantity),
          ]),
        )
      }
    }
  })

  it('names the line and column of a bad cell', () => {
    const bad = `${csv.trimEnd()}\n1936-13-01,kirov,assets:cash,equity:x,1.00,,,,Bad date,none\n`
    const result = ledgerFromCsv(bad)
    expect(E.isLeft(result) && renderError('figures.csv', result.left)).toBe(
      'figures.csv:8: date "1936-13-01" is not a date (YYYY-MM-DD)',
    )
    const unquoted = ledgerFromCsv('date,entity\n"1936-01-01,kirov\n')
    expect(E.isLeft(unquoted) && unquoted.left._tag).toBe('CsvSyntax')
  })
})

describe('examples/validate-service', () => {
  const good = [
    'include shops/tank.journal',
    '',
    '2024-01-01 Opening  ; source: TsGIA SPb F.P-960 op.7',
    '    assets:cash  10 RUB',
    '    equity:opening',
    '',
  ].join('\n')
  const shop = '2024-01-02 Tank shop\n    assets:wip  [2 T28]\n    equity:goods  [-2 T28]\n'

  it('answers ok with a summary and the warnings (a citation without its delo) as JSON', () => {
    const response = validateJournal({
      main: 'books.journal',
      files: { 'books.journal': good, 'shops/tank.journal': shop },
    })
    expect(response).toMatchObject({ ok: true, summary: { transactions: 2, postings: 4, files: 2 } })
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', tag: 'MalformedCitation', file: 'books.journal', line: 3 }),
    ])
    expect(JSON.parse(JSON.stringify(response))).toEqual(response)
  })

  it('reports every error with its location and the rendered excerpt', () => {
    const response = validateJournal({
      main: 'books.journal',
      files: { 'books.journal': '2024-01-01 Unbalanced\n    assets:cash  10 RUB\n    equity:opening  -9 RUB\n' },
    })
    expect(response.ok).toBe(false)
    expect(response.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        tag: 'UnbalancedTransaction',
        file: 'books.journal',
        line: 1,
        rendered: expect.stringContaining('books.journal:1:1: error: transaction does not balance'),
      }),
    ])
  })

  it('keeps includes inside the sandbox: absolute paths and .. are refused without reading anything', () => {
    const hostile = validateJournal({
      main: 'books.journal',
      files: { 'books.journal': 'include /etc/passwd\ninclude ../../../etc/shadow\n' },
    })
    expect(hostile.ok).toBe(false)
    // The root check runs before the file system is asked anything, so a hostile journal
    // cannot tell which paths exist outside the sandbox.
    expect(hostile.diagnostics.map((diagnostic) => [diagnostic.tag, diagnostic.line])).toEqual([
      ['IncludeOutsideRoot', 1],
      ['IncludeOutsideRoot', 2],
    ])
    expect(validateJournal({ main: '../x.journal', files: { '../x.journal': '' } }).diagnostics[0]?.tag).toBe(
      'InvalidRequest',
    )
    expect(
      validateJournal({ main: 'a.journal', files: { 'a.journal': 'x'.repeat(2_000) } }, { bytesMax: 1_000 })
        .diagnostics[0]?.tag,
    ).toBe('JournalTooLarge')
  })

  it('has an HTTP shape: 200, 422, 400', () => {
    expect(
      handle(
        JSON.stringify({ main: 'a.journal', files: { 'a.journal': good.replace('include shops/tank.journal', '') } }),
      ).status,
    ).toBe(200)
    expect(
      handle(JSON.stringify({ main: 'a.journal', files: { 'a.journal': 'include missing.journal\n' } })),
    ).toMatchObject({ status: 422, body: expect.stringContaining('FileNotFound') })
    expect(handle('{').status).toBe(400)
    expect(handle(JSON.stringify({ main: 1 })).status).toBe(400)
  })
})
