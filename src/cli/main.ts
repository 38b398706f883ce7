#!/usr/bin/env node
/**
 * The command line. The only place with process, stdout, stderr and exit codes:
 * 0 ok, 1 data errors or failed expectations, 2 usage, 3 I/O.
 */
import { readFileSync } from 'node:fs'
import { run } from './run.js'

// A reader that stops early (`shadow-ledger reconcile … | head`) closes the pipe: stop quietly,
// as Unix tools do, instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTerminal: process.stderr.isTTY === true,
  cwd: process.cwd(),
  readStdin: () => readFileSync(0, 'utf8'),
  env: process.env,
})
