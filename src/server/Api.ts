/**
 * The JSON API of the web app, as io-ts codecs: every response the server sends is the output of
 * one of these (findings use the library's own `FindingCodec`, reports their report codecs).
 * Decimals are exact strings in the journal's syntax; files are shown relative to the journal's
 * directory. docs/SERVER.md documents each route.
 */
import * as t from 'io-ts'
import { FindingCodec } from '../reconcile/index.js'
import { SourcesJson } from '../reports/Sources.js'

const AmountJson = t.readonly(t.type({ commodity: t.string, quantity: t.string }))
const Location = t.readonly(t.type({ file: t.string, line: t.number, endLine: t.number }))

/** `GET /api/status`: what is loaded, the generation (bumped on every reload) and the load's errors and warnings. */
export const Status = t.readonly(
  t.type({
    journal: t.string,
    generation: t.number,
    loadedAt: t.string,
    ok: t.boolean,
    files: t.number,
    transactions: t.number,
    operations: t.number,
    findings: t.number,
    asOf: t.union([t.string, t.null]),
    entities: t.readonlyArray(t.string),
    rules: t.readonlyArray(t.string),
    diagnostics: t.readonlyArray(
      t.readonly(
        t.type({
          severity: t.keyof({ error: null, warning: null }),
          tag: t.string,
          message: t.string,
          location: t.union([Location, t.null]),
          rendered: t.string,
        }),
      ),
    ),
  }),
)

/** How many entries a finding's lists have (the JSON carries the first few in lists, up to 1000 on its page). */
export const Totals = t.readonly(
  t.type({ evidence: t.number, accounts: t.number, documents: t.number, lots: t.number, measures: t.number }),
)

/**
 * One finding as a list shows it: its id (rank), the library's finding JSON with its lists cut, and their full lengths.
 */
export const RankedFinding = t.readonly(t.type({ id: t.number, finding: FindingCodec, totals: Totals }))

/** `GET /api/findings?entity=&period=&rule=&severity=&verdict=&offset=&limit=`. */
export const Findings = t.readonly(
  t.type({
    total: t.number,
    matched: t.number,
    offset: t.number,
    items: t.readonlyArray(RankedFinding),
    facets: t.readonly(
      t.type({
        entities: t.readonlyArray(t.string),
        periods: t.readonlyArray(t.string),
        rules: t.readonlyArray(t.string),
        severities: t.readonlyArray(t.string),
      }),
    ),
  }),
)

/** A posting in a transaction or register row. */
export const PostingJson = t.readonly(
  t.type({
    account: t.string,
    entity: t.union([t.string, t.null]),
    money: t.union([AmountJson, t.null]),
    goods: t.union([AmountJson, t.null]),
    estimated: t.boolean,
  }),
)

/**
 * A transaction in a list: its index (the id of its context page), date, description, postings, where it was written.
 */
export const TransactionJson = t.readonly(
  t.type({
    index: t.number,
    date: t.string,
    description: t.string,
    estimated: t.boolean,
    location: Location,
    postings: t.readonlyArray(PostingJson),
  }),
)

/**
 * `GET /api/finding/:id`: the finding (lists up to 1000 entries, `totals` says how many in all) and the transactions
 * its evidence points at (up to 200).
 */
export const FindingDetail = t.readonly(
  t.type({ id: t.number, finding: FindingCodec, totals: Totals, transactions: t.readonlyArray(TransactionJson) }),
)

/** `GET /api/source?file=&line=&endLine=`: lines of a loaded file around a range (1-based numbers). */
export const Source = t.readonly(
  t.type({
    file: t.string,
    first: t.number,
    line: t.number,
    endLine: t.number,
    lines: t.readonlyArray(t.string),
    totalLines: t.number,
  }),
)

/** `GET /api/journal?q=&offset=&limit=`: transactions matching a query, in ledger order, paged. */
export const Journal = t.readonly(
  t.type({
    query: t.string,
    error: t.union([t.string, t.null]),
    matched: t.number,
    offset: t.number,
    items: t.readonlyArray(TransactionJson),
  }),
)

/** A balance in both books: money amounts and goods quantities by commodity. */
export const BothBooks = t.readonly(t.type({ money: t.readonlyArray(AmountJson), goods: t.readonlyArray(AmountJson) }))

/** `GET /api/accounts?entity=`: the account tree (subtree balances, both books side by side). */
export const Accounts = t.readonly(
  t.type({
    entities: t.readonlyArray(t.string),
    rows: t.readonlyArray(
      t.readonly(
        t.type({
          account: t.string,
          depth: t.number,
          entity: t.union([t.string, t.null]),
          own: BothBooks,
          total: BothBooks,
        }),
      ),
    ),
  }),
)

/**
 * `GET /api/register?account=&q=&offset=&limit=`: an account's postings (subtree) with running balances in both books.
 */
export const Register = t.readonly(
  t.type({
    account: t.string,
    matched: t.number,
    offset: t.number,
    rows: t.readonlyArray(
      t.readonly(
        t.type({
          transaction: t.number,
          date: t.string,
          description: t.string,
          posting: PostingJson,
          balance: BothBooks,
        }),
      ),
    ),
  }),
)

/** `GET /api/context?tx=N` or `?op=N`: one transaction or operation in context. */
export const Context = t.readonly(
  t.type({
    kind: t.keyof({ transaction: null, operation: null }),
    index: t.number,
    title: t.string,
    date: t.string,
    location: Location,
    written: t.readonlyArray(t.string),
    transaction: t.union([TransactionJson, t.null]),
    operations: t.readonlyArray(t.readonly(t.type({ index: t.number, name: t.string, location: Location }))),
    balances: t.readonlyArray(t.readonly(t.type({ account: t.string, before: BothBooks, after: BothBooks }))),
    documents: t.readonlyArray(t.readonly(t.type({ id: t.string, kind: t.string, status: t.string }))),
    findings: t.readonlyArray(RankedFinding),
  }),
)

/** An exact table under a chart. */
export const DataTable = t.readonly(
  t.type({
    headers: t.readonlyArray(t.string),
    numeric: t.readonlyArray(t.boolean),
    rows: t.readonlyArray(t.readonlyArray(t.string)),
  }),
)

/**
 * `GET /api/charts`: the vega-lite specification of each chart (data inline), its title, description and exact table.
 */
export const Charts = t.readonly(
  t.type({
    charts: t.readonlyArray(
      t.readonly(
        t.type({
          kind: t.string,
          title: t.string,
          description: t.string,
          spec: t.unknown,
          table: DataTable,
          empty: t.boolean,
        }),
      ),
    ),
  }),
)

/** `GET /api/sources`: the sources report (the library's `SourcesJson`). */
export const Sources = SourcesJson

/** The value types of the codecs, for the front end (imported as types only). */
export type Status = t.TypeOf<typeof Status>
export type RankedFinding = t.OutputOf<typeof RankedFinding>
export type Findings = t.OutputOf<typeof Findings>
export type FindingDetail = t.OutputOf<typeof FindingDetail>
export type TransactionJson = t.TypeOf<typeof TransactionJson>
export type PostingJson = t.TypeOf<typeof PostingJson>
export type Source = t.TypeOf<typeof Source>
export type Journal = t.OutputOf<typeof Journal>
export type BothBooks = t.TypeOf<typeof BothBooks>
export type Accounts = t.TypeOf<typeof Accounts>
export type Register = t.TypeOf<typeof Register>
export type Context = t.OutputOf<typeof Context>
export type Charts = t.TypeOf<typeof Charts>
export type Sources = t.OutputOf<typeof Sources>
