/**
 * A reconciliation rule written outside the engine, with the public rule API.
 *
 * `units-without-value`: goods that enter an entity's books with no money beside them. The
 * Kirov inspectors found 101 T-28 "recorded as produced" of which none passed final acceptance;
 * in the books, such units sit in the physical book with no value in the money book. The rule
 * flags every posting that brings at least `minUnits` units into an account without a money
 * amount on the same posting.
 *
 * In your own project, import from the package instead:
 *
 *     import { unsafeDefineRule, Ledger, numberMeasure, Param, Quantity, transactionEvidence } from 'shadow-ledger'
 */
import {
  type FindingDraft,
  Ledger,
  numberMeasure,
  Param,
  Quantity,
  transactionEvidence,
  unsafeDefineRule,
} from '../../src/index.js'

export const unitsWithoutValue = unsafeDefineRule({
  id: 'units-without-value',
  title: 'Goods recorded without money',
  description:
    'Every posting that brings at least `minUnits` units of goods into an account with no money amount on the same posting → warn (critical from `criticalUnits` units).',
  motivation: 'Kirov 1936: 101 T-28 recorded as produced, none finally accepted, no money value given.',
  parameters: { minUnits: Param.count, criticalUnits: Param.count },
  defaults: { minUnits: 1, criticalUnits: 100 },
  evaluate: ({ books, asOf }, { minUnits, criticalUnits }) => {
    const drafts: FindingDraft[] = []
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (transaction.date > asOf) continue
      for (const posting of transaction.postings) {
        const goods = posting.goods
        if (
          goods === undefined ||
          posting.money !== undefined ||
          Quantity.compare(goods.quantity, Quantity.unsafeFromInteger(minUnits)) < 0
        )
          continue
        const critical = Quantity.compare(goods.quantity, Quantity.unsafeFromInteger(criticalUnits)) >= 0
        drafts.push({
          severity: critical ? 'critical' : 'warn',
          ...(posting.entity !== undefined ? { entity: posting.entity } : {}),
          date: transaction.date,
          accounts: [posting.account],
          unitGap: goods,
          measures: [numberMeasure('units', goods.quantity)],
          threshold: { text: `at least ${minUnits} units with no money (critical from ${criticalUnits})` },
          evidence: [transactionEvidence(transaction)],
          message: `${Quantity.toString(goods.quantity)} ${goods.commodity} entered ${posting.account} on ${transaction.date} with no money value.`,
        })
      }
    }
    return drafts
  },
})
