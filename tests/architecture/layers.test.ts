/**
 * The dependency rules of ARCHITECTURE.md, enforced: each layer imports only the layers its
 * row allows, decimal.js only from core/Quantity.ts, and node built-ins only from load/, server/ and cli/.
 * server/ may use node built-ins for its HTTP listener and file watching.
 * The check reads every import of every file under src/ (static and dynamic).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import layerTable from './layers.json' with { type: 'json' }

const ROOT = resolve(import.meta.dirname, '../../src')

/** The import table (ARCHITECTURE.md), shared with `.dependency-cruiser.cjs`: each layer and the layers it may import. */
export const allowed: Readonly<Record<string, ReadonlyArray<string>>> = layerTable

/** npm packages each layer may use; node built-ins are a separate rule. */
const packages: Readonly<Record<string, ReadonlyArray<string>>> = {
  core: ['fp-ts', 'decimal.js'],
  domain: ['fp-ts', 'io-ts'],
  journal: ['fp-ts', 'io-ts'],
  measures: ['fp-ts', 'io-ts'],
  reconcile: ['fp-ts', 'io-ts'],
  reports: ['fp-ts', 'io-ts', 'vega', 'vega-lite'],
  load: ['fp-ts', 'io-ts'],
  interchange: ['fp-ts', 'io-ts', 'csv-parse'],
  simulate: ['fp-ts', 'io-ts'],
  // The web app: its server (hono) and, in server/web/, the front end's bundled chart libraries.
  server: ['fp-ts', 'io-ts', 'hono', '@hono/node-server', 'vega', 'vega-lite', 'vega-interpreter'],
  cli: ['*'],
}

const files = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

/** Every module specifier a file imports: `import … from 'x'`, `export … from 'x'`, `import('x')`. */
export const importsOf = (text: string): string[] => {
  const specifiers: string[] = []
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gmu
  for (const match of text.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3]) as string)
  return specifiers
}

const layerOf = (file: string): string => {
  const path = relative(ROOT, file)
  return path.includes('/') ? (path.split('/')[0] as string) : 'index'
}

export const violations = (): string[] => {
  const problems: string[] = []
  for (const file of files(ROOT)) {
    const layer = layerOf(file)
    const text = readFileSync(file, 'utf8')
    for (const specifier of importsOf(text)) {
      const where = relative(resolve(ROOT, '..'), file)
      if (specifier === 'decimal.js' && !where.endsWith('src/core/Quantity.ts'))
        problems.push(`${where}: imports decimal.js (only src/core/Quantity.ts may)`)
      if (specifier.startsWith('.')) {
        const target = layerOf(resolve(file, '..', specifier))
        if (layer === 'index' || target === layer) continue
        if (target === 'index') problems.push(`${where}: imports the public index from inside a layer`)
        else if (!(allowed[layer] ?? []).includes(target))
          problems.push(`${where}: layer ${layer} may not import ${target} (${specifier})`)
        continue
      }
      const isNode =
        specifier.startsWith('node:') ||
        ['fs', 'path', 'os', 'child_process', 'fs/promises', 'url', 'process'].includes(specifier)
      if (isNode) {
        if (layer !== 'load' && layer !== 'cli' && layer !== 'server')
          problems.push(`${where}: node built-in ${specifier} outside load/, server/ and cli/`)
        continue
      }
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : (specifier.split('/')[0] as string)
      const permitted = packages[layer] ?? ['*']
      if (layer !== 'index' && !permitted.includes('*') && !permitted.includes(name))
        problems.push(`${where}: layer ${layer} may not use package ${name}`)
    }
    // Comments may show console output in examples; only code counts.
    const code = text.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"])\/\/.*$/gmu, '$1')
    if (
      layer !== 'cli' &&
      layer !== 'load' &&
      /\bprocess\.(exit|stdout|stderr|argv|env)\b|\bconsole\.(log|error|warn)\(/u.test(code)
    ) {
      problems.push(`${relative(resolve(ROOT, '..'), file)}: uses process or console outside load/ and cli/`)
    }
  }
  return problems
}

describe('architecture', () => {
  it('every layer imports only what ARCHITECTURE.md allows', () => {
    expect(violations()).toEqual([])
  })

  it('the import scanner sees static, re-export, dynamic and side-effect imports (so the check above can fail)', () => {
    const text = [
      "import * as A from '../domain/A.js'",
      "export { b } from 'decimal.js'",
      "const c = await import('node:fs')",
      "import './side.js'",
    ].join('\n')
    expect(importsOf(text)).toEqual(['../domain/A.js', 'decimal.js', 'node:fs', './side.js'])
  })
})
