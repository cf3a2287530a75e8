import { concatList } from '@rtspkit/bytes';
import { type ClientEvent, ClientSession, type ClientSessionOptions } from '../src/index.js';
import type { AccessUnit } from '../src/track-receiver.js';
import { FakeServer, type FakeServerOptions } from './fake-server.js';

/** Fixed randomness, so Digest cnonces and the RTCP SSRC are reproducible. */
export const fixedRandom = (length: number) => new Uint8Array(length).fill(7);

/**
 * A session wired to a {@link FakeServer} with a manual clock. What the server sends is
 * handed to the session through `split` (whole by default), so tests can check that any
 * chunking gives the same result.
 */
export class Harness {
  readonly session: ClientSession;
  readonly server: FakeServer;
  readonly events: ClientEvent[] = [];
  readonly datagrams: ReturnType<ClientSession['takeDatagrams']> = [];
  now = 1_000_000;
  split: (bytes: Uint8Array) => Uint8Array[] = (b) => [b];

  constructor(session: Partial<ClientSessionOptions> = {}, server: FakeServerOptions = {}) {
    this.server = new FakeServer(server);
    this.session = new ClientSession({
      url: this.server.url,
      transport: 'tcp',
      randomBytes: fixedRandom,
      ...session,
    });
  }

  /** connect() and run the exchange until nobody has anything to say. */
  start(): this {
    this.session.connect(this.now);
    this.pump();
    return this;
  }

  /** Moves the exchange along until the session sends nothing more. */
  pump(): void {
    for (let rounds = 0; rounds < 100; rounds++) {
      this.#collect();
      const out = this.session.takeTransmit();
      if (out.length === 0) return;
      this.server.now = this.now;
      const replies = this.server.receive(concatList(out));
      if (replies.length > 0) this.deliver(concatList(replies), false);
    }
    throw new Error('the exchange did not settle in 100 rounds');
  }

  /** Server → client bytes (split by `split`), then pump. */
  deliver(bytes: Uint8Array, pump = true): void {
    for (const chunk of this.split(bytes)) this.session.receive(chunk, this.now);
    if (pump) this.pump();
  }

  /** Advances the clock to `ms` later, polling at each wake-up on the way. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const at = this.session.nextWakeup();
      if (at === undefined || at > end) break;
      this.now = Math.max(this.now, at);
      this.session.poll(this.now);
      this.pump();
    }
    this.now = end;
    this.session.poll(this.now);
    this.pump();
  }

  #collect(): void {
    for (const e of this.session.takeEvents()) this.events.push(e);
    for (const d of this.session.takeDatagrams()) this.datagrams.push(d);
  }

  /** Events of one type. */
  of<T extends ClientEvent['type']>(type: T): Array<Extract<ClientEvent, { type: T }>> {
    this.#collect();
    return this.events.filter((e): e is Extract<ClientEvent, { type: T }> => e.type === type);
  }

  units(track?: number): AccessUnit[] {
    return this.of('access-unit')
      .map((e) => e.unit)
      .filter((u) => track === undefined || u.track === track);
  }

  /** The error the session failed with (throws when there is none). */
  error() {
    const e = this.of('error')[0];
    if (e === undefined)
      throw new Error(`expected an error event; events: ${this.events.map((x) => x.type).join(', ')}`);
    return e.error;
  }
}
