/**
 * The simulation layer: seeded regions with planted mechanisms and their ground truth, the
 * auditor that checks the engine loaded what the simulator wrote, and rule scoring against the
 * truth. Imports core, domain, journal, measures and reconcile; touches no file.
 */

export { type AuditMismatch, auditLedger } from './Audit.js'
export { defaultRates, parseRates, type Rates, ratePermille } from './Rates.js'
export { type Chunk, entityName, type SimulateOptions, simulate } from './Region.js'
export * from './Score.js'
export {
  type Audit,
  AuditCodec,
  type AuditEntry,
  type DecoyKind,
  decoyKinds,
  type ExpectedRule,
  type MechanismKind,
  mechanismKinds,
  mechanismOf,
  type Truth,
  TruthCodec,
  type TruthRecord,
  TruthRecordCodec,
  truthSchemaVersion,
} from './Truth.js'
