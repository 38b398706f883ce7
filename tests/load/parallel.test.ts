/**
 * Goal: the two-part running balances (src/load/Parallel.ts) are exactly the running-only ledger
 * the usual load gives: the same store (accounts and commodities in the same order, the same exact
 * quantities at the same scale, the same counts and kinds), or the path declines.
 * Method: the merge with the later part posted on this thread (`runningInOneThread`; the worker
 * plumbing is tested through the built CLI in tests/cli/parallel-balance.test.ts), forced on every
 * journal under `ledgers/` and on random plain journals, against `Load.loadFile` with
 * `keepTransactions: false`. Whenever it merges, the whole load succeeded; the random journals must
 * merge often (not vacuous) and decline sometimes. Hand cases: an assertion of the later part that
 * needs the earlier part's balance (holds, and fails by one unit), a date out of order across the cut.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { summarize } from '../../src/core/ledger/Running.js'
import * as Load from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { cutOf, type ParallelOutcome, runningInOneThread, scanBody } from '../../src/load/Parallel.js'
import { preludeHolds } from '../../src/load/ParallelPart.js'
import { journalsUnder } from '../helpers/journals.js'
import { plainJournal } from '../helpers/plainJournals.js'

const load: Load.LoadOptions = { fileSystem: nodeFileSystem, bytesMax: Load.localJournalBytesMax }

/** Compares a merge with the usual load; returns whether it merged. */
const check = (path: string): boolean => {
  const outcome: ParallelOutcome = runningInOneThread(path, { load, force: true })
  if (outcome._tag === 'Declined') return false
  const whole = Load.loadFile(path, { ...load, keepTransactions: false })
  expect(E.isRight(whole), `${path} merged but does not load`).toBe(true)
  if (E.isLeft(whole)) return true
  expect(whole.right.warnings).toEqual([])
  expect(summarize(outcome.ledger)).toEqual(summarize(whole.right.ledger))
  expect(outcome.ledger.declarations).toEqual(whole.right.ledger.declarations)
  expect(outcome.ledger.size).toBe(whole.right.ledger.size)
  return true
}

const directory = mkdtempSync(join(tmpdir(), 'parallel-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))
let written = 0
const write = (text: string): string => {
  const path = join(directory, `j${written++}.journal`)
  writeFileSync(path, text)
  return path
}

describe('balance in two parts', () => {
  it('merges exactly or declines, on every journal under ledgers/', () => {
    const files = journalsUnder('ledgers')
    expect(files.length).toBeGreaterThan(50)
    const merged = files.filter(check)
    // Most of them declare entities, operations or statements; the plain ones must merge.
    expect(merged.length).toBeGreaterThan(5)
  })

  it('merges exactly or declines, on random plain journals', () => {
    let merged = 0
    let runs = 0
    fc.assert(
      fc.property(plainJournal, (text) => {
        runs++
        if (check(write(text))) merged++
      }),
      { numRuns: 300 },
    )
    expect(merged).toBeGreaterThan(runs / 5)
    expect(merged).toBeLessThan(runs)
  })

  const head = 'account a\naccount e\n\n'
  // The comment puts the middle of the body before the later part's first transaction.
  const early = `2024-01-01 one\n    a  10.50 RUB\n    e\n\n2024-01-02 two\n    a  1 RUB\n    e\n; ${'-'.repeat(400)}\n`
  const later = (asserted: string) =>
    `2024-01-03 three\n    a  2 RUB = ${asserted} RUB\n    e\n\n2024-01-04 four\n    a:x  1.125 RUB\n    e\n` +
    `\n2024-01-05 five\n    a  0 RUB =* ${asserted === '13.50' ? '14.625' : '1'} RUB\n    e\n`

  it('settles an assertion of the later part with the earlier part’s balance', () => {
    const path = write(head + early + later('13.50'))
    const cut = cutOf(new Uint8Array(Buffer.from(head + early + later('13.50'))), { force: true })
    expect(cut).toEqual({ preludeEnd: head.length, split: head.length + early.length })
    expect(check(path)).toBe(true)
  })

  it('declines when such an assertion fails (the usual load reports it)', () => {
    const path = write(head + early + later('13.49'))
    const outcome = runningInOneThread(path, { load, force: true })
    expect(outcome).toEqual({ _tag: 'Declined', reason: 'a balance assertion of the later part fails' })
    expect(E.isLeft(Load.loadFile(path, { ...load, keepTransactions: false }))).toBe(true)
  })

  it('declines a later part dated before the earlier part ends', () => {
    const text = `${head}2024-02-01 one\n    a  1 RUB\n    e\n\n2024-01-01 two\n    a  1 RUB\n    e\n`
    const outcome = runningInOneThread(write(text), { load, force: true })
    expect(outcome).toEqual({ _tag: 'Declined', reason: 'the later part starts before the earlier ends' })
  })

  it('reads only dated, indented, comment and blank lines after the prelude', () => {
    const bytes = (text: string) => new Uint8Array(Buffer.from(text))
    const scan = (text: string) => scanBody(bytes(text), 0, bytes(text).length)
    expect(scan('2024-01-02 x\n  a  1\n; c\n# c\n\n2024-01-01 y\n')).toEqual({ last: '2024-01-02' })
    expect('reason' in scan('2024-01-02 x\ncommodity EUR\n')).toBe(true)
    expect('reason' in scan('2024-01-02=2024-01-05 x\n')).toBe(true)
    expect('reason' in scan('2024/01/02 x\n')).toBe(true)
    expect(cutOf(bytes('\ufeff2024-01-01 x\n'), { force: true })).toEqual({ reason: 'a byte-order mark' })
    expect(preludeHolds('p', 'account a\ncommodity RUB\n  format 1.00 RUB\ndecimal-mark .\n; c\n# c\n\n')).toBe(true)
    for (const line of ['entity e', 'include x.journal', 'apply account x', 'Y 2024', 'P 2024-01-01 USD 90 RUB'])
      expect(preludeHolds('p', `account a\n${line}\n`), line).toBe(false)
    expect(cutOf(bytes('2024-01-01 x\n'), {})).toEqual({ reason: 'a small file' })
  })
})
