/** `Parameters.requireAt` before a hand-built timeline starts: the default's value, not a throw. */
import { describe, expect, it } from 'vitest'
import { Citation, LocalDate } from '../../src/core/index.js'
import { type Dated, defaultParameters, requireAt } from '../../src/domain/Parameters.js'

const d = LocalDate.unsafeFromString

describe('Parameters.requireAt', () => {
  const later: ReadonlyArray<Dated<number>> = [
    { from: d('1940-01-01'), value: 365, source: Citation.parse('a ruling').citation, verified: true },
  ]
  it('reads the timeline where it has a value', () => {
    expect(requireAt(later, d('1941-06-01'), 'discountBasis')).toBe(365)
  })
  it('falls back to the default before the timeline starts', () => {
    expect(requireAt(later, d('1936-06-01'), 'discountBasis')).toBe(360)
    expect(requireAt([], d('1936-06-01'), 'moneyRounding')).toEqual(
      requireAt(defaultParameters.moneyRounding, d('1936-06-01'), 'moneyRounding'),
    )
  })
})
