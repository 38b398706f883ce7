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
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
import { runCli } from '../helpers/cli.js'
import { balanceFromHledger, multiFromHledger, multiFromOurs, registerFromHledger } from './hledgerCsv.js'

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
// the generator: journals as data, then as text
// -------------------------------------------------------------------------------------

const COMMODITIES = ['RUB', 'USD', 'EUR'] as const
const ACCOUNTS = [
  'assets:cash',
  'assets:bank',
  'assets:bank:savings',
  'expenses:food',
  'income:salary',
  'liabilities:card',
  'equity',
] as const

/** One posting: account, kind, optional amount (in cents) with an optional cost, status. */
interface PostingSpec {
  readonly account: string
  readonly virtual: '' | '(' | '['
  readonly cents: number | null
  readonly commodity: string
  readonly cost: null | { readonly operator: '@' | '@@'; readonly cents: number; readonly commodity: string }
  readonly status: '' | '*' | '!'
}
interface TransactionSpec {
  readonly date: string
  readonly status: '' | '*' | '!'
  readonly description: string
  readonly tag: string | null
  readonly postings: ReadonlyArray<PostingSpec>
}

const money = (cents: number): string => {
  const sign = cents < 0 ? '-' : ''
  const absolute = Math.abs(cents)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

const centsArb = fc.integer({ min: -99999, max: 99999 }).filter((cents) => cents !== 0)
const statusArb = fc.constantFrom<'' | '*' | '!'>('', '', '*', '!')
const accountArb = fc.constantFrom(...ACCOUNTS)
const commodityArb = fc.constantFrom(...COMMODITIES)
const dateArb = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([month, day]) => `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)

const posting = (
  account: string,
  cents: number | null,
  commodity: string,
  status: PostingSpec['status'] = '',
  virtual: PostingSpec['virtual'] = '',
): PostingSpec => ({ account, virtual, cents, commodity, cost: null, status })

/** Real postings in one commodity that balance; the last one elided or written out. */
const plainArb = fc
  .record({
    amounts: fc.array(centsArb, { minLength: 1, maxLength: 3 }),
    accounts: fc.array(accountArb, { minLength: 4, maxLength: 4 }),
    commodity: commodityArb,
    elide: fc.boolean(),
    statuses: fc.array(statusArb, { minLength: 4, maxLength: 4 }),
  })
  .map(({ amounts, accounts, commodity, elide, statuses }) => {
    const postings = amounts.map((cents, index) =>
      posting(accounts[index] as string, cents, commodity, statuses[index]),
    )
    const rest = -amounts.reduce((sum, cents) => sum + cents, 0)
    if (elide || rest !== 0) postings.push(posting(accounts[3] as string, elide ? null : rest, commodity, statuses[3]))
    return postings
  })

/** A plain group, plus `(a)` postings and a balanced `[a]`/`[b]` pair (one side maybe elided). */
const virtualArb = fc
  .record({
    plain: plainArb,
    unbalanced: fc.array(fc.tuple(accountArb, centsArb, commodityArb), { maxLength: 2 }),
    pair: fc.option(fc.tuple(accountArb, accountArb, centsArb, commodityArb, fc.boolean())),
  })
  .map(({ plain, unbalanced, pair }) => {
    const postings = [
      ...plain,
      ...unbalanced.map(([account, cents, commodity]) => posting(`budget:${account}`, cents, commodity, '', '(')),
    ]
    if (pair !== null) {
      const [from, to, cents, commodity, elide] = pair
      postings.push(posting(from, cents, commodity, '', '['), posting(to, elide ? null : -cents, commodity, '', '['))
    }
    return postings
  })

/** An exchange: an amount with a cost (`@` unit price in whole units, or `@@` total), the other side elided or written. */
const costArb = fc
  .record({
    from: accountArb,
    to: accountArb,
    units: fc.integer({ min: -500, max: 500 }).filter((units) => units !== 0),
    price: fc.integer({ min: 1, max: 999 }),
    pair: fc.constantFrom(['USD', 'RUB'], ['EUR', 'USD'], ['EUR', 'RUB']),
    total: fc.boolean(),
    elide: fc.boolean(),
  })
  .map(({ from, to, units, price, pair, total, elide }): PostingSpec[] => {
    const [bought, paid] = pair as [string, string]
    const costCents = units * price
    const cost = total
      ? { operator: '@@' as const, cents: Math.abs(costCents), commodity: paid }
      : { operator: '@' as const, cents: price, commodity: paid }
    return [{ ...posting(from, units * 100, bought), cost }, posting(to, elide ? null : -costCents, paid)]
  })

/** hledger's implicit conversion: two commodities, opposite signs, no cost written. */
const conversionArb = fc
  .record({
    from: accountArb,
    to: accountArb,
    a: fc.integer({ min: 1, max: 99999 }),
    b: fc.integer({ min: 1, max: 99999 }),
    pair: fc.constantFrom(['USD', 'RUB'], ['EUR', 'USD']),
    flip: fc.boolean(),
  })
  .map(({ from, to, a, b, pair, flip }) => [
    posting(from, flip ? -a : a, pair[0] as string),
    posting(to, flip ? b : -b, pair[1] as string),
  ])

const transactionArb: fc.Arbitrary<TransactionSpec> = fc.record({
  date: dateArb,
  status: statusArb,
  description: fc.constantFrom('groceries', 'salary', 'transfer', 'exchange | at the bank', 'rent'),
  tag: fc.option(fc.constantFrom('project: audit', 'trip:', 'source: TsGIA SPb. F.P-960, Op.7, D.5, 4')),
  postings: fc.oneof(
    { weight: 4, arbitrary: plainArb },
    { weight: 2, arbitrary: virtualArb },
    { weight: 2, arbitrary: costArb },
    { weight: 1, arbitrary: conversionArb },
  ),
})

const journalArb = fc.array(transactionArb, { minLength: 1, maxLength: 6 })

/** hledger query terms, unanchored (journals are checked in batches under a `jN:` prefix). */
const termArb = fc.constantFrom(
  'food',
  'bank',
  'acct:cash',
  'acct:savings',
  'assets:bank',
  'desc:shop',
  'desc:salary',
  'payee:exchange',
  'note:bank',
  'cur:RUB',
  'cur:USD',
  'status:*',
  'status:!',
  'status:',
  'real:',
  'real:0',
  'amt:>100',
  'amt:<50',
  'amt:>=-20',
  'amt:<-10',
  'date:2024Q1',
  'date:2024-03',
  'date:2024-02..2024-06',
  'date:..2024-05',
  'date:2024-07..',
  'tag:project',
  'tag:trip',
  'tag:source=TsGIA',
)
const queryArb = fc.array(
  fc.tuple(fc.boolean(), termArb).map(([negated, term]) => (negated ? `not:${term}` : term)),
  { minLength: 1, maxLength: 3 },
)

const postingText = (spec: PostingSpec): string => {
  const account = spec.virtual === '(' ? `(${spec.account})` : spec.virtual === '[' ? `[${spec.account}]` : spec.account
  let line = `    ${spec.status === '' ? '' : `${spec.status} `}${account}`
  if (spec.cents !== null) {
    line += `  ${money(spec.cents)} ${spec.commodity}`
    if (spec.cost !== null)
      line += ` ${spec.cost.operator} ${spec.cost.operator === '@' ? String(spec.cost.cents) : money(spec.cost.cents)} ${spec.cost.commodity}`
  }
  return line
}

export const journalText = (transactions: ReadonlyArray<TransactionSpec>): string =>
  transactions
    .map((spec) =>
      [
        `${spec.date}${spec.status === '' ? '' : ` ${spec.status}`} ${spec.description}${spec.tag === null ? '' : `  ; ${spec.tag}`}`,
        ...spec.postings.map(postingText),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n')

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

// -------------------------------------------------------------------------------------
// multi-period balances: report options, market prices
// -------------------------------------------------------------------------------------

const periodRuns = Number(process.env['DIFFERENTIAL_PERIOD_RUNS'] ?? 300)

/** hledger's report options, drawn together: an interval, a span, accumulation, depth, flags, valuation. */
const reportArb = fc
  .record({
    interval: fc.constantFrom(
      ['-M'],
      ['-Q'],
      ['-Y'],
      ['-W'],
      ['-p', 'monthly'],
      ['-p', 'quarterly from 2024-02-10'],
      ['-D', '-p', '2024-03'],
      ['-p', 'every 2 months'],
      ['-p', 'biweekly from 2024-05 to 2024-08'],
      [],
    ),
    span: fc.constantFrom([], [], ['-b', '2024-03-15'], ['-e', '2024-10'], ['-b', '2024-02', '-e', '2024-09-10']),
    accumulation: fc.constantFrom([], [], ['--cumulative'], ['-H']),
    depth: fc.constantFrom([], [], ['--depth', '2'], ['--depth', '3']),
    flags: fc.subarray(['-E', '--invert', '-S', '-T', '-A']),
    valuation: fc.constantFrom([], [], ['-V'], ['-X', 'RUB'], ['-X', 'USD']),
    query: fc.option(termArb, { freq: 3 }),
    tree: fc.boolean(),
  })
  .map(({ interval, span, accumulation, depth, flags, valuation, query, tree }) => [
    ...(tree ? ['--tree'] : []),
    ...interval,
    ...(interval[0] === '-p' && interval.length === 2 && interval[1]?.includes(' ') === true ? [] : span),
    ...accumulation,
    ...depth,
    // hledger 1.25's tree with a depth leaves out some zero rows that -E shows at that depth in flat
    // mode (a clipped account whose deeper postings cancel): docs/HLEDGER.md names it.
    ...(tree && depth.length > 0 ? flags.filter((flag) => flag !== '-E') : flags),
    ...valuation,
    ...(query === null ? [] : [query]),
  ])

/** `P` directives: USD and EUR priced in RUB and in each other, at two decimals. */
const pricesArb = fc.array(
  fc.record({
    date: dateArb,
    pair: fc.constantFrom(['USD', 'RUB'], ['EUR', 'USD'], ['EUR', 'RUB']),
    cents: fc.integer({ min: 1, max: 20000 }),
  }),
  { maxLength: 5 },
)
const pricesText = (
  prices: ReadonlyArray<{ readonly date: string; readonly pair: ReadonlyArray<string>; readonly cents: number }>,
): string => prices.map(({ date, pair, cents }) => `P ${date} ${pair[0]} ${money(cents)} ${pair[1]}\n`).join('')

/** Undefined when `balance ARGS -O csv` agrees with hledger's on the journal, else what differs. */
const comparePeriods = async (text: string, args: ReadonlyArray<string>): Promise<string | undefined> => {
  const file = join(periodDirectory, `j${periodFiles++}.journal`)
  writeFileSync(file, text)
  // Our tree lists every level, as hledger's does with --no-elide.
  const theirs = await hledger(['bal', args.includes('--tree') ? '--no-elide' : '--flat', '-O', 'csv', ...args], text)
  const mine = await runCli(['balance', file, ...args, '-O', 'csv'])
  if (!theirs.ok)
    return mine.code === 0 ? `hledger rejects it (${theirs.stderr.trim().split('\n')[0]}) but we accept it` : undefined
  if (mine.code !== 0) return `hledger accepts it but we fail: ${mine.stderr.trim()}`
  const multi = args.includes('-H') || args.includes('--cumulative')
  const a = multiFromHledger(theirs.stdout, multi)
  const b = multiFromOurs(mine.stdout)
  const single =
    !args.some((arg) => ['-M', '-Q', '-Y', '-W', '-D'].includes(arg)) && !args.some((arg) => /ly\b|every/u.test(arg))
  if (!single && JSON.stringify(a.header) !== JSON.stringify(b.header))
    return `columns differ:\n  hledger: ${a.header.join(' ')}\n  ours:    ${b.header.join(' ')}`
  const normalize = (list: string[]) => (single ? list.map((cell) => cell.replace(/\|[^|]*\|/u, '|·|')).sort() : list)
  if (JSON.stringify(normalize(a.cells)) !== JSON.stringify(normalize(b.cells))) {
    const [x, y] = [new Set(normalize(a.cells)), new Set(normalize(b.cells))]
    return `cells differ:\n  only hledger: ${[...x]
      .filter((cell) => !y.has(cell))
      .slice(0, 12)
      .join(' ')}\n  only ours:    ${[...y]
      .filter((cell) => !x.has(cell))
      .slice(0, 12)
      .join(' ')}`
  }
  if (args.includes('-S') && JSON.stringify(a.order) !== JSON.stringify(b.order))
    return `order differs:\n  hledger: ${a.order.join(' ')}\n  ours:    ${b.order.join(' ')}`
  return undefined
}
const periodDirectory = mkdtempSync(join(tmpdir(), 'shadow-ledger-periods-'))
let periodFiles = 0

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

    it(`${periodRuns} random journals with P prices under random report options (-D/-W/-M/-Q/-Y, -p, -b/-e, --tree, --cumulative, -H, --depth, -E, --invert, -S, -T, -A, -V, -X, a query term): multi-period balances agree`, {
      timeout: 600_000,
    }, async () => {
      expect(available, 'hledger must be installed under CI=true (.ci/run installs it)').toBe(true)
      const cases = fc.sample(
        fc.tuple(fc.array(journalArb, { minLength: batchSize, maxLength: batchSize }), pricesArb, reportArb),
        { numRuns: Math.ceil(periodRuns / batchSize), seed: seed + 2 },
      )
      let next = 0
      let failure: string | undefined
      const worker = async (): Promise<void> => {
        while (next < cases.length && failure === undefined) {
          const [batch, prices, args] = cases[next++] as [
            ReadonlyArray<ReadonlyArray<TransactionSpec>>,
            ReadonlyArray<{ readonly date: string; readonly pair: ReadonlyArray<string>; readonly cents: number }>,
            string[],
          ]
          const combined = batch.flatMap((journal, position) => namespaced(journal, `j${position}`))
          const reason = await comparePeriods(pricesText(prices) + journalText(combined), args)
          if (reason === undefined) continue
          for (const journal of batch) {
            const alone = await comparePeriods(pricesText(prices) + journalText(journal), args)
            if (alone !== undefined) {
              failure = `balance ${args.join(' ')} (seed ${seed + 2}); keep it in ledgers/compat/:\n${pricesText(prices)}${journalText(journal)}\n${alone}`
              break
            }
          }
          failure ??= `balance ${args.join(' ')} (seed ${seed + 2}): the batch disagrees, no journal alone does:\n${pricesText(prices)}${journalText(combined)}\n${reason}`
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
