/** Why an operation line could not become an operation, and the context it is read in. */
import type * as Commodity from '../core/Commodity.js'
import type * as Ledger from '../core/Ledger.js'
import type { SourceSpan } from '../core/SourceSpan.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why an operation line could not become an operation: a missing, unexpected, duplicated or invalid
 * argument, the wrong currency, an unknown entity, an account outside every entity, or an unknown
 * form.
 */
export type OperationError =
  /** A required argument is not there (`argument` says what was expected). */
  | {
      readonly _tag: 'MissingOperationArgument'
      readonly span: SourceSpan
      readonly keyword: string
      readonly argument: string
    }
  /** A token the form has no place for. */
  | {
      readonly _tag: 'UnexpectedOperationArgument'
      readonly span: SourceSpan
      readonly keyword: string
      readonly text: string
    }
  /** A `key value` option (or the form's free text) given twice. */
  | {
      readonly _tag: 'DuplicateOperationArgument'
      readonly span: SourceSpan
      readonly keyword: string
      readonly argument: string
    }
  /** A token of the wrong shape or value for its place (`expected` describes the right one). */
  | {
      readonly _tag: 'InvalidOperationValue'
      readonly span: SourceSpan
      readonly keyword: string
      readonly argument: string
      readonly text: string
      readonly expected: string
    }
  /** A money amount not in the books' currency (`commodity` is `''` when none was written). */
  | {
      readonly _tag: 'WrongCurrency'
      readonly span: SourceSpan
      readonly keyword: string
      readonly argument: string
      readonly commodity: string
      readonly currency: string
    }
  /** A party that is not a declared entity. */
  | { readonly _tag: 'UnknownEntity'; readonly span: SourceSpan; readonly entity: string }
  /** An account that belongs to no declared entity where an entity's account is needed. */
  | {
      readonly _tag: 'AccountOutsideEntity'
      readonly span: SourceSpan
      readonly keyword: string
      readonly account: string
    }
  /** A keyword (or `bill` action) without a known form. */
  | {
      readonly _tag: 'UnknownOperationForm'
      readonly span: SourceSpan
      readonly keyword: string
      readonly form: string | null
      readonly known: ReadonlyArray<string>
    }

/** The `_tag` of an operation error. */
export type OperationErrorTag = OperationError['_tag']

/** Every `OperationError` tag, once. */
export const operationErrorTags = [
  'MissingOperationArgument',
  'UnexpectedOperationArgument',
  'DuplicateOperationArgument',
  'InvalidOperationValue',
  'WrongCurrency',
  'UnknownEntity',
  'AccountOutsideEntity',
  'UnknownOperationForm',
] as const satisfies ReadonlyArray<OperationError['_tag']>

// Compile-time check that `operationErrorTags` names every tag of the union.
type UnlistedOperationError = Exclude<OperationError['_tag'], (typeof operationErrorTags)[number]>
const _everyOperationErrorTagListed: [UnlistedOperationError] extends [never] ? true : UnlistedOperationError = true
void _everyOperationErrorTagListed

/** What elaborating an operation line needs to know: the ledger's declarations and the books' currency. */
export interface OperationContext {
  readonly declarations: Ledger.Declarations
  readonly currency: Commodity.CommoditySymbol
}

/**
 * Renders an operation error as a sentence (without the location), such as `pay: missing amount (an amount in RUB)`.
 */
export const message = (error: OperationError): string => {
  switch (error._tag) {
    case 'MissingOperationArgument':
      return `${error.keyword}: missing ${error.argument}`
    case 'UnexpectedOperationArgument':
      return `${error.keyword}: unexpected ${JSON.stringify(error.text)}`
    case 'DuplicateOperationArgument':
      return `${error.keyword}: ${error.argument} is given twice`
    case 'InvalidOperationValue':
      return `${error.keyword}: ${error.argument} ${JSON.stringify(error.text)} is not ${error.expected}`
    case 'WrongCurrency':
      return error.commodity === ''
        ? `${error.keyword}: ${error.argument} has no currency; write it in ${error.currency}`
        : `${error.keyword}: ${error.argument} is in ${error.commodity}; the books are kept in ${error.currency}`
    case 'UnknownEntity':
      return `no entity ${JSON.stringify(error.entity)} is declared (add "entity ${error.entity}")`
    case 'AccountOutsideEntity':
      return `${error.keyword}: account ${error.account} belongs to no declared entity`
    case 'UnknownOperationForm':
      return error.form === null
        ? `operation "${error.keyword}" has no journal form (known: ${error.known.join(', ')})`
        : `${error.keyword}: unknown form ${JSON.stringify(error.form)} (known: ${error.known.join(', ')})`
  }
}
