/**
 * Reconciliation of journal text in memory (tests only): the scenarios' declarations, a civilian
 * buyer, the text given; every built-in rule run as of a date.
 */
import * as E from 'fp-ts/lib/Either.js'
import { LocalDate } from '../../src/core/index.js'
import { loadText, memoryFileSystem, renderFailure } from '../../src/index.js'
import { builtInRules, type Finding, reconcile } from '../../src/reconcile/index.js'

export const declarations = `entity kirov
    sector: state
entity abtu
    sector: military
entity lentorg
    title: a civilian trading organization
    sector: cooperative
entity izhora
    sector: state
entity gosbank
    sector: bank
entity sberkassa
    sector: bank
entity procurer-x
    sector: person

commodity RUB
    format 1,000.00 RUB
commodity T28
    kind: goods
    unit: tank
commodity steel
    kind: goods
    unit: tonne
`

export type Loaded = Extract<ReturnType<typeof loadText>, { _tag: 'Right' }>['right']

/** Loads the declarations followed by `text`; throws with the rendered diagnostics on failure. */
export const load = (text: string): Loaded => {
  const loaded = loadText('test.journal', `${declarations}\n${text}`, { fileSystem: memoryFileSystem(new Map()) })
  if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
  return loaded.right
}

/** Every built-in rule's findings on the journal, as of `asOf`. */
export const findingsOf = (text: string, asOf: string, only?: ReadonlyArray<string>): ReadonlyArray<Finding> => {
  const loaded = load(text)
  const result = reconcile(
    {
      books: loaded.books,
      reported: loaded.reported,
      settings: loaded.settings,
      asOf: LocalDate.unsafeFromString(asOf),
    },
    builtInRules,
    only !== undefined ? { only } : {},
  )
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}
