/**
 * `; assumption: A2, A6` names both assumptions: the tag is a list. `report assumptions` lists
 * the line under each id, and strict provenance checks every id (an undeclared second id is an
 * error).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseTags } from '../../src/journal/lex/Chars.js'
import { runCli } from '../helpers/cli.js'

const journal = (declared: string): string => `entity kirov
commodity RUB
    format 1,000.00 RUB

assumption A2 "work in progress is labour only"
${declared}

1936-03-31 * Wages  ; assumption: A2, A6
    kirov:expenses:wages  ~37,500,000.00 RUB
    kirov:liabilities:wages
`

const file = (text: string): string => {
  const directory = mkdtempSync(join(tmpdir(), 'assumption-list-'))
  const path = join(directory, 'k.journal')
  writeFileSync(path, text)
  return path
}

describe('assumption: a list of ids', () => {
  it('gives one tag per id, up to an item that starts the next tag', () => {
    expect(parseTags(' assumption: A2, A6')).toEqual([
      { name: 'assumption', value: 'A2' },
      { name: 'assumption', value: 'A6' },
    ])
    expect(parseTags(' assumption: A5, A7, fund: wage-fund')).toEqual([
      { name: 'assumption', value: 'A5' },
      { name: 'assumption', value: 'A7' },
      { name: 'fund', value: 'wage-fund' },
    ])
  })

  it('report assumptions lists the line under both ids', async () => {
    const { stdout, code } = await runCli([
      'report',
      'assumptions',
      file(journal('assumption A6 "payroll by category"')),
    ])
    expect(code).toBe(0)
    const blocks = stdout.split('\n\n')
    const a6 = blocks.find((block) => block.startsWith('A6'))
    expect(a6).toBeDefined()
    expect(a6).toMatch(/fills: .*k\.journal:8 transaction Wages/u)
    expect(blocks.find((block) => block.startsWith('A2'))).toMatch(/fills: .*k\.journal:8 transaction Wages/u)
  })

  it('strict provenance checks the second id too', async () => {
    const strict = await runCli(['check', '--strict-provenance', file(journal(''))])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/k\.journal:8:1: .*A6.*UnknownAssumption/u)
    expect(
      (await runCli(['check', '--strict-provenance', file(journal('assumption A6 "payroll by category"'))])).code,
    ).toBe(0)
  })
})
