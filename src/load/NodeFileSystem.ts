/**
 * The file-system port on Node's `fs`. The only module of the loader that touches the disk.
 */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import type { FileSystem, IoError } from './FileSystem.js'

const ioError = (path: string, error: unknown): IoError => {
  const code = (error as { code?: string }).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return { _tag: 'FileNotFound', path }
  if (code === 'EISDIR') return { _tag: 'NotAFile', path }
  return { _tag: 'FileUnreadable', path, reason: code ?? String(error) }
}

/** The file-system port on Node's `fs` (symbolic links resolved for the sandbox and cycle checks). */
export const nodeFileSystem: FileSystem = {
  readText: (path) => {
    try {
      if (!statSync(path).isFile()) return E.left({ _tag: 'NotAFile', path })
      return E.right(readFileSync(path, 'utf8'))
    } catch (error) {
      return E.left(ioError(path, error))
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
