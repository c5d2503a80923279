package io.voxhost.media.codec;

import io.voxhost.media.api.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a WAV file of ours holds, at 8 kHz: 16-bit PCM (format 1) or G.711 bytes (format 7 for
 * u-law, 6 for A-law, with the 18-byte fmt chunk and the fact chunk such files need), with one
 * channel per leg. The header always reserves a 28-byte JUNK chunk after "WAVE": a file whose size
 * outgrows 32 bits turns it into RF64's ds64 chunk (EBU Tech 3306) in place.
 *
 * @param law null for PCM16, else the G.711 law of the bytes
 */
public record WavFormat(G711 law, int channels) {

  public static final int RATE = 8000;
  private static final long U32 = 0xffffffffL;

  public WavFormat {
    if (channels < 1 || channels > 32) {
      throw new IllegalArgumentException("1 to 32 channels");
    }
  }

  public static WavFormat pcm16(int channels) {
    return new WavFormat(null, channels);
  }

  public static WavFormat g711(G711 law, int channels) {
    return new WavFormat(law, channels);
  }

  public int bytesPerSample() {
    return law == null ? 2 : 1;
  }

  public int blockAlign() {
    return channels * bytesPerSample();
  }

  private int formatTag() {
    return law == null ? 1 : law == G711.ULAW ? 7 : 6;
  }

  /** Bytes before the audio data. */
  public int headerLength() {
    return law == null ? 80 : 94;
  }

  /**
   * The header for {@code dataBytes} of audio (without the pad byte an odd length is followed by):
   * RIFF while the file's size fits 32 bits, RF64 beyond.
   */
  public ByteBuffer header(long dataBytes) {
    long padded = dataBytes + (dataBytes & 1);
    long riffSize = headerLength() - 8 + padded;
    long frames = dataBytes / blockAlign();
    boolean rf64 = riffSize > U32;
    ByteBuffer b = ByteBuffer.allocate(headerLength()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii(rf64 ? "RF64" : "RIFF")).putInt(rf64 ? -1 : (int) riffSize).put(ascii("WAVE"));
    b.put(ascii(rf64 ? "ds64" : "JUNK")).putInt(28);
    if (rf64) {
      b.putLong(riffSize).putLong(dataBytes).putLong(frames).putInt(0);
    } else {
      b.put(new byte[28]);
    }
    b.put(ascii("fmt ")).putInt(law == null ? 16 : 18);
    b.putShort((short) formatTag()).putShort((short) channels);
    b.putInt(RATE).putInt(RATE * blockAlign()).putShort((short) blockAlign());
    b.putShort((short) (8 * bytesPerSample()));
    if (law != null) {
      b.putShort((short) 0);
      b.put(ascii("fact")).putInt(4).putInt(rf64 || frames > U32 ? -1 : (int) frames);
    }
    b.put(ascii("data")).putInt(rf64 ? -1 : (int) dataBytes);
    return b.flip();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
