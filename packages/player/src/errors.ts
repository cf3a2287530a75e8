import { CodecError } from '@rtspkit/bytes';

/** Stable codes of {@link PlayerError}. */
export const PlayerErrorCode = {
  /** The browser cannot play a track's codec (`MediaSource.isTypeSupported` refused its codec string). */
  UnsupportedCodec: 'ERR_PLAYER_UNSUPPORTED_CODEC',
  /** The browser has no Media Source Extensions (`MediaSource` nor `ManagedMediaSource`). */
  NoMediaSource: 'ERR_PLAYER_NO_MEDIA_SOURCE',
  /** The media element reported a decode error; playback restarts at the next key frame. */
  Decode: 'ERR_PLAYER_DECODE',
  /** An append failed for another reason than the quota (the SourceBuffer was removed, …). */
  Append: 'ERR_PLAYER_APPEND',
  /** The SourceBuffer stayed full even after removing everything behind the playhead. */
  Quota: 'ERR_PLAYER_QUOTA',
  /** Audio parameters FLAC cannot carry (sample rate, channels, block size). */
  InvalidAudio: 'ERR_PLAYER_INVALID_AUDIO',
  /** The connection to the server failed or dropped; the player reconnects with backoff. */
  Connection: 'ERR_PLAYER_CONNECTION',
  /** A method was called after `destroy()`. */
  Destroyed: 'ERR_PLAYER_DESTROYED',
} as const;

/** One of {@link PlayerErrorCode}. */
export type PlayerErrorCode = (typeof PlayerErrorCode)[keyof typeof PlayerErrorCode];

/**
 * The error `@rtspkit/player` throws and reports through its `error` event. `offset` is the
 * byte offset in the input for file readers, when there is one.
 */
export class PlayerError extends CodecError {}
