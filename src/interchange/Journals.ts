/**
 * The books as other tools' journals: hledger, ledger and beancount. Pure text out.
 *
 * - **hledger / ledger**: every posted transaction (operations already expanded), money on real
 *   postings, goods quantities on unbalanced virtual postings `(account)  4 T28`, so the money
 *   balances and the physical book both survive (`hledger bal -R` is the money book,
 *   `hledger bal cur:T28` the units). Approximate figures carry `estimated:`, citations
 *   `source:`, operations `operation:`/`document:` tags. Money balance assertions are kept
 *   (ledger: plain `=` only; `==` is written as `=`, since the units live on the same accounts).
 * - **beancount**: accounts renamed into beancount's five roots (`kirov:assets:wip` →
 *   `Assets:Kirov:Assets:Wip`, a mapping the export lists in a comment), opened on the first
 *   date; goods as their own postings, balanced per transaction against
 *   `Equity:Shadow:Physical-Book` (beancount balances every currency; the physical book does
 *   not); citations and marks as metadata. Balance assertions are left out: beancount checks
 *   them at the start of the day, the engine after the posting, so they would not mean the same.
 */
import * as AccountName from '../core/AccountName.js'
import type { Amount } from '../core/Amount.js'
import type * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'

export type JournalFormat = 'hledger' | 'ledger' | 'beancount'

// hledger and ledger read an unquoted symbol only when it is letters (or a currency sign): `25 "T28"`.
const needsQuotes = (symbol: string): boolean => /[^\p{L}\p{Sc}]/u.test(symbol)
const symbolText = (symbol: Commodity.CommoditySymbol): string =>
  symbol.length === 0 ? '' : needsQuotes(symbol) ? `"${symbol}"` : symbol
const amountText = (amount: Amount): string =>
  `${Quantity.toString(amount.quantity)}${amount.commodity.length > 0 ? ` ${symbolText(amount.commodity)}` : ''}`
const oneLine = (text: string): string => text.replace(/[\r\n]+/gu, ' ')

const tagComment = (transaction: Transaction): string[] => {
  const tags: string[] = []
  if (transaction.origin !== undefined)
    tags.push(
      `operation: ${transaction.origin.operation}`,
      ...(transaction.origin.document !== undefined ? [`document: ${transaction.origin.document}`] : []),
    )
  if (transaction.estimated) tags.push('estimated:')
  for (const tag of transaction.tags) tags.push(`${tag.name}: ${oneLine(tag.value)}`)
  return tags
}

const ledgerStyleTransaction = (transaction: Transaction, format: 'hledger' | 'ledger'): string => {
  const mark = transaction.status === 'cleared' ? '* ' : transaction.status === 'pending' ? '! ' : ''
  const tags = tagComment(transaction)
  const lines = [
    (
      `${transaction.date}${transaction.date2 !== undefined ? `=${transaction.date2}` : ''} ` +
      `${mark}${transaction.code !== undefined ? `(${oneLine(transaction.code)}) ` : ''}` +
      `${oneLine(transaction.description)}`
    ).trimEnd(),
  ]
  if (tags.length > 0) lines.push(`    ; ${tags.join(', ')}`)
  for (const citation of transaction.citations) lines.push(`    ; source: ${oneLine(citation.text)}`)
  const virtual: string[] = []
  for (const posting of transaction.postings) {
    const notes = [
      ...(posting.estimated ? ['estimated:'] : []),
      ...posting.citations.map((citation) => `source: ${oneLine(citation.text)}`),
    ]
    const note = notes.length > 0 ? `  ; ${notes.join(', ')}` : ''
    const assertion = assertionText(posting, format)
    if (posting.money !== undefined)
      lines.push(`    ${posting.account}  ${amountText(posting.money)}${assertion}${note}`)
    if (posting.goods !== undefined)
      virtual.push(`    (${posting.account})  ${amountText(posting.goods)}${posting.money === undefined ? note : ''}`)
  }
  return [...lines, ...virtual].join('\n')
}

const assertionText = (posting: Posting, format: 'hledger' | 'ledger'): string => {
  const assertion = posting.assertion
  if (assertion === undefined || posting.money === undefined || assertion.amount.commodity !== posting.money.commodity)
    return ''
  if (format === 'ledger' && assertion.inclusive) return ''
  return ` ${format === 'hledger' && assertion.inclusive ? '=*' : '='} ${amountText(assertion.amount)}`
}

const typeCode = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' } as const

/** The ledger as an hledger or ledger journal. */
export const ledgerStyleJournal = (ledger: Ledger.Ledger, format: 'hledger' | 'ledger'): string => {
  const parts = [
    `; exported by shadow-ledger for ${format}: money on real postings, goods quantities on virtual (account) postings`,
  ]
  const declarations = ledger.declarations
  for (const name of Ledger.accounts(ledger)) {
    const type = Ledger.accountType(declarations, name)
    parts.push(
      format === 'hledger' && type !== undefined ? `account ${name}  ; type: ${typeCode[type]}` : `account ${name}`,
    )
  }
  parts.push('')
  for (const transaction of Ledger.transactions(ledger)) parts.push(`${ledgerStyleTransaction(transaction, format)}\n`)
  return `${parts.join('\n')}\n`
}

// -------------------------------------------------------------------------------------
// beancount
// -------------------------------------------------------------------------------------

const beancountRoots = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
} as const

/**
 * One account name component in beancount's alphabet: starts with an uppercase letter or digit, then letters, digits
 * and `-`.
 */
const component = (segment: string): string => {
  const cleaned = segment.replace(/[^\p{L}\p{Nd}-]+/gu, '-').replace(/^-+|-+$/gu, '')
  if (cleaned.length === 0) return 'X'
  const first = cleaned.charAt(0).toUpperCase()
  return /[A-Z0-9]/u.test(first) ? first + cleaned.slice(1) : `X${cleaned}`
}

/** Beancount account names for the ledger's accounts (injective: a clash gets `-2`, `-3`). */
export const beancountAccounts = (ledger: Ledger.Ledger): ReadonlyMap<AccountName.AccountName, string> => {
  const names = new Map<AccountName.AccountName, string>()
  const used = new Set<string>()
  for (const account of Ledger.accounts(ledger)) {
    const type = Ledger.accountType(ledger.declarations, account) ?? 'asset'
    const base = [beancountRoots[type], ...AccountName.segments(account).map(component)].join(':')
    let name = base
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`
    used.add(name)
    names.set(account, name)
  }
  return names
}

/** A commodity symbol in beancount's alphabet (uppercase, 2–24 characters). */
export const beancountCurrency = (symbol: string): string => {
  let text = symbol.toUpperCase().replace(/[^A-Z0-9'._-]+/gu, '-')
  if (!/^[A-Z]/u.test(text)) text = `C${text}`
  text = text.replace(/[^A-Z0-9]+$/u, '')
  if (text.length < 2) text = `${text}X`
  return text.slice(0, 24)
}

const quoted = (text: string): string => `"${oneLine(text).replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`

/** The account that balances each transaction's goods quantities in the beancount export. */
export const physicalBookAccount = 'Equity:Shadow:Physical-Book'

/** The ledger as a beancount file that `bean-check` accepts. */
export const beancountJournal = (ledger: Ledger.Ledger, currency: string): string => {
  const accounts = beancountAccounts(ledger)
  const transactions = Ledger.transactions(ledger)
  const first =
    transactions.reduce<string | undefined>(
      (min, t) => (min === undefined || t.date < min ? t.date : min),
      undefined,
    ) ?? '1900-01-01'
  const currencies = new Map<string, string>()
  const currencyOf = (symbol: string): string => {
    let mapped = currencies.get(symbol)
    if (mapped === undefined) {
      const base = beancountCurrency(symbol.length === 0 ? 'NONE' : symbol)
      mapped = base
      // Injective: `steel` and `STEEL` must not become one currency.
      for (let n = 2; [...currencies.values()].includes(mapped); n++)
        mapped = `${base.slice(0, 21)}-${n}`.replace(/-(\d+)$/u, 'X$1')
      currencies.set(symbol, mapped)
    }
    return mapped
  }
  // Written with at least the commodity's display precision (never fewer digits than exact):
  // beancount renders sums at the precision most of its numbers use.
  const padded = (amount: Amount): string => {
    const precision = ledger.declarations.commodities.get(amount.commodity)?.style.precision ?? 0
    const fixed =
      Quantity.scaleOf(amount.quantity) < precision ? Quantity.toFixed(amount.quantity, precision) : undefined
    return fixed !== undefined && fixed._tag === 'Right' ? fixed.right : Quantity.toString(amount.quantity)
  }
  const body: string[] = []
  let usesPhysical = false
  for (const t of transactions) {
    const flag = t.status === 'pending' ? '!' : '*'
    const lines = [`${t.date} ${flag} ${quoted(t.description)}`]
    if (t.code !== undefined) lines.push(`  code: ${quoted(t.code)}`)
    if (t.origin !== undefined)
      lines.push(
        `  operation: ${quoted(t.origin.operation)}`,
        ...(t.origin.document !== undefined ? [`  document: ${quoted(t.origin.document)}`] : []),
      )
    if (t.estimated) lines.push('  estimated: TRUE')
    for (const [index, citation] of t.citations.entries())
      lines.push(`  source${index === 0 ? '' : `-${index + 1}`}: ${quoted(citation.text)}`)
    lines.push(`  file: ${quoted(t.span.file)}`, `  line: ${t.span.line}`)
    const units = new Map<string, Quantity.Quantity>()
    for (const posting of t.postings) {
      const account = accounts.get(posting.account) as string
      const meta = [
        ...(posting.estimated ? ['    estimated: TRUE'] : []),
        ...posting.citations.map(
          (citation, index) => `    source${index === 0 ? '' : `-${index + 1}`}: ${quoted(citation.text)}`,
        ),
      ]
      for (const amount of [posting.money, posting.goods]) {
        if (amount === undefined) continue
        lines.push(`  ${account}  ${padded(amount)} ${currencyOf(amount.commodity)}`, ...meta)
        if (amount === posting.goods)
          units.set(amount.commodity, Quantity.add(units.get(amount.commodity) ?? Quantity.zero, amount.quantity))
      }
    }
    for (const [symbol, sum] of units) {
      if (Quantity.isZero(sum)) continue
      usesPhysical = true
      lines.push(
        `  ${physicalBookAccount}  ` +
          `${padded({ quantity: Quantity.negate(sum), commodity: symbol as Commodity.CommoditySymbol })} ` +
          currencyOf(symbol),
      )
    }
    body.push(lines.join('\n'))
  }
  const head = [
    `; exported by shadow-ledger for beancount`,
    `option "operating_currency" ${quoted(currencyOf(currency))}`,
    '',
  ]
  for (const [original, mapped] of accounts)
    head.push(`${first} open ${mapped}  ; ${original}`.replace(/;.*$/u, (comment) => comment.replace(/\n/gu, ' ')))
  if (usesPhysical) head.push(`${first} open ${physicalBookAccount}`)
  for (const [symbol, mapped] of currencies)
    if (symbol !== mapped) head.push(`; commodity ${JSON.stringify(symbol)} is written ${mapped}`)
  return `${[...head, '', ...body.map((text) => `${text}\n`)].join('\n')}`
}

/** The ledger in one of the three journal formats. */
export const journalText = (ledger: Ledger.Ledger, format: JournalFormat, currency: string): string =>
  format === 'beancount' ? beancountJournal(ledger, currency) : ledgerStyleJournal(ledger, format)
