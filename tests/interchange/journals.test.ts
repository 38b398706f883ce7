/**
 * The hledger, ledger and beancount exports load unchanged in those tools, with the same
 * balances: per account and commodity, money and goods (hledger, beancount), and without error
 * (ledger). `.ci/run` installs hledger, ledger and beancount.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Amount from '../../src/core/Amount.js'
import * as Ledger from '../../src/core/Ledger.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as Journals from '../../src/interchange/Journals.js'
import { loadFile } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'

const ROOT = resolve(import.meta.dirname, '../..')
const journals = [
  'ledgers/kirov/kirov.journal',
  'ledgers/examples/plant.journal',
  'ledgers/examples/m4-provisional-acceptance-refinancing.journal',
  'ledgers/examples/m5-partial-acceptance-diverted-bill.journal',
  'ledgers/examples/m7-frozen-account.journal',
  'ledgers/simulated/region.journal',
]
const directory = mkdtempSync(join(tmpdir(), 'interchange-journals-'))

const load = (path: string) => {
  const loaded = loadFile(join(ROOT, path), { fileSystem: nodeFileSystem })
  if (E.isLeft(loaded)) throw new Error(`${path} does not load`)
  return loaded.right
}

/** Our balances: account → commodity → exact decimal, both books, zero balances left out. */
const ours = (
  ledger: Ledger.Ledger,
  rename: (account: string) => string = (a) => a,
  currency: (symbol: string) => string = (c) => c,
): Map<string, string> => {
  const result = new Map<string, string>()
  for (const book of ['money', 'goods'] as const) {
    for (const [account, mixed] of Ledger.ownRunningBalances(ledger, book)) {
      for (const amount of Amount.entries(mixed))
        if (!Quantity.isZero(amount.quantity))
          result.set(`${rename(account)} ${currency(amount.commodity)}`, Quantity.toString(amount.quantity))
    }
  }
  return result
}

const normalize = (text: string): string => Quantity.toString(Quantity.unsafeFromString(text.trim()))

describe('journal exports in the other tools', () => {
  for (const path of journals) {
    it(`hledger reads the export of ${path} with the same balances in both books`, () => {
      const loaded = load(path)
      const file = join(directory, `${path.replaceAll('/', '_')}.hledger`)
      writeFileSync(file, Journals.journalText(loaded.ledger, 'hledger', loaded.books.currency))
      const csv = execFileSync('hledger', ['-f', file, 'bal', '-N', '--flat', '-O', 'csv', '--layout=bare'], {
        encoding: 'utf8',
      })
      const theirs = new Map<string, string>()
      for (const line of csv.trim().split('\n').slice(1)) {
        const [account, commodity, balance] = line.split('","').map((cell) => cell.replaceAll('"', '')) as [
          string,
          string,
          string,
        ]
        if (!Quantity.isZero(Quantity.unsafeFromString(balance)))
          theirs.set(`${account} ${commodity}`, normalize(balance))
      }
      expect(theirs).toEqual(ours(loaded.ledger))
      expect(theirs.size).toBeGreaterThan(0)
    })

    it(`bean-check accepts the beancount export of ${path}, and bean-query gives the same balances`, () => {
      const loaded = load(path)
      const file = join(directory, `${path.replaceAll('/', '_')}.beancount`)
      writeFileSync(file, Journals.journalText(loaded.ledger, 'beancount', loaded.books.currency))
      const check = spawnSync('bean-check', [file], { encoding: 'utf8' })
      expect(check.stderr + check.stdout).toBe('')
      expect(check.status).toBe(0)
      const csv = execFileSync(
        'bean-query',
        ['-f', 'csv', file, 'SELECT account, currency, sum(number) AS n GROUP BY account, currency'],
        { encoding: 'utf8' },
      )
      const theirs = new Map<string, string>()
      for (const line of csv.trim().split('\n').slice(1)) {
        const [account, currency, number] = line.split(',').map((cell) => cell.trim()) as [string, string, string]
        if (account === Journals.physicalBookAccount || Quantity.isZero(Quantity.unsafeFromString(number))) continue
        theirs.set(`${account} ${currency}`, normalize(number))
      }
      const names = Journals.beancountAccounts(loaded.ledger)
      expect(theirs).toEqual(
        ours(loaded.ledger, (account) => names.get(account as never) as string, Journals.beancountCurrency),
      )
    })

    it(`ledger reads the export of ${path} without error and balances to zero`, () => {
      const loaded = load(path)
      const file = join(directory, `${path.replaceAll('/', '_')}.ledger`)
      writeFileSync(file, Journals.journalText(loaded.ledger, 'ledger', loaded.books.currency))
      const result = spawnSync('ledger', ['-f', file, 'bal', '-R', '--flat'], { encoding: 'utf8' })
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      expect(result.stdout.trim().split('\n').at(-1)?.trim()).toBe('0')
    })
  }

  it('account names map into beancount injectively, under the five roots', () => {
    const loaded = load('ledgers/kirov/kirov.journal')
    const names = [...Journals.beancountAccounts(loaded.ledger).values()]
    expect(new Set(names).size).toBe(names.length)
    for (const name of names)
      expect(name).toMatch(/^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z0-9][\p{L}\p{Nd}-]*)+$/u)
    expect(Journals.beancountCurrency('t-28')).toBe('T-28')
    expect(Journals.beancountCurrency('1')).toBe('C1')
  })
})
