/**
 * R19 overhead growth from specification management: the headcount of a design or specification
 * unit rising fast while finally accepted output does not.
 */
import { LocalDate, Period, Quantity, Rate } from '../../core/index.js'
import type { Books } from '../../domain/Books.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import { Ratio } from '../../measures/index.js'
import {
  documentEvidence,
  type Evidence,
  numberMeasure,
  percentMeasure,
  reportedEvidence,
  showPercent,
  showUnits,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'

const headcountPrefix = 'headcount:'
const acceptedPrefixes = ['deliveries:', 'accepted:']

/** Units finally accepted from `seller` with a certificate dated in [start, end). */
const finallyAccepted = (books: Books, seller: string, start: LocalDate.LocalDate, end: LocalDate.LocalDate) => {
  const certificates = [...books.certificates.values()].filter(
    (certificate) =>
      certificate.stage === 'final' &&
      certificate.seller === seller &&
      certificate.date >= start &&
      certificate.date < end,
  )
  return { units: Quantity.sumAll(certificates.map((certificate) => certificate.goods.quantity)), certificates }
}

/**
 * Rule R19 (`specification-overhead`): warns when a unit's reported headcount grows by `growthAt` percent (default 50)
 * or more within `windowDays` (default 92) while finally accepted output does not rise.
 */
export const specificationOverhead = unsafeDefineRule({
  id: 'specification-overhead',
  title: 'Design and specification staff growing without accepted output',
  description:
    'Reads reported `headcount:UNIT N` figures (the staff of a design or specification unit: ' +
    '`headcount:SKB`, `headcount:design-bureau`). For two successive figures of one entity and unit ' +
    'whose periods start at most `windowDays` apart: growth = (later − earlier) / earlier; growth ≥ ' +
    '`growthAt` → judged against the finally accepted output of the window (from the earlier figure’s ' +
    'start to the later figure’s end). Accepted output is read from final-acceptance certificates of ' +
    'the entity as seller (window against the window of the same length before it: a rise → silent, ' +
    'none → warn); without any final acceptance in the books, from a reported `deliveries:COMMODITY` ' +
    'or `accepted:COMMODITY` figure overlapping the window (zero units → warn; more, with nothing to ' +
    'compare it with → info); with neither, the output is unknown and never read as zero → info. The ' +
    'specification revisions of the entity’s contracts dated in the window are counted and reported ' +
    'beside it, and a reported `headcount-plan:UNIT` is shown as the planned staff.',
  motivation:
    'domain.md Q26 (fn 77: TsGIA SPB F.P-1788, Op. 27, D.12, 5-6): the Kirov Plant’s Special Design ' +
    'Bureau grew from 42 staff in March 1937 to 82 by late June, with 122 planned, while not a single ' +
    'T-28 was delivered in the first five months of 1937 (Q19); the paper links the growth to ' +
    'specification management (fn 76–77).',
  parameters: { growthAt: Param.percent, windowDays: Param.count },
  defaults: { growthAt: Rate.percentPoints(Quantity.unsafeFromInteger(50)), windowDays: 92 },
  evaluate: ({ books, reported, asOf }, { growthAt, windowDays }) => {
    const drafts: FindingDraft[] = []
    const series = new Map<string, ReportedFigure[]>()
    for (const figure of reported) {
      if (!figure.metric.startsWith(headcountPrefix) || figure.value._tag !== 'Number' || figure.period.start > asOf)
        continue
      const key = `${figure.entity}|${figure.metric}`
      const list = series.get(key)
      if (list === undefined) series.set(key, [figure])
      else list.push(figure)
    }
    for (const key of [...series.keys()].sort()) {
      const figures = [...(series.get(key) ?? [])].sort((a, b) =>
        a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : a.span.line - b.span.line,
      )
      for (let at = 1; at < figures.length; at++) {
        const earlier = figures[at - 1] as ReportedFigure
        const later = figures[at] as ReportedFigure
        if (earlier.value._tag !== 'Number' || later.value._tag !== 'Number') continue
        const from = earlier.value.value
        const to = later.value.value
        const days = LocalDate.daysBetween(earlier.period.start, later.period.start)
        if (days <= 0 || days > windowDays || Quantity.sign(from) <= 0) continue
        const rise = Quantity.subtract(to, from)
        const order = Ratio.comparePercent(rise, from, growthAt)
        if (order._tag === 'None' || order.value < 0) continue
        const entity = later.entity
        const unit = later.metric.slice(headcountPrefix.length)
        const start = earlier.period.start
        const end = later.period.endExclusive
        const length = LocalDate.daysBetween(start, end)
        const priorStart = LocalDate.fromDayNumber(LocalDate.toDayNumber(start) - length)
        const evidence: Evidence[] = [
          reportedEvidence(earlier, `${unit} headcount ${Quantity.toString(from)}`),
          reportedEvidence(later, `${unit} headcount ${Quantity.toString(to)}`),
        ]
        const measures = [
          numberMeasure('from', from),
          numberMeasure('to', to),
          numberMeasure('days', Quantity.unsafeFromInteger(days)),
        ]
        const growth = Ratio.percentOf(rise, from)
        if (growth._tag === 'Some') measures.push(percentMeasure('growth', growth.value))
        // the output side
        let severity: 'warn' | 'info'
        let output: string
        const hasFinal = [...books.certificates.values()].some(
          (certificate) => certificate.stage === 'final' && certificate.seller === entity,
        )
        if (hasFinal && priorStart._tag === 'Right') {
          const now = finallyAccepted(books, entity, start, end)
          const before = finallyAccepted(books, entity, priorStart.right, start)
          if (Quantity.compare(now.units, before.units) > 0) continue
          severity = 'warn'
          measures.push(numberMeasure('accepted', now.units), numberMeasure('accepted:before', before.units))
          for (const certificate of [...now.certificates, ...before.certificates])
            evidence.push(...documentEvidence(books, certificate))
          output =
            `finally accepted output did not rise (${Quantity.toString(now.units)} units in the window against ` +
            `${Quantity.toString(before.units)} in the ${length} days before)`
        } else {
          const accepted = reported.filter(
            (figure) =>
              figure.entity === entity &&
              acceptedPrefixes.some((prefix) => figure.metric.startsWith(prefix)) &&
              figure.value._tag === 'Amount' &&
              figure.period.start < end &&
              figure.period.endExclusive > start,
          )
          const last = accepted[accepted.length - 1]
          if (last !== undefined && last.value._tag === 'Amount') {
            const units = last.value.amount.quantity
            severity = Quantity.isZero(units) ? 'warn' : 'info'
            measures.push(numberMeasure('accepted', units))
            evidence.push(
              reportedEvidence(
                last,
                `${last.metric} ${showUnits(units, last.value.amount.commodity)} in ${last.period.label}`,
              ),
            )
            output = Quantity.isZero(units)
              ? `${showUnits(units, last.value.amount.commodity)} reported as ${last.metric.split(':')[0]} in ` +
                `${last.period.label}`
              : `${showUnits(units, last.value.amount.commodity)} reported as ${last.metric.split(':')[0]} in ` +
                `${last.period.label}, with nothing to compare it with`
          } else {
            severity = 'info'
            output = 'the books hold no finally accepted output to set against it (not read as zero)'
          }
        }
        const revisions = [...books.contracts.values()]
          .filter((contract) => contract.seller === entity)
          .flatMap((contract) =>
            contract.versions.filter((version) => version.version > 1 && version.date >= start && version.date < end),
          )
        measures.push(numberMeasure('revisions', Quantity.unsafeFromInteger(revisions.length)))
        for (const contract of books.contracts.values())
          if (
            contract.seller === entity &&
            contract.versions.some((version) => version.version > 1 && version.date >= start && version.date < end)
          )
            evidence.push(...documentEvidence(books, contract))
        const plan = reported
          .filter(
            (figure) =>
              figure.entity === entity && figure.metric === `headcount-plan:${unit}` && figure.value._tag === 'Number',
          )
          .pop()
        if (plan !== undefined && plan.value._tag === 'Number') {
          measures.push(numberMeasure('planned', plan.value.value))
          evidence.push(reportedEvidence(plan, `${unit} headcount planned ${Quantity.toString(plan.value.value)}`))
        }
        drafts.push({
          severity,
          entity,
          period: { start, endExclusive: end, label: `${start}..${end}` },
          date: Period.lastDay(later.period) < asOf ? Period.lastDay(later.period) : asOf,
          measures,
          threshold: {
            text: `headcount growth ≥ ${showPercent(growthAt)} within ${windowDays} days, accepted output not rising`,
            value: { _tag: 'Percent', percent: growthAt },
          },
          evidence,
          estimated: earlier.estimated || later.estimated,
          message:
            `${entity}'s ${unit} grew from ${Quantity.toString(from)} to ${Quantity.toString(to)} staff in ` +
            `${days} days (${growth._tag === 'Some' ? showPercent(growth.value) : 'n/a'})` +
            (plan !== undefined && plan.value._tag === 'Number'
              ? `, ${Quantity.toString(plan.value.value)} planned`
              : '') +
            `, with ${revisions.length} specification revision${revisions.length === 1 ? '' : 's'} recorded in ` +
            `the window; ${output}.`,
        })
      }
    }
    return drafts
  },
})
