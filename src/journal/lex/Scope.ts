/**
 * hledger's account-rewriting directives, as the parser applies them to the postings and
 * `account` directives that follow: `apply account PREFIX` … `end apply account` (nested ones
 * join their prefixes), then `alias OLD = NEW` (OLD itself or any account below it) and
 * `alias /REGEX/ = REPLACEMENT` (case-insensitive, `\1` for a group), the most recent alias first,
 * each seeing the result of the one before; `end aliases` forgets them all. As in hledger 1.25
 * they hold in the files included after them and end with the file that wrote them.
 */

/** One alias, as written. */
export type Alias =
  | { readonly _tag: 'Plain'; readonly from: string; readonly to: string }
  | { readonly _tag: 'Regex'; readonly pattern: RegExp; readonly replacement: string }

/** `OLD = NEW` or `/REGEX/ = REPLACEMENT` → an alias, or a reason it is not one. */
export const parseAlias = (text: string): Alias | string => {
  const equals = text.startsWith('/') ? text.indexOf('=', text.lastIndexOf('/')) : text.indexOf('=')
  if (equals === -1) return 'expected OLD = NEW or /REGEX/ = REPLACEMENT'
  const from = text.slice(0, equals).trim()
  const to = text.slice(equals + 1).trim()
  if (from === '') return 'the account to rename is missing'
  if (from.length >= 2 && from.startsWith('/') && from.endsWith('/')) {
    try {
      // hledger's `\1` group references become JavaScript's `$1`; a literal `$` stays one.
      const replacement = to.replace(/\$/gu, '$$$$').replace(/\\(\d)/gu, '$$$1')
      const pattern = new RegExp(from.slice(1, -1), 'giu')
      // V8 checks the syntax here but compiles on first use (once for one-byte and once for
      // two-byte strings), where a pattern too large to compile throws: compile both now, so such
      // a pattern is this directive's error, not a crash later.
      pattern.test('')
      pattern.test('\u0100')
      return { _tag: 'Regex', pattern, replacement }
    } catch {
      return `${from} is not a valid regular expression`
    }
  }
  return { _tag: 'Plain', from, to }
}

/** The account name after the prefixes of `apply account` and then the aliases (most recent first). */
export const resolveAccount = (
  account: string,
  prefixes: ReadonlyArray<string>,
  aliases: ReadonlyArray<Alias>,
): string => {
  let name = prefixes.length === 0 ? account : `${prefixes.join(':')}:${account}`
  for (let index = aliases.length - 1; index >= 0; index -= 1) {
    const alias = aliases[index] as Alias
    if (alias._tag === 'Plain') {
      if (name === alias.from) name = alias.to
      else if (name.startsWith(`${alias.from}:`)) name = `${alias.to}${name.slice(alias.from.length)}`
    } else {
      alias.pattern.lastIndex = 0
      name = name.replace(alias.pattern, alias.replacement)
    }
  }
  return name
}
