/**
 * Goal: hostile input gives errors, never exceptions or hangs, and the parser stays linear.
 * Method: very long lines, NUL bytes and pathological repetitions, each parsed at two sizes: the
 * larger (8×) may take at most 24× the smaller's time (a quadratic parser takes 64×), plus a hang
 * guard far above any speed target (speed itself is measured in bench/, never here); and a
 * fast-check property that arbitrary text never makes `parse`, `renderParseErrors` or `format`
 * throw.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { format, lineLengthMax, parse, renderParseErrors } from '../../src/journal/index.js'
import { stripSpans } from './helpers.js'

/** Parses and returns the elapsed milliseconds with the result. */
const timed = (text: string) => {
  const started = performance.now()
  const result = parse('adversarial.journal', text)
  return { result, elapsedMs: performance.now() - started }
}

/** A hang guard, not a speed target: a parse that takes longer than this has looped. */
const hangGuardMs = 20_000

/**
 * Parses `make(n)` and `make(8n)` (after one warm-up parse of each), best of three each, and
 * asserts growth well below quadratic: the larger at most 24× the smaller plus 200 ms for
 * garbage collection and a shared machine (a quadratic parser takes 64×).
 */
const expectLinear = (make: (n: number) => string, n: number, label = '') => {
  const best = (text: string) => {
    timed(text)
    return Math.min(...[0, 1, 2].map(() => timed(text).elapsedMs))
  }
  const small = best(make(n))
  const large = best(make(8 * n))
  expect(large, `${label} ${small.toFixed(1)} ms at n, ${large.toFixed(1)} ms at 8n`).toBeLessThan(24 * small + 200)
  expect(large, label).toBeLessThan(hangGuardMs)
}

describe('adversarial input', () => {
  it('reports a 100 kB line as LineTooLong quickly, and goes on', () => {
    const long = `2024-01-01 ${'x'.repeat(100_000)}`
    const { result, elapsedMs } = timed(`${long}\n    a  1 RUB\n    b\n2024-01-02 ok\n    a  1 RUB\n    b\n`)
    expect(result.errors).toMatchObject([
      { _tag: 'LineTooLong', length: long.length, lengthMax: lineLengthMax, span: { line: 1 } },
    ])
    expect(result.nodes.map((node) => node._tag)).toEqual(['Transaction'])
    expect(elapsedMs).toBeLessThan(hangGuardMs)
  })

  it('reads lines of exactly lineLengthMax characters', () => {
    const comment = `;${'y'.repeat(lineLengthMax - 1)}`
    expect(parse('t', `${comment}\n`).errors).toEqual([])
    expect(parse('t', `${comment}y\n`).errors[0]?._tag).toBe('LineTooLong')
  })

  it('parses pathological lines just under the limit in linear time', () => {
    const width = lineLengthMax - 20
    const lines = [
      `2024-01-01 x\n    a  ${'1,'.repeat(width / 2 - 5)}1 RUB\n`, // digit groups (AmountTooLong)
      `2024-01-01 x\n    ${'a '.repeat(400)}1 RUB\n`, // spaces inside an account name
      `; ${'a:'.repeat(width / 2 - 2)}\n`, // many tag colons
      `; ${':,'.repeat(width / 2 - 2)}\n`,
      `1936-06-10 demand ${'1936-01-01.. '.repeat(width / 14)}\n`, // many ranges
      `1936-06-10 demand ${'"'.repeat(width)}\n`, // quotes
      `1936-06-10 demand ${'[1 '.repeat(width / 3)}\n`, // unclosed brackets
      `2024-01-01 x\n    a  ${'~'.repeat(width)}\n`,
      `2024-01-01 x\n    a  1 RUB ${'= 1 RUB '.repeat(width / 8 - 2)}\n`,
      `expect r ${'1 '.repeat(width / 2 - 10)}\n`,
      `${'\t'.repeat(width)}x\n`,
      `2024-01-01 (${'('.repeat(width)}\n`,
    ]
    for (const line of lines) {
      const text = line.repeat(20)
      const { result, elapsedMs } = timed(text)
      expect(elapsedMs, line.slice(0, 40)).toBeLessThan(hangGuardMs)
      expect(() => renderParseErrors(result.errors, text)).not.toThrow()
      expectLinear((n) => line.repeat(n), 2, line.slice(0, 40))
    }
  })

  it('handles NUL bytes, lone CRs, control characters and surrogates without throwing', () => {
    const text =
      '\0\n2024-01-01 x\0\n    a\0  1 RUB\n; \r comment \u0007\n2024-01-01 \ud800 y\n    a  1 \udc00\n    b\n'
    const result = parse('t', text)
    expect(result.errors.map((error) => error._tag)).toEqual(['InvalidCharacter', 'InvalidCharacter'])
    expect(renderParseErrors(result.errors, text).join('\n')).not.toContain('\0')
  })

  it('stays linear on a long transaction with many comment lines', () => {
    const make = (n: number) => `2024-01-01 x\n    a  1 RUB\n${'    ; note: n\n'.repeat(n)}    b\n`
    expect(timed(make(50_000)).result.errors).toEqual([])
    expectLinear(make, 25_000)
  })

  it('stops quickly on a file of errors', () => {
    const { result, elapsedMs } = timed('~ x\n'.repeat(200_000))
    expect(result.errors.at(-1)?._tag).toBe('TooManyErrors')
    // The parser stops at the error cap: a file 8× larger takes no longer than a constant more.
    expectLinear((n) => '~ x\n'.repeat(n), 25_000)
    expect(elapsedMs).toBeLessThan(hangGuardMs)
  })

  it('never throws on arbitrary text', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(
        '\n',
        '\r\n',
        '    ',
        '\t',
        ';',
        '[',
        ']',
        '~',
        '"',
        '=',
        '@',
        '..',
        '2024-01-01 ',
        '1,000.00 RUB',
        'demand ',
        'expect ',
        'plan 1936 ',
        'count ',
        'comment\n',
        '\ufeff',
        '\0',
      ),
    )
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
        (text) => {
          const result = parse('fuzz.journal', text)
          renderParseErrors(result.errors, text)
          const formatted = format(result.nodes)
          // What parsed cleanly formats to text that parses cleanly, to the same nodes, stably.
          const reparsed = parse('fuzz.journal', formatted)
          expect(reparsed.errors).toEqual([])
          expect(stripSpans(reparsed.nodes)).toEqual(stripSpans(result.nodes))
          expect(format(reparsed.nodes)).toBe(formatted)
        },
      ),
      { numRuns: Number(process.env['JOURNAL_PROPERTY_RUNS'] ?? 500) },
    )
  })
})
