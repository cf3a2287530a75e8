import { missingPeers } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { digestResponse, getHeader, parseAuthorization, type RtspRequest } from '../src/index.js';
import { capture } from './capture.js';
import { checkSession, readStream } from './session-checks.js';

const METHODS = ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN'];

// Live: the same checks as the committed fixtures, on a fresh capture through a relay.
describe.skipIf(missingPeers('ffmpeg', 'gst-launch-1.0', 'gst-python'))('live sessions against gst-rtsp-server', () => {
  it('ffmpeg over TCP', { timeout: 30_000 }, async () => {
    const [c] = await capture('ffmpeg-tcp');
    checkSession(readStream(c!.client), readStream(c!.server), METHODS);
  });

  it('GStreamer rtspsrc over TCP', { timeout: 30_000 }, async () => {
    const [c] = await capture('gst-tcp');
    // rtspsrc sometimes pauses before TEARDOWN when it gets EOS.
    checkSession(readStream(c!.client), readStream(c!.server), /^OPTIONS DESCRIBE SETUP PLAY (PAUSE )?TEARDOWN$/);
  });

  it('ffmpeg with Digest: every Authorization it sends matches our computation', { timeout: 30_000 }, async () => {
    const [c] = await capture('ffmpeg-digest');
    const client = readStream(c!.client);
    checkSession(client, readStream(c!.server), ['OPTIONS', 'DESCRIBE', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN']);
    const authorized = client.filter(
      (r): r is RtspRequest => r.kind === 'request' && getHeader(r.headers, 'Authorization') !== undefined,
    );
    expect(authorized.length).toBe(4);
    for (const r of authorized) {
      const a = parseAuthorization(getHeader(r.headers, 'Authorization')!).params;
      const input = {
        algorithm: 'MD5' as const,
        username: 'user',
        password: 'secret',
        realm: a.realm!,
        nonce: a.nonce!,
      };
      expect(digestResponse({ ...input, method: r.method, uri: a.uri! })).toBe(a.response);
    }
  });
});
