/**
 * Where something was written: file, 1-based line and column, and the last line it spans.
 */

/**
 * A place in a source file: the file name, the 1-based line and column where it starts, and the line where it ends (all
 * 0 for values built in code).
 */
export interface SourceSpan {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine: number
}

/** Makes a span from a file, a 1-based line and column, and the last line (the start line by default). */
export const make = (file: string, line: number, column: number, endLine: number = line): SourceSpan => ({
  file,
  line,
  column,
  endLine,
})

/** `file:line:column`. */
export const show = (span: SourceSpan): string => `${span.file}:${span.line}:${span.column}`

/** `file:line` or `file:line-endLine`. */
export const showLines = (span: SourceSpan): string =>
  span.endLine > span.line ? `${span.file}:${span.line}-${span.endLine}` : `${span.file}:${span.line}`

/** Orders by file, then line, then column. */
export const compare = (self: SourceSpan, that: SourceSpan): number =>
  self.file < that.file ? -1 : self.file > that.file ? 1 : self.line - that.line || self.column - that.column

/** A span for values built in code rather than read from a journal. */
export const synthetic = (label: string): SourceSpan => ({ file: `<${label}>`, line: 0, column: 0, endLine: 0 })
