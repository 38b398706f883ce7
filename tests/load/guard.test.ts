/**
 * `loadText` and `loadFile` against arguments of the wrong kind (JavaScript callers): one `InvalidLoadInput`
 * diagnostic naming the argument, never a `TypeError`; well-formed input loads as before.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadFile, loadText, renderFailure } from '../../src/load/Load.js'

const fileSystem = memoryFileSystem(new Map([['/a.journal', '2024-01-01 x\n    a  1 RUB\n    b\n']]))
const text = '2024-01-01 x\n    a  1 RUB\n    b\n'

const argumentOf = (result: ReturnType<typeof loadText>): string | undefined => {
  if (E.isRight(result)) return undefined
  const [diagnostic] = result.left.diagnostics
  return diagnostic?.layer === 'load' && diagnostic.error._tag === 'InvalidLoadInput'
    ? diagnostic.error.argument
    : undefined
}

describe('loadText and loadFile: arguments of the wrong kind', () => {
  it('load well-formed input', () => {
    expect(E.isRight(loadText('a.journal', text, { fileSystem }))).toBe(true)
    expect(E.isRight(loadFile('/a.journal', { fileSystem, strict: false, view: 'found' }))).toBe(true)
  })

  const cases: ReadonlyArray<readonly [string, () => ReturnType<typeof loadText>]> = [
    ['name', () => loadText(7 as never, text, { fileSystem })],
    ['text', () => loadText('a.journal', 7 as never, { fileSystem })],
    ['options', () => loadText('a.journal', text, undefined as never)],
    ['options.fileSystem', () => loadText('a.journal', text, { fileSystem: 'disk' as never })],
    ['options.fileSystem.readText', () => loadText('a.journal', text, { fileSystem: {} as never })],
    [
      'options.fileSystem.resolve',
      () => loadText('a.journal', text, { fileSystem: { ...fileSystem, resolve: 1 as never } }),
    ],
    ['options.bytesMax', () => loadText('a.journal', text, { fileSystem, bytesMax: '9' as never })],
    ['options.pieces.bytes', () => loadFile('/a.journal', { fileSystem, pieces: { bytes: 'x' as never } })],
    ['options.rootNames', () => loadFile('/a.journal', { fileSystem, rootNames: {} as never })],
    ['options.view', () => loadFile('/a.journal', { fileSystem, view: 'both' as never })],
    ['name', () => loadFile(null as never, { fileSystem })],
  ]
  for (const [argument, run] of cases) {
    it(`${argument} of the wrong kind is InvalidLoadInput naming it`, () => {
      expect(argumentOf(run())).toBe(argument)
    })
  }

  it('renders the argument, what belongs there and the kind found', () => {
    const result = loadText('a.journal', 7 as never, { fileSystem })
    expect(E.isLeft(result) && renderFailure(result.left)).toContain(
      'load input is not well-formed: text should be a string, not a number (InvalidLoadInput)',
    )
  })
})
