package io.voxhost.phones.cli;

import io.voxhost.phones.service.Audio;
import io.voxhost.phones.service.RecordingPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How calls are recorded: the share that opens a capture session, the law and the audio of each
 * leg, the loss and jitter its RTP meets, and the verification pass that reads a sample back.
 */
final class RecordingOptions {

  @Option(
      names = "--record-share",
      description =
          "Share of calls that open a recording session and stream both legs' RTP, 0 to 1"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  double share;

  @Option(
      names = "--codec",
      description = "PCMU or PCMA (default: ${DEFAULT-VALUE})",
      defaultValue = "PCMU")
  String codec;

  @Option(
      names = "--audio-caller",
      description =
          "Raw G.711 of --codec's law (8 kHz, one byte a sample) the caller's leg loops (default:"
              + " a recorded speaker bundled with the tool)")
  Path callerAudio;

  @Option(
      names = "--audio-callee",
      description = "The same for the callee's leg (default: the bundled second speaker)")
  Path calleeAudio;

  @Option(
      names = "--rtp-loss",
      description = "Share of RTP packets dropped at random, 0 to 1 (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  double loss;

  @Option(
      names = "--rtp-jitter",
      description =
          "The most a packet is held back past its time, uniformly at random (default:"
              + " ${DEFAULT-VALUE})",
      defaultValue = "PT0S",
      converter = RunCommand.DurationConverter.class)
  Duration jitter;

  @Option(
      names = "--max-rtp-streams",
      description =
          "RTP legs sent at once at most; past it a call is not recorded (default:"
              + " ${DEFAULT-VALUE})",
      defaultValue = "4000")
  int maxStreams;

  @Option(
      names = "--verify-sample",
      description =
          "Recordings read back after the call phase and checked (default: ${DEFAULT-VALUE})",
      defaultValue = "20")
  int verifySample;

  @Option(
      names = "--verify-wait",
      description = "How long each may take to be assembled (default: ${DEFAULT-VALUE})",
      defaultValue = "PT60S",
      converter = RunCommand.DurationConverter.class)
  Duration verifyWait;

  /** Whether any call is recorded. */
  boolean enabled() {
    return share > 0;
  }

  /** The options as a plan; a wrong value is an IllegalArgumentException naming it. */
  RecordingPlan plan() throws IOException {
    return plan(share, codec, callerAudio, calleeAudio, loss, jitter);
  }

  /**
   * A plan: {@code share} of calls recorded in {@code codec}, legs looping the given raw G.711
   * files (null: the bundled speech), with that loss and jitter.
   */
  static RecordingPlan plan(
      double share, String codec, Path caller, Path callee, double loss, Duration jitter)
      throws IOException {
    if (!codec.equals("PCMU") && !codec.equals("PCMA")) {
      throw new IllegalArgumentException("--codec is PCMU or PCMA");
    }
    int payloadType = codec.equals("PCMU") ? 0 : 8;
    String law = codec.equals("PCMU") ? "ulaw" : "alaw";
    return new RecordingPlan(
        share,
        codec,
        new Audio(payloadType, audio(caller, "caller." + law), loss, jitter),
        new Audio(payloadType, audio(callee, "callee." + law), loss, jitter));
  }

  private static byte[] audio(Path file, String bundled) throws IOException {
    if (file != null) {
      return Files.readAllBytes(file);
    }
    try (InputStream in = RecordingOptions.class.getResourceAsStream("/audio/" + bundled)) {
      if (in == null) {
        throw new IOException("the bundled audio " + bundled + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
