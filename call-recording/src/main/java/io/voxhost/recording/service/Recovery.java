package io.voxhost.recording.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a crash left, put right at start, before any new session. A spool whose recording was still
 * capturing is assembled from what reached its files (the row marked {@code truncated}); one that
 * was being assembled is assembled again, also when its row still says {@code in-progress} but its
 * spool was marked ended ({@link RecordingFiles#markEnded}: the capture stopped, only the row did
 * not hear of it); a spool whose row is finished, or never got one, is removed; so are the
 * temporary files of assemblies and uploads that never got renamed.
 */
@ApplicationScoped
public class Recovery {

  private static final Logger LOG = Logger.getLogger(Recovery.class);

  private final RecordingFiles files;
  private final AssemblyQueue assembly;
  private final RecordingStore recordings;
  private final ObjectMapper json;
  private final Optional<String> uploads;

  Recovery(
      RecordingFiles files,
      AssemblyQueue assembly,
      RecordingStore recordings,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.body.uploads-directory") Optional<String> uploads) {
    this.uploads = uploads;
    this.files = files;
    this.assembly = assembly;
    this.recordings = recordings;
    this.json = json;
  }

  /** Runs once at start; returns how many recordings were queued again. */
  public int run() throws IOException {
    removeTemporaries();
    removeUploadsInFlight();
    Path spoolRoot = files.root().resolve("spool");
    if (!Files.isDirectory(spoolRoot)) {
      return 0;
    }
    List<Path> spools;
    try (Stream<Path> s = Files.list(spoolRoot)) {
      spools = s.filter(Files::isDirectory).toList();
    }
    int queued = 0;
    for (Path spool : spools) {
      UUID id;
      try {
        id = UUID.fromString(spool.getFileName().toString());
      } catch (IllegalArgumentException e) {
        continue; // not ours
      }
      Optional<Recording> row = recordings.findById(id, true);
      if (row.isEmpty()
          || !(row.get().status() == RecordingStatus.IN_PROGRESS
              || row.get().status() == RecordingStatus.PROCESSING)) {
        RecordingFiles.deleteTree(spool);
        continue;
      }
      Recording r = row.get();
      if (r.status() == RecordingStatus.IN_PROGRESS && files.ended(id)) {
        // Stopped, its legs closed, but the database did not take its processing mark.
        recordings.status(id, RecordingStatus.PROCESSING);
      } else if (r.status() == RecordingStatus.IN_PROGRESS) {
        recordings.markTruncated(id);
        r = r.truncatedCopy();
      }
      LOG.infof("Recording %s: recovering it from its spool after a crash", id);
      assembly.submit(r, labels(r.legsJson()));
      queued++;
    }
    return queued;
  }

  private List<String> labels(String legsJson) throws IOException {
    List<String> labels = new ArrayList<>();
    for (JsonNode leg : json.readTree(legsJson)) {
      labels.add(leg.path("label").asText());
    }
    return labels;
  }

  /**
   * Multipart bodies a crash cut off. Nothing is uploading before the role starts, so whatever the
   * uploads directory holds now belongs to requests that will never end.
   */
  private void removeUploadsInFlight() throws IOException {
    if (uploads.isEmpty() || !Files.isDirectory(Path.of(uploads.get()))) {
      return;
    }
    try (Stream<Path> s = Files.list(Path.of(uploads.get()))) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.deleteIfExists(p);
        LOG.infof("Removed %s, an upload a crash interrupted", p);
      }
    }
  }

  private void removeTemporaries() throws IOException {
    Path dir = files.temporaries();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.deleteIfExists(p);
        LOG.infof("Removed %s, left by an interrupted write", p);
      }
    }
  }
}
