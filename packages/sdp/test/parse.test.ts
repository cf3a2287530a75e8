import { describe, expect, it } from 'vitest';
import { SdpError, defaultSdpLimits, parseSdp, parseSdpBytes, parseSdpWithQuirks, serializeSdp } from '../src/index.js';
import { canonicalCases, errorCases, quirkCases } from './cases.js';

describe('canonical cases', () => {
  for (const c of canonicalCases) {
    it(`parses: ${c.name}`, () => {
      const { sdp, quirks } = parseSdpWithQuirks(c.text);
      expect(sdp).toEqual(c.sdp);
      expect(quirks).toEqual([]);
    });
    it(`serializes: ${c.name}`, () => {
      expect(serializeSdp(c.sdp)).toBe(c.text);
    });
  }
});

describe('tolerated deviations (decode only)', () => {
  for (const c of quirkCases) {
    it(c.name, () => {
      const { sdp, quirks } = parseSdpWithQuirks(c.text);
      if (c.quirk === null) expect(quirks).toEqual([]);
      else expect(quirks.map((q) => q.code)).toContain(c.quirk);
      expect(serializeSdp(sdp)).toBe(c.canonical);
      // The canonical form is a fixed point.
      expect(serializeSdp(parseSdp(c.canonical))).toBe(c.canonical);
    });
  }

  it('reports the line of each deviation', () => {
    const { quirks } = parseSdpWithQuirks('v=0\no=- 1001 1 IN\ns=-\nt=now-\n');
    expect(quirks).toEqual([
      { code: 'SDP_QUIRK_BARE_LINE_ENDING', line: 1 },
      { code: 'SDP_QUIRK_MALFORMED_ORIGIN', line: 2 },
      { code: 'SDP_QUIRK_MALFORMED_TIMING', line: 4 },
    ]);
  });
});

describe('errors', () => {
  for (const c of errorCases) {
    it(c.name, () => {
      const error = (() => {
        try {
          parseSdp(c.text);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(SdpError);
      expect((error as SdpError).code).toBe(c.code);
      if (c.line !== undefined) {
        expect((error as SdpError).line).toBe(c.line);
        const lineStart =
          c.text
            .split('\n')
            .slice(0, c.line - 1)
            .join('\n').length + (c.line > 1 ? 1 : 0);
        expect((error as SdpError).offset).toBe(lineStart);
      }
    });
  }
});

describe('limits', () => {
  const body = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\nm=audio 0 RTP/AVP 0\r\n';
  it('maxBytes', () => {
    expect(() => parseSdp(body, { maxBytes: 20 })).toThrow(expect.objectContaining({ code: 'ERR_SDP_TOO_LARGE' }));
    expect(() => parseSdp(new TextEncoder().encode(body), { maxBytes: 20 })).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_TOO_LARGE' }),
    );
  });
  it('maxBytes holds for the canonical form too (fuzzer finding)', () => {
    // sdp-parseSdp.round-trip.6ff31584: LF lines just under the limit grew past it as CRLF,
    // so what parseSdp returned, it refused once written.
    const lines = 'a=control:rtsp://192.168.0.60/media/video1/video\n'.repeat(1320);
    const lf = `v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n${lines}`;
    expect(lf.length).toBeLessThan(defaultSdpLimits.maxBytes);
    expect(serializeSdp(parseSdp(lf, { maxBytes: 2 * defaultSdpLimits.maxBytes })).length).toBeGreaterThan(
      defaultSdpLimits.maxBytes,
    );
    expect(() => parseSdp(lf)).toThrow(expect.objectContaining({ code: 'ERR_SDP_TOO_LARGE' }));
    expect(() => parseSdp(new TextEncoder().encode(lf))).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_TOO_LARGE' }),
    );
    // the same description a little shorter: read, written, read back equal
    const fits = lf.slice(0, lf.length - 49 * 40);
    const sdp = parseSdp(fits);
    expect(parseSdp(serializeSdp(sdp))).toEqual(sdp);
  });
  it('maxLines', () => {
    expect(() => parseSdp(body, { maxLines: 3 })).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_TOO_MANY_LINES', line: 4 }),
    );
  });
  it('maxMedia', () => {
    expect(() => parseSdp(body, { maxMedia: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_TOO_MANY_MEDIA', line: 6 }),
    );
    expect(parseSdp(body, { maxMedia: 2 }).media).toHaveLength(2);
  });
});

describe('bytes input (a DESCRIBE body)', () => {
  it('decodes UTF-8 and gives the same model as the text', () => {
    const text = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Kamera Eingang Süd\r\nt=0 0\r\n';
    const bytes = new TextEncoder().encode(text);
    const copy = bytes.slice();
    expect(parseSdpBytes(bytes)).toEqual(parseSdp(text));
    expect(parseSdp(bytes).sessionName).toBe('Kamera Eingang Süd');
    expect(bytes).toEqual(copy);
  });
  it('skips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('v=0\r\ns=x\r\n')]);
    expect(parseSdp(bytes).sessionName).toBe('x');
  });
});

describe('serializer strictness', () => {
  const base = canonicalCases[0]!.sdp;
  it('rejects a line break inside a value', () => {
    expect(() => serializeSdp({ ...base, sessionName: 'a\r\nm=video 1 x 1' })).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_INVALID_MODEL' }),
    );
  });
  it('rejects a token with a space', () => {
    expect(() => serializeSdp({ ...base, origin: { ...base.origin, username: 'john doe' } })).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_INVALID_MODEL' }),
    );
  });
  it('rejects "c=" inside a connection field', () => {
    expect(() =>
      serializeSdp({ ...base, connection: { netType: 'IN', addressType: 'c=IP4', address: '1.2.3.4' } }),
    ).toThrow(expect.objectContaining({ code: 'ERR_SDP_INVALID_MODEL' }));
  });
  it('rejects a port out of range and a fractional bandwidth', () => {
    const m = base.media[0]!;
    expect(() => serializeSdp({ ...base, media: [{ ...m, port: 65536 }] })).toThrow(SdpError);
    expect(() => serializeSdp({ ...base, bandwidths: [{ type: 'AS', value: 1.5 }] })).toThrow(SdpError);
  });
  it('writes an empty session name as "s= "', () => {
    const text = serializeSdp({ ...base, sessionName: '' });
    expect(text).toContain('\r\ns= \r\n');
    expect(parseSdp(text).sessionName).toBe('');
  });
});
