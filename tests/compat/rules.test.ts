/**
 * hledger's generated transactions and postings, side by side with hledger: every journal of
 * ledgers/compat/ that names flags in `; hledger-flags: …` lines (`--forecast[=PERIOD]`, `--auto`,
 * `-b`, `-e`) is run under each set of flags by both tools, and `balance` and `register` must agree
 * exactly. Our "today" is injected (2030-01-01); the fixtures bound their rules, so hledger's clock
 * cannot change the result. Skipped where hledger is not installed (hledger.test.ts fails in CI then).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { balanceFromHledger, cells, registerFromHledger } from './hledgerCsv.js'

const ROOT = resolve(import.meta.dirname, '../..')
const COMPAT = join(ROOT, 'ledgers/compat')
const today = () => '2030-01-01'

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

const cases = readdirSync(COMPAT)
  .filter((name) => name.endsWith('.journal'))
  .flatMap((name) =>
    [...readFileSync(join(COMPAT, name), 'utf8').matchAll(/^; hledger-flags: (.+)$/gmu)].map(
      (match) => [join(COMPAT, name), (match[1] as string).trim().split(/\s+/u)] as const,
    ),
  )

const ourBalance = (csv: string): string[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => cells(line).join(','))
    .sort()

const ourRegister = (csv: string): string[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => cells(line).slice(0, 5).join('|'))
    .sort()

describe('the fixtures name flags to compare under', () => {
  it('periodic and auto posting fixtures exist', () => {
    expect(cases.some(([, flags]) => flags.some((flag) => flag.startsWith('--forecast')))).toBe(true)
    expect(cases.some(([, flags]) => flags.includes('--auto'))).toBe(true)
  })
})

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `--forecast and --auto agree with ${hledgerVersion ?? 'hledger (skipped: not installed)'}`,
  () => {
    for (const [file, flags] of cases) {
      it(`${file.slice(ROOT.length + 1)} ${flags.join(' ')}`, async () => {
        const theirs = spawnSync('hledger', ['-f', file, 'bal', '--flat', ...flags, '-O', 'csv'], { encoding: 'utf8' })
        expect(theirs.status, theirs.stderr).toBe(0)
        const ours = await runCli(['balance', file, ...flags, '--output', 'csv'], { today })
        expect(ours.code, ours.stderr).toBe(0)
        expect(ourBalance(ours.stdout)).toEqual(balanceFromHledger(theirs.stdout, false))
        const theirRegister = spawnSync('hledger', ['-f', file, 'register', ...flags, '-O', 'csv'], {
          encoding: 'utf8',
        })
        const oursRegister = await runCli(['register', file, ...flags, '--output', 'csv'], { today })
        expect(oursRegister.code, oursRegister.stderr).toBe(0)
        expect(ourRegister(oursRegister.stdout)).toEqual(registerFromHledger(theirRegister.stdout, false))
      })
    }
  },
)
