/**
 * What building books can return: `Apply.apply` and `Books.postTransaction` fail with a
 * `DomainError` (an operation the documents' state does not allow) or a `PostingError` (the
 * transaction it posts would not balance). One union, one tag list, type guards for each side and
 * one renderer, so a caller handles both with one exhaustive `switch`.
 */
import * as Ledger from '../core/Ledger.js'
import { type DomainError, domainErrorTags, renderDomainError } from './DomainError.js'

/** Why building books failed: a domain rule or the ledger's balance. */
export type BuildError = DomainError | Ledger.PostingError

/** Every `BuildError` tag, once: the domain's, then the ledger's posting tags. */
export const buildErrorTags = [...domainErrorTags, ...Ledger.postingErrorTags] as const

/** A `BuildError` tag. */
export type BuildErrorTag = BuildError['_tag']

const postingTags: ReadonlySet<string> = new Set(Ledger.postingErrorTags)
const domainTags: ReadonlySet<string> = new Set(domainErrorTags)

/** True for the ledger's half of a `BuildError`: the posted transaction would not balance or assert. */
export const isPostingError = (error: BuildError): error is Ledger.PostingError => postingTags.has(error._tag)

/** True for the domain's half of a `BuildError`: the documents' state does not allow the operation. */
export const isDomainError = (error: BuildError): error is DomainError => domainTags.has(error._tag)

/** One sentence for any `BuildError` (without a location), such as `transaction does not balance: …`. */
export const renderBuildError = (error: BuildError): string =>
  isPostingError(error) ? Ledger.renderPostingError(error) : renderDomainError(error)

// Compile-time check that the two halves share no tag (the guards tell them apart by tag).
type SharedTag = DomainError['_tag'] & Ledger.PostingError['_tag']
const _noSharedTag: [SharedTag] extends [never] ? true : SharedTag = true
void _noSharedTag
