/**
 * The divergence over time, per goods commodity: cumulative units by quarter as the money book
 * counts them (recorded as produced, and invoiced on payment demands) against the physical book's
 * final acceptance, the gap between recorded and accepted shaded. Built from the divergence
 * report (reports/Divergence.ts); the chart's numbers are approximations for drawing only, the
 * table under it holds the exact figures.
 */
import type { TopLevelSpec } from 'vega-lite'
import { Quantity } from '../core/index.js'
import type * as Load from '../load/Load.js'
import * as Divergence from '../reports/Divergence.js'
import type * as Api from './Api.js'

type ChartJson = Api.Charts['charts'][number]

const series = ['recorded as produced', 'invoiced (money book)', 'finally accepted (physical book)'] as const

/** The chart, or undefined when the books hold no goods commodity. */
export const divergenceOverTime = (loaded: Load.Loaded): ChartJson | undefined => {
  const report = Divergence.build(loaded, { period: 'quarter' })
  if (report.rows.length === 0) return undefined
  const points: Array<Record<string, string | number>> = []
  const gaps: Array<Record<string, string | number>> = []
  const rows: string[][] = []
  for (const row of report.rows) {
    const panel = `${row.entity} ${row.commodity}`
    let produced = Quantity.zero
    let invoiced = Quantity.zero
    let accepted = Quantity.zero
    row.points.forEach((point, index) => {
      const column = report.columns[index]
      if (column === undefined) return
      produced = Quantity.add(produced, point.produced)
      invoiced = Quantity.add(invoiced, point.invoicedUnits)
      accepted = Quantity.add(accepted, point.finallyAccepted)
      const values = [produced, invoiced, accepted]
      series.forEach((name, which) =>
        points.push({
          panel,
          quarter: column.label,
          series: name,
          units: Quantity.toApproximateNumber(values[which] as Quantity.Quantity),
        }),
      )
      gaps.push({
        panel,
        quarter: column.label,
        accepted: Quantity.toApproximateNumber(accepted),
        produced: Quantity.toApproximateNumber(produced),
        gap: Quantity.toString(Quantity.subtract(produced, accepted)),
      })
      rows.push([
        panel,
        column.label,
        Quantity.toString(produced),
        Quantity.toString(invoiced),
        Quantity.toString(accepted),
        Quantity.toString(Quantity.subtract(produced, accepted)),
      ])
    })
  }
  // One data set for the facet: the gap band's rows (series `gap`) and the three lines' rows.
  const values = [...points, ...gaps.map((gap) => ({ ...gap, series: 'gap' }))]
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { font: 'sans-serif', background: 'white', padding: 8 },
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 160,
      layer: [
        {
          transform: [{ filter: "datum.series === 'gap'" }],
          mark: { type: 'area', opacity: 0.25, color: '#b22222' },
          encoding: {
            x: { field: 'quarter', type: 'ordinal', title: 'quarter' },
            y: { field: 'accepted', type: 'quantitative', title: 'units, cumulative' },
            y2: { field: 'produced' },
          },
        },
        {
          transform: [{ filter: "datum.series !== 'gap'" }],
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'quarter', type: 'ordinal' },
            y: { field: 'units', type: 'quantitative' },
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: [...series], range: ['#d62728', '#ff9f1c', '#2a6f97'] },
              legend: { orient: 'bottom', title: null },
            },
          },
        },
      ],
    },
  }
  return {
    kind: 'divergence-over-time',
    title: 'Divergence over time: what the books count against what was accepted',
    description:
      'Per goods commodity, cumulative units by quarter: recorded as produced and invoiced (the money ' +
      'book) against finally accepted (the physical book). The shaded band is the gap between recorded ' +
      'and accepted.',
    spec: spec as unknown as TopLevelSpec,
    table: {
      headers: ['commodity', 'quarter', 'recorded as produced', 'invoiced', 'finally accepted', 'gap'],
      numeric: [false, false, true, true, true, true],
      rows,
    },
    empty: false,
  }
}
