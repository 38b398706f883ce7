/**
 * A service-style validator for untrusted journal text: the request carries the journal and any
 * files it includes; nothing touches the disk. Files live in an in-memory file system under a
 * sandbox directory, includes are confined to it (`root`), the total size is capped
 * (`bytesMax`), and the answer is JSON: `{ ok, summary?, diagnostics: [...] }`, each diagnostic
 * with its stable tag, location, message and the rendered excerpt.
 *
 * In your own project:
 *
 *     import { Ledger, loadFile, memoryFileSystem, renderDiagnostic, type Diagnostic } from 'shadow-ledger'
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type Diagnostic, Ledger, loadFile, memoryFileSystem, renderDiagnostic } from '../../src/index.js'

/** Where the request's files are mounted; includes may not leave it. */
const SANDBOX = '/sandbox'

/** The default cap on the bytes of all files of one request. */
export const requestBytesMax = 1_000_000

/** `{ "main": "books.journal", "files": { "books.journal": "…", "1936.journal": "…" } }` */
export const ValidationRequestCodec = t.type(
  { main: t.string, files: t.record(t.string, t.string) },
  'ValidationRequest',
)
export type ValidationRequest = t.TypeOf<typeof ValidationRequestCodec>

export interface DiagnosticJson {
  readonly severity: 'error' | 'warning'
  readonly tag: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly message: string
  /** `file:line:column: error: message (Tag)`, the source line and a caret. */
  readonly rendered: string
}

export interface ValidationResponse {
  readonly ok: boolean
  readonly summary?: {
    readonly transactions: number
    readonly postings: number
    readonly accounts: number
    readonly entities: number
    readonly files: number
  }
  readonly diagnostics: ReadonlyArray<DiagnosticJson>
}

/** A request file name: relative, without `..` or empty segments. */
const safeName = (name: string): boolean =>
  name.length > 0 &&
  !name.startsWith('/') &&
  name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')

const inSandbox = (name: string): string => `${SANDBOX}/${name}`
const outOfSandbox = (path: string): string => (path.startsWith(`${SANDBOX}/`) ? path.slice(SANDBOX.length + 1) : path)

const requestError = (message: string): ValidationResponse => ({
  ok: false,
  diagnostics: [{ severity: 'error', tag: 'InvalidRequest', message, rendered: `error: ${message} (InvalidRequest)` }],
})

const toJson = (diagnostic: Diagnostic, sources: ReadonlyMap<string, string>): DiagnosticJson => {
  const span = diagnostic.span
  const file = span === undefined ? undefined : outOfSandbox(span.file)
  return {
    severity: diagnostic.severity,
    tag: diagnostic.tag,
    ...(file !== undefined ? { file } : {}),
    ...(span !== undefined && span.line > 0 ? { line: span.line, column: span.column } : {}),
    message: diagnostic.message.replaceAll(`${SANDBOX}/`, ''),
    rendered: renderDiagnostic(diagnostic, sources).replaceAll(`${SANDBOX}/`, ''),
  }
}

/**
 * Validates an untrusted request (any JSON value). Never throws for bad input: a malformed
 * request, a file name that tries to leave the sandbox and every journal problem come back as
 * diagnostics.
 */
export const validateJournal = (request: unknown, options: { readonly bytesMax?: number } = {}): ValidationResponse => {
  const decoded = ValidationRequestCodec.decode(request)
  if (E.isLeft(decoded)) return requestError('expected { "main": string, "files": { name: text } }')
  const { main, files } = decoded.right
  const names = Object.keys(files)
  const unsafe = names.filter((name) => !safeName(name))
  if (unsafe.length > 0 || !safeName(main))
    return requestError(
      `file names must be relative paths inside the request: ${[...unsafe, ...(safeName(main) ? [] : [main])].map((name) => JSON.stringify(name)).join(', ')}`,
    )
  if (files[main] === undefined) return requestError(`the main file ${JSON.stringify(main)} is not among the files`)
  const fileSystem = memoryFileSystem(new Map(names.map((name) => [inSandbox(name), files[name] ?? ''])))
  // The main file is read through the port too, so `bytesMax` counts it.
  const loaded = loadFile(inSandbox(main), { fileSystem, root: SANDBOX, bytesMax: options.bytesMax ?? requestBytesMax })
  if (E.isLeft(loaded))
    return {
      ok: false,
      diagnostics: loaded.left.diagnostics.map((diagnostic) => toJson(diagnostic, loaded.left.sources)),
    }
  const { ledger, warnings, sources } = loaded.right
  const transactions = Ledger.transactions(ledger)
  return {
    ok: true,
    summary: {
      transactions: transactions.length,
      postings: transactions.reduce((sum, transaction) => sum + transaction.postings.length, 0),
      accounts: Ledger.accounts(ledger).length,
      entities: ledger.declarations.entities.size,
      files: sources.size,
    },
    diagnostics: warnings.map((diagnostic) => toJson(diagnostic, sources)),
  }
}

/**
 * The HTTP shape of the service: a request body in, a status and a JSON body out (200 valid,
 * 422 journal errors, 400 a malformed request). Wire it to any server (`node:http`, a worker…).
 */
export const handle = (body: string): { readonly status: 200 | 400 | 422; readonly body: string } => {
  let request: unknown
  try {
    request = JSON.parse(body)
  } catch {
    return { status: 400, body: JSON.stringify(requestError('the body is not JSON')) }
  }
  const response = validateJournal(request)
  const status = response.ok
    ? 200
    : response.diagnostics.some((diagnostic) => diagnostic.tag === 'InvalidRequest')
      ? 400
      : 422
  return { status, body: JSON.stringify(response) }
}
