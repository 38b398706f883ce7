/**
 * An in-memory `WriteFileSystem` that fails on purpose: at step `at` (every call but `readBytes`,
 * `status`, `realPath` and `unique` is a step) it returns ENOSPC or EIO, writes fewer bytes than
 * asked (`short`, then every later write too), writes nothing (`zero`), or dies (`kill`: throws
 * `Killed`, leaving everything as it was at that instant, as a SIGKILL would).
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

export interface FaultFileSystem extends WriteFileSystem {
  readonly files: Map<string, MemoryFile>
  /** Steps taken so far. */
  readonly steps: () => number
}

export const faultFileSystem = (
  initial: ReadonlyMap<string, Partial<MemoryFile> & { bytes: Uint8Array }>,
  fault?: Fault,
): FaultFileSystem => {
  const files = new Map<string, MemoryFile>()
  for (const [path, file] of initial) files.set(path, { mode: 0o100644, uid: 1000, gid: 1000, links: 1, ...file })
  const open = new Map<number, { path: string; chunks: number[] }>()
  let step = 0
  let next = 3
  let shortMode = false
  /** Counts a step; returns the error to give, or undefined to go on. */
  const tick = (call: string, path: string): SystemError | 'short' | 'zero' | undefined => {
    const now = step++
    if (fault === undefined) return shortMode && call === 'write' ? 'short' : undefined
    if (now === fault.at) {
      if (fault.kind === 'kill') throw new Killed(`killed at step ${now} (${call})`)
      if (fault.kind === 'short') {
        if (call === 'write') {
          shortMode = true
          return 'short'
        }
        return undefined
      }
      if (fault.kind === 'zero') return call === 'write' ? 'zero' : undefined
      return { call, path, code: fault.kind }
    }
    return shortMode && call === 'write' ? 'short' : undefined
  }
  const plain = (call: string, path: string, then: () => void): E.Either<SystemError, void> => {
    const result = tick(call, path)
    if (typeof result === 'object') return E.left(result)
    then()
    return E.right(undefined)
  }
  const file = (handle: Handle) => files.get(handle.path)
  return {
    files,
    steps: () => step,
    readBytes: (path) => {
      const found = files.get(path)
      return found === undefined ? E.left({ call: 'read', path, code: 'ENOENT' }) : E.right(found.bytes)
    },
    status: (path) => {
      const found = files.get(path)
      return E.right<SystemError, FileStatus | undefined>(
        found === undefined
          ? undefined
          : { mode: found.mode, uid: found.uid, gid: found.gid, links: found.links, isFile: true },
      )
    },
    realPath: (path) => path,
    makeDirectory: (path) => plain('mkdir', path, () => undefined),
    create: (path, mode) => {
      const result = tick('open', path)
      if (typeof result === 'object') return E.left(result)
      if (files.has(path)) return E.left({ call: 'open', path, code: 'EEXIST' })
      files.set(path, { bytes: new Uint8Array(), mode: 0o100000 | mode, uid: 1000, gid: 1000, links: 1 })
      const fd = next++
      open.set(fd, { path, chunks: [] })
      return E.right({ path, fd })
    },
    write: (handle, bytes, offset) => {
      const result = tick('write', handle.path)
      if (typeof result === 'object') return E.left(result)
      const target = file(handle)
      if (target === undefined || !open.has(handle.fd))
        return E.left({ call: 'write', path: handle.path, code: 'EBADF' })
      const remaining = bytes.length - offset
      const count = result === 'zero' ? 0 : result === 'short' ? Math.max(1, Math.floor(remaining / 2)) : remaining
      const grown = new Uint8Array(target.bytes.length + count)
      grown.set(target.bytes)
      grown.set(bytes.subarray(offset, offset + count), target.bytes.length)
      target.bytes = grown
      return E.right(count)
    },
    sync: (handle) => plain('fsync', handle.path, () => undefined),
    chmod: (handle, mode) =>
      plain('chmod', handle.path, () => {
        const target = file(handle)
        if (target !== undefined) target.mode = 0o100000 | mode
      }),
    chown: (handle, uid, gid) =>
      plain('chown', handle.path, () => {
        const target = file(handle)
        if (target !== undefined) Object.assign(target, { uid, gid })
      }),
    close: (handle) => plain('close', handle.path, () => void open.delete(handle.fd)),
    rename: (from, to) =>
      plain('rename', to, () => {
        const moved = files.get(from)
        if (moved === undefined) return
        files.delete(from)
        files.set(to, moved)
      }),
    remove: (path) => plain('unlink', path, () => void files.delete(path)),
    syncDirectory: (path) => plain('fsync', path, () => undefined),
    unique: () => 'test',
  }
}
