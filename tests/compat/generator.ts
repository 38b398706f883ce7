/**
 * The generator of random journals the differential tests share (fast-check arbitraries): real,
 * virtual and balanced-virtual postings, elided amounts, costs `@`/`@@`, implicit two-commodity
 * conversions, status marks, tags, dates out of order; and random hledger queries.
 */
import fc from 'fast-check'

// -------------------------------------------------------------------------------------
// the generator: journals as data, then as text
// -------------------------------------------------------------------------------------

const COMMODITIES = ['RUB', 'USD', 'EUR'] as const
const ACCOUNTS = [
  'assets:cash',
  'assets:bank',
  'assets:bank:savings',
  'expenses:food',
  'income:salary',
  'liabilities:card',
  'equity',
] as const

/** One posting: account, kind, optional amount (in cents) with an optional cost, status. */
export interface PostingSpec {
  readonly account: string
  readonly virtual: '' | '(' | '['
  readonly cents: number | null
  readonly commodity: string
  readonly cost: null | { readonly operator: '@' | '@@'; readonly cents: number; readonly commodity: string }
  readonly status: '' | '*' | '!'
}
export interface TransactionSpec {
  readonly date: string
  readonly status: '' | '*' | '!'
  readonly description: string
  readonly tag: string | null
  readonly postings: ReadonlyArray<PostingSpec>
}

const money = (cents: number): string => {
  const sign = cents < 0 ? '-' : ''
  const absolute = Math.abs(cents)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

const centsArb = fc.integer({ min: -99999, max: 99999 }).filter((cents) => cents !== 0)
const statusArb = fc.constantFrom<'' | '*' | '!'>('', '', '*', '!')
const accountArb = fc.constantFrom(...ACCOUNTS)
const commodityArb = fc.constantFrom(...COMMODITIES)
const dateArb = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([month, day]) => `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)

const posting = (
  account: string,
  cents: number | null,
  commodity: string,
  status: PostingSpec['status'] = '',
  virtual: PostingSpec['virtual'] = '',
): PostingSpec => ({ account, virtual, cents, commodity, cost: null, status })

/** Real postings in one commodity that balance; the last one elided or written out. */
const plainArb = fc
  .record({
    amounts: fc.array(centsArb, { minLength: 1, maxLength: 3 }),
    accounts: fc.array(accountArb, { minLength: 4, maxLength: 4 }),
    commodity: commodityArb,
    elide: fc.boolean(),
    statuses: fc.array(statusArb, { minLength: 4, maxLength: 4 }),
  })
  .map(({ amounts, accounts, commodity, elide, statuses }) => {
    const postings = amounts.map((cents, index) =>
      posting(accounts[index] as string, cents, commodity, statuses[index]),
    )
    const rest = -amounts.reduce((sum, cents) => sum + cents, 0)
    if (elide || rest !== 0) postings.push(posting(accounts[3] as string, elide ? null : rest, commodity, statuses[3]))
    return postings
  })

/** A plain group, plus `(a)` postings and a balanced `[a]`/`[b]` pair (one side maybe elided). */
const virtualArb = fc
  .record({
    plain: plainArb,
    unbalanced: fc.array(fc.tuple(accountArb, centsArb, commodityArb), { maxLength: 2 }),
    pair: fc.option(fc.tuple(accountArb, accountArb, centsArb, commodityArb, fc.boolean())),
  })
  .map(({ plain, unbalanced, pair }) => {
    const postings = [
      ...plain,
      ...unbalanced.map(([account, cents, commodity]) => posting(`budget:${account}`, cents, commodity, '', '(')),
    ]
    if (pair !== null) {
      const [from, to, cents, commodity, elide] = pair
      postings.push(posting(from, cents, commodity, '', '['), posting(to, elide ? null : -cents, commodity, '', '['))
    }
    return postings
  })

/** An exchange: an amount with a cost (`@` unit price in whole units, or `@@` total), the other side elided or written. */
const costArb = fc
  .record({
    from: accountArb,
    to: accountArb,
    units: fc.integer({ min: -500, max: 500 }).filter((units) => units !== 0),
    price: fc.integer({ min: 1, max: 999 }),
    pair: fc.constantFrom(['USD', 'RUB'], ['EUR', 'USD'], ['EUR', 'RUB']),
    total: fc.boolean(),
    elide: fc.boolean(),
  })
  .map(({ from, to, units, price, pair, total, elide }): PostingSpec[] => {
    const [bought, paid] = pair as [string, string]
    const costCents = units * price
    const cost = total
      ? { operator: '@@' as const, cents: Math.abs(costCents), commodity: paid }
      : { operator: '@' as const, cents: price, commodity: paid }
    return [{ ...posting(from, units * 100, bought), cost }, posting(to, elide ? null : -costCents, paid)]
  })

/** hledger's implicit conversion: two commodities, opposite signs, no cost written. */
const conversionArb = fc
  .record({
    from: accountArb,
    to: accountArb,
    a: fc.integer({ min: 1, max: 99999 }),
    b: fc.integer({ min: 1, max: 99999 }),
    pair: fc.constantFrom(['USD', 'RUB'], ['EUR', 'USD']),
    flip: fc.boolean(),
  })
  .map(({ from, to, a, b, pair, flip }) => [
    posting(from, flip ? -a : a, pair[0] as string),
    posting(to, flip ? b : -b, pair[1] as string),
  ])

export const transactionArb: fc.Arbitrary<TransactionSpec> = fc.record({
  date: dateArb,
  status: statusArb,
  description: fc.constantFrom('groceries', 'salary', 'transfer', 'exchange | at the bank', 'rent'),
  tag: fc.option(fc.constantFrom('project: audit', 'trip:', 'source: TsGIA SPb. F.P-960, Op.7, D.5, 4')),
  postings: fc.oneof(
    { weight: 4, arbitrary: plainArb },
    { weight: 2, arbitrary: virtualArb },
    { weight: 2, arbitrary: costArb },
    { weight: 1, arbitrary: conversionArb },
  ),
})

export const journalArb = fc.array(transactionArb, { minLength: 1, maxLength: 6 })

/** hledger query terms, unanchored (journals are checked in batches under a `jN:` prefix). */
export const termArb = fc.constantFrom(
  'food',
  'bank',
  'acct:cash',
  'acct:savings',
  'assets:bank',
  'desc:shop',
  'desc:salary',
  'payee:exchange',
  'note:bank',
  'cur:RUB',
  'cur:USD',
  'status:*',
  'status:!',
  'status:',
  'real:',
  'real:0',
  'amt:>100',
  'amt:<50',
  'amt:>=-20',
  'amt:<-10',
  'date:2024Q1',
  'date:2024-03',
  'date:2024-02..2024-06',
  'date:..2024-05',
  'date:2024-07..',
  'tag:project',
  'tag:trip',
  'tag:source=TsGIA',
)
export const queryArb = fc.array(
  fc.tuple(fc.boolean(), termArb).map(([negated, term]) => (negated ? `not:${term}` : term)),
  { minLength: 1, maxLength: 3 },
)

const postingText = (spec: PostingSpec): string => {
  const account = spec.virtual === '(' ? `(${spec.account})` : spec.virtual === '[' ? `[${spec.account}]` : spec.account
  let line = `    ${spec.status === '' ? '' : `${spec.status} `}${account}`
  if (spec.cents !== null) {
    line += `  ${money(spec.cents)} ${spec.commodity}`
    if (spec.cost !== null)
      line += ` ${spec.cost.operator} ${spec.cost.operator === '@' ? String(spec.cost.cents) : money(spec.cost.cents)} ${spec.cost.commodity}`
  }
  return line
}

export const journalText = (transactions: ReadonlyArray<TransactionSpec>): string =>
  transactions
    .map((spec) =>
      [
        `${spec.date}${spec.status === '' ? '' : ` ${spec.status}`} ${spec.description}${spec.tag === null ? '' : `  ; ${spec.tag}`}`,
        ...spec.postings.map(postingText),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n')
