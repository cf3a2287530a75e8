export { findPeer, missingPeers, requirePeer, peersRequired, SYSTEM_PYTHON, CHROMIUM, type PeerName } from './peers.js';
export { freeTcpPort, freeUdpPortPair } from './ports.js';
export {
  runProcess,
  startProcess,
  type RunOptions,
  type RunResult,
  type RunningProcess,
  type StartOptions,
} from './process.js';
export { gstPadCaps } from './gst-caps.js';
export { ffprobe, ffprobePackets, type ProbeResult, type ProbedStream } from './ffprobe.js';
export {
  ffmpegPcm,
  G711_TONE_CASES,
  runFfmpeg,
  writeG711Tones,
  writeToneWav,
  type G711ToneCase,
  type ToneWavOptions,
} from './ffmpeg.js';
export { chromiumLaunchOptions } from './chromium.js';
export { repoRoot, tempDir } from './paths.js';
export { writeRtpCapture, readRtpCapture, captureUdp, captureRtpSender } from './rtp-capture.js';
export { expectCodecError, onlyCodecError, type CodecErrorShape, type ExpectedCodecError } from './codec-error.js';
export { rtpPacket, RTP_PACKET_DEFAULTS, type TestRtpPacket } from './rtp-packet.js';
export {
  CAMERA_CREDENTIALS,
  CAMERA_SCRIPT,
  fileLaunch,
  liveLaunch,
  recordLaunch,
  recordToFilesLaunch,
  startCamera,
  type Camera,
  type CameraCodec,
  type CameraOptions,
} from './camera.js';
export { startRelay, type CapturedConnection, type Relay } from './relay.js';
export {
  captureRtspSender,
  interleavedRtp,
  runClient,
  RTSP_SENDERS,
  type InterleavedCapture,
  type RtspReading,
  type RtspSender,
  type RtspSenderMedia,
} from './capture.js';
export { fixtureDir, fixtureNames, fixturePath, type FixturePackage } from './fixtures.js';
export {
  checkDepacketizerContract,
  checkDepacketizerProperties,
  describeDepacketizerContract,
  depacketizerContractCases,
  type ContractCodes,
  type ContractDepacketizer,
  type DepacketizerContractSubject,
} from './depacketizer-contract.js';
