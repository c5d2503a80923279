package io.voxhost.recording.service;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The free-space floor of the recordings volume ({@code voxhost.recording.free-space-floor}): below
 * it the node takes no new capture and no upload, whichever tenant asks, so that the captures
 * already running, their assembly and the mono mixes still find room, and a full disk never breaks
 * recordings half-way. The floor is the higher of {@code percent} of the volume's size and {@code
 * bytes}: a percent alone is too little on a small volume, bytes alone too little on a large one.
 * Downloads go on being served; readiness stays UP and says the node is degraded.
 */
@ApplicationScoped
public class StorageFloor {

  /** How long a reading of the volume is trusted by the health check, which must not do I/O. */
  private static final long SAMPLE_NANOS = 1_000_000_000L;

  private final RecordingFiles files;
  private final double percent;
  private final long bytes;
  private final Map<String, Counter> refusals;
  private volatile Space last;

  /** Bytes admitted uploads may still write: counted against the room above the floor. */
  private final AtomicLong reserved = new AtomicLong();

  StorageFloor(RecordingFiles files, RecordingConfig config, Meters meters) {
    this.files = files;
    this.percent = RecordingSettings.floorPercent(config.freeSpaceFloor());
    this.bytes = RecordingSettings.floorBytes(config.freeSpaceFloor());
    MeterName refused = MeterName.of("recording", "free_space_refusals");
    String help = "Captures and uploads refused (507) for the recordings volume's free-space floor";
    this.refusals =
        Map.of(
            "session", meters.counter(refused, help, "request", "session"),
            "upload", meters.counter(refused, help, "request", "upload"));
    meters.gauge(
        new MeterName("recording", "volume_free", "bytes"),
        "Free space on the recordings volume, as last read",
        () -> last == null ? -1 : last.usable());
  }

  /** The volume as read: its size, what is usable, the floor that applies. */
  public record Space(long total, long usable, long floor, long readAtNanos) {

    public boolean below() {
      return usable < floor;
    }

    /** What may still be written before the floor is reached; 0 at or below it. */
    public long aboveFloor() {
      return Math.max(0, usable - floor);
    }

    String describe() {
      return String.format(
          "%s free of %s on the recordings volume, below the floor of %s",
          human(usable), human(total), human(floor));
    }
  }

  /** Reads the volume now. */
  public Space read() throws IOException {
    Path root = files.root();
    FileStore store = Files.getFileStore(Files.exists(root) ? root : root.getParent());
    long total = store.getTotalSpace();
    long usable = store.getUsableSpace();
    long floor = Math.max(bytes, (long) Math.ceil(total * (percent / 100.0)));
    Space space = new Space(total, usable, floor, System.nanoTime());
    last = space;
    return space;
  }

  /** Room taken by an admitted request until it is closed (its files are written or given up). */
  public interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Lets a request write about {@code needed} more bytes (0 when unknown, as for a capture), or
   * refuses it with {@link StorageLow}, counted by {@code request} (session or upload). The bytes
   * are held against the room above the floor until the reservation is closed, so that uploads
   * running at once cannot together write past the floor that each one alone would respect.
   */
  public Reservation admit(String request, long needed) {
    Space space;
    try {
      space = read();
    } catch (IOException e) {
      count(request);
      throw new StorageLow("the recordings volume cannot be read: " + e.getMessage());
    }
    if (space.below()) {
      count(request);
      throw new StorageLow(
          space.describe() + ": this node takes no new recording; try another node");
    }
    long held = reserved.addAndGet(needed);
    if (held > space.aboveFloor()) {
      reserved.addAndGet(-needed);
      count(request);
      throw new StorageLow(
          String.format(
              "the recording would take %s, and the recordings volume has %s left before its"
                  + " floor of %s (after the uploads in progress); try another node",
              human(needed),
              human(Math.max(0, space.aboveFloor() - (held - needed))),
              human(space.floor())));
    }
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        reserved.addAndGet(-needed);
      }
    };
  }

  /**
   * Why the node is degraded, if it is: for the health check, from a reading at most a second old
   * (a fresh one taken if the last is older: one statfs call, no file is opened).
   */
  public Optional<String> degraded() {
    Space space = last;
    if (space == null || System.nanoTime() - space.readAtNanos() > SAMPLE_NANOS) {
      try {
        space = read();
      } catch (IOException e) {
        return Optional.of("the recordings volume cannot be read: " + e.getMessage());
      }
    }
    return space.below()
        ? Optional.of(space.describe() + ": new captures and uploads are refused (507)")
        : Optional.empty();
  }

  private void count(String request) {
    Counter c = refusals.get(request);
    if (c != null) {
      c.increment();
    }
  }

  static String human(long n) {
    if (n >= 1L << 30) {
      return String.format("%.1f GiB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format("%.1f MiB", n / (double) (1L << 20));
    }
    return n + " bytes";
  }
}
