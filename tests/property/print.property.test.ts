/**
 * `print` writes what the parser reads back to the same ledger: for generated journals (entities,
 * goods and money commodities, several commodities per transaction, goods quantities beside
 * money, estimated figures, elided amounts, balance assertions, statuses, codes, comments with
 * tags and citations), load → print → load gives the same transactions, and printing again
 * gives the same text. Quantities come from bigints, never from floats.
 */

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Amount from '../../src/core/Amount.js'
import * as Ledger from '../../src/core/Ledger.js'
import * as Quantity from '../../src/core/Quantity.js'
import { print } from '../../src/journal/Print.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import * as Load from '../../src/load/Load.js'

const RUNS = 300

const decimal = (units: bigint, scale: number): string => Quantity.toString(Quantity.unsafeFromBigInt(units, scale))

const accounts = [
  'plant:assets:bank:current',
  'plant:assets:wip',
  'plant:assets:finished',
  'plant:liabilities:wages',
  'buyer:assets:equipment',
  'buyer:liabilities:payables',
  'plant:income:sales',
]
const moneyCommodities = ['RUB', 'USD']

interface GeneratedPosting {
  readonly account: string
  readonly money?: { readonly units: bigint; readonly scale: number; readonly commodity: string }
  readonly goods?: bigint
  readonly estimated: boolean
  readonly comment?: string
}

const posting: fc.Arbitrary<GeneratedPosting> = fc.record(
  {
    account: fc.constantFrom(...accounts),
    money: fc.record({
      units: fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
      scale: fc.integer({ min: 0, max: 2 }),
      commodity: fc.constantFrom(...moneyCommodities),
    }),
    goods: fc.bigInt({ min: -40n, max: 40n }),
    estimated: fc.boolean(),
    comment: fc.constantFrom('note: checked', 'source: TsGIA SPb. F.P-960, Op.7, D.2, 37', 'lot: L-36-1'),
  },
  { requiredKeys: ['account', 'money', 'estimated'] },
)

const transaction = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  status: fc.constantFrom('', '* ', '! '),
  code: fc.option(fc.constantFrom('PD-1', '17', 'OB-2'), { nil: undefined }),
  description: fc.constantFrom('Materials issued', 'Payroll | tank shop', 'Оплата счёта', 'Tanks completed'),
  postings: fc.array(posting, { minLength: 1, maxLength: 4 }),
  elidedAccount: fc.constantFrom(...accounts),
})

type GeneratedTransaction = typeof transaction extends fc.Arbitrary<infer T> ? T : never

const journalText = (transactions: ReadonlyArray<GeneratedTransaction>): string => {
  const lines = [
    'entity plant',
    'entity buyer',
    'commodity RUB',
    'commodity T28',
    '    kind: goods',
    '    unit: tank',
    '',
  ]
  for (const item of [...transactions].sort((a, b) => a.month - b.month || a.day - b.day)) {
    lines.push(
      `1936-${String(item.month).padStart(2, '0')}-${String(item.day).padStart(2, '0')} ${item.status}${item.code !== undefined ? `(${item.code}) ` : ''}${item.description}`,
    )
    for (const line of item.postings) {
      const money =
        line.money !== undefined
          ? `${line.estimated ? '~' : ''}${decimal(line.money.units, line.money.scale)} ${line.money.commodity}`
          : ''
      const goods = line.goods !== undefined ? `  [${decimal(line.goods, 0)} T28]` : ''
      lines.push(`    ${line.account}  ${money}${goods}${line.comment !== undefined ? `  ; ${line.comment}` : ''}`)
    }
    lines.push(`    ${item.elidedAccount}`, '')
  }
  return lines.join('\n')
}

const load = (name: string, text: string) => Load.loadText(name, text, { fileSystem: memoryFileSystem(new Map()) })

/** What a transaction means: everything but where it was written. */
const meaning = (ledger: Ledger.Ledger) =>
  Ledger.transactions(ledger).map((posted) => ({
    date: posted.date,
    status: posted.status,
    code: posted.code,
    description: posted.description,
    estimated: posted.estimated,
    citations: posted.citations.map((citation) => citation.text),
    postings: posted.postings.map((line) => ({
      account: line.account,
      entity: line.entity,
      money: line.money !== undefined ? Amount.showExact(line.money) : undefined,
      goods: line.goods !== undefined ? Amount.showExact(line.goods) : undefined,
      estimated: line.estimated,
      tags: line.tags.map((tag) => `${tag.name}=${tag.value}`),
      citations: line.citations.map((citation) => citation.text),
    })),
  }))

describe('print', () => {
  it('writes journals that load back to the same transactions, and printing again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(transaction, { minLength: 1, maxLength: 12 }), (transactions) => {
        const original = load('generated.journal', journalText(transactions))
        if (E.isLeft(original)) throw new Error(Load.renderFailure(original.left))
        const printed = print(original.right.ledger)
        const again = load('printed.journal', printed)
        if (E.isLeft(again)) throw new Error(`${Load.renderFailure(again.left)}\n--- printed:\n${printed}`)
        expect(meaning(again.right.ledger)).toEqual(meaning(original.right.ledger))
        expect(print(again.right.ledger)).toBe(printed)
      }),
      { numRuns: RUNS },
    )
  })
})
