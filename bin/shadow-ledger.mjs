#!/usr/bin/env node
// The `shadow-ledger` command: runs the built CLI (dist/cli/main.js). In a source checkout that
// has not been built yet (a fresh clone after `npm install`, which runs no build script), it
// builds dist/ once first, so `npm install && npx shadow-ledger …` works there too; the published
// package ships dist/ and never builds.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const main = join(root, 'dist', 'cli', 'main.js')
if (!existsSync(main)) {
  process.stderr.write('shadow-ledger: building dist/ first (a source checkout without a build) …\n')
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (built.status !== 0 || !existsSync(main)) {
    process.stderr.write('shadow-ledger: the build failed; run `npm run build` and try again\n')
    process.exit(1)
  }
}
await import(pathToFileURL(main).href)
