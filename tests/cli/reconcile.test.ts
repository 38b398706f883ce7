/**
 * `reconcile`, `test` and `start` through the CLI, in-process: the Kirov findings with their
 * amounts and sources, the versioned JSON, user rules, parameters, and expectations failing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { ReconcileOutputCodec } from '../../src/reconcile/index.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const KIROV = join(ROOT, 'ledgers/kirov/kirov.journal')

const temporary = (files: Readonly<Record<string, string>>): string => {
  const directory = mkdtempSync(join(tmpdir(), 'shadow-ledger-reconcile-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text)
  return directory
}

describe('shadow-ledger reconcile', () => {
  it('finds the working capital above norm in the Kirov books, with amount, ratio and archival source', async () => {
    const result = await runCli(['reconcile', KIROV, '--rule', 'working-capital-above-norm'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'CRITICAL  working-capital-above-norm  kirov  1936 (1936-12-31)  53,765,000.00 RUB  ~estimated',
    )
    expect(result.stdout).toContain(
      '145,137,000.00 RUB of working capital (total) on 1936-12-31 against a norm of 91,372,000.00 RUB',
    )
    expect(result.stdout).toContain('source: TsGIA SPb. F.P-960, Op.7, D.5, 4')
    expect(result.stdout).toContain('evidence: ledgers/kirov/1936.journal:16')
  })

  it('writes JSON that validates against its versioned codec, decimals as strings', async () => {
    const result = await runCli(['reconcile', KIROV, '--output', 'json'])
    expect(result.code).toBe(0)
    const decoded = ReconcileOutputCodec.decode(JSON.parse(result.stdout))
    expect(E.isRight(decoded)).toBe(true)
    const json = JSON.parse(result.stdout) as {
      version: number
      findings: Array<{ rule: string; moneyGap?: { quantity: unknown } }>
    }
    expect(json.version).toBe(1)
    const excess = json.findings.find((finding) => finding.rule === 'working-capital-above-norm')
    expect(excess?.moneyGap?.quantity).toBe('53765000.00')
  })

  it('filters by severity and neutralizes CSV cells', async () => {
    const result = await runCli(['reconcile', KIROV, '--min-severity', 'critical', '--output', 'csv'])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toBe(
      'severity,rule,entity,date,period,money_gap,money_commodity,unit_gap,unit_commodity,estimated,message,evidence,sources',
    )
    expect(lines.slice(1).every((line) => line.startsWith('critical,'))).toBe(true)
  })

  it('lets a run override a rule parameter, and rejects a bad one as usage', async () => {
    const relaxed = await runCli([
      'reconcile',
      KIROV,
      '--rule',
      'working-capital-above-norm',
      '--param',
      'working-capital-above-norm.criticalAt=60',
    ])
    expect(relaxed.stdout).toContain('WARN      working-capital-above-norm')
    const bad = await runCli(['reconcile', KIROV, '--param', 'nonsense'])
    expect(bad.code).toBe(2)
  })

  it('loads user rules from a module', async () => {
    const directory = temporary({
      'rules.mjs': `export const rules = [{ id: 'always-one', title: 'One', description: 'd', motivation: 'm', fields: {}, parameters: { encode: () => ({}), decode: (u) => ({ _tag: 'Right', right: {} }), validate: (u) => ({ _tag: 'Right', right: {} }), is: () => true, name: 'none' }, defaults: {}, evaluate: ({ asOf }) => [{ rule: 'always-one', severity: 'info', date: asOf, accounts: [], documents: [], lots: [], measures: [], threshold: { text: 'always' }, evidence: [], estimated: false, message: 'a user rule ran' }] }]\n`,
    })
    const result = await runCli(['reconcile', KIROV, '--rules', join(directory, 'rules.mjs'), '--rule', 'always-one'])
    expect(result.stdout).toContain('a user rule ran')
    expect((await runCli(['reconcile', KIROV, '--rules', join(directory, 'missing.mjs')])).code).toBe(2)
  })
})

describe('shadow-ledger test', () => {
  it('passes the Kirov expectations and ends with the summary line', async () => {
    const result = await runCli(['test', join(ROOT, 'ledgers/kirov')])
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/u)
  })

  it('prints each failed expectation with file:line, expected and actual, and exits 1', async () => {
    const directory = temporary({
      'wrong.journal': [
        'entity plant',
        'norm 1936 plant working-capital 100.00 RUB',
        '1936-12-31 * Stocks',
        '    plant:assets:materials  200.00 RUB',
        '    plant:equity:fund',
        'expect working-capital-above-norm plant 1936 excess 99.00 RUB',
        'expect no working-capital-above-norm plant',
        '',
      ].join('\n'),
    })
    const result = await runCli(['test', directory])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'wrong.journal:6:1: FAIL expect working-capital-above-norm plant 1936 excess 99.00 RUB',
    )
    expect(result.stdout).toContain('actual: plant 1936-12-31 critical excess 100.00 RUB')
    expect(result.stdout).toContain('wrong.journal:7:1: FAIL expect no working-capital-above-norm plant')
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0 passed, 2 failed')
  })
})

describe('npm start (the main job)', () => {
  it('reconciles the Kirov ledger and prints the ranked findings with their sources', async () => {
    const result = await runCli(['start'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^The Kirov Plant, 1934–1937/u)
    const headlines = result.stdout.split('\n').filter((line) => /^(CRITICAL|WARN|INFO)/u.test(line))
    expect(headlines[0]).toMatch(/^CRITICAL/u)
    for (const rule of [
      'working-capital-above-norm',
      'wage-fund-overrun',
      'rejection-rate-plausibility',
      'plan-fulfilment-triangulation',
      'bonus-funding',
    ]) {
      expect(headlines.some((line) => line.includes(rule))).toBe(true)
    }
    expect(result.stdout).toMatch(/expectations pinned in the ledger: \d+ passed, 0 failed/u)
    expect(result.stdout).toContain('in a browser: shadow-ledger serve ledgers/kirov/kirov.journal')
  })

  it('ends with the restatement summary: the 101 T-28 counted as plan output, none found finally accepted, both sources', async () => {
    const result = await runCli(['start'])
    expect(result.stdout).not.toContain('restatements: none')
    expect(result.stdout).toContain('kirov plan-output:T28 1936: 101 T28 → 0 T28 (-101 T28)')
    expect(result.stdout).toContain(
      'reported: TsGIA SPB F.P-1788, Op. 27, D.12, 16; found: TsGIA SPB F.P-1788, Op. 27, D.12, 16',
    )
    const table = await runCli(['report', 'restatement', 'ledgers/kirov/kirov.journal'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/kirov\s+plan-output:T28\s+1936\s+101 T28\s+0 T28\s+-101 T28/u)
  })
})
