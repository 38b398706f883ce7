/** The options, reading context and results of `parse` and `parseEach`. */
import type { NumberStyle } from './Lexer.js'
import type { Alias } from './lex/Scope.js'
import type { ParseError } from './ParseError.js'
import type { DecimalMark, Node } from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The reading state that directives change; passed between files by the loader. */
export interface ParseContext {
  /** The year of year-less dates (`Y`/`year` directive), or null. */
  readonly year: number | null
  /** The `decimal-mark` directive's mark, or null. */
  readonly decimalMark: DecimalMark | null
  /** Number styles declared by `commodity` directives, by symbol. */
  readonly commodityStyles: ReadonlyMap<string, NumberStyle>
  /** Every symbol named by a `commodity` directive. */
  readonly declaredCommodities: ReadonlySet<string>
  /** `alias` directives in force, oldest first (absent: none). */
  readonly aliases?: ReadonlyArray<Alias>
  /** `apply account` prefixes in force, outermost first (absent: none). */
  readonly accountPrefixes?: ReadonlyArray<string>
  /** The `D` directive's commodity (absent: none). */
  readonly defaultCommodity?: string | null
}

/** Options of `parse`; every field is optional. */
export interface ParseOptions {
  /** First words that make a dated line an operation; defaults to `OPERATION_KEYWORDS`. */
  readonly operationKeywords?: ReadonlySet<string>
  /** The state to start from; defaults to `emptyContext`. */
  readonly context?: ParseContext
}

/** What `parse` returns: all nodes of the good blocks and all errors, both in file order. */
export interface ParseResult {
  readonly nodes: ReadonlyArray<Node>
  readonly errors: ReadonlyArray<ParseError>
  /** The reading state at the end of the file. */
  readonly context: ParseContext
}

/** No year, no decimal mark, no commodity declared. */
export const emptyContext: ParseContext = {
  year: null,
  decimalMark: null,
  commodityStyles: new Map(),
  declaredCommodities: new Set(),
}

/** Options of `parseEach`: those of `parse`, and a progress hook. */
export interface ParseEachOptions extends ParseOptions {
  /**
   * Called with the offset (in UTF-16 code units) reached in `text` about every
   * `progressStep` code units, and once at the end with `text.length`.
   */
  readonly onProgress?: (offset: number, length: number) => void
  /** Code units between two `onProgress` calls; defaults to 1 Mi. */
  readonly progressStep?: number
  /**
   * Reading a file in pieces: `text` is its first piece and `more` gives the next one, or undefined
   * after the last. Every piece but the last must end with a line break (pieces are whole lines).
   * The nodes, errors and context are those of parsing all pieces joined as one text (line numbers
   * run on; `onProgress` offsets count from the start of the file), but only a window of the text is
   * held: the pieces the current block may still need.
   */
  readonly more?: () => string | undefined
  /**
   * A cheap pass for the directives only: a block whose top-level line starts with a digit (a
   * transaction, an operation, a dated count) and a stray indented line are skipped unread, giving
   * no node and no error. Every other block is read as usual, so the nodes of directives (their
   * spans, and what `decimal-mark`, `commodity` and `Y` directives above them change) are those
   * of a full parse. The loader finds a file's plan lines this way before streaming it.
   */
  readonly skipDated?: boolean
}

/**
 * The directive state where a node stands, handed to `parseEach`'s `onNode` with every node: the
 * loader reads an included file from `context()` (the includer's year, decimal mark and commodity
 * formats flow into it) and gives the included file's final state to `declareFrom` (its commodity
 * directives flow back; its year and decimal mark do not), as hledger 1.25 does (docs/JOURNAL.md).
 */
export interface DirectiveScope {
  readonly context: () => ParseContext
  readonly declareFrom: (child: ParseContext) => void
}

/** What `parseEach` returns: the errors (in file order) and the reading state at the end. */
export interface ParseEachResult {
  readonly errors: ReadonlyArray<ParseError>
  readonly context: ParseContext
}
