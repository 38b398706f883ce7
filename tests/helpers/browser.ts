/**
 * Launches headless Chromium for the browser tests: Debian's /usr/bin/chromium when present,
 * otherwise the binary of the npm package @sparticuz/chromium (installed by `npm install`, no
 * network needed at run time), so the tests run on a fresh machine too.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** The system Chromium the tests prefer. */
export const systemChromium = '/usr/bin/chromium'

const quietFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']

/** Starts Chromium headless; close it with `browser.close()`. `SHADOW_LEDGER_CHROMIUM=package` forces the npm package's. */
export const launchChromium = async (): Promise<Browser> => {
  if (existsSync(systemChromium) && process.env.SHADOW_LEDGER_CHROMIUM !== 'package') return chromium.launch({ executablePath: systemChromium, args: quietFlags })
  const packaged = (await import('@sparticuz/chromium')).default
  return chromium.launch({ executablePath: await packaged.executablePath(), args: [...packaged.args, ...quietFlags.filter((flag) => !packaged.args.includes(flag))] })
}
