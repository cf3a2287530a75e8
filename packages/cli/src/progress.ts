/** What the progress line of `record` and `publish` shows. */
export type Progress = {
  readonly elapsedS: number;
  readonly bytes: number;
  readonly frames: number;
  /** Files written so far; shown from the second on. */
  readonly files?: readonly string[];
};

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** One progress line: elapsed, size, bitrate, frames (and files, when more than one). */
export function progressText(p: Progress): string {
  const s = Math.floor(p.elapsedS);
  const clock = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  const kbps = p.elapsedS > 0 ? (p.bytes * 8) / 1000 / p.elapsedS : 0;
  const files = p.files !== undefined && p.files.length > 1 ? `  ${p.files.length} files` : '';
  return `${clock}  ${formatBytes(p.bytes)}  ${kbps.toFixed(0)} kbit/s  ${p.frames} frames${files}`;
}

/** Seconds between two plain progress lines when the output is not a terminal (a log file). */
const PLAIN_EVERY_S = 5;

/** Back to the start of the line (`\r`), then EL, erase in line (ECMA-48 `ESC [ K`). */
const REDRAW = '\r\x1b[K';

/** Where a {@link StatusLine} writes: `process.stderr`, or a stand-in in tests. */
export type StatusStream = { readonly isTTY?: boolean; write(text: string): unknown };

/** What a {@link StatusLine} listens to for SIGINT and SIGTERM: `process`, or a stand-in in tests. */
export type SignalHost = {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
};

/**
 * The console of a long-running command (`record`, `publish`) on stderr. On a terminal the
 * progress line is redrawn in place; otherwise a plain line is written every 5 s. Ctrl-C
 * (SIGINT) or SIGTERM aborts {@link StatusLine.signal} so the command stops cleanly; a second
 * one exits 130 at once. {@link StatusLine.close} removes the signal handlers.
 */
export class StatusLine {
  readonly tty: boolean;
  readonly #stream: StatusStream;
  readonly #host: SignalHost;
  readonly #controller = new AbortController();
  /** A progress line is on screen without its newline. */
  #drawn = false;
  #lastPlainS = 0;
  #interrupts = 0;

  constructor(stream: StatusStream = process.stderr, host: SignalHost = process) {
    this.#stream = stream;
    this.#host = host;
    this.tty = stream.isTTY === true;
    host.on('SIGINT', this.#onSignal);
    host.on('SIGTERM', this.#onSignal);
  }

  /** Aborted on the first Ctrl-C or SIGTERM. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Shows `progress`: redrawn in place on a terminal, else a plain line each time 5 more seconds passed. */
  progress(progress: Progress): void {
    if (this.tty) {
      this.#stream.write(`${REDRAW}${progressText(progress)}`);
      this.#drawn = true;
    } else if (progress.elapsedS - this.#lastPlainS >= PLAIN_EVERY_S) {
      this.#lastPlainS = progress.elapsedS;
      this.#stream.write(`${progressText(progress)}\n`);
    }
  }

  /** Writes `text` (whole lines, each ending in `\n`), below the progress line when one is drawn. */
  print(text: string): void {
    this.#stream.write(`${this.#drawn ? '\n' : ''}${text}`);
    this.#drawn = false;
  }

  /** Stops listening for signals. */
  close(): void {
    this.#host.off('SIGINT', this.#onSignal);
    this.#host.off('SIGTERM', this.#onSignal);
  }

  readonly #onSignal = () => {
    if (++this.#interrupts > 1) {
      this.#host.exit(130);
      return;
    }
    // On a terminal `^C` was echoed where the cursor stood: start a fresh line whatever is drawn.
    this.#stream.write(this.tty ? '\nstopping (Ctrl-C again to quit at once)…\n' : 'stopping\n');
    this.#drawn = false;
    this.#controller.abort();
  };
}
