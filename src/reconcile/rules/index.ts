/**
 * The built-in rules (domain.md §4.1 R1–R20 and the generic checks of §4.2).
 */
import type { AnyRule } from '../Rule.js'
import { demandWithoutShipment, partialAcceptanceRemainder, provisionalAcceptanceAgeing } from './AcceptanceRules.js'
import { wageArrears } from './ArrearsRules.js'
import { countVsBook } from './CountRules.js'
import { billBetweenStateParties, sameOutputPledged } from './CreditRules.js'
import { benfordFirstDigit, documentNumberGaps, duplicateDocuments } from './GenericRules.js'
import { creditOutsideLimits, frozenAccountDebit } from './LimitRules.js'
import { planFulfilmentTriangulation, wipGrowthVsPlan } from './PlanRules.js'
import { paymentPriority } from './PriorityRules.js'
import { rejectionRatePlausibility } from './RejectionRules.js'
import { sourceConflict } from './SourceRules.js'
import { specificationOverhead } from './StaffRules.js'
import { softTargets } from './TargetRules.js'
import { bonusFunding, bonusRate, wageFundOverrun } from './WageRules.js'
import { turnoverDecline, workingCapitalAboveNorm } from './WorkingCapitalRules.js'

export {
  benfordFirstDigit,
  billBetweenStateParties,
  bonusFunding,
  bonusRate,
  countVsBook,
  creditOutsideLimits,
  demandWithoutShipment,
  documentNumberGaps,
  duplicateDocuments,
  frozenAccountDebit,
  partialAcceptanceRemainder,
  paymentPriority,
  planFulfilmentTriangulation,
  provisionalAcceptanceAgeing,
  rejectionRatePlausibility,
  sameOutputPledged,
  softTargets,
  sourceConflict,
  specificationOverhead,
  turnoverDecline,
  wageArrears,
  wageFundOverrun,
  wipGrowthVsPlan,
  workingCapitalAboveNorm,
}

/** Every built-in rule, in the order of domain.md (R1…R20, then the generic checks). */
export const builtInRules: ReadonlyArray<AnyRule> = [
  workingCapitalAboveNorm, // R1
  turnoverDecline, // R2
  demandWithoutShipment, // R3
  planFulfilmentTriangulation, // R4
  wipGrowthVsPlan, // R5
  wageFundOverrun, // R6
  bonusFunding, // R7
  bonusRate, // R8
  rejectionRatePlausibility, // R9
  provisionalAcceptanceAgeing, // R10
  sameOutputPledged, // R11
  partialAcceptanceRemainder, // R12
  billBetweenStateParties, // R13
  creditOutsideLimits, // R14
  frozenAccountDebit, // R15
  paymentPriority, // R16
  countVsBook, // R17
  wageArrears, // R18
  specificationOverhead, // R19
  softTargets, // R20
  duplicateDocuments,
  documentNumberGaps,
  benfordFirstDigit,
  sourceConflict,
]
