package io.voxhost.phones.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.phones.codec.WavHeader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the verification pass calls right and wrong in a recording read back from a node. */
class RecordingVerificationTest {

  private static final MediaStreams.Sent CALLER = new MediaStreams.Sent(148, 2);
  private static final MediaStreams.Sent CALLEE = new MediaStreams.Sent(150, 0);

  private static RecordingArchive.Stored good() {
    return new RecordingArchive.Stored(
        "completed",
        3000,
        2,
        List.of(
            new RecordingArchive.Leg("caller", 148, 2), new RecordingArchive.Leg("callee", 150, 0)),
        wav(new WavHeader(7, 2, 8000, 8, 48000)));
  }

  private static Optional<RecordingArchive.Download> wav(WavHeader h) {
    return Optional.of(
        new RecordingArchive.Download(h, h.dataOffset() + h.dataBytes(), List.of(0.3, 0.35)));
  }

  private static RecordingVerification.Result verify(Map<String, RecordingArchive.Stored> stored)
      throws InterruptedException {
    RecordingArchive archive =
        (id, wait) -> {
          RecordingArchive.Stored s = stored.get(id);
          if (s == null) {
            throw new IOException("GET /api/v1/recordings/" + id + ": HTTP 404");
          }
          return s;
        };
    List<RecordedCall> calls =
        stored.keySet().stream()
            .sorted()
            .map(id -> new RecordedCall(id, "call-" + id, 3010, CALLER, CALLEE))
            .toList();
    return new RecordingVerification(archive, "PCMU").verify(calls, 10, 1, Duration.ofSeconds(1));
  }

  @Test
  void aRecordingOfBothLegsAsLongAsTheCallWithEveryPacketPasses() throws Exception {
    RecordingVerification.Result r = verify(Map.of("a", good()));
    assertThat(r.findings()).isEmpty();
    assertThat(r.passed()).isEqualTo(1);
    assertThat(r.rtpSent()).isEqualTo(298);
    assertThat(r.nodePackets()).isEqualTo(298);
    assertThat(r.nodeLost()).isEqualTo(2);
  }

  @Test
  void eachWayOfBeingWrongIsAFinding() throws Exception {
    RecordingArchive.Stored g = good();
    RecordingVerification.Result r =
        verify(
            Map.of(
                "mono",
                new RecordingArchive.Stored(
                    "completed", 3000, 1, g.legs(), wav(new WavHeader(7, 1, 8000, 8, 24000))),
                "short",
                new RecordingArchive.Stored(
                    "completed", 2000, 2, g.legs(), wav(new WavHeader(7, 2, 8000, 8, 32000))),
                "alaw",
                new RecordingArchive.Stored(
                    "completed", 3000, 2, g.legs(), wav(new WavHeader(6, 2, 8000, 8, 48000))),
                "missing",
                new RecordingArchive.Stored(
                    "completed",
                    3000,
                    2,
                    List.of(
                        new RecordingArchive.Leg("caller", 140, 10),
                        new RecordingArchive.Leg("callee", 150, 0)),
                    g.download()),
                "failed",
                new RecordingArchive.Stored("failed", 0, 0, List.of(), Optional.empty()),
                "cut",
                new RecordingArchive.Stored(
                    "completed",
                    3000,
                    2,
                    g.legs(),
                    Optional.of(
                        new RecordingArchive.Download(
                            new WavHeader(7, 2, 8000, 8, 48000), 30044, List.of(0.3, 0.3)))),
                "silent",
                new RecordingArchive.Stored(
                    "completed",
                    3000,
                    2,
                    g.legs(),
                    Optional.of(
                        new RecordingArchive.Download(
                            new WavHeader(7, 2, 8000, 8, 48000), 48044, List.of(0.3, 0.0))))));
    assertThat(r.sampled()).isEqualTo(7);
    assertThat(r.passed()).isZero();
    assertThat(r.findings())
        .extracting(RecordingVerification.Finding::problem)
        .anySatisfy(p -> assertThat(p).startsWith("channels 1 in the row"))
        .anySatisfy(p -> assertThat(p).startsWith("lasts 2000 ms, streamed 3010"))
        .anySatisfy(p -> assertThat(p).startsWith("WAV of format 6"))
        .anySatisfy(p -> assertThat(p).isEqualTo("caller: 140 packets, sent 148"))
        .anySatisfy(p -> assertThat(p).isEqualTo("caller: 10 lost, dropped 2"))
        .anySatisfy(p -> assertThat(p).isEqualTo("status failed"))
        .anySatisfy(p -> assertThat(p).isEqualTo("WAV of 30044 bytes, its header says 48044"))
        .anySatisfy(p -> assertThat(p).isEqualTo("channel 2 is silent"));
  }

  @Test
  void aRecordingTheNodeDoesNotHaveIsAFindingAndTheSampleIsBounded() throws Exception {
    RecordingArchive archive =
        (id, wait) -> {
          throw new IOException("GET /api/v1/recordings/" + id + ": HTTP 404");
        };
    List<RecordedCall> calls =
        java.util.stream.IntStream.range(0, 30)
            .mapToObj(i -> new RecordedCall("r" + i, "c" + i, 3000, CALLER, CALLEE))
            .toList();
    RecordingVerification.Result r =
        new RecordingVerification(archive, "PCMU").verify(calls, 7, 1, Duration.ofSeconds(1));
    assertThat(r.recorded()).isEqualTo(30);
    assertThat(r.sampled()).isEqualTo(7);
    assertThat(r.findings()).hasSize(7).allSatisfy(f -> assertThat(f.problem()).contains("404"));
  }
}
