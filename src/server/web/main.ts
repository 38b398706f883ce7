/**
 * The front end: a small router over the JSON API (types from ../Api.ts), pages built with the
 * DOM helpers of dom.ts (so a journal's `<script>` stays text), charts drawn by charts.ts, and
 * server-sent events that redraw the page when the journal changes.
 */
import type { TopLevelSpec } from 'vega-lite'
import type * as Api from '../Api.js'
import { drawChart } from './charts.js'
import {
  amount,
  amounts,
  findingHeaders,
  findingRow,
  get,
  h,
  link,
  locationText,
  measureText,
  pager,
  postingsView,
  severityBadge,
  sourceToggle,
  sourceView,
  table,
} from './dom.js'

const main = (): HTMLElement => document.getElementById('main') as HTMLElement

// -------------------------------------------------------------------------------------
// pages

type Page = (url: URL) => Promise<HTMLElement>

const findingsPage: Page = async (url) => {
  const parameters = Object.fromEntries(
    ['entity', 'period', 'rule', 'severity', 'verdict'].map((key) => [key, url.searchParams.get(key) ?? undefined]),
  )
  const offset = Number(url.searchParams.get('offset') ?? '0') || 0
  const data = await get<Api.Findings>('/api/findings', { ...parameters, offset, limit: 100 })
  const select = (key: string, label: string, values: ReadonlyArray<string>): HTMLElement => {
    const current = url.searchParams.get(key) ?? ''
    const element = h(
      'select',
      {
        id: `filter-${key}`,
        name: key,
        onchange: (event) => {
          const next = new URL(url)
          const value = (event.target as HTMLSelectElement).value
          if (value === '') next.searchParams.delete(key)
          else next.searchParams.set(key, value)
          next.searchParams.delete('offset')
          navigate(next.pathname + next.search)
        },
      },
      h('option', { value: '' }, `every ${label}`),
      values.map((value) => h('option', { value, ...(value === current ? { selected: '' } : {}) }, value)),
    )
    return h('label', {}, `${label} `, element)
  }
  return h(
    'section',
    { id: 'findings' },
    h('h1', {}, 'Findings, ranked'),
    h(
      'div',
      { class: 'filters' },
      select('entity', 'entity', data.facets.entities),
      select('period', 'period', data.facets.periods),
      select('rule', 'rule', data.facets.rules),
      select('severity', 'severity', data.facets.severities),
      select('verdict', 'verdict', ['certain', 'possible']),
      h('span', { id: 'filter-count' }, `${data.matched} of ${data.total} findings`),
    ),
    table(findingHeaders, data.items.map(findingRow), { id: 'findings-table' }),
    data.matched > 100
      ? pager(data.matched, offset, 100, (next) => {
          const target = new URL(url)
          target.searchParams.set('offset', String(next))
          navigate(target.pathname + target.search)
        })
      : null,
    h(
      'p',
      { class: 'note' },
      'Verdict: certain when every figure the finding rests on is exact; possible when one is approximate (~).',
    ),
  )
}

const findingPage: Page = async (url) => {
  const id = Number(url.pathname.split('/')[2])
  const detail = await get<Api.FindingDetail>(`/api/finding/${id}`)
  const finding = detail.finding
  return h(
    'section',
    { id: 'finding' },
    h('p', {}, link('/findings', '← all findings')),
    h('h1', {}, severityBadge(finding.severity), ' ', finding.rule),
    h('p', { class: 'message' }, finding.message),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'entity'),
      h('dd', {}, finding.entity ?? '—'),
      h('dt', {}, 'period'),
      h('dd', {}, finding.period ?? '—'),
      h('dt', {}, 'date'),
      h('dd', {}, finding.date),
      h('dt', {}, 'money gap'),
      h('dd', {}, amount(finding.moneyGap) || '—'),
      h('dt', {}, 'unit gap'),
      h('dd', {}, amount(finding.unitGap) || '—'),
      h('dt', {}, 'threshold'),
      h('dd', {}, finding.threshold.text),
      h('dt', {}, 'verdict'),
      h('dd', {}, finding.estimated ? 'possible (rests on an approximate figure)' : 'certain'),
      h('dt', {}, 'accounts'),
      h(
        'dd',
        {},
        finding.accounts.flatMap((account, index) => [
          index > 0 ? ', ' : '',
          link(`/register?account=${encodeURIComponent(account)}`, account),
        ]),
        detail.totals.accounts > finding.accounts.length ? ` … (${detail.totals.accounts} in all)` : '',
      ),
      h('dt', {}, 'documents'),
      h('dd', {}, finding.documents.join(', ') || '—'),
    ),
    h('h2', {}, 'Measures'),
    table(
      ['measure', 'value'],
      finding.measures.map((measure) =>
        h('tr', {}, h('td', {}, measure.key), h('td', { class: 'num' }, measureText(measure.value))),
      ),
      { id: 'measures' },
    ),
    h('h2', {}, 'Evidence'),
    detail.totals.evidence > finding.evidence.length
      ? h(
          'p',
          { class: 'note' },
          `the first ${finding.evidence.length} of ${detail.totals.evidence} pieces of evidence`,
        )
      : null,
    h(
      'ol',
      { id: 'evidence' },
      finding.evidence.map((evidence) =>
        h(
          'li',
          { class: 'evidence' },
          h('div', {}, evidence.what, evidence.estimated ? ' (approximate)' : ''),
          evidence.citations.length > 0
            ? h(
                'div',
                { class: 'citation' },
                'source: ',
                evidence.citations.map((citation) => citation.text).join('; '),
              )
            : null,
          sourceToggle({ file: evidence.file, line: evidence.line, endLine: evidence.endLine }),
        ),
      ),
    ),
    h('h2', {}, 'Evidence postings'),
    detail.transactions.length === 0
      ? h('p', {}, 'The evidence is not a transaction (a plan, norm or reported figure): see its source line above.')
      : table(
          ['date', 'transaction', 'postings', 'written at'],
          detail.transactions.map((transaction) =>
            h(
              'tr',
              {},
              h('td', {}, transaction.date),
              h('td', {}, link(`/context/transaction/${transaction.index}`, transaction.description)),
              h('td', {}, postingsView(transaction.postings)),
              h('td', {}, locationText(transaction.location)),
            ),
          ),
          { id: 'evidence-postings' },
        ),
  )
}

const transactionRows = (items: ReadonlyArray<Api.TransactionJson>): ReadonlyArray<HTMLElement> =>
  items.map((transaction) =>
    h(
      'tr',
      { class: 'transaction' },
      h('td', {}, transaction.date),
      h(
        'td',
        {},
        link(`/context/transaction/${transaction.index}`, transaction.description),
        transaction.estimated ? ' ~' : '',
      ),
      h('td', {}, postingsView(transaction.postings)),
      h('td', { class: 'where' }, locationText(transaction.location)),
    ),
  )

const queryForm = (url: URL, placeholder: string): HTMLElement => {
  const input = h('input', {
    type: 'search',
    name: 'q',
    id: 'query',
    value: url.searchParams.get('q') ?? '',
    placeholder,
    size: '60',
    'aria-label': 'query',
  }) as HTMLInputElement
  return h(
    'form',
    {
      class: 'query',
      onsubmit: (event) => {
        event.preventDefault()
        const next = new URL(url)
        if (input.value.trim() === '') next.searchParams.delete('q')
        else next.searchParams.set('q', input.value.trim())
        next.searchParams.delete('offset')
        navigate(next.pathname + next.search)
      },
    },
    input,
    h('button', { type: 'submit' }, 'filter'),
    h(
      'span',
      { class: 'hint' },
      'acct:REGEX desc:REGEX tag:NAME[=V] date:1936-01..1936-07 amt:>1000 entity:NAME not:TERM',
    ),
  )
}

const pageOffset = (url: URL): number => Number(url.searchParams.get('offset') ?? '0') || 0

const goOffset = (url: URL) => (offset: number) => {
  const next = new URL(url)
  next.searchParams.set('offset', String(offset))
  navigate(next.pathname + next.search)
}

const journalPage: Page = async (url) => {
  const offset = pageOffset(url)
  const data = await get<Api.Journal>('/api/journal', { q: url.searchParams.get('q') ?? undefined, offset, limit: 100 })
  return h(
    'section',
    { id: 'journal' },
    h('h1', {}, 'Journal'),
    queryForm(url, 'filter, e.g. acct:kirov:assets date:1936'),
    data.error !== null ? h('p', { class: 'error', id: 'query-error' }, data.error) : null,
    pager(data.matched, offset, 100, goOffset(url)),
    table(['date', 'description', 'postings', 'written at'], transactionRows(data.items), { id: 'journal-table' }),
  )
}

const accountsPage: Page = async (url) => {
  const entity = url.searchParams.get('entity') ?? ''
  const data = await get<Api.Accounts>('/api/accounts', { entity })
  const select = h(
    'select',
    {
      id: 'filter-entity',
      onchange: (event) => {
        const value = (event.target as HTMLSelectElement).value
        navigate(value === '' ? '/accounts' : `/accounts?entity=${encodeURIComponent(value)}`)
      },
    },
    h('option', { value: '' }, 'every entity'),
    data.entities.map((name) => h('option', { value: name, ...(name === entity ? { selected: '' } : {}) }, name)),
  )
  return h(
    'section',
    { id: 'accounts' },
    h('h1', {}, 'Accounts: money and units side by side'),
    h('div', { class: 'filters' }, h('label', {}, 'entity ', select)),
    table(
      ['account', 'money', 'units'],
      data.rows.map((row) =>
        h(
          'tr',
          { class: `depth-${Math.min(row.depth, 6)}` },
          h(
            'td',
            { style: undefined },
            h('span', { class: `indent indent-${Math.min(row.depth, 6)}` }),
            link(`/register?account=${encodeURIComponent(row.account)}`, row.account.split(':').at(-1) ?? row.account),
          ),
          h('td', { class: 'num' }, amounts(row.total.money)),
          h('td', { class: 'num units' }, amounts(row.total.goods)),
        ),
      ),
      { id: 'accounts-table' },
    ),
  )
}

const registerPage: Page = async (url) => {
  const account = url.searchParams.get('account') ?? ''
  const offset = pageOffset(url)
  const data = await get<Api.Register>('/api/register', {
    account,
    q: url.searchParams.get('q') ?? undefined,
    offset,
    limit: 100,
  })
  return h(
    'section',
    { id: 'register' },
    h('p', {}, link('/accounts', '← accounts')),
    h('h1', {}, 'Register: ', account),
    queryForm(url, 'filter, e.g. date:1936'),
    pager(data.matched, offset, 100, goOffset(url)),
    table(
      ['date', 'description', 'account', 'money', 'units', 'balance (money)', 'balance (units)'],
      data.rows.map((row) =>
        h(
          'tr',
          {},
          h('td', {}, row.date),
          h('td', {}, link(`/context/transaction/${row.transaction}`, row.description)),
          h('td', {}, row.posting.account),
          h('td', { class: 'num' }, amount(row.posting.money)),
          h('td', { class: 'num units' }, amount(row.posting.goods)),
          h('td', { class: 'num' }, amounts(row.balance.money)),
          h('td', { class: 'num units' }, amounts(row.balance.goods)),
        ),
      ),
      { id: 'register-table' },
    ),
  )
}

const bothText = (both: Api.BothBooks): string =>
  [amounts(both.money), amounts(both.goods)].filter((part) => part !== '').join(' | ') || '0'

const contextPage: Page = async (url) => {
  const [, , kind, index] = url.pathname.split('/')
  const data = await get<Api.Context>(`/api/context/${kind}/${index}`)
  return h(
    'section',
    { id: 'context' },
    h('h1', {}, data.date, ' ', data.title),
    h(
      'p',
      { class: 'where' },
      data.kind === 'operation' ? `operation ${data.index}` : `transaction ${data.index}`,
      ' written at ',
      locationText(data.location),
    ),
    h('h2', {}, 'As written'),
    h('pre', { class: 'written' }, data.written.join('\n')),
    h('h2', {}, 'In its file'),
    sourceView(data.location.file, data.location.line, data.location.endLine),
    data.transaction !== null ? h('h2', {}, 'Postings') : null,
    data.transaction !== null ? postingsView(data.transaction.postings) : null,
    data.balances.length > 0 ? h('h2', {}, 'Balances of its accounts') : null,
    data.balances.length > 0
      ? table(
          ['account', 'before', 'after'],
          data.balances.map((balance) =>
            h(
              'tr',
              {},
              h('td', {}, link(`/register?account=${encodeURIComponent(balance.account)}`, balance.account)),
              h('td', { class: 'num' }, bothText(balance.before)),
              h('td', { class: 'num' }, bothText(balance.after)),
            ),
          ),
          { id: 'balances' },
        )
      : null,
    data.operations.length > 0 ? h('h2', {}, 'Operations') : null,
    data.operations.length > 0
      ? h(
          'ul',
          {},
          data.operations.map((operation) =>
            h(
              'li',
              {},
              link(`/context/operation/${operation.index}`, operation.name),
              ' at ',
              locationText(operation.location),
            ),
          ),
        )
      : null,
    h('h2', {}, 'Documents it touches'),
    data.documents.length === 0
      ? h('p', {}, 'none')
      : table(
          ['document', 'kind', 'state now'],
          data.documents.map((document) =>
            h('tr', {}, h('td', {}, document.id), h('td', {}, document.kind), h('td', {}, document.status)),
          ),
        ),
    h('h2', {}, 'Findings that cite it'),
    data.findings.length === 0
      ? h('p', {}, 'none')
      : table(findingHeaders, data.findings.map(findingRow), { id: 'context-findings' }),
  )
}

const chartsPage: Page = async (url) => {
  const data = await get<Api.Charts>('/api/charts')
  const only = url.searchParams.get('kind')
  const section = h(
    'section',
    { id: 'charts' },
    h('h1', {}, 'Charts'),
    h('p', { class: 'note' }, 'Hover a mark for its values; click one to open the journal for its period.'),
  )
  const drawing: Promise<void>[] = []
  for (const chart of data.charts) {
    if (only !== null && chart.kind !== only) continue
    const holder = h('div', { class: 'chart', id: `chart-${chart.kind}` })
    section.append(
      h(
        'figure',
        { class: 'figure' },
        h('h2', {}, link(`/charts?kind=${chart.kind}`, chart.title)),
        h('p', { class: 'note' }, chart.description),
        holder,
        h(
          'details',
          {},
          h('summary', {}, 'exact values'),
          table(
            chart.table.headers,
            chart.table.rows.map((row) =>
              h(
                'tr',
                {},
                row.map((cell, index) => h('td', chart.table.numeric[index] === true ? { class: 'num' } : {}, cell)),
              ),
            ),
          ),
        ),
      ),
    )
    drawing.push(
      drawChart(holder, chart.spec as TopLevelSpec, navigate).catch((error: unknown) =>
        holder.replaceChildren(h('p', { class: 'error' }, `cannot draw: ${String(error)}`)),
      ),
    )
  }
  void Promise.all(drawing).then(() => section.setAttribute('data-drawn', 'true'))
  return section
}

const sourcesPage: Page = async () => {
  const data = await get<Api.Sources>('/api/sources')
  const figure = (entry: Api.Sources['estimated'][number]): HTMLElement =>
    h(
      'li',
      {},
      `${entry.when} `,
      entry.what,
      entry.estimated ? ' (approximate)' : '',
      ' ',
      sourceToggle({ file: entry.file, line: entry.line, endLine: entry.line }),
    )
  return h(
    'section',
    { id: 'sources' },
    h('h1', {}, 'Sources: which figures rest on which archival file'),
    data.groups.map((group) =>
      h(
        'details',
        { class: 'source-group' },
        h('summary', {}, group.archival ? '📁 ' : '📖 ', group.title, ` (${group.figures.length} figures)`),
        h(
          'ul',
          {},
          group.figures.map((entry) => figure(entry.figure)),
        ),
      ),
    ),
    h('h2', {}, `Estimated figures (${data.estimated.length})`),
    h('ul', {}, data.estimated.map(figure)),
    h('h2', {}, `Unsourced figures (${data.unsourced.length})`),
    h('ul', {}, data.unsourced.map(figure)),
  )
}

const errorsPage: Page = async () => {
  const data = await get<Api.Status>('/api/status')
  return h(
    'section',
    { id: 'errors' },
    h('h1', {}, data.ok ? 'Journal: loaded' : 'Journal: errors'),
    data.diagnostics.length === 0
      ? h('p', {}, 'No errors or warnings.')
      : h(
          'ol',
          { id: 'diagnostics' },
          data.diagnostics.map((diagnostic) =>
            h(
              'li',
              { class: `diagnostic ${diagnostic.severity}` },
              h(
                'div',
                {},
                h('b', {}, diagnostic.severity),
                ' ',
                diagnostic.location === null ? '' : `${locationText(diagnostic.location)}: `,
                diagnostic.message,
                ` (${diagnostic.tag})`,
              ),
              diagnostic.location === null
                ? h('pre', {}, diagnostic.rendered)
                : sourceView(diagnostic.location.file, diagnostic.location.line, diagnostic.location.endLine),
            ),
          ),
        ),
  )
}

// -------------------------------------------------------------------------------------
// router, status and live updates

const routes: ReadonlyArray<[RegExp, string, Page]> = [
  [/^\/(findings)?$/u, 'findings', findingsPage],
  [/^\/finding\/\d+$/u, 'findings', findingPage],
  [/^\/journal$/u, 'journal', journalPage],
  [/^\/accounts$/u, 'accounts', accountsPage],
  [/^\/register$/u, 'accounts', registerPage],
  [/^\/context\/(transaction|operation)\/\d+$/u, 'journal', contextPage],
  [/^\/charts$/u, 'charts', chartsPage],
  [/^\/sources$/u, 'sources', sourcesPage],
  [/^\/errors$/u, 'errors', errorsPage],
]

let rendering = 0

const showStatus = async (): Promise<Api.Status> => {
  const status = await get<Api.Status>('/api/status')
  const element = document.getElementById('status') as HTMLElement
  element.textContent =
    `${status.journal}: ${status.transactions} transactions, ${status.operations} operations, ` +
    `${status.findings} findings (as of ${status.asOf ?? '—'}), load ${status.generation}`
  const errors = status.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  const count = document.getElementById('error-count') as HTMLElement
  count.textContent = errors > 0 ? String(errors) : ''
  count.className = errors > 0 ? 'badge' : ''
  document.body.setAttribute('data-generation', String(status.generation))
  return status
}

/** Draws the page of the current URL. */
const render = async (): Promise<void> => {
  const ticket = ++rendering
  const url = new URL(window.location.href)
  const route = routes.find(([pattern]) => pattern.test(url.pathname))
  for (const anchor of document.querySelectorAll<HTMLElement>('#nav a'))
    anchor.classList.toggle('current', anchor.dataset.page === route?.[1])
  let content: HTMLElement
  try {
    const status = await showStatus()
    if (!status.ok && route?.[1] !== 'errors' && route?.[1] !== undefined && route[1] !== 'sources') {
      content = h(
        'section',
        {},
        h('h1', {}, 'The journal has errors'),
        h('p', {}, 'The books could not be loaded: ', link('/errors', 'see the errors with their locations'), '.'),
        await errorsPage(url),
      )
    } else
      content =
        route === undefined
          ? h('section', {}, h('h1', {}, 'Not found'), link('/findings', 'findings'))
          : await route[2](url)
  } catch (error) {
    content = h(
      'section',
      {},
      h('h1', {}, 'Cannot show this page'),
      h('p', { class: 'error' }, String(error instanceof Error ? error.message : error)),
    )
  }
  if (ticket !== rendering) return
  main().replaceChildren(content)
  document.title = `shadow-ledger: ${content.querySelector('h1')?.textContent ?? ''}`
  document.body.setAttribute('data-rendered', String(ticket))
}

/** Goes to an app path (kept in history, so the URL is shareable). */
const navigate = (path: string): void => {
  window.history.pushState(null, '', path)
  window.scrollTo(0, 0)
  void render()
}

document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest('a[data-nav]')
  if (
    anchor === null ||
    event.defaultPrevented ||
    (event as MouseEvent).button !== 0 ||
    (event as MouseEvent).metaKey ||
    (event as MouseEvent).ctrlKey
  )
    return
  event.preventDefault()
  navigate(anchor.getAttribute('href') ?? '/')
})
window.addEventListener('popstate', () => void render())

const connect = (): void => {
  const live = document.getElementById('live') as HTMLElement
  const events = new EventSource('/api/events')
  events.addEventListener('hello', () => {
    live.textContent = '● live'
    live.className = 'on'
  })
  events.addEventListener('changed', () => {
    live.textContent = '● reloaded'
    void render()
  })
  events.addEventListener('error', () => {
    live.textContent = '○ offline'
    live.className = 'off'
  })
}

void render()
connect()
