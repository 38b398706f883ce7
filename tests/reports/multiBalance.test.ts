/**
 * The multi-period balance report and valuation on a small journal, with the figures hledger 1.25
 * prints for it (`hledger bal -M`, `-Q -T -A`, `-H`, `-S`, `-E`, `-V`, `-X`), and the CLI's usage
 * errors for bad period options.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { type PeriodFlags, resolvePeriod } from '../../src/cli/periodOptions.js'
import * as Amount from '../../src/core/Amount.js'
import * as Commodity from '../../src/core/Commodity.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as Quantity from '../../src/core/Quantity.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import * as MultiBalance from '../../src/reports/MultiBalance.js'
import * as Valuation from '../../src/reports/Valuation.js'
import { runCli } from '../helpers/cli.js'

const journal = `P 2024-01-15 USD 90 RUB
P 2024-03-10 USD 95.5 RUB

2024-01-05 salary
    assets:bank  1000.00 RUB
    income:salary

2024-02-10 shop
    expenses:food  150.50 RUB
    assets:bank

2024-03-02 fx
    assets:cash  10 USD
    assets:bank  -900 RUB

2024-05-20 shop
    expenses:food:veg  20 RUB
    assets:cash  -20 RUB
`

const loaded = (() => {
  const result = loadText('a.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(result)) throw new Error('fixture does not load')
  return result.right
})()

const report = (options: Partial<MultiBalance.MultiBalanceOptions> & { interval?: 'month' | 'quarter' }) => {
  const columns = MultiBalance.reportColumns(loaded.ledger, {
    span: {},
    ...(options.interval !== undefined ? { interval: { unit: options.interval, count: 1 } } : {}),
  })
  if (E.isLeft(columns)) throw new Error('no columns')
  const built = MultiBalance.build(loaded.ledger, {
    book: 'money',
    mode: 'flat',
    accumulation: 'change',
    columns: columns.right,
    ...options,
  })
  return {
    labels: built.columns.map((column) => column.label),
    rows: built.rows.map((row) => [
      row.account,
      ...[...row.cells, ...(row.total ? [row.total] : []), ...(row.average ? [row.average] : [])].map((cell) =>
        MultiBalance.cellText(loaded.ledger, cell),
      ),
    ]),
  }
}

describe('multi-period balance (figures as hledger 1.25 prints them, up to display style)', () => {
  it('-M: whole months from the first to the last transaction, empty months shown, zero rows hidden', () => {
    const monthly = report({ interval: 'month' })
    expect(monthly.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'])
    expect(monthly.rows.map((row) => row[0])).toEqual([
      'assets:bank',
      'assets:cash',
      'expenses:food',
      'expenses:food:veg',
      'income:salary',
    ])
    expect(monthly.rows[0]).toEqual(['assets:bank', '1000.00 RUB', '-150.50 RUB', '-900.00 RUB', '0', '0'])
  })

  it('-Q -T -A: row total and average (the average rounded to the display precision)', () => {
    const quarterly = report({ interval: 'quarter', rowTotal: true, average: true })
    expect(quarterly.rows[0]).toEqual(['assets:bank', '-50.50 RUB', '0', '-50.50 RUB', '-25.25 RUB'])
    expect(quarterly.rows[2]).toEqual(['expenses:food', '150.50 RUB', '0', '150.50 RUB', '75.25 RUB'])
  })

  it('-H: ending balances; --cumulative from the report start', () => {
    const historical = report({ interval: 'month', accumulation: 'historical' })
    expect(historical.rows[0]).toEqual([
      'assets:bank',
      '1000.00 RUB',
      '849.50 RUB',
      '-50.50 RUB',
      '-50.50 RUB',
      '-50.50 RUB',
    ])
    const cumulative = report({ interval: 'quarter', accumulation: 'cumulative' })
    expect(cumulative.rows.find((row) => row[0] === 'expenses:food:veg')).toEqual([
      'expenses:food:veg',
      '0',
      '20.00 RUB',
    ])
  })

  it('-S sorts by amount, largest first, commodity by commodity; --invert flips signs first', () => {
    expect(report({ interval: 'quarter', sortAmount: true }).rows.map((row) => row[0])).toEqual([
      'expenses:food',
      'expenses:food:veg',
      'assets:cash',
      'assets:bank',
      'income:salary',
    ])
    expect(report({ interval: 'quarter', sortAmount: true, invert: true }).rows.map((row) => row[0])).toEqual([
      'income:salary',
      'assets:bank',
      'assets:cash',
      'expenses:food:veg',
      'expenses:food',
    ])
  })

  it('--depth 1 sums into the top accounts', () => {
    expect(report({ interval: 'quarter', depth: 1 }).rows.map((row) => row[0])).toEqual([
      'assets',
      'expenses',
      'income',
    ])
  })

  it('-V values each column at its last day with the latest price on or before it', () => {
    const usd = Commodity.unsafeSymbol('USD')
    const rub = Commodity.unsafeSymbol('RUB')
    const db = Valuation.database([
      { date: LocalDate.unsafeFromString('2024-01-15'), from: usd, to: rub, rate: Quantity.unsafeFromString('90') },
      { date: LocalDate.unsafeFromString('2024-03-10'), from: usd, to: rub, rate: Quantity.unsafeFromString('95.5') },
    ])
    const columns = MultiBalance.reportColumns(loaded.ledger, { span: {}, interval: { unit: 'month', count: 1 } })
    if (E.isLeft(columns)) throw new Error('no columns')
    const dates = columns.right.map((column) => E.getOrElse(() => column.start)(LocalDate.addDays(-1)(column.end)))
    const built = MultiBalance.build(loaded.ledger, {
      book: 'money',
      mode: 'flat',
      accumulation: 'historical',
      columns: columns.right,
      valuation: { db, target: { _tag: 'default' }, dates },
    })
    const cash = built.rows.find((row) => row.account === 'assets:cash')
    expect(cash?.cells.map((cell) => MultiBalance.cellText(loaded.ledger, cell))).toEqual([
      '0',
      '0',
      '955.00 RUB',
      '955.00 RUB',
      '935.00 RUB',
    ])
    // -X USD reverses the price: 1000 RUB at 90 RUB per USD.
    const reversed = Valuation.value(
      db,
      new Map([[rub, Quantity.unsafeFromInteger(1000)]]),
      dates[0] as LocalDate.LocalDate,
      {
        _tag: 'commodity',
        commodity: usd,
      },
    )
    expect(
      Quantity.toString(Quantity.round({ scaleDigits: 6, mode: 'halfEven' })(Amount.quantityOf(reversed.amount, usd))),
    ).toBe('11.111111')
    expect(reversed.inexact).toBe(true)
    // No price on or before the date: left as it is.
    const early = Valuation.value(
      db,
      new Map([[usd, Quantity.unsafeFromInteger(1)]]),
      LocalDate.unsafeFromString('2024-01-01'),
      {
        _tag: 'default',
      },
    )
    expect(Amount.showMixed(early.amount)).toBe('1 USD')
  })
})

describe('balance period options on the command line', () => {
  const file = 'ledgers/compat/periods.journal'
  it('-p with an interval gives hledger columns; csv rows are account, commodity, periods', async () => {
    const result = await runCli(['balance', file, '-p', 'quarterly in 2024', '-O', 'csv', 'expenses:rent'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('account,commodity,2024Q1,2024Q2,2024Q3,2024Q4\nexpenses:rent,RUB,1500,1500,0,0\n')
  })

  it('relative periods count from --today', async () => {
    const result = await runCli(['balance', file, '-p', 'last month', '--today', '2024-03-10', '-O', 'csv'])
    expect(result.stdout).toBe('account,commodity,amount\nassets:bank,RUB,-1500\nexpenses:rent,RUB,1500\n')
  })

  it('bad period options are usage errors with the reason', async () => {
    const bad = await runCli(['balance', file, '-p', 'every 2 tue'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/expected `every \[N\] day\(s\)/u)
    const reversed = await runCli(['balance', file, '-b', '2024-05', '-e', '2024-02'])
    expect(reversed.code).toBe(2)
    expect(reversed.stderr).toMatch(/ends \(2024-02-01\) before it starts \(2024-05-01\)/u)
    const today = await runCli(['balance', file, '-M', '--today', 'soon'])
    expect(today.code).toBe(2)
  })

  it('register -M prints one row per month, account and commodity, with a running total', async () => {
    const result = await runCli(['register', file, '-M'])
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^period\s+account\s+amount\s+running$/u)
    // The period's label on its first row only; the running total ends at zero after each balanced month.
    const labelled = lines.filter((line) => /^\d{4}-\d{2} /u.test(line))
    expect(labelled.length).toBeGreaterThan(1)
    const json = await runCli(['register', file, '-Q', '-O', 'json'])
    const periods = (JSON.parse(json.stdout) as { periods: { period: string; start: string }[] }).periods
    expect(periods.every((row) => /^\d{4}Q[1-4]$/u.test(row.period) && row.start.endsWith('-01'))).toBe(true)
  })

  it('register takes smart dates and -p spans', async () => {
    const result = await runCli(['register', file, '-p', '2024-02', '-O', 'csv'])
    expect(result.code, result.stderr).toBe(0)
    expect(
      result.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(['2024-02-29', '2024-02-29'])
  })
})

describe('resolvePeriod: the right-most option sets each side and the interval', () => {
  const today = LocalDate.unsafeFromString('2024-05-15')
  const resolve = (flags: PeriodFlags, args: ReadonlyArray<string>) => resolvePeriod(flags, args, today)
  it('-p then -b: -b sets the start, -p the end; -b then -p: -p sets both', () => {
    expect(resolve({ period: '2024', begin: '2024-03' }, ['-p', '2024', '-b', '2024-03']).span).toEqual({
      start: '2024-03-01',
      end: '2025-01-01',
    })
    expect(resolve({ period: '2024', begin: '2024-03' }, ['-b', '2024-03', '-p', '2024']).span).toEqual({
      start: '2024-01-01',
      end: '2025-01-01',
    })
  })
  it('the interval of -p or of a flag, whichever comes last, bundles included', () => {
    expect(resolve({ period: 'monthly', quarterly: true }, ['-p', 'monthly', '-Q']).interval?.unit).toBe('quarter')
    expect(resolve({ period: 'monthly', quarterly: true }, ['-QH', '--period=monthly']).interval?.unit).toBe('month')
    expect(resolve({ period: 'weekly', yearly: true }, ['-Ypweekly']).interval?.unit).toBe('week')
    expect(resolve({ period: 'weekly', yearly: true }, ['-pweekly', '-HY']).interval?.unit).toBe('year')
  })
})
