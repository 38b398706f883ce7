/**
 * The generator of random journals the differential tests share (fast-check arbitraries): real,
 * virtual and balanced-virtual postings, elided amounts, costs `@`/`@@`, implicit two-commodity
 * conversions, status marks, tags, dates out of order, wide amounts (up to 24 integer and 12 decimal
 * digits), journals over three files with CRLF and byte-order marks; and random hledger queries.
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
  /** A wide amount's text (written instead of `cents`, which is then 1). */
  readonly text?: string
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

/** A file of a journal: LF or CRLF line endings, a UTF-8 byte-order mark or none. */
export interface FileStyle {
  readonly crlf: boolean
  readonly bom: boolean
}

/**
 * A journal over three files: `main.journal` includes `parts/a.journal` (before or after its own
 * transactions); `parts/b.journal` is included from `a.journal` (nested) or from the main file.
 */
export interface JournalSpec {
  readonly transactions: ReadonlyArray<TransactionSpec>
  /** For each transaction, its file: 0 main, 1 parts/a, 2 parts/b. */
  readonly placement: ReadonlyArray<number>
  readonly styles: readonly [FileStyle, FileStyle, FileStyle]
  readonly includeFirst: boolean
  readonly nested: boolean
}

export const money = (cents: number): string => {
  const sign = cents < 0 ? '-' : ''
  const absolute = Math.abs(cents)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

const centsArb = fc.integer({ min: -99999, max: 99999 }).filter((cents) => cents !== 0)
const statusArb = fc.constantFrom<'' | '*' | '!'>('', '', '*', '!')
const accountArb = fc.constantFrom(...ACCOUNTS)
const commodityArb = fc.constantFrom(...COMMODITIES)
export const dateArb = fc
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

/** `units` × 10^-`scale` as journal text. */
const decimalText = (units: bigint, scale: number): string => {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0')
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return `${units < 0n ? '-' : ''}${whole}`
}

/** Wide amounts (up to 24 integer and 12 decimal digits) in one commodity, balanced exactly; the last one elided or written. */
const wideArb = fc
  .record({
    amounts: fc.array(
      fc.tuple(
        fc.bigInt({ min: -(10n ** 36n) + 1n, max: 10n ** 36n - 1n }).filter((units) => units !== 0n),
        fc.integer({ min: 0, max: 12 }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    accounts: fc.array(accountArb, { minLength: 4, maxLength: 4 }),
    commodity: commodityArb,
    elide: fc.boolean(),
  })
  .map(({ amounts, accounts, commodity, elide }) => {
    // Each amount keeps at most 24 integer digits at its scale.
    const sized = amounts.map(([units, scale]) => [units % 10n ** BigInt(24 + scale), scale] as const)
    const postings: PostingSpec[] = sized
      .filter(([units]) => units !== 0n)
      .map(([units, scale], index) => ({
        ...posting(accounts[index] as string, 1, commodity),
        text: decimalText(units, scale),
      }))
    const scale = Math.max(...sized.map(([, s]) => s))
    const rest = -sized.reduce((sum, [units, s]) => sum + units * 10n ** BigInt(scale - s), 0n)
    if (elide || rest !== 0n || postings.length === 0)
      postings.push(
        elide
          ? posting(accounts[3] as string, null, commodity)
          : { ...posting(accounts[3] as string, 1, commodity), text: decimalText(rest, scale) },
      )
    return postings
  })

const transactionOf = (wide: boolean): fc.Arbitrary<TransactionSpec> =>
  fc.record({
    date: dateArb,
    status: statusArb,
    description: fc.constantFrom('groceries', 'salary', 'transfer', 'exchange | at the bank', 'rent'),
    tag: fc.option(fc.constantFrom('project: audit', 'trip:', 'source: TsGIA SPb. F.P-960, Op.7, D.5, 4')),
    postings: fc.oneof(
      { weight: 4, arbitrary: plainArb },
      { weight: 2, arbitrary: virtualArb },
      { weight: 2, arbitrary: costArb },
      { weight: 1, arbitrary: conversionArb },
      ...(wide ? [{ weight: 2, arbitrary: wideArb }] : []),
    ),
  })

/** One transaction of any kind, wide amounts included. */
export const transactionArb: fc.Arbitrary<TransactionSpec> = transactionOf(true)

/** A journal in one file, of amounts in cents (what the commands under hledger's names are compared on). */
export const transactionsArb = fc.array(transactionOf(false), { minLength: 1, maxLength: 6 })

const styleArb = fc.record({ crlf: fc.boolean(), bom: fc.boolean() })
/** A journal over three files, wide amounts, CRLF and byte-order marks included. */
export const journalArb: fc.Arbitrary<JournalSpec> = fc
  .array(fc.tuple(transactionArb, fc.constantFrom(0, 0, 1, 2)), { minLength: 1, maxLength: 6 })
  .chain((placed) =>
    fc.record({
      transactions: fc.constant(placed.map(([transaction]) => transaction)),
      placement: fc.constant(placed.map(([, file]) => file)),
      styles: fc.tuple(styleArb, styleArb, styleArb),
      includeFirst: fc.boolean(),
      nested: fc.boolean(),
    }),
  )

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

export const postingText = (spec: PostingSpec): string => {
  const account = spec.virtual === '(' ? `(${spec.account})` : spec.virtual === '[' ? `[${spec.account}]` : spec.account
  let line = `    ${spec.status === '' ? '' : `${spec.status} `}${account}`
  if (spec.cents !== null) {
    line += `  ${spec.text ?? money(spec.cents)} ${spec.commodity}`
    if (spec.cost !== null)
      line += ` ${spec.cost.operator} ${spec.cost.operator === '@' ? String(spec.cost.cents) : money(spec.cost.cents)} ${spec.cost.commodity}`
  }
  return line
}

export const transactionText = (spec: TransactionSpec): string =>
  [
    `${spec.date}${spec.status === '' ? '' : ` ${spec.status}`} ${spec.description}${spec.tag === null ? '' : `  ; ${spec.tag}`}`,
    ...spec.postings.map(postingText),
  ].join('\n')

/** The transactions as one plain file (LF, no byte-order mark), for the multi-period comparison. */
export const journalText = (transactions: ReadonlyArray<TransactionSpec>): string =>
  transactions.length === 0 ? '' : `${transactions.map(transactionText).join('\n\n')}\n`
