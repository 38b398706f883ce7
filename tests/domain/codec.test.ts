import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Rate } from '../../src/core/index.js'
import { decodeOperation, encodeOperation, type Operation } from '../../src/domain/Operation.js'
import { abtu, d, goods, gosbank, id, kirov, label, procurer, q } from './fixtures.js'

const samples: ReadonlyArray<Operation> = [
  {
    _tag: 'PresentDemand',
    date: d('1936-06-10'),
    id: id('PD-36-114'),
    seller: kirov,
    buyer: abtu,
    amount: q('3800000.00'),
    units: goods('10'),
    unitPrice: q('380000.00'),
    shipments: [id('S1')],
  },
  {
    _tag: 'AcceptDemand',
    date: d('1936-06-13'),
    demand: id('PD-36-114'),
    acceptance: {
      _tag: 'Partial',
      accepted: q('2000000.00'),
      refusal: { ground: 'defective', text: 'defective transmissions' },
    },
  },
  { _tag: 'AcceptDemand', date: d('1936-06-13'), demand: id('PD-36-114'), acceptance: { _tag: 'Full' } },
  {
    _tag: 'DiscountBill',
    date: d('1936-06-21'),
    bill: id('B-36-07'),
    holder: procurer,
    bank: gosbank,
    rate: Rate.unsafeFraction('0.08'),
    basis: 360,
  },
  {
    _tag: 'DrawLoan',
    date: d('1936-01-01'),
    id: id('GB-1'),
    lender: gosbank,
    borrower: kirov,
    loanKind: 'gosbankShortTerm',
    purpose: 'x',
    collateral: { lots: [id('L1')], contracts: [] },
    principal: q('1.00'),
    rate: Rate.unsafeFraction('0.06'),
    termMonths: 12,
    scheme: 'annuity',
    dayCount: '30/360',
  },
  {
    _tag: 'ProvisionalAcceptance',
    date: d('1936-06-02'),
    id: id('PA-1'),
    seller: kirov,
    buyer: abtu,
    lot: id('L1'),
    goods: goods('1'),
    cost: q('1.00'),
    serials: [label('T28-001')],
  },
  { _tag: 'FreezeAccount', date: d('1936-03-01'), entity: kirov, permitted: ['wages', 'budget'], authority: 'Gosbank' },
  {
    _tag: 'AccrueBonus',
    date: d('1936-05-13'),
    id: id('BON-1'),
    entity: kirov,
    amount: q('1.00'),
    staffCategory: label('ITR'),
    basis: { description: 'saving', claimedSaving: q('0.25') },
    fundingSource: 'wageFund',
    approvedBy: 'director',
    decree: { number: '216', date: d('1935-06-25') },
  },
]

describe('operation codec', () => {
  it('round-trips: decode ∘ encode = id, and decimals are strings in JSON', () => {
    for (const sample of samples) {
      const json = encodeOperation(sample)
      const text = JSON.stringify(json)
      expect(text).not.toMatch(/"(amount|accepted|rate|principal|cost|quantity)":\d/)
      const decoded = decodeOperation(JSON.parse(text))
      expect(E.isRight(decoded) && decoded.right).toEqual(sample)
    }
  })
  it('rejects numbers for decimals, bad dates, unknown tags and unknown grounds', () => {
    const base = JSON.parse(JSON.stringify(encodeOperation(samples[0] as Operation)))
    expect(E.isLeft(decodeOperation({ ...base, amount: 3800000 }))).toBe(true)
    expect(E.isLeft(decodeOperation({ ...base, amount: '3.8e6' }))).toBe(true)
    expect(E.isLeft(decodeOperation({ ...base, date: '1936-02-30' }))).toBe(true)
    expect(E.isLeft(decodeOperation({ ...base, _tag: 'Steal' }))).toBe(true)
    expect(E.isLeft(decodeOperation({ ...base, id: 'has space' }))).toBe(true)
    const accept = JSON.parse(JSON.stringify(encodeOperation(samples[1] as Operation)))
    expect(
      E.isLeft(
        decodeOperation({ ...accept, acceptance: { ...accept.acceptance, refusal: { ground: 'whim', text: '' } } }),
      ),
    ).toBe(true)
  })
})
