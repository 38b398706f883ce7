/**
 * Elaboration of the statement directives: `reported`, `param` and `expect` become the domain's
 * ReportedFigure, RuleSetting and Expectation (src/domain/Statements.ts).
 *
 * The argument tokens are read by shape: a declared entity name is the entity; a date or a
 * period is the period; `severity S` and `within TOLERANCE` are keywords; any other word
 * followed by a value (amount, goods quantity, percentage or number) is a named measure; a
 * remaining word is a document id.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Amount from '../core/Amount.js'
import type * as Citation from '../core/Citation.js'
import * as Commodity from '../core/Commodity.js'
import type * as Entity from '../core/Entity.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Period from '../core/Period.js'
import * as Quantity from '../core/Quantity.js'
import * as Rate from '../core/Rate.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type { Expectation, ExpectedMeasure, ReportedFigure, RuleSetting, StatementValue } from '../domain/Statements.js'
import { citationsOf, type ElaborateWarning, tagsOf } from './Elaborate.js'
import { provenanceOf } from './Provenance.js'
import type * as Syntax from './Syntax.js'
import { hedgedValue, looksHedged } from './Uncertain.js'

/**
 * Why a `reported`, `param` or `expect` directive was rejected: a value that is not a value, an
 * unknown entity, or an invalid expectation field.
 */
export type StatementError =
  | {
      readonly _tag: 'InvalidStatementValue'
      readonly span: SourceSpan
      readonly directive: 'reported' | 'restate' | 'param' | 'expect'
      readonly text: string
    }
  | { readonly _tag: 'UnknownEntity'; readonly span: SourceSpan; readonly entity: string }
  | {
      readonly _tag: 'InvalidExpectation'
      readonly span: SourceSpan
      readonly reason: 'severity' | 'tolerance' | 'duplicatePeriod' | 'unexpectedToken'
      readonly text: string
    }

/** Every `StatementError` tag, once. */
export const statementErrorTags = [
  'InvalidStatementValue',
  'UnknownEntity',
  'InvalidExpectation',
] as const satisfies ReadonlyArray<StatementError['_tag']>

// Compile-time check that `statementErrorTags` names every tag of the union.
type UnlistedStatementError = Exclude<StatementError['_tag'], (typeof statementErrorTags)[number]>
const _everyStatementErrorTagListed: [UnlistedStatementError] extends [never] ? true : UnlistedStatementError = true
void _everyStatementErrorTagListed

/** Renders a statement directive error as a sentence (without the location). */
export const message = (error: StatementError): string => {
  switch (error._tag) {
    case 'InvalidStatementValue':
      return (
        `${error.directive}: ${JSON.stringify(error.text)} is not a value (write an amount, a goods ` +
        `quantity in [ ], a percentage, a number, a date or a word; hedged: >X, >=X, <X, <=X, A..B with A <= B, ?)`
      )
    case 'UnknownEntity':
      return `no entity ${JSON.stringify(error.entity)} is declared (add "entity ${error.entity}")`
    case 'InvalidExpectation':
      switch (error.reason) {
        case 'severity':
          return `expect: severity must be info, warn or critical, not ${JSON.stringify(error.text)}`
        case 'tolerance':
          return `expect: within takes an amount or a percentage, not ${JSON.stringify(error.text)}`
        case 'duplicatePeriod':
          return `expect: a second date or period ${JSON.stringify(error.text)}; give one`
        case 'unexpectedToken':
          return (
            `expect: unexpected ${JSON.stringify(error.text)} (write a measure as NAME VALUE, e.g. ` +
            `excess 1,000.00 RUB)`
          )
      }
  }
}

const estimatedPercent = /^~(-?\d+(?:\.\d+)?)%$/u

const tokenText = (token: Syntax.ArgToken): string => {
  switch (token._tag) {
    case 'Word':
      return token.text
    case 'String':
      return token.value
    case 'Amount':
      return `${token.amount.quantity} ${token.amount.commodity}`.trim()
    case 'Percent':
      return `${token.quantity}%`
    case 'Date':
      return token.date
    case 'Period':
      return `${token.period.start}..${token.period.endExclusive}`
    case 'Arrow':
      return '->'
    case 'At':
      return '@'
  }
}

/** One token as a value, if it is one. Numbers are amounts without a commodity. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: a module function, read as `Statements.valueOf`
export const valueOf = (token: Syntax.ArgToken): StatementValue | undefined => {
  switch (token._tag) {
    case 'Amount': {
      const quantity = Quantity.fromString(token.amount.quantity)
      const symbol = Commodity.symbolFromString(token.amount.commodity)
      if (E.isLeft(quantity) || E.isLeft(symbol)) return undefined
      if (token.amount.commodity === '' && !token.bracketed) return { _tag: 'Number', value: quantity.right }
      return { _tag: 'Amount', amount: Amount.make(quantity.right, symbol.right), estimated: token.amount.estimated }
    }
    case 'Percent': {
      const quantity = Quantity.fromString(token.quantity)
      return E.isRight(quantity)
        ? { _tag: 'Percent', percent: Rate.percentPoints(quantity.right), estimated: false }
        : undefined
    }
    case 'Word': {
      const match = estimatedPercent.exec(token.text)
      if (match !== null) {
        const quantity = Quantity.fromString(match[1] as string)
        return E.isRight(quantity)
          ? { _tag: 'Percent', percent: Rate.percentPoints(quantity.right), estimated: true }
          : undefined
      }
      return { _tag: 'Word', word: token.text }
    }
    case 'String':
      return { _tag: 'Word', word: token.value }
    case 'Date':
      return { _tag: 'Date', date: token.date as LocalDate.LocalDate }
    case 'Period':
    case 'Arrow':
    case 'At':
      return undefined
  }
}

const isEstimated = (value: StatementValue): boolean =>
  (value._tag === 'Amount' || value._tag === 'Percent') && value.estimated

const periodLabel = (syntax: Syntax.PeriodSyntax): string => {
  switch (syntax.kind) {
    case 'year':
      return syntax.start.slice(0, 4)
    case 'quarter':
      return `${syntax.start.slice(0, 4)}-Q${Math.floor((Number(syntax.start.slice(5, 7)) - 1) / 3) + 1}`
    case 'month':
      return syntax.start.slice(0, 7)
    case 'date':
      return syntax.start
    case 'range':
      return `${syntax.start}..${syntax.endExclusive}`
  }
}

/** The core period of a written period (the parser has already checked its dates). */
export const periodOf = (syntax: Syntax.PeriodSyntax): Period.Period => ({
  start: syntax.start as LocalDate.LocalDate,
  endExclusive: syntax.endExclusive as LocalDate.LocalDate,
  label: periodLabel(syntax),
})

const directiveComments = (node: {
  readonly comment: Syntax.CommentSyntax | null
  readonly subLines: ReadonlyArray<Syntax.SubLine>
}) => [node.comment, ...node.subLines.map((line) => (line._tag === 'SubComment' ? line.comment : line.comment))]

/** `reported PERIOD ENTITY METRIC VALUE`. */
export const reportedFigure = (
  node: Syntax.ReportedDirective,
  entities: ReadonlySet<string>,
  errors: StatementError[],
  warnings: ElaborateWarning[],
): ReportedFigure | undefined => {
  if (!entities.has(node.entity)) {
    errors.push({ _tag: 'UnknownEntity', span: node.span, entity: node.entity })
    return undefined
  }
  const [first, ...rest] = node.value
  const value =
    hedgedValue(node.value) ??
    (first !== undefined && rest.length === 0 && !looksHedged(node.value) ? valueOf(first) : undefined)
  if (value === undefined) {
    errors.push({
      _tag: 'InvalidStatementValue',
      span: first?.span ?? node.span,
      directive: node.restate === true ? 'restate' : 'reported',
      text: node.value.map(tokenText).join(' '),
    })
    return undefined
  }
  const tags = tagsOf(directiveComments(node))
  const provenance = provenanceOf(tags)
  const reason = tags.find((tag) => tag.name === 'reason')?.value
  return {
    period: periodOf(node.period),
    entity: node.entity as Entity.EntityName,
    metric: node.metric,
    value,
    estimated: isEstimated(value) || tags.some((tag) => tag.name === 'estimated'),
    citations: citationsOf(directiveComments(node), warnings),
    span: node.span,
    ...(node.restate === true ? { view: 'found' as const } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(provenance !== undefined ? { provenance } : {}),
  }
}

/** `param [DATE] RULE.NAME VALUE`. */
export const ruleSetting = (node: Syntax.ParamDirective, errors: StatementError[]): RuleSetting | undefined => {
  const [first, ...rest] = node.value
  const value =
    hedgedValue(node.value) ??
    (first !== undefined && rest.length === 0 && !looksHedged(node.value) ? valueOf(first) : undefined)
  if (value === undefined) {
    errors.push({
      _tag: 'InvalidStatementValue',
      span: first?.span ?? node.span,
      directive: 'param',
      text: node.value.map(tokenText).join(' '),
    })
    return undefined
  }
  return {
    ...(node.date !== null ? { date: node.date as LocalDate.LocalDate } : {}),
    rule: node.rule,
    name: node.name,
    value,
    span: node.span,
  }
}

const severities = new Set(['info', 'warn', 'critical'])

/** `expect [no] RULE [ENTITY] [DATE|PERIOD] [DOCUMENT] [severity S] [KEY VALUE]… [within TOL]`. */
export const expectation = (
  node: Syntax.ExpectationDirective,
  entities: ReadonlySet<string>,
  errors: StatementError[],
  warnings: ElaborateWarning[],
): Expectation | undefined => {
  const errorCount = errors.length
  let entity: Entity.EntityName | undefined
  let period: Period.Period | undefined
  let document: string | undefined
  let severity: Expectation['severity']
  let tolerance: StatementValue | undefined
  const measures: ExpectedMeasure[] = []
  const tokens = node.args
  const fail = (reason: Extract<StatementError, { _tag: 'InvalidExpectation' }>['reason'], token: Syntax.ArgToken) =>
    errors.push({ _tag: 'InvalidExpectation', span: token.span, reason, text: tokenText(token) })
  const setPeriod = (value: Period.Period, token: Syntax.ArgToken) => {
    if (period !== undefined) fail('duplicatePeriod', token)
    else period = value
  }
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Syntax.ArgToken
    const next = tokens[index + 1]
    if (token._tag === 'Date') {
      const day = Period.ofDay(token.date as LocalDate.LocalDate)
      if (E.isRight(day)) setPeriod(day.right, token)
      continue
    }
    if (token._tag === 'Period') {
      setPeriod(periodOf(token.period), token)
      continue
    }
    if (
      token._tag === 'Amount' &&
      !token.bracketed &&
      token.amount.commodity === '' &&
      /^\d{4}$/u.test(token.amount.quantity)
    ) {
      // A bare four-digit number standing alone is a year (`expect … kirov 1936 …`).
      const year = Period.ofYear(Number(token.amount.quantity))
      if (E.isRight(year)) setPeriod(year.right, token)
      continue
    }
    if (token._tag !== 'Word' && token._tag !== 'String') {
      fail('unexpectedToken', token)
      continue
    }
    const word = token._tag === 'Word' ? token.text : token.value
    if (word === 'severity') {
      const level = next !== undefined && next._tag === 'Word' ? next.text : undefined
      if (level === undefined || !severities.has(level)) fail('severity', next ?? token)
      else severity = level as Expectation['severity']
      index++
      continue
    }
    if (word === 'within') {
      const value = next !== undefined ? valueOf(next) : undefined
      if (value === undefined || (value._tag !== 'Amount' && value._tag !== 'Percent' && value._tag !== 'Number'))
        fail('tolerance', next ?? token)
      else tolerance = value
      index++
      continue
    }
    if (entity === undefined && entities.has(word)) {
      entity = word as Entity.EntityName
      continue
    }
    const afterNext = tokens[index + 2]
    const hedgedPair = next !== undefined && afterNext !== undefined ? hedgedValue([next, afterNext]) : undefined
    if (hedgedPair !== undefined) {
      measures.push({ key: word, value: hedgedPair })
      index += 2
      continue
    }
    const nextValue = next !== undefined ? (hedgedValue([next]) ?? valueOf(next)) : undefined
    if (nextValue !== undefined && nextValue._tag === 'Figure') {
      measures.push({ key: word, value: nextValue })
      index++
      continue
    }
    if (
      nextValue !== undefined &&
      (nextValue._tag === 'Amount' || nextValue._tag === 'Percent' || nextValue._tag === 'Number')
    ) {
      measures.push({ key: word, value: nextValue })
      index++
      continue
    }
    if (document === undefined) {
      document = word
      continue
    }
    fail('unexpectedToken', token)
  }
  if (errors.length > errorCount) return undefined
  const citations: ReadonlyArray<Citation.Citation> = citationsOf(directiveComments(node), warnings)
  return {
    negated: node.negated,
    rule: node.rule,
    ...(entity !== undefined ? { entity } : {}),
    ...(period !== undefined ? { period } : {}),
    ...(document !== undefined ? { document } : {}),
    ...(severity !== undefined ? { severity } : {}),
    measures,
    ...(tolerance !== undefined ? { tolerance } : {}),
    citations,
    span: node.span,
  }
}
