import {
  type DepacketizerEvent,
  RtpDepacketizer,
  type RtpFramer,
  type RtpFramerCode,
  type RtpPacket,
  type RtpPayloadReader,
  isDepacketizerEvent,
  rtpFramerCodes,
} from '../src/index.js';

/**
 * A toy payload format, so the framer is tested apart from any codec. Each payload byte is a
 * part: `s` a part that may start a unit, `c` a part that cannot (a slice continuing a
 * picture), `f` a fragment start, `m` a fragment middle, `e` a fragment end, `x` malformed.
 */
export type Unit = { readonly timestamp: number; readonly parts: string };
export type Code = RtpFramerCode<'TOY'> | 'ERR_TOY_MALFORMED';

export class ToyReader implements RtpPayloadReader<Unit, Code> {
  parts = '';
  fragment: string | undefined;
  get fragmentActive(): boolean {
    return this.fragment !== undefined;
  }
  finish(timestamp: number): Unit | undefined {
    return this.parts === '' ? undefined : { timestamp, parts: this.parts };
  }
  clear(): void {
    this.parts = '';
    this.fragment = undefined;
  }
  restart(): void {}
  read(payload: Uint8Array, framer: RtpFramer<Unit, Code>) {
    for (const byte of payload) {
      const c = String.fromCharCode(byte);
      if (c === 'x') return framer.damage('ERR_TOY_MALFORMED', 'malformed');
      if (c === 'c' && framer.joining && this.parts === '') return framer.joined();
      if (c === 'f') {
        if (this.fragment !== undefined) framer.fragmentIncomplete();
        if (framer.damaged) return;
        this.fragment = 'f';
      } else if (c === 'm' || c === 'e') {
        if (this.fragment === undefined) {
          if (framer.joining) return framer.joined();
          if (!framer.damaged) framer.damage('ERR_TOY_MALFORMED', 'fragment without start');
          return;
        }
        this.fragment += c;
        if (!framer.within(this.fragment.length)) return;
        if (c === 'e') {
          const whole = this.fragment;
          this.fragment = undefined;
          if (framer.admit(whole.length)) this.parts += whole;
        }
      } else if (framer.admit(1)) {
        this.parts += c;
      }
    }
  }
}

export class ToyDepacketizer extends RtpDepacketizer<Unit, Code> {
  constructor(maxUnitBytes = 64, maxUnitParts = 16) {
    super(new ToyReader(), rtpFramerCodes('TOY'), { maxUnitBytes, maxUnitParts });
  }
}

export function rtp(seq: number, timestamp: number, marker: boolean, parts: string, ssrc = 1): RtpPacket {
  const payload = Uint8Array.from(parts, (c) => c.charCodeAt(0));
  return {
    marker,
    payloadType: 96,
    sequenceNumber: seq & 0xffff,
    timestamp,
    ssrc,
    csrcs: [],
    payload,
    paddingLength: 0,
  };
}

export type Item = Unit | DepacketizerEvent<Code>;
export const show = (items: readonly Item[]) =>
  items.map((i) => (isDepacketizerEvent(i) ? i.code : `${i.timestamp}:${i.parts}`));
