/**
 * Write ports that fail on purpose. `withFaults(port, fault)` wraps any `WriteFileSystem` (the
 * in-memory one below, or Node's on a scratch directory): at step `at` (every call but `readBytes`,
 * `status`, `realPath` and `unique` is a step) it returns ENOSPC or EIO, writes fewer bytes than
 * asked (`short`, then every later write too), writes nothing (`zero`), or dies (`kill`: throws
 * `Killed`, and every later step throws too, leaving everything as it was at that instant, as a
 * SIGKILL would). `faultFileSystem(initial, fault)` is the in-memory port with faults.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { FileStatus, Handle, SystemError, WriteFileSystem } from '../../src/load/WriteFileSystem.js'

export type FaultKind = 'ENOSPC' | 'EIO' | 'short' | 'zero' | 'kill'
export interface Fault {
  readonly at: number
  readonly kind: FaultKind
}

export class Killed extends Error {}

export interface MemoryFile {
  bytes: Uint8Array
  mode: number
  uid: number
  gid: number
  links: number
}

export interface MemoryWriteFileSystem extends WriteFileSystem {
  readonly files: Map<string, MemoryFile>
  readonly directories: Set<string>
}

export type Faulty<F extends WriteFileSystem> = F & {
  /** Steps taken so far. */
  readonly steps: () => number
}

export type FaultFileSystem = Faulty<MemoryWriteFileSystem>

const parentOf = (path: string): string => {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

/** A POSIX-like file system in memory: files, directories, exclusive creation, atomic renames. */
export const memoryWriteFileSystem = (
  initial: ReadonlyMap<string, Partial<MemoryFile> & { bytes: Uint8Array }>,
): MemoryWriteFileSystem => {
  const files = new Map<string, MemoryFile>()
  const directories = new Set<string>(['/'])
  const addParents = (path: string): void => {
    for (let parent = parentOf(path); !directories.has(parent); parent = parentOf(parent)) directories.add(parent)
  }
  for (const [path, file] of initial) {
    files.set(path, { mode: 0o100644, uid: 1000, gid: 1000, links: 1, ...file })
    addParents(path)
  }
  const open = new Set<number>()
  let next = 3
  const error = (call: string, path: string, code: string): E.Either<SystemError, never> => E.left({ call, path, code })
  const exists = (path: string): boolean => files.has(path) || directories.has(path)
  const children = (path: string): string[] => {
    const prefix = path === '/' ? '/' : `${path}/`
    const names = new Set<string>()
    for (const entry of [...files.keys(), ...directories])
      if (entry.startsWith(prefix) && entry !== path) names.add(entry.slice(prefix.length).split('/')[0] ?? '')
    return [...names].sort()
  }
  return {
    files,
    directories,
    readBytes: (path) => {
      const found = files.get(path)
      return found === undefined ? error('read', path, 'ENOENT') : E.right(found.bytes)
    },
    status: (path) => {
      const found = files.get(path)
      if (found !== undefined)
        return E.right<SystemError, FileStatus | undefined>({
          mode: found.mode,
          uid: found.uid,
          gid: found.gid,
          links: found.links,
          isFile: true,
          isDirectory: false,
        })
      return E.right(
        directories.has(path)
          ? { mode: 0o40755, uid: 1000, gid: 1000, links: 2, isFile: false, isDirectory: true }
          : undefined,
      )
    },
    realPath: (path) => path,
    makeDirectory: (path) => {
      if (files.has(path)) return error('mkdir', path, 'EEXIST')
      directories.add(path)
      addParents(path)
      return E.right(undefined)
    },
    createDirectory: (path) => {
      if (exists(path)) return error('mkdir', path, 'EEXIST')
      if (!directories.has(parentOf(path))) return error('mkdir', path, 'ENOENT')
      directories.add(path)
      return E.right(undefined)
    },
    list: (path) => (directories.has(path) ? E.right(children(path)) : error('readdir', path, 'ENOENT')),
    removeDirectory: (path) => {
      if (!directories.has(path)) return error('rmdir', path, 'ENOENT')
      if (children(path).length > 0) return error('rmdir', path, 'ENOTEMPTY')
      directories.delete(path)
      return E.right(undefined)
    },
    syncFile: (path) => (files.has(path) ? E.right(undefined) : error('fsync', path, 'ENOENT')),
    create: (path, mode) => {
      if (exists(path)) return error('open', path, 'EEXIST')
      if (!directories.has(parentOf(path))) return error('open', path, 'ENOENT')
      files.set(path, { bytes: new Uint8Array(), mode: 0o100000 | mode, uid: 1000, gid: 1000, links: 1 })
      const fd = next++
      open.add(fd)
      return E.right({ path, fd })
    },
    write: (handle, bytes, offset) => {
      const target = files.get(handle.path)
      if (target === undefined || !open.has(handle.fd)) return error('write', handle.path, 'EBADF')
      const grown = new Uint8Array(target.bytes.length + bytes.length - offset)
      grown.set(target.bytes)
      grown.set(bytes.subarray(offset), target.bytes.length)
      target.bytes = grown
      return E.right(bytes.length - offset)
    },
    sync: (handle) => (open.has(handle.fd) ? E.right(undefined) : error('fsync', handle.path, 'EBADF')),
    chmod: (handle, mode) => {
      const target = files.get(handle.path)
      if (target !== undefined) target.mode = 0o100000 | mode
      return E.right(undefined)
    },
    chown: (handle, uid, gid) => {
      const target = files.get(handle.path)
      if (target !== undefined) Object.assign(target, { uid, gid })
      return E.right(undefined)
    },
    close: (handle) => (open.delete(handle.fd) ? E.right(undefined) : error('close', handle.path, 'EBADF')),
    rename: (from, to) => {
      const moved = files.get(from)
      if (moved !== undefined) {
        if (directories.has(to)) return error('rename', to, 'EISDIR')
        if (!directories.has(parentOf(to))) return error('rename', to, 'ENOENT')
        files.delete(from)
        files.set(to, moved)
        return E.right(undefined)
      }
      if (!directories.has(from)) return error('rename', from, 'ENOENT')
      if (files.has(to)) return error('rename', to, 'ENOTDIR')
      if (directories.has(to) && children(to).length > 0) return error('rename', to, 'ENOTEMPTY')
      const prefix = `${from}/`
      for (const [path, file] of [...files]) {
        if (!path.startsWith(prefix)) continue
        files.delete(path)
        files.set(`${to}/${path.slice(prefix.length)}`, file)
      }
      for (const path of [...directories]) {
        if (path !== from && !path.startsWith(prefix)) continue
        directories.delete(path)
        directories.add(path === from ? to : `${to}/${path.slice(prefix.length)}`)
      }
      return E.right(undefined)
    },
    remove: (path) => (files.delete(path) ? E.right(undefined) : error('unlink', path, 'ENOENT')),
    syncDirectory: (path) => (directories.has(path) ? E.right(undefined) : error('fsync', path, 'ENOENT')),
    unique: () => 'test',
  }
}

/** `base` with `fault` injected at its step (see the module comment); counts the steps. */
export const withFaults = <F extends WriteFileSystem>(base: F, fault?: Fault): Faulty<F> => {
  let step = 0
  let shortMode = false
  let dead = false
  /** Counts a step; returns the error to give, 'short' or 'zero' for a write, or undefined to go on. */
  const tick = (call: string, path: string): SystemError | 'short' | 'zero' | undefined => {
    if (dead) throw new Killed(`called ${call} after the kill`)
    const now = step++
    if (fault !== undefined && now === fault.at) {
      if (fault.kind === 'kill') {
        dead = true
        throw new Killed(`killed at step ${now} (${call})`)
      }
      if (fault.kind === 'short') {
        if (call !== 'write') return undefined
        shortMode = true
        return 'short'
      }
      if (fault.kind === 'zero') return call === 'write' ? 'zero' : undefined
      return { call, path, code: fault.kind }
    }
    return shortMode && call === 'write' ? 'short' : undefined
  }
  /** Counts a step (not a write); the fault's error, or undefined to go on. */
  const failing = (call: string, path: string): E.Either<SystemError, never> | undefined => {
    const result = tick(call, path)
    return typeof result === 'object' ? E.left(result) : undefined
  }
  const stepped =
    <R>(call: string, run: (path: string) => E.Either<SystemError, R>) =>
    (path: string): E.Either<SystemError, R> =>
      failing(call, path) ?? run(path)
  const handled =
    <R>(call: string, run: (handle: Handle) => E.Either<SystemError, R>) =>
    (handle: Handle): E.Either<SystemError, R> =>
      failing(call, handle.path) ?? run(handle)
  return {
    ...base,
    steps: () => step,
    makeDirectory: stepped('mkdir', base.makeDirectory),
    createDirectory: stepped('mkdir', base.createDirectory),
    list: stepped('readdir', base.list),
    removeDirectory: stepped('rmdir', base.removeDirectory),
    syncFile: stepped('fsync', base.syncFile),
    create: (path, mode) => failing('open', path) ?? base.create(path, mode),
    write: (handle: Handle, bytes: Uint8Array, offset: number) => {
      const result = tick('write', handle.path)
      if (typeof result === 'object') return E.left(result)
      if (result === 'zero') return E.right(0)
      if (result === 'short') {
        const count = Math.max(1, Math.floor((bytes.length - offset) / 2))
        return base.write(handle, bytes.subarray(0, offset + count), offset)
      }
      return base.write(handle, bytes, offset)
    },
    sync: handled('fsync', base.sync),
    chmod: (handle, mode) => failing('chmod', handle.path) ?? base.chmod(handle, mode),
    chown: (handle, uid, gid) => failing('chown', handle.path) ?? base.chown(handle, uid, gid),
    close: handled('close', base.close),
    rename: (from, to) => failing('rename', to) ?? base.rename(from, to),
    remove: stepped('unlink', base.remove),
    syncDirectory: stepped('fsync', base.syncDirectory),
  }
}

/** The in-memory port with `fault` injected. */
export const faultFileSystem = (
  initial: ReadonlyMap<string, Partial<MemoryFile> & { bytes: Uint8Array }>,
  fault?: Fault,
): FaultFileSystem => withFaults(memoryWriteFileSystem(initial), fault)
