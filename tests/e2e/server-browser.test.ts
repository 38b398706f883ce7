/**
 * The web app (`shadow-ledger serve`) in a real browser: Chromium through playwright-core opens a
 * copy of the Kirov model, clicks from a finding to its evidence and source line, filters the
 * findings and the journal (the filters live in the URL), draws the charts and hovers one, sees
 * the page update when a journal file changes, and shows a journal with `<script>` in its text
 * as inert text. No console error and no request outside the server, throughout. A screenshot
 * goes to docs/server-screenshot.png (the one the README shows).
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Serve from '../../src/server/Serve.js'
import { launchChromium } from '../helpers/browser.js'

const ROOT = resolve(import.meta.dirname, '../..')
const SCREENSHOT = join(ROOT, 'docs/server-screenshot.png')
const CHARTS_SCREENSHOT = join(ROOT, 'docs/server-charts.png')

const work = mkdtempSync(join(tmpdir(), 'shadow-ledger-serve-'))
const assets = join(work, 'web')
const kirov = join(work, 'kirov')
const hostile = join(work, 'hostile')

let browser: Browser
let server: Serve.Server
let hostileServer: Serve.Server

/** A page that records console errors, page errors and every request outside `origin`. */
const openPage = async (
  origin: string,
): Promise<{ readonly page: Page; readonly problems: string[]; readonly outside: string[] }> => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const problems: string[] = []
  const outside: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) outside.push(request.url())
  })
  return { page, problems, outside }
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'tools/build-web.mjs'), assets])
  cpSync(join(ROOT, 'ledgers/kirov'), kirov, { recursive: true })
  mkdirSync(hostile)
  writeFileSync(
    join(hostile, 'main.journal'),
    [
      'account assets:cash',
      'account equity:opening',
      '',
      '1936-01-05 * <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">  ; source: "<b>bold</b>"',
      '    assets:cash                 100 RUB',
      '    equity:opening',
      '',
    ].join('\n'),
  )
  server = await Serve.start({ file: join(kirov, 'kirov.journal'), port: 0, host: '127.0.0.1', assets, debounceMs: 50 })
  hostileServer = await Serve.start({
    file: join(hostile, 'main.journal'),
    port: 0,
    host: '127.0.0.1',
    assets,
    debounceMs: 50,
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await hostileServer?.close()
})

describe('the web app in Chromium', () => {
  it('findings: filter by severity in the URL, open one, see its measures, evidence, source line and a context page', async () => {
    const { page, problems, outside } = await openPage(server.url)
    await page.goto(`${server.url}findings`)
    const rows = page.locator('#findings-table tbody tr')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(18)
    await expect(page.locator('#filter-count').textContent()).resolves.toBe('18 of 18 findings')

    await page.selectOption('#filter-severity', 'warn')
    await page.waitForURL(/severity=warn/u)
    await page
      .locator('#filter-count', { hasText: 'of 18' })
      .filter({ hasText: /^11 of/u })
      .waitFor()
    expect(await rows.count()).toBe(11)
    // The filter is in the URL: opened afresh, the same one.
    await page.goto(`${server.url}findings?severity=critical&rule=working-capital-above-norm`)
    await page.locator('#findings-table tbody tr').first().waitFor()
    expect(await rows.count()).toBe(1)

    await page.getByRole('link', { name: 'working-capital-above-norm' }).click()
    await page.waitForURL(/\/finding\/\d+$/u)
    await page.locator('#measures').waitFor()
    await expect(page.locator('#measures').textContent()).resolves.toContain('53,765,000.00 RUB')
    await expect(page.locator('#evidence').textContent()).resolves.toContain('TsGIA SPb. F.P-960, Op.7, D.5, 4')

    // The first evidence opens its source file with the cited line highlighted.
    await page.locator('#evidence button.loc').first().click()
    const marked = page.locator('#evidence .source .line.hl')
    await marked.first().waitFor()
    await expect(page.locator('#evidence .source .file').first().textContent()).resolves.toBe('1936.journal:16-17')
    await expect(marked.first().getAttribute('data-line')).resolves.toBe('16')
    await expect(marked.first().textContent()).resolves.toContain('91,372,000.00 RUB')

    // An evidence posting opens the transaction's context page: as written, balances before and after, findings citing it.
    await page.locator('#evidence-postings a').first().click()
    await page.waitForURL(/\/context\/transaction\/\d+$/u)
    await page.locator('#balances').waitFor()
    await expect(page.locator('pre.written').textContent()).resolves.toContain('demand    PD-T28-36-2  kirov -> abtu')
    await expect(page.locator('#context .source .line.hl').count()).resolves.toBeGreaterThan(0)
    await expect(page.locator('#balances').textContent()).resolves.toMatch(/before[\s\S]*after/u)
    await expect(page.locator('#context-findings').textContent()).resolves.toContain('working-capital-above-norm')

    expect(problems).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })

  it('journal: a query filters the transactions, the URL keeps it, a bad query is explained; accounts open their register', async () => {
    const { page, problems, outside } = await openPage(server.url)
    await page.goto(`${server.url}journal`)
    await page.locator('#journal-table tbody tr').first().waitFor()
    const all = await page.locator('#journal-table > tbody > tr').count()
    await page.fill('#query', 'desc:AccrueBonus date:1936-05')
    await page.press('#query', 'Enter')
    await page.waitForURL(/q=desc%3AAccrueBonus/u)
    await page.locator('.pager .range', { hasText: /of 1$/u }).waitFor()
    expect(await page.locator('#journal-table > tbody > tr').count()).toBeLessThan(all)
    await expect(page.locator('#journal-table').textContent()).resolves.toContain('AccrueBonus BON-36-1')

    await page.goto(`${server.url}journal?q=${encodeURIComponent('amt:>>1')}`)
    await page.locator('#query-error').waitFor()
    await expect(page.locator('#query-error').textContent()).resolves.toContain('amt:>>1')

    await page.goto(`${server.url}accounts`)
    await page.locator('#accounts-table tbody tr').first().waitFor()
    await expect(page.locator('#accounts-table').textContent()).resolves.toContain('T28')
    await page.locator('#accounts-table a', { hasText: 'wip' }).first().click()
    await page.waitForURL(/\/register\?account=/u)
    await page.locator('#register-table tbody tr').first().waitFor()
    await expect(page.locator('#register-table').textContent()).resolves.toContain('RUB')
    expect(problems).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })

  it('charts: drawn as SVG by vega in the page, a hover shows the values, a click drills into the journal', async () => {
    const { page, problems, outside } = await openPage(server.url)
    await page.goto(`${server.url}charts`)
    await page.locator('#charts[data-drawn="true"]').waitFor()
    for (const kind of ['divergence-over-time', 'divergence', 'wip', 'working-capital', 'plan-fulfilment']) {
      const box = await page.locator(`#chart-${kind} svg`).first().boundingBox()
      expect(box?.width ?? 0, kind).toBeGreaterThan(100)
    }
    await page.screenshot({ path: CHARTS_SCREENSHOT, fullPage: false })
    // The gap between recorded and accepted units is a shaded band.
    expect(await page.locator('#chart-divergence-over-time svg .mark-area path').count()).toBeGreaterThan(0)
    const bar = page.locator('#chart-working-capital svg .mark-rect path').first()
    await bar.hover()
    await page.locator('#tooltip:not([hidden])').waitFor()
    await expect(page.locator('#tooltip').textContent()).resolves.toMatch(/\d/u)
    const dated = page.locator('#chart-wip svg .mark-rect path, #chart-wip svg .mark-symbol path').first()
    await dated.click()
    await page.waitForURL(/\/journal\?q=date/u)
    await page.locator('#journal-table').waitFor()
    expect(problems).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })

  it('live: an edit to a journal file shows up in the open page without a reload', async () => {
    const { page, problems, outside } = await openPage(server.url)
    await page.goto(`${server.url}journal?q=desc%3Aitemize`)
    await page.locator('#journal-table tbody tr').first().waitFor()
    await page.locator('#live.on').waitFor()
    const file = join(kirov, '1936.journal')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'Circulating assets the sources do not itemize',
        'Circulating assets, edited live, the sources do not itemize',
      ),
    )
    await page.locator('#journal-table', { hasText: 'edited live' }).waitFor({ timeout: 15000 })
    expect(Number(await page.locator('body').getAttribute('data-generation'))).toBeGreaterThan(1)

    // A broken edit: the errors page shows the error at its location; fixing it brings the books back.
    const good = readFileSync(file, 'utf8')
    writeFileSync(file, `${good}\n1936-13-45 * not a date\n    kirov:assets:wip  1 RUB\n`)
    await page.goto(`${server.url}errors`)
    await page.locator('#diagnostics .diagnostic.error').first().waitFor({ timeout: 15000 })
    await expect(page.locator('#diagnostics').textContent()).resolves.toContain('1936.journal:')
    await expect(page.locator('#diagnostics .source .line.hl').first().textContent()).resolves.toContain('1936-13-45')
    writeFileSync(file, good)
    await page.locator('h1', { hasText: 'Journal: loaded' }).waitFor({ timeout: 15000 })
    expect(problems).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })

  it('a journal with <script> and markup in its text renders it as inert text', async () => {
    const { page, problems, outside } = await openPage(hostileServer.url)
    await page.goto(`${hostileServer.url}journal`)
    await page.locator('#journal-table tbody tr').first().waitFor()
    await expect(page.locator('#journal-table').textContent()).resolves.toContain('<script>window.__pwned = 1</script>')
    await page.locator('#journal-table a').first().click()
    await page.locator('pre.written').waitFor()
    await expect(page.locator('pre.written').textContent()).resolves.toContain('<img src=x onerror=')
    await page.goto(`${hostileServer.url}sources`)
    await page.locator('#sources').waitFor()
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('main script, main img, main b').count()).toBe(0)
    expect(problems).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })

  it('the screenshot for the README: a finding, its measures and its evidence with the source open', async () => {
    const { page, problems } = await openPage(server.url)
    await page.goto(`${server.url}findings`)
    await page.locator('#findings-table tbody tr').first().waitFor()
    await page.goto(`${server.url}finding/0`)
    await page.locator('#evidence button.loc').first().click()
    await page.locator('#evidence .source .line.hl').first().waitFor()
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0))
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1250 } })
    expect(problems).toEqual([])
    await page.close()
  })
})
