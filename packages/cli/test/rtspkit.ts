import { join } from 'node:path';
import { type RunResult, repoRoot, runProcess } from '@rtspkit/test-utils';

/** The built `rtspkit` command, run as a user runs it. */
export const cli = join(repoRoot, 'packages', 'cli', 'dist', 'index.js');

/** Runs `rtspkit …args` to its end; killed (by PID) after `timeoutMs`. */
export function rtspkit(args: readonly string[], timeoutMs = 60_000): Promise<RunResult> {
  return runProcess(process.execPath, [cli, ...args], { timeoutMs });
}

/** `arg` quoted for `sh -c`. */
const shellQuote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * Runs `rtspkit …args` on a pseudo-terminal (`script` of util-linux, in every Debian), as on a
 * user's terminal:
 * stdout and stderr are the same TTY, whose output (`\n` turned into `\r\n`) comes back
 * as `stdout`; `code` is the command's exit code. Killed (by PID) after `timeoutMs`.
 */
export function rtspkitOnTerminal(args: readonly string[], timeoutMs = 60_000): Promise<RunResult> {
  const command = [process.execPath, cli, ...args].map(shellQuote).join(' ');
  return runProcess('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    timeoutMs,
  });
}
