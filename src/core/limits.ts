/**
 * Named limits (TigerBeetle's "put a limit on everything"). Every limit is checked where input
 * enters the system, exceeding one is a typed error, and each has a test at and just past it.
 */

/** Significant digits (integer plus fraction) allowed in one written quantity. */
export const quantityDigitsMax = 60

/** Fraction digits allowed in one written quantity. */
export const quantityScaleMax = 30

/** Postings allowed in one transaction. */
export const postingsPerTransactionMax = 10_000

/** Characters allowed in one account name. */
export const accountNameLengthMax = 1_000

/** Segments allowed in one account name (`a:b:c` has three). */
export const accountDepthMax = 64

/** Characters allowed in one commodity symbol. */
export const commoditySymbolLengthMax = 100

/** The earliest year a LocalDate may name. */
export const yearMin = 1
/** The latest year a LocalDate may name. */
export const yearMax = 9999
