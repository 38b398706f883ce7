/**
 * `Ledger.post` without its run-time guard of the input's kinds, for the library's own callers
 * (the loader, `Apply.apply`), whose inputs are built by typed code from checked values. Not part
 * of the public API: users call `Ledger.post`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Quantity from '../Quantity.js'
import type { TransactionInput } from '../Transaction.js'
import { commit, commitSimpleRunning, fork, prepare, prepareSimple } from './Commit.js'
import { internal, type Ledger, type PostingError, view } from './Model.js'

/** Posts one transaction atomically, trusting that `input` is well-formed (see `Ledger.post`). */
export const postUnchecked =
  (input: TransactionInput) =>
  (ledger: Ledger): E.Either<PostingError, Ledger> => {
    const { declarations, size, store: shared } = internal(ledger)
    const store = size === shared.count ? shared : fork(shared, size)
    const simple = store.keep ? prepareSimple(declarations, store, input, size) : undefined
    if (simple !== undefined) commit(store, simple)
    else if (!store.keep && commitSimpleRunning(declarations, store, input)) {
      // posted: a running-only store keeps the balances, not the transaction
    } else {
      const prepared = prepare(declarations, store, input, size)
      if (E.isLeft(prepared)) return prepared
      commit(store, prepared.right.transaction)
    }
    // Paired with the balance check in `prepare`: the money book must still sum to zero, apart
    // from what exchanges (costs, conversions, virtual postings) leave per commodity.
    for (const [commodity, quantity] of store.totals) {
      if (!Quantity.equals(quantity, store.exchanged.get(commodity) ?? Quantity.zero))
        throw new Error('assertion failed: the money book no longer sums to zero after a post')
    }
    return E.right(view({ declarations, size: size + 1, store }))
  }
