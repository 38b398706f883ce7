/**
 * Run-time guards of `reconcile` and `resolveParameters` against JavaScript callers and values built from untyped
 * data: the kinds of the input, the rules, the settings and the options, checked once per call (one step per rule,
 * setting, reported figure and override, never per posting) before anything is read, so a value of the wrong kind is
 * the typed `InvalidReconcileInput` naming its path instead of a `TypeError`.
 */
import { LocalDate } from '../core/index.js'
import { isRecord, kindOf } from '../core/Untyped.js'
import { isBooks } from '../domain/Books.js'
import { severities } from './Finding.js'

/** Where the bad value is (`rules.2.evaluate`), what it should be, and the kind found. */
export interface InputProblem {
  readonly path: string
  readonly expected: string
  readonly actual: string
}

const problem = (path: string, expected: string, value: unknown): InputProblem => ({
  path,
  expected,
  actual: kindOf(value),
})

const isDate = (value: unknown): boolean => typeof value === 'string' && LocalDate.fromString(value)._tag === 'Right'

const checkRule = (rule: unknown, path: string): InputProblem | undefined => {
  if (!isRecord(rule)) return problem(path, 'a rule (defineRule)', rule)
  if (typeof rule.id !== 'string') return problem(`${path}.id`, 'a string', rule.id)
  if (typeof rule.title !== 'string') return problem(`${path}.title`, 'a string', rule.title)
  if (typeof rule.evaluate !== 'function') return problem(`${path}.evaluate`, 'a function', rule.evaluate)
  if (!isRecord(rule.fields)) return problem(`${path}.fields`, 'an object of parameter codecs', rule.fields)
  if (!isRecord(rule.defaults)) return problem(`${path}.defaults`, 'an object', rule.defaults)
  const codec = rule.parameters as { readonly encode?: unknown } | null | undefined
  if (typeof codec !== 'object' || codec === null || typeof codec.encode !== 'function')
    return problem(`${path}.parameters`, 'an io-ts codec', rule.parameters)
  return undefined
}

const checkSetting = (setting: unknown, path: string): InputProblem | undefined => {
  if (!isRecord(setting)) return problem(path, 'a rule setting', setting)
  if (typeof setting.rule !== 'string') return problem(`${path}.rule`, 'a string', setting.rule)
  if (typeof setting.name !== 'string') return problem(`${path}.name`, 'a string', setting.name)
  if (!isRecord(setting.value) || typeof setting.value._tag !== 'string')
    return problem(`${path}.value`, 'a StatementValue', setting.value)
  if (setting.date !== undefined && !isDate(setting.date))
    return problem(`${path}.date`, 'a date (YYYY-MM-DD)', setting.date)
  return undefined
}

const each = (
  values: unknown,
  path: string,
  expected: string,
  check: (value: unknown, path: string) => InputProblem | undefined,
): InputProblem | undefined => {
  if (!Array.isArray(values)) return problem(path, expected, values)
  for (let index = 0; index < values.length; index++) {
    const found = check(values[index], `${path}.${index}`)
    if (found !== undefined) return found
  }
  return undefined
}

/** The arguments of `resolveParameters`: rules, settings, the as-of date and the overrides. */
export const checkParameterInput = (
  rules: unknown,
  settings: unknown,
  asOf: unknown,
  overrides: unknown,
  paths: { readonly settings: string; readonly asOf: string; readonly overrides: string } = {
    settings: 'settings',
    asOf: 'asOf',
    overrides: 'overrides',
  },
): InputProblem | undefined => {
  const found =
    each(rules, 'rules', 'an array of rules', checkRule) ??
    each(settings, paths.settings, 'an array of rule settings', checkSetting)
  if (found !== undefined) return found
  if (!isDate(asOf)) return problem(paths.asOf, 'a date (YYYY-MM-DD)', asOf)
  if (overrides === undefined) return undefined
  if (!(overrides instanceof Map)) return problem(paths.overrides, 'a Map of strings', overrides)
  for (const [key, value] of overrides) {
    if (typeof key !== 'string' || typeof value !== 'string')
      return problem(`${paths.overrides}.${String(key)}`, 'a string', typeof key !== 'string' ? key : value)
  }
  return undefined
}

/** The arguments of `reconcile`: the input record (books, reported figures, settings, as-of date), rules, options. */
export const checkReconcileInput = (input: unknown, rules: unknown, options: unknown): InputProblem | undefined => {
  if (!isRecord(input)) return problem('input', 'an object { books, reported, settings, asOf }', input)
  if (!isBooks(input.books)) return problem('input.books', 'books (Books.empty, a load or an import)', input.books)
  const reported = each(input.reported, 'input.reported', 'an array of reported figures', (figure, path) =>
    isRecord(figure) ? undefined : problem(path, 'a reported figure', figure),
  )
  if (reported !== undefined) return reported
  if (input.index !== undefined && !isRecord(input.index))
    return problem('input.index', 'a measures index or undefined', input.index)
  if (!isRecord(options)) return problem('options', 'an object', options)
  if (options.only !== undefined) {
    const only = each(options.only, 'options.only', 'an array of rule ids', (id, path) =>
      typeof id === 'string' ? undefined : problem(path, 'a string', id),
    )
    if (only !== undefined) return only
  }
  if (options.minSeverity !== undefined && !severities.includes(options.minSeverity as never))
    return problem('options.minSeverity', `one of ${severities.join(', ')}`, options.minSeverity)
  return checkParameterInput(rules, input.settings, input.asOf, options.overrides, {
    settings: 'input.settings',
    asOf: 'input.asOf',
    overrides: 'options.overrides',
  })
}
