export { ClientError, ClientErrorCode, type ClientErrorCodeValue, type ClientErrorDetails } from './errors.js';
export {
  ClientSession,
  type ClientSessionOptions,
  type ClientEvent,
  type ClientTrack,
  type ClientStats,
  type MediaTransport,
  type OutgoingDatagram,
} from './session.js';
export { type SessionState, type SessionCommand, ALLOWED_COMMANDS } from './states.js';
export type { AccessUnit, TrackStats } from './track-receiver.js';
export type { FormatDetails, DepacketizerNote } from './codecs.js';
export type { Pipe, PipeHandlers } from './pipe.js';
export {
  ClientRunner,
  type ClientRunnerOptions,
  type Connector,
  type UdpBinding,
  type RtspClientEvent,
  type ReconnectOptions,
} from './runner.js';
