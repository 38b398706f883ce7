/**
 * The interchange layer: the versioned table schema of the books and its writers (CSV, SQL,
 * hledger/ledger/beancount journals) and the CSV-with-rules import. Pure functions, text out;
 * the CLI and the load layer do the file writing, DuckDB runs in the CLI.
 */

export * as CsvRules from './CsvRules.js'
export * as Journals from './Journals.js'
export * as Schema from './Schema.js'
export * as Tabular from './Tabular.js'
