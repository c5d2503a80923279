package io.voxhost.phones.codec;

/**
 * How much of each channel of interleaved 8-bit G.711 carries sound rather than silence: a sample
 * counts when its magnitude is above about -42 dBFS (segment 3 or higher of the law's eight), so a
 * leg that was recorded as silence, or not at all, shows as such.
 */
public final class ChannelSound {

  private final int channels;
  private final boolean aLaw;
  private final long[] loud;
  private final long[] all;
  private long position;

  public ChannelSound(int channels, boolean aLaw) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels: " + channels);
    }
    this.channels = channels;
    this.aLaw = aLaw;
    this.loud = new long[channels];
    this.all = new long[channels];
  }

  /** The next {@code len} bytes of the data, interleaved as the channels are. */
  public void add(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      int channel = (int) (position++ % channels);
      all[channel]++;
      // The segment is bits 4-6 of the magnitude: mu-law stores it inverted, A-law with even bits
      // flipped (0x55).
      int v = b[i] & 0xff;
      int segment = aLaw ? ((v ^ 0x55) >> 4) & 0x07 : ((~v) >> 4) & 0x07;
      if (segment >= 3) {
        loud[channel]++;
      }
    }
  }

  /** Each channel's share of samples with sound, 0 to 1 (0 for a channel without samples). */
  public double[] shares() {
    double[] out = new double[channels];
    for (int c = 0; c < channels; c++) {
      out[c] = all[c] == 0 ? 0 : (double) loud[c] / all[c];
    }
    return out;
  }
}
