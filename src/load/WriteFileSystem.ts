/**
 * The file-system port every file the CLI writes goes through, and the one way to write a file:
 * `writeFileAtomic`. (Reading journals goes through the `FileSystem` port of FileSystem.ts.)
 *
 * **Adding a command that writes a file**: call `writeFileAtomic(context.writeFileSystem, path, text)`
 * and report its `Left` with `renderWriteError` and exit code 3; for a directory of files, or a file
 * another program writes (DuckDB, sqlite3), use `writeDirectory`, `beginDirectory` or `newFileBy`
 * (NewPath.ts). Never call `node:fs` write functions directly: tests inject faults (ENOSPC, EIO,
 * short writes, a kill at any step) through this port (`tests/hardening/write-faults.test.ts` and
 * `write-paths.test.ts` run over every command that writes; add yours there).
 *
 * The guarantee: afterwards the target holds either its old bytes or the complete new bytes. Every
 * step's result is checked: the bytes go to a temporary file `.NAME.PID.N.tmp` in the target's
 * directory, written in a loop until every byte is accepted (a short write continues, a write of
 * zero bytes is an error), flushed (`fsync`), given the target's mode, owner and group, closed,
 * renamed over the target, and the directory flushed. On a failure before the rename the temporary
 * file is removed and the target is untouched. A target with more than one hard link is refused
 * (a rename would split the links: the other names would keep the old text).
 */
import * as E from 'fp-ts/lib/Either.js'

/** What the port reports about an existing file. */
export interface FileStatus {
  readonly mode: number
  readonly uid: number
  readonly gid: number
  /** Number of hard links. */
  readonly links: number
  readonly isFile: boolean
  readonly isDirectory: boolean
}

/** A failed file-system call: the call, the path and the system's code (`ENOSPC`, `EIO`, `EACCES`, …). */
export interface SystemError {
  readonly call: string
  readonly path: string
  readonly code: string
}

/** Why a file was not written. In every case but `DirectoryNotFlushed` and `TemporaryLeft` the target is as it was. */
export type WriteError =
  | ({ readonly _tag: 'WriteFailed'; readonly temporaryLeft?: string } & SystemError)
  | { readonly _tag: 'HardLinked'; readonly path: string; readonly links: number }
  | { readonly _tag: 'NotAFile'; readonly path: string }
  /**
   * A new file or directory (an export, a simulated region) is refused where something already is (an empty directory
   * excepted).
   */
  | { readonly _tag: 'TargetExists'; readonly path: string; readonly directory: boolean }
  /** The new bytes are in place, but flushing the directory entry failed: a crash now may bring the old file back. */
  | ({ readonly _tag: 'DirectoryNotFlushed' } & SystemError)
  /** The new file is in place, but its scratch directory (NewPath.ts) could not be removed. */
  | ({ readonly _tag: 'TemporaryLeft'; readonly temporary: string } & SystemError)

/** An open file: its path and the port's descriptor. */
export interface Handle {
  readonly path: string
  readonly fd: number
}

/**
 * The calls `writeFileAtomic` makes. Each returns its result or a `SystemError`; none throws for an
 * error of the system. `nodeWriteFileSystem` (NodeWriteFileSystem.ts) is the real one.
 */
export interface WriteFileSystem {
  readonly readBytes: (path: string) => E.Either<SystemError, Uint8Array>
  /** Undefined when nothing is at `path`. */
  readonly status: (path: string) => E.Either<SystemError, FileStatus | undefined>
  /** The path with symbolic links resolved (the path itself when nothing is there yet). */
  readonly realPath: (path: string) => string
  /** Creates a directory and its missing parents (nothing to do when it exists). */
  readonly makeDirectory: (path: string) => E.Either<SystemError, void>
  /** Creates one new directory (fails with `EEXIST` if something is there). */
  readonly createDirectory: (path: string) => E.Either<SystemError, void>
  /** The names in a directory. */
  readonly list: (path: string) => E.Either<SystemError, ReadonlyArray<string>>
  /** Removes an empty directory. */
  readonly removeDirectory: (path: string) => E.Either<SystemError, void>
  /** Flushes a file another program wrote (DuckDB, sqlite3), by its path. */
  readonly syncFile: (path: string) => E.Either<SystemError, void>
  /** Creates a new file (fails if it exists) with `mode`. */
  readonly create: (path: string, mode: number) => E.Either<SystemError, Handle>
  /** Writes from `bytes[offset..]`; returns how many bytes were written (possibly fewer). */
  readonly write: (handle: Handle, bytes: Uint8Array, offset: number) => E.Either<SystemError, number>
  readonly sync: (handle: Handle) => E.Either<SystemError, void>
  readonly chmod: (handle: Handle, mode: number) => E.Either<SystemError, void>
  readonly chown: (handle: Handle, uid: number, gid: number) => E.Either<SystemError, void>
  readonly close: (handle: Handle) => E.Either<SystemError, void>
  readonly rename: (from: string, to: string) => E.Either<SystemError, void>
  readonly remove: (path: string) => E.Either<SystemError, void>
  /** Flushes a directory's entries (after a rename). */
  readonly syncDirectory: (path: string) => E.Either<SystemError, void>
  /** A unique suffix for temporary names (the process id, the time and a random part). */
  readonly unique: () => string
}

const directoryOf = (path: string): string => {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash)
}
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

/**
 * Writes `text` (UTF-8) to `file` atomically through `fs`: old bytes or complete new bytes, never a
 * mix; mode, owner and group kept; a hard-linked target refused. Through a symbolic link the file
 * it points to is rewritten (the link stays a link).
 */
export const writeFileAtomic = (
  fs: WriteFileSystem,
  file: string,
  text: string | Uint8Array,
): E.Either<WriteError, void> => {
  const path = fs.realPath(file)
  const status = fs.status(path)
  if (E.isLeft(status)) return E.left({ _tag: 'WriteFailed', ...status.left })
  const old = status.right
  if (old !== undefined && !old.isFile) return E.left({ _tag: 'NotAFile', path: file })
  if (old !== undefined && old.links > 1) return E.left({ _tag: 'HardLinked', path: file, links: old.links })
  const mode = old === undefined ? 0o644 : old.mode & 0o7777
  const temporary = `${directoryOf(path)}/.${baseOf(path)}.${fs.unique()}.tmp`
  const created = fs.create(temporary, mode)
  if (E.isLeft(created)) return E.left({ _tag: 'WriteFailed', ...created.left })
  const handle = created.right
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  // Undo on a failure before the rename: close, remove the temporary file, name it if it stays.
  const fail = (error: SystemError, closed = false): E.Either<WriteError, void> => {
    if (!closed) fs.close(handle)
    const removed = fs.remove(temporary)
    return E.left({ _tag: 'WriteFailed', ...error, ...(E.isLeft(removed) ? { temporaryLeft: temporary } : {}) })
  }
  let offset = 0
  while (offset < bytes.length) {
    const written = fs.write(handle, bytes, offset)
    if (E.isLeft(written)) return fail(written.left)
    if (written.right <= 0) return fail({ call: 'write', path: temporary, code: 'ENOSPC' })
    offset += written.right
  }
  for (const step of [
    () => fs.sync(handle),
    // Owner first: a change of owner may clear set-id bits, which the mode then restores.
    () => (old !== undefined ? fs.chown(handle, old.uid, old.gid) : E.right(undefined)),
    () => fs.chmod(handle, mode),
  ]) {
    const result = step()
    if (E.isLeft(result)) return fail(result.left)
  }
  const closed = fs.close(handle)
  if (E.isLeft(closed)) return fail(closed.left, true)
  const renamed = fs.rename(temporary, path)
  if (E.isLeft(renamed)) return fail(renamed.left, true)
  const flushed = fs.syncDirectory(directoryOf(path))
  if (E.isLeft(flushed)) return E.left({ _tag: 'DirectoryNotFlushed', ...flushed.left })
  return E.right(undefined)
}

/** One sentence for the user, naming the file and the system's code. */
export const renderWriteError = (file: string, error: WriteError): string => {
  switch (error._tag) {
    case 'WriteFailed':
      return (
        `cannot write ${file} (${error.call}: ${error.code}); ${file} is unchanged` +
        `${error.temporaryLeft !== undefined ? `; remove the temporary file ${error.temporaryLeft}` : ''}`
      )
    case 'HardLinked':
      return (
        `${file} has ${error.links} hard links; rewriting it would split them (the other names would keep ` +
        `the old text), so it was left unchanged; copy it to a file of its own first`
      )
    case 'NotAFile':
      return `${file} is not a regular file; it was left unchanged`
    case 'TargetExists':
      return (
        `${file} exists; this command writes a new ` +
        `${error.directory ? 'directory (or into an empty one)' : 'file'} and never overwrites or mixes ` +
        `with what is there; remove it or choose another path`
      )
    case 'DirectoryNotFlushed':
      return (
        `wrote ${file}, but flushing its directory failed (${error.call}: ${error.code}); a crash now ` +
        `may bring back the old file`
      )
    case 'TemporaryLeft':
      return (
        `wrote ${file}, but could not remove the temporary directory ${error.temporary} (${error.call}: ` +
        `${error.code}); remove it`
      )
  }
}
