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

/** The file-system port the loader reads through (`nodeFileSystem`, `memoryFileSystem`, or your own). */
export interface FileSystem {
  /** Reads a whole file as UTF-8 text. */
  readonly readText: (path: string) => E.Either<IoError, string>
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
 * A file system held in memory: path → text. Paths are normalized POSIX paths.
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
  for (const [path, text] of files) normalized.set(normalize(path), text)
  const find = (path: string): E.Either<IoError, string> => {
    const text = normalized.get(normalize(path))
    return text === undefined ? E.left({ _tag: 'FileNotFound', path }) : E.right(text)
  }
  return {
    readText: find,
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
