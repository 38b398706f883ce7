/**
 * The versioned JSON form of a reconcile run: `{ version: 1, asOf, findings: [...] }`, decimals
 * as strings in the journal's literal syntax, dates as `YYYY-MM-DD`, periods as labels.
 */
import * as t from 'io-ts'
import type { Amount } from '../core/index.js'
import {
  AccountNameCodec,
  CommoditySymbolCodec,
  DocumentIdCodec,
  EntityNameCodec,
  LocalDateCodec,
  PercentPointsCodec,
  PeriodCodec,
  QuantityCodec,
} from '../domain/Operation.js'
import type { Finding } from './Finding.js'
import type { ReconcileResult } from './Reconcile.js'

/** A safe integer (line numbers), typed as a plain `number`. */
const LineNumberCodec = new t.Type<number, number, unknown>(
  'LineNumber',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, context) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, context)),
  (a) => a,
)

/** An amount in a finding: `{ "quantity": "-1234.5", "commodity": "RUB" }`. */
export const AmountCodec = t.readonly(t.type({ quantity: QuantityCodec, commodity: CommoditySymbolCodec }), 'Amount')

const IntervalEndCodec = t.readonly(t.type({ value: QuantityCodec, closed: t.boolean }))

/** An exact interval: its kind and its ends (an absent end is unbounded), decimals as strings. */
export const IntervalCodec = t.readonly(
  t.intersection([
    t.type({ kind: t.keyof({ exact: null, approximate: null, bound: null, range: null, unknown: null }) }),
    t.partial({ low: IntervalEndCodec, high: IntervalEndCodec, center: QuantityCodec }),
  ]),
)

/**
 * A measured value by `_tag`: `Amount`, `Percent` (in percent, `"12.80"` = 12.80 %) or `Number`; decimals as strings.
 */
export const MeasureValueCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('Amount'), amount: AmountCodec })),
  t.readonly(t.type({ _tag: t.literal('Percent'), percent: PercentPointsCodec })),
  t.readonly(t.type({ _tag: t.literal('Number'), value: QuantityCodec })),
  t.readonly(t.type({ _tag: t.literal('Interval'), written: t.string, interval: IntervalCodec })),
  t.readonly(t.type({ _tag: t.literal('NotComputable'), missing: t.string })),
])

/** A named measure of a finding: `{ "key": "excess", "value": { ... } }`. */
export const MeasureCodec = t.readonly(t.type({ key: t.string, value: MeasureValueCodec }))

/** An archival citation in evidence: the verbatim text and the parsed archive, fond, opis, delo and folio. */
export const CitationCodec = t.readonly(
  t.intersection([
    t.type({ text: t.string }),
    t.partial({ archive: t.string, fond: t.string, opis: t.string, delo: t.string, folio: t.string }),
  ]),
)

/** One piece of evidence: file, first and last line, citations, what it shows, and whether it is approximate. */
export const EvidenceCodec = t.readonly(
  t.type({
    file: t.string,
    line: LineNumberCodec,
    endLine: LineNumberCodec,
    citations: t.readonlyArray(CitationCodec),
    what: t.string,
    estimated: t.boolean,
  }),
)

/** A finding's severity: `info`, `warn` or `critical`. */
export const SeverityCodec = t.keyof({ info: null, warn: null, critical: null })

/** The threshold a finding crossed: its sentence and optionally its value. */
export const ThresholdCodec = t.readonly(
  t.intersection([t.type({ text: t.string }), t.partial({ value: MeasureValueCodec })]),
)

/** The io-ts codec of one finding in JSON (decimals as strings). */
export const FindingCodec = t.readonly(
  t.intersection([
    t.type({
      rule: t.string,
      severity: SeverityCodec,
      date: LocalDateCodec,
      accounts: t.readonlyArray(AccountNameCodec),
      documents: t.readonlyArray(DocumentIdCodec),
      lots: t.readonlyArray(DocumentIdCodec),
      measures: t.readonlyArray(MeasureCodec),
      threshold: ThresholdCodec,
      evidence: t.readonlyArray(EvidenceCodec),
      estimated: t.boolean,
      message: t.string,
    }),
    t.partial({
      entity: EntityNameCodec,
      period: PeriodCodec,
      moneyGap: AmountCodec,
      unitGap: AmountCodec,
      verdict: t.keyof({ certain: null, possible: null }),
    }),
  ]),
  'Finding',
)

/** The io-ts codec of a reconcile run in JSON: `{ version: 1, asOf, findings }`. */
export const ReconcileOutputCodec = t.readonly(
  t.type({ version: t.literal(1), asOf: LocalDateCodec, findings: t.readonlyArray(FindingCodec) }),
  'ReconcileOutput',
)

/** A finding as JSON. */
export type FindingJson = t.OutputOf<typeof FindingCodec>
/** A reconcile run as values, as `ReconcileOutputCodec` decodes it. */
export type ReconcileOutput = t.TypeOf<typeof ReconcileOutputCodec>
/** A reconcile run as JSON, as `toJson` writes it. */
export type ReconcileOutputJson = t.OutputOf<typeof ReconcileOutputCodec>

// The codec's type and the model must agree (checked by the compiler).
const _modelFitsCodec = (finding: Finding): t.TypeOf<typeof FindingCodec> => finding
const _amountFits = (amount: Amount.Amount): t.TypeOf<typeof AmountCodec> => amount
void _modelFitsCodec
void _amountFits

/**
 * The JSON value of a run (pass it to `JSON.stringify`): `{ version: 1, asOf, findings }`, decimals
 * as strings. Exported from 'shadow-ledger' as `findingsToJson`.
 *
 * @example
 * ```ts
 * // `books`, `reported`, `settings` loaded from the journal of the `reconcile` example (a demand without a shipment)
 * const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') }, builtInRules)
 * if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
 * const json = findingsToJson(result.right)
 * // json.version → 1, json.asOf → '1936-12-31', json.findings[0].rule → 'demand-without-shipment'
 * // json.findings[0].moneyGap → { quantity: '3800000.00', commodity: 'RUB' } (decimals as strings)
 * // JSON.stringify(json, null, 2) is what `shadow-ledger reconcile --output json` prints
 * ```
 */
export const toJson = (result: Pick<ReconcileResult, 'asOf' | 'findings'>): ReconcileOutputJson =>
  ReconcileOutputCodec.encode({ version: 1, asOf: result.asOf, findings: result.findings })

/** Encodes one finding. */
export const findingToJson = (finding: Finding): FindingJson => FindingCodec.encode(finding)
