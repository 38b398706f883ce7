/**
 * The HTML report and the standalone charts, through the CLI in-process: the page references
 * nothing outside itself, escapes what the journal says, draws every chart as SVG beside its
 * exact table, and the `report chart` files are standalone SVG documents.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chartKinds } from '../../src/reports/ChartSvg.js'
import { escapeHtml, inlineSvg } from '../../src/reports/Html.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const KIROV = join(ROOT, 'ledgers/kirov/kirov.journal')

const temporary = (): string => mkdtempSync(join(tmpdir(), 'shadow-ledger-html-'))

/** Every value of an attribute that makes a browser fetch or navigate. */
const referenceAttributes = (html: string): ReadonlyArray<string> =>
  [
    ...html.matchAll(
      /\s(?:src|href|xlink:href|srcset|poster|action|formaction|data|background|ping)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/giu,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3] ?? '')

const report = async (
  file: string,
): Promise<{ readonly code: number; readonly html: string; readonly stdout: string; readonly stderr: string }> => {
  const out = temporary()
  const result = await runCli(['report', 'html', file, '--out', out])
  const path = join(out, 'index.html')
  return {
    code: result.code,
    html: existsSync(path) ? readFileSync(path, 'utf8') : '',
    stdout: result.stdout,
    stderr: result.stderr,
  }
}

describe('report html on the Kirov ledger', () => {
  let kirov: Awaited<ReturnType<typeof report>>
  beforeAll(async () => {
    kirov = await report(KIROV)
  })

  it('writes one self-contained index.html and says so', () => {
    expect(kirov.code).toBe(0)
    expect(kirov.stderr).toBe('')
    expect(kirov.stdout).toMatch(/^wrote .*index\.html \(18 findings, 6 charts, \d+ characters\)\n$/u)
    expect(kirov.html.startsWith('<!DOCTYPE html>')).toBe(true)
  })

  it('references nothing on the network: no http(s) or protocol-relative URL in any src or href, no stylesheet, font or script file', () => {
    const references = referenceAttributes(kirov.html)
    expect(references.length).toBeGreaterThan(6) // the contents links, at least
    for (const reference of references) {
      expect(reference).not.toMatch(/^\s*(https?:)?\/\//iu)
      expect(reference).not.toContain('http://')
      expect(reference).not.toContain('https://')
      expect(reference).toMatch(/^(#|data:)/u)
    }
    // Stronger than the attributes: no URL at all (the SVG namespaces are dropped when inlined).
    expect(kirov.html).not.toMatch(/https?:\/\//iu)
    expect(kirov.html).not.toMatch(/<link\b|@import|@font-face|<iframe\b|<img\b/iu)
    expect(kirov.html).not.toMatch(/url\((?!#)/u)
    expect(kirov.html).toContain(`Content-Security-Policy" content="default-src 'none';`)
  })

  it('draws every chart as inline SVG, each with a title, axis titles with units and its data table', () => {
    for (const kind of chartKinds) {
      const start = kirov.html.indexOf(`<figure class="chart" id="chart-${kind}"`)
      expect(start, kind).toBeGreaterThan(0)
      const figure = kirov.html.slice(start, kirov.html.indexOf('</figure>', start))
      expect(figure, kind).toContain('<svg role="img" aria-label=')
      expect(figure, kind).toContain(`<h3 id="chart-${kind}-title">`)
      expect(figure, kind).toContain('<table class="data">')
      expect(figure, kind).toMatch(/RUB|units/u)
    }
    expect(kirov.html.match(/<svg\b/gu)?.length).toBe(chartKinds.length)
    // The axis titles carry their units.
    for (const axis of [
      'work in progress, RUB',
      'output, units',
      'working capital, RUB',
      'units (cumulative)',
      'fulfilment, % of plan',
      'payroll, RUB',
      'units provisionally accepted',
    ])
      expect(kirov.html).toContain(axis)
  })

  it('prints the working-capital excess exactly, in the finding and in the chart table', () => {
    expect(kirov.html).toContain('53,765,000.00')
    const figure = kirov.html.slice(kirov.html.indexOf('id="chart-working-capital"'))
    expect(figure).toContain('<td class="number">~53,765,000.00 RUB</td>')
    expect(figure).toContain('~145,137,000.00 RUB')
    expect(figure).toContain('~91,372,000.00 RUB')
    expect(kirov.html).toContain('<td class="number">~29,000,000.00 RUB</td>') // the wage-fund overrun
  })

  it('ranks the findings with severity, rule, entity, date, amounts, evidence as file:line, citations and ~estimated marks', () => {
    const rows = kirov.html.match(/<tr class="finding severity-(\w+)" data-severity="\1" data-rule="[^"]+">/gu) ?? []
    expect(rows).toHaveLength(18) // 7 critical; 11 warn, of them 6 source conflicts and the R16, R18, R19 findings
    const severities = rows.map((row) => /data-severity="(\w+)"/u.exec(row)?.[1])
    expect(severities).toEqual([...Array(7).fill('critical'), ...Array(11).fill('warn')])
    const first = kirov.html.slice(kirov.html.indexOf('data-rule="working-capital-above-norm"'))
    const row = first.slice(0, first.indexOf('</tr>'))
    expect(row).toContain('kirov · 1936 (1936-12-31)')
    expect(row).toContain('53,765,000.00 RUB<br><span class="estimated"')
    expect(row).toContain('<code>ledgers/kirov/1936.journal</code>: <code>16–17</code>')
    expect(row).toContain('<li>TsGIA SPb. F.P-960, Op.7, D.5, 4</li>')
  })

  it('offers filters by severity and rule, and a print stylesheet without them and without page breaks inside a chart', () => {
    expect(kirov.html).toContain('<select id="filter-severity">')
    expect(kirov.html).toContain(
      '<option value="working-capital-above-norm">working-capital-above-norm — Working capital above norm</option>',
    )
    expect(kirov.html.match(/<script>/gu)).toHaveLength(1)
    const print = kirov.html.slice(kirov.html.indexOf('@media print'))
    expect(print).toMatch(/\.filters[^{]*\{ display: none; \}/u)
    expect(print).toMatch(/\.chart[^{]*\{ break-inside: avoid; page-break-inside: avoid; \}/u)
  })
})

describe('report html escaping', () => {
  it('escapes a <script> in a description and " & in an account name, in the findings and in the charts', async () => {
    const directory = temporary()
    const file = join(directory, 'escape.journal')
    writeFileSync(
      file,
      [
        'entity x',
        'plan 2024 x wage-fund 10.00 RUB',
        '2024-03-01 <script>alert("pwned")</script> & co  ; source: TsGIA SPb. F.P-1, Op.2, D.3, 4 <u>',
        '    x:expenses:wages:A&"B"   20.00 RUB',
        '    x:equity:fund',
        '',
      ].join('\n'),
    )
    const { code, html } = await report(file)
    expect(code).toBe(0)
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('A&"B"')
    expect(html).not.toContain('<u>')
    expect(html.match(/<script>/gu)).toHaveLength(1)
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; co')
    expect(html).toContain('payroll:A&amp;&quot;B&quot;')
    expect(html).toContain('TsGIA SPb. F.P-1, Op.2, D.3, 4 &lt;u&gt;')
    // The staff category is a label in the payroll chart and a cell of its table.
    const payroll = html.slice(
      html.indexOf('id="chart-payroll"'),
      html.indexOf('</figure>', html.indexOf('id="chart-payroll"')),
    )
    expect(payroll).toContain('<td>A&amp;&quot;B&quot;</td>')
    expect(payroll).toMatch(/>A&amp;(&quot;|")B(&quot;|")</u)
  })

  it('escapeHtml escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    )
  })

  it('inlineSvg drops the namespaces, prefixes ids and their references, and names the chart', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1"><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"/></svg>'
    expect(inlineSvg(svg, 'chart-wip', 'A "title" & more')).toBe(
      '<svg role="img" aria-label="A &quot;title&quot; &amp; more" focusable="false" width="1"><defs><clipPath id="chart-wip-clip1"><rect/></clipPath></defs><g clip-path="url(#chart-wip-clip1)"/></svg>',
    )
  })
})

describe('report chart', () => {
  it.each(chartKinds)('writes the %s chart as a standalone SVG file with its title', async (kind) => {
    const out = join(temporary(), `${kind}.svg`)
    const result = await runCli(['report', 'chart', kind, KIROV, '--out', out])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(`wrote ${out}\n`)
    const svg = readFileSync(out, 'utf8')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
    expect(svg).toMatch(/<text[^>]*>(Work in progress|Working capital|Recorded output|Plan fulfilment|Payroll|Ageing)/u)
  })

  it('prints the SVG to stdout without --out, and accepts -f FILE', async () => {
    const result = await runCli(['-f', KIROV, 'report', 'chart', 'working-capital'])
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith('<svg')).toBe(true)
    expect(result.stdout).toContain('norm 91,372,000.00 RUB; excess ~53,765,000.00 RUB')
  })

  it('rejects an unknown chart, an unknown report kind and html without --out as usage errors', async () => {
    const unknownChart = await runCli(['report', 'chart', 'pie', KIROV])
    expect(unknownChart.code).toBe(2)
    expect(unknownChart.stderr).toContain(
      'unknown chart "pie" (one of: wip, working-capital, divergence, plan-fulfilment, payroll, ageing)',
    )
    const unknownKind = await runCli(['report', 'pdf', KIROV])
    expect(unknownKind.code).toBe(2)
    const noOut = await runCli(['report', 'html', KIROV])
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toContain('--out DIR is required')
  })

  it('exits 3 when the SVG cannot be written', async () => {
    const result = await runCli(['report', 'chart', 'wip', KIROV, '--out', join(temporary(), 'missing', 'wip.svg')])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('cannot write')
  })
})
