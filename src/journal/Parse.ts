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
import { isRecord, kindOf } from '../core/Untyped.js'
import { CODE_SPACE, CODE_TAB, codes, isBlank, isDigit } from './Lexer.js'
import { DirectiveParser } from './lex/Directives.js'
import { EMPTY, UNSUPPORTED_DIRECTIVES } from './lex/LineParser.js'
import { postingsPerTransactionMax } from './limits.js'
import type { ParseError } from './ParseError.js'
import {
  type DirectiveScope,
  emptyContext,
  type ParseEachOptions,
  type ParseEachResult,
  type ParseOptions,
  type ParseResult,
} from './ParseModel.js'
import { parseRecurrence, renderRecurrenceError } from './Recurrence.js'
import { parseSearch, queryWords } from './Search.js'
import type {
  AmountSyntax,
  BalanceOperator,
  CommentSyntax,
  CostSyntax,
  Node,
  OperationSyntax,
  PostingSyntax,
  Status,
  TransactionSyntax,
} from './Syntax.js'

export {
  type DirectiveScope,
  emptyContext,
  type ParseContext,
  type ParseEachOptions,
  type ParseEachResult,
  type ParseOptions,
  type ParseResult,
} from './ParseModel.js'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Parses one journal file. `fileName` is only used in spans; the text is the whole file.
 * Bad input is not an exception: the errors come back beside the nodes of the blocks that parsed.
 * Arguments of the wrong kind (a JavaScript caller passing a number for the text, or options that
 * are not an object) give no nodes and one `InvalidParseInput` error naming the argument.
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
  const invalid = checkParseInput(fileName, text, options)
  if (invalid !== undefined) return { nodes: [], errors: [invalid], context: emptyContext }
  const nodes: Node[] = []
  const { errors, context } = new Parser(fileName, text, options, (node) => nodes.push(node)).run()
  return { nodes, errors, context }
}

const isParseContext = (value: unknown): boolean =>
  isRecord(value) &&
  (value.year === null || Number.isInteger(value.year)) &&
  (value.decimalMark === null || value.decimalMark === '.' || value.decimalMark === ',') &&
  value.commodityStyles instanceof Map &&
  value.declaredCommodities instanceof Set &&
  (value.aliases === undefined || Array.isArray(value.aliases)) &&
  (value.accountPrefixes === undefined || Array.isArray(value.accountPrefixes)) &&
  (value.defaultCommodity === undefined ||
    value.defaultCommodity === null ||
    typeof value.defaultCommodity === 'string')

/** The kinds of `parse`'s arguments, checked once per call (JavaScript callers); undefined when they are right. */
const checkParseInput = (fileName: unknown, text: unknown, options: unknown): ParseError | undefined => {
  const name = typeof fileName === 'string' ? fileName : '<parse>'
  const problem = (path: string, expected: string, value: unknown): ParseError => ({
    _tag: 'InvalidParseInput',
    span: { file: name, line: 1, column: 1, endLine: 1 },
    path,
    expected,
    actual: kindOf(value),
  })
  if (typeof fileName !== 'string') return problem('fileName', 'a string', fileName)
  if (typeof text !== 'string') return problem('text', 'a string', text)
  if (!isRecord(options)) return problem('options', 'an object', options)
  const { operationKeywords, context } = options
  if (operationKeywords !== undefined && !(operationKeywords instanceof Set))
    return problem('options.operationKeywords', 'a Set of strings', operationKeywords)
  if (context !== undefined && !isParseContext(context))
    return problem('options.context', 'a ParseContext (emptyContext or a parse result’s context)', context)
  return undefined
}

/**
 * Parses one journal file like `parse`, but hands each node to `onNode` as soon as its block is
 * read, in file order, instead of collecting them: a caller that consumes nodes one by one (the
 * loader) never holds the syntax tree of the whole file. The nodes, errors and context are exactly
 * those of `parse`. `onNode` runs before the next block is read, so it may read other files.
 */
export const parseEach = (
  fileName: string,
  text: string,
  onNode: (node: Node, scope: DirectiveScope) => void,
  options: ParseEachOptions = {},
): ParseEachResult => new Parser(fileName, text, options, onNode).run()

/** The parser: the directives, the top-level dispatch, and dated blocks (transactions and operations). */
class Parser extends DirectiveParser {
  /** True while the postings of an auto posting rule are read (`*N` amounts). */
  protected autoRule = false

  run(): ParseEachResult {
    this.lineNumber = 1
    this.setLine(this.text.charCodeAt(0) === 0xfeff ? 1 : 0)
    const onProgress = this.onProgress
    if (this.more !== undefined) {
      // In pieces (`ParseEachOptions.more`): offsets count from the start of the file.
      let next = this.progressStep
      for (;;) {
        this.fillWindow()
        if (this.atEnd() || this.stopped) break
        this.block()
        const offset = this.consumed + this.lineStart
        if (onProgress !== undefined && offset >= next) {
          onProgress(offset, this.consumed + this.text.length)
          next = offset + this.progressStep
        }
      }
      const length = this.consumed + this.text.length
      onProgress?.(length, length)
    } else if (onProgress === undefined) {
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
    return { errors: this.errors, context: this.scope.context() }
  }

  /** A node, undefined when the block produced none (the loop moved on), or null on error. */
  protected topLevel(): Node | null | undefined {
    const text = this.text
    const start = this.lineStart
    const end = this.lineEnd
    if (this.skipDated) {
      const lead = text.charCodeAt(start)
      if (isDigit(lead) || lead === CODE_SPACE || lead === CODE_TAB || this.skipBlanks(start, end) === end) {
        // (a directive starts in column 1 with neither a digit nor a blank: every such line is read)
        this.advance()
        while (this.isContinuation()) this.advance()
        return undefined
      }
    }
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
    if (code === codes.tilde) return this.periodicTransaction()
    if (code === codes.equals) return this.autoPostingRule()
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
      case 'alias':
      case 'apply':
      case 'end':
      case 'D':
        return this.scopeDirective(word, argumentStart)
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

  // -----------------------------------------------------------------------------------
  // transactions and operations
  // -----------------------------------------------------------------------------------

  /** A line starting with a digit: a transaction or an operation. */
  protected dated(): Node | null {
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

  /** The status, code, description and comment of a header line from `index` (after its date or period). */
  protected headerRest(index: number): {
    readonly status: Status
    readonly code: string | null
    readonly description: string
    readonly comment: CommentSyntax | null
  } {
    const text = this.text
    const end = this.lineEnd
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
    const description = text.slice(index, this.trimEnd(index, semicolon === -1 ? end : semicolon))
    return { status, code, description, comment: semicolon === -1 ? null : this.comment(semicolon, end, ';') }
  }

  /** `~ PERIOD  [DESCRIPTION]` and its postings: hledger's periodic transaction rule. */
  protected periodicTransaction(): Node | null {
    const text = this.text
    const end = this.lineEnd
    const periodStart = this.skipBlanks(this.lineStart + 1, end)
    // The period expression ends at two blanks (or a tab), a `;` or the end of the line.
    let periodEnd = periodStart
    while (periodEnd < end) {
      const code = text.charCodeAt(periodEnd)
      if (code === codes.semicolon || code === CODE_TAB) break
      if (code === CODE_SPACE && periodEnd + 1 < end && isBlank(text.charCodeAt(periodEnd + 1))) break
      periodEnd += 1
    }
    const periodText = text.slice(periodStart, this.trimEnd(periodStart, periodEnd))
    const recurrence = parseRecurrence(periodText)
    // A form hledger reads but this engine does not generate is kept: the journal loads, and
    // `--forecast` refuses the rule, naming it. What hledger refuses is an error here too.
    if (recurrence._tag === 'Left' && recurrence.left._tag !== 'NotSupported') {
      return this.fail(periodStart, {
        _tag: 'InvalidRule',
        kind: 'period expression',
        text: periodText,
        reason: renderRecurrenceError(recurrence.left),
      })
    }
    const periodSpan = this.spanAt(periodStart)
    const header = this.headerRest(this.skipBlanks(periodEnd, end))
    const transaction = this.transaction('', null, header.status, header.code, header.description, header.comment)
    if (transaction === null) return null
    return {
      _tag: 'PeriodicTransaction',
      span: transaction.span,
      periodText,
      recurrence: recurrence._tag === 'Left' ? null : recurrence.right,
      ...(recurrence._tag === 'Left' ? { unsupported: { span: periodSpan } } : {}),
      transaction,
    }
  }

  /** `= QUERY` and its postings: hledger's auto posting rule; `*N` amounts are multipliers. */
  protected autoPostingRule(): Node | null {
    const text = this.text
    const end = this.lineEnd
    const queryStart = this.skipBlanks(this.lineStart + 1, end)
    const semicolon = this.indexOfCode(codes.semicolon, queryStart, end)
    const query = text.slice(queryStart, this.trimEnd(queryStart, semicolon === -1 ? end : semicolon))
    // A query that does not read is refused by `--auto` only: hledger reads the journal without it.
    const search = parseSearch(queryWords(query))
    const querySpan = this.spanAt(queryStart)
    const comment = semicolon === -1 ? null : this.comment(semicolon, end, ';')
    this.autoRule = true
    const transaction = this.transaction('', null, '', null, '', comment)
    this.autoRule = false
    if (transaction === null) return null
    return {
      _tag: 'AutoPostingRule',
      span: transaction.span,
      query,
      ...(search._tag === 'Left' ? { queryError: { reason: search.left.reason, span: querySpan } } : {}),
      transaction,
    }
  }

  /** Whether an indented line that is not a comment or a `key: value` line follows the current line. */
  protected blockHasPostings(): boolean {
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

  protected operation(
    date: string,
    date2: string | null,
    keyword: string,
    keywordStart: number,
  ): OperationSyntax | null {
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

  protected transaction(
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
  protected posting(start: number): PostingSyntax | null {
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
    // `(a)` and `[a]` at the account's place are hledger's virtual postings; a goods quantity
    // `[4 T28]` can only come after the account and its two-space separator.
    const virtual =
      accountCode === codes.lparen ? 'unbalanced' : accountCode === codes.lbracket ? 'balanced' : undefined
    const accountStart = virtual === undefined ? index : index + 1
    let account = this.scanAccount(accountStart, end)
    if (account === null) return null
    if (virtual !== undefined) {
      const close = virtual === 'unbalanced' ? codes.rparen : codes.rbracket
      if (account.charCodeAt(account.length - 1) !== close || account.length === 1) {
        return this.fail(index, {
          _tag: 'InvalidAccountName',
          text: text.slice(index, this.pos),
          reason: 'unclosedVirtual',
        })
      }
      account = this.internAccount(account.slice(0, -1))
    }
    if (account.indexOf(' ') !== -1 && !this.checkAmountSeparator(accountStart, account)) return null
    const resolved = this.resolvedAccount(account)
    index = this.skipBlanks(this.pos, end)
    let amount: AmountSyntax | null = null
    let goods: AmountSyntax | null = null
    let balance: PostingSyntax['balance'] = null
    let comment: CommentSyntax | null = null
    let cost: CostSyntax | undefined
    let lot: string | undefined
    let multiplier = false
    if (index < end) {
      const code = text.charCodeAt(index)
      if (this.autoRule && code === codes.star) {
        multiplier = true
        index += 1
      }
      if (
        code !== codes.lbracket &&
        code !== codes.equals &&
        code !== codes.semicolon &&
        code !== codes.at &&
        code !== codes.lbrace
      ) {
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
      if (code === codes.at && amount !== null && cost === undefined && balance === null) {
        const total = index + 1 < end && text.charCodeAt(index + 1) === codes.at
        const costStart = this.skipBlanks(index + (total ? 2 : 1), end)
        if (costStart >= end || text.charCodeAt(costStart) === codes.semicolon) {
          return this.fail(costStart, { _tag: 'MissingArgument', directive: total ? '@@' : '@', expected: 'amount' })
        }
        const costAmount = this.scanAmount(costStart, end, false)
        if (costAmount === null) return null
        cost = { operator: total ? '@@' : '@', amount: costAmount, span: this.spanAt(index) }
        index = this.pos
        if (!this.checkAfterAmount(index, end)) return null
        continue
      }
      if (
        (code === codes.lbrace || (code === codes.lbracket && this.isLotDate(index, end))) &&
        amount !== null &&
        balance === null
      ) {
        const lotEnd = this.lotEnd(index, end)
        if (lotEnd === -1) {
          return this.fail(index, {
            _tag: 'InvalidAmount',
            text: text.slice(index, this.trimEnd(index, end)),
            reason: 'unclosedBracket',
          })
        }
        lot = lot === undefined ? text.slice(index, lotEnd) : `${lot} ${text.slice(index, lotEnd)}`
        index = lotEnd
        continue
      }
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
    const posting: PostingSyntax = {
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
    if (virtual === undefined && cost === undefined && lot === undefined && resolved === account && !multiplier)
      return posting
    return {
      ...posting,
      ...(multiplier ? { multiplier: true as const } : {}),
      ...(resolved !== account ? { resolved } : {}),
      ...(virtual !== undefined ? { virtual } : {}),
      ...(cost !== undefined ? { cost } : {}),
      ...(lot !== undefined ? { lot } : {}),
    }
  }

  /** Whether `[` at `start` opens a lot date (`[2024-01-01]`, `[2024/01/01]`) rather than a goods quantity. */
  protected isLotDate(start: number, end: number): boolean {
    const close = this.indexOfCode(codes.rbracket, start + 1, end)
    if (close === -1) return false
    const inner = this.text.slice(start + 1, close).trim()
    return /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/u.test(inner) || /^=?\d{1,2}[-/.]\d{1,2}$/u.test(inner)
  }

  /** The end (exclusive) of a lot annotation `{…}`, `{{…}}` or `[…]` at `start`, or -1 when unclosed. */
  protected lotEnd(start: number, end: number): number {
    const text = this.text
    if (text.charCodeAt(start) === codes.lbracket) {
      const close = this.indexOfCode(codes.rbracket, start + 1, end)
      return close === -1 ? -1 : close + 1
    }
    const double = start + 1 < end && text.charCodeAt(start + 1) === codes.lbrace
    const close = this.indexOfCode(codes.rbrace, start + 1, end)
    if (close === -1) return -1
    if (!double) return close + 1
    return close + 1 < end && text.charCodeAt(close + 1) === codes.rbrace ? close + 2 : -1
  }

  /** After an amount: a blank, `;`, the end, or a cost `@` or lot `{` written without a space. */
  protected checkAfterAmount(index: number, end: number): boolean {
    if (index >= end) return true
    const code = this.text.charCodeAt(index)
    if (isBlank(code) || code === codes.semicolon || code === codes.at || code === codes.lbrace) return true
    this.fail(index, {
      _tag: 'InvalidAmount',
      text: this.text.slice(index, this.wordEndAt(index, end)),
      reason: 'trailingText',
    })
    return false
  }
}
