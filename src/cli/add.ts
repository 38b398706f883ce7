/**
 * `add JOURNAL [ENTRIES|-]`: appends journal entries after checking them against the whole
 * journal (load/Append.ts): locked, validated, atomic; refused with located errors and the
 * journal unchanged.
 */
import * as E from 'fp-ts/lib/Either.js'
import { appendTransactions, renderAppendError } from '../load/Append.js'
import * as Diagnostic from '../load/Diagnostic.js'
import { type Context, exitCodes } from './common.js'
import { readEntries } from './exchange.js'

export const addCommand = (
  context: Context,
  journal: string,
  source: string,
  flags: { readonly lockTimeout?: string },
): void => {
  const text = readEntries(context, source)
  if (text === undefined) return
  const timeout = flags.lockTimeout !== undefined ? Number(flags.lockTimeout) : undefined
  const appended = appendTransactions(journal, text, {
    entriesName: source === '-' ? '<stdin>' : source,
    fileSystem: context.fileSystem(),
    writeFileSystem: context.writeFileSystem,
    ...(timeout !== undefined && Number.isFinite(timeout) ? { lockTimeoutMs: timeout } : {}),
  })
  if (E.isLeft(appended)) {
    const error = appended.left
    if (error._tag === 'AppendRejected') {
      context.io.stderr(
        error.failure.diagnostics
          .map((diagnostic) => Diagnostic.render(diagnostic, error.failure.sources))
          .join('\n\n') + `\n`,
      )
    }
    context.io.stderr(`error: ${renderAppendError(error)}\n`)
    context.exitCode =
      error._tag === 'AppendRejected' || error._tag === 'NothingToAppend' ? exitCodes.data : exitCodes.io
    return
  }
  if (appended.right.lockLeft !== undefined)
    context.io.stderr(`warning: could not remove the lock ${appended.right.lockLeft}; the next writer takes it over\n`)
  context.io.stdout(`added to ${journal} at line ${appended.right.firstLine}\n`)
}
