/**
 * Elaboration of operation lines (`DATE KEYWORD ARGS…`) into domain operations.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as Commodity from '../core/Commodity.js'
import type * as Ledger from '../core/Ledger.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type { Located } from './Plans.js'
import type * as Syntax from './Syntax.js'
import type { ElaborateWarning } from './Elaborate.js'

export type OperationError = { readonly _tag: 'UnknownOperation'; readonly span: SourceSpan; readonly keyword: string }

export interface OperationContext {
  readonly declarations: Ledger.Declarations
  readonly currency: Commodity.CommoditySymbol
}

export const message = (error: OperationError): string => {
  switch (error._tag) {
    case 'UnknownOperation':
      return `operation "${error.keyword}" is not known`
  }
}

/** The domain operation an operation line writes. */
export const elaborateOperation = (
  syntax: Syntax.OperationSyntax,
  _context: OperationContext,
  _warnings: ElaborateWarning[],
): E.Either<ReadonlyArray<OperationError>, Located> => E.left([{ _tag: 'UnknownOperation', span: syntax.span, keyword: syntax.keyword }])
