import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffprobe, missingPeers, repoRoot, startProcess } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { mountLines, parseMount } from '../src/commands/serve.js';
import { main } from '../src/main.js';
import { findPlayerPage } from '../src/player-page.js';

const cli = join(repoRoot, 'packages', 'cli', 'dist', 'index.js');
const playerBundle = join(repoRoot, 'packages', 'player', 'dist', 'rtspkit-player.js');

/** `/` is the player's demo page around the mount list, and `/player.js` the built bundle. */
async function expectPlayerPage(port: string) {
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await page.text();
  expect(html).toContain("from './player.js'");
  expect(html).toContain(`ffmpeg -rtsp_transport tcp -i rtsp://127.0.0.1:${port}/sample-high`);
  const script = await fetch(`http://127.0.0.1:${port}/player.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(script.headers.get('etag')).toMatch(/^"/);
  // fetch asks for gzip and decodes it: the bytes are the built bundle's
  expect(Buffer.from(await script.arrayBuffer()).equals(readFileSync(playerBundle))).toBe(true);
}

describe('rtspkit dispatcher', () => {
  it('exits 2 on an unknown command and without one', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main([])).toBe(2);
    expect(await main(['--help'])).toBe(0);
  });

  it('exits 2 on a bad serve option', async () => {
    expect(await main(['serve', '--port', 'x'])).toBe(2);
    expect(await main(['serve', '--mount', 'nopath'])).toBe(2);
    expect(await main(['serve', '--udp-ports', '9-1'])).toBe(2);
    expect(await main(['serve', '--tls', 'maybe'])).toBe(2);
    expect(await main(['serve', '--tls-cert', 'a.pem'])).toBe(2);
  });
});

describe('serve options', () => {
  it('parses --mount specs', () => {
    expect(parseMount('/cam=a.h264,b.aac')).toEqual(['/cam', ['a.h264', 'b.aac']]);
    expect(parseMount('/a/b=v.h265')).toEqual(['/a/b', ['v.h265']]);
    for (const bad of ['cam=a.h264', '/cam=', '/cam', '']) expect(() => parseMount(bad)).toThrow(/--mount/);
  });

  it('prints every URL with commands for FFmpeg, GStreamer and WebSocket per mount', () => {
    const plain = mountLines('/sample', '127.0.0.1', 8554, false).join('\n');
    for (const text of [
      'rtsp://127.0.0.1:8554/sample',
      'ffmpeg -rtsp_transport udp -i rtsp://127.0.0.1:8554/sample',
      'ffmpeg -rtsp_transport http -i rtsp://127.0.0.1:8554/sample',
      'rtspsrc location=rtsp://127.0.0.1:8554/sample',
      'rtspsrc location=rtsph://127.0.0.1:8554/sample',
      'ws://127.0.0.1:8554/sample',
    ]) {
      expect(plain).toContain(text);
    }
    expect(plain).not.toContain('rtsps://');
    const tls = mountLines('/sample', '127.0.0.1', 8554, true).join('\n');
    for (const text of ['rtsps://127.0.0.1:8554/sample', '-rtsp_transport https', 'wss://127.0.0.1:8554/sample']) {
      expect(tls).toContain(text);
    }
  });
});

describe('findPlayerPage', () => {
  const player = join(repoRoot, 'packages', 'player');
  const files: Record<string, string> = {
    '@rtspkit/player/bundle': join(player, 'dist', 'rtspkit-player.js'),
    '@rtspkit/player/package.json': join(player, 'package.json'),
    '@rtspkit/player/demo.html': join(player, 'demo', 'index.html'),
  };
  const resolver = (map: Record<string, string>) => (specifier: string) => {
    const path = map[specifier];
    if (path === undefined) throw new Error(`Cannot find package '${specifier}'`);
    return `file://${path}`;
  };

  it('reads the bundle and the demo page an installed package resolves to', () => {
    const r = findPlayerPage(resolver(files));
    expect(r.ok && r.bundlePath).toBe(files['@rtspkit/player/bundle']);
    expect(r.ok && r.player.page).toContain(`from './player.js'`);
    expect(r.ok && Buffer.from(r.player.script).equals(readFileSync(playerBundle))).toBe(true);
  });

  it("takes the package's built bundle when the source condition resolves the entry to TypeScript", () => {
    const r = findPlayerPage(resolver({ ...files, '@rtspkit/player/bundle': join(player, 'src', 'index.ts') }));
    expect(r.ok && r.bundlePath).toBe(playerBundle);
  });

  it('says why when the package or its bundle is missing', () => {
    expect(findPlayerPage(resolver({}))).toMatchObject({ ok: false, reason: expect.stringMatching(/not installed/) });
    const unbuilt = findPlayerPage(resolver({ ...files, '@rtspkit/player/bundle': join(player, 'dist', 'nope.js') }));
    expect(unbuilt).toMatchObject({ ok: false, reason: expect.stringMatching(/nope\.js is not built/) });
  });
});

const skip = missingPeers('ffprobe');

/** Starts a program that serves, waits for the URL of /sample, probes it, stops it with `signal`. */
async function serveProbeStop(command: string, args: string[], signal: NodeJS.Signals) {
  const proc = startProcess(command, args, { cwd: repoRoot, maxLifeMs: 170_000 });
  try {
    const m = await proc.waitForOutput(/rtsp:\/\/127\.0\.0\.1:(\d+)\/sample\n/, 150_000);
    for (const mount of ['/sample', '/sample-high', '/sample-h265']) expect(proc.output()).toContain(`${mount}\n`);
    const probe = await ffprobe(`rtsp://127.0.0.1:${m[1]}/sample`, { extraArgs: ['-rtsp_transport', 'tcp'] });
    expect(probe.streams.map((s) => s.codecName).sort()).toEqual(['aac', 'h264']);
    expect(proc.output()).toContain(`page: http://127.0.0.1:${m[1]}/  (the player;`);
    await expectPlayerPage(m[1] as string);
    process.kill(proc.pid, signal);
    expect(await proc.exited(15_000), proc.output()).toBe(0);
  } finally {
    await proc.stop();
  }
}

describe.skipIf(skip)('rtspkit serve', () => {
  it('serves the sample with no arguments and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    await serveProbeStop(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-udp'], 'SIGTERM');
  });

  it('serves plain and TLS on one port with --tls self-signed', { timeout: 60_000 }, async () => {
    const proc = startProcess(
      process.execPath,
      [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-udp', '--tls', 'self-signed'],
      { cwd: repoRoot, maxLifeMs: 55_000 },
    );
    try {
      const m = await proc.waitForOutput(/rtsps:\/\/127\.0\.0\.1:(\d+)\/sample /, 30_000);
      const probe = await ffprobe(`rtsps://127.0.0.1:${m[1]}/sample`, { extraArgs: ['-rtsp_transport', 'tcp'] });
      expect(probe.streams.map((s) => s.codecName).sort()).toEqual(['aac', 'h264']);
      expect(proc.output()).toContain(`wss://127.0.0.1:${m[1]}/sample`);
    } finally {
      await proc.stop();
    }
  });

  it('`pnpm start` builds, serves the sample with extra flags passed through, exits 0 on SIGINT', {
    timeout: 180_000,
  }, async () => {
    await serveProbeStop(
      process.execPath,
      [join(repoRoot, 'scripts', 'start.mjs'), '--port', '0', '--host', '127.0.0.1', '--no-udp'],
      'SIGINT',
    );
  });
});
