/**
 * `fmt FILE [--check]`: canonical layout, lossless and atomic. The formatted text is parsed
 * again and compared with the original's meaning (every node with its spans and display
 * details removed); if they differ, nothing is written.
 */
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs'
import { dirname, basename, join } from 'node:path'
import { format } from '../journal/Format.js'
import { parse } from '../journal/Parse.js'
import * as Diagnostic from '../load/Diagnostic.js'
import type { Io } from './common.js'

/** A node's meaning: the node without spans and display styles, as canonical JSON. */
export const meaningOf = (nodes: ReadonlyArray<unknown>): string =>
  JSON.stringify(nodes, (key, value: unknown) => (key === 'span' || key === 'style' || key === 'endLine' ? undefined : value))

/**
 * Writes `text` to `file` atomically: a temporary file `.NAME.PID.MILLISECONDS.tmp` in the same
 * directory, flushed to disk, given the original's permissions, then renamed over the original.
 * A process killed before the rename leaves the original as it was (and that temporary file).
 */
export const writeFileAtomic = (file: string, text: string): void => {
  // Through a symbolic link, the file it points to is rewritten (the link stays a link).
  let path = file
  try {
    path = realpathSync(file)
  } catch {
    path = file
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  let mode: number | undefined
  try {
    mode = statSync(path).mode & 0o7777
  } catch {
    mode = undefined
  }
  const descriptor = openSync(temporary, 'wx', mode ?? 0o644)
  try {
    writeSync(descriptor, text)
    fsyncSync(descriptor)
  } catch (error) {
    closeSync(descriptor)
    unlinkSync(temporary)
    throw error
  }
  closeSync(descriptor)
  if (mode !== undefined) chmodSync(temporary, mode)
  renameSync(temporary, path)
}

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
    writeFileAtomic(file, formatted)
  } catch (error) {
    io.stderr(`error: cannot write ${file} (${(error as { code?: string }).code ?? String(error)}); the original is unchanged\n`)
    return 3
  }
  io.stdout(`formatted ${file}\n`)
  return 0
}
