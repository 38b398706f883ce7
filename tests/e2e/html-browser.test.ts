/**
 * The Kirov HTML report in a real browser: Chromium (headless, through playwright-core) opens
 * the file from disk and must log no console error, make no request other than file: and data:,
 * show every chart as SVG and the 53,765,000 excess, and filter the findings. A screenshot goes
 * to docs/report-screenshot.png (the one the README shows).
 *
 * Chromium is /usr/bin/chromium when present, else the npm package @sparticuz/chromium
 * (tests/helpers/browser.ts), so the test runs on a fresh machine too.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { chartKinds } from '../../src/reports/ChartSvg.js'
import { launchChromium } from '../helpers/browser.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const KIROV = join(ROOT, 'ledgers/kirov/kirov.journal')
const SCREENSHOT = join(ROOT, 'docs/report-screenshot.png')

describe('the HTML report in Chromium', () => {
  it('opens the Kirov report from disk: no console errors, no network, charts as SVG, 53,765,000 visible, filters work', async () => {
    const out = mkdtempSync(join(tmpdir(), 'shadow-ledger-e2e-'))
    const written = await runCli(['report', 'html', KIROV, '--out', out])
    expect(written.code).toBe(0)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const consoleErrors: string[] = []
      const requests: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text())
      })
      page.on('pageerror', (error) => consoleErrors.push(error.message))
      page.on('request', (request) => requests.push(request.url()))
      const url = pathToFileURL(join(out, 'index.html')).href
      await page.goto(url, { waitUntil: 'load' })

      expect(consoleErrors).toEqual([])
      expect(requests.filter((request) => !request.startsWith('file:') && !request.startsWith('data:'))).toEqual([])
      expect(requests).toContain(url)

      // Every chart is an SVG with a size, inside its figure.
      for (const kind of chartKinds) {
        const svg = page.locator(`#chart-${kind} svg`)
        await expect(svg.count()).resolves.toBe(1)
        const box = await svg.boundingBox()
        expect(box?.width ?? 0, kind).toBeGreaterThan(100)
        expect(box?.height ?? 0, kind).toBeGreaterThan(50)
      }
      await expect(page.getByText('53,765,000', { exact: false }).first().isVisible()).resolves.toBe(true)

      // The filters: warnings only, then one rule.
      const rows = page.locator('#findings-table tbody tr')
      await expect(rows.count()).resolves.toBe(18)
      await page.selectOption('#filter-severity', 'warn')
      await expect(page.locator('#findings-table tbody tr:visible').count()).resolves.toBe(11)
      await expect(page.locator('#filter-count').textContent()).resolves.toBe('11 of 18 findings shown')
      await page.selectOption('#filter-severity', '')
      await page.selectOption('#filter-rule', 'working-capital-above-norm')
      await expect(page.locator('#findings-table tbody tr:visible').count()).resolves.toBe(1)
      await expect(
        page.locator('#findings-table tbody tr:visible').getByText('53,765,000.00 RUB').first().isVisible(),
      ).resolves.toBe(true)

      // Printing shows every finding and no filter controls.
      await page.emulateMedia({ media: 'print' })
      await expect(page.locator('#findings-table tbody tr:visible').count()).resolves.toBe(18)
      await expect(page.locator('.filters').isVisible()).resolves.toBe(false)
      await page.emulateMedia({ media: 'screen' })

      // The screenshot for the README: one finding selected, then the first charts.
      await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1900 } })
      expect(consoleErrors).toEqual([])
      expect(requests.filter((request) => !request.startsWith('file:') && !request.startsWith('data:'))).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
