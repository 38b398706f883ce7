/**
 * Plans, norms and limits as the books hold them (`books.plans`): lookups by entity, item and
 * date, and the revision in force as known on a date.
 */
import { type Entity, type LocalDate, Period } from '../core/index.js'
import { type Books, type PlanItem, type PlanLine, type PlanRevision, planValueAt } from '../domain/Books.js'

/** A plan line with the revision in force. */
export interface PlanValue {
  readonly line: PlanLine
  readonly revision: PlanRevision
}

/** True when the revision was marked approximate (`~`). */
export const revisionEstimated = (revision: PlanRevision): boolean => revision.estimated

/** Plan lines of `entity` with an item of tag `tag`, sorted by period start then key order. */
export const planLines = <Tag extends PlanItem['_tag']>(
  books: Books,
  entity: Entity.EntityName,
  tag: Tag,
): ReadonlyArray<PlanLine & { readonly item: Extract<PlanItem, { readonly _tag: Tag }> }> => {
  const result: Array<PlanLine & { readonly item: Extract<PlanItem, { readonly _tag: Tag }> }> = []
  for (const line of books.plans.values()) {
    if (line.entity === entity && line.item._tag === tag)
      result.push(line as PlanLine & { readonly item: Extract<PlanItem, { readonly _tag: Tag }> })
  }
  return result.sort((a, b) =>
    a.period.start < b.period.start
      ? -1
      : a.period.start > b.period.start
        ? 1
        : a.period.endExclusive < b.period.endExclusive
          ? -1
          : a.period.endExclusive > b.period.endExclusive
            ? 1
            : 0,
  )
}

/**
 * The value of a line as known on `asOf`: the last revision dated on or before `asOf` (a norm
 * for end-1936 set on 1936-12-31 is in force when the books are read on that day or later).
 */
export const valueKnownOn = (line: PlanLine, asOf: LocalDate.LocalDate): PlanValue | undefined => {
  const revision = planValueAt(line, asOf)
  return revision === undefined ? undefined : { line, revision }
}

/** Lines whose period contains `on`. */
export const linesCovering = <L extends PlanLine>(lines: ReadonlyArray<L>, on: LocalDate.LocalDate): ReadonlyArray<L> =>
  lines.filter((line) => Period.contains(line.period, on))

/** The last day of a line's period, or `asOf` if the period is still running on `asOf`. */
export const evaluationDate = (line: PlanLine, asOf: LocalDate.LocalDate): LocalDate.LocalDate => {
  const last = Period.lastDay(line.period)
  return last < asOf ? last : asOf
}

/** All entities that have plan lines or ledger entities, sorted. */
export const plannedEntities = (books: Books): ReadonlyArray<Entity.EntityName> => {
  const names = new Set<Entity.EntityName>()
  for (const line of books.plans.values()) names.add(line.entity)
  return [...names].sort()
}
