/**
 * The public API, pinned: every export of `shadow-ledger` (src/index.ts) and
 * `shadow-ledger/node` (src/node.ts) with its kind, and for namespaces their members, compared
 * with the checked-in tests/library/api-surface.json. A removed or renamed export, or one whose
 * kind changed, fails here: that is a breaking change (a major version under semver, see
 * CHANGELOG.md). An addition fails too, until the snapshot is updated on purpose
 * (`npx vitest run tests/library/api-surface.test.ts -u`) and the CHANGELOG says so.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import * as main from '../../src/index.js'
import * as node from '../../src/node.js'

type Kind = string | { readonly kind: 'namespace'; readonly members: Readonly<Record<string, Kind>> }

const isNamespace = (value: unknown): value is Readonly<Record<string, unknown>> =>
  Object.prototype.toString.call(value) === '[object Module]'

/** The kind of a runtime value: function, class, codec, namespace (with members), array, object, or a constant's type and value. */
const kindOf = (value: unknown, depth: number): Kind => {
  if (typeof value === 'function')
    return /^class[\s{]/u.test(Function.prototype.toString.call(value)) ? 'class' : 'function'
  if (value instanceof t.Type) return 'codec'
  if (isNamespace(value)) {
    if (depth >= 2) return 'namespace'
    return {
      kind: 'namespace',
      members: Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, kindOf(value[key], depth + 1)]),
      ),
    }
  }
  if (Array.isArray(value)) return 'array'
  if (value instanceof Map) return 'map'
  if (typeof value === 'object' && value !== null) return 'object'
  return `${typeof value} ${JSON.stringify(value)}`
}

/** Type-only exports, read from the entry's source (they have no runtime value). */
const typeExports = (file: string): ReadonlyArray<string> => {
  const text = readFileSync(resolve(import.meta.dirname, '../../src', file), 'utf8')
  const names: string[] = []
  for (const match of text.matchAll(/export type \{([^}]*)\}/gu)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/u)
        .at(-1)
        ?.trim()
      if (name !== undefined && name.length > 0) names.push(name)
    }
  }
  return names.sort()
}

const surface = (module: Readonly<Record<string, unknown>>, file: string) => ({
  values: Object.fromEntries(
    Object.keys(module)
      .sort()
      .map((key) => [key, kindOf(module[key], 0)]),
  ),
  types: typeExports(file),
})

describe('public API surface', () => {
  it('matches the pinned snapshot (tests/library/api-surface.json)', async () => {
    const current = { 'shadow-ledger': surface(main, 'index.ts'), 'shadow-ledger/node': surface(node, 'node.ts') }
    await expect(`${JSON.stringify(current, null, 2)}\n`).toMatchFileSnapshot(
      resolve(import.meta.dirname, 'api-surface.json'),
    )
  })

  it('has no default export and no bare export * (namespaces are exported by name) in the entry points', () => {
    expect('default' in main).toBe(false)
    for (const file of ['index.ts', 'node.ts']) {
      expect(readFileSync(resolve(import.meta.dirname, '../../src', file), 'utf8')).not.toMatch(/export \*\s+from/u)
    }
  })
})
