/** Journal syntax of loans and credit. */
import * as Quantity from '../../core/Quantity.js'
import type * as Rate from '../../core/Rate.js'
import type { DayCount, DocumentId, InterestScheme, LoanKind } from '../../domain/Books.js'
import {
  choices,
  dayCountNames,
  type Form,
  flag,
  loanKindNames,
  type Options,
  type Reader,
  type Token,
  text,
  value,
} from './Reader.js'

const loanTerms = (r: Reader, extra: Options) => {
  let rate: Rate.Fraction | undefined
  let termMonths: number | undefined
  let scheme: InterestScheme | undefined
  let dayCount: DayCount | undefined
  let purpose: string | undefined
  let lots: ReadonlyArray<DocumentId> | undefined
  let contracts: ReadonlyArray<DocumentId> | undefined
  const ids = (argument: string) => (x: Reader) => x.list(`${argument} ids`, (y) => y.id(`${argument} id`))
  const lotsOption = value(r, ids('lot'), (v: ReadonlyArray<DocumentId>) => (lots = v))
  const contractsOption = value(r, ids('contract'), (v: ReadonlyArray<DocumentId>) => (contracts = v))
  r.options({
    rate: value(
      r,
      (x) => x.rate('rate'),
      (v) => (rate = v),
    ),
    term: value(
      r,
      (x) => x.term('term'),
      (v) => (termMonths = v),
    ),
    ...choices(
      r,
      'interest scheme',
      { simple: 'simple', annuity: 'annuity' },
      () => scheme,
      (v) => (scheme = v),
    ),
    ...choices(
      r,
      'day count',
      Object.fromEntries(dayCountNames),
      () => dayCount,
      (v) => (dayCount = v),
    ),
    'day-count': value(
      r,
      (x) => x.choice('day count', dayCountNames),
      (v) => (dayCount = v),
    ),
    purpose: text(r, 'purpose', (v) => (purpose = v)),
    collateral: flag(() => undefined),
    lot: lotsOption,
    lots: lotsOption,
    contract: contractsOption,
    contracts: contractsOption,
    ...extra,
  })
  return {
    get purpose() {
      return purpose
    },
    get collateral() {
      return lots === undefined && contracts === undefined
        ? undefined
        : { lots: lots ?? [], contracts: contracts ?? [] }
    },
    complete: () => {
      r.need(rate, 'rate PERCENT (e.g. rate 6%)')
      r.need(termMonths, 'term (e.g. term 6m, term 10y)')
      if (r.failed || rate === undefined || termMonths === undefined) return undefined
      return { rate, termMonths, scheme: scheme ?? ('simple' as const), dayCount: dayCount ?? ('actual/360' as const) }
    },
  }
}

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /**
   * `loan ID LENDER -> BORROWER MONEY rate R% term T [simple|annuity] [act/360|act/365|30/360] [kind
   * gosbank|savings-bank] [purpose TEXT] [collateral] [lot L…] [contract C…]`
   */
  loan: (r) => {
    const id = r.id('loan id')
    const parties = r.parties('lender', 'borrower')
    const principal = r.money('principal')
    let loanKind: LoanKind | undefined
    const terms = loanTerms(r, {
      kind: value(
        r,
        (x) => x.choice('kind', loanKindNames),
        (v) => (loanKind = v),
      ),
    })
    if (r.failed || id === undefined || parties === undefined || principal === undefined) return undefined
    const complete = terms.complete()
    if (complete === undefined) return undefined
    return {
      _tag: 'DrawLoan',
      date: r.on,
      id,
      lender: parties[0],
      borrower: parties[1],
      loanKind: loanKind ?? 'gosbankShortTerm',
      purpose: terms.purpose ?? '',
      collateral: terms.collateral ?? { lots: [], contracts: [] },
      principal,
      ...complete,
    }
  },

  /** `interest LOAN` */
  interest: (r) => {
    const loan = r.id('loan id')
    r.options({})
    if (r.failed || loan === undefined) return undefined
    return { _tag: 'AccrueInterest', date: r.on, loan }
  },

  /** `repay LOAN [principal MONEY] [interest MONEY]` */
  repay: (r) => {
    const loan = r.id('loan id')
    let principal: Quantity.Quantity | undefined
    let interest: Quantity.Quantity | undefined
    r.options({
      principal: value(
        r,
        (x) => x.money('principal'),
        (v) => (principal = v),
      ),
      interest: value(
        r,
        (x) => x.money('interest'),
        (v) => (interest = v),
      ),
    })
    if (r.failed || loan === undefined) return undefined
    if (principal === undefined && interest === undefined) return r.missing(`principal MONEY and/or interest MONEY`)
    return {
      _tag: 'RepayLoan',
      date: r.on,
      loan,
      principal: principal ?? Quantity.zero,
      interest: interest ?? Quantity.zero,
    }
  },

  /**
   * `refinance LOAN as NEW-LOAN MONEY rate R% term T [simple|annuity] [act/360…] [purpose TEXT] [lot L…] [contract
   * C…]`
   */
  refinance: (r) => {
    const loan = r.id('loan id')
    if (!r.failed && !r.at('as'))
      return r.done ? r.missing('as NEW-LOAN') : r.invalid(r.peek() as Token, 'new loan', '"as NEW-LOAN"')
    r.take()
    const newLoan = r.id('new loan id')
    const principal = r.money('principal')
    const terms = loanTerms(r, {})
    if (r.failed || loan === undefined || newLoan === undefined || principal === undefined) return undefined
    const complete = terms.complete()
    if (complete === undefined) return undefined
    return {
      _tag: 'RefinanceLoan',
      date: r.on,
      loan,
      newLoan,
      principal,
      ...complete,
      ...(terms.purpose !== undefined ? { purpose: terms.purpose } : {}),
      ...(terms.collateral !== undefined ? { collateral: terms.collateral } : {}),
    }
  },
}
