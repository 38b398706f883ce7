import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { quantityDigitsMax, quantityScaleMax } from '../../src/core/limits.js'
import * as Quantity from '../../src/core/Quantity.js'

const q = Quantity.unsafeFromString
const s = Quantity.toString

describe('Quantity.fromString', () => {
  it('accepts only the journal literal syntax', () => {
    for (const text of ['0', '-0', '12', '-12.5', '0.001', '1234567890.12'])
      expect(E.isRight(Quantity.fromString(text))).toBe(true)
    for (const text of [
      '',
      '-',
      '1e5',
      '0x10',
      '1_000',
      '+1',
      ' 1',
      '1 ',
      '1.',
      '.5',
      '1.2.3',
      '1,000',
      'NaN',
      'Infinity',
      '--1',
    ]) {
      expect(Quantity.fromString(text)).toEqual(E.left({ _tag: 'InvalidQuantity', text }))
    }
  })

  it('caps the number of digits at quantityDigitsMax, tested at and just past the limit', () => {
    const atLimit = '9'.repeat(quantityDigitsMax)
    expect(E.isRight(Quantity.fromString(atLimit))).toBe(true)
    expect(s(q(atLimit))).toBe(atLimit)
    const past = '9'.repeat(quantityDigitsMax + 1)
    expect(Quantity.fromString(past)).toEqual(
      E.left({ _tag: 'QuantityTooLong', text: past, digits: quantityDigitsMax + 1, digitsMax: quantityDigitsMax }),
    )
  })

  it('caps fraction digits at quantityScaleMax', () => {
    expect(E.isRight(Quantity.fromString(`0.${'1'.repeat(quantityScaleMax)}`))).toBe(true)
    expect(E.isLeft(Quantity.fromString(`0.${'1'.repeat(quantityScaleMax + 1)}`))).toBe(true)
  })
})

describe('Quantity arithmetic', () => {
  it('adds exactly where binary floating point does not', () => {
    expect(s(Quantity.add(q('0.1'), q('0.2')))).toBe('0.3')
  })

  it('adds exactly beyond 20 significant digits (the decimal.js default precision would round)', () => {
    expect(s(Quantity.add(q('1234567890123456789.01'), q('0.01')))).toBe('1234567890123456789.02')
    expect(s(Quantity.add(Quantity.add(q('1'), q('-100000000000000000001')), q('100000000000000000000')))).toBe('0')
  })

  it('falls back from the safe-integer fast path without losing a unit', () => {
    const max = q('9007199254740991')
    expect(s(Quantity.add(max, q('1')))).toBe('9007199254740992')
    expect(s(Quantity.add(max, q('2')))).toBe('9007199254740993')
    expect(s(Quantity.multiply(max, q('10')))).toBe('90071992547409910')
    expect(s(Quantity.add(q('900719925474099.1'), q('0.01')))).toBe('900719925474099.11')
  })

  it('subtracts, negates and compares numerically', () => {
    expect(s(Quantity.subtract(q('10.50'), q('0.5')))).toBe('10')
    expect(s(Quantity.negate(q('3.25')))).toBe('-3.25')
    expect(Quantity.equals(q('1.5'), q('1.50'))).toBe(true)
    expect(Quantity.compare(q('-1'), q('0.5'))).toBe(-1)
    expect(Quantity.compare(q('123456789012345678901'), q('123456789012345678900'))).toBe(1)
    expect(Quantity.sign(q('-0'))).toBe(0)
  })

  it('multiplies exactly', () => {
    expect(s(Quantity.multiply(q('380000.00'), q('10')))).toBe('3800000')
    expect(s(Quantity.multiply(q('1.1'), q('1.1')))).toBe('1.21')
  })

  it('divides only with a named scale and mode', () => {
    const third = Quantity.divide(q('3'), { scaleDigits: 2, mode: 'halfEven' })(q('1'))
    expect(E.map(s)(third)).toEqual(E.right('0.33'))
    expect(E.map(s)(Quantity.divide(q('8'), { scaleDigits: 2, mode: 'halfEven' })(q('0.1')))).toEqual(E.right('0.01'))
    expect(E.map(s)(Quantity.divide(q('8'), { scaleDigits: 2, mode: 'halfUp' })(q('0.1')))).toEqual(E.right('0.01'))
    expect(E.map(s)(Quantity.divide(q('8'), { scaleDigits: 3, mode: 'halfEven' })(q('0.1')))).toEqual(E.right('0.012'))
    expect(E.map(s)(Quantity.divide(q('8'), { scaleDigits: 3, mode: 'halfUp' })(q('0.1')))).toEqual(E.right('0.013'))
    expect(Quantity.divide(q('0'), { scaleDigits: 2, mode: 'halfEven' })(q('1'))).toEqual(
      E.left({ _tag: 'DivisionByZero' }),
    )
  })

  it('rounds with every mode as named', () => {
    const cases: ReadonlyArray<readonly [string, Quantity.RoundingMode, string]> = [
      ['2.345', 'halfEven', '2.34'],
      ['2.355', 'halfEven', '2.36'],
      ['2.345', 'halfUp', '2.35'],
      ['2.345', 'halfDown', '2.34'],
      ['2.349', 'down', '2.34'],
      ['2.341', 'up', '2.35'],
      ['-2.341', 'floor', '-2.35'],
      ['-2.349', 'ceiling', '-2.34'],
    ]
    for (const [text, mode, expected] of cases)
      expect(s(Quantity.round({ scaleDigits: 2, mode })(q(text)))).toBe(expected)
  })

  it('prints fixed scales without rounding, and refuses to drop digits', () => {
    expect(Quantity.unsafeToFixed(q('12.5'), 2)).toBe('12.50')
    expect(Quantity.unsafeToFixed(q('-0.5'), 0 + 1)).toBe('-0.5')
    expect(() => Quantity.unsafeToFixed(q('1.005'), 2)).toThrow()
    expect(Quantity.toFixed(q('12.5'), 2)).toEqual(E.right('12.50'))
    expect(Quantity.toFixed(q('1.005'), 2)).toEqual(E.left({ _tag: 'WouldDropDigits', text: '1.005', scaleDigits: 2 }))
    expect(Quantity.toFixed(q('1'), -1)).toEqual(E.left({ _tag: 'InvalidScale', scale: -1, scaleMax: 1000 }))
  })

  it('fromInteger, fromBigInt: an Either, never a throw; the unsafe forms throw', () => {
    expect(Quantity.fromInteger(12)).toEqual(E.right(Quantity.unsafeFromInteger(12)))
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])
      expect(Quantity.fromInteger(bad)).toEqual(E.left({ _tag: 'NotASafeInteger', value: bad }))
    expect(() => Quantity.unsafeFromInteger(1.5)).toThrow(/safe integer/u)
    expect(E.map(s)(Quantity.fromBigInt(5n, 1))).toEqual(E.right('0.5'))
    for (const bad of [-1, 1.5, 1001, Number.NaN])
      expect(Quantity.fromBigInt(5n, bad)).toEqual(E.left({ _tag: 'InvalidScale', scale: bad, scaleMax: 1000 }))
    expect(Quantity.fromBigInt(5 as never, 0)).toEqual(E.left({ _tag: 'InvalidQuantity', text: '<a number>' }))
    expect(() => Quantity.unsafeFromBigInt(5n, -1)).toThrow(/scale/u)
    expect(Quantity.renderError({ _tag: 'NotASafeInteger', value: 1.5 })).toBe('1.5 is not a safe integer')
  })

  it('a rounding scale outside 0–1,000 is truncated and clamped in round and divide, never a throw', () => {
    const x = q('2.345')
    expect(s(Quantity.round({ scaleDigits: -3, mode: 'halfEven' })(x))).toBe('2')
    expect(s(Quantity.round({ scaleDigits: 2.9, mode: 'halfEven' })(x))).toBe('2.34')
    expect(s(Quantity.round({ scaleDigits: Number.NaN, mode: 'halfEven' })(x))).toBe('2')
    expect(Quantity.equals(Quantity.round({ scaleDigits: 5000, mode: 'halfEven' })(x), x)).toBe(true)
    expect(E.map(s)(Quantity.divide(q('3'), { scaleDigits: -1, mode: 'halfEven' })(x))).toEqual(E.right('1'))
    expect(E.map(s)(Quantity.divide(q('3'), { scaleDigits: 2.7, mode: 'halfEven' })(x))).toEqual(E.right('0.78'))
  })

  it('movePoint clamps its places to ±1,000 (NaN is 0)', () => {
    expect(s(Quantity.movePoint(q('8'), -2))).toBe('0.08')
    expect(s(Quantity.movePoint(q('8'), Number.NaN))).toBe('8')
    expect(Quantity.scaleOf(Quantity.movePoint(q('8'), Number.NEGATIVE_INFINITY))).toBe(1000)
  })

  it('converts to and from bigint units', () => {
    expect(s(Quantity.unsafeFromBigInt(123456n, 2))).toBe('1234.56')
    expect(s(Quantity.unsafeFromBigInt(-123456789012345678901234567890n, 2))).toBe('-1234567890123456789012345678.9')
    expect(Quantity.toBigInt(q('-12.340'))).toEqual({ units: -1234n, scale: 2 })
  })
})

describe('a quantity converted to text (issue 18)', () => {
  const q = (text: string) => Quantity.unsafeFromString(text)
  it('prints its exact value at its own scale in template literals, String() and JSON', () => {
    expect(`${q('10000.00')}`).toBe('10000.00')
    expect(String(q('-0.05'))).toBe('-0.05')
    expect(JSON.stringify({ amount: q('10000.00') })).toBe('{"amount":"10000.00"}')
    expect(`${Quantity.add(q('1.5'), q('0.25'))}`).toBe('1.75')
    expect(`${Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(q('2'))}`).toBe(
      Quantity.toScaledString(Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(q('2'))),
    )
    // The slow path (beyond 2^53) prints exactly too.
    expect(`${q('123456789012345678901234567890.10')}`).toBe('123456789012345678901234567890.1')
  })
  it('a rounding or a division has the scale it names (a discount of 35600 at two digits prints 35600.00)', () => {
    expect(`${Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(q('35600'))}`).toBe('35600.00')
    expect(`${Quantity.round({ scaleDigits: 2, mode: 'halfEven' })(q('1.005'))}`).toBe('1.00')
    const divided = Quantity.divide(q('360'), { scaleDigits: 2, mode: 'halfEven' })(q('12816000'))
    expect(E.isRight(divided) && `${divided.right}`).toBe(Quantity.toScaledString(q('35600.00')))
  })
  it('toScaledString keeps trailing zeros; toString stays the shortest form', () => {
    expect(Quantity.toScaledString(q('10000.00'))).toBe('10000.00')
    expect(Quantity.toScaledString(q('0.10'))).toBe('0.10')
    expect(Quantity.toScaledString(q('-1.000'))).toBe('-1.000')
    expect(Quantity.toString(q('10000.00'))).toBe('10000')
  })
})
