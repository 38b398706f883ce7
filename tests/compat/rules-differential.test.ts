/**
 * Differential conformance of `--forecast` and `--auto` with hledger: random journals of a few
 * transactions, periodic rules (every interval kind, every N, with and without bounds, single
 * dates) and auto posting rules (multipliers, fixed amounts) are run by both tools under a random
 * forecast window (`--forecast=PERIOD`, or after the last transaction to `-e`, with or without
 * `-b`), with and without `--auto`; balances and registers must agree exactly. The
 * first disagreement is printed as the journal and flags, to keep in ledgers/compat/. Runs
 * `RULES_DIFFERENTIAL_RUNS` journals (default 150). Skipped without hledger (hledger.test.ts fails
 * in CI then). Our today is injected; the windows are explicit, so hledger's clock plays no part.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { balanceFromHledger, cells, multiFromHledger, multiFromOurs, registerFromHledger } from './hledgerCsv.js'

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()
const runs = Number(process.env['RULES_DIFFERENTIAL_RUNS'] ?? 150)

const pad = (value: number): string => String(value).padStart(2, '0')
/** Day `n` of 2024 (0-based) as a date. */
const dayOf2024 = (n: number): string => {
  const date = new Date(Date.UTC(2024, 0, 1 + n))
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}
const money = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100)} USD`

const ACCOUNTS = ['expenses:rent', 'expenses:food', 'assets:bank', 'income:salary'] as const

/** A period expression whose start (if any) lies on its interval's boundary, as hledger requires. */
const periodArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      interval: fc.constantFrom(
        'daily',
        'weekly',
        'monthly',
        'quarterly',
        'yearly',
        'biweekly',
        'bimonthly',
        'every 3 days',
        'every 2 weeks',
        'every 2 months',
        'every month',
        'every tue',
        'every 15th day of month',
        'every 31st day',
        'every 2nd friday',
        'every 4th monday of month',
        'every 03/15',
      ),
      from: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
      to: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
    })
    .map(({ interval, from, to }) => {
      let start: string | undefined
      if (from !== undefined) {
        if (interval === 'daily' || interval === 'every 3 days') start = dayOf2024(from * 3)
        else if (interval.includes('week'))
          start = dayOf2024(from * 7) // 2024-01-01 is a Monday
        else if (interval === 'quarterly') start = `2024-${pad((from % 4) * 3 + 1)}-01`
        else if (interval === 'yearly') start = '2024-01-01'
        else start = `2024-${pad((from % 12) + 1)}`
      }
      const end = to === undefined ? undefined : dayOf2024(to + 100)
      return `${interval}${start !== undefined ? ` from ${start}` : ''}${end !== undefined ? ` to ${end}` : ''}`
    }),
  fc.integer({ min: 0, max: 365 }).map(dayOf2024),
  fc.constantFrom('monthly in 2024', 'weekly 2024-03..2024-05', 'quarterly in 2024', '2024-06'),
)

const journalArb = fc
  .record({
    transactions: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 120 }), cents: fc.integer({ min: 1, max: 50000 }) }),
      { minLength: 0, maxLength: 3 },
    ),
    rules: fc.array(
      fc.record({
        period: periodArb,
        account: fc.constantFrom(...ACCOUNTS),
        cents: fc.integer({ min: -5000, max: 5000 }).filter((cents) => cents !== 0),
        virtual: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    autos: fc.array(
      fc.record({
        query: fc.constantFrom(...ACCOUNTS, 'expenses', 'desc:r'),
        // Whole multipliers only: rules see each other's postings, and a chain of fractions would
        // reach digits that hledger's output rounds to the commodity's display precision.
        amount: fc.constantFrom('*-1', '*2', '*3', '1.00 USD', '*1.00 EUR'),
      }),
      { minLength: 0, maxLength: 2 },
    ),
    window: fc.oneof(
      fc.constant('--forecast=2024-01..2024-12'),
      fc.constant('--forecast=2024-03..2024-05'),
      fc.constant('--forecast=2024'),
      fc.constant('--forecast -e 2024-10-01'),
      fc.constant('--forecast -b 2024-02-01 -e 2024-09-01'),
    ),
    auto: fc.boolean(),
  })
  .map(({ transactions, rules, autos, window, auto }) => {
    const lines: string[] = []
    for (const { day, cents } of transactions)
      lines.push(`${dayOf2024(day)} salary`, `    assets:bank  ${money(cents * 2)}`, '    income:salary', '')
    rules.forEach(({ period, account, cents, virtual }, index) => {
      lines.push(`~ ${period}  rule ${index}`)
      if (virtual) lines.push(`    (${account})  ${money(cents * 2)}`)
      else lines.push(`    ${account}  ${money(cents * 2)}`, '    equity')
      lines.push('')
    })
    for (const { query, amount } of autos)
      lines.push(`= ${query}`, `    (budget:${query.replace(/\W/gu, '')})  ${amount}`, '')
    return { text: lines.join('\n'), flags: [...window.split(' '), ...(auto ? ['--auto'] : [])] }
  })

const rows = (csv: string, width: number): string[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) =>
      cells(line)
        .slice(0, width)
        .join(width === 3 ? ',' : '|'),
    )
    .sort()

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `random periodic and auto posting rules agree with ${hledgerVersion ?? 'hledger (skipped: not installed)'}`,
  () => {
    it(`${runs} random journals under --forecast[=PERIOD] and -b/-e, with and without --auto`, {
      timeout: 600_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(journalArb, async ({ text, flags }) => {
          const theirs = spawnSync('hledger', ['-f', '-', 'bal', '--flat', ...flags, '-O', 'csv'], {
            input: text,
            encoding: 'utf8',
          })
          const ours = await runCli(['-f', '-', 'balance', ...flags, '-O', 'csv'], {
            readStdin: () => text,
            today: () => '2030-01-01',
          })
          const context = `flags ${flags.join(' ')}, journal:\n${text}`
          if (theirs.status !== 0) {
            expect(ours.code, `hledger refused (${theirs.stderr.trim()}); ${context}`).not.toBe(0)
            return
          }
          expect(ours.code, `${ours.stderr}\n${context}`).toBe(0)
          expect(rows(ours.stdout, 3), context).toEqual(balanceFromHledger(theirs.stdout, false))
          const theirRegister = spawnSync('hledger', ['-f', '-', 'register', ...flags, '-O', 'csv'], {
            input: text,
            encoding: 'utf8',
          })
          const ourRegister = await runCli(['-f', '-', 'register', ...flags, '-O', 'csv'], {
            readStdin: () => text,
            today: () => '2030-01-01',
          })
          expect(rows(ourRegister.stdout, 5), context).toEqual(registerFromHledger(theirRegister.stdout, false))
          // The multi-period balance reads the generated transactions too.
          const interval = flags.length % 2 === 0 ? '-M' : '-Q'
          const theirMulti = spawnSync('hledger', ['-f', '-', 'bal', '--flat', interval, ...flags, '-O', 'csv'], {
            input: text,
            encoding: 'utf8',
          })
          const ourMulti = await runCli(['-f', '-', 'balance', interval, ...flags, '-O', 'csv'], {
            readStdin: () => text,
            today: () => '2030-01-01',
          })
          expect(ourMulti.code, `${ourMulti.stderr}\n${context}`).toBe(0)
          const left = multiFromHledger(theirMulti.stdout, false)
          const right = multiFromOurs(ourMulti.stdout)
          // Without any posting in the report (no transaction and nothing generated) hledger 1.25 still
          // names a column after -e (`2024Q4` for `-e 2024-10-01`); we print none. Only then are headers not compared.
          if (left.cells.length > 0) expect(right.header, `${interval} ${context}`).toEqual(left.header)
          expect(right.cells, `${interval} ${context}`).toEqual(left.cells)
        }),
        { numRuns: runs, endOnFailure: true },
      )
    })
  },
)
