package io.voxhost.phones.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's outcome: each phase's figures, how many of its calls the node recorded (null without a
 * call phase or a cti role), the verification pass over recorded calls (null when none were), the
 * thresholds it was held to, whether it passed, and what missed.
 */
public record Report(
    int phones,
    String fetch,
    String startedAt,
    List<PhaseStats.Summary> phases,
    Recorded callRecords,
    RecordingVerification.Result recordings,
    long maxFailures,
    double maxRegistrationDelayP95Ms,
    boolean passed,
    List<String> missed) {

  /** The calls placed, and how many of them the node's call records show (by Call-ID). */
  public record Recorded(long placed, long found) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report of these phases against the thresholds. */
  public static Report of(
      int phones,
      String fetch,
      String startedAt,
      List<PhaseStats.Summary> phases,
      Optional<Recorded> callRecords,
      Optional<RecordingVerification.Result> recordings,
      long maxFailures,
      double maxP95) {
    List<String> missed = new ArrayList<>();
    callRecords
        .filter(c -> c.found() < c.placed())
        .ifPresent(
            c -> missed.add("call records: " + c.found() + " of " + c.placed() + " calls placed"));
    recordings
        .filter(v -> !v.findings().isEmpty())
        .ifPresent(
            v ->
                missed.add(
                    "recordings: "
                        + (v.sampled() - v.passed())
                        + " of "
                        + v.sampled()
                        + " sampled are wrong, first: "
                        + v.findings().get(0)));
    for (PhaseStats.Summary s : phases) {
      if (s.failed() > maxFailures) {
        missed.add(s.phase() + ": " + s.failed() + " failures " + s.failures());
      }
      if (s.registrationRequestDelayMs().p95() > maxP95) {
        missed.add(
            s.phase()
                + ": registration request delay p95 "
                + s.registrationRequestDelayMs().p95()
                + " ms > "
                + maxP95);
      }
    }
    return new Report(
        phones,
        fetch,
        startedAt,
        phases,
        callRecords.orElse(null),
        recordings.orElse(null),
        maxFailures,
        maxP95,
        missed.isEmpty(),
        missed);
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(this));
  }

  public String json() throws IOException {
    return JSON.writeValueAsString(this);
  }
}
