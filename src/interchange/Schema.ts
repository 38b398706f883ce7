/**
 * The table schema of the books (docs/SCHEMA.md), version `schemaVersion`: entities, commodities,
 * accounts, transactions, postings (one row per book: `money` or `units`), citations,
 * operations, documents with their states, findings and their evidence. Every row that comes
 * from the journal keeps its source `file` and `line`.
 *
 * Amounts are exact: `amount` is the decimal literal as text (`"-1600000.5"`), and
 * `amount_units` / `amount_scale` the same number as a scaled integer
 * (`amount = amount_units × 10^-amount_scale`), so SQL engines sum them without floating point.
 * The tables are built lazily (`rows()` is a generator), so a million transactions are never
 * held twice.
 */

import type { Citation } from '../core/Citation.js'
import * as Ledger from '../core/Ledger.js'
import * as Quantity from '../core/Quantity.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import * as Books from '../domain/Books.js'
import { OperationCodec } from '../domain/Operation.js'
import type { ReportedFigure, StatementValue } from '../domain/Statements.js'
import type { Finding } from '../reconcile/Finding.js'

/** The version of the table schema; bumped on any change of a table or column. */
export const schemaVersion = 1

/**
 * A column's type, mapped to each engine's own: `hugeint` is a 128-bit integer (DuckDB `HUGEINT`,
 * SQLite `INTEGER`); `decimal` is DuckDB `DECIMAL(38,10)` (Parquet the same; SQLite and CSV the
 * exact text), its cell the exact literal or null when the value has more than 10 decimals or 28 integer digits.
 */
export type ColumnType = 'text' | 'integer' | 'hugeint' | 'decimal' | 'boolean' | 'date'

export interface Column {
  readonly name: string
  readonly type: ColumnType
  /** One sentence for docs/SCHEMA.md. */
  readonly doc: string
}

/** A cell: text, a safe integer, a bigint (hugeint columns), a boolean, or null (absent, never zero). */
export type Cell = string | number | bigint | boolean | null
export type Row = ReadonlyArray<Cell>

export interface Table {
  readonly name: string
  readonly doc: string
  readonly columns: ReadonlyArray<Column>
  readonly rows: () => Iterable<Row>
}

/** What the tables are built from: the books and, optionally, the findings of a reconciliation. */
export interface SchemaInput {
  readonly books: Books.Books
  readonly findings?: ReadonlyArray<Finding>
  /** The figures the archival record reports (`reported` lines), set against the books. */
  readonly reported?: ReadonlyArray<ReportedFigure>
}

const c = (name: string, type: ColumnType, doc: string): Column => ({ name, type, doc })
const fileColumns = [
  c('file', 'text', 'the journal file the row was written in'),
  c('line', 'integer', 'its first line (1-based; 0 when built in code)'),
]

/** The column lists, by table (the same for every format). */
export const columns = {
  meta: [c('key', 'text', 'schema_version, currency'), c('value', 'text', 'its value')],
  entities: [
    c('name', 'text', 'entity name (the first segment of its accounts)'),
    c('title', 'text', 'title, if declared'),
    c('sector', 'text', 'state, bank, military, cooperative, private, person'),
    ...fileColumns,
  ],
  commodities: [
    c('symbol', 'text', 'commodity symbol (RUB, T28)'),
    c('kind', 'text', 'money or goods'),
    c('unit', 'text', 'unit of a goods commodity (tank)'),
    c('precision', 'integer', 'display precision'),
  ],
  accounts: [
    c('name', 'text', 'full account name'),
    c('entity', 'text', 'owning entity, if any'),
    c('type', 'text', 'asset, liability, equity, income, expense (declared or inferred)'),
    c('declared', 'boolean', 'true when an `account` directive declares it'),
    ...fileColumns,
  ],
  transactions: [
    c('txn_id', 'integer', 'position in posting order, 0-based (the key postings refer to)'),
    c('date', 'date', 'transaction date'),
    c('date2', 'date', 'secondary date'),
    c('status', 'text', 'unmarked, pending, cleared'),
    c('code', 'text', 'code in parentheses'),
    c('description', 'text', 'description'),
    c('operation', 'text', 'the operation that posted it (PresentDemand, …), if any'),
    c('document', 'text', 'the document of that operation, if any'),
    c('estimated', 'boolean', 'true when a figure is approximate'),
    ...fileColumns,
    c('end_line', 'integer', 'its last line'),
  ],
  postings: [
    c('posting_id', 'integer', 'row key'),
    c('txn_id', 'integer', 'the transaction'),
    c('seq', 'integer', 'position of the posting in its transaction'),
    c('date', 'date', 'transaction date (repeated for convenience)'),
    c('account', 'text', 'account'),
    c('entity', 'text', 'entity of the account'),
    c('account_type', 'text', 'account type'),
    c('book', 'text', 'money or units: which book this row belongs to (a posting with both gives two rows)'),
    c('commodity', 'text', 'commodity symbol'),
    c('amount', 'text', 'exact decimal literal'),
    c('amount_units', 'hugeint', 'the amount as a scaled integer (null beyond 38 digits)'),
    c('amount_scale', 'integer', 'decimal places: amount = amount_units × 10^-amount_scale'),
    c(
      'amount_decimal',
      'decimal',
      'the amount as DECIMAL(38,10), exact (null past 10 decimals or 28 integer digits): sum this in SQL',
    ),
    c('estimated', 'boolean', 'true when approximate (written ~ or inferred from one)'),
    c('origin', 'text', 'written, elided, assigned'),
    c('status', 'text', 'unmarked, pending, cleared'),
    ...fileColumns,
  ],
  citations: [
    c('owner', 'text', 'entity, account, transaction, posting, operation (plans and norms are operations) or reported'),
    c('owner_id', 'text', 'its key (name, txn_id, posting_id, op_id, reported_id)'),
    c('text', 'text', 'verbatim citation'),
    c('archive', 'text', 'archive (TsGIA SPb)'),
    c('fond', 'text', 'fond'),
    c('opis', 'text', 'opis'),
    c('delo', 'text', 'delo'),
    c('folio', 'text', 'folio (list)'),
    ...fileColumns,
  ],
  operations: [
    c('op_id', 'integer', 'position in the history of operations'),
    c('kind', 'text', 'operation tag (PresentDemand, AcceptDemand, …)'),
    c('date', 'date', 'operation date'),
    c('documents', 'text', 'documents it created or changed, space-separated'),
    c('txn_id', 'integer', 'the transaction it posted, if any'),
    c('estimated', 'boolean', 'true when a figure is approximate'),
    c('json', 'text', 'the operation in the interchange JSON form'),
    ...fileColumns,
  ],
  documents: [
    c('document_id', 'text', 'document id'),
    c('kind', 'text', 'PaymentDemand, Shipment, Lot, Bill, Loan, …'),
    c('date', 'date', 'date of the document'),
    c('state', 'text', 'its state now (open, partial, accepted, refused, discounted, …)'),
    c('terminal', 'boolean', 'true when no further operation may change it'),
    c('events', 'integer', 'operations that touched it'),
    c('first_op_id', 'integer', 'the operation that created it'),
    ...fileColumns,
  ],
  reported: [
    c('reported_id', 'integer', 'row key'),
    c('entity', 'text', 'entity'),
    c('period', 'text', 'period label'),
    c('metric', 'text', 'what is reported (plan-fulfilment, output, …)'),
    c('kind', 'text', 'Amount, Percent, Number, Date or Word'),
    c('value', 'text', 'the figure, exact (a percent without its sign)'),
    c('commodity', 'text', 'its commodity, for an amount'),
    c('estimated', 'boolean', 'true when the source gives it as approximate'),
    ...fileColumns,
  ],
  findings: [
    c('finding_id', 'integer', 'row key'),
    c('rule', 'text', 'rule id'),
    c('severity', 'text', 'info, warn, critical'),
    c('entity', 'text', 'entity'),
    c('period', 'text', 'period label'),
    c('date', 'date', 'the date judged'),
    c('money_gap', 'text', 'gap in money, exact'),
    c('money_commodity', 'text', 'its commodity'),
    c('unit_gap', 'text', 'gap in units, exact'),
    c('unit_commodity', 'text', 'its commodity'),
    c('estimated', 'boolean', 'true when an input figure is approximate'),
    c('threshold', 'text', 'the threshold crossed'),
    c('message', 'text', 'the sentence'),
    c('accounts', 'text', 'accounts, space-separated'),
    c('documents', 'text', 'documents, space-separated'),
  ],
  evidence: [
    c('finding_id', 'integer', 'the finding'),
    c('seq', 'integer', 'position in its evidence'),
    c('what', 'text', 'what the line shows'),
    c('estimated', 'boolean', 'true when approximate'),
    c('citations', 'text', 'archival citations of the line, joined by " | "'),
    ...fileColumns,
    c('end_line', 'integer', 'last line'),
  ],
} as const satisfies Record<string, ReadonlyArray<Column>>

export type TableName = keyof typeof columns
export const tableNames = Object.keys(columns) as ReadonlyArray<TableName>

const docs: Record<TableName, string> = {
  meta: 'schema version and settings',
  entities: 'declared entities',
  commodities: 'declared and used commodities',
  accounts: 'every account used or declared',
  transactions: 'posted transactions (written, or posted by an operation)',
  postings: 'one row per posting and book',
  citations: 'archival citations of every entity, account, transaction, posting and operation',
  operations: 'applied domain operations, in order',
  documents: 'documents (payment demands, lots, bills, loans, …) with their current state',
  reported: 'figures as the archival record reports them (`reported` lines)',
  findings: 'reconciliation findings',
  evidence: 'the journal lines each finding rests on',
}

/** A quantity as an exact literal, a scaled integer (or null past 128 bits) and its scale. */
export const scaled = (quantity: Quantity.Quantity): readonly [string, bigint | null, number, string | null] => {
  const { units, scale } = Quantity.toBigInt(quantity)
  const limit = 1n << 126n
  const text = Quantity.toString(quantity)
  const integerDigits = text.replace(/^-/u, '').split('.')[0]?.length ?? 0
  return [
    text,
    units < limit && units > -limit ? units : null,
    scale,
    scale <= decimalScale && integerDigits <= 38 - decimalScale ? text : null,
  ]
}

/** The scale of `decimal` columns (DECIMAL(38,10)). */
export const decimalScale = 10

const spanCells = (span: SourceSpan | undefined): readonly [string, number] => [span?.file ?? '', span?.line ?? 0]
const citationCells = (owner: string, id: string, citation: Citation, span: SourceSpan | undefined): Row => [
  owner,
  id,
  citation.text,
  citation.archive ?? null,
  citation.fond ?? null,
  citation.opis ?? null,
  citation.delo ?? null,
  citation.folio ?? null,
  ...spanCells(span),
]

const statementCells = (value: StatementValue): readonly [string, string, string | null] => {
  switch (value._tag) {
    case 'Amount':
      return ['Amount', Quantity.toString(value.amount.quantity), value.amount.commodity]
    case 'Percent':
      return ['Percent', Quantity.toString(value.percent), null]
    case 'Number':
      return ['Number', Quantity.toString(value.value), null]
    case 'Date':
      return ['Date', value.date, null]
    case 'Word':
      return ['Word', value.word, null]
    case 'Figure':
      // A bound, range or unknown: the figure as the source wrote it (`>6,000,000.00 RUB`, `[400..500 T26]`).
      return ['Figure', value.figure.written, value.figure.unit._tag === 'Amount' ? value.figure.unit.commodity : null]
  }
}

/** Builds every table of the schema over the books (and findings). */
export const tables = (input: SchemaInput): ReadonlyArray<Table> => {
  const { books } = input
  const ledger = books.ledger
  const declarations = ledger.declarations
  const findings = input.findings ?? []
  const reported = input.reported ?? []
  const history = Books.history(books)
  const build: Record<TableName, () => Iterable<Row>> = {
    meta: function* () {
      yield ['schema_version', String(schemaVersion)]
      yield ['currency', books.currency]
    },
    entities: function* () {
      for (const entity of declarations.entities.values())
        yield [entity.name, entity.title ?? null, entity.sector ?? null, ...spanCells(entity.span)]
    },
    commodities: function* () {
      for (const commodity of declarations.commodities.values())
        if (commodity.symbol.length > 0)
          yield [commodity.symbol, commodity.kind, commodity.unit ?? null, commodity.style.precision]
    },
    accounts: function* () {
      const names = new Set([...declarations.accounts.keys(), ...Ledger.accounts(ledger)])
      for (const name of [...names].sort()) {
        const declared = declarations.accounts.get(name)
        yield [
          name,
          Ledger.entityOf(declarations, name) ?? null,
          Ledger.accountType(declarations, name) ?? null,
          declared !== undefined,
          ...spanCells(declared?.span),
        ]
      }
    },
    transactions: function* () {
      for (const t of Ledger.transactions(ledger)) {
        yield [
          t.index,
          t.date,
          t.date2 ?? null,
          t.status,
          t.code ?? null,
          t.description,
          t.origin?.operation ?? null,
          t.origin?.document ?? null,
          t.estimated,
          ...spanCells(t.span),
          t.span.endLine,
        ]
      }
    },
    postings: function* () {
      let id = 0
      for (const t of Ledger.transactions(ledger)) {
        for (const [seq, p] of t.postings.entries()) {
          const entity = p.entity ?? Ledger.entityOf(declarations, p.account) ?? null
          const type = Ledger.accountType(declarations, p.account) ?? null
          const span = spanCells(p.span ?? t.span)
          for (const [book, amount] of [
            ['money', p.money],
            ['units', p.goods],
          ] as const) {
            if (amount === undefined) continue
            yield [
              id++,
              t.index,
              seq,
              t.date,
              p.account,
              entity,
              type,
              book,
              amount.commodity,
              ...scaled(amount.quantity),
              p.estimated,
              p.origin,
              p.status,
              ...span,
            ]
          }
        }
      }
    },
    citations: function* () {
      for (const entity of declarations.entities.values())
        for (const citation of entity.citations) yield citationCells('entity', entity.name, citation, entity.span)
      for (const account of declarations.accounts.values())
        for (const citation of account.citations) yield citationCells('account', account.name, citation, account.span)
      let postingId = 0
      for (const t of Ledger.transactions(ledger)) {
        for (const citation of t.citations) yield citationCells('transaction', String(t.index), citation, t.span)
        for (const p of t.postings) {
          const rows = (p.money !== undefined ? 1 : 0) + (p.goods !== undefined ? 1 : 0)
          for (const citation of p.citations)
            yield citationCells('posting', String(postingId), citation, p.span ?? t.span)
          postingId += rows
        }
      }
      for (const op of history)
        for (const citation of op.citations) yield citationCells('operation', String(op.index), citation, op.span)
      for (const [id, figure] of reported.entries())
        for (const citation of figure.citations) yield citationCells('reported', String(id), citation, figure.span)
    },
    reported: function* () {
      for (const [id, figure] of reported.entries()) {
        const [kind, value, commodity] = statementCells(figure.value)
        yield [
          id,
          figure.entity,
          figure.period.label,
          figure.metric,
          kind,
          value,
          commodity,
          figure.estimated || ('estimated' in figure.value && figure.value.estimated),
          ...spanCells(figure.span),
        ]
      }
    },
    operations: function* () {
      for (const op of history) {
        yield [
          op.index,
          op.operation._tag,
          op.operation.date,
          op.documents.join(' '),
          op.transaction ?? null,
          op.estimated,
          JSON.stringify(OperationCodec.encode(op.operation)),
          ...spanCells(op.span),
        ]
      }
    },
    documents: function* () {
      for (const document of books.documents.values()) {
        const first = document.events[0]
        const span = first !== undefined ? history[first]?.span : undefined
        yield [
          document.id,
          document.kind,
          document.date,
          Books.statusOf(document),
          Books.isTerminal(document),
          document.events.length,
          first ?? null,
          ...spanCells(span),
        ]
      }
    },
    findings: function* () {
      for (const [id, f] of findings.entries()) {
        yield [
          id,
          f.rule,
          f.severity,
          f.entity ?? null,
          f.period?.label ?? null,
          f.date,
          f.moneyGap !== undefined ? Quantity.toString(f.moneyGap.quantity) : null,
          f.moneyGap?.commodity ?? null,
          f.unitGap !== undefined ? Quantity.toString(f.unitGap.quantity) : null,
          f.unitGap?.commodity ?? null,
          f.estimated,
          f.threshold.text,
          f.message,
          f.accounts.join(' '),
          f.documents.join(' '),
        ]
      }
    },
    evidence: function* () {
      for (const [id, f] of findings.entries()) {
        for (const [seq, e] of f.evidence.entries())
          yield [
            id,
            seq,
            e.what,
            e.estimated,
            e.citations.map((citation) => citation.text).join(' | '),
            e.file,
            e.line,
            e.endLine,
          ]
      }
    },
  }
  return tableNames.map((name) => ({ name, doc: docs[name], columns: columns[name], rows: build[name] }))
}
