/** Military acceptance: provisional and final acceptance of lots, claims and their answers, rework. */
import * as E from 'fp-ts/lib/Either.js'
import { LocalDate, Quantity } from '../../core/index.js'
import type { Claim, Label, Lot, UnitAcceptance } from '../Books.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import { requireAt } from '../Parameters.js'
import {
  add,
  type Check,
  type Draft,
  entity,
  first,
  fresh,
  goods,
  gt,
  type Handlers,
  isError,
  live,
  lotOf,
  moneyOrZero,
  optionalLot,
  parties,
  positive,
  stock,
  sub,
} from './Draft.js'

const serialsFor = (
  lot: Lot,
  units: Quantity.Quantity,
  serials: ReadonlyArray<Label> | undefined,
  expected: UnitAcceptance | undefined,
  next: UnitAcceptance,
): ReadonlyMap<Label, UnitAcceptance> | DomainError => {
  if (serials === undefined) return lot.serials
  if (!Quantity.equals(units, Quantity.unsafeFromInteger(serials.length)))
    return { _tag: 'SerialCountMismatch', units, serials: serials.length }
  const result = new Map(lot.serials)
  for (const serial of serials) {
    const state = result.get(serial)
    if (expected === undefined) {
      if (state !== undefined) return { _tag: 'UnitAlreadyAccepted', lot: lot.id, serial, stage: state }
    } else if (state === undefined) return { _tag: 'UnitNotProvisionallyAccepted', lot: lot.id, serial }
    else if (state !== expected) return { _tag: 'UnitAlreadyAccepted', lot: lot.id, serial, stage: state }
    result.set(serial, next)
  }
  return result
}

const provisionalAcceptance = (d: Draft, op: Op.ProvisionalAcceptance): Check => {
  const units = goods(op.goods)
  const from = d.account(op.seller, 'finished', op.lot)
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
  )
  if (error !== undefined) return error
  const lot = lotOf(d, op.lot, op.seller, op.goods.commodity)
  if (isError(lot)) return lot
  const serials = serialsFor(lot, op.goods.quantity, op.serials, undefined, 'provisional')
  if ('_tag' in serials) return serials as DomainError
  const stockError = stock(d, from, units)
  if (stockError !== undefined) return stockError
  d.primary = op.id
  d.put({ ...lot, provisional: add(lot.provisional, op.goods.quantity), serials })
  d.put({
    kind: 'AcceptanceCertificate',
    id: op.id,
    date: op.date,
    events: [],
    stage: 'provisional',
    seller: op.seller,
    buyer: op.buyer,
    lot: op.lot,
    goods: units,
    cost: op.cost,
    serials: op.serials ?? [],
  })
  d.move(d.account(op.seller, 'provisional', op.lot), from, op.cost, units)
  return undefined
}

const finalAcceptance = (d: Draft, op: Op.FinalAcceptance): Check => {
  const units = goods(op.goods)
  const from = d.account(op.seller, 'provisional', op.lot)
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => positive('goods.quantity', op.goods.quantity),
    () => moneyOrZero('cost', op.cost),
    () => (op.reworkCost !== undefined ? moneyOrZero('reworkCost', op.reworkCost) : undefined),
  )
  if (error !== undefined) return error
  const lot = lotOf(d, op.lot, op.seller, op.goods.commodity)
  if (isError(lot)) return lot
  const open = sub(sub(lot.provisional, lot.final), lot.rejected)
  if (gt(op.goods.quantity, open))
    return { _tag: 'ExceedsProvisionallyAccepted', lot: op.lot, open, requested: op.goods.quantity }
  const stage = op.outcome === 'accepted' ? 'final' : 'rejected'
  const serials = serialsFor(lot, op.goods.quantity, op.serials, 'provisional', stage)
  if ('_tag' in serials) return serials as DomainError
  const stockError = stock(d, from, units)
  if (stockError !== undefined) return stockError
  d.primary = op.id
  d.put({
    ...lot,
    ...(op.outcome === 'accepted'
      ? { final: add(lot.final, op.goods.quantity) }
      : { rejected: add(lot.rejected, op.goods.quantity) }),
    serials,
  })
  d.put({
    kind: 'AcceptanceCertificate',
    id: op.id,
    date: op.date,
    events: [],
    stage,
    seller: op.seller,
    buyer: op.buyer,
    lot: op.lot,
    goods: units,
    cost: op.cost,
    serials: op.serials ?? [],
  })
  if (op.outcome === 'accepted') {
    d.move(d.account(op.seller, 'costOfSales'), from, op.cost, units)
    if (op.reworkCost !== undefined && Quantity.sign(op.reworkCost) > 0) {
      d.dr(d.account(op.seller, 'costOfSales'), op.reworkCost)
      d.cr(d.account(op.seller, 'rework', op.lot), op.reworkCost)
    }
  } else d.move(d.account(op.seller, 'rejected', op.lot), from, op.cost, units)
  return undefined
}

const recordClaim = (d: Draft, op: Op.RecordClaim): Check => {
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
    () =>
      op.units !== undefined &&
      op.serials !== undefined &&
      !Quantity.equals(op.units, Quantity.unsafeFromInteger(op.serials.length))
        ? { _tag: 'SerialCountMismatch', units: op.units, serials: op.serials.length }
        : undefined,
  )
  if (error !== undefined) return error
  if (op.lot !== undefined) {
    const lot = lotOf(d, op.lot, op.seller)
    if (isError(lot)) return lot
    d.put({ ...lot, claims: [...lot.claims, op.id] })
  }
  const days = requireAt(d.books.parameters.claimResponseDays, op.date, 'claimResponseDays')[op.district]
  const deadline = LocalDate.addDays(days)(op.date)
  if (E.isLeft(deadline)) return { _tag: 'DateOutOfRange', date: op.date, what: 'claim response deadline' }
  d.primary = op.id
  d.put<Claim>({
    kind: 'Claim',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(op.units !== undefined ? { units: op.units } : {}),
    serials: op.serials ?? [],
    defect: op.defect,
    district: op.district,
    responseDeadline: deadline.right,
    status: 'Open',
    reworks: [],
  })
  return undefined
}

const answerClaim = (d: Draft, op: Op.AnswerClaim): Check => {
  const claim = live(d, op.claim, 'Claim')
  if (isError(claim)) return claim
  if (claim.answeredOn !== undefined)
    return { _tag: 'ClaimAlreadyAnswered', claim: op.claim, answeredOn: claim.answeredOn }
  d.primary = op.claim
  d.put({ ...claim, status: 'Answered', answeredOn: op.date })
  return undefined
}

const rework = (d: Draft, op: Op.Rework): Check => {
  const materials = op.materials
  const total = materials === undefined ? op.wages : add(op.wages, materials.cost)
  const error = first(
    () => entity(d, op.entity),
    () => fresh(d, op.id),
    () => moneyOrZero('wages', op.wages),
    () =>
      materials !== undefined
        ? first(
            () => positive('materials.goods.quantity', materials.goods.quantity),
            () => moneyOrZero('materials.cost', materials.cost),
          )
        : undefined,
    () =>
      Quantity.isZero(total) && materials === undefined
        ? { _tag: 'InvalidAmount', field: 'wages', value: op.wages, reason: 'notPositive' }
        : undefined,
    () => optionalLot(d, op.lot, op.entity),
    () => (materials !== undefined ? stock(d, d.account(op.entity, 'materials'), goods(materials.goods)) : undefined),
  )
  if (error !== undefined) return error
  if (op.claim !== undefined) {
    const claim = live(d, op.claim, 'Claim')
    if (isError(claim)) return claim
    if (claim.seller !== op.entity)
      return { _tag: 'PartyMismatch', id: op.claim, role: 'seller', expected: claim.seller, actual: op.entity }
    d.put({
      ...claim,
      reworks: [...claim.reworks, op.id],
      ...(op.closesClaim === true ? { status: 'Closed' as const } : {}),
    })
  }
  if (op.lot !== undefined) {
    const lot = d.document(op.lot) as Lot
    d.put({ ...lot, reworkCost: add(lot.reworkCost, total) })
  }
  d.primary = op.id
  d.put({
    kind: 'Rework',
    id: op.id,
    date: op.date,
    events: [],
    entity: op.entity,
    ...(op.claim !== undefined ? { claim: op.claim } : {}),
    ...(op.lot !== undefined ? { lot: op.lot } : {}),
    ...(materials !== undefined ? { materials: { goods: goods(materials.goods), cost: materials.cost } } : {}),
    wages: op.wages,
    total,
  })
  const target = d.account(op.entity, 'rework', op.lot)
  if (materials !== undefined) d.move(target, d.account(op.entity, 'materials'), materials.cost, goods(materials.goods))
  d.dr(target, op.wages)
  d.cr(d.account(op.entity, 'wagesPayable'), op.wages)
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  ProvisionalAcceptance: provisionalAcceptance,
  FinalAcceptance: finalAcceptance,
  RecordClaim: recordClaim,
  AnswerClaim: answerClaim,
  Rework: rework,
} as const satisfies Handlers
