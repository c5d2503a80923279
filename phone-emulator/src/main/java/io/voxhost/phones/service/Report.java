package io.voxhost.phones.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's outcome: each phase's figures, the thresholds it was held to, whether it passed, and the
 * first thing that broke.
 */
public record Report(
    int phones,
    String fetch,
    String startedAt,
    List<PhaseStats.Summary> phases,
    long maxFailures,
    double maxRegistrationDelayP95Ms,
    boolean passed,
    List<String> missed) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report of these phases against the thresholds. */
  public static Report of(
      int phones,
      String fetch,
      String startedAt,
      List<PhaseStats.Summary> phases,
      long maxFailures,
      double maxP95) {
    List<String> missed = new ArrayList<>();
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
        phones, fetch, startedAt, phases, maxFailures, maxP95, missed.isEmpty(), missed);
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(this));
  }

  public String json() throws IOException {
    return JSON.writeValueAsString(this);
  }
}
