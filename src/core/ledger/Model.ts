/** The ledger's model and errors, and the private store behind its views. */
import * as AccountName from '../AccountName.js'
import type * as Amount from '../Amount.js'
import type { Citation } from '../Citation.js'
import type * as Commodity from '../Commodity.js'
import type { Entity, EntityName } from '../Entity.js'
import type * as Posting from '../Posting.js'
import type * as Quantity from '../Quantity.js'
import type * as SourceSpan from '../SourceSpan.js'
import type { Transaction } from '../Transaction.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Which of the two books a balance is read from: `money` (amounts in money commodities) or `goods` (quantities of
 * goods).
 */
export type Book = 'money' | 'goods'

/** A declared account: its name, its type if one was declared, its tags and citations, and where it was declared. */
export interface AccountDeclaration {
  readonly name: AccountName.AccountName
  readonly type?: AccountName.AccountType
  readonly tags: ReadonlyArray<Posting.Tag>
  readonly citations: ReadonlyArray<Citation>
  readonly span?: SourceSpan.SourceSpan
}

/**
 * What a ledger has declared: commodities, accounts and entities by name, and the root names that imply account types.
 */
export interface Declarations {
  readonly commodities: ReadonlyMap<Commodity.CommoditySymbol, Commodity.Commodity>
  readonly accounts: ReadonlyMap<AccountName.AccountName, AccountDeclaration>
  readonly entities: ReadonlyMap<EntityName, Entity>
  /** Root names that imply an account type when none is declared. */
  readonly rootNames: ReadonlyMap<string, AccountName.AccountType>
}

export type Balances = Map<Commodity.CommoditySymbol, Quantity.Quantity>

export interface AccountState {
  readonly own: { readonly money: Balances; readonly goods: Balances }
  readonly subtree: { readonly money: Balances; readonly goods: Balances }
  /** The state of the parent account (set when the account is first touched). */
  parent: AccountState | undefined
}

export interface Store {
  /** The posted transactions, in posting order; empty in a running-only store (`keep` false). */
  readonly transactions: Transaction[]
  /** Whether posted transactions are kept; a running-only store keeps only the running balances. */
  readonly keep: boolean
  /** How many transactions were posted (the length of `transactions` when they are kept). */
  count: number
  /**
   * How many postings the posted transactions hold (an elided amount of several commodities counts once per commodity).
   */
  postings: number
  readonly accounts: Map<AccountName.AccountName, AccountState>
  /** The kind each commodity was first used as, for undeclared commodities. */
  readonly usedKinds: Map<Commodity.CommoditySymbol, Commodity.CommodityKind>
  /** Running total of the money book per commodity; equals `exchanged` (asserted after every post). */
  readonly totals: Balances
  /**
   * The money of the transactions that balance through costs (`@`, `@@`), an implicit conversion
   * between two commodities, or virtual postings, which do not sum to zero per commodity.
   */
  readonly exchanged: Balances
  /** How many such transactions were posted. */
  readonly counters: { exchangedTransactions: number }
}

declare const LedgerBrand: unique symbol

/**
 * A persistent, read-only view of the posted transactions, their declarations and running balances;
 * make one with `empty` and extend it with `post`.
 */
export interface Ledger {
  readonly [LedgerBrand]: 'Ledger'
  readonly declarations: Declarations
  /** Number of transactions this view holds. */
  readonly size: number
}

export interface LedgerInternal {
  readonly declarations: Declarations
  readonly size: number
  readonly store: Store
}

export const internal = (ledger: Ledger): LedgerInternal => ledger as unknown as LedgerInternal
export const view = (value: LedgerInternal): Ledger => value as unknown as Ledger

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/** Listed in precedence order: when several apply, `post` reports the first. */
export type PostingError =
  /**
   * A field of the transaction input is of the wrong kind (a JavaScript number where a quantity
   * belongs, a missing account): `path` names it (`postings.1.money.quantity`), `expected` says
   * what it should be, `actual` what was found. Only untyped callers can cause it.
   */
  | {
      readonly _tag: 'InvalidTransactionInput'
      readonly span: SourceSpan.SourceSpan
      readonly path: string
      readonly expected: string
      readonly actual: string
    }
  | {
      readonly _tag: 'TooManyPostings'
      readonly span: SourceSpan.SourceSpan
      readonly count: number
      readonly countMax: number
    }
  | {
      readonly _tag: 'MultipleElidedAmounts'
      readonly span: SourceSpan.SourceSpan
      readonly elided: ReadonlyArray<SourceSpan.SourceSpan>
    }
  | {
      readonly _tag: 'CommodityKindConflict'
      readonly span: SourceSpan.SourceSpan
      readonly commodity: Commodity.CommoditySymbol
      readonly known: Commodity.CommodityKind
      readonly used: Commodity.CommodityKind
    }
  | {
      readonly _tag: 'UnbalancedTransaction'
      readonly span: SourceSpan.SourceSpan
      readonly residual: ReadonlyArray<Amount.Amount>
    }
  | {
      readonly _tag: 'BalanceAssertionFailed'
      readonly span: SourceSpan.SourceSpan
      readonly account: AccountName.AccountName
      readonly commodity: Commodity.CommoditySymbol
      readonly asserted: Quantity.Quantity
      readonly actual: Quantity.Quantity
      readonly inclusive: boolean
      readonly sole: boolean
    }
  | {
      readonly _tag: 'BalanceAssertionOtherCommodity'
      readonly span: SourceSpan.SourceSpan
      readonly account: AccountName.AccountName
      readonly commodity: Commodity.CommoditySymbol
      readonly other: Amount.Amount
    }

/** Every `PostingError` tag, in precedence order. */
export const postingErrorTags = [
  'InvalidTransactionInput',
  'TooManyPostings',
  'MultipleElidedAmounts',
  'CommodityKindConflict',
  'UnbalancedTransaction',
  'BalanceAssertionFailed',
  'BalanceAssertionOtherCommodity',
] as const satisfies ReadonlyArray<PostingError['_tag']>

/**
 * Why a declaration was rejected: a duplicate commodity or entity, a commodity kind or account type
 * conflict, or an entity declared after postings.
 */
export type DeclarationError =
  /**
   * A field of the declaration is of the wrong kind (see `InvalidTransactionInput`); only untyped callers can cause it.
   */
  | {
      readonly _tag: 'InvalidDeclarationInput'
      readonly span: SourceSpan.SourceSpan
      readonly declaration: 'commodity' | 'account' | 'entity'
      readonly path: string
      readonly expected: string
      readonly actual: string
    }
  | {
      readonly _tag: 'DuplicateCommodity'
      readonly span: SourceSpan.SourceSpan
      readonly commodity: Commodity.CommoditySymbol
      readonly first?: SourceSpan.SourceSpan
    }
  | {
      readonly _tag: 'CommodityKindConflict'
      readonly span: SourceSpan.SourceSpan
      readonly commodity: Commodity.CommoditySymbol
      readonly known: Commodity.CommodityKind
      readonly used: Commodity.CommodityKind
    }
  | {
      readonly _tag: 'DuplicateEntity'
      readonly span: SourceSpan.SourceSpan
      readonly entity: EntityName
      readonly first?: SourceSpan.SourceSpan
    }
  | { readonly _tag: 'EntityAfterPostings'; readonly span: SourceSpan.SourceSpan; readonly entity: EntityName }
  | {
      readonly _tag: 'AccountTypeConflict'
      readonly span: SourceSpan.SourceSpan
      readonly account: AccountName.AccountName
      readonly declared: AccountName.AccountType
      readonly other: AccountName.AccountType
    }

/** Every `DeclarationError` tag, once. */
export const declarationErrorTags = [
  'InvalidDeclarationInput',
  'DuplicateCommodity',
  'CommodityKindConflict',
  'DuplicateEntity',
  'EntityAfterPostings',
  'AccountTypeConflict',
] as const satisfies ReadonlyArray<DeclarationError['_tag']>

// Compile-time check that `declarationErrorTags` names every tag of the union.
type UnlistedDeclarationError = Exclude<DeclarationError['_tag'], (typeof declarationErrorTags)[number]>
const _everyDeclarationErrorTagListed: [UnlistedDeclarationError] extends [never] ? true : UnlistedDeclarationError =
  true
void _everyDeclarationErrorTagListed

// -------------------------------------------------------------------------------------
// account facts
// -------------------------------------------------------------------------------------

/** The entity whose books hold `account`, if its first segment is a declared entity. */
export const entityOf = (declarations: Declarations, account: AccountName.AccountName): EntityName | undefined => {
  if (declarations.entities.size === 0) return undefined
  const colon = account.indexOf(':')
  const first = (colon < 0 ? account : account.slice(0, colon)) as EntityName
  return declarations.entities.has(first) ? first : undefined
}

/** The account name below its entity prefix (`kirov:assets:wip` → `assets:wip`). */
export const withinEntity = (declarations: Declarations, account: AccountName.AccountName): AccountName.AccountName => {
  const entity = entityOf(declarations, account)
  if (entity === undefined || account.length === entity.length) return account
  return account.slice(entity.length + 1) as AccountName.AccountName
}

/**
 * The type of an account: declared on it or on its nearest declared ancestor, else inferred
 * from its root segment (below the entity prefix) through `rootNames`.
 */
export const accountType = (
  declarations: Declarations,
  account: AccountName.AccountName,
): AccountName.AccountType | undefined => {
  let cursor: AccountName.AccountName | undefined = account
  while (cursor !== undefined) {
    const declared = declarations.accounts.get(cursor)?.type
    if (declared !== undefined) return declared
    cursor = AccountName.parent(cursor)
  }
  const local = withinEntity(declarations, account)
  const colon = local.indexOf(':')
  const root = (colon < 0 ? local : local.slice(0, colon)).toLowerCase()
  return declarations.rootNames.get(root)
}
