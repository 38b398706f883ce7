/**
 * The provenance class of a figure line, from its trailing tags: `; source: CITATION` (the paper
 * or an archive gives it), `; derived: FORMULA` (arithmetic on sourced figures) or
 * `; assumption: ID` (a numbered `assumption ID "…"` stands in for it). The first class tag
 * of the line wins; a line without one has no class.
 */
import type { Provenance } from '../domain/Statements.js'

/** The provenance class named by a line's tags, if any. */
export const provenanceOf = (tags: ReadonlyArray<{ readonly name: string; readonly value: string }>): Provenance | undefined => {
  for (const tag of tags) {
    if (tag.name === 'source') return { _tag: 'source' }
    if (tag.name === 'derived') return { _tag: 'derived', formula: tag.value }
    if (tag.name === 'assumption') return { _tag: 'assumption', id: tag.value }
  }
  return undefined
}
