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
