import { toBase64 } from '@rtspkit/bytes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Base64StreamDecoder,
  HttpTunnelError,
  type TunnelPeer,
  TunnelRegistry,
  parseTunnelRequest,
} from '../src/index.js';
import { base64Cases, requestCases } from './cases.js';

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('Base64StreamDecoder properties', () => {
  it('per-message padding, whitespace and random splits decode like the messages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\r\n', '\t', '\n')), { maxLength: 6 }),
        (messages, cuts, spaces) => {
          let text = messages.map((m) => toBase64(m)).join('');
          for (const [at, ws] of spaces) {
            const p = at % (text.length + 1);
            text = text.slice(0, p) + ws + text.slice(p);
          }
          const d = new Base64StreamDecoder();
          const out = concat(split(text, cuts).map((chunk) => d.push(chunk)));
          expect(out).toEqual(concat(messages));
          d.end();
        },
      ),
      { examples: base64Cases.map((c) => [[c.bytes], [], []] as [Uint8Array[], number[], Array<[number, string]>]) },
    );
  });

  it('arbitrary text only ever gives HttpTunnelError; any chunking gives the same bytes, then the same error', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60, unit: 'binary-ascii' }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, cuts) => {
          const outcome = (chunks: string[]) => {
            const d = new Base64StreamDecoder();
            const parts: Uint8Array[] = [];
            try {
              for (const c of chunks) parts.push(d.push(c));
              d.push('');
              return { bytes: [...concat(parts)] };
            } catch (e) {
              expect(e).toBeInstanceOf(HttpTunnelError);
              expect(() => d.push('YWJj')).toThrow(e as Error);
              return { bytes: [...concat(parts)], error: (e as HttpTunnelError).offset };
            }
          };
          const whole = outcome([text]);
          const chunked = outcome(split(text, cuts));
          expect(chunked).toEqual(whole);
        },
      ),
      { examples: base64Cases.map((c) => [c.text, [1, 2, 3]] as [string, number[]]) },
    );
  });
});

describe('request parsing properties', () => {
  it('arbitrary bytes only ever give HttpTunnelError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseTunnelRequest(bytes, { maxHeadBytes: 256 });
        } catch (e) {
          expect(e).toBeInstanceOf(HttpTunnelError);
        }
      }),
      { examples: requestCases.map((c) => [c.bytes]) },
    );
  });
});

/** Random operation sequences against the registry, checked against a simple model. */
describe('TunnelRegistry model', () => {
  type Op =
    | { op: 'get'; cookie: number; conn: number; addr: number }
    | { op: 'post'; cookie: number; conn: number; addr: number }
    | { op: 'close'; conn: number }
    | { op: 'data'; cookie: number; size: number }
    | { op: 'take'; cookie: number }
    | { op: 'tick'; ms: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('get' as const), cookie: fc.nat(3), conn: fc.nat(6), addr: fc.nat(1) }),
    fc.record({ op: fc.constant('post' as const), cookie: fc.nat(3), conn: fc.nat(6), addr: fc.nat(1) }),
    fc.record({ op: fc.constant('close' as const), conn: fc.nat(6) }),
    fc.record({ op: fc.constant('data' as const), cookie: fc.nat(3), size: fc.nat(40) }),
    fc.record({ op: fc.constant('take' as const), cookie: fc.nat(3) }),
    fc.record({ op: fc.constant('tick' as const), ms: fc.nat(60) }),
  );
  const TIMEOUT = 100;
  const CAP = 64;

  it('a POST is only paired with a live GET of the same cookie and allowed peer; caps and expiry hold', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const r = new TunnelRegistry({ pairTimeoutMs: TIMEOUT, maxPendingBytes: CAP });
        // Model: cookie → get peer, post peer, created, paired.
        const model = new Map<string, { get: TunnelPeer; post?: TunnelPeer; createdAt: number; paired: boolean }>();
        let now = 0;
        for (const o of ops) {
          if (o.op === 'tick') {
            now += o.ms;
            const expired = r.poll(now).sort();
            const expected = [...model]
              .filter(([, s]) => !s.paired && now - s.createdAt >= TIMEOUT)
              .map(([c]) => c)
              .sort();
            expect(expired).toEqual(expected);
            for (const c of expired) model.delete(c);
            // Expired GETs are gone: every unpaired session left is younger than the timeout.
            for (const [c, m] of model) if (!m.paired) expect(now - r.get(c)!.createdAt).toBeLessThan(TIMEOUT);
          } else if (o.op === 'get') {
            const peer = { connection: o.conn, address: `10.0.0.${o.addr}` };
            const cookie = `c${o.cookie}`;
            try {
              r.registerGet(cookie, peer, now);
              expect(model.has(cookie)).toBe(false);
              model.set(cookie, { get: peer, createdAt: now, paired: false });
            } catch (e) {
              expect((e as HttpTunnelError).code).toBe('ERR_HTTP_TUNNEL_DUPLICATE_COOKIE');
              expect(model.has(cookie)).toBe(true);
            }
          } else if (o.op === 'post') {
            const peer = { connection: o.conn, address: `10.0.0.${o.addr}` };
            const cookie = `c${o.cookie}`;
            const m = model.get(cookie);
            try {
              const s = r.attachPost(cookie, peer, now);
              // Invariant: paired only with a live GET of this cookie, other connection, same address.
              expect(m).toBeDefined();
              expect(s.get.connection).not.toBe(peer.connection);
              expect(s.get.address).toBe(peer.address);
              expect(m!.post).toBeUndefined();
              m!.post = peer;
              m!.paired = true;
            } catch (e) {
              expect(e).toBeInstanceOf(HttpTunnelError);
              const ok = m && m.get.connection !== peer.connection && m.get.address === peer.address && !m.post;
              expect(ok).toBeFalsy();
            }
          } else if (o.op === 'close') {
            const { ended, unbound } = r.connectionClosed(o.conn);
            for (const [c, s] of model) {
              if (s.get.connection === o.conn) {
                expect(ended).toContain(c);
                model.delete(c);
              } else if (s.post?.connection === o.conn) {
                expect(unbound).toContain(c);
                delete s.post;
              }
            }
          } else if (o.op === 'data') {
            try {
              r.bufferPending(`c${o.cookie}`, new Uint8Array(o.size));
            } catch (e) {
              expect(e).toBeInstanceOf(HttpTunnelError);
            }
          } else {
            const taken = r.takePending(`c${o.cookie}`);
            expect(taken.reduce((n, p) => n + p.length, 0)).toBeLessThanOrEqual(CAP);
          }
          // Global invariants after every step.
          expect(r.size).toBe(model.size);
          for (const [c, s] of model) {
            const live = r.get(c);
            expect(live?.get).toEqual(s.get);
            expect(live?.post).toEqual(s.post);
            expect(live!.pendingBytes).toBeLessThanOrEqual(CAP);
          }
        }
      }),
    );
  });
});
