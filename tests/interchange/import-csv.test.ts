/** `import csv FILE --rules RULES`: rows become transactions and operations; a bad row is a located error and nothing is written. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Quantity from '../../src/core/Quantity.js'
import * as CsvRules from '../../src/interchange/CsvRules.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const CSV = join(ROOT, 'ledgers/import/kirov-output.csv')
const RULES = join(ROOT, 'ledgers/import/kirov-output.csv.rules')
const base = [
  'entity kirov',
  'entity abtu',
  'commodity RUB',
  '    format 1,000.00 RUB',
  'commodity T28',
  '    kind: goods',
  '    unit: tank',
  '',
  '1936-01-01 * Opening',
  '    kirov:assets:wip   10,000,000.00 RUB  [20 T28]',
  '    kirov:equity:fund',
  '',
].join('\n')

const scratch = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'import-csv-'))
  writeFileSync(join(directory, 'books.journal'), base)
  return directory
}

describe('CSV rules', () => {
  it('turns rows into transactions with citations per row, estimated marks, entity-prefixed accounts, and operations', async () => {
    const rules = CsvRules.parseRules('r.rules', readFileSync(RULES, 'utf8'))
    if (E.isLeft(rules)) throw new Error(CsvRules.renderRulesError(rules.left))
    const converted = await CsvRules.convert(rules.right, 'k.csv', readFileSync(CSV, 'utf8'))
    if (E.isLeft(converted)) throw new Error(CsvRules.renderRulesError(converted.left))
    expect(converted.right.rows.map((row) => row.row)).toEqual([2, 3, 4, 5])
    expect(converted.right.rows[0]?.text).toBe(
      [
        '1936-03-20 Four tanks completed',
        '    ; estimated:',
        '    ; source: TsGIA SPb F.P-960, Op.7, D.2, 37, row 2',
        '    kirov:assets:finished  ~1600000 RUB  [4 T28]',
        '    kirov:assets:wip  ~-1600000 RUB  [-4 T28]',
      ].join('\n'),
    )
    expect(converted.right.rows[2]?.text).toBe(
      '1936-06-10 demand PD-36-114 kirov -> abtu 3,800,000.00 RUB [10 T28]  ; source: TsGIA SPb F.P-960, Op.7, D.2, 38, row 4',
    )
    expect(converted.right.rows[3]?.text).toMatch(/^1936-06-13 accept PD-36-114 partial 2,000,000.00 RUB/u)
  })

  it('if blocks: field and record matchers, & for AND, ! for NOT, skip', async () => {
    const rules = CsvRules.parseRules(
      'r.rules',
      [
        'fields date, description, amount',
        'account1 assets:cash',
        'account2 income:other',
        'if %description ^rent',
        '& !%amount ^-',
        '  account2 income:rent',
        'if void',
        '  skip',
      ].join('\n'),
    )
    if (E.isLeft(rules)) throw new Error('rules')
    const converted = await CsvRules.convert(
      rules.right,
      'x.csv',
      '1936-01-02,Rent Jan,10\n1936-01-03,Rent refund,-5\n1936-01-04,void row,1\n',
    )
    if (E.isLeft(converted)) throw new Error(CsvRules.renderRulesError(converted.left))
    expect(converted.right.rows.map((row) => row.text.split('\n')[2])).toEqual([
      '    income:rent  -10 RUB',
      '    income:other  5 RUB',
    ])
  })

  it('reads dates with a format and figures with a decimal comma and group marks', () => {
    expect(CsvRules.parseDate('3/1/1936', '%-d/%-m/%Y')).toBe('1936-01-03')
    expect(CsvRules.parseDate('31.02.1936', '%d.%m.%Y')).toBeUndefined()
    const show = (text: string, mark: '.' | ',') => {
      const figure = CsvRules.parseFigure(text, mark)
      return figure === undefined ? undefined : `${figure.estimated ? '~' : ''}${Quantity.toString(figure.quantity)}`
    }
    expect(show('1.234.567,50', ',')).toBe('1234567.5')
    expect(show('~1 234,5', ',')).toBe('~1234.5')
    expect(show('(1,000.25)', '.')).toBe('-1000.25')
    expect(show('1e5', '.')).toBeUndefined()
  })

  /** Appends the example table with one cell changed; returns the CLI's result, the CSV path, and whether the journal stayed as it was. */
  const appendChanged = async (from: string, to: string) => {
    const directory = scratch()
    const csv = join(directory, 'changed.csv')
    writeFileSync(csv, readFileSync(CSV, 'utf8').replace(from, to))
    const before = readFileSync(join(directory, 'books.journal'), 'utf8')
    const result = await runCli(['import', 'csv', csv, '--rules', RULES, '--append', join(directory, 'books.journal')])
    return { result, csv, unchanged: readFileSync(join(directory, 'books.journal'), 'utf8') === before }
  }

  it('a bad cell is an error at file:row:column, and the journal is not touched', async () => {
    const { result, csv, unchanged } = await appendChanged(
      'Two tanks completed,2,"800,000.00"',
      'Two tanks completed,2,"800,0x0.00"',
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${csv}:3:6: error: "800,0x0.00" is not an amount (RowError)\n`)
    expect(unchanged).toBe(true)
  })

  it('a row the books refuse (an acceptance larger than its demand) is located at its CSV row, nothing written', async () => {
    const { result, csv, unchanged } = await appendChanged(
      'Partial acceptance,,"2,000,000.00"',
      'Partial acceptance,,"5,000,000.00"',
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^${csv.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:5:1: error: `, 'u'))
    expect(unchanged).toBe(true)
  })

  it('--append adds every row to the journal, which then loads with the operations applied', async () => {
    const directory = scratch()
    const journal = join(directory, 'books.journal')
    const result = await runCli(['import', 'csv', CSV, '--rules', RULES, '--append', journal])
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^appended 4 entries/u)
    const query = await runCli(['export', journal, '--format', 'csv', '--table', 'documents', '--no-findings'])
    expect(query.stdout).toMatch(/PD-36-114,PaymentDemand,1936-06-10,/u)
    const check = await runCli(['check', journal])
    expect(check.code).toBe(0)
  })

  it('rules errors are located in the rules file', () => {
    const rules = CsvRules.parseRules('r.rules', 'fields date, amount\naccount3 x\n')
    expect(E.isLeft(rules) && CsvRules.renderRulesError(rules.left)).toMatch(
      /^r\.rules:2:1: error: unknown rule "account3"/u,
    )
  })
})
