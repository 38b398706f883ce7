/** Journal syntax of payroll and funds: wages, bonuses, wage payments. */
import type * as LocalDate from '../../core/LocalDate.js'
import type * as Quantity from '../../core/Quantity.js'
import type { DocumentId } from '../../domain/Books.js'
import type * as Op from '../../domain/Operation.js'
import type { FundingSource } from '../../domain/Parameters.js'
import { type Form, fundingNames, lotOption, text, value } from './Reader.js'

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `wages ENTITY STAFF-CATEGORY MONEY [charge wip|overhead|wages] [lot LOT]` */
  wages: (r) => {
    const entity = r.entity('entity')
    const staffCategory = r.label('staff category')
    const amount = r.money('amount')
    let chargeTo: Op.AccrueWages['chargeTo'] | undefined
    let lot: DocumentId | undefined
    r.options({
      charge: value(
        r,
        (x) =>
          x.choice(
            'charge',
            new Map([
              ['wip', 'wip' as const],
              ['overhead', 'overhead' as const],
              ['wages', 'wages' as const],
            ]),
          ),
        (v) => (chargeTo = v),
      ),
      lot: lotOption(r, (v) => (lot = v)),
    })
    if (r.failed || entity === undefined || staffCategory === undefined || amount === undefined) return undefined
    return {
      _tag: 'AccrueWages',
      date: r.on,
      entity,
      staffCategory,
      amount,
      chargeTo: chargeTo ?? (lot !== undefined ? 'wip' : 'wages'),
      ...(lot !== undefined ? { lot } : {}),
    }
  },

  /**
   * `bonus ID ENTITY STAFF-CATEGORY MONEY from wage-fund|director-fund approved-by TEXT "BASIS" [saving PERCENT]
   * [decree NUMBER DATE]`
   */
  bonus: (r) => {
    const id = r.id('bonus id')
    const entity = r.entity('entity')
    const staffCategory = r.label('staff category')
    const amount = r.money('amount')
    let fundingSource: FundingSource | undefined
    let approvedBy: string | undefined
    let basis: string | undefined
    let claimedSaving: Quantity.Quantity | undefined
    let decree: { readonly number: string; readonly date: LocalDate.LocalDate } | undefined
    const basisOption = text(r, 'basis', (v) => (basis = v))
    r.options({
      from: value(
        r,
        (x) => x.choice('funding source', fundingNames),
        (v) => (fundingSource = v),
      ),
      'approved-by': text(r, 'approver', (v) => (approvedBy = v)),
      basis: basisOption,
      '"': basisOption,
      saving: value(
        r,
        (x) => x.rate('claimed saving'),
        (v) => (claimedSaving = v),
      ),
      decree: value(
        r,
        (x) => {
          const number = x.label('decree number')
          const date = x.date('decree date')
          return number !== undefined && date !== undefined ? { number: number as string, date } : undefined
        },
        (v) => (decree = v),
      ),
    })
    r.need(fundingSource, 'from wage-fund|director-fund')
    r.need(approvedBy, 'approved-by APPROVER')
    r.need(basis, 'basis "…" (what the bonus was paid for)')
    if (
      r.failed ||
      id === undefined ||
      entity === undefined ||
      staffCategory === undefined ||
      amount === undefined ||
      fundingSource === undefined ||
      approvedBy === undefined ||
      basis === undefined
    )
      return undefined
    return {
      _tag: 'AccrueBonus',
      date: r.on,
      id,
      entity,
      amount,
      staffCategory,
      basis: { description: basis, ...(claimedSaving !== undefined ? { claimedSaving } : {}) },
      fundingSource,
      approvedBy,
      ...(decree !== undefined ? { decree } : {}),
    }
  },

  /** `pay-wages ENTITY MONEY` */
  'pay-wages': (r) => {
    const entity = r.entity('entity')
    const amount = r.money('amount')
    r.options({})
    if (r.failed || entity === undefined || amount === undefined) return undefined
    return { _tag: 'PayWages', date: r.on, entity, amount }
  },
}
