/**
 * Period expressions and smart dates read as hledger 1.25 reads them: each expression's span is
 * compared with the one hledger selects (the first and last day of a journal with one transaction a
 * day from 2022 to 2026, `hledger reg -p EXPR --today 2024-05-15`), and the expected spans are
 * also written out, so the test checks something without hledger too.
 */
import { execFileSync } from 'node:child_process'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as LocalDate from '../../src/core/LocalDate.js'
import * as PeriodExpression from '../../src/core/PeriodExpression.js'

const today = LocalDate.unsafeFromString('2024-05-15')

/** Expression → [first day, last day] selected (inclusive), and the interval if any. */
const cases: ReadonlyArray<readonly [string, string, string, string?]> = [
  ['2024', '2024-01-01', '2024-12-31'],
  ['2024Q1', '2024-01-01', '2024-03-31'],
  ['2024q3', '2024-07-01', '2024-09-30'],
  ['q2', '2024-04-01', '2024-06-30'],
  ['2024-03', '2024-03-01', '2024-03-31'],
  ['2024/3', '2024-03-01', '2024-03-31'],
  ['202403', '2024-03-01', '2024-03-31'],
  ['2024-03-05', '2024-03-05', '2024-03-05'],
  ['2024/3/5', '2024-03-05', '2024-03-05'],
  ['20240305', '2024-03-05', '2024-03-05'],
  ['from 2024-03 to 2024-09', '2024-03-01', '2024-08-31'],
  ['2024-02..2024-04', '2024-02-01', '2024-03-31'],
  ['2024-02-10 to 2024-02-20', '2024-02-10', '2024-02-19'],
  ['monthly from 2024-03 to 2024-09', '2024-03-01', '2024-08-31', 'month'],
  ['monthly in 2023', '2023-01-01', '2023-12-31', 'month'],
  ['quarterly 2025', '2025-01-01', '2025-12-31', 'quarter'],
  ['last month', '2024-04-01', '2024-04-30'],
  ['this month', '2024-05-01', '2024-05-31'],
  ['next quarter', '2024-07-01', '2024-09-30'],
  ['this year', '2024-01-01', '2024-12-31'],
  ['last year', '2023-01-01', '2023-12-31'],
  ['last week', '2024-05-06', '2024-05-12'],
  ['this week', '2024-05-13', '2024-05-19'],
  ['yesterday', '2024-05-14', '2024-05-14'],
  ['today', '2024-05-15', '2024-05-15'],
  ['tomorrow', '2024-05-16', '2024-05-16'],
  ['in 2024', '2024-01-01', '2024-12-31'],
  ['3 months ago', '2024-02-01', '2024-02-29'],
  ['2 weeks ahead', '2024-05-27', '2024-06-02'],
  ['jan', '2024-01-01', '2024-01-31'],
  ['january to apr', '2024-01-01', '2024-03-31'],
  ['3/5', '2024-03-05', '2024-03-05'],
  ['from 2025-11-20', '2025-11-20', '2026-12-31'],
  ['until 2022-01-10', '2022-01-01', '2022-01-09'],
  ['to 2022-01-05', '2022-01-01', '2022-01-04'],
  ['2026-12-25..', '2026-12-25', '2026-12-31'],
  ['2024/2/1-2024/4/1', '2024-02-01', '2024-03-31'],
  ['2026-12-15-', '2026-12-15', '2026-12-31'],
  ['2024/2/1to2024/4/1', '2024-02-01', '2024-03-31'],
  ['..2022-01-03', '2022-01-01', '2022-01-02'],
  ['from last month to next month', '2024-04-01', '2024-05-31'],
  ['weekly from 2024-01-03 to 2024-01-20', '2024-01-03', '2024-01-19', 'week'],
]

const ours = (expression: string): readonly [string, string, string?] => {
  const spec = PeriodExpression.parse(expression, today)
  if (E.isLeft(spec)) throw new Error(PeriodExpression.renderError(spec.left))
  const first = spec.right.start ?? '2022-01-01'
  const end = spec.right.end ?? '2027-01-01'
  const last = E.getOrElse(() => end)(LocalDate.addDays(-1)(end as LocalDate.LocalDate))
  return spec.right.interval === undefined ? [first, last] : [first, last, spec.right.interval.unit]
}

describe('period expressions', () => {
  for (const [expression, first, last, unit] of cases)
    it(`${expression} → ${first}..${last}${unit === undefined ? '' : ` ${unit}ly`}`, () => {
      expect(ours(expression)).toEqual(unit === undefined ? [first, last] : [first, last, unit])
    })

  it('relative words need today; a 5th weekday, malformed intervals and reversed ranges are refused with a reason', () => {
    const refused = (text: string, reason: RegExp, day?: LocalDate.LocalDate) => {
      const spec = PeriodExpression.parse(text, day)
      expect(E.isLeft(spec) && reason.test(spec.left.reason), text).toBe(true)
    }
    refused('last month', /needs the date of today/u)
    refused('every 5th tue', /5th tue of the month is not built/u, today)
    refused('every 2 tue', /expected `every \[N\]/u, today)
    refused('2024-09 to 2024-03', /before the start/u)
    refused('2024-13', /not a date of the calendar/u)
    refused('someday', /not a date hledger reads/u, today)
  })

  it('columns: start on the interval boundary (Monday for weeks), whole intervals, hledger labels', () => {
    const columns = (interval: PeriodExpression.ReportInterval | undefined, start: string, end: string) =>
      E.getOrElseW(() => [])(
        PeriodExpression.columns(interval, LocalDate.unsafeFromString(start), LocalDate.unsafeFromString(end)),
      ).map((column) => column.label)
    expect(columns({ unit: 'week', count: 1 }, '2024-01-03', '2024-01-09')).toEqual(['2024-01-01W01', '2024-01-08W02'])
    expect(columns({ unit: 'week', count: 1 }, '2024-12-31', '2025-01-01')).toEqual(['2024-12-30W01'])
    expect(columns({ unit: 'quarter', count: 1 }, '2024-05-05', '2024-06-01')).toEqual(['2024Q2'])
    expect(columns({ unit: 'month', count: 1 }, '2024-02-10', '2024-04-01')).toEqual(['2024-02', '2024-03'])
    expect(columns({ unit: 'year', count: 1 }, '2024-02-10', '2025-01-02')).toEqual(['2024', '2025'])
    expect(columns({ unit: 'day', count: 1 }, '2024-05-18', '2024-05-20')).toEqual(['2024-05-18', '2024-05-19'])
    expect(columns({ unit: 'week', count: 2 }, '2024-01-01', '2024-01-20')).toEqual([
      '2024-01-01..2024-01-14',
      '2024-01-15..2024-01-28',
    ])
    expect(columns({ unit: 'month', count: 2 }, '2024-01-01', '2024-03-02')).toEqual([
      '2024-01-01..2024-02-29',
      '2024-03-01..2024-04-30',
    ])
    expect(columns(undefined, '2024-01-01', '2024-01-01')).toEqual([])
  })
})

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
})()

describe.skipIf(hledgerVersion === undefined && process.env['CI'] !== 'true')(
  `period expressions agree with ${hledgerVersion ?? 'hledger'}`,
  () => {
    it('every expression above selects the same days as hledger', () => {
      const days: string[] = []
      let date = LocalDate.unsafeFromString('2022-01-01')
      while (date < '2027-01-01') {
        days.push(`${date} d\n    (a)  1\n`)
        date = E.getOrElse(() => date)(LocalDate.addDays(1)(date))
      }
      const journal = days.join('\n')
      for (const [expression, first, last] of cases) {
        const csv = execFileSync('hledger', ['-f', '-', '--today', today, 'reg', '-p', expression, '-O', 'csv'], {
          input: journal,
          encoding: 'utf8',
        })
        const dates = csv
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[1]?.replace(/"/gu, '') ?? '')
          .filter((cell) => cell !== '')
        // With an interval hledger's register shows one summary row per period, dated at its start
        // (the span's start moved back to the interval's boundary).
        const theirs = [dates[0], dates.at(-1)]
        const [oursFirst, oursLast, unit] = ours(expression)
        if (unit === undefined) expect([expression, ...theirs]).toEqual([expression, first, last])
        else
          expect([expression, theirs[0]]).toEqual([
            expression,
            PeriodExpression.startOfUnit(unit as PeriodExpression.Unit, oursFirst as LocalDate.LocalDate),
          ])
        expect([oursFirst, oursLast]).toEqual([first, last])
      }
    })
  },
)
