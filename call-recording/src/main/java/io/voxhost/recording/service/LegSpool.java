package io.voxhost.recording.service;

import io.voxhost.recording.codec.SpoolRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One leg's spool as capture left it: segment files {@code legNN-MMMM.rtp} under the session's
 * spool directory, read back in order, record by record. A file may end in a record cut short by a
 * crash; that tail is not there, and reading goes on with the next file.
 */
final class LegSpool {

  /** Larger than the largest record (a 21-byte header and at most 65,535 bytes of payload). */
  private static final int CHUNK = 256 * 1024;

  private final Path spool;
  private final int index;

  LegSpool(Path spool, int index) {
    this.spool = spool;
    this.index = index;
  }

  /** Takes each record in turn; its payload is a view that is valid only during the call. */
  interface RecordSink {
    void accept(SpoolRecord r) throws IOException;
  }

  /** Hands every whole record of the leg's segments, in order, to {@code sink}. */
  void read(RecordSink sink) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    for (Path segment : segments()) {
      chunk.clear();
      try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
        while (in.read(chunk) > 0 || chunk.position() > 0) {
          chunk.flip();
          SpoolRecord r;
          int before = chunk.remaining();
          while ((r = SpoolRecord.read(chunk)) != null) {
            sink.accept(r);
          }
          boolean progressed = chunk.remaining() < before;
          chunk.compact();
          if (!progressed && in.position() >= in.size()) {
            break; // a record cut short by a crash: the rest is not there
          }
        }
      }
    }
  }

  /** The leg's segment files, in the order capture wrote them (their names count up). */
  List<Path> segments() throws IOException {
    String prefix = String.format("leg%02d-", index);
    try (Stream<Path> s = Files.list(spool)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".rtp"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }
}
