/** The line structure of a journal file: blocks, continuation lines, comments, sub-lines, and the parser's state. */
import { CODE_SPACE, codes, isBlank, Lexer } from '../Lexer.js'
import { lineLengthMax, parseErrorsMax } from '../limits.js'
import type { ParseError } from '../ParseError.js'
import { type DirectiveScope, emptyContext, type ParseEachOptions } from '../ParseModel.js'
import {
  type AmountSyntax,
  type CommentSyntax,
  type Node,
  OPERATION_KEYWORDS,
  type PlanKeyword,
  type Span,
  type SubLine,
} from '../Syntax.js'

export const EMPTY: ReadonlyArray<never> = Object.freeze([])

/** hledger and ledger directives that this parser recognizes but refuses. */
export const UNSUPPORTED_DIRECTIVES: ReadonlySet<string> = new Set([
  'apply',
  'end',
  'A',
  'C',
  'N',
  'assert',
  'bucket',
  'check',
  'def',
  'define',
  'eval',
  'expr',
  'import',
  'python',
  'tag',
  'test',
  'value',
  'i',
  'o',
  'I',
  'O',
  'b',
  'h',
])

export const PLAN_KEYWORDS: ReadonlySet<string> = new Set<PlanKeyword>(['norm', 'plan', 'limit'])

/** Whether `name` is a plain name: non-empty, no `:`, `;`, `"` or control characters. */
export const isPlainName = (name: string): boolean => {
  if (name.length === 0) return false
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index)
    if (code === codes.colon || code === codes.semicolon || code === codes.quote || code < CODE_SPACE) return false
  }
  return true
}

/** Whether `path` is a colon path of non-empty plain segments (`working-capital:wip`). */
export const isColonPath = (path: string): boolean => {
  if (path.length === 0) return false
  let segmentLength = 0
  for (let index = 0; index < path.length; index += 1) {
    const code = path.charCodeAt(index)
    if (code === codes.colon) {
      if (segmentLength === 0) return false
      segmentLength = 0
    } else if (code === codes.semicolon || code === codes.quote || code < CODE_SPACE) {
      return false
    } else {
      segmentLength += 1
    }
  }
  return segmentLength > 0
}

/**
 * The start of the last line of `text` that starts at or after `from` and before `end` (a line
 * start) and whose first character is neither a space nor a tab (a line no block continues into),
 * or -1.
 */
const boundaryBefore = (text: string, end: number, from: number): number => {
  let start = end
  while (start > from) {
    start = text.lastIndexOf('\n', start - 2) + 1
    if (start < from) return -1
    if (start < text.length && !isBlank(text.charCodeAt(start))) return start
  }
  return -1
}

/**
 * Whether a line `end comment` (blanks after it allowed, as `commentBlock` reads it) follows the first line of `text`.
 */
const hasCommentEnd = (text: string): boolean => {
  for (let at = text.indexOf('\nend comment'); at !== -1; at = text.indexOf('\nend comment', at + 1)) {
    let index = at + 12
    while (index < text.length && isBlank(text.charCodeAt(index))) index += 1
    const code = index < text.length ? text.charCodeAt(index) : 10
    if (code === 10 || (code === 13 && (index + 1 === text.length || text.charCodeAt(index + 1) === 10))) return true
  }
  return false
}

/**
 * The parser's state and its line-level reading; `DirectiveParser` and `Parser` add the directives and dated blocks.
 */
export abstract class LineParser extends Lexer {
  protected readonly errors: ParseError[] = []
  protected stopped = false
  protected nextNul: number
  protected readonly operationKeywords: ReadonlySet<string>
  protected readonly onProgress: ((offset: number, length: number) => void) | undefined
  protected readonly progressStep: number
  /** `ParseEachOptions.skipDated`: dated blocks and stray indented lines are skipped unread. */
  protected readonly skipDated: boolean
  /** Reading in pieces (`ParseEachOptions.more`): the next piece, undefined once the last is in the window. */
  protected more: (() => string | undefined) | undefined
  /** Code units of the file before the window (`text`) starts. */
  protected consumed = 0
  /** The start of the window's last line that no block continues into (see `boundaryBefore`); +∞ once whole. */
  protected safeStart = Number.POSITIVE_INFINITY

  constructor(
    fileName: string,
    text: string,
    options: ParseEachOptions,
    protected readonly onNode: (node: Node, scope: DirectiveScope) => void,
  ) {
    super(fileName, text)
    this.operationKeywords = options.operationKeywords ?? OPERATION_KEYWORDS
    this.onProgress = options.onProgress
    this.progressStep = Math.max(1, options.progressStep ?? 1024 * 1024)
    const context = options.context ?? emptyContext
    this.year = context.year
    this.decimalMark = context.decimalMark
    for (const [symbol, style] of context.commodityStyles) this.commodityStyles.set(symbol, style)
    for (const symbol of context.declaredCommodities) this.declaredCommodities.add(symbol)
    this.aliases = [...(context.aliases ?? [])]
    this.accountPrefixes = [...(context.accountPrefixes ?? [])]
    this.defaultCommodity = context.defaultCommodity ?? null
    this.nextNul = text.indexOf('\0')
    this.more = options.more
    this.skipDated = options.skipDated === true
    if (this.more !== undefined) this.safeStart = boundaryBefore(text, text.length, 1)
  }

  /**
   * Reading in pieces: before the block at the current line, makes sure the window holds all of it.
   * Every block but a `comment` block ends before the next line that starts with neither a space
   * nor a tab (`isContinuation`), so a block starting before the window's last such line
   * (`safeStart`) is inside the window; a `comment` block needs a line `end comment` (or the end).
   * Otherwise the window drops what was read and takes the next piece, until that holds.
   */
  protected fillWindow(): void {
    if (this.more === undefined) return
    const comment = this.text.startsWith('comment', this.lineStart)
    if (this.lineStart < this.safeStart && !comment) return
    // (past the end of a last line without a line break, `lineStart` is one beyond the text)
    let from = Math.min(this.lineStart, this.text.length)
    let text = this.text.slice(from)
    this.consumed += from
    from = 0
    for (;;) {
      // Whether the block is a comment is read again as pieces arrive: the window may have ended
      // just before the current line, which the first check then could not see.
      const inComment = text.startsWith('comment')
      if (inComment ? hasCommentEnd(text) : boundaryBefore(text, text.length, 1) !== -1) break
      const piece = this.more()
      if (piece === undefined) {
        this.more = undefined
        break
      }
      text += piece
    }
    this.text = text
    this.safeStart = this.more === undefined ? Number.POSITIVE_INFINITY : boundaryBefore(text, text.length, 1)
    if (this.safeStart === -1) this.safeStart = 0
    this.nextNul = text.indexOf('\0')
    this.setLine(from)
  }

  /** The directive state here, for the loader's includes (see `DirectiveScope`). */
  protected readonly scope: DirectiveScope = {
    context: () => ({
      year: this.year,
      decimalMark: this.decimalMark,
      commodityStyles: new Map(this.commodityStyles),
      declaredCommodities: new Set(this.declaredCommodities),
      aliases: [...this.aliases],
      accountPrefixes: [...this.accountPrefixes],
      defaultCommodity: this.defaultCommodity,
    }),
    declareFrom: (child) => {
      for (const [symbol, style] of child.commodityStyles) this.commodityStyles.set(symbol, style)
      for (const symbol of child.declaredCommodities) this.declaredCommodities.add(symbol)
    },
  }

  /** A node, undefined when the block produced none (the loop moved on), or null on error. */
  protected abstract topLevel(): Node | null | undefined

  // -----------------------------------------------------------------------------------
  // lines
  // -----------------------------------------------------------------------------------

  protected setLine(start: number): void {
    const text = this.text
    this.lineStart = start
    let newline = start < text.length ? text.indexOf('\n', start) : -1
    if (newline === -1) newline = text.length
    this.nextLineStart = newline + 1
    this.lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline
    this.pos = start
  }

  /** The span of a block from column 1 of `firstLine` to the line before the current one. */
  protected blockSpan(firstLine: number): Span {
    return { file: this.file, line: firstLine, column: 1, endLine: this.lineNumber - 1 }
  }

  protected advance(): void {
    this.lineNumber += 1
    this.setLine(this.nextLineStart)
  }

  protected atEnd(): boolean {
    return this.lineStart >= this.text.length
  }

  protected isBlankLine(): boolean {
    return this.skipBlanks(this.lineStart, this.lineEnd) === this.lineEnd
  }

  /** Whether the current line continues the block above: indented and not blank. */
  protected isContinuation(): boolean {
    return !this.atEnd() && isBlank(this.text.charCodeAt(this.lineStart)) && !this.isBlankLine()
  }

  /** Checks the line-level limits (length, NUL bytes) of the current line. */
  protected checkLine(): boolean {
    const length = this.lineEnd - this.lineStart
    if (length > lineLengthMax) {
      this.fail(this.lineStart + lineLengthMax, { _tag: 'LineTooLong', length, lengthMax: lineLengthMax })
      return false
    }
    if (this.nextNul !== -1 && this.nextNul < this.lineStart) this.nextNul = this.text.indexOf('\0', this.lineStart)
    if (this.nextNul !== -1 && this.nextNul < this.lineEnd) {
      this.fail(this.nextNul, { _tag: 'InvalidCharacter', codePoint: 0 })
      return false
    }
    return true
  }

  // -----------------------------------------------------------------------------------
  // blocks
  // -----------------------------------------------------------------------------------

  protected report(error: ParseError): void {
    if (this.errors.length >= parseErrorsMax) {
      this.errors.push({ _tag: 'TooManyErrors', span: error.span, errorsMax: parseErrorsMax })
      this.stopped = true
    } else {
      this.errors.push(error)
    }
  }

  /** Parses one block starting at the current (top-level) line, or reports its error and skips it. */
  protected block(): void {
    const node = this.checkLine() ? this.topLevel() : null
    if (node !== null && this.error === null) {
      if (node !== undefined) this.onNode(node, this.scope)
      return
    }
    const error = this.error
    this.error = null
    if (error !== null) this.report(error)
    // Recover at the next top-level line.
    if (!this.atEnd()) this.advance()
    while (this.isContinuation()) this.advance()
  }

  protected commentLine(markerOffset: number, indented: boolean): Node {
    const marker =
      this.text.charCodeAt(markerOffset) === codes.semicolon
        ? ';'
        : this.text.charCodeAt(markerOffset) === codes.hash
          ? '#'
          : '*'
    const comment = this.comment(markerOffset, this.lineEnd, marker)
    const node: Node = { _tag: 'CommentLine', span: this.spanAt(this.lineStart), indented, comment }
    this.advance()
    return node
  }

  /** `comment` … `end comment`; the `comment` line is current. */
  protected commentBlock(): Node | null {
    const span = this.spanAt(this.lineStart)
    const startLine = this.lineNumber
    const lines: string[] = []
    this.advance()
    while (!this.atEnd()) {
      const start = this.lineStart
      const end = this.trimEnd(start, this.lineEnd)
      if (end - start === 11 && this.text.startsWith('end comment', start)) {
        const node: Node = { _tag: 'CommentBlock', span: { ...span, endLine: this.lineNumber }, lines }
        this.advance()
        return node
      }
      lines.push(this.text.slice(start, end))
      this.advance()
    }
    this.error = { _tag: 'UnterminatedComment', span: { ...span, endLine: startLine } }
    return null
  }

  // -----------------------------------------------------------------------------------
  // sub-lines and comments of blocks
  // -----------------------------------------------------------------------------------

  /** The offset of a `;` that starts a comment (at `start` or after a blank) in `[start, end)`, or `end`. */
  protected commentStart(start: number, end: number): number {
    const text = this.text
    for (let index = start; index < end; index += 1) {
      if (text.charCodeAt(index) === codes.semicolon && (index === start || isBlank(text.charCodeAt(index - 1))))
        return index
    }
    return end
  }

  /**
   * The indented lines after a directive or operation header (the header line is current). With
   * `formatSymbol` non-null, `format AMOUNT` lines are read as commodity formats of that symbol.
   */
  protected subLines(formatSymbol: string | null): ReadonlyArray<SubLine> | null {
    this.advance()
    if (!this.isContinuation()) return EMPTY
    const subLines: SubLine[] = []
    while (this.isContinuation()) {
      if (!this.checkLine()) return null
      const subLine = this.subLine(formatSymbol)
      if (subLine === null) return null
      subLines.push(subLine)
      this.advance()
    }
    return subLines
  }

  protected subLine(formatSymbol: string | null): SubLine | null {
    const text = this.text
    const end = this.lineEnd
    const first = this.skipBlanks(this.lineStart, end)
    const span = this.spanAt(first)
    if (text.charCodeAt(first) === codes.semicolon)
      return { _tag: 'SubComment', span, comment: this.comment(first, end, ';') }
    const commentOffset = this.commentStart(first, end)
    const comment = commentOffset < end ? this.comment(commentOffset, end, ';') : null
    const contentEnd = this.trimEnd(first, commentOffset)
    const word = this.wordAt(first, contentEnd)
    if (word.length > 1 && word.charCodeAt(word.length - 1) === codes.colon) {
      const valueStart = this.skipBlanks(first + word.length, contentEnd)
      return { _tag: 'KeyValue', span, key: word.slice(0, -1), value: text.slice(valueStart, contentEnd), comment }
    }
    if (formatSymbol !== null && word === 'format') {
      const amountStart = this.skipBlanks(first + word.length, contentEnd)
      if (amountStart === contentEnd)
        return this.fail(amountStart, { _tag: 'MissingArgument', directive: 'format', expected: 'amount' })
      const amount = this.commodityFormat(amountStart, contentEnd, formatSymbol)
      if (amount === null) return null
      return { _tag: 'Format', span, amount, comment }
    }
    return { _tag: 'Raw', span, text: text.slice(first, contentEnd), comment }
  }

  /** A `commodity`/`format` sample amount: it must have a decimal mark (it declares the style). */
  protected commodityFormat(start: number, end: number, expectedSymbol: string | null): AmountSyntax | null {
    this.declaringStyle = true
    const amount = this.scanAmount(start, end, false)
    this.declaringStyle = false
    if (amount === null) return null
    if (this.pos !== end) {
      return this.fail(this.pos, { _tag: 'UnexpectedText', text: this.text.slice(this.skipBlanks(this.pos, end), end) })
    }
    if (expectedSymbol !== null && amount.commodity !== expectedSymbol) {
      return this.fail(start, { _tag: 'BadCommodity', text: amount.commodity, reason: 'formatSymbolMismatch' })
    }
    if (amount.style.decimalMark === null) {
      return this.fail(start, {
        _tag: 'BadCommodity',
        text: this.text.slice(start, end),
        reason: 'formatWithoutDecimalMark',
      })
    }
    return amount
  }

  /** The same-line comment of a directive (after its arguments end at `start`), or null (error). */
  protected directiveComment(start: number): CommentSyntax | null | undefined {
    return this.trailingComment(start, this.lineEnd)
  }
}
