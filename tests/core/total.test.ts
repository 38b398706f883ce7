/**
 * Core functions that took a number or a period and used to throw on a value outside their range: each now gives
 * a documented result instead (clamped depth, the start of a period without a last day), and the throwing form of
 * `Period.within` is named `unsafeContaining`.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as AccountName from '../../src/core/AccountName.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as Period from '../../src/core/Period.js'

const name = AccountName.unsafeFromString('kirov:assets:wip:t28')
const date = LocalDate.unsafeFromString

describe('AccountName.truncate', () => {
  it('keeps the first levels, and the whole name when it is shallower', () => {
    expect(AccountName.truncate(name, 2)).toBe('kirov:assets')
    expect(AccountName.truncate(name, 9)).toBe(name)
  })

  it('keeps the first segment for a depth below 1 or NaN, and truncates a fraction', () => {
    for (const depth of [0, -3, Number.NaN, Number.NEGATIVE_INFINITY])
      expect(AccountName.truncate(name, depth)).toBe('kirov')
    expect(AccountName.truncate(name, 2.9)).toBe('kirov:assets')
    expect(AccountName.truncate(name, Number.POSITIVE_INFINITY)).toBe(name)
  })
})

describe('Period.lastDay and unsafeContaining', () => {
  it('the last day of a period is the day before its end', () => {
    const quarter = Period.unsafeContaining('quarter', date('1936-05-10'))
    expect(Period.lastDay(quarter)).toBe('1936-06-30')
  })

  it('a malformed period built by hand with no day before its end gives its start', () => {
    const malformed = { start: date('0001-01-01'), endExclusive: date('0001-01-01'), label: 'x' } as Period.Period
    expect(Period.lastDay(malformed)).toBe('0001-01-01')
    expect(Period.lastDay({ ...malformed, endExclusive: 'soon' } as never)).toBe('0001-01-01')
  })

  it('within gives undefined in the last period of the calendar, where unsafeContaining throws', () => {
    expect(Period.within('year', date('9999-06-01'))).toBeUndefined()
    expect(() => Period.unsafeContaining('year', date('9999-06-01'))).toThrow(/no year period/u)
    expect(E.isRight(Period.fromString('9998'))).toBe(true)
  })
})
