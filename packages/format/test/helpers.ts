import { type SdpMedia, buildSession, parseSdp, serializeSdp } from '@rtspkit/sdp';

/** The media section of `media` (CRLF lines) parsed inside a minimal session. */
export function parseMedia(media: string): SdpMedia {
  const [section] = parseSdp(`v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${media}\r\n`).media;
  if (section === undefined) throw new Error('no media section');
  return section;
}

/** `media` serialized, from its `m=` line on, without the final CRLF. */
export function writeMedia(media: SdpMedia): string {
  const text = serializeSdp(buildSession({ media: [media] }));
  return text.slice(text.indexOf('m=')).replace(/\r\n$/, '');
}
