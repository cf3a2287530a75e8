import { isIP } from 'node:net';
import { generate } from 'selfsigned';
import type { TlsOptions } from '../server.js';

/**
 * A self-signed certificate for development (`rtspkit serve --tls self-signed`): ECDSA
 * P-256, SHA-256, valid for 30 days, for `localhost`, 127.0.0.1, ::1 and `hosts`. Clients
 * must be told not to verify it (`ffmpeg -tls_verify 0` is the default; GStreamer needs
 * `tls-validation-flags=0`; browsers ask).
 */
export async function selfSignedCertificate(hosts: readonly string[] = []): Promise<TlsOptions> {
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])];
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'rtspkit development' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
