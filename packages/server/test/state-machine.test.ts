import { getHeader, parseSession } from '@rtspkit/rtsp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mount } from '../src/mount.js';
import {
  AAC,
  FakeUdp,
  H264,
  type ManualSource,
  makeContext,
  manualMount,
  settle,
  TestClient,
  videoFrame,
} from './support.js';

const URL = 'rtsp://127.0.0.1:8554/cam';

/** What the server's state should be, per RFC 2326 Appendix A.2. */
type Model = { session: boolean; playing: boolean; tracks: Set<number>; udp: number };

type Real = {
  client: TestClient;
  source: ManualSource;
  mount: Mount;
  udp: FakeUdp;
  context: ReturnType<typeof makeContext>['context'];
  session: string | undefined;
  timestamp: number;
};

const sessionHeader = (r: Real): [string, string][] => (r.session ? [['Session', r.session]] : []);

async function send(r: Real, method: string, uri: string, headers: [string, string][] = []): Promise<number> {
  const before = r.client.responses().length;
  r.client.request(method, uri, headers);
  await settle();
  if (method === 'PLAY') {
    // PLAY answers at the next key frame.
    r.timestamp += 3000;
    r.source.emit(videoFrame(r.timestamp, true));
    await settle();
  }
  expect(r.client.responses().length).toBe(before + 1);
  return r.client.last().status;
}

function check(m: Model, r: Real): void {
  expect(r.context.sessions.size).toBe(m.session ? 1 : 0);
  expect(r.udp.open.size).toBe(m.udp);
  expect(r.mount.readerCount).toBe(m.playing ? 1 : 0);
}

class Setup implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly track: number,
    readonly udp: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const transport = this.udp
      ? `RTP/AVP;unicast;client_port=${5000 + 2 * this.track}-${5001 + 2 * this.track}`
      : `RTP/AVP/TCP;unicast;interleaved=${2 * this.track}-${2 * this.track + 1}`;
    const status = await send(r, 'SETUP', `${URL}/trackID=${this.track}`, [
      ['Transport', transport],
      ...sessionHeader(r),
    ]);
    const expected = m.playing || m.tracks.has(this.track) ? 455 : 200;
    expect(status).toBe(expected);
    if (expected === 200) {
      r.session = parseSession(getHeader(r.client.last().headers, 'Session') ?? '').id;
      m.session = true;
      m.tracks.add(this.track);
      if (this.udp) m.udp++;
    }
    check(m, r);
  }
  toString = () => `SETUP track ${this.track} ${this.udp ? 'udp' : 'tcp'}`;
}

class Simple implements fc.AsyncCommand<Model, Real> {
  constructor(readonly method: 'PLAY' | 'PAUSE' | 'TEARDOWN' | 'GET_PARAMETER' | 'OPTIONS' | 'DESCRIBE') {}
  check = () => true;
  async run(m: Model, r: Real) {
    const status = await send(r, this.method, URL, sessionHeader(r));
    let expected = 200;
    switch (this.method) {
      case 'PLAY':
        if (!m.session) expected = 455;
        else m.playing = true;
        break;
      case 'PAUSE':
        if (!m.playing) expected = 455;
        else m.playing = false;
        break;
      case 'TEARDOWN':
        if (!m.session) expected = 455;
        else {
          Object.assign(m, { session: false, playing: false, tracks: new Set(), udp: 0 });
          r.session = undefined;
        }
        break;
      default:
    }
    expect(status).toBe(expected);
    check(m, r);
  }
  toString = () => this.method;
}

describe('the session state machine against its model (fc.commands)', () => {
  it('answers every request order as RFC 2326 Appendix A.2 says and leaks nothing', async () => {
    const commands = [
      fc.tuple(fc.constantFrom(0, 1), fc.boolean()).map(([t, u]) => new Setup(t, u)),
      fc.constantFrom('PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'OPTIONS', 'DESCRIBE').map((m) => new Simple(m)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const { mount, source } = await manualMount('/cam', [H264, AAC]);
        const udp = new FakeUdp();
        const { context } = makeContext(new Map([['/cam', mount]]), udp);
        const real: Real = {
          client: new TestClient(context),
          source,
          mount,
          udp,
          context,
          session: undefined,
          timestamp: 0,
        };
        const model: Model = { session: false, playing: false, tracks: new Set(), udp: 0 };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        // Whatever happened, closing the connection frees everything.
        real.client.connection.close();
        expect(context.sessions.size).toBe(0);
        expect(udp.open.size).toBe(0);
        expect(mount.readerCount).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
