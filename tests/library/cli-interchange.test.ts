/** `shadow-ledger export FILE --format json` and `shadow-ledger import FILE.json`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const directory = mkdtempSync(join(tmpdir(), 'shadow-ledger-interchange-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('CLI export and import', () => {
  it('exports a journal as JSON that import reads back to the same printed ledger', async () => {
    const exported = await runCli(['export', 'ledgers/kirov/kirov.journal', '--format', 'json'])
    expect(exported.code).toBe(0)
    const document = JSON.parse(exported.stdout) as { version: number; entries: unknown[] }
    expect(document.version).toBe(1)
    const file = join(directory, 'kirov.json')
    writeFileSync(file, exported.stdout)

    const imported = await runCli(['import', file])
    expect(imported).toMatchObject({ code: 0, stderr: '' })
    const checked = /^ok: (\d+) transactions, \d+ postings, (\d+) accounts/u.exec(
      (await runCli(['check', 'ledgers/kirov/kirov.journal'])).stdout,
    )
    expect(imported.stdout).toMatch(
      new RegExp(
        `^ok: ${checked?.[1]} transactions \\(\\d+ from operations?\\), ${checked?.[2]} accounts, \\d+ documents, \\d+ plans\n$`,
        'u',
      ),
    )

    const printedBack = await runCli(['import', file, '--print'])
    const printed = await runCli(['print', 'ledgers/kirov/kirov.journal'])
    expect(printedBack.stdout).toBe(printed.stdout)
  })

  it('accepts -f as hledger users type it', async () => {
    const exported = await runCli(['-f', 'ledgers/examples/plant.journal', 'export'])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ version: 1, currency: 'RUB' })
  })

  it('rejects an unknown format as a usage error', async () => {
    expect((await runCli(['export', 'ledgers/examples/plant.journal', '--format', 'xml'])).code).toBe(2)
  })

  it('reports a bad document with its path (exit 1) and a missing file as I/O (exit 3)', async () => {
    const file = join(directory, 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        declarations: { entities: [], commodities: [], accounts: [] },
        entries: [{ transaction: { date: '1936-13-01' } }],
      }),
    )
    const bad = await runCli(['import', file])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain(
      `${file}: error: entries.0.transaction.date: "1936-13-01" is not a valid LocalDate (InvalidDocument)`,
    )
    const notJson = join(directory, 'not.json')
    writeFileSync(notJson, '{')
    expect(await runCli(['import', notJson])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('(InvalidJson)'),
    })
    expect(await runCli(['import', join(directory, 'missing.json')])).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('(FileNotFound)'),
    })
  })
})
