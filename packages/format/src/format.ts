import { CodecError } from '@rtspkit/bytes';
import {
  type FmtpParameter,
  type MediaFormat,
  type SdpAttribute,
  type SdpMedia,
  mediaFormats,
  serializeFmtp,
  serializeRtpmap,
} from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from './errors.js';
import { type G711Format, readG711 } from './g711.js';
import { type FormatReason, type GenericFormat, readGeneric } from './generic.js';
import { type H264Format, h264Fmtp, readH264 } from './h264.js';
import { type H265Format, h265Fmtp, readH265 } from './h265.js';
import { checkInteger } from './internal/fmtp.js';
import { type Mp4aLatmFormat, mp4aLatmFmtp, readMp4aLatm } from './mp4a-latm.js';
import { type Mpeg4AudioFormat, mpeg4AudioFmtp, readMpeg4Audio } from './mpeg4-audio.js';

/**
 * An RTP format: what one payload type of an SDP media section carries, as plain readonly
 * data discriminated by `codec`. Compare formats with deep equality; build them with
 * {@link formatsOf} (from an SDP) or the codec builders (`h264Format`, `mpeg4AudioFormat`, …).
 */
export type Format = H264Format | H265Format | Mpeg4AudioFormat | Mp4aLatmFormat | G711Format | GenericFormat;

/** The `codec` tags of {@link Format}. */
export type FormatCodec = Format['codec'];

/**
 * The format of one RTP format of a media section (`mediaFormats` of @rtspkit/sdp), by its
 * `a=rtpmap` encoding name (compared case-insensitively): H264, H265, mpeg4-generic,
 * MP4A-LATM, PCMU and PCMA (also as static payload types 0 and 8); anything else is a
 * {@link GenericFormat}. Never throws: when the fmtp of a known codec cannot be read (a
 * value that is not strict decimal, hex or base64, a parameter set or config that does not
 * parse, an unsupported `streamtype`), the result is a GenericFormat whose `reason` carries
 * the refusing error's code and message.
 *
 * @see RFC 6184 §8.1, RFC 7798 §7.1, RFC 3640 §4.1, RFC 6416 §7.3, RFC 3551 §4.5.14
 */
export function formatOf(format: MediaFormat, mediaType: string): Format {
  try {
    switch (format.encodingName.toLowerCase()) {
      case 'h264':
        return readH264(format);
      case 'h265':
        return readH265(format);
      case 'mpeg4-generic':
        return readMpeg4Audio(format);
      case 'mp4a-latm':
        return readMp4aLatm(format);
      case 'pcmu':
      case 'pcma':
        return readG711(format);
      default:
        return readGeneric(format, mediaType);
    }
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    return readGeneric(format, mediaType, reasonOf(e));
  }
}

function reasonOf(e: CodecError): FormatReason {
  return { code: e.code, message: e.message };
}

/**
 * The formats of a media section, one per payload type in `m=` order (the payload types
 * `mediaFormats` of @rtspkit/sdp finds: a dynamic payload type without `a=rtpmap` is left
 * out). Never throws on odd camera SDPs (see {@link formatOf}).
 *
 * @example
 * for (const media of parseSdp(body).media) {
 *   for (const format of formatsOf(media)) console.log(format.codec, codecString(format));
 * }
 */
export function formatsOf(media: SdpMedia): Format[] {
  return mediaFormats(media).map((f) => formatOf(f, media.type));
}

/** Options of {@link formatToMedia}. */
export type FormatToMediaOptions = {
  /** `a=control` of the section (`trackID=0`, `stream=1`, an absolute URL); none when absent. */
  readonly control?: string;
};

/** The `m=` media type a format belongs to. */
export function mediaTypeOf(format: Format): string {
  switch (format.codec) {
    case 'h264':
    case 'h265':
      return 'video';
    case 'generic':
      return format.mediaType;
    default:
      return 'audio';
  }
}

function rtpmapOf(format: Format): { encodingName: string; channels?: number } {
  switch (format.codec) {
    case 'h264':
      return { encodingName: 'H264' };
    case 'h265':
      return { encodingName: 'H265' };
    case 'mpeg4-audio':
      return { encodingName: 'MPEG4-GENERIC', channels: format.channels };
    case 'mp4a-latm':
      return { encodingName: 'MP4A-LATM', channels: format.channels };
    case 'g711':
      return format.channels === 1
        ? { encodingName: format.encoding }
        : { encodingName: format.encoding, channels: format.channels };
    case 'generic':
      return format.channels === undefined
        ? { encodingName: format.encodingName }
        : { encodingName: format.encodingName, channels: format.channels };
  }
}

/**
 * The fmtp parameters a format is announced with, in the codec's canonical order (empty
 * for G.711; as read for a generic format).
 */
export function fmtpOf(format: Format): FmtpParameter[] {
  switch (format.codec) {
    case 'h264':
      return h264Fmtp(format);
    case 'h265':
      return h265Fmtp(format);
    case 'mpeg4-audio':
      return mpeg4AudioFmtp(format);
    case 'mp4a-latm':
      return mp4aLatmFmtp(format);
    case 'g711':
      return [];
    case 'generic':
      return [...format.parameters];
  }
}

/**
 * The SDP media section announcing `format` (port 0, `RTP/AVP`, its payload type, `a=rtpmap`,
 * `a=fmtp` when it has parameters, `a=control` when given), written strictly: canonical
 * parameter names and order, decimal numbers, lowercase hex. The result is plain data:
 * spread it to add `a=framerate` or `b=AS`. Throws {@link FormatError}
 * `ERR_FORMAT_INVALID_FORMAT` for values that cannot be written (payload type outside
 * 0..127, a clock rate or channel count that is not a positive integer).
 *
 * @example
 * const media = formatToMedia(h264Format({ sps: [sps], pps: [pps] }), { control: 'trackID=0' });
 * @see RFC 8866 §5.14, §6.6, §6.15
 */
export function formatToMedia(format: Format, options: FormatToMediaOptions = {}): SdpMedia {
  checkInteger('payload type', format.payloadType, 0, 127);
  checkInteger('clock rate', format.clockRate, 1, 0xffffffff);
  const { encodingName, channels } = rtpmapOf(format);
  if (channels !== undefined) checkInteger('channels', channels, 1, 255);
  if (encodingName === '' || /[\s/]/.test(encodingName)) {
    throw new FormatError(
      FormatErrorCode.InvalidFormat,
      `encoding name ${JSON.stringify(encodingName)} cannot be written`,
    );
  }
  const { payloadType, clockRate } = format;
  const attributes: SdpAttribute[] = [
    {
      name: 'rtpmap',
      value: serializeRtpmap(
        channels === undefined
          ? { payloadType, encodingName, clockRate }
          : { payloadType, encodingName, clockRate, channels },
      ),
    },
  ];
  const parameters = fmtpOf(format);
  if (parameters.length > 0) attributes.push({ name: 'fmtp', value: serializeFmtp({ payloadType, parameters }) });
  if (options.control !== undefined) attributes.push({ name: 'control', value: options.control });
  return {
    type: mediaTypeOf(format),
    port: 0,
    protocol: 'RTP/AVP',
    formats: [String(payloadType)],
    connections: [],
    bandwidths: [],
    attributes,
  };
}
