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
