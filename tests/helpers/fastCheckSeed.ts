/**
 * Vitest setup: every fast-check property runs from the commit's seed (tests/helpers/seed.ts), so a
 * failing property fails again on the same commit. `FC_SEED=<n>` replays one, `FC_SEED=random`
 * draws one per run (fast-check prints the seed and path of a counterexample either way).
 */
import fc from 'fast-check'
import { seedFrom } from './seed.js'

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: seedFrom('FC_SEED').seed })
