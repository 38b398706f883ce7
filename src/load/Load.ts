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
import * as Apply from '../domain/Apply.js'
import * as Books from '../domain/Books.js'
import * as DomainError from '../domain/DomainError.js'
import type { Expectation, ReportedFigure, RuleSetting } from '../domain/Statements.js'
import * as Elaborate from '../journal/Elaborate.js'
import * as Operations from '../journal/Operations.js'
import * as Plans from '../journal/Plans.js'
import * as Statements from '../journal/Statements.js'
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
  /** The ledger of `books` (both books of every entity). */
  readonly ledger: Ledger.Ledger
  /** The ledger with the domain state: documents, plans, history of operations. */
  readonly books: Books.Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly expectations: ReadonlyArray<Expectation>
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

const dateOf = (entry: Elaborate.DatedEntry): string => {
  switch (entry._tag) {
    case 'Transaction':
      return entry.input.date
    case 'Operation':
    case 'Count':
      return entry.syntax.date
    case 'Plan':
      return entry.syntax.period.start
  }
}

/** Sorts dated entries by date, keeping file order among equal dates. O(N) when already sorted. */
const byDate = (entries: ReadonlyArray<Elaborate.DatedEntry>): ReadonlyArray<Elaborate.DatedEntry> => {
  let sorted = true
  for (let index = 1; index < entries.length && sorted; index++) sorted = dateOf(entries[index - 1] as Elaborate.DatedEntry) <= dateOf(entries[index] as Elaborate.DatedEntry)
  if (sorted) return entries
  return entries
    .map((entry, index) => ({ entry, index, date: dateOf(entry) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    .map((item) => item.entry)
}

const statementDiagnostic = (error: Statements.StatementError): Diagnostic.Diagnostic => ({ severity: 'error', tag: error._tag, span: error.span, message: Statements.message(error) })
const planDiagnostic = (error: Plans.PlanError): Diagnostic.Diagnostic => ({ severity: 'error', tag: error._tag, span: error.span, message: Plans.message(error) })
const operationDiagnostic = (error: Operations.OperationError): Diagnostic.Diagnostic => ({ severity: 'error', tag: error._tag, span: error.span, message: Operations.message(error) })
const domainDiagnostic = (error: DomainError.DomainError, span: SourceSpan.SourceSpan): Diagnostic.Diagnostic => ({ severity: 'error', tag: error._tag, span, message: DomainError.renderDomainError(error) })

interface Built {
  readonly books: Books.Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly expectations: ReadonlyArray<Expectation>
}

/**
 * Declares entities, commodities and accounts; then applies every dated entry in date order:
 * transactions are posted, plans, counts and operation lines become domain operations.
 */
const build = (elaborated: Elaborate.Elaborated, options: LoadOptions, diagnostics: Diagnostic.Diagnostic[], warnings: Elaborate.ElaborateWarning[]): Built => {
  let ledger = Ledger.empty(options.rootNames !== undefined ? { rootNames: options.rootNames } : {})
  const declare = (result: E.Either<Ledger.DeclarationError, Ledger.Ledger>): void => {
    if (E.isLeft(result)) diagnostics.push(Diagnostic.ofPostingError(result.left))
    else ledger = result.right
  }
  for (const entity of elaborated.entities) declare(Ledger.declareEntity(entity)(ledger))
  for (const { commodity, span } of elaborated.commodities) declare(Ledger.declareCommodity(commodity, span)(ledger))
  for (const account of elaborated.accounts) declare(Ledger.declareAccount(account)(ledger))
  const entityNames = new Set<string>(elaborated.entities.map((entity) => entity.name))

  // Statements: rule settings, reported figures and expectations.
  const statementErrors: Statements.StatementError[] = []
  const reported = elaborated.reported.flatMap((node) => Statements.reportedFigure(node, entityNames, statementErrors, warnings) ?? [])
  const settings = elaborated.params.flatMap((node) => Statements.ruleSetting(node, statementErrors) ?? [])
  const expectations = elaborated.expectations.flatMap((node) => Statements.expectation(node, entityNames, statementErrors, warnings) ?? [])
  diagnostics.push(...statementErrors.map(statementDiagnostic))

  // Plans merge money and units lines first, so each is applied once, at its first line.
  const planErrors: Plans.PlanError[] = []
  const plans = new Map<Syntax.PlanDirective, Plans.Located>()
  const located = Plans.setPlans(elaborated.plans, entityNames, planErrors, warnings)
  for (const plan of located) {
    const node = elaborated.plans.find((candidate) => candidate.span === plan.span)
    if (node !== undefined) plans.set(node, plan)
  }
  let books = Books.fromLedger(ledger)
  let failed = false
  let countOrdinal = 0
  const applyLocated = (step: Plans.Located): void => {
    const result = Apply.apply(step.operation, { span: step.span, citations: step.citations, estimated: step.estimated, frozenDebits: 'record' })(books)
    if (E.isRight(result)) {
      books = result.right
      return
    }
    failed = true
    const error = result.left
    diagnostics.push(isPostingError(error) ? Diagnostic.ofPostingError(error) : domainDiagnostic(error, step.span))
  }
  for (const entry of byDate(elaborated.entries)) {
    if (diagnostics.length >= diagnosticsMax) break
    switch (entry._tag) {
      case 'Transaction': {
        const result = Books.postTransaction(entry.input)(books)
        if (E.isRight(result)) {
          books = result.right
          break
        }
        // After one failure, later assertion failures may only echo it: report local errors only.
        const isAssertion = result.left._tag === 'BalanceAssertionFailed' || result.left._tag === 'BalanceAssertionOtherCommodity'
        if (!(failed && isAssertion)) diagnostics.push(Diagnostic.ofPostingError(result.left))
        failed = true
        break
      }
      case 'Plan': {
        const plan = plans.get(entry.syntax)
        if (plan !== undefined) applyLocated(plan)
        break
      }
      case 'Count': {
        const count = Plans.physicalCount(entry.syntax, books.ledger.declarations, ++countOrdinal, planErrors, warnings)
        if (count !== undefined) applyLocated(count)
        break
      }
      case 'Operation': {
        const operation = Operations.elaborateOperation(entry.syntax, { declarations: books.ledger.declarations, currency: books.currency }, warnings)
        if (E.isLeft(operation)) {
          diagnostics.push(...operation.left.map(operationDiagnostic))
          failed = true
        } else applyLocated(operation.right)
        break
      }
    }
  }
  diagnostics.push(...planErrors.map(planDiagnostic))
  return { books, reported, settings, expectations }
}

const isPostingError = (error: DomainError.DomainError | Ledger.PostingError): error is Ledger.PostingError =>
  (Ledger.postingErrorTags as ReadonlyArray<string>).includes(error._tag)

const finish = (state: ReadState, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const sources: ReadonlyMap<string, string> = state.sources
  const errors = state.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
  if (errors.length > 0) return E.left({ diagnostics: state.diagnostics.slice(0, diagnosticsMax), sources })
  const elaborated = Elaborate.elaborate(state.nodes)
  const diagnostics: Diagnostic.Diagnostic[] = [...elaborated.errors.map(Diagnostic.ofElaborateError)]
  const warningList: Elaborate.ElaborateWarning[] = [...elaborated.warnings]
  if (diagnostics.length > 0) return E.left({ diagnostics: [...diagnostics, ...warningList.map(Diagnostic.ofElaborateError)].slice(0, diagnosticsMax), sources })
  const built = build(elaborated, options, diagnostics, warningList)
  const warnings = warningList.map(Diagnostic.ofElaborateError)
  if (diagnostics.length > 0) return E.left({ diagnostics: [...sortDiagnostics(diagnostics), ...warnings].slice(0, diagnosticsMax), sources })
  return E.right({ ledger: built.books.ledger, books: built.books, reported: built.reported, settings: built.settings, expectations: built.expectations, elaborated, warnings, sources })
}

/** Orders diagnostics by file, line and column, so every run prints them the same way. */
const sortDiagnostics = (diagnostics: ReadonlyArray<Diagnostic.Diagnostic>): ReadonlyArray<Diagnostic.Diagnostic> =>
  diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => {
      const x = a.diagnostic.span
      const y = b.diagnostic.span
      if (x === undefined || y === undefined) return a.index - b.index
      return SourceSpan.compare(x, y) || a.index - b.index
    })
    .map((item) => item.diagnostic)

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
