import { CodecError } from '@rtspkit/bytes';

/** Stable codes of {@link ServerError}. */
export const ServerErrorCode = {
  /** A media file holds no usable stream (no parameter sets, no picture, no ADTS frame). */
  BadMedia: 'ERR_SERVER_BAD_MEDIA',
  /** A mount path is malformed or already taken. */
  BadMount: 'ERR_SERVER_BAD_MOUNT',
  /** An option has a value the server cannot use. */
  BadOption: 'ERR_SERVER_BAD_OPTION',
  /** `listen()` on a server that is listening or closed. */
  BadState: 'ERR_SERVER_BAD_STATE',
} as const;

export type ServerErrorCodeValue = (typeof ServerErrorCode)[keyof typeof ServerErrorCode];

/** The error `@rtspkit/server` throws for bad media, options and mounts. */
export class ServerError extends CodecError {}
