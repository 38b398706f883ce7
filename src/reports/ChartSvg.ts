/**
 * The report's charts: a vega-lite specification and an exact data table per chart, and the
 * rendering of a specification to SVG with vega's headless `View` (renderer `none`, no canvas,
 * no DOM). The same SVG goes inline into the HTML report and into standalone `.svg` files.
 *
 * Numbers handed to vega are `Quantity.toApproximateNumber` of exact decimals: they place marks
 * and nothing else. Every figure a reader may quote is in the table beside the chart, exact, and
 * the labels printed on the bars are exact text computed here, not vega number formats.
 */

import * as E from 'fp-ts/lib/Either.js'
import type * as vega from 'vega'
import type { Config, TopLevelSpec } from 'vega-lite'
import { Quantity } from '../core/index.js'
import { showMoney, showPercent, showUnits } from '../reconcile/index.js'
import type { AgeingBar, ChartData, FulfilmentValue } from './ChartData.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The kinds of chart the report draws. */
export type ChartKind = 'wip' | 'working-capital' | 'divergence' | 'plan-fulfilment' | 'payroll' | 'ageing'

/** The charts in the order the report shows them. */
export const chartKinds: ReadonlyArray<ChartKind> = [
  'wip',
  'working-capital',
  'divergence',
  'plan-fulfilment',
  'payroll',
  'ageing',
]

/** True when `text` names a chart kind. */
export const isChartKind = (text: string): text is ChartKind => (chartKinds as ReadonlyArray<string>).includes(text)

/** A table of exact values: header cells, and rows of text cells (numbers right-aligned). */
export interface DataTable {
  readonly headers: ReadonlyArray<string>
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: ReadonlyArray<boolean>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}

/**
 * One chart ready to render: its vega-lite specification, its title and description, and the table of its exact values.
 */
export interface ChartView {
  /** A chart of the books, or `sweep`: a rule's precision and recall across a parameter (SweepChart.ts). */
  readonly kind: ChartKind | 'sweep'
  readonly title: string
  /** One or two sentences: what the chart shows and how to read it. */
  readonly description: string
  readonly spec: TopLevelSpec
  readonly table: DataTable
  /** True when the books hold nothing for this chart (the SVG then says so). */
  readonly empty: boolean
}

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const number = Quantity.toApproximateNumber

/** `~` before a figure that rests on an approximate input. */
const mark = (estimated: boolean, text: string): string => (estimated ? `~${text}` : text)

/** The look every chart shares (fonts, axes, legend, palette). */
export const chartConfig: Config = {
  font: 'sans-serif',
  background: 'white',
  padding: 8,
  title: { anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    titleColor: '#222',
    labelColor: '#222',
    labelLimit: 260,
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    orient: 'bottom',
    direction: 'horizontal',
    labelLimit: 320,
    columns: 3,
  },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#ddd' },
  range: { category: ['#1f5fa8', '#d9822b', '#6a9f3a', '#b8323a', '#7b5ea7', '#8c6d46', '#4a9ca6', '#9a9a9a'] },
}

/** SI prefixes for money axes (145M); the exact figures are in the table. */
const moneyAxis = (title: string) => ({ title, format: '~s', grid: true })

const emptySpec = (title: string, subtitle: string): TopLevelSpec =>
  ({
    title: { text: title, subtitle },
    config: chartConfig,
    width: 420,
    height: 60,
    data: { values: [{ text: 'Nothing in these books for this chart.' }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 12, color: '#444' },
    encoding: { text: { field: 'text', type: 'nominal' }, x: { value: 0 }, y: { value: 30 } },
  }) as TopLevelSpec

const view = (
  kind: ChartKind,
  title: string,
  description: string,
  spec: TopLevelSpec,
  table: DataTable,
  empty: boolean,
): ChartView => ({
  kind,
  title,
  description,
  spec: empty ? emptySpec(title, description) : spec,
  table,
  empty,
})

/** Whether several entities appear: then labels carry the entity. */
const prefixer = (entities: ReadonlyArray<string>) => {
  const several = new Set(entities).size > 1
  return (entity: string, text: string): string => (several ? `${entity} ${text}` : text)
}

// -------------------------------------------------------------------------------------
// work in progress and the output plan per quarter
// -------------------------------------------------------------------------------------

const wipChart = (data: ChartData): ChartView => {
  const title = 'Work in progress and the output plan, by quarter'
  const description =
    `Work in progress at each quarter's end (money book, ${data.currency}) above; planned output ` +
    `against units recorded as produced (physical book, units) below.`
  const label = prefixer([
    ...data.wip.wip.map((point) => point.entity),
    ...data.wip.output.map((point) => point.entity),
  ])
  const quarters = data.quarters.map((quarter) => quarter.label)
  const wipRows = data.wip.wip.map((point) => ({
    quarter: point.quarter,
    series: label(point.entity, 'work in progress'),
    value: number(point.wip),
  }))
  const moneyPlanRows = data.wip.output
    .filter((point) => point.plannedAmount !== undefined)
    .map((point) => ({
      quarter: point.quarter,
      series: label(point.entity, `output plan ${point.commodity}`),
      value: number(point.plannedAmount ?? Quantity.zero),
    }))
  const unitRows = data.wip.output.flatMap((point) => [
    ...(point.plannedUnits !== undefined
      ? [
          {
            quarter: point.quarter,
            panel: label(point.entity, `${point.commodity}, units`),
            series: 'planned',
            value: number(point.plannedUnits),
          },
        ]
      : []),
    {
      quarter: point.quarter,
      panel: label(point.entity, `${point.commodity}, units`),
      series: 'recorded as produced',
      value: number(point.producedUnits),
    },
  ])
  const panelCount = new Set(unitRows.map((row) => row.panel)).size
  const x = { field: 'quarter', type: 'ordinal', sort: quarters, title: 'quarter', axis: { labelAngle: 0 } }
  const panels: unknown[] = []
  if (wipRows.length > 0 || moneyPlanRows.length > 0) {
    panels.push({
      width: 470,
      height: 200,
      layer: [
        {
          data: { values: wipRows },
          mark: { type: 'bar', color: '#1f5fa8' },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', axis: moneyAxis(`work in progress, ${data.currency}`) },
            ...(new Set(wipRows.map((row) => row.series)).size > 1
              ? { color: { field: 'series', type: 'nominal', title: null } }
              : {}),
          },
        },
        ...(moneyPlanRows.length > 0
          ? [
              {
                data: { values: moneyPlanRows },
                mark: { type: 'line', point: true, color: '#d9822b' },
                encoding: {
                  x,
                  y: { field: 'value', type: 'quantitative' },
                  detail: { field: 'series', type: 'nominal' },
                },
              },
            ]
          : []),
      ],
    })
  }
  if (unitRows.length > 0) {
    // One panel per commodity, each on its own scale: 250 artillery systems would flatten 25 tanks.
    panels.push({
      data: { values: unitRows },
      facet: {
        field: 'panel',
        type: 'nominal',
        title: null,
        header: { labelFontWeight: 'bold', labelAnchor: 'start' },
      },
      columns: Math.min(panelCount, 3),
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: panelCount === 1 ? 470 : 130,
        height: 140,
        mark: { type: 'bar' },
        encoding: {
          x: { ...x, axis: { labelAngle: -40 } },
          xOffset: { field: 'series', type: 'nominal', sort: ['planned', 'recorded as produced'] },
          y: { field: 'value', type: 'quantitative', title: 'output, units', axis: { tickMinStep: 1 } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: ['planned', 'recorded as produced'],
            scale: { range: ['#d9822b', '#6a9f3a'] },
          },
        },
      },
    })
  }
  const spec = {
    title: { text: title, subtitle: `${data.currency} above, units below; exact figures in the table` },
    config: chartConfig,
    vconcat: panels,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec
  // One row per quarter and commodity; the quarter's work in progress on its first row.
  const rows: string[][] = []
  for (const quarter of quarters) {
    const wip = data.wip.wip
      .filter((point) => point.quarter === quarter)
      .map((point) => label(point.entity, mark(point.estimated, showMoney(point.wip, data.currency))))
    const output = data.wip.output.filter(
      (point) =>
        point.quarter === quarter &&
        (point.plannedUnits !== undefined ||
          point.plannedAmount !== undefined ||
          !Quantity.isZero(point.producedUnits)),
    )
    const planned = (point: (typeof output)[number]): string => {
      const parts = [
        ...(point.plannedUnits !== undefined ? [showUnits(point.plannedUnits, point.commodity)] : []),
        ...(point.plannedAmount !== undefined ? [showMoney(point.plannedAmount, data.currency)] : []),
      ]
      return parts.length === 0
        ? '—'
        : mark(point.estimated, `${parts.join(' / ')}${point.spread ? ' (¼ of annual)' : ''}`)
    }
    if (output.length === 0) rows.push([quarter, wip.join('; ') || '—', '—', '—'])
    output.forEach((point, index) =>
      rows.push([
        index === 0 ? quarter : '',
        index === 0 ? wip.join('; ') || '—' : '',
        label(point.entity, planned(point)),
        mark(point.estimated, showUnits(point.producedUnits, point.commodity)),
      ]),
    )
  }
  const table: DataTable = {
    headers: ['quarter', 'work in progress', 'output plan', 'recorded as produced'],
    numeric: [false, true, true, true],
    rows,
  }
  return view('wip', title, description, spec, table, panels.length === 0)
}

// -------------------------------------------------------------------------------------
// a stacked bar against a limit (working capital against norm, payroll against fund)
// -------------------------------------------------------------------------------------

interface StackedBar {
  readonly label: string
  readonly parts: ReadonlyArray<{ readonly part: string; readonly amount: Quantity.Quantity }>
  readonly limit: Quantity.Quantity
  /** Exact text printed beside the limit tick, e.g. `+53,765,000.00 RUB above norm`. */
  readonly note: string
}

const stackedAgainstLimit = (
  bars: ReadonlyArray<StackedBar>,
  options: {
    readonly title: string
    readonly subtitle: string
    readonly axis: string
    readonly partTitle: string
    readonly limitName: string
  },
): TopLevelSpec => {
  const partRows = bars.flatMap((bar) =>
    bar.parts.map((part) => ({ label: bar.label, part: part.part, value: number(part.amount) })),
  )
  const limitRows = bars.map((bar) => ({
    label: bar.label,
    limit: number(bar.limit),
    note: bar.note,
    name: `${options.limitName}`,
  }))
  const y = { field: 'label', type: 'nominal', title: null, sort: bars.map((bar) => bar.label) }
  return {
    title: { text: options.title, subtitle: options.subtitle },
    config: chartConfig,
    width: 460,
    height: { step: 56 },
    layer: [
      {
        data: { values: partRows },
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative', stack: 'zero', axis: moneyAxis(options.axis) },
          color: { field: 'part', type: 'nominal', title: options.partTitle },
        },
      },
      {
        data: { values: limitRows },
        mark: { type: 'tick', color: '#111', thickness: 3, bandSize: 40 },
        encoding: { y, x: { field: 'limit', type: 'quantitative' } },
      },
      {
        data: { values: limitRows },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -18, fontSize: 11, color: '#111' },
        encoding: { y, x: { field: 'limit', type: 'quantitative' }, text: { field: 'note', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec
}

const workingCapitalChart = (data: ChartData): ChartView => {
  const title = 'Working capital against its norm, by category'
  const description =
    `Circulating assets by category (stacked, ${data.currency}) on the date each norm is judged; the ` +
    `black tick is the norm.`
  const label = prefixer(data.workingCapital.map((bar) => bar.entity))
  const bars = data.workingCapital.map((bar) => ({
    label: label(bar.entity, `${bar.label} (${bar.on})`),
    parts: bar.parts.map((part) => ({ part: part.category, amount: part.actual })),
    limit: bar.norm,
    note:
      `norm ${showMoney(bar.norm, data.currency)}; ` +
      `${Quantity.sign(bar.excess) >= 0 ? 'excess' : 'below by'} ` +
      `${mark(bar.estimated, showMoney(Quantity.abs(bar.excess), data.currency))}`,
  }))
  const spec = stackedAgainstLimit(bars, {
    title,
    subtitle: 'bars: actual by category; tick: the norm',
    axis: `working capital, ${data.currency}`,
    partTitle: 'category',
    limitName: 'norm',
  })
  const table: DataTable = {
    headers: ['norm line', 'on', 'category', 'actual', 'norm', 'excess'],
    numeric: [false, false, false, true, true, true],
    rows: data.workingCapital.flatMap((bar) => [
      ...bar.parts.map((part) => [
        label(bar.entity, bar.label),
        bar.on,
        part.category,
        mark(part.estimated, showMoney(part.actual, data.currency)),
        '',
        '',
      ]),
      [
        label(bar.entity, bar.label),
        bar.on,
        'total',
        mark(bar.estimated, showMoney(bar.actual, data.currency)),
        mark(bar.estimated, showMoney(bar.norm, data.currency)),
        mark(bar.estimated, showMoney(bar.excess, data.currency)),
      ],
    ]),
  }
  return view('working-capital', title, description, spec, table, bars.length === 0)
}

const payrollChart = (data: ChartData): ChartView => {
  const title = 'Payroll against the wage fund'
  const description =
    `Payroll charged in each wage-fund period by staff category (stacked, ${data.currency}); the black ` +
    `tick is the fund.`
  const label = prefixer(data.payroll.map((bar) => bar.entity))
  const bars = data.payroll.map((bar) => ({
    label: label(bar.entity, bar.period),
    parts: bar.categories.map((category) => ({ part: category.category, amount: category.amount })),
    limit: bar.fund,
    note:
      `fund ${showMoney(bar.fund, data.currency)}; ` +
      `${Quantity.sign(bar.overrun) >= 0 ? 'overrun' : 'under by'} ` +
      `${mark(bar.estimated, showMoney(Quantity.abs(bar.overrun), data.currency))}`,
  }))
  const spec = stackedAgainstLimit(bars, {
    title,
    subtitle: 'bars: payroll by staff category; tick: the wage fund',
    axis: `payroll, ${data.currency}`,
    partTitle: 'staff category',
    limitName: 'fund',
  })
  const table: DataTable = {
    headers: ['period', 'staff category', 'payroll', 'fund', 'overrun'],
    numeric: [false, false, true, true, true],
    rows: data.payroll.flatMap((bar) => [
      ...bar.categories.map((category) => [
        label(bar.entity, bar.period),
        category.category,
        mark(category.estimated, showMoney(category.amount, data.currency)),
        '',
        '',
      ]),
      [
        label(bar.entity, bar.period),
        'total',
        mark(bar.estimated, showMoney(bar.payroll, data.currency)),
        showMoney(bar.fund, data.currency),
        mark(bar.estimated, showMoney(bar.overrun, data.currency)),
      ],
    ]),
  }
  return view('payroll', title, description, spec, table, bars.length === 0)
}

// -------------------------------------------------------------------------------------
// the money book against the physical book, per goods commodity
// -------------------------------------------------------------------------------------

const divergenceChart = (data: ChartData): ChartView => {
  const title = 'Recorded output against acceptance, per goods commodity'
  const description =
    'Cumulative units per quarter: what the books record as produced (and invoice, where payment ' +
    'demands name units) against what the buyer accepted provisionally and finally. The gap between ' +
    'the top line and "finally accepted" is the divergence of the money book from the physical book.'
  const label = prefixer(data.divergence.map((point) => point.entity))
  const anyInvoiced = data.divergence.some((point) => !Quantity.isZero(point.invoiced))
  const series: ReadonlyArray<readonly [string, (point: ChartData['divergence'][number]) => Quantity.Quantity]> = [
    ['recorded as produced', (point) => point.recorded],
    ...(anyInvoiced ? [['invoiced', (point: ChartData['divergence'][number]) => point.invoiced] as const] : []),
    ['provisionally accepted', (point) => point.provisional],
    ['finally accepted', (point) => point.final],
  ]
  const rows = data.divergence.flatMap((point) =>
    series.map(([name, value]) => ({
      panel: label(point.entity, `${point.commodity}, units`),
      quarter: point.quarter,
      series: name,
      value: number(value(point)),
    })),
  )
  const quarters = data.quarters.map((quarter) => quarter.label)
  const spec = {
    title: { text: title, subtitle: 'cumulative units at each quarter end; one panel per commodity' },
    config: chartConfig,
    data: { values: rows },
    facet: { field: 'panel', type: 'nominal', title: null, header: { labelFontWeight: 'bold', labelAnchor: 'start' } },
    columns: 2,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 250,
      height: 170,
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'quarter', type: 'ordinal', sort: quarters, title: 'quarter', axis: { labelAngle: -40 } },
        y: { field: 'value', type: 'quantitative', title: 'units (cumulative)', axis: { tickMinStep: 1 } },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          sort: series.map(([name]) => name),
          scale: { range: ['#1f5fa8', '#7b5ea7', '#d9822b', '#6a9f3a'].slice(0, series.length) },
        },
        strokeDash: { field: 'series', type: 'nominal', title: null, sort: series.map(([name]) => name) },
      },
    },
  } as TopLevelSpec
  const table: DataTable = {
    headers: [
      'commodity',
      'quarter end',
      'recorded as produced',
      ...(anyInvoiced ? ['invoiced'] : []),
      'provisionally accepted',
      'finally accepted',
      'not finally accepted',
    ],
    numeric: [false, false, true, ...(anyInvoiced ? [true] : []), true, true, true],
    rows: data.divergence.map((point) => {
      const units = (quantity: Quantity.Quantity, estimated: boolean) =>
        mark(estimated, showUnits(quantity, point.commodity))
      return [
        label(point.entity, point.commodity),
        point.on,
        units(point.recorded, point.estimated.recorded),
        ...(anyInvoiced ? [units(point.invoiced, false)] : []),
        units(point.provisional, point.estimated.provisional),
        units(point.final, point.estimated.final),
        units(Quantity.subtract(point.recorded, point.final), point.estimated.recorded || point.estimated.final),
      ]
    }),
  }
  return view('divergence', title, description, spec, table, rows.length === 0)
}

// -------------------------------------------------------------------------------------
// plan fulfilment three ways
// -------------------------------------------------------------------------------------

const measures = ['reported', 'physical', 'realized'] as const

const fulfilmentChart = (data: ChartData): ChartView => {
  const title = 'Plan fulfilment three ways'
  const description =
    'Per output-plan period: fulfilment as reported, by physical output, and by realized sales (or ' +
    'final acceptance, for plans in units), in % of the plan. The line marks 100 %.'
  const label = prefixer(data.fulfilment.map((bar) => bar.entity))
  const groupOf = (bar: ChartData['fulfilment'][number]) =>
    label(bar.entity, bar.commodity !== undefined ? `${bar.period} ${bar.commodity}` : bar.period)
  const text = (value: FulfilmentValue | undefined, estimated: boolean): string =>
    value === undefined
      ? '—'
      : `${mark(estimated && value.source === 'measured', showPercent(value.percent))}` +
        `${value.source === 'reported' ? ' (reported figure)' : ''}`
  const rows = data.fulfilment.flatMap((bar) =>
    measures.flatMap((measure) => {
      const value = bar[measure]
      return value === undefined
        ? []
        : [{ group: groupOf(bar), measure, value: number(value.percent), label: showPercent(value.percent) }]
    }),
  )
  const y = { field: 'group', type: 'nominal', title: null, sort: data.fulfilment.map(groupOf) }
  const encoding = {
    y,
    yOffset: { field: 'measure', type: 'nominal', sort: measures },
    x: { field: 'value', type: 'quantitative', title: 'fulfilment, % of plan' },
  }
  const spec = {
    title: { text: title, subtitle: 'bars: reported, physical, realized; line: 100 % of plan' },
    config: chartConfig,
    width: 420,
    height: { step: 12 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: { ...encoding, color: { field: 'measure', type: 'nominal', title: null, sort: measures } },
      },
      { data: { values: rows }, mark: { type: 'tick', orient: 'vertical', color: '#111', thickness: 1 }, encoding },
      {
        data: { values: rows },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 9, color: '#222' },
        encoding: { ...encoding, text: { field: 'label', type: 'nominal' } },
      },
      {
        data: { values: [{ value: 100 }] },
        mark: { type: 'rule', color: '#b8323a', strokeDash: [4, 3] },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec
  const table: DataTable = {
    headers: ['plan', 'basis', 'reported', 'physical', 'realized'],
    numeric: [false, false, true, true, true],
    rows: data.fulfilment.map((bar) => [
      groupOf(bar),
      bar.basis,
      text(bar.reported, bar.estimated),
      text(bar.physical, bar.estimated),
      text(bar.realized, bar.estimated),
    ]),
  }
  return view('plan-fulfilment', title, description, spec, table, rows.length === 0)
}

// -------------------------------------------------------------------------------------
// ageing
// -------------------------------------------------------------------------------------

const ageingChart = (data: ChartData): ChartView => {
  const title = 'Ageing of receivables and provisional acceptances'
  const none = (kind: AgeingBar['kind'], what: string): string =>
    data.ageing.some((bar) => bar.kind === kind) ? '' : ` These books hold no open ${what}.`
  const description =
    `Open items on ${data.asOf} by age in days: receivables in ${data.currency}, units held ` +
    `provisionally accepted (not yet finally accepted) per ` +
    `commodity.${none('receivable', 'receivables')}` +
    `${none('provisionalAcceptance', 'provisional acceptances')}`
  const label = prefixer(data.ageing.map((bar) => bar.entity))
  const buckets = ['0-30', '31-60', '61-90', '90+']
  const panel = (kind: AgeingBar['kind'], yTitle: string, money: boolean) => {
    const rows = data.ageing
      .filter((bar) => bar.kind === kind)
      .map((bar) => ({ bucket: bar.bucket, series: label(bar.entity, bar.commodity), value: number(bar.amount) }))
    if (rows.length === 0) return []
    return [
      {
        title: kind === 'receivable' ? 'receivables' : 'provisional acceptances',
        width: 220,
        height: 170,
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: {
          x: {
            field: 'bucket',
            type: 'ordinal',
            sort: buckets,
            title: 'age, days',
            scale: { domain: buckets },
            axis: { labelAngle: 0 },
          },
          xOffset: { field: 'series', type: 'nominal' },
          y: {
            field: 'value',
            type: 'quantitative',
            ...(money ? { axis: moneyAxis(yTitle) } : { title: yTitle, axis: { tickMinStep: 1 } }),
          },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
    ]
  }
  const panels = [
    ...panel('receivable', `receivables, ${data.currency}`, true),
    ...panel('provisionalAcceptance', 'units provisionally accepted', false),
  ]
  const spec = {
    title: { text: title, subtitle: `as of ${data.asOf}` },
    config: chartConfig,
    hconcat: panels,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec
  const table: DataTable = {
    headers: ['item', 'age, days', 'open', 'items'],
    numeric: [false, false, true, true],
    rows: data.ageing.map((bar) => [
      label(bar.entity, bar.kind === 'receivable' ? 'receivables' : `provisional ${bar.commodity}`),
      bar.bucket,
      bar.kind === 'receivable' ? showMoney(bar.amount, bar.commodity) : showUnits(bar.amount, bar.commodity),
      String(bar.count),
    ]),
  }
  return view('ageing', title, description, spec, table, panels.length === 0)
}

// -------------------------------------------------------------------------------------
// dispatch and rendering
// -------------------------------------------------------------------------------------

/** The chart of one kind over the report's data. */
export const chartOf = (kind: ChartKind, data: ChartData): ChartView => {
  switch (kind) {
    case 'wip':
      return wipChart(data)
    case 'working-capital':
      return workingCapitalChart(data)
    case 'divergence':
      return divergenceChart(data)
    case 'plan-fulfilment':
      return fulfilmentChart(data)
    case 'payroll':
      return payrollChart(data)
    case 'ageing':
      return ageingChart(data)
  }
}

/** The same chart without its title and subtitle, for a page that prints them above it. */
export const withoutTitle = (spec: TopLevelSpec): TopLevelSpec => {
  const { title: _title, ...rest } = spec as TopLevelSpec & { readonly title?: unknown }
  return rest as TopLevelSpec
}

/** A loader that refuses every URL and file: the charts are drawn from inline data only, never from the network. */
const offlineLoader = (): vega.Loader => {
  const refuse = (what: string) =>
    Promise.reject(new Error(`the report draws from inline data only; refused to load ${what}`))
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse }
}

/** A vega logger that keeps warnings and errors instead of printing them (the CLI decides). */
const collectingLogger = (messages: string[], warn: number): vega.LoggerInterface => {
  let level = warn
  const logger: vega.LoggerInterface = {
    level: (value?: number) => {
      if (value === undefined) return level
      level = value
      return logger
    },
    error: (...args: unknown[]) => {
      messages.push(`error: ${args.map(String).join(' ')}`)
      return logger
    },
    warn: (...args: unknown[]) => {
      if (level >= warn) messages.push(`warning: ${args.map(String).join(' ')}`)
      return logger
    },
    info: () => logger,
    debug: () => logger,
  }
  return logger
}

/** A chart rendered to an SVG document, with the warnings vega-lite and vega gave. */
export interface RenderedChart {
  readonly svg: string
  /** Warnings from vega-lite and vega (none for a well-formed chart). */
  readonly warnings: ReadonlyArray<string>
}

/** The chart renderers vega and vega-lite are optional dependencies: a library-only install leaves them out. */
export interface ChartsUnavailable {
  readonly _tag: 'ChartsUnavailable'
  /** The package that could not be loaded. */
  readonly missing: 'vega' | 'vega-lite'
}

/** `the charts need the optional packages vega and vega-lite (npm install vega vega-lite)`. */
export const renderChartsUnavailable = (error: ChartsUnavailable): string =>
  `the charts need the optional packages vega and vega-lite, and ${error.missing} is not installed ` +
  `(npm install vega vega-lite)`

interface Renderers {
  readonly vega: typeof import('vega')
  readonly vegaLite: typeof import('vega-lite')
}

/**
 * Imports vega and vega-lite on first use (importing the library never loads them); a missing
 * package is a `ChartsUnavailable` value, not an exception.
 */
export const loadRenderers = async (): Promise<E.Either<ChartsUnavailable, Renderers>> => {
  let vegaModule: typeof import('vega')
  try {
    vegaModule = await import('vega')
  } catch {
    return E.left({ _tag: 'ChartsUnavailable', missing: 'vega' })
  }
  try {
    return E.right({ vega: vegaModule, vegaLite: await import('vega-lite') })
  } catch {
    return E.left({ _tag: 'ChartsUnavailable', missing: 'vega-lite' })
  }
}

/**
 * Compiles a vega-lite specification and renders it to an SVG document, headless, with the renderers of
 * `loadRenderers`.
 */
export const renderSvg = async (renderers: Renderers, spec: TopLevelSpec): Promise<RenderedChart> => {
  const { vega, vegaLite } = renderers
  const warnings: string[] = []
  const logger = collectingLogger(warnings, vega.Warn)
  const compiled = vegaLite.compile(spec, { logger }).spec
  const headless = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    loader: offlineLoader(),
    logger,
    logLevel: vega.Warn,
  })
  try {
    const svg = await headless.toSVG()
    return { svg, warnings }
  } finally {
    headless.finalize()
  }
}
