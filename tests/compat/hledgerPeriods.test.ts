/**
 * The multi-period balance and valuation side by side with hledger on our own fixtures (written
 * from hledger's manual): for each journal and option set, `shadow-ledger balance … -O csv` must
 * agree cell by cell and row by row with `hledger bal --flat … -O csv` (`--tree` with hledger's
 * `--tree --no-elide`). Skipped
 * without hledger, except under CI=true (tests/compat/hledger.test.ts fails there).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { multiFromHledger, multiFromOurs } from './hledgerCsv.js'

const ROOT = resolve(import.meta.dirname, '../..')
const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

const today = ['--today', '2024-05-15']
const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['periods.journal', ['-M']],
  ['periods.journal', ['-W', '-p', '2024-01']],
  ['periods.journal', ['-D', '-b', '2023-12-30', '-e', '2024-01-09']],
  ['periods.journal', ['-Q', '-T', '-A']],
  ['periods.journal', ['-Y', '--depth', '1']],
  ['periods.journal', ['-p', 'monthly from 2024-02 to 2024-07', '-H']],
  ['periods.journal', ['-p', 'quarterly in 2024', '--cumulative', '-A']],
  ['periods.journal', ['-p', 'every 2 months from 2024-01-15', '-E']],
  ['periods.journal', ['-M', '-b', '2024-02-10', '-e', '2024-05-20', '-H', '-S']],
  ['periods.journal', ['-Q', '--invert', '-S', '-T', 'expenses']],
  ['periods.journal', ['-M', '-E', '-b', '2024-07', '-e', '2024-09']],
  ['periods.journal', ['-p', 'last month', ...today]],
  ['periods.journal', ['-p', 'this year', '-M', ...today]],
  ['periods.journal', ['-M', 'date:2024Q2']],
  ['periods.journal', ['-M', 'date:2024-02-15..']],
  ['periods.journal', ['-Q', '-H', 'date:2024-07..', 'not:date:2024-12']],
  ['periods.journal', ['-p', '2024', '-b', '2024-03']],
  ['periods.journal', ['-b', '2024-03', '-p', '2024']],
  ['periods.journal', ['-p', 'weekly from 2024-01-03 to 2024-01-20', '-H']],
  ['periods.journal', ['--tree', '-Q', '-S']],
  ['periods.journal', ['--tree', '-Y', '-H', '--depth', '2', '-T']],
  ['valuation.journal', ['-V']],
  ['valuation.journal', ['-X', '$']],
  ['valuation.journal', ['-X', 'EUR', '-H', '-M']],
  ['valuation.journal', ['-M', '-V', '--cumulative']],
  ['valuation.journal', ['-V', '-e', '2016/11/4']],
  ['valuation.journal', ['--value=then']],
  ['valuation.journal', ['--value=then,RUB']],
  ['valuation.journal', ['--value=now', '--today', '2017-06-01']],
  ['valuation.journal', ['--value=2016-12-25']],
  ['valuation.journal', ['--value=2016-12-25,$']],
  ['valuation.journal', ['--value=end']],
  ['valuation.journal', ['-M', '--value=then']],
  ['valuation.journal', ['-M', '--value=2017-01-20,RUB']],
  ['valuation.journal', ['-M', '--value=then', '--cumulative']],
  ['valuation.journal', ['-M', '--value=then', '-H']],
  ['valuation.journal', ['-M', '--value=now', '--today', '2016-12-01', '--cumulative']],
  ['valuation.journal', ['-Q', '--value=end,EUR', '-H']],
  ['valuation.journal', ['-M', '-T', '--value=then,EUR']],
  ['valuation.journal', ['-M', '-A', '--value=2016-12-02,$', '--tree']],
  ['valuation.journal', ['-Q', '-X', 'RUB', '-H', '-A']],
  // Intervals with a custom start day, hledger 1.25's calendar arithmetic included (a 31st is a
  // month's last day, 02/29 in 2023 is 03-01; a 5th weekday is refused).
  ['periods.journal', ['-p', 'every tue']],
  ['periods.journal', ['-p', 'every 15th day of month', '-H']],
  ['periods.journal', ['-p', 'every 2nd thursday of month', '-T']],
  ['periods.journal', ['-p', 'every 4th sunday of month']],
  ['periods.journal', ['-p', 'every 31st day']],
  ['periods.journal', ['-p', 'every 3rd day of week from 2024-01-20 to 2024-03']],
  ['periods.journal', ['-p', 'every nov 5th', '--cumulative']],
  ['periods.journal', ['-p', 'every 02/29']],
  ['periods.journal', ['-p', 'every 1st day of month in 2024']],
  // --today moves the forecast window too (one today for relative dates, --value=now and --forecast).
  ['periodic.journal', ['--forecast', '--today', '2024-09-01']],
  ['periodic.journal', ['-M', '--forecast', '--today', '2024-03-01']],
  ['periodic.journal', ['-Q', '-H', '--forecast=2024-01..2024-09']],
]

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `multi-period balances agree with ${hledgerVersion ?? 'hledger (skipped: not installed)'}`,
  () => {
    for (const [name, args] of cases) {
      it(`${name}: balance ${args.join(' ')}`, async () => {
        const file = join(ROOT, 'ledgers/compat', name)
        // Our tree lists every level, as hledger's does with --no-elide.
        const mode = args.includes('--tree') ? '--no-elide' : '--flat'
        const hledger = spawnSync('hledger', ['-f', file, 'bal', mode, ...args, '-O', 'csv'], { encoding: 'utf8' })
        expect(hledger.status, hledger.stderr).toBe(0)
        const ours = await runCli(['balance', file, ...args, '-O', 'csv'])
        expect(ours.code, ours.stderr).toBe(0)
        const theirs = multiFromHledger(hledger.stdout, args.includes('-H') || args.includes('--cumulative'))
        const mine = multiFromOurs(ours.stdout)
        const single = !args.some((arg) => /^-[DWMQY]$/u.test(arg) || /ly\b|every/u.test(arg))
        if (!single) expect(mine.header).toEqual(theirs.header)
        const strip = (list: ReadonlyArray<string>) =>
          single ? list.map((cell) => cell.replace(/\|[^|]*\|/u, '|·|')).sort() : list
        expect(strip(mine.cells)).toEqual(strip(theirs.cells))
        if (args.includes('-S')) expect(mine.order).toEqual(theirs.order)
        else expect(mine.order).toEqual(args.includes('--tree') ? theirs.order : [...theirs.order].sort())
      })
    }
  },
)
