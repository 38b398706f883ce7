/**
 * `fmt FILE [--check]`: canonical layout, lossless and atomic. The formatted text is parsed
 * again and compared with the original's meaning (every node with its spans and display
 * details removed); if they differ, nothing is written.
 */
import * as E from 'fp-ts/lib/Either.js'
import { format } from '../journal/Format.js'
import { parse } from '../journal/Parse.js'
import * as Diagnostic from '../load/Diagnostic.js'
import { decodeJournal, renderEncodingProblem } from '../load/Encoding.js'
import { renderWriteError, type WriteFileSystem, writeFileAtomic } from '../load/WriteFileSystem.js'
import type { Io } from './common.js'

/** A node's meaning: the node without spans and display styles, as canonical JSON. */
export const meaningOf = (nodes: ReadonlyArray<unknown>): string =>
  JSON.stringify(nodes, (key, value: unknown) =>
    key === 'span' || key === 'style' || key === 'endLine' ? undefined : value,
  )

export const formatCommand = (io: Io, fs: WriteFileSystem, file: string, check: boolean): number => {
  const bytes = fs.readBytes(file)
  if (E.isLeft(bytes)) {
    io.stderr(`error: cannot read ${file} (${bytes.left.code})\n`)
    return 3
  }
  // Strict UTF-8: fmt never writes U+FFFD for a byte it could not read (and writes UTF-8 only).
  const decoded = decodeJournal(bytes.right)
  if (E.isLeft(decoded)) {
    const where =
      decoded.left._tag === 'InvalidUtf8' ? `${file}:${decoded.left.line}:${decoded.left.column}: ` : `${file}: `
    io.stderr(
      `${where}error: ${renderEncodingProblem(decoded.left)}; fmt writes UTF-8 only, so the file was ` +
        `left unchanged (InvalidEncoding)\n`,
    )
    return 1
  }
  const text = decoded.right
  const parsed = parse(file, text)
  if (parsed.errors.length > 0) {
    const sources = new Map([[file, text]])
    io.stderr(
      `${parsed.errors.map((error) => Diagnostic.render(Diagnostic.ofParseError(error), sources)).join('\n\n')}\n`,
    )
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
  const written = writeFileAtomic(fs, file, formatted)
  if (E.isLeft(written)) {
    io.stderr(`error: ${renderWriteError(file, written.left)}\n`)
    return 3
  }
  io.stdout(`formatted ${file}\n`)
  return 0
}
