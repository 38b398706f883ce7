/**
 * Helpers shared by the built-in rules: entities to examine, reported figures, evidence lists.
 */
import { type Entity, type Period, Posting, Quantity, Rate, type Transaction } from '../../core/index.js'
import type { Books } from '../../domain/Books.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import { Flows } from '../../measures/index.js'
import { type Evidence, transactionEvidence } from '../Finding.js'
import type { ReconcileInput } from '../Rule.js'

/**
 * Where each account sits (entity, role): the run index's resolver when the input has one of its
 * books (shared by every rule of the run), else a fresh one.
 */
export const placesOf = (input: {
  readonly books: Books
  readonly index?: Flows.LedgerIndex | undefined
}): ((account: Parameters<ReturnType<typeof Flows.placeResolver>>[0]) => Flows.AccountPlace | undefined) =>
  input.index !== undefined && input.index.books === input.books ? input.index.place : Flows.placeResolver(input.books)

/** At most this many ledger transactions are cited as evidence per finding (the latest ones). */
export const transactionEvidenceMax = 25

/** Evidence from transactions: the latest `transactionEvidenceMax`, in posting order. */
export const transactionsEvidence = (
  transactions: ReadonlyArray<Transaction.Transaction>,
  what?: (transaction: Transaction.Transaction) => string,
): ReadonlyArray<Evidence> =>
  latestTransactions(transactions).map((transaction) =>
    transactionEvidence(transaction, what === undefined ? transaction.description : what(transaction)),
  )

/**
 * The last `transactionEvidenceMax` of the transactions sorted (stably) by index, without sorting all of a long list.
 */
const latestTransactions = (
  transactions: ReadonlyArray<Transaction.Transaction>,
): ReadonlyArray<Transaction.Transaction> => {
  let ascending = true
  for (let at = 1; at < transactions.length && ascending; at++)
    ascending =
      (transactions[at - 1] as Transaction.Transaction).index <= (transactions[at] as Transaction.Transaction).index
  if (ascending) return transactions.slice(-transactionEvidenceMax)
  let candidates = transactions
  if (transactions.length > 4 * transactionEvidenceMax) {
    // only those at or above the max-th largest index can end up among the last max
    const indexes = Float64Array.from(transactions, (transaction) => transaction.index).sort()
    const threshold = indexes[indexes.length - transactionEvidenceMax] as number
    candidates = transactions.filter((transaction) => transaction.index >= threshold)
  }
  return [...candidates].sort((a, b) => a.index - b.index).slice(-transactionEvidenceMax)
}

/**
 * What evidence can cite of a list of contributing transactions: its last `transactionEvidenceMax`
 * when it can be read from the end without listing it all (`transactionsEvidence` of the
 * concatenation of such tails equals `transactionsEvidence` of the concatenation of the lists),
 * else the whole list.
 */
export const evidenceTail = (source: Flows.TransactionSource): ReadonlyArray<Transaction.Transaction> =>
  source.latest !== undefined ? source.latest(transactionEvidenceMax) : source.transactions

/** Entities of the books: ledger entities plus entities with plans, sorted. */
export const entitiesOf = (books: Books): ReadonlyArray<Entity.EntityName> => {
  const names = new Set<Entity.EntityName>(Flows.entities(books))
  for (const line of books.plans.values()) names.add(line.entity)
  return [...names].sort()
}

/**
 * What reading reported figures needs: the figures and the as-of date (a `ReconcileInput`, or the HTML report's chart
 * input).
 */
export type ReportedInput = Pick<ReconcileInput, 'reported' | 'asOf'>

/**
 * Reported figures of `entity` whose metric is `metric` (exactly), dated (period start) on or before `asOf`, sorted by
 * period start.
 */
export const reportedFigures = (
  input: ReportedInput,
  entity: Entity.EntityName,
  metric: string,
): ReadonlyArray<ReportedFigure> =>
  input.reported
    .filter((figure) => figure.entity === entity && figure.metric === metric && figure.period.start <= input.asOf)
    .sort((a, b) =>
      a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : a.span.line - b.span.line,
    )

/** The figure for exactly `period` (same start and end), else the last overlapping one. */
export const reportedFor = (
  input: ReportedInput,
  entity: Entity.EntityName,
  metric: string,
  period: Period.Period,
): ReportedFigure | undefined => {
  const figures = reportedFigures(input, entity, metric)
  const exact = figures.filter(
    (figure) => figure.period.start === period.start && figure.period.endExclusive === period.endExclusive,
  )
  if (exact.length > 0) return exact[exact.length - 1]
  // A figure for part of the period (eight months of a year) speaks for it; a figure for a longer
  // period (a year's percentage) does not speak for each of its quarters.
  const within = figures.filter(
    (figure) => figure.period.start >= period.start && figure.period.endExclusive <= period.endExclusive,
  )
  return within[within.length - 1]
}

/** A reported percentage (a `Percent`, or a `Number` read as percent). */
export const reportedPercent = (figure: ReportedFigure | undefined): Rate.PercentPoints | undefined => {
  if (figure === undefined) return undefined
  if (figure.value._tag === 'Percent') return figure.value.percent
  if (figure.value._tag === 'Number') return Rate.percentPoints(figure.value.value)
  return undefined
}

/** True for a transaction a historian wrote directly (not posted by a domain operation). */
export const isPlain = (transaction: Transaction.Transaction): boolean => transaction.origin === undefined

/** The value of a named tag on a posting, else on its transaction; undefined when neither carries it. */
export const tagOf = (
  posting: Transaction.Transaction['postings'][number],
  transaction: Transaction.Transaction,
  name: string,
): string | undefined => Posting.tagValue(posting.tags, name) ?? Posting.tagValue(transaction.tags, name)

/** The exact quantity 100, for converting ratios to percentages. */
export const hundred = Quantity.unsafeFromInteger(100)

/** 100 %, in percent points. */
export const hundredPercent: Rate.PercentPoints = Rate.percentPoints(hundred)
