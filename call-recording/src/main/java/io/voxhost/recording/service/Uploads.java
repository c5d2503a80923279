package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.media.api.AudioFiles;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.recording.RecordingConfig;
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
import java.util.UUID;

/**
 * Recordings a PBX made itself: its segments (WAV of PCM16 or G.711, or raw G.711, one channel
 * each) placed on their legs at their offsets, and stored like a capture, as a stereo G.711 master.
 * Nothing is visible until all of it is on disk: the row is written last, after the file's rename;
 * a crash before leaves only a spool and a temporary file, which the next start removes.
 */
@ApplicationScoped
public class Uploads {

  private static final int CHUNK = 32768;

  /** G.711 at 8 kHz: samples, and bytes of a channel, per millisecond. */
  private static final long SAMPLES_PER_MS = 8;

  /** More than a WAV header takes; the master's size is its samples plus this, at most. */
  private static final long HEADER_BYTES = 4096;

  private final RecordingFiles files;
  private final AudioFiles audio;
  private final RecordingStore recordings;
  private final ObjectMapper json;
  private final CompletionWebhooks webhooks;
  private final StorageFloor storage;
  private final long maxSamples;

  Uploads(
      RecordingFiles files,
      AudioFiles audio,
      RecordingStore recordings,
      ObjectMapper json,
      CompletionWebhooks webhooks,
      StorageFloor storage,
      RecordingConfig config) {
    this.webhooks = webhooks;
    this.storage = storage;
    this.maxSamples = config.maxDuration().toMillis() * SAMPLES_PER_MS;
    this.files = files;
    this.audio = audio;
    this.recordings = recordings;
    this.json = json;
  }

  /** One uploaded segment: its leg, where it starts in the call, its format, its bytes. */
  public record Segment(String leg, long offsetMs, String format, Path file) {}

  public record Upload(
      String callId,
      String from,
      String to,
      String direction,
      String codec,
      Instant startedAt,
      Map<String, Object> metadata,
      List<Segment> segments) {}

  /**
   * Stores the upload as a completed recording. Before a byte is written, each segment's length is
   * read from its file (not from what the metadata claims), and the recording's end, offset plus
   * length, must be within {@code voxhost.recording.max-duration}, as a capture's is; what the
   * recording will take on disk (the legs' tracks and the master, silence included) must fit above
   * the volume's free-space floor ({@link StorageLow} otherwise). So a few bytes at a far offset
   * cannot fill the disk with silence.
   */
  public Recording store(UUID tenantId, Upload upload) throws IOException {
    validate(upload);
    long needed = bytesNeeded(upload.segments());
    try (StorageFloor.Reservation room = storage.admit("upload", needed)) {
      return write(tenantId, upload);
    }
  }

  private Recording write(UUID tenantId, Upload upload) throws IOException {
    G711 law = upload.codec().equals("PCMA") ? G711.ALAW : G711.ULAW;
    MediaLibrary library = audio.library();
    UUID id = UUID.randomUUID();
    Path spool = files.spool(id);
    RecordingFiles.createDirectories(spool);
    try {
      Map<String, List<Segment>> byLeg = new LinkedHashMap<>();
      for (Segment s : upload.segments()) {
        byLeg.computeIfAbsent(s.leg(), k -> new ArrayList<>()).add(s);
      }
      List<AudioFiles.AudioTrack> tracks = new ArrayList<>();
      List<Map<String, Object>> legs = new ArrayList<>();
      int index = 0;
      for (Map.Entry<String, List<Segment>> leg : byLeg.entrySet()) {
        Path track = spool.resolve(String.format("leg%02d.track", index++));
        long samples = writeTrack(library, law, leg.getValue(), track);
        tracks.add(new AudioFiles.AudioTrack(track, 0, MediaLibrary.UNITY));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", leg.getKey());
        m.put("segments", leg.getValue().size());
        m.put("samples", samples);
        legs.add(m);
      }
      Instant started = upload.startedAt() == null ? Instant.now() : upload.startedAt();
      long[] frames = new long[1];
      RecordingFiles.Stored stored =
          files.store(
              files.relative(tenantId, id, started),
              temporary -> frames[0] = audio.mixChannels(law, tracks, temporary, true));
      Instant now = Instant.now();
      Recording r =
          new Recording(
              id,
              tenantId,
              upload.callId(),
              upload.from(),
              upload.to(),
              upload.direction(),
              upload.codec(),
              "upload",
              RecordingStatus.COMPLETED,
              false,
              started,
              frames[0] / 8,
              tracks.size(),
              stored.size(),
              stored.sha256(),
              stored.relative(),
              json.writeValueAsString(legs),
              json.writeValueAsString(upload.metadata() == null ? Map.of() : upload.metadata()),
              null,
              now,
              now,
              null);
      try {
        recordings.insertFinished(r);
      } catch (RuntimeException e) {
        Files.deleteIfExists(files.resolve(stored.relative()));
        throw new IllegalStateException("Could not store the uploaded recording", e);
      }
      webhooks.completed(r);
      return r;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } finally {
      RecordingFiles.deleteTree(spool);
    }
  }

  /** A leg's segments, in offset order, as one track: silence between, overlaps trimmed. */
  private long writeTrack(MediaLibrary library, G711 law, List<Segment> segments, Path track)
      throws IOException {
    List<Segment> ordered =
        segments.stream().sorted(Comparator.comparingLong(Segment::offsetMs)).toList();
    ByteBuffer silence = ByteBuffer.allocate(CHUNK);
    for (int i = 0; i < CHUNK; i++) {
      silence.put(i, law.silence());
    }
    long written = 0;
    try (FileChannel out = RecordingFiles.createFile(track)) {
      for (Segment s : ordered) {
        long start = s.offsetMs() * 8;
        while (written < start) {
          int n = (int) Math.min(CHUNK, start - written);
          ByteBuffer b = silence.duplicate().limit(n);
          while (b.hasRemaining()) {
            out.write(b);
          }
          written += n;
        }
        long skip = written - start; // what an earlier segment already covers
        written += copy(library, law, s, out, skip);
      }
    }
    return written;
  }

  /** Appends a segment's audio as G.711 of {@code law}, its first {@code skip} samples left out. */
  private long copy(MediaLibrary library, G711 law, Segment s, FileChannel out, long skip)
      throws IOException {
    try (FileChannel in = FileChannel.open(s.file(), StandardOpenOption.READ)) {
      long offset = 0;
      long length = in.size();
      G711 from = law;
      boolean pcm = false;
      if (s.format().equals("wav")) {
        AudioFiles.WavInfo layout;
        try {
          layout = audio.readWav(in);
        } catch (AudioFiles.NotWav e) {
          throw invalid("segments", "a wav segment is not one we read: " + e.getMessage());
        }
        if (layout.channels() != 1) {
          throw invalid("segments", "a segment has one channel; split stereo files by leg");
        }
        offset = layout.dataOffset();
        length = layout.dataLength();
        pcm = layout.law() == null;
        from = pcm ? law : layout.law();
      } else {
        from = s.format().equals("pcma") ? G711.ALAW : G711.ULAW;
      }
      int width = pcm ? 2 : 1;
      long samples = length / width;
      long copied = 0;
      ByteBuffer raw = ByteBuffer.allocateDirect(CHUNK * 2);
      ByteBuffer pcmBuffer = ByteBuffer.allocateDirect(CHUNK * 2);
      ByteBuffer coded = ByteBuffer.allocateDirect(CHUNK);
      for (long at = Math.min(skip, samples); at < samples; at += CHUNK) {
        int n = (int) Math.min(CHUNK, samples - at);
        raw.clear().limit(n * width);
        long position = offset + at * width;
        while (raw.hasRemaining()) {
          if (in.read(raw, position + raw.position()) < 0) {
            throw invalid("segments", "a segment is shorter than its header says");
          }
        }
        raw.flip();
        ByteBuffer result;
        if (pcm) {
          coded.clear();
          library.encode(law, raw, coded);
          result = coded.flip();
        } else if (from != law) {
          pcmBuffer.clear();
          library.decode(from, raw, pcmBuffer);
          coded.clear();
          library.encode(law, pcmBuffer.flip(), coded);
          result = coded.flip();
        } else {
          result = raw;
        }
        while (result.hasRemaining()) {
          out.write(result);
        }
        copied += n;
      }
      return copied;
    }
  }

  /**
   * What the recording will take on disk while it is made: each leg's track (to its last segment's
   * end) and the master (the longest leg, one channel per leg). Refuses, naming the segment's
   * offsetMs, one that starts or ends past {@code max-duration}.
   */
  private long bytesNeeded(List<Segment> segments) throws IOException {
    long maxMs = maxSamples / SAMPLES_PER_MS;
    Map<String, Long> legEnds = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      long samples = samples(s, i);
      long end = s.offsetMs() * SAMPLES_PER_MS + samples;
      if (end > maxSamples) {
        String message =
            String.format(
                "offsetMs %d plus the segment's %d ms ends past the longest recording,"
                    + " %d ms (voxhost.recording.max-duration)",
                s.offsetMs(), samples / SAMPLES_PER_MS, maxMs);
        throw invalid("segments[" + i + "].offsetMs", message);
      }
      legEnds.merge(s.leg(), end, Math::max);
    }
    long tracks = legEnds.values().stream().mapToLong(Long::longValue).sum();
    long longest = legEnds.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return tracks + longest * legEnds.size() + HEADER_BYTES;
  }

  /**
   * A segment's length in samples, as its file holds them (a WAV's data no longer than the file).
   */
  private long samples(Segment s, int i) throws IOException {
    try (FileChannel in = FileChannel.open(s.file(), StandardOpenOption.READ)) {
      if (!s.format().equals("wav")) {
        return in.size();
      }
      AudioFiles.WavInfo layout;
      try {
        layout = audio.readWav(in);
      } catch (AudioFiles.NotWav e) {
        throw invalid("segments[" + i + "]", "a wav segment is not one we read: " + e.getMessage());
      }
      if (layout.channels() != 1) {
        throw invalid(
            "segments[" + i + "]", "a segment has one channel; split stereo files by leg");
      }
      long width = layout.law() == null ? 2 : 1;
      long data = Math.max(0, Math.min(layout.dataLength(), in.size() - layout.dataOffset()));
      return data / width;
    }
  }

  private void validate(Upload u) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (u.codec() == null || !(u.codec().equals("PCMU") || u.codec().equals("PCMA"))) {
      problems.add(new InvalidInput.FieldProblem("codec", "must be PCMU or PCMA"));
    }
    if (u.segments() == null || u.segments().isEmpty() || u.segments().size() > 256) {
      problems.add(new InvalidInput.FieldProblem("segments", "1 to 256 segments"));
    } else {
      long legs = u.segments().stream().map(Segment::leg).distinct().count();
      if (legs > 16) {
        problems.add(new InvalidInput.FieldProblem("segments", "at most 16 legs"));
      }
      long maxMs = maxSamples / SAMPLES_PER_MS;
      for (int i = 0; i < u.segments().size(); i++) {
        Segment s = u.segments().get(i);
        if (s.leg() == null || s.leg().isBlank() || s.leg().length() > 64) {
          problems.add(new InvalidInput.FieldProblem("segments", "each segment names its leg"));
          break;
        }
        if (s.offsetMs() < 0 || s.offsetMs() > maxMs) {
          problems.add(
              new InvalidInput.FieldProblem(
                  "segments[" + i + "].offsetMs",
                  "0 to " + maxMs + " ms, the longest recording (voxhost.recording.max-duration)"));
          break;
        }
        if (!List.of("wav", "pcmu", "pcma").contains(s.format())) {
          problems.add(new InvalidInput.FieldProblem("segments", "format wav, pcmu or pcma"));
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the upload is not valid", problems);
    }
  }

  private static InvalidInput invalid(String field, String message) {
    return new InvalidInput(message, List.of(new InvalidInput.FieldProblem(field, message)));
  }
}
