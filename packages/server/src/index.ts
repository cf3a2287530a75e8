export { ServerError, ServerErrorCode, type ServerErrorCodeValue } from './errors.js';
export { createServer, RtspServer, type ServerOptions, type ServerResources, type TlsOptions } from './server.js';
export { defaultServerLimits, type ServerLimits, type LogEntry } from './options.js';
export { Mount, type MountOptions, type MountState, type TrackStart } from './mount.js';
export { mediaOf, packetizerOf, type TrackPacketizer, type PacketizerOptions } from './codec.js';
export type { StreamSource, SourceFrame, SourceSink } from './source/types.js';
export { FileSource, type FileSourceOptions, type FileInput } from './source/file-source.js';
export {
  codecOfFileName,
  readVideo,
  readAdts,
  type ElementaryTrack,
  type ElementaryFrame,
} from './source/elementary.js';
export { LoopSchedule } from './source/loop-schedule.js';
export {
  RtspConnection,
  type ConnectionInfo,
  type ConnectionOutput,
  type ServerContext,
  type ConnectionLimits,
} from './rtsp/connection.js';
export {
  RtspSession,
  SessionTable,
  ALLOWED_IN_STATE,
  type SessionState,
  type TransportKind,
  type UdpAllocator,
  type UdpPairHandle,
} from './rtsp/session.js';
export { PUBLIC_METHODS } from './rtsp/status.js';
export { MediaReader, type ReaderPipe, type TrackOutput, type ReaderLimits } from './reader.js';
export { EncodedFrame } from './encoded-frame.js';
export { selfSignedCertificate } from './net/certificate.js';
export { type ServerStats, type SessionStats, serverStats } from './stats.js';
export { mountCommands } from './http/site.js';
export { MOUNTS_MARKER, PLAYER_SCRIPT_PATH, type PlayerPageOptions } from './http/player-page.js';
