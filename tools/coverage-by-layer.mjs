#!/usr/bin/env node
/**
 * Prints test coverage per layer (src/core, src/domain, …) from vitest's V8 coverage summary
 * (coverage/coverage-summary.json, written by `vitest run --coverage`). The floors themselves
 * are enforced by vitest (vitest.config.ts); this table is what CI output shows.
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const summaryPath = resolve(root, 'coverage', 'coverage-summary.json')
let summary
try {
  summary = JSON.parse(readFileSync(summaryPath, 'utf8'))
} catch (error) {
  process.stderr.write(`coverage-by-layer: cannot read ${relative(root, summaryPath)}: ${error.message}\n`)
  process.exit(2)
}
const metrics = ['lines', 'statements', 'functions', 'branches']
const layers = new Map()
for (const [file, figures] of Object.entries(summary)) {
  if (file === 'total') continue
  const parts = relative(root, file).split('/')
  if (parts[0] !== 'src' || parts.length < 3) continue
  const layer = `src/${parts[1]}`
  const sums = layers.get(layer) ?? Object.fromEntries(metrics.map((m) => [m, { covered: 0, total: 0 }]))
  for (const m of metrics) {
    sums[m].covered += figures[m].covered
    sums[m].total += figures[m].total
  }
  layers.set(layer, sums)
}
const percent = ({ covered, total }) => (total === 0 ? '100.0' : ((covered / total) * 100).toFixed(1))
const rows = [...layers.entries()].sort(([a], [b]) => a.localeCompare(b))
const width = Math.max(...rows.map(([layer]) => layer.length), 'layer'.length)
const line = (cells) => cells.map((cell, index) => (index === 0 ? cell.padEnd(width) : cell.padStart(10))).join('  ')
process.stdout.write(`\nCoverage by layer (V8, in-process tests)\n${line(['layer', ...metrics])}\n`)
for (const [layer, sums] of rows)
  process.stdout.write(`${line([layer, ...metrics.map((m) => `${percent(sums[m])} %`)])}\n`)
