/**
 * A reader that stops early (`shadow-ledger print … | head -1`) closes the pipe: the CLI stops
 * quietly, exit 0, without a stack trace. Runs a private build so as not to race other tests
 * that rebuild dist/.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, '.test-dist', 'epipe')
const DATA = mkdtempSync(join(tmpdir(), 'shadow-ledger-epipe-'))
// Megabytes of output, so that the command is still writing when the reader goes away.
const JOURNAL = join(DATA, 'bench-20000.journal')

beforeAll(() => {
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', OUT], { cwd: ROOT })
  execFileSync(
    process.execPath,
    [join(ROOT, 'bench/generate.mjs'), '--transactions', '20000', '--seed', '7', '--out', DATA],
    { cwd: ROOT },
  )
}, 120_000)

afterAll(() => {
  rmSync(OUT, { recursive: true, force: true })
  rmSync(DATA, { recursive: true, force: true })
})

describe('a closed pipe', () => {
  it('ends the command quietly with exit 0', async () => {
    const child = spawn(process.execPath, [join(OUT, 'cli/main.js'), 'print', JOURNAL], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Read one chunk, then close our end, as `head -1` does.
    await new Promise<void>((done) => child.stdout.once('data', () => done()))
    child.stdout.destroy()
    const code = await new Promise<number | null>((done) => child.on('close', (exit) => done(exit)))
    expect(stderr).not.toMatch(/\n\s+at /u)
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
  })
})
