/**
 * The `@example` blocks of the public API's doc comments, run as written, so the examples
 * cannot rot. Each `it` holds one example's code, copied from the doc comment named in its
 * title, and asserts what the example's comments state (`// → …`). The examples use the names
 * of `shadow-ledger` (and `E`, `pipe` from fp-ts) without import lines, because
 * tests/architecture reads an import line in a comment as an import; here the same names come
 * from src/index.ts.
 *
 * When you change an example, change it here too (and the other way round): the last test
 * fails when a code line of an `@example` in the documented folders is not found in this file.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { describe, expect, it } from 'vitest'
import {
  AccountName,
  Amount,
  Apply,
  Books,
  builtInRules,
  Commodity,
  checkExpectations,
  Entity,
  exportDocument,
  findingsToJson,
  format,
  importJson,
  Ledger,
  LocalDate,
  loadFile,
  loadText,
  memoryFileSystem,
  Operation,
  Param,
  PeriodExpression,
  parse,
  print,
  Quantity,
  Query,
  reconcile,
  renderFailure,
  Search,
  SourceSpan,
  summarizeExpectations,
  transactionEvidence,
  unsafeDefineRule,
  unsafeExpectFinding,
} from '../../src/index.js'

/** Throws with the error when an Either is a Left (the examples' `if (E.isLeft(…)) throw …`, shortened). */
const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(JSON.stringify(either.left))
  return either.right
}

describe('load (src/load)', () => {
  it('loadText', () => {
    const fileSystem = memoryFileSystem(new Map())
    const loaded = loadText('books.journal', '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n', {
      fileSystem,
    })
    // E.isRight(loaded) → true, loaded.right.ledger.size → 1
    expect(E.isRight(loaded)).toBe(true)
    expect(E.isRight(loaded) && loaded.right.ledger.size).toBe(1)

    const bad = loadText('bad.journal', '2024-01-01 Typo\n    assets:cash  10 RUB\n    equity:opening  -9 RUB\n', {
      fileSystem,
    })
    // E.isLeft(bad) → true, bad.left.diagnostics[0].tag → 'UnbalancedTransaction'
    // renderFailure(bad.left) starts 'bad.journal:1:1: error: transaction does not balance'
    expect(E.isLeft(bad)).toBe(true)
    expect(E.isLeft(bad) && bad.left.diagnostics[0]?.tag).toBe('UnbalancedTransaction')
    expect(E.isLeft(bad) && renderFailure(bad.left)).toMatch(/^bad\.journal:1:1: error: transaction does not balance/)
  })

  it('loadFile', () => {
    const fileSystem = memoryFileSystem(
      new Map([
        [
          '/books/main.journal',
          'include shops/tank.journal\n2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n',
        ],
        ['/books/shops/tank.journal', '2024-01-02 Tank shop\n    assets:wip  [2 T28]\n    equity:goods  [-2 T28]\n'],
      ]),
    )
    const loaded = loadFile('/books/main.journal', { fileSystem, root: '/books' })
    // loaded.right.ledger.size → 2, [...loaded.right.sources.keys()] → ['/books/main.journal', '/books/shops/tank.journal']
    expect(E.isRight(loaded) && loaded.right.ledger.size).toBe(2)
    expect(E.isRight(loaded) && [...loaded.right.sources.keys()]).toEqual([
      '/books/main.journal',
      '/books/shops/tank.journal',
    ])

    const escaped = loadText('/books/x.journal', 'include ../secret.journal\n', { fileSystem, root: '/books' })
    // escaped.left.diagnostics[0].tag → 'IncludeOutsideRoot' (nothing outside the root is read)
    expect(E.isLeft(escaped) && escaped.left.diagnostics[0]?.tag).toBe('IncludeOutsideRoot')
  })

  it('memoryFileSystem', () => {
    const fileSystem = memoryFileSystem(new Map([['/books/main.journal', '2024-01-01 Opening\n']]))
    // fileSystem.readText('/books/./main.journal') → E.right('2024-01-01 Opening\n')
    // fileSystem.readText('/books/other.journal') → E.left({ _tag: 'FileNotFound', path: '/books/other.journal' })
    // fileSystem.resolve('/books/main.journal', 'shops/tank.journal') → '/books/shops/tank.journal'
    expect(fileSystem.readText('/books/./main.journal')).toEqual(E.right('2024-01-01 Opening\n'))
    expect(fileSystem.readText('/books/other.journal')).toEqual(
      E.left({ _tag: 'FileNotFound', path: '/books/other.journal' }),
    )
    expect(fileSystem.resolve('/books/main.journal', 'shops/tank.journal')).toBe('/books/shops/tank.journal')
  })

  it('importJson and exportDocument', () => {
    const loaded = loadText('books.journal', '2024-01-01 Opening\n    assets:cash  10 RUB\n    equity:opening\n', {
      fileSystem: memoryFileSystem(new Map()),
    })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    const json = exportDocument(loaded.right)
    // json.version → 1, json.entries.length → 1 (decimals are strings: "10", "-10")
    expect(json.version).toBe(1)
    expect(json.entries).toHaveLength(1)
    const imported = importJson(JSON.stringify(json))
    // E.isRight(imported) → true, with the same trial balance as `loaded`
    expect(E.isRight(imported) && Query.trialBalance(imported.right.ledger, { book: 'money' })).toEqual(
      Query.trialBalance(loaded.right.ledger, { book: 'money' }),
    )
    // importJson('{') → E.left({ _tag: 'InvalidJson', … })
    const broken = importJson('{')
    expect(E.isLeft(broken) && broken.left._tag).toBe('InvalidJson')
  })
})

describe('core (src/core)', () => {
  it('Quantity.fromString', () => {
    const parsed = Quantity.fromString('1234.50')
    // E.isRight(parsed) → true, Quantity.toString(parsed.right) → '1234.5'
    expect(E.isRight(parsed) && Quantity.toString(parsed.right)).toBe('1234.5')
    // Quantity.fromString('1e3') → E.left({ _tag: 'InvalidQuantity', text: '1e3' })
    // Quantity.fromString('1,000') → E.left({ _tag: 'InvalidQuantity', text: '1,000' })
    expect(Quantity.fromString('1e3')).toEqual(E.left({ _tag: 'InvalidQuantity', text: '1e3' }))
    expect(Quantity.fromString('1,000')).toEqual(E.left({ _tag: 'InvalidQuantity', text: '1,000' }))
  })

  it('Quantity.add', () => {
    const a = Quantity.unsafeFromString('0.1')
    const b = Quantity.unsafeFromString('0.2')
    // Quantity.toString(Quantity.add(a, b)) → '0.3' (exact: no binary floating point)
    // Quantity.toString(pipe(a, Quantity.add(b))) → '0.3' (data-last, for pipe)
    expect(Quantity.toString(Quantity.add(a, b))).toBe('0.3')
    expect(Quantity.toString(pipe(a, Quantity.add(b)))).toBe('0.3')
  })

  it('Quantity.divide', () => {
    const third = pipe(
      Quantity.unsafeFromInteger(10),
      Quantity.divide(Quantity.unsafeFromInteger(3), { scaleDigits: 2, mode: 'halfEven' }),
    )
    // E.isRight(third) → true, Quantity.toString(third.right) → '3.33'
    expect(E.isRight(third) && Quantity.toString(third.right)).toBe('3.33')
    const byZero = pipe(
      Quantity.unsafeFromInteger(10),
      Quantity.divide(Quantity.zero, { scaleDigits: 2, mode: 'halfEven' }),
    )
    // byZero → E.left({ _tag: 'DivisionByZero' })
    expect(byZero).toEqual(E.left({ _tag: 'DivisionByZero' }))
  })

  it('Quantity.toScaledString', () => {
    const wages = Quantity.unsafeFromString('10000.00')
    // Quantity.toScaledString(wages) → '10000.00', `${wages}` → '10000.00', Quantity.toString(wages) → '10000'
    expect(Quantity.toScaledString(wages)).toBe('10000.00')
    expect(`${wages}`).toBe('10000.00')
    expect(Quantity.toString(wages)).toBe('10000')
  })

  it('Quantity.round', () => {
    const half = Quantity.unsafeFromString('2.5')
    // Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfEven' })(half)) → '2'
    // Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfUp' })(half)) → '3'
    // Quantity.toString(Quantity.round({ scaleDigits: 1, mode: 'floor' })(Quantity.unsafeFromString('-1.25'))) → '-1.3'
    expect(Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfEven' })(half))).toBe('2')
    expect(Quantity.toString(Quantity.round({ scaleDigits: 0, mode: 'halfUp' })(half))).toBe('3')
    expect(
      Quantity.toString(Quantity.round({ scaleDigits: 1, mode: 'floor' })(Quantity.unsafeFromString('-1.25'))),
    ).toBe('-1.3')
  })

  it('Amount.make', () => {
    const rent = Amount.make(Quantity.unsafeFromString('1234.50'), Commodity.unsafeSymbol('RUB'))
    // Amount.showExact(rent) → '1234.5 RUB', Amount.showExact(Amount.negate(rent)) → '-1234.5 RUB'
    expect(Amount.showExact(rent)).toBe('1234.5 RUB')
    expect(Amount.showExact(Amount.negate(rent))).toBe('-1234.5 RUB')
  })

  it('Ledger.empty', () => {
    const ledger = Ledger.empty()
    // ledger.size → 0, Ledger.transactions(ledger) → []
    expect(ledger.size).toBe(0)
    expect(Ledger.transactions(ledger)).toEqual([])
  })

  it('Ledger.post', () => {
    const rub = Commodity.unsafeSymbol('RUB')
    const posted = pipe(
      Ledger.empty(),
      Ledger.post({
        date: LocalDate.unsafeFromString('1936-01-05'),
        description: 'Opening',
        postings: [
          {
            account: AccountName.unsafeFromString('assets:cash'),
            money: Amount.make(Quantity.unsafeFromInteger(10), rub),
          },
          { account: AccountName.unsafeFromString('equity:opening') }, // elided: receives -10 RUB
        ],
      }),
    )
    // E.isRight(posted) → true, Amount.showMixed(Ledger.runningBalance(posted.right, AccountName.unsafeFromString('equity:opening'), 'money', false)) → '-10 RUB'
    expect(
      E.isRight(posted) &&
        Amount.showMixed(
          Ledger.runningBalance(posted.right, AccountName.unsafeFromString('equity:opening'), 'money', false),
        ),
    ).toBe('-10 RUB')

    const unbalanced = pipe(
      Ledger.empty(),
      Ledger.post({
        date: LocalDate.unsafeFromString('1936-01-05'),
        description: 'Typo',
        postings: [
          {
            account: AccountName.unsafeFromString('assets:cash'),
            money: Amount.make(Quantity.unsafeFromInteger(10), rub),
          },
          {
            account: AccountName.unsafeFromString('equity:opening'),
            money: Amount.make(Quantity.unsafeFromInteger(-9), rub),
          },
        ],
      }),
    )
    // unbalanced.left._tag → 'UnbalancedTransaction' (and nothing was posted)
    expect(E.isLeft(unbalanced) && unbalanced.left._tag).toBe('UnbalancedTransaction')
  })

  it('Ledger.declareEntity', () => {
    const kirov = Entity.unsafeName('kirov')
    const ledger = pipe(Ledger.empty(), Ledger.declareEntity({ name: kirov, citations: [] }))
    // E.isRight(ledger) → true
    // Ledger.entityOf(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')) → 'kirov'
    // Ledger.withinEntity(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')) → 'assets:cash'
    expect(
      E.isRight(ledger) &&
        Ledger.entityOf(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')),
    ).toBe('kirov')
    expect(
      E.isRight(ledger) &&
        Ledger.withinEntity(ledger.right.declarations, AccountName.unsafeFromString('kirov:assets:cash')),
    ).toBe('assets:cash')
    // declaring it twice: pipe(ledger, E.flatMap(Ledger.declareEntity({ name: kirov, citations: [] }))) → E.left({ _tag: 'DuplicateEntity', … })
    const twice = pipe(ledger, E.flatMap(Ledger.declareEntity({ name: kirov, citations: [] })))
    expect(E.isLeft(twice) && twice.left._tag).toBe('DuplicateEntity')
  })

  const queryJournal =
    '2024-01-01 Opening\n    assets:cash  100 RUB\n    equity:opening\n\n2024-02-01 Rent\n    expenses:rent  30 RUB\n    assets:cash\n'

  it('Query.balance', () => {
    const text =
      '2024-01-01 Opening\n    assets:cash  100 RUB\n    equity:opening\n\n' +
      '2024-02-01 Rent\n    expenses:rent  30 RUB\n    assets:cash\n'
    expect(text).toBe(queryJournal)
    const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    const { ledger } = loaded.right
    const assets = AccountName.unsafeFromString('assets')
    // Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: true })) → '70 RUB'
    // Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: false })) → '0' (no posting to `assets` itself)
    // Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: true, end: LocalDate.unsafeFromString('2024-02-01') })) → '100 RUB'
    expect(Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: true }))).toBe('70 RUB')
    expect(Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: false }))).toBe('0')
    expect(
      Amount.showMixed(
        Query.balance(ledger, assets, {
          book: 'money',
          inclusive: true,
          end: LocalDate.unsafeFromString('2024-02-01'),
        }),
      ),
    ).toBe('100 RUB')
  })

  it('Query.trialBalance', () => {
    const ledger = right(loadText('books.journal', queryJournal, { fileSystem: memoryFileSystem(new Map()) })).ledger
    const trial = Query.trialBalance(ledger, { book: 'money' })
    // trial.rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)
    //   → ['assets:cash 70 RUB', 'equity:opening -100 RUB', 'expenses:rent 30 RUB']
    // trial.totals → [] (zero totals are left out, and the money book always balances)
    expect(trial.rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)).toEqual([
      'assets:cash 70 RUB',
      'equity:opening -100 RUB',
      'expenses:rent 30 RUB',
    ])
    expect(trial.totals).toEqual([])
  })

  it('Search.parseSearch', () => {
    const text = '2024-01-01 Shop | kiosk\n    expenses:food  10 RUB\n    assets:cash\n'
    const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    const search = Search.parseSearch(['food', 'note:kiosk', 'not:cur:USD'])
    if (E.isLeft(search)) throw new Error(Search.renderSearchError(search.left))
    const rows = Query.register(loaded.right.ledger, {
      book: 'money',
      where: (transaction, posting) => Search.matches(search.right, transaction, posting),
    })
    expect(rows.map((row) => row.posting.account)).toEqual(['expenses:food'])
  })

  it('PeriodExpression.smartSpan, parse, columns', () => {
    const march = PeriodExpression.smartSpan('2024-03', undefined)
    // march → E.right({ start: '2024-03-01', end: '2024-04-01' })
    expect(march).toEqual(E.right({ start: '2024-03-01', end: '2024-04-01' }))
    const lastMonth = PeriodExpression.smartSpan('last month', LocalDate.unsafeFromString('2024-05-15'))
    // lastMonth → E.right({ start: '2024-04-01', end: '2024-05-01' })
    expect(lastMonth).toEqual(E.right({ start: '2024-04-01', end: '2024-05-01' }))
    const spec = PeriodExpression.parse('monthly from 2024-03 to 2024-09', undefined)
    expect(spec).toEqual(E.right({ start: '2024-03-01', end: '2024-09-01', interval: { unit: 'month', count: 1 } }))
    const columns = PeriodExpression.columns(
      { unit: 'quarter', count: 1 },
      LocalDate.unsafeFromString('2024-05-05'),
      LocalDate.unsafeFromString('2024-06-01'),
    )
    expect(columns).toEqual(E.right([{ start: '2024-04-01', end: '2024-07-01', label: '2024Q2' }]))
  })

  it('Query.register', () => {
    const ledger = right(loadText('books.journal', queryJournal, { fileSystem: memoryFileSystem(new Map()) })).ledger
    const rows = Query.register(ledger, { book: 'money', account: AccountName.unsafeFromString('assets:cash') })
    // rows.map((row) => `${row.transaction.date} ${Amount.showExact(row.amount)} → ${Amount.showMixed(row.running)}`)
    //   → ['2024-01-01 100 RUB → 100 RUB', '2024-02-01 -30 RUB → 70 RUB']
    expect(
      rows.map((row) => `${row.transaction.date} ${Amount.showExact(row.amount)} → ${Amount.showMixed(row.running)}`),
    ).toEqual(['2024-01-01 100 RUB → 100 RUB', '2024-02-01 -30 RUB → 70 RUB'])
  })
})

describe('domain (src/domain)', () => {
  it('Books.empty', () => {
    const kirov = { name: Entity.unsafeName('kirov'), citations: [] }
    const books = Books.empty([kirov])
    // E.isRight(books) → true, books.right.currency → 'RUB', books.right.size → 0
    expect(E.isRight(books) && books.right.currency).toBe('RUB')
    expect(E.isRight(books) && books.right.size).toBe(0)
    // Books.empty([kirov, kirov]) → E.left({ _tag: 'DuplicateEntity', … })
    const twice = Books.empty([kirov, kirov])
    expect(E.isLeft(twice) && twice.left._tag).toBe('DuplicateEntity')
  })

  it('Apply.apply', () => {
    const kirov = Entity.unsafeName('kirov')
    const launch: Operation.Operation = {
      _tag: 'LaunchWip',
      date: LocalDate.unsafeFromString('1936-01-10'),
      entity: kirov,
      goods: { commodity: Commodity.unsafeSymbol('T28'), quantity: Quantity.unsafeFromInteger(12) },
    }
    const books = pipe(
      Books.empty([{ name: kirov, citations: [] }]),
      E.flatMap(Apply.apply(launch, { span: SourceSpan.synthetic('api') })),
    )
    if (E.isLeft(books)) throw new Error(JSON.stringify(books.left))
    // Query.trialBalance(books.right.ledger, { book: 'goods' }).rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)
    //   → ['kirov:assets:wip 12 T28', 'kirov:equity:goods-origin -12 T28']
    // Books.history(books.right).length → 1
    expect(
      Query.trialBalance(books.right.ledger, { book: 'goods' }).rows.map(
        (row) => `${row.account} ${Amount.showExact(row.amount)}`,
      ),
    ).toEqual(['kirov:assets:wip 12 T28', 'kirov:equity:goods-origin -12 T28'])
    expect(Books.history(books.right)).toHaveLength(1)
    // an operation for an undeclared entity changes nothing:
    // Apply.apply({ ...launch, entity: Entity.unsafeName('izhora') }, { span: SourceSpan.synthetic('api') })(books.right) → E.left({ _tag: 'UnknownEntity', entity: 'izhora' })
    expect(
      Apply.apply(
        { ...launch, entity: Entity.unsafeName('izhora') },
        { span: SourceSpan.synthetic('api') },
      )(books.right),
    ).toEqual(E.left({ _tag: 'UnknownEntity', entity: 'izhora' }))
  })

  it('Operation.decodeOperation', () => {
    const decoded = Operation.decodeOperation({
      _tag: 'PayWages',
      date: '1936-03-05',
      entity: 'kirov',
      amount: '600.00',
    })
    // E.isRight(decoded) → true; decoded.right._tag → 'PayWages'; Operation.encodeOperation(decoded.right).amount → '600.00' (the scale is kept)
    expect(E.isRight(decoded) && decoded.right._tag).toBe('PayWages')
    expect(E.isRight(decoded) && Operation.encodeOperation(decoded.right)).toEqual({
      _tag: 'PayWages',
      date: '1936-03-05',
      entity: 'kirov',
      amount: '600.00',
    })
    // decimals are strings in JSON: a number is rejected
    // E.isLeft(Operation.decodeOperation({ _tag: 'PayWages', date: '1936-03-05', entity: 'kirov', amount: 600 })) → true
    expect(
      E.isLeft(Operation.decodeOperation({ _tag: 'PayWages', date: '1936-03-05', entity: 'kirov', amount: 600 })),
    ).toBe(true)
  })
})

describe('journal (src/journal)', () => {
  it('parse', () => {
    const { nodes, errors } = parse('a.journal', '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n')
    // nodes[0]._tag → 'Transaction', errors.length → 0
    expect(nodes[0]?._tag).toBe('Transaction')
    expect(errors).toHaveLength(0)
    const broken = parse('b.journal', '2024-13-01 rent\n')
    // broken.errors[0]._tag → 'InvalidDate', broken.errors[0].span.line → 1
    expect(broken.errors[0]?._tag).toBe('InvalidDate')
    expect(broken.errors[0]?.span.line).toBe(1)
  })

  it('format', () => {
    const { nodes } = parse('a.journal', '2024-01-01   rent\n  expenses:rent    10 RUB\n  assets:cash\n')
    // format(nodes) → '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n'
    expect(format(nodes)).toBe('2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n')
  })

  it('print', () => {
    const loaded = loadText('books.journal', '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash\n', {
      fileSystem: memoryFileSystem(new Map()),
    })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    // print(loaded.right.ledger) → '2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash  -10 RUB\n' (the elided amount written out)
    expect(print(loaded.right.ledger)).toBe('2024-01-01 rent\n    expenses:rent  10 RUB\n    assets:cash  -10 RUB\n')
  })
})

describe('reconcile (src/reconcile)', () => {
  const demandJournal = 'entity kirov\nentity abtu\n\n1936-06-10 demand PD-36-114  kirov -> abtu  3,800,000.00 RUB\n'

  it('reconcile (with builtInRules)', () => {
    const journal = 'entity kirov\nentity abtu\n\n1936-06-10 demand PD-36-114  kirov -> abtu  3,800,000.00 RUB\n'
    expect(journal).toBe(demandJournal)
    const loaded = loadText('books.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    const { books, reported, settings } = loaded.right
    const result = reconcile(
      { books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') },
      builtInRules,
    )
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
    // result.right.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.documents.join(',')}`)
    //   → ['demand-without-shipment critical PD-36-114']
    expect(
      result.right.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.documents.join(',')}`),
    ).toEqual(['demand-without-shipment critical PD-36-114'])
    // result.right.rules.length → builtInRules.length (every rule ran)
    expect(result.right.rules).toHaveLength(builtInRules.length)
  })

  it('defineRule', () => {
    const bigCashPayment = unsafeDefineRule({
      id: 'big-cash-payment',
      title: 'Cash payment above a limit',
      description: 'Flags every payment out of an account named `cash` above `limit` (money).',
      parameters: { limit: Param.money },
      defaults: { limit: Quantity.unsafeFromString('1000.00') },
      evaluate: ({ books, asOf }, { limit }) =>
        Ledger.transactions(books.ledger)
          .filter((transaction) => transaction.date <= asOf)
          .flatMap((transaction) =>
            transaction.postings.flatMap((posting) =>
              posting.money !== undefined &&
              AccountName.leaf(posting.account) === 'cash' &&
              Quantity.compare(Quantity.negate(posting.money.quantity), limit) > 0
                ? [
                    {
                      severity: 'warn' as const,
                      date: transaction.date,
                      accounts: [posting.account],
                      moneyGap: Amount.negate(posting.money),
                      threshold: { text: `payment above ${Quantity.toString(limit)}` },
                      evidence: [transactionEvidence(transaction)],
                      message:
                        `${Amount.showExact(Amount.negate(posting.money))} paid out of ` +
                        `${posting.account} on ${transaction.date}.`,
                    },
                  ]
                : [],
            ),
          ),
    })
    const journal =
      '2024-01-01 Opening\n    assets:cash  5000 RUB\n    equity:opening\n\n' +
      '2024-01-02 Bonus\n    expenses:bonus  1500 RUB\n    assets:cash\n'
    const loaded = loadText('books.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
    if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
    const { books, reported, settings } = loaded.right
    const result = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('2024-12-31') }, [
      bigCashPayment,
    ])
    // result.right.findings.map((finding) => finding.message) → ['1500 RUB paid out of assets:cash on 2024-01-02.']
    expect(E.isRight(result) && result.right.findings.map((finding) => finding.message)).toEqual([
      '1500 RUB paid out of assets:cash on 2024-01-02.',
    ])
    // a journal line `param big-cash-payment.limit 2,000.00 RUB` (or the override below) raises the limit:
    // reconcile(input, [bigCashPayment], { overrides: new Map([['big-cash-payment.limit', '2000.00']]) }) → no findings
    const raised = reconcile(
      { books, reported, settings, asOf: LocalDate.unsafeFromString('2024-12-31') },
      [bigCashPayment],
      { overrides: new Map([['big-cash-payment.limit', '2000.00']]) },
    )
    expect(E.isRight(raised) && raised.right.findings).toEqual([])
    const withParam = right(
      loadText('books.journal', `param big-cash-payment.limit 2,000.00 RUB\n\n${journal}`, {
        fileSystem: memoryFileSystem(new Map()),
      }),
    )
    const raisedInJournal = reconcile(
      {
        books: withParam.books,
        reported: withParam.reported,
        settings: withParam.settings,
        asOf: LocalDate.unsafeFromString('2024-12-31'),
      },
      [bigCashPayment],
    )
    expect(E.isRight(raisedInJournal) && raisedInJournal.right.findings).toEqual([])
  })

  /** `books`, `reported`, `settings` loaded from the journal of the `reconcile` example. */
  const demandBooks = () => right(loadText('books.journal', demandJournal, { fileSystem: memoryFileSystem(new Map()) }))

  it('checkExpectations (and summarizeExpectations)', () => {
    const { books, reported, settings } = demandBooks()
    const result = reconcile(
      { books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') },
      builtInRules,
    )
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
    const results = checkExpectations(result.right.findings, [
      unsafeExpectFinding('demand-without-shipment', { entity: 'kirov', period: '1936-Q2', document: 'PD-36-114' }),
      unsafeExpectFinding('duplicate-documents', {}, true),
    ])
    // results.map((item) => item.passed) → [true, true]
    // summarizeExpectations(results) → '2 passed, 0 failed'
    expect(results.map((item) => item.passed)).toEqual([true, true])
    expect(summarizeExpectations(results)).toBe('2 passed, 0 failed')
  })

  it('toJson (findingsToJson)', () => {
    const { books, reported, settings } = demandBooks()
    const result = reconcile(
      { books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') },
      builtInRules,
    )
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
    const json = findingsToJson(result.right)
    // json.version → 1, json.asOf → '1936-12-31', json.findings[0].rule → 'demand-without-shipment'
    // json.findings[0].moneyGap → { quantity: '3800000.00', commodity: 'RUB' } (decimals as strings)
    expect(json.version).toBe(1)
    expect(json.asOf).toBe('1936-12-31')
    expect(json.findings[0]?.rule).toBe('demand-without-shipment')
    expect(json.findings[0]?.moneyGap).toEqual({ quantity: '3800000.00', commodity: 'RUB' })
    // JSON.stringify(json, null, 2) is what `shadow-ledger reconcile --output json` prints
    expect(JSON.parse(JSON.stringify(json, null, 2))).toEqual(json)
  })
})

describe('the examples above are the ones in the doc comments', () => {
  /** The folders whose `@example` blocks this file runs (src/reconcile: the top-level files only). */
  const folders = ['src/core', 'src/domain', 'src/journal', 'src/load', 'src/reconcile']
  const root = resolve(import.meta.dirname, '../..')
  /**
   * Code compared as the formatter leaves it alone: without white space, and without the trailing
   * commas it adds when it breaks a call over several lines (the doc comments are not formatted).
   */
  const normalize = (code: string): string =>
    code
      .replace(/\s+/gu, '')
      .replace(/,(?=[)\]}])/gu, '')
      .replace(/,$/u, '')
  const here = normalize(readFileSync(import.meta.filename, 'utf8'))

  /** Every `@example` code block in a file: its first line number and its code lines (the ` * ` gutter removed). */
  const examplesOf = (text: string): ReadonlyArray<{ readonly line: number; readonly code: ReadonlyArray<string> }> => {
    const lines = text.split('\n')
    const found: { line: number; code: string[] }[] = []
    for (let index = 0; index < lines.length; index++) {
      if (!/^\s*\*\s*@example\b/u.test(lines[index] ?? '')) continue
      const code: string[] = []
      let cursor = index + 1
      if (/^\s*\*\s*```/u.test(lines[cursor] ?? '')) cursor++
      for (; cursor < lines.length && !/^\s*\*\s*```|^\s*\*\//u.test(lines[cursor] ?? ''); cursor++)
        code.push((lines[cursor] ?? '').replace(/^\s*\* ?/u, ''))
      found.push({ line: index + 1, code })
    }
    return found
  }

  const files = folders.flatMap((folder) =>
    readdirSync(resolve(root, folder))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `${folder}/${name}`),
  )

  it('every code line of every @example (but imports and comments) appears in this file', () => {
    const missing: string[] = []
    let examples = 0
    for (const file of files) {
      for (const example of examplesOf(readFileSync(resolve(root, file), 'utf8'))) {
        examples++
        for (const line of example.code) {
          const code = line.trim()
          if (code === '' || code.startsWith('//') || code.startsWith('import ')) continue
          if (!here.includes(normalize(code))) missing.push(`${file}:${example.line}: ${code}`)
        }
      }
    }
    expect(missing).toEqual([])
    expect(examples).toBeGreaterThanOrEqual(25)
  })
})
