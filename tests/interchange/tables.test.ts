/** The table schema and its formats: CSV (neutralized), SQLite script (read by sqlite3), DuckDB query, Parquet (partitioned), duckdb file. */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Schema from '../../src/interchange/Schema.js'
import * as Tabular from '../../src/interchange/Tabular.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const KIROV = join(ROOT, 'ledgers/kirov/kirov.journal')
const directory = mkdtempSync(join(tmpdir(), 'interchange-tables-'))

const tablesOf = (text: string) => {
  const loaded = loadText('t.journal', text, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error('load')
  return Schema.tables({ books: loaded.right.books })
}

describe('table schema', () => {
  it('postings: one row per book, exact decimal and scaled integer, with file and line', () => {
    const tables = tablesOf(
      'commodity T28\n    kind: goods\n\n2024-01-01 Made\n    assets:finished  1234.56 RUB  [4 T28]\n    assets:wip\n',
    )
    const postings = tables.find((table) => table.name === 'postings') as Schema.Table
    expect([...postings.rows()]).toEqual([
      [
        0,
        0,
        0,
        '2024-01-01',
        'assets:finished',
        null,
        'asset',
        'money',
        'RUB',
        '1234.56',
        123456n,
        2,
        '1234.56',
        false,
        'written',
        'unmarked',
        't.journal',
        5,
      ],
      [
        1,
        0,
        0,
        '2024-01-01',
        'assets:finished',
        null,
        'asset',
        'units',
        'T28',
        '4',
        4n,
        0,
        '4',
        false,
        'written',
        'unmarked',
        't.journal',
        5,
      ],
      [
        2,
        0,
        1,
        '2024-01-01',
        'assets:wip',
        null,
        'asset',
        'money',
        'RUB',
        '-1234.56',
        -123456n,
        2,
        '-1234.56',
        false,
        'elided',
        'unmarked',
        't.journal',
        6,
      ],
    ])
    for (const table of tables) for (const row of table.rows()) expect(row.length).toBe(table.columns.length)
  })

  it('CSV neutralizes text cells that begin with = + - @ (not numbers)', () => {
    const tables = tablesOf('2024-01-01 =HYPERLINK("x")\n    assets:cash  -10 RUB\n    equity:x\n')
    const csv = Tabular.csvText(tables.find((table) => table.name === 'transactions') as Schema.Table)
    expect(csv.split('\n')[1]).toContain(`"'=HYPERLINK(""x"")"`)
    const postings = Tabular.csvText(tables.find((table) => table.name === 'postings') as Schema.Table)
    expect(postings).toContain(',-10,')
    expect(Tabular.csvCell('+1', false)).toBe("'+1")
    expect(Tabular.csvCell('-1', true)).toBe('-1')
    expect(Tabular.csvCell('@SUM(A1)', true)).toBe("'@SUM(A1)")
  })

  it('the SQLite export builds a database that sqlite3 reads, with equal sums', async () => {
    const file = join(directory, 'kirov.sqlite')
    const result = await runCli(['export', KIROV, '--format', 'sqlite', '-o', file])
    expect(result.stderr).toBe('')
    const out = execFileSync(
      'sqlite3',
      [
        file,
        "SELECT value FROM meta WHERE key='schema_version'; SELECT count(*) FROM findings; SELECT sum(amount_units) FROM postings WHERE book='money'",
      ],
      { encoding: 'utf8' },
    )
    expect(out.trim().split('\n')).toEqual([String(Schema.schemaVersion), expect.stringMatching(/^[1-9]\d*$/u), '0'])
  })

  it('query runs SQL on the books in DuckDB: csv and json outputs', async () => {
    // Work in progress by lot sums to the 61 million of the end of 1936 (assumption A2).
    const csv = await runCli([
      'query',
      "SELECT sum(amount_decimal)::DECIMAL(38,2) AS total FROM postings WHERE book = 'money' AND account LIKE 'kirov:assets:wip%'",
      KIROV,
      '-O',
      'csv',
    ])
    expect(csv.stderr).toBe('')
    expect(csv.stdout).toBe('total\n61000000.00\n')
    const json = await runCli([
      'query',
      'SELECT rule, count(*) AS n FROM findings f JOIN evidence e USING (finding_id) GROUP BY rule ORDER BY rule LIMIT 1',
      KIROV,
      '-O',
      'json',
    ])
    expect(JSON.parse(json.stdout).columns).toEqual(['rule', 'n'])
    const bad = await runCli(['query', 'SELECT nope FROM postings', KIROV])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^error: Binder Error/u)
  })

  it('parquet --partition entity,year writes a hive directory that DuckDB reads back, amounts exact', async () => {
    const out = join(directory, 'parquet')
    const result = await runCli(['export', KIROV, '--format', 'parquet', '--partition', 'entity,year', '-o', out])
    expect(result.stderr).toBe('')
    // The plant, its buyer and the bank each post in the Kirov books.
    expect(readdirSync(join(out, 'postings')).sort()).toEqual(['entity=abtu', 'entity=gosbank', 'entity=kirov'])
    expect(existsSync(join(out, 'postings/entity=kirov/year=1936'))).toBe(true)
    const back = await runCli([
      'query',
      "SELECT sum(amount_units) AS s, count(*) AS n FROM postings WHERE book = 'money'",
      out,
      '-O',
      'csv',
    ])
    const direct = await runCli([
      'query',
      "SELECT sum(amount_units) AS s, count(*) AS n FROM postings WHERE book = 'money'",
      KIROV,
      '-O',
      'csv',
    ])
    expect(back.stdout).toBe(direct.stdout)
    const again = await runCli(['export', KIROV, '--format', 'parquet', '-o', out])
    expect(again.code).toBe(3)
  })

  it('the duckdb export is a database file query reads', async () => {
    const out = join(directory, 'kirov.duckdb')
    expect((await runCli(['export', KIROV, '--format', 'duckdb', '-o', out])).stderr).toBe('')
    const back = await runCli(['query', 'SELECT count(*) AS n FROM transactions', out, '-O', 'csv'])
    expect(back.stdout).toMatch(/^n\n[1-9]\d*\n$/u)
  })

  it('docs/SCHEMA.md lists every table and column of this version', () => {
    const doc = readFileSync(join(ROOT, 'docs/SCHEMA.md'), 'utf8')
    expect(doc).toContain(`version ${Schema.schemaVersion}`)
    for (const table of tablesOf('')) {
      expect(doc).toContain(`### ${table.name}`)
      for (const column of table.columns) expect(doc).toContain(`| \`${column.name}\` |`)
    }
  })
})
