import { parseRtspUrl } from '@rtspkit/rtsp';
import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../src/index.js';
import { connectionError } from '../src/node/index.js';

const url = parseRtspUrl('rtsp://admin:secret@cam.example:8554/live');

describe('socket errors as messages a person can act on', () => {
  const cases = [
    { code: 'ENOTFOUND', message: 'unknown host "cam.example"', hint: 'host name' },
    { code: 'EAI_AGAIN', message: 'unknown host "cam.example"', hint: 'host name' },
    { code: 'ECONNREFUSED', message: 'connection refused by cam.example:8554', hint: 'port' },
    { code: 'ETIMEDOUT', message: 'no answer from cam.example:8554', hint: 'firewall' },
    { code: 'EHOSTUNREACH', message: 'no answer from cam.example:8554', hint: 'firewall' },
    { code: 'ECONNRESET', message: 'connection reset by cam.example:8554', hint: 'dropped' },
    { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'TLS with cam.example:8554 failed', hint: 'insecure' },
    { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'TLS with cam.example:8554 failed', hint: 'ca' },
    { code: 'EWHATEVER', message: 'cannot connect to cam.example:8554', hint: 'URL' },
  ];
  for (const c of cases) {
    it(c.code, () => {
      const cause = Object.assign(new Error(`boom ${c.code}`), { code: c.code });
      const e = connectionError(cause, url, 'rtsp://admin:secret@cam.example:8554/live');
      expect(e.code).toBe(ClientErrorCode.Connection);
      expect(e.message).toContain(c.message);
      expect(e.message).toContain('(rtsp://cam.example:8554/live)');
      expect(e.message).not.toContain('secret');
      expect(e.hint).toContain(c.hint);
      expect(e.cause).toBe(cause);
    });
  }
});
