/**
 * The parts of an enterprise's year that the rules on reported rates, counts and bills read:
 * the OTK bonus pool and its reported rates (R8), the reported rejection rate (R9), the steel
 * reserve and its year-end count (R17), and a steel delivery paid with a bill (R13). Honest
 * activity and the planted variants side by side, written through the enterprise's own
 * bookkeeping so the auditor follows them.
 */
import type { Money } from './Money.js'
import * as M from './Money.js'
import * as Prng from './Prng.js'
import type { DecoyKind, ExpectedRule, MechanismKind, TruthRecord } from './Truth.js'

export const pad = (n: number, width: number): string => String(n).padStart(width, '0')
export const day = (year: number, month: number, dayOfMonth: number): string =>
  `${year}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`

/** What these parts need of an enterprise: its names and sizes, its generator, and its bookkeeping. */
export interface EnterpriseBooks {
  readonly name: string
  readonly prng: Prng.Prng
  readonly perYear: number
  readonly unitCost: Money
  id(prefix: string, year: number): string
  move(account: string, amount: Money): void
  moveUnits(account: string, count: number): void
  unitsOf(account: string): number
  record(
    kind: MechanismKind | DecoyKind,
    year: number,
    expected: ReadonlyArray<ExpectedRule>,
    extra?: Partial<TruthRecord>,
  ): void
}

/** `67` → `6.7%` (permille as a percentage with one decimal). */
const percentText = (permille: number): string => `${Math.floor(permille / 10)}.${permille % 10}%`

/**
 * The OTK bonus pool (Q9–Q10, D22): authorized at 20 % of the OTK wage base (the formal
 * allocation of Q10), applied at 15–20 % by honest plants and at 35–50 % where planted (the
 * effective 50 % premium of Q10). Both rates are reported; the pool is accrued and paid in
 * December. The wage base is 1 % of the year's planned cost (an assumption: the paper gives
 * no base). Returns the pool, which joins the year's payroll.
 */
export const otkBonusPool = (
  b: EnterpriseBooks,
  year: number,
  planted: boolean,
  out: (line: string) => void,
): Money => {
  const n = b.name
  const base = M.permille(M.times(b.unitCost, b.perYear), 10)
  const applied = planted ? Prng.int(b.prng, 35, 50) : Prng.int(b.prng, 15, 20)
  const pool = M.permille(base, applied * 10)
  out(`reported  ${year}  ${n}  bonus-rate:authorized:OTK  20%`)
  out(`reported  ${year}  ${n}  bonus-rate:applied:OTK  ${applied}%`)
  out(`${day(year, 12, 18)} wages  ${n}  OTK  ${M.text(pool)}  charge overhead`)
  out(`${day(year, 12, 28)} pay-wages  ${n}  ${M.text(pool)}`)
  b.move('assets:bank:current', M.sub(M.zero, pool))
  if (planted)
    b.record('otk-bonus-rate', year, [{ rule: 'bonus-rate' }], {
      amount: M.exact(M.sub(pool, M.permille(base, 200))),
      note: `OTK bonus pool applied at ${applied} % of its wage base against an authorized 20 %`,
    })
  return pool
}

/** The rejection rate the plant reports for the year: its OTK rejections over the units it made (Q21). */
export const reportRejectionRate = (
  b: EnterpriseBooks,
  year: number,
  rejected: number,
  made: number,
  out: (line: string) => void,
): void => {
  if (made > 0)
    out(`reported  ${year}  ${b.name}  rejection-rate  ${percentText(Math.floor((rejected * 1000) / made))}`)
}

/** The steel reserve: tonnes kept in the materials store (at least 500 t, so that a tonne is under 0.5 % of it). */
export const reserveTonnes = (perYear: number): number => Math.max(500, Math.floor(perYear / 8))
/** The reserve's price per tonne: the reserve is worth 30 % of a quarter's planned cost (an assumption). */
export const tonnePrice = (unitCost: Money, perYear: number): Money =>
  M.share(M.permille(M.times(unitCost, perYear / 4), 300), reserveTonnes(perYear))

/** Buys the steel reserve at the opening (paid at once); it stays in the store and is counted every year-end. */
export const openReserve = (b: EnterpriseBooks, date: string, out: (line: string) => void): void => {
  const tonnes = reserveTonnes(b.perYear)
  const value = M.times(tonnePrice(b.unitCost, b.perYear), tonnes)
  out(`${date} receive  ${b.name}  ${tonnes} steel  cost ${M.text(value)}`)
  out(
    `${date} * Payment for the steel reserve\n    ${b.name}:liabilities:payables  ${M.text(value)}\n ` +
      `   ${b.name}:assets:bank:current`,
  )
  b.move('assets:materials', value)
  b.moveUnits('assets:materials', tonnes)
  b.move('assets:bank:current', M.sub(M.zero, value))
}

/**
 * The year-end count of the materials store (R17). Honest: the book, or in one year of five a
 * tonne or so off, under 0.5 % of the book. Planted (`count-shortfall`, "missing steel"): 3–20 %
 * of the book not found (an assumption: the paper names the shortage, not its size). Decoy
 * (`natural-loss`): 0.6–1.5 % lost to scale and cutting, within the natural-loss norm and
 * written off as permitted (an assumption). The difference is posted at the reserve's price.
 */
export const countMaterials = (
  b: EnterpriseBooks,
  year: number,
  kind: 'honest' | 'count-shortfall' | 'natural-loss',
  out: (line: string) => void,
): void => {
  const book = b.unitsOf('assets:materials')
  const noise = Math.floor((book * 4) / 1000)
  const missing =
    kind === 'count-shortfall'
      ? Math.max(1, Math.floor((book * Prng.int(b.prng, 30, 200)) / 1000))
      : kind === 'natural-loss'
        ? Math.max(1, Math.floor((book * Prng.int(b.prng, 6, 15)) / 1000))
        : noise > 0 && Prng.chance(b.prng, 200)
          ? Prng.int(b.prng, -noise, noise)
          : 0
  const counted = book - missing
  const price = tonnePrice(b.unitCost, b.perYear)
  out(
    `${day(year, 12, 31)} count  ${b.id('CNTM', year)}  ${b.name}:assets:materials  ${counted} steel ` +
      ` @ ${M.text(price)}`,
  )
  b.move('assets:materials', M.times(price, -missing))
  b.moveUnits('assets:materials', -missing)
  const value = M.times(price, missing)
  if (kind === 'count-shortfall')
    b.record('count-shortfall', year, [{ rule: 'count-vs-book', amount: M.exact(value) }], {
      amount: M.exact(value),
      units: { quantity: String(missing), commodity: 'steel' },
      note: `${missing} of ${book} t of steel on the book not found at the count`,
    })
  if (kind === 'natural-loss')
    b.record('natural-loss', year, [], {
      amount: M.exact(value),
      units: { quantity: String(missing), commodity: 'steel' },
      lookalikeOf: 'count-shortfall',
      note: `${missing} of ${book} t lost within the natural-loss norm, written off at the count`,
    })
}

/**
 * A quarter's steel delivery paid by a bill of exchange drawn on the plant to the state steel
 * works, at two or three months, redeemed at maturity: the commercial credit between state parties that the
 * credit reform abolished (§3.1; "illegal commercial credits", Gregory & Tikhonov). Replaces the
 * plain payment of that delivery.
 */
export const payByBill = (
  b: EnterpriseBooks,
  year: number,
  supplier: string,
  amount: Money,
  out: (line: string) => void,
): void => {
  const bill = b.id('BX', year)
  const months = Prng.int(b.prng, 2, 3)
  const maturity = day(year, 2 + months, 5)
  out(`${day(year, 2, 5)} bill  ${bill}  draw  ${b.name} -> ${supplier}  ${M.text(amount)}  maturity ${maturity}`)
  out(`${maturity} bill  ${bill}  redeem`)
  b.move('assets:bank:current', M.sub(M.zero, amount))
  b.record('commercial-bill', year, [{ rule: 'bill-between-state-parties', amount: M.exact(amount) }], {
    amount: M.exact(amount),
    note: `a steel delivery paid by a ${months}-month bill drawn to ${supplier}, a state steel works`,
  })
}
