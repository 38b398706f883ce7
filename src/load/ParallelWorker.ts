/**
 * The worker thread of `Parallel.ts`: decodes the journal's prelude and later part from the shared
 * bytes, posts them (`ParallelPart.postPart`), sends the result on its port and wakes the waiting
 * thread. Every failure is sent as a refusal, so the waiting thread never waits for nothing.
 */
import { type MessagePort, workerData } from 'node:worker_threads'
import type { PartJob } from './Parallel.js'
import type { PartResult } from './ParallelPart.js'

const { job, port } = workerData as { readonly job: PartJob; readonly port: MessagePort }

const answer = (result: PartResult): void => {
  port.postMessage(result)
  Atomics.store(job.signal, 0, 1)
  Atomics.notify(job.signal, 0)
  port.close()
}

try {
  const { partText, postPart } = await import('./ParallelPart.js')
  const text = partText(new Uint8Array(job.bytes), job.preludeEnd, job.split)
  answer(text === undefined ? { ok: false, reason: 'not UTF-8' } : postPart(job.name, text))
} catch (error) {
  answer({ ok: false, reason: `the worker failed: ${error instanceof Error ? error.message : String(error)}` })
}
