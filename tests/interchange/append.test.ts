/**
 * `appendTransactions` and `shadow-ledger add`: checked against the whole journal before
 * writing, refused with located errors (file unchanged), serialized by a lock, atomic under
 * SIGKILL (the journal holds the old text or the old text and the whole entry, never part).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { appendTransactions } from '../../src/load/Append.js'
import { renderFailure } from '../../src/load/Load.js'
import { lockFile } from '../../src/load/Lock.js'
import { nodeWriteFileSystem } from '../../src/load/NodeWriteFileSystem.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const MAIN = join(ROOT, 'dist/cli/main.js')
const base = [
  'entity kirov',
  'entity abtu',
  'commodity T28',
  '    kind: goods',
  '',
  '2024-01-01 * Opening',
  '    kirov:assets:cash   1000 RUB',
  '    kirov:equity:fund',
  '',
].join('\n')
const entry = (n: number) =>
  `2024-02-01 Sale ${n}\n    kirov:assets:cash  ${n} RUB\n    kirov:income:sales  -${n} RUB\n`

const journal = (text = base): string => {
  const directory = mkdtempSync(join(tmpdir(), 'append-'))
  const path = join(directory, 'books.journal')
  writeFileSync(path, text)
  return path
}

describe('appendTransactions', () => {
  it('appends valid entries after a blank line, and the journal loads with them', () => {
    const path = journal()
    const result = appendTransactions(path, [entry(1), entry(2)])
    expect(E.isRight(result) && result.right.firstLine).toBe(10)
    expect(readFileSync(path, 'utf8')).toBe(`${base}\n${entry(1)}\n${entry(2)}`)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('refuses an unbalanced entry, located in the entries, and leaves the file byte for byte', () => {
    const path = journal()
    const result = appendTransactions(
      path,
      '2024-02-01 Bad\n    kirov:assets:cash  5 RUB\n    kirov:income:sales  -4 RUB\n',
    )
    expect(E.isLeft(result)).toBe(true)
    if (E.isLeft(result) && result.left._tag === 'AppendRejected')
      expect(renderFailure(result.left.failure)).toMatch(/^<entries>:1:1: error: .*(UnbalancedTransaction)/u)
    else throw new Error('expected AppendRejected')
    expect(readFileSync(path, 'utf8')).toBe(base)
  })

  it('refuses a failing balance assertion and an operation the documents do not allow', () => {
    const path = journal()
    const assertion = appendTransactions(path, '2024-02-02 Check\n    kirov:assets:cash  0 RUB = 999 RUB\n')
    expect(
      E.isLeft(assertion) && assertion.left._tag === 'AppendRejected' && assertion.left.failure.diagnostics[0]?.tag,
    ).toBe('BalanceAssertionFailed')
    const operation = appendTransactions(path, '2024-02-03 accept PD-1\n')
    expect(
      E.isLeft(operation) && operation.left._tag === 'AppendRejected' && operation.left.failure.diagnostics[0]?.tag,
    ).toBe('UnknownDocument')
    expect(
      E.isLeft(operation) &&
        operation.left._tag === 'AppendRejected' &&
        operation.left.failure.diagnostics[0]?.span?.file,
    ).toBe('<entries>')
    expect(readFileSync(path, 'utf8')).toBe(base)
  })

  it('waits for a held lock and gives up with JournalLocked, file unchanged', () => {
    const path = journal()
    const locked = lockFile(nodeWriteFileSystem, path, 0)
    const release = E.isRight(locked) ? locked.right : undefined
    expect(release).toBeDefined()
    const result = appendTransactions(path, entry(1), { lockTimeoutMs: 50 })
    expect(E.isLeft(result) && result.left._tag).toBe('JournalLocked')
    release?.()
    expect(readFileSync(path, 'utf8')).toBe(base)
  })

  it('takes over a lock left by a dead process', () => {
    const path = journal()
    writeFileSync(`${path}.lock`, '999999999\n')
    expect(E.isRight(appendTransactions(path, entry(3), { lockTimeoutMs: 50 }))).toBe(true)
  })
})

describe('shadow-ledger add, with other processes', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' })
  }, 120_000)

  const add = (path: string, entries: string): Promise<number | null> =>
    new Promise((done) => {
      const child = spawn(process.execPath, [MAIN, 'add', path, entries], { stdio: 'ignore' })
      child.on('exit', (code) => done(code))
    })

  it('refuses on the command line with the located error and exit 1', async () => {
    const path = journal()
    const entries = join(path, '..', 'bad.journal')
    writeFileSync(entries, '2024-02-01 Bad\n    kirov:assets:cash  5 RUB\n    kirov:income:sales  -4 RUB\n')
    const result = await runCli(['add', path, entries])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^${entries.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:1:1: error:`, 'u'))
    expect(readFileSync(path, 'utf8')).toBe(base)
  })

  it('eight concurrent appenders: every entry lands once, whole, and the journal loads', async () => {
    const path = journal()
    const files = Array.from({ length: 8 }, (_, n) => {
      const file = join(path, '..', `e${n}.journal`)
      writeFileSync(file, entry(n + 1))
      return file
    })
    const codes = await Promise.all(files.map((file) => add(path, file)))
    expect(codes).toEqual(Array(8).fill(0))
    const text = readFileSync(path, 'utf8')
    for (let n = 1; n <= 8; n++) expect(text.split(entry(n)).length).toBe(2)
    expect((await runCli(['check', path])).code).toBe(0)
  }, 60_000)

  it('killed at any moment, the journal is the old text or the old text plus the whole entry', async () => {
    const lines = [base]
    for (let n = 0; n < 20000; n++)
      lines.push(`2024-03-01 Filler ${n}\n    kirov:assets:cash  1 RUB\n    kirov:income:sales\n`)
    const original = lines.join('\n')
    const path = journal(original)
    const entries = join(path, '..', 'new.journal')
    writeFileSync(entries, entry(7))
    const outcomes = new Set<string>()
    const directory = join(path, '..')
    // Spread over the run, and three times as soon as the temporary file appears (mid-write).
    for (const delay of [5, 80, 160, 320, 600, 900, 1200, 'temporary', 'temporary', 'temporary'] as const) {
      writeFileSync(path, original)
      const child = spawn(process.execPath, [MAIN, 'add', path, entries], { stdio: 'ignore' })
      let running = true
      const exited = new Promise((done) =>
        child.on('exit', () => {
          running = false
          done(undefined)
        }),
      )
      if (delay === 'temporary') {
        while (running && !readdirSync(directory).some((name) => name.endsWith('.tmp')))
          await new Promise((done) => setImmediate(done))
      } else await new Promise((done) => setTimeout(done, delay))
      child.kill('SIGKILL')
      await exited
      const text = readFileSync(path, 'utf8')
      const outcome = text === original ? 'old' : text === `${original}\n${entry(7)}` ? 'new' : 'broken'
      outcomes.add(outcome)
      expect(outcome).not.toBe('broken')
      // A lock left by the killed process does not block the next appender.
      for (const name of readdirSync(join(path, '..')))
        if (name.endsWith('.tmp')) expect(name).toMatch(/^\.books\.journal\.\d+\.\d+\.[0-9a-z]+\.tmp$/u)
    }
    writeFileSync(path, original)
    expect(await add(path, entries)).toBe(0)
    expect(readFileSync(path, 'utf8')).toBe(`${original}\n${entry(7)}`)
    expect(outcomes.has('old')).toBe(true)
  }, 120_000)
})
