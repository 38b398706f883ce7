/** Journal syntax of account status: settlement accounts frozen (sanctioned) and unfrozen. */
import type * as AccountName from '../../core/AccountName.js'
import type { PaymentClass } from '../../domain/Books.js'
import { type Form, paymentClassNames, text, value } from './Reader.js'

/** The journal forms of this instrument, by keyword. */
export const forms: Readonly<Record<string, Form>> = {
  /** `freeze ENTITY [account ACCOUNT] [permit CLASS…] [by "AUTHORITY"]` */
  freeze: (r) => {
    const entity = r.entity('entity')
    let account: AccountName.AccountName | undefined
    let permitted: ReadonlyArray<PaymentClass> = []
    let authority = ''
    const authorityOption = text(r, 'authority', (v) => (authority = v))
    r.options({
      account: value(
        r,
        (x) => x.account('account'),
        (v) => (account = v),
      ),
      permit: value(
        r,
        (x) => x.list('payment classes', (y) => y.choice('payment class', paymentClassNames)),
        (v: ReadonlyArray<PaymentClass>) => (permitted = v),
      ),
      by: authorityOption,
      '"': authorityOption,
    })
    if (r.failed || entity === undefined) return undefined
    return {
      _tag: 'FreezeAccount',
      date: r.on,
      entity,
      permitted,
      authority,
      ...(account !== undefined ? { account } : {}),
    }
  },

  /** `unfreeze ENTITY [account ACCOUNT] [by "AUTHORITY"]` */
  unfreeze: (r) => {
    const entity = r.entity('entity')
    let account: AccountName.AccountName | undefined
    let authority = ''
    const authorityOption = text(r, 'authority', (v) => (authority = v))
    r.options({
      account: value(
        r,
        (x) => x.account('account'),
        (v) => (account = v),
      ),
      by: authorityOption,
      '"': authorityOption,
    })
    if (r.failed || entity === undefined) return undefined
    return { _tag: 'UnfreezeAccount', date: r.on, entity, authority, ...(account !== undefined ? { account } : {}) }
  },
}
