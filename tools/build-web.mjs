// Bundles the web app's front end (src/server/web) with esbuild: one script (vega and vega-lite
// inside, nothing loaded from the network), the page and the style sheet, into
// dist/server/web/ or the directory given as the first argument. Run by `npm run build`.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'src/server/web')
const out = resolve(process.argv[2] ?? join(root, 'dist/server/web'))
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [join(source, 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: join(source, 'tsconfig.json'),
})
for (const name of ['index.html', 'style.css']) copyFileSync(join(source, name), join(out, name))
