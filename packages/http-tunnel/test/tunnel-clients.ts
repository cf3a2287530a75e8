/**
 * The real tunnel clients, as the fixture script records them and the interop tests run
 * them: each points at `rtsp://127.0.0.1:PORT/x` through the QuickTime HTTP tunnel and gives
 * up after 2 s without RTSP replies.
 */
export const tunnelClients = {
  /** FFmpeg 5.1: `-rtsp_transport http` (`-rw_timeout` is refused for RTSP; `-timeout` is in µs). */
  ffmpeg: {
    command: 'ffmpeg',
    args: (port: number) => [
      ...['-hide_banner', '-loglevel', 'error', '-timeout', '2000000'],
      ...['-rtsp_transport', 'http', '-i', `rtsp://127.0.0.1:${port}/x`, '-f', 'null', '-'],
    ],
  },
  /** GStreamer 1.22: only the `rtsph://` scheme tunnels (`protocols=http` does not). */
  gstreamer: {
    command: 'gst-launch-1.0',
    args: (port: number) => [
      ...['-q', 'rtspsrc', `location=rtsph://127.0.0.1:${port}/x`],
      ...['timeout=2000000', 'tcp-timeout=2000000', '!', 'fakesink'],
    ],
  },
} as const;
