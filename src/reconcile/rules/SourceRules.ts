/**
 * Source conflicts: two observations of one quantity from different sources that cannot both be
 * true. An observation is a `reported` or `restate` line of the view the rules read (the found view
 * by default); one quantity is one entity, measure name and period. Sources are normalized
 * (reconcile/Figures.ts `sourceKey`): spelling variants of one archival reference are one source.
 */
import { Interval, LocalDate, Period, Quantity, Rate } from '../../core/index.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import { type Reading, readingOf, sameUnit, showGap, sourcesOf } from '../Figures.js'
import { amountMeasure, type Measure, numberMeasure, percentMeasure, reportedEvidence } from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'

/**
 * How an observation is sourced: its citations; a derived line as `derived: FORMULA` with its inputs' citations; an
 * assumption by its id; else `no source`.
 */
export const citedAs = (figure: ReportedFigure): string => {
  const cited = figure.citations.map((citation) => citation.text).join('; ')
  const provenance = figure.provenance
  if (provenance?._tag === 'derived') return `derived: ${provenance.formula}${cited === '' ? '' : `; inputs: ${cited}`}`
  if (provenance?._tag === 'assumption') return `assumption: ${provenance.id}${cited === '' ? '' : `; ${cited}`}`
  return cited === '' ? 'no source' : cited
}

const shareSource = (a: ReportedFigure, b: ReportedFigure): boolean => {
  const left = sourcesOf(a)
  for (const key of sourcesOf(b)) if (left.has(key)) return true
  return false
}

/** Why two observations disagree, or undefined when they can both be true. */
const disagreement = (
  a: ReportedFigure,
  b: ReportedFigure,
  tolerance: Rate.PercentPoints,
):
  | {
      readonly gap?: { readonly quantity: Quantity.Quantity; readonly reading: Reading }
      readonly left: string
      readonly right: string
    }
  | undefined => {
  if (a.value._tag === 'Word' && b.value._tag === 'Word')
    return a.value.word === b.value.word ? undefined : { left: a.value.word, right: b.value.word }
  const left = readingOf(a.value, tolerance)
  const right = readingOf(b.value, tolerance)
  if (left === undefined || right === undefined || !sameUnit(left.unit, right.unit)) return undefined
  if (!Interval.disjoint(left.interval, right.interval)) return undefined
  return {
    gap: { quantity: Interval.gap(left.interval, right.interval), reading: left },
    left: left.written,
    right: right.written,
  }
}

const gapMeasure = (quantity: Quantity.Quantity, reading: Reading): Measure => {
  switch (reading.unit._tag) {
    case 'Amount':
      return amountMeasure('gap', quantity, reading.unit.commodity)
    case 'Percent':
      return percentMeasure('gap', Rate.percentPoints(quantity))
    case 'Number':
    case 'Date':
      return numberMeasure('gap', quantity)
  }
}

/**
 * `source-conflict`: two observations of one (entity, measure, period) from different sources whose intervals share no
 * value.
 */
export const sourceConflict = unsafeDefineRule({
  id: 'source-conflict',
  title: 'Sources disagree on one figure',
  description:
    'Two reported or restated figures of one entity, measure and period, from different (normalized) ' +
    'sources, whose intervals share no value (a `~` figure spans ± approximate-tolerance %) → warn, ' +
    'with both citations and the gap.',
  motivation:
    'domain.md §1.4 (I1, I6–I9, I13): the paper stores conflicting figures side by side; a historian ' +
    'must see each pair.',
  parameters: { 'approximate-tolerance': Param.percent },
  defaults: { 'approximate-tolerance': Rate.percentPoints(Quantity.unsafeFromInteger(5)) },
  evaluate: ({ reported, asOf }, params) => {
    const groups = new Map<string, ReportedFigure[]>()
    for (const figure of reported) {
      if (figure.period.start > asOf) continue
      const key =
        `${figure.entity}\u0000${figure.metric}\u0000${figure.period.start}\u0000` + `${figure.period.endExclusive}`
      const group = groups.get(key) ?? []
      group.push(figure)
      groups.set(key, group)
    }
    const drafts: FindingDraft[] = []
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i] as ReportedFigure
          const b = group[j] as ReportedFigure
          if (shareSource(a, b)) continue
          const found = disagreement(a, b, params['approximate-tolerance'])
          if (found === undefined) continue
          const gapText =
            found.gap !== undefined ? `; ${showGap(found.gap.quantity, found.gap.reading.unit)} apart` : ''
          drafts.push({
            severity: 'warn',
            entity: a.entity,
            period: a.period,
            date: LocalDate.min(Period.lastDay(a.period), asOf),
            ...(found.gap !== undefined && found.gap.reading.unit._tag === 'Amount'
              ? { unitGap: { quantity: found.gap.quantity, commodity: found.gap.reading.unit.commodity } }
              : {}),
            measures: found.gap !== undefined ? [gapMeasure(found.gap.quantity, found.gap.reading)] : [],
            threshold: { text: 'two sources whose figures share no value' },
            evidence: [
              reportedEvidence(a, `${a.metric} ${found.left} (${citedAs(a)})`),
              reportedEvidence(b, `${b.metric} ${found.right} (${citedAs(b)})`),
            ],
            estimated: a.estimated || b.estimated,
            message:
              `${a.entity} ${a.metric} ${a.period.label}: ${found.left} (${citedAs(a)}) vs ${found.right} (` +
              `${citedAs(b)})${gapText}; the sources cannot both be right.`,
          })
        }
    }
    return drafts
  },
})
