import { type Socket, createServer } from 'node:net';
import { fromAscii, toAscii } from '@rtspkit/bytes';
import { getHeader, MessageReader, parseCSeq, type RtspRequest } from '@rtspkit/rtsp';
import { freeTcpPort, missingPeers, runProcess } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { tunnelClients } from './tunnel-clients.js';
import { Base64StreamDecoder, TunnelRegistry, parseTunnelRequest, serializeTunnelGetReply } from '../src/index.js';

/**
 * A minimal tunnel endpoint built from this package: classify each connection's head,
 * register GETs, pair POSTs, decode the POST body. It never answers RTSP, so the clients
 * time out after sending their first request; what matters is what the server saw.
 */
async function tunnelEndpoint(run: (port: number) => Promise<unknown>) {
  const registry = new TunnelRegistry();
  const decoded = new Map<string, string>();
  const events: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    let buf = new Uint8Array(0);
    let decoder: Base64StreamDecoder | undefined;
    let cookie = '';
    socket.on('data', (d: Buffer) => {
      if (decoder) {
        decoded.set(cookie, (decoded.get(cookie) ?? '') + toAscii(decoder.push(new Uint8Array(d))));
        return;
      }
      buf = new Uint8Array([...buf, ...d]);
      const parsed = parseTunnelRequest(buf);
      if (!parsed) return;
      const { request, headLength } = parsed;
      const peer = { connection: socket, address: socket.remoteAddress ?? '' };
      if (request.kind === 'tunnel-get') {
        registry.registerGet(request.cookie, peer, Date.now());
        events.push('get');
        socket.write(serializeTunnelGetReply());
      } else if (request.kind === 'tunnel-post') {
        registry.attachPost(request.cookie, peer, Date.now());
        events.push('post');
        cookie = request.cookie;
        decoder = new Base64StreamDecoder();
        decoded.set(cookie, toAscii(decoder.push(buf.subarray(headLength))));
      }
    });
    socket.on('close', () => registry.connectionClosed(socket));
  });
  const port = await freeTcpPort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  try {
    await run(port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
  return { events, decoded, registry };
}

/**
 * The RTSP requests a tunnel POST body decoded to: the first is an OPTIONS for the URL,
 * and every request carries a CSeq (RFC 2326 §12.17). Not a particular numbering: that is
 * the client's business.
 */
function tunnelledRequests(decoded: string | undefined): RtspRequest[] {
  expect(decoded, 'a POST body decoded to RTSP').toBeTypeOf('string');
  const items = new MessageReader().push(fromAscii(decoded!));
  const requests = items.filter((i): i is RtspRequest => i.kind === 'request');
  expect(requests.length, `requests in ${JSON.stringify(decoded)}`).toBeGreaterThan(0);
  expect(requests[0]!.method).toBe('OPTIONS');
  expect(requests[0]!.uri).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/x$/);
  for (const r of requests) expect(parseCSeq(getHeader(r.headers, 'CSeq') ?? '')).toBeGreaterThanOrEqual(0);
  return requests;
}

describe.skipIf(missingPeers('ffmpeg'))('FFmpeg 5.1 -rtsp_transport http against our tunnel endpoint', () => {
  it('opens a GET, pairs a POST by cookie, and its Base64 body decodes to an RTSP OPTIONS', async () => {
    const { events, decoded } = await tunnelEndpoint((port) =>
      runProcess(tunnelClients.ffmpeg.command, tunnelClients.ffmpeg.args(port), { timeoutMs: 8000 }),
    );
    expect(events).toEqual(['get', 'post']);
    const [rtsp] = [...decoded.values()];
    tunnelledRequests(rtsp);
  });
});

describe.skipIf(missingPeers('gst-launch-1.0'))('GStreamer 1.22 rtsph:// against our tunnel endpoint', () => {
  it('opens a GET, pairs a POST by cookie, and its Base64 body decodes to an RTSP OPTIONS', async () => {
    const { events, decoded } = await tunnelEndpoint((port) =>
      runProcess(tunnelClients.gstreamer.command, tunnelClients.gstreamer.args(port), { timeoutMs: 6000 }),
    );
    expect(events.slice(0, 2)).toEqual(['get', 'post']);
    const [rtsp] = [...decoded.values()];
    tunnelledRequests(rtsp);
  });
});
