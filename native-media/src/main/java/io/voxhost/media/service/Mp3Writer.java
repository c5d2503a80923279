package io.voxhost.media.service;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.IOException;
import java.io.OutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * Encodes 8 kHz 16-bit little-endian PCM (mono, or two interleaved channels) to an MP3 stream as it
 * comes, in constant memory: MPEG-2.5 layer III at 24 kbit/s per channel, constant bit rate, so
 * players can seek by byte position. Nothing is written but MPEG frames (no ID3 or Xing tag).
 */
public final class Mp3Writer implements AutoCloseable {

  /** The bit rate of one channel, in kbit/s: speech at 8 kHz needs no more. */
  public static final int KBPS_PER_CHANNEL = 24;

  private final LameEncoder lame;
  private final OutputStream out;
  private final byte[] encoded;
  private final int chunk;
  private final byte[] pending;
  private int held;

  public Mp3Writer(OutputStream out, int channels) {
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("MP3 carries one or two channels, not " + channels);
    }
    this.out = out;
    this.lame =
        new LameEncoder(
            new AudioFormat(8000, 16, channels, true, false),
            KBPS_PER_CHANNEL * channels,
            channels == 1 ? LameEncoder.CHANNEL_MODE_MONO : LameEncoder.CHANNEL_MODE_STEREO,
            LameEncoder.QUALITY_MIDDLE,
            false);
    this.chunk = lame.getPCMBufferSize();
    this.pending = new byte[chunk];
    this.encoded = new byte[lame.getMP3BufferSize()];
  }

  /** Takes {@code length} bytes of PCM (any split: frames may straddle calls). */
  public void write(byte[] pcm, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, chunk - held);
      System.arraycopy(pcm, offset, pending, held, n);
      held += n;
      offset += n;
      length -= n;
      if (held == chunk) {
        drain();
      }
    }
  }

  /** Encodes what is held and the encoder's last frames. */
  public void finish() throws IOException {
    drain();
    int n = lame.encodeFinish(encoded);
    out.write(encoded, 0, n);
    out.flush();
  }

  private void drain() throws IOException {
    if (held > 0) {
      int n = lame.encodeBuffer(pending, 0, held, encoded);
      out.write(encoded, 0, n);
      held = 0;
    }
  }

  @Override
  public void close() {
    lame.close();
  }
}
