/**
 * States of a {@link ClientSession}:
 *
 * ```
 * idle ─connect─► options ─► describe ─► [ports] ─► setup ─► ready ─play─► playing ⇄ paused
 *                    │  (record) announce ──────────► setup ─► ready ─record─► recording
 *   any ─close─► closing ─► closed          any ─fatal error─► failed
 * ```
 *
 * `connect` may be called again from `failed` or `closed` (a reconnect) and from any state
 * after a redirect: the session starts over on the new connection.
 */
export type SessionState =
  | 'idle'
  | 'options'
  | 'describe'
  | 'announce'
  | 'ports'
  | 'setup'
  | 'ready'
  | 'playing'
  | 'paused'
  | 'recording'
  | 'closing'
  | 'closed'
  | 'failed';

/** What the user may ask of the session, per state. */
export type SessionCommand = 'connect' | 'play' | 'pause' | 'record' | 'close';

/** The commands each state accepts; anything else throws `ERR_CLIENT_INVALID_STATE`. */
export const ALLOWED_COMMANDS: Readonly<Record<SessionState, readonly SessionCommand[]>> = {
  idle: ['connect', 'close'],
  options: ['close'],
  describe: ['close'],
  announce: ['close'],
  ports: ['close'],
  setup: ['close'],
  ready: ['play', 'record', 'close'],
  playing: ['pause', 'close'],
  paused: ['play', 'close'],
  recording: ['close'],
  closing: ['close'],
  closed: ['connect', 'close'],
  failed: ['connect', 'close'],
};

/** States in which media flows and keepalives are due. */
export const ACTIVE_STATES: ReadonlySet<SessionState> = new Set(['ready', 'playing', 'paused', 'recording']);
