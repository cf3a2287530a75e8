/**
 * The rtspkit server of the fan-out bench, in a process of its own so that its CPU time is
 * its own: `node --conditions=@rtspkit/source --import tsx our-server.ts FILE PORT`.
 * Serves FILE at /bench (UDP server ports from the default range), prints "ready", and
 * exits on SIGTERM.
 */
import { createServer, FileSource } from '@rtspkit/server';

const [file, port] = process.argv.slice(2);
if (file === undefined || port === undefined) throw new Error('usage: our-server.ts FILE PORT');
const server = createServer({
  port: Number(port),
  host: '127.0.0.1',
  mounts: { '/bench': new FileSource({ files: [file] }) },
});
await server.listen();
console.log('ready');
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
