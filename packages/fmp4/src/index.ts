export { Fmp4Error, Fmp4ErrorCode } from './errors.js';
export type { AudioTrack, FragmentPolicy, Sample, Track, VideoTrack } from './types.js';
export type { Fmp4Bytes } from './internal/bytes.js';
export { FTYP_BRANDS, MOVIE_TIMESCALE, serializeInitSegment, type InitSegmentOptions } from './init.js';
export {
  SampleFlags,
  serializeMediaSegment,
  type FragmentSample,
  type MediaSegmentInput,
  type TrackRun,
} from './fragment.js';
export { Fmp4Muxer, type Fmp4MuxerOptions, type FragmentTrackInfo, type Segment } from './muxer.js';
export { Fmp4Recorder, type Fmp4RecorderOptions, type Recording } from './recorder.js';
export {
  findBoxes,
  inspectBoxes,
  type AudioSampleEntryFields,
  type Box,
  type BoxFields,
  type EsdsFields,
  type FtypFields,
  type HdlrFields,
  type InspectOptions,
  type MdhdFields,
  type MehdFields,
  type MfhdFields,
  type MfroFields,
  type MvhdFields,
  type PaspFields,
  type StsdFields,
  type TfdtFields,
  type TfhdFields,
  type TfraFields,
  type TkhdFields,
  type TrexFields,
  type TrunFields,
  type TrunSample,
  type VisualSampleEntryFields,
} from './inspect.js';
