/**
 * The paper's rules R16, R18, R19 and R20 (issue 20): each fires on its mechanism, stays silent on
 * the near miss, and says nothing (or only info) when an input is absent.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { LocalDate, Quantity } from '../../src/core/index.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { builtInRules, type Finding, measureOf, reconcile } from '../../src/reconcile/index.js'

const head = `entity kirov
    sector: state
entity abtu
    sector: military
commodity RUB
    format 1,000.00 RUB
commodity T28
    kind: goods
    unit: tank

1936-01-01 * Opening balances
    kirov:assets:bank:current   1,000,000.00 RUB
    kirov:equity:statutory-fund
`

const run = (
  rule: string,
  body: string,
  asOf: string,
  overrides: ReadonlyMap<string, string> = new Map(),
): ReadonlyArray<Finding> => {
  const loaded = loadText('t.journal', `${head}\n${body}`, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left))
  const { books, reported, settings } = loaded.right
  const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString(asOf) }, builtInRules, {
    only: [rule],
    overrides,
  })
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

const shown = (finding: Finding, key: string): string | undefined => {
  const value = measureOf(finding, key)
  if (value === undefined) return undefined
  switch (value._tag) {
    case 'Amount':
      return Quantity.toString(value.amount.quantity)
    case 'Percent':
      return Quantity.toString(value.percent)
    case 'Number':
      return Quantity.toString(value.value)
    case 'Interval':
      return value.written
    case 'NotComputable':
      return `not computable: no ${value.missing}`
  }
}

describe('built-in rules', () => {
  it('are 24 (the twenty of domain.md less R16-R20 numbering gaps, the generic checks and source-conflict), R16 to R20 among them', () => {
    expect(builtInRules).toHaveLength(24)
    expect(builtInRules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining(['payment-priority', 'wage-arrears', 'specification-overhead', 'soft-targets']),
    )
  })
})

const queue = (overheadsOn: string): string => `
1936-02-01 * Loan
    kirov:assets:bank:current              500,000.00 RUB
    kirov:liabilities:gosbank:short-term  -500,000.00 RUB  ; class: loans, due: 1936-03-15
1936-03-01 * Invoice
    kirov:assets:materials                 200,000.00 RUB
    kirov:liabilities:payables            -200,000.00 RUB  ; class: suppliers, due: 1936-03-20
${overheadsOn} * Overheads  ; class: overheads
    kirov:expenses:overhead                150,000.00 RUB
    kirov:assets:bank:current
1936-04-01 * Loan repaid
    kirov:liabilities:gosbank:short-term   500,000.00 RUB
    kirov:assets:bank:current
1936-04-02 * Invoice paid
    kirov:liabilities:payables             200,000.00 RUB
    kirov:assets:bank:current
`

describe('payment-priority (R16)', () => {
  it('warns on overheads paid while a loan and an invoice are overdue, with the queue', () => {
    const findings = run('payment-priority', queue('1936-03-25'), '1936-12-31')
    expect(
      findings.map((finding) => [
        finding.severity,
        finding.date,
        shown(finding, 'paid'),
        shown(finding, 'overdue:loans'),
        shown(finding, 'overdue:suppliers'),
      ]),
    ).toEqual([['warn', '1936-03-25', '150000', '500000', '200000']])
    expect(findings[0]?.evidence).toHaveLength(3)
  })
  it('is silent on the due date itself, and counts only the overdue class', () => {
    expect(run('payment-priority', queue('1936-03-15'), '1936-12-31')).toEqual([])
    const onlyLoan = run('payment-priority', queue('1936-03-18'), '1936-12-31')
    expect(onlyLoan.map((finding) => [shown(finding, 'overdue:loans'), shown(finding, 'overdue:suppliers')])).toEqual([
      ['500000', undefined],
    ])
  })
  it('uses the order in force on the payment date (effective-dated), and graceDays', () => {
    // from 1936-03-01 overheads rank above loans: no breach on 25 March
    expect(
      run(
        'payment-priority',
        `param 1936-03-01 payment-priority.order wages,overheads,loans,suppliers\n${queue('1936-03-25')}`,
        '1936-12-31',
      ),
    ).toEqual([])
    // the same setting dated after the payment does not apply to it
    expect(
      run(
        'payment-priority',
        `param 1936-06-01 payment-priority.order wages,overheads,loans,suppliers\n${queue('1936-03-25')}`,
        '1936-12-31',
      ),
    ).toHaveLength(1)
    expect(
      run('payment-priority', queue('1936-03-25'), '1936-12-31', new Map([['payment-priority.graceDays', '10']])),
    ).toHaveLength(0)
  })
  it('does not judge a class outside the order, nor a due tag that is not a date', () => {
    expect(
      run('payment-priority', queue('1936-03-25').replace('class: overheads', 'class: misc'), '1936-12-31'),
    ).toEqual([])
    expect(
      run(
        'payment-priority',
        queue('1936-03-25').replace('due: 1936-03-15', 'due: soon').replace('due: 1936-03-20', 'due: later'),
        '1936-12-31',
      ),
    ).toEqual([])
  })
  it('reads a breach the record states, and nothing from a "no"', () => {
    expect(
      run('payment-priority', 'reported 1936 kirov payment-priority:overheads-before-loans yes\n', '1936-12-31').map(
        (finding) => finding.message,
      ),
    ).toEqual([
      'The record states that kirov paid overheads before loans in 1936: a breach of the payment order, stated without amounts (the books hold no payment queue for it).',
    ])
    expect(
      run('payment-priority', 'reported 1936 kirov payment-priority:overheads-before-loans no\n', '1936-12-31'),
    ).toEqual([])
  })
})

const payroll = (paidOn: string): string => `
plan 1936 kirov wage-fund 1,000,000.00 RUB
1936-01-31 wages kirov workers 400,000.00 RUB
1936-02-05 pay-wages kirov 400,000.00 RUB
1936-02-29 wages kirov workers 400,000.00 RUB
${paidOn} pay-wages kirov 400,000.00 RUB
`

describe('wage-arrears (R18)', () => {
  it('ages wages payable: late when paid after more than one pay period', () => {
    expect(run('wage-arrears', payroll('1936-03-31'), '1936-12-31')).toEqual([]) // 31 days: one pay period
    const late = run('wage-arrears', payroll('1936-04-01'), '1936-12-31')
    expect(late.map((finding) => [finding.date, shown(finding, 'overdue'), shown(finding, 'oldest-days')])).toEqual([
      ['1936-04-01', '400000', '32'],
    ])
  })
  it('counts wages still unpaid on the as-of date', () => {
    const open = run(
      'wage-arrears',
      `${payroll('1936-03-10')}1936-03-31 wages kirov workers 100,000.00 RUB\n`,
      '1936-06-30',
    )
    expect(
      open.map((finding) => [
        finding.date,
        shown(finding, 'overdue:unpaid'),
        shown(finding, 'unpaid'),
        shown(finding, 'oldest-days'),
      ]),
    ).toEqual([['1936-06-30', '100000', '100000', '91']])
  })
  it('does not read books without any wage payment as arrears', () => {
    expect(run('wage-arrears', '1936-01-31 wages kirov workers 400,000.00 RUB\n', '1936-12-31')).toEqual([])
  })
  it('warns at the draw that exceeds what is left of the fund', () => {
    const findings = run(
      'wage-arrears',
      `${payroll('1936-03-05')}1936-03-31 wages kirov workers 300,000.00 RUB\n1936-04-05 pay-wages kirov 300,000.00 RUB\n`,
      '1936-12-31',
    )
    expect(
      findings.map((finding) => [
        finding.date,
        shown(finding, 'excess'),
        shown(finding, 'remaining-before'),
        shown(finding, 'draw'),
      ]),
    ).toEqual([['1936-04-05', '100000', '200000', '300000']])
    // 1,000,000.00 drawn exactly: not beyond the fund
    expect(
      run(
        'wage-arrears',
        `${payroll('1936-03-05')}1936-03-31 wages kirov workers 200,000.00 RUB\n1936-04-05 pay-wages kirov 200,000.00 RUB\n`,
        '1936-12-31',
      ),
    ).toEqual([])
  })
  it('reads reported arrears in months (at least 28 days each) against the pay period', () => {
    expect(
      run('wage-arrears', 'reported 1936-11 kirov wages-unpaid:months 2\n', '1936-12-31').map((finding) =>
        shown(finding, 'unpaid-days:at-least'),
      ),
    ).toEqual(['56'])
    expect(run('wage-arrears', 'reported 1936-11 kirov wages-unpaid:months 1\n', '1936-12-31')).toEqual([])
    expect(run('wage-arrears', 'reported 1936-11 kirov wages-unpaid:days 32\n', '1936-12-31')).toHaveLength(1)
  })
})

describe('specification-overhead (R19)', () => {
  const staff = (to: number): string =>
    `reported 1937-03 kirov headcount:SKB 42\nreported 1937-06 kirov headcount:SKB ${to}\n`
  it('without any accepted output in the books or the record: info, output not read as zero', () => {
    const findings = run('specification-overhead', staff(82), '1937-06-30')
    expect(findings.map((finding) => [finding.severity, shown(finding, 'growth'), shown(finding, 'accepted')])).toEqual(
      [['info', '95.24', undefined]],
    )
  })
  it('with deliveries reported as zero: warn; below 50 % growth: silent', () => {
    const zero = 'reported 1937-01-01..1937-06-01 kirov deliveries:T28 [0 T28]\n'
    expect(
      run('specification-overhead', `${staff(82)}${zero}`, '1937-06-30').map((finding) => [
        finding.severity,
        shown(finding, 'accepted'),
      ]),
    ).toEqual([['warn', '0']])
    expect(run('specification-overhead', `${staff(62)}${zero}`, '1937-06-30')).toEqual([]) // 47.6 %
    expect(run('specification-overhead', `${staff(63)}${zero}`, '1937-06-30')).toHaveLength(1) // exactly 50 %
  })
  it('figures further apart than windowDays are not a quarter', () => {
    expect(
      run(
        'specification-overhead',
        'reported 1937-01 kirov headcount:SKB 42\nreported 1937-06 kirov headcount:SKB 82\n',
        '1937-06-30',
      ),
    ).toEqual([])
  })
})

describe('soft-targets (R20)', () => {
  it('warns on a plan at most 60 % of the target offered, exactly', () => {
    expect(
      run(
        'soft-targets',
        'plan 1934 kirov output:T28 [60 T28]\nreported 1934 kirov offered:output:T28 [100 T28]\n',
        '1934-12-31',
      ).map((finding) => shown(finding, 'share')),
    ).toEqual(['60'])
    expect(
      run(
        'soft-targets',
        'plan 1934 kirov output:T28 [61 T28]\nreported 1934 kirov offered:output:T28 [100 T28]\n',
        '1934-12-31',
      ),
    ).toEqual([])
  })
  it('judges nothing without a capacity, or without a plan for it', () => {
    expect(run('soft-targets', 'plan 1934 kirov output:T28 [10 T28]\n', '1934-12-31')).toEqual([])
    expect(run('soft-targets', 'reported 1934 kirov capacity:output:T28 [100 T28]\n', '1934-12-31')).toEqual([])
  })
  it('gives info for three back-to-back periods above 110 %, and not across a gap', () => {
    const three =
      'reported 1935-Q1 kirov plan-fulfilment 118%\nreported 1935-Q2 kirov plan-fulfilment 121%\nreported 1935-Q3 kirov plan-fulfilment 115%\n'
    expect(
      run('soft-targets', three, '1935-12-31').map((finding) => [finding.severity, shown(finding, 'periods')]),
    ).toEqual([['info', '3']])
    expect(run('soft-targets', three.replace('1935-Q2', '1935-Q4'), '1935-12-31')).toEqual([])
    expect(run('soft-targets', three.replace('121%', '110%'), '1935-12-31')).toEqual([])
  })
})
