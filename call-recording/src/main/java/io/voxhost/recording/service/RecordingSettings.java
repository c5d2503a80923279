package io.voxhost.recording.service;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.role.RoleSettings;
import io.voxhost.recording.RecordingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The recording role's settings as its start takes them: the capture endpoint and the storage floor
 * read their values through these checks, and {@code voxhost check-config} runs them all.
 */
public final class RecordingSettings implements RoleSettings {

  public static final String ROLE = "recording";

  @Override
  public String role() {
    return ROLE;
  }

  @Override
  public List<Class<?>> mappings() {
    return List.of(RecordingConfig.class);
  }

  @Override
  public void check(SmallRyeConfig config) {
    RecordingConfig recording = config.getConfigMapping(RecordingConfig.class);
    requireRealPorts(recording);
    floorPercent(recording.freeSpaceFloor());
    floorBytes(recording.freeSpaceFloor());
  }

  @Override
  public Map<String, Path> directories(SmallRyeConfig config) {
    return config
        .getConfigMapping(RecordingConfig.class)
        .directory()
        .map(d -> Map.of("voxhost.recording.directory", d))
        .orElse(Map.of());
  }

  /** {@code voxhost.recording.listen}: a real range; port 0 cannot be given to a media server. */
  public static void requireRealPorts(RecordingConfig config) {
    if (config.listen().port() < 1) {
      throw new IllegalArgumentException(
          "voxhost.recording.listen needs real ports (host:first-last), not port 0");
    }
  }

  /** {@code voxhost.recording.free-space-floor.percent}, 0 to 100. */
  static double floorPercent(RecordingConfig.FreeSpaceFloor floor) {
    double percent = floor.percent();
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "voxhost.recording.free-space-floor.percent must be 0 to 100, not " + percent);
    }
    return percent;
  }

  /** {@code voxhost.recording.free-space-floor.bytes}, 0 or more. */
  static long floorBytes(RecordingConfig.FreeSpaceFloor floor) {
    long bytes = floor.bytes();
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "voxhost.recording.free-space-floor.bytes must be 0 or more, not " + bytes);
    }
    return bytes;
  }
}
