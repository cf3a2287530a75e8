import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Sdp, type SdpMedia, SdpError, parseSdp, serializeSdp } from '../src/index.js';
import { canonicalCases, quirkCases } from './cases.js';

// A token: printable ASCII without space (what RFC 8866 calls a token or an address).
const token = fc.stringMatching(/^[!-~]{1,12}$/);
// A text value: no CR/LF, no leading or trailing whitespace (a line is trimmed on read).
const text = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[!-~](?:[ -~]{0,20}[!-~])?$/),
  fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => s === s.trim() && !/[\r\n]/.test(s)),
);
const nat = fc.nat({ max: 2 ** 32 });
const attribute = fc.oneof(
  fc.record({ name: fc.stringMatching(/^[a-zA-Z-]{1,10}$/) }),
  fc.record({ name: fc.stringMatching(/^[a-zA-Z-]{1,10}$/), value: text }),
);
// `c=` inside a connection field cannot be written: the reader strips repeated `c=` prefixes.
const connectionToken = token.filter((t) => !t.includes('c='));
const connection = fc.record({ netType: connectionToken, addressType: connectionToken, address: connectionToken });
const bandwidth = fc.record({ type: fc.stringMatching(/^[A-Z]{1,4}$/), value: nat });
const media: fc.Arbitrary<SdpMedia> = fc.record(
  {
    type: fc.stringMatching(/^[a-z]{1,10}$/),
    port: fc.nat({ max: 65535 }),
    portCount: fc.integer({ min: 1, max: 8 }),
    protocol: token,
    formats: fc.array(token, { maxLength: 4 }),
    title: text,
    connections: fc.array(connection, { maxLength: 2 }),
    bandwidths: fc.array(bandwidth, { maxLength: 2 }),
    encryptionKey: text,
    attributes: fc.array(attribute, { maxLength: 5 }),
  },
  { requiredKeys: ['type', 'port', 'protocol', 'formats', 'connections', 'bandwidths', 'attributes'] },
);
const sdp: fc.Arbitrary<Sdp> = fc.record(
  {
    version: fc.constant(0),
    origin: fc.record({
      username: token,
      sessionId: token,
      sessionVersion: token,
      netType: token,
      addressType: token,
      address: token,
    }),
    sessionName: text,
    sessionInfo: text,
    uri: text,
    emails: fc.array(text, { maxLength: 2 }),
    phones: fc.array(text, { maxLength: 2 }),
    connection,
    bandwidths: fc.array(bandwidth, { maxLength: 2 }),
    timings: fc.array(fc.record({ start: nat, stop: nat, repeats: fc.array(text, { maxLength: 2 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    timeZones: text,
    encryptionKey: text,
    attributes: fc.array(attribute, { maxLength: 5 }),
    media: fc.array(media, { maxLength: 4 }),
  },
  {
    requiredKeys: [
      'version',
      'origin',
      'sessionName',
      'emails',
      'phones',
      'bandwidths',
      'timings',
      'attributes',
      'media',
    ],
  },
);

const sdpLines = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...'vosiuepcbtrzkamxy'), fc.string({ maxLength: 30 })).map(([t, v]) => `${t}=${v}`),
    fc.string({ maxLength: 20 }),
  ),
  { maxLength: 20 },
);

describe('properties', () => {
  it('model → serialize → parse gives the model back', () => {
    fc.assert(
      fc.property(sdp, (model) => {
        expect(parseSdp(serializeSdp(model))).toEqual(model);
      }),
      { examples: canonicalCases.map((c) => [c.sdp]) },
    );
  });

  it('parse → serialize is idempotent for whatever parses', () => {
    fc.assert(
      fc.property(sdpLines, fc.constantFrom('\r\n', '\n', '\r'), (lines, eol) => {
        let model: Sdp;
        try {
          model = parseSdp(lines.join(eol));
        } catch (e) {
          expect(e).toBeInstanceOf(SdpError);
          return;
        }
        const canonical = serializeSdp(model);
        expect(serializeSdp(parseSdp(canonical))).toBe(canonical);
      }),
      { examples: quirkCases.map((c) => [c.text.split('\n'), '\n'] as [string[], string]) },
    );
  });

  it('arbitrary strings and bytes give only SdpError and terminate', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (input) => {
        try {
          parseSdp(input);
        } catch (e) {
          expect(e).toBeInstanceOf(SdpError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseSdp(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(SdpError);
        }
      }),
    );
  });
});
