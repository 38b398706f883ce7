/**
 * The lint gate catches what matters here. Each case writes one small file at a path of the
 * project's layout into a scratch copy of the configuration (biome.json) and runs Biome on it:
 * the rule named must fire there, and a clean file at the same place must pass. So a change to
 * biome.json that silently drops one of these rules fails this test, and `npm run lint` (the
 * first step of `npm test`) fails on any such file in the tree.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const biome = resolve(root, 'node_modules', '.bin', 'biome')
const scratch = mkdtempSync(join(tmpdir(), 'shadow-ledger-lint-'))
copyFileSync(resolve(root, 'biome.json'), join(scratch, 'biome.json'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

interface Diagnostic {
  readonly category: string
  readonly location: { readonly path: string }
}

let counter = 0
/** The lint and format diagnostics Biome reports for one file written at `path`. */
const diagnosticsOf = (path: string, text: string): ReadonlyArray<string> => {
  const directory = join(scratch, `case${counter++}`)
  const file = join(directory, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  copyFileSync(join(scratch, 'biome.json'), join(directory, 'biome.json'))
  let output: string
  try {
    output = execFileSync(biome, ['ci', '--colors=off', '--vcs-enabled=false', '--reporter=json', '.'], {
      cwd: directory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch (error) {
    output = String((error as { stdout?: unknown }).stdout ?? '')
  }
  const report = JSON.parse(output) as { diagnostics: ReadonlyArray<Diagnostic> }
  return report.diagnostics.filter((d) => d.location.path.endsWith(path)).map((d) => d.category)
}

const cases: ReadonlyArray<{
  readonly name: string
  readonly path: string
  readonly bad: string
  readonly rule: string
}> = [
  {
    name: 'decimal.js outside core/Quantity.ts',
    path: 'src/domain/Sum.ts',
    bad: "import { Decimal } from 'decimal.js'\n\nexport const one = new Decimal(1)\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'fs outside cli, load and server',
    path: 'src/reconcile/Read.ts',
    bad: "import { readFileSync } from 'node:fs'\n\nexport const read = (path: string): string => readFileSync(path, 'utf8')\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'process outside cli',
    path: 'src/reports/Env.ts',
    bad: "import { env } from 'node:process'\n\nexport const home = (): string | undefined => env['HOME']\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'any',
    path: 'src/core/Loose.ts',
    bad: 'export const same = (value: any): unknown => value\n',
    rule: 'lint/suspicious/noExplicitAny',
  },
  {
    name: 'a default export',
    path: 'src/core/Thing.ts',
    bad: 'const thing = 1\nexport default thing\n',
    rule: 'lint/style/noDefaultExport',
  },
  {
    name: 'a floating promise',
    path: 'src/cli/Later.ts',
    bad: 'const later = async (): Promise<number> => 1\n\nexport const run = (): void => {\n  later()\n}\n',
    rule: 'lint/nursery/noFloatingPromises',
  },
  {
    name: 'a switch on a tagged union that misses a case',
    path: 'src/core/Shape.ts',
    bad:
      "type Shape = { readonly _tag: 'Square' } | { readonly _tag: 'Circle' }\n\n" +
      "export const name = (shape: Shape): string => {\n  switch (shape._tag) {\n    case 'Square':\n" +
      "      return 'square'\n  }\n  return 'other'\n}\n",
    rule: 'lint/nursery/useExhaustiveSwitchCases',
  },
  {
    name: 'imports out of order',
    path: 'src/core/Order.ts',
    bad: "import { pipe } from 'fp-ts/lib/function.js'\nimport * as E from 'fp-ts/lib/Either.js'\n\nexport const f = (): unknown => pipe(E.right(1))\n",
    rule: 'assist/source/organizeImports',
  },
  {
    name: 'an unformatted file',
    path: 'src/core/Ugly.ts',
    bad: 'export const x = { a: 1, b: 2 };\n',
    rule: 'format',
  },
]

describe('the lint gate', () => {
  it('passes a clean file in every layer', () => {
    for (const path of ['src/core/Fine.ts', 'src/domain/Fine.ts', 'src/cli/Fine.ts'])
      expect(
        diagnosticsOf(path, "import * as E from 'fp-ts/lib/Either.js'\n\nexport const one = E.right(1)\n"),
      ).toEqual([])
  })

  it('lets core/Quantity.ts import decimal.js and cli/ import fs', () => {
    expect(
      diagnosticsOf(
        'src/core/Quantity.ts',
        "import { Decimal } from 'decimal.js'\n\nexport const one = new Decimal(1)\n",
      ),
    ).toEqual([])
    expect(
      diagnosticsOf(
        'src/cli/Read.ts',
        "import { readFileSync } from 'node:fs'\n\nexport const read = (path: string): string => readFileSync(path, 'utf8')\n",
      ),
    ).toEqual([])
  })

  for (const { name, path, bad, rule } of cases)
    it(`catches ${name} (${rule})`, () => {
      expect(diagnosticsOf(path, bad)).toContain(rule)
    })
})
