/**
 * The command line, driven in-process through `run(argv, io)`: outputs, exit codes
 * (0 ok, 1 data, 2 usage, 3 I/O) and the absence of stack traces on bad input.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const PLANT = join(ROOT, 'ledgers/examples/plant.journal')

const temporaryJournal = (text: string): string => {
  const directory = mkdtempSync(join(tmpdir(), 'shadow-ledger-cli-'))
  const file = join(directory, 'test.journal')
  writeFileSync(file, text)
  return file
}

describe('shadow-ledger CLI', () => {
  it('lists the commands in --help', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    for (const command of ['check', 'balance', 'register', 'print', 'fmt', 'start'])
      expect(result.stdout).toContain(command)
  })

  it('checks a journal and summarizes it', async () => {
    const result = await runCli(['check', PLANT])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toBe('ok: 6 transactions, 19 postings, 25 accounts, 1 file\n')
  })

  it('prints flat balances as CSV with exact amounts, one row per account and commodity', async () => {
    const result = await runCli(['balance', PLANT, '--output', 'csv', '--entity', 'buyer'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      [
        'account,commodity,amount',
        'buyer:assets:bank:current,RUB,5000000',
        'buyer:assets:equipment,RUB,800000',
        'buyer:equity:budget,RUB,-5000000',
        'buyer:liabilities:payables,RUB,-800000',
        '',
      ].join('\n'),
    )
  })

  it('accepts -f FILE as hledger users type it, and --depth sums deeper accounts', async () => {
    const result = await runCli(['-f', PLANT, 'bal', '--depth', '2', '-O', 'csv'])
    expect(result.stdout.split('\n')).toContain('plant:assets,RUB,4200000')
  })

  it('shows the physical book with --units, as a tree with subtotals', async () => {
    const result = await runCli(['balance', PLANT, '--units', '--tree'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('2 T28      finished')
    expect(result.stdout).toContain('2 T28      equipment')
  })

  it('reports an unbalanced transaction at its line with an excerpt and caret, exit 1, no stack trace', async () => {
    const file = temporaryJournal('2024-01-01 broken\n    assets:cash  10 RUB\n    income:sales  -9 RUB\n')
    const result = await runCli(['check', file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${file}:1:1: error: transaction does not balance: the money postings sum to 1 RUB, not zero (UnbalancedTransaction)`,
    )
    expect(result.stderr).toContain('1 | 2024-01-01 broken\n  | ^')
    expect(result.stderr).not.toMatch(/\n\s+at /u)
  })

  it('exits 3 for a missing file and 2 for bad usage', async () => {
    expect((await runCli(['check', '/nonexistent/file.journal'])).code).toBe(3)
    expect((await runCli(['balance', PLANT, '--begin', '1936-02-30'])).code).toBe(2)
    expect((await runCli(['balance', PLANT, '--output', 'xml'])).code).toBe(2)
    expect((await runCli(['frobnicate'])).code).toBe(2)
    expect((await runCli(['balance', PLANT, '--entity', 'nobody'])).code).toBe(2)
  })

  it('prints elaborated transactions that check again to the same balances', async () => {
    const printed = await runCli(['print', PLANT])
    expect(printed.code).toBe(0)
    const file = temporaryJournal(printed.stdout)
    const again = await runCli(['balance', file, '-O', 'csv'])
    const original = await runCli(['balance', PLANT, '-O', 'csv'])
    expect(again.stdout).toBe(original.stdout)
  })

  it('lists a register with a running total', async () => {
    const result = await runCli(['register', PLANT, 'wip', '-O', 'csv'])
    expect(result.stdout.trim().split('\n')).toHaveLength(5)
  })
})
