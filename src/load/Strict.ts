/**
 * Strict mode (the `strict` load option, CLI `--strict`): every account a transaction posts to
 * and every commodity a written amount uses must be declared by an `account` or `commodity`
 * directive. Accounts are matched exactly (declaring a parent does not declare its children);
 * the accounts and commodities an operation line posts through the chart of roles are the
 * engine's, not written by the user, and are not checked.
 *
 * One pass over the posted transactions: linear in the journal.
 */
import type * as Ledger from '../core/Ledger.js'
import { transactions } from '../core/Ledger.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type * as Elaborate from '../journal/Elaborate.js'
import type { StrictError } from './Diagnostic.js'

/** The undeclared accounts and commodities of `ledger`'s written transactions, once each, at their first use. */
export const strictErrors = (
  ledger: Ledger.Ledger,
  elaborated: Pick<Elaborate.Elaborated, 'accounts' | 'commodities'>,
): ReadonlyArray<StrictError> => {
  const accounts = new Set<string>(elaborated.accounts.map((declaration) => declaration.name))
  const commodities = new Set<string>(elaborated.commodities.map((declaration) => declaration.commodity.symbol))
  const errors: StrictError[] = []
  for (const transaction of transactions(ledger)) {
    if (transaction.origin !== undefined) continue
    for (const posting of transaction.postings) {
      const span: SourceSpan | undefined = posting.span ?? transaction.span
      if (span === undefined) continue
      if (!accounts.has(posting.account)) {
        accounts.add(posting.account)
        errors.push({ _tag: 'UndeclaredAccount', span, account: posting.account })
      }
      if (posting.origin !== 'written') continue
      for (const amount of [posting.money, posting.goods]) {
        if (amount === undefined || commodities.has(amount.commodity)) continue
        commodities.add(amount.commodity)
        errors.push({ _tag: 'UndeclaredCommodity', span, commodity: amount.commodity })
      }
    }
  }
  return errors
}
