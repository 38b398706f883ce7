/**
 * R14 credit outside its limit or its programme; R15 debits on a frozen settlement account.
 */
import * as O from 'fp-ts/lib/Option.js'
import { type Entity, Ledger, LocalDate, Quantity, Rate } from '../../core/index.js'
import { type Books, type DocumentId, history, type Loan, type LoanKind } from '../../domain/Books.js'
import { valueAt } from '../../domain/Parameters.js'
import { Plans, Ratio } from '../../measures/index.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  numberMeasure,
  operationEvidence,
  percentMeasure,
  planEvidence,
  type Severity,
  showMoney,
  showPercent,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { entitiesOf } from './common.js'

interface Movement {
  readonly date: LocalDate.LocalDate
  readonly loan: Loan
  /** Principal drawn (positive) or repaid (negative). */
  readonly principal: Quantity.Quantity
}

/**
 * The principal movements of the loans of one borrower from one lender and of one kind: draws,
 * repayments, and refinancings (the old loan is settled when its successor is drawn).
 */
const movements = (
  books: Books,
  borrower: Entity.EntityName,
  lender: Entity.EntityName,
  kind: LoanKind,
): ReadonlyArray<Movement> => {
  const loans = new Map<DocumentId, Loan>()
  for (const loan of books.loans.values())
    if (loan.borrower === borrower && loan.lender === lender && loan.loanKind === kind) loans.set(loan.id, loan)
  const result: Movement[] = []
  for (const loan of loans.values()) result.push({ date: loan.date, loan, principal: loan.principal })
  for (const applied of history(books)) {
    const operation = applied.operation
    if (operation._tag === 'RepayLoan') {
      const loan = loans.get(operation.loan)
      if (loan !== undefined && !Quantity.isZero(operation.principal))
        result.push({ date: operation.date, loan, principal: Quantity.negate(operation.principal) })
    } else if (operation._tag === 'RefinanceLoan') {
      const loan = loans.get(operation.loan)
      const successor = books.loans.get(operation.newLoan)
      // The old loan's outstanding principal is settled by the new loan (drawn as its own movement).
      if (loan !== undefined && successor !== undefined)
        result.push({
          date: operation.date,
          loan,
          principal: Quantity.negate(outstandingBefore(books, loan, operation.date)),
        })
    }
  }
  return result.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : Quantity.sign(b.principal) - Quantity.sign(a.principal),
  )
}

/** A loan's principal less the repayments dated before `date`. */
const outstandingBefore = (books: Books, loan: Loan, date: LocalDate.LocalDate): Quantity.Quantity => {
  let outstanding = loan.principal
  for (const applied of history(books)) {
    const operation = applied.operation
    if (operation._tag === 'RepayLoan' && operation.loan === loan.id && operation.date < date)
      outstanding = Quantity.subtract(outstanding, operation.principal)
  }
  return outstanding
}

/**
 * Rule R14 (`credit-outside-limits`): warns when outstanding principal exceeds the credit limit in force (critical
 * above `criticalAbove` percent of it, default 10) and flags savings-bank loans outside the programme dates or terms.
 */
export const creditOutsideLimits = unsafeDefineRule({
  id: 'credit-outside-limits',
  title: 'Credit outside its limit or its programme',
  description:
    'For each credit limit (`limit PERIOD BORROWER credit:LENDER[:gosbank|savings-bank] AMOUNT`): the ' +
    'borrower’s outstanding principal from that lender, after each draw inside the period, against the ' +
    'limit in force on that day; excess = outstanding − limit; excess > 0 → warn, excess > ' +
    '`criticalAbove` of the limit → critical. For each savings-bank loan: drawn before the ' +
    'savings-bank lending programme opened or on or after its cancellation (a dated domain parameter: ' +
    '1 February 1931 to 4 December 1935) → critical; a rate or term other than the programme’s (9 %, ' +
    '10 years) → warn.',
  motivation:
    'domain.md R14, M6; Q27 (9 % for 10 years, fn 82–83), Q30 (cancelled by SNK protocol no. 20 of 4 ' +
    'December 1935, fn 85), Q31 (military borrowers drew "above their credit and expenditure limit", ' +
    'fn 78).',
  parameters: { criticalAbove: Param.percent },
  defaults: { criticalAbove: Rate.percentPoints(Quantity.unsafeFromInteger(10)) },
  evaluate: ({ books, asOf }, { criticalAbove }) => {
    const drafts: FindingDraft[] = []
    for (const borrower of entitiesOf(books)) {
      for (const line of Plans.planLines(books, borrower, 'CreditLimit')) {
        if (line.period.start > asOf) continue
        const { lender, loanKind } = line.item
        let outstanding = Quantity.zero
        for (const movement of movements(books, borrower, lender, loanKind)) {
          if (movement.date > asOf) break
          outstanding = Quantity.add(outstanding, movement.principal)
          if (
            Quantity.sign(movement.principal) <= 0 ||
            movement.loan.date !== movement.date ||
            !(movement.date >= line.period.start && movement.date < line.period.endExclusive)
          )
            continue
          const limit = Plans.valueKnownOn(line, movement.date)
          if (limit === undefined) continue
          const excess = Quantity.subtract(outstanding, limit.revision.amount)
          if (Quantity.sign(excess) <= 0) continue
          const ratio = Ratio.percentOf(excess, limit.revision.amount)
          // Compared exactly (100 · excess > criticalAbove · limit), not on the rounded ratio; a zero limit is always
          // critical.
          const critical =
            O.getOrElse((): -1 | 0 | 1 => 1)(Ratio.comparePercent(excess, limit.revision.amount, criticalAbove)) > 0
          const severity: Severity = critical ? 'critical' : 'warn'
          const evidence: Evidence[] = [
            planEvidence(books, line, limit.revision, books.currency),
            ...documentEvidence(books, movement.loan),
          ]
          drafts.push({
            severity,
            entity: borrower,
            period: line.period,
            date: movement.date,
            documents: [movement.loan.id],
            moneyGap: { quantity: excess, commodity: books.currency },
            measures: [
              amountMeasure('excess', excess, books.currency),
              amountMeasure('outstanding', outstanding, books.currency),
              amountMeasure('limit', limit.revision.amount, books.currency),
              ...(O.isSome(ratio) ? [percentMeasure('ratio', ratio.value)] : []),
            ],
            threshold: {
              text: `outstanding above the limit (critical above ${showPercent(criticalAbove)} of it)`,
              value: { _tag: 'Percent', percent: criticalAbove },
            },
            evidence,
            message:
              `${borrower} owed ${showMoney(outstanding, books.currency)} of ` +
              `${loanKind === 'savingsBank' ? 'savings-bank' : 'Gosbank'} credit to ${lender} after drawing ` +
              `${movement.loan.id} on ${movement.date}, against a limit of ` +
              `${showMoney(limit.revision.amount, books.currency)}: ${showMoney(excess, books.currency)} above ` +
              `it.`,
          })
        }
      }
    }
    // The savings-bank programme: its dates and its terms.
    for (const loan of [...books.loans.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
    )) {
      if (loan.loanKind !== 'savingsBank' || loan.date > asOf) continue
      const programme = valueAt(books.parameters.savingsBankProgramme, loan.date)?.value
      if (programme === undefined) continue
      const evidence = documentEvidence(books, loan)
      if (loan.date < programme.lendingFrom || loan.date >= programme.cancelledOn) {
        const before = loan.date < programme.lendingFrom
        drafts.push({
          severity: 'critical',
          entity: loan.borrower,
          date: loan.date,
          documents: [loan.id],
          moneyGap: { quantity: loan.principal, commodity: books.currency },
          measures: [
            amountMeasure('principal', loan.principal, books.currency),
            numberMeasure(
              before ? 'days-before-opening' : 'days-after-cancellation',
              Quantity.unsafeFromInteger(
                Math.abs(LocalDate.daysBetween(before ? programme.lendingFrom : programme.cancelledOn, loan.date)),
              ),
            ),
          ],
          threshold: {
            text: `a savings-bank loan outside the programme (${programme.lendingFrom} to ${programme.cancelledOn})`,
          },
          evidence,
          message:
            `${loan.lender} lent ${showMoney(loan.principal, books.currency)} to ${loan.borrower} (${loan.id}) ` +
            `on ${loan.date}, ` +
            (before
              ? `before the savings-bank lending programme opened on ${programme.lendingFrom}`
              : `after the programme was cancelled on ${programme.cancelledOn}`) +
            `.`,
        })
      }
      const programmeMonths = programme.termYears * 12
      if (!Quantity.equals(loan.rate, programme.rate) || loan.termMonths !== programmeMonths) {
        drafts.push({
          severity: 'warn',
          entity: loan.borrower,
          date: loan.date,
          documents: [loan.id],
          measures: [
            percentMeasure('rate', Rate.toPercentPoints(loan.rate)),
            percentMeasure('programme-rate', Rate.toPercentPoints(programme.rate)),
            numberMeasure('term-months', Quantity.unsafeFromInteger(loan.termMonths)),
            numberMeasure('programme-term-months', Quantity.unsafeFromInteger(programmeMonths)),
          ],
          threshold: { text: 'a rate or term other than the programme’s' },
          evidence,
          message:
            `Savings-bank loan ${loan.id} to ${loan.borrower} runs at ` +
            `${showPercent(Rate.toPercentPoints(loan.rate))} for ${loan.termMonths} months, not the ` +
            `programme’s ${showPercent(Rate.toPercentPoints(programme.rate))} for ${programmeMonths} months.`,
        })
      }
    }
    return drafts
  },
})

/**
 * Rule R15 (`frozen-account-debit`): critical for every debit recorded on a frozen settlement account in a payment
 * class the freeze did not permit.
 */
export const frozenAccountDebit = unsafeDefineRule({
  id: 'frozen-account-debit',
  title: 'Debit on a frozen settlement account',
  description:
    'Every debit the books recorded on a settlement account while the bank had frozen it, in a payment ' +
    'class the freeze did not permit (the operation was loaded with the breach recorded, as historical ' +
    'books must be) → critical. Reports the account, the payment class and the classes still permitted.',
  motivation:
    'domain.md R15, M7; Q3: only 142 of 306 Leningrad enterprises kept unfrozen accounts without ' +
    'sanctions (fn 44: TsGIA SPb F. 960, Op.7, D.388, 88).',
  parameters: {},
  defaults: {},
  evaluate: ({ books, asOf }) => {
    const drafts: FindingDraft[] = []
    for (const applied of history(books)) {
      if (applied.operation.date > asOf) continue
      for (const note of applied.notes) {
        if (note._tag !== 'FrozenAccountDebitRecorded') continue
        const evidence = operationEvidence(
          books,
          applied.index,
          `${applied.operation._tag} debited the frozen account ${note.account}`,
        )
        // The amount paid out: the credits of this operation's transaction to the frozen account.
        const transaction =
          applied.transaction !== undefined ? Ledger.transactions(books.ledger)[applied.transaction] : undefined
        const paid = Quantity.negate(
          Quantity.sumAll(
            (transaction?.postings ?? [])
              .filter(
                (posting) =>
                  posting.account === note.account &&
                  posting.money !== undefined &&
                  Quantity.sign(posting.money.quantity) < 0,
              )
              .map((posting) => posting.money?.quantity ?? Quantity.zero),
          ),
        )
        drafts.push({
          severity: 'critical',
          entity: note.entity,
          date: applied.operation.date,
          accounts: [note.account],
          documents: applied.documents,
          ...(Quantity.sign(paid) > 0 ? { moneyGap: { quantity: paid, commodity: books.currency } } : {}),
          measures: Quantity.sign(paid) > 0 ? [amountMeasure('paid', paid, books.currency)] : [],
          threshold: {
            text:
              `a debit of class ${note.paymentClass} while only ${note.permitted.join(', ') || 'nothing'} may be ` +
              `paid`,
          },
          evidence: evidence !== undefined ? [evidence] : [],
          message:
            `${note.entity} paid from its frozen account ${note.account} on ${applied.operation.date} (` +
            `${applied.operation._tag}, payment class ${note.paymentClass}); the freeze permitted only ` +
            `${note.permitted.join(', ') || 'no debits'}.`,
        })
      }
    }
    return drafts
  },
})
