/**
 * The reported and the found view of a ledger's statements. The plant's own reports are the
 * `reported` view; corrections that inspectors, the bank or the reconstruction found are
 * `restate` lines, which are in the `found` view only and replace there every reported figure of
 * the same entity, metric and period. Lines that are neither are in both views. (Postings: a
 * transaction tagged `view: found` is in the found view only; see `transactionInView`.)
 */
import type { ReportedFigure } from './Statements.js'

/** Which view of the books a command reads. */
export type View = 'reported' | 'found'

/** Every view, the default for rules (found) first. */
export const views: ReadonlyArray<View> = ['found', 'reported']

/** The key a restatement replaces: entity, metric and period. */
export const figureKey = (figure: ReportedFigure): string =>
  `${figure.entity}\u0000${figure.metric}\u0000${figure.period.start}\u0000${figure.period.endExclusive}`

/** The figures of one view: the reported view drops restatements; the found view drops what a restatement replaces. */
export const inView = (figures: ReadonlyArray<ReportedFigure>, view: View): ReadonlyArray<ReportedFigure> => {
  if (view === 'reported') return figures.filter((figure) => figure.view !== 'found')
  const restated = new Set(figures.filter((figure) => figure.view === 'found').map(figureKey))
  if (restated.size === 0) return figures
  return figures.filter((figure) => figure.view === 'found' || !restated.has(figureKey(figure)))
}

/** One restatement: what was reported and what was found instead. */
export interface Restatement {
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly found: ReportedFigure
}

/** Each restatement with the reported figures it replaces, in file order of the restatements. */
export const restatements = (figures: ReadonlyArray<ReportedFigure>): ReadonlyArray<Restatement> => {
  const byKey = new Map<string, ReportedFigure[]>()
  for (const figure of figures) {
    if (figure.view === 'found') continue
    const list = byKey.get(figureKey(figure)) ?? []
    list.push(figure)
    byKey.set(figureKey(figure), list)
  }
  return figures
    .filter((figure) => figure.view === 'found')
    .map((found) => ({ reported: byKey.get(figureKey(found)) ?? [], found }))
}
