/**
 * Reported vs found. Per measure: each `restate` line against the `reported` lines of the same
 * entity, metric and period it replaces in the found view, with both figures as written, the
 * difference (found − reported, an interval when either is hedged) and both sources. Per account:
 * the balance as reported (without the transactions tagged `view: found`) and as found, the
 * difference, and the sources and reasons of the found-only transactions.
 *
 * The books read are the found view (the default load); the reported balance of an account is
 * its found balance less the found-only postings, so one pass over the ledger gives both.
 */
import * as t from 'io-ts'
import { type Citation, Commodity, Interval, Ledger, Posting, Quantity } from '../core/index.js'
import type { ReportedFigure } from '../domain/Statements.js'
import { restatements } from '../domain/Views.js'
import { readingOf, sameUnit, showGap, writtenOf } from '../reconcile/Figures.js'
import type { ReportInputs, ReportOptions } from './Common.js'
import * as Csv from './Csv.js'
import * as Table from './Table.js'

/** One restated measure. */
export interface MeasureRow {
  readonly entity: string
  readonly metric: string
  readonly period: string
  readonly reported: string
  readonly reportedSources: string
  readonly found: string
  readonly foundSources: string
  /** found − reported, as an interval in the notation of figures; empty when the two cannot be subtracted. */
  readonly difference: string
  readonly reason: string
  readonly line: number
  readonly file: string
}

/** One account changed by found-only transactions. */
export interface AccountRow {
  readonly account: string
  readonly commodity: string
  readonly reported: Quantity.Quantity
  readonly found: Quantity.Quantity
  readonly difference: Quantity.Quantity
  readonly sources: string
  readonly reasons: string
}

/** The restatement report. */
export interface RestatementReport {
  readonly measures: ReadonlyArray<MeasureRow>
  readonly accounts: ReadonlyArray<AccountRow>
}

const citations = (list: ReadonlyArray<Citation.Citation>): string => list.map((citation) => citation.text).join('; ')

const difference = (reported: ReadonlyArray<ReportedFigure>, found: ReportedFigure): string => {
  const after = readingOf(found.value)
  const first = reported[0]
  if (after === undefined || first === undefined || reported.length !== 1) return ''
  const before = readingOf(first.value)
  if (before === undefined || !sameUnit(before.unit, after.unit) || before.unit._tag === 'Date') return ''
  const delta = Interval.subtract(after.interval, before.interval)
  const unit = after.unit
  const shown = Interval.show(delta, (quantity) => showGap(quantity, unit))
  return delta.kind === 'unknown' ? '? (an input is unknown)' : shown
}

const isFoundOnly = (tags: ReadonlyArray<Posting.Tag>): boolean =>
  tags.some((tag) => tag.name === 'view' && tag.value === 'found')

/** Builds the report from the found view. */
export const build = (
  inputs: ReportInputs,
  _options: ReportOptions & { readonly root?: string } = {},
): RestatementReport => {
  const measures = restatements(inputs.reported).map(
    ({ reported, found }): MeasureRow => ({
      entity: found.entity,
      metric: found.metric,
      period: found.period.label,
      reported:
        reported.length === 0 ? '(none reported)' : reported.map((figure) => writtenOf(figure.value)).join('; '),
      reportedSources: reported
        .map((figure) => citations(figure.citations))
        .filter((text) => text !== '')
        .join(' | '),
      found: writtenOf(found.value),
      foundSources: citations(found.citations),
      difference: difference(reported, found),
      reason: found.reason ?? '',
      file: found.span.file,
      line: found.span.line,
    }),
  )
  // Balances per account and commodity, and the found-only part of them.
  const total = new Map<string, Quantity.Quantity>()
  const foundOnly = new Map<string, { quantity: Quantity.Quantity; sources: Set<string>; reasons: Set<string> }>()
  const key = (account: string, commodity: string): string => `${account}\u0000${commodity}`
  for (const transaction of Ledger.transactions(inputs.ledger)) {
    const restated = isFoundOnly(transaction.tags)
    for (const posting of transaction.postings) {
      for (const amount of [posting.money, posting.goods]) {
        if (amount === undefined) continue
        const k = key(posting.account, amount.commodity)
        total.set(k, Quantity.add(total.get(k) ?? Quantity.zero, amount.quantity))
        if (!restated) continue
        const entry = foundOnly.get(k) ?? {
          quantity: Quantity.zero,
          sources: new Set<string>(),
          reasons: new Set<string>(),
        }
        entry.quantity = Quantity.add(entry.quantity, amount.quantity)
        for (const citation of transaction.citations) entry.sources.add(citation.text)
        const reason = Posting.tagValue(transaction.tags, 'reason')
        if (reason !== undefined) entry.reasons.add(reason)
        foundOnly.set(k, entry)
      }
    }
  }
  const accounts = [...foundOnly.entries()]
    .map(([k, entry]): AccountRow => {
      const [account, commodity] = k.split('\u0000') as [string, string]
      const found = total.get(k) ?? Quantity.zero
      return {
        account,
        commodity,
        found,
        reported: Quantity.subtract(found, entry.quantity),
        difference: entry.quantity,
        sources: [...entry.sources].join('; '),
        reasons: [...entry.reasons].join('; '),
      }
    })
    .sort((a, b) =>
      a.account < b.account
        ? -1
        : a.account > b.account
          ? 1
          : a.commodity < b.commodity
            ? -1
            : a.commodity > b.commodity
              ? 1
              : 0,
    )
  return { measures, accounts }
}

const showQuantity = (ledger: Ledger.Ledger, quantity: Quantity.Quantity, commodity: string): string =>
  Commodity.format(quantity, Ledger.commodity(ledger, commodity as Commodity.CommoditySymbol))

/** The report as two aligned tables (measures, then accounts). */
export const renderTable = (report: RestatementReport, ledger: Ledger.Ledger): string => {
  const parts: string[] = []
  if (report.measures.length === 0 && report.accounts.length === 0)
    return 'no restatements: the reported and the found views agree'
  if (report.measures.length > 0) {
    parts.push(
      Table.render(
        [
          { header: 'entity', align: 'left' },
          { header: 'measure', align: 'left' },
          { header: 'period', align: 'left' },
          { header: 'reported', align: 'right' },
          { header: 'found', align: 'right' },
          { header: 'found − reported', align: 'right' },
          { header: 'reported source', align: 'left' },
          { header: 'found source', align: 'left' },
          { header: 'reason', align: 'left' },
        ],
        report.measures.map((row) => [
          row.entity,
          row.metric,
          row.period,
          row.reported,
          row.found,
          row.difference,
          row.reportedSources,
          row.foundSources,
          row.reason,
        ]),
      ),
    )
  }
  if (report.accounts.length > 0) {
    parts.push(
      Table.render(
        [
          { header: 'account', align: 'left' },
          { header: 'reported', align: 'right' },
          { header: 'found', align: 'right' },
          { header: 'found − reported', align: 'right' },
          { header: 'source', align: 'left' },
          { header: 'reason', align: 'left' },
        ],
        report.accounts.map((row) => [
          row.account,
          showQuantity(ledger, row.reported, row.commodity),
          showQuantity(ledger, row.found, row.commodity),
          showQuantity(ledger, row.difference, row.commodity),
          row.sources,
          row.reasons,
        ]),
      ),
    )
  }
  return parts.join('\n\n')
}

/** The report as CSV: one row per measure or account, `kind` first. */
export const renderCsv = (report: RestatementReport): string =>
  Csv.render(
    [
      'kind',
      'entity',
      'measure_or_account',
      'period',
      'commodity',
      'reported',
      'found',
      'difference',
      'reported_source',
      'found_source',
      'reason',
    ],
    [
      ...report.measures.map((row) => [
        'measure',
        Csv.textCell(row.entity),
        Csv.textCell(row.metric),
        row.period,
        '',
        Csv.textCell(row.reported),
        Csv.textCell(row.found),
        Csv.textCell(row.difference),
        Csv.textCell(row.reportedSources),
        Csv.textCell(row.foundSources),
        Csv.textCell(row.reason),
      ]),
      ...report.accounts.map((row) => [
        'account',
        '',
        Csv.textCell(row.account),
        '',
        Csv.textCell(row.commodity),
        Csv.numberCell(Quantity.toString(row.reported)),
        Csv.numberCell(Quantity.toString(row.found)),
        Csv.numberCell(Quantity.toString(row.difference)),
        '',
        Csv.textCell(row.sources),
        Csv.textCell(row.reasons),
      ]),
    ],
  )

/** The JSON form (version 1); decimals are exact strings. */
export const RestatementJson = t.type({
  version: t.literal(1),
  kind: t.literal('restatement'),
  measures: t.array(
    t.type({
      entity: t.string,
      metric: t.string,
      period: t.string,
      reported: t.string,
      found: t.string,
      difference: t.string,
      reportedSources: t.string,
      foundSources: t.string,
      reason: t.string,
      file: t.string,
      line: t.number,
    }),
  ),
  accounts: t.array(
    t.type({
      account: t.string,
      commodity: t.string,
      reported: t.string,
      found: t.string,
      difference: t.string,
      sources: t.string,
      reasons: t.string,
    }),
  ),
})

/** The report as JSON. */
export const toJson = (report: RestatementReport): t.TypeOf<typeof RestatementJson> => ({
  version: 1,
  kind: 'restatement',
  measures: report.measures.map((row) => ({ ...row })),
  accounts: report.accounts.map((row) => ({
    account: row.account,
    commodity: row.commodity,
    reported: Quantity.toString(row.reported),
    found: Quantity.toString(row.found),
    difference: Quantity.toString(row.difference),
    sources: row.sources,
    reasons: row.reasons,
  })),
})
