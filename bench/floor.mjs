#!/usr/bin/env node
// Raw-read floor for the benchmark: start Node, read FILE in 1 MiB chunks, decode
// it as UTF-8 (as any JavaScript parser has to) and count the newlines. No parsing.
// Prints the line count. This is the least that `node ... balance FILE` can cost.
//
//   node bench/floor.mjs FILE

import { closeSync, openSync, readSync } from 'node:fs'

const file = process.argv[2]
if (file === undefined) {
  process.stderr.write('usage: node bench/floor.mjs FILE\n')
  process.exit(2)
}

const fd = openSync(file, 'r')
const buf = Buffer.allocUnsafe(1 << 20)
const decoder = new TextDecoder('utf-8')
let lines = 0
let chars = 0
for (;;) {
  const got = readSync(fd, buf, 0, buf.length, null)
  if (got === 0) break
  const text = decoder.decode(buf.subarray(0, got), { stream: true })
  chars += text.length
  let i = text.indexOf('\n')
  while (i !== -1) {
    lines++
    i = text.indexOf('\n', i + 1)
  }
}
chars += decoder.decode().length
closeSync(fd)
process.stdout.write(`${lines} lines, ${chars} characters\n`)
