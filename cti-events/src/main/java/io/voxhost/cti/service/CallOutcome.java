package io.voxhost.cti.service;

/** How a call ended, once it has (cti.md, "Call records", says how each is decided). */
public enum CallOutcome {
  ANSWERED("answered"),
  TRANSFERRED("transferred"),
  ABANDONED("abandoned"),
  VOICEMAIL("voicemail"),
  BUSY("busy"),
  FAILED("failed"),
  NO_ANSWER("no-answer");

  private final String label;

  CallOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static CallOutcome of(String label) {
    for (CallOutcome o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("no call outcome " + label);
  }
}
