/**
 * Which figures rest on which archival file. Every figure that cites a source — a plain
 * transaction, an operation (with the transaction it posted), a plan, norm or limit, a reported
 * figure, an expectation — is listed under each archival file it cites (`Citation.fileKey`:
 * archive, fond, opis, delo, whatever the spelling), with its file:line; published sources are
 * grouped by their text. Then the figures that are estimated (`~`, or resting on an estimate),
 * and those that cite no source at all (with their `assumption:` tag when they have one).
 *
 * With `entity`, only figures concerning that entity; with `begin`/`end`, only figures dated
 * (or, for reported figures and plans, with a period overlapping) in the range. Columns do not
 * apply. `root` makes file paths relative to a directory (a plain prefix, no file system).
 */
import * as t from 'io-ts'
import {
  type Amount,
  Citation,
  Commodity,
  type Entity,
  Ledger,
  Period,
  Quantity,
  type SourceSpan,
  type Transaction,
} from '../core/index.js'
import { history } from '../domain/Books.js'
import type { StatementValue } from '../domain/Statements.js'
import { compareText, OptionsJson, optionsJson, type ReportInputs, type ReportOptions } from './Common.js'
import {
  type Cell,
  type CommodityLookup,
  type Grid,
  gridBuilder,
  keyColumn,
  lookupOf,
  renderGridCsv,
  renderGridTable,
  text,
  textColumn,
} from './Grid.js'

/** Options of the sources report: the report options and a root directory for showing file paths. */
export interface SourcesOptions extends ReportOptions {
  /** Show file paths relative to this directory (when they are inside it). */
  readonly root?: string
}

/** What a sourced figure is: a transaction, an operation, a plan, a reported figure or an expectation. */
export type FigureKind = 'transaction' | 'operation' | 'plan' | 'reported' | 'expectation'

/** A value a figure states. */
export type FigureValue =
  | { readonly _tag: 'Amount'; readonly commodity: Commodity.CommoditySymbol; readonly quantity: Quantity.Quantity }
  | { readonly _tag: 'Percent'; readonly percent: Quantity.Quantity }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity }
  | { readonly _tag: 'Text'; readonly text: string }

/** One figure of the journal with its file, line, date, entities, exact values, estimated flag and citations. */
export interface SourcedFigure {
  readonly kind: FigureKind
  readonly file: string
  readonly line: number
  /** The date, or the period label (plans, reported figures). */
  readonly when: string
  readonly entities: ReadonlyArray<Entity.EntityName>
  /** What the figure is: a transaction's description, an operation's name, a plan item, a metric. */
  readonly what: string
  readonly values: ReadonlyArray<FigureValue>
  readonly estimated: boolean
  readonly citations: ReadonlyArray<Citation.Citation>
  /** The `assumption:` tag, when the figure carries one. */
  readonly assumption?: string
}

/** One archival file or published source with every figure that cites it. */
export interface SourceGroup {
  /** `Citation.fileKey`: the archival file, or the text of a published source. */
  readonly key: string
  readonly archival: boolean
  /** The file in canonical form (`TsGIA SPb F.P-960 op.7 d.5`), or the text. */
  readonly title: string
  /** Every spelling the journal uses for it, sorted. */
  readonly texts: ReadonlyArray<string>
  /** Figures citing it, by file and line; `folio` is the folio cited there. */
  readonly figures: ReadonlyArray<{ readonly figure: SourcedFigure; readonly folio?: string }>
}

/** The sources report data: figures grouped by the source they cite, and the estimated and unsourced figures. */
export interface SourcesReport {
  readonly kind: 'sources'
  readonly options: SourcesOptions
  /** Archival files first, then published sources; each by key. */
  readonly groups: ReadonlyArray<SourceGroup>
  readonly estimated: ReadonlyArray<SourcedFigure>
  readonly unsourced: ReadonlyArray<SourcedFigure>
}

const relative = (file: string, root: string | undefined): string => {
  if (root === undefined) return file
  const prefix = root.endsWith('/') ? root : `${root}/`
  return file.startsWith(prefix) ? file.slice(prefix.length) : file
}

const distinct = (citations: ReadonlyArray<Citation.Citation>): ReadonlyArray<Citation.Citation> => {
  const seen = new Map<string, Citation.Citation>()
  for (const citation of citations) if (!seen.has(citation.text)) seen.set(citation.text, citation)
  return [...seen.values()]
}

/** What a transaction moves: its debits per commodity, money then goods. */
const debits = (transaction: Transaction.Transaction): ReadonlyArray<FigureValue> => {
  const money = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const goods = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  const add = (target: Map<Commodity.CommoditySymbol, Quantity.Quantity>, value: Amount.Amount | undefined): void => {
    if (value === undefined || Quantity.sign(value.quantity) <= 0) return
    target.set(value.commodity, Quantity.add(target.get(value.commodity) ?? Quantity.zero, value.quantity))
  }
  for (const posting of transaction.postings) {
    add(money, posting.money)
    add(goods, posting.goods)
  }
  const list = (target: Map<Commodity.CommoditySymbol, Quantity.Quantity>) =>
    [...target.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([commodity, quantity]): FigureValue => ({ _tag: 'Amount', commodity, quantity }))
  return [...list(money), ...list(goods)]
}

const statementValue = (value: StatementValue): FigureValue => {
  switch (value._tag) {
    case 'Amount':
      return { _tag: 'Amount', commodity: value.amount.commodity, quantity: value.amount.quantity }
    case 'Percent':
      return { _tag: 'Percent', percent: value.percent }
    case 'Number':
      return { _tag: 'Number', value: value.value }
    case 'Date':
      return { _tag: 'Text', text: value.date }
    case 'Word':
      return { _tag: 'Text', text: value.word }
    case 'Figure':
      return { _tag: 'Text', text: value.figure.written }
  }
}

const assumptionOf = (transaction: Transaction.Transaction): string | undefined => {
  const values = [transaction.tags, ...transaction.postings.map((posting) => posting.tags)]
    .flatMap((tags) => tags.filter((tag) => tag.name === 'assumption').map((tag) => tag.value))
    .filter((value) => value.length > 0)
  return values.length === 0 ? undefined : [...new Set(values)].join(', ')
}

const partyKeys = ['entity', 'seller', 'buyer', 'borrower', 'lender', 'drawer', 'drawee', 'payee', 'bank'] as const

/** The entities an operation names (its parties). */
const partiesOf = (operation: object): ReadonlyArray<Entity.EntityName> => {
  const record = operation as Readonly<Record<string, unknown>>
  const names = new Set<Entity.EntityName>()
  for (const key of partyKeys) {
    const value = record[key]
    if (typeof value === 'string') names.add(value as Entity.EntityName)
  }
  return [...names].sort()
}

const transactionEntities = (
  transaction: Transaction.Transaction,
  ledger: Ledger.Ledger,
): ReadonlyArray<Entity.EntityName> => {
  const names = new Set<Entity.EntityName>()
  for (const posting of transaction.postings) {
    const entity = posting.entity ?? Ledger.entityOf(ledger.declarations, posting.account)
    if (entity !== undefined) names.add(entity)
  }
  return [...names].sort()
}

/** Every figure of the books that a source could stand behind, in no particular order. */
export const figuresOf = (inputs: ReportInputs, root?: string): ReadonlyArray<SourcedFigure> => {
  const figures: SourcedFigure[] = []
  const at = (span: SourceSpan.SourceSpan) => ({ file: relative(span.file, root), line: span.line })
  const transactions = Ledger.transactions(inputs.ledger)
  for (const transaction of transactions) {
    if (transaction.origin !== undefined) continue // listed with the operation that posted it
    const assumption = assumptionOf(transaction)
    figures.push({
      kind: 'transaction',
      ...at(transaction.span),
      when: transaction.date,
      entities: transactionEntities(transaction, inputs.ledger),
      what: transaction.description,
      values: debits(transaction),
      estimated: transaction.estimated || transaction.postings.some((posting) => posting.estimated),
      citations: distinct([...transaction.citations, ...transaction.postings.flatMap((posting) => posting.citations)]),
      ...(assumption !== undefined ? { assumption } : {}),
    })
  }
  const applied = history(inputs.books)
  for (const operation of applied) {
    if (operation.operation._tag === 'SetPlan') continue // listed with its plan line
    const posted = operation.transaction !== undefined ? transactions[operation.transaction] : undefined
    figures.push({
      kind: 'operation',
      ...at(operation.span),
      when: operation.operation.date,
      entities: posted !== undefined ? transactionEntities(posted, inputs.ledger) : partiesOf(operation.operation),
      what: `${operation.operation._tag}${operation.documents.length > 0 ? ` ${operation.documents.join(', ')}` : ''}`,
      values: posted !== undefined ? debits(posted) : [],
      estimated: operation.estimated,
      citations: distinct([...operation.citations, ...(posted?.citations ?? [])]),
    })
  }
  for (const line of inputs.books.plans.values()) {
    const item = line.item
    const detail =
      item._tag === 'WorkingCapitalNorm'
        ? item.category
        : item._tag === 'WageFund'
          ? item.staffCategory
          : item._tag === 'OutputPlan'
            ? item.commodity
            : `${item.lender}/${item.loanKind}`
    for (const revision of line.revisions) {
      const source = applied[revision.operation]
      const values: FigureValue[] = []
      if (!Quantity.isZero(revision.amount) || revision.units === undefined)
        values.push({ _tag: 'Amount', commodity: inputs.books.currency, quantity: revision.amount })
      if (revision.units !== undefined)
        values.push({
          _tag: 'Amount',
          commodity: (item._tag === 'OutputPlan' ? item.commodity : '') as Commodity.CommoditySymbol,
          quantity: revision.units,
        })
      figures.push({
        kind: 'plan',
        ...(source !== undefined ? at(source.span) : { file: '<plan>', line: 0 }),
        when: line.period.label,
        entities: [line.entity],
        what: `${item._tag} ${detail} (set ${revision.date})`,
        values,
        estimated: revision.estimated,
        citations: source?.citations ?? [],
      })
    }
  }
  for (const figure of inputs.reported) {
    figures.push({
      kind: 'reported',
      ...at(figure.span),
      when: figure.period.label,
      entities: [figure.entity],
      what: figure.metric,
      values: [statementValue(figure.value)],
      estimated: figure.estimated,
      citations: figure.citations,
    })
  }
  for (const expectation of inputs.expectations ?? []) {
    if (expectation.citations.length === 0) continue // an expectation states no figure of its own unless it cites one
    figures.push({
      kind: 'expectation',
      ...at(expectation.span),
      when: expectation.period?.label ?? '',
      entities: expectation.entity !== undefined ? [expectation.entity] : [],
      what: `${expectation.negated ? 'expect no ' : 'expect '}${expectation.rule}`,
      values: expectation.measures.map((measure) => statementValue(measure.value)),
      estimated: false,
      citations: expectation.citations,
    })
  }
  return figures
}

const compareFigures = (a: SourcedFigure, b: SourcedFigure): number =>
  compareText(a.file, b.file) || a.line - b.line || compareText(a.kind, b.kind) || compareText(a.what, b.what)

const inRange = (figure: SourcedFigure, options: ReportOptions): boolean => {
  if (options.begin === undefined && options.end === undefined) return true
  const period = Period.fromString(figure.when)
  if (period._tag === 'Left') return true
  return (
    (options.begin === undefined || period.right.endExclusive > options.begin) &&
    (options.end === undefined || period.right.start < options.end)
  )
}

/** The archival file of a citation in canonical form, without the folio. */
const fileTitle = (citation: Citation.Citation): string => {
  const { folio: _folio, ...file } = citation
  return Citation.show(file)
}

/** Builds the sources report, grouping the figures in range by the archival file or source they cite. */
export const build = (inputs: ReportInputs, options: SourcesOptions): SourcesReport => {
  const figures = figuresOf(inputs, options.root)
    .filter((figure) => options.entity === undefined || figure.entities.includes(options.entity))
    .filter((figure) => inRange(figure, options))
    .sort(compareFigures)
  const groups = new Map<
    string,
    {
      key: string
      archival: boolean
      title: string
      texts: Set<string>
      figures: Array<{ figure: SourcedFigure; folio?: string }>
    }
  >()
  for (const figure of figures) {
    const seen = new Set<string>()
    for (const citation of figure.citations) {
      const key = Citation.fileKey(citation)
      let group = groups.get(key)
      if (group === undefined) {
        group = {
          key,
          archival: citation.delo !== undefined,
          title: citation.delo !== undefined ? fileTitle(citation) : citation.text,
          texts: new Set(),
          figures: [],
        }
        groups.set(key, group)
      }
      group.texts.add(citation.text)
      const entryKey = `${citation.folio ?? ''}`
      if (seen.has(`${key}\u0000${entryKey}`)) continue
      seen.add(`${key}\u0000${entryKey}`)
      group.figures.push({ figure, ...(citation.folio !== undefined ? { folio: citation.folio } : {}) })
    }
  }
  const list = [...groups.values()]
    .sort((a, b) => Number(b.archival) - Number(a.archival) || compareText(a.key, b.key))
    .map((group) => ({
      key: group.key,
      archival: group.archival,
      title: group.title,
      texts: [...group.texts].sort(),
      figures: group.figures,
    }))
  return {
    kind: 'sources',
    options,
    groups: list,
    estimated: figures.filter((figure) => figure.estimated),
    unsourced: figures.filter((figure) => figure.citations.length === 0 && figure.kind !== 'expectation'),
  }
}

// -------------------------------------------------------------------------------------
// renderers
// -------------------------------------------------------------------------------------

const exactLookup: CommodityLookup = (symbol) =>
  Commodity.goods(symbol, undefined, { side: 'right', spaced: true, decimalMark: '.', precision: 0 })

/**
 * A figure value as text: amounts in their commodity display style, percentages and numbers as exact decimals, never
 * rounded.
 */
export const showValue = (value: FigureValue, lookup: CommodityLookup): string => {
  switch (value._tag) {
    case 'Amount':
      return Commodity.format(value.quantity, lookup(value.commodity))
    case 'Percent':
      return `${Quantity.toString(value.percent)} %`
    case 'Number':
      return Quantity.toString(value.value)
    case 'Text':
      return value.text
  }
}

const figureCells = (figure: SourcedFigure, lookup: CommodityLookup): ReadonlyArray<Cell> => [
  text(`${figure.file}:${figure.line}`),
  text(figure.kind),
  text(figure.when),
  text(figure.entities.join(' ')),
  text(figure.what),
  text(`${figure.estimated ? '~' : ''}${figure.values.map((value) => showValue(value, lookup)).join(', ')}`),
]

/** The grid: one row per figure under each source, then the estimated and the unsourced figures. */
export const toGrid = (report: SourcesReport, lookup: CommodityLookup = exactLookup): Grid => {
  const grid = gridBuilder()
  const line = (source: string, folio: string, figure: SourcedFigure): void =>
    grid.push([text(source), text(folio), ...figureCells(figure, lookup), text(figure.assumption ?? '')])
  for (const group of report.groups) {
    grid.section()
    for (const { figure, folio } of group.figures) line(group.title, folio ?? '', figure)
  }
  for (const [label, figures] of [
    ['(estimated)', report.estimated],
    ['(no source)', report.unsourced],
  ] as const) {
    if (figures.length > 0) grid.section()
    for (const figure of figures) line(label, '', figure)
  }
  return grid.grid([
    keyColumn('source'),
    ...['folio', 'where', 'kind', 'when', 'entity', 'figure', 'value', 'assumption'].map(textColumn),
  ])
}

/** The sources report as text: one line per source, a summary line, then an aligned table of the figures. */
export const renderTable = (report: SourcesReport, ledger: Ledger.Ledger): string => {
  const lookup = lookupOf(ledger)
  const head = report.groups.map(
    (group) =>
      `${group.title}: ${group.figures.length} figure${group.figures.length === 1 ? '' : 's'}` +
      `${group.archival ? ` (cited as ${group.texts.join(' | ')})` : ''}`,
  )
  const summary =
    `${report.groups.filter((group) => group.archival).length} archival files, ` +
    `${report.groups.filter((group) => !group.archival).length} other sources; ` +
    `${report.estimated.length} estimated figures, ${report.unsourced.length} without a source`
  return `${[...head, summary].join('\n')}\n\n${renderGridTable(toGrid(report, lookup), lookup)}`
}

/** CSV: one row per figure and source (exact values), then the estimated and unsourced figures. */
export const renderCsv = (report: SourcesReport): string => renderGridCsv(toGrid(report))

const FigureValueJson = t.union([
  t.readonly(t.type({ _tag: t.literal('Amount'), commodity: t.string, quantity: t.string })),
  t.readonly(t.type({ _tag: t.literal('Percent'), percent: t.string })),
  t.readonly(t.type({ _tag: t.literal('Number'), value: t.string })),
  t.readonly(t.type({ _tag: t.literal('Text'), text: t.string })),
])

const FigureJson = t.readonly(
  t.type({
    kind: t.union([
      t.literal('transaction'),
      t.literal('operation'),
      t.literal('plan'),
      t.literal('reported'),
      t.literal('expectation'),
    ]),
    file: t.string,
    line: t.number,
    when: t.string,
    entities: t.readonlyArray(t.string),
    what: t.string,
    values: t.readonlyArray(FigureValueJson),
    estimated: t.boolean,
    citations: t.readonlyArray(t.string),
    assumption: t.union([t.string, t.null]),
  }),
)

/** The JSON form: groups by archival file with their figures, then the estimated and unsourced figures. */
export const SourcesJson = t.readonly(
  t.type({
    version: t.literal(1),
    kind: t.literal('sources'),
    options: OptionsJson,
    groups: t.readonlyArray(
      t.readonly(
        t.type({
          key: t.string,
          archival: t.boolean,
          title: t.string,
          texts: t.readonlyArray(t.string),
          figures: t.readonlyArray(t.readonly(t.type({ folio: t.union([t.string, t.null]), figure: FigureJson }))),
        }),
      ),
    ),
    estimated: t.readonlyArray(FigureJson),
    unsourced: t.readonlyArray(FigureJson),
  }),
)
/** The JSON form of the sources report; decimals are exact strings. */
export type SourcesJson = t.TypeOf<typeof SourcesJson>

const valueJson = (value: FigureValue): t.TypeOf<typeof FigureValueJson> => {
  switch (value._tag) {
    case 'Amount':
      return { _tag: 'Amount', commodity: value.commodity, quantity: Quantity.toString(value.quantity) }
    case 'Percent':
      return { _tag: 'Percent', percent: Quantity.toString(value.percent) }
    case 'Number':
      return { _tag: 'Number', value: Quantity.toString(value.value) }
    case 'Text':
      return { _tag: 'Text', text: value.text }
  }
}

const figureJson = (figure: SourcedFigure): t.TypeOf<typeof FigureJson> => ({
  kind: figure.kind,
  file: figure.file,
  line: figure.line,
  when: figure.when,
  entities: [...figure.entities],
  what: figure.what,
  values: figure.values.map(valueJson),
  estimated: figure.estimated,
  citations: figure.citations.map((citation) => citation.text),
  assumption: figure.assumption ?? null,
})

/** The sources report as JSON (version 1), every value exact. */
export const toJson = (report: SourcesReport): SourcesJson => ({
  version: 1,
  kind: 'sources',
  options: optionsJson(report.options),
  groups: report.groups.map((group) => ({
    key: group.key,
    archival: group.archival,
    title: group.title,
    texts: [...group.texts],
    figures: group.figures.map((entry) => ({ folio: entry.folio ?? null, figure: figureJson(entry.figure) })),
  })),
  estimated: report.estimated.map(figureJson),
  unsourced: report.unsourced.map(figureJson),
})
