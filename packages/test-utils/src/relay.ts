import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freeTcpPort } from './ports.js';

/** Both directions of one TCP connection through the relay. */
export type CapturedConnection = { readonly client: Uint8Array; readonly server: Uint8Array };

/** A running {@link startRelay}. */
export type Relay = {
  readonly port: number;
  /** Every connection so far, bytes in each direction. */
  connections(): CapturedConnection[];
  /** Bytes carried so far, both directions of every connection. */
  carried(): number;
  close(): Promise<void>;
};

/**
 * A TCP relay on 127.0.0.1 that forwards to `targetPort` and records every byte both ways:
 * put it between a client and a camera to capture real sessions.
 */
export async function startRelay(targetPort: number): Promise<Relay> {
  const records: Array<{ client: Buffer[]; server: Buffer[] }> = [];
  let carried = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((down) => {
    const record = { client: [] as Buffer[], server: [] as Buffer[] };
    records.push(record);
    const up = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(down).add(up);
    down.on('data', (d: Buffer) => {
      record.client.push(d);
      carried += d.length;
      up.write(d);
    });
    up.on('data', (d: Buffer) => {
      record.server.push(d);
      carried += d.length;
      down.write(d);
    });
    const end = () => {
      down.destroy();
      up.destroy();
      sockets.delete(down);
      sockets.delete(up);
    };
    down.on('close', end);
    up.on('close', end);
    down.on('error', end);
    up.on('error', end);
  });
  const port = await freeTcpPort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    port,
    connections: () =>
      records.map((r) => ({
        client: new Uint8Array(Buffer.concat(r.client)),
        server: new Uint8Array(Buffer.concat(r.server)),
      })),
    carried: () => carried,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
