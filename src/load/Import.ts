/**
 * Importing the JSON interchange document (src/journal/Json.ts): decode it with its io-ts codec,
 * declare entities, commodities and accounts, then apply the entries in the document's order —
 * plain transactions are posted, operations applied — exactly as the journal loader does
 * (frozen-account debits are recorded, not rejected). The result has the same shape as a
 * loaded journal, less the syntax tree.
 *
 * Every failure is a typed `ImportError` naming the path in the document (`entries.12`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { AccountType } from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Ledger from '../core/Ledger.js'
import type * as Posting from '../core/Posting.js'
import type * as Transaction from '../core/Transaction.js'
import { isRecord, kindOf } from '../core/Untyped.js'
import * as Apply from '../domain/Apply.js'
import * as Books from '../domain/Books.js'
import { type BuildError, renderBuildError } from '../domain/BuildError.js'
import * as Json from '../journal/Json.js'
import type { Diagnostic } from './Diagnostic.js'
import type { Loaded } from './Load.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A loaded ledger without the journal's syntax tree: what `importDocument` returns. */
export type Imported = Omit<Loaded, 'elaborated'>

/** Options of an import: root names for account types, and the name and text of the document (kept in `sources`). */
export interface ImportOptions {
  /** Root names that imply an account type (default: English and Russian names, as the loader). */
  readonly rootNames?: ReadonlyMap<string, AccountType>
  /** The name the document was read from, kept in `sources` (with `text`) for diagnostics. */
  readonly name?: string
  readonly text?: string
}

/** One problem in the document's shape: a dot path (`entries.3.transaction.date`) and what was expected there. */
export interface DocumentIssue {
  readonly path: string
  readonly message: string
}

/** Why a document could not be imported; every variant names the path in the document where it applies. */
export type ImportError =
  | { readonly _tag: 'InvalidJson'; readonly reason: string }
  /** An argument of the wrong kind (a JavaScript caller): JSON text that is not a string, options of another kind. */
  | { readonly _tag: 'InvalidImportInput'; readonly path: string; readonly expected: string; readonly actual: string }
  | { readonly _tag: 'UnsupportedVersion'; readonly version: unknown; readonly supported: number }
  | { readonly _tag: 'InvalidDocument'; readonly issues: ReadonlyArray<DocumentIssue> }
  | { readonly _tag: 'DeclarationRejected'; readonly path: string; readonly error: Ledger.DeclarationError }
  | { readonly _tag: 'TransactionRejected'; readonly path: string; readonly error: Ledger.PostingError }
  | { readonly _tag: 'OperationRejected'; readonly path: string; readonly error: BuildError }
  | {
      readonly _tag: 'InferredAmountMismatch'
      readonly path: string
      readonly account: string
      readonly written: string
      readonly inferred: string
    }

/** At most this many shape issues are reported for one document. */
export const documentIssuesMax = 20

// -------------------------------------------------------------------------------------
// rendering
// -------------------------------------------------------------------------------------

/** Renders an import error as sentences, one issue per line. */
export const renderImportError = (error: ImportError): string => {
  switch (error._tag) {
    case 'InvalidJson':
      return `not JSON: ${error.reason}`
    case 'InvalidImportInput':
      return `import input is not well-formed: ${error.path} should be ${error.expected}, not ${error.actual}`
    case 'UnsupportedVersion':
      return (
        `unsupported document version ${JSON.stringify(error.version) ?? String(error.version)}; this ` +
        `version of shadow-ledger reads version ${error.supported}`
      )
    case 'InvalidDocument':
      return error.issues
        .map((issue) => `${issue.path === '' ? '(document)' : issue.path}: ${issue.message}`)
        .join('\n')
    case 'DeclarationRejected':
      return `${error.path}: ${Ledger.renderPostingError(error.error)}`
    case 'TransactionRejected':
      return `${error.path}: ${Ledger.renderPostingError(error.error)}`
    case 'OperationRejected':
      return `${error.path}: ${renderBuildError(error.error)}`
    case 'InferredAmountMismatch':
      return (
        `${error.path}: the document says ${error.account} received ${error.written}, but the engine ` +
        `infers ${error.inferred}`
      )
  }
}

// -------------------------------------------------------------------------------------
// decoding
// -------------------------------------------------------------------------------------

const issueOf = (error: t.ValidationError): DocumentIssue => {
  // Union and intersection members add numeric keys of their own: keep only keys that index the value.
  const keys: string[] = []
  let value: unknown = error.context[0]?.actual
  const last = error.context.length - 1
  for (const [position, entry] of error.context.entries()) {
    if (position === 0 || entry.key === '' || typeof value !== 'object' || value === null) continue
    // A missing property is named by the last entry only.
    if (!(entry.key in value) && !(position === last && !Array.isArray(value) && !/^\d+$/u.test(entry.key))) continue
    keys.push(entry.key)
    value = (value as Record<string, unknown>)[entry.key]
  }
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a value'
  return {
    path: keys.join('.'),
    message: error.message ?? `expected ${expected}, got ${JSON.stringify(error.value) ?? 'nothing'}`,
  }
}

/** Decodes a parsed JSON value into a document, or says what is wrong with it. */
export const decodeDocument = (json: unknown): E.Either<ImportError, Json.LedgerDocument> => {
  const version =
    typeof json === 'object' && json !== null ? (json as { readonly version?: unknown }).version : undefined
  if (version !== Json.documentVersion) {
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'version' in json)
      return E.left({ _tag: 'UnsupportedVersion', version, supported: Json.documentVersion })
  }
  const decoded = Json.LedgerDocumentCodec.decode(json)
  if (E.isRight(decoded)) return decoded
  const seen = new Set<string>()
  const issues: DocumentIssue[] = []
  for (const error of decoded.left) {
    const issue = issueOf(error)
    const key = `${issue.path}\u0000${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push(issue)
    if (issues.length >= documentIssuesMax) break
  }
  return E.left({ _tag: 'InvalidDocument', issues })
}

// -------------------------------------------------------------------------------------
// building
// -------------------------------------------------------------------------------------

type PostingJson = Json.TransactionEntry['transaction']['postings'][number]

/**
 * The transaction as written: postings whose amount the engine inferred are written back
 * without it (consecutive elided postings of one account were one elided posting), so that the
 * engine infers it again.
 */
const inputOf = (transaction: Json.TransactionEntry['transaction']): Transaction.TransactionInput => {
  const postings: Posting.PostingInput[] = []
  let previous: PostingJson | undefined
  for (const posting of transaction.postings) {
    const continuesElided =
      posting.origin === 'elided' && previous?.origin === 'elided' && previous.account === posting.account
    previous = posting
    if (continuesElided) continue
    postings.push({
      account: posting.account,
      ...(posting.money !== undefined && posting.origin === 'written' ? { money: posting.money } : {}),
      ...(posting.goods !== undefined ? { goods: posting.goods } : {}),
      ...(posting.estimated ? { estimated: true } : {}),
      status: posting.status,
      ...(posting.assertion !== undefined ? { assertion: posting.assertion } : {}),
      citations: posting.citations,
      tags: posting.tags,
      ...(posting.comment !== undefined ? { comment: posting.comment } : {}),
      ...(posting.span !== undefined ? { span: posting.span } : {}),
    })
  }
  return {
    date: transaction.date,
    ...(transaction.date2 !== undefined ? { date2: transaction.date2 } : {}),
    status: transaction.status,
    ...(transaction.code !== undefined ? { code: transaction.code } : {}),
    description: transaction.description,
    ...(transaction.comment !== undefined ? { comment: transaction.comment } : {}),
    ...(transaction.origin !== undefined ? { origin: transaction.origin } : {}),
    postings,
    tags: transaction.tags,
    citations: transaction.citations,
    span: transaction.span,
  }
}

const showMoney = (amount: Amount.Amount | undefined): string =>
  amount === undefined ? 'no amount' : Amount.showExact(amount)

/** The first posting whose inferred money differs from what the document wrote. */
const mismatch = (
  written: ReadonlyArray<PostingJson>,
  posted: ReadonlyArray<Posting.Posting>,
  path: string,
): ImportError | undefined => {
  const count = Math.max(written.length, posted.length)
  for (let index = 0; index < count; index++) {
    const expected = written[index]
    const actual = posted[index]
    const same =
      expected !== undefined &&
      actual !== undefined &&
      expected.account === actual.account &&
      (expected.money === undefined
        ? actual.money === undefined
        : actual.money !== undefined && Amount.equals(expected.money, actual.money))
    if (!same) {
      return {
        _tag: 'InferredAmountMismatch',
        path: `${path}.postings.${index}`,
        account: expected?.account ?? actual?.account ?? '',
        written: showMoney(expected?.money),
        inferred: showMoney(actual?.money),
      }
    }
  }
  return undefined
}

/** Builds books and statements from a decoded document. */
export const fromDocument = (
  document: Json.LedgerDocument,
  options: ImportOptions = {},
): E.Either<ImportError, Imported> => {
  let ledger = Ledger.empty(options.rootNames !== undefined ? { rootNames: options.rootNames } : {})
  const steps: ReadonlyArray<
    readonly [string, (ledger: Ledger.Ledger) => E.Either<Ledger.DeclarationError, Ledger.Ledger>]
  > = [
    ...document.declarations.entities.map(
      (entity, index) => [`declarations.entities.${index}`, Ledger.declareEntity(entity)] as const,
    ),
    ...document.declarations.commodities.map(
      (commodity, index) => [`declarations.commodities.${index}`, Ledger.declareCommodity(commodity)] as const,
    ),
    ...document.declarations.accounts.map(
      (account, index) => [`declarations.accounts.${index}`, Ledger.declareAccount(account)] as const,
    ),
  ]
  for (const [path, declare] of steps) {
    const declared = declare(ledger)
    if (E.isLeft(declared)) return E.left({ _tag: 'DeclarationRejected', path, error: declared.left })
    ledger = declared.right
  }
  let books = Books.fromLedger(ledger, document.currency !== undefined ? { currency: document.currency } : {})
  for (const [index, entry] of document.entries.entries()) {
    const path = `entries.${index}`
    if ('transaction' in entry) {
      const posted = Books.postTransaction(inputOf(entry.transaction))(books)
      if (E.isLeft(posted))
        return E.left({ _tag: 'TransactionRejected', path: `${path}.transaction`, error: posted.left })
      const problem = mismatch(
        entry.transaction.postings,
        Ledger.transactions(posted.right.ledger).at(-1)?.postings ?? [],
        `${path}.transaction`,
      )
      if (problem !== undefined) return E.left(problem)
      books = posted.right
      continue
    }
    const applied = Apply.apply(entry.operation, {
      span: entry.span,
      citations: entry.citations,
      estimated: entry.estimated,
      frozenDebits: 'record',
      ...(entry.description !== undefined ? { description: entry.description } : {}),
    })(books)
    if (E.isLeft(applied)) return E.left({ _tag: 'OperationRejected', path: `${path}.operation`, error: applied.left })
    books = applied.right
  }
  const warnings: ReadonlyArray<Diagnostic> = []
  const sources: ReadonlyMap<string, string> =
    options.name !== undefined ? new Map([[options.name, options.text ?? '']]) : new Map()
  return E.right({
    ledger: books.ledger,
    books,
    reported: document.reported ?? [],
    settings: document.settings ?? [],
    expectations: document.expectations ?? [],
    view: 'found',
    // The interchange document carries the books, not hledger's rules (`~`, `=`).
    periodic: [],
    autoRules: [],
    warnings,
    sources,
  })
}

/** The kinds of the import options (JavaScript callers), checked once per import. */
const checkImportOptions = (options: unknown): ImportError | undefined => {
  const problem = (path: string, expected: string, value: unknown): ImportError => ({
    _tag: 'InvalidImportInput',
    path,
    expected,
    actual: kindOf(value),
  })
  if (!isRecord(options)) return problem('options', 'an object', options)
  if (options.rootNames !== undefined && !(options.rootNames instanceof Map))
    return problem('options.rootNames', 'a Map', options.rootNames)
  for (const key of ['name', 'text'] as const)
    if (options[key] !== undefined && typeof options[key] !== 'string')
      return problem(`options.${key}`, 'a string', options[key])
  return undefined
}

/**
 * Imports a parsed JSON document (the value `exportDocument` wrote, after `JSON.parse`).
 *
 * ```ts
 * const imported = importDocument(JSON.parse(text))
 * if (E.isRight(imported)) console.log(Query.trialBalance(imported.right.ledger, { book: 'goods' }).rows)
 * else console.error(renderImportError(imported.left))
 * ```
 */
export const importDocument = (json: unknown, options: ImportOptions = {}): E.Either<ImportError, Imported> => {
  const invalid = checkImportOptions(options)
  if (invalid !== undefined) return E.left(invalid)
  const decoded = decodeDocument(json)
  return E.isLeft(decoded) ? decoded : fromDocument(decoded.right, options)
}

/**
 * Parses JSON text and imports it; malformed JSON is an `InvalidJson` error, not an exception.
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
export const importJson = (text: string, options: ImportOptions = {}): E.Either<ImportError, Imported> => {
  const invalid =
    typeof text === 'string'
      ? checkImportOptions(options)
      : ({ _tag: 'InvalidImportInput', path: 'text', expected: 'a string', actual: kindOf(text) } as const)
  if (invalid !== undefined) return E.left(invalid)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return E.left({ _tag: 'InvalidJson', reason: error instanceof Error ? error.message : String(error) })
  }
  return importDocument(json, { ...options, ...(options.text === undefined ? { text } : {}) })
}
