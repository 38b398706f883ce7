/**
 * Goal: posting while parsing (`load/Early.ts`: transactions, operation lines, counts and plans
 * applied as they are read; `load/EarlyPlans.ts`: plan lines read ahead, each plan applied before
 * the first entry that sorts after it) gives exactly what elaborating the whole journal and then
 * building gives (`LoadOptions.streaming: false`): the same ledger, books, statements, warnings
 * and diagnostics, and the same reconcile findings; and the shadow books do take that path
 * (`LoadOptions.onStreamed`: every entry and plan applied early, nothing built again).
 * Method: every journal under `ledgers/`; shadow books from `bench/generate.mjs --variant shadow`;
 * fast-check journals mixing transactions, operations, counts and plan lines (merged money and
 * units lines, lines dated ahead of or behind the transactions around them, failing entries);
 * hand-written journals for each rule of placing a plan (equal dates, lines merged across
 * entries, includes, a file included twice, a failing entry after a plan).
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
type Streamed = Parameters<NonNullable<Load.LoadOptions['onStreamed']>>[0]

/** Loads with posting while parsing, and what it applied early. */
const loadStreamed = (file: string, options: Omit<Load.LoadOptions, 'onStreamed'>) => {
  let streamed: Streamed | undefined
  const result = Load.loadFile(file, {
    ...options,
    onStreamed: (report) => {
      streamed = report
    },
  })
  return { result, streamed }
}

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
    let withPlans = 0
    for (const file of files) {
      const { result, streamed } = loadStreamed(file, { fileSystem: nodeFileSystem })
      expectSame(result, Load.loadFile(file, { fileSystem: nodeFileSystem, streaming: false }))
      if (streamed !== undefined && streamed.plans > 0) withPlans++
    }
    // not vacuous: journals with plan lines (Kirov's in included files among them) apply them early
    expect(withPlans).toBeGreaterThanOrEqual(8)
  })

  it('applies the Kirov plans, in included files, while parsing', () => {
    const { streamed } = loadStreamed('ledgers/kirov/kirov.journal', { fileSystem: nodeFileSystem })
    expect(streamed?.rebuilt).toBe(false)
    expect(streamed?.plans).toBe(4)
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
    const { result: streamed, streamed: early } = loadStreamed(file, { fileSystem: nodeFileSystem })
    const whole = Load.loadFile(file, { fileSystem: nodeFileSystem, streaming: false })
    expect(E.isRight(streamed)).toBe(true)
    expectSame(streamed, whole)
    // The path is taken: every dated entry (a line starting with a digit) and every plan applied early.
    const text = readFileSync(file, 'utf8')
    const dated = text.split('\n').filter((line) => /^\d/u.test(line)).length
    const plans = new Set(
      text.split('\n').flatMap((line) => /^(?:plan|norm|limit)\s+(\S+\s+\S+\s+\S+)/u.exec(line)?.[1] ?? []),
    )
    expect(early).toEqual({ posted: dated + plans.size, plans: plans.size, rebuilt: false })
    expect(plans.size).toBeGreaterThan(20)
    // read in pieces (as files of 256 MiB or more are), the plan lines are read ahead in pieces again
    const pieces = loadStreamed(file, { fileSystem: nodeFileSystem, pieces: { fromBytes: 0, bytes: 4096 } })
    expectSame(pieces.result, whole)
    expect(pieces.streamed).toEqual(early)
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

  it('loads shadow-book windows with their plan lines moved anywhere as the whole-journal path does', () => {
    const text = readFileSync(join(directory, 'bench-3000-shadow.journal'), 'utf8')
    const body = text.indexOf('\nnorm ')
    const header = text.slice(0, body + 1)
    const blocks = text
      .slice(body + 1)
      .split(/\n(?=[^\s])/u)
      .map((block) => block.trimEnd())
      .filter((block) => block !== '')
    const isPlan = (block: string) => /^(?:plan|norm|limit)\s/u.test(block)
    let placed = 0
    let rebuilt = 0
    fc.assert(
      fc.property(
        fc.nat({ max: blocks.length - 1 }),
        fc.integer({ min: 20, max: 400 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (from, length, places) => {
          // a window in date order; its plan lines (each line a block) taken out and put back anywhere
          const window = blocks.slice(from, from + length)
          const plans = window.filter(isPlan)
          const chosen = window.filter((block) => !isPlan(block))
          for (const [index, plan] of plans.entries()) {
            const place = places[index % Math.max(1, places.length)] ?? index
            chosen.splice(place % (chosen.length + 1), 0, plan)
          }
          const journal = `${header}${chosen.join('\n\n')}\n`
          const fileSystem = memoryFileSystem(new Map([['/p.journal', journal]]))
          const { result, streamed } = loadStreamed('/p.journal', { fileSystem })
          expectSame(result, Load.loadFile('/p.journal', { fileSystem, streaming: false }))
          if (streamed !== undefined && streamed.plans > 0 && !streamed.rebuilt) placed++
          if (streamed?.rebuilt === true) rebuilt++
        },
      ),
      { numRuns: 150 },
    )
    // not vacuous: most windows apply plans early, some fall back (a plan line moved after entries it precedes)
    expect(placed).toBeGreaterThan(20)
    expect(rebuilt).toBeGreaterThan(5)
  })
})

describe('plans applied while parsing', () => {
  const header = [
    'entity kirov',
    'commodity RUB\n    format 1,000.00 RUB',
    'commodity T28\n    kind: goods',
    'account kirov:assets:wip',
    'account kirov:assets:bank:current',
    'account kirov:liabilities:wages',
  ]
  const wages = (date: string, amount: string) =>
    `${date} wages\n    kirov:assets:wip  ${amount} RUB\n    kirov:liabilities:wages`
  const load = (files: Record<string, string>, main = '/m.journal') => {
    const fileSystem = memoryFileSystem(new Map(Object.entries(files)))
    const { result, streamed } = loadStreamed(main, { fileSystem })
    expectSame(result, Load.loadFile(main, { fileSystem, streaming: false }))
    const running = loadStreamed(main, { fileSystem, keepTransactions: false })
    expectSame(running.result, Load.loadFile(main, { fileSystem, keepTransactions: false, streaming: false }))
    return { result, streamed }
  }
  const journal = (...blocks: string[]) => `${[...header, ...blocks].join('\n\n')}\n`
  /** The books' history as (operation tag, date): where each plan went among the entries. */
  const order = (result: Result) =>
    E.isRight(result)
      ? history(result.right.books).map((entry) => `${entry.operation._tag} ${entry.operation.date}`)
      : []

  it('applies a plan dated at an entry after the entries of that date written above it, before those below', () => {
    const { result, streamed } = load({
      '/m.journal': journal(
        // (the file's plan lines are read ahead from here on)
        'plan  1936  kirov  wage-fund  100.00 RUB',
        '1936-04-01 open\n    kirov:assets:bank:current  10 RUB\n    kirov:liabilities:wages',
        'count  1936-04-01  kirov:assets:wip   0 T28',
        'plan  1936-Q2  kirov  output:T28  [5 T28]',
        'count  1936-04-01  kirov:assets:wip   0 T28',
        wages('1936-04-02', '5.00'),
      ),
    })
    expect(order(result)).toEqual([
      'SetPlan 1936-01-01',
      'PhysicalCount 1936-04-01',
      'SetPlan 1936-04-01',
      'PhysicalCount 1936-04-01',
    ])
    expect(streamed).toMatchObject({ plans: 2, rebuilt: false })
  })

  it('applies a plan written after entries of later dates before them, merged with its later line', () => {
    const { result, streamed } = load({
      '/m.journal': journal(
        'plan  1936  kirov  output:T28  1,000.00 RUB',
        wages('1936-01-02', '5.00'),
        wages('1936-07-03', '6.00'),
        // written after entries of July, dated at the quarter's start: applied before them
        'norm  1936-Q3  kirov  working-capital:wip  500.00 RUB',
        wages('1936-07-04', '7.00'),
        // the units line of the year's plan: merged into the first line, applied at 1936-01-01
        'plan  1936  kirov  output:T28  [40 T28]',
        // after the last entry: left to the usual path
        'plan  1937  kirov  wage-fund  100.00 RUB',
      ),
    })
    expect(order(result)).toEqual(['SetPlan 1936-01-01', 'SetPlan 1936-07-01', 'SetPlan 1937-01-01'])
    const plan = E.isRight(result) ? history(result.right.books)[0]?.operation : undefined
    expect(plan).toMatchObject({ _tag: 'SetPlan', units: expect.anything() })
    expect(streamed).toEqual({ posted: 5, plans: 2, rebuilt: false })
  })

  it('reads the plan lines of an included file ahead too', () => {
    const quiet = load({
      '/m.journal': journal(
        wages('1936-01-02', '5.00'),
        'include plans.journal',
        wages('1936-04-02', '5.00'),
        'plan  1936-Q3  kirov  output:T28  [3 T28]',
        wages('1936-07-02', '5.00'),
      ),
      '/plans.journal': 'plan  1936-Q2  kirov  output:T28  [5 T28]\nplan  1936-Q2  kirov  output:T28  50.00 RUB\n',
    })
    expect(quiet.streamed).toEqual({ posted: 5, plans: 2, rebuilt: false })
  })

  it('builds the usual way when a plan line could not be placed', () => {
    // a plan in a file included after entries dated later than the plan
    const late = load({
      '/m.journal': journal(wages('1936-05-02', '5.00'), 'include plans.journal', wages('1936-06-02', '5.00')),
      '/plans.journal': 'plan  1936-Q2  kirov  output:T28  [5 T28]\n',
    })
    expect(late.streamed?.rebuilt).toBe(true)
    // one file included twice: its plan lines have one span
    const twice = load({
      '/m.journal': journal(
        'include plans.journal',
        wages('1936-01-02', '5.00'),
        'include plans.journal',
        wages('1936-07-02', '5.00'),
      ),
      '/plans.journal': 'plan  1936  kirov  output:T28  [5 T28]\n',
    })
    expect(twice.streamed?.rebuilt).toBe(true)
    expect(E.isRight(twice.result)).toBe(true)
  })

  it('reports a failing entry after a plan applied before it as the usual path does', () => {
    const { result } = load({
      '/m.journal': journal(
        wages('1936-01-02', '5.00'),
        'plan  1936-Q2  kirov  output:T28  [5 T28]',
        '1936-04-02 unbalanced\n    kirov:assets:wip  5.00 RUB\n    kirov:liabilities:wages  -4.00 RUB',
        'plan  1936-Q2  kirov  wage-fund  7.00 RUB',
      ),
    })
    expect(E.isLeft(result) ? result.left.diagnostics.map((diagnostic) => diagnostic.tag) : []).toEqual([
      'UnbalancedTransaction',
    ])
  })

  it('merges plans with an entity declared after them as the usual path does', () => {
    const { result } = load({
      '/m.journal': journal(
        'plan  1936  izhora  output:T28  [5 T28]',
        wages('1936-01-02', '5.00'),
        'entity izhora',
        wages('1936-02-02', '5.00'),
      ),
    })
    expect(E.isRight(result)).toBe(true)
  })
})
