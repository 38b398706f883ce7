import { describe, expect, it } from 'vitest'
import {
  acceptanceDeadline,
  defaultParameters,
  isRestDay,
  savingsBankProgrammeActive,
  valueAt,
} from '../../src/domain/Parameters.js'
import { d } from './fixtures.js'

describe('parameters', () => {
  it('every default timeline starts at the epoch and names its source', () => {
    for (const timeline of Object.values(defaultParameters)) {
      expect(timeline[0]?.from).toBe('0001-01-01')
      for (const entry of timeline) expect(entry.source.text.length).toBeGreaterThan(0)
    }
  })
  it("bonus funding: both funds before 1936-04-19, only the director's fund from then", () => {
    expect(valueAt(defaultParameters.bonusFunding, d('1936-04-18'))?.value).toEqual(['wageFund', 'directorFund'])
    expect(valueAt(defaultParameters.bonusFunding, d('1936-04-19'))?.value).toEqual(['directorFund'])
  })
  it('credit reform cut-off defaults to 1930-01-30, marked unverified', () => {
    expect(valueAt(defaultParameters.creditReformCutoff, d('1936-01-01'))).toMatchObject({
      value: '1930-01-30',
      verified: false,
    })
  })
  it('six-day week rest days and Sunday rest', () => {
    expect(isRestDay('sixDayWeek', d('1936-06-12'))).toBe(true)
    expect(isRestDay('sixDayWeek', d('1936-06-13'))).toBe(false)
    expect(isRestDay('sixDayWeek', d('1936-03-01'))).toBe(true)
    expect(isRestDay('sixDayWeek', d('1936-07-31'))).toBe(false)
    expect(isRestDay('sundayRest', d('1929-06-02'))).toBe(true) // a Sunday
    expect(isRestDay('sundayRest', d('1929-06-03'))).toBe(false)
  })
  it('acceptance deadline: 3 working days after presentation, skipping rest days', () => {
    expect(acceptanceDeadline(defaultParameters, d('1936-06-10'))).toBe('1936-06-14')
    expect(acceptanceDeadline(defaultParameters, d('1936-06-01'))).toBe('1936-06-04')
    expect(acceptanceDeadline(defaultParameters, d('1929-05-31'))).toBe('1929-06-04') // Fri → Sat, Mon, Tue (Sunday skipped)
    const custom = {
      ...defaultParameters,
      acceptancePeriodWorkingDays: [{ ...defaultParameters.acceptancePeriodWorkingDays[0]!, value: 10 }],
    }
    expect(acceptanceDeadline(custom, d('1936-06-01'))).toBe('1936-06-13')
    // The end of the calendar: a deadline past 9999-12-31 is undefined (the caller reports it), not a throw.
    expect(acceptanceDeadline(defaultParameters, d('9999-12-31'))).toBeUndefined()
    expect(acceptanceDeadline(defaultParameters, d('9999-12-20'))).toBeDefined()
  })
  it('savings-bank programme window: 1931-02-01 to 1935-12-04 (exclusive)', () => {
    expect(savingsBankProgrammeActive(defaultParameters, d('1931-01-31'))).toBe(false)
    expect(savingsBankProgrammeActive(defaultParameters, d('1931-02-01'))).toBe(true)
    expect(savingsBankProgrammeActive(defaultParameters, d('1935-12-03'))).toBe(true)
    expect(savingsBankProgrammeActive(defaultParameters, d('1935-12-04'))).toBe(false)
  })
})
