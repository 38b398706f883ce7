/**
 * `score … --html DIR`: the HTML report of a simulated region (its findings ranked and
 * filterable, the books' charts) with a section for the rules scored against the planted truth
 * (per rule, per mechanism, the undetectable, the leak check) and, with `--sweep`, the chart of
 * precision and recall across the swept parameter beside its exact table. The page is built by
 * reports/Html.ts; this module runs the rules, renders the charts and writes DIR/index.html.
 */
import { join, relative } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import { history } from '../domain/Books.js'
import type * as Load from '../load/Load.js'
import { renderWriteError, writeFileAtomic } from '../load/WriteFileSystem.js'
import { builtInRules } from '../reconcile/index.js'
import { loadRenderers, renderChartsUnavailable, renderSvg, withoutTitle } from '../reports/ChartSvg.js'
import * as Html from '../reports/Html.js'
import { sweepView } from '../reports/SweepChart.js'
import { type ScoreReport, type SweepRow, showPermille } from '../simulate/index.js'
import { type Context, exitCodes } from './common.js'
import { lastDate, runRules } from './reconcile.js'
import { ruleHeaders, ruleRow } from './scoreRows.js'

export interface ScoreHtmlInput {
  readonly file: string
  readonly out: string
  readonly loaded: Load.Loaded
  readonly report: ScoreReport
  readonly auditLine: string
  readonly params?: ReadonlyArray<string>
  readonly sweep?: { readonly name: string; readonly rows: ReadonlyArray<SweepRow> }
}

const ruleTable = (report: ScoreReport) => ({
  headers: ruleHeaders,
  numeric: ruleHeaders.map((_, index) => index > 0),
  rows: report.rules.map(ruleRow),
})

const mechanismTable = (report: ScoreReport) => ({
  headers: ['kind', 'M', 'planted', 'caught', 'undetectable', 'recall', 'expected rules'],
  numeric: [false, false, true, true, true, true, false],
  rows: report.mechanisms.map((m) => [
    m.kind,
    m.mechanism,
    String(m.planted),
    String(m.caught),
    String(m.undetectable),
    showPermille(m.recall),
    m.rules.join(', ') || '(none: not visible in the books alone)',
  ]),
})

/** Writes DIR/index.html; on failure says so and sets the exit code. */
export const writeScoreHtml = async (context: Context, input: ScoreHtmlInput): Promise<void> => {
  const { loaded, report } = input
  const asOf = lastDate(loaded)
  const result = runRules(loaded, builtInRules, {
    asOf,
    ...(input.params !== undefined ? { param: input.params } : {}),
  })
  if (E.isLeft(result)) {
    context.io.stderr(`error: ${result.left}\n`)
    context.exitCode = exitCodes.data
    return
  }
  const charts = await Html.renderCharts({ books: loaded.books, reported: loaded.reported, asOf }, { titled: false })
  const renderers = await loadRenderers()
  if (E.isLeft(charts) || E.isLeft(renderers)) {
    const missing = E.isLeft(charts) ? charts.left : E.isLeft(renderers) ? renderers.left : undefined
    if (missing !== undefined) context.io.stderr(`error: ${renderChartsUnavailable(missing)}\n`)
    context.exitCode = exitCodes.usage
    return
  }
  for (const warning of charts.right.warnings) context.io.stderr(`warning: ${warning}\n`)
  const sweepCharts: Html.RenderedView[] = []
  if (input.sweep !== undefined) {
    const view = sweepView(
      input.sweep.name,
      input.sweep.rows.map((row) => ({ value: row.value, ...row.score })),
    )
    const rendered = await renderSvg(renderers.right, withoutTitle(view.spec))
    for (const warning of rendered.warnings) context.io.stderr(`warning: chart sweep: ${warning}\n`)
    sweepCharts.push({ view, svg: rendered.svg })
  }
  const undetectable = report.mechanisms
    .filter((m) => m.undetectable > 0)
    .map(
      (m) =>
        `${m.undetectable} of ${m.planted} ${m.kind} cannot be seen in the books alone; they are not ` +
        `counted as misses.`,
    )
  const section: Html.ExtraSection = {
    id: 'scores',
    title: 'Rules against planted truth',
    paragraphs: [
      `Findings at ${report.minSeverity} or above, as of ${report.asOf}, matched to the planted truth: ` +
        `same entity, overlapping period, money gap within ${report.tolerance} of the planted amount. ` +
        `${report.honestFindings.length} findings fell on honest enterprise-years or decoys.`,
      ...undetectable,
      ...(report.leakWarnings.length === 0
        ? ['Leak check: no trivial baseline (entity name, account name, single amount) scores close to a rule.']
        : report.leakWarnings.map((warning) => `Leak check warning: ${warning}.`)),
      input.auditLine,
    ],
    tables: [
      { caption: 'Per rule: true and false positives, misses, precision, recall, F1', table: ruleTable(report) },
      { caption: 'Per mechanism: planted, caught, undetectable from the books alone', table: mechanismTable(report) },
    ],
    charts: sweepCharts,
  }
  const cwd = context.io.cwd
  const html = Html.render({
    source: relative(cwd, input.file) || input.file,
    summary:
      `${loaded.sources.size} files, ${Ledger.transactions(loaded.ledger).length} transactions, ` +
      `${history(loaded.books).length} operations, ${loaded.reported.length} reported figures`,
    result: result.right,
    charts: charts.right.charts,
    displayPath: (path) => relative(cwd, path) || path,
    sections: [section],
  })
  const made = context.writeFileSystem.makeDirectory(input.out)
  if (E.isLeft(made)) {
    context.io.stderr(`error: cannot create ${input.out} (${made.left.code})\n`)
    context.exitCode = exitCodes.io
    return
  }
  const target = join(input.out, 'index.html')
  const written = writeFileAtomic(context.writeFileSystem, target, html)
  if (E.isLeft(written)) {
    context.io.stderr(`error: ${renderWriteError(target, written.left)}\n`)
    context.exitCode = exitCodes.io
    return
  }
  const chart = sweepCharts.length > 0 ? ' and the sweep chart' : ''
  context.io.stderr(`wrote ${target} (${result.right.findings.length} findings, the rule scores${chart})\n`)
}
