import { expect } from 'vitest';
import {
  getHeader,
  MessageReader,
  parseCSeq,
  parseRtpInfo,
  parseSession,
  parseTransport,
  resolveBaseUrl,
  resolveControlUrl,
  type RtspRequest,
  type RtspResponse,
  type RtspStreamItem,
} from '../src/index.js';
import { plain } from './helpers.js';

/** Splits `bytes` at pseudo-random points (a fixed LCG, so failures reproduce). */
export function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < bytes.length; ) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = 1 + (s % 700);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/**
 * Reads a captured direction in one push, in random chunks and byte by byte; checks the
 * three agree and nothing was skipped; returns the items.
 */
export function readStream(bytes: Uint8Array): RtspStreamItem[] {
  const reader = new MessageReader();
  const whole = reader.push(bytes);
  expect(reader.skippedBytes).toBe(0);
  expect(reader.bufferedBytes).toBe(0);
  for (const seed of [1, 2, 3]) {
    const r = new MessageReader();
    expect(plain(randomChunks(bytes, seed).flatMap((c) => r.push(c)))).toEqual(plain(whole));
  }
  const b = new MessageReader();
  const bytewise: RtspStreamItem[] = [];
  for (let i = 0; i < bytes.length; i++) bytewise.push(...b.push(bytes.subarray(i, i + 1)));
  expect(plain(bytewise)).toEqual(plain(whole));
  return whole;
}

/**
 * Checks a whole RTSP-over-TCP session: the client's requests in order, a response per
 * CSeq, interleaved RTP on channel 0 after PLAY, and the typed headers of the exchange
 * (Transport, Session, RTP-Info, control URL resolution as the client did it).
 */
export function checkSession(
  clientItems: readonly RtspStreamItem[],
  serverItems: readonly RtspStreamItem[],
  expectedMethods: readonly string[] | RegExp,
): { requests: RtspRequest[]; responses: RtspResponse[] } {
  const requests = clientItems.filter((i): i is RtspRequest => i.kind === 'request');
  const methods = requests.map((r) => r.method);
  if (expectedMethods instanceof RegExp) expect(methods.join(' ')).toMatch(expectedMethods);
  else expect(methods).toEqual(expectedMethods);
  // Besides requests, a client may only send RTCP (receiver reports) on the odd channel of a
  // pair (RFC 2326 §10.12); GStreamer's rtspsrc does once the session runs long enough.
  const clientFrames = clientItems.filter((i) => i.kind === 'frame');
  expect(clientItems.every((i) => i.kind === 'request' || i.kind === 'frame')).toBe(true);
  for (const f of clientFrames) {
    expect(f.channel % 2).toBe(1);
    expect((f.payload[0] ?? 0) >> 6).toBe(2); // version 2
    expect([200, 201]).toContain(f.payload[1]); // compound starts with SR or RR (RFC 3550 §6.1)
  }
  // What RFC 2326 §12.17 guarantees: every request carries a CSeq larger than the one before.
  // Not a particular numbering: rtspsrc on a loaded machine once skipped a number.
  const cseqs = requests.map((r) => parseCSeq(getHeader(r.headers, 'CSeq')!));
  for (let i = 1; i < cseqs.length; i++) {
    expect(cseqs[i], `CSeq of request ${i + 1} (${methods[i]}) after ${cseqs[i - 1]}`).toBeGreaterThan(cseqs[i - 1]!);
  }

  const responses = serverItems.filter((i): i is RtspResponse => i.kind === 'response');
  const frames = serverItems.filter((i) => i.kind === 'frame');
  // Every response echoes its request's CSeq, in order; clients close right after TEARDOWN,
  // so its answer may be missing.
  expect(responses.map((r) => parseCSeq(getHeader(r.headers, 'CSeq')!))).toEqual(cseqs.slice(0, responses.length));
  expect(responses.length).toBeGreaterThanOrEqual(requests.length - 1);
  expect(frames.length).toBeGreaterThan(10);
  const rtp = frames.filter((f) => f.channel === 0);
  expect(rtp.length).toBeGreaterThan(10);
  for (const f of rtp) expect((f.payload[0] ?? 0) >> 6).toBe(2); // RTP version 2

  const byMethod = (m: string) => {
    const j = requests.map((r) => r.method).lastIndexOf(m);
    return { request: requests[j]!, response: responses[j]! };
  };
  const describe = byMethod('DESCRIBE');
  const sdp = new TextDecoder().decode(describe.response.body);
  expect(sdp.startsWith('v=0')).toBe(true);
  const control = /a=control:(stream=\d)/.exec(sdp)![1]!;
  const base = resolveBaseUrl(describe.response.headers, describe.request.uri);
  const setup = byMethod('SETUP');
  expect(resolveControlUrl(base, control)).toBe(setup.request.uri);
  expect(parseTransport(getHeader(setup.request.headers, 'Transport')!)).toEqual({
    profile: 'RTP/AVP',
    lowerTransport: 'TCP',
    delivery: 'unicast',
    interleaved: [0, 1],
  });
  expect(parseTransport(getHeader(setup.response.headers, 'Transport')!)).toMatchObject({
    lowerTransport: 'TCP',
    interleaved: [0, 1],
    mode: 'play',
  });
  const session = parseSession(getHeader(setup.response.headers, 'Session')!);
  const play = byMethod('PLAY');
  expect(parseSession(getHeader(play.request.headers, 'Session')!).id).toBe(session.id);
  const rtpInfo = parseRtpInfo(getHeader(play.response.headers, 'RTP-Info')!);
  expect(rtpInfo.map((e) => e.url)).toEqual([setup.request.uri]);
  // The first RTP packet after PLAY carries the sequence number RTP-Info announced.
  const firstRtp = rtp[0]!.payload;
  expect((firstRtp[2]! << 8) | firstRtp[3]!).toBe(rtpInfo[0]!.seq);
  return { requests, responses };
}
