/**
 * The seed of the random tests: derived from the commit under test, so that a red run is red again
 * on the same commit (and replayable anywhere), while each new commit explores new inputs.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export interface SeedChoice {
  readonly seed: number
  /** Where the seed came from, printed with a failure. */
  readonly from: string
}

/** The first 8 hex digits of `git rev-parse HEAD` as a 32-bit integer, or a fixed seed without git (a tarball). */
export const commitSeed = (): SeedChoice => {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    if (/^[0-9a-f]{8}/u.test(head))
      return { seed: Number.parseInt(head.slice(0, 8), 16) | 0, from: `commit ${head.slice(0, 12)}` }
  } catch {
    // no git: the fixed seed below
  }
  return { seed: 0x5eed_2025, from: 'the fixed seed (no git)' }
}

/**
 * The seed a random test uses: the environment variable's (`random` draws one), else the commit's.
 */
export const seedFrom = (variable: string): SeedChoice => {
  const fromEnv = process.env[variable]
  if (fromEnv === 'random') return { seed: (Math.random() * 2 ** 31) | 0, from: `${variable}=random` }
  if (fromEnv !== undefined && fromEnv !== '') return { seed: Number(fromEnv), from: variable }
  return commitSeed()
}
