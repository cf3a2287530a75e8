import { PlayerError, PlayerErrorCode } from './errors.js';
import type { LiveEdgeOptions } from './live-edge.js';
import { type AppendInfo, MseSink } from './mse/sink.js';
import type { Format } from '@rtspkit/format';
import { MediaPipeline, type PipelineUnit } from './pipeline.js';
import { LiveRecorder, type LiveRecorderOptions } from './record.js';
import type { TrimOptions } from './trim.js';
import { websocketSource } from './websocket-source.js';

/** What a {@link PlayerSource} tells the player. */
export type PlayerSourceHandlers = {
  /** The session's tracks as `@rtspkit/format` formats, in SDP order (once per session, before any unit). */
  readonly tracks: (tracks: readonly Format[]) => void;
  /** One access unit; timestamps aligned across tracks, counted from the start of the session. */
  readonly unit: (unit: PipelineUnit) => void;
  /** The session failed or the connection dropped: the player reconnects with backoff. */
  readonly error: (error: Error) => void;
};

/**
 * Where media comes from: an RTSP session over a browser transport (the client's
 * WebSocket session for `ws://`/`wss://` URLs). One instance per connection attempt.
 */
export type PlayerSource = {
  /** Connects and plays; reports through `handlers` until {@link close}. */
  readonly open: (handlers: PlayerSourceHandlers) => void;
  /** Tears the session down (TEARDOWN when possible) and releases the connection. */
  readonly close: () => void;
  /** How media travels (`websocket`, `websocket+tls`, …). */
  readonly transport: string;
};

/** Options of {@link createPlayer}. */
export type PlayerOptions = {
  /** `ws://host:8554/sample` or `wss://…` (RTSP over WebSocket, subprotocol `rtsp.onvif.org`). */
  readonly url: string;
  /**
   * Makes the source of one connection attempt. Default: {@link websocketSource}, the RTSP
   * session over a WebSocket (`ws://`, `wss://`, `rtsp+ws://`, `rtsps+ws://`).
   */
  readonly source?: (url: string) => PlayerSource;
  /** Latency behind the live edge to keep, seconds. Default 0.2 (see {@link LiveEdgeOptions}). */
  readonly targetLatency?: number;
  readonly liveEdge?: Omit<LiveEdgeOptions, 'targetLatency'>;
  readonly trim?: TrimOptions;
  /** Reconnect backoff: first delay, growth factor and ceiling, ms. Defaults 500, 2, 10 000. */
  readonly reconnect?: { readonly initialMs?: number; readonly factor?: number; readonly maxMs?: number };
};

/** The player's life cycle. */
export type PlayerState = 'idle' | 'connecting' | 'playing' | 'reconnecting' | 'stopped' | 'failed' | 'destroyed';

/** Events and their payloads. */
export type PlayerEventMap = {
  readonly state: { readonly state: PlayerState; readonly previous: PlayerState };
  readonly error: PlayerError;
  readonly info: { readonly message: string };
};

/** Live numbers for an overlay. */
export type PlayerStats = {
  readonly state: PlayerState;
  /** Received media bitrate over the last two seconds, bits per second. */
  readonly bitrate: number;
  /** Video access units per second over the last two seconds. */
  readonly frameRate: number;
  readonly decodedFrames: number;
  readonly droppedFrames: number;
  /** Seconds buffered ahead of the playhead. */
  readonly bufferedSeconds: number;
  /** Capture-to-display latency in ms (RTCP sender reports vs shown frames); undefined until measured. */
  readonly latencyMs: number | undefined;
  readonly transport: string | undefined;
  readonly codecs: readonly string[];
  readonly reconnects: number;
  readonly playbackRate: number;
};

/** A player bound to one `<video>`. */
export type Player = {
  readonly state: PlayerState;
  /** Connects (or reconnects after `stop()`) and plays. */
  play(): void;
  /** Tears the session down; the last picture stays. */
  stop(): void;
  /** Stops and detaches from the element for good. */
  destroy(): void;
  on<K extends keyof PlayerEventMap>(type: K, listener: (event: PlayerEventMap[K]) => void): () => void;
  stats(): PlayerStats;
  /** Starts recording what plays (continuous or on events); stop with the handle's `stop()`. */
  record(options: Omit<LiveRecorderOptions, 'tracks'>): { trigger(seconds: number): void; stop(): void };
};

const WINDOW_MS = 2000;

/**
 * Plays an RTSP stream in a `<video>`: source (the RTSP session) → {@link MediaPipeline}
 * (fMP4, one fragment per access unit) → {@link MseSink} (MSE, live edge, trimming,
 * recovery). Reconnects with exponential backoff when the source fails; the new session's
 * media continues the element's timeline, so the page never reloads.
 *
 * @example
 * const player = createPlayer(video, { url: 'ws://127.0.0.1:8554/sample' });
 * player.on('state', ({ state }) => console.log(state));
 * player.on('error', (e) => console.warn(e.code, e.message));
 * player.play();
 */
export function createPlayer(video: HTMLVideoElement, options: PlayerOptions): Player {
  const listeners: { [K in keyof PlayerEventMap]: Set<(e: PlayerEventMap[K]) => void> } = {
    state: new Set(),
    error: new Set(),
    info: new Set(),
  };
  const emit = <K extends keyof PlayerEventMap>(type: K, event: PlayerEventMap[K]) => {
    for (const l of listeners[type]) l(event);
  };
  const backoff = { initialMs: 500, factor: 2, maxMs: 10_000, ...options.reconnect };
  const makeSource = options.source ?? websocketSource();
  let state: PlayerState = 'idle';
  let source: PlayerSource | undefined;
  let pipeline: MediaPipeline | undefined;
  let sink: MseSink | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = backoff.initialMs;
  let reconnects = 0;
  let offsetSeconds = 0;
  let lastMediaTime = 0;
  let codecs: readonly string[] = [];
  let attempt = 0;
  const recent: Array<{ at: number; bytes: number; video: boolean }> = [];
  const recorders = new Set<{ options: Omit<LiveRecorderOptions, 'tracks'>; rec: LiveRecorder | undefined }>();

  const setState = (next: PlayerState) => {
    if (next === state) return;
    const previous = state;
    state = next;
    emit('state', { state: next, previous });
  };
  const fail = (e: PlayerError) => emit('error', e);
  const sinkFor = () => {
    if (!sink) {
      sink = new MseSink(video, {
        liveEdge: {
          ...options.liveEdge,
          ...(options.targetLatency !== undefined ? { targetLatency: options.targetLatency } : {}),
        },
        ...(options.trim ? { trim: options.trim } : {}),
        onError: fail,
        onInfo: (message) => emit('info', { message }),
      });
    }
    return sink;
  };

  const connect = () => {
    const id = ++attempt;
    setState(state === 'reconnecting' ? 'reconnecting' : 'connecting');
    let s: PlayerSource;
    try {
      s = makeSource(options.url);
    } catch (e) {
      fail(new PlayerError(PlayerErrorCode.Connection, `cannot open ${options.url}: ${String(e)}`));
      setState('failed');
      return;
    }
    source = s;
    const current = () => id === attempt && state !== 'stopped' && state !== 'destroyed';
    s.open({
      tracks: (tracks) => {
        if (!current()) return;
        try {
          const sinkNow = sinkFor();
          pipeline = new MediaPipeline(tracks, {
            startSeconds: offsetSeconds,
            onSample: (trackId, sample) => {
              for (const r of recorders) r.rec?.push(trackId, sample);
            },
          });
          for (const skipped of pipeline.skipped)
            emit('info', { message: `track ${skipped.index} left out: ${skipped.reason}` });
          void sinkNow;
        } catch (e) {
          fail(e instanceof PlayerError ? e : new PlayerError(PlayerErrorCode.UnsupportedCodec, String(e)));
          stopSession('failed');
        }
      },
      unit: (unit) => {
        if (!current() || !pipeline) return;
        const now = performance.now();
        recent.push({ at: now, bytes: unitBytes(unit), video: unit.nalUnits !== undefined });
        while (recent.length > 0 && recent[0]!.at < now - WINDOW_MS) recent.shift();
        for (const out of pipeline.push(unit)) {
          try {
            if (out.kind === 'init') {
              sinkFor().init(out.mime, out.data);
              codecs = out.codecs;
              restartRecorders();
            } else {
              lastMediaTime = Math.max(lastMediaTime, out.mediaTime);
              const info: AppendInfo = {
                key: out.key,
                mediaTime: out.mediaTime,
                ...(out.wallClockMs !== undefined ? { wallClockMs: out.wallClockMs } : {}),
              };
              sinkFor().append(out.data, info);
            }
          } catch (e) {
            fail(e instanceof PlayerError ? e : new PlayerError(PlayerErrorCode.Append, String(e)));
            if (e instanceof PlayerError && e.code === PlayerErrorCode.UnsupportedCodec) {
              stopSession('failed');
              return;
            }
          }
        }
        if (state !== 'playing') {
          setState('playing');
          delay = backoff.initialMs;
        }
      },
      error: (e) => {
        if (!current()) return;
        fail(new PlayerError(PlayerErrorCode.Connection, `${options.url}: ${e.message}; reconnecting in ${delay} ms`));
        scheduleReconnect();
      },
    });
  };

  const scheduleReconnect = () => {
    closeSource();
    setState('reconnecting');
    // the next session's timeline starts where this one ended, with a second of margin
    offsetSeconds = lastMediaTime + 1;
    timer = setTimeout(() => {
      timer = undefined;
      reconnects++;
      connect();
    }, delay);
    delay = Math.min(backoff.maxMs, delay * backoff.factor);
  };

  const closeSource = () => {
    const s = source;
    source = undefined;
    pipeline = undefined;
    try {
      s?.close();
    } catch {
      // a source that fails to close has nothing left to release
    }
  };

  const stopSession = (next: PlayerState) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    attempt++;
    closeSource();
    for (const r of recorders) r.rec?.stop();
    recorders.clear();
    setState(next);
  };

  const restartRecorders = () => {
    const tracks = pipeline?.tracks;
    if (!tracks) return;
    for (const r of recorders) {
      r.rec?.stop();
      r.rec = new LiveRecorder({ ...r.options, tracks });
    }
  };

  return {
    get state() {
      return state;
    },
    play() {
      if (state === 'destroyed') throw new PlayerError(PlayerErrorCode.Destroyed, 'player destroyed');
      if (state === 'connecting' || state === 'playing' || state === 'reconnecting') return;
      delay = backoff.initialMs;
      offsetSeconds = lastMediaTime > 0 ? lastMediaTime + 1 : 0;
      connect();
    },
    stop() {
      if (state === 'destroyed') return;
      stopSession('stopped');
    },
    destroy() {
      if (state === 'destroyed') return;
      stopSession('destroyed');
      sink?.destroy();
      sink = undefined;
      for (const set of Object.values(listeners)) set.clear();
    },
    on(type, listener) {
      listeners[type].add(listener);
      return () => listeners[type].delete(listener);
    },
    stats() {
      const s = sink?.stats();
      const now = performance.now();
      const window = recent.filter((r) => r.at >= now - WINDOW_MS);
      const span = Math.max(1, Math.min(WINDOW_MS, now - (window[0]?.at ?? now))) / 1000;
      return {
        state,
        bitrate: Math.round((window.reduce((n, r) => n + r.bytes, 0) * 8) / span),
        frameRate: Math.round((window.filter((r) => r.video).length / span) * 10) / 10,
        decodedFrames: s?.decodedFrames ?? 0,
        droppedFrames: s?.droppedFrames ?? 0,
        bufferedSeconds: s?.bufferedSeconds ?? 0,
        latencyMs: s?.latencyMs,
        transport: source?.transport,
        codecs,
        reconnects,
        playbackRate: s?.playbackRate ?? 1,
      };
    },
    record(recordOptions) {
      const entry: { options: Omit<LiveRecorderOptions, 'tracks'>; rec: LiveRecorder | undefined } = {
        options: recordOptions,
        rec: pipeline?.tracks ? new LiveRecorder({ ...recordOptions, tracks: pipeline.tracks }) : undefined,
      };
      recorders.add(entry);
      return {
        trigger: (seconds) => entry.rec?.trigger(seconds),
        stop: () => {
          entry.rec?.stop();
          recorders.delete(entry);
        },
      };
    },
  };
}

function unitBytes(unit: PipelineUnit): number {
  if (unit.data) return unit.data.length;
  let n = 0;
  for (const nal of unit.nalUnits ?? []) n += nal.length;
  return n;
}
