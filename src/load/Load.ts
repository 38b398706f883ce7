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
import { postUnchecked } from '../core/ledger/Post.js'
import * as SourceSpan from '../core/SourceSpan.js'
import * as Apply from '../domain/Apply.js'
import * as Books from '../domain/Books.js'
import type { Expectation, ReportedFigure, RuleSetting } from '../domain/Statements.js'
import type { View } from '../domain/Views.js'
import * as Elaborate from '../journal/Elaborate.js'
import * as Operations from '../journal/Operations.js'
import { type ParseContext, parseEach } from '../journal/Parse.js'
import * as Plans from '../journal/Plans.js'
import * as Statements from '../journal/Statements.js'
import type * as Syntax from '../journal/Syntax.js'
import { byDate } from './DateOrder.js'
import * as Diagnostic from './Diagnostic.js'
import { type EarlyPosting, foundOnly, newEarlyPosting, postEarly, prefixHolds } from './Early.js'
import { appliedCount, plansHold, scanPlanLines, scanPlanPieces } from './EarlyPlans.js'
import type { FileSystem, IoError, TextPieces } from './FileSystem.js'
import { globMatches, isGlob } from './Glob.js'
import { checkLoadInput } from './LoadGuard.js'
import { strictErrors } from './Strict.js'

/** Includes nested deeper than this are an error. */
export const includeDepthMax = 32

/** Default cap on the bytes of all files of one load (1 GiB). */
export const journalBytesMax = 1024 * 1024 * 1024

/**
 * The cap on the bytes of one load the CLI passes (64 GiB): it reads the user's own files, and
 * files from `pieceFromBytes` on are read in pieces, so no file has to fit in one string.
 */
export const localJournalBytesMax = 64 * 1024 * 1024 * 1024

/** Files of at least this many bytes (256 MiB) are read in pieces when the port can (`FileSystem.readPieces`). */
export const pieceFromBytes = 256 * 1024 * 1024

/** The bytes of one piece (32 MiB). */
export const pieceBytes = 32 * 1024 * 1024

/** Diagnostics reported by one load at most (the parser caps its own at 100 per file). */
export const diagnosticsMax = 200

/** How to load: the file-system port, the include sandbox (`root`), size limits, root names, progress. */
export interface LoadOptions {
  readonly fileSystem: FileSystem
  /** Includes must stay inside this directory; undefined allows any path. */
  readonly root?: string
  readonly bytesMax?: number
  /**
   * Reading large files in pieces (`FileSystem.readPieces`): files of at least `fromBytes` bytes
   * (default `pieceFromBytes`) are parsed piece by piece, `bytes` (default `pieceBytes`) at a time,
   * with the same result and diagnostics as reading them whole. Such a file's text is not kept:
   * its entry in `sources` is empty, so its diagnostics print without the source line.
   */
  readonly pieces?: { readonly fromBytes?: number; readonly bytes?: number }
  /**
   * False: no posting while parsing (`Early.ts`): the whole journal is elaborated, then built. The
   * result is the same either way (tests compare them); posting while parsing (the default) holds
   * less of a large journal at once.
   */
  readonly streaming?: boolean
  /**
   * For tests and benchmarks: called once the journal is read without errors, with how many entries
   * and plans (of them) were applied while parsing and kept (0: built from the whole journal).
   */
  readonly onStreamed?: (streamed: {
    readonly posted: number
    readonly plans: number
    /** What was applied while parsing was not what the rule applies: dropped, the journal elaborated again. */
    readonly rebuilt: boolean
  }) => void
  readonly rootNames?: ReadonlyMap<string, AccountType>
  /** False: a running-only ledger (`Ledger.EmptyOptions`), every transaction posted, none kept. Default true. */
  readonly keepTransactions?: boolean
  /**
   * Called while loading, for progress bars: with (bytes parsed, bytes read) about every MiB of
   * text parsed, and when a file has been read. The second figure grows as includes are read.
   */
  readonly onProgress?: (done: number, total: number) => void
  /**
   * Reject accounts and commodities that no `account` or `commodity` directive declares (the
   * `UndeclaredAccount` and `UndeclaredCommodity` errors of the `strict` layer; CLI `--strict`).
   */
  readonly strict?: boolean
  /**
   * Which view of the books to build: `reported` leaves out the transactions tagged `view: found`
   * (corrections found by inspectors, the bank or the reconstruction); `found` (the default)
   * keeps every transaction. Reported figures are all kept; `Views.inView` picks a view of them.
   */
  readonly view?: View
}

/**
 * A loaded journal: the ledger, the books with their documents and plans, the statements, warnings and source texts.
 */
export interface Loaded {
  /** The ledger of `books` (both books of every entity). */
  readonly ledger: Ledger.Ledger
  /** The ledger with the domain state: documents, plans, history of operations. */
  readonly books: Books.Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly expectations: ReadonlyArray<Expectation>
  /**
   * The view the books were built in (`LoadOptions.view`; found by default). Rules read `Views.inView(reported, view)`.
   */
  readonly view: View
  /**
   * The elaborated journal. Computed on first access, again from `sources` (the loader posts each
   * transaction and lets its elaborated input go, so a large journal is not held twice).
   */
  readonly elaborated: Elaborate.Elaborated
  /** hledger's periodic transaction rules (`~`): not in the books; `journal/Forecast.ts` generates them on request. */
  readonly periodic: ReadonlyArray<Elaborate.PeriodicRule>
  /** hledger's auto posting rules (`=`): not in the books; `journal/Forecast.ts` applies them on request. */
  readonly autoRules: ReadonlyArray<Elaborate.AutoRule>
  readonly warnings: ReadonlyArray<Diagnostic.Diagnostic>
  /**
   * Every file read, main file first, with its text (for rendering diagnostics and evidence); a
   * file read in pieces (`LoadOptions.pieces`) with an empty text.
   */
  readonly sources: ReadonlyMap<string, string>
}

/** Why a load failed: every diagnostic (errors and warnings), with the source texts to render them. */
export interface LoadFailure {
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic>
  readonly sources: ReadonlyMap<string, string>
}

interface ReadState {
  readonly options: LoadOptions
  /** The name the main file or text was read by. */
  readonly main: string
  readonly sources: Map<string, string>
  /** The files read in pieces (their `sources` text is empty). */
  readonly inPieces: Set<string>
  /** Where diagnostics go now: a file's include diagnostics wait until its parse errors are in. */
  diagnostics: Diagnostic.Diagnostic[]
  /** Takes every node, in file order, includes expanded in place, as it is parsed. */
  readonly elaborator: Elaborate.Elaborator
  readonly early: EarlyPosting
  /** The files being parsed whole, with the context each is read from (to read their plan lines ahead). */
  readonly reading: Map<string, { readonly text: string | undefined; readonly context: ParseContext | undefined }>
  readonly active: Set<string>
  /** Bytes of all files read so far (for `bytesMax`). */
  bytes: number
  /** For progress: bytes of text parsed so far, of all text read so far. */
  parsedBytes: number
  totalBytes: number
}

const readFile = (
  state: ReadState,
  path: string,
  depth: number,
  includedAt: SourceSpan.SourceSpan | undefined,
  context?: ParseContext,
): ParseContext | undefined => {
  const { fileSystem } = state.options
  const bytesMax = state.options.bytesMax ?? journalBytesMax
  // Outside the root is refused before the file system is asked anything, so that an
  // untrusted journal cannot learn which paths exist there (FileNotFound vs IncludeOutsideRoot).
  if (includedAt !== undefined && state.options.root !== undefined && !fileSystem.isWithin(path, state.options.root)) {
    state.diagnostics.push(
      Diagnostic.ofLoadError({ _tag: 'IncludeOutsideRoot', span: includedAt, path, root: state.options.root }),
    )
    return
  }
  const canonical = fileSystem.canonical(path)
  if (E.isLeft(canonical)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(canonical.left, includedAt)))
    return
  }
  if (includedAt !== undefined) {
    if (state.options.root !== undefined && !fileSystem.isWithin(canonical.right, state.options.root)) {
      state.diagnostics.push(
        Diagnostic.ofLoadError({ _tag: 'IncludeOutsideRoot', span: includedAt, path, root: state.options.root }),
      )
      return
    }
    if (state.active.has(canonical.right)) {
      state.diagnostics.push(Diagnostic.ofLoadError({ _tag: 'IncludeCycle', span: includedAt, path }))
      return
    }
    if (depth > includeDepthMax) {
      state.diagnostics.push(
        Diagnostic.ofLoadError({ _tag: 'IncludeTooDeep', span: includedAt, depthMax: includeDepthMax }),
      )
      return
    }
  }
  const size = fileSystem.size(path)
  if (E.isLeft(size)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(size.left, includedAt)))
    return
  }
  if (state.bytes + size.right > bytesMax) {
    state.diagnostics.push(
      Diagnostic.ofLoadError({
        _tag: 'JournalTooLarge',
        path,
        bytes: state.bytes + size.right,
        bytesMax,
        ...(includedAt !== undefined ? { span: includedAt } : {}),
      }),
    )
    return
  }
  const pieces = state.options.pieces
  if (fileSystem.readPieces !== undefined && size.right >= (pieces?.fromBytes ?? pieceFromBytes)) {
    const opened = fileSystem.readPieces(path, pieces?.bytes ?? pieceBytes)
    const first = E.flatMap((reader: TextPieces) => reader.next())(opened)
    if (E.isLeft(first)) {
      if (E.isRight(opened)) opened.right.close()
      state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(first.left, includedAt)))
      return
    }
    const reader = (opened as E.Right<TextPieces>).right
    let failure: IoError | undefined
    const more = (): string | undefined => {
      if (failure !== undefined) return undefined
      const piece = reader.next()
      if (E.isRight(piece)) return piece.right
      failure = piece.left
      return undefined
    }
    // What to undo if a later piece is refused.
    const mark = { diagnostics: state.diagnostics.length, sources: state.sources.size, bytes: state.bytes }
    state.bytes += size.right
    state.totalBytes += size.right
    state.options.onProgress?.(state.parsedBytes, state.totalBytes)
    state.inPieces.add(path)
    let read: ParseContext
    try {
      read = parseInto(state, path, first.right ?? '', depth, canonical.right, size.right, context, more)
    } finally {
      reader.close()
    }
    if (failure === undefined) return read
    // A piece the port refused: as if the whole file had been refused (`readText` fails before any
    // parsing): this file's parse errors, its includes and their bytes are dropped.
    state.diagnostics.length = mark.diagnostics
    for (const name of [...state.sources.keys()].slice(mark.sources)) {
      state.sources.delete(name)
      state.inPieces.delete(name)
    }
    state.bytes = mark.bytes
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(failure, includedAt)))
    return
  }
  const text = fileSystem.readText(path)
  if (E.isLeft(text)) {
    state.diagnostics.push(Diagnostic.ofLoadError(Diagnostic.fromIoError(text.left, includedAt)))
    return
  }
  state.bytes += size.right
  state.totalBytes += size.right
  state.options.onProgress?.(state.parsedBytes, state.totalBytes)
  return parseInto(state, path, text.right, depth, canonical.right, size.right, context)
}

/**
 * Parses one file and hands its nodes to the elaborator as they come, reading each include where
 * it stands. Diagnostics keep the order of a whole-file parse: the file's parse errors, then those
 * of its includes (and bad include lines) in file order.
 */
const parseInto = (
  state: ReadState,
  name: string,
  text: string,
  depth: number,
  canonical: string,
  bytes: number = text.length,
  context?: ParseContext,
  more?: () => string | undefined,
): ParseContext => {
  state.sources.set(name, more === undefined ? text : '')
  state.active.add(canonical)
  state.reading.set(name, { text: more === undefined ? text : undefined, context })
  const outer = state.diagnostics
  const included: Diagnostic.Diagnostic[] = []
  state.diagnostics = included
  const { onProgress } = state.options
  // Bytes of this file counted as parsed so far (offsets in code units, scaled to bytes).
  let own = 0
  // (in pieces the length is not known ahead: one byte per code unit, capped at the file's bytes)
  const perUnit = more !== undefined ? 1 : text.length === 0 ? 0 : bytes / text.length
  let nodes = 0
  const parsed = parseEach(
    name,
    text,
    (node, scope) => {
      nodes++
      if (node._tag !== 'IncludeDirective') {
        state.elaborator.add(node)
        return
      }
      if (isGlob(node.path)) {
        const matches = globMatches(state.options.fileSystem, state.options.fileSystem.resolve(name, node.path))
        if (matches === undefined || matches.length === 0) {
          state.diagnostics.push(
            Diagnostic.ofLoadError({
              _tag: matches === undefined ? 'IncludeGlobNotSupported' : 'FileNotFound',
              span: node.span,
              path: node.path,
            }),
          )
        }
        for (const match of (matches ?? []).filter((path) => path !== name)) {
          const child = readFile(state, match, depth + 1, node.span, scope.context())
          if (child !== undefined) scope.declareFrom(child)
        }
        return
      }
      // Directives cross the include as in hledger 1.25 (docs/JOURNAL.md): the includer's state flows
      // in, the included file's commodity declarations flow back.
      const child = readFile(
        state,
        state.options.fileSystem.resolve(name, node.path),
        depth + 1,
        node.span,
        scope.context(),
      )
      if (child !== undefined) scope.declareFrom(child)
    },
    onProgress === undefined
      ? { ...(context === undefined ? {} : { context }), ...(more === undefined ? {} : { more }) }
      : {
          ...(context === undefined ? {} : { context }),
          ...(more === undefined ? {} : { more }),
          onProgress: (offset) => {
            const now = Math.min(bytes, Math.round(offset * perUnit))
            state.parsedBytes += now - own
            own = now
            onProgress(Math.min(state.parsedBytes, state.totalBytes), state.totalBytes)
          },
        },
  )
  state.diagnostics = outer
  state.reading.delete(name)
  // An included file of which no line parses is not a journal (an include of /etc/passwd): its first error
  // only, so that error excerpts do not print a foreign file line by line.
  const foreign = depth > 0 && nodes === 0 && parsed.errors.length > 1
  for (const error of foreign ? parsed.errors.slice(0, 1) : parsed.errors) outer.push(Diagnostic.ofParseError(error))
  for (const diagnostic of included) outer.push(diagnostic)
  state.parsedBytes += bytes - own
  state.active.delete(canonical)
  return parsed.context
}

// -------------------------------------------------------------------------------------
// building
// -------------------------------------------------------------------------------------

const emptyOptions = (options: LoadOptions): Ledger.EmptyOptions => ({
  ...(options.rootNames !== undefined ? { rootNames: options.rootNames } : {}),
  // The strict check reads every posting after the load, so a strict load keeps its transactions.
  ...(options.keepTransactions === false && options.strict !== true ? { keepTransactions: false } : {}),
})

interface Built {
  readonly books: Books.Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly settings: ReadonlyArray<RuleSetting>
  readonly expectations: ReadonlyArray<Expectation>
}

/**
 * Declares entities, commodities and accounts; then applies every dated entry in date order:
 * transactions are posted, plans, counts and operation lines become domain operations. With
 * `start` (every declaration and the first entries already applied, see `EarlyPosting`), goes on
 * from there with the entries not yet applied (`elaborated.entries`).
 */
const build = (
  elaborated: Elaborate.Elaborated,
  options: LoadOptions,
  diagnostics: Diagnostic.Diagnostic[],
  warnings: Elaborate.ElaborateWarning[],
  start?: EarlyPosting,
  appliedPlans?: ReadonlySet<Syntax.PlanDirective>,
): Built => {
  let ledger = start?.ledger ?? Ledger.empty(emptyOptions(options))
  const declare = (result: E.Either<Ledger.DeclarationError, Ledger.Ledger>): void => {
    if (E.isLeft(result)) diagnostics.push(Diagnostic.ofDeclarationError(result.left))
    else ledger = result.right
  }
  if (start === undefined) {
    for (const entity of elaborated.entities) declare(Ledger.declareEntity(entity)(ledger))
    for (const { commodity, span } of elaborated.commodities) declare(Ledger.declareCommodity(commodity, span)(ledger))
    for (const account of elaborated.accounts) declare(Ledger.declareAccount(account)(ledger))
  }
  const entityNames = new Set<string>(elaborated.entities.map((entity) => entity.name))

  // Statements: rule settings, reported figures and expectations.
  const statementErrors: Statements.StatementError[] = []
  const reported = elaborated.reported.flatMap(
    (node) => Statements.reportedFigure(node, entityNames, statementErrors, warnings) ?? [],
  )
  // `param journal.…` settings are the journal's own (strict provenance), not a rule's.
  const settings = elaborated.params.flatMap((node) =>
    node.rule === 'journal' ? [] : (Statements.ruleSetting(node, statementErrors) ?? []),
  )
  const expectations = elaborated.expectations.flatMap(
    (node) => Statements.expectation(node, entityNames, statementErrors, warnings) ?? [],
  )
  diagnostics.push(...statementErrors.map(Diagnostic.ofStatementError))

  // Plans merge money and units lines first, so each is applied once, at its first line.
  const planErrors: Plans.PlanError[] = []
  const plans = new Map<Syntax.PlanDirective, Plans.Located>(
    Plans.setPlans(elaborated.plans, entityNames, planErrors, warnings).map((plan) => [plan.node, plan]),
  )
  // The warnings of the entries applied early come where applying them here would have put them.
  if (start !== undefined) warnings.push(...start.warnings)
  let books = start?.books === undefined ? Books.fromLedger(ledger) : Books.withLedger(start.books, ledger)
  let failed = false
  let countOrdinal = start?.counts ?? 0
  const applyLocated = (step: Plans.Located): void => {
    const result = Apply.apply(step.operation, {
      span: step.span,
      citations: step.citations,
      estimated: step.estimated,
      frozenDebits: 'record',
    })(books)
    if (E.isRight(result)) {
      books = result.right
      return
    }
    failed = true
    diagnostics.push(Diagnostic.ofBuildError(result.left, step.span))
  }
  // Runs of plain transactions are posted to the ledger directly and the books take the ledger
  // once per run (what `Books.postTransaction` does for each), before any other entry and at the end.
  let posted: Ledger.Ledger | undefined
  const settle = (): void => {
    if (posted === undefined) return
    books = Books.withLedger(books, posted)
    posted = undefined
  }
  // The entries are let go as they are applied (nothing else holds them), so the inputs of a large
  // journal do not stay alive beside the ledger they become.
  const owned = elaborated.entries as Array<Elaborate.DatedEntry | undefined>
  const ordered = byDate(elaborated.entries) as Array<Elaborate.DatedEntry | undefined>
  if (ordered !== owned) owned.length = 0
  for (let position = 0; position < ordered.length; position++) {
    const entry = ordered[position] as Elaborate.DatedEntry
    ordered[position] = undefined
    if (diagnostics.length >= diagnosticsMax) break
    if (entry._tag === 'Plan' && appliedPlans?.has(entry.syntax) === true) continue
    if (entry._tag !== 'Transaction') settle()
    switch (entry._tag) {
      case 'Transaction': {
        if (options.view === 'reported' && foundOnly(entry)) break
        const result = postUnchecked(entry.input)(posted ?? books.ledger)
        if (E.isRight(result)) {
          posted = result.right
          break
        }
        // After one failure, later assertion failures may only echo it: report local errors only.
        const isAssertion =
          result.left._tag === 'BalanceAssertionFailed' || result.left._tag === 'BalanceAssertionOtherCommodity'
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
        const operation = Operations.elaborateOperation(
          entry.syntax,
          { declarations: books.ledger.declarations, currency: books.currency },
          warnings,
        )
        if (E.isLeft(operation)) {
          diagnostics.push(...operation.left.map(Diagnostic.ofOperationError))
          failed = true
        } else applyLocated(operation.right)
        break
      }
    }
  }
  settle()
  ordered.length = 0
  diagnostics.push(...planErrors.map(Diagnostic.ofPlanError))
  return { books, reported, settings, expectations }
}

const finish = (state: ReadState, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const sources: ReadonlyMap<string, string> = state.sources
  const errors = state.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
  if (errors.length > 0) return E.left({ diagnostics: state.diagnostics.slice(0, diagnosticsMax), sources })
  let elaborated = state.elaborator.finish()
  const diagnostics: Diagnostic.Diagnostic[] = [...elaborated.errors.map(Diagnostic.ofElaborateError)]
  let warningList: Elaborate.ElaborateWarning[] = [...elaborated.warnings]
  if (diagnostics.length > 0)
    return E.left({
      diagnostics: [...diagnostics, ...warningList.map(Diagnostic.ofElaborateError)].slice(0, diagnosticsMax),
      sources,
    })
  const { early } = state
  let start: EarlyPosting | undefined
  let appliedPlans: ReadonlySet<Syntax.PlanDirective> | undefined
  if (early.posted > 0) {
    appliedPlans = prefixHolds(early, state.elaborator, elaborated.entries)
      ? plansHold(early.plans, elaborated, { date: early.lastDate, index: early.lastIndex })
      : undefined
    if (appliedPlans !== undefined) start = early
    else {
      // What was posted early is not what the rule posts: elaborate again, keeping every entry.
      elaborated = reelaborate(sources, state.main, options.fileSystem, state.inPieces, options)
      warningList = [...elaborated.warnings]
    }
  }
  options.onStreamed?.({
    posted: start === undefined ? 0 : start.posted,
    plans: start === undefined ? 0 : appliedCount(start.plans),
    rebuilt: start === undefined && early.posted > 0,
  })
  const built = build(elaborated, options, diagnostics, warningList, start, appliedPlans)
  const warnings = warningList.map(Diagnostic.ofElaborateError)
  if (options.strict === true)
    diagnostics.push(...strictErrors(built.books.ledger, elaborated).map(Diagnostic.ofStrictError))
  if (diagnostics.length > 0)
    return E.left({ diagnostics: [...sortDiagnostics(diagnostics), ...warnings].slice(0, diagnosticsMax), sources })
  const { fileSystem } = options
  const { main, inPieces } = state
  let again: Elaborate.Elaborated | undefined
  return E.right({
    ledger: built.books.ledger,
    books: built.books,
    reported: built.reported,
    settings: built.settings,
    expectations: built.expectations,
    view: options.view ?? 'found',
    periodic: elaborated.periodic,
    autoRules: elaborated.autoRules,
    get elaborated(): Elaborate.Elaborated {
      again ??= reelaborate(sources, main, fileSystem, inPieces, options)
      return again
    },
    warnings,
    sources,
  })
}

/**
 * Elaborates a loaded journal again from its sources (every file is in `sources` under the name
 * it was read by, and a load that succeeded had no bad include), as the load elaborated it.
 */
const reelaborate = (
  sources: ReadonlyMap<string, string>,
  main: string,
  fileSystem: FileSystem,
  inPieces: ReadonlySet<string>,
  options: LoadOptions,
): Elaborate.Elaborated => {
  const elaborator = new Elaborate.Elaborator()
  const walk = (name: string): void => {
    const text = sources.get(name)
    if (text === undefined) return
    const onNode = (node: Syntax.Node): void => {
      if (node._tag !== 'IncludeDirective') elaborator.add(node)
      else if (!isGlob(node.path)) walk(fileSystem.resolve(name, node.path))
    }
    if (!inPieces.has(name) || fileSystem.readPieces === undefined) {
      parseEach(name, text, onNode)
      return
    }
    // Read in pieces again (it was read so once: a refusal now means the file changed meanwhile).
    const opened = fileSystem.readPieces(name, options.pieces?.bytes ?? pieceBytes)
    if (E.isLeft(opened)) throw new Error(`${name} could not be read again: ${opened.left._tag}`)
    const reader = opened.right
    const next = (): string | undefined => {
      const piece = reader.next()
      if (E.isLeft(piece)) throw new Error(`${name} could not be read again: ${piece.left._tag}`)
      return piece.right
    }
    try {
      parseEach(name, next() ?? '', onNode, { more: next })
    } finally {
      reader.close()
    }
  }
  walk(main)
  return elaborator.finish()
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

const newState = (options: LoadOptions, main: string): ReadState => {
  const reading: ReadState['reading'] = new Map()
  const early = newEarlyPosting(Ledger.empty(emptyOptions(options)), (file) => {
    const read = reading.get(file)
    if (read === undefined) return undefined
    if (read.text !== undefined) return scanPlanLines(file, read.text, read.context)
    return scanPlanPieces(options.fileSystem, file, options.pieces?.bytes ?? pieceBytes, read.context)
  })
  const elaborator: Elaborate.Elaborator =
    options.streaming === false
      ? new Elaborate.Elaborator()
      : new Elaborate.Elaborator((entry) => postEarly(early, elaborator, entry))
  return {
    options,
    main,
    sources: new Map(),
    inPieces: new Set(),
    diagnostics: [],
    elaborator,
    early,
    reading,
    active: new Set(),
    bytes: 0,
    parsedBytes: 0,
    totalBytes: 0,
  }
}

/**
 * Loads a journal file and everything it includes, through the file-system port (includes
 * confined to `root` when given). Returns the loaded ledger, books and statements, or a
 * `LoadFailure` carrying every diagnostic.
 *
 * @example
 * ```ts
 * const fileSystem = memoryFileSystem(
 *   new Map([
 *     [
 *       '/books/main.journal',
 *       'include shops/tank.journal\n2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n',
 *     ],
 *     ['/books/shops/tank.journal', '2024-01-02 Tank shop\n    assets:wip  [2 T28]\n    equity:goods  [-2 T28]\n'],
 *   ]),
 * )
 * const loaded = loadFile('/books/main.journal', { fileSystem, root: '/books' })
 * // loaded.right.ledger.size → 2,
 * // [...loaded.right.sources.keys()] → ['/books/main.journal', '/books/shops/tank.journal']
 *
 * const escaped = loadText('/books/x.journal', 'include ../secret.journal\n', { fileSystem, root: '/books' })
 * // escaped.left.diagnostics[0].tag → 'IncludeOutsideRoot' (nothing outside the root is read)
 * // (on disk: loadFile(path, { fileSystem: nodeFileSystem, root }) with nodeFileSystem from 'shadow-ledger/node')
 * ```
 */
export const loadFile = (path: string, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const invalid = checkLoadInput(path, options)
  if (invalid !== undefined) return E.left({ diagnostics: [Diagnostic.ofLoadError(invalid)], sources: new Map() })
  const state = newState(options, path)
  readFile(state, path, 0, undefined)
  return finish(state, options)
}

/**
 * Loads journal text held in memory; includes are read through the port relative to `name`.
 * Returns the loaded ledger, books and statements, or a `LoadFailure` carrying every diagnostic.
 * Arguments of the wrong kind (a JavaScript caller: text that is not a string, options without a
 * file system) are one `InvalidLoadInput` diagnostic naming the argument.
 *
 * @example
 * ```ts
 * const fileSystem = memoryFileSystem(new Map())
 * const loaded = loadText('books.journal', '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n', {
 *   fileSystem,
 * })
 * // E.isRight(loaded) → true, loaded.right.ledger.size → 1
 *
 * const bad = loadText('bad.journal', '2024-01-01 Typo\n    assets:cash  10 RUB\n    equity:opening  -9 RUB\n', {
 *   fileSystem,
 * })
 * // E.isLeft(bad) → true, bad.left.diagnostics[0].tag → 'UnbalancedTransaction'
 * // renderFailure(bad.left) starts 'bad.journal:1:1: error: transaction does not balance'
 * ```
 */
export const loadText = (name: string, text: string, options: LoadOptions): E.Either<LoadFailure, Loaded> => {
  const invalid = checkLoadInput(name, options, { value: text })
  if (invalid !== undefined) return E.left({ diagnostics: [Diagnostic.ofLoadError(invalid)], sources: new Map() })
  const state = newState(options, name)
  // The main text counts against the byte limit like every included file.
  const bytes = new TextEncoder().encode(text).length
  const bytesMax = options.bytesMax ?? journalBytesMax
  if (bytes > bytesMax) {
    return E.left({
      diagnostics: [
        Diagnostic.ofLoadError({
          _tag: 'JournalTooLarge',
          path: name,
          bytes,
          bytesMax,
          span: SourceSpan.make(name, 1, 1),
        }),
      ],
      sources: new Map([[name, text]]),
    })
  }
  state.bytes += bytes
  state.totalBytes = text.length
  parseInto(state, name, text, 0, name)
  return finish(state, options)
}

/** Renders every diagnostic of a failure, in order, separated by blank lines. */
export const renderFailure = (failure: LoadFailure): string =>
  failure.diagnostics.map((diagnostic) => Diagnostic.render(diagnostic, failure.sources)).join('\n\n')
