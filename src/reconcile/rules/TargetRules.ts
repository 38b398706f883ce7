/**
 * R20 soft targets: a plan set far below the capacity it was set against, or a run of periods
 * reported far above plan.
 */
import { LocalDate, Period, Quantity, Rate } from '../../core/index.js'
import type { ReportedFigure } from '../../domain/Statements.js'
import { Plans, Ratio } from '../../measures/index.js'
import {
  type Evidence,
  numberMeasure,
  percentMeasure,
  planEvidence,
  reportedEvidence,
  showPercent,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { entitiesOf, reportedFigures, reportedPercent } from './common.js'

const capacityPrefixes = ['capacity:', 'offered:']

/** A figure's reported percentage as shown in evidence and messages (0 % when it reads as none). */
const shownPercent = (figure: ReportedFigure): string =>
  showPercent(reportedPercent(figure) ?? Rate.percentPoints(Quantity.zero))

/**
 * Rule R20 (`soft-targets`): warns when an output plan is at most `targetShareAt` (default 60 %) of the capacity or
 * offered target reported for it, and gives info when `runLength` (default 3) or more consecutive periods report plan
 * fulfilment above `overfulfilledAbove` (default 110 %).
 */
export const softTargets = unsafeDefineRule({
  id: 'soft-targets',
  title: 'Soft targets: plan far below capacity, or fulfilment far above plan period after period',
  description:
    '(a) For each reported `capacity:output:COMMODITY` (or `offered:output:COMMODITY`: the target the ' +
    'planners offered) and the entity’s output plan for that commodity whose period is the same (or ' +
    'contains the figure’s period): share = plan / capacity, in units when both give units, else in ' +
    'money; share ≤ `targetShareAt` → warn. Without a plan for the commodity and period, or without a ' +
    'capacity figure, nothing is judged (a missing capacity is not a capacity of zero). (b) Reported ' +
    '`plan-fulfilment` figures of one entity for back-to-back periods of the same length (each ' +
    'starting where the one before ends): `runLength` or more in a row above `overfulfilledAbove` → ' +
    'info (a run of overfulfilment can be genuine; it is a pointer, not a charge).',
  motivation:
    'domain.md Q32 (fn 33: XVII s"ezd VKP(b), stenograficheskii otchet, 257): Kirov at the 17th ' +
    'Congress, 1934, on managers who, offered a target of 100, take 50 so as to report overfulfilment; ' +
    'the ratio 50 / 100 is the rule’s case. Thresholds are configuration; the paper gives no other ' +
    'figure.',
  parameters: { targetShareAt: Param.percent, overfulfilledAbove: Param.percent, runLength: Param.count },
  defaults: {
    targetShareAt: Rate.percentPoints(Quantity.unsafeFromInteger(60)),
    overfulfilledAbove: Rate.percentPoints(Quantity.unsafeFromInteger(110)),
    runLength: 3,
  },
  evaluate: (input, { targetShareAt, overfulfilledAbove, runLength }) => {
    const { books, reported, asOf } = input
    const drafts: FindingDraft[] = []
    // (a) plan against capacity
    for (const figure of reported) {
      const prefix = capacityPrefixes.find((candidate) => figure.metric.startsWith(`${candidate}output:`))
      if (prefix === undefined || figure.value._tag !== 'Amount' || figure.period.start > asOf) continue
      const commodity = figure.metric.slice(`${prefix}output:`.length)
      const capacity = figure.value.amount
      const line = Plans.planLines(books, figure.entity, 'OutputPlan').find(
        (candidate) =>
          candidate.item.commodity === commodity &&
          candidate.period.start <= figure.period.start &&
          candidate.period.endExclusive >= figure.period.endExclusive,
      )
      if (line === undefined) continue
      const value = Plans.valueKnownOn(line, asOf)
      if (value === undefined) continue
      const inUnits = capacity.commodity === commodity
      const planned = inUnits
        ? value.revision.units
        : capacity.commodity === books.currency
          ? value.revision.amount
          : undefined
      if (planned === undefined || Quantity.sign(capacity.quantity) <= 0) continue
      const order = Ratio.comparePercent(planned, capacity.quantity, targetShareAt)
      if (order._tag === 'None' || order.value > 0) continue
      const share = Ratio.percentOf(planned, capacity.quantity)
      const what = prefix === 'offered:' ? 'the target offered' : 'the capacity'
      drafts.push({
        severity: 'warn',
        entity: figure.entity,
        period: line.period,
        date: Period.lastDay(line.period) < asOf ? Period.lastDay(line.period) : asOf,
        measures: [
          numberMeasure('planned', planned),
          numberMeasure(prefix === 'offered:' ? 'offered' : 'capacity', capacity.quantity),
          ...(share._tag === 'Some' ? [percentMeasure('share', share.value)] : []),
        ],
        threshold: {
          text: `plan ≤ ${showPercent(targetShareAt)} of ${what}`,
          value: { _tag: 'Percent', percent: targetShareAt },
        },
        evidence: [
          planEvidence(books, line, value.revision, inUnits ? capacity.commodity : books.currency),
          reportedEvidence(figure, `${what}: ${Quantity.toString(capacity.quantity)} ${capacity.commodity}`),
        ],
        estimated: figure.estimated || Plans.revisionEstimated(value.revision),
        message:
          `${figure.entity}'s ${line.period.label} plan for ${commodity} (${Quantity.toString(planned)} ` +
          `${inUnits ? commodity : books.currency}) is ` +
          `${share._tag === 'Some' ? showPercent(share.value) : 'n/a'} of ${what} (` +
          `${Quantity.toString(capacity.quantity)} ${capacity.commodity}): a target this soft is ` +
          `overfulfilled without effort.`,
      })
    }
    // (b) consecutive overfulfilment
    for (const entity of entitiesOf(books)) {
      const figures = reportedFigures(input, entity, 'plan-fulfilment')
      let run: ReportedFigure[] = []
      const flush = (): void => {
        if (run.length >= runLength) {
          const first = run[0] as ReportedFigure
          const last = run[run.length - 1] as ReportedFigure
          const evidence: Evidence[] = run.map((figure) =>
            reportedEvidence(figure, `plan fulfilment ${shownPercent(figure)} in ${figure.period.label}`),
          )
          drafts.push({
            severity: 'info',
            entity,
            period: {
              start: first.period.start,
              endExclusive: last.period.endExclusive,
              label: `${first.period.start}..${last.period.endExclusive}`,
            },
            date: Period.lastDay(last.period) < asOf ? Period.lastDay(last.period) : asOf,
            measures: [
              numberMeasure('periods', Quantity.unsafeFromInteger(run.length)),
              ...run.map((figure) =>
                percentMeasure(
                  `fulfilment:${figure.period.label}`,
                  reportedPercent(figure) ?? Rate.percentPoints(Quantity.zero),
                ),
              ),
            ],
            threshold: {
              text: `≥ ${runLength} consecutive periods reported above ${showPercent(overfulfilledAbove)}`,
              value: { _tag: 'Number', value: Quantity.unsafeFromInteger(runLength) },
            },
            evidence,
            estimated: run.some((figure) => figure.estimated),
            message:
              `${entity} reported plan fulfilment above ${showPercent(overfulfilledAbove)} for ${run.length} ` +
              `consecutive periods ` +
              `(${run.map((figure) => `${figure.period.label}: ${shownPercent(figure)}`).join(', ')}): ` +
              `the targets may have been set soft.`,
          })
        }
        run = []
      }
      for (const figure of figures) {
        const percent = reportedPercent(figure)
        if (percent === undefined || Quantity.compare(percent, overfulfilledAbove) <= 0) {
          flush()
          continue
        }
        const previous = run[run.length - 1]
        const sameLength = previous !== undefined && daysOf(previous.period) === daysOf(figure.period)
        if (
          previous !== undefined &&
          !(
            previous.period.endExclusive === figure.period.start &&
            (sameLength || sameKind(previous.period, figure.period))
          )
        )
          flush()
        run.push(figure)
      }
      flush()
    }
    return drafts
  },
})

const daysOf = (period: Period.Period): number => LocalDate.daysBetween(period.start, period.endExclusive)

/**
 * Both years, both quarters or both months (by label shape), so that quarters of 90 and 92 days count as the same
 * length.
 */
const sameKind = (a: Period.Period, b: Period.Period): boolean =>
  shape(a.label) !== 'other' && shape(a.label) === shape(b.label)

const shape = (label: string): 'year' | 'quarter' | 'month' | 'other' =>
  /^\d{4}$/u.test(label)
    ? 'year'
    : /^\d{4}-Q\d$/u.test(label)
      ? 'quarter'
      : /^\d{4}-\d{2}$/u.test(label)
        ? 'month'
        : 'other'
