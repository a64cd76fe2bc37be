/**
 * What every subcommand of the one command-line program (scripts/cli/thidua.ts) shares: the exit codes,
 * option parsing with node:util parseArgs (strict, with the refusal said in Vietnamese), the
 * `--db` option, the usage text, and the one place that turns an error into its message and exit
 * code. A subcommand declares its options as data and a `run(values, positionals)`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DatabaseLockedError } from './db/client';
import { DEFAULT_DB_FILE } from './env';

/**
 * Exit codes (README «Command line»). A store held by another process (usually the web server)
 * is a failure like any refused request: 1, as the scripts and tests expect.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Wrong usage: its message (may be empty), then the subcommand's usage; exit code 2. */
export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The values parseArgs gives for these options. */
export type OptionValues<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];

export interface Command<O extends OptionsConfig = OptionsConfig> {
  /** The lines after «Cách dùng:» (`--db` and `--help` are added when the command takes them). */
  usage: string;
  options: O;
  /** Errors that are refusals worded for people: printed without a stack trace. */
  refusals?: (abstract new (...args: never[]) => Error)[];
  /** What to do instead when another process holds the store, after the «store is locked» message. */
  lockedAdvice?: string;
  run(values: OptionValues<O>, positionals: string[]): Promise<number>;
}

/** Keeps the option types of a command's `run` exact. */
export function defineCommand<const O extends OptionsConfig>(command: Command<O>): Command<O> {
  return command;
}

/** `--db PATH`: the store, for every command that opens one (lib/env.ts `dbPath` reads it). */
export const DB_OPTION = { db: { type: 'string' } } as const;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function usageText(command: Command): string {
  const common = [
    'db' in command.options ? `--db ĐƯỜNG_DẪN (mặc định: biến THIDUA_DB, nếu không có thì ${DEFAULT_DB_FILE})` : null,
    '--help (cách dùng này)',
  ].filter(Boolean);
  return `Cách dùng:\n${command.usage}\nTùy chọn chung: ${common.join(', ')}`;
}

/** parseArgs in strict mode; a refusal becomes a UsageError that names the option at fault. */
export function parseCommandArgs(name: string, command: Command, args: string[]) {
  const options = { ...command.options, ...HELP_OPTION };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw err;
    throw new UsageError(whyRefused(name, options, args));
  }
  for (const [option, value] of Object.entries(parsed.values as Record<string, unknown>)) {
    if (value === '') throw new UsageError(`Thiếu giá trị cho «--${option}».`);
  }
  return parsed;
}

/** parseArgs's own messages are English: find the token it refused and say why. */
function whyRefused(name: string, options: OptionsConfig, args: string[]): string {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = options[t.name];
    if (!spec) return `Tùy chọn không hợp lệ cho lệnh «${name}»: «${t.rawName}».`;
    if (spec.type === 'string' && t.value === undefined) return `Thiếu giá trị cho «--${t.name}».`;
    if (spec.type === 'string' && !t.inlineValue && t.value?.startsWith('-')) {
      return `Giá trị của «--${t.name}» bắt đầu bằng «-»: hãy ghi --${t.name}=${t.value}.`;
    }
    if (spec.type === 'boolean' && t.inlineValue) return `Tùy chọn «--${t.name}» không nhận giá trị.`;
  }
  return 'Tham số không hợp lệ.';
}

/** Parses, prints the usage on --help, runs; returns the exit code (errors are reported here). */
export async function runCommand(name: string, command: Command, args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(name, command, args);
    if (values.help) {
      process.stdout.write(`${usageText(command)}\n`);
      return EXIT.ok;
    }
    delete values.help;
    return await command.run(values, positionals);
  } catch (err) {
    return reportFailure(command, err);
  }
}

/** The one handler: wrong usage → 2; store locked or a refusal → its message, 1; anything else → its stack, 1. */
export function reportFailure(command: Command, err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message ? `${err.message}\n` : ''}${usageText(command)}\n`);
    return EXIT.usage;
  }
  if (err instanceof DatabaseLockedError) {
    process.stderr.write(`${err.message}${command.lockedAdvice ? `\n${command.lockedAdvice}` : ''}\n`);
    return EXIT.failed;
  }
  const refusal = command.refusals?.some((kind) => err instanceof kind);
  process.stderr.write(`Lỗi: ${refusal ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
  return EXIT.failed;
}
