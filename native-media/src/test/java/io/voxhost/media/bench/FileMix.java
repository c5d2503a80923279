package io.voxhost.media.bench;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.service.CallMix;
import io.voxhost.media.service.CallMix.Layout;
import io.voxhost.media.service.CallMix.Track;
import io.voxhost.media.service.Implementations;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * File-to-file mixing of two legs, as bench/media.sh runs it against sox, ffmpeg and mixref:
 *
 * <pre>FileMix native|java mono|stereo|g711 caller.ulaw callee.ulaw out.wav REPS</pre>
 *
 * Prints one line per repetition (wall and CPU seconds of the mix alone, without the JVM's start),
 * then the median, in the anchor's terms: x realtime = audio seconds / wall seconds.
 */
public final class FileMix {

  private FileMix() {}

  public static void main(String[] args) throws Exception {
    MediaLibrary library =
        args[0].equals("native") ? Implementations.nativeOrSkip() : Implementations.java();
    Layout layout =
        switch (args[1]) {
          case "mono" -> Layout.MONO_PCM16;
          case "stereo" -> Layout.CHANNELS_PCM16;
          case "g711" -> Layout.CHANNELS_G711;
          default -> throw new IllegalArgumentException("mono, stereo or g711");
        };
    List<Track> tracks = List.of(Track.of(Path.of(args[2])), Track.of(Path.of(args[3])));
    Path out = Path.of(args[4]);
    int reps = Integer.parseInt(args[5]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CallMix mix = new CallMix(library);
    double[] walls = new double[reps];
    double[] cpus = new double[reps];
    long frames = 0;
    for (int r = 0; r < reps; r++) {
      Files.deleteIfExists(out);
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      frames = mix.mix(G711.ULAW, tracks, layout, out, false);
      walls[r] = (System.nanoTime() - t0) / 1e9;
      cpus[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      System.out.printf("rep %d wall %.4f s cpu %.4f s%n", r, walls[r], cpus[r]);
    }
    double audio = frames / 8000.0;
    Arrays.sort(walls);
    Arrays.sort(cpus);
    double wall = walls[reps / 2];
    double cpu = cpus[reps / 2];
    System.out.printf(
        "%s %s: %d frames, median wall %.4f s (x realtime %.0f), cpu %.4f s (x realtime %.0f)%n",
        library.implementation(), args[1], frames, wall, audio / wall, cpu, audio / cpu);
  }
}
