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
import * as AccountName from '../core/AccountName.js'
import * as Commodity from '../core/Commodity.js'
import type * as Entity from '../core/Entity.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Quantity from '../core/Quantity.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import {
  type DayCount,
  documentIdFromString,
  type DocumentId,
  type InterestScheme,
  type Label,
  labelFromString,
  type LoanKind,
  type PaymentClass,
  type RefusalGround,
  refusalGrounds,
} from '../domain/Books.js'
import type * as Op from '../domain/Operation.js'
import type { FundingSource } from '../domain/Parameters.js'
import { citationsOf, type ElaborateWarning, tagsOf } from './Elaborate.js'
import { nextDay } from './Lexer.js'
import { parse } from './Parse.js'
import * as Plans from './Plans.js'
import type { Located } from './Plans.js'
import { periodOf } from './Statements.js'
import type * as Syntax from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why an operation line could not become an operation: a missing, unexpected, duplicated or invalid
 * argument, the wrong currency, an unknown entity, an account outside every entity, or an unknown
 * form.
 */
export type OperationError =
  /** A required argument is not there (`argument` says what was expected). */
  | { readonly _tag: 'MissingOperationArgument'; readonly span: SourceSpan; readonly keyword: string; readonly argument: string }
  /** A token the form has no place for. */
  | { readonly _tag: 'UnexpectedOperationArgument'; readonly span: SourceSpan; readonly keyword: string; readonly text: string }
  /** A `key value` option (or the form's free text) given twice. */
  | { readonly _tag: 'DuplicateOperationArgument'; readonly span: SourceSpan; readonly keyword: string; readonly argument: string }
  /** A token of the wrong shape or value for its place (`expected` describes the right one). */
  | { readonly _tag: 'InvalidOperationValue'; readonly span: SourceSpan; readonly keyword: string; readonly argument: string; readonly text: string; readonly expected: string }
  /** A money amount not in the books' currency (`commodity` is `''` when none was written). */
  | { readonly _tag: 'WrongCurrency'; readonly span: SourceSpan; readonly keyword: string; readonly argument: string; readonly commodity: string; readonly currency: string }
  /** A party that is not a declared entity. */
  | { readonly _tag: 'UnknownEntity'; readonly span: SourceSpan; readonly entity: string }
  /** An account that belongs to no declared entity where an entity's account is needed. */
  | { readonly _tag: 'AccountOutsideEntity'; readonly span: SourceSpan; readonly keyword: string; readonly account: string }
  /** A keyword (or `bill` action) without a known form. */
  | { readonly _tag: 'UnknownOperationForm'; readonly span: SourceSpan; readonly keyword: string; readonly form: string | null; readonly known: ReadonlyArray<string> }

/** The `_tag` of an operation error. */
export type OperationErrorTag = OperationError['_tag']

/** Every `OperationError` tag, once. */
export const operationErrorTags = [
  'MissingOperationArgument',
  'UnexpectedOperationArgument',
  'DuplicateOperationArgument',
  'InvalidOperationValue',
  'WrongCurrency',
  'UnknownEntity',
  'AccountOutsideEntity',
  'UnknownOperationForm',
] as const satisfies ReadonlyArray<OperationError['_tag']>

// Compile-time check that `operationErrorTags` names every tag of the union.
type UnlistedOperationError = Exclude<OperationError['_tag'], (typeof operationErrorTags)[number]>
const _everyOperationErrorTagListed: [UnlistedOperationError] extends [never] ? true : UnlistedOperationError = true
void _everyOperationErrorTagListed

/** What elaborating an operation line needs to know: the ledger's declarations and the books' currency. */
export interface OperationContext {
  readonly declarations: Ledger.Declarations
  readonly currency: Commodity.CommoditySymbol
}

/** Renders an operation error as a sentence (without the location), such as `pay: missing amount (an amount in RUB)`. */
export const message = (error: OperationError): string => {
  switch (error._tag) {
    case 'MissingOperationArgument':
      return `${error.keyword}: missing ${error.argument}`
    case 'UnexpectedOperationArgument':
      return `${error.keyword}: unexpected ${JSON.stringify(error.text)}`
    case 'DuplicateOperationArgument':
      return `${error.keyword}: ${error.argument} is given twice`
    case 'InvalidOperationValue':
      return `${error.keyword}: ${error.argument} ${JSON.stringify(error.text)} is not ${error.expected}`
    case 'WrongCurrency':
      return error.commodity === ''
        ? `${error.keyword}: ${error.argument} has no currency; write it in ${error.currency}`
        : `${error.keyword}: ${error.argument} is in ${error.commodity}; the books are kept in ${error.currency}`
    case 'UnknownEntity':
      return `no entity ${JSON.stringify(error.entity)} is declared (add "entity ${error.entity}")`
    case 'AccountOutsideEntity':
      return `${error.keyword}: account ${error.account} belongs to no declared entity`
    case 'UnknownOperationForm':
      return error.form === null
        ? `operation "${error.keyword}" has no journal form (known: ${error.known.join(', ')})`
        : `${error.keyword}: unknown form ${JSON.stringify(error.form)} (known: ${error.known.join(', ')})`
  }
}

// -------------------------------------------------------------------------------------
// tokens
// -------------------------------------------------------------------------------------

type Token = Syntax.ArgToken

const show = (token: Token): string => {
  switch (token._tag) {
    case 'Word':
      return token.text
    case 'String':
      return JSON.stringify(token.value).slice(1, -1)
    case 'Amount': {
      const text = `${token.amount.estimated ? '~' : ''}${token.amount.quantity}${token.amount.commodity === '' ? '' : ` ${token.amount.commodity}`}`
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
const keyOf = (token: Token | undefined): string | undefined =>
  token !== undefined && token._tag === 'Word' ? (token.text.length > 1 && token.text.endsWith(':') ? token.text.slice(0, -1) : token.text) : undefined

const estimatedPercent = /^~(-?\d+(?:\.\d+)?)%$/u

/** `8` (percent) → `0.08`, exactly. */
const fractionOfPercent = (percent: Quantity.Quantity): Quantity.Quantity => {
  const { units, scale } = Quantity.toBigInt(percent)
  return Quantity.fromBigInt(units, scale + 2)
}

const kebab = (text: string): string => text.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`)

const groundNames: ReadonlyMap<string, RefusalGround> = new Map(refusalGrounds.flatMap((ground) => [[ground, ground] as const, [kebab(ground), ground] as const]))
const paymentClassNames: ReadonlyMap<string, PaymentClass> = new Map([
  ['wages', 'wages'],
  ['budget', 'budget'],
  ['bank-loan', 'bankLoan'],
  ['bankLoan', 'bankLoan'],
  ['supplier', 'supplier'],
  ['bill', 'bill'],
  ['overhead', 'overhead'],
  ['other', 'other'],
])
const dayCountNames: ReadonlyMap<string, DayCount> = new Map([
  ['act/360', 'actual/360'],
  ['actual/360', 'actual/360'],
  ['act/365', 'actual/365'],
  ['actual/365', 'actual/365'],
  ['30/360', '30/360'],
])
const loanKindNames: ReadonlyMap<string, LoanKind> = new Map([
  ['gosbank', 'gosbankShortTerm'],
  ['short-term', 'gosbankShortTerm'],
  ['savings-bank', 'savingsBank'],
])
const fundingNames: ReadonlyMap<string, FundingSource> = new Map([
  ['wage-fund', 'wageFund'],
  ['director-fund', 'directorFund'],
  ['directors-fund', 'directorFund'],
])

// -------------------------------------------------------------------------------------
// the reader: positional arguments, then options
// -------------------------------------------------------------------------------------

/** One `key value` option: how to read its value from tokens, and (for free text) from a sub-line. */
interface Option {
  readonly read: (key: Token) => void
  readonly text?: (value: string, span: SourceSpan) => void
}

type Options = Readonly<Record<string, Option>>

/** The option named `key`: own properties only, so that `__proto__` or `toString` name no option. */
const optionFor = (options: Options, key: string): Option | undefined => (Object.hasOwn(options, key) ? options[key] : undefined)

class Reader {
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
    return this.fail({ _tag: 'InvalidOperationValue', span: token.span, keyword: this.keyword, argument, text: show(token), expected })
  }
  unexpected(token: Token): undefined {
    return this.fail({ _tag: 'UnexpectedOperationArgument', span: token.span, keyword: this.keyword, text: show(token) })
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
    return id !== undefined && E.isRight(id) ? id.right : this.invalid(token, argument, 'a document id (letters, digits, - _ . / #)')
  }

  label(argument: string): Label | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const text = token._tag === 'Word' ? token.text : token._tag === 'Amount' && !token.bracketed && token.amount.commodity === '' && !token.amount.estimated ? token.amount.quantity : undefined
    const label = text !== undefined ? labelFromString(text) : undefined
    return label !== undefined && E.isRight(label) ? label.right : this.invalid(token, argument, 'a name (letters, digits, - _ . / #)')
  }

  entity(argument: string): Entity.EntityName | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    if (token._tag !== 'Word') return this.invalid(token, argument, 'an entity')
    if (!this.context.declarations.entities.has(token.text as Entity.EntityName)) return this.fail({ _tag: 'UnknownEntity', span: token.span, entity: token.text })
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
    if (token._tag !== 'Amount' || token.bracketed) return this.invalid(token, argument, `a money amount in ${this.context.currency}`)
    if (token.amount.commodity !== this.context.currency) {
      return this.fail({ _tag: 'WrongCurrency', span: token.span, keyword: this.keyword, argument, commodity: token.amount.commodity, currency: this.context.currency })
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
    if (token.amount.commodity === '') return !token.bracketed && this.peek(1)?._tag === 'Word' && !this.keys.has(keyOf(this.peek(1)) ?? '')
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
    return token._tag === 'Amount' && !token.bracketed && token.amount.commodity === '' ? this.quantity(token, token.amount.quantity, argument) : this.invalid(token, argument, 'a number')
  }

  /** A number of units, written plain (`2`) or as goods (`2 T28`). */
  units(argument: string): Quantity.Quantity | undefined {
    if (this.atGoods()) return this.goods(argument)?.quantity
    return this.number(argument)
  }

  integer(argument: string, expected = 'a whole number'): number | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const text = token._tag === 'Amount' && !token.bracketed && token.amount.commodity === '' ? token.amount.quantity : undefined
    return text !== undefined && /^\d{1,6}$/u.test(text) ? Number(text) : this.invalid(token, argument, expected)
  }

  /** `8%`, `~8%`, `9.5%` → an annual fraction. */
  rate(argument: string): Quantity.Quantity | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    if (token._tag === 'Percent') {
      const quantity = Quantity.fromString(token.quantity)
      return E.isRight(quantity) ? fractionOfPercent(quantity.right) : this.invalid(token, argument, 'a percentage (e.g. 8%)')
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
    if (token._tag !== 'Amount' || token.bracketed || !/^\d{1,4}$/u.test(token.amount.quantity)) return this.invalid(token, argument, expected)
    let unit = token.amount.commodity
    if (unit === '' && (this.at('months', 'month', 'years', 'year') || false)) unit = (this.take() as { readonly text: string }).text
    const count = Number(token.amount.quantity)
    if (unit === '' || unit === 'm' || unit === 'months' || unit === 'month') return count
    if (unit === 'y' || unit === 'years' || unit === 'year') return count * 12
    return this.invalid(token, argument, expected)
  }

  date(argument: string): LocalDate.LocalDate | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'Date' ? (token.date as LocalDate.LocalDate) : this.invalid(token, argument, 'a date (YYYY-MM-DD)')
  }

  /** A word or a quoted string. */
  text(argument: string): string | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    return token._tag === 'String' ? token.value : token._tag === 'Word' ? token.text : this.invalid(token, argument, 'a word or a "quoted text"')
  }

  account(argument: string): AccountName.AccountName | undefined {
    const token = this.next(argument)
    if (token === undefined) return undefined
    const name = token._tag === 'Word' ? AccountName.fromString(token.text) : undefined
    return name !== undefined && E.isRight(name) ? name.right : this.invalid(token, argument, 'an account name')
  }

  /** An account of a declared entity, with that entity. */
  entityAccount(argument: string): { readonly account: AccountName.AccountName; readonly entity: Entity.EntityName } | undefined {
    const token = this.peek()
    const account = this.account(argument)
    if (account === undefined || token === undefined) return undefined
    const entity = Ledger.entityOf(this.context.declarations, account)
    return entity !== undefined ? { account, entity } : this.fail({ _tag: 'AccountOutsideEntity', span: token.span, keyword: this.keyword, account })
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
        if (line._tag !== 'SubComment') this.fail({ _tag: 'UnexpectedOperationArgument', span: line.span, keyword: this.keyword, text: line._tag === 'Raw' ? line.text : '' })
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
        this.fail({ _tag: 'InvalidOperationValue', span: line.span, keyword: this.keyword, argument: line.key, text: line.value, expected: `a value for ${line.key}` })
        continue
      }
      this.tokens = [{ _tag: 'Word', text: line.key, span: line.span }, ...tokens]
      this.index = 0
      this.readOptions(options)
    }
  }

  private claim(option: Option, key: string, span: SourceSpan): boolean {
    if (this.seen.has(option)) {
      this.fail({ _tag: 'DuplicateOperationArgument', span, keyword: this.keyword, argument: key === '"' ? 'the quoted text' : key })
      return false
    }
    this.seen.add(option)
    return true
  }

  private readOptions(options: Options): void {
    while (!this.failed && !this.done) {
      const token = this.peek() as Token
      const key = token._tag === 'String' ? '"' : token._tag === 'Amount' && isRatioWord(token) ? `${token.amount.quantity}${token.amount.commodity}` : keyOf(token)
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
const isRatioWord = (token: Extract<Token, { readonly _tag: 'Amount' }>): boolean => !token.bracketed && !token.amount.estimated && token.amount.commodity.startsWith('/')

const unquote = (text: string): string => {
  const trimmed = text.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed
}

/** The tokens of a sub-line's value, read by the parser as operation arguments, located at the sub-line. */
const subLineTokens = (line: Extract<Syntax.SubLine, { readonly _tag: 'KeyValue' }>, keyword: string): ReadonlyArray<Token> | undefined => {
  const parsed = parse(line.span.file, `2000-01-01 ${keyword} ${line.value}`, { operationKeywords: new Set([keyword]) })
  const node = parsed.nodes[0]
  if (parsed.errors.length > 0 || node === undefined || node._tag !== 'Operation') return undefined
  const span = { file: line.span.file, line: line.span.line, column: line.span.column, endLine: line.span.line }
  return node.args.map((token) => ({ ...token, span }))
}

// option constructors ------------------------------------------------------------------

/** An option whose value is read by `read` and stored by `set`. */
const value = <A>(reader: Reader, read: (reader: Reader) => A | undefined, set: (value: A) => void): Option => ({
  read: () => {
    const result = read(reader)
    if (result !== undefined) set(result)
  },
})

/** A free-text option: a word or quoted string on the line, the whole value on a sub-line. */
const text = (reader: Reader, argument: string, set: (value: string) => void): Option => ({
  read: () => {
    const result = reader.text(argument)
    if (result !== undefined) set(result)
  },
  text: (result) => set(result),
})

/** A word without a value. */
const flag = (set: () => void): Option => ({ read: () => set() })

/** Words that set one field to one of several values (`scrap | rework`); at most one of them. */
const choices = <A extends string>(reader: Reader, argument: string, values: Readonly<Record<string, A>>, current: () => A | undefined, set: (value: A) => void): Record<string, Option> =>
  Object.fromEntries(
    Object.entries(values).map(([word, result]) => [
      word,
      {
        read: (key: Token) => {
          if (current() !== undefined) reader.fail({ _tag: 'DuplicateOperationArgument', span: key.span, keyword: reader.keyword, argument })
          else set(result)
        },
      },
    ]),
  )

// -------------------------------------------------------------------------------------
// forms
// -------------------------------------------------------------------------------------

type Form = (r: Reader) => Op.Operation | undefined

const lotOption = (r: Reader, set: (lot: DocumentId) => void): Option => value(r, (x) => x.id('lot'), set)

/** What a payment demand bills: goods (the default) or services (repair, rework: nothing to ship). */
const billsNames = new Map([
  ['goods', 'goods' as const],
  ['services', 'services' as const],
])

const refusalGround = (r: Reader) => r.choice('refusal ground', groundNames)

/** `plan|norm|limit PERIOD ENTITY CATEGORY AMOUNT [UNITS]`: a dated revision of a plan line. */
const planForm =
  (keyword: Syntax.PlanKeyword): Form =>
  (r) => {
    const periodToken = r.peek()
    let period: Syntax.PeriodSyntax | undefined
    if (periodToken === undefined) return r.missing('period (1936, 1936-Q2, 1936-03, DATE..DATE)')
    if (periodToken._tag === 'Period') period = periodToken.period
    else if (periodToken._tag === 'Date') period = { kind: 'date', start: periodToken.date, endExclusive: periodToken.date, span: periodToken.span }
    else if (periodToken._tag === 'Amount' && !periodToken.bracketed && periodToken.amount.commodity === '' && /^\d{4}$/u.test(periodToken.amount.quantity)) {
      const year = periodToken.amount.quantity
      period = { kind: 'year', start: `${year}-01-01`, endExclusive: `${Number(year) + 1}-01-01`, span: periodToken.span }
    }
    if (period === undefined) return r.invalid(periodToken, 'period', 'a period (1936, 1936-Q2, 1936-03, DATE..DATE)')
    r.take()
    if (period.kind === 'date') period = { ...period, endExclusive: nextDay(period.start) }
    const entity = r.entity('entity')
    const category = r.word('category (e.g. wage-fund:ITR, output:T28, working-capital, credit:gosbank)')
    if (entity === undefined || category === undefined) return undefined
    const amounts: Array<{ readonly amount: Syntax.AmountSyntax; readonly bracketed: boolean; readonly token: Token }> = []
    while (!r.failed && !r.done) {
      const token = r.take() as Token
      if (token._tag !== 'Amount' || amounts.length === 2) return r.unexpected(token)
      if (!token.bracketed && token.amount.commodity === '') return r.invalid(token, 'amount', 'a money amount or a goods quantity')
      // Unbracketed, only the currency or the category's own commodity (`output:T28  25 T28`) is allowed.
      if (!token.bracketed && !category.endsWith(`:${token.amount.commodity}`) && r.moneyOf(token, 'amount') === undefined) return undefined
      if (token.amount.estimated) r.estimated = true
      amounts.push({ amount: token.amount, bracketed: token.bracketed, token })
    }
    if (amounts.length === 0) return r.missing(`amount (money in ${r.context.currency} and/or [units])`)
    const money = amounts.filter((item) => !item.bracketed && item.amount.commodity === r.context.currency)
    const second = money.length === 2 ? money[1] : amounts.length === 2 && money.length === 0 ? amounts[1] : undefined
    if (second !== undefined) return r.fail({ _tag: 'DuplicateOperationArgument', span: second.token.span, keyword: r.keyword, argument: 'amount' })
    const planErrors: Plans.PlanError[] = []
    const nodes: Syntax.PlanDirective[] = amounts.map((item) => ({
      _tag: 'PlanDirective',
      span: r.syntax.span,
      comment: null,
      subLines: [],
      keyword,
      period: period as Syntax.PeriodSyntax,
      entity,
      category,
      amount: item.amount,
      bracketed: item.bracketed,
    }))
    const located = Plans.setPlans(nodes, new Set(r.context.declarations.entities.keys()), planErrors, [])
    const planError = planErrors[0]
    if (planError !== undefined) {
      if (planError._tag === 'UnknownEntity') return r.fail({ _tag: 'UnknownEntity', span: r.syntax.span, entity: planError.entity })
      return r.fail({ _tag: 'InvalidOperationValue', span: r.syntax.span, keyword: r.keyword, argument: 'category', text: category, expected: Plans.message(planError) })
    }
    const operation = located[0]?.operation
    if (operation === undefined || operation._tag !== 'SetPlan' || located.length !== 1) return r.fail({ _tag: 'DuplicateOperationArgument', span: r.syntax.span, keyword: r.keyword, argument: 'amount' })
    return { ...operation, date: r.on }
  }

const forms: Readonly<Record<string, Form>> = {
  plan: planForm('plan'),
  norm: planForm('norm'),
  limit: planForm('limit'),

  /** `count ID ACCOUNT GOODS [@ UNIT-VALUE]` */
  count: (r) => {
    const id = r.id('count id')
    const account = r.entityAccount('account')
    const counted = r.goods('counted quantity')
    let unitValue: Quantity.Quantity = Quantity.zero
    if (!r.failed && r.peek()?._tag === 'At') {
      r.take()
      const money = r.money('unit value')
      if (money === undefined) return undefined
      unitValue = money
    }
    r.options({})
    if (r.failed || id === undefined || account === undefined || counted === undefined) return undefined
    return { _tag: 'PhysicalCount', date: r.on, id, entity: account.entity, account: account.account, commodity: counted.commodity, counted: counted.quantity, unitValue }
  },

  /** `receive ENTITY GOODS cost MONEY [from SUPPLIER]` */
  receive: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let supplier: string | undefined
    r.options({ cost: value(r, (x) => x.money('cost'), (v) => (cost = v)), from: text(r, 'supplier', (v) => (supplier = v)) })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return { _tag: 'ReceiveMaterials', date: r.on, entity, goods, cost, ...(supplier !== undefined ? { supplier } : {}) }
  },

  /** `launch ENTITY GOODS [lot LOT] [contract CONTRACT]` */
  launch: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let lot: DocumentId | undefined
    let contract: DocumentId | undefined
    r.options({ lot: lotOption(r, (v) => (lot = v)), contract: value(r, (x) => x.id('contract'), (v) => (contract = v)) })
    if (r.failed || entity === undefined || goods === undefined) return undefined
    return { _tag: 'LaunchWip', date: r.on, entity, goods, ...(lot !== undefined ? { lot } : {}), ...(contract !== undefined ? { contract } : {}) }
  },

  /** `issue ENTITY GOODS cost MONEY [lot LOT]` */
  issue: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    r.options({ cost: value(r, (x) => x.money('cost'), (v) => (cost = v)), lot: lotOption(r, (v) => (lot = v)) })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return { _tag: 'IssueMaterials', date: r.on, entity, goods, cost, ...(lot !== undefined ? { lot } : {}) }
  },

  /** `wages ENTITY STAFF-CATEGORY MONEY [charge wip|overhead|wages] [lot LOT]` */
  wages: (r) => {
    const entity = r.entity('entity')
    const staffCategory = r.label('staff category')
    const amount = r.money('amount')
    let chargeTo: Op.AccrueWages['chargeTo'] | undefined
    let lot: DocumentId | undefined
    r.options({
      charge: value(r, (x) => x.choice('charge', new Map([['wip', 'wip' as const], ['overhead', 'overhead' as const], ['wages', 'wages' as const]])), (v) => (chargeTo = v)),
      lot: lotOption(r, (v) => (lot = v)),
    })
    if (r.failed || entity === undefined || staffCategory === undefined || amount === undefined) return undefined
    return { _tag: 'AccrueWages', date: r.on, entity, staffCategory, amount, chargeTo: chargeTo ?? (lot !== undefined ? 'wip' : 'wages'), ...(lot !== undefined ? { lot } : {}) }
  },

  /** `bonus ID ENTITY STAFF-CATEGORY MONEY from wage-fund|director-fund approved-by TEXT "BASIS" [saving PERCENT] [decree NUMBER DATE]` */
  bonus: (r) => {
    const id = r.id('bonus id')
    const entity = r.entity('entity')
    const staffCategory = r.label('staff category')
    const amount = r.money('amount')
    let fundingSource: FundingSource | undefined
    let approvedBy: string | undefined
    let basis: string | undefined
    let claimedSaving: Quantity.Quantity | undefined
    let decree: { readonly number: string; readonly date: LocalDate.LocalDate } | undefined
    const basisOption = text(r, 'basis', (v) => (basis = v))
    r.options({
      from: value(r, (x) => x.choice('funding source', fundingNames), (v) => (fundingSource = v)),
      'approved-by': text(r, 'approver', (v) => (approvedBy = v)),
      basis: basisOption,
      '"': basisOption,
      saving: value(r, (x) => x.rate('claimed saving'), (v) => (claimedSaving = v)),
      decree: value(
        r,
        (x) => {
          const number = x.label('decree number')
          const date = x.date('decree date')
          return number !== undefined && date !== undefined ? { number: number as string, date } : undefined
        },
        (v) => (decree = v),
      ),
    })
    r.need(fundingSource, 'from wage-fund|director-fund')
    r.need(approvedBy, 'approved-by APPROVER')
    r.need(basis, 'basis "…" (what the bonus was paid for)')
    if (r.failed || id === undefined || entity === undefined || staffCategory === undefined || amount === undefined || fundingSource === undefined || approvedBy === undefined || basis === undefined)
      return undefined
    return {
      _tag: 'AccrueBonus',
      date: r.on,
      id,
      entity,
      amount,
      staffCategory,
      basis: { description: basis, ...(claimedSaving !== undefined ? { claimedSaving } : {}) },
      fundingSource,
      approvedBy,
      ...(decree !== undefined ? { decree } : {}),
    }
  },

  /** `pay-wages ENTITY MONEY` */
  'pay-wages': (r) => {
    const entity = r.entity('entity')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || entity === undefined || amount === undefined) return undefined
    return { _tag: 'PayWages', date: r.on, entity, amount }
  },

  /** `complete ENTITY GOODS cost MONEY [lot LOT] [consumed GOODS…]` */
  complete: (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    let consumed: ReadonlyArray<Op.Goods> | undefined
    r.options({
      cost: value(r, (x) => x.money('cost'), (v) => (cost = v)),
      lot: lotOption(r, (v) => (lot = v)),
      consumed: value(
        r,
        (x) => {
          const list: Op.Goods[] = []
          do {
            const item = x.goods('consumed')
            if (item === undefined) return undefined
            list.push(item)
          } while (x.atGoods())
          return list
        },
        (v) => (consumed = v),
      ),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || entity === undefined || goods === undefined || cost === undefined) return undefined
    return { _tag: 'CompleteWip', date: r.on, entity, goods, cost, ...(lot !== undefined ? { lot } : {}), ...(consumed !== undefined ? { consumed } : {}) }
  },

  /** `otk-reject ENTITY GOODS cost MONEY scrap|rework [lot LOT]` */
  'otk-reject': (r) => {
    const entity = r.entity('entity')
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    let disposition: Op.OtkReject['disposition'] | undefined
    r.options({
      cost: value(r, (x) => x.money('cost'), (v) => (cost = v)),
      lot: lotOption(r, (v) => (lot = v)),
      ...choices(r, 'disposition', { scrap: 'scrap', rework: 'rework' }, () => disposition, (v) => (disposition = v)),
    })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    r.need(disposition, 'scrap or rework')
    if (r.failed || entity === undefined || goods === undefined || cost === undefined || disposition === undefined) return undefined
    return { _tag: 'OtkReject', date: r.on, entity, goods, cost, disposition, ...(lot !== undefined ? { lot } : {}) }
  },

  /** `ship ID SELLER [-> BUYER] GOODS cost MONEY [lot LOT]` */
  ship: (r) => {
    const id = r.id('shipment id')
    const entity = r.entity('seller')
    let buyer: Entity.EntityName | undefined
    if (!r.failed && r.peek()?._tag === 'Arrow') {
      r.take()
      buyer = r.entity('buyer')
    }
    const goods = r.goods('goods')
    let cost: Quantity.Quantity | undefined
    let lot: DocumentId | undefined
    r.options({ cost: value(r, (x) => x.money('cost'), (v) => (cost = v)), lot: lotOption(r, (v) => (lot = v)) })
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || id === undefined || entity === undefined || goods === undefined || cost === undefined) return undefined
    return { _tag: 'Ship', date: r.on, id, entity, goods, cost, ...(buyer !== undefined ? { buyer } : {}), ...(lot !== undefined ? { lot } : {}) }
  },

  /** `demand ID SELLER -> BUYER (GOODS @ PRICE [MONEY] | MONEY [GOODS]) [shipments S…] [lot LOT] [contract C]` */
  demand: (r) => {
    const id = r.id('demand id')
    const parties = r.parties('seller', 'buyer')
    let units: Op.Goods | undefined
    let unitPrice: Quantity.Quantity | undefined
    let amount: Quantity.Quantity | undefined
    if (!r.failed && r.atGoods()) {
      units = r.goods('units')
      if (!r.failed && r.peek()?._tag === 'At') {
        r.take()
        unitPrice = r.money('unit price')
      }
      if (!r.failed && r.peek()?._tag === 'Amount') amount = r.money('amount')
    } else if (!r.failed) {
      amount = r.money('amount (or GOODS @ PRICE)')
      if (!r.failed && r.atGoods()) units = r.goods('units')
    }
    let shipments: ReadonlyArray<DocumentId> | undefined
    let lot: DocumentId | undefined
    let contract: DocumentId | undefined
    let bills: 'goods' | 'services' | undefined
    const shipmentsOption = value(r, (x) => x.list('shipment ids', (y) => y.id('shipment id')), (v: ReadonlyArray<DocumentId>) => (shipments = v))
    r.options({
      shipments: shipmentsOption,
      shipment: shipmentsOption,
      lot: lotOption(r, (v) => (lot = v)),
      contract: value(r, (x) => x.id('contract'), (v) => (contract = v)),
      for: value(r, (x) => x.choice('what the demand bills (goods or services)', billsNames), (v) => (bills = v)),
    })
    if (amount === undefined && units !== undefined && unitPrice !== undefined) amount = Quantity.multiply(units.quantity, unitPrice)
    r.need(amount, `amount (an amount in ${r.context.currency}, or GOODS @ PRICE)`)
    if (r.failed || id === undefined || parties === undefined || amount === undefined) return undefined
    return {
      _tag: 'PresentDemand',
      date: r.on,
      id,
      seller: parties[0],
      buyer: parties[1],
      amount,
      ...(units !== undefined ? { units } : {}),
      ...(unitPrice !== undefined ? { unitPrice } : {}),
      ...(shipments !== undefined ? { shipments } : {}),
      ...(lot !== undefined ? { lot } : {}),
      ...(contract !== undefined ? { contract } : {}),
      ...(bills === 'services' ? { bills } : {}),
    }
  },

  /** `credit-documents DEMAND BANK MONEY` */
  'credit-documents': (r) => {
    const demand = r.id('demand id')
    const bank = r.entity('bank')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || demand === undefined || bank === undefined || amount === undefined) return undefined
    return { _tag: 'CreditOnDocuments', date: r.on, demand, bank, amount }
  },

  /** `accept DEMAND [full]` | `accept DEMAND partial MONEY [GOODS] [refuse MONEY] ground GROUND ["TEXT"]` */
  accept: (r) => {
    const demand = r.id('demand id')
    if (r.failed || demand === undefined) return undefined
    if (r.done || r.at('full')) {
      if (!r.done) r.take()
      r.options({})
      return r.failed ? undefined : { _tag: 'AcceptDemand', date: r.on, demand, acceptance: { _tag: 'Full' } }
    }
    if (!r.at('partial')) {
      const token = r.peek() as Token
      return r.invalid(token, 'acceptance', '"full" or "partial"')
    }
    r.take()
    const accepted = r.money('accepted amount')
    const acceptedUnits = !r.failed && r.atGoods() ? r.goods('accepted units')?.quantity : undefined
    let refused: Quantity.Quantity | undefined
    let ground: RefusalGround | undefined
    let reason = ''
    const reasonOption = text(r, 'refusal text', (v) => (reason = v))
    r.options({
      refuse: value(r, (x) => x.money('refused amount'), (v) => (refused = v)),
      ground: value(r, refusalGround, (v) => (ground = v)),
      '"': reasonOption,
      reason: reasonOption,
    })
    r.need(ground, `ground GROUND (${[...groundNames.keys()].filter((name) => name === kebab(name)).join(', ')})`)
    if (r.failed || accepted === undefined || ground === undefined) return undefined
    return {
      _tag: 'AcceptDemand',
      date: r.on,
      demand,
      acceptance: { _tag: 'Partial', accepted, refusal: { ground, text: reason }, ...(acceptedUnits !== undefined ? { acceptedUnits } : {}), ...(refused !== undefined ? { refused } : {}) },
    }
  },

  /** `refuse DEMAND ground GROUND ["TEXT"]` */
  refuse: (r) => {
    const demand = r.id('demand id')
    let ground: RefusalGround | undefined
    let reason = ''
    const reasonOption = text(r, 'refusal text', (v) => (reason = v))
    r.options({ ground: value(r, refusalGround, (v) => (ground = v)), '"': reasonOption, reason: reasonOption })
    r.need(ground, `ground GROUND (${[...groundNames.keys()].filter((name) => name === kebab(name)).join(', ')})`)
    if (r.failed || demand === undefined || ground === undefined) return undefined
    return { _tag: 'RefuseDemand', date: r.on, demand, refusal: { ground, text: reason } }
  },

  /** `lapse DEMAND` */
  lapse: (r) => {
    const demand = r.id('demand id')
    r.options({})
    if (r.failed || demand === undefined) return undefined
    return { _tag: 'LapseAcceptance', date: r.on, demand }
  },

  /** `pay DEMAND MONEY` */
  pay: (r) => {
    const demand = r.id('demand id')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || demand === undefined || amount === undefined) return undefined
    return { _tag: 'PayDemand', date: r.on, demand, amount }
  },

  /** `reverse DEMAND [return-goods]` */
  reverse: (r) => {
    const demand = r.id('demand id')
    let returnGoods = false
    r.options({ 'return-goods': flag(() => (returnGoods = true)) })
    if (r.failed || demand === undefined) return undefined
    return { _tag: 'ReverseRemainder', date: r.on, demand, ...(returnGoods ? { returnGoods } : {}) }
  },

  /** `divert DEMAND bill ID -> PAYEE maturity DATE` | `divert DEMAND cheque ID -> PAYEE` */
  divert: (r) => {
    const demand = r.id('demand id')
    const instrument = r.choice(
      'instrument',
      new Map([
        ['bill', 'bill' as const],
        ['cheque', 'cheque' as const],
      ]),
    )
    const instrumentId = r.id(`${instrument ?? 'instrument'} id`)
    if (!r.failed) r.arrow()
    const payee = r.entity('payee')
    let maturity: LocalDate.LocalDate | undefined
    r.options(instrument === 'bill' ? { maturity: value(r, (x) => x.date('maturity'), (v) => (maturity = v)) } : {})
    if (instrument === 'bill') r.need(maturity, 'maturity DATE')
    if (r.failed || demand === undefined || instrument === undefined || instrumentId === undefined || payee === undefined) return undefined
    return { _tag: 'DivertRemainder', date: r.on, demand, instrument, instrumentId, payee, ...(maturity !== undefined ? { maturity } : {}) }
  },

  /** `provisional-accept ID SELLER -> BUYER GOODS lot LOT cost MONEY [serials S…]` */
  'provisional-accept': (r) => {
    const id = r.id('certificate id')
    const parties = r.parties('seller', 'buyer')
    const goods = r.goods('goods')
    let lot: DocumentId | undefined
    let cost: Quantity.Quantity | undefined
    let serials: ReadonlyArray<Label> | undefined
    r.options({
      lot: lotOption(r, (v) => (lot = v)),
      cost: value(r, (x) => x.money('cost'), (v) => (cost = v)),
      serials: value(r, (x) => x.list('serial numbers', (y) => y.label('serial number')), (v: ReadonlyArray<Label>) => (serials = v)),
    })
    r.need(lot, 'lot LOT')
    r.need(cost, `cost (an amount in ${r.context.currency})`)
    if (r.failed || id === undefined || parties === undefined || goods === undefined || lot === undefined || cost === undefined) return undefined
    return { _tag: 'ProvisionalAcceptance', date: r.on, id, seller: parties[0], buyer: parties[1], lot, goods, cost, ...(serials !== undefined ? { serials } : {}) }
  },

  /** `final-accept ID SELLER -> BUYER GOODS lot LOT cost MONEY [rework-cost MONEY] [serials S…]` */
  'final-accept': (r) => finalForm(r, 'accepted'),

  /** `final-reject ID SELLER -> BUYER GOODS lot LOT cost MONEY [serials S…]` */
  'final-reject': (r) => finalForm(r, 'rejected'),

  /** `claim ID BUYER -> SELLER [GOODS|UNITS] [lot LOT] [serials S…] inner|remote "DEFECT"` */
  claim: (r) => {
    const id = r.id('claim id')
    const parties = r.parties('buyer', 'seller')
    const units = !r.failed && !r.done && r.peek()?._tag === 'Amount' ? r.units('units') : undefined
    let lot: DocumentId | undefined
    let serials: ReadonlyArray<Label> | undefined
    let district: 'inner' | 'remote' | undefined
    let defect: string | undefined
    const defectOption = text(r, 'defect', (v) => (defect = v))
    r.options({
      lot: lotOption(r, (v) => (lot = v)),
      serials: value(r, (x) => x.list('serial numbers', (y) => y.label('serial number')), (v: ReadonlyArray<Label>) => (serials = v)),
      ...choices(r, 'district', { inner: 'inner', remote: 'remote' }, () => district, (v) => (district = v)),
      defect: defectOption,
      '"': defectOption,
    })
    r.need(district, 'inner or remote (the military district)')
    r.need(defect, '"DEFECT" (what is wrong)')
    if (r.failed || id === undefined || parties === undefined || district === undefined || defect === undefined) return undefined
    return {
      _tag: 'RecordClaim',
      date: r.on,
      id,
      buyer: parties[0],
      seller: parties[1],
      defect,
      district,
      ...(lot !== undefined ? { lot } : {}),
      ...(units !== undefined ? { units } : {}),
      ...(serials !== undefined ? { serials } : {}),
    }
  },

  /** `answer CLAIM` */
  answer: (r) => {
    const claim = r.id('claim id')
    r.options({})
    if (r.failed || claim === undefined) return undefined
    return { _tag: 'AnswerClaim', date: r.on, claim }
  },

  /** `rework ID ENTITY wages MONEY [materials GOODS MONEY] [claim CLAIM] [lot LOT] [closes]` */
  rework: (r) => {
    const id = r.id('rework id')
    const entity = r.entity('entity')
    let wages: Quantity.Quantity | undefined
    let materials: { readonly goods: Op.Goods; readonly cost: Quantity.Quantity } | undefined
    let claim: DocumentId | undefined
    let lot: DocumentId | undefined
    let closesClaim = false
    r.options({
      wages: value(r, (x) => x.money('wages'), (v) => (wages = v)),
      materials: value(
        r,
        (x) => {
          const goods = x.goods('materials')
          const cost = x.money('materials cost')
          return goods !== undefined && cost !== undefined ? { goods, cost } : undefined
        },
        (v) => (materials = v),
      ),
      claim: value(r, (x) => x.id('claim'), (v) => (claim = v)),
      lot: lotOption(r, (v) => (lot = v)),
      closes: flag(() => (closesClaim = true)),
    })
    if (r.failed || id === undefined || entity === undefined) return undefined
    if (wages === undefined && materials === undefined) return r.missing(`wages MONEY or materials GOODS MONEY`)
    return {
      _tag: 'Rework',
      date: r.on,
      id,
      entity,
      wages: wages ?? Quantity.zero,
      ...(claim !== undefined ? { claim } : {}),
      ...(lot !== undefined ? { lot } : {}),
      ...(materials !== undefined ? { materials } : {}),
      ...(closesClaim ? { closesClaim } : {}),
    }
  },

  /** `contract ID SELLER -> BUYER [UNITS] COMMODITY @ PRICE planned-cost MONEY ["DESCRIPTION"]` */
  contract: (r) => {
    const id = r.id('contract id')
    const parties = r.parties('seller', 'buyer')
    let commodity: Commodity.CommoditySymbol | undefined
    let units: Quantity.Quantity | undefined
    if (!r.failed && r.atGoods()) {
      const goods = r.goods('units')
      commodity = goods?.commodity
      units = goods?.quantity
    } else if (!r.failed && r.peek()?._tag === 'Word') {
      const token = r.take() as Extract<Token, { readonly _tag: 'Word' }>
      const symbol = Commodity.symbolFromString(token.text)
      if (E.isLeft(symbol) || token.text === r.context.currency) return r.invalid(token, 'commodity', 'a goods commodity')
      commodity = symbol.right
    }
    let unitPrice: Quantity.Quantity | undefined
    if (!r.failed && r.peek()?._tag === 'At') {
      r.take()
      unitPrice = r.money('unit price')
    }
    const spec = specification(r)
    r.need(unitPrice, `@ UNIT-PRICE (an amount in ${r.context.currency})`)
    r.need(spec.plannedCost(), 'planned-cost MONEY')
    const plannedCost = spec.plannedCost()
    if (r.failed || id === undefined || parties === undefined || unitPrice === undefined || plannedCost === undefined) return undefined
    return {
      _tag: 'SignContract',
      date: r.on,
      id,
      seller: parties[0],
      buyer: parties[1],
      unitPrice,
      plannedCost,
      description: spec.description(),
      ...(commodity !== undefined ? { commodity } : {}),
      ...(units !== undefined ? { units } : {}),
    }
  },

  /** `revise CONTRACT @ PRICE planned-cost MONEY [units N] ["DESCRIPTION"]` */
  revise: (r) => {
    const contract = r.id('contract id')
    let unitPrice: Quantity.Quantity | undefined
    if (!r.failed) {
      const at = r.peek()
      if (at === undefined) return r.missing(`@ UNIT-PRICE (an amount in ${r.context.currency})`)
      if (at._tag !== 'At') return r.invalid(at, 'unit price', `@ UNIT-PRICE (an amount in ${r.context.currency})`)
      r.take()
      unitPrice = r.money('unit price')
    }
    let units: Quantity.Quantity | undefined
    const spec = specification(r, { units: value(r, (x) => x.units('units'), (v) => (units = v)) })
    r.need(spec.plannedCost(), 'planned-cost MONEY')
    const plannedCost = spec.plannedCost()
    if (r.failed || contract === undefined || unitPrice === undefined || plannedCost === undefined) return undefined
    return { _tag: 'ReviseSpecification', date: r.on, contract, unitPrice, plannedCost, description: spec.description(), ...(units !== undefined ? { units } : {}) }
  },

  /** `loan ID LENDER -> BORROWER MONEY rate R% term T [simple|annuity] [act/360|act/365|30/360] [kind gosbank|savings-bank] [purpose TEXT] [collateral] [lot L…] [contract C…]` */
  loan: (r) => {
    const id = r.id('loan id')
    const parties = r.parties('lender', 'borrower')
    const principal = r.money('principal')
    let loanKind: LoanKind | undefined
    const terms = loanTerms(r, { kind: value(r, (x) => x.choice('kind', loanKindNames), (v) => (loanKind = v)) })
    if (r.failed || id === undefined || parties === undefined || principal === undefined) return undefined
    const complete = terms.complete()
    if (complete === undefined) return undefined
    return {
      _tag: 'DrawLoan',
      date: r.on,
      id,
      lender: parties[0],
      borrower: parties[1],
      loanKind: loanKind ?? 'gosbankShortTerm',
      purpose: terms.purpose ?? '',
      collateral: terms.collateral ?? { lots: [], contracts: [] },
      principal,
      ...complete,
    }
  },

  /** `interest LOAN` */
  interest: (r) => {
    const loan = r.id('loan id')
    r.options({})
    if (r.failed || loan === undefined) return undefined
    return { _tag: 'AccrueInterest', date: r.on, loan }
  },

  /** `repay LOAN [principal MONEY] [interest MONEY]` */
  repay: (r) => {
    const loan = r.id('loan id')
    let principal: Quantity.Quantity | undefined
    let interest: Quantity.Quantity | undefined
    r.options({ principal: value(r, (x) => x.money('principal'), (v) => (principal = v)), interest: value(r, (x) => x.money('interest'), (v) => (interest = v)) })
    if (r.failed || loan === undefined) return undefined
    if (principal === undefined && interest === undefined) return r.missing(`principal MONEY and/or interest MONEY`)
    return { _tag: 'RepayLoan', date: r.on, loan, principal: principal ?? Quantity.zero, interest: interest ?? Quantity.zero }
  },

  /** `refinance LOAN as NEW-LOAN MONEY rate R% term T [simple|annuity] [act/360…] [purpose TEXT] [lot L…] [contract C…]` */
  refinance: (r) => {
    const loan = r.id('loan id')
    if (!r.failed && !r.at('as')) return r.done ? r.missing('as NEW-LOAN') : r.invalid(r.peek() as Token, 'new loan', '"as NEW-LOAN"')
    r.take()
    const newLoan = r.id('new loan id')
    const principal = r.money('principal')
    const terms = loanTerms(r, {})
    if (r.failed || loan === undefined || newLoan === undefined || principal === undefined) return undefined
    const complete = terms.complete()
    if (complete === undefined) return undefined
    return {
      _tag: 'RefinanceLoan',
      date: r.on,
      loan,
      newLoan,
      principal,
      ...complete,
      ...(terms.purpose !== undefined ? { purpose: terms.purpose } : {}),
      ...(terms.collateral !== undefined ? { collateral: terms.collateral } : {}),
    }
  },

  /** `bill ID draw|accept|endorse|discount|redeem|protest …` */
  bill: (r) => {
    const bill = r.id('bill id')
    if (r.failed || bill === undefined) return undefined
    const actionToken = r.peek()
    if (actionToken === undefined) return r.missing(`action (${Object.keys(billForms).join(', ')})`)
    const action = keyOf(actionToken)
    const form = action !== undefined && Object.hasOwn(billForms, action) ? billForms[action] : undefined
    if (form === undefined) return r.fail({ _tag: 'UnknownOperationForm', span: actionToken.span, keyword: r.keyword, form: show(actionToken), known: Object.keys(billForms) })
    r.take()
    return form(r, bill)
  },

  /** `freeze ENTITY [account ACCOUNT] [permit CLASS…] [by "AUTHORITY"]` */
  freeze: (r) => {
    const entity = r.entity('entity')
    let account: AccountName.AccountName | undefined
    let permitted: ReadonlyArray<PaymentClass> = []
    let authority = ''
    const authorityOption = text(r, 'authority', (v) => (authority = v))
    r.options({
      account: value(r, (x) => x.account('account'), (v) => (account = v)),
      permit: value(r, (x) => x.list('payment classes', (y) => y.choice('payment class', paymentClassNames)), (v: ReadonlyArray<PaymentClass>) => (permitted = v)),
      by: authorityOption,
      '"': authorityOption,
    })
    if (r.failed || entity === undefined) return undefined
    return { _tag: 'FreezeAccount', date: r.on, entity, permitted, authority, ...(account !== undefined ? { account } : {}) }
  },

  /** `unfreeze ENTITY [account ACCOUNT] [by "AUTHORITY"]` */
  unfreeze: (r) => {
    const entity = r.entity('entity')
    let account: AccountName.AccountName | undefined
    let authority = ''
    const authorityOption = text(r, 'authority', (v) => (authority = v))
    r.options({ account: value(r, (x) => x.account('account'), (v) => (account = v)), by: authorityOption, '"': authorityOption })
    if (r.failed || entity === undefined) return undefined
    return { _tag: 'UnfreezeAccount', date: r.on, entity, authority, ...(account !== undefined ? { account } : {}) }
  },
}

const finalForm = (r: Reader, outcome: 'accepted' | 'rejected'): Op.Operation | undefined => {
  const id = r.id('certificate id')
  const parties = r.parties('seller', 'buyer')
  const goods = r.goods('goods')
  let lot: DocumentId | undefined
  let cost: Quantity.Quantity | undefined
  let reworkCost: Quantity.Quantity | undefined
  let serials: ReadonlyArray<Label> | undefined
  r.options({
    lot: lotOption(r, (v) => (lot = v)),
    cost: value(r, (x) => x.money('cost'), (v) => (cost = v)),
    serials: value(r, (x) => x.list('serial numbers', (y) => y.label('serial number')), (v: ReadonlyArray<Label>) => (serials = v)),
    ...(outcome === 'accepted' ? { 'rework-cost': value(r, (x) => x.money('rework cost'), (v) => (reworkCost = v)) } : {}),
  })
  r.need(lot, 'lot LOT')
  r.need(cost, `cost (an amount in ${r.context.currency})`)
  if (r.failed || id === undefined || parties === undefined || goods === undefined || lot === undefined || cost === undefined) return undefined
  return {
    _tag: 'FinalAcceptance',
    date: r.on,
    id,
    seller: parties[0],
    buyer: parties[1],
    lot,
    goods,
    cost,
    outcome,
    ...(serials !== undefined ? { serials } : {}),
    ...(reworkCost !== undefined ? { reworkCost } : {}),
  }
}

/** The options of a contract version: `planned-cost MONEY`, a quoted description. */
const specification = (r: Reader, extra: Options = {}) => {
  let plannedCost: Quantity.Quantity | undefined
  let description = ''
  const descriptionOption = text(r, 'description', (v) => (description = v))
  r.options({ 'planned-cost': value(r, (x) => x.money('planned cost'), (v) => (plannedCost = v)), description: descriptionOption, '"': descriptionOption, ...extra })
  return { plannedCost: () => plannedCost, description: () => description }
}

/** The terms of a loan: rate, term, scheme, day count, purpose, collateral. */
const loanTerms = (r: Reader, extra: Options) => {
  let rate: Quantity.Quantity | undefined
  let termMonths: number | undefined
  let scheme: InterestScheme | undefined
  let dayCount: DayCount | undefined
  let purpose: string | undefined
  let lots: ReadonlyArray<DocumentId> | undefined
  let contracts: ReadonlyArray<DocumentId> | undefined
  const ids = (argument: string) => (x: Reader) => x.list(`${argument} ids`, (y) => y.id(`${argument} id`))
  const lotsOption = value(r, ids('lot'), (v: ReadonlyArray<DocumentId>) => (lots = v))
  const contractsOption = value(r, ids('contract'), (v: ReadonlyArray<DocumentId>) => (contracts = v))
  r.options({
    rate: value(r, (x) => x.rate('rate'), (v) => (rate = v)),
    term: value(r, (x) => x.term('term'), (v) => (termMonths = v)),
    ...choices(r, 'interest scheme', { simple: 'simple', annuity: 'annuity' }, () => scheme, (v) => (scheme = v)),
    ...choices(r, 'day count', Object.fromEntries(dayCountNames), () => dayCount, (v) => (dayCount = v)),
    'day-count': value(r, (x) => x.choice('day count', dayCountNames), (v) => (dayCount = v)),
    purpose: text(r, 'purpose', (v) => (purpose = v)),
    collateral: flag(() => undefined),
    lot: lotsOption,
    lots: lotsOption,
    contract: contractsOption,
    contracts: contractsOption,
    ...extra,
  })
  return {
    get purpose() {
      return purpose
    },
    get collateral() {
      return lots === undefined && contracts === undefined ? undefined : { lots: lots ?? [], contracts: contracts ?? [] }
    },
    complete: () => {
      r.need(rate, 'rate PERCENT (e.g. rate 6%)')
      r.need(termMonths, 'term (e.g. term 6m, term 10y)')
      if (r.failed || rate === undefined || termMonths === undefined) return undefined
      return { rate, termMonths, scheme: scheme ?? ('simple' as const), dayCount: dayCount ?? ('actual/360' as const) }
    },
  }
}

type BillForm = (r: Reader, bill: DocumentId) => Op.Operation | undefined

const settlesChoice = (r: Reader, current: () => 'debt' | 'expense' | undefined, set: (value: 'debt' | 'expense') => void) => choices(r, 'settles', { debt: 'debt', expense: 'expense' }, current, set)

const billForms: Readonly<Record<string, BillForm>> = {
  /** `bill ID draw DRAWER -> PAYEE MONEY maturity DATE [drawee ENTITY] [debt|expense]` */
  draw: (r, id) => {
    const parties = r.parties('drawer', 'payee')
    const face = r.money('face value')
    let maturity: LocalDate.LocalDate | undefined
    let drawee: Entity.EntityName | undefined
    let settles: 'debt' | 'expense' | undefined
    r.options({
      maturity: value(r, (x) => x.date('maturity'), (v) => (maturity = v)),
      drawee: value(r, (x) => x.entity('drawee'), (v) => (drawee = v)),
      ...settlesChoice(r, () => settles, (v) => (settles = v)),
    })
    r.need(maturity, 'maturity DATE')
    if (r.failed || parties === undefined || face === undefined || maturity === undefined) return undefined
    return { _tag: 'DrawBill', date: r.on, id, drawer: parties[0], payee: parties[1], face, maturity, settles: settles ?? 'debt', ...(drawee !== undefined ? { drawee } : {}) }
  },
  /** `bill ID accept [by] ENTITY` */
  accept: (r, bill) => {
    if (r.at('by')) r.take()
    const by = r.entity('drawee')
    r.options({})
    if (r.failed || by === undefined) return undefined
    return { _tag: 'AcceptBill', date: r.on, bill, by }
  },
  /** `bill ID endorse FROM -> TO [debt|expense]` */
  endorse: (r, bill) => {
    const parties = r.parties('holder', 'endorsee')
    let settles: 'debt' | 'expense' | undefined
    r.options(settlesChoice(r, () => settles, (v) => (settles = v)))
    if (r.failed || parties === undefined) return undefined
    return { _tag: 'EndorseBill', date: r.on, bill, from: parties[0], to: parties[1], settles: settles ?? 'debt' }
  },
  /** `bill ID discount [HOLDER] at BANK rate R% [basis DAYS] [proceeds-to ACCOUNT]` (without a holder, the bill's current holder discounts) */
  discount: (r, bill) => {
    let holder: Entity.EntityName | undefined
    if (!r.failed && !r.done && !r.at('at')) holder = r.entity('holder')
    let bank: Entity.EntityName | undefined
    let rate: Quantity.Quantity | undefined
    let basis: number | undefined
    let proceedsAccount: AccountName.AccountName | undefined
    const proceedsOption = value(r, (x) => x.entityAccount('proceeds account')?.account, (v) => (proceedsAccount = v))
    r.options({
      at: value(r, (x) => x.entity('bank'), (v) => (bank = v)),
      rate: value(r, (x) => x.rate('rate'), (v) => (rate = v)),
      basis: value(r, (x) => x.integer('basis', 'a whole number of days (360, 365)'), (v) => (basis = v)),
      'proceeds-to': proceedsOption,
      proceeds: proceedsOption,
    })
    r.need(bank, 'at BANK')
    r.need(rate, 'rate PERCENT (e.g. rate 8%)')
    if (r.failed || bank === undefined || rate === undefined) return undefined
    return {
      _tag: 'DiscountBill',
      date: r.on,
      bill,
      bank,
      rate,
      ...(holder !== undefined ? { holder } : {}),
      ...(basis !== undefined ? { basis } : {}),
      ...(proceedsAccount !== undefined ? { proceedsAccount } : {}),
    }
  },
  /** `bill ID redeem` */
  redeem: (r, bill) => {
    r.options({})
    return r.failed ? undefined : { _tag: 'RedeemBill', date: r.on, bill }
  },
  /** `bill ID protest` */
  protest: (r, bill) => {
    r.options({})
    return r.failed ? undefined : { _tag: 'ProtestBill', date: r.on, bill }
  },
}

/** The keywords with a journal form, in the order of docs/OPERATIONS.md. */
export const operationKeywords: ReadonlyArray<string> = Object.keys(forms)

/** The actions of `bill ID ACTION …`. */
export const billActions: ReadonlyArray<string> = Object.keys(billForms)

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
        comments.push({ span: line.span, marker: ';', text: `${line.key}: ${line.value}`, tags: [{ name: line.key, value: line.value.trim() }] })
      }
    }
  }
  return comments
}

/** The domain operation an operation line writes. */
export const elaborateOperation = (syntax: Syntax.OperationSyntax, context: OperationContext, warnings: ElaborateWarning[]): E.Either<ReadonlyArray<OperationError>, Located> => {
  const form = Object.hasOwn(forms, syntax.keyword) ? forms[syntax.keyword] : undefined
  if (form === undefined) return E.left([{ _tag: 'UnknownOperationForm', span: syntax.span, keyword: syntax.keyword, form: null, known: operationKeywords }])
  const errors: OperationError[] = []
  const reader = new Reader(syntax, context, errors, syntax.keyword)
  const operation = form(reader)
  if (errors.length > 0 || operation === undefined) {
    return E.left(errors.length > 0 ? errors : [{ _tag: 'MissingOperationArgument', span: syntax.span, keyword: syntax.keyword, argument: 'arguments' }])
  }
  const comments = commentsOf(syntax)
  const estimated = reader.estimated || tagsOf(comments).some((tag) => tag.name === 'estimated')
  return E.right({ operation, span: syntax.span, citations: citationsOf(comments, warnings), estimated })
}
