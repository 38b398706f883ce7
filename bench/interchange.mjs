#!/usr/bin/env node
// Interchange bench: the generated books (bench/generate.mjs) exported to a hive-partitioned
// Parquet directory (`export --format parquet --partition entity,year`), then queried there
// with DuckDB. Writes bench/INTERCHANGE.md. Never part of `npm test`.
//
//   node bench/interchange.mjs [--transactions 1000000] [--variant plain|shadow] [--seed 1936] [--findings]
//   node bench/interchange.mjs --region 10000 [--years 1]     the simulator's region of N enterprises instead
//
// Each step runs under /usr/bin/time -v (wall clock, peak RSS), once.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DATA = join(ROOT, 'bench', 'data')
const MAIN = join(ROOT, 'dist', 'cli', 'main.js')

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .flatMap((arg, index, all) =>
      arg.startsWith('--')
        ? [[arg.slice(2), all[index + 1]?.startsWith('--') === false ? all[index + 1] : 'true']]
        : [],
    ),
)
const transactions = Number((args.transactions ?? '1000000').replaceAll('_', ''))
const variant = args.variant ?? 'plain'
const seed = args.seed ?? '1936'
mkdirSync(DATA, { recursive: true })
const region = args.region === undefined ? undefined : Number(args.region)
const years = args.years ?? '1'
const regionDir = region === undefined ? undefined : join(DATA, `region-${region}x${years}`)
const journal =
  regionDir !== undefined
    ? join(regionDir, 'region.journal')
    : join(DATA, variant === 'shadow' ? `bench-${transactions}-shadow.journal` : `bench-${transactions}.journal`)
if (regionDir !== undefined && !existsSync(journal)) {
  const made = spawnSync(
    process.execPath,
    [MAIN, 'simulate', '--enterprises', String(region), '--years', years, '--seed', seed, '--out', regionDir],
    { stdio: 'inherit' },
  )
  if (made.status !== 0) process.exit(1)
} else if (!existsSync(journal)) {
  const made = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bench', 'generate.mjs'),
      '--transactions',
      String(transactions),
      '--seed',
      seed,
      '--out',
      DATA,
      ...(variant === 'shadow' ? ['--variant', 'shadow'] : []),
    ],
    { stdio: 'inherit' },
  )
  if (made.status !== 0) process.exit(1)
}

const timed = (label, argv) => {
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, '--max-old-space-size=8192', MAIN, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/u.exec(run.stderr)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/u.exec(run.stderr)
  const seconds = wall === null ? Number.NaN : Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])
  const result = {
    label,
    seconds,
    rssMiB: rss === null ? Number.NaN : Math.round(Number(rss[1]) / 1024),
    status: run.status,
    stdout: run.stdout,
  }
  process.stderr.write(`${label}: ${seconds.toFixed(1)} s, ${result.rssMiB} MiB, exit ${run.status}\n`)
  if (run.status !== 0) process.stderr.write(run.stderr.split('\n').slice(0, 5).join('\n') + '\n')
  return result
}

const out = join(
  DATA,
  regionDir !== undefined ? `parquet-region-${region}x${years}` : `parquet-${transactions}-${variant}`,
)
rmSync(out, { recursive: true, force: true })
const steps = [
  timed('export --format parquet --partition entity,year', [
    'export',
    journal,
    '--format',
    'parquet',
    '--partition',
    'entity,year',
    '-o',
    out,
    ...(args.findings === 'true' ? [] : ['--no-findings']),
  ]),
  timed('query: postings per entity and year (Parquet)', [
    'query',
    "SELECT entity, year, count(*) AS postings, sum(amount_decimal) AS net FROM postings WHERE book = 'money' GROUP BY ALL ORDER BY ALL",
    out,
    '-O',
    'csv',
  ]),
  timed('query: ten largest accounts by money turnover (Parquet)', [
    'query',
    "SELECT account, sum(abs(amount_decimal)) AS turnover FROM postings WHERE book = 'money' GROUP BY account ORDER BY turnover DESC LIMIT 10",
    out,
    '-O',
    'csv',
  ]),
]
const rows = steps.map((step) => `| ${step.label} | ${step.seconds.toFixed(1)} | ${step.rssMiB} | ${step.status} |`)
const text = [
  '# Interchange bench',
  '',
  `${regionDir !== undefined ? `${region} simulated enterprises (\`shadow-ledger simulate --enterprises ${region} --years ${years} --seed ${seed}\`)` : `${transactions.toLocaleString('en')} generated entries (\`bench/generate.mjs --variant ${variant} --seed ${seed}\`)`}, ${new Date().toISOString().slice(0, 10)}, one run each, on this machine (2 cores shared; load average ${loadavg()[0].toFixed(1)} at the end).`,
  '`node bench/interchange.mjs --transactions N` rebuilds this page.',
  '',
  '| step | wall s | peak RSS MiB | exit |',
  '|---|---|---|---|',
  ...rows,
  '',
  'First query result (postings per entity and year):',
  '',
  '```',
  steps[1].stdout.split('\n').slice(0, 12).join('\n'),
  '```',
  '',
].join('\n')
const page = join(ROOT, 'bench', 'INTERCHANGE.md')
// The region's figures go after the journal's (one page, two sections).
const previous = existsSync(page) ? readFileSync(page, 'utf8').split('\n## ')[0] : ''
writeFileSync(
  page,
  regionDir !== undefined
    ? `${previous.trimEnd()}\n\n## ${text.replace(/^# Interchange bench\n\n/u, `The simulator's region (${region} enterprises × ${years} year(s), seed ${seed})\n\n`)}`
    : text,
)
process.stdout.write(text)
