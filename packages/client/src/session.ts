import { type RtcpReportBlock, serializeRtcpCompound, SdesItemType } from '@rtspkit/rtp';
import {
  AuthClient,
  getHeader,
  MessageReader,
  parseRtpInfo,
  parseRtspUrl,
  parseSession,
  parseTokenList,
  parseTransports,
  type PortRange,
  resolveBaseUrl,
  resolveControlUrl,
  type RtspRequest,
  type RtspResponse,
  type RtspUrl,
  serializeRequest,
  serializeResponse,
  serializeTransport,
  type Transport,
} from '@rtspkit/rtsp';
import { fromAscii } from '@rtspkit/bytes';
import { controlOf, parseSdp, type Sdp, serializeSdp } from '@rtspkit/sdp';
import type { Format } from '@rtspkit/format';
import { type DepacketizerNote, type FormatDetails, formatDetails, formatsOf, isDepacketized } from './codecs.js';
import { ClientError, ClientErrorCode, type ClientErrorCodeValue } from './errors.js';
import { ACTIVE_STATES, ALLOWED_COMMANDS, type SessionCommand, type SessionState } from './states.js';
import { type AccessUnit, TrackReceiver, type TrackStats } from './track-receiver.js';
import { TrackSender } from './track-sender.js';

/** One media section of the DESCRIBE answer. */
export type ClientTrack = {
  /** Position in the SDP (`m=` order). */
  readonly index: number;
  /** `video`, `audio`, `application`, … as the SDP says. */
  readonly media: string;
  /** The resolved control URL SETUP goes to. */
  readonly control: string;
  /** The format used: the first of the section that is depacketized, else the first. */
  readonly format: Format;
  /** Codec string, picture size, frame rate, sample rate of {@link format}. */
  readonly details: FormatDetails;
  /** Every format the section lists. */
  readonly formats: readonly Format[];
  /** True when the session sets this track up. */
  readonly selected: boolean;
};

/** How media travels. */
export type MediaTransport = 'udp' | 'tcp';

/** Options of {@link ClientSession}. */
export type ClientSessionOptions = {
  /** `rtsp://`, `rtsps://`, `rtsp+http://`, `rtsp+ws://`, `ws://`, … (credentials may be in it). */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /**
   * Media over UDP or interleaved in the connection. Default: `udp` for `rtsp://`, `tcp`
   * for every other scheme (tunnels and WebSocket carry interleaved media only).
   */
  readonly transport?: MediaTransport;
  /** Which tracks to set up. Default: every track whose codec is depacketized (H.264, H.265, AAC) or G.711. */
  readonly selectTrack?: (track: Omit<ClientTrack, 'selected'>) => boolean;
  /** PLAY (or RECORD when publishing) as soon as the tracks are set up. Default true. */
  readonly autoPlay?: boolean;
  /**
   * Publish instead of play: ANNOUNCE this session description, SETUP each of its media
   * sections with `mode=record` (controls resolve against the URL), RECORD; then send
   * packets with {@link ClientSession.sendRtp}.
   */
  readonly publish?: Sdp;
  /** Longest wait for a response, ms. Default 10 000. */
  readonly requestTimeoutMs?: number;
  /** With UDP media: switch to TCP when no packet arrived this long after PLAY, ms. Default 3000. */
  readonly udpTimeoutMs?: number;
  /** Fail with `ERR_CLIENT_MEDIA_TIMEOUT` after this long without any media while playing, ms. Default 10 000. */
  readonly mediaTimeoutMs?: number;
  /** Keepalive period, ms. Default: half the Session timeout (60 s when the server states none). */
  readonly keepaliveMs?: number;
  /** RTCP receiver report period, ms. Default 5000 (RFC 3550 §6.2's minimum). */
  readonly receiverReportMs?: number;
  /** RTCP sender report period while publishing, ms. Default 5000 (RFC 3550 §6.2's minimum). */
  readonly senderReportMs?: number;
  /** How long the UDP reorder buffer waits for a missing packet, ms. Default 100. */
  readonly reorderDelayMs?: number;
  /** Most redirects followed. Default 5. */
  readonly maxRedirects?: number;
  /** Most 401 retries per request (stale nonces, nonce changes). Default 3. */
  readonly maxAuthRetries?: number;
  readonly userAgent?: string;
  /** Randomness (auth cnonces, the RTCP SSRC). Default crypto.getRandomValues. */
  readonly randomBytes?: (length: number) => Uint8Array;
};

/** What the session reports; drain with {@link ClientSession.takeEvents}. */
export type ClientEvent =
  | { readonly type: 'tracks'; readonly tracks: readonly ClientTrack[]; readonly sdp: Sdp }
  /** Bind an RTP/RTCP UDP port pair per selected track, then call {@link ClientSession.setUdpPorts}. */
  | { readonly type: 'need-udp-ports'; readonly count: number }
  | { readonly type: 'playing'; readonly transport: MediaTransport }
  | { readonly type: 'paused' }
  | { readonly type: 'recording'; readonly transport: MediaTransport }
  | { readonly type: 'access-unit'; readonly unit: AccessUnit }
  /** A video track's format changed: parameter sets arrived in band (or new ones). */
  | { readonly type: 'format'; readonly track: number; readonly format: Format; readonly details: FormatDetails }
  /** Something a depacketizer dropped or noticed (loss, a malformed packet). */
  | { readonly type: 'note'; readonly track: number; readonly note: DepacketizerNote }
  /** UDP media never arrived: the session switched to TCP interleaved. */
  | { readonly type: 'transport-fallback'; readonly from: MediaTransport; readonly to: MediaTransport }
  /** The server sent 3xx: close the connection, open one to `url`, call {@link ClientSession.connect}. */
  | { readonly type: 'redirect'; readonly url: string }
  /** A request the server sent (answered already). */
  | { readonly type: 'server-request'; readonly request: RtspRequest }
  /** A source said RTCP BYE. */
  | { readonly type: 'bye'; readonly track: number }
  /** TEARDOWN done (or given up on): close the connection. */
  | { readonly type: 'closed' }
  /** The session cannot go on; the adapter may reconnect and call {@link ClientSession.connect}. */
  | { readonly type: 'error'; readonly error: ClientError };

/** A UDP datagram to send to the server's host. */
export type OutgoingDatagram = {
  readonly track: number;
  readonly kind: 'rtp' | 'rtcp';
  readonly port: number;
  readonly data: Uint8Array;
};

/** Session-wide counters. */
export type ClientStats = {
  readonly state: SessionState;
  readonly transport: MediaTransport;
  readonly tracks: ReadonlyArray<TrackStats & { readonly track: number }>;
  readonly requestsSent: number;
  readonly keepalivesSent: number;
  readonly receiverReportsSent: number;
  /** RTCP sender reports sent while publishing, all tracks. */
  readonly senderReportsSent: number;
};

type Purpose =
  | 'options'
  | 'describe'
  | 'redescribe'
  | 'announce'
  | 'setup'
  | 'play'
  | 'pause'
  | 'record'
  | 'teardown'
  | 'keepalive';

type Pending = {
  readonly purpose: Purpose;
  readonly method: string;
  readonly uri: string;
  readonly extra: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
  readonly sentAt: number;
  readonly authRetries: number;
  /** Setup: which selected track. */
  readonly track?: number;
};

type SetupTrack = {
  readonly track: ClientTrack;
  receiver: TrackReceiver;
  /** What was sent on the track, when publishing. */
  sender: TrackSender | undefined;
  transport: Transport | undefined;
  clientPorts: PortRange | undefined;
  /** Interleaved channels asked for, or granted. */
  channels: PortRange | undefined;
};

const EMPTY = new Uint8Array(0);
const DEFAULT_SESSION_TIMEOUT_S = 60;
/** RTCP SDES CNAME of the client's reports (RFC 3550 §6.5.1). */
const CNAME = 'rtspkit';

const defaultRandomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

const STATUS_HINTS: Readonly<Record<number, string>> = {
  403: 'the server forbids this stream to these credentials',
  404: 'check the path of the URL (the stream or mount name)',
  405: 'this path does not allow the method; to publish, use a path of a server that accepts ANNOUNCE/RECORD',
  454: 'the server forgot the session; reconnect',
  461: 'try the other media transport (udp or tcp)',
  503: 'the server is busy or the camera has too many clients; try again later',
};

/**
 * A sans-IO RTSP client session: OPTIONS, DESCRIBE, SETUP of each wanted track, PLAY,
 * PAUSE, TEARDOWN, and ANNOUNCE/RECORD; Basic and Digest authentication; redirects;
 * keepalives; RTCP receiver reports; depacketized access units with PTS, DTS and wall clock.
 *
 * It owns no socket and no timer. The adapter feeds it the bytes of the RTSP connection
 * ({@link receive}), UDP datagrams ({@link receiveDatagram}) and the time ({@link poll} at
 * {@link nextWakeup}); after each call it sends {@link takeTransmit} on the connection,
 * {@link takeDatagrams} to the server's host, and handles {@link takeEvents}. Every input
 * takes `now` in ms.
 *
 * @example
 * const session = new ClientSession({ url: 'rtsp://cam/live', transport: 'tcp' });
 * session.connect(Date.now());
 * socket.write(concat(session.takeTransmit()));
 * socket.on('data', (chunk) => {
 *   session.receive(chunk, Date.now());
 *   for (const b of session.takeTransmit()) socket.write(b);
 *   for (const e of session.takeEvents()) if (e.type === 'access-unit') use(e.unit);
 * });
 * @see RFC 2326 §10, RFC 7826 §13
 */
export class ClientSession {
  readonly #options: ClientSessionOptions;
  #url: RtspUrl;
  /** The Request-URI of the presentation (rtsp:// even inside a tunnel). */
  #requestUrl: string;
  #auth: AuthClient | undefined;
  #state: SessionState = 'idle';
  #reader = new MessageReader();
  #cseq = 0;
  readonly #pending = new Map<number, Pending>();
  #transmit: Uint8Array[] = [];
  #datagrams: OutgoingDatagram[] = [];
  #events: ClientEvent[] = [];
  #transport: MediaTransport;
  #public: string[] | undefined;
  #sdp: Sdp | undefined;
  #tracks: ClientTrack[] = [];
  #setup: SetupTrack[] = [];
  #setupIndex = 0;
  #aggregateUrl = '';
  #sessionId: string | undefined;
  #sessionTimeoutS = DEFAULT_SESSION_TIMEOUT_S;
  #nextKeepalive: number | undefined;
  #nextReport: number | undefined;
  #playStartedAt: number | undefined;
  #lastMedia: number | undefined;
  #udpMediaSeen = false;
  #redirects = 0;
  readonly #quirks: string[] = [];
  /** Tracks whose SETUP was retried after a second DESCRIBE. */
  readonly #redescribed = new Set<number>();
  #ssrc: number;
  #requestsSent = 0;
  #keepalivesSent = 0;
  #reportsSent = 0;
  #senderReportsSent = 0;
  /** Channel → (setup index, rtcp?). */
  #channels = new Map<number, { index: number; rtcp: boolean }>();

  constructor(options: ClientSessionOptions) {
    this.#options = options;
    this.#url = parseUrl(options.url);
    this.#requestUrl = requestUrlOf(this.#url);
    this.#transport = options.transport ?? (this.#url.scheme === 'rtsp' ? 'udp' : 'tcp');
    if (this.#url.transport !== 'tcp') this.#transport = 'tcp';
    const username = options.username ?? this.#url.username;
    const password = options.password ?? this.#url.password;
    const randomBytes = options.randomBytes ?? defaultRandomBytes;
    if (username !== undefined) this.#auth = new AuthClient({ username, password: password ?? '' }, { randomBytes });
    this.#ssrc = new DataView(randomBytes(4).buffer).getUint32(0);
  }

  /** The current state (see {@link SessionState}). */
  get state(): SessionState {
    return this.#state;
  }

  /** The URL connected to (after redirects), credentials left out. */
  get url(): RtspUrl {
    return this.#url;
  }

  /** The media transport in use. */
  get transport(): MediaTransport {
    return this.#transport;
  }

  /** The tracks of the last DESCRIBE. */
  get tracks(): readonly ClientTrack[] {
    return this.#tracks;
  }

  /** The session description of the last DESCRIBE. */
  get sdp(): Sdp | undefined {
    return this.#sdp;
  }

  /** Methods the server listed in `Public` (upper case), once OPTIONS was answered. */
  get publicMethods(): readonly string[] | undefined {
    return this.#public;
  }

  /**
   * Deviations from RFC 2326 the session noticed and worked around, one sentence each, in
   * the order seen (for `rtspkit probe` and bug reports).
   */
  get quirks(): readonly string[] {
    return this.#quirks;
  }

  /** The session timeout the server stated (s), 60 by default. */
  get sessionTimeout(): number {
    return this.#sessionTimeoutS;
  }

  /** The keepalive period in use, ms. */
  get keepalivePeriod(): number {
    return this.#options.keepaliveMs ?? Math.max(1000, (this.#sessionTimeoutS * 1000) / 2);
  }

  /** The authentication scheme in use (`Digest MD5`, `Basic`), once challenged. */
  get authScheme(): string | undefined {
    return this.#auth?.scheme;
  }

  /**
   * Starts (or restarts, after a reconnect or a redirect) on a fresh connection: OPTIONS,
   * then DESCRIBE. Protocol state of an earlier connection is dropped; media counters stay.
   */
  connect(now: number): void {
    this.#check('connect');
    this.#reader = new MessageReader();
    this.#pending.clear();
    this.#sessionId = undefined;
    this.#setup = [];
    this.#setupIndex = 0;
    this.#channels.clear();
    this.#nextKeepalive = undefined;
    this.#nextReport = undefined;
    this.#playStartedAt = undefined;
    this.#udpMediaSeen = false;
    this.#state = 'options';
    this.#send(now, 'options', 'OPTIONS', this.#requestUrl);
  }

  /** PLAY (from `ready` or `paused`). */
  play(now: number): void {
    this.#check('play');
    this.#send(now, 'play', 'PLAY', this.#aggregateUrl, [['Range', 'npt=0.000-']]);
  }

  /** RECORD (publishing, from `ready`). */
  record(now: number): void {
    this.#check('record');
    if (this.#options.publish === undefined) throw this.#invalid('record without publish');
    this.#send(now, 'record', 'RECORD', this.#aggregateUrl, [['Range', 'npt=0.000-']]);
  }

  /** PAUSE while playing. */
  pause(now: number): void {
    this.#check('pause');
    this.#send(now, 'pause', 'PAUSE', this.#aggregateUrl);
  }

  /**
   * TEARDOWN, then `closed`. Before a session exists, closes at once. Calling it again
   * while closing gives up waiting for the answer.
   */
  close(now: number): void {
    this.#check('close');
    if (this.#state === 'closed') return;
    if (this.#sessionId === undefined || this.#state === 'closing' || this.#state === 'failed') {
      this.#closed();
      return;
    }
    this.#state = 'closing';
    this.#send(now, 'teardown', 'TEARDOWN', this.#aggregateUrl);
  }

  /** The adapter bound these RTP/RTCP port pairs, one per selected track (after `need-udp-ports`). */
  setUdpPorts(ports: readonly PortRange[], now: number): void {
    if (this.#state !== 'ports') throw this.#invalid('setUdpPorts');
    this.#setup.forEach((s, i) => {
      s.clientPorts = ports[i];
    });
    this.#state = 'setup';
    this.#sendSetup(now);
  }

  /** The RTSP connection closed (or could not open). */
  connectionLost(now: number, cause?: unknown): void {
    void now;
    if (this.#state === 'closed' || this.#state === 'failed' || this.#state === 'idle') return;
    if (this.#state === 'closing') {
      this.#closed();
      return;
    }
    this.#fail(
      ClientErrorCode.Connection,
      'the connection closed',
      'the server or the network dropped the connection; it may be restarting',
      undefined,
      undefined,
      cause,
    );
  }

  /** Bytes of the RTSP connection (any chunking). */
  receive(chunk: Uint8Array, now: number): void {
    let items: ReturnType<MessageReader['push']>;
    try {
      items = this.#reader.push(chunk);
    } catch (e) {
      this.#fail(ClientErrorCode.Protocol, `unreadable data from the server: ${(e as Error).message}`, undefined);
      return;
    }
    for (const item of items) {
      if (this.#state === 'failed' || this.#state === 'closed') return;
      if (item.kind === 'frame') this.#onFrame(item.channel, item.payload, now);
      else if (item.kind === 'response') this.#onResponse(item, now);
      else this.#onServerRequest(item);
    }
  }

  /** A UDP datagram that arrived on the RTP or RTCP port of selected track `track`. */
  receiveDatagram(track: number, kind: 'rtp' | 'rtcp', data: Uint8Array, now: number): void {
    const s = this.#setup.find((x) => x.track.index === track);
    if (s === undefined || this.#transport !== 'udp') return;
    this.#udpMediaSeen = true;
    this.#media(s, kind === 'rtcp', data, now);
  }

  /** Runs what is due at `now`: timeouts, keepalives, receiver reports, the reorder buffers. */
  poll(now: number): void {
    if (this.#state === 'closed' || this.#state === 'failed' || this.#state === 'idle') return;
    const timeout = this.#options.requestTimeoutMs ?? 10_000;
    for (const [cseq, p] of this.#pending) {
      if (now - p.sentAt < timeout) continue;
      this.#pending.delete(cseq);
      // Some servers never answer keepalives; the session lives on.
      if (p.purpose === 'keepalive') {
        this.#quirk(`${p.method} keepalives go unanswered`);
        continue;
      }
      if (p.purpose === 'teardown') {
        this.#closed();
        return;
      }
      this.#fail(
        ClientErrorCode.Timeout,
        `no answer to ${p.method} within ${timeout} ms`,
        'the server is slow or unreachable',
        p.uri,
      );
      return;
    }
    if (!ACTIVE_STATES.has(this.#state)) return;
    if (this.#nextKeepalive !== undefined && now >= this.#nextKeepalive) this.#keepalive(now);
    if (this.#nextReport !== undefined && now >= this.#nextReport) this.#report(now);
    const units: AccessUnit[] = [];
    const notes: DepacketizerNote[] = [];
    for (const s of this.#setup) {
      s.receiver.poll(now, units, notes);
      this.#emitMedia(s, units, notes);
    }
    if (this.#state === 'playing' && this.#playStartedAt !== undefined) {
      const udpTimeout = this.#options.udpTimeoutMs ?? 3000;
      if (this.#transport === 'udp' && !this.#udpMediaSeen && now - this.#playStartedAt >= udpTimeout) {
        this.#fallbackToTcp(now);
        return;
      }
      const mediaTimeout = this.#options.mediaTimeoutMs ?? 10_000;
      const last = this.#lastMedia ?? this.#playStartedAt;
      if (now - last >= mediaTimeout) {
        this.#fail(
          ClientErrorCode.MediaTimeout,
          `no media for ${mediaTimeout} ms`,
          'the camera stopped sending; it may be restarting',
          this.#aggregateUrl,
        );
      }
    }
  }

  /** When {@link poll} next has work (ms), or undefined when only input can move the session. */
  nextWakeup(): number | undefined {
    if (this.#state === 'closed' || this.#state === 'failed' || this.#state === 'idle') return undefined;
    let next = Number.POSITIVE_INFINITY;
    const timeout = this.#options.requestTimeoutMs ?? 10_000;
    for (const p of this.#pending.values()) next = Math.min(next, p.sentAt + timeout);
    if (ACTIVE_STATES.has(this.#state)) {
      if (this.#nextKeepalive !== undefined) next = Math.min(next, this.#nextKeepalive);
      if (this.#nextReport !== undefined) next = Math.min(next, this.#nextReport);
      for (const s of this.#setup) next = Math.min(next, s.receiver.nextDeadline() ?? next);
      if (this.#state === 'playing' && this.#playStartedAt !== undefined) {
        if (this.#transport === 'udp' && !this.#udpMediaSeen)
          next = Math.min(next, this.#playStartedAt + (this.#options.udpTimeoutMs ?? 3000));
        next = Math.min(next, (this.#lastMedia ?? this.#playStartedAt) + (this.#options.mediaTimeoutMs ?? 10_000));
      }
    }
    return Number.isFinite(next) ? next : undefined;
  }

  /** Bytes to write on the RTSP connection, in order. */
  takeTransmit(): Uint8Array[] {
    const out = this.#transmit;
    this.#transmit = [];
    return out;
  }

  /** UDP datagrams to send to the server's host. */
  takeDatagrams(): OutgoingDatagram[] {
    const out = this.#datagrams;
    this.#datagrams = [];
    return out;
  }

  /** What happened since the last call. */
  takeEvents(): ClientEvent[] {
    const out = this.#events;
    this.#events = [];
    return out;
  }

  /** Reception statistics. */
  stats(): ClientStats {
    return {
      state: this.#state,
      transport: this.#transport,
      tracks: this.#setup.map((s) => ({ track: s.track.index, ...s.receiver.stats() })),
      requestsSent: this.#requestsSent,
      keepalivesSent: this.#keepalivesSent,
      receiverReportsSent: this.#reportsSent,
      senderReportsSent: this.#senderReportsSent,
    };
  }

  // ── requests ──────────────────────────────────────────────────────────────

  #send(
    now: number,
    purpose: Purpose,
    method: string,
    uri: string,
    extra: ReadonlyArray<readonly [string, string]> = [],
    body: Uint8Array = EMPTY,
    authRetries = 0,
    track?: number,
  ): void {
    const cseq = ++this.#cseq;
    const headers: Array<[string, string]> = [
      ['CSeq', String(cseq)],
      ['User-Agent', this.#options.userAgent ?? 'rtspkit'],
    ];
    for (const [n, v] of extra) headers.push([n, v]);
    if (this.#sessionId !== undefined && purpose !== 'options' && purpose !== 'describe' && purpose !== 'redescribe')
      headers.push(['Session', this.#sessionId]);
    const authorization = this.#auth?.authorization(method, uri);
    if (authorization !== undefined) headers.push(['Authorization', authorization]);
    if (body.length > 0) headers.push(['Content-Length', String(body.length)]);
    this.#transmit.push(serializeRequest({ method, uri, version: 'RTSP/1.0', headers, body }));
    const pending: Pending = { purpose, method, uri, extra, body, sentAt: now, authRetries };
    this.#pending.set(cseq, track === undefined ? pending : { ...pending, track });
    this.#requestsSent++;
  }

  #resend(p: Pending, now: number): void {
    this.#send(now, p.purpose, p.method, p.uri, p.extra, p.body, p.authRetries + 1, p.track);
  }

  #onResponse(response: RtspResponse, now: number): void {
    const cseqText = getHeader(response.headers, 'CSeq');
    let cseq = cseqText === undefined ? Number.NaN : Number.parseInt(cseqText.trim(), 10);
    // A camera that leaves CSeq out (or garbles it) answers the oldest request.
    if (!this.#pending.has(cseq)) {
      cseq = this.#pending.keys().next().value ?? Number.NaN;
      this.#quirk(
        cseqText === undefined
          ? 'responses without CSeq'
          : `a response with an unknown CSeq ${JSON.stringify(cseqText)}`,
      );
    }
    const p = this.#pending.get(cseq);
    if (p === undefined) return;
    this.#pending.delete(cseq);
    const status = response.status;
    if (p.purpose === 'teardown') {
      this.#closed();
      return;
    }
    // Closing: only the TEARDOWN answer matters now.
    if (this.#state === 'closing') return;
    if (status === 401) {
      this.#onUnauthorized(p, response, now);
      return;
    }
    if (p.purpose === 'keepalive') {
      // GET_PARAMETER refused: OPTIONS does the job from now on.
      if (status === 405 || status === 501 || status === 551)
        this.#public = this.#public?.filter((m) => m !== 'GET_PARAMETER');
      return;
    }
    if (status >= 300 && status < 400 && status !== 304) {
      this.#onRedirect(p, response);
      return;
    }
    if (status >= 200 && status < 300) {
      this.#onSuccess(p, response, now);
      return;
    }
    // Some cameras answer OPTIONS with an error and serve the stream all the same.
    if (p.purpose === 'options') {
      this.#quirk(`OPTIONS answered ${status}`);
      this.#afterOptions(now);
      return;
    }
    if (p.purpose === 'play' && this.#state === 'paused') return;
    // Some servers refuse a SETUP unless a DESCRIBE came just before it: describe again,
    // once per track, then repeat the SETUP.
    if (p.purpose === 'setup' && (p.track ?? 0) > 0 && !this.#redescribed.has(p.track ?? 0)) {
      this.#redescribed.add(p.track ?? 0);
      this.#quirk(`SETUP refused (${status}) until DESCRIBE was sent again`);
      this.#send(now, 'redescribe', 'DESCRIBE', this.#requestUrl, [['Accept', 'application/sdp']], EMPTY, 0, p.track);
      return;
    }
    const code = status === 404 ? ClientErrorCode.NotFound : ClientErrorCode.Status;
    const hint = STATUS_HINTS[status] ?? `the server refused ${p.method}`;
    this.#fail(code, `${p.method} answered ${status} ${response.reason}`.trim(), hint, p.uri, status);
  }

  #onUnauthorized(p: Pending, response: RtspResponse, now: number): void {
    const hintCredentials =
      this.#auth === undefined
        ? 'the server wants a username and password: give them in the URL (rtsp://user:password@host/path) or as options'
        : 'check the username and password';
    if (this.#auth === undefined) {
      this.#fail(ClientErrorCode.Unauthorized, `${p.method} needs credentials (401)`, hintCredentials, p.uri, 401);
      return;
    }
    let retry: boolean;
    try {
      retry = this.#auth.handleUnauthorized(response.headers);
    } catch (e) {
      this.#fail(
        ClientErrorCode.Protocol,
        `unreadable WWW-Authenticate: ${(e as Error).message}`,
        undefined,
        p.uri,
        401,
      );
      return;
    }
    const offered = response.headers.filter(([n]) => n.toLowerCase() === 'www-authenticate').map(([, v]) => v);
    if (!retry && this.#auth.scheme === undefined) {
      this.#fail(
        ClientErrorCode.UnsupportedAuth,
        `no supported authentication scheme in ${JSON.stringify(offered.join(', ').slice(0, 120))}`,
        'the server wants an authentication this client does not implement',
        p.uri,
        401,
      );
      return;
    }
    // A request that already answered a challenge and is refused again, without the nonce
    // being stale, had wrong credentials: servers issue a fresh nonce with every 401, so
    // a new nonce alone says nothing (RFC 7616 §3.3 stale).
    const stale = offered.some((v) => /\bstale\s*=\s*"?true/i.test(v));
    if (!retry || (p.authRetries > 0 && !stale) || p.authRetries >= (this.#options.maxAuthRetries ?? 3)) {
      this.#fail(
        ClientErrorCode.Unauthorized,
        'the server refused the username or password (401)',
        hintCredentials,
        p.uri,
        401,
      );
      return;
    }
    this.#resend(p, now);
  }

  #onRedirect(p: Pending, response: RtspResponse): void {
    const location = getHeader(response.headers, 'Location')?.trim();
    if (location === undefined || location === '') {
      this.#fail(ClientErrorCode.Redirect, `${response.status} without Location`, undefined, p.uri, response.status);
      return;
    }
    if (++this.#redirects > (this.#options.maxRedirects ?? 5)) {
      this.#fail(
        ClientErrorCode.Redirect,
        'too many redirects',
        'the server redirects in a loop',
        p.uri,
        response.status,
      );
      return;
    }
    let next: RtspUrl;
    try {
      next = parseUrl(resolveControlUrl(`${this.#url.scheme}://${hostPort(this.#url)}`, location));
    } catch {
      this.#fail(ClientErrorCode.Redirect, `unusable Location ${JSON.stringify(location)}`, undefined, p.uri);
      return;
    }
    // Keep the way of connecting (tunnel, WebSocket) and the credentials.
    const kept = this.#url;
    this.#url = {
      ...next,
      ...(kept.username === undefined ? {} : { username: kept.username }),
      ...(kept.password === undefined ? {} : { password: kept.password }),
    };
    this.#requestUrl = requestUrlOf(this.#url);
    this.#state = 'failed';
    this.#pending.clear();
    this.#events.push({ type: 'redirect', url: location });
  }

  #onSuccess(p: Pending, response: RtspResponse, now: number): void {
    switch (p.purpose) {
      case 'options': {
        const list = getHeader(response.headers, 'Public');
        if (list === undefined || list.trim() === '') this.#quirk('no Public header in the OPTIONS answer');
        if (list !== undefined) {
          try {
            this.#public = parseTokenList(list).map((m) => m.toUpperCase());
          } catch {
            this.#public = list.split(',').map((m) => m.trim().toUpperCase());
          }
        }
        this.#afterOptions(now);
        return;
      }
      case 'describe':
        this.#onDescribe(p, response, now);
        return;
      case 'redescribe':
        this.#sendSetup(now);
        return;
      case 'announce':
        this.#onAnnounce(now);
        return;
      case 'record':
        this.#state = 'recording';
        this.#nextReport = now + (this.#options.senderReportMs ?? 5000);
        this.#events.push({ type: 'recording', transport: this.#transport });
        return;
      case 'setup':
        this.#onSetup(p, response, now);
        return;
      case 'play':
        this.#onPlay(response, now);
        return;
      case 'pause':
        this.#state = 'paused';
        this.#events.push({ type: 'paused' });
        return;
      default:
        return;
    }
  }

  #afterOptions(now: number): void {
    if (this.#state !== 'options') return;
    const publish = this.#options.publish;
    if (publish !== undefined) {
      this.#state = 'announce';
      const body = fromAscii(serializeSdp(publish));
      this.#send(now, 'announce', 'ANNOUNCE', this.#requestUrl, [['Content-Type', 'application/sdp']], body);
      return;
    }
    this.#state = 'describe';
    this.#send(now, 'describe', 'DESCRIBE', this.#requestUrl, [['Accept', 'application/sdp']]);
  }

  #onDescribe(p: Pending, response: RtspResponse, now: number): void {
    let sdp: Sdp;
    try {
      sdp = parseSdp(response.body);
    } catch (e) {
      this.#fail(ClientErrorCode.Protocol, `unreadable SDP: ${(e as Error).message}`, undefined, p.uri);
      return;
    }
    const base = resolveBaseUrl(response.headers, p.uri);
    const sessionControl = controlOf(sdp);
    this.#aggregateUrl = sessionControl === undefined ? base : resolveControlUrl(base, sessionControl);
    const tracks: ClientTrack[] = [];
    sdp.media.forEach((media, index) => {
      const formats = formatsOf(media);
      const format = formats.find(isDepacketized) ?? formats.find((f) => f.codec === 'g711') ?? formats[0];
      if (format === undefined) return;
      const control = resolveControlUrl(base, controlOf(media) ?? '');
      const track = { index, media: media.type, control, format, details: formatDetails(format, media), formats };
      const selected = this.#options.selectTrack
        ? this.#options.selectTrack(track)
        : isDepacketized(format) || format.codec === 'g711';
      tracks.push({ ...track, selected });
    });
    this.#sdp = sdp;
    this.#tracks = tracks;
    this.#events.push({ type: 'tracks', tracks, sdp });
    const chosen = tracks.filter((t) => t.selected);
    if (chosen.length === 0) {
      const found = tracks.map((t) => `${t.media} ${encodingOf(t.format)}`).join(', ') || 'none';
      this.#fail(
        ClientErrorCode.UnsupportedCodec,
        `no track this client can read (the stream has: ${found})`,
        'H.264, H.265, AAC and G.711 are supported; set the camera to one of them',
        p.uri,
      );
      return;
    }
    const reorder = this.#transport === 'udp';
    this.#beginSetup(
      chosen.map((track) => ({
        track,
        receiver: new TrackReceiver(track.index, track.format, {
          reorder,
          ...(this.#options.reorderDelayMs === undefined ? {} : { reorderDelayMs: this.#options.reorderDelayMs }),
        }),
        sender: undefined,
      })),
      now,
    );
  }

  /** The announced media sections become the tracks to SETUP (RFC 2326 §10.3, §10.11). */
  #onAnnounce(now: number): void {
    const sdp = this.#options.publish!;
    const base = this.#requestUrl;
    const sessionControl = controlOf(sdp);
    this.#aggregateUrl = sessionControl === undefined ? base : resolveControlUrl(base, sessionControl);
    this.#tracks = sdp.media.flatMap((media, index) => {
      const format = formatsOf(media)[0];
      if (format === undefined) return [];
      const control = resolveControlUrl(base, controlOf(media) ?? `trackID=${index}`);
      return [
        {
          index,
          media: media.type,
          control,
          format,
          details: formatDetails(format, media),
          formats: [format],
          selected: true,
        },
      ];
    });
    this.#beginSetup(
      this.#tracks.map((track) => ({
        track,
        receiver: new TrackReceiver(track.index, track.format, { reorder: false }),
        sender: new TrackSender(track.format.clockRate),
      })),
      now,
    );
  }

  /**
   * Starts the SETUP of `tracks`, one request per track in order (RFC 2326 §10.4): at once
   * over TCP; over UDP once the adapter has bound a port pair per track (`need-udp-ports`,
   * then {@link setUdpPorts}).
   */
  #beginSetup(tracks: ReadonlyArray<Pick<SetupTrack, 'track' | 'receiver' | 'sender'>>, now: number): void {
    this.#setup = tracks.map((t) => ({ ...t, transport: undefined, clientPorts: undefined, channels: undefined }));
    this.#setupIndex = 0;
    if (this.#transport === 'udp') {
      this.#state = 'ports';
      this.#events.push({ type: 'need-udp-ports', count: this.#setup.length });
      return;
    }
    this.#state = 'setup';
    this.#sendSetup(now);
  }

  /**
   * Sends one serialized RTP packet of announced track `track` at `now` (Unix ms) while
   * recording: interleaved on the connection, or as a datagram to the server's port for that
   * track. The track's first packet (of each SSRC) anchors its RTP time to `now` and is
   * followed at once by a sender report; more follow every `senderReportMs` (RFC 3550 §6.4.1).
   * Send packets at their media time (in real time) for the reports to map time right.
   *
   * @throws ClientError `ERR_CLIENT_INVALID_STATE` unless recording; RtpError when `packet` is not RTP.
   */
  sendRtp(track: number, packet: Uint8Array, now: number): void {
    if (this.#state !== 'recording') throw this.#invalid('sendRtp');
    const s = this.#setup.find((x) => x.track.index === track);
    if (s?.sender === undefined) throw new ClientError(ClientErrorCode.InvalidState, `no announced track ${track}`);
    const first = s.sender.sent(packet, now);
    if (this.#transport === 'tcp') {
      const channel = s.channels?.[0];
      if (channel !== undefined) this.#transmit.push(interleave(channel, packet));
    } else {
      const port = s.transport?.serverPort?.[0];
      if (port !== undefined) this.#datagrams.push({ track, kind: 'rtp', port, data: packet });
    }
    // A report right after the first packet lets a receiver place the track on the wall clock at once.
    if (first) this.#senderReport(s, now);
  }

  #sendSetup(now: number): void {
    const i = this.#setupIndex;
    const s = this.#setup[i]!;
    let transport: Transport;
    if (this.#transport === 'udp' && s.clientPorts !== undefined) {
      transport = { profile: 'RTP/AVP', lowerTransport: 'UDP', delivery: 'unicast', clientPort: s.clientPorts };
    } else {
      s.channels = [2 * i, 2 * i + 1];
      transport = { profile: 'RTP/AVP', lowerTransport: 'TCP', delivery: 'unicast', interleaved: s.channels };
    }
    // Lower case: FFmpeg's listener refuses `mode=RECORD`.
    if (this.#options.publish !== undefined) transport = { ...transport, mode: 'record' };
    this.#send(now, 'setup', 'SETUP', s.track.control, [['Transport', serializeTransport(transport)]], EMPTY, 0, i);
  }

  #onSetup(p: Pending, response: RtspResponse, now: number): void {
    const s = this.#setup[p.track ?? 0]!;
    const sessionHeader = getHeader(response.headers, 'Session');
    if (sessionHeader !== undefined && sessionHeader.trim() !== '') {
      try {
        const session = parseSession(sessionHeader);
        this.#sessionId = session.id;
        if (session.timeout !== undefined && session.timeout > 0) this.#sessionTimeoutS = session.timeout;
      } catch (e) {
        this.#fail(ClientErrorCode.Protocol, `unreadable Session: ${(e as Error).message}`, undefined, p.uri);
        return;
      }
    }
    const transportHeader = getHeader(response.headers, 'Transport');
    let granted: Transport | undefined;
    if (transportHeader !== undefined && transportHeader.trim() !== '') {
      try {
        granted = parseTransports(transportHeader)[0];
      } catch {
        // An unreadable Transport in a 200: go on with what was asked for.
        granted = undefined;
      }
    }
    s.transport = granted;
    if (granted === undefined) this.#quirk('SETUP answered without a readable Transport: using the one asked for');
    if (sessionHeader === undefined || sessionHeader.trim() === '') this.#quirk('SETUP answered without Session');
    if (this.#sessionTimeoutS < 30) this.#quirk(`a short session timeout (${this.#sessionTimeoutS} s)`);
    if (this.#transport === 'udp' && granted !== undefined && granted.serverPort === undefined)
      this.#quirk('no server_port in the SETUP answer: no receiver reports are sent');
    if (this.#transport === 'tcp') {
      // A camera that leaves `interleaved=` out of its answer uses the channels asked for.
      if (granted !== undefined && granted.interleaved === undefined)
        this.#quirk('no interleaved= in the SETUP answer: using the channels asked for');
      if (granted?.interleaved !== undefined) s.channels = granted.interleaved;
      const [rtp, rtcp] = s.channels!;
      this.#channels.set(rtp, { index: p.track ?? 0, rtcp: false });
      this.#channels.set(rtcp, { index: p.track ?? 0, rtcp: true });
    }
    this.#setupIndex++;
    if (this.#setupIndex < this.#setup.length) {
      this.#sendSetup(now);
      return;
    }
    this.#state = 'ready';
    this.#nextKeepalive = now + this.keepalivePeriod;
    if (!(this.#options.autoPlay ?? true)) return;
    if (this.#options.publish !== undefined) this.record(now);
    else this.play(now);
  }

  #onPlay(response: RtspResponse, now: number): void {
    const info = getHeader(response.headers, 'RTP-Info');
    for (const s of this.#setup) s.receiver.restart();
    if (info === undefined || info.trim() === '')
      this.#quirk('no RTP-Info in the PLAY answer: tracks start at their first packet');
    if (info !== undefined && info.trim() !== '') {
      try {
        const entries = parseRtpInfo(info);
        for (const s of this.#setup) {
          const entry =
            entries.find((e) => e.url === s.track.control) ??
            entries.find((e) => e.url !== '' && s.track.control.endsWith(e.url.replace(/^.*\//, '/'))) ??
            (entries.length === this.#setup.length ? entries[this.#setup.indexOf(s)] : undefined);
          if (entry?.rtptime !== undefined) s.receiver.setRtpInfoTime(entry.rtptime);
        }
      } catch {
        // RTP-Info only aligns tracks; without it each starts at its first packet.
      }
    }
    this.#state = 'playing';
    this.#playStartedAt = now;
    this.#lastMedia = undefined;
    this.#nextReport = now + (this.#options.receiverReportMs ?? 5000);
    this.#events.push({ type: 'playing', transport: this.#transport });
  }

  #fallbackToTcp(now: number): void {
    if (this.#sessionId !== undefined) this.#send(now, 'keepalive', 'TEARDOWN', this.#aggregateUrl);
    this.#events.push({ type: 'transport-fallback', from: 'udp', to: 'tcp' });
    this.#quirk('no UDP media arrived: switched to TCP');
    this.#transport = 'tcp';
    this.#sessionId = undefined;
    this.#channels.clear();
    this.#nextKeepalive = undefined;
    this.#nextReport = undefined;
    this.#playStartedAt = undefined;
    this.#beginSetup(
      this.#setup.map((s) => ({
        track: s.track,
        receiver: new TrackReceiver(s.track.index, s.track.format, { reorder: false }),
        sender: s.sender,
      })),
      now,
    );
  }

  #keepalive(now: number): void {
    this.#nextKeepalive = now + this.keepalivePeriod;
    const getParameter = this.#public?.includes('GET_PARAMETER') === true;
    if (getParameter) this.#send(now, 'keepalive', 'GET_PARAMETER', this.#aggregateUrl);
    else this.#send(now, 'keepalive', 'OPTIONS', this.#requestUrl);
    this.#keepalivesSent++;
  }

  /** RTCP of each track: a sender report while publishing, else a receiver report. */
  #report(now: number): void {
    const publishing = this.#options.publish !== undefined;
    this.#nextReport = now + ((publishing ? this.#options.senderReportMs : this.#options.receiverReportMs) ?? 5000);
    for (const s of this.#setup) {
      if (s.sender !== undefined) {
        this.#senderReport(s, now);
        continue;
      }
      const block: RtcpReportBlock | undefined = s.receiver.reportBlock(now);
      if (block === undefined) continue;
      const data = serializeRtcpCompound([
        { type: 'rr', ssrc: this.#ssrc, reports: [block] },
        { type: 'sdes', chunks: [{ ssrc: this.#ssrc, items: [{ type: SdesItemType.Cname, text: CNAME }] }] },
      ]);
      if (this.#sendRtcp(s, data)) this.#reportsSent++;
    }
  }

  #senderReport(s: SetupTrack, now: number): void {
    const data = s.sender?.report(now, CNAME);
    if (data !== undefined && this.#sendRtcp(s, data)) this.#senderReportsSent++;
  }

  /** RTCP on the track's interleaved RTCP channel, or to its RTCP `server_port`. */
  #sendRtcp(s: SetupTrack, data: Uint8Array): boolean {
    if (this.#transport === 'tcp') {
      const channel = s.channels?.[1];
      if (channel === undefined) return false;
      this.#transmit.push(interleave(channel, data));
      return true;
    }
    const port = s.transport?.serverPort?.[1];
    // A server that gave no server_port gets no reports (they are advisory).
    if (port === undefined) return false;
    this.#datagrams.push({ track: s.track.index, kind: 'rtcp', port, data });
    return true;
  }

  #onServerRequest(request: RtspRequest): void {
    const cseq = getHeader(request.headers, 'CSeq') ?? '0';
    const known = ['OPTIONS', 'GET_PARAMETER', 'SET_PARAMETER', 'ANNOUNCE'].includes(request.method.toUpperCase());
    const headers: Array<[string, string]> = [['CSeq', cseq]];
    if (this.#sessionId !== undefined) headers.push(['Session', this.#sessionId]);
    this.#transmit.push(
      serializeResponse({
        version: 'RTSP/1.0',
        status: known ? 200 : 501,
        reason: known ? 'OK' : 'Not Implemented',
        headers,
        body: EMPTY,
      }),
    );
    this.#events.push({ type: 'server-request', request });
  }

  // ── media ─────────────────────────────────────────────────────────────────

  #onFrame(channel: number, payload: Uint8Array, now: number): void {
    const target = this.#channels.get(channel);
    if (target === undefined) return;
    const s = this.#setup[target.index];
    if (s !== undefined) this.#media(s, target.rtcp, payload, now);
  }

  #media(s: SetupTrack, rtcp: boolean, data: Uint8Array, now: number): void {
    this.#lastMedia = now;
    if (rtcp) {
      if (s.receiver.receiveRtcp(data, now)) this.#events.push({ type: 'bye', track: s.track.index });
      return;
    }
    const units: AccessUnit[] = [];
    const notes: DepacketizerNote[] = [];
    s.receiver.receiveRtp(data, now, units, notes);
    this.#emitMedia(s, units, notes);
  }

  #emitMedia(s: SetupTrack, units: AccessUnit[], notes: DepacketizerNote[]): void {
    if (s.receiver.formatChanged) {
      s.receiver.formatChanged = false;
      const declared = s.track.format;
      const inSdp = (declared.codec === 'h264' || declared.codec === 'h265') && declared.sps.length > 0;
      this.#quirk(
        `track ${s.track.index}: parameter sets ${inSdp ? 'in band differ from the SDP' : 'only in band (none in the SDP)'}`,
      );
      const format = s.receiver.format;
      this.#events.push({ type: 'format', track: s.track.index, format, details: formatDetails(format) });
    }
    for (const note of notes) this.#events.push({ type: 'note', track: s.track.index, note });
    for (const unit of units) this.#events.push({ type: 'access-unit', unit });
    units.length = 0;
    notes.length = 0;
  }

  #quirk(text: string): void {
    if (!this.#quirks.includes(text)) this.#quirks.push(text);
  }

  // ── endings ───────────────────────────────────────────────────────────────

  #closed(): void {
    this.#state = 'closed';
    this.#pending.clear();
    this.#sessionId = undefined;
    this.#events.push({ type: 'closed' });
  }

  #fail(
    code: ClientErrorCodeValue,
    message: string,
    hint: string | undefined,
    url?: string,
    status?: number,
    cause?: unknown,
  ): void {
    this.#state = 'failed';
    this.#pending.clear();
    const where = url ?? this.#requestUrl;
    const error = new ClientError(code, `${message} (${where})`, {
      url: where,
      ...(status === undefined ? {} : { status }),
      ...(hint === undefined ? {} : { hint }),
      ...(cause === undefined ? {} : { cause }),
    });
    this.#events.push({ type: 'error', error });
  }

  #check(command: SessionCommand): void {
    if (!ALLOWED_COMMANDS[this.#state].includes(command)) throw this.#invalid(command);
  }

  #invalid(command: string): ClientError {
    return new ClientError(ClientErrorCode.InvalidState, `${command} is not allowed in state ${this.#state}`);
  }
}

function encodingOf(format: Format): string {
  switch (format.codec) {
    case 'generic':
      return format.encodingName;
    case 'g711':
      return format.encoding;
    default:
      return format.codec.toUpperCase();
  }
}

function parseUrl(text: string): RtspUrl {
  try {
    return parseRtspUrl(text);
  } catch (e) {
    throw new ClientError(ClientErrorCode.Protocol, (e as Error).message, {
      url: text,
      hint: 'URLs look like rtsp://user:password@host:554/path',
    });
  }
}

function hostPort(url: RtspUrl): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `${host}:${url.port}`;
}

/** The Request-URI: `rtsp://host:port/path?query`, whatever carries the connection. */
function requestUrlOf(url: RtspUrl): string {
  const scheme = url.secure && url.transport === 'tcp' ? 'rtsps' : 'rtsp';
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const port = url.port === (scheme === 'rtsps' ? 322 : 554) ? '' : `:${url.port}`;
  return `${scheme}://${host}${port}${url.path === '' ? '/' : url.path}${url.query === undefined ? '' : `?${url.query}`}`;
}

/** Frames an RTCP packet for the interleaved channel (RFC 2326 §10.12). */
function interleave(channel: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  out[0] = 0x24;
  out[1] = channel;
  out[2] = data.length >> 8;
  out[3] = data.length & 0xff;
  out.set(data, 4);
  return out;
}
