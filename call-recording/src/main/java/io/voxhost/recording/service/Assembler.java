package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.media.api.AudioFiles;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegStats;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import io.voxhost.media.api.TrackSink;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.codec.SpoolRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns a finished capture's spool into its stored recording: each leg's packets through a timeline
 * into a track, the tracks aligned on the earliest leg's first packet and interleaved into a stereo
 * (one channel per leg) G.711 WAV, the lossless master; then fsync, rename, and the row completed
 * with size, SHA-256, duration and the legs' statistics. A few at a time, from a bounded queue.
 */
@ApplicationScoped
public class Assembler {

  private static final Logger LOG = Logger.getLogger(Assembler.class);

  private final RecordingFiles files;
  private final AudioFiles audio;
  private final RecordingStore recordings;
  private final ObjectMapper json;
  private final TenantSettings settings;
  private final MonoMixes monos;
  private final CompletionWebhooks webhooks;
  private final ThreadPoolExecutor workers;
  private final Meters registry;

  Assembler(
      RecordingConfig config,
      RecordingFiles files,
      AudioFiles audio,
      RecordingStore recordings,
      ObjectMapper json,
      TenantSettings settings,
      MonoMixes monos,
      CompletionWebhooks webhooks,
      Meters registry,
      RoleThreads threads) {
    this.registry = registry;
    this.webhooks = webhooks;
    this.settings = settings;
    this.monos = monos;
    this.files = files;
    this.audio = audio;
    this.recordings = recordings;
    this.json = json;
    this.workers =
        threads.pool("recording", "assembly", config.assemblyThreads(), config.assemblyQueue());
  }

  /** Made at the role's start, so that its queue's gauge shows from then on. */
  public void start() {
    LOG.debugf("Assembly runs on %d thread(s)", workers.getMaximumPoolSize());
  }

  /** Queues a finished session; a full queue fails the recording rather than block capture. */
  public void submit(Recording recording, List<CapturedLeg> legs) {
    submitLabels(recording, legs.stream().map(CapturedLeg::label).toList());
  }

  /** Queues a recording whose spool holds legs with these labels, in order. */
  public void submitLabels(Recording recording, List<String> labels) {
    try {
      workers.execute(() -> assemble(recording, labels));
    } catch (RejectedExecutionException e) {
      LOG.errorf("Recording %s: assembly queue full", recording.id());
      fail(recording, "assembly queue full");
    }
  }

  /**
   * Waits until no assembly is queued or running, or until the deadline; returns how many are left.
   * Recordings may still be queued meanwhile.
   */
  public int awaitIdle(Instant deadline) throws InterruptedException {
    while (workers.getQueue().size() + workers.getActiveCount() > 0
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return workers.getQueue().size() + workers.getActiveCount();
  }

  /** Waits for queued assemblies to end (at shutdown). */
  public void drain(long timeout, TimeUnit unit) throws InterruptedException {
    workers.shutdown();
    workers.awaitTermination(timeout, unit);
  }

  /** One leg's result: its track file, where it starts, and what its timeline saw. */
  record Leg(String label, Path track, long firstArrivalMicros, LegStats stats, double jitterMs) {}

  void assemble(Recording recording, List<String> labels) {
    long began = System.nanoTime();
    String outcome = assembleAndStore(recording, labels);
    registry
        .timer(
            MeterName.of("recording", "assembly"),
            "From a finished capture's spool to its stored recording, by outcome",
            "outcome",
            outcome)
        .record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
  }

  /** Assembles and stores; returns the status the recording ended with. */
  private String assembleAndStore(Recording recording, List<String> labels) {
    Path spool = files.spool(recording.id());
    try {
      MediaLibrary library = audio.library();
      G711 law = recording.codec().equals("PCMA") ? G711.ALAW : G711.ULAW;
      List<Leg> legs = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        legs.add(track(library, law, spool, i, labels.get(i)));
      }
      long start =
          legs.stream().mapToLong(Leg::firstArrivalMicros).filter(t -> t >= 0).min().orElse(-1);
      Instant now = Instant.now();
      if (start < 0) {
        finish(
            recording.finished(
                Recording.ABSENT,
                recording.startedAt(),
                0L,
                null,
                null,
                null,
                null,
                legsJson(legs),
                null,
                now));
        RecordingFiles.deleteTree(spool);
        return Recording.ABSENT;
      }
      List<AudioFiles.AudioTrack> tracks = new ArrayList<>();
      for (Leg leg : legs) {
        long offset = leg.firstArrivalMicros() < 0 ? 0 : (leg.firstArrivalMicros() - start) / 125;
        tracks.add(new AudioFiles.AudioTrack(leg.track(), offset, MediaLibrary.UNITY));
      }
      Instant startedAt = Instant.ofEpochSecond(start / 1_000_000, (start % 1_000_000) * 1000);
      long[] frames = new long[1];
      RecordingFiles.Stored stored =
          files.store(
              files.relative(recording.tenantId(), recording.id(), startedAt),
              temporary -> frames[0] = audio.mixChannels(law, tracks, temporary, true));
      Recording completed =
          recording.finished(
              Recording.COMPLETED,
              startedAt,
              frames[0] / 8,
              legs.size(),
              stored.size(),
              stored.sha256(),
              stored.relative(),
              legsJson(legs),
              null,
              now);
      finish(completed);
      RecordingFiles.deleteTree(spool);
      if (settings.of(recording.tenantId()).monoAtCompletion()) {
        monos.of(completed);
      }
      webhooks.completed(completed);
      return Recording.COMPLETED;
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "Recording %s: assembly failed", recording.id());
      fail(recording, e.toString());
      return Recording.FAILED;
    }
  }

  private Leg track(MediaLibrary library, G711 law, Path spool, int index, String label)
      throws IOException {
    TimelineSettings settings = TimelineSettings.of(law);
    Path track = spool.resolve(String.format("leg%02d.track", index));
    ByteBuffer placements = ByteBuffer.allocateDirect(settings.placementBound());
    double jitter = 0;
    long previousTransit = Long.MIN_VALUE;
    try (LegTimeline timeline = library.timeline(settings);
        FileChannel out =
            FileChannel.open(
                track,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      TrackSink writer = audio.track(out, law);
      for (Path segment : segments(spool, index)) {
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
          ByteBuffer chunk = ByteBuffer.allocateDirect(256 * 1024);
          while (in.read(chunk) > 0 || chunk.position() > 0) {
            chunk.flip();
            SpoolRecord r;
            int before = chunk.remaining();
            while ((r = SpoolRecord.read(chunk)) != null) {
              placements.clear();
              int n =
                  timeline.add(
                      r.arrivalMicros(),
                      r.sequence(),
                      r.timestamp(),
                      r.ssrc(),
                      r.payloadType(),
                      r.payload(),
                      placements);
              writer.write(placements, 0, n);
              // RFC 3550 A.8 interarrival jitter, in samples, on the leg's own packets.
              long transit = r.arrivalMicros() / 125 - r.timestamp();
              if (previousTransit != Long.MIN_VALUE) {
                jitter += (Math.abs(transit - previousTransit) - jitter) / 16;
              }
              previousTransit = transit;
            }
            boolean progressed = chunk.remaining() < before;
            chunk.compact();
            if (!progressed && in.position() >= in.size()) {
              break; // a record cut short by a crash: the rest is not there
            }
          }
        }
      }
      placements.clear();
      writer.write(placements, 0, timeline.finish(placements));
      LegStats stats = timeline.stats();
      return new Leg(label, track, stats.firstArrivalMicros(), stats, jitter / 8.0);
    }
  }

  private static List<Path> segments(Path spool, int index) throws IOException {
    String prefix = String.format("leg%02d-", index);
    try (Stream<Path> s = Files.list(spool)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".rtp"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  private String legsJson(List<Leg> legs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Leg leg : legs) {
      LegStats s = leg.stats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", leg.label());
      m.put("packets", s.packets());
      m.put("lost", s.lost());
      m.put("duplicated", s.duplicated());
      m.put("late", s.late());
      m.put("reordered", s.reordered());
      m.put("segments", s.segments());
      m.put("ignored", s.ignored());
      m.put("jitterMs", Math.round(leg.jitterMs() * 100) / 100.0);
      m.put("samples", s.samples());
      out.add(m);
    }
    try {
      return json.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finish(Recording r) {
    recordings.finish(r);
  }

  private void fail(Recording recording, String error) {
    try {
      finish(
          recording.finished(
              Recording.FAILED,
              recording.startedAt(),
              null,
              null,
              null,
              null,
              null,
              recording.legsJson(),
              error,
              Instant.now()));
    } catch (RuntimeException e) {
      LOG.errorf("Recording %s: could not record its failure: %s", recording.id(), e);
    }
  }
}
