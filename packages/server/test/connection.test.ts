import { getHeader, parseRtpInfo, parseSession, parseTransport } from '@rtspkit/rtsp';
import { parseRtpPacket } from '@rtspkit/rtp';
import { parseSdp } from '@rtspkit/sdp';
import { describe, expect, it } from 'vitest';
import { defaultServerLimits } from '../src/options.js';
import { PUBLIC_METHODS } from '../src/rtsp/status.js';
import { AAC, audioFrame, FakeUdp, H264, makeContext, manualMount, settle, TestClient, videoFrame } from './support.js';

const URL = 'rtsp://127.0.0.1:8554/cam';
const TCP0 = ['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1'] as [string, string];
const TCP2 = ['Transport', 'RTP/AVP/TCP;unicast;interleaved=2-3'] as [string, string];

async function setup() {
  const { mount, source } = await manualMount('/cam', [H264, AAC]);
  const mounts = new Map([['/cam', mount]]);
  const udp = new FakeUdp();
  const { context, clock } = makeContext(mounts, udp);
  return { mount, source, mounts, udp, context, clock, client: new TestClient(context) };
}

/** SETUP both tracks over TCP and return the session id. */
function setupTcp(client: TestClient): string {
  client.request('SETUP', `${URL}/trackID=0`, [TCP0]);
  const id = parseSession(client.header('Session') ?? '').id;
  client.request('SETUP', `${URL}/trackID=1`, [TCP2, ['Session', id]]);
  return id;
}

describe('RtspConnection', () => {
  it('answers OPTIONS with exactly the methods it implements', async () => {
    const { client } = await setup();
    client.request('OPTIONS', '*');
    expect(client.last().status).toBe(200);
    expect(client.header('Public')?.split(/,\s*/)).toEqual([...PUBLIC_METHODS]);
    expect(client.header('CSeq')).toBe('1');
  });

  it('describes a mount: per-track control, sprop, AAC config, Content-Base', async () => {
    const { client } = await setup();
    client.request('DESCRIBE', URL, [['Accept', 'application/sdp']]);
    const r = client.last();
    expect(r.status).toBe(200);
    expect(getHeader(r.headers, 'Content-Base')).toBe(`${URL}/`);
    expect(getHeader(r.headers, 'Content-Type')).toBe('application/sdp');
    const sdp = parseSdp(new TextDecoder().decode(r.body));
    expect(sdp.media.map((m) => m.attributes.find((a) => a.name === 'control')?.value)).toEqual([
      'trackID=0',
      'trackID=1',
    ]);
    const fmtp = sdp.media.map((m) => m.attributes.find((a) => a.name === 'fmtp')?.value ?? '');
    expect(fmtp[0]).toContain('sprop-parameter-sets=Z0LAHtoCgL/lwEQAAAMABAAAAwDwPFi6gA==,aM48gA==');
    expect(fmtp[1]).toContain('config=1190');
  });

  it('plays at the next key frame with RTP-Info matching the first packet of each track', async () => {
    const { client, source } = await setup();
    const id = setupTcp(client);
    client.request('PLAY', URL, [['Session', id]]);
    await settle();
    // No answer before a key frame: the client would otherwise start mid-GOP.
    expect(client.responses().length).toBe(2);
    source.emit(videoFrame(0, false));
    source.emit(audioFrame(0));
    expect(client.responses().length).toBe(2);
    source.emit(videoFrame(3000, true, 3000));
    source.emit(audioFrame(1024));
    await settle();
    const play = client.last();
    expect(play.status).toBe(200);
    expect(getHeader(play.headers, 'Range')).toBe('npt=now-');
    const info = parseRtpInfo(getHeader(play.headers, 'RTP-Info') ?? '');
    expect(info.map((e) => e.url)).toEqual([`${URL}/trackID=0`, `${URL}/trackID=1`]);
    // The PLAY response precedes the media on the pipe.
    const playIndex = client.items.indexOf(play);
    const firstFrame = client.items.findIndex((i) => i.kind === 'frame');
    expect(firstFrame).toBeGreaterThan(playIndex);
    const rtp = client
      .frames()
      .filter((f) => f.channel === 0 || f.channel === 2)
      .map((f) => ({ channel: f.channel, packet: parseRtpPacket(f.payload) }));
    const firstVideo = rtp.find((p) => p.channel === 0)!.packet;
    const firstAudio = rtp.find((p) => p.channel === 2)!.packet;
    expect(firstVideo.sequenceNumber).toBe(info[0]!.seq);
    expect(firstVideo.timestamp).toBe(info[0]!.rtptime);
    expect(firstAudio.sequenceNumber).toBe(info[1]!.seq);
    // Sender reports went out on the RTCP channels before the media.
    const rtcpChannels = client.frames().filter((f) => f.channel === 1 || f.channel === 3);
    expect(rtcpChannels.length).toBeGreaterThanOrEqual(2);
    expect(rtcpChannels[0]!.payload[1]).toBe(200);
  });

  it('sends UDP media only to the peer, from the allocated ports, and frees them on TEARDOWN', async () => {
    const { client, source, udp, context } = await setup();
    client.request('SETUP', `${URL}/trackID=0`, [['Transport', 'RTP/AVP;unicast;client_port=5000-5001']]);
    await settle();
    const r = client.last();
    expect(r.status).toBe(200);
    const t = parseTransport(getHeader(r.headers, 'Transport') ?? '');
    expect(t.clientPort).toEqual([5000, 5001]);
    expect(t.serverPort).toEqual([40000, 40001]);
    const id = parseSession(getHeader(r.headers, 'Session') ?? '').id;
    client.request('PLAY', URL, [['Session', id]]);
    source.emit(videoFrame(0, true, 5000));
    await settle();
    expect(client.last().status).toBe(200);
    const rtp = udp.sent.filter((s) => !s.rtcp);
    expect(rtp.length).toBe(5); // 5000 bytes in FU-A fragments, SPS and PPS in a STAP-A
    expect(new Set(udp.sent.map((s) => `${s.to}:${s.port}`))).toEqual(new Set(['127.0.0.1:5000', '127.0.0.1:5001']));
    client.request('TEARDOWN', URL, [['Session', id]]);
    expect(client.last().status).toBe(200);
    expect(udp.open.size).toBe(0);
    expect(context.sessions.size).toBe(0);
  });

  const refusals: [name: string, run: (c: TestClient) => void, status: number][] = [
    ['no CSeq', (c) => c.connection.push(new TextEncoder().encode('OPTIONS * RTSP/1.0\r\n\r\n')), 400],
    ['RTSP/2.0', (c) => c.request('OPTIONS', '*', [], 'RTSP/2.0'), 505],
    ['unknown method', (c) => c.request('FROBNICATE', URL), 501],
    ['RECORD on a play mount', (c) => c.request('RECORD', URL), 405],
    ['DESCRIBE of an unknown mount', (c) => c.request('DESCRIBE', 'rtsp://127.0.0.1:8554/nope'), 404],
    ['SETUP of an unknown track', (c) => c.request('SETUP', `${URL}/trackID=7`, [TCP0]), 404],
    ['SETUP of the aggregate URL with two tracks', (c) => c.request('SETUP', URL, [TCP0]), 459],
    ['SETUP with a malformed Transport', (c) => c.request('SETUP', `${URL}/trackID=0`, [['Transport', ';;==']]), 461],
    ['SETUP without Transport', (c) => c.request('SETUP', `${URL}/trackID=0`), 461],
    [
      'SETUP sending UDP elsewhere',
      (c) =>
        c.request('SETUP', `${URL}/trackID=0`, [
          ['Transport', 'RTP/AVP;unicast;destination=10.1.2.3;client_port=5000-5001'],
        ]),
      461,
    ],
    ['SETUP multicast', (c) => c.request('SETUP', `${URL}/trackID=0`, [['Transport', 'RTP/AVP;multicast']]), 461],
    ['PLAY without SETUP', (c) => c.request('PLAY', URL), 455],
    ['PAUSE without SETUP', (c) => c.request('PAUSE', URL), 455],
    ['PLAY of an unknown session', (c) => c.request('PLAY', URL, [['Session', 'NOPE']]), 454],
    ['a Require header', (c) => c.request('OPTIONS', '*', [['Require', 'funky-feature']]), 551],
  ];
  for (const [name, run, status] of refusals) {
    it(`refuses ${name} with ${status}`, async () => {
      const { client } = await setup();
      run(client);
      await settle();
      expect(client.last().status).toBe(status);
      expect(client.destroyed).toBeUndefined();
    });
  }

  it('refuses PAUSE of a session that is not playing with 455', async () => {
    const { client } = await setup();
    const id = setupTcp(client);
    client.request('PAUSE', URL, [['Session', id]]);
    expect(client.last().status).toBe(455);
  });

  it('refuses UDP inside a tunnel or a WebSocket with 461 and accepts interleaved there', async () => {
    for (const kind of ['http-tunnel', 'websocket'] as const) {
      const { context } = await setup();
      const client = new TestClient(context, { kind });
      client.request('SETUP', `${URL}/trackID=0`, [['Transport', 'RTP/AVP;unicast;client_port=5000-5001']]);
      await settle();
      expect(client.last().status).toBe(461);
      const tcp = new TestClient(context, { kind, id: `t-${kind}` });
      tcp.request('SETUP', `${URL}/trackID=0`, [
        ['Transport', 'RTP/AVP;unicast;client_port=5000-5001,RTP/AVP/TCP;unicast;interleaved=0-1'],
      ]);
      expect(tcp.last().status).toBe(200);
      expect(parseTransport(tcp.header('Transport') ?? '').lowerTransport).toBe('TCP');
    }
  });

  it("answers another connection's session id exactly like an unknown one", async () => {
    const { context } = await setup();
    const owner = new TestClient(context, { id: 'owner' });
    const id = setupTcp(owner);
    const intruder = new TestClient(context, { id: 'intruder' });
    for (const method of ['PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER']) {
      intruder.request(method, URL, [['Session', id]]);
      await settle();
      expect(intruder.last().status).toBe(454);
    }
    expect(context.sessions.get(id)?.state).toBe('ready');
  });

  it('ends the sessions of a connection when it closes', async () => {
    const { context, client, mount, source } = await setup();
    const id = setupTcp(client);
    client.request('PLAY', URL, [['Session', id]]);
    source.emit(videoFrame(0, true));
    await settle();
    expect(mount.readerCount).toBe(1);
    client.connection.close();
    expect(context.sessions.size).toBe(0);
    expect(mount.readerCount).toBe(0);
  });

  it('pauses and resumes at the next key frame', async () => {
    const { client, source, mount } = await setup();
    const id = setupTcp(client);
    client.request('PLAY', URL, [['Session', id]]);
    source.emit(videoFrame(0, true));
    await settle();
    client.request('PAUSE', URL, [['Session', id]]);
    expect(client.last().status).toBe(200);
    expect(mount.readerCount).toBe(0);
    const framesBefore = client.frames().length;
    source.emit(videoFrame(3000, false));
    expect(client.frames().length).toBe(framesBefore);
    client.request('PLAY', URL, [['Session', id]]);
    source.emit(videoFrame(6000, false));
    await settle();
    expect(client.last().status).toBe(200); // still the PAUSE answer
    expect(client.responses().length).toBe(4);
    source.emit(videoFrame(9000, true));
    await settle();
    expect(client.responses().length).toBe(5);
    expect(client.last().status).toBe(200);
  });

  it('keeps a session alive with GET_PARAMETER and counts receiver reports as life', async () => {
    const { client, context, clock } = await setup();
    const id = setupTcp(client);
    clock.now += 50_000;
    client.request('GET_PARAMETER', URL, [['Session', id]]);
    expect(client.last().status).toBe(200);
    clock.now += 50_000;
    expect(context.sessions.expired(clock.now)).toEqual([]);
    clock.now += 20_000;
    expect(context.sessions.expired(clock.now).map((s) => s.id)).toEqual([id]);
  });

  it('gives the same answers whatever the chunking of the request stream', async () => {
    const whole = await setup();
    const id = setupTcp(whole.client);
    const stream = [
      whole.client.request('OPTIONS', '*'),
      whole.client.request('DESCRIBE', URL),
      whole.client.request('GET_PARAMETER', URL, [['Session', id]]),
    ];
    const byteByByte = await setup();
    const id2 = setupTcp(byteByByte.client);
    expect(id2).toBe(id);
    for (const bytes of stream) for (const b of bytes) byteByByte.client.connection.push(Uint8Array.of(b));
    const statuses = (c: TestClient) => c.responses().map((r) => [r.status, getHeader(r.headers, 'CSeq')]);
    expect(statuses(byteByByte.client)).toEqual(statuses(whole.client));
  });

  it('closes the connection with 431 on an oversized head and keeps other connections working', async () => {
    const { context, client } = await setup();
    const other = new TestClient(context, { id: 'other' });
    client.connection.push(new TextEncoder().encode(`OPTIONS * RTSP/1.0\r\nX-Big: ${'a'.repeat(1 << 20)}\r\n`));
    expect(client.last().status).toBe(431);
    expect(client.destroyed).toBeDefined();
    other.request('OPTIONS', '*');
    expect(other.last().status).toBe(200);
  });
  it('drops whole frames to the next key frame for a reader over budget, and disconnects it past maxStallMs', async () => {
    const { client, source, clock, context } = await setup();
    const id = setupTcp(client);
    client.request('PLAY', URL, [['Session', id]]);
    source.emit(videoFrame(0, true, 3000));
    await settle();
    const session = context.sessions.get(id)!;
    const sent = () => client.frames().filter((f) => f.channel === 0).length;
    const start = sent();
    client.queued = defaultServerLimits.maxQueueBytes + 1; // the pipe holds more than the budget
    source.emit(videoFrame(3000, false, 3000));
    expect(sent()).toBe(start);
    expect(session.counters.framesDropped).toBe(1);
    client.queued = 0; // drained, but the next frame depends on the dropped one
    source.emit(videoFrame(6000, false, 3000));
    expect(sent()).toBe(start);
    source.emit(videoFrame(9000, true, 3000)); // a key frame: delivery resumes, whole
    expect(sent()).toBeGreaterThan(start);
    expect(session.counters.framesDropped).toBe(2);
    client.queued = defaultServerLimits.maxQueueBytes + 1;
    source.emit(videoFrame(12000, false));
    clock.now += defaultServerLimits.maxStallMs + 1;
    expect(client.destroyed).toBeUndefined();
    source.emit(videoFrame(15000, false));
    expect(client.destroyed).toMatch(/queued bytes/);
  });
});
