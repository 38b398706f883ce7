/** `include` with a glob: which files a pattern names, through the file-system port. */
import type { FileSystem } from './FileSystem.js'

/** Whether an include path is a glob. */
export const isGlob = (path: string): boolean => /[*?[]/u.test(path)

/** A regular-expression character, escaped wherever it could mean more than itself inside a class. */
const classCharacter = (character: string): string => character.replace(/[\\\][^-]/gu, '\\$&')

/**
 * A glob class (`[abc]`, `[a-z]`, `[!x]`) as a regular-expression class: `!` or `^` first negates;
 * `a-z` is a range only when its ends are in order, otherwise its three characters stand for
 * themselves (so no pattern a user writes can make an invalid regular expression).
 */
const classSource = (body: string): string => {
  const characters = [...body]
  let source = ''
  let index = 0
  if (characters[0] === '!' || characters[0] === '^') {
    source += '^'
    index = 1
  }
  for (; index < characters.length; index++) {
    const from = characters[index] as string
    const to = characters[index + 2]
    if (
      characters[index + 1] === '-' &&
      to !== undefined &&
      (from.codePointAt(0) as number) <= (to.codePointAt(0) as number)
    ) {
      source += `${classCharacter(from)}-${classCharacter(to)}`
      index += 2
    } else source += classCharacter(from)
  }
  return source === '' || source === '^' ? '(?!)' : `[${source}]`
}

/**
 * The files a glob names (hledger includes them in sorted order, each where the line stands) (`*` and `?` within one
 * path segment, `[abc]` a class, `**` any depth),
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
        source += classSource(pattern.slice(index + 1, close))
        index = close
      }
    } else source += character.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')
  }
  const matcher = new RegExp(`^${source}$`, 'u')
  const files = fileSystem.filesBelow(base)
  if (files._tag === 'Left') return []
  return files.right.filter((path) => matcher.test(path)).sort()
}
