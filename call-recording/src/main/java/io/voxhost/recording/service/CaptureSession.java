package io.voxhost.recording.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A capture session while it is open: its recording row and its legs' receivers. */
public final class CaptureSession {

  private final Recording recording;
  private final List<CapturedLeg> legs;
  private final long openedMicros;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile String stopReason;

  CaptureSession(Recording recording, List<CapturedLeg> legs, long openedMicros) {
    this.recording = recording;
    this.legs = List.copyOf(legs);
    this.openedMicros = openedMicros;
  }

  public Recording recording() {
    return recording;
  }

  public List<CapturedLeg> legs() {
    return legs;
  }

  public long openedMicros() {
    return openedMicros;
  }

  /** The latest packet of any leg, or the opening when none came. */
  long lastActivityMicros() {
    long last = openedMicros;
    for (CapturedLeg leg : legs) {
      last = Math.max(last, leg.counters().lastPacketMicros());
    }
    return last;
  }

  /** True for the one caller that gets to stop it. */
  boolean beginStop(String reason) {
    if (stopping.compareAndSet(false, true)) {
      stopReason = reason;
      return true;
    }
    return false;
  }

  public boolean stopping() {
    return stopping.get();
  }

  public String stopReason() {
    return stopReason;
  }
}
