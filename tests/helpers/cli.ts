/** Runs the CLI in-process and captures its output. */
import { resolve } from 'node:path'
import { run } from '../../src/cli/run.js'

const ROOT = resolve(import.meta.dirname, '../..')

export const runCli = async (argv: ReadonlyArray<string>): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> => {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTerminal: false, cwd: ROOT })
  return { code, stdout, stderr }
}

