/**
 * Fault injection on every command that writes a file: `fmt FILE`, `report html FILE --out DIR`,
 * `report chart KIND FILE --out FILE.svg` (the other commands that write are in write-paths.test.ts,
 * with the property shared in tests/helpers/writeFaults.ts). Each write goes through the
 * `WriteFileSystem` port (src/load/WriteFileSystem.ts); here an in-memory one fails at every step
 * in turn with ENOSPC, EIO, a short write, a zero-byte write, or a kill.
 *
 * Property, for random journals (fast-check) and every step and fault: afterwards the target holds
 * its old bytes or the complete new bytes; the exit code is non-zero whenever the new bytes are not
 * in place (and for a kill); after a clean failure no temporary file is left.
 */
import { linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { type Fault, type FaultKind, faultFileSystem, Killed } from '../helpers/faultFileSystem.js'

const ROOT = resolve(import.meta.dirname, '../..')
const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
const decode = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes)
const kinds: ReadonlyArray<FaultKind> = ['ENOSPC', 'EIO', 'short', 'zero', 'kill']

interface Outcome {
  readonly code: number
  readonly target: string | undefined
  readonly temporaries: ReadonlyArray<string>
  readonly killed: boolean
  readonly steps: number
}

/** Runs `argv` with the target `target` (old text or absent) and a fault; the state afterwards. */
const runWith = async (
  argv: ReadonlyArray<string>,
  target: string,
  initial: ReadonlyMap<string, string>,
  fault?: Fault,
): Promise<Outcome> => {
  const fs = faultFileSystem(new Map([...initial].map(([path, text]) => [path, { bytes: encode(text) }])), fault)
  let killed = false
  let code: number
  try {
    code = (await runCli(argv, { writeFileSystem: fs })).code
  } catch (error) {
    if (!(error instanceof Killed)) throw error
    killed = true
    code = 137
  }
  // The CLI catches what it did not expect and exits 70: a kill surfaces that way in-process.
  if (code === 70) killed = true
  return {
    code,
    target: decode(fs.files.get(target)?.bytes),
    temporaries: [...fs.files.keys()].filter((path) => path.endsWith('.tmp')),
    killed,
    steps: fs.steps(),
  }
}

/** Every fault at every step of a run with `steps` steps (and one past the end: no fault). */
const faults = (steps: number): ReadonlyArray<Fault> =>
  kinds.flatMap((kind) => Array.from({ length: steps + 1 }, (_, at) => ({ at, kind })))

/** The property for one command: old or new bytes, honest exit code, no temporary file after a clean failure. */
const checkAll = async (
  argv: ReadonlyArray<string>,
  target: string,
  initial: ReadonlyMap<string, string>,
): Promise<{ readonly faults: number; readonly steps: number }> => {
  const clean = await runWith(argv, target, initial)
  expect(clean.code, 'without faults the command succeeds').toBe(0)
  const fresh = clean.target
  expect(fresh).toBeDefined()
  const old = initial.get(target)
  const all = faults(clean.steps)
  for (const fault of all) {
    const outcome = await runWith(argv, target, initial, fault)
    const label = `${argv[0]} with ${fault.kind} at step ${fault.at}: `
    expect([old, fresh], `${label}target holds old or complete new bytes`).toContain(outcome.target)
    if (outcome.target !== fresh) expect(outcome.code, `${label}exit code`).not.toBe(0)
    if (outcome.killed) expect(outcome.code, `${label}a kill is not success`).not.toBe(0)
    else expect(outcome.temporaries, `${label}no temporary file after a clean failure`).toEqual([])
    if (fault.kind === 'short' && !outcome.killed) {
      expect(outcome.code, `${label}short writes are continued`).toBe(0)
      expect(outcome.target).toBe(fresh)
    }
  }
  return { faults: all.length, steps: clean.steps }
}

/** A journal `fmt` changes: odd spacing and tabs, random amounts and descriptions. */
const unformatted = fc
  .array(
    fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      kopecks: fc.integer({ min: 0, max: 99 }),
      words: fc.array(fc.constantFrom('Payment', 'for', 'steel', 'T28', 'wages', 'Kirov'), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((entries) =>
    entries
      .map(
        ({ day, amount, kopecks, words }) =>
          `1936-03-${String(day).padStart(2, '0')}   ${words.join(' ')}\n  assets:cash     ${amount}.${String(kopecks).padStart(2, '0')} RUB\n\t equity:capital\n`,
      )
      .join('\n'),
  )

describe('write faults', () => {
  it('fmt: every step × ENOSPC, EIO, short, zero-byte write and kill, over random journals', async () => {
    let figures = { runs: 0, faults: 0 }
    await fc.assert(
      fc.asyncProperty(unformatted, async (text) => {
        const result = await checkAll(
          ['fmt', '/books/main.journal'],
          '/books/main.journal',
          new Map([['/books/main.journal', text]]),
        )
        figures = { runs: figures.runs + 1, faults: figures.faults + result.faults }
      }),
      { numRuns: 25, seed: 25 },
    )
    expect(figures.faults).toBeGreaterThan(25 * 5 * 8)
  }, 120_000)

  it('report html --out: every step × every fault, over an existing index.html', async () => {
    const journal = resolve(ROOT, 'ledgers/examples/m1-invoice-without-shipment.journal')
    await checkAll(
      ['report', 'html', journal, '--out', '/out'],
      '/out/index.html',
      new Map([['/out/index.html', '<p>the old report</p>\n']]),
    )
  }, 120_000)

  it('report chart --out: every step × every fault, over an existing file', async () => {
    const journal = resolve(ROOT, 'ledgers/examples/m2-wip-growth.journal')
    await checkAll(
      ['report', 'chart', 'wip', journal, '--out', '/out/wip.svg'],
      '/out/wip.svg',
      new Map([['/out/wip.svg', '<svg/>\n']]),
    )
  }, 120_000)

  it('a disk full at the first write is exit 3 with a sentence naming the file and ENOSPC, the journal unchanged', async () => {
    const text = '1936-03-01   x\n  assets:cash   1 RUB\n\t equity:capital\n'
    const fs = faultFileSystem(new Map([['/j.journal', { bytes: encode(text) }]]), { at: 1, kind: 'ENOSPC' })
    const result = await runCli(['fmt', '/j.journal'], { writeFileSystem: fs })
    expect(result.code).toBe(3)
    expect(result.stderr).toBe('error: cannot write /j.journal (write: ENOSPC); /j.journal is unchanged\n')
    expect(decode(fs.files.get('/j.journal')?.bytes)).toBe(text)
  })

  it('fmt keeps mode, owner and group, and refuses a hard-linked file', async () => {
    const text = '1936-03-01   x\n  assets:cash   1 RUB\n\t equity:capital\n'
    const owned = faultFileSystem(
      new Map([['/j.journal', { bytes: encode(text), mode: 0o100640, uid: 4242, gid: 77 }]]),
    )
    expect((await runCli(['fmt', '/j.journal'], { writeFileSystem: owned })).code).toBe(0)
    expect(owned.files.get('/j.journal')).toMatchObject({ mode: 0o100640, uid: 4242, gid: 77 })
    const linked = faultFileSystem(new Map([['/j.journal', { bytes: encode(text), links: 2 }]]))
    const refused = await runCli(['fmt', '/j.journal'], { writeFileSystem: linked })
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('has 2 hard links')
    expect(decode(linked.files.get('/j.journal')?.bytes)).toBe(text)
    expect(linked.steps()).toBe(0)
  })

  it('on disk: fmt refuses a hard-linked journal and both names keep the old text', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'write-faults-'))
    try {
      const text = '1936-03-01   x\n  assets:cash   1 RUB\n\t equity:capital\n'
      const file = join(directory, 'books.journal')
      writeFileSync(file, text)
      linkSync(file, join(directory, 'other-name.journal'))
      const result = await runCli(['fmt', file])
      expect(result.code).toBe(3)
      expect(result.stderr).toContain('has 2 hard links')
      expect(readFileSync(file, 'utf8')).toBe(text)
      expect(readFileSync(join(directory, 'other-name.journal'), 'utf8')).toBe(text)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
