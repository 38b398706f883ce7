/**
 * `fmt FILE [--check]`: canonical layout, lossless and atomic. The formatted text is parsed
 * again and compared with the original's meaning (every node with its spans and display
 * details removed); if they differ, nothing is written.
 */
import { readFileSync } from 'node:fs'
import { durableWriter } from '../load/DurableFile.js'
import { format } from '../journal/Format.js'
import { parse } from '../journal/Parse.js'
import * as Diagnostic from '../load/Diagnostic.js'
import type { Io } from './common.js'

/** A node's meaning: the node without spans and display styles, as canonical JSON. */
export const meaningOf = (nodes: ReadonlyArray<unknown>): string =>
  JSON.stringify(nodes, (key, value: unknown) => (key === 'span' || key === 'style' || key === 'endLine' ? undefined : value))

/** Re-exported for callers of the old place; the writer lives in load/DurableFile.ts. */
export { writeFileAtomic } from '../load/DurableFile.js'

export const formatCommand = (io: Io, file: string, check: boolean): number => {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    io.stderr(`error: cannot read ${file} (${(error as { code?: string }).code ?? String(error)})\n`)
    return 3
  }
  const parsed = parse(file, text)
  if (parsed.errors.length > 0) {
    const sources = new Map([[file, text]])
    io.stderr(`${parsed.errors.map((error) => Diagnostic.render(Diagnostic.ofParseError(error), sources)).join('\n\n')}\n`)
    return 1
  }
  const formatted = format(parsed.nodes)
  if (check) {
    if (formatted === text) return 0
    io.stderr(`${file}: not formatted (run: shadow-ledger fmt ${file})\n`)
    return 1
  }
  const reparsed = parse(file, formatted)
  if (reparsed.errors.length > 0 || meaningOf(reparsed.nodes) !== meaningOf(parsed.nodes)) {
    io.stderr(`error: formatting ${file} would change its meaning; the file was left unchanged (please report this)\n`)
    return 1
  }
  if (formatted === text) return 0
  try {
    durableWriter.replaceAtomic(file, formatted)
  } catch (error) {
    io.stderr(`error: cannot write ${file} (${(error as { code?: string }).code ?? String(error)}); the original is unchanged\n`)
    return 3
  }
  io.stdout(`formatted ${file}\n`)
  return 0
}
