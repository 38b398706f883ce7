/**
 * The simulation layer: seeded regions with planted mechanisms and their ground truth, the
 * auditor that checks the engine loaded what the simulator wrote, and rule scoring against the
 * truth. Imports core, domain, journal, measures and reconcile; touches no file.
 */
export {
  type Chunk,
  type Rates,
  type SimulateOptions,
  defaultRates,
  entityName,
  parseRates,
  ratePermille,
  simulate,
} from './Region.js'
export {
  type Audit,
  type AuditEntry,
  type DecoyKind,
  type ExpectedRule,
  type MechanismKind,
  type Truth,
  type TruthRecord,
  AuditCodec,
  TruthCodec,
  TruthRecordCodec,
  decoyKinds,
  mechanismKinds,
  mechanismOf,
  truthSchemaVersion,
} from './Truth.js'
export { type AuditMismatch, auditLedger } from './Audit.js'
export * from './Score.js'
