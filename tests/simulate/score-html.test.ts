/**
 * The sweep chart in the HTML report: `score --sweep … --html DIR` writes the report page with a
 * section of rule scores and the precision/recall chart beside its exact table; the section
 * escapes what it prints; the chart's table prints the scorer's permille exactly.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { loadRenderers, renderSvg } from '../../src/reports/ChartSvg.js'
import { render } from '../../src/reports/Html.js'
import { showRatio, sweepTable, sweepView } from '../../src/reports/SweepChart.js'
import { runCli } from '../helpers/cli.js'

const temporary = (): string => mkdtempSync(join(tmpdir(), 'shadow-ledger-score-html-'))

const points = [
  { value: '0', truePositives: 6, falsePositives: 13, misses: 0, precision: 316, recall: 1000, f1: 480 },
  { value: '1.5', truePositives: 6, falsePositives: 0, misses: 0, precision: 1000, recall: 1000, f1: 1000 },
  { value: '9', truePositives: 0, falsePositives: 0, misses: 6, precision: undefined, recall: 0, f1: 0 },
]

describe('the sweep chart', () => {
  it('prints permille exactly, and – where a ratio is undefined', () => {
    expect(showRatio(316)).toBe('0.316')
    expect(showRatio(1000)).toBe('1.000')
    expect(showRatio(5)).toBe('0.005')
    expect(showRatio(undefined)).toBe('–')
    expect(sweepTable('count-vs-book.tolerance', points).rows).toEqual([
      ['0', '6', '13', '0', '0.316', '1.000', '0.480'],
      ['1.5', '6', '0', '0', '1.000', '1.000', '1.000'],
      ['9', '0', '0', '6', '–', '0.000', '0.000'],
    ])
  })

  it('goes into a section of the HTML page, escaped, with its table beside it', async () => {
    const renderers = await loadRenderers()
    if (E.isLeft(renderers)) throw new Error('vega is part of the install')
    const view = sweepView('count-vs-book.tolerance', points)
    const svg = await renderSvg(renderers.right, view.spec)
    const html = render({
      source: 'region.journal',
      summary: 'a region',
      result: { asOf: '1935-12-31', findings: [], rules: [] } as never,
      charts: [],
      displayPath: (path) => path,
      sections: [
        {
          id: 'scores',
          title: 'Rules <against> planted truth',
          paragraphs: ['a "quoted" & <b>bold</b> claim'],
          tables: [],
          charts: [{ view, svg: svg.svg }],
        },
      ],
    })
    expect(html).toContain('<section id="scores" aria-labelledby="scores-title">')
    expect(html).toContain('<a href="#scores">Rules &lt;against&gt; planted truth</a>')
    expect(html).toContain('a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; claim')
    expect(html).not.toContain('<b>bold</b>')
    expect(html).toContain('id="chart-sweep"')
    expect(html).toContain('<td class="number">0.316</td>')
    const scores = html.slice(html.indexOf('id="scores"'), html.indexOf('id="charts"'))
    expect(scores).toContain('<svg')
  })
})

describe('score --sweep --html', () => {
  it('writes the report page with the rule scores and the sweep chart', async () => {
    const region = temporary()
    const made = await runCli(['simulate', '--enterprises', '3', '--years', '1', '--seed', '4', '--out', region])
    expect(made.code, made.stderr).toBe(0)
    const out = join(temporary(), 'report')
    const scored = await runCli([
      'score',
      join(region, 'region.journal'),
      '--truth',
      join(region, 'truth.json'),
      '--sweep',
      'count-vs-book.tolerance=0..1:0.5',
      '--html',
      out,
    ])
    expect(scored.code, scored.stderr).toBe(0)
    expect(scored.stdout).toContain('count-vs-book.tolerance')
    const page = join(out, 'index.html')
    expect(existsSync(page)).toBe(true)
    const html = readFileSync(page, 'utf8')
    expect(html).toContain('Rules against planted truth')
    expect(html).toContain('Per rule: true and false positives, misses, precision, recall, F1')
    expect(html).toContain('id="chart-sweep"')
    expect(html).toContain('Data: Precision and recall across count-vs-book.tolerance (exact amounts)')
    for (const rule of ['bonus-rate', 'count-vs-book', 'rejection-rate-plausibility', 'bill-between-state-parties'])
      expect(html).toContain(`<td>${rule}</td>`)
  })
})
