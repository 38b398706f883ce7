/**
 * Applying operations to books.
 *
 * `expand(operation, context)(books)` checks the operation's preconditions against the books and
 * computes its effects without writing anything: at most one balanced core `TransactionInput`
 * (every entity's legs balance on their own; goods move between stage accounts on the same
 * postings and are conserved per commodity and entity), the new states of the documents it
 * touches, and the rule breaches it records as notes.
 *
 * `apply(operation, context)(books)` expands, posts the transaction with core `Ledger.post`, and
 * appends the document states: atomic (on any error the books are unchanged; an operation posts
 * a single transaction, and documents are written only after it was posted), O(size of the
 * operation) on the newest view, deterministic.
 *
 * Inter-entity legs (a seller's receivable and the buyer's payable, a bank's loan and the
 * borrower's liability, the two sides of a payment) carry the tag `counterparty: <entity>`;
 * `Consolidate.ts` eliminates them.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { Ledger, Transaction } from '../core/index.js'
import { postUnchecked } from '../core/ledger/Post.js'
import {
  type AppliedOperation,
  type Books,
  type DocumentId,
  internal,
  makeBooks,
  planKey,
  tableNames,
  tableOfKind,
} from './Books.js'
import type { BuildError } from './BuildError.js'
import type { DomainError } from './DomainError.js'
import { type ApplyContext, type Check, Draft, type Expansion } from './instruments/Draft.js'
import { handlers } from './instruments/index.js'
import type * as Op from './Operation.js'
import { OperationCodec } from './Operation.js'
import { fork, table, write } from './Store.js'

export { type ApplyContext, counterpartyTag, type Expansion } from './instruments/Draft.js'
export { termMonthsMax } from './instruments/index.js'

const run = (d: Draft, op: Op.Operation): Check => (handlers[op._tag] as (d: Draft, op: Op.Operation) => Check)(d, op)

// -------------------------------------------------------------------------------------
// expand and apply
// -------------------------------------------------------------------------------------

/** Checks the operation against the books and computes its effects, writing nothing. */
export const expand =
  (operation: Op.Operation, context: ApplyContext) =>
  (books: Books): E.Either<DomainError, Expansion> => {
    const d = new Draft(books, operation, context)
    const error = run(d, operation)
    if (error !== undefined) return E.left(error)
    const document = d.primary
    const transaction: Transaction.TransactionInput | undefined =
      d.postings.length === 0
        ? undefined
        : {
            date: operation.date,
            ...(document !== undefined ? { code: document } : {}),
            description:
              context.description ?? (document !== undefined ? `${operation._tag} ${document}` : operation._tag),
            origin: { operation: operation._tag, ...(document !== undefined ? { document } : {}) },
            postings: d.postings,
            citations: context.citations ?? [],
            ...(context.estimated === true ? { estimated: true } : {}),
            span: context.span,
          }
    return E.right({
      ...(transaction !== undefined ? { transaction } : {}),
      documents: [...d.documents.values()],
      settlementAccounts: [...d.settlementAccounts.values()],
      plans: [...d.plans.values()],
      notes: d.notes,
    })
  }

/**
 * Why an apply context is malformed, for JavaScript callers (its span, citations and description
 * go into the posted transaction, which `apply` posts without `Ledger.post`'s guard); undefined
 * when it is well-formed.
 */
const contextProblem = (context: unknown): string | undefined => {
  if (typeof context !== 'object' || context === null) return 'the context is not an object'
  const { span, citations, description, frozenDebits, estimated } = context as Readonly<Record<string, unknown>>
  const spanFields = span as Readonly<Record<string, unknown>> | null | undefined
  if (
    typeof spanFields !== 'object' ||
    spanFields === null ||
    typeof spanFields.file !== 'string' ||
    !Number.isInteger(spanFields.line) ||
    !Number.isInteger(spanFields.column) ||
    !Number.isInteger(spanFields.endLine)
  )
    return 'context.span is not a source span (SourceSpan.synthetic or SourceSpan.make)'
  if (
    citations !== undefined &&
    (!Array.isArray(citations) ||
      citations.some(
        (citation) => typeof citation !== 'object' || citation === null || typeof citation.text !== 'string',
      ))
  )
    return 'context.citations is not a list of citations'
  if (description !== undefined && typeof description !== 'string') return 'context.description is not a string'
  if (frozenDebits !== undefined && frozenDebits !== 'reject' && frozenDebits !== 'record')
    return 'context.frozenDebits is not reject or record'
  if (estimated !== undefined && typeof estimated !== 'boolean') return 'context.estimated is not a boolean'
  return undefined
}

/**
 * Why `operation` fails its codec: the first field that is missing or of the wrong kind (a JS number where a quantity
 * is expected).
 */
const invalidOperation = (operation: unknown): DomainError => {
  const tag =
    typeof operation === 'object' && operation !== null ? (operation as { readonly _tag?: unknown })._tag : undefined
  const name = typeof tag === 'string' ? tag : 'the value'
  const member = OperationCodec.types.find((codec) => codec.name === name) as unknown as
    | { readonly type?: { readonly types?: ReadonlyArray<{ readonly props?: t.Props }> } }
    | undefined
  if (member === undefined || typeof operation !== 'object' || operation === null)
    return { _tag: 'InvalidOperation', operation: name, reason: 'unknown operation _tag' }
  const [required, optional] = member.type?.types ?? []
  const fields = operation as Readonly<Record<string, unknown>>
  for (const [key, codec] of Object.entries(required?.props ?? {})) {
    if (!codec.is(fields[key]))
      return {
        _tag: 'InvalidOperation',
        operation: name,
        reason:
          fields[key] === undefined
            ? `${key} is missing`
            : `${key} is not a valid ${codec.name} (a ${typeof fields[key]})`,
      }
  }
  for (const [key, codec] of Object.entries(optional?.props ?? {})) {
    if (fields[key] !== undefined && !codec.is(fields[key]))
      return {
        _tag: 'InvalidOperation',
        operation: name,
        reason: `${key} is not a valid ${codec.name} (a ${typeof fields[key]})`,
      }
  }
  return { _tag: 'InvalidOperation', operation: name, reason: 'a field is of the wrong kind' }
}

/**
 * Applies one operation: expands it, posts its transaction, records the documents and the
 * history entry. Atomic: on error the books are unchanged. Data-last:
 * `pipe(books, apply(a, ctx), E.flatMap(apply(b, ctx)))`.
 *
 * @example
 * ```ts
 * const kirov = Entity.unsafeName('kirov')
 * const launch: Operation.Operation = {
 *   _tag: 'LaunchWip',
 *   date: LocalDate.unsafeFromString('1936-01-10'),
 *   entity: kirov,
 *   goods: { commodity: Commodity.unsafeSymbol('T28'), quantity: Quantity.unsafeFromInteger(12) },
 * }
 * const books = pipe(
 *   Books.empty([{ name: kirov, citations: [] }]),
 *   E.flatMap(Apply.apply(launch, { span: SourceSpan.synthetic('api') })),
 * )
 * if (E.isLeft(books)) throw new Error(JSON.stringify(books.left))
 * // Query.trialBalance(books.right.ledger, { book: 'goods' })
 * //   .rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)
 * //   → ['kirov:assets:wip 12 T28', 'kirov:equity:goods-origin -12 T28']
 * // Books.history(books.right).length → 1
 * // an operation for an undeclared entity changes nothing:
 * // Apply.apply({ ...launch, entity: Entity.unsafeName('izhora') }, { span: SourceSpan.synthetic('api') })(
 * //   books.right,
 * // ) → E.left({ _tag: 'UnknownEntity', entity: 'izhora' })
 * ```
 */
export const apply =
  (operation: Op.Operation, context: ApplyContext) =>
  (books: Books): E.Either<BuildError, Books> => {
    // The public boundary: a value built by hand in JavaScript (a number where a quantity is
    // expected, a missing field) is a typed error here, not a TypeError deep inside.
    if (!OperationCodec.is(operation)) return E.left(invalidOperation(operation))
    const badContext = contextProblem(context)
    if (badContext !== undefined)
      return E.left({ _tag: 'InvalidOperation', operation: operation._tag, reason: badContext })
    const expanded = expand(operation, context)(books)
    if (E.isLeft(expanded)) return expanded
    const expansion = expanded.right
    let ledger = books.ledger
    if (expansion.transaction !== undefined) {
      const posted = postUnchecked(expansion.transaction)(ledger)
      if (E.isLeft(posted)) return posted
      ledger = posted.right
    }
    const state = internal(books)
    const store = state.size === state.store.head ? state.store : fork(state.store, state.size)
    const version = state.size + 1
    for (const document of expansion.documents) {
      write(table(store, tableNames.documents), document.id, document, version)
      write(table(store, tableNames[tableOfKind[document.kind]]), document.id, document, version)
    }
    for (const account of expansion.settlementAccounts)
      write(table(store, tableNames.settlementAccounts), account.account, account, version)
    for (const line of expansion.plans)
      write(table(store, tableNames.plans), planKey(line.entity, line.item, line.period), line, version)
    const touched: DocumentId[] = expansion.documents.map((document) => document.id)
    const entry: AppliedOperation = {
      index: state.size,
      operation,
      span: context.span,
      citations: context.citations ?? [],
      estimated: context.estimated === true,
      ...(expansion.transaction !== undefined ? { transaction: ledger.size - 1 } : {}),
      documents: touched,
      notes: expansion.notes,
    }
    store.history.push(entry)
    store.head = version
    return E.right(makeBooks({ ...state, ledger, size: version, store }))
  }

/** Applies operations in order, stopping at the first error, which comes with the index of the failed operation. */
export const applyAll =
  (operations: Iterable<{ readonly operation: Op.Operation; readonly context: ApplyContext }>) =>
  (books: Books): E.Either<{ readonly error: DomainError | Ledger.PostingError; readonly index: number }, Books> => {
    let result = books
    let index = 0
    const iterable = operations as { readonly [Symbol.iterator]?: unknown } | null | undefined
    if (iterable === null || iterable === undefined || typeof iterable[Symbol.iterator] !== 'function')
      return E.left({
        error: { _tag: 'InvalidOperation', operation: 'the value', reason: 'the operations are not a list' },
        index,
      })
    for (const item of operations) {
      if (typeof item !== 'object' || item === null)
        return E.left({
          error: { _tag: 'InvalidOperation', operation: 'the value', reason: 'not an { operation, context } pair' },
          index,
        })
      const next = apply(item.operation, item.context)(result)
      if (E.isLeft(next)) return E.left({ error: next.left, index })
      result = next.right
      index++
    }
    return E.right(result)
  }
