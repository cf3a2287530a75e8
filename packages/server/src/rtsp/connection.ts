import { parseRtcpCompound } from '@rtspkit/rtp';
import {
  getHeader,
  MessageReader,
  parseCSeq,
  parseSession,
  parseTransports,
  type RtspLimits,
  type RtspRequest,
  RtspError,
  serializeRange,
  serializeResponse,
  serializeRtpInfo,
  serializeSession,
  serializeTransport,
  type Transport,
} from '@rtspkit/rtsp';
import { serializeSdp } from '@rtspkit/sdp';
import { wrapRtspUnit } from '@rtspkit/websocket';
import type { Mount, TrackStart } from '../mount.js';
import { MediaReader, type ReaderLimits, type ReaderPipe, type TrackOutput } from '../reader.js';
import { ALLOWED_IN_STATE, RtspSession, type SessionTable, type TrackSetup, type UdpAllocator } from './session.js';
import { PUBLIC_METHODS, REASONS, REFUSED_METHODS } from './status.js';
import { type ResolvedTarget, resolveTarget } from './target.js';

/** Who is at the other end of an RTSP byte stream. */
export type ConnectionInfo = {
  /** Unique per connection, tunnel pair or WebSocket: the owner of the sessions it creates. */
  readonly id: string;
  /** The peer's IP address; UDP media goes only there. */
  readonly peerAddress: string;
  readonly kind: 'tcp' | 'http-tunnel' | 'websocket';
  readonly tls: boolean;
};

/** Where a connection's bytes go: RTSP messages and interleaved media share the pipe. */
export type ConnectionOutput = ReaderPipe & {
  /** `websocket`: every RTSP message and interleaved frame travels as one binary message. */
  readonly framing: 'interleaved' | 'websocket';
};

/** What every connection of one server shares. */
export type ServerContext = {
  readonly mounts: { get(path: string): Mount | undefined };
  readonly sessions: SessionTable;
  /** Absent when UDP is off: SETUP then offers TCP only. */
  readonly udp: UdpAllocator | undefined;
  readonly limits: ConnectionLimits;
  /** Wall clock, Unix ms. */
  readonly now: () => number;
  /** A new session id (opaque, unguessable). */
  readonly sessionId: () => string;
  /** Called when a session ends, with why (TEARDOWN, timeout, connection closed, slow reader). */
  readonly onSessionEnd?: (session: RtspSession, reason: string) => void;
};

/** Limits of one RTSP connection. */
export type ConnectionLimits = ReaderLimits & {
  /** Session timeout announced in `Session: …;timeout=` and enforced, in ms. */
  readonly sessionTimeoutMs: number;
  /** Sessions one connection may hold. */
  readonly maxSessionsPerConnection: number;
  /** Requests read and waiting for an answer (pipelining) before the connection is closed. */
  readonly maxPendingRequests: number;
  /** Limits of the RTSP message reader (head and body size). */
  readonly rtsp: Partial<RtspLimits>;
};

type Reply = { status: number; headers?: [string, string][]; body?: Uint8Array };

const SERVER = 'rtspkit';
const TEXT = new TextEncoder();

/**
 * The RTSP side of one connection, without sockets or timers: bytes in through
 * {@link push}, responses and media out through the {@link ConnectionOutput}. It reads
 * requests with `MessageReader`, answers them in order (one at a time: SETUP may wait for
 * UDP ports, PLAY for a key frame), owns the sessions it creates, and takes RTCP receiver
 * reports from interleaved channels.
 *
 * @see RFC 2326 §10, RFC 2326 Appendix A.2
 */
export class RtspConnection {
  readonly info: ConnectionInfo;
  readonly #out: ConnectionOutput;
  readonly #ctx: ServerContext;
  readonly #reader: MessageReader;
  readonly #queue: RtspRequest[] = [];
  #busy = false;
  #closed = false;
  #requests = 0;
  /** Interleaved channel → the session and track it belongs to, and whether it is RTCP. */
  readonly #channels = new Map<number, { session: RtspSession; track: number; rtcp: boolean }>();

  constructor(info: ConnectionInfo, output: ConnectionOutput, context: ServerContext) {
    this.info = info;
    this.#out = output;
    this.#ctx = context;
    this.#reader = new MessageReader(context.limits.rtsp);
  }

  /** Bytes of an incomplete message held (a head still arriving: the slowloris clock runs). */
  get bufferedBytes(): number {
    return this.#reader.bufferedBytes;
  }

  /** Requests read so far. */
  get requestCount(): number {
    return this.#requests;
  }

  /** True while a session of this connection is playing (the connection is busy, not idle). */
  get playing(): boolean {
    return this.#ctx.sessions.ownedBy(this.info.id).some((s) => s.state === 'playing');
  }

  /** Bytes the client sent (any chunking). */
  push(bytes: Uint8Array): void {
    if (this.#closed) return;
    let items: ReturnType<MessageReader['push']>;
    try {
      items = this.#reader.push(bytes);
    } catch (e) {
      if (!(e instanceof RtspError)) throw e;
      // Framing is lost: answer what went wrong and close (RFC 2326 §7.1.1).
      this.#send(this.#response(undefined, { status: e.status ?? 400 }));
      this.#out.destroy(e.message);
      this.close('bad request stream');
      return;
    }
    for (const item of items) {
      if (item.kind === 'frame') this.#onFrame(item.channel, item.payload);
      else if (item.kind === 'request') {
        this.#requests++;
        if (this.#queue.length >= this.#ctx.limits.maxPendingRequests) {
          this.#out.destroy(`more than ${this.#ctx.limits.maxPendingRequests} pipelined requests`);
          this.close('too many pipelined requests');
          return;
        }
        this.#queue.push(item);
      }
      // Responses (to requests the server never sends) are ignored.
    }
    this.#drain();
  }

  /** The connection is gone: every session it owns ends. */
  close(reason = 'connection closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    for (const s of this.#ctx.sessions.ownedBy(this.info.id)) this.#endSession(s, reason);
  }

  #drain(): void {
    while (!this.#busy && !this.#closed) {
      const request = this.#queue.shift();
      if (request === undefined) return;
      const pending = this.#handle(request);
      if (pending !== undefined) {
        this.#busy = true;
        void pending.then(
          () => {
            this.#busy = false;
            this.#drain();
          },
          (e: unknown) => {
            this.#busy = false;
            this.#send(this.#response(request, { status: 500 }));
            this.#out.destroy(`internal error: ${e instanceof Error ? e.message : String(e)}`);
            this.close('internal error');
          },
        );
      }
    }
  }

  #send(bytes: Uint8Array): void {
    if (this.#closed && bytes.length === 0) return;
    this.#out.write(this.#out.framing === 'websocket' ? wrapRtspUnit(bytes) : bytes);
  }

  #response(request: RtspRequest | undefined, reply: Reply): Uint8Array {
    const headers: [string, string][] = [];
    const cseq = request && getHeader(request.headers, 'CSeq');
    if (cseq !== undefined) headers.push(['CSeq', cseq.trim()]);
    headers.push(['Server', SERVER], ...(reply.headers ?? []));
    return serializeResponse({
      version: 'RTSP/1.0',
      status: reply.status,
      reason: REASONS[reply.status] ?? '',
      headers,
      body: reply.body ?? new Uint8Array(0),
    });
  }

  #reply(request: RtspRequest, reply: Reply): void {
    if (!this.#closed) this.#send(this.#response(request, reply));
  }

  /** Answers one request; returns a promise when the answer comes later. */
  #handle(request: RtspRequest): Promise<void> | undefined {
    const cseq = getHeader(request.headers, 'CSeq');
    if (cseq === undefined || !isCSeq(cseq)) {
      this.#reply(request, { status: 400 });
      return undefined;
    }
    if (request.version !== 'RTSP/1.0') {
      this.#reply(request, { status: 505 });
      return undefined;
    }
    const method = request.method;
    if (!(PUBLIC_METHODS as readonly string[]).includes(method)) {
      const known = (REFUSED_METHODS as readonly string[]).includes(method);
      this.#reply(request, {
        status: known ? 405 : 501,
        headers: known ? [['Allow', PUBLIC_METHODS.join(', ')]] : [],
      });
      return undefined;
    }
    const require = getHeader(request.headers, 'Require');
    if (require !== undefined) {
      // No option tags are supported (RFC 2326 §12.32).
      this.#reply(request, { status: 551, headers: [['Unsupported', require]] });
      return undefined;
    }
    let session: RtspSession | undefined;
    const sessionHeader = getHeader(request.headers, 'Session');
    if (sessionHeader !== undefined) {
      let id: string;
      try {
        id = parseSession(sessionHeader).id;
      } catch {
        this.#reply(request, { status: 454 });
        return undefined;
      }
      session = this.#ctx.sessions.get(id);
      // Another connection's session is answered exactly like an unknown one.
      if (session === undefined || session.owner !== this.info.id) {
        this.#reply(request, { status: 454 });
        return undefined;
      }
      session.lastActivity = this.#ctx.now();
    }
    const state = session?.state ?? 'init';
    if (!ALLOWED_IN_STATE[state].has(method)) {
      this.#reply(request, { status: 455, headers: sessionHeaders(session) });
      return undefined;
    }
    switch (method) {
      case 'OPTIONS':
        this.#reply(request, {
          status: 200,
          headers: [['Public', PUBLIC_METHODS.join(', ')], ...sessionHeaders(session)],
        });
        return undefined;
      case 'DESCRIBE':
        this.#describe(request);
        return undefined;
      case 'SETUP':
        return this.#setup(request, session);
      case 'PLAY':
        return this.#play(request, session as RtspSession);
      case 'PAUSE':
        this.#pause(request, session as RtspSession);
        return undefined;
      case 'TEARDOWN':
        this.#endSession(session as RtspSession, 'teardown');
        this.#reply(request, { status: 200 });
        return undefined;
      default:
        // GET_PARAMETER and SET_PARAMETER: empty ones are keepalives; no parameter is known.
        this.#reply(request, { status: request.body.length === 0 ? 200 : 451, headers: sessionHeaders(session) });
        return undefined;
    }
  }

  #target(request: RtspRequest): ResolvedTarget | undefined {
    const target = resolveTarget(request.uri, this.#ctx.mounts);
    if (target === undefined) this.#reply(request, { status: 404 });
    else if (target.mount.state !== 'running') {
      this.#reply(request, { status: 503 });
      return undefined;
    }
    return target;
  }

  #describe(request: RtspRequest): void {
    const target = this.#target(request);
    if (target === undefined) return;
    if (target.track !== undefined) {
      this.#reply(request, { status: 404 });
      return;
    }
    const sdp = target.mount.describe(this.info.peerAddress.includes(':') ? '0.0.0.0' : '127.0.0.1');
    this.#reply(request, {
      status: 200,
      headers: [
        ['Content-Type', 'application/sdp'],
        ['Content-Base', `${target.baseUrl}/`],
      ],
      body: TEXT.encode(serializeSdp(sdp)),
    });
  }

  #setup(request: RtspRequest, session: RtspSession | undefined): Promise<void> | undefined {
    const target = this.#target(request);
    if (target === undefined) return undefined;
    const mount = target.mount;
    let track = target.track;
    if (track === undefined) {
      // SETUP on the aggregate URL names a track only when there is one.
      if (mount.formats.length !== 1) {
        this.#reply(request, { status: 459 });
        return undefined;
      }
      track = 0;
    }
    if (track >= mount.formats.length) {
      this.#reply(request, { status: 404 });
      return undefined;
    }
    if (session !== undefined && (session.mount !== mount || session.setups.has(track))) {
      // One session plays one mount; a track is set up once.
      this.#reply(request, { status: session.mount !== mount ? 459 : 455, headers: sessionHeaders(session) });
      return undefined;
    }
    if (session === undefined && this.#ownedCount() >= this.#ctx.limits.maxSessionsPerConnection) {
      this.#reply(request, { status: 503 });
      return undefined;
    }
    const header = getHeader(request.headers, 'Transport');
    let offers: Transport[];
    try {
      if (header === undefined) throw new Error('no transport');
      offers = parseTransports(header);
    } catch {
      this.#reply(request, { status: 461 });
      return undefined;
    }
    const choice = this.#chooseTransport(offers, track);
    if (choice === undefined) {
      this.#reply(request, { status: 461 });
      return undefined;
    }
    const finish = (setup: TrackSetup) => {
      let s = session;
      if (s === undefined || s.closed) {
        s = new RtspSession({
          id: this.#ctx.sessionId(),
          owner: this.info.id,
          mount,
          baseUrl: target.baseUrl,
          peer: this.info.peerAddress,
          tls: this.info.tls,
          connectionKind: this.info.kind,
          now: this.#ctx.now(),
          timeoutMs: this.#ctx.limits.sessionTimeoutMs,
        });
        this.#ctx.sessions.add(s);
      }
      s.setups.set(track, setup);
      if (setup.output.kind === 'interleaved') {
        this.#channels.set(setup.output.rtpChannel, { session: s, track, rtcp: false });
        this.#channels.set(setup.output.rtcpChannel, { session: s, track, rtcp: true });
      }
      const live = s;
      setup.udp?.onRtcp((packet) => this.#onRtcp(live, track, packet));
      this.#reply(request, {
        status: 200,
        headers: [
          ['Transport', serializeTransport(setup.transport)],
          ['Session', serializeSession({ id: s.id, timeout: Math.round(s.timeoutMs / 1000) })],
        ],
      });
    };
    if (choice.kind === 'interleaved') {
      finish({ track, transport: choice.transport, output: choice.output });
      return undefined;
    }
    const udp = this.#ctx.udp as UdpAllocator;
    const offer = choice.offer;
    return udp.allocate().then(
      (pair) => {
        if (this.#closed || session?.closed) {
          pair.close();
          return;
        }
        const clientPort = offer.clientPort as readonly [number, number];
        const output: TrackOutput = {
          kind: 'udp',
          udp: pair.connect(this.info.peerAddress, clientPort[0], clientPort[1]),
        };
        const transport: Transport = {
          profile: 'RTP/AVP',
          lowerTransport: 'UDP',
          delivery: 'unicast',
          clientPort,
          serverPort: [pair.rtpPort, pair.rtcpPort],
          mode: 'play',
        };
        finish({ track, transport, output, udp: pair });
      },
      () => this.#reply(request, { status: 503 }),
    );
  }

  /**
   * The first offer the server can serve: interleaved TCP on any connection, UDP unicast
   * only on plain or TLS connections, with client ports, and only to the peer itself.
   */
  #chooseTransport(
    offers: readonly Transport[],
    track: number,
  ):
    | { kind: 'interleaved'; transport: Transport; output: TrackOutput }
    | { kind: 'udp'; offer: Transport }
    | undefined {
    for (const offer of offers) {
      if (offer.profile !== 'RTP/AVP' || offer.delivery === 'multicast') continue;
      if (offer.mode !== undefined && offer.mode !== 'play') continue;
      if (offer.lowerTransport === 'TCP') {
        const channels = offer.interleaved ?? this.#freeChannels(2 * track);
        if (channels === undefined || channels[0] === channels[1]) continue;
        // Channels already carrying another track of this connection cannot be shared.
        if (this.#channels.has(channels[0]) || this.#channels.has(channels[1])) continue;
        const transport: Transport = {
          profile: 'RTP/AVP',
          lowerTransport: 'TCP',
          delivery: 'unicast',
          interleaved: channels,
          mode: 'play',
        };
        return {
          kind: 'interleaved',
          transport,
          output: { kind: 'interleaved', rtpChannel: channels[0], rtcpChannel: channels[1] },
        };
      }
      // UDP: not inside a tunnel or a WebSocket (RFC 2326 §10.12 applies there); no reflection.
      if (this.info.kind !== 'tcp' || this.#ctx.udp === undefined) continue;
      if (offer.clientPort === undefined || offer.clientPort[0] === 0) continue;
      if (offer.destination !== undefined && offer.destination !== this.info.peerAddress) continue;
      return { kind: 'udp', offer };
    }
    return undefined;
  }

  #freeChannels(from: number): readonly [number, number] | undefined {
    for (let c = from; c + 1 <= 255; c += 2)
      if (!this.#channels.has(c) && !this.#channels.has(c + 1)) return [c, c + 1];
    return undefined;
  }

  #ownedCount(): number {
    return this.#ctx.sessions.ownedBy(this.info.id).length;
  }

  #play(request: RtspRequest, session: RtspSession): Promise<void> | undefined {
    const target = resolveTarget(request.uri, this.#ctx.mounts);
    if (target === undefined || target.mount !== session.mount) {
      this.#reply(request, { status: target === undefined ? 404 : 459, headers: sessionHeaders(session) });
      return undefined;
    }
    if (target.track !== undefined && session.setups.size > 1) {
      // PLAY of one track of several set up: RTSP 1.0 plays sessions as a whole.
      this.#reply(request, { status: 459, headers: sessionHeaders(session) });
      return undefined;
    }
    if (session.state === 'playing') {
      this.#reply(request, { status: 200, headers: [['Range', 'npt=now-'], ...sessionHeaders(session)] });
      return undefined;
    }
    if (session.reader === undefined) {
      const outputs = session.mount.formats.map((_, i) => session.setups.get(i)?.output);
      session.reader = new MediaReader({
        outputs,
        pipe: this.#out,
        framing: this.#out.framing,
        limits: this.#ctx.limits,
        now: this.#ctx.now,
      });
    }
    const reader = session.reader;
    session.state = 'playing';
    return new Promise<void>((resolve) => {
      session.mount.attach(reader, (starts) => {
        if (starts instanceof Error) {
          session.state = 'ready';
          this.#reply(request, { status: 503, headers: sessionHeaders(session) });
        } else {
          this.#reply(request, {
            status: 200,
            headers: [
              ['Range', serializeRange({ unit: 'npt', start: 'now' })],
              ['RTP-Info', rtpInfo(session, starts)],
              ...sessionHeaders(session),
            ],
          });
        }
        resolve();
      });
    });
  }

  #pause(request: RtspRequest, session: RtspSession): void {
    if (session.reader) session.mount.detach(session.reader);
    session.state = 'ready';
    this.#reply(request, { status: 200, headers: sessionHeaders(session) });
  }

  #endSession(session: RtspSession, reason: string): void {
    for (const [channel, c] of this.#channels) if (c.session === session) this.#channels.delete(channel);
    this.#ctx.sessions.remove(session);
    this.#ctx.onSessionEnd?.(session, reason);
  }

  #onFrame(channel: number, payload: Uint8Array): void {
    const c = this.#channels.get(channel);
    if (c === undefined || !c.rtcp || c.session.closed) return;
    this.#onRtcp(c.session, c.track, payload);
  }

  /** An RTCP packet from the client: proof of life, and receiver reports for `/stats`. */
  #onRtcp(session: RtspSession, track: number, packet: Uint8Array): void {
    const now = this.#ctx.now();
    session.lastActivity = now;
    let packets: ReturnType<typeof parseRtcpCompound>;
    try {
      packets = parseRtcpCompound(packet);
    } catch {
      return; // a malformed report changes nothing
    }
    for (const p of packets) {
      if (p.type !== 'rr' && p.type !== 'sr') continue;
      const block = p.reports[0];
      if (block === undefined) continue;
      session.receiverReports.set(track, {
        track,
        fractionLost: block.fractionLost / 256,
        cumulativeLost: block.cumulativeLost,
        jitter: block.jitter,
        at: now,
      });
    }
  }
}

function isCSeq(value: string): boolean {
  try {
    parseCSeq(value);
    return true;
  } catch {
    return false;
  }
}

function sessionHeaders(session: RtspSession | undefined): [string, string][] {
  return session === undefined ? [] : [['Session', session.id]];
}

function rtpInfo(session: RtspSession, starts: readonly TrackStart[]): string {
  const entries = [...session.setups.keys()]
    .sort((a, b) => a - b)
    .map((track) => {
      const start = starts[track] as TrackStart;
      return { url: `${session.baseUrl}/trackID=${track}`, seq: start.seq, rtptime: start.rtptime };
    });
  return serializeRtpInfo(entries);
}
