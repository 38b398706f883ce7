/** `serve`: usage errors before anything listens; the port must be a port number. */
import { describe, expect, it } from 'vitest'
import { parsePort } from '../../src/cli/serve.js'
import { runCli } from '../helpers/cli.js'

describe('shadow-ledger serve', () => {
  it('refuses a port that is not a number from 0 to 65535, with a usage error', async () => {
    for (const port of ['abc', '65536', '-1', '80.5']) {
      const result = await runCli(['serve', 'ledgers/kirov/kirov.journal', '--port', port])
      expect(result.code, port).toBe(2)
      expect(result.stderr, port).toContain('--port')
    }
    expect(parsePort('0')).toBe(0)
    expect(parsePort('5177')).toBe(5177)
  })

  it('is listed in the help', async () => {
    const result = await runCli(['--help'])
    expect(result.stdout).toMatch(/serve \[options\] \[FILE\]/u)
  })
})
