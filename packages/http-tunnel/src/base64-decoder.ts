import { concatList, fromBase64, toAscii } from '@rtspkit/bytes';
import { HttpTunnelError, HttpTunnelErrorCode } from './errors.js';

/** Options of {@link Base64StreamDecoder}. */
export type Base64StreamDecoderOptions = {
  /**
   * Largest single push, in characters. The decoder itself keeps at most 3 characters
   * between pushes; this bounds the output one push can allocate.
   */
  readonly maxPushLength?: number;
};

// 4 MiB of text: far above one socket read, small enough to decode in one go.
const DEFAULT_MAX_PUSH_LENGTH = 4 * 1024 * 1024;
const PLAIN = /^[A-Za-z0-9+/]*$/;
const ALPHABET = /[A-Za-z0-9+/]/;

/**
 * Streaming Base64 decoder for the POST side of the HTTP tunnel. Push text (or bytes) as
 * it arrives; get the bytes of every whole quantum so far. It:
 * - strips whitespace (space, tab, CR, LF) anywhere;
 * - carries an incomplete quantum (up to 3 characters) across pushes;
 * - accepts `=` padding mid-stream: clients encode each RTSP message on its own, so a
 *   padded quantum ends one segment and the next character starts a fresh one;
 * - fails with `ERR_HTTP_TUNNEL_INVALID_BASE64` and the character offset in the stream on
 *   a character outside the alphabet or misplaced padding. The push that meets it returns
 *   the bytes of the whole quanta before it, if any, and the next push throws; a push
 *   with nothing to return throws at once. Either way every later push throws the same
 *   error ({@link Base64StreamDecoder.error}), so any chunking of a stream gives the same
 *   bytes followed by the same error.
 *
 * @example
 * const decoder = new Base64StreamDecoder();
 * decoder.push('T1BUSU9OUyAq'); // "OPTIONS *"
 * @see RFC 4648 §4; Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export class Base64StreamDecoder {
  readonly #maxPushLength: number;
  /** Alphabet characters of the incomplete quantum. */
  #carry = '';
  /** `=` characters still owed by a quantum that ended with one pad of two. */
  #padsOwed = 0;
  /** Characters of the stream consumed before the current push. */
  #offset = 0;
  #error: HttpTunnelError | undefined;

  constructor(options: Base64StreamDecoderOptions = {}) {
    this.#maxPushLength = options.maxPushLength ?? DEFAULT_MAX_PUSH_LENGTH;
  }

  /** Characters of an incomplete quantum waiting for the next push (0-3). */
  get buffered(): number {
    return this.#carry.length;
  }

  /** The fatal error met so far, if any; once set, every `push` throws it. */
  get error(): HttpTunnelError | undefined {
    return this.#error;
  }

  /** Decodes the next piece of the stream. Bytes are read as Latin-1 characters. */
  push(input: string | Uint8Array): Uint8Array {
    if (this.#error) throw this.#error;
    const text = typeof input === 'string' ? input : toAscii(input);
    try {
      if (text.length > this.#maxPushLength) {
        throw new HttpTunnelError(
          HttpTunnelErrorCode.InputTooLarge,
          `base64 push of ${text.length} characters exceeds maxPushLength ${this.#maxPushLength}`,
          this.#offset,
        );
      }
      const out = this.#padsOwed === 0 && PLAIN.test(text) ? this.#plain(text) : this.#slow(text);
      this.#offset += text.length;
      return out;
    } catch (e) {
      this.#error = e as HttpTunnelError;
      throw e;
    }
  }

  /** Throws unless the stream ends on a quantum boundary. */
  end(): void {
    if (this.#carry.length > 0 || this.#padsOwed > 0) {
      throw invalid(`base64 stream ends inside a quantum (${this.#carry.length} characters)`, this.#offset);
    }
  }

  #plain(text: string): Uint8Array {
    const all = this.#carry + text;
    const whole = all.length - (all.length % 4);
    this.#carry = all.slice(whole);
    return fromBase64(all.slice(0, whole));
  }

  #slow(text: string): Uint8Array {
    const parts: Uint8Array[] = [];
    let clean = this.#carry;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
      const at = this.#offset + i;
      let fault: string | undefined;
      if (this.#padsOwed > 0) {
        if (c === '=') {
          this.#padsOwed--;
          continue;
        }
        fault = `expected "=" to finish padding, found ${JSON.stringify(c)}`;
      } else if (c === '=') {
        const partial = clean.length % 4;
        if (partial >= 2) {
          parts.push(fromBase64(clean));
          this.#padsOwed = partial === 2 ? 1 : 0;
          clean = '';
          continue;
        }
        fault = `misplaced "=" after ${partial} characters of a quantum`;
      } else if (ALPHABET.test(c)) {
        clean += c;
        continue;
      } else {
        fault = `invalid base64 character ${JSON.stringify(c)}`;
      }
      // Fatal: hand out the whole quanta before the fault; the error comes now or next push.
      const error = invalid(fault, at);
      this.#error = error;
      parts.push(fromBase64(clean.slice(0, clean.length - (clean.length % 4))));
      const out = concatList(parts);
      if (out.length === 0) throw error;
      return out;
    }
    const whole = clean.length - (clean.length % 4);
    parts.push(fromBase64(clean.slice(0, whole)));
    this.#carry = clean.slice(whole);
    return concatList(parts);
  }
}

function invalid(message: string, offset: number): HttpTunnelError {
  return new HttpTunnelError(HttpTunnelErrorCode.InvalidBase64, message, offset);
}
