/** The rule framework: parameters and their errors, selection, severity filter, user rules, expectations. */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Quantity } from '../../src/core/index.js'
import {
  amountMeasure,
  assertExpectations,
  builtInRules,
  checkExpectations,
  defineRule,
  documentEvidence,
  expectFinding,
  Param,
  ReconcileOutputCodec,
  reconcile,
  renderError,
  renderExpectationFieldError,
  renderRuleDefinitionError,
  toJson,
  unsafeDefineRule,
  unsafeExpectFinding,
  unsafeExpectNoFinding,
} from '../../src/reconcile/index.js'
import { BooksBuilder, d, e, id, input, label, percent, q, setting } from './fixtures.js'

const bonusBooks = () =>
  new BooksBuilder()
    .op(
      {
        _tag: 'AccrueBonus',
        date: d('1936-05-13'),
        id: id('BON-1'),
        entity: e('kirov'),
        amount: q('250000.00'),
        staffCategory: label('OTK'),
        basis: { description: 'fewer claims' },
        fundingSource: 'directorFund',
        approvedBy: 'NKTP',
      },
      { citation: 'TsGIA SPb. F.P-960, Op.7, D.2, 37' },
    )
    .op({
      _tag: 'AccrueBonus',
      date: d('1936-05-14'),
      id: id('BON-2'),
      entity: e('kirov'),
      amount: q('900.00'),
      staffCategory: label('OTK'),
      basis: { description: 'fewer claims' },
      fundingSource: 'directorFund',
      approvedBy: 'NKTP',
    })

/** A user rule, written as docs/RULES.md shows. */
const bigBonus = unsafeDefineRule({
  id: 'big-bonus',
  title: 'Bonus above a limit',
  description: 'Every Bonus document above `limit` is a warning.',
  parameters: { limit: Param.money },
  defaults: { limit: Quantity.unsafeFromString('100000.00') },
  evaluate: ({ books, asOf }, { limit }) =>
    [...books.bonuses.values()]
      .filter((bonus) => bonus.date <= asOf && Quantity.compare(bonus.amount, limit) > 0)
      .map((bonus) => ({
        severity: 'warn' as const,
        entity: bonus.entity,
        date: bonus.date,
        documents: [bonus.id],
        moneyGap: { quantity: Quantity.subtract(bonus.amount, limit), commodity: books.currency },
        measures: [amountMeasure('excess', Quantity.subtract(bonus.amount, limit), books.currency)],
        threshold: { text: `bonus > ${Quantity.toString(limit)}` },
        evidence: documentEvidence(books, bonus),
        message: `Bonus ${bonus.id} exceeds the limit.`,
      })),
})

describe('reconcile', () => {
  it('runs a user rule beside the built-ins, with evidence from the operation that created the document', () => {
    const result = reconcile(input(bonusBooks().books, '1936-12-31'), [...builtInRules, bigBonus])
    expect(E.isRight(result)).toBe(true)
    if (E.isLeft(result)) return
    const finding = result.right.findings.find((item) => item.rule === 'big-bonus')
    expect(finding?.documents).toEqual(['BON-1'])
    expect(finding?.evidence.map((item) => [item.file, item.line, item.citations[0]?.text])).toEqual([
      ['test.journal', 1, 'TsGIA SPb. F.P-960, Op.7, D.2, 37'],
    ])
    expect(result.right.rules.find((run) => run.id === 'big-bonus')?.parameters).toEqual({ limit: '100000' })
  })

  it('reports every invalid setting and override as typed errors', () => {
    const settings = [
      setting('big-bonus', 'limit', { _tag: 'Word', word: 'lots' }),
      setting('big-bonus', 'limt', percent('5')),
      setting('no-such-rule', 'x', percent('1')),
    ]
    const result = reconcile(input(bonusBooks().books, '1936-12-31', { settings }), [bigBonus], {
      overrides: new Map([['nodot', '1']]),
    })
    expect(
      E.isLeft(result) &&
        result.left._tag === 'InvalidParameters' &&
        result.left.problems.map((problem) => problem._tag),
    ).toEqual(['InvalidParameterValue', 'UnknownParameter', 'UnknownRule', 'MalformedOverride'])
    if (E.isLeft(result))
      expect(renderError(result.left)).toContain(
        'settings.journal:1:1: big-bonus.limit must be a money amount, not "lots"',
      )
  })

  it('rejects an unknown rule selection and duplicate rule ids', () => {
    expect(E.isLeft(reconcile(input(bonusBooks().books, '1936-12-31'), builtInRules, { only: ['nope'] }))).toBe(true)
    const result = reconcile(input(bonusBooks().books, '1936-12-31'), [bigBonus, bigBonus])
    expect(E.isLeft(result) && result.left._tag).toBe('DuplicateRuleId')
  })

  it('uses the last dated setting on or before asOf, and overrides win', () => {
    const settings = [
      setting('big-bonus', 'limit', { _tag: 'Number', value: q('1000') }, '1936-01-01'),
      setting('big-bonus', 'limit', { _tag: 'Number', value: q('500') }, '1937-01-01'),
    ]
    const findings = (asOf: string, overrides = new Map<string, string>()) => {
      const result = reconcile(input(bonusBooks().books, asOf, { settings }), [bigBonus], { overrides })
      return E.isRight(result) ? result.right.findings.map((finding) => finding.documents[0]) : []
    }
    expect(findings('1936-12-31')).toEqual(['BON-1'])
    expect(findings('1937-12-31')).toEqual(['BON-1', 'BON-2'])
    expect(findings('1937-12-31', new Map([['big-bonus.limit', '300000.00 RUB']]))).toEqual([])
  })

  it('filters by minSeverity', () => {
    const result = reconcile(input(bonusBooks().books, '1936-12-31'), [bigBonus], { minSeverity: 'critical' })
    expect(E.isRight(result) && result.right.findings).toEqual([])
  })

  it('refuses a rule id that is not kebab-case, a default its codec refuses, a spec field of another kind', () => {
    const spec = { id: 'Big_Bonus', title: '', description: '', parameters: {}, defaults: {}, evaluate: () => [] }
    expect(defineRule(spec)).toEqual(E.left({ _tag: 'InvalidRuleId', id: 'Big_Bonus' }))
    expect(() => unsafeDefineRule(spec)).toThrow(/kebab-case/u)
    expect(
      defineRule({ ...spec, id: 'big-bonus', parameters: { limit: Param.money }, defaults: { limit: 5 as never } }),
    ).toEqual(E.left({ _tag: 'InvalidRuleDefault', rule: 'big-bonus', parameter: 'limit', expected: Param.money.name }))
    const junk = defineRule({ ...spec, id: 'big-bonus', evaluate: 'no' as never })
    expect(junk).toEqual(
      E.left({ _tag: 'InvalidRuleSpec', path: 'evaluate', expected: 'a function', actual: 'a string' }),
    )
    expect(E.isLeft(junk) && renderRuleDefinitionError(junk.left)).toBe(
      'rule spec is not well-formed: evaluate should be a function, not a string',
    )
    expect(E.isRight(defineRule({ ...spec, id: 'big-bonus' }))).toBe(true)
  })

  it('expectFinding says which field is malformed; unsafeExpectFinding throws there', () => {
    expect(expectFinding('big-bonus', { period: '1936-Q5' })).toEqual(
      E.left({ _tag: 'InvalidExpectationField', field: 'period', value: '"1936-Q5"', expected: 'a period label' }),
    )
    expect(expectFinding('big-bonus', { entity: 'Kirov Plant' })).toMatchObject(E.left({ field: 'entity' }))
    expect(expectFinding('big-bonus', { measures: { excess: '2024-13-45' } })).toMatchObject(
      E.left({ field: 'measures.excess', expected: 'a valid date' }),
    )
    expect(expectFinding('big-bonus', { measures: { excess: ',,, RUB' } })).toMatchObject(
      E.left({ field: 'measures.excess' }),
    )
    expect(expectFinding('big-bonus', { severity: 'loud' as never })).toMatchObject(E.left({ field: 'severity' }))
    expect(expectFinding(5 as never)).toMatchObject(E.left({ field: 'rule', value: 'a number' }))
    const bad = expectFinding('big-bonus', { within: 7 as never })
    expect(E.isLeft(bad) && renderExpectationFieldError(bad.left)).toBe(
      'expectation field within: a number is not an amount ("1000.00 RUB"), a percentage ("58.8%"), a number or a date',
    )
    expect(() => unsafeExpectFinding('big-bonus', { period: '1936-Q5' })).toThrow(/period/u)
    expect(E.isRight(expectFinding('big-bonus', { period: '1936', measures: { excess: '1,000.00 RUB' } }))).toBe(true)
  })

  it('encodes its output to JSON that its codec accepts', () => {
    const result = reconcile(input(bonusBooks().books, '1936-12-31'), [bigBonus])
    if (E.isLeft(result)) throw new Error('unexpected')
    const json = JSON.parse(JSON.stringify(toJson(result.right)))
    expect(json.version).toBe(1)
    expect(json.findings[0].moneyGap).toEqual({ quantity: '150000.00', commodity: 'RUB' })
    expect(E.isRight(ReconcileOutputCodec.decode(json))).toBe(true)
    expect(E.isLeft(ReconcileOutputCodec.decode({ ...json, version: 2 }))).toBe(true)
  })
})

describe('expectations', () => {
  const result = reconcile(input(bonusBooks().books, '1936-12-31'), [bigBonus])
  const findings = E.isRight(result) ? result.right.findings : []

  it('passes exact amounts, fails near misses, and honours within', () => {
    const results = checkExpectations(findings, [
      unsafeExpectFinding('big-bonus', {
        entity: 'kirov',
        period: '1936-05',
        document: 'BON-1',
        severity: 'warn',
        measures: { excess: '150000.00 RUB' },
      }),
      unsafeExpectFinding('big-bonus', { measures: { excess: '150000.01 RUB' } }),
      unsafeExpectFinding('big-bonus', { measures: { excess: '150000.01 RUB' }, within: '0.01 RUB' }),
      unsafeExpectFinding('big-bonus', { measures: { gap: '150000 RUB' } }),
      unsafeExpectFinding('big-bonus', { period: '1937' }),
      unsafeExpectNoFinding('big-bonus', { document: 'BON-2' }),
      unsafeExpectNoFinding('big-bonus'),
    ])
    expect(results.map((item) => item.passed)).toEqual([true, false, true, true, false, true, false])
    expect(results[1]?.actual).toBe('kirov 1936-05-13 warn BON-1 excess 150,000.00 RUB')
    expect(results[1]?.span.file).toBe('<expectation>')
  })

  it('assertExpectations throws a readable error listing the failures', () => {
    expect(() => assertExpectations(findings, [unsafeExpectFinding('big-bonus', { severity: 'critical' })])).toThrow(
      /0 passed, 1 failed[\s\S]*FAIL expect big-bonus severity critical/u,
    )
  })
})
