/** Journal syntax of plans, norms, limits and physical counts. */
import * as Quantity from '../../core/Quantity.js'
import { nextDay } from '../Lexer.js'
import * as Plans from '../Plans.js'
import type * as Syntax from '../Syntax.js'
import type { Form, Token } from './Reader.js'

/** `plan|norm|limit PERIOD ENTITY CATEGORY AMOUNT [UNITS]`: a dated revision of a plan line. */
const planForm =
  (keyword: Syntax.PlanKeyword): Form =>
  (r) => {
    const periodToken = r.peek()
    let period: Syntax.PeriodSyntax | undefined
    if (periodToken === undefined) return r.missing('period (1936, 1936-Q2, 1936-03, DATE..DATE)')
    if (periodToken._tag === 'Period') period = periodToken.period
    else if (periodToken._tag === 'Date')
      period = { kind: 'date', start: periodToken.date, endExclusive: periodToken.date, span: periodToken.span }
    else if (
      periodToken._tag === 'Amount' &&
      !periodToken.bracketed &&
      periodToken.amount.commodity === '' &&
      /^\d{4}$/u.test(periodToken.amount.quantity)
    ) {
      const year = periodToken.amount.quantity
      period = {
        kind: 'year',
        start: `${year}-01-01`,
        endExclusive: `${Number(year) + 1}-01-01`,
        span: periodToken.span,
      }
    }
    if (period === undefined) return r.invalid(periodToken, 'period', 'a period (1936, 1936-Q2, 1936-03, DATE..DATE)')
    r.take()
    if (period.kind === 'date') period = { ...period, endExclusive: nextDay(period.start) }
    const entity = r.entity('entity')
    const category = r.word('category (e.g. wage-fund:ITR, output:T28, working-capital, credit:gosbank)')
    if (entity === undefined || category === undefined) return undefined
    const amounts: Array<{ readonly amount: Syntax.AmountSyntax; readonly bracketed: boolean; readonly token: Token }> =
      []
    while (!r.failed && !r.done) {
      const token = r.take() as Token
      if (token._tag !== 'Amount' || amounts.length === 2) return r.unexpected(token)
      if (!token.bracketed && token.amount.commodity === '')
        return r.invalid(token, 'amount', 'a money amount or a goods quantity')
      // Unbracketed, only the currency or the category's own commodity (`output:T28  25 T28`) is allowed.
      if (
        !token.bracketed &&
        !category.endsWith(`:${token.amount.commodity}`) &&
        r.moneyOf(token, 'amount') === undefined
      )
        return undefined
      if (token.amount.estimated) r.estimated = true
      amounts.push({ amount: token.amount, bracketed: token.bracketed, token })
    }
    if (amounts.length === 0) return r.missing(`amount (money in ${r.context.currency} and/or [units])`)
    const money = amounts.filter((item) => !item.bracketed && item.amount.commodity === r.context.currency)
    const second = money.length === 2 ? money[1] : amounts.length === 2 && money.length === 0 ? amounts[1] : undefined
    if (second !== undefined)
      return r.fail({
        _tag: 'DuplicateOperationArgument',
        span: second.token.span,
        keyword: r.keyword,
        argument: 'amount',
      })
    const planErrors: Plans.PlanError[] = []
    const nodes: Syntax.PlanDirective[] = amounts.map((item) => ({
      _tag: 'PlanDirective',
      span: r.syntax.span,
      comment: null,
      subLines: [],
      keyword,
      period: period as Syntax.PeriodSyntax,
      entity,
      category,
      amount: item.amount,
      bracketed: item.bracketed,
    }))
    const located = Plans.setPlans(nodes, new Set(r.context.declarations.entities.keys()), planErrors, [])
    const planError = planErrors[0]
    if (planError !== undefined) {
      if (planError._tag === 'UnknownEntity')
        return r.fail({ _tag: 'UnknownEntity', span: r.syntax.span, entity: planError.entity })
      return r.fail({
        _tag: 'InvalidOperationValue',
        span: r.syntax.span,
        keyword: r.keyword,
        argument: 'category',
        text: category,
        expected: Plans.message(planError),
      })
    }
    const operation = located[0]?.operation
    if (operation === undefined || operation._tag !== 'SetPlan' || located.length !== 1)
      return r.fail({ _tag: 'DuplicateOperationArgument', span: r.syntax.span, keyword: r.keyword, argument: 'amount' })
    return { ...operation, date: r.on }
  }

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  plan: planForm('plan'),

  norm: planForm('norm'),

  limit: planForm('limit'),

  /** `count ID ACCOUNT GOODS [@ UNIT-VALUE]` */
  count: (r) => {
    const id = r.id('count id')
    const account = r.entityAccount('account')
    const counted = r.goods('counted quantity')
    let unitValue: Quantity.Quantity = Quantity.zero
    if (!r.failed && r.peek()?._tag === 'At') {
      r.take()
      const money = r.money('unit value')
      if (money === undefined) return undefined
      unitValue = money
    }
    r.options({})
    if (r.failed || id === undefined || account === undefined || counted === undefined) return undefined
    return {
      _tag: 'PhysicalCount',
      date: r.on,
      id,
      entity: account.entity,
      account: account.account,
      commodity: counted.commodity,
      counted: counted.quantity,
      unitValue,
    }
  },
}
