/**
 * Entities: whose books an account belongs to (the plant, a buyer, Gosbank, a savings bank).
 *
 * One ledger holds many entities. An account belongs to an entity when its first segment is a
 * declared entity name (`kirov:assets:wip` belongs to `kirov`); accounts outside every declared
 * entity belong to no entity, which keeps plain hledger journals valid unchanged.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Citation } from './Citation.js'
import type { SourceSpan } from './SourceSpan.js'
import { notText } from './Untyped.js'

declare const EntityNameBrand: unique symbol
/**
 * A checked entity name (`kirov`, `gosbank`), branded so only `nameFromString` (or `unsafeName`) can
 * make one; it is the first segment of the entity's accounts.
 */
export type EntityName = string & { readonly [EntityNameBrand]: 'EntityName' }

/** The economic sector of an entity; bills of exchange between two state parties are reportable. */
export type Sector = 'state' | 'bank' | 'cooperative' | 'private' | 'person' | 'military'

/** Every economic sector, in declaration order. */
export const sectors: ReadonlyArray<Sector> = ['state', 'bank', 'cooperative', 'private', 'person', 'military']

/** A declared entity: its name, optional title and sector, the citations that attest it, and where it was declared. */
export interface Entity {
  readonly name: EntityName
  readonly title?: string
  readonly sector?: Sector
  readonly citations: ReadonlyArray<Citation>
  readonly span?: SourceSpan
}

/**
 * Why a text is not an entity name: it is empty, over 100 characters, does not start with a letter
 * or digit, or holds a character other than letters, digits, `-`, `_` and `.`.
 */
export type EntityNameError = { readonly _tag: 'InvalidEntityName'; readonly text: string }

/** An entity name is one account segment: letters, digits, `-`, `_`, `.`, no spaces or `:`. */
export const nameFromString = (text: string): E.Either<EntityNameError, EntityName> =>
  typeof text === 'string' && /^[\p{L}\p{N}][\p{L}\p{N}\-_.]*$/u.test(text) && text.length <= 100
    ? E.right(text as EntityName)
    : E.left({ _tag: 'InvalidEntityName', text: typeof text === 'string' ? text : notText(text) })

/**
 * Brands an entity name and throws if it is invalid; for fixtures, tests and literals only (use `nameFromString` on
 * input).
 */
export const unsafeName = (text: string): EntityName => {
  const result = nameFromString(text)
  if (E.isLeft(result)) throw new Error(`not an entity name: ${text}`)
  return result.right
}

/** True for sectors of the socialized (state) economy, for which commercial credit was abolished. */
export const isStateSector = (sector: Sector | undefined): boolean =>
  sector === 'state' || sector === 'bank' || sector === 'military'
