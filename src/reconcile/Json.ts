/**
 * The versioned JSON form of a reconcile run: `{ version: 1, asOf, findings: [...] }`, decimals
 * as strings in the journal's literal syntax, dates as `YYYY-MM-DD`, periods as labels.
 */
import * as t from 'io-ts'
import type { Amount } from '../core/index.js'
import { AccountNameCodec, CommoditySymbolCodec, DocumentIdCodec, EntityNameCodec, LocalDateCodec, PeriodCodec, QuantityCodec } from '../domain/Operation.js'
import type { Finding } from './Finding.js'
import type { ReconcileResult } from './Reconcile.js'

/** A safe integer (line numbers), typed as a plain `number`. */
const LineNumberCodec = new t.Type<number, number, unknown>(
  'LineNumber',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, context) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, context)),
  (a) => a,
)

export const AmountCodec = t.readonly(t.type({ quantity: QuantityCodec, commodity: CommoditySymbolCodec }), 'Amount')

export const MeasureValueCodec = t.union([
  t.readonly(t.type({ _tag: t.literal('Amount'), amount: AmountCodec })),
  t.readonly(t.type({ _tag: t.literal('Percent'), percent: QuantityCodec })),
  t.readonly(t.type({ _tag: t.literal('Number'), value: QuantityCodec })),
])

export const MeasureCodec = t.readonly(t.type({ key: t.string, value: MeasureValueCodec }))

export const CitationCodec = t.readonly(
  t.intersection([t.type({ text: t.string }), t.partial({ archive: t.string, fond: t.string, opis: t.string, delo: t.string, folio: t.string })]),
)

export const EvidenceCodec = t.readonly(
  t.type({ file: t.string, line: LineNumberCodec, endLine: LineNumberCodec, citations: t.readonlyArray(CitationCodec), what: t.string, estimated: t.boolean }),
)

export const SeverityCodec = t.keyof({ info: null, warn: null, critical: null })

export const ThresholdCodec = t.readonly(t.intersection([t.type({ text: t.string }), t.partial({ value: MeasureValueCodec })]))

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
    t.partial({ entity: EntityNameCodec, period: PeriodCodec, moneyGap: AmountCodec, unitGap: AmountCodec }),
  ]),
  'Finding',
)

/** The io-ts codec of a reconcile run in JSON: `{ version: 1, asOf, findings }`. */
export const ReconcileOutputCodec = t.readonly(t.type({ version: t.literal(1), asOf: LocalDateCodec, findings: t.readonlyArray(FindingCodec) }), 'ReconcileOutput')

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

/** The JSON value of a run (pass it to `JSON.stringify`). */
export const toJson = (result: Pick<ReconcileResult, 'asOf' | 'findings'>): ReconcileOutputJson =>
  ReconcileOutputCodec.encode({ version: 1, asOf: result.asOf, findings: result.findings })

/** Encodes one finding. */
export const findingToJson = (finding: Finding): FindingJson => FindingCodec.encode(finding)
