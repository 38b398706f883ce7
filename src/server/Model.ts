/**
 * What the pages show, computed from one load of the journal: the findings ranked, the account
 * tree in both books, registers, the journal paged and filtered, context pages, charts and
 * sources. A `Model` is immutable; a reload builds a new one. Every answer is plain JSON of a
 * codec in Api.ts. Work per request is at most one pass over the transactions.
 */
import { relative } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import {
  AccountName,
  Amount,
  type Commodity,
  Ledger,
  Period,
  type Posting,
  Quantity,
  type Transaction,
} from '../core/index.js'
import { Books } from '../domain/index.js'
import * as Diagnostic from '../load/Diagnostic.js'
import type * as Load from '../load/Load.js'
import {
  builtInRules,
  type Finding,
  findingToJson,
  type ReconcileResult,
  reconcile,
  renderError,
  severityRank,
} from '../reconcile/index.js'
import * as ChartData from '../reports/ChartData.js'
import { type ChartKind, chartOf, withoutTitle } from '../reports/ChartSvg.js'
import * as Sources from '../reports/Sources.js'
import type * as Api from './Api.js'
import { divergenceOverTime } from './DivergenceChart.js'
import * as Query from './Query.js'

type Mixed = Map<Commodity.CommoditySymbol, Quantity.Quantity>

/** The charts the app shows, in page order. */
export const chartKindsShown: ReadonlyArray<ChartKind> = [
  'divergence',
  'wip',
  'working-capital',
  'plan-fulfilment',
  'payroll',
  'ageing',
]

/** A load of the journal: what succeeded (or the failure), the findings, and the display root. */
export interface Model {
  readonly journal: string
  /** The journal's directory: files are shown relative to it; only loaded files are served. */
  readonly root: string
  readonly generation: number
  readonly loadedAt: string
  readonly loaded?: Load.Loaded
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic>
  readonly sources: ReadonlyMap<string, string>
  readonly result?: ReconcileResult
  /** Findings ranked: most serious first, then the largest money gap, then by date. */
  readonly ranked: ReadonlyArray<Finding>
  readonly reconcileError?: string
}

const lastDate = (loaded: Load.Loaded): string => {
  let last = '0001-01-01'
  for (const transaction of Ledger.transactions(loaded.ledger)) if (transaction.date > last) last = transaction.date
  for (const applied of Books.history(loaded.books)) if (applied.operation.date > last) last = applied.operation.date
  for (const figure of loaded.reported) {
    const end = Period.lastDay(figure.period)
    if (end > last) last = end
  }
  return last
}

const gapOf = (finding: Finding): Quantity.Quantity =>
  finding.moneyGap === undefined ? Quantity.zero : Quantity.abs(finding.moneyGap.quantity)

const rankFindings = (findings: ReadonlyArray<Finding>): ReadonlyArray<Finding> =>
  [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Quantity.compare(gapOf(b), gapOf(a)) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  )

/** Builds the model of a load: runs the built-in rules over a loaded journal. */
export const build = (
  journal: string,
  root: string,
  generation: number,
  loadedAt: string,
  load: E.Either<Load.LoadFailure, Load.Loaded>,
): Model => {
  if (E.isLeft(load))
    return {
      journal,
      root,
      generation,
      loadedAt,
      diagnostics: load.left.diagnostics,
      sources: load.left.sources,
      ranked: [],
    }
  const loaded = load.right
  const result = reconcile(
    { books: loaded.books, reported: loaded.reported, settings: loaded.settings, asOf: lastDate(loaded) as never },
    builtInRules,
  )
  const base = { journal, root, generation, loadedAt, loaded, diagnostics: loaded.warnings, sources: loaded.sources }
  if (E.isLeft(result)) return { ...base, ranked: [], reconcileError: renderError(result.left) }
  return { ...base, result: result.right, ranked: rankFindings(result.right.findings) }
}

// -------------------------------------------------------------------------------------
// shared pieces

/** A file as the pages show it: relative to the journal's directory. */
export const display = (model: Model, file: string): string => {
  const shown = relative(model.root, file)
  return shown === '' || shown.startsWith('..') ? file : shown
}

const location = (model: Model, span: { readonly file: string; readonly line: number; readonly endLine: number }) => ({
  file: display(model, span.file),
  line: span.line,
  endLine: Math.max(span.line, span.endLine),
})

const amountJson = (amount: Amount.Amount | undefined) =>
  amount === undefined ? null : { commodity: amount.commodity, quantity: Quantity.toString(amount.quantity) }

const postingJson = (posting: Posting.Posting): Api.PostingJson => ({
  account: posting.account,
  entity: posting.entity ?? null,
  money: amountJson(posting.money),
  goods: amountJson(posting.goods),
  estimated: posting.estimated,
})

const transactionJson = (model: Model, transaction: Transaction.Transaction): Api.TransactionJson => ({
  index: transaction.index,
  date: transaction.date,
  description: transaction.description,
  estimated: transaction.estimated,
  location: location(model, transaction.span),
  postings: transaction.postings.map(postingJson),
})

const mixedJson = (mixed: Amount.MixedAmount) =>
  Amount.entries(mixed).map((amount) => ({ commodity: amount.commodity, quantity: Quantity.toString(amount.quantity) }))

const bothJson = (money: Amount.MixedAmount, goods: Amount.MixedAmount): Api.BothBooks => ({
  money: mixedJson(money),
  goods: mixedJson(goods),
})

const transactions = (model: Model): ReadonlyArray<Transaction.Transaction> =>
  model.loaded === undefined ? [] : Ledger.transactions(model.loaded.ledger)

const clampPage = (offset: number, limit: number): { readonly offset: number; readonly limit: number } => ({
  offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
  limit: Number.isSafeInteger(limit) && limit > 0 ? Math.min(limit, 500) : 100,
})

// -------------------------------------------------------------------------------------
// status and findings

const statuses = new WeakMap<Model, Api.Status>()

/** `/api/status` (computed once per load). */
export const status = (model: Model): Api.Status => {
  const known = statuses.get(model)
  if (known !== undefined) return known
  const computed = computeStatus(model)
  statuses.set(model, computed)
  return computed
}

const computeStatus = (model: Model): Api.Status => {
  const entities = new Set<string>()
  for (const finding of model.ranked) if (finding.entity !== undefined) entities.add(finding.entity)
  const diagnostics = model.diagnostics.map((diagnostic) => ({
    severity: diagnostic.severity,
    // The API carries diagnostics' tags and the reconciliation's own tag as one string field.
    tag: diagnostic.tag as string,
    message: diagnostic.message,
    location: diagnostic.span === undefined ? null : location(model, diagnostic.span),
    rendered: Diagnostic.render(diagnostic, model.sources),
  }))
  if (model.reconcileError !== undefined)
    diagnostics.push({
      severity: 'error',
      tag: 'ReconcileError',
      message: model.reconcileError,
      location: null,
      rendered: model.reconcileError,
    })
  return {
    journal: display(model, model.journal),
    generation: model.generation,
    loadedAt: model.loadedAt,
    ok: model.loaded !== undefined && model.reconcileError === undefined,
    files: model.sources.size,
    transactions: transactions(model).length,
    operations: model.loaded === undefined ? 0 : Books.history(model.loaded.books).length,
    findings: model.ranked.length,
    asOf: model.result?.asOf ?? null,
    entities: [...entities].sort(),
    rules: [...new Set(model.ranked.map((finding) => finding.rule))].sort(),
    diagnostics,
  }
}

/** What the findings list is filtered by (each optional; `verdict` is `certain` or `possible`). */
export interface FindingFilter {
  readonly entity?: string
  readonly period?: string
  readonly rule?: string
  readonly severity?: string
  readonly verdict?: string
}

/**
 * A finding's verdict: `certain` when every figure it rests on is exact, `possible` when one is
 * approximate (the finding may not hold over the whole range of the estimate).
 */
export const verdictOf = (finding: Finding): 'certain' | 'possible' => (finding.estimated ? 'possible' : 'certain')

const findingMatches = (filter: FindingFilter, finding: Finding): boolean =>
  (filter.entity === undefined || finding.entity === filter.entity) &&
  (filter.period === undefined || finding.period?.label === filter.period || finding.date.startsWith(filter.period)) &&
  (filter.rule === undefined || finding.rule === filter.rule) &&
  (filter.severity === undefined || finding.severity === filter.severity) &&
  (filter.verdict === undefined || verdictOf(finding) === filter.verdict)

/** `/api/findings`. */
export const findings = (model: Model, filter: FindingFilter, offset: number, limit: number): Api.Findings => {
  const page = clampPage(offset, limit)
  const matched = model.ranked.flatMap((finding, id) => (findingMatches(filter, finding) ? [{ id, finding }] : []))
  const sorted = (values: Iterable<string | undefined>): string[] =>
    [...new Set([...values].filter((value): value is string => value !== undefined))].sort()
  return {
    total: model.ranked.length,
    matched: matched.length,
    offset: page.offset,
    items: matched
      .slice(page.offset, page.offset + page.limit)
      .map(({ id, finding }) => ranked(model, id, finding, listEvidence)),
    facets: {
      entities: sorted(model.ranked.map((finding) => finding.entity)),
      periods: sorted(model.ranked.map((finding) => finding.period?.label)),
      rules: sorted(model.ranked.map((finding) => finding.rule)),
      severities: ['critical', 'warn', 'info'].filter((severity) =>
        model.ranked.some((finding) => finding.severity === severity),
      ),
    },
  }
}

/**
 * A finding as JSON, its evidence files shown relative to the journal's directory, and its lists
 * (evidence, accounts, documents, lots, measures) cut to the first `max` entries: a rule over a
 * large journal may cite thousands. `totals` says how many each list has.
 */
const ranked = (model: Model, id: number, value: Finding, max: number): Api.RankedFinding => {
  const encoded = findingToJson({
    ...value,
    evidence: value.evidence.slice(0, max),
    accounts: value.accounts.slice(0, max),
    documents: value.documents.slice(0, max),
    lots: value.lots.slice(0, max),
    measures: value.measures.slice(0, max),
  })
  return {
    id,
    totals: {
      evidence: value.evidence.length,
      accounts: value.accounts.length,
      documents: value.documents.length,
      lots: value.lots.length,
      measures: value.measures.length,
    },
    finding: {
      ...encoded,
      evidence: encoded.evidence.map((evidence) => ({ ...evidence, file: display(model, evidence.file) })),
    },
  }
}

/** How many entries of each list a list row carries, and a finding's own page. */
const listEvidence = 3
const pageEvidence = 1000

const overlaps = (
  a: { readonly file: string; readonly line: number; readonly endLine: number },
  b: { readonly file: string; readonly line: number; readonly endLine: number },
): boolean => a.file === b.file && a.line <= Math.max(b.line, b.endLine) && b.line <= Math.max(a.line, a.endLine)

/** `/api/finding/:id`: the finding with the transactions its evidence points at (one pass, by line). */
export const finding = (model: Model, id: number): Api.FindingDetail | undefined => {
  const found = model.ranked[id]
  if (found === undefined) return undefined
  const lines = new Set<string>()
  for (const evidence of found.evidence.slice(0, pageEvidence)) {
    for (
      let line = evidence.line;
      line <= Math.min(Math.max(evidence.line, evidence.endLine), evidence.line + 200);
      line += 1
    )
      lines.add(`${line}\u0000${evidence.file}`)
  }
  const cited: Transaction.Transaction[] = []
  for (const transaction of transactions(model)) {
    if (cited.length >= 200) break
    const { file, line, endLine } = transaction.span
    for (let at = line; at <= Math.max(line, endLine); at += 1) {
      if (lines.has(`${at}\u0000${file}`)) {
        cited.push(transaction)
        break
      }
    }
  }
  return {
    ...ranked(model, id, found, pageEvidence),
    transactions: cited.map((transaction) => transactionJson(model, transaction)),
  }
}

// -------------------------------------------------------------------------------------
// sources and journal

/** The loaded file shown as `file` (relative to the root), if any: nothing else is ever read. */
const sourceFile = (model: Model, file: string): [string, string] | undefined => {
  for (const [path, text] of model.sources) if (display(model, path) === file || path === file) return [path, text]
  return undefined
}

/** `/api/source`: the lines `line..endLine` of a loaded file with `context` lines around them. */
export const source = (
  model: Model,
  file: string,
  line: number,
  endLine: number,
  context = 12,
): Api.Source | undefined => {
  const found = sourceFile(model, file)
  if (found === undefined) return undefined
  const lines = found[1].split(/\r?\n/u)
  const from = Math.max(1, (Number.isSafeInteger(line) ? line : 1) - context)
  const last = Math.min(lines.length, Math.max(line, endLine) + context)
  return {
    file: display(model, found[0]),
    first: from,
    line,
    endLine: Math.max(line, endLine),
    lines: lines.slice(from - 1, last),
    totalLines: lines.length,
  }
}

/** `/api/journal`: the transactions a query matches, paged. */
export const journal = (model: Model, text: string, offset: number, limit: number): Api.Journal => {
  const page = clampPage(offset, limit)
  const query = Query.parse(text)
  if (E.isLeft(query))
    return { query: text, error: Query.renderError(query.left), matched: 0, offset: page.offset, items: [] }
  const items: Api.TransactionJson[] = []
  let matched = 0
  for (const transaction of transactions(model)) {
    if (!Query.matches(query.right, transaction)) continue
    if (matched >= page.offset && items.length < page.limit) items.push(transactionJson(model, transaction))
    matched += 1
  }
  return { query: text, error: null, matched, offset: page.offset, items }
}

// -------------------------------------------------------------------------------------
// accounts and registers

/** `/api/accounts`: every account with its own and subtree balances in both books, tree order. */
export const accounts = (model: Model, entity?: string): Api.Accounts => {
  const own = new Map<AccountName.AccountName, { money: Mixed; goods: Mixed; entity?: string }>()
  const entities = new Set<string>()
  const slot = (account: AccountName.AccountName) => {
    let found = own.get(account)
    if (found === undefined) {
      found = { money: new Map(), goods: new Map() }
      own.set(account, found)
    }
    return found
  }
  for (const transaction of transactions(model)) {
    for (const posting of transaction.postings) {
      if (posting.entity !== undefined) entities.add(posting.entity)
      if (entity !== undefined && posting.entity !== entity) continue
      const target = slot(posting.account)
      if (posting.entity !== undefined) target.entity = posting.entity
      if (posting.money !== undefined) Amount.accumulate(target.money, posting.money.commodity, posting.money.quantity)
      if (posting.goods !== undefined) Amount.accumulate(target.goods, posting.goods.commodity, posting.goods.quantity)
    }
  }
  const total = new Map<string, { money: Mixed; goods: Mixed }>()
  for (const [account, balances] of own) {
    for (const name of [account, ...AccountName.ancestors(account)]) {
      let target = total.get(name)
      if (target === undefined) {
        target = { money: new Map(), goods: new Map() }
        total.set(name, target)
      }
      for (const [commodity, quantity] of balances.money) Amount.accumulate(target.money, commodity, quantity)
      for (const [commodity, quantity] of balances.goods) Amount.accumulate(target.goods, commodity, quantity)
    }
  }
  const none: Mixed = new Map()
  const rows = [...total.keys()].sort().map((account) => {
    const mine = own.get(account as AccountName.AccountName)
    const sum = total.get(account) as { money: Mixed; goods: Mixed }
    return {
      account,
      depth: account.split(':').length - 1,
      entity: mine?.entity ?? null,
      own: bothJson(mine?.money ?? none, mine?.goods ?? none),
      total: bothJson(sum.money, sum.goods),
    }
  })
  return { entities: [...entities].sort(), rows }
}

/**
 * `/api/register`: the postings in an account's subtree (and matching a query), with running balances in both books.
 */
export const register = (model: Model, account: string, text: string, offset: number, limit: number): Api.Register => {
  const page = clampPage(offset, limit)
  const query = Query.parse(text)
  const money = new Map() as Mixed
  const goods = new Map() as Mixed
  const rows: Api.Register['rows'][number][] = []
  let matched = 0
  for (const transaction of transactions(model)) {
    if (E.isRight(query) && !Query.matches(query.right, transaction)) continue
    for (const posting of transaction.postings) {
      if (!AccountName.isWithin(posting.account, account as AccountName.AccountName)) continue
      if (posting.money !== undefined) Amount.accumulate(money, posting.money.commodity, posting.money.quantity)
      if (posting.goods !== undefined) Amount.accumulate(goods, posting.goods.commodity, posting.goods.quantity)
      if (matched >= page.offset && rows.length < page.limit) {
        rows.push({
          transaction: transaction.index,
          date: transaction.date,
          description: transaction.description,
          posting: postingJson(posting),
          balance: bothJson(money, goods),
        })
      }
      matched += 1
    }
  }
  return { account, matched, offset: page.offset, rows }
}

// -------------------------------------------------------------------------------------
// context

const linesOf = (
  model: Model,
  span: { readonly file: string; readonly line: number; readonly endLine: number },
): ReadonlyArray<string> => {
  const text = model.sources.get(span.file)
  if (text === undefined || span.line < 1) return []
  return text.split(/\r?\n/u).slice(span.line - 1, Math.max(span.line, span.endLine))
}

/**
 * `/api/context`: a transaction (`tx`) or an operation (`op`) with its source, balances before and after, documents and
 * findings.
 */
export const context = (model: Model, kind: 'transaction' | 'operation', index: number): Api.Context | undefined => {
  if (model.loaded === undefined) return undefined
  const all = transactions(model)
  const history = Books.history(model.loaded.books)
  const operation = kind === 'operation' ? history[index] : undefined
  if (kind === 'operation' && operation === undefined) return undefined
  const transactionIndex = kind === 'transaction' ? index : operation?.transaction
  const transaction = transactionIndex === undefined ? undefined : all[transactionIndex]
  if (kind === 'transaction' && transaction === undefined) return undefined
  const span = operation?.span ?? (transaction as Transaction.Transaction).span
  const operations = history.filter(
    (applied) => (transaction !== undefined && applied.transaction === transaction.index) || applied === operation,
  )
  const documentIds = [...new Set(operations.flatMap((applied) => applied.documents))]
  const documents = documentIds.flatMap((id) => {
    const document = Books.documentOf((model.loaded as Load.Loaded).books, id)
    return document === undefined ? [] : [{ id, kind: document.kind, status: Books.statusOf(document) }]
  })
  const balances: Api.Context['balances'][number][] = []
  if (transaction !== undefined) {
    const accountsHere = [...new Set(transaction.postings.map((posting) => posting.account))]
    const before = new Map(
      accountsHere.map((account) => [account, { money: new Map() as Mixed, goods: new Map() as Mixed }]),
    )
    for (const earlier of all) {
      if (earlier.index >= transaction.index) break
      for (const posting of earlier.postings) {
        const target = before.get(posting.account)
        if (target === undefined) continue
        if (posting.money !== undefined)
          Amount.accumulate(target.money, posting.money.commodity, posting.money.quantity)
        if (posting.goods !== undefined)
          Amount.accumulate(target.goods, posting.goods.commodity, posting.goods.quantity)
      }
    }
    for (const account of accountsHere) {
      const was = before.get(account) as { money: Mixed; goods: Mixed }
      const money = new Map(was.money)
      const goods = new Map(was.goods)
      for (const posting of transaction.postings) {
        if (posting.account !== account) continue
        if (posting.money !== undefined) Amount.accumulate(money, posting.money.commodity, posting.money.quantity)
        if (posting.goods !== undefined) Amount.accumulate(goods, posting.goods.commodity, posting.goods.quantity)
      }
      balances.push({ account, before: bothJson(was.money, was.goods), after: bothJson(money, goods) })
    }
  }
  const spans = [
    span,
    ...(transaction === undefined ? [] : [transaction.span]),
    ...operations.map((applied) => applied.span),
  ]
  const citing = model.ranked.flatMap((candidate, id) =>
    candidate.evidence.some((evidence) => spans.some((other) => overlaps(evidence, other))) ||
    documentIds.some((document) => candidate.documents.includes(document))
      ? [ranked(model, id, candidate, listEvidence)]
      : [],
  )
  return {
    kind,
    index,
    title: operation !== undefined ? operation.operation._tag : (transaction as Transaction.Transaction).description,
    date: operation?.operation.date ?? (transaction as Transaction.Transaction).date,
    location: location(model, span),
    written: linesOf(model, span),
    transaction: transaction === undefined ? null : transactionJson(model, transaction),
    operations: operations.map((applied) => ({
      index: applied.index,
      name: applied.operation._tag,
      location: location(model, applied.span),
    })),
    balances,
    documents,
    findings: citing,
  }
}

// -------------------------------------------------------------------------------------
// charts and sources

/** `/api/charts`: each chart's vega-lite specification with its data inline, and its exact table. */
export const charts = (model: Model): Api.Charts => {
  if (model.loaded === undefined || model.result === undefined) return { charts: [] }
  const data = ChartData.build({ books: model.loaded.books, reported: model.loaded.reported, asOf: model.result.asOf })
  const overTime = divergenceOverTime(model.loaded)
  return {
    charts: [
      ...(overTime === undefined ? [] : [overTime]),
      ...chartKindsShown.map((kind) => {
        const view = chartOf(kind, data)
        return {
          kind,
          title: view.title,
          description: view.description,
          spec: withoutTitle(view.spec),
          table: view.table,
          empty: view.empty,
        }
      }),
    ],
  }
}

/** `/api/sources`: which figures rest on which archival file, estimated and unsourced figures. */
export const sources = (model: Model): Api.Sources | undefined =>
  model.loaded === undefined ? undefined : Sources.toJson(Sources.build(model.loaded, { root: model.root }))
