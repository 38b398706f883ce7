/** The order in which the loader applies dated entries: by date, file order among equal dates. */
import type * as Elaborate from '../journal/Elaborate.js'

/** The date an entry takes effect: a transaction's, an operation's or a count's date, a plan's first day. */
export const dateOf = (entry: Elaborate.DatedEntry): string => {
  switch (entry._tag) {
    case 'Transaction':
      return entry.input.date
    case 'Operation':
    case 'Count':
      return entry.syntax.date
    case 'Plan':
      return entry.syntax.period.start
  }
}

/** Sorts dated entries by date, keeping file order among equal dates. O(N) when already sorted. */
export const byDate = (entries: ReadonlyArray<Elaborate.DatedEntry>): ReadonlyArray<Elaborate.DatedEntry> => {
  let sorted = true
  for (let index = 1; index < entries.length && sorted; index++)
    sorted = dateOf(entries[index - 1] as Elaborate.DatedEntry) <= dateOf(entries[index] as Elaborate.DatedEntry)
  if (sorted) return entries
  return entries
    .map((entry, index) => ({ entry, index, date: dateOf(entry) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index))
    .map((item) => item.entry)
}
