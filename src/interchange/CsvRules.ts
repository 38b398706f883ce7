/**
 * CSV with rules → journal text. The rules file follows hledger's CSV rules where they overlap
 * (`skip`, `separator`, `fields`, `date-format`, `decimal-mark`, field assignments with `%field`
 * interpolation, `if` blocks matching the record or one field), and adds what transcribed
 * archival tables need: `citation` (a template per row, `{row}` is the record's line),
 * `estimated` (a column whose mark makes the row approximate), `entity`, `commodity` and
 * `units` (goods quantities beside money), and `operation` (the row becomes an operation line
 * of the journal — a payment demand, an acceptance — instead of a transaction).
 *
 * docs/IMPORT.md documents the syntax. Every error is located: rules errors at
 * `rules:line:1`, data errors at `csv:line:column` where column is the field's position (1-based).
 *
 * The CSV reader, csv-parse, is an optional dependency imported on the first `convert`: importing
 * the library never loads it, and without it `convert` returns a `CsvParserUnavailable` error
 * that says how to install it.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Quantity from '../core/Quantity.js'

export interface RulesError {
  /** `CsvParserUnavailable`: the optional package csv-parse is not installed (`npm install csv-parse`). */
  readonly _tag: 'RulesError' | 'CsvError' | 'RowError' | 'CsvParserUnavailable'
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export const renderRulesError = (error: RulesError): string =>
  `${error.file}:${error.line}:${error.column}: error: ${error.message} (${error._tag})`

type Matcher = { readonly field?: string; readonly pattern: RegExp; readonly and: boolean; readonly negate: boolean }
interface Block {
  readonly matchers: ReadonlyArray<Matcher>
  readonly assignments: ReadonlyArray<readonly [string, string]>
  readonly skip: boolean
}

export interface Rules {
  readonly file: string
  readonly skip: number
  readonly separator: string
  readonly fields: ReadonlyArray<string>
  readonly dateFormat?: string
  readonly decimalMark: '.' | ','
  readonly assignments: ReadonlyArray<readonly [string, string]>
  readonly blocks: ReadonlyArray<Block>
}

/** The names a rule may assign. */
export const assignable = [
  'date',
  'status',
  'code',
  'description',
  'comment',
  'account1',
  'account2',
  'amount',
  'currency',
  'units',
  'commodity',
  'entity',
  'estimated',
  'citation',
  'operation',
] as const
const assignableSet = new Set<string>(assignable)

/** The error for rules without a `fields` line. */
const noFields = 'the rules name no fields (write: fields date, description, amount, …)'

const fail = (
  file: string,
  line: number,
  message: string,
  tag: RulesError['_tag'] = 'RulesError',
): E.Either<RulesError, never> => E.left({ _tag: tag, file, line, column: 1, message })

const regex = (text: string): RegExp | undefined => {
  try {
    return new RegExp(text, 'iu')
  } catch {
    return undefined
  }
}

/** Parses a rules file. */
export const parseRules = (file: string, text: string): E.Either<RulesError, Rules> => {
  if (typeof file !== 'string' || typeof text !== 'string')
    return E.left({
      _tag: 'RulesError',
      file: typeof file === 'string' ? file : '<rules>',
      line: 1,
      column: 1,
      message: 'the rules file name and text must be strings',
    })
  let skip = 0
  let separator = ','
  let fields: string[] = []
  let dateFormat: string | undefined
  let decimalMark: '.' | ',' = '.'
  const assignments: Array<readonly [string, string]> = []
  const blocks: Block[] = []
  let block:
    | { matchers: Matcher[]; assignments: Array<readonly [string, string]>; skip: boolean; inBody: boolean }
    | undefined
  const close = () => {
    if (block !== undefined) blocks.push(block)
    block = undefined
  }
  const lines = text.split(/\r?\n/u)
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    if (/^\s*([#;*]|$)/u.test(raw)) continue
    const indented = /^\s/u.test(raw)
    const content = raw.trim()
    if (block !== undefined && indented) {
      block.inBody = true
      if (content === 'skip') {
        block.skip = true
        continue
      }
      const [name, value] = splitAssignment(content)
      if (!assignableSet.has(name))
        return fail(
          file,
          line,
          `unknown field ${JSON.stringify(name)} in an if block (assignable: ${assignable.join(', ')})`,
        )
      block.assignments.push([name, value])
      continue
    }
    if (block !== undefined && !block.inBody && !indented && !content.startsWith('if ')) {
      // A further matcher line of the same `if` (OR), or `& …` (AND).
      const matcher = matcherOf(content.startsWith('&') ? content.slice(1).trim() : content, content.startsWith('&'))
      if (matcher === undefined) return fail(file, line, `not a valid regular expression: ${content}`)
      block.matchers.push(matcher)
      continue
    }
    close()
    if (content.startsWith('if ') || content === 'if') {
      const matcher = matcherOf(content.slice(2).trim(), false)
      if (matcher === undefined || content.slice(2).trim() === '')
        return fail(file, line, `if needs a pattern: ${content}`)
      block = { matchers: [matcher], assignments: [], skip: false, inBody: false }
      continue
    }
    const [name, value] = splitAssignment(content)
    switch (name) {
      case 'skip': {
        if (!/^\d*$/u.test(value)) return fail(file, line, `skip takes a number of lines: ${value}`)
        skip = value === '' ? 1 : Number(value)
        break
      }
      case 'separator':
        separator =
          value === 'TAB' || value === '\\t'
            ? '\t'
            : value === 'SPACE'
              ? ' '
              : value === ';' || value === ',' || value === '|'
                ? value
                : ''
        if (separator === '') return fail(file, line, `separator must be , ; | TAB or SPACE: ${value}`)
        break
      case 'fields':
        fields = value.split(',').map((field) => field.trim())
        if (fields.some((field) => field !== '' && !/^[\p{L}_][\p{L}\p{Nd}_-]*$/u.test(field)))
          return fail(file, line, `field names are words (letters, digits, _ and -): ${value}`)
        break
      case 'date-format':
        dateFormat = value
        break
      case 'decimal-mark':
        if (value !== '.' && value !== ',') return fail(file, line, `decimal-mark is . or ,: ${value}`)
        decimalMark = value
        break
      default:
        if (!assignableSet.has(name))
          return fail(
            file,
            line,
            `unknown rule ${JSON.stringify(name)} (rules: skip, separator, fields, date-format, decimal-mark, ` +
              `if, and assignments to ${assignable.join(', ')})`,
          )
        assignments.push([name, value])
    }
  }
  close()
  if (fields.length === 0) return fail(file, 1, noFields)
  return E.right({
    file,
    skip,
    separator,
    fields,
    ...(dateFormat !== undefined ? { dateFormat } : {}),
    decimalMark,
    assignments,
    blocks,
  })
}

const splitAssignment = (content: string): readonly [string, string] => {
  const match = /^(\S+)\s*(.*)$/u.exec(content)
  return [match?.[1] ?? '', (match?.[2] ?? '').trim()]
}

const matcherOf = (text: string, and: boolean): Matcher | undefined => {
  const negate = text.startsWith('!')
  const body = negate ? text.slice(1).trim() : text
  const fieldMatch = /^%([\p{L}\p{Nd}_-]+)\s+(.*)$/u.exec(body)
  const pattern = regex(fieldMatch !== null ? (fieldMatch[2] ?? '') : body)
  if (pattern === undefined) return undefined
  return { ...(fieldMatch !== null ? { field: fieldMatch[1] as string } : {}), pattern, and, negate }
}

// -------------------------------------------------------------------------------------
// conversion
// -------------------------------------------------------------------------------------

/** One converted row: its journal text and the CSV line it came from. */
export interface ConvertedRow {
  readonly row: number
  readonly text: string
}

export interface Converted {
  readonly rows: ReadonlyArray<ConvertedRow>
  /** All rows' text, one blank line between entries. */
  readonly text: string
  /** The CSV line behind a line of `text` (1-based), for locating errors the journal loader finds. */
  readonly rowOfLine: (line: number) => number | undefined
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Reads a date with a strptime-like format (`%Y %y %m %-m %d %-d %b`); the journal's YYYY-MM-DD, or undefined. */
export const parseDate = (text: string, format: string | undefined): string | undefined => {
  if (typeof text !== 'string' || (format !== undefined && typeof format !== 'string')) return undefined
  const value = text.trim()
  if (format === undefined) {
    const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(value)
    return match === null ? undefined : ymd(match[1] as string, match[2] as string, match[3] as string)
  }
  let pattern = ''
  const order: string[] = []
  for (let index = 0; index < format.length; index++) {
    const char = format[index] as string
    if (char !== '%') {
      pattern += char.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')
      continue
    }
    let spec = format[++index] ?? ''
    if (spec === '-') spec = `-${format[++index] ?? ''}`
    const group = {
      Y: '(\\d{4})',
      y: '(\\d{2})',
      m: '(\\d{2})',
      '-m': '(\\d{1,2})',
      d: '(\\d{2})',
      '-d': '(\\d{1,2})',
      b: '([A-Za-z]{3})',
    }[spec]
    if (group === undefined) return undefined
    pattern += group
    order.push(spec.replace('-', ''))
  }
  const match = new RegExp(`^${pattern}$`, 'u').exec(value)
  if (match === null) return undefined
  const parts: Record<string, string> = {}
  for (const [index, key] of order.entries()) parts[key] = match[index + 1] as string
  const year = parts.Y ?? (parts.y !== undefined ? `19${parts.y}` : undefined)
  const month = parts.m ?? (parts.b !== undefined ? String(monthNames.indexOf(parts.b.toLowerCase()) + 1) : undefined)
  return year === undefined || month === undefined || parts.d === undefined ? undefined : ymd(year, month, parts.d)
}

const ymd = (year: string, month: string, day: string): string | undefined => {
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    m - 1
  ]
  if (days === undefined || d < 1 || d > days) return undefined
  return `${year.padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * A figure from a cell: group marks and spaces removed, the decimal mark made `.`, a leading `~` (approximate) noted.
 */
export const parseFigure = (
  text: string,
  decimalMark: '.' | ',',
): { readonly quantity: Quantity.Quantity; readonly estimated: boolean } | undefined => {
  if (typeof text !== 'string') return undefined
  let value = text.trim().replace(/[\s\u00a0\u202f]/gu, '')
  const estimated = value.startsWith('~')
  if (estimated) value = value.slice(1)
  let negative = false
  if (/^\(.*\)$/u.test(value)) {
    negative = true
    value = value.slice(1, -1)
  }
  value = decimalMark === ',' ? value.replace(/\./gu, '').replace(',', '.') : value.replace(/,/gu, '')
  if (value.startsWith('+')) value = value.slice(1)
  const quantity = Quantity.fromString(negative ? `-${value}` : value)
  return E.isLeft(quantity) ? undefined : { quantity: quantity.right, estimated }
}

const truthy = /^(~|\*|\?|y|yes|true|1|est|estimated|approx|approximately|ca\.?|≈)$/iu

type ParseCsv = typeof import('csv-parse/sync').parse
let csvParser: ParseCsv | undefined

/** Imports csv-parse on first use; undefined when the optional package is not installed. */
const loadCsvParser = async (): Promise<ParseCsv | undefined> => {
  if (csvParser !== undefined) return csvParser
  try {
    csvParser = (await import('csv-parse/sync')).parse
    return csvParser
  } catch {
    return undefined
  }
}

/**
 * Converts CSV text with parsed rules into journal entries (nothing is written; the caller
 * validates and writes). Asynchronous only because the CSV reader is imported on first use; a
 * missing reader is a `CsvParserUnavailable` error, not an exception.
 */
export const convert = async (
  rules: Rules,
  csvFile: string,
  csvText: string,
): Promise<E.Either<RulesError, Converted>> => {
  const parseCsv = await loadCsvParser()
  if (parseCsv === undefined)
    return E.left({
      _tag: 'CsvParserUnavailable',
      file: csvFile,
      line: 1,
      column: 1,
      message: 'importing CSV needs the optional package csv-parse, which is not installed (npm install csv-parse)',
    })
  return convertWith(parseCsv, rules, csvFile, csvText)
}

const convertWith = (
  parseCsv: ParseCsv,
  rules: Rules,
  csvFile: string,
  csvText: string,
): E.Either<RulesError, Converted> => {
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parseCsv(csvText, {
      delimiter: rules.separator,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      from_line: rules.skip + 1,
      bom: true,
    }) as unknown as typeof records
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return E.left({
      _tag: 'CsvError',
      file: csvFile,
      line,
      column: 1,
      message: error instanceof Error ? error.message : String(error),
    })
  }
  const rows: ConvertedRow[] = []
  for (const { record, info } of records) {
    const row = info.lines
    const values = new Map<string, string>()
    const positions = new Map<string, number>()
    for (const [index, name] of rules.fields.entries()) {
      if (name === '') continue
      values.set(name, record[index] ?? '')
      positions.set(name, index + 1)
    }
    const whole = record.join(',')
    const fieldValue = (name: string): string =>
      /^\d+$/u.test(name) ? (record[Number(name) - 1] ?? '') : (values.get(name) ?? '')
    const assigned = new Map<string, string>(rules.assignments)
    let skipped = false
    for (const block of rules.blocks) {
      if (!matches(block.matchers, whole, fieldValue)) continue
      if (block.skip) skipped = true
      for (const [name, value] of block.assignments) assigned.set(name, value)
    }
    if (skipped) continue
    // A field named like an assignable name assigns directly, as in hledger.
    for (const name of rules.fields) if (assignableSet.has(name) && !assigned.has(name)) assigned.set(name, `%${name}`)
    const located = (name: string, message: string): E.Either<RulesError, never> => {
      const template = assigned.get(name) ?? ''
      const field = /%\{?([\p{L}\p{Nd}_-]+)/u.exec(template)?.[1]
      return E.left({
        _tag: 'RowError',
        file: csvFile,
        line: row,
        column: field !== undefined ? (positions.get(field) ?? (/^\d+$/u.test(field) ? Number(field) : 1)) : 1,
        message,
      })
    }
    const missing: string[] = []
    const interpolate = (template: string | undefined): string =>
      (template ?? '')
        .replace(/\{row\}/gu, String(row))
        .replace(
          /%\{([\p{L}\p{Nd}_-]+)\}|%([\p{L}\p{Nd}_-]+)/gu,
          (_all, braced: string | undefined, bare: string | undefined) => {
            const name = (braced ?? bare) as string
            if (!/^\d+$/u.test(name) && !values.has(name)) missing.push(name)
            return fieldValue(name).trim()
          },
        )
    const get = (name: string): string => interpolate(assigned.get(name))
    const dateText = get('date')
    if (missing.length > 0)
      return located(
        'date',
        `no field named ${missing[0]} (fields: ${rules.fields.filter((f) => f !== '').join(', ')})`,
      )
    const date = parseDate(dateText, rules.dateFormat)
    if (date === undefined)
      return located(
        'date',
        `${JSON.stringify(dateText)} is not a date` +
          `${rules.dateFormat !== undefined ? ` in the format ${rules.dateFormat}` : ' (YYYY-MM-DD)'}`,
      )
    const estimatedMark = get('estimated')
    const estimated = estimatedMark !== '' && truthy.test(estimatedMark)
    const citation = get('citation')
    const comment = get('comment')
    const operation = get('operation')
    for (const name of [
      'citation',
      'comment',
      'operation',
      'description',
      'code',
      'account1',
      'account2',
      'entity',
      'commodity',
      'currency',
      'status',
    ] as const) {
      if (/[\r\n]/u.test(get(name))) return located(name, `${name} would span lines`)
    }
    if (missing.length > 0) return located('description', `no field named ${missing[0]}`)
    // `source:` runs to the end of its comment line, so it comes last.
    const comments = [
      ...(comment !== '' ? [comment] : []),
      ...(estimated ? ['estimated:'] : []),
      ...(citation !== '' ? [`source: ${citation}`] : []),
    ]
    if (operation !== '') {
      rows.push({ row, text: `${date} ${operation}${comments.length > 0 ? `  ; ${comments.join(', ')}` : ''}` })
      continue
    }
    const entity = get('entity')
    const account = (name: 'account1' | 'account2'): string => {
      const text = get(name)
      return entity !== '' && text !== '' && !text.startsWith(`${entity}:`) ? `${entity}:${text}` : text
    }
    const account1 = account('account1')
    const account2 = account('account2')
    if (account1 === '')
      return located('account1', 'no account1 for this row (assign account1, or match the row with an if block)')
    if (account2 === '') return located('account2', 'no account2 for this row')
    const amountText = get('amount')
    const unitsText = get('units')
    const money = amountText === '' ? undefined : parseFigure(amountText, rules.decimalMark)
    if (amountText !== '' && money === undefined)
      return located('amount', `${JSON.stringify(amountText)} is not an amount`)
    const units = unitsText === '' ? undefined : parseFigure(unitsText, rules.decimalMark)
    if (unitsText !== '' && units === undefined)
      return located('units', `${JSON.stringify(unitsText)} is not a quantity`)
    if (money === undefined && units === undefined) return located('amount', 'the row has neither an amount nor units')
    const currency = get('currency') || 'RUB'
    const commodity = get('commodity')
    if (units !== undefined && commodity === '')
      return located('units', 'units need a commodity (assign commodity, e.g. commodity T28)')
    const mark = (approx: boolean) => (estimated || approx ? '~' : '')
    const side = (sign: 1 | -1): string => {
      const parts: string[] = []
      if (money !== undefined)
        parts.push(
          `${mark(money.estimated)}` +
            `${Quantity.toString(sign === 1 ? money.quantity : Quantity.negate(money.quantity))} ${currency}`,
        )
      if (units !== undefined)
        parts.push(
          `[${money === undefined ? mark(units.estimated) : ''}` +
            `${Quantity.toString(sign === 1 ? units.quantity : Quantity.negate(units.quantity))} ${commodity}]`,
        )
      return parts.join('  ')
    }
    const status = get('status')
    const code = get('code')
    const description = get('description')
    const header = (
      `${date} ${status === '*' || status === '!' ? `${status} ` : ''}${code !== '' ? `(${code}) ` : ''}` +
      `${description}`
    ).trimEnd()
    const lines = [
      header,
      ...comments.map((text) => `    ; ${text}`),
      `    ${account1}  ${side(1)}`,
      `    ${account2}  ${side(-1)}`,
    ]
    rows.push({ row, text: lines.join('\n') })
  }
  const lineRows: number[] = []
  const texts: string[] = []
  for (const entry of rows) {
    const count = entry.text.split('\n').length
    for (let index = 0; index < count; index++) lineRows.push(entry.row)
    lineRows.push(entry.row)
    texts.push(entry.text)
  }
  return E.right({ rows, text: texts.map((text) => `${text}\n`).join('\n'), rowOfLine: (line) => lineRows[line - 1] })
}

const matches = (matchers: ReadonlyArray<Matcher>, whole: string, fieldValue: (name: string) => string): boolean => {
  // OR of AND-groups: a matcher without `&` starts a new group.
  let any = false
  let group: boolean | undefined
  for (const matcher of matchers) {
    const hit = matcher.pattern.test(matcher.field !== undefined ? fieldValue(matcher.field) : whole) !== matcher.negate
    if (!matcher.and) {
      if (group === true) any = true
      group = hit
    } else group = group === true && hit
  }
  return any || group === true
}
