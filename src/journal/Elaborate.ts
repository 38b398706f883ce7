/**
 * The elaborator: concrete syntax → core values.
 *
 * It turns declarations into core declarations, transactions into `TransactionInput`s (with
 * their citations, tags, estimates and spans), and hands the shadow directives (operations,
 * plans, counts, parameters, expectations) on with their syntax for the domain and
 * reconciliation layers. Every problem is a located `ElaborateError`; elaboration goes on after
 * an error so that one run reports them all.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Citation from '../core/Citation.js'
import * as Commodity from '../core/Commodity.js'
import * as Entity from '../core/Entity.js'
import type { AccountDeclaration } from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import { accountDepthMax, accountNameLengthMax } from '../core/limits.js'
import type { BalanceAssertion, PostingInput, Tag } from '../core/Posting.js'
import * as Quantity from '../core/Quantity.js'
import type { SourceSpan } from '../core/SourceSpan.js'
import type { TransactionInput } from '../core/Transaction.js'
import { ProvenanceCollector, type ProvenanceSummary, provenanceErrors } from './Provenance.js'
import type { AutoRule, AutoRulePosting, PeriodicRule } from './RuleModel.js'
import * as Search from './Search.js'
import type * as Syntax from './Syntax.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why parsed syntax could not become ledger values: an invalid account name, commodity symbol,
 * quantity or entity name, an unknown account type, commodity kind or sector, or a conflicting
 * declaration.
 */
export type ElaborateError =
  | {
      readonly _tag: 'InvalidAccountName'
      readonly span: SourceSpan
      readonly text: string
      readonly reason: AccountName.AccountNameError['reason']
    }
  | { readonly _tag: 'InvalidCommoditySymbol'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'InvalidQuantity'; readonly span: SourceSpan; readonly error: Quantity.QuantityError }
  | { readonly _tag: 'InvalidEntityName'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'UnknownAccountType'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'UnknownCommodityKind'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'UnknownSector'; readonly span: SourceSpan; readonly text: string }
  | { readonly _tag: 'DuplicateEntity'; readonly span: SourceSpan; readonly entity: string; readonly first: SourceSpan }
  | {
      readonly _tag: 'CommodityRedeclared'
      readonly span: SourceSpan
      readonly commodity: string
      readonly first: SourceSpan
    }
  | { readonly _tag: 'GoodsDeclaredAsMoney'; readonly span: SourceSpan; readonly commodity: string }
  | { readonly _tag: 'MissingProvenance'; readonly span: SourceSpan; readonly kind: string; readonly label: string }
  | { readonly _tag: 'UnknownAssumption'; readonly span: SourceSpan; readonly id: string }

/** Problems that do not stop a load but that a historian should see. */
export type ElaborateWarning = {
  readonly _tag: 'MalformedCitation'
  readonly span: SourceSpan
  readonly text: string
  readonly problems: ReadonlyArray<Citation.CitationProblem>
}

/** Every `ElaborateError` tag, once. */
export const elaborateErrorTags = [
  'InvalidAccountName',
  'InvalidCommoditySymbol',
  'InvalidQuantity',
  'InvalidEntityName',
  'UnknownAccountType',
  'UnknownCommodityKind',
  'UnknownSector',
  'DuplicateEntity',
  'CommodityRedeclared',
  'GoodsDeclaredAsMoney',
  'MissingProvenance',
  'UnknownAssumption',
] as const satisfies ReadonlyArray<ElaborateError['_tag']>

// Compile-time check that `elaborateErrorTags` names every tag of the union.
type UnlistedElaborateError = Exclude<ElaborateError['_tag'], (typeof elaborateErrorTags)[number]>
const _everyElaborateErrorTagListed: [UnlistedElaborateError] extends [never] ? true : UnlistedElaborateError = true
void _everyElaborateErrorTagListed

/** Every `ElaborateWarning` tag, once. */
export const elaborateWarningTags = ['MalformedCitation'] as const satisfies ReadonlyArray<ElaborateWarning['_tag']>

// Compile-time check that `elaborateWarningTags` names every tag of the union.
type UnlistedElaborateWarning = Exclude<ElaborateWarning['_tag'], (typeof elaborateWarningTags)[number]>
const _everyElaborateWarningTagListed: [UnlistedElaborateWarning] extends [never] ? true : UnlistedElaborateWarning =
  true
void _everyElaborateWarningTagListed

/** A commodity declared by a `commodity` directive, with where it was declared. */
export interface CommodityDeclaration {
  readonly commodity: Commodity.Commodity
  readonly span: SourceSpan
}

/** Shadow directives handed on to the domain and reconciliation layers, with their syntax. */
export type ShadowDirective =
  | Syntax.OperationSyntax
  | Syntax.PlanDirective
  | Syntax.ReportedDirective
  | Syntax.CountDirective
  | Syntax.ParamDirective
  | Syntax.ExpectationDirective

/** The dated entries the loader applies in date order (file order among equal dates). */
export type DatedEntry =
  | { readonly _tag: 'Transaction'; readonly input: TransactionInput }
  | { readonly _tag: 'Operation'; readonly syntax: Syntax.OperationSyntax }
  | { readonly _tag: 'Plan'; readonly syntax: Syntax.PlanDirective }
  | { readonly _tag: 'Count'; readonly syntax: Syntax.CountDirective }

export type { AutoRule, AutoRulePosting, PeriodicRule } from './RuleModel.js'

/**
 * A parsed journal turned into core values: declarations, dated entries in file order, statements, errors and warnings.
 */
export interface Elaborated {
  readonly commodities: ReadonlyArray<CommodityDeclaration>
  readonly accounts: ReadonlyArray<AccountDeclaration>
  readonly entities: ReadonlyArray<Entity.Entity>
  /** Transactions and operations in file order (the loader sorts them by date, stably). */
  readonly entries: ReadonlyArray<DatedEntry>
  readonly plans: ReadonlyArray<Syntax.PlanDirective>
  readonly reported: ReadonlyArray<Syntax.ReportedDirective>
  readonly counts: ReadonlyArray<Syntax.CountDirective>
  readonly params: ReadonlyArray<Syntax.ParamDirective>
  readonly expectations: ReadonlyArray<Syntax.ExpectationDirective>
  readonly prices: ReadonlyArray<Syntax.PriceDirective>
  /** `payee NAME` directives, in file order (hledger's declared payees). */
  readonly payees: ReadonlyArray<Syntax.PayeeDirective>
  /** `assumption ID "TEXT"` directives, in file order. */
  readonly assumptions: ReadonlyArray<Syntax.AssumptionDirective>
  /** `~` rules (hledger's periodic transactions), in file order: used only with `--forecast` (journal/Forecast.ts). */
  readonly periodic: ReadonlyArray<PeriodicRule>
  /** `=` rules (hledger's auto postings), in file order: used only with `--auto`. */
  readonly autoRules: ReadonlyArray<AutoRule>
  /** The provenance classes of the figure lines (journal/Provenance.ts). */
  readonly provenance: ProvenanceSummary
  readonly errors: ReadonlyArray<ElaborateError>
  readonly warnings: ReadonlyArray<ElaborateWarning>
}

// -------------------------------------------------------------------------------------
// helpers shared with the domain elaboration
// -------------------------------------------------------------------------------------

/** The `source:` tags of comments, parsed into citations (malformed ones become warnings). */
export const citationsOf = (
  comments: ReadonlyArray<Syntax.CommentSyntax | null>,
  warnings: ElaborateWarning[],
): ReadonlyArray<Citation.Citation> => {
  let result: Citation.Citation[] | undefined
  for (const comment of comments) {
    if (comment === null) continue
    for (const tag of comment.tags) {
      if (tag.name !== 'source') continue
      // `source: CITATION — the source's own words`: the words after the dash are not the citation.
      const dash = tag.value.indexOf(' — ')
      const reference = dash === -1 ? tag.value : tag.value.slice(0, dash).trim()
      const parsed = Citation.parse(reference)
      if (parsed.problems.length > 0)
        warnings.push({ _tag: 'MalformedCitation', span: comment.span, text: reference, problems: parsed.problems })
      ;(result ??= []).push(parsed.citation)
    }
  }
  return result ?? emptyCitations
}

const emptyCitations: ReadonlyArray<Citation.Citation> = Object.freeze([])
const emptyTags: ReadonlyArray<Tag> = Object.freeze([])

/** All tags of some comments, in order (the `source:` tags included). */
export const tagsOf = (comments: ReadonlyArray<Syntax.CommentSyntax | null>): ReadonlyArray<Tag> => {
  let result: Tag[] | undefined
  for (const comment of comments) {
    if (comment === null || comment.tags.length === 0) continue
    result ??= []
    for (const tag of comment.tags) result.push({ name: tag.name, value: tag.value })
  }
  return result ?? emptyTags
}

const commentText = (comments: ReadonlyArray<Syntax.CommentSyntax | null>): string | undefined => {
  const texts = comments
    .filter((comment): comment is Syntax.CommentSyntax => comment !== null)
    .map((comment) => comment.text.trim())
  return texts.length === 0 ? undefined : texts.join('\n')
}

/**
 * Converts a written amount to a core amount. The parser already checked the literal; the
 * quantity check here is the paired second check (core's digit limits).
 */
export const amountOf = (syntax: Syntax.AmountSyntax, errors: ElaborateError[]): Amount.Amount | undefined => {
  const quantity = Quantity.fromString(syntax.quantity)
  if (E.isLeft(quantity)) {
    errors.push({ _tag: 'InvalidQuantity', span: syntax.span, error: quantity.left })
    return undefined
  }
  const symbol = Commodity.symbolFromString(syntax.commodity === '' ? (syntax.implied ?? '') : syntax.commodity)
  if (E.isLeft(symbol)) {
    errors.push({ _tag: 'InvalidCommoditySymbol', span: syntax.span, text: syntax.commodity })
    return undefined
  }
  return Amount.make(quantity.right, symbol.right)
}

/**
 * Checks an account name; on failure pushes an `InvalidAccountName` error at `span` onto `errors` and returns
 * undefined.
 */
export const accountOf = (
  text: string,
  span: SourceSpan,
  errors: ElaborateError[],
): AccountName.AccountName | undefined => {
  const name = AccountName.fromString(text)
  if (E.isLeft(name)) {
    errors.push({ _tag: 'InvalidAccountName', span, text, reason: name.left.reason })
    return undefined
  }
  return name.right
}

/** A display style from how an amount was written. */
export const styleOf = (syntax: Syntax.AmountSyntax): Commodity.DisplayStyle => {
  const groupMark = syntax.style.digitGroupMark
  const allowedGroup =
    groupMark === ',' ||
    groupMark === '.' ||
    groupMark === ' ' ||
    groupMark === '\u00a0' ||
    groupMark === "'" ||
    groupMark === '_'
      ? groupMark
      : undefined
  return {
    side: syntax.style.side === 'left' ? 'left' : 'right',
    spaced: syntax.style.spaced || syntax.style.side === 'none',
    decimalMark: syntax.style.decimalMark ?? '.',
    ...(allowedGroup !== undefined ? { groupMark: allowedGroup } : {}),
    precision: syntax.style.decimalDigits,
  }
}

const hasEstimatedTag = (tags: ReadonlyArray<Tag>): boolean => tags.some((tag) => tag.name === 'estimated')

// -------------------------------------------------------------------------------------
// elaboration
// -------------------------------------------------------------------------------------

const operatorOf = (operator: Syntax.BalanceOperator): { readonly inclusive: boolean; readonly sole: boolean } => ({
  inclusive: operator === '=*' || operator === '==*',
  sole: operator === '==' || operator === '==*',
})

const statusOf = (status: Syntax.Status): 'unmarked' | 'pending' | 'cleared' =>
  status === '*' ? 'cleared' : status === '!' ? 'pending' : 'unmarked'

/**
 * Account names already checked, by their text. The lexer interns names, so a lookup usually
 * hits on the very same string; a bad name is not cached and is reported at each use.
 */
class NameCache {
  private readonly accounts = new Map<string, AccountName.AccountName>()

  account(text: string, span: SourceSpan, errors: ElaborateError[]): AccountName.AccountName | undefined {
    const known = this.accounts.get(text)
    if (known !== undefined) return known
    const name = accountOf(text, span, errors)
    if (name !== undefined) this.accounts.set(text, name)
    return name
  }
}

const noComments = (comment: Syntax.CommentSyntax | null, comments: ReadonlyArray<Syntax.CommentSyntax>): boolean =>
  comment === null && comments.length === 0

/** The total cost of `money`: `@ UNIT` times the quantity, or `@@ TOTAL` with the amount's sign (hledger). */
const totalCost = (money: Amount.Amount, written: Amount.Amount, operator: '@' | '@@'): Amount.Amount =>
  operator === '@'
    ? Amount.make(Quantity.multiply(money.quantity, written.quantity), written.commodity)
    : Amount.make(
        Quantity.sign(money.quantity) < 0
          ? Quantity.negate(Quantity.abs(written.quantity))
          : Quantity.abs(written.quantity),
        written.commodity,
      )

const posting = (
  syntax: Syntax.PostingSyntax,
  errors: ElaborateError[],
  warnings: ElaborateWarning[],
  names: NameCache,
): PostingInput | undefined => {
  const account = names.account(syntax.resolved ?? syntax.account, syntax.span, errors)
  const money = syntax.amount !== null ? amountOf(syntax.amount, errors) : undefined
  const goods = syntax.goods !== null ? amountOf(syntax.goods, errors) : undefined
  let assertion: BalanceAssertion | undefined
  if (syntax.balance !== null) {
    const asserted = amountOf(syntax.balance.amount, errors)
    if (asserted !== undefined)
      assertion = { amount: asserted, ...operatorOf(syntax.balance.operator), span: syntax.balance.span }
  }
  const costAmount = syntax.cost !== undefined ? amountOf(syntax.cost.amount, errors) : undefined
  if (
    account === undefined ||
    (syntax.amount !== null && money === undefined) ||
    (syntax.goods !== null && goods === undefined)
  )
    return undefined
  if (syntax.cost !== undefined && costAmount === undefined) return undefined
  const cost =
    costAmount !== undefined && money !== undefined && syntax.cost !== undefined
      ? totalCost(money, costAmount, syntax.cost.operator)
      : undefined
  // The common posting: no comment, no goods, no status, no estimate. The same fields in the same
  // order as the general case below, built without spreading.
  if (
    goods === undefined &&
    syntax.status === '' &&
    noComments(syntax.comment, syntax.comments) &&
    syntax.amount?.estimated !== true &&
    syntax.virtual === undefined &&
    cost === undefined
  ) {
    const span = syntax.span
    if (assertion === undefined) return money !== undefined ? { account, money, span } : { account, span }
    return money !== undefined ? { account, money, assertion, span } : { account, assertion, span }
  }
  const comments = [syntax.comment, ...syntax.comments]
  const tags = tagsOf(comments)
  const citations = citationsOf(comments, warnings)
  const estimated = (syntax.amount?.estimated ?? false) || (syntax.goods?.estimated ?? false) || hasEstimatedTag(tags)
  const comment = commentText(comments)
  return {
    account,
    ...(money !== undefined ? { money } : {}),
    ...(goods !== undefined ? { goods } : {}),
    ...(estimated ? { estimated } : {}),
    ...(syntax.status !== '' ? { status: statusOf(syntax.status) } : {}),
    ...(syntax.virtual !== undefined ? { virtual: syntax.virtual } : {}),
    ...(cost !== undefined ? { cost } : {}),
    ...(assertion !== undefined ? { assertion } : {}),
    ...(citations.length > 0 ? { citations } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(comment !== undefined ? { comment } : {}),
    span: syntax.span,
  }
}

const transaction = (
  syntax: Syntax.TransactionSyntax,
  errors: ElaborateError[],
  warnings: ElaborateWarning[],
  names: NameCache,
): TransactionInput | undefined => {
  const errorCount = errors.length
  const postings: PostingInput[] = []
  for (const postingSyntax of syntax.postings) {
    const result = posting(postingSyntax, errors, warnings, names)
    if (result !== undefined) postings.push(result)
  }
  if (errors.length > errorCount) return undefined
  // The common transaction: no second date, status, code or comment (fields as below).
  if (
    syntax.date2 === null &&
    syntax.status === '' &&
    syntax.code === null &&
    noComments(syntax.comment, syntax.comments)
  ) {
    return { date: syntax.date as LocalDate.LocalDate, description: syntax.description, postings, span: syntax.span }
  }
  const comments = [syntax.comment, ...syntax.comments]
  const tags = tagsOf(comments)
  const citations = citationsOf(comments, warnings)
  const comment = commentText(comments)
  return {
    date: syntax.date as LocalDate.LocalDate,
    ...(syntax.date2 !== null ? { date2: syntax.date2 as LocalDate.LocalDate } : {}),
    ...(syntax.status !== '' ? { status: statusOf(syntax.status) } : {}),
    ...(syntax.code !== null ? { code: syntax.code } : {}),
    description: syntax.description,
    ...(comment !== undefined ? { comment } : {}),
    postings,
    ...(tags.length > 0 ? { tags } : {}),
    ...(citations.length > 0 ? { citations } : {}),
    ...(hasEstimatedTag(tags) ? { estimated: true } : {}),
    span: syntax.span,
  }
}

const keyValues = (
  subLines: ReadonlyArray<Syntax.SubLine>,
): ReadonlyMap<string, { readonly value: string; readonly span: SourceSpan }> => {
  const result = new Map<string, { readonly value: string; readonly span: SourceSpan }>()
  for (const line of subLines)
    if (line._tag === 'KeyValue') result.set(line.key.toLowerCase(), { value: line.value.trim(), span: line.span })
  return result
}

const subComments = (subLines: ReadonlyArray<Syntax.SubLine>): ReadonlyArray<Syntax.CommentSyntax | null> =>
  subLines.map((line) => (line._tag === 'SubComment' ? line.comment : line.comment))

const commodityDeclaration = (
  syntax: Syntax.CommodityDirective,
  errors: ElaborateError[],
): CommodityDeclaration | undefined => {
  const symbol = Commodity.symbolFromString(syntax.commodity)
  if (E.isLeft(symbol)) {
    errors.push({ _tag: 'InvalidCommoditySymbol', span: syntax.span, text: syntax.commodity })
    return undefined
  }
  const values = keyValues(syntax.subLines)
  const tags = tagsOf([syntax.comment, ...subComments(syntax.subLines)])
  const kindText = values.get('kind')?.value ?? tags.find((tag) => tag.name === 'kind')?.value
  const unit = values.get('unit')?.value ?? tags.find((tag) => tag.name === 'unit')?.value
  if (kindText !== undefined && kindText !== 'money' && kindText !== 'goods') {
    errors.push({ _tag: 'UnknownCommodityKind', span: values.get('kind')?.span ?? syntax.span, text: kindText })
    return undefined
  }
  const kind: Commodity.CommodityKind =
    kindText === 'goods' || (kindText === undefined && unit !== undefined) ? 'goods' : 'money'
  if (kind === 'money' && unit !== undefined) {
    errors.push({ _tag: 'GoodsDeclaredAsMoney', span: syntax.span, commodity: syntax.commodity })
    return undefined
  }
  const format = syntax.subLines.find(
    (line): line is Extract<Syntax.SubLine, { _tag: 'Format' }> => line._tag === 'Format',
  )
  const sample = format?.amount ?? syntax.sample
  const style =
    sample !== null && sample !== undefined
      ? styleOf(sample)
      : kind === 'money'
        ? { ...Commodity.defaultStyle, precision: 2 }
        : Commodity.defaultStyle
  const commodity = kind === 'goods' ? Commodity.goods(symbol.right, unit, style) : Commodity.money(symbol.right, style)
  return { commodity, span: syntax.span }
}

const accountDeclaration = (
  syntax: Syntax.AccountDirective,
  errors: ElaborateError[],
  warnings: ElaborateWarning[],
): AccountDeclaration | undefined => {
  const name = accountOf(syntax.resolved ?? syntax.account, syntax.span, errors)
  if (name === undefined) return undefined
  const comments = [syntax.comment, ...subComments(syntax.subLines)]
  const tags = tagsOf(comments)
  const typeTag = tags.find((tag) => tag.name === 'type')
  let type: AccountName.AccountType | undefined
  if (typeTag !== undefined) {
    type = AccountName.accountTypeFromTag(typeTag.value)
    if (type === undefined) {
      errors.push({ _tag: 'UnknownAccountType', span: syntax.span, text: typeTag.value })
      return undefined
    }
  }
  return {
    name,
    ...(type !== undefined ? { type } : {}),
    tags,
    citations: citationsOf(comments, warnings),
    span: syntax.span,
  }
}

const entityDeclaration = (
  syntax: Syntax.EntityDirective,
  errors: ElaborateError[],
  warnings: ElaborateWarning[],
): Entity.Entity | undefined => {
  const name = Entity.nameFromString(syntax.entity)
  if (E.isLeft(name)) {
    errors.push({ _tag: 'InvalidEntityName', span: syntax.span, text: syntax.entity })
    return undefined
  }
  const values = keyValues(syntax.subLines)
  const sectorText = values.get('sector')?.value
  if (sectorText !== undefined && !(Entity.sectors as ReadonlyArray<string>).includes(sectorText)) {
    errors.push({ _tag: 'UnknownSector', span: values.get('sector')?.span ?? syntax.span, text: sectorText })
    return undefined
  }
  const title = values.get('title')?.value
  return {
    name: name.right,
    ...(title !== undefined ? { title } : {}),
    ...(sectorText !== undefined ? { sector: sectorText as Entity.Sector } : {}),
    citations: citationsOf([syntax.comment, ...subComments(syntax.subLines)], warnings),
    span: syntax.span,
  }
}

/**
 * An elaboration in progress: `add` takes the nodes of a journal one by one (includes expanded in
 * place, in file order), `finish` returns what `elaborate` returns. A node is not kept unless it
 * is handed on (shadow directives); a transaction's syntax becomes garbage once it is added.
 *
 * `take`, if given, sees each dated entry as it is made; an entry it returns true for is the
 * caller's and is left out of `entries` (the loader posts transactions as they come).
 */
export class Elaborator {
  constructor(private readonly take?: (entry: DatedEntry) => boolean) {}

  private readonly errors: ElaborateError[] = []
  private readonly warnings: ElaborateWarning[] = []
  private readonly commodities: CommodityDeclaration[] = []
  private readonly commoditySeen = new Map<string, SourceSpan>()
  private readonly accounts: AccountDeclaration[] = []
  private readonly entities: Entity.Entity[] = []
  private readonly entitySeen = new Map<string, SourceSpan>()
  private readonly entries: DatedEntry[] = []
  private readonly plans: Syntax.PlanDirective[] = []
  private readonly reported: Syntax.ReportedDirective[] = []
  private readonly counts: Syntax.CountDirective[] = []
  private readonly params: Syntax.ParamDirective[] = []
  private readonly expectations: Syntax.ExpectationDirective[] = []
  private readonly prices: Syntax.PriceDirective[] = []
  private readonly payees: Syntax.PayeeDirective[] = []
  private readonly assumptions: Syntax.AssumptionDirective[] = []
  private readonly periodic: PeriodicRule[] = []
  private readonly autoRules: AutoRule[] = []
  private readonly provenance = new ProvenanceCollector()
  private readonly names = new NameCache()

  /** Number of errors so far. */
  get errorCount(): number {
    return this.errors.length
  }

  /** The declarations so far (live arrays, in file order). */
  declared(): Pick<Elaborated, 'commodities' | 'accounts' | 'entities'> {
    return { commodities: this.commodities, accounts: this.accounts, entities: this.entities }
  }

  private entry(entry: DatedEntry): void {
    if (this.take === undefined || !this.take(entry)) this.entries.push(entry)
  }

  add(node: Syntax.Node): void {
    const { errors, warnings } = this
    this.provenance.add(node)
    switch (node._tag) {
      case 'Transaction': {
        const input = transaction(node, errors, warnings, this.names)
        if (input !== undefined) this.entry({ _tag: 'Transaction', input })
        break
      }
      case 'Operation':
        this.entry({ _tag: 'Operation', syntax: node })
        break
      case 'PeriodicTransaction': {
        const input = transaction({ ...node.transaction, date: '0001-01-01' }, errors, warnings, this.names)
        if (input !== undefined)
          this.periodic.push({
            periodText: node.periodText,
            recurrence: node.recurrence,
            ...(node.unsupported !== undefined
              ? {
                  refusal: {
                    _tag: 'NotSupported' as const,
                    span: node.unsupported.span,
                    feature: 'periodic transactions' as const,
                    name: node.periodText,
                  },
                }
              : {}),
            input,
            span: node.span,
          })
        break
      }
      case 'AutoPostingRule': {
        const search = Search.parseSearch(Search.queryWords(node.query))
        const postings: AutoRulePosting[] = []
        for (const syntax of node.transaction.postings) {
          const input = posting(syntax, errors, warnings, this.names)
          const bare = syntax.amount !== null && syntax.amount.commodity === '' && syntax.amount.implied === undefined
          if (input !== undefined) postings.push({ input, multiplier: syntax.multiplier === true, bare })
        }
        this.autoRules.push({
          query: node.query,
          search: E.isRight(search) ? search.right : null,
          ...(node.queryError !== undefined
            ? {
                refusal: {
                  _tag: 'InvalidRule' as const,
                  span: node.queryError.span,
                  kind: 'query' as const,
                  text: node.query,
                  reason: node.queryError.reason,
                },
              }
            : {}),
          postings,
          span: node.span,
        })
        break
      }
      case 'CommodityDirective': {
        const first = this.commoditySeen.get(node.commodity)
        const declaration = commodityDeclaration(node, errors)
        if (declaration === undefined) break
        if (first !== undefined) {
          const previous = this.commodities.find((entry) => entry.commodity.symbol === declaration.commodity.symbol)
          if (previous !== undefined && previous.commodity.kind !== declaration.commodity.kind) {
            errors.push({ _tag: 'CommodityRedeclared', span: node.span, commodity: node.commodity, first })
            break
          }
        } else this.commoditySeen.set(node.commodity, node.span)
        this.commodities.push(declaration)
        break
      }
      case 'AccountDirective': {
        const declaration = accountDeclaration(node, errors, warnings)
        if (declaration !== undefined) this.accounts.push(declaration)
        break
      }
      case 'EntityDirective': {
        const first = this.entitySeen.get(node.entity)
        if (first !== undefined) {
          errors.push({ _tag: 'DuplicateEntity', span: node.span, entity: node.entity, first })
          break
        }
        const entity = entityDeclaration(node, errors, warnings)
        if (entity !== undefined) {
          this.entities.push(entity)
          this.entitySeen.set(node.entity, node.span)
        }
        break
      }
      case 'PlanDirective':
        this.plans.push(node)
        this.entry({ _tag: 'Plan', syntax: node })
        break
      case 'ReportedDirective':
        this.reported.push(node)
        break
      case 'CountDirective':
        this.counts.push(node)
        this.entry({ _tag: 'Count', syntax: node })
        break
      case 'ParamDirective':
        this.params.push(node)
        break
      case 'ExpectationDirective':
        this.expectations.push(node)
        break
      case 'PriceDirective':
        this.prices.push(node)
        break
      case 'AssumptionDirective':
        this.assumptions.push(node)
        break
      case 'PayeeDirective':
        this.payees.push(node)
        break
      case 'BlankLine':
      case 'CommentLine':
      case 'CommentBlock':
      case 'DecimalMarkDirective':
      case 'IncludeDirective':
      case 'YearDirective':
      case 'ScopeDirective':
        break
      default: {
        const unexpected: never = node
        throw new Error(`unhandled node ${JSON.stringify(unexpected)}`)
      }
    }
  }

  finish(): Elaborated {
    const {
      commodities,
      accounts,
      entities,
      entries,
      plans,
      reported,
      counts,
      params,
      expectations,
      prices,
      payees,
      assumptions,
      warnings,
      periodic,
      autoRules,
    } = this
    const provenance = this.provenance.summary()
    const errors = [...this.errors, ...provenanceErrors(provenance, assumptions)]
    return {
      commodities,
      accounts,
      entities,
      entries,
      plans,
      reported,
      counts,
      params,
      expectations,
      prices,
      payees,
      assumptions,
      periodic,
      autoRules,
      provenance,
      errors,
      warnings,
    }
  }
}

/** Elaborates the nodes of one journal (includes already expanded in place, in file order). */
export const elaborate = (nodes: Iterable<Syntax.Node>): Elaborated => {
  const elaborator = new Elaborator()
  for (const node of nodes) elaborator.add(node)
  return elaborator.finish()
}

/** Why an account name is invalid, in words (the reason codes are for programs). */
const accountNameReason: Readonly<Record<AccountName.AccountNameError['reason'], string>> = {
  empty: 'it is empty',
  emptySegment: 'it has an empty segment (two colons in a row, or a colon at an end)',
  badSpace:
    'a segment starts or ends with a space, or it has two spaces or a tab in a row (two spaces end an account name)',
  badCharacter: 'it has a control character or a semicolon',
  tooLong: `it is longer than ${accountNameLengthMax} characters`,
  tooDeep: `it has more than ${accountDepthMax} levels`,
}

/** Renders an elaboration error as a sentence (without the location). */
export const message = (error: ElaborateError | ElaborateWarning): string => {
  switch (error._tag) {
    case 'InvalidAccountName':
      return `invalid account name ${JSON.stringify(error.text)}: ${accountNameReason[error.reason]}`
    case 'InvalidCommoditySymbol':
      return `invalid commodity symbol ${JSON.stringify(error.text)}`
    case 'InvalidQuantity':
      return Quantity.renderError(error.error)
    case 'InvalidEntityName':
      return (
        `invalid entity name ${JSON.stringify(error.text)}: use letters, digits, '-', '_' or '.', starting ` +
        `with a letter or digit`
      )
    case 'UnknownAccountType':
      return (
        `unknown account type ${JSON.stringify(error.text)}: use A, L, E, R, X, C or V (or asset, ` +
        `liability, equity, revenue, expense)`
      )
    case 'UnknownCommodityKind':
      return `unknown commodity kind ${JSON.stringify(error.text)}: use money or goods`
    case 'UnknownSector':
      return `unknown sector ${JSON.stringify(error.text)}: use one of ${Entity.sectors.join(', ')}`
    case 'DuplicateEntity':
      return `entity ${error.entity} is declared twice (first at ${error.first.file}:${error.first.line})`
    case 'CommodityRedeclared':
      return (
        `commodity ${error.commodity} is declared again with another kind (first at ` +
        `${error.first.file}:${error.first.line})`
      )
    case 'GoodsDeclaredAsMoney':
      return `commodity ${error.commodity} has a unit, so it is goods; write "kind: goods" or drop the unit`
    case 'MissingProvenance':
      return (
        `${error.kind} ${JSON.stringify(error.label)} has no provenance class (strict provenance): add "; ` +
        `source: CITATION", "; derived: FORMULA" or "; assumption: ID"`
      )
    case 'UnknownAssumption':
      return (
        `assumption ${JSON.stringify(error.id)} is not declared (add: assumption ${error.id} "what it ` +
        `stands in for and why")`
      )
    case 'MalformedCitation':
      return `citation ${JSON.stringify(error.text)} looks archival but is incomplete (${error.problems.join(', ')})`
  }
}
