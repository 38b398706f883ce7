/**
 * Operation lines → domain operations (src/journal/Operations.ts): for each keyword, the exact
 * `Operation` a line elaborates to; for each error tag, a line that produces it, where, and its
 * rendered message.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as AccountName from '../../src/core/AccountName.js'
import type * as Commodity from '../../src/core/Commodity.js'
import type * as Entity from '../../src/core/Entity.js'
import type * as Ledger from '../../src/core/Ledger.js'
import type * as LocalDate from '../../src/core/LocalDate.js'
import * as Quantity from '../../src/core/Quantity.js'
import { history, unsafeDocumentId, unsafeLabel } from '../../src/domain/Books.js'
import type * as Op from '../../src/domain/Operation.js'
import { parse } from '../../src/journal/index.js'
import * as Operations from '../../src/journal/Operations.js'
import type { Located } from '../../src/journal/Plans.js'
import type * as Syntax from '../../src/journal/Syntax.js'
import { OPERATION_KEYWORDS } from '../../src/journal/Syntax.js'
import { loadText } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'

const RUB = 'RUB' as Commodity.CommoditySymbol
const q = Quantity.unsafeFromString
const d = (text: string) => text as LocalDate.LocalDate
const id = unsafeDocumentId
const label = unsafeLabel
const e = (name: string) => name as Entity.EntityName
const c = (symbol: string) => symbol as Commodity.CommoditySymbol
const goods = (quantity: string, commodity: string): Op.Goods => ({ quantity: q(quantity), commodity: c(commodity) })

const entities = ['kirov', 'abtu', 'gosbank', 'izhora', 'procurer-x', 'sberkassa', 'lensovet']
const declarations: Ledger.Declarations = {
  commodities: new Map(),
  accounts: new Map(),
  entities: new Map(entities.map((name) => [e(name), { name: e(name), citations: [] }])),
  rootNames: AccountName.defaultRootNames,
}

/** The commodity declarations the parser needs to read `2 steel` as an amount. */
const HEADER = 'commodity T28\n    kind: goods\ncommodity steel\n    kind: goods\n\n'
const HEADER_LINES = 5

const syntaxOf = (text: string): Syntax.OperationSyntax => {
  const parsed = parse('test.journal', HEADER + text)
  expect(parsed.errors).toEqual([])
  const node = parsed.nodes.find((candidate) => candidate._tag === 'Operation')
  expect(node, `an operation node in ${JSON.stringify(text)}`).toBeDefined()
  return node as Syntax.OperationSyntax
}

const elaborate = (text: string) => Operations.elaborateOperation(syntaxOf(text), { declarations, currency: RUB }, [])

const located = (text: string): Located => {
  const result = elaborate(text)
  if (E.isLeft(result)) throw new Error(result.left.map(Operations.message).join('; '))
  return result.right
}

const operation = (text: string): Op.Operation => located(text).operation

const failure = (text: string): Operations.OperationError => {
  const result = elaborate(text)
  if (E.isRight(result)) throw new Error(`expected an error for ${JSON.stringify(text)}`)
  expect(result.left).toHaveLength(1)
  return result.left[0] as Operations.OperationError
}

// -------------------------------------------------------------------------------------
// one test per keyword
// -------------------------------------------------------------------------------------

describe('operation lines', () => {
  it('plan / norm / limit: a dated revision of a plan line', () => {
    expect(operation('1936-07-01 plan 1936 kirov output:T28 38,000,000.00 RUB [100 T28]')).toEqual({
      _tag: 'SetPlan',
      date: d('1936-07-01'),
      entity: e('kirov'),
      item: { _tag: 'OutputPlan', commodity: c('T28') },
      period: { start: d('1936-01-01'), endExclusive: d('1937-01-01'), label: '1936' },
      amount: q('38000000.00'),
      units: q('100'),
    })
    expect(operation('1936-12-01 norm 1936-12-31 kirov working-capital:wip ~3,000,000.00 RUB')).toEqual({
      _tag: 'SetPlan',
      date: d('1936-12-01'),
      entity: e('kirov'),
      item: { _tag: 'WorkingCapitalNorm', category: 'wip' },
      period: { start: d('1936-12-31'), endExclusive: d('1937-01-01'), label: '1936-12-31' },
      amount: q('3000000.00'),
    })
    expect(operation('1936-04-01 limit 1936-Q2 kirov credit:gosbank 5,000,000.00 RUB')).toMatchObject({
      _tag: 'SetPlan',
      date: d('1936-04-01'),
      item: { _tag: 'CreditLimit', lender: e('gosbank'), loanKind: 'gosbankShortTerm' },
      period: { start: d('1936-04-01'), endExclusive: d('1936-07-01'), label: '1936-Q2' },
    })
  })

  it('count: a dated physical count with a unit value', () => {
    expect(operation('1936-12-31 count CNT-36-1 kirov:assets:finished:L-36-1 7 T28 @ 300,000.00 RUB')).toEqual({
      _tag: 'PhysicalCount',
      date: d('1936-12-31'),
      id: id('CNT-36-1'),
      entity: e('kirov'),
      account: 'kirov:assets:finished:L-36-1',
      commodity: c('T28'),
      counted: q('7'),
      unitValue: q('300000.00'),
    })
  })

  it('receive', () => {
    expect(operation('1936-01-05 receive kirov 100 steel cost 500,000.00 RUB from izhora')).toEqual({
      _tag: 'ReceiveMaterials',
      date: d('1936-01-05'),
      entity: e('kirov'),
      goods: goods('100', 'steel'),
      cost: q('500000.00'),
      supplier: 'izhora',
    })
  })

  it('launch', () => {
    expect(operation('1936-01-10 launch kirov 12 T28 lot L-36-1 contract C-36-1')).toEqual({
      _tag: 'LaunchWip',
      date: d('1936-01-10'),
      entity: e('kirov'),
      goods: goods('12', 'T28'),
      lot: id('L-36-1'),
      contract: id('C-36-1'),
    })
  })

  it('issue', () => {
    expect(operation('1936-01-11 issue kirov 60 steel cost 300,000.00 RUB lot L-36-1')).toEqual({
      _tag: 'IssueMaterials',
      date: d('1936-01-11'),
      entity: e('kirov'),
      goods: goods('60', 'steel'),
      cost: q('300000.00'),
      lot: id('L-36-1'),
    })
  })

  it('wages: charged to the staff category by default, to the lot when one is named', () => {
    expect(operation('1936-02-28 wages kirov ITR 1,000.00 RUB charge overhead')).toEqual({
      _tag: 'AccrueWages',
      date: d('1936-02-28'),
      entity: e('kirov'),
      staffCategory: label('ITR'),
      amount: q('1000.00'),
      chargeTo: 'overhead',
    })
    expect(operation('1936-02-28 wages kirov workers 1,000.00 RUB')).toMatchObject({ chargeTo: 'wages' })
    expect(operation('1936-02-28 wages kirov workers 1,000.00 RUB lot L-36-1')).toMatchObject({
      chargeTo: 'wip',
      lot: id('L-36-1'),
    })
  })

  it('bonus (with a long basis on a sub-line)', () => {
    const text =
      '1936-05-13 bonus BON-36-1 kirov ITR ~6,000,000.00 RUB from wage-fund approved-by director saving 25% decree 216 1935-06-25\n    basis: claimed 25% saving on the techpromfinplan\n'
    const result = located(text)
    expect(result.estimated).toBe(true)
    expect(result.operation).toEqual({
      _tag: 'AccrueBonus',
      date: d('1936-05-13'),
      id: id('BON-36-1'),
      entity: e('kirov'),
      amount: q('6000000.00'),
      staffCategory: label('ITR'),
      basis: { description: 'claimed 25% saving on the techpromfinplan', claimedSaving: q('0.25') },
      fundingSource: 'wageFund',
      approvedBy: 'director',
      decree: { number: '216', date: d('1935-06-25') },
    })
  })

  it('pay-wages', () => {
    expect(operation('1936-03-05 pay-wages kirov 600.00 RUB')).toEqual({
      _tag: 'PayWages',
      date: d('1936-03-05'),
      entity: e('kirov'),
      amount: q('600.00'),
    })
  })

  it('complete', () => {
    expect(operation('1936-05-30 complete kirov 10 T28 cost 3,000,000.00 RUB lot L-36-1 consumed 60 steel')).toEqual({
      _tag: 'CompleteWip',
      date: d('1936-05-30'),
      entity: e('kirov'),
      goods: goods('10', 'T28'),
      cost: q('3000000.00'),
      lot: id('L-36-1'),
      consumed: [goods('60', 'steel')],
    })
  })

  it('otk-reject', () => {
    expect(operation('1936-06-01 otk-reject kirov 1 T28 cost 300,000.00 RUB scrap lot L-36-1')).toEqual({
      _tag: 'OtkReject',
      date: d('1936-06-01'),
      entity: e('kirov'),
      goods: goods('1', 'T28'),
      cost: q('300000.00'),
      disposition: 'scrap',
      lot: id('L-36-1'),
    })
  })

  it('ship', () => {
    expect(operation('1936-06-01 ship S-36-88 kirov -> abtu 10 T28 cost 3,000,000.00 RUB lot L-36-1')).toEqual({
      _tag: 'Ship',
      date: d('1936-06-01'),
      id: id('S-36-88'),
      entity: e('kirov'),
      buyer: e('abtu'),
      goods: goods('10', 'T28'),
      cost: q('3000000.00'),
      lot: id('L-36-1'),
    })
  })

  it('demand: units at a unit price make the amount', () => {
    const result = located(
      '1936-06-10 demand PD-36-114 kirov -> abtu 10 T28 @ 380,000.00 RUB shipments S-36-88 S-36-89  ; source: TsGIA SPb. F.P-960, Op.7, D.2, 37',
    )
    expect(result.operation).toEqual({
      _tag: 'PresentDemand',
      date: d('1936-06-10'),
      id: id('PD-36-114'),
      seller: e('kirov'),
      buyer: e('abtu'),
      amount: q('3800000.00'),
      units: goods('10', 'T28'),
      unitPrice: q('380000.00'),
      shipments: [id('S-36-88'), id('S-36-89')],
    })
    expect(result.citations).toMatchObject([{ fond: 'P-960', opis: '7', delo: '2', folio: '37' }])
    expect(result.estimated).toBe(false)
    expect(operation('1936-07-11 demand PD-36-121 kirov -> abtu 80,000.00 RUB contract C-36-2 lot L-36-2')).toEqual({
      _tag: 'PresentDemand',
      date: d('1936-07-11'),
      id: id('PD-36-121'),
      seller: e('kirov'),
      buyer: e('abtu'),
      amount: q('80000.00'),
      contract: id('C-36-2'),
      lot: id('L-36-2'),
    })
  })

  it('credit-documents', () => {
    expect(operation('1936-06-11 credit-documents PD-36-114 gosbank 3,000,000.00 RUB')).toEqual({
      _tag: 'CreditOnDocuments',
      date: d('1936-06-11'),
      demand: id('PD-36-114'),
      bank: e('gosbank'),
      amount: q('3000000.00'),
    })
  })

  it('accept: full (the default) and partial with the refused amount and ground', () => {
    const full = { _tag: 'AcceptDemand', date: d('1936-06-13'), demand: id('PD-36-114'), acceptance: { _tag: 'Full' } }
    expect(operation('1936-06-13 accept PD-36-114 full')).toEqual(full)
    expect(operation('1936-06-13 accept PD-36-114')).toEqual(full)
    expect(
      operation(
        '1936-06-13 accept PD-36-114 partial 2,000,000.00 RUB 5 T28 refuse 1,800,000.00 RUB ground defective "defective transmissions"',
      ),
    ).toEqual({
      _tag: 'AcceptDemand',
      date: d('1936-06-13'),
      demand: id('PD-36-114'),
      acceptance: {
        _tag: 'Partial',
        accepted: q('2000000.00'),
        acceptedUnits: q('5'),
        refused: q('1800000.00'),
        refusal: { ground: 'defective', text: 'defective transmissions' },
      },
    })
    expect(operation('1936-06-13 accept PD-36-114 partial 2,000,000.00 RUB ground: not-shipped')).toMatchObject({
      acceptance: { _tag: 'Partial', refusal: { ground: 'notShipped', text: '' } },
    })
  })

  it('refuse', () => {
    expect(operation('1936-06-12 refuse PD-36-114 ground not-shipped "goods not actually shipped"')).toEqual({
      _tag: 'RefuseDemand',
      date: d('1936-06-12'),
      demand: id('PD-36-114'),
      refusal: { ground: 'notShipped', text: 'goods not actually shipped' },
    })
  })

  it('lapse', () => {
    expect(operation('1936-06-15 lapse PD-36-114')).toEqual({
      _tag: 'LapseAcceptance',
      date: d('1936-06-15'),
      demand: id('PD-36-114'),
    })
  })

  it('pay', () => {
    expect(operation('1936-06-16 pay PD-36-114 2,000,000.00 RUB')).toEqual({
      _tag: 'PayDemand',
      date: d('1936-06-16'),
      demand: id('PD-36-114'),
      amount: q('2000000.00'),
    })
  })

  it('reverse', () => {
    expect(operation('1936-06-20 reverse PD-36-114 return-goods')).toEqual({
      _tag: 'ReverseRemainder',
      date: d('1936-06-20'),
      demand: id('PD-36-114'),
      returnGoods: true,
    })
    expect(operation('1936-06-20 reverse PD-36-114')).toEqual({
      _tag: 'ReverseRemainder',
      date: d('1936-06-20'),
      demand: id('PD-36-114'),
    })
  })

  it('divert: to a bill or a cheque', () => {
    expect(operation('1936-06-20 divert PD-36-114 bill B-36-07 -> procurer-x maturity 1936-09-18')).toEqual({
      _tag: 'DivertRemainder',
      date: d('1936-06-20'),
      demand: id('PD-36-114'),
      instrument: 'bill',
      instrumentId: id('B-36-07'),
      payee: e('procurer-x'),
      maturity: d('1936-09-18'),
    })
    expect(operation('1936-06-20 divert PD-36-114 cheque CH-1 -> procurer-x')).toEqual({
      _tag: 'DivertRemainder',
      date: d('1936-06-20'),
      demand: id('PD-36-114'),
      instrument: 'cheque',
      instrumentId: id('CH-1'),
      payee: e('procurer-x'),
    })
  })

  it('provisional-accept', () => {
    expect(
      operation(
        '1936-06-02 provisional-accept PA-36-1 kirov -> abtu 2 T28 lot L-36-1 cost 600,000.00 RUB serials T28-001 T28-002',
      ),
    ).toEqual({
      _tag: 'ProvisionalAcceptance',
      date: d('1936-06-02'),
      id: id('PA-36-1'),
      seller: e('kirov'),
      buyer: e('abtu'),
      lot: id('L-36-1'),
      goods: goods('2', 'T28'),
      cost: q('600000.00'),
      serials: [label('T28-001'), label('T28-002')],
    })
  })

  it('final-accept and final-reject', () => {
    expect(
      operation(
        '1936-08-01 final-accept FA-36-1 kirov -> abtu 1 T28 lot L-36-1 cost 300,000.00 RUB rework-cost 5,000.00 RUB serials T28-001',
      ),
    ).toEqual({
      _tag: 'FinalAcceptance',
      date: d('1936-08-01'),
      id: id('FA-36-1'),
      seller: e('kirov'),
      buyer: e('abtu'),
      lot: id('L-36-1'),
      goods: goods('1', 'T28'),
      cost: q('300000.00'),
      outcome: 'accepted',
      reworkCost: q('5000.00'),
      serials: [label('T28-001')],
    })
    expect(operation('1936-08-01 final-reject FA-36-2 kirov -> abtu 1 T28 lot L-36-1 cost 300,000.00 RUB')).toEqual({
      _tag: 'FinalAcceptance',
      date: d('1936-08-01'),
      id: id('FA-36-2'),
      seller: e('kirov'),
      buyer: e('abtu'),
      lot: id('L-36-1'),
      goods: goods('1', 'T28'),
      cost: q('300000.00'),
      outcome: 'rejected',
    })
  })

  it('claim (buyer -> seller)', () => {
    expect(
      operation('1936-07-01 claim CL-36-4 abtu -> kirov 1 T28 lot L-36-1 serials T28-001 remote "transmission fails"'),
    ).toEqual({
      _tag: 'RecordClaim',
      date: d('1936-07-01'),
      id: id('CL-36-4'),
      buyer: e('abtu'),
      seller: e('kirov'),
      defect: 'transmission fails',
      district: 'remote',
      lot: id('L-36-1'),
      units: q('1'),
      serials: [label('T28-001')],
    })
  })

  it('answer', () => {
    expect(operation('1936-07-20 answer CL-36-4')).toEqual({
      _tag: 'AnswerClaim',
      date: d('1936-07-20'),
      claim: id('CL-36-4'),
    })
  })

  it('rework', () => {
    expect(
      operation(
        '1936-07-10 rework RW-36-2 kirov wages 5,000.00 RUB materials 2 steel 10,000.00 RUB claim CL-36-4 lot L-36-1 closes',
      ),
    ).toEqual({
      _tag: 'Rework',
      date: d('1936-07-10'),
      id: id('RW-36-2'),
      entity: e('kirov'),
      wages: q('5000.00'),
      materials: { goods: goods('2', 'steel'), cost: q('10000.00') },
      claim: id('CL-36-4'),
      lot: id('L-36-1'),
      closesClaim: true,
    })
  })

  it('contract', () => {
    expect(
      operation(
        '1936-01-06 contract C-36-1 kirov -> abtu T28 @ 380,000.00 RUB planned-cost 300,000.00 RUB "T-28, 1936 order"',
      ),
    ).toEqual({
      _tag: 'SignContract',
      date: d('1936-01-06'),
      id: id('C-36-1'),
      seller: e('kirov'),
      buyer: e('abtu'),
      commodity: c('T28'),
      unitPrice: q('380000.00'),
      plannedCost: q('300000.00'),
      description: 'T-28, 1936 order',
    })
    expect(
      operation('1936-01-06 contract C-36-1 kirov -> abtu 12 T28 @ 380,000.00 RUB planned-cost 300,000.00 RUB'),
    ).toMatchObject({ commodity: c('T28'), units: q('12'), description: '' })
  })

  it('revise', () => {
    expect(
      operation('1936-07-01 revise C-36-1 @ 420,000.00 RUB planned-cost 350,000.00 RUB "new transmission" units 10'),
    ).toEqual({
      _tag: 'ReviseSpecification',
      date: d('1936-07-01'),
      contract: id('C-36-1'),
      unitPrice: q('420000.00'),
      plannedCost: q('350000.00'),
      units: q('10'),
      description: 'new transmission',
    })
  })

  it('loan: defaults simple, actual/360, a Gosbank short-term loan', () => {
    expect(
      operation(
        '1936-06-11 loan GB-36-9 gosbank -> kirov 500,000.00 RUB rate 6% term 6m purpose "rework" collateral lot L-36-1 contract C-36-1',
      ),
    ).toEqual({
      _tag: 'DrawLoan',
      date: d('1936-06-11'),
      id: id('GB-36-9'),
      lender: e('gosbank'),
      borrower: e('kirov'),
      loanKind: 'gosbankShortTerm',
      purpose: 'rework',
      collateral: { lots: [id('L-36-1')], contracts: [id('C-36-1')] },
      principal: q('500000.00'),
      rate: q('0.06'),
      termMonths: 6,
      scheme: 'simple',
      dayCount: 'actual/360',
    })
    expect(
      operation(
        '1932-03-01 loan SB-32-1 sberkassa -> lensovet 1,000,000.00 RUB rate 9% term 10y annuity 30/360 kind savings-bank\n    purpose: local budget, from deposits\n',
      ),
    ).toEqual({
      _tag: 'DrawLoan',
      date: d('1932-03-01'),
      id: id('SB-32-1'),
      lender: e('sberkassa'),
      borrower: e('lensovet'),
      loanKind: 'savingsBank',
      purpose: 'local budget, from deposits',
      collateral: { lots: [], contracts: [] },
      principal: q('1000000.00'),
      rate: q('0.09'),
      termMonths: 120,
      scheme: 'annuity',
      dayCount: '30/360',
    })
    expect(operation('1936-06-11 loan GB-1 gosbank -> kirov 1.00 RUB rate 9.5% term 18 months act/365')).toMatchObject({
      rate: q('0.095'),
      termMonths: 18,
      dayCount: 'actual/365',
    })
  })

  it('interest', () => {
    expect(operation('1936-09-30 interest GB-36-9')).toEqual({
      _tag: 'AccrueInterest',
      date: d('1936-09-30'),
      loan: id('GB-36-9'),
    })
  })

  it('repay', () => {
    expect(operation('1936-12-11 repay GB-36-9 principal 500,000.00 RUB interest 15,166.67 RUB')).toEqual({
      _tag: 'RepayLoan',
      date: d('1936-12-11'),
      loan: id('GB-36-9'),
      principal: q('500000.00'),
      interest: q('15166.67'),
    })
    expect(operation('1936-12-11 repay GB-36-9 interest 15,166.67 RUB')).toMatchObject({
      principal: Quantity.zero,
      interest: q('15166.67'),
    })
  })

  it('refinance', () => {
    expect(operation('1936-12-11 refinance GB-36-9 as GB-36-12 600,000.00 RUB rate 6% term 6m')).toEqual({
      _tag: 'RefinanceLoan',
      date: d('1936-12-11'),
      loan: id('GB-36-9'),
      newLoan: id('GB-36-12'),
      principal: q('600000.00'),
      rate: q('0.06'),
      termMonths: 6,
      scheme: 'simple',
      dayCount: 'actual/360',
    })
  })

  it('bill draw / accept / endorse / discount / redeem / protest', () => {
    expect(
      operation('1936-06-20 bill B-36-07 draw kirov -> procurer-x 1,800,000.00 RUB maturity 1936-09-18 expense'),
    ).toEqual({
      _tag: 'DrawBill',
      date: d('1936-06-20'),
      id: id('B-36-07'),
      drawer: e('kirov'),
      payee: e('procurer-x'),
      face: q('1800000.00'),
      maturity: d('1936-09-18'),
      settles: 'expense',
    })
    expect(
      operation('1936-06-20 bill B-36-07 draw kirov -> procurer-x 1,800,000.00 RUB maturity 1936-09-18 drawee abtu'),
    ).toMatchObject({ settles: 'debt', drawee: e('abtu') })
    expect(operation('1936-06-21 bill B-36-07 accept by abtu')).toEqual({
      _tag: 'AcceptBill',
      date: d('1936-06-21'),
      bill: id('B-36-07'),
      by: e('abtu'),
    })
    expect(operation('1936-06-21 bill B-36-07 endorse procurer-x -> abtu')).toEqual({
      _tag: 'EndorseBill',
      date: d('1936-06-21'),
      bill: id('B-36-07'),
      from: e('procurer-x'),
      to: e('abtu'),
      settles: 'debt',
    })
    expect(operation('1936-06-21 bill B-36-07 discount procurer-x at sberkassa rate 8% basis 360')).toEqual({
      _tag: 'DiscountBill',
      date: d('1936-06-21'),
      bill: id('B-36-07'),
      holder: e('procurer-x'),
      bank: e('sberkassa'),
      rate: q('0.08'),
      basis: 360,
    })
    // Without a holder, the bill's current holder discounts it.
    expect(
      operation(
        '1936-06-21 bill B-36-07 discount at sberkassa rate 8% basis 360 proceeds-to procurer-x:assets:savings',
      ),
    ).toEqual({
      _tag: 'DiscountBill',
      date: d('1936-06-21'),
      bill: id('B-36-07'),
      bank: e('sberkassa'),
      rate: q('0.08'),
      basis: 360,
      proceedsAccount: 'procurer-x:assets:savings',
    })
    expect(operation('1936-09-18 bill B-36-07 redeem')).toEqual({
      _tag: 'RedeemBill',
      date: d('1936-09-18'),
      bill: id('B-36-07'),
    })
    expect(operation('1936-09-19 bill B-36-07 protest')).toEqual({
      _tag: 'ProtestBill',
      date: d('1936-09-19'),
      bill: id('B-36-07'),
    })
  })

  it('freeze and unfreeze', () => {
    expect(operation('1936-03-01 freeze kirov permit wages budget bank-loan by "Leningrad Gosbank"')).toEqual({
      _tag: 'FreezeAccount',
      date: d('1936-03-01'),
      entity: e('kirov'),
      permitted: ['wages', 'budget', 'bankLoan'],
      authority: 'Leningrad Gosbank',
    })
    expect(operation('1936-04-01 unfreeze kirov account kirov:assets:bank:special by "Leningrad Gosbank"')).toEqual({
      _tag: 'UnfreezeAccount',
      date: d('1936-04-01'),
      entity: e('kirov'),
      account: 'kirov:assets:bank:special',
      authority: 'Leningrad Gosbank',
    })
  })

  it('every operation keyword has a form, and every form a keyword', () => {
    expect([...OPERATION_KEYWORDS].sort()).toEqual([...Operations.operationKeywords].sort())
  })

  it('sub-lines: key: value means the same as key value; source: sub-lines and estimated: tags are kept', () => {
    const result = located(
      '1936-06-21 bill B-36-07 discount procurer-x at sberkassa\n    rate: ~8%\n    basis: 360\n    note: discounted the same week\n    source: TsGIA SPb. F.P-960, Op.7, D.9, 12\n',
    )
    expect(result.operation).toMatchObject({ _tag: 'DiscountBill', rate: q('0.08'), basis: 360 })
    expect(result.estimated).toBe(true)
    expect(result.citations).toMatchObject([{ fond: 'P-960', opis: '7', delo: '9', folio: '12' }])
    expect(located('1936-06-16 pay PD-36-114 2,000,000.00 RUB  ; estimated:').estimated).toBe(true)
  })
})

// -------------------------------------------------------------------------------------
// one test per error tag
// -------------------------------------------------------------------------------------

describe('operation errors', () => {
  const line = HEADER_LINES + 1

  it('MissingOperationArgument', () => {
    const error = failure('1936-06-16 pay PD-36-114')
    expect(error).toMatchObject({ _tag: 'MissingOperationArgument', span: { line, column: 16 } })
    expect(Operations.message(error)).toBe('pay: missing amount (an amount in RUB)')
    expect(Operations.message(failure('1936-06-20 bill B-36-07 draw kirov -> procurer-x 1,800,000.00 RUB'))).toBe(
      'bill: missing maturity DATE',
    )
    expect(Operations.message(failure('1936-06-21 bill B-36-07 discount at sberkassa'))).toBe(
      'bill: missing rate PERCENT (e.g. rate 8%)',
    )
  })

  it('UnexpectedOperationArgument', () => {
    const error = failure('1936-06-15 lapse PD-36-114 tomorrow')
    expect(error).toMatchObject({ _tag: 'UnexpectedOperationArgument', span: { line, column: 28 }, text: 'tomorrow' })
    expect(Operations.message(error)).toBe('lapse: unexpected "tomorrow"')
    expect(failure('1936-06-15 lapse PD-36-114\n    colour: red\n')).toMatchObject({
      _tag: 'UnexpectedOperationArgument',
      span: { line: line + 1 },
      text: 'colour:',
    })
  })

  it('DuplicateOperationArgument', () => {
    const error = failure('1936-01-10 launch kirov 12 T28 lot L-1 lot L-2')
    expect(error).toMatchObject({ _tag: 'DuplicateOperationArgument', span: { line, column: 40 } })
    expect(Operations.message(error)).toBe('launch: lot is given twice')
    expect(Operations.message(failure('1936-06-01 otk-reject kirov 1 T28 cost 1.00 RUB scrap rework'))).toBe(
      'otk-reject: disposition is given twice',
    )
  })

  it('InvalidOperationValue', () => {
    const error = failure('1936-06-12 refuse PD-36-114 ground bad-weather')
    expect(error).toMatchObject({
      _tag: 'InvalidOperationValue',
      span: { line, column: 36 },
      argument: 'refusal ground',
      text: 'bad-weather',
    })
    expect(Operations.message(error)).toMatch(
      /^refuse: refusal ground "bad-weather" is not one of unorderedGoods, unordered-goods, .*, not-shipped, .*, other$/u,
    )
    expect(Operations.message(failure('1936-06-11 loan GB-1 gosbank -> kirov 1.00 RUB rate six term 6m'))).toBe(
      'loan: rate "six" is not a percentage (e.g. 8%)',
    )
    expect(Operations.message(failure('1936-01-10 launch kirov 12,000.00 RUB'))).toBe(
      'launch: goods "12000.00 RUB" is not a goods quantity (e.g. 10 T28)',
    )
    expect(Operations.message(failure('1936-06-10 demand PD-1 kirov abtu 1.00 RUB'))).toBe(
      'demand: parties "abtu" is not "->" between the two parties',
    )
    expect(Operations.message(failure('1936-07-01 plan 1936 kirov salaries 1.00 RUB'))).toMatch(
      /^plan: category "salaries" is not plan: unknown category "salaries"/u,
    )
  })

  it('WrongCurrency', () => {
    const error = failure('1936-06-16 pay PD-36-114 2,000.00 USD')
    expect(error).toMatchObject({
      _tag: 'WrongCurrency',
      span: { line, column: 26 },
      commodity: 'USD',
      currency: 'RUB',
    })
    expect(Operations.message(error)).toBe('pay: amount is in USD; the books are kept in RUB')
    expect(Operations.message(failure('1936-06-16 pay PD-36-114 2,000.00'))).toBe(
      'pay: amount has no currency; write it in RUB',
    )
    expect(failure('1936-07-01 plan 1936 kirov wage-fund 5.00 USD')).toMatchObject({
      _tag: 'WrongCurrency',
      commodity: 'USD',
    })
  })

  it('UnknownEntity', () => {
    const error = failure('1936-06-11 credit-documents PD-36-114 prombank 1.00 RUB')
    expect(error).toMatchObject({ _tag: 'UnknownEntity', span: { line, column: 39 }, entity: 'prombank' })
    expect(Operations.message(error)).toBe('no entity "prombank" is declared (add "entity prombank")')
  })

  it('AccountOutsideEntity', () => {
    const error = failure('1936-12-31 count CNT-1 plant:assets:finished 7 T28')
    expect(error).toMatchObject({
      _tag: 'AccountOutsideEntity',
      span: { line, column: 24 },
      account: 'plant:assets:finished',
    })
    expect(Operations.message(error)).toBe('count: account plant:assets:finished belongs to no declared entity')
  })

  it('UnknownOperationForm', () => {
    const error = failure('1936-06-21 bill B-36-07 forge')
    expect(error).toMatchObject({ _tag: 'UnknownOperationForm', span: { line, column: 25 }, form: 'forge' })
    expect(Operations.message(error)).toBe(
      'bill: unknown form "forge" (known: draw, accept, endorse, discount, redeem, protest)',
    )
    // A keyword made an operation keyword through ParseOptions but without a form.
    const parsed = parse('test.journal', '1936-01-01 transfer kirov abtu\n', {
      operationKeywords: new Set(['transfer']),
    })
    const node = parsed.nodes[0] as Syntax.OperationSyntax
    const result = Operations.elaborateOperation(node, { declarations, currency: RUB }, [])
    expect(E.isLeft(result) && result.left[0]).toMatchObject({ _tag: 'UnknownOperationForm', form: null })
    expect(E.isLeft(result) && Operations.message(result.left[0] as Operations.OperationError)).toMatch(
      /^operation "transfer" has no journal form \(known: plan, norm, limit, count, receive, /u,
    )
  })

  it('the refused amount of a partial acceptance must be the rest of the demand (RefusedAmountMismatch, from the domain)', () => {
    const text = [
      'entity kirov',
      'entity abtu',
      '',
      '1936-06-10 demand PD-36-114 kirov -> abtu 3,800,000.00 RUB',
      '1936-06-13 accept PD-36-114 partial 2,000,000.00 RUB refuse 1,700,000.00 RUB ground defective',
      '',
    ].join('\n')
    const loaded = loadText('test.journal', text, { fileSystem: nodeFileSystem })
    expect(
      E.isLeft(loaded) && loaded.left.diagnostics.map((diagnostic) => [diagnostic.tag, diagnostic.message]),
    ).toEqual([
      [
        'RefusedAmountMismatch',
        "demand PD-36-114: 2000000 accepted and 1700000 refused do not add up to the demand's 3800000",
      ],
    ])
    const good = loadText('test.journal', text.replace('1,700,000.00', '1,800,000.00'), { fileSystem: nodeFileSystem })
    expect(E.isRight(good) && history(good.right.books).map((entry) => entry.operation._tag)).toEqual([
      'PresentDemand',
      'AcceptDemand',
    ])
  })

  it('every error tag has a test above', () => {
    // Each tag of the union must be asserted (`_tag: 'Tag'`) by some test in this file.
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    const asserted = new Set([...source.matchAll(/_tag: '(\w+)'/gu)].map((match) => match[1]))
    expect(Operations.operationErrorTags.filter((tag) => !asserted.has(tag))).toEqual([])
  })
})

describe('robustness', () => {
  const pieces = [
    'PD-1',
    'kirov',
    'abtu',
    'nobody',
    '->',
    '@',
    '10 T28',
    '[2 T28]',
    '2 steel',
    '1,000.00 RUB',
    '~5.00 RUB',
    '3 USD',
    '7',
    '8%',
    '~8%',
    '1936-09-18',
    '1936-Q3',
    '6m',
    '10y',
    '30/360',
    'act/360',
    'lot',
    'cost',
    'rate',
    'term',
    'maturity',
    'partial',
    'full',
    'refuse',
    'ground',
    'defective',
    'draw',
    'discount',
    'at',
    'as',
    'serials',
    'permit',
    'wages',
    'by',
    '"some text"',
    'kirov:assets:wip',
    'closes',
    'materials',
    'consumed',
    'scrap',
    'from',
    'wage-fund',
    'approved-by',
    'decree',
    'units',
  ]
  it('never throws: every line elaborates to an operation or to located errors', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPERATION_KEYWORDS),
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }),
        fc.option(
          fc.constantFrom(
            'rate: 9%',
            'purpose: long text',
            'lot: L-1 L-2',
            'source: TsGIA SPb. F.P-960, Op.7, D.2, 37',
            'frob: x',
          ),
        ),
        (keyword, args, sub) => {
          const parsed = parse(
            'test.journal',
            `${HEADER}1936-06-10 ${keyword} ${args.join('  ')}\n${sub === null ? '' : `    ${sub}\n`}`,
          )
          const node = parsed.nodes.find((candidate) => candidate._tag === 'Operation')
          if (node === undefined || node._tag !== 'Operation') return
          const result = Operations.elaborateOperation(node, { declarations, currency: RUB }, [])
          if (E.isLeft(result)) {
            expect(result.left.length).toBeGreaterThan(0)
            for (const error of result.left) expect(Operations.message(error).length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
