/**
 * The write port (WriteFileSystem.ts) on Node's `fs`: each call's error becomes a `SystemError`
 * value with the system's code; nothing here retries or hides a result.
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { FileStatus, Handle, SystemError, WriteFileSystem } from './WriteFileSystem.js'

const codeOf = (error: unknown): string => (error as { code?: string }).code ?? String(error)

const attempt = <A>(call: string, path: string, run: () => A): E.Either<SystemError, A> => {
  try {
    return E.right(run())
  } catch (error) {
    return E.left({ call, path, code: codeOf(error) })
  }
}

/** Opens `path` read-only and flushes it (a directory's entries, or a file's bytes). */
const syncPath = (path: string): E.Either<SystemError, void> =>
  attempt('fsync', path, () => {
    const handle = openSync(path, 'r')
    try {
      fsyncSync(handle)
    } finally {
      closeSync(handle)
    }
  })

/** The write port on Node's `fs`. */
export const nodeWriteFileSystem: WriteFileSystem = {
  readBytes: (path) => attempt('read', path, () => new Uint8Array(readFileSync(path))),
  status: (path) => {
    try {
      const status = statSync(path)
      return E.right<SystemError, FileStatus | undefined>({
        mode: status.mode,
        uid: status.uid,
        gid: status.gid,
        links: status.nlink,
        isFile: status.isFile(),
        isDirectory: status.isDirectory(),
      })
    } catch (error) {
      return codeOf(error) === 'ENOENT' ? E.right(undefined) : E.left({ call: 'stat', path, code: codeOf(error) })
    }
  },
  realPath: (path) => {
    try {
      return realpathSync(path)
    } catch {
      return path
    }
  },
  makeDirectory: (path) => attempt('mkdir', path, () => void mkdirSync(path, { recursive: true })),
  createDirectory: (path) => attempt('mkdir', path, () => void mkdirSync(path)),
  list: (path) => attempt('readdir', path, () => readdirSync(path)),
  removeDirectory: (path) => attempt('rmdir', path, () => rmdirSync(path)),
  syncFile: (path) => syncPath(path),
  create: (path, mode) => attempt('open', path, (): Handle => ({ path, fd: openSync(path, 'wx', mode) })),
  write: (handle, bytes, offset) =>
    attempt('write', handle.path, () => writeSync(handle.fd, bytes, offset, bytes.length - offset)),
  sync: (handle) => attempt('fsync', handle.path, () => fsyncSync(handle.fd)),
  chmod: (handle, mode) => attempt('chmod', handle.path, () => fchmodSync(handle.fd, mode)),
  chown: (handle, uid, gid) => attempt('chown', handle.path, () => fchownSync(handle.fd, uid, gid)),
  close: (handle) => attempt('close', handle.path, () => closeSync(handle.fd)),
  rename: (from, to) => attempt('rename', to, () => renameSync(from, to)),
  remove: (path) => attempt('unlink', path, () => unlinkSync(path)),
  syncDirectory: (path) => syncPath(path),
  unique: () => `${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`,
}
