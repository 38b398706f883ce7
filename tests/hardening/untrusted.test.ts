/**
 * Goal: a journal from an untrusted source cannot read outside its root, exhaust memory or time,
 * confuse the engine with names that are special in JavaScript, or smuggle a formula into a
 * spreadsheet; every named limit holds at its value and fails just past it with its tag.
 * Method: loads over `memoryFileSystem` (and the real file system for symbolic links), each
 * limit at and one past its value, every kind of line at 100 kB, and the CLI's CSV output.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import * as coreLimits from '../../src/core/limits.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as Query from '../../src/core/Query.js'
import * as journalLimits from '../../src/journal/limits.js'
import * as Diagnostic from '../../src/load/Diagnostic.js'
import { type FileSystem, memoryFileSystem } from '../../src/load/FileSystem.js'
import {
  diagnosticsMax,
  includeDepthMax,
  type Loaded,
  type LoadFailure,
  loadFile,
  loadText,
} from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import { runCli } from '../helpers/cli.js'

const memory = (files: Record<string, string>): FileSystem => memoryFileSystem(new Map(Object.entries(files)))

/** The tags of a load's diagnostics (errors and warnings), in order. */
const tags = (result: E.Either<LoadFailure, Loaded>): ReadonlyArray<string> =>
  (E.isLeft(result) ? result.left.diagnostics : result.right.warnings).map((diagnostic) => diagnostic.tag)

const ok = (result: E.Either<LoadFailure, Loaded>): Loaded => {
  if (E.isLeft(result))
    throw new Error(
      `expected a load, got ${result.left.diagnostics.map((diagnostic) => Diagnostic.render(diagnostic, result.left.sources)).join('\n')}`,
    )
  return result.right
}

const text = (name: string, journal: string, options: Partial<Parameters<typeof loadText>[2]> = {}) =>
  loadText(name, journal, { fileSystem: memory({}), ...options })

const temporary = mkdtempSync(join(tmpdir(), 'shadow-ledger-untrusted-'))
afterAll(() => rmSync(temporary, { recursive: true, force: true }))

// -------------------------------------------------------------------------------------
// includes
// -------------------------------------------------------------------------------------

describe('includes of an untrusted journal', () => {
  const files = {
    '/books/main.journal': 'include part.journal\n',
    '/books/part.journal': '2024-01-01 x\n    assets:cash  1 RUB\n    equity:opening\n',
    '/secret.journal': '2024-01-01 secret\n    assets:vault  1000000 RUB\n    equity:opening\n',
  }

  it('stay inside the root: ../ and absolute paths are IncludeOutsideRoot, at the include line, and nothing outside is read', () => {
    for (const include of [
      '../secret.journal',
      '/secret.journal',
      'sub/../../secret.journal',
      '/books/../secret.journal',
    ]) {
      const result = loadText('/books/main.journal', `; a comment\ninclude ${include}\n`, {
        fileSystem: memory(files),
        root: '/books',
      })
      expect(tags(result), include).toEqual(['IncludeOutsideRoot'])
      expect(E.isLeft(result) && result.left.diagnostics[0]?.span).toMatchObject({
        file: '/books/main.journal',
        line: 2,
        column: 1,
      })
      expect(E.isLeft(result) && [...result.left.sources.keys()]).toEqual(['/books/main.journal'])
    }
    expect(
      tags(loadText('/books/main.journal', 'include part.journal\n', { fileSystem: memory(files), root: '/books' })),
    ).toEqual([])
    // Without a root, any path may be included (the CLI's trusted mode).
    expect(tags(loadText('/books/main.journal', 'include ../secret.journal\n', { fileSystem: memory(files) }))).toEqual(
      [],
    )
  })

  it('stay inside the root on disk: a symbolic link (to a file or a directory) that leaves the root is refused', () => {
    const root = realpathSync(mkdtempSync(join(temporary, 'root-')))
    const outside = realpathSync(mkdtempSync(join(temporary, 'outside-')))
    writeFileSync(join(outside, 'secret.journal'), files['/secret.journal'])
    writeFileSync(join(root, 'part.journal'), files['/books/part.journal'])
    symlinkSync(join(outside, 'secret.journal'), join(root, 'link.journal'))
    symlinkSync(outside, join(root, 'dir'))
    symlinkSync(join(root, 'part.journal'), join(root, 'inside.journal'))
    const load = (include: string) => {
      writeFileSync(join(root, 'main.journal'), `include ${include}\n`)
      return loadFile(join(root, 'main.journal'), { fileSystem: nodeFileSystem, root })
    }
    expect(tags(load('link.journal'))).toEqual(['IncludeOutsideRoot'])
    expect(tags(load('dir/secret.journal'))).toEqual(['IncludeOutsideRoot'])
    expect(tags(load('../' + outside.split('/').at(-1) + '/secret.journal'))).toEqual(['IncludeOutsideRoot'])
    expect(tags(load(join(outside, 'secret.journal')))).toEqual(['IncludeOutsideRoot'])
    // A link that stays inside the root is fine.
    expect(tags(load('inside.journal'))).toEqual([])
  })

  it(`are nested at most includeDepthMax (${includeDepthMax}) deep: at it the load succeeds, one past it is IncludeTooDeep`, () => {
    const chain = (depth: number): FileSystem => {
      const files: Record<string, string> = {}
      for (let level = 1; level <= depth; level++)
        files[`/d/${level}.journal`] =
          level < depth ? `include ${level + 1}.journal\n` : '2024-01-01 x\n    a  1 RUB\n    b\n'
      return memory(files)
    }
    expect(tags(loadText('/d/0.journal', 'include 1.journal\n', { fileSystem: chain(includeDepthMax) }))).toEqual([])
    const past = loadText('/d/0.journal', 'include 1.journal\n', { fileSystem: chain(includeDepthMax + 1) })
    expect(tags(past)).toEqual(['IncludeTooDeep'])
    expect(E.isLeft(past) && past.left.diagnostics[0]?.span?.file).toBe(`/d/${includeDepthMax}.journal`)
  })

  it('are read at most bytesMax bytes in all: at it the load succeeds, one byte past it is JournalTooLarge', () => {
    const part = '2024-01-01 x\n    a  1 RUB\n    b\n'
    const main = 'include part.journal\n'
    const files = memory({ '/j/main.journal': main, '/j/part.journal': part })
    const bytes = main.length + part.length
    expect(tags(loadFile('/j/main.journal', { fileSystem: files, bytesMax: bytes }))).toEqual([])
    const past = loadFile('/j/main.journal', { fileSystem: files, bytesMax: bytes - 1 })
    expect(tags(past)).toEqual(['JournalTooLarge'])
    expect(E.isLeft(past) && past.left.diagnostics[0]?.message).toBe(
      `/j/part.journal is ${bytes} bytes; at most ${bytes - 1} are allowed in one load`,
    )
    // Bytes, not characters: a multi-byte name counts for its UTF-8 length.
    const wide = memory({ '/w.journal': '; ёжик\n' })
    expect(tags(loadFile('/w.journal', { fileSystem: wide, bytesMax: 11 }))).toEqual([])
    expect(tags(loadFile('/w.journal', { fileSystem: wide, bytesMax: 10 }))).toEqual(['JournalTooLarge'])
  })

  it('cannot loop: a file including itself, a cycle of three, and a diamond (not a cycle) are told apart', () => {
    expect(tags(loadFile('/c/a.journal', { fileSystem: memory({ '/c/a.journal': 'include a.journal\n' }) }))).toEqual([
      'IncludeCycle',
    ])
    const three = memory({
      '/c/a.journal': 'include b.journal\n',
      '/c/b.journal': 'include c.journal\n',
      '/c/c.journal': 'include ./a.journal\n',
    })
    const cycle = loadFile('/c/a.journal', { fileSystem: three })
    expect(tags(cycle)).toEqual(['IncludeCycle'])
    expect(E.isLeft(cycle) && cycle.left.diagnostics[0]?.span).toMatchObject({ file: '/c/c.journal', line: 1 })
    const diamond = memory({
      '/c/a.journal': 'include b.journal\ninclude c.journal\n',
      '/c/b.journal': 'include d.journal\n',
      '/c/c.journal': 'include d.journal\n',
      '/c/d.journal': '; shared\n',
    })
    expect(tags(loadFile('/c/a.journal', { fileSystem: diamond }))).toEqual([])
  })
})

// -------------------------------------------------------------------------------------
// names that are special in JavaScript
// -------------------------------------------------------------------------------------

describe('names that are special in JavaScript', () => {
  const special = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']
  const journal = [
    'entity constructor',
    'entity toString',
    'entity hasOwnProperty',
    'commodity __proto__',
    '    format 1,000.00 __proto__',
    'commodity constructor',
    '    kind: goods',
    'account __proto__:cash  ; type: A',
    '',
    ...special.map((name, index) =>
      [
        `2024-01-0${index + 1} ${name}  ; ${name}: ${name}, __proto__: polluted`,
        `    ${name}:toString          10.00 __proto__  [2 constructor]  ; hasOwnProperty: yes`,
        `    constructor:assets:${name}  -10.00 __proto__  [-2 constructor]`,
        `    toString:${name}             5 RUB`,
        `    hasOwnProperty:${name}`,
        '',
      ].join('\n'),
    ),
  ].join('\n')

  it('work as accounts, tags, entities and commodities: balances, tags and declarations are as written', () => {
    const loaded = ok(text('special.journal', journal))
    expect([...loaded.ledger.declarations.entities.keys()].sort()).toEqual([
      'constructor',
      'hasOwnProperty',
      'toString',
    ])
    expect(Ledger.commodity(loaded.ledger, '__proto__' as never).kind).toBe('money')
    expect(Ledger.commodityKind(loaded.ledger, 'constructor' as never)).toBe('goods')
    const money = Query.trialBalance(loaded.ledger, { book: 'money' })
    expect(money.totals.every((amount) => Quantity.isZero(amount.quantity))).toBe(true)
    const rows = new Map(
      money.rows.map((row) => [`${row.account} ${row.amount.commodity}`, Quantity.toString(row.amount.quantity)]),
    )
    for (const name of special) {
      expect(rows.get(`${name}:toString __proto__`), name).toBe('10')
      expect(rows.get(`constructor:assets:${name} __proto__`), name).toBe('-10')
      expect(rows.get(`hasOwnProperty:${name} RUB`), name).toBe('-5')
    }
    const goods = Query.trialBalance(loaded.ledger, { book: 'goods' })
    expect(goods.rows.filter((row) => row.amount.commodity === 'constructor')).toHaveLength(special.length * 2)
    const transactions = Ledger.transactions(loaded.ledger)
    expect(transactions.map((transaction) => transaction.description)).toEqual(special)
    expect(transactions[0]?.tags).toEqual([
      { name: '__proto__', value: '__proto__' },
      { name: '__proto__', value: 'polluted' },
    ])
    expect(transactions[0]?.postings[0]?.tags).toEqual([{ name: 'hasOwnProperty', value: 'yes' }])
    // The entity named `constructor` owns the `constructor:` accounts.
    expect(transactions[0]?.postings[1]?.entity).toBe('constructor')
    // Nothing leaked onto the prototypes.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.hasOwn(Object.prototype, 'yes')).toBe(false)
  })

  it('work in the reports (table, CSV, JSON) and as the --entity filter', async () => {
    const file = join(temporary, 'special.journal')
    writeFileSync(file, journal)
    for (const output of ['table', 'csv', 'json']) {
      const { code, stdout, stderr } = await runCli(['balance', file, '--output', output])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      for (const name of special) expect(stdout, `${output}: ${name}`).toContain(`${name}:toString`)
    }
    const json = JSON.parse((await runCli(['balance', file, '--output', 'json'])).stdout) as {
      readonly rows: ReadonlyArray<{ readonly account: string }>
    }
    expect(json.rows.map((row) => row.account)).toContain('__proto__:toString')
    const filtered = await runCli(['balance', file, '--entity', 'constructor', '--output', 'csv'])
    expect(filtered.code).toBe(0)
    expect(
      filtered.stdout
        .split('\n')
        .slice(1, -1)
        .every((line) => line.startsWith('constructor:')),
    ).toBe(true)
    expect((await runCli(['register', file, '__proto__', '--output', 'json'])).code).toBe(0)
    expect((await runCli(['print', file])).stdout).toContain('__proto__:toString')
  })

  it('in operation lines are unknown words, never the object prototype (a located error, not a crash or a silent no-op)', () => {
    const declarations = 'entity kirov\nentity abtu\ncommodity RUB\n    format 1,000.00 RUB\n\n'
    for (const name of special) {
      for (const line of [
        `1936-06-10 demand PD-1 kirov -> abtu 1.00 RUB ${name} x`,
        `1936-06-20 bill B-1 ${name}`,
        `1936-06-10 refuse PD-1 ground ${name}`,
        `1936-06-10 demand PD-1 kirov -> abtu 1.00 RUB\n    ${name}: x`,
      ]) {
        const result = text('op.journal', `${declarations}${line}\n`)
        expect(E.isLeft(result), line).toBe(true)
        expect(tags(result).length, line).toBeGreaterThan(0)
        expect(
          tags(result).every((tag) =>
            ['UnexpectedOperationArgument', 'UnknownOperationForm', 'InvalidOperationValue'].includes(tag),
          ),
          `${line}: ${tags(result).join(', ')}`,
        ).toBe(true)
      }
    }
  })

  it('as an entity, `__proto__` is refused like any name starting with "_" (InvalidEntityName), located', () => {
    const result = text('e.journal', 'entity __proto__\n')
    expect(tags(result)).toEqual(['InvalidEntityName'])
  })
})

// -------------------------------------------------------------------------------------
// 100 kB lines through every parser path
// -------------------------------------------------------------------------------------

describe('a 100 kB line', () => {
  const context = 'entity kirov\ncommodity RUB\n    format 1,000.00 RUB\ncommodity T28\n    kind: goods\n\n'
  /** One template per kind of line; `X` is replaced by the filler. */
  const templates = [
    '; X',
    '# X',
    '* X',
    'comment\nX\nend comment',
    '2024-01-01 X\n    a  1 RUB\n    b',
    '2024-01-01 * (X) y\n    a  1 RUB\n    b',
    '2024-01-01=X y\n    a  1 RUB\n    b',
    '2024-01-01 y  ; X\n    a  1 RUB\n    b',
    '2024-01-01 y\n    X  1 RUB\n    b',
    '2024-01-01 y\n    a  X RUB\n    b',
    '2024-01-01 y\n    a  1 X\n    b',
    '2024-01-01 y\n    a  1 RUB  [X T28]\n    b',
    '2024-01-01 y\n    a  1 RUB = X RUB\n    b',
    '2024-01-01 y\n    a  1 RUB  ; X\n    b',
    '2024-01-01 y\n    ; X\n    a  1 RUB\n    b',
    'account X',
    'account a  ; type: X',
    'commodity X',
    'commodity RUB\n    format X',
    'entity X',
    'entity kirov\n    title: X',
    'include X',
    'P 2024-01-01 X',
    'decimal-mark X',
    'payee X',
    'Y X',
    'alias X',
    'plan 1936 kirov X',
    'plan X kirov wage-fund 1.00 RUB',
    'norm 1936 kirov working-capital X',
    'limit 1936 kirov credit:X 1.00 RUB',
    'count 1936-12-31 X',
    'count 1936-12-31 kirov:assets:finished  0 T28  ; id: X',
    'reported 1936 kirov X',
    'param X',
    'param a.b X',
    'expect X',
    'expect r kirov X',
    '1936-06-10 demand X',
    '1936-06-10 demand PD-1 kirov -> X',
    '1936-06-10 bill B-1 X',
    '1936-06-10 refuse PD-1 ground "X"',
    '1936-06-10 demand PD-1 kirov -> kirov 1.00 RUB\n    purpose: X',
    '~ X',
    '= X',
  ]
  const fillers = ['x', '1', ' ', ':', '"', '[', '~', ',', '->', 'a ', '\t', '1,', '-', ';', '=', '.', 'é']
  const sizes = [100_000, journalLimits.lineLengthMax - 10]

  it(`through every kind of line (${templates.length} kinds × ${fillers.length} fillers × 2 sizes) finishes fast, with located errors and no exception`, () => {
    let slowest = { ms: 0, what: '' }
    let total = 0
    for (const template of templates) {
      for (const filler of fillers) {
        for (const size of sizes) {
          const long = filler.repeat(Math.ceil(size / filler.length)).slice(0, size)
          const journal = `${context}${template.replace('X', long)}\n`
          const started = performance.now()
          const result = text('long.journal', journal)
          const failure = E.isLeft(result) ? result.left : undefined
          if (failure !== undefined)
            for (const diagnostic of failure.diagnostics) Diagnostic.render(diagnostic, failure.sources)
          const elapsed = performance.now() - started
          total += elapsed
          if (elapsed > slowest.ms) slowest = { ms: elapsed, what: `${template} / ${JSON.stringify(filler)} / ${size}` }
          // Lines inside a `comment` … `end comment` block are skipped unread (as hledger does).
          if (size > journalLimits.lineLengthMax && !template.startsWith('comment'))
            expect(tags(result), `${template} / ${JSON.stringify(filler)}`).toContain('LineTooLong')
          const diagnostics = failure?.diagnostics ?? []
          for (const diagnostic of diagnostics) expect(diagnostic.span?.line, diagnostic.tag).toBeGreaterThan(0)
        }
      }
    }
    expect(slowest.ms, slowest.what).toBeLessThan(1_000)
    expect(total).toBeLessThan(30_000)
  })
})

// -------------------------------------------------------------------------------------
// named limits, at and just past
// -------------------------------------------------------------------------------------

describe('named limits', () => {
  const posting = (amount: string) => `2024-01-01 x\n    assets:cash  ${amount}\n    equity:opening\n`
  const postings = (count: number) => `2024-01-01 x\n${'    a  1 RUB\n'.repeat(count - 1)}    b\n`
  const account = (name: string) => `2024-01-01 x\n    ${name}  1 RUB\n    equity:opening\n`
  const unbalanced = (count: number) =>
    Array.from({ length: count }, (_, index) => `2024-01-01 t${index}\n    a  1 RUB\n    b  -2 RUB\n`).join('\n')
  const chain = (depth: number) => {
    const files: Record<string, string> = {}
    for (let level = 1; level <= depth; level++)
      files[`/d/${level}.journal`] = level < depth ? `include ${level + 1}.journal\n` : '; bottom\n'
    return memory(files)
  }

  /** name, value, the load at the value, the load one past it, and the tag past it. */
  const cases: ReadonlyArray<{
    readonly name: string
    readonly value: number
    readonly at: () => E.Either<LoadFailure, Loaded>
    readonly past: () => E.Either<LoadFailure, Loaded>
    readonly tag: string
  }> = [
    {
      name: 'quantityDigitsMax',
      value: journalLimits.quantityDigitsMax,
      at: () => text('t', posting(`${'1'.repeat(58)}.11 RUB`)),
      past: () => text('t', posting(`${'1'.repeat(59)}.11 RUB`)),
      tag: 'AmountTooLong',
    },
    {
      name: 'quantityScaleMax',
      value: coreLimits.quantityScaleMax,
      at: () => text('t', posting(`0.${'0'.repeat(29)}1 RUB`)),
      past: () => text('t', posting(`0.${'0'.repeat(30)}1 RUB`)),
      tag: 'InvalidQuantity',
    },
    {
      name: 'postingsPerTransactionMax',
      value: journalLimits.postingsPerTransactionMax,
      at: () => text('t', postings(journalLimits.postingsPerTransactionMax)),
      past: () => text('t', postings(journalLimits.postingsPerTransactionMax + 1)),
      tag: 'TooManyPostings',
    },
    {
      name: 'lineLengthMax',
      value: journalLimits.lineLengthMax,
      at: () => text('t', `;${'x'.repeat(journalLimits.lineLengthMax - 1)}\n`),
      past: () => text('t', `;${'x'.repeat(journalLimits.lineLengthMax)}\n`),
      tag: 'LineTooLong',
    },
    {
      name: 'accountNameLengthMax',
      value: journalLimits.accountNameLengthMax,
      at: () => text('t', account('a'.repeat(journalLimits.accountNameLengthMax))),
      past: () => text('t', account('a'.repeat(journalLimits.accountNameLengthMax + 1))),
      tag: 'InvalidAccountName',
    },
    {
      name: 'accountDepthMax',
      value: coreLimits.accountDepthMax,
      at: () => text('t', account(Array(coreLimits.accountDepthMax).fill('a').join(':'))),
      past: () =>
        text(
          't',
          account(
            Array(coreLimits.accountDepthMax + 1)
              .fill('a')
              .join(':'),
          ),
        ),
      tag: 'InvalidAccountName',
    },
    {
      name: 'commoditySymbolLengthMax',
      value: journalLimits.commoditySymbolLengthMax,
      at: () => text('t', posting(`1 ${'R'.repeat(journalLimits.commoditySymbolLengthMax)}`)),
      past: () => text('t', posting(`1 ${'R'.repeat(journalLimits.commoditySymbolLengthMax + 1)}`)),
      tag: 'BadCommodity',
    },
    {
      name: 'yearMax',
      value: journalLimits.yearMax,
      at: () => text('t', '9999-12-31 x\n    a  1 RUB\n    b\n'),
      past: () => text('t', '10000-01-01 x\n    a  1 RUB\n    b\n'),
      tag: 'InvalidDate',
    },
    {
      name: 'yearMin',
      value: journalLimits.yearMin,
      at: () => text('t', '0001-01-01 x\n    a  1 RUB\n    b\n'),
      past: () => text('t', '0000-12-31 x\n    a  1 RUB\n    b\n'),
      tag: 'InvalidDate',
    },
    {
      name: 'parseErrorsMax (errors per file)',
      value: journalLimits.parseErrorsMax,
      at: () => text('t', 'bad\n'.repeat(journalLimits.parseErrorsMax)),
      past: () => text('t', 'bad\n'.repeat(journalLimits.parseErrorsMax + 1)),
      tag: 'TooManyErrors',
    },
    {
      name: 'includeDepthMax',
      value: includeDepthMax,
      at: () => loadText('/d/0.journal', 'include 1.journal\n', { fileSystem: chain(includeDepthMax) }),
      past: () => loadText('/d/0.journal', 'include 1.journal\n', { fileSystem: chain(includeDepthMax + 1) }),
      tag: 'IncludeTooDeep',
    },
    {
      name: 'bytesMax (journal size)',
      value: 100,
      at: () => loadFile('/s.journal', { fileSystem: memory({ '/s.journal': `;${'x'.repeat(98)}\n` }), bytesMax: 100 }),
      past: () =>
        loadFile('/s.journal', { fileSystem: memory({ '/s.journal': `;${'x'.repeat(99)}\n` }), bytesMax: 100 }),
      tag: 'JournalTooLarge',
    },
  ]

  for (const limit of cases) {
    it(`${limit.name} (${limit.value}): no ${limit.tag} at it, ${limit.tag} just past it`, () => {
      expect(tags(limit.at())).not.toContain(limit.tag)
      expect(tags(limit.past())).toContain(limit.tag)
    })
  }

  it('every named limit of core/limits.ts and journal/limits.ts is in the table above (or in the load options)', () => {
    const tested = new Set(cases.map((limit) => limit.name.split(' ')[0]))
    for (const name of [...Object.keys(coreLimits), ...Object.keys(journalLimits)]) expect(tested, name).toContain(name)
  })

  it(`diagnosticsMax (${diagnosticsMax}): a load reports at most that many diagnostics`, () => {
    const at = text('t', unbalanced(diagnosticsMax))
    expect(tags(at)).toEqual(Array(diagnosticsMax).fill('UnbalancedTransaction'))
    const past = text('t', unbalanced(diagnosticsMax + 1))
    expect(tags(past)).toHaveLength(diagnosticsMax)
  })

  it('parseErrorsMax: at it every error is reported without TooManyErrors; past it the 101st is TooManyErrors', () => {
    expect(tags(text('t', 'bad\n'.repeat(journalLimits.parseErrorsMax)))).toEqual(
      Array(journalLimits.parseErrorsMax).fill('UnknownDirective'),
    )
    expect(tags(text('t', 'bad\n'.repeat(journalLimits.parseErrorsMax + 1))).at(-1)).toBe('TooManyErrors')
  })

  it('the quantity limit counts digits, not characters: 60 digits with groups and a sign load', () => {
    const digits = '123456789012345678901234567890123456789012345678901234567890'
    expect(tags(text('t', posting(`-${digits.replace(/(\d{3})(?=\d)/gu, '$1,')}. RUB`)))).not.toContain('AmountTooLong')
  })
})

// -------------------------------------------------------------------------------------
// CSV output
// -------------------------------------------------------------------------------------

describe('CSV output', () => {
  it('neutralizes cells a spreadsheet would run as a formula (= + - @), keeping negative amounts as numbers', async () => {
    const file = join(temporary, 'formula.journal')
    mkdirSync(temporary, { recursive: true })
    writeFileSync(
      file,
      [
        '2024-01-01 =HYPERLINK("http://example.invalid","x")',
        '    =a  1 RUB',
        '    +b  -1 RUB',
        '',
        '2024-01-02 +1+1',
        '    @c  1 RUB',
        '    -d',
        '',
        '2024-01-03 @SUM(A1:A9)',
        '    e  1 "=X"',
        '    f',
        '',
        '2024-01-04 -2+3',
        '    e  1 RUB',
        '    f',
        '',
      ].join('\n'),
    )
    const balance = await runCli(['balance', file, '--output', 'csv'])
    expect(balance.code).toBe(0)
    const register = await runCli(['register', file, '--output', 'csv'])
    expect(register.code).toBe(0)
    for (const csv of [balance.stdout, register.stdout]) {
      for (const line of csv.trim().split('\n').slice(1)) {
        const cells =
          line
            .match(/("([^"]|"")*"|[^,]*)(,|$)/gu)
            ?.map((cell) => cell.replace(/,$/u, '').replace(/^"(.*)"$/u, '$1')) ?? []
        for (const cell of cells) {
          if (/^-?\d+(\.\d+)?$/u.test(cell)) continue // an amount, or a line number
          expect(cell, line).not.toMatch(/^[=+\-@\t\r]/u)
        }
      }
    }
    expect(balance.stdout).toContain("'=a,RUB,1")
    expect(balance.stdout).toContain("'+b,RUB,-1")
    expect(register.stdout).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`)
    expect(register.stdout).toContain("'@SUM(A1:A9)")
    expect(register.stdout).toContain("'-2+3")
    expect(register.stdout).toContain(",'=X,")
  })
})

describe('a foreign file reached by an include', () => {
  it('is not echoed line by line: a file of which no line parses reports its first error only', async () => {
    const { loadText } = await import('../../src/load/Load.js')
    const { memoryFileSystem } = await import('../../src/load/FileSystem.js')
    const secret = Array.from(
      { length: 30 },
      (_, index) => `user${index}:x:${index}:${index}:secret-${index}:/home/user${index}:/bin/sh`,
    ).join('\n')
    const files = new Map([['/etc/passwd', secret]])
    const loaded = loadText('/books/main.journal', 'include /etc/passwd\n', { fileSystem: memoryFileSystem(files) })
    expect(loaded._tag).toBe('Left')
    if (loaded._tag !== 'Left') return
    const inForeign = loaded.left.diagnostics.filter((diagnostic) => diagnostic.span?.file === '/etc/passwd')
    expect(inForeign.length).toBe(1)
    // A journal with some good lines still reports every bad one.
    const mixed = loadText('/books/main.journal', 'junk one\n\n2024-01-01 ok\n    a  1 RUB\n    b\n\njunk two\n', {
      fileSystem: memoryFileSystem(new Map()),
    })
    expect(mixed._tag === 'Left' ? mixed.left.diagnostics.length : 0).toBe(2)
  })
})
