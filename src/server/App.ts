/**
 * The routes: the JSON API under /api (each answer encoded by its codec in Api.ts), the server-sent
 * event stream of reloads, the bundled front end, and the page paths (all served the same
 * index.html; the front end routes). Read-only: anything but GET and HEAD is refused. Every
 * response carries a Content-Security-Policy that allows scripts, styles and requests from this
 * origin only: no inline script, nothing from outside.
 */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type * as t from 'io-ts'
import * as Api from './Api.js'
import * as Model from './Model.js'

/** The policy every response carries. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // vega's SVG renderer sets style attributes on the elements it draws (not scripts).
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The front end's files, read once at start: the page, the bundle and the style sheet. */
export interface Assets {
  readonly html: string
  readonly script: string
  readonly style: string
}

/** What the routes read: the current model, and a way to wait for the next reload. */
export interface Live {
  readonly current: () => Model.Model
  /** Calls `listener` with each new model; returns the unsubscribe function. */
  readonly subscribe: (listener: (model: Model.Model) => void) => () => void
}

/** The page paths the front end knows (each served index.html). */
export const pages = [
  '/',
  '/findings',
  '/finding/:id',
  '/journal',
  '/accounts',
  '/register',
  '/context/:kind/:index',
  '/charts',
  '/sources',
  '/errors',
] as const

const number = (text: string | undefined, fallback: number): number => {
  const value = text === undefined || text === '' ? Number.NaN : Number(text)
  return Number.isSafeInteger(value) ? value : fallback
}

const optional = (text: string | undefined): string | undefined =>
  text === undefined || text === '' ? undefined : text

/** Builds the app over a live model; `allowedHosts` are the Host headers accepted (against DNS rebinding). */
export const makeApp = (live: Live, assets: Assets, allowedHosts: () => ReadonlyArray<string>): Hono => {
  const app = new Hono()
  const json = <C extends t.Mixed>(codec: C, value: t.TypeOf<C>) => codec.encode(value) as unknown

  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', contentSecurityPolicy)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cross-Origin-Opener-Policy', 'same-origin')
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      return c.text('read-only: only GET and HEAD are served\n', 405, { Allow: 'GET, HEAD' })
    const host = c.req.header('host') ?? ''
    if (!allowedHosts().includes(host)) return c.text(`unexpected Host header ${JSON.stringify(host)}\n`, 421)
    await next()
    return undefined
  })

  app.get('/api/status', (c) => c.json(json(Api.Status, Model.status(live.current()))))
  app.get('/api/findings', (c) => {
    const filter: Model.FindingFilter = {
      ...(optional(c.req.query('entity')) !== undefined ? { entity: c.req.query('entity') as string } : {}),
      ...(optional(c.req.query('period')) !== undefined ? { period: c.req.query('period') as string } : {}),
      ...(optional(c.req.query('rule')) !== undefined ? { rule: c.req.query('rule') as string } : {}),
      ...(optional(c.req.query('severity')) !== undefined ? { severity: c.req.query('severity') as string } : {}),
      ...(optional(c.req.query('verdict')) !== undefined ? { verdict: c.req.query('verdict') as string } : {}),
    }
    return c.json(
      Model.findings(live.current(), filter, number(c.req.query('offset'), 0), number(c.req.query('limit'), 100)),
    )
  })
  app.get('/api/finding/:id', (c) => {
    const detail = Model.finding(live.current(), number(c.req.param('id'), -1))
    return detail === undefined ? c.json({ error: 'no such finding' }, 404) : c.json(detail)
  })
  app.get('/api/source', (c) => {
    const line = number(c.req.query('line'), 1)
    const found = Model.source(live.current(), c.req.query('file') ?? '', line, number(c.req.query('endLine'), line))
    return found === undefined ? c.json({ error: 'not a file of this journal' }, 404) : c.json(json(Api.Source, found))
  })
  app.get('/api/journal', (c) =>
    c.json(
      Model.journal(
        live.current(),
        c.req.query('q') ?? '',
        number(c.req.query('offset'), 0),
        number(c.req.query('limit'), 100),
      ),
    ),
  )
  app.get('/api/accounts', (c) =>
    c.json(json(Api.Accounts, Model.accounts(live.current(), optional(c.req.query('entity'))))),
  )
  app.get('/api/register', (c) =>
    c.json(
      json(
        Api.Register,
        Model.register(
          live.current(),
          c.req.query('account') ?? '',
          c.req.query('q') ?? '',
          number(c.req.query('offset'), 0),
          number(c.req.query('limit'), 100),
        ),
      ),
    ),
  )
  app.get('/api/context/:kind/:index', (c) => {
    const kind = c.req.param('kind')
    if (kind !== 'transaction' && kind !== 'operation')
      return c.json({ error: 'kind is transaction or operation' }, 404)
    const found = Model.context(live.current(), kind, number(c.req.param('index'), -1))
    return found === undefined ? c.json({ error: `no such ${kind}` }, 404) : c.json(found)
  })
  app.get('/api/charts', (c) => c.json(json(Api.Charts, Model.charts(live.current()))))
  app.get('/api/sources', (c) => {
    const found = Model.sources(live.current())
    return found === undefined ? c.json({ error: 'the journal did not load' }, 404) : c.json(found)
  })
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined
      const pending: Model.Model[] = []
      const unsubscribe = live.subscribe((model) => {
        pending.push(model)
        wake?.()
      })
      stream.onAbort(() => {
        unsubscribe()
        wake?.()
      })
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ generation: live.current().generation }) })
      while (!stream.aborted) {
        // Wait for a reload, an abort, or 15 s (then a ping); the timer never outlives the wait.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 15000)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
        if (stream.aborted) break
        const next = pending.splice(0).at(-1)
        if (next === undefined) await stream.writeSSE({ event: 'ping', data: '{}' })
        else
          await stream.writeSSE({
            event: 'changed',
            data: JSON.stringify({ generation: next.generation, ok: next.loaded !== undefined }),
          })
      }
      unsubscribe()
    }),
  )
  app.get('/api/*', (c) => c.json({ error: 'no such route' }, 404))

  app.get('/assets/app.js', (c) =>
    c.body(assets.script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  )
  app.get('/assets/style.css', (c) =>
    c.body(assets.style, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  )
  for (const page of pages) app.get(page, (c) => c.html(assets.html))
  app.notFound((c) => c.text('not found\n', 404))
  return app
}
