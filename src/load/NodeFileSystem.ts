/**
 * The file-system port on Node's `fs`. The only module of the loader that touches the disk.
 */

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { decodeJournal } from './Encoding.js'
import type { FileSystem, IoError } from './FileSystem.js'

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

/** The file-system port on Node's `fs` reading `options.encoding` (default: strict UTF-8, see Encoding.ts). */
export const nodeFileSystemWith = (options: NodeFileSystemOptions): FileSystem => ({
  ...nodeFileSystem,
  readText: (path) => readText(path, options.encoding),
})

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
