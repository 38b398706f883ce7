/**
 * `export FILE --format json` and `import FILE.json [--print]`: the JSON interchange document
 * (src/journal/Json.ts) on the command line.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Ledger from '../core/Ledger.js'
import * as Books from '../domain/Books.js'
import { exportDocument } from '../journal/Json.js'
import * as Print from '../journal/Print.js'
import { type Imported, importJson, renderImportError } from '../load/Import.js'
import type { Loaded } from '../load/Load.js'
import { nodeFileSystem } from '../load/NodeFileSystem.js'
import { type Context, exitCodes } from './common.js'

/** The formats `export` writes. */
export const exportFormats = ['json'] as const

/** Writes the loaded ledger as the versioned JSON document, pretty-printed. */
export const exportCommand = (context: Context, loaded: Loaded): void => {
  context.io.stdout(`${JSON.stringify(exportDocument(loaded), null, 2)}\n`)
}

const summary = (imported: Imported): string => {
  const operations = Books.history(imported.books).length
  const transactions = imported.ledger.size
  const accounts = Ledger.accounts(imported.ledger).length
  return `${transactions} transaction${transactions === 1 ? '' : 's'} (${operations} from operation${operations === 1 ? '' : 's'}), ${accounts} accounts, ${imported.books.documents.size} documents, ${imported.books.plans.size} plans`
}

/** Reads a JSON document and loads it: prints a summary, or with `print` the elaborated journal. */
export const importCommand = (context: Context, file: string, print: boolean): void => {
  const text = nodeFileSystem.readText(file)
  if (E.isLeft(text)) {
    const error = text.left
    context.io.stderr(`error: ${error._tag === 'FileNotFound' ? `file not found: ${error.path}` : error._tag === 'NotAFile' ? `not a file: ${error.path}` : `cannot read ${error.path} (${error.reason})`} (${error._tag})\n`)
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
  context.io.stdout(print ? Print.print(imported.right.ledger) : `ok: ${summary(imported.right)}\n`)
}
