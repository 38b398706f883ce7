/**
 * `query "SELECT …" FILE [-O table|csv|json]`: SQL over the books, in an embedded DuckDB loaded
 * with the table schema (docs/SCHEMA.md). A `.parquet` file, a directory of an export or a
 * `.duckdb` file are queried in place instead of a journal.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { csvCell } from '../interchange/Tabular.js'
import * as Table from '../reports/Table.js'
import { type Context, exitCodes } from './common.js'
import { loadDuckDb, openBooks, sqlString } from './duckdb.js'
import { tablesOf } from './exchange.js'

export interface QueryFlags {
  readonly output: 'table' | 'csv' | 'json'
  readonly findings?: boolean
}

const show = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)

export const queryCommand = async (context: Context, sql: string, file: string, flags: QueryFlags): Promise<void> => {
  const duck = await loadDuckDb()
  if (typeof duck === 'string') {
    context.io.stderr(`error: ${duck}\n`)
    context.exitCode = exitCodes.usage
    return
  }
  let session: { readonly connection: import('@duckdb/node-api').DuckDBConnection; readonly close: () => void }
  if (file.endsWith('.duckdb') || (existsSync(file) && statSync(file).isDirectory())) {
    // An export: attach the database, or make each parquet table a view.
    const instance = await duck.DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    try {
      if (file.endsWith('.duckdb')) {
        await connection.run(`ATTACH ${sqlString(file)} AS books (READ_ONLY)`)
        await connection.run('USE books')
      } else {
        const { readdirSync } = await import('node:fs')
        for (const entry of readdirSync(file)) {
          const path = join(file, entry)
          const name = entry.replace(/\.parquet$/u, '')
          if (!/^[a-z_]+$/u.test(name)) continue
          const source = statSync(path).isDirectory()
            ? `read_parquet(${sqlString(join(path, '**', '*.parquet'))}, hive_partitioning = true)`
            : `read_parquet(${sqlString(path)})`
          await connection.run(`CREATE VIEW ${name} AS SELECT * FROM ${source}`)
        }
      }
    } catch (error) {
      connection.closeSync()
      instance.closeSync()
      context.io.stderr(
        `error: cannot open ${file} as an export ` +
          `(${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`,
      )
      context.exitCode = exitCodes.io
      return
    }
    session = {
      connection,
      close: () => {
        connection.closeSync()
        instance.closeSync()
      },
    }
  } else {
    const loaded = context.load(file)
    if (loaded === undefined) return
    session = await openBooks(duck, tablesOf(loaded, flags.findings !== false))
  }
  try {
    let reader: Awaited<ReturnType<typeof session.connection.runAndReadAll>>
    try {
      reader = await session.connection.runAndReadAll(sql)
    } catch (error) {
      context.io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`)
      context.exitCode = exitCodes.data
      return
    }
    const names = reader.columnNames()
    const rows = reader.getRowsJson() as ReadonlyArray<ReadonlyArray<unknown>>
    if (flags.output === 'json') {
      context.io.stdout(
        JSON.stringify(
          {
            columns: names,
            rows: rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index] ?? null]))),
          },
          null,
          2,
        ) + `\n`,
      )
    } else if (flags.output === 'csv') {
      context.io.stdout(
        [
          names.map((name) => csvCell(name, false)).join(','),
          ...rows.map((row) =>
            row
              .map((value) =>
                csvCell(
                  value === null || value === undefined ? null : show(value),
                  typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/u.test(value)),
                ),
              )
              .join(','),
          ),
        ].join('\n') + `\n`,
      )
    } else {
      const types = reader.columnTypes()
      const numeric = types.map((type) => /INT|DECIMAL|DOUBLE|FLOAT|REAL/u.test(String(type)))
      context.io.stdout(
        `${Table.render(
          names.map((name, index) => ({ header: name, align: numeric[index] === true ? 'right' : 'left' })),
          rows.map((row) => row.map(show)),
        )}\n`,
      )
    }
  } finally {
    session.close()
  }
}
