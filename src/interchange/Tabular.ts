/**
 * The schema's tables as text: CSV (one document per table, formula-like text neutralized) and
 * a SQL script (CREATE TABLE + INSERT) that the `sqlite3` shell and DuckDB both read.
 */
import type { Cell, Column, ColumnType, Table } from './Schema.js'
import { schemaVersion } from './Schema.js'

const formulaStart = /^[=+\-@\t\r]/u

/**
 * A CSV cell. Text beginning with `= + - @`, a tab or a carriage return gets a leading `'` so a
 * spreadsheet shows it instead of running it; numeric columns (exact decimals, integers) stay numbers.
 */
export const csvCell = (cell: Cell, numeric: boolean): string => {
  if (cell === null) return ''
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  const text = String(cell)
  const safe = numeric && /^-?\d+(\.\d+)?$/u.test(text) ? text : formulaStart.test(text) ? `'${text}` : text
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe
}

const numericColumn = (column: Column): boolean =>
  column.type === 'integer' ||
  column.type === 'hugeint' ||
  column.type === 'decimal' ||
  column.name === 'amount' ||
  column.name.endsWith('_gap')

/** One table as a CSV document (header line, then rows; lines end in `\n`). */
export function* csvChunks(table: Table): Generator<string> {
  yield `${table.columns.map((column) => column.name).join(',')}\n`
  const numeric = table.columns.map(numericColumn)
  let buffer: string[] = []
  for (const row of table.rows()) {
    buffer.push(`${row.map((cell, index) => csvCell(cell, numeric[index] ?? false)).join(',')}\n`)
    if (buffer.length >= 10000) {
      yield buffer.join('')
      buffer = []
    }
  }
  if (buffer.length > 0) yield buffer.join('')
}

export const csvText = (table: Table): string => [...csvChunks(table)].join('')

/** SQL type names by dialect. */
export type Dialect = 'duckdb' | 'sqlite'
const sqlTypes: Record<Dialect, Record<ColumnType, string>> = {
  duckdb: {
    text: 'VARCHAR',
    integer: 'BIGINT',
    hugeint: 'HUGEINT',
    decimal: 'DECIMAL(38,10)',
    boolean: 'BOOLEAN',
    date: 'DATE',
  },
  sqlite: { text: 'TEXT', integer: 'INTEGER', hugeint: 'INTEGER', decimal: 'TEXT', boolean: 'INTEGER', date: 'TEXT' },
}

/** `CREATE TABLE name (col TYPE, …);` */
export const createTable = (table: Table, dialect: Dialect): string =>
  `CREATE TABLE ${table.name} (` +
  table.columns.map((column) => `${column.name} ${sqlTypes[dialect][column.type]}`).join(', ') +
  ');'

const sqlLiteral = (cell: Cell, dialect: Dialect): string => {
  if (cell === null) return 'NULL'
  if (typeof cell === 'boolean') return dialect === 'sqlite' ? (cell ? '1' : '0') : cell ? 'TRUE' : 'FALSE'
  if (typeof cell === 'number' || typeof cell === 'bigint') return String(cell)
  return `'${cell.replace(/'/gu, "''")}'`
}

/** A whole SQL script: one CREATE TABLE per table and its rows as INSERTs, in one transaction. */
export function* sqlChunks(tables: ReadonlyArray<Table>, dialect: Dialect): Generator<string> {
  yield `-- shadow-ledger table schema version ${schemaVersion}\nBEGIN;\n`
  for (const table of tables) {
    yield `${createTable(table, dialect)}\n`
    let buffer: string[] = []
    for (const row of table.rows()) {
      buffer.push(`(${row.map((cell) => sqlLiteral(cell, dialect)).join(',')})`)
      if (buffer.length >= 500) {
        yield `INSERT INTO ${table.name} VALUES ${buffer.join(',\n')};\n`
        buffer = []
      }
    }
    if (buffer.length > 0) yield `INSERT INTO ${table.name} VALUES ${buffer.join(',\n')};\n`
  }
  yield 'COMMIT;\n'
}
