import type { ByteWriter } from '@rtspkit/bytes';
import { fullBox } from './internal/box.js';

/**
 * The FLAC specific box of a `fLaC` sample entry: version 0, flags 0, then the FLAC
 * metadata blocks as they appear in a native FLAC stream after `fLaC` (STREAMINFO first,
 * the last block's header flagged), which `config` holds as is.
 *
 * ```
 * dfLa (FullBox, version 0, flags 0)
 *   MetadataBlock[]: last(1) type(7) length(24) data(length)   STREAMINFO = type 0, 34 bytes
 * ```
 *
 * @see Encapsulation of FLAC in ISO Base Media File Format §3.3.2 (https://github.com/xiph/flac/blob/master/doc/isoflac.txt)
 */
export function writeDfLa(w: ByteWriter, config: Uint8Array): void {
  fullBox(w, 'dfLa', 0, 0, () => w.bytes(config));
}
