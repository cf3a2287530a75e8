/**
 * Browser: fetch the camera's SDP and packets, run the same Assembler, play through MSE.
 * Bundled by src/serve.ts; the page reports to `window.result` for the test.
 */
import { Assembler } from './assemble.js';

type Result = { appended: number; codecs: string; supported: boolean; error: string | null; done: boolean };
const result: Result = { appended: 0, codecs: '', supported: false, error: null, done: false };
(window as unknown as { result: Result }).result = result;

/** The packets file: for each packet, its m= section index (1 byte), length (2 bytes, big-endian), then the datagram. */
function* packets(bytes: Uint8Array): Generator<{ media: number; datagram: Uint8Array }> {
  for (let i = 0; i + 3 <= bytes.length; ) {
    const media = bytes[i] as number;
    const length = ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    yield { media, datagram: bytes.subarray(i + 3, i + 3 + length) };
    i += 3 + length;
  }
}

async function main(): Promise<void> {
  const sdp = await (await fetch('/camera.sdp')).text();
  const bytes = new Uint8Array(await (await fetch('/camera.rtp')).arrayBuffer());
  const assembler = new Assembler(sdp);
  const video = document.querySelector('video') as HTMLVideoElement;
  const mediaSource = new MediaSource();
  video.src = URL.createObjectURL(mediaSource);
  await new Promise((resolve) => mediaSource.addEventListener('sourceopen', resolve, { once: true }));
  let buffer: SourceBuffer | undefined;
  const append = async (segment: Uint8Array) => {
    if (buffer === undefined) {
      // The first segment is the init segment: the codecs are known by now.
      result.codecs = assembler.codecs.join(', ');
      const mime = `video/mp4; codecs="${result.codecs}"`;
      result.supported = MediaSource.isTypeSupported(mime);
      buffer = mediaSource.addSourceBuffer(mime);
    }
    const target = buffer;
    target.appendBuffer(segment.slice());
    await new Promise((resolve, reject) => {
      target.onupdateend = resolve;
      target.onerror = () => reject(new Error(`append ${result.appended} failed`));
    });
    result.appended++;
  };
  for (const { media, datagram } of packets(bytes)) {
    for (const segment of assembler.push(media, datagram)) await append(segment);
  }
  for (const segment of assembler.flush()) await append(segment);
  mediaSource.endOfStream();
  video.playbackRate = 0.5; // decoding keeps up on a busy machine
  await video.play();
  result.done = true;
}

main().catch((e: unknown) => {
  result.error = String(e instanceof Error ? e.message : e);
});
