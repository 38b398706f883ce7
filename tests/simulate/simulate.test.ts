/**
 * The simulator and the scorer: the pinned region in ledgers/simulated/ is what `simulate`
 * writes for its seed; the engine loads it and agrees with the simulator's own balances; the
 * rules score no worse than the pinned scores (regenerate with `npm run simulate:pin` after an
 * intended change); an honest region (every rate zero) draws no warn or critical finding.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { type Loaded, loadFile, loadText } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { builtInRules, reconcile } from '../../src/reconcile/index.js'
import {
  type AuditEntry,
  auditLedger,
  decoyKinds,
  mechanismKinds,
  parseRates,
  parseSweep,
  type Rates,
  type RuleScore,
  score,
  simulate,
  sweep,
  type Truth,
  TruthCodec,
  type TruthRecord,
} from '../../src/simulate/index.js'
import * as Prng from '../../src/simulate/Prng.js'

const ROOT = resolve(import.meta.dirname, '../..')
const PINNED = join(ROOT, 'ledgers/simulated')
/** As `npm run simulate:pin` writes it (package.json): some rates raised so that every kind is planted in 80 enterprise-years. */
const pinnedOptions = {
  enterprises: 40,
  years: 2,
  seed: 21,
  rates: {
    'invoice-without-shipment': 150,
    'bonus-wage-fund': 80,
    'partial-divert': 80,
    'unaccepted-output': 150,
    'provisional-refinance': 60,
    'savings-bank-over-limit': 60,
    'otk-bonus-rate': 80,
  },
}

const generate = (options: Parameters<typeof simulate>[0]) => {
  const files = new Map<string, string>()
  const records: TruthRecord[] = []
  const audit: AuditEntry[] = []
  for (const chunk of simulate(options)) {
    if (chunk._tag === 'Journal') files.set(chunk.file, (files.get(chunk.file) ?? '') + chunk.text)
    else if (chunk._tag === 'Truth') records.push(chunk.record)
    else audit.push(chunk.entry)
  }
  return { files, records, audit }
}

const loadMemory = (files: ReadonlyMap<string, string>): Loaded => {
  const prefixed = new Map([...files].map(([name, text]) => [`/region/${name}`, text] as const))
  const loaded = loadText('/region/region.journal', files.get('region.journal') ?? '', {
    fileSystem: memoryFileSystem(prefixed),
  })
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left.diagnostics.slice(0, 3)))
  return loaded.right
}

const inputOf = (loaded: Loaded, asOf: string) => ({
  books: loaded.books,
  reported: loaded.reported,
  settings: loaded.settings,
  asOf: asOf as never,
})

describe('the pinned region', () => {
  const generated = generate(pinnedOptions)
  const truth = TruthCodec.decode(JSON.parse(readFileSync(join(PINNED, 'truth.json'), 'utf8')))
  const loadedFromDisk = loadFile(join(PINNED, 'region.journal'), { fileSystem: nodeFileSystem })

  it('is what simulate writes for its seed (byte for byte)', () => {
    for (const [file, text] of generated.files) expect(readFileSync(join(PINNED, file), 'utf8'), file).toBe(text)
    expect(readdirSync(join(PINNED, 'enterprises')).length).toBe(
      [...generated.files.keys()].filter((f) => f.startsWith('enterprises/')).length,
    )
  })

  it('has a truth file the codec reads, with every mechanism planted', () => {
    expect(E.isRight(truth)).toBe(true)
    if (E.isLeft(truth)) return
    expect(truth.right.records).toEqual(generated.records)
    const planted = new Set(truth.right.records.filter((r) => !r.decoy).map((r) => r.kind))
    for (const kind of mechanismKinds) expect(planted.has(kind), kind).toBe(true)
  })

  it('loads without error, and the engine agrees with the simulator on every audited account', () => {
    expect(E.isRight(loadedFromDisk)).toBe(true)
    if (E.isLeft(loadedFromDisk)) return
    expect(generated.audit.length).toBeGreaterThan(100)
    expect(auditLedger(loadedFromDisk.right.ledger, generated.audit)).toEqual([])
  })

  it('the auditor catches a simulator that books what it did not write', () => {
    if (E.isLeft(loadedFromDisk)) throw new Error('not loaded')
    const entry = generated.audit.find((e) => e.account.endsWith(':assets:bank:current')) as AuditEntry
    const wrong = { ...entry, quantity: `${entry.quantity}1` }
    expect(auditLedger(loadedFromDisk.right.ledger, [wrong])).toHaveLength(1)
  })

  it('scores no worse than the pinned scores (npm run simulate:pin regenerates them)', () => {
    if (E.isLeft(loadedFromDisk) || E.isLeft(truth)) throw new Error('not loaded')
    const pinned = JSON.parse(readFileSync(join(ROOT, 'tests/simulate/pinned-scores.json'), 'utf8')) as {
      rules: RuleScore[]
      asOf: string
    }
    const report = score(inputOf(loadedFromDisk.right, pinned.asOf), truth.right)
    expect(E.isRight(report)).toBe(true)
    if (E.isLeft(report)) return
    for (const before of pinned.rules) {
      const now = report.right.rules.find((r) => r.rule === before.rule)
      expect(now, before.rule).toBeDefined()
      if (now === undefined) continue
      expect(now.truePositives, `${before.rule}: true positives`).toBeGreaterThanOrEqual(before.truePositives)
      expect(now.falsePositives, `${before.rule}: false positives`).toBeLessThanOrEqual(before.falsePositives)
    }
    // Every paper rule has a score line.
    expect(report.right.rules.length).toBeGreaterThanOrEqual(16)
  })

  it('a rule made worse fails the pin: wage-fund-overrun with a threshold no finding reaches', () => {
    if (E.isLeft(loadedFromDisk) || E.isLeft(truth)) throw new Error('not loaded')
    const report = score(inputOf(loadedFromDisk.right, '1935-12-31'), truth.right, {
      overrides: new Map([
        ['wage-fund-overrun.warnAbove', '90'],
        ['wage-fund-overrun.criticalAbove', '95'],
      ]),
    })
    if (E.isLeft(report)) throw new Error(report.left)
    const pinned = JSON.parse(readFileSync(join(ROOT, 'tests/simulate/pinned-scores.json'), 'utf8')) as {
      rules: RuleScore[]
    }
    const before = pinned.rules.find((r) => r.rule === 'wage-fund-overrun') as RuleScore
    const now = report.right.rules.find((r) => r.rule === 'wage-fund-overrun') as RuleScore
    expect(before.truePositives).toBeGreaterThan(0)
    expect(now.truePositives).toBeLessThan(before.truePositives)
  })

  it('sweeps a parameter: recall falls as the threshold rises', () => {
    if (E.isLeft(loadedFromDisk) || E.isLeft(truth)) throw new Error('not loaded')
    const spec = parseSweep('wage-fund-overrun.warnAbove=0..60:20')
    if (E.isLeft(spec)) throw new Error(spec.left)
    const rows = sweep(inputOf(loadedFromDisk.right, '1935-12-31'), truth.right, spec.right, {
      overrides: new Map([['wage-fund-overrun.criticalAbove', '100']]),
    })
    if (E.isLeft(rows)) throw new Error(rows.left)
    expect(rows.right.map((r) => r.value)).toEqual(['0', '20', '40', '60'])
    const recalls = rows.right.map((r) => r.score.recall ?? 0)
    expect(recalls[0]).toBe(1000)
    expect(recalls[3]).toBeLessThan(recalls[0] as number)
  })
})

describe('an honest region', () => {
  it('gives no warn or critical finding when every rate, decoys included, is zero', () => {
    const zero = Object.fromEntries([...mechanismKinds, ...decoyKinds].map((k) => [k, 0])) as unknown as Rates
    const { files, records, audit } = generate({ enterprises: 24, years: 3, seed: 5, rates: zero })
    expect(records).toEqual([])
    const loaded = loadMemory(files)
    expect(auditLedger(loaded.ledger, audit)).toEqual([])
    const result = reconcile(inputOf(loaded, '1936-12-31'), builtInRules, { minSeverity: 'warn' })
    if (E.isLeft(result)) throw new Error('reconcile failed')
    expect(result.right.findings.map((f) => `${f.severity} ${f.rule} ${f.entity} ${f.date}`)).toEqual([])
    // The silence is not for want of material: the books the rules on rates, counts and bills read are there.
    const text = [...files.values()].join('')
    for (const line of ['bonus-rate:applied:OTK', '  rejection-rate  ', ':assets:materials  ', ' freeze ', ' demand '])
      expect(text, line).toContain(line)
  })

  it('with --honest (mechanisms off, decoys kept) every warn or critical finding falls on a decoy', () => {
    const { files, records } = generate({ enterprises: 40, years: 2, seed: 21, honest: true })
    expect(records.length).toBeGreaterThan(0)
    expect(records.every((r) => r.decoy)).toBe(true)
    const decoyYears = new Set(records.map((r) => `${r.entity} ${r.period.label}`))
    const result = reconcile(inputOf(loadMemory(files), '1935-12-31'), builtInRules, { minSeverity: 'warn' })
    if (E.isLeft(result)) throw new Error('reconcile failed')
    const offDecoy = result.right.findings
      .filter((f) => !decoyYears.has(`${f.entity} ${f.date.slice(0, 4)}`))
      .map((f) => `${f.severity} ${f.rule} ${f.entity} ${f.date}`)
    expect(offDecoy).toEqual([])
  })
})

describe('simulator inputs', () => {
  it('parses rates as text, without floating point', () => {
    expect(parseRates('wip-growth=0.1,frozen-debit=5%,partial-divert=0.125')).toEqual({
      rates: { 'wip-growth': 100, 'frozen-debit': 50, 'partial-divert': 125 },
    })
    expect(parseRates('nonsense=0.1')).toHaveProperty('error')
    expect(parseRates('wip-growth=1.5')).toHaveProperty('error')
  })
  it('parses sweeps', () => {
    expect(parseSweep('working-capital-above-norm.warnAt=0..50:25')).toEqual(
      E.right({ rule: 'working-capital-above-norm', parameter: 'warnAt', values: ['0', '25', '50'] }),
    )
    expect(E.isLeft(parseSweep('x.y=1..2'))).toBe(true)
  })
  it('the generator is seeded and streams are independent', () => {
    const a = Prng.make(7, 3)
    const b = Prng.make(7, 3)
    const c = Prng.make(7, 4)
    const draws = (p: Prng.Prng) => Array.from({ length: 5 }, () => p.next())
    const first = draws(a)
    expect(first).toEqual(draws(b))
    expect(first).not.toEqual(draws(c))
  })
  it('the same seed writes the same region, another seed another', () => {
    const one = generate({ enterprises: 3, years: 1, seed: 9 })
    const two = generate({ enterprises: 3, years: 1, seed: 9 })
    const three = generate({ enterprises: 3, years: 1, seed: 10 })
    expect([...one.files]).toEqual([...two.files])
    expect([...one.files]).not.toEqual([...three.files])
  })
  it('a truth file without its schema version is refused', () => {
    expect(E.isLeft(TruthCodec.decode({ seed: 1 } as unknown as Truth))).toBe(true)
  })
})
