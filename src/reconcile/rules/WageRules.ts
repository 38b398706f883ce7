/**
 * R6 wage-fund overrun; R7 bonus while realization lags or from the wrong fund; R8 applied vs
 * authorized bonus rate.
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Entity, Ledger, type LocalDate, Period, Quantity, Rate, type Transaction } from '../../core/index.js'
import type { Bonus } from '../../domain/Books.js'
import { type FundingSource, valueAt } from '../../domain/Parameters.js'
import type { ReportedFigure } from '../../domain/Statements.js'
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
import { type FindingDraft, type ReconcileInput, unsafeDefineRule } from '../Rule.js'
import {
  entitiesOf,
  hundred,
  isPlain,
  placesOf,
  reportedFor,
  reportedPercent,
  tagOf,
  transactionsEvidence,
} from './common.js'

/** Wage-fund lines labelled `total` (or `all`) cover the whole payroll; others one staff category. */
const isTotalLabel = (label: string): boolean => label.toLowerCase() === 'total' || label.toLowerCase() === 'all'

/**
 * Rule R6 (`wage-fund-overrun`): compares payroll with each wage-fund line, warn when the overrun exceeds `warnAbove`
 * percent of the fund (default 0) and critical above `criticalAbove` percent (default 10), compared exactly.
 */
export const wageFundOverrun = unsafeDefineRule({
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
    criticalAbove: Rate.percentPoints(Quantity.unsafeFromInteger(10)),
  },
  evaluate: ({ books, asOf, index }, { warnAbove, criticalAbove }) => {
    const drafts: FindingDraft[] = []
    const resolvePlace = placesOf({ books, index })
    for (const entity of entitiesOf(books)) {
      const lines = Plans.planLines(books, entity, 'WageFund').filter((line) => line.period.start <= asOf)
      for (const period of distinctPeriods(lines)) {
        const actual = Payroll.payroll(books, entity, payrollRange(period, asOf), index)
        for (const check of fundChecks(lines, period, asOf, actual)) {
          const overrun = Quantity.subtract(check.actual, check.fund)
          const severity = overrunSeverity(overrun, check.fund, warnAbove, criticalAbove)
          if (severity === undefined) continue
          const limit = severity === 'critical' ? criticalAbove : warnAbove
          drafts.push(
            overrunFinding({ books, entity, period, asOf, actual, check, overrun, severity, limit, resolvePlace }),
          )
        }
      }
    }
    return drafts
  },
})

type WageFundLine = Plans.PlanValue['line']

/** One comparison of R6: a wage-fund line (or the whole fund, `total`) against the payroll it covers. */
interface FundCheck {
  readonly label: string
  readonly fund: Quantity.Quantity
  readonly actual: Quantity.Quantity
  readonly plans: ReadonlyArray<Plans.PlanValue>
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  readonly estimated: boolean
}

const samePeriod = (a: Period.Period, b: Period.Period): boolean =>
  a.start === b.start && a.endExclusive === b.endExclusive

/** R6, gather: the distinct periods of an entity's wage-fund lines, in the order first met. */
const distinctPeriods = (lines: ReadonlyArray<WageFundLine>): Period.Period[] => {
  const periods: Period.Period[] = []
  for (const line of lines) if (!periods.some((period) => samePeriod(period, line.period))) periods.push(line.period)
  return periods
}

/** R6, gather: the days of `period` whose payroll counts, up to the as-of date. */
const payrollRange = (
  period: Period.Period,
  asOf: LocalDate.LocalDate,
): { begin: LocalDate.LocalDate; end: LocalDate.LocalDate } => ({
  begin: period.start,
  end: period.endExclusive <= Flows.dayAfter(asOf) ? period.endExclusive : Flows.dayAfter(asOf),
})

/**
 * R6, measure: the checks of one period: the whole payroll against the `total` lines (or, without one, the sum of the
 * category lines), then each category line against its category's payroll.
 */
const fundChecks = (
  lines: ReadonlyArray<WageFundLine>,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
  actual: Payroll.Payroll,
): FundCheck[] => {
  const inPeriod = lines
    .filter((line) => samePeriod(line.period, period))
    .map((line) => Plans.valueKnownOn(line, asOf))
    .filter((value): value is Plans.PlanValue => value !== undefined)
  const totals = inPeriod.filter(
    (value) => value.line.item._tag === 'WageFund' && isTotalLabel(value.line.item.staffCategory),
  )
  const categories = inPeriod.filter(
    (value) => value.line.item._tag === 'WageFund' && !isTotalLabel(value.line.item.staffCategory),
  )
  const checks: FundCheck[] = []
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
  return checks
}

/** R6, judge: critical above `criticalAbove` percent of a positive fund, warn above `warnAbove`, else nothing. */
const overrunSeverity = (
  overrun: Quantity.Quantity,
  fund: Quantity.Quantity,
  warnAbove: Rate.PercentPoints,
  criticalAbove: Rate.PercentPoints,
): Severity | undefined => {
  if (Quantity.sign(overrun) <= 0 || Quantity.sign(fund) <= 0) return undefined
  const above = (limit: Rate.PercentPoints): boolean =>
    O.getOrElse((): -1 | 0 | 1 => -1)(Ratio.comparePercent(overrun, fund, limit)) > 0
  return above(criticalAbove) ? 'critical' : above(warnAbove) ? 'warn' : undefined
}

/** R6, explain: the finding of one check over its limit, with the payroll's breakdown by category for the total. */
const overrunFinding = ({
  books,
  entity,
  period,
  asOf,
  actual,
  check,
  overrun,
  severity,
  limit,
  resolvePlace,
}: {
  readonly books: ReconcileInput['books']
  readonly entity: Entity.EntityName
  readonly period: Period.Period
  readonly asOf: LocalDate.LocalDate
  readonly actual: Payroll.Payroll
  readonly check: FundCheck
  readonly overrun: Quantity.Quantity
  readonly severity: Severity
  readonly limit: Rate.PercentPoints
  readonly resolvePlace: ReturnType<typeof Flows.placeResolver>
}): FindingDraft => {
  const ratio = Ratio.percentOf(overrun, check.fund)
  const evidence: Evidence[] = [
    ...check.plans.map((value) => planEvidence(books, value.line, value.revision, books.currency)),
    ...transactionsEvidence(check.transactions),
  ]
  const breakdown =
    check.label === 'total'
      ? actual.categories.map((item) => amountMeasure(`payroll:${item.category}`, item.amount, books.currency))
      : []
  return {
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
  }
}

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
  const year = Period.unsafeContaining('year', on)
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
export const bonusFunding = unsafeDefineRule({
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
    const judge = (bonus: BonusToJudge) => bonusReasons(input, requiredApprover, checkRealization, bonus)
    const drafts: FindingDraft[] = []
    for (const bonus of [...books.bonuses.values()].sort((a: Bonus, b: Bonus) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )) {
      if (bonus.date > asOf) continue
      const judged = judge({
        entity: bonus.entity,
        date: bonus.date,
        source: bonus.fundingSource,
        permitted: bonus.permittedSources,
        approvedBy: bonus.approvedBy,
      })
      if (judged.reasons.length > 0) drafts.push(documentBonusFinding(input, bonus, judged))
    }
    for (const posted of fundedBonusPostings(input)) {
      const judged = judge(posted.bonus)
      if (judged.reasons.length > 0) drafts.push(postedBonusFinding(posted, judged))
    }
    return drafts
  },
})

/** R7: what a bonus is judged on, whether a Bonus document or a plain posting tagged `fund:`. */
interface BonusToJudge {
  readonly entity: Entity.EntityName
  readonly date: LocalDate.LocalDate
  readonly source: FundingSource
  readonly permitted: ReadonlyArray<FundingSource>
  readonly approvedBy: string | undefined
}

/** R7: the reasons a bonus is flagged, with the realized fulfilment they rest on and the verdict of a hedged one. */
interface BonusJudgement {
  readonly reasons: ReadonlyArray<{ readonly severity: Severity; readonly text: string }>
  readonly realized: ReturnType<typeof realizedFulfilment>
  readonly verdict: 'certain' | 'possible' | undefined
}

const bonusThreshold = { text: 'any of: fund not permitted; approval missing; realization < 100 %' }

const realizedMeasures = (realized: ReturnType<typeof realizedFulfilment>) =>
  realized !== undefined ? [percentReadingMeasure('realized', realized.reading)] : []

/** R7, gather: the plain postings to a `bonus` role account, positive and tagged with a known `fund:`, by as-of. */
const fundedBonusPostings = (input: ReconcileInput) => {
  const { books, asOf } = input
  const resolve = placesOf(input)
  const found: Array<{
    readonly bonus: BonusToJudge
    readonly transaction: Transaction.Transaction
    readonly posting: Transaction.Transaction['postings'][number]
    readonly money: NonNullable<Transaction.Transaction['postings'][number]['money']>
  }> = []
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
      const approvedBy = tagOf(posting, transaction, 'approved-by') ?? tagOf(posting, transaction, 'approvedBy')
      found.push({
        bonus: { entity: place.entity, date: transaction.date, source, permitted, approvedBy },
        transaction,
        posting,
        money: posting.money,
      })
    }
  }
  return found
}

/** R7, measure and judge: the wrong fund (critical), the missing approval and the lagging realization (warn). */
const bonusReasons = (
  input: ReconcileInput,
  requiredApprover: string,
  checkRealization: boolean,
  { entity, date, source, permitted, approvedBy }: BonusToJudge,
): BonusJudgement => {
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
  if (realized !== undefined && realized.reading._tag === 'Hedged' && (below === 'certain' || below === 'possible')) {
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

const severityOf = (judged: BonusJudgement): Severity =>
  judged.reasons.some((reason) => reason.severity === 'critical') ? 'critical' : 'warn'

/** R7, explain: the finding of a flagged Bonus document. */
const documentBonusFinding = (
  { books }: ReconcileInput,
  bonus: Bonus,
  { reasons, realized, verdict }: BonusJudgement,
): FindingDraft => ({
  severity: severityOf({ reasons, realized, verdict }),
  entity: bonus.entity,
  date: bonus.date,
  documents: [bonus.id],
  moneyGap: { quantity: bonus.amount, commodity: books.currency },
  ...(verdict !== undefined ? { verdict } : {}),
  measures: [
    amountMeasure('bonus', bonus.amount, books.currency),
    ...realizedMeasures(realized),
    ...(bonus.basis.claimedSaving !== undefined ? [numberMeasure('claimed-saving', bonus.basis.claimedSaving)] : []),
  ],
  threshold: bonusThreshold,
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

/** R7, explain: the finding of a flagged bonus posting. */
const postedBonusFinding = (
  { bonus, transaction, posting, money }: ReturnType<typeof fundedBonusPostings>[number],
  judged: BonusJudgement,
): FindingDraft => ({
  severity: severityOf(judged),
  entity: bonus.entity,
  date: transaction.date,
  accounts: [posting.account],
  moneyGap: money,
  ...(judged.verdict !== undefined ? { verdict: judged.verdict } : {}),
  measures: [amountMeasure('bonus', money.quantity, money.commodity), ...realizedMeasures(judged.realized)],
  threshold: bonusThreshold,
  evidence: [transactionEvidence(transaction)],
  message:
    `Bonus of ${showMoney(money.quantity, money.commodity)} posted to ` +
    `${posting.account} on ${transaction.date}: ${judged.reasons.map((reason) => reason.text).join('; ')}.`,
})

/**
 * Rule R8 (`bonus-rate`): critical when a reported applied bonus rate exceeds the authorized rate by more than `gap`
 * percentage points (default 0), warn when bonuses and rework cost both rise for `risingQuarters` quarters (default 2).
 */
export const bonusRate = unsafeDefineRule({
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
  evaluate: (input, { gap, risingQuarters }) => [
    ...input.reported.flatMap((figure) => rateGapFinding(input, figure, gap)),
    ...entitiesOf(input.books).flatMap((entity) => risingTogetherFinding(input, entity, risingQuarters)),
  ],
})

/** R8, gather, measure and judge the rates: an applied bonus rate more than `gap` points above the authorized one. */
const rateGapFinding = (input: ReconcileInput, figure: ReportedFigure, gap: Rate.PercentPoints): FindingDraft[] => {
  const { asOf } = input
  if (!figure.metric.startsWith('bonus-rate:applied') || figure.period.start > asOf) return []
  const group = figure.metric.slice('bonus-rate:applied'.length)
  const authorizedFigure = reportedFor(input, figure.entity, `bonus-rate:authorized${group}`, figure.period)
  const applied = reportedPercent(figure)
  const authorized = reportedPercent(authorizedFigure)
  if (applied === undefined || authorized === undefined || authorizedFigure === undefined) return []
  const difference = Rate.percentPoints(Quantity.subtract(applied, authorized))
  if (Quantity.compare(difference, gap) <= 0) return []
  return [
    {
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
    },
  ]
}

/** R8, measure: the bonus flow and the rework cost of each quarter of `year` that ended by the as-of date. */
const quarterlyBonusAndRework = (input: ReconcileInput, entity: Entity.EntityName, year: Period.Period) => {
  const { books, asOf } = input
  const quarters = Period.split('quarter', year.start, year.endExclusive).filter(
    (quarter) => Period.lastDay(quarter) <= asOf,
  )
  return quarters.map((quarter) => {
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
}

/** R8, judge: the longest run of quarters in which both rose over the quarter before (its length and last index). */
const longestRisingRun = (
  series: ReadonlyArray<{ readonly bonus: { readonly money: Quantity.Quantity }; readonly rework: Quantity.Quantity }>,
): { readonly best: number; readonly end: number } => {
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
  return { best, end }
}

/** R8, explain: bonuses and rework rising together for `risingQuarters` quarters or more of the as-of year (warn). */
const risingTogetherFinding = (
  input: ReconcileInput,
  entity: Entity.EntityName,
  risingQuarters: number,
): FindingDraft[] => {
  const { books, asOf } = input
  const year = Period.unsafeContaining('year', asOf)
  const series = quarterlyBonusAndRework(input, entity, year)
  const { best, end } = longestRisingRun(series)
  if (best < risingQuarters || end < 0) return []
  const window = series.slice(end - best, end + 1)
  const last = window[window.length - 1] as (typeof series)[number]
  return [
    {
      severity: 'warn',
      entity,
      period: year,
      date: Period.lastDay(last.quarter),
      measures: [
        numberMeasure('quarters', Quantity.unsafeFromInteger(best)),
        ...window.map((item) => amountMeasure(`bonus:${item.quarter.label}`, item.bonus.money, books.currency)),
        ...window.map((item) => amountMeasure(`rework:${item.quarter.label}`, item.rework, books.currency)),
      ],
      threshold: {
        text: `bonus and rework both rising for ≥ ${risingQuarters} consecutive quarters`,
        value: { _tag: 'Number', value: Quantity.unsafeFromInteger(risingQuarters) },
      },
      evidence: transactionsEvidence(
        window.flatMap((item) => [...item.bonus.transactions, ...item.reworkFlow.transactions]),
      ),
      message:
        `${entity}'s bonuses and its rework costs rose together for ${best} consecutive quarters up to ` +
        `${last.quarter.label}: bonuses keyed to recorded quality while post-acceptance rework grew.`,
    },
  ]
}
