import { CodecError } from '@rtspkit/bytes';

/** Stable codes of {@link G711Error}. */
export const G711ErrorCode = {
  /** A WAV file that is malformed or holds another encoding than 8-bit G.711. */
  InvalidWav: 'ERR_G711_INVALID_WAV',
} as const;

/** One of {@link G711ErrorCode}. */
export type G711ErrorCode = (typeof G711ErrorCode)[keyof typeof G711ErrorCode];

/** The error `@rtspkit/g711` throws; `offset` is the byte offset in the file. */
export class G711Error extends CodecError {}
