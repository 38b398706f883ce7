/**
 * Structured archival citations.
 *
 * Soviet archival references name an archive, a fond (collection), an opis (inventory), a delo
 * (file) and a list (folio): `TsGIA SPb. F.P-960, Op.7, D.5, 4`. The same fond is printed in
 * several spellings in the literature (`F.P-960`, `F. P-960`, `F. 960`), so the verbatim text is
 * always kept beside the parsed fields, and two citations are the same file when their parsed
 * archive, fond, opis and delo agree. References to published sources (`Istoriia sozdaniia …
 * v.3, 2, 340-341`) are kept as free text.
 */

/**
 * A source citation: the verbatim text, plus the archive, fond, opis, delo and folio when the text is an archival
 * reference.
 */
export interface Citation {
  /** Exactly as written. */
  readonly text: string
  readonly archive?: string
  readonly fond?: string
  readonly opis?: string
  readonly delo?: string
  readonly folio?: string
}

/** What is wrong with a citation that looks archival but is incomplete. */
export type CitationProblem = 'missingFond' | 'missingOpis' | 'missingDelo' | 'emptyValue'

/**
 * The result of `parse`: the citation, and what is missing from it when it looks archival but is
 * incomplete (empty when complete or free text).
 */
export interface ParsedCitation {
  readonly citation: Citation
  readonly problems: ReadonlyArray<CitationProblem>
}

type Field = 'fond' | 'opis' | 'delo' | 'folio'

const markerOf = (token: string): { readonly field: Field; readonly rest: string } | undefined => {
  const match = /^(F|f|Ф|ф|Op|op|On|on|Оп|оп|D|d|Д|д|L|l|Ll|ll|Л|л|Лл|лл)\.(.*)$/u.exec(token)
  if (match === null) return undefined
  const marker = (match[1] ?? '').toLowerCase()
  const rest = match[2] ?? ''
  const field: Field =
    marker === 'f' || marker === 'ф'
      ? 'fond'
      : marker === 'op' || marker === 'on' || marker === 'оп'
        ? 'opis'
        : marker === 'd' || marker === 'д'
          ? 'delo'
          : 'folio'
  return { field, rest }
}

const clean = (value: string): string => value.replace(/[.;]+$/u, '')

/** Whether a bare token can be a folio number: `4`, `9a`, `12a`, `340-341`, `5-6`. */
const isFolio = (token: string): boolean => /^\d+[a-zа-я]?(-\d+[a-zа-я]?)?$/u.test(token)

/** Whether a bare token can be a fond designation without a marker: `R-8131`, `P-960`. */
const isFondLike = (token: string): boolean => /^[A-ZА-Я]{1,2}-\d+$/u.test(token)

/**
 * Parses a citation. Never fails: text with no archival markers is a free-text citation;
 * text with some markers but not others comes back with `problems`. A value that is not text
 * (a JavaScript caller) reads as the empty text.
 */
export const parse = (text: string): ParsedCitation => {
  const verbatim = typeof text === 'string' ? text.trim() : ''
  const tokens = verbatim
    .replace(/,/gu, ' ')
    .split(/\s+/u)
    .filter((token) => token.length > 0)
  const fields: { -readonly [K in Field]?: string } = {}
  const archiveWords: string[] = []
  let pending: Field | undefined
  let sawMarker = false
  let lastField: Field | undefined
  const problems: CitationProblem[] = []
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string
    if (pending !== undefined) {
      fields[pending] = clean(token)
      lastField = pending
      pending = undefined
      continue
    }
    const marker = markerOf(token)
    if (marker !== undefined) {
      sawMarker = true
      const value = clean(marker.rest)
      if (value.length > 0) {
        fields[marker.field] = value
        lastField = marker.field
      } else pending = marker.field
      continue
    }
    if (
      !sawMarker &&
      isFondLike(clean(token)) &&
      tokens.slice(index + 1).some((next) => markerOf(next)?.field === 'opis')
    ) {
      fields.fond = clean(token)
      sawMarker = true
      lastField = 'fond'
      continue
    }
    if (lastField === 'delo' && fields.folio === undefined && isFolio(clean(token))) {
      fields.folio = clean(token)
      lastField = 'folio'
      continue
    }
    if (!sawMarker) archiveWords.push(token)
    else if (lastField === 'folio' && isFolio(clean(token))) fields.folio = `${fields.folio ?? ''},${clean(token)}`
  }
  if (pending !== undefined) problems.push('emptyValue')
  const archival = fields.opis !== undefined || fields.delo !== undefined || (fields.fond !== undefined && sawMarker)
  if (!archival) return { citation: { text: verbatim }, problems }
  if (fields.fond === undefined) problems.push('missingFond')
  if (fields.opis === undefined) problems.push('missingOpis')
  if (fields.delo === undefined) problems.push('missingDelo')
  const archive = clean(archiveWords.join(' '))
  return {
    citation: {
      text: verbatim,
      ...(archive.length > 0 ? { archive } : {}),
      ...(fields.fond !== undefined ? { fond: fields.fond } : {}),
      ...(fields.opis !== undefined ? { opis: fields.opis } : {}),
      ...(fields.delo !== undefined ? { delo: fields.delo } : {}),
      ...(fields.folio !== undefined ? { folio: fields.folio } : {}),
    },
    problems,
  }
}

/** A key naming the archival file (archive, fond without its `P-` prefix, opis, delo), or the text. */
export const fileKey = (self: Citation): string => {
  if (self.delo === undefined) return self.text
  const archive = (self.archive ?? '').toLowerCase().replace(/\s+/gu, ' ')
  const fond = (self.fond ?? '').replace(/^[PpРр]-/u, '')
  return `${archive}|${fond}|${self.opis ?? ''}|${self.delo}`
}

/** Canonical rendering: `TsGIA SPb F.P-960 op.7 d.5 l.4`, or the text for free-text citations. */
export const show = (self: Citation): string => {
  if (self.delo === undefined && self.opis === undefined) return self.text
  const parts = [
    self.archive,
    self.fond !== undefined ? `F.${self.fond}` : undefined,
    self.opis !== undefined ? `op.${self.opis}` : undefined,
    self.delo !== undefined ? `d.${self.delo}` : undefined,
    self.folio !== undefined ? `l.${self.folio}` : undefined,
  ]
  return parts.filter((part): part is string => part !== undefined && part.length > 0).join(' ')
}
