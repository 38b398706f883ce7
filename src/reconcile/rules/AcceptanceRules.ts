/**
 * R3 payment demand without shipment; R9 rejection-rate plausibility; R10 provisional-acceptance
 * ageing; R12 partial-acceptance remainder tracing.
 */
import * as O from 'fp-ts/lib/Option.js'
import { Amount, type Commodity, type Entity, Ledger, LocalDate, Period, Quantity, Rate } from '../../core/index.js'
import type { Books, PaymentDemand } from '../../domain/Books.js'
import { Ageing, Flows, Physical, Ratio } from '../../measures/index.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  numberMeasure,
  percentMeasure,
  reportedEvidence,
  showMoney,
  showPercent,
  showUnits,
  transactionEvidence,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { entitiesOf, isPlain, reportedFigures, transactionsEvidence } from './common.js'

const byId = <A extends { readonly id: string }>(a: A, b: A): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Rule R3 (`demand-without-shipment`): flags a payment demand whose units exceed the units shipped on the documents it
 * names (critical, gap valued exactly at the unit price) or whose shipment is dated after it (warn).
 */
export const demandWithoutShipment = unsafeDefineRule({
  id: 'demand-without-shipment',
  title: 'Payment demand without shipment',
  description:
    'Matches each payment demand with the shipment documents it names: unshipped = units demanded − ' +
    'units shipped (same commodity); money gap = unshipped × unit price (or the whole amount when ' +
    'the demand names neither units nor shipments). Unshipped > 0 → critical; a shipment dated after ' +
    'its demand → warn (cut-off). Reports whether Gosbank credit on documents in transit was drawn ' +
    'on the demand.',
  motivation:
    'domain.md M1, R3 (fn 61: "recorded sales at planned values", "ruble value of invoiced goods, ' +
    'not the physical inventory actually delivered"); §3.2 full-refusal ground "goods not actually ' +
    'shipped"; §4.2 cut-off tests.',
  parameters: {},
  defaults: {},
  evaluate: ({ books, asOf }) => {
    const delivered = deliveredByAcceptance(books, asOf)
    return [...books.demands.values()]
      .sort(byId)
      .filter((demand) => demand.date <= asOf && isGoodsDemand(books, demand))
      .flatMap((demand) => demandFindings(books, asOf, demand, delivered.get(demand.id)))
  },
})

/**
 * R3, gather: the units each demand for an accepted lot takes over by military acceptance (provisional or final).
 * Units the buyer took over by military acceptance of a lot also count as delivered: a demand for an accepted lot names
 * a certificate, not a shipment. Each lot's accepted units are allocated to its demands in date order, so two demands
 * cannot both lean on the same tanks.
 */
const deliveredByAcceptance = (books: Books, asOf: LocalDate.LocalDate): Map<string, Quantity.Quantity> => {
  const acceptedPool = new Map<string, Quantity.Quantity>()
  // The earliest provisional certificate of each lot: a final acceptance on or after it is already counted.
  const firstProvisional = new Map<string, string>()
  for (const other of books.certificates.values()) {
    if (other.stage !== 'provisional') continue
    const earliest = firstProvisional.get(other.lot)
    if (earliest === undefined || other.date < earliest) firstProvisional.set(other.lot, other.date)
  }
  for (const certificate of books.certificates.values()) {
    if (certificate.stage === 'rejected' || certificate.date > asOf || certificate.kind !== 'AcceptanceCertificate')
      continue
    const provisionalSince = firstProvisional.get(certificate.lot)
    if (certificate.stage === 'final' && provisionalSince !== undefined && provisionalSince <= certificate.date)
      continue
    const key = `${certificate.lot}\u0000${certificate.buyer}\u0000${certificate.goods.commodity}`
    acceptedPool.set(key, Quantity.add(acceptedPool.get(key) ?? Quantity.zero, certificate.goods.quantity))
  }
  const demandsInOrder = [...books.demands.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : byId(a, b),
  )
  const delivered = new Map<string, Quantity.Quantity>()
  for (const demand of demandsInOrder) {
    if (demand.date > asOf || demand.units === undefined || demand.lot === undefined) continue
    const key = `${demand.lot}\u0000${demand.buyer}\u0000${demand.units.commodity}`
    const available = acceptedPool.get(key) ?? Quantity.zero
    // The demand is covered by what was accepted when it was presented; it keeps only the
    // units it still claims, so a reversed remainder can be invoiced again on the same units.
    const covered = Quantity.min(available, demand.units.quantity)
    if (Quantity.sign(covered) <= 0) continue
    acceptedPool.set(key, Quantity.subtract(available, Quantity.min(covered, claimedUnits(demand))))
    delivered.set(demand.id, covered)
  }
  return delivered
}

/** R3, gather: whether a demand invoices goods, the only demands judged. */
const isGoodsDemand = (books: Books, demand: PaymentDemand): boolean => {
  // A demand for services (repair, rework) has nothing to ship: only goods are judged.
  if (demand.bills === 'services') return false
  // A money-only demand on a contract whose specification was revised is a price-difference
  // invoice (M4 step 4): it invoices no goods; the pledging rule watches it.
  const contract = demand.contract !== undefined ? books.contracts.get(demand.contract) : undefined
  return !(
    demand.units === undefined &&
    contract !== undefined &&
    contract.versions.filter((version) => version.date <= demand.date).length > 1
  )
}

/**
 * R3, measure, judge and explain one demand: its units against those shipped or accepted (critical when short), a
 * demand naming no shipment (critical), and each shipment dated after it (warn, cut-off).
 */
const demandFindings = (
  books: Books,
  asOf: LocalDate.LocalDate,
  demand: PaymentDemand,
  accepted: Quantity.Quantity | undefined,
): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  const shipments = demand.shipments
    .map((id) => books.shipments.get(id))
    .filter((shipment): shipment is NonNullable<typeof shipment> => shipment !== undefined)
  const credit = demand.documentsCredit
  const creditText =
    credit !== undefined
      ? `; ${credit.bank} credited ${showMoney(credit.amount, books.currency)} on it as documents in transit`
      : ''
  const evidence: Evidence[] = [
    ...documentEvidence(books, demand),
    ...shipments.flatMap((shipment) => documentEvidence(books, shipment)),
  ]
  const commonMeasures = credit !== undefined ? [amountMeasure('documents-credit', credit.amount, books.currency)] : []
  if (demand.units !== undefined) {
    const shipped = Quantity.add(
      Quantity.sumAll(
        shipments
          .filter((shipment) => shipment.goods.commodity === demand.units?.commodity && shipment.date <= asOf)
          .map((shipment) => shipment.goods.quantity),
      ),
      accepted ?? Quantity.zero,
    )
    const unshipped = Quantity.subtract(demand.units.quantity, shipped)
    if (Quantity.sign(unshipped) > 0) {
      const price =
        demand.unitPrice ??
        O.getOrElse(() => Quantity.zero)(
          Ratio.ratio(demand.amount, demand.units.quantity, { scaleDigits: 2, mode: 'halfEven' }),
        )
      const gap =
        Quantity.compare(unshipped, demand.units.quantity) === 0 ? demand.amount : Quantity.multiply(unshipped, price)
      // the part of the documents credit that rests on the unshipped goods: credit × unshipped / demanded
      // (computed, half-even to the kopeck)
      const creditUnshipped =
        credit === undefined
          ? undefined
          : Quantity.compare(unshipped, demand.units.quantity) === 0
            ? credit.amount
            : O.getOrElse(() => credit.amount)(
                Ratio.ratio(Quantity.multiply(credit.amount, unshipped), demand.units.quantity, {
                  scaleDigits: 2,
                  mode: 'halfEven',
                }),
              )
      drafts.push({
        severity: 'critical',
        entity: demand.seller,
        date: demand.date,
        documents: [demand.id, ...demand.shipments],
        lots: demand.lot !== undefined ? [demand.lot] : [],
        moneyGap: { quantity: gap, commodity: books.currency },
        unitGap: Amount.make(unshipped, demand.units.commodity),
        measures: [
          amountMeasure('unshipped', unshipped, demand.units.commodity),
          amountMeasure('gap', gap, books.currency),
          amountMeasure('demanded', demand.amount, books.currency),
          ...commonMeasures,
          ...(creditUnshipped !== undefined
            ? [amountMeasure('documents-credit:unshipped', creditUnshipped, books.currency)]
            : []),
        ],
        threshold: { text: 'any unshipped units', value: { _tag: 'Number', value: Quantity.zero } },
        evidence,
        message:
          `Payment demand ${demand.id} of ${demand.seller} on ${demand.buyer} invoices ` +
          `${showUnits(demand.units.quantity, demand.units.commodity)} but only ` +
          `${showUnits(shipped, demand.units.commodity)} were shipped or accepted: ` +
          `${showMoney(gap, books.currency)} demanded for goods not shipped${creditText}` +
          (creditUnshipped !== undefined
            ? `; ${showMoney(creditUnshipped, books.currency)} of it rests on the unshipped goods ` +
              '(computed in proportion to the units)'
            : '') +
          '.',
      })
    }
  } else if (demand.shipments.length === 0) {
    drafts.push({
      severity: 'critical',
      entity: demand.seller,
      date: demand.date,
      documents: [demand.id],
      lots: demand.lot !== undefined ? [demand.lot] : [],
      moneyGap: { quantity: demand.amount, commodity: books.currency },
      measures: [amountMeasure('gap', demand.amount, books.currency), ...commonMeasures],
      threshold: { text: 'a demand naming no shipment' },
      evidence,
      message:
        `Payment demand ${demand.id} of ${demand.seller} on ${demand.buyer} for ` +
        `${showMoney(demand.amount, books.currency)} names no shipment${creditText}.`,
    })
  }
  for (const shipment of shipments) {
    if (shipment.date <= demand.date) continue
    drafts.push({
      severity: 'warn',
      entity: demand.seller,
      date: demand.date,
      documents: [demand.id, shipment.id],
      measures: [
        numberMeasure('days-early', Quantity.unsafeFromInteger(LocalDate.daysBetween(demand.date, shipment.date))),
      ],
      threshold: { text: 'demand dated before its shipment' },
      evidence,
      message:
        `Payment demand ${demand.id} is dated ${demand.date}, ` +
        `${LocalDate.daysBetween(demand.date, shipment.date)} days before the shipment ${shipment.id} it ` +
        `refers to (${shipment.date}).`,
    })
  }
  return drafts
}

/**
 * The units a demand still claims: those invoiced, less a refused remainder that was reversed
 * (its units are no longer claimed and may be invoiced again). Without stated units the
 * remainder's share is its share of the amount, rounded half up to whole units.
 */
const claimedUnits = (demand: PaymentDemand): Quantity.Quantity => {
  if (demand.units === undefined) return Quantity.zero
  const remainder = demand.remainder
  if (remainder === undefined || remainder.disposition._tag !== 'Reversed') return demand.units.quantity
  const reversed =
    remainder.units ??
    O.getOrElse(() => Quantity.zero)(
      Ratio.ratio(Quantity.multiply(demand.units.quantity, remainder.amount), demand.amount, {
        scaleDigits: 0,
        mode: 'halfUp',
      }),
    )
  return Quantity.subtract(demand.units.quantity, reversed)
}

/**
 * Rule R9 (`rejection-rate-plausibility`): flags as critical a final rejection rate that exceeds the inspection
 * rejection rate by more than `gap` percentage points (default 20), compared exactly.
 */
export const rejectionRatePlausibility = unsafeDefineRule({
  id: 'rejection-rate-plausibility',
  title: 'Reported rejection rate implausible against final acceptance',
  description:
    'For each reported `rejection-rate[:COMMODITY]` figure (none reported: silent): units presented ' +
    '= units that reached finished goods in the period, less an opening stock brought forward (else ' +
    'the reported `output[:COMMODITY]` figure); rejected at inspection = units moved to `rejected`; ' +
    'pending = units still held in finished goods, shipped or provisionally accepted for at most ' +
    '`pendingDays` (default 90) on the as-of date, left out; finally accepted = units that reached ' +
    "final acceptance (or a buyer's acceptance) by the as-of date. r_final = 1 − accepted / " +
    '(presented − rejected − pending), computed. r_final − r_reported > `gap` points → critical.',
  motivation:
    'domain.md Q20–Q21, D8, D10, I9 (fn 65: 101 T-28 "recorded as produced", 0 finally accepted; fn ' +
    '70: Kirov 12.8 % average rejection) → gap 87.2 points.',
  parameters: { gap: Param.percent, pendingDays: Param.count },
  defaults: { gap: Rate.percentPoints(Quantity.unsafeFromInteger(20)), pendingDays: 90 },
  evaluate: (input, { gap, pendingDays }) => {
    const { books, asOf } = input
    const drafts: FindingDraft[] = []
    // Units still inside their acceptance period on the as-of date, aged once for every entity (a
    // FIFO layer lives in one account, and an account in one entity's books), grouped by entity.
    let pendingByEntity: Map<string, Physical.AgedUnits[]> | undefined
    const pendingOf = (entity: string): ReadonlyArray<Physical.AgedUnits> => {
      if (pendingByEntity === undefined) {
        const grouped = new Map<string, Physical.AgedUnits[]>()
        const stages = ['finished', 'shipped', 'provisionallyAccepted'] as const
        const aged =
          input.index !== undefined && input.index.books === books
            ? Physical.stagesAgeing(books, stages, asOf, input.index)
            : undefined
        for (const stage of stages)
          for (const layer of aged?.get(stage) ?? Physical.stageAgeing(books, { stage, on: asOf })) {
            if (layer.ageDays > pendingDays) continue
            const list = grouped.get(layer.entity)
            if (list === undefined) grouped.set(layer.entity, [layer])
            else list.push(layer)
          }
        pendingByEntity = grouped
      }
      return pendingByEntity.get(entity) ?? []
    }
    for (const entity of entitiesOf(books)) {
      const figures = input.reported.filter(
        (figure) =>
          figure.entity === entity &&
          (figure.metric === 'rejection-rate' || figure.metric.startsWith('rejection-rate:')) &&
          figure.period.start <= asOf,
      )
      const cases: Array<{
        period: Period.Period
        commodity?: Commodity.CommoditySymbol
        figure?: (typeof figures)[number]
      }> = figures.map((figure) => {
        const suffix = figure.metric.slice('rejection-rate'.length)
        return {
          period: figure.period,
          ...(suffix.startsWith(':') ? { commodity: suffix.slice(1) as Commodity.CommoditySymbol } : {}),
          figure,
        }
      })
      // Without a reported rate there is nothing to set the books against: no case is invented.
      if (cases.length === 0) continue
      // Units still inside their acceptance period on the as-of date (held in finished goods,
      // shipped or provisionally accepted for at most `pendingDays`) are neither accepted nor rejected yet.
      const pendingLayers = pendingOf(entity)
      // A rate reported for the whole plant is set against each goods commodity on its own:
      // units of different commodities (tanks, artillery systems) are never summed.
      const expanded = cases.flatMap((item) => {
        if (item.commodity !== undefined) return [item]
        const range = {
          begin: item.period.start,
          end: item.period.endExclusive <= Flows.dayAfter(asOf) ? item.period.endExclusive : Flows.dayAfter(asOf),
        }
        const produced = [
          ...Physical.unitsReachingIndexed(books, { entity, stage: 'finished', range }, input.index).units.keys(),
        ].sort()
        return produced.length === 0 ? [item] : produced.map((commodity) => ({ ...item, commodity }))
      })
      for (const item of expanded) {
        const range = {
          begin: item.period.start,
          end: item.period.endExclusive <= Flows.dayAfter(asOf) ? item.period.endExclusive : Flows.dayAfter(asOf),
        }
        const reached = Physical.unitsReachingIndexed(books, { entity, stage: 'finished', range }, input.index)
        const rejectedFlow = Physical.unitsReachingIndexed(books, { entity, stage: 'rejected', range }, input.index)
        const accepted = Physical.unitsReachingIndexed(
          books,
          { entity, stage: 'finallyAccepted', range: { begin: item.period.start, end: Flows.dayAfter(asOf) } },
          input.index,
        )
        const pick = (units: ReadonlyMap<Commodity.CommoditySymbol, Quantity.Quantity>): Quantity.Quantity =>
          item.commodity !== undefined ? (units.get(item.commodity) ?? Quantity.zero) : Quantity.sumAll(units.values())
        // An opening stock brought into finished goods is not output of the period.
        const broughtForward = Physical.unitsBroughtForward(books, entity, reached.transactions, item.period.start)
        const pending = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
        for (const layer of pendingLayers)
          if (layer.since >= range.begin)
            pending.set(layer.commodity, Quantity.add(pending.get(layer.commodity) ?? Quantity.zero, layer.units))
        let presented = Quantity.subtract(
          Quantity.add(pick(reached.units), pick(rejectedFlow.units)),
          pick(broughtForward),
        )
        const evidence: Evidence[] = [
          ...transactionsEvidence([...reached.transactions, ...rejectedFlow.transactions, ...accepted.transactions]),
        ]
        let estimated = reached.estimated || rejectedFlow.estimated || accepted.estimated
        if (Quantity.isZero(presented)) {
          const outputFigures = reportedFigures(
            input,
            entity,
            item.commodity !== undefined ? `output:${item.commodity}` : 'output',
          ).filter((figure) => Period.overlaps(figure.period, item.period))
          const output = outputFigures[outputFigures.length - 1]
          if (output !== undefined && output.value._tag === 'Amount') {
            presented = output.value.amount.quantity
            evidence.push(
              reportedEvidence(
                output,
                `reported output ${showUnits(output.value.amount.quantity, output.value.amount.commodity)}`,
              ),
            )
            estimated = estimated || output.estimated
          } else if (output !== undefined && output.value._tag === 'Number') {
            presented = output.value.value
            evidence.push(reportedEvidence(output, `reported output ${Quantity.toString(output.value.value)}`))
          }
        }
        const rejected = pick(rejectedFlow.units)
        const acceptedUnits = pick(accepted.units)
        const pendingUnits = pick(pending)
        const base = Quantity.subtract(Quantity.subtract(presented, rejected), pendingUnits)
        if (Quantity.sign(base) <= 0) continue
        const reportedRate =
          item.figure !== undefined && (item.figure.value._tag === 'Percent' || item.figure.value._tag === 'Number')
            ? item.figure.value._tag === 'Percent'
              ? item.figure.value.percent
              : Rate.percentPoints(item.figure.value.value)
            : undefined
        if (reportedRate === undefined) continue
        const inspection = reportedRate
        const finalRate = O.getOrElse(() => Rate.percentPoints(Quantity.zero))(
          Ratio.percentOf(Quantity.subtract(base, Quantity.min(acceptedUnits, base)), base),
        )
        const difference = Rate.percentPoints(Quantity.subtract(finalRate, inspection))
        if (Quantity.compare(difference, gap) <= 0) continue
        if (item.figure !== undefined)
          evidence.push(reportedEvidence(item.figure, `reported rejection rate ${showPercent(inspection)}`))
        const commodity = item.commodity ?? ([...reached.units.keys()][0] as Commodity.CommoditySymbol | undefined)
        const notAccepted = Quantity.subtract(base, Quantity.min(acceptedUnits, base))
        drafts.push({
          severity: 'critical',
          entity,
          period: item.period,
          date: Period.lastDay(item.period) < asOf ? Period.lastDay(item.period) : asOf,
          ...(commodity !== undefined ? { unitGap: Amount.make(notAccepted, commodity) } : {}),
          measures: [
            percentMeasure('reported', inspection),
            percentMeasure('implied', finalRate),
            percentMeasure('gap', difference),
            ...(commodity !== undefined
              ? [
                  amountMeasure('presented', presented, commodity),
                  amountMeasure('rejected', rejected, commodity),
                  amountMeasure('accepted', acceptedUnits, commodity),
                  ...(Quantity.sign(pendingUnits) > 0 ? [amountMeasure('pending', pendingUnits, commodity)] : []),
                ]
              : [
                  numberMeasure('presented', presented),
                  numberMeasure('rejected', rejected),
                  numberMeasure('accepted', acceptedUnits),
                  ...(Quantity.sign(pendingUnits) > 0 ? [numberMeasure('pending', pendingUnits)] : []),
                ]),
          ],
          threshold: {
            text: `implied final rejection − inspection rejection > ${showPercent(gap)} points`,
            value: { _tag: 'Percent', percent: gap },
          },
          evidence,
          estimated: estimated || item.figure?.estimated === true,
          message:
            `${entity}${commodity !== undefined ? ` (${commodity})` : ''}: ${Quantity.toString(presented)} ` +
            `units recorded as produced in ${item.period.label}, ${Quantity.toString(acceptedUnits)} finally ` +
            `accepted by ${asOf}` +
            (Quantity.sign(pendingUnits) > 0
              ? ` (${Quantity.toString(pendingUnits)} still inside their acceptance period, left out)`
              : '') +
            '; ' +
            `implied final rejection (computed) ${showPercent(finalRate)} against a reported rate of ` +
            `${showPercent(inspection)} (${showPercent(difference)} points apart).`,
        })
      }
    }
    return drafts
  },
})

/**
 * Rule R10 (`provisional-acceptance-ageing`): warns of units held provisionally accepted longer than `maxAgeDays` whole
 * days (default 90), rework cost above `reworkShare` percent of planned cost (default 10), and late defect-claim
 * answers.
 */
export const provisionalAcceptanceAgeing = unsafeDefineRule({
  id: 'provisional-acceptance-ageing',
  title: 'Provisionally accepted units ageing; rework; claim response',
  description:
    'Units held provisionally accepted (FIFO layers per account and commodity) longer than ' +
    '`maxAgeDays` → warn; lots whose rework cost exceeds `reworkShare` of their planned cost ' +
    '(current contract version × units launched) → warn; defect claims answered after (or still open ' +
    'past) their response deadline (12 / 25 days, inner / remote district) → warn.',
  motivation: 'domain.md Q19–Q20, Q22, M4 (fn 64–65, 69); §4.2 receivables ageing applied to A.PROVACC.',
  parameters: { maxAgeDays: Param.count, reworkShare: Param.percent },
  defaults: { maxAgeDays: 90, reworkShare: Rate.percentPoints(Quantity.unsafeFromInteger(10)) },
  evaluate: ({ books, asOf, index }, { maxAgeDays, reworkShare }) => [
    ...agedProvisionalFindings(books, asOf, maxAgeDays, index),
    ...reworkFindings(books, asOf, reworkShare),
    ...lateClaimFindings(books, asOf),
  ],
})

/** R10, units: provisionally accepted units held longer than `maxAgeDays`, per account and commodity (warn). */
const agedProvisionalFindings = (
  books: Books,
  asOf: LocalDate.LocalDate,
  maxAgeDays: number,
  index: Flows.LedgerIndex | undefined,
): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  // Units of each account and commodity by age bucket (units of different commodities are never summed).
  const allLayers = Physical.stageAgeing(books, { stage: 'provisionallyAccepted', on: asOf }, index)
  const aged = allLayers.filter((layer) => layer.ageDays > maxAgeDays)
  const groups = new Map<string, Array<(typeof aged)[number]>>()
  for (const layer of aged) {
    const key = `${layer.account}\u0000${layer.commodity}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [layer])
    else group.push(layer)
  }
  // All layers of each account and commodity (for the buckets), and each lot's place in the lots' order.
  const layersOf = new Map<string, Array<(typeof allLayers)[number]>>()
  for (const layer of allLayers) {
    const key = `${layer.account}\u0000${layer.commodity}`
    const list = layersOf.get(key)
    if (list === undefined) layersOf.set(key, [layer])
    else list.push(layer)
  }
  const lotOrder = new Map<string, number>()
  const lots = [...books.lots.values()]
  lots.forEach((candidate, position) => {
    if (!lotOrder.has(candidate.id)) lotOrder.set(candidate.id, position)
  })
  /** The first lot (in the lots' order) whose id ends the account after a colon. */
  const lotOfAccount = (account: string): (typeof lots)[number] | undefined => {
    let best: number | undefined
    for (let colon = account.indexOf(':'); colon >= 0; colon = account.indexOf(':', colon + 1)) {
      const position = lotOrder.get(account.slice(colon + 1))
      if (position !== undefined && (best === undefined || position < best)) best = position
    }
    return best === undefined ? undefined : lots[best]
  }
  for (const [key, group] of groups) {
    const first = group[0] as (typeof group)[number]
    const units = Quantity.sumAll(group.map((layer) => layer.units))
    const lot = lotOfAccount(first.account)
    const ofAccount = layersOf.get(key) ?? []
    drafts.push({
      severity: 'warn',
      entity: first.entity,
      date: asOf,
      accounts: [first.account],
      lots: lot !== undefined ? [lot.id] : [],
      unitGap: Amount.make(units, first.commodity),
      measures: [
        amountMeasure('units', units, first.commodity),
        numberMeasure('oldest-days', Quantity.unsafeFromInteger(first.ageDays)),
        ...Ageing.ageBuckets.map((bucket) =>
          numberMeasure(
            `bucket:${bucket}`,
            Quantity.sumAll(
              ofAccount.filter((layer) => Ageing.bucketOf(layer.ageDays) === bucket).map((layer) => layer.units),
            ),
          ),
        ),
      ],
      threshold: {
        text: `provisionally accepted for more than ${maxAgeDays} days`,
        value: { _tag: 'Number', value: Quantity.unsafeFromInteger(maxAgeDays) },
      },
      evidence: group.map((layer) =>
        transactionEvidence(
          layer.transaction,
          `${showUnits(layer.units, layer.commodity)} provisionally accepted into ${layer.account}`,
        ),
      ),
      message:
        `${showUnits(units, first.commodity)} in ${first.account} have been provisionally accepted but ` +
        `not finally accepted for up to ${first.ageDays} days (since ${first.since}).`,
    })
  }
  return drafts
}

/** R10, rework: lots whose rework cost exceeds `reworkShare` of their planned cost (warn). */
const reworkFindings = (books: Books, asOf: LocalDate.LocalDate, reworkShare: Rate.PercentPoints): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  for (const lot of [...books.lots.values()].sort(byId)) {
    if (lot.date > asOf || Quantity.sign(lot.reworkCost) <= 0 || lot.contract === undefined) continue
    const contract = books.contracts.get(lot.contract)
    const version = contract?.versions.filter((item) => item.date <= asOf).slice(-1)[0]
    if (version === undefined) continue
    const plannedCost = Quantity.multiply(version.plannedCost, lot.launched)
    if (O.getOrElse((): -1 | 0 | 1 => -1)(Ratio.comparePercent(lot.reworkCost, plannedCost, reworkShare)) <= 0) continue
    const share = Ratio.percentOf(lot.reworkCost, plannedCost)
    drafts.push({
      severity: 'warn',
      entity: lot.entity,
      date: asOf,
      documents: [lot.contract, ...lot.claims],
      lots: [lot.id],
      moneyGap: { quantity: lot.reworkCost, commodity: books.currency },
      measures: [
        amountMeasure('rework', lot.reworkCost, books.currency),
        amountMeasure('planned-cost', plannedCost, books.currency),
        ...(O.isSome(share) ? [percentMeasure('ratio', share.value)] : []),
      ],
      threshold: {
        text: `rework > ${showPercent(reworkShare)} of planned cost`,
        value: { _tag: 'Percent', percent: reworkShare },
      },
      evidence: documentEvidence(books, lot),
      message:
        `Lot ${lot.id} has absorbed ${showMoney(lot.reworkCost, books.currency)} of rework after ` +
        `acceptance, ${O.isSome(share) ? showPercent(share.value) : 'n/a'} of its planned cost of ` +
        `${showMoney(plannedCost, books.currency)}.`,
    })
  }
  return drafts
}

/** R10, claims: defect claims answered after, or still open past, their response deadline (warn). */
const lateClaimFindings = (books: Books, asOf: LocalDate.LocalDate): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  for (const claim of [...books.claims.values()].sort(byId)) {
    if (claim.date > asOf) continue
    const answered = claim.answeredOn
    const late =
      answered !== undefined
        ? answered > claim.responseDeadline
        : asOf > claim.responseDeadline && claim.status === 'Open'
    if (!late) continue
    const until = answered ?? asOf
    drafts.push({
      severity: 'warn',
      entity: claim.seller,
      date: claim.date,
      documents: [claim.id],
      lots: claim.lot !== undefined ? [claim.lot] : [],
      measures: [
        numberMeasure('days-late', Quantity.unsafeFromInteger(LocalDate.daysBetween(claim.responseDeadline, until))),
        numberMeasure(
          'allowed-days',
          Quantity.unsafeFromInteger(LocalDate.daysBetween(claim.date, claim.responseDeadline)),
        ),
      ],
      threshold: { text: `representative to arrive by ${claim.responseDeadline} (${claim.district} district)` },
      evidence: documentEvidence(books, claim),
      message:
        `Claim ${claim.id} (${claim.defect}) against ${claim.seller} was ` +
        `${answered !== undefined ? `answered on ${answered}` : 'still unanswered'}, ` +
        `${LocalDate.daysBetween(claim.responseDeadline, until)} days after the ` +
        `${claim.district}-district deadline of ${claim.responseDeadline}.`,
    })
  }
  return drafts
}

const unreasoned = (demand: PaymentDemand): boolean => {
  const refusal = demand.decision?.refusal
  return refusal === undefined || refusal.text.trim().length === 0
}

/**
 * Rule R12 (`partial-acceptance-remainder`): traces the refused remainder of each partially accepted or refused demand,
 * critical when diverted to a third party or refused without a reason, warn when open more than `openDays` days
 * (default 30).
 */
export const partialAcceptanceRemainder = unsafeDefineRule({
  id: 'partial-acceptance-remainder',
  title: 'Refused remainder diverted, unreasoned or left open',
  description:
    'Traces the refused remainder (T − a) of every partially accepted or refused payment demand: ' +
    'diverted to a bill or cheque in favour of a third party → critical (measure `diverted`); a ' +
    'refusal without a stated reason → critical; still open more than `openDays` after the decision ' +
    '→ warn. Plain postings to the diverted-receivables account are always reported (critical).',
  motivation:
    'domain.md M5, R12 ("remainder … re-diverted as a bill of exchange or check to the procurers"); ' +
    '§3.2 every refusal must be reasoned; §5.3 item 4.',
  parameters: { openDays: Param.count },
  defaults: { openDays: 30 },
  evaluate: ({ books, asOf }, { openDays }) => [
    ...[...books.demands.values()].sort(byId).flatMap((demand) => remainderFindings(books, asOf, openDays, demand)),
    ...divertedPostingFindings(books, asOf),
  ],
})

/** R12, demands: the refused remainder of one demand: diverted (critical), unreasoned (critical), left open (warn). */
const remainderFindings = (
  books: Books,
  asOf: LocalDate.LocalDate,
  openDays: number,
  demand: PaymentDemand,
): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  const remainder = demand.remainder
  const decision = demand.decision
  if (remainder === undefined || decision === undefined || decision.date > asOf || Quantity.sign(remainder.amount) <= 0)
    return drafts
  const base = {
    entity: demand.seller,
    date: decision.date,
    lots: demand.lot !== undefined ? [demand.lot] : [],
    evidence: documentEvidence(books, demand),
  }
  const measures = [
    amountMeasure('demanded', demand.amount, books.currency),
    amountMeasure('accepted', decision.accepted, books.currency),
    amountMeasure('remainder', remainder.amount, books.currency),
  ]
  const disposition = remainder.disposition
  if (disposition._tag === 'Diverted' && disposition.date <= asOf) {
    const instrument =
      disposition.instrument === 'bill'
        ? books.bills.get(disposition.instrumentId)
        : books.cheques.get(disposition.instrumentId)
    drafts.push({
      ...base,
      severity: 'critical',
      documents: [demand.id, disposition.instrumentId],
      moneyGap: { quantity: remainder.amount, commodity: books.currency },
      measures: [...measures, amountMeasure('diverted', remainder.amount, books.currency)],
      threshold: { text: 'remainder diverted to an instrument' },
      evidence: [...base.evidence, ...(instrument !== undefined ? documentEvidence(books, instrument) : [])],
      message:
        `The refused remainder of payment demand ${demand.id} ` +
        `(${showMoney(remainder.amount, books.currency)} of ${showMoney(demand.amount, books.currency)}) ` +
        `was diverted on ${disposition.date} as ${disposition.instrument} ${disposition.instrumentId} ` +
        `payable to ${disposition.payee}.`,
    })
    // a diverted remainder can also have been refused without a reason: both facts are reported
  }
  if (unreasoned(demand)) {
    drafts.push({
      ...base,
      severity: 'critical',
      documents: [demand.id],
      moneyGap: { quantity: remainder.amount, commodity: books.currency },
      measures,
      threshold: { text: 'refusal without a stated reason' },
      message:
        `Payment demand ${demand.id} was refused in part ` +
        `(${showMoney(remainder.amount, books.currency)}) on ${decision.date} without a stated reason.`,
    })
    return drafts
  }
  if (disposition._tag === 'Diverted') return drafts
  if (disposition._tag === 'Open' && LocalDate.daysBetween(decision.date, asOf) > openDays) {
    drafts.push({
      ...base,
      severity: 'warn',
      documents: [demand.id],
      moneyGap: { quantity: remainder.amount, commodity: books.currency },
      measures: [
        ...measures,
        numberMeasure('open-days', Quantity.unsafeFromInteger(LocalDate.daysBetween(decision.date, asOf))),
      ],
      threshold: {
        text: `remainder open more than ${openDays} days`,
        value: { _tag: 'Number', value: Quantity.unsafeFromInteger(openDays) },
      },
      message:
        `The refused remainder of payment demand ${demand.id} ` +
        `(${showMoney(remainder.amount, books.currency)}, ground ${decision.refusal?.ground ?? 'none'}) ` +
        `has been open for ${LocalDate.daysBetween(decision.date, asOf)} days since ${decision.date}.`,
    })
  }
  return drafts
}

/** R12, postings: plain postings to the diverted-receivables account, always reported (critical). */
const divertedPostingFindings = (books: Books, asOf: LocalDate.LocalDate): FindingDraft[] => {
  const drafts: FindingDraft[] = []
  const resolve = Flows.placeResolver(books)
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (transaction.date > asOf || !isPlain(transaction)) continue
    for (const posting of transaction.postings) {
      const place = resolve(posting.account)
      if (
        place?.role !== 'divertedReceivables' ||
        posting.money === undefined ||
        Quantity.sign(posting.money.quantity) <= 0
      )
        continue
      drafts.push({
        severity: 'critical',
        entity: place.entity as Entity.EntityName,
        date: transaction.date,
        accounts: [posting.account],
        moneyGap: posting.money,
        measures: [amountMeasure('diverted', posting.money.quantity, posting.money.commodity)],
        threshold: { text: 'any receivable diverted to an instrument' },
        evidence: [transactionEvidence(transaction)],
        message:
          `${showMoney(posting.money.quantity, posting.money.commodity)} of receivables were diverted to ` +
          `${posting.account} on ${transaction.date}.`,
      })
    }
  }
  return drafts
}
