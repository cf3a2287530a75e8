import { readFileSync } from 'node:fs';
import { parseSdp } from '@rtspkit/sdp';
import { fixtureNames, fixturePath } from '@rtspkit/test-utils';
import { parse as transformParse } from 'sdp-transform';
import { type Suite, sink } from '../src/harness.js';

/** The real camera and server descriptions of the sdp package's fixtures, as text. */
function documents(): string[] {
  return fixtureNames('sdp', '.sdp').map((f) => readFileSync(fixturePath('sdp', f), 'utf8'));
}

/** A DESCRIBE body of ONVIF size: a Dahua-style back channel offering 20 audio formats. */
function describeSized(): string {
  const pts = Array.from({ length: 20 }, (_, i) => 96 + i);
  const lines = [
    'v=0',
    'o=- 2273421142 2273421142 IN IP4 0.0.0.0',
    's=Media Server',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=now-',
    'm=video 0 RTP/AVP 96',
    'a=control:trackID=0',
    'a=framerate:25.000000',
    'a=rtpmap:96 H264/90000',
    'a=fmtp:96 packetization-mode=1;profile-level-id=64002A;sprop-parameter-sets=Z2QAKqwsaoHgCJ+WbgoCCoAAAAMAgAAAD0IA,aO4xshsA',
    'a=recvonly',
    'm=audio 0 RTP/AVP 8',
    'a=control:trackID=1',
    'a=rtpmap:8 PCMA/8000',
    'a=recvonly',
    `m=audio 0 RTP/AVP ${pts.join(' ')}`,
    'a=control:trackID=5',
    ...pts.map((pt, i) => `a=rtpmap:${pt} MPEG4-GENERIC/${8000 * (1 + (i % 6))}`),
    ...pts.map(
      (pt) =>
        `a=fmtp:${pt} streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1408`,
    ),
    'a=sendonly',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

type Facts = string;

/** Media count, each section's formats and the rtpmap names, as one comparable string. */
function oursFacts(text: string): Facts {
  const sdp = parseSdp(text);
  return sdp.media
    .map((m) => {
      const names: string[] = [];
      for (const a of m.attributes) if (a.name === 'rtpmap' && a.value !== undefined) names.push(rtpmapName(a.value));
      return `${m.formats.join(' ')}|${names.join(',')}`;
    })
    .join(';');
}

function transformFacts(text: string): Facts {
  const sdp = transformParse(text);
  return sdp.media
    .map(
      (m) =>
        `${String(m.payloads ?? '').trim()}|${(m.rtp ?? []).map((r) => `${r.payload} ${r.codec}/${r.rate}`).join(',')}`,
    )
    .join(';');
}

function rtpmapName(value: string): string {
  const space = value.indexOf(' ');
  const slash = value.indexOf('/', space);
  const second = value.indexOf('/', slash + 1);
  return `${value.slice(0, space)} ${value.slice(space + 1, slash)}/${value.slice(slash + 1, second < 0 ? value.length : second)}`;
}

/** The naive reference: split lines, split each at "=", then at spaces and ":". */
function naiveParse(text: string): { formats: string[]; rtpmaps: string[] }[] {
  const media: { formats: string[]; rtpmaps: string[] }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) media.push({ formats: line.slice(2).split(' ').slice(3), rtpmaps: [] });
    else if (line.startsWith('a=rtpmap:')) media[media.length - 1]?.rtpmaps.push(rtpmapName(line.slice(9)));
  }
  return media;
}

function naiveFacts(text: string): Facts {
  return naiveParse(text)
    .map((m) => `${m.formats.join(' ')}|${m.rtpmaps.join(',')}`)
    .join(';');
}

export function suites(): Suite[] {
  // TP-Link's `m=application/tp-link … smart/0/25000` is not something sdp-transform's grammar reads.
  const docs = [...documents().filter((d) => !d.includes('m=application/tp-link')), describeSized()];
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  return [
    {
      name: `SDP parse (${docs.length} real camera/server descriptions + 1 ONVIF-sized, ${bytes} chars)`,
      unit: 'descriptions',
      ours: {
        name: 'rtspkit parseSdp',
        run: () => {
          let n = 0;
          for (const d of docs) n += parseSdp(d).media.length;
          return sink(n, docs.length);
        },
      },
      peers: [
        {
          name: 'sdp-transform 3.0.0 parse',
          run: () => {
            let n = 0;
            for (const d of docs) n += transformParse(d).media.length;
            return sink(n, docs.length);
          },
        },
        {
          name: 'naive split-lines reference (m= and rtpmap only)',
          run: () => {
            let n = 0;
            for (const d of docs) n += naiveParse(d).length;
            return sink(n, docs.length);
          },
        },
      ],
      verify: () => {
        for (const d of docs) {
          const ours = oursFacts(d);
          const theirs = transformFacts(d);
          const naive = naiveFacts(d);
          if (ours !== theirs || ours !== naive) {
            throw new Error(`sdp facts disagree:\n  ours  ${ours}\n  sdp-transform ${theirs}\n  naive ${naive}`);
          }
        }
      },
    },
  ];
}
