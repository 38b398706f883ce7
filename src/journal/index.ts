/**
 * The journal parser layer: text → concrete syntax tree with spans, errors, and the lossless
 * formatter. Named re-exports only.
 */

export { type FormatOptions, format, formatAmount, formatPeriod } from './Format.js'
export { isBareCommoditySymbol, type NumberStyle, parseTags } from './Lexer.js'
export {
  accountNameLengthMax,
  commoditySymbolLengthMax,
  lineLengthMax,
  parseErrorsMax,
  postingsPerTransactionMax,
  quantityDigitsMax,
  yearMax,
  yearMin,
} from './limits.js'
export { emptyContext, type ParseContext, type ParseOptions, type ParseResult, parse } from './Parse.js'
export {
  type BadCommodityReason,
  type ExpectedArgument,
  type InvalidAmountReason,
  message as parseErrorMessage,
  type NameKind,
  type ParseError,
  type ParseErrorTag,
  parseErrorTags,
  renderParseError,
  renderParseErrors,
  type UnsupportedFeature,
} from './ParseError.js'
export {
  type AccountDirective,
  type AmountStyle,
  type AmountSyntax,
  type ArgToken,
  type BalanceOperator,
  type BalanceSyntax,
  type BlankLine,
  type CommentBlock,
  type CommentLine,
  type CommentMarker,
  type CommentSyntax,
  type CommodityDirective,
  type CommoditySide,
  type CountDirective,
  type DecimalMark,
  type DecimalMarkDirective,
  type EntityDirective,
  type ExpectationDirective,
  type IncludeDirective,
  type Node,
  nodeTags,
  OPERATION_KEYWORDS,
  type OperationSyntax,
  type ParamDirective,
  type PayeeDirective,
  type PeriodKind,
  type PeriodSyntax,
  type PlanDirective,
  type PlanKeyword,
  type PostingSyntax,
  type PriceDirective,
  type Span,
  type Status,
  type SubLine,
  type Tag,
  type TransactionSyntax,
  type YearDirective,
} from './Syntax.js'
