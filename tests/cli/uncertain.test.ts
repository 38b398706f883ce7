/**
 * The issue-24 commands end to end: --view, report restatement, report assumptions, report
 * provenance, check --strict-provenance, and source-conflict with verdicts in reconcile output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const journal = `entity kirov
commodity RUB
    format 1,000.00 RUB
commodity T26
    kind: goods

assumption A1 "the bonus amount is not given; the ITR overspend is taken"

plan 1936 kirov output:T26 1,000,000.00 RUB  ; source: TsGIA SPb. F.P-960, Op.7, D.5, 4
reported 1936 kirov plan-fulfilment 114%  ; source: TsGIA SPb F. P-960, Op.7, D.388, 14
restate 1936 kirov plan-fulfilment:realized <100%  ; source: TsGIA SPb F. P-960, Op.7, D.388, 14 — below 100 %
    ; reason: the chief accountant on realized sales
reported 1937 kirov output:T26 [400..500 T26]  ; source: Istoriia sozdaniia T. 3, 678-680
reported 1937 kirov output:T26 [58 T26]  ; derived: 600 * 5 / 52

1936-05-13 * Bonuses  ; assumption: A1
    kirov:expenses:wages:bonus  ~6,000,000.00 RUB  ; fund: wage-fund, approved-by: director
    kirov:expenses:wages

1936-12-31 * Wages found unpaid by the bank  ; source: TsGA SPb F.R-8131, Op.1, D.5, 4
    ; view: found
    ; reason: two months unpaid
    kirov:expenses:wages  50.00 RUB
    kirov:liabilities:wages

1936-12-31 * Wages with no class
    kirov:expenses:wages  10.00 RUB
    kirov:liabilities:wages
`

const file = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'uncertain-'))
  const path = join(directory, 'k.journal')
  writeFileSync(path, journal)
  return path
}

describe('issue 24 commands', () => {
  it('--view reported leaves out the found-only transaction; found (default) keeps it', async () => {
    const path = file()
    expect((await runCli(['balance', path])).stdout).toContain('-60.00 RUB  kirov:liabilities:wages')
    expect((await runCli(['--view', 'reported', 'balance', path])).stdout).toContain(
      '-10.00 RUB  kirov:liabilities:wages',
    )
  })

  it('report restatement lists the restated measure and the account, with sources and reasons', async () => {
    const { stdout, code } = await runCli(['report', 'restatement', file()])
    expect(code).toBe(0)
    expect(stdout).toContain('plan-fulfilment:realized')
    expect(stdout).toContain('(none reported)')
    expect(stdout).toContain('the chief accountant on realized sales')
    expect(stdout).toMatch(
      /kirov:liabilities:wages\s+-10\.00 RUB\s+-60\.00 RUB\s+-50\.00 RUB\s+TsGA SPb F\.R-8131, Op\.1, D\.5, 4\s+two months unpaid/u,
    )
  })

  it('reconcile shows the conflict and the verdict of the hedged triangulation', async () => {
    const { stdout } = await runCli(['reconcile', file()])
    expect(stdout).toMatch(/WARN\s+source-conflict\s+kirov\s+1937.*342 T26/u)
    expect(stdout).toMatch(/CRITICAL\s+plan-fulfilment-triangulation.*verdict: certain/u)
    expect(stdout).toContain('realized <100%')
  })

  it('report assumptions names the lines each assumption fills and the findings that go without it', async () => {
    const { stdout } = await runCli(['report', 'assumptions', file()])
    expect(stdout).toContain('A1  the bonus amount is not given')
    expect(stdout).toMatch(/fills: .*k\.journal:16 transaction Bonuses/u)
    expect(stdout).toContain('without it, gone: bonus-funding 1936-05-13')
  })

  it('report provenance counts the classes; check --strict-provenance refuses the unclassed line', async () => {
    const path = file()
    const provenance = await runCli(['report', 'provenance', path, '--output', 'json'])
    expect(JSON.parse(provenance.stdout)).toMatchObject({
      version: 1,
      kind: 'provenance',
      classes: { source: 5, derived: 1, assumption: 1, none: 1 },
    })
    const strict = await runCli(['check', '--strict-provenance', path])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(
      /k\.journal:26:1: error: transaction "Wages with no class" has no provenance class .*\(MissingProvenance\)/u,
    )
    expect((await runCli(['check', path])).code).toBe(0)
  })
})
