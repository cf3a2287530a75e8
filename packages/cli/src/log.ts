import type { LogEntry } from '@rtspkit/server';

export type LogLevel = LogEntry['level'];

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A log sink writing to stderr: entries at `level` and above, as JSON lines or as
 * `time level msg key=value…`.
 */
export function logger(level: LogLevel, json: boolean): (entry: LogEntry) => void {
  return (entry) => {
    if (RANK[entry.level] < RANK[level]) return;
    const time = new Date().toISOString();
    if (json) {
      process.stderr.write(`${JSON.stringify({ time, ...entry })}\n`);
      return;
    }
    const { level: l, msg, ...fields } = entry;
    const rest = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    process.stderr.write(`${time} ${l} ${msg}${rest ? ` ${rest}` : ''}\n`);
  };
}
