/** The web app's filter language: each term, negation, quoting, and located errors. */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Ledger } from '../../src/core/index.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import * as Load from '../../src/load/Load.js'
import * as Query from '../../src/server/Query.js'

const journal = `account plant:assets:cash
account plant:assets:wip
account plant:equity:capital
account buyer:assets:cash
account buyer:equity:capital
entity plant
entity buyer

1936-01-15 * Opening capital  ; kind: opening
    plant:assets:cash        1,000,000 RUB
    plant:equity:capital

1936-03-31 * Work in progress for Q1
    plant:assets:wip           250,000.50 RUB
    plant:assets:cash

1937-02-01 * Buyer's own capital
    buyer:assets:cash          40 RUB  ; tag: x
    buyer:equity:capital
`

const loaded = Load.loadText('q.journal', journal, { fileSystem: memoryFileSystem(new Map()) })
if (E.isLeft(loaded)) throw new Error(Load.renderFailure(loaded.left))
const transactions = Ledger.transactions(loaded.right.ledger)

const select = (text: string): ReadonlyArray<string> => {
  const query = Query.parse(text)
  if (E.isLeft(query)) throw new Error(Query.renderError(query.left))
  return transactions
    .filter((transaction) => Query.matches(query.right, transaction))
    .map((transaction) => transaction.description)
}

describe('the query language of the web app', () => {
  it('the empty query matches everything', () => {
    expect(select('')).toHaveLength(3)
  })

  it('account, description, date, amount, entity and tag terms select the transactions they name', () => {
    expect(select('acct:wip')).toEqual(['Work in progress for Q1'])
    expect(select('plant:assets')).toEqual(['Opening capital', 'Work in progress for Q1'])
    expect(select('desc:CAPITAL')).toEqual(['Opening capital', "Buyer's own capital"])
    expect(select('date:1936')).toEqual(['Opening capital', 'Work in progress for Q1'])
    expect(select('date:1936-03')).toEqual(['Work in progress for Q1'])
    expect(select('date:1936-02..1937-03')).toEqual(['Work in progress for Q1', "Buyer's own capital"])
    expect(select('date:1936-03-31')).toEqual(['Work in progress for Q1'])
    expect(select('amt:>250000')).toEqual(['Opening capital', 'Work in progress for Q1'])
    expect(select('amt:=250000.50')).toEqual(['Work in progress for Q1'])
    expect(select('amt:<=-1000000')).toEqual(['Opening capital'])
    expect(select('entity:buyer')).toEqual(["Buyer's own capital"])
    expect(select('tag:kind=open')).toEqual(['Opening capital'])
    expect(select('tag:tag')).toEqual(["Buyer's own capital"])
  })

  it('terms combine with and; not: negates; double quotes keep words together', () => {
    expect(select('desc:capital date:1937')).toEqual(["Buyer's own capital"])
    expect(select('not:entity:plant')).toEqual(["Buyer's own capital"])
    expect(select('desc:"own capital"')).toEqual(["Buyer's own capital"])
  })

  it('a bad term is an error that names it', () => {
    for (const text of ['date:1936-3', 'amt:>>1', 'acct:(', 'entity:', 'date:x..1937']) {
      const query = Query.parse(text)
      expect(E.isLeft(query), text).toBe(true)
      if (E.isLeft(query)) expect(Query.renderError(query.left)).toContain(JSON.stringify(text))
    }
  })
})
