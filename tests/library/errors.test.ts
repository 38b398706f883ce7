/**
 * Typed errors end to end (issue 18): a load's diagnostics keep the typed error of their layer,
 * every layer's tag list is exported, the converters locate an error of any layer, building books
 * has one error union with guards and one renderer, a hand-built operation with a JS number where
 * a quantity belongs is a typed error (not a TypeError), and strict mode rejects undeclared
 * accounts and commodities.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  Apply,
  Books,
  buildErrorTags,
  type Diagnostic,
  DomainError,
  diagnosticLayers,
  diagnosticOfBuildError,
  diagnosticOfParseError,
  Entity,
  elaborateErrorTags,
  isDomainError,
  isPostingError,
  Ledger,
  loadErrorTags,
  loadText,
  memoryFileSystem,
  type Operation,
  parse,
  parseErrorTags,
  Quantity,
  renderBuildError,
  renderDiagnostic,
  SourceSpan,
  strictErrorTags,
} from '../../src/index.js'

const load = (text: string, strict = false) =>
  loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()), ...(strict ? { strict } : {}) })
const failure = (text: string, strict = false): ReadonlyArray<Diagnostic> => {
  const loaded = load(text, strict)
  if (E.isRight(loaded)) throw new Error('expected the load to fail')
  return loaded.left.diagnostics
}

describe('typed diagnostics', () => {
  it('keep the typed error of their layer: an unbalanced transaction carries its residual', () => {
    const [diagnostic] = failure('2024-01-01 Opening\n    assets:cash  10.00 RUB\n    equity:opening  -9 RUB\n')
    expect(diagnostic?.layer).toBe('posting')
    if (diagnostic?.layer !== 'posting' || diagnostic.error._tag !== 'UnbalancedTransaction')
      throw new Error('expected UnbalancedTransaction')
    expect(diagnostic.tag).toBe('UnbalancedTransaction')
    expect(diagnostic.error.residual.map((amount) => `${amount.quantity} ${amount.commodity}`)).toEqual(['1.00 RUB'])
    expect(diagnostic.span).toMatchObject({ file: 'books.journal', line: 1 })
  })

  it('carry the parse error and its facts, and the tag is one of the exported parse tags', () => {
    const [diagnostic] = failure('2024-13-01 Bad date\n    a  1 RUB\n    b\n')
    expect(diagnostic?.layer).toBe('parse')
    expect(parseErrorTags as ReadonlyArray<string>).toContain(diagnostic?.tag)
    expect(diagnostic?.error).toMatchObject({ _tag: diagnostic?.tag })
  })

  it('every layer exports its tag list, and the converters locate an error of any layer', () => {
    expect(diagnosticLayers).toEqual([
      'load',
      'parse',
      'elaborate',
      'strict',
      'declaration',
      'statement',
      'plan',
      'operation',
      'posting',
      'domain',
    ])
    for (const tags of [
      parseErrorTags,
      elaborateErrorTags,
      loadErrorTags,
      strictErrorTags,
      Ledger.postingErrorTags,
      DomainError.domainErrorTags,
    ])
      expect(tags.length).toBeGreaterThan(0)
    const parsed = parse('x.journal', '2024-01-01 a\n  b  1e3 RUB\n  c\n')
    const error = parsed.errors[0]
    if (error === undefined) throw new Error('expected a parse error')
    const diagnostic = diagnosticOfParseError(error)
    expect(diagnostic).toMatchObject({ severity: 'error', layer: 'parse', tag: error._tag, error, span: error.span })
    expect(renderDiagnostic(diagnostic, new Map([['x.journal', '2024-01-01 a\n  b  1e3 RUB\n  c\n']]))).toMatch(
      /^x\.journal:2:\d+: error: .*\(\w+\)\n2 \|/u,
    )
  })
})

const kirov = Entity.unsafeName('kirov')
const books = (): Books.Books => {
  const made = Books.empty([{ name: kirov, citations: [] }])
  if (E.isLeft(made)) throw new Error('books')
  return made.right
}
const context = { span: SourceSpan.make('api.ts', 3, 1) }

describe('building books: one error union', () => {
  it('guards tell the domain half from the posting half; one renderer renders both', () => {
    expect(new Set(buildErrorTags).size).toBe(buildErrorTags.length)
    const posting = { _tag: 'UnbalancedTransaction', span: context.span, residual: [] } as const
    expect(isPostingError(posting)).toBe(true)
    expect(isDomainError(posting)).toBe(false)
    const domain = { _tag: 'AccountNotFrozen', account: 'kirov:assets:bank' } as unknown as DomainError.DomainError
    expect(isDomainError(domain)).toBe(true)
    expect(renderBuildError(posting)).toBe(Ledger.renderPostingError(posting))
    expect(renderBuildError(domain)).toBe(DomainError.renderDomainError(domain))
  })

  it('a JS number where a quantity is expected is InvalidOperation, not a TypeError, and the books are unchanged', () => {
    const before = books()
    const bad = { _tag: 'PayWages', date: '1936-03-05', entity: kirov, amount: 600 } as unknown as Operation.Operation
    const result = Apply.apply(bad, context)(before)
    expect(result).toEqual(
      E.left({ _tag: 'InvalidOperation', operation: 'PayWages', reason: 'amount is not a valid Quantity (a number)' }),
    )
    if (E.isRight(result)) throw new Error('expected a failure')
    expect(diagnosticOfBuildError(result.left, context.span)).toMatchObject({
      layer: 'domain',
      tag: 'InvalidOperation',
      span: context.span,
    })
    expect(renderBuildError(result.left)).toBe(
      'PayWages is not a well-formed operation: amount is not a valid Quantity (a number)',
    )
    expect(Apply.apply({ _tag: 'NoSuchThing' } as unknown as Operation.Operation, context)(before)).toEqual(
      E.left({ _tag: 'InvalidOperation', operation: 'NoSuchThing', reason: 'unknown operation _tag' }),
    )
    expect(Apply.apply(null as unknown as Operation.Operation, context)(before)).toMatchObject(
      E.left({ _tag: 'InvalidOperation' }),
    )
    const good = {
      _tag: 'PayWages',
      date: '1936-03-05',
      entity: kirov,
      amount: Quantity.unsafeFromString('600.00'),
    } as unknown as Operation.Operation
    // A well-formed operation passes the guard (and meets the domain's own rules: nothing is payable yet).
    expect(Apply.apply(good, context)(before)).toMatchObject(E.left({ _tag: 'WagesPaymentExceedsPayable' }))
  })
})

describe('strict mode', () => {
  const journal =
    'commodity RUB\naccount assets:cash\n2024-01-01 opening\n    assets:cash     10 RUB\n    equity:opening\n'
  it('loads an undeclared account without it, and rejects it, located, with it', () => {
    expect(E.isRight(load(journal))).toBe(true)
    const [diagnostic, ...rest] = failure(journal, true)
    expect(rest).toEqual([])
    expect(diagnostic).toMatchObject({
      layer: 'strict',
      tag: 'UndeclaredAccount',
      error: { account: 'equity:opening' },
      span: { line: 5, column: 5 },
    })
  })
  it('rejects an undeclared commodity once, at its first use', () => {
    const text = 'account a\naccount b\n2024-01-01 x\n    a  1 T28\n    b  -1 T28\n2024-01-02 y\n    a  1 T28\n    b\n'
    expect(failure(text, true).map((diagnostic) => [diagnostic.tag, diagnostic.span?.line])).toEqual([
      ['UndeclaredCommodity', 4],
    ])
  })
  it('passes a fully declared journal', () => {
    expect(
      E.isRight(
        load(
          'commodity RUB\naccount assets:cash\naccount equity:opening\n2024-01-01 opening\n    assets:cash  10 RUB\n    equity:opening\n',
          true,
        ),
      ),
    ).toBe(true)
  })
})
