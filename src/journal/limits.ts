/**
 * Named limits of the journal parser (TigerBeetle's "put a limit on everything").
 *
 * Each limit is checked where text enters the parser; exceeding one is a typed `ParseError`, never
 * an exception or a hang. The limits the model shares (digits of a quantity, postings per
 * transaction, name lengths, years) are core's: one value, checked by the parser first and by
 * the elaborator again; the limits of the text itself live here.
 */

export {
  accountNameLengthMax,
  commoditySymbolLengthMax,
  postingsPerTransactionMax,
  quantityDigitsMax,
  yearMax,
  yearMin,
} from '../core/limits.js'

/** Code units allowed in one physical line (without its line break). */
export const lineLengthMax = 10_000

/** Errors reported by one `parse` call before it stops with a final `TooManyErrors`. */
export const parseErrorsMax = 100
