/**
 * Junk at the public boundary, over the whole surface.
 *
 * 1. Every function exported by `shadow-ledger` and `shadow-ledger/node` (namespaces walked, so a new export is
 *    covered without editing this file) is called with arbitrary arguments (fast-check's `anything`: numbers,
 *    strings, arrays, nested objects, null, undefined, symbols, objects without a prototype), and called again with
 *    arbitrary arguments when it returns a function, and must return (a Left with a typed error, mostly), never
 *    throw. The exceptions: the `unsafe*` names (documented to throw, for literals in code; each is named in the
 *    README's library section), and the functions listed in `notFuzzed` with the reason, each of which must
 *    still throw on some junk (so the list stays honest: one that stops throwing fails here and is fuzzed instead).
 * 2. Entry points taking data in one argument, the others well-formed: junk there returns an `Either`.
 * 3. Well-typed values out of range (any number where a count, scale or day basis belongs, any string where text
 *    belongs) in the functions that take plain numbers and strings: never a throw.
 * 4. Junk in one field of an otherwise well-formed value: a JavaScript number where a quantity belongs is the typed
 *    error naming that field.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as main from '../../src/index.js'
import {
  AccountName,
  Amount,
  Apply,
  Arithmetic,
  Books,
  Commodity,
  Csv,
  decodeDocument,
  Entity,
  importDocument,
  importJson,
  Ledger,
  LocalDate,
  loadText,
  memoryFileSystem,
  Operation,
  Param,
  Period,
  PeriodExpression,
  Quantity,
  Rate,
  Search,
  SourceSpan,
} from '../../src/index.js'
import * as node from '../../src/node.js'

const junk = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true })
const rub = Commodity.unsafeSymbol('RUB')
const cash = AccountName.unsafeFromString('assets:cash')
const opening = AccountName.unsafeFromString('equity:opening')
const kirov = Entity.unsafeName('kirov')
const books = (() => {
  const made = Books.empty([{ name: kirov, citations: [] }])
  if (E.isLeft(made)) throw new Error('books')
  return made.right
})()
const context = { span: SourceSpan.synthetic('junk') }

/** Entry points taking one value; each must return, for any value, without throwing. */
const entryPoints: ReadonlyArray<readonly [string, (value: unknown) => unknown]> = [
  ['Ledger.post', (value) => Ledger.post(value as never)(Ledger.empty())],
  ['Ledger.postAll', (value) => Ledger.postAll([value as never])(Ledger.empty())],
  ['Ledger.declareCommodity', (value) => Ledger.declareCommodity(value as never)(Ledger.empty())],
  [
    'Ledger.declareCommodity span',
    (value) => Ledger.declareCommodity(Commodity.money(rub), value as never)(Ledger.empty()),
  ],
  ['Ledger.declareAccount', (value) => Ledger.declareAccount(value as never)(Ledger.empty())],
  ['Ledger.declareEntity', (value) => Ledger.declareEntity(value as never)(Ledger.empty())],
  ['Books.postTransaction', (value) => Books.postTransaction(value as never)(books)],
  ['Apply.apply', (value) => Apply.apply(value as never, context)(books)],
  [
    'Apply.apply context',
    (value) =>
      Apply.apply(
        {
          _tag: 'PayWages',
          date: LocalDate.unsafeFromString('1936-03-05'),
          entity: kirov,
          amount: Quantity.unsafeFromString('1.00'),
        },
        value as never,
      )(books),
  ],
  ['Apply.applyAll', (value) => Apply.applyAll(value as never)(books)],
  ['Apply.applyAll item', (value) => Apply.applyAll([value as never])(books)],
  ['Books.empty', (value) => Books.empty(value as never)],
  ['Books.empty options', (value) => Books.empty([], value as never)],
  ['Operation.decodeOperation', (value) => Operation.decodeOperation(value)],
  ['Quantity.fromString', (value) => Quantity.fromString(value as never)],
  ['Rate.fractionFromString', (value) => Rate.fractionFromString(value as never)],
  ['Rate.percentPointsFromString', (value) => Rate.percentPointsFromString(value as never)],
  ['LocalDate.fromString', (value) => LocalDate.fromString(value as never)],
  ['AccountName.fromString', (value) => AccountName.fromString(value as never)],
  ['Entity.nameFromString', (value) => Entity.nameFromString(value as never)],
  ['Commodity.symbolFromString', (value) => Commodity.symbolFromString(value as never)],
  ['Period.fromString', (value) => Period.fromString(value as never)],
  ['Search.parseSearch', (value) => Search.parseSearch(value as never)],
  ['loadText', (value) => loadText('junk.journal', value as never, { fileSystem: memoryFileSystem(new Map()) })],
  ['importDocument', (value) => importDocument(value)],
  ['decodeDocument', (value) => decodeDocument(value)],
  ['importJson', (value) => importJson(value as never)],
  ['Param.percent.decode', (value) => Param.percent.decode(value)],
]

const isEither = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  ((value as E.Either<unknown, unknown>)._tag === 'Left' || (value as E.Either<unknown, unknown>)._tag === 'Right')

describe('junk at the public boundary', () => {
  for (const [name, call] of entryPoints) {
    it(`${name} returns an Either for any value, never throws`, () => {
      fc.assert(
        fc.property(junk, (value) => {
          expect(isEither(call(value))).toBe(true)
        }),
        { numRuns: 200 },
      )
    })
  }
})

// -------------------------------------------------------------------------------------
// 1. the whole surface
// -------------------------------------------------------------------------------------

type AnyFunction = (...args: ReadonlyArray<unknown>) => unknown

const isNamespace = (value: unknown): value is Readonly<Record<string, unknown>> =>
  Object.prototype.toString.call(value) === '[object Module]'

/** Every exported function (classes aside), by dotted name: `Quantity.add`, `Interchange.CsvRules.convert`, `parse`. */
const surface = (() => {
  const found: Array<readonly [string, AnyFunction]> = []
  const walk = (prefix: string, module: Readonly<Record<string, unknown>>): void => {
    for (const key of Object.keys(module).sort()) {
      const value = module[key]
      const name = prefix === '' ? key : `${prefix}.${key}`
      if (isNamespace(value)) walk(name, value)
      else if (typeof value === 'function' && !/^class[\s{]/u.test(Function.prototype.toString.call(value)))
        found.push([name, value as AnyFunction])
    }
  }
  walk('', main)
  walk('', node)
  return found
})()

/** Documented to throw on bad input (for literals in code): `Quantity.unsafeFromString`, `unsafeDefineRule`, … */
const isUnsafe = (name: string): boolean => /(^|\.)unsafe[A-Z]/u.test(name)

const libraryValues =
  'takes values only the library makes (a Quantity, LocalDate, AccountName, Ledger, Books, Period, Finding, report ' +
  'data, a decoded document): junk there is a type error, and a guard on every call would cost the hot path ' +
  '(posting, queries, rules); those values come from the guarded constructors and entry points, and its plain ' +
  'number and string parameters are fuzzed in part 3'
const typedErrors = 'renders, converts or tests a typed error or diagnostic the library made (a switch on its tag)'
const plainValues =
  'a formatting or comparison helper over plain strings and numbers: a symbol or an object without a prototype ' +
  'where a string or number belongs is a type error it does not check (it would cost every cell and comparison)'
const effects =
  'writes files (the Node port), runs a whole simulation or scores one (seconds): not called here; ' +
  'Simulate.simulate, a lazy generator, is iterated on junk options below'

const names = (prefix: string, list: string, reason: string): Readonly<Record<string, string>> =>
  Object.fromEntries(list.split(/\s+/u).map((name) => [prefix === '' ? name : `${prefix}.${name}`, reason]))

/** Functions not fed junk in every argument, with the reason. Everything else is, by default. */
const notFuzzed: Readonly<Record<string, string>> = {
  ...names('AccountName', 'ancestors depth leaf parent segments truncate', libraryValues),
  ...names('AccountName', 'isWithin join', plainValues),
  ...names('Ageing', 'bucketOf', plainValues),
  ...names(
    'Amount',
    'accumulate addMixed entries equals isMixedZero isZero negate quantityOf showExact showMixed',
    libraryValues,
  ),
  ...names('Apply', 'expand', libraryValues),
  ...names(
    'Arithmetic',
    'annuityFactor annuityPayment dayCountDays discount power proportion simpleInterest',
    libraryValues,
  ),
  ...names('Arithmetic', 'renderArithmeticError', typedErrors),
  ...names('BalanceReport', 'build renderCsv renderTable toJson', libraryValues),
  ...names(
    'Books',
    'accountFor documentOf fromLedger history isTerminal loansAgainst makeBooks planKey planValueAt postTransaction ' +
      'roleOf settlementStatus stageOf statusOf',
    libraryValues,
  ),
  ...names('Books', 'stageOfRole', plainValues),
  ...names('Citation', 'fileKey show', libraryValues),
  ...names('Commodity', 'format formatNumber', libraryValues),
  ...names('Commodity', 'needsQuotes', plainValues),
  ...names('Consolidate', 'consolidate consolidatedBalance counterpartyOf', libraryValues),
  ...names('Csv', 'render', libraryValues),
  ...names('Csv', 'numberCell textCell', plainValues),
  ...names('DomainError', 'renderDomainError', typedErrors),
  ...names('Exposure', 'exposure', libraryValues),
  ...names(
    'Flows',
    'ascendingByIndex balanceOn dayAfter dayBefore entities flow goodsPositions inRange indexOf latestOf ' +
      'latestOfUnion mergeByIndex mergeFlows placeResolver through transactionsIn',
    libraryValues,
  ),
  ...names('Fulfilment', 'outputPlans planFulfilment realizedSales', libraryValues),
  ...names('Interchange.CsvRules', 'renderRulesError', typedErrors),
  ...names(
    'Interchange.Journals',
    'beancountAccounts beancountCurrency beancountJournal journalText ledgerStyleJournal',
    libraryValues,
  ),
  ...names('Interchange.Schema', 'scaled tables', libraryValues),
  ...names('Interchange.Tabular', 'createTable csvText', libraryValues),
  ...names('Interchange.Tabular', 'csvCell', plainValues),
  ...names(
    'Interval',
    'add approximate contains disjoint gap holds isUnknown negate pointOf range ratio scale show subtract verdict ' +
      'within',
    libraryValues,
  ),
  ...names('Interval', 'renderError', typedErrors),
  ...names(
    'Ledger',
    'accountType accounts commodity commodityKind declaredCommodity entityOf exchangedTransactions moneyTotals ' +
      'ownRunningBalances postingCount runningBalance transactions withinEntity',
    libraryValues,
  ),
  ...names('Ledger', 'renderPostingError', typedErrors),
  ...names('LocalDate', 'addDays day daysBetween month quarter toDayNumber year', libraryValues),
  ...names('LocalDate', 'compare daysInMonth isLeapYear max min', plainValues),
  ...names('Operation', 'encodeOperation', libraryValues),
  ...names(
    'Parameters',
    'acceptanceDeadline addWorkingDays isRestDay requireAt savingsBankProgrammeActive valueAt',
    libraryValues,
  ),
  ...names('Payroll', 'payroll staffCategoryOf', libraryValues),
  ...names('Period', 'contains lastDay ofDay overlaps within', libraryValues),
  ...names('Period', 'split', plainValues),
  ...names('PeriodExpression', 'addUnits columns intersect label startOfUnit weekday', libraryValues),
  ...names('PeriodExpression', 'renderError', typedErrors),
  ...names(
    'Physical',
    'goodsPostings physicalBook stageAgeing stagesAgeing unitsBroughtForward unitsReaching unitsReachingIndexed',
    libraryValues,
  ),
  ...names(
    'Plans',
    'evaluationDate linesCovering planLines plannedEntities revisionEstimated valueKnownOn',
    libraryValues,
  ),
  ...names('Posting', 'hasTag isElided tagValue', libraryValues),
  ...names(
    'Quantity',
    'abs add compare divide equals isZero max min movePoint multiply negate round scaleOf sign subtract sumAll ' +
      'toApproximateNumber toBigInt toScaledString toString',
    libraryValues,
  ),
  ...names('Quantity', 'renderError', typedErrors),
  ...names('Query', 'amountIn balance ownBalances register rollUp trialBalance', libraryValues),
  ...names('Rate', 'toFraction toPercentPoints', libraryValues),
  ...names('Ratio', 'comparePercent percentOf percentOfValue ratio', libraryValues),
  ...names('ReportSeries', 'payrollAgainstFund wipByQuarter', libraryValues),
  ...names('Reports', 'render', libraryValues),
  ...names('Search', 'matches matchesAccountName matchesPayeeName matchesTransaction withoutDateSpan', libraryValues),
  ...names('Search', 'renderSearchError', typedErrors),
  ...names('Simulate', 'auditLedger leakBaselines scoreFindings', libraryValues),
  ...names('Simulate', 'entityName ratePermille showPermille', plainValues),
  ...names('Simulate', 'simulate sweep score', effects),
  ...names('SourceSpan', 'compare show showLines', libraryValues),
  ...names('SourceSpan', 'synthetic', plainValues),
  ...names('Table', 'render', libraryValues),
  ...names('Turnover', 'turnover', libraryValues),
  ...names('Views', 'figureKey inView restatements', libraryValues),
  ...names('WorkingCapital', 'workingCapital', libraryValues),
  ...names(
    '',
    'assertExpectations booksEqual checkExpectations compareFindings completeFinding describeExpectation diffBooks ' +
      'diffDocuments diffJson diffLedgers documentEvidence documentsEqual elaborate exportDocument findingMatches ' +
      'findingToJson findingsToJson format fromDocument ledgersEqual measureOf operationEvidence planEvidence print ' +
      'reportedEvidence settingsInForce showMeasureValue showMoney showPercent showUnits summarizeExpectations ' +
      'toDocument transactionEvidence transactionText',
    libraryValues,
  ),
  ...names(
    '',
    'diagnosticOfBuildError diagnosticOfDeclarationError diagnosticOfDomainError diagnosticOfElaborateError ' +
      'diagnosticOfLoadError diagnosticOfOperationError diagnosticOfParseError diagnosticOfPlanError ' +
      'diagnosticOfPostingError diagnosticOfStatementError diagnosticOfStrictError isDomainError isErrorDiagnostic ' +
      'isPostingError renderBuildError renderDiagnostic renderExpectationFieldError renderExpectationResult ' +
      'renderFailure renderImportError renderParameterProblem renderParseError renderParseErrors ' +
      'renderReconcileError renderRuleDefinitionError renderAppendError',
    typedErrors,
  ),
  ...names('', 'appendTransactions nodeFileSystemWith', effects),
}

/** Calls `f` with `args`, and the function it returns (curried forms) with `args` again; awaits a promise. */
const callWith = async (f: AnyFunction, args: ReadonlyArray<unknown>): Promise<void> => {
  let result = f(...args)
  if (typeof result === 'function') result = (result as AnyFunction)(...args)
  if (typeof (result as { readonly then?: unknown } | null)?.then === 'function') await result
}

/** Fixed junk: one of these in every argument position. */
const fixedJunk: ReadonlyArray<unknown> = [null, undefined, {}, 'x', 7, [], Symbol('junk'), Object.create(null)]

describe('the whole public surface, fed junk', () => {
  const names = new Set(surface.map(([name]) => name))

  it('walks every export (at least the functions pinned in api-surface.json)', () => {
    expect(surface.length).toBeGreaterThan(350)
  })

  it('lists only functions of the surface, none of them unsafe', () => {
    for (const name of Object.keys(notFuzzed)) {
      expect(names.has(name), name).toBe(true)
      expect(isUnsafe(name), name).toBe(false)
    }
  })

  it('names every unsafe* export in the README’s library section', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8')
    const start = readme.indexOf('\n## Library')
    const library = readme.slice(start, readme.indexOf('\n## ', start + 1))
    for (const [name] of surface.filter(([name]) => isUnsafe(name))) expect(library, name).toContain(name)
  })

  for (const [name, f] of surface) {
    if (isUnsafe(name)) continue
    const reason = notFuzzed[name]
    if (reason === undefined) {
      it(`${name} never throws, whatever its arguments`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(junk, { maxLength: 4 }), async (args) => {
            await callWith(f, args)
          }),
          { numRuns: 60 },
        )
      })
    } else if (reason !== effects) {
      it(`${name} is listed (${reason.slice(0, 40)}…) and does throw on some junk`, async () => {
        let threw = false
        for (const value of fixedJunk) {
          for (const args of [
            [value, value, value, value],
            [value, 'x', value, 'x'],
            ['x', value, 'x', value],
          ]) {
            await callWith(f, args).catch(() => {
              threw = true
            })
          }
        }
        expect(threw).toBe(true)
      })
    }
  }
})

it('Simulate.simulate: junk options, its first chunks read, never a throw', () => {
  fc.assert(
    fc.property(junk, (options) => {
      let read = 0
      for (const _chunk of main.Simulate.simulate(options as never)) if (++read >= 20) break
    }),
    { numRuns: 100 },
  )
})

// -------------------------------------------------------------------------------------
// 3. well-typed values out of range
// -------------------------------------------------------------------------------------

describe('well-typed values out of range: any number or string where a plain one belongs, never a throw', () => {
  const anyNumber = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, 2 ** 53, 1e300, 10_000),
  )
  const x = Quantity.unsafeFromString('12.34')
  const day = LocalDate.unsafeFromString('1936-05-10')
  const eight = Rate.unsafeFraction('0.08')
  const kopecks: Quantity.Rounding = { scaleDigits: 2, mode: 'halfEven' }
  const rounding = (scaleDigits: number): Quantity.Rounding => ({ scaleDigits, mode: 'halfEven' })
  const cases: ReadonlyArray<readonly [string, fc.Arbitrary<ReadonlyArray<number>>, (...n: number[]) => unknown]> = [
    ['Quantity.round', fc.tuple(anyNumber), (n) => Quantity.round(rounding(n))(x)],
    ['Quantity.divide', fc.tuple(anyNumber), (n) => Quantity.divide(x, rounding(n))(x)],
    ['Quantity.movePoint', fc.tuple(anyNumber), (n) => Quantity.movePoint(x, n)],
    ['Quantity.toFixed', fc.tuple(anyNumber), (n) => Quantity.toFixed(x, n)],
    ['Quantity.fromInteger', fc.tuple(anyNumber), (n) => Quantity.fromInteger(n)],
    ['Quantity.fromBigInt', fc.tuple(anyNumber), (n) => Quantity.fromBigInt(12n, n)],
    ['AccountName.truncate', fc.tuple(anyNumber), (n) => AccountName.truncate(cash, n)],
    ['LocalDate.addDays', fc.tuple(anyNumber), (n) => LocalDate.addDays(n)(day)],
    ['LocalDate.fromParts', fc.tuple(anyNumber, anyNumber, anyNumber), (a, b, c) => LocalDate.fromParts(a, b, c)],
    ['LocalDate.fromDayNumber', fc.tuple(anyNumber), (n) => LocalDate.fromDayNumber(n)],
    ['LocalDate.daysInMonth', fc.tuple(anyNumber, anyNumber), (a, b) => LocalDate.daysInMonth(a, b)],
    ['Period.ofYear', fc.tuple(anyNumber), (n) => Period.ofYear(n)],
    ['Period.ofQuarter', fc.tuple(anyNumber, anyNumber), (a, b) => Period.ofQuarter(a, b)],
    ['Period.ofMonth', fc.tuple(anyNumber, anyNumber), (a, b) => Period.ofMonth(a, b)],
    ['PeriodExpression.addUnits', fc.tuple(anyNumber), (n) => PeriodExpression.addUnits('month', n, day)],
    ['Arithmetic.discount', fc.tuple(anyNumber, anyNumber), (a, b) => Arithmetic.discount(x, eight, a, b, kopecks)],
    ['Arithmetic.power', fc.tuple(anyNumber), (n) => Arithmetic.power(x, n)],
    ['Arithmetic.annuityPayment', fc.tuple(anyNumber), (n) => Arithmetic.annuityPayment(x, eight, n, kopecks)],
    ['Arithmetic.annuityFactor', fc.tuple(anyNumber), (n) => Arithmetic.annuityFactor(eight, n, kopecks)],
    [
      'Commodity.formatNumber',
      fc.tuple(anyNumber),
      (n) => Commodity.formatNumber(x, { ...Commodity.defaultStyle, precision: n }),
    ],
  ]
  for (const [name, numbers, call] of cases) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(numbers, (values) => {
          call(...values)
        }),
        { numRuns: 300 },
      )
    })
  }

  it('any string where text belongs: the parsers, cells and period expressions', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(isEither(PeriodExpression.parse(text, day))).toBe(true)
        expect(isEither(PeriodExpression.smartSpan(text, undefined))).toBe(true)
        expect(isEither(Period.fromString(text))).toBe(true)
        expect(isEither(Books.documentIdFromString(text))).toBe(true)
        expect(typeof Csv.textCell(text)).toBe('string')
        expect(Search.queryWords(text)).toBeInstanceOf(Array)
      }),
      { numRuns: 300 },
    )
  })
})

describe('a wrong kind in one field is a typed, located error', () => {
  const good = {
    date: LocalDate.unsafeFromString('1936-01-05'),
    description: 'Opening',
    postings: [
      { account: cash, money: Amount.make(Quantity.unsafeFromInteger(10), rub) },
      { account: opening, money: Amount.make(Quantity.unsafeFromInteger(-10), rub) },
    ],
  }

  it('Ledger.post accepts the well-formed input', () => {
    expect(E.isRight(Ledger.post(good)(Ledger.empty()))).toBe(true)
  })

  it('a JavaScript number where a quantity belongs: InvalidTransactionInput naming the path, the ledger unchanged', () => {
    const ledger = Ledger.empty()
    const bad = {
      ...good,
      postings: [good.postings[0], { account: opening, money: { quantity: -10, commodity: rub } }],
    }
    const result = Ledger.post(bad as never)(ledger)
    expect(result).toEqual(
      E.left({
        _tag: 'InvalidTransactionInput',
        span: SourceSpan.synthetic('api'),
        path: 'postings.1.money.quantity',
        expected: 'a Quantity (Quantity.fromString)',
        actual: 'a number',
      }),
    )
    expect(E.isLeft(result) && Ledger.renderPostingError(result.left)).toBe(
      'transaction input is not well-formed: postings.1.money.quantity should be a Quantity (Quantity.fromString), not a number',
    )
    expect(Ledger.transactions(ledger)).toHaveLength(0)
  })

  it('any junk in any one field of a posting is refused with that field’s path, or accepted when it is a valid value', () => {
    const fields = [
      'account',
      'money',
      'goods',
      'cost',
      'estimated',
      'status',
      'virtual',
      'tags',
      'citations',
      'span',
    ] as const
    fc.assert(
      fc.property(fc.constantFrom(...fields), junk, (field, value) => {
        const posting = { ...good.postings[0], [field]: value }
        const result = Ledger.post({ ...good, postings: [posting, good.postings[1]] } as never)(Ledger.empty())
        expect(isEither(result)).toBe(true)
        if (E.isLeft(result) && result.left._tag === 'InvalidTransactionInput')
          expect(result.left.path.startsWith(`postings.0.${field}`)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('declarations: a number for a symbol is InvalidDeclarationInput', () => {
    const result = Ledger.declareCommodity({ symbol: 5, kind: 'money', style: Commodity.defaultStyle } as never)(
      Ledger.empty(),
    )
    expect(E.isLeft(result) && result.left).toMatchObject({
      _tag: 'InvalidDeclarationInput',
      declaration: 'commodity',
      path: 'symbol',
      actual: 'a number',
    })
    expect(E.isLeft(result) && Ledger.renderPostingError(result.left)).toBe(
      'commodity declaration is not well-formed: symbol should be a non-empty string, not a number',
    )
  })
})
