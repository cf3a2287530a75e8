#!/usr/bin/env bash
# Regenerates the bundled sample media from ffmpeg's synthetic sources.
# Needs ffmpeg with libx264, libx265 and a DejaVu font (Debian: ffmpeg, fonts-dejavu-core).
# Output is deterministic for a given ffmpeg build; FIXTURES.md records the expected counts.
set -euo pipefail
cd "$(dirname "$0")/../media"

font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
# 10 s at 30 fps = 300 frames. A key frame every 30 frames (1 s) and exactly 300 frames make
# the stream loop cleanly: frame 0 is an IDR and the counter restarts at 0.
video="testsrc2=size=640x360:rate=30,drawtext=fontfile=${font}:text='%{frame_num}':x=w-tw-24:y=h-th-24:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.6"
common=(-hide_banner -loglevel error -y -f lavfi -i "$video" -frames:v 300 -pix_fmt yuv420p)

# H.264 Constrained Baseline, level 3.0, no B-frames: the server's default source.
ffmpeg "${common[@]}" -c:v libx264 -profile:v baseline -level 3.0 -preset veryfast \
  -b:v 450k -maxrate 600k -bufsize 600k -g 30 -keyint_min 30 -sc_threshold 0 \
  -x264-params repeat-headers=1:aud=0 -bsf:v h264_mp4toannexb -f h264 sample-baseline.h264

# H.264 High, level 3.1, 2 B-frames (pyramid off so DTS derivation has a plain pattern).
ffmpeg "${common[@]}" -c:v libx264 -profile:v high -level 3.1 -preset veryfast \
  -b:v 450k -maxrate 600k -bufsize 600k -g 30 -keyint_min 30 -sc_threshold 0 -bf 2 \
  -x264-params repeat-headers=1:b-pyramid=none -bsf:v h264_mp4toannexb -f h264 sample-high-bframes.h264

# H.265 Main, no B-frames, parameter sets before every IDR.
ffmpeg "${common[@]}" -c:v libx265 -preset veryfast -tag:v hvc1 \
  -x265-params "keyint=30:min-keyint=30:scenecut=0:bframes=0:repeat-headers=1:log-level=error:bitrate=450:vbv-maxrate=600:vbv-bufsize=600" \
  -f hevc sample.h265

# AAC-LC, 48 kHz stereo, 128 kb/s: a 440 Hz tone left, 660 Hz right, with a 1 kHz blip
# each second so A/V sync is audible. 10 s = 468.75 AAC frames; ffmpeg emits 470
# (priming included).
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:beep_factor=2:duration=10" \
  -f lavfi -i "sine=frequency=660:sample_rate=48000:duration=10" \
  -filter_complex "[0:a][1:a]amerge=inputs=2[a]" -map "[a]" \
  -c:a aac -profile:a aac_low -b:a 128k -ar 48000 -ac 2 -f adts sample.aac

ls -l sample-baseline.h264 sample-high-bframes.h264 sample.h265 sample.aac
