/**
 * The Kirov Plant at the end of 1936 as aggregate books (domain.md §5.4): a historian's plain
 * transactions for the balances and the payroll, plans and norms as operations, reported figures
 * as statements.
 */
import type { ReportedFigure } from '../../src/domain/Statements.js'
import { BooksBuilder, label, percent, reported, sym } from './fixtures.js'

export const kirov1936 = (): { readonly builder: BooksBuilder; readonly reported: ReadonlyArray<ReportedFigure> } => {
  const b = new BooksBuilder()
  b.setPlan(
    '1936-12-31',
    'kirov',
    { _tag: 'WorkingCapitalNorm', category: 'total' },
    '1936',
    '91372000.00',
    undefined,
    { estimated: true, citation: 'TsGIA SPb. F.P-960, Op.7, D.5, 4' },
  )
  b.setPlan(
    '1936-01-01',
    'kirov',
    { _tag: 'WageFund', staffCategory: label('total') },
    '1936',
    '88000000.00',
    undefined,
    { citation: 'TsGIA SPb. F.P-960, Op.7, D.2, 37' },
  )
  b.setPlan('1936-01-01', 'kirov', { _tag: 'OutputPlan', commodity: sym('T28') }, '1936', '400000000.00', '101')
  b.tx('1936-01-15', 'Gosbank short-term credit', [
    { account: 'kirov:assets:bank:current', money: '53765000.00' },
    { account: 'kirov:liabilities:gosbank:short-term', money: '-53765000.00' },
  ])
  const quarters: ReadonlyArray<readonly [string, string]> = [
    ['1936-03-31', '30000000.00'],
    ['1936-06-30', '10000000.00'],
    ['1936-09-30', '10000000.00'],
    ['1936-12-31', '10137000.00'],
  ]
  for (const [date, amount] of quarters) {
    b.tx(
      date,
      "Tank shop: quarter's work in progress",
      [
        { account: 'kirov:assets:wip', money: amount },
        { account: 'kirov:assets:bank:current', money: `-${amount}` },
      ],
      { citation: 'TsGIA SPb. F.P-960, Op.7, D.2, 37' },
    )
  }
  b.tx(
    '1936-06-30',
    'T-28 recorded as produced under the plan',
    [
      { account: 'kirov:assets:finished:T28', goods: ['101', 'T28'] },
      { account: 'kirov:assets:wip', goods: ['-101', 'T28'] },
    ],
    { citation: 'TsGIA SPB F.P-1788, Op. 27, D.12, 16' },
  )
  b.tx('1936-12-31', 'Sales 1936 at plan prices', [
    { account: 'kirov:assets:receivables', money: '420000000.00' },
    { account: 'kirov:income:sales', money: '-420000000.00' },
  ])
  b.tx('1936-12-31', 'Collections 1936', [
    { account: 'kirov:assets:bank:current', money: '395000000.00' },
    { account: 'kirov:assets:receivables', money: '-395000000.00' },
  ])
  b.tx(
    '1936-12-31',
    'Payroll 1936',
    [
      { account: 'kirov:expenses:wages', money: '110500000.00' },
      { account: 'kirov:expenses:wages:ITR', money: '6500000.00' },
      { account: 'kirov:assets:bank:current', money: '-117000000.00' },
    ],
    { citation: 'TsGIA SPb. F.P-960, Op.7, D.2, 37' },
  )
  b.tx('1936-12-31', 'Materials, finished goods and overheads 1936', [
    { account: 'kirov:assets:materials', money: '30000000.00' },
    { account: 'kirov:assets:finished', money: '20000000.00' },
    { account: 'kirov:expenses:overhead', money: '211628000.00' },
    { account: 'kirov:assets:bank:current', money: '-261628000.00' },
  ])
  const figures = [
    reported(b, '1936', 'kirov', 'plan-fulfilment', percent('114'), 'TsGIA SPb F. P-960, Op.7, D.388, 14'),
    reported(b, '1936', 'kirov', 'rejection-rate', percent('12.8'), 'Istoriia sozdaniia … T.3, 547-548'),
  ]
  return { builder: b, reported: figures }
}
