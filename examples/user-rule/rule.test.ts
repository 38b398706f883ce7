/**
 * Testing a user rule with vitest against a scenario journal: the journal's own `expect` lines
 * and expectations written in TypeScript. Run it with `npx vitest run examples/user-rule/rule.test.ts`
 * in your project (in this repository, tests/library/examples.test.ts runs it).
 *
 * In your own project:
 *
 *     import { assertExpectations, unsafeExpectFinding, loadFile, reconcile } from 'shadow-ledger'
 *     import { nodeFileSystem } from 'shadow-ledger/node'
 */

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  assertExpectations,
  findingsToJson,
  LocalDate,
  loadFile,
  reconcile,
  renderFailure,
  renderReconcileError,
  unsafeExpectFinding,
  unsafeExpectNoFinding,
} from '../../src/index.js'
import { nodeFileSystem } from '../../src/node.js'
import { unitsWithoutValue } from './rule.js'

const scenario = resolve(import.meta.dirname, 'scenario.journal')

const run = () => {
  const loaded = loadFile(scenario, { fileSystem: nodeFileSystem, root: import.meta.dirname })
  if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
  const { books, reported, settings, expectations } = loaded.right
  const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') }, [
    unitsWithoutValue,
  ])
  if (E.isLeft(result)) throw new Error(renderReconcileError(result.left))
  return { result: result.right, expectations }
}

describe('units-without-value', () => {
  it("passes the scenario journal's own expect lines", () => {
    const { result, expectations } = run()
    expect(expectations).toHaveLength(3)
    assertExpectations(result.findings, expectations)
  })

  it('reads its parameter from the journal (param units-without-value.minUnits 5)', () => {
    const { result } = run()
    expect(result.rules).toEqual([
      {
        id: 'units-without-value',
        title: 'Goods recorded without money',
        parameters: { minUnits: '5', criticalUnits: '100' },
        findings: 1,
      },
    ])
  })

  it('finds the 101 T-28 with their archival citation, and nothing at the directorate', () => {
    const { result } = run()
    assertExpectations(result.findings, [
      unsafeExpectFinding('units-without-value', {
        entity: 'kirov',
        period: '1936-Q4',
        severity: 'critical',
        measures: { units: '101', gap: '101 T28' },
      }),
      unsafeExpectNoFinding('units-without-value', { entity: 'abtu' }),
    ])
    const [finding] = findingsToJson(result).findings
    const line =
      readFileSync(scenario, 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('T-28 recorded as produced')) + 1
    expect(finding?.evidence[0]).toMatchObject({
      line,
      citations: [{ fond: 'P-1788', opis: '27', delo: '12', folio: '16' }],
    })
  })
})
