import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Quantity } from '../../src/core/index.js'
import { type DomainError, renderDomainError } from '../../src/domain/DomainError.js'
import { d, id, kirov } from './fixtures.js'

describe('domain layer', () => {
  it('imports only core, fp-ts and io-ts; no process, console or node modules', () => {
    const dir = 'src/domain'
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8')
      for (const match of text.matchAll(/from '([^']+)'/g)) {
        const source = match[1] as string
        expect(
          source.startsWith('./') || source.startsWith('../core/') || source.startsWith('fp-ts/') || source === 'io-ts',
          `${file} imports ${source}`,
        ).toBe(true)
      }
      expect(text, file).not.toMatch(/\bprocess\.|\bconsole\.|node:/)
    }
  })

  it('renders errors as facts', () => {
    const errors: ReadonlyArray<[DomainError, string]> = [
      [
        {
          _tag: 'PartialAcceptanceExceedsOpen',
          demand: id('PD-1'),
          open: Quantity.unsafeFromInteger(100),
          accepted: Quantity.unsafeFromInteger(101),
        },
        'demand PD-1: accepting 101 exceeds the open 100',
      ],
      [
        { _tag: 'BillAlreadyDiscounted', bill: id('B-1'), date: d('1936-06-21'), bank: 'sberkassa' as never },
        'bill B-1 was already discounted on 1936-06-21 at sberkassa',
      ],
      [
        {
          _tag: 'FrozenAccountDebit',
          entity: kirov,
          account: 'kirov:assets:bank:current' as never,
          paymentClass: 'wages',
          permitted: [],
          frozenSince: d('1936-03-01'),
        },
        'kirov:assets:bank:current of kirov is frozen since 1936-03-01; a wages payment is not among the permitted (none)',
      ],
    ]
    for (const [error, text] of errors) expect(renderDomainError(error)).toBe(text)
  })
})
