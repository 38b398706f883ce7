/**
 * The write-fault property, shared by the tests of every command that writes: run a command with a
 * fault at each step (or at the steps given), then check that the target holds its old state or the
 * complete new state (what a run without faults leaves), that the exit code is non-zero whenever the
 * new state is not in place and after a kill, and that after a clean failure nothing temporary (a
 * `.tmp` file or directory, a `.lock`) is left unless the message names it.
 */
import { expect } from 'vitest'
import type { FileSystem } from '../../src/load/FileSystem.js'
import type { WriteFileSystem } from '../../src/load/WriteFileSystem.js'
import { runCli } from './cli.js'
import { type Fault, type FaultKind, type Faulty, Killed, type MemoryWriteFileSystem } from './faultFileSystem.js'

export const faultKinds: ReadonlyArray<FaultKind> = ['ENOSPC', 'EIO', 'short', 'zero', 'kill']

/** One prepared run: the command line, its ports, and how to read the state afterwards. */
export interface Prepared {
  readonly argv: ReadonlyArray<string>
  readonly writeFileSystem: Faulty<WriteFileSystem>
  readonly fileSystem?: FileSystem
  /** The target's state (file bytes, or a directory's files and bytes); undefined when absent. */
  readonly state: () => string | undefined
  /** Temporary files and directories, and lock files, present now. */
  readonly leftovers: () => ReadonlyArray<string>
  readonly dispose?: () => void
}

export interface Outcome {
  readonly code: number
  readonly stderr: string
  readonly state: string | undefined
  readonly leftovers: ReadonlyArray<string>
  readonly killed: boolean
  readonly steps: number
}

export const runPrepared = async (prepared: Prepared): Promise<Outcome> => {
  let killed = false
  let code: number
  let stderr = ''
  try {
    const result = await runCli(prepared.argv, {
      writeFileSystem: prepared.writeFileSystem,
      ...(prepared.fileSystem !== undefined ? { fileSystem: prepared.fileSystem } : {}),
    })
    code = result.code
    stderr = result.stderr
  } catch (error) {
    if (!(error instanceof Killed)) throw error
    killed = true
    code = 137
  }
  // The CLI catches what it did not expect and exits 70: a kill surfaces that way in-process.
  if (code === 70) killed = true
  const outcome = {
    code,
    stderr,
    state: prepared.state(),
    leftovers: prepared.leftovers(),
    killed,
    steps: prepared.writeFileSystem.steps(),
  }
  prepared.dispose?.()
  return outcome
}

/** Every fault at every step of a run with `steps` steps (and one past the end: no fault). */
export const everyFault = (steps: number): ReadonlyArray<Fault> =>
  faultKinds.flatMap((kind) => Array.from({ length: steps + 1 }, (_, at) => ({ at, kind })))

/**
 * The property for one command. `prepare(fault)` builds a fresh run; `faults(steps)` picks the
 * faults to try (default: every kind at every step). Returns the counts, for the test's figures.
 */
export const checkWriteFaults = async (
  prepare: (fault?: Fault) => Prepared,
  faults: (steps: number) => ReadonlyArray<Fault> = everyFault,
): Promise<{ readonly faults: number; readonly steps: number; readonly fresh: string }> => {
  const before = prepare()
  const old = before.state()
  before.dispose?.()
  const clean = await runPrepared(prepare())
  expect(clean.stderr, 'without faults the command succeeds').not.toMatch(/error/u)
  expect(clean.code, 'without faults the command succeeds').toBe(0)
  const fresh = clean.state
  expect(fresh, 'the command wrote its target').toBeDefined()
  expect(fresh).not.toBe(old)
  expect(clean.leftovers, 'nothing temporary after a clean run').toEqual([])
  const all = faults(clean.steps)
  for (const fault of all) {
    const prepared = prepare(fault)
    const label = `${prepared.argv.slice(0, 3).join(' ')} with ${fault.kind} at step ${fault.at}: `
    const outcome = await runPrepared(prepared)
    expect([old, fresh], `${label}target holds the old or the complete new state`).toContain(outcome.state)
    if (outcome.state !== fresh) expect(outcome.code, `${label}exit code`).not.toBe(0)
    if (outcome.killed) expect(outcome.code, `${label}a kill is not success`).not.toBe(0)
    else
      for (const left of outcome.leftovers)
        expect(outcome.stderr, `${label}${left} is left after a clean failure, and not named`).toContain(left)
    if (fault.kind === 'short' && !outcome.killed) {
      expect(outcome.code, `${label}short writes are continued`).toBe(0)
      expect(outcome.state).toBe(fresh)
    }
  }
  return { faults: all.length, steps: clean.steps, fresh: fresh ?? '' }
}

const decoder = new TextDecoder()

/** The state of one file of the in-memory port. */
export const memoryFileState = (fs: MemoryWriteFileSystem, path: string) => (): string | undefined => {
  const file = fs.files.get(path)
  return file === undefined ? undefined : decoder.decode(file.bytes)
}

/** The state of a directory of the in-memory port: every file below it with its bytes (undefined when absent). */
export const memoryDirectoryState = (fs: MemoryWriteFileSystem, path: string) => (): string | undefined => {
  if (!fs.directories.has(path)) return undefined
  const prefix = `${path}/`
  return [...fs.files]
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, file]) => `${name.slice(prefix.length)}\n${decoder.decode(file.bytes)}`)
    .sort()
    .join('\n\u0000\n')
}

/** Temporary files and directories and lock files of the in-memory port. */
export const memoryLeftovers = (fs: MemoryWriteFileSystem) => (): ReadonlyArray<string> =>
  [...fs.files.keys(), ...fs.directories].filter((path) => path.endsWith('.tmp') || path.endsWith('.lock'))
