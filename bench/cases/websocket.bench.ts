import { WebSocketMessageReader, WebSocketWriter } from '@rtspkit/websocket';
import * as wsModule from 'ws';
import { type Suite, sink } from '../src/harness.js';

/** ws's frame parser: a Writable emitting `message`; exported at runtime, not declared in @types/ws. */
type WsReceiver = {
  on(event: 'message', fn: (data: Buffer, isBinary: boolean) => void): void;
  write(chunk: Buffer): boolean;
};
const { Receiver } = wsModule as unknown as { Receiver: new (options: { isServer: boolean }) => WsReceiver };

const FRAMES = 10_000;
const PAYLOAD = 1400;
const CHUNK = 64 * 1024;

/** 10 000 masked binary frames of 1400 bytes (what a client sends), cut into 64 KiB socket reads. */
function clientStream(): Buffer[] {
  let seed = 1;
  const random = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const writer = new WebSocketWriter({ role: 'client', randomBytes: random });
  const payload = random(PAYLOAD);
  const frames = Array.from({ length: FRAMES }, () => writer.binary(payload));
  const whole = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  for (let o = 0; o < whole.length; o += CHUNK) chunks.push(whole.subarray(o, o + CHUNK));
  return chunks;
}

/** Checksum of the unmasked payloads, computed only in verify(). */
function checksum(data: Uint8Array, acc: number): number {
  for (let i = 0; i < data.length; i += 97) acc = (acc * 31 + (data[i] as number)) >>> 0;
  return acc;
}

function ours(chunks: readonly Uint8Array[], check = false): { messages: number; bytes: number; sum: number } {
  const reader = new WebSocketMessageReader({ role: 'server' });
  let messages = 0;
  let bytes = 0;
  let sum = 0;
  for (const chunk of chunks) {
    for (const m of reader.push(chunk)) {
      if (m.type === 'binary') {
        messages++;
        bytes += m.data.length;
        if (check) sum = checksum(m.data, sum);
      }
    }
  }
  return { messages, bytes, sum };
}

/**
 * ws's own frame parser, as a ws server uses it: `isServer` (frames must be masked), no
 * extensions, events emitted synchronously. It unmasks payloads in place (mutating the
 * input); ours copies instead, so the input is left untouched.
 */
function wsReceiver(chunks: readonly Buffer[], check = false): { messages: number; bytes: number; sum: number } {
  const receiver = new Receiver({ isServer: true });
  let messages = 0;
  let bytes = 0;
  let sum = 0;
  receiver.on('message', (data: Buffer) => {
    messages++;
    bytes += data.length;
    if (check) sum = checksum(data, sum);
  });
  for (const chunk of chunks) receiver.write(chunk);
  return { messages, bytes, sum };
}

export function suites(): Suite[] {
  const chunks = clientStream();
  return [
    {
      name: 'WebSocket frame parse (10k masked binary frames of 1400 B)',
      unit: 'frames',
      ours: { name: 'rtspkit WebSocketMessageReader', run: () => sink(ours(chunks).bytes, FRAMES) },
      peers: [{ name: 'ws 8.23 Receiver', run: () => sink(wsReceiver(chunks).bytes, FRAMES) }],
      verify: () => {
        // Fresh copies: ws unmasks in place, so each side gets its own input.
        const a = ours(clientStream(), true);
        const b = wsReceiver(clientStream(), true);
        if (a.messages !== FRAMES || b.messages !== FRAMES || a.bytes !== b.bytes || a.sum !== b.sum) {
          throw new Error(`websocket parse mismatch: ours ${JSON.stringify(a)}, ws ${JSON.stringify(b)}`);
        }
      },
    },
  ];
}
