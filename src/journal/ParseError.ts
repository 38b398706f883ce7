/**
 * Errors of the journal parser: a tagged union of facts, plus one exhaustive renderer.
 *
 * Every error carries the `span` of the offending text (column of the first bad character) and the
 * facts needed to explain it; prose lives only in `message`. Tags are PascalCase, name the broken
 * rule, and are never renamed or reused. `parseErrorTags` lists them all (one example journal per
 * tag lives in `ledgers/errors/`).
 */
import type { Span } from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Features of hledger/ledger journals that this parser refuses rather than misreads. */
export type UnsupportedFeature =
  | 'periodic transactions'
  | 'automated transactions'
  | 'virtual postings'
  | 'costs'
  | 'lot prices'
  | 'year-less dates without a year directive'
  | 'directive'

/** Why an amount could not be read. */
export type InvalidAmountReason =
  /** No number where an amount was expected. */
  | 'missingNumber'
  /** Digit-group and decimal marks that no reading makes consistent (`1.000,000.5`). */
  | 'badNumber'
  /** The number uses a decimal mark other than the one declared (`decimal-mark` or `commodity`). */
  | 'decimalMarkMismatch'
  /** A symbol on both sides of the number (`$10 RUB`). */
  | 'twoCommodities'
  /** A goods quantity, count, plan or norm without a commodity symbol. */
  | 'missingCommodity'
  /** A `[` with no matching `]`. */
  | 'unclosedBracket'
  /** Characters glued to the amount (`10RUB,`), or a second amount. */
  | 'trailingText'

/** Why a commodity symbol or a commodity directive is wrong. */
export type BadCommodityReason =
  | 'emptySymbol'
  | 'unterminatedQuote'
  | 'symbolTooLong'
  /** A `commodity` or `format` sample amount with no decimal mark (hledger requires one). */
  | 'formatWithoutDecimalMark'
  /** A `format` line whose symbol differs from its `commodity` directive's. */
  | 'formatSymbolMismatch'

/** What a directive or line was missing. */
export type ExpectedArgument =
  | 'date'
  | 'alias (OLD = NEW or /REGEX/ = REPLACEMENT)'
  | 'account'
  | 'amount'
  | 'commodity'
  | 'entity'
  | 'category'
  | 'period'
  | 'path'
  | 'payee'
  | 'year'
  | 'rule'
  | 'parameter'
  | 'value'
  | 'decimalMark'
  | 'id'
  | 'text'

/** What kind of name was malformed. */
export type NameKind = 'entity' | 'category' | 'rule' | 'parameter' | 'assumption' | 'alias pattern'

/** All parser errors, in the precedence order used when several apply to one line. */
export type ParseError =
  | { readonly _tag: 'LineTooLong'; readonly span: Span; readonly length: number; readonly lengthMax: number }
  | { readonly _tag: 'InvalidCharacter'; readonly span: Span; readonly codePoint: number }
  | { readonly _tag: 'UnexpectedIndent'; readonly span: Span }
  | { readonly _tag: 'NotSupported'; readonly span: Span; readonly feature: UnsupportedFeature; readonly name: string }
  | { readonly _tag: 'UnknownDirective'; readonly span: Span; readonly name: string }
  | { readonly _tag: 'UnterminatedComment'; readonly span: Span }
  | { readonly _tag: 'UnterminatedString'; readonly span: Span }
  | {
      readonly _tag: 'InvalidDate'
      readonly span: Span
      readonly text: string
      readonly reason: 'syntax' | 'year' | 'month' | 'day'
    }
  | {
      readonly _tag: 'InvalidPeriod'
      readonly span: Span
      readonly text: string
      readonly reason: 'syntax' | 'quarter' | 'month' | 'emptyRange'
    }
  | {
      readonly _tag: 'InvalidAccountName'
      readonly span: Span
      readonly text: string
      readonly reason: 'empty' | 'controlCharacter' | 'tooLong' | 'unclosedVirtual'
    }
  | {
      readonly _tag: 'MissingAmountSeparator'
      readonly span: Span
      readonly account: string
      readonly amountText: string
    }
  | { readonly _tag: 'InvalidAmount'; readonly span: Span; readonly text: string; readonly reason: InvalidAmountReason }
  | {
      readonly _tag: 'AmountTooLong'
      readonly span: Span
      readonly text: string
      readonly digitCount: number
      readonly digitCountMax: number
    }
  | { readonly _tag: 'BadCommodity'; readonly span: Span; readonly text: string; readonly reason: BadCommodityReason }
  | { readonly _tag: 'InvalidDecimalMark'; readonly span: Span; readonly text: string }
  | { readonly _tag: 'InvalidName'; readonly span: Span; readonly text: string; readonly kind: NameKind }
  | {
      readonly _tag: 'MissingArgument'
      readonly span: Span
      readonly directive: string
      readonly expected: ExpectedArgument
    }
  | { readonly _tag: 'UnexpectedText'; readonly span: Span; readonly text: string }
  /** A periodic rule's period expression or an auto posting rule's query that cannot be used (hledger's grammar). */
  | {
      readonly _tag: 'InvalidRule'
      readonly span: Span
      readonly kind: 'period expression' | 'query'
      readonly text: string
      readonly reason: string
    }
  | { readonly _tag: 'TooManyPostings'; readonly span: Span; readonly postingsMax: number }
  | { readonly _tag: 'TooManyErrors'; readonly span: Span; readonly errorsMax: number }
  /**
   * `parse` was called with a value of the wrong kind (a JavaScript caller: a number for the text, a string for the
   * options); `path` names the argument (`text`, `options.context`), `actual` the kind found.
   */
  | {
      readonly _tag: 'InvalidParseInput'
      readonly span: Span
      readonly path: string
      readonly expected: string
      readonly actual: string
    }

/** Every `ParseError` tag, once. */
export const parseErrorTags = [
  'LineTooLong',
  'InvalidCharacter',
  'UnexpectedIndent',
  'NotSupported',
  'UnknownDirective',
  'UnterminatedComment',
  'UnterminatedString',
  'InvalidDate',
  'InvalidPeriod',
  'InvalidAccountName',
  'MissingAmountSeparator',
  'InvalidAmount',
  'AmountTooLong',
  'BadCommodity',
  'InvalidDecimalMark',
  'InvalidName',
  'MissingArgument',
  'UnexpectedText',
  'InvalidRule',
  'TooManyPostings',
  'TooManyErrors',
  'InvalidParseInput',
] as const satisfies ReadonlyArray<ParseError['_tag']>

/** A `ParseError` tag. */
export type ParseErrorTag = (typeof parseErrorTags)[number]

// Compile-time check that `parseErrorTags` names every tag of the union.
type MissingTags = Exclude<ParseError['_tag'], ParseErrorTag>
const _everyTagListed: MissingTags extends never ? true : MissingTags = true
void _everyTagListed

// -------------------------------------------------------------------------------------
// rendering
// -------------------------------------------------------------------------------------

const absurd = (value: never): never => {
  throw new Error(`unexpected value ${JSON.stringify(value)}`)
}

const quote = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)

const invalidAmountMessage = (reason: InvalidAmountReason): string => {
  switch (reason) {
    case 'missingNumber':
      return 'expected a number'
    case 'badNumber':
      return 'its digit-group and decimal marks are inconsistent'
    case 'decimalMarkMismatch':
      return 'its decimal mark differs from the declared one (see decimal-mark and commodity directives)'
    case 'twoCommodities':
      return 'it has a commodity symbol on both sides of the number'
    case 'missingCommodity':
      return 'a goods quantity, count, plan, norm or limit needs a commodity symbol'
    case 'unclosedBracket':
      return 'the "[" has no matching "]"'
    case 'trailingText':
      return 'unexpected characters after it'
    default:
      return absurd(reason)
  }
}

const badCommodityMessage = (reason: BadCommodityReason): string => {
  switch (reason) {
    case 'emptySymbol':
      return 'the quoted symbol is empty'
    case 'unterminatedQuote':
      return 'the quoted symbol has no closing "'
    case 'symbolTooLong':
      return 'the symbol is too long'
    case 'formatWithoutDecimalMark':
      return 'the sample amount must include a decimal mark (e.g. 1,000.00 RUB or 1000. RUB)'
    case 'formatSymbolMismatch':
      return "the format's symbol differs from the commodity directive's"
    default:
      return absurd(reason)
  }
}

/** The one-line message of an error, without its location. */
export const message = (error: ParseError): string => {
  switch (error._tag) {
    case 'LineTooLong':
      return `line is ${error.length} characters long; at most ${error.lengthMax} are allowed`
    case 'InvalidCharacter':
      return `invalid character U+${error.codePoint.toString(16).toUpperCase().padStart(4, '0')}`
    case 'UnexpectedIndent':
      return (
        'unexpected indented line: postings and sub-lines must directly follow their transaction or ' +
        'directive (no blank line between)'
      )
    case 'NotSupported':
      return error.feature === 'directive'
        ? `not supported: the ${quote(error.name)} directive`
        : `not supported: ${error.feature}${error.name === '' ? '' : ` (${quote(error.name)})`}`
    case 'UnknownDirective':
      return `unknown directive ${quote(error.name)}`
    case 'UnterminatedComment':
      return 'comment block has no "end comment" line'
    case 'UnterminatedString':
      return 'quoted string has no closing "'
    case 'InvalidDate':
      return error.reason === 'syntax'
        ? `invalid date ${quote(error.text)}: expected YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD`
        : `invalid date ${quote(error.text)}: no such ${error.reason}`
    case 'InvalidPeriod':
      return error.reason === 'emptyRange'
        ? `invalid period ${quote(error.text)}: the end must be after the start`
        : error.reason === 'syntax'
          ? `invalid period ${quote(error.text)}: expected YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or DATE..DATE`
          : `invalid period ${quote(error.text)}: no such ${error.reason}`
    case 'InvalidAccountName':
      return error.reason === 'empty'
        ? 'expected an account name'
        : error.reason === 'tooLong'
          ? `account name is too long (${error.text.length} characters)`
          : error.reason === 'unclosedVirtual'
            ? `virtual posting account ${quote(error.text)} is not closed: write (account) or [account]`
            : `account name ${quote(error.text)} contains a control character`
    case 'MissingAmountSeparator':
      return (
        `account name ${quote(error.account)} ends with what looks like the amount ` +
        `${quote(error.amountText)}: separate the amount from the account with two spaces or a tab`
      )
    case 'InvalidAmount':
      return `invalid amount ${quote(error.text)}: ${invalidAmountMessage(error.reason)}`
    case 'AmountTooLong':
      return `amount ${quote(error.text)} has ${error.digitCount} digits; at most ${error.digitCountMax} are allowed`
    case 'BadCommodity':
      return `invalid commodity ${quote(error.text)}: ${badCommodityMessage(error.reason)}`
    case 'InvalidDecimalMark':
      return `invalid decimal mark ${quote(error.text)}: expected "." or ","`
    case 'InvalidName':
      return `invalid ${error.kind} name ${quote(error.text)}`
    case 'MissingArgument':
      return (
        `${error.directive}: expected ` +
        (error.expected === 'decimalMark'
          ? 'a decimal mark'
          : `${/^[aeiou]/.test(error.expected) ? 'an' : 'a'} ${error.expected}`)
      )
    case 'UnexpectedText':
      return `unexpected text ${quote(error.text)}`
    case 'InvalidRule':
      return `invalid ${error.kind} ${quote(error.text)}: ${error.reason}`
    case 'TooManyPostings':
      return `transaction has more than ${error.postingsMax} postings`
    case 'TooManyErrors':
      return `too many errors; stopped after ${error.errorsMax}`
    case 'InvalidParseInput':
      return `parse input is not well-formed: ${error.path} should be ${error.expected}, not ${error.actual}`
    default:
      return absurd(error)
  }
}

/** Characters of a long source line shown around the caret. */
const excerptWidth = 120

/** Finds the start offsets of the given 1-based lines in one linear pass. */
const lineStarts = (sourceText: string, lines: ReadonlyArray<number>): Map<number, number> => {
  const wanted = [...new Set(lines)].sort((a, b) => a - b)
  const starts = new Map<number, number>()
  const bomLength = sourceText.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  let offset = bomLength
  for (const target of wanted) {
    while (line < target) {
      const newline = sourceText.indexOf('\n', offset)
      if (newline === -1) {
        offset = -1
        break
      }
      offset = newline + 1
      line += 1
    }
    if (offset === -1) break
    starts.set(target, offset)
  }
  return starts
}

const sourceLine = (sourceText: string, start: number | undefined): string => {
  if (start === undefined) return ''
  const newline = sourceText.indexOf('\n', start)
  const end = newline === -1 ? sourceText.length : newline
  return sourceText.slice(start, end > start && sourceText.charCodeAt(end - 1) === 13 ? end - 1 : end)
}

const excerpt = (error: ParseError, text: string): string => {
  const gutter = String(error.span.line)
  const pad = ' '.repeat(gutter.length)
  let shown = text
  let caretIndex = Math.max(0, error.span.column - 1)
  if (shown.length > excerptWidth) {
    const from = Math.max(0, Math.min(caretIndex - excerptWidth / 2, shown.length - excerptWidth))
    shown =
      `${from > 0 ? '…' : ''}${shown.slice(from, from + excerptWidth)}` +
      `${from + excerptWidth < text.length ? '…' : ''}`
    caretIndex = caretIndex - from + (from > 0 ? 1 : 0)
  }
  // Control characters would corrupt the terminal; tabs are kept so the caret lines up.
  // eslint-disable-next-line no-control-regex
  shown = shown.replace(/[\u0000-\u0008\u000b-\u001f]/g, '\ufffd')
  let caretPad = ''
  for (let index = 0; index < caretIndex; index += 1) caretPad += shown.charCodeAt(index) === 9 ? '\t' : ' '
  return `${gutter} | ${shown}\n${pad} | ${caretPad}^`
}

/**
 * Renders several errors of one source text: `file:line:column: message`, then the source line
 * with a `N | ` gutter and a caret under the column. Scans the text once for all errors.
 */
export const renderParseErrors = (errors: ReadonlyArray<ParseError>, sourceText: string): ReadonlyArray<string> => {
  const starts = lineStarts(
    sourceText,
    errors.map((error) => error.span.line),
  )
  return errors.map((error) => {
    const head = `${error.span.file}:${error.span.line}:${error.span.column}: ${message(error)}`
    return error._tag === 'TooManyErrors'
      ? head
      : `${head}\n${excerpt(error, sourceLine(sourceText, starts.get(error.span.line)))}`
  })
}

/** Renders one error with its source excerpt (see `renderParseErrors`). */
export const renderParseError = (error: ParseError, sourceText: string): string =>
  renderParseErrors([error], sourceText)[0] ?? ''
