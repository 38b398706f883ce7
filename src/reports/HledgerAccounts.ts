/**
 * Accounts as hledger 1.25 sees them: which statement section an account falls in, and the order
 * accounts are listed in.
 *
 * Classification (hledger 1.25's account-type queries). Only explicit `type:` tags on `account`
 * directives count as declarations (an `account` directive without a tag declares no type). For
 * each type: when some account is declared with it, the type's accounts are those declared
 * accounts and their subaccounts, except subaccounts declared with another type; when none is,
 * the accounts whose names match a fallback pattern (case-insensitive):
 *
 * | type | code | fallback |
 * |---|---|---|
 * | asset | `A` | `^assets?(:|$)` |
 * | cash (a liquid asset) | `C` | `^assets?(:.+)?:(cash|bank|che(ck|que?)(ing)?|savings?|current)(:|$)` |
 * | liability | `L` | `^(debts?|liabilit(y|ies))(:|$)` |
 * | equity | `E` | `^equity(:|$)` |
 * | revenue | `R` | `^(income|revenue)s?(:|$)` |
 * | expense | `X` | `^expenses?(:|$)` |
 *
 * The balance sheet's assets are the asset accounts plus the declared cash accounts; the cashflow
 * statement's are the cash accounts (declared, or by the fallback). A fallback does not exclude
 * accounts declared with another type, so an account can be in two statements, as in hledger.
 * With declared entities, the fallbacks read the name below the entity prefix
 * (`kirov:assets:bank` is a cash account).
 *
 * Order (hledger's declaration order): at each level of the account tree, declared accounts first
 * in the order of their declarations, then the others by name; a parent before its subaccounts.
 */
import type * as AccountName from '../core/AccountName.js'
import * as Ledger from '../core/Ledger.js'

/** hledger 1.25's account types, by their one-letter codes. */
export type HledgerType = 'A' | 'C' | 'L' | 'E' | 'R' | 'X'

/** The type a `type:` tag value names, as hledger 1.25 reads it (`A`, `Asset`, `C`, `Cash`, … in any case). */
export const typeOfTag = (value: string): HledgerType | undefined => {
  switch (value.trim().toLowerCase()) {
    case 'a':
    case 'asset':
    case 'assets':
      return 'A'
    case 'c':
    case 'cash':
      return 'C'
    case 'l':
    case 'liability':
    case 'liabilities':
      return 'L'
    case 'e':
    case 'equity':
    case 'v':
    case 'conversion':
      return 'E'
    case 'r':
    case 'revenue':
    case 'revenues':
    case 'income':
      return 'R'
    case 'x':
    case 'expense':
    case 'expenses':
      return 'X'
    default:
      return undefined
  }
}

const fallbacks: Readonly<Record<HledgerType, RegExp>> = {
  A: /^assets?(:|$)/iu,
  C: /^assets?(:.+)?:(cash|bank|che(ck|que?)(ing)?|savings?|current)(:|$)/iu,
  L: /^(debts?|liabilit(y|ies))(:|$)/iu,
  E: /^equity(:|$)/iu,
  R: /^(income|revenue)s?(:|$)/iu,
  X: /^expenses?(:|$)/iu,
}

/** Whether `account` is `prefix` or below it, ignoring case (hledger's account-name regex is case-insensitive). */
const within = (account: string, prefix: string): boolean => {
  const a = account.toLowerCase()
  const p = prefix.toLowerCase()
  return a === p || a.startsWith(`${p}:`)
}

/** Tests of account names, one per statement section hledger's compound reports show. */
export interface Classification {
  readonly assets: (account: AccountName.AccountName) => boolean
  readonly cash: (account: AccountName.AccountName) => boolean
  readonly liabilities: (account: AccountName.AccountName) => boolean
  readonly equity: (account: AccountName.AccountName) => boolean
  readonly revenues: (account: AccountName.AccountName) => boolean
  readonly expenses: (account: AccountName.AccountName) => boolean
}

/** The accounts declared with each type (explicit `type:` tags only), in declaration order. */
export const declaredTypes = (declarations: Ledger.Declarations): ReadonlyMap<HledgerType, ReadonlyArray<string>> => {
  const result = new Map<HledgerType, string[]>()
  for (const declaration of declarations.accounts.values()) {
    const tag = declaration.tags.find((candidate) => candidate.name === 'type')
    const type = tag === undefined ? undefined : typeOfTag(tag.value)
    if (type === undefined) continue
    const list = result.get(type) ?? []
    list.push(declaration.name)
    result.set(type, list)
  }
  return result
}

/** The classification of a ledger's accounts, as hledger 1.25's account-type queries do it. */
export const classification = (declarations: Ledger.Declarations): Classification => {
  const declared = declaredTypes(declarations)
  const ofTypes = (types: ReadonlyArray<HledgerType>, useFallback: boolean) => {
    const accounts = types.flatMap((type) => declared.get(type) ?? [])
    if (accounts.length === 0) {
      if (!useFallback) return () => false
      const pattern = fallbacks[types[0] as HledgerType]
      return (account: AccountName.AccountName) => pattern.test(Ledger.withinEntity(declarations, account))
    }
    const others = [...declared]
      .filter(([type]) => !types.includes(type))
      .flatMap(([, names]) => names.filter((name) => accounts.some((account) => within(name, account))))
    return (account: AccountName.AccountName) =>
      accounts.some((name) => within(account, name)) && !others.some((name) => within(account, name))
  }
  const asset = ofTypes(['A'], true)
  const cashOnly = ofTypes(['C'], false)
  return {
    assets: (account) => asset(account) || cashOnly(account),
    cash: ofTypes(['C'], true),
    liabilities: ofTypes(['L'], true),
    equity: ofTypes(['E'], true),
    revenues: ofTypes(['R'], true),
    expenses: ofTypes(['X'], true),
  }
}

/**
 * hledger's account order as a comparator: at the first level where two names differ, the
 * declared account first (earlier declaration first), then by name; a parent before its subaccounts.
 */
export const declarationOrder = (declarations: Ledger.Declarations): ((a: string, b: string) => number) => {
  const position = new Map<string, number>()
  let index = 0
  for (const name of declarations.accounts.keys()) position.set(name, index++)
  return (a, b) => {
    if (a === b) return 0
    const left = a.split(':')
    const right = b.split(':')
    for (let level = 0; level < Math.min(left.length, right.length); level++) {
      if (left[level] === right[level]) continue
      const leftName = left.slice(0, level + 1).join(':')
      const rightName = right.slice(0, level + 1).join(':')
      const leftOrder = position.get(leftName) ?? Number.POSITIVE_INFINITY
      const rightOrder = position.get(rightName) ?? Number.POSITIVE_INFINITY
      if (leftOrder !== rightOrder) return leftOrder < rightOrder ? -1 : 1
      return leftName < rightName ? -1 : 1
    }
    return left.length - right.length
  }
}
