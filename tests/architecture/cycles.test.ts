/**
 * The dependency check of `.dependency-cruiser.cjs`, run by dependency-cruiser on src/: no import
 * cycles (type-only imports count) and the layer table of ARCHITECTURE.md. A fixture with one cycle
 * and one upward import shows that the check finds both.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const BIN = resolve(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')

interface Violation {
  readonly from: string
  readonly to: string
  readonly rule: { readonly name: string }
  readonly cycle?: ReadonlyArray<{ readonly name: string }>
}

/** The violations dependency-cruiser reports for `path` (relative to the repository). */
const cruise = (path: string): ReadonlyArray<Violation> => {
  const output = execFileSync(
    process.execPath,
    [BIN, path, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  const result = JSON.parse(output) as {
    readonly summary: { readonly violations: ReadonlyArray<Violation>; readonly totalCruised: number }
  }
  expect(result.summary.totalCruised).toBeGreaterThan(0)
  return result.summary.violations
}

const show = (violation: Violation): string =>
  `${violation.rule.name}: ${violation.from} → ${violation.cycle !== undefined ? violation.cycle.map((step) => step.name).join(' → ') : violation.to}`

describe('dependency check (dependency-cruiser)', () => {
  it('src/ has no import cycle and no import against the layer table', () => {
    expect(cruise('src').map(show)).toEqual([])
  }, 60_000)

  it('finds a type-only cycle and an upward import in a fixture', () => {
    const rules = cruise('tests/architecture/fixtures/violations/src').map((violation) => violation.rule.name)
    expect(rules).toContain('no-circular')
    expect(rules).toContain('layer-core')
  }, 60_000)
})
