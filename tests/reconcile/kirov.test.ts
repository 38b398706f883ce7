import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Quantity } from '../../src/core/index.js'
import { WorkingCapital } from '../../src/measures/index.js'
import {
  assertExpectations,
  builtInRules,
  type Finding,
  measureOf,
  ReconcileOutputCodec,
  reconcile,
  toJson,
  unsafeExpectFinding,
  unsafeExpectNoFinding,
} from '../../src/reconcile/index.js'
import { d, e, input } from './fixtures.js'
import { kirov1936 } from './kirov.js'

const run = (): ReadonlyArray<Finding> => {
  const { builder, reported } = kirov1936()
  const result = reconcile(input(builder.books, '1936-12-31', { reported }), builtInRules)
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

const show = (finding: Finding | undefined, key: string): string | undefined => {
  const value = finding === undefined ? undefined : measureOf(finding, key)
  if (value === undefined) return undefined
  return value._tag === 'Amount'
    ? `${Quantity.unsafeToFixed(value.amount.quantity, 2)} ${value.amount.commodity}`
    : value._tag === 'Percent'
      ? Quantity.unsafeToFixed(value.percent, 2)
      : value._tag === 'Number'
        ? Quantity.toString(value.value)
        : value._tag === 'Interval'
          ? value.written
          : `not computable: no ${value.missing}`
}

describe('Kirov Plant 1936 calibration', () => {
  const findings = run()
  const of = (rule: string) => findings.find((finding) => finding.rule === rule)

  it('measures working capital 145,137,000 against the total norm, financed 53,765,000 by Gosbank', () => {
    const { builder } = kirov1936()
    const capital = WorkingCapital.workingCapital(builder.books, e('kirov'), d('1936-12-31'))
    expect(Quantity.toString(capital.total)).toBe('145137000')
    expect(capital.norms.map((norm) => [norm.category, Quantity.toString(norm.excess)])).toEqual([
      ['total', '53765000'],
    ])
    expect(Quantity.toString(capital.financing.bankCredit)).toBe('53765000')
    expect(Quantity.toString(capital.financing.ownAndOther)).toBe('91372000')
  })

  it('R1: excess 53,765,000.00 RUB, 58.84 % → critical, estimated, with the norm and its citation as evidence', () => {
    const finding = of('working-capital-above-norm')
    expect(finding?.severity).toBe('critical')
    expect(show(finding, 'excess')).toBe('53765000.00 RUB')
    expect(show(finding, 'ratio')).toBe('58.84')
    expect(finding?.estimated).toBe(true)
    expect(finding?.evidence[0]?.citations[0]?.text).toBe('TsGIA SPb. F.P-960, Op.7, D.5, 4')
    expect(finding?.evidence[0]?.line).toBe(1)
    expect(finding?.message).toContain('53,765,000.00 RUB (58.84 %)')
  })

  it('R6: payroll 117,000,000 vs fund 88,000,000 → overrun 29,000,000, 32.95 % → critical, with the ITR share', () => {
    const finding = of('wage-fund-overrun')
    expect(finding?.severity).toBe('critical')
    expect(show(finding, 'overrun')).toBe('29000000.00 RUB')
    expect(show(finding, 'ratio')).toBe('32.95')
    expect(show(finding, 'payroll:ITR')).toBe('6500000.00 RUB')
  })

  it('R9: 101 T-28 produced, 0 finally accepted vs 12.8 % reported → gap 87.2 points → critical', () => {
    const finding = of('rejection-rate-plausibility')
    expect(finding?.severity).toBe('critical')
    expect(show(finding, 'gap')).toBe('87.20')
    expect(show(finding, 'implied')).toBe('100.00')
    expect(show(finding, 'presented')).toBe('101.00 T28')
    expect(finding?.unitGap !== undefined && Quantity.toString(finding.unitGap.quantity)).toBe('101')
  })

  it('R4: 114 % reported vs realized < 100 % → critical', () => {
    const finding = of('plan-fulfilment-triangulation')
    expect(finding?.severity).toBe('critical')
    expect(show(finding, 'reported')).toBe('114.00')
    expect(show(finding, 'realized')).toBe('98.75')
    expect(show(finding, 'physical')).toBe('100.00')
    expect(show(finding, 'add-on')).toBe('56000000.00 RUB')
  })

  it('R5: WIP growing quarter after quarter against a flat plan → warn', () => {
    const finding = of('wip-growth-vs-plan')
    expect(finding?.severity).toBe('warn')
    expect(show(finding, 'quarters')).toBe('3')
  })

  it('orders findings by severity, then rule id', () => {
    const ranks = findings.map((finding) => (finding.severity === 'critical' ? 2 : finding.severity === 'warn' ? 1 : 0))
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks)
  })

  it('passes its expectations (rules as tests)', () => {
    assertExpectations(findings, [
      unsafeExpectFinding('working-capital-above-norm', {
        entity: 'kirov',
        period: '1936-12-31',
        severity: 'critical',
        measures: { excess: '53765000.00 RUB', ratio: '58.8%' },
      }),
      unsafeExpectFinding('wage-fund-overrun', {
        entity: 'kirov',
        severity: 'critical',
        measures: { overrun: '29,000,000.00 RUB', ratio: '32.95%' },
      }),
      unsafeExpectFinding('rejection-rate-plausibility', { entity: 'kirov', measures: { gap: '87.2%' } }),
      unsafeExpectFinding('plan-fulfilment-triangulation', { entity: 'kirov', severity: 'critical' }),
      unsafeExpectNoFinding('wage-fund-overrun', { entity: 'abtu' }),
    ])
  })

  it('encodes to JSON that validates against the codec (decimals as strings)', () => {
    const json = toJson({ asOf: d('1936-12-31'), findings })
    const text = JSON.stringify(json)
    const decoded = ReconcileOutputCodec.decode(JSON.parse(text))
    expect(E.isRight(decoded)).toBe(true)
    expect(text).toContain('"quantity":"53765000.00"')
    expect(text).not.toMatch(/"quantity":\d/u)
  })
})
