/**
 * Every exported declaration of the documented folders has a doc comment.
 *
 * TypeDoc's `notDocumented` validation cannot be scoped to folders (it would also report every
 * property of every interface and io-ts type), so it stays off in tools/typedoc and this simple
 * scan stands in for it: each top-level line
 * `export const|let|function|type|interface|class|enum NAME` must sit directly under a `/** … *\/`
 * comment (line comments such as `// eslint-disable-next-line` may come between). The comment
 * that opens a file on its first line is the module's, not the declaration's. An overloaded
 * function is documented once, above its first signature.
 *
 * Covered: src/core, src/domain, src/journal, src/load, src/measures, src/reports, the top-level
 * files of src/reconcile, and src/reconcile/rules.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/** The folders whose exports must be documented; only their own `.ts` files (not subfolders). */
const folders = [
  'src/core',
  'src/domain',
  'src/journal',
  'src/load',
  'src/measures',
  'src/reports',
  'src/reconcile',
  'src/reconcile/rules',
]

const EXPORT =
  /^export (?:declare )?(?:async )?(?:abstract )?(const|let|function|type|interface|class|enum)\s+([A-Za-z_$][\w$]*)/u

/** The exported declarations of a file's text that have no doc comment, as `line: kind name`. */
const undocumented = (text: string): ReadonlyArray<string> => {
  const lines = text.split('\n')
  const missing: string[] = []
  const seen = new Set<string>()
  lines.forEach((line, index) => {
    const match = EXPORT.exec(line)
    if (match === null) return
    const key = `${match[1]} ${match[2]}`
    if (match[1] === 'function' && seen.has(key)) return
    seen.add(key)
    let cursor = index - 1
    while (cursor >= 0 && (lines[cursor] ?? '').trimStart().startsWith('//')) cursor--
    let documented = false
    if (cursor >= 0 && (lines[cursor] ?? '').trimEnd().endsWith('*/')) {
      while (cursor >= 0 && !(lines[cursor] ?? '').trimStart().startsWith('/*')) cursor--
      documented = cursor > 0 && (lines[cursor] ?? '').trimStart().startsWith('/**')
    }
    if (!documented) missing.push(`${index + 1}: ${key}`)
  })
  return missing
}

const files = folders.flatMap((folder) =>
  readdirSync(resolve(root, folder))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `${folder}/${name}`),
)

describe('doc coverage: every export of the documented folders has a doc comment', () => {
  it('the scan sees a declaration without a comment, with a line comment, a file header, and overloads', () => {
    expect(undocumented('/** Module. */\nexport const a = 1\n')).toEqual(['2: const a'])
    expect(
      undocumented(
        '/** Module. */\n\n/** A. */\nexport const a = 1\n// eslint-disable-next-line\n/** B. */\nexport type B = 1\n',
      ),
    ).toEqual([])
    expect(
      undocumented(
        '\n/** Doc. */\n// eslint-disable-next-line\nexport type A = any\n/* not a doc comment */\nexport interface B {}\n',
      ),
    ).toEqual(['6: interface B'])
    expect(
      undocumented(
        '\n/** Adds. */\nexport function add(a: 1): 1\nexport function add(a: 1, b: 1): 1\nexport function add(): 1 {}\nexport function other(): 1 {}\n',
      ),
    ).toEqual(['6: function other'])
  })

  it('scans the folders', () => {
    expect(files.length).toBeGreaterThan(40)
  })

  for (const file of files) {
    it(file, () => {
      expect(undocumented(readFileSync(resolve(root, file), 'utf8'))).toEqual([])
    })
  }
})
