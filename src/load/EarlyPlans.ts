/**
 * Plan lines applied while parsing (see `Early.ts`). A plan is dated at its period's start and
 * merges with the other lines of its entity, item and period (`Plans.setPlans`: applied once, at
 * its first line), but shadow books write a period's plans after its first entries: `1930-Q3` at
 * 1930-07-01 after entries of 1930-07-03. So a plan can only be applied in its place once every
 * plan line is known. When the stream meets the first plan line of a file, that file is read once
 * more (from its text, or in pieces again) for its plan lines only (`ParseEachOptions.skipDated`:
 * dated blocks are skipped unread), and the plans are merged over all the lines known so far (an
 * included file's lines go before its includer's lines still to come). Before each entry, the plans
 * that sort before it are applied: dated earlier, or on its date and written above it (the order
 * of `byDate`: date, then file order). Plan entries stay in the elaborated entries; `build` skips
 * the ones applied early.
 *
 * Nothing of this is trusted: at the end `plansHold` checks, against the plans `build` would
 * apply (`setPlans` over every plan line read, with every entity), that each plan applied early is
 * that plan, was applied between the entries it sorts between, in order, and that every plan not
 * applied sorts after the last entry applied. Otherwise the loader builds the usual way.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type * as Elaborate from '../journal/Elaborate.js'
import { type ParseContext, parseEach } from '../journal/Parse.js'
import * as Plans from '../journal/Plans.js'
import type * as Syntax from '../journal/Syntax.js'
import type { FileSystem } from './FileSystem.js'

/** A plan line the schedule knows of (read ahead), and whether the stream has reached it. */
interface KnownLine {
  readonly node: Syntax.PlanDirective
  readonly key: string
  seen: boolean
}

/** A merged plan not applied yet, at the date it takes effect. */
interface PendingPlan {
  readonly key: string
  readonly date: string
  readonly plan: Plans.LocatedPlan
}

/** A plan applied early, with the entries it was applied between (date and stream index). */
interface AppliedPlan {
  readonly key: string
  readonly plan: Plans.LocatedPlan
  readonly afterDate: string | undefined
  readonly afterIndex: number
  readonly beforeDate: string
  readonly beforeIndex: number
}

/** Reads a file's plan lines ahead; undefined when it cannot (a file read in pieces). */
export type PlanScan = (file: string) => ReadonlyArray<Syntax.PlanDirective> | undefined

/** The plan lines known, the merged plans waiting for their place, and those applied. */
export interface PlanSchedule {
  readonly scan: PlanScan | undefined
  readonly scanned: Set<string>
  /** Known lines in stream order: those the stream has reached first (`seen`). */
  readonly known: KnownLine[]
  readonly byKey: Map<string, KnownLine>
  seen: number
  /** The pending plans must be merged again (new lines, or entities declared since). */
  dirty: boolean
  entities: number
  pending: PendingPlan[]
  head: number
  readonly applied: AppliedPlan[]
  readonly appliedKeys: Set<string>
  /** The stream index (among dated entries) of every plan line read. */
  readonly streamIndex: Map<string, number>
  /** Two plan lines with one span (a file included twice). */
  duplicate: boolean
  /** A plan was applied before an entry that then failed (so it precedes no applied entry). */
  broken: boolean
}

/** Plans applied early: how many, for tests and benchmarks. */
export const appliedCount = (schedule: PlanSchedule): number => schedule.applied.length

/** No plan line known yet; `scan` reads a file's plan lines ahead. */
export const newSchedule = (scan: PlanScan | undefined): PlanSchedule => ({
  scan,
  scanned: new Set(),
  known: [],
  byKey: new Map(),
  seen: 0,
  dirty: false,
  entities: 0,
  pending: [],
  head: 0,
  applied: [],
  appliedKeys: new Set(),
  streamIndex: new Map(),
  duplicate: false,
  broken: false,
})

const spanKey = (span: SourceSpan): string => `${span.line}:${span.column}:${span.file}`

/**
 * The plan lines of one file, read with `skipDated` from `context` (the one the file is parsed
 * with): from `text`, and with `more` the pieces after it (`ParseEachOptions.more`).
 */
export const scanPlanLines = (
  file: string,
  text: string,
  context: ParseContext | undefined,
  more?: () => string | undefined,
): ReadonlyArray<Syntax.PlanDirective> => {
  const lines: Syntax.PlanDirective[] = []
  parseEach(
    file,
    text,
    (node) => {
      if (node._tag === 'PlanDirective') lines.push(node)
    },
    { skipDated: true, ...(context === undefined ? {} : { context }), ...(more === undefined ? {} : { more }) },
  )
  return lines
}

/** The plan lines of a file read in pieces, read again in pieces; undefined when it cannot be read again. */
export const scanPlanPieces = (
  fileSystem: FileSystem,
  file: string,
  pieceBytes: number,
  context: ParseContext | undefined,
): ReadonlyArray<Syntax.PlanDirective> | undefined => {
  const opened = fileSystem.readPieces?.(file, pieceBytes)
  if (opened === undefined || E.isLeft(opened)) return undefined
  const reader = opened.right
  let failed = false
  const next = (): string | undefined => {
    if (failed) return undefined
    const piece = reader.next()
    if (E.isRight(piece)) return piece.right
    failed = true
    return undefined
  }
  try {
    const lines = scanPlanLines(file, next() ?? '', context, next)
    return failed ? undefined : lines
  } finally {
    reader.close()
  }
}

/**
 * The stream read a plan line (stream index `index`). False when early posting must stop: a line
 * not read ahead, or not the next one expected.
 */
export const notePlan = (schedule: PlanSchedule, node: Syntax.PlanDirective, index: number, open: boolean): boolean => {
  const key = spanKey(node.span)
  if (schedule.streamIndex.has(key)) schedule.duplicate = true
  schedule.streamIndex.set(key, index)
  if (!open || schedule.duplicate) return false
  let line = schedule.byKey.get(key)
  if (line === undefined && schedule.scan !== undefined && !schedule.scanned.has(node.span.file)) {
    schedule.scanned.add(node.span.file)
    const found = schedule.scan(node.span.file)
    if (found !== undefined) {
      // The file's lines come next in stream order: before the lines of the file that includes it.
      const lines = found.map((found) => ({ node: found, key: spanKey(found.span), seen: false }))
      if (lines.some((line) => schedule.byKey.has(line.key))) return false
      schedule.known.splice(schedule.seen, 0, ...lines)
      for (const line of lines) schedule.byKey.set(line.key, line)
      schedule.dirty = true
    }
    line = schedule.byKey.get(key)
  }
  if (line === undefined || schedule.known[schedule.seen] !== line) return false
  line.seen = true
  schedule.seen++
  return true
}

const merge = (schedule: PlanSchedule, entities: ReadonlyArray<{ readonly name: string }>): void => {
  const names = new Set(entities.map((entity) => entity.name))
  const merged = Plans.setPlans(
    schedule.known.map((line) => line.node),
    names,
    [],
    [],
  )
  schedule.pending = merged
    .map((plan) => ({ key: spanKey(plan.node.span), date: plan.node.period.start, plan }))
    .filter((plan) => !schedule.appliedKeys.has(plan.key))
    // stable: file order among equal dates
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  schedule.head = 0
  schedule.dirty = false
  schedule.entities = entities.length
}

/**
 * The next plan that sorts before an entry dated `date` (the pending plans are in that order, and
 * the lines the stream has reached come first among equal dates), or undefined.
 */
export const nextDue = (
  schedule: PlanSchedule,
  date: string,
  entities: ReadonlyArray<{ readonly name: string }>,
): Plans.LocatedPlan | undefined => {
  if (schedule.dirty || schedule.entities !== entities.length) merge(schedule, entities)
  const next = schedule.pending[schedule.head]
  if (next === undefined || next.date > date) return undefined
  if (next.date === date && schedule.byKey.get(next.key)?.seen !== true) return undefined
  return next.plan
}

/** Records that the plan `nextDue` gave was applied, between the entries before and after it. */
export const markApplied = (
  schedule: PlanSchedule,
  after: { readonly date: string | undefined; readonly index: number },
  before: { readonly date: string; readonly index: number },
): void => {
  const next = schedule.pending[schedule.head++] as PendingPlan
  schedule.appliedKeys.add(next.key)
  schedule.applied.push({
    key: next.key,
    plan: next.plan,
    afterDate: after.date,
    afterIndex: after.index,
    beforeDate: before.date,
    beforeIndex: before.index,
  })
}

/** Structural equality of plain values (what `setPlans` makes: strings, numbers, arrays, objects, quantities). */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (Array.isArray(a)) {
    const other = b as ReadonlyArray<unknown>
    return a.length === other.length && a.every((item, index) => same(item, other[index]))
  }
  const keys = Object.keys(a)
  const record = a as Record<string, unknown>
  const other = b as Record<string, unknown>
  return keys.length === Object.keys(b).length && keys.every((key) => key in other && same(record[key], other[key]))
}

const before = (date: string, index: number, thanDate: string, thanIndex: number): boolean =>
  date < thanDate || (date === thanDate && index < thanIndex)

/**
 * Whether the plans applied early are what `build` would apply in their places, and every other
 * plan sorts after the last entry applied early (`lastDate`, `lastIndex`); the plan lines `build`
 * must then skip (the first lines of the plans applied), or undefined when not.
 */
export const plansHold = (
  schedule: PlanSchedule,
  elaborated: Elaborate.Elaborated,
  last: { readonly date: string | undefined; readonly index: number },
): ReadonlySet<Syntax.PlanDirective> | undefined => {
  const applied = new Set<Syntax.PlanDirective>()
  if (elaborated.plans.length === 0) return schedule.applied.length === 0 ? applied : undefined
  if (schedule.broken || schedule.duplicate) return undefined
  const names = new Set(elaborated.entities.map((entity) => entity.name))
  const plans = new Map(Plans.setPlans(elaborated.plans, names, [], []).map((plan) => [spanKey(plan.node.span), plan]))
  let previous: { readonly date: string; readonly index: number } | undefined
  for (const early of schedule.applied) {
    const plan = plans.get(early.key)
    const index = schedule.streamIndex.get(early.key)
    if (plan === undefined || index === undefined) return undefined
    const { operation, span, citations, estimated } = early.plan
    if (
      !same(operation, plan.operation) ||
      !same(span, plan.span) ||
      !same(citations, plan.citations) ||
      estimated !== plan.estimated
    )
      return undefined
    const date = plan.node.period.start
    if (early.afterDate !== undefined && !before(early.afterDate, early.afterIndex, date, index)) return undefined
    if (!before(date, index, early.beforeDate, early.beforeIndex)) return undefined
    if (previous !== undefined && !before(previous.date, previous.index, date, index)) return undefined
    previous = { date, index }
    applied.add(plan.node)
  }
  for (const [key, plan] of plans) {
    if (applied.has(plan.node)) continue
    const index = schedule.streamIndex.get(key)
    if (index === undefined) return undefined
    if (last.date !== undefined && !before(last.date, last.index, plan.node.period.start, index)) return undefined
  }
  return applied
}
