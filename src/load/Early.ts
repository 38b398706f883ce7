/**
 * Posting while parsing. The loader's rule is: declare everything, then apply every dated entry in
 * date order (stable: file order among equal dates). For the usual journal (declarations first,
 * entries in date order, no errors) that is the order the entries are read in, so they are applied
 * as they come and each one's syntax and input become garbage at once, instead of the whole journal
 * being held as a syntax tree and then as inputs. Transactions are posted to the ledger; operation
 * lines and physical counts are applied to the books (domain state) as `build` applies them.
 *
 * Plan lines are dated at their period's start, written anywhere, and merge with the other lines
 * of their period: `EarlyPlans.ts` reads a file's plan lines ahead and applies each plan before the
 * first entry that sorts after it. Plan entries are never taken: they stay in the elaborated
 * entries, and `build` skips those applied early.
 *
 * Posting early stops at the first entry dated before the last one applied, at a failed posting or
 * operation, at a transaction of the found view only, and at a plan line that was not read ahead.
 * The rest is applied after the load as usual. Whether what was applied early is what the rule
 * would have applied is decided at the end (`prefixHolds`, `plansHold`); if not, the loader
 * elaborates the journal again from its sources and builds the usual way, so the result never
 * depends on this.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as Entity from '../core/Entity.js'
import * as Ledger from '../core/Ledger.js'
import { postUnchecked } from '../core/ledger/Post.js'
import * as Apply from '../domain/Apply.js'
import * as Books from '../domain/Books.js'
import type * as Elaborate from '../journal/Elaborate.js'
import * as Operations from '../journal/Operations.js'
import * as Plans from '../journal/Plans.js'
import { dateOf } from './DateOrder.js'
import { markApplied, newSchedule, nextDue, notePlan, type PlanScan, type PlanSchedule } from './EarlyPlans.js'

/** Whether a transaction is in the found view only (`; view: found`). */
export const foundOnly = (entry: Elaborate.DatedEntry): boolean =>
  entry._tag === 'Transaction' && (entry.input.tags ?? []).some((tag) => tag.name === 'view' && tag.value === 'found')

/** What was applied early, for `build` to go on from. */
export interface EarlyPosting {
  /** The ledger with the declarations synced so far and the transactions posted early. */
  ledger: Ledger.Ledger
  /** The books of the operations, counts and plans applied early (their ledger may be older than `ledger`). */
  books: Books.Books | undefined
  /** Still taking entries. */
  open: boolean
  /** Entries and plans applied early. */
  posted: number
  /** The date of the last entry applied early. */
  lastDate: string | undefined
  /** The stream index of the last entry applied early (-1: none); `seen` is that of the next entry. */
  lastIndex: number
  seen: number
  /** Plan lines read ahead, plans waiting for their place and plans applied. */
  readonly plans: PlanSchedule
  /** How many of the elaborator's declarations are declared on `ledger`. */
  entities: number
  commodities: number
  accounts: number
  /** Accounts declared when the first operation or count was applied (they read the declarations). */
  accountsAtFirstOperation: number | undefined
  /** Physical counts applied early (`build` numbers the rest after them). */
  counts: number
  /** Warnings of the operations and counts applied early, in their order. */
  readonly warnings: Elaborate.ElaborateWarning[]
}

/** Nothing applied yet, on `ledger` (empty, with the load's ledger options); `scan` reads plan lines ahead. */
export const newEarlyPosting = (ledger: Ledger.Ledger, scan?: PlanScan): EarlyPosting => ({
  ledger,
  books: undefined,
  open: true,
  posted: 0,
  lastDate: undefined,
  lastIndex: -1,
  seen: 0,
  plans: newSchedule(scan),
  entities: 0,
  commodities: 0,
  accounts: 0,
  accountsAtFirstOperation: undefined,
  counts: 0,
  warnings: [],
})

/**
 * Declares on the early ledger the declarations read since the last sync, in the order `build`
 * declares them (entities, commodities, accounts). False when that would not give what `build`
 * gives: an entity or commodity declared after an entry was applied (it may change how that
 * entry applies), or a declaration error (`build` reports those).
 */
export const syncDeclarations = (early: EarlyPosting, elaborator: Elaborate.Elaborator): boolean => {
  const { entities, commodities, accounts } = elaborator.declared()
  if (early.posted > 0 && (entities.length > early.entities || commodities.length > early.commodities)) return false
  let ledger = early.ledger
  for (let index = early.entities; index < entities.length; index++) {
    const result = Ledger.declareEntity(entities[index] as Entity.Entity)(ledger)
    if (E.isLeft(result)) return false
    ledger = result.right
  }
  for (let index = early.commodities; index < commodities.length; index++) {
    const { commodity, span } = commodities[index] as Elaborate.CommodityDeclaration
    const result = Ledger.declareCommodity(commodity, span)(ledger)
    if (E.isLeft(result)) return false
    ledger = result.right
  }
  for (let index = early.accounts; index < accounts.length; index++) {
    const result = Ledger.declareAccount(accounts[index] as Ledger.AccountDeclaration)(ledger)
    if (E.isLeft(result)) return false
    ledger = result.right
  }
  early.ledger = ledger
  early.entities = entities.length
  early.commodities = commodities.length
  early.accounts = accounts.length
  return true
}

/** The books with the early ledger, as `build` hands its ledger to the books before a non-transaction entry. */
const settled = (early: EarlyPosting): Books.Books =>
  early.books === undefined ? Books.fromLedger(early.ledger) : Books.withLedger(early.books, early.ledger)

/** Applies an operation, count or plan to the books; false (books unchanged) when it fails. */
const applyLocated = (early: EarlyPosting, step: Plans.Located): boolean => {
  const books = settled(early)
  const result = Apply.apply(step.operation, {
    span: step.span,
    citations: step.citations,
    estimated: step.estimated,
    frozenDebits: 'record',
  })(books)
  if (E.isLeft(result)) return false
  early.books = result.right
  early.ledger = result.right.ledger
  return true
}

const stop = (early: EarlyPosting): false => {
  early.open = false
  return false
}

/** Applies the plans that sort before an entry (date, stream index); false when one fails. */
const applyDuePlans = (early: EarlyPosting, elaborator: Elaborate.Elaborator, date: string, index: number): boolean => {
  // (no plan line read ahead: the usual journal)
  if (early.plans.known.length === 0) return true
  const { entities } = elaborator.declared()
  for (;;) {
    const plan = nextDue(early.plans, date, entities)
    if (plan === undefined) return true
    early.accountsAtFirstOperation ??= early.accounts
    if (!applyLocated(early, plan)) return false
    markApplied(early.plans, { date: early.lastDate, index: early.lastIndex }, { date, index })
    early.posted++
  }
}

/** Applies an entry other than a plan line; false (nothing applied) when it fails. */
const applyEntry = (early: EarlyPosting, entry: Elaborate.DatedEntry): boolean => {
  switch (entry._tag) {
    case 'Plan':
      return false
    case 'Transaction': {
      const result = postUnchecked(entry.input)(early.ledger)
      // the usual path posts it again and reports the error
      if (E.isLeft(result)) return false
      early.ledger = result.right
      return true
    }
    case 'Count': {
      early.accountsAtFirstOperation ??= early.accounts
      const errors: Plans.PlanError[] = []
      const warnings: Elaborate.ElaborateWarning[] = []
      const count = Plans.physicalCount(entry.syntax, early.ledger.declarations, early.counts + 1, errors, warnings)
      if (errors.length > 0 || (count !== undefined && !applyLocated(early, count))) return false
      early.counts++
      early.warnings.push(...warnings)
      return true
    }
    case 'Operation': {
      early.accountsAtFirstOperation ??= early.accounts
      const warnings: Elaborate.ElaborateWarning[] = []
      const books = settled(early)
      const operation = Operations.elaborateOperation(
        entry.syntax,
        { declarations: books.ledger.declarations, currency: books.currency },
        warnings,
      )
      if (E.isLeft(operation) || !applyLocated(early, operation.right)) return false
      early.warnings.push(...warnings)
      return true
    }
  }
}

/** The elaborator's `take`: applies an entry now if it may be; true when it was applied. */
export const postEarly = (
  early: EarlyPosting,
  elaborator: Elaborate.Elaborator,
  entry: Elaborate.DatedEntry,
): boolean => {
  const index = early.seen++
  if (entry._tag === 'Plan') {
    if (!notePlan(early.plans, entry.syntax, index, early.open)) early.open = false
    return false
  }
  if (!early.open) return false
  // Which view keeps it is decided in `build`.
  if (foundOnly(entry)) return stop(early)
  const date = dateOf(entry)
  if ((early.lastDate !== undefined && date < early.lastDate) || !syncDeclarations(early, elaborator))
    return stop(early)
  const plans = early.plans.applied.length
  if (!applyDuePlans(early, elaborator, date, index) || !applyEntry(early, entry)) {
    // a plan applied before an entry not applied: its place is not checked, so the prefix fails
    if (early.plans.applied.length > plans) early.plans.broken = true
    return stop(early)
  }
  early.posted++
  early.lastDate = date
  early.lastIndex = index
  return true
}

/**
 * Whether the entries applied early are the first ones `build` would apply, in its order, onto the
 * same declarations: every declaration synced (and none added after the first operation, count or
 * plan read them), and no remaining dated entry but a plan line sorting before the last one
 * applied (equal dates come later in file order, so after it).
 */
export const prefixHolds = (
  early: EarlyPosting,
  elaborator: Elaborate.Elaborator,
  remaining: ReadonlyArray<Elaborate.DatedEntry>,
): boolean => {
  if (!syncDeclarations(early, elaborator)) return false
  if (early.accountsAtFirstOperation !== undefined && early.accountsAtFirstOperation !== early.accounts) return false
  const last = early.lastDate
  if (last === undefined) return true
  // (plan lines: `plansHold`)
  for (const entry of remaining) if (entry._tag !== 'Plan' && dateOf(entry) < last) return false
  return true
}
