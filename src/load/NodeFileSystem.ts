/**
 * The file-system port on Node's `fs`. The only module of the loader that touches the disk.
 */

import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { decodeJournal, invalidUtf8Problem, otherUnicodeEncoding } from './Encoding.js'
import type { FileSystem, IoError, TextPieces } from './FileSystem.js'

const ioError = (path: string, error: unknown): IoError => {
  const code = (error as { code?: string }).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return { _tag: 'FileNotFound', path }
  if (code === 'EISDIR') return { _tag: 'NotAFile', path }
  return { _tag: 'FileUnreadable', path, reason: code ?? String(error) }
}

/**
 * Options of the Node port: `encoding`, a WHATWG label (`windows-1251`, `latin1`, …) to read instead of strict UTF-8.
 */
export interface NodeFileSystemOptions {
  readonly encoding?: string
}

/**
 * The file-system port on Node's `fs` reading `options.encoding` instead of strict UTF-8 (what
 * `--encoding` does): every file of the load, includes too, is decoded with that WHATWG label
 * (`windows-1251`, `koi8-r`, `latin1`, `utf-16le`, …). An unknown label is `InvalidEncoding`.
 *
 * ```ts
 * const loaded = loadFile('fond-960.journal', { fileSystem: nodeFileSystemWith({ encoding: 'windows-1251' }) })
 * ```
 */
export const nodeFileSystemWith = (options: NodeFileSystemOptions): FileSystem => {
  const { readPieces: _, ...rest } = nodeFileSystem
  const utf8 = options.encoding === undefined || /^utf-?8$/iu.test(options.encoding)
  // Pieces are cut after a 0x0A byte, which is a line break only in UTF-8 (and single-byte encodings):
  // other encodings read whole files.
  return { ...rest, ...(utf8 ? { readPieces } : {}), readText: (path) => readText(path, options.encoding) }
}

/** Line breaks (0x0A bytes) in the first `end` bytes of the open file `fd`. */
const lineBreaksBefore = (fd: number, end: number): number => {
  const block = Buffer.allocUnsafe(1024 * 1024)
  let count = 0
  for (let position = 0; position < end; ) {
    const read = readSync(fd, block, 0, Math.min(block.length, end - position), position)
    if (read === 0) break
    for (let at = block.indexOf(10); at !== -1 && at < read; at = block.indexOf(10, at + 1)) count++
    position += read
  }
  return count
}

/**
 * Reads a file as strict UTF-8 in pieces of whole lines: fills a buffer of `pieceBytes` (grown for
 * a longer line), hands out the bytes up to its last line break decoded, keeps the rest for the next
 * piece. The same checks as `readText`, at the same file positions.
 */
const readPieces = (path: string, pieceBytes: number): E.Either<IoError, TextPieces> => {
  let fd: number
  try {
    if (!statSync(path).isFile()) return E.left({ _tag: 'NotAFile', path })
    fd = openSync(path, 'r')
  } catch (error) {
    return E.left(ioError(path, error))
  }
  // At least the 64 bytes `otherUnicodeEncoding` looks at, so the first piece holds them.
  let buffer = Buffer.allocUnsafe(Math.max(64, pieceBytes))
  let held = 0
  let position = 0
  let ended = false
  let closed = false
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const close = (): void => {
    if (closed) return
    closed = true
    closeSync(fd)
  }
  const fail = (error: IoError): E.Either<IoError, string | undefined> => {
    close()
    return E.left(error)
  }
  const next = (): E.Either<IoError, string | undefined> => {
    if (closed) return E.right(undefined)
    let cut: number
    try {
      for (;;) {
        while (!ended && held < buffer.length) {
          const read = readSync(fd, buffer, held, buffer.length - held, null)
          if (read === 0) ended = true
          else held += read
        }
        cut = ended ? held : buffer.lastIndexOf(10, held - 1) + 1
        if (cut > 0 || ended) break
        const larger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(larger, 0, 0, held)
        buffer = larger
      }
    } catch (error) {
      return fail(ioError(path, error))
    }
    if (held === 0) {
      close()
      return E.right(undefined)
    }
    const bytes = buffer.subarray(0, cut)
    if (position === 0) {
      const other = otherUnicodeEncoding(bytes)
      if (other !== undefined) return fail({ _tag: 'InvalidEncoding', path, problem: other })
    }
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      // A piece starts at a line start: its columns are the file's, its lines follow those before it.
      const problem = invalidUtf8Problem(bytes)
      const before = position === 0 ? 0 : lineBreaksBefore(fd, position)
      return fail({
        _tag: 'InvalidEncoding',
        path,
        problem: { ...problem, offset: position + problem.offset, line: before + problem.line },
      })
    }
    buffer.copy(buffer, 0, cut, held)
    held -= cut
    position += cut
    return E.right(text)
  }
  return E.right({ next, close })
}

const readText = (path: string, encoding: string | undefined): E.Either<IoError, string> => {
  let bytes: Uint8Array
  try {
    if (!statSync(path).isFile()) return E.left({ _tag: 'NotAFile', path })
    bytes = readFileSync(path)
  } catch (error) {
    return E.left(ioError(path, error))
  }
  const text = decodeJournal(bytes, encoding)
  return E.isLeft(text) ? E.left({ _tag: 'InvalidEncoding', path, problem: text.left }) : E.right(text.right)
}

/**
 * The file-system port on Node's `fs` (symbolic links resolved for the sandbox and cycle checks), reading strict UTF-8.
 */
export const nodeFileSystem: FileSystem = {
  readText: (path) => readText(path, undefined),
  readPieces,
  filesBelow: (directory) => {
    try {
      const names = readdirSync(directory === '' ? '.' : directory, { recursive: true, encoding: 'utf8' })
      return E.right(
        names
          .map((name) => join(directory, name))
          .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true),
      )
    } catch (error) {
      return E.left(ioError(directory, error))
    }
  },
  size: (path) => {
    try {
      const stats = statSync(path)
      return stats.isFile() ? E.right(stats.size) : E.left({ _tag: 'NotAFile', path })
    } catch (error) {
      return E.left(ioError(path, error))
    }
  },
  // Relative stays relative (so diagnostics and evidence print the paths the user typed);
  // cycle and sandbox checks use the canonical path.
  resolve: (fromFile, target) => (isAbsolute(target) ? target : join(dirname(fromFile), target)),
  canonical: (path) => {
    try {
      return E.right(realpathSync(path))
    } catch (error) {
      return E.left(ioError(path, error))
    }
  },
  isWithin: (path, directory) => {
    const difference = relative(resolve(directory), resolve(path))
    return difference === '' || (!difference.startsWith('..') && !isAbsolute(difference))
  },
  directoryOf: (path) => dirname(resolve(path)),
}
