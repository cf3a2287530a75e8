// Browser side of the createPlayer tests: a PlayerSource that replays access units fetched
// from the test server at their real pace (standing in for the RTSP session), and can drop
// the first connection after a while to exercise reconnecting.
import type { Format } from '@rtspkit/format';
import { createPlayer, type PlayerSource, type PlayerState } from '../../src/index.js';

type UnitIndex = {
  track: number;
  pts: number;
  key: boolean;
  at: number;
  offset: number;
  lengths: number[];
  audio: boolean;
};
type Setup = { tracks: Format[]; units: UnitIndex[]; dropFirstAfter?: number };

const params = new URLSearchParams(location.search);
const setup = (await (await fetch(`/setup?${params}`)).json()) as Setup;
const body = new Uint8Array(await (await fetch(`/units?${params}`)).arrayBuffer());
// JSON carries byte arrays as number arrays
const tracks = setup.tracks.map(
  (t): Format => ('config' in t && t.config ? { ...t, config: Uint8Array.from(t.config as unknown as number[]) } : t),
);

const w = window as unknown as {
  states: PlayerState[];
  errors: string[];
  infos: string[];
  opened: number;
  snapshot: () => unknown;
};
w.states = [];
w.errors = [];
w.infos = [];
w.opened = 0;

const replay = (): PlayerSource => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = ++w.opened;
  return {
    transport: 'replay',
    open(handlers) {
      handlers.tracks(tracks);
      const t0 = performance.now();
      let i = 0;
      const feed = () => {
        const t = (performance.now() - t0) / 1000;
        if (attempt === 1 && setup.dropFirstAfter !== undefined && t >= setup.dropFirstAfter) {
          handlers.error(new Error('connection dropped'));
          return;
        }
        for (; i < setup.units.length && setup.units[i]!.at <= t; i++) {
          const u = setup.units[i]!;
          let o = u.offset;
          const parts = u.lengths.map((n) => body.subarray(o, (o += n)));
          handlers.unit(
            u.audio
              ? { track: u.track, pts: u.pts, dts: u.pts, key: true, data: parts[0]! }
              : { track: u.track, pts: u.pts, dts: u.pts, key: u.key, nalUnits: parts, wallClock: Date.now() },
          );
        }
        if (i < setup.units.length) timer = setTimeout(feed, 5);
      };
      feed();
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
};

const video = document.getElementById('v') as HTMLVideoElement;
const player = createPlayer(video, { url: 'replay://sample', source: replay, reconnect: { initialMs: 300 } });
player.on('state', ({ state }) => w.states.push(state));
player.on('error', (e) => w.errors.push(`${e.code}: ${e.message}`));
player.on('info', ({ message }) => w.infos.push(message));
w.snapshot = () => ({
  ...player.stats(),
  currentTime: video.currentTime,
  states: w.states,
  errors: w.errors,
  opened: w.opened,
});
player.play();
