/**
 * The scenario simulator: a seeded region of enterprises, their military and civilian buyers,
 * a Gosbank branch and savings banks, written as journals in the engine's own operation syntax,
 * with mechanisms M1–M9 (domain.md §2) planted at chosen rates and decoys that look like them.
 *
 * `simulate` is a generator of chunks (journal text for a file, a truth record, an auditor
 * entry): one enterprise is generated, yielded and forgotten before the next, so a region of
 * any size streams to disk. The caller (the CLI, or a test with a memory file system) writes
 * the chunks; this layer touches no file.
 */
import type { Money } from './Money.js'
import * as M from './Money.js'
import * as Prng from './Prng.js'
import type { AuditEntry, DecoyKind, ExpectedRule, MechanismKind, TruthRecord } from './Truth.js'
import { decoyKinds, mechanismKinds, mechanismOf } from './Truth.js'
/** Rates in permille per enterprise-year (50 = 5 % of enterprise-years carry the mechanism). */
export type Rates = Readonly<Record<MechanismKind | DecoyKind, number>>
export interface SimulateOptions {
  readonly enterprises: number
  readonly years: number
  readonly seed: number
  readonly startYear?: number
  readonly honest?: boolean
  readonly rates?: Partial<Rates>
  /** Enterprises per journal file (default 50). */
  readonly perFile?: number
}
export const defaultRates: Rates = {
  'invoice-without-shipment': 50,
  'wip-growth': 50,
  'bonus-wage-fund': 50,
  'provisional-refinance': 40,
  'partial-divert': 40,
  'savings-bank-over-limit': 40,
  'frozen-debit': 50,
  'working-capital-above-norm': 50,
  'plan-by-volume': 50,
  'refused-for-defects': 50,
  'wip-ramp-up': 50,
  'director-fund-bonus': 80,
}
export type Chunk =
  | { readonly _tag: 'Journal'; readonly file: string; readonly text: string }
  | { readonly _tag: 'Truth'; readonly record: TruthRecord }
  | { readonly _tag: 'Audit'; readonly entry: AuditEntry }
interface Product {
  readonly symbol: string
  readonly unit: string
  readonly military: boolean
  readonly price: Money
  /** units per year by size: small, medium, large (multiples of 4). */
  readonly perYear: readonly [number, number, number]
}
const products: ReadonlyArray<Product> = [
  { symbol: 'T28', unit: 'tank', military: true, price: M.rubles(380_000), perYear: [8, 20, 48] },
  { symbol: 'shell', unit: 'shell', military: true, price: M.ofKopecks(4_550), perYear: [4_000, 12_000, 40_000] },
  { symbol: 'tractor', unit: 'tractor', military: false, price: M.rubles(8_200), perYear: [200, 600, 1_600] },
  { symbol: 'lathe', unit: 'lathe', military: false, price: M.rubles(12_500), perYear: [120, 360, 960] },
]
const militaryBuyers = ['mil-01', 'mil-02', 'mil-03', 'mil-04']
const civilianBuyers = ['civ-01', 'civ-02', 'civ-03', 'civ-04']
const suppliers = ['sup-01', 'sup-02', 'sup-03']
const savingsBanks = ['sberkassa-1', 'sberkassa-2', 'sberkassa-3']
const procurers = Array.from({ length: 12 }, (_, i) => `procurer-${String(i + 1).padStart(2, '0')}`)
const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const day = (year: number, month: number, dayOfMonth: number): string =>
  `${year}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`
const yearPeriod = (year: number) => ({
  start: `${year}-01-01`,
  endExclusive: `${year + 1}-01-01`,
  label: String(year),
})
/** Parses `kind=rate,…` (rates as decimals `0.05` or percentages `5%`) into permille; errors name the part. */
export const parseRates = (text: string): { readonly rates: Partial<Rates> } | { readonly error: string } => {
  const rates: Partial<Record<MechanismKind | DecoyKind, number>> = {}
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const [kind, value] = part.split('=')
    if (kind === undefined || value === undefined) return { error: `--plant ${part}: write KIND=RATE` }
    if (
      !(mechanismKinds as ReadonlyArray<string>).includes(kind) &&
      !(decoyKinds as ReadonlyArray<string>).includes(kind)
    ) {
      return {
        error: `--plant ${part}: unknown kind "${kind}" (known: ${[...mechanismKinds, ...decoyKinds].join(', ')})`,
      }
    }
    const permille = ratePermille(value)
    if (permille === undefined)
      return {
        error:
          `--plant ${part}: the rate must be a decimal in [0, 1] with at most 3 decimals (0.05) or ` +
          `a percentage (5%)`,
      }
    rates[kind as MechanismKind] = permille
  }
  return { rates }
}
/** `0.05` → 50, `5%` → 50, `0.125` → 125 (no floating point: the digits are read as text). */
export const ratePermille = (value: string): number | undefined => {
  const percent = /^(\d{1,3})(?:\.(\d))?%$/u.exec(value)
  if (percent !== null) {
    const result = Number(percent[1]) * 10 + Number(percent[2] ?? '0')
    return result <= 1000 ? result : undefined
  }
  const decimal = /^(0|1)(?:\.(\d{1,3}))?$/u.exec(value)
  if (decimal === null) return undefined
  const result = Number(decimal[1]) * 1000 + Number((decimal[2] ?? '').padEnd(3, '0'))
  return result <= 1000 ? result : undefined
}
export const entityName = (index: number): string => `plant-${pad(index + 1, 4)}`
/** The whole region, chunk by chunk. */
export function* simulate(options: SimulateOptions): Generator<Chunk> {
  const startYear = options.startYear ?? 1934
  const perFile = options.perFile ?? 50
  const rates: Rates = {
    ...defaultRates,
    ...(options.rates ?? {}),
    ...(options.honest === true ? Object.fromEntries(mechanismKinds.map((k) => [k, 0])) : {}),
  }
  const files = Math.ceil(options.enterprises / perFile)
  const partName = (n: number) => `enterprises/part-${pad(n + 1, 4)}.journal`
  yield {
    _tag: 'Journal',
    file: 'region.journal',
    text: [
      `; A simulated region: ${options.enterprises} enterprises, ${options.years} years from ` +
        `${startYear}, seed ${options.seed}.`,
      '; Generated by `shadow-ledger simulate`; truth.json lists what was planted. Amounts are synthetic.',
      'include declarations.journal',
      ...Array.from({ length: files }, (_, n) => `include ${partName(n)}`),
      '',
    ].join('\n'),
  }
  yield { _tag: 'Journal', file: 'declarations.journal', text: declarationsHead() }
  const declarations: string[] = []
  for (let index = 0; index < options.enterprises; index += 1) {
    declarations.push(`entity ${entityName(index)}\n    title: Plant No. ${index + 1}\n    sector: state\n`)
    if (declarations.length >= 500) {
      yield { _tag: 'Journal', file: 'declarations.journal', text: declarations.join('') }
      declarations.length = 0
    }
  }
  if (declarations.length > 0) yield { _tag: 'Journal', file: 'declarations.journal', text: declarations.join('') }
  for (let index = 0; index < options.enterprises; index += 1) {
    const enterprise = new Enterprise(index, options.seed, startYear, rates)
    for (let year = startYear; year < startYear + options.years; year += 1) enterprise.year(year, year === startYear)
    yield { _tag: 'Journal', file: partName(Math.floor(index / perFile)), text: enterprise.lines.join('\n') + '\n' }
    for (const record of enterprise.truth) yield { _tag: 'Truth', record }
    for (const entry of enterprise.audit()) yield { _tag: 'Audit', entry }
  }
}
const declarationsHead = (): string => {
  const lines = ['commodity RUB', '    format 1,000.00 RUB']
  for (const product of products)
    lines.push(`commodity ${product.symbol}`, '    kind: goods', `    unit: ${product.unit}`)
  lines.push('commodity steel', '    kind: goods', '    unit: tonne', '')
  lines.push('entity gosbank', '    title: State Bank, regional office', '    sector: bank')
  for (const bank of savingsBanks) lines.push(`entity ${bank}`, '    title: a savings bank', '    sector: bank')
  for (const buyer of militaryBuyers)
    lines.push(`entity ${buyer}`, '    title: a military procurement directorate', '    sector: military')
  for (const buyer of civilianBuyers) lines.push(`entity ${buyer}`, '    title: a civilian trust', '    sector: state')
  for (const supplier of suppliers) lines.push(`entity ${supplier}`, '    title: a steel works', '    sector: state')
  for (const person of procurers)
    lines.push(`entity ${person}`, '    title: a procurement officer', '    sector: person')
  lines.push('')
  return lines.join('\n')
}
/** One enterprise: its books as the simulator itself keeps them (the auditor's side), its lines and its truth. */
class Enterprise {
  readonly lines: string[] = []
  readonly truth: TruthRecord[] = []
  private readonly prng: Prng.Prng
  private readonly name: string
  private readonly product: Product
  private readonly buyer: string
  private readonly perYear: number
  private readonly unitCost: Money
  private readonly cash0: Money
  private readonly lot: string
  private readonly contract: string
  /** money by account (inclusive of sub-accounts), and units by account. */
  private readonly money = new Map<string, Money>()
  private readonly units = new Map<string, number>()
  private readonly counters = new Map<string, number>()
  private savingsOutstanding: Money = M.zero
  private cashBase: Money = M.zero
  constructor(
    private readonly index: number,
    seed: number,
    _startYear: number,
    private readonly rates: Rates,
  ) {
    this.prng = Prng.make(seed, index)
    this.name = entityName(index)
    this.product = Prng.pick(this.prng, products)
    const size = Prng.int(this.prng, 0, 99) < 50 ? 0 : Prng.int(this.prng, 0, 99) < 70 ? 1 : 2
    this.perYear = this.product.perYear[size] as number
    this.buyer = Prng.pick(this.prng, this.product.military ? militaryBuyers : civilianBuyers)
    this.unitCost = M.permille(this.product.price, Prng.int(this.prng, 760, 820))
    this.cash0 = M.permille(M.times(this.unitCost, this.perYear), 300)
    this.lot = `L-${this.index + 1}`
    this.contract = `C-${this.index + 1}`
  }
  private id(prefix: string, year: number): string {
    const key = `${prefix}-${year}`
    const next = (this.counters.get(key) ?? 0) + 1
    this.counters.set(key, next)
    return `${prefix}-${this.index + 1}-${year % 100}-${next}`
  }
  private acct(suffix: string): string {
    return `${this.name}:${suffix}`
  }
  private move(account: string, amount: Money): void {
    const key = this.acct(account)
    this.money.set(key, M.add(this.money.get(key) ?? M.zero, amount))
  }
  private moveUnits(account: string, count: number): void {
    const key = `${this.acct(account)}\u0000${account === 'assets:materials' ? 'steel' : this.product.symbol}`
    this.units.set(key, (this.units.get(key) ?? 0) + count)
  }
  private bal(account: string): Money {
    return this.money.get(this.acct(account)) ?? M.zero
  }
  private unitsOf(account: string): number {
    return (
      this.units.get(`${this.acct(account)}\u0000${account === 'assets:materials' ? 'steel' : this.product.symbol}`) ??
      0
    )
  }
  private draw(kind: MechanismKind | DecoyKind): boolean {
    return Prng.chance(this.prng, this.rates[kind])
  }
  private record(
    kind: MechanismKind | DecoyKind,
    year: number,
    expected: ReadonlyArray<ExpectedRule>,
    extra: Partial<TruthRecord> = {},
  ): void {
    const decoy = (decoyKinds as ReadonlyArray<string>).includes(kind)
    this.truth.push({
      id: `${kind}:${this.name}:${year}`,
      kind,
      decoy,
      entity: this.name,
      period: yearPeriod(year),
      expected: [...expected],
      detectable: expected.length > 0,
      ...(decoy ? {} : { mechanism: mechanismOf[kind as MechanismKind] }),
      ...extra,
    })
  }
  /** The auditor's figures for this enterprise. */
  *audit(): Generator<AuditEntry> {
    for (const [account, quantity] of [...this.money.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
      yield { account, book: 'money', commodity: 'RUB', quantity: M.exact(quantity) }
    for (const [key, count] of [...this.units.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [account, commodity] = key.split('\u0000') as [string, string]
      yield { account, book: 'goods', commodity, quantity: String(count) }
    }
  }
  year(year: number, first: boolean): void {
    const p = this.product
    const L = this.lines
    const n = this.name
    const sym = p.symbol
    // What this year carries.
    const plant = Object.fromEntries(mechanismKinds.map((k) => [k, this.draw(k)])) as Record<MechanismKind, boolean>
    const decoy = Object.fromEntries(decoyKinds.map((k) => [k, this.draw(k)])) as Record<DecoyKind, boolean>
    if (plant['wip-growth']) decoy['wip-ramp-up'] = false
    if (plant['partial-divert']) decoy['refused-for-defects'] = false
    const shortfall = plant['plan-by-volume'] ? Prng.int(this.prng, 30, 150) : 0 // permille of plan not delivered
    const quarterUnits = this.perYear / 4
    const delivered = [0, 1, 2, 3].map((q) =>
      q === 3 ? quarterUnits - Math.round((this.perYear * shortfall) / 1000) + 0 : quarterUnits,
    )
    const body: string[] = []
    const out = (line: string) => body.push(line)
    if (first) {
      out(
        `${day(year - 1, 12, 31)} * Opening balances\n    ${n}:assets:bank:current  ` +
          `${M.text(this.cash0)}\n    ${n}:equity:statutory-fund`,
      )
      this.move('assets:bank:current', this.cash0)
      const totalUnits = this.perYear * 40
      out(
        `${day(year - 1, 12, 31)} contract  ${this.contract}  ${n} -> ${this.buyer}  ${totalUnits} ${sym} ` +
          `@ ${M.text(p.price)}  planned-cost ${M.text(this.unitCost)}`,
      )
      out(`${day(year - 1, 12, 31)} launch  ${n}  ${totalUnits} ${sym}  lot ${this.lot}  contract ${this.contract}`)
      this.moveUnits('assets:wip', totalUnits)
      // The pipeline: half a quarter's input stays in progress from the first days on.
      const pipeline = M.permille(M.times(this.unitCost, this.perYear), 125)
      out(`${day(year - 1, 12, 31)} receive  ${n}  1 steel  cost ${M.text(pipeline)}`)
      out(`${day(year - 1, 12, 31)} issue  ${n}  1 steel  cost ${M.text(pipeline)}  lot ${this.lot}`)
      out(
        `${day(year - 1, 12, 31)} * Payment to the steel supplier\n    ${n}:liabilities:payables  ` +
          `${M.text(pipeline)}\n    ${n}:assets:bank:current`,
      )
      this.move('assets:wip', pipeline)
      this.move('assets:bank:current', M.sub(M.zero, pipeline))
      // The first unit of the series passes provisional and final acceptance (a type test), not invoiced.
      out(`${day(year, 1, 10)} complete  ${n}  1 ${sym}  cost ${M.text(this.unitCost)}  lot ${this.lot}`)
      out(
        `${day(year, 1, 11)} provisional-accept  ${this.id('PA', year)}  ${n} -> ${this.buyer}  1 ${sym}  ` +
          `lot ${this.lot}  cost ${M.text(this.unitCost)}`,
      )
      out(
        `${day(year, 1, 25)} final-accept  ${this.id('FA', year)}  ${n} -> ${this.buyer}  1 ${sym}  lot ` +
          `${this.lot}  cost ${M.text(this.unitCost)}`,
      )
      this.move('assets:wip', M.sub(M.zero, this.unitCost))
      this.moveUnits('assets:wip', -1)
      this.cashBase = this.bal('assets:bank:current')
    }
    const budget = M.permille(M.times(p.price, this.perYear), 1200)
    out(
      `${day(year, 1, 2)} * Budget allocation for ${n}'s output\n    ${this.buyer}:assets:bank:current  ` +
        `${M.text(budget)}\n    ${this.buyer}:equity:budget`,
    )
    // Plans. An annual output plan, or (ramp-up decoy) quarterly lines that grow.
    const planValue = M.times(p.price, this.perYear)
    const rampPermille = decoy['wip-ramp-up'] ? Prng.int(this.prng, 150, 300) : 0
    if (decoy['wip-ramp-up']) {
      let q = quarterUnits
      for (let quarter = 1; quarter <= 4; quarter += 1) {
        out(`plan  ${year}-Q${quarter}  ${n}  output:${sym}  [${q} ${sym}]`)
        q = Math.round((q * (1000 + rampPermille)) / 1000)
      }
      this.record('wip-ramp-up', year, [], {
        lookalikeOf: 'wip-growth',
        note: `quarterly output plan rising ${rampPermille / 10} % a quarter, work in progress in step`,
      })
    }
    out(`plan  ${year}  ${n}  output:${sym}  ${M.text(planValue)}`)
    // Production, quarter by quarter.
    let payroll = M.zero
    const missingMonth = Prng.chance(this.prng, 100) ? Prng.int(this.prng, 1, 11) : 0
    let wipExtra = M.zero
    const growth = plant['wip-growth'] ? Prng.int(this.prng, 200, 400) : rampPermille
    let accrued = M.zero
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      const m0 = quarter * 3 - 2
      const good = delivered[quarter - 1] as number
      const rejectRate = Prng.int(this.prng, 63, 71) // official rejection 6.3–7.1 % (Q21, fn 70)
      const rejected = Math.round((good * rejectRate) / 1000)
      const made = good + rejected
      const input = M.times(this.unitCost, made)
      const materials = M.permille(input, 600)
      const wages = M.sub(input, materials)
      // Work in progress above the pipeline: M2 (no plan behind it) or the ramp-up decoy (plan behind it).
      const issueExtra = growth > 0 && quarter >= 2 ? M.permille(this.bal('assets:wip'), growth) : M.zero
      wipExtra = M.add(wipExtra, issueExtra)
      const tonnes = Math.max(1, Math.floor(this.perYear / 4))
      const received = M.add(materials, issueExtra)
      out(`${day(year, m0, 4)} receive  ${n}  ${tonnes} steel  cost ${M.text(received)}`)
      this.move('assets:materials', received)
      this.moveUnits('assets:materials', tonnes)
      out(
        `${day(year, m0 + 1, 5)} * Payment to the steel supplier\n    ${n}:liabilities:payables  ` +
          `${M.text(received)}\n    ${n}:assets:bank:current`,
      )
      this.move('assets:bank:current', M.sub(M.zero, received))
      out(`${day(year, m0, 8)} issue  ${n}  ${tonnes} steel  cost ${M.text(received)}  lot ${this.lot}`)
      this.move('assets:materials', M.sub(M.zero, received))
      this.moveUnits('assets:materials', -tonnes)
      this.move('assets:wip', received)
      // Wages by month (a missing month is posted with the next one).
      const monthly = M.share(wages, 3)
      const perMonth = [monthly, monthly, M.sub(wages, M.times(monthly, 2))]
      let carried = M.zero
      for (let k = 0; k < 3; k += 1) {
        const month = m0 + k
        const amount = M.add(perMonth[k] as Money, carried)
        if (month === missingMonth && k < 2) {
          carried = amount
          continue
        }
        carried = M.zero
        out(`${day(year, month, 26)} wages  ${n}  workers  ${M.text(amount)}  charge wip  lot ${this.lot}`)
        this.move('assets:wip', amount)
        accrued = M.add(accrued, amount)
        payroll = M.add(payroll, amount)
        const payDay = month === 12 ? day(year, 12, 29) : day(year, month + 1, 3)
        out(`${payDay} pay-wages  ${n}  ${M.text(amount)}`)
        this.move('assets:bank:current', M.sub(M.zero, amount))
      }
      // Inspection: rejects scrapped, the rest completed and shipped.
      const last = m0 + 2
      if (rejected > 0) {
        out(
          `${day(year, last, 27)} otk-reject  ${n}  ${rejected} ${sym}  cost ` +
            `${M.text(M.times(this.unitCost, rejected))}  scrap  lot ${this.lot}`,
        )
        this.move('assets:wip', M.sub(M.zero, M.times(this.unitCost, rejected)))
        this.moveUnits('assets:wip', -rejected)
      }
      const goodCost = M.times(this.unitCost, good)
      out(`${day(year, last, 27)} complete  ${n}  ${good} ${sym}  cost ${M.text(goodCost)}  lot ${this.lot}`)
      this.move('assets:wip', M.sub(M.zero, goodCost))
      this.moveUnits('assets:wip', -good)
      this.move('assets:finished', goodCost)
      this.moveUnits('assets:finished', good)
      this.sell(
        year,
        last,
        good,
        quarter === 2 && decoy['refused-for-defects'],
        quarter === 2 && plant['partial-divert'],
        out,
      )
    }
    if (decoy['refused-for-defects'])
      this.record('refused-for-defects', year, [], {
        lookalikeOf: 'partial-divert',
        note: 'a large demand partly refused for defects, the remainder reversed with the goods returned',
      })
    if (plant['wip-growth']) {
      this.record('wip-growth', year, [{ rule: 'wip-growth-vs-plan' }], {
        amount: M.exact(wipExtra),
        note: `work in progress grows ${growth / 10} % a quarter with no plan behind it`,
      })
    }
    // M1: a demand at plan price with no shipment behind it, accepted and paid.
    if (plant['invoice-without-shipment']) {
      const count = Math.max(1, Math.round((this.perYear * Prng.int(this.prng, 20, 100)) / 1000))
      const amount = M.times(p.price, count)
      const id = this.id('PD', year)
      // One in four covers the demand with paper: a completion and a shipment of goods that were never made.
      // The books are then consistent; only a check at the buyer's end would show it (undetectable here).
      const papered = Prng.chance(this.prng, 250)
      if (papered) {
        const cost = M.times(this.unitCost, count)
        const shipment = this.id('S', year)
        out(`${day(year, 11, 5)} wages  ${n}  workers  ${M.text(cost)}  charge wip  lot ${this.lot}`)
        out(`${day(year, 11, 6)} complete  ${n}  ${count} ${sym}  cost ${M.text(cost)}  lot ${this.lot}`)
        out(
          `${day(year, 11, 7)} ship  ${shipment}  ${n} -> ${this.buyer}  ${count} ${sym}  cost ` +
            `${M.text(cost)}  lot ${this.lot}`,
        )
        out(
          `${day(year, 11, 10)} demand  ${id}  ${n} -> ${this.buyer}  ${count} ${sym} @ ${M.text(p.price)}  ` +
            `shipments ${shipment}  lot ${this.lot}`,
        )
        payroll = M.add(payroll, cost)
        this.moveUnits('assets:wip', -count)
      } else {
        out(
          `${day(year, 11, 10)} demand  ${id}  ${n} -> ${this.buyer}  ${count} ${sym} @ ${M.text(p.price)}  ` +
            `contract ${this.contract}  lot ${this.lot}`,
        )
      }
      out(`${day(year, 11, 11)} accept  ${id}`)
      out(`${day(year, 11, 20)} pay  ${id}  ${M.text(amount)}`)
      this.move('assets:bank:current', amount)
      this.record(
        'invoice-without-shipment',
        year,
        papered ? [] : [{ rule: 'demand-without-shipment', amount: M.exact(amount) }],
        {
          amount: M.exact(amount),
          units: { quantity: String(count), commodity: sym },
          ...(papered
            ? {
                note:
                  'covered by a fictitious completion and shipment: consistent books, not visible from the ' +
                  'books alone',
              }
            : {}),
        },
      )
    }
    // M4: provisional acceptance of a separate order, held past 90 days, pledged twice over.
    if (plant['provisional-refinance']) {
      const count = Prng.int(this.prng, 2, 6)
      const lot = `LP-${this.index + 1}-${year % 100}`
      const contract = `CP-${this.index + 1}-${year % 100}`
      const cost = M.times(this.unitCost, count)
      const value = M.times(p.price, count)
      out(
        `${day(year, 2, 1)} contract  ${contract}  ${n} -> ${this.buyer}  ${count} ${sym} @ ` +
          `${M.text(p.price)}  planned-cost ${M.text(this.unitCost)}`,
      )
      out(`${day(year, 2, 1)} launch  ${n}  ${count} ${sym}  lot ${lot}  contract ${contract}`)
      out(`${day(year, 2, 10)} wages  ${n}  workers  ${M.text(cost)}  charge wip  lot ${lot}`)
      payroll = M.add(payroll, cost)
      out(`${day(year, 5, 20)} complete  ${n}  ${count} ${sym}  cost ${M.text(cost)}  lot ${lot}`)
      out(
        `${day(year, 5, 25)} provisional-accept  ${this.id('PA', year)}  ${n} -> ${this.buyer}  ${count} ` +
          `${sym}  lot ${lot}  cost ${M.text(cost)}`,
      )
      this.move('assets:provisional', cost)
      this.moveUnits('assets:provisional', count)
      const seller = M.permille(value, Prng.int(this.prng, 600, 900))
      const buyer = M.permille(value, Prng.int(this.prng, 600, 900))
      out(
        `${day(year, 6, 15)} loan  ${this.id('GB', year)}  gosbank -> ${n}  ${M.text(seller)}  rate 6%  ` +
          `term 6m  purpose "rework"  collateral lot ${lot} contract ${contract}`,
      )
      out(
        `${day(year, 7, 15)} loan  ${this.id('GB', year)}  gosbank -> ${this.buyer}  ${M.text(buyer)}  ` +
          `rate 6%  term 6m  purpose "revised price"  collateral lot ${lot} contract ${contract}`,
      )
      this.move('assets:bank:current', seller)
      const excess = M.sub(M.add(seller, buyer), value)
      this.record(
        'provisional-refinance',
        year,
        [{ rule: 'same-output-pledged', amount: M.exact(excess) }, { rule: 'provisional-acceptance-ageing' }],
        {
          amount: M.exact(excess),
          units: { quantity: String(count), commodity: sym },
          note: 'units held provisionally accepted, the lot pledged by seller and buyer beyond its value',
        },
      )
    }
    // Honest seasonal Gosbank credit against the main lot, under its limit.
    if (Prng.chance(this.prng, 300)) {
      const principal = M.permille(M.times(this.unitCost, quarterUnits), 500)
      const id = this.id('GB', year)
      out(`limit  ${year}  ${n}  credit:gosbank  ${M.text(M.permille(principal, 1500))}`)
      out(
        `${day(year, 3, 1)} loan  ${id}  gosbank -> ${n}  ${M.text(principal)}  rate 6%  term 6m  ` +
          `collateral lot ${this.lot} contract ${this.contract}`,
      )
      out(`${day(year, 8, 25)} repay  ${id}  principal ${M.text(principal)}`)
    }
    // Savings-bank credit: honest while the programme lasted (1931-02-01 to 1935-12-04), M6 past the limit.
    const bank = savingsBanks[this.index % savingsBanks.length] as string
    const programme = year <= 1935
    if (plant['savings-bank-over-limit'] || (programme && Prng.chance(this.prng, 150))) {
      const principal = M.permille(M.times(this.unitCost, quarterUnits), 400)
      const over = plant['savings-bank-over-limit'] ? Prng.int(this.prng, 200, 800) : 0
      const limit =
        over > 0
          ? M.add(this.savingsOutstanding, M.share(M.times(principal, 1000), 1000 + over))
          : M.add(this.savingsOutstanding, M.permille(principal, 1200))
      out(`limit  ${year}  ${n}  credit:${bank}:savings-bank  ${M.text(limit)}`)
      out(
        `${day(year, 4, 10)} loan  ${this.id('SB', year)}  ${bank} -> ${n}  ${M.text(principal)}  rate 9%  ` +
          `term 10y  kind savings-bank  purpose "workers' housing"`,
      )
      this.move('assets:bank:current', principal)
      this.savingsOutstanding = M.add(this.savingsOutstanding, principal)
      if (over > 0) {
        this.record('savings-bank-over-limit', year, [{ rule: 'credit-outside-limits' }], {
          amount: M.exact(M.sub(this.savingsOutstanding, limit)),
          note: programme
            ? 'savings-bank credit drawn past its limit'
            : 'savings-bank credit past its limit, after the programme was cancelled',
        })
      }
    }
    // Freezes: most are lifted without a debit (142 of 306 unfrozen, Q3); M7 pays wages from the frozen account
    // although the freeze permits only budget payments and bank loans.
    if (plant['frozen-debit'] || Prng.chance(this.prng, 250)) {
      out(`${day(year, 9, 8)} freeze  ${n}  permit budget bank-loan  by "regional office of Gosbank"`)
      if (plant['frozen-debit']) {
        const advance = M.permille(M.times(this.unitCost, quarterUnits), Prng.int(this.prng, 20, 60))
        out(`${day(year, 9, 14)} wages  ${n}  ITR  ${M.text(advance)}  charge overhead`)
        out(`${day(year, 9, 15)} pay-wages  ${n}  ${M.text(advance)}`)
        payroll = M.add(payroll, advance)
        this.move('assets:bank:current', M.sub(M.zero, advance))
        this.record('frozen-debit', year, [{ rule: 'frozen-account-debit', amount: M.exact(advance) }], {
          amount: M.exact(advance),
        })
      }
      out(`${day(year, 9, 25)} unfreeze  ${n}  by "regional office of Gosbank"`)
    }
    // Wage fund and bonuses: M3 from the wage fund on reported output; the decoy from the director's fund, approved.
    const itr = M.permille(payroll, 100)
    out(`${day(year, 12, 20)} wages  ${n}  ITR  ${M.text(itr)}  charge overhead`)
    out(`${day(year, 12, 29)} pay-wages  ${n}  ${M.text(itr)}`)
    this.move('assets:bank:current', M.sub(M.zero, itr))
    payroll = M.add(payroll, itr)
    const fundFactor = Prng.int(this.prng, 1010, 1060)
    const fund = M.permille(payroll, fundFactor)
    out(`plan  ${year}  ${n}  wage-fund  ${M.text(fund, Prng.chance(this.prng, 200))}`)
    if (plant['bonus-wage-fund']) {
      const overrun = Prng.int(this.prng, 200, 450) // around the 33 % overrun of Q4 (D5)
      const target = M.permille(fund, 1000 + overrun)
      const bonus = M.sub(target, payroll)
      out(
        `${day(year, 12, 15)} bonus  ${this.id('BON', year)}  ${n}  ITR  ${M.text(bonus)}  from wage-fund  ` +
          `approved-by director  "plan fulfilment as reported"  saving 25%`,
      )
      out(`${day(year, 12, 30)} pay-wages  ${n}  ${M.text(bonus)}`)
      this.move('assets:bank:current', M.sub(M.zero, bonus))
      this.record(
        'bonus-wage-fund',
        year,
        [{ rule: 'wage-fund-overrun', amount: M.exact(M.sub(target, fund)) }, { rule: 'bonus-funding' }],
        { amount: M.exact(bonus) },
      )
    } else if (decoy['director-fund-bonus'] && shortfall === 0 && !decoy['refused-for-defects']) {
      // Before the decree of 19 Apr 1936 (fn 51) the wage fund could pay it; it stays inside the fund.
      const wageFund = year < 1936
      const bonus = wageFund ? M.permille(M.sub(fund, payroll), 800) : M.permille(fund, Prng.int(this.prng, 20, 80))
      out(
        `${day(year, 12, 15)} bonus  ${this.id('BON', year)}  ${n}  ITR  ${M.text(bonus)}  from ` +
          `${wageFund ? 'wage-fund' : 'director-fund'}  approved-by NKTP  "annual plan fulfilled"`,
      )
      out(`${day(year, 12, 30)} pay-wages  ${n}  ${M.text(bonus)}`)
      this.move('assets:bank:current', M.sub(M.zero, bonus))
      this.record('director-fund-bonus', year, [], {
        amount: M.exact(bonus),
        lookalikeOf: 'bonus-wage-fund',
        note: wageFund
          ? 'a bonus from the wage fund while it was permitted, inside the fund, approved'
          : "a bonus from the director's fund, approved, in a year the plan was met",
      })
    }
    // Reported plan fulfilment: honest books report what was realized; M9 reports volume.
    const realizedUnits = delivered.reduce((a, b) => a + b, 0) - (decoy['refused-for-defects'] ? this.refusedUnits : 0)
    const realizedPermille = Math.floor((realizedUnits * 1000) / this.perYear)
    if (plant['plan-by-volume']) {
      const reported = Prng.int(this.prng, 1050, 1200) // Kirov reported 114 % (Q15)
      out(`reported  ${year}  ${n}  plan-fulfilment  ${Math.floor(reported / 10)}.${reported % 10}%`)
      this.record('plan-by-volume', year, [{ rule: 'plan-fulfilment-triangulation' }], {
        amount: M.exact(M.times(p.price, this.perYear - realizedUnits)),
        note: `reported ${reported / 10} % against ${realizedPermille / 10} % realized`,
      })
    } else {
      out(`reported  ${year}  ${n}  plan-fulfilment  ${Math.floor(realizedPermille / 10)}.${realizedPermille % 10}%`)
    }
    this.refusedUnits = 0
    // Year-end count of the lot in progress (equal to the book).
    out(
      `${day(year, 12, 31)} count  ${this.id('CNT', year)}  ${n}:assets:wip:${this.lot}  ` +
        `${this.unitsOf('assets:wip')} ${sym}`,
    )
    // The profit goes to the budget; the current account returns to its opening level.
    const surplus = M.sub(this.bal('assets:bank:current'), this.cashBase)
    if (M.isPositive(surplus)) {
      out(
        `${day(year, 12, 31)} * Profit transferred to the budget\n    ${n}:equity:budget-transfers  ` +
          `${M.text(surplus)}\n    ${n}:assets:bank:current`,
      )
      this.move('assets:bank:current', M.sub(M.zero, surplus))
    } else if (M.compare(surplus, M.zero) < 0) {
      out(
        `${day(year, 12, 31)} * Budget grant to restore the current account\n    ${n}:assets:bank:current  ` +
          `${M.text(M.sub(M.zero, surplus))}\n    ${n}:equity:budget-grants`,
      )
      this.move('assets:bank:current', M.sub(M.zero, surplus))
    }
    // The norm, set once the year's working capital is known: honest above it, M8 below.
    const workingCapital = [
      'assets:bank:current',
      'assets:materials',
      'assets:wip',
      'assets:finished',
      'assets:shipped',
      'assets:receivables',
      'assets:provisional',
    ]
      .map((a) => this.bal(a))
      .reduce(M.add, M.zero)
    if (plant['working-capital-above-norm']) {
      const excess = Prng.int(this.prng, 150, 600) // Kirov 58.84 % above norm (D2)
      const norm = M.share(M.times(workingCapital, 1000), 1000 + excess)
      out(`norm  ${year}  ${n}  working-capital  ${M.text(norm, true)}`)
      this.record(
        'working-capital-above-norm',
        year,
        [{ rule: 'working-capital-above-norm', amount: M.exact(M.sub(workingCapital, norm)) }],
        { amount: M.exact(M.sub(workingCapital, norm)) },
      )
    } else {
      out(
        `norm  ${year}  ${n}  working-capital  ${M.text(M.permille(workingCapital, Prng.int(this.prng, 1150, 1400)))}`,
      )
    }
    L.push(`; ${n} ${year}`, ...body)
  }
  private refusedUnits = 0
  /**
   * Ship a quarter's output, present the demand, accept (fully, or partly refused for defects, or diverted: M5), pay.
   */
  private sell(
    year: number,
    month: number,
    count: number,
    refuseForDefects: boolean,
    divert: boolean,
    out: (line: string) => void,
  ): void {
    const n = this.name
    const sym = this.product.symbol
    const late = Prng.int(this.prng, 0, 1) // late postings: a day or so
    const cost = M.times(this.unitCost, count)
    const amount = M.times(this.product.price, count)
    const shipment = this.id('S', year)
    const demand = this.id('PD', year)
    out(
      `${day(year, month, 28)} ship  ${shipment}  ${n} -> ${this.buyer}  ${count} ${sym}  cost ` +
        `${M.text(cost)}  lot ${this.lot}`,
    )
    this.move('assets:finished', M.sub(M.zero, cost))
    this.moveUnits('assets:finished', -count)
    out(
      `${day(year, month, 28 + late)} demand  ${demand}  ${n} -> ${this.buyer}  ${count} ${sym} @ ` +
        `${M.text(this.product.price)}  shipments ${shipment}  lot ${this.lot}`,
    )
    if (refuseForDefects || divert) {
      const refused = Math.max(1, Math.round((count * Prng.int(this.prng, 200, 400)) / 1000))
      const accepted = count - refused
      const acceptedAmount = M.times(this.product.price, accepted)
      const refusedAmount = M.sub(amount, acceptedAmount)
      out(
        `${day(year, month, 30)} accept  ${demand}  partial ${M.text(acceptedAmount)}  ${accepted} ${sym}  ` +
          `refuse ${M.text(refusedAmount)}  ground defective  "defects found at acceptance"`,
      )
      this.move('assets:bank:current', acceptedAmount)
      const payDay = month === 12 ? day(year, 12, 30) : day(year, month + 1, 2)
      out(`${payDay} pay  ${demand}  ${M.text(acceptedAmount)}`)
      const released = M.share(M.times(cost, accepted), count)
      if (refuseForDefects) {
        out(`${month === 12 ? day(year, 12, 31) : day(year, month + 1, 6)} reverse  ${demand}  return-goods`)
        this.move('assets:finished', M.sub(cost, released))
        this.moveUnits('assets:finished', refused)
        this.refusedUnits = refused
      } else {
        const bill = this.id('B', year)
        const procurer = procurers[this.index % procurers.length] as string
        out(
          `${day(year, month + 1, 6)} divert  ${demand}  bill ${bill} -> ${procurer}  maturity ` +
            `${day(year, month + 3, 6)}`,
        )
        out(
          `${day(year, month + 1, 8)} bill  ${bill}  discount at ` +
            `${savingsBanks[this.index % savingsBanks.length] as string}  rate 8%`,
        )
        out(`${day(year, month + 3, 6)} bill  ${bill}  redeem`)
        this.move('assets:bank:current', M.sub(M.zero, refusedAmount))
        this.move('assets:shipped', M.sub(cost, released))
        this.moveUnits('assets:shipped', refused)
        this.record(
          'partial-divert',
          year,
          [{ rule: 'partial-acceptance-remainder', amount: M.exact(refusedAmount) }],
          {
            amount: M.exact(refusedAmount),
            note: 'the refused remainder diverted as a bill to a procurer and discounted at a savings bank',
          },
        )
      }
      return
    }
    out(`${day(year, month, 30)} accept  ${demand}`)
    const payDay = month === 12 ? day(year, 12, 30) : day(year, month + 1, 2 + late)
    out(`${payDay} pay  ${demand}  ${M.text(amount)}`)
    this.move('assets:bank:current', amount)
  }
}
