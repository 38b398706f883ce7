#!/usr/bin/env node
// The web app on a large journal: how long `serve` takes to load it and run the rules, then, in
// headless Chromium, the first paint and the time until the ranked findings are on screen after
// the page is requested (the target: under 3 s), and the journal page's first 100 rows.
//
//   npm run build && node bench/serve.mjs FILE [--runs 3]
//
// Uses /usr/bin/chromium when present, else the npm package @sparticuz/chromium.
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { chromium } from 'playwright-core'
import { start } from '../dist/server/Serve.js'

const file = process.argv[2]
if (file === undefined) {
  console.error('usage: node bench/serve.mjs FILE [--runs N]')
  process.exit(2)
}
const runsAt = process.argv.indexOf('--runs')
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3

const launch = async () => {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu']
  if (existsSync('/usr/bin/chromium')) return chromium.launch({ executablePath: '/usr/bin/chromium', args: flags })
  const packaged = (await import('@sparticuz/chromium')).default
  return chromium.launch({ executablePath: await packaged.executablePath(), args: packaged.args })
}

const loadStart = performance.now()
const server = await start({ file, port: 0, host: '127.0.0.1' })
const loadMs = performance.now() - loadStart
const status = server.current()
console.log(
  `loaded ${file}: ${status.loaded === undefined ? 'FAILED' : 'ok'}, ${status.ranked.length} findings, server ready in ${(loadMs / 1000).toFixed(1)} s (load + rules, once at start)`,
)
for (const path of ['api/status', 'api/findings', 'api/journal', 'api/finding/0']) {
  const begin = performance.now()
  const body = await (await fetch(`${server.url}${path}`)).text()
  console.log(`GET /${path}: ${(performance.now() - begin).toFixed(0)} ms, ${body.length} bytes`)
}
const browser = await launch()
try {
  for (const [name, path, ready] of [
    ['findings', 'findings', '#findings-table tbody tr'],
    ['journal', 'journal', '#journal-table tbody tr'],
  ]) {
    const times = []
    for (let run = 0; run < runs; run += 1) {
      const page = await browser.newPage()
      const begin = performance.now()
      await page.goto(`${server.url}${path}`)
      await page.locator(ready).first().waitFor({ timeout: 60000 })
      const shown = performance.now() - begin
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      )
      times.push({ shown, paint })
      await page.close()
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    console.log(
      `${name}: first contentful paint ${median(times.map((time) => time.paint)).toFixed(0)} ms, content on screen ${median(times.map((time) => time.shown)).toFixed(0)} ms (median of ${runs})`,
    )
  }
} finally {
  await browser.close()
  await server.close()
}
