/** Small builders for core tests. Quantities come from strings, never floats. */
import * as AccountName from '../../src/core/AccountName.js'
import * as Amount from '../../src/core/Amount.js'
import * as Commodity from '../../src/core/Commodity.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import type { PostingInput } from '../../src/core/Posting.js'
import * as Quantity from '../../src/core/Quantity.js'
import type { TransactionInput } from '../../src/core/Transaction.js'

export const account = AccountName.unsafeFromString
export const date = LocalDate.unsafeFromString
export const sym = Commodity.unsafeSymbol
export const amount = (text: string, commodity = 'RUB'): Amount.Amount =>
  Amount.make(Quantity.unsafeFromString(text), sym(commodity))

export const posting = (name: string, money?: string, extra: Partial<PostingInput> = {}): PostingInput => ({
  account: account(name),
  ...(money !== undefined ? { money: amount(money) } : {}),
  ...extra,
})

export const transaction = (
  day: string,
  postings: ReadonlyArray<PostingInput>,
  extra: Partial<TransactionInput> = {},
): TransactionInput => ({
  date: date(day),
  description: 'test',
  postings,
  ...extra,
})
