/**
 * The books in an embedded DuckDB: `query`, and the parquet, duckdb exports. `@duckdb/node-api`
 * is an optional dependency, imported only here and only when one of those commands runs, so
 * the library and the other commands stay light; without it the commands say how to install it.
 */
import type * as Duck from '@duckdb/node-api'
import { type Cell, decimalScale, type Table } from '../interchange/Schema.js'
import { createTable } from '../interchange/Tabular.js'

export type DuckModule = typeof Duck

/** The DuckDB module, or a message saying how to get it. */
export const loadDuckDb = async (): Promise<DuckModule | string> => {
  try {
    return (await import('@duckdb/node-api')) as DuckModule
  } catch (error) {
    return (
      `this command needs DuckDB, an optional dependency that is not installed here ` +
      `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install it with: npm ` +
      `install @duckdb/node-api`
    )
  }
}

const dateOf = (duck: DuckModule, text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number]
  return duck.dateValue({ year, month, day })
}

const append = (duck: DuckModule, appender: Duck.DuckDBAppender, table: Table, cell: Cell, index: number): void => {
  if (cell === null) return appender.appendNull()
  switch (table.columns[index]?.type) {
    case 'integer':
      return appender.appendBigInt(BigInt(cell as number))
    case 'hugeint':
      return appender.appendHugeInt(typeof cell === 'bigint' ? cell : BigInt(cell as number))
    case 'decimal': {
      // The exact literal, scaled to DECIMAL(38,10) as an integer: no string cast in DuckDB.
      const [whole, fraction = ''] = (cell as string).split('.')
      return appender.appendDecimal(
        duck.decimalValue(BigInt(`${whole}${fraction.padEnd(decimalScale, '0')}`), 38, decimalScale),
      )
    }
    case 'boolean':
      return appender.appendBoolean(cell as boolean)
    case 'date':
      return appender.appendDate(dateOf(duck, cell as string))
    default:
      return appender.appendVarchar(String(cell))
  }
}

/** Creates the schema's tables in `connection` (in `catalog` when given) and fills them through DuckDB's appender. */
export const fill = async (
  duck: DuckModule,
  connection: Duck.DuckDBConnection,
  tables: ReadonlyArray<Table>,
  catalog?: string,
): Promise<void> => {
  for (const table of tables) {
    const qualified = catalog !== undefined ? { ...table, name: `${catalog}.${table.name}` } : table
    await connection.run(createTable(qualified, 'duckdb'))
    const appender = await connection.createAppender(table.name, null, catalog ?? null)
    for (const row of table.rows()) {
      for (const [index, cell] of row.entries()) append(duck, appender, table, cell, index)
      appender.endRow()
    }
    appender.flushSync()
    appender.closeSync()
  }
}

/** An in-memory DuckDB holding the tables. */
export const openBooks = async (
  duck: DuckModule,
  tables: ReadonlyArray<Table>,
): Promise<{ readonly connection: Duck.DuckDBConnection; readonly close: () => void }> => {
  const instance = await duck.DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  await fill(duck, connection, tables)
  return {
    connection,
    close: () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

/** A SQL string literal. */
export const sqlString = (text: string): string => `'${text.replace(/'/gu, "''")}'`
