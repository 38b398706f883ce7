/**
 * The HTML report: one self-contained page with the findings ranked and filterable, and the
 * charts as inline SVG, each with the exact table of its data beside it. Inline CSS (with a
 * print stylesheet), a few lines of inline script for the filters, no external reference of any
 * kind: a Content-Security-Policy forbids the page from loading anything, so it opens the same
 * from a disk, an archive or an air-gapped machine.
 *
 * Everything printed into the page goes through `escapeHtml`; the SVG comes from vega, which
 * escapes its own text.
 */
import * as E from 'fp-ts/lib/Either.js'
import { Citation } from '../core/index.js'
import {
  type Finding,
  type ReconcileResult,
  type Severity,
  severities,
  showMeasureValue,
  showMoney,
  showUnits,
} from '../reconcile/index.js'
import * as ChartData from './ChartData.js'
import {
  type ChartKind,
  type ChartsUnavailable,
  type ChartView,
  chartKinds,
  chartOf,
  type DataTable,
  loadRenderers,
  renderSvg,
  withoutTitle,
} from './ChartSvg.js'

// -------------------------------------------------------------------------------------
// escaping
// -------------------------------------------------------------------------------------

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and for double- or single-quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/gu, (character) => entities[character] ?? character)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A chart view with its rendered SVG. */
export interface RenderedView {
  readonly view: ChartView
  readonly svg: string
}

/**
 * What the HTML report page is made of: the source name, a summary line, the reconcile result and the rendered charts.
 */
export interface HtmlInput {
  /** The journal the report is about, as the reader should see its name. */
  readonly source: string
  /** One line about the books (files, transactions, operations). */
  readonly summary: string
  readonly result: ReconcileResult
  readonly charts: ReadonlyArray<RenderedView>
  /** How a file named in evidence is shown (e.g. relative to the working directory). */
  readonly displayPath: (file: string) => string
  /** Sections after the findings (e.g. the rules scored against a simulated region's truth, a sweep chart). */
  readonly sections?: ReadonlyArray<ExtraSection>
}

/** A section of the page with its own tables and charts, each chart with its exact table. */
export interface ExtraSection {
  /** The section's anchor (letters, digits and hyphens). */
  readonly id: string
  readonly title: string
  readonly paragraphs: ReadonlyArray<string>
  readonly tables: ReadonlyArray<{ readonly caption: string; readonly table: DataTable }>
  readonly charts: ReadonlyArray<RenderedView>
}

// -------------------------------------------------------------------------------------
// SVG inlining
// -------------------------------------------------------------------------------------

/**
 * An SVG document made ready to sit inside HTML with others: the namespace declarations dropped
 * (HTML puts `<svg>` in the SVG namespace by itself), every `id` and its references prefixed so
 * two charts' clip paths never collide, and an accessible name.
 */
export const inlineSvg = (svg: string, prefix: string, label: string): string => {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/gu)].map((match) => match[1] as string))
  let text = svg.replace(/\s+xmlns(?::xlink)?="[^"]*"/gu, '')
  for (const id of ids) {
    text = text
      .split(`id="${id}"`)
      .join(`id="${prefix}-${id}"`)
      .split(`url(#${id})`)
      .join(`url(#${prefix}-${id})`)
      .split(`href="#${id}"`)
      .join(`href="#${prefix}-${id}"`)
  }
  return text.replace(/^<svg\b/u, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false"`)
}

// -------------------------------------------------------------------------------------
// pieces
// -------------------------------------------------------------------------------------

const gapText = (finding: Finding): string => {
  const parts: string[] = []
  if (finding.moneyGap !== undefined) parts.push(showMoney(finding.moneyGap.quantity, finding.moneyGap.commodity))
  if (finding.unitGap !== undefined) parts.push(showUnits(finding.unitGap.quantity, finding.unitGap.commodity))
  return parts.join(' / ')
}

const dateText = (finding: Finding): string =>
  finding.period !== undefined && finding.period.label !== finding.date
    ? `${finding.period.label} (${finding.date})`
    : finding.date

const lines = (line: number, endLine: number): string => (endLine > line ? `${line}–${endLine}` : String(line))

/** Citations of a finding's evidence, one per archival file (the first spelling met is kept). */
const citationsOf = (finding: Finding): ReadonlyArray<Citation.Citation> => {
  const seen = new Map<string, Citation.Citation>()
  for (const evidence of finding.evidence)
    for (const citation of evidence.citations)
      if (!seen.has(Citation.fileKey(citation))) seen.set(Citation.fileKey(citation), citation)
  return [...seen.values()]
}

const estimatedMark = '<span class="estimated" title="rests on an approximate figure">~estimated</span>'

/**
 * A finding's evidence: `file: line, line…` per file (compact, always shown), then what each line
 * shows in a `<details>` block (opened for printing by the page script).
 */
const evidenceCell = (finding: Finding, input: HtmlInput): string => {
  if (finding.evidence.length === 0) return ''
  const byFile = new Map<string, string[]>()
  for (const item of finding.evidence) {
    const file = input.displayPath(item.file)
    const list = byFile.get(file) ?? []
    const where = lines(item.line, item.endLine)
    if (!list.includes(where)) list.push(where)
    byFile.set(file, list)
  }
  const compact = [...byFile.entries()]
    .map(
      ([file, where]) =>
        `<li><code>${escapeHtml(file)}</code>: ` +
        `${where.map((text) => `<code>${escapeHtml(text)}</code>`).join(', ')}</li>`,
    )
    .join('')
  const details = finding.evidence
    .map(
      (item) =>
        `<li><code>${escapeHtml(`${input.displayPath(item.file)}:${lines(item.line, item.endLine)}`)}` +
        `</code>${item.estimated ? ' <span class="estimated">~</span>' : ''} ${escapeHtml(item.what)}</li>`,
    )
    .join('')
  const summary = finding.evidence.length === 1 ? 'what it shows' : `what the ${finding.evidence.length} entries show`
  return (
    `<ul class="evidence">${compact}</ul><details><summary>${summary}</summary><ul ` +
    `class="evidence-what">${details}</ul></details>`
  )
}

const findingRow = (finding: Finding, index: number, input: HtmlInput): string => {
  const sources = citationsOf(finding)
    .map((citation) => `<li>${escapeHtml(citation.text)}</li>`)
    .join('')
  // A measure the books cannot compute is shown as such (class not-computable), never as zero.
  const measures = finding.measures
    .map(
      (measure) =>
        `<span class="measure${measure.value._tag === 'NotComputable' ? ' not-computable' : ''}">` +
        `${escapeHtml(measure.key)}&nbsp;<b>${escapeHtml(showMeasureValue(measure.value))}</b></span>`,
    )
    .join(' · ')
  const verdict =
    finding.verdict !== undefined
      ? `<p class="verdict">verdict: <b>${finding.verdict}</b> (` +
        (finding.verdict === 'certain'
          ? 'holds over every value the sources allow'
          : 'holds over part of what the sources allow') +
        `)</p>`
      : ''
  const accounts =
    finding.accounts.length > 0
      ? `<p class="accounts">accounts: ` +
        `${finding.accounts.map((account) => `<code>${escapeHtml(account)}</code>`).join(', ')}</p>`
      : ''
  return [
    `<tr class="finding severity-${finding.severity}" data-severity="${finding.severity}" ` +
      `data-rule="${escapeHtml(finding.rule)}">`,
    `<td class="number">${index + 1}</td>`,
    `<td class="what"><span class="badge badge-${finding.severity}">${finding.severity}` +
      `</span><br><code>${escapeHtml(finding.rule)}</code><br>${escapeHtml(finding.entity ?? '')}` +
      `${finding.entity !== undefined ? ' · ' : ''}${escapeHtml(dateText(finding))}</td>`,
    `<td class="number amount">${escapeHtml(gapText(finding)) || '<span class="muted">—</span>'}` +
      `${finding.estimated ? `<br>${estimatedMark}` : ''}</td>`,
    `<td><p class="message">${escapeHtml(finding.message)}</p>` +
      `${measures.length > 0 ? `<p class="measures">${measures}</p>` : ''}<p ` +
      `class="threshold">threshold: ${escapeHtml(finding.threshold.text)}</p>${verdict}${accounts}</td>`,
    `<td>${evidenceCell(finding, input)}</td>`,
    `<td>${sources.length > 0 ? `<ul class="sources">${sources}</ul>` : '<span class="muted">none cited</span>'}</td>`,
    '</tr>',
  ].join('')
}

const counts = (findings: ReadonlyArray<Finding>): string =>
  severities
    .slice()
    .reverse()
    .map((severity) => `${findings.filter((finding) => finding.severity === severity).length} ${severity}`)
    .join(', ')

const filters = (result: ReconcileResult): string => {
  const rules = [...new Set(result.findings.map((finding) => finding.rule))].sort()
  const titles = new Map(result.rules.map((rule) => [rule.id, rule.title]))
  const severityOptions = severities
    .slice()
    .reverse()
    .map((severity: Severity) => `<option value="${severity}">${severity}</option>`)
    .join('')
  const ruleOptions = rules
    .map(
      (rule) =>
        `<option value="${escapeHtml(rule)}">${escapeHtml(rule)}` +
        `${titles.has(rule) ? ` — ${escapeHtml(titles.get(rule) ?? '')}` : ''}</option>`,
    )
    .join('')
  return [
    '<form class="filters" role="search" aria-label="Filter the findings">',
    `<label>Severity <select id="filter-severity"><option value="">all</option>${severityOptions}</select></label>`,
    `<label>Rule <select id="filter-rule"><option value="">all</option>${ruleOptions}</select></label>`,
    '<output id="filter-count" aria-live="polite"></output>',
    '</form>',
  ].join('')
}

const findingsSection = (input: HtmlInput): string => {
  const { result } = input
  const head = ['#', 'severity, rule, entity, date', 'amount', 'finding', 'evidence (file: line)', 'archival sources']
  const body =
    result.findings.length === 0
      ? `<p>No findings as of ${escapeHtml(result.asOf)} (${result.rules.length} rules run).</p>`
      : [
          filters(result),
          '<table id="findings-table" class="findings">',
          `<caption>Findings ranked by severity, then rule, entity and date</caption>`,
          '<colgroup><col class="c-index"><col class="c-what"><col class="c-amount"><col ' +
            'class="c-message"><col class="c-evidence"><col class="c-sources"></colgroup>',
          `<thead><tr>${head.map((cell) => `<th scope="col">${cell}</th>`).join('')}</tr></thead>`,
          `<tbody>${result.findings.map((finding, index) => findingRow(finding, index, input)).join('\n')}</tbody>`,
          '</table>',
        ].join('\n')
  return [
    '<section id="findings" aria-labelledby="findings-title">',
    '<h2 id="findings-title">Findings</h2>',
    `<p>${result.findings.length} findings (${counts(result.findings)}) as of ` +
      `${escapeHtml(result.asOf)}, ${result.rules.length} rules run. Amounts are exact; <span ` +
      `class="estimated">~estimated</span> marks a finding that rests on an approximate figure (written ` +
      `<code>~</code> in the journal).</p>`,
    body,
    '</section>',
  ].join('\n')
}

const dataTable = (table: DataTable, caption: string): string => {
  const cell = (text: string, index: number, tag: 'td' | 'th') =>
    `<${tag}${table.numeric[index] === true ? ' class="number"' : ''}` +
    `${tag === 'th' ? ' scope="col"' : ''}>${escapeHtml(text)}</${tag}>`
  return [
    '<table class="data">',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${table.headers.map((header, index) => cell(header, index, 'th')).join('')}</tr></thead>`,
    `<tbody>` +
      (table.rows.length === 0
        ? `<tr><td colspan="${table.headers.length}">nothing in these books</td></tr>`
        : table.rows.map((row) => `<tr>${row.map((text, index) => cell(text, index, 'td')).join('')}</tr>`).join('')) +
      `</tbody>`,
    '</table>',
  ].join('')
}

const chartFigure = (rendered: RenderedView): string => {
  const { view } = rendered
  const id = `chart-${view.kind}`
  return [
    `<figure class="chart" id="${id}" aria-labelledby="${id}-title">`,
    `<figcaption><h3 id="${id}-title">${escapeHtml(view.title)}</h3><p>${escapeHtml(view.description)}` +
      `</p></figcaption>`,
    '<div class="chart-body">',
    `<div class="svg">${inlineSvg(rendered.svg, id, view.title)}</div>`,
    dataTable(view.table, `Data: ${view.title} (exact amounts)`),
    '</div>',
    '</figure>',
  ].join('\n')
}

const extraSection = (section: ExtraSection): string => {
  const id = section.id.replace(/[^A-Za-z0-9-]/gu, '-')
  return [
    `<section id="${id}" aria-labelledby="${id}-title">`,
    `<h2 id="${id}-title">${escapeHtml(section.title)}</h2>`,
    ...section.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
    ...section.tables.map((item) => dataTable(item.table, item.caption)),
    ...section.charts.map(chartFigure),
    '</section>',
  ].join('\n')
}

const style = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d7d7d7; --critical: #a3232d; \
--warn: #9a5b00; --info: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 1.5rem 2rem 3rem; \
font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; \
color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
p { margin: .3rem 0; }
code { font: 12.5px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.lede { color: var(--muted); margin-bottom: 1rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; margin: .5rem 0; list-style: none; }
nav a { color: var(--info); }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.findings { width: 100%; font-size: 13.5px; table-layout: fixed; }
.findings .c-index { width: 2.5rem; } .findings .c-what { width: 12rem; } .findings .c-amount { width: 10.5rem; }
.findings .c-evidence { width: 22%; } .findings .c-sources { width: 15%; }
.findings td { overflow-wrap: anywhere; }
.findings td.what code { font-weight: 600; }
.findings td.amount { white-space: nowrap; overflow-wrap: normal; }
.findings ul { margin: 0; padding-left: 1rem; }
.findings details { margin-top: .3rem; font-size: 12.5px; }
.findings summary { cursor: pointer; color: var(--info); }
.evidence-what { color: var(--muted); }
.findings .measures, .findings .threshold, .findings .accounts { color: var(--muted); font-size: 12.5px; }
.evidence li, .sources li { margin-bottom: .15rem; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: .25rem; color: #fff; font-size: 12px; \
font-weight: 600; text-transform: uppercase; letter-spacing: .02em; }
.badge-critical { background: var(--critical); }
.badge-warn { background: var(--warn); }
.badge-info { background: var(--info); }
tr.severity-critical td:first-child { box-shadow: inset 4px 0 var(--critical); }
tr.severity-warn td:first-child { box-shadow: inset 4px 0 var(--warn); }
tr.severity-info td:first-child { box-shadow: inset 4px 0 var(--info); }
.estimated { color: var(--warn); font-weight: 600; white-space: nowrap; }
.muted { color: var(--muted); }
.filters { display: none; gap: 1rem; align-items: center; margin: .75rem 0; padding: .5rem .75rem; \
background: #f6f6f6; border: 1px solid var(--rule); border-radius: .3rem; }
.js .filters { display: flex; flex-wrap: wrap; }
.filters select { font: inherit; margin-left: .3rem; max-width: 32rem; }
.chart { margin: 1.5rem 0 2.5rem; padding-top: .5rem; border-top: 1px solid var(--rule); }
.chart figcaption p { color: var(--muted); max-width: 60rem; }
.chart-body { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; margin-top: .5rem; }
.chart-body .svg { flex: 0 1 auto; max-width: 100%; }
.chart-body svg { display: block; max-width: 100%; height: auto; }
.data { font-size: 13px; flex: 1 1 28rem; max-width: 52rem; }
.data td, .data th { white-space: nowrap; }
footer { margin-top: 3rem; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--rule); \
padding-top: .5rem; }
@media (max-width: 1000px) { body { padding: 1rem; } .findings { table-layout: auto; } }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .filters, .js .filters { display: none; }
  tr[hidden] { display: table-row; }
  .chart, .chart-body, .chart svg, figure { break-inside: avoid; page-break-inside: avoid; }
  details > summary { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .badge { color: #000; background: none; border: 1px solid #000; }
  a { color: inherit; text-decoration: none; }
}
`

/** The filters: a few lines, no dependency; without script the controls stay hidden and every finding shows. */
const script = `
(function () {
  document.documentElement.classList.add('js');
  var severity = document.getElementById('filter-severity');
  var rule = document.getElementById('filter-rule');
  var count = document.getElementById('filter-count');
  if (!severity || !rule) return;
  var rows = document.querySelectorAll('#findings-table tbody tr');
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var visible = (!severity.value || row.getAttribute('data-severity') === severity.value) \
&& (!rule.value || row.getAttribute('data-rule') === rule.value);
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
  }
  // A printed report shows what each evidence line is: open every details block before printing.
  window.addEventListener('beforeprint', function () {
    var blocks = document.querySelectorAll('details');
    for (var i = 0; i < blocks.length; i++) blocks[i].open = true;
  });
  severity.addEventListener('change', apply);
  rule.addEventListener('change', apply);
  apply();
})();
`

/** Nothing may be loaded: no fonts, images, frames, connections or forms; only the inline style and script run. */
const contentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; " +
  "base-uri 'none'; form-action 'none'"

// -------------------------------------------------------------------------------------
// the page
// -------------------------------------------------------------------------------------

/** The whole page. */
export const render = (input: HtmlInput): string => {
  const title = `shadow-ledger report: ${input.source}`
  const nav = [
    '<nav aria-label="Contents"><ul>',
    '<li><a href="#findings">Findings</a></li>',
    ...(input.sections ?? []).map(
      (section) => `<li><a href="#${section.id.replace(/[^A-Za-z0-9-]/gu, '-')}">${escapeHtml(section.title)}</a></li>`,
    ),
    ...input.charts.map((chart) => `<li><a href="#chart-${chart.view.kind}">${escapeHtml(chart.view.title)}</a></li>`),
    '</ul></nav>',
  ].join('')
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="shadow-ledger">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>Shadow ledger: <code>${escapeHtml(input.source)}</code></h1>`,
    `<p class="lede">${escapeHtml(input.summary)}. Books read as of ${escapeHtml(input.result.asOf)}.</p>`,
    nav,
    '</header>',
    '<main>',
    findingsSection(input),
    ...(input.sections ?? []).map(extraSection),
    '<section id="charts" aria-labelledby="charts-title">',
    '<h2 id="charts-title">Charts</h2>',
    '<p>Each chart is drawn from the books; the table beside it holds the same data as exact amounts. ' +
      'Chart scales are approximate, the tables are not.</p>',
    ...input.charts.map(chartFigure),
    '</section>',
    '</main>',
    `<footer>Written by shadow-ledger from ${escapeHtml(input.source)}. This page loads nothing from ` +
      `anywhere: styles, charts and the filter script are all inside it.</footer>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

// -------------------------------------------------------------------------------------
// building
// -------------------------------------------------------------------------------------

/** The rendered charts of the report, with the warnings vega-lite and vega gave, each prefixed by its chart kind. */
export interface RenderedCharts {
  readonly charts: ReadonlyArray<RenderedView>
  readonly warnings: ReadonlyArray<string>
}

/**
 * Computes the chart data once and renders the charts of `kinds` (all, by default) to SVG; with
 * `titled: false` the SVG leaves out the title and subtitle (the HTML page prints them itself).
 */
export const renderCharts = async (
  input: ChartData.ChartInput,
  options: { readonly kinds?: ReadonlyArray<ChartKind>; readonly titled: boolean },
): Promise<E.Either<ChartsUnavailable, RenderedCharts>> => {
  const renderers = await loadRenderers()
  if (E.isLeft(renderers)) return renderers
  const data = ChartData.build(input)
  const charts: RenderedView[] = []
  const warnings: string[] = []
  for (const kind of options.kinds ?? chartKinds) {
    const view = chartOf(kind, data)
    const rendered = await renderSvg(renderers.right, options.titled ? view.spec : withoutTitle(view.spec))
    charts.push({ view, svg: rendered.svg })
    warnings.push(...rendered.warnings.map((warning) => `chart ${kind}: ${warning}`))
  }
  return E.right({ charts, warnings })
}
