package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.voxhost.recording.codec.RtpPacket;
import io.voxhost.recording.codec.SpoolRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leg's spool read back as capture wrote it, and as a crash may have left it. */
class LegSpoolTest {

  @TempDir Path spool;

  @Test
  void readsTheLegsSegmentsInOrderAndNoOtherLegsFiles() throws Exception {
    write("leg00-0001.rtp", records(3, 5), 0);
    write("leg00-0000.rtp", records(0, 3), 0);
    write("leg01-0000.rtp", records(100, 2), 0);
    Files.write(spool.resolve("leg00.track"), new byte[] {1, 2, 3});

    assertThat(sequences(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(sequences(1)).containsExactly(100, 101);
  }

  @Test
  void aRecordCutShortByACrashEndsItsSegmentOnly() throws Exception {
    write("leg00-0000.rtp", records(0, 4), 7);
    write("leg00-0001.rtp", records(10, 2), 0);

    assertThat(sequences(0)).containsExactly(0, 1, 2, 10, 11);
  }

  @Test
  void aLegWithoutSegmentsHasNoRecords() throws Exception {
    assertThat(sequences(0)).isEmpty();
    assertThat(new LegSpool(spool, 0).segments()).isEmpty();
  }

  private List<Integer> sequences(int leg) throws Exception {
    List<Integer> seen = new ArrayList<>();
    new LegSpool(spool, leg)
        .read(
            r -> {
              assertThat(r.payload().remaining()).isEqualTo(160);
              assertThat(r.payload().get(r.payload().position())).isEqualTo((byte) r.sequence());
              seen.add(r.sequence());
            });
    return seen;
  }

  /** {@code count} records of 160-byte payloads from sequence {@code first}. */
  private static byte[] records(int first, int count) {
    ByteBuf out = Unpooled.buffer();
    try {
      for (int seq = first; seq < first + count; seq++) {
        ByteBuf datagram = Unpooled.buffer();
        try {
          datagram.writeByte(0x80).writeByte(0).writeShort(seq).writeInt(160 * seq).writeInt(7);
          datagram.writeBytes(new byte[160], 0, 160);
          datagram.setByte(12, seq);
          SpoolRecord.write(out, 1_000_000L + 20_000L * seq, RtpPacket.parse(datagram), datagram);
        } finally {
          datagram.release();
        }
      }
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  /** Writes {@code bytes} as a segment file, its last {@code cut} bytes left out. */
  private void write(String name, byte[] bytes, int cut) throws Exception {
    byte[] kept = new byte[bytes.length - cut];
    System.arraycopy(bytes, 0, kept, 0, kept.length);
    Files.write(spool.resolve(name), kept);
  }
}
