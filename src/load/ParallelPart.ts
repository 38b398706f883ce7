/**
 * The later part of a journal cut in two (`Parallel.ts`), posted on its own to a running-only
 * ledger: what a worker thread computes. The text is the journal's prelude (its declarations,
 * byte for byte) followed by the later part. The result is exact data (`RunningSummary`, balance
 * assertions with the part's own running balance at their point), or a refusal, for anything this
 * path does not reproduce exactly: the caller then loads the journal the usual way, which reports
 * every error and warning itself. Refused: any parse or elaboration error or warning; an include;
 * in the prelude anything but account, commodity and decimal-mark directives, comments and blank
 * lines; after it anything but transactions, comment lines and blank lines; a transaction of the
 * found view only; dates out of order; a failed posting; a balance assignment; an assertion whose
 * transaction has another posting to the asserted account (or, for `=*`, into its subtree).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from '../core/AccountName.js'
import * as Ledger from '../core/Ledger.js'
import { postUnchecked } from '../core/ledger/Post.js'
import { type BalanceEntries, type RunningSummary, summarize } from '../core/ledger/Running.js'
import type { PostingInput } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { TransactionInput } from '../core/Transaction.js'
import * as Elaborate from '../journal/Elaborate.js'
import { parse, parseEach } from '../journal/Parse.js'
import type * as Syntax from '../journal/Syntax.js'

/** A balance assertion of the later part, to be settled once the earlier part's balances are known. */
export interface RecordedAssertion {
  readonly account: string
  readonly book: Ledger.Book
  readonly inclusive: boolean
  readonly sole: boolean
  readonly commodity: string
  /** The asserted quantity, exact. */
  readonly asserted: string
  /** The part's own running balance of the account (or subtree) in `book` right after the assertion's posting. */
  readonly balance: BalanceEntries
}

/** What one part's load gave: its running summary, dates and recorded assertions, or why it refused. */
export type PartResult =
  | {
      readonly ok: true
      readonly summary: RunningSummary
      /** The first and last transaction dates (in order: the part refuses dates out of order). */
      readonly firstDate: string
      readonly lastDate: string
      readonly assertions: ReadonlyArray<RecordedAssertion>
    }
  | { readonly ok: false; readonly reason: string }

const preludeTags: ReadonlySet<Syntax.Node['_tag']> = new Set([
  'AccountDirective',
  'CommodityDirective',
  'DecimalMarkDirective',
  'BlankLine',
  'CommentLine',
])
const bodyTags: ReadonlySet<Syntax.Node['_tag']> = new Set(['Transaction', 'BlankLine', 'CommentLine'])

class Refused extends Error {}

const refuse = (reason: string): never => {
  throw new Refused(reason)
}

/** Whether another posting of the transaction moves the balance the assertion at `index` reads. */
const sharesAccount = (postings: ReadonlyArray<PostingInput>, index: number): boolean => {
  const asserted = postings[index] as PostingInput
  const inclusive = asserted.assertion?.inclusive === true
  return postings.some(
    (other, position) =>
      position !== index &&
      (inclusive ? AccountName.isWithin(other.account, asserted.account) : other.account === asserted.account),
  )
}

/** The transaction without its assertions, and where they were; refuses a balance assignment. */
const noAssertions: ReadonlyArray<number> = []

const withoutAssertions = (input: TransactionInput): { input: TransactionInput; asserted: ReadonlyArray<number> } => {
  let any = false
  for (const posting of input.postings) if (posting.assertion !== undefined) any = true
  // The common transaction, as it is.
  if (!any) return { input, asserted: noAssertions }
  const asserted: number[] = []
  input.postings.forEach((posting, index) => {
    if (posting.assertion === undefined) return
    if (posting.money === undefined && posting.goods === undefined) refuse('a balance assignment')
    if (sharesAccount(input.postings, index)) refuse('an assertion beside another posting to its account')
    asserted.push(index)
  })
  if (asserted.length === 0) return { input, asserted }
  const postings = input.postings.map((posting) => {
    if (posting.assertion === undefined) return posting
    const { assertion: _, ...rest } = posting
    return rest
  })
  return { input: { ...input, postings }, asserted }
}

/** Whether a transaction is in the found view only (`; view: found`), as `Early.foundOnly` says. */
const foundOnly = (input: TransactionInput): boolean =>
  (input.tags ?? []).some((tag) => tag.name === 'view' && tag.value === 'found')

/**
 * The prelude's declarations on an empty running-only ledger, in the loader's order (commodities,
 * then accounts; the prelude declares no entity), or undefined when one is refused (the usual load
 * reports it). This module does not import `Early.ts`, which would load the domain layer into the
 * worker thread for nothing.
 */
const declared = (elaborator: Elaborate.Elaborator): Ledger.Ledger | undefined => {
  const { entities, commodities, accounts } = elaborator.declared()
  if (entities.length > 0) return undefined
  let ledger = Ledger.empty({ keepTransactions: false })
  for (const { commodity, span } of commodities) {
    const result = Ledger.declareCommodity(commodity, span)(ledger)
    if (E.isLeft(result)) return undefined
    ledger = result.right
  }
  for (const account of accounts) {
    const result = Ledger.declareAccount(account)(ledger)
    if (E.isLeft(result)) return undefined
    ledger = result.right
  }
  return ledger
}

/**
 * Posts the journal text `text` (named `name`) as the later part of a cut journal, to an empty
 * running-only ledger. See the module comment for what is refused.
 */
export const postPart = (name: string, text: string): PartResult => {
  let ledger: Ledger.Ledger | undefined
  let commodities = 0
  let accounts = 0
  const assertions: RecordedAssertion[] = []
  let firstDate: string | undefined
  let lastDate: string | undefined
  let inBody = false
  const take = (entry: Elaborate.DatedEntry): boolean => {
    if (entry._tag !== 'Transaction') return refuse(`a ${entry._tag} entry`)
    if (foundOnly(entry.input)) return refuse('a transaction of the found view only')
    const date: string = entry.input.date
    if (lastDate !== undefined && date < lastDate) return refuse('dates out of order')
    const now = elaborator.declared()
    if (ledger === undefined) {
      ledger = declared(elaborator) ?? refuse('a declaration refused')
      commodities = now.commodities.length
      accounts = now.accounts.length
    } else if (now.commodities.length !== commodities || now.accounts.length !== accounts || now.entities.length > 0)
      return refuse('a declaration after the first transaction')
    const { input, asserted } = withoutAssertions(entry.input)
    const posted = postUnchecked(input)(ledger)
    if (E.isLeft(posted)) return refuse(`a posting error (${posted.left._tag})`)
    const after = posted.right
    ledger = after
    for (const index of asserted) {
      const posting = entry.input.postings[index] as PostingInput
      const assertion = posting.assertion as NonNullable<PostingInput['assertion']>
      const symbol = assertion.amount.commodity
      const kind = Ledger.commodityKind(ledger as Ledger.Ledger, symbol)
      if (kind === undefined) return refuse('an assertion in a commodity of no known kind')
      const book: Ledger.Book = kind === 'goods' ? 'goods' : 'money'
      const balance = Ledger.runningBalance(ledger as Ledger.Ledger, posting.account, book, assertion.inclusive)
      assertions.push({
        account: posting.account,
        book,
        inclusive: assertion.inclusive,
        sole: assertion.sole,
        commodity: symbol,
        asserted: Quantity.toScaledString(assertion.amount.quantity),
        balance: [...balance].map(([commodity, quantity]) => [commodity, Quantity.toScaledString(quantity)] as const),
      })
    }
    firstDate ??= date
    lastDate = date
    return true
  }
  const elaborator = new Elaborate.Elaborator(take)
  try {
    const parsed = parseEach(name, text, (node) => {
      if (node._tag === 'Transaction') inBody = true
      if (!(inBody ? bodyTags : preludeTags).has(node._tag)) refuse(`a ${node._tag} node`)
      elaborator.add(node)
      if (elaborator.errorCount > 0) refuse('an elaboration error')
    })
    if (parsed.errors.length > 0) return { ok: false, reason: 'a parse error' }
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message }
    throw error
  }
  const finished = elaborator.finish()
  if (finished.errors.length > 0 || finished.warnings.length > 0) return { ok: false, reason: 'a diagnostic' }
  if (finished.entries.length > 0) return { ok: false, reason: 'an entry not posted' }
  if (ledger === undefined || firstDate === undefined || lastDate === undefined)
    return { ok: false, reason: 'no transaction' }
  return { ok: true, summary: summarize(ledger), firstDate, lastDate, assertions }
}

/** The prelude's and the later part's bytes as text, or undefined when they are not strict UTF-8. */
export const partText = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Whether a prelude (text before the first dated line) is one the worker takes, checked up front
 * by the main thread so that a journal the worker would refuse at its first line does not cost a
 * load of the earlier half first: no parse error, and only the prelude's node kinds.
 */
export const preludeHolds = (name: string, text: string): boolean => {
  const parsed = parse(name, text)
  return parsed.errors.length === 0 && parsed.nodes.every((node) => preludeTags.has(node._tag))
}
