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
import * as Quantity from '../../src/core/Quantity.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const COMPAT = join(ROOT, 'ledgers/compat')

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

/** Splits one CSV line into cells (RFC 4180 quoting). */
const cells = (line: string): string[] => {
  const result: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const character = line[index] as string
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"'
        index++
      } else if (character === '"') quoted = false
      else current += character
    } else if (character === '"') quoted = true
    else if (character === ',') {
      result.push(current)
      current = ''
    } else current += character
  }
  result.push(current)
  return result
}

/** One hledger amount (`$-12.50`, `999987.50 RUB`, `"T 28" -3`) → [commodity, exact quantity]. */
const hledgerAmount = (text: string, decimalComma: boolean): readonly [string, string] => {
  const quoted = /"([^"]*)"/u.exec(text)
  const commodity = quoted !== null ? (quoted[1] as string) : text.replace(/[-\d.,\s]/gu, '')
  const number = (quoted !== null ? text.replace(quoted[0], '') : text.replace(commodity, '')).replace(/\s/gu, '')
  const negative = number.includes('-')
  const digits = number.replace('-', '').replace(decimalComma ? /\./gu : /,/gu, '').replace(',', '.')
  return [commodity, Quantity.toString(Quantity.unsafeFromString(`${negative ? '-' : ''}${digits}`))]
}

/** hledger's CSV → sorted `account,commodity,amount` lines, zero amounts dropped. */
const fromHledger = (csv: string, decimalComma: boolean): string[] => {
  const rows: string[] = []
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, balance] = cells(line) as [string, string]
    if (account === 'total' || balance === '0') continue
    for (const part of balance.split(/, (?=["$\-\d\p{L}])/u)) {
      const [commodity, quantity] = hledgerAmount(part, decimalComma)
      if (quantity !== '0') rows.push(`${account},${commodity},${quantity}`)
    }
  }
  return rows.sort()
}

const fromOurs = (csv: string): string[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => cells(line).join(','))
    .sort()

const journals = [
  ...readdirSync(COMPAT).filter((name) => name.endsWith('.journal')).map((name) => join(COMPAT, name)),
]

// In CI a missing hledger is a failure, not a skip: a broken install must not hide the comparison.
if (process.env['CI'] === 'true' && hledgerVersion === undefined) {
  describe('hledger is installed in CI', () => {
    it('hledger --version runs (.ci/run installs it)', () => {
      expect(hledgerVersion, 'hledger is not installed; .ci/run must install it (apt-get install hledger)').toBeDefined()
    })
  })
}

describe.skipIf(hledgerVersion === undefined)(`balances agree with ${hledgerVersion ?? 'hledger (skipped: hledger is not installed; apt-get install hledger)'}`, () => {
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
      const included = [...text.matchAll(/^include (.+)$/gmu)].map((match) => readFileSync(join(dirname(file), (match[1] as string).trim()), 'utf8'))
      const decimalComma = /^decimal-mark ,/mu.test(text) || [text, ...included].some((source) => /^commodity [^;\n]*\d,\d+(?![\d.,])/mu.test(source))
      expect(fromOurs(ours.stdout)).toEqual(fromHledger(hledger.stdout, decimalComma))
    })
  }
})
