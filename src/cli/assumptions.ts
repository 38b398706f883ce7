/**
 * `report assumptions FILE` and `report provenance FILE`.
 *
 * assumptions: each `assumption ID "…"` with the figure lines that name it (`; assumption: ID`)
 * and the findings that change when it is dropped. Dropping an assumption re-loads the journal
 * with the lines that name it blanked (line numbers kept), re-runs the rules, and compares the
 * findings by rule, entity, period, date, documents and accounts: a finding that goes, one that
 * comes, and one whose message changes.
 *
 * provenance: the figure lines per provenance class (source, derived, assumption, none) and per
 * citation as written.
 */

import { relative } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { FileSystem } from '../load/FileSystem.js'
import * as Load from '../load/Load.js'
import { nodeFileSystem } from '../load/NodeFileSystem.js'
import { builtInRules, type Finding } from '../reconcile/index.js'
import * as Table from '../reports/Table.js'
import { type Context, UsageError } from './common.js'
import { runRules } from './reconcile.js'

/** One assumption and what dropping it changes. */
export interface AssumptionImpact {
  readonly id: string
  readonly text: string
  readonly file: string
  readonly line: number
  readonly fills: ReadonlyArray<{
    readonly file: string
    readonly line: number
    readonly kind: string
    readonly label: string
  }>
  /** Findings with the assumption that are gone without it, and findings that appear or change. */
  readonly gone: ReadonlyArray<Finding>
  readonly added: ReadonlyArray<Finding>
  readonly changed: ReadonlyArray<{ readonly before: Finding; readonly after: Finding }>
  /** Set when the journal does not load without the assumption (the first diagnostic). */
  readonly failure?: string
}

const findingKey = (finding: Finding): string =>
  [
    finding.rule,
    finding.entity ?? '',
    finding.period?.start ?? '',
    finding.period?.endExclusive ?? '',
    finding.date,
    finding.documents.join(','),
    finding.accounts.join(','),
    finding.lots.join(','),
  ].join('\u0000')

/** A file system that reads `replaced` texts instead of the files. */
// Without `readPieces`: every file is read whole, the replaced ones from `replaced`.
const overlay = ({ readPieces: _, ...base }: FileSystem, replaced: ReadonlyMap<string, string>): FileSystem => ({
  ...base,
  readText: (path) => {
    const text = replaced.get(path)
    return text !== undefined ? E.right(text) : base.readText(path)
  },
  size: (path) => {
    const text = replaced.get(path)
    return text !== undefined ? E.right(Buffer.byteLength(text, 'utf8')) : base.size(path)
  },
})

/** The texts with the given line ranges blanked (each line emptied, so later line numbers stay). */
const blank = (
  sources: ReadonlyMap<string, string>,
  ranges: ReadonlyArray<{ readonly file: string; readonly line: number; readonly endLine: number }>,
): ReadonlyMap<string, string> => {
  const out = new Map<string, string>()
  for (const [file, text] of sources) {
    const mine = ranges.filter((range) => range.file === file)
    if (mine.length === 0) continue
    // A file with lines to blank and no text in `sources` was read in pieces (`LoadOptions.pieces`): read it whole.
    const whole = text === '' ? E.getOrElse(() => '')(nodeFileSystem.readText(file)) : text
    const lines = whole.split('\n')
    for (const range of mine)
      for (let at = range.line; at <= range.endLine; at++) if (at - 1 < lines.length) lines[at - 1] = ''
    out.set(file, lines.join('\n'))
  }
  return out
}

/** What each assumption fills and which findings change without it. */
export const assumptionImpacts = (loaded: Load.Loaded, file: string): ReadonlyArray<AssumptionImpact> => {
  const base = runRules(loaded, builtInRules, {})
  if (E.isLeft(base)) throw new UsageError(base.left)
  const before = new Map(base.right.findings.map((finding) => [findingKey(finding), finding]))
  const { assumptions, provenance } = loaded.elaborated
  return assumptions.map((assumption): AssumptionImpact => {
    const lines = provenance.assumptionLines.filter((line) => line.ids.includes(assumption.id))
    const fills = lines.map((line) => ({
      file: line.span.file,
      line: line.span.line,
      kind: line.kind,
      label: line.label,
    }))
    const head = {
      id: assumption.id,
      text: assumption.text,
      file: assumption.span.file,
      line: assumption.span.line,
      fills,
    }
    if (lines.length === 0) return { ...head, gone: [], added: [], changed: [] }
    const replaced = blank(
      loaded.sources,
      lines.map((line) => ({ file: line.span.file, line: line.span.line, endLine: line.span.endLine })),
    )
    const without = Load.loadFile(file, { fileSystem: overlay(nodeFileSystem, replaced), view: loaded.view })
    if (E.isLeft(without))
      return {
        ...head,
        gone: [],
        added: [],
        changed: [],
        failure: without.left.diagnostics[0]?.message ?? 'the journal does not load',
      }
    const after = runRules(without.right, builtInRules, {})
    if (E.isLeft(after)) return { ...head, gone: [], added: [], changed: [], failure: after.left }
    const afterMap = new Map(after.right.findings.map((finding) => [findingKey(finding), finding]))
    const gone = [...before].filter(([key]) => !afterMap.has(key)).map(([, finding]) => finding)
    const added = [...afterMap].filter(([key]) => !before.has(key)).map(([, finding]) => finding)
    const changed = [...before].flatMap(([key, finding]) => {
      const other = afterMap.get(key)
      return other !== undefined && other.message !== finding.message ? [{ before: finding, after: other }] : []
    })
    return { ...head, gone, added, changed }
  })
}

const where = (context: Context, file: string, line: number): string =>
  `${relative(context.io.cwd, file) || file}:${line}`

/** `report assumptions FILE`. */
export const assumptionsCommand = (context: Context, file: string, output: 'table' | 'csv' | 'json'): void => {
  const loaded = context.load(file)
  if (loaded === undefined) return
  const impacts = assumptionImpacts(loaded, file)
  if (output === 'json') {
    const json = impacts.map((impact) => ({
      id: impact.id,
      text: impact.text,
      at: where(context, impact.file, impact.line),
      fills: impact.fills.map((fill) => ({
        at: where(context, fill.file, fill.line),
        kind: fill.kind,
        label: fill.label,
      })),
      gone: impact.gone.map((finding) => ({ rule: finding.rule, date: finding.date, message: finding.message })),
      added: impact.added.map((finding) => ({ rule: finding.rule, date: finding.date, message: finding.message })),
      changed: impact.changed.map(({ before, after }) => ({
        rule: before.rule,
        date: before.date,
        before: before.message,
        after: after.message,
      })),
      ...(impact.failure !== undefined ? { failure: impact.failure } : {}),
    }))
    context.io.stdout(`${JSON.stringify({ version: 1, kind: 'assumptions', assumptions: json }, null, 2)}\n`)
    return
  }
  if (impacts.length === 0) {
    context.io.stdout('no assumptions declared (write: assumption ID "what it stands in for and why")\n')
    return
  }
  const blocks = impacts.map((impact) => {
    const lines = [`${impact.id}  ${impact.text}  (${where(context, impact.file, impact.line)})`]
    lines.push(
      impact.fills.length === 0
        ? '  fills: no figure line names it'
        : `  fills: ` +
            impact.fills.map((fill) => `${where(context, fill.file, fill.line)} ${fill.kind} ${fill.label}`).join('; '),
    )
    if (impact.failure !== undefined) lines.push(`  without it the journal does not load: ${impact.failure}`)
    else if (impact.gone.length + impact.added.length + impact.changed.length === 0)
      lines.push('  without it: no finding changes')
    for (const finding of impact.gone)
      lines.push(`  without it, gone: ${finding.rule} ${finding.date}: ${finding.message}`)
    for (const finding of impact.added)
      lines.push(`  without it, new: ${finding.rule} ${finding.date}: ${finding.message}`)
    for (const { before, after } of impact.changed)
      lines.push(`  without it, changed: ${before.rule} ${before.date}: ${after.message}`)
    return lines.join('\n')
  })
  context.io.stdout(`${blocks.join('\n\n')}\n`)
}

/** `report provenance FILE`: figure lines per provenance class and per citation. */
export const provenanceCommand = (context: Context, file: string, output: 'table' | 'csv' | 'json'): void => {
  const loaded = context.load(file)
  if (loaded === undefined) return
  const { counts, byCitation } = loaded.elaborated.provenance
  const citations = [...byCitation].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
  if (output === 'json') {
    context.io.stdout(
      JSON.stringify(
        {
          version: 1,
          kind: 'provenance',
          classes: counts,
          citations: citations.map(([citation, lines]) => ({ citation, lines })),
        },
        null,
        2,
      ) + `\n`,
    )
    return
  }
  if (output === 'csv') {
    const quote = (text: string) => `"${text.replace(/"/gu, '""')}"`
    context.io.stdout(
      `kind,name,lines\n` +
        (['source', 'derived', 'assumption', 'none'] as const)
          .map((name) => `class,${name},${counts[name]}`)
          .join('\n') +
        `\n` +
        `${citations.map(([citation, lines]) => `citation,${quote(citation)},${lines}`).join('\n')}\n`,
    )
    return
  }
  const classes = Table.render(
    [
      { header: 'class', align: 'left' },
      { header: 'figure lines', align: 'right' },
    ],
    (['source', 'derived', 'assumption', 'none'] as const).map((name) => [name, String(counts[name])]),
  )
  const perCitation = Table.render(
    [
      { header: 'citation (as written)', align: 'left' },
      { header: 'figure lines', align: 'right' },
    ],
    citations.map(([citation, lines]) => [citation, String(lines)]),
  )
  context.io.stdout(`${classes}\n\n${perCitation}\n`)
}
