/** Contracts: signed and their specifications revised. */
import type { Contract } from '../Books.js'
import type * as Op from '../Operation.js'
import {
  type Check,
  type Draft,
  first,
  fresh,
  type Handlers,
  isError,
  live,
  moneyOrZero,
  parties,
  positive,
} from './Draft.js'

const signContract = (d: Draft, op: Op.SignContract): Check => {
  const error = first(
    () => parties(d, op.seller, op.buyer),
    () => fresh(d, op.id),
    () => moneyOrZero('unitPrice', op.unitPrice),
    () => moneyOrZero('plannedCost', op.plannedCost),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  d.primary = op.id
  d.put<Contract>({
    kind: 'Contract',
    id: op.id,
    date: op.date,
    events: [],
    seller: op.seller,
    buyer: op.buyer,
    ...(op.commodity !== undefined ? { commodity: op.commodity } : {}),
    versions: [
      {
        version: 1,
        date: op.date,
        unitPrice: op.unitPrice,
        plannedCost: op.plannedCost,
        ...(op.units !== undefined ? { units: op.units } : {}),
        description: op.description,
      },
    ],
    loans: [],
  })
  return undefined
}

const reviseSpecification = (d: Draft, op: Op.ReviseSpecification): Check => {
  const contract = live(d, op.contract, 'Contract')
  if (isError(contract)) return contract
  const last = contract.versions[contract.versions.length - 1]
  const error = first(
    () =>
      last !== undefined && op.date < last.date
        ? { _tag: 'DateBeforeDocument', id: op.contract, documentDate: last.date, date: op.date }
        : undefined,
    () => moneyOrZero('unitPrice', op.unitPrice),
    () => moneyOrZero('plannedCost', op.plannedCost),
    () => (op.units !== undefined ? positive('units', op.units) : undefined),
  )
  if (error !== undefined) return error
  const units = op.units ?? last?.units
  d.primary = op.contract
  d.put({
    ...contract,
    versions: [
      ...contract.versions,
      // A revision that does not restate the units keeps those of the version it revises.
      {
        version: contract.versions.length + 1,
        date: op.date,
        unitPrice: op.unitPrice,
        plannedCost: op.plannedCost,
        ...(units !== undefined ? { units } : {}),
        description: op.description,
      },
    ],
  })
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  SignContract: signContract,
  ReviseSpecification: reviseSpecification,
} as const satisfies Handlers
