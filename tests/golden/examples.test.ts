/**
 * Golden outputs of the example journals: every `ledgers/examples/*.journal` loads without a
 * diagnostic, and `print` (the posted transactions each operation expands into) is pinned next
 * to it as `X.print.txt`. Update with `npx vitest run tests/golden -u` after an intended change,
 * and read the diff.
 */
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { history } from '../../src/domain/Books.js'
import { loadFile } from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { runCli } from '../helpers/cli.js'

const DIR = resolve(import.meta.dirname, '../../ledgers/examples')
const journals = readdirSync(DIR)
  .filter((name) => name.endsWith('.journal'))
  .sort()

describe('ledgers/examples', () => {
  it('has one journal per mechanism M1-M7 of domain.md §2', () => {
    for (const mechanism of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']) expect(journals.some((name) => name.startsWith(`${mechanism}-`))).toBe(true)
  })

  it.each(journals)('%s prints its expansion', async (name) => {
    const file = resolve(DIR, name)
    const result = await runCli(['print', file])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    await expect(result.stdout).toMatchFileSnapshot(file.replace(/\.journal$/u, '.print.txt'))
  })

  // The findings the mechanisms leave in the books (not visible in `print`).
  it.each([
    ['m1-invoice-without-shipment.journal', ['DemandWithoutShipment', 'DemandWithoutShipment']],
    ['m2-wip-growth.journal', []],
    ['m3-bonus-wage-fund.journal', ['BonusFundingOutsideRule', 'BonusFundingOutsideRule']],
    ['m4-provisional-acceptance-refinancing.journal', ['DemandWithoutShipment', 'DemandWithoutShipment']],
    ['m5-partial-acceptance-diverted-bill.journal', ['DemandWithoutShipment']],
    ['m6-savings-bank-loan.journal', ['SavingsBankLoanOutsideProgramme']],
    ['m7-frozen-account.journal', ['DemandWithoutShipment', 'DemandWithoutShipment', 'FrozenAccountDebitRecorded']],
  ])('%s records the notes %j', (name, notes) => {
    const loaded = loadFile(resolve(DIR, name), { fileSystem: nodeFileSystem })
    if (E.isLeft(loaded)) throw new Error(`${name} did not load: ${loaded.left.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`)
    expect(history(loaded.right.books).flatMap((entry) => entry.notes.map((note) => note._tag))).toEqual(notes)
  })
})
