/**
 * Elaboration of `norm`, `plan`, `limit` and `count` into domain operations (SetPlan,
 * PhysicalCount), which the loader applies in date order with the transactions.
 *
 * Categories:
 * - `norm PERIOD ENTITY working-capital[:materials|wip|finished|shipped|total] AMOUNT`
 * - `plan PERIOD ENTITY wage-fund[:STAFF-CATEGORY] AMOUNT` (no category: `all`)
 * - `plan PERIOD ENTITY output[:COMMODITY] AMOUNT | [UNITS]` (two lines for the same period,
 *   one in money and one in units, make one plan with both)
 * - `limit PERIOD ENTITY credit:LENDER[:gosbank|savings-bank] AMOUNT`
 * - `count DATE ACCOUNT QUANTITY  ; id: C-1, value: 380000.00 RUB` (unit value for the money
 *   effect of a difference; without it the difference moves units only)
 *
 * A plan takes effect on the first day of its period.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as AccountName from '../core/AccountName.js'
import * as Commodity from '../core/Commodity.js'
import type * as Entity from '../core/Entity.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Quantity from '../core/Quantity.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import {
  type DocumentId,
  documentIdFromString,
  labelFromString,
  type NormCategory,
  normCategories,
} from '../domain/Books.js'
import type * as Op from '../domain/Operation.js'
import { citationsOf, type ElaborateWarning, tagsOf } from './Elaborate.js'
import { periodOf } from './Statements.js'
import type * as Syntax from './Syntax.js'

/**
 * Why a `norm`, `plan`, `limit` or `count` directive was rejected: an unknown category, a goods
 * quantity where money is needed, an unknown entity, an account outside every entity, an invalid id or
 * value.
 */
export type PlanError =
  | {
      readonly _tag: 'UnknownPlanCategory'
      readonly span: SourceSpan
      readonly keyword: string
      readonly category: string
    }
  | { readonly _tag: 'PlanNeedsMoney'; readonly span: SourceSpan; readonly category: string }
  | { readonly _tag: 'UnknownEntity'; readonly span: SourceSpan; readonly entity: string }
  | { readonly _tag: 'CountOutsideEntity'; readonly span: SourceSpan; readonly account: string }
  | { readonly _tag: 'InvalidDocumentId'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'InvalidCountValue'; readonly span: SourceSpan; readonly text: string }

/** Every `PlanError` tag, once. */
export const planErrorTags = [
  'UnknownPlanCategory',
  'PlanNeedsMoney',
  'UnknownEntity',
  'CountOutsideEntity',
  'InvalidDocumentId',
  'InvalidCountValue',
] as const satisfies ReadonlyArray<PlanError['_tag']>

// Compile-time check that `planErrorTags` names every tag of the union.
type UnlistedPlanError = Exclude<PlanError['_tag'], (typeof planErrorTags)[number]>
const _everyPlanErrorTagListed: [UnlistedPlanError] extends [never] ? true : UnlistedPlanError = true
void _everyPlanErrorTagListed

/** Renders a plan or count directive error as a sentence (without the location). */
export const message = (error: PlanError): string => {
  switch (error._tag) {
    case 'UnknownPlanCategory':
      return (
        `${error.keyword}: unknown category ${JSON.stringify(error.category)} (norm: ` +
        `working-capital[:materials|wip|finished|shipped|total]; plan: wage-fund[:CATEGORY], ` +
        `output[:COMMODITY]; limit: credit:LENDER[:gosbank|savings-bank])`
      )
    case 'PlanNeedsMoney':
      return `${error.category} needs a money amount, not a goods quantity`
    case 'UnknownEntity':
      return `no entity ${JSON.stringify(error.entity)} is declared (add "entity ${error.entity}")`
    case 'CountOutsideEntity':
      return `count: account ${error.account} belongs to no declared entity; counts are kept per entity`
    case 'InvalidDocumentId':
      return `${JSON.stringify(error.text)} is not a document id (letters, digits, - _ . / #)`
    case 'InvalidCountValue':
      return `count: value: ${JSON.stringify(error.text)} is not a money amount per unit`
  }
}

/** An operation with where it was written and what it cites, ready to apply. */
export interface Located {
  readonly operation: Op.Operation
  readonly span: SourceSpan
  readonly citations: ReadonlyArray<import('../core/Citation.js').Citation>
  readonly estimated: boolean
}

const directiveComments = (node: {
  readonly comment: Syntax.CommentSyntax | null
  readonly subLines: ReadonlyArray<Syntax.SubLine>
}) => [node.comment, ...node.subLines.map((line) => (line._tag === 'SubComment' ? line.comment : line.comment))]

const itemOf = (node: Syntax.PlanDirective, errors: PlanError[]): Op.PlanItemInput | undefined => {
  const [head, ...rest] = node.category.split(':')
  const detail = rest.join(':')
  const unknown = () => {
    errors.push({ _tag: 'UnknownPlanCategory', span: node.span, keyword: node.keyword, category: node.category })
    return undefined
  }
  if (node.keyword === 'norm') {
    if (head !== 'working-capital') return unknown()
    const category = (detail === '' ? 'total' : detail) as NormCategory
    return normCategories.includes(category) ? { _tag: 'WorkingCapitalNorm', category } : unknown()
  }
  if (node.keyword === 'limit') {
    if (head !== 'credit' || rest.length === 0 || rest.length > 2) return unknown()
    const kind = rest[1] ?? 'gosbank'
    if (kind !== 'gosbank' && kind !== 'savings-bank') return unknown()
    return {
      _tag: 'CreditLimit',
      lender: rest[0] as Entity.EntityName,
      loanKind: kind === 'gosbank' ? 'gosbankShortTerm' : 'savingsBank',
    }
  }
  if (head === 'wage-fund') {
    const label = labelFromString(detail === '' ? 'all' : detail)
    return E.isRight(label) ? { _tag: 'WageFund', staffCategory: label.right } : unknown()
  }
  if (head === 'output') {
    const commodity = detail !== '' ? detail : node.bracketed ? node.amount.commodity : ''
    const symbol = Commodity.symbolFromString(commodity)
    return commodity !== '' && E.isRight(symbol) ? { _tag: 'OutputPlan', commodity: symbol.right } : unknown()
  }
  return unknown()
}

/** A SetPlan operation with the directive it is applied at (the first of its lines). */
export type LocatedPlan = Located & { readonly node: Syntax.PlanDirective }

/**
 * The SetPlan operations of the plan directives, in file order. Money and units written on two
 * lines for the same entity, item and period merge into one operation, applied at the first.
 */
export const setPlans = (
  nodes: ReadonlyArray<Syntax.PlanDirective>,
  entities: ReadonlySet<string>,
  errors: PlanError[],
  warnings: ElaborateWarning[],
): ReadonlyArray<LocatedPlan> => {
  const result: Array<{ -readonly [K in keyof LocatedPlan]: LocatedPlan[K] }> = []
  const byKey = new Map<string, number>()
  for (const node of nodes) {
    if (!entities.has(node.entity)) {
      errors.push({ _tag: 'UnknownEntity', span: node.span, entity: node.entity })
      continue
    }
    const item = itemOf(node, errors)
    if (item === undefined) continue
    if (item._tag === 'CreditLimit' && !entities.has(item.lender)) {
      errors.push({ _tag: 'UnknownEntity', span: node.span, entity: item.lender })
      continue
    }
    const isUnits = node.bracketed || (item._tag === 'OutputPlan' && node.amount.commodity === item.commodity)
    if (isUnits && item._tag !== 'OutputPlan') {
      errors.push({ _tag: 'PlanNeedsMoney', span: node.span, category: node.category })
      continue
    }
    const quantity = Quantity.fromString(node.amount.quantity)
    if (E.isLeft(quantity)) continue
    const period = periodOf(node.period)
    const key = `${node.entity}|${JSON.stringify(item)}|${period.start}|${period.endExclusive}`
    const comments = directiveComments(node)
    const estimated = node.amount.estimated || tagsOf(comments).some((tag) => tag.name === 'estimated')
    const citations = citationsOf(comments, warnings)
    const previous = byKey.get(key)
    const existing = previous !== undefined ? result[previous] : undefined
    if (existing !== undefined && existing.operation._tag === 'SetPlan') {
      const merged: Op.SetPlan = isUnits
        ? { ...existing.operation, units: quantity.right }
        : { ...existing.operation, amount: quantity.right }
      result[previous as number] = {
        operation: merged,
        node: existing.node,
        span: existing.span,
        citations: [...existing.citations, ...citations],
        estimated: existing.estimated || estimated,
      }
      continue
    }
    const operation: Op.SetPlan = {
      _tag: 'SetPlan',
      date: period.start,
      entity: node.entity as Entity.EntityName,
      item,
      period,
      amount: isUnits ? Quantity.zero : quantity.right,
      ...(isUnits ? { units: quantity.right } : {}),
    }
    byKey.set(key, result.length)
    result.push({ operation, node, span: node.span, citations, estimated })
  }
  return result
}

/** The PhysicalCount operation of a count directive. */
export const physicalCount = (
  node: Syntax.CountDirective,
  declarations: Ledger.Declarations,
  ordinal: number,
  errors: PlanError[],
  warnings: ElaborateWarning[],
): Located | undefined => {
  const account = node.account as AccountName.AccountName
  const entity = Ledger.entityOf(declarations, account)
  if (entity === undefined) {
    errors.push({ _tag: 'CountOutsideEntity', span: node.span, account: node.account })
    return undefined
  }
  const comments = directiveComments(node)
  const tags = tagsOf(comments)
  const idText = tags.find((tag) => tag.name === 'id')?.value ?? `count-${node.date}-${ordinal}`
  const id = documentIdFromString(idText)
  if (E.isLeft(id)) {
    errors.push({ _tag: 'InvalidDocumentId', span: node.span, text: idText })
    return undefined
  }
  const valueText = tags.find((tag) => tag.name === 'value')?.value
  let unitValue = Quantity.zero
  if (valueText !== undefined) {
    const number = /^(-?\d+(?:\.\d+)?)(?:\s+\S+)?$/u.exec(valueText.replace(/,/gu, ''))
    const parsed = number !== null ? Quantity.fromString(number[1] as string) : undefined
    if (parsed === undefined || E.isLeft(parsed)) {
      errors.push({ _tag: 'InvalidCountValue', span: node.span, text: valueText })
      return undefined
    }
    unitValue = parsed.right
  }
  const counted = Quantity.fromString(node.quantity.quantity)
  const symbol = Commodity.symbolFromString(node.quantity.commodity)
  if (E.isLeft(counted) || E.isLeft(symbol)) return undefined
  const operation: Op.PhysicalCount = {
    _tag: 'PhysicalCount',
    date: node.date as LocalDate.LocalDate,
    id: id.right as DocumentId,
    entity,
    account,
    commodity: symbol.right,
    counted: counted.right,
    unitValue,
  }
  return { operation, span: node.span, citations: citationsOf(comments, warnings), estimated: node.quantity.estimated }
}
