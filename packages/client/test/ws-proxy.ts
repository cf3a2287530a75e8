import { createConnection, type Socket } from 'node:net';
import { freeTcpPort } from '@rtspkit/test-utils';
import { WebSocketServer } from 'ws';

/**
 * A WebSocket (`rtsp.onvif.org`) to TCP gateway in front of an RTSP server, built on the
 * `ws` package: each WebSocket gets a TCP connection to `targetPort`, binary messages one
 * way, socket bytes the other. Counts the messages each way, so a test can tell the
 * session really went through it.
 */
export async function startWebSocketProxy(targetPort: number) {
  const port = await freeTcpPort();
  const counts = { toServer: 0, toClient: 0, protocols: [] as string[] };
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    handleProtocols: (offered) => (offered.has('rtsp.onvif.org') ? 'rtsp.onvif.org' : false),
  });
  wss.on('connection', (ws) => {
    counts.protocols.push(ws.protocol);
    const tcp = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(tcp);
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return ws.close(1003);
      counts.toServer++;
      tcp.write(data);
    });
    tcp.on('data', (d) => {
      counts.toClient++;
      ws.send(d, { binary: true });
    });
    const end = () => {
      ws.close();
      tcp.destroy();
      sockets.delete(tcp);
    };
    ws.on('close', end);
    tcp.on('close', end);
    tcp.on('error', end);
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return {
    port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
