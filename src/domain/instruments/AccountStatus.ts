/** Account status: settlement accounts frozen (sanctioned) and unfrozen. */
import { type AccountName, type Entity, Ledger } from '../../core/index.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import { type Check, type Draft, entity, type Handlers } from './Draft.js'

const ownAccount = (
  d: Draft,
  owner: Entity.EntityName,
  account: AccountName.AccountName | undefined,
): AccountName.AccountName | DomainError => {
  const resolved = account ?? d.account(owner, 'current')
  return Ledger.entityOf(d.books.ledger.declarations, resolved) === owner
    ? resolved
    : { _tag: 'AccountNotOfEntity', account: resolved, entity: owner }
}

const freezeAccount = (d: Draft, op: Op.FreezeAccount): Check => {
  const error = entity(d, op.entity)
  if (error !== undefined) return error
  const account = ownAccount(d, op.entity, op.account)
  if (typeof account !== 'string') return account
  const existing = d.books.settlementAccounts.get(account)
  if (existing?.status === 'Frozen') return { _tag: 'AccountAlreadyFrozen', account, since: existing.since }
  const change = {
    date: op.date,
    status: 'Frozen' as const,
    permitted: op.permitted,
    authority: op.authority,
    operation: d.index,
  }
  d.settlementAccounts.set(account, {
    entity: op.entity,
    account,
    status: 'Frozen',
    permitted: op.permitted,
    since: op.date,
    history: [...(existing?.history ?? []), change],
  })
  return undefined
}

const unfreezeAccount = (d: Draft, op: Op.UnfreezeAccount): Check => {
  const error = entity(d, op.entity)
  if (error !== undefined) return error
  const account = ownAccount(d, op.entity, op.account)
  if (typeof account !== 'string') return account
  const existing = d.books.settlementAccounts.get(account)
  if (existing === undefined || existing.status !== 'Frozen') return { _tag: 'AccountNotFrozen', account }
  const change = {
    date: op.date,
    status: 'Active' as const,
    permitted: [],
    authority: op.authority,
    operation: d.index,
  }
  d.settlementAccounts.set(account, {
    ...existing,
    status: 'Active',
    permitted: [],
    since: op.date,
    history: [...existing.history, change],
  })
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  FreezeAccount: freezeAccount,
  UnfreezeAccount: unfreezeAccount,
} as const satisfies Handlers
