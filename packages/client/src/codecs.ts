// The one place that knows codecs: SDP media format → track format, depacketizer, codec
// string. It becomes a thin use of @rtspkit/format once that package is on main.
import {
  aacCodecString,
  isAacAccessUnit,
  LatmDepacketizer,
  Mpeg4GenericDepacketizer,
  mpeg4GenericParamsFromFmtp,
  parseAudioSpecificConfig,
  latmOptionsFromFmtp,
  parseStreamMuxConfig,
  serializeAudioSpecificConfig,
} from '@rtspkit/aac';
import { H264Depacketizer, h264CodecString, isH264AccessUnit, parseH264Sps } from '@rtspkit/h264';
import { H265Depacketizer, h265CodecString, isH265AccessUnit, parseH265Sps } from '@rtspkit/h265';
import type { RtpPacket } from '@rtspkit/rtp';
import {
  framerateOf,
  h264Parameters,
  h265Parameters,
  type MediaFormat,
  mediaFormats,
  mp4aLatmParameters,
  mpeg4GenericParameters,
  type SdpMedia,
} from '@rtspkit/sdp';

/** The codecs a track can carry. */
export type TrackCodec = 'h264' | 'h265' | 'mpeg4-audio' | 'mp4a-latm' | 'g711' | 'generic';

/**
 * What an SDP media format says about one track, read tolerantly: a format whose fmtp
 * cannot be read is a `generic` one with the `reason`.
 */
export type TrackFormat = {
  readonly codec: TrackCodec;
  readonly payloadType: number;
  /** `a=rtpmap` encoding name as written (`H264`, `mpeg4-generic`, …). */
  readonly encodingName: string;
  readonly clockRate: number;
  readonly channels?: number;
  /** fmtp parameters, names lower-cased. */
  readonly fmtp: Readonly<Record<string, string>>;
  /** Video: SPS/PPS (and VPS) from the SDP, NAL units without start codes. */
  readonly parameterSets?: readonly Uint8Array[];
  /** Audio: the AudioSpecificConfig. */
  readonly config?: Uint8Array;
  readonly width?: number;
  readonly height?: number;
  /** `a=framerate`, or the SPS timing. */
  readonly frameRate?: number;
  /** RFC 6381 codec string (`avc1.42C01E`, `mp4a.40.2`), when the parameters tell it. */
  readonly codecString?: string;
  /** Why a known codec was read as generic. */
  readonly reason?: string;
};

/** One complete access unit from a depacketizer, timestamps still raw RTP. */
export type DepacketizedUnit = {
  readonly timestamp: number;
  readonly key: boolean;
  /** Video NAL units (no start codes), in decode order. */
  readonly nalUnits?: readonly Uint8Array[];
  /** Audio frame, or the payload of a generic format. */
  readonly data?: Uint8Array;
};

/** Something a depacketizer noticed: loss, a malformed packet, a reset. */
export type DepacketizerNote = { readonly code: string; readonly message: string; readonly sequenceNumber: number };

/** Packets of one track → access units; never throws. */
export type TrackDepacketizer = {
  push(packet: RtpPacket, notes: DepacketizerNote[]): DepacketizedUnit[];
  reset(): void;
};

const lowerFmtp = (format: MediaFormat): Record<string, string> =>
  Object.fromEntries(format.parameters.map((p) => [p.name.trim().toLowerCase(), p.value.trim()]));

function videoDetails(codec: 'h264' | 'h265', sets: readonly Uint8Array[]) {
  for (const nal of sets) {
    try {
      if (codec === 'h264' && ((nal[0] ?? 0) & 0x1f) === 7) {
        const sps = parseH264Sps(nal);
        const t = sps.timing;
        const frameRate = t && t.numUnitsInTick > 0 ? t.timeScale / (2 * t.numUnitsInTick) : undefined;
        return { codecString: h264CodecString(sps), width: sps.width, height: sps.height, frameRate };
      }
      if (codec === 'h265' && (nal[0] ?? 0) >> 1 === 33) {
        const sps = parseH265Sps(nal);
        const t = sps.timing;
        const frameRate = t && t.numUnitsInTick > 0 ? t.timeScale / t.numUnitsInTick : undefined;
        return { codecString: h265CodecString(sps), width: sps.width, height: sps.height, frameRate };
      }
    } catch {
      // An unreadable SPS in the SDP: the in-band one will do.
    }
  }
  return {};
}

function define<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** The track format of one SDP media format. Never throws. */
export function trackFormatOf(media: SdpMedia, format: MediaFormat): TrackFormat {
  const name = format.encodingName.toLowerCase();
  const base = {
    payloadType: format.payloadType,
    encodingName: format.encodingName,
    clockRate: format.clockRate,
    fmtp: lowerFmtp(format),
    ...(format.channels === undefined ? {} : { channels: format.channels }),
  };
  const frameRate = framerateOf(media);
  try {
    if (name === 'h264') {
      const p = h264Parameters(format.parameters);
      const details = define({ frameRate, ...videoDetails('h264', p.parameterSets) });
      return { ...base, codec: 'h264', parameterSets: p.parameterSets, ...details };
    }
    if (name === 'h265') {
      const p = h265Parameters(format.parameters);
      const sets = [...p.vps, ...p.sps, ...p.pps];
      const details = define({ frameRate, ...videoDetails('h265', sets) });
      return { ...base, codec: 'h265', parameterSets: sets, ...details };
    }
    if (name === 'mpeg4-generic') {
      const p = mpeg4GenericParameters(format.parameters);
      const asc = parseAudioSpecificConfig(p.config);
      return {
        ...base,
        codec: 'mpeg4-audio',
        channels: asc.channelConfiguration || (format.channels ?? 1),
        config: p.config,
        codecString: aacCodecString(asc),
      };
    }
    if (name === 'mp4a-latm') {
      const p = mp4aLatmParameters(format.parameters);
      const smc = p.config.length > 0 ? parseStreamMuxConfig(p.config) : undefined;
      const asc = smc?.audioSpecificConfig;
      return {
        ...base,
        codec: 'mp4a-latm',
        ...(asc === undefined
          ? {}
          : {
              channels: asc.channelConfiguration || 1,
              config: serializeAudioSpecificConfig(asc),
              codecString: aacCodecString(asc),
            }),
      };
    }
    if (name === 'pcmu' || name === 'pcma') return { ...base, codec: 'g711', channels: format.channels ?? 1 };
  } catch (e) {
    return { ...base, codec: 'generic', reason: e instanceof Error ? e.message : String(e) };
  }
  return { ...base, codec: 'generic' };
}

/** Every format of a media section, in `m=` order. */
export function trackFormatsOf(media: SdpMedia): TrackFormat[] {
  return mediaFormats(media).map((f) => trackFormatOf(media, f));
}

/** True when the client turns this format's packets into access units (not just payloads). */
export function isDepacketized(format: TrackFormat): boolean {
  return format.codec !== 'generic' && format.codec !== 'g711';
}

type Item = { readonly code?: string; readonly event?: string; readonly message?: string; sequenceNumber?: number };

function note(item: Item, packet: RtpPacket): DepacketizerNote {
  return {
    code: item.code ?? item.event ?? 'unknown',
    message: item.message ?? '',
    sequenceNumber: item.sequenceNumber ?? packet.sequenceNumber,
  };
}

/** The depacketizer of a format: codec depacketizers, or one payload per packet for the rest. */
export function createTrackDepacketizer(format: TrackFormat): TrackDepacketizer {
  const make = () => {
    switch (format.codec) {
      case 'h264':
        return new H264Depacketizer();
      case 'h265':
        return new H265Depacketizer();
      case 'mpeg4-audio':
        return new Mpeg4GenericDepacketizer(mpeg4GenericParamsFromFmtp(format.fmtp));
      case 'mp4a-latm':
        return new LatmDepacketizer(latmOptionsFromFmtp(format.fmtp));
      default:
        return undefined;
    }
  };
  let inner = make();
  return {
    push(packet, notes) {
      if (inner === undefined) return [{ timestamp: packet.timestamp, key: true, data: packet.payload }];
      const units: DepacketizedUnit[] = [];
      let items: readonly unknown[];
      try {
        items = inner.push(packet) as readonly unknown[];
      } catch (e) {
        // The AAC depacketizers still throw on malformed payloads.
        notes.push({ code: (e as Item).code ?? 'unknown', message: String(e), sequenceNumber: packet.sequenceNumber });
        return units;
      }
      for (const item of items) {
        const it = item as Parameters<typeof isH264AccessUnit>[0];
        if (format.codec === 'h264' ? isH264AccessUnit(it) : format.codec === 'h265' && isH265AccessUnit(it as never)) {
          const u = it as { timestamp: number; nalUnits: readonly Uint8Array[]; key: boolean };
          units.push({ timestamp: u.timestamp, key: u.key, nalUnits: u.nalUnits });
        } else if ((format.codec === 'mpeg4-audio' || format.codec === 'mp4a-latm') && isAacAccessUnit(it as never)) {
          const u = it as unknown as { timestamp: number; data: Uint8Array };
          units.push({ timestamp: u.timestamp, key: true, data: u.data });
        } else notes.push(note(item as Item, packet));
      }
      return units;
    },
    reset() {
      inner = make();
    },
  };
}
