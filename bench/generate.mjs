#!/usr/bin/env node
// Deterministic, seeded generator of benchmark books for shadow-ledger and its
// peers (hledger, ledger, beancount).
//
//   node bench/generate.mjs --transactions N --seed S --out DIR [--variant plain|shadow]
//
// plain  (default) writes
//   DIR/bench-N.journal    hledger/ledger common subset
//   DIR/bench-N.beancount  the same books in beancount syntax
//   DIR/bench-N.meta.json  counts (transactions, postings, assertions, bytes, ...) and
//                          every account's final balance
// shadow writes
//   DIR/bench-N-shadow.journal   the same money books as plain (same seed), plus
//                                goods quantities `[4 T28]` on inventory postings
//                                and yearly `norm YYYY-12-31 plant working-capital ...`
//                                lines (our extended syntax; the peers cannot read it)
//   DIR/bench-N-shadow.meta.json
//
// Rules of the generated books:
// - dates YYYY-MM-DD ascending, from 1930-01-02 on, about ten years for N >= 3650;
// - 60 leaf accounts under assets/liabilities/equity/income/expenses, declared with
//   `account` at the top (beancount: `open` on the first date); no posted account is
//   a parent of another, so "balance of an account" means the same in all tools;
// - 2-4 postings per transaction, all with distinct accounts, exactly one of them
//   elided; the explicit amounts have one sign so the elided amount is never zero;
// - amounts in RUB with 2 decimals (`1234.56 RUB`); all money arithmetic is BigInt
//   kopecks; the PRNG (mulberry32) only picks integers, never money as floats;
// - about 0.4 % of transactions carry one balance assertion `= AMOUNT RUB` on an
//   explicit posting: the account's running balance after that posting (file order,
//   as ledger and hledger check it). In beancount the assertion becomes a `balance`
//   directive dated the next day carrying the balance at the end of the posting's
//   day, because beancount checks a balance at the beginning of its date.
//
// Same arguments give byte-identical files. No dependencies; Node >= 20.

import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

// ---------------------------------------------------------------- PRNG

/** mulberry32: a small 32-bit PRNG; returns a function giving uint32 values. */
export function mulberry32(seed) {
  let a = seed >>> 0
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** Integer helpers over a uint32 source. */
function rng(seed) {
  const next = mulberry32(seed)
  const r = {
    /** integer in [0, n) */
    int(n) {
      return next() % n
    },
    /** integer in [lo, hi] */
    range(lo, hi) {
      return lo + (next() % (hi - lo + 1))
    },
    /** true with probability num/den */
    chance(num, den) {
      return next() % den < num
    },
    pick(arr) {
      return arr[next() % arr.length]
    },
    /** index drawn by integer weights */
    weighted(weights) {
      let total = 0
      for (const w of weights) total += w
      let x = next() % total
      for (let i = 0; i < weights.length; i++) {
        if (x < weights[i]) return i
        x -= weights[i]
      }
      return weights.length - 1
    },
    /** k distinct elements of arr (k <= arr.length), in draw order */
    sample(arr, k) {
      const copy = arr.slice()
      const out = []
      for (let i = 0; i < k; i++) {
        const j = i + (next() % (copy.length - i))
        const t = copy[i]
        copy[i] = copy[j]
        copy[j] = t
        out.push(copy[i])
      }
      return out
    },
  }
  return r
}

// ---------------------------------------------------------------- accounts

const ACCOUNTS = [
  // assets (22)
  'assets:bank:sber',
  'assets:bank:vtb',
  'assets:bank:gosbank',
  'assets:cash:main',
  'assets:cash:petty',
  'assets:receivables:customer-01',
  'assets:receivables:customer-02',
  'assets:receivables:customer-03',
  'assets:receivables:customer-04',
  'assets:receivables:customer-05',
  'assets:receivables:customer-06',
  'assets:receivables:customer-07',
  'assets:receivables:customer-08',
  'assets:inventory:steel',
  'assets:inventory:engines',
  'assets:inventory:tracks',
  'assets:inventory:tanks',
  'assets:inventory:spares',
  'assets:fixed:machinery',
  'assets:fixed:buildings',
  'assets:prepaid:suppliers',
  'assets:prepaid:rent',
  // liabilities (13)
  'liabilities:payables:supplier-01',
  'liabilities:payables:supplier-02',
  'liabilities:payables:supplier-03',
  'liabilities:payables:supplier-04',
  'liabilities:payables:supplier-05',
  'liabilities:payables:supplier-06',
  'liabilities:payables:supplier-07',
  'liabilities:payables:supplier-08',
  'liabilities:loans:gosbank',
  'liabilities:tax:vat',
  'liabilities:tax:profit',
  'liabilities:wages:payable',
  'liabilities:advances:customers',
  // equity (2)
  'equity:capital:state',
  'equity:retained:earnings',
  // income (6)
  'income:sales:tanks',
  'income:sales:tractors',
  'income:sales:spares',
  'income:services:repair',
  'income:other:interest',
  'income:other:rental',
  // expenses (17)
  'expenses:materials:steel',
  'expenses:materials:fuel',
  'expenses:wages:workers',
  'expenses:wages:engineers',
  'expenses:wages:admin',
  'expenses:rent:workshop',
  'expenses:energy:power',
  'expenses:energy:heat',
  'expenses:transport:rail',
  'expenses:transport:trucks',
  'expenses:repair:equipment',
  'expenses:admin:office',
  'expenses:admin:telephone',
  'expenses:bank:fees',
  'expenses:tax:property',
  'expenses:depreciation:machinery',
  'expenses:training:staff',
]

const under = (prefix) => ACCOUNTS.filter((a) => a.startsWith(prefix))
const BANKS = under('assets:bank:')
const CASH = under('assets:cash:')
const RECEIVABLES = under('assets:receivables:')
const INVENTORY = under('assets:inventory:')
const PAYABLES = under('liabilities:payables:')
const SALES = under('income:sales:')
const WAGES = under('expenses:wages:')
const MATERIALS = under('expenses:materials:')
const OTHER_EXPENSES = ACCOUNTS.filter(
  (a) =>
    a.startsWith('expenses:') &&
    !a.startsWith('expenses:wages:') &&
    !a.startsWith('expenses:materials:'),
)

/** Goods code per inventory account (shadow variant only). */
const GOODS = {
  'assets:inventory:steel': 'ST3',
  'assets:inventory:engines': 'M17',
  'assets:inventory:tracks': 'TRK28',
  'assets:inventory:tanks': 'T28',
  'assets:inventory:spares': 'ZIP28',
}

/** Beancount account name: every component capitalised. */
export function beancountAccount(name) {
  return name
    .split(':')
    .map((c) => c.charAt(0).toUpperCase() + c.slice(1))
    .join(':')
}

// A template: explicit postings drawn from `explicit` (1..maxExplicit of them, all
// with sign `sign`: +1 debit, -1 credit), the elided one from `elided`.
const TEMPLATES = [
  { w: 18, what: 'Sale', explicit: [...SALES, 'liabilities:tax:vat'], maxExplicit: 3, sign: -1, elided: [...RECEIVABLES, ...BANKS] },
  { w: 14, what: 'Purchase', explicit: [...INVENTORY, ...MATERIALS], maxExplicit: 3, sign: 1, elided: [...PAYABLES, ...BANKS] },
  { w: 12, what: 'Expenses', explicit: OTHER_EXPENSES, maxExplicit: 3, sign: 1, elided: [...BANKS, ...CASH] },
  { w: 8, what: 'Payroll', explicit: WAGES, maxExplicit: 3, sign: 1, elided: ['liabilities:wages:payable', ...BANKS] },
  { w: 12, what: 'Customer payment', explicit: BANKS, maxExplicit: 1, sign: 1, elided: [...RECEIVABLES, 'liabilities:advances:customers'] },
  { w: 12, what: 'Supplier payment', explicit: [...PAYABLES, 'assets:prepaid:suppliers'], maxExplicit: 3, sign: 1, elided: BANKS },
  { w: 5, what: 'Cash withdrawal', explicit: CASH, maxExplicit: 2, sign: 1, elided: BANKS },
  { w: 4, what: 'Tax payment', explicit: ['liabilities:tax:vat', 'liabilities:tax:profit', 'expenses:tax:property'], maxExplicit: 3, sign: 1, elided: BANKS },
  { w: 3, what: 'Loan repayment', explicit: ['liabilities:loans:gosbank', 'expenses:bank:fees'], maxExplicit: 2, sign: 1, elided: BANKS },
  { w: 2, what: 'Loan drawdown', explicit: BANKS, maxExplicit: 1, sign: 1, elided: ['liabilities:loans:gosbank'] },
  { w: 3, what: 'Other income', explicit: ['income:services:repair', 'income:other:interest', 'income:other:rental'], maxExplicit: 2, sign: -1, elided: [...BANKS, ...CASH] },
  { w: 2, what: 'Capital investment', explicit: ['assets:fixed:machinery', 'assets:fixed:buildings', 'assets:prepaid:rent'], maxExplicit: 2, sign: 1, elided: ['equity:capital:state', ...BANKS] },
  { w: 1, what: 'Year-end transfer', explicit: ['equity:retained:earnings'], maxExplicit: 1, sign: -1, elided: ['equity:capital:state'] },
]
const TEMPLATE_WEIGHTS = TEMPLATES.map((t) => t.w)
const EXPLICIT_COUNT_WEIGHTS = [5, 3, 2] // 1, 2 or 3 explicit postings

// ---------------------------------------------------------------- money and dates

/** kopecks (BigInt) -> "1234.56" / "-0.05" */
export function formatKopecks(k) {
  const neg = k < 0n
  const a = neg ? -k : k
  const rub = a / 100n
  const kop = a % 100n
  return `${neg ? '-' : ''}${rub}.${kop < 10n ? '0' : ''}${kop}`
}

/** A random amount in kopecks, from 1.00 to 999999.99 RUB, log-ish distributed. */
function amountKopecks(r) {
  const digits = 3 + r.weighted([2, 4, 6, 5, 3, 1]) // 3..8 digits of kopecks
  const lo = 10 ** (digits - 1)
  const hi = 10 ** digits - 1
  return BigInt(r.range(lo, hi))
}

const DAY_MS = 86_400_000
const START_DAY = Date.UTC(1930, 0, 2) / DAY_MS

/** day number (days since 1970-01-01, may be negative) -> YYYY-MM-DD */
export function formatDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

// ---------------------------------------------------------------- buffered output

class Out {
  constructor(path) {
    this.path = path
    this.fd = openSync(path, 'w')
    this.parts = []
    this.size = 0
  }
  write(s) {
    this.parts.push(s)
    this.size += s.length
    if (this.size >= 1 << 20) this.flush()
  }
  flush() {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''))
    this.parts = []
    this.size = 0
  }
  close() {
    this.flush()
    closeSync(this.fd)
  }
}

// ---------------------------------------------------------------- generator

/**
 * Generate the books. Returns the meta object (also written as DIR/...meta.json).
 * @param {{transactions: number, seed: number, out: string, variant?: 'plain'|'shadow'}} opts
 */
export function generate(opts) {
  const n = opts.transactions
  const seed = opts.seed >>> 0
  const variant = opts.variant ?? 'plain'
  const shadow = variant === 'shadow'
  if (!Number.isInteger(n) || n < 1) throw new Error(`--transactions must be a positive integer, got ${opts.transactions}`)
  if (variant !== 'plain' && variant !== 'shadow') throw new Error(`--variant must be plain or shadow, got ${variant}`)
  mkdirSync(opts.out, { recursive: true })

  const base = shadow ? `bench-${n}-shadow` : `bench-${n}`
  const journalPath = join(opts.out, `${base}.journal`)
  const beanPath = shadow ? null : join(opts.out, `${base}.beancount`)
  const metaPath = join(opts.out, `${base}.meta.json`)

  // Money books come from `r` alone, so plain and shadow books are the same money
  // books; the shadow extras draw from a second, independent stream.
  const r = rng(seed)
  const rs = rng((seed ^ 0x5eed5eed) >>> 0)

  const journal = new Out(journalPath)
  const bean = beanPath ? new Out(beanPath) : null

  // about ten years of books once N >= 3650; at least one transaction a day
  // on average below that. p = chance per transaction of moving to a later day.
  const perMille = Math.max(1, Math.min(1000, Math.round((3650 * 1000) / n / 1.5)))

  // header
  journal.write(`; shadow-ledger benchmark books: ${n} transactions, seed ${seed}, variant ${variant}\n`)
  journal.write('; generated by bench/generate.mjs - deterministic, do not edit\n\n')
  for (const a of ACCOUNTS) journal.write(`account ${a}\n`)
  journal.write('\n')
  if (bean) {
    bean.write(`; shadow-ledger benchmark books: ${n} transactions, seed ${seed}\n`)
    bean.write('; generated by bench/generate.mjs - deterministic, do not edit\n\n')
    bean.write('option "operating_currency" "RUB"\n\n')
    const open = formatDay(START_DAY)
    for (const a of ACCOUNTS) bean.write(`${open} open ${beancountAccount(a)} RUB\n`)
    bean.write('\n')
  }

  const balances = new Map(ACCOUNTS.map((a) => [a, 0n]))
  let day = START_DAY
  let dateStr = formatDay(day)
  let year = 1930
  let postings = 0
  let assertions = 0
  let goodsPostings = 0
  let norms = 0
  /** accounts asserted on the current day: their end-of-day balance goes to beancount */
  let pendingBean = []
  // assertions: countdown to the next one, 100..400 (mean 250 => ~0.4 %); the first
  // comes within the first 200 transactions so small books always have one.
  let untilAssert = r.range(50, 199)

  const flushBeanBalances = () => {
    if (!bean || pendingBean.length === 0) return
    const next = formatDay(day + 1)
    for (const a of pendingBean) {
      bean.write(`${next} balance ${beancountAccount(a)} ${formatKopecks(balances.get(a))} RUB\n\n`)
    }
    pendingBean = []
  }

  const emitNorms = () => {
    // one yearly norm, set at the start of the year, due at its end
    const amount = BigInt(rs.range(500_000, 5_000_000)) * 100n
    journal.write(`norm ${year}-12-31 plant working-capital ${formatKopecks(amount)} RUB\n\n`)
    norms++
  }
  if (shadow) emitNorms()

  for (let i = 0; i < n; i++) {
    if (i > 0 && r.chance(perMille, 1000)) {
      flushBeanBalances()
      day += 1 + r.weighted([6, 3, 1]) // 1..3 days
      dateStr = formatDay(day)
      const y = Number(dateStr.slice(0, 4))
      if (y !== year) {
        year = y
        if (shadow) emitNorms()
      }
    }

    const t = TEMPLATES[r.weighted(TEMPLATE_WEIGHTS)]
    const k = Math.min(1 + r.weighted(EXPLICIT_COUNT_WEIGHTS), t.maxExplicit, t.explicit.length)
    const accounts = r.sample(t.explicit, k)
    const elided = r.pick(t.elided)
    const amounts = accounts.map(() => (t.sign > 0 ? amountKopecks(r) : -amountKopecks(r)))
    const doc = r.range(1, 999_999)
    const party = elided.includes(':customer-') || elided.includes(':supplier-') ? elided.slice(elided.lastIndexOf(':') + 1) : ''
    const desc = `${t.what}${party ? ` ${party}` : ''} doc ${doc}`

    let assertAt = -1
    if (--untilAssert === 0) {
      assertAt = r.int(k)
      untilAssert = r.range(100, 400)
    }

    let sum = 0n
    let jtx = `${dateStr} ${desc}\n`
    let btx = `${dateStr} * "${desc}"\n`
    for (let j = 0; j < k; j++) {
      const a = accounts[j]
      const amt = amounts[j]
      sum += amt
      const after = balances.get(a) + amt
      balances.set(a, after)
      const money = `${formatKopecks(amt)} RUB`
      let line = `    ${a}  ${money}`
      if (shadow && GOODS[a] !== undefined) {
        const q = rs.range(1, 50)
        line += ` [${amt < 0n ? -q : q} ${GOODS[a]}]`
        goodsPostings++
      }
      if (j === assertAt) {
        line += ` = ${formatKopecks(after)} RUB`
        assertions++
        if (!pendingBean.includes(a)) pendingBean.push(a)
      }
      jtx += `${line}\n`
      btx += `  ${beancountAccount(a)}  ${money}\n`
    }
    balances.set(elided, balances.get(elided) - sum)
    jtx += `    ${elided}\n\n`
    btx += `  ${beancountAccount(elided)}\n\n`
    postings += k + 1
    journal.write(jtx)
    if (bean) bean.write(btx)
  }
  flushBeanBalances()

  journal.close()
  if (bean) bean.close()

  const meta = {
    generator: 'bench/generate.mjs',
    version: 2,
    variant,
    seed,
    transactions: n,
    postings,
    elidedPostings: n,
    assertions,
    accounts: ACCOUNTS.length,
    firstDate: formatDay(START_DAY),
    lastDate: dateStr,
    journal: { file: `${base}.journal`, bytes: statSync(journalPath).size },
    ...(beanPath ? { beancount: { file: `${base}.beancount`, bytes: statSync(beanPath).size } } : {}),
    ...(shadow ? { goodsPostings, norms } : {}),
    // every account's balance at the end of the books, to check the tools' reports
    finalBalances: Object.fromEntries(ACCOUNTS.map((a) => [a, formatKopecks(balances.get(a))])),
  }
  const mfd = openSync(metaPath, 'w')
  writeSync(mfd, `${JSON.stringify(meta, null, 2)}\n`)
  closeSync(mfd)
  return meta
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv) {
  const out = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`)
    const eq = arg.indexOf('=')
    if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1)
    else {
      const v = argv[i + 1]
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`)
      out[arg.slice(2)] = v
      i++
    }
  }
  return out
}

const USAGE = 'usage: node bench/generate.mjs --transactions N --seed S --out DIR [--variant plain|shadow]'

function main() {
  let args
  try {
    args = parseArgs(process.argv.slice(2))
    for (const k of Object.keys(args)) {
      if (!['transactions', 'seed', 'out', 'variant'].includes(k)) throw new Error(`unknown option --${k}`)
    }
    if (args.transactions === undefined || args.out === undefined) throw new Error('--transactions and --out are required')
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`)
    process.exit(2)
  }
  const transactions = Number(args.transactions.replaceAll('_', ''))
  const seed = args.seed === undefined ? 1936 : Number(args.seed)
  if (!Number.isSafeInteger(seed)) {
    process.stderr.write(`--seed must be an integer\n${USAGE}\n`)
    process.exit(2)
  }
  try {
    const meta = generate({ transactions, seed, out: resolve(args.out), variant: args.variant ?? 'plain' })
    const { finalBalances: _, ...summary } = meta
    process.stdout.write(`${JSON.stringify(summary)}\n`)
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`)
    process.exit(2)
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main()
