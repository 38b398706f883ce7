/**
 * `serve [FILE] [--port N] [--host H]`: the local web app over a journal. Prints the address,
 * then serves until interrupted (Ctrl-C), reloading when the journal's files change.
 *
 * The web server's packages (hono, @hono/node-server) are optional dependencies: the server
 * module is imported here, on first use, so that the rest of the CLI and the library run
 * without them, and a missing one is a usage error that says how to install it.
 */
import { resolve } from 'node:path'
import type * as Serve from '../server/Serve.js'
import { type Context, exitCodes, UsageError } from './common.js'
import { kirovLedger } from './reconcile.js'

export interface ServeFlags {
  readonly port: string
  readonly host: string
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost'])

/** Parses `--port`: a whole number 0–65535 (0 picks a free port). */
export const parsePort = (text: string): number => {
  if (!/^\d{1,5}$/u.test(text) || Number(text) > 65535)
    throw new UsageError(`--port: ${JSON.stringify(text)} is not a port number (0–65535)`)
  return Number(text)
}

/** The packages the web server needs, for the message when one is missing. */
export const serverPackages = ['hono', '@hono/node-server'] as const

/** `serve needs the optional packages hono and @hono/node-server (npm install hono @hono/node-server)`. */
export const serverUnavailableMessage = (missing: string): string =>
  `serve needs the optional packages ${serverPackages.join(' and ')}, and ${missing} is not ` +
  `installed (npm install ${serverPackages.join(' ')})`

/** The package a failed import could not find, when it is one of the server's. */
const missingServerPackage = (error: unknown): string | undefined => {
  const { code, message } = error as { readonly code?: unknown; readonly message?: unknown }
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined
  const text = typeof message === 'string' ? message : ''
  return serverPackages.find((name) => text.includes(`'${name}'`) || text.includes(`"${name}"`))
}

/** Starts the server and resolves when it has been stopped by SIGINT or SIGTERM. */
export const serveCommand = async (context: Context, file: string | undefined, flags: ServeFlags): Promise<void> => {
  const port = parsePort(flags.port)
  const host = flags.host === 'localhost' ? '127.0.0.1' : flags.host
  const journal = resolve(context.io.cwd, file ?? kirovLedger)
  let start: typeof Serve.start
  try {
    start = (await import('../server/Serve.js')).start
  } catch (error) {
    const missing = missingServerPackage(error)
    if (missing === undefined) throw error
    throw new UsageError(serverUnavailableMessage(missing))
  }
  let server: Serve.Server
  try {
    server = await start({ file: journal, port, host })
  } catch (error) {
    const code = (error as { code?: string }).code
    context.io.stderr(
      `error: cannot serve on ${host}:${port} ` +
        `(${code ?? (error instanceof Error ? error.message : String(error))})` +
        `${code === 'ENOENT' ? ': the front end is not built; run npm run build' : ''}\n`,
    )
    context.exitCode = exitCodes.io
    return
  }
  const status = server.current()
  if (!loopback.has(host))
    context.io.stderr(`warning: serving on ${host}, reachable from other machines (read-only, no access control)\n`)
  context.io.stdout(`shadow-ledger serving ${file ?? kirovLedger} at ${server.url}\n`)
  if (status.loaded === undefined)
    context.io.stdout(`the journal has errors: open ${server.url}errors (the page updates when the file is fixed)\n`)
  else context.io.stdout(`${status.ranked.length} findings; the page updates when the journal changes. Ctrl-C stops.\n`)
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void server.close().then(done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
