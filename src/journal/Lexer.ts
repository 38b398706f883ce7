/**
 * Character-level scanning of journal text: dates, periods, numbers, amounts, commodity symbols,
 * account names, comments and tags, and the generic argument tokens of operations and expectations.
 *
 * The lexer works by index over the whole file text with `charCodeAt`; it never splits the file
 * into lines and allocates strings only for the tokens it returns. Every loop advances an index
 * bounded by the current line's end, so scanning is linear in the input. There are no regular
 * expressions.
 *
 * Convention: a scanning method returns its value and sets `pos` just past what it consumed, or
 * returns `null` after recording an error in `error` (the first error of a block wins), or, for
 * the `try…` methods, returns `undefined` when the text does not have that shape at all.
 */

import {
  CODE_AT,
  CODE_BANG,
  CODE_COLON,
  CODE_DOT,
  CODE_GREATER,
  CODE_HASH,
  CODE_LBRACKET,
  CODE_MINUS,
  CODE_PERCENT,
  CODE_PLUS,
  CODE_QUOTE,
  CODE_RBRACKET,
  CODE_SEMICOLON,
  CODE_SLASH,
  CODE_SPACE,
  CODE_TAB,
  CODE_TILDE,
  collapseSizes,
  EMPTY,
  isBareSymbolCode,
  isDecimalMarkCode,
  isDigit,
  isGroupMarkCode,
  isZero,
  type NumberStyle,
  type RawNumber,
  type ResolvedNumber,
  stripLeadingZeros,
} from './lex/Chars.js'
import { Scanner } from './lex/Scanner.js'
import { accountNameLengthMax, commoditySymbolLengthMax, quantityDigitsMax } from './limits.js'
import type { AmountStyle, AmountSyntax, ArgToken, CommoditySide, DecimalMark } from './Syntax.js'
import { hedgedBracketEnd } from './Uncertain.js'

export {
  CODE_CR,
  CODE_LF,
  CODE_SPACE,
  CODE_TAB,
  codes,
  daysInMonth,
  type ErrorFacts,
  isBareCommoditySymbol,
  isBlank,
  isDigit,
  type NumberStyle,
  nextDay,
  parseTags,
  showDate,
} from './lex/Chars.js'

/**
 * `10,225`: one to three digits, not starting with 0, then exactly three (what a lone mark groups on operation lines).
 */
const isThousandsGroup = (text: string, groups: ReadonlyArray<number>): boolean => {
  const leading = (groups[1] as number) - (groups[0] as number)
  const zero = 48 // '0'
  return (
    (groups[3] as number) - (groups[2] as number) === 3 && leading <= 3 && text.charCodeAt(groups[0] as number) !== zero
  )
}

/**
 * The scanning state over one file's text. `Parser` extends it with the line-structure rules.
 * Internal to the journal layer: only `parse` is public.
 */
export class Lexer extends Scanner {
  // -----------------------------------------------------------------------------------
  // numbers and amounts
  // -----------------------------------------------------------------------------------

  /**
   * The digits and marks of a number at `start`, uninterpreted (hledger's `rawnumberp`). Space-like
   * group marks are accepted only when `spacesAllowed` and only between digits. Returns undefined
   * when no number starts here.
   */
  protected scanRawNumber(start: number, end: number, spacesAllowed: boolean): RawNumber | null | undefined {
    const text = this.text
    let index = start
    let leadingMark = -1
    const first = index < end ? text.charCodeAt(index) : -1
    if (isDecimalMarkCode(first) && index + 1 < end && isDigit(text.charCodeAt(index + 1))) {
      leadingMark = first
      index += 1
    }
    const groupStart = index
    while (index < end && isDigit(text.charCodeAt(index))) index += 1
    if (index === groupStart) return undefined
    const groups: number[] = [groupStart, index]
    const separators: number[] = []
    let digitCount = index - groupStart
    let trailingMark = -1
    if (leadingMark === -1) {
      while (index + 1 < end) {
        const code = text.charCodeAt(index)
        if (!isGroupMarkCode(code, spacesAllowed) || !isDigit(text.charCodeAt(index + 1))) break
        separators.push(code)
        const nextStart = index + 1
        index = nextStart
        while (index < end && isDigit(text.charCodeAt(index))) index += 1
        groups.push(nextStart, index)
        digitCount += index - nextStart
      }
      if (index < end && isDecimalMarkCode(text.charCodeAt(index))) {
        trailingMark = text.charCodeAt(index)
        index += 1
      }
    }
    if (digitCount > quantityDigitsMax) {
      return this.fail(start, {
        _tag: 'AmountTooLong',
        text: this.wordAt(start, end),
        digitCount,
        digitCountMax: quantityDigitsMax,
      })
    }
    return { start, end: index, groups, separators, trailingMark, leadingMark }
  }

  /** The style declared for a commodity's numbers, or by `decimal-mark`, if any. */
  protected declaredStyle(commodity: string): NumberStyle | null {
    const style = this.commodityStyles.get(commodity === '' ? (this.defaultCommodity ?? '') : commodity)
    if (style !== undefined) return style
    return this.decimalMark === null ? null : { decimalMark: this.decimalMark, digitGroupMark: null }
  }

  /**
   * Interprets a raw number's marks (hledger's `disambiguateNumber`): with several marks, the last
   * one differing from the others is the decimal mark; a single `.` or `,` between digit groups is
   * ambiguous and is read with the declared style of `commodity` (or of `decimal-mark`): it is a
   * decimal mark when it equals the declared decimal mark, or differs from the declared group
   * mark, or when nothing is declared. A number that contradicts a declared decimal mark is an error.
   * In `argument` mode (operation and expectation lines, where money is in kopecks) an undeclared
   * lone comma between one to three digits (not starting with 0) and exactly three groups thousands:
   * `10,225 RUB` is ten thousand and more; `0.125`, `1234.567` and any lone dot stay decimals.
   */
  protected resolveNumber(
    raw: RawNumber,
    commodity: string,
    amountStart: number,
    amountEnd: number,
    argument = false,
  ): ResolvedNumber | null {
    const text = this.text
    const { groups, separators } = raw
    const count = separators.length
    const declared = this.declaredStyle(commodity)
    const bad = (reason: 'badNumber' | 'decimalMarkMismatch'): null =>
      this.fail(amountStart, { _tag: 'InvalidAmount', text: text.slice(amountStart, amountEnd), reason })
    let integerGroups: number // how many groups form the integer part
    let decimalMarkCode = -1
    let groupMarkCode = -1
    if (raw.leadingMark !== -1) {
      decimalMarkCode = raw.leadingMark
      integerGroups = 0
    } else if (count === 0) {
      decimalMarkCode = raw.trailingMark
      integerGroups = 1
    } else {
      const firstMark = separators[0] as number
      for (let index = 1; index < count - 1; index += 1) if (separators[index] !== firstMark) return bad('badNumber')
      const lastMark = separators[count - 1] as number
      if (count >= 2 && lastMark !== firstMark) {
        if (!isDecimalMarkCode(lastMark) || raw.trailingMark !== -1) return bad('badNumber')
        groupMarkCode = firstMark
        decimalMarkCode = lastMark
        integerGroups = count
      } else if (count === 1 && isDecimalMarkCode(firstMark) && raw.trailingMark === -1) {
        const mark = String.fromCharCode(firstMark)
        const isDecimal =
          declared === null
            ? !argument || mark !== ',' || !isThousandsGroup(text, groups)
            : declared.decimalMark !== null
              ? mark === declared.decimalMark
              : declared.digitGroupMark !== null
                ? mark !== declared.digitGroupMark
                : true
        if (isDecimal) {
          decimalMarkCode = firstMark
          integerGroups = 1
        } else {
          groupMarkCode = firstMark
          integerGroups = 2
        }
      } else {
        if (raw.trailingMark === firstMark) return bad('badNumber')
        groupMarkCode = firstMark
        decimalMarkCode = raw.trailingMark
        integerGroups = count + 1
      }
    }
    const decimalMark: DecimalMark | null = decimalMarkCode === -1 ? null : decimalMarkCode === CODE_DOT ? '.' : ','
    const digitGroupMark = groupMarkCode === -1 ? null : String.fromCharCode(groupMarkCode)
    if (declared !== null && declared.decimalMark !== null && !this.declaringStyle) {
      if ((decimalMark !== null && decimalMark !== declared.decimalMark) || digitGroupMark === declared.decimalMark) {
        return bad('decimalMarkMismatch')
      }
    }
    let integer: string
    if (integerGroups === 0) integer = '0'
    else if (integerGroups === 1) integer = text.slice(groups[0], groups[1])
    else {
      integer = ''
      for (let index = 0; index < integerGroups; index += 1)
        integer += text.slice(groups[2 * index], groups[2 * index + 1])
    }
    const fraction =
      decimalMarkCode !== -1 && integerGroups * 2 < groups.length
        ? text.slice(groups[integerGroups * 2], groups[integerGroups * 2 + 1])
        : ''
    let digitGroupSizes: ReadonlyArray<number> = EMPTY
    if (groupMarkCode !== -1) {
      const sizes: number[] = []
      for (let index = integerGroups - 1; index >= 1; index -= 1)
        sizes.push((groups[2 * index + 1] as number) - (groups[2 * index] as number))
      digitGroupSizes = collapseSizes(sizes)
    }
    const stripped = stripLeadingZeros(integer)
    // Fast path: `123.45` as written is already normalized; one slice of the source suffices.
    const quantity =
      fraction === ''
        ? stripped
        : decimalMarkCode === CODE_DOT && integerGroups === 1 && stripped === integer
          ? text.slice(groups[0], groups[3])
          : `${stripped}.${fraction}`
    return { quantity, decimalMark, digitGroupMark, digitGroupSizes, decimalDigits: fraction.length }
  }

  /**
   * A commodity symbol at `start`: `"quoted"` or bare (see `isBareCommoditySymbol`). Returns
   * undefined when no symbol starts here.
   */
  protected scanSymbol(start: number, end: number, digitsAllowed: boolean): string | null | undefined {
    const text = this.text
    let symbol: string
    if (start < end && text.charCodeAt(start) === CODE_QUOTE) {
      const close = this.indexOfCode(CODE_QUOTE, start + 1, end)
      if (close === -1) {
        return this.fail(start, { _tag: 'BadCommodity', text: text.slice(start, end), reason: 'unterminatedQuote' })
      }
      if (close === start + 1) return this.fail(start, { _tag: 'BadCommodity', text: '""', reason: 'emptySymbol' })
      symbol = this.internSymbol(start + 1, close)
      this.pos = close + 1
    } else {
      if (start >= end || isDigit(text.charCodeAt(start))) return undefined
      let index = start
      while (index < end && isBareSymbolCode(text.charCodeAt(index), digitsAllowed)) index += 1
      if (index === start) return undefined
      symbol = this.internSymbol(start, index)
      this.pos = index
    }
    if (symbol.length > commoditySymbolLengthMax) {
      return this.fail(start, { _tag: 'BadCommodity', text: symbol, reason: 'symbolTooLong' })
    }
    return symbol
  }

  /** The symbol written at `[start, end)`, interned: the last one read costs no string at all. */
  protected internSymbol(start: number, end: number): string {
    const last = this.lastSymbol
    if (last !== null && last.length === end - start && this.text.startsWith(last, start)) return last
    const text = this.text.slice(start, end)
    let symbol = this.symbols.get(text)
    if (symbol === undefined) {
      symbol = text
      this.symbols.set(symbol, symbol)
    }
    this.lastSymbol = symbol
    return symbol
  }

  /** Whether an argument-mode amount may take `symbol` (starting at `start`) as its right-side commodity. */
  protected isArgumentCommodity(start: number, symbol: string): boolean {
    if (this.text.charCodeAt(start) === CODE_QUOTE) return true
    if (this.declaredCommodities.has(symbol)) return true
    const first = symbol.charAt(0)
    return first === first.toUpperCase() || first.toLowerCase() === first.toUpperCase()
  }

  protected style(
    side: CommoditySide,
    spaced: boolean,
    signBeforeSymbol: boolean,
    number: ResolvedNumber,
  ): AmountStyle {
    const last = this.lastStyle
    if (
      last !== null &&
      last.side === side &&
      last.spaced === spaced &&
      last.signBeforeSymbol === signBeforeSymbol &&
      last.decimalMark === number.decimalMark &&
      last.digitGroupMark === number.digitGroupMark &&
      last.decimalDigits === number.decimalDigits &&
      last.digitGroupSizes === number.digitGroupSizes
    ) {
      return last
    }
    const style: AmountStyle = {
      side,
      spaced,
      signBeforeSymbol,
      decimalMark: number.decimalMark,
      digitGroupMark: number.digitGroupMark,
      digitGroupSizes: number.digitGroupSizes,
      decimalDigits: number.decimalDigits,
    }
    this.lastStyle = style
    return style
  }

  /**
   * An amount at `start`: `[~][-|+]NUMBER[ ]SYMBOL`, `[~][-|+]SYMBOL[ ][-|+]NUMBER`, or a bare
   * number. In `argument` mode (operation and expectation lines) space-like digit-group marks are not
   * accepted, and a right-side symbol must follow the number directly or after one space and be
   * quoted, declared, or not start with a lower-case letter (so `basis 360 days` stays two words).
   */
  protected scanAmount(start: number, end: number, argument: boolean): AmountSyntax | null {
    const text = this.text
    let index = start
    let estimated = false
    if (index < end && text.charCodeAt(index) === CODE_TILDE) {
      estimated = true
      index += 1
    }
    let negative = false
    let signFirst = false
    let code = index < end ? text.charCodeAt(index) : -1
    if (code === CODE_MINUS || code === CODE_PLUS) {
      negative = code === CODE_MINUS
      signFirst = true
      index += 1
      code = index < end ? text.charCodeAt(index) : -1
    }
    let commodity = ''
    let side: CommoditySide = 'none'
    let spaced = false
    let signBeforeSymbol = false
    const missingNumber = (): null =>
      this.fail(start, { _tag: 'InvalidAmount', text: this.wordAt(start, end), reason: 'missingNumber' })
    if (!isDigit(code) && !(isDecimalMarkCode(code) && index + 1 < end && isDigit(text.charCodeAt(index + 1)))) {
      const symbol = this.scanSymbol(index, end, false)
      if (symbol === null) return null
      if (symbol === undefined) return missingNumber()
      commodity = symbol
      side = 'left'
      const afterSymbol = this.pos
      index = this.skipBlanks(afterSymbol, end)
      spaced = index > afterSymbol
      code = index < end ? text.charCodeAt(index) : -1
      if (!signFirst && (code === CODE_MINUS || code === CODE_PLUS)) {
        negative = code === CODE_MINUS
        index += 1
      } else {
        signBeforeSymbol = signFirst
      }
    }
    const raw = this.scanRawNumber(index, end, !argument)
    if (raw === null) return null
    if (raw === undefined) return missingNumber()
    index = raw.end
    if (side === 'none') {
      const symbolStart = argument
        ? index < end && text.charCodeAt(index) === CODE_SPACE
          ? index + 1
          : index
        : this.skipBlanks(index, end)
      if (symbolStart < end) {
        const symbolCode = text.charCodeAt(symbolStart)
        if (symbolCode === CODE_QUOTE || (!isDigit(symbolCode) && isBareSymbolCode(symbolCode, true))) {
          const symbol = this.scanSymbol(symbolStart, end, true)
          if (symbol === null) return null
          if (
            symbol !== undefined &&
            (!argument || symbolStart === index || this.isArgumentCommodity(symbolStart, symbol))
          ) {
            commodity = symbol
            side = 'right'
            spaced = symbolStart > index
            index = this.pos
          }
        }
      }
    } else if (!argument) {
      const next = this.skipBlanks(index, end)
      if (next < end) {
        const nextCode = text.charCodeAt(next)
        if (nextCode === CODE_QUOTE || (!isDigit(nextCode) && isBareSymbolCode(nextCode, true))) {
          return this.fail(start, {
            _tag: 'InvalidAmount',
            text: text.slice(start, this.wordEndAt(next, end)),
            reason: 'twoCommodities',
          })
        }
      }
    }
    const number = this.resolveNumber(raw, commodity, start, index, argument)
    if (number === null) return null
    this.pos = index
    const isNegative = negative && !isZero(number.quantity)
    const quantity = isNegative ? `-${number.quantity}` : number.quantity
    const amount: AmountSyntax = {
      quantity,
      commodity,
      estimated,
      // Sign placement is display style only for a minus sign that is kept.
      style: this.style(side, spaced, signBeforeSymbol && isNegative, number),
      span: this.spanAt(start),
    }
    return commodity === '' && !argument && this.defaultCommodity !== null
      ? { ...amount, implied: this.defaultCommodity }
      : amount
  }

  /**
   * A bracketed goods quantity `[ [~]AMOUNT ]` with `[` at `start`; the amount must name a
   * commodity.
   */
  protected scanBracketed(start: number, end: number): AmountSyntax | null {
    const inner = this.skipBlanks(start + 1, end)
    const close = this.indexOfCode(CODE_RBRACKET, inner, end)
    const innerEnd = close === -1 ? end : close
    // The brackets delimit the quantity, so it reads as in a posting even among arguments.
    const amount = this.scanAmount(inner, innerEnd, false)
    if (amount === null) return null
    const after = this.skipBlanks(this.pos, end)
    if (close === -1) {
      return this.fail(start, {
        _tag: 'InvalidAmount',
        text: this.text.slice(start, this.trimEnd(start, end)),
        reason: 'unclosedBracket',
      })
    }
    if (after !== close) {
      return this.fail(after, {
        _tag: 'InvalidAmount',
        text: this.text.slice(start, close + 1),
        reason: 'trailingText',
      })
    }
    if (amount.commodity === '') {
      return this.fail(start, {
        _tag: 'InvalidAmount',
        text: this.text.slice(start, close + 1),
        reason: 'missingCommodity',
      })
    }
    this.pos = close + 1
    return amount
  }

  // -----------------------------------------------------------------------------------
  // account names
  // -----------------------------------------------------------------------------------

  /**
   * An account name at `start`: any characters up to two spaces, a tab, ` ;` or the end; single
   * spaces inside are part of the name. Names are interned, so each distinct name is one string.
   */
  protected scanAccount(start: number, end: number): string | null {
    const text = this.text
    let index = start
    let hash = 0
    while (index < end) {
      const code = text.charCodeAt(index)
      if (code === CODE_TAB) break
      if (code === CODE_SPACE) {
        const next = index + 1 < end ? text.charCodeAt(index + 1) : CODE_SPACE
        if (next === CODE_SPACE || next === CODE_TAB || next === CODE_SEMICOLON) break
      } else if (code < CODE_SPACE || code === 0x7f) {
        return this.fail(index, {
          _tag: 'InvalidAccountName',
          text: text.slice(start, index),
          reason: 'controlCharacter',
        })
      }
      hash = (Math.imul(hash, 31) + code) | 0
      index += 1
    }
    if (index === start) return this.fail(start, { _tag: 'InvalidAccountName', text: '', reason: 'empty' })
    if (index - start > accountNameLengthMax) {
      return this.fail(start, { _tag: 'InvalidAccountName', text: text.slice(start, index), reason: 'tooLong' })
    }
    this.pos = index
    // A name seen before is found by its hash and compared in place, without a new string.
    const known = this.accountsByHash.get(hash)
    if (known !== undefined && known.length === index - start && text.startsWith(known, start)) return known
    const name = text.slice(start, index)
    let interned = this.accountNames.get(name)
    if (interned === undefined) {
      interned = name
      this.accountNames.set(name, name)
    }
    if (known === undefined) this.accountsByHash.set(hash, interned)
    return interned
  }

  /**
   * Reports `MissingAmountSeparator` when an account name (at `start`) ends with a single space
   * and an amount that carries a commodity, a sign, a decimal mark or a `~` (`assets:cash 10 RUB`).
   * Plain integers stay part of names (`expenses:tax 2023`), and so does any tail with a colon.
   */
  protected checkAmountSeparator(start: number, account: string): boolean {
    const end = start + account.length
    let space = account.indexOf(' ')
    while (space !== -1) {
      const candidate = start + space + 1
      // An amount needs a digit: when none follows, no later space can start one either.
      let digit = candidate
      while (digit < end && !isDigit(this.text.charCodeAt(digit))) digit += 1
      if (digit === end) return true
      // A colon after the space means more account segments follow (`credit card:T28`).
      if (this.indexOfCode(CODE_COLON, candidate, end) !== -1) {
        space = account.indexOf(' ', space + 1)
        continue
      }
      const saved = this.error
      const savedPos = this.pos
      const amount = this.scanAmount(candidate, end, false)
      const consumed = this.pos
      this.error = saved
      this.pos = savedPos
      if (
        amount !== null &&
        consumed === end &&
        (amount.commodity !== '' ||
          amount.estimated ||
          amount.quantity.startsWith('-') ||
          amount.style.decimalMark !== null)
      ) {
        this.fail(candidate, {
          _tag: 'MissingAmountSeparator',
          account: account.slice(0, space),
          amountText: account.slice(space + 1),
        })
        return false
      }
      space = account.indexOf(' ', space + 1)
    }
    return true
  }

  // -----------------------------------------------------------------------------------
  // generic argument tokens
  // -----------------------------------------------------------------------------------

  /**
   * Tokens from `start` to `end` or to a `;` comment (a `;` at the start of a token). Sets `pos` to
   * the comment's `;` or to `end`.
   */
  protected scanArgs(start: number, end: number): ArgToken[] | null {
    const text = this.text
    const tokens: ArgToken[] = []
    let index = this.skipBlanks(start, end)
    while (index < end) {
      const code = text.charCodeAt(index)
      if (code === CODE_SEMICOLON) break
      const token = this.scanArg(index, end, code)
      if (token === null) return null
      tokens.push(token)
      if (!this.isTokenEnd(this.pos, end)) {
        const tokenEnd = this.wordEndAt(this.pos, end)
        return this.fail(this.pos, { _tag: 'UnexpectedText', text: text.slice(this.pos, tokenEnd) })
      }
      index = this.skipBlanks(this.pos, end)
    }
    this.pos = index
    return tokens
  }

  protected scanArg(start: number, end: number, code: number): ArgToken | null {
    const text = this.text
    const next = start + 1 < end ? text.charCodeAt(start + 1) : -1
    if (code === CODE_QUOTE) {
      const close = this.indexOfCode(CODE_QUOTE, start + 1, end)
      if (close === -1) return this.fail(start, { _tag: 'UnterminatedString' })
      this.pos = close + 1
      return { _tag: 'String', value: text.slice(start + 1, close), span: this.spanAt(start) }
    }
    if (code === CODE_LBRACKET) {
      const hedged = hedgedBracketEnd(text, start, end)
      if (hedged !== undefined) {
        // `[>0 T28]`, `[400..500 T26]`, `[? T28]`: a hedged goods figure, read by journal/Uncertain.ts.
        this.pos = hedged
        return { _tag: 'Word', text: text.slice(start, hedged), span: this.spanAt(start) }
      }
      const amount = this.scanBracketed(start, end)
      if (amount === null) return null
      return { _tag: 'Amount', amount, bracketed: true, span: amount.span }
    }
    if (code === CODE_MINUS && next === CODE_GREATER && this.isTokenEnd(start + 2, end)) {
      this.pos = start + 2
      return { _tag: 'Arrow', span: this.spanAt(start) }
    }
    if (code === CODE_AT && this.isTokenEnd(start + 1, end)) {
      this.pos = start + 1
      return { _tag: 'At', span: this.spanAt(start) }
    }
    if (isDigit(code) && !this.isDottedNumber(start, this.wordEndAt(start, end))) {
      const saved = this.error
      const period = this.tryScanPeriod(start, end, false)
      if (period === null) {
        // A broken date or period (`1936-02-30`, `1936-Q5`) is an error; other shapes are words.
        if (this.isDateShaped(start, this.wordEndAt(start, end))) return null
        this.error = saved
      } else if (period !== undefined) {
        return period.kind === 'date'
          ? { _tag: 'Date', date: period.start, span: period.span }
          : { _tag: 'Period', period, span: period.span }
      }
    }
    if (isDigit(code) || ((code === CODE_MINUS || code === CODE_PLUS) && isDigit(next))) {
      const tokenEnd = this.wordEndAt(start, end)
      if (text.charCodeAt(tokenEnd - 1) === CODE_PERCENT) {
        const percent = this.tryScanPercent(start, tokenEnd - 1)
        if (percent !== undefined) return percent
      }
    }
    if (this.startsAmount(start, end, code, next)) {
      const saved = this.error
      const amount = this.scanAmount(start, end, true)
      if (amount !== null && this.isTokenEnd(this.pos, end)) {
        return { _tag: 'Amount', amount, bracketed: false, span: amount.span }
      }
      if (amount === null && this.error !== null && this.error._tag === 'AmountTooLong') return null
      // Not an amount after all (`36-114`, `10x,`): read it as a word.
      this.error = saved
    }
    const tokenEnd = this.wordEndAt(start, end)
    this.pos = tokenEnd
    return { _tag: 'Word', text: text.slice(start, tokenEnd), span: this.spanAt(start) }
  }

  /** Whether `[start, end)` is digits, one `.` and digits (`4947.66`, `1936.05`): a number there, never a month. */
  protected isDottedNumber(start: number, end: number): boolean {
    const dot = this.indexOfCode(CODE_DOT, start, end)
    if (dot <= start || dot + 1 >= end) return false
    for (let index = start; index < end; index += 1)
      if (index !== dot && !isDigit(this.text.charCodeAt(index))) return false
    return true
  }

  /** Whether `[start, end)` holds only digits, date separators and `Q`: a date or period, maybe broken. */
  protected isDateShaped(start: number, end: number): boolean {
    for (let index = start; index < end; index += 1) {
      const code = this.text.charCodeAt(index)
      if (
        !isDigit(code) &&
        code !== CODE_MINUS &&
        code !== CODE_SLASH &&
        code !== CODE_DOT &&
        code !== 81 &&
        code !== 113
      )
        return false
    }
    return true
  }

  /** Whether an argument token at `start` should be read as an amount. */
  protected startsAmount(start: number, end: number, code: number, next: number): boolean {
    if (isDigit(code) || code === CODE_TILDE) return true
    if (isDecimalMarkCode(code)) return isDigit(next)
    if (code === CODE_MINUS || code === CODE_PLUS) {
      if (isDigit(next) || (isDecimalMarkCode(next) && start + 2 < end && isDigit(this.text.charCodeAt(start + 2))))
        return true
      return next !== -1 && this.isCurrencySign(next)
    }
    return this.isCurrencySign(code)
  }

  /** A non-letter symbol character (`$`, `€`, `₽`, `£`) that may start a left-side amount in arguments. */
  protected isCurrencySign(code: number): boolean {
    if (!isBareSymbolCode(code, false) || code < 128) return code === 36 /* $ */
    const character = String.fromCharCode(code)
    return (
      character.toLowerCase() === character.toUpperCase() &&
      code !== CODE_HASH &&
      code !== CODE_COLON &&
      code !== CODE_SLASH &&
      code !== CODE_BANG
    )
  }

  /** `8%`, `9.5%`, `-2%` with `%` at `percentOffset`; undefined when the token is not that shape. */
  protected tryScanPercent(start: number, percentOffset: number): ArgToken | undefined {
    const saved = this.error
    const signCode = this.text.charCodeAt(start)
    const signed = signCode === CODE_MINUS || signCode === CODE_PLUS
    const raw = this.scanRawNumber(signed ? start + 1 : start, percentOffset, false)
    if (raw === null || raw === undefined || raw.end !== percentOffset) {
      this.error = saved
      return undefined
    }
    const number = this.resolveNumber(raw, '', start, percentOffset)
    if (number === null) {
      this.error = saved
      return undefined
    }
    this.pos = percentOffset + 1
    return {
      _tag: 'Percent',
      quantity: signCode === CODE_MINUS && !isZero(number.quantity) ? `-${number.quantity}` : number.quantity,
      style: this.style('none', false, false, number),
      span: this.spanAt(start),
    }
  }
}
