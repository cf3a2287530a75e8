import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ClientError, type MediaTransport } from '@rtspkit/client';

/** A mistake on the command line: exit code 2. */
export class UsageError extends Error {}

/** The options of a command, as `node:util` `parseArgs` takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` gives for `options` with positionals allowed: typed `values`, `positionals`. */
export type CommandLine<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>
>;

/** {@link parseCommand}'s answer: the checked arguments, or the exit code to return at once. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly exitCode: 0 | 2 };

/** True for the errors `parseArgs` throws on what a user typed (an unknown option, a missing value…). */
function isParseArgsError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | undefined)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * The command line of `rtspkit <command>`: parses `args` against `options` (positionals
 * allowed), prints `help` on stdout for `--help` (exit 0), and runs `check` on the result.
 * A `parseArgs` error or a {@link UsageError} thrown by `check` prints
 * `rtspkit <command>: <message>`, a blank line and `help` on stderr (exit 2). Any other
 * error is a bug and propagates.
 *
 * @example
 * const line = parseCommand('probe', HELP, args, { json: { type: 'boolean' }, help: { type: 'boolean' } }, ({ values, positionals }) => {
 *   if (positionals.length !== 1) throw new UsageError('probe wants one URL');
 *   return { url: positionals[0]!, json: values.json === true };
 * });
 * if (!line.ok) return line.exitCode;
 */
export function parseCommand<const O extends CommandOptions, T>(
  command: string,
  help: string,
  args: readonly string[],
  options: O,
  check: (line: CommandLine<O>) => T,
): Parsed<T> {
  try {
    const line = parseArgs({ args: [...args], allowPositionals: true, options });
    if ((line.values as Record<string, unknown>).help === true) {
      process.stdout.write(help);
      return { ok: false, exitCode: 0 };
    }
    return { ok: true, value: check(line) };
  } catch (e) {
    if (!(e instanceof UsageError || isParseArgsError(e))) throw e;
    process.stderr.write(`rtspkit ${command}: ${e.message}\n\n${help}`);
    return { ok: false, exitCode: 2 };
  }
}

/** `a`, `a or b`, `a, b or c`. */
function oneOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** What `--transport` accepts: UDP or TCP media, or the HTTP tunnel or WebSocket for the whole session. */
export const TRANSPORTS = ['udp', 'tcp', 'http', 'ws'] as const;
export type CliTransport = (typeof TRANSPORTS)[number];

/**
 * `--transport` checked against `allowed` (a command that supports fewer than
 * {@link TRANSPORTS} passes its subset); a {@link UsageError} naming the allowed values
 * otherwise.
 */
export function parseTransport<const T extends CliTransport = CliTransport>(
  value: string | undefined,
  allowed: readonly T[] = TRANSPORTS as readonly CliTransport[] as readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--transport wants ${oneOf(allowed)}, got ${JSON.stringify(value)}`);
}

/**
 * A number of seconds given to `--<option>`: more than 0 and at most `max`; a
 * {@link UsageError} otherwise, undefined when the option is absent.
 */
export function parseSeconds(
  option: string,
  value: string | undefined,
  max = Number.POSITIVE_INFINITY,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && n <= max)) throw new UsageError(`--${option} wants a number of seconds, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * The URL and media transport for `--transport`: `http` and `ws` turn `rtsp://` into
 * `rtsp+http://` or `rtsp+ws://` (`rtsps://` into the secure forms); `udp`/`tcp` choose the
 * media transport.
 */
export function connectOptions(
  url: string,
  transport: CliTransport | undefined,
): { url: string; transport?: MediaTransport } {
  if (transport === 'udp' || transport === 'tcp') return { url, transport };
  if (transport === undefined) return { url };
  const m = /^(rtsps?)(?:\+(?:http|ws))?:\/\//i.exec(url);
  if (!m) throw new UsageError(`--transport ${transport} wants an rtsp:// or rtsps:// URL, got ${safeUrl(url)}`);
  return { url: `${m[1]!.toLowerCase()}+${transport}://${url.slice(m[0].length)}`, transport: 'tcp' };
}

/** The client options `--transport` and `--insecure` ask for. */
export type ClientOptions = { url: string; transport?: MediaTransport; tls?: { insecure: true } };

/**
 * What `--transport` (checked against `allowed`, see {@link parseTransport}) and
 * `--insecure` (accept any TLS certificate) ask of the client for `url`, through
 * {@link connectOptions}.
 */
export function clientOptions(
  url: string,
  values: { readonly transport?: string | undefined; readonly insecure?: boolean | undefined },
  allowed: readonly CliTransport[] = TRANSPORTS,
): ClientOptions {
  const connect = connectOptions(url, parseTransport(values.transport, allowed));
  return values.insecure === true ? { ...connect, tls: { insecure: true } } : connect;
}

/** A client error as two lines: what happened (with the URL), and what to try. */
export function errorText(command: string, error: unknown): string {
  if (error instanceof ClientError)
    return `rtspkit ${command}: ${error.message}\n${error.hint ? `  try: ${error.hint}\n` : ''}`;
  return `rtspkit ${command}: ${error instanceof Error ? error.message : String(error)}\n`;
}

/** URL with the password hidden, for printing. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
