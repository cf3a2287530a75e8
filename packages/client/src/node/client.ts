import type { PortRange } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode, type ClientErrorCodeValue } from '../errors.js';
import { type ClientEvent, ClientSession, type ClientSessionOptions, type ClientStats } from '../session.js';
import { connectionError } from './connection-error.js';
import { openTcpPipe, type Pipe, type PipeHandlers, type PipeOptions } from './pipe.js';
import { bindUdpPair, type UdpPair } from './udp.js';

/** Reconnect policy: exponential backoff between `minDelayMs` and `maxDelayMs`. */
export type ReconnectOptions = {
  /** Attempts in a row before giving up. Default unlimited. */
  readonly maxAttempts?: number;
  /** First delay, ms. Default 500. */
  readonly minDelayMs?: number;
  /** Longest delay, ms. Default 10 000. */
  readonly maxDelayMs?: number;
};

/** Options of {@link RtspClient}. */
export type RtspClientOptions = ClientSessionOptions &
  PipeOptions & {
    /** Aborting closes the client (TEARDOWN, then the connection). */
    readonly signal?: AbortSignal;
    /**
     * Reconnect after a lost connection or a media timeout once the stream has played (a
     * camera restarting). `false` turns it off. Errors before the first PLAY (wrong
     * password, unknown host, 404) are never retried.
     */
    readonly reconnect?: false | ReconnectOptions;
    /** Clock, ms. Default `Date.now`. */
    readonly now?: () => number;
  };

/** What {@link RtspClient.events} yields: the session's events plus reconnect notices. */
export type RtspClientEvent =
  | ClientEvent
  | { readonly type: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly error: ClientError };

/** Errors no retry can fix. */
const PERMANENT: ReadonlySet<ClientErrorCodeValue> = new Set([
  ClientErrorCode.Unauthorized,
  ClientErrorCode.UnsupportedAuth,
  ClientErrorCode.NotFound,
  ClientErrorCode.UnsupportedCodec,
  ClientErrorCode.Redirect,
  ClientErrorCode.InvalidState,
  ClientErrorCode.Aborted,
]);

/**
 * A {@link ClientSession} on Node sockets: TCP (`rtsp://`), TLS (`rtsps://`), UDP media with
 * fallback to TCP, reconnect with backoff, teardown on {@link close} and on abort.
 *
 * @example
 * const client = new RtspClient({ url: 'rtsp://user:pass@cam/live' });
 * for await (const event of client.events()) {
 *   if (event.type === 'access-unit') console.log(event.unit.track, event.unit.pts);
 *   if (event.type === 'error') console.error(event.error.message, event.error.hint);
 * }
 */
export class RtspClient {
  readonly session: ClientSession;
  readonly #options: RtspClientOptions;
  readonly #now: () => number;
  #pipe: Pipe | undefined;
  #generation = 0;
  #udp: UdpPair[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: RtspClientEvent[] = [];
  #wake: (() => void) | undefined;
  #listeners = new Set<(event: RtspClientEvent) => void>();
  #started = false;
  #iterating = false;
  #finished = false;
  #closing: Promise<void> | undefined;
  #closedResolve: (() => void) | undefined;
  #played = false;
  #attempt = 0;
  #serverAddress: string | undefined;

  constructor(options: RtspClientOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.session = new ClientSession(options);
    const signal = options.signal;
    if (signal !== undefined) {
      if (signal.aborted) queueMicrotask(() => void this.close());
      else signal.addEventListener('abort', () => void this.close(), { once: true });
    }
  }

  /** Opens the connection (once); {@link events} calls it. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#open();
  }

  /** Calls `listener` with every event. Returns a function that removes it. */
  on(listener: (event: RtspClientEvent) => void): () => void {
    this.#listeners.add(listener);
    this.start();
    return () => this.#listeners.delete(listener);
  }

  /** The events, until the client is closed or fails for good. Starts the client. */
  async *events(): AsyncGenerator<RtspClientEvent, void, undefined> {
    this.#iterating = true;
    this.start();
    for (;;) {
      while (this.#queue.length > 0) yield this.#queue.shift()!;
      if (this.#finished) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** Reception statistics of the session. */
  stats(): ClientStats {
    return this.session.stats();
  }

  /** PLAY again after a pause (or with `autoPlay: false`). */
  play(): void {
    this.session.play(this.#now());
    this.#flush();
  }

  /** PAUSE. */
  pause(): void {
    this.session.pause(this.#now());
    this.#flush();
  }

  /** TEARDOWN (waiting at most `graceMs` for the answer), then closes sockets. Idempotent. */
  close(graceMs = 2000): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closing = new Promise<void>((resolve) => {
      this.#closedResolve = resolve;
      if (this.#finished || this.#pipe === undefined) {
        this.#finish();
        return;
      }
      const state = this.session.state;
      if (state === 'closed' || state === 'failed' || state === 'idle') {
        this.#finish();
        return;
      }
      this.session.close(this.#now());
      this.#flush();
      setTimeout(() => this.#finish(), graceMs).unref();
    });
    return this.#closing;
  }

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    const url = this.session.url;
    const handlers: PipeHandlers = {
      onData: (chunk) => {
        if (generation !== this.#generation) return;
        this.session.receive(chunk, this.#now());
        this.#flush();
      },
      onClose: (error) => {
        if (generation !== this.#generation) return;
        this.#pipe = undefined;
        this.session.connectionLost(this.#now(), error);
        this.#flush();
      },
    };
    let pipe: Pipe;
    try {
      if (url.transport !== 'tcp')
        throw new ClientError(ClientErrorCode.Connection, `${url.scheme}:// is not supported by this client yet`, {
          url: this.#options.url,
          hint: 'use rtsp:// or rtsps://',
        });
      pipe = await openTcpPipe(url, this.#options, handlers);
    } catch (e) {
      if (generation !== this.#generation || this.#closing !== undefined) return this.#finish();
      const error = e instanceof ClientError ? e : connectionError(e, url, this.#options.url);
      this.#onError(error);
      return;
    }
    if (generation !== this.#generation || this.#closing !== undefined) {
      pipe.close();
      this.#finish();
      return;
    }
    this.#pipe = pipe;
    this.#serverAddress = pipe.remoteAddress;
    this.session.connect(this.#now());
    this.#flush();
  }

  #flush(): void {
    const pipe = this.#pipe;
    for (const bytes of this.session.takeTransmit()) pipe?.write(bytes);
    for (const d of this.session.takeDatagrams()) {
      const pair = this.#udp[this.session.stats().tracks.findIndex((t) => t.track === d.track)];
      const address = this.#serverAddress;
      if (pair === undefined || address === undefined) continue;
      (d.kind === 'rtp' ? pair.rtp : pair.rtcp).send(d.data, d.port, address);
    }
    for (const event of this.session.takeEvents()) this.#handle(event);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#finished) return;
    const at = this.session.nextWakeup();
    if (at === undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.session.poll(this.#now());
        this.#flush();
      },
      Math.max(0, at - this.#now()),
    );
  }

  #handle(event: ClientEvent): void {
    switch (event.type) {
      case 'need-udp-ports':
        void this.#bindUdp(event.count);
        break;
      case 'playing':
        this.#played = true;
        this.#attempt = 0;
        break;
      case 'transport-fallback':
        this.#closeUdp();
        break;
      case 'redirect':
        this.#emit(event);
        this.#dropConnection();
        void this.#open();
        return;
      case 'closed':
        this.#emit(event);
        this.#finish();
        return;
      case 'error':
        this.#onError(event.error);
        return;
    }
    this.#emit(event);
  }

  async #bindUdp(count: number): Promise<void> {
    const generation = this.#generation;
    const address = this.#serverAddress ?? '127.0.0.1';
    const pairs: UdpPair[] = [];
    try {
      for (let i = 0; i < count; i++) pairs.push(await bindUdpPair(address));
    } catch (e) {
      for (const p of pairs) p.close();
      if (generation === this.#generation) {
        this.#onError(
          new ClientError(ClientErrorCode.Connection, `cannot bind UDP ports: ${(e as Error).message}`, {
            url: this.#options.url,
            hint: 'use --transport tcp',
          }),
        );
      }
      return;
    }
    if (generation !== this.#generation || this.#finished) {
      for (const p of pairs) p.close();
      return;
    }
    this.#closeUdp();
    this.#udp = pairs;
    const tracks = this.session.tracks.filter((t) => t.selected);
    pairs.forEach((pair, i) => {
      const track = tracks[i]?.index ?? i;
      const accept = (kind: 'rtp' | 'rtcp') => (msg: Buffer, info: { address: string }) => {
        // Media comes only from the server we asked (RFC 2326 §12.39 source).
        if (info.address !== this.#serverAddress && !sameLoopback(info.address, this.#serverAddress)) return;
        this.session.receiveDatagram(track, kind, new Uint8Array(msg.buffer, msg.byteOffset, msg.length), this.#now());
        this.#flush();
      };
      pair.rtp.on('message', accept('rtp'));
      pair.rtcp.on('message', accept('rtcp'));
    });
    const ports: PortRange[] = pairs.map((p) => [p.rtpPort, p.rtcpPort]);
    this.session.setUdpPorts(ports, this.#now());
    this.#flush();
  }

  #onError(error: ClientError): void {
    const policy = this.#options.reconnect;
    const retry =
      policy !== false &&
      this.#played &&
      this.#closing === undefined &&
      !PERMANENT.has(error.code) &&
      this.#attempt < (policy?.maxAttempts ?? Number.POSITIVE_INFINITY);
    if (!retry) {
      this.#emit({ type: 'error', error });
      this.#finish();
      return;
    }
    this.#attempt++;
    const min = policy?.minDelayMs ?? 500;
    const max = policy?.maxDelayMs ?? 10_000;
    const delayMs = Math.min(max, min * 2 ** (this.#attempt - 1));
    this.#emit({ type: 'reconnecting', attempt: this.#attempt, delayMs, error });
    this.#dropConnection();
    const generation = this.#generation;
    setTimeout(() => {
      if (generation === this.#generation && this.#closing === undefined && !this.#finished) void this.#open();
    }, delayMs);
  }

  /** Closes the pipe and the UDP sockets without telling the session (it starts over). */
  #dropConnection(): void {
    this.#generation++;
    this.#pipe?.close();
    this.#pipe = undefined;
    this.#closeUdp();
  }

  #closeUdp(): void {
    for (const p of this.#udp) p.close();
    this.#udp = [];
  }

  #emit(event: RtspClientEvent): void {
    if (this.#iterating) this.#queue.push(event);
    for (const l of this.#listeners) l(event);
    this.#wake?.();
    this.#wake = undefined;
  }

  #finish(): void {
    if (this.#finished) {
      this.#closedResolve?.();
      return;
    }
    this.#finished = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#dropConnection();
    this.#wake?.();
    this.#wake = undefined;
    this.#closedResolve?.();
  }
}

function sameLoopback(a: string, b: string | undefined): boolean {
  const loop = (x: string | undefined) => x === '127.0.0.1' || x === '::1' || x === '::ffff:127.0.0.1';
  return loop(a) && loop(b);
}
