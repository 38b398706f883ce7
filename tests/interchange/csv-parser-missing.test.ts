/**
 * csv-parse is an optional dependency, imported on the first `CsvRules.convert`. Here the import
 * fails as it does where the package is not installed: `convert` returns a located
 * `CsvParserUnavailable` error that says how to install it, instead of throwing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it, vi } from 'vitest'
import * as CsvRules from '../../src/interchange/CsvRules.js'

vi.mock('csv-parse/sync', () => {
  throw Object.assign(new Error("Cannot find package 'csv-parse'"), { code: 'ERR_MODULE_NOT_FOUND' })
})

describe('CSV import without csv-parse', () => {
  it('returns CsvParserUnavailable with the install command', async () => {
    const rules = CsvRules.parseRules('r.rules', 'fields date, description, amount\naccount1 assets:cash\n')
    if (E.isLeft(rules)) throw new Error(CsvRules.renderRulesError(rules.left))
    const converted = await CsvRules.convert(rules.right, 'rows.csv', '1936-01-02,Rent,10\n')
    expect(E.isLeft(converted) && CsvRules.renderRulesError(converted.left)).toBe(
      'rows.csv:1:1: error: importing CSV needs the optional package csv-parse, which is not installed (npm install csv-parse) (CsvParserUnavailable)',
    )
  })
})
