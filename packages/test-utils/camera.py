"""A stand-in camera for rtspkit's tests: gst-rtsp-server on 127.0.0.1.

Usage: /usr/bin/python3 camera.py PORT [--auth none|basic|digest] [--user USER]
       [--password PASSWORD] [--mount PATH=LAUNCH]... [--launch LAUNCH] [--record] [--shared]

Serves rtsp://127.0.0.1:PORT/test: by default H.264 160x120 at 15 fps from a test pattern.
`--launch` replaces the pipeline of /test and `--mount /PATH=LAUNCH` adds mounts; a launch
line is gst-rtsp-server's: payloaders named pay0, pay1… for PLAY, e.g.
`( filesrc location=FILE ! h264parse ! rtph264pay name=pay0 pt=96 )` to play a file, or
depayloaders named depay0… with `--record`, which makes every mount accept ANNOUNCE/RECORD
only. `--auth basic|digest` requires the credentials (default user / secret) for every
mount. The QuickTime HTTP tunnel (GET/POST with x-sessioncookie) is served on the same
port by gst-rtsp-server itself. Prints "ready" once listening.
"""
import argparse

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

DEFAULT_LAUNCH = (
    "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=160,height=120,framerate=15/1 "
    "! x264enc tune=zerolatency speed-preset=ultrafast bitrate=64 key-int-max=15 "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)

parser = argparse.ArgumentParser()
parser.add_argument("port")
parser.add_argument("--auth", choices=["none", "basic", "digest"], default="none")
parser.add_argument("--user", default="user")
parser.add_argument("--password", default="secret")
parser.add_argument("--launch", default=DEFAULT_LAUNCH, help="pipeline of the /test mount")
parser.add_argument("--mount", action="append", default=[], help="/PATH=LAUNCH, repeatable")
parser.add_argument("--record", action="store_true", help="mounts accept ANNOUNCE/RECORD only")
parser.add_argument("--shared", action="store_true", help="clients share one pipeline per mount")
args = parser.parse_args()

Gst.init(None)

server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(args.port)

if args.auth != "none":
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
    if args.auth == "digest":
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.add_digest(args.user, args.password, token)
    else:
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
    server.set_auth(auth)

mounts = {"/test": args.launch}
for spec in args.mount:
    path, sep, launch = spec.partition("=")
    if not sep or not path.startswith("/"):
        parser.error(f"--mount wants /PATH=LAUNCH, got {spec!r}")
    mounts[path] = launch

for path, launch in mounts.items():
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(args.shared)
    if args.record:
        factory.set_transport_mode(GstRtspServer.RTSPTransportMode.RECORD)
    if args.auth != "none":
        factory.add_role_from_structure(
            Gst.Structure.from_string(
                "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
            )[0]
        )
    server.get_mount_points().add_factory(path, factory)

server.attach(None)
print("ready", flush=True)
GLib.MainLoop().run()
