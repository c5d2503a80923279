package io.voxhost.recording.service;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.files.AtomicFile;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where recordings live: {@code <dir>/<tenant>/<yyyy>/<mm>/<id>.wav}, and each open session's
 * capture spool under {@code <dir>/spool/<id>/} (its legs' segments, and {@code ended} once it
 * stopped). A file is written to a temporary name under {@code <dir>/tmp/}, forced to disk and
 * renamed, so a recording's file either is whole or is not there.
 *
 * <p>Every file and directory here is created readable by the node's user alone (0600 files, 0700
 * directories), from the moment it exists: calls are personal data, and a mode set after creation
 * leaves a window in which another local user may open the file and keep reading it.
 */
@ApplicationScoped
public class RecordingFiles {

  private static final Logger LOG = Logger.getLogger(RecordingFiles.class);

  /** A spool's mark of a capture that ended by a stop, not by a crash; no leg's segment name. */
  private static final String ENDED = "ended";

  private final Path root;

  RecordingFiles(RecordingConfig config, VoxhostConfig node) {
    this.root = config.directory().orElse(node.dataDir().resolve("recordings"));
  }

  public Path root() {
    return root;
  }

  public Path spool(UUID session) {
    return root.resolve("spool").resolve(session.toString());
  }

  /**
   * Marks a session's spool as ended by a stop, its legs closed and forced to disk (the mark holds
   * the reason, and is itself forced): what {@link Recovery} trusts when the row was not told.
   */
  public void markEnded(UUID session, String reason) throws IOException {
    AtomicFile.at(spool(session).resolve(ENDED))
        .temporariesIn(temporaries())
        .ownerOnly()
        .write(String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the session's spool was marked ended ({@link #markEnded}). */
  public boolean ended(UUID session) {
    return Files.isRegularFile(spool(session).resolve(ENDED));
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
    createDirectories(root.resolve("spool"));
    createDirectories(temporaries());
  }

  /** Creates a directory and its missing parents, each 0700 (the node's user alone). */
  public static void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir, AtomicFile.ownerOnlyDirectory());
  }

  /**
   * Opens a new file for writing, created 0600 (the node's user alone), truncated if it was there.
   */
  public static FileChannel createFile(Path file) throws IOException {
    return FileChannel.open(
        file,
        Set.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE),
        AtomicFile.ownerOnlyFile());
  }

  /**
   * Where files are written before their rename: one directory on the same file system, so that
   * clearing what a crash left is one listing at start, not a walk over every recording.
   */
  public Path temporaries() {
    return root.resolve("tmp");
  }

  /** Writes a file's content to the path it is given (and forces it to disk). */
  public interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  /** A file stored in place: where (relative), its size and SHA-256. */
  public record Stored(String relative, long size, String sha256) {}

  /**
   * Stores a file at {@code relative}: written to a temporary name under {@link #temporaries()},
   * then renamed, then the directory forced, so the file is whole or absent after any crash (the
   * temporary names are what {@link Recovery} removes).
   */
  public Stored store(String relative, Content content) throws IOException {
    AtomicFile.Stored stored =
        AtomicFile.at(resolve(relative))
            .temporariesIn(temporaries())
            .ownerOnly()
            .withSha256()
            .write(content::writeTo);
    return new Stored(relative, stored.size(), stored.sha256());
  }

  /** Removes a directory and everything in it, if it is there. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
