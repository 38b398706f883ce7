/**
 * The package as users get it: build, `npm pack`, install the tarball into a fresh project
 * library-only (`--omit=optional`: no chart renderers), type-check a consumer that imports
 * `shadow-ledger` and `shadow-ledger/node` with the repository's tsc (module NodeNext, strict, no
 * skipLibCheck), and run it with node. The consumer does what a tool builder does: load a
 * journal, build a demand, its partial acceptance and a discounted bill in code, run the
 * built-in rules and a rule of its own, round-trip the JSON document, and feed bad input to get
 * typed errors. The TypeScript blocks of the README's library section are compiled and run too.
 *
 * Slow (a build, a pack, an install: about a minute), so it has its own timeout. The tarball's
 * dependencies come from the npm cache when they are there (`--prefer-offline`).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'shadow-ledger-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const run = (command: string, args: ReadonlyArray<string>, cwd: string): string => {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    })
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${failure.stdout ?? ''}\n${failure.stderr ?? failure.message}`,
    )
  }
}

/** The consumer: a strict TypeScript program doing the six things a tool builder does, through the public API only. */
const consumer = `import * as E from 'fp-ts/lib/Either.js'
import {
  Apply, Books, builtInRules, type BuildError, unsafeDefineRule, type Diagnostic, diagnosticOfBuildError, documentsEqual, Entity, exportDocument, type FindingDraft,
  importDocument, isPostingError, Ledger, loadFile, loadText, LocalDate, memoryFileSystem, numberMeasure, Operation, Param, Quantity, Query, Rate, reconcile,
  renderBuildError, renderFailure, SourceSpan,
} from 'shadow-ledger'
import { nodeFileSystem } from 'shadow-ledger/node'

const out: Record<string, unknown> = {}

// 1. Load a journal from a file.
const loaded = loadFile('books.journal', { fileSystem: nodeFileSystem, root: '.' })
if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
out.rows = Query.trialBalance(loaded.right.ledger, { book: 'goods' }).rows.map((row) => \`\${row.account} \${row.amount.quantity} \${row.amount.commodity}\`)

// 2. Build a demand, its partial acceptance and a discounted bill in code.
const q = Quantity.unsafeFromString
const d = LocalDate.unsafeFromString
const id = Books.unsafeDocumentId
const [kirov, abtu, gosbank, procurer] = ['kirov', 'abtu', 'gosbank', 'procurer'].map(Entity.unsafeName) as [Entity.EntityName, Entity.EntityName, Entity.EntityName, Entity.EntityName]
const operations: ReadonlyArray<Operation.Operation> = [
  { _tag: 'PresentDemand', date: d('1936-06-10'), id: id('PD-1'), seller: kirov, buyer: abtu, amount: q('3800000.00') },
  { _tag: 'AcceptDemand', date: d('1936-06-13'), demand: id('PD-1'), acceptance: { _tag: 'Partial', accepted: q('2000000.00'), refusal: { ground: 'defective', text: 'defective transmissions' } } },
  { _tag: 'DrawBill', date: d('1936-06-20'), id: id('B-1'), drawer: kirov, payee: procurer, face: q('1800000.00'), maturity: d('1936-09-18'), settles: 'expense' },
  { _tag: 'DiscountBill', date: d('1936-06-21'), bill: id('B-1'), holder: procurer, bank: gosbank, rate: Rate.toFraction(Rate.unsafePercentPoints('8')), basis: 360 },
]
const empty = Books.empty([
  { name: kirov, sector: 'state', citations: [] },
  { name: abtu, sector: 'military', citations: [] },
  { name: gosbank, sector: 'bank', citations: [] },
  { name: procurer, sector: 'person', citations: [] },
])
if (E.isLeft(empty)) throw new Error('books')
const context = { span: SourceSpan.synthetic('consumer') }
let books = empty.right
for (const operation of operations) {
  const next = Apply.apply(operation, context)(books)
  if (E.isLeft(next)) throw new Error(renderBuildError(next.left))
  books = next.right
}
const discount = Ledger.transactions(books.ledger).at(-1)
out.discount = discount?.postings.map((posting) => \`\${posting.account} \${posting.money?.quantity ?? ''}\`)

// 3. Run the built-in rules.
const asOf = d('1936-12-31')
const builtIn = reconcile({ books, reported: [], settings: [], asOf }, builtInRules)
out.reconciled = E.isRight(builtIn)

// 4. A custom rule.
const bills = unsafeDefineRule({
  id: 'bills-drawn',
  title: 'Bills drawn',
  description: 'One finding per bill of at least minFace.',
  motivation: 'A consumer test.',
  parameters: { minFace: Param.count },
  defaults: { minFace: 1 },
  evaluate: ({ books: current }, { minFace }) => {
    const drafts: FindingDraft[] = []
    for (const bill of current.bills.values()) {
      if (Quantity.compare(bill.face, Quantity.unsafeFromInteger(minFace)) < 0) continue
      drafts.push({ severity: 'info', date: bill.date, measures: [numberMeasure('face', bill.face)], threshold: { text: \`face ≥ \${minFace}\` }, evidence: [], message: \`bill \${bill.id}: \${bill.face}\` })
    }
    return drafts
  },
})
const custom = reconcile({ books, reported: [], settings: [], asOf }, [bills])
out.custom = E.isRight(custom) ? custom.right.findings.map((finding) => finding.message) : []
// 5. Round-trip JSON.
const json = JSON.parse(JSON.stringify(exportDocument(loaded.right))) as unknown
const imported = importDocument(json)
out.roundTrip = E.isRight(imported) && documentsEqual(loaded.right, imported.right)
const built = importDocument(JSON.parse(JSON.stringify(exportDocument({ books, reported: [], settings: [], expectations: [] }))))
out.builtRoundTrip = E.isRight(built) && documentsEqual({ books, reported: [], settings: [], expectations: [] }, built.right)

// 6. Bad input gives typed errors, never an exception.
const explain = (diagnostic: Diagnostic): string => {
  switch (diagnostic.layer) {
    case 'posting':
      return diagnostic.error._tag === 'UnbalancedTransaction' ? \`residual \${diagnostic.error.residual.map((amount) => \`\${amount.quantity} \${amount.commodity}\`).join(' ')}\` : diagnostic.tag
    case 'parse':
      return \`parse \${diagnostic.error._tag} at \${diagnostic.error.span.line}\`
    default:
      return diagnostic.tag
  }
}
const bad = loadText('bad.journal', '2024-01-01 x\\n    a  10.00 RUB\\n    b  -9 RUB\\n2024-13-01 y\\n', { fileSystem: memoryFileSystem(new Map()) })
out.badJournal = E.isLeft(bad) ? bad.left.diagnostics.map(explain) : []
const wrong = { _tag: 'PayWages', date: '1936-03-05', entity: 'kirov', amount: 600 } as unknown as Operation.Operation
const refused = Apply.apply(wrong, context)(books)
const located = (error: BuildError) => diagnosticOfBuildError(error, context.span)
out.badOperation = E.isLeft(refused) ? [refused.left._tag, isPostingError(refused.left), located(refused.left).layer, renderBuildError(refused.left)] : []
const garbage = importDocument({ version: 99 })
out.badDocument = E.isLeft(garbage) ? garbage.left._tag : ''
console.log(JSON.stringify(out))
`

const journal = `entity kirov
commodity T28
    kind: goods
1936-03-20 * Four tanks completed  ; source: TsGIA SPb. F.P-960, Op.7, D.2, 37
    kirov:assets:finished        ~1,600,000.00 RUB  [4 T28]
    kirov:assets:wip             -1,600,000.00 RUB  [-4 T28]
`

/** The README's library section: its TypeScript blocks, each compiled and run as a module of the consumer. */
const readmeBlocks = (): ReadonlyArray<string> => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('\n## Library')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  return [...section.matchAll(/```ts\n([\s\S]*?)```/gu)].map((match) => match[1] as string)
}

describe('npm pack', () => {
  it('installs library-only into a fresh project, type-checks a strict consumer against the shipped types, and runs it', () => {
    // Build (what `prepack` does), then pack without running the scripts a second time.
    run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], ROOT)
    const packDirectory = join(work, 'pack')
    mkdirSync(packDirectory)
    const packed = JSON.parse(
      run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDirectory], ROOT),
    ) as ReadonlyArray<{ readonly filename: string; readonly files: ReadonlyArray<{ readonly path: string }> }>
    const files = packed[0]?.files.map((file) => file.path) ?? []
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'dist/index.js',
        'dist/index.js.map',
        'dist/index.d.ts',
        'dist/index.d.ts.map',
        'dist/node.js',
        'dist/node.d.ts',
        'dist/cli/main.js',
        'bin/shadow-ledger.mjs',
        'src/index.ts',
        'docs/JOURNAL.md',
        'docs/OPERATIONS.md',
        'docs/RULES.md',
      ]),
    )
    expect(
      files.filter(
        (file) =>
          !/^(dist\/|bin\/shadow-ledger\.mjs$|src\/|docs\/[A-Z]+\.md$|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE)/u.test(
            file,
          ),
      ),
    ).toEqual([])
    // The published manifest: no install-time scripts, a require/default condition, charts optional.
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
      exports: Record<string, Record<string, string>>
      dependencies: Record<string, string>
      optionalDependencies: Record<string, string>
      repository?: unknown
      homepage?: unknown
      bugs?: unknown
    }
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts[script], script).toBeUndefined()
    expect(manifest.exports['.']?.default).toBe('./dist/index.js')
    // Charts, the web server and the CSV reader are optional: a library-only install has none of them.
    const optional = ['vega', 'vega-lite', 'hono', '@hono/node-server', 'csv-parse']
    expect(Object.keys(manifest.optionalDependencies)).toEqual(expect.arrayContaining(optional))
    for (const name of optional) expect(Object.keys(manifest.dependencies)).not.toContain(name)
    // No public repository or tracker exists: the manifest names none rather than a placeholder
    // (npm would turn a relative homepage such as README.md into http://README.md).
    expect(manifest.repository).toBeUndefined()
    expect(manifest.homepage).toBeUndefined()
    expect(manifest.bugs).toBeUndefined()
    // Members marked @internal are stripped from the shipped types.
    expect(readFileSync(join(ROOT, 'dist/domain/Books.d.ts'), 'utf8')).not.toContain('BooksInternal')
    const tarball = join(packDirectory, readdirSync(packDirectory).find((name) => name.endsWith('.tgz')) ?? '')

    const project = join(work, 'consumer')
    mkdirSync(project)
    const blocks = readmeBlocks()
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    const readmeFiles = blocks.map((_, index) => `readme-${index}.ts`)
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'consumer',
          private: true,
          type: 'module',
          dependencies: { 'shadow-ledger': `file:${tarball}`, 'fp-ts': '^2.16.11' },
        },
        null,
        2,
      ),
    )
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2022', 'DOM'],
            types: [],
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            noFallthroughCasesInSwitch: true,
            noImplicitReturns: true,
            outDir: 'out',
          },
          files: ['consumer.ts', ...readmeFiles],
        },
        null,
        2,
      ),
    )
    writeFileSync(join(project, 'consumer.ts'), consumer)
    blocks.forEach((block, index) => writeFileSync(join(project, `readme-${index}.ts`), `${block}\nexport {}\n`))
    writeFileSync(join(project, 'books.journal'), journal)
    // A library-only install: the chart renderers (optional dependencies) are left out.
    run(
      'npm',
      ['install', '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      project,
    )
    for (const name of optional) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false)
    const kilobytes = Number(run('du', ['-sk', 'node_modules'], project).split(/\s/u)[0])
    const own = Number(run('du', ['-sk', 'node_modules/shadow-ledger'], project).split(/\s/u)[0])
    console.log(`library-only install: ${kilobytes} KiB in node_modules, ${kilobytes - own} KiB of it dependencies`)
    // The dependencies alone (fp-ts, io-ts, decimal.js, and commander, cli-progress, picocolors for the
    // CLI): about 8.6 MiB when last measured (README, Library: Install size). The bound catches a heavy
    // dependency made mandatory again (hono was 3.7 MiB, csv-parse 1.6 MiB), whatever our own code weighs.
    expect(kilobytes - own).toBeLessThan(10_000)

    const tsc = join(ROOT, 'node_modules/.bin/tsc')
    run(tsc, ['-p', 'tsconfig.json'], project)
    const output = JSON.parse(run(process.execPath, ['out/consumer.js'], project)) as unknown
    expect(output).toEqual({
      rows: ['kirov:assets:finished 4 T28', 'kirov:assets:wip -4 T28'],
      discount: expect.arrayContaining([
        expect.stringMatching(/ 35600\.00$/u),
        expect.stringMatching(/ 1764400\.00$/u),
      ]),
      reconciled: true,
      custom: ['bill B-1: 1800000.00'],
      roundTrip: true,
      builtRoundTrip: true,
      badJournal: ['parse InvalidDate at 4'],
      badOperation: [
        'InvalidOperation',
        false,
        'domain',
        'PayWages is not a well-formed operation: amount is not a valid Quantity (a number)',
      ],
      badDocument: 'UnsupportedVersion',
    })
    // The README's blocks run too (the first two print what their comments say).
    for (const file of readmeFiles) run(process.execPath, [`out/${file.replace(/\.ts$/u, '.js')}`], project)
    expect(run(process.execPath, ['out/readme-1.js'], project)).toContain('off by 1.00 RUB')

    // Importing either entry loads no chart, server, CSV, CLI or terminal module (nor would it
    // find one: they are not installed); `require` works where Node can require ES modules.
    for (const entry of ['shadow-ledger', 'shadow-ledger/node']) {
      const loadedModules = run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `await import('${entry}'); console.log(JSON.stringify(Object.keys((await import('node:module')).createRequire(import.meta.url).cache)))`,
        ],
        project,
      )
      expect(loadedModules, entry).not.toMatch(/vega|commander|cli-progress|picocolors|hono|csv-parse/u)
    }
    if ((process.features as { readonly require_module?: boolean }).require_module === true) {
      expect(
        run(process.execPath, ['-e', "console.log(typeof require('shadow-ledger').loadText)"], project).trim(),
      ).toBe('function')
    }

    // The CLI ships too; without the optional chart packages, the HTML report says what is missing.
    expect(
      run(process.execPath, ['node_modules/shadow-ledger/dist/cli/main.js', 'check', 'books.journal'], project),
    ).toMatch(/^ok: 1 transactions/u)
    const html = spawnSync(
      process.execPath,
      ['node_modules/shadow-ledger/dist/cli/main.js', 'report', 'html', 'books.journal', '--out', 'report'],
      { cwd: project, encoding: 'utf8' },
    )
    expect(html.stderr).toContain('the charts need the optional packages vega and vega-lite')
    expect(html.status).toBe(2)
    // So do `serve` and `import csv`, without the web server's packages and the CSV reader.
    const served = spawnSync(
      process.execPath,
      ['node_modules/shadow-ledger/dist/cli/main.js', 'serve', 'books.journal', '--port', '0'],
      { cwd: project, encoding: 'utf8', timeout: 60_000 },
    )
    expect(served.stderr).toMatch(
      /serve needs the optional packages hono and @hono\/node-server, and (hono|@hono\/node-server) is not installed \(npm install hono @hono\/node-server\)/u,
    )
    expect(served.status).toBe(2)
    writeFileSync(join(project, 'rows.csv'), '1936-01-02,Rent,10\n')
    writeFileSync(
      join(project, 'rows.csv.rules'),
      'fields date, description, amount\naccount1 assets:cash\naccount2 income:other\n',
    )
    const csv = spawnSync(
      process.execPath,
      ['node_modules/shadow-ledger/dist/cli/main.js', 'import', 'csv', 'rows.csv', '--print'],
      { cwd: project, encoding: 'utf8' },
    )
    expect(csv.stderr).toContain(
      'importing CSV needs the optional package csv-parse, which is not installed (npm install csv-parse)',
    )
    expect(csv.status).toBe(2)
  }, 300_000)
})
