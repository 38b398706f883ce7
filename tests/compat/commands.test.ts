/**
 * The commands under hledger's names, side by side with the `hledger` binary (1.25): for every
 * journal of ledgers/compat/ that hledger accepts, and for random journals from the differential
 * generator (with random `account … ; type:` declarations and random queries):
 *
 * - `balancesheet`, `incomestatement`, `cashflow` (flat, `--tree`, `--depth`, `-b/-e`, queries),
 *   `-O csv`: the same rows in the same order, labels exactly, every amount exactly (amounts are
 *   compared as numbers: the display precision of an undeclared commodity is the loader's);
 * - `accounts` (flat, `--tree`, `--declared`, `--used`, `--depth`), `payees` (`--declared`,
 *   `--used`), `commodities`: the same lines;
 * - `prices`: the same prices in the same order; `stats`: the same figures (not the run time,
 *   not "days ago").
 *
 * Random journals default to 150 (`COMMANDS_RUNS`), drawn from the commit's seed (`COMMANDS_SEED` replays one). Skipped
 * without hledger, failed under CI=true.
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { loadFile } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import * as Compound from '../../src/reports/CompoundBalance.js'
import { runCli } from '../helpers/cli.js'
import { seedFrom } from '../helpers/seed.js'
import { journalText, queryArb, transactionsArb } from './generator.js'
import { cells, decimalCommaOf, hledgerAmounts, registerFromHledger } from './hledgerCsv.js'

const ROOT = resolve(import.meta.dirname, '../..')
const COMPAT = join(ROOT, 'ledgers/compat')
const runs = Number(process.env['COMMANDS_RUNS'] ?? 150)
const seed = seedFrom('COMMANDS_SEED').seed

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()
const inCi = process.env['CI'] === 'true'

const hledger = (args: ReadonlyArray<string>): Promise<{ readonly ok: boolean; readonly stdout: string }> =>
  new Promise((done) => {
    execFile('hledger', args, { encoding: 'utf8', maxBuffer: 1 << 24 }, (error, stdout) =>
      done({ ok: error === null, stdout }),
    )
  })

/** A compound report's CSV as comparable lines: the label, then each cell's amounts as exact numbers. */
const compoundLines = (csv: string, decimalComma: boolean): string[] =>
  csv
    .trim()
    .split('\n')
    .map((line, index) => {
      const [label, ...rest] = cells(line)
      // The title and header rows are text; the others hold amounts.
      if (index < 2) return [label, ...rest].join('|')
      const amounts = rest.map((cell) =>
        cell === ''
          ? ''
          : hledgerAmounts(cell, decimalComma)
              .map(([commodity, quantity]) => `${quantity} ${commodity}`)
              .join(' + '),
      )
      return [label, ...amounts].join('|')
    })

interface AmountJson {
  readonly commodity: string
  readonly quantity: string
}
interface CompoundJson {
  readonly title: string
  readonly labels: ReadonlyArray<string>
  readonly sections: ReadonlyArray<{
    readonly title: string
    readonly rows: ReadonlyArray<{
      readonly account: string
      readonly values: ReadonlyArray<ReadonlyArray<AmountJson>>
    }>
    readonly totals: ReadonlyArray<ReadonlyArray<AmountJson>> | null
  }>
  readonly net?: ReadonlyArray<ReadonlyArray<AmountJson>> | null
}

/** Our `-O json` as the lines `compoundLines` makes of hledger's CSV (exact amounts whatever the display style). */
const compoundLinesFromJson = (text: string): string[] => {
  const report = JSON.parse(text) as CompoundJson
  const shown = (amounts: ReadonlyArray<AmountJson>) =>
    [...amounts]
      .sort((a, b) => (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0))
      .map((amount) => `${amount.quantity} ${amount.commodity}`)
      .join(' + ')
  const line = (label: string, values: ReadonlyArray<ReadonlyArray<AmountJson>> | null) =>
    values === null ? label : [label, ...values.map(shown)].join('|')
  return [
    [report.title, ...report.labels.map(() => '')].join('|'),
    ['Account', ...report.labels].join('|'),
    ...report.sections.flatMap((section) => [
      [section.title, ...report.labels.map(() => '')].join('|'),
      ...section.rows.map((row) => line(row.account, row.values)),
      line('total', section.totals),
    ]),
    ...(report.net !== undefined ? [line('Net:', report.net)] : []),
  ]
}

/** `P DATE COMMODITY AMOUNT` lines as exact tuples. */
const priceLines = (text: string, decimalComma: boolean): string[] =>
  text
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('P '))
    .map((line) => {
      const [, date, commodity, ...amount] = line.split(' ')
      return `${date} ${commodity} ${hledgerAmounts(amount.join(' '), decimalComma).join(' ')}`
    })

const statsLabels = [
  'Transactions span',
  'Transactions',
  'Payees/descriptions',
  'Accounts',
  'Commodities',
  'Market prices',
]
const statsLines = (text: string): string[] =>
  text.split('\n').filter((line) => statsLabels.some((label) => line.startsWith(label.trimEnd().padEnd(25))))

const compoundCommands: ReadonlyArray<ReadonlyArray<string>> = [
  ['balancesheet'],
  ['incomestatement'],
  ['cashflow'],
  ['balancesheetequity'],
  ['bs', '--tree'],
  ['bse', '--tree', '--depth', '2'],
  ['is', '--tree'],
  ['cf', '--tree'],
  ['bs', '--depth', '1'],
  ['cf', '--depth', '2', '-R'],
  ['is', '--tree', '--depth', '2'],
  ['bs', '-b', '2024-01-15', '-e', '2024-02-03'],
  ['is', '-b', '2024-01-01', '-e', '2024-02-01'],
]
const listCommands: ReadonlyArray<ReadonlyArray<string>> = [
  ['accounts'],
  ['accounts', '--tree'],
  ['accounts', '--declared'],
  ['accounts', '--used'],
  ['accounts', '--depth', '1'],
  ['accounts', '--tree', '--depth', '2'],
  ['payees'],
  ['payees', '--declared'],
  ['payees', '--used'],
  ['commodities'],
  ['stats'],
]

/** Compares one command on one journal file; undefined when both agree (or both refuse the journal). */
const compare = async (
  file: string,
  command: ReadonlyArray<string>,
  query: ReadonlyArray<string> = [],
): Promise<string | undefined> => {
  const [name] = command
  const compound = !['accounts', 'payees', 'commodities', 'prices', 'stats'].includes(name ?? '')
  const theirs = await hledger(['-f', file, ...command, ...query, ...(compound ? ['-O', 'csv'] : [])])
  const ours = await runCli([...command, file, ...query, ...(compound ? ['-O', 'json'] : [])])
  if (!theirs.ok) return ours.code === 0 ? `hledger refuses ${file}, we accept it` : undefined
  if (ours.code !== 0) return `we refuse what hledger accepts: ${ours.stderr}`
  const decimalComma = decimalCommaOf(file)
  if (compound && !decimalComma) {
    // Our CSV itself, where both print amounts with a decimal point: the same cells.
    const csv = await runCli([...command, file, ...query, '-O', 'csv'])
    const left = compoundLines(theirs.stdout, false)
    const right = compoundLines(csv.stdout, false)
    if (JSON.stringify(left) !== JSON.stringify(right))
      return `${[...command, ...query].join(' ')} -O csv differs:\n  hledger: ${left.join('\n           ')}\n  ours:    ${right.join('\n           ')}`
  }
  const [left, right] = compound
    ? [compoundLines(theirs.stdout, decimalComma), compoundLinesFromJson(ours.stdout)]
    : name === 'prices'
      ? [priceLines(theirs.stdout, decimalComma), priceLines(ours.stdout, decimalComma)]
      : name === 'stats'
        ? [statsLines(theirs.stdout), statsLines(ours.stdout)]
        : [theirs.stdout.split('\n'), ours.stdout.split('\n')]
  if (JSON.stringify(left) === JSON.stringify(right)) return undefined
  return `${[...command, ...query].join(' ')} differs:\n  hledger: ${left.join('\n           ')}\n  ours:    ${right.join('\n           ')}`
}

const fixtures = readdirSync(COMPAT)
  .filter((name) => name.endsWith('.journal'))
  .map((name) => join(COMPAT, name))

if (inCi && hledgerVersion === undefined) {
  describe('hledger is installed in CI', () => {
    it('hledger --version runs (.ci/run installs it)', () => {
      expect(hledgerVersion, 'hledger is not installed; .ci/run must install it').toBeDefined()
    })
  })
}

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `commands under hledger's names agree with ${hledgerVersion ?? 'hledger (skipped: not installed)'}`,
  () => {
    for (const file of fixtures) {
      it(`${file.slice(ROOT.length + 1)}: bs, is, cf, accounts, payees, commodities, prices, stats`, {
        timeout: 120_000,
      }, async () => {
        for (const command of [...compoundCommands, ...listCommands, ['prices']]) {
          const reason = await compare(file, command)
          expect(reason, reason).toBeUndefined()
        }
      })
    }

    it('ledgers/compat/payees-repeated-terms.journal: a query term written twice is that term once, as hledger simplifies', async () => {
      const file = join(COMPAT, 'payees-repeated-terms.journal')
      const queries = [
        ['date:2024Q1', 'desc:salary', 'desc:salary'],
        ['not:desc:Land', 'not:desc:Land'],
        ['acct:expenses', 'expenses', 'desc:salary'],
        ['date:2024Q1', 'desc:salary', 'desc:rent'],
        ['desc:Land', 'desc:Land', 'date:2024'],
      ]
      for (const query of queries) {
        const reason = await compare(file, ['payees'], query)
        expect(reason, reason).toBeUndefined()
      }
    })

    it('register with a report interval: the summary rows of hledger’s register -M/-Q/-Y/-W/-p on every compat journal', async () => {
      const intervals = [['-M'], ['-Q'], ['-Y'], ['-W'], ['-D'], ['-p', 'monthly in 2024'], ['-M', '-b', '2024-01-15']]
      let compared = 0
      for (const file of fixtures)
        for (const interval of intervals) {
          const theirs = await hledger(['-f', file, 'register', ...interval, '-O', 'csv'])
          if (!theirs.ok) continue
          const ours = await runCli(['register', file, ...interval, '-O', 'csv'])
          const label = `${file.slice(ROOT.length + 1)} register ${interval.join(' ')}`
          expect(ours.code, `${label}: ${ours.stderr}`).toBe(0)
          const left = registerFromHledger(theirs.stdout, decimalCommaOf(file)).sort()
          const right = ours.stdout
            .trim()
            .split('\n')
            .slice(1)
            .map((line) => {
              const [, start, , account, commodity, amount] = cells(line)
              return `${start}||${account}|${commodity}|${amount}`
            })
            .sort()
          expect(right, label).toEqual(left)
          compared++
        }
      expect(compared).toBeGreaterThan(fixtures.length * 4)
    })

    it('ledgers/compat/account-types.journal: -O html of bs, is, cf is hledger’s, without its style sheet link', async () => {
      const file = join(COMPAT, 'account-types.journal')
      for (const command of [['bs'], ['bse'], ['is'], ['cf', '--tree']]) {
        const theirs = await hledger(['-f', file, ...command, '-O', 'html'])
        const ours = await runCli([...command, file, '-O', 'html'])
        expect(ours.stdout, command.join(' ')).toBe(
          `${theirs.stdout.replace('<link rel="stylesheet" href="hledger.css">', '')}\n`,
        )
      }
    })

    it('ledgers/compat/account-types.journal: bs, bse, is, cf with -p, -M/-Q/-Y and smart -b/-e print as hledger’s', async () => {
      const file = join(COMPAT, 'account-types.journal')
      const optionSets = [
        ['-M'],
        ['-Q', '--tree'],
        ['-Y'],
        ['-p', '2024-02'],
        ['-p', 'monthly'],
        ['-p', 'quarterly in 2024'],
        ['-p', 'from 2024-01-10 to 2024-02-04', '-M'],
        ['-M', '-b', '2024-01-15'],
        ['-M', '-b', '2024-02'],
        ['-e', '2024-02'],
        ['-p', '2024', '-M'],
        ['-Y', '-p', '2024Q1'],
        ['-p', '2024Q1', '-Y'],
        ['-b', '2024-02-01', '-e', '2024-02-01'],
        ['-M', '--depth', '1', '--tree'],
        ['-M', 'date:2024-02'],
      ]
      for (const kind of ['bs', 'bse', 'is', 'cf'])
        for (const options of optionSets)
          for (const output of ['csv', 'txt']) {
            const theirs = await hledger(['-f', file, kind, ...options, '-O', output])
            const ours = await runCli([kind, file, ...options, '-O', output])
            expect(ours.stdout, [kind, ...options, '-O', output].join(' ')).toBe(theirs.stdout)
          }
    })

    // The library's multi-period option: one column per month.
    it('ledgers/compat/account-types.journal: monthly columns (CompoundOptions.period) print as hledger’s bs -M, is -M, cf -M', async () => {
      const file = join(COMPAT, 'account-types.journal')
      const loaded = loadFile(file, { fileSystem: nodeFileSystem })
      if (E.isLeft(loaded)) throw new Error('account-types.journal does not load')
      for (const kind of ['balancesheet', 'incomestatement', 'cashflow'] as const) {
        const report = Compound.build(loaded.right, kind, { period: 'month' })
        const theirs = await hledger(['-f', file, kind, '-M', '-O', 'csv'])
        expect(Compound.renderCsv(loaded.right.ledger, report), kind).toBe(theirs.stdout)
        const text = await hledger(['-f', file, kind, '-M'])
        expect(Compound.renderText(loaded.right.ledger, report), kind).toBe(text.stdout)
      }
    })

    // Where both print every amount alike (all written with two decimals), the text layout is hledger's to the character.
    it('ledgers/compat/account-types.journal: the text layout of bs, is, cf (flat and --tree) is hledger’s', async () => {
      const file = join(COMPAT, 'account-types.journal')
      for (const command of [['bs'], ['is'], ['cf'], ['bs', '--tree'], ['is', '--tree', '-b', '2024-02-01']]) {
        const theirs = await hledger(['-f', file, ...command])
        const ours = await runCli([...command, file])
        expect(ours.stdout, command.join(' ')).toBe(theirs.stdout)
      }
    })

    const directory = mkdtempSync(join(tmpdir(), 'hledger-commands-'))
    afterAll(() => rmSync(directory, { recursive: true, force: true }))

    /** Account declarations with types, drawn at random: each is in or out, in a random order. */
    const declarationsArb = fc.shuffledSubarray(
      [
        'account assets:bank  ; type: C',
        'account assets:cash  ; type: A',
        'account assets:bank:savings  ; type: A',
        'account liabilities  ; type: L',
        'account expenses:food  ; type: X',
        'account income  ; type: R',
        'account equity  ; type: E',
        'account budget  ; type: A',
        'account assets',
        'account expenses',
        'payee groceries',
        'payee Landlord',
      ],
      { minLength: 0, maxLength: 4 },
    )

    it(`${runs} random journals (with random type declarations and queries): bs, is, cf, accounts, payees agree`, {
      timeout: 600_000,
    }, async () => {
      expect(hledgerVersion, 'hledger must be installed under CI=true').toBeDefined()
      const cases = fc.sample(
        fc.tuple(
          transactionsArb,
          declarationsArb,
          fc.option(queryArb, { freq: 3 }),
          fc.constantFrom(...compoundCommands),
          fc.constantFrom(...listCommands),
        ),
        { numRuns: runs, seed },
      )
      let next = 0
      let failure: string | undefined
      const worker = async (slot: number): Promise<void> => {
        while (next < cases.length && failure === undefined) {
          const index = next++
          const [journal, declarations, query, compound, list] = cases[index] as (typeof cases)[number]
          const text = `${declarations.join('\n')}\n\n${journalText(journal)}`
          const file = join(directory, `random-${slot}.journal`)
          writeFileSync(file, text)
          for (const command of [['bs'], ['is'], ['cf'], compound, list, ['payees']]) {
            const reason = await compare(file, command, query ?? [])
            if (reason !== undefined) {
              failure = `seed ${seed}, case ${index}; keep it in ledgers/compat/:\n${text}\n${reason}`
              break
            }
          }
        }
      }
      await Promise.all([worker(0), worker(1)])
      if (failure !== undefined) expect.fail(failure)
    })
  },
)
