/**
 * Launches headless Chromium for the browser tests: Debian's /usr/bin/chromium when present,
 * otherwise the binary of the npm package @sparticuz/chromium (installed by `npm install`, no
 * network needed at run time), so the tests run on a fresh machine too.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** The system Chromium the tests prefer. */
export const systemChromium = '/usr/bin/chromium'

const quietFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

/** Starts Chromium headless; close it with `browser.close()`. `SHADOW_LEDGER_CHROMIUM=package` forces the npm package's. */
export const launchChromium = async (): Promise<Browser> => {
  if (existsSync(systemChromium) && process.env.SHADOW_LEDGER_CHROMIUM !== 'package')
    return chromium.launch({ executablePath: systemChromium, args: quietFlags })
  const packaged = (await import('@sparticuz/chromium')).default
  // The package's flags are made for one-shot serverless runs: `--single-process` ends the
  // browser with its last page, so it is left out (the tests open and close many pages).
  const args = packaged.args.filter((flag) => flag !== '--single-process')
  return chromium.launch({
    executablePath: await packaged.executablePath(),
    args: [...args, ...quietFlags.filter((flag) => !args.includes(flag))],
  })
}
