package io.voxhost.recording.service;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Where recordings live: {@code <dir>/<tenant>/<yyyy>/<mm>/<id>.wav}, and each open session's
 * capture spool under {@code <dir>/spool/<id>/}. A file is written to a temporary name in its final
 * directory, forced to disk and renamed, so a recording's file either is whole or is not there.
 */
@ApplicationScoped
public class RecordingFiles {

  private final Path root;

  RecordingFiles(RecordingConfig config, VoxhostConfig node) {
    this.root = config.directory().map(Path::of).orElse(node.dataDir().resolve("recordings"));
  }

  public Path root() {
    return root;
  }

  public Path spool(UUID session) {
    return root.resolve("spool").resolve(session.toString());
  }

  /** The stored file's path relative to the root, as the database keeps it. */
  public String relative(UUID tenant, UUID id, Instant startedAt) {
    ZonedDateTime t = startedAt.atZone(ZoneOffset.UTC);
    return String.format("%s/%04d/%02d/%s.wav", tenant, t.getYear(), t.getMonthValue(), id);
  }

  public Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("Outside the recordings directory: " + relative);
    }
    return p;
  }

  public void prepare() throws IOException {
    Files.createDirectories(root.resolve("spool"));
  }
}
