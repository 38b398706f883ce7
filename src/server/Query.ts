/**
 * The web app's filter language: a small query over transactions, typed in the search box and
 * kept in the URL. Terms are separated by spaces (double quotes group words); all must hold.
 *
 *   acct:REGEX    a posting's account matches (a bare word means the same)
 *   desc:REGEX    the description matches
 *   tag:NAME      the transaction or a posting has the tag (`tag:NAME=VALUE` for its value)
 *   date:PERIOD   `1936`, `1936-03`, `1936-03-05`, or a range `1936-01..1936-07` (end excluded)
 *   amt:OP N      a posting's money amount compared: `amt:>1000`, `amt:<=-5`, `amt:=3800000`
 *   entity:NAME   a posting of this entity
 *   not:TERM      the negation of a term
 *
 * Regexes are case-insensitive. This module stands alone (one parse, one predicate) so the
 * command line's query language can replace it without touching the pages.
 */
import * as E from 'fp-ts/lib/Either.js'
import { type Posting, Quantity, type Transaction } from '../core/index.js'

type Posting_ = Posting.Posting
type Transaction_ = Transaction.Transaction

/** One term of a query. */
export type Term =
  | { readonly _tag: 'Account'; readonly pattern: RegExp }
  | { readonly _tag: 'Description'; readonly pattern: RegExp }
  | { readonly _tag: 'Tag'; readonly name: RegExp; readonly value?: RegExp }
  | { readonly _tag: 'Date'; readonly begin: string; readonly end: string }
  | { readonly _tag: 'Amount'; readonly op: '<' | '<=' | '>' | '>=' | '='; readonly value: Quantity.Quantity }
  | { readonly _tag: 'Entity'; readonly name: string }
  | { readonly _tag: 'Not'; readonly term: Term }

/** A parsed query: its terms (all must hold) and the text it came from. */
export interface Query {
  readonly text: string
  readonly terms: ReadonlyArray<Term>
}

/** Why a query did not parse: the offending term and what was expected. */
export interface QueryError {
  readonly _tag: 'QueryError'
  readonly term: string
  readonly expected: string
}

/** Splits on spaces, keeping double-quoted groups together (quotes removed). */
export const words = (text: string): ReadonlyArray<string> => {
  const result: string[] = []
  for (const match of text.matchAll(/(?:[^\s"]+|"[^"]*")+/gu)) result.push(match[0].replace(/"/gu, ''))
  return result
}

const regex = (source: string, term: string): E.Either<QueryError, RegExp> => {
  try {
    return E.right(new RegExp(source, 'iu'))
  } catch {
    return E.left({ _tag: 'QueryError', term, expected: 'a valid regular expression' })
  }
}

const dateText = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u

/** The first day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` period and the first day after it. */
const periodBounds = (text: string): { readonly begin: string; readonly end: string } => {
  const [year, month, day] = text.split('-').map(Number) as [number, number | undefined, number | undefined]
  const pad = (value: number, width: number): string => String(value).padStart(width, '0')
  const iso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
  if (month === undefined) return { begin: iso(year, 1, 1), end: iso(year + 1, 1, 1) }
  if (day === undefined)
    return { begin: iso(year, month, 1), end: month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1) }
  const next = new Date(Date.UTC(year, month - 1, day + 1))
  return { begin: iso(year, month, day), end: iso(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) }
}

const parseDate = (value: string, term: string): E.Either<QueryError, Term> => {
  const error: QueryError = { _tag: 'QueryError', term, expected: 'a date YYYY[-MM[-DD]] or a range A..B' }
  if (value.includes('..')) {
    const [from, to] = value.split('..') as [string, string]
    if ((from !== '' && !dateText.test(from)) || (to !== '' && !dateText.test(to))) return E.left(error)
    return E.right({
      _tag: 'Date',
      begin: from === '' ? '0000-01-01' : periodBounds(from).begin,
      end: to === '' ? '9999-12-31' : periodBounds(to).begin,
    })
  }
  if (!dateText.test(value)) return E.left(error)
  return E.right({ _tag: 'Date', ...periodBounds(value) })
}

const parseAmount = (value: string, term: string): E.Either<QueryError, Term> => {
  const match = /^(<=|>=|<|>|=)?(-?[0-9][0-9,]*(?:\.[0-9]+)?)$/u.exec(value)
  const quantity = match === null ? undefined : Quantity.fromString((match[2] as string).replace(/,/gu, ''))
  if (match === null || quantity === undefined || E.isLeft(quantity))
    return E.left({ _tag: 'QueryError', term, expected: 'an amount with an optional comparison: amt:>1000' })
  return E.right({ _tag: 'Amount', op: (match[1] ?? '=') as '<' | '<=' | '>' | '>=' | '=', value: quantity.right })
}

const parseTerm = (word: string): E.Either<QueryError, Term> => {
  if (word.startsWith('not:')) return E.map((term: Term): Term => ({ _tag: 'Not', term }))(parseTerm(word.slice(4)))
  const colon = word.indexOf(':')
  const key = colon < 0 ? '' : word.slice(0, colon)
  const value = colon < 0 ? word : word.slice(colon + 1)
  switch (key) {
    case 'acct':
      return E.map((pattern: RegExp): Term => ({ _tag: 'Account', pattern }))(regex(value, word))
    case 'desc':
      return E.map((pattern: RegExp): Term => ({ _tag: 'Description', pattern }))(regex(value, word))
    case 'tag': {
      const [name, tagValue] = value.split('=') as [string, string | undefined]
      const nameRegex = regex(`^(?:${name})$`, word)
      if (E.isLeft(nameRegex)) return nameRegex
      if (tagValue === undefined) return E.right({ _tag: 'Tag', name: nameRegex.right })
      return E.map((pattern: RegExp): Term => ({ _tag: 'Tag', name: nameRegex.right, value: pattern }))(
        regex(tagValue, word),
      )
    }
    case 'date':
      return parseDate(value, word)
    case 'amt':
      return parseAmount(value, word)
    case 'entity':
      return value === ''
        ? E.left({ _tag: 'QueryError', term: word, expected: 'an entity name' })
        : E.right({ _tag: 'Entity', name: value })
    default:
      // A word that is not a known key (an account such as `kirov:assets`) is an account pattern.
      return E.map((pattern: RegExp): Term => ({ _tag: 'Account', pattern }))(regex(word, word))
  }
}

/** Parses a query; the empty text is the query that matches everything. */
export const parse = (text: string): E.Either<QueryError, Query> => {
  const terms: Term[] = []
  for (const word of words(text)) {
    const term = parseTerm(word)
    if (E.isLeft(term)) return term
    terms.push(term.right)
  }
  return E.right({ text, terms })
}

/** The error as one sentence. */
export const renderError = (error: QueryError): string =>
  `cannot read the query term ${JSON.stringify(error.term)}: expected ${error.expected}`

const compare = (op: '<' | '<=' | '>' | '>=' | '=', order: number): boolean =>
  op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : op === '>=' ? order >= 0 : order === 0

const postingHolds = (term: Term, posting: Posting_): boolean => {
  switch (term._tag) {
    case 'Account':
      return term.pattern.test(posting.account)
    case 'Entity':
      return posting.entity === term.name
    case 'Amount':
      return posting.money !== undefined && compare(term.op, Quantity.compare(posting.money.quantity, term.value))
    default:
      return false
  }
}

const tagHolds = (
  term: Extract<Term, { _tag: 'Tag' }>,
  tags: ReadonlyArray<{ readonly name: string; readonly value: string }>,
): boolean => tags.some((tag) => term.name.test(tag.name) && (term.value === undefined || term.value.test(tag.value)))

/** True when the transaction satisfies the term (a posting term: when one of its postings does). */
export const holds = (term: Term, transaction: Transaction_): boolean => {
  switch (term._tag) {
    case 'Not':
      return !holds(term.term, transaction)
    case 'Description':
      return term.pattern.test(transaction.description)
    case 'Date':
      return transaction.date >= term.begin && transaction.date < term.end
    case 'Tag':
      return tagHolds(term, transaction.tags) || transaction.postings.some((posting) => tagHolds(term, posting.tags))
    default:
      return transaction.postings.some((posting) => postingHolds(term, posting))
  }
}

/** True when the transaction satisfies every term of the query. */
export const matches = (query: Query, transaction: Transaction_): boolean =>
  query.terms.every((term) => holds(term, transaction))
