/**
 * Lifecycle properties over random operation sequences on a small universe of documents.
 * Commands read the current books to pick plausible values (so many succeed) and also produce
 * invalid ones (so rejections are exercised). Amounts come from bigints, never floats.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Amount, type Entity, Ledger, LocalDate, Quantity, Query, Rate } from '../../src/core/index.js'
import { apply, expand } from '../../src/domain/Apply.js'
import * as Books from '../../src/domain/Books.js'
import { consolidate } from '../../src/domain/Consolidate.js'
import type { Operation } from '../../src/domain/Operation.js'
import {
  abtu,
  context,
  d,
  emptyBooks,
  goods,
  gosbank,
  id,
  kirov,
  label,
  procurer,
  q,
  run,
  STEEL,
  sberkassa,
  T28,
} from './fixtures.js'

type Command = (books: Books.Books, date: LocalDate.LocalDate) => Operation

const money = (min = 1n, max = 5_000_000_00n) =>
  fc.bigInt({ min, max }).map((kopecks) => Quantity.unsafeFromBigInt(kopecks, 2))
const units = fc.integer({ min: 1, max: 6 }).map((n) => Quantity.unsafeFromInteger(n))
const pick = <A>(values: ReadonlyArray<A>) => fc.constantFrom(...values)
const ratio = fc.integer({ min: 0, max: 12 }) // tenths; > 10 overshoots on purpose

const shipmentIds = ['S1', 'S2', 'S3', 'S4'].map(id)
const demandIds = ['P1', 'P2', 'P3', 'P4'].map(id)
const billIds = ['B1', 'B2'].map(id)
const loanIds = ['G1', 'G2', 'G3'].map(id)
const serials = ['U1', 'U2', 'U3', 'U4'].map(label)
const parties: ReadonlyArray<Entity.EntityName> = [kirov, abtu, procurer]
const buyers: ReadonlyArray<Entity.EntityName> = [abtu, abtu, procurer]
const banks: ReadonlyArray<Entity.EntityName> = [gosbank, sberkassa]

/** `amount × tenths / 10`, rounded down to kopecks. */
const share = (amount: Quantity.Quantity, tenths: number): Quantity.Quantity => {
  const result = Quantity.divide(Quantity.unsafeFromInteger(10), { scaleDigits: 2, mode: 'down' })(
    Quantity.multiply(amount, Quantity.unsafeFromInteger(tenths)),
  )
  return E.isRight(result) ? result.right : Quantity.zero
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(units, money()).map(
    ([n, _cost]): Command =>
      (_, date) => ({ _tag: 'LaunchWip', date, entity: kirov, goods: { commodity: T28, quantity: n }, lot: id('L1') }),
  ),
  fc.tuple(units, money()).map(
    ([n, cost]): Command =>
      (_, date) => ({
        _tag: 'CompleteWip',
        date,
        entity: kirov,
        goods: { commodity: T28, quantity: n },
        cost,
        lot: id('L1'),
      }),
  ),
  fc.tuple(units, money()).map(
    ([n, cost]): Command =>
      (_, date) => ({ _tag: 'ReceiveMaterials', date, entity: kirov, goods: { commodity: STEEL, quantity: n }, cost }),
  ),
  fc.tuple(units, money()).map(
    ([n, cost]): Command =>
      (_, date) => ({
        _tag: 'IssueMaterials',
        date,
        entity: kirov,
        goods: { commodity: STEEL, quantity: n },
        cost,
        lot: id('L1'),
      }),
  ),
  fc.tuple(pick(shipmentIds), units, money()).map(
    ([shipment, n, cost]): Command =>
      (_, date) => ({
        _tag: 'Ship',
        date,
        id: shipment,
        entity: kirov,
        buyer: abtu,
        goods: { commodity: T28, quantity: n },
        cost,
        lot: id('L1'),
      }),
  ),
  fc.tuple(pick(demandIds), money(), fc.subarray(shipmentIds, { maxLength: 2 }), pick(buyers)).map(
    ([demand, amount, shipments, buyer]): Command =>
      (_, date) => ({ _tag: 'PresentDemand', date, id: demand, seller: kirov, buyer, amount, shipments }),
  ),
  fc.tuple(pick(demandIds), pick(banks), ratio).map(
    ([demand, bank, tenths]): Command =>
      (books, date) => ({
        _tag: 'CreditOnDocuments',
        date,
        demand,
        bank,
        amount: share(books.demands.get(demand)?.amount ?? Quantity.unsafeFromInteger(1), tenths),
      }),
  ),
  {
    weight: 4,
    arbitrary: fc.tuple(pick(demandIds), ratio, fc.option(units, { nil: undefined }), pick(Books.refusalGrounds)).map(
      ([demand, tenths, acceptedUnits, ground]): Command =>
        (books, date) => ({
          _tag: 'AcceptDemand',
          date,
          demand,
          acceptance:
            tenths === 10
              ? { _tag: 'Full' }
              : {
                  _tag: 'Partial',
                  accepted: share(books.demands.get(demand)?.amount ?? Quantity.unsafeFromInteger(1), tenths),
                  ...(acceptedUnits !== undefined ? { acceptedUnits } : {}),
                  refusal: { ground, text: 'x' },
                },
        }),
    ),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(pick(demandIds), pick(Books.refusalGrounds)).map(
      ([demand, ground]): Command =>
        (_, date) => ({ _tag: 'RefuseDemand', date, demand, refusal: { ground, text: '' } }),
    ),
  },
  pick(demandIds).map(
    (demand): Command =>
      (_, date) => ({ _tag: 'LapseAcceptance', date, demand }),
  ),
  {
    weight: 4,
    arbitrary: fc.tuple(pick(demandIds), ratio).map(
      ([demand, tenths]): Command =>
        (books, date) => {
          const found = books.demands.get(demand)
          const open =
            found?.decision === undefined
              ? Quantity.unsafeFromInteger(1)
              : Quantity.subtract(found.decision.accepted, found.paid)
          return { _tag: 'PayDemand', date, demand, amount: share(open, tenths) }
        },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(pick(demandIds), fc.boolean()).map(
      ([demand, returnGoods]): Command =>
        (_, date) => ({ _tag: 'ReverseRemainder', date, demand, returnGoods }),
    ),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(pick(demandIds), pick(billIds), pick(['bill', 'cheque'] as const), pick(parties)).map(
      ([demand, instrumentId, instrument, payee]): Command =>
        (_, date) => ({
          _tag: 'DivertRemainder',
          date,
          demand,
          instrument,
          instrumentId,
          payee,
          maturity: LocalDate.max(date, d('1936-09-01')),
        }),
    ),
  },
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.subarray(serials, { minLength: 1, maxLength: 2 }), money()).map(
    ([n, units, cost]): Command =>
      (_, date) => ({
        _tag: 'ProvisionalAcceptance',
        date,
        id: id(`PA${n}`),
        seller: kirov,
        buyer: abtu,
        lot: id('L1'),
        goods: { commodity: T28, quantity: Quantity.unsafeFromInteger(units.length) },
        cost,
        serials: units,
      }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 99 }), pick(serials), fc.boolean()).map(
    ([n, serial, accepted]): Command =>
      (_, date) => ({
        _tag: 'FinalAcceptance',
        date,
        id: id(`FA${n}`),
        seller: kirov,
        buyer: abtu,
        lot: id('L1'),
        goods: { commodity: T28, quantity: Quantity.unsafeFromInteger(1) },
        cost: q('1.00'),
        outcome: accepted ? 'accepted' : 'rejected',
        serials: [serial],
      }),
  ),
  fc.tuple(pick(loanIds), pick(banks), pick(parties), money()).map(
    ([loan, lender, borrower, principal]): Command =>
      (_, date) => ({
        _tag: 'DrawLoan',
        date,
        id: loan,
        lender,
        borrower,
        loanKind: lender === sberkassa ? 'savingsBank' : 'gosbankShortTerm',
        purpose: 'p',
        collateral: { lots: [], contracts: [] },
        principal,
        rate: Rate.unsafeFraction('0.09'),
        termMonths: 12,
        scheme: 'simple',
        dayCount: 'actual/360',
      }),
  ),
  pick(loanIds).map(
    (loan): Command =>
      (_, date) => ({ _tag: 'AccrueInterest', date, loan }),
  ),
  fc.tuple(pick(loanIds), ratio, ratio).map(
    ([loan, p, i]): Command =>
      (books, date) => {
        const found = books.loans.get(loan)
        return {
          _tag: 'RepayLoan',
          date,
          loan,
          principal: share(found?.outstandingPrincipal ?? Quantity.unsafeFromInteger(1), p),
          interest: share(found?.outstandingInterest ?? Quantity.zero, i),
        }
      },
  ),
  fc.tuple(pick(loanIds), pick(loanIds), ratio).map(
    ([loan, newLoan, extra]): Command =>
      (books, date) => {
        const found = books.loans.get(loan)
        const outstanding =
          found === undefined
            ? Quantity.unsafeFromInteger(1)
            : Quantity.add(found.outstandingPrincipal, found.outstandingInterest)
        return {
          _tag: 'RefinanceLoan',
          date,
          loan,
          newLoan,
          principal: Quantity.add(outstanding, share(outstanding, extra - 2)),
          rate: Rate.unsafeFraction('0.07'),
          termMonths: 6,
          scheme: 'annuity',
          dayCount: '30/360',
        }
      },
  ),
  fc.tuple(pick(billIds), pick(parties), pick(parties), money(), pick(['debt', 'expense'] as const)).map(
    ([bill, drawer, payee, face, settles]): Command =>
      (_, date) => ({
        _tag: 'DrawBill',
        date,
        id: bill,
        drawer,
        payee,
        face,
        maturity: LocalDate.max(date, d('1936-09-01')),
        settles,
      }),
  ),
  fc.tuple(pick(billIds), pick(parties)).map(
    ([bill, to]): Command =>
      (books, date) => ({
        _tag: 'EndorseBill',
        date,
        bill,
        from: books.bills.get(bill)?.holder ?? kirov,
        to,
        settles: 'expense',
      }),
  ),
  fc.tuple(pick(billIds), pick(banks), fc.bigInt({ min: 0n, max: 1500n })).map(
    ([bill, bank, basisPoints]): Command =>
      (books, date) => ({
        _tag: 'DiscountBill',
        date,
        bill,
        holder: books.bills.get(bill)?.holder ?? procurer,
        bank,
        rate: Rate.fraction(Quantity.unsafeFromBigInt(basisPoints, 4)),
      }),
  ),
  pick(billIds).map(
    (bill): Command =>
      (_, date) => ({ _tag: 'RedeemBill', date, bill }),
  ),
  pick(billIds).map(
    (bill): Command =>
      (_, date) => ({ _tag: 'ProtestBill', date, bill }),
  ),
  fc.tuple(pick(parties), fc.subarray([...Books.paymentClasses])).map(
    ([entity, permitted]): Command =>
      (_, date) => ({ _tag: 'FreezeAccount', date, entity, permitted, authority: 'bank' }),
  ),
  pick(parties).map(
    (entity): Command =>
      (_, date) => ({ _tag: 'UnfreezeAccount', date, entity, authority: 'bank' }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 12 })).map(
    ([n, counted]): Command =>
      (_, date) => ({
        _tag: 'PhysicalCount',
        date,
        id: id(`CNT${n}`),
        entity: kirov,
        account: 'kirov:assets:finished:L1' as never,
        commodity: T28,
        counted: Quantity.unsafeFromInteger(counted),
        unitValue: q('1000.50'),
      }),
  ),
)

/** Commands with day steps: dates never go backwards; a step of 0 keeps the same day. */
const gap = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 })
const scenario = fc.array(fc.tuple(gap, command), { minLength: 5, maxLength: 40, size: 'medium' })

/** Every run starts with live documents of each kind, so lifecycle commands have something to act on. */
const start = (): Books.Books =>
  run(
    emptyBooks(),
    { _tag: 'LaunchWip', date: d('1936-05-01'), entity: kirov, goods: goods('12'), lot: id('L1') },
    {
      _tag: 'CompleteWip',
      date: d('1936-05-02'),
      entity: kirov,
      goods: goods('10'),
      cost: q('3000000.00'),
      lot: id('L1'),
    },
    {
      _tag: 'Ship',
      date: d('1936-06-01'),
      id: id('S1'),
      entity: kirov,
      buyer: abtu,
      goods: goods('3'),
      cost: q('900000.00'),
      lot: id('L1'),
    },
    {
      _tag: 'Ship',
      date: d('1936-06-01'),
      id: id('S2'),
      entity: kirov,
      buyer: abtu,
      goods: goods('2'),
      cost: q('600000.01'),
      lot: id('L1'),
    },
    {
      _tag: 'PresentDemand',
      date: d('1936-06-01'),
      id: id('P1'),
      seller: kirov,
      buyer: abtu,
      amount: q('1140000.00'),
      units: goods('3'),
      shipments: [id('S1')],
    },
    {
      _tag: 'PresentDemand',
      date: d('1936-06-01'),
      id: id('P2'),
      seller: kirov,
      buyer: abtu,
      amount: q('760000.00'),
      units: goods('2'),
      shipments: [id('S2')],
    },
    {
      _tag: 'PresentDemand',
      date: d('1936-06-01'),
      id: id('P3'),
      seller: kirov,
      buyer: abtu,
      amount: q('380000.00'),
      shipments: [],
    },
    {
      _tag: 'DrawLoan',
      date: d('1936-06-01'),
      id: id('G1'),
      lender: gosbank,
      borrower: kirov,
      loanKind: 'gosbankShortTerm',
      purpose: 'WIP',
      collateral: { lots: [id('L1')], contracts: [] },
      principal: q('1000000.00'),
      rate: Rate.unsafeFraction('0.06'),
      termMonths: 6,
      scheme: 'simple',
      dayCount: 'actual/360',
    },
    {
      _tag: 'DrawLoan',
      date: d('1936-06-01'),
      id: id('G2'),
      lender: sberkassa,
      borrower: abtu,
      loanKind: 'savingsBank',
      purpose: 'pay',
      collateral: { lots: [id('L1')], contracts: [] },
      principal: q('333333.33'),
      rate: Rate.unsafeFraction('0.09'),
      termMonths: 120,
      scheme: 'annuity',
      dayCount: 'actual/365',
    },
    {
      _tag: 'DrawBill',
      date: d('1936-06-01'),
      id: id('B1'),
      drawer: kirov,
      payee: procurer,
      face: q('123456.78'),
      maturity: d('1936-06-15'),
      settles: 'expense',
    },
    {
      _tag: 'ProvisionalAcceptance',
      date: d('1936-06-01'),
      id: id('PA'),
      seller: kirov,
      buyer: abtu,
      lot: id('L1'),
      goods: goods('2'),
      cost: q('600000.00'),
      serials: [label('U1'), label('U2')],
    },
  )

interface Step {
  readonly before: Books.Books
  readonly operation: Operation
  readonly result: E.Either<unknown, Books.Books>
}

/** Runs a scenario, returning every step. */
const play = (steps: ReadonlyArray<readonly [number, Command]>): ReadonlyArray<Step> => {
  let books = start()
  let day = LocalDate.toDayNumber(d('1936-06-02'))
  const result: Step[] = []
  for (const [gap, make] of steps) {
    day += gap
    const date = LocalDate.fromDayNumber(day)
    if (E.isLeft(date)) throw new Error('date')
    const operation = make(books, date.right)
    const applied = apply(operation, context)(books)
    result.push({ before: books, operation, result: applied })
    if (E.isRight(applied)) books = applied.right
  }
  return result
}

const last = (steps: ReadonlyArray<Step>): Books.Books => {
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index] as Step
    if (E.isRight(step.result)) return step.result.right
  }
  return start()
}

/** Sum per key of `(entity, commodity)` over a transaction's postings in one book. */
const sums = (
  postings: ReadonlyArray<{
    readonly entity?: Entity.EntityName
    readonly money?: Amount.Amount
    readonly goods?: Amount.Amount
  }>,
  book: 'money' | 'goods',
) => {
  const totals = new Map<string, Quantity.Quantity>()
  for (const posting of postings) {
    const amount = book === 'money' ? posting.money : posting.goods
    if (amount === undefined) continue
    const key = `${posting.entity ?? ''}|${amount.commodity}`
    totals.set(key, Quantity.add(totals.get(key) ?? Quantity.zero, amount.quantity))
  }
  return [...totals.values()]
}

const isMap = (value: unknown): value is ReadonlyMap<unknown, unknown> =>
  value instanceof Map ||
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as ReadonlyMap<unknown, unknown>).entries === 'function' &&
    'size' in value)

/** Everything observable through one books value, as plain text. */
const snapshot = (books: Books.Books): string => {
  const show = (value: unknown): unknown =>
    Quantity.isQuantity(value)
      ? Quantity.toString(value)
      : isMap(value)
        ? [...value.entries()].map(([k, v]) => [k, show(v)])
        : Array.isArray(value)
          ? value.map(show)
          : typeof value === 'object' && value !== null
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)]))
            : value
  return JSON.stringify({
    ledger: books.ledger.size,
    money: Query.trialBalance(books.ledger, { book: 'money' }).rows.map(
      (row) => `${row.account} ${Amount.showExact(row.amount)}`,
    ),
    goods: Query.trialBalance(books.ledger, { book: 'goods' }).rows.map(
      (row) => `${row.account} ${Amount.showExact(row.amount)}`,
    ),
    documents: show(books.documents),
    accounts: show(books.settlementAccounts),
    history: Books.history(books).length,
    size: books.size,
  })
}

const runs = { numRuns: 200 }

it.skipIf(process.env.DOMAIN_COVERAGE === undefined)('coverage of the generator (diagnostic)', () => {
  const ok = new Map<string, number>()
  const failed = new Map<string, number>()
  fc.assert(
    fc.property(scenario, (steps) => {
      for (const step of play(steps)) {
        const target = E.isRight(step.result) ? ok : failed
        const key = E.isRight(step.result)
          ? step.operation._tag
          : `${step.operation._tag}:${(step.result.left as { _tag: string })._tag}`
        target.set(key, (target.get(key) ?? 0) + 1)
      }
    }),
    runs,
  )
  console.log([...ok.entries()].sort(), [...failed.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40))
})

describe('lifecycle properties', () => {
  it('money balances per entity and currency in every posted transaction; the whole group consolidates to zero', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const books = last(play(steps))
        for (const transaction of Ledger.transactions(books.ledger))
          for (const total of sums(transaction.postings, 'money')) expect(Quantity.isZero(total)).toBe(true)
        const group = consolidate(books, [kirov, abtu, gosbank, sberkassa, procurer], { book: 'money' })
        let sum = Quantity.zero
        for (const balance of group.balances.values())
          sum = Quantity.add(sum, Amount.quantityOf(balance, books.currency))
        expect(Quantity.isZero(sum)).toBe(true)
      }),
      runs,
    )
  })

  it('units are conserved per entity and commodity across stages, and no stage account goes negative', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const books = last(play(steps))
        for (const transaction of Ledger.transactions(books.ledger))
          for (const total of sums(transaction.postings, 'goods')) expect(Quantity.isZero(total)).toBe(true)
        for (const row of Query.trialBalance(books.ledger, { book: 'goods' }).rows) {
          const stage = Books.stageOf(books, row.account)
          if (stage !== 'external' && stage !== 'countDifference')
            expect(Quantity.sign(row.amount.quantity)).toBeGreaterThanOrEqual(0)
        }
      }),
      runs,
    )
  })

  it('accepted + refused = presented; paid ≤ accepted; a closed demand is paid and its remainder disposed', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const books = last(play(steps))
        for (const demand of books.demands.values()) {
          if (demand.decision !== undefined) {
            expect(
              Quantity.equals(Quantity.add(demand.decision.accepted, demand.decision.refused), demand.amount),
            ).toBe(true)
            expect(Quantity.compare(demand.paid, demand.decision.accepted)).toBeLessThanOrEqual(0)
            expect(demand.remainder === undefined).toBe(Quantity.isZero(demand.decision.refused))
          } else expect(Quantity.isZero(demand.paid)).toBe(true)
          if (demand.status === 'Closed') {
            expect(Quantity.equals(demand.paid, demand.decision?.accepted ?? Quantity.zero)).toBe(true)
            expect(demand.remainder?.disposition._tag ?? 'none').not.toBe('Open')
          }
        }
        for (const bill of books.bills.values())
          for (const event of bill.discounts)
            expect(Quantity.equals(Quantity.add(event.discount, event.proceeds), bill.face)).toBe(true)
      }),
      runs,
    )
  })

  it('a terminal document accepts no further operation', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        for (const step of play(steps)) {
          if (E.isLeft(step.result)) continue
          const expanded = expand(step.operation, context)(step.before)
          if (E.isLeft(expanded)) throw new Error('expand disagrees with apply')
          for (const document of expanded.right.documents) {
            const previous = step.before.documents.get(document.id)
            if (previous !== undefined) expect(Books.isTerminal(previous)).toBe(false)
          }
        }
      }),
      runs,
    )
  })

  it('a rejected operation changes nothing, in either book or any document', () => {
    fc.assert(
      fc.property(scenario, command, fc.integer({ min: 0, max: 4 }), (steps, extra, gap) => {
        const books = last(play(steps))
        const before = snapshot(books)
        const date = LocalDate.addDays(gap)(d('1936-09-30'))
        if (E.isLeft(date)) throw new Error('date')
        const operation = extra(books, date.right)
        const result = apply(operation, context)(books)
        expect(snapshot(books)).toBe(before)
        if (E.isLeft(result)) {
          // And the same books still accept a valid operation afterwards, as if nothing had happened.
          const next = apply(
            { _tag: 'ReceiveMaterials', date: date.right, entity: kirov, goods: goods('1', STEEL), cost: q('1.00') },
            context,
          )(books)
          expect(E.isRight(next) && next.right.size).toBe(books.size + 1)
          expect(snapshot(books)).toBe(before)
        }
      }),
      runs,
    )
  })
})
