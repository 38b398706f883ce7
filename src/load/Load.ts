/**
 * Loading: read (through the file-system port, includes resolved in place) → parse →
 * elaborate → post in date order (stable, so file order breaks ties, as hledger does).
 *
 * Untrusted journals: includes are confined to `root` unless `root` is undefined, nested at
 * most `includeDepthMax` deep, and all files together may hold at most `bytesMax` bytes.
 * Cycles are detected on canonical paths.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { AccountType } from '../core/AccountName.js'
import * as Ledger from '../core/Ledger.js'
import * as SourceSpan from '../core/SourceSpan.js'
import * as Elaborate from '../journal/Elaborate.js'
import { parse } from '../journal/Parse.js'
import type * as Syntax from '../journal/Syntax.js'
import * as Diagnostic from './Diagnostic.js'
import type { FileSystem } from './FileSystem.js'

/** Includes nested deeper than this are an error. */
export const includeDepthMax = 32

/** Default cap on the bytes of all files of one load (1 GiB). */
export const journalBytesMax = 1024 * 1024 * 1024

/** Diagnostics reported by one load at most (the parser caps its own at 100 per file). */
export const diagnosticsMax = 200

export interface LoadOptions {
  readonly fileSystem: FileSystem
  /** Includes must stay inside this directory; undefined allows any path. */
  readonly root?: string
  readonly bytesMax?: number
  readonly rootNames?: ReadonlyMap<string, AccountType>
  /** Called with (bytes read, bytes total) while reading, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void
}

export interface Loaded {
  readonly ledger: Ledger.Ledger
  readonly elaborated: Elaborate.Elaborated
  readonly warnings: ReadonlyArray<Diagnostic.Diagnostic>
  /** Every file read, main file first, with its text (for rendering diagnostics and evidence). */
  readonly sources: ReadonlyMap<string, string>
}

export interface LoadFailure {
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic>
  readonly sources: ReadonlyMap<string, string>
}

interface ReadState {
  readonly options: LoadOptions
  readonly sources: Map<string, string>
  readonly diagnostics: Diagnostic.Diagnostic[]
  readonly nodes: Syntax.Node[]
  readonly active: Set<string>
  bytes: number
}

const readFile = (state: ReadState, path: string, depth: number, includedAt: SourceSpan.SourceSpan | undefined): void => {
  const { fileSystem } = state.options
  const bytesMax = state.options.bytesMax ?? journalBytesMax
  const canonical = fileSystem.canonical(path)
  if (E.isLeft(canonical)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(canonical.left, includedAt)))
    return
  }
  if (includedAt !== undefined) {
    if (state.options.root !== undefined && !fileSystem.isWithin(canonical.right, state.options.root)) {
      state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'IncludeOutsideRoot', span: includedAt, path, root: state.options.root }))
      return
    }
    if (state.active.has(canonical.right)) {
      state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'IncludeCycle', span: includedAt, path }))
      return
    }
    if (depth > includeDepthMax) {
      state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'IncludeTooDeep', span: includedAt, depthMax: includeDepthMax }))
      return
    }
  }
  const size = fileSystem.size(path)
  if (E.isLeft(size)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(size.left, includedAt)))
    return
  }
  if (state.bytes + size.right > bytesMax) {
    state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'JournalTooLarge', path, bytes: state.bytes + size.right, bytesMax, ...(includedAt !== undefined ? { span: includedAt } : {}) }))
    return
  }
  const text = fileSystem.readText(path)
  if (E.isLeft(text)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(text.left, includedAt)))
    return
  }
  state.bytes += size.right
  state.options.onProgress?.(state.bytes, state.bytes)
  parseInto(state, path, text.right, depth, canonical.right)
}

const parseInto = (state: ReadState, name: string, text: string, depth: number, canonical: string): void => {
  state.sources.set(name, text)
  state.active.add(canonical)
  const parsed = parse(name, text)
  for (const error of parsed.errors) state.diagnostics.push(Diagnostic.ofParseError(error))
  for (const node of parsed.nodes) {
    if (node._tag !== 'IncludeDirective') {
      state.nodes.push(node)
      continue
    }
    if (/[*?[]/u.test(node.path)) {
      state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'IncludeGlobNotSupported', span: node.span, path: node.path }))
      continue
    }
    readFile(state, state.options.fileSystem.resolve(name, node.path), depth + 1, node.span)
  }
  state.active.delete(canonical)
}

/** Sorts dated entries by date, keeping file order among equal dates. O(N) when already sorted. */
const byDate = (entries: ReadonlyArray<Elaborate.DatedEntry>): ReadonlyArray<Elaborate.DatedEntry> => {
  const dateOf = (entry: Elaborate.DatedEntry): string => (entry._tag === 'Transaction' ? entry.input.date : entry.syntax.date)
  let sorted = true
  for (let index = 1; index < entries.length && sorted; index++) sorted = dateOf(entries[index - 1] as Elaborate.DatedEntry) <= dateOf(entries[index] as Elaborate.DatedEntry)
  if (sorted) return entries
  return entries
    .map((entry, index) => ({ entry, index, date: dateOf(entry) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    .map((item) => item.entry)
}

/** Declares entities, commodities and accounts, then posts every entry in date order. */
const build = (elaborated: Elaborate.Elaborated, options: LoadOptions, diagnostics: Diagnostic.Diagnostic[]): Ledger.Ledger => {
  let ledger = Ledger.empty(options.rootNames !== undefined ? { rootNames: options.rootNames } : {})
  const declare = (result: E.Either<Ledger.DeclarationError, Ledger.Ledger>): void => {
    if (E.isLeft(result)) diagnostics.push(Diagnostic.ofPostingError(result.left))
    else ledger = result.right
  }
  for (const entity of elaborated.entities) declare(Ledger.declareEntity(entity)(ledger))
  for (const { commodity, span } of elaborated.commodities) declare(Ledger.declareCommodity(commodity, span)(ledger))
  for (const account of elaborated.accounts) declare(Ledger.declareAccount(account)(ledger))
  let failed = false
  for (const entry of byDate(elaborated.entries)) {
    if (diagnostics.length >= diagnosticsMax) break
    if (entry._tag === 'Operation') {
      diagnostics.push({ severity: 'error', tag: 'OperationUnavailable', span: entry.syntax.span, message: `operation "${entry.syntax.keyword}" cannot be applied yet` })
      failed = true
      continue
    }
    const result = Ledger.post(entry.input)(ledger)
    if (E.isRight(result)) {
      ledger = result.right
      continue
    }
    // After one failure, later assertion failures may only echo it: report local errors only.
    const isAssertion = result.left._tag === 'BalanceAssertionFailed' || result.left._tag === 'BalanceAssertionOtherCommodity'
    if (!(failed && isAssertion)) diagnostics.push(Diagnostic.ofPostingError(result.left))
    failed = true
  }
  return ledger
}

const finish = (state: ReadState, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const sources: ReadonlyMap<string, string> = state.sources
  const errors = state.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
  if (errors.length > 0) return E.left({ diagnostics: state.diagnostics.slice(0, diagnosticsMax), sources })
  const elaborated = Elaborate.elaborate(state.nodes)
  const diagnostics: Diagnostic.Diagnostic[] = [...elaborated.errors.map(Diagnostic.ofElaborateError)]
  const warnings = elaborated.warnings.map(Diagnostic.ofElaborateError)
  if (diagnostics.length > 0) return E.left({ diagnostics: [...diagnostics, ...warnings].slice(0, diagnosticsMax), sources })
  const ledger = build(elaborated, options, diagnostics)
  if (diagnostics.length > 0) return E.left({ diagnostics: [...diagnostics, ...warnings].slice(0, diagnosticsMax), sources })
  return E.right({ ledger, elaborated, warnings, sources })
}

const newState = (options: LoadOptions): ReadState => ({ options, sources: new Map(), diagnostics: [], nodes: [], active: new Set(), bytes: 0 })

/** Loads a journal file and everything it includes. */
export const loadFile = (path: string, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const state = newState(options)
  readFile(state, path, 0, undefined)
  return finish(state, options)
}

/** Loads journal text held in memory; includes are read through the port relative to `name`. */
export const loadText = (name: string, text: string, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const state = newState(options)
  parseInto(state, name, text, 0, name)
  return finish(state, options)
}

/** Renders every diagnostic of a failure, in order, separated by blank lines. */
export const renderFailure = (failure: LoadFailure): string => failure.diagnostics.map((diagnostic) => Diagnostic.render(diagnostic, failure.sources)).join('\n\n')
