/**
 * A duplex byte pipe carrying the RTSP-over-TCP stream (RFC 2326 §10.12): TCP, TLS, the
 * HTTP tunnel, a WebSocket. The client only writes bytes and reads bytes; each `write` is
 * one RTSP message or one interleaved frame (the HTTP tunnel and WebSocket frame them
 * one by one).
 */
export type Pipe = {
  /** The server's address as the socket sees it (for UDP media), when known. */
  readonly remoteAddress: string | undefined;
  write(bytes: Uint8Array): void;
  /** Ends the pipe; `onClose` follows. */
  close(): void;
};

/** Callbacks of a {@link Pipe}. */
export type PipeHandlers = {
  readonly onData: (chunk: Uint8Array) => void;
  readonly onClose: (error?: Error) => void;
};
