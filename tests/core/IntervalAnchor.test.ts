import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as IntervalAnchor from '../../src/core/IntervalAnchor.js'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as PeriodExpression from '../../src/core/PeriodExpression.js'

const date = LocalDate.unsafeFromString

const anchorArb: fc.Arbitrary<IntervalAnchor.Anchor> = fc.oneof(
  fc.integer({ min: 1, max: 7 }).map((weekday) => ({ _tag: 'weekday' as const, weekday })),
  fc.integer({ min: 1, max: 31 }).map((day) => ({ _tag: 'dayOfMonth' as const, day })),
  fc
    .record({ nth: fc.integer({ min: 1, max: 4 }), weekday: fc.integer({ min: 1, max: 7 }) })
    .map(({ nth, weekday }) => ({ _tag: 'weekdayOfMonth' as const, nth, weekday })),
  fc
    .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .filter(({ month, day }) => day <= LocalDate.daysInMonth(2000, month))
    .map(({ month, day }) => ({ _tag: 'dayOfYear' as const, month, day })),
)
const dateArb = fc
  .integer({ min: LocalDate.toDayNumber(date('1900-01-01')), max: LocalDate.toDayNumber(date('2100-12-31')) })
  .map((days) => E.getOrElseW(() => date('2000-01-01'))(LocalDate.fromDayNumber(days)))

describe('intervals with a custom start day', () => {
  it('reads hledger’s forms, with the rest of the expression', () => {
    expect(IntervalAnchor.read('tue')).toEqual({ anchor: { _tag: 'weekday', weekday: 2 }, rest: '' })
    expect(IntervalAnchor.read('3rd day of week from 2024')).toEqual({
      anchor: { _tag: 'weekday', weekday: 3 },
      rest: 'from 2024',
    })
    expect(IntervalAnchor.read('15th day of month in 2024')?.anchor).toEqual({ _tag: 'dayOfMonth', day: 15 })
    expect(IntervalAnchor.read('2nd thursday')?.anchor).toEqual({ _tag: 'weekdayOfMonth', nth: 2, weekday: 4 })
    expect(IntervalAnchor.read('11/05')?.anchor).toEqual({ _tag: 'dayOfYear', month: 11, day: 5 })
    expect(IntervalAnchor.read('nov 5th')?.anchor).toEqual({ _tag: 'dayOfYear', month: 11, day: 5 })
    expect(IntervalAnchor.read('5th november')?.anchor).toEqual({ _tag: 'dayOfYear', month: 11, day: 5 })
    for (const text of [
      '2nd day of year',
      '32nd day',
      '8th day of week',
      '6th monday',
      '2 tue',
      '3th day',
      '13/01',
      'month',
    ])
      expect(IntervalAnchor.read(text), text).toBeUndefined()
  })

  it('puts every date in its sequence’s first period, and the boundaries increase', () => {
    fc.assert(
      fc.property(anchorArb, dateArb, (anchor, day) => {
        const boundary = IntervalAnchor.sequence(anchor, day)
        const first = boundary(0)
        expect(first).toBe(IntervalAnchor.onOrBefore(anchor, day))
        const second = boundary(1)
        // hledger steps the first boundary's own day, so where that day was clipped the date may fall in the
        // second period (every 31st from 2023-12-30: 11-30..12-29, then 12-30..; hledger's columns too), and
        // 29 February a year on is 28 February, though a common year's own boundary is 1 March.
        const clipped =
          (anchor._tag === 'dayOfMonth' && LocalDate.day(first as LocalDate.LocalDate) < anchor.day) ||
          (anchor._tag === 'dayOfYear' && anchor.month === 2 && anchor.day === 29)
        const third = boundary(2)
        expect(first !== undefined && second !== undefined && first <= day).toBe(true)
        expect(day < (second as string) || (clipped && day < (third as string))).toBe(true)
        // The first boundary is its own period's start: the same sequence from there.
        expect(IntervalAnchor.sequence(anchor, first as LocalDate.LocalDate)(1)).toBe(second)
        for (let k = 1; k < 25; k++) {
          const before = boundary(k - 1) as string
          const after = boundary(k) as string
          expect(before < after, `${k}: ${before} < ${after}`).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('gives hledger 1.25’s boundaries at month ends, missing weekdays and 29 February', () => {
    const starts = (text: string, from: string, to: string) => {
      const spec = PeriodExpression.parse(text, undefined)
      if (E.isLeft(spec) || spec.right.interval === undefined) throw new Error(text)
      const columns = PeriodExpression.columns(spec.right.interval, date(from), date(to))
      return E.isRight(columns) ? columns.right.map((column) => column.start) : []
    }
    expect(starts('every 31st day', '2023-11-20', '2024-05-01')).toEqual([
      '2023-10-31',
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ])
    expect(IntervalAnchor.refusal('5th monday of month')).toMatch(/5th monday of the month is not built/u)
    expect(E.isLeft(PeriodExpression.parse('every 5th monday', undefined))).toBe(true)
    expect(starts('every 02/29', '2023-11-20', '2025-01-01')).toEqual(['2023-03-01', '2024-03-01'])
    // A 31st clipped to a 30 stays a 30 (the sequence steps the first boundary's day).
    expect(starts('every 31st day', '2023-12-20', '2024-04-01')).toEqual([
      '2023-11-30',
      '2023-12-30',
      '2024-01-30',
      '2024-02-29',
      '2024-03-30',
    ])
    expect(starts('every tue', '2024-01-01', '2024-01-10')).toEqual(['2023-12-26', '2024-01-02', '2024-01-09'])
  })
})
