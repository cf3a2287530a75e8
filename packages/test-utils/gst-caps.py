"""Runs a GStreamer launch line to EOS and prints the caps of one element's src pad.

Usage: /usr/bin/python3 gst-caps.py 'LAUNCH LINE' ELEMENT_NAME

`gst-launch-1.0 -v` prints caps from deep-notify messages, and GStreamer 1.22 loses some
of them when a short pipeline ends at once (about one run in twelve here): the caps are
read from the pad itself instead, after EOS and before the pipeline is torn down.
"""
import sys

import gi

gi.require_version('Gst', '1.0')
from gi.repository import Gst  # noqa: E402

Gst.init(None)
pipeline = Gst.parse_launch(sys.argv[1])
pipeline.set_state(Gst.State.PLAYING)
message = pipeline.get_bus().timed_pop_filtered(60 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR)
if message is None or message.type != Gst.MessageType.EOS:
    reason = message.parse_error()[0].message if message is not None else 'no EOS within 60 s'
    print(reason, file=sys.stderr)
    pipeline.set_state(Gst.State.NULL)
    sys.exit(1)
element = pipeline.get_by_name(sys.argv[2])
caps = element.get_static_pad('src').get_current_caps() if element is not None else None
pipeline.set_state(Gst.State.NULL)
if caps is None:
    print(f'no caps on {sys.argv[2]}.src', file=sys.stderr)
    sys.exit(1)
print(caps.to_string())
