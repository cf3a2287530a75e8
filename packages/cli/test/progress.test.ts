import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Progress, progressText, type SignalHost, StatusLine } from '../src/progress.js';

describe('progressText', () => {
  const cases: { name: string; progress: Progress; text: string }[] = [
    {
      name: 'record, one file',
      progress: { elapsedS: 65.4, bytes: 2 * 1024 * 1024, frames: 1962, files: ['a.mp4'] },
      text: '01:05  2.0 MiB  257 kbit/s  1962 frames',
    },
    {
      name: 'publish (no files)',
      progress: { elapsedS: 10.2, frames: 770, bytes: 742_700 },
      text: '00:10  725.3 KiB  583 kbit/s  770 frames',
    },
    {
      name: 'record, segments',
      progress: { elapsedS: 3723, bytes: 10 * 1024 * 1024, frames: 9, files: ['a-000.mp4', 'a-001.mp4'] },
      text: '62:03  10.0 MiB  23 kbit/s  9 frames  2 files',
    },
    {
      name: 'at the start',
      progress: { elapsedS: 0, bytes: 0, frames: 0 },
      text: '00:00  0.0 KiB  0 kbit/s  0 frames',
    },
  ];
  for (const c of cases) it(c.name, () => expect(progressText(c.progress)).toBe(c.text));
});

/** A stream that keeps what is written, as a terminal (`isTTY`) or a pipe. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

/** A stand-in for `process`: its SIGINT/SIGTERM listeners, and the exit codes asked for. */
function host() {
  const listeners = new Set<() => void>();
  const exits: number[] = [];
  const h: SignalHost & { listeners: Set<() => void>; exits: number[]; raise(): void } = {
    listeners,
    exits,
    on: (_signal, listener) => listeners.add(listener),
    off: (_signal, listener) => listeners.delete(listener),
    exit: (code) => exits.push(code),
    raise: () => {
      for (const l of [...listeners]) l();
    },
  };
  return h;
}

const at = (elapsedS: number, frames = 0): Progress => ({ elapsedS, bytes: 0, frames });

/**
 * What a terminal shows for `output`: `\r` goes back to column 0, `ESC [ K` erases from the
 * cursor to the end of the line, `\n` starts a new line (with the tty's onlcr, as a pty does).
 */
function screen(output: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let col = 0;
  for (let i = 0; i < output.length; i++) {
    const ch = output[i]!;
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      lines.push(line.join(''));
      line = [];
      col = 0;
    } else if (output.startsWith('\x1b[K', i)) {
      line = line.slice(0, col);
      i += 2;
    } else line[col++] = ch;
  }
  return [...lines, line.join('')];
}

describe('StatusLine', () => {
  it('redraws the progress line in place on a terminal; print starts below it', () => {
    const out = stream(true);
    const status = new StatusLine(out, host());
    status.print('recording rtsp://cam/live to a.mp4\n');
    status.progress(at(0.5, 10));
    status.progress(at(1, 25));
    status.print('wrote a.mp4\n');
    expect(out.written.join('')).toBe(
      'recording rtsp://cam/live to a.mp4\n' +
        '\r\x1b[K00:00  0.0 KiB  0 kbit/s  10 frames' +
        '\r\x1b[K00:01  0.0 KiB  0 kbit/s  25 frames' +
        '\nwrote a.mp4\n',
    );
    expect(screen(out.written.join(''))).toEqual([
      'recording rtsp://cam/live to a.mp4',
      '00:01  0.0 KiB  0 kbit/s  25 frames',
      'wrote a.mp4',
      '',
    ]);
  });

  it('prints no blank line on a terminal when no progress is drawn', () => {
    const out = stream(true);
    const status = new StatusLine(out, host());
    status.print('recording\n');
    status.print('rtspkit record: connection refused\n');
    expect(out.written.join('')).toBe('recording\nrtspkit record: connection refused\n');
  });

  it('writes a plain line each time 5 more seconds passed when not a terminal', () => {
    const out = stream(false);
    const status = new StatusLine(out, host());
    for (const s of [0.5, 4.9, 5, 7.5, 9.9, 10.1, 14.9, 15.2]) status.progress(at(s, Math.round(s * 10)));
    status.print('wrote a.mp4\n');
    expect(out.written).toEqual([
      '00:05  0.0 KiB  0 kbit/s  50 frames\n',
      '00:10  0.0 KiB  0 kbit/s  101 frames\n',
      '00:15  0.0 KiB  0 kbit/s  152 frames\n',
      'wrote a.mp4\n',
    ]);
  });

  for (const tty of [true, false]) {
    it(`stops on the first signal and exits 130 on the second (${tty ? 'terminal' : 'pipe'})`, () => {
      const out = stream(tty);
      const signals = host();
      const status = new StatusLine(out, signals);
      expect(signals.listeners.size).toBeGreaterThan(0);
      status.progress(at(6, 1));
      out.written.length = 0;
      signals.raise();
      expect(status.signal.aborted).toBe(true);
      expect(signals.exits).toEqual([]);
      expect(out.written).toEqual([tty ? '\nstopping (Ctrl-C again to quit at once)…\n' : 'stopping\n']);
      // The stopping line ended the progress line: the summary needs no newline of its own.
      status.print('wrote a.mp4\n');
      expect(out.written.at(-1)).toBe('wrote a.mp4\n');
      signals.raise();
      expect(signals.exits).toEqual([130]);
      status.close();
      expect(signals.listeners.size).toBe(0);
    });
  }

  it('on a terminal, shows every printed line in order and the last progress of each run', () => {
    const text = fc.stringMatching(/^[a-z0-9 :./]{0,20}$/);
    const op = fc.oneof(
      fc.record({ progress: fc.record({ elapsedS: fc.nat(10_000), bytes: fc.nat(), frames: fc.nat() }) }),
      fc.record({ print: fc.array(text, { minLength: 1, maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const out = stream(true);
        const status = new StatusLine(out, host());
        const expected: string[] = [];
        let drawn: string | undefined;
        for (const o of ops) {
          if ('progress' in o) {
            status.progress(o.progress);
            drawn = progressText(o.progress);
          } else {
            status.print(o.print.map((l) => `${l}\n`).join(''));
            if (drawn !== undefined) expected.push(drawn);
            expected.push(...o.print);
            drawn = undefined;
          }
        }
        status.close();
        expect(screen(out.written.join(''))).toEqual([...expected, drawn ?? '']);
      }),
    );
  });
});
