package io.voxhost.recording.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Spool files as a crash may leave them: any bytes, any tail cut short. */
class SpoolRecordProperties {

  @Property(tries = 3000, seed = "19")
  void anyBytesReadAsWholeRecordsInsideTheBufferThenNull(@ForAll @Size(max = 2000) byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    SpoolRecord r;
    while ((r = SpoolRecord.read(in)) != null) {
      assertThat(r.payload().remaining()).isEqualTo(r.payload().limit() - r.payload().position());
      assertThat(r.payload().limit()).isLessThanOrEqualTo(in.position());
      assertThat(r.sequence()).isBetween(0, 65535);
      assertThat(r.payloadType()).isBetween(0, 255);
    }
    assertThat(in.remaining()).isLessThan(SpoolRecord.HEADER + 65536);
  }

  @Property(tries = 500, seed = "23")
  void writtenRecordsReadBackAndACutTailEndsTheFile(
      @ForAll @Size(min = 1, max = 20) List<@Size(max = 300) byte[]> payloads,
      @ForAll @IntRange(min = 0, max = 100) int cutPercent) {
    ByteBuf out = Unpooled.buffer();
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      byte[] payload = payloads.get(i);
      ByteBuf datagram = Unpooled.buffer();
      datagram.writeByte(0x80).writeByte(8).writeShort(i).writeInt(160 * i).writeInt(0x1234);
      datagram.writeBytes(payload);
      RtpPacket p = RtpPacket.parse(datagram);
      SpoolRecord.write(out, 1_000_000L + i, p, datagram);
      datagram.release();
      ends.add(out.writerIndex());
    }
    int cut = (int) ((long) out.writerIndex() * cutPercent / 100);
    byte[] file = new byte[cut];
    out.getBytes(0, file);
    out.release();

    ByteBuffer in = ByteBuffer.wrap(file);
    int read = 0;
    SpoolRecord r;
    while ((r = SpoolRecord.read(in)) != null) {
      assertThat(r.arrivalMicros()).isEqualTo(1_000_000L + read);
      assertThat(r.sequence()).isEqualTo(read);
      assertThat(r.payloadType()).isEqualTo(8);
      byte[] got = new byte[r.payload().remaining()];
      r.payload().get(got);
      assertThat(got).isEqualTo(payloads.get(read));
      read++;
    }
    long whole = ends.stream().filter(e -> e <= cut).count();
    assertThat(read).isEqualTo(whole);
  }
}
