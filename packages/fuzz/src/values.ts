/** Deep copies of reader output (views may alias buffers a reader reuses), and deep comparison. */

export function snapshot(v: unknown, depth = 0): unknown {
  if (depth > 16 || v === null || typeof v !== 'object') return v;
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map((x) => snapshot(x, depth + 1));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, snapshot(x, depth + 1)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = snapshot(x, depth + 1);
  return out;
}

const show = (v: unknown): string => {
  if (v instanceof Uint8Array) return `bytes[${v.length}]`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return `array[${v.length}]`;
  return String(v);
};

/** The first place where `a` and `b` differ, as `path: a ≠ b`, or undefined. */
export function diff(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array)) return `${path}: ${show(a)} ≠ ${show(b)}`;
    if (a.length !== b.length) return `${path}: ${a.length} bytes ≠ ${b.length} bytes`;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `${path}[${i}]: ${a[i]} ≠ ${b[i]}`;
    return undefined;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${show(a)} ≠ ${show(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: ${show(a)} ≠ ${show(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a instanceof Map && b instanceof Map) return diff([...a], [...b], path);
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  for (const k of new Set([...ka, ...kb])) {
    const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

export type Census = { bytes: number; nodes: number; problem: string | undefined };

/**
 * Walks a value: counts the bytes of every byte array and the objects in it, and reports
 * the first number that is not finite.
 */
export function census(v: unknown): Census {
  const c: Census = { bytes: 0, nodes: 0, problem: undefined };
  const seen = new Set<unknown>();
  const visit = (x: unknown, path: string, depth: number): void => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x) && c.problem === undefined) c.problem = `${path} is ${x}`;
      return;
    }
    if (x === null || typeof x !== 'object' || depth > 16 || seen.has(x)) return;
    seen.add(x);
    c.nodes++;
    if (ArrayBuffer.isView(x)) {
      c.bytes += x.byteLength;
      return;
    }
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) visit(x[i], `${path}[${i}]`, depth + 1);
      return;
    }
    if (x instanceof Map) {
      for (const [k, y] of x) visit(y, `${path}.get(${String(k)})`, depth + 1);
      return;
    }
    for (const [k, y] of Object.entries(x)) visit(y, `${path}.${k}`, depth + 1);
  };
  visit(v, '$', 0);
  return c;
}
