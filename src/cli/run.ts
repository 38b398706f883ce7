/**
 * The commands, built with commander. `run(argv, io)` returns the exit code instead of exiting,
 * so tests drive the CLI in-process.
 */
import cliProgress from 'cli-progress'
import { Command, CommanderError, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import pc from 'picocolors'
import type { View } from '../domain/Views.js'
import * as Diagnostic from '../load/Diagnostic.js'
import * as Load from '../load/Load.js'
import { nodeFileSystem, nodeFileSystemWith } from '../load/NodeFileSystem.js'
import { nodeWriteFileSystem } from '../load/NodeWriteFileSystem.js'
import { commands } from './commands.js'
import { type Context, exitCodes, type Io, UsageError } from './common.js'

export { type Context, defaultLedger, exitCodes, type Io, UsageError } from './common.js'

const ioTags: ReadonlySet<string> = new Set(['FileNotFound', 'FileUnreadable', 'NotAFile'])

const colour = (io: Io) => (io.isTerminal ? pc : pc.createColors(false))

const renderDiagnostic = (io: Io, diagnostic: Diagnostic.Diagnostic, sources: ReadonlyMap<string, string>): string => {
  const text = Diagnostic.render(diagnostic, sources)
  const paint = colour(io)
  return text.replace(
    `${diagnostic.severity}:`,
    diagnostic.severity === 'error' ? paint.red(paint.bold('error:')) : paint.yellow('warning:'),
  )
}

/** How long a load runs before the progress bar shows (shorter loads never show one). */
const progressAfterMs = 1000

/**
 * A progress bar on stderr for a long load: only when stderr is a terminal, and only once the
 * load has taken `progressAfterMs`. `stop` clears it (the output stays clean).
 */
const progressBar = (
  io: Io,
): { readonly onProgress: (done: number, total: number) => void; readonly stop: () => void } | undefined => {
  if (!io.isTerminal) return undefined
  const started = Date.now()
  let bar: cliProgress.SingleBar | undefined
  const mib = (bytes: number): string => (bytes / 1048576).toFixed(0)
  // cli-progress writes to a stream; this one writes through the Io port.
  const stream = {
    isTTY: true,
    write: (text: string): boolean => {
      io.stderr(text)
      return true
    },
  } as unknown as NodeJS.WritableStream
  return {
    onProgress: (done, total) => {
      if (bar === undefined) {
        if (Date.now() - started < progressAfterMs || done >= total) return
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'loading [{bar}] {percentage}% | {doneMiB}/{totalMiB} MiB | {eta_formatted} left',
            clearOnComplete: true,
            hideCursor: true,
            barsize: 30,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, done, { doneMiB: mib(done), totalMiB: mib(total) })
        return
      }
      bar.setTotal(total)
      bar.update(done, { doneMiB: mib(done), totalMiB: mib(total) })
    },
    stop: () => bar?.stop(),
  }
}

/** The name standard input goes by in diagnostics and spans. */
const stdinName = '<stdin>'

const readStandardInput = (io: Io): string | undefined => {
  try {
    if (io.readStdin === undefined) throw new Error('no standard input')
    return io.readStdin()
  } catch (error) {
    io.stderr(`error: cannot read standard input (${error instanceof Error ? error.message : String(error)})\n`)
    return undefined
  }
}

/**
 * A bare `--forecast` takes no value (hledger: only `--forecast=PERIOD` does), so the next word stays a file or query
 * term.
 */
const bareForecast = (argv: ReadonlyArray<string>): ReadonlyArray<string> =>
  argv.map((word) => (word === '--forecast' ? '--forecast=' : word))

const makeContext = (io: Io): Context => {
  const context: Context = {
    io,
    exitCode: exitCodes.ok,
    writeFileSystem: io.writeFileSystem ?? nodeWriteFileSystem,
    fileSystem: () =>
      io.fileSystem ??
      (context.encoding === undefined ? nodeFileSystem : nodeFileSystemWith({ encoding: context.encoding })),
    load: (file, loadOptions) => {
      const progress = progressBar(io)
      let result: ReturnType<typeof Load.loadFile>
      try {
        const options: Load.LoadOptions = {
          fileSystem: context.fileSystem(),
          bytesMax: Load.localJournalBytesMax,
          ...(context.root !== undefined ? { root: context.root } : {}),
          ...(context.strict === true ? { strict: true } : {}),
          ...(context.view !== undefined ? { view: context.view } : {}),
          ...(progress !== undefined ? { onProgress: progress.onProgress } : {}),
          ...(loadOptions?.keepTransactions === false ? { keepTransactions: false } : {}),
        }
        if (file === '-') {
          // `-f -`, as in hledger: the journal is standard input; its includes are relative to the working directory.
          const text = readStandardInput(io)
          if (text === undefined) {
            context.exitCode = exitCodes.io
            return undefined
          }
          result = Load.loadText(stdinName, text, options)
        } else result = Load.loadFile(file, options)
      } finally {
        progress?.stop()
      }
      if (E.isLeft(result)) {
        io.stderr(
          result.left.diagnostics
            .map((diagnostic) => renderDiagnostic(io, diagnostic, result.left.sources))
            .join('\n\n') + `\n`,
        )
        const errors = result.left.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
        context.exitCode =
          errors.length > 0 && errors.every((diagnostic) => ioTags.has(diagnostic.tag)) ? exitCodes.io : exitCodes.data
        return undefined
      }
      for (const warning of result.right.warnings) io.stderr(`${renderDiagnostic(io, warning, result.right.sources)}\n`)
      return result.right
    },
    printDiagnostics: (diagnostics, sources) =>
      io.stderr(`${diagnostics.map((diagnostic) => renderDiagnostic(io, diagnostic, sources)).join('\n\n')}\n`),
  }
  return context
}

export const buildProgram = (context: Context): Command => {
  const program = new Command()
  program
    .name('shadow-ledger')
    .description(
      'An exact double-entry shadow ledger: money books and physical books side by side, reconciled with evidence.',
    )
    .version('0.1.0', '--version', 'output the version number')
    .option('-f, --file <FILE>', 'the journal file (as hledger users type it)')
    .option('--root <DIR>', 'confine includes to this directory (for journals you do not trust)')
    .addOption(
      new Option(
        '--view <VIEW>',
        'read the books as the plant reported them or as found (restatements and `view: found` ' +
          'transactions); default found',
      ).choices(['reported', 'found']),
    )
    .option(
      '--encoding <LABEL>',
      'read journals in this encoding (windows-1251, latin1, utf-16le, …) instead of strict UTF-8',
    )
    .option('--strict', 'reject accounts and commodities without an account or commodity declaration')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .exitOverride()
    .hook('preAction', () => {
      const { root, strict, encoding } = program.opts() as { root?: string; strict?: boolean; encoding?: string }
      if (root !== undefined) context.root = root
      if (strict === true) context.strict = true
      const view = (program.opts() as { view?: View }).view
      if (view !== undefined) context.view = view
      if (encoding !== undefined) context.encoding = encoding
    })

  for (const register of commands) register(program, context)

  return program
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export const run = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const context = makeContext(io)
  const program = buildProgram(context)
  try {
    await program.parseAsync([...bareForecast(argv)], { from: 'user' })
    return context.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return exitCodes.ok
      return exitCodes.usage
    }
    if (error instanceof UsageError) {
      io.stderr(`${colour(io).red(colour(io).bold('error:'))} ${error.message}\n`)
      return exitCodes.usage
    }
    // A bug, not bad input: say so plainly, with the stack for the report.
    io.stderr(
      `internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return 70
  }
}
