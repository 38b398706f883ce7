/**
 * Goal: the formatter writes canonical layout, loses nothing, keeps quantities, and is idempotent.
 * Method: examples of each layout rule, then fast-check properties over generated journals:
 * they parse without errors, `format` is idempotent, and re-parsing the formatted text gives the
 * same nodes up to spans.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { format, formatAmount, type Node, parse } from '../../src/journal/index.js'
import { first, journal, parseOk, stripSpans } from './helpers.js'

const roundTrip = (text: string): string => format(parseOk(text))

/** Asserts that formatting is idempotent and keeps the meaning; returns the formatted text. */
const checkStable = (text: string): string => {
  const nodes = parseOk(text)
  const formatted = format(nodes)
  const reparsed = parse('test.journal', formatted)
  expect(reparsed.errors).toEqual([])
  expect(stripSpans(reparsed.nodes)).toEqual(stripSpans(nodes))
  expect(format(reparsed.nodes)).toBe(formatted)
  return formatted
}

describe('canonical layout', () => {
  it('right-aligns amounts within a transaction, with goods and assertions after them', () => {
    const text = journal`1936-3-31   *   (7)   Tank shop   ;  source: F.P-960, op.7
  ; estimated:
  kirov:assets:wip:tank-shop    3,200,000.00 RUB   [4 T28]
  ; about wip
  kirov:liabilities:wages  -1,000.00 RUB  = -1,000.00 RUB
	kirov:assets:finished  [-4 T28]
  kirov:assets:materials   ; rest
`
    expect(checkStable(text)).toBe(journal`1936-03-31 * (7) Tank shop  ;  source: F.P-960, op.7
    ; estimated:
    kirov:assets:wip:tank-shop  3,200,000.00 RUB   [4 T28]
        ; about wip
    kirov:liabilities:wages        -1,000.00 RUB  = -1,000.00 RUB
    kirov:assets:finished                         [-4 T28]
    kirov:assets:materials  ; rest
`)
  })

  it('writes one space between directive tokens and canonical dates and periods', () => {
    const text = journal`norm   1936-12-31   kirov   working-capital   ~91,372,000.00 RUB   ; source: a, b
plan  1936-01-01..1937-01-01  kirov  output:T28  [101 T28]
plan 1936-q2 kirov output:T28 25 T28
count   1936/12/31  kirov:assets:finished:T28    0 T28
param   1930.1.30   credit-reform.cutoff   1930-1-30
expect   no   wage-fund-overrun   abtu   1936-Q1
1936-6-10   demand   PD-36-114   kirov  ->  abtu   10 T28   @   380,000.00 RUB   ; plan price
P 2024/1/1   USD   5.30 RUB
`
    expect(checkStable(text)).toBe(journal`norm 1936-12-31 kirov working-capital ~91,372,000.00 RUB  ; source: a, b
plan 1936-01-01..1937-01-01 kirov output:T28 [101 T28]
plan 1936-Q2 kirov output:T28 25 T28
count 1936-12-31 kirov:assets:finished:T28  0 T28
param 1930-01-30 credit-reform.cutoff 1930-01-30
expect no wage-fund-overrun abtu 1936-Q1
1936-06-10 demand PD-36-114 kirov -> abtu 10 T28 @ 380,000.00 RUB  ; plan price
P 2024-01-01 USD 5.30 RUB
`)
  })

  it('keeps blank lines, comment lines, comment blocks and directive sub-lines', () => {
    const text =
      '; head\n#   hash\n*star\n\n\n    ; indented\ncomment\n  raw  text\nend comment\nentity kirov  ; plant\n  title: Kirov Plant, Leningrad\n  sector:state\n  free words  ; c\n  ; sub comment\n'
    expect(checkStable(text)).toBe(
      '; head\n#   hash\n*star\n\n\n    ; indented\ncomment\n  raw  text\nend comment\nentity kirov  ; plant\n    title: Kirov Plant, Leningrad\n    sector:state\n    free words  ; c\n    ; sub comment\n',
    )
  })

  it('keeps the display style of amounts', () => {
    const amounts = [
      '$10',
      '-$10',
      '$-10',
      '$ 10',
      'RUB 10',
      '10RUB',
      '10 "T 28"',
      '"T 28" 10',
      '1 000 000,00 EUR',
      '12,34,56,789.5 INR',
      '100. RUB',
      '~5 RUB',
      '-0.5',
    ]
    for (const amount of amounts) {
      const posting = first(parseOk(`2024-01-01 x\n    a  ${amount}\n`), 'Transaction').postings[0]
      expect(formatAmount(posting?.amount as never)).toBe(amount)
    }
  })

  it('normalizes what carries no meaning', () => {
    const cases: Array<[string, string]> = [
      ['+10 RUB', '10 RUB'],
      ['007.50 RUB', '7.50 RUB'],
      ['-0 RUB', '0 RUB'],
      ['.5 RUB', '0.5 RUB'],
      ['10   RUB', '10 RUB'],
      ['"RUB" 10', 'RUB 10'],
    ]
    for (const [written, canonical] of cases) {
      expect(roundTrip(`2024-01-01 x\n    a  ${written}\n`)).toBe(`2024-01-01 x\n    a  ${canonical}\n`)
    }
  })

  it('adds a trailing decimal mark when a single group mark would read back as a decimal mark', () => {
    const formatted = roundTrip('2024-01-01 x\n    a  0,001,000 RUB\n')
    expect(formatted).toBe('2024-01-01 x\n    a  1,000. RUB\n')
    expect(first(parseOk(formatted), 'Transaction').postings[0]?.amount?.quantity).toBe('1000')
    // With a declared style, "1,000" reads back as 1000 and is kept as written.
    expect(roundTrip('commodity RUB\n    format 1,000.00 RUB\n2024-01-01 x\n    a  0,001,000 RUB\n')).toContain(
      '    a  1,000 RUB\n',
    )
  })

  it('keeps numbers readable under decimal-mark and commodity formats', () => {
    checkStable(
      'decimal-mark ,\ncommodity 1.000,00 RUB\ncommodity USD\n    format USD 1,000.00\n2024-01-01 x\n    a  1.000 RUB\n    b  USD 1,000\n    c  -1.000,00 EUR\n',
    )
  })

  it('quotes right-side symbols that start lower-case in argument lists', () => {
    const text = '1936-06-10 ship S-1 5 "wagons" 3kg\n'
    const formatted = checkStable(text)
    expect(formatted).toBe('1936-06-10 ship S-1 5 "wagons" 3kg\n')
  })

  it('writes nothing for no nodes', () => {
    expect(format([])).toBe('')
  })
})

// -------------------------------------------------------------------------------------
// generated journals
// -------------------------------------------------------------------------------------

interface SymbolChoice {
  readonly symbol: string
  readonly left: boolean // may be written bare on the left
}
const symbols: ReadonlyArray<SymbolChoice> = [
  { symbol: 'RUB', left: true },
  { symbol: '$', left: true },
  { symbol: '€', left: true },
  { symbol: 'руб', left: true },
  { symbol: 'T28', left: false },
  { symbol: 'T 28', left: false },
]
const quoted = (symbol: string, side: 'left' | 'right', bareLeft: boolean): string =>
  symbol.includes(' ') || (side === 'left' && !bareLeft) ? `"${symbol}"` : symbol

/** A number as written: digits from bigints, optional fraction, optional digit groups. */
const numberArbitrary = (spacesAllowed: boolean) =>
  fc
    .record({
      integer: fc.bigInt({ min: 0n, max: 10n ** 18n }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
      marks: fc.constantFrom<[string | null, string]>(
        [null, '.'],
        [',', '.'],
        ['.', ','],
        ...(spacesAllowed ? [[' ', ','] as [string, string]] : []),
      ),
    })
    .map(({ integer, fraction, marks: [groupMark, decimalMark] }) => {
      const digits = integer.toString()
      let grouped = digits
      if (groupMark !== null) {
        const groups: string[] = []
        for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end))
        grouped = groups.join(groupMark)
      }
      return fraction === undefined ? grouped : `${grouped}${decimalMark}${fraction}`
    })

const amountArbitrary = (options: { readonly spacesAllowed: boolean; readonly argument: boolean }) =>
  fc
    .record({
      number: numberArbitrary(options.spacesAllowed),
      negative: fc.boolean(),
      estimated: fc.boolean(),
      symbol: fc.constantFrom(...symbols),
      side: fc.constantFrom<'left' | 'right'>('left', 'right'),
      spaced: fc.boolean(),
      signFirst: fc.boolean(),
    })
    .map(({ number, negative, estimated, symbol, side, spaced, signFirst }) => {
      const tilde = estimated ? '~' : ''
      const sign = negative ? '-' : ''
      // In argument lists a left-side symbol must be a currency sign.
      const useLeft = side === 'left' && (!options.argument || symbol.symbol === '$' || symbol.symbol === '€')
      const space = spaced || (options.argument && !useLeft) ? ' ' : ''
      if (useLeft) {
        const written = quoted(symbol.symbol, 'left', symbol.left)
        return signFirst ? `${tilde}${sign}${written}${space}${number}` : `${tilde}${written}${space}${sign}${number}`
      }
      return `${tilde}${sign}${number}${space}${quoted(symbol.symbol, 'right', true)}`
    })

const goodsArbitrary = fc
  .record({
    quantity: fc.bigInt({ min: -1000n, max: 1000n }),
    estimated: fc.boolean(),
    symbol: fc.constantFrom('T28', '"T 28"', 'tank'),
  })
  .map(({ quantity, estimated, symbol }) => `[${estimated ? '~' : ''}${quantity} ${symbol}]`)

const dateArbitrary = fc
  .record({
    year: fc.integer({ min: 1800, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    separator: fc.constantFrom('-', '/', '.'),
  })
  .map(({ year, month, day, separator }) => `${year}${separator}${month}${separator}${String(day).padStart(2, '0')}`)

const wordArbitrary = fc.constantFrom('tank', 'shop', 'kirov', 'плановый', 'wages', 'q1', 'a-b', 'x_y', 'audit')
const textArbitrary = fc.array(wordArbitrary, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '))

const commentArbitrary = fc
  .oneof(
    textArbitrary,
    textArbitrary.map((text) => `${text} kind: goods, stage:wip`),
    fc.constant('source: TsGIA SPb. F.P-960, Op.7, D.5, 4'),
    fc.constant('estimated:'),
  )
  .map((text) => `; ${text}`)

const accountArbitrary = fc
  .array(fc.constantFrom('assets', 'kirov', 'wip', 'tank-shop', 'расходы', 'касса', 'credit card', 'T28', 'a1'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((segments) => segments.join(':'))

const postingArbitrary = fc
  .record({
    status: fc.constantFrom('', '* ', '! '),
    account: accountArbitrary,
    amount: fc.option(amountArbitrary({ spacesAllowed: true, argument: false }), { nil: undefined }),
    goods: fc.option(goodsArbitrary, { nil: undefined }),
    balance: fc.option(
      fc.tuple(fc.constantFrom('=', '==', '=*', '==*'), amountArbitrary({ spacesAllowed: true, argument: false })),
      { nil: undefined },
    ),
    comment: fc.option(commentArbitrary, { nil: undefined }),
    comments: fc.array(commentArbitrary, { maxLength: 2 }),
    separator: fc.constantFrom('  ', '\t', '    '),
  })
  .map(({ status, account, amount, goods, balance, comment, comments, separator }) => {
    const parts = [amount, goods, balance === undefined ? undefined : `${balance[0]} ${balance[1]}`, comment].filter(
      (part) => part !== undefined,
    )
    const line =
      parts.length === 0 ? `    ${status}${account}` : `    ${status}${account}${separator}${parts.join('  ')}`
    return [line, ...comments.map((text) => `      ${text}`)].join('\n')
  })

const transactionArbitrary = fc
  .record({
    date: dateArbitrary,
    date2: fc.option(dateArbitrary, { nil: undefined }),
    status: fc.constantFrom('', ' *', ' !'),
    code: fc.option(fc.constantFrom('1', 'A-12', ''), { nil: undefined }),
    description: fc.option(
      fc.oneof(
        textArbitrary,
        textArbitrary.map((text) => `${text} | note`),
      ),
      { nil: undefined },
    ),
    comment: fc.option(commentArbitrary, { nil: undefined }),
    comments: fc.array(commentArbitrary, { maxLength: 2 }),
    postings: fc.array(postingArbitrary, { minLength: 1, maxLength: 5 }),
  })
  .map(({ date, date2, status, code, description, comment, comments, postings }) =>
    [
      `${date}${date2 === undefined ? '' : `=${date2}`}${status}${code === undefined ? '' : ` (${code})`}${description === undefined ? '' : ` ${description}`}${comment === undefined ? '' : `  ${comment}`}`,
      ...comments.map((text) => `    ${text}`),
      ...postings,
    ].join('\n'),
  )

const periodArbitrary = fc.oneof(
  fc.integer({ min: 1900, max: 2000 }).map(String),
  fc
    .tuple(fc.integer({ min: 1900, max: 2000 }), fc.integer({ min: 1, max: 4 }))
    .map(([year, quarter]) => `${year}-Q${quarter}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2000 }), fc.integer({ min: 1, max: 12 }))
    .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2000 }), fc.integer({ min: 1, max: 12 }))
    .map(([year, month]) => `${year}-${month}-1..${year + 1}-1-1`),
)

const argArbitrary = fc.oneof(
  wordArbitrary,
  amountArbitrary({ spacesAllowed: false, argument: true }),
  goodsArbitrary,
  fc.integer({ min: -100, max: 100 }).map((value) => `${value}%`),
  fc.constantFrom('9.5%', '36-114', '10x,', 'T28'),
  dateArbitrary,
  periodArbitrary.filter((period) => period.length > 4),
  fc.constantFrom('->', '@', '"quoted; text"', 'ground:'),
)

const directiveArbitrary = fc.oneof(
  fc
    .tuple(accountArbitrary, fc.option(commentArbitrary, { nil: undefined }))
    .map(([account, comment]) => `account ${account}${comment === undefined ? '' : `  ${comment}`}`),
  fc.constantFrom('commodity T28\n    kind: goods\n    unit: tank', 'commodity "T 28"', 'commodity RUB  ; money'),
  fc.constantFrom('entity kirov  ; Kirov Plant\n    title: Kirov Plant, Leningrad\n    sector: state', 'entity abtu'),
  fc
    .tuple(
      fc.constantFrom('norm', 'plan', 'limit'),
      periodArbitrary,
      fc.constantFrom('working-capital', 'wage-fund:itr', 'output:T28'),
      fc.oneof(amountArbitrary({ spacesAllowed: true, argument: false }), goodsArbitrary),
      fc.option(commentArbitrary, { nil: undefined }),
    )
    .map(
      ([keyword, period, category, amount, comment]) =>
        `${keyword}  ${period}  kirov  ${category}  ${amount}${comment === undefined ? '' : `  ${comment}`}`,
    ),
  fc
    .tuple(dateArbitrary, accountArbitrary, goodsArbitrary)
    .map(([date, account, goods]) => `count ${date} ${account}  ${goods}`),
  fc
    .tuple(fc.option(dateArbitrary, { nil: undefined }), fc.array(argArbitrary, { minLength: 1, maxLength: 3 }))
    .map(([date, value]) => `param ${date === undefined ? '' : `${date} `}credit-reform.cutoff ${value.join(' ')}`),
  fc
    .tuple(fc.boolean(), fc.array(argArbitrary, { maxLength: 5 }))
    .map(([negated, args]) => `expect ${negated ? 'no ' : ''}working-capital-above-norm ${args.join('  ')}`.trimEnd()),
  fc
    .tuple(
      dateArbitrary,
      fc.constantFrom('demand', 'accept', 'bill', 'pay'),
      fc.array(argArbitrary, { maxLength: 6 }),
      fc.option(commentArbitrary, { nil: undefined }),
      fc.array(fc.constantFrom('    ground: defects', '    ; note'), { maxLength: 2 }),
    )
    .map(([date, keyword, args, comment, subLines]) =>
      [`${date} ${keyword} ${args.join(' ')}${comment === undefined ? '' : `  ${comment}`}`, ...subLines].join('\n'),
    ),
  fc
    .tuple(dateArbitrary, amountArbitrary({ spacesAllowed: true, argument: false }))
    .map(([date, amount]) => `P ${date} USD ${amount}`),
  fc.constantFrom(
    'payee Gosbank',
    'include sub/1936.journal',
    'Y 1936',
    'year 1937',
    '; top comment',
    '# hash: comment',
    '* star',
    '',
    'comment\nfree text ; x\nend comment',
  ),
)

const journalArbitrary = fc
  .array(fc.oneof(transactionArbitrary, directiveArbitrary), { maxLength: 12 })
  .map((blocks) => `${blocks.join('\n')}\n`)

const meaning = (nodes: ReadonlyArray<Node>): unknown => stripSpans(nodes)

describe('format properties', () => {
  it('generated journals parse without errors', () => {
    fc.assert(
      fc.property(journalArbitrary, (text) => {
        expect(parse('gen.journal', text).errors).toEqual([])
      }),
      { numRuns: Number(process.env['JOURNAL_PROPERTY_RUNS'] ?? 300) },
    )
  })

  it('format is idempotent and preserves the parsed meaning', () => {
    fc.assert(
      fc.property(journalArbitrary, (text) => {
        const nodes = parse('gen.journal', text).nodes
        const formatted = format(nodes)
        const reparsed = parse('gen.journal', formatted)
        expect(reparsed.errors).toEqual([])
        expect(meaning(reparsed.nodes)).toEqual(meaning(nodes))
        expect(format(reparsed.nodes)).toBe(formatted)
      }),
      { numRuns: Number(process.env['JOURNAL_PROPERTY_RUNS'] ?? 300) },
    )
  })
})
