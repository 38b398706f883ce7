/**
 * Named limits of the journal parser (TigerBeetle's "put a limit on everything").
 *
 * Each limit is checked where text enters the parser; exceeding one is a typed `ParseError`, never
 * an exception or a hang. The values mirror `core/limits.ts` where both exist, but this module does
 * not import core: the parser layer stands alone (the elaborator re-checks with core's values).
 */

/** Digits (integer plus fraction, as written) allowed in one written quantity. */
export const quantityDigitsMax = 60

/** Code units allowed in one physical line (without its line break). */
export const lineLengthMax = 10_000

/** Postings allowed in one transaction. */
export const postingsPerTransactionMax = 10_000

/** Errors reported by one `parse` call before it stops with a final `TooManyErrors`. */
export const parseErrorsMax = 100

/** Code units allowed in one account name. */
export const accountNameLengthMax = 1_000

/** Code units allowed in one commodity symbol. */
export const commoditySymbolLengthMax = 100

/** The earliest year a date may name (proleptic Gregorian calendar). */
export const yearMin = 1
/** The latest year a date may name (proleptic Gregorian calendar). */
export const yearMax = 9999
