// Browser side of the end-to-end tests: createPlayer with the WebSocket source (the client's
// RTSP session in the page) on the URL given in the query, reporting what it does.
import { createPlayer, type PlayerState, websocketSource } from '../../src/index.js';

const w = window as unknown as { states: PlayerState[]; errors: string[]; snapshot: () => unknown };
w.states = [];
w.errors = [];
const video = document.getElementById('v') as HTMLVideoElement;
const url = new URLSearchParams(location.search).get('url') ?? '';
const player = createPlayer(video, { url, source: websocketSource(), reconnect: { initialMs: 300, maxMs: 2000 } });
player.on('state', ({ state }) => w.states.push(state));
player.on('error', (e) => w.errors.push(`${e.code}: ${e.message}`));
w.snapshot = () => {
  const q = video.getVideoPlaybackQuality();
  return {
    ...player.stats(),
    currentTime: video.currentTime,
    totalVideoFrames: q.totalVideoFrames,
    states: w.states,
    errors: w.errors,
  };
};
player.play();
