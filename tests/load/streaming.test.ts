/**
 * Goal: posting while parsing (`load/Early.ts`: transactions, operation lines, counts and plans
 * applied as they are read, plan lines waiting for their date) gives exactly what elaborating the
 * whole journal and then building gives (`LoadOptions.streaming: false`): the same ledger, books,
 * statements, warnings and diagnostics, and the same reconcile findings.
 * Method: every journal under `ledgers/`; shadow books from `bench/generate.mjs --variant shadow`;
 * fast-check journals mixing transactions, operations, counts and plan lines (merged money and
 * units lines, lines dated ahead of or behind the transactions around them, failing entries).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import { history } from '../../src/domain/Books.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import * as Load from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { reconcile } from '../../src/reconcile/Reconcile.js'
import { builtInRules } from '../../src/reconcile/rules/index.js'
import { journalsUnder } from '../helpers/journals.js'

type Result = ReturnType<typeof Load.loadFile>

const expectSame = (streamed: Result, whole: Result): void => {
  expect(E.isRight(streamed)).toBe(E.isRight(whole))
  if (E.isLeft(whole) || E.isLeft(streamed)) {
    if (E.isLeft(whole) && E.isLeft(streamed)) expect(streamed.left.diagnostics).toEqual(whole.left.diagnostics)
    return
  }
  const a = whole.right
  const b = streamed.right
  expect(b.warnings).toEqual(a.warnings)
  expect(Ledger.transactions(b.ledger)).toEqual(Ledger.transactions(a.ledger))
  expect(b.ledger.declarations).toEqual(a.ledger.declarations)
  expect(b.books).toEqual(a.books)
  expect(b.reported).toEqual(a.reported)
  expect(b.settings).toEqual(a.settings)
  expect(b.expectations).toEqual(a.expectations)
}

const findings = (result: Result, asOf: string) => {
  if (E.isLeft(result)) return result.left.diagnostics.map((diagnostic) => diagnostic.tag)
  const { books, reported, settings } = result.right
  const run = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString(asOf) }, builtInRules)
  return E.isLeft(run) ? run.left : run.right.findings
}

describe('posting while parsing', () => {
  const files = journalsUnder('ledgers')
  it('loads every journal under ledgers/ as the whole-journal path does', () => {
    expect(files.length).toBeGreaterThan(50)
    for (const file of files) {
      expectSame(
        Load.loadFile(file, { fileSystem: nodeFileSystem }),
        Load.loadFile(file, { fileSystem: nodeFileSystem, streaming: false }),
      )
    }
  })

  it('gives the same reconcile findings on the Kirov books', () => {
    const file = 'ledgers/kirov/kirov.journal'
    const streamed = Load.loadFile(file, { fileSystem: nodeFileSystem })
    expect(E.isRight(streamed)).toBe(true)
    expect(findings(streamed, '1937-12-31')).toEqual(
      findings(Load.loadFile(file, { fileSystem: nodeFileSystem, streaming: false }), '1937-12-31'),
    )
  })

  const directory = mkdtempSync(join(tmpdir(), 'streaming-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('loads generated shadow books as the whole-journal path does, with the same findings', () => {
    const generated = spawnSync(
      process.execPath,
      ['bench/generate.mjs', '--variant', 'shadow', '--transactions', '3000', '--seed', '11', '--out', directory],
      { encoding: 'utf8' },
    )
    expect(generated.status, generated.stderr).toBe(0)
    const file = join(directory, 'bench-3000-shadow.journal')
    const streamed = Load.loadFile(file, { fileSystem: nodeFileSystem })
    const whole = Load.loadFile(file, { fileSystem: nodeFileSystem, streaming: false })
    expect(E.isRight(streamed)).toBe(true)
    expectSame(streamed, whole)
    const last = E.isRight(streamed) ? (Ledger.transactions(streamed.right.ledger).at(-1)?.date ?? '') : ''
    const found = findings(streamed, last)
    expect(Array.isArray(found) && found.length).toBeGreaterThan(0)
    expect(found).toEqual(findings(whole, last))
  })

  it('numbers counts on from those applied early, and keeps their warnings in order', () => {
    const journal = [
      'entity kirov',
      'commodity T28\n    kind: goods',
      'account kirov:assets:finished',
      '1936-01-05 made\n    kirov:assets:finished  [2 T28]\n    kirov:equity:goods-origin  [-2 T28]',
      'count  1936-02-01  kirov:assets:finished   2 T28',
      '1936-03-01 made\n    kirov:assets:finished  [1 T28]\n    kirov:equity:goods-origin  [-1 T28]',
      // a plan line: early posting stops here, the usual path goes on from what it applied
      'plan  1936-Q2  kirov  output:T28  [5 T28]',
      'count  1936-03-01  kirov:assets:finished   3 T28',
      'count  1936-04-01  kirov:assets:finished   4 T28',
    ].join('\n\n')
    const fileSystem = memoryFileSystem(new Map([['/c.journal', `${journal}\n`]]))
    const streamed = Load.loadFile('/c.journal', { fileSystem })
    expect(E.isLeft(streamed) ? streamed.left.diagnostics.map((diagnostic) => diagnostic.message) : []).toEqual([])
    if (E.isLeft(streamed)) return
    expect(history(streamed.right.books).length).toBe(4)
    expectSame(streamed, Load.loadFile('/c.journal', { fileSystem, streaming: false }))
  })

  it('loads random journals of transactions, operations, counts and plans as the whole-journal path does', () => {
    const text = readFileSync(join(directory, 'bench-3000-shadow.journal'), 'utf8')
    // The declarations, then the blocks (each top-level line with its indented lines).
    const body = text.indexOf('\nnorm ')
    const header = text.slice(0, body + 1)
    const blocks = text
      .slice(body + 1)
      .split(/\n(?=[^\s])/u)
      .map((block) => block.trimEnd())
      .filter((block) => block !== '')
    let applied = 0
    fc.assert(
      fc.property(
        fc.nat({ max: blocks.length - 1 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat({ max: blocks.length - 1 }), { maxLength: 4 }),
        (from, keep, extra) => {
          // a window of consecutive blocks with some left out, and a few from elsewhere (out of date order)
          const chosen = blocks.slice(from, from + keep.length).filter((_, index) => keep[index])
          for (const [index, at] of extra.entries())
            chosen.splice((index * 7) % (chosen.length + 1), 0, blocks[at] ?? '')
          const journal = `${header}${chosen.join('\n\n')}\n`
          const fileSystem = memoryFileSystem(new Map([['/r.journal', journal]]))
          const streamed = Load.loadFile('/r.journal', { fileSystem })
          expectSame(streamed, Load.loadFile('/r.journal', { fileSystem, streaming: false }))
          if (E.isRight(streamed) && history(streamed.right.books).length > 0) applied++
          expectSame(
            Load.loadFile('/r.journal', { fileSystem, keepTransactions: false }),
            Load.loadFile('/r.journal', { fileSystem, keepTransactions: false, streaming: false }),
          )
        },
      ),
      { numRuns: 300 },
    )
    // not a vacuous comparison: many of the journals load, with operations applied
    expect(applied).toBeGreaterThan(60)
  })
})
