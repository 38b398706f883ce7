/** Reading hledger's CSV output (`bal -O csv`, `register -O csv`) into exact, sorted rows that compare with ours. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as Quantity from '../../src/core/Quantity.js'

/** Splits one CSV line into cells (RFC 4180 quoting). */
export const cells = (line: string): string[] => {
  const result: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const character = line[index] as string
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"'
        index++
      } else if (character === '"') quoted = false
      else current += character
    } else if (character === '"') quoted = true
    else if (character === ',') {
      result.push(current)
      current = ''
    } else current += character
  }
  result.push(current)
  return result
}

/** One hledger amount (`$-12.50`, `999987.50 RUB`, `"T 28" -3`) → [commodity, exact quantity]. */
export const hledgerAmount = (text: string, decimalComma: boolean): readonly [string, string] => {
  const quoted = /"([^"]*)"/u.exec(text)
  const commodity = quoted !== null ? (quoted[1] as string) : text.replace(/[-\d.,\s]/gu, '')
  const number = (quoted !== null ? text.replace(quoted[0], '') : text.replace(commodity, '')).replace(/\s/gu, '')
  const negative = number.includes('-')
  const digits = number
    .replace('-', '')
    .replace(decimalComma ? /\./gu : /,/gu, '')
    .replace(',', '.')
  return [commodity, Quantity.toString(Quantity.unsafeFromString(`${negative ? '-' : ''}${digits}`))]
}

/** A cell holding one or more amounts (`10 EUR, -12 USD`) → its non-zero amounts. */
export const hledgerAmounts = (cell: string, decimalComma: boolean): Array<readonly [string, string]> =>
  cell === '0'
    ? []
    : cell
        .split(/, (?=["$\-\d\p{L}])/u)
        .map((part) => hledgerAmount(part, decimalComma))
        .filter(([, quantity]) => quantity !== '0')

/** hledger's `bal -O csv` → sorted `account,commodity,amount` lines, zero amounts dropped. */
export const balanceFromHledger = (csv: string, decimalComma: boolean): string[] => {
  const rows: string[] = []
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, balance] = cells(line) as [string, string]
    if (account === 'total') continue
    for (const [commodity, quantity] of hledgerAmounts(balance, decimalComma))
      rows.push(`${account},${commodity},${quantity}`)
  }
  return rows.sort()
}

/** hledger's `register -O csv` → sorted `date|description|account|commodity|amount` lines, one per amount. */
export const registerFromHledger = (csv: string, decimalComma: boolean): string[] => {
  const rows: string[] = []
  for (const line of csv.trim().split('\n').slice(1)) {
    const [, date, , description, account, amount] = cells(line) as [string, string, string, string, string, string]
    for (const [commodity, quantity] of hledgerAmounts(amount, decimalComma))
      rows.push(`${date}|${description}|${account}|${commodity}|${quantity}`)
  }
  return rows.sort()
}

/** A CSV balance (hledger's wide form or ours, one row per commodity) → sorted `account|column|commodity|amount`, and the account order. */
export const multiFromHledger = (
  csv: string,
  dropTotal: boolean,
): { cells: string[]; order: string[]; header: string[] } => {
  const lines = csv.trim().split('\n')
  // With --cumulative or -H, hledger 1.25 heads a total column that its rows leave out: the cells
  // after the periods are the average's.
  const header = cells(lines[0] ?? '')
    .slice(1)
    .filter((label) => !(dropTotal && label === 'total'))
  const result: string[] = []
  const order: string[] = []
  for (const line of lines.slice(1)) {
    const [account = '', ...values] = cells(line)
    if (account === 'total') continue
    order.push(account)
    values.forEach((value, index) => {
      for (const [commodity, quantity] of hledgerAmounts(value, false))
        result.push(`${account}|${header[index]}|${commodity}|${quantity}`)
    })
  }
  return { cells: result.sort(), order, header }
}
export const multiFromOurs = (csv: string): { cells: string[]; order: string[]; header: string[] } => {
  const lines = csv.trim().split('\n')
  const header = cells(lines[0] ?? '').slice(2)
  const result: string[] = []
  const order: string[] = []
  for (const line of lines.slice(1)) {
    const [account = '', commodity = '', ...values] = cells(line)
    if (order.at(-1) !== account) order.push(account)
    values.forEach((value, index) => {
      if (!Quantity.isZero(Quantity.unsafeFromString(value)))
        result.push(`${account}|${header[index]}|${commodity}|${value}`)
    })
  }
  return { cells: result.sort(), order, header }
}

/**
 * Whether hledger prints a journal's amounts with a decimal comma: when the file says `decimal-mark
 * ,`, or when it or a file it includes (no globs) declares a commodity format with a decimal comma
 * (commodity formats cross includes both ways; a decimal-mark in an included file does not reach
 * the includer).
 */
export const decimalCommaOf = (file: string): boolean => {
  const text = readFileSync(file, 'utf8')
  const included = [...text.matchAll(/^include (.+)$/gmu)]
    .filter((match) => !/[*?[]/u.test(match[1] as string))
    .map((match) => readFileSync(join(dirname(file), (match[1] as string).trim()), 'utf8'))
  return (
    /^decimal-mark ,/mu.test(text) ||
    [text, ...included].some((source) => /^(?:commodity|D) [^;\n]*\d,\d+(?![\d.,])/mu.test(source))
  )
}
