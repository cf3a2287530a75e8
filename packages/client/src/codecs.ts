import { parseAudioSpecificConfig } from '@rtspkit/aac';
import { codecString, createDepacketizer, type Format, formatsOf, withParameterSets } from '@rtspkit/format';
import { parseH264Sps } from '@rtspkit/h264';
import { parseH265Sps } from '@rtspkit/h265';
import type { RtpPacket } from '@rtspkit/rtp';
import { framerateOf, type SdpMedia } from '@rtspkit/sdp';

/** What the client tells about a format beyond its fmtp: codec string, picture size, rate. */
export type FormatDetails = {
  /** RFC 6381 codec string (`avc1.42C01E`, `mp4a.40.2`), when the parameters tell it. */
  readonly codecString?: string;
  readonly width?: number;
  readonly height?: number;
  /** `a=framerate`, else the SPS timing. */
  readonly frameRate?: number;
  /** Audio sample rate (the AudioSpecificConfig's, else the clock rate). */
  readonly sampleRate?: number;
  readonly channels?: number;
};

/** One complete access unit from a depacketizer, timestamps still raw RTP. */
export type DepacketizedUnit = {
  readonly timestamp: number;
  readonly key: boolean;
  /** Video NAL units (no start codes), in decode order. */
  readonly nalUnits?: readonly Uint8Array[];
  /** Audio frame, or the payload of a G.711 or generic format. */
  readonly data?: Uint8Array;
};

/** Something a depacketizer noticed: loss, a malformed packet, a reset. */
export type DepacketizerNote = { readonly code: string; readonly message: string; readonly sequenceNumber: number };

/** True when the client turns this format's packets into codec access units (not just payloads). */
export function isDepacketized(format: Format): boolean {
  return format.codec !== 'generic' && format.codec !== 'g711';
}

/** The formats of a media section, in `m=` order (never throws). */
export { formatsOf };

/** Details of a format: read from its parameter sets or AudioSpecificConfig; never throws. */
export function formatDetails(format: Format, media?: SdpMedia): FormatDetails {
  const out: { -readonly [K in keyof FormatDetails]: FormatDetails[K] } = {};
  const codec = codecString(format);
  if (codec !== undefined) out.codecString = codec;
  const rate = media === undefined ? undefined : framerateOf(media);
  try {
    if (format.codec === 'h264' && format.sps[0] !== undefined) {
      const sps = parseH264Sps(format.sps[0]);
      out.width = sps.width;
      out.height = sps.height;
      const t = sps.timing;
      if (t !== undefined && t.numUnitsInTick > 0) out.frameRate = t.timeScale / (2 * t.numUnitsInTick);
    } else if (format.codec === 'h265' && format.sps[0] !== undefined) {
      const sps = parseH265Sps(format.sps[0]);
      out.width = sps.width;
      out.height = sps.height;
      const t = sps.timing;
      if (t !== undefined && t.numUnitsInTick > 0) out.frameRate = t.timeScale / t.numUnitsInTick;
    } else if ((format.codec === 'mpeg4-audio' || format.codec === 'mp4a-latm') && format.config !== undefined) {
      out.channels = format.channels;
      out.sampleRate =
        format.codec === 'mpeg4-audio' ? parseAudioSpecificConfig(format.config).samplingFrequency : format.clockRate;
    } else if (format.codec === 'g711' || format.codec === 'generic') {
      if (format.channels !== undefined) out.channels = format.channels;
    }
  } catch {
    // An SPS or config the format accepted but the detail reader does not: no details.
  }
  if (rate !== undefined) out.frameRate = rate;
  return out;
}

/** Packets of one track → access units; never throws. */
export type TrackDepacketizer = {
  push(packet: RtpPacket, notes: DepacketizerNote[]): DepacketizedUnit[];
  reset(): void;
};

type Item = {
  readonly code?: string;
  readonly event?: string;
  readonly message?: string;
  readonly sequenceNumber?: number;
  readonly nalUnits?: readonly Uint8Array[];
  readonly data?: Uint8Array;
  readonly timestamp?: number;
  readonly key?: boolean;
};

/** The depacketizer of a format, behind one shape for every codec. */
export function createTrackDepacketizer(format: Format): TrackDepacketizer {
  let inner = createDepacketizer(format);
  return {
    push(packet, notes) {
      const units: DepacketizedUnit[] = [];
      let items: readonly Item[];
      try {
        items = inner.push(packet) as readonly Item[];
      } catch (e) {
        notes.push({ code: (e as Item).code ?? 'unknown', message: String(e), sequenceNumber: packet.sequenceNumber });
        return units;
      }
      for (const item of items) {
        if (item.nalUnits !== undefined) {
          units.push({
            timestamp: item.timestamp ?? packet.timestamp,
            key: item.key === true,
            nalUnits: item.nalUnits,
          });
        } else if (item.data !== undefined) {
          units.push({ timestamp: item.timestamp ?? packet.timestamp, key: true, data: item.data });
        } else {
          notes.push({
            code: item.code ?? item.event ?? 'unknown',
            message: item.message ?? '',
            sequenceNumber: item.sequenceNumber ?? packet.sequenceNumber,
          });
        }
      }
      return units;
    },
    reset() {
      inner = createDepacketizer(format);
    },
  };
}

/**
 * The format with the parameter sets an access unit carries in band (cameras whose SDP has
 * no `sprop-parameter-sets`); the same object when nothing changed. Never throws: a
 * parameter set that does not parse leaves the format as it was.
 */
export function updateParameterSets(format: Format, nalUnits: readonly Uint8Array[]): Format {
  if (format.codec !== 'h264' && format.codec !== 'h265') return format;
  try {
    return withParameterSets(format, nalUnits);
  } catch {
    return format;
  }
}
