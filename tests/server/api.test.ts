/**
 * The web app's JSON API over the Kirov model, without a listener (hono's `request`): every
 * answer decodes with its codec in Api.ts, the filters filter, files outside the journal are not
 * served, anything but GET is refused, a foreign Host header is refused, and every response
 * carries the Content-Security-Policy.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import * as Load from '../../src/load/Load.js'
import { nodeFileSystem } from '../../src/load/NodeFileSystem.js'
import * as Api from '../../src/server/Api.js'
import { contentSecurityPolicy, makeApp } from '../../src/server/App.js'
import * as Model from '../../src/server/Model.js'

const ROOT = resolve(import.meta.dirname, '../..')
const file = resolve(ROOT, 'ledgers/kirov/kirov.journal')
const root = resolve(ROOT, 'ledgers/kirov')
const model = Model.build(
  file,
  root,
  1,
  '2026-01-01T00:00:00.000Z',
  Load.loadFile(file, { fileSystem: nodeFileSystem, root }),
)
const app = makeApp(
  { current: () => model, subscribe: () => () => undefined },
  { html: '<!doctype html><title>t</title>', script: '', style: '' },
  () => ['127.0.0.1:1'],
)

const get = async (path: string, init: RequestInit = {}): Promise<Response> =>
  app.request(`http://127.0.0.1:1${path}`, { ...init, headers: { host: '127.0.0.1:1', ...(init.headers ?? {}) } })

const decoded = async <C extends t.Mixed>(codec: C, path: string): Promise<t.TypeOf<C>> => {
  const response = await get(path)
  expect(response.status, path).toBe(200)
  const result = codec.decode(await response.json())
  if (E.isLeft(result))
    throw new Error(
      `${path}: ${JSON.stringify(result.left.slice(0, 2).map((error) => error.context.map((entry) => entry.key).join('.')))}`,
    )
  return result.right
}

describe('the JSON API', () => {
  it('status and findings decode with their codecs; the filters select', async () => {
    const status = await decoded(Api.Status, '/api/status')
    expect(status).toMatchObject({ ok: true, findings: 18, files: 9, journal: 'kirov.journal', asOf: '1937-06-30' })
    const all = await decoded(Api.Findings, '/api/findings')
    expect(all.matched).toBe(18) // 7 critical, 11 warn
    expect(all.items[0]?.finding.severity).toBe('critical')
    const warn = await decoded(Api.Findings, '/api/findings?severity=warn')
    expect(warn.matched).toBe(11)
    const one = await decoded(
      Api.Findings,
      '/api/findings?rule=working-capital-above-norm&entity=kirov&period=1936&verdict=possible',
    )
    expect(one.items.map((item) => item.finding.rule)).toEqual(['working-capital-above-norm'])
    expect((await decoded(Api.Findings, '/api/findings?rule=working-capital-above-norm&verdict=certain')).matched).toBe(
      0,
    )
  })

  it('a finding opens to its evidence, shown relative to the journal directory, and the source lines', async () => {
    const id = (await decoded(Api.Findings, '/api/findings?rule=working-capital-above-norm')).items[0]?.id
    const detail = await decoded(Api.FindingDetail, `/api/finding/${id}`)
    expect(detail.finding.evidence[0]).toMatchObject({ file: '1936.journal', line: 16, endLine: 17 })
    expect(detail.transactions.length).toBeGreaterThan(0)
    const source = await decoded(Api.Source, '/api/source?file=1936.journal&line=16&endLine=16')
    expect(source.lines[16 - source.first]).toContain('91,372,000.00 RUB')
  })

  it('serves only the files the journal read', async () => {
    for (const path of [
      '/api/source?file=../../package.json&line=1',
      `/api/source?file=${encodeURIComponent(resolve(ROOT, 'package.json'))}&line=1`,
      '/api/source?file=/etc/passwd&line=1',
    ]) {
      expect((await get(path)).status, path).toBe(404)
    }
  })

  it('journal, accounts, register, context, charts and sources decode with their codecs', async () => {
    const journal = await decoded(Api.Journal, `/api/journal?q=${encodeURIComponent('desc:BON-36-1')}`)
    expect(journal.matched).toBe(1)
    expect((await decoded(Api.Journal, '/api/journal?q=amt:%3E%3E1')).error).toContain('amt:>>1')
    const paged = await decoded(Api.Journal, '/api/journal?offset=10&limit=3')
    expect(paged.items.map((item) => item.index)).toEqual([10, 11, 12])
    const accounts = await decoded(Api.Accounts, '/api/accounts?entity=kirov')
    expect(accounts.rows.some((row) => row.total.goods.length > 0 && row.total.money.length > 0)).toBe(true)
    const register = await decoded(Api.Register, '/api/register?account=kirov:assets:wip')
    expect(register.rows.at(-1)?.balance.money[0]?.commodity).toBe('RUB')
    const context = await decoded(Api.Context, `/api/context/transaction/${journal.items[0]?.index}`)
    expect(context.written[0]).toContain('bonus  BON-36-1  kirov  ITR')
    expect(context.balances.length).toBeGreaterThan(0)
    expect(context.findings.map((item) => item.finding.rule)).toContain('wage-fund-overrun')
    const charts = await decoded(Api.Charts, '/api/charts')
    expect(charts.charts.map((chart) => chart.kind)).toEqual(['divergence-over-time', ...Model.chartKindsShown])
    const sources = await decoded(Api.Sources, '/api/sources')
    expect(sources.groups.length).toBeGreaterThan(0)
    expect((await get('/api/context/transaction/99999')).status).toBe(404)
  })

  it('is read-only, refuses foreign Host headers, and sends the policy on every response', async () => {
    const post = await get('/api/status', { method: 'POST' })
    expect(post.status).toBe(405)
    const foreign = await app.request('http://127.0.0.1:1/api/status', { headers: { host: 'attacker.example:1' } })
    expect(foreign.status).toBe(421)
    const page = await get('/findings?severity=warn')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/u)
  })
})
