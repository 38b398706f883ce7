/**
 * The JSON interchange document: a whole ledger (declarations, plain transactions, domain
 * operations, reported figures, rule settings, expectations) as one versioned JSON value, for
 * other tools to read and write.
 *
 * ```json
 * { "version": 1, "currency": "RUB",
 *   "declarations": { "entities": [...], "commodities": [...], "accounts": [...] },
 *   "entries": [ { "transaction": {...} },
 *                { "operation": {...}, "span": {...}, "citations": [], "estimated": false } ],
 *   "reported": [...], "settings": [...], "expectations": [...] }
 * ```
 *
 * Invariants of the form: decimals are strings in the journal's literal syntax (`"-1234.5"`),
 * never JSON numbers; dates are `YYYY-MM-DD`; periods are labels (`1936`, `1936-Q2`,
 * `1936-01-01..1936-07-01`); every entry keeps its source span and its citations. `entries` are
 * in posting order: importing applies them in that order (no re-sorting), so the balance
 * assertions, documents and plans come out as they were. Operations are the domain's
 * `OperationCodec` JSON. Posted amounts are written out in full; a posting whose amount was
 * inferred keeps `origin: "elided" | "assigned"`, and the importer lets the engine infer it again
 * (and checks that it gets the same amount).
 *
 * Not carried: the chart of account roles and the dated domain parameters (the importer uses
 * the defaults, as the journal loader does), display styles of undeclared commodities, and
 * root-name settings (pass `rootNames` to the importer).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import type * as AccountName from '../core/AccountName.js'
import type * as Citation from '../core/Citation.js'
import type * as Commodity from '../core/Commodity.js'
import type * as Entity from '../core/Entity.js'
import type * as Interval from '../core/Interval.js'
import * as Ledger from '../core/Ledger.js'
import * as Period from '../core/Period.js'
import type * as Posting from '../core/Posting.js'
import * as SourceSpan from '../core/SourceSpan.js'
import type * as Transaction from '../core/Transaction.js'
import * as Books from '../domain/Books.js'
import {
  AccountNameCodec,
  CommoditySymbolCodec,
  EntityNameCodec,
  LocalDateCodec,
  type Operation,
  OperationCodec,
  type OperationJson,
  PercentPointsCodec,
  QuantityCodec,
} from '../domain/Operation.js'
import type { Expectation, ReportedFigure, RuleSetting, StatementValue } from '../domain/Statements.js'

// -------------------------------------------------------------------------------------
// scalar codecs
// -------------------------------------------------------------------------------------

/** The version this module writes and reads. */
export const documentVersion = 1

const NaturalCodec = new t.Type<number, number, unknown>(
  'Natural',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, context) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0
      ? t.success(u)
      : t.failure(u, context, 'expected a whole number ≥ 0'),
  (n) => n,
)

/** A period as a label that parses back to the same dates (a custom label becomes `START..END`). */
export const PeriodLabelCodec = new t.Type<Period.Period, string, unknown>(
  'Period',
  (u): u is Period.Period => typeof u === 'object' && u !== null && 'start' in u && 'endExclusive' in u && 'label' in u,
  (u, context) =>
    pipe(
      t.string.validate(u, context),
      E.flatMap((text) => {
        const period = Period.fromString(text)
        return E.isRight(period)
          ? t.success(period.right)
          : t.failure<Period.Period>(u, context, `${JSON.stringify(text)} is not a period`)
      }),
    ),
  (period) => {
    const parsed = Period.fromString(period.label)
    return E.isRight(parsed) && parsed.right.start === period.start && parsed.right.endExclusive === period.endExclusive
      ? period.label
      : `${period.start}..${period.endExclusive}`
  },
)

const keyed = <A extends string>(values: ReadonlyArray<A>, name: string): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => typeof u === 'string' && (values as ReadonlyArray<string>).includes(u),
    (u, context) =>
      typeof u === 'string' && (values as ReadonlyArray<string>).includes(u)
        ? t.success(u as A)
        : t.failure(u, context, `expected one of ${values.join(', ')}`),
    (a) => a,
  )

/** `{ file, line, column, endLine }`, 1-based (0 for values built in code). */
export const SpanCodec = t.readonly(
  t.type({ file: t.string, line: NaturalCodec, column: NaturalCodec, endLine: NaturalCodec }),
  'Span',
)

/** Characters that would break a printed journal line (line breaks, other control characters). */
const lineBreaking = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/u
const breaksComment = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029]/u

/**
 * Text printed on one journal line (a description, a code, a tag, a citation): no line break or
 * other control character, so `import --print` cannot be made to print an extra line. A description
 * or code also may not hold `;` (it would start a comment when read back) nor a code `)`.
 */
const journalText = (name: string, forbidden: RegExp, rule: string): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && !forbidden.test(u),
    (u, context) =>
      typeof u !== 'string'
        ? t.failure(u, context, 'expected a string')
        : forbidden.test(u)
          ? t.failure(u, context, `expected ${rule}`)
          : t.success(u),
    t.identity,
  )
const LineTextCodec = journalText('LineText', lineBreaking, 'one line of text (no line break or control character)')
const DescriptionCodec = journalText(
  'Description',
  /[\u0000-\u001f\u007f\u0085\u2028\u2029;]/u,
  'one line of text without control characters or ";" (it would start a comment)',
)
const CodeCodec = journalText(
  'Code',
  /[\u0000-\u001f\u007f\u0085\u2028\u2029;()]/u,
  'one line of text without control characters, ";" or parentheses',
)
/** A comment: lines separated by `\n`, no other control character. */
const CommentCodec = journalText(
  'Comment',
  breaksComment,
  'lines of text separated by \\n (no other control character)',
)

/** An archival citation: the verbatim text and the parsed archive, fond, opis, delo, folio. */
export const CitationCodec = t.readonly(
  t.intersection([
    t.type({ text: LineTextCodec }),
    t.partial({
      archive: LineTextCodec,
      fond: LineTextCodec,
      opis: LineTextCodec,
      delo: LineTextCodec,
      folio: LineTextCodec,
    }),
  ]),
  'Citation',
)

/** A tag: `{ "name": "counterparty", "value": "abtu" }`. */
export const TagCodec = t.readonly(t.type({ name: LineTextCodec, value: LineTextCodec }), 'Tag')

/** `{ "quantity": "-1234.5", "commodity": "RUB" }`. */
export const AmountCodec = t.readonly(t.type({ quantity: QuantityCodec, commodity: CommoditySymbolCodec }), 'Amount')

const StatusCodec = keyed<Posting.Status>(['unmarked', 'pending', 'cleared'], 'Status')

// -------------------------------------------------------------------------------------
// declarations
// -------------------------------------------------------------------------------------

const SectorCodec = keyed<Entity.Sector>(['state', 'bank', 'cooperative', 'private', 'person', 'military'], 'Sector')
const AccountTypeCodec = keyed<AccountName.AccountType>(
  ['asset', 'liability', 'equity', 'income', 'expense'],
  'AccountType',
)

/** An entity declaration: name, citations, and optionally title, sector and span. */
export const EntityCodec = t.readonly(
  t.intersection([
    t.type({ name: EntityNameCodec, citations: t.readonlyArray(CitationCodec) }),
    t.partial({ title: LineTextCodec, sector: SectorCodec, span: SpanCodec }),
  ]),
  'Entity',
)

/** A commodity display style: symbol side and spacing, decimal mark, fraction digits and optional group mark. */
export const DisplayStyleCodec = t.readonly(
  t.intersection([
    t.type({
      side: t.keyof({ left: null, right: null }),
      spaced: t.boolean,
      decimalMark: t.keyof({ '.': null, ',': null }),
      precision: NaturalCodec,
    }),
    t.partial({ groupMark: t.keyof({ ',': null, '.': null, ' ': null, '\u00a0': null, "'": null, _: null }) }),
  ]),
  'DisplayStyle',
)

/** A commodity declaration: symbol, kind (`money` or `goods`), display style and optional unit. */
export const CommodityCodec = t.readonly(
  t.intersection([
    t.type({ symbol: CommoditySymbolCodec, kind: t.keyof({ money: null, goods: null }), style: DisplayStyleCodec }),
    t.partial({ unit: LineTextCodec }),
  ]),
  'Commodity',
)

/** An account declaration: name, tags, citations, and optionally type and span. */
export const AccountCodec = t.readonly(
  t.intersection([
    t.type({ name: AccountNameCodec, tags: t.readonlyArray(TagCodec), citations: t.readonlyArray(CitationCodec) }),
    t.partial({ type: AccountTypeCodec, span: SpanCodec }),
  ]),
  'AccountDeclaration',
)

/** The declarations of a document: entities, commodities and accounts, each a list. */
export const DeclarationsCodec = t.readonly(
  t.type({
    entities: t.readonlyArray(EntityCodec),
    commodities: t.readonlyArray(CommodityCodec),
    accounts: t.readonlyArray(AccountCodec),
  }),
  'Declarations',
)

// -------------------------------------------------------------------------------------
// entries
// -------------------------------------------------------------------------------------

/**
 * A balance assertion on a posting: the amount, whether it includes subaccounts (`=*`), whether it is
 * sole (`==`), and its span.
 */
export const AssertionCodec = t.readonly(
  t.intersection([
    t.type({ amount: AmountCodec, inclusive: t.boolean, sole: t.boolean }),
    t.partial({ span: SpanCodec }),
  ]),
  'BalanceAssertion',
)

/** A posted posting; `origin` says whether its money was written, elided or assigned. */
export const PostingCodec = t.readonly(
  t.intersection([
    t.type({
      account: AccountNameCodec,
      estimated: t.boolean,
      origin: t.keyof({ written: null, elided: null, assigned: null }),
      status: StatusCodec,
      citations: t.readonlyArray(CitationCodec),
      tags: t.readonlyArray(TagCodec),
    }),
    t.partial({
      money: AmountCodec,
      goods: AmountCodec,
      assertion: AssertionCodec,
      comment: CommentCodec,
      span: SpanCodec,
    }),
  ]),
  'Posting',
)

/**
 * A posted transaction with its postings in full, status, tags, citations, estimate flag and span, and
 * optionally date2, code, comment and origin.
 */
export const TransactionCodec = t.readonly(
  t.intersection([
    t.type({
      date: LocalDateCodec,
      status: StatusCodec,
      description: DescriptionCodec,
      postings: t.readonlyArray(PostingCodec),
      tags: t.readonlyArray(TagCodec),
      citations: t.readonlyArray(CitationCodec),
      estimated: t.boolean,
      span: SpanCodec,
    }),
    t.partial({
      date2: LocalDateCodec,
      code: CodeCodec,
      comment: CommentCodec,
      origin: t.readonly(t.intersection([t.type({ operation: t.string }), t.partial({ document: t.string })])),
    }),
  ]),
  'Transaction',
)

const operationCodecs = new Map<string, t.Mixed>(OperationCodec.types.map((codec) => [codec.name, codec]))

/**
 * The domain's `OperationCodec`, dispatched on `_tag`: an unknown tag is one clear error (not
 * one per variant), and encoding never depends on runtime guards.
 */
export const OperationByTagCodec = new t.Type<Operation, OperationJson, unknown>(
  'Operation',
  OperationCodec.is,
  (u, context) => {
    const tag = typeof u === 'object' && u !== null ? (u as { readonly _tag?: unknown })._tag : undefined
    const codec = typeof tag === 'string' ? operationCodecs.get(tag) : undefined
    if (codec === undefined)
      return t.failure(u, context, `expected an operation with _tag one of ${[...operationCodecs.keys()].join(', ')}`)
    return codec.validate(u, context) as t.Validation<Operation>
  },
  (operation) => {
    // A period built in code may carry a label that does not parse back: write its dates instead.
    const portable =
      operation._tag === 'SetPlan'
        ? { ...operation, period: { ...operation.period, label: PeriodLabelCodec.encode(operation.period) } }
        : operation
    return (operationCodecs.get(portable._tag)?.encode(portable) ?? OperationCodec.encode(portable)) as OperationJson
  },
)

/** A plain transaction (one written as postings). */
export const TransactionEntryCodec = t.readonly(t.type({ transaction: TransactionCodec }), 'TransactionEntry')

/**
 * A domain operation with its provenance; `description` is the description of the transaction it posted, when not the
 * default.
 */
export const OperationEntryCodec = t.readonly(
  t.intersection([
    t.type({
      operation: OperationByTagCodec,
      span: SpanCodec,
      citations: t.readonlyArray(CitationCodec),
      estimated: t.boolean,
    }),
    t.partial({ description: DescriptionCodec }),
  ]),
  'OperationEntry',
)

/** An entry: `{ transaction }` or `{ operation, span, citations, estimated }`, told apart by the `transaction` key. */
export const EntryCodec = new t.Type<
  t.TypeOf<typeof TransactionEntryCodec> | t.TypeOf<typeof OperationEntryCodec>,
  t.OutputOf<typeof TransactionEntryCodec> | t.OutputOf<typeof OperationEntryCodec>,
  unknown
>(
  'Entry',
  (u): u is t.TypeOf<typeof TransactionEntryCodec> | t.TypeOf<typeof OperationEntryCodec> =>
    TransactionEntryCodec.is(u) || OperationEntryCodec.is(u),
  (u, context) =>
    typeof u === 'object' && u !== null && 'transaction' in u
      ? TransactionEntryCodec.validate(u, context)
      : OperationEntryCodec.validate(u, context),
  (entry) => ('transaction' in entry ? TransactionEntryCodec.encode(entry) : OperationEntryCodec.encode(entry)),
)

// -------------------------------------------------------------------------------------
// statements
// -------------------------------------------------------------------------------------

const IntervalEndCodec = t.readonly(t.type({ value: QuantityCodec, closed: t.boolean }), 'IntervalEnd')

/** An exact interval: kind, optional ends (absent = unbounded), and the written centre of an approximate figure. */
export const IntervalCodec = t.readonly(
  t.intersection([
    t.type({ kind: keyed<Interval.Kind>(['exact', 'approximate', 'bound', 'range', 'unknown'], 'IntervalKind') }),
    t.partial({ low: IntervalEndCodec, high: IntervalEndCodec, center: QuantityCodec }),
  ]),
  'Interval',
)

/** A hedged figure: its interval, its unit, and the text as written. */
export const FigureCodec = t.readonly(
  t.type({
    interval: IntervalCodec,
    unit: t.union([
      t.readonly(t.type({ _tag: t.literal('Amount'), commodity: CommoditySymbolCodec, bracketed: t.boolean })),
      t.readonly(t.type({ _tag: t.literal('Percent') })),
      t.readonly(t.type({ _tag: t.literal('Number') })),
      t.readonly(t.type({ _tag: t.literal('Date') })),
    ]),
    written: t.string,
  }),
  'Figure',
)

/**
 * A statement value by `_tag`: `Amount`, `Percent` (a percentage, `"114"` = 114 %), `Number`, `Date`
 * or `Word`; decimals as strings.
 */
export const StatementValueCodec = t.union(
  [
    t.readonly(t.type({ _tag: t.literal('Amount'), amount: AmountCodec, estimated: t.boolean })),
    t.readonly(t.type({ _tag: t.literal('Percent'), percent: PercentPointsCodec, estimated: t.boolean })),
    t.readonly(t.type({ _tag: t.literal('Number'), value: QuantityCodec })),
    t.readonly(t.type({ _tag: t.literal('Date'), date: LocalDateCodec })),
    t.readonly(t.type({ _tag: t.literal('Word'), word: t.string })),
    t.readonly(t.type({ _tag: t.literal('Figure'), figure: FigureCodec })),
  ],
  'StatementValue',
)

/** A reported figure: period label, entity, metric, value, estimate flag, citations and span. */
export const ReportedFigureCodec = t.readonly(
  t.intersection([
    t.type({
      period: PeriodLabelCodec,
      entity: EntityNameCodec,
      metric: t.string,
      value: StatementValueCodec,
      estimated: t.boolean,
      citations: t.readonlyArray(CitationCodec),
      span: SpanCodec,
    }),
    t.partial({
      view: t.literal('found'),
      reason: t.string,
      provenance: t.union([
        t.readonly(t.type({ _tag: t.literal('source') })),
        t.readonly(t.type({ _tag: t.literal('derived'), formula: t.string })),
        t.readonly(t.type({ _tag: t.literal('assumption'), id: t.string })),
      ]),
    }),
  ]),
  'ReportedFigure',
)

/** A rule setting: rule id, parameter name, value, span, and optionally the date it takes effect. */
export const RuleSettingCodec = t.readonly(
  t.intersection([
    t.type({ rule: t.string, name: t.string, value: StatementValueCodec, span: SpanCodec }),
    t.partial({ date: LocalDateCodec }),
  ]),
  'RuleSetting',
)

/**
 * An expectation: whether it is negated, the rule id, the expected measures, citations and span, and
 * optionally entity, period, document, severity and tolerance.
 */
export const ExpectationCodec = t.readonly(
  t.intersection([
    t.type({
      negated: t.boolean,
      rule: t.string,
      measures: t.readonlyArray(t.readonly(t.type({ key: t.string, value: StatementValueCodec }))),
      citations: t.readonlyArray(CitationCodec),
      span: SpanCodec,
    }),
    t.partial({
      entity: EntityNameCodec,
      period: PeriodLabelCodec,
      document: t.string,
      severity: t.keyof({ info: null, warn: null, critical: null }),
      tolerance: StatementValueCodec,
    }),
  ]),
  'Expectation',
)

// -------------------------------------------------------------------------------------
// the document
// -------------------------------------------------------------------------------------

/**
 * The whole document. `currency` (the money commodity of domain amounts, default `RUB`),
 * `reported`, `settings` and `expectations` may be left out when reading; they are always
 * written.
 */
export const LedgerDocumentCodec = t.readonly(
  t.intersection([
    t.type({
      version: t.literal(documentVersion),
      declarations: DeclarationsCodec,
      entries: t.readonlyArray(EntryCodec),
    }),
    t.partial({
      currency: CommoditySymbolCodec,
      reported: t.readonlyArray(ReportedFigureCodec),
      settings: t.readonlyArray(RuleSettingCodec),
      expectations: t.readonlyArray(ExpectationCodec),
    }),
  ]),
  'LedgerDocument',
)

/** The document as values (quantities, dates, periods decoded). */
export type LedgerDocument = t.TypeOf<typeof LedgerDocumentCodec>
/** The document as JSON (what `JSON.stringify` writes and `JSON.parse` reads back). */
export type LedgerDocumentJson = t.OutputOf<typeof LedgerDocumentCodec>
/** One entry of the document: a plain transaction or an operation. */
export type Entry = t.TypeOf<typeof EntryCodec>
/** A plain transaction entry, as values. */
export type TransactionEntry = t.TypeOf<typeof TransactionEntryCodec>
/** An operation entry with its span, citations and estimate flag, as values. */
export type OperationEntry = t.TypeOf<typeof OperationEntryCodec>

// The codecs' types and the model must agree, both ways (checked by the compiler).
const _reportedFits = (value: ReportedFigure): t.TypeOf<typeof ReportedFigureCodec> => value
const _reportedBack = (value: t.TypeOf<typeof ReportedFigureCodec>): ReportedFigure => value
const _settingFits = (value: RuleSetting): t.TypeOf<typeof RuleSettingCodec> => value
const _settingBack = (value: t.TypeOf<typeof RuleSettingCodec>): RuleSetting => value
const _expectationFits = (value: Expectation): t.TypeOf<typeof ExpectationCodec> => value
const _expectationBack = (value: t.TypeOf<typeof ExpectationCodec>): Expectation => value
const _valueBack = (value: t.TypeOf<typeof StatementValueCodec>): StatementValue => value
const _entityBack = (value: t.TypeOf<typeof EntityCodec>): Entity.Entity => value
const _commodityBack = (value: t.TypeOf<typeof CommodityCodec>): Commodity.Commodity => value
const _accountBack = (value: t.TypeOf<typeof AccountCodec>): Ledger.AccountDeclaration => value
const _citationBack = (value: t.TypeOf<typeof CitationCodec>): Citation.Citation => value
void [
  _reportedFits,
  _reportedBack,
  _settingFits,
  _settingBack,
  _expectationFits,
  _expectationBack,
  _valueBack,
  _entityBack,
  _commodityBack,
  _accountBack,
  _citationBack,
]

// -------------------------------------------------------------------------------------
// export
// -------------------------------------------------------------------------------------

/** What an export reads: the books and the statements (a `Loaded` or an `Imported` fits). */
export interface DocumentSource {
  readonly books: Books.Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly expectations: ReadonlyArray<Expectation>
}

const postingOf = (posting: Posting.Posting): t.TypeOf<typeof PostingCodec> => ({
  account: posting.account,
  ...(posting.money !== undefined ? { money: posting.money } : {}),
  ...(posting.goods !== undefined ? { goods: posting.goods } : {}),
  estimated: posting.estimated,
  origin: posting.origin,
  status: posting.status,
  ...(posting.assertion !== undefined ? { assertion: posting.assertion } : {}),
  citations: posting.citations,
  tags: posting.tags,
  ...(posting.comment !== undefined ? { comment: posting.comment } : {}),
  ...(posting.span !== undefined ? { span: posting.span } : {}),
})

const transactionOf = (transaction: Transaction.Transaction): t.TypeOf<typeof TransactionCodec> => ({
  date: transaction.date,
  ...(transaction.date2 !== undefined ? { date2: transaction.date2 } : {}),
  status: transaction.status,
  ...(transaction.code !== undefined ? { code: transaction.code } : {}),
  description: transaction.description,
  ...(transaction.comment !== undefined ? { comment: transaction.comment } : {}),
  ...(transaction.origin !== undefined ? { origin: transaction.origin } : {}),
  postings: transaction.postings.map(postingOf),
  tags: transaction.tags,
  citations: transaction.citations,
  estimated: transaction.estimated,
  span: transaction.span,
})

/** The description `Apply.expand` gives an operation's transaction when none is set. */
const defaultDescription = (transaction: Transaction.Transaction): string | undefined =>
  transaction.origin === undefined
    ? undefined
    : transaction.origin.document !== undefined
      ? `${transaction.origin.operation} ${transaction.origin.document}`
      : transaction.origin.operation

/**
 * True when a plain transaction was applied before a memo-only operation (date order, then line order in the same
 * file).
 */
const comesBefore = (transaction: Transaction.Transaction, operation: Books.AppliedOperation): boolean => {
  if (transaction.date !== operation.operation.date) return transaction.date < operation.operation.date
  return !(transaction.span.file === operation.span.file && SourceSpan.compare(transaction.span, operation.span) > 0)
}

/**
 * The entries in posting order: plain transactions and operations interleaved as they were
 * applied. An operation that posted a transaction sits exactly where its transaction is; a
 * memo-only operation (a plan, a count without difference) sits after the plain transactions
 * dated before it (the loader's date order, then line order in the same file).
 */
const entriesOf = (books: Books.Books): ReadonlyArray<Entry> => {
  const transactions = Ledger.transactions(books.ledger)
  const history = Books.history(books)
  const owned: number[] = []
  for (const applied of history) if (applied.transaction !== undefined) owned.push(applied.transaction)
  const ownedSet = new Set(owned)
  const entries: Entry[] = []
  let cursor = 0
  let nextOwned = 0
  const emitPlain = (limit: number, before: (transaction: Transaction.Transaction) => boolean): void => {
    while (cursor < limit) {
      const transaction = transactions[cursor] as Transaction.Transaction
      if (ownedSet.has(cursor)) {
        cursor++
        continue
      }
      if (!before(transaction)) return
      entries.push({ transaction: transactionOf(transaction) })
      cursor++
    }
  }
  for (const applied of history) {
    const provenance = { span: applied.span, citations: applied.citations, estimated: applied.estimated }
    if (applied.transaction === undefined) {
      while (nextOwned < owned.length && (owned[nextOwned] as number) < cursor) nextOwned++
      emitPlain(owned[nextOwned] ?? transactions.length, (transaction) => comesBefore(transaction, applied))
      entries.push({ operation: applied.operation, ...provenance })
      continue
    }
    emitPlain(applied.transaction, () => true)
    const posted = transactions[applied.transaction] as Transaction.Transaction
    const description = posted.description !== defaultDescription(posted) ? { description: posted.description } : {}
    entries.push({ operation: applied.operation, ...provenance, ...description })
    cursor = Math.max(cursor, applied.transaction + 1)
  }
  emitPlain(transactions.length, () => true)
  return entries
}

/** The document of some books and statements, as values (encode it with `LedgerDocumentCodec.encode`). */
export const toDocument = (source: DocumentSource): LedgerDocument => {
  const { entities, commodities, accounts } = source.books.ledger.declarations
  return {
    version: documentVersion,
    currency: source.books.currency,
    declarations: {
      entities: [...entities.values()],
      commodities: [...commodities.values()],
      accounts: [...accounts.values()],
    },
    entries: entriesOf(source.books),
    reported: source.reported,
    settings: source.settings,
    expectations: source.expectations,
  }
}

/**
 * Exports books and statements as the versioned JSON document, ready for `JSON.stringify`.
 *
 * @example
 * ```ts
 * const loaded = loadText('books.journal', '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n', {
 *   fileSystem: memoryFileSystem(new Map()),
 * })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * const json = exportDocument(loaded.right)
 * // json.version → 1, json.entries.length → 1 (decimals are strings: "10", "-10")
 * const imported = importJson(JSON.stringify(json))
 * // E.isRight(imported) → true, with the same Query.trialBalance(…, { book: 'money' }) as `loaded`
 * // importJson('{') → E.left({ _tag: 'InvalidJson', … })
 * ```
 */
export const exportDocument = (source: DocumentSource): LedgerDocumentJson =>
  LedgerDocumentCodec.encode(toDocument(source))
