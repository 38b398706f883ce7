/**
 * Honest plants as journal text (tests only): materials received and issued, work in progress
 * (an opening balance held flat, lots launched and completed within their month), acceptance
 * with ordinary OTK rejection (scrapped), sales to a military buyer (provisional then final
 * acceptance, a demand on the accepted lot) and to a civilian buyer (shipment, demand naming it),
 * every demand accepted and paid within the year, payroll within the wage fund, working capital
 * within its norm, counts equal to the book, opening balances. Amounts are bigints of kopecks
 * rendered as decimal text, never floats.
 */
import fc from 'fast-check'

export interface HonestLot {
  readonly units: number
  /** Units OTK rejects and scraps (ordinary rejection). */
  readonly rejected: number
  /** Wages per unit, kopecks (materials: steel per unit at the steel price). */
  readonly wagesPerUnit: bigint
  /** Steel per unit, tonnes. */
  readonly steelPerUnit: number
  /** Price per unit above cost, kopecks. */
  readonly margin: bigint
  readonly buyer: 'abtu' | 'lentorg'
}

export interface HonestPlant {
  readonly openingCash: bigint
  readonly openingWip: bigint
  readonly openingSteel: number
  readonly steelPrice: bigint
  readonly lots: ReadonlyArray<HonestLot>
  readonly reportFulfilment: boolean
  readonly reportRejection: boolean
  readonly countSteel: boolean
  /** Head-room of the wage fund and of the working-capital norm over what the books use, kopecks. */
  readonly wageHeadroom: bigint
  readonly normHeadroom: bigint
}

const lot: fc.Arbitrary<HonestLot> = fc
  .record({
    units: fc.integer({ min: 1, max: 12 }),
    rejectedShare: fc.integer({ min: 0, max: 10 }),
    wagesPerUnit: fc.bigInt({ min: 1_00n, max: 200_000_00n }),
    steelPerUnit: fc.integer({ min: 1, max: 20 }),
    margin: fc.bigInt({ min: 0n, max: 100_000_00n }),
    buyer: fc.constantFrom('abtu' as const, 'lentorg' as const),
  })
  .map(({ rejectedShare, ...rest }) => ({ ...rest, rejected: Math.floor((rest.units * rejectedShare) / 100) }))

export const honestPlant: fc.Arbitrary<HonestPlant> = fc.record({
  openingCash: fc.bigInt({ min: 0n, max: 10_000_000_00n }),
  openingWip: fc.bigInt({ min: 0n, max: 5_000_000_00n }),
  openingSteel: fc.integer({ min: 0, max: 200 }),
  steelPrice: fc.bigInt({ min: 1_00n, max: 10_000_00n }),
  lots: fc.array(lot, { minLength: 1, maxLength: 4 }),
  reportFulfilment: fc.boolean(),
  reportRejection: fc.boolean(),
  countSteel: fc.boolean(),
  wageHeadroom: fc.bigInt({ min: 0n, max: 1_000_000_00n }),
  normHeadroom: fc.bigInt({ min: 0n, max: 1_000_000_00n }),
})

const money = (kopecks: bigint): string => {
  const negative = kopecks < 0n
  const magnitude = negative ? -kopecks : kopecks
  // grouped, as the journals write money (a bare `1936.00` could read as a period)
  return `${negative ? '-' : ''}${(magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/gu, ',')}.${String(magnitude % 100n).padStart(2, '0')} RUB`
}
const two = (n: number): string => String(n).padStart(2, '0')

/** The journal of an honest plant for 1936 (reconcile as of 1936-12-31). */
export const honestJournal = (plant: HonestPlant): string => {
  const lines: string[] = []
  let sales = 0n
  let soldUnits = 0
  let wages = 0n
  let steelReceived = 0
  let steelIssued = 0
  let receivedCost = 0n
  const steelCost = (tonnes: number): bigint => BigInt(tonnes) * plant.steelPrice
  const body: string[] = []
  // every kind of document numbered in sequence, without gaps
  let shipments = 0
  let certificates = 0
  let demands = 0
  plant.lots.forEach((item, index) => {
    const month = two(index + 1)
    const next = two(index + 2)
    const id = `${index + 1}`
    const good = item.units - item.rejected
    const steel = item.units * item.steelPerUnit
    // materials: receive what the lot needs beyond the stock, then issue it
    const shortfall = Math.max(0, steel - (plant.openingSteel + steelReceived - steelIssued))
    if (shortfall > 0) {
      body.push(`1936-${month}-01 receive kirov ${shortfall} steel cost ${money(steelCost(shortfall))} from izhora`)
      steelReceived += shortfall
      receivedCost += steelCost(shortfall)
    }
    const unitCost = BigInt(item.steelPerUnit) * plant.steelPrice + item.wagesPerUnit
    const lotWages = BigInt(item.units) * item.wagesPerUnit
    wages += lotWages
    body.push(`1936-${month}-02 launch kirov ${item.units} T28 lot L-${id}`)
    body.push(`1936-${month}-03 issue kirov ${steel} steel cost ${money(steelCost(steel))} lot L-${id}`)
    steelIssued += steel
    body.push(`1936-${month}-10 wages kirov workers ${money(lotWages)} charge wip lot L-${id}`)
    if (good > 0)
      body.push(`1936-${month}-20 complete kirov ${good} T28 cost ${money(BigInt(good) * unitCost)} lot L-${id}`)
    if (item.rejected > 0)
      body.push(
        `1936-${month}-20 otk-reject kirov ${item.rejected} T28 cost ${money(BigInt(item.rejected) * unitCost)} scrap lot L-${id}`,
      )
    if (good === 0) return
    const price = unitCost + item.margin
    const amount = BigInt(good) * price
    sales += amount
    soldUnits += good
    const demand = `PD-${++demands}`
    if (item.buyer === 'abtu') {
      const certificate = ++certificates
      body.push(
        `1936-${month}-22 provisional-accept PA-${certificate} kirov -> abtu ${good} T28 lot L-${id} cost ${money(BigInt(good) * unitCost)}`,
      )
      body.push(
        `1936-${next}-05 final-accept FA-${certificate} kirov -> abtu ${good} T28 lot L-${id} cost ${money(BigInt(good) * unitCost)}`,
      )
      body.push(`1936-${next}-06 demand ${demand} kirov -> abtu ${good} T28 @ ${money(price)} lot L-${id}`)
    } else {
      const shipment = `S-${++shipments}`
      body.push(
        `1936-${month}-22 ship ${shipment} kirov -> lentorg ${good} T28 cost ${money(BigInt(good) * unitCost)} lot L-${id}`,
      )
      body.push(
        `1936-${next}-06 demand ${demand} kirov -> lentorg ${good} T28 @ ${money(price)} shipments ${shipment} lot L-${id}`,
      )
    }
    body.push(`1936-${next}-08 accept ${demand}`)
    body.push(`1936-${next}-15 pay ${demand} ${money(amount)}`)
  })
  const steelLeft = plant.openingSteel + steelReceived - steelIssued
  const openingSteelCost = steelCost(plant.openingSteel)
  // the most working capital can be at the year's end: everything it started with and everything that came in
  const normBound = plant.openingCash + plant.openingWip + openingSteelCost + receivedCost + sales
  lines.push('1936-01-01 * Opening balances  ; opening:')
  if (plant.openingCash > 0n) lines.push(`    kirov:assets:bank:current   ${money(plant.openingCash)}`)
  if (plant.openingWip > 0n) lines.push(`    kirov:assets:wip   ${money(plant.openingWip)}`)
  if (plant.openingSteel > 0) {
    lines.push(`    kirov:assets:materials   ${money(openingSteelCost)}  [${plant.openingSteel} steel]`)
    lines.push(`    kirov:equity:goods-origin   [-${plant.openingSteel} steel]`)
  }
  lines.push('    abtu:assets:bank:current   100,000,000,000.00 RUB')
  lines.push('    lentorg:assets:bank:current   100,000,000,000.00 RUB')
  lines.push('    abtu:equity:budget   -100,000,000,000.00 RUB')
  lines.push('    lentorg:equity:own-funds   -100,000,000,000.00 RUB')
  lines.push('    kirov:equity:own-working-capital')
  lines.push('')
  lines.push(`norm 1936 kirov working-capital ${money(normBound + plant.normHeadroom + 1_00n)}`)
  lines.push(`plan 1936 kirov wage-fund ${money(wages + plant.wageHeadroom + 1_00n)}`)
  if (sales > 0n) {
    lines.push(`plan 1936 kirov output:T28 ${money(sales)}`)
    lines.push(`plan 1936 kirov output:T28 [${soldUnits} T28]`)
    if (plant.reportFulfilment) lines.push('reported 1936 kirov plan-fulfilment 100%')
  }
  const units = plant.lots.reduce((sum, item) => sum + item.units, 0)
  const rejected = plant.lots.reduce((sum, item) => sum + item.rejected, 0)
  if (plant.reportRejection)
    lines.push(`reported 1936 kirov rejection-rate:T28 ${((rejected * 100) / units).toFixed(2)}%`)
  lines.push('')
  lines.push(...body)
  if (plant.countSteel) lines.push('', `count 1936-12-31 kirov:assets:materials  ${steelLeft} steel`)
  return `${lines.join('\n')}\n`
}
