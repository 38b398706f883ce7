/**
 * `reconcile`, `test` and the main job: run the rules over a loaded journal, print the
 * findings, check the journal's own expectations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import pc from 'picocolors'
import * as Citation from '../core/Citation.js'
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as Period from '../core/Period.js'
import type * as Quantity from '../core/Quantity.js'
import { history } from '../domain/Books.js'
import * as Views from '../domain/Views.js'
import type * as Load from '../load/Load.js'
import {
  type AnyRule,
  builtInRules,
  checkExpectations,
  type Finding,
  findingToJson,
  isRuleId,
  type ReconcileResult,
  reconcile,
  renderError,
  renderResult,
  type Severity,
  severities,
  showMeasureValue,
  showMoney,
  showUnits,
  summarize,
  toJson,
} from '../reconcile/index.js'
import * as Csv from '../reports/Csv.js'
import * as Restatement from '../reports/Restatement.js'
import type { Context } from './common.js'
import { UsageError } from './common.js'

export interface ReconcileFlags {
  readonly rule?: ReadonlyArray<string>
  readonly minSeverity?: Severity
  readonly param?: ReadonlyArray<string>
  readonly rules?: ReadonlyArray<string>
  readonly asOf?: LocalDate.LocalDate
  readonly output: 'table' | 'csv' | 'json'
}

/** The last date the books speak of: transactions, operations, and reported figures. */
export const lastDate = (loaded: Load.Loaded): LocalDate.LocalDate => {
  let last = '0001-01-01'
  for (const transaction of Ledger.transactions(loaded.ledger)) if (transaction.date > last) last = transaction.date
  for (const applied of history(loaded.books)) if (applied.operation.date > last) last = applied.operation.date
  for (const figure of loaded.reported) {
    const end = Period.lastDay(figure.period)
    if (end > last) last = end
  }
  return last as LocalDate.LocalDate
}

/** Loads user rules from ES modules that export `rules` (an array) or a default array. */
export const loadUserRules = async (paths: ReadonlyArray<string>, cwd: string): Promise<ReadonlyArray<AnyRule>> => {
  const rules: AnyRule[] = []
  for (const path of paths) {
    let module: { readonly rules?: unknown; readonly default?: unknown }
    try {
      module = (await import(pathToFileURL(resolve(cwd, path)).href)) as typeof module
    } catch (error) {
      throw new UsageError(
        `--rules ${path}: cannot load the module ` +
          `(${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      )
    }
    const exported = module.rules ?? module.default
    if (!Array.isArray(exported))
      throw new UsageError(
        `--rules ${path}: the module must export \`rules\` (an array of rules made with defineRule) or a default array`,
      )
    for (const rule of exported as unknown[]) {
      const candidate = rule as Partial<AnyRule> | null
      if (
        candidate === null ||
        typeof candidate !== 'object' ||
        typeof candidate.id !== 'string' ||
        !isRuleId(candidate.id) ||
        typeof candidate.evaluate !== 'function'
      ) {
        throw new UsageError(
          `--rules ${path}: every rule needs a kebab-case \`id\` and an \`evaluate\` function (use defineRule)`,
        )
      }
      rules.push(candidate as AnyRule)
    }
  }
  return rules
}

const parseOverrides = (params: ReadonlyArray<string>): ReadonlyMap<string, string> => {
  const overrides = new Map<string, string>()
  for (const param of params) {
    const equals = param.indexOf('=')
    if (equals <= 0 || !param.slice(0, equals).includes('.'))
      throw new UsageError(`--param ${JSON.stringify(param)}: write RULE.NAME=VALUE`)
    overrides.set(param.slice(0, equals), param.slice(equals + 1))
  }
  return overrides
}

/** Runs the built-in rules (and user rules) over a loaded journal. */
export const runRules = (
  loaded: Load.Loaded,
  rules: ReadonlyArray<AnyRule>,
  flags: Omit<ReconcileFlags, 'output' | 'rules'>,
): E.Either<string, ReconcileResult> => {
  const duplicate = rules.find((rule, index) => rules.findIndex((other) => other.id === rule.id) !== index)
  if (duplicate !== undefined) return E.left(`two rules share the id ${duplicate.id}`)
  const result = reconcile(
    {
      books: loaded.books,
      reported: Views.inView(loaded.reported, loaded.view),
      settings: loaded.settings,
      asOf: flags.asOf ?? lastDate(loaded),
    },
    rules,
    {
      ...(flags.rule !== undefined && flags.rule.length > 0 ? { only: flags.rule } : {}),
      ...(flags.param !== undefined ? { overrides: parseOverrides(flags.param) } : {}),
      ...(flags.minSeverity !== undefined ? { minSeverity: flags.minSeverity } : {}),
    },
  )
  return E.mapLeft(renderError)(result)
}

const severityLabel = (context: Context, severity: Severity): string => {
  const paint = context.io.isTerminal ? pc : pc.createColors(false)
  const label = severity.toUpperCase().padEnd(8)
  return severity === 'critical'
    ? paint.red(paint.bold(label))
    : severity === 'warn'
      ? paint.yellow(label)
      : paint.cyan(label)
}

const gapText = (finding: Finding): string => {
  const parts: string[] = []
  if (finding.moneyGap !== undefined) parts.push(showMoney(finding.moneyGap.quantity, finding.moneyGap.commodity))
  if (finding.unitGap !== undefined) parts.push(showUnits(finding.unitGap.quantity, finding.unitGap.commodity))
  return parts.join(' / ')
}

/** `file:line, :line…` per file. */
const evidenceText = (finding: Finding, cwd: string): string => {
  const byFile = new Map<string, string[]>()
  for (const evidence of finding.evidence) {
    const lines = byFile.get(evidence.file) ?? []
    lines.push(evidence.endLine > evidence.line ? `${evidence.line}–${evidence.endLine}` : String(evidence.line))
    byFile.set(evidence.file, lines)
  }
  return [...byFile.entries()]
    .map(([file, lines]) => `${relative(cwd, file) || file}:${[...new Set(lines)].join(', :')}`)
    .join('; ')
}

const sourcesOf = (finding: Finding): ReadonlyArray<string> => {
  const seen = new Map<string, string>()
  for (const evidence of finding.evidence)
    for (const citation of evidence.citations)
      if (!seen.has(Citation.fileKey(citation))) seen.set(Citation.fileKey(citation), citation.text)
  return [...seen.values()]
}

/** One finding as a readable block: headline, sentence, measures, evidence, sources. */
export const renderFinding = (context: Context, finding: Finding): string => {
  const headline = [
    severityLabel(context, finding.severity),
    finding.rule,
    finding.entity ?? '',
    finding.period !== undefined && finding.period.label !== finding.date
      ? `${finding.period.label} (${finding.date})`
      : finding.date,
    gapText(finding),
    finding.estimated ? '~estimated' : '',
    finding.verdict !== undefined ? `verdict: ${finding.verdict}` : '',
  ]
    .filter((part) => part.length > 0)
    .join('  ')
  const indent = ' '.repeat(10)
  const lines = [headline, `${indent}${finding.message}`]
  if (finding.measures.length > 0)
    lines.push(
      `${indent}${finding.measures.map((measure) => `${measure.key} ${showMeasureValue(measure.value)}`).join(' · ')}`,
    )
  lines.push(`${indent}threshold: ${finding.threshold.text}`)
  if (finding.evidence.length > 0) lines.push(`${indent}evidence: ${evidenceText(finding, context.io.cwd)}`)
  const sources = sourcesOf(finding)
  if (sources.length > 0) lines.push(`${indent}source: ${sources.join('; ')}`)
  return lines.join('\n')
}

const renderFindingsTable = (context: Context, result: ReconcileResult): string => {
  if (result.findings.length === 0) return `no findings (as of ${result.asOf}, ${result.rules.length} rules run)\n`
  const counts = severities
    .slice()
    .reverse()
    .map((severity) => `${result.findings.filter((finding) => finding.severity === severity).length} ${severity}`)
    .join(', ')
  return (
    `${result.findings.map((finding) => renderFinding(context, finding)).join('\n\n')}\n\n` +
    `${result.findings.length} findings (${counts}) as of ${result.asOf}, ${result.rules.length} rules run\n`
  )
}

const renderFindingsCsv = (result: ReconcileResult, cwd: string): string =>
  Csv.render(
    [
      'severity',
      'rule',
      'entity',
      'date',
      'period',
      'money_gap',
      'money_commodity',
      'unit_gap',
      'unit_commodity',
      'estimated',
      'message',
      'evidence',
      'sources',
    ],
    result.findings.map((finding) => {
      const json = findingToJson(finding)
      return [
        finding.severity,
        Csv.textCell(finding.rule),
        Csv.textCell(finding.entity ?? ''),
        finding.date,
        Csv.textCell(finding.period?.label ?? ''),
        json.moneyGap !== undefined ? Csv.numberCell(json.moneyGap.quantity) : '',
        Csv.textCell(finding.moneyGap?.commodity ?? ''),
        json.unitGap !== undefined ? Csv.numberCell(json.unitGap.quantity) : '',
        Csv.textCell(finding.unitGap?.commodity ?? ''),
        finding.estimated ? 'true' : 'false',
        Csv.textCell(finding.message),
        Csv.textCell(evidenceText(finding, cwd)),
        Csv.textCell(sourcesOf(finding).join('; ')),
      ]
    }),
  )

export const reconcileCommand = async (context: Context, file: string, flags: ReconcileFlags): Promise<void> => {
  const userRules = await loadUserRules(flags.rules ?? [], context.io.cwd)
  const loaded = context.load(file)
  if (loaded === undefined) return
  const result = runRules(loaded, [...builtInRules, ...userRules], flags)
  if (E.isLeft(result)) {
    context.io.stderr(`error: ${result.left}\n`)
    context.exitCode = 1
    return
  }
  if (flags.output === 'json') context.io.stdout(`${JSON.stringify(toJson(result.right), null, 2)}\n`)
  else if (flags.output === 'csv') context.io.stdout(renderFindingsCsv(result.right, context.io.cwd))
  else context.io.stdout(renderFindingsTable(context, result.right))
}

// -------------------------------------------------------------------------------------
// test
// -------------------------------------------------------------------------------------

/**
 * The journals under a path. A directory named `errors` met while walking is skipped: it holds
 * journals that fail on purpose (the bad-input corpus, ledgers/errors/); name it to test it.
 */
const journalFiles = (path: string): string[] => {
  const stats = statSync(path)
  if (stats.isFile()) return [resolve(path)]
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name)
      const childStats = statSync(child)
      if (childStats.isDirectory()) return name === 'errors' ? [] : journalFiles(child)
      return name.endsWith('.journal') ? [resolve(child)] : []
    })
}

const includesOf = (file: string): string[] => {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^include\s+(\S.*?)\s*(?:;.*)?$/gmu)].map((match) =>
    resolve(dirname(file), match[1] as string),
  )
}

const hasExpectations = (file: string, seen: Set<string> = new Set()): boolean => {
  if (seen.has(file)) return false
  seen.add(file)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return false
  }
  if (/^expect\s/mu.test(text)) return true
  return includesOf(file).some((included) => hasExpectations(included, seen))
}

/**
 * The journals to test under some paths: those with expectations (their own or in what they
 * include) that no other journal there includes.
 */
export const testJournals = (paths: ReadonlyArray<string>): ReadonlyArray<string> => {
  const files = [...new Set(paths.flatMap(journalFiles))]
  const included = new Set(files.flatMap(includesOf))
  return files.filter((file) => !included.has(file) && hasExpectations(file))
}

export const testCommand = async (
  context: Context,
  paths: ReadonlyArray<string>,
  flags: { readonly verbose?: boolean; readonly rules?: ReadonlyArray<string> },
): Promise<void> => {
  for (const path of paths) {
    try {
      statSync(path)
    } catch {
      throw new UsageError(`${path}: no such file or directory`)
    }
  }
  const userRules = await loadUserRules(flags.rules ?? [], context.io.cwd)
  let passed = 0
  let failed = 0
  for (const file of testJournals(paths)) {
    const shown = relative(context.io.cwd, file) || file
    const loaded = context.load(shown)
    if (loaded === undefined) {
      context.io.stderr(`${shown}: FAIL the journal does not load\n`)
      failed++
      continue
    }
    const result = runRules(loaded, [...builtInRules, ...userRules], {})
    if (E.isLeft(result)) {
      context.io.stderr(`${shown}: FAIL ${result.left}\n`)
      failed++
      continue
    }
    for (const outcome of checkExpectations(result.right.findings, loaded.expectations)) {
      if (outcome.passed) passed++
      else failed++
      if (!outcome.passed || flags.verbose === true) context.io.stdout(`${renderResult(outcome)}\n`)
    }
  }
  context.exitCode = failed > 0 ? 1 : context.exitCode === 3 ? 3 : 0
  context.io.stdout(`${passed} passed, ${failed} failed\n`)
}

// -------------------------------------------------------------------------------------
// the main job
// -------------------------------------------------------------------------------------

/** Reported vs found in a few lines: each restated measure, and the accounts that `view: found` transactions change. */
export const restatementSummary = (loaded: Load.Loaded): string => {
  const report = Restatement.build(loaded)
  if (report.measures.length === 0 && report.accounts.length === 0)
    return 'restatements: none (the reported and the found views agree)\n'
  const lines = [
    `restatements (reported → found; full table: report restatement): ${report.measures.length} ` +
      `measure${report.measures.length === 1 ? '' : 's'}, ${report.accounts.length} account ` +
      `line${report.accounts.length === 1 ? '' : 's'}`,
  ]
  for (const row of report.measures) {
    lines.push(
      `  ${row.entity} ${row.metric} ${row.period}: ${row.reported} → ` +
        `${row.found}${row.difference !== '' ? ` (${row.difference})` : ''}` +
        `${row.reason !== '' ? ` — ${row.reason}` : ''}`,
    )
    lines.push(
      `    reported: ${row.reportedSources === '' ? '(no source)' : row.reportedSources}; found: ` +
        `${row.foundSources === '' ? '(no source)' : row.foundSources}`,
    )
  }
  for (const row of report.accounts) {
    const show = (quantity: Quantity.Quantity) =>
      Commodity.format(quantity, Ledger.commodity(loaded.ledger, row.commodity as Commodity.CommoditySymbol))
    lines.push(
      `  ${row.account}: ${show(row.reported)} → ${show(row.found)} ` +
        `(${show(row.difference)})${row.reasons !== '' ? ` — ${row.reasons}` : ''}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** The Kirov ledger, reconciled: findings ranked, each with its amount and archival source. */
export const kirovLedger = 'ledgers/kirov/kirov.journal'

export const startCommand = (context: Context): void => {
  const loaded = context.load(kirovLedger)
  if (loaded === undefined) return
  const result = runRules(loaded, builtInRules, {})
  if (E.isLeft(result)) {
    context.io.stderr(`error: ${result.left}\n`)
    context.exitCode = 1
    return
  }
  const transactions = Ledger.transactions(loaded.ledger).length
  const applied = history(loaded.books)
  const plans = applied.filter((entry) => entry.operation._tag === 'SetPlan').length
  context.io.stdout(
    `The Kirov Plant, 1934–1937: ${kirovLedger} (${loaded.sources.size} files, ${transactions} ` +
      `transactions, ${applied.length - plans} operations, ${plans} plans and norms, ` +
      `${loaded.reported.length} reported figures)\n\n`,
  )
  context.io.stdout(renderFindingsTable(context, result.right))
  context.io.stdout(`\n${restatementSummary(loaded)}`)
  const outcomes = checkExpectations(result.right.findings, loaded.expectations)
  context.io.stdout(`\nexpectations pinned in the ledger: ${summarize(outcomes)}\n`)
  context.io.stdout(
    `\nexplore the findings, accounts and charts in a browser: shadow-ledger serve ${kirovLedger}  ` +
      `(or: npm run serve)\n`,
  )
  if (outcomes.some((outcome) => !outcome.passed)) {
    for (const outcome of outcomes.filter((candidate) => !candidate.passed))
      context.io.stdout(`${renderResult(outcome)}\n`)
    context.exitCode = 1
  }
}
