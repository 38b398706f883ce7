/**
 * R18 wage cash against the wage fund; wage arrears.
 */
import { type Entity, Ledger, LocalDate, Period, Quantity, type Transaction } from '../../core/index.js'
import { Plans } from '../../measures/index.js'
import { amountMeasure, type Evidence, numberMeasure, planEvidence, reportedEvidence, showMoney } from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { entitiesOf, isPlain, placesOf, transactionsEvidence } from './common.js'

/** A month has at least this many days: a reported arrears of N months is at least 28·N days. */
const shortestMonth = 28

/**
 * True for a transaction that draws cash for wages: a `pay-wages` operation, or a plain one tagged `purpose: wages`.
 */
const drawsCashForWages = (transaction: Transaction.Transaction): boolean =>
  transaction.origin?.operation === 'PayWages' ||
  (isPlain(transaction) &&
    transaction.tags.some((tag) => tag.name === 'purpose' && tag.value.trim().toLowerCase() === 'wages'))

/** The list kept under `key`, made empty on first use. */
const listIn = <K, V>(map: Map<K, V[]>, key: K): V[] => {
  const known = map.get(key)
  if (known !== undefined) return known
  const made: V[] = []
  map.set(key, made)
  return made
}

interface Layer {
  readonly date: LocalDate.LocalDate
  readonly amount: Quantity.Quantity
  open: Quantity.Quantity
  settled?: LocalDate.LocalDate
  readonly transaction: Transaction.Transaction
}

/**
 * Rule R18 (`wage-arrears`): warns when cash drawn for wages exceeds the wage fund less what was paid before it, when
 * wages payable stay unpaid longer than one pay period (`payPeriodDays`, default 31), and on a reported arrears longer
 * than that.
 */
export const wageArrears = unsafeDefineRule({
  id: 'wage-arrears',
  title: 'Wage cash beyond the wage fund; wages unpaid beyond a pay period',
  description:
    'Three checks, each → warn. (a) Cash drawn for wages (`pay-wages`, or plain transactions tagged ' +
    '`purpose: wages`: the money put into the `cash` role account) in the period of a wage-fund line: ' +
    'at the first draw where drawn to date exceeds the fund (a `total` line, else the category lines ' +
    'summed), i.e. draw > fund − paid before it; reports the excess. (b) Ageing of wages payable (the ' +
    '`wagesPayable` role account): accruals (credits) settled by payments (debits) first in, first ' +
    'out; any accrual left open, or settled, more than `payPeriodDays` after it was accrued → warn, ' +
    'with the oldest age, the amount overdue and what is still unpaid on the as-of date. Judged only ' +
    'when the books record at least one wage payment for the entity: books that record accruals and no ' +
    'payment at all do not say that nothing was paid. (c) A reported `wages-unpaid:months N` (or ' +
    '`wages-unpaid:days N`): N months of at least 28 days (or N days) longer than `payPeriodDays` → ' +
    'warn, citing the figure.',
  motivation:
    'domain.md Q28 (fn 79–80: Gamarnik to Kalmanovich, 16 Dec 1932: 900,000 rubles of banknotes ' +
    'requested on 27 Nov, not even 400,000 confirmed by 2 Dec, workers at a Grodekovskii site unpaid ' +
    'for two months) and Q4 (fn 49: TsGIA SPb. F.P-960, Op.7, D.2, 37: 117 M of payroll against a fund ' +
    'of 88 M in 1936).',
  parameters: { payPeriodDays: Param.count },
  defaults: { payPeriodDays: 31 },
  evaluate: ({ books, reported, asOf, index }, { payPeriodDays }) => {
    const drafts: FindingDraft[] = []
    const resolve = placesOf({ books, index })
    const transactions = Ledger.transactions(books.ledger).filter((transaction) => transaction.date <= asOf)
    // one pass: each entity's wages-payable postings (date order) and its cash draws for wages
    const payable = new Map<
      Entity.EntityName,
      Array<{ readonly transaction: Transaction.Transaction; readonly money: Quantity.Quantity }>
    >()
    const draws = new Map<
      Entity.EntityName,
      Array<{ readonly transaction: Transaction.Transaction; readonly draw: Quantity.Quantity }>
    >()
    // by date, then posting order (the run index knows when posting order is that order already)
    const inOrder =
      index !== undefined && index.books === books && index.sorted && index.ordered
        ? transactions
        : [...transactions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    for (const transaction of inOrder) {
      const wagesDraw = drawsCashForWages(transaction)
      let drawn: Map<Entity.EntityName, Quantity.Quantity> | undefined
      for (const posting of transaction.postings) {
        if (posting.money === undefined) continue
        const place = resolve(posting.account)
        if (place === undefined) continue
        if (place.role === 'wagesPayable')
          listIn(payable, place.entity).push({ transaction, money: posting.money.quantity })
        if (wagesDraw && place.role === 'cash' && Quantity.sign(posting.money.quantity) > 0) {
          drawn ??= new Map()
          drawn.set(place.entity, Quantity.add(drawn.get(place.entity) ?? Quantity.zero, posting.money.quantity))
        }
      }
      if (drawn !== undefined) for (const [entity, draw] of drawn) listIn(draws, entity).push({ transaction, draw })
    }
    for (const entity of entitiesOf(books)) {
      drafts.push(...cashBeyondFund(books, entity, draws.get(entity) ?? [], asOf))
      // (b) ageing of wages payable
      const layers: Layer[] = []
      let paid = false
      let first = 0 // layers before it are settled
      for (const { transaction, money } of payable.get(entity) ?? []) {
        if (Quantity.sign(money) < 0) {
          const amount = Quantity.negate(money)
          layers.push({ date: transaction.date, amount, open: amount, transaction })
          continue
        }
        paid = true
        let left = money
        while (first < layers.length && Quantity.sign(left) > 0) {
          const layer = layers[first] as Layer
          const settled = Quantity.min(left, layer.open)
          layer.open = Quantity.subtract(layer.open, settled)
          left = Quantity.subtract(left, settled)
          if (Quantity.sign(layer.open) > 0) break
          layer.settled = transaction.date
          first++
        }
      }
      if (!paid) continue
      const age = (layer: Layer): number => LocalDate.daysBetween(layer.date, layer.settled ?? asOf)
      const late = layers.filter((layer) => age(layer) > payPeriodDays)
      if (late.length === 0) continue
      const oldest = late.reduce((worst, layer) => (age(layer) > age(worst) ? layer : worst))
      const unpaid = Quantity.sumAll(layers.map((layer) => layer.open))
      const overdueNow = Quantity.sumAll(late.filter((layer) => layer.settled === undefined).map((layer) => layer.open))
      drafts.push({
        severity: 'warn',
        entity,
        date: oldest.settled ?? asOf,
        moneyGap: { quantity: Quantity.sumAll(late.map((layer) => layer.amount)), commodity: books.currency },
        measures: [
          amountMeasure('overdue', Quantity.sumAll(late.map((layer) => layer.amount)), books.currency),
          amountMeasure('overdue:unpaid', overdueNow, books.currency),
          amountMeasure('unpaid', unpaid, books.currency),
          numberMeasure('oldest-days', Quantity.unsafeFromInteger(age(oldest))),
          numberMeasure('accruals-late', Quantity.unsafeFromInteger(late.length)),
        ],
        threshold: {
          text: `wages payable older than one pay period (${payPeriodDays} days)`,
          value: { _tag: 'Number', value: Quantity.unsafeFromInteger(payPeriodDays) },
        },
        evidence: transactionsEvidence(
          [...late.map((layer) => layer.transaction)].sort((a, b) => a.index - b.index),
          (transaction) => `wages accrued: ${transaction.description}`,
        ),
        message:
          `${entity} left wages accrued on ${oldest.date} unpaid for ${age(oldest)} days` +
          `${oldest.settled === undefined ? ` (still unpaid on ${asOf})` : ` (paid on ${oldest.settled})`}, ` +
          `longer than a pay period of ${payPeriodDays} days: ` +
          `${showMoney(Quantity.sumAll(late.map((layer) => layer.amount)), books.currency)} accrued and paid ` +
          `late or not at all, ${showMoney(overdueNow, books.currency)} of it still open.`,
      })
    }
    // (c) arrears the record reports
    for (const figure of reported) {
      if (figure.period.start > asOf || figure.value._tag !== 'Number') continue
      const unit =
        figure.metric === 'wages-unpaid:months' ? 'months' : figure.metric === 'wages-unpaid:days' ? 'days' : undefined
      if (unit === undefined) continue
      const value = figure.value.value
      const days = unit === 'months' ? Quantity.multiply(value, Quantity.unsafeFromInteger(shortestMonth)) : value
      if (Quantity.compare(days, Quantity.unsafeFromInteger(payPeriodDays)) <= 0) continue
      drafts.push({
        severity: 'warn',
        entity: figure.entity,
        period: figure.period,
        date: Period.lastDay(figure.period) < asOf ? Period.lastDay(figure.period) : asOf,
        measures: [numberMeasure(`unpaid-${unit}`, value), numberMeasure('unpaid-days:at-least', days)],
        threshold: {
          text:
            `wages unpaid longer than one pay period (${payPeriodDays} days; a month counts as at least ` +
            `${shortestMonth} days)`,
          value: { _tag: 'Number', value: Quantity.unsafeFromInteger(payPeriodDays) },
        },
        evidence: [reportedEvidence(figure, `wages reported unpaid for ${Quantity.toString(value)} ${unit}`)],
        estimated: figure.estimated,
        message:
          `The record reports wages at ${figure.entity} unpaid for ${Quantity.toString(value)} ${unit} in ` +
          `${figure.period.label} (at least ${Quantity.toString(days)} days), longer than a pay period of ` +
          `${payPeriodDays} days; the books do not give the amount.`,
      })
    }
    return drafts
  },
})

/** Check (a): cash drawn for wages in a wage-fund period beyond the fund less what was paid before each draw. */
const cashBeyondFund = (
  books: Parameters<typeof Plans.planLines>[0],
  entity: Entity.EntityName,
  entityDraws: ReadonlyArray<{ readonly transaction: Transaction.Transaction; readonly draw: Quantity.Quantity }>,
  asOf: LocalDate.LocalDate,
): ReadonlyArray<FindingDraft> => {
  const lines = Plans.planLines(books, entity, 'WageFund').filter((line) => line.period.start <= asOf)
  const drafts: FindingDraft[] = []
  const periods: Period.Period[] = []
  for (const line of lines)
    if (
      !periods.some((period) => period.start === line.period.start && period.endExclusive === line.period.endExclusive)
    )
      periods.push(line.period)
  for (const period of periods) {
    const values = lines
      .filter((line) => line.period.start === period.start && line.period.endExclusive === period.endExclusive)
      .map((line) => Plans.valueKnownOn(line, asOf))
      .filter((value): value is Plans.PlanValue => value !== undefined)
    const total = values.filter(
      (value) =>
        value.line.item._tag === 'WageFund' && ['total', 'all'].includes(value.line.item.staffCategory.toLowerCase()),
    )
    const fundPlans = total.length > 0 ? total : values
    if (fundPlans.length === 0) continue
    const fund = Quantity.sumAll(fundPlans.map((value) => value.revision.amount))
    let drawn = Quantity.zero
    const draws: Transaction.Transaction[] = []
    let crossing:
      | {
          readonly transaction: Transaction.Transaction
          readonly before: Quantity.Quantity
          readonly draw: Quantity.Quantity
        }
      | undefined
    for (const { transaction, draw } of entityDraws) {
      if (!Period.contains(period, transaction.date)) continue
      draws.push(transaction)
      if (crossing === undefined && Quantity.compare(draw, Quantity.subtract(fund, drawn)) > 0)
        crossing = { transaction, before: drawn, draw }
      drawn = Quantity.add(drawn, draw)
    }
    if (crossing === undefined || Quantity.sign(fund) <= 0) continue
    const excess = Quantity.subtract(drawn, fund)
    const evidence: Evidence[] = [
      ...fundPlans.map((value) => planEvidence(books, value.line, value.revision, books.currency)),
      ...transactionsEvidence(draws, (transaction) => `cash drawn for wages: ${transaction.description}`),
    ]
    drafts.push({
      severity: 'warn',
      entity,
      period,
      date: crossing.transaction.date,
      moneyGap: { quantity: excess, commodity: books.currency },
      measures: [
        amountMeasure('excess', excess, books.currency),
        amountMeasure('fund', fund, books.currency),
        amountMeasure('drawn', drawn, books.currency),
        amountMeasure('remaining-before', Quantity.subtract(fund, crossing.before), books.currency),
        amountMeasure('draw', crossing.draw, books.currency),
      ],
      threshold: { text: 'cash drawn for wages > wage fund − paid to date' },
      evidence,
      estimated: fundPlans.some((value) => Plans.revisionEstimated(value.revision)),
      message:
        `${entity} drew ${showMoney(crossing.draw, books.currency)} of cash for wages on ` +
        `${crossing.transaction.date} when only ` +
        `${showMoney(Quantity.subtract(fund, crossing.before), books.currency)} of the ${period.label} ` +
        `wage fund of ${showMoney(fund, books.currency)} remained; in all ` +
        `${showMoney(drawn, books.currency)} was drawn for wages in ${period.label}, ` +
        `${showMoney(excess, books.currency)} beyond the fund.`,
    })
  }
  return drafts
}
