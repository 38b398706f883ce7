/**
 * Generic audit checks (domain.md §4.2): duplicate documents, gaps in numbered document
 * sequences, and a Benford first-digit test.
 */
import { type Entity, Ledger, Quantity } from '../../core/index.js'
import { type Document, type DocumentId, history } from '../../domain/Books.js'
import { Flows } from '../../measures/index.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  numberMeasure,
  operationEvidence,
  showMoney,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { isPlain } from './common.js'

interface Keyed {
  readonly document: Document
  readonly entity: Entity.EntityName
  readonly counterparty: Entity.EntityName
  readonly amount: Quantity.Quantity
}

/** The (entity, counterparty, amount) of a document kind that has them. */
const keyedOf = (document: Document): Keyed | undefined => {
  switch (document.kind) {
    case 'PaymentDemand':
      return { document, entity: document.seller, counterparty: document.buyer, amount: document.amount }
    case 'Bill':
      return { document, entity: document.drawer, counterparty: document.payee, amount: document.face }
    case 'Cheque':
      return { document, entity: document.drawer, counterparty: document.payee, amount: document.amount }
    case 'Loan':
      return { document, entity: document.borrower, counterparty: document.lender, amount: document.principal }
    default:
      return undefined
  }
}

/**
 * Generic check (`duplicate-documents`): warns once per group of documents of one kind with the same parties, amount
 * and date under different numbers.
 */
export const duplicateDocuments = unsafeDefineRule({
  id: 'duplicate-documents',
  title: 'Duplicate documents',
  description:
    'Payment demands, bills, cheques and loans of the same kind with the same parties, amount and date ' +
    'but different numbers → warn (one finding per group); the same document entered twice under one ' +
    'number (recorded at load with a `DuplicateDocumentRecorded` note) → warn, citing both entries.',
  motivation: 'domain.md §4.2 duplicate tests (IBM duplicate criteria; tag/serial sorting).',
  parameters: {},
  defaults: {},
  evaluate: ({ books, asOf }) => {
    const groups = new Map<string, Keyed[]>()
    for (const document of books.documents.values()) {
      if (document.date > asOf) continue
      const keyed = keyedOf(document)
      if (keyed === undefined) continue
      const key =
        `${document.kind}\u0000${keyed.entity}\u0000${keyed.counterparty}\u0000` +
        `${Quantity.toString(keyed.amount)}\u0000${document.date}`
      const group = groups.get(key)
      if (group === undefined) groups.set(key, [keyed])
      else group.push(keyed)
    }
    const drafts: FindingDraft[] = []
    // The same document entered twice under one number (recorded with a note, not refused).
    const applied = history(books)
    for (const operation of applied) {
      if (operation.operation.date > asOf) continue
      for (const note of operation.notes) {
        if (note._tag !== 'DuplicateDocumentRecorded') continue
        const document = books.documents.get(note.id)
        const keyed = document === undefined ? undefined : keyedOf(document)
        if (document === undefined || keyed === undefined) continue
        const original = operationEvidence(books, note.first, `${document.kind} ${document.id} entered`)
        const repeat = operationEvidence(books, operation.index, `${document.kind} ${document.id} entered again`)
        drafts.push({
          severity: 'warn',
          entity: keyed.entity,
          date: document.date,
          documents: [document.id],
          moneyGap: { quantity: keyed.amount, commodity: books.currency },
          measures: [
            numberMeasure('count', Quantity.unsafeFromInteger(2)),
            amountMeasure('amount', keyed.amount, books.currency),
          ],
          threshold: { text: 'the same document entered twice under one number' },
          evidence: [...(original !== undefined ? [original] : []), ...(repeat !== undefined ? [repeat] : [])],
          message:
            `${document.kind} ${document.id} between ${keyed.entity} and ${keyed.counterparty} (` +
            `${showMoney(keyed.amount, books.currency)}, ${document.date}) is entered twice in the books under ` +
            `the same number.`,
        })
      }
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue
      const sorted = [...group].sort((a, b) => (a.document.id < b.document.id ? -1 : 1))
      const first = sorted[0] as Keyed
      const extra = Quantity.multiply(first.amount, Quantity.unsafeFromInteger(sorted.length - 1))
      drafts.push({
        severity: 'warn',
        entity: first.entity,
        date: first.document.date,
        documents: sorted.map((item) => item.document.id),
        moneyGap: { quantity: extra, commodity: books.currency },
        measures: [
          numberMeasure('count', Quantity.unsafeFromInteger(sorted.length)),
          amountMeasure('amount', first.amount, books.currency),
        ],
        threshold: { text: 'same kind, parties, amount and date under two or more numbers' },
        evidence: sorted.flatMap((item) => documentEvidence(books, item.document)),
        message:
          `${sorted.length} ${first.document.kind} documents (` +
          `${sorted.map((item) => item.document.id).join(', ')}) between ${first.entity} and ` +
          `${first.counterparty} carry the same amount ${showMoney(first.amount, books.currency)} and date ` +
          `${first.document.date}.`,
      })
    }
    return drafts
  },
})

const NUMBERED = /^(.*?)(\d+)$/u

/**
 * Generic check (`document-number-gaps`): warns once per numbered document sequence of at least `minDocuments`
 * documents (default 3) with missing numbers, listing up to `listMax` of them (default 20).
 */
export const documentNumberGaps = unsafeDefineRule({
  id: 'document-number-gaps',
  title: 'Gaps in numbered document sequences',
  description:
    'Groups payment demands, shipments, bills and cheques by kind and number prefix (`PD-36-` in ' +
    '`PD-36-114`); each missing number between the lowest and highest present is a gap → warn (one ' +
    'finding per sequence, listing up to `listMax` missing numbers). Sequences with fewer than ' +
    '`minDocuments` documents are skipped.',
  motivation:
    'domain.md §4.2 gap tests in pre-numbered sequences (payment demands, shipment notes, bills, ' +
    'cheques); Oracle gapless numbering.',
  parameters: { minDocuments: Param.count, listMax: Param.count },
  defaults: { minDocuments: 3, listMax: 20 },
  evaluate: ({ books, asOf }, { minDocuments, listMax }) => {
    const sequences = new Map<string, Array<{ number: bigint; width: number; document: Document }>>()
    for (const document of books.documents.values()) {
      if (
        document.date > asOf ||
        !(
          document.kind === 'PaymentDemand' ||
          document.kind === 'Shipment' ||
          document.kind === 'Bill' ||
          document.kind === 'Cheque'
        )
      )
        continue
      const match = NUMBERED.exec(document.id)
      if (match === null) continue
      const key = `${document.kind}\u0000${match[1] ?? ''}`
      const item = { number: BigInt(match[2] as string), width: (match[2] as string).length, document }
      const sequence = sequences.get(key)
      if (sequence === undefined) sequences.set(key, [item])
      else sequence.push(item)
    }
    const drafts: FindingDraft[] = []
    for (const [key, items] of [...sequences.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (items.length < minDocuments) continue
      const sorted = [...items].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
      const missing: bigint[] = []
      let missingCount = 0n
      for (let index = 1; index < sorted.length; index++) {
        const previous = (sorted[index - 1] as (typeof sorted)[number]).number
        const current = (sorted[index] as (typeof sorted)[number]).number
        if (current - previous <= 1n) continue
        missingCount += current - previous - 1n
        for (let number = previous + 1n; number < current && missing.length < listMax; number++) missing.push(number)
      }
      if (missingCount === 0n) continue
      const prefix = key.slice(key.indexOf('\u0000') + 1)
      const first = sorted[0] as (typeof sorted)[number]
      const width = first.width
      const names = missing.map((number) => `${prefix}${number.toString().padStart(width, '0')}`)
      const neighbours = sorted.filter((item, index) => {
        const next = sorted[index + 1]
        const previous = sorted[index - 1]
        return (
          (next !== undefined && next.number - item.number > 1n) ||
          (previous !== undefined && item.number - previous.number > 1n)
        )
      })
      const entity = entityOfDocument(first.document)
      drafts.push({
        severity: 'warn',
        ...(entity !== undefined ? { entity } : {}),
        date: first.document.date,
        documents: neighbours.map((item) => item.document.id),
        measures: [
          numberMeasure('missing', Quantity.unsafeFromBigInt(missingCount, 0)),
          numberMeasure('documents', Quantity.unsafeFromInteger(sorted.length)),
        ],
        threshold: { text: 'any missing number in a sequence' },
        evidence: neighbours.flatMap((item) => documentEvidence(books, item.document)),
        message:
          `The ${first.document.kind} sequence ${prefix}… is missing ${missingCount.toString()} number(s) ` +
          `between ${first.document.id} and ` +
          `${(sorted[sorted.length - 1] as (typeof sorted)[number]).document.id}: ${names.join(', ')}` +
          `${BigInt(names.length) < missingCount ? ', …' : ''}.`,
      })
    }
    return drafts
  },
})

const entityOfDocument = (document: Document): Entity.EntityName | undefined => {
  switch (document.kind) {
    case 'PaymentDemand':
    case 'Shipment':
      return document.seller
    case 'Bill':
    case 'Cheque':
      return document.drawer
    default:
      return undefined
  }
}

/** Expected first-digit shares under Benford's law, P(d) = log10(1 + 1/d). */
export const benfordExpected: ReadonlyArray<number> = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((digit) =>
  Math.log10(1 + 1 / digit),
)

/** The first significant digit of a non-zero quantity (1–9). */
export const firstDigit = (quantity: Quantity.Quantity): number | undefined => {
  const text = Quantity.toString(Quantity.abs(quantity)).replace('.', '')
  for (const character of text) if (character >= '1' && character <= '9') return Number(character)
  return undefined
}

interface Sample {
  readonly amount: Quantity.Quantity
  readonly document?: DocumentId
}

const decimal = (value: number, digits: number): Quantity.Quantity => {
  const result = Quantity.fromString(value.toFixed(digits))
  return result._tag === 'Right' ? result.right : Quantity.zero
}

/**
 * Generic check (`benford-first-digit`): tests first significant digits per entity against the Benford law, info when
 * Pearson chi-squared exceeds `criticalValue` (default 15.507) and warn when the mean absolute deviation also exceeds
 * `madNonconformity` (default 0.015).
 */
export const benfordFirstDigit = unsafeDefineRule({
  id: 'benford-first-digit',
  title: "First digits depart from Benford's law",
  description:
    'First significant digits of payment-demand amounts, bonuses, rework costs, bills and cheques, ' +
    'plus debit postings of plain transactions to the roles in `roles`, per entity. Needs at least ' +
    '`minSample` amounts. Pearson χ² with 8 degrees of freedom against `criticalValue` (15.507 at α = ' +
    "0.05) and Nigrini's mean absolute deviation (MAD; nonconformity above 0.015). χ² above the " +
    'critical value → info; MAD also above `madNonconformity` → warn. Administered plan prices make ' +
    'departures common: a finding is a pointer, not proof.',
  motivation: 'domain.md §4.2 Benford tests (Nigrini, Forensic Analytics ch. 5–6; Lesperance et al. 2016).',
  parameters: {
    minSample: Param.count,
    criticalValue: Param.decimal,
    madNonconformity: Param.decimal,
    roles: Param.words,
  },
  defaults: {
    minSample: 300,
    criticalValue: Quantity.unsafeFromString('15.507'),
    madNonconformity: Quantity.unsafeFromString('0.015'),
    roles: ['bonus', 'rework', 'receivables'],
  },
  evaluate: ({ books, asOf }, { minSample, criticalValue, madNonconformity, roles }) => {
    const samples = new Map<Entity.EntityName, Sample[]>()
    const add = (entity: Entity.EntityName, sample: Sample): void => {
      if (Quantity.sign(sample.amount) <= 0) return
      const list = samples.get(entity)
      if (list === undefined) samples.set(entity, [sample])
      else list.push(sample)
    }
    for (const demand of books.demands.values())
      if (demand.date <= asOf) add(demand.seller, { amount: demand.amount, document: demand.id })
    for (const bonus of books.bonuses.values())
      if (bonus.date <= asOf) add(bonus.entity, { amount: bonus.amount, document: bonus.id })
    for (const rework of books.reworks.values())
      if (rework.date <= asOf) add(rework.entity, { amount: rework.total, document: rework.id })
    for (const bill of books.bills.values())
      if (bill.date <= asOf) add(bill.drawer, { amount: bill.face, document: bill.id })
    for (const cheque of books.cheques.values())
      if (cheque.date <= asOf) add(cheque.drawer, { amount: cheque.amount, document: cheque.id })
    const resolve = Flows.placeResolver(books)
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (transaction.date > asOf || !isPlain(transaction)) continue
      for (const posting of transaction.postings) {
        const place = resolve(posting.account)
        if (
          place?.role === undefined ||
          !roles.includes(place.role) ||
          posting.money === undefined ||
          posting.money.commodity !== books.currency
        )
          continue
        add(place.entity, { amount: posting.money.quantity })
      }
    }
    const drafts: FindingDraft[] = []
    for (const [entity, list] of [...samples.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0]
      for (const sample of list) {
        const digit = firstDigit(sample.amount)
        if (digit !== undefined) counts[digit - 1] = (counts[digit - 1] ?? 0) + 1
      }
      const n = counts.reduce((sum, value) => sum + value, 0)
      if (n < minSample || n === 0) continue
      let chiSquare = 0
      let mad = 0
      for (let index = 0; index < 9; index++) {
        const expected = (benfordExpected[index] as number) * n
        const observed = counts[index] as number
        chiSquare += (observed - expected) ** 2 / expected
        mad += Math.abs(observed / n - (benfordExpected[index] as number)) / 9
      }
      const critical = Quantity.toApproximateNumber(criticalValue)
      if (chiSquare <= critical) continue
      const severity = mad > Quantity.toApproximateNumber(madNonconformity) ? 'warn' : 'info'
      const evidence: Evidence[] = []
      drafts.push({
        severity,
        entity,
        date: asOf,
        measures: [
          numberMeasure('n', Quantity.unsafeFromInteger(n)),
          numberMeasure('chi-square', decimal(chiSquare, 3)),
          numberMeasure('critical-value', criticalValue),
          numberMeasure('mad', decimal(mad, 4)),
          ...counts.map((count, index) => numberMeasure(`digit:${index + 1}`, Quantity.unsafeFromInteger(count))),
        ],
        threshold: {
          text:
            `χ² (8 df) > ${Quantity.toString(criticalValue)}` +
            `${severity === 'warn' ? ` and MAD > ${Quantity.toString(madNonconformity)}` : ''}`,
          value: { _tag: 'Number', value: criticalValue },
        },
        evidence,
        message:
          `First digits of ${n} amounts of ${entity} depart from Benford's law: χ² = ` +
          `${Quantity.toString(decimal(chiSquare, 3))} with 8 degrees of freedom (critical ` +
          `${Quantity.toString(criticalValue)}), MAD = ${Quantity.toString(decimal(mad, 4))}.`,
      })
    }
    return drafts
  },
})
