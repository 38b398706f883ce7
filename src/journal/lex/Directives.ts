/**
 * The journal directives: account, commodity, decimal-mark, price, payee/include, year, entity, plan/norm/limit,
 * reported, count, param, expect.
 */

import { codes, isDigit } from '../Lexer.js'
import { yearMax, yearMin } from '../limits.js'
import type {
  AmountSyntax,
  CommentSyntax,
  Node,
  PeriodSyntax,
  PlanKeyword,
  ScopeKeyword,
  Span,
  SubLine,
} from '../Syntax.js'
import { isColonPath, isPlainName, LineParser } from './LineParser.js'
import { parseAlias, resolveAccount } from './Scope.js'

/** What `close` hands a directive's builder: the block's span, its comment and sub-lines. */
interface DirectiveTail {
  readonly span: Span
  readonly comment: CommentSyntax | null
  readonly subLines: ReadonlyArray<SubLine>
}

/** Directive parsing over the line structure. */
export abstract class DirectiveParser extends LineParser {
  /**
   * The tail every directive shares: its trailing comment at `at`, its sub-lines (sample amounts
   * checked against `formatSymbol`), then the node `build` makes from them with the block's span.
   * Null after an error in either.
   */
  protected close(
    firstLine: number,
    at: number,
    formatSymbol: string | null,
    build: (tail: DirectiveTail) => Node,
  ): Node | null {
    const comment = this.directiveComment(at)
    if (comment === null) return null
    const subLines = this.subLines(formatSymbol)
    if (subLines === null) return null
    return build({ span: this.blockSpan(firstLine), comment: comment ?? null, subLines })
  }

  // -----------------------------------------------------------------------------------
  // directives
  // -----------------------------------------------------------------------------------

  protected accountDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    if (start >= this.lineEnd || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive: 'account', expected: 'account' })
    }
    const account = this.scanAccount(start, this.lineEnd)
    if (account === null) return null
    const resolved = this.resolvedAccount(account)
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'AccountDirective',
      span: tail.span,
      account,
      ...(resolved !== account ? { resolved } : {}),
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  /** An account name as `apply account` and `alias` rewrite it (itself when none is in force). */
  protected resolvedAccount(account: string): string {
    if (this.aliases.length === 0 && this.accountPrefixes.length === 0) return account
    return this.internAccount(resolveAccount(account, this.accountPrefixes, this.aliases))
  }

  /**
   * `alias …`, `end aliases`, `apply account …`, `end apply account`, `D AMOUNT`; `keyword` is the
   * first word, `start` where its arguments begin. Other `apply` and `end` forms are refused.
   */
  protected scopeDirective(keyword: 'alias' | 'apply' | 'end' | 'D', start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const lineStart = this.lineStart
    const contentEnd = this.trimEnd(start, this.commentStart(start, end))
    const rest = this.text.slice(start, contentEnd)
    const build = (scopeKeyword: ScopeKeyword, argument: string, at: number, effect: () => void): Node | null =>
      this.close(firstLine, at, null, (tail) => {
        effect()
        return {
          _tag: 'ScopeDirective',
          span: tail.span,
          keyword: scopeKeyword,
          argument,
          comment: tail.comment,
          subLines: tail.subLines,
        }
      })
    if (keyword === 'alias') {
      const alias = parseAlias(rest)
      if (typeof alias === 'string') {
        if (alias.startsWith('/')) return this.fail(start, { _tag: 'InvalidName', text: rest, kind: 'alias pattern' })
        return this.fail(start, {
          _tag: 'MissingArgument',
          directive: 'alias',
          expected: 'alias (OLD = NEW or /REGEX/ = REPLACEMENT)',
        })
      }
      return build('alias', rest, contentEnd, () => {
        this.aliases = [...this.aliases, alias]
      })
    }
    if (keyword === 'D') {
      if (start >= contentEnd) return this.fail(start, { _tag: 'MissingArgument', directive: 'D', expected: 'amount' })
      const amount = this.commodityFormat(start, contentEnd, null)
      if (amount === null) return null
      if (amount.commodity === '')
        return this.fail(start, { _tag: 'MissingArgument', directive: 'D', expected: 'commodity' })
      return build('D', rest, contentEnd, () => {
        this.defaultCommodity = amount.commodity
        this.declaredCommodities.add(amount.commodity)
        if (!this.commodityStyles.has(amount.commodity))
          this.commodityStyles.set(amount.commodity, {
            decimalMark: amount.style.decimalMark,
            digitGroupMark: amount.style.digitGroupMark,
          })
      })
    }
    const words = rest.split(/\s+/u)
    if (keyword === 'apply' && words[0] === 'account' && words.length > 1) {
      const prefix = rest.slice(rest.indexOf('account') + 7).trim()
      return build('apply account', prefix, contentEnd, () => {
        this.accountPrefixes = [...this.accountPrefixes, prefix]
      })
    }
    if (keyword === 'end' && words[0] === 'aliases' && words.length === 1) {
      return build('end aliases', '', contentEnd, () => {
        this.aliases = []
      })
    }
    if (
      keyword === 'end' &&
      ((words[0] === 'apply' && words[1] === 'account' && words.length === 2) ||
        (words[0] === 'apply' && words.length === 1))
    ) {
      return build('end apply account', '', contentEnd, () => {
        this.accountPrefixes = this.accountPrefixes.slice(0, -1)
      })
    }
    return this.fail(lineStart, {
      _tag: 'NotSupported',
      feature: 'directive',
      name: `${keyword} ${words[0] ?? ''}`.trim(),
    })
  }

  protected commodityDirective(start: number): Node | null {
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
    return this.close(firstLine, argumentsEnd, commodity, (tail) => {
      // The directive changes how later amounts read only once all of it has parsed.
      this.declaredCommodities.add(commodity)
      const declare = (amount: AmountSyntax): void => {
        this.commodityStyles.set(commodity, {
          decimalMark: amount.style.decimalMark,
          digitGroupMark: amount.style.digitGroupMark,
        })
      }
      if (sample !== null) declare(sample)
      for (const subLine of tail.subLines) if (subLine._tag === 'Format') declare(subLine.amount)
      return {
        _tag: 'CommodityDirective',
        span: tail.span,
        commodity,
        sample,
        comment: tail.comment,
        subLines: tail.subLines,
      }
    })
  }

  /** Whether only blanks, then a `;` comment or the end, follow `index`. */
  protected isArgumentsEnd(index: number, end: number): boolean {
    const next = this.skipBlanks(index, end)
    return next === end || (next > index && this.text.charCodeAt(next) === codes.semicolon)
  }

  protected decimalMarkDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const word = this.wordAt(start, end)
    if (word === '' || word.startsWith(';')) {
      return this.fail(start, { _tag: 'MissingArgument', directive: 'decimal-mark', expected: 'decimalMark' })
    }
    if (word !== '.' && word !== ',') return this.fail(start, { _tag: 'InvalidDecimalMark', text: word })
    return this.close(firstLine, start + 1, null, (tail) => {
      this.decimalMark = word
      return {
        _tag: 'DecimalMarkDirective',
        span: tail.span,
        mark: word,
        comment: tail.comment,
        subLines: tail.subLines,
      }
    })
  }

  protected priceDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    if (start >= end) return this.fail(start, { _tag: 'MissingArgument', directive: 'P', expected: 'date' })
    const date = this.scanDate(start, end, true)
    if (date === null) return null
    if (!this.isTokenEnd(this.pos, end)) {
      return this.fail(start, { _tag: 'InvalidDate', text: this.wordAt(start, end), reason: 'syntax' })
    }
    let symbolStart = this.skipBlanks(this.pos, end)
    // hledger accepts a time of day after the date (`P 2024-01-01 12:30:00 EUR 1.10 USD`).
    const timeEnd = this.wordEndAt(symbolStart, end)
    const timeText = this.text.slice(symbolStart, timeEnd)
    const time = /^\d{1,2}:\d{2}(:\d{2})?$/u.test(timeText) ? timeText : undefined
    if (time !== undefined) symbolStart = this.skipBlanks(timeEnd, end)
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
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'PriceDirective',
      span: tail.span,
      date,
      ...(time !== undefined ? { time } : {}),
      commodity,
      amount,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  /** `payee NAME` and `include PATH`: the text up to a comment. */
  protected textDirective(keyword: 'payee' | 'include', start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const commentOffset = this.commentStart(start, end)
    const valueEnd = this.trimEnd(start, commentOffset)
    if (valueEnd <= start) {
      return this.fail(start, {
        _tag: 'MissingArgument',
        directive: keyword,
        expected: keyword === 'payee' ? 'payee' : 'path',
      })
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

  protected yearDirective(keyword: 'Y' | 'year', start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const word = this.wordAt(start, end)
    if (word === '' || word.startsWith(';'))
      return this.fail(start, { _tag: 'MissingArgument', directive: keyword, expected: 'year' })
    let year = 0
    for (let index = 0; index < word.length; index += 1) {
      const code = word.charCodeAt(index)
      if (!isDigit(code) || word.length !== 4)
        return this.fail(start, { _tag: 'InvalidDate', text: word, reason: 'syntax' })
      year = year * 10 + code - 48
    }
    if (year < yearMin || year > yearMax) return this.fail(start, { _tag: 'InvalidDate', text: word, reason: 'year' })
    return this.close(firstLine, start + word.length, null, (tail) => {
      this.year = year
      return { _tag: 'YearDirective', span: tail.span, keyword, year, comment: tail.comment, subLines: tail.subLines }
    })
  }

  protected entityDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    const entity = this.wordAt(start, end)
    if (entity === '' || entity.startsWith(';'))
      return this.fail(start, { _tag: 'MissingArgument', directive: 'entity', expected: 'entity' })
    if (!isPlainName(entity)) return this.fail(start, { _tag: 'InvalidName', text: entity, kind: 'entity' })
    const comment = this.directiveComment(start + entity.length)
    if (comment === null) return null
    const subLines = this.subLines(null)
    if (subLines === null) return null
    return { _tag: 'EntityDirective', span: this.blockSpan(firstLine), entity, comment: comment ?? null, subLines }
  }

  /** A required word argument at `start`, or a `MissingArgument` error. */
  protected wordArgument(start: number, directive: string, expected: 'entity' | 'category' | 'rule'): string | null {
    const word = this.wordAt(start, this.lineEnd)
    if (word === '' || word.startsWith(';')) return this.fail(start, { _tag: 'MissingArgument', directive, expected })
    return word
  }

  /** A money amount or bracketed goods quantity with a commodity at `start`; sets `pos` after it. */
  protected quantityArgument(
    start: number,
    directive: string,
  ): { readonly amount: AmountSyntax; readonly bracketed: boolean } | null {
    const end = this.lineEnd
    if (start >= end || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive, expected: 'amount' })
    }
    const bracketed = this.text.charCodeAt(start) === codes.lbracket
    const amount = bracketed ? this.scanBracketed(start, end) : this.scanAmount(start, end, false)
    if (amount === null) return null
    if (amount.commodity === '') {
      return this.fail(start, {
        _tag: 'InvalidAmount',
        text: this.text.slice(start, this.pos),
        reason: 'missingCommodity',
      })
    }
    return { amount, bracketed }
  }

  /**
   * The head shared by `norm|plan|limit` and `reported`: `PERIOD ENTITY CATEGORY`, each checked;
   * returns them with the offset after the category, or null after reporting the error.
   */
  protected periodEntityCategory(
    directive: string,
    start: number,
  ): {
    readonly period: PeriodSyntax
    readonly entity: string
    readonly category: string
    readonly after: number
  } | null {
    const end = this.lineEnd
    if (start >= end || this.text.charCodeAt(start) === codes.semicolon) {
      return this.fail(start, { _tag: 'MissingArgument', directive, expected: 'period' })
    }
    const period = this.tryScanPeriod(start, end, true)
    if (period === null) return null
    if (period === undefined)
      return this.fail(start, { _tag: 'InvalidPeriod', text: this.wordAt(start, end), reason: 'syntax' })
    const entityStart = this.skipBlanks(this.pos, end)
    const entity = this.wordArgument(entityStart, directive, 'entity')
    if (entity === null) return null
    if (!isPlainName(entity)) return this.fail(entityStart, { _tag: 'InvalidName', text: entity, kind: 'entity' })
    const categoryStart = this.skipBlanks(entityStart + entity.length, end)
    const category = this.wordArgument(categoryStart, directive, 'category')
    if (category === null) return null
    if (!isColonPath(category))
      return this.fail(categoryStart, { _tag: 'InvalidName', text: category, kind: 'category' })
    return { period, entity, category, after: this.skipBlanks(categoryStart + category.length, end) }
  }

  protected planDirective(keyword: PlanKeyword, start: number): Node | null {
    const firstLine = this.lineNumber
    const head = this.periodEntityCategory(keyword, start)
    if (head === null) return null
    const quantity = this.quantityArgument(head.after, keyword)
    if (quantity === null) return null
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'PlanDirective',
      span: tail.span,
      keyword,
      period: head.period,
      entity: head.entity,
      category: head.category,
      amount: quantity.amount,
      bracketed: quantity.bracketed,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  /** `reported …`, or with `restate` a correction in the found view. */
  protected reportedDirective(start: number, restate = false): Node | null {
    const firstLine = this.lineNumber
    const directive = restate ? 'restate' : 'reported'
    const head = this.periodEntityCategory(directive, start)
    if (head === null) return null
    const value = this.scanArgs(head.after, this.lineEnd)
    if (value === null) return null
    if (value.length === 0) return this.fail(head.after, { _tag: 'MissingArgument', directive, expected: 'value' })
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'ReportedDirective',
      span: tail.span,
      period: head.period,
      entity: head.entity,
      metric: head.category,
      value,
      ...(restate ? { restate: true } : {}),
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  /** `assumption ID "TEXT"`: a numbered assumption that `; assumption: ID` tags refer to. */
  protected assumptionDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const args = this.scanArgs(start, this.lineEnd)
    if (args === null) return null
    const [id, text, ...rest] = args
    if (id === undefined || id._tag !== 'Word')
      return this.fail(start, { _tag: 'MissingArgument', directive: 'assumption', expected: 'id' })
    if (!isPlainName(id.text)) return this.fail(start, { _tag: 'InvalidName', text: id.text, kind: 'assumption' })
    if (text === undefined || text._tag !== 'String' || rest.length > 0)
      return this.fail(start, { _tag: 'MissingArgument', directive: 'assumption', expected: 'text' })
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'AssumptionDirective',
      span: tail.span,
      id: id.text,
      text: text.value,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  protected countDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    if (start >= end) return this.fail(start, { _tag: 'MissingArgument', directive: 'count', expected: 'date' })
    const date = this.scanDate(start, end, true)
    if (date === null) return null
    if (!this.isTokenEnd(this.pos, end))
      return this.fail(start, { _tag: 'InvalidDate', text: this.wordAt(start, end), reason: 'syntax' })
    const accountStart = this.skipBlanks(this.pos, end)
    if (accountStart >= end || this.text.charCodeAt(accountStart) === codes.semicolon) {
      return this.fail(accountStart, { _tag: 'MissingArgument', directive: 'count', expected: 'account' })
    }
    const account = this.scanAccount(accountStart, end)
    if (account === null) return null
    if (account.indexOf(' ') !== -1 && !this.checkAmountSeparator(accountStart, account)) return null
    const quantity = this.quantityArgument(this.skipBlanks(accountStart + account.length, end), 'count')
    if (quantity === null) return null
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'CountDirective',
      span: tail.span,
      date,
      account,
      quantity: quantity.amount,
      bracketed: quantity.bracketed,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  protected paramDirective(start: number): Node | null {
    const firstLine = this.lineNumber
    const end = this.lineEnd
    let index = start
    let date: string | null = null
    if (index < end && isDigit(this.text.charCodeAt(index))) {
      date = this.scanDate(index, end, true)
      if (date === null) return null
      if (!this.isTokenEnd(this.pos, end))
        return this.fail(index, { _tag: 'InvalidDate', text: this.wordAt(index, end), reason: 'syntax' })
      index = this.skipBlanks(this.pos, end)
    }
    const word = this.wordAt(index, end)
    if (word === '' || word.startsWith(';'))
      return this.fail(index, { _tag: 'MissingArgument', directive: 'param', expected: 'parameter' })
    const dot = word.indexOf('.')
    const rule = dot === -1 ? '' : word.slice(0, dot)
    const name = dot === -1 ? '' : word.slice(dot + 1)
    if (!isPlainName(rule) || !isPlainName(name))
      return this.fail(index, { _tag: 'InvalidName', text: word, kind: 'parameter' })
    const valueStart = this.skipBlanks(index + word.length, end)
    const value = this.scanArgs(valueStart, end)
    if (value === null) return null
    if (value.length === 0)
      return this.fail(valueStart, { _tag: 'MissingArgument', directive: 'param', expected: 'value' })
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'ParamDirective',
      span: tail.span,
      date,
      rule,
      name,
      value,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }

  protected expectDirective(start: number): Node | null {
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
    return this.close(firstLine, this.pos, null, (tail) => ({
      _tag: 'ExpectationDirective',
      span: tail.span,
      negated,
      rule,
      args,
      comment: tail.comment,
      subLines: tail.subLines,
    }))
  }
}
