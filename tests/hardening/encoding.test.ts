/**
 * The encoding policy (src/load/Encoding.ts): strict UTF-8 with a located error naming the byte
 * offset; UTF-16 and UTF-32 named (by byte-order mark or NUL pattern); `--encoding LABEL` to read
 * another encoding on purpose; `fmt` never writes U+FFFD for a byte it could not read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { loadFile } from '../../src/index.js'
import { decodeJournal, firstInvalidUtf8 } from '../../src/load/Encoding.js'
import { nodeFileSystem, nodeFileSystemWith } from '../../src/node.js'
import { runCli } from '../helpers/cli.js'

const directory = mkdtempSync(join(tmpdir(), 'encoding-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const put = (name: string, bytes: Uint8Array | string): string => {
  const file = join(directory, name)
  writeFileSync(file, bytes)
  return file
}
const latin = (text: string): Buffer => Buffer.from(text, 'latin1')
/** Two accounts that differ in one latin1 byte (é, è): read as UTF-8 with replacement they would merge. */
const twoCafes =
  '2024-01-01 a\n    expenses:caf\u00e9  1 RUB\n    assets:cash\n\n2024-01-02 b\n    expenses:caf\u00e8  2 RUB\n    assets:cash\n'

describe('encodings', () => {
  it('invalid UTF-8 is refused with the byte offset, line and column (two accounts no longer merge)', async () => {
    const file = put('cafes.journal', latin(twoCafes))
    const result = await runCli(['balance', file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${file}:2:17: error: invalid UTF-8 at byte offset 29 (line 2, column 17)`)
    expect(result.stderr).toContain('(InvalidEncoding)')
  })

  it('--encoding latin1 reads the same file on purpose, keeping the two accounts apart', async () => {
    const file = put('cafes-latin1.journal', latin(twoCafes))
    const result = await runCli(['--encoding', 'latin1', 'balance', file])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('expenses:caf\u00e9')
    expect(result.stdout).toContain('expenses:caf\u00e8')
  })

  it('--encoding windows-1251 reads an archival transcription in Cyrillic', async () => {
    const text =
      '1936-03-01 \u041a\u0438\u0440\u043e\u0432\n    \u0430\u043a\u0442\u0438\u0432\u044b:\u043a\u0430\u0441\u0441\u0430  10 RUB\n    \u043a\u0430\u043f\u0438\u0442\u0430\u043b\n'
    const bytes = Uint8Array.from(
      [...text].map((character) =>
        character.charCodeAt(0) >= 0x410 ? character.charCodeAt(0) - 0x410 + 0xc0 : character.charCodeAt(0),
      ),
    )
    const file = put('cp1251.journal', bytes)
    expect((await runCli(['balance', file])).code).toBe(1)
    const result = await runCli(['--encoding', 'windows-1251', 'balance', file])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('\u0430\u043a\u0442\u0438\u0432\u044b:\u043a\u0430\u0441\u0441\u0430')
  })

  it('the library: nodeFileSystemWith({ encoding }) from shadow-ledger/node reads includes in that encoding too', () => {
    const main = put('with-include.journal', latin('include cafes-included.journal\n'))
    put('cafes-included.journal', latin(twoCafes))
    const strict = loadFile(main, { fileSystem: nodeFileSystem })
    expect(E.isLeft(strict) && strict.left.diagnostics[0]?.tag).toBe('InvalidEncoding')
    const read = loadFile(main, { fileSystem: nodeFileSystemWith({ encoding: 'latin1' }) })
    expect(E.isRight(read)).toBe(true)
    const unknown = loadFile(main, { fileSystem: nodeFileSystemWith({ encoding: 'no-such-encoding' }) })
    expect(E.isLeft(unknown) && unknown.left.diagnostics[0]?.message).toMatch(/unknown encoding "no-such-encoding"/u)
  })

  it('UTF-16 and UTF-32 files are named in one error, by byte-order mark or NUL pattern', async () => {
    const text = '2024-01-01 a\n    assets:cash  1 RUB\n    equity\n'
    const cases: ReadonlyArray<readonly [string, Buffer, string]> = [
      [
        'utf16le-bom',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        'UTF-16LE (by its byte-order mark)',
      ],
      ['utf16le', Buffer.from(text, 'utf16le'), 'UTF-16LE (by its NUL pattern)'],
      ['utf16be', Buffer.from(text, 'utf16le').swap16(), 'UTF-16BE (by its NUL pattern)'],
      [
        'utf32be',
        Buffer.from([...text].flatMap((character) => [0, 0, 0, character.charCodeAt(0)])),
        'UTF-32BE (by its NUL pattern)',
      ],
    ]
    for (const [name, bytes, named] of cases) {
      const file = put(`${name}.journal`, bytes)
      const result = await runCli(['check', file])
      expect(result.code, name).toBe(1)
      expect(result.stderr, name).toContain(`the file is ${named}, not UTF-8`)
      expect(result.stderr.match(/error:/gu)?.length, name).toBe(1)
    }
    const file = put('utf16-read.journal', Buffer.from(text, 'utf16le'))
    expect((await runCli(['--encoding', 'utf-16le', 'check', file])).code).toBe(0)
  })

  it('an unknown --encoding label is an error naming it', async () => {
    const file = put('plain.journal', '2024-01-01 a\n    assets:cash  1 RUB\n    equity\n')
    const result = await runCli(['--encoding', 'klingon', 'check', file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('unknown encoding "klingon"')
  })

  it('fmt leaves a file with invalid UTF-8 byte for byte as it was (no U+FFFD written)', async () => {
    const bytes = latin('2024-01-01   caf\u00e9\n  assets:cash    1 RUB\n\t equity\n')
    const file = put('fmt.journal', bytes)
    const result = await runCli(['fmt', file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${file}:1:17: error: invalid UTF-8 at byte offset 16`)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('firstInvalidUtf8 agrees with the strict TextDecoder on random bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true })
    const valid = (bytes: Uint8Array): boolean => {
      try {
        decoder.decode(bytes)
        return true
      } catch {
        return false
      }
    }
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map((text) => new TextEncoder().encode(text)),
      fc
        .array(fc.constantFrom(0x41, 0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f), {
          maxLength: 12,
        })
        .map((array) => Uint8Array.from(array)),
    )
    fc.assert(
      fc.property(bytes, (input) => {
        const invalid = firstInvalidUtf8(input)
        expect(invalid === -1).toBe(valid(input))
        if (invalid >= 0) expect(valid(input.subarray(0, invalid))).toBe(true)
        expect(E.isRight(decodeJournal(input)) || invalid >= 0 || input.includes(0)).toBe(true)
      }),
      { numRuns: 5_000, seed: 25 },
    )
  })
})
