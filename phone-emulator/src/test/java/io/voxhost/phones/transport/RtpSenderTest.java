package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.phones.service.Audio;
import io.voxhost.phones.service.MediaStreams;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams as a receiver on a real socket sees them: 50 packets a second of the bundled audio in
 * order, each with the next sequence number and 160 samples on; lost packets leave gaps.
 */
class RtpSenderTest {

  private static byte[] speech() throws Exception {
    try (InputStream in = RtpSenderTest.class.getResourceAsStream("/audio/caller.ulaw")) {
      return in.readAllBytes();
    }
  }

  @Test
  void aStreamSendsTheAudioInOrderAtFiftyPacketsASecond() throws Exception {
    byte[] audio = speech();
    try (RtpSender sender = new RtpSender(4);
        DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(2000);
      MediaStreams.Stream s =
          sender
              .start(
                  "127.0.0.1",
                  (InetSocketAddress) receiver.getLocalSocketAddress(),
                  new Audio(0, audio, 0, Duration.ZERO),
                  7)
              .orElseThrow();
      List<byte[]> got = new ArrayList<>();
      long start = System.nanoTime();
      while (got.size() < 25) {
        got.add(receive(receiver));
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      MediaStreams.Sent sent = s.stop();
      // 25 packets are 480 ms of audio after the first: not a burst, not late by a packet's time.
      assertThat(elapsedMs).isBetween(440L, 1500L);
      assertThat(sent.packets()).isBetween(25L, 27L);
      assertThat(sent.dropped()).isZero();
      for (int i = 0; i < got.size(); i++) {
        ByteBuffer p = ByteBuffer.wrap(got.get(i));
        assertThat(p.get(0) & 0xff).isEqualTo(0x80);
        assertThat(p.get(1) & 0xff).isEqualTo(i == 0 ? 0x80 : 0); // marker, then PCMU
        assertThat(got.get(i)).hasSize(12 + 160);
        if (i > 0) {
          ByteBuffer q = ByteBuffer.wrap(got.get(i - 1));
          assertThat((p.getShort(2) - q.getShort(2)) & 0xffff).isEqualTo(1);
          assertThat(p.getInt(4) - q.getInt(4)).isEqualTo(160);
          assertThat(p.getInt(8)).isEqualTo(q.getInt(8));
        }
        assertThat(Arrays.copyOfRange(got.get(i), 12, 172))
            .isEqualTo(Arrays.copyOfRange(audio, i * 160, i * 160 + 160));
      }
      assertThat(sender.streams()).isZero();
    }
  }

  @Test
  void droppedPacketsAreGapsInTheSequenceAndCountedAsSuch() throws Exception {
    try (RtpSender sender = new RtpSender(4);
        DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(300);
      MediaStreams.Stream s =
          sender
              .start(
                  "127.0.0.1",
                  (InetSocketAddress) receiver.getLocalSocketAddress(),
                  new Audio(8, speech(), 0.3, Duration.ofMillis(30)),
                  11)
              .orElseThrow();
      Thread.sleep(1000);
      MediaStreams.Sent sent = s.stop();
      List<Integer> sequences = new ArrayList<>();
      try {
        while (true) {
          sequences.add(ByteBuffer.wrap(receive(receiver)).getShort(2) & 0xffff);
        }
      } catch (SocketTimeoutException drained) {
        // every packet sent has come
      }
      assertThat(sequences).hasSize((int) sent.packets());
      int span = ((sequences.get(sequences.size() - 1) - sequences.get(0)) & 0xffff) + 1;
      assertThat(sent.dropped()).isPositive();
      assertThat((long) span).isLessThanOrEqualTo(sent.packets() + sent.dropped());
      assertThat((long) span - sequences.size()).isLessThanOrEqualTo(sent.dropped());
      assertThat(sent.packets() + sent.dropped()).isBetween(45L, 60L);
    }
  }

  @Test
  void pastTheBoundOfStreamsNoneStartsUntilOneStops() throws Exception {
    try (RtpSender sender = new RtpSender(1);
        DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress to = (InetSocketAddress) receiver.getLocalSocketAddress();
      Audio a = new Audio(0, speech(), 0, Duration.ZERO);
      MediaStreams.Stream first = sender.start("127.0.0.1", to, a, 1).orElseThrow();
      assertThat(sender.start("127.0.0.1", to, a, 2)).isEmpty();
      first.stop();
      first.stop();
      assertThat(sender.start("127.0.0.1", to, a, 3)).isPresent();
    }
  }

  private static byte[] receive(DatagramSocket s) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
    s.receive(p);
    return Arrays.copyOf(p.getData(), p.getLength());
  }
}
