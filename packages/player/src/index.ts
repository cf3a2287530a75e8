export { PlayerError, PlayerErrorCode } from './errors.js';
export {
  LiveEdgeController,
  timeRanges,
  type LiveEdgeDecision,
  type LiveEdgeOptions,
  type LiveEdgeReason,
  type PlaybackSnapshot,
  type TimeRange,
} from './live-edge.js';
export { bufferedSeconds, planTrim, QUOTA_TRIM, TRIM_DEFAULTS, type TrimOptions } from './trim.js';
export { LatencyEstimator, type LatencyEstimatorOptions } from './latency.js';
export * from './g711/index.js';
export {
  MediaPipeline,
  type MediaPipelineOptions,
  type PipelineOutput,
  type PipelineUnit,
} from './pipeline.js';
export { LiveRecorder, type LiveRecorderOptions, type RecordedFile } from './record.js';
export { MseSink, mediaSourceClass, type AppendInfo, type MseSinkOptions, type MseSinkStats } from './mse/sink.js';
export {
  createPlayer,
  type Player,
  type PlayerEventMap,
  type PlayerOptions,
  type PlayerSource,
  type PlayerSourceHandlers,
  type PlayerState,
  type PlayerStats,
} from './player.js';
export { websocketSource, webSocketUrlOf, type WebSocketSourceOptions } from './websocket-source.js';
