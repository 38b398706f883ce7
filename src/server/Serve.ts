/**
 * The listener: loads the journal (includes confined to its directory), serves the app on
 * 127.0.0.1 by default, watches the directories of every file the journal read and reloads on a
 * change (the rules run again), telling open pages by server-sent events. `close` stops the
 * listener and the watchers.
 */
import { type FSWatcher, readFileSync, watch } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve as listen } from '@hono/node-server'
import * as Load from '../load/Load.js'
import { nodeFileSystem } from '../load/NodeFileSystem.js'
import { type Assets, type Live, makeApp } from './App.js'
import * as Model from './Model.js'

/** How the server starts. */
export interface ServeOptions {
  readonly file: string
  /** 0 picks a free port. */
  readonly port: number
  readonly host: string
  /** The directory holding index.html, app.js and style.css (default: the bundle beside this module). */
  readonly assets?: string
  /** How long after the last file event the journal is reloaded, in milliseconds. */
  readonly debounceMs?: number
}

/** A running server. */
export interface Server {
  readonly url: string
  readonly current: () => Model.Model
  /** Reloads now (the watcher calls it after a change). */
  readonly reload: () => Model.Model
  readonly close: () => Promise<void>
}

/** The bundled front end's directory: `dist/server/web` beside the compiled module. */
export const defaultAssets = (): string => fileURLToPath(new URL('./web/', import.meta.url))

/** Reads the front end's files; an error names the missing file (run `npm run build`). */
export const readAssets = (directory: string): Assets => ({
  html: readFileSync(join(directory, 'index.html'), 'utf8'),
  script: readFileSync(join(directory, 'app.js'), 'utf8'),
  style: readFileSync(join(directory, 'style.css'), 'utf8'),
})

const loadModel = (file: string, root: string, generation: number): Model.Model =>
  Model.build(
    file,
    root,
    generation,
    new Date().toISOString(),
    Load.loadFile(file, { fileSystem: nodeFileSystem, root }),
  )

/** Starts the server; resolves once it listens. */
export const start = async (options: ServeOptions): Promise<Server> => {
  const file = resolve(options.file)
  const root = dirname(file)
  const assets = readAssets(options.assets ?? defaultAssets())
  let model = loadModel(file, root, 1)
  const listeners = new Set<(model: Model.Model) => void>()
  const live: Live = {
    current: () => model,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const reload = (): Model.Model => {
    model = loadModel(file, root, model.generation + 1)
    for (const listener of listeners) listener(model)
    watchSources()
    return model
  }

  // Watch directories, not files: editors often replace a file by renaming a new one over it.
  const watchers = new Map<string, FSWatcher>()
  let timer: NodeJS.Timeout | undefined
  const watchSources = (): void => {
    const files = new Set([file, ...model.sources.keys()].map((path) => resolve(path)))
    const directories = new Set([...files].map((path) => dirname(path)))
    for (const [directory, watcher] of watchers) {
      if (!directories.has(directory)) {
        watcher.close()
        watchers.delete(directory)
      }
    }
    for (const directory of directories) {
      if (watchers.has(directory)) continue
      try {
        const watcher = watch(directory, (_event, name) => {
          const current = new Set([file, ...model.sources.keys()].map((path) => resolve(path)))
          if (name !== null && !current.has(join(directory, basename(name.toString())))) return
          if (timer !== undefined) clearTimeout(timer)
          timer = setTimeout(() => {
            timer = undefined
            reload()
          }, options.debounceMs ?? 150)
        })
        watcher.on('error', () => undefined)
        watchers.set(directory, watcher)
      } catch {
        // A directory that cannot be watched: the page still serves; reloads need a restart.
      }
    }
  }
  watchSources()

  const hostsFor = (port: number): ReadonlyArray<string> => {
    const host = options.host.includes(':') ? `[${options.host}]` : options.host
    const names = [`${host}:${port}`]
    if (options.host === '127.0.0.1' || options.host === '::1') names.push(`localhost:${port}`)
    return names
  }
  let allowed: ReadonlyArray<string> = []
  const app = makeApp(live, assets, () => allowed)
  const server = await new Promise<ReturnType<typeof listen>>((resolvePromise, reject) => {
    const created = listen({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolvePromise(created),
    )
    created.on('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  allowed = hostsFor(port)
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${shownHost}:${port}/`,
    current: () => model,
    reload,
    close: async () => {
      if (timer !== undefined) clearTimeout(timer)
      for (const watcher of watchers.values()) watcher.close()
      watchers.clear()
      listeners.clear()
      await new Promise<void>((resolvePromise) => {
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => resolvePromise())
      })
    },
  }
}
