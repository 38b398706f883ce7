/**
 * The formatter: syntax tree → journal text in canonical layout.
 *
 * Canonical layout: one space between the tokens of a header or directive, dates as `YYYY-MM-DD`,
 * postings indented by four spaces with their amounts right-aligned to one column per transaction
 * (goods quantities and assertions after them), two spaces before a same-line `;` comment, indented
 * comment lines under a posting indented by eight spaces, `\n` line breaks and a final newline.
 *
 * Guarantees (tested by property):
 * - lossless: every node, comment, tag, blank line and directive is written; quantities, symbols
 *   and dates are unchanged, so `parse(format(nodes))` has the same meaning as `nodes`;
 * - idempotent: `format(parse(format(x)).nodes) === format(x)`.
 *
 * Numbers keep their written display style (symbol side and spacing, sign placement, decimal and
 * digit-group marks). One exception keeps the meaning: a number whose only mark is a single `.` or
 * `,` digit-group mark would read back as a decimal mark when no `decimal-mark` or `commodity`
 * directive says otherwise, so it is written with a trailing decimal mark (`1,000.`), as hledger does.
 */
import { isBareCommoditySymbol } from './Lexer.js'
import type { ParseContext } from './Parse.js'
import type {
  AmountStyle,
  AmountSyntax,
  ArgToken,
  CommentSyntax,
  Node,
  PeriodSyntax,
  PostingSyntax,
  SubLine,
  TransactionSyntax,
} from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Options of `format`. */
export interface FormatOptions {
  /**
   * The reading state the nodes were parsed with (`ParseOptions.context`), so that number marks
   * are written as they will be read back. Defaults to no declarations.
   */
  readonly context?: ParseContext
}

// -------------------------------------------------------------------------------------
// internal: declared number styles, tracked as the parser tracks them
// -------------------------------------------------------------------------------------

interface Declarations {
  decimalMarkDeclared: boolean
  /** Symbols whose number style a `commodity` directive declared. */
  readonly commodities: Set<string>
  /** Whether some `commodity` directive named a symbol starting with a lower-case letter. */
  lowerCaseSymbolDeclared: boolean
}

const isDeclared = (declarations: Declarations, commodity: string): boolean =>
  declarations.decimalMarkDeclared || (commodity !== '' && declarations.commodities.has(commodity))

const track = (declarations: Declarations, node: Node): void => {
  if (node._tag === 'DecimalMarkDirective') declarations.decimalMarkDeclared = true
  if (node._tag === 'CommodityDirective') {
    if (startsLowerCase(node.commodity)) declarations.lowerCaseSymbolDeclared = true
    if (node.sample !== null) declarations.commodities.add(node.commodity)
    for (const subLine of node.subLines)
      if (subLine._tag === 'Format') declarations.commodities.add(subLine.amount.commodity)
  }
}

// -------------------------------------------------------------------------------------
// amounts
// -------------------------------------------------------------------------------------

/** Writes the integer digits with the style's digit groups (least significant group first). */
const groupDigits = (integer: string, mark: string, sizes: ReadonlyArray<number>): string => {
  if (sizes.length === 0) return integer
  const groups: string[] = []
  let end = integer.length
  let index = 0
  while (end > 0) {
    const size = sizes[Math.min(index, sizes.length - 1)] ?? end
    const start = Math.max(0, end - Math.max(1, size))
    groups.push(integer.slice(start, end))
    end = start
    index += 1
  }
  return groups.reverse().join(mark)
}

/** The number of an amount, without sign or symbol, in its display style. */
const formatNumber = (quantity: string, style: AmountStyle, declared: boolean, argument = false): string => {
  const body = quantity.charCodeAt(0) === 45 ? quantity.slice(1) : quantity
  const dot = body.indexOf('.')
  const integer = dot === -1 ? body : body.slice(0, dot)
  const fraction = dot === -1 ? '' : body.slice(dot + 1)
  const groupMark = style.digitGroupMark
  let decimalMark: string | null = style.decimalMark ?? (fraction === '' ? null : groupMark === '.' ? ',' : '.')
  if (decimalMark !== null && decimalMark === groupMark) decimalMark = groupMark === '.' ? ',' : '.'
  const grouped = groupMark === null ? integer : groupDigits(integer, groupMark, style.digitGroupSizes)
  if (decimalMark === null && groupMark !== null && (groupMark === '.' || groupMark === ',') && !declared) {
    // A single `.`/`,` group mark would read back as a decimal mark: add a trailing decimal mark.
    let marks = 0
    for (let index = 0; index < grouped.length; index += 1) if (grouped.charAt(index) === groupMark) marks += 1
    // On operation and expectation lines `1,000` reads as a thousand already (lex: isThousandsGroup).
    if (marks === 1 && !(argument && /^[1-9]\d{0,2}[.,]\d{3}$/u.test(grouped)))
      decimalMark = groupMark === '.' ? ',' : '.'
  }
  return decimalMark === null ? grouped : `${grouped}${decimalMark}${fraction}`
}

const quoteSymbol = (symbol: string, side: 'left' | 'right', forceQuote: boolean): string =>
  !forceQuote && isBareCommoditySymbol(symbol, side) ? symbol : `"${symbol}"`

/** Whether a right-side symbol in an argument list must be quoted to read back as a symbol. */
const startsLowerCase = (symbol: string): boolean => {
  const first = symbol.charAt(0)
  return first !== first.toUpperCase()
}

const formatAmountWith = (amount: AmountSyntax, declared: boolean, argument: boolean): string => {
  const { style, commodity } = amount
  const negative = amount.quantity.charCodeAt(0) === 45
  const number = formatNumber(amount.quantity, style, declared, argument)
  const estimated = amount.estimated ? '~' : ''
  const sign = negative ? '-' : ''
  if (commodity === '') return `${estimated}${sign}${number}`
  const space = style.spaced ? ' ' : ''
  if (style.side === 'left') {
    const symbol = quoteSymbol(commodity, 'left', false)
    return style.signBeforeSymbol || !negative
      ? `${estimated}${sign}${symbol}${space}${number}`
      : `${estimated}${symbol}${space}${sign}${number}`
  }
  const symbol = quoteSymbol(commodity, 'right', argument && style.spaced && startsLowerCase(commodity))
  return `${estimated}${sign}${number}${style.side === 'none' ? ' ' : space}${symbol}`
}

/**
 * Writes an amount in its display style (`3,200,000.00 RUB`, `-$10`, `~4 T28`), quoting the
 * symbol when it needs quotes.
 */
export const formatAmount = (amount: AmountSyntax): string => formatAmountWith(amount, false, false)

/** Writes a period in canonical form (`1936`, `1936-Q2`, `1936-03`, `1936-12-31`, `A..B`). */
export const formatPeriod = (period: Pick<PeriodSyntax, 'kind' | 'start' | 'endExclusive'>): string => {
  switch (period.kind) {
    case 'year':
      return period.start.slice(0, 4)
    case 'quarter':
      return `${period.start.slice(0, 4)}-Q${Math.floor((Number(period.start.slice(5, 7)) - 1) / 3) + 1}`
    case 'month':
      return period.start.slice(0, 7)
    case 'date':
      return period.start
    case 'range':
      return `${period.start}..${period.endExclusive}`
  }
}

// -------------------------------------------------------------------------------------
// lines
// -------------------------------------------------------------------------------------

/** Removes trailing spaces only (`trimEnd` would also remove characters such as U+FEFF). */
const trimSpaces = (line: string): string => {
  let end = line.length
  while (end > 0 && line.charCodeAt(end - 1) === 32) end -= 1
  return end === line.length ? line : line.slice(0, end)
}

const trailing = (comment: CommentSyntax | null): string => (comment === null ? '' : `  ;${comment.text}`)

const formatArg = (token: ArgToken, declarations: Declarations): string => {
  switch (token._tag) {
    case 'Word':
      return token.text
    case 'String':
      return `"${token.value}"`
    case 'Amount': {
      const text = formatAmountWith(token.amount, isDeclared(declarations, token.amount.commodity), !token.bracketed)
      return token.bracketed ? `[${text}]` : text
    }
    case 'Percent':
      return (
        `${token.quantity.charCodeAt(0) === 45 ? '-' : ''}` +
        `${formatNumber(token.quantity, token.style, isDeclared(declarations, ''))}%`
      )
    case 'Date':
      return token.date
    case 'Period':
      return formatPeriod(token.period)
    case 'Arrow':
      return '->'
    case 'At':
      return '@'
  }
}

/**
 * Whether `next` (the text of the token after a bare number) would be read as that number's
 * commodity if written after one space: in argument lists, a quoted symbol, or a symbol not
 * starting with a lower-case letter, or a declared one.
 */
const wouldAttach = (next: string, declarations: Declarations): boolean => {
  const first = next.charAt(0)
  if (first === '"') return true
  if (!isBareCommoditySymbol(first, 'right')) return false
  return !startsLowerCase(first) || declarations.lowerCaseSymbolDeclared
}

/** Writes argument tokens, each after one space (two after a bare number that must stay bare). */
const formatArgs = (tokens: ReadonlyArray<ArgToken>, declarations: Declarations): string => {
  let out = ''
  let previous: ArgToken | null = null
  for (const token of tokens) {
    const text = formatArg(token, declarations)
    const bareNumber =
      previous !== null && previous._tag === 'Amount' && !previous.bracketed && previous.amount.commodity === ''
    out += bareNumber && wouldAttach(text, declarations) ? `  ${text}` : ` ${text}`
    previous = token
  }
  return out
}

const subLineText = (subLine: SubLine, declarations: Declarations): string => {
  switch (subLine._tag) {
    case 'SubComment':
      return `    ;${subLine.comment.text}`
    case 'KeyValue':
      return `    ${subLine.key}:${subLine.value === '' ? '' : ` ${subLine.value}`}${trailing(subLine.comment)}`
    case 'Format':
      return (
        `    format ` +
        `${formatAmountWith(subLine.amount, isDeclared(declarations, subLine.amount.commodity), false)}` +
        `${trailing(subLine.comment)}`
      )
    case 'Raw':
      return `    ${subLine.text}${trailing(subLine.comment)}`
  }
}

const amountText = (amount: AmountSyntax | null, declarations: Declarations): string =>
  amount === null ? '' : formatAmountWith(amount, isDeclared(declarations, amount.commodity), false)

const transactionLines = (
  transaction: TransactionSyntax,
  declarations: Declarations,
  out: string[],
  head: string = transaction.date,
): void => {
  let header = head
  if (transaction.date2 !== null) header += `=${transaction.date2}`
  if (transaction.status !== '') header += ` ${transaction.status}`
  if (transaction.code !== null) header += ` (${transaction.code})`
  if (transaction.description !== '') header += ` ${transaction.description}`
  out.push(`${header}${trailing(transaction.comment)}`)
  for (const comment of transaction.comments) out.push(`    ;${comment.text}`)
  const accounts = transaction.postings.map((posting) => {
    const account =
      posting.virtual === 'unbalanced'
        ? `(${posting.account})`
        : posting.virtual === 'balanced'
          ? `[${posting.account}]`
          : posting.account
    return posting.status === '' ? account : `${posting.status} ${account}`
  })
  const amounts = transaction.postings.map((posting) => {
    let text = `${posting.multiplier === true ? '*' : ''}${amountText(posting.amount, declarations)}`
    if (posting.lot !== undefined) text += ` ${posting.lot}`
    if (posting.cost !== undefined) text += ` ${posting.cost.operator} ${amountText(posting.cost.amount, declarations)}`
    return text
  })
  const goods = transaction.postings.map((posting) =>
    posting.goods === null ? '' : `[${amountText(posting.goods, declarations)}]`,
  )
  let accountWidth = 0
  let amountWidth = 0
  let goodsWidth = 0
  for (let index = 0; index < accounts.length; index += 1) {
    accountWidth = Math.max(accountWidth, (accounts[index] ?? '').length)
    amountWidth = Math.max(amountWidth, (amounts[index] ?? '').length)
    goodsWidth = Math.max(goodsWidth, (goods[index] ?? '').length)
  }
  transaction.postings.forEach((posting: PostingSyntax, index) => {
    const account = accounts[index] ?? ''
    const amount = amounts[index] ?? ''
    const good = goods[index] ?? ''
    let line = `    ${account}`
    if (amount !== '' || good !== '') {
      line += ' '.repeat(accountWidth - account.length + 2)
      if (amountWidth > 0) line += amount.padStart(amountWidth)
      if (good !== '') line += `${amountWidth > 0 ? '  ' : ''}${good.padStart(goodsWidth)}`
    }
    if (posting.balance !== null)
      line += `  ${posting.balance.operator} ${amountText(posting.balance.amount, declarations)}`
    line += trailing(posting.comment)
    out.push(trimSpaces(line))
    for (const comment of posting.comments) out.push(`        ;${comment.text}`)
  })
}

const directiveLines = (
  head: string,
  node: { readonly comment: CommentSyntax | null; readonly subLines: ReadonlyArray<SubLine> },
  declarations: Declarations,
  out: string[],
): void => {
  out.push(`${head}${trailing(node.comment)}`)
  for (const subLine of node.subLines) out.push(subLineText(subLine, declarations))
}

const nodeLines = (node: Node, declarations: Declarations, out: string[]): void => {
  switch (node._tag) {
    case 'BlankLine':
      out.push('')
      return
    case 'CommentLine':
      out.push(`${node.indented ? '    ' : ''}${node.comment.marker}${node.comment.text}`)
      return
    case 'CommentBlock':
      out.push('comment', ...node.lines, 'end comment')
      return
    case 'Transaction':
      transactionLines(node, declarations, out)
      return
    case 'PeriodicTransaction': {
      // Two spaces end the period expression before a status, code or description (as hledger requires).
      const { transaction } = node
      const rest = transaction.status !== '' || transaction.code !== null || transaction.description !== ''
      transactionLines(
        rest ? { ...transaction, description: transaction.description.trimStart() } : transaction,
        declarations,
        out,
        `~ ${node.periodText}${rest ? ' ' : ''}`,
      )
      return
    }
    case 'AutoPostingRule':
      transactionLines(node.transaction, declarations, out, `= ${node.query}`)
      return
    case 'Operation': {
      const date = node.date2 === null ? node.date : `${node.date}=${node.date2}`
      directiveLines(`${date} ${node.keyword}${formatArgs(node.args, declarations)}`, node, declarations, out)
      return
    }
    case 'AccountDirective':
      directiveLines(`account ${node.account}`, node, declarations, out)
      return
    case 'CommodityDirective': {
      // Track first: a one-line sample declares the style it is written in.
      const subject =
        node.sample === null ? quoteSymbol(node.commodity, 'right', false) : formatAmountWith(node.sample, true, false)
      track(declarations, node)
      directiveLines(`commodity ${subject}`, node, declarations, out)
      return
    }
    case 'DecimalMarkDirective':
      track(declarations, node)
      directiveLines(`decimal-mark ${node.mark}`, node, declarations, out)
      return
    case 'PriceDirective':
      directiveLines(
        `P ${node.date}${node.time !== undefined ? ` ${node.time}` : ''} ` +
          `${quoteSymbol(node.commodity, 'right', false)} ${amountText(node.amount, declarations)}`,
        node,
        declarations,
        out,
      )
      return
    case 'PayeeDirective':
      directiveLines(`payee ${node.payee}`, node, declarations, out)
      return
    case 'IncludeDirective':
      directiveLines(`include ${node.path}`, node, declarations, out)
      return
    case 'YearDirective':
      directiveLines(`${node.keyword} ${node.year}`, node, declarations, out)
      return
    case 'ScopeDirective':
      directiveLines(node.argument === '' ? node.keyword : `${node.keyword} ${node.argument}`, node, declarations, out)
      return
    case 'EntityDirective':
      directiveLines(`entity ${node.entity}`, node, declarations, out)
      return
    case 'PlanDirective': {
      const amount = amountText(node.amount, declarations)
      directiveLines(
        `${node.keyword} ${formatPeriod(node.period)} ${node.entity} ${node.category} ` +
          `${node.bracketed ? `[${amount}]` : amount}`,
        node,
        declarations,
        out,
      )
      return
    }
    case 'ReportedDirective':
      directiveLines(
        `${node.restate === true ? 'restate' : 'reported'} ${formatPeriod(node.period)} ${node.entity} ` +
          `${node.metric}${formatArgs(node.value, declarations)}`,
        node,
        declarations,
        out,
      )
      return
    case 'CountDirective': {
      const quantity = amountText(node.quantity, declarations)
      directiveLines(
        `count ${node.date} ${node.account}  ${node.bracketed ? `[${quantity}]` : quantity}`,
        node,
        declarations,
        out,
      )
      return
    }
    case 'ParamDirective':
      directiveLines(
        `param ${node.date === null ? '' : `${node.date} `}${node.rule}.${node.name}` +
          `${formatArgs(node.value, declarations)}`,
        node,
        declarations,
        out,
      )
      return
    case 'ExpectationDirective':
      directiveLines(
        `expect ${node.negated ? 'no ' : ''}${node.rule}${formatArgs(node.args, declarations)}`,
        node,
        declarations,
        out,
      )
      return
    case 'AssumptionDirective':
      directiveLines(`assumption ${node.id} "${node.text}"`, node, declarations, out)
      return
  }
}

// -------------------------------------------------------------------------------------
// formatting
// -------------------------------------------------------------------------------------

/**
 * Writes nodes as journal text in canonical layout (see the module doc). The result ends with a
 * newline unless there are no nodes.
 *
 * @example
 * ```ts
 * const { nodes } = parse('a.journal', '2024-01-01   rent\n  expenses:rent    10 RUB\n  assets:cash\n')
 * // format(nodes) → '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n'
 * ```
 */
export const format = (nodes: ReadonlyArray<Node>, options: FormatOptions = {}): string => {
  const declarations: Declarations = {
    decimalMarkDeclared: options.context?.decimalMark != null,
    commodities: new Set(options.context?.commodityStyles.keys() ?? []),
    lowerCaseSymbolDeclared: [...(options.context?.declaredCommodities ?? [])].some(startsLowerCase),
  }
  const out: string[] = []
  for (const node of nodes) nodeLines(node, declarations, out)
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}
