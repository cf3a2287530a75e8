import { serializeClosePayload } from './close.js';
import { Opcode, type WebSocketFrame, serializeFrame } from './frame.js';
import { encodeUtf8 } from '@rtspkit/bytes';

/** Options of {@link WebSocketWriter}. */
export type WebSocketWriterOptions = {
  /** `'client'` masks every frame with a fresh key; `'server'` never masks (RFC 6455 §5.1). */
  readonly role: 'client' | 'server';
  /**
   * Source of masking keys, `n` random bytes per call. Defaults to
   * `crypto.getRandomValues`; inject a fixed source in tests.
   */
  readonly randomBytes?: (n: number) => Uint8Array;
};

const defaultRandomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/**
 * Builds complete frames for one side of a connection: masked with a fresh key per frame
 * for a client, unmasked for a server.
 *
 * @example
 * const writer = new WebSocketWriter({ role: 'server' });
 * socket.write(writer.text('Hello')); // 81 05 48 65 6c 6c 6f
 * @see RFC 6455 §5.1, §5.3
 */
export class WebSocketWriter {
  readonly #client: boolean;
  readonly #random: (n: number) => Uint8Array;

  constructor(options: WebSocketWriterOptions) {
    this.#client = options.role === 'client';
    this.#random = options.randomBytes ?? defaultRandomBytes;
  }

  /** One frame with this side's masking; `frame.mask` is ignored. */
  frame(frame: Omit<WebSocketFrame, 'mask'>): Uint8Array {
    return serializeFrame({ ...frame, mask: this.#client ? this.#random(4).subarray(0, 4) : undefined });
  }

  /** A whole text message in one frame. */
  text(text: string): Uint8Array {
    return this.frame({ fin: true, opcode: Opcode.Text, payload: encodeUtf8(text) });
  }

  /** A whole binary message in one frame. */
  binary(data: Uint8Array): Uint8Array {
    return this.frame({ fin: true, opcode: Opcode.Binary, payload: data });
  }

  /** A ping with at most 125 bytes of application data (RFC 6455 §5.5.2). */
  ping(data: Uint8Array = new Uint8Array(0)): Uint8Array {
    return this.frame({ fin: true, opcode: Opcode.Ping, payload: data });
  }

  /** A pong echoing a ping's application data (RFC 6455 §5.5.3). */
  pong(data: Uint8Array = new Uint8Array(0)): Uint8Array {
    return this.frame({ fin: true, opcode: Opcode.Pong, payload: data });
  }

  /** A close frame; without a code its body is empty (RFC 6455 §5.5.1). */
  close(code?: number, reason = ''): Uint8Array {
    return this.frame({ fin: true, opcode: Opcode.Close, payload: serializeClosePayload(code, reason) });
  }
}
