/**
 * `simulate` and `score`: write a seeded region with planted mechanisms and its truth, and
 * score the rules against that truth. Registered in run.ts by `registerSimulateCommands`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { beginDirectory } from '../load/NewPath.js'
import { renderWriteError, type WriteError, writeFileAtomic } from '../load/WriteFileSystem.js'
import * as Csv from '../reports/Csv.js'
import { sweepSpec } from '../reports/SweepChart.js'
import * as Table from '../reports/Table.js'
import {
  AuditCodec,
  type AuditEntry,
  auditLedger,
  parseRates,
  parseSweep,
  type Rates,
  type ScoreReport,
  type SweepRow,
  score,
  showPermille,
  simulate,
  sweep,
  type Truth,
  TruthCodec,
  truthSchemaVersion,
} from '../simulate/index.js'
import { type Context, exitCodes, UsageError } from './common.js'
import { lastDate } from './reconcile.js'
import { ruleHeaders, ruleRow } from './scoreRows.js'

interface SimulateFlags {
  readonly enterprises: string
  readonly years: string
  readonly seed: string
  readonly out: string
  readonly honest?: boolean
  readonly plant?: string
  readonly plantConfig?: string
  readonly startYear?: string
  readonly verify?: boolean
}

const positiveInteger = (flag: string, text: string, max: number): number => {
  if (!/^\d+$/u.test(text) || Number(text) < 1 || Number(text) > max)
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a whole number from 1 to ${max}`)
  return Number(text)
}

const decode = <A>(codec: t.Type<A, unknown, unknown>, file: string, text: string): A => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const result = codec.decode(json)
  if (E.isLeft(result)) throw new UsageError(`${file}: ${PathReporter.report(result).slice(0, 3).join('; ')}`)
  return result.right
}

const readText = (file: string): string => {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${error instanceof Error ? error.message : String(error)})`)
  }
}

export const simulateCommand = (context: Context, flags: SimulateFlags): void => {
  const enterprises = positiveInteger('--enterprises', flags.enterprises, 1_000_000)
  const years = positiveInteger('--years', flags.years, 100)
  const seed = positiveInteger('--seed', flags.seed, 2 ** 31)
  const startYear = flags.startYear !== undefined ? positiveInteger('--start-year', flags.startYear, 9000) : 1934
  let rates: Partial<Rates> = {}
  if (flags.plantConfig !== undefined) {
    const config = readText(flags.plantConfig)
    let parsed: unknown
    try {
      parsed = JSON.parse(config)
    } catch {
      throw new UsageError(
        `--plant-config ${flags.plantConfig}: not JSON (write {"rates": {"wip-growth": "0.1", ` + `…}})`,
      )
    }
    const table = (parsed as { rates?: unknown }).rates
    if (table === null || typeof table !== 'object')
      throw new UsageError(`--plant-config ${flags.plantConfig}: needs a "rates" object`)
    const text = Object.entries(table as Record<string, unknown>)
      .map(([kind, value]) => `${kind}=${String(value)}`)
      .join(',')
    const result = parseRates(text)
    if ('error' in result) throw new UsageError(result.error.replace('--plant', `--plant-config ${flags.plantConfig}:`))
    rates = result.rates
  }
  if (flags.plant !== undefined) {
    const result = parseRates(flags.plant)
    if ('error' in result) throw new UsageError(result.error)
    rates = { ...rates, ...result.rates }
  }
  // The region is written into a temporary directory beside --out and renamed into place when
  // complete (load/NewPath.ts): --out is as it was (absent or empty) or holds the whole region.
  const out = resolve(context.io.cwd, flags.out)
  const failed = (error: WriteError): void => {
    context.io.stderr(`error: ${renderWriteError(flags.out, error)}\n`)
    context.exitCode = exitCodes.io
  }
  const begun = beginDirectory(context.writeFileSystem, out)
  if (E.isLeft(begun)) return failed(begun.left)
  const directory = begun.right
  let broken: WriteError | undefined
  const write = (file: string, text: string): void => {
    if (broken !== undefined) return
    const written = directory.write(file, text)
    if (E.isLeft(written)) broken = written.left
  }
  const options = { enterprises, years, seed, startYear, honest: flags.honest === true, rates }
  let records = 0
  let audits = 0
  const planted = new Map<string, number>()
  try {
    const head = {
      schemaVersion: truthSchemaVersion,
      seed,
      enterprises,
      years,
      startYear,
      honest: flags.honest === true,
      rates: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, String((v ?? 0) / 1000)])),
      amountTolerance: '0.25',
    }
    write('truth.json', `${JSON.stringify(head).slice(0, -1)},"records":[\n`)
    write('audit.json', `{"schemaVersion":${truthSchemaVersion},"entries":[\n`)
    for (const chunk of simulate(options)) {
      if (broken !== undefined) break
      if (chunk._tag === 'Journal') write(chunk.file, chunk.text)
      else if (chunk._tag === 'Truth') {
        write('truth.json', `${records > 0 ? ',\n' : ''}${JSON.stringify(chunk.record)}`)
        records += 1
        if (!chunk.record.decoy) planted.set(chunk.record.kind, (planted.get(chunk.record.kind) ?? 0) + 1)
      } else {
        write('audit.json', `${audits > 0 ? ',\n' : ''}${JSON.stringify(chunk.entry)}`)
        audits += 1
      }
    }
    write('truth.json', '\n]}\n')
    write('audit.json', '\n]}\n')
  } catch (error) {
    directory.discard()
    throw error
  }
  if (broken !== undefined) return failed(directory.abandon(broken))
  const committed = directory.commit()
  if (E.isLeft(committed)) {
    failed(committed.left._tag === 'WriteFailed' ? directory.abandon(committed.left) : committed.left)
    if (committed.left._tag === 'WriteFailed') return
  }
  const summary = [...planted.entries()]
    .sort()
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ')
  context.io.stdout(
    `wrote ${join(flags.out, 'region.journal')}: ${enterprises} enterprises × ${years} years, seed ` +
      `${seed}; ${records} truth records (${summary || 'nothing planted'})\n`,
  )
  if (flags.verify === true) verify(context, join(out, 'region.journal'), join(out, 'audit.json'))
}

/** Loads the region and compares it with the simulator's own balances. */
const verify = (context: Context, journal: string, auditFile: string): void => {
  const loaded = context.load(journal)
  if (loaded === undefined) return
  const audit = decode(AuditCodec, auditFile, readText(auditFile))
  const mismatches = auditLedger(loaded.ledger, audit.entries as ReadonlyArray<AuditEntry>)
  if (mismatches.length === 0) {
    context.io.stdout(`auditor: the engine's balances agree with the simulator's on ${audit.entries.length} accounts\n`)
    return
  }
  for (const mismatch of mismatches.slice(0, 20))
    context.io.stderr(
      `auditor: ${mismatch.account} (${mismatch.book}, ${mismatch.commodity}): simulator ` +
        `${mismatch.expected}, engine ${mismatch.loaded}\n`,
    )
  context.io.stderr(`auditor: ${mismatches.length} of ${audit.entries.length} accounts disagree\n`)
  context.exitCode = exitCodes.data
}

interface ScoreFlags {
  readonly truth: string
  readonly output: 'table' | 'csv' | 'json'
  readonly sweep?: string
  readonly param?: ReadonlyArray<string>
  readonly tolerance?: string
  readonly minSeverity?: 'info' | 'warn' | 'critical'
  readonly chart?: string
  readonly html?: string
}

const overridesOf = (params: ReadonlyArray<string>): ReadonlyMap<string, string> =>
  new Map(
    params.map((param) => {
      const equals = param.indexOf('=')
      if (equals <= 0) throw new UsageError(`--param ${JSON.stringify(param)}: write RULE.NAME=VALUE`)
      return [param.slice(0, equals), param.slice(equals + 1)] as const
    }),
  )

export const scoreCommand = async (context: Context, file: string, flags: ScoreFlags): Promise<void> => {
  const truthFile = resolve(context.io.cwd, flags.truth)
  const truth = decode(TruthCodec, flags.truth, readText(truthFile)) as Truth
  if (flags.tolerance !== undefined && !/^\d+(\.\d+)?$/u.test(flags.tolerance))
    throw new UsageError(`--tolerance ${flags.tolerance}: a decimal such as 0.25`)
  const loaded = context.load(file)
  if (loaded === undefined) return
  const input = { books: loaded.books, reported: loaded.reported, settings: loaded.settings, asOf: lastDate(loaded) }
  const options = {
    ...(flags.param !== undefined ? { overrides: overridesOf(flags.param) } : {}),
    ...(flags.tolerance !== undefined ? { tolerance: flags.tolerance } : {}),
    ...(flags.minSeverity !== undefined ? { minSeverity: flags.minSeverity } : {}),
  }
  let swept: { readonly name: string; readonly rows: ReadonlyArray<SweepRow> } | undefined
  if (flags.sweep !== undefined) {
    const spec = parseSweep(flags.sweep)
    if (E.isLeft(spec)) throw new UsageError(spec.left)
    const rows = sweep(input, truth, spec.right, options)
    if (E.isLeft(rows)) {
      context.io.stderr(`error: ${rows.left}\n`)
      context.exitCode = exitCodes.usage
      return
    }
    swept = { name: `${spec.right.rule}.${spec.right.parameter}`, rows: rows.right }
    context.io.stdout(renderSweep(rows.right, swept.name, flags.output))
    if (flags.chart !== undefined) {
      const { loadRenderers, renderChartsUnavailable, renderSvg } = await import('../reports/ChartSvg.js')
      const renderers = await loadRenderers()
      if (E.isLeft(renderers)) {
        context.io.stderr(`error: ${renderChartsUnavailable(renderers.left)}\n`)
        context.exitCode = exitCodes.usage
        return
      }
      const points = rows.right.map((row) => ({ value: row.value, ...row.score }))
      const svg = await renderSvg(
        renderers.right,
        sweepSpec(swept.name, points, `Precision and recall across ${swept.name}`),
      )
      const written = writeFileAtomic(context.writeFileSystem, resolve(context.io.cwd, flags.chart), svg.svg)
      if (E.isLeft(written)) {
        context.io.stderr(`error: ${renderWriteError(flags.chart, written.left)}\n`)
        context.exitCode = exitCodes.io
      }
    }
    if (flags.html === undefined) return
  }
  const report = score(input, truth, options)
  if (E.isLeft(report)) {
    context.io.stderr(`error: ${report.left}\n`)
    context.exitCode = exitCodes.usage
    return
  }
  const auditFile = join(dirname(truthFile), 'audit.json')
  const auditLine = existsSync(auditFile)
    ? (() => {
        const mismatches = auditLedger(
          loaded.ledger,
          decode(AuditCodec, auditFile, readText(auditFile)).entries as ReadonlyArray<AuditEntry>,
        )
        if (mismatches.length > 0) context.exitCode = exitCodes.data
        return mismatches.length === 0
          ? 'auditor: the engine agrees with the simulator on every audited account'
          : `auditor: ${mismatches.length} accounts disagree with the simulator (first: ` +
              `${mismatches[0]?.account}); scores below are not trustworthy`
      })()
    : 'auditor: no audit.json beside the truth file; not checked'
  if (swept === undefined) context.io.stdout(renderScore(report.right, flags.output, auditLine))
  if (flags.html !== undefined) {
    const { writeScoreHtml } = await import('./scoreHtml.js')
    await writeScoreHtml(context, {
      file,
      out: resolve(context.io.cwd, flags.html),
      loaded,
      report: report.right,
      auditLine,
      ...(flags.param !== undefined ? { params: flags.param } : {}),
      ...(swept !== undefined ? { sweep: swept } : {}),
    })
  }
}

export const renderScore = (report: ScoreReport, output: 'table' | 'csv' | 'json', auditLine: string): string => {
  if (output === 'json') return `${JSON.stringify({ version: 1, audit: auditLine, ...report }, null, 2)}\n`
  if (output === 'csv')
    return Csv.render(
      ruleHeaders.map((h) => h.toLowerCase().replace(' ', '_')),
      report.rules.map(ruleRow),
    )
  const left = { align: 'left' as const }
  const right = { align: 'right' as const }
  const parts = [
    `Rules against planted truth (as of ${report.asOf}; findings at ${report.minSeverity} or above; ` +
      `amounts within ${report.tolerance} of the planted amount)`,
    Table.render(
      ruleHeaders.map((header, i) => ({ header, ...(i === 0 ? left : right) })),
      report.rules.map(ruleRow),
    ),
    '',
    'Mechanisms',
    Table.render(
      [
        { header: 'kind', ...left },
        { header: 'M', ...left },
        { header: 'planted', ...right },
        { header: 'caught', ...right },
        { header: 'undetectable', ...right },
        { header: 'recall', ...right },
        { header: 'expected rules', ...left },
      ],
      report.mechanisms.map((m) => [
        m.kind,
        m.mechanism,
        String(m.planted),
        String(m.caught),
        String(m.undetectable),
        showPermille(m.recall),
        m.rules.join(', ') || '(none: not visible in the books alone)',
      ]),
    ),
  ]
  const undetectable = report.mechanisms.filter((m) => m.undetectable > 0)
  for (const m of undetectable)
    parts.push(
      `note: ${m.undetectable} of ${m.planted} ${m.kind} cannot be seen in the books alone; they are not ` +
        `counted as misses`,
    )
  parts.push(
    '',
    `${report.honestFindings.length} findings on honest enterprise-years${report.honestFindings.length > 0 ? ':' : ''}`,
  )
  for (const finding of report.honestFindings.slice(0, 10))
    parts.push(`  ${finding.severity} ${finding.rule} ${finding.entity} ${finding.date}: ${finding.message}`)
  if (report.honestFindings.length > 10)
    parts.push(`  … and ${report.honestFindings.length - 10} more (-O json lists all)`)
  parts.push(
    '',
    report.leakWarnings.length === 0
      ? 'leak check: no trivial baseline (entity name, account name, single amount) scores close to a rule'
      : 'leak check:',
  )
  for (const warning of report.leakWarnings) parts.push(`  warning: ${warning}`)
  parts.push(auditLine, '')
  return parts.join('\n')
}

const renderSweep = (rows: ReadonlyArray<SweepRow>, name: string, output: 'table' | 'csv' | 'json'): string => {
  const line = (row: SweepRow) => [
    row.value,
    String(row.score.truePositives),
    String(row.score.falsePositives),
    String(row.score.misses),
    showPermille(row.score.precision),
    showPermille(row.score.recall),
    showPermille(row.score.f1),
  ]
  const headers = [name, 'TP', 'FP', 'misses', 'precision', 'recall', 'F1']
  if (output === 'json')
    return (
      JSON.stringify(
        { version: 1, parameter: name, rows: rows.map((row) => ({ value: row.value, ...row.score })) },
        null,
        2,
      ) + `\n`
    )
  if (output === 'csv') return Csv.render(['value', 'tp', 'fp', 'misses', 'precision', 'recall', 'f1'], rows.map(line))
  return `${Table.render(
    headers.map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) })),
    rows.map(line),
  )}\n`
}

/** Adds `simulate` and `score` to the program. */
export const registerSimulateCommands = (program: Command, context: Context): void => {
  program
    .command('simulate')
    .description(
      'write a seeded region of enterprises with planted mechanisms (M1–M9) and decoys, and its ' + 'truth.json',
    )
    .requiredOption('--enterprises <N>', 'number of enterprises')
    .requiredOption('--years <Y>', 'number of years')
    .option('--seed <S>', 'seed', '1')
    .requiredOption('--out <DIR>', 'directory to write region.journal, truth.json and audit.json to')
    .option('--start-year <YEAR>', 'first year (default 1934)')
    .option('--honest', 'plant nothing (every mechanism rate 0; decoys stay)')
    .option('--plant <KIND=RATE,...>', 'rates per enterprise-year, e.g. wip-growth=0.1,frozen-debit=5%')
    .option('--plant-config <FILE>', 'rates from a JSON file {"rates": {"wip-growth": "0.1"}}')
    .option('--verify', "load the region and check it against the simulator's own balances")
    .action((flags: SimulateFlags) => simulateCommand(context, flags))
  program
    .command('score')
    .description('score the rules against planted truth: TP/FP/misses, precision, recall, F1; leak check; sweeps')
    .argument('<JOURNAL>', 'the region journal')
    .requiredOption('--truth <FILE>', 'truth.json written by simulate')
    .addOption(new Option('-O, --output <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--sweep <RULE.PARAM=FROM..TO:STEP>', 'trace one rule across a parameter')
    .option('--chart <FILE.svg>', 'with --sweep: write the precision/recall chart as SVG')
    .option(
      '--html <DIR>',
      'write DIR/index.html: the findings and charts, the rule scores, and with --sweep the precision/recall chart',
    )
    .option('--param <RULE.NAME=VALUE...>', 'rule parameters for this run')
    .option('--tolerance <T>', "relative amount tolerance (default the truth file's, 0.25)")
    .addOption(
      new Option('--min-severity <S>', 'the least severity that counts as an accusation (default warn)').choices([
        'info',
        'warn',
        'critical',
      ]),
    )
    .action((file: string, flags: ScoreFlags) => scoreCommand(context, file, flags))
}
