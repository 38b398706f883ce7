/**
 * The file-system port the loader reads through. The loader itself never imports `node:fs`:
 * the CLI passes `nodeFileSystem` (NodeFileSystem.ts), a service or a browser passes an
 * in-memory one (`memoryFileSystem`), and tests pass whatever they need.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { EncodingProblem } from './Encoding.js'

/** A file the port could not read: missing, unreadable, not a file, or not text in the expected encoding. */
export type IoError =
  | { readonly _tag: 'FileNotFound'; readonly path: string }
  | { readonly _tag: 'FileUnreadable'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'NotAFile'; readonly path: string }
  /** Bytes that are not text in the expected encoding (Encoding.ts): strict UTF-8 unless asked otherwise. */
  | { readonly _tag: 'InvalidEncoding'; readonly path: string; readonly problem: EncodingProblem }

/**
 * A file read in pieces of whole lines (`FileSystem.readPieces`): `next` gives the next piece, or
 * undefined after the last; every piece but the last ends with a line break. An encoding problem
 * in a later piece is that piece's `IoError`, with the file's byte offset, line and column.
 */
export interface TextPieces {
  readonly next: () => E.Either<IoError, string | undefined>
  /** Lets the file go (after the last piece, or to stop early). */
  readonly close: () => void
}

/** The file-system port the loader reads through (`nodeFileSystem`, `memoryFileSystem`, or your own). */
export interface FileSystem {
  /** Reads a whole file as UTF-8 text. */
  readonly readText: (path: string) => E.Either<IoError, string>
  /**
   * Reads a file as UTF-8 text in pieces of whole lines of about `pieceBytes` bytes (a longer
   * line is one piece), for files too large to hold as one string. Joined, the pieces are what
   * `readText` gives, and a file `readText` refuses fails at the same place. A port without it
   * reads every file whole.
   */
  readonly readPieces?: (path: string, pieceBytes: number) => E.Either<IoError, TextPieces>
  /** The size in bytes, to enforce limits before reading. */
  readonly size: (path: string) => E.Either<IoError, number>
  /** The path of `target` relative to the directory of `fromFile`, normalized and absolute. */
  readonly resolve: (fromFile: string, target: string) => string
  /** The canonical path (symbolic links resolved), for cycle and sandbox checks. */
  readonly canonical: (path: string) => E.Either<IoError, string>
  /** True when `path` is `directory` or lies below it. */
  readonly isWithin: (path: string, directory: string) => boolean
  /** The directory holding `path`. */
  readonly directoryOf: (path: string) => string
  /**
   * Every file at or below `directory`, as paths that start with `directory` (for `include` with
   * a glob). A port without it refuses glob includes (`IncludeGlobNotSupported`).
   */
  readonly filesBelow?: (directory: string) => E.Either<IoError, ReadonlyArray<string>>
}

const normalize = (path: string): string => {
  const absolute = path.startsWith('/')
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return `${absolute ? '/' : ''}${parts.join('/')}`
}

const directoryOf = (path: string): string => {
  const index = path.lastIndexOf('/')
  return index < 0 ? '.' : index === 0 ? '/' : path.slice(0, index)
}

/**
 * A file system held in memory: path → text. Paths are normalized POSIX paths. A value that is not a Map (a
 * JavaScript caller), and entries that are not two strings, hold no file: reading them is `FileNotFound`.
 *
 * @example
 * ```ts
 * const fileSystem = memoryFileSystem(new Map([['/books/main.journal', '2024-01-01 Opening\n']]))
 * // fileSystem.readText('/books/./main.journal') → E.right('2024-01-01 Opening\n')
 * // fileSystem.readText('/books/other.journal') → E.left({ _tag: 'FileNotFound', path: '/books/other.journal' })
 * // fileSystem.resolve('/books/main.journal', 'shops/tank.journal') → '/books/shops/tank.journal'
 * ```
 */
export const memoryFileSystem = (files: ReadonlyMap<string, string>): FileSystem => {
  const normalized = new Map<string, string>()
  // A JavaScript caller's value that is not a Map, or an entry that is not two strings, holds no file.
  if (files instanceof Map)
    for (const [path, text] of files)
      if (typeof path === 'string' && typeof text === 'string') normalized.set(normalize(path), text)
  const find = (path: string): E.Either<IoError, string> => {
    const text = normalized.get(normalize(path))
    return text === undefined ? E.left({ _tag: 'FileNotFound', path }) : E.right(text)
  }
  return {
    readText: find,
    readPieces: (path, pieceBytes) =>
      E.map((text: string): TextPieces => {
        // Pieces of whole lines of at most `pieceBytes` code units (a longer line whole).
        let start = 0
        return {
          next: () => {
            if (start >= text.length) return E.right(undefined)
            let end = start + Math.max(1, pieceBytes) >= text.length ? text.length : start + Math.max(1, pieceBytes)
            if (end < text.length) {
              const newline = text.lastIndexOf('\n', end - 1)
              end = newline >= start ? newline + 1 : text.indexOf('\n', end) + 1 || text.length
            }
            const piece = text.slice(start, end)
            start = end
            return E.right(piece)
          },
          close: () => {
            start = text.length
          },
        }
      })(find(path)),
    size: (path) => E.map((text: string) => new TextEncoder().encode(text).length)(find(path)),
    resolve: (fromFile, target) =>
      normalize(target.startsWith('/') ? target : `${directoryOf(normalize(fromFile))}/${target}`),
    canonical: (path) => E.map(() => normalize(path))(find(path)),
    isWithin: (path, directory) => {
      const a = normalize(path)
      const b = normalize(directory)
      return a === b || a.startsWith(b === '/' ? '/' : `${b}/`)
    },
    directoryOf: (path) => directoryOf(normalize(path)),
    filesBelow: (directory) => {
      const base = normalize(directory)
      const prefix = base === '/' ? '/' : `${base}/`
      return E.right([...normalized.keys()].filter((path) => path.startsWith(prefix)))
    },
  }
}
