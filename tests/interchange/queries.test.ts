/** The ten example queries of the README run on the Kirov ledger and the M5 example without error, each giving rows on one of them at least. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8')
const start = README.indexOf('```sql', README.indexOf('## Data in and out'))
const block = README.slice(start + '```sql'.length, README.indexOf('```', start + 6))
const queries = block
  .split(/^-- /mu)
  .filter((part) => part.trim() !== '')
  .map((part) => {
    const [title, ...sql] = part.split('\n')
    return { title: title as string, sql: sql.join('\n').trim().replace(/;$/u, '') }
  })

describe('README example queries', () => {
  it('there are ten', () => expect(queries.length).toBe(10))
  for (const query of queries) {
    it(`${query.title}`, async () => {
      let rows = 0
      for (const journal of [
        'ledgers/kirov/kirov.journal',
        'ledgers/examples/m5-partial-acceptance-diverted-bill.journal',
      ]) {
        const result = await runCli(['query', query.sql, journal, '-O', 'json'])
        expect(result.stderr).toBe('')
        expect(result.code).toBe(0)
        rows += (JSON.parse(result.stdout) as { rows: unknown[] }).rows.length
      }
      expect(rows, query.title).toBeGreaterThan(0)
    })
  }
})
