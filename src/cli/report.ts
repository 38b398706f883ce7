/**
 * `report KIND FILE [--period month|quarter|year] [--entity E] [--begin DATE] [--end DATE]
 * [--output table|csv|json]`: the analytical reports of reports/ (trial balance, balance sheet,
 * income statement, working capital, turnover, plan fulfilment, physical book, ageing,
 * divergence, sources). This module loads the journal, checks the options, and prints.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Entity from '../core/Entity.js'
import type * as LocalDate from '../core/LocalDate.js'
import type { Granularity } from '../reports/Common.js'
import { isReportKind, render, reportKinds, reports } from '../reports/Reports.js'
import { type Context, UsageError } from './common.js'

export interface AnalyticalReportFlags {
  readonly period?: Granularity
  readonly entity?: string
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
  readonly output?: 'table' | 'csv' | 'json'
}

/** True for the kinds this module prints. */
export const isAnalyticalKind = isReportKind

/** One line per kind, for help and usage errors. */
export const kindsHelp = (): string =>
  reportKinds.map((kind) => `  ${kind.padEnd(17)} ${reports[kind].description}`).join('\n')

export const analyticalReportCommand = (
  context: Context,
  kind: string,
  args: ReadonlyArray<string>,
  flags: AnalyticalReportFlags,
  globalFile: string | undefined,
): void => {
  if (!isReportKind(kind))
    throw new UsageError(`report: unknown kind ${JSON.stringify(kind)}; known: html, chart, and\n${kindsHelp()}`)
  if (args.length > 1) throw new UsageError(`report ${kind}: one journal FILE expected, got ${args.length}`)
  const file = args[0] ?? globalFile
  if (file === undefined) throw new UsageError(`report ${kind}: no journal file given (pass FILE or -f FILE)`)
  if (flags.begin !== undefined && flags.end !== undefined && flags.begin >= flags.end)
    throw new UsageError(`--begin ${flags.begin} must be before --end ${flags.end} (the end is excluded)`)
  const loaded = context.load(file)
  if (loaded === undefined) return
  let entity: Entity.EntityName | undefined
  if (flags.entity !== undefined) {
    const name = Entity.nameFromString(flags.entity)
    const declared = [...loaded.ledger.declarations.entities.keys()]
    if (E.isLeft(name) || !loaded.ledger.declarations.entities.has(name.right)) {
      throw new UsageError(
        `--entity: no entity ${JSON.stringify(flags.entity)} is declared (declared: ${declared.join(', ') || 'none'})`,
      )
    }
    entity = name.right
  }
  context.io.stdout(
    render(
      kind,
      loaded,
      {
        ...(flags.period !== undefined ? { period: flags.period } : {}),
        ...(entity !== undefined ? { entity } : {}),
        ...(flags.begin !== undefined ? { begin: flags.begin } : {}),
        ...(flags.end !== undefined ? { end: flags.end } : {}),
        root: context.io.cwd,
      },
      flags.output ?? 'table',
    ),
  )
}
