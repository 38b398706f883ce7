/**
 * R6 wage-fund overrun; R7 bonus while realization lags or from the wrong fund; R8 applied vs
 * authorized bonus rate.
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Entity, Ledger, type LocalDate, Period, Quantity, Rate, type Transaction } from '../../core/index.js'
import type { Bonus } from '../../domain/Books.js'
import { type FundingSource, valueAt } from '../../domain/Parameters.js'
import { Flows, Fulfilment, Payroll, Plans, Ratio } from '../../measures/index.js'
import { type PercentReading, percentReadingMeasure, percentReadingOf, percentVerdict } from '../Figures.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  numberMeasure,
  percentMeasure,
  planEvidence,
  reportedEvidence,
  type Severity,
  showMoney,
  showPercent,
  transactionEvidence,
} from '../Finding.js'
import * as Param from '../Param.js'
import { defineRule, type FindingDraft, type ReconcileInput } from '../Rule.js'
import { entitiesOf, hundred, isPlain, reportedFor, reportedPercent, tagOf, transactionsEvidence } from './common.js'

/** Wage-fund lines labelled `total` (or `all`) cover the whole payroll; others one staff category. */
const isTotalLabel = (label: string): boolean => label.toLowerCase() === 'total' || label.toLowerCase() === 'all'

/**
 * Rule R6 (`wage-fund-overrun`): compares payroll with each wage-fund line, warn when the overrun exceeds `warnAbove`
 * percent of the fund (default 0) and critical above `criticalAbove` percent (default 10), compared exactly.
 */
export const wageFundOverrun = defineRule({
  id: 'wage-fund-overrun',
  title: 'Wage fund overrun',
  description:
    'For each wage-fund line (period, staff category) that began by the as-of date: actual payroll = ' +
    'postings to the `wages` and `bonus` role accounts in the period up to the as-of date (by staff ' +
    'category: `staff:` tag, else the sub-account below the wages account); overrun = actual − fund; ' +
    'pct = overrun / fund. A line labelled `total` (or, without one, the sum of the category lines) ' +
    'is compared with the whole payroll. Overrun > `warnAbove` → warn; pct > `criticalAbove` → critical.',
  motivation:
    'domain.md Q4–Q5, D5–D6 (fn 49–50: TsGIA SPb. F.P-960, Op.7, D.2, 37): payroll 117 M vs fund 88 ' +
    'M → 32.95 %; ITR > 6 M of the overrun.',
  parameters: { warnAbove: Param.percent, criticalAbove: Param.percent },
  defaults: {
    warnAbove: Rate.percentPoints(Quantity.zero),
    criticalAbove: Rate.percentPoints(Quantity.fromInteger(10)),
  },
  evaluate: ({ books, asOf, index }, { warnAbove, criticalAbove }) => {
    const drafts: FindingDraft[] = []
    const resolvePlace = Flows.placeResolver(books)
    for (const entity of entitiesOf(books)) {
      const lines = Plans.planLines(books, entity, 'WageFund').filter((line) => line.period.start <= asOf)
      const periods: Period.Period[] = []
      for (const line of lines)
        if (
          !periods.some(
            (period) => period.start === line.period.start && period.endExclusive === line.period.endExclusive,
          )
        )
          periods.push(line.period)
      for (const period of periods) {
        const range = {
          begin: period.start,
          end: period.endExclusive <= Flows.dayAfter(asOf) ? period.endExclusive : Flows.dayAfter(asOf),
        }
        const actual = Payroll.payroll(books, entity, range, index)
        const inPeriod = lines
          .filter((line) => line.period.start === period.start && line.period.endExclusive === period.endExclusive)
          .map((line) => Plans.valueKnownOn(line, asOf))
          .filter((value): value is Plans.PlanValue => value !== undefined)
        const totals = inPeriod.filter(
          (value) => value.line.item._tag === 'WageFund' && isTotalLabel(value.line.item.staffCategory),
        )
        const categories = inPeriod.filter(
          (value) => value.line.item._tag === 'WageFund' && !isTotalLabel(value.line.item.staffCategory),
        )
        const checks: Array<{
          label: string
          fund: Quantity.Quantity
          actual: Quantity.Quantity
          plans: ReadonlyArray<Plans.PlanValue>
          transactions: ReadonlyArray<Transaction.Transaction>
          estimated: boolean
        }> = []
        if (totals.length > 0 || categories.length > 0) {
          const fundPlans = totals.length > 0 ? totals : categories
          checks.push({
            label: 'total',
            fund: Quantity.sumAll(fundPlans.map((value) => value.revision.amount)),
            actual: actual.total,
            plans: fundPlans,
            transactions: actual.transactions,
            estimated: actual.estimated || fundPlans.some((value) => Plans.revisionEstimated(value.revision)),
          })
        }
        for (const value of categories) {
          if (value.line.item._tag !== 'WageFund') continue
          const label = value.line.item.staffCategory as string
          const category = actual.categories.find((item) => item.category === label)
          checks.push({
            label,
            fund: value.revision.amount,
            actual: category?.amount ?? Quantity.zero,
            plans: [value],
            transactions: category?.transactions ?? [],
            estimated: (category?.estimated ?? false) || Plans.revisionEstimated(value.revision),
          })
        }
        for (const check of checks) {
          const overrun = Quantity.subtract(check.actual, check.fund)
          if (Quantity.sign(overrun) <= 0 || Quantity.sign(check.fund) <= 0) continue
          const above = (limit: Rate.PercentPoints): boolean =>
            O.getOrElse((): -1 | 0 | 1 => -1)(Ratio.comparePercent(overrun, check.fund, limit)) > 0
          const severity: Severity | undefined = above(criticalAbove)
            ? 'critical'
            : above(warnAbove)
              ? 'warn'
              : undefined
          if (severity === undefined) continue
          const ratio = Ratio.percentOf(overrun, check.fund)
          const limit = severity === 'critical' ? criticalAbove : warnAbove
          const evidence: Evidence[] = [
            ...check.plans.map((value) => planEvidence(books, value.line, value.revision, books.currency)),
            ...transactionsEvidence(check.transactions),
          ]
          const breakdown =
            check.label === 'total'
              ? actual.categories.map((item) => amountMeasure(`payroll:${item.category}`, item.amount, books.currency))
              : []
          drafts.push({
            severity,
            entity,
            period,
            date: Period.lastDay(period) < asOf ? Period.lastDay(period) : asOf,
            accounts: check.transactions
              .flatMap((transaction) => transaction.postings.map((posting) => posting.account))
              .filter((account) => resolvePlace(account)?.role === 'wages' || resolvePlace(account)?.role === 'bonus'),
            moneyGap: { quantity: overrun, commodity: books.currency },
            measures: [
              amountMeasure('overrun', overrun, books.currency),
              amountMeasure('fund', check.fund, books.currency),
              amountMeasure('actual', check.actual, books.currency),
              ...(O.isSome(ratio) ? [percentMeasure('ratio', ratio.value)] : []),
              ...breakdown,
            ],
            threshold: {
              text: `overrun > ${showPercent(limit)} of the fund`,
              value: { _tag: 'Percent', percent: limit },
            },
            evidence,
            estimated: check.estimated,
            message:
              `${entity} charged ${showMoney(check.actual, books.currency)} of ` +
              `payroll${check.label === 'total' ? '' : ` (${check.label})`} in ${period.label} against a wage ` +
              `fund of ${showMoney(check.fund, books.currency)}: an overrun of ` +
              `${showMoney(overrun, books.currency)} (${O.isSome(ratio) ? showPercent(ratio.value) : 'n/a'}).`,
          })
        }
      }
    }
    return drafts
  },
})

/** Reads a `fund:` tag value as a funding source. */
export const fundingSourceOf = (text: string): FundingSource | undefined => {
  const normalized = text.toLowerCase().replace(/[^a-z]/gu, '')
  if (normalized === 'wagefund' || normalized === 'wage' || normalized === 'wages') return 'wageFund'
  if (
    normalized === 'directorfund' ||
    normalized === 'director' ||
    normalized === 'directors' ||
    normalized === 'directorsfund'
  )
    return 'directorFund'
  return undefined
}

/** Realized fulfilment (%) of the entity's output plan for the year containing `on`, if measurable. */
const realizedFulfilment = (
  input: ReconcileInput,
  entity: Entity.EntityName,
  on: LocalDate.LocalDate,
): { readonly reading: PercentReading; readonly period: Period.Period } | undefined => {
  const year = Period.containing('year', on)
  // A reported figure may be hedged (`<100%`, the chief accountant's "below 100 %").
  const reported = percentReadingOf(reportedFor(input, entity, 'plan-fulfilment:realized', year))
  if (reported !== undefined) return { reading: reported, period: year }
  const plans = Fulfilment.outputPlans(input.books, entity, year, input.asOf)
  if (plans.length === 0) return undefined
  if (year.endExclusive > Flows.dayAfter(input.asOf)) return undefined
  const measured = Fulfilment.planFulfilment(input.books, entity, year, input.asOf, undefined, input.index)
  // No sales in the books is not 0 % realized: it is not computable.
  if (!measured.realized.computable)
    return { reading: { _tag: 'NotComputable', missing: 'realized sales' }, period: year }
  const percent = O.toUndefined(measured.ratios.realized)
  return percent === undefined ? undefined : { reading: { _tag: 'Exact', percent }, period: year }
}

/**
 * Rule R7 (`bonus-funding`): flags bonuses paid from a fund not permitted on their date (critical), without approval by
 * `requiredApprover` (warn, default NKTP), or in a year whose realized plan fulfilment is below 100 percent (warn).
 */
export const bonusFunding = defineRule({
  id: 'bonus-funding',
  title: 'Bonus from the wrong fund, without approval, or while realization lags',
  description:
    'For each bonus (Bonus documents, and plain postings to the `bonus` role account that carry a ' +
    '`fund:` tag): (a) funded from a fund the rule in force on its date does not permit (the ' +
    "document's permittedSources; for postings the books' `bonusFunding` parameter) → critical; (b) " +
    'not approved by `requiredApprover` (empty: not checked) → warn; (c) the realized plan ' +
    'fulfilment of its year is below 100 % → warn (when `checkRealization`).',
  motivation:
    "domain.md Q6–Q7, Q14, M3 (fn 49–51, 60): bonuses by director's decree of 13 May 1936 without " +
    'NKTP approval, against a claimed 25 % saving, charged to the wage fund after the 19 Apr 1936 decree.',
  parameters: { requiredApprover: Param.word, checkRealization: Param.boolean },
  defaults: { requiredApprover: 'NKTP', checkRealization: true },
  evaluate: (input, { requiredApprover, checkRealization }) => {
    const { books, asOf } = input
    const drafts: FindingDraft[] = []
    const judge = (
      entity: Entity.EntityName,
      date: LocalDate.LocalDate,
      source: FundingSource,
      permitted: ReadonlyArray<FundingSource>,
      approvedBy: string | undefined,
    ) => {
      const reasons: Array<{ severity: Severity; text: string }> = []
      if (!permitted.includes(source))
        reasons.push({
          severity: 'critical',
          text:
            `paid from the ${source === 'wageFund' ? 'wage fund' : "director's fund"}, which the rule in ` +
            `force on ${date} does not permit (permitted: ${permitted.join(', ') || 'none'})`,
        })
      if (
        approvedBy !== undefined &&
        requiredApprover.length > 0 &&
        !approvedBy.toLowerCase().includes(requiredApprover.toLowerCase())
      )
        reasons.push({ severity: 'warn', text: `approved by ${approvedBy || 'nobody'}, not ${requiredApprover}` })
      const realized = checkRealization ? realizedFulfilment(input, entity, date) : undefined
      const below = realized !== undefined ? percentVerdict(realized.reading, '<', hundred) : 'undecidable'
      let verdict: 'certain' | 'possible' | undefined
      if (realized !== undefined && realized.reading._tag === 'Exact' && below === 'certain')
        reasons.push({
          severity: 'warn',
          text:
            `realized sales reached only ${showPercent(realized.reading.percent)} of the ` +
            `${realized.period.label} plan`,
        })
      if (
        realized !== undefined &&
        realized.reading._tag === 'Hedged' &&
        (below === 'certain' || below === 'possible')
      ) {
        verdict = below
        reasons.push({
          severity: 'warn',
          text:
            `realized sales were ${realized.reading.reading.written} of the ${realized.period.label} plan ` +
            `(${below === 'certain' ? 'certainly' : 'possibly'} below 100 %)`,
        })
      }
      return { reasons, realized, verdict }
    }
    const realizedMeasures = (realized: ReturnType<typeof realizedFulfilment>) =>
      realized !== undefined ? [percentReadingMeasure('realized', realized.reading)] : []
    for (const bonus of [...books.bonuses.values()].sort((a: Bonus, b: Bonus) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )) {
      if (bonus.date > asOf) continue
      const { reasons, realized, verdict } = judge(
        bonus.entity,
        bonus.date,
        bonus.fundingSource,
        bonus.permittedSources,
        bonus.approvedBy,
      )
      if (reasons.length === 0) continue
      const severity = reasons.some((reason) => reason.severity === 'critical') ? 'critical' : 'warn'
      drafts.push({
        severity,
        entity: bonus.entity,
        date: bonus.date,
        documents: [bonus.id],
        moneyGap: { quantity: bonus.amount, commodity: books.currency },
        ...(verdict !== undefined ? { verdict } : {}),
        measures: [
          amountMeasure('bonus', bonus.amount, books.currency),
          ...realizedMeasures(realized),
          ...(bonus.basis.claimedSaving !== undefined
            ? [numberMeasure('claimed-saving', bonus.basis.claimedSaving)]
            : []),
        ],
        threshold: { text: 'any of: fund not permitted; approval missing; realization < 100 %' },
        evidence: documentEvidence(
          books,
          bonus,
          `bonus ${bonus.id} (${bonus.staffCategory}) ${showMoney(bonus.amount, books.currency)}` +
            (bonus.decree !== undefined ? `, decree ${bonus.decree.number} of ${bonus.decree.date}` : ''),
        ),
        message:
          `Bonus ${bonus.id} of ${showMoney(bonus.amount, books.currency)} to ${bonus.staffCategory} at ` +
          `${bonus.entity} on ${bonus.date}: ${reasons.map((reason) => reason.text).join('; ')}.`,
      })
    }
    const resolve = Flows.placeResolver(books)
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (transaction.date > asOf || !isPlain(transaction)) continue
      for (const posting of transaction.postings) {
        const place = resolve(posting.account)
        if (
          place === undefined ||
          place.role !== 'bonus' ||
          posting.money === undefined ||
          Quantity.sign(posting.money.quantity) <= 0
        )
          continue
        const tag = tagOf(posting, transaction, 'fund')
        if (tag === undefined) continue
        const source = fundingSourceOf(tag)
        if (source === undefined) continue
        const permitted = valueAt(books.parameters.bonusFunding, transaction.date)?.value ?? []
        const approver = tagOf(posting, transaction, 'approved-by') ?? tagOf(posting, transaction, 'approvedBy')
        const { reasons, realized, verdict } = judge(place.entity, transaction.date, source, permitted, approver)
        if (reasons.length === 0) continue
        drafts.push({
          severity: reasons.some((reason) => reason.severity === 'critical') ? 'critical' : 'warn',
          entity: place.entity,
          date: transaction.date,
          accounts: [posting.account],
          moneyGap: posting.money,
          ...(verdict !== undefined ? { verdict } : {}),
          measures: [
            amountMeasure('bonus', posting.money.quantity, posting.money.commodity),
            ...realizedMeasures(realized),
          ],
          threshold: { text: 'any of: fund not permitted; approval missing; realization < 100 %' },
          evidence: [transactionEvidence(transaction)],
          message:
            `Bonus of ${showMoney(posting.money.quantity, posting.money.commodity)} posted to ` +
            `${posting.account} on ${transaction.date}: ${reasons.map((reason) => reason.text).join('; ')}.`,
        })
      }
    }
    return drafts
  },
})

/**
 * Rule R8 (`bonus-rate`): critical when a reported applied bonus rate exceeds the authorized rate by more than `gap`
 * percentage points (default 0), warn when bonuses and rework cost both rise for `risingQuarters` quarters (default 2).
 */
export const bonusRate = defineRule({
  id: 'bonus-rate',
  title: 'Bonus rate applied above the authorized rate',
  description:
    'Compares reported `bonus-rate:applied[:GROUP]` with `bonus-rate:authorized[:GROUP]` for the ' +
    'same entity and period: rate gap = applied − authorized > `gap` points → critical. Also: the ' +
    '`bonus` role flow and the rework cost (Rework documents, `rework` role flow) both rising for ≥ ' +
    '`risingQuarters` consecutive quarters of the as-of year → warn (bonus up while claims and ' +
    'rework are up).',
  motivation:
    'domain.md Q9–Q10, D22, I10 (fn 53–54: OTK bonus, 20 % authorized vs an effective 50 % premium; ' +
    'base of each percentage unstated).',
  parameters: { gap: Param.percent, risingQuarters: Param.count },
  defaults: { gap: Rate.percentPoints(Quantity.zero), risingQuarters: 2 },
  evaluate: (input, { gap, risingQuarters }) => {
    const { books, asOf } = input
    const drafts: FindingDraft[] = []
    for (const figure of input.reported) {
      if (!figure.metric.startsWith('bonus-rate:applied') || figure.period.start > asOf) continue
      const group = figure.metric.slice('bonus-rate:applied'.length)
      const authorizedFigure = reportedFor(input, figure.entity, `bonus-rate:authorized${group}`, figure.period)
      const applied = reportedPercent(figure)
      const authorized = reportedPercent(authorizedFigure)
      if (applied === undefined || authorized === undefined || authorizedFigure === undefined) continue
      const difference = Rate.percentPoints(Quantity.subtract(applied, authorized))
      if (Quantity.compare(difference, gap) <= 0) continue
      drafts.push({
        severity: 'critical',
        entity: figure.entity,
        period: figure.period,
        date: Period.lastDay(figure.period) < asOf ? Period.lastDay(figure.period) : asOf,
        measures: [
          percentMeasure('applied', applied),
          percentMeasure('authorized', authorized),
          percentMeasure('gap', difference),
        ],
        threshold: {
          text: `applied − authorized > ${showPercent(gap)} points`,
          value: { _tag: 'Percent', percent: gap },
        },
        evidence: [
          reportedEvidence(figure, `applied bonus rate ${showPercent(applied)}`),
          reportedEvidence(authorizedFigure, `authorized bonus rate ${showPercent(authorized)}`),
        ],
        message:
          `${figure.entity} applied a bonus rate of ` +
          `${showPercent(applied)}${group.length > 0 ? ` (${group.slice(1)})` : ''} in ` +
          `${figure.period.label} against an authorized ${showPercent(authorized)}: ` +
          `${showPercent(difference)} points above.`,
      })
    }
    const year = Period.containing('year', asOf)
    for (const entity of entitiesOf(books)) {
      const quarters = Period.split('quarter', year.start, year.endExclusive).filter(
        (quarter) => Period.lastDay(quarter) <= asOf,
      )
      const series = quarters.map((quarter) => {
        const range = { begin: quarter.start, end: quarter.endExclusive }
        const bonus = Flows.flow(books, { entity, roles: ['bonus'], range }, input.index)
        const reworkFlow = Flows.flow(books, { entity, roles: ['rework'], range }, input.index)
        const reworkDocuments = [...books.reworks.values()].filter(
          (rework) => rework.entity === entity && Period.contains(quarter, rework.date),
        )
        const rework = Quantity.add(
          reworkFlow.money,
          Quantity.sumAll(reworkDocuments.filter(() => reworkFlow.transactions.length === 0).map((item) => item.total)),
        )
        return { quarter, bonus, rework, reworkFlow }
      })
      let run = 0
      let best = 0
      let end = -1
      for (let index = 1; index < series.length; index++) {
        const previous = series[index - 1] as (typeof series)[number]
        const current = series[index] as (typeof series)[number]
        const rising =
          Quantity.compare(current.bonus.money, previous.bonus.money) > 0 &&
          Quantity.compare(current.rework, previous.rework) > 0
        run = rising ? run + 1 : 0
        if (run > best) {
          best = run
          end = index
        }
      }
      if (best < risingQuarters || end < 0) continue
      const window = series.slice(end - best, end + 1)
      const last = window[window.length - 1] as (typeof series)[number]
      drafts.push({
        severity: 'warn',
        entity,
        period: year,
        date: Period.lastDay(last.quarter),
        measures: [
          numberMeasure('quarters', Quantity.fromInteger(best)),
          ...window.map((item) => amountMeasure(`bonus:${item.quarter.label}`, item.bonus.money, books.currency)),
          ...window.map((item) => amountMeasure(`rework:${item.quarter.label}`, item.rework, books.currency)),
        ],
        threshold: {
          text: `bonus and rework both rising for ≥ ${risingQuarters} consecutive quarters`,
          value: { _tag: 'Number', value: Quantity.fromInteger(risingQuarters) },
        },
        evidence: transactionsEvidence(
          window.flatMap((item) => [...item.bonus.transactions, ...item.reworkFlow.transactions]),
        ),
        message:
          `${entity}'s bonuses and its rework costs rose together for ${best} consecutive quarters up to ` +
          `${last.quarter.label}: bonuses keyed to recorded quality while post-acceptance rework grew.`,
      })
    }
    return drafts
  },
})
