/**
 * hledger's query language over postings: the words after a report command
 * (`shadow-ledger bal acct:food not:desc:rent cur:RUB`).
 *
 * Terms: a plain word or `acct:REGEX` (account name), `desc:REGEX` (description), `payee:REGEX`
 * and `note:REGEX` (the parts of `payee | note`), `tag:NAME[=REGEX]` (a tag of the posting or its
 * transaction), `date:PERIOD` and `date2:PERIOD` (`2024`, `2024Q1`, `2024-03`, `2024-03-15`,
 * `A..B`), `amt:N`, `amt:<N`, `amt:<=N`, `amt:>N`, `amt:>=N` (an unsigned N compares the absolute
 * value), `cur:REGEX` (the commodity, whole symbol), `status:*`, `status:!`, `status:` (unmarked;
 * a posting without a mark takes its transaction's), `real:` / `real:0` (virtual or not),
 * `depth:N` (a report setting, not a test), and `not:TERM`. Regular expressions are
 * case-insensitive and match anywhere unless anchored, except `cur:`, which matches the whole
 * symbol. As in hledger, several account terms match when any does, and so do several
 * description terms and several status terms; all other terms must all match.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Period from '../core/Period.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'

/** One parsed term: a test of a posting in its transaction. */
interface Term {
  readonly kind: 'acct' | 'desc' | 'status' | 'other'
  readonly negated: boolean
  readonly test: (transaction: Transaction, posting: Posting) => boolean
}

/** A parsed query: its tests and the report depth it names, if any. */
export interface Search {
  readonly terms: ReadonlyArray<Term>
  readonly depth?: number
}

/** Why a query term could not be read. */
export interface SearchError {
  readonly _tag: 'InvalidQuery'
  readonly term: string
  readonly reason: string
}

const regex = (term: string, source: string, whole = false): E.Either<SearchError, RegExp> => {
  try {
    return E.right(new RegExp(whole ? `^(?:${source})$` : source, 'iu'))
  } catch {
    return E.left({ _tag: 'InvalidQuery', term, reason: `${JSON.stringify(source)} is not a valid regular expression` })
  }
}

const payeeOf = (transaction: Transaction): string => {
  const bar = transaction.description.indexOf('|')
  return bar === -1 ? transaction.description : transaction.description.slice(0, bar).trim()
}
const noteOf = (transaction: Transaction): string => {
  const bar = transaction.description.indexOf('|')
  return bar === -1 ? '' : transaction.description.slice(bar + 1).trim()
}
const statusMark = (status: Posting['status']): string => (status === 'cleared' ? '*' : status === 'pending' ? '!' : '')

const amountTest = (term: string, text: string): E.Either<SearchError, (quantity: Quantity.Quantity) => boolean> => {
  const match = /^(<=|>=|<|>|=)?([-+]?)(\d+(?:\.\d+)?)$/u.exec(text)
  if (match === null)
    return E.left({ _tag: 'InvalidQuery', term, reason: 'expected amt:N, amt:<N, amt:<=N, amt:>N or amt:>=N' })
  const [, operator = '=', sign = '', digits = '0'] = match
  const target = Quantity.unsafeFromString(`${sign === '-' ? '-' : ''}${digits}`)
  const absolute = sign === ''
  return E.right((quantity) => {
    const order = Quantity.compare(absolute ? Quantity.abs(quantity) : quantity, target)
    return operator === '<'
      ? order < 0
      : operator === '<='
        ? order <= 0
        : operator === '>'
          ? order > 0
          : operator === '>='
            ? order >= 0
            : order === 0
  })
}

const periodTest = (term: string, text: string): E.Either<SearchError, (date: string | undefined) => boolean> => {
  const open = /^(.*)\.\.(.*)$/u.exec(text)
  if (open !== null) {
    const bound = (side: string) =>
      side === ''
        ? E.right(undefined)
        : E.map((period: Period.Period) => period.start as string)(Period.fromString(side))
    const start = bound(open[1] as string)
    const end = bound(open[2] as string)
    if (E.isLeft(start) || E.isLeft(end))
      return E.left({ _tag: 'InvalidQuery', term, reason: `${JSON.stringify(text)} is not a period` })
    return E.right(
      (date) =>
        date !== undefined &&
        (start.right === undefined || date >= start.right) &&
        (end.right === undefined || date < end.right),
    )
  }
  const period = Period.fromString(/^\d{4}Q\d$/iu.test(text) ? `${text.slice(0, 4)}-${text.slice(4)}` : text)
  if (E.isLeft(period)) return E.left({ _tag: 'InvalidQuery', term, reason: `${JSON.stringify(text)} is not a period` })
  return E.right((date) => date !== undefined && date >= period.right.start && date < period.right.endExclusive)
}

const parseTerm = (term: string, negated: boolean): E.Either<SearchError, Term | number> => {
  if (term.startsWith('not:')) return parseTerm(term.slice(4), !negated)
  const colon = term.indexOf(':')
  const prefix = colon === -1 ? '' : term.slice(0, colon)
  const value = colon === -1 ? term : term.slice(colon + 1)
  const make = (kind: Term['kind'], test: Term['test']): Term => ({ kind, negated, test })
  switch (prefix) {
    case 'acct':
      return E.map((pattern: RegExp) => make('acct', (_, posting) => pattern.test(posting.account)))(regex(term, value))
    case 'desc':
      return E.map((pattern: RegExp) => make('desc', (transaction) => pattern.test(transaction.description)))(
        regex(term, value),
      )
    case 'payee':
      return E.map((pattern: RegExp) => make('other', (transaction) => pattern.test(payeeOf(transaction))))(
        regex(term, value),
      )
    case 'note':
      return E.map((pattern: RegExp) => make('other', (transaction) => pattern.test(noteOf(transaction))))(
        regex(term, value),
      )
    case 'cur':
      return E.map((pattern: RegExp) =>
        make('other', (_, posting) => posting.money !== undefined && pattern.test(posting.money.commodity)),
      )(regex(term, value, true))
    case 'tag': {
      const equals = value.indexOf('=')
      const name = regex(term, equals === -1 ? value : value.slice(0, equals), true)
      const wanted = equals === -1 ? E.right(undefined) : regex(term, value.slice(equals + 1))
      if (E.isLeft(name)) return name
      if (E.isLeft(wanted)) return wanted
      return E.right(
        make('other', (transaction, posting) =>
          [...posting.tags, ...transaction.tags].some(
            (tag) => name.right.test(tag.name) && (wanted.right === undefined || wanted.right.test(tag.value)),
          ),
        ),
      )
    }
    case 'date':
    case 'date2':
      return E.map((test: (date: string | undefined) => boolean) =>
        make('other', (transaction) =>
          test(prefix === 'date' ? transaction.date : (transaction.date2 ?? transaction.date)),
        ),
      )(periodTest(term, value))
    case 'amt':
      return E.map((test: (quantity: Quantity.Quantity) => boolean) =>
        make('other', (_, posting) => posting.money !== undefined && test(posting.money.quantity)),
      )(amountTest(term, value))
    case 'status':
      if (value !== '' && value !== '*' && value !== '!')
        return E.left({ _tag: 'InvalidQuery', term, reason: 'expected status:*, status:! or status:' })
      return E.right(
        make(
          'status',
          (transaction, posting) =>
            (posting.status !== 'unmarked' ? statusMark(posting.status) : statusMark(transaction.status)) === value,
        ),
      )
    case 'real': {
      const real = value === '' || value === '1' || value === 'yes'
      return E.right(make('other', (_, posting) => (posting.virtual === undefined) === real))
    }
    case 'depth': {
      const depth = Number(value)
      if (!/^\d+$/u.test(value) || depth < 1)
        return E.left({ _tag: 'InvalidQuery', term, reason: 'expected depth:N with N ≥ 1' })
      return E.right(depth)
    }
    default:
      // A word with an unknown prefix is an account pattern, colon included (`assets:cash`).
      return E.map((pattern: RegExp) => make('acct', (_, posting) => pattern.test(posting.account)))(regex(term, term))
  }
}

/**
 * Reads the query words of a command line.
 *
 * @example
 * ```ts
 * const text = '2024-01-01 Shop | kiosk\n    expenses:food  10 RUB\n    assets:cash\n'
 * const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * const search = Search.parseSearch(['food', 'note:kiosk', 'not:cur:USD'])
 * if (E.isLeft(search)) throw new Error(Search.renderSearchError(search.left))
 * const rows = Query.register(loaded.right.ledger, {
 *   book: 'money',
 *   where: (transaction, posting) => Search.matches(search.right, transaction, posting),
 * })
 * // rows.map((row) => row.posting.account) → ['expenses:food']
 * ```
 */
export const parseSearch = (words: ReadonlyArray<string>): E.Either<SearchError, Search> => {
  const terms: Term[] = []
  let depth: number | undefined
  for (const word of words) {
    const parsed = parseTerm(word, false)
    if (E.isLeft(parsed)) return parsed
    if (typeof parsed.right === 'number') depth = parsed.right
    else terms.push(parsed.right)
  }
  return E.right(depth === undefined ? { terms } : { terms, depth })
}

/**
 * Whether a posting (in its transaction) matches: any term of the account, description and status kinds each, all other
 * terms.
 */
export const matches = (search: Search, transaction: Transaction, posting: Posting): boolean => {
  const any = { acct: false, desc: false, status: false }
  const seen = { acct: false, desc: false, status: false }
  for (const term of search.terms) {
    const result = term.test(transaction, posting) !== term.negated
    if (term.kind === 'other' || term.negated) {
      if (!result) return false
    } else {
      seen[term.kind] = true
      if (result) any[term.kind] = true
    }
  }
  return (!seen.acct || any.acct) && (!seen.desc || any.desc) && (!seen.status || any.status)
}

/** Renders a query error as one line. */
export const renderSearchError = (error: SearchError): string =>
  `invalid query term ${JSON.stringify(error.term)}: ${error.reason}`
