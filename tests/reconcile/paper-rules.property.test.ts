/**
 * Honest books for R16, R18, R19, R20 (issue 20): a plant that pays its queue in priority order
 * (each obligation by its due date, the higher classes first), pays wages within a pay period
 * and within the fund, keeps its design staff stable, plans at its capacity and reports ordinary
 * fulfilment gives no finding from the four rules; the same books with one planted breach do.
 */

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { LocalDate } from '../../src/core/index.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { loadText } from '../../src/load/Load.js'
import { builtInRules, type Finding, reconcile } from '../../src/reconcile/index.js'

const four = ['payment-priority', 'wage-arrears', 'specification-overhead', 'soft-targets']

const findings = (text: string): ReadonlyArray<Finding> => {
  const loaded = loadText('h.journal', text, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left))
  const { books, reported, settings } = loaded.right
  const result = reconcile(
    { books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') },
    builtInRules,
    { only: four },
  )
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

const rub = (kopecks: bigint): string =>
  `${(kopecks / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',')}.${String(kopecks % 100n).padStart(2, '0')} RUB`
const two = (n: number): string => String(n).padStart(2, '0')

interface Month {
  readonly wages: bigint
  /** Days after the month's end the wages are paid (within a pay period of 31). */
  readonly payAfter: number
  readonly loan: bigint
  readonly overheads: bigint
}

const month: fc.Arbitrary<Month> = fc.record({
  wages: fc.bigInt({ min: 1_00n, max: 500_000_00n }),
  payAfter: fc.integer({ min: 0, max: 28 }),
  loan: fc.bigInt({ min: 1_00n, max: 500_000_00n }),
  overheads: fc.bigInt({ min: 1_00n, max: 500_000_00n }),
})

const plant = fc.record({
  months: fc.array(month, { minLength: 1, maxLength: 11 }),
  staff: fc.integer({ min: 1, max: 200 }),
  // quarterly changes of design staff, under half
  staffChange: fc.array(fc.integer({ min: -40, max: 49 }), { minLength: 1, maxLength: 3 }),
  capacity: fc.integer({ min: 10, max: 1000 }),
  planShare: fc.integer({ min: 61, max: 100 }),
  fulfilment: fc.array(fc.integer({ min: 90, max: 110 }), { minLength: 0, maxLength: 4 }),
})

type Plant = typeof plant extends fc.Arbitrary<infer A> ? A : never

const journal = (value: Plant, plantBreach = false): string => {
  const lines = [
    'entity kirov',
    '    sector: state',
    'commodity RUB',
    '    format 1,000.00 RUB',
    'commodity T28',
    '    kind: goods',
    '    unit: tank',
    '',
  ]
  const total = value.months.reduce((sum, item) => sum + item.wages, 0n)
  lines.push(`plan 1936 kirov wage-fund ${rub(total)}`)
  lines.push(
    '1936-01-01 * Opening',
    '    kirov:assets:bank:current   1,000,000,000.00 RUB',
    '    kirov:equity:statutory-fund',
    '',
  )
  value.months.forEach((item, index) => {
    const m = two(index + 1)
    const next = two(index + 2)
    // a loan instalment due on the 10th of the next month, paid on the 10th; overheads after it
    lines.push(
      `1936-${m}-05 * Loan`,
      `    kirov:assets:bank:current  ${rub(item.loan)}`,
      `    kirov:liabilities:gosbank:short-term  -${rub(item.loan)}  ; class: loans, due: 1936-${next}-10`,
      '',
    )
    lines.push(`1936-${m}-28 wages kirov workers ${rub(item.wages)}`)
    lines.push(`1936-${next}-${two(Math.max(1, item.payAfter % 28))} pay-wages kirov ${rub(item.wages)}`)
    lines.push(
      `1936-${next}-${plantBreach && index === 0 ? '12' : '10'} * Loan repaid`,
      `    kirov:liabilities:gosbank:short-term  ${rub(item.loan)}`,
      '    kirov:assets:bank:current',
      '',
    )
    lines.push(
      `1936-${next}-11 * Overheads  ; class: overheads`,
      `    kirov:expenses:overhead  ${rub(item.overheads)}`,
      '    kirov:assets:bank:current',
      '',
    )
  })
  let staff = value.staff
  value.staffChange.forEach((change, quarter) => {
    lines.push(`reported 1936-${two(quarter * 3 + 1)} kirov headcount:design-bureau ${staff}`)
    staff = Math.max(1, Math.floor((staff * (100 + change)) / 100))
  })
  lines.push(`reported 1936-${two(value.staffChange.length * 3 + 1)} kirov headcount:design-bureau ${staff}`)
  lines.push(
    `plan 1936 kirov output:T28 [${Math.ceil((value.capacity * value.planShare) / 100)} T28]`,
    `reported 1936 kirov capacity:output:T28 [${value.capacity} T28]`,
  )
  value.fulfilment.forEach((percent, quarter) =>
    lines.push(`reported 1936-Q${quarter + 1} kirov plan-fulfilment ${percent}%`),
  )
  return `${lines.join('\n')}\n`
}

describe('R16, R18, R19, R20 on honest books', () => {
  it('give no finding (300 generated plants)', () => {
    fc.assert(
      fc.property(plant, (value) => {
        expect(findings(journal(value)).map((finding) => `${finding.rule}: ${finding.message}`)).toEqual([])
      }),
      { numRuns: 300 },
    )
  }, 120_000)
  it('find the one breach planted in them: the first loan instalment repaid two days late, after the overheads', () => {
    fc.assert(
      fc.property(plant, (value) => {
        expect(findings(journal(value, true)).map((finding) => [finding.rule, finding.date])).toEqual([
          ['payment-priority', '1936-02-11'],
        ])
      }),
      { numRuns: 50 },
    )
  })
})
