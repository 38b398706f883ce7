/**
 * The lock file of `appendTransactions` (`JOURNAL.lock`, holding the holder's process id), taken and
 * released through the write port (WriteFileSystem.ts), so that tests inject faults into it too.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { SystemError, WriteFileSystem } from './WriteFileSystem.js'

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

const holderOf = (fs: WriteFileSystem, lock: string): number | undefined => {
  const bytes = fs.readBytes(lock)
  return E.isLeft(bytes) ? undefined : Number(new TextDecoder().decode(bytes.right).trim())
}

/** Releases a lock: removes the lock file. */
export type Release = () => E.Either<SystemError, void>

/**
 * Takes `FILE.lock` (created exclusively, holding the pid); a lock left by a dead process is taken
 * over. Right of undefined when another live process holds it past `timeoutMs`.
 */
export const lockFile = (
  fs: WriteFileSystem,
  file: string,
  timeoutMs: number,
): E.Either<SystemError, Release | undefined> => {
  const lock = `${file}.lock`
  const deadline = Date.now() + timeoutMs
  const pid = new TextEncoder().encode(`${process.pid}\n`)
  for (;;) {
    const created = fs.create(lock, 0o644)
    if (E.isRight(created)) {
      const handle = created.right
      let offset = 0
      while (offset < pid.length) {
        const written = fs.write(handle, pid, offset)
        const error: SystemError | undefined = E.isLeft(written)
          ? written.left
          : written.right <= 0
            ? { call: 'write', path: lock, code: 'ENOSPC' }
            : undefined
        if (error !== undefined) {
          fs.close(handle)
          fs.remove(lock)
          return E.left(error)
        }
        offset += E.isRight(written) ? written.right : 0
      }
      const closed = fs.close(handle)
      if (E.isLeft(closed)) {
        fs.remove(lock)
        return E.left(closed.left)
      }
      return E.right(() => fs.remove(lock))
    }
    if (created.left.code !== 'EEXIST') return E.left(created.left)
    const holder = holderOf(fs, lock)
    if (holder === undefined) {
      if (Date.now() >= deadline) return E.right(undefined)
      continue
    }
    if (Number.isSafeInteger(holder) && holder > 0 && !alive(holder)) {
      // Take over a dead holder's lock only while it is still that holder's (another waiter may
      // have taken it over already); the window between this read and the removal is tiny.
      if (holderOf(fs, lock) === holder) fs.remove(lock)
      continue
    }
    if (Date.now() >= deadline) return E.right(undefined)
    sleep(20)
  }
}
