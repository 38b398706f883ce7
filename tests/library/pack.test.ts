/**
 * The package as users get it: build, `npm pack`, install the tarball into a fresh project,
 * type-check a consumer that imports `shadow-ledger` and `shadow-ledger/node` with the
 * repository's tsc (module NodeNext, strict, no skipLibCheck), and run it with node.
 *
 * Slow (a build, a pack, an install: about a minute), so it has its own timeout. The tarball's
 * dependencies come from the npm cache when they are there (`--prefer-offline`).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'shadow-ledger-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const run = (command: string, args: ReadonlyArray<string>, cwd: string): string => {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } })
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${failure.stdout ?? ''}\n${failure.stderr ?? failure.message}`)
  }
}

const consumer = `import * as E from 'fp-ts/lib/Either.js'
import { builtInRules, exportDocument, importDocument, loadFile, LocalDate, Quantity, Query, reconcile, renderFailure, type Imported } from 'shadow-ledger'
import { nodeFileSystem } from 'shadow-ledger/node'

const loaded = loadFile('books.journal', { fileSystem: nodeFileSystem, root: '.' })
if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
const { ledger, books, reported, settings } = loaded.right
const rows = Query.trialBalance(ledger, { book: 'goods' }).rows.map((row) => \`\${row.account} \${Quantity.toString(row.amount.quantity)} \${row.amount.commodity}\`)
const imported: E.Either<unknown, Imported> = importDocument(JSON.parse(JSON.stringify(exportDocument(loaded.right))))
const findings = reconcile({ books, reported, settings, asOf: LocalDate.unsafeFromString('1936-12-31') }, builtInRules)
console.log(JSON.stringify({ rows, imported: E.isRight(imported) ? imported.right.ledger.size : -1, reconciled: E.isRight(findings) }))
`

const journal = `entity kirov
commodity T28
    kind: goods
1936-03-20 * Four tanks completed  ; source: TsGIA SPb. F.P-960, Op.7, D.2, 37
    kirov:assets:finished        ~1,600,000.00 RUB  [4 T28]
    kirov:assets:wip             -1,600,000.00 RUB  [-4 T28]
`

describe('npm pack', () => {
  it('installs into a fresh project, type-checks against the shipped types, and runs', () => {
    // Build (what `prepare` does), then pack without running the scripts a second time.
    run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], ROOT)
    const packDirectory = join(work, 'pack')
    mkdirSync(packDirectory)
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDirectory], ROOT)) as ReadonlyArray<{ readonly filename: string; readonly files: ReadonlyArray<{ readonly path: string }> }>
    const files = packed[0]?.files.map((file) => file.path) ?? []
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/node.d.ts', 'dist/cli/main.js']))
    expect(files.filter((file) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE)/u.test(file))).toEqual([])
    const tarball = join(packDirectory, readdirSync(packDirectory).find((name) => name.endsWith('.tgz')) ?? '')

    const project = join(work, 'consumer')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'shadow-ledger': `file:${tarball}`, 'fp-ts': '^2.16.11' } }, null, 2))
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, outDir: 'out' }, files: ['consumer.ts'] }, null, 2),
    )
    writeFileSync(join(project, 'consumer.ts'), consumer)
    writeFileSync(join(project, 'books.journal'), journal)
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project)

    const tsc = join(ROOT, 'node_modules/.bin/tsc')
    run(tsc, ['-p', 'tsconfig.json', '--noEmit'], project)
    run(tsc, ['-p', 'tsconfig.json'], project)
    const output = JSON.parse(run(process.execPath, ['out/consumer.js'], project)) as unknown
    expect(output).toEqual({ rows: ['kirov:assets:finished 4 T28', 'kirov:assets:wip -4 T28'], imported: 1, reconciled: true })

    // The CLI ships too.
    expect(run(process.execPath, ['node_modules/shadow-ledger/dist/cli/main.js', 'check', 'books.journal'], project)).toMatch(/^ok: 1 transactions/u)
  }, 300_000)
})
