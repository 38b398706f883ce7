/**
 * Builds a ledger from a CSV table of archival figures, with the typed constructors of the
 * library (no journal text involved): one row is one transaction, debit and credit accounts
 * below the row's entity, a money amount and/or a goods quantity, an estimate flag, and the
 * archival source, parsed into a structured citation. Every transaction keeps the CSV row it
 * came from as its span (`figures.csv:5`), so findings and errors point at the row.
 *
 * The CSV is read with csv-parse (quoted fields hold the commas of archival references).
 *
 * In your own project:
 *
 *     import { parse as parseCsv } from 'csv-parse/sync'
 *     import { AccountName, Books, Citation, Commodity, Entity, Ledger, LocalDate, Quantity, SourceSpan, print } from 'shadow-ledger'
 */
import { parse as parseCsv } from 'csv-parse/sync'
import * as E from 'fp-ts/lib/Either.js'
import {
  AccountName,
  Amount,
  Books,
  Citation,
  Commodity,
  Entity,
  exportDocument,
  Ledger,
  type LedgerDocumentJson,
  LocalDate,
  type Posting,
  print,
  Quantity,
  SourceSpan,
} from '../../src/index.js'

/** The columns the table must have. */
export const columns = [
  'date',
  'entity',
  'debit',
  'credit',
  'amount',
  'estimated',
  'units',
  'commodity',
  'description',
  'source',
] as const

type Row = Readonly<Record<(typeof columns)[number], string>>

export type CsvLedgerError =
  | { readonly _tag: 'CsvSyntax'; readonly message: string }
  | { readonly _tag: 'MissingColumns'; readonly missing: ReadonlyArray<string> }
  | {
      readonly _tag: 'InvalidCell'
      readonly line: number
      readonly column: string
      readonly value: string
      readonly expected: string
    }
  | { readonly _tag: 'DeclarationRejected'; readonly error: Ledger.DeclarationError }
  | { readonly _tag: 'RowRejected'; readonly line: number; readonly error: Ledger.PostingError }

export interface CsvLedger {
  readonly books: Books.Books
  /** The ledger as journal text (`shadow-ledger print` would write the same). */
  readonly journal: string
  /** The ledger as the JSON interchange document. */
  readonly document: LedgerDocumentJson
}

/** Renders an error as one sentence with the CSV line. */
export const renderError = (file: string, error: CsvLedgerError): string => {
  switch (error._tag) {
    case 'CsvSyntax':
      return `${file}: not valid CSV: ${error.message}`
    case 'MissingColumns':
      return `${file}: missing columns ${error.missing.join(', ')}`
    case 'InvalidCell':
      return `${file}:${error.line}: ${error.column} ${JSON.stringify(error.value)} is not ${error.expected}`
    case 'DeclarationRejected':
      return `${file}: ${Ledger.renderPostingError(error.error)}`
    case 'RowRejected':
      return `${file}:${error.line}: ${Ledger.renderPostingError(error.error)}`
  }
}

const RUB = Commodity.unsafeSymbol('RUB')

/** One cell through a smart constructor, or an `InvalidCell` error naming the line and column. */
const cell = <A>(
  line: number,
  column: string,
  value: string,
  expected: string,
  parse: (text: string) => E.Either<unknown, A>,
): E.Either<CsvLedgerError, A> => {
  const parsed = parse(value)
  return E.isRight(parsed) ? E.right(parsed.right) : E.left({ _tag: 'InvalidCell', line, column, value, expected })
}

/** The postings of one row: debit and credit, each with the money and the goods. */
const postingsOf = (
  row: Row,
  line: number,
  entity: Entity.EntityName,
): E.Either<CsvLedgerError, ReadonlyArray<Posting.PostingInput>> => {
  const debit = cell(line, 'debit', `${entity}:${row.debit}`, 'an account name', AccountName.fromString)
  const credit = cell(line, 'credit', `${entity}:${row.credit}`, 'an account name', AccountName.fromString)
  const money =
    row.amount === ''
      ? E.right(undefined)
      : cell(line, 'amount', row.amount, 'a decimal (1234.50)', Quantity.fromString)
  const units = row.units === '' ? E.right(undefined) : cell(line, 'units', row.units, 'a decimal', Quantity.fromString)
  const commodity =
    row.units === ''
      ? E.right(undefined)
      : cell(line, 'commodity', row.commodity, 'a commodity symbol', Commodity.symbolFromString)
  if (E.isLeft(debit)) return debit
  if (E.isLeft(credit)) return credit
  if (E.isLeft(money)) return money
  if (E.isLeft(units)) return units
  if (E.isLeft(commodity)) return commodity
  if (money.right === undefined && units.right === undefined)
    return E.left({
      _tag: 'InvalidCell',
      line,
      column: 'amount',
      value: '',
      expected: 'given (an amount, units, or both)',
    })
  const estimated = row.estimated.trim().toLowerCase() === 'yes'
  const goods =
    units.right !== undefined && commodity.right !== undefined ? Amount.make(units.right, commodity.right) : undefined
  const leg = (account: AccountName.AccountName, sign: 1 | -1): Posting.PostingInput => ({
    account,
    ...(money.right !== undefined
      ? { money: Amount.make(sign === 1 ? money.right : Quantity.negate(money.right), RUB) }
      : {}),
    ...(goods !== undefined ? { goods: sign === 1 ? goods : Amount.negate(goods) } : {}),
    ...(estimated ? { estimated: true } : {}),
  })
  return E.right([leg(debit.right, 1), leg(credit.right, -1)])
}

/**
 * Builds books from the CSV text: declares RUB (money), every goods commodity and every entity
 * of the table, then posts one transaction per row in date order (rows of the same date keep
 * their order). Fails on the first bad cell or rejected row, naming its line.
 */
export const ledgerFromCsv = (text: string, file = 'figures.csv'): E.Either<CsvLedgerError, CsvLedger> => {
  let records: ReadonlyArray<{ readonly record: Row; readonly info: { readonly lines: number } }>
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true })
  } catch (error) {
    return E.left({ _tag: 'CsvSyntax', message: error instanceof Error ? error.message : String(error) })
  }
  const header = records[0] === undefined ? [] : Object.keys(records[0].record)
  const missing = columns.filter((column) => records.length > 0 && !header.includes(column))
  if (missing.length > 0) return E.left({ _tag: 'MissingColumns', missing })

  // Declarations first: the core needs entities before the first posting.
  let ledger = Ledger.empty()
  const declarations: Array<(ledger: Ledger.Ledger) => E.Either<Ledger.DeclarationError, Ledger.Ledger>> = [
    Ledger.declareCommodity(
      Commodity.money(RUB, { side: 'right', spaced: true, decimalMark: '.', groupMark: ',', precision: 2 }),
      SourceSpan.make(file, 1, 1),
    ),
  ]
  const rows: Array<{
    readonly row: Row
    readonly line: number
    readonly entity: Entity.EntityName
    readonly date: LocalDate.LocalDate
  }> = []
  const seenEntities = new Set<string>()
  const seenGoods = new Set<string>()
  for (const { record: row, info } of records) {
    const line = info.lines
    const entity = cell(line, 'entity', row.entity, 'an entity name', Entity.nameFromString)
    if (E.isLeft(entity)) return entity
    const date = cell(line, 'date', row.date, 'a date (YYYY-MM-DD)', LocalDate.fromString)
    if (E.isLeft(date)) return date
    if (!seenEntities.has(entity.right)) {
      seenEntities.add(entity.right)
      declarations.push(
        Ledger.declareEntity({ name: entity.right, citations: [], span: SourceSpan.make(file, line, 1) }),
      )
    }
    if (row.commodity !== '' && !seenGoods.has(row.commodity)) {
      const symbol = cell(line, 'commodity', row.commodity, 'a commodity symbol', Commodity.symbolFromString)
      if (E.isLeft(symbol)) return symbol
      seenGoods.add(row.commodity)
      declarations.push(
        Ledger.declareCommodity(Commodity.goods(symbol.right, undefined), SourceSpan.make(file, line, 1)),
      )
    }
    rows.push({ row, line, entity: entity.right, date: date.right })
  }
  for (const declare of declarations) {
    const declared = declare(ledger)
    if (E.isLeft(declared)) return E.left({ _tag: 'DeclarationRejected', error: declared.left })
    ledger = declared.right
  }

  let books = Books.fromLedger(ledger, { currency: RUB })
  const byDate = rows
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
  for (const { row, line, entity, date } of byDate) {
    const postings = postingsOf(row, line, entity)
    if (E.isLeft(postings)) return postings
    const source = row.source === '' ? [] : [Citation.parse(row.source).citation]
    const posted = Books.postTransaction({
      date,
      status: 'cleared',
      description: row.description,
      postings: postings.right,
      citations: source,
      span: SourceSpan.make(file, line, 1),
    })(books)
    if (E.isLeft(posted)) return E.left({ _tag: 'RowRejected', line, error: posted.left })
    books = posted.right
  }
  return E.right({
    books,
    journal: print(books.ledger),
    document: exportDocument({ books, reported: [], settings: [], expectations: [] }),
  })
}
