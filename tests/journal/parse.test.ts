/**
 * Goal: every syntax form of the journal reads into the expected CST node.
 * Method: small inline journals, asserting on the relevant fields of the parsed nodes.
 */
import { describe, expect, it } from 'vitest'
import { type AmountSyntax, type ArgToken, type Node, OPERATION_KEYWORDS, parse } from '../../src/journal/index.js'
import { first, journal, parseOk } from './helpers.js'

const transaction = (text: string) => first(parseOk(text), 'Transaction')

/** The money amount of the only posting of `    a  AMOUNT`, after optional `prelude` directives. */
const amountOf = (amountText: string, prelude = ''): AmountSyntax => {
  const posting = transaction(`${prelude}2024-01-01 x\n    a  ${amountText}\n`).postings[0]
  expect(posting?.amount).not.toBeNull()
  return posting?.amount as AmountSyntax
}

const quantityOf = (amountText: string, prelude = ''): [string, string] => {
  const amount = amountOf(amountText, prelude)
  return [amount.quantity, amount.commodity]
}

describe('transaction headers', () => {
  it('reads date, status, code, description and comment', () => {
    const node = transaction('2024-03-31 * (A-12) Grocer | weekly shop  ; trip:1, kind: food\n')
    expect(node).toMatchObject({
      date: '2024-03-31',
      date2: null,
      status: '*',
      code: 'A-12',
      description: 'Grocer | weekly shop',
      payee: 'Grocer',
      note: 'weekly shop',
    })
    expect(node.comment?.tags).toEqual([
      { name: 'trip', value: '1' },
      { name: 'kind', value: 'food' },
    ])
    expect(node.span).toEqual({ file: 'test.journal', line: 1, column: 1, endLine: 1 })
  })

  it('accepts slashes, dots and one-digit months and days, and canonicalizes them', () => {
    expect(transaction('2024/1/5 x\n').date).toBe('2024-01-05')
    expect(transaction('2024.12.5 x\n').date).toBe('2024-12-05')
    expect(transaction('1936-3-31 x\n').date).toBe('1936-03-31')
  })

  it('reads a secondary date, completing a year-less one from the primary date', () => {
    expect(transaction('2024-01-05=2024-01-07 x\n').date2).toBe('2024-01-07')
    expect(transaction('2024-01-05=1/9 x\n').date2).toBe('2024-01-09')
  })

  it('accepts February 29 only in leap years (proleptic Gregorian)', () => {
    expect(transaction('2000-02-29 x\n').date).toBe('2000-02-29')
    expect(transaction('1936-02-29 x\n').date).toBe('1936-02-29')
    expect(parse('t', '1900-02-29 x\n').errors[0]?._tag).toBe('InvalidDate')
    expect(parse('t', '2023-02-29 x\n').errors[0]?._tag).toBe('InvalidDate')
  })

  it('reads year-less dates after a Y or year directive', () => {
    const nodes = parseOk('Y 1936\n03-31 x\nyear 1937\n4/1 y\n')
    const transactions = nodes.filter((node) => node._tag === 'Transaction')
    expect(transactions.map((node) => node.date)).toEqual(['1936-03-31', '1937-04-01'])
  })

  it('reads a header with only a date, and one with only a comment', () => {
    expect(transaction('2024-01-01\n')).toMatchObject({ description: '', status: '', code: null, comment: null })
    expect(transaction('2024-01-01 ; just a note\n')).toMatchObject({
      description: '',
      comment: { text: ' just a note' },
    })
  })
})

describe('postings', () => {
  it('reads status, account names with single spaces, and the two-space or tab separator', () => {
    const node = transaction('2024-01-01 x\n    * liabilities:credit card  10 RUB\n\t! assets:cash\t-10 RUB\n')
    expect(node.postings.map((posting) => [posting.status, posting.account, posting.amount?.quantity])).toEqual([
      ['*', 'liabilities:credit card', '10'],
      ['!', 'assets:cash', '-10'],
    ])
    expect(node.postings[0]?.span).toEqual({ file: 'test.journal', line: 2, column: 5, endLine: 2 })
  })

  it('reads Unicode account names', () => {
    expect(transaction('1936-01-01 x\n    активы:касса  10 RUB\n').postings[0]?.account).toBe('активы:касса')
  })

  it('interns repeated account names', () => {
    const node = transaction('2024-01-01 x\n    assets:cash  1 RUB\n    assets:cash  -1 RUB\n')
    expect(node.postings[0]?.account).toBe(node.postings[1]?.account)
  })

  it('reads the elided posting (no money, no goods)', () => {
    const posting = transaction('2024-01-01 x\n    a  1 RUB\n    b\n').postings[1]
    expect(posting).toMatchObject({ account: 'b', amount: null, goods: null, balance: null })
  })

  it('reads a goods quantity after the money amount, and a goods-only posting', () => {
    const node = transaction(journal`1936-03-31 * Tank shop
    kirov:assets:wip:tank-shop    3,200,000.00 RUB  [4 T28]
    kirov:assets:finished  [-4 T28]
    kirov:liabilities:wages
`)
    expect(node.postings[0]?.amount).toMatchObject({ quantity: '3200000.00', commodity: 'RUB' })
    expect(node.postings[0]?.goods).toMatchObject({ quantity: '4', commodity: 'T28', estimated: false })
    expect(node.postings[1]).toMatchObject({ amount: null, goods: { quantity: '-4', commodity: 'T28' } })
  })

  it('reads the four balance assertion operators and assignments', () => {
    const node = transaction(
      '2024-01-01 x\n    a  1 RUB = 5 RUB\n    b  1 RUB == 5 RUB\n    c  1 RUB =* 5 RUB\n    d  -3 RUB ==* 5 RUB\n    e  = 10 RUB\n',
    )
    expect(node.postings.map((posting) => posting.balance?.operator)).toEqual(['=', '==', '=*', '==*', '='])
    expect(node.postings[4]).toMatchObject({ amount: null, balance: { amount: { quantity: '10', commodity: 'RUB' } } })
  })

  it('reads a balance assertion together with a goods quantity', () => {
    const posting = transaction('2024-01-01 x\n    a  1 RUB  [2 T28]  = 5 RUB  ; ok\n').postings[0]
    expect(posting).toMatchObject({
      goods: { quantity: '2' },
      balance: { amount: { quantity: '5' } },
      comment: { text: ' ok' },
    })
  })

  it('attaches indented comments before the first posting to the transaction, later ones to the posting above', () => {
    const node = transaction(journal`2024-01-01 x  ; header
    ; about the transaction
    ; estimated:
    a  1 RUB  ; same line
    ; about a
    ; source: TsGIA SPb. F.P-960, Op.7, D.5, 4
    b
`)
    expect(node.comments.map((comment) => comment.text)).toEqual([' about the transaction', ' estimated:'])
    expect(node.comments[1]?.tags).toEqual([{ name: 'estimated', value: '' }])
    expect(node.postings[0]?.comment?.text).toBe(' same line')
    expect(node.postings[0]?.comments.map((comment) => comment.text)).toEqual([
      ' about a',
      ' source: TsGIA SPb. F.P-960, Op.7, D.5, 4',
    ])
    expect(node.postings[0]?.comments[1]?.tags).toEqual([{ name: 'source', value: 'TsGIA SPb. F.P-960, Op.7, D.5, 4' }])
    expect(node.postings[0]?.span).toMatchObject({ line: 4, endLine: 6 })
    expect(node.span).toMatchObject({ line: 1, endLine: 7 })
  })
})

describe('amounts', () => {
  it('reads symbols on either side, with or without a space, and quoted symbols', () => {
    expect(quantityOf('RUB 10')).toEqual(['10', 'RUB'])
    expect(quantityOf('10 RUB')).toEqual(['10', 'RUB'])
    expect(quantityOf('$10')).toEqual(['10', '$'])
    expect(quantityOf('10RUB')).toEqual(['10', 'RUB'])
    expect(quantityOf('10 "T 28"')).toEqual(['10', 'T 28'])
    expect(quantityOf('"T 28" 10')).toEqual(['10', 'T 28'])
    expect(quantityOf('4 T28')).toEqual(['4', 'T28'])
    expect(quantityOf('10 ₽')).toEqual(['10', '₽'])
    expect(quantityOf('10')).toEqual(['10', ''])
  })

  it('reads the minus sign before or after the symbol', () => {
    expect(quantityOf('-$10')).toEqual(['-10', '$'])
    expect(quantityOf('$-10')).toEqual(['-10', '$'])
    expect(quantityOf('-10 RUB')).toEqual(['-10', 'RUB'])
    expect(quantityOf('+10 RUB')).toEqual(['10', 'RUB'])
    expect(amountOf('-$10').style.signBeforeSymbol).toBe(true)
    expect(amountOf('$-10').style.signBeforeSymbol).toBe(false)
  })

  it('normalizes quantities: no group marks, no leading zeros, no negative zero', () => {
    expect(quantityOf('1,000,000.00 RUB')).toEqual(['1000000.00', 'RUB'])
    expect(quantityOf('1 000 000,00 RUB')).toEqual(['1000000.00', 'RUB'])
    expect(quantityOf('007.50 RUB')).toEqual(['7.50', 'RUB'])
    expect(quantityOf('-0.00 RUB')).toEqual(['0.00', 'RUB'])
    expect(quantityOf('.5 RUB')).toEqual(['0.5', 'RUB'])
    expect(quantityOf('100. RUB')).toEqual(['100', 'RUB'])
    expect(quantityOf('12,34,56,789.5 INR')).toEqual(['123456789.5', 'INR'])
  })

  it('records the display style', () => {
    expect(amountOf('1,000,000.00 RUB').style).toEqual({
      side: 'right',
      spaced: true,
      signBeforeSymbol: false,
      decimalMark: '.',
      digitGroupMark: ',',
      digitGroupSizes: [3],
      decimalDigits: 2,
    })
    expect(amountOf('12,34,56,789 INR').style.digitGroupSizes).toEqual([3, 2])
    expect(amountOf('$10').style).toMatchObject({ side: 'left', spaced: false, decimalMark: null, decimalDigits: 0 })
    expect(amountOf('100. RUB').style).toMatchObject({ decimalMark: '.', decimalDigits: 0 })
  })

  it('reads a lone "1,000" or "1.000" as a decimal number unless something is declared (as hledger does)', () => {
    expect(quantityOf('1,000 RUB')).toEqual(['1.000', 'RUB'])
    expect(quantityOf('1.000 RUB')).toEqual(['1.000', 'RUB'])
    expect(quantityOf('1,000 RUB', 'commodity RUB\n    format 1,000.00 RUB\n')).toEqual(['1000', 'RUB'])
    expect(quantityOf('1.000 RUB', 'commodity 1.000,00 RUB\n')).toEqual(['1000', 'RUB'])
    expect(quantityOf('1.000 RUB', 'decimal-mark ,\n')).toEqual(['1000', 'RUB'])
    expect(quantityOf('1,000 RUB', 'decimal-mark ,\n')).toEqual(['1.000', 'RUB'])
  })

  it('reads "1.000.000,00" after decimal-mark ,', () => {
    expect(quantityOf('1.000.000,00 RUB', 'decimal-mark ,\n')).toEqual(['1000000.00', 'RUB'])
  })

  it('lets a commodity format override decimal-mark for its own commodity', () => {
    expect(quantityOf('1,000 USD', 'decimal-mark ,\ncommodity USD\n    format 1,000.00 USD\n')).toEqual(['1000', 'USD'])
  })

  it('marks estimated amounts and quantities with ~', () => {
    const posting = transaction('1936-01-01 x\n    a  ~91,372,000.00 RUB  [~4 T28]\n').postings[0]
    expect(posting?.amount).toMatchObject({ quantity: '91372000.00', estimated: true })
    expect(posting?.goods).toMatchObject({ quantity: '4', estimated: true })
  })

  it('reads amounts with up to quantityDigitsMax digits', () => {
    const digits = '1'.repeat(60)
    expect(quantityOf(`${digits} RUB`)).toEqual([digits, 'RUB'])
  })
})

describe('comments', () => {
  it('reads top-level comment lines with ; # and *, and indented ones after a blank line', () => {
    const nodes = parseOk('; one\n# two\n* three\n\n    ; four\n')
    expect(nodes.map((node) => node._tag)).toEqual([
      'CommentLine',
      'CommentLine',
      'CommentLine',
      'BlankLine',
      'CommentLine',
    ])
    const comments = nodes.filter((node) => node._tag === 'CommentLine')
    expect(comments.map((node) => [node.comment.marker, node.comment.text, node.indented])).toEqual([
      [';', ' one', false],
      ['#', ' two', false],
      ['*', ' three', false],
      [';', ' four', true],
    ])
  })

  it('keeps comment blocks verbatim', () => {
    const nodes = parseOk('comment\n2024-01-01 not a transaction\n  ; x\n\nend comment\n2024-01-01 real\n')
    expect(nodes[0]).toMatchObject({ _tag: 'CommentBlock', lines: ['2024-01-01 not a transaction', '  ; x', ''] })
    expect(nodes[0]?.span).toMatchObject({ line: 1, endLine: 5 })
    expect(nodes[1]?._tag).toBe('Transaction')
  })

  it('reads tags by hledger rules, with source: running to the end of the line', () => {
    const node = first(parseOk('; a:1, b: two words ,c:3 source: F.P-960, op.7, d.5\n'), 'CommentLine')
    expect(node.comment.tags).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two words' },
      { name: 'c', value: '3 source: F.P-960' },
    ])
  })

  it('gives source: the rest of the line even after other tags', () => {
    const node = first(parseOk('; estimated:, source: TsGIA SPb. F.P-960, Op.7, D.5, 4\n'), 'CommentLine')
    expect(node.comment.tags).toEqual([
      { name: 'estimated', value: '' },
      { name: 'source', value: 'TsGIA SPb. F.P-960, Op.7, D.5, 4' },
    ])
  })
})

describe('hledger directives', () => {
  it('reads account directives with type tags and sub-lines', () => {
    const node = first(parseOk('account kirov:assets:cash  ; type: A, note: petty\n    ; more\n'), 'AccountDirective')
    expect(node.account).toBe('kirov:assets:cash')
    expect(node.comment?.tags).toEqual([
      { name: 'type', value: 'A' },
      { name: 'note', value: 'petty' },
    ])
    expect(node.subLines).toMatchObject([{ _tag: 'SubComment', comment: { text: ' more' } }])
  })

  it('reads commodity directives: symbol with format and sub-lines, and the one-line form', () => {
    const nodes = parseOk(
      'commodity RUB\n    format 1,000.00 RUB\ncommodity T28\n    kind: goods\n    unit: tank\ncommodity $1,000.00\ncommodity "T 28"\n',
    )
    const commodities = nodes.filter((node) => node._tag === 'CommodityDirective')
    expect(commodities.map((node) => [node.commodity, node.sample?.quantity ?? null])).toEqual([
      ['RUB', null],
      ['T28', null],
      ['$', '1000.00'],
      ['T 28', null],
    ])
    expect(commodities[0]?.subLines[0]).toMatchObject({
      _tag: 'Format',
      amount: { commodity: 'RUB', style: { decimalMark: '.' } },
    })
    expect(commodities[1]?.subLines).toMatchObject([
      { _tag: 'KeyValue', key: 'kind', value: 'goods' },
      { _tag: 'KeyValue', key: 'unit', value: 'tank' },
    ])
  })

  it('reads decimal-mark, P, payee, include and year directives', () => {
    const nodes = parseOk(
      'decimal-mark ,\nP 2024-01-01 USD 5,30 RUB\npayee Gosbank\ninclude sub/1936.journal  ; q1\nY 1936\nyear 1937\n',
    )
    expect(nodes.map((node) => node._tag)).toEqual([
      'DecimalMarkDirective',
      'PriceDirective',
      'PayeeDirective',
      'IncludeDirective',
      'YearDirective',
      'YearDirective',
    ])
    expect(nodes[1]).toMatchObject({
      date: '2024-01-01',
      commodity: 'USD',
      amount: { quantity: '5.30', commodity: 'RUB' },
    })
    expect(nodes[2]).toMatchObject({ payee: 'Gosbank' })
    expect(nodes[3]).toMatchObject({ path: 'sub/1936.journal', comment: { text: ' q1' } })
    expect(nodes[4]).toMatchObject({ keyword: 'Y', year: 1936 })
  })
})

describe('shadow extensions', () => {
  it('reads entity directives with key: value lines', () => {
    const node = first(
      parseOk('entity kirov      ; Kirov Plant\n    title: Kirov Plant, Leningrad\n    sector: state\n'),
      'EntityDirective',
    )
    expect(node).toMatchObject({ entity: 'kirov', comment: { text: ' Kirov Plant' } })
    expect(node.subLines).toMatchObject([
      { _tag: 'KeyValue', key: 'title', value: 'Kirov Plant, Leningrad' },
      { _tag: 'KeyValue', key: 'sector', value: 'state' },
    ])
    expect(node.span).toMatchObject({ line: 1, endLine: 3 })
  })

  it('reads norms, plans and limits with every period form', () => {
    const nodes =
      parseOk(journal`norm   1936-12-31  kirov  working-capital   ~91,372,000.00 RUB   ; source: TsGIA SPb F.P-960 op.7 d.5 l.4
plan   1936        kirov  wage-fund:itr     88,000,000.00 RUB
plan   1936-Q2     kirov  output:T28        [101 T28]
limit  1936-03     kirov  wage-fund         1,000.00 RUB
limit  1936-01-01..1937-01-01  kirov  credit  5.00 RUB
`)
    const plans = nodes.filter((node) => node._tag === 'PlanDirective')
    expect(plans.map((node) => [node.keyword, node.period.kind, node.period.start, node.period.endExclusive])).toEqual([
      ['norm', 'date', '1936-12-31', '1937-01-01'],
      ['plan', 'year', '1936-01-01', '1937-01-01'],
      ['plan', 'quarter', '1936-04-01', '1936-07-01'],
      ['limit', 'month', '1936-03-01', '1936-04-01'],
      ['limit', 'range', '1936-01-01', '1937-01-01'],
    ])
    expect(plans[0]).toMatchObject({
      entity: 'kirov',
      category: 'working-capital',
      amount: { estimated: true, quantity: '91372000.00' },
    })
    expect(plans[0]?.comment?.tags).toEqual([{ name: 'source', value: 'TsGIA SPb F.P-960 op.7 d.5 l.4' }])
    expect(plans[2]).toMatchObject({
      category: 'output:T28',
      bracketed: true,
      amount: { quantity: '101', commodity: 'T28' },
    })
  })

  it('reads physical counts', () => {
    const node = first(
      parseOk('count  1936-12-31  kirov:assets:finished:T28  0 T28   ; source: F.P-1788\n'),
      'CountDirective',
    )
    expect(node).toMatchObject({
      date: '1936-12-31',
      account: 'kirov:assets:finished:T28',
      quantity: { quantity: '0', commodity: 'T28' },
    })
  })

  it('reads rule parameters with and without a date', () => {
    const nodes = parseOk('param 1930-01-30 credit-reform.cutoff 1930-01-30\nparam acceptance.period-days 10\n')
    expect(nodes[0]).toMatchObject({
      _tag: 'ParamDirective',
      date: '1930-01-30',
      rule: 'credit-reform',
      name: 'cutoff',
      value: [{ _tag: 'Date', date: '1930-01-30' }],
    })
    expect(nodes[1]).toMatchObject({
      date: null,
      rule: 'acceptance',
      name: 'period-days',
      value: [{ _tag: 'Amount', amount: { quantity: '10' } }],
    })
  })

  it('reads expectations, negated or not', () => {
    const nodes = parseOk(
      'expect working-capital-above-norm  kirov  1936-12-31  excess 53,765,000.00 RUB\nexpect no wage-fund-overrun  abtu\n',
    )
    expect(nodes[0]).toMatchObject({ _tag: 'ExpectationDirective', negated: false, rule: 'working-capital-above-norm' })
    const args = (nodes[0] as Extract<Node, { _tag: 'ExpectationDirective' }>).args
    expect(args.map((token) => token._tag)).toEqual(['Word', 'Date', 'Word', 'Amount'])
    expect(nodes[1]).toMatchObject({ negated: true, rule: 'wage-fund-overrun', args: [{ _tag: 'Word', text: 'abtu' }] })
  })

  it('reads a dated keyword line without postings as an operation, tokenizing its arguments', () => {
    const text =
      '1936-06-10 demand  PD-36-114  kirov -> abtu   10 T28 @ 380,000.00 RUB  ~5 RUB  8%  9.5%  -2%  "a; b"  1936-Q3  $3  ; note\n    ground: defects\n    ; more\n'
    const node = first(parseOk(text), 'Operation')
    const shape = (token: ArgToken): unknown => {
      switch (token._tag) {
        case 'Word':
          return token.text
        case 'String':
          return ['string', token.value]
        case 'Amount':
          return [token.amount.quantity, token.amount.commodity, token.amount.estimated]
        case 'Percent':
          return [token.quantity, '%']
        case 'Date':
          return ['date', token.date]
        case 'Period':
          return ['period', token.period.kind, token.period.start]
        case 'Arrow':
          return '->'
        case 'At':
          return '@'
      }
    }
    expect(node).toMatchObject({ date: '1936-06-10', keyword: 'demand', comment: { text: ' note' } })
    expect(node.args.map(shape)).toEqual([
      'PD-36-114',
      'kirov',
      '->',
      'abtu',
      ['10', 'T28', false],
      '@',
      ['380000.00', 'RUB', false],
      ['5', 'RUB', true],
      ['8', '%'],
      ['9.5', '%'],
      ['-2', '%'],
      ['string', 'a; b'],
      ['period', 'quarter', '1936-07-01'],
      ['3', '$', false],
    ])
    expect(node.subLines).toMatchObject([{ _tag: 'KeyValue', key: 'ground', value: 'defects' }, { _tag: 'SubComment' }])
    expect(node.args[0]?.span).toMatchObject({ line: 1, column: 20 })
  })

  it('keeps a number followed by a lower-case word as two tokens', () => {
    const node = first(parseOk('1936-06-21 bill B-36-07 discount rate 8% basis 360 days\n'), 'Operation')
    expect(node.args.slice(-2)).toMatchObject([
      { _tag: 'Amount', amount: { quantity: '360', commodity: '' } },
      { _tag: 'Word', text: 'days' },
    ])
  })

  it('reads ungrouped and three-digit-grouped amounts on operation lines as amounts, not periods or decimals', () => {
    const amounts = (text: string) =>
      first(parseOk(`1936-06-20 pay PD-1 ${text}\n`), 'Operation').args.map((token) =>
        token._tag === 'Amount' ? [token.amount.quantity, token.amount.commodity] : token._tag,
      )
    // Four digits then `.`: a number, not a month (`4947.66`), nor `YYYY.MM` (`1936.05`).
    expect(amounts('4947.66 RUB')).toEqual(['Word', ['4947.66', 'RUB']])
    expect(amounts('1936.05 RUB')).toEqual(['Word', ['1936.05', 'RUB']])
    expect(amounts('1936.5 RUB')).toEqual(['Word', ['1936.5', 'RUB']])
    // A lone mark before exactly three digits groups thousands there (money is in kopecks).
    expect(amounts('10,225 RUB')).toEqual(['Word', ['10225', 'RUB']])
    // A lone dot stays the decimal mark (`chi-square 144.611` on an expect line is a statistic).
    expect(amounts('10.225 RUB')).toEqual(['Word', ['10.225', 'RUB']])
    expect(amounts('10,22 RUB 3,5 RUB')).toEqual(['Word', ['10.22', 'RUB'], ['3.5', 'RUB']])
    // Not a thousands group: a leading 0, or four digits before the mark.
    expect(amounts('0.125 RUB 1234.567 RUB')).toEqual(['Word', ['0.125', 'RUB'], ['1234.567', 'RUB']])
    // Dates and ranges with dots still read as dates.
    expect(amounts('1936.07.01')).toEqual(['Word', 'Date'])
    expect(amounts('1936.01.01..1936.07.01')).toEqual(['Word', 'Period'])
    // A declared style still decides: `decimal-mark ,` makes `10,225` ten and a fraction.
    const declared = first(parseOk('decimal-mark ,\n1936-06-20 pay PD-1 10,225 RUB\n'), 'Operation')
    expect(declared.args[1]).toMatchObject({ _tag: 'Amount', amount: { quantity: '10.225' } })
  })

  it('reads a keyword line with postings as an ordinary transaction', () => {
    const node = first(parseOk('2024-01-01 pay rent\n    expenses:rent  10 RUB\n    assets:cash\n'), 'Transaction')
    expect(node.description).toBe('pay rent')
  })

  it('makes the operation keywords configurable', () => {
    expect(OPERATION_KEYWORDS.has('demand')).toBe(true)
    const result = parse('t', '2024-01-01 audit plant\n', { operationKeywords: new Set(['audit']) })
    expect(result.nodes[0]).toMatchObject({ _tag: 'Operation', keyword: 'audit' })
    expect(parse('t', '2024-01-01 demand x\n', { operationKeywords: new Set() }).nodes[0]?._tag).toBe('Transaction')
  })
})

describe('text encoding and layout', () => {
  it('handles CRLF line breaks and a byte-order mark', () => {
    const nodes = parseOk('\ufeff; head\r\n2024-01-01 x  ; c\r\n    a  1 RUB\r\n    b\r\n')
    expect(nodes[0]).toMatchObject({ _tag: 'CommentLine', comment: { text: ' head' }, span: { line: 1, column: 1 } })
    const node = first(nodes, 'Transaction')
    expect(node.comment?.text).toBe(' c')
    expect(node.postings.map((posting) => posting.account)).toEqual(['a', 'b'])
  })

  it('reads a file without a final newline, and an empty file', () => {
    expect(parseOk('2024-01-01 x\n    a  1 RUB\n    b').length).toBe(1)
    expect(parseOk('')).toEqual([])
  })

  it('keeps blank lines as nodes', () => {
    expect(parseOk('\n  \n; x\n\n').map((node) => node._tag)).toEqual([
      'BlankLine',
      'BlankLine',
      'CommentLine',
      'BlankLine',
    ])
  })

  it('returns the final reading context', () => {
    const result = parse('t', 'decimal-mark ,\nY 1936\ncommodity 1.000,00 RUB\ncommodity T28\n')
    expect(result.context.decimalMark).toBe(',')
    expect(result.context.year).toBe(1936)
    expect(result.context.commodityStyles.get('RUB')).toEqual({ decimalMark: ',', digitGroupMark: '.' })
    expect([...result.context.declaredCommodities]).toEqual(['RUB', 'T28'])
    const next = parse('u', '03-31 x\n    a  1.000 RUB\n    b\n', { context: result.context })
    expect(next.errors).toEqual([])
    expect(first(next.nodes, 'Transaction')).toMatchObject({
      date: '1936-03-31',
      postings: [{ amount: { quantity: '1000' } }, {}],
    })
  })
})

describe('docs/JOURNAL.md', () => {
  it('every journal example in the syntax reference parses without errors and formats stably', async () => {
    const { readFileSync } = await import('node:fs')
    const { format } = await import('../../src/journal/index.js')
    const markdown = readFileSync(new URL('../../docs/JOURNAL.md', import.meta.url), 'utf8')
    // Examples nested in list items are indented: remove the fence's indentation.
    const dedent = (block: string): string => {
      const lines = block.split('\n')
      const indent = Math.min(
        ...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
      )
      return lines.map((line) => line.slice(indent)).join('\n')
    }
    const blocks = markdown
      .split('```journal\n')
      .slice(1)
      .map((part) => dedent(part.slice(0, part.indexOf('```'))))
    expect(blocks.length).toBeGreaterThan(10)
    for (const block of blocks) {
      const result = parse('JOURNAL.md', block)
      expect(result.errors, block).toEqual([])
      const formatted = format(result.nodes)
      expect(format(parse('JOURNAL.md', formatted).nodes)).toBe(formatted)
    }
  })
})
