/**
 * The last days of the calendar (9999-12-31): every date computed from a journal date (a deadline, the day
 * after, the year, quarter or month around it) either exists or is reported as a located, typed error.
 * No command may end in an internal error for a journal dated at the end of the calendar.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const directory = mkdtempSync(join(tmpdir(), 'calendar-end-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const journal = join(directory, 'late.journal')
writeFileSync(
  journal,
  [
    'entity kirov',
    'entity abtu',
    'plan  9999-Q1  kirov  output:T28  [40 T28]',
    'plan  9999-01  kirov  wage-fund  88,000,000.00 RUB',
    '',
    '9998-12-31 early',
    '    kirov:assets:cash  10 RUB',
    '    kirov:equity:capital',
    '',
    '9999-12-31 late',
    '    kirov:assets:cash  10 RUB',
    '    kirov:equity:capital',
    '',
  ].join('\n'),
)
const demand = join(directory, 'demand.journal')
writeFileSync(demand, 'entity kirov\nentity abtu\n\n9999-12-31 demand PD-1  kirov -> abtu  10.00 RUB\n')

const kinds = [
  'trial-balance',
  'balance-sheet',
  'income-statement',
  'working-capital',
  'turnover',
  'plan-fulfilment',
  'physical',
  'ageing',
  'divergence',
  'sources',
]
const commands: ReadonlyArray<ReadonlyArray<string>> = [
  ['check', journal],
  ['balance', journal],
  ['register', journal],
  ['print', journal],
  ['export', journal],
  ['reconcile', journal, '--as-of', '9998-12-31'],
  ...kinds.flatMap((kind) => [
    ['report', kind, journal],
    ...['year', 'quarter', 'month'].map((period) => ['report', kind, journal, '--period', period]),
  ]),
  ...['wip', 'working-capital', 'divergence', 'plan-fulfilment', 'payroll', 'ageing'].map((chart) => [
    'report',
    'chart',
    chart,
    journal,
  ]),
  ['report', 'html', journal, '--as-of', '9998-12-31', '--out', join(directory, 'html')],
]

describe('the end of the calendar', () => {
  it('no command ends in an internal error on a journal dated 9998-12-31 and 9999-12-31', async () => {
    const failures: string[] = []
    for (const command of commands) {
      const result = await runCli(command)
      if (result.code === 70 || result.stderr.includes('internal error'))
        failures.push(`${command.join(' ')}: ${result.stderr.slice(0, 200)}`)
    }
    expect(failures).toEqual([])
  })

  it('reconcile as of a date in 9999 is a plain error (the rules read its year, which has no end in the calendar)', async () => {
    const result = await runCli(['reconcile', journal])
    expect(result.code).not.toBe(0)
    expect(result.code).not.toBe(70)
    expect(result.stderr).toContain('choose an as-of date before 9999-01-01')
  })

  it('a payment demand on 9999-12-31 is a located DateOutOfRange error, not a crash', async () => {
    const result = await runCli(['check', demand])
    expect(result.code).not.toBe(70)
    expect(result.stderr).toMatch(/demand\.journal:4:\d+/)
    expect(result.stderr).toContain('acceptance deadline computed from 9999-12-31 falls after the year 9999')
  })
})
