/**
 * hledger's `--forecast` and `--auto`, on a loaded ledger: the periodic rules (`~`) become
 * ordinary transactions within a forecast window, and the auto posting rules (`=`) add their
 * postings after every matching posting. The result is a new ledger for the reports that asked
 * (balance, register, print); the books the loader built, which the reconciliation rules read,
 * are never changed.
 *
 * Semantics (hledger 1.25's manual): generated transactions carry the tag
 * `generated-transaction: ~ PERIOD` (and the hidden `_generated-transaction`); generated postings
 * carry `generated-posting: = QUERY` (and `_generated-posting`), and a transaction they changed
 * carries `modified:` (and `_modified`). Auto postings apply to forecast transactions too. A
 * multiplier `*N` multiplies the matched posting's amount (and its cost); `*N SYMBOL` also sets
 * the commodity; an amount, or a bare number, is used as written (hledger 1.25 adds no commodity
 * to a bare number, whatever its manual says); a posting without an amount is inferred, so that
 * the transaction balances.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Amount from '../core/Amount.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { Posting, PostingInput, Tag } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction, TransactionInput } from '../core/Transaction.js'
import type { AutoRule, PeriodicRule } from './Elaborate.js'
import { occurrences } from './Recurrence.js'
import * as Search from './Search.js'

/** The forecast window: generated dates are in `[start, end)`. */
export interface Window {
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
}

/** What to generate: forecast transactions within a window, auto postings, or both. */
export interface ExpandOptions {
  readonly forecast?: Window
  readonly auto?: boolean
}

/** What decides the forecast window (hledger 1.25's rule). */
export interface WindowInputs {
  /** From `--forecast=PERIOD`: its start and end, either possibly open. */
  readonly argument?: { readonly start: string | null; readonly end: string | null }
  /** The report's `-b` and `-e`. */
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
  /** Today's date (injected: never the clock in tests). */
  readonly today: LocalDate.LocalDate
}

/** How far past today the window ends by default: 180 days, as hledger. */
export const defaultForecastDays = 180

const plusDays = (date: LocalDate.LocalDate, days: number): LocalDate.LocalDate =>
  E.getOrElse(() => date)(LocalDate.addDays(days)(date))

/**
 * The forecast window, as hledger 1.25 sets it: it starts on the `--forecast` argument's start, or
 * else on the later of the report's start and the day after the latest transaction, or else today;
 * it ends on the argument's end, or else the report's end, or else 180 days after today.
 *
 * @example
 * ```ts
 * // latest transaction 2024-01-15, no report dates, today 2024-03-01:
 * // forecastWindow(ledger, { today: '2024-03-01' }) → { start: '2024-01-16', end: '2024-08-28' }
 * ```
 */
export const forecastWindow = (ledger: Ledger.Ledger, inputs: WindowInputs): Window => {
  const latest = Ledger.transactions(ledger).reduce<string | undefined>(
    (last, transaction) => (last === undefined || transaction.date > last ? transaction.date : last),
    undefined,
  )
  const candidates = [
    ...(inputs.begin !== undefined ? [inputs.begin] : []),
    ...(latest !== undefined ? [plusDays(latest as LocalDate.LocalDate, 1)] : []),
  ]
  const start =
    (inputs.argument?.start as LocalDate.LocalDate | null | undefined) ??
    (candidates.length > 0 ? candidates.reduce(LocalDate.max) : inputs.today)
  const end =
    (inputs.argument?.end as LocalDate.LocalDate | null | undefined) ??
    inputs.end ??
    plusDays(inputs.today, defaultForecastDays)
  return { start, end }
}

const generated = (
  comment: string | undefined,
  tags: ReadonlyArray<Tag> | undefined,
  name: string,
  value: string,
): { readonly comment: string; readonly tags: ReadonlyArray<Tag> } => ({
  comment: comment === undefined ? `${name}: ${value}` : `${comment}\n${name}: ${value}`,
  tags: [...(tags ?? []), { name, value }, { name: `_${name}`, value }],
})

/** The transactions the periodic rules make within the window, by date (rule order on a tie). */
export const forecastTransactions = (
  rules: ReadonlyArray<PeriodicRule>,
  window: Window,
): ReadonlyArray<TransactionInput> => {
  const made: Array<{ readonly input: TransactionInput; readonly order: number }> = []
  rules.forEach((rule, order) => {
    if (rule.recurrence === null) return
    for (const date of occurrences(rule.recurrence, window.start, window.end)) {
      const { comment, tags } = generated(
        rule.input.comment,
        rule.input.tags,
        'generated-transaction',
        `~ ${rule.periodText}`,
      )
      made.push({ input: { ...rule.input, date: date as LocalDate.LocalDate, comment, tags }, order })
    }
  })
  return made
    .sort((a, b) => (a.input.date < b.input.date ? -1 : a.input.date > b.input.date ? 1 : a.order - b.order))
    .map((entry) => entry.input)
}

/** A posted transaction as input again: every amount explicit, as posted. */
const inputOf = (transaction: Transaction): TransactionInput => ({
  date: transaction.date,
  ...(transaction.date2 !== undefined ? { date2: transaction.date2 } : {}),
  ...(transaction.code !== undefined ? { code: transaction.code } : {}),
  description: transaction.description,
  ...(transaction.comment !== undefined ? { comment: transaction.comment } : {}),
  ...(transaction.origin !== undefined ? { origin: transaction.origin } : {}),
  status: transaction.status,
  postings: transaction.postings.map(postingInputOf),
  tags: transaction.tags,
  citations: transaction.citations,
  estimated: transaction.estimated,
  span: transaction.span,
})

const postingInputOf = (posting: Posting): PostingInput => ({
  account: posting.account,
  ...(posting.money !== undefined ? { money: posting.money } : {}),
  ...(posting.goods !== undefined ? { goods: posting.goods } : {}),
  ...(posting.estimated ? { estimated: true } : {}),
  status: posting.status,
  ...(posting.virtual !== undefined ? { virtual: posting.virtual } : {}),
  ...(posting.cost !== undefined ? { cost: posting.cost } : {}),
  ...(posting.assertion !== undefined ? { assertion: posting.assertion } : {}),
  citations: posting.citations,
  tags: posting.tags,
  ...(posting.comment !== undefined ? { comment: posting.comment } : {}),
  ...(posting.span !== undefined ? { span: posting.span } : {}),
})

/** A posting as the query sees it (a generated one has no money until the ledger infers it). */
const asPosting = (input: PostingInput): Posting => ({
  account: input.account,
  ...(input.money !== undefined ? { money: input.money } : {}),
  ...(input.goods !== undefined ? { goods: input.goods } : {}),
  estimated: input.estimated ?? false,
  origin: 'written',
  status: input.status ?? 'unmarked',
  ...(input.virtual !== undefined ? { virtual: input.virtual } : {}),
  ...(input.cost !== undefined ? { cost: input.cost } : {}),
  citations: input.citations ?? [],
  tags: input.tags ?? [],
  ...(input.comment !== undefined ? { comment: input.comment } : {}),
  ...(input.span !== undefined ? { span: input.span } : {}),
})

/**
 * The postings one rule adds after a matched posting (none for a posting without money, where the rule needs its
 * amount).
 */
const postingsFor = (rule: AutoRule, matched: Posting): ReadonlyArray<PostingInput> => {
  const made: PostingInput[] = []
  for (const { input, multiplier, bare } of rule.postings) {
    let money = input.money
    let cost: Amount.Amount | undefined
    // A bare number (`2`, not `*2`) is used as written, without a commodity: what hledger 1.25 does
    // (its manual says it takes the matched commodity; the binary the compat tests run does not).
    if (money !== undefined && multiplier) {
      if (matched.money === undefined) continue
      const factor = money.quantity
      money = Amount.make(
        Quantity.multiply(matched.money.quantity, factor),
        bare ? matched.money.commodity : money.commodity,
      )
      if (bare && matched.cost !== undefined)
        cost = Amount.make(Quantity.multiply(matched.cost.quantity, factor), matched.cost.commodity)
    }
    const { comment, tags } = generated(input.comment, input.tags, 'generated-posting', `= ${rule.query}`)
    const { money: _written, ...rest } = input
    made.push({
      ...rest,
      ...(money !== undefined ? { money } : {}),
      ...(cost !== undefined ? { cost } : {}),
      comment,
      tags,
    })
  }
  return made
}

/** One transaction with every rule applied in turn, each to the postings the previous ones left (hledger's order). */
const applyRules = (transaction: Transaction, rules: ReadonlyArray<AutoRule>): TransactionInput => {
  const input = inputOf(transaction)
  let postings: ReadonlyArray<PostingInput> = input.postings
  let modified = false
  for (const rule of rules) {
    const { search } = rule
    if (search === null) continue
    const next: PostingInput[] = []
    for (const posting of postings) {
      next.push(posting)
      const seen = asPosting(posting)
      if (!Search.matches(search, transaction, seen)) continue
      const added = postingsFor(rule, seen)
      if (added.length > 0) modified = true
      next.push(...added)
    }
    postings = next
  }
  if (!modified) return input
  const { comment, tags } = generated(input.comment, input.tags, 'modified', '')
  return { ...input, postings, comment: comment.replace(/modified: $/u, 'modified:'), tags }
}

/** A ledger with the same declarations and no transactions. */
const emptyLike = (ledger: Ledger.Ledger): Ledger.Ledger => {
  const { declarations } = ledger
  let result = Ledger.empty({ rootNames: declarations.rootNames })
  const declare = (next: E.Either<Ledger.DeclarationError, Ledger.Ledger>): void => {
    if (E.isRight(next)) result = next.right
  }
  for (const entity of declarations.entities.values()) declare(Ledger.declareEntity(entity)(result))
  for (const commodity of declarations.commodities.values()) declare(Ledger.declareCommodity(commodity)(result))
  for (const account of declarations.accounts.values()) declare(Ledger.declareAccount(account)(result))
  return result
}

/**
 * The ledger with forecast transactions added (by date, after the transactions of the same date)
 * and auto postings applied (to every transaction, the forecast ones too). A transaction that no
 * longer balances, or an assertion that no longer holds, is the posting error, at its line.
 */
export const expand = (
  ledger: Ledger.Ledger,
  periodic: ReadonlyArray<PeriodicRule>,
  autoRules: ReadonlyArray<AutoRule>,
  options: ExpandOptions,
): E.Either<Ledger.PostingError, Ledger.Ledger> => {
  const forecast = options.forecast === undefined ? [] : forecastTransactions(periodic, options.forecast)
  const rules = options.auto === true ? autoRules : []
  if (forecast.length === 0 && rules.length === 0) return E.right(ledger)
  // The forecast transactions are posted first on their own, so that their elided amounts are inferred.
  const forecastLedger = Ledger.postAll(forecast)(emptyLike(ledger))
  if (E.isLeft(forecastLedger)) return E.left(forecastLedger.left.error)
  const real = Ledger.transactions(ledger)
  const made = Ledger.transactions(forecastLedger.right)
  const merged: Transaction[] = []
  let next = 0
  for (const transaction of real) {
    while (next < made.length && (made[next] as Transaction).date < transaction.date)
      merged.push(made[next++] as Transaction)
    merged.push(transaction)
  }
  while (next < made.length) merged.push(made[next++] as Transaction)
  const inputs = merged.map((transaction) => (rules.length > 0 ? applyRules(transaction, rules) : inputOf(transaction)))
  const posted = Ledger.postAll(inputs)(emptyLike(ledger))
  return E.isLeft(posted) ? E.left(posted.left.error) : E.right(posted.right)
}
