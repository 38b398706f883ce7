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
//   DIR/bench-N-shadow.journal   books in our extended syntax (the peers cannot read it):
//                                two entities, `plant` (state) and `buyer` (military), and a
//                                bank `gosbank`; accounts of the domain's chart of roles
//                                (plant:assets:materials, :wip, :finished, ...); goods
//                                quantities beside money on stage moves; yearly and quarterly
//                                norms, plans and limits; reported figures; quarterly physical
//                                counts; and about 10 % operation lines (contracts, lots, wages,
//                                completion, shipment, payment demands, acceptance, payment,
//                                loans against lots, bills, bonuses, claims, freezes) so that
//                                every built-in rule has work to do. See generateShadow below.
//   DIR/bench-N-shadow.meta.json
//
// Rules of the plain books:
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
  (a) => a.startsWith('expenses:') && !a.startsWith('expenses:wages:') && !a.startsWith('expenses:materials:'),
)

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
  {
    w: 18,
    what: 'Sale',
    explicit: [...SALES, 'liabilities:tax:vat'],
    maxExplicit: 3,
    sign: -1,
    elided: [...RECEIVABLES, ...BANKS],
  },
  {
    w: 14,
    what: 'Purchase',
    explicit: [...INVENTORY, ...MATERIALS],
    maxExplicit: 3,
    sign: 1,
    elided: [...PAYABLES, ...BANKS],
  },
  { w: 12, what: 'Expenses', explicit: OTHER_EXPENSES, maxExplicit: 3, sign: 1, elided: [...BANKS, ...CASH] },
  { w: 8, what: 'Payroll', explicit: WAGES, maxExplicit: 3, sign: 1, elided: ['liabilities:wages:payable', ...BANKS] },
  {
    w: 12,
    what: 'Customer payment',
    explicit: BANKS,
    maxExplicit: 1,
    sign: 1,
    elided: [...RECEIVABLES, 'liabilities:advances:customers'],
  },
  {
    w: 12,
    what: 'Supplier payment',
    explicit: [...PAYABLES, 'assets:prepaid:suppliers'],
    maxExplicit: 3,
    sign: 1,
    elided: BANKS,
  },
  { w: 5, what: 'Cash withdrawal', explicit: CASH, maxExplicit: 2, sign: 1, elided: BANKS },
  {
    w: 4,
    what: 'Tax payment',
    explicit: ['liabilities:tax:vat', 'liabilities:tax:profit', 'expenses:tax:property'],
    maxExplicit: 3,
    sign: 1,
    elided: BANKS,
  },
  {
    w: 3,
    what: 'Loan repayment',
    explicit: ['liabilities:loans:gosbank', 'expenses:bank:fees'],
    maxExplicit: 2,
    sign: 1,
    elided: BANKS,
  },
  { w: 2, what: 'Loan drawdown', explicit: BANKS, maxExplicit: 1, sign: 1, elided: ['liabilities:loans:gosbank'] },
  {
    w: 3,
    what: 'Other income',
    explicit: ['income:services:repair', 'income:other:interest', 'income:other:rental'],
    maxExplicit: 2,
    sign: -1,
    elided: [...BANKS, ...CASH],
  },
  {
    w: 2,
    what: 'Capital investment',
    explicit: ['assets:fixed:machinery', 'assets:fixed:buildings', 'assets:prepaid:rent'],
    maxExplicit: 2,
    sign: 1,
    elided: ['equity:capital:state', ...BANKS],
  },
  {
    w: 1,
    what: 'Year-end transfer',
    explicit: ['equity:retained:earnings'],
    maxExplicit: 1,
    sign: -1,
    elided: ['equity:capital:state'],
  },
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
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--transactions must be a positive integer, got ${opts.transactions}`)
  if (variant !== 'plain' && variant !== 'shadow') throw new Error(`--variant must be plain or shadow, got ${variant}`)
  mkdirSync(opts.out, { recursive: true })
  if (variant === 'shadow') return generateShadow(n, seed, opts.out)

  const base = `bench-${n}`
  const journalPath = join(opts.out, `${base}.journal`)
  const beanPath = join(opts.out, `${base}.beancount`)
  const metaPath = join(opts.out, `${base}.meta.json`)

  const r = rng(seed)

  const journal = new Out(journalPath)
  const bean = new Out(beanPath)

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
  let postings = 0
  let assertions = 0
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

  for (let i = 0; i < n; i++) {
    if (i > 0 && r.chance(perMille, 1000)) {
      flushBeanBalances()
      day += 1 + r.weighted([6, 3, 1]) // 1..3 days
      dateStr = formatDay(day)
    }

    const t = TEMPLATES[r.weighted(TEMPLATE_WEIGHTS)]
    const k = Math.min(1 + r.weighted(EXPLICIT_COUNT_WEIGHTS), t.maxExplicit, t.explicit.length)
    const accounts = r.sample(t.explicit, k)
    const elided = r.pick(t.elided)
    const amounts = accounts.map(() => (t.sign > 0 ? amountKopecks(r) : -amountKopecks(r)))
    const doc = r.range(1, 999_999)
    const party =
      elided.includes(':customer-') || elided.includes(':supplier-') ? elided.slice(elided.lastIndexOf(':') + 1) : ''
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
    beancount: { file: `${base}.beancount`, bytes: statSync(beanPath).size },
    // every account's balance at the end of the books, to check the tools' reports
    finalBalances: Object.fromEntries(ACCOUNTS.map((a) => [a, formatKopecks(balances.get(a))])),
  }
  const mfd = openSync(metaPath, 'w')
  writeSync(mfd, `${JSON.stringify(meta, null, 2)}\n`)
  closeSync(mfd)
  return meta
}

// ---------------------------------------------------------------- shadow variant

// The chart of the shadow books: the domain's default role accounts (src/domain/Books.ts
// defaultRoleSuffix) below the entity prefix, plus staff sub-accounts of the wages account.
const SHADOW_ACCOUNTS = [
  'plant:assets:materials',
  'plant:assets:wip',
  'plant:assets:wip:rejected',
  'plant:assets:finished',
  'plant:assets:shipped',
  'plant:assets:provisional',
  'plant:assets:rework',
  'plant:assets:receivables',
  'plant:assets:bank:current',
  'plant:assets:cash',
  'plant:liabilities:payables',
  'plant:liabilities:wages',
  'plant:liabilities:gosbank:short-term',
  'plant:equity:own-working-capital',
  'plant:equity:goods-origin',
  'plant:income:sales',
  'plant:income:other',
  'plant:expenses:wages:workers',
  'plant:expenses:wages:ITR',
  'plant:expenses:wages:admin',
  'plant:expenses:wages:bonus',
  'plant:expenses:overhead',
  'plant:expenses:cost-of-sales',
  'buyer:assets:bank:current',
  'buyer:equity:budget',
]

const UNIT_PRICES = [38_000_000n, 40_000_000n, 42_000_000n] // kopecks per tank (380,000.00 ...)
const STEEL_PRICE = 500_000n // kopecks per tonne (5,000.00)

/** kopecks -> "12,345.67 RUB" (grouped: in operation lines `5000.00` would read as a period) */
const rub = (k) => `${formatKopecks(k).replace(/\B(?=(\d{3})+\.)/g, ',')} RUB`

/**
 * The shadow books: N dated entries (plain transactions and operation lines; plan, norm,
 * limit, reported and count lines come on top), about ten years from 1930-01-02 as in the
 * plain variant. Plain transactions move money between the plant's role accounts, with goods
 * quantities on every stage move (materials -> wip -> finished -> shipped -> provisional ->
 * cost of sales) and on receipts (against equity:goods-origin), so units are conserved per
 * transaction. Production cycles run as operation lines: a contract, a lot launched against it,
 * wages charged to the lot, completion (sometimes one unit rejected at inspection), then either
 * shipment + payment demand + acceptance (full, partial, or silent) + payment, or provisional and
 * final military acceptance + a demand naming the lot, with claims and rework; loans drawn
 * against lots and contracts, interest and repayment. Yearly: norms, wage funds, output plans
 * (yearly and quarterly), credit limits, reported figures, a freeze episode; quarterly: counts
 * of the materials store and bonuses. Same seed, same bytes.
 */
function generateShadow(n, seed, outDir) {
  const base = `bench-${n}-shadow`
  const journalPath = join(outDir, `${base}.journal`)
  const metaPath = join(outDir, `${base}.meta.json`)
  const r = rng((seed ^ 0x5eed5eed) >>> 0)
  const out = new Out(journalPath)
  const perMille = Math.max(1, Math.min(1000, Math.round((3650 * 1000) / n / 1.5)))
  const stats = { transactions: 0, operations: 0, postings: 0, goodsPostings: 0, plans: 0, reported: 0, counts: 0 }

  out.write(`; shadow-ledger benchmark books: ${n} entries, seed ${seed}, variant shadow\n`)
  out.write('; generated by bench/generate.mjs - deterministic, do not edit\n\n')
  out.write('entity plant\n    title: Benchmark plant\n    sector: state\n')
  out.write('entity buyer\n    title: Benchmark military buyer\n    sector: military\n')
  out.write('entity gosbank\n    title: State Bank\n    sector: bank\n\n')
  out.write('commodity RUB\n    format 1,000.00 RUB\n')
  out.write('commodity T28\n    kind: goods\n    unit: tank\n')
  out.write('commodity ST3\n    kind: goods\n    unit: tonne\n\n')
  for (const a of SHADOW_ACCOUNTS) out.write(`account ${a}\n`)
  out.write('\n')

  let day = START_DAY
  let dateStr = formatDay(day)
  let year = 0
  let quarter = 0
  const yy = () => String(year % 100).padStart(2, '0')
  // physical stock of the plain (aggregate) accounts, to move only what is there
  const stock = { steel: 0, wipSteel: 0, wip: 0, finished: 0, shipped: 0, provisional: 0 }
  // document numbers per kind and year; a few numbers are skipped (gaps)
  const seq = new Map()
  const nextId = (prefix) => {
    const key = `${prefix}-${yy()}`
    let k = (seq.get(key) ?? 0) + 1
    if (r.chance(1, 400)) k++ // a missing number
    seq.set(key, k)
    return `${key}-${k}`
  }

  // ---- plain transactions
  const tx = (desc, lines) => {
    let s = `${dateStr} ${desc}\n`
    for (const l of lines) {
      s += `    ${l}\n`
      stats.postings++
      if (l.includes('[')) stats.goodsPostings++
    }
    out.write(`${s}\n`)
    stats.transactions++
  }
  const money = () => amountKopecks(r)
  const PLAIN = [
    {
      w: 14,
      f: () =>
        tx(`Sales invoice doc ${r.range(1, 999_999)}`, [
          `plant:assets:receivables  ${rub(money())}`,
          'plant:income:sales',
        ]),
    },
    {
      w: 12,
      f: () =>
        tx(`Customer payment doc ${r.range(1, 999_999)}`, [
          `plant:assets:bank:current  ${rub(money())}`,
          'plant:assets:receivables',
        ]),
    },
    {
      w: 10,
      f: () => {
        const q = r.range(5, 60)
        stock.steel += q
        tx('Steel received from the supplier', [
          `plant:assets:materials  ${rub(BigInt(q) * STEEL_PRICE)}  [${q} ST3]`,
          `plant:equity:goods-origin  [-${q} ST3]`,
          'plant:liabilities:payables',
        ])
      },
    },
    {
      w: 6,
      f: () => {
        const q = Math.min(stock.steel, r.range(5, 40))
        if (q === 0) return tx('Overhead', [`plant:expenses:overhead  ${rub(money())}`, 'plant:assets:bank:current'])
        stock.steel -= q
        stock.wipSteel += q
        const v = rub(BigInt(q) * STEEL_PRICE)
        tx('Steel issued to the shops', [
          `plant:assets:wip  ${v}  [${q} ST3]`,
          `plant:assets:materials  -${v}  [-${q} ST3]`,
        ])
      },
    },
    {
      w: 3,
      f: () => {
        const u = r.range(1, 6)
        stock.wip += u
        tx('Tanks launched into production', [`plant:assets:wip  [${u} T28]`, `plant:equity:goods-origin  [-${u} T28]`])
      },
    },
    {
      w: 4,
      f: () => {
        const u = Math.min(stock.wip, r.range(1, 4))
        if (u === 0)
          return tx('Wages charged to production', [`plant:assets:wip  ${rub(money())}`, 'plant:liabilities:wages'])
        stock.wip -= u
        if (r.chance(1, 8)) {
          const v = rub(BigInt(u) * 30_000_000n)
          return tx('Rejected at inspection (OTK)', [
            `plant:assets:wip:rejected  ${v}  [${u} T28]`,
            `plant:assets:wip  -${v}  [-${u} T28]`,
          ])
        }
        stock.finished += u
        const v = rub(BigInt(u) * 30_000_000n)
        tx('Tanks completed, passed OTK', [
          `plant:assets:finished  ${v}  [${u} T28]`,
          `plant:assets:wip  -${v}  [-${u} T28]`,
        ])
      },
    },
    {
      w: 3,
      f: () => {
        const u = Math.min(stock.finished, r.range(1, 4))
        if (u === 0) return tx('Overhead', [`plant:expenses:overhead  ${rub(money())}`, 'plant:assets:cash'])
        stock.finished -= u
        stock.shipped += u
        const v = rub(BigInt(u) * 30_000_000n)
        tx('Tanks shipped to the buyer', [
          `plant:assets:shipped  ${v}  [${u} T28]`,
          `plant:assets:finished  -${v}  [-${u} T28]`,
        ])
      },
    },
    {
      w: 2,
      f: () => {
        const u = Math.min(stock.shipped, r.range(1, 4))
        if (u === 0) return tx('Other income', [`plant:assets:bank:current  ${rub(money())}`, 'plant:income:other'])
        stock.shipped -= u
        stock.provisional += u
        const v = rub(BigInt(u) * 30_000_000n)
        tx('Tanks provisionally accepted', [
          `plant:assets:provisional  ${v}  [${u} T28]`,
          `plant:assets:shipped  -${v}  [-${u} T28]`,
        ])
      },
    },
    {
      w: 2,
      f: () => {
        const u = Math.min(stock.provisional, r.range(1, 3))
        if (u === 0) return tx('Other income', [`plant:assets:bank:current  ${rub(money())}`, 'plant:income:other'])
        stock.provisional -= u
        const v = rub(BigInt(u) * 30_000_000n)
        tx('Tanks finally accepted', [
          `plant:expenses:cost-of-sales  ${v}  [${u} T28]`,
          `plant:assets:provisional  -${v}  [-${u} T28]`,
        ])
      },
    },
    {
      w: 8,
      f: () => {
        const k = 1 + r.weighted([5, 3, 2])
        const lines = r
          .sample(['plant:expenses:wages:workers', 'plant:expenses:wages:ITR', 'plant:expenses:wages:admin'], k)
          .map((a) => `${a}  ${rub(money())}`)
        tx('Payroll', [...lines, 'plant:liabilities:wages'])
      },
    },
    {
      w: 6,
      f: () => tx('Wages charged to production', [`plant:assets:wip  ${rub(money())}`, 'plant:liabilities:wages']),
    },
    { w: 8, f: () => tx('Wages paid', [`plant:liabilities:wages  ${rub(money())}`, 'plant:assets:bank:current']) },
    {
      w: 10,
      f: () =>
        tx(`Supplier payment doc ${r.range(1, 999_999)}`, [
          `plant:liabilities:payables  ${rub(money())}`,
          'plant:assets:bank:current',
        ]),
    },
    {
      w: 8,
      f: () =>
        tx('Overhead', [
          `plant:expenses:overhead  ${rub(money())}`,
          r.chance(1, 4) ? 'plant:assets:cash' : 'plant:assets:bank:current',
        ]),
    },
    { w: 4, f: () => tx('Cash withdrawal', [`plant:assets:cash  ${rub(money())}`, 'plant:assets:bank:current']) },
    {
      w: 2,
      f: () =>
        tx('Gosbank short-term credit drawn', [
          `plant:assets:bank:current  ${rub(money())}`,
          'plant:liabilities:gosbank:short-term',
        ]),
    },
    {
      w: 2,
      f: () =>
        tx('Gosbank short-term credit repaid', [
          `plant:liabilities:gosbank:short-term  ${rub(money())}`,
          'plant:assets:bank:current',
        ]),
    },
    {
      w: 1,
      f: () => {
        const tag = r.chance(1, 10)
          ? r.chance(1, 2)
            ? '  ; fund: wage-fund, approved-by: director'
            : '  ; fund: director-fund, approved-by: NKTP'
          : ''
        tx('Bonus', [`plant:expenses:wages:bonus  ${rub(money())}${tag}`, 'plant:liabilities:wages'])
      },
    },
    {
      w: 1,
      f: () => tx('Rework after acceptance', [`plant:assets:rework  ${rub(money())}`, 'plant:liabilities:wages']),
    },
    {
      w: 2,
      f: () =>
        tx('Budget allocation to the buyer', [`buyer:assets:bank:current  ${rub(money())}`, 'buyer:equity:budget']),
    },
    {
      w: 1,
      f: () =>
        tx('Own working capital allotted', [
          `plant:assets:bank:current  ${rub(money())}`,
          'plant:equity:own-working-capital',
        ]),
    },
  ]
  const plainWeights = PLAIN.map((t) => t.w)

  // ---- operation lines
  const op = (text) => {
    out.write(`${dateStr} ${text}\n`)
    stats.operations++
  }
  const directive = (text, what) => {
    out.write(`${text}\n`)
    stats[what]++
  }

  // A cycle is a list of steps [delayDays, fn]; a step runs when its day has come (after the
  // previous step), one due step per entry slot; a step with delay 0 runs at once after the one
  // before it (same entry slot, same date).
  let active = []
  const due = []
  const start = (steps) => {
    const cycle = { steps, at: 0, dueDay: day }
    active.push(cycle)
    runStep(cycle)
  }
  const runStep = (cycle) => {
    const step = cycle.steps[cycle.at++]
    step[1]()
    if (cycle.at >= cycle.steps.length) {
      cycle.done = true
      return
    }
    cycle.dueDay = day + cycle.steps[cycle.at][0]
    // a step due the same day (a demand and its acceptance) follows at once, before the day can move on
    if (cycle.dueDay <= day) runStep(cycle)
  }
  const collectDue = () => {
    active = active.filter((c) => !c.done)
    for (const c of active) if (c.dueDay <= day && !due.includes(c)) due.push(c)
  }

  const lotCycle = () => {
    const units = r.range(2, 10)
    const price = r.pick(UNIT_PRICES)
    const cost = (price * BigInt(r.range(70, 90))) / 100n
    const C = nextId('C')
    const L = nextId('L')
    const steps = []
    const later = (d, f) => steps.push([d, f])
    let made = units
    let loanPrincipal = 0n
    let G = ''
    later(0, () => op(`contract  ${C}  plant -> buyer  ${units} T28 @ ${rub(price)}  planned-cost ${rub(cost)}`))
    later(r.range(1, 10), () => op(`launch  plant  ${units} T28  lot ${L}  contract ${C}`))
    later(r.range(5, 30), () => op(`wages  plant  workers  ${rub((cost * BigInt(units)) / 2n)}  charge wip  lot ${L}`))
    if (r.chance(1, 3)) {
      loanPrincipal = (price * BigInt(units) * BigInt(r.range(30, 70))) / 100n
      later(r.range(1, 20), () => {
        G = nextId('GB')
        op(`loan  ${G}  gosbank -> plant  ${rub(loanPrincipal)}  rate 6%  term 6m  lot ${L}  contract ${C}`)
      })
      if (r.chance(1, 4)) {
        // the buyer borrows against the same contract: the same output pledged twice
        const p2 = (price * BigInt(units) * BigInt(r.range(40, 80))) / 100n
        later(r.range(1, 20), () =>
          op(`loan  ${nextId('GB')}  gosbank -> buyer  ${rub(p2)}  rate 6%  term 6m  contract ${C}`),
        )
      }
    }
    later(r.range(20, 90), () => {
      if (units > 2 && r.chance(1, 6)) {
        made = units - 1
        op(`otk-reject  plant  1 T28  cost ${rub(cost)}  rework  lot ${L}`)
      }
    })
    later(0, () => op(`complete  plant  ${made} T28  cost ${rub(cost * BigInt(made))}  lot ${L}`))
    if (r.chance(7, 10)) {
      // shipment, payment demand, acceptance, payment
      const S = `S-${L.slice(2)}`
      let P = ''
      let amount = 0n
      let accepted = 0n
      let partial = false
      later(r.range(1, 15), () =>
        op(`ship  ${S}  plant -> buyer  ${made} T28  cost ${rub(cost * BigInt(made))}  lot ${L}`),
      )
      later(r.range(0, 5), () => {
        P = nextId('PD')
        const billed = r.chance(1, 20) ? made + 1 : made // now and then more than was shipped
        amount = price * BigInt(billed)
        accepted = amount
        op(`demand  ${P}  plant -> buyer  ${billed} T28 @ ${rub(price)}  shipments ${S}  lot ${L}  contract ${C}`)
      })
      if (r.chance(3, 10)) later(0, () => op(`credit-documents  ${P}  gosbank  ${rub((amount * 7n) / 10n)}`))
      const how = r.weighted([16, 3, 1])
      if (how === 0) later(0, () => op(`accept  ${P}`))
      else if (how === 1)
        later(0, () => {
          partial = true
          accepted = amount - price
          const reason = r.chance(1, 10) ? '' : '  "defective transmissions"'
          op(`accept  ${P}  partial ${rub(accepted)}  refuse ${rub(price)}  ground defective${reason}`)
        })
      else later(r.range(12, 20), () => op(`lapse  ${P}`))
      later(r.range(3, 40), () => op(`pay  ${P}  ${rub(accepted)}`))
      later(r.range(5, 30), () => {
        if (partial && r.chance(1, 2)) op(`reverse  ${P}`)
      })
    } else {
      // military acceptance of the lot, then a demand naming the lot
      const PA = nextId('PA')
      const FA = nextId('FA')
      let finals = made
      later(r.range(1, 15), () =>
        op(`provisional-accept  ${PA}  plant -> buyer  ${made} T28  lot ${L}  cost ${rub(cost * BigInt(made))}`),
      )
      later(r.range(20, 200), () => {
        finals = made > 1 && r.chance(1, 3) ? made - 1 : made // a unit left ageing in provisional acceptance
        op(`final-accept  ${FA}  plant -> buyer  ${finals} T28  lot ${L}  cost ${rub(cost * BigInt(finals))}`)
      })
      let P = ''
      later(r.range(1, 10), () => {
        P = nextId('PD')
        op(`demand  ${P}  plant -> buyer  ${finals} T28 @ ${rub(price)}  lot ${L}  contract ${C}`)
      })
      later(0, () => op(`accept  ${P}`))
      later(r.range(3, 40), () => op(`pay  ${P}  ${rub(price * BigInt(finals))}`))
      if (r.chance(1, 4)) {
        const CL = nextId('CL')
        later(r.range(5, 60), () => op(`claim  ${CL}  buyer -> plant  1 T28  lot ${L}  inner  "transmission fails"`))
        later(r.range(3, 25), () => op(`answer  ${CL}`))
        later(r.range(1, 20), () =>
          op(
            `rework  ${nextId('RW')}  plant  wages ${rub((cost * BigInt(r.range(5, 40))) / 100n)}  claim ${CL}  lot ${L}  closes`,
          ),
        )
      }
    }
    if (loanPrincipal > 0n) {
      later(r.range(10, 60), () => op(`interest  ${G}`))
      // a quarter of the loans stay outstanding: the lot still secures them
      if (r.chance(3, 4)) later(r.range(1, 60), () => op(`repay  ${G}  principal ${rub(loanPrincipal)}`))
    }
    return steps
  }

  const billCycle = () => {
    const face = BigInt(r.range(1_000, 50_000)) * 10_000n
    let B = ''
    return [
      [
        0,
        () => {
          B = nextId('B')
          op(`bill  ${B}  draw plant -> buyer  ${rub(face)}  maturity ${formatDay(day + 90)}`)
        },
      ],
      [91, () => op(`bill  ${B}  redeem`)],
    ]
  }

  const freezeCycle = () => {
    const principal = BigInt(r.range(100, 1_000)) * 100_000n
    let G = ''
    return [
      [
        0,
        () => {
          G = nextId('GB')
          op(`loan  ${G}  gosbank -> plant  ${rub(principal)}  rate 6%  term 3m`)
        },
      ],
      [r.range(5, 20), () => op('freeze  plant  permit wages  by "Gosbank office"')],
      [r.range(2, 10), () => op(`repay  ${G}  principal ${rub(principal)}`)], // a debit the freeze did not permit
      [r.range(2, 10), () => op('unfreeze  plant  by "Gosbank office"')],
    ]
  }

  const newYear = () => {
    const y = year
    const wageFund = BigInt(r.range(20_000, 60_000)) * 100_000n // 2,000,000.00 .. 6,000,000.00 per 100k kopecks
    directive(`norm  ${y}  plant  working-capital  ${rub(BigInt(r.range(500, 5_000)) * 1_000_000n)}`, 'plans')
    directive(`plan  ${y}  plant  wage-fund  ${rub(wageFund * BigInt(Math.max(1, Math.round(n / 100_000))))}`, 'plans')
    directive(`plan  ${y}  plant  wage-fund:ITR  ${rub(wageFund / 5n)}`, 'plans')
    directive(`plan  ${y}  plant  output:T28  ${rub(BigInt(r.range(100, 400)) * 40_000_000n)}`, 'plans')
    directive(`plan  ${y}  plant  output:T28  [${r.range(100, 400)} T28]`, 'plans')
    directive(
      `limit  ${y}  plant  credit:gosbank  ${rub(BigInt(r.range(1, 6)) * 100_000_000n * BigInt(Math.max(1, Math.round(n / 10_000))))}`,
      'plans',
    )
    directive(`reported  ${y}  plant  plan-fulfilment  ${r.range(95, 125)}%`, 'reported')
    directive(`reported  ${y}  plant  plan-fulfilment:physical  ~${r.range(80, 105)}%`, 'reported')
    directive(`reported  ${y}  plant  rejection-rate  ${r.range(2, 15)}.${r.range(0, 9)}%`, 'reported')
    directive(`reported  ${y}  plant  bonus-rate:authorized:OTK  20%`, 'reported')
    directive(`reported  ${y}  plant  bonus-rate:applied:OTK  ${r.pick([20, 25, 50])}%`, 'reported')
    directive(
      `reported  ${y}-12-31  plant  working-capital  ~${rub(BigInt(r.range(500, 5_000)) * 1_000_000n)}`,
      'reported',
    )
    out.write('\n')
  }
  const newQuarter = () => {
    const q = `${year}-Q${quarter}`
    directive(`norm  ${q}  plant  working-capital:wip  ${rub(BigInt(r.range(100, 2_000)) * 1_000_000n)}`, 'plans')
    directive(`plan  ${q}  plant  output:T28  ${rub(BigInt(r.range(25, 100)) * 40_000_000n)}`, 'plans')
    directive(`plan  ${q}  plant  output:T28  [${r.range(25, 100)} T28]`, 'plans')
    out.write('\n')
  }
  const endQuarter = () => {
    // the materials store counted at the quarter's end: now and then a shortage
    const short = stock.steel > 20 && r.chance(1, 3) ? r.range(1, Math.max(1, Math.floor(stock.steel / 50))) : 0
    stock.steel -= short
    op(`count  ${nextId('CNT')}  plant:assets:materials  ${stock.steel} ST3 @ ${rub(STEEL_PRICE)}`)
    stats.counts++
    const fund = r.chance(1, 2) ? 'wage-fund  approved-by director  saving 25%' : 'director-fund  approved-by NKTP'
    op(
      `bonus  ${nextId('BON')}  plant  ITR  ${rub(BigInt(r.range(100, 2_000)) * 100_000n)}  from ${fund}  "quarterly plan fulfilment"`,
    )
    if (quarter === 2) op(`plan  ${year}  plant  wage-fund:ITR  ${rub(BigInt(r.range(4_000, 12_000)) * 100_000n)}`) // a mid-year revision
    out.write('\n')
  }
  const calendar = () => {
    const y = Number(dateStr.slice(0, 4))
    const q = Math.floor((Number(dateStr.slice(5, 7)) - 1) / 3) + 1
    if (y === year && q === quarter) return
    if (year !== 0) endQuarter()
    if (y !== year) {
      year = y
      quarter = q
      newYear()
      start(freezeCycle())
    }
    quarter = q
    newQuarter()
  }

  calendar()
  for (let i = 0; i < n; i++) {
    if (i > 0 && r.chance(perMille, 1000)) {
      day += 1 + r.weighted([6, 3, 1])
      dateStr = formatDay(day)
      calendar()
      collectDue()
    }
    if (due.length > 0) {
      runStep(due.shift())
      continue
    }
    if (r.chance(1, 90)) {
      start(lotCycle())
      continue
    }
    if (r.chance(1, 1500)) {
      start(billCycle())
      continue
    }
    PLAIN[r.weighted(plainWeights)].f()
  }
  out.close()

  const meta = {
    generator: 'bench/generate.mjs',
    version: 3,
    variant: 'shadow',
    seed,
    entries: n,
    ...stats,
    entities: 3,
    accounts: SHADOW_ACCOUNTS.length,
    firstDate: formatDay(START_DAY),
    lastDate: dateStr,
    journal: { file: `${base}.journal`, bytes: statSync(journalPath).size },
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
    if (args.transactions === undefined || args.out === undefined)
      throw new Error('--transactions and --out are required')
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
