import { expect } from 'vitest';
import { AAC_HBR } from '../src/index.js';

/**
 * The depacketizer parameters of a capture whose sender announced AAC-hbr: checks the
 * announced AU-header lengths (13/3/3, RFC 3640 §3.3.6; names in any case) and returns
 * {@link AAC_HBR}. Reading fmtp in general is @rtspkit/format's job.
 */
export function aacHbr(fmtp: Readonly<Record<string, string>>): typeof AAC_HBR {
  const lower = Object.fromEntries(Object.entries(fmtp).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  expect(lower).toMatchObject({ sizelength: '13', indexlength: '3', indexdeltalength: '3' });
  return AAC_HBR;
}
