/**
 * Goal: the measures read through a reconcile run's `LedgerIndex` (units reaching a stage from
 * each entity's arrivals, FIFO ageing of several stages in one pass, payroll from the wage
 * charges found once, flows and balances from the role series; memoized per run) give exactly
 * what the same measures give without an index: the same sums in the same order, the same
 * transactions, accounts and estimated flags, the same layers in the same order.
 * Method: the domain journals under `ledgers/` (Kirov, scenarios, models, examples) and generated
 * shadow books, each entity × stage (or roles) × range (open, every year and quarter the books
 * span, ranges cut mid-month), ageing on quarter ends; books whose dates are out of posting order
 * (no binary search) by a builder.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as Period from '../../src/core/Period.js'
import type { Books, Role, Stage } from '../../src/domain/Books.js'
import * as Load from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { Flows, Payroll, Physical } from '../../src/measures/index.js'
import { journalsUnder } from '../helpers/journals.js'
import { BooksBuilder, d, e, goods, q } from '../reconcile/fixtures.js'

const stages: ReadonlyArray<Stage> = [
  'external',
  'materials',
  'wip',
  'rejected',
  'finished',
  'shipped',
  'provisionallyAccepted',
  'finallyAccepted',
  'scrapped',
  'consumed',
  'countDifference',
]

const reachedShape = (reached: Physical.UnitsReached) => ({
  units: [...reached.units].map(([commodity, quantity]) => [commodity, String(quantity)]),
  transactions: reached.transactions.map((transaction) => transaction.index),
  estimated: [...reached.estimatedCommodities],
  any: reached.estimated,
})

const payrollShape = (payroll: Payroll.Payroll) => ({
  total: String(payroll.total),
  categories: payroll.categories.map((item) => [
    item.category,
    String(item.amount),
    item.transactions.map((transaction) => transaction.index),
    item.estimated,
  ]),
  transactions: payroll.transactions.map((transaction) => transaction.index),
  estimated: payroll.estimated,
})

const flowShape = (flow: Flows.Flow) => ({
  money: String(flow.money),
  goods: [...flow.goods].map(([commodity, quantity]) => [commodity, String(quantity)]),
  transactions: flow.transactions.map((transaction) => transaction.index),
  accounts: flow.accounts,
  estimated: flow.estimated,
})

const roleSets: ReadonlyArray<ReadonlyArray<Role>> = [['wip', 'rejected'], ['sales'], ['finished'], ['wages', 'bonus']]

const layersShape = (layers: ReadonlyArray<Physical.AgedUnits>) =>
  layers.map((layer) => [layer.entity, layer.account, layer.commodity, layer.since, String(layer.units), layer.ageDays])

/** Open, yearly, quarterly and mid-month ranges over the years the books' transactions span. */
const rangesOf = (books: Books): Flows.DateRange[] => {
  const dates = Ledger.transactions(books.ledger).map((transaction) => transaction.date)
  if (dates.length === 0) return [{}]
  const first = LocalDate.year(dates.reduce((a, b) => (a < b ? a : b)))
  const last = LocalDate.year(dates.reduce((a, b) => (a > b ? a : b)))
  const ranges: Flows.DateRange[] = [{}]
  for (let year = first; year <= last && year < first + 3; year++) {
    const whole = Period.unsafeContaining('year', LocalDate.unsafeFromString(`${year}-06-01`))
    ranges.push({ begin: whole.start, end: whole.endExclusive }, { end: whole.endExclusive })
    for (const month of ['01', '04', '07', '10']) {
      const quarter = Period.unsafeContaining('quarter', LocalDate.unsafeFromString(`${year}-${month}-01`))
      ranges.push({ begin: quarter.start, end: quarter.endExclusive })
    }
    ranges.push({
      begin: LocalDate.unsafeFromString(`${year}-02-14`),
      end: LocalDate.unsafeFromString(`${year}-11-17`),
    })
    ranges.push({
      begin: LocalDate.unsafeFromString(`${year}-05-20`),
      end: LocalDate.unsafeFromString(`${year + 1}-03-02`),
    })
  }
  return ranges
}

/** Compares every physical measure with and without an index over `books`; the number of non-empty results. */
const compareAll = (books: Books): number => {
  const index = Flows.indexOf(books)
  let nonEmpty = 0
  for (const entity of Flows.entities(books)) {
    for (const stage of stages) {
      for (const range of rangesOf(books)) {
        const query = { entity, stage, range }
        const plain = reachedShape(Physical.unitsReaching(books, query))
        if (plain.transactions.length > 0) nonEmpty++
        expect(reachedShape(Physical.unitsReaching(books, query, index))).toEqual(plain)
        expect(reachedShape(Physical.unitsReachingIndexed(books, query, index))).toEqual(plain)
      }
    }
  }
  for (const entity of Flows.entities(books)) {
    for (const range of rangesOf(books)) {
      const plain = payrollShape(Payroll.payroll(books, entity, range))
      if (plain.transactions.length > 0) nonEmpty++
      expect(payrollShape(Payroll.payroll(books, entity, range, index))).toEqual(plain)
      for (const roles of roleSets)
        expect(flowShape(Flows.flow(books, { entity, roles, range }, index))).toEqual(
          flowShape(Flows.flow(books, { entity, roles, range })),
        )
    }
  }
  const dates = rangesOf(books).flatMap((range) => (range.end !== undefined ? [Flows.dayBefore(range.end)] : []))
  for (const on of dates.slice(0, 12)) {
    // several stages at once, some asked for again later alone (from the run's memo)
    const together = Physical.stagesAgeing(books, ['finished', 'shipped', 'provisionallyAccepted'], on, index)
    for (const stage of stages) {
      const plain = layersShape(Physical.stageAgeing(books, { stage, on }))
      if (plain.length > 0) nonEmpty++
      expect(layersShape(Physical.stageAgeing(books, { stage, on }, index))).toEqual(plain)
      if (together.has(stage)) expect(layersShape(together.get(stage) ?? [])).toEqual(plain)
      for (const entity of Flows.entities(books))
        expect(layersShape(Physical.stageAgeing(books, { stage, on, entity }, index))).toEqual(
          layersShape(Physical.stageAgeing(books, { stage, on, entity })),
        )
    }
  }
  return nonEmpty
}

describe('physical measures through the run index', () => {
  const directory = mkdtempSync(join(tmpdir(), 'shadow-ledger-indexed-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('equal the measures without an index on the domain journals under ledgers/', () => {
    let nonEmpty = 0
    const files = ['kirov', 'scenarios', 'models', 'examples'].flatMap((folder) =>
      journalsUnder(join('ledgers', folder)),
    )
    expect(files.length).toBeGreaterThan(50)
    for (const file of files) {
      const loaded = Load.loadFile(file, { fileSystem: nodeFileSystem })
      if (E.isRight(loaded)) nonEmpty += compareAll(loaded.right.books)
    }
    expect(nonEmpty).toBeGreaterThan(100)
  })

  it('equal the measures without an index on generated shadow books', () => {
    const generated = spawnSync(
      process.execPath,
      ['bench/generate.mjs', '--variant', 'shadow', '--transactions', '2000', '--seed', '5', '--out', directory],
      { encoding: 'utf8' },
    )
    expect(generated.status, generated.stderr).toBe(0)
    const loaded = Load.loadFile(join(directory, 'bench-2000-shadow.journal'), { fileSystem: nodeFileSystem })
    expect(E.isRight(loaded)).toBe(true)
    if (E.isRight(loaded)) expect(compareAll(loaded.right.books)).toBeGreaterThan(100)
  })

  it('equal the measures without an index when dates are out of posting order', () => {
    const books = new BooksBuilder()
      .op({ _tag: 'LaunchWip', date: d('1936-04-01'), entity: e('kirov'), goods: goods('3') })
      .op({ _tag: 'CompleteWip', date: d('1936-04-02'), entity: e('kirov'), goods: goods('2'), cost: q('0') })
      .tx('1936-01-15', 'opening stock', [
        { account: 'kirov:assets:finished', goods: ['101', 'T28'] },
        { account: 'kirov:equity:goods-origin', goods: ['-101', 'T28'] },
      ])
      .tx('1936-05-03', 'returned', [
        { account: 'kirov:assets:finished', goods: ['1', 'T28'] },
        { account: 'kirov:assets:shipped', goods: ['-1', 'T28'] },
      ])
      .tx('1936-03-01', 'shipped', [
        { account: 'kirov:assets:shipped', goods: ['40', 'T28'] },
        { account: 'kirov:assets:finished', goods: ['-40', 'T28'] },
      ]).books
    expect(Flows.indexOf(books).sorted).toBe(false)
    expect(compareAll(books)).toBeGreaterThan(5)
  })
})
