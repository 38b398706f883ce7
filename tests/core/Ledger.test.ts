import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { describe, expect, it } from 'vitest'
import * as Amount from '../../src/core/Amount.js'
import * as Commodity from '../../src/core/Commodity.js'
import * as Entity from '../../src/core/Entity.js'
import * as Ledger from '../../src/core/Ledger.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as Query from '../../src/core/Query.js'
import { account, amount, date, posting, sym, transaction } from './fixtures.js'

const unwrap = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) throw new Error(`unexpected error: ${JSON.stringify(result.left)}`)
  return result.right
}

const show = (mixed: Amount.MixedAmount) => Amount.showMixed(mixed)

describe('Ledger.post', () => {
  it('posts a balanced transaction and updates own and subtree balances', () => {
    const ledger = unwrap(
      Ledger.post(
        transaction('1936-03-31', [
          posting('assets:wip:tank-shop', '3200000.00'),
          posting('liabilities:wages', '-1200000'),
          posting('assets:materials', '-2000000'),
        ]),
      )(Ledger.empty()),
    )
    expect(show(Ledger.runningBalance(ledger, account('assets:wip:tank-shop'), 'money', false))).toBe('3200000 RUB')
    expect(show(Ledger.runningBalance(ledger, account('assets'), 'money', true))).toBe('1200000 RUB')
    expect(show(Ledger.runningBalance(ledger, account('assets'), 'money', false))).toBe('0')
  })

  it('fills the one elided amount with the residual, one posting per commodity', () => {
    const ledger = unwrap(
      Ledger.post(
        transaction('1936-01-01', [
          posting('assets:a', '10'),
          { account: account('assets:b'), money: amount('5', 'USD') },
          posting('equity:opening'),
        ]),
      )(Ledger.empty()),
    )
    const [posted] = Ledger.transactions(ledger)
    expect(posted?.postings.map((p) => [p.account, p.money && Amount.showExact(p.money), p.origin])).toEqual([
      ['assets:a', '10 RUB', 'written'],
      ['assets:b', '5 USD', 'written'],
      ['equity:opening', '-10 RUB', 'elided'],
      ['equity:opening', '-5 USD', 'elided'],
    ])
  })

  it('rejects an unbalanced transaction with the residual and changes nothing', () => {
    const before = Ledger.empty()
    const result = Ledger.post(transaction('1936-01-01', [posting('assets:a', '10'), posting('income:b', '-9.99')]))(
      before,
    )
    expect(E.isLeft(result) && result.left._tag).toBe('UnbalancedTransaction')
    if (E.isLeft(result) && result.left._tag === 'UnbalancedTransaction')
      expect(result.left.residual.map(Amount.showExact)).toEqual(['0.01 RUB'])
    expect(before.size).toBe(0)
    expect(Ledger.transactions(before)).toHaveLength(0)
  })

  it('rejects two elided amounts', () => {
    const result = Ledger.post(
      transaction('1936-01-01', [posting('assets:a', '10'), posting('income:b'), posting('income:c')]),
    )(Ledger.empty())
    expect(E.isLeft(result) && result.left._tag).toBe('MultipleElidedAmounts')
  })

  it('keeps goods out of the money balance, and tracks them per account', () => {
    const ledger = unwrap(
      Ledger.post(
        transaction('1936-06-30', [
          { account: account('kirov:assets:finished'), money: amount('380000'), goods: amount('1', 'T28') },
          { account: account('kirov:assets:wip'), money: amount('-380000'), goods: amount('-1', 'T28') },
          { account: account('kirov:assets:shipped'), goods: amount('4', 'T28') },
        ]),
      )(Ledger.empty()),
    )
    expect(show(Ledger.runningBalance(ledger, account('kirov:assets:shipped'), 'goods', false))).toBe('4 T28')
    expect(show(Ledger.runningBalance(ledger, account('kirov:assets'), 'goods', true))).toBe('4 T28')
    expect(show(Ledger.moneyTotals(ledger))).toBe('0')
  })

  it('rejects a goods commodity used as money', () => {
    const ledger = unwrap(Ledger.declareCommodity(Commodity.goods(sym('T28'), 'tank'))(Ledger.empty()))
    const result = Ledger.post(
      transaction('1936-01-01', [{ account: account('assets:a'), money: amount('1', 'T28') }, posting('equity:b')]),
    )(ledger)
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'CommodityKindConflict',
      commodity: 'T28',
      known: 'goods',
      used: 'money',
    })
  })

  it('checks balance assertions against the running balance, including subaccounts with =*', () => {
    const first = unwrap(
      Ledger.post(
        transaction('1936-01-01', [
          posting('assets:bank:current', '100'),
          posting('assets:bank:savings', '50'),
          posting('equity:opening'),
        ]),
      )(Ledger.empty()),
    )
    const ok = Ledger.post(
      transaction('1936-01-02', [
        posting('assets:bank:current', '-10', { assertion: { amount: amount('90'), inclusive: false, sole: false } }),
        posting('expenses:x', '10'),
      ]),
    )(first)
    expect(E.isRight(ok)).toBe(true)
    const inclusive = Ledger.post(
      transaction('1936-01-02', [
        posting('assets:bank', undefined, { assertion: { amount: amount('150'), inclusive: true, sole: false } }),
      ]),
    )(first)
    expect(E.isRight(inclusive)).toBe(true)
    const failed = Ledger.post(
      transaction('1936-01-02', [
        posting('assets:bank:current', '0', { assertion: { amount: amount('99'), inclusive: false, sole: false } }),
      ]),
    )(first)
    expect(E.isLeft(failed) && failed.left).toMatchObject({
      _tag: 'BalanceAssertionFailed',
      account: 'assets:bank:current',
    })
    if (E.isLeft(failed) && failed.left._tag === 'BalanceAssertionFailed')
      expect(Quantity.toString(failed.left.actual)).toBe('100')
  })

  it('applies balance assignments', () => {
    const first = unwrap(
      Ledger.post(transaction('1936-01-01', [posting('assets:cash', '100'), posting('equity:opening')]))(
        Ledger.empty(),
      ),
    )
    const second = unwrap(
      Ledger.post(
        transaction('1936-01-31', [
          posting('assets:cash', undefined, { assertion: { amount: amount('70'), inclusive: false, sole: false } }),
          posting('expenses:food'),
        ]),
      )(first),
    )
    const posted = Ledger.transactions(second)[1]
    expect(posted?.postings.map((p) => p.money && Amount.showExact(p.money))).toEqual(['-30 RUB', '30 RUB'])
    expect(posted?.postings[0]?.origin).toBe('assigned')
  })

  it('fails a sole (==) assertion when another commodity is held', () => {
    const first = unwrap(
      Ledger.post(
        transaction('1936-01-01', [
          posting('assets:cash', '100'),
          { account: account('assets:cash'), money: amount('5', 'USD') },
          posting('equity:opening'),
        ]),
      )(Ledger.empty()),
    )
    const result = Ledger.post(
      transaction('1936-01-02', [
        posting('assets:cash', '0', { assertion: { amount: amount('100'), inclusive: false, sole: true } }),
      ]),
    )(first)
    expect(E.isLeft(result) && result.left._tag).toBe('BalanceAssertionOtherCommodity')
  })

  it('keeps every view persistent: posting to an older view forks instead of changing the newer one', () => {
    const base = unwrap(
      Ledger.post(transaction('1936-01-01', [posting('assets:a', '1'), posting('equity:b')]))(Ledger.empty()),
    )
    const left = unwrap(Ledger.post(transaction('1936-01-02', [posting('assets:a', '10'), posting('equity:b')]))(base))
    const right = unwrap(
      Ledger.post(transaction('1936-01-02', [posting('assets:a', '100'), posting('equity:b')]))(base),
    )
    expect(show(Ledger.runningBalance(left, account('assets:a'), 'money', false))).toBe('11 RUB')
    expect(show(Ledger.runningBalance(right, account('assets:a'), 'money', false))).toBe('101 RUB')
    expect(show(Ledger.runningBalance(base, account('assets:a'), 'money', false))).toBe('1 RUB')
  })

  it('assigns accounts to declared entities and infers types below the entity prefix', () => {
    const ledger = pipe(
      Ledger.empty(),
      Ledger.declareEntity({ name: Entity.unsafeName('kirov'), citations: [] }),
      E.flatMap(
        Ledger.post(transaction('1936-01-01', [posting('kirov:assets:cash', '5'), posting('kirov:equity:fund')])),
      ),
      unwrap,
    )
    const [posted] = Ledger.transactions(ledger)
    expect(posted?.postings[0]?.entity).toBe('kirov')
    expect(Ledger.accountType(ledger.declarations, account('kirov:assets:cash'))).toBe('asset')
    expect(Ledger.accountType(ledger.declarations, account('активы:касса'))).toBe('asset')
    expect(Ledger.accountType(ledger.declarations, account('misc:thing'))).toBeUndefined()
    expect(E.isLeft(Ledger.declareEntity({ name: Entity.unsafeName('gosbank'), citations: [] })(ledger))).toBe(true)
  })
})

describe('Query', () => {
  const ledger = pipe(
    Ledger.empty(),
    Ledger.post(transaction('1936-01-15', [posting('assets:a', '10'), posting('equity:b')])),
    E.flatMap(Ledger.post(transaction('1936-02-15', [posting('assets:a:x', '5'), posting('income:c')]))),
    E.flatMap(Ledger.post(transaction('1936-03-15', [posting('assets:a', '-3'), posting('expenses:d')]))),
    unwrap,
  )

  it('computes balances over a half-open date range', () => {
    expect(
      show(Query.balance(ledger, account('assets:a'), { book: 'money', inclusive: true, end: date('1936-03-15') })),
    ).toBe('15 RUB')
    expect(
      show(Query.balance(ledger, account('assets:a'), { book: 'money', inclusive: false, begin: date('1936-02-01') })),
    ).toBe('-3 RUB')
  })

  it('gives a trial balance that sums to zero', () => {
    const trial = Query.trialBalance(ledger, { book: 'money' })
    expect(trial.rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)).toEqual([
      'assets:a 7 RUB',
      'assets:a:x 5 RUB',
      'equity:b -10 RUB',
      'expenses:d 3 RUB',
      'income:c -5 RUB',
    ])
    expect(trial.totals).toEqual([])
  })

  it('lists a register with running totals', () => {
    const rows = Query.register(ledger, { book: 'money', account: account('assets') })
    expect(rows.map((row) => show(row.running))).toEqual(['10 RUB', '15 RUB', '12 RUB'])
  })
})
