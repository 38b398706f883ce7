/**
 * Diagnostics: every error and warning a load can produce, from every layer, in one located
 * shape, with one renderer that prints `file:line:column: severity: message (Tag)` followed by
 * the source line and a caret.
 */
import * as Ledger from '../core/Ledger.js'
import { make as makeSpan, type SourceSpan } from '../core/SourceSpan.js'
import * as BuildError from '../domain/BuildError.js'
import * as DomainError from '../domain/DomainError.js'
import * as Elaborate from '../journal/Elaborate.js'
import * as Operations from '../journal/OperationError.js'
import * as ParseError from '../journal/ParseError.js'
import * as Plans from '../journal/Plans.js'
import * as Statements from '../journal/Statements.js'
import { type EncodingProblem, renderEncodingProblem } from './Encoding.js'
import type { IoError } from './FileSystem.js'

/** A problem with files and includes: not found, unreadable, a cycle, outside the root, too deep, too large. */
export type LoadError =
  | { readonly _tag: 'FileNotFound'; readonly path: string; readonly span?: SourceSpan }
  | { readonly _tag: 'FileUnreadable'; readonly path: string; readonly reason: string; readonly span?: SourceSpan }
  | { readonly _tag: 'NotAFile'; readonly path: string; readonly span?: SourceSpan }
  | {
      readonly _tag: 'InvalidEncoding'
      readonly path: string
      readonly problem: EncodingProblem
      readonly span?: SourceSpan
    }
  | { readonly _tag: 'IncludeCycle'; readonly span: SourceSpan; readonly path: string }
  | { readonly _tag: 'IncludeOutsideRoot'; readonly span: SourceSpan; readonly path: string; readonly root: string }
  | { readonly _tag: 'IncludeTooDeep'; readonly span: SourceSpan; readonly depthMax: number }
  | { readonly _tag: 'IncludeGlobNotSupported'; readonly span: SourceSpan; readonly path: string }
  | {
      readonly _tag: 'JournalTooLarge'
      readonly path: string
      readonly bytes: number
      readonly bytesMax: number
      readonly span?: SourceSpan
    }
  /**
   * `loadText` or `loadFile` called with an argument of the wrong kind (a JavaScript caller): `argument` names it
   * (`text`, `options.fileSystem`), `path` is the journal's name as given.
   */
  | {
      readonly _tag: 'InvalidLoadInput'
      readonly path: string
      readonly argument: string
      readonly expected: string
      readonly actual: string
      readonly span?: SourceSpan
    }

/** Every `LoadError` tag, once. */
export const loadErrorTags = [
  'FileNotFound',
  'FileUnreadable',
  'NotAFile',
  'InvalidEncoding',
  'IncludeCycle',
  'IncludeOutsideRoot',
  'IncludeTooDeep',
  'IncludeGlobNotSupported',
  'JournalTooLarge',
  'InvalidLoadInput',
] as const satisfies ReadonlyArray<LoadError['_tag']>

// Compile-time check that `loadErrorTags` names every tag of the union.
type UnlistedLoadError = Exclude<LoadError['_tag'], (typeof loadErrorTags)[number]>
const _everyLoadErrorTagListed: [UnlistedLoadError] extends [never] ? true : UnlistedLoadError = true
void _everyLoadErrorTagListed

/**
 * A file-system error as a load error, located at the `include` line that asked for the file when a
 * span is given; an invalid UTF-8 byte is located in its own file (line and column of the byte).
 */
export const fromIoError = (error: IoError, span?: SourceSpan): LoadError => {
  if (error._tag === 'InvalidEncoding' && error.problem._tag === 'InvalidUtf8')
    return { ...error, span: makeSpan(error.path, error.problem.line, error.problem.column) }
  return span === undefined ? error : { ...error, span }
}

/**
 * With the `strict` load option (CLI `--strict`): an account posted to, or a commodity used,
 * without its `account` or `commodity` declaration.
 */
export type StrictError =
  | { readonly _tag: 'UndeclaredAccount'; readonly span: SourceSpan; readonly account: string }
  | { readonly _tag: 'UndeclaredCommodity'; readonly span: SourceSpan; readonly commodity: string }

/** Every `StrictError` tag, once. */
export const strictErrorTags = ['UndeclaredAccount', 'UndeclaredCommodity'] as const satisfies ReadonlyArray<
  StrictError['_tag']
>

/** `account kirov:assets:cash is not declared (strict mode)`. */
export const strictErrorMessage = (error: StrictError): string =>
  error._tag === 'UndeclaredAccount'
    ? `account ${error.account} is not declared (strict mode: declare it with an account directive)`
    : `commodity ${error.commodity} is not declared (strict mode: declare it with a commodity directive)`

/** The layers a load runs, in order; each has its own typed error union. */
export type Layer = Diagnostic['layer']

/** Every layer a diagnostic can come from, in the order a load runs them. */
export const layers = [
  'load',
  'parse',
  'elaborate',
  'strict',
  'declaration',
  'statement',
  'plan',
  'operation',
  'posting',
  'domain',
] as const satisfies ReadonlyArray<Layer>

interface Located<S extends 'error' | 'warning', L extends string, Error extends { readonly _tag: string }> {
  readonly severity: S
  /** The layer that found the problem. */
  readonly layer: L
  /** The stable tag catalogued in the README (`error._tag`). */
  readonly tag: Error['_tag']
  /** The typed error itself, with every fact it carries (an unbalanced residual, a path, a limit). */
  readonly error: Error
  readonly span?: SourceSpan
  /** The error as a sentence, without its location. */
  readonly message: string
}

/**
 * One located problem: a union by `layer`, each member carrying that layer's typed `error`
 * (narrow on `layer`, then `switch` on `error._tag`). `tag` is the error's tag, typed as the
 * union of every tag a load can report (`DiagnosticTag`), never a bare string.
 */
export type Diagnostic =
  | Located<'error', 'load', LoadError>
  | Located<'error', 'parse', ParseError.ParseError>
  | Located<'error', 'elaborate', Elaborate.ElaborateError>
  | Located<'warning', 'elaborate', Elaborate.ElaborateWarning>
  | Located<'error', 'strict', StrictError>
  | Located<'error', 'declaration', Ledger.DeclarationError>
  | Located<'error', 'statement', Statements.StatementError>
  | Located<'error', 'plan', Plans.PlanError>
  | Located<'error', 'operation', Operations.OperationError>
  | Located<'error', 'posting', Ledger.PostingError>
  | Located<'error', 'domain', DomainError.DomainError>

/** Every tag a diagnostic can carry. */
export type DiagnosticTag = Diagnostic['tag']

/** Renders a load error as a sentence (without the location), such as `file not found: books.journal`. */
export const loadErrorMessage = (error: LoadError): string => {
  switch (error._tag) {
    case 'FileNotFound':
      return `file not found: ${error.path}`
    case 'FileUnreadable':
      return `cannot read ${error.path} (${error.reason})`
    case 'NotAFile':
      return `not a file: ${error.path}`
    case 'InvalidEncoding':
      // An invalid byte is located in its own file; a whole file in another encoding is named.
      return error.problem._tag === 'InvalidUtf8'
        ? renderEncodingProblem(error.problem)
        : `${error.path}: ${renderEncodingProblem(error.problem)}`
    case 'IncludeCycle':
      return `include cycle: ${error.path} is already being read`
    case 'IncludeOutsideRoot':
      return `include of ${error.path} is outside the allowed root ${error.root}`
    case 'IncludeTooDeep':
      return `includes are nested more than ${error.depthMax} deep`
    case 'IncludeGlobNotSupported':
      return `not supported: glob patterns in include (${error.path}); include each file by name`
    case 'JournalTooLarge':
      return `${error.path} is ${error.bytes} bytes; at most ${error.bytesMax} are allowed in one load`
    case 'InvalidLoadInput':
      return `load input is not well-formed: ${error.argument} should be ${error.expected}, not ${error.actual}`
  }
}

/** A load error as an error diagnostic, located when the error has a span. */
export const ofLoadError = (error: LoadError): Diagnostic => ({
  severity: 'error',
  layer: 'load',
  tag: error._tag,
  error,
  ...(error.span !== undefined ? { span: error.span } : {}),
  message: loadErrorMessage(error),
})

/** A parse error as a located error diagnostic. */
export const ofParseError = (error: ParseError.ParseError): Diagnostic => ({
  severity: 'error',
  layer: 'parse',
  tag: error._tag,
  error,
  span: error.span,
  message: ParseError.message(error),
})

/** An elaboration error as a located error diagnostic, or a malformed citation as a warning. */
export const ofElaborateError = (error: Elaborate.ElaborateError | Elaborate.ElaborateWarning): Diagnostic =>
  error._tag === 'MalformedCitation'
    ? {
        severity: 'warning',
        layer: 'elaborate',
        tag: error._tag,
        error,
        span: error.span,
        message: Elaborate.message(error),
      }
    : {
        severity: 'error',
        layer: 'elaborate',
        tag: error._tag,
        error,
        span: error.span,
        message: Elaborate.message(error),
      }

/** A posting error of the ledger as a located error diagnostic (`span` overrides the transaction's own). */
export const ofPostingError = (error: Ledger.PostingError, span: SourceSpan = error.span): Diagnostic => ({
  severity: 'error',
  layer: 'posting',
  tag: error._tag,
  error,
  span,
  message: Ledger.renderPostingError(error),
})

/** A declaration error of the ledger as a located error diagnostic. */
export const ofDeclarationError = (error: Ledger.DeclarationError): Diagnostic => ({
  severity: 'error',
  layer: 'declaration',
  tag: error._tag,
  error,
  span: error.span,
  message: Ledger.renderPostingError(error),
})

/** A `reported`, `param` or `expect` line the engine cannot read, as a located error diagnostic. */
export const ofStatementError = (error: Statements.StatementError): Diagnostic => ({
  severity: 'error',
  layer: 'statement',
  tag: error._tag,
  error,
  span: error.span,
  message: Statements.message(error),
})

/** A `norm`, `plan`, `limit` or `count` line the engine cannot read, as a located error diagnostic. */
export const ofPlanError = (error: Plans.PlanError): Diagnostic => ({
  severity: 'error',
  layer: 'plan',
  tag: error._tag,
  error,
  span: error.span,
  message: Plans.message(error),
})

/** An operation line that does not fit its form, as a located error diagnostic. */
export const ofOperationError = (error: Operations.OperationError): Diagnostic => ({
  severity: 'error',
  layer: 'operation',
  tag: error._tag,
  error,
  span: error.span,
  message: Operations.message(error),
})

/** A domain error (an operation the documents do not allow) located at the operation's `span`. */
export const ofDomainError = (error: DomainError.DomainError, span: SourceSpan): Diagnostic => ({
  severity: 'error',
  layer: 'domain',
  tag: error._tag,
  error,
  span,
  message: DomainError.renderDomainError(error),
})

/**
 * Whatever building books returned (`Apply.apply`), located: a posting error at its transaction,
 * a domain error at the operation's `span`.
 */
export const ofBuildError = (error: BuildError.BuildError, span: SourceSpan): Diagnostic =>
  BuildError.isPostingError(error) ? ofPostingError(error) : ofDomainError(error, span)

/** A strict-mode error (an undeclared account or commodity) as a located error diagnostic. */
export const ofStrictError = (error: StrictError): Diagnostic => ({
  severity: 'error',
  layer: 'strict',
  tag: error._tag,
  error,
  span: error.span,
  message: strictErrorMessage(error),
})

/** The diagnostics that are errors (not warnings). */
export const isError = (diagnostic: Diagnostic): diagnostic is Extract<Diagnostic, { readonly severity: 'error' }> =>
  diagnostic.severity === 'error'

/** The text of line `line` (1-based) of `text`, without its line break. O(position of the line). */
export const lineOf = (text: string, line: number): string | undefined => {
  let start = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start)
    if (next < 0) return undefined
    start = next + 1
  }
  const end = text.indexOf('\n', start)
  const raw = end < 0 ? text.slice(start) : text.slice(start, end)
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw
}

const excerptWidthMax = 200

/**
 * `file:line:column: severity: message (Tag)`, then the source line with a `N | ` gutter and a
 * caret under the column. Long lines are cut around the column.
 */
export const render = (diagnostic: Diagnostic, sources: ReadonlyMap<string, string>): string => {
  const head = `${diagnostic.severity}: ${diagnostic.message} (${diagnostic.tag})`
  const span = diagnostic.span
  if (span === undefined || span.line <= 0) return span === undefined ? head : `${span.file}: ${head}`
  const location = `${span.file}:${span.line}:${span.column}`
  const text = sources.get(span.file)
  const sourceLine = text === undefined ? undefined : lineOf(text, span.line)
  if (sourceLine === undefined) return `${location}: ${head}`
  let shown = sourceLine
  let column = Math.max(1, span.column)
  if (shown.length > excerptWidthMax) {
    const start = Math.max(0, column - 1 - excerptWidthMax / 2)
    shown =
      `${start > 0 ? '…' : ''}${shown.slice(start, start + excerptWidthMax)}` +
      `${start + excerptWidthMax < sourceLine.length ? '…' : ''}`
    column = column - start + (start > 0 ? 1 : 0)
  }
  // Control characters would garble the terminal: show them as U+FFFD.
  shown = shown.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, '\ufffd').replace(/\t/gu, ' ')
  const gutter = String(span.line)
  return [
    `${location}: ${head}`,
    `${gutter} | ${shown}`,
    `${' '.repeat(gutter.length)} | ${' '.repeat(column - 1)}^`,
  ].join('\n')
}
