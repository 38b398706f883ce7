/**
 * Ageing of open items in the textbook buckets 0–30 / 31–60 / 61–90 / 90+ days (domain.md §4.2):
 * receivables (unpaid accepted or undecided payment demands), payment demands still awaiting a
 * decision, provisional acceptances (units held provisionally accepted), bills in circulation
 * and active loans. Ages count whole days from the item's date to `asOf`.
 */
import { type AccountName, type Entity, LocalDate, Quantity } from '../core/index.js'
import type { Books, DocumentId } from '../domain/Books.js'
import { stageAgeing } from './Physical.js'

/** An ageing bucket: the age of an open item in whole days, as 0–30, 31–60, 61–90 or over 90. */
export type AgeBucket = '0-30' | '31-60' | '61-90' | '90+'
/** The four ageing buckets, youngest first. */
export const ageBuckets: ReadonlyArray<AgeBucket> = ['0-30', '31-60', '61-90', '90+']

/** The bucket of an age given in whole days (30, 60 and 90 fall in the younger bucket). */
export const bucketOf = (ageDays: number): AgeBucket =>
  ageDays <= 30 ? '0-30' : ageDays <= 60 ? '31-60' : ageDays <= 90 ? '61-90' : '90+'

/** The kinds of open item aged: receivables, undecided payment demands, provisional acceptances, bills and loans. */
export type AgedKind = 'receivable' | 'paymentDemand' | 'provisionalAcceptance' | 'bill' | 'loan'

/**
 * One open item with its date, its age in whole days to the as-of date, its bucket and its outstanding money (or
 * units), unrounded.
 */
export interface AgedItem {
  readonly kind: AgedKind
  readonly entity: Entity.EntityName
  readonly date: LocalDate.LocalDate
  readonly ageDays: number
  readonly bucket: AgeBucket
  /** Money outstanding (receivables, demands, bills, loans) or units (provisional acceptances). */
  readonly amount: Quantity.Quantity
  readonly document?: DocumentId
  readonly account?: AccountName.AccountName
}

/** The open items of one kind and, per bucket, their exact total and count. */
export interface Ageing {
  readonly items: ReadonlyArray<AgedItem>
  readonly buckets: ReadonlyArray<{
    readonly bucket: AgeBucket
    readonly amount: Quantity.Quantity
    readonly count: number
  }>
}

const summarize = (items: ReadonlyArray<AgedItem>): Ageing => ({
  items,
  buckets: ageBuckets.map((bucket) => {
    const inBucket = items.filter((item) => item.bucket === bucket)
    return { bucket, amount: Quantity.sumAll(inBucket.map((item) => item.amount)), count: inBucket.length }
  }),
})

const aged = (
  kind: AgedKind,
  entity: Entity.EntityName,
  date: LocalDate.LocalDate,
  asOf: LocalDate.LocalDate,
  amount: Quantity.Quantity,
  extra: { readonly document?: DocumentId; readonly account?: AccountName.AccountName },
): AgedItem => {
  const ageDays = LocalDate.daysBetween(date, asOf)
  return { kind, entity, date, ageDays, bucket: bucketOf(ageDays), amount, ...extra }
}

const byDateThenId = (a: AgedItem, b: AgedItem): number =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : (a.document ?? a.account ?? '') < (b.document ?? b.account ?? '')
        ? -1
        : (a.document ?? a.account ?? '') > (b.document ?? b.account ?? '')
          ? 1
          : 0

/** Open ageing items of one kind on `asOf` (documents dated after `asOf` are left out). */
export const ageing = (books: Books, kind: AgedKind, asOf: LocalDate.LocalDate, entity?: Entity.EntityName): Ageing => {
  const items: AgedItem[] = []
  const wanted = (name: Entity.EntityName): boolean => entity === undefined || entity === name
  switch (kind) {
    case 'receivable':
      for (const demand of books.demands.values()) {
        if (demand.date > asOf || !wanted(demand.seller)) continue
        const due = demand.decision === undefined ? demand.amount : demand.decision.accepted
        const open = Quantity.subtract(due, demand.paid)
        if (Quantity.sign(open) > 0)
          items.push(aged(kind, demand.seller, demand.date, asOf, open, { document: demand.id }))
      }
      break
    case 'paymentDemand':
      for (const demand of books.demands.values()) {
        if (demand.date > asOf || !wanted(demand.seller) || demand.status !== 'Presented') continue
        items.push(
          aged(kind, demand.seller, demand.date, asOf, Quantity.subtract(demand.amount, demand.paid), {
            document: demand.id,
          }),
        )
      }
      break
    case 'provisionalAcceptance':
      for (const layer of stageAgeing(books, {
        stage: 'provisionallyAccepted',
        on: asOf,
        ...(entity !== undefined ? { entity } : {}),
      })) {
        items.push(aged(kind, layer.entity, layer.since, asOf, layer.units, { account: layer.account }))
      }
      break
    case 'bill':
      for (const bill of books.bills.values()) {
        if (bill.date > asOf || !wanted(bill.drawer) || bill.status !== 'Circulating') continue
        items.push(aged(kind, bill.drawer, bill.date, asOf, bill.face, { document: bill.id }))
      }
      break
    case 'loan':
      for (const loan of books.loans.values()) {
        if (loan.date > asOf || !wanted(loan.borrower) || loan.status !== 'Active') continue
        items.push(aged(kind, loan.borrower, loan.date, asOf, loan.outstandingPrincipal, { document: loan.id }))
      }
      break
  }
  return summarize(items.sort(byDateThenId))
}
