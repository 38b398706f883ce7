/**
 * The journal parser layer: text → concrete syntax tree with spans, errors, and the lossless
 * formatter. Named re-exports only.
 */
export { parse, emptyContext, type ParseContext, type ParseOptions, type ParseResult } from './Parse.js'
export {
  parseErrorTags,
  message as parseErrorMessage,
  renderParseError,
  renderParseErrors,
  type ParseError,
  type ParseErrorTag,
  type UnsupportedFeature,
  type InvalidAmountReason,
  type BadCommodityReason,
  type ExpectedArgument,
  type NameKind,
} from './ParseError.js'
export { format, formatAmount, formatPeriod, type FormatOptions } from './Format.js'
export { parseTags, isBareCommoditySymbol, type NumberStyle } from './Lexer.js'
export {
  OPERATION_KEYWORDS,
  nodeTags,
  type Span,
  type DecimalMark,
  type CommoditySide,
  type AmountStyle,
  type AmountSyntax,
  type Tag,
  type CommentMarker,
  type CommentSyntax,
  type PeriodKind,
  type PeriodSyntax,
  type ArgToken,
  type SubLine,
  type Status,
  type BalanceOperator,
  type BalanceSyntax,
  type PostingSyntax,
  type TransactionSyntax,
  type OperationSyntax,
  type AccountDirective,
  type CommodityDirective,
  type DecimalMarkDirective,
  type PriceDirective,
  type PayeeDirective,
  type IncludeDirective,
  type YearDirective,
  type EntityDirective,
  type PlanKeyword,
  type PlanDirective,
  type CountDirective,
  type ParamDirective,
  type ExpectationDirective,
  type BlankLine,
  type CommentLine,
  type CommentBlock,
  type Node,
} from './Syntax.js'
export {
  quantityDigitsMax,
  lineLengthMax,
  postingsPerTransactionMax,
  parseErrorsMax,
  accountNameLengthMax,
  commoditySymbolLengthMax,
  yearMin,
  yearMax,
} from './limits.js'
