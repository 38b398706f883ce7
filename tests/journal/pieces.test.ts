/**
 * Goal: reading a file in pieces (`ParseEachOptions.more`, how the loader reads large files) gives
 * exactly the nodes, errors and final context of parsing the whole text at once.
 * Method: fast-check journals built from lines that stress block boundaries (transactions with
 * postings and comments, directives with sub-lines, `comment` … `end comment` blocks, scope
 * directives, blank and CRLF lines, bad lines, indented lines after blank ones), cut into pieces
 * of whole lines at random places (down to one line per piece), compared with `parse`; and every
 * journal under `ledgers/` cut into pieces of a few random sizes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node } from '../../src/journal/index.js'
import { type ParseContext, parse, parseEach } from '../../src/journal/Parse.js'

/** Cuts `text` into pieces of whole lines: a cut after line `n` for each `n` in `cuts` (modulo the line count). */
const piecesOf = (text: string, cuts: ReadonlyArray<number>): string[] => {
  const lineEnds: number[] = []
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineEnds.push(at + 1)
  const offsets = [...new Set(cuts.map((cut) => lineEnds[cut % Math.max(1, lineEnds.length)] ?? 0))]
    .filter((offset) => offset > 0 && offset < text.length)
    .sort((a, b) => a - b)
  const pieces: string[] = []
  let start = 0
  for (const offset of offsets) {
    pieces.push(text.slice(start, offset))
    start = offset
  }
  pieces.push(text.slice(start))
  return pieces
}

const inPieces = (name: string, pieces: ReadonlyArray<string>, context?: ParseContext) => {
  const nodes: Node[] = []
  let next = 1
  const offsets: number[] = []
  const result = parseEach(name, pieces[0] ?? '', (node) => nodes.push(node), {
    ...(context === undefined ? {} : { context }),
    more: () => pieces[next++],
    onProgress: (offset) => offsets.push(offset),
    progressStep: 7,
  })
  return { nodes, errors: result.errors, context: result.context, offsets }
}

const expectSame = (name: string, text: string, pieces: ReadonlyArray<string>): void => {
  expect(pieces.join('')).toBe(text)
  const whole = parse(name, text)
  const cut = inPieces(name, pieces)
  expect(cut.nodes).toEqual(whole.nodes)
  expect(cut.errors).toEqual(whole.errors)
  expect(cut.context).toEqual(whole.context)
  expect(cut.offsets.at(-1)).toBe(text.length)
}

const line = fc.constantFrom(
  '2024-01-01 shop',
  '2024-01-02 * (12) paid | note ; tag: x',
  '2024-01-03=2024-01-04 dated twice',
  '2024-13-01 bad date',
  '2024-01-05 open lot L1',
  '    assets:cash  10.50 RUB',
  '    expenses:food  -3 RUB = 7.50 RUB',
  '    expenses:food',
  '\tassets:bank  [2 T28]',
  '    ; a posting comment',
  '    key: value',
  '  ',
  '',
  '\r',
  '; top comment',
  '# hash comment',
  'comment',
  'comment ignored argument',
  'end comment',
  'end comment  ',
  'end comment\r',
  '  end comment',
  'commodity 1.000,00 EUR',
  '    format 1.000,00 EUR',
  'decimal-mark ,',
  'alias food = expenses:food',
  'end aliases',
  'apply account shop',
  'end apply account',
  'D 1,000.00 RUB',
  'Y 2023',
  '01-02 year-less',
  'account assets:cash',
  'include other.journal',
  'payee Gosbank',
  'unknown directive',
  '~ monthly',
  '2024-01-06 nul\0',
)

const journal = fc
  .array(line, { maxLength: 60 })
  .chain((lines) => fc.tuple(fc.constant(lines), fc.boolean(), fc.array(fc.nat({ max: 200 }), { maxLength: 30 })))

describe('parsing in pieces', () => {
  it('gives the nodes, errors and context of the whole text, wherever the pieces are cut', () => {
    fc.assert(
      fc.property(journal, ([lines, finalBreak, cuts]) => {
        const text = lines.join('\n') + (finalBreak ? '\n' : '')
        expectSame('p.journal', text, piecesOf(text, cuts))
      }),
      { numRuns: 600 },
    )
  })

  it('reads one line per piece, and a byte-order mark in the first piece', () => {
    const text = '\ufeff2024-01-01 a\n    x  1 RUB\n    y\ncomment\n2024-01-02 hidden\nend comment\n2024-01-03 b\n'
    expectSame('bom.journal', text, piecesOf(text, [0, 1, 2, 3, 4, 5, 6]))
  })

  it('reads an unterminated comment block to the end, as the whole text does', () => {
    const text = '2024-01-01 a\n    x  1 RUB\n    y\ncomment\n2024-01-02 hidden\n2024-01-03 hidden too\n'
    expectSame('open.journal', text, piecesOf(text, [2, 3, 4]))
    expect(parse('open.journal', text).errors[0]?._tag).toBe('UnterminatedComment')
  })

  it('starts from a given context and carries it across pieces', () => {
    const context = parse('c.journal', 'decimal-mark ,\nY 2020\n').context
    const text = '01-02 x\n    a  1,5 RUB\n    b\n01-03 y\n    a  2,5 RUB\n    b\n'
    const whole = parse('c.journal', text, { context })
    const cut = inPieces('c.journal', piecesOf(text, [0, 2, 3]), context)
    expect(cut.nodes).toEqual(whole.nodes)
    expect(cut.errors).toEqual(whole.errors)
  })

  it('parses every journal under ledgers/ in pieces as it parses it whole', () => {
    const files: string[] = []
    const walk = (directory: string): void => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (name.endsWith('.journal')) files.push(path)
      }
    }
    walk('ledgers')
    expect(files.length).toBeGreaterThan(50)
    for (const [index, file] of files.entries()) {
      const text = readFileSync(file, 'utf8')
      const lines = text.split('\n').length
      expectSame(
        file,
        text,
        piecesOf(
          text,
          [1, 7, 31, 97, 233].map((step) => (step * (index + 1)) % lines),
        ),
      )
    }
  })
})
