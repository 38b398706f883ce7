/**
 * Payment demands and acceptance: presented, credited on documents, accepted, refused or lapsed, paid; remainders
 * reversed or diverted.
 */
import * as E from 'fp-ts/lib/Either.js'
import { type AccountName, Amount, Quantity } from '../../core/index.js'
import { proportion } from '../Arithmetic.js'
import { type Bill, type DocumentId, isTerminal, type Money, type PaymentDemand, type Refusal } from '../Books.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import { acceptanceDeadline } from '../Parameters.js'
import {
  add,
  billNote,
  type Check,
  type Draft,
  debit,
  find,
  first,
  fresh,
  goods,
  gt,
  type Handlers,
  isError,
  live,
  money,
  moneyOrZero,
  nonNegative,
  optionalLot,
  parties,
  positive,
  sub,
  zero,
} from './Draft.js'

/**
 * True when `op` repeats the demand `existing` entry for entry: same parties, amount, date, units, price, shipments,
 * lot, contract and kind.
 */
const isRepeatOf = (existing: PaymentDemand, op: Op.PresentDemand): boolean =>
  existing.seller === op.seller &&
  existing.buyer === op.buyer &&
  existing.date === op.date &&
  Quantity.equals(existing.amount, op.amount) &&
  (existing.units === undefined
    ? op.units === undefined
    : op.units !== undefined &&
      existing.units.commodity === op.units.commodity &&
      Quantity.equals(existing.units.quantity, op.units.quantity)) &&
  (existing.unitPrice === undefined
    ? op.unitPrice === undefined
    : op.unitPrice !== undefined && Quantity.equals(existing.unitPrice, op.unitPrice)) &&
  existing.shipments.join('\u0000') === (op.shipments ?? []).join('\u0000') &&
  existing.lot === op.lot &&
  existing.contract === op.contract &&
  (existing.bills ?? 'goods') === (op.bills ?? 'goods')

const presentDemand = (d: Draft, op: Op.PresentDemand): Check => {
  const shipments = op.shipments ?? []
  // The same demand entered twice in the register (same id, parties, amount and date, naming no
  // other shipment) is recorded, not refused: its entries are posted again and a note kept, so
  // that `duplicate-documents` can find it. A different document under a used id is refused.
  const existing = d.document(op.id)
  if (existing?.kind === 'PaymentDemand' && isRepeatOf(existing, op)) {
    const refused = parties(d, op.seller, op.buyer)
    if (refused !== undefined) return refused
    d.primary = op.id
    d.note({ _tag: 'DuplicateDocumentRecorded', id: op.id, kind: 'PaymentDemand', first: existing.events[0] ?? 0 })
    d.dr(d.account(op.seller, 'receivables'), op.amount, { counterparty: op.buyer })
    d.cr(d.account(op.seller, 'sales'), op.amount)
    d.dr(d.account(op.buyer, 'inTransit'), op.amount)
    d.cr(d.account(op.buyer, 'payables'), op.amount, { counterparty: op.seller })
    return undefined
  }
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => money('amount', op.amount),
    () => (op.units !== undefined ? positive('units.quantity', op.units.quantity) : undefined),
    () => (op.unitPrice !== undefined ? moneyOrZero('unitPrice', op.unitPrice) : undefined),
    () =>
      op.units !== undefined &&
      op.unitPrice !== undefined &&
      !Quantity.equals(Quantity.multiply(op.units.quantity, op.unitPrice), op.amount)
        ? {
            _tag: 'DemandAmountMismatch',
            id: op.id,
            amount: op.amount,
            units: op.units.quantity,
            unitPrice: op.unitPrice,
          }
        : undefined,
    () => (op.lot !== undefined ? optionalLot(d, op.lot, op.seller, op.units?.commodity) : undefined),
    () => {
      if (op.contract === undefined) return undefined
      const contract = find(d, op.contract, 'Contract')
      if (isError(contract)) return contract
      if (contract.seller !== op.seller)
        return { _tag: 'PartyMismatch', id: op.contract, role: 'seller', expected: contract.seller, actual: op.seller }
      if (contract.buyer !== op.buyer)
        return { _tag: 'PartyMismatch', id: op.contract, role: 'buyer', expected: contract.buyer, actual: op.buyer }
      return undefined
    },
  )
  if (error !== undefined) return error
  const deadline = acceptanceDeadline(d.books.parameters, op.date)
  if (deadline === undefined) return { _tag: 'DateOutOfRange', date: op.date, what: 'acceptance deadline' }
  for (const id of shipments) {
    const shipment = find(d, id, 'Shipment')
    if (isError(shipment)) return shipment
    if (shipment.demand !== undefined) return { _tag: 'ShipmentAlreadyInvoiced', shipment: id, demand: shipment.demand }
    if (isTerminal(shipment))
      return { _tag: 'DocumentInTerminalState', id, kind: 'Shipment', status: shipment.status, operation: op._tag }
    if (shipment.seller !== op.seller)
      return { _tag: 'PartyMismatch', id, role: 'seller', expected: shipment.seller, actual: op.seller }
    if (shipment.buyer !== undefined && shipment.buyer !== op.buyer)
      return { _tag: 'PartyMismatch', id, role: 'buyer', expected: shipment.buyer, actual: op.buyer }
    if (op.units !== undefined && shipment.goods.commodity !== op.units.commodity)
      return { _tag: 'CommodityMismatch', id, expected: shipment.goods.commodity, actual: op.units.commodity }
    d.put({ ...shipment, status: 'Invoiced', demand: op.id })
  }
  if (shipments.length === 0 && op.bills !== 'services') d.note({ _tag: 'DemandWithoutShipment', demand: op.id })
  d.primary = op.id
  d.put<PaymentDemand>({
    kind: 'PaymentDemand',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    amount: op.amount,
    ...(op.units !== undefined ? { units: goods(op.units) } : {}),
    ...(op.unitPrice !== undefined ? { unitPrice: op.unitPrice } : {}),
    ...(op.bills === 'services' ? { bills: 'services' as const } : {}),
    shipments,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(op.contract !== undefined ? { contract: op.contract } : {}),
    acceptanceDeadline: deadline,
    status: 'Presented',
    paid: zero,
  })
  d.dr(d.account(op.seller, 'receivables'), op.amount, { counterparty: op.buyer })
  d.cr(d.account(op.seller, 'sales'), op.amount)
  d.dr(d.account(op.buyer, 'inTransit'), op.amount)
  d.cr(d.account(op.buyer, 'payables'), op.amount, { counterparty: op.seller })
  return undefined
}

const creditOnDocuments = (d: Draft, op: Op.CreditOnDocuments): Check => {
  const demand = live(d, op.demand, 'PaymentDemand')
  if (isError(demand)) return demand
  const error = first(
    () => parties(d, op.bank, demand.seller),
    () => money('amount', op.amount),
    () =>
      demand.documentsCredit !== undefined
        ? { _tag: 'DocumentsAlreadyCredited', demand: op.demand, bank: demand.documentsCredit.bank }
        : undefined,
    () =>
      gt(op.amount, demand.amount)
        ? { _tag: 'CreditExceedsDemand', demand: op.demand, amount: demand.amount, requested: op.amount }
        : undefined,
  )
  if (error !== undefined) return error
  d.primary = op.demand
  d.put({ ...demand, documentsCredit: { bank: op.bank, date: op.date, amount: op.amount, repaid: zero } })
  d.dr(d.account(demand.seller, 'current'), op.amount, { counterparty: op.bank })
  d.cr(d.account(demand.seller, 'gosbankDocuments'), op.amount, { counterparty: op.bank })
  d.dr(d.account(op.bank, 'loansIssued'), op.amount, { counterparty: demand.seller })
  d.cr(d.account(op.bank, 'deposits'), op.amount, { counterparty: demand.seller })
  return undefined
}

/** A demand whose payments and remainder are settled is closed. */
const settle = (demand: PaymentDemand): PaymentDemand => {
  if (demand.status !== 'Decided' || demand.decision === undefined) return demand
  const remainderOpen = demand.remainder !== undefined && demand.remainder.disposition._tag === 'Open'
  return Quantity.equals(demand.paid, demand.decision.accepted) && !remainderOpen
    ? { ...demand, status: 'Closed' }
    : demand
}

/**
 * Releases `units` (all remaining when undefined) from the demand's shipments to cost of sales, first shipment first.
 */
const release = (d: Draft, demand: PaymentDemand, units: Quantity.Quantity | undefined): void => {
  let remaining = units
  for (const id of demand.shipments) {
    if (remaining !== undefined && Quantity.sign(remaining) <= 0) break
    const shipment = d.document(id)
    if (shipment === undefined || shipment.kind !== 'Shipment' || Quantity.isZero(shipment.remainingUnits)) continue
    const take = remaining === undefined ? shipment.remainingUnits : Quantity.min(remaining, shipment.remainingUnits)
    // The loop skips shipments with no units left, so the whole is never zero here.
    const share = proportion(shipment.remainingCost, take, shipment.remainingUnits, d.rounding)
    const cost = E.isRight(share) ? share.right : shipment.remainingCost
    d.move(d.account(demand.seller, 'costOfSales'), shipment.account, cost, Amount.make(take, shipment.goods.commodity))
    const left = sub(shipment.remainingUnits, take)
    d.put({
      ...shipment,
      remainingUnits: left,
      remainingCost: sub(shipment.remainingCost, cost),
      status: Quantity.isZero(left) ? 'Released' : shipment.status,
    })
    if (remaining !== undefined) remaining = sub(remaining, take)
  }
}

const decide = (
  d: Draft,
  id: DocumentId,
  kind: 'Full' | 'Partial' | 'Refused' | 'Silent',
  accepted: (demand: PaymentDemand) => Quantity.Quantity,
  acceptedUnits: Quantity.Quantity | undefined,
  refusal: Refusal | undefined,
  statedRefused?: Quantity.Quantity,
): Check => {
  const found = live(d, id, 'PaymentDemand')
  if (isError(found)) return found
  const demand = found
  if (demand.status !== 'Presented')
    return { _tag: 'DemandAlreadyDecided', demand: id, decidedOn: demand.decision?.date ?? demand.date }
  if (kind === 'Silent' && d.date <= demand.acceptanceDeadline)
    return { _tag: 'AcceptancePeriodNotLapsed', demand: id, deadline: demand.acceptanceDeadline, date: d.date }
  if (kind !== 'Silent' && d.date > demand.acceptanceDeadline)
    return { _tag: 'AcceptancePeriodLapsed', demand: id, deadline: demand.acceptanceDeadline, date: d.date }
  const amount = accepted(demand)
  if (kind === 'Partial') {
    const error = first(
      () => money('accepted', amount),
      () =>
        gt(amount, demand.amount)
          ? { _tag: 'PartialAcceptanceExceedsOpen', demand: id, open: demand.amount, accepted: amount }
          : undefined,
      () =>
        Quantity.equals(amount, demand.amount)
          ? { _tag: 'PartialAcceptanceNotPartial', demand: id, open: demand.amount, accepted: amount }
          : undefined,
      () =>
        statedRefused !== undefined && !Quantity.equals(statedRefused, sub(demand.amount, amount))
          ? {
              _tag: 'RefusedAmountMismatch',
              demand: id,
              amount: demand.amount,
              accepted: amount,
              refused: statedRefused,
            }
          : undefined,
      () => (acceptedUnits !== undefined ? nonNegative('acceptedUnits', acceptedUnits) : undefined),
      () =>
        acceptedUnits !== undefined && demand.units !== undefined && gt(acceptedUnits, demand.units.quantity)
          ? { _tag: 'UnitsExceedDemand', demand: id, demanded: demand.units.quantity, accepted: acceptedUnits }
          : undefined,
    )
    if (error !== undefined) return error
  }
  const refused = sub(demand.amount, amount)
  const unitsAccepted =
    kind === 'Full' || kind === 'Silent'
      ? demand.units?.quantity
      : kind === 'Refused'
        ? demand.units !== undefined
          ? zero
          : undefined
        : acceptedUnits
  d.primary = id
  const decided: PaymentDemand = {
    ...demand,
    status: 'Decided',
    decision: {
      _tag: kind,
      date: d.date,
      accepted: amount,
      ...(unitsAccepted !== undefined ? { acceptedUnits: unitsAccepted } : {}),
      refused,
      ...(refusal !== undefined ? { refusal } : {}),
    },
    ...(Quantity.isZero(refused)
      ? {}
      : {
          remainder: {
            amount: refused,
            ...(demand.units !== undefined && unitsAccepted !== undefined
              ? { units: sub(demand.units.quantity, unitsAccepted) }
              : {}),
            disposition: { _tag: 'Open' as const },
          },
        }),
  }
  d.put(settle(decided))
  if (kind === 'Full' || kind === 'Silent') release(d, demand, undefined)
  else if (kind === 'Partial' && acceptedUnits !== undefined && Quantity.sign(acceptedUnits) > 0)
    release(d, demand, acceptedUnits)
  d.dr(d.account(demand.buyer, 'received'), amount)
  d.cr(d.account(demand.buyer, 'inTransit'), amount)
  return undefined
}

const acceptDemand = (d: Draft, op: Op.AcceptDemand): Check =>
  op.acceptance._tag === 'Full'
    ? decide(d, op.demand, 'Full', (demand) => demand.amount, undefined, undefined)
    : decide(
        d,
        op.demand,
        'Partial',
        () => (op.acceptance as Extract<Op.Acceptance, { _tag: 'Partial' }>).accepted,
        op.acceptance.acceptedUnits,
        op.acceptance.refusal,
        op.acceptance.refused,
      )

const refuseDemand = (d: Draft, op: Op.RefuseDemand): Check =>
  decide(d, op.demand, 'Refused', () => zero, undefined, op.refusal)

const lapseAcceptance = (d: Draft, op: Op.LapseAcceptance): Check =>
  decide(d, op.demand, 'Silent', (demand) => demand.amount, undefined, undefined)

/** The demand must be decided (accepted or refused) and not closed. */
const decided = (d: Draft, id: DocumentId): PaymentDemand | DomainError => {
  const demand = live(d, id, 'PaymentDemand')
  if (isError(demand)) return demand
  if (demand.status !== 'Decided' || demand.decision === undefined) return { _tag: 'DemandNotDecided', demand: id }
  return demand
}

const payDemand = (d: Draft, op: Op.PayDemand): Check => {
  const demand = decided(d, op.demand)
  if (isError(demand)) return demand
  const accepted = demand.decision?.accepted ?? zero
  const error = first(
    () => money('amount', op.amount),
    () =>
      gt(add(demand.paid, op.amount), accepted)
        ? { _tag: 'PaymentExceedsAccepted', demand: op.demand, accepted, paid: demand.paid, requested: op.amount }
        : undefined,
    () => debit(d, demand.buyer, 'supplier'),
  )
  if (error !== undefined) return error
  const credit = demand.documentsCredit
  const repay = credit === undefined ? zero : Quantity.min(sub(credit.amount, credit.repaid), op.amount)
  if (credit !== undefined && Quantity.sign(repay) > 0) {
    const repayError = debit(d, demand.seller, 'bankLoan')
    if (repayError !== undefined) return repayError
  }
  d.primary = op.demand
  d.put(
    settle({
      ...demand,
      paid: add(demand.paid, op.amount),
      ...(credit !== undefined ? { documentsCredit: { ...credit, repaid: add(credit.repaid, repay) } } : {}),
    }),
  )
  d.dr(d.account(demand.buyer, 'payables'), op.amount, { counterparty: demand.seller })
  d.cr(d.account(demand.buyer, 'current'), op.amount, { counterparty: demand.seller })
  d.dr(d.account(demand.seller, 'current'), op.amount, { counterparty: demand.buyer })
  d.cr(d.account(demand.seller, 'receivables'), op.amount, { counterparty: demand.buyer })
  if (credit !== undefined && Quantity.sign(repay) > 0) {
    d.dr(d.account(demand.seller, 'gosbankDocuments'), repay, { counterparty: credit.bank })
    d.cr(d.account(demand.seller, 'current'), repay, { counterparty: credit.bank })
    d.dr(d.account(credit.bank, 'deposits'), repay, { counterparty: demand.seller })
    d.cr(d.account(credit.bank, 'loansIssued'), repay, { counterparty: demand.seller })
  }
  return undefined
}

const openRemainder = (
  d: Draft,
  id: DocumentId,
): { readonly demand: PaymentDemand; readonly amount: Money } | DomainError => {
  const demand = decided(d, id)
  if (isError(demand)) return demand
  if (demand.remainder === undefined || demand.remainder.disposition._tag !== 'Open')
    return { _tag: 'NoOpenRemainder', demand: id }
  return { demand, amount: demand.remainder.amount }
}

/** Both sides write off the refused remainder from the open claim: seller's receivable, buyer's payable. */
const closeRemainderLegs = (
  d: Draft,
  demand: PaymentDemand,
  amount: Money,
  sellerDebit: AccountName.AccountName,
): void => {
  d.dr(sellerDebit, amount)
  d.cr(d.account(demand.seller, 'receivables'), amount, { counterparty: demand.buyer })
  d.dr(d.account(demand.buyer, 'payables'), amount, { counterparty: demand.seller })
  d.cr(d.account(demand.buyer, 'inTransit'), amount)
}

const reverseRemainder = (d: Draft, op: Op.ReverseRemainder): Check => {
  const open = openRemainder(d, op.demand)
  if ('_tag' in open) return open
  const { demand, amount } = open
  d.primary = op.demand
  closeRemainderLegs(d, demand, amount, d.account(demand.seller, 'sales'))
  let returned = zero
  if (op.returnGoods === true) {
    for (const id of demand.shipments) {
      const shipment = d.document(id)
      if (shipment === undefined || shipment.kind !== 'Shipment' || Quantity.isZero(shipment.remainingUnits)) continue
      d.move(
        d.account(demand.seller, 'finished', shipment.lot),
        shipment.account,
        shipment.remainingCost,
        Amount.make(shipment.remainingUnits, shipment.goods.commodity),
      )
      returned = add(returned, shipment.remainingUnits)
      d.put({ ...shipment, remainingUnits: zero, remainingCost: zero, status: 'Returned' })
    }
  }
  const current = d.document(op.demand) as PaymentDemand
  const remainder = current.remainder ?? { amount }
  d.put(
    settle({
      ...current,
      remainder: {
        ...remainder,
        disposition: {
          _tag: 'Reversed',
          date: op.date,
          ...(op.returnGoods === true ? { returnedUnits: returned } : {}),
        },
      },
    }),
  )
  return undefined
}

const divertRemainder = (d: Draft, op: Op.DivertRemainder): Check => {
  const open = openRemainder(d, op.demand)
  if ('_tag' in open) return open
  const { demand, amount } = open
  const error = first(
    () => parties(d, demand.seller, op.payee),
    () => fresh(d, op.instrumentId),
    () =>
      op.instrument === 'bill' && (op.maturity === undefined || op.maturity <= op.date)
        ? { _tag: 'MaturityNotAfterIssue', id: op.instrumentId, date: op.date, maturity: op.maturity ?? op.date }
        : undefined,
    () => (op.instrument === 'cheque' ? debit(d, demand.seller, 'other') : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.demand
  closeRemainderLegs(d, demand, amount, d.account(demand.seller, 'divertedReceivables'))
  d.dr(d.account(demand.seller, 'overhead'), amount)
  if (op.instrument === 'bill' && op.maturity !== undefined) {
    d.cr(d.account(demand.seller, 'billsPayable'), amount, { counterparty: op.payee })
    d.dr(d.account(op.payee, 'billsReceivable'), amount, { counterparty: demand.seller })
    billNote(d, op.instrumentId, demand.seller, op.payee)
    d.put<Bill>({
      kind: 'Bill',
      id: op.instrumentId,
      date: op.date,
      events: [],
      drawer: demand.seller,
      drawee: demand.seller,
      payee: op.payee,
      face: amount,
      maturity: op.maturity,
      holder: op.payee,
      endorsements: [],
      discounts: [],
      origin: op.demand,
      status: 'Circulating',
    })
  } else {
    d.cr(d.account(demand.seller, 'current'), amount, { counterparty: op.payee })
    d.dr(d.account(op.payee, 'current'), amount, { counterparty: demand.seller })
    d.put({
      kind: 'Cheque',
      id: op.instrumentId,
      date: op.date,
      events: [],
      drawer: demand.seller,
      payee: op.payee,
      amount,
      origin: op.demand,
    })
  }
  d.cr(d.account(op.payee, 'otherIncome'), amount)
  const current = d.document(op.demand) as PaymentDemand
  const remainder = current.remainder ?? { amount }
  d.put(
    settle({
      ...current,
      remainder: {
        ...remainder,
        disposition: {
          _tag: 'Diverted',
          date: op.date,
          instrument: op.instrument,
          instrumentId: op.instrumentId,
          payee: op.payee,
        },
      },
    }),
  )
  return undefined
}

/** Checks serial numbers against a lot and returns the lot's new serial map, or the error. */

/** The operations of this instrument, by tag. */
export const handlers = {
  PresentDemand: presentDemand,
  CreditOnDocuments: creditOnDocuments,
  AcceptDemand: acceptDemand,
  RefuseDemand: refuseDemand,
  LapseAcceptance: lapseAcceptance,
  PayDemand: payDemand,
  ReverseRemainder: reverseRemainder,
  DivertRemainder: divertRemainder,
} as const satisfies Handlers
