/** For run-time guards against untyped callers. Internal: not exported from the package. */

/** What a value that should have been text is, as the `text` of a typed error: `<a number>`, `<null>`, `<an array>`. */
export const notText = (value: unknown): string => {
  const kind =
    value === null
      ? 'null'
      : value === undefined
        ? 'undefined'
        : Array.isArray(value)
          ? 'an array'
          : `a ${typeof value}`
  return `<${kind}>`
}

/** What a value of the wrong kind is, for the `actual` of a typed input error: `a number`, `null`, `an array`. */
export const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : value === undefined
      ? 'undefined'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`

/** A plain record (not null, not an array). */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
