/**
 * Planted mechanisms, one property per rule (the rules not covered by properties.test.ts): honest
 * books of random size give no finding of the rule; planting the rule's mechanism with a random
 * amount (an excess, a gap, an overrun, a number of days) makes it fire with exactly that amount
 * in the stated measure, and with the stated severity. Books are built with the domain layer's
 * `apply` and `postTransaction`; amounts are bigints of kopecks rendered as strings, never floats;
 * every date lies in the 1930s. Expected values are computed independently here, with bigint
 * arithmetic (half-even where the rule rounds), and thresholds by cross-multiplication.
 */

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { type Entity, LocalDate, Quantity } from '../../src/core/index.js'
import { apply } from '../../src/domain/Apply.js'
import type { Operation } from '../../src/domain/Operation.js'
import type { FundingSource } from '../../src/domain/Parameters.js'
import { type AnyRule, builtInRules, type Finding, measureOf, Rules, reconcile } from '../../src/reconcile/index.js'
import {
  BooksBuilder,
  d,
  defaultEntities,
  e,
  goods,
  id,
  input,
  label,
  loanTerms,
  percent,
  period as periodOf,
  q,
  reported,
  sym,
} from './fixtures.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

const entities: ReadonlyArray<Entity.Entity> = [
  ...defaultEntities,
  { name: e('izhora'), sector: 'state', citations: [] },
]

/** A money literal from kopecks: `12345n` → `"123.45"`. */
const rubles = (kopecks: bigint): string => Quantity.unsafeToFixed(Quantity.unsafeFromBigInt(kopecks, 2), 2)
/** The canonical text of `units × 10^-scale` (as `Quantity.toString` shows a measure). */
const exact = (units: bigint, scale: number): string => Quantity.toString(Quantity.unsafeFromBigInt(units, scale))
const money = (kopecks: bigint): string => `${exact(kopecks, 2)} RUB`

/** `n / divisor` rounded half-even (divisor > 0). */
const divHalfEven = (n: bigint, divisor: bigint): bigint => {
  const negative = n < 0n
  const magnitude = negative ? -n : n
  let quotient = magnitude / divisor
  const twice = 2n * (magnitude % divisor)
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n
  return negative ? -quotient : quotient
}

const date = (text: string): LocalDate.LocalDate => d(text)
const plus = (on: LocalDate.LocalDate, days: number): LocalDate.LocalDate => {
  const result = LocalDate.addDays(days)(on)
  if (E.isLeft(result)) throw new Error(`date ${on} + ${days}`)
  return result.right
}
const yearEnd = (year: number): LocalDate.LocalDate => date(`${year}-12-31`)
/** The day `offset` days after 1 January of `year`, kept inside the year. */
const dayOf = (year: number, offset: number): LocalDate.LocalDate => {
  const on = plus(date(`${year}-01-01`), offset)
  return on > yearEnd(year) ? yearEnd(year) : on
}
/** First day of quarter `quarter` (1–4) of `year`. */
const quarterStart = (year: number, quarter: number): LocalDate.LocalDate =>
  date(`${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`)
const quarterEnd = (year: number, quarter: number): LocalDate.LocalDate =>
  plus(quarter === 4 ? date(`${year + 1}-01-01`) : quarterStart(year, quarter + 1), -1)

/** One dated step of the books; steps are applied in date order (stable: same-day steps keep their order). */
interface Step {
  readonly date: LocalDate.LocalDate
  readonly run: (books: BooksBuilder) => void
}
type Rows = Parameters<BooksBuilder['tx']>[2]

const op = (operation: Operation): Step => ({ date: operation.date, run: (books) => void books.op(operation) })
/** An operation loaded as historical books must be: a debit on a frozen account is recorded, not rejected. */
const recorded = (operation: Operation): Step => ({
  date: operation.date,
  run: (books) => {
    const result = apply(operation, { span: books.nextSpan(), frozenDebits: 'record' })(books.books)
    if (E.isLeft(result)) throw new Error(`${operation._tag} rejected: ${JSON.stringify(result.left)}`)
    books.books = result.right
  },
})
const tx = (on: LocalDate.LocalDate, description: string, rows: Rows): Step => ({
  date: on,
  run: (books) => void books.tx(on, description, rows),
})
const post = (on: LocalDate.LocalDate, description: string, debit: string, credit: string, kopecks: bigint): Step =>
  tx(on, description, [
    { account: debit, money: rubles(kopecks) },
    { account: credit, money: rubles(-kopecks) },
  ])

const build = (steps: ReadonlyArray<Step>): BooksBuilder => {
  const books = new BooksBuilder(entities)
  for (const step of [...steps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) step.run(books)
  return books
}

/** The findings of one rule, run through `reconcile` with the built-in rules. */
const findingsOf = (
  rule: AnyRule,
  books: BooksBuilder,
  asOf: LocalDate.LocalDate,
  extra: Parameters<typeof input>[2] = {},
): ReadonlyArray<Finding> => {
  const result = reconcile(input(books.books, asOf, extra), builtInRules, { only: [rule.id] })
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

/** A measure as text: amounts with their commodity (`123.45 RUB`), percentages and numbers bare. */
const measure = (finding: Finding | undefined, key: string): string | undefined => {
  const value = finding === undefined ? undefined : measureOf(finding, key)
  if (value === undefined) return undefined
  return value._tag === 'Amount'
    ? `${Quantity.toString(value.amount.quantity)} ${value.amount.commodity}`
    : value._tag === 'Percent'
      ? Quantity.toString(value.percent)
      : value._tag === 'Number'
        ? Quantity.toString(value.value)
        : value._tag === 'Interval'
          ? value.written
          : `not computable: no ${value.missing}`
}
const gapOf = (finding: Finding | undefined): string | undefined =>
  finding?.moneyGap !== undefined
    ? `${Quantity.toString(finding.moneyGap.quantity)} ${finding.moneyGap.commodity}`
    : undefined

interface Sale {
  readonly units: number
  readonly price: bigint
  readonly day: number
}
const saleArbitrary = fc.record({
  units: fc.integer({ min: 1, max: 20 }),
  price: fc.bigInt({ min: 100n, max: 50_000_000n }),
  day: fc.integer({ min: 0, max: 364 }),
})

/**
 * An honest sale: launch, complete, ship, present a demand naming the shipment, accept in full
 * and pay (`paid` kopecks, default in full; nothing when zero), all on one day.
 */
const sale = (
  on: LocalDate.LocalDate,
  numbers: { readonly shipment: string; readonly demand: string },
  units: number,
  price: bigint,
  options: {
    readonly paid?: bigint
    readonly seller?: string
    readonly buyer?: string
    readonly commodity?: string
  } = {},
): ReadonlyArray<Step> => {
  const seller = e(options.seller ?? 'kirov')
  const buyer = e(options.buyer ?? 'abtu')
  const amount = BigInt(units) * price
  const paid = options.paid ?? amount
  const lot = goods(String(units), options.commodity ?? 'T28')
  return [
    op({ _tag: 'LaunchWip', date: on, entity: seller, goods: lot }),
    op({ _tag: 'CompleteWip', date: on, entity: seller, goods: lot, cost: q('0') }),
    op({ _tag: 'Ship', date: on, id: id(numbers.shipment), entity: seller, goods: lot, cost: q('0'), buyer }),
    op({
      _tag: 'PresentDemand',
      date: on,
      id: id(numbers.demand),
      seller,
      buyer,
      amount: q(rubles(amount)),
      units: lot,
      unitPrice: q(rubles(price)),
      shipments: [id(numbers.shipment)],
    }),
    op({ _tag: 'AcceptDemand', date: on, demand: id(numbers.demand), acceptance: { _tag: 'Full' } }),
    ...(paid > 0n ? [op({ _tag: 'PayDemand', date: on, demand: id(numbers.demand), amount: q(rubles(paid)) })] : []),
  ]
}
/** Honest background sales of the plant in `year`, numbered `SH-<tag>-n` / `PD-<tag>-n`. */
const backgroundSales = (year: number, sales: ReadonlyArray<Sale>, tag = 'BG'): ReadonlyArray<Step> =>
  sales.flatMap((item, index) =>
    sale(
      dayOf(year, item.day),
      { shipment: `SH-${tag}-${index + 1}`, demand: `PD-${tag}-${index + 1}` },
      item.units,
      item.price,
    ),
  )

/** Splits `total` into parts proportional to `weights` (the last part takes the remainder). */
const split = (total: bigint, weights: ReadonlyArray<bigint>): ReadonlyArray<bigint> => {
  const sum = weights.reduce((a, b) => a + b, 0n)
  const parts = weights.map((weight) => (total * weight) / sum)
  const rest = total - parts.reduce((a, b) => a + b, 0n)
  return parts.map((part, index) => (index === parts.length - 1 ? part + rest : part))
}

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

describe('planted mechanisms fire with the planted amount', () => {
  it('R2 turnover-decline: stock piled up in the current year lengthens the turnover by the days it adds', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1932, max: 1939 }),
      sales: fc.bigInt({ min: 100_000n, max: 100_000_000_000n }),
      // Working capital between 1 % and 10 times a year's sales: 3.6 to 3,600 days of turnover.
      capitalPerMille: fc.bigInt({ min: 10n, max: 10_000n }),
      stockWeights: fc.array(
        fc.record({ day: fc.integer({ min: 0, max: 364 }), weight: fc.bigInt({ min: 1n, max: 1000n }) }),
        { minLength: 1, maxLength: 4 },
      ),
      priorSales: fc.array(
        fc.record({ day: fc.integer({ min: 0, max: 364 }), weight: fc.bigInt({ min: 1n, max: 1000n }) }),
        { minLength: 1, maxLength: 8 },
      ),
      currentSales: fc.array(
        fc.record({ day: fc.integer({ min: 0, max: 364 }), weight: fc.bigInt({ min: 1n, max: 1000n }) }),
        { minLength: 1, maxLength: 8 },
      ),
      quarter: fc.integer({ min: 1, max: 4 }),
      dayInQuarter: fc.integer({ min: 0, max: 89 }),
      // Above the threshold by a few five-kopeck steps, or by far.
      extra: fc.oneof(fc.bigInt({ min: 0n, max: 3n }), fc.bigInt({ min: 0n, max: 10_000_000_000n })),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const capital = (p.sales * p.capitalPerMille) / 1000n
        const salesSteps = (year: number, parts: ReadonlyArray<{ readonly day: number; readonly weight: bigint }>) =>
          split(
            p.sales,
            parts.map((part) => part.weight),
          ).flatMap((amount, index) => {
            const on = dayOf(year, (parts[index] as (typeof parts)[number]).day)
            return amount === 0n
              ? []
              : [
                  post(on, 'sales, paid', 'kirov:assets:bank:current', 'kirov:income:sales', amount),
                  post(on, 'proceeds transferred', 'kirov:equity:transfers', 'kirov:assets:bank:current', amount),
                ]
          })
        const stock = split(
          capital,
          p.stockWeights.map((part) => part.weight),
        ).flatMap((amount, index) =>
          amount === 0n
            ? []
            : [
                post(
                  dayOf(p.year - 2, (p.stockWeights[index] as (typeof p.stockWeights)[number]).day),
                  'stocks on own funds',
                  'kirov:assets:materials',
                  'kirov:equity:own-working-capital',
                  amount,
                ),
              ],
        )
        const honest = [...stock, ...salesSteps(p.year - 1, p.priorSales), ...salesSteps(p.year, p.currentSales)]
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.turnoverDecline, build(honest), asOf)).toEqual([])

        // Planted: stock bought on credit in quarter q stays to the year end, so it stands in
        // c = 5 − q of the five points averaged (opening and four quarter ends). In five-kopeck
        // steps (the average stays exact); days rise by more than 15 % exactly when
        // 100 · (W + c·E/5) > 115 · W, i.e. 4·c·E > 3·W.
        const points = BigInt(5 - p.quarter)
        const steps = (3n * capital) / (20n * points) + 1n + p.extra
        const planted = 5n * steps
        expect(4n * points * planted > 3n * capital).toBe(true)
        const plantedOn = plus(quarterStart(p.year, p.quarter), p.dayInQuarter)
        const findings = findingsOf(
          Rules.turnoverDecline,
          build([
            ...honest,
            post(
              plantedOn,
              'stock beyond needs, on credit',
              'kirov:assets:materials',
              'kirov:liabilities:payables',
              planted,
            ),
          ]),
          asOf,
        )

        const average = capital + points * steps
        const daysPrior = divHalfEven(360n * capital * 100n, p.sales)
        const days = divHalfEven(360n * average * 100n, p.sales)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('warn')
        expect(finding?.entity).toBe('kirov')
        expect(measure(finding, 'average-working-capital')).toBe(money(average))
        expect(measure(finding, 'realized-sales')).toBe(money(p.sales))
        expect(measure(finding, 'days:prior')).toBe(exact(daysPrior, 2))
        expect(measure(finding, 'days')).toBe(exact(days, 2))
        expect(measure(finding, 'increase')).toBe(exact(divHalfEven((days - daysPrior) * 10_000n, daysPrior), 2))
      }),
      // The heaviest property (turnover measures working capital at ten dates per entity, twice a run): 100 runs, about 3 s.
      { numRuns: 100 },
    )
  })

  it('R4 plan-fulfilment-triangulation: a fulfilment reported above the paid sales fires with the add-on and the realized shortfall', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      sales: fc.array(saleArbitrary, { minLength: 1, maxLength: 10 }),
      reportHonestly: fc.boolean(),
      // Reported fulfilment 100 % + k hundredths of a point.
      addOn: fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: 0n, max: 5_000n })),
      // Kopecks of the last sale never paid: one kopeck, or any part of it.
      unpaid: fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 1_000_000_000n })),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const plan = p.sales.reduce((sum, item) => sum + BigInt(item.units) * item.price, 0n)
        const planUnits = p.sales.reduce((sum, item) => sum + item.units, 0)
        const last = p.sales[p.sales.length - 1] as Sale
        const unpaid = p.unpaid > BigInt(last.units) * last.price ? BigInt(last.units) * last.price : p.unpaid
        const steps = (short: bigint) => [
          op({
            _tag: 'SetPlan',
            date: date(`${p.year}-01-01`),
            entity: e('kirov'),
            item: { _tag: 'OutputPlan', commodity: sym('T28') },
            period: periodOf(String(p.year)),
            amount: q(rubles(plan)),
            units: q(String(planUnits)),
          }),
          ...p.sales.flatMap((item, index) =>
            sale(
              dayOf(p.year, item.day),
              { shipment: `SH-${index + 1}`, demand: `PD-${index + 1}` },
              item.units,
              item.price,
              index === p.sales.length - 1 ? { paid: BigInt(item.units) * item.price - short } : {},
            ),
          ),
        ]
        const asOf = yearEnd(p.year)
        const honest = build(steps(0n))
        const honestFigures = p.reportHonestly
          ? [reported(honest, String(p.year), 'kirov', 'plan-fulfilment', percent('100'))]
          : []
        expect(findingsOf(Rules.planFulfilmentTriangulation, honest, asOf, { reported: honestFigures })).toEqual([])

        const planted = build(steps(unpaid))
        const reportedHundredths = 10_000n + p.addOn
        const figures = [
          reported(planted, String(p.year), 'kirov', 'plan-fulfilment', percent(exact(reportedHundredths, 2))),
        ]
        const findings = findingsOf(Rules.planFulfilmentTriangulation, planted, asOf, { reported: figures })

        const realized = divHalfEven(10_000n * (plan - unpaid), plan)
        const addOn = divHalfEven(plan * p.addOn, 10_000n)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('critical')
        expect(measure(finding, 'reported')).toBe(exact(reportedHundredths, 2))
        expect(measure(finding, 'physical')).toBe('100')
        expect(measure(finding, 'realized-sales')).toBe(money(plan - unpaid))
        expect(measure(finding, 'realized')).toBe(exact(realized, 2))
        expect(measure(finding, 'gap')).toBe(exact(reportedHundredths - realized, 2))
        expect(measure(finding, 'add-on')).toBe(money(addOn))
        expect(gapOf(finding)).toBe(money(addOn))
      }),
      { numRuns: 150 },
    )
  })

  it('R5 wip-growth-vs-plan: a run of quarters with WIP growing more than 10 points above plan fires with the growth planted', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1932, max: 1939 }),
      opening: fc.bigInt({ min: 10_000n, max: 100_000_000_000n }),
      openingDay: fc.integer({ min: 0, max: 91 }),
      plan: fc.option(fc.bigInt({ min: 100n, max: 10_000_000_000n }), { nil: undefined }),
      // Per quarter (1–8): honest growth of at most 10 %, a day for it, and churn charged and completed within the quarter.
      quarters: fc.array(
        fc.record({
          growth: fc.integer({ min: 0, max: 10 }),
          day: fc.integer({ min: 0, max: 89 }),
          churn: fc.array(
            fc.record({
              amount: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
              from: fc.integer({ min: 0, max: 89 }),
              days: fc.integer({ min: 0, max: 89 }),
            }),
            { maxLength: 2 },
          ),
        }),
        { minLength: 8, maxLength: 8 },
      ),
      start: fc.integer({ min: 1, max: 7 }),
      length: fc.integer({ min: 2, max: 8 }),
      // Planted growth per quarter: a tenth of the previous balance plus δ kopecks (δ small or large).
      excess: fc.array(fc.oneof(fc.bigInt({ min: 1n, max: 3n }), fc.bigInt({ min: 1n, max: 100_000_000_000n })), {
        minLength: 8,
        maxLength: 8,
      }),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const length = Math.min(p.length, 9 - p.start)
        // Quarter i of the series (0 = Q4 two years back, the base; 8 = Q4 of the as-of year).
        const quarterOf = (index: number): { readonly year: number; readonly quarter: number } =>
          index === 0
            ? { year: p.year - 2, quarter: 4 }
            : { year: p.year - 1 + Math.floor((index - 1) / 4), quarter: ((index - 1) % 4) + 1 }
        const within = (index: number, offset: number): LocalDate.LocalDate => {
          const { year, quarter } = quarterOf(index)
          const on = plus(quarterStart(year, quarter), offset)
          return on > quarterEnd(year, quarter) ? quarterEnd(year, quarter) : on
        }
        const books = (plant: boolean) => {
          const steps: Step[] = [
            post(
              within(0, p.openingDay),
              'work in progress brought forward',
              'kirov:assets:wip',
              'kirov:equity:own-working-capital',
              p.opening,
            ),
          ]
          if (p.plan !== undefined)
            for (const year of [p.year - 2, p.year - 1, p.year])
              steps.push(
                op({
                  _tag: 'SetPlan',
                  date: date(`${year}-01-01`),
                  entity: e('kirov'),
                  item: { _tag: 'OutputPlan', commodity: sym('T28') },
                  period: periodOf(String(year)),
                  amount: q(rubles(p.plan)),
                  units: q('40'),
                }),
              )
          const balances: bigint[] = [p.opening]
          for (let index = 1; index <= 8; index++) {
            const quarter = p.quarters[index - 1] as (typeof p.quarters)[number]
            const previous = balances[index - 1] as bigint
            const inRun = plant && index >= p.start && index < p.start + length
            const growth = inRun
              ? previous / 10n + (p.excess[index - 1] as bigint)
              : (previous * BigInt(quarter.growth)) / 100n
            if (growth > 0n)
              steps.push(
                post(
                  within(index, quarter.day),
                  inRun ? 'materials and wages charged, nothing completed' : 'work in progress growing with the plan',
                  'kirov:assets:wip',
                  'kirov:liabilities:gosbank:short-term',
                  growth,
                ),
              )
            for (const churn of quarter.churn) {
              const charged = within(index, churn.from)
              const completed = within(index, churn.from + churn.days)
              steps.push(
                post(charged, 'charged to production', 'kirov:assets:wip', 'kirov:liabilities:payables', churn.amount),
              )
              steps.push(post(completed, 'completed', 'kirov:assets:finished', 'kirov:assets:wip', churn.amount))
            }
            balances.push(previous + growth)
          }
          return { books: build(steps), balances }
        }
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.wipGrowthVsPlan, books(false).books, asOf)).toEqual([])

        const planted = books(true)
        const findings = findingsOf(Rules.wipGrowthVsPlan, planted.books, asOf)
        // Without an output plan there is nothing to be out of step with: silent (issue 17).
        if (p.plan === undefined) {
          expect(findings).toEqual([])
          return
        }
        const startBalance = planted.balances[p.start - 1] as bigint
        const endBalance = planted.balances[p.start + length - 1] as bigint
        const last = quarterOf(p.start + length - 1)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe(length >= 4 ? 'critical' : 'warn')
        expect(finding?.date).toBe(quarterEnd(last.year, last.quarter))
        expect(measure(finding, 'quarters')).toBe(String(length))
        expect(measure(finding, 'wip:start')).toBe(money(startBalance))
        expect(measure(finding, 'wip:end')).toBe(money(endBalance))
        expect(gapOf(finding)).toBe(money(endBalance - startBalance))
      }),
      { numRuns: 150 },
    )
  })

  it('R7 bonus-funding: a bonus from the wage fund after the 19 Apr 1936 rule fires critical with the bonus amount', () => {
    const cutoff = date('1936-04-19')
    const bonus = fc.record({
      day: fc.integer({ min: 0, max: 3651 }),
      amount: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
      wageFund: fc.boolean(),
      document: fc.boolean(),
    })
    const arbitrary = fc.record({
      bonuses: fc.array(bonus, { maxLength: 10 }),
      planYear: fc.integer({ min: 1930, max: 1939 }),
      withPlan: fc.boolean(),
      sales: fc.array(saleArbitrary, { maxLength: 6 }),
      plantDay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1351 })),
      plantAmount: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
      plantDocument: fc.boolean(),
    })
    const bonusStep = (
      n: string,
      on: LocalDate.LocalDate,
      amount: bigint,
      source: FundingSource,
      document: boolean,
    ): Step =>
      document
        ? op({
            _tag: 'AccrueBonus',
            date: on,
            id: id(n),
            entity: e('kirov'),
            amount: q(rubles(amount)),
            staffCategory: label('ITR'),
            basis: { description: 'plan fulfilment' },
            fundingSource: source,
            approvedBy: 'NKTP',
          })
        : tx(on, 'bonus by decree', [
            {
              account: 'kirov:expenses:wages:bonus',
              money: rubles(amount),
              tags: { fund: source === 'wageFund' ? 'wage-fund' : 'director-fund', 'approved-by': 'NKTP' },
            },
            { account: 'kirov:liabilities:wages', money: rubles(-amount) },
          ])
    fc.assert(
      fc.property(arbitrary, (p) => {
        const plan = p.sales.reduce((sum, item) => sum + BigInt(item.units) * item.price, 0n)
        const honest: Step[] = [
          ...backgroundSales(p.planYear, p.sales),
          ...(p.withPlan && plan > 0n
            ? [
                op({
                  _tag: 'SetPlan',
                  date: date(`${p.planYear}-01-01`),
                  entity: e('kirov'),
                  item: { _tag: 'OutputPlan', commodity: sym('T28') },
                  period: periodOf(String(p.planYear)),
                  amount: q(rubles(plan)),
                }),
              ]
            : []),
          ...p.bonuses.map((item, index) => {
            const on = plus(date('1930-01-01'), item.day)
            // The wage fund only while the rule permitted it.
            return bonusStep(
              `BON-${index + 1}`,
              on,
              item.amount,
              item.wageFund && on < cutoff ? 'wageFund' : 'directorFund',
              item.document,
            )
          }),
        ]
        const asOf = date('1939-12-31')
        expect(findingsOf(Rules.bonusFunding, build(honest), asOf)).toEqual([])

        const plantedOn = plus(cutoff, p.plantDay)
        const findings = findingsOf(
          Rules.bonusFunding,
          build([...honest, bonusStep('BON-P', plantedOn, p.plantAmount, 'wageFund', p.plantDocument)]),
          asOf,
        )
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('critical')
        expect(finding?.date).toBe(plantedOn)
        expect(measure(finding, 'bonus')).toBe(money(p.plantAmount))
        expect(gapOf(finding)).toBe(money(p.plantAmount))
        if (p.plantDocument) expect(finding?.documents).toEqual(['BON-P'])
      }),
      { numRuns: 150 },
    )
  })

  it('R8 bonus-rate: an applied rate above the authorized one fires critical with the points planted', () => {
    const groups = ['OTK', 'ITR', 'workers', 'apparatus', 'MOP', 'shop-3']
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      groups: fc.uniqueArray(
        fc.record({
          group: fc.constantFrom(...groups),
          authorized: fc.bigInt({ min: 0n, max: 10_000n }),
          below: fc.bigInt({ min: 0n, max: 10_000n }),
        }),
        { selector: (item) => item.group, minLength: 1, maxLength: 6 },
      ),
      pick: fc.nat(),
      excess: fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 20_000n })),
      bonusPools: fc.array(fc.bigInt({ min: 1n, max: 1_000_000_000n }), { minLength: 4, maxLength: 4 }),
      rework: fc.bigInt({ min: 1n, max: 1_000_000_000n }),
      sales: fc.array(saleArbitrary, { maxLength: 6 }),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const steps: Step[] = [
          ...backgroundSales(p.year, p.sales),
          // Bonus pools per quarter, and a rework cost that does not rise.
          ...p.bonusPools.flatMap((pool, index) => [
            post(
              quarterEnd(p.year, index + 1),
              'OTK bonus pool',
              'kirov:expenses:wages:bonus:OTK',
              'kirov:liabilities:wages',
              pool,
            ),
            post(
              quarterEnd(p.year, index + 1),
              'rework after acceptance',
              'kirov:assets:rework',
              'kirov:liabilities:wages',
              p.rework,
            ),
          ]),
        ]
        const books = build(steps)
        const figures = (plantedIndex: number | undefined) =>
          p.groups.flatMap((item, index) => {
            const applied =
              index === plantedIndex
                ? item.authorized + p.excess
                : item.authorized - (item.below > item.authorized ? item.authorized : item.below)
            return [
              reported(
                books,
                String(p.year),
                'kirov',
                `bonus-rate:authorized:${item.group}`,
                percent(exact(item.authorized, 2)),
              ),
              reported(books, String(p.year), 'kirov', `bonus-rate:applied:${item.group}`, percent(exact(applied, 2))),
            ]
          })
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.bonusRate, books, asOf, { reported: figures(undefined) })).toEqual([])

        const index = p.pick % p.groups.length
        const group = p.groups[index] as (typeof p.groups)[number]
        const findings = findingsOf(Rules.bonusRate, books, asOf, { reported: figures(index) })
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('critical')
        expect(finding?.message).toContain(`(${group.group})`)
        expect(measure(finding, 'authorized')).toBe(exact(group.authorized, 2))
        expect(measure(finding, 'applied')).toBe(exact(group.authorized + p.excess, 2))
        expect(measure(finding, 'gap')).toBe(exact(p.excess, 2))
      }),
      { numRuns: 150 },
    )
  })

  it('R10 provisional-acceptance-ageing: units held provisionally, a late claim and rework above 10 % fire with the units, days and cost planted', () => {
    const lot = fc.record({
      units: fc.integer({ min: 1, max: 10 }),
      age: fc.integer({ min: 0, max: 700 }),
      finalAfter: fc.integer({ min: 0, max: 90 }),
      finalIfRecent: fc.boolean(),
      plannedCost: fc.bigInt({ min: 100n, max: 100_000_000n }),
      reworkPerMille: fc.option(fc.bigInt({ min: 0n, max: 100n }), { nil: undefined }),
      claim: fc.option(
        fc.record({
          remote: fc.boolean(),
          answerAfter: fc.integer({ min: 0, max: 25 }),
          age: fc.integer({ min: 30, max: 700 }),
        }),
        { nil: undefined },
      ),
    })
    const arbitrary = fc.record({
      year: fc.integer({ min: 1933, max: 1939 }),
      lots: fc.array(lot, { maxLength: 5 }),
      sales: fc.array(saleArbitrary, { maxLength: 4 }),
      held: fc.integer({ min: 1, max: 20 }),
      accepted: fc.integer({ min: 0, max: 20 }),
      days: fc.oneof(fc.constant(91), fc.integer({ min: 91, max: 900 })),
      plannedCost: fc.bigInt({ min: 100n, max: 100_000_000n }),
      reworkExcess: fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 1_000_000_000n })),
      remote: fc.boolean(),
      daysLate: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 })),
      claimSlack: fc.integer({ min: 0, max: 100 }),
    })
    const seller = e('kirov')
    const buyer = e('abtu')
    const lotSteps = (n: string, on: LocalDate.LocalDate, units: number, plannedCost: bigint): ReadonlyArray<Step> => [
      op({
        _tag: 'SignContract',
        date: on,
        id: id(`C-${n}`),
        seller,
        buyer,
        unitPrice: q(rubles(plannedCost * 2n)),
        plannedCost: q(rubles(plannedCost)),
        description: 'T-28',
        commodity: sym('T28'),
        units: q(String(units)),
      }),
      op({
        _tag: 'LaunchWip',
        date: on,
        entity: seller,
        goods: goods(String(units)),
        lot: id(`L-${n}`),
        contract: id(`C-${n}`),
      }),
      op({
        _tag: 'CompleteWip',
        date: on,
        entity: seller,
        goods: goods(String(units)),
        cost: q('0'),
        lot: id(`L-${n}`),
      }),
      op({
        _tag: 'ProvisionalAcceptance',
        date: on,
        id: id(`PA-${n}`),
        seller,
        buyer,
        lot: id(`L-${n}`),
        goods: goods(String(units)),
        cost: q('0'),
      }),
    ]
    const finalStep = (n: string, on: LocalDate.LocalDate, units: number): Step =>
      op({
        _tag: 'FinalAcceptance',
        date: on,
        id: id(`FA-${n}`),
        seller,
        buyer,
        lot: id(`L-${n}`),
        goods: goods(String(units)),
        cost: q('0'),
        outcome: 'accepted',
      })
    const claimSteps = (
      n: string,
      on: LocalDate.LocalDate,
      remote: boolean,
      answered: LocalDate.LocalDate,
    ): ReadonlyArray<Step> => [
      op({
        _tag: 'RecordClaim',
        date: on,
        id: id(`CL-${n}`),
        seller,
        buyer,
        defect: 'transmission fails on the test run',
        district: remote ? 'remote' : 'inner',
      }),
      op({ _tag: 'AnswerClaim', date: answered, claim: id(`CL-${n}`) }),
    ]
    fc.assert(
      fc.property(arbitrary, (p) => {
        const asOf = yearEnd(p.year)
        const honest: Step[] = [...backgroundSales(p.year, p.sales)]
        p.lots.forEach((item, index) => {
          const n = String(index + 1)
          const on = plus(asOf, -item.age)
          honest.push(...lotSteps(n, on, item.units, item.plannedCost))
          // Finally accepted within 90 days, or still provisional but not yet 90 days old.
          if (item.age > 90) honest.push(finalStep(n, plus(on, item.finalAfter), item.units))
          else if (item.finalIfRecent)
            honest.push(finalStep(n, plus(on, Math.min(item.finalAfter, item.age)), item.units))
          if (item.reworkPerMille !== undefined) {
            const cost = (item.plannedCost * BigInt(item.units) * item.reworkPerMille) / 1000n
            if (cost > 0n)
              honest.push(
                op({
                  _tag: 'Rework',
                  date: on,
                  id: id(`RW-${n}`),
                  entity: seller,
                  wages: q(rubles(cost)),
                  lot: id(`L-${n}`),
                }),
              )
          }
          if (item.claim !== undefined) {
            const claimed = plus(asOf, -item.claim.age)
            honest.push(
              ...claimSteps(
                n,
                claimed,
                item.claim.remote,
                plus(claimed, Math.min(item.claim.answerAfter, item.claim.remote ? 25 : 12)),
              ),
            )
          }
        })
        expect(findingsOf(Rules.provisionalAcceptanceAgeing, build(honest), asOf)).toEqual([])

        // Planted: lot L-P of held + accepted units provisionally accepted `days` before the as-of
        // date, `accepted` of them finally accepted since; rework on it above a tenth of its planned
        // cost; a claim answered `daysLate` days after its deadline.
        const launched = p.held + p.accepted
        const provisionalOn = plus(asOf, -p.days)
        const plannedCost = p.plannedCost * BigInt(launched)
        const rework = plannedCost / 10n + p.reworkExcess
        const allowed = p.remote ? 25 : 12
        const claimedOn = plus(asOf, -(allowed + p.daysLate + p.claimSlack))
        const planted = [
          ...honest,
          ...lotSteps('P', provisionalOn, launched, p.plannedCost),
          ...(p.accepted > 0 ? [finalStep('P', plus(provisionalOn, Math.floor(p.days / 2)), p.accepted)] : []),
          op({
            _tag: 'Rework',
            date: provisionalOn,
            id: id('RW-P'),
            entity: seller,
            wages: q(rubles(rework)),
            lot: id('L-P'),
          }),
          ...claimSteps('P', claimedOn, p.remote, plus(claimedOn, allowed + p.daysLate)),
        ]
        const findings = findingsOf(Rules.provisionalAcceptanceAgeing, build(planted), asOf)
        expect(findings.length).toBe(3)
        expect(findings.map((finding) => finding.severity)).toEqual(['warn', 'warn', 'warn'])
        const ageing = findings.find((finding) => measureOf(finding, 'oldest-days') !== undefined)
        expect(ageing?.accounts).toEqual(['kirov:assets:provisional:L-P'])
        expect(ageing?.lots).toEqual(['L-P'])
        expect(measure(ageing, 'units')).toBe(`${p.held} T28`)
        expect(measure(ageing, 'oldest-days')).toBe(String(p.days))
        const reworkFinding = findings.find((finding) => measureOf(finding, 'rework') !== undefined)
        expect(reworkFinding?.lots).toEqual(['L-P'])
        expect(measure(reworkFinding, 'rework')).toBe(money(rework))
        expect(measure(reworkFinding, 'planned-cost')).toBe(money(plannedCost))
        expect(gapOf(reworkFinding)).toBe(money(rework))
        const claim = findings.find((finding) => measureOf(finding, 'days-late') !== undefined)
        expect(claim?.documents).toEqual(['CL-P'])
        expect(measure(claim, 'days-late')).toBe(String(p.daysLate))
        expect(measure(claim, 'allowed-days')).toBe(String(allowed))
      }),
      { numRuns: 150 },
    )
  })

  it('R13 bill-between-state-parties: a bill between two state parties after the credit reform fires critical with its face', () => {
    const parties = ['kirov', 'izhora', 'abtu', 'procurer'] as const
    const state = ['kirov', 'izhora', 'abtu'] as const
    const arbitrary = fc.record({
      sales: fc.array(saleArbitrary, { maxLength: 6 }),
      salesYear: fc.integer({ min: 1930, max: 1939 }),
      // Bills before the cut-off of 30 January 1930 are no finding.
      bills: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 28 }),
          drawer: fc.constantFrom(...parties),
          payee: fc.constantFrom(...parties),
          face: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
          term: fc.integer({ min: 1, max: 200 }),
          redeem: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      plantDay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3530 })),
      drawer: fc.constantFrom(...state),
      payee: fc.constantFrom(...state),
      face: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
      term: fc.integer({ min: 1, max: 90 }),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const honest: Step[] = [...backgroundSales(p.salesYear, p.sales)]
        p.bills.forEach((bill, index) => {
          if (bill.drawer === bill.payee) return
          const on = plus(date('1930-01-01'), bill.day)
          const maturity = plus(on, bill.term)
          honest.push(
            op({
              _tag: 'DrawBill',
              date: on,
              id: id(`B-${index + 1}`),
              drawer: e(bill.drawer),
              payee: e(bill.payee),
              face: q(rubles(bill.face)),
              maturity,
              settles: 'expense',
            }),
          )
          if (bill.redeem) honest.push(op({ _tag: 'RedeemBill', date: maturity, bill: id(`B-${index + 1}`) }))
        })
        const asOf = date('1939-12-31')
        expect(findingsOf(Rules.billBetweenStateParties, build(honest), asOf)).toEqual([])

        const payee = p.payee === p.drawer ? (state.find((name) => name !== p.drawer) as string) : p.payee
        const drawnOn = plus(date('1930-01-30'), p.plantDay)
        const findings = findingsOf(
          Rules.billBetweenStateParties,
          build([
            ...honest,
            op({
              _tag: 'DrawBill',
              date: drawnOn,
              id: id('B-P'),
              drawer: e(p.drawer),
              payee: e(payee),
              face: q(rubles(p.face)),
              maturity: plus(drawnOn, p.term),
              settles: 'debt',
            }),
          ]),
          asOf,
        )
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('critical')
        expect(finding?.entity).toBe(p.drawer)
        expect(finding?.date).toBe(drawnOn)
        expect(finding?.documents).toEqual(['B-P'])
        expect(measure(finding, 'face')).toBe(money(p.face))
        expect(gapOf(finding)).toBe(money(p.face))
      }),
      { numRuns: 150 },
    )
  })

  it('R14 credit-outside-limits: a draw beyond the credit limit fires with the excess, critical above 10 % of the limit', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      limit: fc.bigInt({ min: 10_000n, max: 100_000_000_000n }),
      events: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 330 }),
          draw: fc.boolean(),
          perMille: fc.bigInt({ min: 1n, max: 1000n }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
      sales: fc.array(saleArbitrary, { maxLength: 4 }),
      plantDay: fc.integer({ min: 335, max: 364 }),
      // The excess: anything, or within a few kopecks of a tenth of the limit (the critical boundary).
      excess: fc.oneof(
        fc.record({ near: fc.constant(false), value: fc.bigInt({ min: 1n, max: 100_000_000_000n }) }),
        fc.record({ near: fc.constant(true), value: fc.bigInt({ min: -2n, max: 2n }) }),
      ),
    })
    const lender = e('gosbank')
    const borrower = e('kirov')
    const draw = (n: string, on: LocalDate.LocalDate, principal: bigint): Step =>
      op({
        _tag: 'DrawLoan',
        date: on,
        id: id(n),
        lender,
        borrower,
        loanKind: 'gosbankShortTerm',
        purpose: 'working capital',
        collateral: { lots: [], contracts: [] },
        principal: q(rubles(principal)),
        ...loanTerms,
      })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const honest: Step[] = [
          ...backgroundSales(p.year, p.sales),
          op({
            _tag: 'SetPlan',
            date: date(`${p.year}-01-01`),
            entity: borrower,
            item: { _tag: 'CreditLimit', lender, loanKind: 'gosbankShortTerm' },
            period: periodOf(String(p.year)),
            amount: q(rubles(p.limit)),
          }),
        ]
        // Honest draws and repayments on distinct days, the outstanding principal never above the limit.
        const loans: Array<{ readonly id: string; outstanding: bigint }> = []
        const seen = new Set<number>()
        for (const event of [...p.events].sort((a, b) => a.day - b.day)) {
          if (seen.has(event.day)) continue
          seen.add(event.day)
          const on = dayOf(p.year, event.day)
          const outstanding = loans.reduce((sum, loan) => sum + loan.outstanding, 0n)
          const room = p.limit - outstanding
          if ((event.draw || outstanding === 0n) && room > 0n) {
            const principal = (room * event.perMille) / 1000n > 0n ? (room * event.perMille) / 1000n : 1n
            const loan = { id: `GB-${loans.length + 1}`, outstanding: principal }
            loans.push(loan)
            honest.push(draw(loan.id, on, principal))
          } else if (outstanding > 0n) {
            const loan = loans.find((item) => item.outstanding > 0n) as (typeof loans)[number]
            const wanted = (outstanding * event.perMille) / 1000n > 0n ? (outstanding * event.perMille) / 1000n : 1n
            const principal = wanted < loan.outstanding ? wanted : loan.outstanding
            loan.outstanding -= principal
            honest.push(
              op({ _tag: 'RepayLoan', date: on, loan: id(loan.id), principal: q(rubles(principal)), interest: q('0') }),
            )
          }
        }
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.creditOutsideLimits, build(honest), asOf)).toEqual([])

        const outstanding = loans.reduce((sum, loan) => sum + loan.outstanding, 0n)
        const excess = p.excess.near
          ? p.limit / 10n + p.excess.value > 0n
            ? p.limit / 10n + p.excess.value
            : 1n
          : p.excess.value
        const drawnOn = dayOf(p.year, p.plantDay)
        const findings = findingsOf(
          Rules.creditOutsideLimits,
          build([...honest, draw('GB-P', drawnOn, p.limit - outstanding + excess)]),
          asOf,
        )
        expect(findings.length).toBe(1)
        const finding = findings[0]
        // Critical when excess / limit > 10 %, compared exactly: 100 · excess > 10 · limit.
        expect(finding?.severity).toBe(100n * excess > 10n * p.limit ? 'critical' : 'warn')
        expect(finding?.date).toBe(drawnOn)
        expect(finding?.documents).toEqual(['GB-P'])
        expect(measure(finding, 'excess')).toBe(money(excess))
        expect(measure(finding, 'outstanding')).toBe(money(p.limit + excess))
        expect(measure(finding, 'limit')).toBe(money(p.limit))
        expect(gapOf(finding)).toBe(money(excess))
      }),
      { numRuns: 150 },
    )
  })

  it('R15 frozen-account-debit: a supplier paid from the frozen account fires critical with the amount paid', () => {
    const optional = ['budget', 'bankLoan', 'bill', 'overhead', 'other'] as const
    const purchase = fc.record({
      units: fc.integer({ min: 1, max: 50 }),
      price: fc.bigInt({ min: 100n, max: 10_000_000n }),
      day: fc.integer({ min: 0, max: 364 }),
    })
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      frozenFrom: fc.integer({ min: 10, max: 200 }),
      frozenDays: fc.integer({ min: 1, max: 150 }),
      permitted: fc.subarray([...optional]),
      purchases: fc.array(purchase, { maxLength: 6 }),
      wages: fc.array(
        fc.record({ day: fc.integer({ min: 0, max: 364 }), amount: fc.bigInt({ min: 1n, max: 1_000_000_000n }) }),
        { maxLength: 6 },
      ),
      sales: fc.array(saleArbitrary, { maxLength: 4 }),
      plant: purchase,
      paidDay: fc.nat(),
      paidPart: fc.oneof(fc.constant(1000n), fc.bigInt({ min: 1n, max: 1000n })),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const frozenOn = dayOf(p.year, p.frozenFrom)
        const unfrozenOn = plus(frozenOn, p.frozenDays)
        const frozen = (on: LocalDate.LocalDate): boolean => on >= frozenOn && on < unfrozenOn
        const honest: Step[] = [
          op({
            _tag: 'FreezeAccount',
            date: frozenOn,
            entity: e('kirov'),
            permitted: ['wages', ...p.permitted],
            authority: 'Leningrad office of Gosbank',
          }),
          op({
            _tag: 'UnfreezeAccount',
            date: unfrozenOn,
            entity: e('kirov'),
            authority: 'Leningrad office of Gosbank',
          }),
          ...backgroundSales(p.year, p.sales),
        ]
        // Steel bought from Izhora Works, paid only while the account is not frozen; wages paid any time (permitted).
        p.purchases.forEach((item, index) => {
          const on = dayOf(p.year, item.day)
          const paidOn = frozen(on) ? unfrozenOn : on
          const steps = sale(
            on,
            { shipment: `S-IZ-${index + 1}`, demand: `PD-IZ-${index + 1}` },
            item.units,
            item.price,
            { seller: 'izhora', buyer: 'kirov', commodity: 'steel', paid: 0n },
          )
          honest.push(
            ...steps,
            op({
              _tag: 'PayDemand',
              date: paidOn,
              demand: id(`PD-IZ-${index + 1}`),
              amount: q(rubles(BigInt(item.units) * item.price)),
            }),
          )
        })
        for (const item of p.wages) {
          const on = dayOf(p.year, item.day)
          honest.push(
            op({
              _tag: 'AccrueWages',
              date: on,
              entity: e('kirov'),
              staffCategory: label('workers'),
              amount: q(rubles(item.amount)),
              chargeTo: 'wages',
            }),
          )
          honest.push(op({ _tag: 'PayWages', date: on, entity: e('kirov'), amount: q(rubles(item.amount)) }))
        }
        const asOf = yearEnd(p.year + 1 > 1939 ? 1939 : p.year + 1)
        expect(findingsOf(Rules.frozenAccountDebit, build(honest), asOf)).toEqual([])

        // Planted: a demand presented before or during the freeze, paid (in part) while frozen.
        const paidOn = plus(frozenOn, p.paidDay % p.frozenDays)
        const presentedOn = dayOf(p.year, p.plant.day) < paidOn ? dayOf(p.year, p.plant.day) : paidOn
        const amount = BigInt(p.plant.units) * p.plant.price
        const paid = (amount * p.paidPart) / 1000n > 0n ? (amount * p.paidPart) / 1000n : 1n
        const planted = [
          ...honest,
          ...sale(presentedOn, { shipment: 'S-IZ-P', demand: 'PD-IZ-P' }, p.plant.units, p.plant.price, {
            seller: 'izhora',
            buyer: 'kirov',
            commodity: 'steel',
            paid: 0n,
          }),
          recorded({ _tag: 'PayDemand', date: paidOn, demand: id('PD-IZ-P'), amount: q(rubles(paid)) }),
        ]
        const findings = findingsOf(Rules.frozenAccountDebit, build(planted), asOf)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('critical')
        expect(finding?.entity).toBe('kirov')
        expect(finding?.date).toBe(paidOn)
        expect(finding?.accounts).toEqual(['kirov:assets:bank:current'])
        expect(finding?.documents).toContain('PD-IZ-P')
        expect(measure(finding, 'paid')).toBe(money(paid))
        expect(gapOf(finding)).toBe(money(paid))
      }),
      { numRuns: 150 },
    )
  })

  it('duplicate-documents: a document presented again under new numbers fires with the copies and the amount they add', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      demands: fc.uniqueArray(
        fc.record({ amount: fc.bigInt({ min: 100n, max: 10_000_000_000n }), day: fc.integer({ min: 0, max: 364 }) }),
        { selector: (item) => item.amount, minLength: 1, maxLength: 10 },
      ),
      loans: fc.uniqueArray(
        fc.record({ principal: fc.bigInt({ min: 100n, max: 10_000_000_000n }), day: fc.integer({ min: 0, max: 364 }) }),
        { selector: (item) => item.principal, maxLength: 5 },
      ),
      kind: fc.constantFrom('demand', 'loan'),
      pick: fc.nat(),
      copies: fc.integer({ min: 1, max: 4 }),
    })
    const demand = (n: number, on: LocalDate.LocalDate, amount: bigint, shipped: boolean): ReadonlyArray<Step> => [
      ...(shipped
        ? [
            op({ _tag: 'LaunchWip', date: on, entity: e('kirov'), goods: goods('1') }),
            op({ _tag: 'CompleteWip', date: on, entity: e('kirov'), goods: goods('1'), cost: q('0') }),
            op({
              _tag: 'Ship',
              date: on,
              id: id(`S-${n}`),
              entity: e('kirov'),
              goods: goods('1'),
              cost: q('0'),
              buyer: e('abtu'),
            }),
          ]
        : []),
      op({
        _tag: 'PresentDemand',
        date: on,
        id: id(`PD-${n}`),
        seller: e('kirov'),
        buyer: e('abtu'),
        amount: q(rubles(amount)),
        units: goods('1'),
        ...(shipped ? { shipments: [id(`S-${n}`)] } : {}),
      }),
    ]
    const loan = (n: number, on: LocalDate.LocalDate, principal: bigint): Step =>
      op({
        _tag: 'DrawLoan',
        date: on,
        id: id(`GB-${n}`),
        lender: e('gosbank'),
        borrower: e('kirov'),
        loanKind: 'gosbankShortTerm',
        purpose: 'materials',
        collateral: { lots: [], contracts: [] },
        principal: q(rubles(principal)),
        ...loanTerms,
      })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const honest: Step[] = [
          ...p.demands.flatMap((item, index) => demand(index + 1, dayOf(p.year, item.day), item.amount, true)),
          ...p.loans.map((item, index) => loan(index + 1, dayOf(p.year, item.day), item.principal)),
        ]
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.duplicateDocuments, build(honest), asOf)).toEqual([])

        const onLoans = p.kind === 'loan' && p.loans.length > 0
        const count = onLoans ? p.loans.length : p.demands.length
        const index = p.pick % count
        const original = onLoans
          ? (p.loans[index] as (typeof p.loans)[number])
          : (p.demands[index] as (typeof p.demands)[number])
        const amount = 'principal' in original ? original.principal : original.amount
        const on = dayOf(p.year, original.day)
        const copies = Array.from({ length: p.copies }, (_, copy) => count + copy + 1)
        const planted = [
          ...honest,
          ...copies.flatMap((n) => (onLoans ? [loan(n, on, amount)] : demand(n, on, amount, false))),
        ]
        const findings = findingsOf(Rules.duplicateDocuments, build(planted), asOf)
        const prefix = onLoans ? 'GB-' : 'PD-'
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('warn')
        expect(finding?.date).toBe(on)
        expect([...(finding?.documents ?? [])].sort()).toEqual(
          [index + 1, ...copies].map((n) => `${prefix}${n}`).sort(),
        )
        expect(measure(finding, 'count')).toBe(String(p.copies + 1))
        expect(measure(finding, 'amount')).toBe(money(amount))
        expect(gapOf(finding)).toBe(money(BigInt(p.copies) * amount))
      }),
      { numRuns: 150 },
    )
  })

  it('document-number-gaps: numbers withdrawn from a demand register fire with the count missing', () => {
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      sales: fc.array(saleArbitrary, { minLength: 3, maxLength: 15 }),
      // Numbers skipped before each demand (the first has none); at least one somewhere.
      skips: fc.array(
        fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
        { minLength: 15, maxLength: 15 },
      ),
      forced: fc.nat(),
      forcedSkip: fc.integer({ min: 1, max: 40 }),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        const yy = String(p.year).slice(2)
        const sorted = [...p.sales].sort((a, b) => a.day - b.day)
        const books = (skips: ReadonlyArray<number>) => {
          let number = 0
          return build(
            sorted.flatMap((item, index) => {
              number += 1 + (skips[index] ?? 0)
              return sale(
                dayOf(p.year, item.day),
                { shipment: `S-${yy}-${index + 1}`, demand: `PD-${yy}-${number}` },
                item.units,
                item.price,
              )
            }),
          )
        }
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.documentNumberGaps, books([]), asOf)).toEqual([])

        const skips = sorted.map((_, index): number => (index === 0 ? 0 : (p.skips[index] as number)))
        const forcedAt = 1 + (p.forced % (sorted.length - 1))
        if (!skips.some((skip) => skip > 0)) skips[forcedAt] = p.forcedSkip
        const missing = skips.reduce((sum, skip) => sum + skip, 0)
        const findings = findingsOf(Rules.documentNumberGaps, books(skips), asOf)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('warn')
        expect(finding?.entity).toBe('kirov')
        expect(finding?.documents.every((document) => document.startsWith(`PD-${yy}-`))).toBe(true)
        expect(measure(finding, 'missing')).toBe(String(missing))
        expect(measure(finding, 'documents')).toBe(String(sorted.length))
      }),
      { numRuns: 150 },
    )
  })

  it('benford-first-digit: a non-conforming first-digit distribution over at least 300 amounts fires with its digit counts', () => {
    // Benford shares per mille for digits 1–9 (log10(1 + 1/d), rounded; they sum to 1000).
    const benford = [301n, 176n, 125n, 97n, 79n, 67n, 58n, 51n, 46n]
    const arbitrary = fc.record({
      year: fc.integer({ min: 1930, max: 1939 }),
      // Honest amounts: Benford-conforming, from none to 600 (≥ 300 are tested and must pass).
      honest: fc.integer({ min: 0, max: 600 }),
      // Planted: the same count for each digit of a random set, at least 300 and at least the honest sample.
      digits: fc.integer({ min: 1, max: 511 }),
      more: fc.integer({ min: 0, max: 30 }),
      seed: fc.bigInt({ min: 1n, max: 1n << 60n }),
    })
    fc.assert(
      fc.property(arbitrary, (p) => {
        let state = p.seed
        /** An amount in kopecks whose first significant digit is `digit`: d·10^k + r, from a 64-bit LCG (never floats). */
        const amount = (digit: number): bigint => {
          state = (state * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
          const power = 10n ** (2n + ((state >> 40n) % 8n))
          return BigInt(digit) * power + ((state >> 8n) % power)
        }
        const honestCounts = benford.map((share) => Number((share * BigInt(p.honest) + 500n) / 1000n))
        const set = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((digit) => (p.digits & (1 << (digit - 1))) !== 0)
        const each = Math.ceil(Math.max(300, p.honest) / set.length) + p.more
        const plantedCounts = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((digit) => (set.includes(digit) ? each : 0))
        const steps = (counts: ReadonlyArray<number>, tag: string): ReadonlyArray<Step> => {
          const amounts = counts.flatMap((count, index) => Array.from({ length: count }, () => amount(index + 1)))
          const result: Step[] = []
          for (let start = 0, month = 0; start < amounts.length; start += 60, month++) {
            const chunk = amounts.slice(start, start + 60)
            const on = plus(date(`${p.year}-01-31`), 30 * (month % 11))
            result.push(
              tx(on, `sales ledger (${tag})`, [
                ...chunk.map((kopecks) => ({ account: 'kirov:assets:receivables', money: rubles(kopecks) })),
                { account: 'kirov:income:sales', money: rubles(-chunk.reduce((sum, kopecks) => sum + kopecks, 0n)) },
              ]),
            )
          }
          return result
        }
        const honest = steps(honestCounts, 'invoices')
        const asOf = yearEnd(p.year)
        expect(findingsOf(Rules.benfordFirstDigit, build(honest), asOf)).toEqual([])

        const findings = findingsOf(
          Rules.benfordFirstDigit,
          build([...honest, ...steps(plantedCounts, 'invented')]),
          asOf,
        )
        const counts = honestCounts.map((count, index) => count + (plantedCounts[index] as number))
        const n = counts.reduce((sum, count) => sum + count, 0)
        // The statistics, as the rule defines them (floating point is fine for a statistic, not for amounts).
        let chiSquare = 0
        let mad = 0
        counts.forEach((count, index) => {
          const share = Math.log10(1 + 1 / (index + 1))
          chiSquare += (count - share * n) ** 2 / (share * n)
          mad += Math.abs(count / n - share) / 9
        })
        expect(chiSquare).toBeGreaterThan(15.507)
        expect(mad).toBeGreaterThan(0.015)
        expect(findings.length).toBe(1)
        const finding = findings[0]
        expect(finding?.severity).toBe('warn')
        expect(finding?.entity).toBe('kirov')
        expect(measure(finding, 'n')).toBe(String(n))
        expect(counts.map((_, index) => measure(finding, `digit:${index + 1}`))).toEqual(counts.map(String))
        expect(Number(measure(finding, 'chi-square'))).toBeCloseTo(chiSquare, 2)
        expect(Number(measure(finding, 'mad'))).toBeCloseTo(mad, 3)
      }),
      { numRuns: 150 },
    )
  })
})
