import { join } from 'node:path';
import { type RunResult, repoRoot, runProcess, startProcess } from '@rtspkit/test-utils';

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

/**
 * Runs `rtspkit …args` (a `record` or `publish`, not on a terminal), waits for its first
 * plain progress line (after 5 s), sends SIGINT as Ctrl-C does and resolves with its output
 * once it exited 0. Bounded: 30 s for the progress line, 20 s to stop; killed by PID after.
 */
export async function interruptAfterProgress(args: readonly string[]): Promise<string> {
  const proc = startProcess(process.execPath, [cli, ...args], { maxLifeMs: 60_000 });
  try {
    await proc.waitForOutput(/frames\n/, 30_000);
    process.kill(proc.pid, 'SIGINT');
    const code = await proc.exited(20_000);
    if (code !== 0) throw new Error(`rtspkit ${args[0]} exited ${code} after SIGINT, expected 0:\n${proc.output()}`);
    return proc.output();
  } finally {
    await proc.stop();
  }
}
