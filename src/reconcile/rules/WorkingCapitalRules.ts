/**
 * R1 working capital above norm; R2 turnover decline.
 */
import * as O from 'fp-ts/lib/Option.js'
import { Period, Quantity, Rate, type Transaction } from '../../core/index.js'
import { Plans, Ratio, Turnover, WorkingCapital } from '../../measures/index.js'
import {
  amountMeasure,
  type Evidence,
  numberMeasure,
  percentMeasure,
  planEvidence,
  type Severity,
  severityRank,
  showMoney,
  showPercent,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { entitiesOf, evidenceTail, transactionEvidenceMax, transactionsEvidence } from './common.js'

const percentText = (value: O.Option<Rate.PercentPoints>): string =>
  O.isSome(value) ? showPercent(value.value) : 'n/a'

/**
 * The transactions that pass `test`, or, when the list is in posting order, only the last
 * `transactionEvidenceMax` of them (all that evidence can cite), found from the end.
 */
const latestMatching = (
  transactions: ReadonlyArray<Transaction.Transaction>,
  test: (transaction: Transaction.Transaction) => boolean,
): ReadonlyArray<Transaction.Transaction> => {
  for (let at = 1; at < transactions.length; at++)
    if ((transactions[at - 1] as Transaction.Transaction).index >= (transactions[at] as Transaction.Transaction).index)
      return transactions.filter(test)
  const found: Transaction.Transaction[] = []
  for (let at = transactions.length - 1; at >= 0 && found.length < transactionEvidenceMax; at--) {
    const transaction = transactions[at] as Transaction.Transaction
    if (test(transaction)) found.push(transaction)
  }
  return found.reverse()
}

/**
 * Rule R1 (`working-capital-above-norm`): compares working capital with each norm, info for any excess, warn when the
 * excess reaches `warnAt` percent of the norm (default 10) and critical at `criticalAt` (default 50).
 */
export const workingCapitalAboveNorm = unsafeDefineRule({
  id: 'working-capital-above-norm',
  title: 'Working capital above norm',
  description:
    'For each working-capital norm (per category, or `total` alone) whose period has begun by the ' +
    'as-of date, compares the balance of the circulating-asset accounts at the end of the period (or ' +
    'on the as-of date) with the norm: excess = actual − norm; ratio = excess / norm. Any excess is ' +
    'info, a ratio ≥ warnAt is warn, ≥ criticalAt is critical. Reports the category breakdown and the ' +
    'financing split (Gosbank credit, savings-bank credit, payables, own and other).',
  motivation:
    'domain.md Q1–Q2, D1–D3 (fn 43/47: TsGIA SPb. F.P-960, Op.7, D.5, 4); M8; Kirov 145,137,000 vs ' +
    'norm 91,372,000 → 58.84 % → critical.',
  parameters: { infoAbove: Param.percent, warnAt: Param.percent, criticalAt: Param.percent },
  defaults: {
    infoAbove: Rate.percentPoints(Quantity.zero),
    warnAt: Rate.percentPoints(Quantity.unsafeFromInteger(10)),
    criticalAt: Rate.percentPoints(Quantity.unsafeFromInteger(50)),
  },
  evaluate: ({ books, asOf, index }, { infoAbove, warnAt, criticalAt }) => {
    const drafts: FindingDraft[] = []
    for (const entity of entitiesOf(books)) {
      const lines = Plans.planLines(books, entity, 'WorkingCapitalNorm').filter((line) => line.period.start <= asOf)
      const dates = [...new Set(lines.map((line) => Plans.evaluationDate(line, asOf)))].sort()
      for (const on of dates) {
        const capital = WorkingCapital.workingCapital(books, entity, on, asOf, index)
        const gradeOf = (excess: Quantity.Quantity, normAmount: Quantity.Quantity): Severity | undefined => {
          if (Quantity.sign(excess) <= 0 || Quantity.sign(normAmount) <= 0) return undefined
          const atLeast = (limit: Rate.PercentPoints): boolean =>
            O.getOrElse((): -1 | 0 | 1 => -1)(Ratio.comparePercent(excess, normAmount, limit)) >= 0
          const above = O.getOrElse((): -1 | 0 | 1 => -1)(Ratio.comparePercent(excess, normAmount, infoAbove)) > 0
          return atLeast(criticalAt) ? 'critical' : atLeast(warnAt) ? 'warn' : above ? 'info' : undefined
        }
        // The total is judged against the total norm (written, or the sum of the category norms,
        // computed); a category's excess is graded no higher than the total's, so one category
        // over its norm in a plant within (or less over) its total norm is not made critical.
        const categoryNorms = capital.norms.filter((norm) => norm.category !== 'total')
        const writtenTotal = capital.norms.find((norm) => norm.category === 'total')
        const computedTotal =
          writtenTotal === undefined && categoryNorms.length > 1
            ? {
                norm: Quantity.sumAll(categoryNorms.map((norm) => norm.norm)),
                actual: Quantity.sumAll(categoryNorms.map((norm) => norm.actual)),
              }
            : undefined
        const totalExcess =
          writtenTotal !== undefined
            ? { excess: writtenTotal.excess, norm: writtenTotal.norm }
            : computedTotal !== undefined
              ? { excess: Quantity.subtract(computedTotal.actual, computedTotal.norm), norm: computedTotal.norm }
              : undefined
        const totalGrade = totalExcess === undefined ? undefined : gradeOf(totalExcess.excess, totalExcess.norm)
        const byCategory = categoryNorms.map((norm) =>
          Quantity.sign(norm.excess) >= 0
            ? amountMeasure(`excess:${norm.category}`, norm.excess, books.currency)
            : amountMeasure(`under:${norm.category}`, Quantity.negate(norm.excess), books.currency),
        )
        if (computedTotal !== undefined && totalGrade !== undefined && totalExcess !== undefined) {
          const ratio = Ratio.percentOf(totalExcess.excess, totalExcess.norm)
          const limit = totalGrade === 'critical' ? criticalAt : totalGrade === 'warn' ? warnAt : infoAbove
          const covered = new Set(categoryNorms.flatMap((norm) => WorkingCapital.normCovers[norm.category]))
          const categories = capital.categories.filter((item) => covered.has(item.category))
          drafts.push({
            severity: totalGrade,
            entity,
            period: (categoryNorms[0] as (typeof categoryNorms)[number]).plan.line.period,
            date: on,
            accounts: categories.flatMap((item) => item.flow.accounts),
            moneyGap: { quantity: totalExcess.excess, commodity: books.currency },
            measures: [
              amountMeasure('excess', totalExcess.excess, books.currency),
              amountMeasure('norm:computed', computedTotal.norm, books.currency),
              amountMeasure('actual', computedTotal.actual, books.currency),
              ...(O.isSome(ratio) ? [percentMeasure('ratio', ratio.value)] : []),
              ...byCategory,
            ],
            threshold: {
              text: `excess ${totalGrade === 'info' ? '>' : '≥'} ${showPercent(limit)} of norm`,
              value: { _tag: 'Percent', percent: limit },
            },
            evidence: categoryNorms.map((norm) =>
              planEvidence(books, norm.plan.line, norm.plan.revision, books.currency),
            ),
            estimated: categoryNorms.some((norm) => norm.estimated),
            message:
              `${entity} held ${showMoney(computedTotal.actual, books.currency)} of working capital (total) in its ` +
              `normed categories on ${on} against the sum of their norms of ` +
              `${showMoney(computedTotal.norm, books.currency)} (computed): ` +
              `${showMoney(totalExcess.excess, books.currency)} (${percentText(ratio)}) above norm${
                categoryNorms.some((norm) => Quantity.sign(norm.excess) < 0)
                  ? `; under its norm: ${categoryNorms
                      .filter((norm) => Quantity.sign(norm.excess) < 0)
                      .map((norm) => `${norm.category} by ${showMoney(Quantity.negate(norm.excess), books.currency)}`)
                      .join(', ')}`
                  : ''
              }.`,
          })
        }
        for (const norm of capital.norms) {
          const own = gradeOf(norm.excess, norm.norm)
          if (own === undefined) continue
          const severity: Severity =
            norm.category === 'total' || totalExcess === undefined
              ? own
              : totalGrade === undefined
                ? 'info'
                : severityRank(totalGrade) < severityRank(own)
                  ? totalGrade
                  : own
          const ratio = Ratio.percentOf(norm.excess, norm.norm)
          const limit = severity === 'critical' ? criticalAt : severity === 'warn' ? warnAt : infoAbove
          const covered = WorkingCapital.normCovers[norm.category]
          const categories = capital.categories.filter((item) => covered.includes(item.category))
          const evidence: Evidence[] = [
            planEvidence(books, norm.plan.line, norm.plan.revision, books.currency),
            // Only transactions that moved money in these accounts: goods-only postings do not make working capital.
            ...transactionsEvidence(
              categories.flatMap((item) => {
                const accounts = new Set(item.flow.accounts)
                const test = (transaction: Transaction.Transaction): boolean =>
                  transaction.postings.some(
                    (posting) =>
                      posting.money !== undefined &&
                      !Quantity.isZero(posting.money.quantity) &&
                      accounts.has(posting.account),
                  )
                return item.flow.latest !== undefined
                  ? item.flow.latest(transactionEvidenceMax, test)
                  : latestMatching(item.flow.transactions, test)
              }),
            ),
          ]
          drafts.push({
            severity,
            entity,
            period: norm.plan.line.period,
            date: on,
            accounts: categories.flatMap((item) => item.flow.accounts),
            moneyGap: { quantity: norm.excess, commodity: books.currency },
            measures: [
              amountMeasure('excess', norm.excess, books.currency),
              amountMeasure('norm', norm.norm, books.currency),
              amountMeasure('actual', norm.actual, books.currency),
              ...(O.isSome(ratio) ? [percentMeasure('ratio', ratio.value)] : []),
              ...categories.map((item) => amountMeasure(`actual:${item.category}`, item.actual, books.currency)),
              amountMeasure('financing:bank-credit', capital.financing.bankCredit, books.currency),
              amountMeasure('financing:savings-bank', capital.financing.savingsBankCredit, books.currency),
              amountMeasure('financing:payables', capital.financing.payables, books.currency),
              amountMeasure('financing:own-and-other', capital.financing.ownAndOther, books.currency),
              ...(norm.category === 'total' ? byCategory : []),
            ],
            threshold:
              severity === own
                ? {
                    text: `excess ${severity === 'info' ? '>' : '≥'} ${showPercent(limit)} of norm`,
                    value: { _tag: 'Percent', percent: limit },
                  }
                : {
                    text:
                      `excess ${showPercent(own === 'critical' ? criticalAt : warnAt)} or more of the category ` +
                      `norm, graded no higher than the total (${totalGrade ?? 'within its norm'})`,
                    value: { _tag: 'Percent', percent: limit },
                  },
            evidence,
            estimated: norm.estimated,
            message:
              `${entity} held ${showMoney(norm.actual, books.currency)} of working capital (${norm.category}) on ` +
              `${on} against a norm of ${showMoney(norm.norm, books.currency)}: ` +
              `${showMoney(norm.excess, books.currency)} (${percentText(ratio)}) above norm, of which ` +
              `${showMoney(capital.financing.bankCredit, books.currency)} is Gosbank credit.`,
          })
        }
      }
    }
    return drafts
  },
})

/** The year before `period`'s year; none before year 2. */
const previousYear = (period: Period.Period): Period.Period | undefined => {
  const year = Number(period.start.slice(0, 4))
  if (year <= 1) return undefined
  const previous = Period.ofYear(year - 1)
  return previous._tag === 'Right' ? previous.right : undefined
}

/**
 * Rule R2 (`turnover-decline`): warns when the turnover length in days (360-day year, two decimals) of the as-of year
 * rises by more than `daysIncrease` percent (default 15) over the year before, or realized sales stop.
 */
export const turnoverDecline = unsafeDefineRule({
  id: 'turnover-decline',
  title: 'Turnover of working capital declining',
  description:
    'Turnover = realized sales / average working capital (opening and quarter-end balances); days = ' +
    '360 · average / realized sales. Compares the year containing the as-of date with the year before: ' +
    'days up by more than `daysIncrease` → warn. A year with working capital but no realized sales, ' +
    'after a year with some, is also warn.',
  motivation: 'domain.md R2: "declining asset turnover" (fn 43/47); §4.2 analytical procedures (Arens ch. 16).',
  parameters: { daysIncrease: Param.percent },
  defaults: { daysIncrease: Rate.percentPoints(Quantity.unsafeFromInteger(15)) },
  evaluate: ({ books, asOf, index }, { daysIncrease }) => {
    const drafts: FindingDraft[] = []
    const current = Period.unsafeContaining('year', asOf)
    const prior = previousYear(current)
    if (prior === undefined) return drafts
    for (const entity of entitiesOf(books)) {
      // the year before first: without its turnover there is nothing to compare (and the current year need not be
      // measured)
      const before = Turnover.turnover(books, entity, prior, asOf, index)
      if (O.isNone(before.days) || Quantity.sign(before.averageWorkingCapital) <= 0) continue
      const now = Turnover.turnover(books, entity, current, asOf, index)
      if (Quantity.sign(now.averageWorkingCapital) <= 0) continue
      const evidence = transactionsEvidence([...evidenceTail(before), ...evidenceTail(now)])
      const common = {
        entity,
        period: current,
        date: asOf,
        evidence,
        estimated: now.estimated || before.estimated,
        threshold: {
          text: `days up by more than ${showPercent(daysIncrease)}`,
          value: { _tag: 'Percent' as const, percent: daysIncrease },
        },
      }
      if (O.isNone(now.days)) {
        drafts.push({
          ...common,
          severity: 'warn',
          measures: [
            numberMeasure('days:prior', before.days.value),
            amountMeasure('average-working-capital', now.averageWorkingCapital, books.currency),
            amountMeasure('realized-sales', now.realizedSales, books.currency),
          ],
          message:
            `${entity} realized no sales in ${current.label} while holding ` +
            `${showMoney(now.averageWorkingCapital, books.currency)} of working capital on average (` +
            `${Quantity.toString(before.days.value)} days of turnover in ${prior.label}).`,
        })
        continue
      }
      const increase = Quantity.subtract(now.days.value, before.days.value)
      // Compared exactly, not on the rounded days: both years are whole calendar years (360 days each
      // in Turnover), so days = 360 · A / S and the test is 100 · (A₁·S₀ − A₀·S₁) > daysIncrease ·
      // A₀·S₁.
      const cross = Quantity.multiply(before.averageWorkingCapital, now.realizedSales)
      const slower = Ratio.comparePercent(
        Quantity.subtract(Quantity.multiply(now.averageWorkingCapital, before.realizedSales), cross),
        cross,
        daysIncrease,
      )
      if (O.getOrElse((): -1 | 0 | 1 => -1)(slower) <= 0) continue
      const change = Ratio.percentOf(increase, before.days.value)
      drafts.push({
        ...common,
        severity: 'warn',
        measures: [
          numberMeasure('days', now.days.value),
          numberMeasure('days:prior', before.days.value),
          ...(O.isSome(change) ? [percentMeasure('increase', change.value)] : []),
          ...(O.isSome(now.turnover) ? [numberMeasure('turnover', now.turnover.value)] : []),
          ...(O.isSome(before.turnover) ? [numberMeasure('turnover:prior', before.turnover.value)] : []),
          amountMeasure('realized-sales', now.realizedSales, books.currency),
          amountMeasure('average-working-capital', now.averageWorkingCapital, books.currency),
        ],
        message:
          `${entity} turned its working capital over in ${Quantity.toString(now.days.value)} days in ` +
          `${current.label} against ${Quantity.toString(before.days.value)} in ${prior.label} (` +
          `${percentText(change)} slower).`,
      })
    }
    return drafts
  },
})
