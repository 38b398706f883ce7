/**
 * The ground truth of a simulated region: every planted mechanism and every decoy, with the
 * entity, the period, the amount or units, and the rules expected to catch it. Versioned JSON,
 * decoded by `TruthCodec` (decimals are strings).
 */
import * as t from 'io-ts'

export const truthSchemaVersion = 1

/** The mechanisms of domain.md §2 (M1–M9, and the bills of §3.1) the simulator can plant, with the journal names. */
export const mechanismKinds = [
  'invoice-without-shipment', // M1
  'wip-growth', // M2
  'bonus-wage-fund', // M3
  'provisional-refinance', // M4
  'partial-divert', // M5
  'savings-bank-over-limit', // M6
  'frozen-debit', // M7
  'working-capital-above-norm', // M8
  'plan-by-volume', // M9
  'otk-bonus-rate', // M3, the OTK variant (Q10)
  'unaccepted-output', // M4, produced and never finally accepted (Q20)
  'count-shortfall', // M2 (R17): book stock with no physical counterpart
  'commercial-bill', // §3.1: a bill of exchange between state parties
] as const
export type MechanismKind = (typeof mechanismKinds)[number]

export const decoyKinds = ['refused-for-defects', 'wip-ramp-up', 'director-fund-bonus', 'natural-loss'] as const
export type DecoyKind = (typeof decoyKinds)[number]

/** Which mechanism each kind writes (domain.md §2). */
export const mechanismOf: Readonly<Record<MechanismKind, string>> = {
  'invoice-without-shipment': 'M1',
  'wip-growth': 'M2',
  'bonus-wage-fund': 'M3',
  'provisional-refinance': 'M4',
  'partial-divert': 'M5',
  'savings-bank-over-limit': 'M6',
  'frozen-debit': 'M7',
  'working-capital-above-norm': 'M8',
  'plan-by-volume': 'M9',
  'otk-bonus-rate': 'M3',
  'unaccepted-output': 'M4',
  'count-shortfall': 'M2',
  'commercial-bill': '§3.1',
}

const ExpectedRule = t.intersection([t.type({ rule: t.string }), t.partial({ amount: t.string })])
export type ExpectedRule = t.TypeOf<typeof ExpectedRule>

export const TruthRecordCodec = t.intersection([
  t.type({
    id: t.string,
    kind: t.string,
    decoy: t.boolean,
    entity: t.string,
    period: t.type({ start: t.string, endExclusive: t.string, label: t.string }),
    expected: t.array(ExpectedRule),
    detectable: t.boolean,
  }),
  t.partial({
    mechanism: t.string,
    lookalikeOf: t.string,
    amount: t.string,
    units: t.type({ quantity: t.string, commodity: t.string }),
    note: t.string,
  }),
])
export type TruthRecord = t.TypeOf<typeof TruthRecordCodec>

export const TruthCodec = t.type({
  schemaVersion: t.literal(truthSchemaVersion),
  seed: t.number,
  enterprises: t.number,
  years: t.number,
  startYear: t.number,
  honest: t.boolean,
  rates: t.record(t.string, t.string),
  amountTolerance: t.string,
  records: t.array(TruthRecordCodec),
})
export type Truth = t.TypeOf<typeof TruthCodec>

/** The auditor's expectation: an account's inclusive balance, by the simulator's own bookkeeping. */
export const AuditEntryCodec = t.type({
  account: t.string,
  book: t.union([t.literal('money'), t.literal('goods')]),
  commodity: t.string,
  quantity: t.string,
})
export type AuditEntry = t.TypeOf<typeof AuditEntryCodec>
export const AuditCodec = t.type({ schemaVersion: t.literal(truthSchemaVersion), entries: t.array(AuditEntryCodec) })
export type Audit = t.TypeOf<typeof AuditCodec>
