/**
 * `shadow-ledger report KIND FILE …` through the CLI, in-process: tables, CSV and JSON of the
 * analytical reports on the Kirov ledger, and usage errors.
 */
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { DivergenceJson } from '../../src/reports/Divergence.js'
import { WorkingCapitalJson } from '../../src/reports/WorkingCapital.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const KIROV = join(ROOT, 'ledgers/kirov/kirov.journal')

describe('shadow-ledger report', () => {
  it('prints working capital against its norm by year', async () => {
    const result = await runCli([
      'report',
      'working-capital',
      KIROV,
      '--period',
      'year',
      '--begin',
      '1936-01-01',
      '--end',
      '1937-01-01',
    ])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/total\s+~145,137,000\.00 RUB/u)
    expect(result.stdout).toMatch(/norm\s+~91,372,000\.00 RUB/u)
    expect(result.stdout).toContain('58.84 %')
  })

  it('writes JSON that decodes with the report codec', async () => {
    const result = await runCli([
      'report',
      'working-capital',
      KIROV,
      '--period',
      'quarter',
      '--end',
      '1937-01-01',
      '--output',
      'json',
    ])
    expect(result.code).toBe(0)
    const decoded = WorkingCapitalJson.decode(JSON.parse(result.stdout))
    expect(E.isRight(decoded)).toBe(true)
    if (E.isRight(decoded))
      expect(decoded.right.entities.find((entity) => entity.entity === 'kirov')?.points.at(-1)?.norms[0]?.excess).toBe(
        '53765000',
      )
  })

  it('prints the divergence of the two books as a table and as JSON, with -f', async () => {
    const table = await runCli(['-f', KIROV, 'report', 'divergence', '--entity', 'kirov'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/recorded as produced\s+~101 T28/u)
    const json = await runCli(['report', 'divergence', KIROV, '-O', 'json'])
    const decoded = DivergenceJson.decode(JSON.parse(json.stdout))
    expect(
      E.isRight(decoded) && decoded.right.rows.find((row) => row.commodity === 'T28')?.points[0]?.finallyAccepted,
    ).toBe('0')
  })

  it('lists the archival files with file:line relative to the working directory, and CSV with a header', async () => {
    const table = await runCli(['report', 'sources', KIROV])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('TsGIA SPb F.P-960 op.7 d.5: 3 figures')
    expect(table.stdout).toContain('ledgers/kirov/1936.journal:9')
    const csv = await runCli(['report', 'sources', KIROV, '--output', 'csv'])
    expect(csv.stdout.split('\n')[0]).toBe('source,folio,where,kind,when,entity,figure,value,assumption')
  })

  it('prints every kind', async () => {
    for (const kind of [
      'trial-balance',
      'balance-sheet',
      'income-statement',
      'turnover',
      'plan-fulfilment',
      'physical',
      'ageing',
    ]) {
      const result = await runCli(['report', kind, KIROV, '--period', 'year'])
      expect(result.code, `${kind}: ${result.stderr}`).toBe(0)
      expect(result.stdout.length).toBeGreaterThan(0)
    }
  })

  it('rejects an unknown kind, an undeclared entity and an empty range as usage errors (exit 2)', async () => {
    const unknown = await runCli(['report', 'cash-flow', KIROV])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('working-capital')
    expect((await runCli(['report', 'physical', KIROV, '--entity', 'nobody'])).code).toBe(2)
    expect((await runCli(['report', 'physical', KIROV, '--begin', '1937-01-01', '--end', '1936-01-01'])).code).toBe(2)
    expect((await runCli(['report', 'physical', KIROV, '--period', 'week'])).code).toBe(2)
    expect((await runCli(['report', 'physical'])).code).toBe(2)
  })

  it('reports a missing file as I/O (exit 3)', async () => {
    expect((await runCli(['report', 'trial-balance', join(ROOT, 'no-such.journal')])).code).toBe(3)
  })
})
