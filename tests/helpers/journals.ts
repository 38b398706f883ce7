/** Every `.journal` file under a directory, recursively. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const journalsUnder = (directory: string): string[] =>
  readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry)
    if (statSync(path).isDirectory()) return journalsUnder(path)
    return entry.endsWith('.journal') ? [path] : []
  })
