/** Loans and credit: drawn, interest accrued, repaid, refinanced; collateral pledged. */
import { Quantity, type Rate } from '../../core/index.js'
import { simpleInterest } from '../Arithmetic.js'
import type { DocumentId, Loan, Role } from '../Books.js'
import type * as Op from '../Operation.js'
import { savingsBankProgrammeActive } from '../Parameters.js'
import {
  add,
  addMonths,
  type Check,
  type Draft,
  debit,
  find,
  first,
  fresh,
  gt,
  type Handlers,
  inCalendar,
  isError,
  live,
  lt,
  money,
  moneyOrZero,
  parties,
  rate,
  sub,
  term,
  zero,
} from './Draft.js'

const liabilityRole = (loan: { readonly loanKind: Loan['loanKind'] }): Role =>
  loan.loanKind === 'savingsBank' ? 'savingsBankLoans' : 'gosbankShortTerm'

interface Terms {
  readonly rate: Rate.Fraction
  readonly termMonths: number
  readonly scheme: Loan['scheme']
  readonly dayCount: Loan['dayCount']
}

/** Loan terms are at most 100 years (`termMonthsMax`), so maturities stay within the calendar. */
export const termMonthsMax = 1200

const termsError = (terms: Terms): Check =>
  first(
    () => rate(terms.rate),
    () => term('termMonths', terms.termMonths),
    () =>
      terms.termMonths > termMonthsMax
        ? { _tag: 'InvalidTerm', field: 'termMonths', value: terms.termMonths }
        : undefined,
  )

/** Links a new loan to its collateral documents (both sides of R11 exposure). */
const pledge = (d: Draft, loanId: DocumentId, collateral: Loan['collateral']): Check => {
  for (const id of collateral.lots) {
    const lot = find(d, id, 'Lot')
    if (isError(lot)) return lot
    d.put({ ...lot, loans: [...lot.loans, loanId] })
  }
  for (const id of collateral.contracts) {
    const contract = find(d, id, 'Contract')
    if (isError(contract)) return contract
    d.put({ ...contract, loans: [...contract.loans, loanId] })
  }
  return undefined
}

const newLoan = (
  d: Draft,
  fields: Omit<
    Loan,
    | 'kind'
    | 'events'
    | 'maturity'
    | 'outstandingPrincipal'
    | 'outstandingInterest'
    | 'interestAccrued'
    | 'interestPaid'
    | 'accruedTo'
    | 'status'
  >,
): Loan => {
  if (fields.loanKind === 'savingsBank' && !savingsBankProgrammeActive(d.books.parameters, fields.date))
    d.note({ _tag: 'SavingsBankLoanOutsideProgramme', loan: fields.id, date: fields.date })
  return d.put<Loan>({
    ...fields,
    kind: 'Loan',
    events: [],
    // Checked by `inCalendar` before every call: a maturity within the calendar.
    maturity: addMonths(fields.date, fields.termMonths) ?? fields.date,
    outstandingPrincipal: fields.principal,
    outstandingInterest: zero,
    interestAccrued: zero,
    interestPaid: zero,
    accruedTo: fields.date,
    status: 'Active',
  })
}

const drawLoan = (d: Draft, op: Op.DrawLoan): Check => {
  const error = first(
    () => parties(d, op.lender, op.borrower),
    () => fresh(d, op.id),
    () => money('principal', op.principal),
    () => termsError(op),
    () => inCalendar(op.date, addMonths(op.date, op.termMonths), 'maturity'),
    () => pledge(d, op.id, op.collateral),
  )
  if (error !== undefined) return error
  d.primary = op.id
  const loan = newLoan(d, {
    id: op.id,
    date: op.date,
    lender: op.lender,
    borrower: op.borrower,
    loanKind: op.loanKind,
    purpose: op.purpose,
    collateral: op.collateral,
    principal: op.principal,
    rate: op.rate,
    termMonths: op.termMonths,
    scheme: op.scheme,
    dayCount: op.dayCount,
  })
  d.dr(d.account(op.borrower, 'current'), op.principal, { counterparty: op.lender })
  d.cr(d.account(op.borrower, liabilityRole(loan), op.id), op.principal, { counterparty: op.lender })
  d.dr(d.account(op.lender, 'loansIssued', op.id), op.principal, { counterparty: op.borrower })
  d.cr(d.account(op.lender, 'deposits'), op.principal, { counterparty: op.borrower })
  return undefined
}

const accrueInterest = (d: Draft, op: Op.AccrueInterest): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  if (op.date <= loan.accruedTo)
    return { _tag: 'AccrualNotAfterLastAccrual', loan: op.loan, accruedTo: loan.accruedTo, date: op.date }
  const interest = simpleInterest(
    loan.outstandingPrincipal,
    loan.rate,
    loan.accruedTo,
    op.date,
    loan.dayCount,
    d.rounding,
  )
  d.primary = op.loan
  d.put({
    ...loan,
    accruedTo: op.date,
    outstandingInterest: add(loan.outstandingInterest, interest),
    interestAccrued: add(loan.interestAccrued, interest),
  })
  d.dr(d.account(loan.borrower, 'interest'), interest)
  d.cr(d.account(loan.borrower, liabilityRole(loan), `${op.loan}:interest`), interest, { counterparty: loan.lender })
  d.dr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), interest, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'interestIncome'), interest)
  return undefined
}

const repayLoan = (d: Draft, op: Op.RepayLoan): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  const total = add(op.principal, op.interest)
  const error = first(
    () => moneyOrZero('principal', op.principal),
    () => moneyOrZero('interest', op.interest),
    () =>
      Quantity.isZero(total)
        ? { _tag: 'InvalidAmount', field: 'principal', value: op.principal, reason: 'notPositive' }
        : undefined,
    () =>
      gt(op.principal, loan.outstandingPrincipal)
        ? {
            _tag: 'RepaymentExceedsOutstanding',
            loan: op.loan,
            part: 'principal',
            outstanding: loan.outstandingPrincipal,
            requested: op.principal,
          }
        : undefined,
    () =>
      gt(op.interest, loan.outstandingInterest)
        ? {
            _tag: 'RepaymentExceedsOutstanding',
            loan: op.loan,
            part: 'interest',
            outstanding: loan.outstandingInterest,
            requested: op.interest,
          }
        : undefined,
    () => debit(d, loan.borrower, 'bankLoan'),
  )
  if (error !== undefined) return error
  const principal = sub(loan.outstandingPrincipal, op.principal)
  const interest = sub(loan.outstandingInterest, op.interest)
  d.primary = op.loan
  d.put({
    ...loan,
    outstandingPrincipal: principal,
    outstandingInterest: interest,
    interestPaid: add(loan.interestPaid, op.interest),
    status: Quantity.isZero(principal) && Quantity.isZero(interest) ? 'Repaid' : 'Active',
  })
  const role = liabilityRole(loan)
  d.dr(d.account(loan.borrower, role, op.loan), op.principal, { counterparty: loan.lender })
  d.dr(d.account(loan.borrower, role, `${op.loan}:interest`), op.interest, { counterparty: loan.lender })
  d.cr(d.account(loan.borrower, 'current'), total, { counterparty: loan.lender })
  d.dr(d.account(loan.lender, 'deposits'), total, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'loansIssued', op.loan), op.principal, { counterparty: loan.borrower })
  d.cr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), op.interest, { counterparty: loan.borrower })
  return undefined
}

const refinanceLoan = (d: Draft, op: Op.RefinanceLoan): Check => {
  const loan = live(d, op.loan, 'Loan')
  if (isError(loan)) return loan
  const outstanding = add(loan.outstandingPrincipal, loan.outstandingInterest)
  const collateral = op.collateral ?? loan.collateral
  const error = first(
    () => fresh(d, op.newLoan),
    () => money('principal', op.principal),
    () => termsError(op),
    () => inCalendar(op.date, addMonths(op.date, op.termMonths), 'maturity'),
    () =>
      lt(op.principal, outstanding)
        ? { _tag: 'RefinanceBelowOutstanding', loan: op.loan, outstanding, principal: op.principal }
        : undefined,
    () => pledge(d, op.newLoan, collateral),
  )
  if (error !== undefined) return error
  const extra = sub(op.principal, outstanding)
  d.primary = op.newLoan
  d.put({
    ...loan,
    outstandingPrincipal: zero,
    outstandingInterest: zero,
    status: 'Refinanced',
    refinancedBy: op.newLoan,
  })
  const next = newLoan(d, {
    id: op.newLoan,
    date: op.date,
    lender: loan.lender,
    borrower: loan.borrower,
    loanKind: loan.loanKind,
    purpose: op.purpose ?? loan.purpose,
    collateral,
    principal: op.principal,
    rate: op.rate,
    termMonths: op.termMonths,
    scheme: op.scheme,
    dayCount: op.dayCount,
    refinances: op.loan,
  })
  const role = liabilityRole(loan)
  const borrowerSide = { counterparty: loan.lender }
  const lenderSide = { counterparty: loan.borrower }
  d.dr(d.account(loan.borrower, role, op.loan), loan.outstandingPrincipal, borrowerSide)
  d.dr(d.account(loan.borrower, role, `${op.loan}:interest`), loan.outstandingInterest, borrowerSide)
  d.dr(d.account(loan.borrower, 'current'), extra, borrowerSide)
  d.cr(d.account(loan.borrower, liabilityRole(next), op.newLoan), op.principal, borrowerSide)
  d.dr(d.account(loan.lender, 'loansIssued', op.newLoan), op.principal, lenderSide)
  d.cr(d.account(loan.lender, 'loansIssued', op.loan), loan.outstandingPrincipal, lenderSide)
  d.cr(d.account(loan.lender, 'loansIssued', `${op.loan}:interest`), loan.outstandingInterest, lenderSide)
  d.cr(d.account(loan.lender, 'deposits'), extra, lenderSide)
  return undefined
}

/** The legs of handing over a bill worth `face` from `from` to `to`, in settlement of a debt or as an expense. */

/** The operations of this instrument, by tag. */
export const handlers = {
  DrawLoan: drawLoan,
  AccrueInterest: accrueInterest,
  RepayLoan: repayLoan,
  RefinanceLoan: refinanceLoan,
} as const satisfies Handlers
