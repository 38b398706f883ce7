/**
 * Differential conformance with hledger: random journals within the syntax both read (fast-check
 * arbitraries below: real, virtual and balanced-virtual postings, elided amounts, costs `@`/`@@`,
 * implicit two-commodity conversions, status marks, tags, dates out of order) are given to
 * `hledger bal --flat -O csv` and `hledger register -O csv`; our balances and
 * registers must agree exactly. A disagreement is shrunk (transactions, then postings, dropped while
 * it persists) and printed as a journal to keep in ledgers/compat/. The count defaults to 2,000
 * journals (`DIFFERENTIAL_RUNS` overrides it; `DIFFERENTIAL_SEED` fixes the seed). Without hledger
 * the test is skipped, except under CI=true, where it fails: `.ci/run` installs hledger.
 */
import { execFile, execFileSync } from 'node:child_process'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type * as Amount from '../../src/core/Amount.js'
import type { Posting } from '../../src/core/Posting.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as Query from '../../src/core/Query.js'
import type { Transaction } from '../../src/core/Transaction.js'
import * as Search from '../../src/journal/Search.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { journalArb, journalText, queryArb, type TransactionSpec } from './generator.js'
import { balanceFromHledger, registerFromHledger } from './hledgerCsv.js'

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()
const inCi = process.env['CI'] === 'true'
const runs = Number(process.env['DIFFERENTIAL_RUNS'] ?? 2000)
const seed = Number(process.env['DIFFERENTIAL_SEED'] ?? Date.now() % 2147483647)
const concurrency = 2
const batchSize = 10
const queryRuns = Number(process.env['DIFFERENTIAL_QUERY_RUNS'] ?? 1000)

// -------------------------------------------------------------------------------------
// both sides
// -------------------------------------------------------------------------------------

const hledger = (
  args: ReadonlyArray<string>,
  input: string,
): Promise<{ readonly ok: boolean; readonly stdout: string; readonly stderr: string }> =>
  new Promise((resolve) => {
    const child = execFile(
      'hledger',
      ['-f', '-', ...args],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
      (error, stdout, stderr) => resolve({ ok: error === null, stdout, stderr }),
    )
    child.stdin?.end(input)
  })

const ours = (
  text: string,
  query: ReadonlyArray<string> = [],
): { readonly balance: string[]; readonly register: string[] } | string => {
  const loaded = loadText('generated.journal', text, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) return loaded.left.diagnostics.map((diagnostic) => diagnostic.message).join('; ')
  const quantity = (amount: Amount.Amount): string => Quantity.toString(amount.quantity)
  const search = Search.parseSearch(query)
  if (E.isLeft(search)) return Search.renderSearchError(search.left)
  const where =
    query.length === 0
      ? {}
      : { where: (transaction: Transaction, posting: Posting) => Search.matches(search.right, transaction, posting) }
  const balance = Query.trialBalance(loaded.right.ledger, { book: 'money', ...where })
    .rows.map((row) => `${row.account},${row.amount.commodity},${quantity(row.amount)}`)
    .sort()
  const register = Query.register(loaded.right.ledger, { book: 'money', ...where })
    .filter((row) => !Quantity.isZero(row.amount.quantity))
    .map(
      (row) =>
        `${row.transaction.date}|${row.transaction.description}|${row.posting.virtual === 'unbalanced' ? `(${row.posting.account})` : row.posting.virtual === 'balanced' ? `[${row.posting.account}]` : row.posting.account}|${row.amount.commodity}|${quantity(row.amount)}`,
    )
    .sort()
  return { balance, register }
}

/** Undefined when both agree, else what differs. */
const compare = async (
  text: string,
  withRegister: boolean,
  query: ReadonlyArray<string> = [],
): Promise<string | undefined> => {
  const mine = ours(text, query)
  const balance = await hledger(['bal', '--flat', '-O', 'csv', ...query], text)
  if (!balance.ok)
    return typeof mine === 'string'
      ? undefined
      : `hledger rejects it (${balance.stderr.trim().split('\n').slice(0, 4).join(' ')}) but we load it`
  if (typeof mine === 'string') return `hledger loads it but we reject it: ${mine}`
  const theirs = balanceFromHledger(balance.stdout, false)
  if (JSON.stringify(theirs) !== JSON.stringify(mine.balance))
    return `balances differ:\n  hledger: ${theirs.join(' ')}\n  ours:    ${mine.balance.join(' ')}`
  if (!withRegister) return undefined
  const register = await hledger(['register', '-O', 'csv', ...query], text)
  const theirRows = registerFromHledger(register.stdout, false)
  if (JSON.stringify(theirRows) !== JSON.stringify(mine.register))
    return `registers differ:\n  hledger: ${theirRows.join(' ')}\n  ours:    ${mine.register.join(' ')}`
  return undefined
}

/** The journal with every account under `prefix:`. */
const namespaced = (journal: ReadonlyArray<TransactionSpec>, prefix: string): ReadonlyArray<TransactionSpec> =>
  journal.map((spec) => ({
    ...spec,
    postings: spec.postings.map((posting) => ({ ...posting, account: `${prefix}:${posting.account}` })),
  }))

/** Drops transactions, then postings, while the disagreement persists. */
const shrink = async (journal: ReadonlyArray<TransactionSpec>): Promise<ReadonlyArray<TransactionSpec>> => {
  let current = journal
  for (let index = current.length - 1; index >= 0 && current.length > 1; index--) {
    const candidate = current.filter((_, position) => position !== index)
    if ((await compare(journalText(candidate), true)) !== undefined) current = candidate
  }
  for (let t = 0; t < current.length; t++) {
    for (let p = (current[t] as TransactionSpec).postings.length - 1; p >= 0; p--) {
      const spec = current[t] as TransactionSpec
      if (spec.postings.length <= 1) break
      const candidate = current.map((other, position) =>
        position === t ? { ...other, postings: other.postings.filter((_, q) => q !== p) } : other,
      )
      if ((await compare(journalText(candidate), true)) !== undefined) current = candidate
    }
  }
  return current
}

const available = hledgerVersion !== undefined
describe.skipIf(!available && !inCi)(
  `differential conformance with ${hledgerVersion ?? 'hledger (skipped: not installed; apt-get install hledger)'}`,
  () => {
    it(`${queryRuns} random journals under random queries (acct:, desc:, payee:, note:, cur:, status:, real:, amt:, date:, tag:, not:): balances and registers agree`, {
      timeout: 600_000,
    }, async () => {
      expect(available, 'hledger must be installed under CI=true (.ci/run installs it)').toBe(true)
      const cases = fc.sample(
        fc.tuple(fc.array(journalArb, { minLength: batchSize, maxLength: batchSize }), queryArb),
        { numRuns: Math.ceil(queryRuns / batchSize), seed: seed + 1 },
      )
      let next = 0
      let failure: string | undefined
      const worker = async (): Promise<void> => {
        while (next < cases.length && failure === undefined) {
          const [batch, query] = cases[next++] as [ReadonlyArray<ReadonlyArray<TransactionSpec>>, string[]]
          const combined = batch.flatMap((journal, position) => namespaced(journal, `j${position}`))
          if ((await compare(journalText(combined), true, query)) === undefined) continue
          for (const journal of batch) {
            const reason = await compare(journalText(journal), true, query)
            if (reason !== undefined) {
              failure = `query ${query.join(' ')} (seed ${seed + 1}); keep it in ledgers/compat/:\n${journalText(journal)}\n${reason}`
              break
            }
          }
          failure ??= `query ${query.join(' ')}: the batch disagrees, no journal alone does:\n${journalText(combined)}`
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      if (failure !== undefined) expect.fail(failure)
    })

    it(`${runs} random journals: balances and registers agree exactly`, { timeout: 600_000 }, async () => {
      expect(available, 'hledger must be installed under CI=true (.ci/run installs it)').toBe(true)
      const journals = fc.sample(journalArb, { numRuns: runs, seed })
      // Journals are independent (no directives, no assertions), so a batch of them, each under its
      // own top account `jN:`, is checked by one hledger process; a batch that disagrees is checked
      // again journal by journal to find the one at fault.
      const batches: Array<ReadonlyArray<ReadonlyArray<TransactionSpec>>> = []
      for (let index = 0; index < journals.length; index += batchSize)
        batches.push(journals.slice(index, index + batchSize))
      const failures: Array<{ readonly journal: ReadonlyArray<TransactionSpec>; readonly reason: string }> = []
      let next = 0
      let checked = 0
      const started = performance.now()
      const worker = async (): Promise<void> => {
        while (next < batches.length && failures.length === 0) {
          const batch = batches[next++] as ReadonlyArray<ReadonlyArray<TransactionSpec>>
          const combined = batch.flatMap((journal, position) => namespaced(journal, `j${position}`))
          if ((await compare(journalText(combined), true)) !== undefined) {
            for (const journal of batch) {
              const reason = await compare(journalText(journal), true)
              if (reason !== undefined) failures.push({ journal, reason })
            }
            if (failures.length === 0)
              failures.push({ journal: combined, reason: 'the batch disagrees, no journal alone does' })
          }
          checked += batch.length
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(`differential: ${checked} journals in ${seconds} s (seed ${seed}, ${failures.length} disagreements)`)
      if (failures.length > 0) {
        const first = failures[0] as (typeof failures)[number]
        const minimal = await shrink(first.journal)
        const reason = (await compare(journalText(minimal), true)) ?? first.reason
        expect.fail(
          `disagreement with hledger (seed ${seed}); keep it in ledgers/compat/:\n${journalText(minimal)}\n${reason}`,
        )
      }
    })
  },
)
