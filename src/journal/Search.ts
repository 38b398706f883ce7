/**
 * hledger's query language over postings: the words after a report command
 * (`shadow-ledger bal acct:food not:desc:rent cur:RUB`).
 *
 * Terms: a plain word or `acct:REGEX` (account name), `desc:REGEX` (description), `payee:REGEX`
 * and `note:REGEX` (the parts of `payee | note`), `tag:NAME[=REGEX]` (a tag of the posting or its
 * transaction), `date:PERIOD` and `date2:PERIOD` (a period expression of core/PeriodExpression.ts:
 * `2024`, `2024Q1`, `2024-03`, `2024-03-15`, `A..B`, `from A to B`, `last month` given today), `amt:N`, `amt:<N`,
 * `amt:<=N`, `amt:>N`, `amt:>=N` (an unsigned N compares the absolute value), `cur:REGEX` (the commodity, whole
 * symbol), `status:*`, `status:!`, `status:` (unmarked;
 * a posting without a mark takes its transaction's), `real:` / `real:0` (virtual or not),
 * `depth:N` (a report setting, not a test), and `not:TERM`. Regular expressions are
 * case-insensitive and match anywhere unless anchored, except `cur:`, which matches the whole
 * symbol. As in hledger, several account terms match when any does, and so do several
 * description terms and several status terms; all other terms must all match.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AccountName } from '../core/AccountName.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'

/** One parsed term: a test of a posting in its transaction. */
interface Term {
  readonly kind: 'acct' | 'desc' | 'status' | 'other'
  readonly negated: boolean
  readonly test: (transaction: Transaction, posting: Posting) => boolean
  /** The term as hledger compares queries (`acct:a` and `a` are one term, `not:` kept), for its simplifications. */
  readonly key: string
  /** A `date:` term (not negated): the span it selects. */
  readonly span?: PeriodExpression.Span
  /**
   * What a non-account term says of an account name alone (hledger's `matchesAccount`): false for `tag:`, `payee:`,
   * `note:`, else true.
   */
  readonly onName?: boolean
  /** The term's test of a whole transaction, where it is not "some posting passes" (`real:`). */
  readonly onTransaction?: (transaction: Transaction) => boolean
}

/** A parsed query: its tests and the report depth it names, if any. */
export interface Search {
  readonly terms: ReadonlyArray<Term>
  readonly depth?: number
  /** The intersection of the `date:` terms, which bounds a report's span as hledger's does. */
  readonly dateSpan?: PeriodExpression.Span
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

const periodTest = (
  term: string,
  text: string,
  today: LocalDate.LocalDate | undefined,
): E.Either<SearchError, PeriodExpression.Span> => {
  const spec = PeriodExpression.parse(text, today)
  if (E.isLeft(spec)) return E.left({ _tag: 'InvalidQuery', term, reason: spec.left.reason })
  if (spec.right.interval !== undefined)
    return E.left({
      _tag: 'InvalidQuery',
      term,
      reason: 'a report interval is an option (-M, -p monthly), not a query',
    })
  return E.right({
    ...(spec.right.start !== undefined ? { start: spec.right.start } : {}),
    ...(spec.right.end !== undefined ? { end: spec.right.end } : {}),
  })
}

const inSpan = (span: PeriodExpression.Span, date: string | undefined): boolean =>
  date !== undefined && (span.start === undefined || date >= span.start) && (span.end === undefined || date < span.end)

const knownPrefixes = new Set(['acct', 'desc', 'payee', 'note', 'cur', 'tag', 'date', 'date2', 'amt', 'status', 'real'])

const parseTerm = (
  term: string,
  negated: boolean,
  today: LocalDate.LocalDate | undefined,
): E.Either<SearchError, Term | number> => {
  if (term.startsWith('not:')) return parseTerm(term.slice(4), !negated, today)
  const colon = term.indexOf(':')
  const prefix = colon === -1 ? '' : term.slice(0, colon)
  const value = colon === -1 ? term : term.slice(colon + 1)
  // An unprefixed word is an account pattern, so `a` and `acct:a` are the same term.
  const key = `${negated ? 'not:' : ''}${prefix === '' || !knownPrefixes.has(prefix) ? `acct:${term}` : term}`
  const make = (kind: Term['kind'], test: Term['test']): Term => ({ kind, negated, test, key })
  switch (prefix) {
    case 'acct':
      return E.map((pattern: RegExp) => make('acct', (_, posting) => pattern.test(posting.account)))(regex(term, value))
    case 'desc':
      return E.map((pattern: RegExp) => make('desc', (transaction) => pattern.test(transaction.description)))(
        regex(term, value),
      )
    // hledger reads payee: and note: as tags, so an account name alone never matches them.
    case 'payee':
      return E.map(
        (pattern: RegExp): Term => ({
          ...make('other', (transaction) => pattern.test(payeeOf(transaction))),
          onName: false,
        }),
      )(regex(term, value))
    case 'note':
      return E.map(
        (pattern: RegExp): Term => ({
          ...make('other', (transaction) => pattern.test(noteOf(transaction))),
          onName: false,
        }),
      )(regex(term, value))
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
      return E.right({
        ...make('other', (transaction, posting) =>
          [...posting.tags, ...transaction.tags].some(
            (tag) => name.right.test(tag.name) && (wanted.right === undefined || wanted.right.test(tag.value)),
          ),
        ),
        onName: false,
      })
    }
    case 'date':
    case 'date2':
      return E.map(
        (span: PeriodExpression.Span): Term => ({
          ...make('other', (transaction) =>
            inSpan(span, prefix === 'date' ? transaction.date : (transaction.date2 ?? transaction.date)),
          ),
          ...(prefix === 'date' && !negated ? { span } : {}),
        }),
      )(periodTest(term, value, today))
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
      return E.right({
        ...make('other', (_, posting) => (posting.virtual === undefined) === real),
        // hledger: a transaction is real when it has a real posting.
        onTransaction: (transaction: Transaction) =>
          transaction.postings.some((posting) => posting.virtual === undefined) === real,
      })
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
export const parseSearch = (
  words: ReadonlyArray<string>,
  options: { readonly today?: LocalDate.LocalDate } = {},
): E.Either<SearchError, Search> => {
  if (!Array.isArray(words))
    return E.left({ _tag: 'InvalidQuery', term: String(typeof words), reason: 'the query must be a list of words' })
  const bad = words[words.findIndex((word) => typeof word !== 'string')]
  if (words.some((word) => typeof word !== 'string'))
    return E.left({ _tag: 'InvalidQuery', term: String(typeof bad), reason: 'a query term must be a string' })
  const terms: Term[] = []
  let depth: number | undefined
  let dateSpan: PeriodExpression.Span | undefined
  for (const word of words) {
    const parsed = parseTerm(word, false, options.today)
    if (E.isLeft(parsed)) return parsed
    if (typeof parsed.right === 'number') depth = parsed.right
    else {
      terms.push(parsed.right)
      const span = parsed.right.span
      if (span !== undefined) dateSpan = dateSpan === undefined ? span : PeriodExpression.intersect(dateSpan, span)
    }
  }
  return E.right({
    terms,
    ...(depth !== undefined ? { depth } : {}),
    ...(dateSpan !== undefined ? { dateSpan } : {}),
  })
}

/**
 * Combines the terms' results as hledger does: any term of the account, description and status kinds each, all other
 * terms.
 */
const combine = (search: Search, result: (term: Term) => boolean): boolean => {
  const any = { acct: false, desc: false, status: false }
  const seen = { acct: false, desc: false, status: false }
  for (const term of search.terms) {
    const value = result(term) !== term.negated
    if (term.kind === 'other' || term.negated) {
      if (!value) return false
    } else {
      seen[term.kind] = true
      if (value) any[term.kind] = true
    }
  }
  return (!seen.acct || any.acct) && (!seen.desc || any.desc) && (!seen.status || any.status)
}

/**
 * The query without its `date:` terms (not negated), whose span a report takes as its own (as
 * hledger does: the span is then widened to whole intervals, and -H counts what came before it).
 */
export const withoutDateSpan = (search: Search): Search => ({
  ...search,
  terms: search.terms.filter((term) => term.span === undefined),
})

/**
 * Whether a posting (in its transaction) matches: any term of the account, description and status kinds each, all other
 * terms.
 */
export const matches = (search: Search, transaction: Transaction, posting: Posting): boolean =>
  combine(search, (term) => term.test(transaction, posting))

/**
 * Whether a transaction matches, as hledger's `matchesTransaction` (what `payees` and `stats`
 * read): a posting term holds when some posting satisfies it (so `not:food` leaves out a
 * transaction with a food posting); a status term reads the transaction's mark.
 */
export const matchesTransaction = (search: Search, transaction: Transaction): boolean =>
  combine(search, (term) =>
    term.onTransaction !== undefined
      ? term.onTransaction(transaction)
      : term.kind === 'status'
        ? term.test(transaction, { status: 'unmarked' } as Posting)
        : transaction.postings.some((posting) => term.test(transaction, posting)),
  )

/**
 * Whether a declared payee (`payee NAME`) matches the query, as hledger 1.25's `payees` tests one
 * (`matchesDescription` on the combined query): the query is the `and` of the account terms (one
 * `or`), the description terms (one `or`), the status terms (one `or`) and every other term
 * (negated ones; the dates, `date:` and `-b/-e` as one; `-R` and the like, counted by `flags.others`). Alone, a
 * description term tests the name, a description `or` tests any, `not:` inverts, anything else is
 * false; inside an `and`, only the lone description terms are tested, the rest is passed over.
 */
export const matchesPayeeName = (
  search: Search,
  payee: string,
  flags: { readonly dates?: boolean; readonly others?: number } = {},
): boolean => {
  const transaction = { description: payee, postings: [] } as unknown as Transaction
  const desc = (term: Term) => term.test(transaction, {} as Posting)
  const groups = { acct: [] as Term[], desc: [] as Term[], status: [] as Term[] }
  const others: Term[] = []
  // The `date:` terms and -b/-e make one date term (their intersection), as hledger reads them.
  let dated = flags.dates === true
  for (const term of search.terms) {
    if (term.span !== undefined) dated = true
    else if (term.kind !== 'other' && !term.negated) groups[term.kind].push(term)
    else others.push(term)
  }
  type Child = { readonly or: 'acct' | 'desc' | 'status'; readonly terms: ReadonlyArray<Term> } | Term | 'flag'
  const children: Child[] = []
  // hledger's simplification: an OR (or AND) of one term written several times is that term.
  const same = (terms: ReadonlyArray<Term>): boolean => terms.every((term) => term.key === terms[0]?.key)
  for (const kind of ['acct', 'desc', 'status'] as const) {
    const terms = groups[kind]
    if (terms.length === 1 || (terms.length > 1 && same(terms))) children.push(terms[0] as Term)
    else if (terms.length > 1) children.push({ or: kind, terms })
  }
  const flagCount = (dated ? 1 : 0) + (flags.others ?? 0)
  if (children.length === 0 && flagCount === 0 && others.length > 1 && same(others)) children.push(others[0] as Term)
  else children.push(...others)
  for (let flag = 0; flag < flagCount; flag++) children.push('flag')
  if (children.length === 0) return true
  const isLoneDesc = (child: Child): child is Term =>
    typeof child !== 'string' && 'test' in child && child.kind === 'desc' && !child.negated
  if (children.length > 1) return children.filter(isLoneDesc).every(desc)
  const only = children[0] as Child
  if (only === 'flag') return false
  if ('or' in only) return only.or === 'desc' && only.terms.some(desc)
  return (only.kind === 'desc' && desc(only)) !== only.negated
}

/**
 * A query written on one line (an auto posting rule's) → its terms: blank-separated, `'…'` or `"…"` quoting a term with
 * spaces. None for a value that is not text.
 */
export const queryWords = (text: string): ReadonlyArray<string> =>
  typeof text !== 'string'
    ? []
    : [...text.matchAll(/(?:[^\s'"]|'[^']*'|"[^"]*")+/gu)].map((match) =>
        match[0].replace(/'([^']*)'|"([^"]*)"/gu, '$1$2'),
      )

/** Renders a query error as one line. */
export const renderSearchError = (error: SearchError): string =>
  `invalid query term ${JSON.stringify(error.term)}: ${error.reason}`

/**
 * Whether an account name alone matches the query, as hledger 1.25's `accounts` tests declared
 * accounts (`matchesAccount`): account terms test the name; `tag:`, `payee:` and `note:` terms are false and the other
 * terms true (before `not:`), combined as `matches` combines them.
 */
export const matchesAccountName = (search: Search, account: AccountName): boolean => {
  const posting = { account } as Posting
  const transaction = { postings: [posting] } as unknown as Transaction
  return combine(search, (term) => (term.kind === 'acct' ? term.test(transaction, posting) : (term.onName ?? true)))
}
