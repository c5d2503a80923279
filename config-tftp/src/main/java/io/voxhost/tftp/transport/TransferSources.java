package io.voxhost.tftp.transport;

import io.voxhost.tftp.codec.Netascii;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.service.ServedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Opens what a transfer sends: a static file block by block in octet mode, or converted in memory
 * for netascii up to a size; a generated file from memory. A file that cannot be served over TFTP
 * (missing, forbidden, unreadable; a device's file the source may not have is turned away before,
 * by {@code FetchGuard}, as missing) becomes its refusal.
 */
final class TransferSources {

  /** Static files up to this size are read whole when their transfer opens. */
  static final int WHOLE_FILE_MAX = 64 * 1024;

  private final int maxNetasciiSize;

  TransferSources(int maxNetasciiSize) {
    this.maxNetasciiSize = maxNetasciiSize;
  }

  SourceOpening open(ServedFile file, boolean netascii) {
    try {
      if (file instanceof ServedFile.StaticFile s) {
        if (!netascii) {
          // A phone's config is a few blocks: read whole, it costs one read instead of one per
          // block (a third of a lock-step transfer's system calls). Firmware is read block by
          // block, so that no large file is held whole.
          return new SourceOpening.Opened(
              s.size() <= WHOLE_FILE_MAX ? whole(s.path()) : FileSource.open(s.path()));
        }
        if (s.size() > maxNetasciiSize) {
          return refused(TftpError.NOT_DEFINED, "File too large for netascii mode: ask for octet");
        }
        return new SourceOpening.Opened(
            new BytesSource(Netascii.encode(Files.readAllBytes(s.path()))));
      }
      if (file instanceof ServedFile.GeneratedFile g) {
        return new SourceOpening.Opened(
            new BytesSource(netascii ? Netascii.encode(g.content()) : g.content()));
      }
      if (file instanceof ServedFile.Forbidden f) {
        return refused(TftpError.ACCESS_VIOLATION, f.reason());
      }
      return new SourceOpening.Refused(
          RequestOutcome.NOT_FOUND, new Refusal(TftpError.FILE_NOT_FOUND, "File not found"));
    } catch (IOException e) {
      return refused(TftpError.ACCESS_VIOLATION, "File cannot be read");
    }
  }

  /** The file in memory; block by block after all if it grew past the limit since its lookup. */
  private static TransferSource whole(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= WHOLE_FILE_MAX) {
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
          // a regular file is read whole by the first read; a shorter one ends the loop at EOF
        }
        return new BytesSource(Arrays.copyOf(bytes.array(), bytes.position()));
      }
    }
    return FileSource.open(path);
  }

  private static SourceOpening refused(TftpError error, String message) {
    return new SourceOpening.Refused(RequestOutcome.REFUSED, new Refusal(error, message));
  }
}
