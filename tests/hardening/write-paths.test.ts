/**
 * Fault injection on the write paths beyond `fmt` and the HTML report (write-faults.test.ts):
 * `add`, `import csv --append`, `import … --print -o`, `export -o` in every format, and
 * `simulate --out`. Every write goes through the `WriteFileSystem` port; here it fails at every
 * step in turn (ENOSPC, EIO, a short write, a zero-byte write, a kill) and the property of
 * tests/helpers/writeFaults.ts is checked: the target holds its old state or the complete new one
 * (append: the old text or the old text and the whole entry; a directory: absent or empty, or every
 * file complete), a non-zero exit whenever the new state is not in place, no temporary file or lock
 * left after a clean failure. In memory over random journals (fast-check); what DuckDB and sqlite3
 * write (parquet directories, .duckdb and .sqlite files) on disk, with sampled faults.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import { nodeWriteFileSystem } from '../../src/load/NodeWriteFileSystem.js'
import { runCli } from '../helpers/cli.js'
import { type Fault, faultFileSystem, withFaults } from '../helpers/faultFileSystem.js'
import {
  checkWriteFaults,
  faultKinds,
  memoryDirectoryState,
  memoryFileState,
  memoryLeftovers,
  type Prepared,
} from '../helpers/writeFaults.js'

const ROOT = resolve(import.meta.dirname, '../..')
const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A balanced journal of a few random transactions (random dates, amounts, accounts and words). */
const journal = fc
  .array(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      amount: fc.bigInt({ min: 1n, max: 10n ** 18n }),
      kopecks: fc.integer({ min: 0, max: 99 }),
      account: fc.constantFrom('assets:cash', 'assets:bank', 'expenses:steel', 'assets:wip'),
      words: fc.array(fc.constantFrom('Payment', 'for', 'steel', 'T28', 'wages', 'Kirov', 'ц', '№'), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((entries) =>
    entries
      .map(
        ({ month, day, amount, kopecks, account, words }) =>
          `1936-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${words.join(' ')}\n    ${account}  ${amount}.${String(kopecks).padStart(2, '0')} RUB\n    equity:capital\n`,
      )
      .join('\n'),
  )

/** An in-memory run: `files` are both read (the CLI's read port) and written (the faulty write port). */
const inMemory =
  (argv: ReadonlyArray<string>, files: ReadonlyMap<string, string>, target: string, directory = false) =>
  (fault?: Fault): Prepared => {
    const fs = faultFileSystem(new Map([...files].map(([path, text]) => [path, { bytes: encode(text) }])), fault)
    if (directory && files.has(`${target}/.keep`)) fs.files.delete(`${target}/.keep`)
    return {
      argv,
      writeFileSystem: fs,
      fileSystem: memoryFileSystem(files),
      state: directory ? memoryDirectoryState(fs, target) : memoryFileState(fs, target),
      leftovers: memoryLeftovers(fs),
    }
  }

describe('write paths under faults', () => {
  it('no module but the Node write port imports a writing function of node:fs', () => {
    const writing =
      /\b(write|writeFile|appendFile|open|mkdir|mkdtemp|rename|unlink|rm|rmdir|copyFile|truncate|ftruncate|symlink|link|chmod|chown|createWriteStream|cp)(Sync)?\b/u
    const offenders: string[] = []
    for (const name of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts') || name === join('load', 'NodeWriteFileSystem.ts')) continue
      const text = readFileSync(join(ROOT, 'src', name), 'utf8')
      const imports = [
        ...text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'node:fs(?:\/promises)?'/gu),
        ...text.matchAll(/const\s*\{([^}]*)\}\s*=\s*await import\('node:fs(?:\/promises)?'\)/gu),
      ]
      // The read port opens files to read them in pieces, and the two-thread balance opens the journal
      // to hand its later half to the worker: `openSync` there is allowed while every call opens read-only.
      const readOnlyOpen =
        (name === join('load', 'NodeFileSystem.ts') || name === join('load', 'Parallel.ts')) &&
        [...text.matchAll(/openSync\(([^)]*)\)/gu)].every((call) => /,\s*'r'\s*$/u.test(call[1] ?? ''))
      for (const match of imports) {
        const names = (match[1] ?? '')
          .split(',')
          .map((item) => item.trim())
          .filter((item) => !(readOnlyOpen && item === 'openSync'))
        if (writing.test(names.join(' '))) offenders.push(`${name}: ${match[1]?.replace(/\s+/gu, ' ').trim()}`)
      }
      const all = (text.match(/from\s*'(node:)?fs(\/promises)?'|import\('(node:)?fs/gu) ?? []).length
      if (all !== imports.length) offenders.push(`${name}: an import of fs that is not a list of names`)
    }
    expect(offenders).toEqual([])
  })

  it('add: every step × every fault, over random journals and entries; the old text or old + the whole entry', async () => {
    let faults = 0
    await fc.assert(
      fc.asyncProperty(journal, journal, async (old, entries) => {
        const files = new Map([
          ['/books/main.journal', old],
          ['/books/new.journal', entries],
        ])
        const result = await checkWriteFaults(
          inMemory(['add', '/books/main.journal', '/books/new.journal'], files, '/books/main.journal'),
        )
        expect(result.fresh).toBe(`${old}\n${entries}`)
        faults += result.faults
      }),
      { numRuns: 4, seed: 2501 },
    )
    expect(faults).toBeGreaterThan(4 * 5 * 10)
  }, 120_000)

  it('import csv --append and import csv --print -o: every step × every fault', async () => {
    const books = [
      'entity kirov',
      'entity abtu',
      'commodity RUB',
      'commodity T28',
      '    kind: goods',
      '1936-01-01 * Opening',
      '    kirov:assets:wip   10,000,000.00 RUB  [20 T28]',
      '    kirov:equity:fund',
      '',
    ].join('\n')
    const files = new Map([
      ['/books/books.journal', books],
      ['/books/out.csv', readFileSync(join(ROOT, 'ledgers/import/kirov-output.csv'), 'utf8')],
      ['/books/out.csv.rules', readFileSync(join(ROOT, 'ledgers/import/kirov-output.csv.rules'), 'utf8')],
      ['/books/printed.journal', '; the old printout\n'],
    ])
    await checkWriteFaults(
      inMemory(['import', 'csv', '/books/out.csv', '--append', '/books/books.journal'], files, '/books/books.journal'),
    )
    await checkWriteFaults(
      inMemory(
        [
          'import',
          'csv',
          '/books/out.csv',
          '--print',
          '--journal',
          '/books/books.journal',
          '-o',
          '/books/printed.journal',
        ],
        files,
        '/books/printed.journal',
      ),
    )
  }, 120_000)

  it('export -o FILE (json, hledger, ledger, beancount, sqlite script) over an old file, and import --print -o', async () => {
    await fc.assert(
      fc.asyncProperty(journal, async (text) => {
        for (const [format, file] of [
          ['json', 'books.json'],
          ['hledger', 'books.hledger'],
          ['ledger', 'books.ledger'],
          ['beancount', 'books.beancount'],
          ['sqlite', 'books.sql'],
        ] as const) {
          const files = new Map([
            ['/books/main.journal', text],
            [`/out/${file}`, 'the old export\n'],
          ])
          await checkWriteFaults(
            inMemory(
              ['export', '/books/main.journal', '--format', format, '--no-findings', '-o', `/out/${file}`],
              files,
              `/out/${file}`,
            ),
          )
        }
      }),
      { numRuns: 1, seed: 2502 },
    )
    // import DOC.json --print -o FILE: the document comes from an export of the Kirov-style example.
    const exported = await runCli(['export', join(ROOT, 'ledgers/examples/m1-invoice-without-shipment.journal')])
    expect(exported.code).toBe(0)
    await checkWriteFaults(
      inMemory(
        ['import', '/books/doc.json', '--print', '-o', '/books/printed.journal'],
        new Map([
          ['/books/doc.json', exported.stdout],
          ['/books/printed.journal', '; old\n'],
        ]),
        '/books/printed.journal',
      ),
    )
  }, 120_000)

  it('export --format csv -o DIR: absent or empty before, absent or empty or complete after', async () => {
    await fc.assert(
      fc.asyncProperty(journal, async (text) => {
        for (const existing of [false, true]) {
          const files = new Map([['/books/main.journal', text]])
          // An existing empty directory: a placeholder file makes the in-memory port create it, then goes.
          if (existing) files.set('/out/tables/.keep', '')
          const prepare = inMemory(
            ['export', '/books/main.journal', '--format', 'csv', '--no-findings', '-o', '/out/tables'],
            files,
            '/out/tables',
            true,
          )
          expect(prepare().state(), 'before: absent, or an empty directory').toBe(existing ? '' : undefined)
          await checkWriteFaults(prepare)
        }
      }),
      { numRuns: 1, seed: 2503 },
    )
  }, 120_000)

  it('export -o DIR/ (a trailing slash) writes DIR, with no temporary directory left', async () => {
    const prepared = inMemory(
      ['export', '/books/main.journal', '--format', 'csv', '-o', '/out/tables/'],
      new Map([['/books/main.journal', '1936-01-01 x\n    assets:cash  1 RUB\n    equity:capital\n']]),
      '/out/tables',
      true,
    )()
    const result = await runCli(prepared.argv, {
      writeFileSystem: prepared.writeFileSystem,
      ...(prepared.fileSystem !== undefined ? { fileSystem: prepared.fileSystem } : {}),
    })
    expect(result.code).toBe(0)
    expect(prepared.state()).toContain('postings.csv\n')
    expect(prepared.leftovers()).toEqual([])
  })

  it('export -o refuses a path that exists (a file, or a directory that is not empty), writing nothing', async () => {
    const text = '1936-01-01 x\n    assets:cash  1 RUB\n    equity:capital\n'
    for (const [format, out, existing] of [
      ['csv', '/out/tables', '/out/tables/old.csv'],
      ['csv', '/out/tables', '/out/tables'],
    ] as const) {
      const prepared = inMemory(
        ['export', '/books/main.journal', '--format', format, '-o', out],
        new Map([
          ['/books/main.journal', text],
          [existing, 'old'],
        ]),
        existing,
      )()
      const result = await runCli(prepared.argv, {
        writeFileSystem: prepared.writeFileSystem,
        ...(prepared.fileSystem !== undefined ? { fileSystem: prepared.fileSystem } : {}),
      })
      expect(result.code).toBe(3)
      expect(result.stderr).toBe(
        `error: ${out} exists; this command writes a new directory (or into an empty one) and never overwrites or mixes with what is there; remove it or choose another path\n`,
      )
      expect(prepared.state()).toBe('old')
      expect(prepared.leftovers(), existing).toEqual([])
    }
  })

  it('simulate --out DIR: every step × every fault; the region appears whole or not at all', async () => {
    const result = await checkWriteFaults(
      inMemory(
        ['simulate', '--enterprises', '1', '--years', '1', '--seed', '7', '--out', '/out/region'],
        new Map(),
        '/out/region',
        true,
      ),
    )
    expect(result.fresh).toContain('region.journal\n')
    expect(result.fresh).toContain('truth.json\n')
  }, 120_000)
})

// -------------------------------------------------------------------------------------------------
// On disk: what DuckDB and sqlite3 write themselves.
// -------------------------------------------------------------------------------------------------

/** A directory's or file's state on disk: each file's relative name and whether it is complete by its format's magic. */
const diskState = (path: string): string | undefined => {
  const status = statSync(path, { throwIfNoEntry: false })
  if (status === undefined) return undefined
  const complete = (file: string): string => {
    const bytes = readFileSync(file)
    if (file.endsWith('.parquet'))
      return bytes.subarray(0, 4).toString() === 'PAR1' && bytes.subarray(-4).toString() === 'PAR1' ? 'whole' : 'cut'
    if (file.endsWith('.duckdb')) return bytes.subarray(8, 12).toString() === 'DUCK' ? 'whole' : 'cut'
    return bytes.subarray(0, 15).toString() === 'SQLite format 3' ? 'whole' : 'cut'
  }
  if (status.isFile()) return complete(path)
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => `${relative(path, file)} ${complete(file)}`)
    .sort()
    .join('\n')
}

const onDisk =
  (format: 'parquet' | 'duckdb' | 'sqlite', name: string, extra: ReadonlyArray<string> = []) =>
  (fault?: Fault): Prepared => {
    const directory = mkdtempSync(join(tmpdir(), 'write-paths-'))
    const journalFile = join(directory, 'main.journal')
    writeFileSync(journalFile, readFileSync(join(ROOT, 'ledgers/examples/m1-invoice-without-shipment.journal')))
    mkdirSync(join(directory, 'out'))
    const target = join(directory, 'out', name)
    return {
      argv: ['export', journalFile, '--format', format, '--no-findings', '-o', target, ...extra],
      writeFileSystem: withFaults(nodeWriteFileSystem, fault),
      state: () => diskState(target),
      leftovers: () =>
        readdirSync(join(directory, 'out'))
          .filter((entry) => entry.endsWith('.tmp'))
          .map((entry) => join(directory, 'out', entry)),
      dispose: () => rmSync(directory, { recursive: true, force: true }),
    }
  }

/** Four faults drawn at random steps (seeded), plus a kill and ENOSPC at the last step. */
const sampled =
  (seed: number) =>
  (steps: number): ReadonlyArray<Fault> => [
    ...fc.sample(fc.record({ at: fc.integer({ min: 0, max: steps - 1 }), kind: fc.constantFrom(...faultKinds) }), {
      numRuns: 4,
      seed,
    }),
    { at: steps - 1, kind: 'kill' },
    { at: steps - 1, kind: 'ENOSPC' },
  ]

describe('write paths under faults, on disk', () => {
  it('export --format sqlite -o FILE.sqlite (sqlite3 writes it): every step × every fault', async () => {
    await checkWriteFaults(onDisk('sqlite', 'books.sqlite'))
  }, 120_000)

  it('a program that fails (sqlite3 not found) leaves no scratch directory and no target', async () => {
    const prepared = onDisk('sqlite', 'books.sqlite')()
    const path = process.env['PATH']
    process.env['PATH'] = mkdtempSync(join(tmpdir(), 'no-sqlite-'))
    try {
      const result = await runCli(prepared.argv, { writeFileSystem: prepared.writeFileSystem })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/sqlite3 could not build .*books\.sqlite/u)
    } finally {
      process.env['PATH'] = path
    }
    expect(prepared.state()).toBeUndefined()
    expect(prepared.leftovers()).toEqual([])
    prepared.dispose?.()
  })

  it('export --format duckdb -o FILE.duckdb and parquet --partition -o DIR (DuckDB writes them): sampled faults', async () => {
    await checkWriteFaults(onDisk('duckdb', 'books.duckdb'), sampled(2504))
    await checkWriteFaults(onDisk('parquet', 'parquet', ['--partition', 'entity,year']), sampled(2505))
  }, 120_000)
})
