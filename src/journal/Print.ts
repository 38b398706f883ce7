/**
 * The printer: a posted ledger → canonical journal text that this parser reads back to the same
 * ledger. Elided amounts and balance assignments are written out; declarations come first so
 * commodity kinds and entities survive the round trip. Numbers are written exactly, with `.`
 * as the decimal mark and no digit groups, so no `decimal-mark` setting can misread them.
 */
import type * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import type { Posting } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'

const symbolText = (symbol: Commodity.CommoditySymbol): string =>
  symbol.length === 0 ? '' : Commodity.needsQuotes(symbol) ? `"${symbol}"` : symbol

/** `-1234.5 RUB`, exact. */
export const amountText = (amount: Amount.Amount, estimated: boolean): string => {
  const symbol = symbolText(amount.commodity)
  return `${estimated ? '~' : ''}${Quantity.toString(amount.quantity)}${symbol.length > 0 ? ` ${symbol}` : ''}`
}

const commentLines = (comment: string | undefined, indent: string): string[] =>
  comment === undefined ? [] : comment.split('\n').map((line) => `${indent}; ${line}`.trimEnd())

const statusMark = (status: Transaction['status']): string =>
  status === 'cleared' ? '* ' : status === 'pending' ? '! ' : ''

const postingLine = (posting: Posting): string[] => {
  const parts: string[] = []
  if (posting.money !== undefined) {
    const cost =
      posting.cost === undefined
        ? ''
        : ` @@ ${amountText({ ...posting.cost, quantity: Quantity.abs(posting.cost.quantity) }, false)}`
    parts.push(`${amountText(posting.money, posting.estimated)}${cost}`)
  }
  if (posting.goods !== undefined)
    parts.push(`[${amountText(posting.goods, posting.estimated && posting.money === undefined)}]`)
  if (posting.assertion !== undefined) {
    const operator = `${posting.assertion.sole ? '==' : '='}${posting.assertion.inclusive ? '*' : ''}`
    parts.push(`${operator} ${amountText(posting.assertion.amount, false)}`)
  }
  const [firstComment, ...restComments] = posting.comment === undefined ? [] : posting.comment.split('\n')
  const account =
    posting.virtual === 'unbalanced'
      ? `(${posting.account})`
      : posting.virtual === 'balanced'
        ? `[${posting.account}]`
        : posting.account
  const head = `    ${statusMark(posting.status)}${account}${parts.length > 0 ? `  ${parts.join('  ')}` : ''}`
  return [
    `${head}${firstComment !== undefined ? `  ; ${firstComment}` : ''}`.trimEnd(),
    ...restComments.map((line) => `        ; ${line}`.trimEnd()),
  ]
}

/** One transaction in canonical syntax. */
export const transactionText = (transaction: Transaction): string => {
  const [firstComment, ...restComments] = transaction.comment === undefined ? [] : transaction.comment.split('\n')
  const header = [
    transaction.date,
    transaction.date2 !== undefined ? `=${transaction.date2}` : '',
    ' ',
    statusMark(transaction.status),
    transaction.code !== undefined ? `(${transaction.code}) ` : '',
    transaction.description,
    firstComment !== undefined ? `  ; ${firstComment}` : '',
  ]
    .join('')
    .trimEnd()
  const lines = [header, ...commentLines(restComments.length > 0 ? restComments.join('\n') : undefined, '    ')]
  for (const posting of transaction.postings) lines.push(...postingLine(posting))
  return lines.join('\n')
}

/** The declarations: entities, commodities (with kind and unit), accounts with declared types. */
export const declarationsText = (ledger: Ledger.Ledger): string => {
  const { entities, commodities, accounts } = ledger.declarations
  const lines: string[] = []
  for (const entity of [...entities.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    lines.push(`entity ${entity.name}`)
    if (entity.title !== undefined) lines.push(`    title: ${entity.title}`)
    if (entity.sector !== undefined) lines.push(`    sector: ${entity.sector}`)
  }
  for (const commodity of [...commodities.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1))) {
    if (commodity.symbol.length === 0) continue
    lines.push(`commodity ${symbolText(commodity.symbol)}`)
    if (commodity.kind === 'goods') lines.push('    kind: goods')
    if (commodity.unit !== undefined) lines.push(`    unit: ${commodity.unit}`)
  }
  for (const account of [...accounts.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const type =
      account.type !== undefined
        ? { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' }[account.type]
        : undefined
    lines.push(`account ${account.name}${type !== undefined ? `  ; type: ${type}` : ''}`)
  }
  return lines.join('\n')
}

/**
 * The whole ledger: declarations, then every transaction in posting order, blank-line separated.
 *
 * @example
 * ```ts
 * const loaded = loadText('books.journal', '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n', {
 *   fileSystem: memoryFileSystem(new Map()),
 * })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * // print(loaded.right.ledger) → '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash  -10 RUB\n'
 * // (the elided amount written out)
 * ```
 */
export const print = (
  ledger: Ledger.Ledger,
  options: { readonly declarations: boolean } = { declarations: true },
): string => {
  const blocks: string[] = []
  const declarations = options.declarations ? declarationsText(ledger) : ''
  if (declarations.length > 0) blocks.push(declarations)
  for (const transaction of Ledger.transactions(ledger)) blocks.push(transactionText(transaction))
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`
}
