/**
 * Exposure per lot or contract (domain.md M4, R11): every loan whose collateral names it, on
 * the seller's and the buyer's side, against the value of the goods under the current contract
 * version.
 */
import * as O from 'fp-ts/lib/Option.js'
import { type LocalDate, Quantity } from '../core/index.js'
import { type Books, type Contract, type DocumentId, history, type Loan, loansAgainst } from '../domain/Books.js'
import type { LedgerIndex } from './Flows.js'
import { ratio, ratioRounding } from './Ratio.js'

/** Whose loan it is relative to the contract behind the collateral: the seller, the buyer, or another borrower. */
export type LoanSide = 'seller' | 'buyer' | 'other'

/** A loan secured by the collateral, with the side of the contract that borrowed it. */
export interface ExposureLoan {
  readonly loan: Loan
  readonly side: LoanSide
}

/**
 * The loans secured by one lot or contract, their exact total outstanding money, and its coverage of the contract value
 * as an Option ratio with four decimals.
 */
export interface Exposure {
  readonly collateral: DocumentId
  readonly kind: 'lot' | 'contract'
  readonly contract?: Contract
  /**
   * Loans drawn on or before `asOf` that name the collateral and still secure something (outstanding principal), except
   * loans replaced by a refinancing (their successor counts).
   */
  readonly loans: ReadonlyArray<ExposureLoan>
  readonly total: Quantity.Quantity
  /** unit price of the current contract version × units (of the lot, else of the contract). */
  readonly contractValue: O.Option<Quantity.Quantity>
  /** total / contract value, four decimals. */
  readonly coverage: O.Option<Quantity.Quantity>
  /** Specification revisions (contract versions after the first) dated on or before `asOf`. */
  readonly revisions: ReadonlyArray<{
    readonly version: number
    readonly date: LocalDate.LocalDate
    readonly loansAfter: ReadonlyArray<DocumentId>
  }>
}

const sideOf = (loan: Loan, contract: Contract | undefined): LoanSide =>
  contract === undefined
    ? 'other'
    : loan.borrower === contract.seller
      ? 'seller'
      : loan.borrower === contract.buyer
        ? 'buyer'
        : 'other'

/** Every loan per collateral it names (lots and contracts), in the loans' order: `loansAgainst` for all ids at once. */
const loansByCollateral = (books: Books): ReadonlyMap<DocumentId, ReadonlyArray<Loan>> => {
  const result = new Map<DocumentId, Loan[]>()
  for (const loan of books.loans.values()) {
    for (const id of new Set([...loan.collateral.lots, ...loan.collateral.contracts])) {
      const list = result.get(id)
      if (list === undefined) result.set(id, [loan])
      else list.push(loan)
    }
  }
  return result
}

/**
 * The exposure of a lot or contract on `asOf`; undefined when the id is neither. With the run's `index`, the loans per
 * collateral are found once.
 */
export const exposure = (
  books: Books,
  collateral: DocumentId,
  asOf: LocalDate.LocalDate,
  index?: LedgerIndex,
): Exposure | undefined => {
  const lot = books.lots.get(collateral)
  const directContract = books.contracts.get(collateral)
  if (lot === undefined && directContract === undefined) return undefined
  const contract = directContract ?? (lot?.contract !== undefined ? books.contracts.get(lot.contract) : undefined)
  // A loan's state is known as of its last event; once that is on or before `asOf`, its
  // outstanding principal is what the lot still secures (a repaid loan secures nothing).
  const applied = history(books)
  const lastEventDate = (loan: Loan): LocalDate.LocalDate => {
    const index = loan.events[loan.events.length - 1]
    return index === undefined ? loan.date : (applied[index]?.operation.date ?? loan.date)
  }
  const securedOn = (loan: Loan): Quantity.Quantity =>
    lastEventDate(loan) <= asOf ? loan.outstandingPrincipal : loan.principal
  const against =
    index !== undefined && index.books === books
      ? (index.memo('loansByCollateral', () => loansByCollateral(books)).get(collateral) ?? [])
      : loansAgainst(books, collateral)
  const loans = against
    .filter(
      (loan) =>
        loan.date <= asOf &&
        !(loan.refinancedBy !== undefined && (books.loans.get(loan.refinancedBy)?.date ?? asOf) <= asOf),
    )
    .filter((loan) => Quantity.sign(securedOn(loan)) > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((loan) => ({ loan, side: sideOf(loan, contract) }))
  const total = Quantity.sumAll(loans.map((item) => securedOn(item.loan)))
  const versions = (contract?.versions ?? []).filter((version) => version.date <= asOf)
  const current = versions[versions.length - 1]
  const units = lot !== undefined ? lot.launched : current?.units
  const contractValue =
    current !== undefined && units !== undefined ? O.some(Quantity.multiply(current.unitPrice, units)) : O.none
  const coverage = O.isSome(contractValue) ? ratio(total, contractValue.value, ratioRounding) : O.none
  const revisions = versions.slice(1).map((version, index) => {
    const next = versions[index + 2]
    return {
      version: version.version,
      date: version.date,
      loansAfter: loans
        .filter((item) => item.loan.date >= version.date && (next === undefined || item.loan.date < next.date))
        .map((item) => item.loan.id),
    }
  })
  return {
    collateral,
    kind: lot !== undefined ? 'lot' : 'contract',
    ...(contract !== undefined ? { contract } : {}),
    loans,
    total,
    contractValue,
    coverage,
    revisions,
  }
}
