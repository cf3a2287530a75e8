import { readFileSync } from 'node:fs';
import { MessageReader } from '@rtspkit/rtsp';
import { fixturePath } from '@rtspkit/test-utils';
import { type Suite, sink } from '../src/harness.js';

/** Server → client side of a captured ffmpeg/gst-rtsp-server session: responses + interleaved RTP/RTCP. */
function capturedStream(copies: number): Uint8Array {
  const path = fixturePath('rtsp', 'ffmpeg-tcp-0-server.bin');
  const one = new Uint8Array(readFileSync(path));
  const out = new Uint8Array(one.length * copies);
  for (let i = 0; i < copies; i++) out.set(one, i * one.length);
  return out;
}

/** TCP-segment-sized chunks, as a socket delivers them. */
function segments(stream: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < stream.length; i += size) out.push(stream.subarray(i, i + size));
  return out;
}

/** Sum over items of (message status or frame channel) + body/payload length: what both compute. */
function readOurs(chunks: readonly Uint8Array[]): { items: number; check: number } {
  const reader = new MessageReader();
  let items = 0;
  let check = 0;
  for (const c of chunks) {
    for (const item of reader.push(c)) {
      items++;
      check +=
        item.kind === 'frame'
          ? item.channel + item.payload.length
          : item.kind === 'response'
            ? item.status + item.body.length
            : item.body.length;
    }
  }
  return { items, check };
}

/**
 * A naive reader of the kind small players ship: latin1 string buffer, `indexOf('\r\n\r\n')`,
 * `split('\r\n')` and `split(':')` per header, string slicing for bodies and frames.
 */
function readNaive(chunks: readonly Uint8Array[]): { items: number; check: number } {
  const decoder = new TextDecoder('latin1');
  let buffer = '';
  let items = 0;
  let check = 0;
  for (const c of chunks) {
    buffer += decoder.decode(c);
    for (;;) {
      if (buffer.length === 0) break;
      if (buffer[0] === '$') {
        if (buffer.length < 4) break;
        const length = (buffer.charCodeAt(2) << 8) | buffer.charCodeAt(3);
        if (buffer.length < 4 + length) break;
        const payload = Uint8Array.from(buffer.slice(4, 4 + length), (ch) => ch.charCodeAt(0));
        items++;
        check += buffer.charCodeAt(1) + payload.length;
        buffer = buffer.slice(4 + length);
        continue;
      }
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const lines = buffer.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const [name, ...rest] = line.split(':');
        headers[(name ?? '').trim().toLowerCase()] = rest.join(':').trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (buffer.length < end + 4 + length) break;
      const body = Uint8Array.from(buffer.slice(end + 4, end + 4 + length), (ch) => ch.charCodeAt(0));
      const [version, status] = (lines[0] ?? '').split(' ');
      items++;
      check += (version?.startsWith('RTSP/') ? Number(status) : 0) + body.length;
      buffer = buffer.slice(end + 4 + length);
    }
  }
  return { items, check };
}

export function suites(): Suite[] {
  const stream = capturedStream(20);
  const tcp = segments(stream, 1460);
  const whole = [stream];
  const expected = readOurs(whole);
  const verify = () => {
    for (const chunks of [tcp, whole]) {
      const a = readOurs(chunks);
      const b = readNaive(chunks);
      if (a.items !== expected.items || a.check !== expected.check || b.items !== a.items || b.check !== a.check) {
        throw new Error(`MessageReader ${a.items}/${a.check} and naive reader ${b.items}/${b.check} disagree`);
      }
    }
  };
  return [
    {
      name: 'RTSP stream read, 1460-byte segments (captured ffmpeg session)',
      unit: 'items',
      ours: { name: 'rtspkit MessageReader', run: () => sink(readOurs(tcp).check, expected.items) },
      peers: [{ name: 'naive string-split reader', run: () => sink(readNaive(tcp).check, expected.items) }],
      verify,
    },
    {
      name: 'RTSP stream read, one push (captured ffmpeg session)',
      unit: 'items',
      ours: { name: 'rtspkit MessageReader', run: () => sink(readOurs(whole).check, expected.items) },
      peers: [{ name: 'naive string-split reader', run: () => sink(readNaive(whole).check, expected.items) }],
      verify,
    },
  ];
}
