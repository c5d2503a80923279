package io.voxhost.media.codec;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a WAV file as its audio comes, in constant memory: a header with placeholder sizes first,
 * the audio appended, and the header written again with the real sizes by {@link #finish}. Until
 * then the file is not a valid WAV, so callers write to a temporary name and rename after {@link
 * #finish}.
 */
public final class WavWriter implements Closeable {

  private final FileChannel channel;
  private final WavFormat format;
  private long dataBytes;
  private boolean finished;

  private WavWriter(FileChannel channel, WavFormat format) throws IOException {
    this.channel = channel;
    this.format = format;
    ByteBuffer header = format.header(0);
    while (header.hasRemaining()) {
      channel.write(header);
    }
  }

  /** Creates (or truncates) {@code file}. */
  public static WavWriter create(Path file, WavFormat format) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      return new WavWriter(channel, format);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public WavFormat format() {
    return format;
  }

  public long dataBytes() {
    return dataBytes;
  }

  /** Appends {@code audio}'s remaining bytes. */
  public void write(ByteBuffer audio) throws IOException {
    if (finished) {
      throw new IllegalStateException("WAV file already finished");
    }
    while (audio.hasRemaining()) {
      dataBytes += channel.write(audio);
    }
  }

  /**
   * Pads an odd data chunk, writes the real header and, if {@code sync}, forces data and header to
   * the disk. The channel stays open until {@link #close}.
   */
  public void finish(boolean sync) throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    if ((dataBytes & 1) != 0) {
      channel.write(ByteBuffer.wrap(new byte[1]));
    }
    ByteBuffer header = format.header(dataBytes);
    long at = 0;
    while (header.hasRemaining()) {
      at += channel.write(header, at);
    }
    if (sync) {
      channel.force(true);
    }
  }

  /** Finishes the file if that was not done, and closes it. */
  @Override
  public void close() throws IOException {
    try {
      finish(false);
    } finally {
      channel.close();
    }
  }
}
