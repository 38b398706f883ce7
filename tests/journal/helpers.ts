import { expect } from 'vitest'
import { type Node, type ParseError, type ParseResult, parse } from '../../src/journal/index.js'

/** Joins template lines; lets tests write journals inline (as beancount's `load_doc` does). */
export const journal = (strings: TemplateStringsArray, ...values: ReadonlyArray<unknown>): string =>
  String.raw({ raw: strings }, ...values)

/** Parses and asserts that there were no errors. */
export const parseOk = (text: string): ReadonlyArray<Node> => {
  const result = parse('test.journal', text)
  expect(result.errors).toEqual([])
  return result.nodes
}

/** Parses and returns the errors. */
export const parseErrors = (text: string): ReadonlyArray<ParseError> => parse('test.journal', text).errors

/** The single error of a text. */
export const onlyError = (text: string): ParseError => {
  const errors = parseErrors(text)
  expect(errors).toHaveLength(1)
  return errors[0] as ParseError
}

/** The first node with a given tag. */
export const first = <Tag extends Node['_tag']>(nodes: ReadonlyArray<Node>, tag: Tag): Extract<Node, { _tag: Tag }> => {
  const node = nodes.find((candidate) => candidate._tag === tag)
  expect(node, `a ${tag} node`).toBeDefined()
  return node as Extract<Node, { _tag: Tag }>
}

/** Removes every `span` field (deeply), to compare meaning rather than position. */
export const stripSpans = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripSpans)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) if (key !== 'span') out[key] = stripSpans(field)
    return out
  }
  return value
}

export type { ParseResult }
