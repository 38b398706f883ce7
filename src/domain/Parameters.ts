/**
 * Effective-dated rule parameters, with their defaults and sources.
 *
 * Several dates and rules in the domain research are unverified (domain.md §1.4, §3, §5.3 item 6),
 * so none is a constant: each is a timeline of dated values, each value carrying its source and
 * whether that source was verified. A journal can replace any timeline.
 */
import { Citation, LocalDate, type Quantity, Rate } from '../core/index.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One value of a parameter, in force from `from` (inclusive) until the next value's `from`. */
export interface Dated<A> {
  readonly from: LocalDate.LocalDate
  readonly value: A
  readonly source: Citation.Citation
  /** False when the source is secondary, later practice, or could not be retrieved. */
  readonly verified: boolean
}

/** A parameter's history: values sorted by `from`, ascending. */
export type Timeline<A> = ReadonlyArray<Dated<A>>

/** Which fund pays a bonus (domain.md M3, §3.7). */
export type FundingSource = 'wageFund' | 'directorFund'
/** Every bonus funding source: the wage fund and the director's fund. */
export const fundingSources: ReadonlyArray<FundingSource> = ['wageFund', 'directorFund']

/** How working days are counted when a period is given in working days. */
export type WorkingCalendar =
  /** Every day except Sunday. */
  | 'sundayRest'
  /** The six-day week ("shestidnevka"): rest on the 6th, 12th, 18th, 24th and 30th of each month, and 1 March. */
  | 'sixDayWeek'

/**
 * The savings-bank lending programme: when lending started and was cancelled, its annual rate (a
 * fraction) and its term in years.
 */
export interface SavingsBankProgramme {
  /** Lending from deposits started (Q27, fn 82–83). */
  readonly lendingFrom: LocalDate.LocalDate
  /** Cancelled by SNK protocol no. 20 (Q30, fn 85); loans drawn on or after this date are outside the programme. */
  readonly cancelledOn: LocalDate.LocalDate
  /** Annual rate as a fraction (0.09 = 9 %). */
  readonly rate: Rate.Fraction
  readonly termYears: number
}

/**
 * The dated rule parameters of the books, each a timeline of sourced values: credit-reform cutoff,
 * bonus funding, acceptance period, working calendar, claim response days, savings-bank programme,
 * discount basis and money rounding.
 */
export interface Parameters {
  /** Date from which bills of exchange between two state-sector parties are prohibited commercial credit. */
  readonly creditReformCutoff: Timeline<LocalDate.LocalDate>
  /** Which funds may pay bonuses, from which date. */
  readonly bonusFunding: Timeline<ReadonlyArray<FundingSource>>
  /** The buyer's acceptance period for a payment demand, in working days after presentation. */
  readonly acceptancePeriodWorkingDays: Timeline<number>
  /** How working days are counted. */
  readonly workingCalendar: Timeline<WorkingCalendar>
  /** Days the supplier's military representative has to arrive after a defect notice. */
  readonly claimResponseDays: Timeline<{ readonly inner: number; readonly remote: number }>
  readonly savingsBankProgramme: Timeline<SavingsBankProgramme>
  /** Day basis of the bank-discount formula D = F·d·t/basis. */
  readonly discountBasis: Timeline<number>
  /** How money computed by a formula (discount, interest, cost shares, count valuation) is rounded to kopecks. */
  readonly moneyRounding: Timeline<Quantity.Rounding>
}

// -------------------------------------------------------------------------------------
// defaults
// -------------------------------------------------------------------------------------

const date = LocalDate.unsafeFromString
const cite = (text: string): Citation.Citation => Citation.parse(text).citation

/** The beginning of time for parameters that have always applied. */
export const epoch: LocalDate.LocalDate = date('0001-01-01')

/**
 * The default parameters with their sources (docs/OPERATIONS.md lists them): acceptance in 3 working
 * days, discount basis 360, money rounded to kopecks half up, and so on.
 */
export const defaultParameters: Parameters = {
  creditReformCutoff: [
    {
      from: epoch,
      value: date('1930-01-30'),
      source: cite(
        'domain.md §3.1: credit-reform decree commonly dated 30 Jan 1930; GSE "Direct Bank Crediting" ' +
          'gives only "1930"',
      ),
      verified: false,
    },
  ],
  bonusFunding: [
    {
      from: epoch,
      value: ['wageFund', 'directorFund'],
      source: cite('GSE "Wages Fund": the wage fund covers pay including bonuses (later practice)'),
      verified: false,
    },
    {
      from: date('1936-04-19'),
      value: ['directorFund'],
      source: cite(
        'Seed paper fn 51 (TsGIA SPb. F.P-960, Op.7, D.2, 37): Sovnarkom decree of 19 Apr 1936; act not ' +
          'retrieved (domain.md I5)',
      ),
      verified: false,
    },
  ],
  acceptancePeriodWorkingDays: [
    {
      from: epoch,
      value: 3,
      source: cite('GSE "Acceptance Accounting": the buyer usually has three working days to accept (later practice)'),
      verified: false,
    },
  ],
  workingCalendar: [
    { from: epoch, value: 'sundayRest', source: cite('seven-day week with Sunday rest'), verified: false },
    {
      from: date('1931-12-01'),
      value: 'sixDayWeek',
      source: cite(
        'Six-day week with fixed rest days (6th, 12th, 18th, 24th, 30th), from Dec 1931; not in domain.md, to verify',
      ),
      verified: false,
    },
    {
      from: date('1940-06-27'),
      value: 'sundayRest',
      source: cite('Decree of 26 Jun 1940 restoring the seven-day week; to verify'),
      verified: false,
    },
  ],
  claimResponseDays: [
    {
      from: epoch,
      value: { inner: 12, remote: 25 },
      source: cite('TsGA SPb F. P-5350. Op.6, D.21, 9a'),
      verified: true,
    },
  ],
  savingsBankProgramme: [
    {
      from: epoch,
      value: {
        lendingFrom: date('1931-02-01'),
        cancelledOn: date('1935-12-04'),
        rate: Rate.unsafeFraction('0.09'),
        termYears: 10,
      },
      source: cite('Seed paper fn 82–85: Po stranitsam … 13 (2012), 61-62 (only source; domain.md §3.11)'),
      verified: false,
    },
  ],
  discountBasis: [
    { from: epoch, value: 360, source: cite('Bank discount D = F·d·t/360 (domain.md §3.10)'), verified: false },
  ],
  moneyRounding: [
    {
      from: epoch,
      value: { scaleDigits: 2, mode: 'halfUp' },
      source: cite('Modelling choice: kopecks, commercial rounding (half up); 1930s rule not sourced'),
      verified: false,
    },
  ],
}

// -------------------------------------------------------------------------------------
// lookups
// -------------------------------------------------------------------------------------

/** The value in force on `on`, or undefined when the timeline starts later. */
export const valueAt = <A>(timeline: Timeline<A>, on: LocalDate.LocalDate): Dated<A> | undefined => {
  let found: Dated<A> | undefined
  for (const entry of timeline) {
    if (entry.from <= on) found = entry
    else break
  }
  return found
}

/**
 * The value of parameter `name` in force on `on`, from `timeline`; before a timeline that starts later than `on`
 * (parameters built by hand, not from `epoch`), the default's value (`defaultParameters`, which all start at `epoch`).
 */
export const requireAt = <A>(timeline: Timeline<A>, on: LocalDate.LocalDate, name: keyof Parameters): A => {
  const found = valueAt(timeline, on) ?? valueAt(defaultParameters[name] as unknown as Timeline<A>, on)
  return (found as Dated<A>).value
}

/** True when `on` is a rest day under `calendar`. */
export const isRestDay = (calendar: WorkingCalendar, on: LocalDate.LocalDate): boolean => {
  if (calendar === 'sundayRest') return (LocalDate.toDayNumber(on) + 1) % 7 === 0 // 0001-01-01 was a Monday.
  const day = LocalDate.day(on)
  if (LocalDate.month(on) === 3 && day === 1) return true
  return day % 6 === 0 && day <= 30
}

/**
 * The `workingDays`-th working day after `start` (not counting `start`), under the calendar in force on each
 * day, or undefined when that day would fall after the end of the calendar (9999-12-31).
 */
export const addWorkingDays = (
  parameters: Parameters,
  start: LocalDate.LocalDate,
  workingDays: number,
): LocalDate.LocalDate | undefined => {
  let day = LocalDate.toDayNumber(start)
  let counted = 0
  let last: LocalDate.LocalDate = start
  while (counted < workingDays) {
    day++
    const next = LocalDate.fromDayNumber(day)
    if (next._tag === 'Left') return undefined
    last = next.right
    if (!isRestDay(requireAt(parameters.workingCalendar, last, 'workingCalendar'), last)) counted++
  }
  return last
}

/**
 * The last day on which a demand presented on `presented` may be accepted or refused, or undefined when it
 * would fall after the end of the calendar (9999-12-31).
 */
export const acceptanceDeadline = (
  parameters: Parameters,
  presented: LocalDate.LocalDate,
): LocalDate.LocalDate | undefined =>
  addWorkingDays(
    parameters,
    presented,
    requireAt(parameters.acceptancePeriodWorkingDays, presented, 'acceptancePeriodWorkingDays'),
  )

/** Whether a savings-bank loan drawn on `on` falls inside the lending programme. */
export const savingsBankProgrammeActive = (parameters: Parameters, on: LocalDate.LocalDate): boolean => {
  const programme = valueAt(parameters.savingsBankProgramme, on)?.value
  return programme !== undefined && on >= programme.lendingFrom && on < programme.cancelledOn
}
