/**
 * `--forecast[=PERIOD]` and `--auto` on the reports that take them (balance, register, print): hledger's periodic and
 * auto posting rules, applied to a copy of the ledger.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Forecast from '../journal/Forecast.js'
import { parseWindow, renderRecurrenceError } from '../journal/Recurrence.js'
import * as Diagnostic from '../load/Diagnostic.js'
import type * as Load from '../load/Load.js'
import { type Context, exitCodes, UsageError } from './common.js'

/** The flags: `forecast` is `true` for a bare `--forecast`, the period text for `--forecast=PERIOD`. */
export interface RuleFlags {
  readonly forecast?: string | true
  readonly auto?: boolean
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
  /** The command's today (`todayOf`: `--today`, the port's, the clock); else the port's or the clock's. */
  readonly today?: LocalDate.LocalDate
}

/** Whether the flags ask for generated transactions or postings (the report then needs every transaction kept). */
export const wantsRules = (flags: RuleFlags): boolean => flags.forecast !== undefined || flags.auto === true

/** Today, as the CLI's port says (tests inject it), else the local date. */
const today = (context: Context): LocalDate.LocalDate => {
  const injected = context.io.today?.()
  if (injected !== undefined) return injected as LocalDate.LocalDate
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` as LocalDate.LocalDate
}

/**
 * The ledger the report reads: the loaded one, or, with `--forecast`/`--auto`, a copy with the
 * generated transactions and postings (journal/Forecast.ts). Undefined, with the error printed
 * and the exit code set, when a generated or modified transaction does not post.
 */
export const reportLedger = (context: Context, loaded: Load.Loaded, flags: RuleFlags): Ledger.Ledger | undefined => {
  if (!wantsRules(flags)) return loaded.ledger
  // Rules the journal holds but this engine cannot run (a custom-day period, a query that does not
  // read): refused only when asked to run them, at their line, as hledger reads the journal without.
  const refusals = [
    ...(flags.forecast !== undefined ? loaded.periodic : []),
    ...(flags.auto === true ? loaded.autoRules : []),
  ].flatMap((rule) => (rule.refusal !== undefined ? [Diagnostic.ofParseError(rule.refusal)] : []))
  if (refusals.length > 0) {
    context.printDiagnostics(refusals, loaded.sources)
    context.exitCode = exitCodes.data
    return undefined
  }
  let argument: { readonly start: string | null; readonly end: string | null } | undefined
  if (typeof flags.forecast === 'string' && flags.forecast.trim() !== '') {
    const parsed = parseWindow(flags.forecast)
    if (E.isLeft(parsed))
      throw new UsageError(`--forecast: ${JSON.stringify(flags.forecast)}: ${renderRecurrenceError(parsed.left)}`)
    argument = parsed.right
  }
  const window =
    flags.forecast === undefined
      ? undefined
      : Forecast.forecastWindow(loaded.ledger, {
          ...(argument !== undefined ? { argument } : {}),
          ...(flags.begin !== undefined ? { begin: flags.begin } : {}),
          ...(flags.end !== undefined ? { end: flags.end } : {}),
          today: flags.today ?? today(context),
        })
  const expanded = Forecast.expand(loaded.ledger, loaded.periodic, loaded.autoRules, {
    ...(window !== undefined ? { forecast: window } : {}),
    auto: flags.auto === true,
  })
  if (E.isRight(expanded)) return expanded.right
  context.printDiagnostics([Diagnostic.ofPostingError(expanded.left)], loaded.sources)
  context.io.stderr('(with the transactions and postings that --forecast and --auto generate)\n')
  context.exitCode = exitCodes.data
  return undefined
}
