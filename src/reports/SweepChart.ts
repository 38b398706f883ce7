/**
 * The sweep chart: one rule's precision and recall against planted truth across the values of
 * one parameter (`score --sweep RULE.PARAM=FROM..TO:STEP`), as a vega-lite line chart with the
 * exact table of the same rows beside it. Scores arrive as integer permille (the scorer's
 * exact ratios); the chart places them as numbers, the table prints them as three decimals.
 */
import type { TopLevelSpec } from 'vega-lite'
import { type ChartView, chartConfig, type DataTable } from './ChartSvg.js'

/** One swept value and the rule's score at it (ratios in permille, undefined where the denominator is zero). */
export interface SweepPoint {
  readonly value: string
  readonly truePositives: number
  readonly falsePositives: number
  readonly misses: number
  readonly precision: number | undefined
  readonly recall: number | undefined
  readonly f1: number | undefined
}

/** `875` → `0.875`; `–` when undefined. Integer arithmetic on permille, no float formatting. */
export const showRatio = (permille: number | undefined): string =>
  permille === undefined ? '–' : `${Math.floor(permille / 1000)}.${String(permille % 1000).padStart(3, '0')}`

/** The table of a sweep: value, TP, FP, misses, precision, recall, F1. */
export const sweepTable = (parameter: string, points: ReadonlyArray<SweepPoint>): DataTable => ({
  headers: [parameter, 'TP', 'FP', 'misses', 'precision', 'recall', 'F1'],
  numeric: [true, true, true, true, true, true, true],
  rows: points.map((p) => [
    p.value,
    String(p.truePositives),
    String(p.falsePositives),
    String(p.misses),
    showRatio(p.precision),
    showRatio(p.recall),
    showRatio(p.f1),
  ]),
})

/** The vega-lite specification: precision and recall (0–1) against the swept value. */
export const sweepSpec = (parameter: string, points: ReadonlyArray<SweepPoint>, title?: string): TopLevelSpec =>
  ({
    ...(title !== undefined ? { title: { text: title } } : {}),
    config: chartConfig,
    width: 480,
    height: 240,
    data: {
      values: points.flatMap((p) =>
        (['precision', 'recall'] as const).map((measure) => ({
          value: Number(p.value),
          measure,
          score: p[measure] === undefined ? null : (p[measure] as number) / 1000,
        })),
      ),
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'value', type: 'quantitative', title: parameter },
      y: { field: 'score', type: 'quantitative', title: 'score (0–1)', scale: { domain: [0, 1] } },
      color: { field: 'measure', type: 'nominal', title: '' },
    },
  }) as TopLevelSpec

/** The sweep as a chart view for the HTML report (or a standalone SVG). */
export const sweepView = (parameter: string, points: ReadonlyArray<SweepPoint>): ChartView => {
  const title = `Precision and recall across ${parameter}`
  return {
    kind: 'sweep',
    title,
    description:
      `The rule's findings at warn or above scored against the planted truth at each value of ` +
      `${parameter}: precision = TP / (TP + FP), recall = TP / planted. A value with nothing found has ` +
      `no precision (no point).`,
    spec: sweepSpec(parameter, points, title),
    table: sweepTable(parameter, points),
    empty: points.length === 0,
  }
}
