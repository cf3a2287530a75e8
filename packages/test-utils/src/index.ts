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
export { ffprobe, ffprobePackets, type ProbeResult, type ProbedStream } from './ffprobe.js';
export { chromiumLaunchOptions } from './chromium.js';
export { repoRoot, tempDir } from './paths.js';
export { writeRtpCapture, readRtpCapture, captureUdp } from './rtp-capture.js';
