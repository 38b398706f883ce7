/**
 * The encoding policy for journal bytes: strict UTF-8 by default (an invalid byte is an error
 * naming its offset, line and column, never a silent U+FFFD); UTF-16 and UTF-32 recognized by their
 * byte-order mark or their NUL pattern and named in the error; any other encoding only on request
 * (`--encoding windows-1251`, `latin1`, …: every label the WHATWG Encoding standard knows, as
 * Node's `TextDecoder` does).
 */
import * as E from 'fp-ts/lib/Either.js'

/** Why bytes are not text: an invalid UTF-8 sequence, another Unicode encoding, or an unknown encoding label. */
export type EncodingProblem =
  | { readonly _tag: 'InvalidUtf8'; readonly offset: number; readonly line: number; readonly column: number }
  | {
      readonly _tag: 'OtherUnicodeEncoding'
      readonly encoding: 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE'
      readonly evidence: 'byte-order mark' | 'NUL pattern'
    }
  | { readonly _tag: 'UnknownEncoding'; readonly label: string }

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index] as number
    if (lead < 0x80) {
      index++
      continue
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1
    if (length < 0) return index
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf
    for (let next = 1; next <= length; next++) {
      const byte = bytes[index + next]
      if (byte === undefined) return index
      if (next === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return index
    }
    index += length + 1
  }
  return -1
}

/**
 * UTF-16 or UTF-32 recognized by a byte-order mark, or by NUL bytes in every other (or three of four) position of the
 * start.
 */
export const otherUnicodeEncoding = (
  bytes: Uint8Array,
): Extract<EncodingProblem, { _tag: 'OtherUnicodeEncoding' }> | undefined => {
  const b = (index: number): number | undefined => bytes[index]
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0)
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-32LE', evidence: 'byte-order mark' }
  if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff)
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-32BE', evidence: 'byte-order mark' }
  if (b(0) === 0xff && b(1) === 0xfe)
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-16LE', evidence: 'byte-order mark' }
  if (b(0) === 0xfe && b(1) === 0xff)
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-16BE', evidence: 'byte-order mark' }
  // Without a mark: ASCII text in UTF-16 or UTF-32 has NULs in fixed positions of every unit.
  const units = Math.min(16, Math.floor(bytes.length / 4))
  if (units < 2) return undefined
  const every = (test: (unit: number) => boolean): boolean =>
    Array.from({ length: units }, (_, unit) => test(unit * 4)).every(Boolean)
  const nonZero = (index: number): boolean => b(index) !== 0
  const zero = (index: number): boolean => b(index) === 0
  if (every((at) => nonZero(at) && zero(at + 1) && zero(at + 2) && zero(at + 3)))
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-32LE', evidence: 'NUL pattern' }
  if (every((at) => zero(at) && zero(at + 1) && zero(at + 2) && nonZero(at + 3)))
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-32BE', evidence: 'NUL pattern' }
  if (every((at) => nonZero(at) && zero(at + 1) && nonZero(at + 2) && zero(at + 3)))
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-16LE', evidence: 'NUL pattern' }
  if (every((at) => zero(at) && nonZero(at + 1) && zero(at + 2) && nonZero(at + 3)))
    return { _tag: 'OtherUnicodeEncoding', encoding: 'UTF-16BE', evidence: 'NUL pattern' }
  return undefined
}

/**
 * Line (1-based) and column (1-based, in characters) of byte `offset` of bytes whose prefix up to it is valid UTF-8.
 */
const positionOf = (bytes: Uint8Array, offset: number): { readonly line: number; readonly column: number } => {
  let lineStart = 0
  let line = 1
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++
      lineStart = index + 1
    }
  }
  return { line, column: [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))].length + 1 }
}

/**
 * Decodes journal bytes: strict UTF-8 (a leading byte-order mark kept for the parser), or, with
 * `encoding`, that encoding (an unknown label is an error). Linear in the bytes.
 */
export const decodeJournal = (bytes: Uint8Array, encoding?: string): E.Either<EncodingProblem, string> => {
  if (encoding !== undefined && !/^utf-?8$/iu.test(encoding)) {
    let decoder: InstanceType<typeof TextDecoder>
    try {
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
    } catch {
      return E.left({ _tag: 'UnknownEncoding', label: encoding })
    }
    try {
      return E.right(decoder.decode(bytes))
    } catch {
      // windows-1251 and latin1 map every byte; a multi-byte encoding may still refuse one.
      return E.left({ _tag: 'InvalidUtf8', offset: 0, line: 1, column: 1 })
    }
  }
  const other = otherUnicodeEncoding(bytes)
  if (other !== undefined) return E.left(other)
  try {
    return E.right(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
  } catch {
    return E.left(invalidUtf8Problem(bytes))
  }
}

/** Where the first invalid UTF-8 byte of `bytes` is (offset, line, column), for bytes `TextDecoder` refused. */
export const invalidUtf8Problem = (bytes: Uint8Array): Extract<EncodingProblem, { _tag: 'InvalidUtf8' }> => {
  const offset = Math.max(0, firstInvalidUtf8(bytes))
  return { _tag: 'InvalidUtf8', offset, ...positionOf(bytes, offset) }
}

/** One sentence, such as `invalid UTF-8 at byte 1234 (line 5, column 3)`. */
export const renderEncodingProblem = (problem: EncodingProblem): string => {
  switch (problem._tag) {
    case 'InvalidUtf8':
      return (
        `invalid UTF-8 at byte offset ${problem.offset} (line ${problem.line}, column ${problem.column}); ` +
        `journals are UTF-8: convert the file, or read it as what it is with --encoding (e.g. ` +
        `windows-1251, latin1)`
      )
    case 'OtherUnicodeEncoding':
      return (
        `the file is ${problem.encoding} (by its ${problem.evidence}), not UTF-8: convert it (iconv -f ` +
        `${problem.encoding} -t UTF-8), or read it with --encoding ${problem.encoding.toLowerCase()}`
      )
    case 'UnknownEncoding':
      return (
        `unknown encoding ${JSON.stringify(problem.label)} (use a WHATWG label such as utf-8, ` +
        `windows-1251, latin1, utf-16le)`
      )
  }
}
