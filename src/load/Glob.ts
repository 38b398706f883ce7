/** `include` with a glob: which files a pattern names, through the file-system port. */
import type { FileSystem } from './FileSystem.js'

/** Whether an include path is a glob. */
export const isGlob = (path: string): boolean => /[*?[]/u.test(path)

/**
 * The files a glob names (hledger includes them in sorted order, each where the line stands) (`*` and `?` within one path segment, `[abc]` a class, `**` any depth),
 * sorted; undefined when the file-system port cannot list files.
 */
export const globMatches = (fileSystem: FileSystem, pattern: string): ReadonlyArray<string> | undefined => {
  if (fileSystem.filesBelow === undefined) return undefined
  const firstGlob = pattern.search(/[*?[]/u)
  const slash = pattern.lastIndexOf('/', firstGlob)
  const base = slash === -1 ? '' : pattern.slice(0, slash)
  let source = ''
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string
    if (character === '*' && pattern[index + 1] === '*') {
      source += pattern[index + 2] === '/' ? '(?:.*/)?' : '.*'
      index += pattern[index + 2] === '/' ? 2 : 1
    } else if (character === '*') source += '[^/]*'
    else if (character === '?') source += '[^/]'
    else if (character === '[') {
      const close = pattern.indexOf(']', index + 1)
      if (close === -1) source += '\\['
      else {
        source += `[${pattern.slice(index + 1, close).replace(/[\\\]]/gu, '\\$&')}]`
        index = close
      }
    } else source += character.replace(/[.+^${}()|\\]/gu, '\\$&')
  }
  const matcher = new RegExp(`^${source}$`, 'u')
  const files = fileSystem.filesBelow(base)
  if (files._tag === 'Left') return []
  return files.right.filter((path) => matcher.test(path)).sort()
}
