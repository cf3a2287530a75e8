import type { RtspStreamItem } from '../src/index.js';

/** Items as plain data, so results of different chunkings compare with toEqual. */
export function plain(items: readonly RtspStreamItem[]): unknown[] {
  return items.map((i) =>
    i.kind === 'frame' ? { ...i, payload: Array.from(i.payload) } : { ...i, body: Array.from(i.body) },
  );
}
