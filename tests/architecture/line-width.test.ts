/**
 * No line in src/ is wider than 120 characters, the formatter's width (biome.json). The formatter cannot break a long
 * string literal or comment, so this holds what it leaves: split such a line by hand (strings joined with `+`,
 * comments rewrapped), never by changing a message's text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const WIDTH = 120

const files = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

/** The width of a line in characters (code points, as an editor counts them), not in UTF-16 units or bytes. */
export const lineWidth = (line: string): number => [...line].length

describe(`source lines stay within ${WIDTH} characters`, () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(lineWidth('')).toBe(0)
    expect(lineWidth('abc')).toBe(3)
    expect(lineWidth('a → ₽ · 𝔸')).toBe(9)
  })

  it(`no line in src/ is wider than ${WIDTH} characters`, () => {
    const wide = files(resolve(ROOT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          lineWidth(line) > WIDTH ? [`${relative(ROOT, file)}:${index + 1}: ${lineWidth(line)} characters`] : [],
        ),
    )
    expect(wide).toEqual([])
  })
})
