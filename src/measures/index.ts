/**
 * The measures layer: pure queries over `Books` (balances and flows by role, the physical book
 * by stage, working capital against its norm, turnover, plan fulfilment three ways, payroll by
 * staff category, ageing, exposure). Imports core and domain only.
 */

export * as Ageing from './Ageing.js'
export * as Exposure from './Exposure.js'
export * as Flows from './Flows.js'
export * as Fulfilment from './Fulfilment.js'
export * as Payroll from './Payroll.js'
export * as Physical from './Physical.js'
export * as Plans from './Plans.js'
export * as Ratio from './Ratio.js'
export * as Turnover from './Turnover.js'
export * as WorkingCapital from './WorkingCapital.js'
