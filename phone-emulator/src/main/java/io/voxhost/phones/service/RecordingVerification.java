package io.voxhost.phones.service;

import io.voxhost.phones.codec.WavHeader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The verification pass: a sample of the recorded calls is read back from the node as a business
 * would (the row, then the whole WAV), and each must be completed, a stereo WAV of the session's
 * law (one channel per leg) as long as its header says and as its legs were streamed, with sound in
 * each channel, and each leg's packets what that leg sent and no more lost than it dropped.
 */
public final class RecordingVerification {

  /**
   * Between a recording's length and how long its legs were sent: one packet and the stop's way.
   */
  static final long DURATION_TOLERANCE_MS = 200;

  /**
   * The least share of a channel's samples that must carry sound: the bundled speech has about 30
   * %, a leg recorded as silence none.
   */
  static final double MIN_SOUND = 0.01;

  /** What a sampled recording got wrong. */
  public record Finding(String recordingId, String callId, String problem) {}

  /**
   * The pass's outcome: recorded calls, how many were sampled and passed, the sample's RTP packets
   * as sent and dropped by the phones and as received and counted lost by the node, and what was
   * wrong.
   */
  public record Result(
      int recorded,
      int sampled,
      int passed,
      long rtpSent,
      long rtpDropped,
      long nodePackets,
      long nodeLost,
      List<Finding> findings) {}

  private final RecordingArchive archive;
  private final String codec;

  public RecordingVerification(RecordingArchive archive, String codec) {
    this.archive = archive;
    this.codec = codec;
  }

  /**
   * Verifies {@code sample} of {@code calls} (chosen with {@code seed}), waiting at most {@code
   * wait} for each to be assembled.
   */
  public Result verify(List<RecordedCall> calls, int sample, long seed, Duration wait)
      throws InterruptedException {
    List<RecordedCall> chosen = new ArrayList<>(calls);
    Collections.shuffle(chosen, new Random(seed));
    chosen = chosen.subList(0, Math.min(sample, chosen.size()));
    List<Finding> findings = new ArrayList<>();
    long sent = 0;
    long dropped = 0;
    long packets = 0;
    long lost = 0;
    int passed = 0;
    for (RecordedCall c : chosen) {
      sent += c.caller().packets() + c.callee().packets();
      dropped += c.caller().dropped() + c.callee().dropped();
      RecordingArchive.Stored s;
      try {
        s = archive.stored(c.sessionId(), wait);
      } catch (IOException e) {
        findings.add(new Finding(c.sessionId(), c.callId(), "not read: " + e.getMessage()));
        continue;
      }
      for (RecordingArchive.Leg l : s.legs()) {
        packets += l.packets();
        lost += l.lost();
      }
      List<String> problems = problems(c, s);
      problems.forEach(p -> findings.add(new Finding(c.sessionId(), c.callId(), p)));
      if (problems.isEmpty()) {
        passed++;
      }
    }
    return new Result(
        calls.size(), chosen.size(), passed, sent, dropped, packets, lost, List.copyOf(findings));
  }

  private List<String> problems(RecordedCall c, RecordingArchive.Stored s) {
    List<String> out = new ArrayList<>();
    if (!s.status().equals("completed")) {
      out.add("status " + s.status());
      return out;
    }
    if (s.channels() != 2) {
      out.add("channels " + s.channels() + " in the row, not 2");
    }
    if (s.download().isEmpty()) {
      out.add("no WAV header in the download");
    } else {
      RecordingArchive.Download d = s.download().get();
      WavHeader w = d.header();
      int format = codec.equals("PCMA") ? 6 : 7;
      if (w.channels() != 2 || w.format() != format || w.sampleRate() != 8000) {
        out.add(
            "WAV of format "
                + w.format()
                + ", "
                + w.channels()
                + " channels at "
                + w.sampleRate()
                + " Hz, not "
                + codec
                + " stereo at 8000 Hz");
      }
      if (Math.abs(w.durationMillis() - s.durationMs()) > 20) {
        out.add("WAV of " + w.durationMillis() + " ms, the row says " + s.durationMs());
      }
      if (d.bytes() != w.dataOffset() + w.dataBytes()) {
        out.add(
            "WAV of " + d.bytes() + " bytes, its header says " + (w.dataOffset() + w.dataBytes()));
      }
      for (int i = 0; i < d.sound().size(); i++) {
        if (d.sound().get(i) < MIN_SOUND) {
          out.add("channel " + (i + 1) + " is silent");
        }
      }
    }
    if (Math.abs(s.durationMs() - c.streamedMillis()) > DURATION_TOLERANCE_MS) {
      out.add("lasts " + s.durationMs() + " ms, streamed " + c.streamedMillis() + " ms");
    }
    List<MediaStreams.Sent> sent = List.of(c.caller(), c.callee());
    if (s.legs().size() != 2) {
      out.add(s.legs().size() + " legs, not 2");
      return out;
    }
    for (int i = 0; i < 2; i++) {
      RecordingArchive.Leg l = s.legs().get(i);
      if (l.packets() != sent.get(i).packets()) {
        out.add(l.label() + ": " + l.packets() + " packets, sent " + sent.get(i).packets());
      }
      if (l.lost() > sent.get(i).dropped()) {
        out.add(l.label() + ": " + l.lost() + " lost, dropped " + sent.get(i).dropped());
      }
    }
    return out;
  }
}
