// Smoke test of the benchmark generator (bench/generate.mjs): determinism, the shape
// of the books, and that every balance assertion holds, recomputed with BigInt.
// No timing here: the benchmark itself is `npm run bench`.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const GENERATE = join(ROOT, 'bench', 'generate.mjs')
const N = 200
const SEED = 4242

interface Posting {
  account: string
  amount: bigint | null
  assertion: bigint | null
}
interface Txn {
  date: string
  description: string
  postings: Posting[]
}
interface BalanceDirective {
  date: string
  account: string
  amount: bigint
}

const AMOUNT = String.raw`-?(?:0|[1-9]\d*)\.\d{2}`
const DATE = String.raw`\d{4}-\d{2}-\d{2}`

/** "1234.56" -> 123456n, exactly */
function kopecks(s: string): bigint {
  if (!new RegExp(`^${AMOUNT}$`).test(s)) throw new Error(`bad amount ${s}`)
  return BigInt(s.replace('.', ''))
}

function generate(out: string, variant: 'plain' | 'shadow' = 'plain', seed = SEED, n = N): void {
  const r = spawnSync(
    process.execPath,
    [GENERATE, '--transactions', String(n), '--seed', String(seed), '--out', out, '--variant', variant],
    {
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) throw new Error(`generate.mjs failed: ${r.stderr}`)
}

function parseJournal(text: string): { accounts: string[]; txns: Txn[] } {
  const accounts: string[] = []
  const txns: Txn[] = []
  const header = new RegExp(`^(${DATE}) (\\S.*)$`)
  const posting = new RegExp(`^    (\\S+)(?:  (${AMOUNT}) RUB(?: = (${AMOUNT}) RUB)?)?$`)
  let cur: Txn | null = null
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(';')) {
      cur = null
      continue
    }
    if (line.startsWith('account ')) {
      accounts.push(line.slice('account '.length))
      continue
    }
    const h = header.exec(line)
    if (h) {
      cur = { date: h[1] ?? '', description: h[2] ?? '', postings: [] }
      txns.push(cur)
      continue
    }
    const p = posting.exec(line)
    if (p && cur) {
      cur.postings.push({
        account: p[1] ?? '',
        amount: p[2] === undefined ? null : kopecks(p[2]),
        assertion: p[3] === undefined ? null : kopecks(p[3]),
      })
      continue
    }
    throw new Error(`unexpected journal line: ${JSON.stringify(line)}`)
  }
  return { accounts, txns }
}

function parseBeancount(text: string): { opens: string[]; txns: Txn[]; balances: BalanceDirective[] } {
  const opens: string[] = []
  const txns: Txn[] = []
  const balances: BalanceDirective[] = []
  const open = new RegExp(`^${DATE} open (\\S+) RUB$`)
  const header = new RegExp(`^(${DATE}) \\* "([^"]*)"$`)
  const posting = new RegExp(`^  (\\S+)(?:  (${AMOUNT}) RUB)?$`)
  const balance = new RegExp(`^(${DATE}) balance (\\S+) (${AMOUNT}) RUB$`)
  let cur: Txn | null = null
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(';') || line.startsWith('option ')) {
      cur = null
      continue
    }
    let m = open.exec(line)
    if (m) {
      opens.push(m[1] ?? '')
      continue
    }
    m = balance.exec(line)
    if (m) {
      balances.push({ date: m[1] ?? '', account: m[2] ?? '', amount: kopecks(m[3] ?? '') })
      continue
    }
    m = header.exec(line)
    if (m) {
      cur = { date: m[1] ?? '', description: m[2] ?? '', postings: [] }
      txns.push(cur)
      continue
    }
    m = posting.exec(line)
    if (m && cur) {
      cur.postings.push({ account: m[1] ?? '', amount: m[2] === undefined ? null : kopecks(m[2]), assertion: null })
      continue
    }
    throw new Error(`unexpected beancount line: ${JSON.stringify(line)}`)
  }
  return { opens, txns, balances }
}

const capitalise = (a: string): string =>
  a
    .split(':')
    .map((c) => c.charAt(0).toUpperCase() + c.slice(1))
    .join(':')

/** Each posting's amount, the elided one inferred: minus the sum of the others. */
function amountsOf(t: Txn): bigint[] {
  const explicit = t.postings.reduce((s, p) => s + (p.amount ?? 0n), 0n)
  return t.postings.map((p) => p.amount ?? -explicit)
}

describe('bench/generate.mjs', () => {
  let dirA = ''
  let dirB = ''
  let journalText = ''
  let beanText = ''
  let journal: { accounts: string[]; txns: Txn[] }
  let bean: { opens: string[]; txns: Txn[]; balances: BalanceDirective[] }

  beforeAll(() => {
    dirA = mkdtempSync(join(tmpdir(), 'sl-bench-a-'))
    dirB = mkdtempSync(join(tmpdir(), 'sl-bench-b-'))
    generate(dirA)
    generate(dirB)
    journalText = readFileSync(join(dirA, `bench-${N}.journal`), 'utf8')
    beanText = readFileSync(join(dirA, `bench-${N}.beancount`), 'utf8')
    journal = parseJournal(journalText)
    bean = parseBeancount(beanText)
  })

  afterAll(() => {
    for (const d of [dirA, dirB]) if (d) rmSync(d, { recursive: true, force: true })
  })

  it('is deterministic: the same seed gives byte-identical files', () => {
    for (const f of [`bench-${N}.journal`, `bench-${N}.beancount`, `bench-${N}.meta.json`]) {
      expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true)
    }
  })

  it('depends on the seed', () => {
    const dirC = mkdtempSync(join(tmpdir(), 'sl-bench-c-'))
    try {
      generate(dirC, 'plain', SEED + 1)
      expect(readFileSync(join(dirC, `bench-${N}.journal`), 'utf8')).not.toBe(journalText)
    } finally {
      rmSync(dirC, { recursive: true, force: true })
    }
  })

  it('writes N transactions on ascending dates over about 60 declared leaf accounts', () => {
    expect(journal.txns).toHaveLength(N)
    const dates = journal.txns.map((t) => t.date)
    expect([...dates].sort()).toEqual(dates)
    expect(journal.accounts.length).toBeGreaterThanOrEqual(50)
    expect(journal.accounts.length).toBeLessThanOrEqual(70)
    expect(new Set(journal.accounts).size).toBe(journal.accounts.length)
    const roots = new Set(journal.accounts.map((a) => a.split(':')[0]))
    expect([...roots].sort()).toEqual(['assets', 'equity', 'expenses', 'income', 'liabilities'])
    for (const a of journal.accounts) {
      expect(
        journal.accounts.some((b) => b.startsWith(`${a}:`)),
        `${a} is a parent`,
      ).toBe(false)
    }
    const declared = new Set(journal.accounts)
    for (const t of journal.txns) for (const p of t.postings) expect(declared.has(p.account), p.account).toBe(true)
  })

  it('gives every transaction 2-4 postings, distinct accounts, exactly one elided amount, and balances', () => {
    for (const t of journal.txns) {
      expect(t.postings.length).toBeGreaterThanOrEqual(2)
      expect(t.postings.length).toBeLessThanOrEqual(4)
      expect(new Set(t.postings.map((p) => p.account)).size).toBe(t.postings.length)
      expect(t.postings.filter((p) => p.amount === null)).toHaveLength(1)
      const explicit = t.postings.reduce((s, p) => s + (p.amount ?? 0n), 0n)
      expect(explicit).not.toBe(0n) // so the elided amount is never zero
      expect(amountsOf(t).reduce((s, a) => s + a, 0n)).toBe(0n)
    }
  })

  it('writes balance assertions that hold after their posting, in file order', () => {
    const running = new Map<string, bigint>()
    let assertions = 0
    for (const t of journal.txns) {
      const amounts = amountsOf(t)
      t.postings.forEach((p, i) => {
        const after = (running.get(p.account) ?? 0n) + (amounts[i] ?? 0n)
        running.set(p.account, after)
        if (p.assertion !== null) {
          assertions++
          expect(p.amount, 'assertions sit on explicit postings').not.toBeNull()
          expect(p.assertion, `${t.date} ${p.account}`).toBe(after)
        }
      })
    }
    expect(assertions).toBeGreaterThanOrEqual(1)
    expect(assertions).toBeLessThanOrEqual(4) // about 0.4 % of 200
    const meta = JSON.parse(readFileSync(join(dirA, `bench-${N}.meta.json`), 'utf8')) as Record<string, unknown>
    expect(meta.assertions).toBe(assertions)
    expect(meta.transactions).toBe(N)
    expect(meta.postings).toBe(journal.txns.reduce((s, t) => s + t.postings.length, 0))
    // the final balances that bench/run.mjs checks the tools' reports against
    const finals = meta.finalBalances as Record<string, string>
    expect(Object.keys(finals)).toEqual(journal.accounts)
    for (const a of journal.accounts) expect(kopecks(finals[a] ?? ''), a).toBe(running.get(a) ?? 0n)
  })

  it('writes the same books to the beancount file', () => {
    expect(bean.txns).toHaveLength(journal.txns.length)
    expect(bean.opens).toEqual(journal.accounts.map(capitalise))
    for (const a of bean.opens) expect(a).toMatch(/^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z][A-Za-z0-9-]*)+$/)
    bean.txns.forEach((b, i) => {
      const j = journal.txns[i]
      expect(j).toBeDefined()
      if (!j) return
      expect(b.date).toBe(j.date)
      expect(b.description).toBe(j.description)
      expect(b.postings.map((p) => [p.account, p.amount])).toEqual(
        j.postings.map((p) => [capitalise(p.account), p.amount]),
      )
    })
  })

  it('writes beancount balance directives that hold at the beginning of their date', () => {
    expect(bean.balances.length).toBeGreaterThanOrEqual(1)
    for (const b of bean.balances) {
      let sum = 0n
      for (const t of bean.txns) {
        if (t.date >= b.date) continue
        const amounts = amountsOf(t)
        t.postings.forEach((p, i) => {
          if (p.account === b.account) sum += amounts[i] ?? 0n
        })
      }
      expect(b.amount, `${b.date} balance ${b.account}`).toBe(sum)
    }
    // one directive per journal assertion (per account and day)
    const asserted = new Set<string>()
    for (const t of journal.txns)
      for (const p of t.postings) if (p.assertion !== null) asserted.add(`${t.date} ${capitalise(p.account)}`)
    expect(bean.balances).toHaveLength(asserted.size)
    // the directive dated the day after: it follows the last transaction of the day
    const lines = beanText.split('\n')
    for (const b of bean.balances) {
      const at = lines.findIndex((l) => l.startsWith(`${b.date} balance ${b.account} `))
      const before = lines.slice(0, at).filter((l) => /^\d{4}-\d{2}-\d{2} \*/.test(l))
      const after = lines.slice(at + 1).filter((l) => /^\d{4}-\d{2}-\d{2} \*/.test(l))
      for (const l of before) expect(l.slice(0, 10) < b.date).toBe(true)
      for (const l of after) expect(l.slice(0, 10) >= b.date).toBe(true)
    }
  })

  it('shadow variant: entities, role accounts, goods, plans and operations; deterministic; loads with check', async () => {
    const dirS = mkdtempSync(join(tmpdir(), 'sl-bench-s-'))
    const dirT = mkdtempSync(join(tmpdir(), 'sl-bench-t-'))
    try {
      // a few years of books, so that production cycles run to payment and loans
      const S = 3000
      generate(dirS, 'shadow', SEED, S)
      generate(dirT, 'shadow', SEED, S)
      const file = join(dirS, `bench-${S}-shadow.journal`)
      const shadow = readFileSync(file, 'utf8')
      expect(readFileSync(join(dirT, `bench-${S}-shadow.journal`), 'utf8')).toBe(shadow)
      expect(shadow).toMatch(/^entity plant\n {4}title: .*\n {4}sector: state$/m)
      expect(shadow).toMatch(/^entity buyer\n {4}title: .*\n {4}sector: military$/m)
      expect(shadow).toMatch(/^commodity T28\n {4}kind: goods$/m)
      expect(shadow).toMatch(/^ {4}plant:assets:wip {2}-?[\d,]+\.\d{2} RUB {2}\[-?\d+ (T28|ST3)\]$/m)
      expect(shadow).toMatch(/^norm {2}\d{4} {2}plant {2}working-capital {2}/m)
      expect(shadow).toMatch(/^plan {2}\d{4}-Q\d {2}plant {2}output:T28 {2}\[\d+ T28\]$/m)
      expect(shadow).toMatch(/^reported {2}\d{4} {2}plant {2}plan-fulfilment {2}\d+%$/m)
      expect(shadow).toMatch(/^\d{4}-\d{2}-\d{2} count {2}CNT-/m)
      for (const keyword of ['contract', 'launch', 'complete', 'demand', 'accept', 'pay', 'loan'])
        expect(shadow, keyword).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} ${keyword} `, 'm'))
      // every posted account is an entity's (no bare `assets:` accounts as in the plain books)
      let inTransaction = false
      let postings = 0
      for (const line of shadow.split('\n')) {
        if (/^\d{4}-\d{2}-\d{2} [A-Z]/.test(line)) inTransaction = true
        else if (!line.startsWith(' ')) inTransaction = false
        else if (inTransaction) {
          expect(line.trimStart()).toMatch(/^(plant|buyer|gosbank):/)
          postings++
        }
      }
      expect(postings).toBeGreaterThan(1000)
      const meta = JSON.parse(readFileSync(join(dirS, `bench-${S}-shadow.meta.json`), 'utf8')) as Record<string, number>
      expect(meta.entries).toBe(S)
      expect(meta.operations).toBeGreaterThan(0)
      const checked = await runCli(['check', file])
      expect(checked.stderr).toBe('')
      expect(checked.code).toBe(0)
      expect(checked.stdout).toMatch(/^ok: /)
    } finally {
      rmSync(dirS, { recursive: true, force: true })
      rmSync(dirT, { recursive: true, force: true })
    }
  })
})
