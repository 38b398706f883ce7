/**
 * Goal: every error a journal can produce, from every layer, is reachable, located, rendered the
 * same way every time, and never a crash.
 * Method: the bad-input corpus ledgers/errors/ holds one journal per error tag (`<Tag>.journal`,
 * more as `<Tag>-2.journal`, …), each failing in exactly one way; its first line says
 * `; <Tag> (<layer>): what is wrong`. Each is checked in-process with `shadow-ledger check` (with
 * `--strict` for the strict layer) and
 * its stderr is pinned in `<Tag>.err` next to it (paths relative to the repository root). A
 * second test walks every catalogued error union and asks for a journal per tag, or an entry in
 * the commented allow-list of tags no journal can produce.
 *
 * To re-pin after an intended message change: `npx vitest run tests/hardening/error-corpus.test.ts -u`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testJournals } from '../../src/cli/reconcile.js'
import { declarationErrorTags, postingErrorTags } from '../../src/core/Ledger.js'
import { domainErrorTags } from '../../src/domain/DomainError.js'
import { elaborateErrorTags, elaborateWarningTags } from '../../src/journal/Elaborate.js'
import { operationErrorTags } from '../../src/journal/Operations.js'
import { parseErrorTags } from '../../src/journal/ParseError.js'
import { planErrorTags } from '../../src/journal/Plans.js'
import { statementErrorTags } from '../../src/journal/Statements.js'
import { loadErrorTags, strictErrorTags } from '../../src/load/Diagnostic.js'
import { runCli } from '../helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '../..')
const CORPUS = 'ledgers/errors'

/** Every catalogued union a journal can reach, by layer (the word in each journal's first line). */
const unions: Readonly<Record<string, ReadonlyArray<string>>> = {
  parse: parseErrorTags,
  elaborate: [...elaborateErrorTags, ...elaborateWarningTags],
  statement: statementErrorTags,
  plan: planErrorTags,
  operation: operationErrorTags,
  posting: postingErrorTags,
  declaration: declarationErrorTags,
  domain: domainErrorTags,
  load: loadErrorTags,
  strict: strictErrorTags,
}

/**
 * Tags no journal given to `shadow-ledger check` can produce, each with the reason and where the
 * tag is tested instead. A tag listed here that gains a corpus file fails the coverage test, so
 * the list stays honest.
 */
const unreachable: Readonly<Record<string, string>> = {
  // A journal is text by construction; InvalidParseInput is `parse`'s guard against a JavaScript caller
  // passing a value of the wrong kind (tests/journal/errors.test.ts, tests/library/junk.property.test.ts).
  'parse:InvalidParseInput': 'a journal is always text; the guard of parse against non-text arguments',
  // The CLI passes a string path and its own file system; the guard is for library callers (tests/load/guard.test.ts).
  'load:InvalidLoadInput': 'the CLI always passes a path and a file system; the guard of loadText and loadFile',
  // The parser stops a transaction at the same limit (postingsPerTransactionMax) first, with
  // the parse tag TooManyPostings; the core check is the paired second check
  // (tests/core/Ledger.test.ts posts past the limit through the API).
  'posting:TooManyPostings': 'the parser reports TooManyPostings first; the ledger check is the paired second check',
  // declareCommodity merges a re-declaration of the same kind; no code path constructs it.
  'declaration:DuplicateCommodity': 'never constructed: re-declaring a commodity of the same kind merges it',
  // The loader declares every commodity before it posts anything, and a re-declaration with
  // another kind is the elaborator's CommodityRedeclared first.
  'declaration:CommodityKindConflict':
    'the loader declares commodities before posting; a conflicting re-declaration is CommodityRedeclared first',
  // The elaborator reports the second `entity` directive as the elaborate tag DuplicateEntity first.
  'declaration:DuplicateEntity': 'the elaborator reports DuplicateEntity first',
  // The loader declares every entity before it posts any transaction (an entity declared after
  // early postings makes it rebuild), so an entity never comes after postings.
  'declaration:EntityAfterPostings': 'the loader declares every entity before posting',
  // The operation elaborator checks every party against the declared entities first and
  // reports the operation tag UnknownEntity (ledgers/errors/UnknownEntity-3.journal).
  'domain:UnknownEntity': 'the operation elaborator reports UnknownEntity first',
  // The loader applies operations in date order (stable), so an operation never comes before
  // the document it names: it is UnknownDocument instead.
  'domain:DateBeforeDocument':
    'the loader applies entries in date order; an earlier operation finds no document (UnknownDocument)',
  // The loader applies operations with frozenDebits: 'record': a debit of a frozen account is
  // posted with a FrozenAccountDebitRecorded note (historical books hold the breach, rule R16).
  'domain:FrozenAccountDebit': "the loader records frozen-account debits as notes (frozenDebits: 'record')",
  // The journal elaborator builds only well-formed operations; InvalidOperation is the guard of
  // Apply.apply against values built by hand (tests/library/errors.test.ts).
  'domain:InvalidOperation':
    'the elaborator builds well-formed operations only; the API guard is tested in tests/library/errors.test.ts',
  // The elaborator and the loader build well-typed inputs only; these are the guards of
  // Ledger.post and the declare functions against values built by hand (tests/library/junk.property.test.ts).
  'posting:InvalidTransactionInput':
    'the elaborator builds well-formed transaction inputs only; the API guard is tested in tests/library/junk.property.test.ts',
  'declaration:InvalidDeclarationInput':
    'the elaborator builds well-formed declarations only; the API guard is tested in tests/library/junk.property.test.ts',
  // Both file-system ports list files, so the CLI expands globs; a port without `filesBelow`
  // refuses them (tests/load/glob.test.ts).
  'load:IncludeGlobNotSupported':
    'the Node and memory ports list files, so globs expand; a port without filesBelow refuses them (tests/load/glob.test.ts)',
  // The CLI loads without a root; tests/hardening/untrusted.test.ts loads with one.
  'load:IncludeOutsideRoot':
    'the CLI sets no include root; tested through loadFile/loadText with a root in tests/hardening/untrusted.test.ts',
  // The CLI's cap is localJournalBytesMax (64 GiB; journalBytesMax, 1 GiB, for other callers); tests/hardening/untrusted.test.ts uses a small bytesMax.
  'load:JournalTooLarge':
    'reachable by check, but only past the CLI cap of 64 GiB (README ‡); tested with a small bytesMax in tests/hardening/untrusted.test.ts',
}

/** Tags whose journal exits with 3 (I/O), as the CLI decides. */
const ioTags = new Set(['FileNotFound', 'FileUnreadable', 'NotAFile'])
/** Tags that are warnings: the load succeeds and `check` exits 0. */
const warningTags = new Set<string>(elaborateWarningTags)

interface CorpusFile {
  readonly name: string
  readonly tag: string
  readonly layer: string
}

const corpus: ReadonlyArray<CorpusFile> = readdirSync(join(ROOT, CORPUS))
  .filter((name) => name.endsWith('.journal'))
  .sort()
  .map((name) => {
    const base = name.slice(0, -'.journal'.length)
    const tag = base.replace(/-\d+$/u, '')
    const header = /^; (\w+) \((\w+)\): /u.exec(readFileSync(join(ROOT, CORPUS, name), 'utf8'))
    return { name, tag, layer: header?.[2] ?? `(no header in ${name})` }
  })

/** The diagnostics of a rendered output: `file:line:column: severity: message (Tag)` heads. */
const heads = (stderr: string): ReadonlyArray<{ readonly severity: string; readonly tag: string }> =>
  [...stderr.matchAll(/^(?:\S.*?: )?(error|warning): .*\((\w+)\)$/gmu)].map((match) => ({
    severity: match[1] as string,
    tag: match[2] as string,
  }))

describe('the bad-input corpus (ledgers/errors/)', () => {
  it('has a journal for every reachable tag of every layer, and names its tag and layer in its first line', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60)
    const covered = new Set(corpus.map((file) => `${file.layer}:${file.tag}`))
    for (const file of corpus) {
      expect(Object.keys(unions), `${file.name}: unknown layer`).toContain(file.layer)
      expect(unions[file.layer], `${file.name}: ${file.tag} is not a ${file.layer} tag`).toContain(file.tag)
      expect(readFileSync(join(ROOT, CORPUS, file.name), 'utf8').startsWith(`; ${file.tag} (`), file.name).toBe(true)
    }
    const missing: string[] = []
    for (const [layer, tags] of Object.entries(unions)) {
      for (const tag of tags) {
        const key = `${layer}:${tag}`
        if (covered.has(key))
          expect(unreachable[key], `${key} has a journal; remove it from the allow-list`).toBeUndefined()
        else if (unreachable[key] === undefined) missing.push(key)
      }
    }
    expect(missing, 'tags with neither a journal in ledgers/errors/ nor an allow-list entry').toEqual([])
    for (const key of Object.keys(unreachable)) {
      const [layer, tag] = key.split(':') as [string, string]
      expect(unions[layer], `allow-list entry ${key} names no catalogued tag`).toContain(tag)
    }
  })

  it('is skipped by `shadow-ledger test ledgers` (its journals fail on purpose), and tested when named', () => {
    expect(testJournals(['ledgers']).filter((file) => file.includes('/ledgers/errors/'))).toEqual([])
    expect(testJournals([`${CORPUS}/InvalidExpectation.journal`])).toHaveLength(1)
  })

  for (const file of corpus) {
    it(`${file.name}: check fails with exactly one ${file.tag}, rendered as pinned`, async () => {
      const path = `${CORPUS}/${file.name}`
      // The strict layer reports only under --strict (its journals load without it).
      const { code, stdout, stderr } = await runCli(
        file.layer === 'strict' ? ['--strict', 'check', path] : ['check', path],
      )
      expect(stderr).not.toContain('\n    at ')
      expect(stderr).not.toContain('internal error')
      const found = heads(stderr)
      if (warningTags.has(file.tag)) {
        expect(code).toBe(0)
        expect(stdout).toMatch(/^ok: /u)
        expect(found).toEqual([{ severity: 'warning', tag: file.tag }])
      } else {
        expect(code).toBe(ioTags.has(file.tag) ? 3 : 1)
        expect(stdout).toBe('')
        if (file.tag === 'TooManyErrors') {
          // The parser stops after parseErrorsMax errors and says so once, last.
          expect(found.filter((diagnostic) => diagnostic.tag === 'TooManyErrors')).toHaveLength(1)
          expect(found.at(-1)?.tag).toBe('TooManyErrors')
          expect(found.slice(0, -1).every((diagnostic) => diagnostic.tag === 'UnknownDirective')).toBe(true)
        } else expect(found).toEqual([{ severity: 'error', tag: file.tag }])
      }
      // Located: the first line is `ledgers/errors/…:line:column: …` (or the file of an include).
      expect(stderr).toMatch(/^ledgers\/errors\/[^:]+:\d+:\d+: (error|warning): /u)
      await expect(stderr).toMatchFileSnapshot(join(ROOT, CORPUS, file.name.replace(/\.journal$/u, '.err')))
    })
  }
})
