/** No source file in src/ is longer than 800 lines (formatted at width 120): a file that grows past it is split by concept. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const LIMIT = 800

const files = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

/** The lines of a text: a final newline ends the last line, it does not start another. */
export const lineCount = (text: string): number =>
  text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

describe(`source files stay under ${LIMIT} lines`, () => {
  it('counts lines as an editor does', () => {
    expect(lineCount('')).toBe(0)
    expect(lineCount('a\n')).toBe(1)
    expect(lineCount('a\nb')).toBe(2)
  })

  it(`no file in src/ has more than ${LIMIT} lines`, () => {
    const long = files(resolve(ROOT, 'src'))
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(readFileSync(file, 'utf8')) }))
      .filter(({ lines }) => lines > LIMIT)
      .map(({ file, lines }) => `${file}: ${lines}`)
    expect(long).toEqual([])
  })
})
