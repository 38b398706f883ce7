/**
 * The commands under hledger's names on what hledger has no counterpart for: shadow journals
 * (entities, goods quantities), HTML escaping, JSON, usage errors. Agreement with hledger itself
 * is tests/compat/commands.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const PLANT = join(ROOT, 'ledgers/examples/plant.journal')
const TYPES = join(ROOT, 'ledgers/compat/account-types.journal')

const temporaryJournal = (text: string): string => {
  const directory = mkdtempSync(join(tmpdir(), 'shadow-ledger-hledger-'))
  const file = join(directory, 'test.journal')
  writeFileSync(file, text)
  return file
}

describe('commands under hledger names', () => {
  it('balancesheet on a shadow journal: the money book of every entity, goods quantities left out', async () => {
    const result = await runCli(['bs', PLANT, '-O', 'csv'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).not.toContain('T28')
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      '"Balance Sheet 1936-03-31",""',
      '"Account","1936-03-31"',
      '"Assets",""',
      '"buyer:assets:equipment","800,000.00 RUB"',
    ])
    expect(result.stdout).toContain('"Net:","8,500,000.00 RUB"')
  })

  it('--entity keeps one entity’s books; the cash accounts are found by name below the entity', async () => {
    const result = await runCli(['cf', PLANT, '--entity', 'plant', '-O', 'csv'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      [
        '"Cashflow Statement 1936Q1",""',
        '"Account","1936Q1"',
        '"Cash flows",""',
        '"plant:assets:bank:current","2,000,000.00 RUB"',
        '"total","2,000,000.00 RUB"',
        '',
      ].join('\n'),
    )
  })

  it('accounts lists goods-book accounts too (names are not per book); commodities lists goods', async () => {
    const accounts = await runCli(['accounts', PLANT, '--depth', '1'])
    expect(accounts.stdout).toBe('buyer\nplant\n')
    const commodities = await runCli(['commodities', PLANT])
    expect(commodities.stdout).toBe('RUB\nT28\n')
  })

  // Revenues are declared (R), so income:interest is not one; assets:receivable:doubtful is declared an expense.
  it('incomestatement as JSON: exact decimals, sections, net', async () => {
    const result = await runCli(['is', TYPES, '-O', 'json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      title: string
      sections: Array<{ title: string; rows: Array<{ account: string }>; totals: unknown }>
      net: unknown
    }
    expect(report.title).toBe('Income Statement 2024-01-01..2024-02-05')
    expect(report.sections.map((section) => section.title)).toEqual(['Revenues', 'Expenses'])
    expect(report.sections[0]?.rows.map((row) => row.account)).toEqual(['revenues:consulting', 'revenues:salary'])
    expect(report.net).toEqual([
      [
        { commodity: 'EUR', quantity: '-10' },
        { commodity: 'USD', quantity: '755' },
      ],
    ])
  })

  it('escapes every text in HTML output: account names, payees, titles', async () => {
    const file = temporaryJournal(
      '2024-01-01 <script>alert(1)</script> | x\n    assets:<b>&"quoted"\'  10 USD\n    income:<i>  -10 USD\n',
    )
    for (const command of [['bs'], ['is', '--tree'], ['accounts'], ['payees'], ['stats'], ['commodities']]) {
      const result = await runCli([...command, file, '-O', 'html'])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).not.toMatch(/<script|<b>|<i>|"quoted"|'<|&"/u)
    }
    const bs = await runCli(['bs', file, '-O', 'html'])
    expect(bs.stdout).toContain('assets:&#60;b&#62;&#38;&#34;quoted&#34;&#39;')
  })

  it('refuses what it cannot do with a usage error, not a stack trace', async () => {
    const reversed = await runCli(['bs', TYPES, '-b', '2024-02-01', '-e', '2024-01-01'])
    expect(reversed.code).toBe(2)
    expect(reversed.stderr).toContain('the report ends (2024-01-01) before it starts (2024-02-01)')
    for (const columns of [['-D'], ['-W'], ['-p', 'every 2 months']]) {
      const refused = await runCli(['is', TYPES, ...columns])
      expect(refused.code, columns.join(' ')).toBe(2)
      expect(refused.stderr).toMatch(/incomestatement: columns of (one day|one week|2 months) are not built/u)
    }
    const query = await runCli(['commodities', '-f', TYPES, 'acct:x'])
    expect(query.code).toBe(2)
    const bad = await runCli(['accounts', TYPES, 'acct:('])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('invalid query term')
    expect(`${reversed.stderr}${query.stderr}${bad.stderr}`).not.toMatch(/\n\s+at /u)
  })

  it('lists as JSON and CSV: one value per line, versioned', async () => {
    const json = await runCli(['payees', TYPES, '-O', 'json'])
    expect(JSON.parse(json.stdout)).toEqual({
      version: 1,
      payees: ['Client', 'Employer', 'Landlord', 'Opening balances', 'Shop', 'card', 'income by name only', 'transfer'],
    })
    const csv = await runCli(['accounts', TYPES, '--depth', '1', '-O', 'csv'])
    expect(csv.stdout).toBe('"account"\n"mybank"\n"debts"\n"revenues"\n"costs"\n"assets"\n"equity"\n"income"\n')
  })

  it('prices in date order, written as hledger writes them (the digits as written)', async () => {
    const result = await runCli(['prices', TYPES])
    expect(result.stdout).toBe('P 2024-01-01 EUR 1.10 USD\nP 2024-01-15 GBP 1.27 USD\nP 2024-02-01 EUR 1.2 USD\n')
    const only = await runCli(['prices', TYPES, 'GBP', '-O', 'csv'])
    expect(only.stdout).toBe('date,commodity,price,price_commodity\n2024-01-15,"GBP",1.27,"USD"\n')
  })
})
