/**
 * Trial balance, balance sheet and income statement on a small hand-written journal with two
 * entities and inter-entity legs: the books sum to zero, assets = liabilities + equity, the
 * consolidated view eliminates the legs between the entities; periodic columns; CSV neutralizes
 * formulas; every JSON form decodes with its codec.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { Entity, LocalDate, Quantity } from '../../src/core/index.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { type Loaded, loadFile, loadText } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import * as BalanceSheet from '../../src/reports/BalanceSheet.js'
import * as Divergence from '../../src/reports/Divergence.js'
import * as IncomeStatement from '../../src/reports/IncomeStatement.js'
import * as PlanFulfilment from '../../src/reports/PlanFulfilment.js'
import { reportKinds, reports } from '../../src/reports/Reports.js'
import * as Sources from '../../src/reports/Sources.js'
import * as TrialBalance from '../../src/reports/TrialBalance.js'

const journal = `entity plant
entity buyer

commodity RUB
    format 1,000.00 RUB
commodity T28
    kind: goods
    unit: tank

plan 1936  plant  output:T28  1,600.00 RUB
plan 1936  plant  output:T28  [2 T28]

1936-01-01 * Opening, plant
    plant:assets:bank:current        1,000.00 RUB
    plant:equity:fund               -1,000.00 RUB

1936-01-01 * Opening, buyer
    buyer:assets:bank:current        5,000.00 RUB
    buyer:equity:budget             -5,000.00 RUB

1936-02-10 * =SUM(A1) sale of two tanks  ; source: TsGIA SPb. F.P-960, Op.7, D.2, 37
    plant:assets:receivables           800.00 RUB  ; counterparty: buyer
    plant:income:sales                -800.00 RUB
    buyer:assets:equipment             800.00 RUB
    buyer:liabilities:payables        -800.00 RUB  ; counterparty: plant

1936-03-01 * Two tanks completed
    plant:assets:finished                         [2 T28]
    plant:equity:goods-origin                    [-2 T28]

1936-04-05 * Wages
    plant:expenses:wages               300.00 RUB
    plant:assets:bank:current         -300.00 RUB

1936-05-01 * Payment
    plant:assets:bank:current          800.00 RUB
    plant:assets:receivables          -800.00 RUB  ; counterparty: buyer
    buyer:liabilities:payables         800.00 RUB  ; counterparty: plant
    buyer:assets:bank:current         -800.00 RUB
`

const load = (): Loaded => {
  const result = loadText('small.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left.diagnostics))
  return result.right
}

const s = Quantity.toString
const d = LocalDate.unsafeFromString
const year = { begin: d('1936-01-01'), end: d('1937-01-01') }

describe('trial balance', () => {
  const loaded = load()
  const report = TrialBalance.build(loaded, year)

  it('has a section per entity and a consolidated one, each money book summing to zero', () => {
    expect(report.sections.map((section) => TrialBalance.scopeLabel(section.scope))).toEqual([
      'buyer',
      'plant',
      'consolidated',
    ])
    for (const section of report.sections) {
      expect(section.money.balanced).toBe(true)
      expect(section.money.totals.map((total) => total.values.map(s))).toEqual([['0']])
    }
  })

  it('eliminates the legs between the entities in the consolidated view', () => {
    const consolidated = report.sections.find((section) => section.scope._tag === 'Consolidated')
    expect(consolidated?.money.rows.map((row) => [row.account, s(row.values[0] ?? Quantity.zero)])).toEqual([
      ['assets:bank:current', '5700'],
      ['assets:equipment', '800'],
      ['equity:budget', '-5000'],
      ['equity:fund', '-1000'],
      ['expenses:wages', '300'],
      ['income:sales', '-800'],
    ])
    // Over the year the legs between the two cancel out; by quarter they show.
    expect(consolidated?.eliminated).toEqual([])
    const quarterly = TrialBalance.build(loaded, { ...year, period: 'quarter' }).sections.find(
      (section) => section.scope._tag === 'Consolidated',
    )
    expect(quarterly?.eliminated.map((row) => [row.account, row.values.map(s)])).toEqual([
      ['assets:receivables', ['800', '-800', '0', '0']],
      ['liabilities:payables', ['-800', '800', '0', '0']],
    ])
  })

  it('keeps the goods book beside the money book', () => {
    const plant = report.sections.find((section) => section.scope._tag === 'Entity' && section.scope.entity === 'plant')
    expect(plant?.goods.rows.map((row) => [row.account, row.commodity, s(row.values[0] ?? Quantity.zero)])).toEqual([
      ['plant:assets:finished', 'T28', '2'],
      ['plant:equity:goods-origin', 'T28', '-2'],
    ])
  })

  it('splits into one column per period, each summing to zero', () => {
    const quarterly = TrialBalance.build(loaded, { ...year, period: 'quarter' })
    expect(quarterly.columns.map((column) => column.label)).toEqual(['1936-Q1', '1936-Q2', '1936-Q3', '1936-Q4'])
    const plant = quarterly.sections.find(
      (section) => section.scope._tag === 'Entity' && section.scope.entity === 'plant',
    )
    expect(plant?.money.rows.find((row) => row.account === 'plant:assets:bank:current')?.values.map(s)).toEqual([
      '1000',
      '500',
      '0',
      '0',
    ])
    expect(plant?.money.balanced).toBe(true)
  })

  it('renders a table with amounts in the ledger style and a total', () => {
    const table = TrialBalance.renderTable(report, loaded.ledger)
    expect(table).toContain('plant:assets:bank:current')
    expect(table).toContain('1,500.00 RUB')
    expect(table).toMatch(/total\s+0\.00 RUB/u)
  })
})

describe('balance sheet and income statement', () => {
  const loaded = load()

  it('balance sheet: assets = liabilities + equity, the unclosed result in equity', () => {
    const report = BalanceSheet.build(loaded, year)
    const plant = report.statements.find((statement) => statement.entity === 'plant')
    const summary = Object.fromEntries(
      (plant?.summary ?? []).map((line) => [line.key, s(line.values[0] ?? Quantity.zero)]),
    )
    expect(summary).toEqual({
      assets: '1500',
      liabilities: '0',
      equity: '1000',
      'unclosed-result': '500',
      'liabilities-and-equity': '1500',
    })
    const buyer = report.statements.find((statement) => statement.entity === 'buyer')
    expect(
      buyer?.groups.map((group) => [
        group.type,
        group.lines.map((line) => `${line.account} ${s(line.values[0] ?? Quantity.zero)}`),
      ]),
    ).toEqual([
      ['asset', ['buyer:assets:bank:current 4200', 'buyer:assets:equipment 800']],
      ['equity', ['buyer:equity:budget 5000']],
    ])
  })

  it('balance sheet by quarter: balances at each quarter end, with what came before', () => {
    const report = BalanceSheet.build(loaded, {
      begin: d('1936-04-01'),
      end: d('1937-01-01'),
      period: 'quarter',
      entity: Entity.unsafeName('plant'),
    })
    expect(report.columns.map((column) => column.lastDay)).toEqual(['1936-06-30', '1936-09-30', '1936-12-31'])
    const assets = report.statements[0]?.summary.find((line) => line.key === 'assets')
    expect(assets?.values.map(s)).toEqual(['1500', '1500', '1500'])
    expect(BalanceSheet.renderTable(report, loaded.ledger)).toContain('1936-06-30')
  })

  it('income statement: income and expenses of each period, and the net result', () => {
    const report = IncomeStatement.build(loaded, { ...year, period: 'quarter', entity: Entity.unsafeName('plant') })
    const summary = Object.fromEntries(
      (report.statements[0]?.summary ?? []).map((line) => [line.key, line.values.map(s)]),
    )
    expect(summary).toEqual({
      income: ['800', '0', '0', '0'],
      expenses: ['0', '300', '0', '0'],
      'net-result': ['800', '-300', '0', '0'],
    })
    expect(IncomeStatement.renderTable(report, loaded.ledger)).toMatch(/net result\s+800\.00 RUB\s+-300\.00 RUB/u)
  })
})

describe('plan fulfilment on a money basis', () => {
  it('sets reported, physical and realized output against a plan in money', () => {
    const report = PlanFulfilment.build(load(), {})
    const line = report.groups[0]?.lines[0]
    expect(line?.basis).toBe('money')
    expect(
      [line?.planAmount, line?.reportedGross, line?.physicalMoney, line?.realizedMoney].map((value) =>
        value === undefined ? 'none' : s(value),
      ),
    ).toEqual(['1600', '800', '1600', '800'])
    expect(
      [line?.percents.reported, line?.percents.physical, line?.percents.realized].map((value) =>
        value === undefined ? 'none' : s(value),
      ),
    ).toEqual(['50', '100', '50'])
    expect(PlanFulfilment.renderTable(report, load().ledger)).toMatch(
      /all\s+money\s+1,600\.00 RUB\s+800\.00 RUB\s+50\.00 %/u,
    )
  })
})

describe('CSV and JSON', () => {
  const loaded = load()

  it('neutralizes a description that a spreadsheet would run as a formula', () => {
    const csv = Sources.renderCsv(Sources.build(loaded, {}))
    expect(csv).toContain("'=SUM(A1) sale of two tanks")
    expect(csv).not.toMatch(/(^|,)=SUM/mu)
    expect(csv.split('\n')[0]).toBe('source,folio,where,kind,when,entity,figure,value,assumption')
  })

  it('writes exact amounts in CSV, one column per period, with the commodity', () => {
    const csv = TrialBalance.renderCsv(TrialBalance.build(loaded, { ...year, period: 'year' }))
    expect(csv.split('\n')[0]).toBe('scope,book,account,commodity,1936')
    expect(csv).toContain('plant,money,plant:assets:bank:current,RUB,1500')
  })

  it('every report kind writes JSON that its codec decodes, with version 1', () => {
    for (const kind of reportKinds) {
      const entry = reports[kind]
      const json = JSON.parse(
        JSON.stringify(entry.toJson(entry.build(loaded, { ...year, period: 'quarter' }))),
      ) as unknown
      const decoded = (entry.codec as t.Mixed).decode(json)
      expect(E.isRight(decoded), kind).toBe(true)
      expect((json as { version: number; kind: string }).version).toBe(1)
      expect((json as { kind: string }).kind).toBe(kind)
    }
  })

  it('a codec rejects a document of another version', () => {
    const json = { ...TrialBalance.toJson(TrialBalance.build(loaded, year)), version: 2 }
    expect(E.isLeft(TrialBalance.TrialBalanceJson.decode(json))).toBe(true)
  })
})

describe('divergence on document-level books (M1: invoicing without delivery)', () => {
  it('counts the invoiced units that exist only in the money book, at the contract’s planned cost', () => {
    const result = loadFile(
      resolve(import.meta.dirname, '../../ledgers/examples/m1-invoice-without-shipment.journal'),
      { fileSystem: nodeFileSystem },
    )
    if (E.isLeft(result)) throw new Error('does not load')
    const report = Divergence.build(result.right, {})
    const point = report.rows.find((row) => row.commodity === 'T28')?.points[0]
    expect(
      [
        point?.produced,
        point?.invoicedUnits,
        point?.recognized,
        point?.realized,
        point?.moneyGap,
        point?.moneyOnlyUnits,
        point?.moneyOnlyValue,
      ].map((value) => (value === undefined ? 'none' : s(value))),
    ).toEqual(['0', '12', '4560000', '0', '4560000', '12', '3600000'])
  })
})
