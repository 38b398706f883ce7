/** `include` with a glob: the matching files, sorted, each read where the line stands. */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Query from '../../src/core/Query.js'
import { type FileSystem, memoryFileSystem } from '../../src/load/FileSystem.js'
import { globMatches } from '../../src/load/Glob.js'
import { loadText } from '../../src/load/Load.js'

const tx = (date: string, amount: string) => `${date} x\n    expenses:a  ${amount} RUB\n    assets:cash\n`
const files = new Map([
  ['/j/months/2024-02.journal', tx('2024-02-01', '2')],
  ['/j/months/2024-01.journal', tx('2024-01-01', '1')],
  ['/j/months/notes.txt', 'not a journal'],
  ['/j/months/deep/2024-03.journal', tx('2024-03-01', '4')],
])

const balanceOf = (text: string, fileSystem: FileSystem) => {
  const loaded = loadText('/j/main.journal', text, { fileSystem })
  if (E.isLeft(loaded)) return loaded.left.diagnostics.map((diagnostic) => diagnostic.tag)
  return Query.trialBalance(loaded.right.ledger, { book: 'money' }).rows.map(
    (row) => `${row.account} ${row.amount.quantity.toString()}`,
  )
}

describe('include with a glob', () => {
  it('never throws, whatever the pattern (found twice by the fuzzer: a class range out of order, a lone `]`)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '*',
            '?',
            '[',
            ']',
            '!',
            '^',
            '-',
            '\\',
            '(',
            ')',
            '{',
            '}',
            '|',
            '+',
            '.',
            '$',
            '/',
            'a',
            '0',
            ' ',
          ),
          maxLength: 12,
        }),
        (pattern) => {
          expect(() => globMatches(memoryFileSystem(files), `/j/${pattern}*`)).not.toThrow()
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('reads a class with a range, and takes a range out of order as plain characters instead of failing', () => {
    const ranged = loadText('/j/main.journal', 'include months/2024-0[1-2].journal\n', {
      fileSystem: memoryFileSystem(files),
    })
    expect(E.isRight(ranged) && ranged.right.sources.size).toBe(3)
    // Found by the fuzzer: `[2024-03-15]` made the regular expression invalid (a range 4-0) and the loader threw.
    for (const pattern of [
      '] months/*.journal',
      'months/(x|y)+{2}.journal',
      'months/[2024-03-15].journal',
      'months/[z-a].journal',
      'months/[].journal',
      'months/[!].journal',
      'months/[\\].journal',
    ]) {
      const loaded = loadText('/j/main.journal', `include ${pattern}\n`, { fileSystem: memoryFileSystem(files) })
      expect(E.isRight(loaded) ? loaded.right.sources.size : loaded.left.diagnostics.length, pattern).toBeGreaterThan(0)
    }
  })

  it('reads `*` within one directory, not below it', () => {
    const loaded = loadText('/j/main.journal', 'include months/*.journal\n', { fileSystem: memoryFileSystem(files) })
    expect(E.isRight(loaded) && loaded.right.sources.size).toBe(3)
  })

  it('reads `**` at any depth, and sorted paths', () => {
    const loaded = loadText('/j/main.journal', 'include months/**/*.journal\n', { fileSystem: memoryFileSystem(files) })
    expect(E.isRight(loaded) && [...loaded.right.sources.keys()].slice(1)).toEqual([
      '/j/months/2024-01.journal',
      '/j/months/2024-02.journal',
      '/j/months/deep/2024-03.journal',
    ])
  })

  it('fails with FileNotFound when nothing matches, and IncludeGlobNotSupported on a port that cannot list', () => {
    expect(balanceOf('include nothing/*.journal\n', memoryFileSystem(files))).toEqual(['FileNotFound'])
    const { filesBelow: _unused, ...withoutListing } = memoryFileSystem(files)
    expect(balanceOf('include months/*.journal\n', withoutListing)).toEqual(['IncludeGlobNotSupported'])
  })
})
