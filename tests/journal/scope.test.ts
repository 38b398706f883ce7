/** hledger's account-rewriting directives (lex/Scope.ts): alias, apply account, and their order. */
import { describe, expect, it } from 'vitest'
import { format, parse } from '../../src/journal/index.js'
import { type Alias, parseAlias, resolveAccount } from '../../src/journal/lex/Scope.js'

const alias = (text: string): Alias => parseAlias(text) as Alias

describe('aliases and apply account', () => {
  it('renames an account and the accounts below it, not a longer name', () => {
    const checking = [alias('checking = assets:bank:checking')]
    expect(resolveAccount('checking', [], checking)).toBe('assets:bank:checking')
    expect(resolveAccount('checking:sub', [], checking)).toBe('assets:bank:checking:sub')
    expect(resolveAccount('checkings', [], checking)).toBe('checkings')
  })

  it('rewrites by a case-insensitive regular expression with \\1 groups, and keeps a literal $', () => {
    expect(resolveAccount('Expenses:Food', [], [alias('/^expenses:(.*)$/ = spending:\\1')])).toBe('spending:Food')
    expect(resolveAccount('a', [], [alias('/a/ = $b')])).toBe('$b')
  })

  it('applies the most recent alias first, after the apply-account prefixes', () => {
    const aliases = [alias('b = c'), alias('a = b')]
    expect(resolveAccount('a', [], aliases)).toBe('c')
    expect(resolveAccount('x', ['p', 'q'], [alias('p:q:x = y')])).toBe('y')
  })

  it('keeps the account as written in the syntax tree, so fmt loses nothing', () => {
    const text = 'alias a = b\napply account p\n2024-01-01 x\n    a  1 RUB\n    c\nend apply account\nend aliases\n'
    const { nodes, errors } = parse('t.journal', text)
    expect(errors).toEqual([])
    const transaction = nodes.find((node) => node._tag === 'Transaction')
    expect(
      transaction?._tag === 'Transaction' && transaction.postings.map((posting) => [posting.account, posting.resolved]),
    ).toEqual([
      ['a', 'p:a'],
      ['c', 'p:c'],
    ])
    expect(format(nodes)).toContain('alias a = b\napply account p\n')
  })

  it('gives D’s commodity to amounts written without one', () => {
    const { nodes } = parse('t.journal', 'D 1,000.00 RUB\n2024-01-01 x\n    a  1,500\n    b\n')
    const transaction = nodes.find((node) => node._tag === 'Transaction')
    expect(transaction?._tag === 'Transaction' && transaction.postings[0]?.amount).toMatchObject({
      quantity: '1500',
      commodity: '',
      implied: 'RUB',
    })
  })
})
