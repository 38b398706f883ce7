/**
 * Outputs that are more than one file, or that another program writes, through the same port as
 * `writeFileAtomic` (WriteFileSystem.ts), so that tests inject the same faults.
 *
 * **A directory** (`export --format csv|parquet -o DIR`, `simulate --out DIR`): its files are written
 * into a temporary directory `.DIR.UNIQUE.tmp` beside DIR (`beginDirectory`; a program such as DuckDB
 * may write into it too), every file and directory is flushed, and the temporary directory is renamed
 * to DIR in one step. DIR must not exist or must be an empty directory (a rename replaces an empty
 * directory atomically); anything else is refused (`TargetExists`) before a byte is written.
 * Afterwards DIR is as it was (absent, or empty) or complete with every file whole, never partly
 * written; on a failure the temporary directory is removed (only a kill leaves it behind).
 *
 * **A file another program writes** (`export --format duckdb|sqlite -o FILE`, `newFileBy`): the program
 * writes into a scratch directory `.FILE.UNIQUE.tmp` beside the target (its side files, a write-ahead
 * log or a journal, stay there), the file is flushed and renamed to FILE, which must not exist, and the
 * scratch directory is removed.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Handle, SystemError, WriteError, WriteFileSystem } from './WriteFileSystem.js'

const directoryOf = (path: string): string => {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash)
}
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
/** `out/` names the directory `out`. */
const withoutSlash = (path: string): string => path.replace(/(?<=.)\/+$/u, '')
const failed = (error: SystemError): WriteError => ({ _tag: 'WriteFailed', ...error })

/** Removes `path` and, for a directory, everything below it. */
export const removeTree = (fs: WriteFileSystem, path: string): E.Either<SystemError, void> => {
  const status = fs.status(path)
  if (E.isLeft(status)) return status
  if (status.right === undefined) return E.right(undefined)
  if (!status.right.isDirectory) return fs.remove(path)
  const names = fs.list(path)
  if (E.isLeft(names)) return names
  for (const name of names.right) {
    const removed = removeTree(fs, `${path}/${name}`)
    if (E.isLeft(removed)) return removed
  }
  return fs.removeDirectory(path)
}

/** Refuses a target that exists, unless it is an empty directory and `directory` is asked for. */
const checkFree = (fs: WriteFileSystem, target: string, directory: boolean): E.Either<WriteError, void> => {
  const status = fs.status(target)
  if (E.isLeft(status)) return E.left(failed(status.left))
  if (status.right === undefined) return E.right(undefined)
  if (directory && status.right.isDirectory) {
    const names = fs.list(target)
    if (E.isLeft(names)) return E.left(failed(names.left))
    if (names.right.length === 0) return E.right(undefined)
  }
  return E.left({ _tag: 'TargetExists', path: target, directory })
}

/** Flushes every file and directory below `path` (deepest first), skipping files in `synced`. */
const syncTree = (fs: WriteFileSystem, path: string, synced: ReadonlySet<string>): E.Either<SystemError, void> => {
  const names = fs.list(path)
  if (E.isLeft(names)) return names
  for (const name of names.right) {
    const child = `${path}/${name}`
    const status = fs.status(child)
    if (E.isLeft(status)) return status
    if (status.right === undefined || synced.has(child)) continue
    const done = status.right.isDirectory ? syncTree(fs, child, synced) : fs.syncFile(child)
    if (E.isLeft(done)) return done
  }
  return fs.syncDirectory(path)
}

/** A directory being written: `write` its files, then `commit` (or `abandon` after a failure). */
export interface NewDirectory {
  /** The temporary directory; a program that writes files itself (DuckDB) writes here. */
  readonly path: string
  /** Appends `text` to the file `relative` (slash-separated), creating it and its directories on first use. */
  readonly write: (relative: string, text: string | Uint8Array) => E.Either<WriteError, void>
  /** Flushes and closes every file, flushes every directory, and renames the directory into place. */
  readonly commit: () => E.Either<WriteError, void>
  /**
   * After `error`: closes what is open and removes the temporary directory; returns `error`, naming the directory if it
   * stays.
   */
  readonly abandon: (error: WriteError) => WriteError
  /** After an exception: closes what is open and removes the temporary directory. */
  readonly discard: () => void
}

/**
 * Starts a new directory at `target` (absent or empty; its parent is made if missing), written in a temporary directory
 * beside it.
 */
export const beginDirectory = (fs: WriteFileSystem, path: string): E.Either<WriteError, NewDirectory> => {
  const target = withoutSlash(path)
  const free = checkFree(fs, target, true)
  if (E.isLeft(free)) return free
  const parent = fs.makeDirectory(directoryOf(target))
  if (E.isLeft(parent)) return E.left(failed(parent.left))
  const temporary = `${directoryOf(target)}/.${baseOf(target)}.${fs.unique()}.tmp`
  const created = fs.createDirectory(temporary)
  if (E.isLeft(created)) return E.left(failed(created.left))
  const handles = new Map<string, Handle>()
  const directories = new Set<string>([temporary])
  const encoder = new TextEncoder()
  let broken: WriteError | undefined
  const open = (path: string): E.Either<SystemError, Handle> => {
    const known = handles.get(path)
    if (known !== undefined) return E.right(known)
    const parent = directoryOf(path)
    if (!directories.has(parent)) {
      const made = fs.makeDirectory(parent)
      if (E.isLeft(made)) return made
      directories.add(parent)
    }
    const handle = fs.create(path, 0o644)
    if (E.isRight(handle)) handles.set(path, handle.right)
    return handle
  }
  const write = (relative: string, text: string | Uint8Array): E.Either<WriteError, void> => {
    if (broken !== undefined) return E.left(broken)
    const handle = open(`${temporary}/${relative}`)
    if (E.isLeft(handle)) return E.left((broken = failed(handle.left)))
    const bytes = typeof text === 'string' ? encoder.encode(text) : text
    let offset = 0
    while (offset < bytes.length) {
      const written = fs.write(handle.right, bytes, offset)
      if (E.isLeft(written)) return E.left((broken = failed(written.left)))
      if (written.right <= 0)
        return E.left((broken = failed({ call: 'write', path: handle.right.path, code: 'ENOSPC' })))
      offset += written.right
    }
    return E.right(undefined)
  }
  const discard = (): E.Either<SystemError, void> => {
    for (const handle of handles.values()) fs.close(handle)
    handles.clear()
    return removeTree(fs, temporary)
  }
  const abandon = (error: WriteError): WriteError =>
    E.isLeft(discard()) && error._tag === 'WriteFailed' ? { ...error, temporaryLeft: temporary } : error
  const commit = (): E.Either<WriteError, void> => {
    if (broken !== undefined) return E.left(broken)
    const synced = new Set<string>()
    for (const [path, handle] of [...handles]) {
      const flushed = fs.sync(handle)
      if (E.isLeft(flushed)) return E.left(failed(flushed.left))
      handles.delete(path)
      const closed = fs.close(handle)
      if (E.isLeft(closed)) return E.left(failed(closed.left))
      synced.add(path)
    }
    const tree = syncTree(fs, temporary, synced)
    if (E.isLeft(tree)) return E.left(failed(tree.left))
    const renamed = fs.rename(temporary, target)
    if (E.isLeft(renamed)) return E.left(failed(renamed.left))
    const parent = fs.syncDirectory(directoryOf(target))
    if (E.isLeft(parent)) return E.left({ _tag: 'DirectoryNotFlushed', ...parent.left })
    return E.right(undefined)
  }
  return E.right({ path: temporary, write, commit, abandon, discard: () => void discard() })
}

/**
 * Writes a whole directory: `fill` writes its files through the `NewDirectory` (and may run other
 * programs into its `path`); committed when `fill` returns right, removed when it returns left or throws.
 */
export const writeDirectory = async (
  fs: WriteFileSystem,
  target: string,
  fill: (directory: NewDirectory) => Promise<E.Either<WriteError, void>> | E.Either<WriteError, void>,
): Promise<E.Either<WriteError, void>> => {
  const begun = beginDirectory(fs, target)
  if (E.isLeft(begun)) return begun
  const directory = begun.right
  let filled: E.Either<WriteError, void>
  try {
    filled = await fill(directory)
  } catch (error) {
    directory.discard()
    throw error
  }
  if (E.isLeft(filled)) return E.left(directory.abandon(filled.left))
  const committed = directory.commit()
  return E.isLeft(committed) && committed.left._tag === 'WriteFailed'
    ? E.left(directory.abandon(committed.left))
    : committed
}

/**
 * A new file `target` (which must not exist) that another program writes: `build` gets the path to
 * write, in a scratch directory beside the target; the file is flushed, renamed into place, and the
 * scratch directory removed (also when `build` throws; the error is thrown on).
 */
export const newFileBy = async (
  fs: WriteFileSystem,
  path: string,
  build: (path: string) => Promise<void>,
): Promise<E.Either<WriteError, void>> => {
  const target = withoutSlash(path)
  const free = checkFree(fs, target, false)
  if (E.isLeft(free)) return free
  const scratch = `${directoryOf(target)}/.${baseOf(target)}.${fs.unique()}.tmp`
  const created = fs.createDirectory(scratch)
  if (E.isLeft(created)) return E.left(failed(created.left))
  const file = `${scratch}/${baseOf(target)}`
  const fail = (error: SystemError): E.Either<WriteError, void> => {
    const removed = removeTree(fs, scratch)
    return E.left({ ...failed(error), ...(E.isLeft(removed) ? { temporaryLeft: scratch } : {}) })
  }
  try {
    await build(file)
  } catch (error) {
    removeTree(fs, scratch)
    throw error
  }
  const flushed = fs.syncFile(file)
  if (E.isLeft(flushed)) return fail(flushed.left)
  const renamed = fs.rename(file, target)
  if (E.isLeft(renamed)) return fail(renamed.left)
  const removed = removeTree(fs, scratch)
  if (E.isLeft(removed)) return E.left({ _tag: 'TemporaryLeft', ...removed.left, temporary: scratch })
  const parent = fs.syncDirectory(directoryOf(target))
  if (E.isLeft(parent)) return E.left({ _tag: 'DirectoryNotFlushed', ...parent.left })
  return E.right(undefined)
}
