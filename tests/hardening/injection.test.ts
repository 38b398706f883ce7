/**
 * Journal injection through `import DOC.json --print`: every text a document carries into printed
 * journal lines (descriptions, codes, comments, tags, citations, titles, units) is checked by the
 * document's codecs, and the printed journal is read back before it is printed. Property: for any
 * text put into a description, code or comment, the import is refused with a typed error, or the
 * printed journal reads back to the same transactions (the same descriptions, codes and postings).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { runCli } from '../helpers/cli.js'

const directory = mkdtempSync(join(tmpdir(), 'injection-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const journal = join(directory, 'small.journal')
writeFileSync(
  journal,
  '2024-01-01 (A-1) Payment for steel  ; note: first\n    assets:cash  10 RUB\n    equity:capital\n',
)

type Document = { entries: Array<{ transaction: { description: string; code?: string; comment?: string } }> }
let exported: Document | undefined
const documentOf = async (): Promise<Document> => {
  if (exported === undefined) {
    const result = await runCli(['export', journal])
    expect(result.code).toBe(0)
    exported = JSON.parse(result.stdout) as Document
  }
  return structuredClone(exported)
}

let counter = 0
const importPrint = async (change: (document: Document) => void) => {
  const document = await documentOf()
  change(document)
  const file = join(directory, `doc-${counter++}.json`)
  writeFileSync(file, JSON.stringify(document))
  return runCli(['import', file, '--print'])
}

const transactionsOf = (text: string) => {
  const loaded = loadText('printed.journal', text, { fileSystem: memoryFileSystem(new Map()) })
  return E.isRight(loaded) ? Ledger.transactions(loaded.right.ledger) : undefined
}

describe('journal injection through import --print', () => {
  it('a newline in a description cannot add a transaction: refused with the path in the document', async () => {
    const result = await importPrint((document) => {
      const entry = document.entries[0]
      if (entry !== undefined)
        entry.transaction.description = 'Payment\n2099-01-01 INJECTED\n    assets:evil  1,000,000 RUB\n    equity:x'
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('entries.0')
    expect(result.stderr).toContain('(InvalidDocument)')
    expect(result.stderr).not.toContain('INJECTED\n')
  })

  it('" ; " in a description (it would become a comment) and ")" in a code are refused', async () => {
    for (const change of [
      (document: Document) =>
        document.entries[0] !== undefined && (document.entries[0].transaction.description = 'Payment ; hidden: yes'),
      (document: Document) =>
        document.entries[0] !== undefined && (document.entries[0].transaction.code = 'A) Payment (B'),
      (document: Document) =>
        document.entries[0] !== undefined && (document.entries[0].transaction.comment = 'note\r2099-01-01 x'),
    ]) {
      const result = await importPrint(change)
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
    }
  })

  it('any text in a description, code or comment: refused, or printed so that it reads back to the same transactions', async () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        '\n',
        '\r',
        ';',
        '(',
        ')',
        '*',
        '!',
        '|',
        '=',
        '\t',
        '2',
        '-',
        ':',
        '\u2028',
        '\u0000',
      ),
      maxLength: 14,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('description', 'code', 'comment') as fc.Arbitrary<'description' | 'code' | 'comment'>,
        text,
        async (field, value) => {
          const result = await importPrint((document) => {
            const entry = document.entries[0]
            if (entry !== undefined) entry.transaction[field] = value
          })
          if (result.code !== 0) {
            expect(result.stdout).toBe('')
            expect(result.stderr).toMatch(/\((InvalidDocument|JournalTextUnsafe|TransactionRejected)\)/u)
            return
          }
          const again = transactionsOf(result.stdout)
          expect(again).toBeDefined()
          expect(again?.length).toBe(1)
          const [transaction] = again ?? []
          expect(transaction?.postings.map((posting) => posting.account)).toEqual(['assets:cash', 'equity:capital'])
          if (field === 'description') expect(transaction?.description).toBe(value)
          if (field === 'code') expect(transaction?.code).toBe(value)
        },
      ),
      { numRuns: 150, seed: 25 },
    )
  }, 120_000)
})
