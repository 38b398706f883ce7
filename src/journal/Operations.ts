/**
 * Elaboration of operation lines (`DATE KEYWORD ARGS…`) into domain operations.
 *
 * Every operation line reads the same way: the keyword, the positional arguments of its form
 * (document id, parties `A -> B`, the main amount or goods), then `key value` options in any
 * order (`lot L-36-1`, `cost 300,000.00 RUB`, `rate 8%`, `maturity 1936-09-18`, …), a quoted
 * string for the free text of the form, and indented `key: value` sub-lines, which mean the same
 * as `key value` on the line (for long texts: `purpose: …`). `source:` sub-lines and `; source:`
 * comments are citations; `note:` sub-lines are kept as comments. A `~` on any figure, or an
 * `estimated:` tag, marks the operation estimated.
 *
 * Money amounts must be in the books' currency; goods quantities in any other commodity. Each
 * malformed line gives one typed `OperationError` located at the offending token. The forms are
 * listed in docs/OPERATIONS.md.
 */
import * as E from 'fp-ts/lib/Either.js'
import { citationsOf, type ElaborateWarning, tagsOf } from './Elaborate.js'
import { forms } from './instruments/index.js'
import { Reader } from './instruments/Reader.js'
import type { OperationContext, OperationError } from './OperationError.js'
import type { Located } from './Plans.js'
import type * as Syntax from './Syntax.js'

export { billActions } from './instruments/index.js'
export {
  message,
  type OperationContext,
  type OperationError,
  type OperationErrorTag,
  operationErrorTags,
} from './OperationError.js'

/** The keywords with a journal form, in registry order (grouped by instrument). */
export const operationKeywords: ReadonlyArray<string> = Object.keys(forms)

// -------------------------------------------------------------------------------------
// elaboration
// -------------------------------------------------------------------------------------

const commentsOf = (syntax: Syntax.OperationSyntax): ReadonlyArray<Syntax.CommentSyntax | null> => {
  const comments: Array<Syntax.CommentSyntax | null> = [syntax.comment]
  for (const line of syntax.subLines) {
    if (line._tag === 'SubComment') comments.push(line.comment)
    else {
      comments.push(line.comment)
      // `source: …` and `estimated:` sub-lines count as tags of the operation.
      if (line._tag === 'KeyValue' && (line.key === 'source' || line.key === 'estimated')) {
        comments.push({
          span: line.span,
          marker: ';',
          text: `${line.key}: ${line.value}`,
          tags: [{ name: line.key, value: line.value.trim() }],
        })
      }
    }
  }
  return comments
}

/** The domain operation an operation line writes. */
export const elaborateOperation = (
  syntax: Syntax.OperationSyntax,
  context: OperationContext,
  warnings: ElaborateWarning[],
): E.Either<ReadonlyArray<OperationError>, Located> => {
  const form = Object.hasOwn(forms, syntax.keyword) ? forms[syntax.keyword] : undefined
  if (form === undefined)
    return E.left([
      {
        _tag: 'UnknownOperationForm',
        span: syntax.span,
        keyword: syntax.keyword,
        form: null,
        known: operationKeywords,
      },
    ])
  const errors: OperationError[] = []
  const reader = new Reader(syntax, context, errors, syntax.keyword)
  const operation = form(reader)
  if (errors.length > 0 || operation === undefined) {
    return E.left(
      errors.length > 0
        ? errors
        : [{ _tag: 'MissingOperationArgument', span: syntax.span, keyword: syntax.keyword, argument: 'arguments' }],
    )
  }
  const comments = commentsOf(syntax)
  const estimated = reader.estimated || tagsOf(comments).some((tag) => tag.name === 'estimated')
  return E.right({ operation, span: syntax.span, citations: citationsOf(comments, warnings), estimated })
}
