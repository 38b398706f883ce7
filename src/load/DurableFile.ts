/**
 * The file writes of shadow-ledger, in one place: an atomic replace (temporary file, fsync,
 * rename, fsync of the directory) and an exclusive lock file. `add`, `import csv --append`,
 * `appendTransactions` and the text exports write only through `durableWriter`, so that the
 * shared write interface (WriteFileSystem.ts, with fault injection) can stand behind all of
 * them by replacing this object.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Writes a file durably; errors are thrown as Node errors and turned into values by the caller. */
export interface DurableWriter {
  /** Replaces `file` with `text` atomically: a reader or a crash sees the old text or the new, never a mix. */
  readonly replaceAtomic: (file: string, text: string) => void
  /**
   * Takes `file.lock` exclusively; returns the release, or undefined when another live process holds it past
   * `timeoutMs`.
   */
  readonly lock: (file: string, timeoutMs: number) => (() => void) | undefined
}

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

/**
 * Writes `text` to `file` atomically: a temporary file `.NAME.PID.MILLISECONDS.tmp` in the same
 * directory, flushed to disk, given the original's permissions, renamed over the original, then
 * the directory flushed. A process killed before the rename leaves the original as it was.
 */
export const writeFileAtomic = (file: string, text: string): void => {
  // Through a symbolic link, the file it points to is rewritten (the link stays a link).
  let path = file
  try {
    path = realpathSync(file)
  } catch {
    path = file
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  let mode: number | undefined
  try {
    mode = statSync(path).mode & 0o7777
  } catch {
    mode = undefined
  }
  const descriptor = openSync(temporary, 'wx', mode ?? 0o644)
  try {
    writeSync(descriptor, text)
    fsyncSync(descriptor)
  } catch (error) {
    closeSync(descriptor)
    unlinkSync(temporary)
    throw error
  }
  closeSync(descriptor)
  if (mode !== undefined) chmodSync(temporary, mode)
  renameSync(temporary, path)
  try {
    const directory = openSync(dirname(path), 'r')
    try {
      fsyncSync(directory)
    } finally {
      closeSync(directory)
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

/** Takes `FILE.lock` (created exclusively, holding the pid); a lock left by a dead process is taken over. */
export const lockFile = (file: string, timeoutMs: number): (() => void) | undefined => {
  const lock = `${file}.lock`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' })
      return () => {
        try {
          unlinkSync(lock)
        } catch {
          // already gone
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
    let holder = Number.NaN
    try {
      holder = Number(readFileSync(lock, 'utf8').trim())
    } catch {
      continue
    }
    if (Number.isSafeInteger(holder) && holder > 0 && !alive(holder)) {
      // Take over a dead holder's lock only while it is still that holder's (another waiter may
      // have taken it over already); the window between this read and the unlink is tiny.
      try {
        if (Number(readFileSync(lock, 'utf8').trim()) === holder) unlinkSync(lock)
      } catch {
        // another process took it over first
      }
      continue
    }
    if (Date.now() >= deadline) return undefined
    sleep(20)
  }
}

/** The writer every write path uses (see the module comment). */
export const durableWriter: DurableWriter = { replaceAtomic: writeFileAtomic, lock: lockFile }
