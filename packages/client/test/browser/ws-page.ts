/**
 * A page script for the Chromium test: plays `window.rtspUrl` with the browser entry of
 * `@rtspkit/client` and publishes what it saw on `window.rtspResult`.
 */
import { RtspClient, type RtspClientEvent } from '@rtspkit/client/browser';

/** What the page publishes on `window.rtspResult` (read by the Node side of the test). */
export type PageResult = {
  tracks: Array<{ media: string; codec: string; codecString: string | undefined }>;
  units: number[];
  keyFirst: boolean[];
  ptsIncreasing: boolean[];
  events: string[];
  errors: string[];
};

const page = globalThis as unknown as { rtspUrl: string; rtspResult: PageResult; rtspClose: () => Promise<void> };
const result: PageResult = { tracks: [], units: [], keyFirst: [], ptsIncreasing: [], events: [], errors: [] };
page.rtspResult = result;
const lastPts: number[] = [];

const client = new RtspClient({ url: page.rtspUrl, reconnect: false });
page.rtspClose = () => client.close();
client.on((e: RtspClientEvent) => {
  if (e.type === 'access-unit') {
    const t = e.unit.track;
    result.units[t] = (result.units[t] ?? 0) + 1;
    if (result.units[t] === 1) result.keyFirst[t] = e.unit.key;
    // Without B-frames presentation order is decode order.
    const before = lastPts[t];
    result.ptsIncreasing[t] = (result.ptsIncreasing[t] ?? true) && (before === undefined || e.unit.pts > before);
    lastPts[t] = e.unit.pts;
    return;
  }
  result.events.push(e.type);
  if (e.type === 'tracks')
    result.tracks = e.tracks.map((t) => ({
      media: t.media,
      codec: t.format.codec,
      codecString: t.details.codecString,
    }));
  if (e.type === 'error') result.errors.push(`${e.error.code}: ${e.error.message}`);
});
