package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.tftp.codec.Option;
import io.voxhost.tftp.codec.TftpPacket;
import io.voxhost.tftp.service.ProvisioningFiles;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TFTP role over real UDP sockets: what it serves and everything it refuses. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TftpServerTest {

  @Inject TftpEndpoint endpoint;
  @Inject ProvisioningFiles files;

  private InetSocketAddress server;
  private byte[] firmware;

  @BeforeEach
  void files() throws Exception {
    server = endpoint.localAddress();
    firmware = new byte[300_000];
    new Random(7).nextBytes(firmware);
    Files.write(files.staticRoot().resolve("firmware.bin"), firmware);
    Files.createDirectories(files.staticRoot().resolve("tones"));
    Files.writeString(files.staticRoot().resolve("tones/ring1.txt"), "line one\nline two\n");
  }

  private static TftpPacket.ReadRequest rrq(String name, Option... options) {
    return new TftpPacket.ReadRequest(name, "octet", List.of(options));
  }

  /** Reads a whole transfer in lock-step or windows of {@code window}; returns its bytes. */
  private static byte[] fetch(RawTftp client, int blockSize, int window) throws Exception {
    return fetch(client, blockSize, window, 1);
  }

  /** As above, from block {@code expected} on (the blocks before it were read already). */
  private static byte[] fetch(RawTftp client, int blockSize, int window, int expected)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int inWindow = 0;
    while (true) {
      TftpPacket packet = client.receive();
      assertThat(packet).isInstanceOf(TftpPacket.Data.class);
      TftpPacket.Data data = (TftpPacket.Data) packet;
      int behind = (expected - data.block()) & 0xFFFF;
      if (behind >= 1 && behind <= 64) {
        // A resend of a block already read (our ACK was slower than the server's timer, as on a
        // loaded machine): a real client ignores it and does not acknowledge it again.
        continue;
      }
      assertThat(data.block()).isEqualTo(expected & 0xFFFF);
      out.writeBytes(data.payload());
      inWindow++;
      boolean last = data.payload().length < blockSize;
      if (last || inWindow == window) {
        client.send(new TftpPacket.Ack(data.block()), client.lastSender);
        inWindow = 0;
      }
      if (last) {
        return out.toByteArray();
      }
      expected++;
    }
  }

  @Test
  void servesAStaticFileInLockStepFromATransferPortOfItsOwn() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      client.send(rrq("firmware.bin"), server);

      assertThat(fetch(client, 512, 1)).isEqualTo(firmware);
      assertThat(client.lastSender.getPort()).isNotEqualTo(server.getPort());
    }
  }

  @Test
  void negotiatesBlockSizeTransferSizeAndWindow() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      client.send(
          rrq(
              "firmware.bin",
              new Option("blksize", "1428"),
              new Option("tsize", "0"),
              new Option("windowsize", "16"),
              new Option("timeout", "2"),
              new Option("unknown", "1")),
          server);

      assertThat(client.receive())
          .isEqualTo(
              new TftpPacket.OptionAck(
                  List.of(
                      new Option("blksize", "1428"),
                      new Option("tsize", "300000"),
                      new Option("windowsize", "16"),
                      new Option("timeout", "2"))));
      client.send(new TftpPacket.Ack(0), client.lastSender);
      assertThat(fetch(client, 1428, 16)).isEqualTo(firmware);
    }
  }

  @Test
  void netasciiModeSendsCrLfLineEnds() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      client.send(new TftpPacket.ReadRequest("tones/ring1.txt", "NetASCII", List.of()), server);

      assertThat(new String(fetch(client, 512, 1))).isEqualTo("line one\r\nline two\r\n");
    }
  }

  private static TftpPacket.ErrorPacket errorFor(RawTftp client, byte[] request) throws Exception {
    client.send(request, client.server);
    TftpPacket answer = client.receive();
    assertThat(answer).isInstanceOf(TftpPacket.ErrorPacket.class);
    return (TftpPacket.ErrorPacket) answer;
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void refusesWritesUnknownFilesAndNamesOutsideTheNamespace() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      assertThat(errorFor(client, bytes("\0\2new.cfg\0octet\0")).code()).isEqualTo(2);
      assertThat(errorFor(client, bytes("\0\1nothing-here.cfg\0octet\0")).code()).isEqualTo(1);
      for (String name :
          List.of(
              "../etc/passwd",
              "tones/../../etc/passwd",
              "/etc/passwd",
              "tones\\ring1.txt",
              "%2e%2e/etc/passwd",
              "tones//ring1.txt",
              ".hidden",
              "caf\u00e9.cfg",
              "a".repeat(300))) {
        TftpPacket.ErrorPacket error = errorFor(client, bytes("\0\1" + name + "\0octet\0"));
        assertThat(error.code()).as(name).isEqualTo(2);
      }
    }
  }

  @Test
  void answersMalformedAndMisplacedPacketsWithError4() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      assertThat(errorFor(client, new byte[] {0, 9, 1, 2}).code()).isEqualTo(4);
      assertThat(errorFor(client, new byte[] {7}).code()).isEqualTo(4);
      assertThat(errorFor(client, bytes("\0\1firmware.bin\0mail\0")).code()).isEqualTo(4);
      assertThat(errorFor(client, bytes("\0\1firmware.bin\0binary\0")).code()).isEqualTo(4);
      assertThat(errorFor(client, bytes("\0\1firmware.bin")).code()).isEqualTo(4);
      // A NUL inside the name ends it; what follows is read as the mode and refused.
      assertThat(errorFor(client, bytes("\0\1firmware.bin\0.cfg\0octet\0")).code()).isEqualTo(4);
      assertThat(errorFor(client, bytes("\0\3\0\1data")).code()).isEqualTo(4);
      assertThat(errorFor(client, bytes("\0\4\0\1")).code()).isEqualTo(4);

      client.send(bytes("\0\5\0\0an error is never answered\0"), server);
      nothingArrivesAt(client);
    }
  }

  @Test
  void aStrangerToATransferGetsError5AndTheTransferGoesOn() throws Exception {
    try (RawTftp client = new RawTftp(server);
        RawTftp stranger = new RawTftp(server)) {
      client.send(rrq("firmware.bin"), server);
      assertThat(((TftpPacket.Data) client.receive()).block()).isEqualTo(1);
      InetSocketAddress transfer = client.lastSender;

      stranger.send(new TftpPacket.Ack(1), transfer);
      assertThat(stranger.receive())
          .isEqualTo(new TftpPacket.ErrorPacket(5, "Unknown transfer ID"));

      client.send(new TftpPacket.Ack(1), transfer);
      assertThat(((TftpPacket.Data) client.receive()).block()).isEqualTo(2);
      client.send(new TftpPacket.ErrorPacket(0, "enough"), transfer);
    }
  }

  @Test
  void aRepeatedRequestGetsTheFirstBlockAgainFromTheSameTransfer() throws Exception {
    try (RawTftp client = new RawTftp(server)) {
      client.send(rrq("firmware.bin"), server);
      assertThat(((TftpPacket.Data) client.receive()).block()).isEqualTo(1);
      InetSocketAddress transfer = client.lastSender;

      client.send(rrq("firmware.bin"), server);

      assertThat(((TftpPacket.Data) client.receive()).block()).isEqualTo(1);
      assertThat(client.lastSender).isEqualTo(transfer);
      client.send(new TftpPacket.ErrorPacket(0, "enough"), transfer);
    }
  }

  @Test
  void aBurstOfRequestsFromAnAddressThatNeverAcknowledgesGetsOneBlock() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.77");
    List<RawTftp> clients = new ArrayList<>();
    try {
      long sent = 0;
      for (int i = 0; i < 20; i++) {
        RawTftp client = new RawTftp(server, address);
        clients.add(client);
        client.send(rrq("firmware.bin"), server);
        sent += client.bytesSent;
      }
      // One block arrives and then nothing more for most of the first request's timeouts (5 x
      // 300 ms), after which the next one waiting would get its one block.
      await()
          .during(Duration.ofMillis(900))
          .atMost(Duration.ofSeconds(5))
          .until(() -> received(clients) == 516);
      assertThat(received(clients)).isLessThan(3 * sent); // no amplification
    } finally {
      clients.forEach(RawTftp::close);
    }
  }

  @Test
  void requestsWaitingForTheirAddressStartOnceItAcknowledges() throws Exception {
    InetAddress address = InetAddress.getByName("127.0.0.78");
    try (RawTftp first = new RawTftp(server, address);
        RawTftp second = new RawTftp(server, address)) {
      first.send(rrq("tones/ring1.txt"), server);
      assertThat(first.receive()).isInstanceOf(TftpPacket.Data.class);
      second.send(rrq("tones/ring1.txt"), server);
      nothingArrivesAt(second);

      first.send(new TftpPacket.Ack(1), first.lastSender);

      assertThat(new String(fetch(second, 512, 1))).isEqualTo("line one\nline two\n");
    }
  }

  @Test
  void aDrainTakesNoNewRequestButLetsTheRunningTransferFinish() throws Exception {
    try (RawTftp client = new RawTftp(server);
        RawTftp late = new RawTftp(server)) {
      client.send(rrq("firmware.bin"), server);
      TftpPacket first = client.receive();
      assertThat(first).isInstanceOf(TftpPacket.Data.class);
      CompletableFuture<Drained> drained =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return endpoint.drain(Instant.now().plusSeconds(30));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await().atMost(Duration.ofSeconds(5)).until(() -> !endpoint.running());

      late.send(rrq("firmware.bin"), server);
      nothingArrivesAt(late);
      assertThat(drained).isNotDone();

      client.send(new TftpPacket.Ack(1), client.lastSender);
      byte[] rest = fetch(client, 512, 1, 2);
      assertThat(rest.length + 512).isEqualTo(firmware.length);
      Drained outcome = drained.get(10, TimeUnit.SECONDS);
      assertThat(outcome.complete()).as(outcome.detail()).isTrue();
    } finally {
      endpoint.stop();
      endpoint.start();
    }
  }

  /** Nothing reaches {@code client} for a while (300 ms: longer than any answer takes here). */
  private static void nothingArrivesAt(RawTftp client) {
    long before = client.bytesReceived;
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> received(List.of(client)) == before);
  }

  /** Bytes all these clients have received so far, reading what is waiting. */
  private static long received(List<RawTftp> clients) throws Exception {
    long received = 0;
    for (RawTftp client : clients) {
      while (client.receive(1) != null) {
        // count what arrived
      }
      received += client.bytesReceived;
    }
    return received;
  }
}
