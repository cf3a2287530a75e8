import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixturePath, freeTcpPort, freeUdpPortPair, runProcess, startProcess } from '../src/index.js';

describe('runProcess', () => {
  it('returns stdout, stderr and the exit code', async () => {
    const r = await runProcess(
      process.execPath,
      ['-e', 'process.stdout.write("out"); console.error("err"); process.exit(3)'],
      {
        timeoutMs: 10_000,
      },
    );
    expect(r).toMatchObject({ code: 3, timedOut: false });
    expect(r.stdout.toString()).toBe('out');
    expect(r.stderr).toContain('err');
  });
  it('kills a process that outlives its limit', async () => {
    const started = Date.now();
    const r = await runProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
  it('feeds stdin', async () => {
    const r = await runProcess(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], {
      timeoutMs: 10_000,
      input: 'abc',
    });
    expect(r.stdout.toString()).toBe('abc');
  });
});

describe('startProcess', () => {
  it('waits for output and stops by PID', async () => {
    const p = startProcess(process.execPath, ['-e', 'console.log("ready 42"); setInterval(() => {}, 1000)']);
    const m = await p.waitForOutput(/ready (\d+)/, 10_000);
    expect(m[1]).toBe('42');
    await p.stop();
    expect(p.child.exitCode !== null || p.child.signalCode !== null).toBe(true);
  });
  it('rejects when the process exits without the awaited output', async () => {
    const p = startProcess(process.execPath, ['-e', 'console.log("bye")']);
    await expect(p.waitForOutput(/never/, 10_000)).rejects.toThrow(/exited before printing/);
  });
});

describe('ports', () => {
  it('gives a TCP port that can be bound on loopback', async () => {
    const port = await freeTcpPort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    server.close();
    expect(port).toBeGreaterThan(0);
  });
  it('gives an even UDP port for an RTP/RTCP pair', async () => {
    expect((await freeUdpPortPair()) % 2).toBe(0);
  });
});

describe('RTP capture files', () => {
  it('round-trips datagrams, and captureUdp collects what a sender sends', async () => {
    const { createSocket } = await import('node:dgram');
    const { join } = await import('node:path');
    const { tempDir, writeRtpCapture, readRtpCapture, captureUdp, freeUdpPortPair } = await import('../src/index.js');
    const port = await freeUdpPortPair();
    const capture = captureUdp({ port, idleMs: 300, timeoutMs: 5_000 });
    await capture.ready;
    const sender = createSocket('udp4');
    const sent = [Uint8Array.of(0x80, 96, 0, 1), Uint8Array.of(0x80, 96, 0, 2, 9, 9)];
    for (const p of sent) await new Promise<void>((r) => sender.send(p, port, '127.0.0.1', () => r()));
    const got = await capture.packets;
    sender.close();
    expect(got).toEqual(sent);
    const dir = tempDir();
    const file = join(dir.path, 'x.rtp');
    writeRtpCapture(file, got);
    expect(readRtpCapture(file)).toEqual(sent);
    dir.remove();
  });
});

describe('fixtures of other packages', () => {
  it('finds a fixture by package and name, and lists them by extension', () => {
    expect(existsSync(fixturePath('rtsp', 'ffmpeg-tcp-0-server.bin'))).toBe(true);
    const sdps = fixtureNames('sdp', '.sdp');
    expect(sdps).toContain('gst-rtsp-server-h264-aac.sdp');
    expect(sdps.every((n) => n.endsWith('.sdp'))).toBe(true);
    expect([...sdps].sort()).toEqual(sdps);
  });
  it('names the missing file', () => {
    expect(() => fixturePath('h264', 'nope.rtp')).toThrow('no fixture nope.rtp in packages/h264/test/fixtures');
  });
});
