import { describe, expect, it } from 'vitest';
import { gstPadCaps, missingPeers } from '../src/index.js';

describe.skipIf(missingPeers('gst-python'))('gstPadCaps', () => {
  it('reads the caps an element negotiated, after EOS', async () => {
    const caps = await gstPadCaps(
      'audiotestsrc num-buffers=5 ! audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay ! fakesink',
      'pay',
    );
    expect(caps).toMatch(/^application\/x-rtp, /);
    expect(caps).toContain('encoding-name=(string)PCMU');
    expect(caps).toContain('clock-rate=(int)8000');
  });

  it.each([
    ['an element that is not there', 'audiotestsrc num-buffers=5 ! fakesink name=sink', 'pay', /no caps on pay\.src/],
    ['a pipeline that fails', 'filesrc location=/nonexistent/file ! fakesink', 'x', /did not give the caps of x/],
  ])('%s: an error saying what GStreamer said', async (_name, launch, element, message) => {
    await expect(gstPadCaps(launch, element)).rejects.toThrow(message);
  });
});
