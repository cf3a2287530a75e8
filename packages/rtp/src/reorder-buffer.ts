import type { RtpPacket } from './packet-types.js';
import { SequenceUnwrapper } from './unwrap.js';

/** Options of {@link ReorderBuffer}. */
export type ReorderBufferOptions = {
  /**
   * Most packets held while waiting for a gap to fill (default 128: about 150 ms of a
   * 1 MB/s video stream at 1200-byte packets). A packet that would not fit forces the
   * buffer to give up on the oldest gaps.
   */
  readonly capacity?: number;
  /**
   * How far behind (in sequence numbers) two consecutive packets must be to be read as a
   * sender that restarted its sequence (default 100, RFC 3550 A.1 MAX_MISORDER).
   */
  readonly maxMisorder?: number;
  /**
   * How long a held packet may wait for the gap before it, in ms (default 100: enough for
   * reordering on Wi-Fi and most WAN paths without adding visible latency).
   */
  readonly maxDelayMs?: number;
};

/** What a {@link ReorderBuffer} has counted so far. */
export type ReorderBufferStats = {
  /** Packets released in order. */
  readonly released: number;
  /** Sequence numbers given up on: never received in time. */
  readonly lost: number;
  /** Packets that came after their number had been given up on, discarded. */
  readonly dropped: number;
  /** Copies of a packet already held or already released, discarded. */
  readonly duplicated: number;
};

/** How many recent sequence numbers remember whether they were released (for duplicates). */
const HISTORY = 1024;

/**
 * Puts RTP packets of one source back in sequence order, sans-IO.
 *
 * `push(packet, now)` returns the packets that are now in order (possibly none);
 * `poll(now)` releases what waited past `maxDelayMs`, skipping the gap before it; call it
 * at {@link ReorderBuffer.nextDeadline}. Output is strictly increasing in unwrapped
 * sequence number, nothing is emitted twice, and at most `capacity` packets are held.
 * The first packet sets the starting point: packets older than it are dropped. Two
 * consecutive packets more than `maxMisorder` behind are read as a sender that restarted
 * its sequence: what is held is released and the buffer starts over from them (the only
 * case where output numbers step back).
 *
 * @example
 * const buffer = new ReorderBuffer({ maxDelayMs: 50 });
 * buffer.push(p2, 0);   // [p2]        (first packet starts the stream)
 * buffer.push(p4, 10);  // []          (waits for 3)
 * buffer.push(p3, 20);  // [p3, p4]
 * @see RFC 3550 §5.1 (sequence number), A.1
 */
export class ReorderBuffer {
  readonly #capacity: number;
  readonly #maxDelay: number;
  readonly #maxMisorder: number;
  readonly #unwrapper = new SequenceUnwrapper();
  readonly #slots: Array<RtpPacket | undefined>;
  readonly #arrivals: Float64Array;
  /** 1 when the number was released, 0 when given up on; indexed by unwrapped seq mod HISTORY. */
  readonly #history = new Uint8Array(HISTORY);
  /** Unwrapped sequence number expected next; undefined before the first packet. */
  #next: number | undefined;
  #held = 0;
  /** The sequence number that, arriving next, confirms a sender restart. */
  #restartCandidate: number | undefined;
  #released = 0;
  #lost = 0;
  #dropped = 0;
  #duplicated = 0;

  constructor(options: ReorderBufferOptions = {}) {
    this.#capacity = Math.max(1, Math.floor(options.capacity ?? 128));
    this.#maxDelay = Math.max(0, options.maxDelayMs ?? 100);
    this.#maxMisorder = Math.max(1, options.maxMisorder ?? 100);
    this.#slots = new Array(this.#capacity).fill(undefined);
    this.#arrivals = new Float64Array(this.#capacity);
  }

  /** Packets held now, waiting for a gap. */
  get size(): number {
    return this.#held;
  }

  /** Counters since construction. */
  get stats(): ReorderBufferStats {
    return { released: this.#released, lost: this.#lost, dropped: this.#dropped, duplicated: this.#duplicated };
  }

  /** Adds a packet that arrived at `now` (ms); returns the packets now in order. */
  push(packet: RtpPacket, now: number): RtpPacket[] {
    const seq = this.#unwrapper.unwrap(packet.sequenceNumber);
    const out: RtpPacket[] = [];
    if (this.#next === undefined) this.#next = seq;
    const next = this.#next;
    if (seq < next) {
      if (next - seq > this.#maxMisorder && this.#restartCandidate === packet.sequenceNumber) {
        // Two consecutive packets far behind: the sender restarted its sequence (RFC 3550 A.1
        // resynchronises the same way).
        return this.#restart(packet, now);
      }
      this.#restartCandidate = (packet.sequenceNumber + 1) & 0xffff;
      if (next - seq <= HISTORY && seq >= 0 && this.#history[seq % HISTORY] === 1) this.#duplicated++;
      else this.#dropped++;
      this.#expire(now, out);
      return out;
    }
    this.#restartCandidate = undefined;
    // Make room: give up on the oldest numbers until `seq` fits the window.
    if (seq >= next + this.#capacity) this.#advanceTo(seq - this.#capacity + 1, out);
    const slot = seq % this.#capacity;
    if (this.#slots[slot] !== undefined) {
      this.#duplicated++;
    } else {
      this.#slots[slot] = packet;
      this.#arrivals[slot] = now;
      this.#held++;
    }
    this.#drain(out);
    this.#expire(now, out);
    return out;
  }

  /** Releases packets that waited `maxDelayMs` or more by `now`, giving up on the gaps before them. */
  poll(now: number): RtpPacket[] {
    const out: RtpPacket[] = [];
    this.#expire(now, out);
    return out;
  }

  /** When {@link ReorderBuffer.poll} next has something to release (ms), or undefined when nothing is held. */
  nextDeadline(): number | undefined {
    const oldest = this.#oldestArrival();
    return oldest === undefined ? undefined : oldest + this.#maxDelay;
  }

  /** Releases everything held, in order, giving up on every gap (end of stream). */
  flush(): RtpPacket[] {
    const out: RtpPacket[] = [];
    while (this.#held > 0) this.#skipGap(out);
    return out;
  }

  /** Releases what is held, then starts over at `packet`. */
  #restart(packet: RtpPacket, now: number): RtpPacket[] {
    const out = this.flush();
    this.#unwrapper.reset();
    this.#history.fill(0);
    this.#next = undefined;
    this.#restartCandidate = undefined;
    for (const p of this.push(packet, now)) out.push(p);
    return out;
  }

  #oldestArrival(): number | undefined {
    if (this.#held === 0) return undefined;
    let oldest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.#capacity; i++) {
      if (this.#slots[i] !== undefined && (this.#arrivals[i] as number) < oldest) oldest = this.#arrivals[i] as number;
    }
    return oldest;
  }

  #expire(now: number, out: RtpPacket[]): void {
    for (;;) {
      const oldest = this.#oldestArrival();
      if (oldest === undefined || oldest + this.#maxDelay > now) return;
      this.#skipGap(out);
    }
  }

  /** Gives up on the gap at `next`: skips to the first held packet and drains from there. */
  #skipGap(out: RtpPacket[]): void {
    let next = this.#next as number;
    while (this.#slots[next % this.#capacity] === undefined) {
      this.#history[next % HISTORY] = 0;
      this.#lost++;
      next++;
    }
    this.#next = next;
    this.#drain(out);
  }

  /** Releases held packets from `next` while they are consecutive. */
  #drain(out: RtpPacket[]): void {
    let next = this.#next as number;
    for (;;) {
      const slot = next % this.#capacity;
      const packet = this.#slots[slot];
      if (packet === undefined) break;
      this.#slots[slot] = undefined;
      this.#held--;
      this.#released++;
      this.#history[next % HISTORY] = 1;
      out.push(packet);
      next++;
    }
    this.#next = next;
  }

  /** Moves `next` up to `target`, releasing held packets and counting the rest as lost. */
  #advanceTo(target: number, out: RtpPacket[]): void {
    let next = this.#next as number;
    // Past a jump of more than the window, only the held packets need visiting.
    while (next < target && this.#held > 0) {
      const slot = next % this.#capacity;
      const packet = this.#slots[slot];
      if (packet === undefined) {
        this.#history[next % HISTORY] = 0;
        this.#lost++;
      } else {
        this.#slots[slot] = undefined;
        this.#held--;
        this.#released++;
        this.#history[next % HISTORY] = 1;
        out.push(packet);
      }
      next++;
    }
    if (next < target) {
      const skipped = target - next;
      this.#lost += skipped;
      for (let s = Math.max(next, target - HISTORY); s < target; s++) this.#history[s % HISTORY] = 0;
      next = target;
    }
    this.#next = next;
  }
}
