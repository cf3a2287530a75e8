import { equals } from '@rtspkit/bytes';

/** True when both lists hold the same bytes in the same order. */
export function sameList(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => equals(x, b[i] as Uint8Array));
}
