package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file sent as it is on disk, each block read straight into the packet's buffer. */
final class FileSource implements TransferSource {

  private final FileChannel channel;
  private final long size;

  private FileSource(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  static FileSource open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new FileSource(channel, channel.size());
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, int length, ByteBuf out) throws IOException {
    int done = 0;
    while (done < length) {
      int n = out.writeBytes(channel, offset + done, length - done);
      if (n < 0) {
        throw new IOException("file shrank while being sent");
      }
      done += n;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written; a failed close of a read-only file loses nothing.
    }
  }
}
