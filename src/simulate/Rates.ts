/**
 * The rates at which the simulator plants each mechanism and decoy, in integer permille per
 * enterprise-year, and their parsing from `--plant kind=rate,…` (read as text: no floating point).
 */
import type { DecoyKind, MechanismKind } from './Truth.js'
import { decoyKinds, mechanismKinds } from './Truth.js'

/** Rates in permille per enterprise-year (50 = 5 % of enterprise-years carry the mechanism). */
export type Rates = Readonly<Record<MechanismKind | DecoyKind, number>>
export const defaultRates: Rates = {
  'invoice-without-shipment': 50,
  'wip-growth': 50,
  'bonus-wage-fund': 50,
  'provisional-refinance': 40,
  'partial-divert': 40,
  'savings-bank-over-limit': 40,
  'frozen-debit': 50,
  'working-capital-above-norm': 50,
  'plan-by-volume': 50,
  'otk-bonus-rate': 50,
  'unaccepted-output': 50,
  'count-shortfall': 50,
  'commercial-bill': 40,
  'refused-for-defects': 50,
  'wip-ramp-up': 50,
  'director-fund-bonus': 80,
  'natural-loss': 50,
}
/** Parses `kind=rate,…` (rates as decimals `0.05` or percentages `5%`) into permille; errors name the part. */
export const parseRates = (text: string): { readonly rates: Partial<Rates> } | { readonly error: string } => {
  if (typeof text !== 'string') return { error: 'the rates must be text (mechanism=rate,…)' }
  const rates: Partial<Record<MechanismKind | DecoyKind, number>> = {}
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const [kind, value] = part.split('=')
    if (kind === undefined || value === undefined) return { error: `--plant ${part}: write KIND=RATE` }
    if (
      !(mechanismKinds as ReadonlyArray<string>).includes(kind) &&
      !(decoyKinds as ReadonlyArray<string>).includes(kind)
    ) {
      return {
        error: `--plant ${part}: unknown kind "${kind}" (known: ${[...mechanismKinds, ...decoyKinds].join(', ')})`,
      }
    }
    const permille = ratePermille(value)
    if (permille === undefined)
      return {
        error:
          `--plant ${part}: the rate must be a decimal in [0, 1] with at most 3 decimals (0.05) or a ` +
          `percentage (5%)`,
      }
    rates[kind as MechanismKind] = permille
  }
  return { rates }
}
/** `0.05` → 50, `5%` → 50, `0.125` → 125 (no floating point: the digits are read as text). */
export const ratePermille = (value: string): number | undefined => {
  const percent = /^(\d{1,3})(?:\.(\d))?%$/u.exec(value)
  if (percent !== null) {
    const result = Number(percent[1]) * 10 + Number(percent[2] ?? '0')
    return result <= 1000 ? result : undefined
  }
  const decimal = /^(0|1)(?:\.(\d{1,3}))?$/u.exec(value)
  if (decimal === null) return undefined
  const result = Number(decimal[1]) * 1000 + Number((decimal[2] ?? '').padEnd(3, '0'))
  return result <= 1000 ? result : undefined
}
