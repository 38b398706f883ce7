/**
 * `export FILE --format json` and `import FILE.json [--print]`: the JSON interchange document
 * (src/journal/Json.ts) on the command line.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import * as Books from '../domain/Books.js'
import { exportDocument } from '../journal/Json.js'
import * as Print from '../journal/Print.js'
import { renderEncodingProblem } from '../load/Encoding.js'
import { memoryFileSystem } from '../load/FileSystem.js'
import { type Imported, importJson, renderImportError } from '../load/Import.js'
import { type Loaded, loadText } from '../load/Load.js'
import { renderWriteError, writeFileAtomic } from '../load/WriteFileSystem.js'
import { type Context, exitCodes } from './common.js'

/**
 * Writes the loaded ledger as the versioned JSON document, pretty-printed: to standard output, or atomically to `out`.
 */
export const exportCommand = (context: Context, loaded: Loaded, out?: string): void => {
  const text = `${JSON.stringify(exportDocument(loaded), null, 2)}\n`
  if (out === undefined) context.io.stdout(text)
  else write(context, out, text)
}

const write = (context: Context, out: string, text: string): void => {
  const written = writeFileAtomic(context.writeFileSystem, out, text)
  if (E.isLeft(written)) {
    context.io.stderr(`error: ${renderWriteError(out, written.left)}\n`)
    context.exitCode = exitCodes.io
  }
}

const summary = (imported: Imported): string => {
  const operations = Books.history(imported.books).length
  const transactions = imported.ledger.size
  const accounts = Ledger.accounts(imported.ledger).length
  return (
    `${transactions} transaction${transactions === 1 ? '' : 's'} (${operations} from ` +
    `operation${operations === 1 ? '' : 's'}), ${accounts} accounts, ${imported.books.documents.size} ` +
    `documents, ${imported.books.plans.size} plans`
  )
}

/**
 * Reads a JSON document and loads it: prints a summary, or with `print` the elaborated journal (to `out` when given,
 * atomically).
 */
export const importCommand = (context: Context, file: string, print: boolean, out?: string): void => {
  const text = context.fileSystem().readText(file)
  if (E.isLeft(text)) {
    const error = text.left
    context.io.stderr(
      `error: ` +
        (error._tag === 'FileNotFound'
          ? `file not found: ${error.path}`
          : error._tag === 'NotAFile'
            ? `not a file: ${error.path}`
            : error._tag === 'InvalidEncoding'
              ? `${error.path}: ${renderEncodingProblem(error.problem)}`
              : `cannot read ${error.path} (${error.reason})`) +
        ` (${error._tag})\n`,
    )
    context.exitCode = exitCodes.io
    return
  }
  const imported = importJson(text.right, { name: file })
  if (E.isLeft(imported)) {
    const lines = renderImportError(imported.left).split('\n')
    context.io.stderr(`${lines.map((line) => `${file}: error: ${line} (${imported.left._tag})`).join('\n')}\n`)
    context.exitCode = exitCodes.data
    return
  }
  if (!print) {
    context.io.stdout(`ok: ${summary(imported.right)}\n`)
    return
  }
  const printed = Print.print(imported.right.ledger)
  const unsafe = firstUnfaithful(imported.right.ledger, printed)
  if (unsafe !== undefined) {
    context.io.stderr(
      `${file}: error: transaction ${unsafe + 1} would not read back as the document wrote it (a ` +
        `description, code or comment that journal syntax cannot hold); nothing was printed ` +
        `(JournalTextUnsafe)\n`,
    )
    context.exitCode = exitCodes.data
    return
  }
  if (out === undefined) context.io.stdout(printed)
  else write(context, out, printed)
}

/**
 * The index of the first transaction that the printed journal does not read back to (the same
 * printed form), or undefined when every one reads back: the last guard against journal injection
 * through a document's texts, behind the codecs' checks (src/journal/Json.ts).
 */
const firstUnfaithful = (ledger: Ledger.Ledger, printed: string): number | undefined => {
  const original = Ledger.transactions(ledger)
  const reloaded = loadText('printed.journal', printed, { fileSystem: memoryFileSystem(new Map()) })
  const again = E.isRight(reloaded) ? Ledger.transactions(reloaded.right.ledger) : []
  for (let index = 0; index < Math.max(original.length, again.length); index++) {
    const before = original[index]
    const after = again[index]
    if (before === undefined || after === undefined || Print.transactionText(before) !== Print.transactionText(after))
      return index
  }
  return undefined
}
