// A model-based test of the session's state machine: random orders of answers (success,
// refusals, challenges, redirects, silence), user commands, lost connections and time.
// The model predicts the state from the requests it saw and how they were answered.
import { concatList, fromAscii } from '@rtspkit/bytes';
import { getHeader, MessageReader, type RtspRequest, serializeResponse } from '@rtspkit/rtsp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_COMMANDS, ClientError, ClientErrorCode, ClientSession, type SessionState } from '../src/index.js';
import { fixedRandom } from './harness.js';

const URL = 'rtsp://127.0.0.1:8554/live';
const TIMEOUT = 10_000;
const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=control:*',
  'm=video 0 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1',
  'a=control:track1',
  '',
].join('\r\n');

type Outcome = 'ok' | 'not-found' | 'unavailable' | 'unauthorized' | 'redirect';

type Sent = { readonly request: RtspRequest; readonly sentAt: number; readonly keepalive: boolean };

/** The real system: the session, its clock, and the requests it sent that await an answer. */
type Real = {
  session: ClientSession;
  now: number;
  reader: MessageReader;
  outstanding: Sent[];
  lastCSeq: number;
  errors: number;
};

/** What the model knows. */
type Model = { state: SessionState; hasSession: boolean; errors: number };

/** States the model reached over all runs: the generator must drive the session everywhere. */
const visited = new Set<SessionState>();

function collect(real: Real, model: Model): void {
  visited.add(model.state);
  for (const item of real.reader.push(concatList(real.session.takeTransmit()))) {
    if (item.kind !== 'request') continue;
    const cseq = Number(getHeader(item.headers, 'CSeq'));
    expect(cseq, 'CSeq grows').toBeGreaterThan(real.lastCSeq);
    real.lastCSeq = cseq;
    if (model.hasSession && ['PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER'].includes(item.method))
      expect(getHeader(item.headers, 'Session'), `${item.method} carries the session`).toBe('s1');
    const keepalive = item.method === 'GET_PARAMETER' || (item.method === 'OPTIONS' && model.state !== 'options');
    real.outstanding.push({ request: item, sentAt: real.now, keepalive });
  }
  for (const e of real.session.takeEvents()) if (e.type === 'error') real.errors++;
}

function answer(request: RtspRequest, outcome: Outcome): Uint8Array {
  const headers: Array<[string, string]> = [['CSeq', getHeader(request.headers, 'CSeq')!]];
  let status = 200;
  let body: Uint8Array = new Uint8Array(0);
  if (outcome === 'not-found') status = 404;
  else if (outcome === 'unavailable') status = 503;
  else if (outcome === 'unauthorized') {
    status = 401;
    headers.push(['WWW-Authenticate', 'Digest realm="cam", nonce="abc", qop="auth"']);
  } else if (outcome === 'redirect') {
    status = 302;
    headers.push(['Location', URL]);
  } else if (request.method === 'OPTIONS')
    headers.push(['Public', 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, GET_PARAMETER, TEARDOWN']);
  else if (request.method === 'DESCRIBE') {
    headers.push(['Content-Type', 'application/sdp'], ['Content-Base', `${URL}/`]);
    body = fromAscii(SDP);
  } else if (request.method === 'SETUP') {
    headers.push(['Transport', getHeader(request.headers, 'Transport')!], ['Session', 's1;timeout=60']);
  }
  return serializeResponse({ version: 'RTSP/1.0', status, reason: status === 200 ? 'OK' : 'Refused', headers, body });
}

/** The state the model predicts after `sent` was answered with `outcome`. */
function afterAnswer(model: Model, sent: Sent, outcome: Outcome): void {
  const s = model.state;
  if (s === 'closed' || s === 'failed' || s === 'idle') return;
  const method = sent.request.method;
  if (method === 'TEARDOWN') {
    model.state = 'closed';
    model.hasSession = false;
    return;
  }
  // While closing only the TEARDOWN answer counts.
  if (s === 'closing') return;
  if (outcome === 'unauthorized') {
    // No credentials were given: any 401 ends the session.
    fail(model);
    return;
  }
  if (sent.keepalive) return;
  if (outcome === 'redirect') {
    model.state = 'failed';
    return;
  }
  if (outcome !== 'ok') {
    if (method === 'OPTIONS') model.state = 'describe';
    else if (method === 'PLAY' && s === 'paused') return;
    else fail(model);
    return;
  }
  switch (method) {
    case 'OPTIONS':
      model.state = 'describe';
      return;
    case 'DESCRIBE':
      model.state = 'setup';
      return;
    case 'SETUP':
      model.state = 'ready';
      model.hasSession = true;
      return;
    case 'PLAY':
      model.state = 'playing';
      return;
    case 'PAUSE':
      model.state = 'paused';
      return;
  }
}

function fail(model: Model): void {
  model.state = 'failed';
  model.errors++;
}

type Command = fc.Command<Model, Real>;

class Answer implements Command {
  constructor(
    readonly pick: number,
    readonly outcome: Outcome,
  ) {}
  check(_m: Readonly<Model>, r?: Real) {
    return r === undefined || r.outstanding.length > 0;
  }
  run(model: Model, real: Real) {
    if (real.outstanding.length === 0) return;
    const [sent] = real.outstanding.splice(this.pick % real.outstanding.length, 1);
    afterAnswer(model, sent!, this.outcome);
    real.session.receive(answer(sent!.request, this.outcome), real.now);
    collect(real, model);
    if (
      this.outcome === 'redirect' &&
      model.state === 'failed' &&
      sent!.request.method !== 'TEARDOWN' &&
      !sent!.keepalive
    )
      real.outstanding.length = 0;
    expect(real.session.state).toBe(model.state);
  }
  toString() {
    return `answer(#${this.pick}, ${this.outcome})`;
  }
}

class Advance implements Command {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  run(model: Model, real: Real) {
    const end = real.now + this.ms;
    // The first request (not a keepalive) to time out decides, in the order they were sent.
    const live = model.state !== 'closed' && model.state !== 'failed' && model.state !== 'idle';
    if (live) {
      const expired = real.outstanding.filter((s) => !s.keepalive && s.sentAt + TIMEOUT <= end);
      if (expired.length > 0) {
        if (expired[0]!.request.method === 'TEARDOWN') {
          model.state = 'closed';
          model.hasSession = false;
        } else fail(model);
      }
    }
    for (;;) {
      const at = real.session.nextWakeup();
      if (at === undefined || at > end) break;
      real.now = Math.max(real.now, at);
      real.session.poll(real.now);
      collect(real, model);
    }
    real.now = end;
    real.session.poll(real.now);
    collect(real, model);
    real.outstanding = real.outstanding.filter((s) => s.sentAt + TIMEOUT > real.now);
    if (model.state === 'failed' || model.state === 'closed') real.outstanding.length = 0;
    expect(real.session.state).toBe(model.state);
  }
  toString() {
    return `advance(${this.ms})`;
  }
}

class UserCommand implements Command {
  constructor(readonly command: 'connect' | 'play' | 'pause' | 'close') {}
  check() {
    return true;
  }
  run(model: Model, real: Real) {
    const allowed = ALLOWED_COMMANDS[model.state].includes(this.command);
    const call = () => real.session[this.command](real.now);
    if (!allowed) {
      expect(call).toThrow(ClientError);
      expect(call).toThrow(expect.objectContaining({ code: ClientErrorCode.InvalidState }));
      expect(real.session.state).toBe(model.state);
      return;
    }
    call();
    if (this.command === 'connect') {
      // A new connection: answers to the old one never come.
      real.outstanding.length = 0;
      model.state = 'options';
      model.hasSession = false;
    } else if (this.command === 'close') {
      if (!model.hasSession || model.state === 'closing' || model.state === 'failed') {
        model.state = 'closed';
        model.hasSession = false;
        real.outstanding.length = 0;
      } else model.state = 'closing';
    }
    collect(real, model);
    expect(real.session.state).toBe(model.state);
  }
  toString() {
    return this.command;
  }
}

class LoseConnection implements Command {
  check() {
    return true;
  }
  run(model: Model, real: Real) {
    real.session.connectionLost(real.now);
    real.outstanding.length = 0;
    if (model.state === 'closing') {
      model.state = 'closed';
      model.hasSession = false;
    } else if (model.state !== 'closed' && model.state !== 'failed' && model.state !== 'idle') fail(model);
    collect(real, model);
    expect(real.session.state).toBe(model.state);
  }
  toString() {
    return 'connectionLost';
  }
}

const outcomes: fc.Arbitrary<Outcome> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Outcome>('ok') },
  { weight: 1, arbitrary: fc.constantFrom<Outcome>('not-found', 'unavailable', 'unauthorized', 'redirect') },
);

const commands = [
  fc.tuple(fc.nat(4), outcomes).map(([pick, outcome]) => new Answer(pick, outcome)),
  fc.tuple(fc.nat(4), outcomes).map(([pick, outcome]) => new Answer(pick, outcome)),
  fc.integer({ min: 0, max: 40_000 }).map((ms) => new Advance(ms)),
  fc.constantFrom('connect', 'play', 'pause', 'close').map((c) => new UserCommand(c as 'connect')),
  fc.constant(new LoseConnection()),
];

/** One walk through every state but `failed` (which random runs reach often), so coverage never rests on luck. */
const walk = (): Command[] => [
  new UserCommand('connect'),
  ...[0, 1, 2, 3].map(() => new Answer(0, 'ok')),
  new UserCommand('pause'),
  new Answer(0, 'ok'),
  new UserCommand('close'),
  new Answer(0, 'ok'),
];

describe('the session state machine, against a model', () => {
  it('follows the model over random answers, commands, losses and timeouts', () => {
    fc.assert(
      fc.property(fc.commands(commands, { size: '+1' }), (cmds) => {
        const session = new ClientSession({
          url: URL,
          transport: 'tcp',
          mediaTimeoutMs: Number.POSITIVE_INFINITY,
          requestTimeoutMs: TIMEOUT,
          randomBytes: fixedRandom,
        });
        const real: Real = { session, now: 0, reader: new MessageReader(), outstanding: [], lastCSeq: 0, errors: 0 };
        const model: Model = { state: 'idle', hasSession: false, errors: 0 };
        fc.modelRun(() => ({ model, real }), cmds);
        // Every failure the model predicted was reported once, as an error event.
        expect(real.errors).toBeGreaterThanOrEqual(model.errors);
        const wake = session.nextWakeup();
        if (wake !== undefined) expect(wake).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300, examples: [[walk()]] },
    );
    for (const state of [
      'options',
      'describe',
      'setup',
      'ready',
      'playing',
      'paused',
      'closing',
      'closed',
      'failed',
    ] as const)
      expect(visited, `some run reached ${state}`).toContain(state);
  });
});
