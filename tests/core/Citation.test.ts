import { describe, expect, it } from 'vitest'
import * as Citation from '../../src/core/Citation.js'

describe('Citation.parse', () => {
  it('parses the spellings the literature uses for one fond', () => {
    const a = Citation.parse('TsGIA SPb. F.P-960, Op.7, D.5, 4')
    expect(a).toEqual({
      citation: {
        text: 'TsGIA SPb. F.P-960, Op.7, D.5, 4',
        archive: 'TsGIA SPb',
        fond: 'P-960',
        opis: '7',
        delo: '5',
        folio: '4',
      },
      problems: [],
    })
    const b = Citation.parse('TsGIA SPb F. 960, Op.7, D.388, 88')
    expect(b.citation).toMatchObject({ fond: '960', opis: '7', delo: '388', folio: '88' })
    const c = Citation.parse('TsGIA SPb F.P-960 op.7 d.5 l.4')
    expect(Citation.fileKey(a.citation)).toBe(Citation.fileKey(c.citation))
  })

  it('parses a fond without a marker and folios with letters', () => {
    expect(Citation.parse('GARF R-8131, Op.11, D.118, 3').citation).toMatchObject({
      archive: 'GARF',
      fond: 'R-8131',
      opis: '11',
      delo: '118',
      folio: '3',
    })
    expect(Citation.parse('TsGA SPb F. P-5350. Op.6, D.21, 9a').citation).toMatchObject({
      archive: 'TsGA SPb',
      fond: 'P-5350',
      delo: '21',
      folio: '9a',
    })
  })

  it('keeps published sources as free text and reports incomplete archival references', () => {
    expect(Citation.parse('Istoriia sozdaniia v.3, 2, 340-341')).toEqual({
      citation: { text: 'Istoriia sozdaniia v.3, 2, 340-341' },
      problems: [],
    })
    expect(Citation.parse('TsGIA SPb F.P-960 op.7').problems).toEqual(['missingDelo'])
    expect(Citation.parse('TsGIA SPb op.7 d.5').problems).toEqual(['missingFond'])
  })
})
