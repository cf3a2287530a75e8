import { RtpError, RtpErrorCode } from './errors.js';
import type { RtpHeaderExtension } from './packet-types.js';

/** Profile value of the one-byte header form (RFC 8285 §4.2). */
export const ONE_BYTE_PROFILE = 0xbede;
/** Profile value of the two-byte header form, `0x100` then 4 app bits (RFC 8285 §4.3). */
export const TWO_BYTE_PROFILE = 0x1000;

/** One RFC 8285 header extension element. `data` aliases the packet when parsed. */
export type HeaderExtensionElement = {
  /** Local identifier: 1..14 in the one-byte form, 1..255 in the two-byte form. */
  readonly id: number;
  readonly data: Uint8Array;
};

/** Which RFC 8285 form to write. */
export type HeaderExtensionForm = 'one-byte' | 'two-byte';

/**
 * Splits an RFC 8285 header extension into its elements. Padding bytes (ID 0) are skipped;
 * in the one-byte form an element with ID 15 ends parsing, as §4.2 requires. Throws
 * {@link RtpError} `ERR_RTP_BAD_EXTENSION` when the profile is neither `0xBEDE` nor
 * `0x100X`, or an element runs past the extension. The element views alias `extension.data`.
 *
 * ```
 * one-byte form (0xBEDE)              two-byte form (0x100X)
 *  0 1 2 3 4 5 6 7                     0                   1
 * +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len-1 | data...           |       ID      |    length     | data...
 * +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * @see RFC 8285 §4.2, §4.3
 */
export function parseHeaderExtensionElements(extension: RtpHeaderExtension): HeaderExtensionElement[] {
  const { profile, data } = extension;
  const elements: HeaderExtensionElement[] = [];
  if (profile === ONE_BYTE_PROFILE) {
    let o = 0;
    while (o < data.length) {
      const b = data[o] as number;
      const id = b >>> 4;
      if (id === 0) {
        o++;
        continue;
      }
      if (id === 15) break;
      const len = (b & 0x0f) + 1;
      if (o + 1 + len > data.length) {
        throw new RtpError(
          RtpErrorCode.BadExtension,
          `one-byte element id ${id} of ${len} bytes exceeds remaining ${data.length - o - 1} bytes`,
          o,
        );
      }
      elements.push({ id, data: data.subarray(o + 1, o + 1 + len) });
      o += 1 + len;
    }
    return elements;
  }
  if ((profile & 0xfff0) === TWO_BYTE_PROFILE) {
    let o = 0;
    while (o < data.length) {
      const id = data[o] as number;
      if (id === 0) {
        o++;
        continue;
      }
      if (o + 2 > data.length) {
        throw new RtpError(RtpErrorCode.BadExtension, `two-byte element id ${id} has no length byte`, o);
      }
      const len = data[o + 1] as number;
      if (o + 2 + len > data.length) {
        throw new RtpError(
          RtpErrorCode.BadExtension,
          `two-byte element id ${id} of ${len} bytes exceeds remaining ${data.length - o - 2} bytes`,
          o,
        );
      }
      elements.push({ id, data: data.subarray(o + 2, o + 2 + len) });
      o += 2 + len;
    }
    return elements;
  }
  throw new RtpError(
    RtpErrorCode.BadExtension,
    `header extension profile 0x${profile.toString(16).padStart(4, '0')} is not an rfc 8285 form`,
  );
}

/**
 * Builds an RFC 8285 header extension from elements, padded with zero bytes to a multiple
 * of 4. The one-byte form is used when every ID is 1..14 and every element 1..16 bytes,
 * unless `options.form` says otherwise; `options.appBits` (0..15) goes in the low bits of
 * the two-byte profile. Throws {@link RtpError} `ERR_RTP_INVALID_VALUE` when an element
 * does not fit the chosen form.
 *
 * @see RFC 8285 §4.2, §4.3
 */
export function serializeHeaderExtensionElements(
  elements: readonly HeaderExtensionElement[],
  options: { readonly form?: HeaderExtensionForm; readonly appBits?: number } = {},
): RtpHeaderExtension {
  const fitsOneByte = elements.every((e) => e.id >= 1 && e.id <= 14 && e.data.length >= 1 && e.data.length <= 16);
  const form = options.form ?? (fitsOneByte ? 'one-byte' : 'two-byte');
  const appBits = options.appBits ?? 0;
  if (form === 'one-byte' && !fitsOneByte) {
    throw new RtpError(RtpErrorCode.InvalidValue, 'one-byte form needs ids 1..14 and elements of 1..16 bytes');
  }
  if ((appBits & 0x0f) !== appBits) {
    throw new RtpError(RtpErrorCode.InvalidValue, `app bits ${appBits} do not fit 4 bits`);
  }
  const overhead = form === 'one-byte' ? 1 : 2;
  let size = 0;
  for (const e of elements) {
    if (form === 'two-byte' && (e.id < 1 || e.id > 255 || e.data.length > 255)) {
      throw new RtpError(
        RtpErrorCode.InvalidValue,
        `two-byte element id ${e.id} of ${e.data.length} bytes (needs id 1..255, up to 255 bytes)`,
      );
    }
    size += overhead + e.data.length;
  }
  const padded = (size + 3) & ~3;
  if (padded > 0xffff * 4) {
    throw new RtpError(RtpErrorCode.InvalidValue, `header extension of ${padded} bytes exceeds 262140`);
  }
  const data = new Uint8Array(padded);
  let o = 0;
  for (const e of elements) {
    if (form === 'one-byte') {
      data[o++] = (e.id << 4) | (e.data.length - 1);
    } else {
      data[o++] = e.id;
      data[o++] = e.data.length;
    }
    data.set(e.data, o);
    o += e.data.length;
  }
  return { profile: form === 'one-byte' ? ONE_BYTE_PROFILE : TWO_BYTE_PROFILE | appBits, data };
}
