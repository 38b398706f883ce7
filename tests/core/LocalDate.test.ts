import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as Period from '../../src/core/Period.js'

describe('LocalDate', () => {
  it('checks the proleptic Gregorian calendar', () => {
    expect(E.isRight(LocalDate.fromString('1936-02-29'))).toBe(true)
    expect(LocalDate.fromString('1900-02-29')).toEqual(
      E.left({ _tag: 'InvalidDate', text: '1900-02-29', reason: 'day' }),
    )
    expect(E.isRight(LocalDate.fromString('2000-02-29'))).toBe(true)
    expect(LocalDate.fromString('1936-13-01')).toEqual(
      E.left({ _tag: 'InvalidDate', text: '1936-13-01', reason: 'month' }),
    )
    expect(LocalDate.fromString('1936-1-01')).toEqual(
      E.left({ _tag: 'InvalidDate', text: '1936-1-01', reason: 'syntax' }),
    )
  })

  it('counts days across the 1930s and 1800–2200', () => {
    const d = LocalDate.unsafeFromString
    expect(LocalDate.daysBetween(d('1936-06-21'), d('1936-09-19'))).toBe(90)
    expect(LocalDate.daysBetween(d('1935-12-04'), d('1936-12-04'))).toBe(366)
    expect(LocalDate.daysBetween(d('1800-01-01'), d('2200-01-01'))).toBe(146_097)
    expect(LocalDate.addDays(12)(d('1936-12-25'))).toEqual(E.right('1937-01-06'))
  })

  it('round-trips day numbers for every date from 1800 to 2200', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const date = LocalDate.fromParts(year, month, day)
          if (E.isLeft(date)) return day > LocalDate.daysInMonth(year, month)
          const back = LocalDate.fromDayNumber(LocalDate.toDayNumber(date.right))
          return E.isRight(back) && back.right === date.right
        },
      ),
      { numRuns: 1_000 },
    )
  })
})

describe('Period', () => {
  it('parses years, quarters, months, days and ranges as half-open periods', () => {
    expect(Period.fromString('1936')).toEqual(
      E.right({ start: '1936-01-01', endExclusive: '1937-01-01', label: '1936' }),
    )
    expect(Period.fromString('1936-Q4')).toEqual(
      E.right({ start: '1936-10-01', endExclusive: '1937-01-01', label: '1936-Q4' }),
    )
    expect(Period.fromString('1936-02')).toEqual(
      E.right({ start: '1936-02-01', endExclusive: '1936-03-01', label: '1936-02' }),
    )
    expect(Period.fromString('1936-12-31')).toEqual(
      E.right({ start: '1936-12-31', endExclusive: '1937-01-01', label: '1936-12-31' }),
    )
    expect(E.isRight(Period.fromString('1936-01-01..1937-01-01'))).toBe(true)
    for (const bad of ['1936-Q5', '1937-01-01..1936-01-01', '36', '1936-13'])
      expect(E.isLeft(Period.fromString(bad))).toBe(true)
  })

  it('splits a range into quarters', () => {
    const quarters = Period.split(
      'quarter',
      LocalDate.unsafeFromString('1936-01-01'),
      LocalDate.unsafeFromString('1937-01-01'),
    )
    expect(quarters.map((period) => period.label)).toEqual(['1936-Q1', '1936-Q2', '1936-Q3', '1936-Q4'])
  })
})
