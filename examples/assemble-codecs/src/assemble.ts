/**
 * The receiving side, by hand: SDP → formats → depacketizers → DTS → fragmented MP4.
 * Isomorphic: the same code runs in Node (src/node.ts) and in a browser (src/browser.ts).
 */
import { concatList, joinLengthPrefixed } from '@rtspkit/bytes';
import { Fmp4Muxer, type Sample, type Track } from '@rtspkit/fmp4';
import { type Format, codecString, createDepacketizer, fmp4Track, formatsOf, withParameterSets } from '@rtspkit/format';
import { H264DtsExtractor, H264NalUnitType, h264NalUnitType } from '@rtspkit/h264';
import { TimestampUnwrapper, parseRtpPacket } from '@rtspkit/rtp';
import { parseSdp } from '@rtspkit/sdp';

type Stream = {
  format: Format;
  readonly id: number;
  readonly depacketizer: ReturnType<typeof createDepacketizer>;
  /** RTP timestamps are 32-bit: unwrap them before computing DTS. */
  readonly clock: TimestampUnwrapper;
  /** H.264 only: decode times from picture order counts (B-frames). */
  readonly dts: H264DtsExtractor | undefined;
};

/** NAL unit types that stay out of MP4 samples: the parameter sets go to avcC, AUDs are dropped. */
const OUT_OF_BAND: ReadonlySet<number> = new Set([
  H264NalUnitType.Sps,
  H264NalUnitType.Pps,
  H264NalUnitType.AccessUnitDelimiter,
]);

/**
 * Turns RTP packets of the sessions an SDP describes into fMP4 segments: the init segment
 * once every track's configuration is known (H.264 parameter sets may arrive in band),
 * then a media segment per group of pictures.
 */
export class Assembler {
  readonly #streams: Stream[];
  #muxer: Fmp4Muxer | undefined;
  /** Depacketizer events seen (losses, late packets), by code. */
  readonly events = new Map<string, number>();

  constructor(sdpText: string) {
    this.#streams = parseSdp(sdpText).media.map((media, i) => {
      // One format per section here; a camera offering several would be chosen from at SETUP.
      const [format] = formatsOf(media);
      if (format === undefined || format.codec === 'generic') {
        throw new Error(`m=${media.type} section ${i}: no format this example can mux`);
      }
      return {
        format,
        id: i + 1,
        depacketizer: createDepacketizer(format),
        clock: new TimestampUnwrapper(),
        dts: format.codec === 'h264' ? new H264DtsExtractor() : undefined,
      };
    });
  }

  /** The RFC 6381 codecs of the tracks, for `MediaSource.isTypeSupported` (known once the init segment is out). */
  get codecs(): string[] {
    return this.#streams.map((s) => codecString(s.format) ?? '');
  }

  /** One RTP packet of the `media`-th section; returns the segments it completed. */
  push(media: number, datagram: Uint8Array): Uint8Array[] {
    const stream = this.#streams[media];
    if (stream === undefined) return [];
    const out: Uint8Array[] = [];
    for (const item of stream.depacketizer.push(parseRtpPacket(datagram))) {
      if ('nalUnits' in item) this.#video(stream, item.nalUnits, item.timestamp, item.key, out);
      else if ('data' in item)
        this.#sample(stream, { pts: stream.clock.unwrap(item.timestamp), key: true, data: item.data }, out);
      else this.events.set(item.code, (this.events.get(item.code) ?? 0) + 1);
    }
    return out;
  }

  /** The last fragment. */
  flush(): Uint8Array[] {
    return this.#muxer === undefined ? [] : this.#muxer.flushSegments().map((s) => concatList(s.chunks));
  }

  #video(stream: Stream, nalUnits: readonly Uint8Array[], timestamp: number, key: boolean, out: Uint8Array[]): void {
    // SPS and PPS in band (this camera's SDP has none): the format learns them.
    const next = withParameterSets(stream.format, nalUnits);
    if (next !== stream.format) {
      stream.format = next;
      const track = fmp4Track(next, stream.id);
      if (this.#muxer !== undefined && track !== undefined) this.#muxer.updateTrack(stream.id, track);
    }
    const pts = stream.clock.unwrap(timestamp);
    const dts = stream.dts?.extract(nalUnits, pts) ?? pts;
    const data = joinLengthPrefixed(nalUnits.filter((n) => !OUT_OF_BAND.has(h264NalUnitType(n))));
    this.#sample(stream, { pts, dts, key, data }, out);
  }

  #sample(stream: Stream, sample: Sample, out: Uint8Array[]): void {
    this.#muxer ??= this.#startMuxer();
    // Until every track is configured there is no init segment: samples before it are dropped.
    if (this.#muxer === undefined) return;
    for (const segment of this.#muxer.pushSegments(stream.id, sample)) out.push(concatList(segment.chunks));
  }

  #startMuxer(): Fmp4Muxer | undefined {
    const tracks: Track[] = [];
    for (const s of this.#streams) {
      const track = fmp4Track(s.format, s.id);
      if (track === undefined) return undefined;
      tracks.push(track);
    }
    return new Fmp4Muxer({ tracks, fragment: 'gop' });
  }
}
