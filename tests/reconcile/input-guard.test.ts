/**
 * `reconcile` and `resolveParameters` against arguments of the wrong kind (JavaScript callers, values built from
 * untyped data): each is the typed `InvalidReconcileInput` naming the path, never a `TypeError`; well-formed input
 * runs as before.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { builtInRules, reconcile, renderError, resolveParameters } from '../../src/reconcile/index.js'
import { BooksBuilder, d, input } from './fixtures.js'

const books = new BooksBuilder().books
const good = input(books, '1936-12-31')

const pathOf = (result: E.Either<{ readonly _tag: string }, unknown>): string | undefined =>
  E.isLeft(result) && result.left._tag === 'InvalidReconcileInput'
    ? (result.left as unknown as { path: string }).path
    : undefined

describe('reconcile: arguments of the wrong kind', () => {
  it('runs on well-formed input', () => {
    expect(E.isRight(reconcile(good, builtInRules))).toBe(true)
  })

  const cases: ReadonlyArray<readonly [string, () => E.Either<{ readonly _tag: string }, unknown>]> = [
    ['input', () => reconcile(42 as never, builtInRules)],
    ['input.books', () => reconcile({ ...good, books: {} as never }, builtInRules)],
    ['input.reported', () => reconcile({ ...good, reported: 'x' as never }, builtInRules)],
    ['input.reported.0', () => reconcile({ ...good, reported: [null as never] }, builtInRules)],
    ['input.settings', () => reconcile({ ...good, settings: undefined as never }, builtInRules)],
    ['input.settings.0.value', () => reconcile({ ...good, settings: [{ rule: 'a', name: 'b' } as never] }, [])],
    ['input.asOf', () => reconcile({ ...good, asOf: 19361231 as never }, builtInRules)],
    ['input.index', () => reconcile({ ...good, index: 5 as never }, builtInRules)],
    ['rules', () => reconcile(good, 'all' as never)],
    ['rules.1.evaluate', () => reconcile(good, [builtInRules[0], { ...builtInRules[1], evaluate: 1 }] as never)],
    ['options', () => reconcile(good, builtInRules, 'x' as never)],
    ['options.only', () => reconcile(good, builtInRules, { only: 'wage-arrears' as never })],
    ['options.minSeverity', () => reconcile(good, builtInRules, { minSeverity: 'loud' as never })],
    ['options.overrides', () => reconcile(good, builtInRules, { overrides: { a: 'b' } as never })],
    ['asOf', () => resolveParameters(builtInRules, [], 'soon' as never)],
    ['overrides.x', () => resolveParameters(builtInRules, [], d('1936-12-31'), new Map([['x', 5 as never]]))],
  ]
  for (const [path, run] of cases) {
    it(`${path} of the wrong kind is InvalidReconcileInput naming it`, () => {
      expect(pathOf(run())).toBe(path)
    })
  }

  it('renders the path, what belongs there and the kind found', () => {
    const result = reconcile({ ...good, asOf: 19361231 as never }, builtInRules)
    expect(E.isLeft(result) && renderError(result.left)).toBe(
      'reconcile input is not well-formed: input.asOf should be a date (YYYY-MM-DD), not a number',
    )
  })
})
