/**
 * The registry of instruments: each module applies its own operations; this table joins them,
 * one line per instrument. Adding an instrument = its module + one line here.
 */
import type * as Op from '../Operation.js'
import * as AccountStatus from './AccountStatus.js'
import * as Bills from './Bills.js'
import * as Contracts from './Contracts.js'
import * as Demands from './Demands.js'
import type { Handler } from './Draft.js'
import * as Loans from './Loans.js'
import * as MilitaryAcceptance from './MilitaryAcceptance.js'
import * as Payroll from './Payroll.js'
import * as Plans from './Plans.js'
import * as Production from './Production.js'
import * as Shipments from './Shipments.js'

/** Every operation tag's handler; the type makes a missing operation a compile error. */
export const handlers: { readonly [T in Op.Operation['_tag']]: Handler<T> } = {
  ...Plans.handlers,
  ...Production.handlers,
  ...Payroll.handlers,
  ...Shipments.handlers,
  ...Demands.handlers,
  ...MilitaryAcceptance.handlers,
  ...Contracts.handlers,
  ...Loans.handlers,
  ...Bills.handlers,
  ...AccountStatus.handlers,
}

export { termMonthsMax } from './Loans.js'
