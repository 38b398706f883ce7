/**
 * The journal parser: text → concrete syntax tree (`Syntax.ts`) plus every error found.
 *
 * The file is read once, line by line, by index (no array of lines is built). A *block* is one
 * top-level line (column 1) with the indented lines that follow it; a blank line ends a block. Each
 * block yields one node or one error: after an error the parser skips to the next top-level line,
 * so a single run reports every bad block, in file order, up to `parseErrorsMax`.
 *
 * Directives that change how later text is read (`decimal-mark`, `commodity` formats, `Y`) take
 * effect from the next line, as in hledger. The state at the end of the file is returned as
 * `context`, and a caller may pass a starting `context` (e.g. the loader, for included files).
 *
 * Input never makes the parser throw: CRLF line breaks, a UTF-8 byte-order mark, tabs, NUL bytes
 * and very long lines give nodes or errors.
 */
import { CODE_SPACE, CODE_TAB, codes, isBlank, isDigit, Lexer, type NumberStyle } from './Lexer.js'
import { lineLengthMax, parseErrorsMax, postingsPerTransactionMax, yearMax, yearMin } from './limits.js'
import type { ParseError } from './ParseError.js'
import {
  OPERATION_KEYWORDS,
  type AmountSyntax,
  type BalanceOperator,
  type CommentSyntax,
  type DecimalMark,
  type Node,
  type OperationSyntax,
  type PeriodSyntax,
  type PlanKeyword,
  type PostingSyntax,
  type Status,
  type Span,
  type SubLine,
  type TransactionSyntax,
} from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The reading state that directives change; passed between files by the loader. */
export interface ParseContext {
  /** The year of year-less dates (`Y`/`year` directive), or null. */
  readonly year: number | null
  /** The `decimal-mark` directive's mark, or null. */
  readonly decimalMark: DecimalMark | null
  /** Number styles declared by `commodity` directives, by symbol. */
  readonly commodityStyles: ReadonlyMap<string, NumberStyle>
  /** Every symbol named by a `commodity` directive. */
  readonly declaredCommodities: ReadonlySet<string>
}

/** Options of `parse`; every field is optional. */
export interface ParseOptions {
  /** First words that make a dated line an operation; defaults to `OPERATION_KEYWORDS`. */
  readonly operationKeywords?: ReadonlySet<string>
  /** The state to start from; defaults to `emptyContext`. */
  readonly context?: ParseContext
}

/** What `parse` returns: all nodes of the good blocks and all errors, both in file order. */
export interface ParseResult {
  readonly nodes: ReadonlyArray<Node>
  readonly errors: ReadonlyArray<ParseError>
  /** The reading state at the end of the file. */
  readonly context: ParseContext
}

/** No year, no decimal mark, no commodity declared. */
export const emptyContext: ParseContext = {
  year: null,
  decimalMark: null,
  commodityStyles: new Map(),
  declaredCommodities: new Set(),
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Parses one journal file. `fileName` is only used in spans; the text is the whole file.
 * Bad input is not an exception: the errors come back beside the nodes of the blocks that parsed.
 *
 * @example
 * ```ts
 * const { nodes, errors } = parse('a.journal', '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n')
 * // nodes[0]._tag → 'Transaction', errors.length → 0
 * const broken = parse('b.journal', '2024-13-01 rent\n')
 * // broken.errors[0]._tag → 'InvalidDate', broken.errors[0].span.line → 1
 * ```
 */
export const parse = (fileName: string, text: string, options: ParseOptions = {}): ParseResult => {
  const nodes: Node[] = []
  const { errors, context } = new Parser(fileName, text, options, (node) => nodes.push(node)).run()
  return { nodes, errors, context }
}

/** Options of `parseEach`: those of `parse`, and a progress hook. */
export interface ParseEachOptions extends ParseOptions {
  /**
   * Called with the offset (in UTF-16 code units) reached in `text` about every
   * `progressStep` code units, and once at the end with `text.length`.
   */
  readonly onProgress?: (offset: number, length: number) => void
  /** Code units between two `onProgress` calls; defaults to 1 Mi. */
  readonly progressStep?: number
}

/** What `parseEach` returns: the errors (in file order) and the reading state at the end. */
export interface ParseEachResult {
  readonly errors: ReadonlyArray<ParseError>
  readonly context: ParseContext
}

/**
 * Parses one journal file like `parse`, but hands each node to `onNode` as soon as its block is
 * read, in file order, instead of collecting them: a caller that consumes nodes one by one (the
 * loader) never holds the syntax tree of the whole file. The nodes, errors and context are exactly
 * those of `parse`. `onNode` runs before the next block is read, so it may read other files.
 */
export const parseEach = (fileName: string, text: string, onNode: (node: Node) => void, options: ParseEachOptions = {}): ParseEachResult =>
  new Parser(fileName, text, options, onNode).run()

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const EMPTY: ReadonlyArray<never> = Object.freeze([])

/** hledger and ledger directives that this parser recognizes but refuses. */
const UNSUPPORTED_DIRECTIVES: ReadonlySet<string> = new Set([
  'alias',
  'apply',
  'end',
  'A',
  'C',
  'D',
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

const PLAN_KEYWORDS: ReadonlySet<string> = new Set<PlanKeyword>(['norm', 'plan', 'limit'])

/** Whether `name` is a plain name: non-empty, no `:`, `;`, `"` or control characters. */
const isPlainName = (name: string): boolean => {
  if (name.length === 0) return false
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index)
    if (code === codes.colon || code === codes.semicolon || code === codes.quote || code < CODE_SPACE) return false
  }
  return true
}

/** Whether `path` is a colon path of non-empty plain segments (`working-capital:wip`). */
const isColonPath = (path: string): boolean => {
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

class Parser extends Lexer {
  private readonly errors: ParseError[] = []
  private stopped = false
  private nextNul: number
  private readonly operationKeywords: ReadonlySet<string>
  private readonly onProgress: ((offset: number, length: number) => void) | undefined
  private readonly progressStep: number

  constructor(
    fileName: string,
    text: string,
    options: ParseEachOptions,
    private readonly onNode: (node: Node) => void,
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
    this.nextNul = text.indexOf('\0')
  }

  run(): ParseEachResult {
    this.lineNumber = 1
    this.setLine(this.text.charCodeAt(0) === 0xfeff ? 1 : 0)
    const onProgress = this.onProgress
    if (onProgress === undefined) {
      while (!this.atEnd() && !this.stopped) this.block()
    } else {
      const length = this.text.length
      let next = this.progressStep
      while (!this.atEnd() && !this.stopped) {
        this.block()
        if (this.lineStart >= next) {
          onProgress(Math.min(this.lineStart, length), length)
          next = this.lineStart + this.progressStep
        }
      }
      onProgress(length, length)
    }
    return {
      errors: this.errors,
      context: {
        year: this.year,
        decimalMark: this.decimalMark,
        commodityStyles: new Map(this.commodityStyles),
        declaredCommodities: new Set(this.declaredCommodities),
      },
    }
  }

  // -----------------------------------------------------------------------------------
  // lines
  // -----------------------------------------------------------------------------------

  private setLine(start: number): void {
    const text = this.text
    this.lineStart = start
    let newline = start < text.length ? text.indexOf('\n', start) : -1
    if (newline === -1) newline = text.length
    this.nextLineStart = newline + 1
    this.lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline
    this.pos = start
  }

  /** The span of a block from column 1 of `firstLine` to the line before the current one. */
  private blockSpan(firstLine: number): Span {
    return { file: this.file, line: firstLine, column: 1, endLine: this.lineNumber - 1 }
  }

  private advance(): void {
    this.lineNumber += 1
    this.setLine(this.nextLineStart)
  }

  private atEnd(): boolean {
    return this.lineStart >= this.text.length
  }

  private isBlankLine(): boolean {
    return this.skipBlanks(this.lineStart, this.lineEnd) === this.lineEnd
  }

  /** Whether the current line continues the block above: indented and not blank. */
  private isContinuation(): boolean {
    return !this.atEnd() && isBlank(this.text.charCodeAt(this.lineStart)) && !this.isBlankLine()
  }

  /** Checks the line-level limits (length, NUL bytes) of the current line. */
  private checkLine(): boolean {
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

  private report(error: ParseError): void {
    if (this.errors.length >= parseErrorsMax) {
      this.errors.push({ _tag: 'TooManyErrors', span: error.span, errorsMax: parseErrorsMax })
      this.stopped = true
    } else {
      this.errors.push(error)
    }
  }

  /** Parses one block starting at the current (top-level) line, or reports its error and skips it. */
  private block(): void {
    const node = this.checkLine() ? this.topLevel() : null
    if (node !== null && this.error === null) {
      if (node !== undefined) this.onNode(node)
      return
    }
    const error = this.error
    this.error = null
    if (error !== null) this.report(error)
    // Recover at the next top-level line.
    if (!this.atEnd()) this.advance()
    while (this.isContinuation()) this.advance()
  }

  /** A node, undefined when the block produced none (the loop moved on), or null on error. */
  private topLevel(): Node | null | undefined {
    const text = this.text
    const start = this.lineStart
    const end = this.lineEnd
    const first = this.skipBlanks(start, end)
    if (first === end) {
      const node: Node = { _tag: 'BlankLine', span: this.spanAt(start) }
      this.advance()
      return node
    }
    const code = text.charCodeAt(start)
    if (code === CODE_SPACE || code === CODE_TAB) {
      const firstCode = text.charCodeAt(first)
      if (firstCode === codes.semicolon || firstCode === codes.hash || firstCode === codes.star) {
        return this.commentLine(first, true)
      }
      return this.fail(first, { _tag: 'UnexpectedIndent' })
    }
    if (code === codes.semicolon || code === codes.hash || code === codes.star) return this.commentLine(start, false)
    if (isDigit(code)) return this.dated()
    if (code === codes.tilde) {
      return this.fail(start, { _tag: 'NotSupported', feature: 'periodic transactions', name: '' })
    }
    if (code === codes.equals) {
      return this.fail(start, { _tag: 'NotSupported', feature: 'automated transactions', name: '' })
    }
    const word = this.wordAt(start, end)
    const argumentStart = this.skipBlanks(start + word.length, end)
    switch (word) {
      case 'account':
        return this.accountDirective(argumentStart)
      case 'commodity':
        return this.commodityDirective(argumentStart)
      case 'decimal-mark':
        return this.decimalMarkDirective(argumentStart)
      case 'P':
        return this.priceDirective(argumentStart)
      case 'payee':
        return this.textDirective('payee', argumentStart)
      case 'include':
        return this.textDirective('include', argumentStart)
      case 'Y':
      case 'year':
        return this.yearDirective(word, argumentStart)
      case 'entity':
        return this.entityDirective(argumentStart)
      case 'norm':
      case 'plan':
      case 'limit':
        return this.planDirective(word, argumentStart)
      case 'reported':
        return this.reportedDirective(argumentStart)
      case 'restate':
        return this.reportedDirective(argumentStart, true)
      case 'assumption':
        return this.assumptionDirective(argumentStart)
      case 'count':
        return this.countDirective(argumentStart)
      case 'param':
        return this.paramDirective(argumentStart)
      case 'expect':
        return this.expectDirective(argumentStart)
      case 'comment':
        if (argumentStart === end) return this.commentBlock()
        break
      default:
        break
    }
    if (UNSUPPORTED_DIRECTIVES.has(word)) {
      return this.fail(start, { _tag: 'NotSupported', feature: 'directive', name: word })
    }
    return this.fail(start, { _tag: 'UnknownDirective', name: word })
  }

  private commentLine(markerOffset: number, indented: boolean): Node {
    const marker = this.text.charCodeAt(markerOffset) === codes.semicolon ? ';' : this.text.charCodeAt(markerOffset) === codes.hash ? '#' : '*'
    const comment = this.comment(markerOffset, this.lineEnd, marker)
    const node: Node = { _tag: 'CommentLine', span: this.spanAt(this.lineStart), indented, comment }
    this.advance()
    return node
  }

  /** `comment` … `end comment`; the `comment` line is current. */
  private commentBlock(): Node | null {
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
  private commentStart(start: number, end: number): number {
    const text = this.text
    for (let index = start; index < end; index += 1) {
      if (text.charCodeAt(index) === codes.semicolon && (index === start || isBlank(text.charCodeAt(index - 1)))) return index
    }
    return end
  }

  /**
   * The indented lines after a directive or operation header (the header line is current). With
   * `formatSymbol` non-null, `format AMOUNT` lines are read as commodity formats of that symbol.
   */
  private subLines(formatSymbol: string | null): ReadonlyArray<SubLine> | null {
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

  private subLine(formatSymbol: string | null): SubLine | null {
    const text = this.text
    const end = this.lineEnd
    const first = this.skipBlanks(this.lineStart, end)
    const span = this.spanAt(first)
    if (text.charCodeAt(first) === codes.semicolon) return { _tag: 'SubComment', span, comment: this.comment(first, end, ';') }
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
      if (amountStart === contentEnd) return this.fail(amountStart, { _tag: 'MissingArgument', directive: 'format', expected: 'amount' })
      const amount = this.commodityFormat(amountStart, contentEnd, formatSymbol)
      if (amount === null) return null
      return { _tag: 'Format', span, amount, comment }
    }
    return { _tag: 'Raw', span, text: text.slice(first, contentEnd), comment }
  }

  /** A `commodity`/`format` sample amount: it must have a decimal mark (it declares the style). */
  private commodityFormat(start: number, end: number, expectedSymbol: string | null): AmountSyntax | null {
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
      return this.fail(start, { _tag: 'BadCommodity', text: this.text.slice(start, end), reason: 'formatWithoutDecimalMark' })
    }
    return amount
  }

  /** The same-line comment of a directive (after its arguments end at `start`), or null (error). */
  private directiveComment(start: number): CommentSyntax | null | undefined {
    return this.trailingComment(start, this.lineEnd)
  }

  // -----------------------------------------------------------------------------------
  // directives
  // -----------------------------------------------------------------------------------

  private accountDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    if (start >= this.lineEnd || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive: 'account', expected: 'account' })
    }
    const account = this.scanAccount(start, this.lineEnd)
    if (account === null) return null
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'AccountDirective',
      span: this.blockSpan(firstLine),
      account,
      comment: comment ?? null,
      subLines,
    }
  }

  private commodityDirective(start: number): Node | null {
    const text = this.text
    const firstLine = this.lineNumber
    const end = this.lineEnd
    if (start >= end || text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive: 'commodity', expected: 'commodity' })
    }
    // `commodity SYMBOL` when one symbol token fills the arguments, else the one-line `commodity AMOUNT`.
    let commodity: string
    let sample: AmountSyntax | null = null
    let argumentsEnd: number
    const symbol = this.scanSymbol(start, end, true)
    if (symbol === null) return null
    if (symbol !== undefined && this.isArgumentsEnd(this.pos, end)) {
      commodity = symbol
      argumentsEnd = this.pos
    } else {
      const commentOffset = this.commentStart(start, end)
      const amountEnd = this.trimEnd(start, commentOffset)
      const amount = this.commodityFormat(start, amountEnd, null)
      if (amount === null) return null
      sample = amount
      commodity = amount.commodity
      argumentsEnd = amountEnd
    }
    const comment = this.directiveComment(argumentsEnd)
    if (comment === null) return null
    const subLines = this.subLines(commodity)
    if (subLines === null) return null
    // The directive changes how later amounts read only once all of it has parsed.
    this.declaredCommodities.add(commodity)
    const declare = (amount: AmountSyntax): void => {
      this.commodityStyles.set(commodity, { decimalMark: amount.style.decimalMark, digitGroupMark: amount.style.digitGroupMark })
    }
    if (sample !== null) declare(sample)
    for (const subLine of subLines) if (subLine._tag === 'Format') declare(subLine.amount)
    return {
      _tag: 'CommodityDirective',
      span: this.blockSpan(firstLine),
      commodity,
      sample,
      comment: comment ?? null,
      subLines,
    }
  }

  /** Whether only blanks, then a `;` comment or the end, follow `index`. */
  private isArgumentsEnd(index: number, end: number): boolean {
    const next = this.skipBlanks(index, end)
    return next === end || (next > index && this.text.charCodeAt(next) === codes.semicolon)
  }

  private decimalMarkDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const word = this.wordAt(start, end)
    if (word === '' || word.startsWith(';')) {
      return this.fail(start, { _tag: 'MissingArgument', directive: 'decimal-mark', expected: 'decimalMark' })
    }
    if (word !== '.' && word !== ',') return this.fail(start, { _tag: 'InvalidDecimalMark', text: word })
    const comment = this.directiveComment(start + 1)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    this.decimalMark = word
    return { _tag: 'DecimalMarkDirective', span: this.blockSpan(firstLine), mark: word, comment: comment ?? null, subLines }
  }

  private priceDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    if (start >= end) return this.fail(start, { _tag: 'MissingArgument', directive: 'P', expected: 'date' })
    const date = this.scanDate(start, end, true)
    if (date === null) return null
    if (!this.isTokenEnd(this.pos, end)) {
      return this.fail(start, { _tag: 'InvalidDate', text: this.wordAt(start, end), reason: 'syntax' })
    }
    const symbolStart = this.skipBlanks(this.pos, end)
    const commodity = this.scanSymbol(symbolStart, end, true)
    if (commodity === null) return null
    if (commodity === undefined || !this.isTokenEnd(this.pos, end)) {
      return this.fail(symbolStart, { _tag: 'MissingArgument', directive: 'P', expected: 'commodity' })
    }
    const amountStart = this.skipBlanks(this.pos, end)
    if (amountStart >= end || this.text.charCodeAt(amountStart) === codes.semicolon) {
      return this.fail(amountStart, { _tag: 'MissingArgument', directive: 'P', expected: 'amount' })
    }
    const amount = this.scanAmount(amountStart, end, false)
    if (amount === null) return null
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'PriceDirective',
      span: this.blockSpan(firstLine),
      date,
      commodity,
      amount,
      comment: comment ?? null,
      subLines,
    }
  }

  /** `payee NAME` and `include PATH`: the text up to a comment. */
  private textDirective(keyword: 'payee' | 'include', start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const commentOffset = this.commentStart(start, end)
    const valueEnd = this.trimEnd(start, commentOffset)
    if (valueEnd <= start) {
      return this.fail(start, { _tag: 'MissingArgument', directive: keyword, expected: keyword === 'payee' ? 'payee' : 'path' })
    }
    const value = this.text.slice(start, valueEnd)
    const comment = commentOffset < end ? this.comment(commentOffset, end, ';') : null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    const common = { span: this.blockSpan(firstLine), comment, subLines }
    return keyword === 'payee'
      ? { _tag: 'PayeeDirective', payee: value, ...common }
      : { _tag: 'IncludeDirective', path: value, ...common }
  }

  private yearDirective(keyword: 'Y' | 'year', start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const word = this.wordAt(start, end)
    if (word === '' || word.startsWith(';')) return this.fail(start, { _tag: 'MissingArgument', directive: keyword, expected: 'year' })
    let year = 0
    for (let index = 0; index < word.length; index += 1) {
      const code = word.charCodeAt(index)
      if (!isDigit(code) || word.length !== 4) return this.fail(start, { _tag: 'InvalidDate', text: word, reason: 'syntax' })
      year = year * 10 + code - 48
    }
    if (year < yearMin || year > yearMax) return this.fail(start, { _tag: 'InvalidDate', text: word, reason: 'year' })
    const comment = this.directiveComment(start + word.length)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    this.year = year
    return { _tag: 'YearDirective', span: this.blockSpan(firstLine), keyword, year, comment: comment ?? null, subLines }
  }

  private entityDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const entity = this.wordAt(start, end)
    if (entity === '' || entity.startsWith(';')) return this.fail(start, { _tag: 'MissingArgument', directive: 'entity', expected: 'entity' })
    if (!isPlainName(entity)) return this.fail(start, { _tag: 'InvalidName', text: entity, kind: 'entity' })
    const comment = this.directiveComment(start + entity.length)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return { _tag: 'EntityDirective', span: this.blockSpan(firstLine), entity, comment: comment ?? null, subLines }
  }

  /** A required word argument at `start`, or a `MissingArgument` error. */
  private wordArgument(start: number, directive: string, expected: 'entity' | 'category' | 'rule'): string | null {
    const word = this.wordAt(start, this.lineEnd)
    if (word === '' || word.startsWith(';')) return this.fail(start, { _tag: 'MissingArgument', directive, expected })
    return word
  }

  /** A money amount or bracketed goods quantity with a commodity at `start`; sets `pos` after it. */
  private quantityArgument(start: number, directive: string): { readonly amount: AmountSyntax; readonly bracketed: boolean } | null {
    const end = this.lineEnd
    if (start >= end || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive, expected: 'amount' })
    }
    const bracketed = this.text.charCodeAt(start) === codes.lbracket
    const amount = bracketed ? this.scanBracketed(start, end) : this.scanAmount(start, end, false)
    if (amount === null) return null
    if (amount.commodity === '') {
      return this.fail(start, { _tag: 'InvalidAmount', text: this.text.slice(start, this.pos), reason: 'missingCommodity' })
    }
    return { amount, bracketed }
  }

  /**
   * The head shared by `norm|plan|limit` and `reported`: `PERIOD ENTITY CATEGORY`, each checked;
   * returns them with the offset after the category, or null after reporting the error.
   */
  private periodEntityCategory(directive: string, start: number): { readonly period: PeriodSyntax; readonly entity: string; readonly category: string; readonly after: number } | null {
    const end = this.lineEnd
    if (start >= end || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive, expected: 'period' })
    }
    const period = this.tryScanPeriod(start, end, true)
    if (period === null) return null
    if (period === undefined) return this.fail(start, { _tag: 'InvalidPeriod', text: this.wordAt(start, end), reason: 'syntax' })
    const entityStart = this.skipBlanks(this.pos, end)
    const entity = this.wordArgument(entityStart, directive, 'entity')
    if (entity === null) return null
    if (!isPlainName(entity)) return this.fail(entityStart, { _tag: 'InvalidName', text: entity, kind: 'entity' })
    const categoryStart = this.skipBlanks(entityStart + entity.length, end)
    const category = this.wordArgument(categoryStart, directive, 'category')
    if (category === null) return null
    if (!isColonPath(category)) return this.fail(categoryStart, { _tag: 'InvalidName', text: category, kind: 'category' })
    return { period, entity, category, after: this.skipBlanks(categoryStart + category.length, end) }
  }

  private planDirective(keyword: PlanKeyword, start: number): Node | null {
    const firstLine = this.lineNumber
    const head = this.periodEntityCategory(keyword, start)
    if (head === null) return null
    const quantity = this.quantityArgument(head.after, keyword)
    if (quantity === null) return null
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'PlanDirective',
      span: this.blockSpan(firstLine),
      keyword,
      period: head.period,
      entity: head.entity,
      category: head.category,
      amount: quantity.amount,
      bracketed: quantity.bracketed,
      comment: comment ?? null,
      subLines,
    }
  }

  private reportedDirective(start: number, restate = false): Node | null {
    const firstLine = this.lineNumber
    const directive = restate ? 'restate' : 'reported'
    const head = this.periodEntityCategory(directive, start)
    if (head === null) return null
    const value = this.scanArgs(head.after, this.lineEnd)
    if (value === null) return null
    if (value.length === 0) return this.fail(head.after, { _tag: 'MissingArgument', directive, expected: 'value' })
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'ReportedDirective',
      span: this.blockSpan(firstLine),
      period: head.period,
      entity: head.entity,
      metric: head.category,
      value,
      ...(restate ? { restate: true } : {}),
      comment: comment ?? null,
      subLines,
    }
  }

  /** `assumption ID "TEXT"`: a numbered assumption that `; assumption: ID` tags refer to. */
  private assumptionDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const args = this.scanArgs(start, this.lineEnd)
    if (args === null) return null
    const [id, text, ...rest] = args
    if (id === undefined || id._tag !== 'Word') return this.fail(start, { _tag: 'MissingArgument', directive: 'assumption', expected: 'id' })
    if (!isPlainName(id.text)) return this.fail(start, { _tag: 'InvalidName', text: id.text, kind: 'assumption' })
    if (text === undefined || text._tag !== 'String' || rest.length > 0) return this.fail(start, { _tag: 'MissingArgument', directive: 'assumption', expected: 'text' })
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return { _tag: 'AssumptionDirective', span: this.blockSpan(firstLine), id: id.text, text: text.value, comment: comment ?? null, subLines }
  }

  private countDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    if (start >= end) return this.fail(start, { _tag: 'MissingArgument', directive: 'count', expected: 'date' })
    const date = this.scanDate(start, end, true)
    if (date === null) return null
    if (!this.isTokenEnd(this.pos, end)) return this.fail(start, { _tag: 'InvalidDate', text: this.wordAt(start, end), reason: 'syntax' })
    const accountStart = this.skipBlanks(this.pos, end)
    if (accountStart >= end || this.text.charCodeAt(accountStart) === codes.semicolon) {
      return this.fail(accountStart, { _tag: 'MissingArgument', directive: 'count', expected: 'account' })
    }
    const account = this.scanAccount(accountStart, end)
    if (account === null) return null
    if (account.indexOf(' ') !== -1 && !this.checkAmountSeparator(accountStart, account)) return null
    const quantity = this.quantityArgument(this.skipBlanks(accountStart + account.length, end), 'count')
    if (quantity === null) return null
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'CountDirective',
      span: this.blockSpan(firstLine),
      date,
      account,
      quantity: quantity.amount,
      bracketed: quantity.bracketed,
      comment: comment ?? null,
      subLines,
    }
  }

  private paramDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    let index = start
    let date: string | null = null
    if (index < end && isDigit(this.text.charCodeAt(index))) {
      date = this.scanDate(index, end, true)
      if (date === null) return null
      if (!this.isTokenEnd(this.pos, end)) return this.fail(index, { _tag: 'InvalidDate', text: this.wordAt(index, end), reason: 'syntax' })
      index = this.skipBlanks(this.pos, end)
    }
    const word = this.wordAt(index, end)
    if (word === '' || word.startsWith(';')) return this.fail(index, { _tag: 'MissingArgument', directive: 'param', expected: 'parameter' })
    const dot = word.indexOf('.')
    const rule = dot === -1 ? '' : word.slice(0, dot)
    const name = dot === -1 ? '' : word.slice(dot + 1)
    if (!isPlainName(rule) || !isPlainName(name)) return this.fail(index, { _tag: 'InvalidName', text: word, kind: 'parameter' })
    const valueStart = this.skipBlanks(index + word.length, end)
    const value = this.scanArgs(valueStart, end)
    if (value === null) return null
    if (value.length === 0) return this.fail(valueStart, { _tag: 'MissingArgument', directive: 'param', expected: 'value' })
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'ParamDirective',
      span: this.blockSpan(firstLine),
      date,
      rule,
      name,
      value,
      comment: comment ?? null,
      subLines,
    }
  }

  private expectDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    let index = start
    let rule = this.wordArgument(index, 'expect', 'rule')
    if (rule === null) return null
    const negated = rule === 'no'
    if (negated) {
      index = this.skipBlanks(index + rule.length, end)
      rule = this.wordArgument(index, 'expect', 'rule')
      if (rule === null) return null
    }
    if (!isPlainName(rule)) return this.fail(index, { _tag: 'InvalidName', text: rule, kind: 'rule' })
    const args = this.scanArgs(index + rule.length, end)
    if (args === null) return null
    const comment = this.directiveComment(this.pos)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'ExpectationDirective',
      span: this.blockSpan(firstLine),
      negated,
      rule,
      args,
      comment: comment ?? null,
      subLines,
    }
  }

  // -----------------------------------------------------------------------------------
  // transactions and operations
  // -----------------------------------------------------------------------------------

  /** A line starting with a digit: a transaction or an operation. */
  private dated(): Node | null {
    const text = this.text
    const end = this.lineEnd
    const lineStart = this.lineStart
    const date = this.scanDate(lineStart, end, true)
    if (date === null) return null
    let index = this.pos
    let date2: string | null = null
    if (index < end && text.charCodeAt(index) === codes.equals) {
      date2 = this.scanDate(index + 1, end, true, Number(date.slice(0, 4)))
      if (date2 === null) return null
      index = this.pos
    }
    if (index < end && !isBlank(text.charCodeAt(index))) {
      return this.fail(lineStart, { _tag: 'InvalidDate', text: this.wordAt(lineStart, end), reason: 'syntax' })
    }
    index = this.skipBlanks(index, end)
    let status: Status = ''
    const statusCode = index < end ? text.charCodeAt(index) : -1
    if (statusCode === codes.star || statusCode === codes.bang) {
      status = statusCode === codes.star ? '*' : '!'
      index = this.skipBlanks(index + 1, end)
    }
    let code: string | null = null
    if (index < end && text.charCodeAt(index) === codes.lparen) {
      const close = this.indexOfCode(codes.rparen, index + 1, end)
      if (close !== -1) {
        code = text.slice(index + 1, close)
        index = this.skipBlanks(close + 1, end)
      }
    }
    const semicolon = this.indexOfCode(codes.semicolon, index, end)
    const descriptionEnd = this.trimEnd(index, semicolon === -1 ? end : semicolon)
    if (status === '' && code === null && descriptionEnd > index) {
      const keyword = this.wordAt(index, descriptionEnd)
      if (this.operationKeywords.has(keyword) && !this.blockHasPostings()) {
        return this.operation(date, date2, keyword, index)
      }
    }
    const description = text.slice(index, descriptionEnd)
    const comment = semicolon === -1 ? null : this.comment(semicolon, end, ';')
    return this.transaction(date, date2, status, code, description, comment)
  }

  /** Whether an indented line that is not a comment or a `key: value` line follows the current line. */
  private blockHasPostings(): boolean {
    const text = this.text
    let start = this.nextLineStart
    while (start < text.length && isBlank(text.charCodeAt(start))) {
      let newline = text.indexOf('\n', start)
      if (newline === -1) newline = text.length
      const first = this.skipBlanks(start, newline)
      const code = first < newline ? text.charCodeAt(first) : -1
      if (code !== -1 && code !== 13 && code !== codes.semicolon) {
        const wordEnd = this.wordEndAt(first, newline)
        const last = text.charCodeAt(wordEnd - 1 - (wordEnd === newline && text.charCodeAt(wordEnd - 1) === 13 ? 1 : 0))
        if (!(wordEnd - first > 1 && last === codes.colon)) return true
      }
      if (code === -1 || code === 13) return false // a blank line ends the block
      start = newline + 1
    }
    return false
  }

  private operation(date: string, date2: string | null, keyword: string, keywordStart: number): OperationSyntax | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const args = this.scanArgs(keywordStart + keyword.length, end)
    if (args === null) return null
    const comment = this.pos < end ? this.comment(this.pos, end, ';') : null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return {
      _tag: 'Operation',
      span: this.blockSpan(firstLine),
      date,
      date2,
      keyword,
      args,
      comment,
      subLines,
    }
  }

  private transaction(
    date: string,
    date2: string | null,
    status: Status,
    code: string | null,
    description: string,
    comment: CommentSyntax | null,
  ): TransactionSyntax | null {
    const firstLine = this.lineNumber
    const bar = description.indexOf('|')
    const payee = bar === -1 ? description : description.slice(0, bar).trim()
    const note = bar === -1 ? null : description.slice(bar + 1).trim()
    const postings: PostingSyntax[] = []
    let comments: CommentSyntax[] | null = null
    // The last posting is kept aside until its indented comment lines (if any) are known.
    let pending: PostingSyntax | null = null
    let pendingComments: CommentSyntax[] | null = null
    let pendingEndLine = 0
    const flush = (): void => {
      if (pending === null) return
      postings.push(
        pendingComments === null
          ? pending
          : { ...pending, comments: pendingComments, span: { ...pending.span, endLine: pendingEndLine } },
      )
      pending = null
      pendingComments = null
    }
    this.advance()
    while (this.isContinuation()) {
      if (!this.checkLine()) return null
      const first = this.skipBlanks(this.lineStart, this.lineEnd)
      if (this.text.charCodeAt(first) === codes.semicolon) {
        const lineComment = this.comment(first, this.lineEnd, ';')
        if (pending === null) {
          ;(comments ??= []).push(lineComment)
        } else {
          ;(pendingComments ??= []).push(lineComment)
          pendingEndLine = this.lineNumber
        }
      } else {
        flush()
        if (postings.length >= postingsPerTransactionMax) {
          return this.fail(first, { _tag: 'TooManyPostings', postingsMax: postingsPerTransactionMax })
        }
        const posting = this.posting(first)
        if (posting === null) return null
        pending = posting
      }
      this.advance()
    }
    flush()
    return {
      _tag: 'Transaction',
      span: this.blockSpan(firstLine),
      date,
      date2,
      status,
      code,
      description,
      payee,
      note,
      comment,
      comments: comments ?? EMPTY,
      postings,
    }
  }

  /** A posting line whose first non-blank character is at `start`. */
  private posting(start: number): PostingSyntax | null {
    const text = this.text
    const end = this.lineEnd
    let index = start
    let status: Status = ''
    const statusCode = text.charCodeAt(index)
    if (statusCode === codes.star || statusCode === codes.bang) {
      status = statusCode === codes.star ? '*' : '!'
      index = this.skipBlanks(index + 1, end)
    }
    const accountCode = index < end ? text.charCodeAt(index) : -1
    if (accountCode === codes.lparen || accountCode === codes.lbracket) {
      return this.fail(index, { _tag: 'NotSupported', feature: 'virtual postings', name: this.wordAt(index, end) })
    }
    const accountStart = index
    const account = this.scanAccount(index, end)
    if (account === null) return null
    if (account.indexOf(' ') !== -1 && !this.checkAmountSeparator(accountStart, account)) return null
    index = this.skipBlanks(this.pos, end)
    let amount: AmountSyntax | null = null
    let goods: AmountSyntax | null = null
    let balance: PostingSyntax['balance'] = null
    let comment: CommentSyntax | null = null
    if (index < end) {
      const code = text.charCodeAt(index)
      if (code !== codes.lbracket && code !== codes.equals && code !== codes.semicolon && code !== codes.at && code !== codes.lbrace) {
        amount = this.scanAmount(index, end, false)
        if (amount === null) return null
        index = this.pos
        if (!this.checkAfterAmount(index, end)) return null
      }
    }
    while (true) {
      index = this.skipBlanks(index, end)
      if (index >= end) break
      const code = text.charCodeAt(index)
      if (code === codes.semicolon) {
        comment = this.comment(index, end, ';')
        break
      }
      if (code === codes.at) {
        const name = index + 1 < end && text.charCodeAt(index + 1) === codes.at ? '@@' : '@'
        return this.fail(index, { _tag: 'NotSupported', feature: 'costs', name })
      }
      if (code === codes.lbrace) return this.fail(index, { _tag: 'NotSupported', feature: 'lot prices', name: '{' })
      if (code === codes.lbracket && goods === null) {
        goods = this.scanBracketed(index, end)
        if (goods === null) return null
        index = this.pos
        if (!this.checkAfterAmount(index, end)) return null
        continue
      }
      if (code === codes.equals && balance === null) {
        const assertionStart = index
        let operatorEnd = index + 1
        if (operatorEnd < end && text.charCodeAt(operatorEnd) === codes.equals) operatorEnd += 1
        if (operatorEnd < end && text.charCodeAt(operatorEnd) === codes.star) operatorEnd += 1
        const operator = text.slice(index, operatorEnd) as BalanceOperator
        const amountStart = this.skipBlanks(operatorEnd, end)
        if (amountStart >= end || text.charCodeAt(amountStart) === codes.semicolon) {
          return this.fail(amountStart, { _tag: 'MissingArgument', directive: 'balance assertion', expected: 'amount' })
        }
        const assertion = this.scanAmount(amountStart, end, false)
        if (assertion === null) return null
        balance = { operator, amount: assertion, span: this.spanAt(assertionStart) }
        index = this.pos
        if (!this.checkAfterAmount(index, end)) return null
        continue
      }
      return this.fail(index, { _tag: 'UnexpectedText', text: text.slice(index, this.wordEndAt(index, end)) })
    }
    return {
      _tag: 'Posting',
      span: this.spanAt(start),
      status,
      account,
      amount,
      goods,
      balance,
      comment,
      comments: EMPTY,
    }
  }

  /** After an amount: a blank, `;` or the end; `@` and `{` name unsupported features. */
  private checkAfterAmount(index: number, end: number): boolean {
    if (index >= end) return true
    const code = this.text.charCodeAt(index)
    if (isBlank(code) || code === codes.semicolon) return true
    if (code === codes.at) {
      this.fail(index, { _tag: 'NotSupported', feature: 'costs', name: '@' })
      return false
    }
    if (code === codes.lbrace) {
      this.fail(index, { _tag: 'NotSupported', feature: 'lot prices', name: '{' })
      return false
    }
    this.fail(index, { _tag: 'InvalidAmount', text: this.text.slice(index, this.wordEndAt(index, end)), reason: 'trailingText' })
    return false
  }
}
