import { type BitReader, BitWriter } from '@rtspkit/bytes';
import { AacError, AacErrorCode } from './errors.js';
import { bitReader, put } from './internal/bits.js';
import { type ProgramConfigElement, readProgramConfigElement, writeProgramConfigElement } from './program-config.js';
import { SAMPLING_FREQUENCIES, samplingFrequencyIndexOf } from './sampling.js';

/**
 * MPEG-4 AudioSpecificConfig: what a decoder needs to start (the `config=` of RFC 3640 fmtp,
 * the `esds` DecoderSpecificInfo of MP4, the ASC inside a LATM StreamMuxConfig).
 *
 * ```
 * audioObjectType          5 bits (31 → 32 + next 6 bits)
 * samplingFrequencyIndex   4 bits (15 → samplingFrequency in the next 24 bits)
 * channelConfiguration     4 bits
 * [objectType 5 or 29: extensionSamplingFrequencyIndex 4 (+24), audioObjectType 5 (+6)]
 * GASpecificConfig         frameLengthFlag 1, dependsOnCoreCoder 1 (+coreCoderDelay 14),
 *                          extensionFlag 1, [PCE when channelConfiguration = 0], …
 * [epConfig 2 bits for error-resilient types]
 * [syncExtensionType 11 bits = 0x2b7, extensionAudioObjectType, sbrPresentFlag, …,
 *  syncExtensionType 11 bits = 0x548, psPresentFlag]
 * ```
 *
 * SBR/PS signalling comes in two forms, and {@link serializeAudioSpecificConfig} writes
 * back the one that was parsed:
 * - explicit (hierarchical): `objectType` is 5 (SBR) or 29 (PS) and `coreObjectType` is the
 *   underlying one (2); `samplingFrequency` is the core rate and `extensionSamplingFrequency`
 *   the output rate;
 * - backward compatible: `objectType` is the core type and a sync extension (0x2b7) after
 *   the GASpecificConfig sets `extensionObjectType`, `sbrPresent` and maybe `psPresent`
 *   (FFmpeg's AAC encoder writes one with `sbrPresent: false`).
 * Implicit SBR (nothing signalled, found only by decoding) cannot be seen here.
 *
 * @see ISO/IEC 14496-3 §1.6.2.1 (AudioSpecificConfig), §4.4.1 (GASpecificConfig)
 */
export type AudioSpecificConfig = {
  /** The first audio object type: 2 AAC-LC, 5 SBR (HE-AAC), 29 PS (HE-AACv2), … (the N of `mp4a.40.N`). */
  readonly objectType: number;
  /** Absent when the frequency is not in the table (written explicitly, index 15 + 24 bits). */
  readonly samplingFrequencyIndex?: number;
  readonly samplingFrequency: number;
  /** 0 = defined by a program config element, 1–7 per ISO 14496-3 table 1.19. */
  readonly channelConfiguration: number;
  /** With explicit SBR/PS (`objectType` 5 or 29): the object type underneath, usually 2. */
  readonly coreObjectType?: number;
  /** 5 (SBR) or 22 when an extension is signalled, explicit or through a sync extension. */
  readonly extensionObjectType?: number;
  readonly sbrPresent?: boolean;
  /** Explicit form: true for object type 29. Sync extension form: absent unless 0x548 followed. */
  readonly psPresent?: boolean;
  readonly extensionSamplingFrequencyIndex?: number;
  readonly extensionSamplingFrequency?: number;
  /** ER BSAC (22) extension only. */
  readonly extensionChannelConfiguration?: number;
  /** GASpecificConfig: true for 960-sample frames (120 for AAC-LD), false for 1024. */
  readonly frameLengthFlag?: boolean;
  readonly dependsOnCoreCoder?: boolean;
  /** 14 bits, present when `dependsOnCoreCoder`. */
  readonly coreCoderDelay?: number;
  readonly extensionFlag?: boolean;
  /** Present when `channelConfiguration` is 0. */
  readonly programConfigElement?: ProgramConfigElement;
  /** AAC scalable (6, 20) only. */
  readonly layerNr?: number;
  /** ER BSAC (22) with `extensionFlag`. */
  readonly numOfSubFrame?: number;
  readonly layerLength?: number;
  /** ER AAC (17, 19, 20, 23) with `extensionFlag`. */
  readonly aacSectionDataResilienceFlag?: boolean;
  readonly aacScalefactorDataResilienceFlag?: boolean;
  readonly aacSpectralDataResilienceFlag?: boolean;
  readonly extensionFlag3?: boolean;
  /** Error-resilient object types only (0 or 1; 2 and 3 are not supported). */
  readonly epConfig?: number;
};

const SYNC_EXTENSION_SBR = 0x2b7;
const SYNC_EXTENSION_PS = 0x548;
/** Object types whose specific config is a GASpecificConfig (ISO 14496-3 table 1.15). */
const GA_TYPES = new Set([1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23]);
/** Error-resilient GA types, which carry `epConfig` after the specific config. */
const ER_GA_TYPES = new Set([17, 19, 20, 21, 22, 23]);

function readObjectType(r: BitReader): number {
  const t = r.u(5);
  return t === 31 ? 32 + r.u(6) : t;
}

function readFrequency(r: BitReader): { index?: number; frequency: number } {
  const at = r.byteOffset;
  const index = r.u(4);
  if (index === 15) {
    const frequency = r.u(24);
    if (frequency === 0) {
      throw new AacError(AacErrorCode.InvalidSamplingFrequencyIndex, 'explicit sampling frequency 0', at);
    }
    // A table rate written explicitly reads as its index: the canonical form, which is
    // what the writer gives back.
    const tableIndex = SAMPLING_FREQUENCIES.indexOf(frequency);
    return tableIndex < 0 ? { frequency } : { index: tableIndex, frequency };
  }
  const frequency = SAMPLING_FREQUENCIES[index];
  if (frequency === undefined) {
    throw new AacError(AacErrorCode.InvalidSamplingFrequencyIndex, `sampling frequency index ${index} is reserved`, at);
  }
  return { index, frequency };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads an AudioSpecificConfig from `r`. `endBit` bounds it (needed to look for a sync
 * extension); pass undefined when no sync extension is to be looked for. With `probe`, the
 * bits up to `endBit` may belong to whatever follows the config (a LATM StreamMuxConfig of
 * audioMuxVersion 0 has no `ascLen`): a sync extension is then taken only when it names
 * SBR (5) or ER BSAC (22), the only types it can carry.
 * @internal
 */
export function readAudioSpecificConfig(r: BitReader, endBit: number | undefined, probe = false): AudioSpecificConfig {
  const start = r.bitPosition;
  const firstType = readObjectType(r);
  const freq = readFrequency(r);
  const asc: Mutable<AudioSpecificConfig> = {
    objectType: firstType,
    ...(freq.index === undefined ? {} : { samplingFrequencyIndex: freq.index }),
    samplingFrequency: freq.frequency,
    channelConfiguration: r.u(4),
  };
  let type = firstType;
  if (firstType === 5 || firstType === 29) {
    const ext = readFrequency(r);
    asc.extensionObjectType = 5;
    asc.sbrPresent = true;
    asc.psPresent = firstType === 29;
    if (ext.index !== undefined) asc.extensionSamplingFrequencyIndex = ext.index;
    asc.extensionSamplingFrequency = ext.frequency;
    type = readObjectType(r);
    asc.coreObjectType = type;
    if (type === 22) asc.extensionChannelConfiguration = r.u(4);
  }
  if (!GA_TYPES.has(type)) return asc; // specific config of other types is not parsed
  asc.frameLengthFlag = r.flag();
  asc.dependsOnCoreCoder = r.flag();
  if (asc.dependsOnCoreCoder) asc.coreCoderDelay = r.u(14);
  asc.extensionFlag = r.flag();
  if (asc.channelConfiguration === 0) asc.programConfigElement = readProgramConfigElement(r, start);
  if (type === 6 || type === 20) asc.layerNr = r.u(3);
  if (asc.extensionFlag) {
    if (type === 22) {
      asc.numOfSubFrame = r.u(5);
      asc.layerLength = r.u(11);
    }
    if (type === 17 || type === 19 || type === 20 || type === 23) {
      asc.aacSectionDataResilienceFlag = r.flag();
      asc.aacScalefactorDataResilienceFlag = r.flag();
      asc.aacSpectralDataResilienceFlag = r.flag();
    }
    asc.extensionFlag3 = r.flag();
  }
  if (ER_GA_TYPES.has(type)) {
    const at = r.byteOffset;
    asc.epConfig = r.u(2);
    if (asc.epConfig > 1) {
      throw new AacError(AacErrorCode.Unsupported, `epConfig ${asc.epConfig} is not supported`, at);
    }
  }
  if (asc.extensionObjectType === undefined && endBit !== undefined && endBit - r.bitPosition >= 16) {
    readSyncExtension(r, endBit, asc, probe);
  }
  return asc;
}

function readSyncExtension(r: BitReader, endBit: number, asc: Mutable<AudioSpecificConfig>, probe: boolean): void {
  const mark = r.bitPosition;
  if (r.u(11) !== SYNC_EXTENSION_SBR) {
    r.bitPosition = mark; // not an extension: trailing bits, ignored
    return;
  }
  const extType = readObjectType(r);
  if (probe && extType !== 5 && extType !== 22) {
    r.bitPosition = mark; // what follows the config, not an extension
    return;
  }
  asc.extensionObjectType = extType;
  if (extType === 5) {
    asc.sbrPresent = r.flag();
    if (asc.sbrPresent) {
      const ext = readFrequency(r);
      if (ext.index !== undefined) asc.extensionSamplingFrequencyIndex = ext.index;
      asc.extensionSamplingFrequency = ext.frequency;
      if (endBit - r.bitPosition >= 12) {
        const psMark = r.bitPosition;
        if (r.u(11) === SYNC_EXTENSION_PS) asc.psPresent = r.flag();
        else r.bitPosition = psMark;
      }
    }
  } else if (extType === 22) {
    asc.sbrPresent = r.flag();
    if (asc.sbrPresent) {
      const ext = readFrequency(r);
      if (ext.index !== undefined) asc.extensionSamplingFrequencyIndex = ext.index;
      asc.extensionSamplingFrequency = ext.frequency;
    }
    asc.extensionChannelConfiguration = r.u(4);
  }
}

/**
 * Parses an AudioSpecificConfig (e.g. the hex `config=` of an RFC 3640 fmtp, decoded).
 * Bits after it are ignored. Throws {@link AacError}. `programConfigElement.comment`
 * aliases `bytes`.
 * @see ISO/IEC 14496-3 §1.6.2.1
 */
export function parseAudioSpecificConfig(bytes: Uint8Array): AudioSpecificConfig {
  return readAudioSpecificConfig(bitReader(bytes), bytes.length * 8);
}

function writeObjectType(w: BitWriter, type: number, field: string): void {
  if (type >= 31) {
    put(w, 5, 31, field);
    put(w, 6, type - 32, field);
  } else put(w, 5, type, field);
}

function writeFrequency(w: BitWriter, index: number | undefined, frequency: number | undefined, field: string): void {
  const i = index ?? (frequency === undefined ? undefined : samplingFrequencyIndexOf(frequency));
  if (i !== undefined) {
    if (i >= SAMPLING_FREQUENCIES.length) {
      throw new AacError(AacErrorCode.InvalidSamplingFrequencyIndex, `${field} index ${i} is reserved`);
    }
    put(w, 4, i, `${field} index`);
    return;
  }
  put(w, 4, 15, field);
  put(w, 24, frequency ?? -1, field);
}

/**
 * Writes an AudioSpecificConfig. When `samplingFrequencyIndex` is absent, the index of
 * `samplingFrequency` is written if the table has it, else the explicit 24-bit value. The
 * SBR/PS signalling form follows the value (see {@link AudioSpecificConfig}); a sync
 * extension is written when `objectType` is not 5/29 and `extensionObjectType` is set.
 * Throws `ERR_AAC_VALUE_OUT_OF_RANGE` for values that do not fit their fields.
 * @see ISO/IEC 14496-3 §1.6.2.1
 */
export function serializeAudioSpecificConfig(asc: AudioSpecificConfig): Uint8Array {
  const w = new BitWriter();
  writeAudioSpecificConfig(w, asc);
  return w.finish();
}

/** @internal Writes an ASC at the writer's position (which counts as its start for PCE alignment). */
export function writeAudioSpecificConfig(w: BitWriter, asc: AudioSpecificConfig): void {
  const start = w.bitLength;
  writeObjectType(w, asc.objectType, 'audioObjectType');
  writeFrequency(w, asc.samplingFrequencyIndex, asc.samplingFrequency, 'samplingFrequency');
  put(w, 4, asc.channelConfiguration, 'channelConfiguration');
  let type = asc.objectType;
  const explicit = type === 5 || type === 29;
  if (explicit) {
    writeFrequency(
      w,
      asc.extensionSamplingFrequencyIndex,
      asc.extensionSamplingFrequency ?? asc.samplingFrequency,
      'extensionSamplingFrequency',
    );
    type = asc.coreObjectType ?? 2;
    writeObjectType(w, type, 'coreObjectType');
    if (type === 22) put(w, 4, asc.extensionChannelConfiguration ?? 0, 'extensionChannelConfiguration');
  }
  if (!GA_TYPES.has(type)) return;
  w.flag(asc.frameLengthFlag ?? false);
  w.flag(asc.dependsOnCoreCoder ?? false);
  if (asc.dependsOnCoreCoder) put(w, 14, asc.coreCoderDelay ?? 0, 'coreCoderDelay');
  w.flag(asc.extensionFlag ?? false);
  if (asc.channelConfiguration === 0) {
    if (asc.programConfigElement === undefined) {
      throw new AacError(AacErrorCode.ValueOutOfRange, 'channelConfiguration 0 needs a programConfigElement');
    }
    writeProgramConfigElement(w, asc.programConfigElement, start);
  }
  if (type === 6 || type === 20) put(w, 3, asc.layerNr ?? 0, 'layerNr');
  if (asc.extensionFlag) {
    if (type === 22) {
      put(w, 5, asc.numOfSubFrame ?? 0, 'numOfSubFrame');
      put(w, 11, asc.layerLength ?? 0, 'layer_length');
    }
    if (type === 17 || type === 19 || type === 20 || type === 23) {
      w.flag(asc.aacSectionDataResilienceFlag ?? false);
      w.flag(asc.aacScalefactorDataResilienceFlag ?? false);
      w.flag(asc.aacSpectralDataResilienceFlag ?? false);
    }
    w.flag(asc.extensionFlag3 ?? false);
  }
  if (ER_GA_TYPES.has(type)) {
    const ep = asc.epConfig ?? 0;
    if (ep > 1) throw new AacError(AacErrorCode.Unsupported, `epConfig ${ep} is not supported`);
    put(w, 2, ep, 'epConfig');
  }
  if (!explicit && asc.extensionObjectType !== undefined) writeSyncExtension(w, asc);
}

function writeSyncExtension(w: BitWriter, asc: AudioSpecificConfig): void {
  const ext = asc.extensionObjectType ?? 0;
  w.u(11, SYNC_EXTENSION_SBR);
  writeObjectType(w, ext, 'extensionObjectType');
  if (ext !== 5 && ext !== 22) return;
  w.flag(asc.sbrPresent ?? false);
  if (asc.sbrPresent) {
    writeFrequency(
      w,
      asc.extensionSamplingFrequencyIndex,
      asc.extensionSamplingFrequency ?? asc.samplingFrequency * 2,
      'extensionSamplingFrequency',
    );
    if (ext === 5 && asc.psPresent !== undefined) {
      w.u(11, SYNC_EXTENSION_PS);
      w.flag(asc.psPresent);
    }
  }
  if (ext === 22) put(w, 4, asc.extensionChannelConfiguration ?? 0, 'extensionChannelConfiguration');
}

/**
 * The RFC 6381 codec string of an AudioSpecificConfig: `mp4a.40.` + the first object type
 * (`mp4a.40.2` AAC-LC, `mp4a.40.5` explicit HE-AAC, `mp4a.40.29` HE-AACv2).
 * @see RFC 6381 §3.3
 */
export function aacCodecString(asc: AudioSpecificConfig): string {
  return `mp4a.40.${asc.objectType}`;
}
