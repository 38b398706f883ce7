/**
 * A derived observation in a source conflict is shown as `derived: FORMULA` with its inputs'
 * citations, never as "no source" (the Voroshilov I8 case: 600 a year pro rata for five weeks).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const journal = `entity voroshilov
commodity T26
    kind: goods

reported 1935-01-01..1935-02-05  voroshilov  output:T26  [400..500 T26]  ; source: Istoriia sozdaniia v.3, 678-680 — "400-500 according to the plan"
reported 1935-01-01..1935-02-05  voroshilov  output:T26  [~58 T26]  ; derived: 600 × 35 / 365 (the 600-a-year programme pro rata)
    ; source: Voroshilov memo 1937, 12
`

describe('source-conflict with a derived observation', () => {
  it('names the formula and the inputs, not "no source"', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'derived-conflict-'))
    const path = join(directory, 'v.journal')
    writeFileSync(path, journal)
    const { stdout } = await runCli(['reconcile', path])
    expect(stdout).toContain('source-conflict')
    expect(stdout).toContain(
      '(derived: 600 × 35 / 365 (the 600-a-year programme pro rata); inputs: Voroshilov memo 1937, 12)',
    )
    expect(stdout).not.toContain('no source')
  })
})
