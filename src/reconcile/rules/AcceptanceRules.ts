/**
 * R3 payment demand without shipment; R10 provisional-acceptance ageing; R12 partial-acceptance
 * remainder tracing (R9, rejection-rate plausibility, is in RejectionRules.ts).
 */
import * as O from 'fp-ts/lib/Option.js'
import { Amount, type Entity, Ledger, LocalDate, Quantity } from '../../core/index.js'
import type { Books, PaymentDemand, Shipment } from '../../domain/Books.js'
import { Ageing, Flows, Physical, Ratio } from '../../measures/index.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  type Measure,
  numberMeasure,
  percentMeasure,
  showMoney,
  showPercent,
  showUnits,
  transactionEvidence,
} from '../Finding.js'
import * as Param from '../Param.js'
import { defineRule, type FindingDraft } from '../Rule.js'
import { isPlain } from './common.js'

const byId = <A extends { readonly id: string }>(a: A, b: A): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Gather: the units taken over by military acceptance of a lot (provisional or final) up to the as-of date, per lot,
 * buyer and commodity. A final acceptance on or after the lot's earliest provisional certificate is already counted.
 */
const acceptedUnitsByLot = (books: Books, asOf: LocalDate.LocalDate): Map<string, Quantity.Quantity> => {
  const acceptedPool = new Map<string, Quantity.Quantity>()
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
  return acceptedPool
}

/**
 * Measure: the units of each demand delivered by acceptance rather than by shipment (a demand for an accepted lot
 * names a certificate, not a shipment). Each lot's accepted units are allocated to its demands in date order, so two
 * demands cannot both lean on the same tanks.
 */
const deliveredByAcceptance = (books: Books, asOf: LocalDate.LocalDate): ReadonlyMap<string, Quantity.Quantity> => {
  const acceptedPool = acceptedUnitsByLot(books, asOf)
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

/**
 * Whether R3 judges a demand: a demand for services (repair, rework) has nothing to ship, and a money-only demand on a
 * contract whose specification was revised is a price-difference invoice (M4 step 4) that invoices no goods (the
 * pledging rule watches it).
 */
const invoicesGoods = (books: Books, demand: PaymentDemand): boolean => {
  if (demand.bills === 'services') return false
  const contract = demand.contract !== undefined ? books.contracts.get(demand.contract) : undefined
  return !(
    demand.units === undefined &&
    contract !== undefined &&
    contract.versions.filter((version) => version.date <= demand.date).length > 1
  )
}

/** What every finding on one demand shares: its shipments, evidence, and the Gosbank documents credit drawn on it. */
interface DemandContext {
  readonly demand: PaymentDemand
  readonly shipments: ReadonlyArray<Shipment>
  readonly creditText: string
  readonly evidence: ReadonlyArray<Evidence>
  readonly commonMeasures: ReadonlyArray<Measure>
}

const demandContext = (books: Books, demand: PaymentDemand): DemandContext => {
  const shipments = demand.shipments
    .map((id) => books.shipments.get(id))
    .filter((shipment): shipment is NonNullable<typeof shipment> => shipment !== undefined)
  const credit = demand.documentsCredit
  return {
    demand,
    shipments,
    creditText:
      credit !== undefined
        ? `; ${credit.bank} credited ${showMoney(credit.amount, books.currency)} on it as documents in transit`
        : '',
    evidence: [
      ...documentEvidence(books, demand),
      ...shipments.flatMap((shipment) => documentEvidence(books, shipment)),
    ],
    commonMeasures: credit !== undefined ? [amountMeasure('documents-credit', credit.amount, books.currency)] : [],
  }
}

/**
 * Judge and explain a demand with units: critical when it invoices more units than were shipped (by the as-of date)
 * or delivered by acceptance; the gap valued at the unit price, and the share of the documents credit resting on it.
 */
const unshippedDraft = (
  books: Books,
  asOf: LocalDate.LocalDate,
  { demand, shipments, creditText, evidence, commonMeasures }: DemandContext,
  units: Amount.Amount,
  delivered: Quantity.Quantity,
): FindingDraft | undefined => {
  const shipped = Quantity.add(
    Quantity.sumAll(
      shipments
        .filter((shipment) => shipment.goods.commodity === units.commodity && shipment.date <= asOf)
        .map((shipment) => shipment.goods.quantity),
    ),
    delivered,
  )
  const unshipped = Quantity.subtract(units.quantity, shipped)
  if (Quantity.sign(unshipped) <= 0) return undefined
  const credit = demand.documentsCredit
  const price =
    demand.unitPrice ??
    O.getOrElse(() => Quantity.zero)(Ratio.ratio(demand.amount, units.quantity, { scaleDigits: 2, mode: 'halfEven' }))
  const gap = Quantity.compare(unshipped, units.quantity) === 0 ? demand.amount : Quantity.multiply(unshipped, price)
  // the part of the documents credit that rests on the unshipped goods: credit × unshipped / demanded
  // (computed, half-even to the kopeck)
  const creditUnshipped =
    credit === undefined
      ? undefined
      : Quantity.compare(unshipped, units.quantity) === 0
        ? credit.amount
        : O.getOrElse(() => credit.amount)(
            Ratio.ratio(Quantity.multiply(credit.amount, unshipped), units.quantity, {
              scaleDigits: 2,
              mode: 'halfEven',
            }),
          )
  return {
    severity: 'critical',
    entity: demand.seller,
    date: demand.date,
    documents: [demand.id, ...demand.shipments],
    lots: demand.lot !== undefined ? [demand.lot] : [],
    moneyGap: { quantity: gap, commodity: books.currency },
    unitGap: Amount.make(unshipped, units.commodity),
    measures: [
      amountMeasure('unshipped', unshipped, units.commodity),
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
      `${showUnits(units.quantity, units.commodity)} but only ` +
      `${showUnits(shipped, units.commodity)} were shipped or accepted: ` +
      `${showMoney(gap, books.currency)} demanded for goods not shipped${creditText}` +
      (creditUnshipped !== undefined
        ? `; ${showMoney(creditUnshipped, books.currency)} of it rests on the unshipped goods ` +
          `(computed in proportion to the units)`
        : '') +
      `.`,
  }
}

/** Judge and explain a demand without units: critical when it names no shipment at all. */
const noShipmentDraft = (
  books: Books,
  { demand, creditText, evidence, commonMeasures }: DemandContext,
): FindingDraft | undefined =>
  demand.shipments.length > 0
    ? undefined
    : {
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
      }

/** Judge and explain the cut-off: a warning for each shipment dated after the demand that names it. */
const earlyDemandDrafts = ({ demand, shipments, evidence }: DemandContext): ReadonlyArray<FindingDraft> =>
  shipments
    .filter((shipment) => shipment.date > demand.date)
    .map(
      (shipment): FindingDraft => ({
        severity: 'warn',
        entity: demand.seller,
        date: demand.date,
        documents: [demand.id, shipment.id],
        measures: [
          numberMeasure('days-early', Quantity.fromInteger(LocalDate.daysBetween(demand.date, shipment.date))),
        ],
        threshold: { text: 'demand dated before its shipment' },
        evidence,
        message:
          `Payment demand ${demand.id} is dated ${demand.date}, ` +
          `${LocalDate.daysBetween(demand.date, shipment.date)} days before the shipment ${shipment.id} it ` +
          `refers to (${shipment.date}).`,
      }),
    )

/**
 * Rule R3 (`demand-without-shipment`): flags a payment demand whose units exceed the units shipped on the documents it
 * names (critical, gap valued exactly at the unit price) or whose shipment is dated after it (warn).
 */
export const demandWithoutShipment = defineRule({
  id: 'demand-without-shipment',
  title: 'Payment demand without shipment',
  description:
    'Matches each payment demand with the shipment documents it names: unshipped = units demanded − ' +
    'units shipped (same commodity); money gap = unshipped × unit price (or the whole amount when the ' +
    'demand names neither units nor shipments). Unshipped > 0 → critical; a shipment dated after its ' +
    'demand → warn (cut-off). Reports whether Gosbank credit on documents in transit was drawn on the ' +
    'demand.',
  motivation:
    'domain.md M1, R3 (fn 61: "recorded sales at planned values", "ruble value of invoiced goods, not ' +
    'the physical inventory actually delivered"); §3.2 full-refusal ground "goods not actually ' +
    'shipped"; §4.2 cut-off tests.',
  parameters: {},
  defaults: {},
  evaluate: ({ books, asOf }) => {
    const delivered = deliveredByAcceptance(books, asOf)
    return [...books.demands.values()]
      .sort(byId)
      .filter((demand) => demand.date <= asOf && invoicesGoods(books, demand))
      .flatMap((demand) => {
        const context = demandContext(books, demand)
        const judged =
          demand.units !== undefined
            ? unshippedDraft(books, asOf, context, demand.units, delivered.get(demand.id) ?? Quantity.zero)
            : noShipmentDraft(books, context)
        return [...(judged !== undefined ? [judged] : []), ...earlyDemandDrafts(context)]
      })
  },
})

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

/** R10's first test: units held provisionally accepted longer than `maxAgeDays`, per account and commodity. */
const agedAcceptanceDrafts = (
  books: Books,
  asOf: LocalDate.LocalDate,
  maxAgeDays: number,
): ReadonlyArray<FindingDraft> => {
  const drafts: FindingDraft[] = []
  // Units of each account and commodity by age bucket (units of different commodities are never summed).
  const allLayers = Physical.stageAgeing(books, { stage: 'provisionallyAccepted', on: asOf })
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
        numberMeasure('oldest-days', Quantity.fromInteger(first.ageDays)),
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
        value: { _tag: 'Number', value: Quantity.fromInteger(maxAgeDays) },
      },
      evidence: group.map((layer) =>
        transactionEvidence(
          layer.transaction,
          `${showUnits(layer.units, layer.commodity)} provisionally accepted into ${layer.account}`,
        ),
      ),
      message:
        `${showUnits(units, first.commodity)} in ${first.account} have been provisionally accepted but not ` +
        `finally accepted for up to ${first.ageDays} days (since ${first.since}).`,
    })
  }
  return drafts
}

/** R10's second test: lots whose rework cost exceeds `reworkShare` percent of their planned cost. */
const reworkShareDrafts = (
  books: Books,
  asOf: LocalDate.LocalDate,
  reworkShare: Quantity.Quantity,
): ReadonlyArray<FindingDraft> => {
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

/** R10's third test: defect claims answered after (or still open past) their response deadline. */
const lateClaimDrafts = (books: Books, asOf: LocalDate.LocalDate): ReadonlyArray<FindingDraft> => {
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
        numberMeasure('days-late', Quantity.fromInteger(LocalDate.daysBetween(claim.responseDeadline, until))),
        numberMeasure('allowed-days', Quantity.fromInteger(LocalDate.daysBetween(claim.date, claim.responseDeadline))),
      ],
      threshold: { text: `representative to arrive by ${claim.responseDeadline} (${claim.district} district)` },
      evidence: documentEvidence(books, claim),
      message:
        `Claim ${claim.id} (${claim.defect}) against ${claim.seller} was ` +
        `${answered !== undefined ? `answered on ${answered}` : 'still unanswered'}, ` +
        `${LocalDate.daysBetween(claim.responseDeadline, until)} days after the ${claim.district}-district ` +
        `deadline of ${claim.responseDeadline}.`,
    })
  }
  return drafts
}

/**
 * Rule R10 (`provisional-acceptance-ageing`): warns of units held provisionally accepted longer than `maxAgeDays` whole
 * days (default 90), rework cost above `reworkShare` percent of planned cost (default 10), and late defect-claim
 * answers.
 */
export const provisionalAcceptanceAgeing = defineRule({
  id: 'provisional-acceptance-ageing',
  title: 'Provisionally accepted units ageing; rework; claim response',
  description:
    'Units held provisionally accepted (FIFO layers per account and commodity) longer than ' +
    '`maxAgeDays` → warn; lots whose rework cost exceeds `reworkShare` of their planned cost (current ' +
    'contract version × units launched) → warn; defect claims answered after (or still open past) ' +
    'their response deadline (12 / 25 days, inner / remote district) → warn.',
  motivation: 'domain.md Q19–Q20, Q22, M4 (fn 64–65, 69); §4.2 receivables ageing applied to A.PROVACC.',
  parameters: { maxAgeDays: Param.count, reworkShare: Param.percent },
  defaults: { maxAgeDays: 90, reworkShare: Quantity.fromInteger(10) },
  evaluate: ({ books, asOf }, { maxAgeDays, reworkShare }) => [
    ...agedAcceptanceDrafts(books, asOf, maxAgeDays),
    ...reworkShareDrafts(books, asOf, reworkShare),
    ...lateClaimDrafts(books, asOf),
  ],
})

const unreasoned = (demand: PaymentDemand): boolean => {
  const refusal = demand.decision?.refusal
  return refusal === undefined || refusal.text.trim().length === 0
}

/**
 * R12 on documents: each refused remainder of a payment demand, diverted to an instrument or refused without a
 * reason (critical), or open more than `openDays` after the decision (warn).
 */
const remainderDrafts = (books: Books, asOf: LocalDate.LocalDate, openDays: number): ReadonlyArray<FindingDraft> => {
  const drafts: FindingDraft[] = []
  for (const demand of [...books.demands.values()].sort(byId)) {
    const remainder = demand.remainder
    const decision = demand.decision
    if (
      remainder === undefined ||
      decision === undefined ||
      decision.date > asOf ||
      Quantity.sign(remainder.amount) <= 0
    )
      continue
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
          `The refused remainder of payment demand ${demand.id} (` +
          `${showMoney(remainder.amount, books.currency)} of ${showMoney(demand.amount, books.currency)}) ` +
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
          `Payment demand ${demand.id} was refused in part (${showMoney(remainder.amount, books.currency)}) ` +
          `on ${decision.date} without a stated reason.`,
      })
      continue
    }
    if (disposition._tag === 'Diverted') continue
    if (disposition._tag === 'Open' && LocalDate.daysBetween(decision.date, asOf) > openDays) {
      drafts.push({
        ...base,
        severity: 'warn',
        documents: [demand.id],
        moneyGap: { quantity: remainder.amount, commodity: books.currency },
        measures: [
          ...measures,
          numberMeasure('open-days', Quantity.fromInteger(LocalDate.daysBetween(decision.date, asOf))),
        ],
        threshold: {
          text: `remainder open more than ${openDays} days`,
          value: { _tag: 'Number', value: Quantity.fromInteger(openDays) },
        },
        message:
          `The refused remainder of payment demand ${demand.id} (` +
          `${showMoney(remainder.amount, books.currency)}, ground ${decision.refusal?.ground ?? 'none'}) has ` +
          `been open for ${LocalDate.daysBetween(decision.date, asOf)} days since ${decision.date}.`,
      })
    }
  }
  return drafts
}

/** R12 on plain postings: every positive posting to the diverted-receivables account (critical). */
const divertedPostingDrafts = (books: Books, asOf: LocalDate.LocalDate): ReadonlyArray<FindingDraft> => {
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

/**
 * Rule R12 (`partial-acceptance-remainder`): traces the refused remainder of each partially accepted or refused demand,
 * critical when diverted to a third party or refused without a reason, warn when open more than `openDays` days
 * (default 30).
 */
export const partialAcceptanceRemainder = defineRule({
  id: 'partial-acceptance-remainder',
  title: 'Refused remainder diverted, unreasoned or left open',
  description:
    'Traces the refused remainder (T − a) of every partially accepted or refused payment demand: ' +
    'diverted to a bill or cheque in favour of a third party → critical (measure `diverted`); a ' +
    'refusal without a stated reason → critical; still open more than `openDays` after the decision → ' +
    'warn. Plain postings to the diverted-receivables account are always reported (critical).',
  motivation:
    'domain.md M5, R12 ("remainder … re-diverted as a bill of exchange or check to the procurers"); ' +
    '§3.2 every refusal must be reasoned; §5.3 item 4.',
  parameters: { openDays: Param.count },
  defaults: { openDays: 30 },
  evaluate: ({ books, asOf }, { openDays }) => [
    ...remainderDrafts(books, asOf, openDays),
    ...divertedPostingDrafts(books, asOf),
  ],
})
