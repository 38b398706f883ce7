/**
 * The README shows the journal by example: that example must load as printed, and the
 * commands it promises must exist.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import * as Load from '../../src/load/Load.js'
import { runCli } from '../helpers/cli.js'

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8')

const blockAfter = (heading: string): string => {
  const start = README.indexOf('```journal', README.indexOf(heading))
  const end = README.indexOf('```', start + 10)
  return README.slice(start + '```journal'.length, end)
}

describe('README', () => {
  it('has a journal example that loads as printed', () => {
    const loaded = Load.loadText('README.journal', blockAfter('## The journal, by example'), {
      fileSystem: memoryFileSystem(new Map()),
    })
    if (E.isLeft(loaded)) throw new Error(Load.renderFailure(loaded.left))
    expect(loaded.right.expectations.length).toBeGreaterThan(0)
  })

  it('names only commands the CLI has', async () => {
    const help = (await runCli(['--help'])).stdout
    const named = new Set([...README.matchAll(/^shadow-ledger ([a-z]+)/gmu)].map((match) => match[1] as string))
    for (const command of named) expect(help, command).toContain(command)
  })
})
