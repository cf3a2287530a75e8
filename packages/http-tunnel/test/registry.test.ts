import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { HttpTunnelError, TunnelRegistry } from '../src/index.js';

const getPeer = { connection: 1, address: '10.0.0.5', principal: 'alice' };

describe('TunnelRegistry', () => {
  it('pairs a POST with its GET and refuses the wrong ones', () => {
    const r = new TunnelRegistry();
    r.registerGet('c1', getPeer, 0);
    expectCodecError(() => r.registerGet('c1', { connection: 9, address: '10.0.0.5' }, 0), {
      code: 'ERR_HTTP_TUNNEL_DUPLICATE_COOKIE',
      type: HttpTunnelError,
    });
    expectCodecError(() => r.attachPost('nope', { connection: 2, address: '10.0.0.5', principal: 'alice' }, 1), {
      code: 'ERR_HTTP_TUNNEL_UNKNOWN_COOKIE',
      type: HttpTunnelError,
    });
    expectCodecError(() => r.attachPost('c1', { ...getPeer }, 1), {
      code: 'ERR_HTTP_TUNNEL_SAME_CONNECTION',
      type: HttpTunnelError,
    });
    expectCodecError(() => r.attachPost('c1', { connection: 2, address: '10.0.0.6', principal: 'alice' }, 1), {
      code: 'ERR_HTTP_TUNNEL_PEER_MISMATCH',
      type: HttpTunnelError,
    });
    expectCodecError(() => r.attachPost('c1', { connection: 2, address: '10.0.0.5', principal: 'mallory' }, 1), {
      code: 'ERR_HTTP_TUNNEL_PEER_MISMATCH',
      type: HttpTunnelError,
    });
    const s = r.attachPost('c1', { connection: 2, address: '10.0.0.5', principal: 'alice' }, 1);
    expect(s).toMatchObject({ cookie: 'c1', paired: true, post: { connection: 2 } });
    expectCodecError(() => r.attachPost('c1', { connection: 3, address: '10.0.0.5', principal: 'alice' }, 2), {
      code: 'ERR_HTTP_TUNNEL_POST_ALREADY_BOUND',
      type: HttpTunnelError,
    });
  });

  it('lets a new POST re-bind after the previous one closed; closing the GET ends the session', () => {
    const r = new TunnelRegistry({ pairTimeoutMs: 10 });
    r.registerGet('c1', getPeer, 0);
    r.attachPost('c1', { connection: 2, address: '10.0.0.5', principal: 'alice' }, 1);
    expect(r.connectionClosed(2)).toEqual({ ended: [], unbound: ['c1'] });
    expect(r.poll(1000)).toEqual([]); // paired once: never expired as unpaired
    r.attachPost('c1', { connection: 3, address: '10.0.0.5', principal: 'alice' }, 1001);
    expect(r.get('c1')?.post?.connection).toBe(3);
    expect(r.connectionClosed(1)).toEqual({ ended: ['c1'], unbound: [] });
    expect(r.get('c1')).toBeUndefined();
    expectCodecError(() => r.attachPost('c1', { connection: 4, address: '10.0.0.5' }, 1002), {
      code: 'ERR_HTTP_TUNNEL_UNKNOWN_COOKIE',
      type: HttpTunnelError,
    });
  });

  it('expires unpaired GETs at their deadline', () => {
    const r = new TunnelRegistry({ pairTimeoutMs: 100 });
    expect(r.nextDeadline()).toBeUndefined();
    r.registerGet('a', { connection: 1, address: 'x' }, 0);
    r.registerGet('b', { connection: 2, address: 'x' }, 50);
    expect(r.nextDeadline()).toBe(100);
    expect(r.poll(99)).toEqual([]);
    expect(r.poll(100)).toEqual(['a']);
    expect(r.nextDeadline()).toBe(150);
    r.attachPost('b', { connection: 3, address: 'x' }, 120);
    expect(r.nextDeadline()).toBeUndefined();
    expect(r.poll(10_000)).toEqual([]);
    expect(r.size).toBe(1);
  });

  it('caps pending bytes and copies what it keeps', () => {
    const r = new TunnelRegistry({ maxPendingBytes: 10 });
    r.registerGet('a', { connection: 1, address: 'x' }, 0);
    const data = Uint8Array.of(1, 2, 3, 4, 5, 6);
    r.bufferPending('a', data);
    data[0] = 99;
    expectCodecError(() => r.bufferPending('a', new Uint8Array(5)), {
      code: 'ERR_HTTP_TUNNEL_PENDING_OVERFLOW',
      type: HttpTunnelError,
    });
    expect(r.get('a')?.pendingBytes).toBe(6);
    expect(r.takePending('a')).toEqual([Uint8Array.of(1, 2, 3, 4, 5, 6)]);
    expect(r.get('a')?.pendingBytes).toBe(0);
    expectCodecError(() => r.bufferPending('zz', new Uint8Array(1)), {
      code: 'ERR_HTTP_TUNNEL_UNKNOWN_COOKIE',
      type: HttpTunnelError,
    });
  });

  it('takes a custom peer policy and a session cap', () => {
    const r = new TunnelRegistry({ allowPost: () => true, maxSessions: 1 });
    r.registerGet('a', { connection: 1, address: '10.0.0.1' }, 0);
    expectCodecError(() => r.registerGet('b', { connection: 2, address: '10.0.0.1' }, 0), {
      code: 'ERR_HTTP_TUNNEL_TOO_MANY_SESSIONS',
      type: HttpTunnelError,
    });
    // Behind a load balancer the POST may come from another address: the policy allows it.
    expect(r.attachPost('a', { connection: 3, address: '192.168.0.9' }, 1).paired).toBe(true);
  });
});
