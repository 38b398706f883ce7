/**
 * The main entry bundles for the browser: esbuild with `platform: 'browser'` must not meet any
 * Node built-in (`fs`, `node:path`, …) anywhere in the import graph of src/index.ts, and the
 * bundle must run in a bare JavaScript context (no `process`, `Buffer` or `require`).
 */
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { createContext, runInContext } from 'node:vm'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** Records every Node built-in the bundle imports, with the importing file, and fails the build on it. */
const nodeBuiltins = (found: string[]): Plugin => ({
  name: 'no-node-builtins',
  setup(context) {
    // esbuild filters are Go regular expressions: no `u` flag.
    context.onResolve({ filter: /.*/ }, (args) => {
      if (!builtins.has(args.path) && !args.path.startsWith('node:')) return undefined
      found.push(`${args.path} (imported by ${args.importer.replace(`${ROOT}/`, '')})`)
      return { errors: [{ text: `Node built-in ${args.path} in the browser bundle` }] }
    })
  },
})

const bundle = async (format: 'esm' | 'iife', found: string[]) =>
  build({
    entryPoints: [resolve(ROOT, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format,
    ...(format === 'iife' ? { globalName: 'ShadowLedger' } : {}),
    write: false,
    logLevel: 'silent',
    metafile: true,
    plugins: [nodeBuiltins(found)],
  }).catch((error: unknown) => ({ error }))

describe('browser bundle of src/index.ts', () => {
  it('has no Node built-in in its import graph', async () => {
    const found: string[] = []
    const result = await bundle('esm', found)
    expect(found).toEqual([])
    expect('error' in result ? result.error : undefined).toBeUndefined()
    if ('metafile' in result) {
      const inputs = Object.keys(result.metafile?.inputs ?? {})
      expect(inputs.some((input) => input.endsWith('src/load/NodeFileSystem.ts'))).toBe(false)
      expect(inputs.some((input) => input.includes('node_modules/commander'))).toBe(false)
    }
  })

  it('the check can fail: bundling the Node entry reports node:fs', async () => {
    const found: string[] = []
    await build({
      entryPoints: [resolve(ROOT, 'src/node.ts')],
      bundle: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      plugins: [nodeBuiltins(found)],
    }).catch(() => undefined)
    expect(found.some((entry) => entry.startsWith('node:fs'))).toBe(true)
  })

  it('runs in a bare context: loads a journal from memory and computes a trial balance', async () => {
    const result = await bundle('iife', [])
    if ('error' in result) throw result.error
    const code = result.outputFiles?.[0]?.text ?? ''
    const context = createContext({ TextEncoder, console })
    runInContext(code, context)
    const rows = runInContext(
      `(() => {
        const { loadText, memoryFileSystem, Query } = ShadowLedger
        const text = '2024-01-01 Opening\\n    assets:cash  10.50 RUB  [2 T28]\\n    equity:opening\\n'
        const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
        if (loaded._tag !== 'Right') throw new Error('load failed')
        return JSON.stringify(Query.trialBalance(loaded.right.ledger, { book: 'goods' }).rows.map((row) => row.account))
      })()`,
      context,
    ) as string
    expect(JSON.parse(rows)).toEqual(['assets:cash'])
  })
})
