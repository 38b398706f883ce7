/** Each operation's expansion (exact postings and goods movements) and each of its precondition errors. */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Ledger, Period, Quantity, Rate } from '../../src/core/index.js'
import { apply } from '../../src/domain/Apply.js'
import * as Books from '../../src/domain/Books.js'
import type { Operation } from '../../src/domain/Operation.js'
import {
  abtu,
  context,
  d,
  emptyBooks,
  errorOf,
  expansion,
  failure,
  goods,
  gosbank,
  id,
  kirov,
  label,
  lines,
  procurer,
  producing,
  q,
  run,
  STEEL,
  sberkassa,
} from './fixtures.js'

const shipped = (): Books.Books =>
  run(producing(), {
    _tag: 'Ship',
    date: d('1936-06-01'),
    id: id('S1'),
    entity: kirov,
    buyer: abtu,
    goods: goods('10'),
    cost: q('3000000.00'),
    lot: id('L1'),
  })

const demand: Operation = {
  _tag: 'PresentDemand',
  date: d('1936-06-10'),
  id: id('PD-36-114'),
  seller: kirov,
  buyer: abtu,
  amount: q('3800000.00'),
  units: goods('10'),
  unitPrice: q('380000.00'),
  shipments: [id('S1')],
  lot: id('L1'),
  contract: id('C1'),
}

const presented = (): Books.Books => run(shipped(), demand)

const PD = id('PD-36-114')

const partial = (date = '1936-06-13'): Operation => ({
  _tag: 'AcceptDemand',
  date: d(date),
  demand: PD,
  acceptance: {
    _tag: 'Partial',
    accepted: q('2000000.00'),
    acceptedUnits: q('5'),
    refusal: { ground: 'defective', text: 'defective transmissions' },
  },
})

const balance = (
  books: Books.Books,
  account: string,
  book: Ledger.Book = 'money',
  commodity = book === 'money' ? 'RUB' : 'T28',
): string =>
  Quantity.toString(
    Ledger.runningBalance(books.ledger, account as never, book, false).get(commodity as never) ?? Quantity.zero,
  )

describe('production and payroll', () => {
  it('ReceiveMaterials: Dr materials [units] / Cr payables; units enter from the goods origin', () => {
    const result = expansion(emptyBooks(), {
      _tag: 'ReceiveMaterials',
      date: d('1936-01-05'),
      entity: kirov,
      goods: goods('100', STEEL),
      cost: q('500000.00'),
    })
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:materials 500000 [100 steel]',
      'kirov:liabilities:payables -500000',
      'kirov:equity:goods-origin [-100 steel]',
    ])
  })

  it('LaunchWip: units enter WIP of the lot and the lot is created', () => {
    const books = emptyBooks()
    const result = expansion(books, {
      _tag: 'LaunchWip',
      date: d('1936-01-10'),
      entity: kirov,
      goods: goods('12'),
      lot: id('L1'),
    })
    expect(lines(result.transaction)).toEqual(['kirov:assets:wip:L1 [12 T28]', 'kirov:equity:goods-origin [-12 T28]'])
    expect(result.documents[0]).toMatchObject({ kind: 'Lot', id: 'L1', entity: 'kirov', commodity: 'T28' })
  })

  it('LaunchWip into an existing lot of another commodity is CommodityMismatch', () => {
    expect(
      failure(producing(), {
        _tag: 'LaunchWip',
        date: d('1936-02-01'),
        entity: kirov,
        goods: goods('1', STEEL),
        lot: id('L1'),
      }),
    ).toBe('CommodityMismatch')
  })

  it('IssueMaterials: Dr wip / Cr materials with the units; more than in stock is InsufficientStock', () => {
    const books = producing()
    const result = expansion(books, {
      _tag: 'IssueMaterials',
      date: d('1936-02-01'),
      entity: kirov,
      goods: goods('40', STEEL),
      cost: q('200000.00'),
      lot: id('L1'),
    })
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:wip:L1 200000 [40 steel]',
      'kirov:assets:materials -200000 [-40 steel]',
    ])
    expect(
      errorOf(books, {
        _tag: 'IssueMaterials',
        date: d('1936-02-01'),
        entity: kirov,
        goods: goods('41', STEEL),
        cost: q('1.00'),
      }),
    ).toMatchObject({
      _tag: 'InsufficientStock',
      account: 'kirov:assets:materials',
      available: q('40'),
      requested: q('41'),
    })
    expect(
      failure(books, {
        _tag: 'IssueMaterials',
        date: d('1936-02-01'),
        entity: kirov,
        goods: goods('1', STEEL),
        cost: q('1.00'),
        lot: id('NOPE'),
      }),
    ).toBe('UnknownDocument')
  })

  it('AccrueWages: by staff category, charged to WIP, overhead or wages', () => {
    const books = producing()
    const base = {
      _tag: 'AccrueWages',
      date: d('1936-02-28'),
      entity: kirov,
      staffCategory: label('ITR'),
      amount: q('1000.00'),
    } as const
    expect(lines(expansion(books, { ...base, chargeTo: 'wip', lot: id('L1') }).transaction)).toEqual([
      'kirov:assets:wip:L1 1000',
      'kirov:liabilities:wages -1000',
    ])
    expect(lines(expansion(books, { ...base, chargeTo: 'overhead' }).transaction)).toEqual([
      'kirov:expenses:overhead 1000',
      'kirov:liabilities:wages -1000',
    ])
    const wages = expansion(books, { ...base, chargeTo: 'wages' }).transaction
    expect(lines(wages)).toEqual(['kirov:expenses:wages:ITR 1000', 'kirov:liabilities:wages -1000'])
    expect(wages?.postings[0]?.tags).toEqual([{ name: 'staff-category', value: 'ITR' }])
    expect(errorOf(books, { ...base, amount: q('0.001'), chargeTo: 'overhead' })).toMatchObject({
      _tag: 'InvalidAmount',
      reason: 'subKopeck',
    })
    expect(errorOf(books, { ...base, amount: q('0'), chargeTo: 'overhead' })).toMatchObject({
      _tag: 'InvalidAmount',
      reason: 'notPositive',
    })
    expect(failure(books, { ...base, entity: 'nobody' as never, chargeTo: 'overhead' })).toBe('UnknownEntity')
  })

  it('AccrueBonus: from the wage fund after 1936-04-19 is recorded with a BonusFundingOutsideRule note', () => {
    const books = producing()
    const bonus: Operation = {
      _tag: 'AccrueBonus',
      date: d('1936-05-13'),
      id: id('BON-1'),
      entity: kirov,
      amount: q('25000.00'),
      staffCategory: label('apparatus'),
      basis: { description: 'saving on techpromfinplan', claimedSaving: q('0.25') },
      fundingSource: 'wageFund',
      approvedBy: 'director',
      decree: { number: '216', date: d('1936-05-13') },
    }
    const result = expansion(books, bonus)
    expect(lines(result.transaction)).toEqual(['kirov:expenses:wages:bonus 25000', 'kirov:liabilities:wages -25000'])
    expect(result.notes).toEqual([
      { _tag: 'BonusFundingOutsideRule', bonus: 'BON-1', source: 'wageFund', permitted: ['directorFund'] },
    ])
    expect(expansion(books, { ...bonus, date: d('1936-04-18') }).notes).toEqual([])
    const director = expansion(books, { ...bonus, fundingSource: 'directorFund' })
    expect(lines(director.transaction)).toEqual(['kirov:equity:director-fund 25000', 'kirov:liabilities:wages -25000'])
    expect(director.notes).toEqual([])
    expect(failure(run(books, bonus), bonus)).toBe('DuplicateDocument')
  })

  it('PayWages: cash drawn from the current account and paid out; more than payable is an error', () => {
    const books = run(producing(), {
      _tag: 'AccrueWages',
      date: d('1936-02-28'),
      entity: kirov,
      staffCategory: label('workers'),
      amount: q('1000.00'),
      chargeTo: 'wip',
      lot: id('L1'),
    })
    expect(
      lines(
        expansion(books, { _tag: 'PayWages', date: d('1936-03-05'), entity: kirov, amount: q('600.00') }).transaction,
      ),
    ).toEqual([
      'kirov:assets:cash 600',
      'kirov:assets:bank:current -600',
      'kirov:liabilities:wages 600',
      'kirov:assets:cash -600',
    ])
    expect(
      errorOf(books, { _tag: 'PayWages', date: d('1936-03-05'), entity: kirov, amount: q('1000.01') }),
    ).toMatchObject({ _tag: 'WagesPaymentExceedsPayable', payable: q('1000') })
  })

  it('CompleteWip: Dr finished c [n] / Cr wip −c [−n], consumed materials leave WIP', () => {
    const books = producing()
    const result = expansion(books, {
      _tag: 'CompleteWip',
      date: d('1936-06-01'),
      entity: kirov,
      goods: goods('2'),
      cost: q('600000.00'),
      lot: id('L1'),
      consumed: [goods('60', STEEL)],
    })
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:finished:L1 600000 [2 T28]',
      'kirov:assets:wip:L1 -600000 [-2 T28]',
      'kirov:expenses:materials-consumed [60 steel]',
      'kirov:assets:wip:L1 [-60 steel]',
    ])
    expect(
      errorOf(books, {
        _tag: 'CompleteWip',
        date: d('1936-06-01'),
        entity: kirov,
        goods: goods('3'),
        cost: q('1.00'),
        lot: id('L1'),
      }),
    ).toMatchObject({
      _tag: 'InsufficientStock',
      available: q('2'),
    })
  })

  it('OtkReject: scrap to overhead:scrap, rework to wip:rejected', () => {
    const books = producing()
    const base = {
      _tag: 'OtkReject',
      date: d('1936-06-01'),
      entity: kirov,
      goods: goods('1'),
      cost: q('300000.00'),
      lot: id('L1'),
    } as const
    expect(lines(expansion(books, { ...base, disposition: 'scrap' }).transaction)).toEqual([
      'kirov:expenses:overhead:scrap 300000 [1 T28]',
      'kirov:assets:wip:L1 -300000 [-1 T28]',
    ])
    expect(lines(expansion(books, { ...base, disposition: 'rework' }).transaction)).toEqual([
      'kirov:assets:wip:rejected:L1 300000 [1 T28]',
      'kirov:assets:wip:L1 -300000 [-1 T28]',
    ])
    expect(failure(books, { ...base, goods: goods('3'), disposition: 'scrap' })).toBe('InsufficientStock')
  })

  it('Ship: FG → shipped with the cost, creates the shipment; duplicates and over-shipment fail', () => {
    const books = producing()
    const op: Operation = {
      _tag: 'Ship',
      date: d('1936-06-01'),
      id: id('S1'),
      entity: kirov,
      buyer: abtu,
      goods: goods('10'),
      cost: q('3000000.00'),
      lot: id('L1'),
    }
    const result = expansion(books, op)
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:shipped:L1 3000000 [10 T28]',
      'kirov:assets:finished:L1 -3000000 [-10 T28]',
    ])
    expect(result.documents[0]).toMatchObject({
      kind: 'Shipment',
      status: 'Shipped',
      account: 'kirov:assets:shipped:L1',
    })
    expect(failure(run(books, op), { ...op, goods: goods('1') })).toBe('DuplicateDocument')
    expect(failure(books, { ...op, goods: goods('11') })).toBe('InsufficientStock')
    expect(failure(books, { ...op, buyer: kirov })).toBe('SamePartyOnBothSides')
  })
})

describe('payment demands', () => {
  it('PresentDemand: seller receivable / sales, buyer in-transit / payable, tagged with counterparties', () => {
    const result = expansion(shipped(), demand)
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:receivables 3800000 <abtu',
      'kirov:income:sales -3800000',
      'abtu:assets:in-transit 3800000',
      'abtu:liabilities:payables -3800000 <kirov',
    ])
    const created = result.documents.find((document) => document.kind === 'PaymentDemand')
    // Presented Wednesday 1936-06-10; rest day 1936-06-12 (six-day week): deadline = 3rd working day = 1936-06-14.
    expect(created).toMatchObject({ status: 'Presented', acceptanceDeadline: '1936-06-14', shipments: ['S1'] })
    expect(result.notes).toEqual([])
    expect(result.transaction?.origin).toEqual({ operation: 'PresentDemand', document: 'PD-36-114' })
    expect(result.transaction?.citations).toEqual(context.citations)
  })

  it('PresentDemand without shipments is recorded with a DemandWithoutShipment note (R3)', () => {
    const result = expansion(producing(), { ...demand, shipments: [] } as Operation)
    expect(result.notes).toEqual([{ _tag: 'DemandWithoutShipment', demand: 'PD-36-114' }])
  })

  it('PresentDemand preconditions', () => {
    const books = presented()
    expect(failure(books, { ...demand, id: id('PD-2') } as Operation)).toBe('ShipmentAlreadyInvoiced')
    expect(failure(shipped(), { ...demand, amount: q('3800000.01') } as Operation)).toBe('DemandAmountMismatch')
    expect(failure(shipped(), { ...demand, shipments: [id('S9')] } as Operation)).toBe('UnknownDocument')
    expect(failure(shipped(), { ...demand, shipments: [id('L1')] } as Operation)).toBe('DocumentKindMismatch')
    expect(failure(shipped(), { ...demand, buyer: gosbank } as Operation)).toBe('PartyMismatch')
    expect(failure(books, { ...demand, date: d('1936-06-11') } as Operation)).toBe('DuplicateDocument')
  })

  it('PresentDemand entered twice, entry for entry, is recorded with a DuplicateDocumentRecorded note (not refused)', () => {
    const result = expansion(presented(), demand)
    expect(result.notes.map((note) => note._tag)).toEqual(['DuplicateDocumentRecorded'])
    expect(result.transaction).toBeDefined()
  })

  it('PresentDemand whose acceptance deadline passes 9999-12-31 is DateOutOfRange, not a crash', () => {
    const late = { ...demand, date: d('9999-12-31'), shipments: [] } as Operation
    expect(errorOf(producing(), late)).toEqual({
      _tag: 'DateOutOfRange',
      date: '9999-12-31',
      what: 'acceptance deadline',
    })
    expect(E.isRight(apply({ ...late, date: d('9999-12-20') } as Operation, context)(producing()))).toBe(true)
  })

  it('CreditOnDocuments: seller current / Gosbank documents loan; bank loan asset / deposit', () => {
    const books = presented()
    const op: Operation = {
      _tag: 'CreditOnDocuments',
      date: d('1936-06-11'),
      demand: PD,
      bank: gosbank,
      amount: q('3000000.00'),
    }
    expect(lines(expansion(books, op).transaction)).toEqual([
      'kirov:assets:bank:current 3000000 <gosbank',
      'kirov:liabilities:gosbank:documents -3000000 <gosbank',
      'gosbank:assets:loans 3000000 <kirov',
      'gosbank:liabilities:deposits -3000000 <kirov',
    ])
    expect(failure(run(books, op), op)).toBe('DocumentsAlreadyCredited')
    expect(failure(books, { ...op, amount: q('3800000.01') } as Operation)).toBe('CreditExceedsDemand')
  })

  it('AcceptDemand Full: buyer receives, seller releases the shipped cost and units to cost of sales', () => {
    const result = expansion(presented(), {
      _tag: 'AcceptDemand',
      date: d('1936-06-13'),
      demand: PD,
      acceptance: { _tag: 'Full' },
    })
    expect(lines(result.transaction)).toEqual([
      'kirov:expenses:cost-of-sales 3000000 [10 T28]',
      'kirov:assets:shipped:L1 -3000000 [-10 T28]',
      'abtu:assets:received 3800000',
      'abtu:assets:in-transit -3800000',
    ])
    const decided = result.documents.find((document) => document.id === PD) as Books.PaymentDemand
    expect(decided.decision).toMatchObject({ _tag: 'Full', accepted: q('3800000'), refused: q('0') })
  })

  it('AcceptDemand Partial: accepted amount and units, refused remainder with grounds stays open', () => {
    const result = expansion(presented(), partial())
    expect(lines(result.transaction)).toEqual([
      'kirov:expenses:cost-of-sales 1500000 [5 T28]',
      'kirov:assets:shipped:L1 -1500000 [-5 T28]',
      'abtu:assets:received 2000000',
      'abtu:assets:in-transit -2000000',
    ])
    const decided = result.documents.find((document) => document.id === PD) as Books.PaymentDemand
    expect(decided.decision).toMatchObject({
      _tag: 'Partial',
      accepted: q('2000000'),
      acceptedUnits: q('5'),
      refused: q('1800000'),
      refusal: { ground: 'defective', text: 'defective transmissions' },
    })
    expect(decided.remainder).toEqual({ amount: q('1800000'), units: q('5'), disposition: { _tag: 'Open' } })
  })

  it('AcceptDemand preconditions', () => {
    const books = presented()
    const partialOf = (accepted: string, units?: string): Operation => ({
      _tag: 'AcceptDemand',
      date: d('1936-06-13'),
      demand: PD,
      acceptance: {
        _tag: 'Partial',
        accepted: q(accepted),
        ...(units !== undefined ? { acceptedUnits: q(units) } : {}),
        refusal: { ground: 'other', text: '' },
      },
    })
    expect(errorOf(books, partialOf('3800000.01'))).toMatchObject({
      _tag: 'PartialAcceptanceExceedsOpen',
      open: q('3800000'),
      accepted: q('3800000.01'),
    })
    expect(failure(books, partialOf('3800000.00'))).toBe('PartialAcceptanceNotPartial')
    expect(failure(books, partialOf('100.00', '11'))).toBe('UnitsExceedDemand')
    expect(errorOf(books, partial('1936-06-15'))).toMatchObject({
      _tag: 'AcceptancePeriodLapsed',
      deadline: '1936-06-14',
    })
    expect(failure(run(books, partial()), partial())).toBe('DemandAlreadyDecided')
    expect(failure(books, { ...partial(), demand: id('NOPE') } as Operation)).toBe('UnknownDocument')
    expect(failure(books, { ...partial(), date: d('1936-06-09') } as Operation)).toBe('DateBeforeDocument')
  })

  it('RefuseDemand: everything refused with a ground; nothing posted until the remainder is disposed', () => {
    const result = expansion(presented(), {
      _tag: 'RefuseDemand',
      date: d('1936-06-12'),
      demand: PD,
      refusal: { ground: 'notShipped', text: 'goods not actually shipped' },
    })
    expect(result.transaction).toBeUndefined()
    const decided = result.documents[0] as Books.PaymentDemand
    expect(decided.decision).toMatchObject({ _tag: 'Refused', accepted: q('0'), refused: q('3800000') })
  })

  it('LapseAcceptance: silent acceptance only after the deadline', () => {
    const books = presented()
    expect(errorOf(books, { _tag: 'LapseAcceptance', date: d('1936-06-14'), demand: PD })).toMatchObject({
      _tag: 'AcceptancePeriodNotLapsed',
      deadline: '1936-06-14',
    })
    const result = expansion(books, { _tag: 'LapseAcceptance', date: d('1936-06-15'), demand: PD })
    expect((result.documents.find((document) => document.id === PD) as Books.PaymentDemand).decision?._tag).toBe(
      'Silent',
    )
    expect(lines(result.transaction)).toContain('abtu:assets:received 3800000')
  })

  it('PayDemand: buyer pays, seller receives and repays the credit on documents first', () => {
    const books = run(
      presented(),
      { _tag: 'CreditOnDocuments', date: d('1936-06-11'), demand: PD, bank: gosbank, amount: q('3000000.00') },
      partial(),
    )
    const result = expansion(books, { _tag: 'PayDemand', date: d('1936-06-16'), demand: PD, amount: q('2000000.00') })
    expect(lines(result.transaction)).toEqual([
      'abtu:liabilities:payables 2000000 <kirov',
      'abtu:assets:bank:current -2000000 <kirov',
      'kirov:assets:bank:current 2000000 <abtu',
      'kirov:assets:receivables -2000000 <abtu',
      'kirov:liabilities:gosbank:documents 2000000 <gosbank',
      'kirov:assets:bank:current -2000000 <gosbank',
      'gosbank:liabilities:deposits 2000000 <kirov',
      'gosbank:assets:loans -2000000 <kirov',
    ])
    expect(
      errorOf(books, { _tag: 'PayDemand', date: d('1936-06-16'), demand: PD, amount: q('2000000.01') }),
    ).toMatchObject({ _tag: 'PaymentExceedsAccepted' })
    expect(failure(presented(), { _tag: 'PayDemand', date: d('1936-06-16'), demand: PD, amount: q('1.00') })).toBe(
      'DemandNotDecided',
    )
  })

  it('ReverseRemainder: sales and receivable reversed, goods may come back; the demand closes when paid', () => {
    const books = run(presented(), partial(), {
      _tag: 'PayDemand',
      date: d('1936-06-16'),
      demand: PD,
      amount: q('2000000.00'),
    })
    const result = expansion(books, { _tag: 'ReverseRemainder', date: d('1936-06-20'), demand: PD, returnGoods: true })
    expect(lines(result.transaction)).toEqual([
      'kirov:income:sales 1800000',
      'kirov:assets:receivables -1800000 <abtu',
      'abtu:liabilities:payables 1800000 <kirov',
      'abtu:assets:in-transit -1800000',
      'kirov:assets:finished:L1 1500000 [5 T28]',
      'kirov:assets:shipped:L1 -1500000 [-5 T28]',
    ])
    const after = run(books, { _tag: 'ReverseRemainder', date: d('1936-06-20'), demand: PD, returnGoods: true })
    expect(after.demands.get(PD)?.status).toBe('Closed')
    expect(after.demands.get(PD)?.remainder?.disposition).toEqual({
      _tag: 'Reversed',
      date: '1936-06-20',
      returnedUnits: q('5'),
    })
    expect(after.shipments.get(id('S1'))?.status).toBe('Returned')
    expect(failure(after, { _tag: 'ReverseRemainder', date: d('1936-06-21'), demand: PD })).toBe(
      'DocumentInTerminalState',
    )
    expect(
      failure(
        run(presented(), { _tag: 'AcceptDemand', date: d('1936-06-13'), demand: PD, acceptance: { _tag: 'Full' } }),
        { _tag: 'ReverseRemainder', date: d('1936-06-21'), demand: PD },
      ),
    ).toBe('NoOpenRemainder')
  })

  it('DivertRemainder into a bill: diverted receivable, bill payable to a third party (M5)', () => {
    const books = run(presented(), partial())
    const op: Operation = {
      _tag: 'DivertRemainder',
      date: d('1936-06-20'),
      demand: PD,
      instrument: 'bill',
      instrumentId: id('B-36-07'),
      payee: procurer,
      maturity: d('1936-09-18'),
    }
    const result = expansion(books, op)
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:receivables:diverted 1800000',
      'kirov:assets:receivables -1800000 <abtu',
      'abtu:liabilities:payables 1800000 <kirov',
      'abtu:assets:in-transit -1800000',
      'kirov:expenses:overhead 1800000',
      'kirov:liabilities:bills -1800000 <procurer',
      'procurer:assets:bills 1800000 <kirov',
      'procurer:income:other -1800000',
    ])
    const after = run(books, op)
    expect(after.bills.get(id('B-36-07'))).toMatchObject({
      drawer: 'kirov',
      payee: 'procurer',
      holder: 'procurer',
      face: q('1800000'),
      origin: 'PD-36-114',
      status: 'Circulating',
    })
    expect(after.demands.get(PD)?.remainder?.disposition).toMatchObject({
      _tag: 'Diverted',
      instrument: 'bill',
      instrumentId: 'B-36-07',
      payee: 'procurer',
    })
    expect(failure(after, { ...op, instrumentId: id('B-2') } as Operation)).toBe('NoOpenRemainder')
    expect(failure(books, { ...op, maturity: d('1936-06-20') } as Operation)).toBe('MaturityNotAfterIssue')
  })

  it('DivertRemainder into a cheque: paid out of the current account to the payee', () => {
    const books = run(presented(), partial())
    const result = expansion(books, {
      _tag: 'DivertRemainder',
      date: d('1936-06-20'),
      demand: PD,
      instrument: 'cheque',
      instrumentId: id('CH-1'),
      payee: procurer,
    })
    expect(lines(result.transaction).slice(4)).toEqual([
      'kirov:expenses:overhead 1800000',
      'kirov:assets:bank:current -1800000 <procurer',
      'procurer:assets:bank:current 1800000 <kirov',
      'procurer:income:other -1800000',
    ])
  })
})

describe('military acceptance, claims, rework, contracts', () => {
  const provisional: Operation = {
    _tag: 'ProvisionalAcceptance',
    date: d('1936-06-02'),
    id: id('PA-1'),
    seller: kirov,
    buyer: abtu,
    lot: id('L1'),
    goods: goods('2'),
    cost: q('600000.00'),
    serials: [label('T28-001'), label('T28-002')],
  }
  const final = (outcome: 'accepted' | 'rejected', serial = 'T28-001', certificate = 'FA-1'): Operation => ({
    _tag: 'FinalAcceptance',
    date: d('1936-08-01'),
    id: id(certificate),
    seller: kirov,
    buyer: abtu,
    lot: id('L1'),
    goods: goods('1'),
    cost: q('300000.00'),
    outcome,
    serials: [label(serial)],
  })

  it('ProvisionalAcceptance: FG → provisionally accepted, per serial', () => {
    const books = producing()
    expect(lines(expansion(books, provisional).transaction)).toEqual([
      'kirov:assets:provisional:L1 600000 [2 T28]',
      'kirov:assets:finished:L1 -600000 [-2 T28]',
    ])
    const after = run(books, provisional)
    expect(after.lots.get(id('L1'))?.serials.get(label('T28-001'))).toBe('provisional')
    expect(
      errorOf(after, { ...provisional, id: id('PA-2'), goods: goods('1'), serials: [label('T28-002')] } as Operation),
    ).toMatchObject({ _tag: 'UnitAlreadyAccepted', serial: 'T28-002', stage: 'provisional' })
    expect(failure(books, { ...provisional, serials: [label('X')] } as Operation)).toBe('SerialCountMismatch')
    expect(failure(books, { ...provisional, goods: goods('11'), serials: undefined } as never)).toBe(
      'InsufficientStock',
    )
  })

  it('FinalAcceptance accepted: provisional → cost of sales, with rework cost released', () => {
    const books = run(producing(), provisional)
    expect(
      lines(expansion(books, { ...final('accepted'), reworkCost: q('5000.00') } as Operation).transaction),
    ).toEqual([
      'kirov:expenses:cost-of-sales 300000 [1 T28]',
      'kirov:assets:provisional:L1 -300000 [-1 T28]',
      'kirov:expenses:cost-of-sales 5000',
      'kirov:assets:rework:L1 -5000',
    ])
    const after = run(books, final('accepted'))
    expect(errorOf(after, final('rejected', 'T28-001', 'FA-2'))).toMatchObject({
      _tag: 'UnitAlreadyAccepted',
      serial: 'T28-001',
      stage: 'final',
    })
    expect(errorOf(after, final('accepted', 'T28-999', 'FA-2'))).toMatchObject({
      _tag: 'UnitNotProvisionallyAccepted',
      serial: 'T28-999',
    })
    const both = run(after, final('rejected', 'T28-002', 'FA-2'))
    expect(errorOf(both, { ...final('accepted', 'T28-002', 'FA-3'), serials: undefined } as never)).toMatchObject({
      _tag: 'ExceedsProvisionallyAccepted',
      open: q('0'),
    })
    expect(both.lots.get(id('L1'))).toMatchObject({ provisional: q('2'), final: q('1'), rejected: q('1') })
  })

  it('FinalAcceptance rejected: provisional → rejected stage of the lot', () => {
    expect(lines(expansion(run(producing(), provisional), final('rejected')).transaction)).toEqual([
      'kirov:assets:wip:rejected:L1 300000 [1 T28]',
      'kirov:assets:provisional:L1 -300000 [-1 T28]',
    ])
  })

  it('RecordClaim: memo with a 12/25-day response deadline; AnswerClaim once', () => {
    const books = run(producing(), provisional)
    const claim: Operation = {
      _tag: 'RecordClaim',
      date: d('1936-07-01'),
      id: id('CL-1'),
      seller: kirov,
      buyer: abtu,
      lot: id('L1'),
      defect: 'transmission',
      district: 'remote',
      units: q('1'),
      serials: [label('T28-001')],
    }
    const result = expansion(books, claim)
    expect(result.transaction).toBeUndefined()
    expect(result.documents.find((document) => document.kind === 'Claim')).toMatchObject({
      responseDeadline: '1936-07-26',
      status: 'Open',
    })
    expect(
      expansion(books, { ...claim, district: 'inner' } as Operation).documents.find(
        (document) => document.kind === 'Claim',
      ),
    ).toMatchObject({ responseDeadline: '1936-07-13' })
    const answered = run(books, claim, { _tag: 'AnswerClaim', date: d('1936-07-20'), claim: id('CL-1') })
    expect(answered.claims.get(id('CL-1'))).toMatchObject({ status: 'Answered', answeredOn: '1936-07-20' })
    expect(failure(answered, { _tag: 'AnswerClaim', date: d('1936-07-21'), claim: id('CL-1') })).toBe(
      'ClaimAlreadyAnswered',
    )
  })

  it('Rework: Dr rework (materials + wages) / Cr materials, wages payable; closes its claim', () => {
    const books = run(producing(), provisional, {
      _tag: 'RecordClaim',
      date: d('1936-07-01'),
      id: id('CL-1'),
      seller: kirov,
      buyer: abtu,
      lot: id('L1'),
      defect: 'transmission',
      district: 'inner',
    })
    const op: Operation = {
      _tag: 'Rework',
      date: d('1936-07-10'),
      id: id('RW-1'),
      entity: kirov,
      claim: id('CL-1'),
      lot: id('L1'),
      materials: { goods: goods('2', STEEL), cost: q('10000.00') },
      wages: q('5000.00'),
      closesClaim: true,
    }
    expect(lines(expansion(books, op).transaction)).toEqual([
      'kirov:assets:rework:L1 10000 [2 steel]',
      'kirov:assets:materials -10000 [-2 steel]',
      'kirov:assets:rework:L1 5000',
      'kirov:liabilities:wages -5000',
    ])
    const after = run(books, op)
    expect(after.claims.get(id('CL-1'))).toMatchObject({ status: 'Closed', reworks: ['RW-1'] })
    expect(after.lots.get(id('L1'))?.reworkCost).toEqual(q('15000'))
    expect(failure(after, { ...op, id: id('RW-2') } as Operation)).toBe('DocumentInTerminalState')
  })

  it('ReviseSpecification: a new contract version with price and planned cost', () => {
    const books = producing()
    const after = run(books, {
      _tag: 'ReviseSpecification',
      date: d('1936-07-01'),
      contract: id('C1'),
      unitPrice: q('420000.00'),
      plannedCost: q('350000.00'),
      description: 'new transmission',
    })
    expect(
      after.contracts.get(id('C1'))?.versions.map((version) => [version.version, Quantity.toString(version.unitPrice)]),
    ).toEqual([
      [1, '380000'],
      [2, '420000'],
    ])
    expect(
      failure(books, {
        _tag: 'ReviseSpecification',
        date: d('1936-01-01'),
        contract: id('C1'),
        unitPrice: q('1.00'),
        plannedCost: q('1.00'),
        description: '',
      }),
    ).toBe('DateBeforeDocument')
    expect(
      failure(books, {
        _tag: 'ReviseSpecification',
        date: d('1936-07-01'),
        contract: id('L1'),
        unitPrice: q('1.00'),
        plannedCost: q('1.00'),
        description: '',
      }),
    ).toBe('DocumentKindMismatch')
  })
})

describe('loans', () => {
  const draw: Operation = {
    _tag: 'DrawLoan',
    date: d('1936-01-01'),
    id: id('GB-1'),
    lender: gosbank,
    borrower: kirov,
    loanKind: 'gosbankShortTerm',
    purpose: 'above-norm WIP',
    collateral: { lots: [id('L1')], contracts: [id('C1')] },
    principal: q('1000000.00'),
    rate: Rate.unsafeFraction('0.06'),
    termMonths: 12,
    scheme: 'simple',
    dayCount: 'actual/360',
  }

  it('DrawLoan: both sides, per-loan accounts, collateral linked both ways', () => {
    const books = producing()
    expect(lines(expansion(books, draw).transaction)).toEqual([
      'kirov:assets:bank:current 1000000 <gosbank',
      'kirov:liabilities:gosbank:short-term:GB-1 -1000000 <gosbank',
      'gosbank:assets:loans:GB-1 1000000 <kirov',
      'gosbank:liabilities:deposits -1000000 <kirov',
    ])
    const after = run(books, draw)
    expect(after.loans.get(id('GB-1'))).toMatchObject({ maturity: '1937-01-01', status: 'Active' })
    expect(after.lots.get(id('L1'))?.loans).toEqual(['GB-1'])
    expect(Books.loansAgainst(after, id('L1')).map((loan) => loan.id)).toEqual(['GB-1'])
    expect(failure(books, { ...draw, collateral: { lots: [id('L9')], contracts: [] } } as Operation)).toBe(
      'UnknownDocument',
    )
    expect(failure(books, { ...draw, rate: Rate.unsafeFraction('-0.01') } as Operation)).toBe('InvalidRate')
    expect(failure(books, { ...draw, termMonths: 0 } as never)).toBe('InvalidTerm')
  })

  it('DrawLoan from the savings bank after the programme was cancelled is noted', () => {
    const op = {
      ...draw,
      lender: sberkassa,
      loanKind: 'savingsBank',
      date: d('1936-03-01'),
      rate: Rate.unsafeFraction('0.09'),
      termMonths: 120,
    } as Operation
    expect(expansion(producing(), op).notes).toEqual([
      { _tag: 'SavingsBankLoanOutsideProgramme', loan: 'GB-1', date: '1936-03-01' },
    ])
    expect(lines(expansion(producing(), op).transaction)[1]).toBe(
      'kirov:liabilities:savings-bank:GB-1 -1000000 <sberkassa',
    )
    expect(expansion(producing(), { ...op, date: d('1935-12-03') } as Operation).notes).toEqual([])
  })

  it('AccrueInterest: simple interest on actual/360 since the last accrual', () => {
    const books = run(producing(), draw)
    // 1,000,000 × 0.06 × 91 / 360 = 15,166.666… → 15,166.67 (half up).
    expect(
      lines(expansion(books, { _tag: 'AccrueInterest', date: d('1936-04-01'), loan: id('GB-1') }).transaction),
    ).toEqual([
      'kirov:expenses:interest 15166.67',
      'kirov:liabilities:gosbank:short-term:GB-1:interest -15166.67 <gosbank',
      'gosbank:assets:loans:GB-1:interest 15166.67 <kirov',
      'gosbank:income:interest -15166.67',
    ])
    const after = run(books, { _tag: 'AccrueInterest', date: d('1936-04-01'), loan: id('GB-1') })
    expect(failure(after, { _tag: 'AccrueInterest', date: d('1936-04-01'), loan: id('GB-1') })).toBe(
      'AccrualNotAfterLastAccrual',
    )
  })

  it('RepayLoan: principal and interest; fully repaid loans are terminal', () => {
    const books = run(producing(), draw, { _tag: 'AccrueInterest', date: d('1936-04-01'), loan: id('GB-1') })
    expect(
      lines(
        expansion(books, {
          _tag: 'RepayLoan',
          date: d('1936-04-02'),
          loan: id('GB-1'),
          principal: q('400000.00'),
          interest: q('15166.67'),
        }).transaction,
      ),
    ).toEqual([
      'kirov:liabilities:gosbank:short-term:GB-1 400000 <gosbank',
      'kirov:liabilities:gosbank:short-term:GB-1:interest 15166.67 <gosbank',
      'kirov:assets:bank:current -415166.67 <gosbank',
      'gosbank:liabilities:deposits 415166.67 <kirov',
      'gosbank:assets:loans:GB-1 -400000 <kirov',
      'gosbank:assets:loans:GB-1:interest -15166.67 <kirov',
    ])
    expect(
      errorOf(books, {
        _tag: 'RepayLoan',
        date: d('1936-04-02'),
        loan: id('GB-1'),
        principal: q('1000000.01'),
        interest: q('0'),
      }),
    ).toMatchObject({ _tag: 'RepaymentExceedsOutstanding', part: 'principal' })
    expect(
      errorOf(books, {
        _tag: 'RepayLoan',
        date: d('1936-04-02'),
        loan: id('GB-1'),
        principal: q('0'),
        interest: q('15166.68'),
      }),
    ).toMatchObject({ _tag: 'RepaymentExceedsOutstanding', part: 'interest' })
    const repaid = run(books, {
      _tag: 'RepayLoan',
      date: d('1936-04-02'),
      loan: id('GB-1'),
      principal: q('1000000.00'),
      interest: q('15166.67'),
    })
    expect(repaid.loans.get(id('GB-1'))?.status).toBe('Repaid')
    expect(failure(repaid, { _tag: 'AccrueInterest', date: d('1936-05-01'), loan: id('GB-1') })).toBe(
      'DocumentInTerminalState',
    )
  })

  it('RefinanceLoan: the old loan (principal + interest) becomes the new one; any excess is paid out', () => {
    const books = run(producing(), draw, { _tag: 'AccrueInterest', date: d('1936-04-01'), loan: id('GB-1') })
    const op: Operation = {
      _tag: 'RefinanceLoan',
      date: d('1936-04-01'),
      loan: id('GB-1'),
      newLoan: id('GB-2'),
      principal: q('1200000.00'),
      rate: Rate.unsafeFraction('0.06'),
      termMonths: 12,
      scheme: 'simple',
      dayCount: 'actual/360',
    }
    expect(lines(expansion(books, op).transaction)).toEqual([
      'kirov:liabilities:gosbank:short-term:GB-1 1000000 <gosbank',
      'kirov:liabilities:gosbank:short-term:GB-1:interest 15166.67 <gosbank',
      'kirov:assets:bank:current 184833.33 <gosbank',
      'kirov:liabilities:gosbank:short-term:GB-2 -1200000 <gosbank',
      'gosbank:assets:loans:GB-2 1200000 <kirov',
      'gosbank:assets:loans:GB-1 -1000000 <kirov',
      'gosbank:assets:loans:GB-1:interest -15166.67 <kirov',
      'gosbank:liabilities:deposits -184833.33 <kirov',
    ])
    const after = run(books, op)
    expect(after.loans.get(id('GB-1'))).toMatchObject({ status: 'Refinanced', refinancedBy: 'GB-2' })
    expect(after.loans.get(id('GB-2'))).toMatchObject({
      refinances: 'GB-1',
      collateral: { lots: ['L1'], contracts: ['C1'] },
    })
    expect(after.lots.get(id('L1'))?.loans).toEqual(['GB-1', 'GB-2'])
    expect(failure(books, { ...op, principal: q('1015166.66') } as Operation)).toBe('RefinanceBelowOutstanding')
  })
})

describe('bills of exchange', () => {
  const draw: Operation = {
    _tag: 'DrawBill',
    date: d('1936-06-20'),
    id: id('B-36-07'),
    drawer: kirov,
    payee: procurer,
    face: q('1800000.00'),
    maturity: d('1936-09-18'),
    settles: 'expense',
  }
  const drawn = (): Books.Books => run(emptyBooks(), draw)
  const discount: Operation = {
    _tag: 'DiscountBill',
    date: d('1936-06-21'),
    bill: id('B-36-07'),
    holder: procurer,
    bank: sberkassa,
    rate: Rate.unsafeFraction('0.08'),
    basis: 360,
  }

  it('DrawBill: drawer bill payable, payee bill receivable; between state parties after the reform it is noted', () => {
    const result = expansion(emptyBooks(), draw)
    expect(lines(result.transaction)).toEqual([
      'kirov:expenses:overhead 1800000',
      'kirov:liabilities:bills -1800000 <procurer',
      'procurer:assets:bills 1800000 <kirov',
      'procurer:income:other -1800000',
    ])
    expect(result.notes).toEqual([])
    const state = expansion(emptyBooks(), { ...draw, payee: abtu, settles: 'debt' } as Operation)
    expect(lines(state.transaction)).toEqual([
      'kirov:liabilities:payables 1800000 <abtu',
      'kirov:liabilities:bills -1800000 <abtu',
      'abtu:assets:bills 1800000 <kirov',
      'abtu:assets:receivables -1800000 <kirov',
    ])
    expect(state.notes).toEqual([{ _tag: 'BillBetweenStateParties', bill: 'B-36-07', cutoff: '1930-01-30' }])
    expect(failure(emptyBooks(), { ...draw, maturity: d('1936-06-20') } as Operation)).toBe('MaturityNotAfterIssue')
  })

  it('AcceptBill: only the drawee, only once', () => {
    const books = run(emptyBooks(), { ...draw, drawee: abtu } as Operation)
    expect(failure(books, { _tag: 'AcceptBill', date: d('1936-06-21'), bill: id('B-36-07'), by: kirov })).toBe(
      'PartyMismatch',
    )
    const accepted = run(books, { _tag: 'AcceptBill', date: d('1936-06-21'), bill: id('B-36-07'), by: abtu })
    expect(accepted.bills.get(id('B-36-07'))?.acceptedBy).toEqual({ entity: 'abtu', date: '1936-06-21' })
    expect(failure(accepted, { _tag: 'AcceptBill', date: d('1936-06-22'), bill: id('B-36-07'), by: abtu })).toBe(
      'BillAlreadyAccepted',
    )
  })

  it('EndorseBill: only the holder; the endorsee becomes the holder', () => {
    const books = drawn()
    const op: Operation = {
      _tag: 'EndorseBill',
      date: d('1936-06-21'),
      bill: id('B-36-07'),
      from: procurer,
      to: abtu,
      settles: 'debt',
    }
    expect(lines(expansion(books, op).transaction)).toEqual([
      'procurer:liabilities:payables 1800000 <abtu',
      'procurer:assets:bills -1800000 <abtu',
      'abtu:assets:bills 1800000 <procurer',
      'abtu:assets:receivables -1800000 <procurer',
    ])
    expect(run(books, op).bills.get(id('B-36-07'))?.holder).toBe('abtu')
    expect(failure(books, { ...op, from: abtu, to: procurer } as Operation)).toBe('PartyMismatch')
  })

  it('DiscountBill: D = F·d·t/360 rounded, proceeds = F − D, the bank becomes the holder', () => {
    const books = drawn()
    // 1,800,000 × 0.08 × 89 / 360 = 35,600.00 exactly.
    expect(lines(expansion(books, discount).transaction)).toEqual([
      'procurer:assets:bank:current 1764400 <sberkassa',
      'procurer:expenses:interest 35600',
      'procurer:assets:bills -1800000 <sberkassa',
      'sberkassa:assets:bills 1800000 <procurer',
      'sberkassa:liabilities:deposits -1764400 <procurer',
      'sberkassa:income:interest -35600',
    ])
    const after = run(books, discount)
    expect(after.bills.get(id('B-36-07'))?.discounts[0]).toMatchObject({
      days: 89,
      basis: 360,
      discount: q('35600'),
      proceeds: q('1764400'),
      proceedsAccount: 'procurer:assets:bank:current',
      rounding: { scaleDigits: 2, mode: 'halfUp' },
    })
    expect(errorOf(after, { ...discount, holder: sberkassa, bank: gosbank } as Operation)).toMatchObject({
      _tag: 'BillAlreadyDiscounted',
      date: '1936-06-21',
      bank: 'sberkassa',
    })
    expect(failure(books, { ...discount, date: d('1936-09-18') } as Operation)).toBe('DiscountNotBeforeMaturity')
    expect(failure(books, { ...discount, proceedsAccount: 'kirov:assets:cash' } as never)).toBe('AccountNotOfEntity')
    expect(failure(books, { ...discount, holder: kirov } as Operation)).toBe('PartyMismatch')
  })

  it('RedeemBill at maturity: the drawer pays the holder', () => {
    const books = run(drawn(), discount)
    expect(failure(books, { _tag: 'RedeemBill', date: d('1936-09-17'), bill: id('B-36-07') })).toBe('BillNotMature')
    expect(
      lines(expansion(books, { _tag: 'RedeemBill', date: d('1936-09-18'), bill: id('B-36-07') }).transaction),
    ).toEqual([
      'kirov:liabilities:bills 1800000 <sberkassa',
      'kirov:assets:bank:current -1800000 <sberkassa',
      'sberkassa:assets:bank:current 1800000 <kirov',
      'sberkassa:assets:bills -1800000 <kirov',
    ])
    const redeemed = run(books, { _tag: 'RedeemBill', date: d('1936-09-18'), bill: id('B-36-07') })
    expect(failure(redeemed, { _tag: 'ProtestBill', date: d('1936-09-19'), bill: id('B-36-07') })).toBe(
      'DocumentInTerminalState',
    )
  })

  it('ProtestBill: memo, terminal', () => {
    const books = drawn()
    expect(failure(books, { _tag: 'ProtestBill', date: d('1936-09-17'), bill: id('B-36-07') })).toBe('BillNotMature')
    const protested = run(books, { _tag: 'ProtestBill', date: d('1936-09-19'), bill: id('B-36-07') })
    expect(protested.bills.get(id('B-36-07'))?.status).toBe('Protested')
    expect(protested.ledger.size).toBe(books.ledger.size)
  })
})

describe('accounts, plans, counts', () => {
  it('FreezeAccount restricts debits to permitted classes; UnfreezeAccount lifts it', () => {
    const books = run(producing(), {
      _tag: 'AccrueWages',
      date: d('1936-02-28'),
      entity: kirov,
      staffCategory: label('workers'),
      amount: q('1000.00'),
      chargeTo: 'overhead',
    })
    const frozen = run(books, {
      _tag: 'FreezeAccount',
      date: d('1936-03-01'),
      entity: kirov,
      permitted: ['budget'],
      authority: 'Leningrad Gosbank',
    })
    expect(Books.settlementStatus(frozen, 'kirov:assets:bank:current' as never)).toBe('Frozen')
    expect(
      errorOf(frozen, { _tag: 'PayWages', date: d('1936-03-05'), entity: kirov, amount: q('100.00') }),
    ).toMatchObject({
      _tag: 'FrozenAccountDebit',
      paymentClass: 'wages',
      permitted: ['budget'],
      frozenSince: '1936-03-01',
    })
    const recorded = apply(
      { _tag: 'PayWages', date: d('1936-03-05'), entity: kirov, amount: q('100.00') },
      { ...context, frozenDebits: 'record' },
    )(frozen)
    expect(E.isRight(recorded) && Books.history(recorded.right).at(-1)?.notes).toEqual([
      {
        _tag: 'FrozenAccountDebitRecorded',
        entity: 'kirov',
        account: 'kirov:assets:bank:current',
        paymentClass: 'wages',
        permitted: ['budget'],
      },
    ])
    expect(
      failure(frozen, { _tag: 'FreezeAccount', date: d('1936-03-02'), entity: kirov, permitted: [], authority: 'x' }),
    ).toBe('AccountAlreadyFrozen')
    const thawed = run(frozen, {
      _tag: 'UnfreezeAccount',
      date: d('1936-04-01'),
      entity: kirov,
      authority: 'Leningrad Gosbank',
    })
    expect(
      thawed.settlementAccounts.get('kirov:assets:bank:current' as never)?.history.map((change) => change.status),
    ).toEqual(['Frozen', 'Active'])
    run(thawed, { _tag: 'PayWages', date: d('1936-04-05'), entity: kirov, amount: q('100.00') })
    expect(failure(thawed, { _tag: 'UnfreezeAccount', date: d('1936-04-02'), entity: kirov, authority: 'x' })).toBe(
      'AccountNotFrozen',
    )
    expect(
      failure(books, {
        _tag: 'FreezeAccount',
        date: d('1936-03-01'),
        entity: kirov,
        account: 'abtu:assets:bank:current' as never,
        permitted: [],
        authority: 'x',
      }),
    ).toBe('AccountNotOfEntity')
  })

  it('SetPlan: effective-dated revisions per entity, item and period', () => {
    const year = Period.fromString('1936')
    if (E.isLeft(year)) throw new Error('period')
    const item = { _tag: 'WorkingCapitalNorm', category: 'total' } as const
    const books = run(
      emptyBooks(),
      { _tag: 'SetPlan', date: d('1936-01-01'), entity: kirov, item, period: year.right, amount: q('80000000.00') },
      { _tag: 'SetPlan', date: d('1936-12-31'), entity: kirov, item, period: year.right, amount: q('91372000.00') },
    )
    const line = books.plans.get(Books.planKey(kirov, item, year.right))
    expect(line?.revisions.map((revision) => Quantity.toString(revision.amount))).toEqual(['80000000', '91372000'])
    expect(Quantity.toString((line && Books.planValueAt(line, d('1936-06-30')))?.amount ?? Quantity.zero)).toBe(
      '80000000',
    )
    expect(books.ledger.size).toBe(0)
    expect(
      failure(books, {
        _tag: 'SetPlan',
        date: d('1936-01-01'),
        entity: kirov,
        item: { _tag: 'CreditLimit', lender: 'nobank' as never, loanKind: 'savingsBank' },
        period: year.right,
        amount: q('1.00'),
      }),
    ).toBe('UnknownEntity')
  })

  it('PhysicalCount: the difference moves units and value to count differences', () => {
    const books = producing()
    const op: Operation = {
      _tag: 'PhysicalCount',
      date: d('1936-12-31'),
      id: id('CNT-1'),
      entity: kirov,
      account: 'kirov:assets:finished:L1' as never,
      commodity: goods('0').commodity,
      counted: q('7'),
      unitValue: q('300000.00'),
    }
    const result = expansion(books, op)
    expect(lines(result.transaction)).toEqual([
      'kirov:assets:finished:L1 -900000 [-3 T28]',
      'kirov:expenses:overhead:count-differences 900000 [3 T28]',
    ])
    expect(result.documents[0]).toMatchObject({
      bookQuantity: q('10'),
      counted: q('7'),
      difference: q('-3'),
      valueDifference: q('-900000'),
    })
    expect(failure(books, { ...op, account: 'kirov:liabilities:wages' as never } as Operation)).toBe(
      'NotAPhysicalAccount',
    )
    expect(failure(books, { ...op, account: 'abtu:assets:received' as never } as Operation)).toBe('AccountNotOfEntity')
  })
})

describe('apply', () => {
  it('records history with span, citations, transaction index and touched documents', () => {
    const books = presented()
    const last = Books.history(books).at(-1)
    expect(last).toMatchObject({
      index: books.size - 1,
      transaction: books.ledger.size - 1,
      documents: ['S1', 'PD-36-114'],
      citations: context.citations,
    })
    expect(books.demands.get(PD)?.events).toEqual([books.size - 1])
    expect(balance(books, 'kirov:assets:receivables')).toBe('3800000')
  })

  it('a rejected operation leaves the books unchanged, and older views keep their meaning', () => {
    const books = presented()
    const after = run(books, partial())
    // Applying to the older view forks: `books` still sees the demand as presented.
    expect(books.demands.get(PD)?.status).toBe('Presented')
    expect(after.demands.get(PD)?.status).toBe('Decided')
    const other = run(books, {
      _tag: 'RefuseDemand',
      date: d('1936-06-12'),
      demand: PD,
      refusal: { ground: 'notShipped', text: '' },
    })
    expect(other.demands.get(PD)?.decision?._tag).toBe('Refused')
    expect(after.demands.get(PD)?.decision?._tag).toBe('Partial')
    expect(Books.history(after).length).toBe(after.size)
    expect(after.documents.size).toBe(books.documents.size)
  })

  it('posting errors from the core come back as they are', () => {
    const books = emptyBooks({ currency: 'T28' as never })
    const result = apply(
      { _tag: 'ReceiveMaterials', date: d('1936-01-05'), entity: kirov, goods: goods('1'), cost: q('1.00') },
      context,
    )(books)
    expect(E.isLeft(result) && result.left._tag).toBe('CommodityKindConflict')
  })
})

it('the stage of every role account is derivable', () => {
  const books = producing()
  expect(Books.stageOf(books, 'kirov:assets:wip:L1' as never)).toBe('wip')
  expect(Books.stageOf(books, 'kirov:assets:wip:rejected:L1' as never)).toBe('rejected')
  expect(Books.stageOf(books, 'kirov:assets:provisional:L1' as never)).toBe('provisionallyAccepted')
  expect(Books.stageOf(books, 'kirov:expenses:cost-of-sales' as never)).toBe('finallyAccepted')
  expect(Books.stageOf(books, 'kirov:expenses:overhead:scrap' as never)).toBe('scrapped')
  expect(Books.stageOf(books, 'kirov:liabilities:wages' as never)).toBeUndefined()
  const custom: Books.Chart = {
    overrides: new Map([[kirov, new Map([['finished', 'kirov:assets:gotovaya' as never]])]]),
  }
  expect(Books.accountFor(custom, kirov, 'finished')).toBe('kirov:assets:gotovaya')
  expect(Books.roleOf(custom, kirov, 'kirov:assets:gotovaya:L1' as never)).toBe('finished')
})
