/**
 * Goal: `balance` on two threads (src/load/Parallel.ts, a worker thread for the later part of the
 * file) prints exactly what the usual load prints: the same stdout, stderr and exit code, for
 * every journal, good or bad; and on an eligible file the two threads are really used.
 * Method: the built CLI (`npm run -s build`; the worker runs compiled code) in-process, each
 * journal under `ledgers/` and random plain journals run with `SHADOW_LEDGER_PARALLEL=off` and
 * `=force` (with the trace on, its line taken off stderr before comparing, and counted: enough of
 * them must merge for the comparison to mean something).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Run from '../../src/cli/run.js'
import { journalsUnder } from '../helpers/journals.js'
import { plainJournal } from '../helpers/plainJournals.js'

const ROOT = resolve(import.meta.dirname, '../..')
let built: typeof Run | undefined

beforeAll(async () => {
  // The worker thread runs compiled code: build it, as the other tests of the built CLI do.
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' })
  built = (await import(pathToFileURL(join(ROOT, 'dist/cli/run.js')).href)) as typeof Run
}, 180_000)

const runBuilt = async (argv: ReadonlyArray<string>, env: Record<string, string>) => {
  let stdout = ''
  let stderr = ''
  if (built === undefined) throw new Error('the CLI was not built')
  const code = await built.run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTerminal: false,
    cwd: ROOT,
    env,
  })
  return { code, stdout, stderr }
}

/** Runs `argv` both ways; expects the same output; returns the trace line of the forced run. */
const compare = async (argv: ReadonlyArray<string>): Promise<string> => {
  const usual = await runBuilt(argv, { SHADOW_LEDGER_PARALLEL: 'off' })
  const forced = await runBuilt(argv, { SHADOW_LEDGER_PARALLEL: 'force', SHADOW_LEDGER_PARALLEL_TRACE: '1' })
  const trace = /^parallel: .*\n/u.exec(forced.stderr)?.[0] ?? ''
  expect({ ...forced, stderr: forced.stderr.replace(trace, '') }, argv.join(' ')).toEqual(usual)
  return trace
}

const directory = mkdtempSync(join(tmpdir(), 'parallel-cli-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('balance on two threads (built CLI)', () => {
  it('prints what the usual load prints, for every journal under ledgers/', async () => {
    let merged = 0
    for (const file of journalsUnder('ledgers')) if ((await compare(['balance', file])).includes('merged')) merged++
    expect(merged).toBeGreaterThan(5)
  }, 300_000)

  it('prints what the usual load prints, for random plain journals (flat, tree, JSON)', async () => {
    let merged = 0
    let runs = 0
    await fc.assert(
      fc.asyncProperty(plainJournal, fc.constantFrom([], ['--tree'], ['-O', 'json']), async (text, flags) => {
        const path = join(directory, `j${runs++}.journal`)
        writeFileSync(path, text)
        if ((await compare(['balance', ...flags, path])).includes('merged')) merged++
      }),
      { numRuns: 120 },
    )
    expect(merged).toBeGreaterThan(runs / 5)
  }, 300_000)

  it('really uses the worker on an eligible file, and not on a small one by default', async () => {
    const text =
      'account a\naccount e\n\n2024-01-01 one\n    a  10.50 RUB\n    e\n\n' +
      `; ${'-'.repeat(200)}\n2024-01-03 two\n    a  2 RUB = 12.50 RUB\n    e\n`
    const path = join(directory, 'eligible.journal')
    writeFileSync(path, text)
    const forced = await runBuilt(['balance', path], {
      SHADOW_LEDGER_PARALLEL: 'force',
      SHADOW_LEDGER_PARALLEL_TRACE: '1',
    })
    expect(forced.stderr).toBe(`parallel: merged at byte ${text.indexOf('2024-01-03')}\n`)
    expect(forced.stdout).toContain('12.50 RUB  a')
    const auto = await runBuilt(['balance', path], { SHADOW_LEDGER_PARALLEL_TRACE: '1' })
    expect(auto.stderr).toBe('parallel: declined: a small file\n')
    expect(auto.stdout).toBe(forced.stdout)
  })

  it('leaves a bad byte in the later half to the usual load, which reports it', async () => {
    const good = 'account a\naccount e\n\n2024-01-01 one\n    a  1 RUB\n    e\n\n'
    const bytes = Buffer.concat([
      Buffer.from(`${good}; ${'-'.repeat(200)}\n2024-01-02 two\n    a  1 RUB ; `),
      Buffer.from([0xff]),
      Buffer.from('\n    e\n'),
    ])
    const path = join(directory, 'bad-byte.journal')
    writeFileSync(path, bytes)
    expect(await compare(['balance', path])).toBe('parallel: declined: the later part: not UTF-8, or not read\n')
    const usual = await runBuilt(['balance', path], { SHADOW_LEDGER_PARALLEL: 'off' })
    expect(usual.code).not.toBe(0)
    expect(usual.stderr).toContain('invalid UTF-8')
  })

  it('finds the cut in the first half read, or reads on when a long prelude puts it further', async () => {
    const transactions = Array.from(
      { length: 120_000 },
      (_, index) =>
        `2024-${String(1 + (index % 12)).padStart(2, '0')}-01 t${index}\n    a:${index % 7}  ${index}.5 RUB\n    e\n`,
    ).sort()
    // About 5.5 MB: the main thread first reads 1 MiB past the middle, then finds the cut there; with
    // 3.1 MB of comments before, the middle of the body lies past that first read, which reads on.
    const short = `account a\n\n${transactions.join('\n')}`
    const long = `${`; ${'-'.repeat(100)}\n`.repeat(30_000)}${short}`
    for (const [name, text] of [
      ['short-prelude', short],
      ['long-prelude', long],
    ] as const) {
      const path = join(directory, `${name}.journal`)
      writeFileSync(path, text)
      expect(await compare(['balance', path])).toMatch(/^parallel: merged at byte \d+\n$/u)
    }
  })
})
