/**
 * Issue 24 engine: hedged figures in journals, the reported and found views, source conflicts,
 * verdicts, not-computable measures and provenance classes.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Citation, Interval, Ledger, LocalDate, Quantity } from '../../src/core/index.js'
import * as Views from '../../src/domain/Views.js'
import { memoryFileSystem } from '../../src/load/FileSystem.js'
import * as Load from '../../src/load/Load.js'
import { sourceKey } from '../../src/reconcile/Figures.js'
import { builtInRules, type Finding, reconcile, showMeasureValue } from '../../src/reconcile/index.js'
import * as Restatement from '../../src/reports/Restatement.js'

const header = `entity kirov
commodity RUB
    format 1,000.00 RUB
commodity T26
    kind: goods
commodity T28
    kind: goods
`

const load = (text: string, options: Partial<Load.LoadOptions> = {}): Load.Loaded => {
  const loaded = Load.loadText('t.journal', `${header}${text}`, { fileSystem: memoryFileSystem(new Map()), ...options })
  if (E.isLeft(loaded)) throw new Error(Load.renderFailure(loaded.left))
  return loaded.right
}

const failure = (text: string): string => {
  const loaded = Load.loadText('t.journal', `${header}${text}`, { fileSystem: memoryFileSystem(new Map()) })
  return E.isLeft(loaded) ? Load.renderFailure(loaded.left) : ''
}

const findings = (loaded: Load.Loaded, rule?: string): ReadonlyArray<Finding> => {
  const result = reconcile(
    {
      books: loaded.books,
      reported: Views.inView(loaded.reported, loaded.view),
      settings: loaded.settings,
      asOf: LocalDate.unsafeFromString('1937-12-31'),
    },
    builtInRules,
    rule !== undefined ? { only: [rule] } : {},
  )
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left))
  return result.right.findings
}

describe('hedged figures in statements', () => {
  it("reads the paper's examples into exact intervals, kept as written", () => {
    const loaded = load(`reported 1936 kirov payroll-overrun:ITR >6,000,000.00 RUB
reported 1936 kirov plan-fulfilment:realized <100%
reported 1935 kirov output:T26 [400..500 T26]
reported 1936 kirov cash-issued <400,000.00 RUB
reported 1936 kirov output:T28 [? T28]
reported 1936 kirov rejection-rate 6.3%..7.1%
reported 1936 kirov sales ? RUB
reported 1936 kirov decree-988:date 1936-04-06
reported 1937 kirov inspection:end 1937-Q1
`)
    const byMetric = new Map(loaded.reported.map((figure) => [figure.metric, figure.value]))
    const figure = (metric: string) => {
      const value = byMetric.get(metric)
      if (value?._tag !== 'Figure') throw new Error(`${metric}: ${JSON.stringify(value)}`)
      return value.figure
    }
    expect(figure('payroll-overrun:ITR').written).toBe('>6,000,000.00 RUB')
    expect(Interval.contains(figure('payroll-overrun:ITR').interval, Quantity.unsafeFromString('6000000'))).toBe(false)
    expect(Interval.contains(figure('payroll-overrun:ITR').interval, Quantity.unsafeFromString('6000000.01'))).toBe(
      true,
    )
    expect(figure('plan-fulfilment:realized').unit).toEqual({ _tag: 'Percent' })
    expect(Interval.verdict(figure('plan-fulfilment:realized').interval, '<', Quantity.unsafeFromInteger(100))).toBe(
      'certain',
    )
    expect(figure('output:T26')).toMatchObject({
      written: '400..500 T26',
      unit: { _tag: 'Amount', commodity: 'T26', bracketed: true },
    })
    expect(Interval.show(figure('output:T26').interval)).toBe('400..500')
    expect(figure('cash-issued').written).toBe('<400,000.00 RUB')
    expect(figure('output:T28').interval.kind).toBe('unknown')
    expect(figure('sales').interval.kind).toBe('unknown')
    expect(Interval.show(figure('rejection-rate').interval)).toBe('6.3..7.1')
    expect(byMetric.get('decree-988:date')).toEqual({ _tag: 'Date', date: '1936-04-06' })
    expect(figure('inspection:end')).toMatchObject({ written: '1937-Q1', unit: { _tag: 'Date' } })
  })

  it('refuses an empty range with a located error', () => {
    expect(failure('reported 1935 kirov output:T26 [500..400 T26]\n')).toMatch(
      /t\.journal:8:\d+: error: reported: .*\(InvalidStatementValue\)/u,
    )
  })

  it('expectations take hedged values: the measured value must lie in them', () => {
    const loaded = load(`reported 1937 kirov output:T26 [400..500 T26]  ; source: A
reported 1937 kirov output:T26 [58 T26]  ; source: B
expect source-conflict kirov 1937 gap [>300 T26]
expect no source-conflict kirov 1937 gap [<300 T26]
`)
    expect(loaded.expectations.map((expectation) => expectation.measures[0]?.value._tag)).toEqual(['Figure', 'Figure'])
  })
})

describe('source-conflict', () => {
  it('normalizes spelling variants of one archival reference into one source, and keeps archives and folios apart', () => {
    const key = (text: string) => sourceKey(Citation.parse(text).citation)
    expect(key('TsGIA SPb. F.P-960, Op.7, D.5, 4')).toBe(key('TsGIA SPB F. P-960, Op. 7, D. 5, 4'))
    expect(key('TsGIA SPb. F.P-960, Op.7, D.5, 4')).toBe(key('TsGIA SPb F. 960, Op.7, D.5, l. 4'))
    expect(key('TsGIA SPb F.P-960, Op.7, D.5, 4')).not.toBe(key('TsGA SPb F.P-960, Op.7, D.5, 4'))
    expect(key('TsGIA SPB F.P-1788, Op. 27, D.12, 3')).not.toBe(key('TsGIA SPB F.P-1788, Op. 27, D.12, 16'))
  })

  it('fires on two sources whose intervals share no value, with both citations and the gap', () => {
    const loaded = load(`reported 1937 kirov output:T26 [400..500 T26]  ; source: Istoriia sozdaniia T. 3, 678-680
reported 1937 kirov output:T26 [58 T26]  ; source: TsGIA SPB F.P-1788, Op. 27, D.12, 20
`)
    const [finding, ...rest] = findings(loaded, 'source-conflict')
    expect(rest).toHaveLength(0)
    expect(`${Quantity.toString(finding?.unitGap?.quantity ?? Quantity.zero)} ${finding?.unitGap?.commodity}`).toBe(
      '342 T26',
    )
    expect(finding?.evidence.flatMap((item) => item.citations.map((citation) => citation.text))).toEqual([
      'Istoriia sozdaniia T. 3, 678-680',
      'TsGIA SPB F.P-1788, Op. 27, D.12, 20',
    ])
    expect(finding?.message).toContain('400..500 T26')
  })

  it('stays quiet on one source in two spellings, on overlapping intervals, and on a restated figure in the found view', () => {
    const loaded =
      load(`reported 1936 kirov working-capital 145,137,000.00 RUB  ; source: TsGIA SPb. F.P-960, Op.7, D.5, 4
reported 1936 kirov working-capital 140,000,000.00 RUB  ; source: TsGIA SPB F. 960, Op. 7, D. 5, 4
reported 1936 kirov payroll-overrun:ITR >6,000,000.00 RUB  ; source: TsGIA SPb. F.P-960, Op.7, D.2, 37
reported 1936 kirov payroll-overrun:ITR 6,500,000.00 RUB  ; source: TsGA SPb F.R-8131, Op.1, D.5, 4
reported 1936 kirov plan-fulfilment 114%  ; source: TsGIA SPb F. P-960, Op.7, D.388, 14
restate 1936 kirov plan-fulfilment <100%  ; source: TsGIA SPb F. P-960, Op.7, D.388, 15
`)
    expect(findings(loaded, 'source-conflict')).toEqual([])
    // In the reported view the restatement is absent, so nothing conflicts either; both lines of
    // the restated measure in one view would (found without the restatement replacing).
    const both = loaded.reported.filter((figure) => figure.metric === 'plan-fulfilment')
    expect(both.map((figure) => figure.view ?? 'both')).toEqual(['both', 'found'])
  })

  it('an approximate figure spans ± the tolerance: ~500 against 101 conflicts, ~100 % against 98 % does not', () => {
    const loaded = load(`reported 1936 kirov output:T28 [~500 T28]
reported 1936 kirov output:T28 [101 T28]  ; source: TsGIA SPB F.P-1788, Op. 27, D.12, 16
reported 1936 kirov plan-fulfilment:physical ~100%  ; source: A
reported 1936 kirov plan-fulfilment:physical 98%  ; source: B
`)
    const found = findings(loaded, 'source-conflict')
    expect(
      found.map(
        (finding) => `${Quantity.toString(finding.unitGap?.quantity ?? Quantity.zero)} ${finding.unitGap?.commodity}`,
      ),
    ).toEqual(['374 T28'])
  })
})

describe('views', () => {
  const text = `reported 1936 kirov plan-fulfilment 114%  ; source: A
restate 1936 kirov plan-fulfilment <100%  ; source: B
    ; reason: realized sales below 100 %
1936-12-31 * wages  ; source: A
    kirov:expenses:wages  100.00 RUB
    kirov:equity:x
1936-12-31 * unpaid wages found by the bank  ; source: B
    ; view: found
    ; reason: two months unpaid
    kirov:expenses:wages  50.00 RUB
    kirov:equity:x
`
  it('the found view replaces a reported figure by its restatement; the reported view drops restatements', () => {
    const loaded = load(text)
    expect(Views.inView(loaded.reported, 'found').map((figure) => figure.value._tag)).toEqual(['Figure'])
    expect(Views.inView(loaded.reported, 'reported').map((figure) => figure.value._tag)).toEqual(['Percent'])
  })

  it('the reported view leaves out `view: found` transactions', () => {
    expect(Ledger.transactions(load(text).ledger).length).toBe(2)
    expect(Ledger.transactions(load(text, { view: 'reported' }).ledger).length).toBe(1)
  })

  it('report restatement shows reported vs found per measure and per account, with both sources', () => {
    const report = Restatement.build(load(text))
    expect(report.measures).toMatchObject([
      {
        metric: 'plan-fulfilment',
        reported: '114.00 %',
        found: '<100%',
        reportedSources: 'A',
        foundSources: 'B',
        reason: 'realized sales below 100 %',
      },
    ])
    expect(report.measures[0]?.difference).toContain('< -14')
    expect(
      report.accounts.map((row) => [
        row.account,
        Quantity.toString(row.reported),
        Quantity.toString(row.found),
        row.sources,
      ]),
    ).toEqual([
      ['kirov:equity:x', '-100', '-150', 'B'],
      ['kirov:expenses:wages', '100', '150', 'B'],
    ])
  })
})

describe('verdicts and not-computable measures', () => {
  const plan = `plan 1936 kirov output:T28 1,000,000.00 RUB  ; source: A
1936-12-31 * wip  ; source: A
    kirov:assets:wip  1,140,000.00 RUB
    kirov:equity:x
`
  it('with no sales in the books, realized fulfilment is "not computable: no realized sales", never 0 %', () => {
    const loaded = load(`${plan}1936-05-13 * bonus  ; source: A
    kirov:expenses:wages:bonus  10.00 RUB  ; fund: wage-fund, approved-by: director
    kirov:equity:x
`)
    const all = findings(loaded)
    for (const finding of all) {
      expect(finding.message).not.toContain('0.00 %')
      for (const measure of finding.measures)
        if (measure.key === 'realized')
          expect(showMeasureValue(measure.value)).toBe('not computable: no realized sales')
    }
    expect(all.filter((finding) => finding.rule === 'plan-fulfilment-triangulation')).toEqual([])
    const bonus = all.find((finding) => finding.rule === 'bonus-funding')
    expect(bonus?.measures.map((measure) => `${measure.key} ${showMeasureValue(measure.value)}`)).toContain(
      'realized not computable: no realized sales',
    )
  })

  it('a reported "< 100 %" realized against 114 % reported is a certain triangulation finding, shown as written', () => {
    const loaded = load(`${plan}reported 1936 kirov plan-fulfilment 114%  ; source: A
reported 1936 kirov plan-fulfilment:realized <100%  ; source: A
`)
    const [finding] = findings(loaded, 'plan-fulfilment-triangulation')
    expect(finding?.verdict).toBe('certain')
    expect(finding?.measures.map((measure) => `${measure.key} ${showMeasureValue(measure.value)}`)).toContain(
      'realized <100%',
    )
    expect(finding?.message).toContain('<100%')
  })

  it('"~100 %" realized against 102 % reported is only possibly short of 100 %', () => {
    const loaded = load(`${plan}reported 1936 kirov plan-fulfilment 102%  ; source: A
reported 1936 kirov plan-fulfilment:realized ~100%  ; source: A
`)
    expect(findings(loaded, 'plan-fulfilment-triangulation').map((finding) => finding.verdict)).toEqual(['possible'])
  })
})

describe('provenance', () => {
  it('strict provenance refuses a figure line without a class and an undeclared assumption, located', () => {
    const message = failure(`param journal.strict-provenance yes
reported 1936 kirov plan-fulfilment 114%
reported 1936 kirov sales ? RUB  ; assumption: A9
1936-12-31 * wages  ; derived: 60 + 40
    kirov:expenses:wages  100.00 RUB
    kirov:equity:x
`)
    expect(message).toContain('t.journal:9:1: error: reported "kirov plan-fulfilment" has no provenance class')
    expect(message).toContain('t.journal:10:1: error: assumption "A9" is not declared')
    expect(message).not.toContain(':11:')
  })

  it('counts figure lines per class and lists the lines each assumption fills', () => {
    const loaded = load(`assumption A1 "sales are not given"
reported 1936 kirov plan-fulfilment 114%  ; source: TsGIA SPb F. P-960, Op.7, D.388, 14 — the plant's words
reported 1936 kirov sales ? RUB  ; assumption: A1
reported 1936 kirov excess 53,765,000.00 RUB  ; derived: 145,137,000 - 91,372,000 (working-capital - norm)
reported 1936 kirov other 1%
`)
    const { provenance, assumptions } = loaded.elaborated
    expect(provenance.counts).toEqual({ source: 1, derived: 1, assumption: 1, none: 1 })
    expect([...provenance.byCitation]).toEqual([['TsGIA SPb F. P-960, Op.7, D.388, 14', 1]])
    expect(assumptions.map((assumption) => [assumption.id, assumption.text])).toEqual([['A1', 'sales are not given']])
    expect(provenance.assumptionLines.map((line) => [line.span.line, line.ids])).toEqual([[10, ['A1']]])
    expect(loaded.reported.find((figure) => figure.metric === 'excess')?.provenance).toEqual({
      _tag: 'derived',
      formula: '145,137,000 - 91,372,000 (working-capital - norm)',
    })
    expect(
      loaded.reported.find((figure) => figure.metric === 'plan-fulfilment')?.citations.map((citation) => citation.text),
    ).toEqual(['TsGIA SPb F. P-960, Op.7, D.388, 14'])
  })
})
