/**
 * Goal: the pass for directives only (`ParseEachOptions.skipDated`, how the loader reads a file's
 * plan lines ahead) gives exactly the plan lines of a full parse (same nodes, spans included) and
 * the same final context, while skipping every dated block unread.
 * Method: fast-check journals built from lines that stress block boundaries (dated blocks with
 * postings and comments, plan lines with sub-lines, `comment` … `end comment` blocks holding plan
 * and dated lines, directives that change how amounts read, indented lines after blank ones, bad
 * lines), every journal under `ledgers/`, and starting contexts.
 */

import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node } from '../../src/journal/index.js'
import { type ParseContext, parse, parseEach } from '../../src/journal/Parse.js'
import { journalsUnder } from '../helpers/journals.js'

const directivesOnly = (name: string, text: string, context?: ParseContext) => {
  const nodes: Node[] = []
  const result = parseEach(name, text, (node) => nodes.push(node), {
    skipDated: true,
    ...(context === undefined ? {} : { context }),
  })
  return { nodes, context: result.context }
}

const plansOf = (nodes: ReadonlyArray<Node>) => nodes.filter((node) => node._tag === 'PlanDirective')

const expectSamePlans = (name: string, text: string, context?: ParseContext): number => {
  const whole = parse(name, text, context === undefined ? {} : { context })
  const skipped = directivesOnly(name, text, context)
  expect(plansOf(skipped.nodes)).toEqual(plansOf(whole.nodes))
  expect(skipped.context).toEqual(whole.context)
  // dated blocks give no node
  expect(skipped.nodes.some((node) => node._tag === 'Transaction' || node._tag === 'Operation')).toBe(false)
  return plansOf(whole.nodes).length
}

const line = fc.constantFrom(
  'plan  1936  kirov  output:T28  1.000,50 RUB',
  'plan  1936  kirov  output:T28  [40 T28]  ; source: F.1, Op.2, D.3',
  'norm  1936-Q2  kirov  working-capital:wip  3,000,000.00 RUB',
  'limit  1936  kirov  credit:gosbank  40,000,000.00 RUB',
  '    ; source: TsGIA F.P-960, Op.7, D.2',
  '    ; estimated:',
  '2024-01-01 shop',
  '2024-01-02 * (12) paid | note ; tag: x',
  '2024-01-05 plan  1936  kirov  wage-fund  5 RUB',
  '2024-13-01 bad date',
  '    assets:cash  10.50 RUB',
  '    expenses:food',
  '\tassets:bank  [2 T28]',
  '  ',
  '',
  '\r',
  '; top comment',
  'comment',
  'end comment',
  'commodity 1.000,00 RUB',
  '    format 1.000,00 RUB',
  'decimal-mark ,',
  'D 1,000.00 RUB',
  'Y 2023',
  '01-02 year-less',
  'count  2024-01-01  kirov:assets:wip  3 T28',
  'entity kirov',
  'unknown directive',
  '~ monthly',
)

describe('reading the directives only', () => {
  it('gives the plan lines and the final context of a full parse', () => {
    let plans = 0
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.boolean(), (lines, finalBreak) => {
        plans += expectSamePlans('s.journal', lines.join('\n') + (finalBreak ? '\n' : ''))
      }),
      { numRuns: 600 },
    )
    expect(plans).toBeGreaterThan(100)
  })

  it('starts from a given context', () => {
    const context = parse('c.journal', 'decimal-mark ,\nY 2020\n').context
    expect(
      expectSamePlans('c.journal', '01-02 x\n    a  1,5 RUB\n    b\nplan  2020  k  wage-fund  1.000,5 RUB\n', context),
    ).toBe(1)
  })

  it('reads every journal under ledgers/ as a full parse does', () => {
    let plans = 0
    for (const file of journalsUnder('ledgers')) plans += expectSamePlans(file, readFileSync(file, 'utf8'))
    expect(plans).toBeGreaterThan(20)
  })
})
