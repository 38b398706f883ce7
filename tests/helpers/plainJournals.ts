/**
 * Random plain journals for the two-thread balance (src/load/Parallel.ts): a prelude of
 * declarations and comments, then transactions (mostly in date order) with amounts of several
 * scales, elided postings, goods, and balance assertions (`=`, `==`, `=*`, `==*`) whose values are
 * computed from the running balances (so most hold; some are off by one unit), with comments and
 * blank lines between, sometimes CRLF line ends; now and then a line that makes the journal
 * ineligible (a directive after the prelude, a date out of order or in another form, an unbalanced
 * transaction, a balance assignment, a transaction of the found view only).
 */
import fc from 'fast-check'

const accounts = ['a', 'a:b', 'a:b:c', 'a:d', 'e', 'e:f', 'g'] as const
const commodities = ['RUB', 'USD'] as const

interface PostingSpec {
  readonly account: number
  readonly units: bigint
  readonly scale: number
  readonly assertion:
    | { readonly kind: '=' | '==' | '=*' | '==*'; readonly off: boolean; readonly after: boolean }
    | undefined
}

interface TransactionSpec {
  readonly step: number
  readonly commodity: number
  readonly postings: ReadonlyArray<PostingSpec>
  readonly elide: boolean
  readonly goods: boolean
  readonly before: 'none' | 'blank' | 'comment' | 'hash' | 'odd'
  readonly odd: number
}

const posting: fc.Arbitrary<PostingSpec> = fc.record({
  account: fc.nat({ max: accounts.length - 1 }),
  units: fc.bigInt({ min: -99_999n, max: 99_999n }),
  scale: fc.nat({ max: 3 }),
  assertion: fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constantFrom('=' as const, '==' as const, '=*' as const, '==*' as const),
        off: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        // the balance after the whole transaction (wrong when a later posting moves it)
        after: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    },
  ),
})

const oddLines = [
  'commodity EUR',
  'P 2024-01-01 USD 90 RUB',
  '2024-01-01 unbalanced\n    a  1 RUB\n    e  -2 RUB',
  '2024-01-01 assignment\n    a  = 5 RUB\n    e',
  'include other.journal',
  '2024-01-01 found later\n    ; view: found\n    a  1 RUB\n    e',
  '2024/01/01 slashed\n    a  1 RUB\n    e',
]

const transaction: fc.Arbitrary<TransactionSpec> = fc.record({
  step: fc.oneof({ weight: 40, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constant(-1) }),
  commodity: fc.nat({ max: commodities.length - 1 }),
  postings: fc.array(posting, { minLength: 1, maxLength: 3 }),
  elide: fc.boolean(),
  goods: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  before: fc.oneof(
    { weight: 6, arbitrary: fc.constant('none' as const) },
    { weight: 3, arbitrary: fc.constant('blank' as const) },
    { weight: 1, arbitrary: fc.constant('comment' as const) },
    { weight: 1, arbitrary: fc.constant('hash' as const) },
    { weight: 1, arbitrary: fc.constant('odd' as const) },
    { weight: 1, arbitrary: fc.constant('none' as const) },
  ),
  odd: fc.nat({ max: 3 * oddLines.length }),
})

const prelude = fc.subarray(
  [
    '; random plain journal',
    'account a:b',
    'account e:f',
    'commodity RUB\n  format 1,000.00 RUB',
    'commodity USD',
    '# a comment',
    '',
  ],
  { minLength: 0 },
)

/** Exact decimal text of `units × 10^-scale`. */
const decimal = (units: bigint, scale: number): string => {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const body = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  return negative ? `-${body}` : body
}

/** Renders the specs, computing assertions from the running balances (in thousandths). */
const render = (head: ReadonlyArray<string>, specs: ReadonlyArray<TransactionSpec>): string => {
  const own = new Map<string, bigint>()
  const key = (account: string, commodity: string) => `${account}\u0000${commodity}`
  const subtree = (account: string, commodity: string): bigint => {
    let sum = 0n
    for (const [name, value] of own) {
      const [holder, symbol] = name.split('\u0000') as [string, string]
      if (symbol === commodity && (holder === account || holder.startsWith(`${account}:`))) sum += value
    }
    return sum
  }
  const lines: string[] = [...head]
  let day = 0
  for (const spec of specs) {
    if (spec.before === 'blank') lines.push('')
    if (spec.before === 'comment') lines.push('; between')
    if (spec.before === 'hash') lines.push('# between')
    if (spec.before === 'odd' && spec.odd < oddLines.length) lines.push(oddLines[spec.odd] as string)
    day = Math.max(0, day + spec.step)
    const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10)
    const commodity = commodities[spec.commodity] as string
    lines.push(`${date} t${lines.length}`)
    let total = 0n
    const later: Array<() => void> = []
    for (const item of spec.postings) {
      const account = accounts[item.account] as string
      const thousandths = item.units * 10n ** BigInt(3 - item.scale)
      total += thousandths
      own.set(key(account, commodity), (own.get(key(account, commodity)) ?? 0n) + thousandths)
      const text = `    ${account}  ${decimal(item.units, item.scale)} ${commodity}`
      lines.push(text)
      const assertion = item.assertion
      if (assertion === undefined) continue
      const at = lines.length - 1
      const fill = () => {
        const inclusive = assertion.kind.endsWith('*')
        const value =
          (inclusive ? subtree(account, commodity) : (own.get(key(account, commodity)) ?? 0n)) +
          (assertion.off ? 1n : 0n)
        lines[at] = `${text} ${assertion.kind} ${decimal(value, 3)} ${commodity}`
      }
      if (assertion.after) later.push(fill)
      else fill()
    }
    if (spec.goods) lines.push('    a:d  [2 T28]')
    const last = 'g'
    own.set(key(last, commodity), (own.get(key(last, commodity)) ?? 0n) - total)
    lines.push(spec.elide ? `    ${last}` : `    ${last}  ${decimal(-total, 3)} ${commodity}`)
    for (const fill of later) fill()
  }
  return `${lines.join('\n')}\n`
}

/** A random plain journal (text), sometimes with CRLF line ends. */
export const plainJournal: fc.Arbitrary<string> = fc
  .tuple(
    prelude,
    fc.array(transaction, { minLength: 2, maxLength: 40 }),
    fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  )
  .map(([head, specs, crlf]) => (crlf ? render(head, specs).replaceAll('\n', '\r\n') : render(head, specs)))
