// Simulate and score, timed: paired runs (simulate, then score the region it wrote), medians of
// /usr/bin/time -v figures. Writes its section of bench/RESULTS.md between the markers below.
// Usage: node bench/simulate.mjs [--runs 3] [--shapes 306x1,40x2] [--scale 1000x10,10000x1]
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const runs = Number(option('--runs', '3'))
const shapes = option('--shapes', '306x1,40x2')
  .split(',')
  .map((s) => s.split('x').map(Number))
const scale = option('--scale', '1000x10,10000x1')
  .split(',')
  .filter(Boolean)
  .map((s) => s.split('x').map(Number))
const cli = join(root, 'dist/cli/main.js')
const out = join(root, 'bench/out/simulate')

const timed = (argv) => {
  const result = spawnSync('/usr/bin/time', ['-v', 'node', cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const field = (label) => {
    const line = result.stderr.split('\n').find((l) => l.includes(label))
    return line === undefined ? NaN : line.slice(line.lastIndexOf(': ') + 2).trim()
  }
  const wall = field('Elapsed (wall clock)')
    .split(':')
    .reverse()
    .reduce((sum, part, i) => sum + Number(part) * 60 ** i, 0)
  return {
    status: result.status,
    wall,
    cpu: Number(field('User time')) + Number(field('System time')),
    rssMiB: Number(field('Maximum resident set size')) / 1024,
    stdout: result.stdout,
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

const rows = []
for (const [enterprises, years] of shapes) {
  const samples = []
  for (let run = 0; run < runs; run += 1) {
    const dir = join(out, `${enterprises}x${years}`)
    rmSync(dir, { recursive: true, force: true })
    const sim = timed([
      'simulate',
      '--enterprises',
      String(enterprises),
      '--years',
      String(years),
      '--seed',
      String(run + 1),
      '--out',
      dir,
    ])
    const score = timed(['score', join(dir, 'region.journal'), '--truth', join(dir, 'truth.json')])
    if (sim.status !== 0 || score.status !== 0) throw new Error(`run failed: ${enterprises}x${years}`)
    samples.push({ sim, score })
  }
  const ey = enterprises * years
  rows.push({
    enterprises,
    years,
    ey,
    simWall: median(samples.map((s) => s.sim.wall)),
    simCpu: median(samples.map((s) => s.sim.cpu)),
    simRss: median(samples.map((s) => s.sim.rssMiB)),
    scoreWall: median(samples.map((s) => s.score.wall)),
    scoreCpu: median(samples.map((s) => s.score.cpu)),
    scoreRss: median(samples.map((s) => s.score.rssMiB)),
  })
}
const scaleRows = []
for (const [enterprises, years] of scale) {
  const dir = join(out, `scale-${enterprises}x${years}`)
  rmSync(dir, { recursive: true, force: true })
  const sim = timed([
    'simulate',
    '--enterprises',
    String(enterprises),
    '--years',
    String(years),
    '--seed',
    '1',
    '--out',
    dir,
  ])
  const bytes = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0])
  scaleRows.push({ enterprises, years, wall: sim.wall, cpu: sim.cpu, rss: sim.rssMiB, mib: bytes / 2 ** 20 })
  rmSync(dir, { recursive: true, force: true })
}
const f = (n, d = 2) => n.toFixed(d)
const section = [
  '<!-- simulate:begin -->',
  '## Simulate and score (written by `node bench/simulate.mjs`)',
  '',
  `- date: ${new Date().toISOString().slice(0, 19)}Z; ${cpus().length} CPUs; load average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (a shared machine: wall clock is inflated by other work, CPU time is not)`,
  `- method: paired runs (simulate a region, then score it), ${runs} runs per shape with seeds 1…${runs}, medians of \`/usr/bin/time -v\` (wall "Elapsed", CPU = User + System, peak RSS)`,
  '',
  '| region | enterprise-years | simulate wall s | simulate CPU s | simulate peak MiB | score wall s | score CPU s | score peak MiB | simulate + score CPU ms per enterprise-year |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.enterprises} × ${r.years} | ${r.ey} | ${f(r.simWall)} | ${f(r.simCpu)} | ${f(r.simRss, 0)} | ${f(r.scoreWall)} | ${f(r.scoreCpu)} | ${f(r.scoreRss, 0)} | ${f(((r.simCpu + r.scoreCpu) * 1000) / r.ey, 1)} |`,
  ),
  '',
  'Streaming: `simulate` alone on larger regions (one run each; the region is deleted afterwards). Peak memory stays far below the size of the region written (it is not held in memory).',
  '',
  '| region | enterprise-years | wall s | CPU s | peak MiB | written MiB |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...scaleRows.map(
    (r) =>
      `| ${r.enterprises} × ${r.years} | ${r.enterprises * r.years} | ${f(r.wall)} | ${f(r.cpu)} | ${f(r.rss, 0)} | ${f(r.mib, 1)} |`,
  ),
  '<!-- simulate:end -->',
].join('\n')
const resultsFile = join(root, 'bench/RESULTS.md')
const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : ''
const pattern = /<!-- simulate:begin -->[\s\S]*<!-- simulate:end -->/u
writeFileSync(
  resultsFile,
  pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
)
console.log(section)
