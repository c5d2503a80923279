package io.voxhost.recording.service;

import io.voxhost.media.api.AudioFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recording's mono PCM mix, made from its stereo G.711 master the first time it is asked for and
 * kept next to it ({@code <id>.mono.wav}): written to a temporary name, fsynced, renamed, then
 * noted in the row. Requests that arrive while it is being made wait for the same one.
 */
@ApplicationScoped
public class MonoMixes {

  private final RecordingFiles files;
  private final AudioFiles audio;
  private final RecordingStore recordings;
  private final Map<UUID, CompletableFuture<Recording.Mono>> making = new ConcurrentHashMap<>();

  MonoMixes(RecordingFiles files, AudioFiles audio, RecordingStore recordings) {
    this.files = files;
    this.audio = audio;
    this.recordings = recordings;
  }

  /** The mix of a completed recording, made now if it was not yet. */
  public Recording.Mono of(Recording r) throws IOException {
    if (r.mono() != null && Files.isRegularFile(files.resolve(r.mono().file()))) {
      return r.mono();
    }
    CompletableFuture<Recording.Mono> mine = new CompletableFuture<>();
    CompletableFuture<Recording.Mono> running = making.putIfAbsent(r.id(), mine);
    if (running != null) {
      return running.join();
    }
    try {
      Recording.Mono mono = make(r);
      mine.complete(mono);
      return mono;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      making.remove(r.id());
    }
  }

  private Recording.Mono make(Recording r) throws IOException {
    Path master = files.resolve(r.file());
    RecordingFiles.Stored stored =
        files.store(
            r.file().replaceFirst("\\.wav$", ".mono.wav"),
            temporary -> audio.monoFromChannels(master, temporary, true));
    Recording.Mono mono = new Recording.Mono(stored.relative(), stored.size(), stored.sha256());
    recordings.mono(r.id(), mono);
    return mono;
  }
}
