/** The reader every instrument's forms use: positional arguments, then `key value` options, with located errors. */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from '../../core/AccountName.js'
import * as Commodity from '../../core/Commodity.js'
import type * as Entity from '../../core/Entity.js'
import * as Ledger from '../../core/Ledger.js'
import type * as LocalDate from '../../core/LocalDate.js'
import * as Quantity from '../../core/Quantity.js'
import * as Rate from '../../core/Rate.js'
import type { SourceSpan } from '../../core/SourceSpan.js'
import {
  type DayCount,
  type DocumentId,
  documentIdFromString,
  type Label,
  type LoanKind,
  labelFromString,
  type PaymentClass,
  type RefusalGround,
  refusalGrounds,
} from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import type { FundingSource } from '../../domain/Parameters.js'
import type { OperationContext, OperationError } from '../OperationError.js'
import { parse } from '../Parse.js'
import { periodOf } from '../Statements.js'
import type * as Syntax from '../Syntax.js'

// -------------------------------------------------------------------------------------
// tokens
// -------------------------------------------------------------------------------------

export type Token = Syntax.ArgToken

export const show = (token: Token): string => {
  switch (token._tag) {
    case 'Word':
      return token.text
    case 'String':
      return JSON.stringify(token.value).slice(1, -1)
    case 'Amount': {
      const text =
        `${token.amount.estimated ? '~' : ''}${token.amount.quantity}` +
        `${token.amount.commodity === '' ? '' : ` ${token.amount.commodity}`}`
      return token.bracketed ? `[${text}]` : text
    }
    case 'Percent':
      return `${token.quantity}%`
    case 'Date':
      return token.date
    case 'Period':
      return periodOf(token.period).label
    case 'Arrow':
      return '->'
    case 'At':
      return '@'
  }
}

/** A key word as written (`ground:` is `ground`). */
export const keyOf = (token: Token | undefined): string | undefined =>
  token !== undefined && token._tag === 'Word'
    ? token.text.length > 1 && token.text.endsWith(':')
      ? token.text.slice(0, -1)
      : token.text
    : undefined

export const estimatedPercent = /^~(-?\d+(?:\.\d+)?)%$/u

/** `8` (percent points, as the journal writes `8%`) → the fraction `0.08`, exactly. */
const fractionOfPercent = (percent: Quantity.Quantity): Rate.Fraction => Rate.toFraction(Rate.percentPoints(percent))

export const kebab = (text: string): string => text.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`)

export const groundNames: ReadonlyMap<string, RefusalGround> = new Map(
  refusalGrounds.flatMap((ground) => [[ground, ground] as const, [kebab(ground), ground] as const]),
)
export const paymentClassNames: ReadonlyMap<string, PaymentClass> = new Map([
  ['wages', 'wages'],
  ['budget', 'budget'],
  ['bank-loan', 'bankLoan'],
  ['bankLoan', 'bankLoan'],
  ['supplier', 'supplier'],
  ['bill', 'bill'],
  ['overhead', 'overhead'],
  ['other', 'other'],
])
export const dayCountNames: ReadonlyMap<string, DayCount> = new Map([
  ['act/360', 'actual/360'],
  ['actual/360', 'actual/360'],
  ['act/365', 'actual/365'],
  ['actual/365', 'actual/365'],
  ['30/360', '30/360'],
])
export const loanKindNames: ReadonlyMap<string, LoanKind> = new Map([
  ['gosbank', 'gosbankShortTerm'],
  ['short-term', 'gosbankShortTerm'],
  ['savings-bank', 'savingsBank'],
])
export const fundingNames: ReadonlyMap<string, FundingSource> = new Map([
  ['wage-fund', 'wageFund'],
  ['director-fund', 'directorFund'],
  ['directors-fund', 'directorFund'],
])

// -------------------------------------------------------------------------------------
// the reader: positional arguments, then options
// -------------------------------------------------------------------------------------

/** One `key value` option: how to read its value from tokens, and (for free text) from a sub-line. */
export interface Option {
  readonly read: (key: Token) => void
  readonly text?: (value: string, span: SourceSpan) => void
}

export type Options = Readonly<Record<string, Option>>

/** The option named `key`: own properties only, so that `__proto__` or `toString` name no option. */
export const optionFor = (options: Options, key: string): Option | undefined =>
  Object.hasOwn(options, key) ? options[key] : undefined

export class Reader {
  private tokens: ReadonlyArray<Token>
  private index = 0
  private keys: ReadonlySet<string> = new Set()
  private readonly seen = new Set<Option>()
  failed = false
  estimated = false

  constructor(
    readonly syntax: Syntax.OperationSyntax,
    readonly context: OperationContext,
    readonly errors: OperationError[],
    readonly keyword: string,
  ) {
    this.tokens = syntax.args
  }

  /** The operation's date. */
  get on(): LocalDate.LocalDate {
    return this.syntax.date as LocalDate.LocalDate
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset]
  }
  take(): Token | undefined {
    const token = this.tokens[this.index]
    if (token !== undefined) this.index++
    return token
  }
  get done(): boolean {
    return this.index >= this.tokens.length
  }
  /** Whether the next token is the word `word` (or `word:`). */
  at(...words: ReadonlyArray<string>): boolean {
    const key = keyOf(this.peek())
    return key !== undefined && words.includes(key)
  }

  // ---- errors ---------------------------------------------------------------------

  fail(error: OperationError): undefined {
    if (!this.failed) this.errors.push(error)
    this.failed = true
    return undefined
  }
  /** Where a missing argument should have been: the last token read, or the line. */
  private get here(): SourceSpan {
    return (this.tokens[this.index - 1] ?? this.tokens[this.index])?.span ?? this.syntax.span
  }
  missing(argument: string): undefined {
    return this.fail({ _tag: 'MissingOperationArgument', span: this.here, keyword: this.keyword, argument })
  }
  invalid(token: Token, argument: string, expected: string): undefined {
    return this.fail({
      _tag: 'InvalidOperationValue',
      span: token.span,
      keyword: this.keyword,
      argument,
      text: show(token),
      expected,
    })
  }
  unexpected(token: Token): undefined {
    return this.fail({
      _tag: 'UnexpectedOperationArgument',
      span: token.span,
      keyword: this.keyword,
      text: show(token),
    })
  }
  /** The value if defined, else a MissingOperationArgument. */
  need<A>(value: A | undefined, argument: string): A | undefined {
    if (value === undefined && !this.failed) this.missing(argument)
    return value
  }

  /** The next token, or a MissingOperationArgument. */
  private next(argument: string): Token | undefined {
    if (this.failed) return undefined
    const token = this.take()
    return token ?? this.missing(argument)
  }

  // ---- values -----------------------------------------------------------------------

  word(argument: string): string | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'Word' ? token.text : this.invalid(token, argument, 'a word')
  }

  /** One of the words of `names`, mapped. */
  choice<A>(argument: string, names: ReadonlyMap<string, A>): A | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const value = token._tag === 'Word' ? names.get(token.text) : undefined
    return value ?? this.invalid(token, argument, `one of ${[...names.keys()].join(', ')}`)
  }

  id(argument: string): DocumentId | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const id = token._tag === 'Word' ? documentIdFromString(token.text) : undefined
    return id !== undefined && E.isRight(id)
      ? id.right
      : this.invalid(token, argument, 'a document id (letters, digits, - _ . / #)')
  }

  label(argument: string): Label | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const text =
      token._tag === 'Word'
        ? token.text
        : token._tag === 'Amount' && !token.bracketed && token.amount.commodity === '' && !token.amount.estimated
          ? token.amount.quantity
          : undefined
    const label = text !== undefined ? labelFromString(text) : undefined
    return label !== undefined && E.isRight(label)
      ? label.right
      : this.invalid(token, argument, 'a name (letters, digits, - _ . / #)')
  }

  entity(argument: string): Entity.EntityName | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    if (token._tag !== 'Word') return this.invalid(token, argument, 'an entity')
    if (!this.context.declarations.entities.has(token.text as Entity.EntityName))
      return this.fail({ _tag: 'UnknownEntity', span: token.span, entity: token.text })
    return token.text as Entity.EntityName
  }

  arrow(): boolean {
    const token = this.next('"->"')
    if (token === undefined) return false
    if (token._tag === 'Arrow') return true
    this.invalid(token, 'parties', '"->" between the two parties')
    return false
  }

  /** `FROM -> TO`. */
  parties(from: string, to: string): readonly [Entity.EntityName, Entity.EntityName] | undefined {
    const a = this.entity(from)
    if (a === undefined || !this.arrow()) return undefined
    const b = this.entity(to)
    return b === undefined ? undefined : [a, b]
  }

  money(argument: string): Quantity.Quantity | undefined {
    const token = this.next(`${argument} (an amount in ${this.context.currency})`)
    return token === undefined ? undefined : this.moneyOf(token, argument)
  }

  moneyOf(token: Token, argument: string): Quantity.Quantity | undefined {
    if (token._tag !== 'Amount' || token.bracketed)
      return this.invalid(token, argument, `a money amount in ${this.context.currency}`)
    if (token.amount.commodity !== this.context.currency) {
      return this.fail({
        _tag: 'WrongCurrency',
        span: token.span,
        keyword: this.keyword,
        argument,
        commodity: token.amount.commodity,
        currency: this.context.currency,
      })
    }
    return this.quantity(token, token.amount.quantity, argument)
  }

  private quantity(token: Token, text: string, argument: string): Quantity.Quantity | undefined {
    if (token._tag === 'Amount' && token.amount.estimated) this.estimated = true
    const quantity = Quantity.fromString(text)
    return E.isRight(quantity) ? quantity.right : this.invalid(token, argument, 'a number the books can hold')
  }

  /** Whether the next token can start a goods quantity (`10 T28`, `[10 T28]`, `2 steel`). */
  atGoods(): boolean {
    const token = this.peek()
    if (token === undefined || token._tag !== 'Amount') return false
    if (token.amount.commodity === '')
      return !token.bracketed && this.peek(1)?._tag === 'Word' && !this.keys.has(keyOf(this.peek(1)) ?? '')
    return token.amount.commodity !== this.context.currency
  }

  goods(argument: string): Op.Goods | undefined {
    const token = this.next(`${argument} (a goods quantity, e.g. 10 T28)`)
    if (token === undefined) return undefined
    const expected = 'a goods quantity (e.g. 10 T28)'
    if (token._tag !== 'Amount') return this.invalid(token, argument, expected)
    let commodity = token.amount.commodity
    if (commodity === '' && !token.bracketed) {
      // `2 steel`: a number, then an undeclared lower-case commodity.
      const next = this.peek()
      if (next?._tag === 'Word' && !this.keys.has(keyOf(next) ?? '')) {
        commodity = next.text
        this.take()
      }
    }
    if (commodity === '' || commodity === this.context.currency) return this.invalid(token, argument, expected)
    const symbol = Commodity.symbolFromString(commodity)
    if (E.isLeft(symbol)) return this.invalid(token, argument, expected)
    const quantity = this.quantity(token, token.amount.quantity, argument)
    return quantity === undefined ? undefined : { commodity: symbol.right, quantity }
  }

  /** A plain number (`360`, `2`). */
  number(argument: string): Quantity.Quantity | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'Amount' && !token.bracketed && token.amount.commodity === ''
      ? this.quantity(token, token.amount.quantity, argument)
      : this.invalid(token, argument, 'a number')
  }

  /** A number of units, written plain (`2`) or as goods (`2 T28`). */
  units(argument: string): Quantity.Quantity | undefined {
    if (this.atGoods()) return this.goods(argument)?.quantity
    return this.number(argument)
  }

  integer(argument: string, expected = 'a whole number'): number | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const text =
      token._tag === 'Amount' && !token.bracketed && token.amount.commodity === '' ? token.amount.quantity : undefined
    return text !== undefined && /^\d{1,6}$/u.test(text) ? Number(text) : this.invalid(token, argument, expected)
  }

  /** `8%`, `~8%`, `9.5%` → an annual fraction. */
  rate(argument: string): Rate.Fraction | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    if (token._tag === 'Percent') {
      const quantity = Quantity.fromString(token.quantity)
      return E.isRight(quantity)
        ? fractionOfPercent(quantity.right)
        : this.invalid(token, argument, 'a percentage (e.g. 8%)')
    }
    const match = token._tag === 'Word' ? estimatedPercent.exec(token.text) : null
    const quantity = match !== null ? Quantity.fromString(match[1] as string) : undefined
    if (quantity === undefined || E.isLeft(quantity)) return this.invalid(token, argument, 'a percentage (e.g. 8%)')
    this.estimated = true
    return fractionOfPercent(quantity.right)
  }

  /** `6m`, `10y`, `6 months`, `10 years`, `18` (months) → months. */
  term(argument: string): number | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const expected = 'a term in months or years (6m, 10y, 18 months)'
    if (token._tag !== 'Amount' || token.bracketed || !/^\d{1,4}$/u.test(token.amount.quantity))
      return this.invalid(token, argument, expected)
    let unit = token.amount.commodity
    if (unit === '' && (this.at('months', 'month', 'years', 'year') || false))
      unit = (this.take() as { readonly text: string }).text
    const count = Number(token.amount.quantity)
    if (unit === '' || unit === 'm' || unit === 'months' || unit === 'month') return count
    if (unit === 'y' || unit === 'years' || unit === 'year') return count * 12
    return this.invalid(token, argument, expected)
  }

  date(argument: string): LocalDate.LocalDate | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'Date'
      ? (token.date as LocalDate.LocalDate)
      : this.invalid(token, argument, 'a date (YYYY-MM-DD)')
  }

  /** A word or a quoted string. */
  text(argument: string): string | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'String'
      ? token.value
      : token._tag === 'Word'
        ? token.text
        : this.invalid(token, argument, 'a word or a "quoted text"')
  }

  account(argument: string): AccountName.AccountName | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const name = token._tag === 'Word' ? AccountName.fromString(token.text) : undefined
    return name !== undefined && E.isRight(name) ? name.right : this.invalid(token, argument, 'an account name')
  }

  /** An account of a declared entity, with that entity. */
  entityAccount(
    argument: string,
  ): { readonly account: AccountName.AccountName; readonly entity: Entity.EntityName } | undefined {
    const token = this.peek()
    const account = this.account(argument)
    if (account === undefined || token === undefined) return undefined
    const entity = Ledger.entityOf(this.context.declarations, account)
    return entity !== undefined
      ? { account, entity }
      : this.fail({ _tag: 'AccountOutsideEntity', span: token.span, keyword: this.keyword, account })
  }

  /** One or more words up to the next option key: ids, serials, payment classes. */
  list<A>(argument: string, read: (reader: Reader) => A | undefined): ReadonlyArray<A> | undefined {
    const values: A[] = []
    while (!this.failed && !this.done) {
      const token = this.peek() as Token
      if (token._tag !== 'Word' || this.keys.has(keyOf(token) ?? '')) break
      const value = read(this)
      if (value === undefined) return undefined
      values.push(value)
    }
    if (values.length === 0) return this.missing(argument)
    return values
  }

  // ---- options ----------------------------------------------------------------------

  /**
   * Reads the rest of the line as options (`key value…`, `flag`, a quoted free text under the
   * key `"`), then the `key: value` sub-lines.
   */
  options(options: Options): void {
    this.keys = new Set(Object.keys(options))
    this.readOptions(options)
    for (const line of this.syntax.subLines) {
      if (this.failed) return
      if (line._tag !== 'KeyValue') {
        if (line._tag !== 'SubComment')
          this.fail({
            _tag: 'UnexpectedOperationArgument',
            span: line.span,
            keyword: this.keyword,
            text: line._tag === 'Raw' ? line.text : '',
          })
        continue
      }
      if (line.key === 'source' || line.key === 'note' || line.key === 'estimated') continue
      const option = optionFor(options, line.key)
      if (option === undefined || line.key === '"') {
        this.fail({ _tag: 'UnexpectedOperationArgument', span: line.span, keyword: this.keyword, text: `${line.key}:` })
        continue
      }
      if (option.text !== undefined) {
        if (!this.claim(option, line.key, line.span)) return
        option.text(unquote(line.value), line.span)
        continue
      }
      // The value reads like the same words on the operation line.
      const tokens = subLineTokens(line, this.keyword)
      if (tokens === undefined) {
        this.fail({
          _tag: 'InvalidOperationValue',
          span: line.span,
          keyword: this.keyword,
          argument: line.key,
          text: line.value,
          expected: `a value for ${line.key}`,
        })
        continue
      }
      this.tokens = [{ _tag: 'Word', text: line.key, span: line.span }, ...tokens]
      this.index = 0
      this.readOptions(options)
    }
  }

  private claim(option: Option, key: string, span: SourceSpan): boolean {
    if (this.seen.has(option)) {
      this.fail({
        _tag: 'DuplicateOperationArgument',
        span,
        keyword: this.keyword,
        argument: key === '"' ? 'the quoted text' : key,
      })
      return false
    }
    this.seen.add(option)
    return true
  }

  private readOptions(options: Options): void {
    while (!this.failed && !this.done) {
      const token = this.peek() as Token
      const key =
        token._tag === 'String'
          ? '"'
          : token._tag === 'Amount' && isRatioWord(token)
            ? `${token.amount.quantity}${token.amount.commodity}`
            : keyOf(token)
      const option = key !== undefined ? optionFor(options, key) : undefined
      if (key === undefined || option === undefined) {
        this.unexpected(token)
        return
      }
      if (!this.claim(option, key, token.span)) return
      if (token._tag === 'String') {
        this.take()
        option.text?.(token.value, token.span)
        continue
      }
      this.take()
      option.read(token)
    }
  }
}

/** `30/360` reads as the number 30 with the commodity `/360`: as a key, it is the word. */
export const isRatioWord = (token: Extract<Token, { readonly _tag: 'Amount' }>): boolean =>
  !token.bracketed && !token.amount.estimated && token.amount.commodity.startsWith('/')

export const unquote = (text: string): string => {
  const trimmed = text.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed
}

/** The tokens of a sub-line's value, read by the parser as operation arguments, located at the sub-line. */
export const subLineTokens = (
  line: Extract<Syntax.SubLine, { readonly _tag: 'KeyValue' }>,
  keyword: string,
): ReadonlyArray<Token> | undefined => {
  const parsed = parse(line.span.file, `2000-01-01 ${keyword} ${line.value}`, { operationKeywords: new Set([keyword]) })
  const node = parsed.nodes[0]
  if (parsed.errors.length > 0 || node === undefined || node._tag !== 'Operation') return undefined
  const span = { file: line.span.file, line: line.span.line, column: line.span.column, endLine: line.span.line }
  return node.args.map((token) => ({ ...token, span }))
}

// option constructors ------------------------------------------------------------------

/** An option whose value is read by `read` and stored by `set`. */
export const value = <A>(reader: Reader, read: (reader: Reader) => A | undefined, set: (value: A) => void): Option => ({
  read: () => {
    const result = read(reader)
    if (result !== undefined) set(result)
  },
})

/** A free-text option: a word or quoted string on the line, the whole value on a sub-line. */
export const text = (reader: Reader, argument: string, set: (value: string) => void): Option => ({
  read: () => {
    const result = reader.text(argument)
    if (result !== undefined) set(result)
  },
  text: (result) => set(result),
})

/** A word without a value. */
export const flag = (set: () => void): Option => ({ read: () => set() })

/** Words that set one field to one of several values (`scrap | rework`); at most one of them. */
export const choices = <A extends string>(
  reader: Reader,
  argument: string,
  values: Readonly<Record<string, A>>,
  current: () => A | undefined,
  set: (value: A) => void,
): Record<string, Option> =>
  Object.fromEntries(
    Object.entries(values).map(([word, result]) => [
      word,
      {
        read: (key: Token) => {
          if (current() !== undefined)
            reader.fail({ _tag: 'DuplicateOperationArgument', span: key.span, keyword: reader.keyword, argument })
          else set(result)
        },
      },
    ]),
  )

// -------------------------------------------------------------------------------------
// forms
// -------------------------------------------------------------------------------------

export type Form = (r: Reader) => Op.Operation | undefined

export const lotOption = (r: Reader, set: (lot: DocumentId) => void): Option => value(r, (x) => x.id('lot'), set)

export const refusalGround = (r: Reader) => r.choice('refusal ground', groundNames)
