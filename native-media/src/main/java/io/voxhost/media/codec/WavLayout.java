package io.voxhost.media.codec;

import io.voxhost.media.api.G711;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where a WAV file's audio lies and what it is, read from its chunks: RIFF or RF64 (ds64), format 1
 * (16-bit PCM), 7 (u-law) or 6 (A-law), unknown chunks skipped.
 *
 * @param format what the data holds
 * @param dataOffset where the data chunk's bytes start
 * @param dataLength how many bytes of audio it holds
 */
public record WavLayout(WavFormat format, long dataOffset, long dataLength) {

  /** Not a WAV file this library reads. */
  public static final class NotWav extends IOException {
    private static final long serialVersionUID = 1L;

    public NotWav(String message) {
      super(message);
    }
  }

  public static WavLayout read(FileChannel file) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(file, head, 0);
    String riff = ascii(head, 0);
    if (!(riff.equals("RIFF") || riff.equals("RF64")) || !ascii(head, 8).equals("WAVE")) {
      throw new NotWav("not a RIFF/RF64 WAVE file");
    }
    long at = 12;
    long ds64Data = -1;
    WavFormat format = null;
    ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (at + 8 <= file.size()) {
      chunk.clear();
      readFully(file, chunk, at);
      String id = ascii(chunk, 0);
      long size = Integer.toUnsignedLong(chunk.getInt(4));
      if (id.equals("ds64")) {
        ByteBuffer ds = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ds, at + 8);
        ds64Data = ds.getLong(8);
      } else if (id.equals("fmt ")) {
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, f, at + 8);
        int tag = Short.toUnsignedInt(f.getShort(0));
        int channels = Short.toUnsignedInt(f.getShort(2));
        int rate = f.getInt(4);
        int bits = Short.toUnsignedInt(f.getShort(14));
        if (rate != WavFormat.RATE || channels < 1 || channels > 32) {
          throw new NotWav("only 8 kHz, 1-32 channels");
        }
        if (tag == 1 && bits == 16) {
          format = WavFormat.pcm16(channels);
        } else if ((tag == 7 || tag == 6) && bits == 8) {
          format = WavFormat.g711(tag == 7 ? G711.ULAW : G711.ALAW, channels);
        } else {
          throw new NotWav("format " + tag + " with " + bits + " bits is not PCM16 or G.711");
        }
      } else if (id.equals("data")) {
        if (format == null) {
          throw new NotWav("data before fmt");
        }
        long length = size == 0xffffffffL && ds64Data >= 0 ? ds64Data : size;
        length = Math.min(length, file.size() - (at + 8));
        return new WavLayout(format, at + 8, length - length % format.blockAlign());
      }
      at += 8 + size + (size & 1);
    }
    throw new NotWav("no data chunk");
  }

  private static void readFully(FileChannel file, ByteBuffer into, long at) throws IOException {
    while (into.hasRemaining()) {
      int n = file.read(into, at + into.position());
      if (n < 0) {
        throw new NotWav("cut short");
      }
    }
  }

  private static String ascii(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, StandardCharsets.US_ASCII);
  }
}
