import { type ChildProcess, spawn } from 'node:child_process';

export type RunOptions = {
  /** Hard limit; the process is killed by PID (SIGKILL) when it is reached. */
  readonly timeoutMs: number;
  readonly input?: Uint8Array | string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
};

export type RunResult = {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly timedOut: boolean;
};

/** Every child started here, so a crashed test run does not leave peers behind. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killChild(child);
});

function killChild(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs a program to completion with a hard time limit; never rejects on a non-zero exit. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killChild(child);
    }, options.timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      // Keep the tail only: a chatty peer must not grow memory without bound.
      err = (err + d.toString('utf8')).slice(-64 * 1024);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err, timedOut });
    });
    child.stdin.on('error', () => {
      // the peer may exit before reading its input
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** A long-running peer (a stand-in camera, a listening ffmpeg) that the test stops by PID. */
export type RunningProcess = {
  readonly pid: number;
  readonly child: ChildProcess;
  /** stdout and stderr so far (last 64 KiB), for assertions and failure messages. */
  output(): string;
  /** Resolves when the output matches `pattern`; rejects on exit or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code when the process ends, killing it after `timeoutMs`. */
  exited(timeoutMs: number): Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
};

export type StartOptions = {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Hard limit on the process's whole life; a safety net if a test forgets `stop()`. */
  readonly maxLifeMs?: number;
};

/** Starts a program in the background; the caller must `stop()` it (an afterAll hook). */
export function startProcess(command: string, args: readonly string[], options: StartOptions = {}): RunningProcess {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  live.add(child);
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    text = (text + d.toString('utf8')).slice(-64 * 1024);
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const done = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      live.delete(child);
      clearTimeout(lifeTimer);
      for (const w of waiters) w();
      resolve(code);
    });
  });
  const lifeTimer = setTimeout(() => killChild(child), options.maxLifeMs ?? 120_000);
  const pid = child.pid;
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  return {
    pid,
    child,
    output: () => text,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = text.match(pattern);
          if (m) finish(() => resolve(m));
          else if (gone()) finish(() => reject(new Error(`${command} exited before printing ${pattern}:\n${text}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${command} did not print ${pattern} within ${timeoutMs} ms:\n${text}`))),
          timeoutMs,
        );
        const finish = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    async exited(timeoutMs) {
      const timer = setTimeout(() => killChild(child), timeoutMs);
      const code = await done;
      clearTimeout(timer);
      return code;
    },
    async stop(graceMs = 3000) {
      if (gone()) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => killChild(child), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
}
