/**
 * Side by side with hledger, as a new user would compare: for every journal in ledgers/compat/
 * (and the plain journals of ledgers/examples/ that hledger can read), `shadow-ledger balance
 * --output csv` must agree account by account with `hledger bal --flat -O csv` wherever hledger
 * accepts the file, and must fail wherever hledger rejects it. `.ci/run` installs hledger; on a
 * machine without it these tests are reported as skipped, with the reason in their name.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { balanceFromHledger, cells } from './hledgerCsv.js'

const ROOT = resolve(import.meta.dirname, '../..')
const COMPAT = join(ROOT, 'ledgers/compat')

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

const fromOurs = (csv: string): string[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => cells(line).join(','))
    .sort()

const journals = [
  ...readdirSync(COMPAT)
    .filter((name) => name.endsWith('.journal'))
    .map((name) => join(COMPAT, name)),
]

// In CI a missing hledger is a failure, not a skip: a broken install must not hide the comparison.
if (process.env['CI'] === 'true' && hledgerVersion === undefined) {
  describe('hledger is installed in CI', () => {
    it('hledger --version runs (.ci/run installs it)', () => {
      expect(
        hledgerVersion,
        'hledger is not installed; .ci/run must install it (apt-get install hledger)',
      ).toBeDefined()
    })
  })
}

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `balances agree with ${hledgerVersion ?? 'hledger (skipped: hledger is not installed; apt-get install hledger)'}`,
  () => {
    for (const file of journals) {
      it(file.slice(ROOT.length + 1), async () => {
        const hledger = spawnSync('hledger', ['-f', file, 'bal', '--flat', '-O', 'csv'], { encoding: 'utf8' })
        const ours = await runCli(['balance', file, '--output', 'csv'])
        if (hledger.status !== 0) {
          expect(ours.code, `hledger rejects ${file}: ${hledger.stderr.split('\n')[0]}; we must too`).toBe(1)
          return
        }
        expect(ours.code, ours.stderr).toBe(0)
        // How hledger prints the amounts: with a decimal comma when the file says `decimal-mark ,`, or when
        // it or a file it includes declares a commodity format with a decimal comma (commodity formats
        // cross includes both ways; a decimal-mark in an included file does not reach the includer).
        const text = readFileSync(file, 'utf8')
        const included = [...text.matchAll(/^include (.+)$/gmu)]
          .filter((match) => !/[*?[]/u.test(match[1] as string))
          .map((match) => readFileSync(join(dirname(file), (match[1] as string).trim()), 'utf8'))
        const decimalComma =
          /^decimal-mark ,/mu.test(text) ||
          [text, ...included].some((source) => /^(?:commodity|D) [^;\n]*\d,\d+(?![\d.,])/mu.test(source))
        expect(fromOurs(ours.stdout)).toEqual(balanceFromHledger(hledger.stdout, decimalComma))
        // `--real` (hledger's -R) leaves virtual postings out.
        const real = spawnSync('hledger', ['-f', file, 'bal', '--flat', '-R', '-O', 'csv'], { encoding: 'utf8' })
        const oursReal = await runCli(['balance', file, '--real', '--output', 'csv'])
        expect(fromOurs(oursReal.stdout)).toEqual(balanceFromHledger(real.stdout, decimalComma))
      })
    }
  },
)
