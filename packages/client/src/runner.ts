import type { PortRange, RtspUrl } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode, type ClientErrorCodeValue } from './errors.js';
import type { Pipe, PipeHandlers } from './pipe.js';
import { type ClientEvent, ClientSession, type ClientSessionOptions, type ClientStats } from './session.js';

/** UDP sockets bound for media: one RTP/RTCP pair per selected track. */
export type UdpBinding = {
  readonly ports: readonly PortRange[];
  /** Sends to the server's address, from the pair of selected track number `position`. */
  send(position: number, kind: 'rtp' | 'rtcp', data: Uint8Array, port: number): void;
  close(): void;
};

/** How a {@link ClientRunner} reaches servers: Node sockets, a browser WebSocket, a test double. */
export type Connector = {
  /** Opens the byte pipe the URL's scheme asks for. */
  openPipe(url: RtspUrl, handlers: PipeHandlers): Promise<Pipe>;
  /**
   * Binds `count` UDP port pairs receiving from `server`; datagrams go to `onDatagram` with
   * the pair's position. Absent where UDP does not exist (browsers): media then goes over TCP.
   */
  bindUdp?(
    count: number,
    server: string,
    onDatagram: (position: number, kind: 'rtp' | 'rtcp', data: Uint8Array) => void,
  ): Promise<UdpBinding>;
  /** A failure to open a pipe as a {@link ClientError} (unknown host, refused, TLS, …). */
  describeError?(error: unknown, url: RtspUrl, shownUrl: string): ClientError;
};

/** Reconnect policy: exponential backoff between `minDelayMs` and `maxDelayMs`. */
export type ReconnectOptions = {
  /** Attempts in a row before giving up. Default unlimited. */
  readonly maxAttempts?: number;
  /** First delay, ms. Default 500. */
  readonly minDelayMs?: number;
  /** Longest delay, ms. Default 10 000. */
  readonly maxDelayMs?: number;
};

/** Options of {@link ClientRunner}. */
export type ClientRunnerOptions = ClientSessionOptions & {
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

/** What {@link ClientRunner.events} yields: the session's events plus reconnect notices. */
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
 * Runs a {@link ClientSession} on a {@link Connector}: pipes it the bytes, wakes it on time,
 * binds UDP ports when asked (falling back to TCP where there is no UDP), reconnects with
 * backoff, tears down on {@link close} and on abort. Isomorphic: the Node and browser
 * `RtspClient`s are this with their connector.
 */
export class ClientRunner {
  readonly session: ClientSession;
  readonly #options: ClientRunnerOptions;
  readonly #connector: Connector;
  readonly #now: () => number;
  #pipe: Pipe | undefined;
  #generation = 0;
  #udp: UdpBinding | undefined;
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

  constructor(options: ClientRunnerOptions, connector: Connector) {
    this.#options = options;
    this.#connector = connector;
    this.#now = options.now ?? Date.now;
    // Without UDP sockets (browsers) media comes interleaved.
    this.session = new ClientSession(connector.bindUdp === undefined ? { ...options, transport: 'tcp' } : options);
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

  /**
   * Sends one serialized RTP packet of announced track `track` while publishing (RTCP sender
   * reports follow by themselves). Send each packet at its media time.
   */
  sendRtp(track: number, packet: Uint8Array): void {
    this.session.sendRtp(track, packet, this.#now());
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
      unref(setTimeout(() => this.#finish(), graceMs));
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
      pipe = await this.#connector.openPipe(url, handlers);
    } catch (e) {
      if (generation !== this.#generation || this.#closing !== undefined) return this.#finish();
      const shown = this.#options.url.replace(/\/\/[^@/]*@/, '//');
      const error =
        e instanceof ClientError
          ? e.url === undefined
            ? new ClientError(e.code, `${e.message} (${shown})`, {
                url: shown,
                ...(e.status === undefined ? {} : { status: e.status }),
                ...(e.hint === undefined ? {} : { hint: e.hint }),
                cause: e,
              })
            : e
          : (this.#connector.describeError?.(e, url, this.#options.url) ??
            new ClientError(ClientErrorCode.Connection, `cannot connect: ${String(e)} (${shown})`, {
              url: shown,
              cause: e,
            }));
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
      const position = this.session.stats().tracks.findIndex((t) => t.track === d.track);
      if (position >= 0) this.#udp?.send(position, d.kind, d.data, d.port);
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
    const bind = this.#connector.bindUdp;
    if (bind === undefined) return;
    const tracks = this.session.tracks.filter((t) => t.selected).map((t) => t.index);
    let binding: UdpBinding;
    try {
      binding = await bind.call(this.#connector, count, this.#serverAddress ?? '127.0.0.1', (position, kind, data) => {
        if (generation !== this.#generation) return;
        this.session.receiveDatagram(tracks[position] ?? position, kind, data, this.#now());
        this.#flush();
      });
    } catch (e) {
      if (generation === this.#generation) {
        this.#onError(
          new ClientError(ClientErrorCode.Connection, `cannot bind UDP ports: ${(e as Error).message}`, {
            url: this.#options.url.replace(/\/\/[^@/]*@/, '//'),
            hint: 'use --transport tcp',
          }),
        );
      }
      return;
    }
    if (generation !== this.#generation || this.#finished) {
      binding.close();
      return;
    }
    this.#closeUdp();
    this.#udp = binding;
    this.session.setUdpPorts(binding.ports, this.#now());
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
    this.#udp?.close();
    this.#udp = undefined;
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

/** Lets a timer not keep Node alive (no-op in browsers). */
function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}
