/**
 * Whether `balance` reads a large journal on two threads (`src/load/Parallel.ts`), and doing it.
 * Only for a journal file read as strict UTF-8 through Node's file system, without `--root`,
 * `--strict`, `--view` or `--encoding`; the result is the ledger the usual load gives, or undefined
 * (then the caller loads the usual way, which prints every diagnostic itself).
 *
 * `SHADOW_LEDGER_PARALLEL`: `off` never, `force` whatever the size (for tests), else from
 * `parallelFromBytes`. `SHADOW_LEDGER_PARALLEL_TRACE=1` says on stderr which path was taken (`=wait`:
 * also how long either thread waited for the other). `SHADOW_LEDGER_PARALLEL_SHARE` (between 0 and 1,
 * default `defaultShare`) moves the cut, for measuring.
 */
import type * as Ledger from '../core/Ledger.js'
import * as Load from '../load/Load.js'
import { runningInParallel } from '../load/Parallel.js'
import type { Context } from './common.js'

export const parallelLedger = (context: Context, file: string): Ledger.Ledger | undefined => {
  const env = context.io.env
  const mode = env?.['SHADOW_LEDGER_PARALLEL']
  const trace = env?.['SHADOW_LEDGER_PARALLEL_TRACE'] === '1'
  const say = (text: string): void => {
    if (trace) context.io.stderr(`parallel: ${text}\n`)
  }
  if (mode === 'off') return undefined
  const shareText = env?.['SHADOW_LEDGER_PARALLEL_SHARE']
  const share = shareText === undefined ? undefined : Number(shareText)
  if (
    file === '-' ||
    context.io.fileSystem !== undefined ||
    context.encoding !== undefined ||
    context.root !== undefined ||
    context.strict === true ||
    context.view !== undefined
  ) {
    say('declined: standard input, another file system or a reading option')
    return undefined
  }
  const outcome = runningInParallel(file, {
    load: { fileSystem: context.fileSystem(), bytesMax: Load.localJournalBytesMax },
    force: mode === 'force',
    ...(share !== undefined && share > 0 && share < 1 ? { share } : {}),
  })
  if (outcome._tag === 'Declined') {
    say(`declined: ${outcome.reason}`)
    return undefined
  }
  say(`merged at byte ${outcome.split}`)
  if (env?.['SHADOW_LEDGER_PARALLEL_TRACE'] === 'wait')
    context.io.stderr(
      `parallel: waited ${outcome.waitedMs?.toFixed(0)} ms for the worker, which answered ` +
        `${outcome.aheadMs?.toFixed(0)} ms before the wait\n`,
    )
  return outcome.ledger
}
