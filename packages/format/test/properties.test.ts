import { fromBase64, hex } from '@rtspkit/bytes';
import { parseSdp, serializeSdp, buildSession } from '@rtspkit/sdp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Format, codecString, createDepacketizer, fmp4Track, formatToMedia, formatsOf } from '../src/index.js';
import { GST_PPS, GST_PPS_265, GST_SPS, GST_SPS_265, GST_VPS_265, allCases } from './cases.js';
import { parseMedia } from './helpers.js';

/** format → SDP text → parsed → format, through the same serializer and parser a peer would meet. */
function roundTrip(format: Format): Format[] {
  const text = serializeSdp(buildSession({ media: [formatToMedia(format, { control: 'trackID=0' })] }));
  return formatsOf(parseSdp(text).media[0]!);
}

const payloadType = fc.integer({ min: 0, max: 127 });
const clockRate = fc.integer({ min: 1, max: 0xffffffff });
const channels = fc.integer({ min: 1, max: 255 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops the keys whose value is undefined (formats never carry `key: undefined`). */
const defined = (o: { readonly codec: Format['codec'] } & Record<string, unknown>): Format =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Format;

// Real parameter sets: the gst-rtsp-server cases and other cameras of the case table.
const h264Sps = [GST_SPS, fromBase64('Z0IAKeKQCgDLYC3AQEBpB4kRUA=='), fromBase64('Z2QAMqw7UBQAWtCAAAH0AABhqEI=')];
const h264Pps = [GST_PPS, fromBase64('aM48gA=='), fromBase64('aOqPLA==')];
const ascs = [hex`11 90`, hex`14 08`, hex`11 88 56 e5 00`, hex`12 10`, hex`13 90`];
const muxConfigs = [hex`40 00 23 20 3f c0`, hex`40 00 24 10 ad ca 00`, hex`40 00 23 20`];
const subset = <T>(pool: readonly T[]) => fc.subarray([...pool]);

const h264Format = fc
  .record({
    payloadType,
    clockRate,
    packetizationMode: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
    sps: subset(h264Sps),
    pps: subset(h264Pps),
    profileLevelId: optional(fc.stringMatching(/^[0-9a-f]{6}$/)),
  })
  .map((r) => defined({ codec: 'h264', ...r }));

const h265Format = fc
  .record({
    payloadType,
    clockRate,
    vps: subset([GST_VPS_265]),
    sps: subset([GST_SPS_265]),
    pps: subset([GST_PPS_265]),
    maxDonDiff: fc.integer({ min: 0, max: 32767 }),
    depackBufNalus: optional(fc.integer({ min: 0, max: 32767 })),
    profileId: optional(fc.integer({ min: 0, max: 31 })),
    tierFlag: optional(fc.integer({ min: 0, max: 1 })),
    levelId: optional(fc.integer({ min: 0, max: 255 })),
  })
  .map((r) => defined({ codec: 'h265', ...r }));

const bits = fc.integer({ min: 0, max: 32 });
const mpeg4AudioFormat = fc
  .record({
    payloadType,
    clockRate,
    channels,
    config: optional(fc.constantFrom(...ascs)),
    mode: fc.constantFrom('AAC-hbr', 'AAC-lbr', 'generic', 'CELP-vbr'),
    profileLevelId: optional(fc.integer({ min: 0, max: 255 })),
    sizeLength: bits,
    indexLength: bits,
    indexDeltaLength: bits,
    ctsDeltaLength: optional(bits),
    dtsDeltaLength: optional(bits),
    randomAccessIndication: optional(fc.boolean()),
    streamStateIndication: optional(bits),
    auxiliaryDataSizeLength: optional(bits),
    constantSize: optional(fc.integer({ min: 1, max: 65535 })),
    constantDuration: optional(fc.integer({ min: 1, max: 0xffffffff })),
  })
  .map((r) => defined({ codec: 'mpeg4-audio', ...r }));

const latmFormat = fc
  .record({
    payloadType,
    clockRate,
    channels,
    cpresent: fc.boolean(),
    config: fc.constantFrom(...muxConfigs),
    withConfig: fc.boolean(),
    profileLevelId: fc.integer({ min: 0, max: 255 }),
    object: optional(fc.integer({ min: 0, max: 255 })),
    bitrate: optional(fc.integer({ min: 0, max: 0xffffffff })),
    sbrEnabled: optional(fc.boolean()),
  })
  .map(
    ({ withConfig, config, ...r }): Format =>
      defined({ codec: 'mp4a-latm', ...r, config: withConfig || !r.cpresent ? config : undefined }),
  );

const g711Format = fc
  .record({
    payloadType,
    clockRate,
    channels,
    encoding: fc.constantFrom('PCMU', 'PCMA') as fc.Arbitrary<'PCMU' | 'PCMA'>,
  })
  .map((r): Format => ({ codec: 'g711', ...r }));

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.+_-]{0,15}$/);
const genericFormat = fc
  .record({
    payloadType,
    clockRate,
    channels: optional(channels),
    mediaType: fc.constantFrom('video', 'audio', 'application', 'text'),
    encodingName: token.filter(
      (n) => !['h264', 'h265', 'mpeg4-generic', 'mp4a-latm', 'pcmu', 'pcma'].includes(n.toLowerCase()),
    ),
    parameters: fc.array(fc.record({ name: token, value: fc.stringMatching(/^([!-:<-~]([ !-:<-~]*[!-:<-~])?)?$/) }), {
      maxLength: 6,
    }),
  })
  .map((r) => defined({ codec: 'generic', ...r }));

const anyFormat = fc.oneof(h264Format, h265Format, mpeg4AudioFormat, latmFormat, g711Format, genericFormat);

describe('properties', () => {
  it('format → media → format gives the format back', () => {
    fc.assert(
      fc.property(anyFormat, (format) => {
        expect(roundTrip(format)).toEqual([format]);
      }),
      { numRuns: 2000, examples: allCases.filter((c) => !c.decodeOnly).map((c) => [c.formats[0] as Format]) },
    );
  });

  const known = ['H264', 'H265', 'mpeg4-generic', 'MP4A-LATM', 'PCMU', 'PCMA', 'JPEG'];
  const names = [
    'sprop-parameter-sets',
    'packetization-mode',
    'profile-level-id',
    'sprop-vps',
    'sprop-sps',
    'sprop-pps',
    'sprop-max-don-diff',
    'profile-id',
    'level-id',
    'tier-flag',
    'config',
    'cpresent',
    'object',
    'mode',
    'sizelength',
    'indexlength',
    'indexdeltalength',
    'streamtype',
    'constantsize',
    'constantduration',
    'randomaccessindication',
    'bitrate',
    'SBR-enabled',
  ];
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.stringMatching(/^[0-9]{0,12}$/),
    fc.stringMatching(/^[0-9a-fA-F]{0,16}$/),
    fc.stringMatching(/^[A-Za-z0-9+/=,]{0,40}$/),
    fc.constantFrom('1e3', '+1', '-1', '0x10', '1.0', ' 13', '(null)', ''),
  );
  const fmtpText = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc
      .array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 8 })
      .map((ps) => ps.map(([n, v]) => `${n}=${v}`).join(';')),
  );

  it('arbitrary fmtp text gives a typed format or a GenericFormat with the reason, never an exception', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.constantFrom('8000', '48000/2', '90000'),
        fmtpText.map((t) => t.replace(/[\r\n]/g, ' ')),
        (name, rate, fmtp) => {
          const media = parseMedia(`m=audio 0 RTP/AVP 96\r\na=rtpmap:96 ${name}/${rate}\r\na=fmtp:96 ${fmtp}`);
          for (const format of formatsOf(media)) {
            if (format.codec === 'generic' && name !== 'JPEG') {
              expect(format.reason?.code).toMatch(/^ERR_(FORMAT|AAC|H264|H265|BYTES)_/);
            }
            // A format this package read can always be used.
            createDepacketizer(format);
            codecString(format);
            fmp4Track(format, 1);
            expect(roundTrip(format)).toEqual([format]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('numbers are strict decimal: anything else is refused', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^[0-9]{1,10}$/.test(s.trim()) && !/[;\r\n]/.test(s)),
        (n) => {
          const [format] = formatsOf(
            parseMedia(
              `m=audio 0 RTP/AVP 97\r\na=rtpmap:97 mpeg4-generic/48000/2\r\na=fmtp:97 sizelength=${n};config=1190`,
            ),
          );
          if (n.trim() === '') expect(format?.codec).toBe('mpeg4-audio');
          else expect(format).toMatchObject({ codec: 'generic', reason: { code: 'ERR_FORMAT_INVALID_PARAMETER' } });
        },
      ),
    );
  });
});
