/**
 * Node: the sample camera's packets through the Assembler into a fragmented MP4 file.
 *   pnpm start [out.mp4]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { samples } from '@rtspkit/sample';
import { Assembler } from './assemble.js';
import { simulateCamera } from './camera.js';

const outPath = process.argv[2] ?? 'out.mp4';
const camera = simulateCamera(readFileSync(samples.h264High.path), readFileSync(samples.aac.path));
console.log(camera.sdp);

const assembler = new Assembler(camera.sdp);
const segments: Uint8Array[] = [];
for (const { media, datagram } of camera.packets) segments.push(...assembler.push(media, datagram));
segments.push(...assembler.flush());
writeFileSync(outPath, Buffer.concat(segments));

console.log(`codecs: ${assembler.codecs.join(', ')}`);
console.log(`${camera.packets.length} RTP packets → ${segments.length} segments → ${outPath}`);
console.log(`depacketizer events: ${JSON.stringify(Object.fromEntries(assembler.events))}`);
