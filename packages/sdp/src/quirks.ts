/**
 * Deviations from RFC 8866 that `parseSdp` accepts. Each one is reported (with
 * `parseSdpWithQuirks`) so callers can log what a device got wrong; none changes the
 * meaning of the rest of the description.
 */
export const SdpQuirkCode = {
  /** Lines end in LF alone (or CR alone) instead of CRLF. Many cameras. */
  BareLineEnding: 'SDP_QUIRK_BARE_LINE_ENDING',
  /** A line has spaces or tabs before the type letter or after the value. */
  Whitespace: 'SDP_QUIRK_WHITESPACE',
  /** An empty line inside the description. */
  EmptyLine: 'SDP_QUIRK_EMPTY_LINE',
  /** A line whose type letter RFC 8866 does not define; it is dropped. */
  UnknownLineType: 'SDP_QUIRK_UNKNOWN_LINE_TYPE',
  /** Session-level lines out of the RFC 8866 §5 order (WUHAN Ants: `a=` before `s=`). */
  OutOfOrder: 'SDP_QUIRK_OUT_OF_ORDER',
  /** A session-only line (`v= o= s= t= r= z= u= e= p=`) after the first `m=`; moved to the session. */
  SessionLineInMedia: 'SDP_QUIRK_SESSION_LINE_IN_MEDIA',
  /** `v=` missing; 0 assumed. */
  MissingVersion: 'SDP_QUIRK_MISSING_VERSION',
  /** `o=` missing; a placeholder origin is used. */
  MissingOrigin: 'SDP_QUIRK_MISSING_ORIGIN',
  /** `o=` without six fields (H3C: `o=- 1001 1 IN`; TP-Link: seven fields); missing ones defaulted. */
  MalformedOrigin: 'SDP_QUIRK_MALFORMED_ORIGIN',
  /** `s=` missing; `-` used. */
  MissingSessionName: 'SDP_QUIRK_MISSING_SESSION_NAME',
  /** `t=` missing; `t=0 0` assumed (H3C). */
  MissingTiming: 'SDP_QUIRK_MISSING_TIMING',
  /** `t=` not two integers (`t=now-`); `0 0` used. */
  MalformedTiming: 'SDP_QUIRK_MALFORMED_TIMING',
  /** `r=` before any `t=`; dropped. */
  OrphanRepeat: 'SDP_QUIRK_ORPHAN_REPEAT',
  /** `c=IN <address>` without address type; inferred from the address. */
  ConnectionWithoutAddressType: 'SDP_QUIRK_CONNECTION_WITHOUT_ADDRESS_TYPE',
  /** `c=IN c=IN IP4 …`: the repeated prefix is removed. */
  DuplicatedConnectionPrefix: 'SDP_QUIRK_DUPLICATED_CONNECTION_PREFIX',
  /** `c=IN` or `c=IN IP4` without an address (H3C, Uniview); the line is dropped. */
  IncompleteConnection: 'SDP_QUIRK_INCOMPLETE_CONNECTION',
  /** `b=` not `<type>:<integer>`; dropped. */
  MalformedBandwidth: 'SDP_QUIRK_MALFORMED_BANDWIDTH',
  /** A second `i=`, `u=`, `k=`, `z=` or session `c=` line; the last one wins. */
  DuplicateLine: 'SDP_QUIRK_DUPLICATE_LINE',
  /** `m=` without any format. */
  MediaWithoutFormats: 'SDP_QUIRK_MEDIA_WITHOUT_FORMATS',
  /** `a=fmtp` names a payload type its `m=` line does not list (Hikvision V5: `fmtp:97` under `m=… 104`). */
  FmtpForUnlistedFormat: 'SDP_QUIRK_FMTP_FOR_UNLISTED_FORMAT',
} as const;

/** One of {@link SdpQuirkCode}'s values. */
export type SdpQuirkCodeValue = (typeof SdpQuirkCode)[keyof typeof SdpQuirkCode];

/** A tolerated deviation and the 1-based line where it was seen (0 when it concerns the whole input). */
export type SdpQuirk = {
  readonly code: SdpQuirkCodeValue;
  readonly line: number;
};
