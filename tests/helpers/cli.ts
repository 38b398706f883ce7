/** Runs the CLI in-process and captures its output. */
import { resolve } from 'node:path'
import { type Io, run } from '../../src/cli/run.js'

const ROOT = resolve(import.meta.dirname, '../..')

export const runCli = async (
  argv: ReadonlyArray<string>,
  extra: Partial<Pick<Io, 'writeFileSystem' | 'fileSystem' | 'readStdin' | 'env' | 'today'>> = {},
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> => {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTerminal: false,
    cwd: ROOT,
    ...extra,
  })
  return { code, stdout, stderr }
}
