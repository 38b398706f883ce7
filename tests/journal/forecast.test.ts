/**
 * Periodic rules and auto postings without hledger at hand: the period expressions and the dates
 * they fall on (each expected list is what hledger 1.25 generated for the same rule, window
 * 2024-01-01..2025-01-01), the forecast window's defaults under an injected today, the CLI's
 * `--forecast`/`--auto`, `-f -` and `LEDGER_FILE`, and the books the rules read staying real.
 * tests/compat/rules.test.ts compares with the binary itself.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import type * as LocalDate from '../../src/core/LocalDate.js'
import * as Forecast from '../../src/journal/Forecast.js'
import { format } from '../../src/journal/Format.js'
import { parse } from '../../src/journal/index.js'
import { occurrences, parseRecurrence, parseWindow } from '../../src/journal/Recurrence.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { runCli } from '../helpers/cli.js'

const dates = (expression: string): ReadonlyArray<string> => {
  const rule = parseRecurrence(expression)
  if (E.isLeft(rule)) throw new Error(JSON.stringify(rule.left))
  return occurrences(rule.right, '2024-01-01', '2025-01-01')
}

describe('period expressions of periodic rules (as hledger 1.25 generates them)', () => {
  it('intervals with bounds', () => {
    expect(dates('every 10 days from 2024-01-15').slice(0, 3)).toEqual(['2024-01-15', '2024-01-25', '2024-02-04'])
    expect(dates('monthly in 2024')).toHaveLength(12)
    expect(dates('monthly 2024')).toEqual(dates('monthly in 2024'))
    expect(dates('monthly 2024-01..2024-03')).toEqual(['2024-01-01', '2024-02-01'])
    expect(dates('every 3 months from 2024-02 to 2024-12')).toEqual([
      '2024-02-01',
      '2024-05-01',
      '2024-08-01',
      '2024-11-01',
    ])
    expect(dates('biweekly from 2024-01-01 to 2024-02-15')).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-01-29',
      '2024-02-12',
    ])
    expect(dates('every day from 2024-01-30 to 2024-02-02')).toEqual(['2024-01-30', '2024-01-31', '2024-02-01'])
    expect(dates('monthly to 2024-03')).toEqual(['2024-01-01', '2024-02-01'])
    expect(dates('every month from 2024/01 to 2024.03')).toEqual(['2024-01-01', '2024-02-01'])
    expect(dates('Quarterly')).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01'])
    expect(dates('every 2 years from 2024 to 2030')).toEqual(['2024-01-01'])
  })

  it('a rule without an interval occurs once, on its first day', () => {
    expect(dates('2024-03')).toEqual(['2024-03-01'])
    expect(dates('2024-03-15')).toEqual(['2024-03-15'])
  })

  it('without a start, a rule starts on its interval boundary at or before the window (weeks on Mondays)', () => {
    const rule = (text: string) => E.getOrElseW(() => undefined)(parseRecurrence(text))
    const everyTwoWeeks = rule('every 2 weeks')
    if (everyTwoWeeks === undefined) throw new Error('parse')
    // 2024-01-17 is a Wednesday: the boundaries are the Mondays 2024-01-15, 2024-01-29, …
    expect(occurrences(everyTwoWeeks, '2024-01-17', '2024-02-27')).toEqual(['2024-01-29', '2024-02-12', '2024-02-26'])
    const tenDays = rule('every 10 days')
    if (tenDays === undefined) throw new Error('parse')
    expect(occurrences(tenDays, '2024-01-16', '2024-02-06')).toEqual(['2024-01-16', '2024-01-26', '2024-02-05'])
  })

  it('refuses what hledger refuses, and names what is not supported', () => {
    expect(parseRecurrence('monthly from 2024-01-15')).toEqual(
      E.left({ _tag: 'NotOnBoundary', date: '2024-01-15', unit: 'month' }),
    )
    expect(parseRecurrence('weekly from 2024-01-03')).toMatchObject(E.left({ _tag: 'NotOnBoundary' }))
    expect(parseRecurrence('every 2 weeks from 2024-01-03')).toMatchObject(E.left({ _tag: 'NotOnBoundary' }))
    expect(parseRecurrence('yearly from 2024-02')).toMatchObject(E.left({ _tag: 'NotOnBoundary' }))
    expect(parseRecurrence('monthly from 2024-01-01 until 2024-03-01')).toMatchObject(E.left({}))
    expect(parseRecurrence('every 5th Monday')).toEqual(E.left({ _tag: 'NotSupported', form: 'every 5th Monday' }))
    expect(parseRecurrence('every 2nd Monday')).toMatchObject(
      E.right({ unit: 'month', anchor: { _tag: 'weekdayOfMonth', nth: 2, weekday: 1 } }),
    )
    expect(parseRecurrence('monthly from 2024-13')).toMatchObject(E.left({ _tag: 'Syntax' }))
    // Found by the fuzz test: a word that names a prototype member is a word like any other.
    expect(parseRecurrence('constructor 2024-03-15')).toMatchObject(E.left({ _tag: 'Syntax' }))
    expect(parseRecurrence('every toString')).toMatchObject(E.left({ _tag: 'NotSupported' }))
    // One space before a description: hledger's error too (two spaces end the period expression).
    expect(parseRecurrence('monthly rent')).toMatchObject(E.left({ _tag: 'Syntax' }))
    expect(parseRecurrence('monthly from last month')).toMatchObject(E.left({ _tag: 'NotSupported' }))
    expect(parseRecurrence('monthly in jan')).toMatchObject(E.left({ _tag: 'NotSupported' }))
    // An empty span is no error in hledger: the rule falls on no date.
    expect(dates('monthly from 2024-03 to 2024-02')).toEqual([])
  })

  it('reads --forecast=PERIOD windows', () => {
    expect(parseWindow('2024-01..2024-04')).toEqual(E.right({ start: '2024-01-01', end: '2024-04-01' }))
    expect(parseWindow('2024')).toEqual(E.right({ start: '2024-01-01', end: '2025-01-01' }))
    expect(parseWindow('2024-03..')).toEqual(E.right({ start: '2024-03-01', end: null }))
    expect(parseWindow('..2024-06')).toEqual(E.right({ start: null, end: '2024-06-01' }))
    expect(parseWindow('202401-202404')).toEqual(E.right({ start: '2024-01-01', end: '2024-04-01' }))
    expect(parseWindow('monthly in 2024')).toMatchObject(E.left({ _tag: 'Syntax' }))
  })
})

const journal = `2024-01-15 Salary
    assets:checking  2500 EUR
    income:salary

~ monthly from 2024-01 to 2024-04  Rent
    expenses:rent  900 EUR
    assets:checking

= expenses:rent
    (budget:rent)  *-1
`

const load = (text: string) => {
  const loaded = loadText('t.journal', text, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left.diagnostics))
  return loaded.right
}

describe('the forecast window (hledger 1.25: after the latest transaction, to 180 days after today)', () => {
  const ledger = load(journal).ledger
  const today = '2024-03-01' as LocalDate.LocalDate
  it('defaults', () => {
    expect(Forecast.forecastWindow(ledger, { today })).toEqual({ start: '2024-01-16', end: '2024-08-28' })
    expect(Forecast.forecastWindow(Ledger.empty(), { today })).toEqual({ start: today, end: '2024-08-28' })
  })
  it('the report dates and the argument decide first', () => {
    const begin = '2024-02-10' as LocalDate.LocalDate
    const end = '2024-05-01' as LocalDate.LocalDate
    expect(Forecast.forecastWindow(ledger, { today, begin, end })).toEqual({ start: begin, end })
    expect(Forecast.forecastWindow(ledger, { today, begin, argument: { start: '2023-01-01', end: null } })).toEqual({
      start: '2023-01-01',
      end: '2024-08-28',
    })
  })
})

describe('the books stay real: rules are read, kept aside, and used only on request', () => {
  it('loads the rules beside the ledger, not into it', () => {
    const loaded = load(journal)
    expect(loaded.ledger.size).toBe(1)
    expect(loaded.periodic.map((rule) => rule.periodText)).toEqual(['monthly from 2024-01 to 2024-04'])
    expect(loaded.autoRules.map((rule) => rule.query)).toEqual(['expenses:rent'])
    const window = { start: '2024-01-16' as LocalDate.LocalDate, end: '2024-12-31' as LocalDate.LocalDate }
    const expanded = Forecast.expand(loaded.ledger, loaded.periodic, loaded.autoRules, { forecast: window, auto: true })
    if (E.isLeft(expanded)) throw new Error(expanded.left._tag)
    expect(Ledger.transactions(expanded.right).map((transaction) => transaction.date)).toEqual([
      '2024-01-15',
      '2024-02-01',
      '2024-03-01',
    ])
    const rent = Ledger.transactions(expanded.right)[1]
    expect(rent?.tags.map((tag) => tag.name)).toEqual([
      'generated-transaction',
      '_generated-transaction',
      'modified',
      '_modified',
    ])
    expect(rent?.postings.map((posting) => posting.account)).toEqual([
      'expenses:rent',
      'budget:rent',
      'assets:checking',
    ])
    expect(loaded.ledger.size).toBe(1)
  })

  it('check counts the real transactions only', async () => {
    const result = await runCli(['check', '-f', '-'], { readStdin: () => journal })
    expect(result.stdout).toMatch(/^ok: 1 transactions/u)
  })
})

describe('the command line', () => {
  const io = { readStdin: () => journal, today: () => '2024-03-01' }
  it('-f - reads standard input; --forecast and --auto generate', async () => {
    const plain = await runCli(['-f', '-', 'balance', '-O', 'csv'], io)
    expect(plain.stdout).not.toContain('expenses:rent')
    const forecast = await runCli(['-f', '-', 'balance', '--forecast', '--auto', '-O', 'csv'], io)
    expect(forecast.code, forecast.stderr).toBe(0)
    expect(forecast.stdout).toContain('expenses:rent,EUR,1800')
    expect(forecast.stdout).toContain('budget:rent,EUR,-1800')
    const tagged = await runCli(['-f', '-', 'register', '--forecast', 'tag:generated-transaction', '-O', 'csv'], io)
    expect(tagged.stdout.trim().split('\n')).toHaveLength(5)
  })

  it('print --forecast shows the generated transactions with their tag', async () => {
    const printed = await runCli(['-f', '-', 'print', '--forecast'], io)
    expect(printed.stdout).toContain('generated-transaction: ~ monthly from 2024-01 to 2024-04')
    // A bare --forecast takes no value: the next word is still the file.
    const file = await runCli(['print', '--forecast', 'ledgers/compat/periodic.journal'], io)
    expect(file.code, file.stderr).toBe(0)
  })

  it('refuses a bad --forecast period, and a rule that unbalances a transaction, with located errors', async () => {
    const bad = await runCli(['-f', '-', 'balance', '--forecast=monthly'], io)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--forecast')
    const unbalancing = `${journal}\n= income:salary\n    assets:bonus  *-0.1\n`
    const failed = await runCli(['-f', '-', 'balance', '--auto'], { readStdin: () => unbalancing })
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('<stdin>:1:')
  })

  it('LEDGER_FILE is the journal when none is given; then every positional is a query term', async () => {
    const env = { LEDGER_FILE: 'ledgers/compat/periodic.journal' }
    const all = await runCli(['balance', '-O', 'csv'], { env })
    expect(all.code, all.stderr).toBe(0)
    expect(all.stdout).toContain('income:salary')
    const queried = await runCli(['balance', 'assets', '-O', 'csv'], { env })
    expect(queried.stdout).not.toContain('income:salary')
    const file = await runCli(['balance', 'ledgers/compat/costs.journal', '-O', 'csv'], { env })
    expect(file.stdout).not.toContain('income:salary')
    const none = await runCli(['balance'], {})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('LEDGER_FILE')
  })

  it('a rule hledger reads but this engine does not run loads, and is refused, at its line, only when asked to run', async () => {
    const text = `${journal}\n~ every 5th Monday  standup\n    (expenses:lunch)  10 EUR\n\n= amt:>x\n    (budget:odd)  *1\n`
    const stdin = { readStdin: () => text, today: () => '2024-03-01' }
    const plain = await runCli(['-f', '-', 'balance', '-O', 'csv'], stdin)
    expect(plain.code, plain.stderr).toBe(0)
    const forecast = await runCli(['-f', '-', 'balance', '--forecast'], stdin)
    expect(forecast.code).toBe(1)
    expect(forecast.stderr).toContain('<stdin>:12:3: error: not supported: periodic transactions ("every 5th Monday")')
    const auto = await runCli(['-f', '-', 'balance', '--auto'], stdin)
    expect(auto.code).toBe(1)
    expect(auto.stderr).toContain('<stdin>:15:3: error: invalid query "amt:>x"')
  })

  it('standard input that cannot be read is an I/O error', async () => {
    const result = await runCli(['-f', '-', 'balance'], {
      readStdin: () => {
        throw new Error('EAGAIN')
      },
    })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('cannot read standard input')
  })
})

describe('fmt keeps the rules', () => {
  it('formats periodic and auto posting rules in canonical layout and reads them back', () => {
    const text =
      '~ monthly from 2024-01 to 2024-04   Rent ; note\n  expenses:rent   900 EUR\n  assets:checking\n\n= expenses:rent\n  (budget:rent)   *-1\n'
    const formatted = format(parse('t.journal', text).nodes)
    expect(formatted).toBe(
      '~ monthly from 2024-01 to 2024-04  Rent  ; note\n    expenses:rent    900 EUR\n    assets:checking\n\n= expenses:rent\n    (budget:rent)  *-1\n',
    )
    expect(format(parse('t.journal', formatted).nodes)).toBe(formatted)
  })
})
