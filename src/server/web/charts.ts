/**
 * Charts in the page: vega-lite specifications compiled and drawn by vega as SVG, with the
 * expression interpreter (no eval, so the Content-Security-Policy holds) and a loader that
 * refuses every URL. Hovering a mark shows its values; clicking one drills into its period.
 */
import * as vega from 'vega'
import { expressionInterpreter } from 'vega-interpreter'
import { compile, type TopLevelSpec } from 'vega-lite'
import { group, h } from './dom.js'

/** Refuses every load: the charts carry their data inline, nothing comes from the network. */
const noNetwork = {
  load: () => Promise.reject(new Error('no network')),
  sanitize: () => Promise.reject(new Error('no network')),
  http: () => Promise.reject(new Error('no network')),
  file: () => Promise.reject(new Error('no network')),
} as unknown as vega.Loader

const tooltip = (): HTMLElement => document.getElementById('tooltip') as HTMLElement

const datumFields = (datum: unknown): ReadonlyArray<[string, string]> => {
  if (datum === null || typeof datum !== 'object') return []
  return Object.entries(datum as Record<string, unknown>)
    .filter(
      ([key, value]) =>
        !key.startsWith('_') &&
        !/vgsid|_start$|_end$|sort_index$/u.test(key) &&
        (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'),
    )
    .slice(0, 10)
    .map(([key, value]) => [key, String(value)])
}

/** A date-like value of a datum (a quarter label or a date), to drill into the journal. */
export const drillPeriod = (datum: unknown): string | undefined => {
  for (const [, value] of datumFields(datum)) {
    const match = /^(\d{4})(?:-Q([1-4]))?(?:-(\d{2}))?/u.exec(value)
    if (match === null) continue
    const year = Number(match[1])
    if (match[2] !== undefined) {
      const quarter = Number(match[2])
      const start = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}`
      const end = quarter === 4 ? `${year + 1}-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}`
      return `${start}..${end}`
    }
    return match[3] !== undefined ? `${year}-${match[3]}` : String(year)
  }
  return undefined
}

/** Draws a chart into `container`; a click on a dated mark calls `navigate` with the journal for its period. */
export const drawChart = async (
  container: HTMLElement,
  spec: TopLevelSpec,
  navigate: (path: string) => void,
): Promise<void> => {
  const compiled = compile(spec).spec
  const runtime = vega.parse(compiled, undefined, { ast: true })
  const view = new vega.View(runtime, {
    renderer: 'svg',
    container,
    hover: true,
    expr: expressionInterpreter,
    loader: noNetwork,
  } as vega.ViewOptions)
  view.tooltip(() => undefined)
  view.addEventListener('mousemove', (event, item) => {
    const fields = datumFields(item?.datum)
    const box = tooltip()
    if (fields.length === 0) {
      box.hidden = true
      return
    }
    box.replaceChildren(
      ...fields.map(([key, value]) =>
        h(
          'div',
          {},
          h('b', {}, key),
          ' ',
          /^-?\d+(\.\d+)?$/u.test(value) && !/^\d{4}$/u.test(value) ? group(value) : value,
        ),
      ),
    )
    const mouse = event as MouseEvent
    box.style.left = `${mouse.pageX + 12}px`
    box.style.top = `${mouse.pageY + 12}px`
    box.hidden = false
  })
  view.addEventListener('mouseout', () => {
    tooltip().hidden = true
  })
  view.addEventListener('click', (_event, item) => {
    const period = drillPeriod(item?.datum)
    tooltip().hidden = true
    if (period !== undefined) navigate(`/journal?q=${encodeURIComponent(`date:${period}`)}`)
  })
  await view.runAsync()
}
