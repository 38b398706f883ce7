/**
 * Goal: every ParseError tag is produced by some input, located at the offending column, rendered
 * with a source excerpt, and the parser recovers after it.
 * Method: one small journal per tag (the examples double as the ledgers/errors/ catalogue).
 */
import { describe, expect, it } from 'vitest'
import {
  emptyContext,
  lineLengthMax,
  type ParseError,
  type ParseErrorTag,
  parse,
  parseErrorMessage,
  parseErrorsMax,
  parseErrorTags,
  postingsPerTransactionMax,
  quantityDigitsMax,
  renderParseError,
  renderParseErrors,
} from '../../src/journal/index.js'
import { onlyError, parseErrors } from './helpers.js'

/** One journal per tag, each producing exactly one error with that tag. */
const examples: Record<Exclude<ParseErrorTag, 'TooManyErrors' | 'TooManyPostings' | 'InvalidParseInput'>, string> = {
  LineTooLong: `; ${'x'.repeat(lineLengthMax)}\n`,
  InvalidCharacter: '2024-01-01 x\0y\n',
  UnexpectedIndent: '2024-01-01 x\n    a  1 RUB\n    b\n\n    c  1 RUB\n',
  NotSupported: 'apply tag x\n',
  UnknownDirective: 'frobnicate x\n',
  UnterminatedComment: 'comment\nnever ends\n',
  UnterminatedString: '1936-06-13 accept PD-1 ground: "defective\n',
  InvalidDate: '2024-02-30 x\n',
  InvalidPeriod: 'plan 1936-Q5 kirov output:T28 [101 T28]\n',
  InvalidAccountName: '2024-01-01 x\n    a\u0001b  1 RUB\n',
  MissingAmountSeparator: '2024-01-01 x\n    assets:cash 10 RUB\n    income\n',
  InvalidAmount: '2024-01-01 x\n    a  $10 RUB\n',
  AmountTooLong: `2024-01-01 x\n    a  ${'1'.repeat(quantityDigitsMax + 1)} RUB\n`,
  BadCommodity: 'commodity 1000 RUB\n',
  InvalidDecimalMark: 'decimal-mark x\n',
  InvalidName: 'entity kirov:plant\n',
  MissingArgument: 'count 1936-12-31\n',
  InvalidRule: '~ monthly from 2024-01-15\n    expenses:rent  10 RUB\n    assets:cash\n',
  UnexpectedText: '2024-01-01 x\n    a  1 RUB  junk\n',
}

describe('ParseError catalogue', () => {
  it('lists every tag once', () => {
    expect(new Set(parseErrorTags).size).toBe(parseErrorTags.length)
  })

  for (const [tag, text] of Object.entries(examples)) {
    it(`produces ${tag}`, () => {
      const error = onlyError(text)
      expect(error._tag).toBe(tag)
      expect(parseErrorMessage(error)).not.toBe('')
      const rendered = renderParseError(error, text)
      expect(rendered.startsWith(`test.journal:${error.span.line}:${error.span.column}: `)).toBe(true)
      expect(rendered.split('\n')).toHaveLength(3)
    })
  }

  it('produces TooManyPostings just past postingsPerTransactionMax, and nothing at it', () => {
    const lines = (count: number) => `2024-01-01 x\n${'    a  1 RUB\n'.repeat(count - 1)}    b\n`
    expect(parseErrors(lines(postingsPerTransactionMax))).toEqual([])
    const error = onlyError(lines(postingsPerTransactionMax + 1))
    expect(error).toMatchObject({ _tag: 'TooManyPostings', postingsMax: postingsPerTransactionMax })
    expect(error.span.line).toBe(postingsPerTransactionMax + 2)
  })

  it('gives InvalidParseInput, and no nodes, for arguments of the wrong kind (JavaScript callers)', () => {
    const text = parse('a.journal', 42 as never)
    expect(text.nodes).toEqual([])
    expect(text.errors).toEqual([
      {
        _tag: 'InvalidParseInput',
        span: { file: 'a.journal', line: 1, column: 1, endLine: 1 },
        path: 'text',
        expected: 'a string',
        actual: 'a number',
      },
    ])
    expect(parseErrorMessage(text.errors[0] as ParseError)).toBe(
      'parse input is not well-formed: text should be a string, not a number',
    )
    expect(parse('a.journal', '', 'x' as never).errors[0]).toMatchObject({ path: 'options', actual: 'a string' })
    expect(parse('a.journal', '', { context: {} } as never).errors[0]).toMatchObject({ path: 'options.context' })
    expect(parse(null as never, '').errors[0]).toMatchObject({ path: 'fileName', span: { file: '<parse>' } })
    expect(parse('a.journal', '2024-01-01 x\n', { context: emptyContext }).errors).toEqual([])
  })

  it('stops with TooManyErrors after parseErrorsMax errors', () => {
    const errors = parseErrors('bad\n'.repeat(parseErrorsMax + 50))
    expect(errors).toHaveLength(parseErrorsMax + 1)
    expect(errors[parseErrorsMax]).toMatchObject({ _tag: 'TooManyErrors', errorsMax: parseErrorsMax })
    expect(errors.slice(0, parseErrorsMax).every((error) => error._tag === 'UnknownDirective')).toBe(true)
    expect(parseErrors('bad\n'.repeat(parseErrorsMax))).toHaveLength(parseErrorsMax)
  })
})

describe('error facts and locations', () => {
  const error = (text: string): ParseError => onlyError(text)

  it('names each unsupported feature at its column', () => {
    // hledger's periodic and auto posting rules are read; what hledger refuses is refused here too
    // (a form it reads but this engine does not run is refused by --forecast or --auto only).
    expect(parseErrors('~ every 5th Monday\n    (a)  1 RUB\n= amt:>x\n    (b)  *1\n')).toEqual([])
    expect(error('~ monthly from 2024-01-15  rent\n')).toMatchObject({
      _tag: 'InvalidRule',
      kind: 'period expression',
      text: 'monthly from 2024-01-15',
      span: { line: 1, column: 3 },
    })
    expect(error('apply tag x\n')).toMatchObject({ feature: 'directive', name: 'apply tag' })
    expect(error('end tag\n')).toMatchObject({ feature: 'directive', name: 'end tag' })
    expect(error('alias a\n')).toMatchObject({ _tag: 'MissingArgument', directive: 'alias' })
    expect(error('alias /(/ = b\n')).toMatchObject({ _tag: 'InvalidName', kind: 'alias pattern' })
    expect(error('D 10.00\n')).toMatchObject({ _tag: 'MissingArgument', directive: 'D', expected: 'commodity' })
    expect(error('03-31 x\n')).toMatchObject({ feature: 'year-less dates without a year directive', name: '03-31' })
  })

  it('explains invalid dates', () => {
    expect(error('2024-13-01 x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'month' })
    expect(error('2023-02-29 x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'day' })
    expect(error('0000-01-01 x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'year' })
    expect(error('24-01-01 x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'syntax' })
    expect(error('2024-01-01x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'syntax' })
    expect(error('2024-01/01 x\n')).toMatchObject({ _tag: 'InvalidDate', reason: 'syntax' })
  })

  it('explains invalid periods', () => {
    expect(error('plan 1936-13 kirov wage-fund 1.00 RUB\n')).toMatchObject({ _tag: 'InvalidPeriod', reason: 'month' })
    expect(error('plan 1937-01-01..1936-01-01 kirov wage-fund 1.00 RUB\n')).toMatchObject({
      _tag: 'InvalidPeriod',
      reason: 'emptyRange',
    })
    expect(error('plan next-year kirov wage-fund 1.00 RUB\n')).toMatchObject({
      _tag: 'InvalidPeriod',
      reason: 'syntax',
    })
  })

  it('explains invalid amounts', () => {
    const posting = (amount: string, prelude = '') => error(`${prelude}2024-01-01 x\n    a  ${amount}\n`)
    expect(posting('$10 RUB')).toMatchObject({ _tag: 'InvalidAmount', reason: 'twoCommodities' })
    expect(posting('1.000,000.5 RUB')).toMatchObject({ reason: 'badNumber' })
    expect(posting('1,000.00 RUB', 'decimal-mark ,\n')).toMatchObject({ reason: 'decimalMarkMismatch' })
    expect(posting('1.000.000 RUB', 'decimal-mark .\n')).toMatchObject({ reason: 'decimalMarkMismatch' })
    expect(posting('1 RUB  [4 T28')).toMatchObject({ reason: 'unclosedBracket' })
    expect(posting('1 RUB  [4]')).toMatchObject({ reason: 'missingCommodity' })
    expect(posting('10RUB,')).toMatchObject({ reason: 'trailingText' })
    expect(posting('RUB')).toMatchObject({ reason: 'missingNumber' })
    expect(error('count 1936-12-31 a  0\n')).toMatchObject({ reason: 'missingCommodity' })
  })

  it('explains bad commodities', () => {
    expect(error('2024-01-01 x\n    a  10 "T 28\n')).toMatchObject({
      _tag: 'BadCommodity',
      reason: 'unterminatedQuote',
    })
    expect(error('2024-01-01 x\n    a  10 ""\n')).toMatchObject({ _tag: 'BadCommodity', reason: 'emptySymbol' })
    expect(error('commodity RUB\n    format 1,000.00 USD\n')).toMatchObject({
      reason: 'formatSymbolMismatch',
      span: { line: 2 },
    })
    expect(error('commodity RUB\n    format 1000 RUB\n')).toMatchObject({ reason: 'formatWithoutDecimalMark' })
    expect(error(`2024-01-01 x\n    a  10 ${'R'.repeat(101)}\n`)).toMatchObject({ reason: 'symbolTooLong' })
  })

  it('treats a plain integer after a single space as part of an account name', () => {
    expect(parseErrors('2024-01-01 x\n    expenses:tax 2023  10 RUB\n    b\n')).toEqual([])
    expect(error('2024-01-01 x\n    assets:cash -10\n')).toMatchObject({
      _tag: 'MissingAmountSeparator',
      account: 'assets:cash',
      amountText: '-10',
    })
    expect(error('count 1936-12-31 kirov:finished 0 T28\n')).toMatchObject({ _tag: 'MissingAmountSeparator' })
  })

  it('names missing arguments', () => {
    expect(error('account\n')).toMatchObject({ _tag: 'MissingArgument', directive: 'account', expected: 'account' })
    expect(error('commodity\n')).toMatchObject({ expected: 'commodity' })
    expect(error('payee\n')).toMatchObject({ expected: 'payee' })
    expect(error('include  ; nothing\n')).toMatchObject({ expected: 'path' })
    expect(error('P 2024-01-01 USD\n')).toMatchObject({ expected: 'amount' })
    expect(error('norm 1936 kirov\n')).toMatchObject({ expected: 'category' })
    expect(error('norm 1936 kirov working-capital\n')).toMatchObject({ expected: 'amount' })
    expect(error('param a.b\n')).toMatchObject({ expected: 'value' })
    expect(error('expect\n')).toMatchObject({ expected: 'rule' })
    expect(error('2024-01-01 x\n    a  =\n')).toMatchObject({ directive: 'balance assertion', expected: 'amount' })
  })

  it('rejects malformed names', () => {
    expect(error('param cutoff 1930\n')).toMatchObject({ _tag: 'InvalidName', kind: 'parameter' })
    expect(error('plan 1936 kirov a::b 1.00 RUB\n')).toMatchObject({ _tag: 'InvalidName', kind: 'category' })
    expect(error('expect no "x"\n')).toMatchObject({ _tag: 'InvalidName', kind: 'rule' })
  })
})

describe('recovery', () => {
  it('reports every bad block in file order and keeps the good ones', () => {
    const text = [
      '2024-01-01 good',
      '    a  1 RUB',
      '    b',
      '2024-02-30 bad date',
      '    a  1 RUB',
      '    b  2 RUB @ 3 USD',
      '2024-01-02 good again',
      '    a  1 RUB',
      '    b  $1 RUB',
      '    c',
      'frobnicate',
      '    indented under a bad directive is skipped',
      '',
      '2024-01-03 last',
      '    a  1 RUB',
      '    b',
      '',
    ].join('\n')
    const result = parse('r.journal', text)
    expect(result.errors.map((error) => [error._tag, error.span.line])).toEqual([
      ['InvalidDate', 4],
      ['InvalidAmount', 9],
      ['UnknownDirective', 11],
    ])
    expect(result.nodes.filter((node) => node._tag === 'Transaction').map((node) => node.description)).toEqual([
      'good',
      'last',
    ])
  })
})

describe('rendering', () => {
  it('prints file:line:column, the source line with a gutter, and a caret', () => {
    const text = '2024-01-01 x\n    a  1 RUB @\n'
    expect(renderParseError(onlyError(text), text)).toBe(
      ['test.journal:2:15: @: expected an amount', '2 |     a  1 RUB @', '  |               ^'].join('\n'),
    )
  })

  it('keeps tabs in the caret line so the caret lines up', () => {
    const text = '2024-01-01 x\n\ta\t$10 RUB\n'
    expect(renderParseError(onlyError(text), text).split('\n').slice(1)).toEqual(['2 | \ta\t$10 RUB', '  | \t \t^'])
  })

  it('shows a window of a very long line', () => {
    const text = `; ${'x'.repeat(lineLengthMax + 10)}\n`
    const [rendered] = renderParseErrors(parseErrors(text), text)
    expect(rendered?.split('\n')[0]).toBe(
      `test.journal:1:${lineLengthMax + 1}: line is ${lineLengthMax + 12} characters long; at most ${lineLengthMax} are allowed`,
    )
    expect((rendered?.split('\n')[1] ?? '').length).toBeLessThan(200)
  })

  it('renders many errors of one text with a single scan', () => {
    const text = 'bad\n'.repeat(5)
    expect(renderParseErrors(parseErrors(text), text)).toHaveLength(5)
  })

  it('pins a few messages', () => {
    const messages = [
      'frobnicate x\n',
      '2024-02-30 x\n',
      '2024-01-01 x\n    assets:cash 10 RUB\n',
      'commodity 1000 RUB\n',
      'count 1936-12-31\n',
    ].map((text) => parseErrorMessage(onlyError(text)))
    expect(messages).toEqual([
      'unknown directive "frobnicate"',
      'invalid date "2024-02-30": no such day',
      'account name "assets:cash" ends with what looks like the amount "10 RUB": separate the amount from the account with two spaces or a tab',
      'invalid commodity "1000 RUB": the sample amount must include a decimal mark (e.g. 1,000.00 RUB or 1000. RUB)',
      'count: expected an account',
    ])
  })
})
