/**
 * The provenance collector's shortcut for transactions without comments gives exactly what the
 * general path (`figureLine`, `assumptionIds`) gives, on every journal of the repository and on
 * generated transactions with and without comments.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseEach } from '../../src/journal/Parse.js'
import {
  assumptionIds,
  figureLine,
  isStrictSetting,
  ProvenanceCollector,
  unclassedKeptMax,
} from '../../src/journal/Provenance.js'
import type { Node } from '../../src/journal/Syntax.js'
import { journalsUnder } from '../helpers/journals.js'

/** The summary as the general path computes it, node by node. */
const reference = (nodes: ReadonlyArray<Node>) => {
  let strict = false
  const counts = { source: 0, derived: 0, assumption: 0, none: 0 }
  const byCitation = new Map<string, number>()
  const unclassed: unknown[] = []
  const assumptionLines: unknown[] = []
  for (const node of nodes) {
    if (node._tag === 'ParamDirective') {
      if (isStrictSetting(node)) strict = true
      continue
    }
    const line = figureLine(node)
    if (line === undefined) continue
    counts[line.provenance?._tag ?? 'none'] += 1
    for (const citation of line.citations) byCitation.set(citation, (byCitation.get(citation) ?? 0) + 1)
    if (line.provenance === undefined && unclassed.length < unclassedKeptMax) unclassed.push(line)
    const ids = assumptionIds(node)
    if (ids.length > 0) assumptionLines.push({ ...line, ids })
  }
  return { strict, counts, byCitation, unclassed, assumptionLines }
}

const compare = (name: string, text: string): number => {
  const nodes: Node[] = []
  parseEach(name, text, (node) => nodes.push(node))
  const collector = new ProvenanceCollector()
  for (const node of nodes) collector.add(node)
  expect(collector.summary()).toEqual(reference(nodes))
  return nodes.length
}

describe('provenance of uncommented transactions', () => {
  it('is the general path’s on every journal of the repository', () => {
    let nodes = 0
    for (const file of journalsUnder('ledgers')) nodes += compare(file, readFileSync(file, 'utf8'))
    expect(nodes).toBeGreaterThan(1000)
  })

  it('is the general path’s with comments on the header, on comment lines and on postings, and without', () => {
    const blocks = [
      '2024-01-02 plain\n    assets:cash  10.00 RUB\n    income:sales\n',
      '2024-01-03 header ; source: TsGIA F.1\n    assets:cash  10.00 RUB\n    income:sales\n',
      '2024-01-04 line\n    ; derived: a + b\n    assets:cash  10.00 RUB\n    income:sales\n',
      '2024-01-05 posting\n    assets:cash  10.00 RUB ; assumption: A1\n    income:sales\n',
      '2024-01-06 posting line\n    assets:cash  10.00 RUB\n      ; note only\n    income:sales\n',
    ]
    const text = Array.from({ length: 250 }, (_, index) => blocks[index % blocks.length]).join('\n')
    compare('mixed.journal', `assumption A1 "a stand-in"\nparam journal.strict-provenance yes\n\n${text}`)
  })
})
