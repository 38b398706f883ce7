/**
 * The independent auditor: the simulator keeps its own balances per account while it writes,
 * and this compares them with what the engine loaded, so a simulator bug cannot pass for a
 * rule's miss.
 */
import * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import type * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import * as Quantity from '../core/Quantity.js'
import type { AuditEntry } from './Truth.js'

export interface AuditMismatch {
  readonly account: string
  readonly book: 'money' | 'goods'
  readonly commodity: string
  readonly expected: string
  readonly loaded: string
}

/** Every entry whose inclusive balance in the loaded ledger differs from the simulator's. */
export const auditLedger = (ledger: Ledger.Ledger, entries: Iterable<AuditEntry>): ReadonlyArray<AuditMismatch> => {
  const mismatches: AuditMismatch[] = []
  for (const entry of entries) {
    const account = AccountName.fromString(entry.account)
    const expected = Quantity.unsafeFromString(entry.quantity)
    const loaded =
      account._tag === 'Right'
        ? Amount.quantityOf(
            Ledger.runningBalance(ledger, account.right, entry.book, true),
            entry.commodity as Commodity.CommoditySymbol,
          )
        : Quantity.zero
    if (!Quantity.equals(expected, loaded))
      mismatches.push({
        account: entry.account,
        book: entry.book,
        commodity: entry.commodity,
        expected: entry.quantity,
        loaded: Quantity.toString(loaded),
      })
  }
  return mismatches
}
