/**
 * The provenance class of every figure line, from its trailing tags: `; source: CITATION` (the
 * paper or an archive gives it), `; derived: FORMULA` (arithmetic on sourced figures) or
 * `; assumption: ID` (a numbered `assumption ID "…"` stands in for it). The first class tag of a
 * line wins; a line without one has no class.
 *
 * Figure lines are `reported`/`restate`, `norm`/`plan`/`limit`, `count`, operations and
 * transactions (a transaction is classed by its header, its comment lines or any posting). With
 * `param journal.strict-provenance yes`, a figure line without a class is an error
 * (MissingProvenance), and so is an `assumption:` tag naming no `assumption` directive
 * (UnknownAssumption).
 */
import type { SourceSpan } from '../core/SourceSpan.js'
import type { Provenance } from '../domain/Statements.js'
import type * as Syntax from './Syntax.js'

/** The provenance class named by a line's tags, if any. */
export const provenanceOf = (
  tags: ReadonlyArray<{ readonly name: string; readonly value: string }>,
): Provenance | undefined => {
  for (const tag of tags) {
    if (tag.name === 'source') return { _tag: 'source' }
    if (tag.name === 'derived') return { _tag: 'derived', formula: tag.value }
    if (tag.name === 'assumption') return { _tag: 'assumption', id: tag.value }
  }
  return undefined
}

/** What kind of figure line. */
export type FigureLineKind = 'reported' | 'restate' | 'plan' | 'count' | 'operation' | 'transaction'

/** One figure line and its class. */
export interface FigureLine {
  readonly kind: FigureLineKind
  readonly span: SourceSpan
  /** A short label: the metric, category, account or description. */
  readonly label: string
  readonly provenance?: Provenance
  /** The `source:` citations as written (text before any ` — `). */
  readonly citations: ReadonlyArray<string>
}

const classTags = new Set(['source', 'derived', 'assumption'])

const commentTags = (
  comments: ReadonlyArray<Syntax.CommentSyntax | null>,
): Array<{ readonly name: string; readonly value: string }> =>
  comments.flatMap((comment) => (comment === null ? [] : comment.tags.filter((tag) => classTags.has(tag.name))))

const subLineTags = (
  subLines: ReadonlyArray<Syntax.SubLine>,
): Array<{ readonly name: string; readonly value: string }> =>
  subLines.flatMap((line) => {
    if (line._tag === 'KeyValue' && classTags.has(line.key))
      return [{ name: line.key, value: line.value }, ...commentTags([line.comment])]
    return commentTags([line.comment])
  })

const citationText = (value: string): string => {
  const dash = value.indexOf(' — ')
  return (dash === -1 ? value : value.slice(0, dash)).trim()
}

/** The figure line a node is, if it is one. */
export const figureLine = (node: Syntax.Node): FigureLine | undefined => {
  let kind: FigureLineKind
  let label: string
  let tags: Array<{ readonly name: string; readonly value: string }>
  switch (node._tag) {
    case 'ReportedDirective':
      kind = node.restate === true ? 'restate' : 'reported'
      label = `${node.entity} ${node.metric}`
      tags = [...commentTags([node.comment]), ...subLineTags(node.subLines)]
      break
    case 'PlanDirective':
      kind = 'plan'
      label = `${node.keyword} ${node.entity} ${node.category}`
      tags = [...commentTags([node.comment]), ...subLineTags(node.subLines)]
      break
    case 'CountDirective':
      kind = 'count'
      label = `count ${node.account}`
      tags = [...commentTags([node.comment]), ...subLineTags(node.subLines)]
      break
    case 'Operation':
      kind = 'operation'
      label = node.keyword
      tags = [...commentTags([node.comment]), ...subLineTags(node.subLines)]
      break
    case 'Transaction':
      kind = 'transaction'
      label = node.description
      tags = [
        ...commentTags([node.comment, ...node.comments]),
        ...node.postings.flatMap((posting) => commentTags([posting.comment, ...posting.comments])),
      ]
      break
    default:
      return undefined
  }
  const provenance = provenanceOf(tags)
  return {
    kind,
    span: node.span,
    label,
    ...(provenance !== undefined ? { provenance } : {}),
    citations: tags.filter((tag) => tag.name === 'source').map((tag) => citationText(tag.value)),
  }
}

/** Whether a `param` turns strict provenance on: `param journal.strict-provenance yes` (or `true`). */
export const isStrictSetting = (node: Syntax.ParamDirective): boolean => {
  if (node.rule !== 'journal' || node.name !== 'strict-provenance') return false
  const [value] = node.value
  return value !== undefined && value._tag === 'Word' && (value.text === 'yes' || value.text === 'true')
}

/** Every `assumption:` id a figure line names (a transaction may name several, on postings). */
export const assumptionIds = (node: Syntax.Node): ReadonlyArray<string> => {
  const line = figureLine(node)
  if (line === undefined) return []
  const comments: Array<Syntax.CommentSyntax | null> =
    node._tag === 'Transaction'
      ? [node.comment, ...node.comments, ...node.postings.flatMap((posting) => [posting.comment, ...posting.comments])]
      : 'subLines' in node
        ? [node.comment, ...node.subLines.map((sub) => sub.comment)]
        : []
  const ids = commentTags(comments)
    .filter((tag) => tag.name === 'assumption')
    .map((tag) => tag.value)
  if ('subLines' in node)
    for (const sub of node.subLines)
      if (sub._tag === 'KeyValue' && sub.key === 'assumption')
        ids.push(
          ...sub.value
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== ''),
        )
  return [...new Set(ids)]
}

/** Unclassed figure lines kept for strict-provenance errors, at most (the loader shows 200 diagnostics). */
export const unclassedKeptMax = 200

/** The provenance of a journal's figure lines, gathered in one pass. */
export interface ProvenanceSummary {
  /** Whether `param journal.strict-provenance yes` is set. */
  readonly strict: boolean
  /** Figure lines per class (`none`: no class). */
  readonly counts: {
    readonly source: number
    readonly derived: number
    readonly assumption: number
    readonly none: number
  }
  /** Figure lines per citation as written (`source:` tags). */
  readonly byCitation: ReadonlyMap<string, number>
  /** The first `unclassedKeptMax` figure lines with no class. */
  readonly unclassed: ReadonlyArray<FigureLine>
  /** Every figure line that names an assumption, with the ids it names. */
  readonly assumptionLines: ReadonlyArray<FigureLine & { readonly ids: ReadonlyArray<string> }>
}

/**
 * A transaction without any comment (header, comment lines, postings): it carries no tags, so no class. The common
 * case.
 */
const uncommented = (node: Syntax.TransactionSyntax): boolean => {
  if (node.comment !== null || node.comments.length > 0) return false
  for (const posting of node.postings) if (posting.comment !== null || posting.comments.length > 0) return false
  return true
}

/** Gathers a `ProvenanceSummary` node by node (the elaborator calls `add` for every node). */
export class ProvenanceCollector {
  private strict = false
  private readonly counts = { source: 0, derived: 0, assumption: 0, none: 0 }
  private readonly byCitation = new Map<string, number>()
  private readonly unclassed: FigureLine[] = []
  private readonly assumptionLines: Array<FigureLine & { readonly ids: ReadonlyArray<string> }> = []

  add(node: Syntax.Node): void {
    if (node._tag === 'ParamDirective') {
      if (isStrictSetting(node)) this.strict = true
      return
    }
    if (node._tag === 'Transaction' && uncommented(node)) {
      // What `figureLine` and `assumptionIds` give for it, without building their tag lists: no class, no citation, no
      // id.
      this.counts.none += 1
      if (this.unclassed.length < unclassedKeptMax)
        this.unclassed.push({ kind: 'transaction', span: node.span, label: node.description, citations: [] })
      return
    }
    const line = figureLine(node)
    if (line === undefined) return
    this.counts[line.provenance?._tag ?? 'none'] += 1
    for (const citation of line.citations) this.byCitation.set(citation, (this.byCitation.get(citation) ?? 0) + 1)
    if (line.provenance === undefined && this.unclassed.length < unclassedKeptMax) this.unclassed.push(line)
    const ids = assumptionIds(node)
    if (ids.length > 0) this.assumptionLines.push({ ...line, ids })
  }

  summary(): ProvenanceSummary {
    return {
      strict: this.strict,
      counts: { ...this.counts },
      byCitation: new Map(this.byCitation),
      unclassed: [...this.unclassed],
      assumptionLines: [...this.assumptionLines],
    }
  }
}

/**
 * The strict-provenance errors: figure lines without a class, and `assumption:` ids no directive declares. None unless
 * strict.
 */
export const provenanceErrors = (
  summary: ProvenanceSummary,
  assumptions: ReadonlyArray<Syntax.AssumptionDirective>,
): ReadonlyArray<
  | { readonly _tag: 'MissingProvenance'; readonly span: SourceSpan; readonly kind: string; readonly label: string }
  | { readonly _tag: 'UnknownAssumption'; readonly span: SourceSpan; readonly id: string }
> => {
  if (!summary.strict) return []
  const declared = new Set(assumptions.map((assumption) => assumption.id))
  return [
    ...summary.unclassed.map((line) => ({
      _tag: 'MissingProvenance' as const,
      span: line.span,
      kind: line.kind,
      label: line.label,
    })),
    ...summary.assumptionLines.flatMap((line) =>
      line.ids
        .filter((id) => !declared.has(id))
        .map((id) => ({ _tag: 'UnknownAssumption' as const, span: line.span, id })),
    ),
  ]
}
