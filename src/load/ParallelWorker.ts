/**
 * The worker thread of `Parallel.ts`: started before the journal is read (so its modules load
 * meanwhile), it waits for its job on its port, reads the later part from the main thread's open
 * file descriptor (and says so, so the descriptor can be closed), decodes it after the prelude it
 * was sent, posts them (`ParallelPart.postPart`), sends the result on the port and wakes the
 * waiting thread. Every failure is sent as a refusal, so the waiting thread never waits for
 * nothing; a closed port (the journal was not cut after all) ends the worker.
 */
import { readSync } from 'node:fs'
import { type MessagePort, workerData } from 'node:worker_threads'
import type { PartJob } from './Parallel.js'
import type { PartResult } from './ParallelPart.js'

const { port } = workerData as { readonly port: MessagePort }
const part = import('./ParallelPart.js')
// An unused rejection would end the thread before the job arrives; it is reported with the job.
part.catch(() => undefined)

/** The prelude and the later part's bytes `[from, to)` of the main thread's open file, in one buffer. */
const readPart = (job: PartJob): Uint8Array | undefined => {
  try {
    const bytes = new Uint8Array(job.prelude.length + job.to - job.from)
    bytes.set(job.prelude)
    for (let done = job.prelude.length; done < bytes.length; ) {
      const read = readSync(job.fd, bytes, done, bytes.length - done, job.from + done - job.prelude.length)
      if (read === 0) return undefined
      done += read
    }
    return bytes
  } catch {
    return undefined
  } finally {
    Atomics.store(job.signal, 1, 1)
    Atomics.notify(job.signal, 1)
  }
}

port.once('message', async (job: PartJob) => {
  const answer = (result: PartResult): void => {
    port.postMessage(result)
    job.answeredAt[0] = performance.timeOrigin + performance.now()
    Atomics.store(job.signal, 0, 1)
    Atomics.notify(job.signal, 0)
    port.close()
  }
  try {
    const bytes = readPart(job)
    const { partText, postPart } = await part
    const text = bytes === undefined ? undefined : partText(bytes)
    answer(text === undefined ? { ok: false, reason: 'not UTF-8, or not read' } : postPart(job.name, text))
  } catch (error) {
    answer({ ok: false, reason: `the worker failed: ${error instanceof Error ? error.message : String(error)}` })
  }
})
port.once('close', () => port.close())
