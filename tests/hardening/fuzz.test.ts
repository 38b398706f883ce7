import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as Ledger from '../../src/core/Ledger.js'
import * as Quantity from '../../src/core/Quantity.js'
import * as SourceSpan from '../../src/core/SourceSpan.js'
import type { Transaction } from '../../src/core/Transaction.js'
import * as Apply from '../../src/domain/Apply.js'
import * as Books from '../../src/domain/Books.js'
import { renderDomainError } from '../../src/domain/DomainError.js'
import { OperationCodec } from '../../src/domain/Operation.js'
import * as Diagnostic from '../../src/load/Diagnostic.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { type LoadOptions, loadText } from '../../src/load/Load.js'
import { seedFrom } from '../helpers/seed.js'

const ROOT = resolve(import.meta.dirname, '../..')

/** The CI budget: inputs per property (journals, domain sequences) and the cap per input. */
const journalRuns = 100_000
const domainRuns = 4_000
const timeCapMs = 2_000

const runsFromEnv = process.env['FUZZ_RUNS'] === undefined ? undefined : Number(process.env['FUZZ_RUNS'])

const seedChoice = seedFrom('FUZZ_SEED')
console.log(`fuzz: seed ${seedChoice.seed} (${seedChoice.from})`)
const replay = (): { readonly seed: number; readonly path?: string } => ({
  seed: seedChoice.seed,
  ...(process.env['FUZZ_PATH'] !== undefined ? { path: process.env['FUZZ_PATH'] } : {}),
})

/** Where the long campaign writes counterexamples (`FUZZ_RECORD`), and where every run replays them from. */
const findingsDirectory = join(ROOT, 'tests/hardening/fuzz-findings')

/** A recorded counterexample: a journal (the main text and the files that differ from the seeds) or an operation sequence. */
type Finding =
  | {
      readonly kind: 'journal'
      readonly name: string
      readonly text: string
      readonly files?: Readonly<Record<string, string>>
      readonly root?: string
      readonly bytesMax?: number
    }
  | { readonly kind: 'sequence'; readonly steps: ReadonlyArray<readonly [number, Record<string, unknown>]> }

/** Runs a property; on a counterexample with `FUZZ_RECORD` set, writes it as a fixture first; then fails with fast-check's report. */
const assertRecording = <T>(
  property: fc.IProperty<[T]>,
  parameters: fc.Parameters<[T]>,
  toFinding: (value: T) => Finding,
): void => {
  const details = fc.check(property, parameters)
  if (!details.failed) return
  const record = process.env['FUZZ_RECORD']
  if (record !== undefined && details.counterexample !== null) {
    const finding = toFinding(details.counterexample[0])
    const file = join(
      resolve(ROOT, record),
      `${finding.kind}-${details.seed}-${details.counterexamplePath ?? '0'}.json`.replace(/[^\w.-]/gu, '_'),
    )
    writeFileSync(file, `${JSON.stringify(finding, null, 2)}\n`)
    console.log(`fuzz: counterexample recorded in ${file}`)
  }
  throw new Error(fc.defaultReportMessage(details) ?? 'property failed')
}

/** Figures of this run, for the README's Reliability section (printed at the end). */
const debugTags = new Map<string, number>()
const figures = {
  journals: 0,
  journalsRight: 0,
  journalMs: 0,
  slowestMs: 0,
  operations: 0,
  operationsApplied: 0,
  domainMs: 0,
}

// -------------------------------------------------------------------------------------
// seeds
// -------------------------------------------------------------------------------------

/** Every journal of the seed directories, by repository path. */
const seedFiles = new Map<string, string>()
for (const directory of ['ledgers/examples', 'ledgers/kirov', 'ledgers/compat']) {
  for (const name of readdirSync(join(ROOT, directory)).sort()) {
    if (name.endsWith('.journal'))
      seedFiles.set(`${directory}/${name}`, readFileSync(join(ROOT, directory, name), 'utf8'))
  }
}
const seedNames = [...seedFiles.keys()]

/** Tokens a journal is made of, to put where they do not belong. */
const journalTokens = [
  '2024-01-01',
  '1936-02-29',
  '1900-02-29',
  '9999-12-31',
  '0001-01-01',
  '1936-Q2',
  '1936-13',
  '1936-01-01..1936-07-01',
  '03-31',
  '*',
  '!',
  '(A-1)',
  ';',
  '#',
  '|',
  '=',
  '==',
  '=*',
  '==*',
  '@',
  '@@',
  '->',
  '~',
  '[',
  ']',
  '[4 T28]',
  '{2 USD}',
  '"',
  '""',
  '"T 28"',
  '%',
  '8%',
  '~8%',
  '10',
  '-10',
  '0',
  '1,000.00',
  '1.000,00',
  '1 000 000,00',
  '.5',
  '100.',
  '0.0000000000000000000000000000001',
  'RUB',
  '$',
  'T28',
  'steel',
  '10 RUB',
  '$10',
  '-$10',
  '10RUB',
  '1,000,000.00 RUB',
  '~5 RUB',
  'include',
  'account',
  'commodity',
  'entity',
  'decimal-mark',
  'P',
  'Y',
  'year',
  'payee',
  'comment',
  'end comment',
  'alias',
  'apply',
  'plan',
  'norm',
  'limit',
  'count',
  'reported',
  'param',
  'expect',
  'no',
  'severity',
  'critical',
  'within',
  'demand',
  'accept',
  'refuse',
  'pay',
  'bill',
  'loan',
  'repay',
  'refinance',
  'interest',
  'freeze',
  'unfreeze',
  'launch',
  'complete',
  'ship',
  'kirov',
  'abtu',
  'gosbank',
  'nobody',
  'kirov:assets:bank:current',
  'assets:cash',
  'a:b:c',
  '__proto__',
  'constructor',
  'PD-36-114',
  'B-36-07',
  'L-36-1',
  'lot',
  'cost',
  'rate',
  'term',
  '6m',
  'maturity',
  'ground',
  'partial',
  'full',
  'source: TsGIA SPb. F.P-960',
  'type: Q',
  'kind: goods',
  'unit: tank',
  'sector: alien',
  'format 1,000.00 RUB',
]

// -------------------------------------------------------------------------------------
// mutations
// -------------------------------------------------------------------------------------

type Mutation =
  | { readonly _tag: 'deleteLine'; readonly at: number }
  | { readonly _tag: 'duplicateLine'; readonly at: number; readonly times: number }
  | { readonly _tag: 'swapLines'; readonly a: number; readonly b: number }
  | { readonly _tag: 'swapTokens'; readonly a: number; readonly b: number }
  | { readonly _tag: 'replaceToken'; readonly at: number; readonly token: string }
  | { readonly _tag: 'insertToken'; readonly at: number; readonly token: string }
  | { readonly _tag: 'inflateNumber'; readonly at: number; readonly digits: number; readonly fraction: boolean }
  | { readonly _tag: 'invalidUtf8'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly _tag: 'insertText'; readonly at: number; readonly text: string }
  | { readonly _tag: 'crlf' }
  | { readonly _tag: 'bom' }
  | { readonly _tag: 'longLine'; readonly at: number; readonly length: number }
  | { readonly _tag: 'truncate'; readonly at: number }
  | { readonly _tag: 'includeChain'; readonly depth: number; readonly cycle: boolean; readonly escape: boolean }

const position = fc.nat({ max: 1_000_000 })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: position.map((at) => ({ _tag: 'deleteLine' as const, at })) },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('duplicateLine' as const),
      at: position,
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant('swapLines' as const), a: position, b: position }) },
  { weight: 3, arbitrary: fc.record({ _tag: fc.constant('swapTokens' as const), a: position, b: position }) },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant('replaceToken' as const),
      at: position,
      token: fc.constantFrom(...journalTokens),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('insertToken' as const),
      at: position,
      token: fc.constantFrom(...journalTokens),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('inflateNumber' as const),
      at: position,
      digits: fc.oneof(fc.constantFrom(59, 60, 61, 300), fc.integer({ min: 1_000, max: 5_000 })),
      fraction: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('invalidUtf8' as const),
      at: position,
      bytes: fc.uint8Array({ min: 0x80, max: 0xff, minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('insertText' as const),
      at: position,
      text: fc.oneof(
        fc.constantFrom('\0', '\r', '\t', '\u0007', '\ufeff', '\ud800', '\u202e', '\n\n', '\n    ', '"', ';'),
        fc.string({ unit: 'binary', maxLength: 8 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ _tag: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ _tag: 'bom' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('longLine' as const),
      at: position,
      length: fc.constantFrom(9_999, 10_000, 10_001, 100_000),
    }),
  },
  { weight: 1, arbitrary: position.map((at) => ({ _tag: 'truncate' as const, at })) },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('includeChain' as const),
      depth: fc.integer({ min: 1, max: 40 }),
      cycle: fc.boolean(),
      escape: fc.boolean(),
    }),
  },
)

/** A line's tokens and the whitespace between them, so that joining them gives the line back. */
const tokensOf = (line: string): string[] => line.split(/(\s+)/u)

interface Input {
  readonly name: string
  readonly text: string
  readonly files: ReadonlyMap<string, string>
  readonly root?: string
  readonly bytesMax?: number
}

const mutate = (input: Input, change: Mutation): Input => {
  const lines = input.text.split('\n')
  const line = (at: number) => at % lines.length
  const withLines = (next: ReadonlyArray<string>): Input => ({ ...input, text: next.join('\n') })
  switch (change._tag) {
    case 'deleteLine':
      return withLines(lines.filter((_, index) => index !== line(change.at)))
    case 'duplicateLine': {
      const index = line(change.at)
      return withLines([
        ...lines.slice(0, index + 1),
        ...Array<string>(change.times).fill(lines[index] ?? ''),
        ...lines.slice(index + 1),
      ])
    }
    case 'swapLines': {
      const next = [...lines]
      const a = line(change.a)
      const b = line(change.b)
      ;[next[a], next[b]] = [next[b] ?? '', next[a] ?? '']
      return withLines(next)
    }
    case 'swapTokens': {
      const a = line(change.a)
      const b = line(change.b)
      const first = tokensOf(lines[a] ?? '')
      const second = a === b ? first : tokensOf(lines[b] ?? '')
      const i = (change.a >> 4) % first.length
      const j = (change.b >> 4) % second.length
      const token = first[i] ?? ''
      first[i] = second[j] ?? ''
      second[j] = token
      const next = [...lines]
      next[a] = first.join('')
      next[b] = second.join('')
      return withLines(next)
    }
    case 'replaceToken':
    case 'insertToken': {
      const index = line(change.at)
      const tokens = tokensOf(lines[index] ?? '')
      const at = (change.at >> 4) % tokens.length
      if (change._tag === 'replaceToken') tokens[at] = change.token
      else tokens.splice(at, 0, change.token, ' ')
      const next = [...lines]
      next[index] = tokens.join('')
      return withLines(next)
    }
    case 'inflateNumber': {
      const numbers = [...input.text.matchAll(/\d+/gu)]
      if (numbers.length === 0) return input
      const found = numbers[change.at % numbers.length] as RegExpMatchArray
      const start = found.index ?? 0
      const digits = `${'9'.repeat(change.digits)}${change.fraction ? `.${'1'.repeat(change.digits >> 1)}` : ''}`
      return { ...input, text: `${input.text.slice(0, start)}${digits}${input.text.slice(start + found[0].length)}` }
    }
    case 'invalidUtf8': {
      const bytes = new TextEncoder().encode(input.text)
      const at = change.at % (bytes.length + 1)
      const spliced = new Uint8Array(bytes.length + change.bytes.length)
      spliced.set(bytes.subarray(0, at), 0)
      spliced.set(change.bytes, at)
      spliced.set(bytes.subarray(at), at + change.bytes.length)
      return { ...input, text: new TextDecoder('utf-8').decode(spliced) }
    }
    case 'insertText': {
      const at = change.at % (input.text.length + 1)
      return { ...input, text: `${input.text.slice(0, at)}${change.text}${input.text.slice(at)}` }
    }
    case 'crlf':
      return { ...input, text: input.text.replace(/\r?\n/gu, '\r\n') }
    case 'bom':
      return { ...input, text: `\ufeff${input.text}` }
    case 'longLine': {
      const index = line(change.at)
      const base = lines[index] === undefined || lines[index] === '' ? '; x' : (lines[index] as string)
      const next = [...lines]
      next[index] = base.repeat(Math.ceil(change.length / base.length)).slice(0, change.length)
      return withLines(next)
    }
    case 'truncate':
      return { ...input, text: input.text.slice(0, change.at % (input.text.length + 1)) }
    case 'includeChain': {
      // chain/1 … chain/N, each including the next; the last includes the first (a cycle), or
      // a path outside the root (with a root set), or a seed journal.
      const files = new Map(input.files)
      for (let level = 1; level <= change.depth; level++) {
        const next =
          level < change.depth
            ? `${level + 1}.journal`
            : change.cycle
              ? '1.journal'
              : change.escape
                ? '../../../etc/passwd'
                : `/${seedNames[change.depth % seedNames.length]}`
        files.set(`/chain/${level}.journal`, `; level ${level}\ninclude ${next}\n`)
      }
      return {
        ...input,
        files,
        text: `include /chain/1.journal\n${input.text}`,
        ...(change.escape ? { root: '/chain' } : {}),
      }
    }
  }
}

/** A seed journal and the mutations to apply (what fast-check prints for a counterexample). */
const journalCase = fc.record({
  seed: fc.constantFrom(...seedNames),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  bytesMax: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined, freq: 10 }),
})

const seedFileSystem = new Map<string, string>()
for (const [name, text] of seedFiles) seedFileSystem.set(`/${name}`, text)

const inputOf = ({
  seed,
  mutations,
  bytesMax,
}: {
  readonly seed: string
  readonly mutations: ReadonlyArray<Mutation>
  readonly bytesMax: number | undefined
}): Input =>
  mutations.reduce(mutate, {
    name: `/${seed}`,
    text: seedFiles.get(seed) ?? '',
    files: seedFileSystem,
    ...(bytesMax !== undefined ? { bytesMax } : {}),
  })

// -------------------------------------------------------------------------------------
// invariants
// -------------------------------------------------------------------------------------

/**
 * Money per commodity over the whole ledger and in each transaction: all zero. (A plain journal
 * transaction may move money between entities; operations balance per entity too, checked below.)
 */
/**
 * Every transaction balances as hledger balances it: the real postings and the `[…]` postings each
 * sum to zero per commodity, counting a cost in place of its amount, or are a two-commodity
 * exchange without costs (an implicit conversion); `(…)` postings are outside. The money book sums
 * to zero over the transactions that balance per commodity.
 */
const moneyBalances = (ledger: Ledger.Ledger): string | undefined => {
  const totals = new Map<string, Quantity.Quantity>()
  for (const transaction of Ledger.transactions(ledger)) {
    const groups = [new Map<string, Quantity.Quantity>(), new Map<string, Quantity.Quantity>()]
    const costed = [false, false]
    let exchange = false
    for (const posting of transaction.postings) {
      if (posting.money === undefined) continue
      if (posting.virtual !== undefined || posting.cost !== undefined) exchange = true
      if (posting.virtual === 'unbalanced') continue
      const group = posting.virtual === 'balanced' ? 1 : 0
      const weight = posting.cost ?? posting.money
      if (posting.cost !== undefined) costed[group] = true
      const own = groups[group] as Map<string, Quantity.Quantity>
      own.set(weight.commodity, Quantity.add(own.get(weight.commodity) ?? Quantity.zero, weight.quantity))
    }
    for (const [group, own] of groups.entries()) {
      const nonZero = [...own].filter(([, sum]) => !Quantity.isZero(sum))
      if (nonZero.length === 0) continue
      const conversion =
        nonZero.length === 2 && !costed[group] && Quantity.sign(nonZero[0]![1]) !== Quantity.sign(nonZero[1]![1])
      if (!conversion)
        return `transaction ${transaction.index} (${transaction.span.file}:${transaction.span.line}): ${nonZero[0]![0]} sums to ${Quantity.toString(nonZero[0]![1])}`
      exchange = true
    }
    if (exchange) continue
    for (const posting of transaction.postings) {
      if (posting.money !== undefined)
        totals.set(
          posting.money.commodity,
          Quantity.add(totals.get(posting.money.commodity) ?? Quantity.zero, posting.money.quantity),
        )
    }
  }
  for (const [commodity, sum] of totals)
    if (!Quantity.isZero(sum)) return `the money book sums to ${Quantity.toString(sum)} ${commodity}`
  return undefined
}

const checkLoad = (input: Input): void => {
  const options: LoadOptions = {
    fileSystem: memoryFileSystem(input.files),
    ...(input.root !== undefined ? { root: input.root } : {}),
    ...(input.bytesMax !== undefined ? { bytesMax: input.bytesMax } : {}),
  }
  const started = performance.now()
  const result = loadText(input.name, input.text, options)
  const elapsed = performance.now() - started
  figures.journals++
  figures.journalMs += elapsed
  figures.slowestMs = Math.max(figures.slowestMs, elapsed)
  if (elapsed > timeCapMs) throw new Error(`load took ${Math.round(elapsed)} ms (cap ${timeCapMs} ms)`)
  const sources = E.isLeft(result) ? result.left.sources : result.right.sources
  const diagnostics = E.isLeft(result) ? result.left.diagnostics : result.right.warnings
  if (E.isLeft(result) && !diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    throw new Error('a failed load without an error')
  for (const diagnostic of diagnostics) {
    const span = diagnostic.span
    if (span === undefined || span.line < 1 || span.column < 1 || !sources.has(span.file))
      throw new Error(`unlocated diagnostic ${JSON.stringify(diagnostic)}`)
    const rendered = Diagnostic.render(diagnostic, sources)
    if (
      !rendered.startsWith(`${span.file}:${span.line}:${span.column}: ${diagnostic.severity}: `) ||
      !rendered.includes(`(${diagnostic.tag})`)
    )
      throw new Error(`bad rendering: ${rendered.slice(0, 300)}`)
  }
  if (E.isRight(result)) {
    figures.journalsRight++
    const broken = moneyBalances(result.right.ledger)
    if (broken !== undefined) throw new Error(broken)
  }
}

// -------------------------------------------------------------------------------------
// domain operations
// -------------------------------------------------------------------------------------

const entities = ['kirov', 'abtu', 'gosbank', 'sberkassa', 'procurer']
const entityPool = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...entities, 'kirov', 'kirov', 'abtu') },
  { weight: 1, arbitrary: fc.constant('ghost') },
)
const idPool = fc.constantFrom(
  'L1',
  'L2',
  'S1',
  'S2',
  'P1',
  'P2',
  'P3',
  'B1',
  'B2',
  'G1',
  'G2',
  'G3',
  'C1',
  'CL1',
  'PA1',
  'FA1',
  'RW1',
  'BON1',
  'CNT1',
  'X9',
)
/** Mostly an id of the right kind (live or new), sometimes any id (wrong kind, unknown). */
const ids = (...own: ReadonlyArray<string>) =>
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: idPool })
const demandId = ids('P1', 'P2', 'P3')
const billId = ids('B1', 'B2')
const loanId = ids('G1', 'G2', 'G3')
const claimId = ids('CL1', 'CL2')
const contractId = ids('C1', 'C2')
const shipmentId = ids('S1', 'S2', 'S3')
const newId = fc.integer({ min: 0, max: 200 }).map((n) => `N${n}`)
const moneyPool = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .bigInt({ min: 1n, max: 5_000_000_00n })
      .map((kopecks) => Quantity.toString(Quantity.unsafeFromBigInt(kopecks, 2))),
  },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '-5.00', '1.005', `${'9'.repeat(48)}.99`, '0.01', '380000.00') },
)
const unitPool = fc.constantFrom('1', '2', '3', '5', '10', '12', '0', '-1', '1.5')
const commodityPool = fc.constantFrom('T28', 'T28', 'steel', 'RUB', 'ZZZ')
const goodsPool = fc.record({ commodity: commodityPool, quantity: unitPool })
const ratePool = fc.constantFrom('0.06', '0.08', '0.09', '0', '-0.01', '2')
const termPool = fc.constantFrom(1, 6, 12, 120, 0, -1, 10_000)
const serialsPool = fc.subarray(['U1', 'U2', 'U3', 'U4'], { maxLength: 3 })
const accountPool = fc.constantFrom(
  'kirov:assets:finished:L1',
  'kirov:assets:wip:L1',
  'kirov:assets:bank:current',
  'abtu:assets:bank:current',
  'procurer:assets:savings',
  'nobody:assets:x',
)
const groundPool = fc.constantFrom(...Books.refusalGrounds)

/** Operation fields without `date`, as JSON (decoded with OperationCodec, which also rejects some). */
const operationJson: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ _tag: fc.constant('ReceiveMaterials'), entity: entityPool, goods: goodsPool, cost: moneyPool }),
  fc.record({ _tag: fc.constant('LaunchWip'), entity: entityPool, goods: goodsPool, lot: fc.constantFrom('L1', 'L2') }),
  fc.record({
    _tag: fc.constant('IssueMaterials'),
    entity: entityPool,
    goods: goodsPool,
    cost: moneyPool,
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({
    _tag: fc.constant('AccrueWages'),
    entity: entityPool,
    staffCategory: fc.constantFrom('ITR', 'workers'),
    amount: moneyPool,
    chargeTo: fc.constantFrom('wip', 'overhead', 'wages'),
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({ _tag: fc.constant('PayWages'), entity: entityPool, amount: moneyPool }),
  fc.record({
    _tag: fc.constant('CompleteWip'),
    entity: entityPool,
    goods: goodsPool,
    cost: moneyPool,
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({
    _tag: fc.constant('OtkReject'),
    entity: entityPool,
    goods: goodsPool,
    cost: moneyPool,
    disposition: fc.constantFrom('scrap', 'rework'),
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({
    _tag: fc.constant('Ship'),
    id: shipmentId,
    entity: entityPool,
    buyer: entityPool,
    goods: goodsPool,
    cost: moneyPool,
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({
    _tag: fc.constant('PresentDemand'),
    id: demandId,
    seller: entityPool,
    buyer: entityPool,
    amount: moneyPool,
    shipments: fc.subarray(['S1', 'S2', 'S3']),
  }),
  fc.record({ _tag: fc.constant('CreditOnDocuments'), demand: demandId, bank: entityPool, amount: moneyPool }),
  fc.record({
    _tag: fc.constant('AcceptDemand'),
    demand: demandId,
    acceptance: fc.oneof(
      fc.constant({ _tag: 'Full' }),
      fc.record({
        _tag: fc.constant('Partial'),
        accepted: moneyPool,
        refusal: fc.record({ ground: groundPool, text: fc.constant('x') }),
      }),
    ),
  }),
  fc.record({
    _tag: fc.constant('RefuseDemand'),
    demand: demandId,
    refusal: fc.record({ ground: groundPool, text: fc.constant('') }),
  }),
  fc.record({ _tag: fc.constant('LapseAcceptance'), demand: demandId }),
  fc.record({ _tag: fc.constant('PayDemand'), demand: demandId, amount: moneyPool }),
  fc.record({ _tag: fc.constant('ReverseRemainder'), demand: demandId, returnGoods: fc.boolean() }),
  fc.record({
    _tag: fc.constant('DivertRemainder'),
    demand: demandId,
    instrument: fc.constantFrom('bill', 'cheque'),
    instrumentId: fc.oneof(billId, newId),
    payee: entityPool,
    maturity: fc.constantFrom('1936-09-01', '1936-01-01'),
  }),
  fc.record({
    _tag: fc.constant('ProvisionalAcceptance'),
    id: fc.oneof(newId, idPool),
    seller: entityPool,
    buyer: entityPool,
    lot: fc.constantFrom('L1', 'L2'),
    goods: goodsPool,
    cost: moneyPool,
    serials: serialsPool,
  }),
  fc.record({
    _tag: fc.constant('FinalAcceptance'),
    id: fc.oneof(newId, idPool),
    seller: entityPool,
    buyer: entityPool,
    lot: fc.constantFrom('L1', 'L2'),
    goods: goodsPool,
    cost: moneyPool,
    outcome: fc.constantFrom('accepted', 'rejected'),
    serials: serialsPool,
  }),
  fc.record({
    _tag: fc.constant('RecordClaim'),
    id: claimId,
    seller: entityPool,
    buyer: entityPool,
    defect: fc.constant('d'),
    district: fc.constantFrom('inner', 'remote'),
    lot: fc.constantFrom('L1', 'L2'),
  }),
  fc.record({ _tag: fc.constant('AnswerClaim'), claim: claimId }),
  fc.record({
    _tag: fc.constant('Rework'),
    id: fc.oneof(newId, idPool),
    entity: entityPool,
    wages: moneyPool,
    claim: claimId,
    lot: fc.constantFrom('L1', 'L2'),
    closesClaim: fc.boolean(),
  }),
  fc.record({
    _tag: fc.constant('SignContract'),
    id: contractId,
    seller: entityPool,
    buyer: entityPool,
    unitPrice: moneyPool,
    plannedCost: moneyPool,
    description: fc.constant('c'),
    commodity: commodityPool,
    units: unitPool,
  }),
  fc.record({
    _tag: fc.constant('ReviseSpecification'),
    contract: contractId,
    unitPrice: moneyPool,
    plannedCost: moneyPool,
    description: fc.constant('r'),
  }),
  fc.record({
    _tag: fc.constant('DrawLoan'),
    id: loanId,
    lender: entityPool,
    borrower: entityPool,
    loanKind: fc.constantFrom('gosbankShortTerm', 'savingsBank'),
    purpose: fc.constant('p'),
    collateral: fc.record({ lots: fc.subarray(['L1']), contracts: fc.subarray(['C1']) }),
    principal: moneyPool,
    rate: ratePool,
    termMonths: termPool,
    scheme: fc.constantFrom('simple', 'annuity'),
    dayCount: fc.constantFrom('actual/360', 'actual/365', '30/360'),
  }),
  fc.record({ _tag: fc.constant('AccrueInterest'), loan: loanId }),
  fc.record({ _tag: fc.constant('RepayLoan'), loan: loanId, principal: moneyPool, interest: moneyPool }),
  fc.record({
    _tag: fc.constant('RefinanceLoan'),
    loan: loanId,
    newLoan: fc.oneof(loanId, newId),
    principal: moneyPool,
    rate: ratePool,
    termMonths: termPool,
    scheme: fc.constantFrom('simple', 'annuity'),
    dayCount: fc.constantFrom('actual/360', '30/360'),
  }),
  fc.record({
    _tag: fc.constant('DrawBill'),
    id: billId,
    drawer: entityPool,
    payee: entityPool,
    face: moneyPool,
    maturity: fc.constantFrom('1936-09-01', '1936-06-15', '1935-01-01'),
    settles: fc.constantFrom('debt', 'expense'),
    drawee: entityPool,
  }),
  fc.record({ _tag: fc.constant('AcceptBill'), bill: billId, by: entityPool }),
  fc.record({
    _tag: fc.constant('EndorseBill'),
    bill: billId,
    from: entityPool,
    to: entityPool,
    settles: fc.constantFrom('debt', 'expense'),
  }),
  fc.record({
    _tag: fc.constant('DiscountBill'),
    bill: billId,
    bank: entityPool,
    rate: ratePool,
    basis: fc.constantFrom(360, 365, 0),
  }),
  fc.record({ _tag: fc.constant('RedeemBill'), bill: billId }),
  fc.record({ _tag: fc.constant('ProtestBill'), bill: billId }),
  fc.record({
    _tag: fc.constant('FreezeAccount'),
    entity: entityPool,
    permitted: fc.subarray([...Books.paymentClasses]),
    authority: fc.constant('bank'),
  }),
  fc.record({ _tag: fc.constant('UnfreezeAccount'), entity: entityPool, authority: fc.constant('bank') }),
  fc.record({
    _tag: fc.constant('PhysicalCount'),
    id: fc.oneof(newId, idPool),
    entity: entityPool,
    account: accountPool,
    commodity: commodityPool,
    counted: unitPool,
    unitValue: moneyPool,
  }),
)

/** Day steps: mostly forward or the same day, sometimes back (the domain must refuse or cope). */
const step = fc.tuple(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: -1 }) },
  ),
  operationJson,
)
const sequence = fc.array(step, { minLength: 5, maxLength: 30 })

const startBooks = (): Books.Books => {
  const result = Books.empty([
    { name: 'kirov' as never, sector: 'state', citations: [] },
    { name: 'abtu' as never, sector: 'military', citations: [] },
    { name: 'gosbank' as never, sector: 'bank', citations: [] },
    { name: 'sberkassa' as never, sector: 'bank', citations: [] },
    { name: 'procurer' as never, sector: 'person', citations: [] },
  ])
  if (E.isLeft(result)) throw new Error('fixture')
  // Live documents of each kind, so that lifecycle operations have something to act on.
  let books = result.right
  for (const json of opening) {
    const operation = OperationCodec.decode(json)
    if (E.isLeft(operation)) throw new Error(`fixture: ${JSON.stringify(json)}`)
    const applied = Apply.apply(operation.right, { span: SourceSpan.make('opening.journal', 1, 1), citations: [] })(
      books,
    )
    if (E.isLeft(applied)) throw new Error(`fixture: ${JSON.stringify(json)}: ${applied.left._tag}`)
    books = applied.right
  }
  return books
}

const opening: ReadonlyArray<Record<string, unknown>> = [
  {
    _tag: 'ReceiveMaterials',
    date: '1936-05-01',
    entity: 'kirov',
    goods: { commodity: 'steel', quantity: '100' },
    cost: '500000.00',
  },
  { _tag: 'LaunchWip', date: '1936-05-01', entity: 'kirov', goods: { commodity: 'T28', quantity: '12' }, lot: 'L1' },
  {
    _tag: 'CompleteWip',
    date: '1936-05-02',
    entity: 'kirov',
    goods: { commodity: 'T28', quantity: '10' },
    cost: '3000000.00',
    lot: 'L1',
  },
  {
    _tag: 'Ship',
    date: '1936-05-03',
    id: 'S1',
    entity: 'kirov',
    buyer: 'abtu',
    goods: { commodity: 'T28', quantity: '3' },
    cost: '900000.00',
    lot: 'L1',
  },
  {
    _tag: 'Ship',
    date: '1936-05-03',
    id: 'S2',
    entity: 'kirov',
    buyer: 'abtu',
    goods: { commodity: 'T28', quantity: '2' },
    cost: '600000.01',
    lot: 'L1',
  },
  {
    _tag: 'PresentDemand',
    date: '1936-05-04',
    id: 'P1',
    seller: 'kirov',
    buyer: 'abtu',
    amount: '1140000.00',
    units: { commodity: 'T28', quantity: '3' },
    shipments: ['S1'],
  },
  {
    _tag: 'PresentDemand',
    date: '1936-05-04',
    id: 'P2',
    seller: 'kirov',
    buyer: 'abtu',
    amount: '380000.00',
    shipments: [],
  },
  {
    _tag: 'DrawLoan',
    date: '1936-05-04',
    id: 'G1',
    lender: 'gosbank',
    borrower: 'kirov',
    loanKind: 'gosbankShortTerm',
    purpose: 'WIP',
    collateral: { lots: ['L1'], contracts: [] },
    principal: '1000000.00',
    rate: '0.06',
    termMonths: 6,
    scheme: 'simple',
    dayCount: 'actual/360',
  },
  {
    _tag: 'DrawBill',
    date: '1936-05-04',
    id: 'B1',
    drawer: 'kirov',
    payee: 'procurer',
    face: '123456.78',
    maturity: '1936-06-15',
    settles: 'expense',
  },
  {
    _tag: 'ProvisionalAcceptance',
    date: '1936-05-04',
    id: 'PA1',
    seller: 'kirov',
    buyer: 'abtu',
    lot: 'L1',
    goods: { commodity: 'T28', quantity: '2' },
    cost: '600000.00',
    serials: ['U1', 'U2'],
  },
  {
    _tag: 'AccrueWages',
    date: '1936-05-04',
    entity: 'kirov',
    staffCategory: 'workers',
    amount: '50000.00',
    chargeTo: 'wages',
  },
  {
    _tag: 'SignContract',
    date: '1936-05-04',
    id: 'C1',
    seller: 'kirov',
    buyer: 'abtu',
    unitPrice: '380000.00',
    plannedCost: '300000.00',
    description: 'T-28',
    commodity: 'T28',
    units: '12',
  },
  {
    _tag: 'RecordClaim',
    date: '1936-05-04',
    id: 'CL1',
    seller: 'kirov',
    buyer: 'abtu',
    defect: 'transmission',
    district: 'remote',
    lot: 'L1',
  },
]

const dateOf = (day: number): string => new Date(Date.UTC(1936, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)

/** Per entity and commodity, the money and the goods of one transaction sum to zero. */
const transactionBalances = (transaction: Transaction): string | undefined => {
  const sums = new Map<string, Quantity.Quantity>()
  for (const posting of transaction.postings) {
    for (const [book, amount] of [
      ['money', posting.money],
      ['goods', posting.goods],
    ] as const) {
      if (amount === undefined) continue
      const key = `${book} ${posting.entity ?? ''} ${amount.commodity}`
      sums.set(key, Quantity.add(sums.get(key) ?? Quantity.zero, amount.quantity))
    }
  }
  for (const [key, sum] of sums)
    if (!Quantity.isZero(sum)) return `${transaction.description}: ${key} sums to ${Quantity.toString(sum)}`
  return undefined
}

const checkSequence = (steps: ReadonlyArray<readonly [number, Record<string, unknown>]>): void => {
  const started = performance.now()
  let books = startBooks()
  let day = 125
  for (const [gap, json] of steps) {
    day += gap
    const decoded = OperationCodec.decode({ ...json, date: dateOf(day) })
    figures.operations++
    if (E.isLeft(decoded)) continue
    const before = books.ledger.size
    const result = Apply.apply(decoded.right, {
      span: SourceSpan.make('fuzz.journal', 1, 1),
      citations: [],
      frozenDebits: day % 2 === 0 ? 'record' : 'reject',
    })(books)
    if (E.isLeft(result)) {
      if (process.env['FUZZ_DEBUG'] !== undefined)
        debugTags.set(
          `${decoded.right._tag}:${result.left._tag}`,
          (debugTags.get(`${decoded.right._tag}:${result.left._tag}`) ?? 0) + 1,
        )
      const error = result.left
      const message = 'span' in error ? Ledger.renderPostingError(error) : renderDomainError(error)
      if (message.length === 0) throw new Error(`${error._tag}: an empty message`)
      if (books.ledger.size !== before) throw new Error('a rejected operation changed the books')
      continue
    }
    figures.operationsApplied++
    books = result.right
    const transactions = Ledger.transactions(books.ledger)
    for (let index = before; index < transactions.length; index++) {
      const broken = transactionBalances(transactions[index] as Transaction)
      if (broken !== undefined) throw new Error(`${decoded.right._tag}: ${broken}`)
    }
  }
  const broken = moneyBalances(books.ledger)
  if (broken !== undefined) throw new Error(broken)
  const elapsed = performance.now() - started
  figures.domainMs += elapsed
  if (elapsed > timeCapMs) throw new Error(`sequence took ${Math.round(elapsed)} ms (cap ${timeCapMs} ms)`)
}

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

/** The files of an input that differ from the seeds (a mutation may add include targets). */
const changedFiles = (input: Input): Record<string, string> =>
  Object.fromEntries([...input.files].filter(([name, text]) => seedFileSystem.get(name) !== text))

const findingFiles = readdirSync(findingsDirectory)
  .filter((name) => name.endsWith('.json'))
  .sort()

describe('fuzzing', () => {
  it.each(findingFiles)('recorded finding %s still holds', (name) => {
    const finding = JSON.parse(readFileSync(join(findingsDirectory, name), 'utf8')) as Finding
    if (finding.kind === 'sequence') checkSequence(finding.steps)
    else {
      const files = new Map(seedFileSystem)
      for (const [file, text] of Object.entries(finding.files ?? {})) files.set(file, text)
      files.set(finding.name, finding.text)
      checkLoad({
        name: finding.name,
        text: finding.text,
        files,
        ...(finding.root !== undefined ? { root: finding.root } : {}),
        ...(finding.bytesMax !== undefined ? { bytesMax: finding.bytesMax } : {}),
      })
    }
  })

  it('mutated journals load to Right or to located, renderable errors, fast, balanced', () => {
    assertRecording(
      fc.property(journalCase, (journal) => {
        checkLoad(inputOf(journal))
      }),
      { numRuns: runsFromEnv ?? journalRuns, ...replay() },
      (journal) => {
        const input = inputOf(journal)
        return {
          kind: 'journal',
          name: input.name,
          text: input.text,
          files: changedFiles(input),
          ...(input.root !== undefined ? { root: input.root } : {}),
          ...(input.bytesMax !== undefined ? { bytesMax: input.bytesMax } : {}),
        }
      },
    )
  }, 600_000)

  it('random operation sequences never throw, keep every transaction balanced and change nothing when rejected', () => {
    assertRecording(
      fc.property(sequence, (steps) => {
        checkSequence(steps)
      }),
      { numRuns: runsFromEnv ?? domainRuns, ...replay() },
      (steps) => ({ kind: 'sequence', steps }),
    )
    expect(figures.operationsApplied).toBeGreaterThan(0)
  }, 600_000)

  it('reports its figures', () => {
    if (process.env['FUZZ_DEBUG'] !== undefined) console.log([...debugTags].sort((a, b) => b[1] - a[1]).slice(0, 40))
    const inputs = figures.journals + figures.operations
    console.log(
      `fuzz: ${figures.journals} journals (${figures.journalsRight} loaded, ${Math.round(figures.journalMs / 1000)} s in loadText, slowest ${Math.round(figures.slowestMs)} ms), ` +
        `${figures.operations} operations (${figures.operationsApplied} applied, ${Math.round(figures.domainMs / 1000)} s), ${inputs} inputs`,
    )
    if (runsFromEnv === undefined) expect(inputs).toBeGreaterThanOrEqual(100_000)
  })
})
