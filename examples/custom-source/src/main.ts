/**
 * A server of your own on `@rtspkit/server`: one mount, `/pattern`, fed by a custom source.
 *   pnpm start [port]    then: ffplay rtsp://127.0.0.1:8554/pattern
 */
import { fileURLToPath } from 'node:url';
import { createServer, type RtspServer } from '@rtspkit/server';
import { TestPatternSource, type TestPatternOptions } from './test-pattern-source.js';

/** Starts the server on `port` (0: any free port) on 127.0.0.1; resolves with it and the mount's URL. */
export async function startCustomServer(
  port = 8554,
  source: TestPatternOptions = {},
): Promise<{ server: RtspServer; url: string }> {
  const server = createServer({
    port,
    host: '127.0.0.1',
    mounts: { '/pattern': new TestPatternSource(source) },
  });
  const address = await server.listen();
  return { server, url: `rtsp://127.0.0.1:${address.port}/pattern` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server, url } = await startCustomServer(Number(process.argv[2] ?? 8554));
  console.log(`serving ${url}\n  ffplay ${url}\n  ffplay -rtsp_transport http ${url}`);
  process.once('SIGINT', () => void server.close());
}
