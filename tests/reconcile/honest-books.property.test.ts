/**
 * The honest-books property (issue 17): on books of an honest plant (tests/reconcile/honest.ts)
 * no built-in rule gives a warn or critical finding. 1,000 runs by default (`HONEST_RUNS`
 * changes it; `HONEST_SEED` replays one). Shrunk counterexamples are kept as fixtures in
 * tests/fixtures/honest/ and checked here too.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/reconcile/index.js'
import { honestJournal, honestPlant } from './honest.js'
import { findingsOf } from './journal.js'

const accusing = (findings: ReadonlyArray<Finding>): ReadonlyArray<string> =>
  findings
    .filter((finding) => finding.severity !== 'info')
    .map((finding) => `${finding.severity} ${finding.rule}: ${finding.message}`)

const runs = Number(process.env.HONEST_RUNS ?? 1000)
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'honest')

describe('honest books', () => {
  it(`give no warn or critical finding from any built-in rule (${runs} generated plants)`, () => {
    fc.assert(
      fc.property(honestPlant, (plant) => {
        expect(accusing(findingsOf(honestJournal(plant), '1936-12-31'))).toEqual([])
      }),
      { numRuns: runs, ...(process.env.HONEST_SEED !== undefined ? { seed: Number(process.env.HONEST_SEED) } : {}) },
    )
  }, 120_000)

  const kept = readdirSync(fixtures)
    .filter((name) => name.endsWith('.journal'))
    .sort()
  it.each(kept)('shrunk counterexample %s stays honest', (name) => {
    expect(accusing(findingsOf(readFileSync(join(fixtures, name), 'utf8'), '1936-12-31'))).toEqual([])
  })
})
