import { ByteReader, toAscii } from '@rtspkit/bytes';
import { Fmp4Error, Fmp4ErrorCode, fmp4ErrorFactory } from './errors.js';

/** `ftyp` (ISO 14496-12 §4.3). */
export type FtypFields = {
  readonly kind: 'ftyp';
  readonly majorBrand: string;
  readonly minorVersion: number;
  readonly compatibleBrands: readonly string[];
};
/** `mvhd` (§8.2.2). */
export type MvhdFields = {
  readonly kind: 'mvhd';
  readonly version: number;
  readonly timescale: number;
  readonly duration: number;
  readonly nextTrackId: number;
};
/** `mehd` (§8.8.2). */
export type MehdFields = { readonly kind: 'mehd'; readonly fragmentDuration: number };
/** `tkhd` (§8.3.2); `width`/`height` decoded from 16.16 fixed point. */
export type TkhdFields = {
  readonly kind: 'tkhd';
  readonly version: number;
  readonly flags: number;
  readonly trackId: number;
  readonly duration: number;
  readonly volume: number;
  readonly width: number;
  readonly height: number;
};
/** `mdhd` (§8.4.2). */
export type MdhdFields = {
  readonly kind: 'mdhd';
  readonly version: number;
  readonly timescale: number;
  readonly duration: number;
  readonly language: string;
};
/** `hdlr` (§8.4.3). */
export type HdlrFields = { readonly kind: 'hdlr'; readonly handlerType: string; readonly name: string };
/** `stsd` (§8.5.2); entries are the box's children. */
export type StsdFields = { readonly kind: 'stsd'; readonly entryCount: number };
/** A visual sample entry (`avc1`, `avc3`, `hvc1`, `hev1`, §12.1.3); `avcC`/`hvcC`/`pasp` are children. */
export type VisualSampleEntryFields = {
  readonly kind: 'visualSampleEntry';
  readonly dataReferenceIndex: number;
  readonly width: number;
  readonly height: number;
};
/** An audio sample entry (`mp4a`, `fLaC`, §12.2.3); `esds` or `dfLa` is a child. */
export type AudioSampleEntryFields = {
  readonly kind: 'audioSampleEntry';
  readonly dataReferenceIndex: number;
  readonly channelCount: number;
  readonly sampleSize: number;
  /** Integer part of the 16.16 field. */
  readonly sampleRate: number;
};
/** `pasp` (§12.1.4). */
export type PaspFields = { readonly kind: 'pasp'; readonly hSpacing: number; readonly vSpacing: number };
/** `esds` (ISO 14496-14 §5.6): the decoder configuration; `decoderSpecificInfo` aliases the input. */
export type EsdsFields = {
  readonly kind: 'esds';
  readonly esId: number;
  readonly objectTypeIndication: number;
  readonly streamType: number;
  readonly decoderSpecificInfo: Uint8Array;
};
/** `trex` (§8.8.3). */
export type TrexFields = {
  readonly kind: 'trex';
  readonly trackId: number;
  readonly defaultSampleDescriptionIndex: number;
  readonly defaultSampleDuration: number;
  readonly defaultSampleSize: number;
  readonly defaultSampleFlags: number;
};
/** `mfhd` (§8.8.5). */
export type MfhdFields = { readonly kind: 'mfhd'; readonly sequenceNumber: number };
/** `tfhd` (§8.8.7); optional fields are present when their flag is. */
export type TfhdFields = {
  readonly kind: 'tfhd';
  readonly flags: number;
  readonly trackId: number;
  readonly baseDataOffset?: number;
  readonly sampleDescriptionIndex?: number;
  readonly defaultSampleDuration?: number;
  readonly defaultSampleSize?: number;
  readonly defaultSampleFlags?: number;
  readonly defaultBaseIsMoof: boolean;
};
/** `tfdt` (§8.8.12). */
export type TfdtFields = { readonly kind: 'tfdt'; readonly version: number; readonly baseMediaDecodeTime: number };
/** One `trun` sample; a field is absent when the box's flags leave it out. */
export type TrunSample = {
  readonly duration?: number;
  readonly size?: number;
  readonly flags?: number;
  readonly compositionOffset?: number;
};
/** `trun` (§8.8.8); composition offsets are signed in version 1. */
export type TrunFields = {
  readonly kind: 'trun';
  readonly version: number;
  readonly flags: number;
  readonly dataOffset?: number;
  readonly firstSampleFlags?: number;
  readonly samples: readonly TrunSample[];
};
/** `tfra` (§8.8.10). */
export type TfraFields = {
  readonly kind: 'tfra';
  readonly trackId: number;
  readonly entries: ReadonlyArray<{
    readonly time: number;
    readonly moofOffset: number;
    readonly trafNumber: number;
    readonly trunNumber: number;
    readonly sampleNumber: number;
  }>;
};
/** `mfro` (§8.8.11). */
export type MfroFields = { readonly kind: 'mfro'; readonly mfraSize: number };

/** Decoded fields of the boxes {@link inspectBoxes} knows. */
export type BoxFields =
  | FtypFields
  | MvhdFields
  | MehdFields
  | TkhdFields
  | MdhdFields
  | HdlrFields
  | StsdFields
  | VisualSampleEntryFields
  | AudioSampleEntryFields
  | PaspFields
  | EsdsFields
  | TrexFields
  | MfhdFields
  | TfhdFields
  | TfdtFields
  | TrunFields
  | TfraFields
  | MfroFields;

/** One box as {@link inspectBoxes} found it. */
export type Box = {
  /** Four-character type (`uuid` for extended types). */
  readonly type: string;
  /** Absolute offset of the box header in the inspected input. */
  readonly offset: number;
  /** Whole box size in bytes, header included. */
  readonly size: number;
  /** 8, 16 with a 64-bit size, plus 16 for `uuid`. */
  readonly headerSize: number;
  /** The body after the header, aliasing the input. */
  readonly payload: Uint8Array;
  /** Child boxes of containers and sample entries; empty otherwise. */
  readonly children: readonly Box[];
  /** Decoded fields, for the boxes listed in {@link BoxFields}. */
  readonly fields: BoxFields | undefined;
};

/** Options of {@link inspectBoxes}. */
export type InspectOptions = {
  /** Deepest nesting accepted. Default 16: real files nest 8 deep; this bounds recursion on hostile input. */
  readonly maxDepth?: number;
};

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'dinf', 'stbl', 'mvex', 'moof', 'traf', 'mfra', 'edts']);
const VISUAL_ENTRIES = new Set(['avc1', 'avc3', 'hvc1', 'hev1']);
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Lists the boxes of an ISO BMFF byte range (a file, an init segment, a media segment)
 * as a tree, decoding the ones the muxer writes. Payloads alias the input; the input is
 * not mutated. Malformed input throws {@link Fmp4Error} with the offending offset
 * (`ERR_FMP4_BOX_TOO_SMALL`, `ERR_FMP4_BOX_OVERRUN`, `ERR_FMP4_TRUNCATED`, `ERR_FMP4_TOO_DEEP`).
 *
 * ```
 * +--------+--------+[largesize64][usertype128]+------+
 * | size32 | type32 |  if size=1  | if 'uuid'  | body |   size 0: to the end of the parent
 * +--------+--------+-------------+------------+------+
 * ```
 *
 * @see ISO/IEC 14496-12 §4.2
 */
export function inspectBoxes(bytes: Uint8Array, options: InspectOptions = {}): Box[] {
  return readBoxes(bytes, 0, bytes.length, 0, options.maxDepth ?? 16);
}

/** Every box at `path` (types joined by `/`, e.g. `moof/traf/trun`), in document order. */
export function findBoxes(boxes: readonly Box[], path: string): Box[] {
  const [head, ...rest] = path.split('/');
  const out: Box[] = [];
  for (const b of boxes) {
    if (b.type !== head) continue;
    if (rest.length === 0) out.push(b);
    else out.push(...findBoxes(b.children, rest.join('/')));
  }
  return out;
}

function readBoxes(bytes: Uint8Array, start: number, end: number, depth: number, maxDepth: number): Box[] {
  if (depth > maxDepth) throw new Fmp4Error(Fmp4ErrorCode.TooDeep, `boxes nested deeper than ${maxDepth}`, start);
  const boxes: Box[] = [];
  let o = start;
  while (o < end) {
    const b = readBox(bytes, o, end, depth, maxDepth);
    boxes.push(b);
    o += b.size;
  }
  return boxes;
}

function readBox(bytes: Uint8Array, at: number, end: number, depth: number, maxDepth: number): Box {
  const r = new ByteReader(bytes.subarray(0, end), at, fmp4ErrorFactory);
  r.need(8, 'box header');
  let size = r.u32();
  const type = toAscii(r.bytesView(4));
  let headerSize = 8;
  if (size === 1) {
    r.need(8, 'box largesize');
    const large = r.u64();
    if (large > BigInt(SAFE)) throw new Fmp4Error(Fmp4ErrorCode.BoxOverrun, `box ${type} size ${large} too large`, at);
    size = Number(large);
    headerSize = 16;
  } else if (size === 0) {
    size = end - at;
  }
  if (type === 'uuid') headerSize += 16;
  if (size < headerSize) {
    throw new Fmp4Error(
      Fmp4ErrorCode.BoxTooSmall,
      `box ${printable(type)} size ${size} below header ${headerSize}`,
      at,
    );
  }
  if (size > end - at) {
    throw new Fmp4Error(
      Fmp4ErrorCode.BoxOverrun,
      `box ${printable(type)} size ${size} exceeds remaining ${end - at} bytes`,
      at,
    );
  }
  const bodyStart = at + headerSize;
  const boxEnd = at + size;
  const body = new ByteReader(bytes.subarray(0, boxEnd), bodyStart, fmp4ErrorFactory);
  let children: Box[] = [];
  let fields: BoxFields | undefined;
  if (CONTAINERS.has(type)) {
    children = readBoxes(bytes, bodyStart, boxEnd, depth + 1, maxDepth);
  } else if (type === 'stsd' || type === 'dref') {
    body.skip(4);
    const entryCount = body.u32();
    children = readBoxes(bytes, body.offset, boxEnd, depth + 1, maxDepth);
    if (type === 'stsd') fields = { kind: 'stsd', entryCount };
  } else if (VISUAL_ENTRIES.has(type)) {
    body.skip(6);
    const dataReferenceIndex = body.u16();
    body.skip(16);
    const width = body.u16();
    const height = body.u16();
    body.skip(50);
    fields = { kind: 'visualSampleEntry', dataReferenceIndex, width, height };
    children = readBoxes(bytes, body.offset, boxEnd, depth + 1, maxDepth);
  } else if (type === 'mp4a' || type === 'fLaC') {
    body.skip(6);
    const dataReferenceIndex = body.u16();
    body.skip(8);
    const channelCount = body.u16();
    const sampleSize = body.u16();
    body.skip(4);
    const sampleRate = body.u32() >>> 16;
    fields = { kind: 'audioSampleEntry', dataReferenceIndex, channelCount, sampleSize, sampleRate };
    children = readBoxes(bytes, body.offset, boxEnd, depth + 1, maxDepth);
  } else {
    fields = decodeLeaf(type, body);
  }
  return { type, offset: at, size, headerSize, payload: bytes.subarray(bodyStart, boxEnd), children, fields };
}

const printable = (type: string) => JSON.stringify(type);

function u64(r: ByteReader): number {
  const v = r.u64();
  if (v > BigInt(SAFE)) throw new Fmp4Error(Fmp4ErrorCode.Truncated, `64-bit value ${v} too large`, r.offset - 8);
  return Number(v);
}

function fullHeader(r: ByteReader): { version: number; flags: number } {
  const version = r.u8();
  const flags = r.u24();
  return { version, flags };
}

/** A `count` of `each`-byte records must fit what is left, before anything is allocated. */
function needRecords(r: ByteReader, count: number, each: number, what: string): void {
  if (count * each > r.remaining) {
    throw new Fmp4Error(
      Fmp4ErrorCode.Truncated,
      `${what}: ${count} entries of ${each} bytes exceed remaining ${r.remaining} bytes`,
      r.offset,
    );
  }
}

function decodeLeaf(type: string, r: ByteReader): BoxFields | undefined {
  switch (type) {
    case 'ftyp': {
      const majorBrand = toAscii(r.bytesView(4));
      const minorVersion = r.u32();
      const compatibleBrands: string[] = [];
      while (r.remaining >= 4) compatibleBrands.push(toAscii(r.bytesView(4)));
      return { kind: 'ftyp', majorBrand, minorVersion, compatibleBrands };
    }
    case 'mvhd': {
      const { version } = fullHeader(r);
      const time = () => (version === 1 ? u64(r) : r.u32());
      time();
      time();
      const timescale = r.u32();
      const duration = time();
      r.skip(4 + 2 + 10 + 36 + 24);
      return { kind: 'mvhd', version, timescale, duration, nextTrackId: r.u32() };
    }
    case 'mehd': {
      const { version } = fullHeader(r);
      return { kind: 'mehd', fragmentDuration: version === 1 ? u64(r) : r.u32() };
    }
    case 'tkhd': {
      const { version, flags } = fullHeader(r);
      const time = () => (version === 1 ? u64(r) : r.u32());
      time();
      time();
      const trackId = r.u32();
      r.skip(4);
      const duration = time();
      r.skip(8 + 2 + 2);
      const volume = r.u16() / 256;
      r.skip(2 + 36);
      const width = r.u32() / 65536;
      const height = r.u32() / 65536;
      return { kind: 'tkhd', version, flags, trackId, duration, volume, width, height };
    }
    case 'mdhd': {
      const { version } = fullHeader(r);
      const time = () => (version === 1 ? u64(r) : r.u32());
      time();
      time();
      const timescale = r.u32();
      const duration = time();
      const lang = r.u16();
      const language = String.fromCharCode(
        0x60 + ((lang >> 10) & 0x1f),
        0x60 + ((lang >> 5) & 0x1f),
        0x60 + (lang & 0x1f),
      );
      return { kind: 'mdhd', version, timescale, duration, language };
    }
    case 'hdlr': {
      fullHeader(r);
      r.skip(4);
      const handlerType = toAscii(r.bytesView(4));
      r.skip(12);
      const rest = r.rest();
      const nul = rest.indexOf(0);
      return { kind: 'hdlr', handlerType, name: toAscii(nul < 0 ? rest : rest.subarray(0, nul)) };
    }
    case 'pasp':
      return { kind: 'pasp', hSpacing: r.u32(), vSpacing: r.u32() };
    case 'esds':
      fullHeader(r);
      return decodeEsDescriptor(r);
    case 'trex': {
      fullHeader(r);
      return {
        kind: 'trex',
        trackId: r.u32(),
        defaultSampleDescriptionIndex: r.u32(),
        defaultSampleDuration: r.u32(),
        defaultSampleSize: r.u32(),
        defaultSampleFlags: r.u32(),
      };
    }
    case 'mfhd':
      fullHeader(r);
      return { kind: 'mfhd', sequenceNumber: r.u32() };
    case 'tfhd':
      return decodeTfhd(r);
    case 'tfdt': {
      const { version } = fullHeader(r);
      return { kind: 'tfdt', version, baseMediaDecodeTime: version === 1 ? u64(r) : r.u32() };
    }
    case 'trun':
      return decodeTrun(r);
    case 'tfra':
      return decodeTfra(r);
    case 'mfro':
      fullHeader(r);
      return { kind: 'mfro', mfraSize: r.u32() };
    default:
      return undefined;
  }
}

function decodeTfhd(r: ByteReader): TfhdFields {
  const { flags } = fullHeader(r);
  const trackId = r.u32();
  const f: { -readonly [K in keyof TfhdFields]: TfhdFields[K] } = {
    kind: 'tfhd',
    flags,
    trackId,
    defaultBaseIsMoof: (flags & 0x020000) !== 0,
  };
  if (flags & 0x000001) f.baseDataOffset = u64(r);
  if (flags & 0x000002) f.sampleDescriptionIndex = r.u32();
  if (flags & 0x000008) f.defaultSampleDuration = r.u32();
  if (flags & 0x000010) f.defaultSampleSize = r.u32();
  if (flags & 0x000020) f.defaultSampleFlags = r.u32();
  return f;
}

function decodeTrun(r: ByteReader): TrunFields {
  const { version, flags } = fullHeader(r);
  const count = r.u32();
  const f: { -readonly [K in keyof TrunFields]: TrunFields[K] } = { kind: 'trun', version, flags, samples: [] };
  if (flags & 0x000001) f.dataOffset = r.i32();
  if (flags & 0x000004) f.firstSampleFlags = r.u32();
  const hasDuration = (flags & 0x000100) !== 0;
  const hasSize = (flags & 0x000200) !== 0;
  const hasFlags = (flags & 0x000400) !== 0;
  const hasCto = (flags & 0x000800) !== 0;
  const each = 4 * (Number(hasDuration) + Number(hasSize) + Number(hasFlags) + Number(hasCto));
  needRecords(r, count, each, 'trun');
  // With no per-sample field, a huge count needs no bytes: cap what is materialized.
  if (each === 0 && count > r.bytes.length) {
    throw new Fmp4Error(Fmp4ErrorCode.Truncated, `trun sample count ${count} without per-sample fields`, r.offset);
  }
  const samples: TrunSample[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const s: { -readonly [K in keyof TrunSample]: TrunSample[K] } = {};
    if (hasDuration) s.duration = r.u32();
    if (hasSize) s.size = r.u32();
    if (hasFlags) s.flags = r.u32();
    if (hasCto) s.compositionOffset = version === 0 ? r.u32() : r.i32();
    samples[i] = s;
  }
  f.samples = samples;
  return f;
}

function decodeTfra(r: ByteReader): TfraFields {
  const { version } = fullHeader(r);
  const trackId = r.u32();
  const sizes = r.u32();
  const trafLen = ((sizes >> 4) & 3) + 1;
  const trunLen = ((sizes >> 2) & 3) + 1;
  const sampleLen = (sizes & 3) + 1;
  const count = r.u32();
  const each = (version === 1 ? 16 : 8) + trafLen + trunLen + sampleLen;
  needRecords(r, count, each, 'tfra');
  const readN = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + r.u8();
    return v;
  };
  const entries: TfraFields['entries'][number][] = [];
  for (let i = 0; i < count; i++) {
    const time = version === 1 ? u64(r) : r.u32();
    const moofOffset = version === 1 ? u64(r) : r.u32();
    entries.push({
      time,
      moofOffset,
      trafNumber: readN(trafLen),
      trunNumber: readN(trunLen),
      sampleNumber: readN(sampleLen),
    });
  }
  return { kind: 'tfra', trackId, entries };
}

/** Reads a descriptor header (ISO 14496-1 §8.3.3): tag, then up to 4 base-128 length bytes. */
function descriptorHeader(r: ByteReader): { tag: number; length: number } {
  const tag = r.u8();
  let length = 0;
  for (let i = 0; i < 4; i++) {
    const b = r.u8();
    length = length * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) break;
  }
  r.need(length, `descriptor tag ${tag}`);
  return { tag, length };
}

function decodeEsDescriptor(r: ByteReader): EsdsFields {
  const es = descriptorHeader(r);
  if (es.tag !== 0x03)
    throw new Fmp4Error(Fmp4ErrorCode.Truncated, `esds starts with tag ${es.tag}, not 3`, r.offset - 2);
  const esId = r.u16();
  const esFlags = r.u8();
  if (esFlags & 0x80) r.skip(2); // dependsOn_ES_ID
  if (esFlags & 0x40) r.skip(r.u8()); // URL
  if (esFlags & 0x20) r.skip(2); // OCR_ES_Id
  const dcd = descriptorHeader(r);
  if (dcd.tag !== 0x04)
    throw new Fmp4Error(Fmp4ErrorCode.Truncated, `expected DecoderConfigDescriptor, tag ${dcd.tag}`, r.offset);
  const dcdEnd = r.offset + dcd.length;
  const objectTypeIndication = r.u8();
  const streamType = r.u8() >> 2;
  r.skip(11);
  let decoderSpecificInfo: Uint8Array = new Uint8Array(0);
  if (r.offset < dcdEnd) {
    const dsi = descriptorHeader(r);
    if (dsi.tag === 0x05) decoderSpecificInfo = r.bytesView(dsi.length);
  }
  return { kind: 'esds', esId, objectTypeIndication, streamType, decoderSpecificInfo };
}
