/** `simulate` and `score` from the command line: files written, exit codes, usage errors. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

describe('simulate and score', () => {
  const out = mkdtempSync(join(tmpdir(), 'simulate-'))

  it('writes a region that check loads, with its truth, and verifies it', async () => {
    const result = await runCli([
      'simulate',
      '--enterprises',
      '6',
      '--years',
      '1',
      '--seed',
      '3',
      '--out',
      out,
      '--plant',
      'frozen-debit=1,wip-growth=100%',
      '--verify',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/6 frozen-debit/u)
    expect(result.stdout).toMatch(/auditor: the engine's balances agree/u)
    for (const file of [
      'region.journal',
      'declarations.journal',
      'enterprises/part-0001.journal',
      'truth.json',
      'audit.json',
    ])
      expect(existsSync(join(out, file)), file).toBe(true)
    expect((await runCli(['check', join(out, 'region.journal')])).code).toBe(0)
  })

  it('scores as a table, CSV and JSON', async () => {
    const table = await runCli(['score', join(out, 'region.journal'), '--truth', join(out, 'truth.json')])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/frozen-account-debit\s+6\s+6\s+0/u)
    expect(table.stdout).toMatch(/auditor: the engine agrees/u)
    const csv = await runCli(['score', join(out, 'region.journal'), '--truth', join(out, 'truth.json'), '-O', 'csv'])
    expect(csv.stdout.split('\n')[0]).toBe('rule,planted,tp,fp,fp_honest,fp_decoy,misses,precision,recall,f1')
    const json = JSON.parse(
      (await runCli(['score', join(out, 'region.journal'), '--truth', join(out, 'truth.json'), '-O', 'json'])).stdout,
    ) as { version: number; rules: unknown[] }
    expect(json.version).toBe(1)
    expect(json.rules.length).toBeGreaterThanOrEqual(16)
  })

  it('sweeps a parameter and writes the chart', async () => {
    const chart = join(out, 'sweep.svg')
    const result = await runCli([
      'score',
      join(out, 'region.journal'),
      '--truth',
      join(out, 'truth.json'),
      '--sweep',
      'wip-growth-vs-plan.gap=0..200:100',
      '-O',
      'csv',
      '--chart',
      chart,
    ])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').filter((line) => line.length > 0)).toHaveLength(4)
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg/u)
  })

  it('a tampered audit file fails the score (exit 1) and says so', async () => {
    const audit = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { entries: Array<{ quantity: string }> }
    const copy = mkdtempSync(join(tmpdir(), 'simulate-audit-'))
    writeFileSync(join(copy, 'truth.json'), readFileSync(join(out, 'truth.json')))
    ;(audit.entries[0] as { quantity: string }).quantity = '123456789'
    writeFileSync(join(copy, 'audit.json'), JSON.stringify(audit))
    const result = await runCli(['score', join(out, 'region.journal'), '--truth', join(copy, 'truth.json')])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/accounts disagree with the simulator/u)
  })

  it('refuses bad usage with exit 2 and a sentence', async () => {
    const bad = await runCli(['simulate', '--enterprises', 'many', '--years', '1', '--out', out])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--enterprises: "many" is not a whole number/u)
    const kind = await runCli([
      'simulate',
      '--enterprises',
      '1',
      '--years',
      '1',
      '--out',
      out,
      '--plant',
      'embezzlement=0.1',
    ])
    expect(kind.code).toBe(2)
    expect(kind.stderr).toMatch(/unknown kind "embezzlement"/u)
    const sweep = await runCli([
      'score',
      join(out, 'region.journal'),
      '--truth',
      join(out, 'truth.json'),
      '--sweep',
      'nonsense',
    ])
    expect(sweep.code).toBe(2)
    const truth = await runCli(['score', join(out, 'region.journal'), '--truth', join(out, 'region.journal')])
    expect(truth.code).toBe(2)
    expect(truth.stderr).toMatch(/not JSON/u)
  })
})
