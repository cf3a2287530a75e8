import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../src/command.js';
import { main } from '../src/main.js';
import {
  type ClientOptions,
  clientOptions,
  parseCommand,
  parseSeconds,
  parseTransport,
  TRANSPORTS,
  UsageError,
} from '../src/usage.js';

/** What a command wrote on stdout and stderr while a test ran. */
function captureOutput() {
  const out = { stdout: '', stderr: '' };
  beforeEach(() => {
    out.stdout = '';
    out.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      out.stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return out;
}

/** A usage error as printed, `rtspkit <command>: <message>`, a blank line, the help; undefined when it is not that. */
function usageError(command: string, stderr: string): { message: string; help: string } | undefined {
  const prefix = `rtspkit ${command}: `;
  const blank = stderr.indexOf('\n\n');
  if (!stderr.startsWith(prefix) || blank < 0) return undefined;
  return { message: stderr.slice(prefix.length, blank), help: stderr.slice(blank + 2) };
}

const HELP = 'usage: rtspkit demo URL [--seconds S] [--json]\n';
const OPTIONS = {
  seconds: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A command that wants one URL, like `probe`. */
const demo = (args: readonly string[]) =>
  parseCommand('demo', HELP, args, OPTIONS, ({ values, positionals }) => {
    if (positionals.length !== 1) throw new UsageError('demo wants one URL');
    return { url: positionals[0], seconds: parseSeconds('seconds', values.seconds) ?? 3, json: values.json === true };
  });

describe('parseCommand', () => {
  const out = captureOutput();

  const cases: {
    name: string;
    args: string[];
    value?: unknown;
    exitCode?: 0 | 2;
    stdout?: string;
    /** The message between `rtspkit demo: ` and the help. */
    message?: RegExp;
  }[] = [
    { name: 'valid', args: ['rtsp://h/x', '--json'], value: { url: 'rtsp://h/x', seconds: 3, json: true } },
    {
      name: 'valid with a value',
      args: ['--seconds', '2.5', 'rtsp://h/x'],
      value: { url: 'rtsp://h/x', seconds: 2.5, json: false },
    },
    { name: '--help', args: ['--help'], exitCode: 0, stdout: HELP },
    { name: '-h', args: ['-h'], exitCode: 0, stdout: HELP },
    // --help wins over what check would refuse, not over what parseArgs refuses.
    { name: '--help with no URL and a bad value', args: ['--help', '--seconds', 'soon'], exitCode: 0, stdout: HELP },
    {
      name: 'unknown option',
      args: ['rtsp://h/x', '--frobnicate'],
      exitCode: 2,
      message: /^Unknown option '--frobnicate'/,
    },
    { name: 'unknown option before --help', args: ['--frobnicate', '--help'], exitCode: 2, message: /^Unknown option/ },
    {
      name: 'option without its value',
      args: ['rtsp://h/x', '--seconds'],
      exitCode: 2,
      message: /^Option '--seconds <value>' argument missing$/,
    },
    {
      name: 'value given to a flag',
      args: ['rtsp://h/x', '--json=yes'],
      exitCode: 2,
      message: /^Option '--json' does not take an argument$/,
    },
    { name: 'missing positional', args: [], exitCode: 2, message: /^demo wants one URL$/ },
    { name: 'extra positional', args: ['rtsp://h/x', 'rtsp://h/y'], exitCode: 2, message: /^demo wants one URL$/ },
    {
      name: 'bad value',
      args: ['rtsp://h/x', '--seconds', 'soon'],
      exitCode: 2,
      message: /^--seconds wants a number of seconds, got "soon"$/,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = demo(c.args);
      if (c.value !== undefined) {
        expect(r).toEqual({ ok: true, value: c.value });
        expect(out.stdout + out.stderr).toBe('');
        return;
      }
      expect(r).toEqual({ ok: false, exitCode: c.exitCode });
      expect(out.stdout).toBe(c.stdout ?? '');
      if (c.message === undefined) {
        expect(out.stderr).toBe('');
        return;
      }
      const error = usageError('demo', out.stderr);
      expect(error?.message).toMatch(c.message);
      expect(error?.help).toBe(HELP);
    });
  }

  it('lets any other error from check through: it is a bug, not a usage error', () => {
    const bug = new TypeError('undefined is not a function');
    expect(() =>
      parseCommand('demo', HELP, ['x'], OPTIONS, () => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(out.stdout + out.stderr).toBe('');
  });
});

describe('every command parses through parseCommand', () => {
  const out = captureOutput();

  for (const name of Object.keys(COMMANDS)) {
    it(`${name} --help exits 0 with its help on stdout; an unknown option exits 2 with it on stderr`, async () => {
      expect(await main([name, '--help'])).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^usage: rtspkit ${name} `));
      expect(out.stderr).toBe('');
      const help = out.stdout;
      out.stdout = '';
      expect(await main([name, '--frobnicate'])).toBe(2);
      expect(out.stdout).toBe('');
      const error = usageError(name, out.stderr);
      expect(error?.message).toMatch(/^Unknown option '--frobnicate'/);
      expect(error?.help).toBe(help);
    });
  }
});

describe('parseTransport', () => {
  const cases: {
    value: string | undefined;
    allowed?: readonly string[];
    result?: string | undefined;
    error?: string;
  }[] = [
    { value: undefined, result: undefined },
    ...TRANSPORTS.map((t) => ({ value: t, result: t })),
    { value: 'tcp', allowed: ['udp', 'tcp'], result: 'tcp' },
    { value: 'TCP', error: '--transport wants udp, tcp, http or ws, got "TCP"' },
    { value: 'smoke', error: '--transport wants udp, tcp, http or ws, got "smoke"' },
    { value: 'http', allowed: ['udp', 'tcp'], error: '--transport wants udp or tcp, got "http"' },
    { value: 'ws', allowed: ['tcp'], error: '--transport wants tcp, got "ws"' },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.value)} of ${c.allowed?.join('|') ?? 'all'}: ${c.error ?? JSON.stringify(c.result)}`, () => {
      const parse = () =>
        c.allowed === undefined
          ? parseTransport(c.value)
          : parseTransport(c.value, c.allowed as readonly (typeof TRANSPORTS)[number][]);
      if (c.error === undefined) expect(parse()).toBe(c.result);
      else expect(parse).toThrow(new UsageError(c.error));
    });
  }
});

describe('parseSeconds', () => {
  const cases: { value: string | undefined; max?: number; result?: number | undefined; error?: boolean }[] = [
    { value: undefined, result: undefined },
    { value: '5', result: 5 },
    { value: '0.5', result: 0.5 },
    { value: '3600', max: 3600, result: 3600 },
    { value: '3601', max: 3600, error: true },
    { value: '0', error: true },
    { value: '-1', error: true },
    { value: '', error: true },
    { value: 'NaN', error: true },
    { value: 'ten', error: true },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.value)}${c.max === undefined ? '' : ` up to ${c.max}`}`, () => {
      const parse = () => parseSeconds('duration', c.value, c.max);
      if (c.error === true)
        expect(parse).toThrow(new UsageError(`--duration wants a number of seconds, got ${JSON.stringify(c.value)}`));
      else expect(parse()).toBe(c.result);
    });
  }
});

describe('clientOptions', () => {
  const cases: {
    url: string;
    values: { transport?: string; insecure?: boolean };
    allowed?: readonly (typeof TRANSPORTS)[number][];
    result?: ClientOptions;
    error?: string;
  }[] = [
    { url: 'rtsp://cam/live', values: {}, result: { url: 'rtsp://cam/live' } },
    { url: 'rtsp://cam/live', values: { transport: 'udp' }, result: { url: 'rtsp://cam/live', transport: 'udp' } },
    {
      url: 'rtsps://cam/live',
      values: { transport: 'ws', insecure: true },
      result: { url: 'rtsps+ws://cam/live', transport: 'tcp', tls: { insecure: true } },
    },
    { url: 'rtsp://cam/live', values: { insecure: false }, result: { url: 'rtsp://cam/live' } },
    {
      url: 'rtsp://cam/live',
      values: { transport: 'tcp' },
      allowed: ['udp', 'tcp'],
      result: { url: 'rtsp://cam/live', transport: 'tcp' },
    },
    { url: 'rtsp://cam/live', values: { transport: 'http' }, allowed: ['udp', 'tcp'], error: 'wants udp or tcp' },
    {
      url: 'http://u:pw@cam/live',
      values: { transport: 'http' },
      error: 'wants an rtsp:// or rtsps:// URL, got http://u:***@cam/live',
    },
  ];
  for (const c of cases) {
    it(`${c.url} ${JSON.stringify(c.values)}${c.allowed ? ` of ${c.allowed.join('|')}` : ''}`, () => {
      const options = () => clientOptions(c.url, c.values, c.allowed);
      if (c.error === undefined) expect(options()).toEqual(c.result);
      else expect(options).toThrow(c.error);
    });
  }
});
