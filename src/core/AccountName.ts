/**
 * Hierarchical account names, `assets:wip:tank-shop`, and account types.
 *
 * A name is a non-empty list of segments joined by `:`. Segments may hold any Unicode letters,
 * digits, punctuation and single spaces (as hledger allows), but not tabs, not two spaces in a
 * row (two spaces end a name in a journal), not leading or trailing spaces, and not `;`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { accountDepthMax, accountNameLengthMax } from './limits.js'
import { notText } from './Untyped.js'

declare const AccountNameBrand: unique symbol
/**
 * A checked hierarchical account name such as `assets:wip:tank-shop`, branded so only `fromString` (or
 * `unsafeFromString`) can make one.
 */
export type AccountName = string & { readonly [AccountNameBrand]: 'AccountName' }

/**
 * Why a text is not an account name: empty, an empty segment, a misplaced space, a forbidden character, too long or too
 * deep.
 */
export type AccountNameError = {
  readonly _tag: 'InvalidAccountName'
  readonly text: string
  readonly reason: 'empty' | 'emptySegment' | 'badSpace' | 'badCharacter' | 'tooLong' | 'tooDeep'
}

const invalid = (text: string, reason: AccountNameError['reason']): E.Either<AccountNameError, never> =>
  E.left({ _tag: 'InvalidAccountName', text, reason })

/** Checks and brands an account name. */
export const fromString = (text: string): E.Either<AccountNameError, AccountName> => {
  if (typeof text !== 'string') return invalid(notText(text), 'badCharacter')
  if (text.length === 0) return invalid(text, 'empty')
  if (text.length > accountNameLengthMax) return invalid(text, 'tooLong')
  let depth = 1
  let segmentStart = 0
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 58
    if (code === 58 /* : */) {
      if (index === segmentStart) return invalid(text, 'emptySegment')
      if (text.charCodeAt(segmentStart) === 32 || text.charCodeAt(index - 1) === 32) return invalid(text, 'badSpace')
      if (index < text.length) depth++
      segmentStart = index + 1
    } else if (code === 32) {
      if (text.charCodeAt(index + 1) === 32) return invalid(text, 'badSpace')
    } else if (code < 32 || code === 127 || code === 59 /* ; */) {
      return invalid(text, code === 9 ? 'badSpace' : 'badCharacter')
    }
  }
  if (depth > accountDepthMax) return invalid(text, 'tooDeep')
  return E.right(text as AccountName)
}

/** For fixtures and tests only. */
export const unsafeFromString = (text: string): AccountName => {
  const result = fromString(text)
  if (E.isLeft(result)) throw new Error(`not an account name: ${JSON.stringify(text)} (${result.left.reason})`)
  return result.right
}

/** The name's segments, top-level first: `a:b:c` → `['a', 'b', 'c']`. */
export const segments = (self: AccountName): ReadonlyArray<string> => self.split(':')

/** The number of segments in the name: `a:b:c` → 3. */
export const depth = (self: AccountName): number => {
  let count = 1
  for (let index = 0; index < self.length; index++) if (self.charCodeAt(index) === 58) count++
  return count
}

/** The parent name, or undefined for a top-level account. */
export const parent = (self: AccountName): AccountName | undefined => {
  const index = self.lastIndexOf(':')
  return index < 0 ? undefined : (self.slice(0, index) as AccountName)
}

/** All proper ancestors, nearest first: `a:b:c` → `a:b`, `a`. */
export const ancestors = (self: AccountName): ReadonlyArray<AccountName> => {
  const result: AccountName[] = []
  let current = parent(self)
  while (current !== undefined) {
    result.push(current)
    current = parent(current)
  }
  return result
}

/** True when `self` is `that` or lies below it. */
export const isWithin = (self: AccountName, that: AccountName): boolean =>
  self === that || (self.length > that.length && self.startsWith(that) && self.charCodeAt(that.length) === 58)

/**
 * The first `levels` segments (hledger's `--depth`). `levels` is truncated toward zero and is at least 1: a
 * depth below 1, or NaN, keeps the first segment (a name has at least one).
 */
export const truncate = (self: AccountName, levels: number): AccountName => {
  const keep = levels >= 1 ? Math.trunc(levels) : 1
  let index = -1
  for (let level = 0; level < keep; level++) {
    index = self.indexOf(':', index + 1)
    if (index < 0) return self
  }
  return self.slice(0, index) as AccountName
}

/** The last segment of the name: `a:b:c` → `c`. */
export const leaf = (self: AccountName): string => self.slice(self.lastIndexOf(':') + 1)

/** Appends one segment below the name (`a:b` + `c` → `a:b:c`), or the error why the result is not a valid name. */
export const join = (self: AccountName, segment: string): E.Either<AccountNameError, AccountName> =>
  fromString(`${self}:${segment}`)

// -------------------------------------------------------------------------------------
// account types
// -------------------------------------------------------------------------------------

/** The five account types. `asset` and `expense` have debit normal balances. */
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense'

/** The five account types in their conventional order: asset, liability, equity, income, expense. */
export const accountTypes: ReadonlyArray<AccountType> = ['asset', 'liability', 'equity', 'income', 'expense']

/**
 * Root names that imply a type when no `account` directive declares one. Configurable per
 * ledger; these defaults cover hledger's English names and common Russian ones.
 */
export const defaultRootNames: ReadonlyMap<string, AccountType> = new Map<string, AccountType>([
  ['assets', 'asset'],
  ['asset', 'asset'],
  ['активы', 'asset'],
  ['liabilities', 'liability'],
  ['liability', 'liability'],
  ['debts', 'liability'],
  ['пассивы', 'liability'],
  ['обязательства', 'liability'],
  ['equity', 'equity'],
  ['капитал', 'equity'],
  ['фонды', 'equity'],
  ['income', 'income'],
  ['revenue', 'income'],
  ['revenues', 'income'],
  ['доходы', 'income'],
  ['expenses', 'expense'],
  ['expense', 'expense'],
  ['расходы', 'expense'],
])

/**
 * Parses the value of an hledger `type:` tag: `A`, `L`, `E`, `R`, `X`, `C` (cash, an asset),
 * `V` (conversion, equity), or the full English word in any case; undefined for anything else (a non-string too).
 */
export const accountTypeFromTag = (text: string): AccountType | undefined => {
  if (typeof text !== 'string') return undefined
  const value = text.trim().toLowerCase()
  switch (value) {
    case 'a':
    case 'asset':
    case 'assets':
    case 'c':
    case 'cash':
      return 'asset'
    case 'l':
    case 'liability':
    case 'liabilities':
      return 'liability'
    case 'e':
    case 'equity':
    case 'v':
    case 'conversion':
      return 'equity'
    case 'r':
    case 'revenue':
    case 'revenues':
    case 'income':
      return 'income'
    case 'x':
    case 'expense':
    case 'expenses':
      return 'expense'
    default:
      return undefined
  }
}
