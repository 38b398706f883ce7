/**
 * Run-time guards of `loadText` and `loadFile` against JavaScript callers: the name, the text and the options are
 * checked for their kinds once per load, before anything is read, so a value of the wrong kind is the typed
 * `InvalidLoadInput` naming the argument instead of a `TypeError`.
 */
import { isRecord, kindOf } from '../core/Untyped.js'
import type { LoadError } from './Diagnostic.js'

const problem = (name: unknown, argument: string, expected: string, value: unknown): LoadError => ({
  _tag: 'InvalidLoadInput',
  path: typeof name === 'string' ? name : '<load>',
  argument,
  expected,
  actual: kindOf(value),
})

const optional = (value: unknown, test: (value: unknown) => boolean): boolean => value === undefined || test(value)
const isFunction = (value: unknown): boolean => typeof value === 'function'
const isCount = (value: unknown): boolean => typeof value === 'number' && !Number.isNaN(value)

/** The first argument of the wrong kind among the name, the text (when given) and the options, or undefined. */
export const checkLoadInput = (
  name: unknown,
  options: unknown,
  text?: { readonly value: unknown },
): LoadError | undefined => {
  if (typeof name !== 'string') return problem(name, 'name', 'a string', name)
  if (text !== undefined && typeof text.value !== 'string') return problem(name, 'text', 'a string', text.value)
  if (!isRecord(options)) return problem(name, 'options', 'an object with a fileSystem', options)
  const fileSystem = options.fileSystem
  if (!isRecord(fileSystem))
    return problem(name, 'options.fileSystem', 'a FileSystem (memoryFileSystem, nodeFileSystem)', fileSystem)
  for (const key of ['readText', 'size', 'resolve', 'canonical', 'isWithin', 'directoryOf'] as const) {
    if (!isFunction(fileSystem[key])) return problem(name, `options.fileSystem.${key}`, 'a function', fileSystem[key])
  }
  for (const key of ['readPieces', 'filesBelow'] as const) {
    if (!optional(fileSystem[key], isFunction))
      return problem(name, `options.fileSystem.${key}`, 'a function', fileSystem[key])
  }
  const checks: ReadonlyArray<readonly [string, (value: unknown) => boolean, string]> = [
    ['root', (value) => typeof value === 'string', 'a string'],
    ['bytesMax', isCount, 'a number'],
    ['pieces', isRecord, 'an object { fromBytes, bytes }'],
    ['streaming', (value) => typeof value === 'boolean', 'a boolean'],
    ['rootNames', (value) => value instanceof Map, 'a Map'],
    ['keepTransactions', (value) => typeof value === 'boolean', 'a boolean'],
    ['onProgress', isFunction, 'a function'],
    ['strict', (value) => typeof value === 'boolean', 'a boolean'],
    ['view', (value) => value === 'reported' || value === 'found', 'reported or found'],
  ]
  for (const [key, test, expected] of checks) {
    if (!optional(options[key], test)) return problem(name, `options.${key}`, expected, options[key])
  }
  const pieces = options.pieces as Readonly<Record<string, unknown>> | undefined
  if (pieces !== undefined) {
    for (const key of ['fromBytes', 'bytes'] as const) {
      if (!optional(pieces[key], isCount)) return problem(name, `options.pieces.${key}`, 'a number', pieces[key])
    }
  }
  return undefined
}
