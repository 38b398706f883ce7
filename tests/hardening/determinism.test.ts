/**
 * Goal: the same input gives byte-identical output on every run, whatever ran before it, and
 * ordered output follows its stated keys.
 * Method: every read-only command (check, balance, register, print, reconcile; table, CSV and
 * JSON) on every example, Kirov and compatibility journal (and a few failing ones), run in-process
 * in one order and again in the reverse order, compared byte for byte (stdout, stderr, exit
 * code). Then the order of findings (severity descending, rule, entity, date, first evidence,
 * first document, first lot, message: src/reconcile/Finding.ts `compareFindings`), of balance rows
 * (account, then commodity) and of diagnostics (file, line, column) is checked on the output.
 */
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')

const journalsIn = (directory: string): ReadonlyArray<string> =>
  readdirSync(join(ROOT, directory))
    .filter((name) => name.endsWith('.journal'))
    .sort()
    .map((name) => `${directory}/${name}`)

const journals = [
  ...journalsIn('ledgers/examples'),
  'ledgers/kirov/kirov.journal',
  ...journalsIn('ledgers/compat'),
  'ledgers/errors/TooManyErrors.journal',
  'ledgers/errors/IncludeTooDeep.journal',
  'ledgers/errors/MalformedCitation.journal',
]

const commands = (file: string): ReadonlyArray<ReadonlyArray<string>> => [
  ['check', file],
  ['balance', file],
  ['balance', file, '--tree'],
  ['balance', file, '--units', '--output', 'json'],
  ['balance', file, '--output', 'csv'],
  ['balance', file, '--output', 'json'],
  ['register', file],
  ['register', file, '--output', 'csv'],
  ['register', file, '--output', 'json'],
  ['print', file],
  ['reconcile', file],
  ['reconcile', file, '--output', 'json'],
  ['reconcile', file, '--output', 'csv'],
]

const runAll = async (order: ReadonlyArray<ReadonlyArray<string>>): Promise<Map<string, string>> => {
  const outputs = new Map<string, string>()
  for (const argv of order) {
    const { code, stdout, stderr } = await runCli(argv)
    outputs.set(argv.join(' '), `${code}\n${stdout}\n--- stderr ---\n${stderr}`)
  }
  return outputs
}

describe('determinism', () => {
  const all = journals.flatMap(commands)

  it(`gives byte-identical output for ${all.length} command lines, run twice in opposite orders`, async () => {
    const first = await runAll(all)
    const second = await runAll([...all].reverse())
    for (const argv of all) {
      const key = argv.join(' ')
      expect(second.get(key), key).toBe(first.get(key))
    }
    // Every command did something (no silent usage errors).
    for (const [key, output] of first) expect(output.startsWith('2\n'), key).toBe(false)
  }, 300_000)

  it('orders findings by severity (descending), rule, entity, date, first evidence, first document, first lot, message', async () => {
    const severity: Record<string, number> = { critical: 3, warn: 2, info: 1 }
    const text = (a: string | undefined, b: string | undefined) =>
      (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0
    interface FindingJson {
      readonly rule: string
      readonly severity: string
      readonly entity?: string
      readonly date: string
      readonly evidence: ReadonlyArray<{ readonly file: string; readonly line: number }>
      readonly documents: ReadonlyArray<string>
      readonly lots: ReadonlyArray<string>
      readonly message: string
    }
    const compare = (a: FindingJson, b: FindingJson) =>
      (severity[b.severity] ?? 0) - (severity[a.severity] ?? 0) ||
      text(a.rule, b.rule) ||
      text(a.entity, b.entity) ||
      text(a.date, b.date) ||
      text(a.evidence[0]?.file, b.evidence[0]?.file) ||
      (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0) ||
      text(a.documents[0], b.documents[0]) ||
      text(a.lots[0], b.lots[0]) ||
      text(a.message, b.message)
    let checked = 0
    for (const file of journals) {
      const { code, stdout } = await runCli(['reconcile', file, '--output', 'json'])
      if (code !== 0) continue
      const findings = (JSON.parse(stdout) as { readonly findings: ReadonlyArray<FindingJson> }).findings
      for (let index = 1; index < findings.length; index++) {
        expect(
          compare(findings[index - 1] as FindingJson, findings[index] as FindingJson),
          `${file}: findings ${index - 1} and ${index}`,
        ).toBeLessThanOrEqual(0)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(5)
  })

  it('orders balance rows by account, then commodity', async () => {
    for (const file of journals) {
      const { code, stdout } = await runCli(['balance', file, '--output', 'json'])
      if (code !== 0) continue
      const rows = (
        JSON.parse(stdout) as { readonly rows: ReadonlyArray<{ readonly account: string; readonly commodity: string }> }
      ).rows
      const keys = rows.map((row) => [row.account, row.commodity] as const)
      const sorted = [...keys].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
      expect(keys, file).toEqual(sorted)
    }
  })

  it('orders the diagnostics of the books by file, line and column, not by the date order they were found in', () => {
    const unbalanced = (date: string) => `${date} t\n    a  1 RUB\n    b  -2 RUB\n`
    const text = [unbalanced('2024-03-01'), unbalanced('2024-01-01'), unbalanced('2024-02-01')].join('\n')
    const result = loadText('order.journal', text, { fileSystem: memoryFileSystem(new Map()) })
    expect(E.isLeft(result) && result.left.diagnostics.map((diagnostic) => diagnostic.span?.line)).toEqual([1, 5, 9])
  })
})
