#!/usr/bin/env node
// Benchmark shadow-ledger against ledger, hledger and beancount (bean-check), with a
// raw-read floor. `npm run bench` runs it after a build.
//
//   node bench/run.mjs [--sizes 10000,100000,1000000] [--runs 3] [--quick]
//                      [--seed 1936] [--tools shadow-ledger,ledger,hledger,bean-check,floor]
//                      [--timeout 1800] [--out bench/RESULTS.md] [--report-only]
//                      [--no-shadow | --shadow-only] [--slow-runs N]
//
// --quick   smoke run: 10000 transactions, 1 run.
// --no-shadow    skip the shadow section (below).
// --slow-runs N  run hledger and bean-check at most N times per size (they take minutes at 1M;
//                the paired shadow-ledger/ledger/floor runs keep --runs).
// --shadow-only  measure only the shadow section; the peer sections are kept from the last
//                raw samples (when there are any) and the report is rewritten with both.
// --report-only  rebuild RESULTS.md from bench/out/results.json, measure nothing.
// --out     another markdown file; its raw samples go beside it (X.md -> X.json).
// --timeout seconds one command may take; a command past it is killed, recorded as
//           "timeout", and that tool is skipped for the larger sizes.
//
// For each size it makes the books if missing (bench/data/, git-ignored), then runs
// every tool `--runs` times, rotating the order of the tools run by run, each under
// `/usr/bin/time -v` (wall clock, CPU, maximum resident set size). A tool that is
// not installed is reported as missing; one that fails is reported with the first
// line of its stderr; neither stops the run. Writes bench/RESULTS.md and the raw
// samples to bench/out/results.json.
//
// Shadow section: for each size, the shadow books of that many entries
// (`generate.mjs --variant shadow`: entities, goods, plans, counts, operations), timed
// `--runs` times each as `check` (load) and `reconcile --output json` (load + every built-in
// rule), alternating which goes first; the report gives the median wall time, peak RSS and
// reconcile / load against the target of 2×.

import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

// bench/simulate.mjs keeps its own section of RESULTS.md; a rewrite here carries it over.
const writeResults = (file, text) => {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const section = /<!-- simulate:begin -->[\s\S]*<!-- simulate:end -->/u.exec(previous)
  writeFileSync(file, section === null ? text : `${text.trimEnd()}\n\n${section[0]}\n`)
}

import os from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DATA = join(ROOT, 'bench', 'data')
const OUT = join(ROOT, 'bench', 'out')
const TIME = '/usr/bin/time'
const ALL_TOOLS = ['shadow-ledger', 'ledger', 'hledger', 'bean-check', 'floor']

// ---------------------------------------------------------------- options

/** The peers that take minutes on the largest books (`--slow-runs`). */
const SLOW_TOOLS = new Set(['hledger', 'bean-check'])

function parseArgs(argv) {
  const o = {
    sizes: [10_000, 100_000, 1_000_000],
    runs: 3,
    seed: 1936,
    tools: ALL_TOOLS,
    timeout: 1800,
    out: join(ROOT, 'bench', 'RESULTS.md'),
    shadow: 'yes',
  }
  let quick = false
  let sizesGiven = false
  let runsGiven = false
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]
    let v
    const eq = a.indexOf('=')
    if (eq > 0) {
      v = a.slice(eq + 1)
      a = a.slice(0, eq)
    }
    const val = () => {
      if (v !== undefined) return v
      const next = argv[++i]
      if (next === undefined) throw new Error(`${a} needs a value`)
      return next
    }
    const int = (s, what) => {
      const n = Number(String(s).replaceAll('_', ''))
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${what}: not a positive integer: ${s}`)
      return n
    }
    switch (a) {
      case '--quick':
        quick = true
        break
      case '--report-only':
        o.reportOnly = true
        break
      case '--no-shadow':
        o.shadow = 'no'
        break
      case '--shadow-only':
        o.shadow = 'only'
        break
      case '--sizes':
        o.sizes = val()
          .split(',')
          .map((s) => int(s.trim(), '--sizes'))
        sizesGiven = true
        break
      case '--runs':
        o.runs = int(val(), '--runs')
        runsGiven = true
        break
      case '--slow-runs':
        o.slowRuns = int(val(), '--slow-runs')
        break
      case '--seed':
        o.seed = int(val(), '--seed')
        break
      case '--timeout':
        o.timeout = int(val(), '--timeout')
        break
      case '--out':
        o.out = resolve(val())
        break
      case '--tools': {
        o.tools = val()
          .split(',')
          .map((s) => s.trim())
        for (const t of o.tools)
          if (!ALL_TOOLS.includes(t)) throw new Error(`--tools: unknown tool ${t} (known: ${ALL_TOOLS.join(', ')})`)
        break
      }
      case '--help':
      case '-h':
        {
          const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8')
            .split('\n')
            .slice(1)
          const end = lines.findIndex((l) => !l.startsWith('//'))
          process.stdout.write(
            `${lines
              .slice(0, end)
              .map((l) => l.replace(/^\/\/ ?/, ''))
              .join('\n')}\n`,
          )
        }
        process.exit(0)
        break
      default:
        throw new Error(`unknown option ${a}`)
    }
  }
  if (quick) {
    if (!sizesGiven) o.sizes = [10_000]
    if (!runsGiven) o.runs = 1
  }
  o.sizes = [...new Set(o.sizes)].sort((x, y) => x - y)
  // raw samples: bench/out/results.json for bench/RESULTS.md, else beside --out
  o.raw = o.out === join(ROOT, 'bench', 'RESULTS.md') ? join(OUT, 'results.json') : `${o.out.replace(/\.md$/, '')}.json`
  return o
}

// ---------------------------------------------------------------- helpers

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (r.error || r.status !== 0) return null
  return `${r.stdout}${r.stderr}`.trim()
}

function which(name) {
  if (name.includes('/')) return existsSync(name) ? name : null
  return sh('sh', ['-c', 'command -v "$0"', name])
}

function firstLine(s) {
  return (
    (s ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  )
}

/** First line of a failing tool's stderr; for a Node stack trace, its `...Error: ...` line. */
function errorLine(s) {
  const lines = (s ?? '').split('\n').map((l) => l.trim())
  if (/^node:|^file:\/\/|^\/.*:\d+$/.test(lines[0] ?? '')) {
    const e = lines.find((l) => /^[A-Za-z]*Error\b/.test(l))
    if (e) return e
  }
  return firstLine(s)
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const log = (s) => process.stderr.write(`[bench] ${s}\n`)

/** "1:02.33" or "1:02:03" -> seconds */
function parseElapsed(s) {
  const parts = s.split(':').map(Number)
  return parts.reduce((acc, p) => acc * 60 + p, 0)
}

function parseTimeV(text) {
  const get = (re) => {
    const m = re.exec(text)
    return m ? m[1] : undefined
  }
  const elapsed = get(/Elapsed \(wall clock\) time.*\):\s*([\d:.]+)/)
  const rss = get(/Maximum resident set size \(kbytes\):\s*(\d+)/)
  const user = get(/User time \(seconds\):\s*([\d.]+)/)
  const sys = get(/System time \(seconds\):\s*([\d.]+)/)
  return {
    wall: elapsed === undefined ? undefined : parseElapsed(elapsed),
    rssKiB: rss === undefined ? undefined : Number(rss),
    cpu: user === undefined || sys === undefined ? undefined : Number(user) + Number(sys),
  }
}

let sampleNo = 0

/**
 * Run one command under /usr/bin/time -v (when present). Resolves to
 * { ok, code, wall, cpu, rssKiB, stderrFirst, timedOut }.
 */
function measure(cmd, args, { stdoutFile, timeoutSec, haveTime }) {
  return new Promise((resolveP) => {
    const timeFile = join(os.tmpdir(), `shadow-ledger-bench-${process.pid}-${sampleNo++}.time`)
    const [exe, argv] = haveTime ? [TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args]
    const out = openSync(stdoutFile, 'w')
    const t0 = process.hrtime.bigint()
    const child = spawn(exe, argv, { stdio: ['ignore', out, 'pipe'], detached: true, cwd: ROOT })
    closeSync(out)
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (d) => {
      if (stderr.length < 65_536) stderr += d
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }, timeoutSec * 1000)
    const finish = (code, spawnError) => {
      clearTimeout(timer)
      const hr = Number(process.hrtime.bigint() - t0) / 1e9
      let tv = {}
      if (haveTime && existsSync(timeFile)) {
        tv = parseTimeV(readFileSync(timeFile, 'utf8'))
        rmSync(timeFile, { force: true })
      }
      resolveP({
        ok: !timedOut && !spawnError && code === 0,
        code,
        timedOut,
        wall: tv.wall ?? hr,
        wallHr: hr,
        cpu: tv.cpu,
        rssKiB: tv.rssKiB,
        stderrFirst: spawnError ? String(spawnError.message) : errorLine(stderr),
      })
    }
    child.on('error', (e) => finish(null, e))
    child.on('close', (code) => finish(code, null))
  })
}

// ---------------------------------------------------------------- data

function ensureData(size, seed) {
  const journal = join(DATA, `bench-${size}.journal`)
  const beancount = join(DATA, `bench-${size}.beancount`)
  const metaFile = join(DATA, `bench-${size}.meta.json`)
  let meta
  if (existsSync(journal) && existsSync(beancount) && existsSync(metaFile)) {
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8'))
      if (
        meta.seed !== seed ||
        meta.transactions !== size ||
        meta.variant !== 'plain' ||
        meta.finalBalances === undefined
      )
        meta = undefined
    } catch {
      meta = undefined
    }
  }
  if (meta === undefined) {
    log(`generating ${size} transactions (seed ${seed}) into ${relative(ROOT, DATA)}/`)
    const t0 = Date.now()
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bench', 'generate.mjs'), '--transactions', String(size), '--seed', String(seed), '--out', DATA],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    if (r.status !== 0) throw new Error(`bench/generate.mjs failed: ${firstLine(r.stderr)}`)
    meta = JSON.parse(readFileSync(metaFile, 'utf8'))
    meta.generatedInSec = (Date.now() - t0) / 1000
  }
  // a cache left by a bean-check run without -C would not be used, but it is 2.5
  // times the size of the books: drop it
  rmSync(join(DATA, `.bench-${size}.beancount.picklecache`), { force: true })
  return { size, journal, beancount, meta }
}

/** The shadow books of `size` entries (made if missing or made with other arguments). */
function ensureShadowData(size, seed) {
  const journal = join(DATA, `bench-${size}-shadow.journal`)
  const metaFile = join(DATA, `bench-${size}-shadow.meta.json`)
  let meta
  if (existsSync(journal) && existsSync(metaFile)) {
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8'))
      if (meta.seed !== seed || meta.entries !== size || meta.variant !== 'shadow' || meta.version !== SHADOW_VERSION)
        meta = undefined
    } catch {
      meta = undefined
    }
  }
  if (meta === undefined) {
    log(`generating shadow books of ${size} entries (seed ${seed}) into ${relative(ROOT, DATA)}/`)
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bench', 'generate.mjs'),
        '--transactions',
        String(size),
        '--seed',
        String(seed),
        '--out',
        DATA,
        '--variant',
        'shadow',
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    if (r.status !== 0) throw new Error(`bench/generate.mjs --variant shadow failed: ${firstLine(r.stderr)}`)
    meta = JSON.parse(readFileSync(metaFile, 'utf8'))
  }
  return { size, journal, meta }
}

/** The generator's version of the shadow books (its meta.json `version`). */
const SHADOW_VERSION = 3

// ---------------------------------------------------------------- output check

/**
 * Check a balance report against the generator's final balances. Reads lines like
 * `  -1234.56 RUB  assets:bank:sber` (flat: hledger, shadow-ledger) or ledger's tree,
 * where two more spaces before the name are one level deeper and a name may hold
 * several components (`wages:payable`).
 */
export function checkBalances(text, expected) {
  const got = new Map()
  const stack = []
  const re = /^\s*(-?\d+\.\d{2}) RUB( +)(\S+)\s*$/
  for (const line of text.split('\n')) {
    const m = re.exec(line)
    if (!m) continue
    const depth = Math.max(0, (m[2].length - 2) >> 1)
    stack.length = depth
    stack[depth] = m[3]
    got.set(stack.join(':'), m[1])
  }
  if (got.size === 0) return { ok: false, note: 'no balances found in the output' }
  for (const [account, want] of Object.entries(expected)) {
    const have = got.get(account)
    if (have === undefined && /^-?0\.00$/.test(want)) continue
    if (have === undefined) return { ok: false, note: `${account} missing` }
    if (have !== want) return { ok: false, note: `${account}: ${have}, expected ${want}` }
  }
  return { ok: true, note: `all ${Object.keys(expected).length} balances right` }
}

// ---------------------------------------------------------------- tools

function toolDefs() {
  const node = process.execPath
  const cli = join(ROOT, 'dist', 'cli', 'main.js')
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const rev = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'])
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src'])
  return [
    {
      name: 'shadow-ledger',
      shown: 'node dist/cli/main.js balance FILE.journal',
      cmd: node,
      args: (d) => [cli, 'balance', d.journal],
      // always run: when dist/ is not built or the CLI fails, the run is recorded as
      // failed with the first line of its stderr
      present: () => null,
      reports: true,
      version: () =>
        `${pkg.name} ${pkg.version} (${rev ?? 'no git revision'}${dirty ? ', src/ modified' : ''}) on node ${process.version}`,
    },
    {
      name: 'ledger',
      shown: 'ledger -f FILE.journal bal',
      cmd: 'ledger',
      args: (d) => ['-f', d.journal, 'bal'],
      present: () => (which('ledger') ? null : 'not installed'),
      reports: true,
      version: () => firstLine(sh('ledger', ['--version'])),
    },
    {
      name: 'hledger',
      shown: 'hledger -f FILE.journal bal',
      cmd: 'hledger',
      args: (d) => ['-f', d.journal, 'bal'],
      present: () => (which('hledger') ? null : 'not installed'),
      reports: true,
      version: () => firstLine(sh('hledger', ['--version'])),
    },
    {
      name: 'bean-check',
      // -C: no pickle cache. Without it the first run pickles the parsed books next
      // to the file (.FILE.picklecache) and later runs only unpickle them.
      shown: 'bean-check -C FILE.beancount',
      cmd: 'bean-check',
      args: (d) => ['-C', d.beancount],
      present: () => (which('bean-check') ? null : 'not installed'),
      version: () => firstLine(sh('bean-check', ['--version'])),
    },
    {
      name: 'floor',
      shown: 'node bench/floor.mjs FILE.journal',
      cmd: node,
      args: (d) => [join(ROOT, 'bench', 'floor.mjs'), d.journal],
      present: () => null,
      version: () => `read + UTF-8 decode + count newlines, node ${process.version}`,
    },
  ]
}

// ---------------------------------------------------------------- report

const fmtS = (s) => (s === undefined ? '—' : s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : s.toFixed(0))
const fmtMiB = (kib) => (kib === undefined ? '—' : (kib / 1024).toFixed(kib < 102_400 ? 1 : 0))
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`)
const fmtInt = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'))
const fmtBytes = (b) => `${(b / 1048576).toFixed(1)} MiB`

function summarise(samples) {
  const good = samples.filter((s) => s.ok)
  if (good.length === 0) return undefined
  const cpus = good.map((s) => s.cpu).filter((c) => c !== undefined)
  const rss = good.map((s) => s.rssKiB).filter((c) => c !== undefined)
  const walls = good.map((s) => s.wall)
  return {
    runs: good.length,
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: cpus.length ? median(cpus) : undefined,
    rssKiB: rss.length ? Math.max(...rss) : undefined,
  }
}

function machine() {
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : ''
  const mt = /MemTotal:\s*(\d+) kB/.exec(meminfo)
  return {
    nproc: sh('nproc', []) ?? String(os.availableParallelism?.() ?? os.cpus().length),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory: mt ? `${(Number(mt[1]) / 1048576).toFixed(1)} GiB` : `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    npm: sh('npm', ['--version']) ?? 'unknown',
  }
}

/** The shadow section: load (`check`) against `reconcile` on the shadow books. */
function shadowSection(shadow) {
  const L = []
  L.push('## Shadow books: load vs reconcile')
  L.push('')
  L.push(
    `Made by \`node bench/generate.mjs --variant shadow\` (seed ${shadow.seed}): entities \`plant\` (state), \`buyer\` (military) and \`gosbank\`, accounts of the domain's chart of roles, goods quantities on stage moves, yearly and quarterly norms, plans and limits, reported figures, quarterly counts, and about 10 % operation lines (contracts, lots, completion, shipments, payment demands, acceptance, payment, loans against lots, bills, bonuses, claims, freezes). Measured by \`node bench/run.mjs${shadow.argv?.length ? ` ${shadow.argv.join(' ')}` : ''}\`, ${shadow.runs} runs each (alternating which command goes first), ${shadow.started.replace(/\.\d+Z$/, 'Z')} to ${shadow.finished.replace(/\.\d+Z$/, 'Z')}, load average ${shadow.loadStart.map((x) => x.toFixed(2)).join(' / ')} at start, ${shadow.loadEnd.map((x) => x.toFixed(2)).join(' / ')} at end.`,
  )
  L.push('')
  L.push(
    '| entries | transactions | operations | plan lines | counts | .journal | check (load) s | min … max s | peak RSS MiB | reconcile s | min … max s | peak RSS MiB | reconcile / load | target ≤ 2× | findings |',
  )
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |')
  for (const size of Object.keys(shadow.results)
    .map(Number)
    .sort((a, b) => a - b)) {
    const x = shadow.results[size]
    const m = x.meta
    const c = x.check.summary
    const r = x.reconcile.summary
    const ratio = c && r ? r.wall / c.wall : undefined
    const fail = (part) => {
      const bad = part.samples.find((sample) => !sample.ok)
      return bad
        ? bad.timedOut
          ? 'timeout'
          : `failed (exit ${bad.code}): ${bad.stderrFirst.replaceAll('|', '\\|').slice(0, 120)}`
        : '—'
    }
    L.push(
      `| ${fmtInt(size)} | ${fmtInt(m.transactions)} | ${fmtInt(m.operations)} | ${fmtInt(m.plans)} | ${fmtInt(m.counts)} | ${fmtBytes(m.journal.bytes)} | ${c ? fmtS(c.wall) : fail(x.check)} | ${c ? `${fmtS(c.min)} … ${fmtS(c.max)}` : '—'} | ${c ? fmtMiB(c.rssKiB) : '—'} | ${r ? fmtS(r.wall) : fail(x.reconcile)} | ${r ? `${fmtS(r.min)} … ${fmtS(r.max)}` : '—'} | ${r ? fmtMiB(r.rssKiB) : '—'} | ${fmtX(ratio)} | ${ratio === undefined ? '—' : ratio <= 2 ? 'met' : '**not met**'} | ${x.findings === undefined ? '—' : fmtInt(x.findings)} |`,
    )
  }
  L.push('')
  L.push(
    '- check: `node dist/cli/main.js check FILE` (parse, elaborate, post every transaction and apply every operation); reconcile: `node dist/cli/main.js reconcile --output json FILE` (the same load, then all built-in rules, as of the last date of the books). reconcile / load = median reconcile wall / median check wall; the target is the issue\'s "all built-in rules in at most 2× the time of loading". findings: the number in the last reconcile output.',
  )
  L.push('- Where the rules spend their time, and what was changed to make them linear: [PROFILE.md](PROFILE.md).')
  L.push('')
  return L
}

function report({
  argv,
  opts,
  tools,
  status,
  data,
  results,
  mach,
  started,
  finished,
  loadStart,
  loadEnd,
  haveTime,
  shadow,
}) {
  const L = []
  const present = tools.filter((t) => status[t.name].present)
  const missing = tools.filter((t) => !status[t.name].present)
  L.push('# Benchmarks: shadow-ledger against ledger, hledger and beancount')
  L.push('')
  L.push(
    `Written by \`node bench/run.mjs${argv.length ? ` ${argv.join(' ')}` : ''}\`${argv.length ? '' : ' (defaults)'} — do not edit by hand; re-run to refresh (\`--report-only\` rebuilds this file from \`${relative(ROOT, opts.raw)}\`).`,
  )
  L.push('')
  L.push(
    `- date: ${started.toISOString().replace(/\.\d+Z$/, 'Z')} to ${finished.toISOString().replace(/\.\d+Z$/, 'Z')}`,
  )
  L.push(`- machine: ${mach.nproc} CPUs (\`nproc\`), ${mach.cpu}; memory ${mach.memory}; ${mach.os}`)
  L.push(`- node ${mach.node}, npm ${mach.npm}`)
  L.push(
    `- load average (1/5/15 min) at start ${loadStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${loadEnd.map((x) => x.toFixed(2)).join(' / ')} (a shared machine: other work may have run meanwhile)`,
  )
  L.push(
    `- runs per tool and size: ${opts.runs}, order of the tools rotated run by run; seed ${opts.seed}; timeout ${opts.timeout} s per command`,
  )
  L.push(
    `- measured with ${haveTime ? '`/usr/bin/time -v` (wall clock "Elapsed", "User"+"System" CPU, "Maximum resident set size")' : "node's hrtime only: /usr/bin/time was missing, so no CPU or RSS figures"}`,
  )
  L.push(
    `- missing tools: ${missing.length ? missing.map((t) => `${t.name} (${status[t.name].why})`).join(', ') : 'none'}`,
  )
  if (existsSync(join(ROOT, 'bench', 'PROFILE.md')))
    L.push(
      '- where shadow-ledger spends its time and memory, before and after the streaming loader: [PROFILE.md](PROFILE.md) (written by hand)',
    )
  L.push('')
  L.push('## Tools')
  L.push('')
  L.push('| tool | command | version |')
  L.push('| --- | --- | --- |')
  for (const t of tools)
    L.push(
      `| ${t.name} | \`${t.shown}\` | ${status[t.name].present ? status[t.name].version : `missing: ${status[t.name].why}`} |`,
    )
  L.push('')
  L.push('## Books')
  L.push('')
  L.push(
    'Made by `node bench/generate.mjs --transactions N --seed S --out bench/data`: the same books as an hledger/ledger journal and as a beancount file.',
  )
  L.push('')
  L.push(
    '| transactions | postings | elided postings | balance assertions | accounts | dates | .journal | .beancount |',
  )
  L.push('| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |')
  for (const d of data) {
    const m = d.meta
    L.push(
      `| ${fmtInt(m.transactions)} | ${fmtInt(m.postings)} | ${fmtInt(m.elidedPostings)} | ${fmtInt(m.assertions)} | ${m.accounts} | ${m.firstDate} … ${m.lastDate} | ${fmtBytes(m.journal.bytes)} | ${fmtBytes(m.beancount.bytes)} |`,
    )
  }
  L.push('')
  for (const d of data) {
    const size = d.size
    const res = results[size]
    const base = res['shadow-ledger']?.summary
    const floor = res.floor?.summary
    L.push(`## ${fmtInt(size)} transactions`)
    L.push('')
    L.push(
      '| tool | median wall s | min … max s | CPU s | peak RSS MiB | transactions/s | × shadow-ledger | × floor | balances | runs |',
    )
    L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
    for (const t of tools) {
      const r = res[t.name]
      if (!status[t.name].present) {
        L.push(`| ${t.name} | — | — | — | — | — | — | — | — | missing (${status[t.name].why}) |`)
        continue
      }
      const s = r.summary
      const bad = r.samples.filter((x) => !x.ok)
      const note = r.skipped
        ? `skipped: ${r.skipped}`
        : bad.length
          ? `${s ? `${s.runs} ok, ` : ''}${bad.length} failed: ${bad[0].timedOut ? `timeout after ${opts.timeout} s` : `exit ${bad[0].code}: ${bad[0].stderrFirst.replaceAll('|', '\\|').slice(0, 160)}`}`
          : `${s.runs}`
      if (!s) {
        L.push(`| ${t.name} | failed | — | — | — | — | — | — | — | ${note} |`)
        continue
      }
      const checks = r.samples.filter((x) => x.check !== undefined)
      const wrong = checks.find((x) => !x.check.ok)
      const bal = wrong
        ? `**wrong**: ${wrong.check.note}`
        : checks.length
          ? `right (${checks.length}/${r.samples.filter((x) => x.ok).length} runs)`
          : t.name === 'bean-check'
            ? 'checked, not printed'
            : '—'
      L.push(
        `| ${t.name} | ${fmtS(s.wall)} | ${fmtS(s.min)} … ${fmtS(s.max)} | ${fmtS(s.cpu)} | ${fmtMiB(s.rssKiB)} | ${fmtInt(size / s.wall)} | ${base ? fmtX(s.wall / base.wall) : '—'} | ${floor ? fmtX(s.wall / floor.wall) : '—'} | ${bal} | ${note} |`,
      )
    }
    L.push('')
    if (!base) L.push('× shadow-ledger: no figure, shadow-ledger has no successful run at this size.\n')
  }
  if (data.length > 1) {
    L.push('## Linearity')
    L.push('')
    L.push(
      'Ratios of the median wall time and of the peak RSS between consecutive sizes; a linear tool with a small fixed cost shows the size ratio.',
    )
    L.push('')
    const pairs = []
    for (let i = 1; i < data.length; i++) pairs.push([data[i - 1].size, data[i].size])
    L.push(
      `| tool | ${pairs.map(([a, b]) => `time(${fmtInt(b)}) / time(${fmtInt(a)}) | rss(${fmtInt(b)}) / rss(${fmtInt(a)})`).join(' | ')} |`,
    )
    L.push(`| --- | ${pairs.map(() => '---: | ---:').join(' | ')} |`)
    L.push(`| (size ratio) | ${pairs.map(([a, b]) => `${fmtX(b / a)} | ${fmtX(b / a)}`).join(' | ')} |`)
    for (const t of present) {
      const cells = pairs.map(([a, b]) => {
        const sa = results[a][t.name]?.summary
        const sb = results[b][t.name]?.summary
        if (!sa || !sb) return '— | —'
        return `${fmtX(sb.wall / sa.wall)} | ${sa.rssKiB && sb.rssKiB ? fmtX(sb.rssKiB / sa.rssKiB) : '—'}`
      })
      L.push(`| ${t.name} | ${cells.join(' | ')} |`)
    }
    L.push('')
  }
  if (shadow !== undefined && Object.keys(shadow.results ?? {}).length > 0) L.push(...shadowSection(shadow))
  L.push('## How to read this')
  L.push('')
  L.push(
    '- Every tool does the whole job on the same books: parse, balance each transaction (one amount per transaction is elided and must be inferred), check every balance assertion, and print the balance of every account (bean-check prints nothing but checks the same). A run counts only when the tool exits 0, so each figure is also a check that all three peers accept the books and their assertions.',
  )
  L.push(
    '- wall: median over the successful runs; CPU: median user+system seconds; peak RSS: the largest "Maximum resident set size" over the runs; transactions/s = transactions / median wall; × shadow-ledger = tool wall / shadow-ledger wall (above 1: slower than shadow-ledger); × floor = tool wall / floor wall.',
  )
  L.push(
    "- balances: each run's printed balance of every account is compared with the balances the generator computed with BigInt (in `bench-N.meta.json`); ledger's tree report is read back into full account names. bean-check prints no report; it exits 0 only when the books balance and every assertion holds.",
  )
  L.push(
    '- bean-check runs with `-C` (no cache): by default beancount pickles the parsed books next to the file after a slow load and serves later runs from that pickle, which would time unpickling instead of parsing.',
  )
  L.push(
    '- floor: `node bench/floor.mjs` starts node, reads the journal in 1 MiB chunks, decodes UTF-8 and counts newlines — what a Node tool pays before it parses anything.',
  )
  L.push(
    '- Journal assertions (`= AMOUNT RUB` on a posting) hold after that posting in file order, as ledger and hledger check them. Beancount checks a `balance` directive at the beginning of its date, so the generator writes the end-of-day balance dated the next day. bean-check accepts a balance within 0.01 of the computed one for 2-decimal amounts; ledger and hledger compare exactly.',
  )
  L.push(
    `- Raw samples: \`${relative(ROOT, opts.raw)}\`; each tool's last output: \`bench/out/SIZE/TOOL.out\` (git-ignored).`,
  )
  L.push('')
  return L.join('\n')
}

// ---------------------------------------------------------------- main

async function main() {
  let opts
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`${e.message}\nrun node bench/run.mjs --help\n`)
    process.exit(2)
  }
  if (opts.reportOnly) {
    // rebuild the markdown from the last raw samples, without measuring
    const raw = JSON.parse(readFileSync(opts.raw, 'utf8'))
    const tools = toolDefs().filter((t) => raw.opts.tools.includes(t.name))
    const data = raw.data.map((meta) => ({ size: meta.transactions, meta }))
    // check the last outputs left in bench/out/SIZE/ where the run did not
    for (const d of data) {
      const metaFile = join(DATA, `bench-${d.size}.meta.json`)
      const fresh = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : undefined
      if (!fresh?.finalBalances || fresh.seed !== d.meta.seed) continue
      d.meta = { ...d.meta, finalBalances: fresh.finalBalances }
      for (const t of tools) {
        const last = raw.results[d.size]?.[t.name]?.samples?.at(-1)
        const out = join(OUT, String(d.size), `${t.name}.out`)
        if (t.reports && last?.ok && last.check === undefined && existsSync(out))
          last.check = checkBalances(readFileSync(out, 'utf8'), fresh.finalBalances)
      }
    }
    writeFileSync(opts.raw, `${JSON.stringify({ ...raw, data: data.map((x) => x.meta) }, null, 2)}\n`)
    const md = report({
      ...raw,
      opts: { ...raw.opts, raw: opts.raw },
      tools,
      data,
      started: new Date(raw.started),
      finished: new Date(raw.finished),
    })
    writeResults(opts.out, md)
    log(`rebuilt ${relative(ROOT, opts.out)} from ${relative(ROOT, opts.raw)}`)
    return
  }
  const started = new Date()
  const loadStart = os.loadavg()
  mkdirSync(DATA, { recursive: true })
  mkdirSync(OUT, { recursive: true })
  const haveTime = existsSync(TIME)
  if (!haveTime) log(`${TIME} not found: wall time from node only, no RSS (apt-get install time)`)

  if (opts.shadow === 'only') {
    // keep the peer sections of the last run; measure the shadow section only
    const previous = existsSync(opts.raw) ? JSON.parse(readFileSync(opts.raw, 'utf8')) : undefined
    const shadow = await measureShadow(opts, haveTime)
    if (previous?.data === undefined) {
      writeFileSync(opts.raw, `${JSON.stringify({ argv: process.argv.slice(2), opts, shadow }, null, 2)}\n`)
      log(`no earlier raw samples: wrote only ${relative(ROOT, opts.raw)}`)
      return
    }
    const raw = { ...previous, shadow }
    writeFileSync(opts.raw, `${JSON.stringify(raw, null, 2)}\n`)
    const tools = toolDefs().filter((t) => raw.opts.tools.includes(t.name))
    const data = raw.data.map((meta) => ({ size: meta.transactions, meta }))
    writeResults(
      opts.out,
      report({
        ...raw,
        opts: { ...raw.opts, raw: opts.raw },
        tools,
        data,
        started: new Date(raw.started),
        finished: new Date(raw.finished),
      }),
    )
    log(`wrote ${relative(ROOT, opts.out)} and ${relative(ROOT, opts.raw)}`)
    return
  }

  const tools = toolDefs().filter((t) => opts.tools.includes(t.name))
  const status = {}
  for (const t of tools) {
    const why = t.present()
    status[t.name] = why === null ? { present: true, version: t.version() || 'unknown' } : { present: false, why }
    log(`${t.name}: ${why === null ? status[t.name].version : `missing (${why})`}`)
  }

  const data = opts.sizes.map((size) => ensureData(size, opts.seed))
  const results = {}
  const given = new Set() // tools that timed out: skipped for larger sizes
  for (const d of data) {
    const res = {}
    results[d.size] = res
    const dir = join(OUT, String(d.size))
    mkdirSync(dir, { recursive: true })
    const active = tools.filter((t) => status[t.name].present)
    for (const t of active)
      res[t.name] = { samples: [], skipped: given.has(t.name) ? 'timed out on a smaller size' : undefined }
    for (let run = 0; run < opts.runs; run++) {
      const order = active.map((_, i) => active[(i + run) % active.length])
      for (const t of order) {
        const r = res[t.name]
        if (r.skipped) continue
        // after a failure, don't repeat it
        if (r.samples.some((s) => !s.ok)) continue
        if (opts.slowRuns !== undefined && SLOW_TOOLS.has(t.name) && r.samples.length >= opts.slowRuns) continue
        const s = await measure(t.cmd, t.args(d), {
          stdoutFile: join(dir, `${t.name}.out`),
          timeoutSec: opts.timeout,
          haveTime,
        })
        s.run = run
        if (s.ok && t.reports) {
          s.check = checkBalances(readFileSync(join(dir, `${t.name}.out`), 'utf8'), d.meta.finalBalances)
          if (!s.check.ok) log(`${d.size} ${t.name}: WRONG balances: ${s.check.note}`)
        }
        r.samples.push(s)
        log(
          `${d.size} run ${run + 1}/${opts.runs} ${t.name}: ${s.ok ? `${fmtS(s.wall)} s, ${fmtMiB(s.rssKiB)} MiB` : s.timedOut ? 'timeout' : `failed (exit ${s.code}): ${s.stderrFirst}`}`,
        )
        if (s.timedOut) given.add(t.name)
      }
    }
    for (const t of active) res[t.name].summary = summarise(res[t.name].samples)
    // write as we go, so a long run leaves its figures even if stopped later
    const finished = new Date()
    const done = data.filter((x) => results[x.size])
    const raw = {
      argv: process.argv.slice(2),
      opts,
      status,
      mach: machine(),
      started,
      finished,
      loadStart,
      loadEnd: os.loadavg(),
      haveTime,
      results,
    }
    writeResults(opts.out, report({ ...raw, tools, data: done }))
    writeFileSync(opts.raw, `${JSON.stringify({ ...raw, data: done.map((x) => x.meta) }, null, 2)}\n`)
  }
  if (opts.shadow === 'yes') {
    const shadow = await measureShadow(opts, haveTime)
    const raw = JSON.parse(readFileSync(opts.raw, 'utf8'))
    raw.shadow = shadow
    writeFileSync(opts.raw, `${JSON.stringify(raw, null, 2)}\n`)
    writeResults(
      opts.out,
      report({ ...raw, opts, tools, data, started: new Date(raw.started), finished: new Date(raw.finished) }),
    )
  }
  log(`wrote ${relative(ROOT, opts.out)} and ${relative(ROOT, opts.raw)}`)
}

/** The shadow section's samples: per size, `check` and `reconcile --output json`, `opts.runs` times each. */
async function measureShadow(opts, haveTime) {
  const node = process.execPath
  const cli = join(ROOT, 'dist', 'cli', 'main.js')
  const shadow = {
    argv: process.argv.slice(2),
    seed: opts.seed,
    runs: opts.runs,
    started: new Date().toISOString(),
    loadStart: os.loadavg(),
    results: {},
  }
  for (const size of opts.sizes) {
    const d = ensureShadowData(size, opts.seed)
    const dir = join(OUT, String(size))
    mkdirSync(dir, { recursive: true })
    const parts = {
      check: { args: [cli, 'check', d.journal], out: join(dir, 'shadow-check.out'), samples: [] },
      reconcile: {
        args: [cli, 'reconcile', '--output', 'json', d.journal],
        out: join(dir, 'shadow-reconcile.json'),
        samples: [],
      },
    }
    for (let run = 0; run < opts.runs; run++) {
      const order = run % 2 === 0 ? ['check', 'reconcile'] : ['reconcile', 'check']
      for (const name of order) {
        const part = parts[name]
        if (part.samples.some((x) => !x.ok)) continue
        const sample = await measure(node, part.args, { stdoutFile: part.out, timeoutSec: opts.timeout, haveTime })
        sample.run = run
        part.samples.push(sample)
        log(
          `shadow ${size} run ${run + 1}/${opts.runs} ${name}: ${sample.ok ? `${fmtS(sample.wall)} s, ${fmtMiB(sample.rssKiB)} MiB` : sample.timedOut ? 'timeout' : `failed (exit ${sample.code}): ${sample.stderrFirst}`}`,
        )
      }
    }
    let findings
    try {
      findings = JSON.parse(readFileSync(parts.reconcile.out, 'utf8')).findings.length
    } catch {
      findings = undefined
    }
    shadow.results[size] = {
      meta: d.meta,
      check: { samples: parts.check.samples, summary: summarise(parts.check.samples) },
      reconcile: { samples: parts.reconcile.samples, summary: summarise(parts.reconcile.samples) },
      findings,
    }
  }
  shadow.finished = new Date().toISOString()
  shadow.loadEnd = os.loadavg()
  return shadow
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`)
  process.exit(1)
})
