import { fileURLToPath } from 'node:url';
import { requirePeer } from './peers.js';
import { runProcess } from './process.js';

const GST_CAPS_SCRIPT = fileURLToPath(new URL('../gst-caps.py', import.meta.url));

/**
 * Runs a GStreamer launch line to EOS (through the GI bindings of /usr/bin/python3) and
 * returns the caps of the src pad of the element named `element`, as GStreamer writes
 * them (`application/x-rtp, …, config=(string)40002320adca00`). Unlike parsing
 * `gst-launch-1.0 -v`, whose deep-notify lines a short pipeline sometimes loses, this
 * reads the pad. Throws with GStreamer's message when the pipeline fails.
 *
 * @example
 * const caps = await gstPadCaps('audiotestsrc num-buffers=10 ! avenc_aac ! rtpmp4apay name=pay ! fakesink', 'pay');
 */
export async function gstPadCaps(
  launch: string,
  element: string,
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const run = await runProcess(requirePeer('gst-python'), [GST_CAPS_SCRIPT, launch, element], {
    timeoutMs: options.timeoutMs ?? 90_000,
  });
  if (run.code !== 0) {
    throw new Error(`GStreamer did not give the caps of ${element} (exit ${run.code}): ${run.stderr.trim()}`);
  }
  return run.stdout.toString('utf8').trim();
}
