/**
 * `report html FILE --out DIR` and `report chart KIND FILE [--out FILE.svg]`: the HTML report
 * (findings ranked and filterable, charts as inline SVG with their exact tables) and single
 * charts as standalone SVG. The pages are built in reports/; this module loads the journal, runs
 * the rules, and writes the files atomically.
 */
import { join, relative } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import { history } from '../domain/Books.js'
import type * as Load from '../load/Load.js'
import { renderWriteError, writeFileAtomic } from '../load/WriteFileSystem.js'
import { builtInRules } from '../reconcile/index.js'
import { type ChartsUnavailable, chartKinds, isChartKind, renderChartsUnavailable } from '../reports/ChartSvg.js'
import * as Html from '../reports/Html.js'
import { type Context, exitCodes, UsageError } from './common.js'
import { lastDate, runRules } from './reconcile.js'

export type ReportKind = 'html' | 'chart'

export interface ReportFlags {
  readonly out?: string
  readonly asOf?: LocalDate.LocalDate
}

/** Writes `text` to `path` atomically; on failure says so and sets the I/O exit code. */
const write = (context: Context, path: string, text: string): boolean => {
  const written = writeFileAtomic(context.writeFileSystem, path, text)
  if (E.isRight(written)) return true
  context.io.stderr(`error: ${renderWriteError(path, written.left)}\n`)
  context.exitCode = exitCodes.io
  return false
}

const warn = (context: Context, warnings: ReadonlyArray<string>): void => {
  for (const warning of warnings) context.io.stderr(`warning: ${warning}\n`)
}

/** Prints why the charts cannot be drawn (vega or vega-lite left out of the install) and sets the usage exit code. */
const unavailable = (context: Context, error: ChartsUnavailable): void => {
  context.io.stderr(`error: ${renderChartsUnavailable(error)}\n`)
  context.exitCode = exitCodes.usage
}

const chartInput = (loaded: Load.Loaded, asOf: LocalDate.LocalDate) => ({
  books: loaded.books,
  reported: loaded.reported,
  asOf,
})

const htmlReport = async (context: Context, file: string, flags: ReportFlags): Promise<void> => {
  if (flags.out === undefined)
    throw new UsageError('report html: --out DIR is required (the directory index.html is written to)')
  const loaded = context.load(file)
  if (loaded === undefined) return
  const result = runRules(loaded, builtInRules, flags.asOf !== undefined ? { asOf: flags.asOf } : {})
  if (E.isLeft(result)) {
    context.io.stderr(`error: ${result.left}\n`)
    context.exitCode = exitCodes.data
    return
  }
  const asOf = flags.asOf ?? lastDate(loaded)
  const charts = await Html.renderCharts(chartInput(loaded, asOf), { titled: false })
  if (E.isLeft(charts)) return unavailable(context, charts.left)
  const rendered = charts.right
  warn(context, rendered.warnings)
  const cwd = context.io.cwd
  const html = Html.render({
    source: relative(cwd, file) || file,
    summary:
      `${loaded.sources.size} file${loaded.sources.size === 1 ? '' : 's'}, ` +
      `${Ledger.transactions(loaded.ledger).length} transactions, ${history(loaded.books).length} ` +
      `operations, ${loaded.reported.length} reported figures`,
    result: result.right,
    charts: rendered.charts,
    displayPath: (path) => relative(cwd, path) || path,
  })
  const made = context.writeFileSystem.makeDirectory(flags.out)
  if (E.isLeft(made)) {
    context.io.stderr(`error: cannot create ${flags.out} (${made.left.code})\n`)
    context.exitCode = exitCodes.io
    return
  }
  const target = join(flags.out, 'index.html')
  if (write(context, target, html))
    context.io.stdout(
      `wrote ${target} (${result.right.findings.length} findings, ${rendered.charts.length} charts, ` +
        `${html.length} characters)\n`,
    )
}

const chartReport = async (context: Context, kind: string, file: string, flags: ReportFlags): Promise<void> => {
  if (!isChartKind(kind))
    throw new UsageError(`report chart: unknown chart ${JSON.stringify(kind)} (one of: ${chartKinds.join(', ')})`)
  const loaded = context.load(file)
  if (loaded === undefined) return
  const charts = await Html.renderCharts(chartInput(loaded, flags.asOf ?? lastDate(loaded)), {
    kinds: [kind],
    titled: true,
  })
  if (E.isLeft(charts)) return unavailable(context, charts.left)
  const rendered = charts.right
  warn(context, rendered.warnings)
  const svg = rendered.charts[0]?.svg ?? ''
  if (flags.out === undefined) context.io.stdout(`${svg}\n`)
  else if (write(context, flags.out, `${svg}\n`)) context.io.stdout(`wrote ${flags.out}\n`)
}

/**
 * Runs `report html|chart` with its positional arguments (`html`: FILE; `chart`: KIND FILE);
 * FILE may come from the global `-f FILE` instead.
 */
export const reportCommand = async (
  context: Context,
  kind: ReportKind,
  args: ReadonlyArray<string>,
  flags: ReportFlags,
  globalFile: string | undefined,
): Promise<void> => {
  const expected = kind === 'html' ? 1 : 2
  const positional = globalFile !== undefined && args.length === expected - 1 ? [...args, globalFile] : args
  if (positional.length !== expected) {
    throw new UsageError(
      kind === 'html'
        ? 'usage: shadow-ledger report html FILE --out DIR'
        : `usage: shadow-ledger report chart KIND FILE [--out FILE.svg] (KIND: ${chartKinds.join(', ')})`,
    )
  }
  if (kind === 'html') await htmlReport(context, positional[0] as string, flags)
  else await chartReport(context, positional[0] as string, positional[1] as string, flags)
}
