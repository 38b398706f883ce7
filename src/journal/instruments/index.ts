/**
 * The registry of journal instruments: each module reads its own operation keywords; this table
 * joins them, one line per instrument. Adding an instrument = its module + one line here.
 */

import * as AccountStatus from './AccountStatus.js'
import * as Bills from './Bills.js'
import * as Contracts from './Contracts.js'
import * as Demands from './Demands.js'
import * as Loans from './Loans.js'
import * as MilitaryAcceptance from './MilitaryAcceptance.js'
import * as Payroll from './Payroll.js'
import * as Plans from './Plans.js'
import * as Production from './Production.js'
import type { Form } from './Reader.js'
import * as Shipments from './Shipments.js'

/** Every operation keyword's form. */
export const forms: Readonly<Record<string, Form>> = {
  ...Plans.forms,
  ...Production.forms,
  ...Payroll.forms,
  ...Shipments.forms,
  ...Demands.forms,
  ...MilitaryAcceptance.forms,
  ...Contracts.forms,
  ...Loans.forms,
  ...Bills.forms,
  ...AccountStatus.forms,
}

/** The actions of `bill ID ACTION …`. */
export const billActions: ReadonlyArray<string> = Object.keys(Bills.billForms)
