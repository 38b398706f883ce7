/**
 * The whole-journal running balances on two threads: the journal is cut at a transaction line
 * near its middle; a worker thread (`ParallelWorker.ts`) posts the later part, after the journal's
 * prelude, to its own running-only ledger (`ParallelPart.ts`) while this thread loads the earlier
 * part the usual way; then the later part's running balances are added exactly (`addRunning`),
 * and its balance assertions are settled against the earlier part's final balances.
 *
 * Exactness. The result is used only when it is the ledger loading the whole file would give:
 * - the prelude (up to the first line that starts with a digit) holds only account, commodity and
 *   decimal-mark directives, comments and blank lines, so both threads read it alike, and the lines
 *   after it start only with a date (`YYYY-MM-DD` then a blank), a blank, `;` or `#`, or are
 *   indented: nothing after the prelude changes how a later line is read, so the later part reads
 *   after the prelude as it reads after the earlier part;
 * - the earlier part loads with no diagnostic, no operation, statement, rule or setting, and the
 *   later part holds only transactions in date order, none dated before the earlier part's last
 *   date (so the loader's date order is the file order across the cut), and posts without error;
 * - no commodity is used as money in one part and goods in the other;
 * - every assertion of the later part holds against the earlier part's final balance plus the
 *   later part's own balance at its point (assignments and assertions beside other postings to
 *   their account are refused by the worker).
 * Anything else, including a file that is not plain UTF-8 without a byte-order mark, an include, a
 * read error or a worker that does not answer, returns the reason, and the caller loads the whole
 * file the usual way: so every error and warning is the usual path's own.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import { addRunning, kindConflict } from '../core/ledger/Running.js'
import * as Quantity from '../core/Quantity.js'
import * as Books from '../domain/Books.js'
import { decodeJournal } from './Encoding.js'
import type { FileSystem } from './FileSystem.js'
import * as Load from './Load.js'
import { type PartResult, partText, postPart, preludeHolds, type RecordedAssertion } from './ParallelPart.js'

/** Files from this size on are balanced on two threads by default (smaller ones do not repay the worker's start). */
export const parallelFromBytes = 16 * 1024 * 1024

/** The share of the body the main thread loads: it also reads the file, checks its part's lines and merges. */
export const defaultShare = 0.5

/**
 * How long to wait for the worker before loading the usual way: it answers about when this thread
 * is done with its own half, so 30 s plus ten times what this thread took is a safety net for a
 * worker that died (a thread blocked in `Atomics.wait` cannot hear its exit), not a deadline.
 */
const workerWaitMs = (elapsedMs: number): number => 30_000 + 10 * elapsedMs

/** What the worker is handed. */
export interface PartJob {
  readonly name: string
  /** The prelude's bytes (a copy). */
  readonly prelude: Uint8Array
  /** The journal's open file (the main thread's descriptor) and the byte range of the later part in it. */
  readonly fd: number
  readonly from: number
  readonly to: number
  /** `[0]`: 1 once the worker has answered; `[1]`: 1 once it is done reading `fd` (which may then be closed). */
  readonly signal: Int32Array
  /** When the worker answered (ms since the epoch), for tuning the cut. */
  readonly answeredAt: Float64Array
}

/** What the two-thread load gave: the merged running-only ledger (and where it cut), or why it declined. */
export type ParallelOutcome =
  | {
      readonly _tag: 'Merged'
      readonly ledger: Ledger.Ledger
      readonly split: number
      /**
       * For tuning the cut: how long this thread waited for the worker once its own part was loaded,
       * and how long before that the worker had answered (ms; one of them is about zero).
       */
      readonly waitedMs?: number
      readonly aheadMs?: number
    }
  | { readonly _tag: 'Declined'; readonly reason: string }

const declined = (reason: string): ParallelOutcome => ({ _tag: 'Declined', reason })

const isDigit = (code: number | undefined): boolean => code !== undefined && code >= 48 && code <= 57
const isBlankOrEnd = (code: number | undefined): boolean =>
  code === undefined || code === 32 || code === 9 || code === 10 || code === 13

/** Whether `bytes[at, at + 10)` is `YYYY-MM-DD` followed by a blank or the line end. */
const isDateAt = (bytes: Uint8Array, at: number, end: number): boolean =>
  at + 10 <= end &&
  isDigit(bytes[at]) &&
  isDigit(bytes[at + 1]) &&
  isDigit(bytes[at + 2]) &&
  isDigit(bytes[at + 3]) &&
  bytes[at + 4] === 45 &&
  isDigit(bytes[at + 5]) &&
  isDigit(bytes[at + 6]) &&
  bytes[at + 7] === 45 &&
  isDigit(bytes[at + 8]) &&
  isDigit(bytes[at + 9]) &&
  isBlankOrEnd(at + 10 < end ? bytes[at + 10] : undefined)

/** Compares the 10-byte dates at `a` and `b` (`YYYY-MM-DD` orders as bytes). */
const compareDates = (bytes: Uint8Array, a: number, b: number): number => {
  for (let offset = 0; offset < 10; offset++) {
    const difference = (bytes[a + offset] as number) - (bytes[b + offset] as number)
    if (difference !== 0) return difference
  }
  return 0
}

/** The offset of the first line that starts with a digit, or undefined. */
export const preludeEndOf = (bytes: Uint8Array, end: number): number | undefined => {
  for (let at = 0; at < end; ) {
    if (isDigit(bytes[at])) return at
    const newline = bytes.indexOf(10, at)
    if (newline < 0 || newline >= end) return undefined
    at = newline + 1
  }
  return undefined
}

/**
 * Checks the lines of `bytes[start, end)` (whole lines) after the prelude: each starts with a date,
 * a blank, `;` or `#`, or is indented. Returns the latest date, or the reason it cannot.
 */
export const scanBody = (
  bytes: Uint8Array,
  start: number,
  end: number,
): { readonly last: string | undefined } | { readonly reason: string } => {
  // A Buffer view: its indexOf is memchr, several times faster than a typed array's.
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let last = -1
  for (let at = start; at < end; ) {
    const code = bytes[at] as number
    if (isDigit(code)) {
      if (!isDateAt(bytes, at, end)) return { reason: `a dated line not in YYYY-MM-DD form at byte ${at}` }
      if (last < 0 || compareDates(bytes, at, last) > 0) last = at
    } else if (!(code === 32 || code === 9 || code === 10 || code === 13 || code === 59 || code === 35))
      return { reason: `a line that is not a transaction, comment or blank at byte ${at}` }
    const newline = lines.indexOf(10, at)
    if (newline < 0 || newline >= end) break
    at = newline + 1
  }
  return { last: last < 0 ? undefined : String.fromCharCode(...bytes.subarray(last, last + 10)) }
}

/** The start of the first date line at or after `from` (within the body), or undefined. */
export const splitAt = (bytes: Uint8Array, from: number, end: number): number | undefined => {
  let newline = bytes.indexOf(10, from > 0 ? from - 1 : 0)
  while (newline >= 0 && newline + 1 < end) {
    if (isDigit(bytes[newline + 1])) return newline + 1
    newline = bytes.indexOf(10, newline + 1)
  }
  return undefined
}

/** Whether a recorded assertion holds once the earlier part's final balances are added. */
const holds = (ledger: Ledger.Ledger, assertion: RecordedAssertion): boolean => {
  const before = Ledger.runningBalance(
    ledger,
    assertion.account as Parameters<typeof Ledger.runningBalance>[1],
    assertion.book,
    assertion.inclusive,
  ) as ReadonlyMap<string, Quantity.Quantity>
  const part = new Map(assertion.balance.map(([symbol, quantity]) => [symbol, Quantity.unsafeFromString(quantity)]))
  const at = (symbol: string): Quantity.Quantity =>
    Quantity.add(before.get(symbol) ?? Quantity.zero, part.get(symbol) ?? Quantity.zero)
  if (!Quantity.equals(at(assertion.commodity), Quantity.unsafeFromString(assertion.asserted))) return false
  if (!assertion.sole) return true
  for (const symbol of new Set([...before.keys(), ...part.keys()]))
    if (symbol !== assertion.commodity && !Quantity.isZero(at(symbol))) return false
  return true
}

// Plain (not shared) memory: typed-array reads and decoding of a SharedArrayBuffer are several times slower.
const readWhole = (path: string): Uint8Array | undefined => {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const stat = fstatSync(fd)
    if (!stat.isFile() || stat.size >= Load.pieceFromBytes) return undefined
    const view = Buffer.allocUnsafeSlow(stat.size)
    for (let done = 0; done < stat.size; ) {
      const read = readSync(fd, view, done, stat.size - done, done)
      if (read === 0) return undefined
      done += read
    }
    return view
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Bytes `[0, end)` of the open file `fd`, or undefined when it is shorter. */
const readHead = (fd: number, end: number): Uint8Array | undefined => {
  const view = Buffer.allocUnsafeSlow(end)
  for (let done = 0; done < end; ) {
    const read = readSync(fd, view, done, end - done, done)
    if (read === 0) return undefined
    done += read
  }
  return view
}

/** How far past the middle the main thread first reads to find the cut (the rest is the worker's to read). */
const cutMarginBytes = 1024 * 1024

/** The prelude's bytes followed by the later part's, in memory of their own (one copy). */
const partBytes = (view: Uint8Array, cut: Cut): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(new ArrayBuffer(cut.preludeEnd + view.length - cut.split))
  bytes.set(view.subarray(0, cut.preludeEnd))
  bytes.set(view.subarray(cut.split), cut.preludeEnd)
  return bytes
}

/** Options: the load options of the usual path (its file system must be Node's); `force` ignores the size threshold. */
export interface ParallelOptions {
  readonly load: Load.LoadOptions
  readonly force?: boolean
  readonly fromBytes?: number
  /** The share of the body this thread loads (the cut is at the first transaction after it); default `defaultShare`. */
  readonly share?: number
}

/** Where a journal is cut: the end of its prelude and the start of its later part. */
export interface Cut {
  readonly preludeEnd: number
  readonly split: number
}

/** The cut of a journal's bytes (a line starting with a date past the middle of its body), or why there is none. */
export const cutOf = (
  view: Uint8Array,
  options: Omit<ParallelOptions, 'load'>,
  size: number = view.length,
): Cut | { readonly reason: string } => {
  if (options.force !== true && size < (options.fromBytes ?? parallelFromBytes)) return { reason: 'a small file' }
  if (size === 0 || view[0] === 0xef || view[0] === 0xfe || view[0] === 0xff) return { reason: 'a byte-order mark' }
  if (view.subarray(0, 64).includes(0)) return { reason: 'a NUL byte at the start' }
  const preludeEnd = preludeEndOf(view, view.length)
  if (preludeEnd === undefined) return { reason: 'no dated line' }
  const share = options.share ?? defaultShare
  const split = splitAt(view, preludeEnd + Math.floor((size - preludeEnd) * share), view.length)
  if (split === undefined || split <= preludeEnd) return { reason: 'no dated line after the middle' }
  return { preludeEnd, split }
}

/**
 * The running-only ledger of the journal file `path` computed on two threads, or why not (then
 * load it the usual way). Never prints; never reports an error of the journal.
 */
export const runningInParallel = (path: string, options: ParallelOptions): ParallelOutcome => {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    return declined('not a readable file')
  }
  if (options.force !== true && size < (options.fromBytes ?? parallelFromBytes)) return declined('a small file')
  const script = new URL('./ParallelWorker.js', import.meta.url)
  // Run from the TypeScript sources (tests) there is no compiled worker: never wait for one that cannot start.
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return declined('no compiled worker')
  // The worker starts (and loads its modules) while this thread reads the file; it is sent its job after.
  const channel = new MessageChannel()
  let worker: Worker
  try {
    worker = new Worker(script, {
      workerData: { port: channel.port2 },
      transferList: [channel.port2],
      stdout: true,
      stderr: true,
    })
    worker.unref()
  } catch {
    channel.port1.close()
    return declined('no worker thread')
  }
  try {
    return withWorker(path, options, channel)
  } finally {
    channel.port1.close()
    void worker.terminate()
  }
}

const withWorker = (path: string, options: ParallelOptions, channel: MessageChannel): ParallelOutcome => {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return declined('not a readable file')
  }
  const signal = new Int32Array(new SharedArrayBuffer(8))
  let posted = false
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile() || stat.size >= Load.pieceFromBytes)
      return declined('not a file under the size of reading in pieces')
    const size = stat.size
    // The earlier half and a little more, so the cut is found; the worker reads the rest itself, from the same file.
    const share = options.share ?? defaultShare
    let view = readHead(fd, Math.min(size, Math.ceil(size * share) + cutMarginBytes))
    if (view === undefined) return declined('the file is shorter than it was')
    let cut = cutOf(view, options, size)
    if ('reason' in cut && view.length < size) {
      view = readHead(fd, size)
      if (view === undefined) return declined('the file is shorter than it was')
      cut = cutOf(view, options, size)
    }
    if ('reason' in cut) return declined(cut.reason)
    const job: PartJob = {
      name: path,
      prelude: view.slice(0, cut.preludeEnd),
      fd,
      from: cut.split,
      to: size,
      signal,
      answeredAt: new Float64Array(new SharedArrayBuffer(8)),
    }
    channel.port1.postMessage(job)
    posted = true
    let waitedMs = 0
    let startedAt = 0
    const begun = performance.now()
    const awaitPart = (): PartResult | undefined => {
      const started = performance.now()
      startedAt = performance.timeOrigin + started
      const woken = Atomics.wait(signal, 0, 0, workerWaitMs(started - begun))
      waitedMs = performance.now() - started
      if (woken === 'timed-out') return { ok: false, reason: 'no answer' }
      return receiveMessageOnPort(channel.port1)?.message as PartResult | undefined
    }
    const outcome = mergeParts(path, view.subarray(0, cut.split), cut, options.load, awaitPart)
    if (outcome._tag !== 'Merged') return outcome
    const answeredAt = job.answeredAt[0] ?? 0
    return { ...outcome, waitedMs, aheadMs: Math.max(0, startedAt - answeredAt) }
  } catch {
    return declined('the file could not be read')
  } finally {
    // The worker reads from this descriptor: close it only once the worker is done with it.
    if (posted) Atomics.wait(signal, 1, 0, workerWaitMs(0))
    closeSync(fd)
  }
}

/** `runningInParallel` with the later part posted on this thread, after the earlier one (for tests: no worker). */
export const runningInOneThread = (path: string, options: ParallelOptions): ParallelOutcome => {
  const view = readWhole(path)
  if (view === undefined) return declined('not a readable file under the size of reading in pieces')
  const cut = cutOf(view, options)
  if ('reason' in cut) return declined(cut.reason)
  return mergeParts(path, view, cut, options.load, () => {
    const text = partText(partBytes(view, cut))
    return text === undefined ? { ok: false, reason: 'not UTF-8' } : postPart(path, text)
  })
}

/** Loads the earlier part, takes the later part's result from `part`, and merges them, or says why not. */
export const mergeParts = (
  path: string,
  view: Uint8Array,
  cut: Cut,
  load: Load.LoadOptions,
  part: () => PartResult | undefined,
): ParallelOutcome => {
  const { preludeEnd, split } = cut
  const body = scanBody(view, preludeEnd, split)
  if ('reason' in body) return declined(body.reason)
  const text = decodeJournal(view.subarray(0, split))
  if (E.isLeft(text)) return declined('not UTF-8')
  const prelude = decodeJournal(view.subarray(0, preludeEnd))
  if (E.isLeft(prelude) || !preludeHolds(path, prelude.right)) return declined('a prelude with other directives')
  // Read through the port as the usual load reads the file, but only the earlier part (no re-encoding to count bytes).
  const { readPieces: _, ...port } = load.fileSystem
  const earlier: FileSystem = {
    ...port,
    readText: (name) => (name === path ? E.right(text.right) : port.readText(name)),
    size: (name) => (name === path ? E.right(split) : port.size(name)),
  }
  const loaded = Load.loadFile(path, { ...load, fileSystem: earlier, keepTransactions: false })
  if (E.isLeft(loaded)) return declined('the earlier part does not load')
  const first = loaded.right
  if (
    first.warnings.length > 0 ||
    first.reported.length > 0 ||
    first.settings.length > 0 ||
    first.expectations.length > 0 ||
    first.periodic.length > 0 ||
    first.autoRules.length > 0 ||
    first.sources.size !== 1 ||
    Books.internal(first.books).size > 0
  )
    return declined('the earlier part has warnings, operations, statements or rules')
  const later = part()
  if (later === undefined) return declined('the worker sent nothing')
  if (!later.ok) return declined(`the later part: ${later.reason}`)
  const result = later
  if (body.last !== undefined && result.firstDate < body.last)
    return declined('the later part starts before the earlier ends')
  if (kindConflict(first.ledger, result.summary) !== undefined) return declined('a commodity of two kinds')
  for (const assertion of result.assertions)
    if (!holds(first.ledger, assertion)) return declined('a balance assertion of the later part fails')
  return { _tag: 'Merged', ledger: addRunning(first.ledger, result.summary), split }
}
