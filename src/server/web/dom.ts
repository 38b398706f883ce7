/**
 * The front end's building blocks: elements from DOM calls only (text goes in as text nodes,
 * never as markup), exact decimals regrouped as text, the API fetch, and the views the pages
 * share (source lines with the cited ones highlighted, tables, pager, postings, findings rows).
 */
import type * as Api from '../Api.js'

// -------------------------------------------------------------------------------------
// DOM helpers

export type Child = Node | string | number | null | undefined | false
export type Attributes = Record<string, string | undefined | ((event: Event) => void)>

/** An element with attributes (`on…` keys are listeners) and children (strings become text nodes). */
export const h = (
  tag: string,
  attributes: Attributes = {},
  ...children: ReadonlyArray<Child | ReadonlyArray<Child>>
): HTMLElement => {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue
    if (typeof value === 'function') element.addEventListener(key.slice(2), value)
    else element.setAttribute(key, value)
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
  return element
}

/** A link inside the app (navigates without reloading). */
export const link = (href: string, ...children: ReadonlyArray<Child>): HTMLElement =>
  h('a', { href, 'data-nav': '' }, ...children)

// -------------------------------------------------------------------------------------
// numbers: decimals arrive as exact strings and are only regrouped, never parsed to floats

/** `-53765000.5` → `-53,765,000.5`. */
export const group = (decimal: string): string => {
  const negative = decimal.startsWith('-')
  const [whole, fraction] = (negative ? decimal.slice(1) : decimal).split('.') as [string, string | undefined]
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ',')
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

export const amount = (value: { readonly commodity: string; readonly quantity: string } | null | undefined): string =>
  value === null || value === undefined ? '' : `${group(value.quantity)} ${value.commodity}`
export const amounts = (values: ReadonlyArray<{ readonly commodity: string; readonly quantity: string }>): string =>
  values.map(amount).join(', ')

/**
 * A measure as the findings page shows it: hedged figures as the source wrote them, and "not computable" as such, never
 * as zero.
 */
export const measureText = (value: Api.RankedFinding['finding']['measures'][number]['value']): string => {
  switch (value._tag) {
    case 'Amount':
      return amount(value.amount)
    case 'Percent':
      return `${group(value.percent)} %`
    case 'Number':
      return group(value.value)
    case 'Interval':
      return value.written
    case 'NotComputable':
      return `not computable: no ${value.missing}`
  }
}

// -------------------------------------------------------------------------------------
// fetching

export class HttpError extends Error {}

export const get = async <T>(
  path: string,
  parameters: Record<string, string | number | undefined> = {},
): Promise<T> => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(parameters))
    if (value !== undefined && value !== '') search.set(key, String(value))
  const url = search.size > 0 ? `${path}?${search}` : path
  const response = await fetch(url, { headers: { Accept: 'application/json' } })
  const body = (await response.json()) as T & { readonly error?: string }
  if (!response.ok) throw new HttpError(body.error ?? `${response.status}`)
  return body
}

// -------------------------------------------------------------------------------------
// shared views

/** A loaded file's lines around `line..endLine`, those lines highlighted, scrolled into view. */
export const sourceView = (file: string, line: number, endLine: number): HTMLElement => {
  const box = h('div', { class: 'source', 'data-file': file }, h('p', { class: 'loading' }, `${file}:${line}…`))
  void get<Api.Source>('/api/source', { file, line, endLine }).then(
    (source) => {
      const lines = source.lines.map((text, offset) => {
        const number = source.first + offset
        const marked = number >= source.line && number <= source.endLine
        return h(
          'div',
          { class: marked ? 'line hl' : 'line', 'data-line': String(number) },
          h('span', { class: 'no' }, String(number)),
          h('code', {}, text === '' ? ' ' : text),
        )
      })
      box.replaceChildren(
        h(
          'div',
          { class: 'file' },
          `${source.file}:${source.line}${source.endLine > source.line ? `-${source.endLine}` : ''}`,
        ),
        h('pre', {}, lines),
      )
      box.querySelector('.hl')?.scrollIntoView({ block: 'nearest' })
    },
    (error: unknown) => box.replaceChildren(h('p', { class: 'error' }, `cannot show ${file}: ${String(error)}`)),
  )
  return box
}

export const locationText = (location: {
  readonly file: string
  readonly line: number
  readonly endLine: number
}): string => `${location.file}:${location.line}${location.endLine > location.line ? `-${location.endLine}` : ''}`

/** A `file:line` button that opens the source below it. */
export const sourceToggle = (location: {
  readonly file: string
  readonly line: number
  readonly endLine: number
}): HTMLElement => {
  const holder = h('div', { class: 'source-holder' })
  const button = h(
    'button',
    {
      class: 'loc',
      type: 'button',
      onclick: () => {
        if (holder.childElementCount > 0) holder.replaceChildren()
        else holder.replaceChildren(sourceView(location.file, location.line, location.endLine))
      },
    },
    locationText(location),
  )
  return h('span', { class: 'loc-wrap' }, button, holder)
}

export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<HTMLElement>,
  attributes: Attributes = {},
): HTMLElement =>
  h(
    'table',
    attributes,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => h('th', {}, header)),
      ),
    ),
    h('tbody', {}, rows),
  )

export const pager = (matched: number, offset: number, limit: number, go: (offset: number) => void): HTMLElement =>
  h(
    'div',
    { class: 'pager' },
    h(
      'button',
      {
        type: 'button',
        class: 'prev',
        ...(offset <= 0 ? { disabled: '' } : {}),
        onclick: () => go(Math.max(0, offset - limit)),
      },
      '← previous',
    ),
    h(
      'span',
      { class: 'range' },
      matched === 0 ? 'none' : `${offset + 1}–${Math.min(matched, offset + limit)} of ${matched}`,
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'next',
        ...(offset + limit >= matched ? { disabled: '' } : {}),
        onclick: () => go(offset + limit),
      },
      'next →',
    ),
  )

export const postingsView = (postings: ReadonlyArray<Api.PostingJson>): HTMLElement =>
  h(
    'table',
    { class: 'postings' },
    h(
      'tbody',
      {},
      postings.map((posting) =>
        h(
          'tr',
          {},
          h('td', {}, link(`/register?account=${encodeURIComponent(posting.account)}`, posting.account)),
          h('td', { class: 'num' }, amount(posting.money)),
          h('td', { class: 'num units' }, amount(posting.goods)),
          h('td', {}, posting.estimated ? '~' : ''),
        ),
      ),
    ),
  )

export const severityBadge = (severity: string): HTMLElement => h('span', { class: `sev sev-${severity}` }, severity)

export const findingRow = (item: Api.RankedFinding): HTMLElement => {
  const finding = item.finding
  return h(
    'tr',
    { class: 'finding', 'data-id': String(item.id) },
    h('td', { class: 'num' }, String(item.id + 1)),
    h('td', {}, severityBadge(finding.severity)),
    h('td', {}, link(`/finding/${item.id}`, finding.rule)),
    h('td', {}, finding.entity ?? ''),
    h('td', {}, finding.period ?? finding.date),
    h('td', { class: 'num' }, amount(finding.moneyGap)),
    h('td', { class: 'num units' }, amount(finding.unitGap)),
    h('td', {}, finding.estimated ? 'possible' : 'certain'),
    h('td', { class: 'message' }, finding.message),
  )
}

export const findingHeaders = [
  '#',
  'severity',
  'rule',
  'entity',
  'period',
  'money gap',
  'unit gap',
  'verdict',
  'finding',
]
